//! Which pages the site's entity counts (`site.counts`) can reach.
//!
//! The counts change with every file added or deleted. Were they part of what
//! every page depends on (the memo's epoch), a new event would render the
//! whole site again; in the default theme only the overview shows them. So
//! the templates are read once: when only page templates that no other
//! template extends, includes or imports mention the counts, they count only
//! for the pages of those templates, and otherwise for every page.
//!
//! The reading is textual and errs on the safe side: inside Tera's tags, any
//! `site` that is not followed by `.` and a key other than `counts` (a loop
//! over `site`, `site[...]`, a filter on `site`) and any `__tera_context`
//! count as reading the counts.

use crate::load::theme::{TemplateSource, TEMPLATES};

/// Where the counts can show.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum CountsReach {
    /// A template shared by pages (a layout, macros, a partial, a component,
    /// or a page template another one refers to) may show them.
    Everywhere,
    /// Only the pages rendered from these page templates may.
    Pages(Vec<String>),
}

impl CountsReach {
    pub(super) fn of(templates: &[TemplateSource]) -> CountsReach {
        let mut pages = Vec::new();
        for template in templates.iter().filter(|t| reads_counts(&t.text)) {
            let quoted = format!("\"{}\"", template.name);
            let shared = !renders_pages(&template.name)
                || templates.iter().any(|other| {
                    other.name != template.name
                        && tags(&other.text).any(|tag| tag.contains(&quoted))
                });
            if shared {
                return CountsReach::Everywhere;
            }
            pages.push(template.name.clone());
        }
        CountsReach::Pages(pages)
    }

    pub(super) fn everywhere(&self) -> bool {
        *self == CountsReach::Everywhere
    }

    /// Whether an entity's own page may show the counts (so that an entity
    /// added or removed reaches every page).
    pub(super) fn on_entity_pages(&self) -> bool {
        ENTITY_TEMPLATES
            .iter()
            .any(|template| self.reaches(template))
    }

    /// Whether the counts belong to the inputs of a page of `template`.
    pub(super) fn reaches(&self, template: &str) -> bool {
        match self {
            CountsReach::Everywhere => true,
            CountsReach::Pages(names) => names.iter().any(|name| name == template),
        }
    }
}

/// The templates of entities' own pages (`pages.rs`, `proceedings.rs`); the
/// overview's `index.html` is built with the site-wide pages.
const ENTITY_TEMPLATES: [&str; 6] = [
    "party.html",
    "claim.html",
    "event.html",
    "source.html",
    "page.html",
    "proceeding.html",
];

/// Whether pages are rendered from `name` directly (the layout, `base.html`,
/// is one of the templates every theme has, but only others extend it).
fn renders_pages(name: &str) -> bool {
    name != "base.html" && TEMPLATES.contains(&name)
}

/// The insides of a template's `{{ }}`, `{% %}` tags.
fn tags(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let start = rest.find(['{'])?;
        let after = &rest[start + 1..];
        let close = match after.chars().next() {
            Some('{') => "}}",
            Some('%') => "%}",
            _ => {
                rest = after;
                return Some("");
            }
        };
        let inside = &after[1..];
        let end = inside.find(close).unwrap_or(inside.len());
        rest = &inside[end..];
        Some(&inside[..end])
    })
}

fn reads_counts(text: &str) -> bool {
    tags(text).any(|tag| tag.contains("__tera_context") || site_reads_counts(tag))
}

/// Whether a tag uses `site` other than through `site.<key>` with a key
/// other than `counts`.
fn site_reads_counts(tag: &str) -> bool {
    let is_name = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let mut from = 0;
    while let Some(at) = tag[from..].find("site").map(|at| at + from) {
        from = at + "site".len();
        let before = tag[..at].chars().next_back();
        let rest = &tag[from..];
        if before.is_some_and(|c| is_name(c) || c == '.') || rest.starts_with(is_name) {
            continue; // part of another name (`website`, `x.site`, `site_title`)
        }
        match rest.strip_prefix('.') {
            Some(key) if !key.starts_with("counts") && key.starts_with(is_name) => {}
            _ => return true,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use std::fs;
    use std::path::{Path, PathBuf};

    use super::CountsReach;
    use crate::load::theme::TemplateSource;

    fn templates(list: &[(&str, &str)]) -> Vec<TemplateSource> {
        list.iter()
            .map(|(name, text)| TemplateSource {
                name: (*name).to_owned(),
                file: PathBuf::from(name),
                text: (*text).to_owned(),
            })
            .collect()
    }

    const BASE: &str =
        "<header class=\"site-header\">{{ site.title }}</header>{% block content %}{% endblock %}";

    #[test]
    fn counts_on_the_overview_reach_only_the_overview() {
        let theme = templates(&[
            ("base.html", BASE),
            ("index.html", "{% extends \"base.html\" %}{% block content %}{{ site.counts.events }}{% endblock %}"),
            ("event.html", "{% extends \"base.html\" %}"),
        ]);
        let reach = CountsReach::of(&theme);
        assert_eq!(reach, CountsReach::Pages(vec!["index.html".to_owned()]));
        assert!(reach.reaches("index.html"));
        assert!(!reach.reaches("event.html"));
    }

    /// A guard for `watch`: were the counts shown on every page, a new file
    /// would render the whole site again.
    #[test]
    fn in_the_default_theme_the_counts_reach_only_the_overview() {
        let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates");
        let mut theme = Vec::new();
        let mut pending = vec![folder.clone()];
        while let Some(dir) = pending.pop() {
            for entry in fs::read_dir(dir).expect("the theme's templates") {
                let path = entry.expect("an entry").path();
                if path.is_dir() {
                    pending.push(path);
                    continue;
                }
                let name = path
                    .strip_prefix(&folder)
                    .expect("inside")
                    .to_string_lossy();
                theme.push(TemplateSource {
                    name: name.replace('\\', "/"),
                    text: fs::read_to_string(&path).expect("a template"),
                    file: path,
                });
            }
        }
        assert!(theme.iter().any(|t| t.name == "index.html"));
        assert_eq!(
            CountsReach::of(&theme),
            CountsReach::Pages(vec!["index.html".to_owned()])
        );
    }

    #[test]
    fn counts_in_a_shared_template_reach_every_page() {
        for base in [
            "{{ site.counts.events }}",
            "{% for key, value in site %}{{ key }}{% endfor %}",
            "{{ site[\"counts\"] }}",
            "{{ site | json_encode() }}",
            "{{ __tera_context }}",
        ] {
            let reach = CountsReach::of(&templates(&[("base.html", base)]));
            assert!(reach.everywhere(), "{base}");
        }
    }

    #[test]
    fn a_page_template_that_another_extends_is_shared() {
        let theme = templates(&[
            ("index.html", "{{ site.counts.events }}"),
            ("page.html", "{% extends \"index.html\" %}"),
        ]);
        assert!(CountsReach::of(&theme).everywhere());
    }

    #[test]
    fn other_names_and_text_outside_tags_do_not_count() {
        let theme = templates(&[(
            "base.html",
            "<p class=\"site-footer\">this site</p>{{ website }}{{ page.site }}{{ site_title }}{{ site.title }}",
        )]);
        assert_eq!(CountsReach::of(&theme), CountsReach::Pages(Vec::new()));
    }
}
