//! The lookup tables of one render: every entity's path, date and link,
//! computed once per build, and the backlink queries the pages ask.

use rayon::prelude::*;

use crate::load::config::Config;
use crate::model::date::{CaseDate, Language};
use crate::model::{ClaimStatus, Common, EntityKind, EntityRef, Heading, PerKind, Relation};
use crate::render::context::{
    Counts, DateContext, EventItem, Link, MonthContext, SiteContext, Toc, YearContext,
};
use crate::render::timeline;
use crate::resolve::{Backlink, Case, Target, Via};

/// Everything a page needs to know about the case, computed once per build:
/// paths, dates and links of every entity.
pub(crate) struct Lookup<'a> {
    pub(crate) case: &'a Case,
    pub(crate) language: Language,
    paths: PerKind<Vec<String>>,
    dates: PerKind<Vec<Option<DateContext>>>,
}

impl<'a> Lookup<'a> {
    pub(crate) fn new(case: &'a Case, config: &Config) -> Lookup<'a> {
        let language = config.language;
        let each = |kind: EntityKind| case.all(kind).map(|target| case.entity(target));
        // Every rebuild under `watch` makes these anew: formatting ten
        // thousand dates takes milliseconds, so they are made in parallel.
        let (paths, dates) = rayon::join(
            || PerKind::new(|kind| each(kind).map(|e| kind.page_path(e.id())).collect()),
            || {
                PerKind::new(|kind| {
                    let targets: Vec<Target> = case.all(kind).collect();
                    let date = |&target: &Target| date_context(case.entity(target), language);
                    targets.par_iter().map(date).collect()
                })
            },
        );
        Lookup {
            case,
            language,
            paths,
            dates,
        }
    }

    pub(crate) fn path(&self, target: Target) -> &str {
        &self.paths[target.kind][target.index]
    }

    fn date(&self, target: Target) -> Option<&DateContext> {
        self.dates[target.kind][target.index].as_ref()
    }

    /// An entity's date as pages print it (empty for entities without one).
    pub(crate) fn date_display(&self, target: Target) -> &str {
        self.date(target).map_or("", |date| date.display.as_str())
    }

    /// A claim's current status (SPEC §9): its last outcome, else its own
    /// `status`, else alleged.
    pub(crate) fn status(&self, claim: usize) -> ClaimStatus {
        self.case
            .histories
            .get(claim)
            .map_or(ClaimStatus::Alleged, |history| history.current)
    }

    /// The link to an entity, with the fields of its type.
    pub(crate) fn link(&self, target: Target) -> Link<'_> {
        let mut link = match self.case.entity(target) {
            EntityRef::Party(party) => Link {
                role: Some(party.data.role.as_str()),
                party_kind: Some(party.data.kind.as_str()),
                ..self.base_link(party.common(), target)
            },
            EntityRef::Claim(claim) => Link {
                status: Some(self.status(target.index).as_str()),
                basis: claim.data.basis.as_deref(),
                ..self.base_link(claim.common(), target)
            },
            EntityRef::Event(event) => self.base_link(event.common(), target),
            EntityRef::Source(source) => Link {
                publisher: source.data.publisher.as_deref(),
                url: source.data.url.as_deref(),
                source_kind: Some(source.data.kind.as_str()),
                ..self.base_link(source.common(), target)
            },
            EntityRef::Page(page) => self.base_link(page.common(), target),
            EntityRef::Proceeding(proceeding) => self.base_link(proceeding.common(), target),
            EntityRef::Overview(Some(overview)) => self.base_link(overview.common(), target),
            EntityRef::Overview(None) => Link {
                kind: EntityKind::Index.as_str(),
                ..self.empty_link()
            },
        };
        link.date = self.date(target);
        link.lang = self.case.text_language(target);
        link
    }

