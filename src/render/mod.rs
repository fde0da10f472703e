//! Render: `Case` + theme → the bytes of every output file. The one module that
//! knows Tera.
//!
//! Templates are compiled once; what every page shares (`site`, `t`) is
//! serialised once; pages are rendered in parallel. A template error names
//! the template file and the line.
//!
//! The parts: `pages` (one job per output page, each building its template's
//! context from `context`), `components` (event cards and list items rendered
//! once per entity), `renderer` (Tera, bodies and the memo behind them),
//! `lookup` (paths, dates and links of every entity, computed once),
//! `templates` (compiling and Tera's errors), `translate` (`tr()`), `memo`
//! (what `watch` keeps between runs), `feed` and `timeline`.

mod chart;
mod charts;
mod context;
mod feed;
mod findings;
mod proceedings;
mod relation_map;
mod timeline;

mod components;
mod exports;
mod extra_pages;
mod fingerprint;
mod impact;
mod lookup;
mod memo;
mod output;
mod pages;
mod reach;
mod renderer;
mod share;
mod templates;
mod translate;

use std::collections::HashSet;

use foldhash::HashMap;
use std::hash::{Hash, Hasher};

use rayon::prelude::*;
use tera::Tera;

use crate::diagnostic::Diagnostic;
use crate::load::config::Config;
use crate::load::theme::Theme;
use crate::model::edition::Edition;
use crate::render::components::Components;
use crate::render::findings::{both, finding_files, DataFiles};
use crate::render::impact::{CaseDigest, Reach};
use crate::render::lookup::Lookup;
use crate::render::memo::NewBodies;
use crate::render::reach::CountsReach;
use crate::render::renderer::{RenderedPage, Renderer, Shared};
use crate::render::translate::Translate;
use crate::resolve::Case;

pub(crate) use memo::RenderMemo;
pub(crate) use output::{Collect, Discard, OutputFile, Sink};

/// The most pages (or timeline cards) one parallel task renders: a page
/// takes about a tenth of a millisecond, so a task is short enough for the
/// threads to finish together and long enough for rayon's bookkeeping not
/// to count.
const PAGES_PER_TASK: usize = 16;

/// A render that may have skipped pages whose inputs did not change. The
/// files it made went to its sink.
pub(crate) struct Rendered {
    /// Pages whose inputs are those of the previous render: their output is
    /// already what this render would write.
    pub(crate) unchanged: Vec<String>,
    /// What the next render can reuse (empty without a previous memo).
    pub(crate) memo: RenderMemo,
    /// Per edition, how much of it is translated (SPEC §12).
    pub(crate) editions: Vec<EditionReport>,
}

/// How many entity pages of an edition show words of another language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct EditionReport {
    pub(crate) language: String,
    /// The pages with words of their own: the overview and every entity.
    pub(crate) pages: usize,
    pub(crate) untranslated: usize,
}

/// What one edition's renderer is made of, owned here and lent to it.
struct EditionParts<'a> {
    config: Config,
    tera: Tera,
    lookup: Lookup<'a>,
    shared: Shared,
    components: Components,
}

