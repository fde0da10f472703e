//! Write: the last stage and the only one that changes the disk.
//!
//! A build writes into a fresh hidden directory beside the output, each file
//! as soon as render makes it ([`Staging`], render's sink), and swaps it in
//! only when the whole render succeeded and every file was written, so the
//! output directory always holds exactly one complete build and nothing is
//! left beside it. Output
//! directories where a swap could destroy the writer's work are refused
//! before anything is touched: the file system root, a home directory or an
//! ancestor of one, the site or an ancestor of it, a folder holding a site or
//! a git repository (itself or one level down), and a non-empty folder that
//! no casebook build wrote. A build proves it wrote a folder with a small
//! marker file, [`MARKER`], that it puts into every output.
//!
//! Two builds into one output never mix: writing holds an advisory lock on
//! the output's parent folder (a lock on the folder itself, not a lock file,
//! so nothing is ever left beside the output, and the kernel drops it when a
//! build is killed). The second build waits for the first one to finish; a
//! build holds the lock from before its first file to the swap.
//!
//! `watch` keeps what it wrote last (`Written`) and updates the output in
//! place: files whose bytes did not change are not rewritten, stale ones are
//! removed, and each new file is swapped in by a rename.

use foldhash::HashMap;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::render::{OutputFile, Sink};
use crate::site::{CONFIG_FILE, CONTENT_DIR, SOURCE_DIRS};

/// Why the output directory cannot be used or written.
#[derive(Debug)]
pub(crate) enum WriteError {
    Refused(String),
    Io(String),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::Refused(message) | WriteError::Io(message) => f.write_str(message),
        }
    }
}

/// The file every build puts into its output: a folder that holds it was
/// written by casebook, so the next build may replace it. Its bytes never
/// change, so the output stays byte-identical from build to build.
pub(crate) const MARKER: &str = ".built-by-casebook";

const MARKER_TEXT: &str =
    "This folder was written by casebook build; the next build replaces all of it.\n";

/// Refuses output directories that a swap could destroy work in.
pub(crate) fn check_output_dir(root: &Path, out: &Path) -> Result<PathBuf, WriteError> {
    let out_abs = absolute(out)?;
    let root_abs = absolute(root)?;
    let refuse = |why: &str| {
        Err(WriteError::Refused(format!(
            "refusing to write the site to {}: {why}",
            out.display()
        )))
    };
    if out_abs.parent().is_none() {
        return refuse("it is the file system root");
    }
    for home in home_dirs() {
        if home == out_abs {
            return refuse("it is the home directory");
        }
        if home.starts_with(&out_abs) {
            return refuse(&format!(
                "it contains the home directory {}",
                home.display()
            ));
        }
    }
    if out_abs == root_abs {
        return refuse("it is the site root");
    }
    if root_abs.starts_with(&out_abs) {
        return refuse("it contains the site (content/ would be deleted)");
    }
    for source in SOURCE_DIRS {
        if out_abs.starts_with(root_abs.join(source)) {
            return refuse(&format!("it is inside the site's {source}/ folder"));
        }
    }
    if out_abs.exists() && !out_abs.is_dir() {
        return refuse("it is a file, not a directory");
    }
    if let Some(why) = holds_work(&out_abs) {
        return refuse(&why);
    }
    Ok(out_abs)
}

/// A site or a git repository in `dir` or in one of its folders, which a swap
/// would delete.
fn holds_work(dir: &Path) -> Option<String> {
    let holds = |folder: &Path, place: &str| {
        if folder.join(".git").exists() {
            return Some(format!("it holds a git repository{place}"));
        }
        // Another site (or this one, by another path) would be swapped away.
        (folder.join(CONTENT_DIR).is_dir() || folder.join(CONFIG_FILE).is_file()).then(|| {
            format!(
                "it holds a site{place} (content/ or casebook.yaml), which the build would delete"
            )
        })
    };
    if let Some(why) = holds(dir, "") {
        return Some(why);
    }
    let mut folders: Vec<PathBuf> = fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|entry| entry.file_type().is_ok_and(|kind| kind.is_dir()))
        .map(|entry| entry.path())
        .collect();
    folders.sort();
    folders.iter().find_map(|folder| {
        let name = folder.file_name().unwrap_or_default().to_string_lossy();
        holds(folder, &format!(" in {name}/"))
    })
}

