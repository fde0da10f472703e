//! A theme's files as data: templates, translation table and static files.
//!
//! The default theme is compiled into the binary (see `build.rs`), so a site
//! without a `themes/` folder works out of the box; a site's own
//! `themes/<name>/` folder is read from disk instead, and its `templates/`
//! folder overrides single templates. A site's own theme is completed with
//! the built-in components and interface strings it does not define.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use walkdir::WalkDir;

use crate::diagnostic::{display_path, Diagnostic, Position};
use crate::load::config::Config;
use crate::load::yaml::Yaml;
use crate::load::{io_diagnostic, is_hidden};
use crate::site::{CONFIG_FILE, TEMPLATES_DIR, THEMES_DIR};

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
fn default_theme_files() -> impl Iterator<Item = (&'static str, &'static [u8])> {
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
    /// The interface strings of each edition, in `Config::editions` order
    /// (the main language first).
    pub(crate) translations: Vec<Translations>,
    pub(crate) static_files: Vec<StaticFile>,
    /// The font share images are drawn with: the theme's first `fonts/*.ttf`
    /// (or `.otf`), else the built-in theme's. Not copied to the output.
    pub(crate) share_font: Option<Arc<[u8]>>,
}

/// The theme named in the config: the site's own folder, or the built-in default.
pub(crate) fn load_theme(
    root: &Path,
    config: &Config,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Theme> {
    let folder = PathBuf::from(THEMES_DIR).join(&config.theme);
    let files = if root.join(&folder).is_dir() {
        disk_files(root, &folder, diagnostics)
    } else if config.theme == "default" {
        builtin_files()
    } else {
        diagnostics.push(Diagnostic::new(
            CONFIG_FILE,
            config.theme_at,
            format!(
                "theme \"{}\" not found: there is no folder {}/",
                config.theme,
                display_path(&folder)
            ),
        ));
        return None;
    };
    let languages: Vec<String> = config.editions().into_iter().map(|e| e.tag).collect();
    let mut theme = theme_from_files(files, &languages, diagnostics);
    if root.join(&folder).is_dir() {
        let builtin = theme_from_files(builtin_files(), &languages, diagnostics);
        complete_with(&mut theme, builtin);
    }
    let mut translations = Vec::with_capacity(languages.len());
    for (language, table) in languages.iter().zip(theme.translations) {
        match table {
            Some(table) => translations.push(table),
            None => diagnostics.push(Diagnostic::new(
                CONFIG_FILE,
                Position::START,
                format!(
                    "the theme has no translation table i18n/{}.yaml for the site language \"{language}\"",
                    primary_language(language),
                ),
            )),
        }
    }
    if translations.len() < languages.len() {
        return None;
    }
    let mut theme = Theme {
        templates: theme.templates,
        translations,
        static_files: theme.static_files,
        share_font: theme.fonts.into_iter().next(),
    };
    apply_site_overrides(root, &mut theme, diagnostics);
    Some(theme)
}

/// A theme as read, before its gaps are filled from the built-in theme.
struct ThemeParts {
    templates: Vec<TemplateSource>,
    static_files: Vec<StaticFile>,
    /// One table per language asked for, where the theme has one.
    translations: Vec<Option<Translations>>,
    /// `fonts/*.ttf` and `fonts/*.otf`, in file name order.
    fonts: Vec<Arc<[u8]>>,
}

/// A site's own theme gets the built-in templates it does not define (but
/// for the ten page templates of SPEC §8, which are its own), the built-in
/// interface strings it does not translate and the built-in font, so a theme
/// written for those ten pages works without knowing the rest (components,
/// partials, the search, corrections and embed pages).
fn complete_with(theme: &mut ThemeParts, builtin: ThemeParts) {
    for template in builtin.templates {
        let is_page = TEMPLATES.contains(&template.name.as_str());
        if !is_page && !theme.templates.iter().any(|t| t.name == template.name) {
            theme.templates.push(template);
        }
    }
    if theme.fonts.is_empty() {
        theme.fonts = builtin.fonts;
    }
    let own = std::mem::take(&mut theme.translations);
    theme.translations = own
        .into_iter()
        .zip(builtin.translations)
        .map(|tables| match tables {
            (Some(own), Some(fallback)) => Some(overlay(own, fallback)),
            (own, fallback) => own.or(fallback),
        })
        .collect();
}

/// `own`'s strings, with `fallback`'s wherever `own` has none.
fn overlay(own: Translations, fallback: Translations) -> Translations {
    match (own, fallback) {
        (Translations::Table(mut own), Translations::Table(fallback)) => {
            for (key, value) in fallback {
                let merged = match own.remove(&key) {
                    Some(mine) => overlay(mine, value),
                    None => value,
                };
                own.insert(key, merged);
            }
            Translations::Table(own)
        }
        (own, _) => own,
    }
}

fn primary_language(tag: &str) -> String {
    tag.split('-').next().unwrap_or(tag).to_ascii_lowercase()
}

/// A theme file: its path under the theme folder, where it is, its bytes.
struct ThemeFile {
    name: String,
    file: PathBuf,
    bytes: Arc<[u8]>,
}

fn builtin_files() -> Vec<ThemeFile> {
    default_theme_files()
        .map(|(name, bytes)| ThemeFile {
            name: name.to_owned(),
            file: PathBuf::from("(built-in default theme)").join(name),
            bytes: Arc::from(bytes),
        })
        .collect()
}

fn disk_files(root: &Path, folder: &Path, diagnostics: &mut Vec<Diagnostic>) -> Vec<ThemeFile> {
    let mut files = Vec::new();
    if !root.join(folder).is_dir() {
        return files;
    }
    for entry in WalkDir::new(root.join(folder))
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()))
    {
        match entry {
            Ok(entry) if entry.file_type().is_file() => {
                let relative = entry
                    .path()
                    .strip_prefix(root)
                    .unwrap_or(entry.path())
                    .to_path_buf();
                let name = display_path(relative.strip_prefix(folder).unwrap_or(&relative));
                match fs::read(entry.path()) {
                    Ok(bytes) => files.push(ThemeFile {
                        name,
                        file: relative,
                        bytes: bytes.into(),
                    }),
                    Err(error) => {
                        diagnostics.push(io_diagnostic(root, entry.path(), &error.to_string()))
                    }
                }
            }
            Ok(_) => {}
            Err(error) => diagnostics.push(io_diagnostic(
                root,
                error.path().unwrap_or(folder),
                &error.to_string(),
            )),
        }
    }
    files
}

