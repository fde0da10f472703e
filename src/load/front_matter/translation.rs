//! A translation's front matter and body (SPEC §12): its words, nothing
//! else. Like a main file, a translation with a mistake in its front matter
//! is still loaded, so that the references of its body are checked too (the
//! build stops anyway); what was wrong is left empty.

use std::path::Path;

use serde::Deserialize;

use super::front_matter;
use crate::diagnostic::{did_you_mean, Position};
use crate::load::yaml::{Ids, Located, Scalar, Yaml};
use crate::markdown;
use crate::model::edition::{fact_key_message, translatable_keys, Translation};
use crate::model::{EntityId, EntityKind};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TranslationFront {
    // Optional here so that a missing title hides no other error.
    title: Option<Scalar>,
    summary: Option<Scalar>,
    aliases: Option<Ids>,
}

/// Parses a translation file, `<id>.<tag>.md`, of an entity of `kind`: the
/// translation, if enough of it could be read, and every error in it. A key
/// of the main file's type is reported as a fact the translation cannot set.
pub(crate) fn parse_translation(
    kind: EntityKind,
    id: EntityId,
    tag: &str,
    file: &Path,
    text: &str,
) -> (Option<Translation>, Vec<Located>) {
    let (split, yaml) = match front_matter(text) {
        Ok(parsed) => parsed,
        Err(error) => return (None, vec![error]),
    };
    let has_aliases = kind == EntityKind::Party;
    let allowed = translatable_keys(has_aliases);
    let main_file = Translation::main_file_of(kind, &id, file);
    let mut errors = keys_not_translatable(&yaml, kind, allowed, &main_file);
    let read = yaml.deserialize_known::<TranslationFront>(allowed);
    errors.extend(read.errors);
    let Some(front) = read.value else {
        return (None, errors);
    };
    let title = match front.title {
        Some(title) if title.0.trim().is_empty() => {
            errors.push((yaml.value_at("title"), "the title is empty".to_owned()));
            String::new()
        }
        Some(title) => title.0,
        // Written wrong: that error is reported already.
        None if read.unread.iter().any(|key| key == "title") => String::new(),
        None => {
            let message = "missing required key \"title\"".to_owned();
            errors.push((Position::START, message));
            String::new()
        }
    };
    let body = markdown::scan(split.body.to_owned(), split.body_origin);
    errors.extend(body.problems.iter().cloned());
    let translation = Translation {
        id,
        kind,
        tag: tag.to_owned(),
        title,
        summary: front.summary.map(|s| s.0).filter(|s| !s.trim().is_empty()),
        aliases: front
            .aliases
            .map(|ids| ids.0.into_iter().map(|alias| alias.value).collect()),
        file: file.to_path_buf(),
        body: body.into(),
    };
    (Some(translation), errors)
}

/// Every key a translation cannot hold: a fact of the main file's type is
/// named as one, any other key gets a "did you mean".
fn keys_not_translatable(
    yaml: &Yaml,
    kind: EntityKind,
    allowed: &[&str],
    main_file: &Path,
) -> Vec<Located> {
    let has_aliases = kind == EntityKind::Party;
    let facts = super::keys_of(kind);
    yaml.keys()
        .filter(|(_, key)| !allowed.contains(key))
        .map(|(at, key)| {
            let message = if facts.contains(&key) {
                fact_key_message(key, main_file, has_aliases)
            } else {
                let hint = did_you_mean(key, allowed.iter().copied());
                format!("unknown key \"{key}\"{hint}")
            };
            (at, message)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::parse_translation;
    use crate::model::edition::Translation;
    use crate::model::{EntityId, EntityKind};
    use std::path::Path;

    fn translation(kind: EntityKind, text: &str) -> (Option<Translation>, Vec<(usize, String)>) {
        let file = format!("content/{}/x.en.md", kind.folder());
        let id = EntityId::parse("x").unwrap();
        let (translation, errors) = parse_translation(kind, id, "en", Path::new(&file), text);
        let errors = errors.into_iter().map(|(at, m)| (at.line, m)).collect();
        (translation, errors)
    }

    #[test]
    fn a_translation_holds_words_only() {
        let (party, errors) = translation(
            EntityKind::Party,
            "---\ntitle: Amazon\naliases: [AWS]\n---\nA cloud company.\n",
        );
        assert!(errors.is_empty(), "{errors:?}");
        let party = party.unwrap();
        assert_eq!(party.aliases, Some(vec!["AWS".to_owned()]));
        assert_eq!(party.body.markdown, "A cloud company.\n");
        let (_, errors) = translation(
            EntityKind::Event,
            "---\ntitle: Suit\nparties: [aws]\naliases: [x]\ntitel: y\n---\n",
        );
        let messages: Vec<(usize, &str)> = errors.iter().map(|(l, m)| (*l, m.as_str())).collect();
        assert_eq!(
            messages,
            [
                (3, "\"parties\" cannot be set in a translation: it comes from the main file content/events/x.md (a translation holds only title, summary and its own text)"),
                (4, "unknown key \"aliases\""),
                (5, "unknown key \"titel\" (did you mean \"title\"?)"),
            ]
        );
    }

    #[test]
    fn a_translation_with_a_wrong_key_keeps_its_words_and_body() {
        let (event, errors) = translation(
            EntityKind::Event,
            "---\ntitle: Suit\ndate: 2021\nsummary: [x]\n---\nSee [[aws]] and [[unclosed.\n",
        );
        let event = event.expect("loaded so that its links are checked");
        assert_eq!(event.title, "Suit");
        assert_eq!(event.summary, None);
        assert_eq!(event.body.markdown, "See [[aws]] and [[unclosed.\n");
        let lines: Vec<usize> = errors.iter().map(|(line, _)| *line).collect();
        assert_eq!(lines, [3, 4, 6], "{errors:?}");
    }

    #[test]
    fn a_title_is_missing_once_and_empty_where_written() {
        let (_, errors) = translation(EntityKind::Claim, "---\nsummary: x\n---\n");
        assert_eq!(errors, [(1, "missing required key \"title\"".to_owned())]);
        let (_, errors) = translation(EntityKind::Claim, "---\ntitel: x\n---\n");
        assert_eq!(
            errors,
            [(
                2,
                "unknown key \"titel\" (did you mean \"title\"?)".to_owned()
            )]
        );
        let (_, errors) = translation(EntityKind::Claim, "---\ntitle: \" \"\n---\n");
        assert_eq!(errors, [(2, "the title is empty".to_owned())]);
        let (translation, errors) = translation(EntityKind::Claim, "---\n- a\n---\n");
        assert!(translation.is_none());
        assert_eq!(errors.len(), 1);
    }
}
