//! The end-to-end harness: a fixture site copied into a temporary folder, the
//! real binary run on it, and assertions that read like the SPEC.
//!
//! Like mdBook's `BookTest`, each test names a fixture under `tests/sites/`,
//! runs one command and checks exact output, so a test reads in a few lines:
//!
//! ```ignore
//! Site::fixture("unknown-id")
//!     .build()
//!     .assert_errors(&["content/events/suit.md:6:5: unknown id \"amazn\" (did you mean \"amazon\"?)"])
//!     .assert_sentinel_untouched();
//! ```
//!
//! Nothing is ever written into the repository: every site lives in a
//! `tempfile::TempDir` that is removed when the `Site` is dropped.

#![allow(dead_code)] // each test binary uses its own part of the harness

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use tempfile::TempDir;

/// The file every test puts into the output folder before a run; a failed or
/// refused build must leave it exactly as it was.
pub const SENTINEL: &str = "sentinel.txt";
const SENTINEL_TEXT: &str = "left by the test before the build\n";

/// The file a casebook build leaves in its output to recognise it later; the
/// sentinel's folder gets one too, as if an earlier build had written it.
pub const MARKER: &str = ".built-by-casebook";

/// A site in a temporary folder.
pub struct Site {
    _dir: TempDir,
    root: PathBuf,
}

impl Site {
    /// A copy of `tests/sites/<name>/`, with a sentinel file in `public/`.
    pub fn fixture(name: &str) -> Site {
        let site = Site::empty();
        let source = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/sites")
            .join(name);
        assert!(source.is_dir(), "no fixture {}", source.display());
        copy_dir(&source, &site.root);
        site.put_sentinel(&site.root.join("public"));
        site
    }

    /// An empty folder `site/` inside a fresh temporary folder.
    pub fn empty() -> Site {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let root = dir.path().join("site");
        fs::create_dir(&root).expect("the site folder");
        Site { _dir: dir, root }
    }

    /// The site root.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The temporary folder that holds the site root (and nothing else at first).
    pub fn outside(&self) -> &Path {
        self.root
            .parent()
            .expect("the site lives in the temporary folder")
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
        self.run_with(args, &self.root.join("public"), &[])
    }

    /// `casebook <args>` in the site root with extra environment variables,
    /// and the sentinel expected in `sentinel_dir`.
    pub fn run_with(&self, args: &[&str], sentinel_dir: &Path, env: &[(&str, &Path)]) -> Run {
        let mut command = Command::new(env!("CARGO_BIN_EXE_casebook"));
        command.args(args).current_dir(&self.root);
        for (key, value) in env {
            command.env(key, value);
        }
        let output = command.output().expect("the casebook binary runs");
        Run::new(args, output, sentinel_dir.join(SENTINEL))
    }

    /// Every file under `relative` (`"public"`), path → bytes.
    pub fn files(&self, relative: &str) -> BTreeMap<String, Vec<u8>> {
        let mut files = BTreeMap::new();
        collect_files(&self.path(relative), &self.path(relative), &mut files);
        files
    }
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("a folder");
    for entry in fs::read_dir(from).expect("a fixture folder") {
        let entry = entry.expect("an entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("a type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("a copy");
        }
    }
}

fn collect_files(base: &Path, dir: &Path, files: &mut BTreeMap<String, Vec<u8>>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            collect_files(base, &path, files);
        } else {
            let relative = path.strip_prefix(base).expect("inside base");
            let name = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            files.insert(name, fs::read(&path).expect("a file"));
        }
    }
}

/// One finished run of the binary.
pub struct Run {
    command: String,
    status: Option<i32>,
    stdout: String,
    stderr: String,
    sentinel: PathBuf,
}

