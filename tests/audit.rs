//! End-to-end tests from an acceptance audit against SPEC.md: each pins a
//! deviation found by writing a new site from the SPEC alone and breaking
//! it the way a writer would, and the exact behaviour the SPEC asks for.

mod support;

use support::site::Site;

/// SPEC §4: a build reports all errors it finds. The checks of §9 (a court
/// that is not a court, a loop of `from`, a status that contradicts its
/// outcome) used to run only once every reference resolved, so one unknown
/// id anywhere hid them.
#[test]
fn proceeding_errors_are_reported_beside_unknown_ids() {
    let site = Site::fixture("proceeding-court-not-a-court");
    site.write(
        "content/pages/about.md",
        "---\ntitle: About\n---\nSee [[plaintif]].\n",
    );
    site.build()
        .assert_errors(&[
            "content/pages/about.md:4:5: unknown id \"plaintif\" (did you mean \"plaintiff\"?)",
            "content/proceedings/federal.md:3:8: \"cloud\" is not a court (its kind is company); \"court\" takes a party of kind court",
        ])
        .assert_sentinel_untouched();
}

#[test]
fn a_status_contradicting_its_outcome_is_reported_beside_an_unknown_id() {
    let site = Site::fixture("status-contradicts-outcome");
    site.write(
        "content/pages/about.md",
        "---\ntitle: About\n---\nSee [[plaintif]].\n",
    );
    site.check().assert_errors(&[
        "content/claims/antitrust.md:5:9: status \"granted\" contradicts the last outcome, \"denied\" in content/events/denied.md:5:14 (remove \"status\" and let the outcomes decide)",
        "content/pages/about.md:4:5: unknown id \"plaintif\" (did you mean \"plaintiff\"?)",
    ]);
}

/// A path link to the second of two files sharing an id (`aws.md` and the
/// bundle `aws/index.md`) used to say the file did not exist; the duplicate
/// id is the one mistake, reported once (README, Diagnostics).
#[test]
fn a_path_link_to_a_duplicate_reports_only_the_duplicate() {
    let site = Site::fixture("minimal");
    site.write(
        "content/parties/amazon/index.md",
        "---\ntitle: Amazon bundle\n---\n",
    );
    site.write(
        "content/pages/about.md",
        "---\ntitle: About\n---\n[one](../parties/amazon.md), [two](../parties/amazon/index.md)\n",
    );
    site.build()
        .assert_errors(&[
            "content/parties/amazon.md:1:1: duplicate id \"amazon\": content/parties/amazon/index.md has the same file name; ids are unique across the site",
        ])
        .assert_sentinel_untouched();
}

/// SPEC §3: a free page may not take an id the output uses. `casebook new
/// page timeline` used to create the file that the next build refused.
#[test]
fn new_refuses_a_page_id_the_output_uses() {
    let site = Site::fixture("minimal");
    site.write("static/files/readme.txt", "x");
    site.run(&["new", "page", "timeline"])
        .assert_fatal("the page id \"timeline\" is taken by the site's own output (casebook writes timeline/ itself); choose another");
    site.run(&["new", "page", "files"])
        .assert_fatal("the page id \"files\" is taken by the site's own output (static/ has files); choose another");
    assert!(!site.path("content/pages").exists());
    site.write(
        "casebook.yaml",
        "title: Test case\nlanguage: en\ntranslations: [de]\n",
    );
    site.run(&["new", "page", "de"])
        .assert_fatal("the page id \"de\" is taken by the site's own output (casebook writes the de edition to de/); choose another");
    site.run(&["new", "party", "timeline"]).assert_exit(0);
    site.run(&["new", "page", "about"]).assert_exit(0);
}

