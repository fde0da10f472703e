//! Proceedings and the life of each claim (SPEC §9), once every reference is
//! known to resolve: a court must be a court, `from` links may not loop, and
//! each claim's status history is derived from the outcomes of its events.
//! A claim whose own `status` contradicts its last outcome is an error that
//! names both files.

use crate::diagnostic::{display_path, Diagnostic};
use crate::model::{ClaimStatus, EntityKind, PartyKind};
use crate::resolve::case::{Case, Target};
use crate::resolve::lineage;
use crate::resolve::Duplicated;

/// One step of a claim's history: the event (its index in timeline order)
/// and the status it gave the claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Step {
    pub(crate) event: usize,
    pub(crate) status: ClaimStatus,
}

/// A claim's status history in timeline order, and its current status.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct History {
    pub(crate) steps: Vec<Step>,
    pub(crate) current: ClaimStatus,
}

/// Every claim's history, by claim index.
pub(crate) fn histories(case: &Case) -> Vec<History> {
    let mut steps: Vec<Vec<Step>> = vec![Vec::new(); case.claims.len()];
    for (event, entity) in case.events.iter().enumerate() {
        let data = &entity.data;
        for (claim, outcome) in data.outcome_claims.iter().zip(&data.outcomes) {
            if let Some(target) = case.target(&claim.id) {
                if target.kind == EntityKind::Claim {
                    steps[target.index].push(Step {
                        event,
                        status: outcome.status,
                    });
                }
            }
        }
    }
    steps
        .into_iter()
        .zip(&case.claims)
        .map(|(steps, claim)| {
            let current = steps
                .last()
                .map(|step| step.status)
                .or(claim.data.status.map(|status| status.value))
                .unwrap_or(ClaimStatus::Alleged);
            History { steps, current }
        })
        .collect()
}

/// The problems of §9 that need the whole case: courts that are not courts,
/// loops of `from`, and claim statuses that contradict their last outcome.
/// A court whose id several files share is left to the duplicate's error.
pub(crate) fn check(
    case: &Case,
    histories: &[History],
    duplicated: &Duplicated,
) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for proceeding in &case.proceedings {
        let Some(court) = &proceeding.data.court else {
            continue;
        };
        if duplicated.contains_key(&court.id) {
            continue;
        }
        let party = case
            .target(&court.id)
            .filter(|target| target.kind == EntityKind::Party)
            .map(|target| &case.parties[target.index]);
        if let Some(party) = party {
            if party.data.kind != PartyKind::Court {
                diagnostics.push(Diagnostic::new(
                    &proceeding.file,
                    court.at,
                    format!(
                        "\"{}\" is not a court (its kind is {}); \"court\" takes a party of kind court",
                        court.id,
                        party.data.kind.as_str()
                    ),
                ));
            }
        }
    }
    diagnostics.extend(loops(case));
    for ((claim, history), index) in case.claims.iter().zip(histories).zip(0..) {
        let (Some(written), Some(last)) = (claim.data.status, history.steps.last()) else {
            continue;
        };
        if written.value != last.status {
            let event = &case.events[last.event];
            let outcome = outcome_of(case, last.event, index);
            diagnostics.push(Diagnostic::new(
                &claim.file,
                written.at,
                format!(
                    "status \"{}\" contradicts the last outcome, \"{}\" in {}:{}:{} (remove \"status\" and let the outcomes decide)",
                    written.value.as_str(),
                    last.status.as_str(),
                    display_path(&event.file),
                    outcome.line,
                    outcome.column
                ),
            ));
        }
    }
    diagnostics
}

/// Where event `event` sets the outcome of claim `claim`.
fn outcome_of(case: &Case, event: usize, claim: usize) -> crate::diagnostic::Position {
    let data = &case.events[event].data;
    data.outcome_claims
        .iter()
        .zip(&data.outcomes)
        .rev()
        .find(|(r, _)| case.target(&r.id) == Some(Target::claim(claim)))
        .map_or(crate::diagnostic::Position::START, |(_, outcome)| {
            outcome.at
        })
}

/// One error per loop of `from` links, at the `from` of its first proceeding.
fn loops(case: &Case) -> Vec<Diagnostic> {
    let from = from_indices(case);
    lineage::cycles(&from)
        .into_iter()
        .map(|cycle| {
            let first = &case.proceedings[cycle[0]];
            let names: Vec<&str> = cycle
                .iter()
                .chain(std::iter::once(&cycle[0]))
                .map(|&p| case.proceedings[p].id.as_str())
                .collect();
            let at = first
                .data
                .from
                .as_ref()
                .map_or(crate::diagnostic::Position::START, |from| from.at);
            Diagnostic::new(
                &first.file,
                at,
                format!(
                    "the proceedings come from each other in a loop: {} (one of them must be where the case began)",
                    names.join(" → ")
                ),
            )
        })
        .collect()
}

/// Each proceeding's `from` as an index among the proceedings.
pub(crate) fn from_indices(case: &Case) -> Vec<Option<usize>> {
    case.proceedings
        .iter()
        .map(|proceeding| {
            let from = proceeding.data.from.as_ref()?;
            let target = case.target(&from.id)?;
            (target.kind == EntityKind::Proceeding).then_some(target.index)
        })
        .collect()
}
