//! The marks of a lane as SVG text, written here rather than by the
//! template.
//!
//! A timeline of 10 000 events has 10 000 marks on its page and some 40 000
//! more on the party and claim pages; handing each to Tera as an object of
//! seven fields means half a million small allocations and as many template
//! lookups for one build. So each lane carries its marks drawn, as a link
//! with a `<title>` around a circle or a rect, with only the classes the
//! theme's CSS styles (`p`, `s`, `v`, `a`) and no repeated attributes; the
//! theme still draws everything else and decides every colour and stroke.

use crate::render::chart::{Mark, MARK};

/// The marks as SVG, each link prefixed with `root`.
pub(crate) fn marks(marks: &[Mark<'_>], root: &str) -> String {
    let mut out = String::with_capacity(marks.len() * 120);
    for mark in marks {
        out.push_str("<a href=\"");
        out.push_str(root);
        escape_into(mark.href, &mut out);
        out.push('"');
        if mark.class != "p" {
            out.push_str(" class=\"");
            out.push_str(mark.class);
            out.push('"');
        }
        out.push_str("><title>");
        escape_into(mark.date, &mut out);
        out.push_str(": ");
        escape_into(mark.title, &mut out);
        out.push_str("</title>");
        if mark.w > 0 {
            out.push_str(&format!(
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{MARK}\" rx=\"4\"/>",
                mark.x, mark.y, mark.w
            ));
        } else {
            out.push_str(&format!(
                "<circle cx=\"{}\" cy=\"{}\" r=\"4\"/>",
                mark.x, mark.y
            ));
        }
        out.push_str("</a>\n");
    }
    out
}

/// HTML-escapes text for an attribute or an element.
fn escape_into(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            _ => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::marks;
    use crate::render::chart::Mark;

    #[test]
    fn points_and_bars_are_links_with_escaped_titles() {
        let drawn = marks(
            &[
                Mark {
                    x: 10,
                    y: 20,
                    w: 0,
                    class: "p",
                    href: "events/a/",
                    title: "A & <B>",
                    date: "11. Januar 2021",
                },
                Mark {
                    x: 30,
                    y: 16,
                    w: 40,
                    class: "v a",
                    href: "events/b/",
                    title: "\"B\"",
                    date: "ca. März 2021",
                },
            ],
            "../",
        );
        assert_eq!(
            drawn,
            "<a href=\"../events/a/\"><title>11. Januar 2021: A &amp; &lt;B&gt;</title><circle cx=\"10\" cy=\"20\" r=\"4\"/></a>\n\
             <a href=\"../events/b/\" class=\"v a\"><title>ca. März 2021: &quot;B&quot;</title><rect x=\"30\" y=\"16\" width=\"40\" height=\"8\" rx=\"4\"/></a>\n"
        );
    }
}
