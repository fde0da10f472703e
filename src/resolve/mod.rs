//! Resolve: loaded documents → a `Case` whose every reference is checked.
//!
//! Registers the ids (unique site-wide), drops drafts unless asked to keep
//! them, checks every relation field and every body link (existence, type,
//! heading, drafts), and records the backlinks. A `Case` can only be made
//! here, so holding one proves the references are sound.

use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

use crate::diagnostic::{did_you_mean, display_path, Diagnostic, Position};
use crate::model::{
    BodyLink, Claim, Document, Entity, EntityKind, Event, LinkTarget, Overview, Page, Party, Ref,
    Source,
};

/// Output names a free page may not take.
const RESERVED_PAGE_IDS: [&str; 7] = [
    "timeline", "parties", "claims", "events", "sources", "index", "404",
];

/// Where an entity sits in the case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Target {
    pub(crate) kind: EntityKind,
    pub(crate) index: usize,
}

/// How a page refers to another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Via {
    /// A relation field (`by`, `against`, `parties`, `claims`, `sources`).
    Field(&'static str),
    /// A link in the body text.
    Text,
}

/// One page that refers to an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Backlink {
    /// `None` is the overview.
    pub(crate) from: Option<Target>,
    pub(crate) via: Via,
}

/// The checked case: every entity, in display order, and who refers to whom.
#[derive(Debug)]
pub(crate) struct Case {
    pub(crate) overview: Option<Overview>,
    pub(crate) parties: Vec<Party>,
    pub(crate) claims: Vec<Claim>,
    /// In timeline order (SPEC §5).
    pub(crate) events: Vec<Event>,
    pub(crate) sources: Vec<Source>,
    /// In navigation order: by weight, then title.
    pub(crate) pages: Vec<Page>,
    targets: HashMap<String, Target>,
    files: HashMap<PathBuf, Target>,
    backlinks: HashMap<Target, Vec<Backlink>>,
}

impl Case {
    pub(crate) fn target(&self, id: &str) -> Option<Target> {
        self.targets.get(id).copied()
    }

    /// The entity a content-path link from `file` points at.
    pub(crate) fn target_of_path(&self, file: &Path, path: &str) -> Option<Target> {
        self.files.get(&join_content_path(file, path)?).copied()
    }

    /// Every published entity with a page of its own, type by type in the
    /// order parties, claims, events, sources, pages.
    pub(crate) fn targets(&self) -> impl Iterator<Item = Target> + '_ {
        let counts = [
            (EntityKind::Party, self.parties.len()),
            (EntityKind::Claim, self.claims.len()),
            (EntityKind::Event, self.events.len()),
            (EntityKind::Source, self.sources.len()),
            (EntityKind::Page, self.pages.len()),
        ];
        counts
            .into_iter()
            .flat_map(|(kind, count)| (0..count).map(move |index| Target { kind, index }))
    }

    /// What refers to `target`, each referring page once per way of referring.
    pub(crate) fn backlinks(&self, target: Target) -> &[Backlink] {
        self.backlinks.get(&target).map_or(&[], Vec::as_slice)
    }

    /// The title and the id of the entity at `target`.
    pub(crate) fn title_and_id(&self, target: Target) -> (&str, &str) {
        fn pick<T>(entity: &Entity<T>) -> (&str, &str) {
            (&entity.title, entity.id.as_str())
        }
        match target.kind {
            EntityKind::Party => pick(&self.parties[target.index]),
            EntityKind::Claim => pick(&self.claims[target.index]),
            EntityKind::Event => pick(&self.events[target.index]),
            EntityKind::Source => pick(&self.sources[target.index]),
            EntityKind::Page => pick(&self.pages[target.index]),
            EntityKind::Index => ("", "index"),
        }
    }
}

/// Builds the case, or every reference problem found.
pub(crate) fn resolve(
    documents: Vec<Document>,
    broken_ids: &HashSet<String>,
    static_names: &HashSet<String>,
    include_drafts: bool,
) -> Result<Case, Vec<Diagnostic>> {
    let mut diagnostics = duplicate_ids(&documents);
    let drafts = drafts_by_id(&documents, include_drafts);
    let mut case = assemble(documents, include_drafts);
    register(&mut case, static_names, &mut diagnostics);
    let checker = Checker {
        case: &case,
        drafts: &drafts,
        broken: broken_ids,
    };
    let references = checker.all_references(&mut diagnostics);
    if !diagnostics.is_empty() {
        diagnostics.sort();
        return Err(diagnostics);
    }
    case.backlinks = backlinks(references);
    Ok(case)
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
        .map(|(_, id, file)| (id.to_string(), file.clone()))
        .collect()
}

