//! Markdown: the one module that knows pulldown-cmark.
//!
//! `scan` runs at load time and finds what resolving needs: the headings with
//! their stable anchor ids, the `[[wiki]]` references and the links to other
//! content files, each with its position. Nothing inside code spans or code
//! blocks counts. `render` turns a body into HTML with those references
//! rewritten to relative URLs that the caller supplies.

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

use crate::diagnostic::{LineIndex, Position};
use crate::model::href::{self, Href};
use crate::model::{Body, BodyLink, Heading, LinkTarget};

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_TASKLISTS
}

/// Reads a body: its headings and its references, positioned in the file.
pub(crate) fn scan(markdown: String, origin: Position) -> Body {
    let mut code = Vec::new();
    let mut headings = Vec::new();
    let mut links = Vec::new();
    let mut link_spans = Vec::new();
    let mut problems = Vec::new();
    let mut heading: Option<(HeadingLevel, Option<String>, String)> = None;
    let mut slugs = Slugs::default();
    let lines = LineIndex::new(&markdown, origin);
    for (event, range) in Parser::new_ext(&markdown, options()).into_offset_iter() {
        match event {
            Event::Code(text) => {
                if let Some((_, _, title)) = heading.as_mut() {
                    title.push_str(&text);
                }
                code.push(range);
            }
            Event::Start(Tag::CodeBlock(_)) => code.push(range),
            Event::Start(Tag::Heading { level, id, .. }) => {
                heading = Some((level, id.map(|id| id.to_string()), String::new()));
            }
            Event::Text(text) if heading.is_some() => {
                if let Some((_, _, title)) = heading.as_mut() {
                    title.push_str(&text);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, explicit, text)) = heading.take() {
                    let id = explicit.unwrap_or_else(|| slugs.unique(&slugify(&text)));
                    headings.push(Heading {
                        level: level as u8,
                        id,
                        text,
                    });
                }
            }
            Event::Start(
                Tag::Link {
                    dest_url,
                    link_type,
                    ..
                }
                | Tag::Image {
                    dest_url,
                    link_type,
                    ..
                },
            ) => {
                link_spans.push(range.clone());
                match destination(&dest_url, link_type) {
                    Ok(Some((target, fragment))) => links.push(BodyLink {
                        target,
                        fragment,
                        at: lines.position(&markdown, range.start),
                        span: range,
                    }),
                    Ok(None) => {}
                    Err(message) => {
                        problems.push((lines.position(&markdown, range.start), message))
                    }
                }
            }
            _ => {}
        }
    }
    add_wiki_refs(&markdown, &code, &lines, &mut links, &mut problems);
    links.sort_by_key(|link| link.at);
    problems.sort();
    Body {
        digest: digest_of(&markdown),
        markdown,
        origin,
        headings,
        links,
        link_spans,
        problems,
    }
}

/// The `[[…]]` references of the text as links, its unclosed `[[` as problems.
/// A hash of the Markdown (foldhash: fast, and seeded alike in every run
/// of one process, which is where digests are compared).
fn digest_of(markdown: &str) -> u64 {
    use std::hash::BuildHasher;
    foldhash::quality::FixedState::default().hash_one(markdown)
}

fn add_wiki_refs(
    markdown: &str,
    code: &[Range<usize>],
    lines: &LineIndex,
    links: &mut Vec<BodyLink>,
    problems: &mut Vec<(Position, String)>,
) {
    let wikis = wiki_refs(markdown, code);
    problems.extend(wikis.unclosed.iter().map(|&at| {
        (
            lines.position(markdown, at),
            "unclosed \"[[\": a reference is [[id]] on one line; for literal brackets write \\[["
                .to_owned(),
        )
    }));
    links.extend(wikis.refs.into_iter().map(|wiki| BodyLink {
        at: lines.position(markdown, wiki.range.start),
        span: wiki.range,
        target: LinkTarget::Wiki {
            id: wiki.id,
            text: wiki.text,
        },
        fragment: wiki.fragment,
    }));
}

