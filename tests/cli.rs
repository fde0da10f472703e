//! End-to-end tests: the real binary on the fixture sites under `tests/sites/`.
//!
//! Each error kind of the SPEC has its own small site; each test asserts the
//! exact stderr (message, file, line, column), the exit status (SPEC §7) and
//! that the output folder was left exactly as it was. The `valid` site checks
//! what a successful build writes.

mod support;

use std::fs;

use support::links::{hrefs, is_external, resolve_href};
use support::site::{Site, SENTINEL};

/// One diagnostic, as stderr shows it.
fn error_of(fixture: &str, diagnostic: &str) {
    Site::fixture(fixture)
        .build()
        .assert_errors(&[diagnostic])
        .assert_sentinel_untouched();
}

// ---- one site per error kind ------------------------------------------------

#[test]
fn unknown_id_names_the_place_and_the_nearest_id() {
    error_of(
        "unknown-id",
        "content/events/suit.md:6:5: unknown id \"amazn\" (did you mean \"amazon\"?)",
    );
}

#[test]
fn a_relation_to_an_entity_of_the_wrong_type_is_an_error() {
    Site::fixture("wrong-type")
        .build()
        .assert_errors(&[
            "content/claims/antitrust.md:4:10: \"amazon\" is a party, \"sources\" takes sources",
            "content/events/hearing.md:4:19: \"amazon-sues\" is an event, \"parties\" takes parties",
        ])
        .assert_sentinel_untouched();
}

#[test]
fn a_value_of_the_wrong_yaml_type_points_at_the_value() {
    error_of(
        "yaml-wrong-type",
        "content/events/suit.md:4:8: invalid YAML: draft: wrong type: string \"maybe\", expected a boolean",
    );
}

#[test]
fn a_yaml_syntax_error_has_its_line_in_the_whole_file() {
    error_of(
        "yaml-syntax",
        "content/events/suit.md:3:16: invalid YAML: mapping values are not allowed in this context",
    );
}

#[test]
fn yaml_messages_carry_no_line_numbers_of_their_own() {
    // The message is the parser's own, without a line of its own counted
    // inside the front matter; the position is in the whole file, at the
    // quote that is never closed.
    let site = Site::fixture("minimal");
    site.write(
        "content/events/suit.md",
        "---\ntitle: \"The suit\ndate: 2021\n---\n",
    );
    site.build()
        .assert_errors(&[
            "content/events/suit.md:2:8: invalid YAML: invalid indentation in quoted scalar",
        ])
        .assert_sentinel_untouched();
}

#[test]
fn a_wrong_shape_in_a_list_field_is_located_and_names_no_rust_type() {
    let site = Site::fixture("minimal");
    site.write(
        "content/events/suit.md",
        "---\ntitle: The suit\ndate: 2021\nparties: {amazon: yes}\n---\n",
    );
    site.build()
        .assert_errors(&["content/events/suit.md:4:10: invalid YAML: parties: wrong type: map, expected an id or a list of ids"])
        .assert_sentinel_untouched();
}

#[test]
fn an_impossible_date_is_an_error() {
    error_of(
        "impossible-date",
        "content/events/suit.md:3:7: impossible date \"2021-02-30\": February 2021 has 28 days",
    );
}

#[test]
fn an_unknown_key_gets_a_did_you_mean() {
    error_of(
        "unknown-key",
        "content/events/suit.md:4:1: unknown key \"partys\" (did you mean \"parties\"?)",
    );
}

#[test]
fn a_duplicate_id_names_both_files() {
    error_of(
        "duplicate-id",
        "content/parties/amazon.md:1:1: duplicate id \"amazon\": content/events/amazon.md has the same file name; ids are unique across the site",
    );
}

#[test]
fn a_draft_sharing_an_id_is_a_duplicate_too() {
    let site = Site::fixture("duplicate-id");
    site.write(
        "content/events/amazon.md",
        "---\ntitle: Amazon acts\ndate: 2021-01-09\ndraft: true\n---\n",
    );
    site.build()
        .assert_errors(&["content/parties/amazon.md:1:1: duplicate id \"amazon\": content/events/amazon.md has the same file name; ids are unique across the site"])
        .assert_sentinel_untouched();
}

#[test]
fn a_bad_file_name_proposes_a_valid_id() {
    error_of(
        "bad-file-name",
        "content/events/Big_Suit.md:1:1: bad file name: invalid id \"Big_Suit\": ids are lowercase letters, digits and single hyphens (try \"big-suit\")",
    );
}

