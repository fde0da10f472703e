//! Decides *when* `casebook watch` rebuilds; the pipeline decides *what*.
//!
//! A rebuild is `build` run again, so all this module owns is the question "did
//! anything the site is made of change?". [`is_relevant`] answers it for one path,
//! purely, so that it can be tested against every editor's temporary-file habits
//! without touching a disk. [`SiteWatcher`] feeds it notify's debounced events and
//! hands each burst's relevant paths to the caller.
//!
//! The output directory is never relevant: the rebuild writes there, and a watcher
//! that reacts to its own writes rebuilds forever. notify is used here and nowhere
//! else, so a change of file-watching crate is a change to this file.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify::event::{EventKind, ModifyKind};
use notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{
    new_debouncer, DebounceEventResult, DebouncedEvent, Debouncer, RecommendedCache,
};

use crate::site::{CONFIG_FILE, SOURCE_DIRS};

/// How long a path must stay quiet before its events are handed on. notify's
/// debouncer times each path on its own, so this folds the several events of one
/// save (temp file, write, rename, chmod: within a millisecond of each other
/// on a local disk) into one burst; it cannot fold a
/// `git checkout` that takes seconds, but [`SiteWatcher::next_change`] merges
/// the bursts that queue up while a rebuild runs. Every millisecond here is a
/// millisecond of each edit's latency.
const DEBOUNCE: Duration = Duration::from_millis(10);

/// How often the debouncer looks for quiet paths: an event waits between
/// `DEBOUNCE` and `DEBOUNCE + TICK`. notify's default is a quarter of `DEBOUNCE`.
const TICK: Duration = Duration::from_millis(3);

type Watcher = Debouncer<RecommendedWatcher, RecommendedCache>;

/// Whether a change at `path` can change the site.
///
/// True for `casebook.yaml` itself and for anything under `content/`, `themes/`,
/// `templates/` or `static/` (folders included: a new folder may hold new pages);
/// false for anything under `out_dir`, wherever it is, for hidden files and folders,
/// and for editors' temporary, swap and backup files.
///
/// Pure: it never looks at the disk, because the paths it is asked about may be
/// gone (a deleted file, the old name of a rename), and those are relevant too.
/// All three paths must be in the same form (all absolute, or all relative to the
/// same folder); [`SiteWatcher`] makes them so.
pub(crate) fn is_relevant(path: &Path, root: &Path, out_dir: &Path) -> bool {
    if path.starts_with(out_dir) {
        return false;
    }
    let Ok(relative) = path.strip_prefix(root) else {
        return false;
    };
    let mut names = relative.iter();
    let Some(first) = names.next() else {
        return false;
    };
    if first == CONFIG_FILE && names.next().is_none() {
        return true;
    }
    SOURCE_DIRS.iter().any(|dir| first == *dir)
        && !relative
            .iter()
            .any(|name| is_ignored_name(&name.to_string_lossy()))
}

/// Hidden names and the temporary files editors and tools leave beside the files
/// they save. A name is checked wherever it stands in the path, so that a file
/// inside a temporary folder is ignored too.
fn is_ignored_name(name: &str) -> bool {
    // Hidden: also covers vim's `.x.swp`/`.x.swo`, emacs' `.#x`, macOS' `.DS_Store`
    // and `._x`, gedit's `.goutputstream-XXXX` and VS Code's `.x.tmp`.
    name.starts_with('.')
        // vim's backups (`x~`) and the probe file it writes to test a folder.
        || name.ends_with('~')
        || name == "4913"
        // emacs' auto-save files.
        || (name.len() > 1 && name.starts_with('#') && name.ends_with('#'))
        // JetBrains IDEs' "safe write".
        || name.ends_with("___jb_tmp___")
        || name.ends_with("___jb_old___")
        || has_temp_extension(name)
}

/// Extensions of swap, temporary and backup files; compared without case because
/// some tools write `X.TMP`.
fn has_temp_extension(name: &str) -> bool {
    const EXTENSIONS: [&str; 6] = [".swp", ".swo", ".swx", ".tmp", ".crswap", ".bak"];
    let name = name.to_ascii_lowercase();
    EXTENSIONS.iter().any(|extension| name.ends_with(extension))
}

