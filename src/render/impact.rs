//! Which pages an edit can reach, so that `watch` builds the context of
//! those pages only (issue 12: a one-line edit of one event among 10 000).
//!
//! Every render under `watch` keeps a digest of its case: per entity, a hash
//! of its *face* (everything another page can show of it: title, summary,
//! date, kind, relations, status, language…) and of its *own* part (what only
//! its own page shows: the body, the bundle's files, who refers to it), and
//! who is next to whom (a reference either way, or neighbours in the
//! timeline). The next render compares digests:
//!
//! - An entity whose own part changed: its page.
//! - An entity whose face changed: its page, every page within two steps of
//!   it (a party's page shows its events' cards, and each card shows the
//!   titles of the event's other parties and claims), in the old graph and
//!   the new, and the site-wide pages (overview, timeline, lists, search…).
//! - An entity added (or published) or removed (or made a draft): as a face
//!   change, within two steps of it in the graph it is in. Its old page is
//!   no longer kept. A page that links to a removed entity fails the build,
//!   so no page outside that reach can show it.
//! - Anything else (a proceeding's face, whose lineage runs through pages at
//!   any distance; entity counts shown on entity pages; the epoch of
//!   `memo.rs`): every page, as before.
//!
//! Pages outside that reach keep last run's output, which `memo.rs` checks
//! no more. What makes this safe is the randomized test `tests/equality/`:
//! after every edit sequence, `watch`'s output is a fresh build's, byte for byte.

use foldhash::HashSet;
use std::hash::{Hash, Hasher};

use rayon::prelude::*;

use crate::model::{Entity, EntityKind, EntityRef, OVERVIEW_ID};
use crate::render::lookup::Lookup;
use crate::render::memo;
use crate::resolve::Target;

/// What the next render needs to know of one edition's case.
#[derive(Debug, Default)]
pub(crate) struct CaseDigest {
    ids: Vec<String>,
    /// Each entity's output folder (`events/x/`), where its page lies.
    paths: Vec<String>,
    kinds: Vec<EntityKind>,
    index: foldhash::HashMap<String, usize>,
    face: Vec<u64>,
    own: Vec<u64>,
    neighbours: Vec<Vec<usize>>,
}

/// The pages a render builds.
#[derive(Debug, PartialEq)]
pub(super) enum Reach {
    Everything,
    Only {
        /// The site-wide pages: every page but the entities' own.
        site_wide: bool,
        /// Per edition, the ids of the entities whose pages are built.
        entities: Vec<HashSet<String>>,
        /// Per edition, the output folders of the entities that are gone.
        gone: Vec<Vec<String>>,
    },
}

impl Reach {
    /// Whether the page of `edition` showing the entity `id` (`None`: a
    /// site-wide page) is to be built. The overview is both.
    pub(super) fn builds(&self, edition: usize, id: Option<&str>) -> bool {
        let Reach::Only {
            site_wide,
            entities,
            ..
        } = self
        else {
            return true;
        };
        match id {
            None => *site_wide,
            Some(OVERVIEW_ID) => *site_wide || entities[edition].contains(OVERVIEW_ID),
            Some(id) => entities[edition].contains(id),
        }
    }
}

impl CaseDigest {
    pub(super) fn of(lookup: &Lookup) -> CaseDigest {
        let case = lookup.case;
        let nodes: Vec<Target> = std::iter::once(Target::OVERVIEW)
            .chain(case.targets())
            .collect();
        // The hashes take most of the time, in parallel; the rest is made
        // beside them.
        let (hashes, (neighbours, (ids, paths))) = rayon::join(
            || -> Vec<(u64, u64)> {
                nodes
                    .par_iter()
                    .map(|&target| (face(lookup, target), own(lookup, target)))
                    .collect()
            },
            || {
                let names = || -> (Vec<String>, Vec<String>) {
                    let id = |&t: &Target| case.entity(t).id().to_owned();
                    let path = |&t: &Target| lookup.path(t).to_owned();
                    (
                        nodes.iter().map(id).collect(),
                        nodes.iter().map(path).collect(),
                    )
                };
                rayon::join(|| neighbours(lookup, &nodes), names)
            },
        );
        CaseDigest {
            index: ids
                .iter()
                .cloned()
                .enumerate()
                .map(|(i, id)| (id, i))
                .collect(),
            kinds: nodes.iter().map(|t| t.kind).collect(),
            ids,
            paths,
            face: hashes.iter().map(|h| h.0).collect(),
            own: hashes.iter().map(|h| h.1).collect(),
            neighbours,
        }
    }

