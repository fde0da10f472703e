//! Load: the first stage. Reads `casebook.yaml`, every file under `content/`,
//! the theme and `static/` (`theme`), and turns each content file into a
//! typed `Document` — or into diagnostics with file, line and column. This
//! file is the walk of the content; YAML and its positions live in `yaml`.
//!
//! This is the only stage that reads the site; later stages are pure. Files
//! are read and parsed in parallel. A `LoadCache` lets `watch` skip files whose
//! size and modification time did not change since the last run.

pub(crate) mod config;
pub(crate) mod front_matter;
pub(crate) mod theme;
pub(crate) mod yaml;

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::diagnostic::{display_path, Diagnostic, Position};
use crate::load::config::Config;
use crate::load::theme::Theme;
use crate::model::{Document, EntityId, EntityKind};
use crate::site::{CONFIG_FILE, CONTENT_DIR};

/// Everything read from a site, checked file by file.
#[derive(Debug)]
pub(crate) struct Loaded {
    pub(crate) config: Option<Config>,
    pub(crate) documents: Vec<Document>,
    /// Ids of content files that failed to load: references to them are not
    /// reported again as unknown.
    pub(crate) broken_ids: HashSet<String>,
    pub(crate) theme: Option<Theme>,
    /// The top-level names in the output taken by static files.
    pub(crate) static_names: HashSet<String>,
    pub(crate) diagnostics: Vec<Diagnostic>,
}

/// What `watch` keeps between runs: each content file's last result.
/// The default cache is for one run: it hands its documents over instead of
/// copying them (a build holds every body once, not twice).
#[derive(Debug, Default)]
pub(crate) struct LoadCache {
    files: HashMap<PathBuf, CachedFile>,
    keep: bool,
}

impl LoadCache {
    /// Forgets the given files (absolute, or relative to the site root).
    pub(crate) fn forget(&mut self, root: &Path, changed: &[PathBuf]) {
        let root = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
        for path in changed {
            let absolute = std::path::absolute(path).unwrap_or_else(|_| path.clone());
            let relative = absolute.strip_prefix(&root).unwrap_or(path);
            self.files.remove(relative);
        }
    }

    /// A cache that keeps every document for the next run.
    pub(crate) fn keeping() -> LoadCache {
        LoadCache {
            files: HashMap::new(),
            keep: true,
        }
    }
}

#[derive(Debug)]
struct CachedFile {
    stamp: (SystemTime, u64),
    result: Result<Document, Vec<Diagnostic>>,
}

/// Reads the site at `root`.
pub(crate) fn load(root: &Path, cache: &mut LoadCache) -> Loaded {
    let mut diagnostics = Vec::new();
    let config = load_config(root, &mut diagnostics);
    let (documents, broken_ids) = load_content(root, cache, &mut diagnostics);
    let theme = config
        .as_ref()
        .and_then(|config| theme::load_theme(root, config, &mut diagnostics));
    let static_names = theme
        .iter()
        .flat_map(|theme| &theme.static_files)
        .map(|file| file.path.split('/').next().unwrap_or_default().to_owned())
        .collect();
    diagnostics.sort();
    Loaded {
        config,
        documents,
        broken_ids,
        theme,
        static_names,
        diagnostics,
    }
}

fn load_config(root: &Path, diagnostics: &mut Vec<Diagnostic>) -> Option<Config> {
    let file = PathBuf::from(CONFIG_FILE);
    let text = match read_text(&root.join(&file), &file) {
        Ok(text) => text,
        Err(error) => {
            diagnostics.push(error);
            return None;
        }
    };
    match Config::parse(&text) {
        Ok(config) => Some(config),
        Err(errors) => {
            diagnostics.extend(
                errors
                    .into_iter()
                    .map(|(at, message)| Diagnostic::new(&file, at, message)),
            );
            None
        }
    }
}

/// A content file found by the walk, with the type its folder gives it.
struct ContentFile {
    relative: PathBuf,
    kind: Option<EntityKind>,
    stamp: (SystemTime, u64),
}

fn load_content(
    root: &Path,
    cache: &mut LoadCache,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<Document>, HashSet<String>) {
    let content = root.join(CONTENT_DIR);
    if !content.is_dir() {
        diagnostics.push(Diagnostic::new(
            "content",
            Position::START,
            "no content/ folder: a site keeps its Markdown files in content/ (casebook init creates one)",
        ));
        return (Vec::new(), HashSet::new());
    }
    let files = content_files(root, &content, diagnostics);
    let fresh: Vec<(PathBuf, CachedFile)> = files
        .par_iter()
        .filter(|file| {
            cache
                .files
                .get(&file.relative)
                .is_none_or(|cached| cached.stamp != file.stamp)
        })
        .map(|file| {
            let result = load_document(root, file);
            (
                file.relative.clone(),
                CachedFile {
                    stamp: file.stamp,
                    result,
                },
            )
        })
        .collect();
    cache.files.extend(fresh);
    let present: HashSet<&PathBuf> = files.iter().map(|file| &file.relative).collect();
    cache.files.retain(|path, _| present.contains(path));
    collect_results(&files, cache, diagnostics)
}

