//! YAML with positions: front matter, `casebook.yaml` and translation tables.
//!
//! The text is parsed into a tree whose every key, value and list item knows
//! where it was written (`tree`, the one module that knows the YAML parser);
//! the tree is then read into plain `#[derive(Deserialize)]` structs (`de`).
//! Errors are values all the way: a syntax error keeps the parser's position,
//! a wrong value is located at its node, an unknown key gets a "did you
//! mean", and no message of a library is read back as text. Values that need
//! checking beyond their YAML type (ids, dates, keywords) are read as text and
//! checked by the caller, which asks `value_at` where they were written, or
//! reads them as `Marked` values that carry their position.

mod de;
mod recover;
mod scalar;
mod tree;

use std::fmt;

use serde::de::{DeserializeOwned, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

use crate::diagnostic::{did_you_mean, suggest, Position};
pub(crate) use crate::load::yaml::de::Marked;
use crate::load::yaml::de::Problem;
use crate::load::yaml::tree::{Node, Value};

/// A message at a position in the file.
pub(crate) type Located = (Position, String);

/// One parsed YAML document, every part of it with its position.
#[derive(Debug)]
pub(crate) struct Yaml {
    root: Node,
    origin: Position,
}

impl Yaml {
    /// Parses YAML text that starts at `origin` in its file.
    pub(crate) fn parse(text: &str, origin: Position) -> Result<Yaml, Located> {
        Ok(Yaml {
            root: tree::parse(text, origin)?,
            origin,
        })
    }

    /// Reads the mapping as `T`, allowing only `keys` at the top level.
    /// Every problem is reported, not only the first: what cannot be read is
    /// left out and the rest read again (see `recover`).
    pub(crate) fn deserialize<T: DeserializeOwned>(&self, keys: &[&str]) -> Read<T> {
        let mut read = self.deserialize_known(keys);
        let mut errors = self.unknown_keys(keys);
        errors.append(&mut read.errors);
        read.errors = errors;
        read
    }

    /// Reads the mapping as `T` like `deserialize`, but leaves the top-level
    /// keys other than `keys` out without a word: for a caller that explains
    /// them itself (a translation names the facts it cannot set).
    pub(crate) fn deserialize_known<T: DeserializeOwned>(&self, keys: &[&str]) -> Read<T> {
        let mut root = self.root.clone();
        if let Value::Map(entries) = &mut root.value {
            entries.retain(|(key, _)| keys.contains(&key_name(key)));
        }
        let misspelled: Vec<String> = self
            .entries()
            .iter()
            .map(|(key, _)| key_name(key))
            .filter(|name| !keys.contains(name))
            .filter_map(|name| suggest(name, keys.iter().copied()))
            .map(str::to_owned)
            .collect();
        let excused = misspelled.iter().map(|key| (Vec::new(), key.clone()));
        let recovered = recover::read_all(root, excused.collect());
        let errors = recovered.errors.into_iter().map(|e| self.explain(e));
        let mut unread = recovered.unread;
        unread.extend(misspelled);
        Read {
            value: recovered.value,
            errors: errors.collect(),
            unread,
        }
    }

    /// Reads any YAML document as `T` (no key checks).
    pub(crate) fn deserialize_any<T: DeserializeOwned>(&self) -> Result<T, Located> {
        de::from_node(&self.root).map_err(|error| self.explain(error))
    }

    /// Where the value of the top-level `key` was written (the key itself
    /// when it has no value); the start of the YAML when the key is absent.
    pub(crate) fn value_at(&self, key: &str) -> Position {
        self.entries()
            .iter()
            .find(|(name, _)| key_name(name) == key)
            .map_or(self.origin, |(_, value)| value.at)
    }

    /// The top-level keys as written, each with its position.
    pub(crate) fn keys(&self) -> impl Iterator<Item = (Position, &str)> {
        self.entries()
            .iter()
            .map(|(name, _)| (name.at, key_name(name)))
    }

    fn entries(&self) -> &[(Node, Node)] {
        match &self.root.value {
            Value::Map(entries) => entries,
            _ => &[],
        }
    }

    /// Every top-level key that is not one of `keys`, with a suggestion.
    fn unknown_keys(&self, keys: &[&str]) -> Vec<Located> {
        self.entries()
            .iter()
            .map(|(name, _)| (name.at, key_name(name)))
            .filter(|(_, name)| !keys.contains(name))
            .map(|(at, name)| {
                let hint = did_you_mean(name, keys.iter().copied());
                (at, format!("unknown key \"{name}\"{hint}"))
            })
            .collect()
    }

    fn explain(&self, error: de::Error) -> Located {
        let at = match error.problem {
            // A key missing from the whole block: line 1 is the opening `---`
            // of front matter, or the first line of `casebook.yaml`.
            Problem::MissingKey(_) if error.is_top_level() => Position::START,
            _ => error.at.unwrap_or(self.origin),
        };
        (at, error.message())
    }
}

/// What could be read of a mapping, and every problem in it.
pub(crate) struct Read<T> {
    /// `None` when a required key is missing or unreadable.
    pub(crate) value: Option<T>,
    pub(crate) errors: Vec<Located>,
    /// Top-level keys written but not read (a wrong value, or a misspelling
    /// of the key): `value` has their default.
    pub(crate) unread: Vec<String>,
}

impl<T> Read<T> {
    /// The value if there was no problem at all.
    #[cfg(test)]
    pub(crate) fn into_result(self) -> Result<T, Vec<Located>> {
        match (self.value, self.errors.is_empty()) {
            (Some(value), true) => Ok(value),
            _ => Err(self.errors),
        }
    }
}

/// A key as written; a list or mapping used as a key (`[a]: b`) has no name.
fn key_name(key: &Node) -> &str {
    match &key.value {
        Value::Scalar(scalar) => &scalar.text,
        Value::Seq(_) => "[…]",
        Value::Map(_) => "{…}",
        Value::LeftOut => "",
    }
}

/// The ids of a relation field as written, one (`parties: aws`) or a list
/// (`parties: [aws, amazon]`), each with the position it was written at.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Ids(pub(crate) Vec<Marked<String>>);

impl<'de> Deserialize<'de> for Ids {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let written = Marked::<OneOrMany>::deserialize(deserializer)?;
        let ids = match written.value {
            OneOrMany::One(id) => vec![Marked {
                at: written.at,
                value: id,
            }],
            OneOrMany::Many(items) => items
                .into_iter()
                .map(|item| Marked {
                    at: item.at,
                    value: item.value.0,
                })
                .collect(),
        };
        Ok(Ids(ids))
    }
}

