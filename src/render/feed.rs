//! `sitemap.xml`, `robots.txt` and `atom.xml`: the only outputs that need
//! absolute URLs, so they are written only when the site has a `base_url`.

use crate::load::config::Config;
use crate::model::date::{civil_from_days, CaseDate};
use crate::model::edition::Edition;
use crate::render::lookup::Lookup;
use crate::render::output::OutputFile;
use crate::resolve::Target;

/// How many of the latest events the feed carries.
const FEED_ENTRIES: usize = 50;

/// One sitemap for every edition, and one feed per edition (`en/atom.xml`).
/// `lookups` and `configs` are per edition, in `editions` order.
pub(crate) fn files(
    lookups: &[&Lookup],
    configs: &[&Config],
    editions: &[Edition],
) -> Vec<OutputFile> {
    let Some(base) = configs[0].base_url.as_deref() else {
        return Vec::new();
    };
    let mut files = vec![sitemap(lookups[0], editions, base), robots(base)];
    for ((lookup, config), edition) in lookups.iter().zip(configs).zip(editions) {
        let prefix = edition.prefix();
        let mut feed = atom(lookup, config, &format!("{base}{prefix}"));
        feed.path = format!("{prefix}{}", feed.path);
        files.push(feed);
    }
    files
}

/// Every page of every edition but 404.html and the embed, with `lastmod`
/// from `updated`; with translations, each with its alternates
/// (`xhtml:link`, itself and `x-default` included).
fn sitemap(lookup: &Lookup, editions: &[Edition], base: &str) -> OutputFile {
    let several = editions.len() > 1;
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"");
    if several {
        xml.push_str(" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\"");
    }
    xml.push_str(">\n");
    let fixed = [
        "timeline/",
        "parties/",
        "claims/",
        "sources/",
        "search/",
        "corrections/",
    ]
    .map(|path| (path.to_owned(), None));
    let case = lookup.case;
    let entities = std::iter::once(Target::OVERVIEW)
        .chain(case.targets())
        .map(|target| {
            let updated = case.entity(target).common().and_then(|c| c.updated);
            (lookup.path(target).to_owned(), updated)
        });
    let mut pages: Vec<(String, Option<&CaseDate>)> = entities.chain(fixed).collect();
    pages.sort_by(|a, b| a.0.cmp(&b.0));
    for edition in editions {
        for (path, updated) in &pages {
            let url = |edition: &Edition| escape(&format!("{base}{}{path}", edition.prefix()));
            let lastmod = updated
                .map(|date| format!("<lastmod>{}</lastmod>", lastmod(date)))
                .unwrap_or_default();
            if !several {
                xml.push_str(&format!(
                    "  <url><loc>{}</loc>{lastmod}</url>\n",
                    url(edition)
                ));
                continue;
            }
            xml.push_str(&format!("  <url>\n    <loc>{}</loc>\n", url(edition)));
            if !lastmod.is_empty() {
                xml.push_str(&format!("    {lastmod}\n"));
            }
            for other in editions {
                xml.push_str(&format!(
                    "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
                    escape(&other.tag),
                    url(other)
                ));
            }
            let main = editions.iter().find(|e| e.main).unwrap_or(edition);
            xml.push_str(&format!(
                "    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>\n  </url>\n",
                url(main)
            ));
        }
    }
    xml.push_str("</urlset>\n");
    OutputFile {
        path: "sitemap.xml".into(),
        bytes: xml.into_bytes(),
    }
}

/// A W3C date at the precision written, up to the day (a time would need
/// an offset, which a date written without one does not have).
fn lastmod(date: &CaseDate) -> String {
    date.iso().chars().take(10).collect()
}

/// Allows every crawler everything, and names the sitemap.
fn robots(base: &str) -> OutputFile {
    OutputFile {
        path: "robots.txt".into(),
        bytes: format!("User-agent: *\nAllow: /\n\nSitemap: {base}sitemap.xml\n").into_bytes(),
    }
}

fn atom(lookup: &Lookup, config: &Config, base: &str) -> OutputFile {
    let events = &lookup.case.events;
    let updated = events
        .last()
        .map(|e| timestamp(e.data.date.span_start()))
        .unwrap_or_else(|| timestamp(0));
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n  <title>{}</title>\n  <id>{}</id>\n  <link href=\"{}\"/>\n  <link rel=\"self\" href=\"{}atom.xml\"/>\n  <updated>{updated}</updated>\n  <author><name>{}</name></author>\n",
        escape(&config.language_tag),
        escape(&config.title),
        escape(base),
        escape(base),
        escape(base),
        escape(&config.title),
    );
    for (index, event) in events.iter().enumerate().rev().take(FEED_ENTRIES) {
        let url = format!("{base}{}", lookup.path(Target::event(index)));
        xml.push_str(&format!(
            "  <entry>\n    <title>{}</title>\n    <id>{}</id>\n    <link href=\"{}\"/>\n    <updated>{}</updated>\n",
            escape(&event.title),
            escape(&url),
            escape(&url),
            timestamp(event.data.date.span_start())
        ));
        if let Some(summary) = &event.summary {
            xml.push_str(&format!("    <summary>{}</summary>\n", escape(summary)));
        }
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    OutputFile {
        path: "atom.xml".into(),
        bytes: xml.into_bytes(),
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// RFC 3339 in UTC from seconds since the Unix epoch.
fn timestamp(seconds: i64) -> String {
    let days = seconds.div_euclid(86_400);
    let second_of_day = seconds.rem_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        second_of_day / 3600,
        second_of_day % 3600 / 60,
        second_of_day % 60
    )
}

#[cfg(test)]
mod tests {
    use super::timestamp;

    #[test]
    fn timestamps_are_rfc3339() {
        assert_eq!(timestamp(0), "1970-01-01T00:00:00Z");
        assert_eq!(timestamp(1_610_323_140), "2021-01-10T23:59:00Z");
        assert_eq!(timestamp(-86_400), "1969-12-31T00:00:00Z");
    }
}
