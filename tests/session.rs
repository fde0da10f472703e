//! `Session`, the pipeline `watch` runs on every change, skips the files,
//! pages, components and bodies whose inputs did not change. These tests edit
//! a site in every way an edit can reach other pages and, after each edit,
//! make exactly the calls the watch loop makes (`src/watch/mod.rs`): first
//! `Session::forget` with the paths the watcher reports, then
//! `Session::rebuild`. The output must then be byte for byte a fresh `build`
//! of the same files into another folder.
//!
//! No test depends on file times: every edit keeps the file's modification
//! time, as an edit within one tick of the file system's clock does, so
//! only `forget` can tell the session that the file changed.

mod support;

use std::fs;
use std::path::{Path, PathBuf};

use casebook::{build, BuildOptions, Failure, Session, Summary};

use support::site::{assert_same_tree, Site};

/// A site, the session a `watch` on it would keep, and the changes the
/// watcher has seen since the last rebuild.
struct Watched {
    site: Site,
    /// The site root as the session is given it (`--root`).
    root: PathBuf,
    session: Session,
    /// The site root as the watcher reports paths under it: absolute, with
    /// symlinks resolved.
    reported_root: PathBuf,
    changed: Vec<PathBuf>,
}

impl Watched {
    /// `tests/watch_site/` after its first rebuild.
    fn new() -> Watched {
        let site = Site::watch_site();
        let root = site.root().to_path_buf();
        Watched::at(site, root)
    }

    /// The same, with the root given through a symbolic link to it.
    fn through_a_symlink() -> Watched {
        let site = Site::watch_site();
        let link = site.outside().join("link");
        std::os::unix::fs::symlink(site.root(), &link).unwrap();
        Watched::at(site, link)
    }

    fn at(site: Site, root: PathBuf) -> Watched {
        let reported_root = fs::canonicalize(&root).unwrap();
        let mut watched = Watched {
            site,
            root,
            session: Session::default(),
            reported_root,
            changed: Vec::new(),
        };
        watched.rebuild_matches_fresh_build("the first build");
        watched
    }

    fn options(&self, out: PathBuf) -> BuildOptions {
        BuildOptions {
            root: self.root.clone(),
            out,
            base_url: None,
            drafts: false,
            force: false,
        }
    }

    /// Notes `file` (relative to the root) as the watcher would report it.
    fn report(&mut self, file: &str) {
        self.changed.push(self.reported_root.join(file));
    }

    /// Replaces the text of `file`, keeping its modification time.
    fn edit(&mut self, file: &str, change: impl FnOnce(String) -> String) {
        let path = self.site.path(file);
        let before = fs::read_to_string(&path).unwrap();
        let modified = fs::metadata(&path).unwrap().modified().unwrap();
        fs::write(&path, change(before)).unwrap();
        let handle = fs::File::options().write(true).open(&path).unwrap();
        handle.set_modified(modified).unwrap();
        self.report(file);
    }

    /// Creates `file`, and any folder it needs, with `text`.
    fn add(&mut self, file: &str, text: &str) {
        let path = self.site.path(file);
        let mut folder = Path::new(file).parent();
        while let Some(dir) = folder.filter(|dir| !dir.as_os_str().is_empty()) {
            if !self.site.path(&dir.to_string_lossy()).exists() {
                self.report(&dir.to_string_lossy());
            }
            folder = dir.parent();
        }
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, text).unwrap();
        self.report(file);
    }

    fn delete(&mut self, file: &str) {
        fs::remove_file(self.site.path(file)).unwrap();
        self.report(file);
    }

    /// A rename, which the watcher reports under both names.
    fn rename(&mut self, from: &str, to: &str) {
        fs::rename(self.site.path(from), self.site.path(to)).unwrap();
        self.report(from);
        self.report(to);
    }

    /// What the watch loop does on a change: forget what changed, rebuild.
    fn rebuild(&mut self) -> Result<Summary, Failure> {
        let changed = std::mem::take(&mut self.changed);
        self.session.forget(&self.root, &changed);
        self.session
            .rebuild(&self.options(self.root.join("public")))
    }

    fn rebuild_matches_fresh_build(&mut self, after: &str) -> Summary {
        let summary = self
            .rebuild()
            .unwrap_or_else(|e| panic!("rebuild after {after}: {e:?}"));
        let fresh = self.site.outside().join("fresh");
        build(&self.options(fresh.clone()))
            .unwrap_or_else(|e| panic!("build after {after}: {e:?}"));
        assert_same_tree(&self.site.path("public"), &fresh, after);
        summary
    }
}

