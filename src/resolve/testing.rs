//! Test support: documents and cases made from front matter in a string.

use std::collections::HashSet;
use std::path::PathBuf;

use crate::load::front_matter::parse_document;
use crate::model::{Document, EntityId, EntityKind};
use crate::resolve::{resolve, Case};

/// The document of `content/<folder>/<id>.md` (or `content/index.md`) with
/// this front matter and no body.
pub(crate) fn document(kind: EntityKind, id: &str, front: &str) -> Document {
    document_with_body(kind, id, front, "")
}

pub(crate) fn document_with_body(kind: EntityKind, id: &str, front: &str, body: &str) -> Document {
    let file = match kind {
        EntityKind::Index => PathBuf::from("content/index.md"),
        _ => PathBuf::from(format!("content/{}/{id}.md", kind.folder())),
    };
    let text = format!("---\n{front}\n---\n{body}");
    let (document, errors) = parse_document(kind, EntityId::parse(id).unwrap(), &file, &text);
    assert!(errors.is_empty(), "{errors:?}");
    document.expect("a document")
}

/// The case of sound documents, drafts left out.
pub(crate) fn case_of(documents: Vec<Document>) -> Case {
    resolve(documents, &HashSet::new(), &HashSet::new(), false).unwrap()
}
