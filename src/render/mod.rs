//! Render: `Case` + theme → the bytes of every output file. The one module that
//! knows Tera.
//!
//! Templates are compiled once; what every page shares (`site`, `t`) is
//! serialised once; pages are rendered in parallel. A template error names
//! the template file and the line.

pub(crate) mod context;
pub(crate) mod feed;
pub(crate) mod timeline;

mod memo;

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;
use serde::Serialize;
use tera::Tera;

use crate::diagnostic::{Diagnostic, Position};
use crate::load::config::Config;
use crate::load::theme::{TemplateSource, Theme, Translations, TEMPLATES};
use crate::model::{Entity, EntityKind, EntityRef, PerKind, Relation, Role};
use crate::render::context::{EntityContext, Group, Link, Lookup, PageMeta, YearContext};
use crate::resolve::{Case, Target, Via};

pub(crate) use memo::RenderMemo;

/// One file of the output, `/`-separated path relative to the output root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct OutputFile {
    pub(crate) path: String,
    pub(crate) bytes: Vec<u8>,
}

/// A render that may have skipped pages whose inputs did not change.
pub(crate) struct Rendered {
    /// Every file whose bytes were produced by this render.
    pub(crate) files: Vec<OutputFile>,
    /// Pages whose inputs are those of the previous render: their output is
    /// already what this render would write.
    pub(crate) unchanged: Vec<String>,
    /// What the next render can reuse (empty without a previous memo).
    pub(crate) memo: RenderMemo,
}

/// Renders the site; with the previous render's memo (`watch`), pages,
/// components and bodies whose inputs did not change are not rendered again.
pub(crate) fn render_remembering(
    case: &Case,
    config: &Config,
    theme: &Theme,
    previous: Option<&RenderMemo>,
) -> Result<Rendered, Vec<Diagnostic>> {
    let mut tera = compile(&theme.templates)?;
    let translate = Translate::new(&theme.translations);
    tera.register_function("tr", translate.clone());
    let lookup = Lookup::new(case, config);
    let shared = Shared {
        site: tera::to_value(context::site_context(config, &lookup)).expect("serialisable"),
        translate,
    };
    let epoch = previous.map_or(0, |_| epoch_of(theme, &shared.site));
    let components = Components::new(case);
    let new_bodies = memo::NewBodies::default();
    let renderer = Renderer {
        tera: &tera,
        lookup: &lookup,
        shared: &shared,
        config,
        sources: &theme.templates,
        components: &components,
        memo: previous,
        epoch,
        new_bodies: &new_bodies,
    };
    let results: Vec<Result<Page, Diagnostic>> = jobs(case)
        .into_par_iter()
        .map(|job| renderer.render(job))
        .collect();
    let mut files = Vec::with_capacity(results.len() + theme.static_files.len() + 2);
    let mut unchanged = Vec::new();
    let mut pages = HashMap::new();
    let mut errors = Vec::new();
    for result in results {
        match result {
            Ok(Page::Written(file, hash)) => {
                pages.insert(file.path.clone(), hash);
                files.push(file);
            }
            Ok(Page::Unchanged(path, hash)) => {
                pages.insert(path.clone(), hash);
                unchanged.push(path);
            }
            Err(error) => errors.push(error),
        }
    }
    if !errors.is_empty() {
        errors.sort();
        errors.dedup();
        return Err(errors);
    }
    files.extend(feed::files(&lookup, config));
    files.extend(theme.static_files.iter().map(|file| OutputFile {
        path: file.path.clone(),
        bytes: file.bytes.to_vec(),
    }));
    let memo = match previous {
        Some(_) => RenderMemo {
            epoch,
            pages,
            components: components.into_memo(),
            bodies: new_bodies.into_map(),
        },
        None => RenderMemo::default(),
    };
    Ok(Rendered {
        files,
        unchanged,
        memo,
    })
}

/// What every page depends on besides its own context.
fn epoch_of(theme: &Theme, site: &tera::Value) -> u64 {
    let mut hasher = memo::hasher();
    for template in &theme.templates {
        (&template.name, &template.text).hash(&mut hasher);
    }
    memo::hash_value(
        &tera::to_value(&theme.translations).expect("serialisable"),
        &mut hasher,
    );
    memo::hash_value(site, &mut hasher);
    hasher.finish().max(1)
}

