//! Files of a page bundle: a PDF, an image, published beside the entity's page.
//!
//! An entity may be a folder, `content/<type>/<id>/index.md`, with files
//! beside it; those files are copied into the entity's output folder, so a
//! link written next to `index.md` (`[complaint](complaint.pdf)`) works on
//! the page unchanged. A source can name one of them as its document
//! (`file: complaint.pdf`), which the page shows with its type and size.

use std::path::PathBuf;
use std::sync::Arc;

/// One file of a bundle, read at load time (later stages do no I/O).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Asset {
    /// The path inside the bundle, with `/` (`complaint.pdf`, `img/photo.jpg`).
    pub(crate) name: String,
    /// The file, relative to the site root (`content/sources/complaint/complaint.pdf`).
    pub(crate) file: PathBuf,
    /// Its bytes, shared: the output copies them without another read.
    pub(crate) bytes: Arc<[u8]>,
}

/// A file's type for a reader: the extension in capitals (`PDF`, `JPG`),
/// or `file` when there is none.
pub(crate) fn file_type(name: &str) -> String {
    let base = name.rsplit('/').next().unwrap_or(name);
    match base.rsplit_once('.') {
        Some((stem, extension)) if !stem.is_empty() && !extension.is_empty() => {
            extension.to_uppercase()
        }
        _ => "file".to_owned(),
    }
}

/// A size for a reader, in decimal units with one decimal where it helps:
/// `812 B`, `4.2 kB`, `12 MB`; `comma` writes the decimal comma (`4,2 kB`).
pub(crate) fn human_size(bytes: u64, comma: bool) -> String {
    const UNITS: [&str; 4] = ["kB", "MB", "GB", "TB"];
    if bytes < 1000 {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64 / 1000.0;
    let mut unit = 0;
    while value >= 999.95 && unit + 1 < UNITS.len() {
        value /= 1000.0;
        unit += 1;
    }
    let text = if value < 9.95 {
        format!("{value:.1}")
    } else {
        format!("{value:.0}")
    };
    let text = if comma { text.replace('.', ",") } else { text };
    format!("{text} {}", UNITS[unit])
}

#[cfg(test)]
mod tests {
    use super::{file_type, human_size};

    #[test]
    fn types_come_from_extensions() {
        assert_eq!(file_type("complaint.pdf"), "PDF");
        assert_eq!(file_type("img/photo.jpeg"), "JPEG");
        assert_eq!(file_type("README"), "file");
        assert_eq!(file_type(".hidden"), "file");
    }

    #[test]
    fn sizes_read_like_a_file_manager() {
        assert_eq!(human_size(812, false), "812 B");
        assert_eq!(human_size(4_200, false), "4.2 kB");
        assert_eq!(human_size(4_200, true), "4,2 kB");
        assert_eq!(human_size(12_345_678, false), "12 MB");
        assert_eq!(human_size(999_999, false), "1.0 MB");
        assert_eq!(human_size(1_500_000_000, false), "1.5 GB");
    }
}
