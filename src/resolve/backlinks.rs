//! Backlinks: the checked references turned around, so each entity's page can
//! list what refers to it.

use rayon::prelude::*;

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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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
/// way of referring, in the order of the references; a page's references to
/// itself are left out.
pub(super) fn backlinks(references: Vec<Reference>) -> foldhash::HashMap<Target, Vec<Backlink>> {
    let mut map: foldhash::HashMap<Target, Vec<Backlink>> = foldhash::HashMap::default();
    for reference in references {
        if reference.from != reference.to {
            map.entry(reference.to).or_default().push(Backlink {
                from: reference.from,
                via: reference.via,
            });
        }
    }
    // Repeats are found target by target: one table of every reference (a
    // million at 100 000 events) missed the cache at every insert.
    map.par_iter_mut()
        .for_each(|(_, backlinks)| keep_first_of_each(backlinks));
    map
}

/// Below this many backlinks, looking back through those kept is quicker
/// than hashing them.
const FEW: usize = 32;

fn keep_first_of_each(backlinks: &mut Vec<Backlink>) {
    if backlinks.len() <= FEW {
        let mut kept = 0;
        for at in 0..backlinks.len() {
            let backlink = backlinks[at];
            if !backlinks[..kept].contains(&backlink) {
                backlinks[kept] = backlink;
                kept += 1;
            }
        }
        backlinks.truncate(kept);
    } else {
        let mut seen =
            foldhash::HashSet::with_capacity_and_hasher(backlinks.len(), Default::default());
        backlinks.retain(|backlink| seen.insert(*backlink));
    }
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

    #[test]
    fn many_backlinks_keep_the_first_of_each_in_order() {
        let party = Target {
            kind: EntityKind::Party,
            index: 0,
        };
        let reference = |index, via| Reference {
            from: Target::event(index),
            to: party,
            via,
        };
        // Each event twice by field and once by text, well past `FEW`.
        let references = (0..100)
            .flat_map(|index| {
                [
                    reference(index, Via::Field(Relation::Parties)),
                    reference(index, Via::Text),
                    reference(index, Via::Field(Relation::Parties)),
                ]
            })
            .collect();
        let map = backlinks(references);
        let froms: Vec<(Target, Via)> = map[&party].iter().map(|b| (b.from, b.via)).collect();
        let expected: Vec<(Target, Via)> = (0..100)
            .flat_map(|index| {
                [
                    (Target::event(index), Via::Field(Relation::Parties)),
                    (Target::event(index), Via::Text),
                ]
            })
            .collect();
        assert_eq!(froms, expected);
    }
}
