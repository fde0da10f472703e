//! Dates and date ranges for readers, in the site language (SPEC §5): at the precision
//! they were written, with what two ends of a range share said once. The renderer
//! asks for these words; the layout of each language lives here and nowhere else.

use super::language::Language;
use super::{signed_hours_minutes, CaseDate, Offset, Precision};

impl CaseDate {
    /// The date for readers, at its written precision: "10. Januar 2021, 23:59",
    /// "January 10, 2021", with "ca. " / "c. " in front when `approximate`.
    pub(crate) fn format(&self, lang: Language, approximate: bool) -> String {
        approximate_prefix(lang, approximate) + &self.format_exact(lang)
    }

    /// A span between two dates, sharing what both ends have in common when they are
    /// plain days, months or years ("3.–24. Mai 2021", "May – June 2021", "2018–2020").
    pub(crate) fn format_range(
        start: &CaseDate,
        end: &CaseDate,
        lang: Language,
        approximate: bool,
    ) -> String {
        approximate_prefix(lang, approximate) + &range_exact(start, end, lang)
    }

    /// The heading of a month in the timeline: "Januar 2021" / "January 2021".
    ///
    /// # Panics
    /// If `month` is not in 1..=12; callers pass the month of a parsed date.
    pub(crate) fn month_label(year: i32, month: u8, lang: Language) -> String {
        format!("{} {year}", lang.month_name(month))
    }

    fn format_exact(&self, lang: Language) -> String {
        match self.precision {
            Precision::Year => self.year.to_string(),
            Precision::Month => Self::month_label(self.year, self.month, lang),
            Precision::Day => self.day_label(lang),
            Precision::Minute | Precision::Second => {
                format!(
                    "{}, {}{}",
                    self.day_label(lang),
                    self.clock(),
                    self.offset_label()
                )
            }
        }
    }

    /// "10. Januar 2021" / "January 10, 2021".
    fn day_label(&self, lang: Language) -> String {
        let month = lang.month_name(self.month);
        match lang {
            Language::De => format!("{}. {month} {}", self.day, self.year),
            Language::En => format!("{month} {}, {}", self.day, self.year),
        }
    }

    /// "10. Januar" / "January 10", for ranges inside one year.
    fn day_and_month(&self, lang: Language) -> String {
        let month = lang.month_name(self.month);
        match lang {
            Language::De => format!("{}. {month}", self.day),
            Language::En => format!("{month} {}", self.day),
        }
    }

    /// " (UTC)", " (UTC−08:00)" with a real minus sign, or nothing without offset.
    fn offset_label(&self) -> String {
        match self.offset {
            None => String::new(),
            Some(Offset::Zulu) => " (UTC)".to_string(),
            Some(Offset::Minutes(minutes)) => {
                format!(" (UTC{})", signed_hours_minutes(minutes, '\u{2212}'))
            }
        }
    }
}

/// A range without the approximate prefix, which belongs once at the front.
fn range_exact(start: &CaseDate, end: &CaseDate, lang: Language) -> String {
    if start == end {
        return start.format_exact(lang);
    }
    let same_year = start.year == end.year;
    let same_month = same_year && start.month == end.month;
    match (start.precision, end.precision) {
        (Precision::Year, Precision::Year) => format!("{}\u{2013}{}", start.year, end.year),
        (Precision::Month, Precision::Month) if same_year => format!(
            "{} \u{2013} {} {}",
            lang.month_name(start.month),
            lang.month_name(end.month),
            end.year
        ),
        (Precision::Day, Precision::Day) if same_month => {
            let month = lang.month_name(end.month);
            match lang {
                Language::De => format!("{}.\u{2013}{}. {month} {}", start.day, end.day, end.year),
                Language::En => format!("{month} {}\u{2013}{}, {}", start.day, end.day, end.year),
            }
        }
        (Precision::Day, Precision::Day) if same_year => {
            let year_glue = if lang == Language::En { ", " } else { " " };
            format!(
                "{} \u{2013} {}{year_glue}{}",
                start.day_and_month(lang),
                end.day_and_month(lang),
                end.year
            )
        }
        _ => format!(
            "{} \u{2013} {}",
            start.format_exact(lang),
            end.format_exact(lang)
        ),
    }
}

