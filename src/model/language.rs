//! Language tags (BCP 47, RFC 5646) as a writer gives them in `language:`.
//!
//! Any well-formed tag is accepted (`es-MX`, `pl`, `EN`, `zh-Hant-TW`,
//! `sr-Latn-RS`, `de-CH-1996`, `x-klingon`), because a source may be in any
//! language; a malformed one (`english`, `en_US`, `e`) is a mistake at its
//! line. Checking well-formedness needs only the grammar, not the registry,
//! so no table can go stale; the one step beyond the grammar is that the
//! language itself has 2 or 3 letters, as every registered language does. The tag is kept in its conventional case
//! (`es-MX`, `zh-Hant`), which is what `lang` and `hreflang` want.

use std::fmt;

/// A well-formed BCP 47 language tag, in conventional case.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct LanguageTag(String);

impl LanguageTag {
    /// Parses a tag; the error says what is wrong, for a message at its line.
    pub(crate) fn parse(text: &str) -> Result<LanguageTag, String> {
        let malformed = |why: &str| {
            Err(format!(
                "malformed language tag \"{text}\": {why} (a BCP 47 tag such as \"en\", \"es-MX\" or \"zh-Hant\")"
            ))
        };
        if text.is_empty() {
            return malformed("it is empty");
        }
        if text.contains('_') {
            return malformed("subtags are joined with \"-\", not \"_\"");
        }
        let subtags: Vec<&str> = text.split('-').collect();
        if subtags
            .iter()
            .any(|s| s.is_empty() || s.len() > 8 || !s.bytes().all(|b| b.is_ascii_alphanumeric()))
        {
            return malformed("each subtag is 1 to 8 letters or digits");
        }
        if let Some(tag) = GRANDFATHERED
            .iter()
            .find(|tag| tag.eq_ignore_ascii_case(text))
        {
            return Ok(LanguageTag((*tag).to_owned()));
        }
        match well_formed(&subtags) {
            Ok(()) => Ok(LanguageTag(conventional_case(&subtags))),
            Err(why) => malformed(why),
        }
    }

    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }

    /// The primary language subtag, lowercase (`es` of `es-MX`).
    pub(crate) fn primary(&self) -> &str {
        self.0.split('-').next().unwrap_or(&self.0)
    }
}

impl fmt::Display for LanguageTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Irregular and regular grandfathered tags of RFC 5646 §2.2.8, accepted whole.
const GRANDFATHERED: [&str; 26] = [
    "en-GB-oed",
    "i-ami",
    "i-bnn",
    "i-default",
    "i-enochian",
    "i-hak",
    "i-klingon",
    "i-lux",
    "i-mingo",
    "i-navajo",
    "i-pwn",
    "i-tao",
    "i-tay",
    "i-tsu",
    "sgn-BE-FR",
    "sgn-BE-NL",
    "sgn-CH-DE",
    "art-lojban",
    "cel-gaulish",
    "no-bok",
    "no-nyn",
    "zh-guoyu",
    "zh-hakka",
    "zh-min",
    "zh-min-nan",
    "zh-xiang",
];

fn is_alpha(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_alphabetic())
}

fn is_digit(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_digit())
}

/// RFC 5646's `langtag` / `privateuse` grammar over the subtags.
fn well_formed(subtags: &[&str]) -> Result<(), &'static str> {
    let mut rest = subtags;
    let first = rest[0];
    if first.eq_ignore_ascii_case("x") {
        return private_use(&rest[1..]);
    }
    // The grammar also allows 4 to 8 letters here, but the registry holds no
    // such language: refusing them catches `language: English`.
    if !(is_alpha(first) && (2..=3).contains(&first.len())) {
        return Err("it must start with a language code of 2 or 3 letters (ISO 639)");
    }
    rest = &rest[1..];
    // Up to three extended language subtags.
    let mut extlangs = 0;
    while extlangs < 3 && rest.first().is_some_and(|s| s.len() == 3 && is_alpha(s)) {
        rest = &rest[1..];
        extlangs += 1;
    }
    if rest.first().is_some_and(|s| s.len() == 4 && is_alpha(s)) {
        rest = &rest[1..]; // script
    }
    if rest
        .first()
        .is_some_and(|s| (s.len() == 2 && is_alpha(s)) || (s.len() == 3 && is_digit(s)))
    {
        rest = &rest[1..]; // region
    }
    while rest.first().is_some_and(|s| is_variant(s)) {
        rest = &rest[1..];
    }
    let mut singletons = Vec::new();
    while let Some(singleton) = rest.first().filter(|s| s.len() == 1) {
        if singleton.eq_ignore_ascii_case("x") {
            return private_use(&rest[1..]);
        }
        let lower = singleton.to_ascii_lowercase();
        if singletons.contains(&lower) {
            return Err("an extension appears twice");
        }
        singletons.push(lower);
        rest = &rest[1..];
        let length = rest.iter().take_while(|s| s.len() >= 2).count();
        if length == 0 {
            return Err("an extension needs at least one subtag of 2 to 8 characters");
        }
        rest = &rest[length..];
    }
    if rest.is_empty() {
        Ok(())
    } else {
        Err("its subtags are not in the order language, script, region, variants")
    }
}