#[test]
fn unclosed_front_matter_is_an_error() {
    error_of(
        "unclosed-front-matter",
        "content/events/suit.md:1:1: unclosed front matter: the opening --- has no closing --- line",
    );
}

#[test]
fn a_file_that_is_not_utf8_is_located_at_the_first_bad_byte() {
    let site = Site::fixture("minimal");
    site.write(
        "content/events/suit.md",
        b"---\ntitle: Su\xffit\ndate: 2021\n---\n",
    );
    site.build()
        .assert_errors(&[
            "content/events/suit.md:2:10: the file is not valid UTF-8 text: save it as UTF-8",
        ])
        .assert_sentinel_untouched();
}

#[test]
fn an_empty_file_is_an_error() {
    let site = Site::fixture("minimal");
    site.write("content/events/suit.md", "");
    site.build()
        .assert_errors(&["content/events/suit.md:1:1: the file is empty: it needs front matter between two --- lines, with at least a title"])
        .assert_sentinel_untouched();
}

#[test]
fn a_published_page_may_not_refer_to_a_draft() {
    error_of(
        "draft-reference",
        "content/index.md:6:13: \"suit\" is a draft (content/events/suit.md): a published page cannot refer to it (publish it, remove the reference, or build with --drafts)",
    );
}

#[test]
fn a_reference_to_a_draft_builds_with_drafts() {
    let site = Site::fixture("draft-reference");
    let root = site.root().to_string_lossy().into_owned();
    site.run(&["build", "--root", &root, "--drafts"])
        .assert_success();
    assert!(site.path("public/events/suit/index.html").is_file());
}

#[test]
fn a_template_syntax_error_names_the_template_and_line() {
    error_of(
        "template-error",
        "templates/party.html:3:19: template error: syntax error: expected `or`, `and`, `not`, `<=`, `>=`, `<`, `>`, `==`, `!=`, `+`, `-`, `*`, `/`, `%`, a filter, or a variable end (`}}`)",
    );
}

#[test]
fn an_unknown_config_key_gets_a_did_you_mean() {
    error_of(
        "unknown-config-key",
        "casebook.yaml:2:1: unknown key \"languag\" (did you mean \"language\"?)",
    );
}

#[test]
fn an_unknown_nested_config_key_gets_a_did_you_mean() {
    let site = Site::fixture("minimal");
    site.write(
        "casebook.yaml",
        "title: Test case\nlanguage: en\ncase:\n  dockt: \"1:21\"\n",
    );
    site.build()
        .assert_errors(&[
            "casebook.yaml:4:3: unknown key \"dockt\" in \"case\" (did you mean \"docket\"?)",
        ])
        .assert_sentinel_untouched();
}

#[test]
fn several_errors_in_several_files_are_reported_together() {
    Site::fixture("many-errors")
        .build()
        .assert_errors(&[
            "casebook.yaml:3:1: unknown key \"them\" (did you mean \"theme\"?)",
            "content/claims/antitrust.md:6:1: unknown key \"soruces\" (did you mean \"sources\"?)",
            "content/events/suit.md:3:7: impossible date \"2021-13-01\": there is no month 13",
            "content/index.md:5:18: unknown id \"amazn\" (did you mean \"amazon\"?)",
            "content/parties/parler.md:4:7: unknown role \"plaintif\" (did you mean \"plaintiff\"?); expected one of: plaintiff, defendant, court, third-party, other",
        ])
        .assert_sentinel_untouched();
}

#[test]
fn a_link_to_a_missing_heading_is_an_error() {
    error_of(
        "missing-heading",
        "content/index.md:5:38: \"amazon\" has no heading \"backgroud\" (did you mean \"background\"?)",
    );
}

#[test]
fn a_broken_content_path_link_is_an_error() {
    error_of(
        "broken-path-link",
        "content/events/suit.md:6:15: link to \"../parties/aws.md\": there is no content file content/parties/aws.md (did you mean \"content/parties/amazon.md\"?)",
    );
}

#[test]
fn a_page_may_not_take_a_reserved_id() {
    error_of(
        "reserved-page-id",
        "content/pages/timeline.md:1:1: the page id \"timeline\" is taken by the site's own output (casebook writes timeline/ or timeline.html itself); rename the file",
    );
}

// ---- check -----------------------------------------------------------------

