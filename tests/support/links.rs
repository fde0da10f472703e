//! Links in the HTML casebook writes: found, classified and resolved to the
//! output file they mean, without a parser (it is our own output).

/// Every `href="…"` in an HTML text, in order (no regex needed for our own output).
pub fn hrefs(html: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find("href=\"") {
        let value = &rest[at + "href=\"".len()..];
        let end = value.find('"').expect("a closing quote");
        found.push(&value[..end]);
        rest = &value[end..];
    }
    found
}

/// Whether an href leaves the site.
pub fn is_external(href: &str) -> bool {
    ["http:", "https:", "mailto:"]
        .iter()
        .any(|scheme| href.starts_with(scheme))
}

/// Resolves a relative href of the output file `page` (`parties/aws/index.html`)
/// to the output file it means, without its fragment: `""` for the same page.
pub fn resolve_href(page: &str, href: &str) -> Option<String> {
    let path = href.split(['#', '?']).next().unwrap_or_default();
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop(); // the page's own file name
    if path.is_empty() {
        return Some(page.to_owned());
    }
    if path.starts_with('/') {
        return None; // root-relative links break under a path prefix
    }
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            name => parts.push(name),
        }
    }
    let joined = parts.join("/");
    Some(if path.ends_with('/') || joined.is_empty() {
        if joined.is_empty() {
            "index.html".to_owned()
        } else {
            format!("{joined}/index.html")
        }
    } else {
        joined
    })
}
