//! `casebook watch` end to end: the real binary on a copy of `tests/watch_site/`,
//! driven by editing files and read back over HTTP from 127.0.0.1.
//!
//! Every wait is a bounded poll (`support::watch::PATIENCE`), and every child
//! process is killed when its guard drops, so a failing test fails, never hangs.

mod support;

use std::fs;
use std::net::{Ipv4Addr, TcpListener};
use std::path::{Path, PathBuf};

use support::run::casebook;
use support::site::{assert_same_tree, copy_tree, Site};
use support::watch::{Reply, Watch};

fn event(title: &str, date: &str, body: &str) -> String {
    format!("---\ntitle: {title}\ndate: {date}\nparties: [acme]\n---\n\n{body}\n")
}

fn ok_containing(text: &str) -> impl Fn(&Reply) -> bool + '_ {
    move |reply| reply.status == 200 && reply.body.contains(text)
}

/// Only in the overlay itself: the reload script carries an empty overlay
/// skeleton, so the overlay's id is on every served page.
const SHOWN_ERROR: &str = "unknown id &quot;cloudko&quot;";

#[test]
fn watch_follows_every_kind_of_edit_and_ends_as_a_fresh_build() {
    let site = Site::watch_site();
    let root = site.root();
    let events = root.join("content/events");
    let watch = Watch::start(root);

    let first = watch.wait_for_page("/events/hearing/", "served", ok_containing("Hearing"));
    // The reload script is added when serving, and only then.
    assert!(first.body.contains("/__casebook/events"));

    // An edit of an event's title shows on its page and on the timeline.
    let hearing = fs::read_to_string(events.join("hearing.md")).unwrap();
    let retitled = hearing.replace("Hearing on the motion", "Hearing on the TRO");
    fs::write(events.join("hearing.md"), &retitled).unwrap();
    watch.wait_for_page(
        "/events/hearing/",
        "new title",
        ok_containing("Hearing on the TRO"),
    );
    let timeline = watch.wait_for_page(
        "/timeline/",
        "new title",
        ok_containing("Hearing on the TRO"),
    );
    assert!(!timeline.body.contains("Hearing on the motion"));

    // A new file becomes a page.
    let appeal = event("Notice of appeal", "2021-02-01", "Acme appeals.");
    fs::write(events.join("appeal.md"), appeal).unwrap();
    watch.wait_for_page("/timeline/", "new event", ok_containing("Notice of appeal"));
    watch.wait_for_page(
        "/events/appeal/",
        "new page",
        ok_containing("Acme appeals."),
    );

    // A rename moves the page; the old one is gone.
    fs::rename(events.join("appeal.md"), events.join("appeal-filed.md")).unwrap();
    watch.wait_for_page(
        "/events/appeal-filed/",
        "renamed page",
        ok_containing("Acme appeals."),
    );
    watch.wait_for_page("/events/appeal/", "old page gone", |reply| {
        reply.status == 404
    });

    // An atomic save: the new text goes to a temporary file, renamed over the original.
    let ruling = fs::read_to_string(events.join("ruling.md")).unwrap();
    let temporary = events.join("ruling.md.tmp");
    fs::write(
        &temporary,
        ruling.replace("Motion denied", "Motion for a TRO denied"),
    )
    .unwrap();
    fs::rename(&temporary, events.join("ruling.md")).unwrap();
    watch.wait_for_page(
        "/events/ruling/",
        "atomic save",
        ok_containing("Motion for a TRO denied"),
    );

    // A deletion removes the page and its timeline entry.
    fs::remove_file(events.join("appeal-filed.md")).unwrap();
    watch.wait_for_page("/events/appeal-filed/", "deleted page gone", |reply| {
        reply.status == 404
    });
    watch.wait_for_page("/timeline/", "deleted event gone", |reply| {
        reply.status == 200 && !reply.body.contains("Notice of appeal")
    });

    // A broken reference: the error is printed and shown over the last good page.
    let good_page = fs::read(root.join("public/events/hearing/index.html")).unwrap();
    let broken = retitled.replace("[acme, cloudco, district-court]", "[acme, cloudko]");
    fs::write(events.join("hearing.md"), &broken).unwrap();
    let error = "unknown id \"cloudko\" (did you mean \"cloudco\"?)";
    watch.wait_for("the error on stderr", || {
        watch.stderr().contains(error).then_some(())
    });
    let shown = watch.wait_for_page("/events/hearing/", "overlay", ok_containing(SHOWN_ERROR));
    let located = "content/events/hearing.md:4:17: unknown id &quot;cloudko&quot;";
    assert!(shown.body.contains(located), "{}", shown.body);
    assert!(shown.body.contains("the last rebuild failed"));
    assert!(
        shown.body.contains("Hearing on the TRO"),
        "the last good page"
    );
    assert!(shown.body.contains("District Court"), "the last good page");
    let on_disk = fs::read(root.join("public/events/hearing/index.html")).unwrap();
    assert!(on_disk == good_page, "a failed rebuild changed the output");

    // Fixed: the overlay goes, the page follows the fix.
    let fixed = retitled.replace("[acme, cloudco, district-court]", "[acme, cloudco]");
    fs::write(events.join("hearing.md"), fixed).unwrap();
    let recovered = watch.wait_for_page("/events/hearing/", "recovery", |reply| {
        reply.status == 200 && !reply.body.contains(SHOWN_ERROR)
    });
    assert!(recovered.body.contains("Hearing on the TRO"));

    // After all that, the output is byte for byte what a fresh build writes.
    let fresh = site.outside().join("fresh");
    let built = casebook()
        .args(["build", "--root"])
        .arg(root)
        .arg("--out")
        .arg(&fresh)
        .output()
        .unwrap();
    assert!(built.status.success(), "{built:?}");
    assert_same_tree(&root.join("public"), &fresh, "every kind of edit");
    assert_eq!(site.leftovers(), Vec::<String>::new());
}

