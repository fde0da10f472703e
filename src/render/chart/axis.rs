//! The time axis of a chart band: the range it covers, the scale from
//! seconds to x, and its ticks. Pure.
//!
//! Ticks fall on true calendar boundaries (1 January, the 1st of a month,
//! midnight), found through `CaseDate` so there is one calendar in the
//! program. A tick carries numbers, not words: the theme names the months in
//! the page's language.

use serde::Serialize;

use crate::model::date::{civil_from_days, days_from_civil, CaseDate};

pub(crate) const DAY: i64 = 86_400;

/// Maps instants (Unix seconds) in `[from, to)` onto `[left, right]`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Scale {
    pub(crate) from: i64,
    pub(crate) to: i64,
    pub(crate) left: i32,
    pub(crate) right: i32,
}

impl Scale {
    pub(crate) fn x(&self, instant: i64) -> i32 {
        let span = (self.to - self.from).max(1) as f64;
        let share = (instant - self.from) as f64 / span;
        let x = f64::from(self.left) + share * f64::from(self.right - self.left);
        x.round().clamp(f64::from(self.left), f64::from(self.right)) as i32
    }

    fn pixels_per_day(&self) -> f64 {
        f64::from(self.right - self.left) * DAY as f64 / (self.to - self.from).max(1) as f64
    }
}

/// One tick: a line at `x` and, when `label`, the calendar value it marks.
/// `unit` is `y`, `m` or `d`; `row` is the label row (1 above 2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Tick {
    pub(crate) x: i32,
    /// Where the label starts (`y`, `m`) or is centred (`d`: mid-day).
    pub(crate) lx: i32,
    pub(crate) unit: &'static str,
    pub(crate) year: i32,
    pub(crate) month: u8,
    pub(crate) day: u8,
    pub(crate) label: bool,
    pub(crate) row: u8,
}

/// The whole range an overview shows: from the first to the last second of
/// the events, widened to whole months, or to whole years beyond three years.
pub(crate) fn overview_range(first: i64, last: i64) -> (i64, i64) {
    let (y0, m0, _) = civil(first);
    let (y1, m1, _) = civil(last);
    let months = (y1 - y0) * 12 + i32::from(m1) - i32::from(m0) + 1;
    if months > 36 {
        (month_start(y0, 1), month_start(y1 + 1, 1))
    } else {
        let (next_year, next_month) = if m1 == 12 { (y1 + 1, 1) } else { (y1, m1 + 1) };
        (month_start(y0, m0), month_start(next_year, next_month))
    }
}

/// Year ticks, and month ticks where a month is wide enough to see.
pub(crate) fn overview_ticks(scale: &Scale) -> Vec<Tick> {
    let per_day = scale.pixels_per_day();
    let year_step = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000]
        .into_iter()
        .find(|step| f64::from(*step) * 365.0 * per_day >= 44.0)
        .unwrap_or(1000);
    // Below 12 px a month line is noise (and bytes on every page of a long case).
    let month_lines = 30.0 * per_day >= 12.0;
    let month_labels = 30.0 * per_day >= 28.0;
    let mut ticks = Vec::new();
    let (first_year, first_month, _) = civil(scale.from);
    if first_month != 1 {
        ticks.push(tick(scale.left, "y", first_year, 1, 1, true, 1));
    }
    let (mut year, mut month) = (first_year, first_month);
    loop {
        let at = month_start(year, month);
        if at > scale.to {
            break;
        }
        let x = scale.x(at);
        if month == 1 {
            let room = x <= scale.right - 30;
            ticks.push(tick(x, "y", year, 1, 1, room && year % year_step == 0, 1));
        } else if month_lines {
            ticks.push(tick(x, "m", year, month, 1, month_labels, 2));
        }
        (year, month) = next_month(year, month);
    }
    ticks
}

/// Day ticks for a zoomed band, with its months named in the upper row.
pub(crate) fn zoom_ticks(scale: &Scale) -> Vec<Tick> {
    let per_day = scale.pixels_per_day();
    let label_step = [1, 2, 7, 14]
        .into_iter()
        .find(|step| f64::from(*step) * per_day >= 20.0)
        .unwrap_or(28);
    let mut ticks = Vec::new();
    let mut at = scale.from;
    let mut first = true;
    while at <= scale.to {
        let (year, month, day) = civil(at);
        let x = scale.x(at);
        if first || day == 1 {
            let room = at < scale.to && x <= scale.right - 30;
            ticks.push(tick(x, "m", year, month, day, room, 1));
        }
        let label = u32::from(day) % label_step == 0 || label_step == 1;
        let mut day_tick = tick(x, "d", year, month, day, label && at < scale.to, 2);
        day_tick.lx = (x + scale.x(at + DAY)) / 2;
        ticks.push(day_tick);
        first = false;
        at += DAY;
    }
    ticks
}

