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

use std::collections::HashMap;

use rayon::prelude::*;
use serde::Serialize;

/// Entities per `docs-N.json` file.
pub(crate) const DOCS_PER_SHARD: usize = 500;

/// The size a `postings-N.json` file grows to before the next one starts.
pub(crate) const CHUNK_BYTES: usize = 64 * 1024;

/// The index format, so a cached old script never misreads a new index.
const FORMAT: u32 = 1;

/// Words longer than this are cut: nobody types them, and they bloat the index.
const MAX_WORD: usize = 40;

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
    /// The body as plain text.
    pub(crate) text: String,
}

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
pub(crate) fn build_index(entries: &[SearchEntry]) -> Vec<IndexFile> {
    let mut ordered: Vec<&SearchEntry> = entries.iter().collect();
    ordered.sort_by_key(|entry| kind_index(entry.kind));
    let folded: Vec<String> = ordered.par_iter().map(|e| folded_text(e)).collect();
    let words: Vec<Vec<&str>> = folded.par_iter().map(|text| distinct_words(text)).collect();
    let mut lists: HashMap<&str, Vec<u32>, Fnv> = HashMap::default();
    for (number, words) in words.iter().enumerate() {
        let number = u32::try_from(number).expect("fewer than 4 billion entities");
        for &word in words {
            lists.entry(word).or_default().push(number);
        }
    }
    let mut terms: Vec<(&str, Vec<u32>)> = lists.into_iter().collect();
    terms.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let postings: Vec<String> = terms
        .par_iter()
        .map(|(_, list)| encode_postings(list, ordered.len()))
        .collect();
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
        terms: terms.iter().map(|(term, _)| *term).collect(),
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
    for (number, shard) in ordered.chunks(DOCS_PER_SHARD).enumerate() {
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
        files.push(IndexFile {
            path: format!("search/docs-{number}.json"),
            bytes: serde_json::to_vec(&records).expect("serialisable"),
        });
    }
    files
}

/// The first term of each postings file: a new file starts once the
/// current one holds [`CHUNK_BYTES`]. There is always at least one file.
fn chunk_starts(postings: &[String]) -> Vec<usize> {
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

/// Every distinct folded word of an entity's title, aliases, summary and text.
/// An entity's title, aliases, summary and text, folded, in one string.
fn folded_text(entry: &SearchEntry) -> String {
    let mut text = String::with_capacity(entry.text.len() + 256);
    let fields = [entry.title, entry.summary.unwrap_or_default(), &entry.text];
    for field in fields
        .into_iter()
        .chain(entry.aliases.iter().map(String::as_str))
    {
        text.push_str(&fold(field));
        text.push(' ');
    }
    text
}

/// Every distinct word of a folded text, in no particular order.
fn distinct_words(folded: &str) -> Vec<&str> {
    let mut seen: std::collections::HashSet<&str, Fnv> = Default::default();
    words_of_folded(folded)
        .filter(|word| seen.insert(word))
        .collect()
}

/// FNV-1a: a fast hash for the millions of short words of a large site
/// (the standard library's SipHash guards against hostile keys, which the
/// writer's own words are not, at several times the cost).
#[derive(Default, Clone, Copy)]
struct Fnv;

impl std::hash::BuildHasher for Fnv {
    type Hasher = FnvHasher;

    fn build_hasher(&self) -> FnvHasher {
        FnvHasher(0xcbf2_9ce4_8422_2325)
    }
}

struct FnvHasher(u64);

impl std::hash::Hasher for FnvHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0 ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// The words of a text, folded: what the index stores and the script compares.
/// A word is a run of letters and digits; one-letter words are left out (they
/// would match everything), one-digit numbers kept.
pub(crate) fn fold_words(text: &str) -> impl Iterator<Item = String> {
    let folded = fold(text);
    let words: Vec<String> = words_of_folded(&folded).map(str::to_owned).collect();
    words.into_iter()
}

fn words_of_folded(folded: &str) -> impl Iterator<Item = &str> {
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| {
            let mut chars = word.chars();
            match (chars.next(), chars.next()) {
                (None, _) => false,
                (Some(only), None) => only.is_ascii_digit(),
                _ => true,
            }
        })
        .map(|word| match word.char_indices().nth(MAX_WORD) {
            Some((cut, _)) => &word[..cut],
            None => word,
        })
}

/// Lowercase, without accents, with `ß`, `æ`, `œ` and the like spelled out.
/// The theme's `search.js` folds a query the same way (`NFD`, marks removed,
/// the same spelled-out letters).
pub(crate) fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let mut folded = String::with_capacity(text.len());
    for ch in text.chars() {
        let code = ch as u32;
        if (0xC0..0x180).contains(&code) {
            let base = LATIN_FOLDS[(code - 0xC0) as usize];
            folded.push_str(if base.is_empty() { " " } else { base });
        } else {
            folded.extend(ch.to_lowercase());
        }
    }
    folded
}

/// The folded form of U+00C0..U+017F (Latin-1 letters and Latin Extended-A),
/// generated from Unicode's decompositions; an empty string is not a letter.
#[rustfmt::skip]
const LATIN_FOLDS: [&str; 192] = [
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "ss",
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "y",
    "a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",
    "d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",
    "g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",
    "i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l",
    "l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",
    "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",
    "s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",
    "u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",
];

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
    use super::{
        build_index, chunk_starts, encode_postings, fold, fold_words, SearchEntry, CHUNK_BYTES,
    };

    fn entry<'a>(kind: &'static str, title: &'a str, text: &str) -> SearchEntry<'a> {
        SearchEntry {
            kind,
            path: "x/",
            title,
            aliases: &[],
            summary: None,
            text: text.to_owned(),
        }
    }

    #[test]
    fn folding_drops_case_and_accents_and_spells_out_sharp_s() {
        assert_eq!(fold("Frühere Anhörung"), "fruhere anhorung");
        assert_eq!(fold("Straße ÆØÅ Œuvre Łódź"), "strasse aeoa oeuvre lodz");
        assert_eq!(fold("Barbara J. Rothstein"), "barbara j. rothstein");
    }

    #[test]
    fn words_are_runs_of_letters_and_digits_without_single_letters() {
        let words: Vec<String> =
            fold_words("Barbara J. Rothstein, 2:21-cv-00031 (Sherman Act § 1)").collect();
        assert_eq!(
            words,
            [
                "barbara",
                "rothstein",
                "2",
                "21",
                "cv",
                "00031",
                "sherman",
                "act",
                "1"
            ]
        );
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
        let postings = vec![
            big.clone(),
            big.clone(),
            big.clone(),
            "1".into(),
            big.clone(),
            big,
        ];
        assert_eq!(chunk_starts(&postings), [0, 2, 5]);
        assert_eq!(chunk_starts(&[]), [0]);
    }

    #[test]
    fn the_index_groups_entities_by_kind_and_finds_folded_words() {
        let entries = [
            entry("event", "Anhörung", "Die frühere Anhörung"),
            entry("party", "Barbara J. Rothstein", "Richterin"),
        ];
        let files = build_index(&entries);
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
