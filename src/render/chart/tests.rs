use super::{layout, ChartEvent, LaneSpec, Mark, AXIS, OVERVIEW_ROWS, ROW, WIDTH, ZOOM_ROWS};
use crate::model::date::{CaseDate, Precision};

/// An event from the date as written (and an optional end).
fn event(date: &'static str, end: Option<&'static str>, lane: usize) -> ChartEvent<'static> {
    let start = CaseDate::parse(date).expect("date");
    let last = end.map_or(start, |end| CaseDate::parse(end).expect("end"));
    ChartEvent {
        start: start.span_start(),
        end: last.span_end(),
        precision: start.precision(),
        has_end: end.is_some(),
        approximate: false,
        lane,
        href: "events/x/",
        title: date,
        date,
    }
}

fn lanes(n: usize) -> Vec<LaneSpec<'static>> {
    (0..n)
        .map(|i| LaneSpec {
            label: (i + 1 < n).then_some("Proceeding"),
            href: None,
        })
        .collect()
}

/// Parler's January 2021: twenty events between the 6th and the 21st.
fn fortnight() -> Vec<ChartEvent<'static>> {
    let days = [
        "2021-01-06",
        "2021-01-08",
        "2021-01-08",
        "2021-01-09",
        "2021-01-09",
        "2021-01-09",
        "2021-01-10",
        "2021-01-11",
        "2021-01-11",
        "2021-01-11",
        "2021-01-11",
        "2021-01-12",
        "2021-01-12",
        "2021-01-12",
        "2021-01-13",
        "2021-01-14",
        "2021-01-14",
        "2021-01-17",
        "2021-01-18",
        "2021-01-21",
    ];
    let mut events: Vec<ChartEvent<'static>> = days
        .iter()
        .enumerate()
        .map(|(i, day)| event(day, None, i % 2))
        .collect();
    events.push(event("2018", None, 1));
    events.push(event("2021-09-17", None, 0));
    events
}

fn marks<'c>(chart: &'c super::Chart<'_>, band: usize) -> Vec<&'c Mark<'c>> {
    chart.bands[band]
        .lanes
        .iter()
        .flat_map(|lane| &lane.marks)
        .collect()
}

#[test]
fn nothing_to_draw_is_no_chart() {
    assert!(layout(&[], &lanes(1)).is_none());
}

#[test]
fn time_runs_at_true_scale() {
    let events = [
        event("2020-01-01", None, 0),
        event("2020-07-01", None, 0),
        event("2021-12-31", None, 0),
    ];
    let chart = layout(&events, &lanes(1)).expect("chart");
    let xs: Vec<i32> = marks(&chart, 0).iter().map(|m| m.x).collect();
    // 2020-2021 spans 731 days over the drawable width
    let span = f64::from(WIDTH - 28);
    let expected = |day: f64| (14.0 + span * (day + 0.5) / 731.0).round() as i32;
    assert_eq!(xs, vec![expected(0.0), expected(182.0), expected(730.0)]);
    assert_eq!(chart.bands.len(), 1, "three events are not crowded");
    assert!(!chart.labelled, "one unlabelled lane needs no label");
}

#[test]
fn the_crowded_fortnight_gets_a_zoomed_band_with_all_its_events() {
    let chart = layout(&fortnight(), &lanes(2)).expect("chart");
    assert_eq!(chart.bands.len(), 2);
    let zoom = &chart.bands[1];
    assert!(zoom.zoomed);
    assert_eq!(
        marks(&chart, 1).len(),
        20,
        "the year-only event is not zoomed"
    );
    let focus = chart.focus.as_ref().expect("focus");
    assert!(focus.x1 > focus.x0 && focus.x1 - focus.x0 < 40);
    assert_eq!(focus.zoom_y, zoom.y + AXIS - 4);
    // at day scale marks of different days never share a position
    let mut xs: Vec<i32> = marks(&chart, 1).into_iter().map(|m| m.x).collect();
    xs.sort_unstable();
    xs.dedup();
    assert_eq!(xs.len(), 11, "eleven distinct days: {xs:?}");
    let four_on_the_11th = marks(&chart, 1)
        .iter()
        .filter(|m| m.title == "2021-01-11")
        .count();
    assert_eq!(four_on_the_11th, 4);
    // the overview stacks what overlaps instead of drawing it over each other
    let rows = marks(&chart, 0)
        .iter()
        .map(|m| m.y)
        .collect::<std::collections::BTreeSet<_>>();
    assert!(rows.len() > 2);
}

