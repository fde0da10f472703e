//! The tree of positioned nodes as a serde `Deserializer`.
//!
//! Front matter and config are plain `#[derive(Deserialize)]` structs; this
//! reads them from the tree, so every error is made here, as a value: the
//! node it happened at gives its position, the keys and items around it give
//! its path (`parties[1]`), and unknown, missing and duplicate keys keep their
//! names instead of becoming English text. Scalars are read as YAML 1.2's core
//! schema says (see `scalar`).
//!
//! `Marked<T>` asks this deserializer for the position of a value, so a list
//! item carries the place it was written all the way to the `Document`.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{
    self, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Unexpected,
    Visitor,
};
use serde::Deserialize;

use crate::diagnostic::{did_you_mean, Position};
use crate::load::yaml::scalar::{is_null, meaning, parse_bool, parse_float, Meaning};
use crate::load::yaml::tree::{Node, Value};

/// Reads `T` from a node.
pub(crate) fn from_node<'de, T: Deserialize<'de>>(node: &'de Node) -> Result<T, Error> {
    T::deserialize(NodeDeserializer { node })
}

/// A value with the position where it was written. Only this module's
/// deserializer knows positions: `Marked` is for reading the tree.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Marked<T> {
    pub(crate) at: Position,
    pub(crate) value: T,
}

/// The name by which `Marked` asks for a position (never a real struct's name).
const MARKED: &str = "$casebook::Marked";

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Marked<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MarkedVisitor<T>(PhantomData<T>);

        impl<'de, T: Deserialize<'de>> Visitor<'de> for MarkedVisitor<T> {
            type Value = Marked<T>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a value with its position")
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut parts: A) -> Result<Marked<T>, A::Error> {
                let missing = || de::Error::invalid_length(0, &"line, column and value");
                let line: usize = parts.next_element()?.ok_or_else(missing)?;
                let column: usize = parts.next_element()?.ok_or_else(missing)?;
                let value: T = parts.next_element()?.ok_or_else(missing)?;
                Ok(Marked {
                    at: Position::new(line, column),
                    value,
                })
            }
        }

        deserializer.deserialize_tuple_struct(MARKED, 3, MarkedVisitor(PhantomData))
    }
}