/// An event's text, as `new event` would write it and a writer fill in.
fn event(title: &str, date: &str, body: &str) -> String {
    format!("---\ntitle: {title}\ndate: {date}\nparties: [acme]\n---\n{body}\n")
}

#[test]
fn a_same_size_edit_is_rebuilt() {
    let mut site = Watched::new();
    // The same number of bytes, and the same modification time: only the
    // watcher's report tells the session that the file changed.
    site.edit("content/events/ruling.md", |t| {
        t.replace("Motion denied", "Motion DENIED")
    });
    site.rebuild_matches_fresh_build("a same-size edit");
}

#[test]
fn a_party_title_reaches_every_page_that_shows_it() {
    let mut site = Watched::new();
    site.edit("content/parties/cloudco.md", |t| {
        t.replace("Cloudco, Inc.", "Cloudco Hosting Holdings, Inc.")
    });
    site.rebuild_matches_fresh_build("renaming a party");
}

#[test]
fn an_event_moved_in_time_updates_neighbours_and_timelines() {
    let mut site = Watched::new();
    let original = site.site.read("content/events/ruling.md");
    let date_line = original
        .lines()
        .find(|line| line.starts_with("date:"))
        .unwrap()
        .to_owned();
    site.edit("content/events/ruling.md", |t| {
        t.replace(&date_line, "date: 2015-06")
    });
    site.rebuild_matches_fresh_build("moving an event to the front");
    site.edit("content/events/ruling.md", |_| original.clone());
    site.rebuild_matches_fresh_build("moving it back");
}

#[test]
fn an_added_file_becomes_a_page() {
    let mut site = Watched::new();
    site.add(
        "content/events/appeal.md",
        &event("Appeal noticed", "2031-02-03", "See [[cloudco]]."),
    );
    site.rebuild_matches_fresh_build("adding an event");
    assert!(site.site.path("public/events/appeal/index.html").is_file());
}

#[test]
fn a_deleted_file_takes_its_page_and_its_timeline_entries_along() {
    let mut site = Watched::new();
    site.delete("content/events/hearing.md");
    site.rebuild_matches_fresh_build("deleting an event");
    assert!(!site.site.path("public/events/hearing").exists());
    for page in ["timeline/index.html", "parties/acme/index.html"] {
        let html = site.site.read(&format!("public/{page}"));
        assert!(!html.contains("Hearing on the motion"), "{page}");
    }
}

#[test]
fn a_renamed_file_moves_its_page() {
    let mut site = Watched::new();
    site.rename("content/events/ruling.md", "content/events/order-denied.md");
    site.rebuild_matches_fresh_build("renaming an event");
    assert!(site
        .site
        .path("public/events/order-denied/index.html")
        .is_file());
    assert!(!site.site.path("public/events/ruling").exists());
}

#[test]
fn a_broken_reference_fails_and_its_fix_is_rebuilt() {
    let mut site = Watched::new();
    site.add(
        "content/events/appeal.md",
        &event("Appeal noticed", "2031-02-03", "See [[cloudco]]."),
    );
    site.rebuild_matches_fresh_build("adding an event");
    site.edit("content/events/appeal.md", |t| {
        t.replace("[[cloudco]]", "[[cloudko]]")
    });
    let Err(Failure::Content(diagnostics)) = site.rebuild() else {
        panic!("a broken reference fails");
    };
    let messages: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
    assert_eq!(
        messages,
        ["content/events/appeal.md:6:5: unknown id \"cloudko\" (did you mean \"cloudco\"?)"]
    );
    site.edit("content/events/appeal.md", |t| {
        t.replace("[[cloudko]]", "[[acme]]")
    });
    site.rebuild_matches_fresh_build("fixing the reference");
    site.delete("content/events/appeal.md");
    site.rebuild_matches_fresh_build("deleting the event");
}

