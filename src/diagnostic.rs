//! Diagnostics: what a writer reads when the content is wrong.
//!
//! Every stage reports problems as values; the pipeline collects all of them
//! before it stops, so one run shows every mistake, each with the place to fix
//! it (`content/events/suit.md:12:5: unknown id "amazn" (did you mean "amazon"?)`).

use std::fmt;
use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

/// One problem found in the site, at a place in a file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// The file, relative to the site root (`content/events/suit.md`).
    pub file: PathBuf,
    /// Where in the file; line 1 is the file's first line (the opening `---`).
    pub position: Position,
    /// What is wrong, in one line.
    pub message: String,
    /// How to fix it, where the message alone does not say.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A diagnostic without a help line.
    pub(crate) fn new(
        file: impl Into<PathBuf>,
        at: Position,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            file: file.into(),
            position: at,
            message: message.into(),
            help: None,
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            escape_controls(&display_path(&self.file)),
            self.position.line,
            self.position.column,
            escape_controls(&self.message)
        )?;
        match &self.help {
            Some(help) => write!(f, "\n  help: {}", escape_controls(help)),
            None => Ok(()),
        }
    }
}

impl Diagnostic {
    /// The diagnostic as a writer reads it in a terminal: the `file:line:col:
    /// message` line first (the same as `Display`), then, where the line of
    /// the file it points at is at hand (`source_line`), that line with a
    /// caret under the problem, and the help.
    /// Every line after the first is indented, so the first lines alone list
    /// the mistakes. `styled` adds colour.
    pub fn render(&self, source_line: Option<&str>, styled: bool) -> String {
        let headline = format!(
            "{}:{}:{}: {}",
            escape_controls(&display_path(&self.file)),
            self.position.line,
            self.position.column,
            escape_controls(&self.message)
        );
        let Some(line) = source_line else {
            return self.to_string();
        };
        let line = line.strip_suffix('\r').unwrap_or(line);
        // One character for one, so the caret stays under its column.
        let line: String = line
            .chars()
            .map(|c| {
                if c.is_control() && c != '\t' {
                    '\u{fffd}'
                } else {
                    c
                }
            })
            .collect();
        let line = line.as_str();
        let span = caret_span(line, self.position.column);
        let mut group = Group::with_level(Level::ERROR).element(
            Snippet::source(line)
                .line_start(self.position.line)
                .fold(false)
                .annotation(AnnotationKind::Primary.span(span)),
        );
        if let Some(help) = &self.help {
            group = group.element(Level::HELP.message(escape_controls(help)));
        }
        let renderer = if styled {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        let snippet = renderer.render(&[group]);
        let mut out = if styled {
            format!("\x1b[1m{headline}\x1b[0m")
        } else {
            headline
        };
        for snippet_line in snippet.lines() {
            out.push_str("\n  ");
            out.push_str(snippet_line);
        }
        out
    }
}

/// The bytes of `line` to underline for a problem at 1-based `column`: a
/// whole `[[…]]` or word, else one character.
fn caret_span(line: &str, column: usize) -> std::ops::Range<usize> {
    let Some((start, first)) = line.char_indices().nth(column.saturating_sub(1)) else {
        return line.len()..line.len();
    };
    let rest = &line[start..];
    let length = if rest.starts_with("[[") {
        rest.find("]]").map_or(2, |end| end + 2)
    } else if let Some(link) = markdown_link_length(rest) {
        link
    } else if first.is_alphanumeric() {
        rest.find(|c: char| !(c.is_alphanumeric() || matches!(c, '-' | '_' | '.')))
            .unwrap_or(rest.len())
    } else {
        first.len_utf8()
    };
    start..start + length
}

/// The length of a Markdown link or image at the start of `text`
/// (`[x](dest)`, `![x](dest)`), when it closes on the line.
fn markdown_link_length(text: &str) -> Option<usize> {
    let body = text.strip_prefix('!').unwrap_or(text).strip_prefix('[')?;
    let dest = body.find("](")?;
    let close = body[dest..].find(')')?;
    Some(text.len() - body.len() + dest + close + 1)
}

/// `text` with every control character written as an escape (`\u{1b}`), so
/// a file name or key cannot move the cursor, clear the screen or forge a
/// line of output in the writer's terminal.
pub fn escape_controls(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut escaped = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_control() {
            escaped.push_str(&c.escape_unicode().to_string());
        } else {
            escaped.push(c);
        }
    }
    std::borrow::Cow::Owned(escaped)
}

/// Paths are shown with `/` on every platform, so messages are the same everywhere.
pub(crate) fn display_path(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// A 1-based line and column in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
}

impl Position {
    pub(crate) const START: Position = Position { line: 1, column: 1 };

    pub(crate) fn new(line: usize, column: usize) -> Position {
        Position { line, column }
    }

    /// The position of byte `offset` in `text`, where `text` starts at `origin`.
    pub(crate) fn of_offset(text: &str, offset: usize, origin: Position) -> Position {
        let before = &text[..offset.min(text.len())];
        match before.rfind('\n') {
            Some(newline) => Position {
                line: origin.line + before.matches('\n').count(),
                column: before[newline + 1..].chars().count() + 1,
            },
            None => Position {
                line: origin.line,
                column: origin.column + before.chars().count(),
            },
        }
    }
}

/// Positions of many offsets in one text, without rescanning it each time.
///
/// Offsets asked for in increasing order on one line are counted on from the
/// last one, so a single line of 200 000 references costs time linear in its
/// length, not quadratic.
pub(crate) struct LineIndex {
    line_starts: Vec<usize>,
    origin: Position,
    /// The last offset asked for: (byte offset, its line index, its 1-based column).
    last: std::cell::Cell<(usize, usize, usize)>,
}

