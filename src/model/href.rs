//! What a link written by the writer points at: another site, a mail
//! address, a file of this site, or something the output must never hold.
//!
//! The same rules hold for Markdown links and images and for the URL fields
//! of the front matter (`website`, `url`): `javascript:`, `vbscript:` and
//! `data:` run code or smuggle a page in the reader's browser, and a
//! root-absolute path (`/parties/x/`) breaks when the site is served under a
//! subpath. The scheme is read the way a browser reads it (leading spaces and
//! control characters dropped, tabs and line breaks inside ignored, any
//! case), so `" Java\tScript:"` is caught too.

/// The kinds of link destinations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Href {
    /// `http:`, `https:`, `//host/…`, or another scheme that runs nothing (`tel:`, `ftp:`).
    External,
    /// `mailto:`.
    Mail,
    /// `#anchor` on the same page.
    Fragment,
    /// A path relative to the page (`../parties/aws.md`, `complaint.pdf#page=2`).
    Relative {
        path: String,
        fragment: Option<String>,
    },
    /// `/parties/x/`: relative to the host's root, not the site's.
    RootAbsolute,
    /// `javascript:`, `vbscript:`, `data:` (the scheme, lowercase).
    RunsCode(String),
}

const CODE_SCHEMES: [&str; 3] = ["javascript", "vbscript", "data"];

/// Classifies a link destination as written.
pub(crate) fn classify(dest: &str) -> Href {
    let cleaned: String = dest
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    if let Some(scheme) = scheme(&cleaned) {
        return match scheme.as_str() {
            s if CODE_SCHEMES.contains(&s) => Href::RunsCode(scheme),
            "mailto" => Href::Mail,
            _ => Href::External,
        };
    }
    if cleaned.starts_with("//") || cleaned.starts_with("\\\\") {
        return Href::External;
    }
    if cleaned.starts_with('/') || cleaned.starts_with('\\') {
        return Href::RootAbsolute;
    }
    if cleaned.starts_with('#') || cleaned.is_empty() {
        return Href::Fragment;
    }
    let (path, fragment) = match cleaned.split_once('#') {
        Some((path, fragment)) => (path.to_owned(), Some(fragment.to_owned())),
        None => (cleaned, None),
    };
    let path = match path.split_once('?') {
        Some((path, _query)) => path.to_owned(),
        None => path,
    };
    Href::Relative { path, fragment }
}

/// The scheme of a URL (`https` of `HTTPS://x`), lowercase; `None` for a path.
fn scheme(url: &str) -> Option<String> {
    let (scheme, _) = url.split_once(':')?;
    let mut chars = scheme.chars();
    let starts_with_letter = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    let valid = starts_with_letter
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then(|| scheme.to_ascii_lowercase())
}

/// Why a link that runs code is refused, for a message at its line.
pub(crate) fn runs_code_message(dest: &str, scheme: &str) -> String {
    format!(
        "link to \"{dest}\": a {scheme}: link runs code in the reader's browser; link to an http(s) address or a file of the site instead"
    )
}

#[cfg(test)]
mod tests {
    use super::{classify, Href};

    fn relative(path: &str, fragment: Option<&str>) -> Href {
        Href::Relative {
            path: path.to_owned(),
            fragment: fragment.map(str::to_owned),
        }
    }

    #[test]
    fn code_schemes_are_caught_however_written() {
        for dest in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " \u{1}javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
        ] {
            assert_eq!(
                classify(dest),
                Href::RunsCode("javascript".to_owned()),
                "{dest:?}"
            );
        }
        assert_eq!(
            classify("VBScript:x"),
            Href::RunsCode("vbscript".to_owned())
        );
        assert_eq!(
            classify("data:text/html;base64,PHNjcmlwdD4="),
            Href::RunsCode("data".to_owned())
        );
    }

    #[test]
    fn ordinary_links_pass() {
        assert_eq!(classify("https://example.org/a"), Href::External);
        assert_eq!(classify("HTTP://example.org"), Href::External);
        assert_eq!(classify("//cdn.example.org/x"), Href::External);
        assert_eq!(classify("tel:+4930123"), Href::External);
        assert_eq!(classify("mailto:a@example.org"), Href::Mail);
        assert_eq!(classify("#background"), Href::Fragment);
        assert_eq!(
            classify("../parties/aws.md#role"),
            relative("../parties/aws.md", Some("role"))
        );
        assert_eq!(classify("complaint.pdf"), relative("complaint.pdf", None));
        assert_eq!(classify("photo.jpg?v=2"), relative("photo.jpg", None));
        assert_eq!(classify("a:b/c"), Href::External);
        assert_eq!(classify("./x:y.pdf"), relative("./x:y.pdf", None));
    }

    #[test]
    fn root_absolute_paths_are_told_apart() {
        assert_eq!(classify("/parties/aws/"), Href::RootAbsolute);
        assert_eq!(classify("\\parties"), Href::RootAbsolute);
    }
}
