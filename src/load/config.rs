//! `casebook.yaml`: the site's settings, checked once at load time.

use serde::Deserialize;

use crate::diagnostic::Position;
use crate::load::yaml::{Located, Yaml};
use crate::model::date::Language;

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
    title: String,
    description: Option<String>,
    language: Option<String>,
    base_url: Option<String>,
    theme: Option<String>,
    case: Option<CaseInfo>,
}

const KEYS: &[&str] = &[
    "title",
    "description",
    "language",
    "base_url",
    "theme",
    "case",
];

impl Config {
    /// Parses the text of `casebook.yaml`; errors carry their position in it.
    pub(crate) fn parse(text: &str) -> Result<Config, Vec<Located>> {
        let yaml = Yaml::parse(text, Position::START).map_err(|error| vec![error])?;
        let raw: RawConfig = yaml.deserialize(KEYS)?;
        let mut errors = Vec::new();
        let language_tag = raw.language.unwrap_or_else(|| "en".to_owned());
        let language = Language::from_tag(&language_tag).unwrap_or_else(|| {
            errors.push((
                yaml.value_at("language"),
                format!(
                    "unsupported language \"{language_tag}\": casebook knows \"de\" and \"en\""
                ),
            ));
            Language::En
        });
        let base_url = match raw.base_url.as_deref().map(normalize_base_url) {
            Some(Err(message)) => {
                errors.push((yaml.value_at("base_url"), message));
                None
            }
            Some(Ok(url)) => url,
            None => None,
        };
        if raw.title.trim().is_empty() {
            errors.push((yaml.value_at("title"), "the site title is empty".to_owned()));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Config {
            title: raw.title,
            description: raw.description,
            language_tag,
            language,
            base_url,
            theme: raw.theme.unwrap_or_else(|| "default".to_owned()),
            theme_at: yaml.value_at("theme"),
            case: raw.case,
        })
    }
}

/// A base URL must be absolute; it is kept with exactly one trailing `/`.
/// A bare `/` (as the benchmark corpora write) means "no absolute URLs".
pub(crate) fn normalize_base_url(url: &str) -> Result<Option<String>, String> {
    let url = url.trim();
    let absolute = ["http://", "https://"]
        .iter()
        .any(|scheme| url.starts_with(scheme) && url.len() > scheme.len());
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
        let config = Config::parse(
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
        let errors = Config::parse("title: x\nlanguag: de\n").unwrap_err();
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
                Config::parse(text).unwrap_err(),
                vec![(Position::START, "missing required key \"title\"".to_owned())],
                "{text:?}"
            );
        }
    }

    #[test]
    fn the_theme_keeps_where_it_was_written() {
        let config = Config::parse("title: x\ntheme:  dark\n").unwrap();
        assert_eq!(
            (config.theme.as_str(), config.theme_at),
            ("dark", Position::new(2, 9))
        );
        let config = Config::parse("title: x\n").unwrap();
        assert_eq!(
            (config.theme.as_str(), config.theme_at),
            ("default", Position::START)
        );
    }

    #[test]
    fn unknown_languages_are_errors() {
        let errors = Config::parse("title: x\nlanguage: fr\n").unwrap_err();
        assert_eq!(errors[0].0, Position::new(2, 11));
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
