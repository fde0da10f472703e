//! From the case to the two pictures of SPEC §10: the events of a timeline
//! as `chart::ChartEvent`s in lanes (one per proceeding, in lineage order,
//! and one for events without), and the parties and claims as the input of
//! the relation map. The layouts themselves are pure (`chart`,
//! `relation_map`); this is where they meet the lookup tables.

use crate::model::{EntityKind, Ref};
use crate::render::chart::{self, Chart, ChartEvent, LaneSpec};
use crate::render::lookup::Lookup;
use crate::render::relation_map::{self, MapClaim, MapParty, RelationMap};
use crate::render::renderer::ROOT_MARK;
use crate::resolve::Target;

impl<'a> Lookup<'a> {
    /// The chart of the given events (indexes in timeline order); `None`
    /// without events.
    pub(crate) fn chart(&self, events: &[usize]) -> Option<Chart<'_>> {
        let case = self.case;
        let lineage = case.lineage();
        // lane of each proceeding: its place in the lineage; the last lane
        // holds the events without a proceeding
        let mut lane_of = vec![lineage.len(); case.proceedings.len()];
        for (lane, &(proceeding, _)) in lineage.iter().enumerate() {
            lane_of[proceeding] = lane;
        }
        let mut lanes: Vec<LaneSpec<'_>> = lineage
            .iter()
            .map(|&(proceeding, _)| {
                let target = Target {
                    kind: EntityKind::Proceeding,
                    index: proceeding,
                };
                LaneSpec {
                    label: Some(case.proceedings[proceeding].title.as_str()),
                    href: Some(self.path(target)),
                }
            })
            .collect();
        lanes.push(LaneSpec {
            label: None,
            href: None,
        });
        let chart_events: Vec<ChartEvent<'_>> = events
            .iter()
            .map(|&index| {
                let event = &case.events[index];
                let data = &event.data;
                let target = Target::event(index);
                let lane = self
                    .proceeding_index(data.proceeding.as_ref())
                    .map_or(lineage.len(), |p| lane_of[p]);
                ChartEvent {
                    start: data.date.span_start(),
                    end: data.end.unwrap_or(data.date).span_end(),
                    precision: data.date.precision(),
                    has_end: data.end.is_some(),
                    approximate: data.approximate,
                    lane,
                    href: self.path(target),
                    title: &event.title,
                    date: self.date_display(target),
                }
            })
            .collect();
        // Without proceedings there is one lane, and it needs no label.
        let mut chart = chart::layout(&chart_events, &lanes)?;
        for lane in chart.bands.iter_mut().flat_map(|band| &mut band.lanes) {
            lane.drawn = chart::draw::marks(&lane.marks, ROOT_MARK);
        }
        Some(chart)
    }

    fn proceeding_index(&self, reference: Option<&Ref>) -> Option<usize> {
        let target = self.case.target(&reference?.id)?;
        (target.kind == EntityKind::Proceeding).then_some(target.index)
    }

    /// The relation map of every claim between parties; `None` without claims.
    pub(crate) fn relation_map(&self) -> Option<RelationMap<'_>> {
        let case = self.case;
        let parties: Vec<MapParty<'_>> = case
            .all(EntityKind::Party)
            .map(|target| {
                let party = &case.parties[target.index];
                MapParty {
                    title: &party.title,
                    href: self.path(target),
                    role: party.data.role.as_str(),
                }
            })
            .collect();
        let party_indexes = |refs: &[Ref]| -> Vec<usize> {
            refs.iter()
                .filter_map(|r| case.target(&r.id))
                .filter(|t| t.kind == EntityKind::Party)
                .map(|t| t.index)
                .collect()
        };
        let mut claims: Vec<(Target, MapClaim<'_>)> = case
            .all(EntityKind::Claim)
            .map(|target| {
                let claim = &case.claims[target.index];
                let map_claim = MapClaim {
                    title: &claim.title,
                    href: self.path(target),
                    status: self.status(target.index).as_str(),
                    by: party_indexes(&claim.data.by),
                    against: party_indexes(&claim.data.against),
                };
                (target, map_claim)
            })
            .collect();
        claims.sort_by(|a, b| a.1.title.cmp(b.1.title).then(a.0.index.cmp(&b.0.index)));
        let claims: Vec<MapClaim<'_>> = claims.into_iter().map(|(_, claim)| claim).collect();
        relation_map::layout(&parties, &claims)
    }
}