#[test]
fn check_reports_exactly_what_build_reports_and_writes_nothing() {
    for fixture in [
        "many-errors",
        "wrong-type",
        "template-error",
        "draft-reference",
    ] {
        let site = Site::fixture(fixture);
        let checked = site.check().assert_exit(1).assert_sentinel_untouched();
        let built = site.build().assert_exit(1);
        assert_eq!(checked.stderr(), built.stderr(), "{fixture}");
    }
    let site = Site::fixture("valid");
    fs::remove_dir_all(site.path("public")).unwrap();
    site.check()
        .assert_success()
        .assert_stdout_contains("checked");
    let beside: Vec<_> = fs::read_dir(site.outside()).unwrap().collect();
    assert_eq!(beside.len(), 1, "check wrote beside the site");
    assert!(!site.path("public").exists(), "check wrote public/");
}

// ---- the output folder -----------------------------------------------------

#[test]
fn the_site_root_is_refused_as_output() {
    let site = Site::fixture("minimal");
    site.put_sentinel(site.root());
    site.run_with(&["build", "--out", "."], site.root(), &[])
        .assert_fatal("refusing to write the site to .: it is the site root")
        .assert_sentinel_untouched();
}

#[test]
fn a_folder_holding_the_sites_content_is_refused_as_output() {
    let site = Site::fixture("minimal");
    let out = site.outside().to_string_lossy().into_owned();
    site.put_sentinel(site.outside());
    site.run_with(&["build", "--out", &out], site.outside(), &[])
        .assert_fatal(&format!(
            "refusing to write the site to {out}: it contains the site (content/ would be deleted)"
        ))
        .assert_sentinel_untouched();
}

#[test]
fn a_folder_holding_another_sites_content_is_refused_as_output() {
    let site = Site::fixture("minimal");
    let other = site.outside().join("other");
    fs::create_dir_all(other.join("content/events")).unwrap();
    site.put_sentinel(&other);
    site.run_with(&["build", "--out", "../other"], &other, &[])
        .assert_fatal("refusing to write the site to ../other: it holds a site (content/ or casebook.yaml), which the build would delete")
        .assert_sentinel_untouched();
    assert!(other.join("content/events").is_dir());
}

#[test]
fn a_folder_inside_content_is_refused_as_output() {
    let site = Site::fixture("minimal");
    site.run(&["build", "--out", "content/out"])
        .assert_fatal(
            "refusing to write the site to content/out: it is inside the site's content/ folder",
        )
        .assert_sentinel_untouched();
    assert!(!site.path("content/out").exists());
}

#[test]
fn the_home_directory_is_refused_as_output() {
    let site = Site::fixture("minimal");
    let home = site.path("public");
    let out = home.to_string_lossy().into_owned();
    site.run_with(&["build", "--out", &out], &home, &[("HOME", &home)])
        .assert_fatal(&format!(
            "refusing to write the site to {out}: it is the home directory"
        ))
        .assert_sentinel_untouched();
}

#[test]
fn the_file_system_root_is_refused_as_output() {
    Site::fixture("minimal")
        .run(&["build", "--out", "/"])
        .assert_fatal("refusing to write the site to /: it is the file system root")
        .assert_sentinel_untouched();
}

// ---- a valid site ----------------------------------------------------------

/// The events of the valid site in timeline order (SPEC §5).
const TIMELINE: [&str; 13] = [
    "old-dispute",  // 2018
    "year-2021",    // 2021: the year starts with the month and the day…
    "january",      // 2021-01: …the less precise first
    "new-year",     // 2021-01-01
    "suit-filed",   // 2021-01-11 (as written: 00:00)
    "suspension",   // 2021-01-10T23:59-08:00 is 2021-01-11T07:59Z
    "early-ruling", // 2021-01-14T01:00+02:00 is 2021-01-13T23:00Z
    "a-filing",     // 2021-01-14, equal to b-filing: by id
    "b-filing",     //
    "tro-hearing",  // 2021-01-14T13:30
    "a-plus",       // 2021-01-20T11:00+01:00, the same instant as…
    "z-zulu",       // …2021-01-20T10:00Z: by id
    "ruling",       // 2021-01-21
];

fn built_valid_site() -> Site {
    let site = Site::fixture("valid");
    site.build()
        .assert_success()
        .assert_stderr(&[])
        .assert_stdout_contains("built ");
    site
}

/// The event ids in the order `html` first links to them.
fn event_order(html: &str, prefix: &str) -> Vec<String> {
    let mut order: Vec<String> = Vec::new();
    for href in hrefs(html) {
        if let Some(id) = href
            .strip_prefix(prefix)
            .and_then(|rest| rest.strip_suffix('/'))
        {
            if !order.iter().any(|seen| seen == id) {
                order.push(id.to_owned());
            }
        }
    }
    order
}

