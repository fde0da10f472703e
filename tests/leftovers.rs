//! End-to-end tests of mistakes that used to hide one another, and of
//! output that was wrong in a corner: each breaks a small site the way a
//! writer would and pins what the SPEC asks for.

mod support;

use support::browser::dom_after_scripts;
use support::links::resolve_href;
use support::site::Site;

/// SPEC §4: a build reports all errors it finds. A translation whose front
/// matter had an error was not loaded at all, so the references of its body
/// went unchecked until the front matter was fixed.
#[test]
fn a_translation_with_a_front_matter_error_still_has_its_references_checked() {
    let site = Site::fixture("translations");
    site.write(
        "content/claims/vertrag.en.md",
        "---\ntitle: Breach of contract\nstatus: granted\nsumary: Beta broke it.\n---\nAlpha sues [[betta]], see [the report](../sources/berict.md).\n",
    );
    site.write(
        "content/parties/alpha.en.md",
        "---\ntitle: [Alpha Ltd]\n---\nAlpha runs [[glossar#no-such-heading]].\n",
    );
    site.build()
        .assert_errors(&[
            "content/claims/vertrag.en.md:3:1: \"status\" cannot be set in a translation: it comes from the main file content/claims/vertrag.md (a translation holds only title, summary and its own text)",
            "content/claims/vertrag.en.md:4:1: unknown key \"sumary\" (did you mean \"summary\"?)",
            "content/claims/vertrag.en.md:6:12: unknown id \"betta\" (did you mean \"beta\"?)",
            "content/claims/vertrag.en.md:6:27: link to \"../sources/berict.md\": there is no content file content/sources/berict.md (did you mean \"content/sources/bericht.md\"?)",
            "content/parties/alpha.en.md:2:8: invalid YAML: title: wrong type: sequence, expected a single value (text, a number or a date)",
            "content/parties/alpha.en.md:4:12: \"glossar\" has no heading \"no-such-heading\"",
        ])
        .assert_sentinel_untouched();
}

/// A translation without a title is still said to miss one, and nothing
/// else of it is lost.
#[test]
fn a_translation_without_a_title_reports_it_beside_its_references() {
    let site = Site::fixture("translations");
    site.write(
        "content/claims/vertrag.en.md",
        "---\nsummary: Beta broke it.\n---\nAlpha sues [[betta]].\n",
    );
    site.build()
        .assert_errors(&[
            "content/claims/vertrag.en.md:1:1: missing required key \"title\"",
            "content/claims/vertrag.en.md:4:12: unknown id \"betta\" (did you mean \"beta\"?)",
        ])
        .assert_sentinel_untouched();
}

/// SPEC §4 and §11: every bad correction of a file is reported in one run,
/// each at its own place; a misspelled key is reported once, as unknown.
#[test]
fn every_bad_correction_of_a_file_is_reported_at_its_own_place() {
    let site = Site::fixture("minimal");
    site.write(
        "content/events/filed.md",
        concat!(
            "---\ntitle: Filed\ndate: 2021\ncorrections:\n",
            "  - {text: Fixed the date.}\n",
            "  - {dat: 2021-02-01, text: Fixed the title.}\n",
            "  - {date: 2021-02-30, text: Fixed a name.}\n",
            "  - {date: 2021-03-01}\n",
            "  - {date: 2021-03-02, text: [a, list]}\n",
            "  - Fixed everything.\n",
            "  - {date: 2021-03-03, text: Right.}\n",
            "  - {date: 2021-03-04, text: Right too., note: x}\n",
            "parties: [amazn]\n---\n",
        ),
    );
    site.build()
        .assert_errors(&[
            "content/events/filed.md:5:5: missing required key \"date\" in \"corrections[0]\"",
            "content/events/filed.md:6:6: unknown key \"dat\" in \"corrections[1]\" (did you mean \"date\"?)",
            "content/events/filed.md:7:12: impossible date \"2021-02-30\": February 2021 has 28 days",
            "content/events/filed.md:8:5: missing required key \"text\" in \"corrections[3]\"",
            "content/events/filed.md:9:30: invalid YAML: corrections[4].text: wrong type: sequence, expected a string",
            "content/events/filed.md:10:5: invalid YAML: corrections[5]: wrong type: string \"Fixed everything.\", expected keys with values (key: value)",
            "content/events/filed.md:12:42: unknown key \"note\" in \"corrections[7]\"",
            "content/events/filed.md:13:11: unknown id \"amazn\" (did you mean \"amazon\"?)",
        ])
        .assert_sentinel_untouched();
}

/// Builds the site with `text` as the body of its page `about`: the page's
/// HTML and its first paragraph.
fn about_page(site: &Site, text: &str) -> (String, String) {
    site.write(
        "content/pages/about.md",
        format!("---\ntitle: About\n---\n{text}\n"),
    );
    site.build().assert_success();
    let html = site.read("public/about/index.html");
    let body = &html[html.find("<p>").expect("a paragraph")..];
    let paragraph = body[..body.find("</p>").expect("its end") + 4].to_owned();
    (html, paragraph)
}