/// Every home directory of the user: `$HOME`, and the one in the user
/// database, which still protects the home when `HOME` is unset or wrong.
fn home_dirs() -> Vec<PathBuf> {
    let from_env = std::env::var_os("HOME").filter(|home| !home.is_empty());
    let mut homes: Vec<PathBuf> = from_env
        .map(PathBuf::from)
        .into_iter()
        .chain(user_database_home())
        .filter_map(|home| absolute(&home).ok())
        .collect();
    homes.dedup();
    homes
}

/// The home directory `getpwuid_r` knows for this user. The C library asks
/// every source the system is set up for (`/etc/passwd`, LDAP, systemd-homed),
/// which reading `/etc/passwd` alone would miss; `libc` is already in the
/// dependency tree through `notify` and `ctrlc`.
#[cfg(unix)]
fn user_database_home() -> Option<PathBuf> {
    use std::ffi::CStr;
    use std::os::unix::ffi::OsStrExt;
    let mut buffer = vec![0 as libc::c_char; 16 * 1024];
    // SAFETY: `entry` and `buffer` outlive the call, the buffer's length is
    // passed with it, and `found` is only read when it points into `entry`.
    unsafe {
        let mut entry: libc::passwd = std::mem::zeroed();
        let mut found: *mut libc::passwd = std::ptr::null_mut();
        let status = libc::getpwuid_r(
            libc::getuid(),
            &mut entry,
            buffer.as_mut_ptr(),
            buffer.len(),
            &mut found,
        );
        if status != 0 || found.is_null() || entry.pw_dir.is_null() {
            return None;
        }
        let dir = CStr::from_ptr(entry.pw_dir).to_bytes();
        (!dir.is_empty()).then(|| PathBuf::from(std::ffi::OsStr::from_bytes(dir)))
    }
}

#[cfg(not(unix))]
fn user_database_home() -> Option<PathBuf> {
    None
}

/// Refuses a non-empty folder without the marker, unless `force`: its files
/// are someone's work, not an earlier build.
fn check_written_by_us(out: &Path, force: bool) -> Result<(), WriteError> {
    if force || out.join(MARKER).is_file() {
        return Ok(());
    }
    let occupied = fs::read_dir(out).is_ok_and(|mut entries| entries.next().is_some());
    if !occupied {
        return Ok(());
    }
    Err(WriteError::Refused(format!(
        "refusing to write the site to {}: it holds files that no casebook build wrote, \
         and the build would delete them; choose an empty or new folder with --out, \
         or pass --force to replace its contents",
        out.display()
    )))
}

/// While held, no other casebook process writes beside `out`.
pub(crate) struct OutputLock {
    _folder: Option<fs::File>,
}

/// How long a build waits for another one writing to the same place.
const LOCK_PATIENCE: Duration = Duration::from_secs(120);

/// Takes the lock on the output's parent folder, waiting while another build
/// holds it.
fn lock_output(out: &Path) -> Result<OutputLock, WriteError> {
    let parent = out
        .parent()
        .ok_or_else(|| WriteError::Refused(format!("{} has no parent", out.display())))?;
    fs::create_dir_all(parent).map_err(|e| io_error(parent, &e))?;
    // A parent that cannot be opened for reading (search permission only)
    // can still be written into: build unlocked rather than not at all.
    let Ok(folder) = fs::File::open(parent) else {
        return Ok(OutputLock { _folder: None });
    };
    let started = Instant::now();
    while !try_lock(&folder).map_err(|e| io_error(parent, &e))? {
        if started.elapsed() > LOCK_PATIENCE {
            return Err(WriteError::Refused(format!(
                "another casebook build is writing to {} and has not finished in {} s; \
                 stop it or try again later",
                out.display(),
                LOCK_PATIENCE.as_secs()
            )));
        }
        std::thread::sleep(Duration::from_millis(25));
    }
    Ok(OutputLock {
        _folder: Some(folder),
    })
}

