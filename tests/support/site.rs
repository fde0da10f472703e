//! A site in a folder of its own: a copy of a fixture, edited by the test,
//! built by the binary or the library, and everything it leaves read back.
//!
//! Each `Site` owns a fresh `tempfile::TempDir`, its *sandbox*, laid out as
//!
//! ```text
//! <sandbox>/work/        outside(): the folder that holds the site, for
//!                        whatever a test puts beside it (another site, an output)
//! <sandbox>/work/site/   root(): the copy of the fixture
//! ```
//!
//! so that even a test that writes to the folder around the site, or checks
//! what was left beside it, never looks outside the sandbox. The sandbox is
//! removed when the `Site` is dropped; nothing is written into the repository.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use tempfile::TempDir;

use super::run::Run;

/// The file every `Site::fixture` puts into its output folder; a failed or
/// refused build must leave it exactly as it was.
pub const SENTINEL: &str = "sentinel.txt";
pub(super) const SENTINEL_TEXT: &str = "left by the test before the build\n";

/// The file a casebook build leaves in its output to recognise it later; the
/// sentinel's folder gets one too, as if an earlier build had written it.
pub const MARKER: &str = ".built-by-casebook";

/// A site in a sandbox of its own.
pub struct Site {
    sandbox: TempDir,
    root: PathBuf,
}

impl Site {
    /// A copy of `tests/sites/<name>/`, with a sentinel file in `public/`.
    pub fn fixture(name: &str) -> Site {
        let site = Site::copy_of(&fixtures().join("sites").join(name));
        site.put_sentinel(&site.path("public"));
        site
    }

    /// A copy of `tests/watch_site/`, the site the `watch` and session tests
    /// edit, and nothing else.
    pub fn watch_site() -> Site {
        Site::copy_of(&fixtures().join("watch_site"))
    }

    /// A copy of the folder `source`, and nothing else.
    pub fn copy_of(source: &Path) -> Site {
        assert!(source.is_dir(), "no fixture {}", source.display());
        let site = Site::empty();
        copy_tree(source, &site.root);
        site
    }

    /// An empty site root in a fresh sandbox.
    pub fn empty() -> Site {
        let sandbox = tempfile::tempdir().expect("a temporary folder");
        let root = sandbox.path().join("work").join("site");
        fs::create_dir_all(&root).expect("the site folder");
        Site { sandbox, root }
    }

    /// The site root.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The folder that holds the site root (and nothing else at first).
    pub fn outside(&self) -> &Path {
        self.root
            .parent()
            .expect("the site lives in its work folder")
    }

    /// The test's own temporary folder: everything the test touches is in it.
    pub fn sandbox(&self) -> &Path {
        self.sandbox.path()
    }

    /// A path inside the site.
    pub fn path(&self, relative: &str) -> PathBuf {
        self.root.join(relative)
    }

    /// Writes (or replaces) a file of the site, with its folders.
    pub fn write(&self, relative: &str, bytes: impl AsRef<[u8]>) -> &Site {
        let path = self.path(relative);
        fs::create_dir_all(path.parent().expect("a parent")).expect("the folders");
        fs::write(&path, bytes).expect("the file");
        self
    }

    /// The text of a file of the site (for output: `read("public/index.html")`).
    pub fn read(&self, relative: &str) -> String {
        let path = self.path(relative);
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    /// Puts the sentinel file into `dir` (created if needed).
    pub fn put_sentinel(&self, dir: &Path) {
        fs::create_dir_all(dir).expect("the sentinel's folder");
        fs::write(dir.join(SENTINEL), SENTINEL_TEXT).expect("the sentinel");
        fs::write(dir.join(MARKER), "").expect("the marker");
    }

    /// `casebook build --root <root>`.
    pub fn build(&self) -> Run {
        self.run(&["build", "--root", &self.root.to_string_lossy()])
    }

    /// `casebook check --root <root>`.
    pub fn check(&self) -> Run {
        self.run(&["check", "--root", &self.root.to_string_lossy()])
    }

    /// `casebook <args>` in the site root, with the sentinel expected in `public/`.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with(args, &self.path("public"), &[])
    }

    /// `casebook <args>` in the site root with extra environment variables,
    /// and the sentinel expected in `sentinel_dir`, which must be in the sandbox.
    pub fn run_with(&self, args: &[&str], sentinel_dir: &Path, env: &[(&str, &Path)]) -> Run {
        Run::start(args, &self.root, env, sentinel_dir, self.sandbox())
    }

    /// Every file under `relative` (`"public"`), path → bytes.
    pub fn files(&self, relative: &str) -> BTreeMap<String, Vec<u8>> {
        files(&self.path(relative))
    }

    /// Every temporary file or folder of casebook's (`.<name>.casebook-new`,
    /// `-old`, `-tmp`) anywhere in the sandbox.
    pub fn leftovers(&self) -> Vec<String> {
        leftovers(self.sandbox())
    }
}

/// `tests/`, where the fixture sites are.
fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests")
}

/// Copies the folder `from` to `to`, recursively.
pub fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("a folder");
    for entry in fs::read_dir(from).expect("a folder to copy") {
        let entry = entry.expect("an entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("a type").is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("a copy");
        }
    }
}

/// Every file and folder under `dir`, by relative path with `/` between names;
/// files with their bytes, folders with `None`. Empty when `dir` is missing.
pub fn tree(dir: &Path) -> BTreeMap<String, Option<Vec<u8>>> {
    let mut found = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        let Ok(entries) = fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries {
            let path = entry.expect("an entry").path();
            let relative = path.strip_prefix(dir).expect("inside the tree");
            let name = relative
                .iter()
                .map(|part| part.to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            if path.is_dir() {
                pending.push(path);
                found.insert(name, None);
            } else {
                found.insert(name, Some(fs::read(&path).expect("a file")));
            }
        }
    }
    found
}

/// Every file under `dir`, path → bytes.
pub fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    tree(dir)
        .into_iter()
        .filter_map(|(name, bytes)| Some((name, bytes?)))
        .collect()
}

/// Fails the test unless `actual` holds exactly the folders and files of
/// `expected`, byte for byte; `after` says when, for the message.
pub fn assert_same_tree(actual: &Path, expected: &Path, after: &str) {
    let (actual, expected) = (tree(actual), tree(expected));
    assert_eq!(
        actual.keys().collect::<Vec<_>>(),
        expected.keys().collect::<Vec<_>>(),
        "the same files and folders after {after}"
    );
    for (name, bytes) in &expected {
        assert!(
            actual[name] == *bytes,
            "{name} differs from a fresh build after {after}"
        );
    }
}

/// Casebook's temporary names anywhere under `dir`, relative to it.
pub fn leftovers(dir: &Path) -> Vec<String> {
    tree(dir)
        .into_keys()
        .filter(|name| {
            let last = name.rsplit('/').next().unwrap_or(name);
            last.starts_with('.') && last.contains(".casebook-")
        })
        .collect()
}