#[test]
fn every_internal_link_resolves_to_a_file() {
    let site = built_valid_site();
    let files = site.files("public");
    let mut checked = 0;
    for (page, bytes) in &files {
        if !page.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes.clone()).unwrap();
        for href in hrefs(&html) {
            if is_external(href) {
                continue;
            }
            // 404.html is served at any depth, so its links start with the
            // path of base_url (https://example.org/case/) instead.
            let (page, href) = match href.strip_prefix("/case/") {
                Some(rest) if page == "404.html" => ("index.html", rest),
                _ => (page.as_str(), href),
            };
            let target = resolve_href(page, href)
                .unwrap_or_else(|| panic!("{page}: {href} leaves the site or is absolute"));
            assert!(
                files.contains_key(&target),
                "{page}: {href} points at {target}, which was not written"
            );
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} links checked");
}

#[test]
fn the_output_has_every_page_of_spec_section_6() {
    let site = built_valid_site();
    for page in [
        "index.html",
        "404.html",
        "timeline/index.html",
        "parties/index.html",
        "parties/parler/index.html",
        "claims/index.html",
        "claims/antitrust/index.html",
        "events/suit-filed/index.html",
        "sources/index.html",
        "sources/complaint/index.html",
        "about/index.html",
        "method/index.html",
    ] {
        assert!(site.path("public").join(page).is_file(), "{page}");
    }
    assert!(
        !site.path("public").join(SENTINEL).exists(),
        "stale file kept"
    );
}

#[test]
fn the_timeline_is_in_spec_order() {
    let site = built_valid_site();
    let timeline = site.read("public/timeline/index.html");
    assert_eq!(event_order(&timeline, "../events/"), TIMELINE);
}

#[test]
fn party_and_claim_pages_carry_their_events_in_timeline_order() {
    let site = built_valid_site();
    let parler = site.read("public/parties/parler/index.html");
    assert_eq!(
        event_order(&parler, "../../events/"),
        ["old-dispute", "suit-filed", "suspension", "ruling"]
    );
    let antitrust = site.read("public/claims/antitrust/index.html");
    assert_eq!(
        event_order(&antitrust, "../../events/"),
        ["suit-filed", "early-ruling", "ruling"]
    );
}

#[test]
fn pages_link_out_to_their_relations() {
    let site = built_valid_site();
    let claim = site.read("public/claims/antitrust/index.html");
    for href in [
        "../../parties/parler/",
        "../../parties/aws/",
        "../../sources/complaint/",
    ] {
        assert!(hrefs(&claim).contains(&href), "claim lacks {href}");
    }
    let event = site.read("public/events/suit-filed/index.html");
    for href in [
        "../../parties/parler/",
        "../../parties/aws/",
        "../../claims/antitrust/",
        "../../claims/breach/",
        "../../sources/complaint/",
    ] {
        assert!(hrefs(&event).contains(&href), "event lacks {href}");
    }
}

#[test]
fn pages_show_their_backlinks() {
    let site = built_valid_site();
    let aws = site.read("public/parties/aws/index.html");
    for href in ["../../claims/antitrust/", "../../claims/breach/"] {
        assert!(hrefs(&aws).contains(&href), "claims against aws: {href}");
    }
    // Mentioned in text: the about page writes [[parler|the plaintiff]].
    let parler = site.read("public/parties/parler/index.html");
    assert!(parler.contains("Mentioned on these pages"));
    // The court is named only in the body of a source, which no menu links to.
    let court = site.read("public/parties/court/index.html");
    assert!(hrefs(&court).contains(&"../../sources/article/"));
    // A source page lists every page that cites it.
    let complaint = site.read("public/sources/complaint/index.html");
    for href in ["../../claims/antitrust/", "../../events/suit-filed/"] {
        assert!(hrefs(&complaint).contains(&href), "complaint: {href}");
    }
}

#[test]
fn wiki_and_path_links_in_bodies_are_rewritten_but_not_in_code() {
    let site = built_valid_site();
    let about = site.read("public/about/index.html");
    assert!(about.contains("<a href=\"../parties/parler/\">the plaintiff</a>"));
    assert!(about.contains("<a href=\"../parties/aws/\">AWS</a>"));
    assert!(hrefs(&about).contains(&"../parties/aws/#history"));
    assert!(about.contains("<code>[[not-an-id]]</code>"));
    assert!(about.contains("[[also-not-an-id]]"));
}

