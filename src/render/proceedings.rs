//! The pages and parts of SPEC §9: a proceeding's page, the lineage of all
//! proceedings (`proceedings/` and the overview), and a claim's status
//! history as dated steps.

use crate::diagnostic::Diagnostic;
use crate::model::{EntityKind, EntityRef, Proceeding, Ref, Relation};
use crate::render::context::{
    LineageStep, ProceedingContext, ProceedingExtra, ProceedingStep, ProceedingsContext, StatusStep,
};
use crate::render::lookup::Lookup;
use crate::render::renderer::{RenderedPage, Renderer};
use crate::resolve::{Target, Via};

fn proceeding_target(index: usize) -> Target {
    Target {
        kind: EntityKind::Proceeding,
        index,
    }
}

impl<'a> Lookup<'a> {
    /// A link for the id of a relation field (checked by `resolve`).
    pub(crate) fn link_of(
        &self,
        reference: Option<&Ref>,
    ) -> Option<crate::render::context::Link<'_>> {
        let target = self.case.target(&reference?.id)?;
        Some(self.link(target))
    }

    /// Every proceeding in reading order, with where it came from.
    pub(crate) fn lineage_steps(&self) -> Vec<LineageStep<'_>> {
        self.case
            .lineage()
            .into_iter()
            .map(|(index, depth)| {
                let proceeding = &self.case.proceedings[index];
                let data = &proceeding.data;
                LineageStep {
                    depth,
                    link: self.link(proceeding_target(index)),
                    court: self.link_of(data.court.as_ref()),
                    docket: data.docket.as_deref(),
                    summary: proceeding.summary.as_deref(),
                    via: data.via.map(|via| via.as_str()),
                    from: self.link_of(data.from.as_ref()),
                }
            })
            .collect()
    }

    /// A claim's status history: each outcome for it with its event and date.
    pub(crate) fn status_steps(&self, claim: usize) -> Vec<StatusStep<'_>> {
        let Some(history) = self.case.histories.get(claim) else {
            return Vec::new();
        };
        history
            .steps
            .iter()
            .map(|step| {
                let event = self.link(Target::event(step.event));
                StatusStep {
                    date: event.date,
                    status: step.status.as_str(),
                    event,
                }
            })
            .collect()
    }

    /// Event indexes that name a claim in `claims` or `outcomes`, in timeline
    /// order: its backlinks walked once.
    pub(crate) fn events_of_claim(&self, claim: Target) -> Vec<usize> {
        let fields = [Via::Field(Relation::Claims), Via::Field(Relation::Outcomes)];
        let mut events: Vec<usize> = self
            .case
            .backlinks(claim)
            .iter()
            .filter(|b| fields.contains(&b.via) && b.from.kind == EntityKind::Event)
            .map(|b| b.from.index)
            .collect();
        events.sort_unstable();
        events.dedup();
        events
    }
}

impl<'a> Renderer<'a> {
    pub(super) fn proceeding(
        &self,
        proceeding: &'a Proceeding,
        target: Target,
    ) -> Result<RenderedPage, Diagnostic> {
        let lookup = self.lookup;
        let case = lookup.case;
        let data = &proceeding.data;
        let events = lookup.events_via(target, Relation::Proceeding);
        let claims: Vec<Target> = case
            .backlinks(target)
            .iter()
            .filter(|b| b.via == Via::Field(Relation::Proceeding))
            .map(|b| b.from)
            .filter(|from| from.kind == EntityKind::Claim)
            .collect();
        let claims = lookup.sorted_targets(claims.into_iter());
        let mut followers: Vec<usize> = case
            .backlinks(target)
            .iter()
            .filter(|b| b.via == Via::Field(Relation::From))
            .filter(|b| b.from.kind == EntityKind::Proceeding)
            .map(|b| b.from.index)
            .collect();
        followers.sort_unstable();
        followers.dedup();
        let followed_by = followers
            .into_iter()
            .filter_map(|other| {
                Some(ProceedingStep {
                    link: lookup.link(proceeding_target(other)),
                    via: case.proceedings[other].data.via?.as_str(),
                })
            })
            .collect();
        let from = data.via.and_then(|via| {
            Some(ProceedingStep {
                link: lookup.link_of(data.from.as_ref())?,
                via: via.as_str(),
            })
        });
        let shown: Vec<Target> = self
            .named_by(EntityRef::Proceeding(proceeding))
            .chain(claims.iter().copied())
            .chain(events.iter().map(|&e| Target::event(e)))
            .collect();
        let extra = ProceedingExtra {
            docket: data.docket.as_deref(),
        };
        let own = ProceedingContext {
            entity: self.entity_context(proceeding, target, extra),
            court: lookup.link_of(data.court.as_ref()),
            from,
            followed_by,
            claims: self.items(claims)?,
            event_count: events.len(),
            chart: lookup.chart(&events),
            mentions: self.mentions(target, true, &shown)?,
            timeline: self.cards(events, 4)?,
        };
        self.entity_page("proceeding.html", proceeding, target, own)
    }

    /// `proceedings/`: every proceeding as a lineage.
    pub(super) fn proceedings_list(&self) -> Result<RenderedPage, Diagnostic> {
        let title = self
            .translation(&["nav", "proceedings"])
            .unwrap_or("Proceedings");
        let own = ProceedingsContext {
            lineage: self.lookup.lineage_steps(),
        };
        self.section_page(
            "proceedings.html",
            "proceedings",
            "proceedings/",
            title,
            own,
        )
    }
}