/// Renders the site, every edition of it (`cases` in `Config::editions`
/// order), into `sink`, each page as soon as it is made; with the previous
/// render's memo (`watch`), pages, components and bodies whose inputs did
/// not change are not rendered again. With errors, some files may already
/// be in the sink.
pub(crate) fn render_remembering(
    cases: &[Case],
    config: &Config,
    theme: &Theme,
    previous: Option<&RenderMemo>,
    sink: &dyn Sink,
) -> Result<Rendered, Vec<Diagnostic>> {
    let last = previous.and_then(|memo| memo.templates.as_ref());
    let (templates_key, compiled) = templates::compiled(&theme.templates, last)?;
    let editions = config.editions();
    let parts = edition_parts(cases, config, theme, &compiled, &editions);
    let counts = CountsReach::of(&theme.templates);
    let epoch = previous.map_or(0, |_| {
        epoch_of(
            theme,
            templates_key,
            parts.iter().map(|p| &p.shared.site),
            &counts,
        )
    });
    let (digests, reach) = reach_of(previous, &parts, epoch, &counts);
    let new_bodies = NewBodies::default();
    let run = Run {
        previous,
        epoch,
        counts: &counts,
        new_bodies: &new_bodies,
        reach: &reach,
    };
    // `events.ics` and `case.json` show the entities' faces only (no body).
    let data = match reach {
        Reach::Only {
            site_wide: false, ..
        } => DataFiles::AsBefore,
        _ => DataFiles::Make,
    };
    // The pages and the files beside them need nothing of each other.
    let (pages, findings) = rayon::join(
        || build_pages(cases, &parts, &editions, theme, &run, sink),
        || finding_files(&parts, &editions, theme, previous, data),
    );
    let (mut outcome, findings) = both(pages, findings)?;
    // With the same pages as last time, those not built are as they were.
    let reused = previous.filter(|_| matches!(reach, Reach::Only { .. }));
    if let Some(memo) = reused {
        outcome.keep_unbuilt(memo, &gone_pages(&reach, &editions));
    }
    let Outcome {
        mut unchanged,
        hashes,
    } = outcome;
    unchanged.extend(findings.kept);
    put_site_files(sink, findings.files, &parts, &editions, theme);
    let (images, search) = findings.memo;
    let reports = reports(cases, &editions);
    let memo = match previous {
        Some(_) => {
            let made = RenderMemo {
                epoch,
                pages: hashes,
                components: HashMap::default(),
                bodies: new_bodies.into_map(),
                images,
                digests,
                search,
                templates: Some((templates_key, compiled)),
            };
            next_memo(made, parts, reused)
        }
        None => RenderMemo::default(),
    };
    Ok(Rendered {
        unchanged,
        memo,
        editions: reports,
    })
}

/// Puts what is not a page: the files found beside the pages, the feeds
/// and the copied assets.
fn put_site_files(
    sink: &dyn Sink,
    found: Vec<OutputFile>,
    parts: &[EditionParts],
    editions: &[Edition],
    theme: &Theme,
) {
    put_all(sink, found);
    let (lookups, configs): (Vec<&Lookup>, Vec<&Config>) =
        parts.iter().map(|p| (&p.lookup, &p.config)).unzip();
    put_all(sink, feed::files(&lookups, &configs, editions));
    put_copies(sink, theme, &lookups, editions);
}

/// This run's digests (only under `watch`) and the pages they reach.
fn reach_of(
    previous: Option<&RenderMemo>,
    parts: &[EditionParts],
    epoch: u64,
    counts: &CountsReach,
) -> (Vec<CaseDigest>, Reach) {
    let Some(memo) = previous else {
        return (Vec::new(), Reach::Everything);
    };
    let digests: Vec<CaseDigest> = parts.iter().map(|p| CaseDigest::of(&p.lookup)).collect();
    let reach = match memo.epoch == epoch {
        true => impact::reach(&memo.digests, &digests, counts.on_entity_pages()),
        false => Reach::Everything,
    };
    (digests, reach)
}

/// The output paths of the pages of entities that are no more.
fn gone_pages(reach: &Reach, editions: &[Edition]) -> HashSet<String> {
    let Reach::Only { gone, .. } = reach else {
        return HashSet::new();
    };
    let folders = gone.iter().zip(editions).flat_map(|(folders, edition)| {
        let prefix = edition.prefix();
        folders
            .iter()
            .map(move |folder| format!("{prefix}{folder}index.html"))
    });
    folders.collect()
}

/// What every page job of one run shares besides its edition's parts.
struct Run<'r> {
    previous: Option<&'r RenderMemo>,
    epoch: u64,
    counts: &'r CountsReach,
    new_bodies: &'r NewBodies,
    reach: &'r Reach,
}

