//! `casebook.yaml`: the site's settings, checked once at load time.

use std::fmt;

use serde::de::{MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

use crate::diagnostic::Position;
use crate::load::yaml::{Located, Marked, Yaml};
use crate::model::date::Language;
use crate::model::edition::{is_language_tag, Edition};
use crate::model::language::LanguageTag;

/// The site configuration.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Config {
    pub(crate) title: String,
    pub(crate) description: Option<String>,
    /// The BCP 47 tag as written (`de`, `en-GB`).
    pub(crate) language_tag: String,
    pub(crate) language: Language,
    /// Absolute, ending in `/`; only for sitemap, feed and canonical links.
    pub(crate) base_url: Option<String>,
    pub(crate) theme: String,
    /// Where `theme` was written, for "theme not found".
    pub(crate) theme_at: Position,
    pub(crate) case: Option<CaseInfo>,
    /// Whether every page gets a drawn 1200×630 share image (`share_images`).
    pub(crate) share_images: bool,
    /// The further editions (`translations`), in the order written.
    pub(crate) translations: Vec<TranslationSettings>,
}

/// One further language of the site and its words for the site settings;
/// what it leaves out is the main settings' (SPEC §12).
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TranslationSettings {
    #[serde(skip)]
    pub(crate) tag: String,
    #[serde(skip)]
    pub(crate) language: Option<Language>,
    pub(crate) title: Option<String>,
    pub(crate) description: Option<String>,
    pub(crate) case: Option<CaseInfo>,
}

/// The case's metadata, shown on the overview.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CaseInfo {
    pub(crate) name: Option<String>,
    pub(crate) court: Option<String>,
    pub(crate) docket: Option<String>,
    pub(crate) status: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    // Optional here so that a missing title hides no other error.
    title: Option<String>,
    description: Option<String>,
    language: Option<String>,
    base_url: Option<String>,
    theme: Option<String>,
    case: Option<CaseInfo>,
    #[serde(default)]
    share_images: bool,
    translations: Option<RawTranslations>,
}

const KEYS: &[&str] = &[
    "title",
    "description",
    "language",
    "base_url",
    "theme",
    "case",
    "share_images",
    "translations",
];

/// `translations`: a list of languages (`[en]`), or a mapping from each
/// language to its words (`en: {title: …}`, or `en:` with nothing).
struct RawTranslations(Vec<(Marked<String>, TranslationSettings)>);

impl<'de> Deserialize<'de> for RawTranslations {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Languages;

        impl<'de> Visitor<'de> for Languages {
            type Value = RawTranslations;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list of languages ([en]) or a mapping from each language to its title, description and case")
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawTranslations, A::Error> {
                let mut list = Vec::new();
                while let Some(tag) = seq.next_element::<Marked<String>>()? {
                    list.push((tag, TranslationSettings::default()));
                }
                Ok(RawTranslations(list))
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawTranslations, A::Error> {
                let mut list = Vec::new();
                while let Some((tag, words)) =
                    map.next_entry::<Marked<String>, Option<TranslationSettings>>()?
                {
                    list.push((tag, words.unwrap_or_default()));
                }
                Ok(RawTranslations(list))
            }
        }

        deserializer.deserialize_any(Languages)
    }
}

/// The site's language: a well-formed tag that casebook has strings and
/// date formats for.
fn site_language(written: &str) -> Result<Language, String> {
    let tag = LanguageTag::parse(written)?;
    Language::from_tag(tag.as_str()).ok_or_else(|| {
        format!("unsupported language \"{written}\": casebook knows \"de\" and \"en\"")
    })
}

impl Config {
    /// Parses the text of `casebook.yaml`: the settings that could be read
    /// (what was wrong left at its default) and every error, with its position.
    pub(crate) fn parse(text: &str) -> (Option<Config>, Vec<Located>) {
        let yaml = match Yaml::parse(text, Position::START) {
            Ok(yaml) => yaml,
            Err(error) => return (None, vec![error]),
        };
        let read = yaml.deserialize::<RawConfig>(KEYS);
        let mut errors = read.errors;
        let Some(raw) = read.value else {
            return (None, errors);
        };
        let unread = read.unread;
        let written_tag = raw.language.unwrap_or_else(|| "en".to_owned());
        let (language_tag, language) = match site_language(&written_tag) {
            Ok(language) => (written_tag.clone(), language),
            Err(message) => {
                errors.push((yaml.value_at("language"), message));
                // Read on in English: the theme has no table for an unknown language.
                ("en".to_owned(), Language::En)
            }
        };
        let base_url = match raw.base_url.as_deref().map(normalize_base_url) {
            Some(Err(message)) => {
                errors.push((yaml.value_at("base_url"), message));
                None
            }
            Some(Ok(url)) => url,
            None => None,
        };
        if let Some(theme) = raw.theme.as_deref().filter(|theme| !is_theme_name(theme)) {
            errors.push((
                yaml.value_at("theme"),
                format!("theme \"{theme}\" is not a theme name: a theme is a folder under themes/, named by its name alone (like \"default\"), not a path"),
            ));
        }
        match &raw.title {
            Some(title) if title.trim().is_empty() => {
                errors.push((yaml.value_at("title"), "the site title is empty".to_owned()));
            }
            Some(_) => {}
            // Written wrong: that error is reported already.
            None if unread.iter().any(|key| key == "title") => {}
            None => errors.push((Position::START, "missing required key \"title\"".to_owned())),
        }
        let translations = translations(raw.translations, &written_tag, &mut errors);
        let config = Config {
            title: raw.title.unwrap_or_default(),
            description: raw.description,
            language_tag,
            language,
            base_url,
            // A path in place of a name is reported above; read on with the
            // default theme rather than look for a folder outside themes/.
            theme: raw
                .theme
                .filter(|theme| is_theme_name(theme))
                .unwrap_or_else(|| "default".to_owned()),
            theme_at: yaml.value_at("theme"),
            case: raw.case,
            share_images: raw.share_images,
            translations,
        };
        (Some(config), errors)
    }