/// README (Diagnostics): a key misspelled is not reported missing a second
/// time. `title` kept to it; `date` of an event, `by` of a claim and `court`
/// of a proceeding were reported twice, as unknown and as missing.
#[test]
fn a_misspelled_required_key_is_not_reported_missing_too() {
    let site = Site::fixture("proceeding-court-not-a-court");
    site.write(
        "content/proceedings/federal.md",
        "---\ntitle: Federal suit\ncourts: federal-court\n---\n",
    );
    site.write(
        "content/events/filed.md",
        "---\ntitle: Filed\ndat: 2021-01-11\n---\n",
    );
    site.write(
        "content/claims/antitrust.md",
        "---\ntitle: Antitrust\nbyy: [plaintiff]\n---\n",
    );
    site.write(
        "content/events/ruled.md",
        "---\ntitle: Ruled\ndate: 2021-13\n---\n",
    );
    site.build()
        .assert_errors(&[
            "content/claims/antitrust.md:3:1: unknown key \"byy\" (did you mean \"by\"?)",
            "content/events/filed.md:3:1: unknown key \"dat\" (did you mean \"date\"?)",
            "content/events/ruled.md:3:7: impossible date \"2021-13\": there is no month 13",
            "content/proceedings/federal.md:3:1: unknown key \"courts\" (did you mean \"court\"?)",
        ])
        .assert_sentinel_untouched();
}

/// A required key left out altogether is still reported missing.
#[test]
fn a_required_key_left_out_is_reported_missing() {
    let site = Site::fixture("proceeding-court-not-a-court");
    site.write(
        "content/proceedings/federal.md",
        "---\ntitle: Federal suit\n---\n",
    );
    site.write("content/events/filed.md", "---\ntitle: Filed\n---\n");
    site.write(
        "content/claims/antitrust.md",
        "---\ntitle: Antitrust\n---\n",
    );
    site.build()
        .assert_errors(&[
            "content/claims/antitrust.md:2:1: a claim needs \"by\": the id of at least one party bringing it",
            "content/events/filed.md:2:8: an event needs a \"date\" (YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM)",
            "content/proceedings/federal.md:2:8: a proceeding needs a \"court\": the id of a party of kind court",
        ])
        .assert_sentinel_untouched();
}

/// `casebook new proceeding` writes `court: ''` to fill in; building it said
/// `unknown id ""`. An empty court is a missing court, at its line; any
/// other empty id says it is empty.
#[test]
fn an_empty_id_says_it_is_empty() {
    let site = Site::fixture("proceeding-court-not-a-court");
    site.run(&["new", "proceeding", "appeal"]).assert_exit(0);
    site.write(
        "content/pages/about.md",
        "---\ntitle: About\n---\nSee [[]] and [[|this]].\n",
    );
    site.write(
        "content/proceedings/federal.md",
        "---\ntitle: Federal suit\ncourt: federal-court\nfrom: \"\"\nvia: refiled\n---\n",
    );
    site.build()
        .assert_errors(&[
            "content/pages/about.md:4:5: empty id: write the id of an entity here",
            "content/pages/about.md:4:14: empty id: write the id of an entity here",
            "content/proceedings/appeal.md:4:8: a proceeding needs a \"court\": the id of a party of kind court",
            "content/proceedings/federal.md:4:7: empty id: write the id of an entity here",
        ])
        .assert_sentinel_untouched();
}

/// SPEC §3: an unknown key gets a "did you mean". Two-letter keys (`by`)
/// and a wrong case got none.
#[test]
fn short_and_wrongly_cased_names_get_a_suggestion() {
    let site = Site::fixture("minimal");
    site.write(
        "content/claims/breach.md",
        "---\ntitle: Breach\nbi: [amazon]\n---\nSee [the defendant](../parties/Amazon.md).\n",
    );
    site.build()
        .assert_errors(&[
            "content/claims/breach.md:3:1: unknown key \"bi\" (did you mean \"by\"?)",
            "content/claims/breach.md:5:5: link to \"../parties/Amazon.md\": there is no content file content/parties/Amazon.md (did you mean \"content/parties/amazon.md\"?)",
        ])
        .assert_sentinel_untouched();
}