impl LineIndex {
    pub(crate) fn new(text: &str, origin: Position) -> LineIndex {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(at, _)| at + 1))
            .collect();
        LineIndex {
            line_starts,
            origin,
            last: std::cell::Cell::new((0, 0, 1)),
        }
    }

    /// The position of byte `offset` of `text` (the text the index was made of).
    pub(crate) fn position(&self, text: &str, offset: usize) -> Position {
        let offset = offset.min(text.len());
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let (last_offset, last_line, last_column) = self.last.get();
        let column = if last_line == line && last_offset <= offset {
            last_column + text[last_offset..offset].chars().count()
        } else {
            text[self.line_starts[line]..offset].chars().count() + 1
        };
        self.last.set((offset, line, column));
        match line {
            0 => Position::new(self.origin.line, self.origin.column + column - 1),
            _ => Position::new(self.origin.line + line, column),
        }
    }
}

/// The closest candidate to `wrong`, if one is close enough to be a likely
/// typo: similar by Jaro-Winkler, or one edit away (which Jaro-Winkler
/// misses in short names: `bi` for `by`), ignoring case (`APPLE.md`).
pub(crate) fn suggest<'a>(
    wrong: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let wrong = wrong.to_lowercase();
    candidates
        .into_iter()
        .map(|candidate| {
            let lower = candidate.to_lowercase();
            let one_edit = wrong.chars().count() >= 2 && strsim::levenshtein(&wrong, &lower) <= 1;
            (strsim::jaro_winkler(&wrong, &lower), one_edit, candidate)
        })
        .filter(|(score, one_edit, _)| *score >= 0.8 || *one_edit)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.2.cmp(a.2)))
        .map(|(_, _, candidate)| candidate)
}

/// ` (did you mean "x"?)`, or nothing when no candidate is close.
pub(crate) fn did_you_mean<'a>(
    wrong: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> String {
    suggest(wrong, candidates)
        .map(|hint| format!(" (did you mean \"{hint}\"?)"))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::{did_you_mean, Diagnostic, Position};

    #[test]
    fn formats_like_a_compiler() {
        let d = Diagnostic::new(
            "content/events/suit.md",
            Position::new(12, 5),
            "unknown id \"amazn\"",
        );
        assert_eq!(
            d.to_string(),
            "content/events/suit.md:12:5: unknown id \"amazn\""
        );
    }

    #[test]
    fn renders_the_line_with_a_caret_and_help() {
        let mut d = Diagnostic::new(
            "content/events/suit.md",
            Position::new(2, 5),
            "unknown id \"amazn\"",
        );
        d.help = Some("ids are file names".to_owned());
        assert_eq!(
            d.render(Some("See [[amazn]] now"), false),
            "content/events/suit.md:2:5: unknown id \"amazn\"\n    \
             |\n  2 | See [[amazn]] now\n    |     ^^^^^^^^^\n    |\n    = help: ids are file names"
        );
        assert_eq!(d.render(None, false), d.to_string());
    }

    #[test]
    fn the_caret_spans_a_markdown_link() {
        let d = Diagnostic::new("a.md", Position::new(3, 5), "link to \"/x/\"");
        let rendered = d.render(Some("See [x](/x/) now"), false);
        assert!(rendered.ends_with("|     ^^^^^^^^"), "{rendered}");
    }

    #[test]
    fn control_characters_never_reach_the_terminal() {
        let d = Diagnostic::new(
            "content/events/a\u{1b}[2Jb.md",
            Position::new(1, 1),
            "unknown key \"x\ny\"",
        );
        assert_eq!(
            d.to_string(),
            "content/events/a\\u{1b}[2Jb.md:1:1: unknown key \"x\\u{a}y\""
        );
        let rendered = d.render(Some("ti\u{7}tle: x"), false);
        assert!(!rendered.contains(['\u{1b}', '\u{7}']), "{rendered}");
    }

    #[test]
    fn offsets_map_to_lines_and_columns() {
        let text = "ab\ncdé\nf";
        let origin = Position::new(4, 1);
        assert_eq!(Position::of_offset(text, 0, origin), Position::new(4, 1));
        assert_eq!(Position::of_offset(text, 3, origin), Position::new(5, 1));
        assert_eq!(Position::of_offset(text, 7, origin), Position::new(5, 4));
        assert_eq!(Position::of_offset(text, 8, origin), Position::new(6, 1));
    }

    #[test]
    fn line_index_agrees_with_scanning() {
        let text = "ab\ncdé\nf";
        let origin = Position::new(4, 3);
        let index = super::LineIndex::new(text, origin);
        for offset in [0, 1, 3, 7, 8, 9, 4, 5, 0, 3] {
            assert_eq!(
                index.position(text, offset),
                Position::of_offset(text, offset, origin),
                "{offset}"
            );
        }
    }

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(
            did_you_mean("amazn", ["amazon", "parler"]),
            " (did you mean \"amazon\"?)"
        );
        assert_eq!(
            did_you_mean("partys", ["parties", "claims"]),
            " (did you mean \"parties\"?)"
        );
        assert_eq!(did_you_mean("zzz", ["amazon", "parler"]), "");
    }

    #[test]
    fn suggests_short_names_one_edit_away_and_ignores_case() {
        assert_eq!(
            did_you_mean("bi", ["by", "basis"]),
            " (did you mean \"by\"?)"
        );
        assert_eq!(
            did_you_mean("buy", ["by", "basis"]),
            " (did you mean \"by\"?)"
        );
        assert_eq!(
            did_you_mean("APPLE", ["epic", "apple"]),
            " (did you mean \"apple\"?)"
        );
        assert_eq!(did_you_mean("x", ["y"]), "");
        assert_eq!(did_you_mean("id", ["by"]), "");
    }
}
