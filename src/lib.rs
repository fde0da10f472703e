//! casebook: typed case content → a checked, cross-linked static site.
//!
//! The pipeline runs one way, each stage a module with its own output type:
//!
//! ```text
//! casebook.yaml + content/ ──load──▶ Loaded ──resolve──▶ Case ──render──▶ OutputFile… ──write──▶ public/
//! ```
//!
//! Render hands each file to a sink as it is made: `build` passes write's
//! staging folder, so no more than a few pages are in memory at a time;
//! `watch` collects them to write only what changed; `check` drops them.
//!
//! `build` and `check` run it once; `watch` runs the very same function in a
//! loop with a `Session` that remembers unchanged inputs and outputs.

#![warn(missing_docs)]

pub mod app;
pub mod cli;
pub mod diagnostic;

mod export;
mod load;
mod markdown;
mod model;
mod render;
mod resolve;
mod scaffold;
mod site;
mod watch;
mod write;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::diagnostic::Diagnostic;
use crate::load::config::Config;
use crate::load::theme::Theme;
use crate::load::LoadCache;
use crate::render::{OutputFile, Sink};
use crate::resolve::Case;
use crate::write::Written;

/// What to build, and where.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site root: the folder holding `casebook.yaml` and `content/`.
    pub root: PathBuf,
    /// The output folder the site is written to.
    pub out: PathBuf,
    /// Overrides `base_url` from casebook.yaml.
    pub base_url: Option<String>,
    /// Whether drafts are built too.
    pub drafts: bool,
    /// Replace an output folder that no casebook build wrote.
    pub force: bool,
}

/// Why a run stopped.
#[derive(Debug)]
pub enum Failure {
    /// Mistakes in the site (exit status 1).
    Content(Vec<Diagnostic>),
    /// Usage or I/O problems (exit status 2).
    Fatal(String),
}

impl Failure {
    /// The process exit status this failure means (SPEC §7).
    pub fn exit_code(&self) -> i32 {
        match self {
            Failure::Content(_) => 1,
            Failure::Fatal(_) => 2,
        }
    }
}

/// What a successful run did.
#[derive(Debug, Clone)]
pub struct Summary {
    /// HTML pages in the output.
    pub pages: usize,
    /// Files in the output, pages included.
    pub files: usize,
    /// Files written (all of them for `build`; only changed ones for `watch`).
    pub written: usize,
    /// How long the run took.
    pub elapsed: Duration,
    /// Something the writer should know about a successful run (what was
    /// left out, and why), to print once after the summary.
    pub note: Option<&'static str>,
    /// Per translation (SPEC §12): its language, its entity pages and how many
    /// of them still show the main language's words. Empty without translations.
    pub untranslated: Vec<Untranslated>,
}

/// How much of one translation's edition is not translated yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Untranslated {
    /// The edition's language tag (`en`).
    pub language: String,
    /// Its pages with words of their own: the overview and every entity.
    pub pages: usize,
    /// How many of them show the main language's words.
    pub untranslated: usize,
}

/// The note of a build without a `base_url` (SPEC §11).
const FEEDS_LEFT_OUT: &str = "note: sitemap.xml, robots.txt and atom.xml were left out: they need absolute URLs and the site has no base_url (set base_url in casebook.yaml or pass --base-url)";

/// What a series of runs on one site keeps between runs.
#[derive(Debug)]
pub struct Session {
    load: LoadCache,
    render: render::RenderMemo,
    written: Written,
    base_path: String,
}

impl Default for Session {
    fn default() -> Session {
        Session {
            load: LoadCache::keeping(),
            render: render::RenderMemo::default(),
            written: Written::default(),
            base_path: "/".to_owned(),
        }
    }
}

impl Session {
    /// The path the last build's `base_url` gives the site (`/parler/`), `/`
    /// without one: where its 404 page's links point.
    pub fn base_path(&self) -> &str {
        &self.base_path
    }

    /// Drops what is remembered of files the watcher saw change: their size
    /// and modification time alone can miss an edit made within one clock tick.
    /// The watcher reports paths with symlinks resolved, so a root given
    /// through a symlink is also tried in its canonical form.
    pub fn forget(&mut self, root: &Path, changed: &[PathBuf]) {
        self.load.forget(root, changed);
        if let Ok(canonical) = root.canonicalize() {
            self.load.forget(&canonical, changed);
        }
    }

