//! What `watch` keeps of the search index from one run to the next, so a
//! rebuild reads again only the words of the entities an edit changed.
//!
//! Each entity's words are remembered under a hash of everything it puts
//! into the index (kind, path, title, summary, aliases and its body's
//! digest): same hash, same words and same `docs-N.json` record. When the
//! entities are as many as last time and few of them changed, last run's
//! posting lists are patched where those entities' words differ and only
//! the lists touched are encoded again; otherwise the lists are put
//! together anew from every entity's words, which are still not read again.

use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use rayon::prelude::*;

use super::scan::{self, EntityWords, Terms};
use super::{
    by_kind, docs_shard, encode_postings, index_files, vocabulary_order, IndexFile, SearchEntry,
    TextPieces, DOCS_PER_SHARD,
};

/// Changed entities up to which last run's posting lists are patched: an
/// edit that moves many entities (a date that moves an event past others)
/// is cheaper to put together anew than to patch list by list.
const PATCH_LIMIT: usize = 64;

/// Entries of posting lists (an entity put into or taken out of a word's
/// list) up to which patching is cheaper than putting together anew: each
/// costs a shift of a list of up to every entity, and its encoding again.
const PATCH_ENTRIES: usize = 1024;

/// The last index, and what it was made of.
#[derive(Debug, Clone, Default)]
pub(crate) struct SearchMemo {
    /// Per entity number: the hash of what the entity puts into the index.
    keys: Vec<u64>,
    /// Per entity number: its words.
    words: Vec<EntityWords>,
    terms: Terms,
    /// Per term number: the entities it occurs in, ascending (empty for a
    /// word no entity has any more), and that list encoded.
    lists: Vec<Arc<Vec<u32>>>,
    postings: Vec<Arc<str>>,
    /// The numbers of the terms in use, in the vocabulary's order.
    order: Arc<[u32]>,
    /// The bytes of each `docs-N.json`.
    shards: Vec<Arc<[u8]>>,
}

impl SearchMemo {
    /// Whether words no entity has any more (typed and deleted while the
    /// site is watched) outnumber those in use: then starting afresh is
    /// cheaper than carrying them.
    fn worn_out(&self) -> bool {
        self.terms.len() > 2 * self.order.len() + 4096
    }
}

/// The posting lists of a run and what comes of them.
struct Postings {
    lists: Vec<Arc<Vec<u32>>>,
    encoded: Vec<Arc<str>>,
    order: Arc<[u32]>,
}

/// The files of [`super::build_index`], reading again only the entities
/// that `last` (the previous run's memo) does not know; and the memo for
/// the next run.
pub(crate) fn rebuild_index(
    entries: &[SearchEntry],
    text: &impl TextPieces,
    last: &SearchMemo,
) -> (Vec<IndexFile>, SearchMemo) {
    let fresh = SearchMemo::default();
    let last = if last.worn_out() { &fresh } else { last };
    let ordered = by_kind(entries);
    let keys: Vec<u64> = ordered.par_iter().map(|entry| entry_key(entry)).collect();
    let mut terms = last.terms.clone();
    let words = words_of(&ordered, &keys, last, text, &mut terms);
    let changed: Vec<usize> = (0..keys.len())
        .filter(|&number| last.keys.get(number) != Some(&keys[number]))
        .collect();
    let postings = match list_changes(last, &words, &changed) {
        Some(changes) => patch(last, words.len(), &changes, &terms),
        None => assemble(&words, &terms),
    };
    let shards = shards(&ordered, &keys, last);
    let files = index_files(
        &ordered,
        postings
            .order
            .iter()
            .map(|&term| terms.word(term))
            .collect(),
        postings
            .order
            .iter()
            .map(|&term| &*postings.encoded[term as usize])
            .collect(),
        shards.iter().map(|bytes| bytes.to_vec()).collect(),
    );
    let memo = SearchMemo {
        keys,
        words,
        terms,
        lists: postings.lists,
        postings: postings.encoded,
        order: postings.order,
        shards,
    };
    (files, memo)
}

