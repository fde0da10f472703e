//! Reading a date as an author writes it (SPEC §3 "Dates"): the shape of the text
//! first, then the calendar, so that every rejection names what is wrong in words the
//! author can act on ("February 2021 has 28 days").

use std::fmt;

use super::calendar::days_in_month;
use super::language::Language;
use super::{CaseDate, Offset, Precision};

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

impl CaseDate {
    /// Parses `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM[:SS]` with an optional
    /// `Z` or `±HH:MM`; surrounding whitespace is ignored.
    pub(crate) fn parse(text: &str) -> Result<CaseDate, DateError> {
        let text = text.trim();
        let written = Written::split(text).ok_or_else(|| DateError::invalid(text))?;
        written.validate(text)
    }
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
            let month_name = Language::En.month_name(month);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::date::tests::date;

    const SHAPE: &str = "expected YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS] \
                         with an optional Z or ±HH:MM offset";

    fn error(text: &str) -> String {
        CaseDate::parse(text).unwrap_err().to_string()
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
}