/// Every page within the run's reach, of every edition, in parallel.
fn build_pages(
    cases: &[Case],
    parts: &[EditionParts],
    editions: &[Edition],
    theme: &Theme,
    run: &Run,
    sink: &dyn Sink,
) -> Result<Outcome, Vec<Diagnostic>> {
    let language_names = language_names(editions, parts);
    let renderers: Vec<Renderer> = parts
        .iter()
        .zip(editions)
        .map(|(part, edition)| Renderer {
            tera: &part.tera,
            lookup: &part.lookup,
            shared: &part.shared,
            config: &part.config,
            sources: &theme.templates,
            components: &part.components,
            memo: run.previous,
            epoch: run.epoch,
            counts: run.counts,
            new_bodies: run.new_bodies,
            edition,
            editions,
            language_names: &language_names,
        })
        .collect();
    let jobs: Vec<(usize, pages::Job)> = cases
        .iter()
        .enumerate()
        .flat_map(|(index, case)| pages::jobs(case).into_iter().map(move |job| (index, job)))
        .filter(|&(index, job)| run.reach.builds(index, job.entity_id(&cases[index])))
        .collect();
    // The timeline pages show every event's card: made in parallel first,
    // not one after another inside the one timeline job (errors stay in
    // their slots for the pages to report).
    for (index, renderer) in renderers.iter().enumerate() {
        if run.reach.builds(index, None) {
            let events = renderer.lookup.case.events.len();
            let cards = (0..events).into_par_iter().with_max_len(PAGES_PER_TASK);
            cards.for_each(|event| {
                let _ = renderer.card(event, pages::TIMELINE_CARD_LEVEL);
            });
        }
    }
    // Each page goes to the sink from the thread that rendered it, so no
    // more than one page a thread is in memory at a time. Rayon splits a
    // list only as often as its threads steal; without a cap, one thread
    // could be left alone with a quarter of the pages at the end.
    let results: Vec<Result<Page, Diagnostic>> = jobs
        .into_par_iter()
        .with_max_len(PAGES_PER_TASK)
        .map(|(index, job)| renderers[index].render(job).map(|page| page.put(sink)))
        .collect();
    Outcome::of(results)
}

/// A rendered page once its bytes are in the sink.
enum Page {
    Put(String, u64),
    Unchanged(String, u64),
}

impl RenderedPage {
    fn put(self, sink: &dyn Sink) -> Page {
        match self {
            RenderedPage::Written(file, hash) => {
                let path = file.path.clone();
                sink.put(file);
                Page::Put(path, hash)
            }
            RenderedPage::Unchanged(path, hash) => Page::Unchanged(path, hash),
        }
    }
}

/// Puts files into the sink in parallel, as writing them is most of the work.
fn put_all(sink: &dyn Sink, files: Vec<OutputFile>) {
    files.into_par_iter().for_each(|file| sink.put(file));
}

/// The theme's static files and the files of every page bundle, copied
/// into the output one at a time.
fn put_copies(sink: &dyn Sink, theme: &Theme, lookups: &[&Lookup], editions: &[Edition]) {
    let statics = theme.static_files.iter().map(|file| OutputFile {
        path: file.path.clone(),
        bytes: file.bytes.to_vec(),
    });
    statics
        .chain(bundle_files(lookups, editions))
        .par_bridge()
        .for_each(|file| sink.put(file));
}

/// The memo for the next run: what this one made, its components, and,
/// where pages were left as they were, the parts they still stand on.
fn next_memo(
    mut made: RenderMemo,
    parts: Vec<EditionParts>,
    reused: Option<&RenderMemo>,
) -> RenderMemo {
    made.components = parts
        .into_iter()
        .flat_map(|part| part.components.into_memo())
        .collect();
    if let Some(memo) = reused {
        carry_over(&memo.components, &mut made.components);
        carry_over(&memo.bodies, &mut made.bodies);
    }
    made
}

/// Last run's entries that this run did not make again. (Copying last
/// run's table whole and putting this run's few entries into it is much
/// cheaper than inserting ten thousand of last run's one by one.)
fn carry_over<V: Clone>(previous: &HashMap<u64, V>, into: &mut HashMap<u64, V>) {
    let made = std::mem::replace(into, previous.clone());
    into.extend(made);
}

/// The files of every published page bundle, in its entity's output folder
/// in every edition, so that a link beside `index.md` works on each page.
fn bundle_files<'l>(
    lookups: &'l [&'l Lookup],
    editions: &'l [Edition],
) -> impl Iterator<Item = OutputFile> + 'l {
    lookups.iter().zip(editions).flat_map(|(lookup, edition)| {
        let case = lookup.case;
        let prefix = edition.prefix();
        case.targets()
            .filter_map(move |target| Some((target, case.entity(target).common()?)))
            .flat_map(move |(target, common)| {
                let folder = format!("{prefix}{}", lookup.path(target));
                common.assets.iter().map(move |asset| OutputFile {
                    path: format!("{folder}{}", asset.name),
                    bytes: asset.bytes.to_vec(),
                })
            })
    })
}