fn approximate_prefix(lang: Language, approximate: bool) -> String {
    match (approximate, lang) {
        (false, _) => String::new(),
        (true, Language::De) => "ca. ".to_string(),
        (true, Language::En) => "c. ".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::date::tests::date;

    fn de(text: &str) -> String {
        date(text).format(Language::De, false)
    }

    fn en(text: &str) -> String {
        date(text).format(Language::En, false)
    }

    fn range(start: &str, end: &str, lang: Language) -> String {
        CaseDate::format_range(&date(start), &date(end), lang, false)
    }

    #[test]
    fn formats_german_at_every_precision() {
        assert_eq!(de("2018"), "2018");
        assert_eq!(de("2021-01"), "Januar 2021");
        assert_eq!(de("2021-03-01"), "1. März 2021");
        assert_eq!(de("2021-01-10"), "10. Januar 2021");
        assert_eq!(de("2021-01-10T23:59"), "10. Januar 2021, 23:59");
        assert_eq!(de("2021-01-10T23:59:05"), "10. Januar 2021, 23:59:05");
        assert_eq!(de("2021-01-10T08:05"), "10. Januar 2021, 08:05");
    }

    #[test]
    fn formats_english_at_every_precision() {
        assert_eq!(en("2018"), "2018");
        assert_eq!(en("2021-01"), "January 2021");
        assert_eq!(en("2021-01-10"), "January 10, 2021");
        assert_eq!(en("2021-01-10T23:59"), "January 10, 2021, 23:59");
        assert_eq!(en("2021-01-10T23:59:05"), "January 10, 2021, 23:59:05");
    }

    #[test]
    fn formats_offsets_with_a_real_minus_sign() {
        assert_eq!(de("2021-01-10T23:59Z"), "10. Januar 2021, 23:59 (UTC)");
        assert_eq!(
            de("2021-01-10T23:59-08:00"),
            "10. Januar 2021, 23:59 (UTC\u{2212}08:00)"
        );
        assert_eq!(
            de("2021-01-10T23:59:05+01:00"),
            "10. Januar 2021, 23:59:05 (UTC+01:00)"
        );
        assert_eq!(en("2021-01-10T23:59Z"), "January 10, 2021, 23:59 (UTC)");
        assert_eq!(
            en("2021-01-10T23:59-08:00"),
            "January 10, 2021, 23:59 (UTC\u{2212}08:00)"
        );
        assert_eq!(
            en("2021-01-10T23:59+05:30"),
            "January 10, 2021, 23:59 (UTC+05:30)"
        );
    }

    #[test]
    fn formats_approximate_dates() {
        let day = date("2021-01-10");
        assert_eq!(day.format(Language::De, true), "ca. 10. Januar 2021");
        assert_eq!(day.format(Language::En, true), "c. January 10, 2021");
        assert_eq!(date("2018").format(Language::De, true), "ca. 2018");
        assert_eq!(date("2021-05").format(Language::En, true), "c. May 2021");
    }

    #[test]
    fn month_labels() {
        assert_eq!(CaseDate::month_label(2021, 1, Language::De), "Januar 2021");
        assert_eq!(CaseDate::month_label(2021, 1, Language::En), "January 2021");
        assert_eq!(CaseDate::month_label(2021, 3, Language::De), "März 2021");
        assert_eq!(
            CaseDate::month_label(2021, 12, Language::De),
            "Dezember 2021"
        );
    }

    #[test]
    fn german_day_ranges_share_what_they_can() {
        assert_eq!(
            range("2021-05-03", "2021-05-24", Language::De),
            "3.–24. Mai 2021"
        );
        assert_eq!(
            range("2021-01-10", "2021-02-03", Language::De),
            "10. Januar – 3. Februar 2021"
        );
        assert_eq!(
            range("2020-12-30", "2021-01-02", Language::De),
            "30. Dezember 2020 – 2. Januar 2021"
        );
    }

    #[test]
    fn english_day_ranges_share_what_they_can() {
        assert_eq!(
            range("2021-05-03", "2021-05-24", Language::En),
            "May 3–24, 2021"
        );
        assert_eq!(
            range("2021-01-10", "2021-02-03", Language::En),
            "January 10 – February 3, 2021"
        );
        assert_eq!(
            range("2020-12-30", "2021-01-02", Language::En),
            "December 30, 2020 – January 2, 2021"
        );
    }

    #[test]
    fn month_and_year_ranges() {
        assert_eq!(range("2021-05", "2021-06", Language::De), "Mai – Juni 2021");
        assert_eq!(range("2021-05", "2021-06", Language::En), "May – June 2021");
        assert_eq!(
            range("2020-12", "2021-01", Language::De),
            "Dezember 2020 – Januar 2021"
        );
        assert_eq!(
            range("2020-12", "2021-01", Language::En),
            "December 2020 – January 2021"
        );
        assert_eq!(range("2018", "2020", Language::De), "2018–2020");
        assert_eq!(range("2018", "2020", Language::En), "2018–2020");
    }

    #[test]
    fn equal_ends_show_the_date_once() {
        assert_eq!(
            range("2021-05-03", "2021-05-03", Language::De),
            "3. Mai 2021"
        );
        assert_eq!(range("2021-05", "2021-05", Language::En), "May 2021");
        assert_eq!(range("2018", "2018", Language::En), "2018");
        assert_eq!(
            range("2021-05-03T10:00Z", "2021-05-03T10:00Z", Language::En),
            "May 3, 2021, 10:00 (UTC)"
        );
    }

    #[test]
    fn mixed_precisions_and_times_are_written_in_full() {
        assert_eq!(
            range("2021-05", "2021-05-24", Language::De),
            "Mai 2021 – 24. Mai 2021"
        );
        assert_eq!(
            range("2018", "2021-01", Language::En),
            "2018 – January 2021"
        );
        assert_eq!(
            range("2021-05-03T09:00", "2021-05-03T17:30", Language::De),
            "3. Mai 2021, 09:00 – 3. Mai 2021, 17:30"
        );
        assert_eq!(
            range("2021-05-03T09:00-08:00", "2021-05-04T17:30Z", Language::En),
            "May 3, 2021, 09:00 (UTC\u{2212}08:00) – May 4, 2021, 17:30 (UTC)"
        );
    }

    #[test]
    fn approximate_ranges_carry_the_prefix_once() {
        let (start, end) = (date("2021-05-03"), date("2021-05-24"));
        assert_eq!(
            CaseDate::format_range(&start, &end, Language::De, true),
            "ca. 3.–24. Mai 2021"
        );
        assert_eq!(
            CaseDate::format_range(&start, &end, Language::En, true),
            "c. May 3–24, 2021"
        );
        let (start, end) = (date("2018"), date("2021-01-10"));
        assert_eq!(
            CaseDate::format_range(&start, &end, Language::En, true),
            "c. 2018 – January 10, 2021"
        );
    }
}