/// A running watch on a site's sources. Start it *before* the first build, so
/// that an edit made while that build runs is seen and rebuilt.
///
/// Why not one recursive watch on the root: the output directory usually lives
/// there, and the build replaces it wholesale on every rebuild, so a recursive
/// watch would register (and, with inotify, spend a kernel watch on) every folder
/// of every fresh output, and also wander into `.git` or `node_modules`. Instead
/// the root is watched alone, which sees `casebook.yaml` and source folders that
/// appear, vanish or are renamed, and each source folder is watched recursively,
/// again whenever it appears anew.
pub(crate) struct SiteWatcher {
    watcher: Watcher,
    bursts: mpsc::Receiver<DebounceEventResult>,
    root: PathBuf,
    out_dir: PathBuf,
}

impl SiteWatcher {
    /// Registers the watches; events start queueing at once.
    pub(crate) fn start(root: &Path, out_dir: &Path) -> Result<SiteWatcher, notify::Error> {
        // Events carry paths in the form the folders were watched in; resolving both
        // once lets `is_relevant` compare them lexically.
        let root = resolved(root);
        let out_dir = resolved(out_dir);
        let (sender, bursts) = mpsc::channel();
        let mut watcher = new_debouncer(DEBOUNCE, Some(TICK), sender)?;
        watcher.watch(&root, RecursiveMode::NonRecursive)?;
        for dir in SOURCE_DIRS {
            watch_source_dir(&mut watcher, &root.join(dir))?;
        }
        Ok(SiteWatcher {
            watcher,
            bursts,
            root,
            out_dir,
        })
    }

    /// Blocks until something relevant changed and returns the relevant paths
    /// (sorted, without duplicates); `None` once the watcher has stopped.
    /// Bursts with no relevant path are skipped. Errors from the watcher are
    /// printed and survived.
    ///
    /// Every burst already waiting is taken too: while a slow rebuild ran, the
    /// debouncer may have queued several, and one rebuild covers them all.
    pub(crate) fn next_change(&mut self) -> Option<Vec<PathBuf>> {
        loop {
            let (events, errors) = next_batch(&self.bursts)?;
            for error in errors {
                eprintln!("warning: while watching for changes: {error}");
            }
            // Before the rebuild, so that nothing written into a folder that just
            // appeared can fall between the rebuild's read and the new watch.
            rewatch_source_dirs(&mut self.watcher, &self.root, &events);
            let changed = relevant_paths(&events, &self.root, &self.out_dir);
            if !changed.is_empty() {
                return Some(changed);
            }
        }
    }
}

/// Waits for one burst, then takes every burst already queued behind it.
/// `None` once the sender is gone and nothing is left.
fn next_batch<E>(
    bursts: &mpsc::Receiver<Result<Vec<DebouncedEvent>, Vec<E>>>,
) -> Option<(Vec<DebouncedEvent>, Vec<E>)> {
    let first = bursts.recv().ok()?;
    let (mut events, mut errors) = (Vec::new(), Vec::new());
    for burst in std::iter::once(first).chain(bursts.try_iter()) {
        match burst {
            Ok(more) => events.extend(more),
            Err(more) => errors.extend(more),
        }
    }
    Some((events, errors))
}

/// Absolute, with symlinks resolved where the path exists (macOS reports events
/// under `/private/var` for a root given as `/var/...`).
fn resolved(path: &Path) -> PathBuf {
    fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
}

/// A source folder that does not exist yet is not an error: the root watch sees
/// it appear.
fn watch_source_dir(watcher: &mut Watcher, dir: &Path) -> Result<(), notify::Error> {
    if dir.is_dir() {
        watcher.watch(dir, RecursiveMode::Recursive)?;
    }
    Ok(())
}

/// Watches again every source folder that this burst created or renamed into
/// place: a watch follows the folder it was set on, not its name.
fn rewatch_source_dirs(watcher: &mut Watcher, root: &Path, events: &[DebouncedEvent]) {
    for path in source_dirs_placed(events, root) {
        if let Err(error) = watch_source_dir(watcher, path) {
            eprintln!("warning: cannot watch {}: {error}", path.display());
        }
    }
}

/// The source folders a burst created or renamed into place. Not those only
/// opened or read: every rebuild reads `content/`, and the root's watch sees
/// that; watching a folder again walks and stats every file under it (10 000
/// of them in a large case), on notify's thread, between an edit and its event.
fn source_dirs_placed<'e>(
    events: &'e [DebouncedEvent],
    root: &'e Path,
) -> impl Iterator<Item = &'e PathBuf> {
    events
        .iter()
        .filter(|event| {
            matches!(
                event.kind,
                EventKind::Create(_) | EventKind::Modify(ModifyKind::Name(_)) | EventKind::Any
            )
        })
        .flat_map(|event| &event.paths)
        .filter(move |path| is_source_dir(path, root))
}