/// A rendered page, or the news that it is the same as last time.
enum Page {
    Written(OutputFile, u64),
    Unchanged(String, u64),
}

/// The template errors of a theme, for runs whose content already failed:
/// a writer sees every mistake at once, not the templates' after the content's.
pub(crate) fn template_errors(theme: &Theme) -> Vec<Diagnostic> {
    compile(&theme.templates).err().unwrap_or_default()
}

/// One page to render.
#[derive(Debug, Clone, Copy)]
enum Job {
    Timeline,
    List(EntityKind),
    Entity(Target),
    NotFound,
}

fn jobs(case: &Case) -> Vec<Job> {
    let mut jobs = vec![
        Job::Entity(Target::OVERVIEW),
        Job::Timeline,
        Job::List(EntityKind::Party),
        Job::List(EntityKind::Claim),
        Job::List(EntityKind::Source),
        Job::NotFound,
    ];
    jobs.extend(case.targets().map(Job::Entity));
    jobs
}

/// What every page shares, serialised once.
struct Shared {
    site: tera::Value,
    translate: Translate,
}

struct Renderer<'a> {
    tera: &'a Tera,
    lookup: &'a Lookup<'a>,
    shared: &'a Shared,
    config: &'a Config,
    sources: &'a [TemplateSource],
    components: &'a Components,
    /// The previous render's memo (`watch` only).
    memo: Option<&'a RenderMemo>,
    epoch: u64,
    new_bodies: &'a memo::NewBodies,
}

/// Stands for `root` in components, which are rendered once and shared by
/// pages at every depth; each page puts its own `root` in its place.
const ROOT_MARK: &str = "\u{1}root\u{1}";

/// The heading levels an event card can have: on the overview (3), and in
/// every timeline (4: under year and month on the timeline page, under the
/// section and the year on party and claim pages).
const CARD_LEVELS: [u8; 2] = [3, 4];

/// A component rendered at most once per run: the hash of its inputs and its HTML.
type Slot = OnceLock<Result<(u64, Arc<str>), Diagnostic>>;

/// Components rendered once per entity (and variant), reused by every page:
/// an event in twenty timelines costs one Tera render, not twenty.
struct Components {
    cards: Vec<[Slot; 2]>,
    /// Per entity: with and without the role badge.
    items: PerKind<Vec<[Slot; 2]>>,
}

impl Components {
    fn new(case: &Case) -> Components {
        fn slots<const N: usize>(count: usize) -> Vec<[Slot; N]> {
            (0..count)
                .map(|_| std::array::from_fn(|_| OnceLock::new()))
                .collect()
        }
        Components {
            cards: slots(case.events.len()),
            items: PerKind::new(|kind| slots(case.count(kind))),
        }
    }

    /// Every component this run rendered or reused, for the next run.
    fn into_memo(self) -> HashMap<u64, Arc<str>> {
        let items = self.items.into_values().into_iter().flatten();
        self.cards
            .into_iter()
            .chain(items)
            .flatten()
            .filter_map(|slot| slot.into_inner()?.ok())
            .collect()
    }

    fn item_slot(&self, target: Target, show_role: bool) -> &Slot {
        &self.items[target.kind][target.index][usize::from(show_role)]
    }
}

/// An entity in a list: what templates may need besides its rendered item.
#[derive(Serialize)]
struct Item<'a> {
    id: &'a str,
    kind: &'static str,
    title: &'a str,
    path: &'a str,
    html: &'a str,
}

/// An event in a timeline, rendered.
#[derive(Serialize)]
struct Card<'a> {
    id: &'a str,
    html: &'a str,
}

#[derive(Serialize)]
struct ItemComponent<'a> {
    x: Link<'a>,
    root: &'static str,
    show_role: bool,
}

#[derive(Serialize)]
struct CardComponent<'a> {
    e: context::EventItem<'a>,
    root: &'static str,
    level: u8,
}

/// The variables of one page: the common ones plus the template's own.
#[derive(Serialize)]
struct PageContext<'a, X: Serialize> {
    root: String,
    page: PageMeta<'a>,
    #[serde(flatten)]
    own: X,
}

impl<'a> Renderer<'a> {
    fn render(&self, job: Job) -> Result<Page, Diagnostic> {
        match job {
            Job::Timeline => self.timeline(),
            Job::List(kind) => self.list(kind),
            Job::Entity(target) => self.entity(target),
            Job::NotFound => self.not_found(),
        }
    }

