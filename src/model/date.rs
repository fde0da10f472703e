//! Case dates: parsing, validation, timeline order and display (SPEC §3 "Dates", §5 "Timeline").
//!
//! This module belongs to the model layer and is pure: no I/O, no clock, no
//! configuration. Front matter hands it the text of a `date` or `end` field, and the
//! renderer asks it for the order of events and for the words to print.
//!
//! It is hand-written on purpose. A case date keeps the precision it was written
//! with (`2018`, `2021-01`, `2021-01-10`, `2021-01-10T23:59[:05]`, optionally with `Z`
//! or `±HH:MM`), and that precision is what the site shows. Date crates parse full
//! timestamps or full calendar dates, not this family, and the only validation we
//! need is the calendar itself (days in month, Gregorian leap years), which is a few
//! lines.
//!
//! Instants (`span_start`, `span_end`) are seconds since the Unix epoch
//! (1970-01-01T00:00:00Z); earlier dates are negative. A date without offset is taken
//! as written, as if it were UTC.

use std::fmt;

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
}

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

/// Why a date was rejected; the message is meant for the author and names the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DateError(String);

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DateError {}

impl DateError {
    fn invalid(text: &str) -> DateError {
        DateError(format!(
            "invalid date {text:?}: expected YYYY, YYYY-MM, YYYY-MM-DD or \
             YYYY-MM-DDTHH:MM[:SS] with an optional Z or ±HH:MM offset"
        ))
    }

    fn impossible_date(text: &str, reason: String) -> DateError {
        DateError(format!("impossible date {text:?}: {reason}"))
    }

