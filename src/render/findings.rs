//! The files made beside the pages: search indexes, share images and the
//! case's data files.

use foldhash::HashMap;

use crate::diagnostic::Diagnostic;
use crate::load::theme::Theme;
use crate::model::edition::Edition;
use crate::render::output::OutputFile;
use crate::render::{exports, memo, share, EditionParts, RenderMemo};

/// Whether `events.ics` and `case.json` are made again, or left as last
/// run wrote them.
#[derive(Clone, Copy)]
pub(super) enum DataFiles {
    Make,
    AsBefore,
}

/// The files of a render besides pages and feeds.
pub(super) struct Findings {
    pub(super) files: Vec<OutputFile>,
    /// Outputs left as last run wrote them.
    pub(super) kept: Vec<String>,
    pub(super) memo: memo::FindingsMemo,
}

/// Both results, or the errors of either or both.
pub(super) fn both<A, B>(
    a: Result<A, Vec<Diagnostic>>,
    b: Result<B, Vec<Diagnostic>>,
) -> Result<(A, B), Vec<Diagnostic>> {
    match (a, b) {
        (Ok(a), Ok(b)) => Ok((a, b)),
        (a, b) => {
            let mut errors = a.err().unwrap_or_default();
            errors.extend(b.err().unwrap_or_default());
            errors.sort();
            errors.dedup();
            Err(errors)
        }
    }
}

/// The files of SPEC §11 besides pages and feeds: each edition's search
/// index and share images, the main edition's `events.ics` and `case.json`.
/// Returns the share images and search indexes for the next run's memo.
pub(super) fn finding_files(
    parts: &[EditionParts],
    editions: &[Edition],
    theme: &Theme,
    previous: Option<&RenderMemo>,
    data: DataFiles,
) -> Result<Findings, Vec<Diagnostic>> {
    let mut findings = Findings {
        files: Vec::new(),
        kept: Vec::new(),
        memo: (HashMap::default(), Vec::new()),
    };
    let no_index = crate::export::search::SearchMemo::default();
    for (index, (part, edition)) in parts.iter().zip(editions).enumerate() {
        let prefix = edition.prefix();
        let last = previous.map(|memo| memo.search.get(index).unwrap_or(&no_index));
        let (mut own, search) = exports::search_files(&part.lookup, last);
        findings.memo.1.extend(search);
        match (data, edition.main) {
            (_, false) => {}
            (DataFiles::Make, true) => {
                own.extend(exports::data_files(&part.lookup, &part.config));
            }
            (DataFiles::AsBefore, true) => {
                let kept = exports::DATA_FILES.map(|path| format!("{prefix}{path}"));
                findings.kept.extend(kept);
            }
        }
        let (drawn, memo) = share_images(part, theme, previous)?;
        own.extend(drawn);
        findings.memo.0.extend(memo);
        findings
            .files
            .extend(own.into_iter().map(|file| OutputFile {
                path: format!("{prefix}{}", file.path),
                bytes: file.bytes,
            }));
    }
    Ok(findings)
}

fn share_images(
    part: &EditionParts,
    theme: &Theme,
    previous: Option<&RenderMemo>,
) -> Result<share::Drawn, Vec<Diagnostic>> {
    let config = &part.config;
    if !config.share_images {
        return Ok((Vec::new(), HashMap::default()));
    }
    let font_missing = || {
        "share_images: true needs a font: the theme has no fonts/*.ttf or fonts/*.otf".to_owned()
    };
    let font = theme.share_font.as_deref().ok_or_else(font_missing);
    font.and_then(|font| {
        let previous = previous.map(|memo| &memo.images);
        let translate = &part.shared.translate;
        share::images(&part.lookup, translate, &config.title, font, previous)
    })
    .map_err(|message| {
        vec![Diagnostic::new(
            crate::site::CONFIG_FILE,
            crate::diagnostic::Position::START,
            message,
        )]
    })
}