fn is_source_dir(path: &Path, root: &Path) -> bool {
    path.parent() == Some(root)
        && path
            .file_name()
            .is_some_and(|name| SOURCE_DIRS.iter().any(|dir| name == *dir))
}

/// The relevant paths of one burst, sorted and without duplicates.
fn relevant_paths(events: &[DebouncedEvent], root: &Path, out_dir: &Path) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = if events.iter().any(|event| event.need_rescan()) {
        // The watcher lost events (its queue overflowed): anything may have changed.
        everything(root)
    } else {
        events
            .iter()
            // notify also reports files being opened and read, which the rebuild
            // itself does; reacting to those would rebuild forever.
            .filter(|event| !matches!(event.kind, EventKind::Access(_)))
            .flat_map(|event| event.paths.iter())
            .filter(|path| is_relevant(path, root, out_dir))
            .cloned()
            .collect()
    };
    paths.sort();
    paths.dedup();
    paths
}

fn everything(root: &Path) -> Vec<PathBuf> {
    let dirs = SOURCE_DIRS.iter().map(|dir| root.join(dir));
    dirs.chain([root.join(CONFIG_FILE)]).collect()
}

#[cfg(test)]
mod tests {
    use std::fs;
    use std::path::{Path, PathBuf};
    use std::sync::mpsc;
    use std::thread;
    use std::time::{Duration, Instant};

    use notify::event::{CreateKind, Event, EventKind, ModifyKind};
    use notify_debouncer_full::DebouncedEvent;

    use super::{is_relevant, next_batch, source_dirs_placed, SiteWatcher};

    const ROOT: &str = "/site";
    const OUT: &str = "/site/public";

    fn relevant(path: &str) -> bool {
        is_relevant(Path::new(path), Path::new(ROOT), Path::new(OUT))
    }

    #[test]
    fn content_edits_are_relevant() {
        assert!(relevant("/site/content/events/hearing.md"));
        assert!(relevant("/site/content/events/hearing.en.md"));
        assert!(relevant("/site/themes/default/templates/page.html"));
        assert!(relevant("/site/templates/event.html"));
        assert!(relevant("/site/static/img/court.png"));
    }

    #[test]
    fn config_file_is_relevant_but_not_its_namesakes() {
        assert!(relevant("/site/casebook.yaml"));
        assert!(!relevant("/site/casebook.yaml.swp"));
        assert!(!relevant("/site/other/casebook.yaml"));
        assert!(!relevant("/site/casebook.yaml/x"));
    }

    #[test]
    fn new_folders_and_vanished_files_are_relevant() {
        // Neither path exists anywhere: the filter must not look at the disk.
        assert!(relevant("/site/content/parties"));
        assert!(relevant("/site/content"));
        assert!(relevant("/site/content/events/renamed-away.md"));
    }

    #[test]
    fn paths_outside_the_source_folders_are_not_relevant() {
        assert!(!relevant("/site/README.md"));
        assert!(!relevant("/site/.git/index"));
        assert!(!relevant("/elsewhere/content/x.md"));
        assert!(!relevant("/site"));
    }

    #[test]
    fn output_is_never_relevant() {
        assert!(!relevant("/site/public/index.html"));
        assert!(!relevant("/site/public"));
    }

    #[test]
    fn custom_output_inside_a_source_folder_is_not_relevant() {
        let (root, out) = (Path::new(ROOT), Path::new("/site/content/_site"));
        assert!(!is_relevant(
            Path::new("/site/content/_site/a.html"),
            root,
            out
        ));
        assert!(is_relevant(Path::new("/site/content/a.md"), root, out));
        let custom = Path::new("/site/static/build");
        assert!(!is_relevant(
            Path::new("/site/static/build/x.css"),
            root,
            custom
        ));
    }

    #[test]
    fn hidden_files_and_folders_are_not_relevant() {
        assert!(!relevant("/site/content/.hidden.md"));
        assert!(!relevant("/site/content/.drafts/claim.md"));
        assert!(!relevant("/site/static/.cache/x.png"));
    }

