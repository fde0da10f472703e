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

mod cache;

pub(crate) use cache::LoadCache;
use cache::{stamp, CachedFile, Walk};

use std::collections::{HashMap, HashSet};
use std::ffi::{OsStr, OsString};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::diagnostic::{display_path, Diagnostic, Position};
use crate::load::config::Config;
use crate::load::theme::Theme;
use crate::model::asset::Asset;
use crate::model::edition::{split_stem, Translation};
use crate::model::{Document, EntityId, EntityKind};
use crate::site::{CONFIG_FILE, CONTENT_DIR};

/// Everything read from a site, checked file by file.
#[derive(Debug)]
pub(crate) struct Loaded {
    pub(crate) config: Option<Config>,
    pub(crate) documents: Vec<Document>,
    /// The translation files (`<id>.<tag>.md`), checked against their main
    /// files and the listed languages by `resolve`.
    pub(crate) translations: Vec<Translation>,
    /// Content files that could not be loaded at all: references to them
    /// are not reported again as unknown.
    pub(crate) broken_files: HashSet<PathBuf>,
    pub(crate) theme: Option<Theme>,
    /// The top-level names in the output taken by static files.
    pub(crate) static_names: HashSet<String>,
    pub(crate) diagnostics: Vec<Diagnostic>,
}

/// One content file, if it could be read, and its errors.
type LoadedFile = (Option<ContentItem>, Vec<Diagnostic>);

/// A loaded content file: an entity's main file, or a translation of one.
/// (Most files are main files, so boxing them would cost more than the
/// unused bytes of the rarer translations.)
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
enum ContentItem {
    Document(Document),
    Translation(Translation),
}

/// Reads the site at `root`.
pub(crate) fn load(root: &Path, cache: &mut LoadCache) -> Loaded {
    let mut diagnostics = Vec::new();
    let config = load_config(root, &mut diagnostics);
    let (items, broken_files) = load_content(root, cache, &mut diagnostics);
    let mut documents = Vec::with_capacity(items.len());
    let mut translations = Vec::new();
    for item in items {
        match item {
            ContentItem::Document(document) => documents.push(document),
            ContentItem::Translation(translation) => translations.push(translation),
        }
    }
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
        translations,
        broken_files,
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
    // Settings with errors still name the theme, whose errors are reported too.
    let (config, errors) = Config::parse(&text);
    diagnostics.extend(
        errors
            .into_iter()
            .map(|(at, message)| with_yaml_hint(Diagnostic::new(&file, at, message))),
    );
    config
}

/// A content file found by the walk, with the type its folder gives it and,
/// for a bundle's `index.md`, the files beside it.
#[derive(Debug, Clone)]
struct ContentFile {
    relative: PathBuf,
    kind: Option<EntityKind>,
    stamp: (SystemTime, u64),
    assets: Vec<PathBuf>,
}

fn load_content(
    root: &Path,
    cache: &mut LoadCache,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<ContentItem>, HashSet<PathBuf>) {
    let content = root.join(CONTENT_DIR);
    if !content.is_dir() {
        diagnostics.push(Diagnostic::new(
            "content",
            Position::START,
            "no content/ folder: a site keeps its Markdown files in content/ (casebook init creates one)",
        ));
        return (Vec::new(), HashSet::new());
    }
    let walk = match cache.walk.take() {
        Some(walk) => walk,
        None => {
            let mut found = Vec::new();
            let files = content_files(root, &content, &mut found);
            Walk {
                files,
                diagnostics: found,
            }
        }
    };
    diagnostics.extend(walk.diagnostics.iter().cloned());
    let files = &walk.files;
    let results = match cache.keep {
        true => through_cache(root, files, cache),
        // `build`: nothing to keep; each file goes straight to its place in
        // walk order, with no table of 100 000 paths between.
        false => files
            .par_iter()
            .map(|file| load_document(root, file))
            .collect(),
    };
    let results = with_assets(root, files, results, diagnostics);
    if cache.keep {
        cache.walk = Some(walk);
    }
    results
}