/// `flock`: the kernel releases it when the file closes or the process dies.
#[cfg(unix)]
fn try_lock(folder: &fs::File) -> io::Result<bool> {
    use std::os::fd::AsRawFd;
    // SAFETY: the descriptor belongs to `folder`, which is open for the call.
    let status = unsafe { libc::flock(folder.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
    if status == 0 {
        return Ok(true);
    }
    let error = io::Error::last_os_error();
    match error.raw_os_error() {
        Some(libc::EWOULDBLOCK) => Ok(false),
        Some(libc::EINTR) => Ok(false),
        _ => Err(error),
    }
}

#[cfg(not(unix))]
fn try_lock(_folder: &fs::File) -> io::Result<bool> {
    Ok(true)
}

/// An absolute, normalised path, whether or not it exists yet.
fn absolute(path: &Path) -> Result<PathBuf, WriteError> {
    let path = std::path::absolute(path)
        .map_err(|e| WriteError::Io(format!("{}: {e}", path.display())))?;
    // Resolve symlinks in the existing part, so two spellings compare equal.
    let mut existing = path.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.file_name(), existing.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name.to_owned());
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut resolved = fs::canonicalize(&existing).unwrap_or(existing);
    resolved.extend(rest.iter().rev());
    Ok(resolved)
}

/// A fresh build on its way into the output: the files written so far into
/// the staging folder beside it, and the output's lock. Dropped without
/// [`Staging::finish`] (a failed render, an I/O error), it removes the staging
/// folder, so the old output stays as it was and nothing is left beside it.
pub(crate) struct Staging {
    dir: PathBuf,
    out: PathBuf,
    old: PathBuf,
    /// The first file that could not be written: the build fails, and the
    /// files after it are not written.
    failure: OnceLock<WriteError>,
    _lock: OutputLock,
}

impl Staging {
    /// Takes the output's lock and an empty staging folder; `force` replaces
    /// a folder that no casebook build wrote.
    pub(crate) fn open(out: &Path, force: bool) -> Result<Staging, WriteError> {
        let lock = lock_output(out)?;
        check_written_by_us(out, force)?;
        let (dir, old) = sibling_paths(out)?;
        remove_if_exists(&dir)?;
        fs::create_dir(&dir).map_err(|e| io_error(&dir, &e))?;
        Ok(Staging {
            dir,
            out: out.to_path_buf(),
            old,
            failure: OnceLock::new(),
            _lock: lock,
        })
    }

    /// Writes one file (`/`-separated path) and the folders it needs.
    pub(crate) fn write(&self, path: &str, bytes: &[u8]) {
        if self.failure.get().is_some() {
            return;
        }
        let path = self.dir.join(path);
        let folder = path.parent().unwrap_or(&self.dir);
        let written = fs::create_dir_all(folder)
            .map_err(|e| io_error(folder, &e))
            .and_then(|()| write_file(&path, bytes));
        if let Err(error) = written {
            let _ = self.failure.set(error);
        }
    }

    /// Adds the marker and swaps the staging folder in for the output, or
    /// reports the first file that could not be written.
    pub(crate) fn finish(mut self) -> Result<(), WriteError> {
        if let Some(error) = self.failure.take() {
            return Err(error);
        }
        let marker = self.dir.join(MARKER);
        fs::write(&marker, MARKER_TEXT).map_err(|e| io_error(&marker, &e))?;
        swap_in(&self.dir, &self.out, &self.old)
    }
}

impl Sink for Staging {
    fn put(&self, file: OutputFile) {
        self.write(&file.path, &file.bytes);
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        // After a swap there is nothing left to remove; the lock, released
        // after this, keeps another build from staging there meanwhile.
        let _ = fs::remove_dir_all(&self.dir);
    }
}

/// Writes a complete build into a fresh directory and swaps it in; `force`
/// replaces a folder that no casebook build wrote.
pub(crate) fn write_fresh(out: &Path, files: &[OutputFile], force: bool) -> Result<(), WriteError> {
    let staging = Staging::open(out, force)?;
    files
        .par_iter()
        .for_each(|file| staging.write(&file.path, &file.bytes));
    staging.finish()
}

/// `.<name>.casebook-new` and `.<name>.casebook-old` beside the output:
/// hidden, so `watch` ignores them.
fn sibling_paths(out: &Path) -> Result<(PathBuf, PathBuf), WriteError> {
    let parent = out
        .parent()
        .ok_or_else(|| WriteError::Refused(format!("{} has no parent", out.display())))?;
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    fs::create_dir_all(parent).map_err(|e| io_error(parent, &e))?;
    Ok((
        parent.join(format!(".{name}.casebook-new")),
        parent.join(format!(".{name}.casebook-old")),
    ))
}

fn swap_in(staging: &Path, out: &Path, old: &Path) -> Result<(), WriteError> {
    remove_if_exists(old)?;
    let had_output = out.exists();
    if had_output {
        fs::rename(out, old).map_err(|e| io_error(out, &e))?;
    }
    if let Err(error) = fs::rename(staging, out) {
        if had_output {
            let _ = fs::rename(old, out);
        }
        let _ = fs::remove_dir_all(staging);
        return Err(io_error(out, &error));
    }
    remove_if_exists(old)
}

fn remove_if_exists(path: &Path) -> Result<(), WriteError> {
    match fs::remove_dir_all(path) {
        Err(error) if error.kind() != io::ErrorKind::NotFound => Err(io_error(path, &error)),
        _ => Ok(()),
    }
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let mut handle = fs::File::create(path).map_err(|e| io_error(path, &e))?;
    handle.write_all(bytes).map_err(|e| io_error(path, &e))
}

fn io_error(path: &Path, error: &io::Error) -> WriteError {
    WriteError::Io(format!("cannot write {}: {error}", path.display()))
}

/// What the last incremental write left in the output: path → content hash,
/// and each file's size and modification time as written, to notice a file
/// someone changed or deleted behind `watch`'s back.
#[derive(Debug, Default)]
pub(crate) struct Written {
    hashes: HashMap<String, u64>,
    stamps: HashMap<String, Stamp>,
    out: Option<PathBuf>,
    /// Set when a file of `out` was changed behind our back.
    tampered: bool,
}

/// A file's size and modification time.
type Stamp = (u64, Option<std::time::SystemTime>);

fn stamp_of(path: &Path) -> Option<Stamp> {
    let metadata = fs::metadata(path).ok()?;
    Some((metadata.len(), metadata.modified().ok()))
}

/// The stamps of `paths` in `out`, as they are on disk now.
fn stamps<'a>(
    out: &Path,
    paths: impl IntoParallelIterator<Item = &'a String>,
) -> HashMap<String, Stamp> {
    paths
        .into_par_iter()
        .filter_map(|path| Some((path.clone(), stamp_of(&out.join(path))?)))
        .collect()
}

