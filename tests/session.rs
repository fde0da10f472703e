//! `Session::rebuild`, the pipeline `watch` runs on every change, skips the
//! pages, components and bodies whose inputs did not change. These tests edit
//! a site in every way an edit can reach other pages and check, after each
//! edit, that the output is byte for byte a fresh `build` of the same files.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use casebook::{build, BuildOptions, Session};

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let relative = e.path().strip_prefix(dir).unwrap().to_path_buf();
            (relative, fs::read(e.path()).unwrap())
        })
        .collect()
}

struct Fixture {
    _dir: tempfile::TempDir,
    root: PathBuf,
    session: Session,
}

impl Fixture {
    fn new() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        copy_dir(Path::new("tests/watch_site"), &root);
        let mut fixture = Fixture {
            _dir: dir,
            root,
            session: Session::default(),
        };
        fixture.rebuild_matches_fresh_build("the first build");
        fixture
    }

    fn options(&self, out: &str) -> BuildOptions {
        BuildOptions {
            root: self.root.clone(),
            out: self.root.join(out),
            base_url: None,
            drafts: false,
            force: false,
        }
    }

    fn edit(&mut self, file: &str, change: impl FnOnce(String) -> String) -> &mut Fixture {
        let path = self.root.join(file);
        let text = fs::read_to_string(&path).unwrap_or_default();
        let changed = change(text);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, changed).unwrap();
        self
    }

    fn rebuild_matches_fresh_build(&mut self, after: &str) {
        let watched = self.options("public");
        self.session
            .rebuild(&watched)
            .unwrap_or_else(|e| panic!("rebuild after {after}: {e:?}"));
        let fresh = self.options("fresh");
        build(&fresh).unwrap_or_else(|e| panic!("build after {after}: {e:?}"));
        let (watched, fresh) = (files(&watched.out), files(&fresh.out));
        assert_eq!(
            watched.keys().collect::<Vec<_>>(),
            fresh.keys().collect::<Vec<_>>(),
            "the same files after {after}"
        );
        for (path, bytes) in &fresh {
            assert!(
                watched[path] == *bytes,
                "{} differs from a fresh build after {after}",
                path.display()
            );
        }
    }
}

#[test]
fn a_party_title_reaches_every_page_that_shows_it() {
    let mut site = Fixture::new();
    site.edit("content/parties/cloudco.md", |t| {
        t.replace("Cloudco, Inc.", "Cloudco Hosting Holdings, Inc.")
    });
    site.rebuild_matches_fresh_build("renaming a party");
}

#[test]
fn an_event_moved_in_time_updates_neighbours_and_timelines() {
    let mut site = Fixture::new();
    let original = fs::read_to_string(site.root.join("content/events/ruling.md")).unwrap();
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
fn new_and_deleted_files_and_broken_then_fixed_references() {
    let mut site = Fixture::new();
    site.edit("content/events/appeal.md", |_| {
        "---\ntitle: Appeal noticed\ndate: 2031-02-03\nparties: [acme]\n---\nSee [[cloudco]].\n"
            .to_owned()
    });
    site.rebuild_matches_fresh_build("adding an event");
    site.edit("content/events/appeal.md", |t| {
        t.replace("[[cloudco]]", "[[cloudko]]")
    });
    let watched = site.options("public");
    assert!(
        site.session.rebuild(&watched).is_err(),
        "a broken reference fails"
    );
    site.edit("content/events/appeal.md", |t| {
        t.replace("[[cloudko]]", "[[acme]]")
    });
    site.rebuild_matches_fresh_build("fixing the reference");
    fs::remove_file(site.root.join("content/events/appeal.md")).unwrap();
    site.rebuild_matches_fresh_build("deleting the event");
}

#[test]
fn settings_and_templates_reach_every_page() {
    let mut site = Fixture::new();
    site.edit("casebook.yaml", |t| {
        t.replacen("title:", "title: Renamed –", 1)
    });
    site.rebuild_matches_fresh_build("renaming the site");
    site.edit("templates/404.html", |_| {
        "{% extends \"base.html\" %}{% block content %}<h1>Lost</h1>{% endblock content %}"
            .to_owned()
    });
    site.rebuild_matches_fresh_build("overriding a template");
    site.edit("content/pages/about.md", |_| {
        "---\ntitle: About\nweight: 1\n---\nAbout [[acme]].\n".to_owned()
    });
    site.rebuild_matches_fresh_build("adding a page to the navigation");
}

#[test]
fn an_unchanged_rebuild_writes_nothing() {
    let mut site = Fixture::new();
    let summary = site.session.rebuild(&site.options("public")).unwrap();
    assert_eq!(summary.written, 0);
}
