//! Case dates (SPEC §3 "Dates", §5 "Timeline"): the `CaseDate` value, its precision,
//! and the span of time it covers, which is what the timeline sorts by.
//!
//! This module belongs to the model layer and is pure: no I/O, no clock, no
//! configuration. Front matter hands it the text of a `date` or `end` field
//! (`parse`); `resolve` orders events by `span_start`, then `precision` (the less
//! precise first), then id; the renderer asks for the words to print (`format`).
//!
//! It is hand-written on purpose. A case date keeps the precision it was written
//! with (`2018`, `2021-01`, `2021-01-10`, `2021-01-10T23:59[:05]`, optionally with `Z`
//! or `±HH:MM`), and that precision is what the site shows. Date crates parse full
//! timestamps or full calendar dates, not this family, and the only validation we
//! need is the calendar itself (days in month, Gregorian leap years), which is a few
//! lines (`calendar`).
//!
//! Instants (`span_start`, `span_end`) are seconds since the Unix epoch
//! (1970-01-01T00:00:00Z); earlier dates are negative. A date without offset is taken
//! as written, as if it were UTC.

mod calendar;
mod format;
mod language;
mod parse;

use std::fmt;

use calendar::{days_in_month, days_in_year, SECONDS_PER_DAY};

pub(crate) use calendar::{civil_from_days, days_from_civil};
pub(crate) use language::Language;

/// How much of a date was written; the order matters for the timeline (less precise first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Precision {
    Year,
    Month,
    Day,
    Minute,
    Second,
}

impl Precision {
    pub(crate) fn as_str(&self) -> &'static str {
        match self {
            Precision::Year => "year",
            Precision::Month => "month",
            Precision::Day => "day",
            Precision::Minute => "minute",
            Precision::Second => "second",
        }
    }
}

/// A UTC offset as written. `Z` and `+00:00` are kept apart so that `iso()` gives back
/// what the author wrote; `-00:00` is read as `+00:00`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Offset {
    Zulu,
    Minutes(i16),
}

impl Offset {
    fn seconds(self) -> i64 {
        match self {
            Offset::Zulu => 0,
            Offset::Minutes(minutes) => i64::from(minutes) * 60,
        }
    }
}

/// A date of a case event or source, at the precision it was written.
///
/// Fields beyond the precision hold their smallest value (month 1, day 1, 00:00:00) so
/// that the derived equality and hash compare exactly what was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct CaseDate {
    year: i32,
    month: u8,
    day: u8,
    hour: u8,
    minute: u8,
    second: u8,
    precision: Precision,
    offset: Option<Offset>,
}

impl CaseDate {
    pub(crate) fn precision(&self) -> Precision {
        self.precision
    }

    pub(crate) fn year(&self) -> i32 {
        self.year
    }

    /// The month, `None` at year precision.
    pub(crate) fn month(&self) -> Option<u8> {
        (self.precision >= Precision::Month).then_some(self.month)
    }

    /// The year and month under which a timeline files this date: those of
    /// the instant its span starts (so dates with offsets sort and group
    /// alike), without a month at year precision.
    pub(crate) fn timeline_year_month(&self) -> (i32, Option<u8>) {
        let (year, month, _) = civil_from_days(self.span_start().div_euclid(SECONDS_PER_DAY));
        let month = (self.precision() != Precision::Year).then_some(month as u8);
        (year as i32, month)
    }

    /// First second of the span the date covers, in Unix seconds, offset applied.
    pub(crate) fn span_start(&self) -> i64 {
        let days = days_from_civil(i64::from(self.year), self.month, self.day);
        let clock = i64::from(self.hour) * 3600 + i64::from(self.minute) * 60;
        let local = days * SECONDS_PER_DAY + clock + i64::from(self.second);
        local - self.offset.map_or(0, Offset::seconds)
    }

    /// Last second of the span the date covers (`2021-01` ends at 2021-01-31T23:59:59).
    pub(crate) fn span_end(&self) -> i64 {
        self.span_start() + self.span_seconds() - 1
    }

