//! The layout of a site on disk and of its output, in one place (SPEC §1, §6).
//!
//! The loader, the watcher, the writer and the scaffolder all ask where things
//! live; answering here keeps them from drifting apart.

/// The site's configuration file, at the site root.
pub(crate) const CONFIG_FILE: &str = "casebook.yaml";

/// The folder of the writer's Markdown.
pub(crate) const CONTENT_DIR: &str = "content";

/// The folder of the site's themes, each a folder by name.
pub(crate) const THEMES_DIR: &str = "themes";

/// The site's own templates, overriding the theme's file by file.
pub(crate) const TEMPLATES_DIR: &str = "templates";

/// Files copied verbatim into the output root.
pub(crate) const STATIC_DIR: &str = "static";

/// Every folder whose files the site is made of (the watcher's and the
/// output guard's list).
pub(crate) const SOURCE_DIRS: [&str; 4] = [CONTENT_DIR, THEMES_DIR, TEMPLATES_DIR, STATIC_DIR];

/// The default output folder, under the site root.
pub(crate) const DEFAULT_OUT_DIR: &str = "public";
