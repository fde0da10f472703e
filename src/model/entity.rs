//! The entities: what every one has (`Entity<T>`), what each type adds, a
//! loaded file of any type (`Document`) and an entity of any type borrowed
//! from the case (`EntityRef`).

use std::path::{Path, PathBuf};

use crate::diagnostic::Position;
use crate::model::asset::Asset;
use crate::model::date::CaseDate;
use crate::model::language::LanguageTag;
use crate::model::{
    Body, ClaimStatus, EntityId, Origin, PartyKind, Ref, Relation, Role, SourceKind,
};

/// The id of the overview, `content/index.md`.
pub(crate) const OVERVIEW_ID: &str = "index";

/// What every entity has, whatever its type.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Entity<T> {
    pub(crate) id: EntityId,
    pub(crate) title: String,
    pub(crate) summary: Option<String>,
    pub(crate) draft: bool,
    /// When the writer last brought the page up to date (`updated`).
    pub(crate) updated: Option<CaseDate>,
    /// What was corrected on the page, in the order written (`corrections`).
    pub(crate) corrections: Vec<Correction>,
    /// The source file, relative to the site root.
    pub(crate) file: PathBuf,
    pub(crate) body: std::sync::Arc<Body>,
    /// The files beside `index.md` when the entity is a page bundle.
    pub(crate) assets: Vec<Asset>,
    pub(crate) data: T,
}

/// One entry of an entity's `corrections`: when, and what was corrected.
#[derive(Debug, Clone, PartialEq, Hash)]
pub(crate) struct Correction {
    pub(crate) date: CaseDate,
    pub(crate) text: String,
}

/// The fields every entity has, borrowed, whatever its type.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Common<'a> {
    pub(crate) id: &'a EntityId,
    pub(crate) title: &'a str,
    pub(crate) summary: Option<&'a str>,
    pub(crate) draft: bool,
    pub(crate) updated: Option<&'a CaseDate>,
    pub(crate) corrections: &'a [Correction],
    pub(crate) file: &'a Path,
    pub(crate) body: &'a Body,
    pub(crate) assets: &'a [Asset],
}

impl<T> Entity<T> {
    pub(crate) fn common(&self) -> Common<'_> {
        Common {
            id: &self.id,
            title: &self.title,
            summary: self.summary.as_deref(),
            draft: self.draft,
            updated: self.updated.as_ref(),
            corrections: &self.corrections,
            file: &self.file,
            body: &self.body,
            assets: &self.assets,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Hash)]
pub(crate) struct PartyData {
    pub(crate) kind: PartyKind,
    pub(crate) role: Role,
    pub(crate) aliases: Vec<String>,
    pub(crate) website: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Hash)]
pub(crate) struct ClaimData {
    pub(crate) by: Vec<Ref>,
    pub(crate) against: Vec<Ref>,
    pub(crate) basis: Option<String>,
    /// The `status` key as written; the status shown is derived (SPEC §9).
    pub(crate) status: Option<Placed<ClaimStatus>>,
    pub(crate) sources: Vec<Ref>,
    pub(crate) proceeding: Option<Ref>,
}

impl ClaimData {
    /// The claim's relation fields, in front-matter order.
    pub(crate) fn relations(&self) -> [(Relation, &[Ref]); 4] {
        [
            (Relation::By, &self.by),
            (Relation::Against, &self.against),
            (Relation::Proceeding, self.proceeding.as_slice()),
            (Relation::Sources, &self.sources),
        ]
    }
}

/// A keyword value with where it was written, for messages about it.
#[derive(Debug, Clone, Copy, PartialEq, Hash)]
pub(crate) struct Placed<T> {
    pub(crate) value: T,
    pub(crate) at: crate::diagnostic::Position,
}

/// What an event decided for one claim: `outcomes: {claim: status}`.
#[derive(Debug, Clone, Copy, PartialEq, Hash)]
pub(crate) struct Outcome {
    pub(crate) status: ClaimStatus,
    pub(crate) at: crate::diagnostic::Position,
}

#[derive(Debug, Clone, PartialEq, Hash)]
pub(crate) struct EventData {
    pub(crate) date: CaseDate,
    pub(crate) end: Option<CaseDate>,
    pub(crate) approximate: bool,
    pub(crate) parties: Vec<Ref>,
    pub(crate) claims: Vec<Ref>,
    pub(crate) sources: Vec<Ref>,
    pub(crate) proceeding: Option<Ref>,
    /// The claims `outcomes` names, in the order written; `outcomes[i]` is
    /// what the event decided for `outcome_claims[i]`.
    pub(crate) outcome_claims: Vec<Ref>,
    pub(crate) outcomes: Vec<Outcome>,
}

impl EventData {
    /// The event's relation fields, in front-matter order.
    pub(crate) fn relations(&self) -> [(Relation, &[Ref]); 5] {
        [
            (Relation::Parties, &self.parties),
            (Relation::Claims, &self.claims),
            (Relation::Outcomes, &self.outcome_claims),
            (Relation::Proceeding, self.proceeding.as_slice()),
            (Relation::Sources, &self.sources),
        ]
    }
}

#[derive(Debug, Clone, PartialEq, Hash)]
pub(crate) struct ProceedingData {
    /// Required; `None` only in a file reported for its lack.
    pub(crate) court: Option<Ref>,
    pub(crate) docket: Option<String>,
    /// `from` and `via`: both or neither (checked when loading).
    pub(crate) from: Option<Ref>,
    pub(crate) via: Option<Origin>,
}

impl ProceedingData {
    pub(crate) fn relations(&self) -> [(Relation, &[Ref]); 2] {
        [
            (Relation::Court, self.court.as_slice()),
            (Relation::From, self.from.as_slice()),
        ]
    }
}

