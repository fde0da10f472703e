//! `events.ics` (SPEC §11 "Calendar"): the timeline as an iCalendar file
//! (RFC 5545) a reader can subscribe to.
//!
//! Written by hand because the format is small and exact: CRLF line ends,
//! lines folded at 75 octets (never inside a UTF-8 sequence), text escaped.
//! An event known to the day is an all-day event (`VALUE=DATE`); one known to
//! the minute carries its time, in UTC where the writer gave an offset and as
//! floating local time where not (a date without offset is "as written",
//! SPEC §3). Events known only to the month or year are left out: a calendar
//! cannot show them without inventing a day.

use crate::model::date::{civil_from_days, CaseDate, Precision};

/// One event of the calendar.
#[derive(Debug, Clone)]
pub(crate) struct CalendarEvent<'a> {
    pub(crate) id: &'a str,
    pub(crate) title: &'a str,
    pub(crate) summary: Option<&'a str>,
    pub(crate) date: &'a CaseDate,
    pub(crate) end: Option<&'a CaseDate>,
    pub(crate) approximate: bool,
    /// The event page's absolute URL, where the site has a `base_url`.
    pub(crate) url: Option<String>,
    /// When the event's page was last updated (its `updated` key).
    pub(crate) updated: Option<&'a CaseDate>,
}

/// What the calendar as a whole is called and where its UIDs live.
#[derive(Debug, Clone)]
pub(crate) struct CalendarInfo<'a> {
    pub(crate) name: &'a str,
    /// The right-hand side of every UID (`example.org/parler`): stable from
    /// build to build, so a subscribed calendar updates events in place.
    pub(crate) uid_domain: &'a str,
    /// Put in front of an approximate event's description ("ca.").
    pub(crate) approximate_note: &'a str,
}

/// The octets a content line may hold before it is folded (RFC 5545 §3.1).
const LINE_OCTETS: usize = 75;

/// The calendar text; events the calendar cannot place are skipped.
pub(crate) fn write(info: &CalendarInfo, events: &[CalendarEvent]) -> String {
    let mut out = String::new();
    let mut line = |text: &str| fold_line(text, &mut out);
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line("PRODID:-//casebook//casebook//EN");
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    line(&format!("X-WR-CALNAME:{}", escape_text(info.name)));
    // The same for every event: escaped once, not once per event.
    let uid_domain = escape_text(info.uid_domain);
    for event in events {
        let Some(start) = When::of(event.date) else {
            continue;
        };
        line("BEGIN:VEVENT");
        line(&format!("UID:{}@{uid_domain}", escape_text(event.id)));
        let stamp = event.updated.unwrap_or(event.date).span_start();
        line(&format!("DTSTAMP:{}", utc_timestamp(stamp)));
        line(&format!("DTSTART{}", start.property_value()));
        line(&format!("DTEND{}", start.end(event.end).property_value()));
        line(&format!("SUMMARY:{}", escape_text(event.title)));
        let mut description = event.summary.unwrap_or_default().to_owned();
        if event.approximate {
            description = format!("{} {description}", info.approximate_note)
                .trim_end()
                .to_owned();
        }
        if !description.is_empty() {
            line(&format!("DESCRIPTION:{}", escape_text(&description)));
        }
        if let Some(url) = &event.url {
            line(&format!("URL:{url}"));
        }
        line("END:VEVENT");
    }
    line("END:VCALENDAR");
    out
}

/// When an event starts or ends, as the calendar writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum When {
    /// A whole day: days since the Unix epoch.
    Day(i64),
    /// A moment in UTC, Unix seconds.
    Utc(i64),
    /// A moment in the reader's own time zone, seconds as written.
    Floating(i64),
}

impl When {
    fn of(date: &CaseDate) -> Option<When> {
        match date.precision() {
            Precision::Year | Precision::Month => None,
            Precision::Day => Some(When::Day(date.span_start().div_euclid(86_400))),
            Precision::Minute | Precision::Second if has_offset(date) => {
                Some(When::Utc(date.span_start()))
            }
            Precision::Minute | Precision::Second => Some(When::Floating(date.span_start())),
        }
    }

    /// The end: the day after the last day for all-day events (DTEND is
    /// exclusive), the end's own moment for timed ones.
    fn end(self, end: Option<&CaseDate>) -> When {
        match (self, end) {
            (When::Day(day), None) => When::Day(day + 1),
            (When::Day(_), Some(end)) => When::Day(end.span_end().div_euclid(86_400) + 1),
            (moment, None) => moment,
            (When::Utc(_), Some(end)) => When::Utc(end.span_start()),
            (_, Some(end)) => When::Floating(end.span_start()),
        }
    }

    fn property_value(self) -> String {
        match self {
            When::Day(days) => {
                let (year, month, day) = civil_from_days(days);
                format!(";VALUE=DATE:{year:04}{month:02}{day:02}")
            }
            When::Utc(seconds) => format!(":{}", utc_timestamp(seconds)),
            When::Floating(seconds) => {
                let stamp = utc_timestamp(seconds);
                format!(":{}", stamp.trim_end_matches('Z'))
            }
        }
    }
}

