//! `casebook watch`: the build pipeline in a loop, behind the preview server.
//!
//! `watch` decides when to rebuild, `Session::rebuild` (the same pipeline as
//! `build`) decides what, and the server is told to reload or to show the
//! errors. A rebuild holds a lock that Ctrl-C waits for, so the process never
//! stops halfway through writing the output.

pub(crate) mod events;
mod memory;
pub(crate) mod server;

use std::net::IpAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};

use crate::app::report_failure;
use crate::watch::server::PreviewServer;
use crate::{write, BuildOptions, Failure, Session};

pub(crate) fn run(
    options: &BuildOptions,
    bind: IpAddr,
    port: u16,
    open: bool,
) -> Result<(), Failure> {
    let out = write::check_output_dir(&options.root, &options.out)
        .map_err(|e| Failure::Fatal(e.to_string()))?;
    memory::keep_freed_memory();
    let options = BuildOptions {
        out: out.clone(),
        ..options.clone()
    };
    // Listen before building: a taken port is reported at once, with nothing
    // written, and until the first build is done the last output is served.
    let server =
        PreviewServer::start(out.clone(), bind, port).map_err(|e| Failure::Fatal(e.to_string()))?;
    let session = Arc::new(Mutex::new(Session::default()));
    // Before the first build, which swaps in a whole fresh output directory.
    stop_cleanly_on_ctrl_c(Arc::clone(&session));
    // Before the first build too: on a large site it takes seconds, and an edit
    // made meanwhile must still lead to a rebuild.
    let mut watcher = events::SiteWatcher::start(&options.root, &out)
        .map_err(|e| Failure::Fatal(format!("cannot watch {}: {e}", options.root.display())))?;
    let first = rebuild(&session, &options);
    if let Err(Failure::Fatal(_)) = &first {
        return first.map(|_| ());
    }
    show(&server, &session, &first);
    eprintln!(
        "serving {} on http://{}/ (Ctrl-C to stop)",
        out.display(),
        server.local_addr()
    );
    if open {
        // 0.0.0.0 is where the server listens, not an address to visit.
        let mut visit = server.local_addr();
        if visit.ip().is_unspecified() {
            visit.set_ip(std::net::Ipv4Addr::LOCALHOST.into());
        }
        crate::app::open_in_browser(&format!("http://{visit}/"));
    }
    while let Some(changed) = watcher.next_change() {
        eprintln!("changed: {}", describe(&changed));
        session
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .forget(&options.root, &changed);
        let result = rebuild(&session, &options);
        show(&server, &session, &result);
    }
    Ok(())
}

fn rebuild(session: &Mutex<Session>, options: &BuildOptions) -> Result<crate::Summary, Failure> {
    let mut session = session.lock().unwrap_or_else(PoisonError::into_inner);
    let result = session.rebuild(options);
    match &result {
        Ok(summary) => {
            eprintln!(
                "rebuilt {} pages in {:.0} ms ({} files written)",
                summary.pages,
                summary.elapsed.as_secs_f64() * 1000.0,
                summary.written
            );
            for edition in &summary.untranslated {
                eprintln!("{}", crate::app::untranslated_line(edition));
            }
        }
        Err(failure) => report_failure(failure),
    }
    result
}

fn show(
    server: &PreviewServer,
    session: &Mutex<Session>,
    result: &Result<crate::Summary, Failure>,
) {
    let session = session.lock().unwrap_or_else(PoisonError::into_inner);
    match result {
        Ok(_) => server.reload(session.base_path()),
        Err(Failure::Content(diagnostics)) => {
            let text: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
            server.show_errors(&text.join("\n"));
        }
        Err(Failure::Fatal(message)) => server.show_errors(message),
    }
}

/// A request path under the site's base path (`/parler/style.css` under
/// `/parler/`), as a path from the site root (`/style.css`).
fn under<'p>(path: &'p str, base_path: &str) -> Option<&'p str> {
    let inner = path.strip_prefix(base_path.trim_end_matches('/'))?;
    (base_path.len() > 1 && inner.starts_with('/')).then_some(inner)
}

fn describe(changed: &[PathBuf]) -> String {
    let mut names: Vec<String> = changed
        .iter()
        .take(3)
        .map(|p| crate::diagnostic::escape_controls(&p.display().to_string()).into_owned())
        .collect();
    if changed.len() > 3 {
        names.push(format!("and {} more", changed.len() - 3));
    }
    names.join(", ")
}

/// Ctrl-C waits for a running rebuild to finish writing, then exits.
fn stop_cleanly_on_ctrl_c(session: Arc<Mutex<Session>>) {
    let result = ctrlc::set_handler(move || {
        let _finished = session.lock().unwrap_or_else(PoisonError::into_inner);
        eprintln!("stopped");
        std::process::exit(0);
    });
    if let Err(error) = result {
        eprintln!("warning: Ctrl-C will not wait for a running rebuild: {error}");
    }
}