    fn page_meta<'m>(
        &self,
        kind: &'static str,
        path: &str,
        title: &'m str,
        description: Option<&'m str>,
    ) -> PageMeta<'m> {
        PageMeta {
            kind,
            path: path.to_owned(),
            title,
            description,
            canonical: self
                .config
                .base_url
                .as_ref()
                .map(|base| format!("{base}{path}")),
        }
    }

    fn write<X: Serialize>(
        &self,
        template: &str,
        output: String,
        page: PageMeta,
        root: String,
        own: X,
    ) -> Result<Page, Diagnostic> {
        let context = PageContext {
            root: root.clone(),
            page,
            own,
        };
        let value =
            tera::to_value(&context).map_err(|e| self.error(template, &tera::Error::json(e)))?;
        let mut hash = 0;
        if let Some(memo) = self.memo {
            let mut hasher = memo::hasher();
            (template, &output).hash(&mut hasher);
            memo::hash_value(&value, &mut hasher);
            hash = hasher.finish();
            if memo.page_unchanged(self.epoch, &output, hash) {
                return Ok(Page::Unchanged(output, hash));
            }
        }
        let mut tera_context =
            tera::Context::from_value(value).map_err(|e| self.error(template, &e))?;
        tera_context.insert("site", &self.shared.site);
        let mut html = self
            .tera
            .render(template, &tera_context)
            .map_err(|e| self.error(template, &e))?;
        if html.contains(ROOT_MARK) {
            html = html.replace(ROOT_MARK, &root);
        }
        let file = OutputFile {
            path: output,
            bytes: html.into_bytes(),
        };
        Ok(Page::Written(file, hash))
    }

    /// A component's HTML, rendered the first time any page asks for it (or
    /// taken from the previous run when its inputs are the same).
    fn component<X: Serialize>(
        &self,
        template: &str,
        slot: &'a Slot,
        context: impl FnOnce() -> X,
    ) -> Result<&'a str, Diagnostic> {
        let rendered = slot.get_or_init(|| {
            let value = tera::to_value(context())
                .map_err(|e| self.error(template, &tera::Error::json(e)))?;
            let mut key = 0;
            if let Some(memo) = self.memo {
                let mut hasher = memo::hasher();
                template.hash(&mut hasher);
                memo::hash_value(&value, &mut hasher);
                key = hasher.finish();
                if let Some(html) = memo.component(self.epoch, key) {
                    return Ok((key, html));
                }
            }
            let context = tera::Context::from_value(value).map_err(|e| self.error(template, &e))?;
            let html = self
                .tera
                .render(template, &context)
                .map_err(|e| self.error(template, &e))?;
            Ok((key, Arc::from(html.trim())))
        });
        match rendered {
            Ok((_, html)) => Ok(html),
            Err(error) => Err(error.clone()),
        }
    }

    /// An entity's body as HTML, its links relative to `page_path`.
    fn body(&self, file: &Path, body: &crate::model::Body, page_path: &str) -> String {
        let resolve = context::resolver(self.lookup, file, page_path);
        let Some(memo) = self.memo else {
            return crate::markdown::render(body, &resolve);
        };
        let mut hasher = memo::hasher();
        body.markdown.hash(&mut hasher);
        for link in &body.links {
            match resolve(link) {
                Some(target) => (1u8, target.url, target.title).hash(&mut hasher),
                None => 0u8.hash(&mut hasher),
            }
        }
        let key = hasher.finish();
        let html = match memo.bodies.get(&key) {
            Some(html) => html.clone(),
            None => Arc::from(crate::markdown::render(body, &resolve)),
        };
        self.new_bodies.record(key, html.clone());
        html.to_string()
    }

    fn card(&self, index: usize, level: u8) -> Result<Card<'a>, Diagnostic> {
        let variant = CARD_LEVELS
            .iter()
            .position(|&known| known == level)
            .expect("one of the card levels");
        let slot = &self.components.cards[index][variant];
        let html = self.component("components/event.html", slot, || CardComponent {
            e: self.lookup.event_item(index),
            root: ROOT_MARK,
            level,
        })?;
        Ok(Card {
            id: self.lookup.case.events[index].id.as_str(),
            html,
        })
    }

    fn cards(
        &self,
        events: impl IntoIterator<Item = usize>,
        level: u8,
    ) -> Result<Vec<YearContext<Card<'a>>>, Diagnostic> {
        self.lookup
            .timeline(events, |index| self.card(index, level))
    }

    fn item(&self, target: Target, show_role: bool) -> Result<Item<'a>, Diagnostic> {
        let slot = self.components.item_slot(target, show_role);
        let html = self.component("components/item.html", slot, || ItemComponent {
            x: self.lookup.link_with_sides(target),
            root: ROOT_MARK,
            show_role,
        })?;
        let link = self.lookup.link(target);
        Ok(Item {
            id: link.id,
            kind: link.kind,
            title: link.title,
            path: link.path,
            html,
        })
    }

    fn items(
        &self,
        targets: impl IntoIterator<Item = Target>,
    ) -> Result<Vec<Item<'a>>, Diagnostic> {
        targets
            .into_iter()
            .map(|target| self.item(target, true))
            .collect()
    }

    /// The entities an entity names in its relation fields.
    fn named_by(&self, entity: EntityRef<'a>) -> impl Iterator<Item = Target> + 'a {
        let case = self.lookup.case;
        entity
            .relations()
            .flat_map(|(_, refs)| refs)
            .filter_map(move |r| case.target(&r.id))
    }

    fn related(&self, refs: &[crate::model::Ref]) -> Result<Vec<Item<'a>>, Diagnostic> {
        self.items(refs.iter().filter_map(|r| self.lookup.case.target(&r.id)))
    }

    /// What refers to `target`, grouped by type, leaving out what the page
    /// already lists (`shown`), so no entity appears twice on one page.
    fn mentions(
        &self,
        target: Target,
        text_only: bool,
        shown: &[Target],
    ) -> Result<Vec<Group<Item<'a>>>, Diagnostic> {
        self.lookup
            .groups(target, |b| !text_only || b.via == Via::Text)
            .into_iter()
            .filter_map(|(kind, targets)| {
                let targets: Vec<Target> =
                    targets.into_iter().filter(|t| !shown.contains(t)).collect();
                (!targets.is_empty()).then_some((kind, targets))
            })
            .map(|(kind, targets)| {
                let items = self.items(targets)?;
                Ok(Group {
                    kind: kind.as_str(),
                    count: items.len(),
                    items,
                })
            })
            .collect()
    }

    fn overview(&self) -> Result<Page, Diagnostic> {
        let lookup = self.lookup;
        let case = lookup.case;
        let target = Target::OVERVIEW;
        let (title, summary, body) = match &case.overview {
            Some(overview) => (
                overview.title.as_str(),
                overview.summary.as_deref(),
                self.entity_context(overview, target, ()),
            ),
            // Without content/index.md the overview still has a title (the site's).
            None => {
                let link = Link {
                    id: "index",
                    title: &self.config.title,
                    summary: self.config.description.as_deref(),
                    ..lookup.link(target)
                };
                let entity = EntityContext {
                    link,
                    body: String::new(),
                    toc: Vec::new(),
                    extra: (),
                };
                (
                    self.config.title.as_str(),
                    self.config.description.as_deref(),
                    Some(entity),
                )
            }
        };
        let claims = case.all(EntityKind::Claim);
        let latest = (0..case.events.len()).rev().take(5);
        let own = OverviewContext {
            entity: body,
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
        };
        self.write(
            "index.html",
            "index.html".into(),
            self.page_meta("index", "", title, summary),
            context::root_of(""),
            own,
        )
    }

    fn parties_by_role(&self) -> Result<Vec<RoleGroup<'a>>, Diagnostic> {
        let parties = &self.lookup.case.parties;
        let mut groups = Vec::new();
        for &role in Role::ALL {
            let members = (0..parties.len())
                .filter(|&index| parties[index].data.role == role)
                .map(|index| {
                    let target = Target {
                        kind: EntityKind::Party,
                        index,
                    };
                    self.item(target, false)
                })
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

    fn timeline(&self) -> Result<Page, Diagnostic> {
        let count = self.lookup.case.events.len();
        let own = TimelineContext {
            timeline: self.cards(0..count, 4)?,
            event_count: count,
        };
        let title = self.translation(&["nav", "timeline"]).unwrap_or("Timeline");
        self.write(
            "timeline.html",
            "timeline/index.html".into(),
            self.page_meta("timeline", "timeline/", title, None),
            "../".into(),
            own,
        )
    }

    fn list(&self, kind: EntityKind) -> Result<Page, Diagnostic> {
        let items = self.items(self.lookup.case.all(kind))?;
        let folder = kind.folder();
        let title = self.translation(&["nav", folder]).unwrap_or(folder);
        let own = ListWrapper {
            list: ListContext {
                kind: folder,
                items,
            },
        };
        let path = format!("{folder}/");
        self.write(
            "list.html",
            format!("{folder}/index.html"),
            self.page_meta("list", &path, title, None),
            "../".into(),
            own,
        )
    }

    fn not_found(&self) -> Result<Page, Diagnostic> {
        let root = self
            .config
            .base_url
            .as_deref()
            .and_then(|url| url.splitn(4, '/').nth(3).map(|path| format!("/{path}")))
            .unwrap_or_else(|| "/".to_owned());
        let title = self.translation(&["not_found", "title"]).unwrap_or("404");
        self.write(
            "404.html",
            "404.html".into(),
            self.page_meta("404", "404.html", title, None),
            root,
            (),
        )
    }

    fn entity(&self, target: Target) -> Result<Page, Diagnostic> {
        match self.lookup.case.entity(target) {
            EntityRef::Party(party) => self.party(party, target),
            EntityRef::Claim(claim) => self.claim(claim, target),
            EntityRef::Event(event) => self.event(event, target),
            EntityRef::Source(source) => self.source(source, target),
            EntityRef::Page(page) => self.free_page(page, target),
            EntityRef::Overview(_) => self.overview(),
        }
    }

    fn party(&self, party: &'a crate::model::Party, target: Target) -> Result<Page, Diagnostic> {
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
            mentions: self.mentions(target, true, &shown)?,
            timeline: self.cards(events, 4)?,
        };
        self.entity_page("party.html", party, target, own)
    }

    fn claim(&self, claim: &'a crate::model::Claim, target: Target) -> Result<Page, Diagnostic> {
        let lookup = self.lookup;
        let events = lookup.events_via(target, Relation::Claims);
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
            mentions: self.mentions(target, true, &shown)?,
            timeline: self.cards(events, 4)?,
        };
        self.entity_page("claim.html", claim, target, own)
    }

    fn event(&self, event: &'a crate::model::Event, target: Target) -> Result<Page, Diagnostic> {
        let lookup = self.lookup;
        let count = lookup.case.events.len();
        let neighbour = |index: Option<usize>| {
            index
                .filter(|&i| i < count)
                .map(|index| lookup.link(Target::event(index)))
        };
        let extra = EventExtra {
            parties: lookup.links(&event.data.parties),
            claims: lookup.links(&event.data.claims),
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

    fn source(&self, source: &'a crate::model::Source, target: Target) -> Result<Page, Diagnostic> {
        let extra = SourceExtra {
            language: source.data.language.as_deref(),
        };
        let own = SourceContext {
            entity: self.entity_context(source, target, extra),
            cited_by: self.mentions(target, false, &[])?,
        };
        self.entity_page("source.html", source, target, own)
    }

    fn free_page(&self, page: &'a crate::model::Page, target: Target) -> Result<Page, Diagnostic> {
        let extra = PageExtra {
            weight: page.data.weight,
        };
        let own = FreePageContext {
            entity: self.entity_context(page, target, extra),
            mentions: self.mentions(target, true, &[])?,
        };
        self.entity_page("page.html", page, target, own)
    }

    fn entity_page<T, X: Serialize>(
        &self,
        template: &str,
        entity: &Entity<T>,
        target: Target,
        own: X,
    ) -> Result<Page, Diagnostic> {
        let path = self.lookup.path(target);
        let meta = self.page_meta(
            target.kind.as_str(),
            path,
            &entity.title,
            entity.summary.as_deref(),
        );
        self.write(
            template,
            format!("{path}index.html"),
            meta,
            context::root_of(path),
            own,
        )
    }

    fn entity_context<T, X: Serialize>(
        &self,
        entity: &'a Entity<T>,
        target: Target,
        extra: X,
    ) -> Option<EntityContext<'a, X>> {
        let path = self.lookup.path(target);
        Some(EntityContext {
            link: self.lookup.link(target),
            body: self.body(&entity.file, &entity.body, path),
            toc: self.lookup.toc(&entity.body.headings),
            extra,
        })
    }

    fn translation(&self, keys: &[&str]) -> Option<&str> {
        self.shared.translate.table.get(&keys.join("."))?.as_str()
    }

    fn error(&self, template: &str, error: &tera::Error) -> Diagnostic {
        template_diagnostic(self.sources, template, error)
    }
}