    /// The entities within two steps of `id` (itself included).
    fn near(&self, id: &str, into: &mut HashSet<String>) {
        let Some(&start) = self.index.get(id) else {
            return;
        };
        // Its own walk: a node another walk reached may lie nearer here.
        let mut seen = HashSet::from_iter([start]);
        let mut ring = vec![start];
        for _ in 0..2 {
            let mut next = Vec::new();
            for node in ring {
                for &other in &self.neighbours[node] {
                    if seen.insert(other) {
                        next.push(other);
                    }
                }
            }
            ring = next;
        }
        into.extend(seen.into_iter().map(|node| self.ids[node].clone()));
    }
}

/// The pages to build, from last run's digests and this run's, edition by
/// edition. `counted` says whether entity pages show the site's entity
/// counts, which change with every entity added or removed.
pub(super) fn reach(old: &[CaseDigest], new: &[CaseDigest], counted: bool) -> Reach {
    if old.len() != new.len() {
        return Reach::Everything;
    }
    let mut site_wide = false;
    let mut entities = Vec::with_capacity(new.len());
    let mut gone = Vec::with_capacity(new.len());
    for (old, new) in old.iter().zip(new) {
        let Some(edition) = edition_reach(old, new, counted) else {
            return Reach::Everything;
        };
        site_wide |= edition.face_changed;
        entities.push(edition.pages);
        gone.push(edition.gone);
    }
    Reach::Only {
        site_wide,
        entities,
        gone,
    }
}

/// What one edition's edit reaches.
struct EditionReach {
    face_changed: bool,
    pages: HashSet<String>,
    gone: Vec<String>,
}

/// `None` when every page is to be built.
fn edition_reach(old: &CaseDigest, new: &CaseDigest, counted: bool) -> Option<EditionReach> {
    let mut edition = EditionReach {
        face_changed: false,
        pages: HashSet::default(),
        gone: Vec::new(),
    };
    for (node, id) in new.ids.iter().enumerate() {
        let before = old.index.get(id).copied();
        let face_changed = before.is_none_or(|before| old.face[before] != new.face[node]);
        if face_changed {
            if new.kinds[node] == EntityKind::Proceeding || (before.is_none() && counted) {
                return None;
            }
            edition.face_changed = true;
            old.near(id, &mut edition.pages);
            new.near(id, &mut edition.pages);
        } else if before.is_some_and(|before| old.own[before] != new.own[node]) {
            edition.pages.insert(id.clone());
        }
    }
    for (node, id) in old.ids.iter().enumerate() {
        if new.index.contains_key(id) {
            continue;
        }
        if old.kinds[node] == EntityKind::Proceeding || counted {
            return None;
        }
        edition.face_changed = true;
        old.near(id, &mut edition.pages);
    }
    // Pages whose entity is gone or lives elsewhere now (its file moved).
    let current: HashSet<&str> = new.paths.iter().map(String::as_str).collect();
    edition.gone = old
        .paths
        .iter()
        .filter(|path| !current.contains(path.as_str()))
        .cloned()
        .collect();
    Some(edition)
}

/// Who is next to whom among `nodes`: a reference either way, or
/// neighbours in the timeline (an event page shows the events before and
/// after it).
fn neighbours(lookup: &Lookup, nodes: &[Target]) -> Vec<Vec<usize>> {
    let case = lookup.case;
    let place: foldhash::HashMap<Target, usize> =
        nodes.iter().enumerate().map(|(i, &t)| (t, i)).collect();
    let mut neighbours = vec![Vec::new(); nodes.len()];
    for (node, &target) in nodes.iter().enumerate() {
        for backlink in case.backlinks(target) {
            if let Some(&from) = place.get(&backlink.from) {
                neighbours[node].push(from);
                neighbours[from].push(node);
            }
        }
    }
    if let Some(&first) = place.get(&Target::event(0)) {
        for index in 1..case.events.len() {
            let (before, after) = (first + index - 1, first + index);
            neighbours[before].push(after);
            neighbours[after].push(before);
        }
    }
    neighbours
}

