//! The real binary, run once to the end, and assertions on what it did that
//! read like the SPEC: exact stderr, exit status, an output left alone.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use super::site::{leftovers, MARKER, SENTINEL, SENTINEL_TEXT};

/// `casebook`, the binary under test, in an environment that cannot change
/// what it prints: `CASEBOOK_TIMINGS` (stage timings on stderr) is unset.
pub fn casebook() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_casebook"));
    command.env_remove("CASEBOOK_TIMINGS");
    command
}

/// One finished run of the binary.
pub struct Run {
    command: String,
    status: Option<i32>,
    stdout: String,
    stderr: String,
    sentinel: PathBuf,
    sandbox: PathBuf,
}

impl Run {
    /// Runs `casebook <args>` in `dir` with extra environment variables; the
    /// sentinel is expected in `sentinel_dir`, inside the test's `sandbox`.
    pub(super) fn start(
        args: &[&str],
        dir: &Path,
        env: &[(&str, &Path)],
        sentinel_dir: &Path,
        sandbox: &Path,
    ) -> Run {
        assert!(
            sentinel_dir.starts_with(sandbox),
            "the sentinel belongs in the test's own folder, not in {}",
            sentinel_dir.display()
        );
        let mut command = casebook();
        command.args(args).current_dir(dir);
        for (key, value) in env {
            command.env(key, value);
        }
        let output: Output = command.output().expect("the casebook binary runs");
        Run {
            command: format!("casebook {}", args.join(" ")),
            status: output.status.code(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
            sentinel: sentinel_dir.join(SENTINEL),
            sandbox: sandbox.to_path_buf(),
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

    /// The sentinel is still there, unchanged, nothing was added beside it
    /// in `public/`, and no temporary folder of a build was left anywhere in
    /// the test's own folder.
    pub fn assert_sentinel_untouched(self) -> Run {
        let text = fs::read_to_string(&self.sentinel).unwrap_or_else(|e| {
            panic!(
                "sentinel {}: {e}\n{}",
                self.sentinel.display(),
                self.context()
            )
        });
        assert_eq!(text, SENTINEL_TEXT, "{}", self.context());
        let left = leftovers(&self.sandbox);
        assert!(left.is_empty(), "left behind: {left:?}\n{}", self.context());
        let dir = self.sentinel.parent().expect("a folder");
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