/// Whether an entity is a draft, its id and its file (`None` for the overview).
fn identity(document: &Document) -> Option<(bool, &str, &PathBuf)> {
    Some(match document {
        Document::Party(e) => (e.draft, e.id.as_str(), &e.file),
        Document::Claim(e) => (e.draft, e.id.as_str(), &e.file),
        Document::Event(e) => (e.draft, e.id.as_str(), &e.file),
        Document::Source(e) => (e.draft, e.id.as_str(), &e.file),
        Document::Page(e) => (e.draft, e.id.as_str(), &e.file),
        Document::Overview(_) => return None,
    })
}

/// Ids used twice, drafts included: publishing a draft must not be what
/// reveals a clash, and `--drafts` must not change which ids are valid.
fn duplicate_ids(documents: &[Document]) -> Vec<Diagnostic> {
    let mut entries: Vec<(&str, &PathBuf)> = documents
        .iter()
        .filter_map(identity)
        .map(|(_, id, file)| (id, file))
        .collect();
    entries.sort_by(|a, b| a.1.cmp(b.1));
    let mut first_file: HashMap<&str, &PathBuf> = HashMap::new();
    let mut diagnostics = Vec::new();
    for (id, file) in entries {
        match first_file.get(id) {
            Some(first) => diagnostics.push(Diagnostic::new(
                file,
                Position::START,
                format!("duplicate id \"{id}\": {} has the same file name; ids are unique across the site", display_path(first)),
            )),
            None => {
                first_file.insert(id, file);
            }
        }
    }
    diagnostics
}

fn assemble(documents: Vec<Document>, include_drafts: bool) -> Case {
    let mut case = Case {
        overview: None,
        parties: Vec::new(),
        claims: Vec::new(),
        events: Vec::new(),
        sources: Vec::new(),
        pages: Vec::new(),
        targets: HashMap::new(),
        files: HashMap::new(),
        backlinks: HashMap::new(),
    };
    let keep = |draft: bool| include_drafts || !draft;
    for document in documents {
        match document {
            Document::Party(e) if keep(e.draft) => case.parties.push(e),
            Document::Claim(e) if keep(e.draft) => case.claims.push(e),
            Document::Event(e) if keep(e.draft) => case.events.push(e),
            Document::Source(e) if keep(e.draft) => case.sources.push(e),
            Document::Page(e) if keep(e.draft) => case.pages.push(e),
            Document::Overview(e) => case.overview = Some(e),
            _ => {}
        }
    }
    case.parties.sort_by(|a, b| a.id.cmp(&b.id));
    case.claims.sort_by(|a, b| a.id.cmp(&b.id));
    case.sources.sort_by(|a, b| a.id.cmp(&b.id));
    // SPEC §5: the start of the span (an instant where an offset is written),
    // the less precise first, then the id — not the written form, so that two
    // spellings of one instant still sort by id.
    case.events.sort_by(|a, b| {
        let (a_date, b_date) = (&a.data.date, &b.data.date);
        a_date
            .span_start()
            .cmp(&b_date.span_start())
            .then(a_date.precision().cmp(&b_date.precision()))
            .then_with(|| a.id.cmp(&b.id))
    });
    case.pages.sort_by(|a, b| {
        a.data
            .weight
            .total_cmp(&b.data.weight)
            .then_with(|| a.title.cmp(&b.title))
            .then_with(|| a.id.cmp(&b.id))
    });
    case
}

/// Fills the id and file indexes; duplicate and reserved ids are errors.
fn register(case: &mut Case, static_names: &HashSet<String>, diagnostics: &mut Vec<Diagnostic>) {
    let mut entries: Vec<(String, PathBuf, Target)> = Vec::new();
    fn add<T>(entries: &mut Vec<(String, PathBuf, Target)>, kind: EntityKind, list: &[Entity<T>]) {
        for (index, entity) in list.iter().enumerate() {
            entries.push((
                entity.id.to_string(),
                entity.file.clone(),
                Target { kind, index },
            ));
        }
    }
    add(&mut entries, EntityKind::Party, &case.parties);
    add(&mut entries, EntityKind::Claim, &case.claims);
    add(&mut entries, EntityKind::Event, &case.events);
    add(&mut entries, EntityKind::Source, &case.sources);
    add(&mut entries, EntityKind::Page, &case.pages);
    entries.sort_by(|a, b| a.1.cmp(&b.1));
    for (id, file, target) in entries {
        if case.targets.contains_key(&id) {
            // Reported by `duplicate_ids`, drafts included.
            continue;
        }
        if target.kind == EntityKind::Page
            && (RESERVED_PAGE_IDS.contains(&id.as_str()) || static_names.contains(&id))
        {
            diagnostics.push(Diagnostic::new(
                &file,
                Position::START,
                format!(
                    "the page id \"{id}\" is taken by the site's own output ({}); rename the file",
                    reserved_reason(&id)
                ),
            ));
        }
        case.files.insert(file, target);
        case.targets.insert(id, target);
    }
}