/// Each walked file's result, in walk order, read again only where the
/// cache has none or its file changed; the cache keeps them for the next run
/// and hands out copies (in parallel: at 10 000 files they take milliseconds).
fn through_cache(root: &Path, files: &[ContentFile], cache: &mut LoadCache) -> Vec<LoadedFile> {
    let fresh: Vec<(OsString, CachedFile)> = files
        .par_iter()
        .filter(|file| {
            cache
                .files
                .get(file.relative.as_os_str())
                .is_none_or(|cached| cached.stamp != file.stamp)
        })
        .map(|file| {
            let result = load_document(root, file);
            (
                file.relative.clone().into_os_string(),
                CachedFile {
                    stamp: file.stamp,
                    result,
                },
            )
        })
        .collect();
    cache.files.extend(fresh);
    // Every walked file is cached now: the same count means nothing else is.
    if cache.files.len() != files.len() {
        let present: HashSet<&OsStr> = files.iter().map(|f| f.relative.as_os_str()).collect();
        cache
            .files
            .retain(|path, _| present.contains(path.as_os_str()));
    }
    let cached = &cache.files;
    files
        .par_iter()
        .map(|file| cached[file.relative.as_os_str()].result.clone())
        .collect()
}

/// Each loaded file's item with its bundle's files, in walk order; the
/// files that could not be loaded.
fn with_assets(
    root: &Path,
    files: &[ContentFile],
    results: Vec<LoadedFile>,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<ContentItem>, HashSet<PathBuf>) {
    let mut documents = Vec::with_capacity(files.len());
    let mut broken = HashSet::new();
    for (file, (item, errors)) in files.iter().zip(results) {
        diagnostics.extend(errors);
        match item {
            Some(mut item) => {
                if let (ContentItem::Document(document), false) =
                    (&mut item, file.assets.is_empty())
                {
                    match read_assets(root, &file.relative, &file.assets) {
                        Ok(assets) => document.set_assets(assets),
                        Err(errors) => diagnostics.extend(errors),
                    }
                }
                documents.push(item);
            }
            None => {
                broken.insert(file.relative.clone());
            }
        }
    }
    (documents, broken)
}

const MISPLACED: &str = "this file is not in a content folder: entities live in content/parties/, content/claims/, content/events/, content/sources/, content/proceedings/ or content/pages/ (as <id>.md, or as <id>/index.md with files beside it), the overview is content/index.md";

/// Every `.md` file under `content/`, sorted, with its type and its bundle's
/// files; misplaced files, links leading out of the site and special files
/// (FIFOs, sockets, devices) reported.
fn content_files(
    root: &Path,
    content: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<ContentFile> {
    let mut walked = Vec::new();
    let mut bundle_files: Vec<PathBuf> = Vec::new();
    let site = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    // Unsorted: walkdir's sort compares file names it parses out of each
    // path, a third of the walk at 100 000 files. The files are put in
    // path order below, from keys made once.
    let walk = WalkDir::new(content)
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
        let relative = entry
            .path()
            .strip_prefix(root)
            .unwrap_or(entry.path())
            .to_path_buf();
        if !regular_file(&site, &entry, &relative, diagnostics) {
            continue;
        }
        let is_markdown = relative.extension().is_some_and(|ext| ext == "md");
        let kind = kind_of(&relative);
        if kind.is_none() || !is_markdown {
            if bundle_of(&relative).is_some() {
                bundle_files.push(relative);
            } else if is_markdown {
                diagnostics.push(Diagnostic::new(&relative, Position::START, MISPLACED));
            }
            continue;
        }
        walked.push((relative, kind));
    }
    walked.sort_by_cached_key(|(relative, _)| path_order_key(relative));
    bundle_files.sort_by_cached_key(|relative| path_order_key(relative));
    // The stamps are read in parallel: a `stat` a file was half the walk.
    let mut files: Vec<ContentFile> = walked
        .into_par_iter()
        .filter_map(|(relative, kind)| {
            let metadata = fs::metadata(root.join(&relative)).ok()?;
            Some(ContentFile {
                relative,
                kind,
                stamp: stamp(&metadata),
                assets: Vec::new(),
            })
        })
        .collect();
    attach_bundle_files(&mut files, bundle_files, diagnostics);
    files
}

