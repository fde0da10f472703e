//! End-to-end tests of the editions (SPEC §12): the real binary on the
//! bilingual fixture `tests/sites/translations/` (German main edition, an
//! English translation under `en/`) and on one small site per translation
//! error kind, each with its exact message.

mod support;

use support::links::{hrefs, is_external, resolve_href};
use support::site::Site;

/// One diagnostic, as stderr shows it; the output is left as it was.
fn error_of(fixture: &str, diagnostic: &str) {
    Site::fixture(fixture)
        .build()
        .assert_errors(&[diagnostic])
        .assert_sentinel_untouched();
}

// ---- one site per translation error kind ------------------------------------

#[test]
fn a_fact_set_in_a_translation_names_the_key_and_the_main_file() {
    error_of(
        "translation-fact-key",
        "content/events/suit.en.md:4:1: \"date\" cannot be set in a translation: it comes from the main file content/events/suit.md (a translation holds only title, summary and its own text)",
    );
}

#[test]
fn an_unknown_key_in_a_translation_proposes_a_translatable_one() {
    error_of(
        "translation-unknown-key",
        "content/parties/amazon.en.md:3:1: unknown key \"sumary\" (did you mean \"summary\"?)",
    );
}

#[test]
fn a_translation_without_its_main_file_proposes_the_nearest_id() {
    error_of(
        "translation-without-main",
        "content/parties/amazn.en.md:1:1: a translation of \"amazn\", but there is no content/parties/amazn.md to translate (did you mean \"amazon\"?)",
    );
}

#[test]
fn a_translation_into_an_unlisted_language_names_the_listed_ones() {
    error_of(
        "translation-unlisted-language",
        "content/parties/amazon.fr.md:1:1: a translation into \"fr\", which casebook.yaml does not list in translations (it lists: en)",
    );
}

#[test]
fn a_free_page_may_not_take_an_editions_folder() {
    error_of(
        "translation-reserved-page-id",
        "content/pages/en.md:1:1: the page id \"en\" is taken by the site's own output (casebook writes the en edition to en/); rename the file",
    );
}

#[test]
fn a_link_in_a_translation_must_reach_a_heading_of_its_own_edition() {
    let site = Site::fixture("translations");
    // The German glossary's heading does not exist in the English glossary.
    site.write(
        "content/claims/vertrag.en.md",
        "---\ntitle: Breach of contract\n---\nSee [[glossar#einstweilige-verfügung]].\n",
    );
    site.build()
        .assert_errors(&["content/claims/vertrag.en.md:4:5: \"glossar\" has no heading \"einstweilige-verfügung\""])
        .assert_sentinel_untouched();
}

#[test]
fn translation_settings_in_casebook_yaml_are_checked() {
    let site = Site::fixture("translations");
    site.write(
        "casebook.yaml",
        "title: Testfall\nlanguage: de\ntranslations:\n  en:\n    titel: Test case\n  fr:\n",
    );
    site.build()
        .assert_errors(&[
            "casebook.yaml:5:5: unknown key \"titel\" in \"translations.en\" (did you mean \"title\"?)",
            "casebook.yaml:6:3: unsupported language \"fr\" in translations: casebook knows \"de\" and \"en\"",
        ])
        .assert_sentinel_untouched();
    site.write(
        "casebook.yaml",
        "title: Testfall\nlanguage: de\ntranslations: [en, de]\n",
    );
    site.build()
        .assert_errors(&["casebook.yaml:3:20: translation \"de\" is the site's own language: list only further languages"])
        .assert_sentinel_untouched();
}

// ---- the bilingual site -----------------------------------------------------

fn built() -> Site {
    let site = Site::fixture("translations");
    site.build()
        .assert_success()
        .assert_stdout_contains("en: 3 of 8 pages untranslated");
    site
}