/// A mapping of scalars as written (`outcomes: {claim: status}`), each key
/// and value with its position, in the order written.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Pairs(pub(crate) Vec<(Marked<String>, Marked<String>)>);

impl<'de> Deserialize<'de> for Pairs {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Written;

        impl<'de> Visitor<'de> for Written {
            type Value = Pairs;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a mapping of ids to values")
            }

            fn visit_unit<E: serde::de::Error>(self) -> Result<Pairs, E> {
                Ok(Pairs::default())
            }

            fn visit_map<A: MapAccess<'de>>(self, mut entries: A) -> Result<Pairs, A::Error> {
                let mut pairs = Vec::new();
                while let Some(key) = entries.next_key::<Marked<Scalar>>()? {
                    let value: Marked<Scalar> = entries.next_value()?;
                    let key = Marked {
                        at: key.at,
                        value: key.value.0,
                    };
                    let value = Marked {
                        at: value.at,
                        value: value.value.0,
                    };
                    pairs.push((key, value));
                }
                Ok(Pairs(pairs))
            }
        }

        deserializer.deserialize_map(Written)
    }
}

/// A single id, or a list of them (possibly empty).
enum OneOrMany {
    One(String),
    Many(Vec<Marked<Scalar>>),
}

impl<'de> Deserialize<'de> for OneOrMany {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // A visitor rather than an untagged enum: a wrong value then keeps its
        // position, and the message names no Rust type.
        struct Written;