/// Whether the walk met a regular file (or a symbolic link to one that
/// stays inside the site); `false` for folders, and, with a diagnostic, for
/// links that lead out or nowhere and for special files.
fn regular_file(
    site: &Path,
    entry: &walkdir::DirEntry,
    relative: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> bool {
    let kind = entry.file_type();
    if kind.is_dir() {
        return false;
    }
    let problem = if kind.is_symlink() {
        match fs::canonicalize(entry.path()) {
            Ok(target) if target.starts_with(site) && target.is_file() => return true,
            Ok(target) if target.starts_with(site) && target.is_dir() => {
                "is a symbolic link to a folder, which casebook does not follow; move the folder here instead"
            }
            Ok(_) => "is a symbolic link that leads outside the site, which casebook does not follow; copy the file here instead",
            Err(_) => "is a symbolic link to nothing (its target is gone); remove it",
        }
    } else if kind.is_file() {
        return true;
    } else {
        "is not a regular file (a named pipe, socket or device), which casebook cannot read; remove it"
    };
    diagnostics.push(Diagnostic::new(
        relative,
        Position::START,
        format!("{} {problem}", display_path(relative)),
    ));
    false
}

/// A key that sorts paths as `Path::cmp` does, name by name (`a/x` before
/// `a-b`), by plain byte comparison: the separator becomes the lowest byte,
/// which no file name holds.
fn path_order_key(path: &Path) -> Vec<u8> {
    let mut key = path.as_os_str().as_encoded_bytes().to_vec();
    for byte in &mut key {
        if std::path::is_separator(char::from(*byte)) {
            *byte = 0;
        }
    }
    key
}

/// `content/<folder>/<id>/…`: the bundle folder a file would belong to.
fn bundle_of(relative: &Path) -> Option<PathBuf> {
    let parts: Vec<_> = relative.components().collect();
    (parts.len() >= 4 && EntityKind::from_folder(&parts[1].as_os_str().to_string_lossy()).is_some())
        .then(|| parts[..3].iter().collect())
}

/// Gives each bundle's `index.md` the files beside it (and in its folders);
/// a Markdown file in a bundle other than `index.md` is misplaced, and files
/// in a folder without `index.md` are no bundle's and stay unpublished.
fn attach_bundle_files(
    files: &mut [ContentFile],
    bundle_files: Vec<PathBuf>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let bundles: HashMap<PathBuf, usize> = files
        .iter()
        .enumerate()
        .filter(|(_, file)| file.relative.file_name().is_some_and(|n| n == "index.md"))
        .filter_map(|(index, file)| Some((file.relative.parent()?.to_path_buf(), index)))
        .collect();
    for path in bundle_files {
        let is_markdown = path.extension().is_some_and(|ext| ext == "md");
        let Some(&index) = bundle_of(&path).and_then(|bundle| bundles.get(&bundle)) else {
            if is_markdown {
                diagnostics.push(Diagnostic::new(&path, Position::START, MISPLACED));
            }
            continue;
        };
        if is_markdown {
            diagnostics.push(Diagnostic::new(
                &path,
                Position::START,
                "a page bundle has one Markdown file, index.md (with its translations, index.<lang>.md); this one is not published (rename it, or make it an entity of its own)",
            ));
            continue;
        }
        files[index].assets.push(path);
    }
}

/// Reads a bundle's files, named by their path inside the bundle.
fn read_assets(
    root: &Path,
    index_md: &Path,
    files: &[PathBuf],
) -> Result<Vec<Asset>, Vec<Diagnostic>> {
    let bundle = index_md.parent().unwrap_or(index_md);
    let read: Vec<Result<Asset, Diagnostic>> = files
        .par_iter()
        .map(|file| {
            let bytes = fs::read(root.join(file))
                .map_err(|e| io_diagnostic(root, &root.join(file), &e.to_string()))?;
            let name = file.strip_prefix(bundle).unwrap_or(file);
            Ok(Asset {
                name: display_path(name),
                file: file.clone(),
                bytes: bytes.into(),
            })
        })
        .collect();
    let (assets, errors): (Vec<_>, Vec<_>) = read.into_iter().partition(Result::is_ok);
    if errors.is_empty() {
        Ok(assets.into_iter().flatten().collect())
    } else {
        Err(errors.into_iter().filter_map(Result::err).collect())
    }
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
        [_, name]
            if name
                .strip_suffix(".md")
                .map(split_stem)
                .is_some_and(|s| s.0 == "index") =>
        {
            Some(EntityKind::Index)
        }
        [_, folder, _] => EntityKind::from_folder(folder),
        [_, folder, _, name]
            if name
                .strip_suffix(".md")
                .map(split_stem)
                .is_some_and(|s| s.0 == "index") =>
        {
            EntityKind::from_folder(folder)
        }
        _ => None,
    }
}

