//! Timeline: events in order, grouped by year and month. Pure.
//!
//! The events arrive already in timeline order (SPEC §5, sorted by
//! `resolve`); this only cuts them into groups. Events dated to a year alone
//! come first in their year (the less precise first) and form a group without
//! a month.

/// One year of a timeline.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Year<T> {
    pub(crate) year: i32,
    pub(crate) months: Vec<Month<T>>,
}

/// One month of a year (`month: None` for events dated to the year only).
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Month<T> {
    pub(crate) month: Option<u8>,
    pub(crate) events: Vec<T>,
}

/// Groups items in timeline order by the (year, month) that `key` gives.
pub(crate) fn group<T>(
    items: impl IntoIterator<Item = T>,
    key: impl Fn(&T) -> (i32, Option<u8>),
) -> Vec<Year<T>> {
    let mut years: Vec<Year<T>> = Vec::new();
    for item in items {
        let (year, month) = key(&item);
        if years.last().is_none_or(|last| last.year != year) {
            years.push(Year {
                year,
                months: Vec::new(),
            });
        }
        let months = &mut years.last_mut().expect("pushed above").months;
        if months.last().is_none_or(|last| last.month != month) {
            months.push(Month {
                month,
                events: Vec::new(),
            });
        }
        months.last_mut().expect("pushed above").events.push(item);
    }
    years
}

#[cfg(test)]
mod tests {
    use super::group;

    #[test]
    fn groups_consecutive_years_and_months() {
        let items = [
            (2018, None, "a"),
            (2018, Some(6), "b"),
            (2018, Some(6), "c"),
            (2021, Some(1), "d"),
        ];
        let years = group(items, |item| (item.0, item.1));
        assert_eq!(years.len(), 2);
        assert_eq!(years[0].months.len(), 2);
        assert_eq!(years[0].months[0].month, None);
        assert_eq!(years[0].months[1].events.len(), 2);
        assert_eq!(years[1].months[0].events[0].2, "d");
    }

    #[test]
    fn no_events_no_years() {
        assert!(group(Vec::<(i32, Option<u8>)>::new(), |item| *item).is_empty());
    }
}