    /// A link that also names, for a claim, who brings it against whom
    /// (only where a list of claims shows that; elsewhere it is dead weight).
    pub(crate) fn link_with_sides(&self, target: Target) -> Link<'_> {
        let mut link = self.link(target);
        if let EntityRef::Claim(claim) = self.case.entity(target) {
            link.by = Some(self.links(&claim.data.by));
            link.against = Some(self.links(&claim.data.against));
        }
        link
    }

    fn base_link<'s>(&'s self, entity: Common<'s>, target: Target) -> Link<'s> {
        Link {
            id: entity.id.as_str(),
            kind: target.kind.as_str(),
            title: entity.title,
            summary: entity.summary,
            path: self.path(target),
            ..self.empty_link()
        }
    }

    fn empty_link(&self) -> Link<'_> {
        Link {
            id: "",
            kind: "",
            title: "",
            summary: None,
            path: "",
            role: None,
            party_kind: None,
            status: None,
            basis: None,
            by: None,
            against: None,
            publisher: None,
            url: None,
            source_kind: None,
            date: None,
            lang: None,
        }
    }

    /// Links for ids of a relation field (checked by `resolve`).
    pub(crate) fn links<'r>(
        &self,
        refs: impl IntoIterator<Item = &'r crate::model::Ref>,
    ) -> Vec<Link<'_>> {
        refs.into_iter()
            .filter_map(|r| self.case.target(&r.id))
            .map(|target| self.link(target))
            .collect()
    }

    /// The claims an event names: its `claims`, then those only its
    /// `outcomes` name, which count as named too (SPEC §9).
    pub(crate) fn named_claims(&self, event: &crate::model::Event) -> Vec<Link<'_>> {
        let data = &event.data;
        let outcome_only = data
            .outcome_claims
            .iter()
            .filter(|claim| !data.claims.iter().any(|named| named.id == claim.id));
        self.links(data.claims.iter().chain(outcome_only))
    }

    pub(crate) fn event_item(&self, index: usize) -> EventItem<'_> {
        let event = &self.case.events[index];
        EventItem {
            link: self.link(Target::event(index)),
            parties: self.links(&event.data.parties),
            claims: self.named_claims(event),
            sources: self.links(&event.data.sources),
        }
    }

    /// The timeline of the given events (indexes in timeline order), each
    /// event shown as `show` makes it.
    pub(crate) fn timeline<T, E>(
        &self,
        events: impl IntoIterator<Item = usize>,
        show: impl Fn(usize) -> Result<T, E>,
    ) -> Result<Vec<YearContext<T>>, E> {
        let mut items = Vec::new();
        for index in events {
            let date = &self.case.events[index].data.date;
            items.push((date.timeline_year_month(), show(index)?));
        }
        let years = timeline::group(items, |item| item.0);
        Ok(years
            .into_iter()
            .map(|year| YearContext {
                year: year.year,
                label: year.year.to_string(),
                count: year.months.iter().map(|m| m.events.len()).sum(),
                months: year
                    .months
                    .into_iter()
                    .map(|month| MonthContext {
                        key: match month.month {
                            Some(m) => format!("{}-{m:02}", year.year),
                            None => year.year.to_string(),
                        },
                        label: month
                            .month
                            .map(|m| CaseDate::month_label(year.year, m, self.language)),
                        events: month.events.into_iter().map(|(_, shown)| shown).collect(),
                    })
                    .collect(),
            })
            .collect())
    }

    /// Event indexes that name `target` in `relation`, in timeline order.
    pub(crate) fn events_via(&self, target: Target, relation: Relation) -> Vec<usize> {
        let mut events: Vec<usize> = self
            .case
            .backlinks(target)
            .iter()
            .filter(|b| b.via == Via::Field(relation) && b.from.kind == EntityKind::Event)
            .map(|b| b.from.index)
            .collect();
        events.sort_unstable();
        events.dedup();
        events
    }

    /// Claims that name `target` in `relation`, by title.
    pub(crate) fn claims_via(&self, target: Target, relation: Relation) -> Vec<Target> {
        let targets = self
            .case
            .backlinks(target)
            .iter()
            .filter(|b| b.via == Via::Field(relation) && b.from.kind == EntityKind::Claim)
            .map(|b| b.from);
        self.sorted(targets)
    }

    /// Backlinks matching `keep`, grouped by type in the order party, claim,
    /// event, source, page, overview; each referring page once.
    pub(crate) fn groups(
        &self,
        target: Target,
        keep: impl Fn(&Backlink) -> bool,
    ) -> Vec<(EntityKind, Vec<Target>)> {
        let backlinks: Vec<&Backlink> = self
            .case
            .backlinks(target)
            .iter()
            .filter(|b| keep(b))
            .collect();
        EntityKind::ALL
            .into_iter()
            .filter_map(|kind| {
                let targets = backlinks
                    .iter()
                    .map(|b| b.from)
                    .filter(|from| from.kind == kind);
                let targets = self.sorted(targets);
                (!targets.is_empty()).then_some((kind, targets))
            })
            .collect()
    }

    /// Distinct targets, events in timeline order, everything else by title.
    pub(crate) fn sorted_targets(&self, targets: impl Iterator<Item = Target>) -> Vec<Target> {
        self.sorted(targets)
    }

    fn sorted(&self, targets: impl Iterator<Item = Target>) -> Vec<Target> {
        let mut targets: Vec<Target> = targets.collect();
        targets.sort_by(|a, b| {
            let by_title = |t: &Target| {
                let entity = self.case.entity(*t);
                (entity.title(), entity.id())
            };
            if a.kind == EntityKind::Event && b.kind == EntityKind::Event {
                a.index.cmp(&b.index)
            } else {
                by_title(a).cmp(&by_title(b))
            }
        });
        targets.dedup();
        targets
    }

    /// The variables every template gets (`site`), serialised once per build.
    pub(crate) fn site_context<'c>(&'c self, config: &'c Config) -> SiteContext<'c> {
        let case = self.case;
        SiteContext {
            title: &config.title,
            description: config.description.as_deref(),
            language: &config.language_tag,
            base_url: config.base_url.as_deref(),
            case: config.case.as_ref(),
            nav: case
                .all(EntityKind::Page)
                .map(|target| self.link(target))
                .collect(),
            counts: Counts {
                parties: case.parties.len(),
                claims: case.claims.len(),
                events: case.events.len(),
                sources: case.sources.len(),
                pages: case.pages.len(),
                proceedings: case.proceedings.len(),
            },
            has_proceedings: !case.proceedings.is_empty(),
            has_feed: config.base_url.is_some(),
            og_locale: og_locale(&config.language_tag),
        }
    }

    pub(crate) fn toc<'b>(&self, headings: &'b [Heading]) -> Vec<Toc<'b>> {
        headings
            .iter()
            .map(|h| Toc {
                level: h.level,
                id: &h.id,
                text: &h.text,
            })
            .collect()
    }
}

