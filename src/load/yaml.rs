//! YAML with positions: the one module that knows serde_yaml.
//!
//! serde_yaml is archived upstream; keeping it behind this file makes a later
//! swap a one-file change. Its errors carry a location relative to the YAML
//! text; here they are shifted to the line of the whole file, turned into
//! messages a writer can act on, and unknown keys get a "did you mean".
//! Custom (semantic) errors lose serde_yaml's location, so values that need
//! checking beyond their YAML type (ids, dates, keywords) are read as text
//! and checked by the caller, which asks `locate` where they were written.

use std::fmt;

use serde::de::{self, DeserializeOwned, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

use crate::diagnostic::{did_you_mean, Position};

/// A message at a position in the file.
pub(crate) type Located = (Position, String);

/// A YAML mapping as written in a file: the text and where it starts.
#[derive(Debug, Clone, Copy)]
pub(crate) struct YamlText<'a> {
    pub(crate) text: &'a str,
    pub(crate) origin: Position,
}

impl<'a> YamlText<'a> {
    pub(crate) fn new(text: &'a str, origin: Position) -> YamlText<'a> {
        YamlText { text, origin }
    }

    /// Deserialises the mapping into `T`, allowing only `keys` at the top level.
    pub(crate) fn parse<T: DeserializeOwned>(&self, keys: &[&str]) -> Result<T, Vec<Located>> {
        let source = if self.text.trim().is_empty() {
            "{}"
        } else {
            self.text
        };
        serde_yaml::from_str::<T>(source).map_err(|error| self.explain(&error, keys))
    }

    /// Deserialises any YAML document into `T` (no key checks).
    pub(crate) fn parse_any<T: DeserializeOwned>(&self) -> Result<T, Located> {
        serde_yaml::from_str::<T>(self.text).map_err(|error| {
            let at = error
                .location()
                .map(|location| self.position(location.index().min(self.text.len())))
                .unwrap_or(self.origin);
            (at, friendly(&strip_location(&error.to_string())))
        })
    }

    /// Where `key`'s value was written, or where `item` appears inside it.
    pub(crate) fn locate(&self, key: &str, item: Option<&str>) -> Position {
        let Some(key_offset) = self.top_level_key_offsets(key).next() else {
            return self.origin;
        };
        let value_start = key_offset + key.len() + 1;
        let value_end = self.text[value_start..]
            .find("\n")
            .and_then(|first_line_end| self.next_top_level_line(value_start + first_line_end))
            .unwrap_or(self.text.len());
        let value = &self.text[value_start..value_end];
        let offset = match item {
            Some(item) => find_token(value, item).map(|at| value_start + at),
            None => value
                .find(|c: char| !c.is_whitespace())
                .map(|at| value_start + at),
        };
        self.position(offset.unwrap_or(key_offset))
    }

    fn position(&self, offset: usize) -> Position {
        Position::of_offset(self.text, offset, self.origin)
    }

    /// Byte offsets of lines that start with `key:` (top-level keys only).
    fn top_level_key_offsets<'k>(&'k self, key: &'k str) -> impl Iterator<Item = usize> + 'k {
        line_starts(self.text).filter(move |&start| {
            let line = &self.text[start..];
            let name = line.trim_start_matches(['"', '\'']);
            let quote_len = line.len() - name.len();
            name.starts_with(key)
                && name[key.len()..]
                    .trim_start_matches(['"', '\''])
                    .trim_start()
                    .starts_with(':')
                && quote_len <= 1
        })
    }

    fn next_top_level_line(&self, after: usize) -> Option<usize> {
        line_starts(self.text).find(|&start| {
            start > after
                && self.text[start..]
                    .chars()
                    .next()
                    .is_some_and(|c| !c.is_whitespace() && c != '-' && c != '#')
        })
    }

    fn explain(&self, error: &serde_yaml::Error, keys: &[&str]) -> Vec<Located> {
        let unknown = self.unknown_keys(keys);
        if !unknown.is_empty() {
            return unknown;
        }
        let message = strip_location(&error.to_string());
        if let Some(field) = backticked(&message, "missing field `") {
            return vec![(
                Position::new(self.origin.line - 1, 1),
                format!("missing required key \"{field}\""),
            )];
        }
        if let Some(field) = backticked(&message, "duplicate field `") {
            let at = self
                .top_level_key_offsets(field)
                .nth(1)
                .map(|offset| self.position(offset))
                .unwrap_or(self.origin);
            return vec![(at, format!("duplicate key \"{field}\""))];
        }
        let at = match error.location() {
            Some(location) if location.index() > 0 || location.line() > 1 => {
                self.position(location.index().min(self.text.len()))
            }
            _ => self.origin,
        };
        let message = unknown_nested_key(&message).unwrap_or_else(|| friendly(&message));
        vec![(at, message)]
    }

    /// Every top-level key that is not one of `keys`, with a suggestion.
    fn unknown_keys(&self, keys: &[&str]) -> Vec<Located> {
        let Ok(serde_yaml::Value::Mapping(mapping)) =
            serde_yaml::from_str::<serde_yaml::Value>(self.text)
        else {
            return Vec::new();
        };
        mapping
            .keys()
            .filter_map(|key| {
                let name = yaml_key_name(key);
                if keys.contains(&name.as_str()) {
                    return None;
                }
                let at = self
                    .top_level_key_offsets(&name)
                    .next()
                    .map(|offset| self.position(offset))
                    .unwrap_or(self.origin);
                let hint = did_you_mean(&name, keys.iter().copied());
                Some((at, format!("unknown key \"{name}\"{hint}")))
            })
            .collect()
    }
}

fn yaml_key_name(key: &serde_yaml::Value) -> String {
    match key {
        serde_yaml::Value::String(name) => name.clone(),
        other => serde_yaml::to_string(other)
            .map(|text| text.trim().to_owned())
            .unwrap_or_default(),
    }
}

fn line_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    std::iter::once(0).chain(text.match_indices('\n').map(|(at, _)| at + 1))
}