#[derive(Debug, Clone, PartialEq, Hash)]
pub(crate) struct SourceData {
    pub(crate) publisher: Option<String>,
    pub(crate) url: Option<String>,
    pub(crate) date: Option<CaseDate>,
    pub(crate) kind: SourceKind,
    pub(crate) language: Option<LanguageTag>,
    /// `file:`, the source's own document among its bundle's files, with
    /// the position it was written at.
    pub(crate) document: Option<(String, Position)>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PageData {
    pub(crate) weight: f64,
}

impl std::hash::Hash for PageData {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.weight.to_bits().hash(state);
    }
}

pub(crate) type Party = Entity<PartyData>;
pub(crate) type Claim = Entity<ClaimData>;
pub(crate) type Event = Entity<EventData>;
pub(crate) type Source = Entity<SourceData>;
pub(crate) type Page = Entity<PageData>;
pub(crate) type Proceeding = Entity<ProceedingData>;
pub(crate) type Overview = Entity<()>;

/// One loaded content file of any type.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Document {
    Party(Party),
    Claim(Claim),
    Event(Event),
    Source(Source),
    Page(Page),
    Proceeding(Proceeding),
    Overview(Overview),
}

impl Document {
    /// The loaded entity, borrowed like one of the case.
    pub(crate) fn as_entity(&self) -> EntityRef<'_> {
        match self {
            Document::Party(e) => EntityRef::Party(e),
            Document::Claim(e) => EntityRef::Claim(e),
            Document::Event(e) => EntityRef::Event(e),
            Document::Source(e) => EntityRef::Source(e),
            Document::Page(e) => EntityRef::Page(e),
            Document::Proceeding(e) => EntityRef::Proceeding(e),
            Document::Overview(e) => EntityRef::Overview(Some(e)),
        }
    }

    /// Gives a bundle's files to its entity; they are found afresh on every
    /// run, while the document itself may come from the cache.
    pub(crate) fn set_assets(&mut self, assets: Vec<Asset>) {
        match self {
            Document::Party(e) => e.assets = assets,
            Document::Claim(e) => e.assets = assets,
            Document::Event(e) => e.assets = assets,
            Document::Source(e) => e.assets = assets,
            Document::Page(e) => e.assets = assets,
            Document::Proceeding(e) => e.assets = assets,
            Document::Overview(e) => e.assets = assets,
        }
    }
}

/// One entity of any type, borrowed: what `Case::entity` returns, so that the
/// step from a kind to its list is written once and every use matches on the
/// type itself, where the compiler checks that each type has its arm.
#[derive(Debug, Clone, Copy)]
pub(crate) enum EntityRef<'a> {
    Party(&'a Party),
    Claim(&'a Claim),
    Event(&'a Event),
    Source(&'a Source),
    Page(&'a Page),
    Proceeding(&'a Proceeding),
    /// The overview; `None` when the site has no `content/index.md` (the
    /// overview page is written all the same).
    Overview(Option<&'a Overview>),
}

impl<'a> EntityRef<'a> {
    /// The common fields; `None` only for an overview without a file.
    pub(crate) fn common(self) -> Option<Common<'a>> {
        match self {
            EntityRef::Party(e) => Some(e.common()),
            EntityRef::Claim(e) => Some(e.common()),
            EntityRef::Event(e) => Some(e.common()),
            EntityRef::Source(e) => Some(e.common()),
            EntityRef::Page(e) => Some(e.common()),
            EntityRef::Proceeding(e) => Some(e.common()),
            EntityRef::Overview(e) => e.map(Entity::common),
        }
    }

    /// The id; the overview's is `index`, with or without a file.
    pub(crate) fn id(self) -> &'a str {
        self.common()
            .map_or(OVERVIEW_ID, |common| common.id.as_str())
    }

    /// The title; empty for an overview without a file.
    pub(crate) fn title(self) -> &'a str {
        self.common().map_or("", |common| common.title)
    }

    /// The relation fields and the ids written in them (claims and events
    /// have some, other types none).
    pub(crate) fn relations(self) -> impl Iterator<Item = (Relation, &'a [Ref])> {
        let fields: Vec<(Relation, &'a [Ref])> = match self {
            EntityRef::Claim(claim) => claim.data.relations().to_vec(),
            EntityRef::Event(event) => event.data.relations().to_vec(),
            EntityRef::Proceeding(proceeding) => proceeding.data.relations().to_vec(),
            EntityRef::Party(_) | EntityRef::Source(_) | EntityRef::Page(_) => Vec::new(),
            EntityRef::Overview(_) => Vec::new(),
        };
        fields.into_iter()
    }
}

#[cfg(test)]
mod tests {
    use super::{EntityRef, OVERVIEW_ID};
    use crate::model::Relation;

    #[test]
    fn an_overview_without_a_file_is_still_the_overview() {
        let overview = EntityRef::Overview(None);
        assert_eq!(overview.id(), OVERVIEW_ID);
        assert_eq!(overview.title(), "");
        assert_eq!(overview.relations().count(), 0);
    }

    #[test]
    fn relations_come_in_front_matter_order() {
        let claim = crate::model::ClaimData {
            by: Vec::new(),
            against: Vec::new(),
            basis: None,
            status: None,
            sources: Vec::new(),
            proceeding: None,
        };
        let names: Vec<Relation> = claim.relations().iter().map(|(r, _)| *r).collect();
        assert_eq!(
            names,
            [
                Relation::By,
                Relation::Against,
                Relation::Proceeding,
                Relation::Sources
            ]
        );
    }
}