/// What an incremental write changed.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Changes {
    pub(crate) written: usize,
    pub(crate) removed: usize,
}

impl Written {
    /// Whether `out` still holds what was written last.
    pub(crate) fn is_current(&self, out: &Path) -> bool {
        !self.tampered && self.out.as_deref() == Some(out) && out.is_dir()
    }

    /// Forgets the output when any file in it was changed or deleted since
    /// it was written (one `stat` per file, in parallel), so that the next
    /// write replaces the whole output and restores it.
    pub(crate) fn verify(&mut self, out: &Path) {
        if !self.is_current(out) {
            return;
        }
        let intact = out.join(MARKER).is_file()
            && self
                .stamps
                .par_iter()
                .all(|(path, stamp)| stamp_of(&out.join(path)).as_ref() == Some(stamp));
        self.tampered = !intact;
    }
}

/// Updates the output in place: only changed files are written, stale ones
/// removed. `unchanged` are paths the render knows to be as last written.
pub(crate) fn write_incremental(
    out: &Path,
    files: &[OutputFile],
    unchanged: &[String],
    previous: &mut Written,
    force: bool,
) -> Result<Changes, WriteError> {
    if !previous.is_current(out) {
        if !unchanged.is_empty() {
            return Err(WriteError::Io(format!(
                "{} changed outside casebook during the rebuild; restart watch",
                out.display()
            )));
        }
        // A folder this session wrote is its own, even with the marker gone.
        let ours = previous.out.as_deref() == Some(out);
        write_fresh(out, files, force || ours)?;
        *previous = Written {
            hashes: hashes(files),
            stamps: stamps(out, files.par_iter().map(|file| &file.path)),
            out: Some(out.to_path_buf()),
            tampered: false,
        };
        return Ok(Changes {
            written: files.len(),
            removed: 0,
        });
    }
    let _lock = lock_output(out)?;
    let mut new_hashes = hashes(files);
    for path in unchanged {
        let hash =
            previous.hashes.get(path).copied().ok_or_else(|| {
                WriteError::Io(format!("{path} was never written; restart watch"))
            })?;
        new_hashes.insert(path.clone(), hash);
    }
    let changed: Vec<&OutputFile> = files
        .iter()
        .filter(|f| previous.hashes.get(&f.path) != new_hashes.get(&f.path))
        .collect();
    let stale: Vec<&String> = previous
        .hashes
        .keys()
        .filter(|path| !new_hashes.contains_key(*path))
        .collect();
    for file in &changed {
        replace_file(&out.join(&file.path), &file.bytes)?;
    }
    for path in &stale {
        remove_stale(out, path)?;
    }
    let changes = Changes {
        written: changed.len(),
        removed: stale.len(),
    };
    for path in &stale {
        previous.stamps.remove(*path);
    }
    previous
        .stamps
        .extend(stamps(out, changed.par_iter().map(|file| &file.path)));
    previous.hashes = new_hashes;
    Ok(changes)
}

