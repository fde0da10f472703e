//! The search index (SPEC §11 "Search"): every published entity's words, folded
//! the way the theme's script folds what a reader types.
//!
//! A reader on a phone should not download the whole site to search it, so
//! the index is split by what a query needs:
//!
//! - `search/index.json` holds the vocabulary: every folded word once, sorted
//!   (a few hundred kilobytes even for 10 000 events), and where each kind of
//!   entity starts.
//! - `search/postings-N.json` hold, for a run of consecutive words, the
//!   entities each occurs in, about [`CHUNK_BYTES`] per file. A posting list
//!   is written as gaps in a compact text code or, for words in most
//!   entities, as a bitmap, whichever is shorter. The script fetches only the
//!   files of the words that match.
//! - `search/docs-N.json` hold what a result shows (type, path, title,
//!   aliases, summary), [`DOCS_PER_SHARD`] entities per file; the script
//!   fetches only the files of the results it shows.
//!
//! Folding lowercases, strips accents and spells out ligatures and `ß`, so
//! `fruhere` finds "frühere", `anhorung` "Anhörung" and `strasse` "Straße".

mod fold;
mod memo;
mod scan;

use rayon::prelude::*;
use serde::Serialize;

use scan::Terms;

pub(crate) use fold::fold_words;
pub(crate) use memo::{rebuild_index, SearchMemo};

/// Entities per `docs-N.json` file.
pub(crate) const DOCS_PER_SHARD: usize = 500;

/// The size a `postings-N.json` file grows to before the next one starts.
pub(crate) const CHUNK_BYTES: usize = 64 * 1024;

/// The index format, so a cached old script never misreads a new index.
const FORMAT: u32 = 1;

/// The digits of the posting code: 64 characters that need no escaping in JSON.
const DIGITS: &[u8; 64] = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";

/// The entity types in the order results are grouped (SPEC §1 order).
pub(crate) const KINDS: [&str; 5] = ["party", "claim", "event", "source", "page"];

/// One entity as the index sees it.
#[derive(Debug, Clone)]
pub(crate) struct SearchEntry<'a> {
    /// One of [`KINDS`].
    pub(crate) kind: &'static str,
    /// The page's path relative to the site root (`parties/parler/`).
    pub(crate) path: &'a str,
    pub(crate) title: &'a str,
    pub(crate) aliases: &'a [String],
    pub(crate) summary: Option<&'a str>,
    /// The body, read by the `text` function given to [`build_index`].
    pub(crate) text: &'a str,
    /// A hash of `text` (the body's `digest`): `watch` reads the words of
    /// a body again only when it changed.
    pub(crate) text_digest: u64,
}

/// Passes on the plain text of a body, in pieces: a word may run from one
/// piece into the next, so a piece ends a word only where it has a space.
pub(crate) trait TextPieces: Fn(&str, &mut dyn FnMut(&str)) + Sync {}

impl<F: Fn(&str, &mut dyn FnMut(&str)) + Sync> TextPieces for F {}

/// One file of the index: path under the output root and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct IndexFile {
    pub(crate) path: String,
    pub(crate) bytes: Vec<u8>,
}

#[derive(Serialize)]
struct Vocabulary<'a> {
    format: u32,
    kinds: [&'static str; 5],
    docs: usize,
    /// The number of the first entity of each kind (entities are grouped by kind).
    starts: [usize; 5],
    /// Entities per `docs-N.json`.
    shard: usize,
    terms: Vec<&'a str>,
    /// The number of the first term of each `postings-N.json`.
    chunks: Vec<usize>,
}

/// What a result shows: `[kind index, path, title, aliases, summary]`.
type DocRecord<'a> = (usize, &'a str, &'a str, &'a [String], &'a str);

/// Builds `search/index.json` and the `postings-N.json` and `docs-N.json`
/// files. Entities are grouped by kind (in [`KINDS`] order), keeping the
/// caller's order within a kind, so the script can group results by number.
/// `text` reads an entry's body as plain text.
pub(crate) fn build_index(entries: &[SearchEntry], text: &impl TextPieces) -> Vec<IndexFile> {
    let ordered = by_kind(entries);
    let mut terms = Terms::default();
    let words = scan::scan(&ordered, text, &mut terms);
    let lists = scan::posting_lists(&words, terms.len());
    let order = vocabulary_order(&terms, |term| !lists[term as usize].is_empty());
    let postings: Vec<String> = order
        .par_iter()
        .map(|&term| encode_postings(&lists[term as usize], ordered.len()))
        .collect();
    let shards = ordered.par_chunks(DOCS_PER_SHARD).map(docs_shard).collect();
    let vocabulary = order.iter().map(|&term| terms.word(term)).collect();
    let postings = postings.iter().map(String::as_str).collect();
    index_files(&ordered, vocabulary, postings, shards)
}