impl Run {
    fn new(args: &[&str], output: Output, sentinel: PathBuf) -> Run {
        Run {
            command: format!("casebook {}", args.join(" ")),
            status: output.status.code(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
            sentinel,
        }
    }

    pub fn stdout(&self) -> &str {
        &self.stdout
    }

    pub fn stderr(&self) -> &str {
        &self.stderr
    }

    fn context(&self) -> String {
        format!(
            "{} exited with {:?}\n--- stdout\n{}--- stderr\n{}---",
            self.command, self.status, self.stdout, self.stderr
        )
    }

    pub fn assert_exit(self, code: i32) -> Run {
        assert_eq!(self.status, Some(code), "{}", self.context());
        self
    }

    pub fn assert_success(self) -> Run {
        self.assert_exit(0)
    }

    /// One line of stderr is exactly `line`.
    pub fn assert_stderr_line(self, line: &str) -> Run {
        assert!(
            self.stderr.lines().any(|l| l == line),
            "no stderr line {line:?}\n{}",
            self.context()
        );
        self
    }

    /// stderr is exactly `lines`, one per line.
    pub fn assert_stderr(self, lines: &[&str]) -> Run {
        let actual: Vec<&str> = self.stderr.lines().collect();
        assert_eq!(actual, lines, "{}", self.context());
        self
    }

    /// The lines of stderr that are not a diagnostic's indented source
    /// excerpt or help.
    pub fn headlines(&self) -> Vec<&str> {
        self.stderr
            .lines()
            .filter(|line| !line.starts_with("  "))
            .collect()
    }

    /// Exit status 1, stderr exactly these diagnostics (their first lines)
    /// and the summary line.
    pub fn assert_errors(self, diagnostics: &[&str]) -> Run {
        let noun = if diagnostics.len() == 1 {
            "error"
        } else {
            "errors"
        };
        let summary = format!(
            "error: {} {noun} found; nothing was written",
            diagnostics.len()
        );
        let mut expected = diagnostics.to_vec();
        expected.push(&summary);
        let run = self.assert_exit(1);
        assert_eq!(run.headlines(), expected, "{}", run.context());
        run
    }

    /// Exit status 2 and exactly one line: `error: <message>`.
    pub fn assert_fatal(self, message: &str) -> Run {
        let line = format!("error: {message}");
        self.assert_exit(2).assert_stderr(&[&line])
    }

    pub fn assert_stdout_contains(self, text: &str) -> Run {
        assert!(
            self.stdout.contains(text),
            "stdout lacks {text:?}\n{}",
            self.context()
        );
        self
    }

    /// The sentinel is still there, unchanged, and no build was left beside it.
    pub fn assert_sentinel_untouched(self) -> Run {
        let text = fs::read_to_string(&self.sentinel).unwrap_or_else(|e| {
            panic!(
                "sentinel {}: {e}\n{}",
                self.sentinel.display(),
                self.context()
            )
        });
        assert_eq!(text, SENTINEL_TEXT, "{}", self.context());
        let dir = self.sentinel.parent().expect("a folder");
        // Never the system temp folder itself: other runs leave files there.
        let system_temp = std::env::temp_dir().canonicalize().ok();
        let folders = [dir, dir.parent().expect("a parent")];
        for folder in folders
            .into_iter()
            .filter(|folder| folder.canonicalize().ok() != system_temp)
        {
            let leftovers: Vec<String> = fs::read_dir(folder)
                .expect("a folder")
                .map(|e| {
                    e.expect("an entry")
                        .file_name()
                        .to_string_lossy()
                        .into_owned()
                })
                .filter(|name| name.contains("casebook-"))
                .collect();
            assert!(
                leftovers.is_empty(),
                "left behind: {leftovers:?}\n{}",
                self.context()
            );
        }
        if dir.ends_with("public") {
            let names = fs::read_dir(dir)
                .expect("the output folder")
                .filter(|e| e.as_ref().is_ok_and(|e| e.file_name() != MARKER))
                .count();
            assert_eq!(names, 1, "the output folder changed\n{}", self.context());
        }
        self
    }
}

/// Every `href="…"` in an HTML text, in order (no regex needed for our own output).
pub fn hrefs(html: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find("href=\"") {
        let value = &rest[at + "href=\"".len()..];
        let end = value.find('"').expect("a closing quote");
        found.push(&value[..end]);
        rest = &value[end..];
    }
    found
}

/// Whether an href leaves the site.
pub fn is_external(href: &str) -> bool {
    ["http:", "https:", "mailto:"]
        .iter()
        .any(|scheme| href.starts_with(scheme))
}

/// Resolves a relative href of the output file `page` (`parties/aws/index.html`)
/// to the output file it means, without its fragment: `""` for the same page.
pub fn resolve_href(page: &str, href: &str) -> Option<String> {
    let path = href.split(['#', '?']).next().unwrap_or_default();
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop(); // the page's own file name
    if path.is_empty() {
        return Some(page.to_owned());
    }
    if path.starts_with('/') {
        return None; // root-relative links break under a path prefix
    }
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            name => parts.push(name),
        }
    }
    let joined = parts.join("/");
    Some(if path.ends_with('/') || joined.is_empty() {
        if joined.is_empty() {
            "index.html".to_owned()
        } else {
            format!("{joined}/index.html")
        }
    } else {
        joined
    })
}
