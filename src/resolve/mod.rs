//! Resolve: loaded documents → a `Case` whose every reference is checked.
//!
//! Registers the ids (unique site-wide), drops drafts unless asked to keep
//! them, checks every relation field and every body link (existence, type,
//! heading, drafts), and records the backlinks. A `Case` can only be made
//! here, so holding one proves the references are sound.

mod backlinks;
mod case;
mod check;
mod editions;
mod lineage;
mod proceedings;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::diagnostic::{display_path, Diagnostic, Position};
use crate::model::{Document, EntityKind, EntityRef, Event};
use crate::resolve::check::Checker;

pub(crate) use backlinks::{Backlink, Via};
pub(crate) use case::{Case, Target};
pub(crate) use editions::resolve_editions;

/// Output names a free page may not take (SPEC §3, §11: `search`,
/// `embed`, `corrections`, and `share` for the share images).
pub(crate) const RESERVED_PAGE_IDS: [&str; 12] = [
    "timeline",
    "parties",
    "claims",
    "events",
    "sources",
    "index",
    "404",
    "proceedings",
    "search",
    "embed",
    "corrections",
    "share",
];

/// Builds the case, or every reference problem found.
pub(crate) fn resolve(
    documents: Vec<Document>,
    broken_files: &HashSet<PathBuf>,
    static_names: &HashSet<String>,
    include_drafts: bool,
) -> Result<Case, Vec<Diagnostic>> {
    let (mut diagnostics, duplicated) = duplicate_ids(&documents);
    let drafts = drafts_by_id(&documents, include_drafts);
    let mut case = assemble(documents, include_drafts);
    register(
        &mut case,
        static_names,
        !duplicated.is_empty(),
        &mut diagnostics,
    );
    let broken = Broken::of(broken_files);
    let checker = Checker {
        case: &case,
        drafts: &drafts,
        broken_ids: &broken.ids,
        broken_files: &broken.files,
        duplicated: &duplicated,
    };
    let references = checker.all_references(&mut diagnostics);
    // Run even when references failed: a build reports all its errors at
    // once, and these checks skip whatever does not resolve.
    case.histories = proceedings::histories(&case);
    diagnostics.extend(proceedings::check(&case, &case.histories, &duplicated));
    if !diagnostics.is_empty() {
        diagnostics.sort();
        return Err(diagnostics);
    }
    case.backlinks = backlinks::backlinks(references);
    Ok(case)
}

/// The content files that could not be loaded at all, and their ids:
/// references to them are not reported again.
struct Broken {
    ids: HashSet<String>,
    files: HashSet<PathBuf>,
}

impl Broken {
    fn of(files: &HashSet<PathBuf>) -> Broken {
        let ids = files
            .iter()
            .filter_map(|file| file.file_stem())
            .map(|stem| stem.to_string_lossy().into_owned())
            .collect();
        Broken {
            ids,
            files: files.clone(),
        }
    }
}

/// The files of drafts left out, by id, to explain references to them.
fn drafts_by_id(documents: &[Document], include_drafts: bool) -> HashMap<String, PathBuf> {
    if include_drafts {
        return HashMap::new();
    }
    documents
        .iter()
        .filter_map(identity)
        .filter(|(draft, _, _)| *draft)
        .map(|(_, id, file)| (id.to_owned(), file.to_path_buf()))
        .collect()
}

/// Whether an entity is a draft, its id and its file (`None` for the
/// overview, which has no id of its own to clash or to be referred to by).
fn identity(document: &Document) -> Option<(bool, &str, &Path)> {
    match document.as_entity() {
        EntityRef::Overview(_) => None,
        entity => {
            let common = entity.common()?;
            Some((common.draft, common.id.as_str(), common.file))
        }
    }
}

