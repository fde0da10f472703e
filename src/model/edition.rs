//! Editions (SPEC §12): the site in its main language at the output root, and
//! one edition per translation (`translations` in casebook.yaml) under `<tag>/`.
//!
//! Everything here is about names and places, so that load, resolve and render
//! agree on them: which content file is a translation (`parler.en.md`), where an
//! edition's pages go, how one page of an edition links to the same page of
//! every other, and the messages for a translation that cannot be published.
//! The words of an edition live in the case; the facts exist once, in the main
//! files, so two editions cannot disagree about a date or a relation.

use std::path::{Path, PathBuf};

use crate::diagnostic::display_path;
use crate::model::date::Language;
use crate::model::{Body, EntityId, EntityKind};

/// One language edition of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Edition {
    /// The language tag as written in casebook.yaml (`de`, `en`, `pt-br`).
    pub(crate) tag: String,
    /// The language of its interface strings and dates.
    pub(crate) language: Language,
    /// Whether this is the main edition (`language`), at the output root.
    pub(crate) main: bool,
}

impl Edition {
    /// The edition's folder in the output, relative to the output root:
    /// empty for the main edition, `en/` for a translation into `en`.
    pub(crate) fn prefix(&self) -> String {
        if self.main {
            String::new()
        } else {
            format!("{}/", self.tag)
        }
    }
}

/// A translation file, `content/<type>/<id>.<tag>.md` (or `content/index.<tag>.md`):
/// the words of one entity in one more language, and nothing else.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Translation {
    /// The id of the entity it translates (`index` for the overview).
    pub(crate) id: EntityId,
    /// The type its folder gives it; the main file must be of the same type.
    pub(crate) kind: EntityKind,
    /// The language tag from the file name.
    pub(crate) tag: String,
    pub(crate) title: String,
    /// Its own summary; none where it has none (not the main file's).
    pub(crate) summary: Option<String>,
    /// A party's aliases in this language; `None` keeps the main file's.
    pub(crate) aliases: Option<Vec<String>>,
    /// The translation file, relative to the site root.
    pub(crate) file: PathBuf,
    pub(crate) body: std::sync::Arc<Body>,
}

impl Translation {
    /// The main file this one translates: the same folder and id, without the tag.
    pub(crate) fn main_file(&self) -> PathBuf {
        Translation::main_file_of(self.kind, &self.id, &self.file)
    }

    /// The main file of the translation `file` of the entity `id`.
    pub(crate) fn main_file_of(kind: EntityKind, id: &EntityId, file: &Path) -> PathBuf {
        let name = match kind {
            EntityKind::Index => "index.md".to_owned(),
            _ => format!("{id}.md"),
        };
        file.with_file_name(name)
    }
}

/// Whether `text` can name a translation, in a file name and as an output
/// folder: lowercase, a primary subtag of two or three letters, then subtags
/// of letters and digits (`en`, `de-at`, `pt-br`).
pub(crate) fn is_language_tag(text: &str) -> bool {
    let mut parts = text.split('-');
    let primary = parts.next().unwrap_or_default();
    let primary_ok =
        (2..=3).contains(&primary.len()) && primary.bytes().all(|b| b.is_ascii_lowercase());
    primary_ok
        && parts.all(|part| {
            (1..=8).contains(&part.len())
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// A content file's stem, split into the id of its entity and, for a
/// translation, its language: `parler.en` → (`parler`, `Some("en")`). A stem
/// whose part after the last dot is not a language tag stays whole; it is no
/// valid id then, and the loader says so as for any bad file name.
pub(crate) fn split_stem(stem: &str) -> (&str, Option<&str>) {
    match stem.rsplit_once('.') {
        Some((id, tag)) if !id.is_empty() && is_language_tag(tag) => (id, Some(tag)),
        _ => (stem, None),
    }
}

/// The same page in one edition, as seen from a page of the current one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Alternate<'e> {
    pub(crate) edition: &'e Edition,
    /// Relative to the current page's folder, like every internal link.
    pub(crate) href: String,
    /// Absolute under the base URL where there is one (for `hreflang` and the
    /// sitemap); otherwise the relative `href`.
    pub(crate) url: String,
    /// Whether this is the edition the page itself belongs to.
    pub(crate) current: bool,
}

/// The page at `path` (relative to an edition's root: `parties/parler/`,
/// empty for the overview) in every edition, seen from its copy in
/// `editions[current]`. Empty for a site of one language: it has nothing to
/// switch to.
pub(crate) fn alternates<'e>(
    editions: &'e [Edition],
    current: usize,
    path: &str,
    base_url: Option<&str>,
) -> Vec<Alternate<'e>> {
    if editions.len() < 2 {
        return Vec::new();
    }
    let here = format!("{}{path}", editions[current].prefix());
    let up = match here.matches('/').count() {
        0 => "./".to_owned(),
        depth => "../".repeat(depth),
    };
    editions
        .iter()
        .enumerate()
        .map(|(index, edition)| {
            let there = format!("{}{path}", edition.prefix());
            let href = format!("{up}{there}");
            Alternate {
                edition,
                url: base_url.map_or_else(|| href.clone(), |base| format!("{base}{there}")),
                href,
                current: index == current,
            }
        })
        .collect()
}