fn reserved_reason(id: &str) -> String {
    if RESERVED_PAGE_IDS.contains(&id) {
        format!("casebook writes {id}/ or {id}.html itself")
    } else {
        format!("static/ has {id}")
    }
}

/// A checked reference from one page to another.
struct Reference {
    from: Option<Target>,
    to: Target,
    via: Via,
}

/// Checks references against the registered ids.
struct Checker<'a> {
    case: &'a Case,
    drafts: &'a HashMap<String, PathBuf>,
    broken: &'a HashSet<String>,
}

impl Checker<'_> {
    fn all_references(&self, diagnostics: &mut Vec<Diagnostic>) -> Vec<Reference> {
        let mut references = Vec::new();
        let case = self.case;
        for (index, claim) in case.claims.iter().enumerate() {
            let from = Some(Target {
                kind: EntityKind::Claim,
                index,
            });
            self.fields(
                claim,
                from,
                &[
                    ("by", &claim.data.by, EntityKind::Party),
                    ("against", &claim.data.against, EntityKind::Party),
                    ("sources", &claim.data.sources, EntityKind::Source),
                ],
                &mut references,
                diagnostics,
            );
        }
        for (index, event) in case.events.iter().enumerate() {
            let from = Some(Target {
                kind: EntityKind::Event,
                index,
            });
            self.fields(
                event,
                from,
                &[
                    ("parties", &event.data.parties, EntityKind::Party),
                    ("claims", &event.data.claims, EntityKind::Claim),
                    ("sources", &event.data.sources, EntityKind::Source),
                ],
                &mut references,
                diagnostics,
            );
        }
        self.bodies(&mut references, diagnostics);
        references
    }

    fn bodies(&self, references: &mut Vec<Reference>, diagnostics: &mut Vec<Diagnostic>) {
        let case = self.case;
        let mut check = |from: Option<Target>, file: &Path, links: &[BodyLink]| {
            for link in links {
                if let Some(to) = self.body_link(file, link, diagnostics) {
                    references.push(Reference {
                        from,
                        to,
                        via: Via::Text,
                    });
                }
            }
        };
        fn each<T>(
            list: &[Entity<T>],
            kind: EntityKind,
            check: &mut impl FnMut(Option<Target>, &Path, &[BodyLink]),
        ) {
            for (index, entity) in list.iter().enumerate() {
                check(
                    Some(Target { kind, index }),
                    &entity.file,
                    &entity.body.links,
                );
            }
        }
        if let Some(overview) = &case.overview {
            check(None, &overview.file, &overview.body.links);
        }
        each(&case.parties, EntityKind::Party, &mut check);
        each(&case.claims, EntityKind::Claim, &mut check);
        each(&case.events, EntityKind::Event, &mut check);
        each(&case.sources, EntityKind::Source, &mut check);
        each(&case.pages, EntityKind::Page, &mut check);
    }

    #[allow(clippy::type_complexity)]
    fn fields<T>(
        &self,
        entity: &Entity<T>,
        from: Option<Target>,
        fields: &[(&'static str, &Vec<Ref>, EntityKind)],
        references: &mut Vec<Reference>,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        for (field, refs, expected) in fields {
            for reference in refs.iter() {
                let at = reference.at;
                let Some(to) = self.lookup(&entity.file, at, &reference.id, diagnostics) else {
                    continue;
                };
                if to.kind != *expected {
                    diagnostics.push(Diagnostic::new(
                        &entity.file,
                        at,
                        format!(
                            "\"{}\" is {}, \"{field}\" takes {}",
                            reference.id,
                            to.kind.with_article(),
                            expected.folder()
                        ),
                    ));
                    continue;
                }
                references.push(Reference {
                    from,
                    to,
                    via: Via::Field(field),
                });
            }
        }
    }

    /// The target of an id, or a diagnostic explaining why there is none.
    fn lookup(
        &self,
        file: &Path,
        at: Position,
        id: &str,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<Target> {
        if let Some(target) = self.case.target(id) {
            return Some(target);
        }
        if self.broken.contains(id) {
            return None;
        }
        let message = match self.drafts.get(id) {
            Some(draft_file) => format!(
                "\"{id}\" is a draft ({}): a published page cannot refer to it (publish it, remove the reference, or build with --drafts)",
                display_path(draft_file)
            ),
            None => format!(
                "unknown id \"{id}\"{}",
                did_you_mean(id, self.case.targets.keys().map(String::as_str))
            ),
        };
        diagnostics.push(Diagnostic::new(file, at, message));
        None
    }

    fn body_link(
        &self,
        file: &Path,
        link: &BodyLink,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<Target> {
        let target = match &link.target {
            LinkTarget::Wiki { id, .. } => self.lookup(file, link.at, id, diagnostics)?,
            LinkTarget::ContentPath { path } => match self.case.target_of_path(file, path) {
                Some(target) => target,
                None => {
                    diagnostics.push(Diagnostic::new(
                        file,
                        link.at,
                        self.missing_path_message(file, path),
                    ));
                    return None;
                }
            },
        };
        if let Some(fragment) = &link.fragment {
            let headings = self.headings_of(target);
            if !headings.contains(&fragment.as_str()) {
                let (_, id) = self.case.title_and_id(target);
                diagnostics.push(Diagnostic::new(
                    file,
                    link.at,
                    format!(
                        "\"{id}\" has no heading \"{fragment}\"{}",
                        did_you_mean(fragment, headings.iter().copied())
                    ),
                ));
            }
        }
        Some(target)
    }

    fn missing_path_message(&self, file: &Path, path: &str) -> String {
        let wanted = join_content_path(file, path)
            .map(|p| display_path(&p))
            .unwrap_or_else(|| path.to_owned());
        let known: Vec<String> = self.case.files.keys().map(|p| display_path(p)).collect();
        let hint = crate::diagnostic::suggest(&wanted, known.iter().map(String::as_str))
            .map(|hint| format!(" (did you mean \"{hint}\"?)"))
            .unwrap_or_default();
        format!("link to \"{path}\": there is no content file {wanted}{hint}")
    }

    fn headings_of(&self, target: Target) -> Vec<&str> {
        let case = self.case;
        let headings = match target.kind {
            EntityKind::Party => &case.parties[target.index].body.headings,
            EntityKind::Claim => &case.claims[target.index].body.headings,
            EntityKind::Event => &case.events[target.index].body.headings,
            EntityKind::Source => &case.sources[target.index].body.headings,
            EntityKind::Page => &case.pages[target.index].body.headings,
            EntityKind::Index => return Vec::new(),
        };
        headings.iter().map(|heading| heading.id.as_str()).collect()
    }
}

/// `content/events/x.md` + `../parties/aws.md` → `content/parties/aws.md`.
fn join_content_path(file: &Path, link: &str) -> Option<PathBuf> {
    let mut joined = file.parent()?.to_path_buf();
    for part in link.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if !joined.pop() {
                    return None;
                }
            }
            name => joined.push(name),
        }
    }
    joined
        .components()
        .all(|c| matches!(c, Component::Normal(_)))
        .then_some(joined)
}