    #[test]
    fn vim_temp_files_are_ignored() {
        for name in [
            ".claim.md.swp",
            ".claim.md.swo",
            "claim.md~",
            "4913",
            "claim.md.swp",
        ] {
            assert!(!relevant(&format!("/site/content/{name}")), "{name}");
        }
    }

    #[test]
    fn emacs_temp_files_are_ignored() {
        for name in ["#claim.md#", ".#claim.md"] {
            assert!(!relevant(&format!("/site/content/{name}")), "{name}");
        }
    }

    #[test]
    fn jetbrains_temp_files_are_ignored() {
        for name in ["claim.md___jb_tmp___", "claim.md___jb_old___"] {
            assert!(!relevant(&format!("/site/content/{name}")), "{name}");
        }
    }

    #[test]
    fn vscode_and_generic_temp_files_are_ignored() {
        for name in [
            "claim.md.tmp",
            ".claim.md.tmp",
            "claim.md.crswap",
            "X.TMP",
            "claim.md.bak",
        ] {
            assert!(!relevant(&format!("/site/content/{name}")), "{name}");
        }
    }

    #[test]
    fn macos_and_gnome_files_are_ignored() {
        for name in [".DS_Store", "._claim.md", ".goutputstream-4ZQ1X2"] {
            assert!(!relevant(&format!("/site/content/{name}")), "{name}");
        }
    }

    #[test]
    fn atomic_save_target_is_relevant_though_its_temp_file_is_not() {
        assert!(!relevant("/site/content/claim.md___jb_tmp___"));
        assert!(relevant("/site/content/claim.md"));
    }

    /// Watches `root` from a thread that outlives the test (it blocks forever);
    /// the changes arrive on the returned channel.
    fn start_watching(root: &Path) -> mpsc::Receiver<Vec<PathBuf>> {
        let (sender, bursts) = mpsc::channel();
        let mut watcher = SiteWatcher::start(root, &root.join("public")).unwrap();
        thread::spawn(move || {
            while let Some(changed) = watcher.next_change() {
                let _ = sender.send(changed);
            }
        });
        bursts
    }

    /// Repeats `change` until a burst names a path ending in `expected`, for at
    /// most ten seconds: a change may need doing again, such as a folder created
    /// before the watch on its parent noticed it.
    fn wait_for(
        bursts: &mpsc::Receiver<Vec<PathBuf>>,
        expected: &str,
        change: impl Fn(),
    ) -> Vec<PathBuf> {
        let deadline = Instant::now() + Duration::from_secs(10);
        let mut seen = Vec::new();
        while Instant::now() < deadline {
            change();
            if let Ok(paths) = bursts.recv_timeout(Duration::from_millis(500)) {
                let found = paths.iter().any(|path| path.ends_with(expected));
                seen.extend(paths);
                if found {
                    return seen;
                }
            }
        }
        panic!("no change to {expected} reported within 10 s; saw {seen:?}");
    }

    #[test]
    fn watch_reports_a_content_edit_and_ignores_the_output() {
        let site = tempfile::tempdir().unwrap();
        fs::create_dir_all(site.path().join("content")).unwrap();
        fs::create_dir_all(site.path().join("public")).unwrap();
        let bursts = start_watching(site.path());
        let seen = wait_for(&bursts, "content/claim.md", || {
            fs::write(site.path().join("public/index.html"), "out").unwrap();
            fs::write(site.path().join("content/.claim.md.swp"), "swap").unwrap();
            fs::write(site.path().join("content/claim.md"), "# Claim").unwrap();
        });
        assert!(
            seen.iter().all(|path| path.ends_with("content/claim.md")),
            "{seen:?}"
        );
    }

    #[test]
    fn watch_reports_atomic_saves_and_deletions() {
        let site = tempfile::tempdir().unwrap();
        let content = site.path().join("content");
        fs::create_dir_all(&content).unwrap();
        fs::write(content.join("gone.md"), "old").unwrap();
        let bursts = start_watching(site.path());
        // As JetBrains IDEs save: write beside, then rename over the real name.
        let seen = wait_for(&bursts, "content/claim.md", || {
            fs::write(content.join("claim.md___jb_tmp___"), "# Claim").unwrap();
            fs::rename(
                content.join("claim.md___jb_tmp___"),
                content.join("claim.md"),
            )
            .unwrap();
        });
        assert!(!seen
            .iter()
            .any(|path| path.ends_with("claim.md___jb_tmp___")));
        wait_for(&bursts, "content/gone.md", || {
            let _ = fs::write(content.join("gone.md"), "again");
            fs::remove_file(content.join("gone.md")).unwrap();
        });
    }