/// The offset of `token` in `haystack` where it is not part of a longer id.
fn find_token(haystack: &str, token: &str) -> Option<usize> {
    let is_id_char = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    haystack.match_indices(token).map(|(at, _)| at).find(|&at| {
        let before = haystack[..at].chars().next_back();
        let after = haystack[at + token.len()..].chars().next();
        !before.is_some_and(is_id_char) && !after.is_some_and(is_id_char)
    })
}

/// serde_yaml writes " at line L column C" (once or more, counted in the YAML
/// block, not the file); the diagnostic carries the file position itself.
fn strip_location(message: &str) -> String {
    let mut kept = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(at) = rest.find(" at line ") {
        kept.push_str(&rest[..at]);
        let after = &rest[at + " at line ".len()..];
        let digits =
            |text: &str| text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let line_digits = digits(after);
        let column = after[line_digits..].strip_prefix(" column ");
        match column {
            Some(column) if line_digits > 0 && digits(column) > 0 => {
                rest = &column[digits(column)..];
            }
            _ => {
                kept.push_str(" at line ");
                rest = after;
            }
        }
    }
    kept.push_str(rest);
    kept
}

fn backticked<'m>(message: &'m str, prefix: &str) -> Option<&'m str> {
    let rest = message.split(prefix).nth(1)?;
    rest.split('`').next()
}

/// serde's wording, adjusted to the writer's vocabulary (no Rust type names).
fn friendly(message: &str) -> String {
    let mut message = message.replace("invalid type: ", "wrong type: ");
    if let Some(at) = message.find("expected struct ") {
        let name_end = message[at + "expected struct ".len()..]
            .find(|c: char| !c.is_alphanumeric() && c != '_')
            .map_or(message.len(), |end| at + "expected struct ".len() + end);
        message.replace_range(at..name_end, "expected keys with values (key: value)");
    }
    format!("invalid YAML: {message}")
}

/// serde's `[path: ]unknown field `x`, expected one of `a`, `b`` for a nested
/// mapping, as the same message top-level keys get.
fn unknown_nested_key(message: &str) -> Option<String> {
    let (path, rest) = match message.split_once("unknown field `") {
        Some((path, rest)) => (path.trim_end_matches(": ").trim(), rest),
        None => return None,
    };
    let (name, expected) = rest.split_once('`')?;
    let candidates: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    let place = if path.is_empty() {
        String::new()
    } else {
        format!(" in \"{path}\"")
    };
    let hint = did_you_mean(name, candidates.iter().copied());
    Some(format!("unknown key \"{name}\"{place}{hint}"))
}

/// A list field that also accepts a single string (`parties: aws`).
pub(crate) fn one_or_many<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<String>, D::Error> {
    // A visitor rather than an untagged enum: serde_yaml then keeps the
    // position of a wrong value, and the message names no Rust type.
    struct OneOrMany;

    impl<'de> Visitor<'de> for OneOrMany {
        type Value = Vec<String>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an id or a list of ids")
        }

        fn visit_unit<E: de::Error>(self) -> Result<Vec<String>, E> {
            Ok(Vec::new())
        }

        fn visit_none<E: de::Error>(self) -> Result<Vec<String>, E> {
            Ok(Vec::new())
        }

        fn visit_some<D: Deserializer<'de>>(self, inner: D) -> Result<Vec<String>, D::Error> {
            inner.deserialize_any(OneOrMany)
        }

        fn visit_str<E: de::Error>(self, text: &str) -> Result<Vec<String>, E> {
            Ok(vec![text.to_owned()])
        }

        fn visit_i64<E: de::Error>(self, number: i64) -> Result<Vec<String>, E> {
            Ok(vec![number.to_string()])
        }

        fn visit_u64<E: de::Error>(self, number: u64) -> Result<Vec<String>, E> {
            Ok(vec![number.to_string()])
        }

        fn visit_f64<E: de::Error>(self, number: f64) -> Result<Vec<String>, E> {
            Ok(vec![number.to_string()])
        }

        fn visit_bool<E: de::Error>(self, flag: bool) -> Result<Vec<String>, E> {
            Ok(vec![flag.to_string()])
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<Vec<String>, A::Error> {
            let mut ids = Vec::new();
            while let Some(Scalar(id)) = items.next_element()? {
                ids.push(id);
            }
            Ok(ids)
        }
    }

    deserializer.deserialize_any(OneOrMany)
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

            fn visit_str<E: de::Error>(self, text: &str) -> Result<Scalar, E> {
                Ok(Scalar(text.to_owned()))
            }

            fn visit_i64<E: de::Error>(self, number: i64) -> Result<Scalar, E> {
                Ok(Scalar(number.to_string()))
            }

            fn visit_u64<E: de::Error>(self, number: u64) -> Result<Scalar, E> {
                Ok(Scalar(number.to_string()))
            }

            fn visit_f64<E: de::Error>(self, number: f64) -> Result<Scalar, E> {
                Ok(Scalar(number.to_string()))
            }

            fn visit_bool<E: de::Error>(self, flag: bool) -> Result<Scalar, E> {
                Ok(Scalar(flag.to_string()))
            }
        }

        deserializer.deserialize_any(Text)
    }
}

