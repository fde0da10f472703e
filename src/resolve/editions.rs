//! Editions (SPEC §12): one `Case` per language. The main edition is the case
//! `resolve` builds from the main files; each translation's edition is the same
//! case with the words of its translation files laid over the main files'
//! (title, summary, aliases, body), so its facts are the main files' by
//! construction. Each edition has its own backlinks, from the texts it shows,
//! and its own link checks: a link in a translation must reach a page, and a
//! heading, of its own edition.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use crate::diagnostic::{suggest, Diagnostic, Position};
use crate::model::edition::{
    missing_main_message, unlisted_language_message, Edition, Translation,
};
use crate::model::{Document, Entity, EntityKind, EntityRef};
use crate::resolve::backlinks;
use crate::resolve::case::{Case, Target, Untranslated};
use crate::resolve::check::Checker;

/// The case of every edition, the main one first, or every problem found:
/// the main files', and the translations' own (a fact set in a translation is
/// the loader's; a translation without its main file, in a language not
/// listed, or with a link that does not resolve in its edition, is found here).
pub(crate) fn resolve_editions(
    documents: Vec<Document>,
    translations: Vec<Translation>,
    editions: &[Edition],
    broken_files: &HashSet<PathBuf>,
    static_names: &HashSet<String>,
    include_drafts: bool,
) -> Result<Vec<Case>, Vec<Diagnostic>> {
    let broken = super::Broken::of(broken_files);
    let mut diagnostics = check_translations(&documents, &translations, editions, &broken.ids);
    diagnostics.extend(pages_named_like_editions(
        &documents,
        editions,
        include_drafts,
    ));
    let overlaid: Vec<(&Edition, Overlaid)> = editions
        .iter()
        .filter(|edition| !edition.main)
        .map(|edition| (edition, overlay(&documents, &translations, &edition.tag)))
        .collect();
    let main_tag = editions
        .iter()
        .find(|edition| edition.main)
        .map_or_else(String::new, |edition| edition.tag.clone());
    let mut cases = Vec::with_capacity(editions.len());
    match super::resolve(documents, broken_files, static_names, include_drafts) {
        Ok(case) => cases.push(case),
        Err(errors) => diagnostics.extend(errors),
    }
    for (_, edition) in overlaid {
        let case = edition_case(
            edition,
            &main_tag,
            &broken,
            include_drafts,
            &mut diagnostics,
        );
        cases.push(case);
    }
    if diagnostics.is_empty() {
        Ok(cases)
    } else {
        diagnostics.sort();
        diagnostics.dedup();
        Err(diagnostics)
    }
}

/// A translation must have its main file (of the same type) and be in a
/// listed language.
fn check_translations(
    documents: &[Document],
    translations: &[Translation],
    editions: &[Edition],
    broken_ids: &HashSet<String>,
) -> Vec<Diagnostic> {
    let listed: Vec<&str> = editions
        .iter()
        .filter(|edition| !edition.main)
        .map(|edition| edition.tag.as_str())
        .collect();
    let mains: HashSet<(EntityKind, &str)> = documents
        .iter()
        .map(|document| (super::kind_of(document), document.as_entity().id()))
        .collect();
    let mut diagnostics = Vec::new();
    for translation in translations {
        let id = translation.id.as_str();
        // Without editions casebook.yaml failed to load; it says why.
        if !editions.is_empty() && !listed.contains(&translation.tag.as_str()) {
            diagnostics.push(Diagnostic::new(
                &translation.file,
                Position::START,
                unlisted_language_message(&translation.tag, &listed),
            ));
        }
        if mains.contains(&(translation.kind, id)) || broken_ids.contains(id) {
            continue;
        }
        let same_kind = mains
            .iter()
            .filter(|(kind, _)| *kind == translation.kind)
            .map(|(_, id)| *id);
        let nearest = suggest(id, same_kind);
        diagnostics.push(Diagnostic::new(
            &translation.file,
            Position::START,
            missing_main_message(id, &translation.main_file(), nearest),
        ));
    }
    diagnostics
}

/// A free page may not take the name of an edition's folder.
fn pages_named_like_editions(
    documents: &[Document],
    editions: &[Edition],
    include_drafts: bool,
) -> Vec<Diagnostic> {
    documents
        .iter()
        .filter_map(|document| match document {
            Document::Page(page) if include_drafts || !page.draft => Some(page),
            _ => None,
        })
        .filter_map(|page| {
            let edition = editions
                .iter()
                .find(|edition| !edition.main && edition.tag == page.id.as_str())?;
            Some(Diagnostic::new(
                &page.file,
                Position::START,
                format!(
                    "the page id \"{}\" is taken by the site's own output (casebook writes the {} edition to {}/); rename the file",
                    page.id, edition.tag, edition.tag
                ),
            ))
        })
        .collect()
}

/// The main documents with one language's translations laid over them.
struct Overlaid {
    documents: Vec<Document>,
    /// Each translation file used, with the main file it translates.
    translated: HashMap<PathBuf, PathBuf>,
}

fn overlay(documents: &[Document], translations: &[Translation], tag: &str) -> Overlaid {
    let by_place: HashMap<(EntityKind, &str), &Translation> = translations
        .iter()
        .filter(|translation| translation.tag == tag)
        .map(|translation| ((translation.kind, translation.id.as_str()), translation))
        .collect();
    let mut translated = HashMap::new();
    let documents = documents
        .iter()
        .map(|document| {
            let place = (super::kind_of(document), document.as_entity().id());
            let mut document = document.clone();
            if let Some(translation) = by_place.get(&place) {
                translated.insert(translation.file.clone(), translation.main_file());
                lay_over(&mut document, translation);
            }
            document
        })
        .collect();
    Overlaid {
        documents,
        translated,
    }
}

