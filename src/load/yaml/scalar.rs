//! How a YAML scalar's text is read: YAML 1.2's core schema.
//!
//! Unquoted, `true`, `12`, `0x1F`, `1.5`, `.inf` and `~` are a boolean,
//! numbers and nothing; quoted or written as a block, they are text; a core
//! tag (`!!str 2018`) decides before either. This is how serde_yaml read the
//! same text, so a site reads as it did before the parser changed.

use serde::de::{self, Unexpected, Visitor};

use crate::load::yaml::tree::Scalar;

/// What a scalar means.
pub(super) enum Meaning<'a> {
    Nothing,
    Bool(bool),
    Unsigned(u64),
    Signed(i64),
    Float(f64),
    Text(&'a str),
}

impl<'a> Meaning<'a> {
    pub(super) fn unexpected(self) -> Unexpected<'a> {
        match self {
            Meaning::Nothing => Unexpected::Unit,
            Meaning::Bool(flag) => Unexpected::Bool(flag),
            Meaning::Unsigned(number) => Unexpected::Unsigned(number),
            Meaning::Signed(number) => Unexpected::Signed(number),
            Meaning::Float(number) => Unexpected::Float(number),
            Meaning::Text(text) => Unexpected::Str(text),
        }
    }

    pub(super) fn visit<'de, V: Visitor<'de>, E: de::Error>(
        self,
        visitor: V,
    ) -> Result<V::Value, E> {
        match self {
            Meaning::Nothing => visitor.visit_unit(),
            Meaning::Bool(flag) => visitor.visit_bool(flag),
            Meaning::Unsigned(number) => visitor.visit_u64(number),
            Meaning::Signed(number) => visitor.visit_i64(number),
            Meaning::Float(number) => visitor.visit_f64(number),
            Meaning::Text(text) => visitor.visit_str(text),
        }
    }
}

/// Reads a scalar: a core-schema tag decides, then quoting, then the text.
pub(super) fn meaning<E: de::Error>(scalar: &Scalar) -> Result<Meaning<'_>, E> {
    let text = scalar.text.as_str();
    let invalid = |expected: &str| {
        let expected: &dyn de::Expected = &expected;
        E::invalid_value(Unexpected::Str(text), expected)
    };
    match scalar.core_tag.as_deref() {
        Some("bool") => parse_bool(text)
            .map(Meaning::Bool)
            .ok_or_else(|| invalid("a boolean")),
        Some("int") => parse_int(text).ok_or_else(|| invalid("an integer")),
        Some("float") => parse_float(text)
            .map(Meaning::Float)
            .ok_or_else(|| invalid("a float")),
        Some("null") if is_null(text) => Ok(Meaning::Nothing),
        Some("null") => Err(invalid("null")),
        Some(_) => Ok(Meaning::Text(text)),
        None if scalar.plain => Ok(plain_meaning(text)),
        None => Ok(Meaning::Text(text)),
    }
}

/// An unquoted, untagged scalar, as the core schema reads it.
fn plain_meaning(text: &str) -> Meaning<'_> {
    if text.is_empty() || is_null(text) {
        Meaning::Nothing
    } else if let Some(flag) = parse_bool(text) {
        Meaning::Bool(flag)
    } else if let Some(number) = parse_int(text) {
        number
    } else if let Some(number) = parse_float(text).filter(|_| !is_zero_padded(text)) {
        Meaning::Float(number)
    } else {
        Meaning::Text(text)
    }
}

pub(super) fn is_null(text: &str) -> bool {
    matches!(text, "null" | "Null" | "NULL" | "~")
}