    fn span_seconds(&self) -> i64 {
        match self.precision {
            Precision::Year => days_in_year(self.year) * SECONDS_PER_DAY,
            Precision::Month => i64::from(days_in_month(self.year, self.month)) * SECONDS_PER_DAY,
            Precision::Day => SECONDS_PER_DAY,
            Precision::Minute => 60,
            Precision::Second => 1,
        }
    }

    /// The canonical text at the written precision, e.g. `2021-01-10T23:59-08:00`.
    pub(crate) fn iso(&self) -> String {
        let mut text = format!("{:04}", self.year);
        if self.precision >= Precision::Month {
            text += &format!("-{:02}", self.month);
        }
        if self.precision >= Precision::Day {
            text += &format!("-{:02}", self.day);
        }
        if self.precision >= Precision::Minute {
            text += &format!("T{}", self.clock());
        }
        match self.offset {
            None => {}
            Some(Offset::Zulu) => text.push('Z'),
            Some(Offset::Minutes(minutes)) => text += &signed_hours_minutes(minutes, '-'),
        }
        text
    }

    /// "23:59" or "23:59:05", as written (24-hour in both languages).
    fn clock(&self) -> String {
        let minutes = format!("{:02}:{:02}", self.hour, self.minute);
        match self.precision {
            Precision::Second => format!("{minutes}:{:02}", self.second),
            _ => minutes,
        }
    }
}

/// "+01:00" / "-08:00"; the minus is ASCII in `iso()` and U+2212 for readers.
fn signed_hours_minutes(minutes: i16, minus: char) -> String {
    let sign = if minutes < 0 { minus } else { '+' };
    let magnitude = minutes.unsigned_abs();
    format!("{sign}{:02}:{:02}", magnitude / 60, magnitude % 60)
}

