//! Command dispatch and printing: turns a parsed command line into pipeline
//! calls and reports what they did. The pipeline itself never prints.

use std::path::Path;

use crate::cli::Command;
use crate::{build, check, scaffold, watch, Failure, Summary};

/// Runs one command and returns the process exit status.
pub fn run(command: Command) -> i32 {
    let result = match command {
        Command::Build {
            site,
            out,
            base_url,
        } => {
            let options = site.build_options(out, base_url);
            build(&options).map(|summary| report_done("built", &summary, Some(&options.out)))
        }
        Command::Check { site } => {
            check(&site.root, site.drafts).map(|summary| report_done("checked", &summary, None))
        }
        Command::Watch {
            site,
            out,
            port,
            bind,
        } => watch::run(&site.build_options(out, None), bind, port),
        Command::New {
            kind,
            id,
            title,
            lang: Some(lang),
            root,
            ..
        } => scaffold::new_translation(&root, kind.entity_kind(), &id, &lang, title.as_deref())
            .map(|path| println!("created {}", path.display())),
        Command::New {
            kind,
            id,
            title,
            date,
            root,
            lang: None,
        } => scaffold::new_entity(
            &root,
            kind.entity_kind(),
            &id,
            title.as_deref(),
            date.as_deref(),
        )
        .map(|path| println!("created {}", path.display())),
        Command::Init { dir } => scaffold::init(&dir).map(|()| {
            println!(
                "created a new site in {}; build it with: casebook build --root {}",
                dir.display(),
                dir.display()
            )
        }),
    };
    match result {
        Ok(()) => 0,
        Err(failure) => {
            report_failure(&failure);
            failure.exit_code()
        }
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
    match failure {
        Failure::Content(diagnostics) => {
            for diagnostic in diagnostics {
                eprintln!("{diagnostic}");
            }
            let count = diagnostics.len();
            let noun = if count == 1 { "error" } else { "errors" };
            eprintln!("error: {count} {noun} found; nothing was written");
        }
        Failure::Fatal(message) => eprintln!("error: {message}"),
    }
}
