//! The product of render: the bytes of one output file and where it goes.
//! `write` puts them on disk; nothing else in the pipeline touches the output.
//!
//! Render hands each file to a [`Sink`] as soon as it is made, from whichever
//! thread made it, and keeps nothing of it: `build` writes it into its
//! staging folder at once, `watch` collects the files to compare them with
//! what it wrote last, `check` drops them. One render, whatever becomes of
//! its files.

use std::sync::Mutex;

/// One file of the output, `/`-separated path relative to the output root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct OutputFile {
    pub(crate) path: String,
    pub(crate) bytes: Vec<u8>,
}

/// Where render puts each finished file; called from many threads at once.
pub(crate) trait Sink: Sync {
    fn put(&self, file: OutputFile);
}

/// Keeps every file, for `watch` and tests.
#[derive(Debug, Default)]
pub(crate) struct Collect {
    files: Mutex<Vec<OutputFile>>,
}

impl Collect {
    /// The files, by path: the order they came in depends on the threads.
    pub(crate) fn into_files(self) -> Vec<OutputFile> {
        let mut files = self.files.into_inner().unwrap_or_else(|e| e.into_inner());
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files
    }
}

impl Sink for Collect {
    fn put(&self, file: OutputFile) {
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        files.push(file);
    }
}

/// Drops every file: `check` renders only to find mistakes.
#[derive(Debug, Default)]
pub(crate) struct Discard;

impl Sink for Discard {
    fn put(&self, _file: OutputFile) {}
}