/// Whether a timed date was written with `Z` or `±HH:MM`.
fn has_offset(date: &CaseDate) -> bool {
    let iso = date.iso();
    let time = iso.split_once('T').map_or("", |(_, time)| time);
    time.ends_with('Z') || time.contains(['+', '-'])
}

/// `20210110T235900Z` from Unix seconds.
fn utc_timestamp(seconds: i64) -> String {
    let (year, month, day) = civil_from_days(seconds.div_euclid(86_400));
    let second = seconds.rem_euclid(86_400);
    format!(
        "{year:04}{month:02}{day:02}T{:02}{:02}{:02}Z",
        second / 3600,
        second % 3600 / 60,
        second % 60
    )
}

/// TEXT values escape backslash, semicolon, comma and line breaks (§3.3.11).
fn escape_text(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '\\' => escaped.push_str("\\\\"),
            ';' => escaped.push_str("\\;"),
            ',' => escaped.push_str("\\,"),
            '\n' => escaped.push_str("\\n"),
            '\r' => {}
            _ => escaped.push(ch),
        }
    }
    escaped
}

/// Appends one content line, folded so no physical line exceeds 75 octets
/// (the leading space of a continuation counts), each ended by CRLF.
fn fold_line(line: &str, out: &mut String) {
    let mut room = LINE_OCTETS;
    let mut rest = line;
    loop {
        if rest.len() <= room {
            out.push_str(rest);
            out.push_str("\r\n");
            return;
        }
        let mut cut = room;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        room = LINE_OCTETS - 1;
    }
}

#[cfg(test)]
mod tests {
    use super::{fold_line, write, CalendarEvent, CalendarInfo};
    use crate::model::date::CaseDate;

    fn info() -> CalendarInfo<'static> {
        CalendarInfo {
            name: "Parler gegen Amazon",
            uid_domain: "example.org/parler",
            approximate_note: "ca.",
        }
    }

    fn event<'a>(id: &'a str, date: &'a CaseDate) -> CalendarEvent<'a> {
        CalendarEvent {
            id,
            title: "Anhörung",
            summary: None,
            date,
            end: None,
            approximate: false,
            url: None,
            updated: None,
        }
    }

    #[test]
    fn folding_keeps_lines_within_75_octets_and_utf8_whole() {
        let mut out = String::new();
        let line = format!("SUMMARY:{}", "ä".repeat(60));
        fold_line(&line, &mut out);
        for physical in out.split_terminator("\r\n") {
            assert!(
                physical.len() <= 75,
                "{physical:?} is {} octets",
                physical.len()
            );
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("{line}\r\n"));
    }

    #[test]
    fn days_are_all_day_and_times_keep_their_zone() {
        let day = CaseDate::parse("2021-01-10").unwrap();
        let utc = CaseDate::parse("2021-01-10T23:59-08:00").unwrap();
        let floating = CaseDate::parse("2021-01-14T13:30").unwrap();
        let end = CaseDate::parse("2021-01-12").unwrap();
        let mut spanning = event("span", &day);
        spanning.end = Some(&end);
        let text = write(
            &info(),
            &[
                event("day", &day),
                event("utc", &utc),
                event("local", &floating),
                spanning,
            ],
        );
        assert!(text.contains("UID:day@example.org/parler\r\nDTSTAMP:20210110T000000Z\r\nDTSTART;VALUE=DATE:20210110\r\nDTEND;VALUE=DATE:20210111\r\n"));
        assert!(text.contains("DTSTART:20210111T075900Z\r\nDTEND:20210111T075900Z\r\n"));
        assert!(text.contains("DTSTART:20210114T133000\r\n"));
        assert!(text.contains("UID:span@example.org/parler\r\nDTSTAMP:20210110T000000Z\r\nDTSTART;VALUE=DATE:20210110\r\nDTEND;VALUE=DATE:20210113\r\n"));
    }

    #[test]
    fn months_and_years_are_left_out_and_text_is_escaped() {
        let month = CaseDate::parse("2021-01").unwrap();
        let day = CaseDate::parse("2021-01-21").unwrap();
        let mut ruling = event("ruling", &day);
        ruling.title = "Order; denied, in part\\";
        ruling.summary = Some("Line one\nline two");
        ruling.approximate = true;
        ruling.url = Some("https://example.org/parler/events/ruling/".into());
        let text = write(&info(), &[event("month", &month), ruling]);
        assert!(!text.contains("UID:month@"));
        assert!(text.contains("SUMMARY:Order\\; denied\\, in part\\\\\r\n"));
        assert!(text.contains("DESCRIPTION:ca. Line one\\nline two\r\n"));
        assert!(text.contains("URL:https://example.org/parler/events/ruling/\r\n"));
        assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(text.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"));
    }
}