/// Everything of an entity that a page other than its own may show.
fn face(lookup: &Lookup, target: Target) -> u64 {
    let mut hasher = memo::hasher();
    let entity = lookup.case.entity(target);
    match entity {
        EntityRef::Party(e) => face_fields(e, &mut hasher),
        EntityRef::Claim(e) => {
            face_fields(e, &mut hasher);
            lookup.case.histories.get(target.index).hash(&mut hasher);
        }
        EntityRef::Event(e) => face_fields(e, &mut hasher),
        EntityRef::Source(e) => face_fields(e, &mut hasher),
        EntityRef::Page(e) => face_fields(e, &mut hasher),
        EntityRef::Proceeding(e) => face_fields(e, &mut hasher),
        EntityRef::Overview(e) => e.map(|e| (&e.title, &e.summary)).hash(&mut hasher),
    }
    lookup.path(target).hash(&mut hasher);
    lookup.date_display(target).hash(&mut hasher);
    lookup.case.text_language(target).hash(&mut hasher);
    hasher.finish()
}

fn face_fields<T: Hash, H: Hasher>(entity: &Entity<T>, hasher: &mut H) {
    let fields = (
        &entity.id,
        &entity.title,
        &entity.summary,
        entity.draft,
        &entity.updated,
        &entity.corrections,
        // As bytes: hashing a `Path` goes component by component.
        entity.file.as_os_str(),
        &entity.data,
    );
    fields.hash(hasher);
}