        impl<'de> Visitor<'de> for Written {
            type Value = OneOrMany;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an id or a list of ids")
            }

            fn visit_unit<E: serde::de::Error>(self) -> Result<OneOrMany, E> {
                Ok(OneOrMany::Many(Vec::new()))
            }

            fn visit_none<E: serde::de::Error>(self) -> Result<OneOrMany, E> {
                Ok(OneOrMany::Many(Vec::new()))
            }

            fn visit_some<D: Deserializer<'de>>(self, inner: D) -> Result<OneOrMany, D::Error> {
                inner.deserialize_any(Written)
            }

            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<OneOrMany, E> {
                Ok(OneOrMany::One(text.to_owned()))
            }

            fn visit_i64<E: serde::de::Error>(self, number: i64) -> Result<OneOrMany, E> {
                Ok(OneOrMany::One(number.to_string()))
            }

            fn visit_u64<E: serde::de::Error>(self, number: u64) -> Result<OneOrMany, E> {
                Ok(OneOrMany::One(number.to_string()))
            }

            fn visit_f64<E: serde::de::Error>(self, number: f64) -> Result<OneOrMany, E> {
                Ok(OneOrMany::One(number.to_string()))
            }

            fn visit_bool<E: serde::de::Error>(self, flag: bool) -> Result<OneOrMany, E> {
                Ok(OneOrMany::One(flag.to_string()))
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<OneOrMany, A::Error> {
                let mut ids = Vec::new();
                while let Some(id) = items.next_element()? {
                    ids.push(id);
                }
                Ok(OneOrMany::Many(ids))
            }
        }

        deserializer.deserialize_any(Written)
    }
}

/// A scalar read as its text: `2018` and `"2018"` both give "2018".
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Scalar(pub String);

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Text;

        impl Visitor<'_> for Text {
            type Value = Scalar;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a single value (text, a number or a date)")
            }

            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Scalar, E> {
                Ok(Scalar(text.to_owned()))
            }

            fn visit_i64<E: serde::de::Error>(self, number: i64) -> Result<Scalar, E> {
                Ok(Scalar(number.to_string()))
            }

            fn visit_u64<E: serde::de::Error>(self, number: u64) -> Result<Scalar, E> {
                Ok(Scalar(number.to_string()))
            }

            fn visit_f64<E: serde::de::Error>(self, number: f64) -> Result<Scalar, E> {
                Ok(Scalar(number.to_string()))
            }

            fn visit_bool<E: serde::de::Error>(self, flag: bool) -> Result<Scalar, E> {
                Ok(Scalar(flag.to_string()))
            }
        }

        deserializer.deserialize_any(Text)
    }
}

#[cfg(test)]
mod tests {
    use super::{Ids, Marked, Position, Scalar, Yaml};
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Front {
        title: Scalar,
        #[serde(default)]
        draft: bool,
        #[serde(default)]
        parties: Ids,
        date: Option<Scalar>,
        summary: Option<String>,
        weight: Option<f64>,
    }

    const KEYS: &[&str] = &["title", "draft", "parties", "date", "summary", "weight"];

    /// Front matter: the YAML starts on line 2, below the opening `---`.
    fn parse(text: &str) -> Result<Front, Vec<(Position, String)>> {
        Yaml::parse(text, Position::new(2, 1))
            .map_err(|error| vec![error])?
            .deserialize(KEYS)
            .into_result()
    }

    fn ids(front: &Front) -> Vec<(&str, Position)> {
        front
            .parties
            .0
            .iter()
            .map(|id| (id.value.as_str(), id.at))
            .collect()
    }

    fn marked(id: &str, line: usize, column: usize) -> Marked<String> {
        Marked {
            at: Position::new(line, column),
            value: id.to_owned(),
        }
    }

    #[test]
    fn every_item_of_a_flow_list_keeps_its_own_position() {
        let front = parse("title: x\nparties: [aws, aws, amazn]\n").unwrap();
        assert_eq!(
            ids(&front),
            vec![
                ("aws", Position::new(3, 11)),
                ("aws", Position::new(3, 16)),
                ("amazn", Position::new(3, 21)),
            ]
        );
    }

