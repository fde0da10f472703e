//! End-to-end tests of SPEC §9 and §10: proceedings, outcomes and the status
//! history of claims, and the two charts, on the fixture sites under
//! `tests/sites/`. Each error kind has its own site and its exact message.

mod support;

use support::links::{hrefs, is_external, resolve_href};
use support::site::Site;

fn error_of(fixture: &str, diagnostic: &str) {
    Site::fixture(fixture)
        .build()
        .assert_errors(&[diagnostic])
        .assert_sentinel_untouched();
}

// ---- one site per error kind ------------------------------------------------

#[test]
fn from_without_via_is_an_error_naming_the_choices() {
    error_of(
        "proceeding-from-without-via",
        "content/proceedings/state.md:4:7: \"from\" needs \"via\": how this proceeding came from \"federal\" (refiled, removed, remanded, appealed, transferred, consolidated)",
    );
}

#[test]
fn via_without_from_is_an_error() {
    error_of(
        "proceeding-via-without-from",
        "content/proceedings/state.md:4:6: \"via\" needs \"from\": the id of the proceeding this one came from",
    );
}

#[test]
fn a_loop_of_from_names_the_proceedings_in_it() {
    error_of(
        "proceeding-cycle",
        "content/proceedings/federal.md:4:7: the proceedings come from each other in a loop: federal → removed → state → federal (one of them must be where the case began)",
    );
}

#[test]
fn a_court_that_is_not_a_court_is_an_error() {
    error_of(
        "proceeding-court-not-a-court",
        "content/proceedings/federal.md:3:8: \"cloud\" is not a court (its kind is company); \"court\" takes a party of kind court",
    );
}

#[test]
fn an_outcome_for_an_id_that_is_not_a_claim_is_an_error() {
    Site::fixture("outcome-not-a-claim")
        .build()
        .assert_errors(&[
            "content/events/denied.md:6:3: \"cloud\" is a party, \"outcomes\" takes claims",
            "content/events/denied.md:7:3: unknown id \"antitrus\" (did you mean \"antitrust\"?)",
        ])
        .assert_sentinel_untouched();
}

#[test]
fn an_unknown_status_in_outcomes_proposes_the_nearest() {
    error_of(
        "outcome-unknown-status",
        "content/events/denied.md:5:14: unknown claim status \"denyed\" (did you mean \"denied\"?); expected one of: alleged, pending, granted, denied, dismissed, withdrawn, settled",
    );
}

#[test]
fn a_status_contradicting_the_last_outcome_names_both_files() {
    error_of(
        "status-contradicts-outcome",
        "content/claims/antitrust.md:5:9: status \"granted\" contradicts the last outcome, \"denied\" in content/events/denied.md:5:14 (remove \"status\" and let the outcomes decide)",
    );
}

#[test]
fn a_proceeding_without_a_court_is_an_error() {
    let site = Site::fixture("proceedings");
    site.write(
        "content/proceedings/federal.md",
        "---\ntitle: Federal suit\n---\n",
    );
    site.build()
        .assert_errors(&[
            "content/proceedings/federal.md:2:8: a proceeding needs a \"court\": the id of a party of kind court",
        ])
        .assert_sentinel_untouched();
}

#[test]
fn proceeding_takes_proceedings() {
    let site = Site::fixture("proceedings");
    site.write(
        "content/events/refiled.md",
        "---\ntitle: Suit refiled\ndate: 2021-03-02\nproceeding: cloud\n---\n",
    );
    site.build()
        .assert_errors(&[
            "content/events/refiled.md:4:13: \"cloud\" is a party, \"proceeding\" takes proceedings",
        ])
        .assert_sentinel_untouched();
}

// ---- what a valid site shows ------------------------------------------------

#[test]
fn proceedings_get_their_pages_and_the_lineage() {
    let site = Site::fixture("proceedings");
    site.build().assert_success();
    let list = site.read("public/proceedings/index.html");
    let federal = list.find("Federal suit").expect("federal");
    let state = list.find("State suit").expect("state");
    let removed = list.find("Removed suit").expect("removed");
    assert!(federal < state && state < removed, "lineage order");
    assert!(list.contains("refiled after <a href=\"../proceedings/federal/\">Federal suit</a>"));
    let page = site.read("public/proceedings/removed/index.html");
    assert!(page.contains("1:21-cv-2"));
    assert!(page.contains("href=\"../../parties/federal-court/\""));
    assert!(page.contains("href=\"../../claims/remand/\""), "its claims");
    assert!(
        page.contains("href=\"../../events/remanded/\""),
        "its events"
    );
    let state_page = site.read("public/proceedings/state/index.html");
    assert!(state_page.contains("Removed suit</a> (removal to federal court)"));
    let overview = site.read("public/index.html");
    assert!(overview.contains("class=\"lineage\""));
    assert!(overview.contains("href=\"proceedings/\""));
}

#[test]
fn a_claim_shows_its_status_history_and_its_current_status() {
    let site = Site::fixture("proceedings");
    site.build().assert_success();
    let claim = site.read("public/claims/injunction/index.html");
    let steps = &claim[claim.find("class=\"status-steps\"").expect("steps")..];
    let pending = steps.find("status-pending").expect("pending step");
    let denied = steps.find("status-denied").expect("denied step");
    assert!(pending < denied, "dated steps in timeline order");
    assert!(steps.contains("href=\"../../events/denied/\""));
    // the current status is the last outcome, in every list of claims
    let list = site.read("public/claims/index.html");
    let injunction = &list[list.find("Motion for an injunction").expect("listed")..];
    assert!(injunction[..400].contains("status-denied"));
    // an event that names a claim only in outcomes is on the claim's page
    let remand = site.read("public/claims/remand/index.html");
    assert!(remand.contains("href=\"../../events/remanded/\""));
}

#[test]
fn charts_are_inline_svg_with_a_link_and_title_per_event() {
    let site = Site::fixture("proceedings");
    site.build().assert_success();
    let timeline = site.read("public/timeline/index.html");
    let svg = &timeline[timeline.find("<svg class=\"tl\"").expect("chart")..];
    let svg = &svg[..svg.find("</svg>").expect("closed")];
    assert!(svg.contains("role=\"group\" aria-label="));
    assert_eq!(svg.matches("<title>").count(), 6, "one title per event");
    for href in hrefs(svg).into_iter().filter(|h| !is_external(h)) {
        let target = resolve_href("timeline/index.html", href).expect("resolvable");
        assert!(site.path(&format!("public/{target}")).exists(), "{href}");
    }
    assert!(
        svg.contains("class=\"v a\""),
        "the approximate month is drawn apart"
    );
    for page in ["parties/cloud", "claims/antitrust", "proceedings/federal"] {
        let html = site.read(&format!("public/{page}/index.html"));
        assert!(html.contains("<svg class=\"tl\""), "{page} has its chart");
    }
    let overview = site.read("public/index.html");
    assert!(overview.contains("<svg class=\"rm\""), "the relation map");
    assert!(overview.contains("marker-end=\"url(#rm-arrow)\""));
}

#[test]
fn a_site_without_proceedings_shows_none_of_them() {
    let site = Site::fixture("valid");
    site.build().assert_success();
    assert!(!site.path("public/proceedings").exists());
    let overview = site.read("public/index.html");
    assert!(!overview.contains("proceedings/"));
    assert!(!overview.contains("class=\"lineage\""));
}
