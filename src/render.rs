//! Render: `Case` + theme → the bytes of every output file. The one module that
//! knows Tera.
//!
//! Templates are compiled once; what every page shares (`site`, `t`) is
//! serialised once; pages are rendered in parallel. A template error names
//! the template file and the line.

use std::collections::HashMap;
use std::path::Path;

use rayon::prelude::*;
use serde::Serialize;
use tera::Tera;

use crate::config::Config;
use crate::context::{self, EntityContext, Group, Link, Lookup, PageMeta};
use crate::diagnostic::{Diagnostic, Position};
use crate::feed;
use crate::model::{Entity, EntityKind, Role};
use crate::resolve::{Case, Target, Via};
use crate::theme::{TemplateSource, Theme, Translations, TEMPLATES};

/// One file of the output, `/`-separated path relative to the output root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Renders the whole site, or the template errors.
pub fn render(
    case: &Case,
    config: &Config,
    theme: &Theme,
) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let mut tera = compile(&theme.templates)?;
    tera.register_function("tr", Translate::new(&theme.translations));
    let lookup = Lookup::new(case, config);
    let shared = Shared {
        site: tera::to_value(context::site_context(config, &lookup)).expect("serialisable"),
        t: tera::to_value(&theme.translations).expect("serialisable"),
    };
    let renderer = Renderer {
        tera: &tera,
        lookup: &lookup,
        shared: &shared,
        config,
        sources: &theme.templates,
    };
    let results: Vec<Result<OutputFile, Diagnostic>> = jobs(case)
        .into_par_iter()
        .map(|job| renderer.render(job))
        .collect();
    let mut files = Vec::with_capacity(results.len() + theme.static_files.len() + 2);
    let mut errors = Vec::new();
    for result in results {
        match result {
            Ok(file) => files.push(file),
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
    Ok(files)
}

/// One page to render.
#[derive(Debug, Clone, Copy)]
enum Job {
    Overview,
    Timeline,
    List(EntityKind),
    Entity(Target),
    NotFound,
}

fn jobs(case: &Case) -> Vec<Job> {
    let mut jobs = vec![
        Job::Overview,
        Job::Timeline,
        Job::List(EntityKind::Party),
        Job::List(EntityKind::Claim),
        Job::List(EntityKind::Source),
        Job::NotFound,
    ];
    let counts = [
        (EntityKind::Party, case.parties.len()),
        (EntityKind::Claim, case.claims.len()),
        (EntityKind::Event, case.events.len()),
        (EntityKind::Source, case.sources.len()),
        (EntityKind::Page, case.pages.len()),
    ];
    for (kind, count) in counts {
        jobs.extend((0..count).map(|index| Job::Entity(Target { kind, index })));
    }
    jobs
}

/// What every page shares, serialised once.
struct Shared {
    site: tera::Value,
    t: tera::Value,
}

struct Renderer<'a> {
    tera: &'a Tera,
    lookup: &'a Lookup<'a>,
    shared: &'a Shared,
    config: &'a Config,
    sources: &'a [TemplateSource],
}

/// The variables of one page: the common ones plus the template's own.
#[derive(Serialize)]
struct PageContext<'a, X: Serialize> {
    root: String,
    page: PageMeta<'a>,
    #[serde(flatten)]
    own: X,
}