fn event_targets(events: &[usize]) -> impl Iterator<Item = Target> + '_ {
    events.iter().map(|&index| Target::event(index))
}

#[derive(Serialize)]
struct RoleGroup<'a> {
    role: &'static str,
    parties: Vec<Item<'a>>,
}

#[derive(Serialize)]
struct OverviewContext<'a> {
    entity: Option<EntityContext<'a, ()>>,
    parties_by_role: Vec<RoleGroup<'a>>,
    claims: Vec<Item<'a>>,
    latest_events: Vec<Card<'a>>,
    first_event: Option<context::EventItem<'a>>,
    last_event: Option<context::EventItem<'a>>,
    event_count: usize,
}

#[derive(Serialize)]
struct TimelineContext<'a> {
    timeline: Vec<YearContext<Card<'a>>>,
    event_count: usize,
}

#[derive(Serialize)]
struct ListWrapper<'a> {
    list: ListContext<'a>,
}

#[derive(Serialize)]
struct ListContext<'a> {
    kind: &'static str,
    items: Vec<Item<'a>>,
}

#[derive(Serialize)]
struct PartyExtra<'a> {
    aliases: &'a [String],
    website: Option<&'a str>,
}

#[derive(Serialize)]
struct PartyContext<'a> {
    entity: Option<EntityContext<'a, PartyExtra<'a>>>,
    claims_by: Vec<Item<'a>>,
    claims_against: Vec<Item<'a>>,
    timeline: Vec<YearContext<Card<'a>>>,
    event_count: usize,
    mentions: Vec<Group<Item<'a>>>,
}

