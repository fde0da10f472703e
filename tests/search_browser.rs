//! The search page in a real browser (SPEC §11 "Search"): the Parler site is
//! built into the test's own folder, served on a loopback port by a tiny
//! server of the test's own, and headless Chromium (Debian's
//! `/usr/bin/chromium`, which `.ci/run` installs) loads `search/?q=…`, runs
//! the theme's script and prints the resulting DOM.

mod support;

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::thread;

use support::browser::dom_after_scripts;
use support::site::{copy_tree, Site};

/// The repository's own site (the Parler explainer), in a folder of the test's own.
fn parler() -> Site {
    let site = Site::empty();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    fs::copy(repo.join("casebook.yaml"), site.path("casebook.yaml")).expect("casebook.yaml");
    copy_tree(&repo.join("content"), &site.path("content"));
    site
}

/// Serves `root` on a free loopback port until the test process ends.
fn serve(root: PathBuf) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    let port = listener.local_addr().expect("its address").port();
    thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let root = root.clone();
            thread::spawn(move || answer(stream, &root));
        }
    });
    port
}

fn answer(mut stream: TcpStream, root: &Path) {
    let mut request = String::new();
    if BufReader::new(&stream).read_line(&mut request).is_err() {
        return;
    }
    let target = request.split_whitespace().nth(1).unwrap_or("/");
    let path = target.split('?').next().unwrap_or("/");
    let mut file = root.join(path.trim_start_matches('/'));
    if path.ends_with('/') {
        file.push("index.html");
    }
    let inside = !path.contains("..");
    let (status, body) = match fs::read(&file) {
        Ok(body) if inside => ("200 OK", body),
        _ => ("404 Not Found", Vec::new()),
    };
    let kind = match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("json") => "application/json",
        Some("js") => "text/javascript",
        Some("css") => "text/css",
        _ => "application/octet-stream",
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
}

/// The HTML inside `<div id="search-results">`.
fn results(dom: &str) -> &str {
    let start = dom
        .find("id=\"search-results\"")
        .expect("the results element");
    let rest = &dom[start..];
    let end = rest
        .find("id=\"search-all\"")
        .expect("the full list after it");
    &rest[..end]
}

#[test]
fn the_search_finds_names_folded_words_and_words_of_the_body_in_a_browser() {
    let site = parler();
    site.run(&["build"]).assert_success();
    let port = serve(site.path("public"));
    let profile = site.outside().join("chromium-profile");
    let search = |query: &str| {
        let dom = dom_after_scripts(
            &format!("http://127.0.0.1:{port}/search/?q={query}"),
            &profile,
        );
        results(&dom).to_owned()
    };
    let rothstein = search("Rothstein");
    assert!(
        rothstein.contains(">Barbara J. Rothstein</a>"),
        "{rothstein}"
    );
    assert!(
        rothstein.contains("href=\"../parties/barbara-rothstein/\""),
        "{rothstein}"
    );
    let hearing = search("anhorung");
    assert!(hearing.contains("Anhörung"), "{hearing}");
    assert!(
        hearing.contains("<h2>"),
        "results are grouped by type: {hearing}"
    );
    let sherman = search("sherman");
    assert!(
        sherman.contains("href=\"../claims/sherman-act-verschwoerung/\""),
        "{sherman}"
    );
    let nothing = search("xylophonquartett");
    assert!(!nothing.contains("<a "), "{nothing}");
}