impl Renderer<'_> {
    fn render(&self, job: Job) -> Result<OutputFile, Diagnostic> {
        match job {
            Job::Overview => self.overview(),
            Job::Timeline => self.timeline(),
            Job::List(kind) => self.list(kind),
            Job::Entity(target) => self.entity(target),
            Job::NotFound => self.not_found(),
        }
    }

    fn page_meta<'a>(
        &self,
        kind: &'static str,
        path: &str,
        title: &'a str,
        description: Option<&'a str>,
    ) -> PageMeta<'a> {
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
    ) -> Result<OutputFile, Diagnostic> {
        let context = PageContext { root, page, own };
        let mut tera_context =
            tera::Context::from_serialize(&context).map_err(|e| self.error(template, &e))?;
        tera_context.insert("site", &self.shared.site);
        tera_context.insert("t", &self.shared.t);
        let html = self
            .tera
            .render(template, &tera_context)
            .map_err(|e| self.error(template, &e))?;
        Ok(OutputFile {
            path: output,
            bytes: html.into_bytes(),
        })
    }

    fn overview(&self) -> Result<OutputFile, Diagnostic> {
        let lookup = self.lookup;
        let case = lookup.case;
        let target = Target {
            kind: EntityKind::Index,
            index: 0,
        };
        let (title, summary, body) = match &case.overview {
            Some(overview) => (
                overview.title.as_str(),
                overview.summary.as_deref(),
                self.entity_context(overview, target, ()),
            ),
            None => (
                self.config.title.as_str(),
                self.config.description.as_deref(),
                None,
            ),
        };
        let latest: Vec<_> = (0..case.events.len())
            .rev()
            .take(5)
            .map(|i| lookup.event_item(i))
            .collect();
        let own = OverviewContext {
            entity: body,
            parties_by_role: parties_by_role(lookup),
            claims: (0..case.claims.len())
                .map(|index| {
                    lookup.link(Target {
                        kind: EntityKind::Claim,
                        index,
                    })
                })
                .collect(),
            latest_events: latest,
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
            String::new(),
            own,
        )
    }

    fn timeline(&self) -> Result<OutputFile, Diagnostic> {
        let count = self.lookup.case.events.len();
        let own = TimelineContext {
            timeline: self.lookup.timeline(0..count),
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

    fn list(&self, kind: EntityKind) -> Result<OutputFile, Diagnostic> {
        let case = self.lookup.case;
        let count = match kind {
            EntityKind::Party => case.parties.len(),
            EntityKind::Claim => case.claims.len(),
            _ => case.sources.len(),
        };
        let items = (0..count)
            .map(|index| self.lookup.link(Target { kind, index }))
            .collect();
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

    fn not_found(&self) -> Result<OutputFile, Diagnostic> {
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

    fn entity(&self, target: Target) -> Result<OutputFile, Diagnostic> {
        let lookup = self.lookup;
        let case = lookup.case;
        let mentions = |via_text_only: bool| {
            lookup.groups(target, move |b| !via_text_only || b.via == Via::Text)
        };
        match target.kind {
            EntityKind::Party => {
                let party = &case.parties[target.index];
                let events = lookup.events_via(target, "parties");
                let own = PartyContext {
                    entity: self.entity_context(
                        party,
                        target,
                        PartyExtra {
                            aliases: &party.data.aliases,
                            website: party.data.website.as_deref(),
                        },
                    ),
                    claims_by: lookup.claims_via(target, "by"),
                    claims_against: lookup.claims_via(target, "against"),
                    event_count: events.len(),
                    timeline: lookup.timeline(events),
                    mentions: mentions(true),
                };
                self.entity_page("party.html", party, target, own)
            }
            EntityKind::Claim => {
                let claim = &case.claims[target.index];
                let events = lookup.events_via(target, "claims");
                let own = ClaimContext {
                    entity: self.entity_context(claim, target, ()),
                    by: lookup.links(&claim.data.by),
                    against: lookup.links(&claim.data.against),
                    sources: lookup.links(&claim.data.sources),
                    event_count: events.len(),
                    timeline: lookup.timeline(events),
                    mentions: mentions(true),
                };
                self.entity_page("claim.html", claim, target, own)
            }
            EntityKind::Event => {
                let event = &case.events[target.index];
                let item = lookup.event_item(target.index);
                let neighbour = |index: Option<usize>| {
                    index.filter(|&i| i < case.events.len()).map(|index| {
                        lookup.link(Target {
                            kind: EntityKind::Event,
                            index,
                        })
                    })
                };
                let own = EventContext {
                    entity: self.entity_context(
                        event,
                        target,
                        EventExtra {
                            parties: item.parties,
                            claims: item.claims,
                            sources: item.sources,
                        },
                    ),
                    previous: neighbour(target.index.checked_sub(1)),
                    next: neighbour(Some(target.index + 1)),
                    mentions: mentions(true),
                };
                self.entity_page("event.html", event, target, own)
            }
            EntityKind::Source => {
                let source = &case.sources[target.index];
                let own = SourceContext {
                    entity: self.entity_context(
                        source,
                        target,
                        SourceExtra {
                            language: source.data.language.as_deref(),
                        },
                    ),
                    cited_by: mentions(false),
                };
                self.entity_page("source.html", source, target, own)
            }
            EntityKind::Page | EntityKind::Index => {
                let page = &case.pages[target.index];
                let own = FreePageContext {
                    entity: self.entity_context(
                        page,
                        target,
                        PageExtra {
                            weight: page.data.weight,
                        },
                    ),
                    mentions: mentions(true),
                };
                self.entity_page("page.html", page, target, own)
            }
        }
    }

    fn entity_page<T, X: Serialize>(
        &self,
        template: &str,
        entity: &Entity<T>,
        target: Target,
        own: X,
    ) -> Result<OutputFile, Diagnostic> {
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

    fn entity_context<'a, T, X: Serialize>(
        &'a self,
        entity: &'a Entity<T>,
        target: Target,
        extra: X,
    ) -> Option<EntityContext<'a, X>>
    where
        Self: 'a,
    {
        let path = self.lookup.path(target);
        Some(EntityContext {
            link: self.lookup.link(target),
            body: context::body_html(self.lookup, &entity.file, &entity.body, path),
            toc: self.lookup.toc(&entity.body.headings),
            extra,
        })
    }

    fn translation(&self, keys: &[&str]) -> Option<&str> {
        let mut value = &self.shared.t;
        for key in keys {
            value = value.get(key)?;
        }
        value.as_str()
    }

    fn error(&self, template: &str, error: &tera::Error) -> Diagnostic {
        template_diagnostic(self.sources, template, error)
    }
}

fn parties_by_role<'a>(lookup: &'a Lookup) -> Vec<RoleGroup<'a>> {
    Role::ALL
        .iter()
        .filter_map(|&role| {
            let parties: Vec<Link> = lookup
                .case
                .parties
                .iter()
                .enumerate()
                .filter(|(_, party)| party.data.role == role)
                .map(|(index, _)| {
                    lookup.link(Target {
                        kind: EntityKind::Party,
                        index,
                    })
                })
                .collect();
            (!parties.is_empty()).then(|| RoleGroup {
                role: role.as_str(),
                parties,
            })
        })
        .collect()
}

#[derive(Serialize)]
struct RoleGroup<'a> {
    role: &'static str,
    parties: Vec<Link<'a>>,
}