/// SPEC §7: exit 2 for usage errors. A wrong `--base-url` was only looked at
/// after the content was read, so a site with mistakes answered 1 and never
/// mentioned the option; now it is refused as it is parsed, like any option.
#[test]
fn a_wrong_base_url_option_is_a_usage_error_before_anything_is_built() {
    let site = Site::fixture("unknown-id");
    let run = site.run(&["build", "--base-url", "example.org/case"]);
    assert!(
        run.stderr().starts_with("error: invalid value 'example.org/case' for '--base-url <URL>': base_url \"example.org/case\" is not an absolute http(s) URL"),
        "{}",
        run.stderr()
    );
    run.assert_exit(2).assert_sentinel_untouched();
}

/// README (Diagnostics): one mistake hides no other. A correction without
/// its date or text made the whole file unreadable, hiding every other error
/// of the file (its `updated`, its `end`, its references, its body).
#[test]
fn a_correction_missing_a_key_hides_no_other_error_of_the_file() {
    let site = Site::fixture("minimal");
    site.write(
        "content/events/filed.md",
        "---\ntitle: Filed\ndate: 2021\ncorrections:\n  - {text: Fixed the date.}\nupdated: yesterday\nend: 2019\nparties: [amazn]\n---\nSee [[amazn]].\n",
    );
    site.write(
        "content/events/ruled.md",
        "---\ntitle: Ruled\ndate: 2021\ncorrections:\n  - {dat: 2021, text: Fixed.}\n---\n",
    );
    site.build()
        .assert_errors(&[
            "content/events/filed.md:5:5: missing required key \"date\" in \"corrections[0]\"",
            "content/events/filed.md:6:10: invalid date \"yesterday\": expected YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS] with an optional Z or ±HH:MM offset",
            "content/events/filed.md:7:6: the end 2019 is before the date 2021",
            "content/events/filed.md:8:11: unknown id \"amazn\" (did you mean \"amazon\"?)",
            "content/events/filed.md:10:5: unknown id \"amazn\" (did you mean \"amazon\"?)",
            "content/events/ruled.md:5:6: unknown key \"dat\" in \"corrections[0]\" (did you mean \"date\"?)",
        ])
        .assert_sentinel_untouched();
}

/// The overview has no id (README, References), but `[[index]]` is what a
/// writer tries first: the error says how to link to it instead.
#[test]
fn a_wiki_link_to_index_says_how_to_link_to_the_overview() {
    let site = Site::fixture("minimal");
    site.write(
        "content/pages/about.md",
        "---\ntitle: About\n---\nBack to [[index]].\n",
    );
    site.write(
        "content/sources/complaint/index.md",
        "---\ntitle: Complaint\n---\nBack to [[index|the case]].\n",
    );
    site.build()
        .assert_errors(&[
            "content/pages/about.md:4:9: unknown id \"index\": the overview has no id; link to it by its path, [text](../index.md)",
            "content/sources/complaint/index.md:4:9: unknown id \"index\": the overview has no id; link to it by its path, [text](../../index.md)",
        ])
        .assert_sentinel_untouched();
    site.write(
        "content/pages/about.md",
        "---\ntitle: About\n---\nBack to [the case](../index.md).\n",
    );
    site.write(
        "content/sources/complaint/index.md",
        "---\ntitle: Complaint\n---\nBack to [the case](../../index.md).\n",
    );
    site.build().assert_success();
    assert!(site
        .read("public/about/index.html")
        .contains("<a href=\"../\">the case</a>"));
}

/// A Markdown file outside the content folders is named with every folder a
/// file can live in, proceedings included (SPEC §9 added them).
#[test]
fn a_misplaced_file_is_told_every_content_folder() {
    let site = Site::fixture("minimal");
    site.write("content/other/x.md", "---\ntitle: X\n---\n");
    site.build()
        .assert_errors(&[
            "content/other/x.md:1:1: this file is not in a content folder: entities live in content/parties/, content/claims/, content/events/, content/sources/, content/proceedings/ or content/pages/ (as <id>.md, or as <id>/index.md with files beside it), the overview is content/index.md",
        ])
        .assert_sentinel_untouched();
}