    fn impossible_time(text: &str, reason: &str) -> DateError {
        DateError(format!("impossible time {text:?}: {reason}"))
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

const SECONDS_PER_DAY: i64 = 86_400;

impl CaseDate {
    /// Parses `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM[:SS]` with an optional
    /// `Z` or `±HH:MM`; surrounding whitespace is ignored.
    pub(crate) fn parse(text: &str) -> Result<CaseDate, DateError> {
        let text = text.trim();
        let written = Written::split(text).ok_or_else(|| DateError::invalid(text))?;
        written.validate(text)
    }

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

    /// First second of the span the date covers, in Unix seconds, offset applied.
    /// The year and month under which a timeline files this date: those of
    /// the instant its span starts (so dates with offsets sort and group
    /// alike), without a month at year precision.
    pub(crate) fn timeline_year_month(&self) -> (i32, Option<u8>) {
        let (year, month, _) = civil_from_days(self.span_start().div_euclid(86_400));
        let month = (self.precision() != Precision::Year).then_some(month as u8);
        (year as i32, month)
    }

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
        format!("{} {year}", month_name(month, lang))
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
        let month = month_name(self.month, lang);
        match lang {
            Language::De => format!("{}. {month} {}", self.day, self.year),
            Language::En => format!("{month} {}, {}", self.day, self.year),
        }
    }

    /// "10. Januar" / "January 10", for ranges inside one year.
    fn day_and_month(&self, lang: Language) -> String {
        let month = month_name(self.month, lang);
        match lang {
            Language::De => format!("{}. {month}", self.day),
            Language::En => format!("{month} {}", self.day),
        }
    }

    /// "23:59" or "23:59:05", as written (24-hour in both languages).
    fn clock(&self) -> String {
        let minutes = format!("{:02}:{:02}", self.hour, self.minute);
        match self.precision {
            Precision::Second => format!("{minutes}:{:02}", self.second),
            _ => minutes,
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
            month_name(start.month, lang),
            month_name(end.month, lang),
            end.year
        ),
        (Precision::Day, Precision::Day) if same_month => {
            let month = month_name(end.month, lang);
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

fn month_name(month: u8, lang: Language) -> &'static str {
    let names = match lang {
        Language::De => &GERMAN_MONTHS,
        Language::En => &ENGLISH_MONTHS,
    };
    names[usize::from(month) - 1]
}

/// "+01:00" / "-08:00"; the minus is ASCII in `iso()` and U+2212 for readers.
fn signed_hours_minutes(minutes: i16, minus: char) -> String {
    let sign = if minutes < 0 { minus } else { '+' };
    let magnitude = minutes.unsigned_abs();
    format!("{sign}{:02}:{:02}", magnitude / 60, magnitude % 60)
}

/// Days since 1970-01-01 → (year, month, day); Howard Hinnant's algorithm.
pub(crate) fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_year(year: i32) -> i64 {
    if is_leap_year(year) {
        366
    } else {
        365
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's
/// `days_from_civil`): years are counted from March so the leap day falls at the end.
fn days_from_civil(year: i64, month: u8, day: u8) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_from_march = (i64::from(month) + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The numbers of a date whose shape is right but whose values are not checked yet;
/// splitting shape from range checks keeps each error message precise.
struct Written {
    /// Year, then month and day as far as written.
    date: Vec<u32>,
    /// Hour, minute and second as far as written; empty for a plain date.
    clock: Vec<u32>,
    offset: Option<WrittenOffset>,
}

enum WrittenOffset {
    Zulu,
    Signed {
        negative: bool,
        hours: u32,
        minutes: u32,
    },
}

impl Written {
    /// Checks the shape only; `None` means the text is not in our grammar at all.
    fn split(text: &str) -> Option<Written> {
        // ASCII only, so the byte slicing below stays on character boundaries.
        if !text.is_ascii() {
            return None;
        }
        let (date_text, time_text) = match text.split_once('T') {
            Some((date, time)) => (date, Some(time)),
            None => (text, None),
        };
        let date = date_fields(date_text)?;
        let (clock, offset) = match time_text {
            None => (Vec::new(), None),
            Some(time) if date.len() == 3 => time_fields(time)?,
            Some(_) => return None,
        };
        Some(Written {
            date,
            clock,
            offset,
        })
    }

    fn validate(&self, text: &str) -> Result<CaseDate, DateError> {
        let year = self.date[0] as i32;
        let month = self.checked_month(text)?;
        let day = self.checked_day(text, year, month)?;
        let [hour, minute, second] = self.checked_clock(text)?;
        let offset = self.checked_offset(text)?;
        Ok(CaseDate {
            year,
            month,
            day,
            hour,
            minute,
            second,
            precision: self.precision(),
            offset,
        })
    }

    fn precision(&self) -> Precision {
        match (self.date.len(), self.clock.len()) {
            (1, _) => Precision::Year,
            (2, _) => Precision::Month,
            (_, 0) => Precision::Day,
            (_, 2) => Precision::Minute,
            _ => Precision::Second,
        }
    }

    fn checked_month(&self, text: &str) -> Result<u8, DateError> {
        let month = self.date.get(1).copied().unwrap_or(1);
        if !(1..=12).contains(&month) {
            let reason = format!("there is no month {month:02}");
            return Err(DateError::impossible_date(text, reason));
        }
        Ok(month as u8)
    }

    fn checked_day(&self, text: &str, year: i32, month: u8) -> Result<u8, DateError> {
        let day = self.date.get(2).copied().unwrap_or(1);
        let last = days_in_month(year, month);
        if day == 0 {
            let reason = "there is no day 00".to_string();
            return Err(DateError::impossible_date(text, reason));
        }
        if day > u32::from(last) {
            let month_name = ENGLISH_MONTHS[usize::from(month) - 1];
            let reason = format!("{month_name} {year} has {last} days");
            return Err(DateError::impossible_date(text, reason));
        }
        Ok(day as u8)
    }

    fn checked_clock(&self, text: &str) -> Result<[u8; 3], DateError> {
        let limits = [
            (23, "hours run from 00 to 23"),
            (59, "minutes run from 00 to 59"),
            (59, "seconds run from 00 to 59"),
        ];
        let mut clock = [0; 3];
        for ((slot, &value), (max, reason)) in clock.iter_mut().zip(&self.clock).zip(limits) {
            if value > max {
                return Err(DateError::impossible_time(text, reason));
            }
            *slot = value as u8;
        }
        Ok(clock)
    }

    fn checked_offset(&self, text: &str) -> Result<Option<Offset>, DateError> {
        let (negative, hours, minutes) = match self.offset {
            None => return Ok(None),
            Some(WrittenOffset::Zulu) => return Ok(Some(Offset::Zulu)),
            Some(WrittenOffset::Signed {
                negative,
                hours,
                minutes,
            }) => (negative, hours, minutes),
        };
        if hours > 23 {
            return Err(DateError::impossible_time(
                text,
                "offset hours run from 00 to 23",
            ));
        }
        if minutes > 59 {
            return Err(DateError::impossible_time(
                text,
                "offset minutes run from 00 to 59",
            ));
        }
        let total = (hours * 60 + minutes) as i16;
        Ok(Some(Offset::Minutes(if negative { -total } else { total })))
    }
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` as numbers.
fn date_fields(text: &str) -> Option<Vec<u32>> {
    let mut parts = text.split('-');
    let mut fields = vec![fixed_digits(parts.next()?, 4)?];
    for part in parts {
        fields.push(fixed_digits(part, 2)?);
    }
    (fields.len() <= 3).then_some(fields)
}

/// `HH:MM` or `HH:MM:SS`, then an optional `Z` or `±HH:MM`.
fn time_fields(text: &str) -> Option<(Vec<u32>, Option<WrittenOffset>)> {
    let (clock_text, offset) = split_offset(text)?;
    let clock = two_digit_fields(clock_text)?;
    matches!(clock.len(), 2 | 3).then_some((clock, offset))
}

fn split_offset(text: &str) -> Option<(&str, Option<WrittenOffset>)> {
    if let Some(clock) = text.strip_suffix('Z') {
        return Some((clock, Some(WrittenOffset::Zulu)));
    }
    // A signed offset is always the last six characters, `±HH:MM`.
    let Some(sign_at) = text.len().checked_sub(6) else {
        return Some((text, None));
    };
    let sign = text.as_bytes()[sign_at];
    if sign != b'+' && sign != b'-' {
        return Some((text, None));
    }
    let &[hours, minutes] = two_digit_fields(&text[sign_at + 1..])?.as_slice() else {
        return None;
    };
    let offset = WrittenOffset::Signed {
        negative: sign == b'-',
        hours,
        minutes,
    };
    Some((&text[..sign_at], Some(offset)))
}

fn two_digit_fields(text: &str) -> Option<Vec<u32>> {
    text.split(':').map(|part| fixed_digits(part, 2)).collect()
}

/// Exactly `width` ASCII digits; `parse` alone would also take signs.
fn fixed_digits(text: &str, width: usize) -> Option<u32> {
    let all_digits = text.len() == width && text.bytes().all(|byte| byte.is_ascii_digit());
    all_digits.then(|| text.parse().ok()).flatten()
}

impl fmt::Display for CaseDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHAPE: &str = "expected YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS] \
                         with an optional Z or ±HH:MM offset";

    fn date(text: &str) -> CaseDate {
        CaseDate::parse(text).unwrap_or_else(|error| panic!("{text}: {error}"))
    }

    fn error(text: &str) -> String {
        CaseDate::parse(text).unwrap_err().to_string()
    }

    fn de(text: &str) -> String {
        date(text).format(Language::De, false)
    }

    fn en(text: &str) -> String {
        date(text).format(Language::En, false)
    }

    fn range(start: &str, end: &str, lang: Language) -> String {
        CaseDate::format_range(&date(start), &date(end), lang, false)
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
    fn parses_every_precision() {
        let cases = [
            ("2018", Precision::Year, None),
            ("2021-01", Precision::Month, Some(1)),
            ("2021-01-10", Precision::Day, Some(1)),
            ("2021-01-10T23:59", Precision::Minute, Some(1)),
            ("2021-01-10T23:59:05", Precision::Second, Some(1)),
        ];
        for (text, precision, month) in cases {
            let parsed = date(text);
            assert_eq!(parsed.precision(), precision, "{text}");
            assert_eq!(parsed.month(), month, "{text}");
            assert_eq!(parsed.year(), if text == "2018" { 2018 } else { 2021 });
            assert_eq!(parsed.iso(), text);
        }
    }

    #[test]
    fn parses_offsets() {
        assert_eq!(date("2021-01-10T23:59Z").precision(), Precision::Minute);
        assert_eq!(
            date("2021-01-10T23:59:05+01:00").precision(),
            Precision::Second
        );
        assert_eq!(
            date("2021-01-10T23:59-08:00").iso(),
            "2021-01-10T23:59-08:00"
        );
        assert_eq!(
            date("2021-01-10T10:00+23:59").iso(),
            "2021-01-10T10:00+23:59"
        );
    }

    #[test]
    fn trims_surrounding_whitespace() {
        assert_eq!(date("  2021-01-10\n").iso(), "2021-01-10");
        assert_eq!(date("\t2018 ").iso(), "2018");
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
    fn minus_zero_offset_reads_as_plus_zero() {
        assert_eq!(
            date("2021-01-10T10:00-00:00").iso(),
            "2021-01-10T10:00+00:00"
        );
    }

    #[test]
    fn leap_days_follow_the_gregorian_rule() {
        assert_eq!(date("2020-02-29").iso(), "2020-02-29");
        assert_eq!(date("2000-02-29").iso(), "2000-02-29");
        assert_eq!(
            error("2021-02-29"),
            "impossible date \"2021-02-29\": February 2021 has 28 days"
        );
        assert_eq!(
            error("1900-02-29"),
            "impossible date \"1900-02-29\": February 1900 has 28 days"
        );
        assert_eq!(
            error("2020-02-30"),
            "impossible date \"2020-02-30\": February 2020 has 29 days"
        );
    }

    #[test]
    fn rejects_impossible_dates() {
        assert_eq!(
            error("2021-02-30"),
            "impossible date \"2021-02-30\": February 2021 has 28 days"
        );
        assert_eq!(
            error("2021-04-31"),
            "impossible date \"2021-04-31\": April 2021 has 30 days"
        );
        assert_eq!(
            error("2021-13"),
            "impossible date \"2021-13\": there is no month 13"
        );
        assert_eq!(
            error("2021-00-10"),
            "impossible date \"2021-00-10\": there is no month 00"
        );
        assert_eq!(
            error("2021-01-00"),
            "impossible date \"2021-01-00\": there is no day 00"
        );
    }

    #[test]
    fn rejects_impossible_times() {
        let cases = [
            ("2021-01-10T24:10", "hours run from 00 to 23"),
            ("2021-01-10T23:60", "minutes run from 00 to 59"),
            ("2021-01-10T23:59:60", "seconds run from 00 to 59"),
            ("2021-01-10T10:00+24:00", "offset hours run from 00 to 23"),
            ("2021-01-10T10:00-08:60", "offset minutes run from 00 to 59"),
        ];
        for (text, reason) in cases {
            assert_eq!(error(text), format!("impossible time \"{text}\": {reason}"));
        }
    }

    #[test]
    fn rejects_bad_shapes_with_the_grammar() {
        for text in [
            "2021-1-5",
            "21-01-01",
            "2021/01/01",
            "2021-01-01T10",
            "",
            "2021-01-01T10:00:00:00",
            "2021-01T10:00",
            "2018T10:00",
            "2021-01-10T10:00+0100",
            "2021-01-10T10:00 +01:00",
            "2021-01-10 10:00",
            "2021-01-10T10:00z",
            "2021-01-10T10:00\u{2212}08:00",
            "+2021",
            "20210110",
            "2021-01-10-",
        ] {
            assert_eq!(error(text), format!("invalid date {text:?}: {SHAPE}"));
        }
        assert_eq!(error("   "), format!("invalid date \"\": {SHAPE}"));
    }

    #[test]
    fn error_quotes_the_exact_example_message() {
        assert_eq!(
            error("2021-1-5"),
            "invalid date \"2021-1-5\": expected YYYY, YYYY-MM, YYYY-MM-DD or \
             YYYY-MM-DDTHH:MM[:SS] with an optional Z or ±HH:MM offset"
        );
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