/// A hash of everything an entity puts into the index.
fn entry_key(entry: &SearchEntry) -> u64 {
    let mut hasher =
        std::hash::BuildHasher::build_hasher(&foldhash::quality::FixedState::default());
    let inputs = (
        entry.kind,
        entry.path,
        entry.title,
        entry.summary,
        entry.aliases,
        entry.text_digest,
    );
    inputs.hash(&mut hasher);
    hasher.finish()
}

/// Each entity's words: last run's under the same key, else read now.
fn words_of(
    ordered: &[&SearchEntry],
    keys: &[u64],
    last: &SearchMemo,
    text: &impl TextPieces,
    terms: &mut Terms,
) -> Vec<EntityWords> {
    let mut known: Option<HashMap<u64, &EntityWords>> = None;
    let mut words: Vec<Option<EntityWords>> = Vec::with_capacity(keys.len());
    for (number, key) in keys.iter().enumerate() {
        if last.keys.get(number) == Some(key) {
            words.push(Some(last.words[number].clone()));
            continue;
        }
        let known =
            known.get_or_insert_with(|| last.keys.iter().copied().zip(&last.words).collect());
        words.push(known.get(key).map(|&own| own.clone()));
    }
    let unread: Vec<usize> = (0..words.len())
        .filter(|&number| words[number].is_none())
        .collect();
    let entries: Vec<&SearchEntry> = unread.iter().map(|&number| ordered[number]).collect();
    for (number, own) in unread.into_iter().zip(scan::scan(&entries, text, terms)) {
        words[number] = Some(own);
    }
    words.into_iter().flatten().collect()
}

/// An entity put into (`true`) or taken out of a term's posting list.
type ListChange = (u32, u32, bool);

/// How last run's posting lists change with the `changed` entities' words:
/// each is taken out of the lists of the words it lost and put into those
/// of the words it gained. `None` where patching does not pay.
fn list_changes(
    last: &SearchMemo,
    words: &[EntityWords],
    changed: &[usize],
) -> Option<Vec<ListChange>> {
    if last.keys.len() != words.len() || changed.len() > PATCH_LIMIT {
        return None;
    }
    let mut changes = Vec::new();
    for &number in changed {
        let entity = u32::try_from(number).expect("fewer than 4 billion entities");
        let before: HashSet<u32> = last.words[number].iter().copied().collect();
        let after: HashSet<u32> = words[number].iter().copied().collect();
        changes.extend(after.difference(&before).map(|&term| (term, entity, true)));
        changes.extend(before.difference(&after).map(|&term| (term, entity, false)));
        if changes.len() > PATCH_ENTRIES {
            return None;
        }
    }
    Some(changes)
}

/// Last run's posting lists with `changes` made; only the lists changed
/// are encoded again (for as many entities as last run's).
fn patch(last: &SearchMemo, docs: usize, changes: &[ListChange], terms: &Terms) -> Postings {
    let mut lists = last.lists.clone();
    lists.resize_with(terms.len(), Default::default);
    let mut touched = Vec::with_capacity(changes.len());
    for &(term, entity, gained) in changes {
        let list = Arc::make_mut(&mut lists[term as usize]);
        match (list.binary_search(&entity), gained) {
            (Err(at), true) => list.insert(at, entity),
            (Ok(at), false) => {
                list.remove(at);
            }
            _ => {}
        }
        touched.push(term);
    }
    touched.sort_unstable();
    touched.dedup();
    let mut encoded = last.postings.clone();
    encoded.resize(terms.len(), Arc::from(""));
    let mut vocabulary_changed = false;
    for &term in &touched {
        let list = &lists[term as usize];
        let was_used = last.lists.get(term as usize).is_some_and(|l| !l.is_empty());
        vocabulary_changed |= was_used == list.is_empty();
        encoded[term as usize] = encode_postings(list, docs).into();
    }
    let order = if vocabulary_changed {
        vocabulary_order(terms, |term| !lists[term as usize].is_empty()).into()
    } else {
        last.order.clone()
    };
    Postings {
        lists,
        encoded,
        order,
    }
}

