//! The `Case`: every published entity in display order, found by id, by file
//! or by place, and who refers to whom.
//!
//! `Case::entity` is the one step from a place (`Target`) to the entity
//! there; everything else matches on the `EntityRef` it returns.

use std::path::{Component, Path, PathBuf};

use crate::model::asset::Asset;
use crate::model::{
    Claim, EntityKind, EntityRef, Event, Overview, Page, Party, Proceeding, Source,
};
use crate::resolve::backlinks::Backlink;
use crate::resolve::proceedings::History;
use crate::site::CONTENT_DIR;

/// The overview's file name in `content/`.
const OVERVIEW_FILE: &str = "index.md";

/// Where an entity sits in the case: its kind and its place in that kind's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Target {
    pub(crate) kind: EntityKind,
    pub(crate) index: usize,
}

impl Target {
    /// The overview, `content/index.md` (the site has one even without that file).
    pub(crate) const OVERVIEW: Target = Target {
        kind: EntityKind::Index,
        index: 0,
    };

    pub(crate) fn event(index: usize) -> Target {
        Target {
            kind: EntityKind::Event,
            index,
        }
    }

    pub(crate) fn claim(index: usize) -> Target {
        Target {
            kind: EntityKind::Claim,
            index,
        }
    }
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
    /// By id; `lineage` gives their reading order.
    pub(crate) proceedings: Vec<Proceeding>,
    /// Each claim's status history and current status, by claim index.
    pub(crate) histories: Vec<History>,
    /// Published entities by id (the overview is not among them: nothing links to it).
    /// (The maps hash with foldhash: every link and lookup of every page
    /// goes through them, and SipHash's hardening buys nothing here.)
    pub(super) targets: foldhash::HashMap<String, Target>,
    pub(super) files: foldhash::HashMap<PathBuf, Target>,
    /// Each published bundle file (`content/sources/x/complaint.pdf`) and its entity.
    pub(super) assets: foldhash::HashMap<PathBuf, Target>,
    pub(super) backlinks: foldhash::HashMap<Target, Vec<Backlink>>,
    /// In the edition of a translation: the entities shown with the main
    /// language's words, for want of a translation (SPEC §12).
    pub(super) untranslated: Option<Untranslated>,
}

/// The entities of a translation's edition that have no translation yet.
#[derive(Debug, Default)]
pub(crate) struct Untranslated {
    /// The main language, the language of their words.
    pub(crate) language: String,
    pub(crate) targets: std::collections::HashSet<Target>,
}