#[test]
fn drafts_leave_no_trace_and_appear_with_drafts() {
    let site = built_valid_site();
    for (path, bytes) in site.files("public") {
        let text = String::from_utf8_lossy(&bytes);
        for trace in [
            "draft-event",
            "Secret settlement talks",
            "secret-notes",
            "Secret notes",
        ] {
            assert!(!text.contains(trace), "{path} mentions the draft {trace:?}");
        }
    }
    let root = site.root().to_string_lossy().into_owned();
    site.run(&["build", "--root", &root, "--drafts"])
        .assert_success();
    assert!(site.path("public/events/draft-event/index.html").is_file());
    assert!(site.path("public/secret-notes/index.html").is_file());
    let timeline = site.read("public/timeline/index.html");
    let order = event_order(&timeline, "../events/");
    let at = order.iter().position(|id| id == "draft-event").unwrap();
    assert_eq!(order[at - 1], "tro-hearing");
    assert!(site
        .read("public/parties/parler/index.html")
        .contains("Secret settlement talks"));
}

#[test]
fn two_builds_are_byte_identical_and_stale_files_go() {
    let site = built_valid_site();
    let first = site.files("public");
    site.write("public/stale/index.html", "from an earlier build");
    site.build().assert_success();
    let second = site.files("public");
    assert!(!second.contains_key("stale/index.html"));
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &first {
        assert!(&second[path] == bytes, "{path} differs between builds");
    }
    let beside: Vec<String> = fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with('.'))
        .collect();
    assert!(beside.is_empty(), "left beside the output: {beside:?}");
}

#[test]
fn a_failed_build_leaves_the_last_good_output() {
    let site = built_valid_site();
    let good = site.files("public");
    site.write(
        "content/events/ruling.md",
        "---\ntitle: Ruling\ndate: 2021-01-21\nparties: [parlr]\n---\n",
    );
    site.build().assert_errors(&[
        "content/events/ruling.md:4:11: unknown id \"parlr\" (did you mean \"parler\"?)",
    ]);
    assert!(site.files("public") == good, "the output changed");
}

// ---- the command line ------------------------------------------------------

#[test]
fn help_works_for_every_subcommand() {
    let site = Site::empty();
    site.run(&["--help"])
        .assert_success()
        .assert_stdout_contains("Usage: casebook");
    for command in ["build", "watch", "check", "new", "init"] {
        site.run(&[command, "--help"])
            .assert_success()
            .assert_stdout_contains(&format!("Usage: casebook {command}"));
        site.run(&["help", command]).assert_success();
    }
}

#[test]
fn usage_errors_exit_with_2() {
    let site = Site::fixture("minimal");
    site.run(&["build", "--no-such-flag"]).assert_exit(2);
    site.run(&["frobnicate"]).assert_exit(2);
    site.run(&["new", "villain", "x"]).assert_exit(2);
    site.run(&["new", "party", "Bad_Id"]).assert_exit(2);
    site.run(&["build", "--root", "no-such-folder"])
        .assert_exit(2);
}

#[test]
fn a_valid_site_exits_with_0_and_content_errors_with_1() {
    Site::fixture("minimal").build().assert_success();
    Site::fixture("unknown-id").build().assert_exit(1);
}

#[test]
fn new_creates_a_file_that_builds_and_never_overwrites() {
    let site = Site::fixture("minimal");
    site.run(&[
        "new",
        "event",
        "suit-filed",
        "--title",
        "The \"suit\"",
        "--date",
        "2021-01-11",
    ])
    .assert_success()
    .assert_stdout_contains("suit-filed.md");
    let text = site.read("content/events/suit-filed.md");
    assert!(text.starts_with("---\ntitle: The \"suit\"\n"), "{text}");
    assert!(text.contains("date: 2021-01-11\n"), "{text}");
    for kind in ["party", "claim", "source", "page"] {
        site.run(&["new", kind, &format!("new-{kind}")])
            .assert_success();
    }
    assert!(site.path("content/parties/new-party.md").is_file());
    assert!(site.path("content/pages/new-page.md").is_file());
    // A new claim names nobody yet: the build says so, at the key.
    site.build().assert_errors(&[
        "content/claims/new-claim.md:4:5: a claim needs \"by\": the id of at least one party bringing it",
    ]);
    fs::remove_file(site.path("content/claims/new-claim.md")).unwrap();
    site.build().assert_success();

    site.write("content/events/suit-filed.md", "kept\n");
    site.run(&["new", "event", "suit-filed"]).assert_exit(2);
    assert_eq!(site.read("content/events/suit-filed.md"), "kept\n");
}