fn backlinks(references: Vec<Reference>) -> HashMap<Target, Vec<Backlink>> {
    let mut map: HashMap<Target, Vec<Backlink>> = HashMap::new();
    let mut seen = HashSet::new();
    for reference in references {
        if reference.from == Some(reference.to) {
            continue;
        }
        if seen.insert((reference.to, reference.from, reference.via)) {
            map.entry(reference.to).or_default().push(Backlink {
                from: reference.from,
                via: reference.via,
            });
        }
    }
    map
}

#[cfg(test)]
mod tests {
    use super::{join_content_path, resolve};
    use crate::load::front_matter::parse_document;
    use crate::model::{Document, EntityId, EntityKind};
    use std::collections::HashSet;
    use std::path::{Path, PathBuf};

    fn document(kind: EntityKind, id: &str, front: &str) -> Document {
        let file = PathBuf::from(format!("content/{}/{id}.md", kind.folder()));
        parse_document(
            kind,
            EntityId::parse(id).unwrap(),
            &file,
            &format!("---\n{front}\n---\n"),
        )
        .unwrap()
    }

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

    #[test]
    fn content_paths_join_relative_to_the_file() {
        let file = Path::new("content/events/x.md");
        assert_eq!(
            join_content_path(file, "../parties/aws.md"),
            Some(PathBuf::from("content/parties/aws.md"))
        );
        assert_eq!(
            join_content_path(file, "y.md"),
            Some(PathBuf::from("content/events/y.md"))
        );
        assert_eq!(join_content_path(file, "../../../x.md"), None);
    }
}