/// The date an entity's links show: an event's, a source's (if it has one).
fn date_context(entity: EntityRef, language: Language) -> Option<DateContext> {
    match entity {
        EntityRef::Event(event) => {
            let data = &event.data;
            let end = data.end.as_ref();
            Some(DateContext::new(
                &data.date,
                end,
                data.approximate,
                language,
            ))
        }
        EntityRef::Source(source) => source
            .data
            .date
            .map(|date| DateContext::new(&date, None, false, language)),
        EntityRef::Party(_) | EntityRef::Claim(_) | EntityRef::Page(_) => None,
        EntityRef::Proceeding(_) => None,
        EntityRef::Overview(_) => None,
    }
}

/// The relative path from a page's folder to the site root, never empty
/// (`./` on the overview), so `root ~ path` is always a usable href.
/// A language tag as Open Graph writes a locale: `de` → `de_DE`, `en` →
/// `en_US`, `de-AT` → `de_AT`.
fn og_locale(tag: &str) -> String {
    let mut parts = tag.split('-');
    let language = parts.next().unwrap_or("en").to_ascii_lowercase();
    match parts.find(|part| part.len() == 2) {
        Some(region) => format!("{language}_{}", region.to_ascii_uppercase()),
        None => match language.as_str() {
            "en" => "en_US".to_owned(),
            "de" => "de_DE".to_owned(),
            other => format!("{other}_{}", other.to_ascii_uppercase()),
        },
    }
}

pub(crate) fn root_of(path: &str) -> String {
    match path.matches('/').count() {
        0 => "./".to_owned(),
        depth => "../".repeat(depth),
    }
}

