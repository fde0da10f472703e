//! The pages of a site, one job each: the overview, the timeline, the lists,
//! an entity's page and the 404 page, each built as its template's context.

use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::model::asset;
use crate::model::date::Language;
use crate::model::language::LanguageTag;
use crate::model::{
    Claim, Correction, Entity, EntityKind, EntityRef, Event, Overview, Page, Party, Relation, Role,
    Source, OVERVIEW_ID,
};
use crate::render::context::{
    ClaimContext, CorrectionContext, DateContext, DocumentContext, EntityContext, EventContext,
    EventExtra, FreePageContext, Keyed, Link, ListContext, ListWrapper, Outcome, OverviewContext,
    PageExtra, PartyContext, PartyExtra, RoleGroup, SourceContext, SourceExtra, TimelineContext,
};
use crate::render::exports;
use crate::render::renderer::{RenderedPage, Renderer};
use crate::resolve::{Case, Target};

/// The heading level of the cards on the timeline page (under year and month).
pub(super) const TIMELINE_CARD_LEVEL: u8 = 4;

/// One page to render.
#[derive(Debug, Clone, Copy)]
pub(super) enum Job {
    Timeline,
    List(EntityKind),
    Entity(Target),
    NotFound,
    Search,
    Corrections,
    EmbedTimeline,
}

impl Job {
    /// The id of the entity whose page this is; `None` for site-wide pages.
    pub(super) fn entity_id(self, case: &Case) -> Option<&str> {
        match self {
            Job::Entity(target) => Some(case.entity(target).id()),
            _ => None,
        }
    }
}

pub(super) fn jobs(case: &Case) -> Vec<Job> {
    let mut jobs = vec![
        Job::Entity(Target::OVERVIEW),
        Job::Timeline,
        Job::List(EntityKind::Party),
        Job::List(EntityKind::Claim),
        Job::List(EntityKind::Source),
        Job::NotFound,
        Job::Search,
        Job::Corrections,
        Job::EmbedTimeline,
    ];
    if !case.proceedings.is_empty() {
        jobs.push(Job::List(EntityKind::Proceeding));
    }
    jobs.extend(case.targets().map(Job::Entity));
    jobs
}

impl<'a> Renderer<'a> {
    pub(super) fn render(&self, job: Job) -> Result<RenderedPage, Diagnostic> {
        match job {
            Job::Timeline => self.timeline(),
            Job::List(EntityKind::Proceeding) => self.proceedings_list(),
            Job::List(kind) => self.list(kind),
            Job::Entity(target) => self.entity(target),
            Job::NotFound => self.not_found(),
            Job::Search => self.search(),
            Job::Corrections => self.corrections(),
            Job::EmbedTimeline => self.embed_timeline(),
        }
    }

    fn overview(&self, overview: Option<&'a Overview>) -> Result<RenderedPage, Diagnostic> {
        let lookup = self.lookup;
        let case = lookup.case;
        let (title, summary, entity) = match overview {
            Some(overview) => (
                overview.title.as_str(),
                overview.summary.as_deref(),
                self.entity_context(overview, Target::OVERVIEW, ()),
            ),
            // Without content/index.md the overview still has a title (the site's).
            None => (
                self.config.title.as_str(),
                self.config.description.as_deref(),
                Some(self.overview_without_file()),
            ),
        };
        let claims = case.all(EntityKind::Claim);
        let latest = (0..case.events.len()).rev().take(5);
        let own = OverviewContext {
            entity,
            parties_by_role: self.parties_by_role()?,
            claims: self.items(claims)?,
            latest_events: latest
                .map(|index| self.card(index, 3))
                .collect::<Result<_, _>>()?,
            first_event: (!case.events.is_empty()).then(|| lookup.event_item(0)),
            last_event: case
                .events
                .len()
                .checked_sub(1)
                .map(|i| lookup.event_item(i)),
            event_count: case.events.len(),
            relation_map: lookup.relation_map(),
            lineage: lookup.lineage_steps(),
        };
        let mut meta = self.page_meta("index", "", title, summary);
        meta.jsonld = Some(exports::json_ld(
            lookup,
            self.config,
            &self.edition.prefix(),
            Target::OVERVIEW,
        ));
        self.folder_page("index.html", "", meta, own)
    }

