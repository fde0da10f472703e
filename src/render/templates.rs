//! Templates: the theme's Tera templates compiled once, and Tera's errors
//! turned into diagnostics at the template file and line.

use std::hash::{Hash, Hasher};
use std::path::Path;

use tera::Tera;

use crate::diagnostic::{Diagnostic, Position};
use crate::load::theme::{TemplateSource, TEMPLATES};

/// The templates compiled, and the hash they are remembered under (their
/// names and texts); `last` run's when they are the same.
pub(super) fn compiled(
    sources: &[TemplateSource],
    last: Option<&(u64, Tera)>,
) -> Result<(u64, Tera), Vec<Diagnostic>> {
    let mut hasher = super::memo::hasher();
    for source in sources {
        (&source.name, &source.text).hash(&mut hasher);
    }
    let key = hasher.finish();
    match last {
        Some((last_key, tera)) if *last_key == key => Ok((key, tera.clone())),
        _ => compile(sources).map(|tera| (key, tera)),
    }
}

pub(super) fn compile(sources: &[TemplateSource]) -> Result<Tera, Vec<Diagnostic>> {
    let missing: Vec<Diagnostic> = TEMPLATES
        .iter()
        .filter(|required| !sources.iter().any(|s| s.name == **required))
        .map(|required| {
            Diagnostic::new(
                Path::new("templates").join(required),
                Position::START,
                format!("the theme has no template {required}"),
            )
        })
        .collect();
    if !missing.is_empty() {
        return Err(missing);
    }
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    match tera.add_raw_templates(sources.iter().map(|s| (s.name.as_str(), s.text.as_str()))) {
        Ok(()) => Ok(tera),
        Err(error) => {
            // Tera stops at the first bad template; parsing each one alone
            // (only now, it costs as much as compiling) reports every one.
            let each: Vec<Diagnostic> = sources
                .iter()
                .filter_map(|source| {
                    tera::Template::new(&source.name, None, &source.text)
                        .err()
                        .map(|e| template_diagnostic(sources, &source.name, &e))
                })
                .collect();
            if each.is_empty() {
                Err(vec![template_diagnostic(sources, "base.html", &error)])
            } else {
                Err(each)
            }
        }
    }
}

/// A Tera error as a diagnostic at the template file and line.
pub(super) fn template_diagnostic(
    sources: &[TemplateSource],
    template: &str,
    error: &tera::Error,
) -> Diagnostic {
    let mut chain = vec![error.to_string()];
    let mut source = std::error::Error::source(error);
    while let Some(inner) = source {
        chain.push(inner.to_string());
        source = inner.source();
    }
    let named = named_template(&chain).unwrap_or(template);
    let details = chain.last().cloned().unwrap_or_default();
    let named_file = || {
        sources
            .iter()
            .find(|s| s.name == named)
            .map(|f| f.file.clone())
            .unwrap_or_else(|| Path::new("templates").join(named))
    };
    let (file, at, message) = match parse_position(&details) {
        Some(at) => (named_file(), at, syntax_message(&details)),
        None => match locate_use(sources, named, &details) {
            Some((source, at)) => (source.file.clone(), at, details.clone()),
            None => (named_file(), Position::START, details.clone()),
        },
    };
    Diagnostic::new(file, at, format!("template error: {message}"))
}

/// The innermost template a message names; a syntax error's excerpt of the
/// source (after ` --> line:column`) is the template's own text, whose
/// quoted names (`{% import "macros.html" %}`) are no template being read.
fn named_template(chain: &[String]) -> Option<&str> {
    chain.iter().rev().find_map(|text| {
        let text = text.split(" --> ").next().unwrap_or(text);
        let start = text.find(['\'', '"'])?;
        let quote = text[start..].chars().next()?;
        let rest = &text[start + 1..];
        let end = rest.find(quote)?;
        let name = &rest[..end];
        name.ends_with(".html").then_some(name)
    })
}