#[test]
fn zoomed_days_are_labelled() {
    let chart = layout(&fortnight(), &lanes(2)).expect("chart");
    let days = chart.bands[1]
        .ticks
        .iter()
        .filter(|t| t.unit == "d" && t.label)
        .count();
    assert!(days >= 16, "{days}");
    let month = chart.bands[1]
        .ticks
        .iter()
        .find(|t| t.unit == "m")
        .expect("month");
    assert_eq!((month.year, month.month), (2021, 1));
}

#[test]
fn spans_vague_and_approximate_dates_look_different() {
    let mut approximate = event("2021-01-17", None, 0);
    approximate.approximate = true;
    let events = [
        event("2021-01-11", None, 0),
        event("2021-03", None, 0),
        event("2021-04-01", Some("2021-06-30"), 0),
        approximate,
    ];
    let chart = layout(&events, &lanes(1)).expect("chart");
    let classes: Vec<(&str, bool)> = marks(&chart, 0)
        .iter()
        .map(|m| (m.class, m.w > 0))
        .collect();
    assert_eq!(
        classes,
        vec![("p", false), ("v", true), ("s", true), ("p a", false)],
        "in the order given (timeline order)"
    );
    let span = &marks(&chart, 0)[2];
    assert!(span.w > 200, "a quarter of a half-year range: {}", span.w);
}

#[test]
fn lanes_without_events_are_left_out_and_lanes_stack_downwards() {
    let events = [event("2021-01-11", None, 0), event("2021-01-20", None, 2)];
    let chart = layout(&events, &lanes(3)).expect("chart");
    let band = &chart.bands[0];
    let indices: Vec<usize> = band.lanes.iter().map(|l| l.index).collect();
    assert_eq!(indices, vec![0, 2]);
    assert!(band.lanes[1].y >= band.lanes[0].y + band.lanes[0].height);
    assert!(band.lanes[1].marks[0].y > band.lanes[0].marks[0].y);
    assert!(chart.labelled);
}

#[test]
fn the_same_events_give_the_same_chart() {
    let a = format!("{:?}", layout(&fortnight(), &lanes(2)));
    let b = format!("{:?}", layout(&fortnight(), &lanes(2)));
    assert_eq!(a, b);
}

#[test]
fn ten_thousand_events_stay_a_few_rows_high() {
    let dates: Vec<String> = (0..10_000)
        .map(|n| format!("{}-{:02}-{:02}", 2018 + n % 7, 1 + n % 12, 1 + n % 28))
        .collect();
    let events: Vec<ChartEvent<'_>> = dates
        .iter()
        .map(|date| {
            let day = CaseDate::parse(date).expect("date");
            ChartEvent {
                start: day.span_start(),
                end: day.span_end(),
                precision: Precision::Day,
                has_end: false,
                approximate: false,
                lane: 0,
                href: "events/x/",
                title: date,
                date,
            }
        })
        .collect();
    let chart = layout(&events, &lanes(1)).expect("chart");
    let max_height = 2 * AXIS + (OVERVIEW_ROWS + ZOOM_ROWS) as i32 * ROW + 80;
    assert!(
        chart.height <= max_height,
        "{} > {max_height}",
        chart.height
    );
    let drawn: usize = (0..chart.bands.len()).map(|b| marks(&chart, b).len()).sum();
    assert!(drawn >= 10_000);
    assert!(marks(&chart, 0).iter().all(|m| (0..=WIDTH).contains(&m.x)));
}