fn collect_results(
    files: &[ContentFile],
    cache: &mut LoadCache,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<Document>, HashSet<String>) {
    let mut documents = Vec::with_capacity(files.len());
    let mut broken = HashSet::new();
    for file in files {
        let result = if cache.keep {
            cache.files[&file.relative].result.clone()
        } else {
            cache
                .files
                .remove(&file.relative)
                .expect("loaded above")
                .result
        };
        match result {
            Ok(document) => documents.push(document),
            Err(errors) => {
                diagnostics.extend(errors);
                if let Some(stem) = file.relative.file_stem() {
                    broken.insert(stem.to_string_lossy().into_owned());
                }
            }
        }
    }
    (documents, broken)
}

/// Every `.md` file under `content/`, sorted, with its type; misplaced ones reported.
fn content_files(
    root: &Path,
    content: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<ContentFile> {
    let mut files = Vec::new();
    let walk = WalkDir::new(content)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !is_hidden(entry.file_name()));
    for entry in walk {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                let path = error.path().unwrap_or(content).to_path_buf();
                diagnostics.push(io_diagnostic(root, &path, &error.to_string()));
                continue;
            }
        };
        if !entry.file_type().is_file() || entry.path().extension().is_none_or(|ext| ext != "md") {
            continue;
        }
        let relative = entry
            .path()
            .strip_prefix(root)
            .unwrap_or(entry.path())
            .to_path_buf();
        let kind = kind_of(&relative);
        if kind.is_none() {
            diagnostics.push(Diagnostic::new(
                &relative,
                Position::START,
                "this file is not in a content folder: entities live in content/parties/, content/claims/, content/events/, content/sources/ or content/pages/, the overview is content/index.md",
            ));
            continue;
        }
        let stamp = entry
            .metadata()
            .map(|meta| {
                (
                    meta.modified().unwrap_or(SystemTime::UNIX_EPOCH),
                    meta.len(),
                )
            })
            .unwrap_or((SystemTime::UNIX_EPOCH, 0));
        files.push(ContentFile {
            relative,
            kind,
            stamp,
        });
    }
    files
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

/// `content/index.md` is the overview; `content/<folder>/<id>.md` an entity.
fn kind_of(relative: &Path) -> Option<EntityKind> {
    let parts: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    match parts.as_slice() {
        [_, name] if name == "index.md" => Some(EntityKind::Index),
        [_, folder, _] => EntityKind::from_folder(folder),
        _ => None,
    }
}

fn load_document(root: &Path, file: &ContentFile) -> Result<Document, Vec<Diagnostic>> {
    let kind = file.kind.expect("content_files keeps typed files only");
    let id = match kind {
        EntityKind::Index => EntityId::parse("index").expect("a valid id"),
        _ => file_id(&file.relative).map_err(|error| vec![error])?,
    };
    let text =
        read_text(&root.join(&file.relative), &file.relative).map_err(|error| vec![error])?;
    front_matter::parse_document(kind, id, &file.relative, &text).map_err(|errors| {
        errors
            .into_iter()
            .map(|(at, message)| Diagnostic::new(&file.relative, at, message))
            .collect()
    })
}

fn file_id(relative: &Path) -> Result<EntityId, Diagnostic> {
    let stem = relative
        .file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_default();
    EntityId::parse(&stem).map_err(|message| {
        Diagnostic::new(
            relative,
            Position::START,
            format!("bad file name: {message}"),
        )
    })
}

/// A file's text: UTF-8 without BOM and with `\n` line ends; never a panic.
fn read_text(path: &Path, relative: &Path) -> Result<String, Diagnostic> {
    let bytes = fs::read(path).map_err(|error| {
        let message = if error.kind() == std::io::ErrorKind::NotFound {
            format!("{} not found", display_path(relative))
        } else {
            format!("cannot read the file: {error}")
        };
        Diagnostic::new(relative, Position::START, message)
    })?;
    let text = String::from_utf8(bytes).map_err(|error| {
        let valid = &error.as_bytes()[..error.utf8_error().valid_up_to()];
        let valid = std::str::from_utf8(valid).unwrap_or_default();
        Diagnostic::new(
            relative,
            Position::of_offset(valid, valid.len(), Position::START),
            "the file is not valid UTF-8 text: save it as UTF-8",
        )
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    Ok(if text.contains('\r') {
        text.replace("\r\n", "\n")
    } else {
        text.to_owned()
    })
}

fn io_diagnostic(root: &Path, path: &Path, message: &str) -> Diagnostic {
    let relative = path.strip_prefix(root).unwrap_or(path);
    Diagnostic::new(relative, Position::START, format!("cannot read: {message}"))
}

#[cfg(test)]
mod tests {
    use super::{kind_of, read_text};
    use crate::model::EntityKind;
    use std::path::Path;

    #[test]
    fn folders_decide_the_type() {
        assert_eq!(
            kind_of(Path::new("content/index.md")),
            Some(EntityKind::Index)
        );
        assert_eq!(
            kind_of(Path::new("content/parties/aws.md")),
            Some(EntityKind::Party)
        );
        assert_eq!(kind_of(Path::new("content/other/aws.md")), None);
        assert_eq!(kind_of(Path::new("content/aws.md")), None);
        assert_eq!(kind_of(Path::new("content/events/2021/x.md")), None);
    }

    #[test]
    fn invalid_utf8_is_located() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.md");
        std::fs::write(&path, b"---\ntitle: a\xff\n").unwrap();
        let error = read_text(&path, Path::new("content/x.md")).unwrap_err();
        assert_eq!(
            error.to_string(),
            "content/x.md:2:9: the file is not valid UTF-8 text: save it as UTF-8"
        );
    }
}
