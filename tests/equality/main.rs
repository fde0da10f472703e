//! The randomized equality test: after any sequence of edits, the output of
//! `watch` is byte for byte a fresh `build` of the same files (SPEC §7).
//!
//! Each sequence generates a small site from its seed, builds it the way
//! `watch` does (`Session::rebuild`), then applies a few steps of one to
//! three random edits each (bodies, titles, dates, relations; files added,
//! deleted and renamed; drafts toggled; `casebook.yaml`, template overrides
//! and static files changed; now and then a mistake). The sites hold every
//! kind of dependency a page can have, so that a rebuild that skips pages
//! an edit cannot reach is tested against each: proceedings with their
//! court and `from`/`via` lineage (SPEC §9), events and claims moved between
//! them, outcomes and the claim status they give (moved in the timeline by
//! date edits), translations and the `translations` setting (§12), wiki
//! links of every form (`[[id#heading]]` to headings that come and go) from
//! entities, free pages and the overview in both languages, `updated` and
//! `corrections` (§11), dates of every precision, approximate and ranges,
//! moved past their neighbours, page bundles with a file beside them, and
//! the attributes other pages show (a party's role, a source's publisher, a
//! page's weight). Edit modules: `edits` (the list of every kind, with its
//! weight), `facts`, `editions`; the site as data: `model`, `generate`,
//! `text`. After each step it makes
//! exactly the calls the watch loop makes (`src/watch/mod.rs`): first
//! `Session::forget` with the paths the watcher would report, then
//! `Session::rebuild`. Then a fresh `build` of the same files into another
//! folder must give the same files, byte for byte, or, for a broken site,
//! the same diagnostics, with the watched output left as it was. A step that
//! broke the site is usually undone by the next, as a writer would, and every
//! sequence ends on a valid site.
//!
//! Edited files keep their modification time (an edit within one tick of the
//! file system's clock), so only `forget` tells the session what changed.
//! A rename is reported under its two names only, also for a bundle's
//! folder (not for each file inside), as the watcher reports it.
//!
//! A failure names the sequence's seed; `EQUALITY_SEED=<seed> cargo test
//! --test equality` runs that one sequence alone, `EQUALITY_SEQUENCES=<n>`
//! runs more than the usual 200, and `EQUALITY_VERBOSE=1` (with
//! `-- --nocapture`) prints every sequence's steps and their outcomes; each
//! edit is tagged with its kind (`[outcome] …`), and a deliberate mistake
//! ends in "(a mistake)", so the log can be counted.

mod editions;
mod edits;
mod facts;
mod generate;
mod model;
mod rng;
mod text;

#[path = "../support/mod.rs"]
mod support;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use casebook::{build, BuildOptions, Failure, Session};

use edits::{Edit, Templates};
use model::Model;
use rng::{seed_of, Rng};
use support::site::{assert_same_tree, tree, Site};

/// Sequences per test function; the four functions run in parallel.
const SEQUENCES: u64 = 50;
const TESTS: u64 = 4;

#[test]
fn sequences_0() {
    run_share(0);
}

#[test]
fn sequences_1() {
    run_share(1);
}

#[test]
fn sequences_2() {
    run_share(2);
}

#[test]
fn sequences_3() {
    run_share(3);
}

/// Runs the sequences whose index is `share` modulo `TESTS`, or only the
/// sequence `EQUALITY_SEED` names (in share 0).
fn run_share(share: u64) {
    let templates = theme_templates();
    if let Ok(seed) = std::env::var("EQUALITY_SEED") {
        if share == 0 {
            let seed = parse_seed(&seed);
            Sequence::new(seed, &templates).run();
        }
        return;
    }
    let total = std::env::var("EQUALITY_SEQUENCES")
        .map(|n| n.parse().expect("EQUALITY_SEQUENCES is a number"))
        .unwrap_or(SEQUENCES * TESTS);
    for index in (share..total).step_by(TESTS as usize) {
        Sequence::new(seed_of(index), &templates).run();
    }
}

fn parse_seed(text: &str) -> u64 {
    let text = text.trim();
    match text.strip_prefix("0x") {
        Some(hex) => u64::from_str_radix(hex, 16),
        None => text.parse(),
    }
    .expect("EQUALITY_SEED is a number, decimal or 0x…")
}

/// The default theme's templates (not the macro file, whose text outside
/// macros Tera refuses), as the repository holds them now.
fn theme_templates() -> Templates {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates");
    let mut found: Vec<(String, String)> = support::site::files(&folder)
        .into_iter()
        .map(|(name, bytes)| (name, String::from_utf8(bytes).expect("UTF-8")))
        .filter(|(name, text)| name.ends_with(".html") && !text.contains("{% macro"))
        .collect();
    found.sort();
    Templates(found)
}

