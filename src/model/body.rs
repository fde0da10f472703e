//! A Markdown body and what `markdown::scan` found in it: headings with their
//! anchors and the references to other entities.

use crate::diagnostic::Position;

/// A heading of a body, with its stable anchor id.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Heading {
    pub(crate) level: u8,
    pub(crate) id: String,
    pub(crate) text: String,
}

/// Where a link in a body points, as written.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum LinkTarget {
    /// `[[id]]`, `[[id|text]]`, `[[id#heading]]`.
    Wiki { id: String, text: Option<String> },
    /// `[text](../parties/aws.md)`: a path relative to the linking file, `/`-separated.
    ContentPath { path: String },
    /// `[complaint](complaint.pdf)`, `![photo](photo.jpg)`: a file of a page
    /// bundle, relative to the linking file.
    File { path: String },
}

/// A reference found in a body.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct BodyLink {
    pub(crate) target: LinkTarget,
    pub(crate) fragment: Option<String>,
    pub(crate) at: Position,
    /// The byte range of the reference in the body (`[[…]]`, or the Markdown link).
    pub(crate) span: std::ops::Range<usize>,
}

/// A Markdown body, with what `markdown::scan` found in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Body {
    pub(crate) markdown: String,
    /// A hash of `markdown`, taken once when the file is read: `watch` keys
    /// rendered bodies by it without hashing every body on every rebuild.
    pub(crate) digest: u64,
    /// The file position of the body's first byte.
    pub(crate) origin: Position,
    pub(crate) headings: Vec<Heading>,
    pub(crate) links: Vec<BodyLink>,
    /// The byte ranges of the Markdown links and images, in text order: a
    /// `[[…]]` inside one's text is shown as text (HTML cannot nest links).
    pub(crate) link_spans: Vec<std::ops::Range<usize>>,
    /// Mistakes found in the text itself: an unclosed `[[`, a link that runs
    /// code or starts at the host's root.
    pub(crate) problems: Vec<(Position, String)>,
}