/// The posting lists put together from every entity's words.
fn assemble(words: &[EntityWords], terms: &Terms) -> Postings {
    let lists = scan::posting_lists(words, terms.len());
    let order = vocabulary_order(terms, |term| !lists[term as usize].is_empty());
    let made: Vec<Arc<str>> = order
        .par_iter()
        .map(|&term| encode_postings(&lists[term as usize], words.len()).into())
        .collect();
    let mut encoded = vec![Arc::<str>::from(""); terms.len()];
    for (&term, postings) in order.iter().zip(made) {
        encoded[term as usize] = postings;
    }
    Postings {
        lists: lists.into_iter().map(Arc::new).collect(),
        encoded,
        order: order.into(),
    }
}

/// Each `docs-N.json`: last run's where its entities are those of last
/// time, with the same keys.
fn shards(ordered: &[&SearchEntry], keys: &[u64], last: &SearchMemo) -> Vec<Arc<[u8]>> {
    ordered
        .par_chunks(DOCS_PER_SHARD)
        .enumerate()
        .map(|(number, shard)| {
            let first = number * DOCS_PER_SHARD;
            let range = first..first + shard.len();
            let same_length =
                last.keys.len().saturating_sub(first).min(DOCS_PER_SHARD) == shard.len();
            match last.shards.get(number) {
                Some(bytes)
                    if same_length && last.keys.get(range.clone()) == Some(&keys[range]) =>
                {
                    bytes.clone()
                }
                _ => docs_shard(shard).into(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use super::{rebuild_index, SearchMemo, PATCH_ENTRIES, PATCH_LIMIT};
    use crate::export::search::tests::{as_is, digest};
    use crate::export::search::{build_index, SearchEntry, DOCS_PER_SHARD};

    /// An entity of the tests, owning what a [`SearchEntry`] borrows.
    #[derive(Debug, Clone)]
    struct Entity {
        kind: &'static str,
        path: String,
        title: String,
        aliases: Vec<String>,
        summary: Option<String>,
        text: String,
    }

    fn entity(kind: &'static str, number: usize, text: &str) -> Entity {
        Entity {
            kind,
            path: format!("{kind}s/{number}/"),
            title: format!("{kind} {number}"),
            aliases: Vec::new(),
            summary: number
                .is_multiple_of(3)
                .then(|| format!("Summary of number {number}")),
            text: text.to_owned(),
        }
    }

    /// A site of `events` events (each with words of its own and words
    /// many share) and a few parties with aliases.
    fn site(events: usize) -> Vec<Entity> {
        let mut entities: Vec<Entity> = (0..events)
            .map(|n| {
                let text = format!("Hearing held: Anhörung {} common w{n} m{}", n % 7, n % 5);
                entity("event", n, &text)
            })
            .collect();
        for n in 0..4 {
            let mut party = entity("party", n, "A party of the case.");
            party.aliases = vec![format!("Alias{n}"), "Straße".to_owned()];
            entities.insert((n * 3).min(entities.len()), party);
        }
        entities
    }

    fn entries(entities: &[Entity]) -> Vec<SearchEntry<'_>> {
        entities
            .iter()
            .map(|e| SearchEntry {
                kind: e.kind,
                path: &e.path,
                title: &e.title,
                aliases: &e.aliases,
                summary: e.summary.as_deref(),
                text: &e.text,
                text_digest: digest(&e.text),
            })
            .collect()
    }

    /// Rebuilds the index of `entities` with `last`, checks it is the one a
    /// fresh build makes, and returns the texts read and the next memo.
    fn rebuild(entities: &[Entity], last: &SearchMemo) -> (Vec<String>, SearchMemo) {
        let entries = entries(entities);
        let read = Mutex::new(Vec::new());
        let reading = |text: &str, emit: &mut dyn FnMut(&str)| {
            read.lock().unwrap().push(text.to_owned());
            emit(text);
        };
        let (files, memo) = rebuild_index(&entries, &reading, last);
        assert_eq!(files, build_index(&entries, &as_is));
        let mut read = read.into_inner().unwrap();
        read.sort();
        (read, memo)
    }

    #[test]
    fn a_body_edit_reads_that_body_only() {
        let mut entities = site(600);
        let (read, memo) = rebuild(&entities, &SearchMemo::default());
        assert_eq!(read.len(), entities.len());
        let (read, memo) = rebuild(&entities, &memo);
        assert!(read.is_empty(), "nothing changed: {read:?}");
        // A new word; words gone from this event but not from the index;
        // and its own `w…`, gone from the index.
        entities[20].text = "Hearing held: brandneu common".to_owned();
        let (read, memo) = rebuild(&entities, &memo);
        assert_eq!(read, ["Hearing held: brandneu common"]);
        // The new word gone again: the vocabulary is what it was.
        entities[20].text = "Hearing held again".to_owned();
        let (read, memo) = rebuild(&entities, &memo);
        assert_eq!(read, ["Hearing held again"]);
        // A body of more new words than patching pays for.
        let words: Vec<String> = (0..2 * PATCH_ENTRIES).map(|n| format!("n{n}")).collect();
        entities[30].text = words.join(" ");
        let (read, _) = rebuild(&entities, &memo);
        assert_eq!(read, [entities[30].text.clone()]);
    }

    #[test]
    fn an_alias_title_or_summary_edit_reads_that_entity_again() {
        let mut entities = site(40);
        let (_, memo) = rebuild(&entities, &SearchMemo::default());
        entities[3].aliases[0] = "Neuer Name".to_owned();
        let (read, memo) = rebuild(&entities, &memo);
        assert_eq!(read, [entities[3].text.clone()]);
        entities[10].title = "Retitled Überschrift".to_owned();
        entities[11].summary = Some("Eine neue Zusammenfassung".to_owned());
        let (read, _) = rebuild(&entities, &memo);
        assert_eq!(read.len(), 2);
    }

    #[test]
    fn added_removed_and_reordered_entities_read_only_the_new_ones() {
        let mut entities = site(600);
        let (_, memo) = rebuild(&entities, &SearchMemo::default());
        // Added before most others: every later number moves.
        entities.insert(5, entity("event", 1000, "Brand new event"));
        let (read, memo) = rebuild(&entities, &memo);
        assert_eq!(read, ["Brand new event"]);
        entities.remove(40);
        entities.remove(7);
        let (read, memo) = rebuild(&entities, &memo);
        assert!(read.is_empty());
        entities.swap(2, 500);
        let (read, memo) = rebuild(&entities, &memo);
        assert!(read.is_empty());
        // More entities move than are patched: put together anew.
        entities[100..100 + 2 * PATCH_LIMIT].reverse();
        let (read, memo) = rebuild(&entities, &memo);
        assert!(read.is_empty());
        entities.truncate(DOCS_PER_SHARD + 3);
        let (read, memo) = rebuild(&entities, &memo);
        assert!(read.is_empty());
        entities.clear();
        let (_, memo) = rebuild(&entities, &memo);
        let (read, _) = rebuild(&site(3), &memo);
        assert_eq!(read.len(), 3 + 4);
    }

    #[test]
    fn a_memo_full_of_words_no_longer_used_starts_afresh() {
        let mut entities = site(10);
        let (_, mut memo) = rebuild(&entities, &SearchMemo::default());
        for round in 0..10 {
            let words: Vec<String> = (0..3000).map(|n| format!("r{round}x{n}")).collect();
            entities[5].text = words.join(" ");
            memo = rebuild(&entities, &memo).1;
            if memo.worn_out() {
                break;
            }
        }
        assert!(memo.worn_out());
        let (read, memo) = rebuild(&entities, &memo);
        assert_eq!(read.len(), entities.len());
        assert!(!memo.worn_out());
    }

    /// Edits of every kind, one after the other, chosen by a fixed
    /// pseudo-random sequence; each index must be a fresh build's.
    #[test]
    fn any_sequence_of_edits_gives_the_fresh_index() {
        let mut entities = site(700);
        let mut memo = SearchMemo::default();
        let mut state: u64 = 7;
        let mut next = |below: usize| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            (state >> 33) as usize % below
        };
        for step in 0..40 {
            let (at, other) = (next(entities.len()), next(entities.len()));
            match next(6) {
                0 => entities[at].text = format!("Edited step{step} common w{}", next(900)),
                1 => entities[at].title = format!("Title {}", next(50)),
                2 => entities.insert(at, entity("event", 2000 + step, "Inserted common")),
                3 => drop(entities.remove(at)),
                4 => entities.swap(at, other),
                _ => entities[at].kind = ["party", "claim", "source", "page"][next(4)],
            }
            memo = rebuild(&entities, &memo).1;
        }
    }
}