#[test]
fn init_creates_a_site_that_builds() {
    let site = Site::empty();
    site.run(&["init", "case"])
        .assert_success()
        .assert_stdout_contains("created a new site");
    let root = site.path("case").to_string_lossy().into_owned();
    site.run(&["build", "--root", &root]).assert_success();
    assert!(site.path("case/public/index.html").is_file());
    assert!(site.path("case/public/timeline/index.html").is_file());
    // A folder that is not empty is left alone.
    site.run(&["init", "case"]).assert_exit(2);
}

#[test]
fn a_site_without_an_overview_file_still_gets_an_overview() {
    let site = Site::fixture("minimal");
    let _ = std::fs::remove_file(site.path("content/index.md"));
    site.build().assert_success();
    let overview = site.read("public/index.html");
    let title = site.read("casebook.yaml");
    let title = title
        .lines()
        .find_map(|line| line.strip_prefix("title:"))
        .map(|t| t.trim().trim_matches('"').to_owned())
        .unwrap();
    assert!(
        overview.contains(&format!("<h1>{title}</h1>")),
        "{overview}"
    );
}

#[test]
fn a_folder_without_casebook_yaml_is_a_usage_error() {
    let site = Site::fixture("minimal");
    std::fs::remove_file(site.path("casebook.yaml")).unwrap();
    site.build().assert_exit(2).assert_sentinel_untouched();
}

// ---- YAML positions from the parser's markers --------------------------------

#[test]
fn a_repeated_unknown_id_is_reported_at_each_of_its_columns() {
    // `[amazn, amazon, amazn]` and a block list of two `amazn`: every
    // occurrence is its own mistake, at its own place.
    Site::fixture("repeated-unknown-id")
        .build()
        .assert_errors(&[
            "content/claims/antitrust.md:4:5: unknown id \"amazn\" (did you mean \"amazon\"?)",
            "content/claims/antitrust.md:5:5: unknown id \"amazn\" (did you mean \"amazon\"?)",
            "content/events/suit.md:4:11: unknown id \"amazn\" (did you mean \"amazon\"?)",
            "content/events/suit.md:4:26: unknown id \"amazn\" (did you mean \"amazon\"?)",
        ])
        .assert_sentinel_untouched();
}

#[test]
fn a_config_without_title_is_reported_on_its_first_line() {
    let site = Site::fixture("minimal");
    site.write("casebook.yaml", "# The case\nlanguage: en\n");
    site.build()
        .assert_errors(&["casebook.yaml:1:1: missing required key \"title\""])
        .assert_sentinel_untouched();
}

#[test]
fn an_unknown_theme_is_reported_at_its_name_in_the_config() {
    let site = Site::fixture("minimal");
    site.write(
        "casebook.yaml",
        "title: Test case\nlanguage: en\ntheme:   dark\n",
    );
    site.build()
        .assert_errors(&[
            "casebook.yaml:3:10: theme \"dark\" not found: there is no folder themes/dark/",
        ])
        .assert_sentinel_untouched();
}

#[test]
fn a_wrong_item_in_a_list_names_its_index_and_column() {
    let site = Site::fixture("minimal");
    site.write(
        "content/events/suit.md",
        "---\ntitle: The suit\ndate: 2021\nparties: [amazon, {name: amazon}]\n---\n",
    );
    site.build()
        .assert_errors(&["content/events/suit.md:4:19: invalid YAML: parties[1]: wrong type: map, expected a single value (text, a number or a date)"])
        .assert_sentinel_untouched();
}

// ---- review findings: every mistake once, at its place ------------------------

#[test]
fn an_unknown_key_hides_neither_a_wrong_relation_nor_an_unknown_id() {
    let site = Site::fixture("review-base");
    site.write(
        "content/events/suit.md",
        "---\ntitle: Suit\ndate: 2021-01-11\npartys: [parler]\nclaims: [amazon]\n---\nParler sued [[amazn]].\n",
    );
    site.build()
        .assert_errors(&[
            "content/events/suit.md:4:1: unknown key \"partys\" (did you mean \"parties\"?)",
            "content/events/suit.md:5:10: \"amazon\" is a party, \"claims\" takes claims",
            "content/events/suit.md:7:13: unknown id \"amazn\" (did you mean \"amazon\"?)",
        ])
        .assert_sentinel_untouched();
}