pub(super) fn parse_bool(text: &str) -> Option<bool> {
    match text {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

/// `12`, `+12`, `-12`, `0x1F`, `0o17`, `0b101` (and negative ones); `012` is text.
fn parse_int(text: &str) -> Option<Meaning<'static>> {
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    if unsigned.starts_with(['+', '-']) || is_zero_padded(text) {
        return None;
    }
    let (digits, radix) = [("0x", 16), ("0o", 8), ("0b", 2)]
        .into_iter()
        .find_map(|(prefix, radix)| unsigned.strip_prefix(prefix).map(|rest| (rest, radix)))
        .unwrap_or((unsigned, 10));
    if digits.starts_with(['+', '-']) {
        return None;
    }
    if negative {
        i64::from_str_radix(&format!("-{digits}"), radix)
            .ok()
            .map(Meaning::Signed)
    } else {
        u64::from_str_radix(digits, radix)
            .ok()
            .map(Meaning::Unsigned)
    }
}

/// `1.5`, `1e3`, `.inf`, `-.inf`, `.nan`; no infinity spelled out as digits.
pub(super) fn parse_float(text: &str) -> Option<f64> {
    let unsigned = match text.strip_prefix('+') {
        Some(rest) if rest.starts_with(['+', '-']) => return None,
        Some(rest) => rest,
        None => text,
    };
    match unsigned {
        ".inf" | ".Inf" | ".INF" => return Some(f64::INFINITY),
        "-.inf" | "-.Inf" | "-.INF" => return Some(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" if unsigned.len() == text.len() => return Some(f64::NAN),
        _ => {}
    }
    unsigned
        .parse::<f64>()
        .ok()
        .filter(|number| number.is_finite())
}

/// `007`: leading zeros before digits make text, not a number (YAML 1.2).
fn is_zero_padded(text: &str) -> bool {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    digits.len() > 1 && digits.starts_with('0') && digits[1..].bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::{meaning, Meaning};
    use crate::load::yaml::tree::Scalar;
    use serde::de::value::Error;

    fn read(text: &str, plain: bool, tag: Option<&str>) -> String {
        let scalar = Scalar {
            text: text.to_owned(),
            plain,
            core_tag: tag.map(str::to_owned),
        };
        match meaning::<Error>(&scalar) {
            Ok(Meaning::Nothing) => "nothing".to_owned(),
            Ok(Meaning::Bool(flag)) => format!("bool {flag}"),
            Ok(Meaning::Unsigned(number)) => format!("unsigned {number}"),
            Ok(Meaning::Signed(number)) => format!("signed {number}"),
            Ok(Meaning::Float(number)) => format!("float {number}"),
            Ok(Meaning::Text(text)) => format!("text {text}"),
            Err(error) => format!("error {error}"),
        }
    }

    #[test]
    fn plain_scalars_follow_the_core_schema() {
        for (text, expected) in [
            ("", "nothing"),
            ("~", "nothing"),
            ("Null", "nothing"),
            ("TRUE", "bool true"),
            ("false", "bool false"),
            ("yes", "text yes"),
            ("12", "unsigned 12"),
            ("+12", "unsigned 12"),
            ("-12", "signed -12"),
            ("0x1F", "unsigned 31"),
            ("-0o17", "signed -15"),
            ("0b101", "unsigned 5"),
            ("007", "text 007"),
            ("+-1", "text +-1"),
            ("0x+1", "text 0x+1"),
            ("1.5", "float 1.5"),
            ("1e3", "float 1000"),
            ("-.inf", "float -inf"),
            ("inf", "text inf"),
            ("2021-01-10", "text 2021-01-10"),
        ] {
            assert_eq!(read(text, true, None), expected, "{text:?}");
        }
    }

    #[test]
    fn quotes_make_text_and_core_tags_decide() {
        assert_eq!(read("12", false, None), "text 12");
        assert_eq!(read("", false, None), "text ");
        assert_eq!(read("12", true, Some("str")), "text 12");
        assert_eq!(read("true", false, Some("bool")), "bool true");
        assert_eq!(
            read("maybe", true, Some("bool")),
            "error invalid value: string \"maybe\", expected a boolean"
        );
        assert_eq!(read("~", true, Some("null")), "nothing");
    }
}