/// The entries grouped by kind, in [`KINDS`] order: an entity's number is
/// its place here.
fn by_kind<'e, 'a>(entries: &'e [SearchEntry<'a>]) -> Vec<&'e SearchEntry<'a>> {
    let mut ordered: Vec<&SearchEntry> = entries.iter().collect();
    ordered.sort_by_key(|entry| kind_index(entry.kind));
    ordered
}

/// The numbers of the terms that `is_used`, in the vocabulary's order.
fn vocabulary_order(terms: &Terms, is_used: impl Fn(u32) -> bool) -> Vec<u32> {
    let count = u32::try_from(terms.len()).expect("fewer than 4 billion words");
    let mut order: Vec<u32> = (0..count).filter(|&term| is_used(term)).collect();
    order.sort_unstable_by(|&a, &b| terms.word(a).cmp(terms.word(b)));
    order
}

/// The files of the index: the vocabulary (sorted), each word's encoded
/// posting list (in the same order) and the bytes of each `docs-N.json`.
fn index_files(
    ordered: &[&SearchEntry],
    terms: Vec<&str>,
    postings: Vec<&str>,
    shards: Vec<Vec<u8>>,
) -> Vec<IndexFile> {
    let chunks = chunk_starts(&postings);
    let vocabulary = Vocabulary {
        format: FORMAT,
        kinds: KINDS,
        docs: ordered.len(),
        starts: KINDS.map(|kind| {
            ordered
                .iter()
                .take_while(|entry| kind_index(entry.kind) < kind_index(kind))
                .count()
        }),
        shard: DOCS_PER_SHARD,
        terms,
        chunks: chunks.clone(),
    };
    let mut files = vec![IndexFile {
        path: "search/index.json".into(),
        bytes: serde_json::to_vec(&vocabulary).expect("serialisable"),
    }];
    for (number, &start) in chunks.iter().enumerate() {
        let end = chunks.get(number + 1).copied().unwrap_or(postings.len());
        files.push(IndexFile {
            path: format!("search/postings-{number}.json"),
            bytes: serde_json::to_vec(&postings[start..end]).expect("serialisable"),
        });
    }
    for (number, bytes) in shards.into_iter().enumerate() {
        files.push(IndexFile {
            path: format!("search/docs-{number}.json"),
            bytes,
        });
    }
    files
}

/// The bytes of one `docs-N.json`: what the results of `shard` show.
fn docs_shard(shard: &[&SearchEntry]) -> Vec<u8> {
    let records: Vec<DocRecord> = shard
        .iter()
        .map(|entry| {
            (
                kind_index(entry.kind),
                entry.path,
                entry.title,
                entry.aliases,
                entry.summary.unwrap_or_default(),
            )
        })
        .collect();
    serde_json::to_vec(&records).expect("serialisable")
}

/// The first term of each postings file: a new file starts once the
/// current one holds [`CHUNK_BYTES`]. There is always at least one file.
fn chunk_starts(postings: &[&str]) -> Vec<usize> {
    let mut starts = vec![0];
    let mut size = 0;
    for (number, list) in postings.iter().enumerate() {
        if size >= CHUNK_BYTES {
            starts.push(number);
            size = 0;
        }
        size += list.len() + 3;
    }
    starts
}

fn kind_index(kind: &str) -> usize {
    KINDS
        .iter()
        .position(|k| *k == kind)
        .unwrap_or(KINDS.len() - 1)
}

/// A posting list in the shorter of two codes:
/// - gaps: each gap between entity numbers (the first counted from -1) as a
///   little-endian base-32 number, one character per 5 bits, the last
///   character of a number taken from the lower half of [`DIGITS`], the
///   others from the upper half;
/// - `~` and a bitmap of all entities, 6 per character, lowest bit first.
pub(crate) fn encode_postings(list: &[u32], docs: usize) -> String {
    let mut gaps = String::new();
    let mut previous: i64 = -1;
    for &number in list {
        let mut gap = (i64::from(number) - previous) as u64;
        previous = i64::from(number);
        while gap >= 32 {
            gaps.push(DIGITS[32 + (gap & 31) as usize] as char);
            gap >>= 5;
        }
        gaps.push(DIGITS[gap as usize] as char);
    }
    let bitmap_len = 1 + docs.div_ceil(6);
    if gaps.len() <= bitmap_len {
        return gaps;
    }
    let mut bits = vec![0u8; docs.div_ceil(6)];
    for &number in list {
        bits[number as usize / 6] |= 1 << (number % 6);
    }
    let mut bitmap = String::with_capacity(bitmap_len);
    bitmap.push('~');
    bitmap.extend(bits.into_iter().map(|b| DIGITS[b as usize] as char));
    bitmap
}