/// What went wrong, where, and on which path of keys and items.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Error {
    pub(crate) at: Option<Position>,
    /// Innermost first: `parties[1]` is `[Item(1), Key("parties")]`.
    pub(super) path: Vec<Step>,
    pub(crate) problem: Problem,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Step {
    Key(String),
    Item(usize),
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Problem {
    UnknownKey {
        name: String,
        expected: &'static [&'static str],
    },
    MissingKey(&'static str),
    DuplicateKey(&'static str),
    /// A wrong type or value, in serde's words ("wrong type: map, expected …").
    Invalid(String),
}

impl Error {
    fn new(problem: Problem) -> Error {
        Error {
            at: None,
            path: Vec::new(),
            problem,
        }
    }

    /// The first node an error passes through is where it happened.
    fn at(mut self, at: Position) -> Error {
        self.at.get_or_insert(at);
        self
    }

    /// Adds the key or item an error passed through on its way out, once it
    /// is located (an error located further out names the path from there).
    fn within(mut self, step: Step) -> Error {
        if self.at.is_some() {
            self.path.push(step);
        }
        self
    }

    /// True when the error is about the top-level mapping itself, not about
    /// one of its values.
    pub(crate) fn is_top_level(&self) -> bool {
        self.path.is_empty()
    }

    /// `case.docket`, `parties[1]`; empty at the top level.
    fn path(&self) -> String {
        let mut path = String::new();
        for step in self.path.iter().rev() {
            match step {
                Step::Key(key) if path.is_empty() => path.push_str(key),
                Step::Key(key) => {
                    path.push('.');
                    path.push_str(key);
                }
                Step::Item(index) => path.push_str(&format!("[{index}]")),
            }
        }
        path
    }

    /// The message a writer reads.
    pub(crate) fn message(&self) -> String {
        let path = self.path();
        let place = if path.is_empty() {
            String::new()
        } else {
            format!(" in \"{path}\"")
        };
        match &self.problem {
            Problem::UnknownKey { name, expected } => {
                let hint = did_you_mean(name, expected.iter().copied());
                format!("unknown key \"{name}\"{place}{hint}")
            }
            Problem::MissingKey(key) => format!("missing required key \"{key}\"{place}"),
            Problem::DuplicateKey(key) => format!("duplicate key \"{key}\"{place}"),
            Problem::Invalid(message) if path.is_empty() => format!("invalid YAML: {message}"),
            Problem::Invalid(message) => format!("invalid YAML: {path}: {message}"),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for Error {}

/// serde names Rust's number types (`f64`, `u32`); a writer reads words.
fn in_words(expected: &str) -> String {
    match expected {
        "f32" | "f64" => "a number".to_owned(),
        "i8" | "i16" | "i32" | "i64" | "i128" | "isize" | "u8" | "u16" | "u32" | "u64" | "u128"
        | "usize" => "a whole number".to_owned(),
        other => other.to_owned(),
    }
}

impl de::Error for Error {
    fn custom<T: fmt::Display>(message: T) -> Error {
        Error::new(Problem::Invalid(message.to_string()))
    }

    fn invalid_type(unexpected: Unexpected, expected: &dyn de::Expected) -> Error {
        Error::new(Problem::Invalid(format!(
            "wrong type: {unexpected}, expected {}",
            in_words(&expected.to_string())
        )))
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Error {
        Error::new(Problem::UnknownKey {
            name: field.to_owned(),
            expected,
        })
    }

    fn missing_field(field: &'static str) -> Error {
        Error::new(Problem::MissingKey(field))
    }

    fn duplicate_field(field: &'static str) -> Error {
        Error::new(Problem::DuplicateKey(field))
    }
}

/// Reads one node; errors from inside it are located at it.
struct NodeDeserializer<'de> {
    node: &'de Node,
}

impl<'de> NodeDeserializer<'de> {
    fn unexpected(&self) -> Unexpected<'de> {
        match &self.node.value {
            Value::Scalar(scalar) => match meaning::<Error>(scalar) {
                Ok(meaning) => meaning.unexpected(),
                Err(_) => Unexpected::Str(&scalar.text),
            },
            Value::Seq(_) => Unexpected::Seq,
            Value::Map(_) => Unexpected::Map,
            Value::LeftOut => Unexpected::Unit,
        }
    }

    fn located<T>(&self, result: Result<T, Error>) -> Result<T, Error> {
        result.map_err(|error| error.at(self.node.at))
    }

    fn wrong_type<T>(&self, expected: &dyn de::Expected) -> Result<T, Error> {
        Err(de::Error::invalid_type(self.unexpected(), expected))
    }

    /// A plain `key:` with nothing after it reads as an empty list or mapping.
    fn is_nothing(&self) -> bool {
        self.node.is_empty_plain()
    }

    fn visit_entries<V: Visitor<'de>>(
        &self,
        entries: &'de [(Node, Node)],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let mut access = Entries {
            entries: entries.iter(),
            value: None,
            last_key: None,
        };
        visitor
            .visit_map(&mut access)
            .map_err(|error| match error.problem {
                // serde notices a repeated key only after reading it again.
                Problem::DuplicateKey(_) => match access.last_key {
                    Some(at) => error.at(at),
                    None => error,
                },
                _ => error,
            })
    }
}

impl<'de> Deserializer<'de> for NodeDeserializer<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let result = match &self.node.value {
            Value::Scalar(scalar) => meaning(scalar).and_then(|meaning| meaning.visit(visitor)),
            Value::Seq(items) => visitor.visit_seq(Items::new(items)),
            Value::Map(entries) => self.visit_entries(entries, visitor),
            Value::LeftOut => visitor.visit_unit(),
        };
        self.located(result)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let result = match &self.node.value {
            Value::Scalar(scalar) if scalar.plain => match parse_bool(&scalar.text) {
                Some(flag) => visitor.visit_bool(flag),
                None => self.wrong_type(&visitor),
            },
            _ => self.wrong_type(&visitor),
        };
        self.located(result)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let result = match &self.node.value {
            Value::Scalar(scalar) if scalar.plain => match parse_float(&scalar.text) {
                Some(number) => visitor.visit_f64(number),
                // Any YAML integer is a number too: `weight: 0x10` is 16.
                None => match meaning::<Error>(scalar) {
                    Ok(Meaning::Signed(number)) => visitor.visit_f64(number as f64),
                    Ok(Meaning::Unsigned(number)) => visitor.visit_f64(number as f64),
                    _ => self.wrong_type(&visitor),
                },
            },
            _ => self.wrong_type(&visitor),
        };
        self.located(result)
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_f64(visitor)
    }

    /// Any scalar is text when text is asked for: `website: 2021` is "2021".
    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let result = match &self.node.value {
            Value::Scalar(scalar) => visitor.visit_borrowed_str(&scalar.text),
            _ => self.wrong_type(&visitor),
        };
        self.located(result)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let nothing = match &self.node.value {
            Value::Scalar(scalar) => match (scalar.plain, scalar.core_tag.as_deref()) {
                (true, None) => Ok(scalar.text.is_empty() || is_null(&scalar.text)),
                // `!!null x` is an error, `!!null ~` nothing.
                (true, Some("null")) => meaning(scalar).map(|_| true),
                _ => Ok(false),
            },
            _ => Ok(false),
        };
        let result = nothing.and_then(|nothing| match nothing {
            true => visitor.visit_none(),
            false => visitor.visit_some(NodeDeserializer { node: self.node }),
        });
        self.located(result)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let result = match &self.node.value {
            Value::Seq(items) => visitor.visit_seq(Items::new(items)),
            _ if self.is_nothing() => visitor.visit_seq(Items::new(&[])),
            _ => self.wrong_type(&visitor),
        };
        self.located(result)
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        _: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        if name == MARKED {
            return visitor.visit_seq(MarkedParts {
                node: self.node,
                next: 0,
            });
        }
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let result = match &self.node.value {
            Value::Map(entries) => self.visit_entries(entries, visitor),
            _ if self.is_nothing() => self.visit_entries(&[], visitor),
            _ => self.wrong_type(&visitor),
        };
        self.located(result)
    }

    /// A struct is a mapping; a writer reads "keys with values", not a Rust name.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let result = match &self.node.value {
            Value::Map(entries) => self.visit_entries(entries, visitor),
            _ if self.is_nothing() => self.visit_entries(&[], visitor),
            _ => self.wrong_type(&"keys with values (key: value)"),
        };
        self.located(result)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let result = match &self.node.value {
            // An enum written as its variant's name (`role: plaintiff`).
            Value::Scalar(scalar) => visitor.visit_enum(
                de::value::BorrowedStrDeserializer::<Error>::new(&scalar.text),
            ),
            _ => self.wrong_type(&visitor),
        };
        self.located(result)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 bytes byte_buf unit unit_struct
    }
}