fn theme_from_files(
    files: Vec<ThemeFile>,
    languages: &[String],
    diagnostics: &mut Vec<Diagnostic>,
) -> ThemeParts {
    let tables: Vec<String> = languages
        .iter()
        .map(|language| format!("i18n/{}.yaml", primary_language(language)))
        .collect();
    let mut parts = ThemeParts {
        templates: Vec::new(),
        static_files: Vec::new(),
        translations: vec![None; languages.len()],
        fonts: Vec::new(),
    };
    for file in files {
        if let Some(name) = file.name.strip_prefix("templates/") {
            if let Some(template) = template_source(name, &file, diagnostics) {
                parts.templates.push(template);
            }
        } else if let Some(path) = file.name.strip_prefix("static/") {
            parts.static_files.push(StaticFile {
                path: path.to_owned(),
                bytes: file.bytes.clone(),
            });
        } else if file.name.starts_with("fonts/")
            && (file.name.ends_with(".ttf") || file.name.ends_with(".otf"))
        {
            parts.fonts.push(file.bytes.clone());
        } else if tables.contains(&file.name) {
            let table = parse_translations(&file, diagnostics);
            for (slot, name) in parts.translations.iter_mut().zip(&tables) {
                if *name == file.name {
                    *slot = table.clone();
                }
            }
        }
    }
    parts
}

fn template_source(
    name: &str,
    file: &ThemeFile,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<TemplateSource> {
    match std::str::from_utf8(&file.bytes) {
        Ok(text) => Some(TemplateSource {
            name: name.to_owned(),
            file: file.file.clone(),
            text: text.to_owned(),
        }),
        Err(_) => {
            diagnostics.push(Diagnostic::new(
                &file.file,
                Position::START,
                "the template is not valid UTF-8 text",
            ));
            None
        }
    }
}

fn parse_translations(file: &ThemeFile, diagnostics: &mut Vec<Diagnostic>) -> Option<Translations> {
    let text = String::from_utf8_lossy(&file.bytes);
    let table = Yaml::parse(&text, Position::START).and_then(|yaml| yaml.deserialize_any());
    match table {
        Ok(table) => Some(table),
        Err((at, message)) => {
            diagnostics.push(Diagnostic::new(&file.file, at, message));
            None
        }
    }
}

/// The site's `templates/` replace the theme's file by file; `static/` is added last.
fn apply_site_overrides(root: &Path, theme: &mut Theme, diagnostics: &mut Vec<Diagnostic>) {
    for override_file in disk_files(root, Path::new(TEMPLATES_DIR), diagnostics) {
        if let Some(template) = template_source(&override_file.name, &override_file, diagnostics) {
            theme
                .templates
                .retain(|existing| existing.name != template.name);
            theme.templates.push(template);
        }
    }
    for file in disk_files(root, Path::new("static"), diagnostics) {
        theme
            .static_files
            .retain(|existing| existing.path != file.name);
        theme.static_files.push(StaticFile {
            path: file.name,
            bytes: file.bytes,
        });
    }
    theme.templates.sort_by(|a, b| a.name.cmp(&b.name));
    theme.static_files.sort_by(|a, b| a.path.cmp(&b.path));
}