/// Tera's parse errors carry ` --> line:column`.
fn parse_position(details: &str) -> Option<Position> {
    let rest = details.split("--> ").nth(1)?;
    let mut numbers = rest
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty());
    let line = numbers.next()?.parse().ok()?;
    let column = numbers.next()?.parse().ok()?;
    Some(Position::new(line, column))
}

fn syntax_message(details: &str) -> String {
    let expected = details
        .lines()
        .find_map(|line| line.trim().strip_prefix("= "))
        .unwrap_or("syntax error");
    format!("syntax error: {expected}")
}

/// A runtime error names a variable in backticks; find where a template uses
/// it, in the template being rendered first (then in what it extends or imports).
fn locate_use<'s>(
    sources: &'s [TemplateSource],
    named: &str,
    details: &str,
) -> Option<(&'s TemplateSource, Position)> {
    let callable = unknown_callable(details);
    let variable = details.split('`').nth(1);
    let find = |text: &str| match (callable, variable) {
        (Some((what, name)), _) => find_callable(text, what, name),
        (None, Some(needle)) => text.find(needle),
        (None, None) => None,
    };
    let named_first = sources
        .iter()
        .filter(|s| s.name == named)
        .chain(sources.iter().filter(|s| s.name != named));
    named_first.into_iter().find_map(|source| {
        let at = find(&source.text)?;
        Some((
            source,
            Position::of_offset(&source.text, at, Position::START),
        ))
    })
}

/// `Filter 'x' not found` (and the same for a function or a test): Tera names
/// what is unknown in quotes, not where it is used.
fn unknown_callable(details: &str) -> Option<(&'static str, &str)> {
    ["Filter", "Function", "Test"].into_iter().find_map(|what| {
        let name = details.strip_prefix(what)?.strip_prefix(" '")?;
        let name = name.split('\'').next()?;
        details.ends_with("not found").then_some((what, name))
    })
}

