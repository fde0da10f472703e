//! Relation fields: the front-matter lists of ids by which a claim or an
//! event names other entities.
//!
//! A field is a `Relation` value, never its name as a string, so asking for
//! the events that name a party "in `partys`" does not compile; the name a
//! message or a template shows comes from `Relation::as_str`.

use std::fmt;

use crate::diagnostic::Position;
use crate::model::EntityKind;

/// An id written in a relation field, with where it was written.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Ref {
    pub(crate) id: String,
    pub(crate) at: Position,
}

/// A relation field of a claim (`by`, `against`, `sources`) or of an event
/// (`parties`, `claims`, `sources`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Relation {
    /// The parties who bring a claim.
    By,
    /// The parties a claim is brought against.
    Against,
    /// The parties an event concerns.
    Parties,
    /// The claims an event concerns.
    Claims,
    /// The sources of a claim or an event.
    Sources,
    /// The proceeding a claim or an event belongs to.
    Proceeding,
    /// The claims an event decides, with the status each gets.
    Outcomes,
    /// The court a proceeding is before (a party of kind `court`).
    Court,
    /// The proceeding a proceeding came from.
    From,
}

impl Relation {
    /// The field's name in front matter.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Relation::By => "by",
            Relation::Against => "against",
            Relation::Parties => "parties",
            Relation::Claims => "claims",
            Relation::Sources => "sources",
            Relation::Proceeding => "proceeding",
            Relation::Outcomes => "outcomes",
            Relation::Court => "court",
            Relation::From => "from",
        }
    }

    /// The kind of entity the field's ids must name.
    pub(crate) fn takes(self) -> EntityKind {
        match self {
            Relation::By | Relation::Against | Relation::Parties | Relation::Court => {
                EntityKind::Party
            }
            Relation::Claims | Relation::Outcomes => EntityKind::Claim,
            Relation::Sources => EntityKind::Source,
            Relation::Proceeding | Relation::From => EntityKind::Proceeding,
        }
    }
}

impl fmt::Display for Relation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::Relation;
    use crate::model::EntityKind;

    #[test]
    fn each_relation_names_its_field_and_the_kind_it_takes() {
        let all = [
            (Relation::By, "by", EntityKind::Party),
            (Relation::Against, "against", EntityKind::Party),
            (Relation::Parties, "parties", EntityKind::Party),
            (Relation::Claims, "claims", EntityKind::Claim),
            (Relation::Sources, "sources", EntityKind::Source),
        ];
        for (relation, name, kind) in all {
            assert_eq!(relation.as_str(), name);
            assert_eq!(relation.to_string(), name);
            assert_eq!(relation.takes(), kind);
        }
    }
}