/// What a Markdown link or image destination means for the site: a content
/// file (`../parties/aws.md#x`), a bundle file (`complaint.pdf`), nothing to
/// check (a URL, a page of the output), or a mistake.
fn destination(
    dest: &str,
    link_type: LinkType,
) -> Result<Option<(LinkTarget, Option<String>)>, String> {
    if link_type == LinkType::Email {
        return Ok(None);
    }
    match href::classify(dest) {
        Href::RunsCode(scheme) => Err(href::runs_code_message(dest, &scheme)),
        Href::RootAbsolute => Err(root_absolute_message(dest)),
        Href::External | Href::Mail | Href::Fragment => Ok(None),
        Href::Relative { path, fragment } => {
            let target = if path.ends_with(".md") {
                LinkTarget::ContentPath { path }
            } else if is_file_path(&path) {
                LinkTarget::File { path }
            } else {
                return Ok(None);
            };
            Ok(Some((target, fragment)))
        }
    }
}

/// `complaint.pdf`, `img/photo.jpg`: a name with an extension; not a page of
/// the output (`../timeline/`, `index.html`).
fn is_file_path(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    match name.rsplit_once('.') {
        Some((stem, extension)) => {
            !stem.is_empty() && !extension.is_empty() && !matches!(extension, "html" | "htm")
        }
        None => false,
    }
}

/// A root-absolute link, with the fix: `[[id]]` where it names an entity's page.
fn root_absolute_message(dest: &str) -> String {
    let parts: Vec<&str> = dest.trim_matches('/').split('/').collect();
    let fix = match parts.as_slice() {
        [_, id] | [id] if !id.is_empty() && !id.contains('.') => format!("write [[{id}]]"),
        _ => "write a path relative to this file (../ climbs one folder)".to_owned(),
    };
    format!(
        "link to \"{dest}\" starts at the host's root and breaks when the site is served under a subpath; {fix} instead"
    )
}

/// A `[[id#fragment|text]]` found in the raw text.
#[derive(Debug, PartialEq, Eq)]
struct WikiRef {
    range: Range<usize>,
    id: String,
    fragment: Option<String>,
    text: Option<String>,
}

/// What the raw text holds in `[[…]]` terms, outside code.
#[derive(Debug, Default, PartialEq, Eq)]
struct WikiScan {
    refs: Vec<WikiRef>,
    /// Byte offsets of each `[[` that no `]]` closes on its line.
    unclosed: Vec<usize>,
}

/// Every wiki reference outside the given code ranges (sorted, as the parser
/// reports them), in one pass: each byte is looked at a bounded number of
/// times, so hostile input (a line of 200 000 `[[`) stays linear.
fn wiki_refs(markdown: &str, code: &[Range<usize>]) -> WikiScan {
    let mut scan = WikiScan::default();
    let mut code = code.iter().peekable();
    let mut from = 0;
    while let Some(start) = markdown[from..].find("[[").map(|at| from + at) {
        while code.next_if(|range| range.end <= start).is_some() {}
        if let Some(range) = code.peek().filter(|range| range.start <= start) {
            from = range.end;
            continue;
        }
        let inner_start = start + 2;
        let stop = markdown[inner_start..]
            .find(['\n', '[', ']'])
            .map_or(markdown.len(), |at| inner_start + at);
        match &markdown.as_bytes()[stop..] {
            [b']', b']', ..] => {
                scan.refs
                    .push(parse_wiki(&markdown[inner_start..stop], start..stop + 2));
                from = stop + 2;
            }
            // `[[a [[b]]`: the inner `[[` may be the reference; look again
            // from just before it, so that in `[[[b]]]` (a reference in
            // editorial brackets) the last two `[` open it.
            [b'[', ..] => from = stop - 1,
            // `[[a]b`: brackets of some other Markdown, not a reference.
            [b']', ..] => from = stop + 1,
            // The line (or the text) ends first.
            _ => {
                scan.unclosed.push(start);
                from = stop;
            }
        }
    }
    scan
}