impl Case {
    /// The entity at `target`.
    pub(crate) fn entity(&self, target: Target) -> EntityRef<'_> {
        let index = target.index;
        match target.kind {
            EntityKind::Party => EntityRef::Party(&self.parties[index]),
            EntityKind::Claim => EntityRef::Claim(&self.claims[index]),
            EntityKind::Event => EntityRef::Event(&self.events[index]),
            EntityKind::Source => EntityRef::Source(&self.sources[index]),
            EntityKind::Page => EntityRef::Page(&self.pages[index]),
            EntityKind::Proceeding => EntityRef::Proceeding(&self.proceedings[index]),
            EntityKind::Index => {
                debug_assert_eq!(index, 0, "there is one overview");
                EntityRef::Overview(self.overview.as_ref())
            }
        }
    }

    /// How many entities of `kind` there are; the overview counts one, with
    /// or without its file, as its page is always written.
    pub(crate) fn count(&self, kind: EntityKind) -> usize {
        match kind {
            EntityKind::Party => self.parties.len(),
            EntityKind::Claim => self.claims.len(),
            EntityKind::Event => self.events.len(),
            EntityKind::Source => self.sources.len(),
            EntityKind::Page => self.pages.len(),
            EntityKind::Proceeding => self.proceedings.len(),
            EntityKind::Index => 1,
        }
    }

    /// Every entity of `kind`, in display order.
    pub(crate) fn all(&self, kind: EntityKind) -> impl Iterator<Item = Target> {
        (0..self.count(kind)).map(move |index| Target { kind, index })
    }

    /// Every published entity with a page of its own, type by type in the
    /// order parties, claims, events, sources, pages.
    pub(crate) fn targets(&self) -> impl Iterator<Item = Target> + '_ {
        EntityKind::IN_FOLDERS
            .into_iter()
            .flat_map(|kind| self.all(kind))
    }

    pub(crate) fn target(&self, id: &str) -> Option<Target> {
        self.targets.get(id).copied()
    }

    /// The entity a content-path link from `file` points at; `content/index.md`
    /// is the overview (in every edition: a link names the main file).
    pub(crate) fn target_of_path(&self, file: &Path, path: &str) -> Option<Target> {
        let wanted = join_content_path(file, path)?;
        if self.overview.is_some() && wanted == Path::new(CONTENT_DIR).join(OVERVIEW_FILE) {
            return Some(Target::OVERVIEW);
        }
        self.files.get(&wanted).copied()
    }

    /// The bundle file a link from `file` points at, and the entity it belongs to.
    pub(crate) fn asset_of_path(&self, file: &Path, path: &str) -> Option<(Target, &Asset)> {
        let wanted = join_content_path(file, path)?;
        let owner = *self.assets.get(&wanted)?;
        let common = self.entity(owner).common()?;
        let asset = common.assets.iter().find(|asset| asset.file == wanted)?;
        Some((owner, asset))
    }

    /// The language of the words of the entity at `target` where it is not
    /// the edition's own: an untranslated entity in a translation's edition.
    pub(crate) fn text_language(&self, target: Target) -> Option<&str> {
        let untranslated = self.untranslated.as_ref()?;
        untranslated
            .targets
            .contains(&target)
            .then_some(untranslated.language.as_str())
    }

    /// How many entity pages show words not of their edition.
    pub(crate) fn untranslated_count(&self) -> usize {
        self.untranslated.as_ref().map_or(0, |u| u.targets.len())
    }

    /// What refers to `target`, each referring page once per way of referring.
    /// The proceedings in the order their lineage reads, with their depth
    /// (0 for one that came from no other).
    pub(crate) fn lineage(&self) -> Vec<(usize, usize)> {
        crate::resolve::lineage::order(&crate::resolve::proceedings::from_indices(self))
    }

    pub(crate) fn backlinks(&self, target: Target) -> &[Backlink] {
        self.backlinks.get(&target).map_or(&[], Vec::as_slice)
    }
}

/// `content/events/x.md` + `../parties/aws.md` → `content/parties/aws.md`.
pub(super) fn join_content_path(file: &Path, link: &str) -> Option<PathBuf> {
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

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::{join_content_path, Target};
    use crate::model::{EntityKind, EntityRef};
    use crate::resolve::testing::{case_of, document};

    #[test]
    fn the_overview_is_never_looked_up_among_the_free_pages() {
        let case = case_of(vec![
            document(EntityKind::Page, "about", "title: About"),
            document(EntityKind::Index, "index", "title: The case"),
        ]);
        let overview = case.entity(Target::OVERVIEW);
        assert!(matches!(overview, EntityRef::Overview(Some(_))));
        assert_eq!(overview.title(), "The case");
        assert_eq!(overview.id(), "index");
        let page = Target {
            kind: EntityKind::Page,
            index: 0,
        };
        assert!(matches!(case.entity(page), EntityRef::Page(p) if p.title == "About"));
    }

    #[test]
    fn a_site_without_an_index_file_still_has_its_overview() {
        let case = case_of(vec![document(EntityKind::Page, "about", "title: About")]);
        assert!(matches!(
            case.entity(Target::OVERVIEW),
            EntityRef::Overview(None)
        ));
        assert_eq!(case.count(EntityKind::Index), 1);
    }

    #[test]
    fn each_kind_counts_its_own_entities_not_the_sources() {
        let case = case_of(vec![
            document(EntityKind::Source, "s1", "title: S1"),
            document(EntityKind::Source, "s2", "title: S2"),
            document(EntityKind::Source, "s3", "title: S3"),
            document(EntityKind::Event, "e1", "title: E1\ndate: 2021"),
            document(
                EntityKind::Party,
                "p1",
                "title: P1\nkind: company\nrole: plaintiff",
            ),
        ]);
        let counts = EntityKind::ALL.map(|kind| case.count(kind));
        assert_eq!(counts, [1, 0, 1, 3, 0, 0, 1]);
        let sources: Vec<&str> = case
            .all(EntityKind::Source)
            .map(|t| case.entity(t).id())
            .collect();
        assert_eq!(sources, ["s1", "s2", "s3"]);
        let ids: Vec<&str> = case.targets().map(|t| case.entity(t).id()).collect();
        assert_eq!(ids, ["p1", "e1", "s1", "s2", "s3"]);
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
