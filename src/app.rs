//! Command dispatch and printing: turns a parsed command line into pipeline
//! calls and reports what they did. The pipeline itself never prints.

use std::io::IsTerminal;
use std::net::IpAddr;
use std::path::Path;

use clap::CommandFactory;

use crate::cli::{Cli, Command};
use crate::diagnostic::escape_controls;
use crate::{build, check, scaffold, watch, Failure, Summary};

/// Runs one command and returns the process exit status.
pub fn run(command: Command) -> i32 {
    let (root, result) = match command {
        Command::Build {
            site,
            output,
            base_url,
        } => {
            let options = site.build_options(&output, base_url);
            let result =
                build(&options).map(|summary| report_done("built", &summary, Some(&options.out)));
            (Some(options.root), result)
        }
        Command::Check { site } => {
            let result = check(&site.root, site.drafts)
                .map(|summary| report_done("checked", &summary, None));
            (Some(site.root), result)
        }
        Command::Watch {
            site,
            output,
            port,
            bind,
            open,
        } => {
            warn_if_public(bind, port);
            let options = site.build_options(&output, None);
            (
                Some(options.root.clone()),
                watch::run(&options, bind, port, open),
            )
        }
        Command::New {
            kind,
            id,
            title,
            lang: Some(lang),
            root,
            ..
        } => (
            None,
            scaffold::new_translation(&root, kind.entity_kind(), &id, &lang, title.as_deref())
                .map(|path| println!("created {}", path.display())),
        ),
        Command::New {
            kind,
            id,
            title,
            date,
            party_kind,
            root,
            lang: None,
        } => {
            let request = scaffold::NewEntity {
                kind: kind.entity_kind(),
                id: &id,
                title: title.as_deref(),
                date: date.as_deref(),
                party_kind: party_kind.as_deref(),
            };
            let result = scaffold::new_entity(&root, &request)
                .map(|path| println!("created {}", path.display()));
            (None, result)
        }
        Command::Init { dir, ci } => (None, scaffold::init(&dir, ci).map(|()| report_init(&dir))),
        Command::Completions { shell } => {
            let mut command = Cli::command();
            clap_complete::generate(shell, &mut command, "casebook", &mut std::io::stdout());
            (None, Ok(()))
        }
    };
    match result {
        Ok(()) => 0,
        Err(failure) => {
            report_failure_in(root.as_deref(), &failure);
            failure.exit_code()
        }
    }
}

fn report_init(dir: &Path) {
    println!(
        "created a new site in {}; build it with: casebook build --root {}",
        dir.display(),
        dir.display()
    );
}

/// Anything but loopback lets other machines read the preview, drafts and all.
fn warn_if_public(bind: IpAddr, port: u16) {
    if !bind.is_loopback() {
        eprintln!(
            "warning: --bind {bind} makes the preview reachable from the network: \
             anyone who can reach port {port} of this machine can read the site, drafts included"
        );
    }
}

fn report_done(verb: &str, summary: &Summary, out: Option<&Path>) {
    let place = out
        .map(|out| format!(" into {}", out.display()))
        .unwrap_or_default();
    println!(
        "{verb} {} pages ({} files){place} in {:.2} s",
        summary.pages,
        summary.files,
        summary.elapsed.as_secs_f64()
    );
    if let Some(note) = summary.note {
        println!("{note}");
    }
    for edition in &summary.untranslated {
        println!("{}", untranslated_line(edition));
    }
}

/// "en: 3 of 8 pages untranslated": a translation's edition still showing
/// main-language words (a report, not an error).
pub(crate) fn untranslated_line(edition: &crate::Untranslated) -> String {
    let noun = if edition.pages == 1 { "page" } else { "pages" };
    format!(
        "{}: {} of {} {noun} untranslated",
        edition.language, edition.untranslated, edition.pages
    )
}

/// Prints every diagnostic, then one line that says what happened.
pub fn report_failure(failure: &Failure) {
    report_failure_in(None, failure);
}

/// Like [`report_failure`], with each diagnostic's source line (read from the
/// site under `root`) and a caret under the problem; in colour on a terminal
/// unless `NO_COLOR` is set.
pub fn report_failure_in(root: Option<&Path>, failure: &Failure) {
    match failure {
        Failure::Content(diagnostics) => {
            let styled = use_colour();
            let mut sources = SourceFiles::default();
            for diagnostic in diagnostics {
                let line = root.and_then(|root| {
                    sources.line(root, &diagnostic.file, diagnostic.position.line)
                });
                eprintln!("{}", diagnostic.render(line, styled));
            }
            let count = diagnostics.len();
            let noun = if count == 1 { "error" } else { "errors" };
            eprintln!("error: {count} {noun} found; nothing was written");
        }
        Failure::Fatal(message) => eprintln!("error: {}", escape_controls(message)),
    }
}

/// Colour only for a person at a terminal, and never against `NO_COLOR`
/// (no-color.org: any non-empty value).
fn use_colour() -> bool {
    let refused = std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty());
    !refused && std::io::stderr().is_terminal()
}

/// The files diagnostics point into, each read once at print time, with
/// where each line starts: a file with 200 000 mistakes prints in linear time.
#[derive(Default)]
struct SourceFiles {
    texts: std::collections::HashMap<std::path::PathBuf, Option<(String, Vec<usize>)>>,
}

impl SourceFiles {
    /// Line `number` (1-based) of `file`, without its line end.
    fn line(&mut self, root: &Path, file: &Path, number: usize) -> Option<&str> {
        let (text, starts) = self
            .texts
            .entry(file.to_path_buf())
            .or_insert_with(|| {
                let text = std::fs::read_to_string(root.join(file)).ok()?;
                let starts = std::iter::once(0)
                    .chain(text.match_indices('\n').map(|(at, _)| at + 1))
                    .collect();
                Some((text, starts))
            })
            .as_ref()?;
        let start = *starts.get(number.checked_sub(1)?)?;
        let end = starts.get(number).map_or(text.len(), |next| next - 1);
        let line = text.get(start..end)?;
        Some(line.strip_suffix('\r').unwrap_or(line))
    }
}

/// Opens `url` in the desktop's browser, without waiting for it.
pub(crate) fn open_in_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    let spawned = std::process::Command::new(opener)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    match spawned {
        // Reaped on a thread, so no finished opener lingers as a zombie.
        Ok(mut child) => drop(std::thread::spawn(move || child.wait())),
        Err(error) => {
            eprintln!("warning: cannot open a browser ({opener}: {error}); open {url} yourself")
        }
    }
}