fn parse_wiki(inner: &str, range: Range<usize>) -> WikiRef {
    let (target, text) = match inner.split_once('|') {
        Some((target, text)) => (target, Some(text.trim().to_owned())),
        None => (inner, None),
    };
    let (id, fragment) = match target.split_once('#') {
        Some((id, fragment)) => (id, Some(fragment.trim().to_owned())),
        None => (target, None),
    };
    WikiRef {
        range,
        id: id.trim().to_owned(),
        fragment,
        text: text.filter(|text| !text.is_empty()),
    }
}

/// Where a reference points once resolved: the URL and the target's title.
pub(crate) struct Resolved {
    pub(crate) url: String,
    pub(crate) title: String,
    /// The language of the title where it is not the page's (an untranslated
    /// entity in a translation's edition): a bare `[[id]]` marks it.
    pub(crate) lang: Option<String>,
}

/// Renders a body to HTML; `resolve` gives each of its references' targets.
pub(crate) fn render(body: &Body, resolve: impl Fn(&BodyLink) -> Option<Resolved>) -> String {
    let wikis = body_wikis(body);
    let links = resolved_links(body, &resolve);
    let source = with_placeholders(&body.markdown, &body.link_spans, &wikis, &links);
    let mut heading_ids = body.headings.iter().map(|heading| heading.id.as_str());
    let mut pending_title: Option<(String, Option<String>)> = None;
    let mut events = Vec::new();
    for event in Parser::new_ext(&source, options()) {
        match event {
            Event::Start(Tag::Heading {
                level,
                id: None,
                classes,
                attrs,
            }) => {
                let id = heading_ids.next().map(|id| CowStr::from(id.to_owned()));
                events.push(Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs,
                }));
            }
            Event::Start(Tag::Heading { .. }) => {
                heading_ids.next();
                events.push(event);
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let (dest_url, wiki_title) = rewrite_link(&dest_url, &wikis, &links);
                pending_title = wiki_title;
                events.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let (dest_url, _) = rewrite_link(&dest_url, &wikis, &links);
                events.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::End(TagEnd::Link) => {
                match pending_title.take() {
                    Some((title, Some(lang))) => {
                        let lang = lang.replace(['"', '<', '>', '&'], "");
                        events.push(Event::InlineHtml(format!("<span lang=\"{lang}\">").into()));
                        events.push(Event::Text(title.into()));
                        events.push(Event::InlineHtml("</span>".into()));
                    }
                    Some((title, None)) => events.push(Event::Text(title.into())),
                    None => {}
                }
                events.push(event);
            }
            other => events.push(other),
        }
    }
    let mut html = String::with_capacity(body.markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    html
}

/// A body's words for the search index: its text and code as a reader sees
/// them, without Markdown syntax or HTML tags (`[[id|text]]` stays as written).
/// Passed on in pieces, as the parser finds them, without a copy of the whole.
pub(crate) fn plain_text(markdown: &str, emit: &mut dyn FnMut(&str)) {
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Text(words) | Event::Code(words) => emit(&words),
            Event::SoftBreak | Event::HardBreak | Event::End(_) => emit(" "),
            _ => {}
        }
    }
}

const PLACEHOLDER: &str = "casebook-ref:";

/// The body with each `[[…]]` replaced by a Markdown link to a placeholder URL,
/// so the real parser handles its place in the text. One inside the text of
/// a Markdown link becomes the text it shows instead: HTML cannot nest links,
/// and CommonMark would let the inner one win, leaving the outer one's
/// brackets and destination on the page as text.
fn with_placeholders(
    markdown: &str,
    link_spans: &[Range<usize>],
    wikis: &[WikiRef],
    links: &HashMap<String, Resolved>,
) -> String {
    let mut out = String::with_capacity(markdown.len() + wikis.len() * 16);
    let mut copied = 0;
    let nested = inside_links(link_spans, wikis);
    for (index, wiki) in wikis.iter().enumerate() {
        out.push_str(&markdown[copied..wiki.range.start]);
        copied = wiki.range.end;
        if nested[index] {
            let resolved = links.get(&format!("{PLACEHOLDER}{index}"));
            out.push_str(&shown_text(wiki, resolved));
            continue;
        }
        out.push('[');
        if let Some(text) = &wiki.text {
            out.push_str(text);
        }
        out.push_str(&format!("]({PLACEHOLDER}{index})"));
    }
    out.push_str(&markdown[copied..]);
    out
}