/// Where a filter (`| name`), a function (`name(`) or a test (`is name`) is used.
fn find_callable(text: &str, what: &str, name: &str) -> Option<usize> {
    let is_name_char = |c: char| c.is_alphanumeric() || c == '_';
    text.match_indices(name).map(|(at, _)| at).find(|&at| {
        let before = text[..at].trim_end();
        let after = &text[at + name.len()..];
        let whole = !text[..at].ends_with(is_name_char) && !after.starts_with(is_name_char);
        let used = match what {
            "Filter" => before.ends_with('|'),
            "Test" => before.ends_with(" is") || before.ends_with(" not"),
            _ => after.trim_start().starts_with('('),
        };
        whole && used
    })
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::{compile, template_diagnostic};
    use crate::load::theme::{TemplateSource, TEMPLATES};

    /// Every required template, trivial, with `overrides` in their place.
    fn sources(overrides: &[(&str, &str)]) -> Vec<TemplateSource> {
        let mut names: Vec<&str> = TEMPLATES.to_vec();
        for (name, _) in overrides {
            if !names.contains(name) {
                names.push(name);
            }
        }
        let mut sources: Vec<TemplateSource> = names
            .into_iter()
            .map(|name| TemplateSource {
                name: name.to_owned(),
                file: PathBuf::from(format!("themes/t/templates/{name}")),
                text: "<p>ok</p>\n".to_owned(),
            })
            .collect();
        for (name, text) in overrides {
            let source = sources.iter_mut().find(|s| s.name == *name).unwrap();
            source.text = (*text).to_owned();
        }
        sources
    }

    #[test]
    fn a_syntax_error_names_the_template_file_and_line() {
        let sources = sources(&[(
            "party.html",
            "<h1>fine</h1>\n<p>fine</p>\n<p>{{ page.title }</p>\n",
        )]);
        let errors = compile(&sources).expect_err("a syntax error");
        assert_eq!(errors.len(), 1, "{errors:?}");
        let error = errors[0].to_string();
        assert!(
            error.starts_with("themes/t/templates/party.html:3:"),
            "{error}"
        );
        assert!(
            error.contains("template error: syntax error: expected"),
            "{error}"
        );
    }

    #[test]
    fn every_broken_template_is_reported_not_only_the_first() {
        let sources = sources(&[("claim.html", "{% if %}\n"), ("party.html", "\n{{ x }\n")]);
        let mut files: Vec<String> = compile(&sources)
            .expect_err("syntax errors")
            .iter()
            .map(|d| d.to_string().split(':').next().unwrap().to_owned())
            .collect();
        files.sort();
        assert_eq!(
            files,
            [
                "themes/t/templates/claim.html",
                "themes/t/templates/party.html"
            ]
        );
    }

    #[test]
    fn a_missing_template_is_named() {
        let mut sources = sources(&[]);
        sources.retain(|s| s.name != "source.html");
        let errors = compile(&sources).expect_err("a missing template");
        assert_eq!(
            errors[0].to_string(),
            "templates/source.html:1:1: the theme has no template source.html"
        );
    }

    #[test]
    fn a_runtime_error_in_a_component_names_the_component_and_the_line() {
        let sources = sources(&[(
            "components/item.html",
            "<li>\n{{ x.title }}\n{{ x.no_such_field }}\n</li>\n",
        )]);
        let tera = compile(&sources).expect("valid templates");
        let mut context = tera::Context::new();
        context.insert("x", &serde_json_object("title", "AWS"));
        let error = tera
            .render("components/item.html", &context)
            .expect_err("an unknown variable");
        let diagnostic = template_diagnostic(&sources, "components/item.html", &error);
        assert_eq!(
            diagnostic.to_string(),
            "themes/t/templates/components/item.html:3:4: template error: Variable `x.no_such_field` not found in context while rendering 'components/item.html'"
        );
    }

    #[test]
    fn a_runtime_error_in_an_imported_macro_names_the_macro_file() {
        let sources = sources(&[
            (
                "macros.html",
                "{% macro name(x) -%}\n{{ x.title }}{{ x.nickname }}\n{%- endmacro name %}\n",
            ),
            (
                "list.html",
                "{% import \"macros.html\" as m %}\n<ul>\n{{ m::name(x=item) }}\n</ul>\n",
            ),
        ]);
        let tera = compile(&sources).expect("valid templates");
        let mut context = tera::Context::new();
        context.insert("item", &serde_json_object("title", "AWS"));
        let error = tera
            .render("list.html", &context)
            .expect_err("an unknown field");
        assert_eq!(
            template_diagnostic(&sources, "list.html", &error).to_string(),
            "themes/t/templates/macros.html:2:17: template error: Variable `x.nickname` not found in context while rendering 'macros.html'"
        );
    }

    #[test]
    fn a_syntax_error_names_the_template_not_a_template_it_imports() {
        let sources = sources(&[(
            "page.html",
            "{% extends \"base.html\" %}\n<!-- x -->\n{% import \"macros.html\" as m %}\n",
        )]);
        let error = compile(&sources).expect_err("an import after content")[0].to_string();
        assert!(
            error.starts_with("themes/t/templates/page.html:3:1: template error: syntax error"),
            "{error}"
        );
    }

    #[test]
    fn an_unknown_filter_is_located_where_it_is_used() {
        let sources = sources(&[("event.html", "a\n\n{{ title | nofilter }}\n")]);
        let tera = compile(&sources).expect("valid syntax");
        let error = tera
            .render(
                "event.html",
                &tera::Context::from_serialize(serde_json_object("title", "T")).unwrap(),
            )
            .expect_err("an unknown filter");
        assert_eq!(
            template_diagnostic(&sources, "event.html", &error).to_string(),
            "themes/t/templates/event.html:3:12: template error: Filter 'nofilter' not found"
        );
    }

    fn serde_json_object(key: &str, value: &str) -> tera::Value {
        let mut map = tera::Map::new();
        map.insert(key.to_owned(), tera::Value::String(value.to_owned()));
        tera::Value::Object(map)
    }
}