#[derive(Serialize)]
struct ClaimContext<'a> {
    entity: Option<EntityContext<'a, ()>>,
    by: Vec<Link<'a>>,
    against: Vec<Link<'a>>,
    sources: Vec<Item<'a>>,
    timeline: Vec<YearContext<Card<'a>>>,
    event_count: usize,
    mentions: Vec<Group<Item<'a>>>,
}

#[derive(Serialize)]
struct EventExtra<'a> {
    parties: Vec<Link<'a>>,
    claims: Vec<Link<'a>>,
    sources: Vec<Item<'a>>,
}

#[derive(Serialize)]
struct EventContext<'a> {
    entity: Option<EntityContext<'a, EventExtra<'a>>>,
    previous: Option<Link<'a>>,
    next: Option<Link<'a>>,
    mentions: Vec<Group<Item<'a>>>,
}

#[derive(Serialize)]
struct SourceExtra<'a> {
    language: Option<&'a str>,
}

#[derive(Serialize)]
struct SourceContext<'a> {
    entity: Option<EntityContext<'a, SourceExtra<'a>>>,
    cited_by: Vec<Group<Item<'a>>>,
}

#[derive(Serialize)]
struct PageExtra {
    weight: f64,
}

#[derive(Serialize)]
struct FreePageContext<'a> {
    entity: Option<EntityContext<'a, PageExtra>>,
    mentions: Vec<Group<Item<'a>>>,
}