#[test]
fn a_changed_template_reaches_every_page_that_uses_it() {
    let mut site = Watched::new();
    site.add(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block content %}<h1>Lost</h1>{% endblock content %}",
    );
    site.rebuild_matches_fresh_build("overriding a template");
    site.edit("templates/404.html", |t| t.replace("Lost", "Gone"));
    site.rebuild_matches_fresh_build("a same-size edit of the template");
    assert!(site.site.read("public/404.html").contains("<h1>Gone</h1>"));
}

#[test]
fn a_changed_casebook_yaml_reaches_every_page() {
    let mut site = Watched::new();
    site.edit("casebook.yaml", |t| {
        t.replacen("title:", "title: Renamed –", 1)
    });
    site.rebuild_matches_fresh_build("renaming the site");
    site.add(
        "content/pages/about.md",
        "---\ntitle: About\nweight: 1\n---\nAbout [[acme]].\n",
    );
    site.rebuild_matches_fresh_build("adding a page to the navigation");
}

#[test]
fn a_save_without_a_change_writes_nothing() {
    let mut site = Watched::new();
    site.edit("content/events/hearing.md", |t| t);
    let summary = site.rebuild_matches_fresh_build("saving a file unchanged");
    assert_eq!(summary.written, 0);
}

/// The watcher reports paths with symlinks resolved: under a root given
/// through a symlink, `forget` must still find them, or an edit that keeps
/// size and time is missed.
#[test]
fn a_root_given_through_a_symlink_still_forgets_what_changed() {
    let mut site = Watched::through_a_symlink();
    site.edit("content/events/ruling.md", |t| {
        t.replace("Motion denied", "Motion DENIED")
    });
    site.rebuild_matches_fresh_build("a same-size edit under a symlinked root");
}

/// `tests/sites/translations/` (German, with an English edition) after its
/// first rebuild.
fn watched_translations() -> Watched {
    let site = Site::fixture("translations");
    let root = site.root().to_path_buf();
    Watched::at(site, root)
}

#[test]
fn editing_adding_and_removing_a_translation_rebuilds_exactly() {
    let mut site = watched_translations();
    site.edit("content/parties/alpha.en.md", |t| {
        t.replace("Alpha Ltd", "Alpha Limited")
    });
    site.rebuild_matches_fresh_build("retitling a translation");
    let html = site.site.read("public/en/events/klage/index.html");
    assert!(html.contains("Alpha Limited"));
    site.add(
        "content/events/urteil.en.md",
        "---\ntitle: The court rules\nsummary: The motion is denied.\n---\nSee [[glossar#preliminary-injunction]].\n",
    );
    let summary = site.rebuild_matches_fresh_build("adding a translation");
    assert_eq!(summary.untranslated[0].untranslated, 2);
    site.delete("content/claims/vertrag.en.md");
    let summary = site.rebuild_matches_fresh_build("removing a translation");
    assert_eq!(summary.untranslated[0].untranslated, 3);
    let html = site.site.read("public/en/timeline/index.html");
    assert!(html.contains("lang=\"de\">Vertragsbruch</a>"), "{html}");
    site.edit("content/events/klage.md", |t| {
        t.replace("2021-01-11", "2021-01-10")
    });
    site.rebuild_matches_fresh_build("moving an event its translation follows");
    let html = site.site.read("public/en/events/klage/index.html");
    assert!(html.contains("January 10, 2021"));
    site.edit("casebook.yaml", |t| {
        t.replace("title: Test case", "title: A test case")
    });
    site.rebuild_matches_fresh_build("retitling the English edition");
}