impl fmt::Display for CaseDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The date written as `text`; the tests of every date file read theirs with it.
    pub(super) fn date(text: &str) -> CaseDate {
        CaseDate::parse(text).unwrap_or_else(|error| panic!("{text}: {error}"))
    }

    /// 2021-01-01T00:00:00Z in Unix seconds.
    const NEW_YEAR_2021: i64 = 1_609_459_200;

    #[test]
    fn offset_dates_are_filed_under_the_month_of_their_instant() {
        assert_eq!(
            date("2021-01-01T00:30+02:00").timeline_year_month(),
            (2020, Some(12))
        );
        assert_eq!(
            date("2021-01-10T23:59-08:00").timeline_year_month(),
            (2021, Some(1))
        );
        assert_eq!(date("2018").timeline_year_month(), (2018, None));
        assert_eq!(date("2018-06").timeline_year_month(), (2018, Some(6)));
    }

    #[test]
    fn precision_names_and_order() {
        let names: Vec<_> = [
            Precision::Year,
            Precision::Month,
            Precision::Day,
            Precision::Minute,
            Precision::Second,
        ]
        .iter()
        .map(Precision::as_str)
        .collect();
        assert_eq!(names, ["year", "month", "day", "minute", "second"]);
        assert!(Precision::Year < Precision::Month && Precision::Minute < Precision::Second);
    }

    #[test]
    fn iso_round_trips_what_was_written() {
        for text in [
            "2018",
            "2021-01",
            "2021-01-10",
            "2021-01-10T23:59",
            "2021-01-10T23:59:05",
            "2021-01-10T23:59-08:00",
            "2021-01-10T23:59:05+01:00",
            "2021-01-10T23:59Z",
            "2021-01-10T23:59:05Z",
            "2021-01-10T00:00+00:00",
            "0999-12-31",
        ] {
            let parsed = date(text);
            assert_eq!(parsed.iso(), text);
            assert_eq!(parsed.to_string(), text);
        }
    }

    #[test]
    fn spans_start_and_end_at_the_written_precision() {
        assert_eq!(date("1970-01-01").span_start(), 0);
        assert_eq!(date("2021").span_start(), NEW_YEAR_2021);
        assert_eq!(date("2021-01").span_start(), NEW_YEAR_2021);
        assert_eq!(date("2021-01-01T00:00:00").span_start(), NEW_YEAR_2021);
        assert_eq!(date("2021").span_end(), NEW_YEAR_2021 + 365 * 86_400 - 1);
        assert_eq!(
            date("2021-01").span_end(),
            date("2021-01-31T23:59:59").span_start()
        );
        assert_eq!(
            date("2021-01-10").span_end(),
            date("2021-01-10T23:59:59").span_start()
        );
        assert_eq!(
            date("2021-01-10T23:59").span_end(),
            date("2021-01-10T23:59:59").span_start()
        );
        let second = date("2021-01-10T23:59:05");
        assert_eq!(second.span_end(), second.span_start());
        assert!(date("1969-12-31").span_start() < 0);
    }

    #[test]
    fn february_spans_know_leap_years() {
        assert_eq!(
            date("2020-02").span_end(),
            date("2020-02-29T23:59:59").span_start()
        );
        assert_eq!(
            date("2021-02").span_end(),
            date("2021-02-28T23:59:59").span_start()
        );
        assert_eq!(
            date("2000-02").span_end(),
            date("2000-02-29T23:59:59").span_start()
        );
        assert_eq!(
            date("2100-02").span_end(),
            date("2100-02-28T23:59:59").span_start()
        );
        assert_eq!(
            date("2020").span_end(),
            date("2020-12-31T23:59:59").span_start()
        );
    }

    #[test]
    fn offsets_shift_the_span_to_utc() {
        // 23:59 at UTC−8 is 07:59 the next day in UTC.
        let pacific = date("2021-01-10T23:59-08:00");
        assert_eq!(pacific.span_start(), date("2021-01-11T07:59Z").span_start());
        assert_eq!(
            pacific.span_start(),
            NEW_YEAR_2021 + 10 * 86_400 + 7 * 3600 + 59 * 60
        );
        assert_eq!(pacific.span_end(), pacific.span_start() + 59);
        let berlin = date("2021-01-10T09:00+01:00");
        assert_eq!(berlin.span_start(), date("2021-01-10T08:00Z").span_start());
    }

    /// What the timeline sorts events by (SPEC §5), in `resolve::assemble`: the start
    /// of the span, then the precision (less precise first); the id breaks the rest.
    fn timeline_key(text: &str) -> (i64, Precision) {
        let date = date(text);
        (date.span_start(), date.precision())
    }

    #[test]
    fn less_precise_dates_come_first_on_the_same_start() {
        let mut texts = [
            "2021-01-01T00:00:00",
            "2021-01-01",
            "2021",
            "2021-01-01T00:00",
            "2021-01",
        ];
        texts.sort_by_key(|text| timeline_key(text));
        assert_eq!(
            texts,
            [
                "2021",
                "2021-01",
                "2021-01-01",
                "2021-01-01T00:00",
                "2021-01-01T00:00:00"
            ]
        );
    }

    #[test]
    fn earlier_starts_come_first_whatever_the_precision() {
        assert!(timeline_key("2020-12-31T23:59") < timeline_key("2021"));
        assert!(timeline_key("2021-01-15") < timeline_key("2021-02"));
        // A year starts before its later months, though it ends after them.
        assert!(timeline_key("2021") < timeline_key("2021-06-01"));
        assert!(timeline_key("2020") < timeline_key("2021-01"));
    }

    #[test]
    fn offsets_compare_as_instants() {
        // 2021-01-10T23:59-08:00 is 2021-01-11T07:59Z, so after 07:00Z the same morning.
        let pacific = timeline_key("2021-01-10T23:59-08:00");
        assert!(pacific > timeline_key("2021-01-11T07:00Z"));
        assert!(pacific < timeline_key("2021-01-11T08:00Z"));
        // Without an offset the date is taken as written, i.e. as UTC.
        assert!(timeline_key("2021-01-11T07:00") < pacific);
        assert!(timeline_key("2021-01-10T10:00+01:00") < timeline_key("2021-01-10T09:30Z"));
    }

    #[test]
    fn equal_instants_written_differently_tie_on_the_timeline() {
        // Different dates as written, one place in the timeline: the id decides.
        let spellings = [
            "2021-01-10T08:00",
            "2021-01-10T08:00Z",
            "2021-01-10T09:00+01:00",
        ];
        assert_ne!(date(spellings[1]), date(spellings[2]));
        for text in spellings {
            assert_eq!(timeline_key(text), timeline_key(spellings[0]), "{text}");
        }
    }
}