fn compile(sources: &[TemplateSource]) -> Result<Tera, Vec<Diagnostic>> {
    let missing: Vec<Diagnostic> = TEMPLATES
        .iter()
        .filter(|required| !sources.iter().any(|s| s.name == **required))
        .map(|required| {
            Diagnostic::new(
                Path::new("templates").join(required),
                Position::START,
                format!("the theme has no template {required}"),
            )
        })
        .collect();
    if !missing.is_empty() {
        return Err(missing);
    }
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    match tera.add_raw_templates(sources.iter().map(|s| (s.name.as_str(), s.text.as_str()))) {
        Ok(()) => Ok(tera),
        Err(error) => {
            // Tera stops at the first bad template; parsing each one alone
            // (only now, it costs as much as compiling) reports every one.
            let each: Vec<Diagnostic> = sources
                .iter()
                .filter_map(|source| {
                    tera::Template::new(&source.name, None, &source.text)
                        .err()
                        .map(|e| template_diagnostic(sources, &source.name, &e))
                })
                .collect();
            if each.is_empty() {
                Err(vec![template_diagnostic(sources, "base.html", &error)])
            } else {
                Err(each)
            }
        }
    }
}

/// A Tera error as a diagnostic at the template file and line.
fn template_diagnostic(
    sources: &[TemplateSource],
    template: &str,
    error: &tera::Error,
) -> Diagnostic {
    let mut chain = vec![error.to_string()];
    let mut source = std::error::Error::source(error);
    while let Some(inner) = source {
        chain.push(inner.to_string());
        source = inner.source();
    }
    let named = named_template(&chain).unwrap_or(template);
    let details = chain.last().cloned().unwrap_or_default();
    let named_file = || {
        sources
            .iter()
            .find(|s| s.name == named)
            .map(|f| f.file.clone())
            .unwrap_or_else(|| Path::new("templates").join(named))
    };
    let (file, at, message) = match parse_position(&details) {
        Some(at) => (named_file(), at, syntax_message(&details)),
        None => match locate_use(sources, named, &details) {
            Some((source, at)) => (source.file.clone(), at, details.clone()),
            None => (named_file(), Position::START, details.clone()),
        },
    };
    Diagnostic::new(file, at, format!("template error: {message}"))
}