#[test]
fn requests_outside_the_output_are_refused() {
    let site = Site::watch_site();
    let root = site.root();
    let watch = Watch::start(root);
    // Beside the output, in the site root: must never be served.
    let secret = "casebook.yaml";
    std::os::unix::fs::symlink(root.join(secret), root.join("public/leak.yaml")).unwrap();
    let targets = [
        format!("/../{secret}"),
        format!("/%2e%2e/{secret}"),
        format!("/events/..%2f..%2f{secret}"),
        "/leak.yaml".to_owned(),
    ];
    for target in targets {
        let reply = watch.get(&target).expect("the server answers");
        assert!(
            [403, 404].contains(&reply.status),
            "{target}: {}",
            reply.status
        );
        assert!(
            !reply.body.contains("title: Acme"),
            "{target} leaked the site"
        );
    }
    assert_eq!(watch.get("/leak.yaml").unwrap().status, 403);
}

#[test]
fn ctrl_c_stops_cleanly_leaving_nothing_half_written() {
    let site = Site::watch_site();
    let root = site.root();
    let mut watch = Watch::start(root);
    // Interrupt right after an edit, so that a rebuild is likely under way.
    let hearing = root.join("content/events/hearing.md");
    let text = fs::read_to_string(&hearing).unwrap();
    fs::write(
        &hearing,
        text.replace("Hearing on the motion", "Hearing, day one"),
    )
    .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(60));
    watch.interrupt();
    let status = watch.wait_for_exit();
    assert_eq!(status.code(), Some(0), "stderr:\n{}", watch.stderr());
    assert!(root.join("public/index.html").is_file());
    assert_eq!(site.leftovers(), Vec::<String>::new());
}