/// The translation's words in place of the main file's.
fn lay_over(document: &mut Document, translation: &Translation) {
    fn words<T>(entity: &mut Entity<T>, translation: &Translation) {
        entity.title = translation.title.clone();
        entity.summary = translation.summary.clone();
        entity.file = translation.file.clone();
        entity.body = translation.body.clone();
    }
    match document {
        Document::Party(party) => {
            words(party, translation);
            if let Some(aliases) = &translation.aliases {
                party.data.aliases = aliases.clone();
            }
        }
        Document::Claim(e) => words(e, translation),
        Document::Event(e) => words(e, translation),
        Document::Source(e) => words(e, translation),
        Document::Page(e) => words(e, translation),
        Document::Proceeding(e) => words(e, translation),
        Document::Overview(e) => words(e, translation),
    }
}

/// One translation's edition. Its relation fields are the main files' (their
/// problems are reported there); its translated bodies are checked here.
fn edition_case(
    edition: Overlaid,
    main_tag: &str,
    broken: &super::Broken,
    include_drafts: bool,
    diagnostics: &mut Vec<Diagnostic>,
) -> Case {
    let drafts = super::drafts_by_id(&edition.documents, include_drafts);
    let (_, duplicated) = super::duplicate_ids(&edition.documents);
    let mut case = super::assemble(edition.documents, include_drafts);
    super::register(
        &mut case,
        &HashSet::new(),
        !duplicated.is_empty(),
        &mut Vec::new(),
    );
    // A path link (`../parties/aws.md`) names the main file, translated or not.
    let main_files: Vec<(PathBuf, Target)> = case
        .files
        .iter()
        .filter_map(|(file, target)| Some((edition.translated.get(file)?.clone(), *target)))
        .collect();
    case.files.extend(main_files);
    let pages = std::iter::once(Target::OVERVIEW).chain(case.targets());
    let (translated, untranslated): (HashSet<Target>, HashSet<Target>) = pages
        .filter(|&target| !matches!(case.entity(target), EntityRef::Overview(None)))
        .partition(|&target| {
            case.entity(target)
                .common()
                .is_some_and(|common| edition.translated.contains_key(common.file))
        });
    let checker = Checker {
        case: &case,
        drafts: &drafts,
        broken_ids: &broken.ids,
        broken_files: &broken.files,
        duplicated: &duplicated,
    };
    let mut references = checker.field_references(&mut Vec::new());
    references.extend(checker.body_references(|from| translated.contains(&from), diagnostics));
    case.backlinks = backlinks::backlinks(references);
    // The same facts give the same statuses in every edition.
    case.histories = super::proceedings::histories(&case);
    case.untranslated = Some(Untranslated {
        language: main_tag.to_owned(),
        targets: untranslated,
    });
    case
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;
    use std::path::Path;

    use super::resolve_editions;
    use crate::load::front_matter::parse_translation;
    use crate::model::date::Language;
    use crate::model::edition::{Edition, Translation};
    use crate::model::{EntityId, EntityKind};
    use crate::resolve::testing::{document, document_with_body};
    use crate::resolve::Target;

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

    fn translation(kind: EntityKind, id: &str, text: &str) -> Translation {
        let file = format!("content/{}/{id}.en.md", kind.folder());
        let id = EntityId::parse(id).unwrap();
        let (translation, errors) = parse_translation(kind, id, "en", Path::new(&file), text);
        assert!(errors.is_empty(), "{errors:?}");
        translation.unwrap()
    }

    #[test]
    fn an_edition_has_the_main_facts_its_own_words_and_its_own_backlinks() {
        let documents = vec![
            document(EntityKind::Party, "aws", "title: AWS\nkind: company"),
            document(EntityKind::Party, "parler", "title: Parler\nkind: company"),
            document_with_body(
                EntityKind::Event,
                "klage",
                "title: Klage\ndate: 2021-01-11\nparties: [parler]",
                "Gegen [[aws]].",
            ),
        ];
        let translations = vec![translation(
            EntityKind::Event,
            "klage",
            "---\ntitle: Suit\n---\nParler sues.\n",
        )];
        let cases = resolve_editions(
            documents,
            translations,
            &editions(),
            &HashSet::new(),
            &HashSet::new(),
            false,
        )
        .unwrap();
        let (german, english) = (&cases[0], &cases[1]);
        assert_eq!(german.events[0].title, "Klage");
        assert_eq!(english.events[0].title, "Suit");
        assert_eq!(english.events[0].data.date, german.events[0].data.date);
        // The German text mentions AWS; the English one does not.
        let aws = german.target("aws").unwrap();
        assert_eq!(german.backlinks(aws).len(), 1);
        assert!(english.backlinks(aws).is_empty());
        // The field reference stays in every edition.
        let parler = english.target("parler").unwrap();
        assert_eq!(english.backlinks(parler).len(), 1);
        assert_eq!(english.text_language(aws), Some("de"));
        assert_eq!(english.text_language(Target::event(0)), None);
        assert_eq!(german.text_language(aws), None);
        assert_eq!(english.untranslated_count(), 2);
    }
}