    #[test]
    fn every_item_of_a_block_list_keeps_its_own_position() {
        let front = parse("title: x\nparties:\n  - amazn\n  - amazn\n").unwrap();
        assert_eq!(
            front.parties.0,
            vec![marked("amazn", 4, 5), marked("amazn", 5, 5)]
        );
    }

    #[test]
    fn a_single_id_and_an_empty_list_are_lists_too() {
        let front = parse("title: x\nparties: aws\n").unwrap();
        assert_eq!(front.parties.0, vec![marked("aws", 3, 10)]);
        for empty in [
            "title: x\nparties:\n",
            "title: x\nparties: []\n",
            "title: x\n",
        ] {
            assert!(parse(empty).unwrap().parties.0.is_empty(), "{empty:?}");
        }
        let front = parse("title: x\nparties: [2021, true, 1.5]\n").unwrap();
        let texts: Vec<&str> = front.parties.0.iter().map(|id| id.value.as_str()).collect();
        assert_eq!(texts, vec!["2021", "true", "1.5"]);
    }

    #[test]
    fn every_top_level_key_has_the_position_of_its_value() {
        let text = "title: x\nsummary:\nparties:\n  - aws\ndate:   2021\n";
        let yaml = Yaml::parse(text, Position::new(2, 1)).unwrap();
        assert_eq!(yaml.value_at("title"), Position::new(2, 8));
        assert_eq!(
            yaml.value_at("summary"),
            Position::new(3, 1),
            "empty: the key"
        );
        assert_eq!(yaml.value_at("parties"), Position::new(5, 3));
        assert_eq!(yaml.value_at("date"), Position::new(6, 9));
        assert_eq!(
            yaml.value_at("weight"),
            Position::new(2, 1),
            "absent: the start"
        );
    }