    #[test]
    fn watch_picks_up_a_source_folder_created_later() {
        let site = tempfile::tempdir().unwrap();
        let bursts = start_watching(site.path());
        let static_dir = site.path().join("static");
        // A fresh folder each time: the root may not be watched yet on the first try.
        wait_for(&bursts, "static", || {
            let _ = fs::remove_dir(&static_dir);
            fs::create_dir(&static_dir).unwrap();
        });
        wait_for(&bursts, "static/style.css", || {
            fs::write(static_dir.join("style.css"), "body{}").unwrap();
        });
    }

    fn event(kind: EventKind, path: &str) -> DebouncedEvent {
        DebouncedEvent::new(Event::new(kind).add_path(path.into()), Instant::now())
    }

    #[test]
    fn only_a_source_folder_created_or_renamed_into_place_is_watched_again() {
        use notify::event::{AccessKind, RenameMode};
        let events = [
            event(EventKind::Access(AccessKind::Any), "/site/content"),
            event(EventKind::Modify(ModifyKind::Any), "/site/templates"),
            event(EventKind::Create(CreateKind::Folder), "/site/static"),
            event(
                EventKind::Create(CreateKind::Folder),
                "/site/content/events",
            ),
            event(
                EventKind::Modify(ModifyKind::Name(RenameMode::To)),
                "/site/themes",
            ),
        ];
        let placed: Vec<&PathBuf> = source_dirs_placed(&events, Path::new("/site")).collect();
        assert_eq!(
            placed,
            [
                &PathBuf::from("/site/static"),
                &PathBuf::from("/site/themes")
            ]
        );
    }

    #[test]
    fn bursts_queued_during_a_rebuild_make_one_batch() {
        let (sender, bursts) = mpsc::channel::<Result<_, Vec<String>>>();
        let edit = EventKind::Modify(ModifyKind::Any);
        sender
            .send(Ok(vec![event(edit, "/site/content/a.md")]))
            .unwrap();
        sender.send(Err(vec!["lost".to_owned()])).unwrap();
        let create = EventKind::Create(CreateKind::File);
        sender
            .send(Ok(vec![event(create, "/site/content/b.md")]))
            .unwrap();
        let (events, errors) = next_batch(&bursts).unwrap();
        let paths: Vec<_> = events.iter().flat_map(|e| e.paths.clone()).collect();
        assert_eq!(
            paths,
            [
                PathBuf::from("/site/content/a.md"),
                PathBuf::from("/site/content/b.md")
            ]
        );
        assert_eq!(errors, ["lost"]);
        drop(sender);
        assert!(next_batch(&bursts).is_none());
    }

    /// An editor's save is a handful of events on two names within a
    /// millisecond; all of it must come out as one change, not one per event.
    #[test]
    fn an_editors_save_reports_only_the_real_name() {
        let site = tempfile::tempdir().unwrap();
        let content = site.path().join("content");
        fs::create_dir_all(&content).unwrap();
        fs::write(content.join("claim.md"), "old").unwrap();
        let mut watcher = SiteWatcher::start(site.path(), &site.path().join("public")).unwrap();
        // As vim saves with `backupcopy=no`: swap file, backup by rename, new file.
        fs::write(content.join(".claim.md.swp"), "swap").unwrap();
        fs::rename(content.join("claim.md"), content.join("claim.md~")).unwrap();
        fs::write(content.join("claim.md"), "new").unwrap();
        fs::remove_file(content.join("claim.md~")).unwrap();
        fs::remove_file(content.join(".claim.md.swp")).unwrap();
        let changed = watcher.next_change().unwrap();
        assert_eq!(changed, [content.canonicalize().unwrap().join("claim.md")]);
        // Only the real name ever comes out. (The debouncer times each path on
        // its own, so a tick falling inside the save may, rarely, split it in two.)
        fs::write(content.join("other.md"), "x").unwrap();
        loop {
            let next = watcher.next_change().unwrap();
            assert!(
                next.iter()
                    .all(|p| p.ends_with("content/other.md") || p.ends_with("content/claim.md")),
                "{next:?}"
            );
            if next.iter().any(|p| p.ends_with("content/other.md")) {
                break;
            }
        }
    }
}