/// Each edition's settings, Tera with its strings, lookup tables, shared
/// variables and component slots.
fn edition_parts<'a>(
    cases: &'a [Case],
    config: &Config,
    theme: &Theme,
    compiled: &Tera,
    editions: &[Edition],
) -> Vec<EditionParts<'a>> {
    cases
        .iter()
        .zip(editions)
        .zip(&theme.translations)
        .map(|((case, edition), strings)| {
            let config = config.for_edition(edition);
            let mut tera = compiled.clone();
            let translate = Translate::new(strings);
            tera.register_function("tr", translate.clone());
            let lookup = Lookup::new(case, &config);
            let site = tera::to_value(lookup.site_context(&config)).expect("serialisable");
            EditionParts {
                tera,
                lookup,
                shared: Shared { site, translate },
                components: Components::new(case),
                config,
            }
        })
        .collect()
}

/// Each edition's language named in itself (`language_name.<tag>` of its
/// own strings), for the switcher.
fn language_names(editions: &[Edition], parts: &[EditionParts]) -> Vec<String> {
    editions
        .iter()
        .zip(parts)
        .map(|(edition, part)| {
            let primary = edition.tag.split('-').next().unwrap_or_default();
            let key = format!("language_name.{primary}");
            let name = part.shared.translate.text(&key);
            name.unwrap_or(&edition.tag).to_owned()
        })
        .collect()
}

fn reports(cases: &[Case], editions: &[Edition]) -> Vec<EditionReport> {
    cases
        .iter()
        .zip(editions)
        .map(|(case, edition)| EditionReport {
            language: edition.tag.clone(),
            pages: case.targets().count() + usize::from(case.overview.is_some()),
            untranslated: case.untranslated_count(),
        })
        .collect()
}

/// The pages of one render, sorted out: put, unchanged, or every error.
struct Outcome {
    unchanged: Vec<String>,
    /// Output path → hash of the page's context, for the next render's memo.
    hashes: HashMap<String, u64>,
}

impl Outcome {
    /// Takes the pages of last run that this one did not build as they
    /// were, but those of entities that are `gone`.
    fn keep_unbuilt(&mut self, memo: &RenderMemo, gone: &HashSet<String>) {
        for (path, hash) in &memo.pages {
            if !self.hashes.contains_key(path) && !gone.contains(path) {
                self.hashes.insert(path.clone(), *hash);
                self.unchanged.push(path.clone());
            }
        }
    }

    fn of(results: Vec<Result<Page, Diagnostic>>) -> Result<Outcome, Vec<Diagnostic>> {
        let mut outcome = Outcome {
            unchanged: Vec::new(),
            hashes: HashMap::default(),
        };
        let mut errors = Vec::new();
        for result in results {
            match result {
                Ok(Page::Put(path, hash)) => {
                    outcome.hashes.insert(path, hash);
                }
                Ok(Page::Unchanged(path, hash)) => {
                    outcome.hashes.insert(path.clone(), hash);
                    outcome.unchanged.push(path);
                }
                Err(error) => errors.push(error),
            }
        }
        if errors.is_empty() {
            return Ok(outcome);
        }
        errors.sort();
        errors.dedup();
        Err(errors)
    }
}

/// What every page depends on besides its own context: the templates, and
/// every edition's strings and site variables, the site's entity counts only
/// where a shared template may show them (see `reach.rs`).
fn epoch_of<'s>(
    theme: &Theme,
    templates_key: u64,
    sites: impl Iterator<Item = &'s tera::Value>,
    counts: &CountsReach,
) -> u64 {
    let mut hasher = memo::hasher();
    templates_key.hash(&mut hasher);
    memo::hash_value(
        &tera::to_value(&theme.translations).expect("serialisable"),
        &mut hasher,
    );
    for site in sites {
        if counts.everywhere() {
            memo::hash_value(site, &mut hasher);
        } else {
            let mut site = site.clone();
            if let Some(fields) = site.as_object_mut() {
                fields.remove("counts");
            }
            memo::hash_value(&site, &mut hasher);
        }
    }
    hasher.finish().max(1)
}