#[test]
fn each_translation_is_built_under_its_language_with_the_same_layout() {
    let site = built();
    let files = site.files("public");
    for page in [
        "index.html",
        "timeline/index.html",
        "parties/index.html",
        "parties/alpha/index.html",
        "parties/beta/index.html",
        "claims/vertrag/index.html",
        "events/klage/index.html",
        "events/urteil/index.html",
        "sources/bericht/index.html",
        "glossar/index.html",
        "404.html",
        "atom.xml",
    ] {
        assert!(files.contains_key(page), "no {page}");
        let english = format!("en/{page}");
        assert!(files.contains_key(&english), "no {english}");
    }
    assert!(
        !files.contains_key("en/style.css"),
        "static files once, at the root"
    );
    assert!(
        !files.contains_key("en/sitemap.xml"),
        "one sitemap for all editions"
    );
}

#[test]
fn a_translation_has_its_words_and_the_main_files_facts() {
    let site = built();
    let english = site.read("public/en/events/klage/index.html");
    assert!(english.contains("<html lang=\"en\">"));
    assert!(english.contains("<h1>Alpha sues</h1>"), "{english}");
    // The date is the main file's, written in the edition's language.
    assert!(english.contains("<time datetime=\"2021-01-11\">January 11, 2021</time>"));
    let german = site.read("public/events/klage/index.html");
    assert!(german.contains("<time datetime=\"2021-01-11\">11. Januar 2021</time>"));
    // The party's aliases come from the main file where the translation has none.
    let alpha = site.read("public/en/parties/alpha/index.html");
    assert!(alpha.contains("Alpha, alpha.example"), "{alpha}");
    // The site's words for the edition, and the main ones where it has none.
    let overview = site.read("public/en/index.html");
    assert!(
        overview.contains("<title>Alpha v. Beta · Test case</title>"),
        "{overview}"
    );
    assert!(overview.contains("<dd>Pending</dd>"));
    assert!(overview.contains("<dd>Alpha v. Beta</dd>"));
}

#[test]
fn links_in_a_translation_stay_in_its_edition() {
    let site = built();
    let klage = site.read("public/en/events/klage/index.html");
    assert!(klage
        .contains("<a href=\"../../glossar/#preliminary-injunction\">preliminary injunction</a>"));
    // An untranslated target: the edition's page, its title marked German.
    assert!(klage.contains("<a href=\"../../parties/beta/\"><span lang=\"de\">Beta AG</span></a>"));
    // A German text shown in the English edition may name a German heading
    // the English page lacks: its link leads to the top of the page.
    let files = site.files("public");
    for (page, bytes) in files.iter().filter(|(page, _)| page.ends_with(".html")) {
        let html = String::from_utf8(bytes.clone()).unwrap();
        for href in hrefs(&html) {
            if is_external(href) || href.starts_with('/') {
                continue;
            }
            let target = resolve_href(page, href).expect("a relative link");
            assert!(files.contains_key(&target), "{page}: {href} → {target}");
            let same_edition = page.starts_with("en/") == target.starts_with("en/");
            let switcher = html.contains(&format!("href=\"{href}\" lang="));
            // Files at the output root that every edition shares (SPEC §11 ones too).
            let stylesheet = [
                "style.css",
                "chart.css",
                "atom.xml",
                "favicon.svg",
                "embed.css",
                "events.ics",
                "case.json",
            ]
            .contains(&target.as_str());
            assert!(
                same_edition || switcher || stylesheet,
                "{page}: {href} leaves its edition"
            );
        }
    }
}

#[test]
fn untranslated_entities_appear_marked_with_their_language() {
    let site = built();
    let urteil = site.read("public/en/events/urteil/index.html");
    assert!(
        urteil.contains("<h1 lang=\"de\">Das Gericht entscheidet</h1>"),
        "{urteil}"
    );
    assert!(urteil.contains("<p class=\"lead\" lang=\"de\">Der Antrag wird abgelehnt.</p>"));
    assert!(urteil.contains("<div class=\"prose\" lang=\"de\">"));
    assert!(urteil.contains(
        "This page has not been translated yet: its text is shown in the original German."
    ));
    // Interface strings follow the page's language all the same.
    assert!(urteil.contains(">Timeline</a>"));
    let timeline = site.read("public/en/timeline/index.html");
    assert!(
        timeline.contains("<a href=\"../events/urteil/\" lang=\"de\">Das Gericht entscheidet</a>"),
        "{timeline}"
    );
    assert!(timeline.contains("<a href=\"../events/klage/\">Alpha sues</a>"));
    // The main edition marks nothing.
    let german = site.read("public/events/urteil/index.html");
    assert!(
        german.contains("<h1>Das Gericht entscheidet</h1>"),
        "{german}"
    );
    assert!(german.contains("<div class=\"prose\">"));
    assert!(!german.contains("untranslated-note"));
}