/// The keys a translation may set: its words, never a fact of the main file.
pub(crate) fn translatable_keys(has_aliases: bool) -> &'static [&'static str] {
    if has_aliases {
        &["title", "summary", "aliases"]
    } else {
        &["title", "summary"]
    }
}

/// A key of the main file's type set in a translation (`date`, `parties`).
pub(crate) fn fact_key_message(key: &str, main_file: &Path, has_aliases: bool) -> String {
    let holds = if has_aliases {
        "title, summary, aliases and its own text"
    } else {
        "title, summary and its own text"
    };
    format!(
        "\"{key}\" cannot be set in a translation: it comes from the main file {} (a translation holds only {holds})",
        display_path(main_file)
    )
}

/// A translation whose main file does not exist; `nearest` is a similar id of
/// the same type, if there is one.
pub(crate) fn missing_main_message(id: &str, main_file: &Path, nearest: Option<&str>) -> String {
    let hint = nearest
        .map(|id| format!(" (did you mean \"{id}\"?)"))
        .unwrap_or_default();
    format!(
        "a translation of \"{id}\", but there is no {} to translate{hint}",
        display_path(main_file)
    )
}

/// A translation into a language casebook.yaml does not list.
pub(crate) fn unlisted_language_message(tag: &str, listed: &[&str]) -> String {
    if listed.is_empty() {
        format!("a translation into \"{tag}\", but casebook.yaml lists no translations (add \"translations: [{tag}]\" to publish it)")
    } else {
        format!(
            "a translation into \"{tag}\", which casebook.yaml does not list in translations (it lists: {})",
            listed.join(", ")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::{
        alternates, fact_key_message, is_language_tag, missing_main_message, split_stem,
        unlisted_language_message, Edition, Translation,
    };
    use crate::diagnostic::Position;
    use crate::model::date::Language;
    use crate::model::{Body, EntityId, EntityKind};
    use std::path::{Path, PathBuf};

    fn editions() -> Vec<Edition> {
        vec![
            Edition {
                tag: "de".into(),
                language: Language::De,
                main: true,
            },
            Edition {
                tag: "en".into(),
                language: Language::En,
                main: false,
            },
        ]
    }

    #[test]
    fn translation_files_carry_their_language_after_the_id() {
        assert_eq!(split_stem("parler.en"), ("parler", Some("en")));
        assert_eq!(split_stem("index.en"), ("index", Some("en")));
        assert_eq!(split_stem("aws.pt-br"), ("aws", Some("pt-br")));
        assert_eq!(split_stem("parler"), ("parler", None));
        // Not a language: the stem stays whole and is reported as a bad name.
        assert_eq!(split_stem("parler.EN"), ("parler.EN", None));
        assert_eq!(split_stem("parler.v2"), ("parler.v2", None));
        assert_eq!(split_stem(".en"), (".en", None));
    }

    #[test]
    fn a_translation_names_its_main_file() {
        let translation = |kind, id: &str, file: &str| Translation {
            id: EntityId::parse(id).unwrap(),
            kind,
            tag: "en".into(),
            title: "T".into(),
            summary: None,
            aliases: None,
            file: PathBuf::from(file),
            body: Body {
                markdown: String::new(),
                digest: 0,
                origin: Position::START,
                headings: Vec::new(),
                links: Vec::new(),
                link_spans: Vec::new(),
                problems: Vec::new(),
            }
            .into(),
        };
        assert_eq!(
            translation(EntityKind::Party, "parler", "content/parties/parler.en.md").main_file(),
            PathBuf::from("content/parties/parler.md")
        );
        assert_eq!(
            translation(EntityKind::Index, "index", "content/index.en.md").main_file(),
            PathBuf::from("content/index.md")
        );
    }

    #[test]
    fn language_tags_are_lowercase_bcp47_shapes() {
        for tag in ["en", "de", "gsw", "de-at", "pt-br", "zh-hant"] {
            assert!(is_language_tag(tag), "{tag}");
        }
        for tag in [
            "",
            "e",
            "english",
            "EN",
            "en-",
            "en_gb",
            "1a",
            "en-toolongsubtag",
        ] {
            assert!(!is_language_tag(tag), "{tag}");
        }
    }

    #[test]
    fn the_main_edition_is_at_the_root_and_translations_in_their_folder() {
        let editions = editions();
        assert_eq!(editions[0].prefix(), "");
        assert_eq!(editions[1].prefix(), "en/");
    }

    #[test]
    fn alternates_lead_to_the_same_page_in_every_edition() {
        let editions = editions();
        let from_main = alternates(&editions, 0, "parties/parler/", None);
        let hrefs: Vec<&str> = from_main.iter().map(|a| a.href.as_str()).collect();
        assert_eq!(hrefs, ["../../parties/parler/", "../../en/parties/parler/"]);
        assert!(from_main[0].current && !from_main[1].current);
        let from_english = alternates(
            &editions,
            1,
            "parties/parler/",
            Some("https://example.org/case/"),
        );
        let hrefs: Vec<&str> = from_english.iter().map(|a| a.href.as_str()).collect();
        assert_eq!(
            hrefs,
            ["../../../parties/parler/", "../../../en/parties/parler/"]
        );
        assert_eq!(
            from_english[1].url,
            "https://example.org/case/en/parties/parler/"
        );
        assert!(from_english[1].current);
    }

    #[test]
    fn the_overviews_link_to_each_other() {
        let editions = editions();
        let hrefs = |current| -> Vec<String> {
            alternates(&editions, current, "", None)
                .into_iter()
                .map(|a| a.href)
                .collect()
        };
        assert_eq!(hrefs(0), ["./", "./en/"]);
        assert_eq!(hrefs(1), ["../", "../en/"]);
    }

    #[test]
    fn a_site_of_one_language_has_no_alternates() {
        let editions = &editions()[..1];
        assert!(alternates(editions, 0, "timeline/", None).is_empty());
    }

    #[test]
    fn messages_name_the_key_the_main_file_and_the_languages() {
        assert_eq!(
            fact_key_message("date", Path::new("content/events/klage.md"), false),
            "\"date\" cannot be set in a translation: it comes from the main file content/events/klage.md (a translation holds only title, summary and its own text)"
        );
        assert_eq!(
            missing_main_message("parlr", Path::new("content/parties/parlr.md"), Some("parler")),
            "a translation of \"parlr\", but there is no content/parties/parlr.md to translate (did you mean \"parler\"?)"
        );
        assert_eq!(
            unlisted_language_message("fr", &["en"]),
            "a translation into \"fr\", which casebook.yaml does not list in translations (it lists: en)"
        );
        assert_eq!(
            unlisted_language_message("en", &[]),
            "a translation into \"en\", but casebook.yaml lists no translations (add \"translations: [en]\" to publish it)"
        );
    }
}