#[cfg(test)]
mod tests {
    use std::hash::{Hash, Hasher};

    use super::{build_index, chunk_starts, encode_postings, SearchEntry, CHUNK_BYTES};

    pub(super) fn entry<'a>(kind: &'static str, title: &'a str, text: &'a str) -> SearchEntry<'a> {
        SearchEntry {
            kind,
            path: "x/",
            title,
            aliases: &[],
            summary: None,
            text,
            text_digest: digest(text),
        }
    }

    /// What `markdown::scan` keeps as a body's `digest`.
    pub(super) fn digest(text: &str) -> u64 {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        text.hash(&mut hasher);
        hasher.finish()
    }

    /// A body's text as the tests write it: already plain.
    pub(super) fn as_is(text: &str, emit: &mut dyn FnMut(&str)) {
        emit(text);
    }

    #[test]
    fn a_word_in_entities_of_several_runs_lists_them_all_in_order() {
        let count = 2 * super::scan::ENTRIES_PER_RUN + 7;
        let texts: Vec<String> = (0..count)
            .map(|n| match n % 3 {
                0 => "common thrice".to_owned(),
                _ => "common".to_owned(),
            })
            .collect();
        let entries: Vec<SearchEntry> = texts.iter().map(|t| entry("event", "", t)).collect();
        let files = build_index(&entries, &as_is);
        let postings: Vec<String> = serde_json::from_slice(&files[1].bytes).unwrap();
        let all: Vec<u32> = (0..count as u32).collect();
        let thrice: Vec<u32> = (0..count as u32).step_by(3).collect();
        assert_eq!(postings[0], encode_postings(&all, count));
        assert_eq!(postings[1], encode_postings(&thrice, count));
    }

    #[test]
    fn sparse_postings_are_gaps_and_dense_ones_a_bitmap() {
        assert_eq!(encode_postings(&[0, 1, 5], 1000), "114");
        // A gap of 40 needs two characters: 40 = 8 + 32·1.
        assert_eq!(encode_postings(&[39], 1000), "E1");
        let every: Vec<u32> = (0..12).collect();
        assert_eq!(encode_postings(&every, 12), "~__");
        assert_eq!(encode_postings(&[0, 2, 3, 4, 5, 6, 7, 11], 12), "~Zz");
    }

    #[test]
    fn postings_are_split_into_files_of_about_chunk_bytes() {
        let big = "x".repeat(CHUNK_BYTES / 2);
        let big = big.as_str();
        let postings = [big, big, big, "1", big, big];
        assert_eq!(chunk_starts(&postings), [0, 2, 5]);
        assert_eq!(chunk_starts(&[]), [0]);
    }

    #[test]
    fn the_index_groups_entities_by_kind_and_finds_folded_words() {
        let entries = [
            entry("event", "Anhörung", "Die frühere Anhörung"),
            entry("party", "Barbara J. Rothstein", "Richterin"),
        ];
        let files = build_index(&entries, &as_is);
        assert_eq!(files.len(), 3);
        let index: serde_json::Value = serde_json::from_slice(&files[0].bytes).unwrap();
        let terms: Vec<&str> = index["terms"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_str().unwrap())
            .collect();
        assert_eq!(
            terms,
            [
                "anhorung",
                "barbara",
                "die",
                "fruhere",
                "richterin",
                "rothstein"
            ]
        );
        assert_eq!(index["chunks"], serde_json::json!([0]));
        // The party comes first (number 0), the event second (number 1).
        let postings: serde_json::Value = serde_json::from_slice(&files[1].bytes).unwrap();
        assert_eq!(files[1].path, "search/postings-0.json");
        assert_eq!(postings[0], "2");
        assert_eq!(postings[5], "1");
        assert_eq!(index["starts"], serde_json::json!([0, 1, 1, 2, 2]));
        let docs: serde_json::Value = serde_json::from_slice(&files[2].bytes).unwrap();
        assert_eq!(docs[0][2], "Barbara J. Rothstein");
        assert_eq!(files[2].path, "search/docs-0.json");
    }
}