#[test]
fn an_impossible_date_hides_no_reference_error() {
    let site = Site::fixture("review-base");
    site.write(
        "content/events/suit.md",
        "---\ntitle: Suit\ndate: 2021-02-30\nclaims: [amazon]\n---\nParler sued [[amazn]].\n",
    );
    site.build()
        .assert_errors(&[
            "content/events/suit.md:3:7: impossible date \"2021-02-30\": February 2021 has 28 days",
            "content/events/suit.md:4:10: \"amazon\" is a party, \"claims\" takes claims",
            "content/events/suit.md:6:13: unknown id \"amazn\" (did you mean \"amazon\"?)",
        ])
        .assert_sentinel_untouched();
}

#[test]
fn several_wrong_values_in_one_front_matter_are_all_reported_once() {
    let site = Site::fixture("review-base");
    site.write(
        "content/parties/amazon.md",
        "---\ntitle: [Amazon]\nrole: defendent\naliases: {a: b}\n---\nText.\n",
    );
    site.build()
        .assert_errors(&[
            "content/parties/amazon.md:2:8: invalid YAML: title: wrong type: sequence, expected a single value (text, a number or a date)",
            "content/parties/amazon.md:3:7: unknown role \"defendent\" (did you mean \"defendant\"?); expected one of: plaintiff, defendant, court, third-party, other",
            "content/parties/amazon.md:4:10: invalid YAML: aliases: wrong type: map, expected an id or a list of ids",
        ])
        .assert_sentinel_untouched();
}

#[test]
fn a_missing_title_and_a_misspelled_draft_hide_nothing_else() {
    let site = Site::fixture("review-base");
    site.write(
        "content/parties/amazon.md",
        "---\nrole: defendent\ndrafts: true\n---\nText.\n",
    );
    site.build()
        .assert_errors(&[
            "content/parties/amazon.md:1:1: missing required key \"title\"",
            "content/parties/amazon.md:2:7: unknown role \"defendent\" (did you mean \"defendant\"?); expected one of: plaintiff, defendant, court, third-party, other",
            "content/parties/amazon.md:3:1: unknown key \"drafts\" (did you mean \"draft\"?)",
        ])
        .assert_sentinel_untouched();
}

#[test]
fn a_top_level_unknown_config_key_hides_no_nested_one() {
    let site = Site::fixture("review-base");
    site.write(
        "casebook.yaml",
        "title: Base case\nlanguage: en\nthem: default\ncase:\n  name: X\n  dockt: \"1\"\n",
    );
    site.check()
        .assert_errors(&[
            "casebook.yaml:3:1: unknown key \"them\" (did you mean \"theme\"?)",
            "casebook.yaml:6:3: unknown key \"dockt\" in \"case\" (did you mean \"docket\"?)",
        ])
        .assert_sentinel_untouched();
}

#[test]
fn an_unknown_config_key_hides_neither_the_theme_nor_the_language() {
    let site = Site::fixture("review-base");
    site.write("casebook.yaml", "title: X\ntheme: nope\nfoo: 1\n");
    site.check()
        .assert_errors(&[
            "casebook.yaml:2:8: theme \"nope\" not found: there is no folder themes/nope/",
            "casebook.yaml:3:1: unknown key \"foo\"",
        ])
        .assert_sentinel_untouched();
    site.write(
        "casebook.yaml",
        "title: X\nlanguage: fr\ncase: {dockt: 1}\n",
    );
    site.check()
        .assert_errors(&[
            "casebook.yaml:2:11: unsupported language \"fr\": casebook knows \"de\" and \"en\"",
            "casebook.yaml:3:8: unknown key \"dockt\" in \"case\" (did you mean \"docket\"?)",
        ])
        .assert_sentinel_untouched();
}

#[test]
fn a_path_link_to_a_draft_says_it_is_a_draft() {
    let site = Site::fixture("review-base");
    site.write(
        "content/parties/parler.md",
        "---\ntitle: Parler\nrole: plaintiff\ndraft: true\n---\nParler.\n",
    );
    site.write(
        "content/claims/antitrust.md",
        "---\ntitle: Antitrust\nby: [amazon]\n---\n",
    );
    site.write(
        "content/events/suit.md",
        "---\ntitle: Suit\ndate: 2021\n---\n",
    );
    site.write(
        "content/pages/about.md",
        "---\ntitle: About\n---\nAbout [p](../parties/parler.md).\n",
    );
    site.check()
        .assert_errors(&["content/pages/about.md:4:7: \"parler\" is a draft (content/parties/parler.md): a published page cannot refer to it (publish it, remove the reference, or build with --drafts)"])
        .assert_sentinel_untouched();
}