/// Whether each reference (in text order) lies inside the text of a
/// Markdown link or image: `[see [[aws]]](https://…)`, but not `[[aws]](x)`,
/// whose brackets are the reference's own.
fn inside_links(link_spans: &[Range<usize>], wikis: &[WikiRef]) -> Vec<bool> {
    let mut spans = link_spans.iter().peekable();
    // How far the links that start before a reference reach.
    let mut reach = 0;
    wikis
        .iter()
        .map(|wiki| {
            while let Some(span) = spans.next_if(|span| span.start < wiki.range.start) {
                reach = reach.max(span.end);
            }
            reach >= wiki.range.end
        })
        .collect()
}

/// What a reference inside a link's text shows, as Markdown: its own text,
/// or its target's title as plain text (marked with its language where that
/// is not the page's).
fn shown_text(wiki: &WikiRef, resolved: Option<&Resolved>) -> String {
    if let Some(text) = &wiki.text {
        return text.clone();
    }
    match resolved {
        Some(Resolved {
            title,
            lang: Some(lang),
            ..
        }) => {
            let lang = lang.replace(['"', '<', '>', '&'], "");
            format!("<span lang=\"{lang}\">{}</span>", escaped(title))
        }
        Some(resolved) => escaped(&resolved.title),
        None => escaped(&wiki.id),
    }
}

/// Text that Markdown shows as written: every ASCII punctuation escaped.
fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for ch in text.chars() {
        if ch.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

/// Each placeholder index's resolved target, and each content path's URL.
fn resolved_links(
    body: &Body,
    resolve: &impl Fn(&BodyLink) -> Option<Resolved>,
) -> HashMap<String, Resolved> {
    let mut wiki_index = 0;
    let mut resolved = HashMap::new();
    for link in &body.links {
        let key = match &link.target {
            LinkTarget::Wiki { .. } => {
                wiki_index += 1;
                format!("{PLACEHOLDER}{}", wiki_index - 1)
            }
            LinkTarget::ContentPath { path } | LinkTarget::File { path } => match &link.fragment {
                Some(fragment) => format!("{path}#{fragment}"),
                None => path.clone(),
            },
        };
        if let Some(target) = resolve(link) {
            resolved.insert(key, target);
        }
    }
    resolved
}

fn rewrite_link<'a>(
    dest: &CowStr<'a>,
    wikis: &[WikiRef],
    links: &HashMap<String, Resolved>,
) -> (CowStr<'a>, Option<(String, Option<String>)>) {
    match links.get(dest.as_ref()) {
        Some(target) => {
            let is_bare_wiki = dest
                .strip_prefix(PLACEHOLDER)
                .and_then(|index| index.parse::<usize>().ok())
                .and_then(|index| wikis.get(index))
                .is_some_and(|wiki| wiki.text.is_none());
            let title = is_bare_wiki.then(|| (target.title.clone(), target.lang.clone()));
            (CowStr::from(target.url.clone()), title)
        }
        None => (dest.clone(), None),
    }
}

/// The wiki references `scan` found, in text order (no second scan needed).
fn body_wikis(body: &Body) -> Vec<WikiRef> {
    body.links
        .iter()
        .filter_map(|link| match &link.target {
            LinkTarget::Wiki { id, text } => Some(WikiRef {
                range: link.span.clone(),
                id: id.clone(),
                fragment: link.fragment.clone(),
                text: text.clone(),
            }),
            LinkTarget::ContentPath { .. } | LinkTarget::File { .. } => None,
        })
        .collect()
}

/// A heading's anchor: lowercase letters and digits (any script), words joined by `-`.
pub(crate) fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for ch in text.chars() {
        if ch.is_alphanumeric() {
            slug.extend(ch.to_lowercase());
        } else if (ch.is_whitespace() || ch == '-' || ch == '_') && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_matches('-');
    if slug.is_empty() {
        "section".to_owned()
    } else {
        slug.to_owned()
    }
}

/// Makes repeated heading slugs unique (`x`, `x-1`, `x-2`).
#[derive(Default)]
struct Slugs {
    seen: HashMap<String, usize>,
}