/// Ids used twice, drafts included: publishing a draft must not be what
/// reveals a clash, and `--drafts` must not change which ids are valid.
/// Also gives the types of the files sharing each such id: a reference to
/// any of them is the clash's fault, not the reference's.
fn duplicate_ids(documents: &[Document]) -> (Vec<Diagnostic>, Duplicated) {
    let mut entries: Vec<(&str, &Path, EntityKind)> = documents
        .iter()
        .filter_map(|document| {
            let (_, id, file) = identity(document)?;
            Some((id, file, kind_of(document)))
        })
        .collect();
    // Only the files of a shared id need ordering (the first one named in
    // the others' errors is the first in path order): most sites have none,
    // and comparing 100 000 paths component by component took milliseconds.
    let mut ids = foldhash::HashSet::with_capacity_and_hasher(entries.len(), Default::default());
    let shared: foldhash::HashSet<&str> = entries
        .iter()
        .filter(|entry| !ids.insert(entry.0))
        .map(|entry| entry.0)
        .collect();
    entries.retain(|entry| shared.contains(entry.0));
    entries.sort_by(|a, b| a.1.cmp(b.1));
    let mut first: foldhash::HashMap<&str, (&Path, EntityKind)> = foldhash::HashMap::default();
    let mut diagnostics = Vec::new();
    let mut duplicated = Duplicated::new();
    for (id, file, kind) in entries {
        match first.get(id) {
            Some((first_file, first_kind)) => {
                diagnostics.push(Diagnostic::new(
                    file,
                    Position::START,
                    format!("duplicate id \"{id}\": {} has the same file name; ids are unique across the site", display_path(first_file)),
                ));
                let sharing = duplicated
                    .entry(id.to_owned())
                    .or_insert_with(|| vec![(*first_kind, first_file.to_path_buf())]);
                sharing.push((kind, file.to_path_buf()));
            }
            None => {
                first.insert(id, (file, kind));
            }
        }
    }
    (diagnostics, duplicated)
}

/// The types and files of the files that share an id, by id.
pub(super) type Duplicated = HashMap<String, Vec<(EntityKind, PathBuf)>>;

fn kind_of(document: &Document) -> EntityKind {
    match document {
        Document::Party(_) => EntityKind::Party,
        Document::Claim(_) => EntityKind::Claim,
        Document::Event(_) => EntityKind::Event,
        Document::Source(_) => EntityKind::Source,
        Document::Page(_) => EntityKind::Page,
        Document::Proceeding(_) => EntityKind::Proceeding,
        Document::Overview(_) => EntityKind::Index,
    }
}

fn assemble(documents: Vec<Document>, include_drafts: bool) -> Case {
    let mut case = Case {
        overview: None,
        parties: Vec::new(),
        claims: Vec::new(),
        events: Vec::new(),
        sources: Vec::new(),
        pages: Vec::new(),
        proceedings: Vec::new(),
        histories: Vec::new(),
        targets: foldhash::HashMap::default(),
        files: foldhash::HashMap::default(),
        assets: foldhash::HashMap::default(),
        backlinks: foldhash::HashMap::default(),
        untranslated: None,
    };
    let keep = |draft: bool| include_drafts || !draft;
    for document in documents {
        match document {
            Document::Party(e) if keep(e.draft) => case.parties.push(e),
            Document::Claim(e) if keep(e.draft) => case.claims.push(e),
            Document::Event(e) if keep(e.draft) => case.events.push(e),
            Document::Source(e) if keep(e.draft) => case.sources.push(e),
            Document::Page(e) if keep(e.draft) => case.pages.push(e),
            Document::Proceeding(e) if keep(e.draft) => case.proceedings.push(e),
            Document::Overview(e) => case.overview = Some(e),
            _ => {}
        }
    }
    case.parties.sort_by(|a, b| a.id.cmp(&b.id));
    case.claims.sort_by(|a, b| a.id.cmp(&b.id));
    case.sources.sort_by(|a, b| a.id.cmp(&b.id));
    case.proceedings.sort_by(|a, b| a.id.cmp(&b.id));
    case.events = in_timeline_order(std::mem::take(&mut case.events));
    case.pages.sort_by(|a, b| {
        a.data
            .weight
            .total_cmp(&b.data.weight)
            .then_with(|| a.title.cmp(&b.title))
            .then_with(|| a.id.cmp(&b.id))
    });
    case
}

