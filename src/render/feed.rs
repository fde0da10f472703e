//! `sitemap.xml` and `atom.xml`: the only outputs with absolute URLs, so they
//! are written only when the site has a `base_url`.

use crate::load::config::Config;
use crate::model::date::civil_from_days;
use crate::render::lookup::Lookup;
use crate::render::output::OutputFile;
use crate::resolve::Target;

/// How many of the latest events the feed carries.
const FEED_ENTRIES: usize = 50;

pub(crate) fn files(lookup: &Lookup, config: &Config) -> Vec<OutputFile> {
    let Some(base) = config.base_url.as_deref() else {
        return Vec::new();
    };
    vec![sitemap(lookup, base), atom(lookup, config, base)]
}

fn sitemap(lookup: &Lookup, base: &str) -> OutputFile {
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    let fixed = ["", "timeline/", "parties/", "claims/", "sources/"].map(str::to_owned);
    let paths = fixed
        .into_iter()
        .chain(lookup.case.targets().map(|t| lookup.path(t).to_owned()));
    for path in paths {
        xml.push_str(&format!(
            "  <url><loc>{}</loc></url>\n",
            escape(&format!("{base}{path}"))
        ));
    }
    xml.push_str("</urlset>\n");
    OutputFile {
        path: "sitemap.xml".into(),
        bytes: xml.into_bytes(),
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