/// The template errors of a theme, for runs whose content already failed:
/// a writer sees every mistake at once, not the templates' after the content's.
pub(crate) fn template_errors(theme: &Theme) -> Vec<Diagnostic> {
    templates::compile(&theme.templates)
        .err()
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use std::fs;
    use std::path::Path;

    use super::{render_remembering, Collect, OutputFile};
    use crate::diagnostic::Diagnostic;
    use crate::load::{load, LoadCache};
    use crate::resolve::resolve;

    const SITE: &[(&str, &str)] = &[
        ("casebook.yaml", "title: Test case\nlanguage: en\n"),
        (
            "content/index.md",
            "---\ntitle: The overview\n---\nAbout [[aws]].\n",
        ),
        (
            "content/parties/aws.md",
            "---\ntitle: AWS\nkind: company\nrole: defendant\n---\n",
        ),
        (
            "content/claims/breach.md",
            "---\ntitle: Breach\nby: [parler]\nagainst: [aws]\nstatus: pending\n---\n",
        ),
        (
            "content/parties/parler.md",
            "---\ntitle: Parler\nkind: company\nrole: plaintiff\n---\n",
        ),
        (
            "content/events/filed.md",
            "---\ntitle: Suit filed\ndate: 2021-01-11\nparties: [aws]\n---\n",
        ),
        ("content/sources/s-one.md", "---\ntitle: Source one\n---\n"),
        ("content/sources/s-two.md", "---\ntitle: Source two\n---\n"),
        (
            "content/pages/about.md",
            "---\ntitle: About this site\n---\n",
        ),
    ];

    /// Loads, resolves and renders a site made of `files` in a temp folder.
    fn render_site(files: &[(&str, &str)]) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
        let dir = tempfile::tempdir().expect("a temp folder");
        for (path, text) in files {
            let path = dir.path().join(path);
            fs::create_dir_all(path.parent().expect("a parent")).expect("a folder");
            fs::write(path, text).expect("a file");
        }
        let loaded = load(dir.path(), &mut LoadCache::default());
        assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
        let documents = loaded.documents;
        let case = resolve(documents, &loaded.broken_files, &loaded.static_names, false)
            .expect("sound references");
        let config = loaded.config.expect("a config");
        let collect = Collect::default();
        render_remembering(
            std::slice::from_ref(&case),
            &config,
            loaded.theme.as_ref().expect("a theme"),
            None,
            &collect,
        )?;
        Ok(collect.into_files())
    }

    fn page<'r>(files: &'r [OutputFile], path: &str) -> &'r str {
        let file = files.iter().find(|f| f.path == path);
        std::str::from_utf8(&file.unwrap_or_else(|| panic!("no {path}")).bytes).expect("UTF-8")
    }

    /// The titles of the list items on a page (`components/item.html`).
    fn item_titles(html: &str) -> Vec<&str> {
        html.split("class=\"item-link\"")
            .skip(1)
            .filter_map(|rest| rest.split_once('>')?.1.split_once("</a>"))
            .map(|(title, _)| title)
            .collect()
    }

    #[test]
    fn each_list_shows_the_entities_of_its_own_kind() {
        let rendered = render_site(SITE).expect("a valid site");
        let lists = [
            ("parties/index.html", vec!["AWS", "Parler"]),
            ("claims/index.html", vec!["Breach"]),
            ("sources/index.html", vec!["Source one", "Source two"]),
        ];
        for (path, titles) in lists {
            assert_eq!(item_titles(page(&rendered, path)), titles, "{path}");
        }
    }

    #[test]
    fn the_overview_page_is_the_overview_not_a_free_page() {
        let rendered = render_site(SITE).expect("a valid site");
        let overview = page(&rendered, "index.html");
        assert!(overview.contains("The overview"), "{overview}");
        let about = page(&rendered, "about/index.html");
        assert!(about.contains("About this site"));
        let written: Vec<&str> = rendered.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(written.iter().filter(|p| **p == "index.html").count(), 1);
    }

    #[test]
    fn a_runtime_error_in_a_component_names_the_component_template() {
        let mut files = SITE.to_vec();
        files.push((
            "templates/components/item.html",
            "<li>\n{{ x.title }}\n{{ x.no_such_field }}</li>\n",
        ));
        let errors = render_site(&files).expect_err("a template error");
        let texts: Vec<String> = errors.iter().map(Diagnostic::to_string).collect();
        assert_eq!(
            texts,
            ["templates/components/item.html:3:4: template error: Variable `x.no_such_field` not found in context while rendering 'components/item.html'"]
        );
        assert!(Path::new(&errors[0].file).ends_with("components/item.html"));
    }
}