fn named_template(chain: &[String]) -> Option<&str> {
    chain.iter().rev().find_map(|text| {
        let start = text.find(['\'', '"'])?;
        let quote = text[start..].chars().next()?;
        let rest = &text[start + 1..];
        let end = rest.find(quote)?;
        let name = &rest[..end];
        name.ends_with(".html").then_some(name)
    })
}

/// Tera's parse errors carry ` --> line:column`.
fn parse_position(details: &str) -> Option<Position> {
    let rest = details.split("--> ").nth(1)?;
    let mut numbers = rest
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty());
    let line = numbers.next()?.parse().ok()?;
    let column = numbers.next()?.parse().ok()?;
    Some(Position::new(line, column))
}

fn syntax_message(details: &str) -> String {
    let expected = details
        .lines()
        .find_map(|line| line.trim().strip_prefix("= "))
        .unwrap_or("syntax error");
    format!("syntax error: {expected}")
}

/// A runtime error names a variable in backticks; find where a template uses
/// it, in the template being rendered first (then in what it extends or imports).
fn locate_use<'s>(
    sources: &'s [TemplateSource],
    named: &str,
    details: &str,
) -> Option<(&'s TemplateSource, Position)> {
    let needle = details.split('`').nth(1)?;
    let named_first = sources
        .iter()
        .filter(|s| s.name == named)
        .chain(sources.iter().filter(|s| s.name != named));
    named_first.into_iter().find_map(|source| {
        let at = source.text.find(needle)?;
        Some((
            source,
            Position::of_offset(&source.text, at, Position::START),
        ))
    })
}

/// `tr(key="role.plaintiff")`: the translation at a dotted key. Macros cannot
/// see the context, and passing `t` to them would copy the whole table on
/// every call; a function reaches it for the price of one lookup.
#[derive(Clone)]
struct Translate {
    table: std::sync::Arc<HashMap<String, tera::Value>>,
}

impl Translate {
    fn new(translations: &Translations) -> Translate {
        let mut table = HashMap::new();
        flatten(translations, String::new(), &mut table);
        Translate {
            table: std::sync::Arc::new(table),
        }
    }
}

fn flatten(translations: &Translations, prefix: String, table: &mut HashMap<String, tera::Value>) {
    match translations {
        Translations::Text(text) => {
            table.insert(prefix, tera::Value::String(text.clone()));
        }
        Translations::Table(entries) => {
            for (key, value) in entries {
                let key = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                flatten(value, key, table);
            }
        }
    }
}

impl tera::Function for Translate {
    fn call(&self, args: &HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
        let key = args
            .get("key")
            .and_then(tera::Value::as_str)
            .ok_or_else(|| tera::Error::msg("tr() needs a string argument `key`"))?;
        self.table
            .get(key)
            .cloned()
            .ok_or_else(|| tera::Error::msg(format!("the translation table has no key `{key}`")))
    }
}
