//! A theme's files as data: templates, translation table and static files.
//!
//! The default theme is compiled into the binary (see `build.rs`), so a site
//! without a `themes/` folder works out of the box; a site's own
//! `themes/<name>/` folder is read from disk instead, and its `templates/`
//! folder overrides single templates.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

include!(concat!(env!("OUT_DIR"), "/default_theme.rs"));

/// The templates every theme provides.
pub(crate) const TEMPLATES: [&str; 10] = [
    "base.html",
    "index.html",
    "party.html",
    "claim.html",
    "event.html",
    "source.html",
    "page.html",
    "timeline.html",
    "list.html",
    "404.html",
];

/// The default theme's files, relative to `themes/default/`.
pub(crate) fn default_theme_files() -> impl Iterator<Item = (&'static str, &'static [u8])> {
    DEFAULT_THEME.iter().copied()
}

/// A Tera template's text and the file it came from (for error messages).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TemplateSource {
    /// The name templates use to refer to it (`base.html`).
    pub(crate) name: String,
    /// Where it came from, relative to the site root, or `(built-in)/…`.
    pub(crate) file: PathBuf,
    pub(crate) text: String,
}

/// The interface strings of one language: nested maps of strings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub(crate) enum Translations {
    Text(String),
    Table(BTreeMap<String, Translations>),
}

/// A file copied verbatim to the output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StaticFile {
    /// The output path, `/`-separated (`style.css`, `img/logo.png`).
    pub(crate) path: String,
    pub(crate) bytes: Arc<[u8]>,
}

/// Everything render needs from the theme.
#[derive(Debug, Clone)]
pub(crate) struct Theme {
    pub(crate) templates: Vec<TemplateSource>,
    pub(crate) translations: Translations,
    pub(crate) static_files: Vec<StaticFile>,
}