impl Slugs {
    fn unique(&mut self, slug: &str) -> String {
        let count = self.seen.entry(slug.to_owned()).or_insert(0);
        *count += 1;
        if *count == 1 {
            slug.to_owned()
        } else {
            format!("{slug}-{}", *count - 1)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{render, scan, slugify, wiki_refs, Resolved};
    use crate::diagnostic::Position;
    use crate::model::LinkTarget;

    fn wiki_ids(markdown: &str) -> Vec<String> {
        scan(markdown.to_owned(), Position::START)
            .links
            .into_iter()
            .filter_map(|link| match link.target {
                LinkTarget::Wiki { id, .. } => Some(id),
                LinkTarget::ContentPath { .. } | LinkTarget::File { .. } => None,
            })
            .collect()
    }

    #[test]
    fn finds_wiki_references_with_positions() {
        let body = scan(
            "Intro\n\nSee [[aws]] and [[parler|Parler]].\n".to_owned(),
            Position::new(5, 1),
        );
        assert_eq!(body.links.len(), 2);
        assert_eq!(body.links[0].at, Position::new(7, 5));
        assert_eq!(
            body.links[1].target,
            LinkTarget::Wiki {
                id: "parler".to_owned(),
                text: Some("Parler".to_owned())
            }
        );
    }

    #[test]
    fn leaves_code_spans_and_blocks_alone() {
        let markdown = "`[[inline]]` and [[real]]\n\n```\n[[fenced]]\n```\n\n    [[indented]]\n";
        assert_eq!(wiki_ids(markdown), vec!["real"]);
    }

    #[test]
    fn finds_unclosed_openings_and_skips_other_brackets() {
        let text = "[[a\n`[[code` [[[[b]] [[c]d [[e [[f]]\n[[";
        let code = text.find('`').unwrap()..text.find("` ").unwrap() + 1;
        let scan = wiki_refs(text, &[code]);
        let ids: Vec<&str> = scan.refs.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, vec!["b", "f"]);
        assert_eq!(scan.unclosed, vec![0, text.len() - 2]);
    }

    #[test]
    fn a_reference_in_brackets_is_a_reference() {
        let text = "[[[a]]] [[[b|B]]] [[[[c]]]] [[[d#x]]]";
        let scan = wiki_refs(text, &[]);
        let found: Vec<(&str, &str)> = scan
            .refs
            .iter()
            .map(|r| (r.id.as_str(), &text[r.range.clone()]))
            .collect();
        assert_eq!(
            found,
            [
                ("a", "[[a]]"),
                ("b", "[[b|B]]"),
                ("c", "[[c]]"),
                ("d", "[[d#x]]")
            ]
        );
        assert!(scan.unclosed.is_empty());
        assert_eq!(wiki_refs("Text [[[\n", &[]).unclosed, vec![6]);
    }

    #[test]
    fn links_that_run_code_or_start_at_the_root_are_problems() {
        let body = scan(
            "[a](javascript:alert(1)) ![b](data:text/html,x) [c](/parties/aws/)\n\
             [d](https://example.org) [e](mailto:x@example.org) [f](complaint.pdf#page=2) \
             [g](../timeline/) <vbscript:x> [[open\n"
                .to_owned(),
            Position::new(5, 1),
        );
        let problems: Vec<(usize, usize, &str)> = body
            .problems
            .iter()
            .map(|(at, message)| (at.line, at.column, &message[..12]))
            .collect();
        assert_eq!(
            problems,
            [
                (5, 1, "link to \"jav"),
                (5, 26, "link to \"dat"),
                (5, 49, "link to \"/pa"),
                (6, 96, "link to \"vbs"),
                (6, 109, "unclosed \"[["),
            ]
        );
        assert!(body.problems[2].1.ends_with("write [[aws]] instead"));
        assert_eq!(
            body.links[0].target,
            LinkTarget::File {
                path: "complaint.pdf".to_owned()
            }
        );
        assert_eq!(body.links[0].fragment.as_deref(), Some("page=2"));
        assert_eq!(body.links.len(), 1);
    }

    #[test]
    fn reads_fragments_and_content_paths() {
        let body = scan(
            "[[glossar#section-230]] [AWS](../parties/aws.md#rolle) [x](https://a.md)".to_owned(),
            Position::START,
        );
        assert_eq!(body.links[0].fragment.as_deref(), Some("section-230"));
        assert_eq!(
            body.links[1].target,
            LinkTarget::ContentPath {
                path: "../parties/aws.md".to_owned()
            }
        );
        assert_eq!(body.links.len(), 2);
    }

    #[test]
    fn heading_ids_are_stable_and_unique() {
        let body = scan(
            "## Über die Klage\n\n## Über die Klage\n\n## Section 230 (c)\n\n## Eigene {#own}\n"
                .to_owned(),
            Position::START,
        );
        let ids: Vec<_> = body.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(
            ids,
            vec!["über-die-klage", "über-die-klage-1", "section-230-c", "own"]
        );
        assert_eq!(slugify("  "), "section");
    }

    #[test]
    fn renders_references_as_relative_links() {
        let body = scan("See [[aws]], [[parler|the plaintiff]] and [A](../parties/aws.md).\n\n## Teil\n\n`[[aws]]`\n".to_owned(), Position::START);
        let html = render(&body, |link| {
            Some(match &link.target {
                LinkTarget::Wiki { id, .. } => Resolved {
                    url: format!("../../parties/{id}/"),
                    title: format!("Title <{id}>"),
                    lang: None,
                },
                LinkTarget::ContentPath { .. } | LinkTarget::File { .. } => Resolved {
                    url: "../../parties/aws/".to_owned(),
                    title: "AWS".to_owned(),
                    lang: None,
                },
            })
        });
        assert!(
            html.contains(r#"<a href="../../parties/aws/">Title &lt;aws&gt;</a>"#),
            "{html}"
        );
        assert!(
            html.contains(r#"<a href="../../parties/parler/">the plaintiff</a>"#),
            "{html}"
        );
        assert!(
            html.contains(r#"<a href="../../parties/aws/">A</a>"#),
            "{html}"
        );
        assert!(html.contains(r#"<h2 id="teil">Teil</h2>"#), "{html}");
        assert!(html.contains("<code>[[aws]]</code>"), "{html}");
    }

    /// Renders with every wiki reference resolved to `../<id>/`, titled
    /// `T*<id>` (Markdown punctuation in a title is text), `de` for `lang`.
    fn rendered(markdown: &str) -> String {
        let body = scan(markdown.to_owned(), Position::START);
        render(&body, |link| match &link.target {
            LinkTarget::Wiki { id, .. } => Some(Resolved {
                url: format!("../{id}/"),
                title: format!("T*{id}"),
                lang: (id == "lang").then(|| "de".to_owned()),
            }),
            LinkTarget::ContentPath { .. } | LinkTarget::File { .. } => Some(Resolved {
                url: "../page/".to_owned(),
                title: "Page".to_owned(),
                lang: None,
            }),
        })
    }

    #[test]
    fn a_reference_inside_a_links_text_shows_its_text_and_the_outer_link_wins() {
        for (markdown, expected) in [
            (
                "[see [[aws]]](../parties/x.md)",
                r#"<p><a href="../page/">see T*aws</a></p>"#,
            ),
            (
                "[see [[aws|the *cloud*]] now](https://example.org)",
                r#"<p><a href="https://example.org">see the <em>cloud</em> now</a></p>"#,
            ),
            (
                "[the [[lang]]][def]\n\n[def]: https://example.org",
                r#"<p><a href="https://example.org">the <span lang="de">T*lang</span></a></p>"#,
            ),
            (
                "![map of [[aws]]](map.png)",
                r#"<p><img src="../page/" alt="map of T*aws" /></p>"#,
            ),
            (
                "[[aws]](next) and [[aws]] [x](../parties/x.md)",
                r#"<p><a href="../aws/">T*aws</a>(next) and <a href="../aws/">T*aws</a> <a href="../page/">x</a></p>"#,
            ),
        ] {
            assert_eq!(rendered(markdown).trim_end(), expected, "{markdown}");
        }
    }
}