    /// The overview's own fields when the site has no `content/index.md`.
    fn overview_without_file(&self) -> EntityContext<'a, ()> {
        let link = Link {
            id: OVERVIEW_ID,
            title: &self.config.title,
            summary: self.config.description.as_deref(),
            ..self.lookup.link(Target::OVERVIEW)
        };
        EntityContext {
            link,
            body: Keyed {
                key: 0,
                html: String::new(),
            },
            toc: Vec::new(),
            updated: None,
            corrections: Vec::new(),
            extra: (),
        }
    }

    fn parties_by_role(&self) -> Result<Vec<RoleGroup<'a>>, Diagnostic> {
        let case = self.lookup.case;
        let mut groups = Vec::new();
        for &role in Role::ALL {
            let members = case
                .all(EntityKind::Party)
                .filter(|&party| case.parties[party.index].data.role == role)
                .map(|party| self.item(party, false))
                .collect::<Result<Vec<_>, _>>()?;
            if !members.is_empty() {
                groups.push(RoleGroup {
                    role: role.as_str(),
                    parties: members,
                });
            }
        }
        Ok(groups)
    }

    fn timeline(&self) -> Result<RenderedPage, Diagnostic> {
        let count = self.lookup.case.events.len();
        let all: Vec<usize> = (0..count).collect();
        let own = TimelineContext {
            timeline: self.cards(0..count, TIMELINE_CARD_LEVEL)?,
            event_count: count,
            chart: self.lookup.chart(&all),
            embed_snippet: self.embed_snippet(),
        };
        let title = self.translation(&["nav", "timeline"]).unwrap_or("Timeline");
        self.section_page("timeline.html", "timeline", "timeline/", title, own)
    }

    fn list(&self, kind: EntityKind) -> Result<RenderedPage, Diagnostic> {
        let items = self.items(self.lookup.case.all(kind))?;
        let folder = kind.folder();
        let title = self.translation(&["nav", folder]).unwrap_or(folder);
        let own = ListWrapper {
            list: ListContext {
                kind: folder,
                items,
            },
        };
        self.section_page("list.html", "list", &format!("{folder}/"), title, own)
    }

    fn not_found(&self) -> Result<RenderedPage, Diagnostic> {
        let base = self
            .config
            .base_url
            .as_deref()
            .and_then(|url| url.splitn(4, '/').nth(3).map(|path| format!("/{path}")))
            .unwrap_or_else(|| "/".to_owned());
        let root = format!("{base}{}", self.edition.prefix());
        let title = self.translation(&["not_found", "title"]).unwrap_or("404");
        let mut meta = self.page_meta("404", "404.html", title, None);
        // Served at any depth: each edition is offered by its overview, root-absolute.
        for (alternate, edition) in meta.alternates.iter_mut().zip(self.editions) {
            alternate.href = format!("{base}{}", edition.prefix());
            alternate.url = match &self.config.base_url {
                Some(url) => format!("{url}{}", edition.prefix()),
                None => alternate.href.clone(),
            };
        }
        self.write("404.html", "404.html".into(), meta, root, ())
    }

    fn entity(&self, target: Target) -> Result<RenderedPage, Diagnostic> {
        match self.lookup.case.entity(target) {
            EntityRef::Party(party) => self.party(party, target),
            EntityRef::Claim(claim) => self.claim(claim, target),
            EntityRef::Event(event) => self.event(event, target),
            EntityRef::Source(source) => self.source(source, target),
            EntityRef::Page(page) => self.free_page(page, target),
            EntityRef::Proceeding(proceeding) => self.proceeding(proceeding, target),
            EntityRef::Overview(overview) => self.overview(overview),
        }
    }

    fn party(&self, party: &'a Party, target: Target) -> Result<RenderedPage, Diagnostic> {
        let lookup = self.lookup;
        let events = lookup.events_via(target, Relation::Parties);
        let claims_by = lookup.claims_via(target, Relation::By);
        let claims_against = lookup.claims_via(target, Relation::Against);
        let shown: Vec<Target> = claims_by
            .iter()
            .chain(&claims_against)
            .copied()
            .chain(event_targets(&events))
            .collect();
        let extra = PartyExtra {
            aliases: &party.data.aliases,
            website: party.data.website.as_deref(),
        };
        let own = PartyContext {
            entity: self.entity_context(party, target, extra),
            claims_by: self.items(claims_by)?,
            claims_against: self.items(claims_against)?,
            event_count: events.len(),
            chart: lookup.chart(&events),
            mentions: self.mentions(target, true, &shown)?,
            timeline: self.cards(events, 4)?,
        };
        self.entity_page("party.html", party, target, own)
    }

    fn claim(&self, claim: &'a Claim, target: Target) -> Result<RenderedPage, Diagnostic> {
        let lookup = self.lookup;
        let events = lookup.events_of_claim(target);
        let data = &claim.data;
        let shown: Vec<Target> = self
            .named_by(EntityRef::Claim(claim))
            .chain(event_targets(&events))
            .collect();
        let own = ClaimContext {
            entity: self.entity_context(claim, target, ()),
            by: lookup.links(&data.by),
            against: lookup.links(&data.against),
            sources: self.related(&data.sources)?,
            event_count: events.len(),
            chart: lookup.chart(&events),
            status_history: lookup.status_steps(target.index),
            proceeding: lookup.link_of(data.proceeding.as_ref()),
            mentions: self.mentions(target, true, &shown)?,
            timeline: self.cards(events, 4)?,
        };
        self.entity_page("claim.html", claim, target, own)
    }

    fn event(&self, event: &'a Event, target: Target) -> Result<RenderedPage, Diagnostic> {
        let lookup = self.lookup;
        let count = lookup.case.events.len();
        let neighbour = |index: Option<usize>| {
            index
                .filter(|&i| i < count)
                .map(|index| lookup.link(Target::event(index)))
        };
        let extra = EventExtra {
            parties: lookup.links(&event.data.parties),
            claims: lookup.named_claims(event),
            proceeding: lookup.link_of(event.data.proceeding.as_ref()),
            outcomes: event
                .data
                .outcome_claims
                .iter()
                .zip(&event.data.outcomes)
                .filter_map(|(claim, outcome)| {
                    Some(Outcome {
                        claim: lookup.link_of(Some(claim))?,
                        status: outcome.status.as_str(),
                    })
                })
                .collect(),
            sources: self.related(&event.data.sources)?,
        };
        let shown: Vec<Target> = self.named_by(EntityRef::Event(event)).collect();
        let own = EventContext {
            entity: self.entity_context(event, target, extra),
            previous: neighbour(target.index.checked_sub(1)),
            next: neighbour(Some(target.index + 1)),
            mentions: self.mentions(target, true, &shown)?,
        };
        self.entity_page("event.html", event, target, own)
    }

    fn source(&self, source: &'a Source, target: Target) -> Result<RenderedPage, Diagnostic> {
        let language = source.data.language.as_ref();
        let extra = SourceExtra {
            language: language.map(LanguageTag::as_str),
            language_name: language.map(|tag| self.language_name(tag)),
            document: self.document(source),
        };
        let own = SourceContext {
            entity: self.entity_context(source, target, extra),
            cited_by: self.mentions(target, false, &[])?,
        };
        self.entity_page("source.html", source, target, own)
    }

    /// A language's name from the theme's `language_name` table, for the tag
    /// or its language with the rest of the tag after it; else the tag.
    fn language_name(&self, tag: &LanguageTag) -> String {
        let whole = tag.as_str().to_ascii_lowercase();
        if let Some(name) = self.translation(&["language_name", &whole]) {
            return name.to_owned();
        }
        match self.translation(&["language_name", tag.primary()]) {
            Some(name) if whole == tag.primary() => name.to_owned(),
            Some(name) => format!("{name} ({})", &tag.as_str()[tag.primary().len() + 1..]),
            None => tag.as_str().to_owned(),
        }
    }

    /// The source's `file:`, checked by resolve to be one of its bundle's files.
    fn document(&self, source: &Source) -> Option<DocumentContext> {
        let (name, _) = source.data.document.as_ref()?;
        let asset = source.assets.iter().find(|asset| {
            asset.file == source.file.with_file_name("").join(name)
                || asset.name == name.trim_start_matches("./")
        })?;
        let comma = self.config.language_tag.starts_with("de");
        Some(DocumentContext {
            url: asset.name.clone(),
            name: asset
                .name
                .rsplit('/')
                .next()
                .unwrap_or(&asset.name)
                .to_owned(),
            kind: asset::file_type(&asset.name),
            size: asset::human_size(asset.bytes.len() as u64, comma),
        })
    }

    fn free_page(&self, page: &'a Page, target: Target) -> Result<RenderedPage, Diagnostic> {
        let extra = PageExtra {
            weight: page.data.weight,
        };
        let own = FreePageContext {
            entity: self.entity_context(page, target, extra),
            mentions: self.mentions(target, true, &[])?,
        };
        self.entity_page("page.html", page, target, own)
    }

    pub(super) fn entity_page<T, X: Serialize>(
        &self,
        template: &str,
        entity: &Entity<T>,
        target: Target,
        own: X,
    ) -> Result<RenderedPage, Diagnostic> {
        let path = self.lookup.path(target);
        let mut meta = self.page_meta(
            target.kind.as_str(),
            path,
            &entity.title,
            entity.summary.as_deref(),
        );
        meta.jsonld = Some(exports::json_ld(
            self.lookup,
            self.config,
            &self.edition.prefix(),
            target,
        ));
        self.folder_page(template, path, meta, own)
    }

    pub(super) fn entity_context<T, X: Serialize>(
        &self,
        entity: &'a Entity<T>,
        target: Target,
        extra: X,
    ) -> Option<EntityContext<'a, X>> {
        let path = self.lookup.path(target);
        let language = self.lookup.language;
        let mut corrections: Vec<&Correction> = entity.corrections.iter().collect();
        corrections.sort_by_key(|c| std::cmp::Reverse(c.date.span_start()));
        Some(EntityContext {
            link: self.lookup.link(target),
            body: self.body(&entity.file, &entity.body, path),
            toc: self.lookup.toc(&entity.body.headings),
            updated: entity
                .updated
                .map(|date| DateContext::new(&date, None, false, language)),
            corrections: corrections
                .into_iter()
                .map(|c| correction_context(c, language))
                .collect(),
            extra,
        })
    }
}

pub(super) fn correction_context(
    correction: &Correction,
    language: Language,
) -> CorrectionContext<'_> {
    CorrectionContext {
        date: DateContext::new(&correction.date, None, false, language),
        text: &correction.text,
    }
}

fn event_targets(events: &[usize]) -> impl Iterator<Item = Target> + '_ {
    events.iter().map(|&index| Target::event(index))
}
