//! End-to-end tests of what a site offers besides its pages (SPEC §11): every
//! format is read back by a real parser of that format — roxmltree for the
//! sitemap and the feed, serde_json and a JSON Schema validator for case.json,
//! the ical crate for events.ics, the png crate for share images.

mod support;

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use support::site::{copy_tree, Site};

const BASE: &str = "https://example.org/parler/";

/// The repository's own site (the Parler explainer), in a folder of the
/// test's own, with one event that carries `updated` and `corrections` and a
/// draft whose words must appear nowhere.
fn parler() -> Site {
    let site = Site::empty();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    fs::copy(repo.join("casebook.yaml"), site.path("casebook.yaml")).expect("casebook.yaml");
    copy_tree(&repo.join("content"), &site.path("content"));
    site.write(
        "content/events/korrigiertes-ereignis.md",
        "---\ntitle: Korrigiertes Ereignis\ndate: 2021-01-15T09:30-08:00\nupdated: 2021-02-03\ncorrections:\n  - date: 2021-02-03\n    text: Die Uhrzeit war falsch angegeben.\n  - {date: 2021-02-01, text: Tippfehler im Titel.}\n---\nText.\n",
    );
    site.write(
        "content/events/geheimer-entwurf.md",
        "---\ntitle: Geheimentwurfxyz\ndate: 2021-01-16\ndraft: true\n---\nGeheimentwurfxyz.\n",
    );
    site
}

fn build_with_base(site: &Site) {
    site.run(&["build", "--base-url", BASE]).assert_success();
}

fn output(site: &Site, path: &str) -> String {
    fs::read_to_string(site.path("public").join(path)).expect(path)
}

/// Every HTML page of the output, as site paths (`parties/parler/`).
fn html_pages(site: &Site) -> BTreeSet<String> {
    support::site::files(&site.path("public"))
        .into_keys()
        .filter(|path| path.ends_with("index.html") && !path.contains("embed/timeline/"))
        .map(|path| path.trim_end_matches("index.html").to_owned())
        .collect()
}

#[test]
fn the_sitemap_lists_every_page_with_lastmod_from_updated() {
    let site = parler();
    build_with_base(&site);
    let xml = output(&site, "sitemap.xml");
    let document = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let root = document.root_element();
    assert_eq!(root.tag_name().name(), "urlset");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.sitemaps.org/schemas/sitemap/0.9")
    );
    let mut listed = BTreeSet::new();
    let mut lastmod = None;
    for url in root.children().filter(|n| n.has_tag_name("url")) {
        let loc = url
            .children()
            .find(|n| n.has_tag_name("loc"))
            .and_then(|n| n.text())
            .unwrap();
        let path = loc.strip_prefix(BASE).expect("absolute under the base URL");
        if path == "events/korrigiertes-ereignis/" {
            lastmod = url
                .children()
                .find(|n| n.has_tag_name("lastmod"))
                .and_then(|n| n.text());
        }
        listed.insert(path.to_owned());
    }
    assert_eq!(listed, html_pages(&site));
    assert_eq!(lastmod, Some("2021-02-03"));
    let robots = output(&site, "robots.txt");
    assert!(
        robots
            .lines()
            .any(|l| l == format!("Sitemap: {BASE}sitemap.xml")),
        "{robots}"
    );
}

#[test]
fn the_atom_feed_is_valid_xml_with_events_newest_first() {
    let site = parler();
    build_with_base(&site);
    let xml = output(&site, "atom.xml");
    let document = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let feed = document.root_element();
    assert_eq!(
        feed.tag_name().namespace(),
        Some("http://www.w3.org/2005/Atom")
    );
    let updated: Vec<&str> = feed
        .children()
        .filter(|n| n.has_tag_name("entry"))
        .map(|e| {
            e.children()
                .find(|n| n.has_tag_name("updated"))
                .and_then(|n| n.text())
                .unwrap()
        })
        .collect();
    assert!(updated.len() > 10);
    let mut sorted = updated.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(updated, sorted);
}

#[test]
fn case_json_matches_its_schema_and_holds_the_published_case() {
    let site = parler();
    build_with_base(&site);
    let data: serde_json::Value = serde_json::from_str(&output(&site, "case.json")).unwrap();
    let schema_text =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/case.schema.json"))
            .unwrap();
    let schema: serde_json::Value = serde_json::from_str(&schema_text).unwrap();
    let validator = jsonschema::draft202012::new(&schema).expect("a valid schema");
    let errors: Vec<String> = validator
        .iter_errors(&data)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let parties = data["parties"].as_array().unwrap();
    let rothstein = parties
        .iter()
        .find(|p| p["id"] == "barbara-rothstein")
        .expect("Rothstein");
    assert_eq!(rothstein["path"], "parties/barbara-rothstein/");
    let event = data["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "korrigiertes-ereignis")
        .unwrap();
    assert_eq!(event["date"]["precision"], "minute");
    assert_eq!(
        event["corrections"][0]["text"],
        "Die Uhrzeit war falsch angegeben."
    );
}

#[test]
fn events_ics_parses_as_icalendar_with_one_event_per_dated_day() {
    let site = parler();
    build_with_base(&site);
    let text = output(&site, "events.ics");
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "line longer than 75 octets: {line:?}");
        assert!(!line.contains('\n'), "bare line feed in {line:?}");
    }
    let mut reader = ical::IcalParser::new(text.as_bytes());
    let calendar = reader
        .next()
        .expect("one calendar")
        .expect("a valid calendar");
    assert!(reader.next().is_none());
    let mut uids = BTreeSet::new();
    for event in &calendar.events {
        let value = |name: &str| {
            event
                .properties
                .iter()
                .find(|p| p.name == name)
                .and_then(|p| p.value.clone())
        };
        let uid = value("UID").expect("a UID");
        assert!(uids.insert(uid.clone()), "UIDs are unique: {uid}");
        assert!(value("URL").unwrap().starts_with(BASE));
        assert!(value("DTSTART").is_some());
    }
    assert!(uids.contains("korrigiertes-ereignis@example.org/parler"));
    let timed = calendar
        .events
        .iter()
        .flat_map(|e| &e.properties)
        .find(|p| p.name == "DTSTART" && p.value.as_deref() == Some("20210115T173000Z"));
    assert!(timed.is_some(), "a time with an offset is written in UTC");
}