    #[test]
    fn unknown_keys_are_all_located_with_a_suggestion() {
        let errors = parse("title: x\npartys: [a]\ndrafts: true\n").unwrap_err();
        assert_eq!(
            errors,
            vec![
                (
                    Position::new(3, 1),
                    "unknown key \"partys\" (did you mean \"parties\"?)".to_owned()
                ),
                (
                    Position::new(4, 1),
                    "unknown key \"drafts\" (did you mean \"draft\"?)".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn wrong_types_point_at_the_value() {
        assert_eq!(
            parse("title: x\ndraft: maybe\n").unwrap_err(),
            vec![(
                Position::new(3, 8),
                "invalid YAML: draft: wrong type: string \"maybe\", expected a boolean".to_owned()
            )]
        );
        assert_eq!(
            parse("title: x\ndraft: \"true\"\n").unwrap_err()[0].1,
            "invalid YAML: draft: wrong type: string \"true\", expected a boolean"
        );
        assert_eq!(
            parse("title: x\nweight: heavy\n").unwrap_err()[0],
            (
                Position::new(3, 9),
                "invalid YAML: weight: wrong type: string \"heavy\", expected a number".to_owned()
            )
        );
    }

    #[test]
    fn wrong_values_in_lists_point_at_the_item_and_name_no_rust_type() {
        assert_eq!(
            parse("title: x\nparties: {a: 1}\n").unwrap_err(),
            vec![(
                Position::new(3, 10),
                "invalid YAML: parties: wrong type: map, expected an id or a list of ids"
                    .to_owned()
            )]
        );
        assert_eq!(
            parse("title: x\nparties: [aws, [x]]\n").unwrap_err(),
            vec![(
                Position::new(3, 16),
                "invalid YAML: parties[1]: wrong type: sequence, expected a single value (text, a number or a date)"
                    .to_owned()
            )]
        );
        let errors = parse("title: [a]\n").unwrap_err();
        assert_eq!(errors[0].0, Position::new(2, 8));
        assert!(!errors[0].1.contains("enum"), "{}", errors[0].1);
    }

    #[test]
    fn syntax_errors_keep_the_parsers_position_in_the_file() {
        assert_eq!(
            parse("title: x\nsummary: Parler: it sues\n").unwrap_err(),
            vec![(
                Position::new(3, 16),
                "invalid YAML: mapping values are not allowed in this context".to_owned()
            )]
        );
        let errors = parse("title: x\n  kind: [\n").unwrap_err();
        assert_eq!(errors[0].0, Position::new(3, 7));
        let errors = parse("title: \"x\ndate: 2021\n").unwrap_err();
        assert_eq!(errors[0].0, Position::new(2, 8), "at the unclosed quote");
        assert!(!errors[0].1.contains("line"), "{}", errors[0].1);
    }

    #[test]
    fn every_problem_is_reported_and_what_is_right_is_still_read() {
        let yaml = Yaml::parse(
            "title: x\npartys: [a]\ndraft: maybe\nweight: heavy\ndate: 2021\ndate: 2022\n",
            Position::new(2, 1),
        )
        .unwrap();
        let read = yaml.deserialize::<Front>(KEYS);
        let messages: Vec<String> = read.errors.iter().map(|(_, m)| m.clone()).collect();
        assert_eq!(
            messages,
            [
                "unknown key \"partys\" (did you mean \"parties\"?)",
                "invalid YAML: draft: wrong type: string \"maybe\", expected a boolean",
                "invalid YAML: weight: wrong type: string \"heavy\", expected a number",
                "duplicate key \"date\"",
            ]
        );
        let front = read.value.expect("the rest is read");
        assert_eq!(front.date, Some(Scalar("2021".to_owned())));
        assert_eq!(read.unread, ["draft", "weight", "parties"]);
    }

    #[test]
    fn a_wrong_list_item_is_left_out_and_the_items_after_it_keep_their_index() {
        #[derive(Debug, Deserialize, PartialEq)]
        #[serde(deny_unknown_fields)]
        struct Item {
            date: Scalar,
            text: String,
        }
        #[derive(Debug, Deserialize)]
        #[serde(deny_unknown_fields)]
        struct List {
            items: Vec<Item>,
        }
        let text = "items:\n  - {text: a}\n  - {date: 1, text: b}\n  - {dat: 2, text: c}\n  - x\n  - {date: 3, text: [d]}\n  - {date: 4, text: e}\n";
        let read = Yaml::parse(text, Position::START)
            .unwrap()
            .deserialize::<List>(&["items"]);
        let errors: Vec<(usize, String)> = read
            .errors
            .into_iter()
            .map(|(at, m)| (at.line, m))
            .collect();
        assert_eq!(
            errors,
            [
                (2, "missing required key \"date\" in \"items[0]\"".to_owned()),
                (4, "unknown key \"dat\" in \"items[2]\" (did you mean \"date\"?)".to_owned()),
                (5, "invalid YAML: items[3]: wrong type: string \"x\", expected keys with values (key: value)".to_owned()),
                (6, "invalid YAML: items[4].text: wrong type: sequence, expected a string".to_owned()),
            ]
        );
        let texts: Vec<String> = read
            .value
            .unwrap()
            .items
            .into_iter()
            .map(|item| item.text)
            .collect();
        assert_eq!(texts, ["b", "e"], "the right items are read");
        assert_eq!(read.unread, ["items"]);
        let front = Yaml::parse(
            "title: x\nparties: [aws, [x], amazon]\n",
            Position::new(2, 1),
        )
        .unwrap()
        .deserialize::<Front>(KEYS);
        assert_eq!(front.errors.len(), 1);
        assert_eq!(
            ids(&front.value.unwrap()).len(),
            2,
            "the other ids are read"
        );
    }

    #[test]
    fn a_missing_key_is_not_blamed_when_it_was_written_wrong() {
        for text in ["title: [x]\n", "titel: x\n"] {
            let errors = parse(text).unwrap_err();
            assert_eq!(errors.len(), 1, "{text:?}: {errors:?}");
            assert!(!errors[0].1.contains("missing"), "{text:?}: {errors:?}");
        }
    }

    #[test]
    fn a_missing_key_points_at_the_first_line_of_the_file() {
        for text in ["draft: true\n", "", "# nothing\n"] {
            assert_eq!(
                parse(text).unwrap_err(),
                vec![(Position::START, "missing required key \"title\"".to_owned())],
                "{text:?}"
            );
        }
    }

    #[test]
    fn a_repeated_key_points_at_its_second_place() {
        assert_eq!(
            parse("title: x\ndraft: true\ntitle: y\n").unwrap_err(),
            vec![(Position::new(4, 1), "duplicate key \"title\"".to_owned())]
        );
    }

    #[test]
    fn a_top_level_that_is_not_a_mapping_is_explained() {
        assert_eq!(
            parse("- a\n- b\n").unwrap_err(),
            vec![(
                Position::new(2, 1),
                "invalid YAML: wrong type: sequence, expected keys with values (key: value)"
                    .to_owned()
            )]
        );
    }

    #[test]
    fn nested_keys_are_located_and_unknown_ones_get_a_suggestion() {
        #[derive(Debug, Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Case {
            docket: Option<String>,
            court: Option<String>,
        }
        #[derive(Debug, Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Config {
            title: String,
            case: Option<Case>,
        }
        let read = |text: &str| {
            Yaml::parse(text, Position::START)
                .unwrap()
                .deserialize::<Config>(&["title", "case"])
                .into_result()
        };
        assert_eq!(
            read("title: x\ncase:\n  court: c\n  dockt: x\n").unwrap_err(),
            vec![(
                Position::new(4, 3),
                "unknown key \"dockt\" in \"case\" (did you mean \"docket\"?)".to_owned()
            )]
        );
        assert_eq!(
            read("title: x\ncase:\n  court: [c]\n").unwrap_err(),
            vec![(
                Position::new(3, 10),
                "invalid YAML: case.court: wrong type: sequence, expected a string".to_owned()
            )]
        );
        assert_eq!(
            read("title: x\ncase: 5\n").unwrap_err()[0].1,
            "invalid YAML: case: wrong type: integer `5`, expected keys with values (key: value)"
        );
    }

    #[test]
    fn scalars_read_as_the_core_schema_says() {
        let front = parse("title: 1.50\ndate: 2018\nsummary: 0x10\n").unwrap();
        assert_eq!(front.title, Scalar("1.5".to_owned()));
        assert_eq!(front.date, Some(Scalar("2018".to_owned())));
        assert_eq!(
            front.summary.as_deref(),
            Some("0x10"),
            "text asked, text given"
        );
        for (written, read) in [
            ("0x10", "16"),
            ("007", "007"),
            ("-3", "-3"),
            ("yes", "yes"),
            ("True", "true"),
            ("'true'", "true"),
            ("!!str 12", "12"),
            ("2021-01-10", "2021-01-10"),
            (".inf", "inf"),
        ] {
            let front = parse(&format!("title: {written}\n")).unwrap();
            assert_eq!(front.title.0, read, "{written}");
        }
        let front = parse("title: x\nsummary: ~\ndate: null\nweight: 3\n").unwrap();
        assert_eq!((front.summary, front.date), (None, None));
        assert_eq!(front.weight, Some(3.0));
        assert_eq!(
            parse("title: ~\n").unwrap_err()[0].1,
            "invalid YAML: title: wrong type: unit value, expected a single value (text, a number or a date)"
        );
    }

    #[test]
    fn any_document_reads_without_key_checks() {
        use std::collections::BTreeMap;
        let yaml = Yaml::parse("nav:\n  home: Start\n", Position::START).unwrap();
        let table: BTreeMap<String, BTreeMap<String, String>> = yaml.deserialize_any().unwrap();
        assert_eq!(table["nav"]["home"], "Start");
        let yaml = Yaml::parse("nav: [a]\n", Position::START).unwrap();
        let error = yaml
            .deserialize_any::<BTreeMap<String, String>>()
            .unwrap_err();
        assert_eq!(
            error,
            (
                Position::new(1, 6),
                "invalid YAML: nav: wrong type: sequence, expected a string".to_owned()
            )
        );
    }
}
