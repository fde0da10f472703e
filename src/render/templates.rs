//! Templates: the theme's Tera templates compiled once, and Tera's errors
//! turned into diagnostics at the template file and line.

use std::path::Path;

use tera::Tera;

use crate::diagnostic::{Diagnostic, Position};
use crate::load::theme::{TemplateSource, TEMPLATES};

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

fn named_template(chain: &[String]) -> Option<&str> {
    chain.iter().rev().find_map(|text| {
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
    let needle = details.split('`').nth(1)?;
    let named_first = sources
        .iter()
        .filter(|s| s.name == named)
        .chain(sources.iter().filter(|s| s.name != named));
    named_first.into_iter().find_map(|source| {
        let at = source.text.find(needle)?;
        Some((
            source,
            Position::of_offset(&source.text, at, Position::START),
        ))
    })
}