#[test]
fn share_images_are_1200_by_630_and_byte_identical_from_build_to_build() {
    let site = parler();
    let config = fs::read_to_string(site.path("casebook.yaml")).unwrap();
    site.write("casebook.yaml", format!("{config}share_images: true\n"));
    build_with_base(&site);
    let first = support::site::files(&site.path("public"));
    build_with_base(&site);
    let second = support::site::files(&site.path("public"));
    let images: Vec<&String> = first.keys().filter(|p| p.ends_with(".png")).collect();
    assert!(images.len() > 100, "one image per page: {}", images.len());
    for path in images {
        assert_eq!(first[path], second[path], "{path} differs between builds");
        let decoder = png::Decoder::new(std::io::Cursor::new(&first[path]));
        let reader = decoder.read_info().expect("a PNG");
        assert_eq!(
            (reader.info().width, reader.info().height),
            (1200, 630),
            "{path}"
        );
    }
    let page = output(&site, "events/korrigiertes-ereignis/index.html");
    assert!(
        page.contains(&format!(
            "<meta property=\"og:image\" content=\"{BASE}share/events/korrigiertes-ereignis.png\">"
        )),
        "{page}"
    );
}

#[test]
fn drafts_leave_no_trace_in_any_output_file() {
    let site = parler();
    let config = fs::read_to_string(site.path("casebook.yaml")).unwrap();
    site.write("casebook.yaml", format!("{config}share_images: true\n"));
    build_with_base(&site);
    for (path, bytes) in support::site::files(&site.path("public")) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("geheimer-entwurf"),
            "{path} names the draft's id"
        );
        assert!(
            !text.contains("Geheimentwurfxyz") && !text.contains("geheimentwurfxyz"),
            "{path} holds the draft's title"
        );
    }
}

#[test]
fn without_base_url_the_build_says_once_what_it_left_out() {
    let site = parler();
    let run = site.run(&["build"]).assert_success();
    let notes: Vec<&str> = run
        .stdout()
        .lines()
        .filter(|l| l.contains("sitemap.xml"))
        .collect();
    assert_eq!(notes.len(), 1, "{}", run.stdout());
    for file in ["sitemap.xml", "robots.txt", "atom.xml"] {
        assert!(!site.path("public").join(file).exists(), "{file}");
    }
    assert!(site.path("public/events.ics").is_file());
    assert!(site.path("public/case.json").is_file());
}

#[test]
fn pages_carry_share_meta_structured_data_and_the_as_of_line() {
    let site = parler();
    build_with_base(&site);
    let page = output(&site, "events/korrigiertes-ereignis/index.html");
    assert!(
        page.contains(&format!(
            "<link rel=\"canonical\" href=\"{BASE}events/korrigiertes-ereignis/\">"
        )),
        "{page}"
    );
    for property in [
        "og:title",
        "og:description",
        "og:type",
        "og:locale",
        "og:url",
    ] {
        assert!(
            page.contains(&format!("property=\"{property}\"")) || property == "og:description",
            "{property}"
        );
    }
    assert!(page.contains("name=\"twitter:card\""));
    let start = page
        .find("<script type=\"application/ld+json\">")
        .expect("JSON-LD")
        + 35;
    let end = start + page[start..].find("</script>").unwrap();
    let ld: serde_json::Value = serde_json::from_str(&page[start..end]).expect("JSON");
    assert_eq!(ld["@type"], "Event");
    assert_eq!(ld["startDate"], "2021-01-15T09:30-08:00");
    assert!(page.contains("Stand:"));
    let corrections = output(&site, "corrections/index.html");
    let newer = corrections
        .find("Die Uhrzeit war falsch angegeben.")
        .unwrap();
    let older = corrections.find("Tippfehler im Titel.").unwrap();
    assert!(newer < older, "newest first");
    let not_found = output(&site, "404.html");
    assert!(!not_found.contains("rel=\"canonical\""));
    let embed = output(&site, "embed/timeline/index.html");
    assert!(embed.contains("<base target=\"_top\">"));
    assert!(!embed.contains("site-nav"));
    let timeline = output(&site, "timeline/index.html");
    assert!(
        timeline.contains("&lt;iframe"),
        "the timeline shows the snippet"
    );
}
