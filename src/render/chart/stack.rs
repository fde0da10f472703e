//! Crowding: rows for marks that would overlap, and the densest stretch of
//! a timeline, which gets its own zoomed band. Pure.

use super::axis::DAY;

/// Gives each horizontal interval `[left, right]` a row so that no two
/// intervals in a row touch (`gap` pixels apart at least). Intervals are taken
/// in the order given; each goes to the first row where it fits. Beyond
/// `max_rows` rows an interval joins the row that frees up first, so a band
/// never grows without bound (10 000 events stay a few rows high).
pub(crate) fn rows(intervals: &[(i32, i32)], gap: i32, max_rows: usize) -> Vec<usize> {
    let mut ends: Vec<i32> = Vec::new();
    intervals
        .iter()
        .map(|&(left, right)| {
            let row = match ends.iter().position(|&end| left >= end + gap) {
                Some(row) => row,
                None if ends.len() < max_rows.max(1) => {
                    ends.push(i32::MIN);
                    ends.len() - 1
                }
                None => (0..ends.len())
                    .min_by_key(|&row| ends[row])
                    .expect("at least one row"),
            };
            ends[row] = ends[row].max(right);
            row
        })
        .collect()
}

/// The stretch of time where the most instants fall: the `window` seconds
/// holding the most of `starts` (sorted), earliest on a tie, then widened by
/// neighbours that lie within `reach` of its edges, up to `limit` seconds.
/// Returns the first and last instant inside and how many there are.
pub(crate) fn densest(starts: &[i64], window: i64, reach: i64, limit: i64) -> Option<Stretch> {
    let (mut best_first, mut best_count) = (0, 0);
    let mut last = 0;
    for first in 0..starts.len() {
        last = last.max(first);
        while last < starts.len() && starts[last] < starts[first] + window {
            last += 1;
        }
        if last - first > best_count {
            (best_first, best_count) = (first, last - first);
        }
    }
    if best_count == 0 {
        return None;
    }
    let (mut first, mut last) = (best_first, best_first + best_count - 1);
    loop {
        let before = first > 0
            && starts[first] - starts[first - 1] <= reach
            && starts[last] - starts[first - 1] <= limit;
        let after = last + 1 < starts.len()
            && starts[last + 1] - starts[last] <= reach
            && starts[last + 1] - starts[first] <= limit;
        if !before && !after {
            break;
        }
        if before {
            first -= 1;
        }
        if after && starts[last + 1] - starts[first] <= limit {
            last += 1;
        }
    }
    Some(Stretch {
        first: starts[first],
        last: starts[last],
        count: last - first + 1,
    })
}

/// A crowded stretch: its first and last instant and how many fall in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stretch {
    pub(crate) first: i64,
    pub(crate) last: i64,
    pub(crate) count: usize,
}

impl Stretch {
    /// Whole days around the stretch, with a day of margin on each side.
    pub(crate) fn days(&self) -> (i64, i64) {
        let from = self.first.div_euclid(DAY) * DAY - DAY;
        let to = self.last.div_euclid(DAY) * DAY + 2 * DAY;
        (from, to)
    }
}

#[cfg(test)]
mod tests {
    use super::{densest, rows, Stretch, DAY};

    #[test]
    fn overlapping_marks_stack_and_free_rows_are_reused() {
        let intervals = [(0, 8), (4, 12), (6, 14), (20, 28), (30, 38)];
        assert_eq!(rows(&intervals, 2, 8), vec![0, 1, 2, 0, 0]);
    }

    #[test]
    fn rows_are_capped() {
        let intervals = vec![(0, 8); 10];
        let assigned = rows(&intervals, 2, 3);
        assert_eq!(assigned.iter().max(), Some(&2));
        assert_eq!(&assigned[..4], &[0, 1, 2, 0]);
    }

    #[test]
    fn the_densest_fortnight_is_found_and_widened_to_close_neighbours() {
        let day = |n: i64| n * DAY;
        let starts = [
            day(0),
            day(40),
            day(41),
            day(43),
            day(44),
            day(44),
            day(50),
            day(55),
            day(100),
        ];
        let stretch = densest(&starts, 14 * DAY, 6 * DAY, 31 * DAY).expect("a stretch");
        assert_eq!(
            stretch,
            Stretch {
                first: day(40),
                last: day(55),
                count: 7
            }
        );
        assert_eq!(stretch.days(), (day(39), day(57)));
    }

    #[test]
    fn widening_stops_at_the_limit() {
        let starts: Vec<i64> = (0..100).map(|n| n * DAY).collect();
        let stretch = densest(&starts, 14 * DAY, 3 * DAY, 31 * DAY).expect("a stretch");
        assert!(stretch.last - stretch.first <= 31 * DAY);
        assert_eq!(stretch.first, 0);
    }

    #[test]
    fn nothing_is_not_crowded() {
        assert_eq!(densest(&[], 14 * DAY, DAY, DAY), None);
    }
}