    /// Runs the pipeline and updates the output in place, writing only changed files.
    pub fn rebuild(&mut self, options: &BuildOptions) -> Result<Summary, Failure> {
        let started = Instant::now();
        let out = write::check_output_dir(&options.root, &options.out)
            .map_err(|e| Failure::Fatal(e.to_string()))?;
        // The memo describes the output on disk; without that output (or
        // with files in it changed behind our back) it is useless. Checking
        // is a stat per output file, done while the site loads.
        let (written, load) = (&mut self.written, &mut self.load);
        let ((), prepared) = rayon::join(
            || written.verify(&out),
            || {
                prepare(
                    &options.root,
                    options.base_url.as_deref(),
                    options.drafts,
                    load,
                )
            },
        );
        if !self.written.is_current(&out) {
            self.render = render::RenderMemo::default();
        }
        let prepared = prepared?;
        // The memo needs every file's bytes to tell what changed.
        let collect = render::Collect::default();
        let (rendered, tally) = prepared.render(Some(&self.render), &collect)?;
        self.base_path = base_path(prepared.config.base_url.as_deref());
        let changes = write::write_incremental(
            &out,
            &collect.into_files(),
            &rendered.unchanged,
            &mut self.written,
            options.force,
        )
        .map_err(|e| Failure::Fatal(e.to_string()))?;
        let last_memo = std::mem::replace(&mut self.render, rendered.memo);
        // Freeing a case and a memo of 10 000 entities takes milliseconds
        // that the writer, waiting for the page to reload, need not wait.
        free_aside((last_memo, prepared));
        let mut summary = summary(&tally, changes.written, started);
        summary.untranslated = untranslated(&rendered.editions);
        summary.pages += rendered.unchanged.len();
        summary.files += rendered.unchanged.len();
        Ok(summary)
    }
}

/// `casebook build`: the whole site into a fresh output directory.
pub fn build(options: &BuildOptions) -> Result<Summary, Failure> {
    let started = Instant::now();
    let out = write::check_output_dir(&options.root, &options.out)
        .map_err(|e| Failure::Fatal(e.to_string()))?;
    let prepared = prepare(
        &options.root,
        options.base_url.as_deref(),
        options.drafts,
        &mut LoadCache::default(),
    )?;
    let staging = match write::Staging::open(&out, options.force) {
        Ok(staging) => staging,
        // A mistake in the site is reported before a refused folder.
        Err(refused) => {
            prepared.render(None, &render::Discard)?;
            return Err(Failure::Fatal(refused.to_string()));
        }
    };
    // On an error the staging folder goes with `staging`; the output stays.
    let (rendered, tally) = prepared.render(None, &staging)?;
    staging
        .finish()
        .map_err(|e| Failure::Fatal(e.to_string()))?;
    prepared.clock.lap("swap");
    let mut summary = summary(&tally, tally.files, started);
    summary.untranslated = untranslated(&rendered.editions);
    // Freeing the case of 100 000 entities takes a third of a second, after
    // the site is done; the process usually exits first.
    free_aside((prepared, rendered));
    Ok(summary)
}

/// Frees `garbage` on a thread of its own, so that no one waits for it
/// (without a thread to spare, it is freed here).
fn free_aside<T: Send + 'static>(garbage: T) {
    let _ = std::thread::Builder::new().spawn(move || drop(garbage));
}

/// `casebook check`: everything `build` does but writing.
pub fn check(root: &Path, drafts: bool) -> Result<Summary, Failure> {
    let started = Instant::now();
    let prepared = prepare(root, None, drafts, &mut LoadCache::default())?;
    let (rendered, tally) = prepared.render(None, &render::Discard)?;
    let mut summary = summary(&tally, 0, started);
    summary.untranslated = untranslated(&rendered.editions);
    Ok(summary)
}

/// The report of each translation's edition (the main one is all its own).
fn untranslated(editions: &[render::EditionReport]) -> Vec<Untranslated> {
    editions
        .iter()
        .skip(1)
        .map(|edition| Untranslated {
            language: edition.language.clone(),
            pages: edition.pages,
            untranslated: edition.untranslated,
        })
        .collect()
}

fn summary(tally: &Tally, written: usize, started: Instant) -> Summary {
    Summary {
        pages: tally.pages,
        files: tally.files,
        written,
        elapsed: started.elapsed(),
        note: (!tally.sitemap).then_some(FEEDS_LEFT_OUT),
        untranslated: Vec::new(),
    }
}

/// What a render made, for the summary.
#[derive(Debug)]
struct Tally {
    /// HTML files.
    pages: usize,
    files: usize,
    sitemap: bool,
}

/// Counts the files on their way into a sink.
struct Tallying<'s> {
    sink: &'s dyn Sink,
    pages: AtomicUsize,
    files: AtomicUsize,
    sitemap: AtomicBool,
}