fn tick(x: i32, unit: &'static str, year: i32, month: u8, day: u8, label: bool, row: u8) -> Tick {
    Tick {
        x,
        lx: x + 3,
        unit,
        year,
        month,
        day,
        label,
        row,
    }
}

/// The calendar day of an instant (UTC, as casebook reads dates without offset).
pub(crate) fn civil(instant: i64) -> (i32, u8, u8) {
    let (year, month, day) = civil_from_days(instant.div_euclid(DAY));
    (year as i32, month as u8, day as u8)
}

/// The first second of a month.
pub(crate) fn month_start(year: i32, month: u8) -> i64 {
    if (0..=9999).contains(&year) && (1..=12).contains(&month) {
        return days_from_civil(i64::from(year), month, 1) * DAY;
    }
    // Beyond four digits, as the date parser reads (or refuses) it.
    CaseDate::parse(&format!("{year:04}-{month:02}"))
        .map(|date| date.span_start())
        .unwrap_or_default()
}

fn next_month(year: i32, month: u8) -> (i32, u8) {
    if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::{civil, month_start, overview_range, overview_ticks, zoom_ticks, Scale, DAY};

    fn at(text: &str) -> i64 {
        crate::model::date::CaseDate::parse(text)
            .expect("valid date")
            .span_start()
    }

    #[test]
    fn short_ranges_widen_to_whole_months() {
        let (from, to) = overview_range(at("2021-01-06"), at("2021-03-02") + DAY - 1);
        assert_eq!(from, at("2021-01"));
        assert_eq!(to, at("2021-04"));
    }

    #[test]
    fn long_ranges_widen_to_whole_years() {
        let (from, to) = overview_range(at("2018-06-01"), at("2021-09-17"));
        assert_eq!((from, to), (at("2018"), at("2022")));
    }

    #[test]
    fn years_are_labelled_at_true_scale() {
        let scale = Scale {
            from: at("2018"),
            to: at("2022"),
            left: 0,
            right: 1461,
        };
        let ticks = overview_ticks(&scale);
        let years: Vec<(i32, i32)> = ticks
            .iter()
            .filter(|t| t.unit == "y")
            .map(|t| (t.year, t.x))
            .collect();
        // one pixel per day: 2020 is a leap year
        assert_eq!(
            years,
            vec![
                (2018, 0),
                (2019, 365),
                (2020, 730),
                (2021, 1096),
                (2022, 1461)
            ]
        );
        let months = ticks.iter().filter(|t| t.unit == "m").count();
        assert_eq!(
            months,
            4 * 11,
            "every month but January, which is a year line"
        );
        assert!(ticks.iter().filter(|t| t.unit == "m").all(|t| t.label));
    }

    #[test]
    fn crowded_years_label_every_fifth() {
        let scale = Scale {
            from: at("1900"),
            to: at("2000"),
            left: 0,
            right: 960,
        };
        let labelled: Vec<i32> = overview_ticks(&scale)
            .iter()
            .filter(|t| t.label)
            .map(|t| t.year)
            .collect();
        assert_eq!(labelled.first(), Some(&1900));
        assert!(labelled.iter().all(|year| year % 5 == 0), "{labelled:?}");
        assert!(overview_ticks(&scale).iter().all(|t| t.unit == "y"));
    }

    #[test]
    fn a_range_starting_mid_year_names_its_year() {
        let scale = Scale {
            from: at("2021-01") + 31 * DAY,
            to: at("2021-04"),
            left: 10,
            right: 900,
        };
        let first = &overview_ticks(&scale)[0];
        assert_eq!((first.unit, first.year, first.x), ("y", 2021, 10));
    }

    #[test]
    fn zoomed_days_name_the_month_where_it_starts() {
        let scale = Scale {
            from: at("2021-01-30"),
            to: at("2021-02-03"),
            left: 0,
            right: 400,
        };
        let ticks = zoom_ticks(&scale);
        let months: Vec<(u8, i32)> = ticks
            .iter()
            .filter(|t| t.unit == "m")
            .map(|t| (t.month, t.x))
            .collect();
        assert_eq!(months, vec![(1, 0), (2, 200)]);
        let days: Vec<u8> = ticks
            .iter()
            .filter(|t| t.unit == "d" && t.label)
            .map(|t| t.day)
            .collect();
        assert_eq!(days, vec![30, 31, 1, 2]);
    }

    #[test]
    fn calendar_helpers_agree_with_case_dates() {
        assert_eq!(civil(at("2020-02-29T23:59")), (2020, 2, 29));
        assert_eq!(month_start(2021, 3), at("2021-03-01"));
        for (year, month) in [(0, 1), (1969, 12), (2024, 2), (2100, 3), (9999, 12)] {
            let parsed = at(&format!("{year:04}-{month:02}"));
            assert_eq!(month_start(year, month), parsed, "{year}-{month}");
        }
        assert_eq!(civil(at("1969-12-31")), (1969, 12, 31));
    }
}
