//! Backlinks: the checked references turned around, so each entity's page can
//! list what refers to it.

use crate::model::Relation;
use crate::resolve::case::Target;

/// How a page refers to another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Via {
    /// A relation field.
    Field(Relation),
    /// A link in the body text.
    Text,
}

/// One page that refers to an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Backlink {
    /// The referring entity (`Target::OVERVIEW` for the overview).
    pub(crate) from: Target,
    pub(crate) via: Via,
}

/// A checked reference from one page to another.
pub(super) struct Reference {
    pub(super) from: Target,
    pub(super) to: Target,
    pub(super) via: Via,
}

/// Each reference as a backlink of its target, once per referring page and
/// way of referring; a page's references to itself are left out.
pub(super) fn backlinks(references: Vec<Reference>) -> foldhash::HashMap<Target, Vec<Backlink>> {
    let mut map: foldhash::HashMap<Target, Vec<Backlink>> = foldhash::HashMap::default();
    // Sized once: at 100 000 events, growing it rehashed a million entries.
    let mut seen =
        foldhash::HashSet::with_capacity_and_hasher(references.len(), Default::default());
    for reference in references {
        if reference.from == reference.to {
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
    use super::{backlinks, Reference, Via};
    use crate::model::{EntityKind, Relation};
    use crate::resolve::case::Target;

    #[test]
    fn repeated_and_self_references_give_one_backlink_or_none() {
        let party = Target {
            kind: EntityKind::Party,
            index: 0,
        };
        let event = Target::event(0);
        let reference = |from, to, via| Reference { from, to, via };
        let map = backlinks(vec![
            reference(event, party, Via::Field(Relation::Parties)),
            reference(event, party, Via::Field(Relation::Parties)),
            reference(event, party, Via::Text),
            reference(party, party, Via::Text),
            reference(Target::OVERVIEW, party, Via::Text),
        ]);
        let froms: Vec<(Target, Via)> = map[&party].iter().map(|b| (b.from, b.via)).collect();
        assert_eq!(
            froms,
            [
                (event, Via::Field(Relation::Parties)),
                (event, Via::Text),
                (Target::OVERVIEW, Via::Text)
            ]
        );
    }
}
