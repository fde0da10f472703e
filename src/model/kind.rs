//! What sort of thing an entity is, and tables holding one value per sort.

use std::ops::Index;

/// What sort of thing an entity is; decides its folder and its template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum EntityKind {
    Party,
    Claim,
    Event,
    Source,
    Page,
    /// `content/index.md`, the overview.
    Index,
}

impl EntityKind {
    /// Every kind, in declaration order (the order of `PerKind`).
    pub(crate) const ALL: [EntityKind; 6] = [
        EntityKind::Party,
        EntityKind::Claim,
        EntityKind::Event,
        EntityKind::Source,
        EntityKind::Page,
        EntityKind::Index,
    ];

    /// The kinds with a folder under `content/`, each entity a page of its own.
    pub(crate) const IN_FOLDERS: [EntityKind; 5] = [
        EntityKind::Party,
        EntityKind::Claim,
        EntityKind::Event,
        EntityKind::Source,
        EntityKind::Page,
    ];

    pub(crate) fn as_str(self) -> &'static str {
        match self {
            EntityKind::Party => "party",
            EntityKind::Claim => "claim",
            EntityKind::Event => "event",
            EntityKind::Source => "source",
            EntityKind::Page => "page",
            EntityKind::Index => "index",
        }
    }

    /// The folder under `content/` (and in the output, but for pages).
    pub(crate) fn folder(self) -> &'static str {
        match self {
            EntityKind::Party => "parties",
            EntityKind::Claim => "claims",
            EntityKind::Event => "events",
            EntityKind::Source => "sources",
            EntityKind::Page => "pages",
            EntityKind::Index => "",
        }
    }

    pub(crate) fn from_folder(folder: &str) -> Option<EntityKind> {
        EntityKind::IN_FOLDERS
            .into_iter()
            .find(|kind| kind.folder() == folder)
    }

    /// "a party", for messages.
    pub(crate) fn with_article(self) -> &'static str {
        match self {
            EntityKind::Party => "a party",
            EntityKind::Claim => "a claim",
            EntityKind::Event => "an event",
            EntityKind::Source => "a source",
            EntityKind::Page => "a page",
            EntityKind::Index => "the overview",
        }
    }

    /// The site-relative folder of an entity's page (`parties/parler/`).
    pub(crate) fn page_path(self, id: &str) -> String {
        match self {
            EntityKind::Page => format!("{id}/"),
            EntityKind::Index => String::new(),
            _ => format!("{}/{id}/", self.folder()),
        }
    }
}

/// One value per entity kind, indexed by the kind: the tables the renderer
/// fills once per build (paths, dates, component slots), without a `match`
/// that could send one kind to another's table.
#[derive(Debug)]
pub(crate) struct PerKind<T>([T; 6]);

impl<T> PerKind<T> {
    /// The table whose value for each kind `value` makes.
    pub(crate) fn new(value: impl FnMut(EntityKind) -> T) -> PerKind<T> {
        PerKind(EntityKind::ALL.map(value))
    }

    pub(crate) fn into_values(self) -> [T; 6] {
        self.0
    }
}

impl<T> Index<EntityKind> for PerKind<T> {
    type Output = T;

    fn index(&self, kind: EntityKind) -> &T {
        // `ALL` lists the kinds in declaration order, so a kind's
        // discriminant is its place in the table.
        &self.0[kind as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::{EntityKind, PerKind};

    #[test]
    fn every_kind_finds_its_own_value() {
        let names = PerKind::new(EntityKind::as_str);
        for kind in EntityKind::ALL {
            assert_eq!(names[kind], kind.as_str());
        }
    }

    #[test]
    fn folders_name_their_kind() {
        for kind in EntityKind::IN_FOLDERS {
            assert_eq!(EntityKind::from_folder(kind.folder()), Some(kind));
        }
        assert_eq!(EntityKind::from_folder(""), None);
    }
}
