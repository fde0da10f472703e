//! Reading on after an error: one wrong value must not hide the next.
//!
//! serde stops at the first problem. So the tree is read again and again,
//! each time without the entry that caused the last problem (an unknown or
//! repeated key, the key whose value is wrong, or the key holding a nested
//! mapping that lacks a required key), until it reads or no
//! entry is left to blame. A list item that is wrong as a whole (a
//! correction without its text) is left out by itself, so the items after it
//! are still read, under their own index. Every problem is kept; a key
//! missing only because it was left out (or written with a typo) is not
//! reported a second time.

use serde::de::DeserializeOwned;

use crate::diagnostic::{suggest, Position};
use crate::load::yaml::de::{self, Error, Problem, Step};
use crate::load::yaml::tree::{Node, Value};

/// What could be read, and every problem met on the way.
pub(super) struct Recovered<T> {
    pub(super) value: Option<T>,
    pub(super) errors: Vec<Error>,
    /// Top-level keys left out, or read without an item, because they were
    /// written wrong.
    pub(super) unread: Vec<String>,
}

/// A key a mapping lacks because it was written wrong: the path of the
/// mapping (outermost first) and the key.
type Excused = (Vec<Step>, String);

/// Reads `T` from `root`; `excused` are keys already known to be written wrong.
pub(super) fn read_all<T: DeserializeOwned>(
    mut root: Node,
    mut excused: Vec<Excused>,
) -> Recovered<T> {
    let mut errors = Vec::new();
    let mut unread = Vec::new();
    // Each round removes one entry or leaves out one item, so this many
    // rounds always suffice.
    for _ in 0..=root.size() {
        let error = match de::from_node::<T>(&root) {
            Ok(value) => {
                return Recovered {
                    value: Some(value),
                    errors,
                    unread,
                }
            }
            Err(error) => error,
        };
        let removed = match blame(&error) {
            Some(Blame::Item(item_path)) if leave_out(&mut root, &item_path) => {
                match item_path.first() {
                    Some(Step::Key(key)) if !unread.contains(key) => unread.push(key.clone()),
                    _ => {}
                }
                if !is_excused(&error, &excused) {
                    errors.push(error);
                }
                continue;
            }
            Some(Blame::Item(_)) => None,
            Some(Blame::Entry(map_path, entry)) => {
                remove_entry(&mut root, &map_path, &entry).then_some((map_path, entry))
            }
            None => None,
        };
        match removed {
            Some((map_path, entry)) => {
                if let Some(key) = entry.excuses(&error) {
                    if map_path.is_empty() {
                        unread.push(key.clone());
                    }
                    excused.push((map_path, key));
                }
                if !is_excused(&error, &excused) {
                    errors.push(error);
                }
            }
            None => {
                if !is_excused(&error, &excused) {
                    errors.push(error);
                }
                break;
            }
        }
    }
    Recovered {
        value: None,
        errors,
        unread,
    }
}

/// Which entry of which mapping to leave out for the next round.
enum Entry {
    Named(String),
    KeyAt(Position),
}

impl Entry {
    /// The key a later "missing key" may be excused for.
    fn excuses(&self, error: &Error) -> Option<String> {
        match (self, &error.problem) {
            (_, Problem::UnknownKey { name, expected }) => {
                suggest(name, expected.iter().copied()).map(str::to_owned)
            }
            (Entry::Named(key), _) => Some(key.clone()),
            (Entry::KeyAt(_), _) => None,
        }
    }
}

/// What to leave out for the next round.
enum Blame {
    /// An entry of the mapping at the path (outermost first).
    Entry(Vec<Step>, Entry),
    /// The list item at the path (outermost first, ending at its index).
    Item(Vec<Step>),
}

fn blame(error: &Error) -> Option<Blame> {
    let outermost_first: Vec<Step> = error.path.iter().rev().cloned().collect();
    match &error.problem {
        Problem::UnknownKey { name, .. } => {
            Some(Blame::Entry(outermost_first, Entry::Named(name.clone())))
        }
        Problem::DuplicateKey(_) => Some(Blame::Entry(outermost_first, Entry::KeyAt(error.at?))),
        // A list item that lacks a key or is of the wrong type is left out
        // by itself.
        Problem::MissingKey(_) | Problem::Invalid(_)
            if matches!(outermost_first.last(), Some(Step::Item(_))) =>
        {
            Some(Blame::Item(outermost_first))
        }
        // A key missing at the top level cannot be read around; one missing
        // in a nested mapping is blamed on the key holding it, so the rest
        // of the file is still read.
        Problem::MissingKey(_) | Problem::Invalid(_) => {
            // The innermost key on the way to the wrong value.
            let innermost_key = outermost_first
                .iter()
                .rposition(|step| matches!(step, Step::Key(_)))?;
            let Step::Key(key) = &outermost_first[innermost_key] else {
                return None;
            };
            Some(Blame::Entry(
                outermost_first[..innermost_key].to_vec(),
                Entry::Named(key.clone()),
            ))
        }
    }
}

fn is_excused(error: &Error, excused: &[Excused]) -> bool {
    let Problem::MissingKey(key) = error.problem else {
        return false;
    };
    let map_path: Vec<Step> = error.path.iter().rev().cloned().collect();
    excused.contains(&(map_path, key.to_owned()))
}

/// The node at `path` (outermost first), if there is one.
fn node_at<'n>(root: &'n mut Node, path: &[Step]) -> Option<&'n mut Node> {
    let mut node = root;
    for step in path {
        node = match (step, &mut node.value) {
            (Step::Key(name), Value::Map(entries)) => {
                let found = entries
                    .iter_mut()
                    .find(|(key, _)| key.scalar_text() == Some(name.as_str()));
                &mut found?.1
            }
            (Step::Item(index), Value::Seq(items)) => items.get_mut(*index)?,
            _ => return None,
        };
    }
    Some(node)
}

/// Leaves the list item at `path` out; false if there is none.
fn leave_out(root: &mut Node, path: &[Step]) -> bool {
    match node_at(root, path) {
        Some(item) if !item.is_left_out() => {
            item.value = Value::LeftOut;
            true
        }
        _ => false,
    }
}

/// Removes the entry from the mapping at `path`; false if there is none.
fn remove_entry(root: &mut Node, path: &[Step], entry: &Entry) -> bool {
    let Some(Value::Map(entries)) = node_at(root, path).map(|node| &mut node.value) else {
        return false;
    };
    let found = entries.iter().position(|(key, _)| match entry {
        Entry::Named(name) => key.scalar_text() == Some(name.as_str()),
        Entry::KeyAt(at) => key.at == *at,
    });
    found.map(|index| entries.remove(index)).is_some()
}
