//! What `watch` keeps from one render to the next, so that a rebuild renders
//! only what an edit can have changed.
//!
//! A page's HTML is a function of the theme, the site settings and the page's
//! own template context; a component's of its context; a body's of its
//! Markdown and the targets of its links. So each is remembered under a hash
//! of exactly those inputs: when the hash is the same, so is the output.
//! Which pages have their context built at all is `impact.rs`'s call: those
//! an edit can reach. Within them, only the expensive part, Tera and
//! Markdown, is skipped when the hash is the same.

use foldhash::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex, PoisonError};

/// The outputs of the last successful render, under the hashes of their inputs.
#[derive(Debug, Default)]
pub(crate) struct RenderMemo {
    /// Hash of everything every page depends on: templates, translations, site.
    pub(super) epoch: u64,
    /// Output path → hash of the page's context.
    pub(super) pages: HashMap<String, u64>,
    /// Hash of a component's template and context → its HTML.
    pub(super) components: HashMap<u64, Arc<str>>,
    /// Hash of a body and its resolved links → its HTML.
    pub(super) bodies: HashMap<u64, Arc<str>>,
    /// Hash of a share image's font and text → its PNG bytes.
    pub(super) images: HashMap<u64, Arc<[u8]>>,
    /// Each edition's case, as far as the next run's reach needs it.
    pub(super) digests: Vec<super::impact::CaseDigest>,
    /// Each edition's search index, and what it was made of.
    pub(super) search: Vec<crate::export::search::SearchMemo>,
    /// The templates compiled last run, under a hash of their names and
    /// texts: compiling them all again took 6 ms of every rebuild.
    pub(super) templates: Option<(u64, tera::Tera)>,
}

/// What the files beside the pages leave for the next run: the share
/// images under their hashes, and each edition's search index.
pub(super) type FindingsMemo = (
    HashMap<u64, Arc<[u8]>>,
    Vec<crate::export::search::SearchMemo>,
);

impl RenderMemo {
    /// Whether a page rendered from `context_hash` is the one already written.
    pub(super) fn page_unchanged(&self, epoch: u64, path: &str, context_hash: u64) -> bool {
        self.epoch == epoch && self.pages.get(path) == Some(&context_hash)
    }

    pub(super) fn component(&self, epoch: u64, key: u64) -> Option<Arc<str>> {
        (self.epoch == epoch).then(|| self.components.get(&key).cloned())?
    }
}

/// Bodies rendered during one run, gathered across threads.
#[derive(Default)]
pub(super) struct NewBodies(Mutex<Vec<(u64, Arc<str>)>>);

impl NewBodies {
    pub(super) fn record(&self, key: u64, html: Arc<str>) {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push((key, html));
    }

    pub(super) fn into_map(self) -> HashMap<u64, Arc<str>> {
        self.0
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner)
            .into_iter()
            .collect()
    }
}

/// What the memo's hashes are made with.
pub(super) type MemoHasher = foldhash::quality::FoldHasher<'static>;

/// A fresh hasher with fixed keys: hashes are compared within one process.
/// foldhash's quality variant rather than std's SipHash: every rebuild in
/// `watch` hashes every entity's face and the context of every page it
/// reaches, and needs a good 64-bit hash, not one hardened against attackers.
pub(super) fn hasher() -> MemoHasher {
    use std::hash::BuildHasher;
    foldhash::quality::FixedState::default().build_hasher()
}

/// Feeds a template context (a JSON value) into a hasher, structure included.
pub(super) fn hash_value(value: &tera::Value, hasher: &mut MemoHasher) {
    match value {
        tera::Value::Null => 0u8.hash(hasher),
        tera::Value::Bool(flag) => (1u8, flag).hash(hasher),
        tera::Value::Number(number) => {
            2u8.hash(hasher);
            number.as_i64().hash(hasher);
            number.as_u64().hash(hasher);
            number.as_f64().map(f64::to_bits).hash(hasher);
        }
        tera::Value::String(text) => (3u8, text).hash(hasher),
        tera::Value::Array(items) => {
            (4u8, items.len()).hash(hasher);
            items.iter().for_each(|item| hash_value(item, hasher));
        }
        tera::Value::Object(entries) => {
            (5u8, entries.len()).hash(hasher);
            for (key, item) in entries {
                key.hash(hasher);
                hash_value(item, hasher);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{hash_value, hasher};
    use std::hash::Hasher;

    fn hash(value: tera::Value) -> u64 {
        let mut h = hasher();
        hash_value(&value, &mut h);
        h.finish()
    }

    #[test]
    fn equal_values_hash_alike_and_structure_counts() {
        let a = tera::to_value(serde_json_like(&[("x", "1")])).unwrap();
        assert_eq!(hash(a.clone()), hash(a));
        assert_ne!(
            hash(tera::to_value(vec!["ab", "c"]).unwrap()),
            hash(tera::to_value(vec!["a", "bc"]).unwrap())
        );
        assert_ne!(
            hash(tera::Value::Null),
            hash(tera::to_value(false).unwrap())
        );
    }

    fn serde_json_like(pairs: &[(&str, &str)]) -> std::collections::BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }
}
