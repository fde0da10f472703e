//! What `watch` keeps of the load stage between runs: each content file's
//! last result, and the last walk of `content/` while it still holds.

use foldhash::HashMap;
use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::diagnostic::Diagnostic;
use crate::load::{ContentFile, LoadedFile};
use crate::site::CONTENT_DIR;

/// What `watch` keeps between runs: each content file's last result.
/// The default cache keeps nothing: a build reads each file straight into
/// its place (and holds every body once, not twice).
#[derive(Debug, Default)]
pub(crate) struct LoadCache {
    /// By path, as bytes: hashing a `Path` goes component by component, and
    /// every file of the site is looked up here on every run.
    pub(super) files: HashMap<OsString, CachedFile>,
    pub(super) keep: bool,
    /// The last walk of `content/` and what it reported, while no file was
    /// reported added, removed or turned into something else since.
    pub(super) walk: Option<Walk>,
}

/// The content files one walk found, and its diagnostics (misplaced files…).
#[derive(Debug, Clone)]
pub(super) struct Walk {
    pub(super) files: Vec<ContentFile>,
    pub(super) diagnostics: Vec<Diagnostic>,
}

impl LoadCache {
    /// Forgets the given files (absolute, or relative to the site root).
    /// Edits of known content files keep the last walk of `content/`, and so
    /// do entity files (`content/<folder>/<id>.md`) added to or removed from
    /// a folder the walk went through; anything else there (a folder, a
    /// bundle or its files, a link, a misplaced file) has the next run walk
    /// `content/` again.
    pub(crate) fn forget(&mut self, root: &Path, changed: &[PathBuf]) {
        let root = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
        for path in changed {
            let absolute = std::path::absolute(path).unwrap_or_else(|_| path.clone());
            let relative = match absolute.strip_prefix(&root) {
                Ok(relative) => relative,
                Err(_) if path.is_relative() => path.as_path(),
                Err(_) => continue,
            };
            self.files.remove(relative.as_os_str());
            if relative.starts_with(CONTENT_DIR) && !self.still_walked(&root, relative) {
                self.walk = None;
            }
        }
    }

    /// Whether the last walk still holds after `relative` changed: it was
    /// edited in place or replaced by an atomic save, or it is an entity
    /// file of its own that came or went (the walk is mended).
    fn still_walked(&mut self, root: &Path, relative: &Path) -> bool {
        let Some(walk) = &mut self.walk else {
            return false;
        };
        let found = walk
            .files
            .binary_search_by(|f| f.relative.as_path().cmp(relative));
        let metadata = fs::symlink_metadata(root.join(relative));
        let is_file = metadata.as_ref().is_ok_and(|m| m.file_type().is_file());
        let gone = metadata
            .as_ref()
            .is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound);
        match found {
            Ok(at) if is_file => {
                walk.files[at].stamp = stamp(metadata.as_ref().expect("a file"));
                true
            }
            Ok(at) if gone && walk.files[at].assets.is_empty() && is_plain(relative) => {
                walk.files.remove(at);
                true
            }
            Err(at) if is_file && walk.admits(relative) => {
                let file = ContentFile {
                    relative: relative.to_path_buf(),
                    kind: super::kind_of(relative),
                    stamp: stamp(metadata.as_ref().expect("a file")),
                    assets: Vec::new(),
                };
                walk.files.insert(at, file);
                true
            }
            _ => false,
        }
    }

    /// A cache that keeps every document for the next run.
    pub(crate) fn keeping() -> LoadCache {
        LoadCache {
            files: HashMap::default(),
            keep: true,
            walk: None,
        }
    }
}

impl Walk {
    /// Whether a walk would list `relative` as it is, alone: an entity file
    /// in a folder this walk went through, that no diagnostic of it names.
    fn admits(&self, relative: &Path) -> bool {
        let folder = relative.parent();
        is_plain(relative)
            && super::kind_of(relative).is_some()
            && self.files.iter().any(|f| f.relative.parent() == folder)
            && !self.diagnostics.iter().any(|d| d.file == relative)
    }
}

/// `content/<folder>/<id>.md`, not hidden: not a bundle, nor in one.
fn is_plain(relative: &Path) -> bool {
    let names: Vec<&std::ffi::OsStr> = relative.iter().collect();
    let visible = |name: &std::ffi::OsStr| !name.to_string_lossy().starts_with('.');
    names.len() == 3
        && names.iter().all(|name| visible(name))
        && relative.extension().is_some_and(|ext| ext == "md")
}

pub(super) fn stamp(metadata: &fs::Metadata) -> (SystemTime, u64) {
    (
        metadata.modified().unwrap_or(SystemTime::UNIX_EPOCH),
        metadata.len(),
    )
}

#[derive(Debug)]
pub(super) struct CachedFile {
    pub(super) stamp: (SystemTime, u64),
    pub(super) result: LoadedFile,
}