/// SPEC §5: the start of the span (an instant where an offset is written),
/// the less precise first, then the id — not the written form, so that two
/// spellings of one instant still sort by id. Each start is worked out once,
/// not at every comparison.
fn in_timeline_order(events: Vec<Event>) -> Vec<Event> {
    let keys: Vec<_> = events
        .iter()
        .map(|e| (e.data.date.span_start(), e.data.date.precision()))
        .collect();
    let mut order: Vec<usize> = (0..events.len()).collect();
    order.sort_by(|&a, &b| {
        keys[a]
            .cmp(&keys[b])
            .then_with(|| events[a].id.cmp(&events[b].id))
    });
    let mut slots: Vec<Option<Event>> = events.into_iter().map(Some).collect();
    order
        .into_iter()
        .map(|index| slots[index].take().expect("each index once"))
        .collect()
}

/// Fills the id and file indexes; duplicate and reserved ids are errors.
/// Of the files sharing an id, the first by path is registered; without
/// shared ids the order does not matter (the diagnostics are sorted), and
/// sorting 10 000 paths is most of the work.
fn register(
    case: &mut Case,
    static_names: &HashSet<String>,
    any_duplicated: bool,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut entries: Vec<(&str, &Path, Target)> = case
        .targets()
        .filter_map(|target| {
            let common = case.entity(target).common()?;
            Some((common.id.as_str(), common.file, target))
        })
        .collect();
    if any_duplicated {
        entries.sort_by(|a, b| a.1.cmp(b.1));
    }
    let capacity = entries.len();
    let mut targets = foldhash::HashMap::with_capacity_and_hasher(capacity, Default::default());
    let mut files = foldhash::HashMap::with_capacity_and_hasher(capacity, Default::default());
    for (id, file, target) in entries {
        match targets.entry(id.to_owned()) {
            // Reported by `duplicate_ids`, drafts included.
            std::collections::hash_map::Entry::Occupied(_) => continue,
            std::collections::hash_map::Entry::Vacant(slot) => slot.insert(target),
        };
        if target.kind == EntityKind::Page
            && (RESERVED_PAGE_IDS.contains(&id) || static_names.contains(id))
        {
            diagnostics.push(Diagnostic::new(
                file,
                Position::START,
                format!(
                    "the page id \"{id}\" is taken by the site's own output ({}); rename the file",
                    reserved_reason(id)
                ),
            ));
        }
        files.insert(file.to_path_buf(), target);
    }
    let assets: Vec<(PathBuf, Target)> = case
        .targets()
        .filter_map(|target| Some((case.entity(target).common()?, target)))
        .flat_map(|(common, target)| common.assets.iter().map(move |a| (a.file.clone(), target)))
        .collect();
    case.targets = targets;
    case.files = files;
    case.assets.extend(assets);
}

fn reserved_reason(id: &str) -> String {
    if RESERVED_PAGE_IDS.contains(&id) {
        format!("casebook writes {id}/ or {id}.html itself")
    } else {
        format!("static/ has {id}")
    }
}

/// Documents and cases for the tests of resolve and render.
#[cfg(test)]
pub(crate) mod testing;

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::resolve;
    use crate::model::EntityKind;
    use crate::resolve::testing::document;

    #[test]
    fn equal_instants_written_differently_sort_by_id() {
        let events = vec![
            document(
                EntityKind::Event,
                "z-zulu",
                "title: Z\ndate: 2021-01-20T10:00Z",
            ),
            document(
                EntityKind::Event,
                "a-plus",
                "title: A\ndate: 2021-01-20T11:00+01:00",
            ),
            document(EntityKind::Event, "m-day", "title: M\ndate: 2021-01-20"),
        ];
        let case = resolve(events, &HashSet::new(), &HashSet::new(), false).unwrap();
        let order: Vec<&str> = case.events.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(order, ["m-day", "a-plus", "z-zulu"]);
    }

    #[test]
    fn a_draft_sharing_an_id_is_a_duplicate_even_without_drafts() {
        let documents = vec![
            document(EntityKind::Party, "aws", "title: AWS"),
            document(
                EntityKind::Event,
                "aws",
                "title: E\ndate: 2021\ndraft: true",
            ),
        ];
        for include_drafts in [false, true] {
            let errors = resolve(
                documents.clone(),
                &HashSet::new(),
                &HashSet::new(),
                include_drafts,
            )
            .unwrap_err();
            assert_eq!(
                errors[0].to_string(),
                "content/parties/aws.md:1:1: duplicate id \"aws\": content/events/aws.md has the same file name; ids are unique across the site"
            );
        }
    }
}