impl Sink for Tallying<'_> {
    fn put(&self, file: OutputFile) {
        if file.path.ends_with(".html") {
            self.pages.fetch_add(1, Ordering::Relaxed);
        }
        if file.path == "sitemap.xml" {
            self.sitemap.store(true, Ordering::Relaxed);
        }
        self.files.fetch_add(1, Ordering::Relaxed);
        self.sink.put(file);
    }
}

/// The path of a base URL (`/parler/` of `https://example.org/parler/`), `/` without one.
fn base_path(base_url: Option<&str>) -> String {
    base_url
        .and_then(|url| url.split_once("://"))
        .and_then(|(_, rest)| rest.find('/').map(|at| rest[at..].to_owned()))
        .unwrap_or_else(|| "/".to_owned())
}

/// A site loaded and resolved without a mistake, ready to render.
struct Prepared {
    cases: Vec<Case>,
    config: Config,
    theme: Theme,
    clock: StageClock,
}

/// The pipeline up to render: every mistake in the content is found here,
/// before the output is touched.
fn prepare(
    root: &Path,
    base_url: Option<&str>,
    drafts: bool,
    cache: &mut LoadCache,
) -> Result<Prepared, Failure> {
    if !root.is_dir() {
        return Err(Failure::Fatal(format!(
            "the site root {} is not a directory",
            root.display()
        )));
    }
    if !root.join(site::CONFIG_FILE).is_file() {
        return Err(Failure::Fatal(format!(
            "{} has no {}: not a casebook site (casebook init DIR creates one)",
            root.display(),
            site::CONFIG_FILE
        )));
    }
    let clock = StageClock::start();
    let loaded = load::load(root, cache);
    clock.lap("load");
    let mut diagnostics = loaded.diagnostics;
    let editions = match &loaded.config {
        Some(config) => config.editions(),
        None => Vec::new(),
    };
    let case = resolve::resolve_editions(
        loaded.documents,
        loaded.translations,
        &editions,
        &loaded.broken_files,
        &loaded.static_names,
        drafts,
    );
    clock.lap("resolve");
    let case = match case {
        Ok(case) => Some(case),
        Err(errors) => {
            diagnostics.extend(errors);
            None
        }
    };
    let (cases, mut config, theme) = match (case, loaded.config, loaded.theme) {
        (Some(cases), Some(config), Some(theme)) if diagnostics.is_empty() => {
            (cases, config, theme)
        }
        (_, _, theme) => {
            if let Some(theme) = &theme {
                diagnostics.extend(render::template_errors(theme));
            }
            return Err(Failure::Content(sorted(diagnostics)));
        }
    };
    if let Some(url) = base_url {
        config.base_url = load::config::normalize_base_url(url).map_err(Failure::Fatal)?;
    }
    Ok(Prepared {
        cases,
        config,
        theme,
        clock,
    })
}

impl Prepared {
    /// Renders every file into `sink`; with a memo, unchanged pages are
    /// skipped. On an error, some files may already be in the sink.
    fn render(
        &self,
        memo: Option<&render::RenderMemo>,
        sink: &dyn Sink,
    ) -> Result<(render::Rendered, Tally), Failure> {
        let tallying = Tallying {
            sink,
            pages: AtomicUsize::new(0),
            files: AtomicUsize::new(0),
            sitemap: AtomicBool::new(false),
        };
        let rendered =
            render::render_remembering(&self.cases, &self.config, &self.theme, memo, &tallying)
                .map_err(Failure::Content);
        self.clock.lap("render");
        let tally = Tally {
            pages: tallying.pages.into_inner(),
            files: tallying.files.into_inner(),
            sitemap: tallying.sitemap.into_inner(),
        };
        rendered.map(|rendered| (rendered, tally))
    }
}

/// With `CASEBOOK_TIMINGS` set, prints how long each stage took (for profiling).
struct StageClock {
    last: std::cell::Cell<Instant>,
    enabled: bool,
}

impl StageClock {
    fn start() -> StageClock {
        StageClock {
            last: std::cell::Cell::new(Instant::now()),
            enabled: std::env::var_os("CASEBOOK_TIMINGS").is_some(),
        }
    }

    fn lap(&self, stage: &str) {
        if self.enabled {
            let now = Instant::now();
            eprintln!(
                "{stage}: {:.1} ms",
                (now - self.last.get()).as_secs_f64() * 1000.0
            );
            self.last.set(now);
        }
    }
}

fn sorted(mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diagnostics.sort();
    diagnostics.dedup();
    diagnostics
}