/// An output folder's folders and files, as `support::site::tree` reads it.
type Output = BTreeMap<String, Option<Vec<u8>>>;

/// One sequence of edits on one generated site, watched.
struct Sequence<'a> {
    seed: u64,
    rng: Rng,
    templates: &'a Templates,
    site: Site,
    session: Session,
    drafts: bool,
    model: Model,
    /// What is on disk now, by path.
    on_disk: BTreeMap<String, String>,
    /// The paths the watcher has reported since the last rebuild.
    changed: Vec<PathBuf>,
    /// The last model that built, and the output it gave.
    last_good: Option<(Model, Output)>,
    /// Every step so far, for the failure message.
    log: Vec<String>,
}

impl<'a> Sequence<'a> {
    fn new(seed: u64, templates: &'a Templates) -> Sequence<'a> {
        let mut rng = Rng::new(seed);
        let model = generate::generate(&mut rng);
        let drafts = rng.chance(20);
        Sequence {
            seed,
            rng,
            templates,
            site: Site::empty(),
            session: Session::default(),
            drafts,
            model,
            on_disk: BTreeMap::new(),
            changed: Vec::new(),
            last_good: None,
            log: Vec::new(),
        }
    }

    fn run(mut self) {
        self.write_model(&[], &[]);
        self.log
            .push(format!("generated the site (drafts: {})", self.drafts));
        assert!(
            self.step(),
            "{}",
            self.context("the generated site does not build")
        );
        let steps = self.rng.range(3, 6);
        let mut broken = false;
        for _ in 0..steps {
            if broken && self.rng.chance(60) {
                self.undo();
            } else {
                let edits: Vec<Edit> = (0..self.rng.range(1, 3))
                    .map(|_| edits::random_edit(&mut self.rng, &mut self.model, self.templates))
                    .collect();
                let renames: Vec<(String, String)> =
                    edits.iter().flat_map(|e| e.renames.clone()).collect();
                let touched: Vec<String> = edits.iter().flat_map(|e| e.touched.clone()).collect();
                let said: Vec<String> = edits.into_iter().map(|e| e.description).collect();
                self.log.push(said.join("; "));
                self.write_model(&renames, &touched);
            }
            broken = !self.step();
        }
        if broken {
            self.undo();
            assert!(
                self.step(),
                "{}",
                self.context("undoing every mistake does not build")
            );
        }
        if std::env::var_os("EQUALITY_VERBOSE").is_some() {
            eprintln!("{}", self.context("passed"));
        }
    }

    /// Puts the last model that built back on disk.
    fn undo(&mut self) {
        let (good, _) = self.last_good.clone().expect("the first build succeeded");
        self.model = good;
        self.log
            .push("undid everything since the last good build".to_owned());
        self.write_model(&[], &[]);
    }

    fn root(&self) -> &Path {
        self.site.root()
    }

    /// Notes `relative` as the watcher reports it: absolute, symlinks resolved.
    fn report(&mut self, relative: &str) {
        let canonical = fs::canonicalize(self.root()).expect("the site root");
        self.changed.push(canonical.join(relative));
    }

    /// Makes the files on disk those of the model: renames first, then every
    /// file that differs is written (keeping its modification time), added
    /// or deleted, and reported; a bundle's folder left empty goes too.
    fn write_model(&mut self, renames: &[(String, String)], touched: &[String]) {
        let mut emptied = Vec::new();
        for (from, to) in renames {
            self.rename(from, to);
            emptied.push(from.clone());
        }
        let wanted = self.model.files();
        let gone: Vec<String> = self
            .on_disk
            .keys()
            .filter(|path| !wanted.contains_key(*path))
            .cloned()
            .collect();
        for path in gone {
            fs::remove_file(self.site.path(&path)).expect("a file to delete");
            self.on_disk.remove(&path);
            self.report(&path);
            emptied.push(path);
        }
        for path in emptied {
            self.remove_empty_bundle(&path);
        }
        for (path, text) in wanted {
            match self.on_disk.get(&path) {
                Some(old) if *old == text => {}
                Some(_) => {
                    self.overwrite(&path, &text);
                    self.report(&path);
                }
                None => {
                    self.create(&path, &text);
                    self.report(&path);
                }
            }
            self.on_disk.insert(path, text);
        }
        for path in touched {
            self.report(path);
        }
    }

    /// Moves a file, or a bundle's folder with every file in it, as
    /// `fs::rename` does: the watcher reports the old and the new name
    /// only, not the files inside a folder.
    fn rename(&mut self, from: &str, to: &str) {
        let inside = format!("{from}/");
        let moved: Vec<String> = self
            .on_disk
            .keys()
            .filter(|path| *path == from || path.starts_with(&inside))
            .cloned()
            .collect();
        if moved.is_empty() {
            // Made in the same step as it moves: not on disk yet.
            return;
        }
        let target = self.site.path(to);
        let folder = target.parent().expect("a folder");
        if !folder.exists() {
            fs::create_dir_all(folder).expect("the folder");
            let folder = Path::new(to).parent().expect("a folder");
            self.report(&folder.to_string_lossy());
        }
        fs::rename(self.site.path(from), target).expect("a rename");
        for path in moved {
            let text = self.on_disk.remove(&path).expect("listed");
            self.on_disk
                .insert(format!("{to}{}", &path[from.len()..]), text);
        }
        self.report(from);
        self.report(to);
    }

    /// Removes the bundle folder (`content/<type>/<id>/`) that held `path`
    /// when nothing is left in it, as a writer deletes the folder.
    fn remove_empty_bundle(&mut self, path: &str) {
        let parts: Vec<&str> = path.split('/').collect();
        if parts.len() < 4 || parts[0] != "content" {
            return;
        }
        let bundle = parts[..3].join("/");
        let folder = self.site.path(&bundle);
        let empty = fs::read_dir(&folder).is_ok_and(|mut entries| entries.next().is_none());
        if empty {
            fs::remove_dir(&folder).expect("an empty folder");
            self.report(&bundle);
        }
    }

    /// Replaces a file's text and keeps its modification time.
    fn overwrite(&self, path: &str, text: &str) {
        let file = self.site.path(path);
        let modified = fs::metadata(&file)
            .and_then(|m| m.modified())
            .expect("a time");
        fs::write(&file, text).expect("a write");
        let handle = fs::File::options()
            .write(true)
            .open(&file)
            .expect("the file");
        handle.set_modified(modified).expect("the old time");
    }

    /// Creates a file and, reporting each, the folders it needs.
    fn create(&mut self, path: &str, text: &str) {
        let mut missing = Vec::new();
        let mut folder = Path::new(path).parent();
        while let Some(dir) = folder.filter(|dir| !dir.as_os_str().is_empty()) {
            if !self.site.path(&dir.to_string_lossy()).exists() {
                missing.push(dir.to_string_lossy().into_owned());
            }
            folder = dir.parent();
        }
        let file = self.site.path(path);
        fs::create_dir_all(file.parent().expect("a folder")).expect("the folders");
        fs::write(&file, text).expect("a new file");
        for dir in missing.iter().rev() {
            self.report(dir);
        }
    }

    fn options(&self, out: PathBuf) -> BuildOptions {
        BuildOptions {
            root: self.root().to_path_buf(),
            out,
            base_url: None,
            drafts: self.drafts,
            force: false,
        }
    }

    /// What the watch loop does on a change, then a fresh build to compare
    /// with. True when the site built.
    fn step(&mut self) -> bool {
        let changed = std::mem::take(&mut self.changed);
        let root = self.root().to_path_buf();
        self.session.forget(&root, &changed);
        let public = self.site.path("public");
        let watched = self.session.rebuild(&self.options(public.clone()));
        let fresh = self.site.outside().join("fresh");
        if fresh.exists() {
            fs::remove_dir_all(&fresh).expect("the last fresh build");
        }
        let built = build(&self.options(fresh.clone()));
        let after = self.context("");
        match (watched, built) {
            (Ok(_), Ok(_)) => {
                assert_same_tree(&public, &fresh, &after);
                self.note("built");
                self.last_good = Some((self.model.clone(), tree(&public)));
                true
            }
            (Err(Failure::Content(watched)), Err(Failure::Content(built))) => {
                let watched: Vec<String> = watched.iter().map(ToString::to_string).collect();
                let built: Vec<String> = built.iter().map(ToString::to_string).collect();
                assert_eq!(watched, built, "the same diagnostics {after}");
                // (Without a good build yet, `run` reports the failure.)
                if let Some((_, output)) = &self.last_good {
                    assert!(
                        *output == tree(&public),
                        "a failed rebuild changed the output {after}"
                    );
                }
                self.note(&format!("failed: {}", watched.join(" | ")));
                false
            }
            (watched, built) => panic!(
                "the watched rebuild gave {:?}, a fresh build {:?} {after}",
                watched.map(|_| "success"),
                built.map(|_| "success")
            ),
        }
    }

    /// Adds the outcome to the last step of the log.
    fn note(&mut self, outcome: &str) {
        if let Some(last) = self.log.last_mut() {
            *last += &format!(" → {outcome}");
        }
    }

    /// Where the sequence is, and how to run it again.
    fn context(&self, what: &str) -> String {
        let steps: Vec<String> = self
            .log
            .iter()
            .enumerate()
            .map(|(i, step)| format!("  {i}. {step}"))
            .collect();
        format!(
            "{what}\nin sequence {seed:#x} (run it alone with EQUALITY_SEED={seed:#x}), after:\n{}",
            steps.join("\n"),
            seed = self.seed
        )
    }
}