fn load_document(root: &Path, file: &ContentFile) -> LoadedFile {
    let kind = file.kind.expect("content_files keeps typed files only");
    let (id, tag) = id_text(&file.relative);
    let tag = tag.as_deref();
    let id = match kind {
        EntityKind::Index => Ok(EntityId::parse("index").expect("a valid id")),
        _ => file_id(&file.relative, &id),
    };
    let text = id.and_then(|id| Ok((id, read_text(&root.join(&file.relative), &file.relative)?)));
    let (id, text) = match text {
        Ok(read) => read,
        Err(error) => return (None, vec![error]),
    };
    let (item, errors) = match tag {
        Some(tag) => {
            let (translation, errors) =
                front_matter::parse_translation(kind, id, tag, &file.relative, &text);
            (translation.map(ContentItem::Translation), errors)
        }
        None => {
            let (document, errors) = front_matter::parse_document(kind, id, &file.relative, &text);
            (document.map(ContentItem::Document), errors)
        }
    };
    let errors = errors
        .into_iter()
        .map(|(at, message)| with_yaml_hint(Diagnostic::new(&file.relative, at, message)))
        .collect();
    (item, errors)
}

/// The id a content file gives and its translation's language: the name
/// without `.md` (`aws`, `aws.en`), or the folder's name for a bundle's
/// `index.md` (`index.en.md`).
fn id_text(relative: &Path) -> (String, Option<String>) {
    let stem = relative
        .file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (id, tag) = split_stem(&stem);
    let tag = tag.map(str::to_owned);
    if relative.components().count() == 4 {
        let folder = relative.parent().and_then(Path::file_name);
        let folder = folder.map(|name| name.to_string_lossy().into_owned());
        return (folder.unwrap_or_default(), tag);
    }
    (id.to_owned(), tag)
}

