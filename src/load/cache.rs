//! What `watch` keeps of the load stage between runs: each content file's
//! last result, and the last walk of `content/` while it still holds.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::diagnostic::Diagnostic;
use crate::load::{ContentFile, LoadedFile};
use crate::site::CONTENT_DIR;

/// What `watch` keeps between runs: each content file's last result.
/// The default cache is for one run: it hands its documents over instead of
/// copying them (a build holds every body once, not twice).
#[derive(Debug, Default)]
pub(crate) struct LoadCache {
    pub(super) files: HashMap<PathBuf, CachedFile>,
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
    /// Edits of known content files keep the last walk of `content/`;
    /// anything else there (a file added, removed or renamed, a folder, a
    /// bundle's file) has the next run walk it again.
    pub(crate) fn forget(&mut self, root: &Path, changed: &[PathBuf]) {
        let root = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
        for path in changed {
            let absolute = std::path::absolute(path).unwrap_or_else(|_| path.clone());
            let relative = match absolute.strip_prefix(&root) {
                Ok(relative) => relative,
                Err(_) if path.is_relative() => path.as_path(),
                Err(_) => continue,
            };
            self.files.remove(relative);
            if relative.starts_with(CONTENT_DIR) && !self.still_walked(&root, relative) {
                self.walk = None;
            }
        }
    }

    /// Whether `relative` is a Markdown file of the last walk that is still
    /// a regular file: edited in place, or replaced by an atomic save.
    fn still_walked(&mut self, root: &Path, relative: &Path) -> bool {
        let Some(walk) = &mut self.walk else {
            return false;
        };
        let Some(file) = walk.files.iter_mut().find(|f| f.relative == relative) else {
            return false;
        };
        match fs::symlink_metadata(root.join(relative)) {
            Ok(metadata) if metadata.file_type().is_file() => {
                file.stamp = stamp(&metadata);
                true
            }
            _ => false,
        }
    }

    /// A cache that keeps every document for the next run.
    pub(crate) fn keeping() -> LoadCache {
        LoadCache {
            files: HashMap::new(),
            keep: true,
            walk: None,
        }
    }
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