#[derive(Serialize)]
struct OverviewContext<'a> {
    entity: Option<EntityContext<'a, ()>>,
    parties_by_role: Vec<RoleGroup<'a>>,
    claims: Vec<Link<'a>>,
    latest_events: Vec<context::EventItem<'a>>,
    first_event: Option<context::EventItem<'a>>,
    last_event: Option<context::EventItem<'a>>,
    event_count: usize,
}

#[derive(Serialize)]
struct TimelineContext<'a> {
    timeline: Vec<context::YearContext<'a>>,
    event_count: usize,
}

#[derive(Serialize)]
struct ListWrapper<'a> {
    list: ListContext<'a>,
}

#[derive(Serialize)]
struct ListContext<'a> {
    kind: &'static str,
    items: Vec<Link<'a>>,
}

#[derive(Serialize)]
struct PartyExtra<'a> {
    aliases: &'a [String],
    website: Option<&'a str>,
}

#[derive(Serialize)]
struct PartyContext<'a> {
    entity: Option<EntityContext<'a, PartyExtra<'a>>>,
    claims_by: Vec<Link<'a>>,
    claims_against: Vec<Link<'a>>,
    timeline: Vec<context::YearContext<'a>>,
    event_count: usize,
    mentions: Vec<Group<'a>>,
}

#[derive(Serialize)]
struct ClaimContext<'a> {
    entity: Option<EntityContext<'a, ()>>,
    by: Vec<Link<'a>>,
    against: Vec<Link<'a>>,
    sources: Vec<Link<'a>>,
    timeline: Vec<context::YearContext<'a>>,
    event_count: usize,
    mentions: Vec<Group<'a>>,
}