#[cfg(test)]
mod tests {
    use super::{Position, Scalar, YamlText};
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Front {
        title: String,
        #[serde(default)]
        draft: bool,
        #[serde(default, deserialize_with = "super::one_or_many")]
        parties: Vec<String>,
        date: Option<Scalar>,
    }

    const KEYS: &[&str] = &["title", "draft", "parties", "date"];

    fn parse(text: &str) -> Result<Front, Vec<(Position, String)>> {
        YamlText::new(text, Position::new(2, 1)).parse(KEYS)
    }

    #[test]
    fn unknown_keys_are_located_with_a_suggestion() {
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
    fn type_errors_are_shifted_to_the_file_line() {
        let errors = parse("title: x\ndraft: maybe\n").unwrap_err();
        assert_eq!(errors[0].0, Position::new(3, 8));
        assert!(errors[0].1.contains("draft: wrong type"), "{}", errors[0].1);
    }

    #[test]
    fn syntax_errors_keep_their_position() {
        let errors = parse("title: x\n  kind: [\n").unwrap_err();
        assert_eq!(errors[0].0, Position::new(3, 7));
    }

    #[test]
    fn missing_title_points_at_the_opening_line() {
        let errors = parse("draft: true\n").unwrap_err();
        assert_eq!(
            errors,
            vec![(
                Position::new(1, 1),
                "missing required key \"title\"".to_owned()
            )]
        );
    }

    #[test]
    fn lists_accept_one_string_and_dates_any_scalar() {
        let front = parse("title: x\nparties: aws\ndate: 2018\n").unwrap();
        assert_eq!(front.parties, vec!["aws"]);
        assert_eq!(front.date, Some(Scalar("2018".to_owned())));
    }

    #[test]
    fn messages_carry_no_yaml_relative_line_numbers() {
        let errors = parse("title: \"x\ndate: 2021\n").unwrap_err();
        assert_eq!(
            errors,
            vec![(
                Position::new(4, 1),
                "invalid YAML: found unexpected end of stream, while scanning a quoted scalar"
                    .to_owned()
            )]
        );
    }

    #[test]
    fn wrong_values_in_lists_are_located_without_rust_names() {
        let errors = parse("title: x\nparties: {a: 1}\n").unwrap_err();
        assert_eq!(
            errors,
            vec![(
                Position::new(3, 10),
                "invalid YAML: parties: wrong type: map, expected an id or a list of ids"
                    .to_owned()
            )]
        );
        let errors = parse("title: [a]\n").unwrap_err();
        assert_eq!(errors[0].0, Position::new(2, 8));
        assert!(!errors[0].1.contains("enum"), "{}", errors[0].1);
    }

    #[test]
    fn nested_unknown_keys_get_a_suggestion() {
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
            case: Case,
        }
        let errors = YamlText::new("case:\n  dockt: x\n", Position::START)
            .parse::<Config>(&["case"])
            .unwrap_err();
        assert_eq!(
            errors,
            vec![(
                Position::new(2, 3),
                "unknown key \"dockt\" in \"case\" (did you mean \"docket\"?)".to_owned()
            )]
        );
    }

    #[test]
    fn locates_items_inside_flow_and_block_lists() {
        let text = "title: x\nparties: [aws, amazn]\nclaims:\n  - one\n  - amazn\n";
        let yaml = YamlText::new(text, Position::new(2, 1));
        assert_eq!(yaml.locate("parties", Some("amazn")), Position::new(3, 16));
        assert_eq!(yaml.locate("claims", Some("amazn")), Position::new(6, 5));
        assert_eq!(yaml.locate("title", None), Position::new(2, 8));
        assert_eq!(yaml.locate("parties", Some("aws")), Position::new(3, 11));
    }
}
