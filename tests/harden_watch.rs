//! `casebook watch` end to end for issue 13's findings: an output file
//! changed or deleted behind watch's back is restored at the next rebuild,
//! and the 404 page is styled under any `base_url` path.

mod support;

use std::fs;
use std::path::Path;

use support::site::Site;
use support::watch::Watch;

/// Makes watch rebuild one page: a sentence more in a party's body, which
/// no other page shows.
fn edit_party_body(root: &Path, sentence: &str) {
    let path = root.join("content/parties/acme.md");
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, format!("{text}\n{sentence}\n")).unwrap();
}

#[test]
fn watch_restores_output_files_changed_behind_its_back() {
    let site = Site::watch_site();
    let root = site.root().to_path_buf();
    let watch = Watch::start(&root);
    let out = root.join("public");
    let index = out.join("index.html");
    let original = watch.wait_for("the first build", || fs::read_to_string(&index).ok());
    let timeline = out.join("timeline/index.html");
    let timeline_text = fs::read_to_string(&timeline).unwrap();

    fs::write(&index, "defaced").unwrap();
    fs::remove_file(&timeline).unwrap();
    edit_party_body(&root, "Restoring sentence.");
    watch.wait_for("the party's page rebuilt", || {
        let page = fs::read_to_string(out.join("parties/acme/index.html")).ok()?;
        page.contains("Restoring sentence.").then_some(())
    });
    assert_eq!(fs::read_to_string(&index).unwrap(), original);
    assert_eq!(fs::read_to_string(&timeline).unwrap(), timeline_text);
}

#[test]
fn the_404_page_is_styled_under_any_base_url_path() {
    let site = Site::watch_site();
    let root = site.root().to_path_buf();
    let config = fs::read_to_string(root.join("casebook.yaml")).unwrap();
    fs::write(
        root.join("casebook.yaml"),
        format!("{config}base_url: https://example.org/cases/acme/\n"),
    )
    .unwrap();
    let watch = Watch::start(&root);
    let missing = watch.wait_for_page("/no/such/page/", "the 404 page", |reply| {
        reply.status == 404
    });
    let stylesheet = "/cases/acme/style.css";
    assert!(
        missing.body.contains(&format!("href=\"{stylesheet}\"")),
        "{}",
        missing.body
    );
    let css = watch.get(stylesheet).expect("the server answers");
    assert_eq!(css.status, 200);
    assert!(css.body.contains("--muted"), "not the theme's stylesheet");
    // The site is still served at the root too.
    assert_eq!(watch.get("/style.css").unwrap().status, 200);
}