#[derive(Serialize)]
struct EventExtra<'a> {
    parties: Vec<Link<'a>>,
    claims: Vec<Link<'a>>,
    sources: Vec<Link<'a>>,
}

#[derive(Serialize)]
struct EventContext<'a> {
    entity: Option<EntityContext<'a, EventExtra<'a>>>,
    previous: Option<Link<'a>>,
    next: Option<Link<'a>>,
    mentions: Vec<Group<'a>>,
}

#[derive(Serialize)]
struct SourceExtra<'a> {
    language: Option<&'a str>,
}

#[derive(Serialize)]
struct SourceContext<'a> {
    entity: Option<EntityContext<'a, SourceExtra<'a>>>,
    cited_by: Vec<Group<'a>>,
}

#[derive(Serialize)]
struct PageExtra {
    weight: f64,
}

#[derive(Serialize)]
struct FreePageContext<'a> {
    entity: Option<EntityContext<'a, PageExtra>>,
    mentions: Vec<Group<'a>>,
}

/// Compiles the templates; every template's syntax error is reported.
fn compile(sources: &[TemplateSource]) -> Result<Tera, Vec<Diagnostic>> {
    let mut errors: Vec<Diagnostic> = sources
        .iter()
        .filter_map(|source| {
            tera::Template::new(&source.name, None, &source.text)
                .err()
                .map(|e| template_diagnostic(sources, &source.name, &e))
        })
        .collect();
    for required in TEMPLATES {
        if !sources.iter().any(|s| s.name == required) {
            errors.push(Diagnostic::new(
                Path::new("templates").join(required),
                Position::START,
                format!("the theme has no template {required}"),
            ));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.add_raw_templates(sources.iter().map(|s| (s.name.as_str(), s.text.as_str())))
        .map_err(|e| vec![template_diagnostic(sources, "base.html", &e)])?;
    Ok(tera)
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
    let file = sources.iter().find(|s| s.name == named);
    let details = chain.last().cloned().unwrap_or_default();
    let (at, message) = match parse_position(&details) {
        Some(at) => (at, syntax_message(&details)),
        None => (
            locate_in_templates(sources, named, &details).unwrap_or(Position::START),
            details.clone(),
        ),
    };
    let path = file
        .map(|f| f.file.clone())
        .unwrap_or_else(|| Path::new("templates").join(named));
    let located_file = match locate_file(sources, &details) {
        Some(other) if parse_position(&details).is_none() => other.file.clone(),
        _ => path,
    };
    Diagnostic::new(located_file, at, format!("template error: {message}"))
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

/// A runtime error names a variable in backticks; find where a template uses it.
fn locate_in_templates(sources: &[TemplateSource], named: &str, details: &str) -> Option<Position> {
    let needle = details.split('`').nth(1)?;
    let ordered = sources
        .iter()
        .filter(|s| s.name == named)
        .chain(sources.iter().filter(|s| s.name != named));
    ordered.into_iter().find_map(|s| {
        s.text
            .find(needle)
            .map(|at| Position::of_offset(&s.text, at, Position::START))
    })
}

fn locate_file<'s>(sources: &'s [TemplateSource], details: &str) -> Option<&'s TemplateSource> {
    let needle = details.split('`').nth(1)?;
    sources.iter().find(|s| s.text.contains(needle))
}

/// `tr(key="role.plaintiff")`: the translation at a dotted key. Macros cannot
/// see the context, and passing `t` to them would copy the whole table on
/// every call; a function reaches it for the price of one lookup.
struct Translate {
    table: HashMap<String, tera::Value>,
}

impl Translate {
    fn new(translations: &Translations) -> Translate {
        let mut table = HashMap::new();
        flatten(translations, String::new(), &mut table);
        Translate { table }
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

/// Tallies for the build summary.
pub fn page_counts(files: &[OutputFile]) -> HashMap<&'static str, usize> {
    let mut counts = HashMap::new();
    counts.insert(
        "html",
        files.iter().filter(|f| f.path.ends_with(".html")).count(),
    );
    counts.insert("files", files.len());
    counts
}