/// SPEC §4: a wiki reference inside the text of a Markdown link. HTML cannot
/// nest links: the outer link wins and the reference shows its text in it;
/// before, the inner link won and the outer one's brackets and path were
/// left on the page as text.
#[test]
fn a_reference_inside_a_links_text_leaves_one_link_and_no_markdown_behind() {
    let site = Site::fixture("minimal");
    let (html, paragraph) = about_page(
        &site,
        "Read [what [[amazon]] said](https://example.org/said) and [the [[amazon|defendant]]'s side](../parties/amazon.md#background).",
    );
    assert_eq!(
        paragraph,
        "<p>Read <a href=\"https://example.org/said\">what Amazon said</a> and <a href=\"../parties/amazon/#background\">the defendant’s side</a>.</p>"
    );
    let mut depth = 0;
    for piece in html.split('<').skip(1) {
        if piece.starts_with("a ") || piece.starts_with("a>") {
            depth += 1;
            assert_eq!(depth, 1, "an <a> inside an <a>: {html}");
        } else if piece.starts_with("/a>") {
            depth -= 1;
        }
    }
}

/// A reference in editorial brackets, `[[[amazon]]]` (a writer's "[Amazon]"
/// in a quotation), was left in the page as raw brackets, with no error.
#[test]
fn a_reference_in_editorial_brackets_is_a_link_inside_the_brackets() {
    let site = Site::fixture("minimal");
    let (_, paragraph) = about_page(
        &site,
        "\"[[[amazon]]] cut us off\", and [[[amazon|the host]]] said so.",
    );
    assert_eq!(
        paragraph,
        "<p>“[<a href=\"../parties/amazon/\">Amazon</a>] cut us off”, and [<a href=\"../parties/amazon/\">the host</a>] said so.</p>"
    );
    site.write(
        "content/pages/about.md",
        "---\ntitle: About\n---\nSee [[[amazn]]].\n",
    );
    let failed = site.build().assert_exit(1);
    assert!(
        failed
            .stderr()
            .contains("content/pages/about.md:4:6: unknown id \"amazn\""),
        "{}",
        failed.stderr()
    );
}

/// The `<iframe>` snippet in a timeline page, as its code shows it (the
/// HTML's own escapes undone).
fn embed_snippet(page: &str) -> String {
    let start = page.find("<pre><code>&lt;iframe").expect("the snippet") + "<pre><code>".len();
    let end = start + page[start..].find("</code>").unwrap();
    page[start..end]
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x2F;", "/")
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
}

/// The `src` of a snippet.
fn src(snippet: &str) -> &str {
    let start = snippet.find("src=\"").expect("a src") + 5;
    &snippet[start..start + snippet[start..].find('"').unwrap()]
}

/// SPEC §11 "Embed": the snippet is pasted into another site, so its
/// address must lead back here. Without a `base_url` it was `embed/timeline/`,
/// a broken frame anywhere else; now the HTML holds the address relative to
/// the timeline page, and the page's script makes it absolute.
#[test]
fn the_embed_snippet_leads_to_the_embedded_timeline_with_or_without_a_base_url() {
    let site = Site::fixture("translations");
    let config = site.read("casebook.yaml");
    site.write(
        "casebook.yaml",
        config.replace("base_url: https://example.org/fall/\n", ""),
    );
    site.build().assert_success();
    for (page, embed) in [
        ("timeline/index.html", "embed/timeline/index.html"),
        ("en/timeline/index.html", "en/embed/timeline/index.html"),
    ] {
        let html = site.read(&format!("public/{page}"));
        let snippet = embed_snippet(&html);
        assert_eq!(src(&snippet), "../embed/timeline/", "{page}");
        assert_eq!(resolve_href(page, src(&snippet)).as_deref(), Some(embed));
        assert!(site.path(&format!("public/{embed}")).is_file());
        assert!(
            html.contains("new URL(src, location.href)"),
            "the script that makes it absolute: {page}"
        );
    }
    site.write("casebook.yaml", config);
    site.build().assert_success();
    for (page, url) in [
        (
            "timeline/index.html",
            "https://example.org/fall/embed/timeline/",
        ),
        (
            "en/timeline/index.html",
            "https://example.org/fall/en/embed/timeline/",
        ),
    ] {
        let html = site.read(&format!("public/{page}"));
        assert_eq!(src(&embed_snippet(&html)), url, "{page}");
        assert!(!html.contains("location.href"), "no script needed: {page}");
    }
}

/// In a browser the snippet of a site without `base_url` shows the absolute
/// address of the embedded timeline, wherever the site is read.
#[test]
fn without_a_base_url_the_browser_shows_the_absolute_address_to_embed() {
    let site = Site::fixture("minimal");
    site.build().assert_success();
    let public = site.path("public").canonicalize().expect("the output");
    let page = format!("file://{}/timeline/index.html", public.display());
    let dom = dom_after_scripts(&page, &site.outside().join("chromium-profile"));
    let expected = format!("file://{}/embed/timeline/", public.display());
    let start = dom.find("&lt;iframe").expect("the snippet");
    let snippet = &dom[start..start + dom[start..].find("</code>").unwrap()];
    assert_eq!(src(snippet), expected, "{snippet}");
}