#[test]
fn taken_port_is_named_with_another_to_try() {
    let site = Site::watch_site();
    let root = site.root();
    let taken = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
    let port = taken.local_addr().unwrap().port();
    let mut watch = Watch::spawn(root, port);
    let status = watch.wait_for_exit();
    assert_eq!(status.code(), Some(2), "stderr:\n{}", watch.stderr());
    let stderr = watch.stderr();
    assert!(
        stderr.starts_with(&format!(
            "error: 127.0.0.1:{port} is already in use (try --port "
        )),
        "{stderr}"
    );
    assert!(
        !root.join("public").exists(),
        "nothing is built before the port is ours"
    );
}

/// Measures, without asserting, how long one edit takes to reach the output:
/// from appending a sentence to one event file until that event's page on disk
/// has new content, `CASEBOOK_LATENCY_EDITS` times (default 10). The site is
/// `CASEBOOK_LATENCY_SITE` (default `bench/corpus/10000`, made by
/// `python3 bench/gen.py 10000 bench/corpus/10000`), copied first, so that the
/// original is never edited. Run with
///
/// ```text
/// cargo test --release --test watch one_edit_latency -- --ignored --nocapture
/// ```
#[test]
#[ignore = "a measurement, not a test: run it by name with --ignored --nocapture"]
fn one_edit_latency() {
    use std::time::{Duration, Instant};

    let source = std::env::var_os("CASEBOOK_LATENCY_SITE")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/corpus/10000"));
    let edits: usize = std::env::var("CASEBOOK_LATENCY_EDITS")
        .map(|n| n.parse().expect("CASEBOOK_LATENCY_EDITS is a number"))
        .unwrap_or(10);
    let site = Site::empty();
    let root = site.root();
    for part in ["casebook.yaml", "content", "themes", "templates", "static"] {
        let from = source.join(part);
        if from.is_dir() {
            copy_tree(&from, &root.join(part));
        } else if from.is_file() {
            fs::copy(&from, root.join(part)).unwrap();
        }
    }
    let mut events: Vec<PathBuf> = fs::read_dir(root.join("content/events"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    events.sort();
    let event = &events[events.len() / 2];
    let id = event.file_stem().unwrap().to_string_lossy();
    let page = root.join(format!("public/events/{id}/index.html"));

    let started = Instant::now();
    let watch = Watch::patient(root, Duration::from_secs(600));
    eprintln!(
        "{}: first build and start in {:.1} s; editing {}",
        source.display(),
        started.elapsed().as_secs_f64(),
        event.display()
    );
    let mut latencies = Vec::new();
    for edit in 0..edits {
        let before = fs::read(&page).unwrap();
        let rebuilds = watch.stderr().matches("\nrebuilt ").count();
        let mut text = fs::read_to_string(event).unwrap();
        text.push_str(&format!("\nOne more sentence, number {edit}.\n"));
        let written = Instant::now();
        fs::write(event, text).unwrap();
        // A tight loop, with a millisecond's rest so as not to take a core from the rebuild.
        watch.poll("the page to change", Duration::from_millis(1), || {
            (fs::read(&page).ok()? != before).then_some(())
        });
        latencies.push(written.elapsed());
        // Let the rebuild report, and the system settle, before the next edit.
        watch.wait_for("the rebuild's report", || {
            (watch.stderr().matches("\nrebuilt ").count() > rebuilds).then_some(())
        });
        std::thread::sleep(Duration::from_millis(300));
    }
    let mut sorted = latencies.clone();
    sorted.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let each: Vec<String> = latencies.iter().map(|d| format!("{:.0}", ms(*d))).collect();
    let log = watch.stderr();
    let reports: Vec<&str> = log.lines().filter(|l| l.starts_with("rebuilt ")).collect();
    eprintln!(
        "one-edit latency over {edits} edits: median {:.0} ms, min {:.0} ms, max {:.0} ms\n\
         each (ms): {}\nthe rebuilds reported:\n  {}",
        ms(sorted[sorted.len() / 2]),
        ms(sorted[0]),
        ms(sorted[sorted.len() - 1]),
        each.join(", "),
        reports.join("\n  ")
    );
}