/// What only the entity's own page shows: its body, its bundle's files and
/// who refers to it (by id: places move when an event moves in time).
fn own(lookup: &Lookup, target: Target) -> u64 {
    let mut hasher = memo::hasher();
    let case = lookup.case;
    if let Some(common) = case.entity(target).common() {
        let body = common.body;
        // Its headings, links and problems are scanned from these two alone.
        (body.digest, body.origin).hash(&mut hasher);
        for asset in common.assets {
            asset.file.hash(&mut hasher);
        }
    }
    for backlink in case.backlinks(target) {
        (
            case.entity(backlink.from).id(),
            backlink.from.kind,
            backlink.via,
        )
            .hash(&mut hasher);
    }
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::{reach, CaseDigest, Reach};
    use crate::load::config::Config;
    use crate::model::{Document, EntityKind};
    use crate::render::lookup::Lookup;
    use crate::resolve::testing::{case_of, document, document_with_body};

    /// Two parties in one event, a claim between them, a third party alone,
    /// three events in a row and a source.
    fn site() -> Vec<Document> {
        use EntityKind::{Claim, Event, Party, Source};
        let party = |id: &str| document(Party, id, "title: P\nkind: company\nrole: plaintiff");
        vec![
            party("a"),
            party("b"),
            party("c"),
            document(Claim, "claim", "title: C\nby: [a]\nagainst: [b]"),
            document(Event, "e1", "title: E1\ndate: 2021-01-01"),
            document(Event, "e2", "title: E2\ndate: 2021-01-02\nparties: [a, b]"),
            document(Event, "e3", "title: E3\ndate: 2021-01-03\nparties: [c]"),
            document(Source, "s", "title: S"),
            document(Party, "court", "title: Court\nkind: court\nrole: court"),
            document(EntityKind::Proceeding, "p", "title: Suit\ncourt: court"),
        ]
    }

    fn digest(documents: Vec<Document>) -> CaseDigest {
        let case = case_of(documents);
        let config = Config::parse("title: T\nlanguage: en\n").0.unwrap();
        CaseDigest::of(&Lookup::new(&case, &config))
    }

    /// `site()` with the document of `id` replaced.
    fn edited(id: &str, replacement: Document) -> Vec<Document> {
        site()
            .into_iter()
            .map(|d| match d.as_entity().id() == id {
                true => replacement.clone(),
                false => d,
            })
            .collect()
    }

    fn pages(reach: &Reach) -> (bool, Vec<&str>) {
        let Reach::Only {
            site_wide,
            entities,
            ..
        } = reach
        else {
            panic!("every page: {reach:?}");
        };
        let mut ids: Vec<&str> = entities[0].iter().map(String::as_str).collect();
        ids.sort_unstable();
        (*site_wide, ids)
    }

    fn gone(reach: &Reach) -> Vec<String> {
        match reach {
            Reach::Only { gone, .. } => gone[0].clone(),
            Reach::Everything => panic!("every page"),
        }
    }

    #[test]
    fn nothing_changed_builds_no_page() {
        let reach = reach(&[digest(site())], &[digest(site())], false);
        assert_eq!(pages(&reach), (false, vec![]));
    }

    #[test]
    fn a_body_edit_builds_its_own_page_only() {
        let body = document_with_body(
            EntityKind::Event,
            "e2",
            "title: E2\ndate: 2021-01-02\nparties: [a, b]",
            "New words.",
        );
        let reach = reach(&[digest(site())], &[digest(edited("e2", body))], false);
        assert_eq!(pages(&reach), (false, vec!["e2"]));
    }

    #[test]
    fn a_new_link_in_a_body_builds_the_page_it_points_to() {
        let body = document_with_body(
            EntityKind::Event,
            "e1",
            "title: E1\ndate: 2021-01-01",
            "See [[s]].",
        );
        let reach = reach(&[digest(site())], &[digest(edited("e1", body))], false);
        assert_eq!(pages(&reach), (false, vec!["e1", "s"]));
    }

    #[test]
    fn a_retitled_party_builds_every_page_within_two_steps_and_the_site_wide_ones() {
        let party = document(
            EntityKind::Party,
            "a",
            "title: New\nkind: company\nrole: plaintiff",
        );
        let reach = reach(&[digest(site())], &[digest(edited("a", party))], false);
        // a → e2 and the claim → b (who shares both) and e2's neighbours in time.
        assert_eq!(
            pages(&reach),
            (true, vec!["a", "b", "claim", "e1", "e2", "e3"])
        );
        assert!(!pages(&reach).1.contains(&"c"), "c shares nothing with a");
    }

    #[test]
    fn a_moved_event_builds_its_old_and_new_neighbours_in_time() {
        let moved = document(EntityKind::Event, "e1", "title: E1\ndate: 2021-01-05");
        let reach = reach(&[digest(site())], &[digest(edited("e1", moved))], false);
        let (site_wide, ids) = pages(&reach);
        assert!(site_wide);
        let ids: HashSet<&str> = ids.into_iter().collect();
        assert!(
            ["e1", "e2", "e3"].iter().all(|id| ids.contains(id)),
            "{ids:?}"
        );
    }

    #[test]
    fn an_added_event_builds_its_neighbours_and_the_site_wide_pages() {
        let mut more = site();
        more.push(document(
            EntityKind::Event,
            "e4",
            "title: E4\ndate: 2021-01-04\nparties: [c]",
        ));
        let reach = reach(&[digest(site())], &[digest(more)], false);
        // e4 → c and e3 (before it in time) → e3's neighbours.
        assert_eq!(pages(&reach), (true, vec!["c", "e2", "e3", "e4"]));
        assert_eq!(gone(&reach), Vec::<String>::new());
    }

    #[test]
    fn a_removed_entity_builds_its_old_neighbours_and_its_page_is_gone() {
        let fewer: Vec<Document> = site()
            .into_iter()
            .filter(|d| d.as_entity().id() != "e3")
            .collect();
        let reach = reach(&[digest(site())], &[digest(fewer)], false);
        let (site_wide, ids) = pages(&reach);
        assert!(site_wide);
        assert!(ids.contains(&"c") && ids.contains(&"e2"), "{ids:?}");
        assert_eq!(gone(&reach), vec!["events/e3/".to_owned()]);
    }

    #[test]
    fn added_entities_shown_in_counts_and_changed_proceedings_build_everything() {
        let mut more = site();
        more.push(document(EntityKind::Source, "s2", "title: S2"));
        assert_eq!(
            reach(&[digest(site())], &[digest(more)], true),
            Reach::Everything
        );
        let renamed = document(EntityKind::Proceeding, "p", "title: Another\ncourt: court");
        let changed = digest(edited("p", renamed));
        assert_eq!(
            reach(&[digest(site())], &[changed], false),
            Reach::Everything
        );
        assert_eq!(reach(&[], &[digest(site())], false), Reach::Everything);
    }

    #[test]
    fn the_overview_is_built_for_its_own_edit_and_with_the_site_wide_pages() {
        let only = |site_wide, ids: &[&str]| Reach::Only {
            site_wide,
            entities: vec![ids.iter().map(|id| (*id).to_owned()).collect()],
            gone: vec![Vec::new()],
        };
        assert!(only(false, &["index"]).builds(0, Some("index")));
        assert!(only(true, &[]).builds(0, Some("index")));
        assert!(!only(false, &["a"]).builds(0, Some("index")));
        assert!(!only(false, &["a"]).builds(0, None));
        assert!(only(false, &["a"]).builds(0, Some("a")));
        assert!(Reach::Everything.builds(0, Some("b")));
    }
}