/// How the links of a body on the page at `page_path` resolve: the URL
/// relative to that page, and the target's title.
pub(crate) fn resolver<'l>(
    lookup: &'l Lookup,
    file: &'l std::path::Path,
    page_path: &str,
) -> impl Fn(&crate::model::BodyLink) -> Option<crate::markdown::Resolved> + 'l {
    let root = root_of(page_path);
    move |link| {
        let target = match &link.target {
            crate::model::LinkTarget::File { path } => {
                let (owner, asset) = lookup.case.asset_of_path(file, path)?;
                let fragment = link
                    .fragment
                    .as_ref()
                    .map(|f| format!("#{f}"))
                    .unwrap_or_default();
                return Some(crate::markdown::Resolved {
                    url: format!("{root}{}{}{fragment}", lookup.path(owner), asset.name),
                    title: asset.name.clone(),
                    lang: None,
                });
            }
            crate::model::LinkTarget::Wiki { id, .. } => lookup.case.target(id)?,
            crate::model::LinkTarget::ContentPath { path } => {
                lookup.case.target_of_path(file, path)?
            }
        };
        let entity = lookup.case.entity(target);
        // An untranslated text may name a heading the target's translation
        // does not have: its link then leads to the top of the page.
        let has_heading = |fragment: &String| {
            entity
                .common()
                .is_some_and(|common| common.body.headings.iter().any(|h| h.id == *fragment))
        };
        let fragment = link
            .fragment
            .as_ref()
            .filter(|f| has_heading(f))
            .map(|f| format!("#{f}"))
            .unwrap_or_default();
        Some(crate::markdown::Resolved {
            url: format!("{root}{}{fragment}", lookup.path(target)),
            title: entity.title().to_owned(),
            lang: lookup.case.text_language(target).map(str::to_owned),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::{root_of, Lookup};
    use crate::load::config::Config;
    use crate::model::{EntityKind, Relation};
    use crate::resolve::testing::{case_of, document};
    use crate::resolve::{Case, Target};

    fn case() -> Case {
        case_of(vec![
            document(
                EntityKind::Party,
                "aws",
                "title: AWS\nkind: company\nrole: defendant",
            ),
            document(
                EntityKind::Party,
                "parler",
                "title: Parler\nkind: company\nrole: plaintiff",
            ),
            document(
                EntityKind::Claim,
                "breach",
                "title: Breach\nby: [parler]\nagainst: [aws]\nstatus: pending",
            ),
            document(
                EntityKind::Event,
                "filed",
                "title: Filed\ndate: 2021-01-11\nparties: [aws]\nclaims: [breach]",
            ),
            document(
                EntityKind::Source,
                "order",
                "title: Order\ndate: 2021-01-21",
            ),
            document(EntityKind::Page, "about", "title: About"),
        ])
    }

    fn config() -> Config {
        Config::parse("title: T\nlanguage: en\n").0.unwrap()
    }

    #[test]
    fn every_entity_has_its_path_and_the_overview_the_root() {
        let case = case();
        let lookup = Lookup::new(&case, &config());
        let paths: Vec<&str> = case.targets().map(|t| lookup.path(t)).collect();
        assert_eq!(
            paths,
            [
                "parties/aws/",
                "parties/parler/",
                "claims/breach/",
                "events/filed/",
                "sources/order/",
                "about/"
            ]
        );
        assert_eq!(lookup.path(Target::OVERVIEW), "");
    }

    #[test]
    fn an_event_names_the_claims_of_its_outcomes_too_once_each() {
        let claim = |id: &str| {
            document(
                EntityKind::Claim,
                id,
                "title: Claim\nby: [parler]\nagainst: [aws]",
            )
        };
        let case = case_of(vec![
            document(EntityKind::Party, "aws", "title: AWS\nkind: company\nrole: defendant"),
            document(EntityKind::Party, "parler", "title: Parler\nkind: company\nrole: plaintiff"),
            claim("breach"),
            claim("antitrust"),
            document(
                EntityKind::Event,
                "order",
                "title: Order\ndate: 2021-01-21\nclaims: [breach]\noutcomes: {antitrust: denied, breach: denied}",
            ),
        ]);
        let lookup = Lookup::new(&case, &config());
        let ids: Vec<&str> = lookup.event_item(0).claims.iter().map(|l| l.id).collect();
        assert_eq!(ids, ["breach", "antitrust"]);
    }

    #[test]
    fn links_carry_the_fields_of_their_type() {
        let case = case();
        let lookup = Lookup::new(&case, &config());
        let aws = lookup.link(case.target("aws").unwrap());
        assert_eq!(
            (aws.kind, aws.role, aws.date.is_none()),
            ("party", Some("defendant"), true)
        );
        let order = lookup.link(case.target("order").unwrap());
        assert_eq!(order.date.map(|d| d.iso.as_str()), Some("2021-01-21"));
        let breach = case.target("breach").unwrap();
        assert!(
            lookup.link(breach).by.is_none(),
            "sides only where lists show them"
        );
        let sides = lookup.link_with_sides(breach);
        assert_eq!(sides.by.unwrap()[0].title, "Parler");
        let overview = lookup.link(Target::OVERVIEW);
        assert_eq!(
            (overview.kind, overview.id, overview.path),
            ("index", "", "")
        );
    }

    #[test]
    fn backlinks_are_asked_for_by_relation() {
        let case = case();
        let lookup = Lookup::new(&case, &config());
        let aws = case.target("aws").unwrap();
        let parler = case.target("parler").unwrap();
        let breach = case.target("breach").unwrap();
        assert_eq!(lookup.events_via(aws, Relation::Parties), [0]);
        assert!(lookup.events_via(aws, Relation::Claims).is_empty());
        assert_eq!(lookup.events_via(breach, Relation::Claims), [0]);
        assert_eq!(lookup.claims_via(aws, Relation::Against), [breach]);
        assert!(lookup.claims_via(aws, Relation::By).is_empty());
        assert_eq!(lookup.claims_via(parler, Relation::By), [breach]);
        let groups = lookup.groups(aws, |_| true);
        let kinds: Vec<EntityKind> = groups.iter().map(|(kind, _)| *kind).collect();
        assert_eq!(kinds, [EntityKind::Claim, EntityKind::Event]);
    }

    #[test]
    fn roots_climb_one_level_per_folder() {
        assert_eq!(root_of(""), "./");
        assert_eq!(root_of("about/"), "../");
        assert_eq!(root_of("parties/parler/"), "../../");
    }

    #[test]
    fn open_graph_locales_have_a_region() {
        assert_eq!(super::og_locale("de"), "de_DE");
        assert_eq!(super::og_locale("en"), "en_US");
        assert_eq!(super::og_locale("en-GB"), "en_GB");
        assert_eq!(super::og_locale("de-at"), "de_AT");
    }
}