    /// The settings if they have no error at all.
    #[cfg(test)]
    fn parse_strict(text: &str) -> Result<Config, Vec<Located>> {
        match Config::parse(text) {
            (Some(config), errors) if errors.is_empty() => Ok(config),
            (_, errors) => Err(errors),
        }
    }

    /// Every edition: the main one first, then the translations as listed.
    pub(crate) fn editions(&self) -> Vec<Edition> {
        let main = Edition {
            tag: self.language_tag.clone(),
            language: self.language,
            main: true,
        };
        let further = self.translations.iter().map(|t| Edition {
            tag: t.tag.clone(),
            language: t.language.unwrap_or(self.language),
            main: false,
        });
        std::iter::once(main).chain(further).collect()
    }

    /// The settings as an edition sees them: its language, and its words
    /// where it has its own, the main ones where not.
    pub(crate) fn for_edition(&self, edition: &Edition) -> Config {
        let Some(words) = self.translations.iter().find(|t| t.tag == edition.tag) else {
            return self.clone();
        };
        let case = match (&self.case, &words.case) {
            (Some(main), Some(own)) => Some(CaseInfo {
                name: own.name.clone().or_else(|| main.name.clone()),
                court: own.court.clone().or_else(|| main.court.clone()),
                docket: own.docket.clone().or_else(|| main.docket.clone()),
                status: own.status.clone().or_else(|| main.status.clone()),
            }),
            (main, own) => own.clone().or_else(|| main.clone()),
        };
        Config {
            title: words.title.clone().unwrap_or_else(|| self.title.clone()),
            description: words
                .description
                .clone()
                .or_else(|| self.description.clone()),
            language_tag: edition.tag.clone(),
            language: edition.language,
            case,
            ..self.clone()
        }
    }
}

/// The listed translations, each checked: a language casebook knows, as a
/// lowercase tag (it names a folder and a file suffix), neither the main
/// language nor listed twice.
fn translations(
    raw: Option<RawTranslations>,
    main: &str,
    errors: &mut Vec<Located>,
) -> Vec<TranslationSettings> {
    let mut settings: Vec<TranslationSettings> = Vec::new();
    for (tag, mut words) in raw.map(|raw| raw.0).unwrap_or_default() {
        let (at, tag) = (tag.at, tag.value);
        let problem = if !is_language_tag(&tag) {
            Some(format!("translation \"{tag}\" is not a lowercase language tag (like \"en\" or \"en-gb\"): it names the edition's folder and the suffix of its files"))
        } else if Language::from_tag(&tag).is_none() {
            Some(format!(
                "unsupported language \"{tag}\" in translations: casebook knows \"de\" and \"en\""
            ))
        } else if tag.eq_ignore_ascii_case(main) {
            Some(format!(
                "translation \"{tag}\" is the site's own language: list only further languages"
            ))
        } else if settings.iter().any(|known| known.tag == tag) {
            Some(format!("translation \"{tag}\" is listed twice"))
        } else {
            None
        };
        match problem {
            Some(message) => errors.push((at, message)),
            None => {
                words.language = Language::from_tag(&tag);
                words.tag = tag;
                settings.push(words);
            }
        }
    }
    settings
}

/// `default`, `my-theme_2`: a folder name, never a path (`../x`, `/etc`).
fn is_theme_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// A base URL must be absolute; it is kept with exactly one trailing `/`.
/// A bare `/` (as the benchmark corpora write) means "no absolute URLs".
pub(crate) fn normalize_base_url(url: &str) -> Result<Option<String>, String> {
    let url = url.trim();
    // A host after the scheme, and nothing a browser would mangle or run.
    let absolute = ["http://", "https://"].iter().any(|scheme| {
        url.strip_prefix(scheme).is_some_and(|rest| {
            let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
            !host.is_empty() && !rest.chars().any(|c| c.is_whitespace() || c.is_control())
        })
    });
    if url == "/" || url.is_empty() {
        return Ok(None);
    }
    if !absolute {
        return Err(format!(
            "base_url \"{url}\" is not an absolute http(s) URL (like \"https://example.org/case/\")"
        ));
    }
    Ok(Some(format!("{}/", url.trim_end_matches('/'))))
}

