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
    /// The body, read by the `text` function given to [`build_index`].
    pub(crate) text: &'a str,
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
    let mut ordered: Vec<&SearchEntry> = entries.iter().collect();
    ordered.sort_by_key(|entry| kind_index(entry.kind));
    let mut lists: HashMap<String, Vec<u32>, Fnv> = HashMap::default();
    let runs: Vec<PostingLists> = ordered
        .par_chunks(ENTRIES_PER_RUN)
        .enumerate()
        .map(|(run, entries)| posting_lists(run * ENTRIES_PER_RUN, entries, text))
        .collect();
    // Runs are merged in order, so every list stays sorted by entity number.
    for run in runs {
        for (word, list) in run {
            match lists.get_mut(word.as_str()) {
                Some(all) => all.extend(list),
                None => {
                    lists.insert(word, list);
                }
            }
        }
    }
    let mut terms: Vec<(&str, Vec<u32>)> = lists
        .iter_mut()
        .map(|(word, list)| (word.as_str(), std::mem::take(list)))
        .collect();
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

/// Entities whose words one task of the parallel index build collects.
const ENTRIES_PER_RUN: usize = 256;

/// Each folded word of a run of entities, with the numbers of the entities
/// it occurs in, ascending.
type PostingLists = HashMap<String, Vec<u32>, Fnv>;

/// The posting lists of `entries`, numbered from `first`: every distinct
/// folded word of each entity's title, summary, text and aliases (in that
/// order, as if joined by spaces), found without copying the folded text.
fn posting_lists(first: usize, entries: &[&SearchEntry], text: &impl TextPieces) -> PostingLists {
    let mut lists = PostingLists::default();
    let mut words = Words::default();
    for (offset, entry) in entries.iter().enumerate() {
        let number = u32::try_from(first + offset).expect("fewer than 4 billion entities");
        let mut add = |word: &str| match lists.get_mut(word) {
            Some(list) => {
                if list.last() != Some(&number) {
                    list.push(number);
                }
            }
            None => {
                lists.insert(word.to_owned(), vec![number]);
            }
        };
        for field in [entry.title, entry.summary.unwrap_or_default()] {
            words.feed(field, &mut add);
            words.end(&mut add);
        }
        text(entry.text, &mut |piece| words.feed(piece, &mut add));
        words.end(&mut add);
        for alias in entry.aliases {
            words.feed(alias, &mut add);
            words.end(&mut add);
        }
    }
    lists
}

/// The words of a text fed in pieces, folded as [`fold`] folds and cut as
/// [`fold_words`] cuts, but without building the folded text: a word may
/// go on from one piece into the next, until [`Words::end`].
#[derive(Default)]
struct Words {
    /// The current word, folded, at most [`MAX_WORD`] characters.
    word: String,
    /// Its length in characters, counting those cut off.
    chars: usize,
}

impl Words {
    fn feed(&mut self, text: &str, emit: &mut impl FnMut(&str)) {
        if text.is_ascii() {
            for byte in text.bytes() {
                if byte.is_ascii_alphanumeric() {
                    self.push(char::from(byte.to_ascii_lowercase()));
                } else {
                    self.end(emit);
                }
            }
            return;
        }
        for ch in text.chars() {
            let code = ch as u32;
            if (0xC0..0x180).contains(&code) {
                match LATIN_FOLDS[(code - 0xC0) as usize] {
                    "" => self.end(emit),
                    base => base.chars().for_each(|folded| self.push(folded)),
                }
            } else {
                for folded in ch.to_lowercase() {
                    if folded.is_alphanumeric() {
                        self.push(folded);
                    } else {
                        self.end(emit);
                    }
                }
            }
        }
    }

    /// Adds a letter or digit to the current word.
    fn push(&mut self, ch: char) {
        if self.chars < MAX_WORD {
            self.word.push(ch);
        }
        self.chars += 1;
    }

    /// Ends the current word, passing it on unless it is a single letter.
    fn end(&mut self, emit: &mut impl FnMut(&str)) {
        let keep = match self.chars {
            0 => false,
            1 => self.word.as_bytes()[0].is_ascii_digit(),
            _ => true,
        };
        if keep {
            emit(&self.word);
        }
        self.word.clear();
        self.chars = 0;
    }
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
        build_index, chunk_starts, encode_postings, fold, fold_words, SearchEntry, Words,
        CHUNK_BYTES,
    };

    fn entry<'a>(kind: &'static str, title: &'a str, text: &'a str) -> SearchEntry<'a> {
        SearchEntry {
            kind,
            path: "x/",
            title,
            aliases: &[],
            summary: None,
            text,
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

    /// A body's text as the tests write it: already plain.
    fn as_is(text: &str, emit: &mut dyn FnMut(&str)) {
        emit(text);
    }

    /// The words [`Words`] finds in `pieces`, fed one after the other.
    fn streamed_words(pieces: &[&str]) -> Vec<String> {
        let mut words = Words::default();
        let mut found = Vec::new();
        let mut emit = |word: &str| found.push(word.to_owned());
        for piece in pieces {
            words.feed(piece, &mut emit);
        }
        words.end(&mut emit);
        found
    }

    #[test]
    fn streamed_words_are_the_folded_words_of_the_whole_text() {
        let long = "Donaudampfschifffahrtsgesellschaftskapitänsmütze".repeat(2);
        let texts = [
            "Barbara J. Rothstein, 2:21-cv-00031 (Sherman Act § 1)",
            "Straße ÆØÅ Œuvre Łódź × 3÷4 İstanbul ΣΊΣΥΦΟΣ ǅemal x y 7",
            long.as_str(),
            "",
            "a",
        ];
        for text in texts {
            let whole: Vec<String> = fold_words(text).collect();
            assert_eq!(streamed_words(&[text]), whole, "{text}");
            // Split anywhere, a word runs on into the next piece.
            for (cut, _) in text.char_indices() {
                let pieces = [&text[..cut], &text[cut..]];
                assert_eq!(streamed_words(&pieces), whole, "{text} cut at {cut}");
            }
        }
    }

    #[test]
    fn a_word_in_entities_of_several_runs_lists_them_all_in_order() {
        let count = 2 * super::ENTRIES_PER_RUN + 7;
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
