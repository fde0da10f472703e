//! The languages a site can be written in (`language` in casebook.yaml), and what
//! dates need of each: the names of the months. The configuration reads the tag,
//! parsing names months in its English errors, and formatting writes dates with them.

/// The site language, which decides month names and date layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Language {
    De,
    En,
}

impl Language {
    /// Reads the primary subtag of a language tag (`de`, `de-AT`, `EN-gb`), ignoring case.
    pub(crate) fn from_tag(tag: &str) -> Option<Language> {
        let primary = tag.trim().split('-').next().unwrap_or_default();
        if primary.eq_ignore_ascii_case("de") {
            Some(Language::De)
        } else if primary.eq_ignore_ascii_case("en") {
            Some(Language::En)
        } else {
            None
        }
    }

    /// The name of `month` (1 = January) in this language.
    ///
    /// # Panics
    /// If `month` is not in 1..=12; callers pass the month of a parsed date.
    pub(super) fn month_name(self, month: u8) -> &'static str {
        let names = match self {
            Language::De => &GERMAN_MONTHS,
            Language::En => &ENGLISH_MONTHS,
        };
        names[usize::from(month) - 1]
    }
}

const ENGLISH_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const GERMAN_MONTHS: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_tags_use_the_primary_subtag_in_any_case() {
        for tag in ["de", "de-DE", "de-AT", "DE", "De-ch"] {
            assert_eq!(Language::from_tag(tag), Some(Language::De), "{tag}");
        }
        for tag in ["en", "en-US", "EN-gb"] {
            assert_eq!(Language::from_tag(tag), Some(Language::En), "{tag}");
        }
        for tag in ["fr", "", "deu", "english", "e"] {
            assert_eq!(Language::from_tag(tag), None, "{tag}");
        }
    }

    #[test]
    fn month_names_in_both_languages() {
        assert_eq!(Language::De.month_name(3), "März");
        assert_eq!(Language::En.month_name(1), "January");
        assert_eq!(Language::De.month_name(12), "Dezember");
    }
}