#[test]
fn every_page_links_to_the_same_page_in_the_other_edition() {
    let site = built();
    let party = site.read("public/parties/alpha/index.html");
    assert!(party.contains("<nav class=\"language-switcher\" aria-label=\"Sprache\">"));
    assert!(party.contains("<li><a href=\"../../parties/alpha/\" lang=\"de\" hreflang=\"de\" aria-current=\"page\">Deutsch</a></li>"));
    assert!(party.contains(
        "<li><a href=\"../../en/parties/alpha/\" lang=\"en\" hreflang=\"en\">English</a></li>"
    ));
    for link in [
        "<link rel=\"alternate\" hreflang=\"de\" href=\"https://example.org/fall/parties/alpha/\">",
        "<link rel=\"alternate\" hreflang=\"x-default\" href=\"https://example.org/fall/parties/alpha/\">",
        "<link rel=\"alternate\" hreflang=\"en\" href=\"https://example.org/fall/en/parties/alpha/\">",
    ] {
        assert!(party.contains(link), "{link}");
    }
    let timeline = site.read("public/en/timeline/index.html");
    assert!(timeline.contains("<nav class=\"language-switcher\" aria-label=\"Language\">"));
    assert!(
        timeline.contains("<a href=\"../../timeline/\" lang=\"de\" hreflang=\"de\">Deutsch</a>")
    );
    assert!(timeline.contains("<link rel=\"stylesheet\" href=\"../../style.css\">"));
    let not_found = site.read("public/en/404.html");
    assert!(not_found.contains("<a href=\"/fall/\" lang=\"de\" hreflang=\"de\">Deutsch</a>"));
    assert!(not_found.contains("<link rel=\"stylesheet\" href=\"/fall/style.css\">"));
}

#[test]
fn the_sitemap_lists_every_page_of_every_edition_with_its_alternates() {
    let site = built();
    let sitemap = site.read("public/sitemap.xml");
    assert!(sitemap.contains("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""));
    assert!(sitemap.contains(
        "  <url>\n    <loc>https://example.org/fall/en/parties/beta/</loc>\n    <xhtml:link rel=\"alternate\" hreflang=\"de\" href=\"https://example.org/fall/parties/beta/\"/>\n    <xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"https://example.org/fall/en/parties/beta/\"/>\n    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"https://example.org/fall/parties/beta/\"/>\n  </url>\n"
    ), "{sitemap}");
    // 12 pages per edition, and each edition's search/ and corrections/.
    assert_eq!(sitemap.matches("<loc>").count(), 2 * 14);
    let feed = site.read("public/en/atom.xml");
    assert!(feed.contains("xml:lang=\"en\""));
    assert!(feed.contains("<title>Alpha sues</title>"));
}

#[test]
fn a_translation_of_an_entity_is_made_by_new_with_lang() {
    let site = Site::fixture("translations");
    site.run(&["new", "party", "beta", "--lang", "en"])
        .assert_success();
    let text = site.read("content/parties/beta.en.md");
    assert_eq!(text, "---\ntitle: Beta AG\nsummary: Die Beklagte.\n---\n\n");
    site.build()
        .assert_success()
        .assert_stdout_contains("en: 2 of 8 pages untranslated");
    site.run(&["new", "party", "gamma", "--lang", "en"])
        .assert_fatal("there is no content/parties/gamma.md to translate: create it first (casebook new party gamma)");
    site.run(&["new", "party", "alpha", "--lang", "fr"])
        .assert_fatal("casebook.yaml lists no translation \"fr\" (it lists: en)");
    site.run(&["new", "party", "alpha", "--lang", "en"])
        .assert_exit(2);
}
