//! Reading the entities: each one's distinct folded words, as numbers of
//! the words of the whole index (so that putting the posting lists together
//! is counting, not hashing millions of words again).

use std::sync::Arc;

use foldhash::HashMap;

use rayon::prelude::*;

use super::fold::Words;
use super::{SearchEntry, TextPieces};

/// Entities whose words one task of the parallel scan collects.
pub(super) const ENTRIES_PER_RUN: usize = 256;

/// One entity's distinct words, as term numbers, in the order first found.
pub(super) type EntityWords = Arc<[u32]>;

/// Every word found so far, numbered in the order first found. A number
/// stays the word's for as long as the terms are kept (`watch` keeps them
/// from one run to the next).
#[derive(Debug, Clone, Default)]
pub(super) struct Terms {
    words: Vec<Arc<str>>,
    numbers: HashMap<Arc<str>, u32>,
}

impl Terms {
    pub(super) fn len(&self) -> usize {
        self.words.len()
    }

    pub(super) fn word(&self, term: u32) -> &str {
        &self.words[term as usize]
    }

    /// The number of `word`, numbering it if it is new.
    fn number(&mut self, word: &str) -> u32 {
        if let Some(&term) = self.numbers.get(word) {
            return term;
        }
        let term = u32::try_from(self.words.len()).expect("fewer than 4 billion words");
        let word: Arc<str> = word.into();
        self.words.push(word.clone());
        self.numbers.insert(word, term);
        term
    }
}

/// The words of each of `entries` (in their order): every distinct folded
/// word of its title, summary, text and aliases, numbered in `terms`.
pub(super) fn scan(
    entries: &[&SearchEntry],
    text: &impl TextPieces,
    terms: &mut Terms,
) -> Vec<EntityWords> {
    let runs: Vec<RunWords> = entries
        .par_chunks(ENTRIES_PER_RUN)
        .map(|run| scan_run(run, text))
        .collect();
    // Numbering is sequential (in run order, so always the same); turning a
    // run's own numbers into the terms' is not.
    let numbering: Vec<Vec<u32>> = runs
        .iter()
        .map(|run| {
            run.vocabulary
                .iter()
                .map(|word| terms.number(word))
                .collect()
        })
        .collect();
    runs.into_par_iter()
        .zip(numbering)
        .flat_map_iter(|(run, numbers)| {
            run.entities
                .into_iter()
                .map(move |own| own.iter().map(|&word| numbers[word as usize]).collect())
        })
        .collect()
}

/// The words of a run of entities: the run's own vocabulary, and each
/// entity's words as numbers into it.
struct RunWords {
    vocabulary: Vec<String>,
    entities: Vec<Vec<u32>>,
}

/// Each entity's distinct words, found without copying its folded text:
/// title, summary, text and aliases, in that order, as if joined by spaces.
fn scan_run(entries: &[&SearchEntry], text: &impl TextPieces) -> RunWords {
    let mut numbers: HashMap<String, u32> = HashMap::default();
    // Per word of the run: 1 + the offset of the last entity it was found in.
    let mut last_seen: Vec<u32> = Vec::new();
    let mut words = Words::default();
    let mut entities = Vec::with_capacity(entries.len());
    for (offset, entry) in entries.iter().enumerate() {
        let stamp = u32::try_from(offset + 1).expect("a short run");
        let mut own = Vec::new();
        let mut add = |word: &str| {
            let number = match numbers.get(word) {
                Some(&number) => number,
                None => {
                    let number = u32::try_from(last_seen.len()).expect("a short run");
                    numbers.insert(word.to_owned(), number);
                    last_seen.push(0);
                    number
                }
            };
            if last_seen[number as usize] != stamp {
                last_seen[number as usize] = stamp;
                own.push(number);
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
        entities.push(own);
    }
    let mut vocabulary = vec![String::new(); numbers.len()];
    for (word, number) in numbers {
        vocabulary[number as usize] = word;
    }
    RunWords {
        vocabulary,
        entities,
    }
}

/// Each term's posting list: the numbers of the entities it occurs in,
/// ascending (`words` is in entity order).
pub(super) fn posting_lists(words: &[EntityWords], terms: usize) -> Vec<Vec<u32>> {
    let mut lists = vec![Vec::new(); terms];
    for (number, own) in words.iter().enumerate() {
        let number = u32::try_from(number).expect("fewer than 4 billion entities");
        for &term in own.iter() {
            lists[term as usize].push(number);
        }
    }
    lists
}