#[cfg(test)]
mod tests {
    use super::{normalize_base_url, Config};
    use crate::diagnostic::Position;
    use crate::model::date::Language;

    #[test]
    fn reads_a_full_config() {
        let config = Config::parse_strict(
            "title: Parler gegen Amazon\nlanguage: de\nbase_url: https://example.org/parler\ncase:\n  docket: \"2:21-cv-00031\"\n",
        )
        .unwrap();
        assert_eq!(config.language, Language::De);
        assert_eq!(
            config.base_url.as_deref(),
            Some("https://example.org/parler/")
        );
        assert_eq!(config.theme, "default");
        assert_eq!(
            config.case.unwrap().docket.as_deref(),
            Some("2:21-cv-00031")
        );
    }

    #[test]
    fn unknown_keys_are_errors_with_a_suggestion() {
        let errors = Config::parse_strict("title: x\nlanguag: de\n").unwrap_err();
        assert_eq!(
            errors,
            vec![(
                Position::new(2, 1),
                "unknown key \"languag\" (did you mean \"language\"?)".to_owned()
            )]
        );
    }

    #[test]
    fn a_missing_title_is_reported_on_the_first_line() {
        for text in ["language: de\n", "# The case\n\nlanguage: de\n", ""] {
            assert_eq!(
                Config::parse_strict(text).unwrap_err(),
                vec![(Position::START, "missing required key \"title\"".to_owned())],
                "{text:?}"
            );
        }
    }

    #[test]
    fn the_theme_keeps_where_it_was_written() {
        let config = Config::parse_strict("title: x\ntheme:  dark\n").unwrap();
        assert_eq!(
            (config.theme.as_str(), config.theme_at),
            ("dark", Position::new(2, 9))
        );
        let config = Config::parse_strict("title: x\n").unwrap();
        assert_eq!(
            (config.theme.as_str(), config.theme_at),
            ("default", Position::START)
        );
    }

    #[test]
    fn unknown_languages_are_errors() {
        let errors = Config::parse_strict("title: x\nlanguage: fr\n").unwrap_err();
        assert_eq!(errors[0].0, Position::new(2, 11));
    }

    #[test]
    fn translations_are_a_list_or_a_mapping_with_the_sites_words() {
        let listed =
            Config::parse_strict("title: Fall\nlanguage: de\ntranslations: [en]\n").unwrap();
        let tags: Vec<String> = listed.editions().into_iter().map(|e| e.tag).collect();
        assert_eq!(tags, ["de", "en"]);
        let config = Config::parse_strict(
            "title: Fall\nlanguage: de\ncase:\n  name: A v. B\n  status: offen\ntranslations:\n  en:\n    title: Case\n    case:\n      status: pending\n",
        )
        .unwrap();
        let english = config.for_edition(&config.editions()[1]);
        assert_eq!(english.title, "Case");
        assert_eq!(english.language, Language::En);
        let case = english.case.unwrap();
        assert_eq!(case.status.as_deref(), Some("pending"));
        assert_eq!(case.name.as_deref(), Some("A v. B"));
        let bare =
            Config::parse_strict("title: Fall\nlanguage: de\ntranslations:\n  en:\n").unwrap();
        assert_eq!(bare.for_edition(&bare.editions()[1]).title, "Fall");
    }

    #[test]
    fn translations_must_be_further_known_languages() {
        let errors =
            Config::parse_strict("title: x\nlanguage: de\ntranslations: [de, fr, EN, en, en]\n")
                .unwrap_err();
        let messages: Vec<&str> = errors.iter().map(|(_, m)| m.as_str()).collect();
        assert_eq!(
            messages,
            [
                "translation \"de\" is the site's own language: list only further languages",
                "unsupported language \"fr\" in translations: casebook knows \"de\" and \"en\"",
                "translation \"EN\" is not a lowercase language tag (like \"en\" or \"en-gb\"): it names the edition's folder and the suffix of its files",
                "translation \"en\" is listed twice",
            ]
        );
        assert_eq!(errors[1].0, Position::new(3, 20));
        let errors =
            Config::parse_strict("title: x\ntranslations:\n  de:\n    titel: Fall\n").unwrap_err();
        assert_eq!(
            errors,
            [(
                Position::new(4, 5),
                "unknown key \"titel\" in \"translations.de\" (did you mean \"title\"?)".to_owned()
            )]
        );
    }

    #[test]
    fn base_urls_must_be_absolute() {
        assert!(normalize_base_url("example.org").is_err());
        assert_eq!(
            normalize_base_url("https://a.b//").unwrap().as_deref(),
            Some("https://a.b/")
        );
        assert_eq!(normalize_base_url("/").unwrap(), None);
    }
}