#[test]
fn a_path_link_to_a_file_with_its_own_error_is_not_reported_again() {
    let site = Site::fixture("review-base");
    site.write(
        "content/events/suit.md",
        "---\ntitle: Suit\nfoo: 1\ndate: 2021-01-11\n---\nx\n",
    );
    site.write(
        "content/claims/antitrust.md",
        "---\ntitle: [Antitrust]\nby: [parler]\n---\n",
    );
    site.write(
        "content/pages/about.md",
        "---\ntitle: About\n---\nAbout [[suit]], [s](../events/suit.md) and [c](../claims/antitrust.md).\n",
    );
    site.check()
        .assert_errors(&[
            "content/claims/antitrust.md:2:8: invalid YAML: title: wrong type: sequence, expected a single value (text, a number or a date)",
            "content/events/suit.md:3:1: unknown key \"foo\"",
        ])
        .assert_sentinel_untouched();
}

#[test]
fn a_path_link_to_the_overview_leads_to_the_overview_page() {
    let site = Site::fixture("review-base");
    site.write(
        "content/pages/about.md",
        "---\ntitle: About\n---\nHome [home](../index.md).\n",
    );
    site.build().assert_success();
    assert!(
        site.read("public/about/index.html")
            .contains("<a href=\"../\">home</a>"),
        "{}",
        site.read("public/about/index.html")
    );
}

#[test]
fn a_duplicate_id_blames_no_correct_reference() {
    let site = Site::fixture("review-base");
    site.write(
        "content/events/amazon.md",
        "---\ntitle: Amazon event\ndate: 2021\n---\nx [[amazon#background]]\n",
    );
    site.check()
        .assert_errors(&["content/parties/amazon.md:1:1: duplicate id \"amazon\": content/events/amazon.md has the same file name; ids are unique across the site"])
        .assert_sentinel_untouched();
}

#[test]
fn a_syntax_error_in_a_site_template_names_that_template() {
    let site = Site::fixture("review-base");
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}\n<!-- x -->\n{% import \"macros.html\" as m %}\n{% block content %}hi{% endblock %}\n",
    );
    site.build()
        .assert_errors(&["templates/page.html:3:1: template error: syntax error: unexpected tag; expected end of input, a macro definition tag (`{% macro my_macro() %}`, or some content"])
        .assert_sentinel_untouched();
}

#[test]
fn an_unknown_filter_is_reported_where_it_is_used() {
    let site = Site::fixture("review-base");
    site.write("templates/event.html", "a\n\n{{ page.title | nofilter }}\n");
    site.check()
        .assert_errors(&["templates/event.html:3:17: template error: Filter 'nofilter' not found"])
        .assert_sentinel_untouched();
}

#[test]
fn a_tab_in_the_indentation_is_reported_at_the_tab() {
    let site = Site::fixture("review-base");
    site.write(
        "content/events/suit.md",
        "---\ntitle: Suit\ndate: 2021-01-11\nparties:\n\t- parler\n---\nx\n",
    );
    site.check()
        .assert_errors(&["content/events/suit.md:5:1: invalid YAML: tabs disallowed within this context (block indentation)"])
        .assert_sentinel_untouched();
    site.write(
        "content/events/suit.md",
        "---\ntitle: Suit\n\tdate: 2021-01-11\n---\nx\n",
    );
    site.check()
        .assert_errors(&[
            "content/events/suit.md:3:1: invalid YAML: while scanning a plain scalar, found a tab",
        ])
        .assert_sentinel_untouched();
    site.write(
        "content/events/suit.md",
        "---\ntitle: Suit\ndate: 2021\n---\n",
    );
    site.write("casebook.yaml", "title: X\n\tlanguage: en\n");
    site.check()
        .assert_errors(&[
            "casebook.yaml:2:1: invalid YAML: while scanning a plain scalar, found a tab",
        ])
        .assert_sentinel_untouched();
}

#[test]
fn a_config_without_title_still_has_its_theme_and_language_checked() {
    let site = Site::fixture("review-base");
    site.write("casebook.yaml", "language: fr\ntheme: nope\n");
    site.check()
        .assert_errors(&[
            "casebook.yaml:1:1: missing required key \"title\"",
            "casebook.yaml:1:11: unsupported language \"fr\": casebook knows \"de\" and \"en\"",
            "casebook.yaml:2:8: theme \"nope\" not found: there is no folder themes/nope/",
        ])
        .assert_sentinel_untouched();
}
