//! The front matter of SPEC §9: a proceeding's keys and an event's
//! `outcomes`, read like the rest of `front_matter` and checked where only
//! the file itself is needed (`from` with `via`, known statuses).

use serde::Deserialize;

use super::{Checks, Common, CorrectionFront};
use crate::load::yaml::{Marked, Pairs, Scalar};
use crate::model::{ClaimStatus, Origin, Outcome, ProceedingData, Ref};

front!(pub(super) ProceedingFront {
    court: Option<Marked<Scalar>>,
    docket: Option<Scalar>,
    from: Option<Marked<Scalar>>,
    via: Option<String>,
});

/// `outcomes: {claim: status}`: the claims (checked by resolve) and the
/// statuses, each unknown status reported where it is written.
pub(super) fn outcomes(pairs: Pairs, checks: &mut Checks) -> (Vec<Ref>, Vec<Outcome>) {
    let mut claims = Vec::new();
    let mut outcomes = Vec::new();
    for (claim, status) in pairs.0 {
        match ClaimStatus::parse(&status.value) {
            Ok(parsed) => {
                outcomes.push(Outcome {
                    status: parsed,
                    at: status.at,
                });
                claims.push(Ref {
                    id: claim.value,
                    at: claim.at,
                });
            }
            Err(message) => checks.errors.push((status.at, message)),
        }
    }
    (claims, outcomes)
}

/// A proceeding's court, docket and origin; `from` and `via` go together.
pub(super) fn proceeding(front: ProceedingFront, checks: &mut Checks) -> (Common, ProceedingData) {
    let common = front.common();
    // `casebook new proceeding` writes `court: ''` for the writer to fill in.
    let written = if front.court.is_some() {
        "court"
    } else {
        "title"
    };
    let court = front.court.filter(|court| !court.value.0.trim().is_empty());
    if court.is_none() && !checks.unread("court") {
        checks.error_at(
            written,
            "a proceeding needs a \"court\": the id of a party of kind court",
        );
    }
    let via = checks.keyword("via", front.via.as_deref(), Origin::parse);
    match (&front.from, &front.via) {
        (Some(from), None) => checks.errors.push((
            from.at,
            format!(
                "\"from\" needs \"via\": how this proceeding came from \"{}\" ({})",
                from.value.0,
                origins()
            ),
        )),
        (None, Some(_)) => checks.error_at(
            "via",
            "\"via\" needs \"from\": the id of the proceeding this one came from",
        ),
        _ => {}
    }
    let data = ProceedingData {
        court: court.map(one_ref),
        docket: front.docket.map(|docket| docket.0),
        from: front.from.map(one_ref),
        via,
    };
    (common, data)
}

fn origins() -> String {
    let names: Vec<&str> = Origin::ALL.iter().map(|origin| origin.as_str()).collect();
    names.join(", ")
}

pub(super) fn one_ref(id: Marked<Scalar>) -> Ref {
    Ref {
        id: id.value.0,
        at: id.at,
    }
}