fn hashes(files: &[OutputFile]) -> HashMap<String, u64> {
    files
        .par_iter()
        .map(|f| (f.path.clone(), fingerprint(&f.bytes)))
        .collect()
}

/// foldhash with fixed seeds: the same in every run, and several gigabytes a
/// second (a title edit at 10 000 events rewrites some 40 MB: the timeline,
/// the data files, the search index; FNV-1a took one cycle per byte).
fn fingerprint(bytes: &[u8]) -> u64 {
    use std::hash::BuildHasher;
    foldhash::quality::FixedState::default().hash_one(bytes)
}

/// Writes beside the file, then renames: a reader never sees half a page.
fn replace_file(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| io_error(parent, &e))?;
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = path.with_file_name(format!(".{name}.casebook-tmp"));
    write_file(&temporary, bytes)?;
    fs::rename(&temporary, path).map_err(|e| io_error(path, &e))
}

/// Removes a stale file and the folders it leaves empty.
fn remove_stale(out: &Path, relative: &str) -> Result<(), WriteError> {
    let path = out.join(relative);
    match fs::remove_file(&path) {
        Err(error) if error.kind() != io::ErrorKind::NotFound => {
            return Err(io_error(&path, &error))
        }
        _ => {}
    }
    let mut folder = path.parent();
    while let Some(dir) = folder {
        if dir == out || fs::remove_dir(dir).is_err() {
            break;
        }
        folder = dir.parent();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{check_output_dir, write_fresh, write_incremental, Changes, Staging, Written};
    use crate::render::OutputFile;
    use std::fs;
    use std::path::Path;

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: path.to_owned(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn refuses_dangerous_output_dirs() {
        // The site one level down, so that the folder around it is ours too.
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        fs::create_dir_all(site.join("content")).unwrap();
        let refusal = |out: &Path| check_output_dir(&site, out).unwrap_err().to_string();
        let refused = |out: &Path, why: &str| {
            format!("refusing to write the site to {}: {why}", out.display())
        };
        assert_eq!(refusal(&site), refused(&site, "it is the site root"));
        assert_eq!(
            refusal(dir.path()),
            refused(
                dir.path(),
                "it contains the site (content/ would be deleted)"
            )
        );
        let inside = site.join("content/out");
        assert_eq!(
            refusal(&inside),
            refused(&inside, "it is inside the site's content/ folder")
        );
        let top = Path::new("/");
        assert_eq!(refusal(top), refused(top, "it is the file system root"));
        assert!(check_output_dir(&site, &site.join("public")).is_ok());
    }

    #[test]
    fn refuses_an_output_dir_that_holds_another_site() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        let other = dir.path().join("other");
        fs::create_dir_all(site.join("content")).unwrap();
        fs::create_dir_all(other.join("content")).unwrap();
        let error = check_output_dir(&site, &other).unwrap_err();
        assert!(error.to_string().ends_with(
            "it holds a site (content/ or casebook.yaml), which the build would delete"
        ));
        fs::remove_dir(other.join("content")).unwrap();
        fs::write(other.join("casebook.yaml"), "title: x\n").unwrap();
        assert!(check_output_dir(&site, &other).is_err());
    }

    #[test]
    fn a_fresh_write_replaces_everything_and_leaves_nothing_beside() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        fs::create_dir(&out).unwrap();
        fs::write(out.join("stale.html"), "old").unwrap();
        write_fresh(&out, &[file("a/index.html", "A")], true).unwrap();
        assert!(!out.join("stale.html").exists());
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "A");
        let beside: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(beside, vec!["public"]);
    }

    /// The names in `dir`.
    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    /// An output an earlier build wrote, with one page in it.
    fn earlier_output(dir: &Path) -> std::path::PathBuf {
        let out = dir.join("public");
        write_fresh(&out, &[file("index.html", "old")], false).unwrap();
        out
    }

    #[test]
    fn a_staging_folder_given_up_leaves_the_old_output_and_nothing_beside() {
        let dir = tempfile::tempdir().unwrap();
        let out = earlier_output(dir.path());
        let staging = Staging::open(&out, false).unwrap();
        staging.write("index.html", b"new");
        staging.write("a/index.html", b"A");
        assert_eq!(names(dir.path()), [".public.casebook-new", "public"]);
        // What a failed render does: it never finishes.
        drop(staging);
        assert_eq!(names(dir.path()), ["public"]);
        assert_eq!(names(&out), [super::MARKER, "index.html"]);
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "old");
    }

    #[test]
    fn a_file_that_cannot_be_written_fails_the_build_and_leaves_the_old_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = earlier_output(dir.path());
        let staging = Staging::open(&out, false).unwrap();
        staging.write("a", b"a file where a folder is needed");
        staging.write("a/index.html", b"A");
        staging.write("b/index.html", b"B");
        let error = staging.finish().unwrap_err().to_string();
        assert!(error.starts_with("cannot write "), "{error}");
        assert!(error.contains(".public.casebook-new/a"), "{error}");
        assert_eq!(names(dir.path()), ["public"]);
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "old");
    }

    #[test]
    fn a_finished_staging_folder_is_the_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = earlier_output(dir.path());
        let staging = Staging::open(&out, false).unwrap();
        staging.write("a/b/index.html", b"B");
        staging.write("index.html", b"new");
        staging.finish().unwrap();
        assert_eq!(names(dir.path()), ["public"]);
        assert_eq!(names(&out), [super::MARKER, "a", "index.html"]);
        assert_eq!(fs::read_to_string(out.join("a/b/index.html")).unwrap(), "B");
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "new");
    }

    #[test]
    fn incremental_writes_only_what_changed() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let mut written = Written::default();
        write_incremental(
            &out,
            &[file("a.html", "A"), file("b/c.html", "C")],
            &[],
            &mut written,
            false,
        )
        .unwrap();
        let changes =
            write_incremental(&out, &[file("a.html", "A2")], &[], &mut written, false).unwrap();
        assert_eq!(
            changes,
            Changes {
                written: 1,
                removed: 1
            }
        );
        assert!(!out.join("b").exists());
        assert_eq!(fs::read_to_string(out.join("a.html")).unwrap(), "A2");
    }

    #[test]
    fn a_file_changed_behind_the_writers_back_makes_the_output_stale() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let mut written = Written::default();
        let files = [file("a.html", "A"), file("b.html", "B")];
        write_incremental(&out, &files, &[], &mut written, false).unwrap();
        written.verify(&out);
        assert!(written.is_current(&out));
        fs::write(out.join("a.html"), "changed by hand").unwrap();
        written.verify(&out);
        assert!(!written.is_current(&out));
        // The next write starts afresh and restores the file.
        write_incremental(&out, &files, &[], &mut written, false).unwrap();
        assert_eq!(fs::read_to_string(out.join("a.html")).unwrap(), "A");
        fs::remove_file(out.join("b.html")).unwrap();
        fs::remove_file(out.join(super::MARKER)).unwrap();
        written.verify(&out);
        assert!(!written.is_current(&out));
        write_incremental(&out, &files, &[], &mut written, false).unwrap();
        assert_eq!(fs::read_to_string(out.join("b.html")).unwrap(), "B");
    }
}