fn file_id(relative: &Path, stem: &str) -> Result<EntityId, Diagnostic> {
    EntityId::parse(stem).map_err(|message| {
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

/// The usual cause of a YAML syntax error, as a `help:` line: the parser
/// names the symptom, a writer needs the fix.
fn with_yaml_hint(mut diagnostic: Diagnostic) -> Diagnostic {
    let message = &diagnostic.message;
    let help = if message.contains("mapping values are not allowed") {
        Some("a value that contains \": \" must be quoted: title: \"Parler: the case\"")
    } else if message.contains("tab") && message.starts_with("invalid YAML") {
        Some("YAML indents with spaces only: replace the tab with spaces")
    } else if message.contains("did not find expected") && message.starts_with("invalid YAML") {
        Some("check the indentation and the quotes of this line and the one above it")
    } else {
        None
    };
    diagnostic.help = help.map(str::to_owned);
    diagnostic
}

fn io_diagnostic(root: &Path, path: &Path, message: &str) -> Diagnostic {
    let relative = path.strip_prefix(root).unwrap_or(path);
    Diagnostic::new(relative, Position::START, format!("cannot read: {message}"))
}

#[cfg(test)]
mod tests {
    use super::{kind_of, load, path_order_key, read_text, LoadCache};
    use crate::model::EntityKind;
    use std::fs;
    use std::path::{Path, PathBuf};

    #[test]
    fn path_order_keys_sort_as_paths_do() {
        let names = [
            "content/events/a-b.md",
            "content/events/a/index.md",
            "content/events/a/z.pdf",
            "content/events/a b.md",
            "content/events/a.md",
            "content/events/a0.md",
            "content/events/ä.md",
            "content/events.md",
            "content/event/x.md",
            "content/events/a/b/c.txt",
        ];
        let mut by_path: Vec<&Path> = names.iter().map(Path::new).collect();
        let mut by_key = by_path.clone();
        by_path.sort();
        by_key.sort_by_key(|path| path_order_key(path));
        assert_eq!(by_key, by_path);
    }

    fn titles(root: &Path, cache: &mut LoadCache) -> Vec<String> {
        let loaded = load(root, cache);
        let mut titles: Vec<String> = loaded
            .documents
            .iter()
            .map(|d| d.as_entity().title().to_owned())
            .collect();
        titles.sort();
        titles
    }

    #[test]
    fn an_edit_keeps_the_walk_and_a_new_file_brings_the_next() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("content/parties")).unwrap();
        fs::write(root.join("casebook.yaml"), "title: T\n").unwrap();
        let party =
            |title: &str| format!("---\ntitle: {title}\nkind: company\nrole: plaintiff\n---\n");
        let aws = root.join("content/parties/aws.md");
        fs::write(&aws, party("AWS")).unwrap();
        let mut cache = LoadCache::keeping();
        assert_eq!(titles(root, &mut cache), ["AWS"]);
        assert!(cache.walk.is_some());

        fs::write(&aws, party("Amazon")).unwrap();
        cache.forget(root, std::slice::from_ref(&aws));
        assert!(
            cache.walk.is_some(),
            "an edit of a known file keeps the walk"
        );
        assert_eq!(titles(root, &mut cache), ["Amazon"]);

        let parler = root.join("content/parties/parler.md");
        fs::write(&parler, party("Parler")).unwrap();
        cache.forget(root, std::slice::from_ref(&parler));
        assert!(
            cache.walk.is_some(),
            "a new entity file is added to the walk"
        );
        assert_eq!(titles(root, &mut cache), ["Amazon", "Parler"]);

        fs::remove_file(&parler).unwrap();
        cache.forget(root, &[PathBuf::from("content/parties/parler.md")]);
        assert!(cache.walk.is_some(), "and a removed one taken out of it");
        assert_eq!(titles(root, &mut cache), ["Amazon"]);
        // A path outside the site is none of its business.
        cache.forget(root, &[PathBuf::from("/elsewhere/content/x.md")]);
        assert!(cache.walk.is_some());

        for (path, why) in [
            (
                "content/sources/first.md",
                "a folder the walk never went through",
            ),
            ("content/parties/king/index.md", "a bundle"),
            ("content/stray.md", "a misplaced file"),
        ] {
            let file = root.join(path);
            fs::create_dir_all(file.parent().unwrap()).unwrap();
            fs::write(&file, party("New")).unwrap();
            cache.forget(root, std::slice::from_ref(&file));
            assert!(cache.walk.is_none(), "{why} needs a walk");
            load(root, &mut cache);
            assert!(cache.walk.is_some());
        }
    }

    #[test]
    fn the_walk_lists_files_in_path_order_so_that_a_new_one_finds_its_place() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for path in [
            "content/events/x.md",
            "content/events/x/index.md",
            "content/events/x-y.md",
            "content/events/w.md",
            "content/claims/a.md",
            "content/index.md",
        ] {
            let file = root.join(path);
            fs::create_dir_all(file.parent().unwrap()).unwrap();
            fs::write(&file, "---\ntitle: T\n---\n").unwrap();
        }
        fs::write(root.join("casebook.yaml"), "title: T\n").unwrap();
        let mut cache = LoadCache::keeping();
        load(root, &mut cache);
        let walked: Vec<&Path> = cache
            .walk
            .as_ref()
            .unwrap()
            .files
            .iter()
            .map(|f| f.relative.as_path())
            .collect();
        let mut sorted = walked.clone();
        sorted.sort();
        assert_eq!(walked, sorted);
        assert_eq!(walked.len(), 6);
    }

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