/// The items of a sequence, but those left out; an error inside one names
/// its index as written.
struct Items<'de> {
    items: std::iter::Enumerate<std::slice::Iter<'de, Node>>,
}

impl<'de> Items<'de> {
    fn new(items: &'de [Node]) -> Items<'de> {
        Items {
            items: items.iter().enumerate(),
        }
    }
}

impl<'de> SeqAccess<'de> for Items<'de> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        let Some((index, node)) = self.items.find(|(_, node)| !node.is_left_out()) else {
            return Ok(None);
        };
        seed.deserialize(NodeDeserializer { node })
            .map(Some)
            .map_err(|error| error.within(Step::Item(index)))
    }

    fn size_hint(&self) -> Option<usize> {
        let left = self.items.clone().filter(|(_, node)| !node.is_left_out());
        Some(left.count())
    }
}

/// The entries of a mapping; an error inside a value names its key.
struct Entries<'de> {
    entries: std::slice::Iter<'de, (Node, Node)>,
    value: Option<(&'de Node, &'de Node)>,
    last_key: Option<Position>,
}

impl<'de> MapAccess<'de> for Entries<'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        self.value = Some((key, value));
        self.last_key = Some(key.at);
        seed.deserialize(NodeDeserializer { node: key }).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let (key, value) = self
            .value
            .take()
            .expect("serde reads a value after its key");
        seed.deserialize(NodeDeserializer { node: value })
            .map_err(|error| {
                let name = match &key.value {
                    Value::Scalar(scalar) => scalar.text.clone(),
                    _ => "?".to_owned(),
                };
                error.within(Step::Key(name))
            })
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

/// `Marked`'s side of the handshake: line, column, then the value itself.
struct MarkedParts<'de> {
    node: &'de Node,
    next: usize,
}

impl<'de> SeqAccess<'de> for MarkedParts<'de> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        self.next += 1;
        let at = self.node.at;
        match self.next {
            1 => seed
                .deserialize((at.line as u64).into_deserializer())
                .map(Some),
            2 => seed
                .deserialize((at.column as u64).into_deserializer())
                .map(Some),
            3 => seed
                .deserialize(NodeDeserializer { node: self.node })
                .map(Some),
            _ => Ok(None),
        }
    }
}