fn is_variant(s: &str) -> bool {
    (5..=8).contains(&s.len()) || (s.len() == 4 && s.as_bytes()[0].is_ascii_digit())
}

fn private_use(rest: &[&str]) -> Result<(), &'static str> {
    if rest.is_empty() {
        Err("\"x\" needs at least one private subtag after it")
    } else {
        Ok(())
    }
}

/// Language lowercase, script titlecase, region uppercase, the rest lowercase
/// (RFC 5646 §2.1.1), so `EN` and `en` are the same tag.
fn conventional_case(subtags: &[&str]) -> String {
    let mut out = Vec::with_capacity(subtags.len());
    let mut after_singleton = false;
    for (index, subtag) in subtags.iter().enumerate() {
        let lower = subtag.to_ascii_lowercase();
        let cased = if index == 0 || after_singleton {
            lower
        } else if subtag.len() == 2 && is_alpha(subtag) {
            subtag.to_ascii_uppercase()
        } else if subtag.len() == 4 && is_alpha(subtag) {
            let mut chars = lower.chars();
            chars
                .next()
                .map(|c| c.to_ascii_uppercase())
                .into_iter()
                .chain(chars)
                .collect()
        } else {
            lower
        };
        after_singleton |= subtag.len() == 1;
        out.push(cased);
    }
    out.join("-")
}

#[cfg(test)]
mod tests {
    use super::LanguageTag;

    #[test]
    fn accepts_well_formed_tags_in_conventional_case() {
        for (written, tag) in [
            ("en", "en"),
            ("EN", "en"),
            ("es-MX", "es-MX"),
            ("es-mx", "es-MX"),
            ("pl", "pl"),
            ("zh-hant-tw", "zh-Hant-TW"),
            ("sr-Latn-RS", "sr-Latn-RS"),
            ("de-CH-1996", "de-CH-1996"),
            ("es-419", "es-419"),
            ("zh-yue-HK", "zh-yue-HK"),
            ("en-US-x-twain", "en-US-x-twain"),
            ("x-klingon", "x-klingon"),
            ("i-klingon", "i-klingon"),
            ("en-a-bbb-x-a-ccc", "en-a-bbb-x-a-ccc"),
            ("haw", "haw"),
        ] {
            assert_eq!(
                LanguageTag::parse(written).map(|t| t.to_string()),
                Ok(tag.to_owned()),
                "{written}"
            );
        }
        assert_eq!(LanguageTag::parse("es-MX").unwrap().primary(), "es");
    }

    #[test]
    fn refuses_malformed_tags_with_a_reason() {
        for (written, why) in [
            ("", "it is empty"),
            ("en_US", "not \"_\""),
            ("e", "it must start with a language"),
            ("english", "2 or 3 letters"),
            ("Deutsch", "2 or 3 letters"),
            ("en-", "1 to 8 letters or digits"),
            ("en-US-US", "not in the order"),
            ("de-a", "an extension needs"),
            ("en-a-bb-a-cc", "appears twice"),
            ("x", "private subtag"),
            ("123", "it must start with a language"),
            ("en us", "1 to 8 letters or digits"),
        ] {
            let error = LanguageTag::parse(written).unwrap_err();
            assert!(error.contains(why), "{written}: {error}");
        }
    }
}
