//! Timeline chart layout (SPEC §10): where each event of a timeline sits on a
//! true time scale, computed here and drawn by the theme as inline SVG.
//!
//! The render stage hands in the events of one timeline (already in timeline
//! order) with their spans in Unix seconds, and the lanes they belong to (one
//! per proceeding, one for events without). Out comes a `Chart` of plain
//! numbers: bands, each with its axis ticks, lanes and marks, all in SVG user
//! units with integer coordinates, so a template only places elements and a
//! theme restyles them with CSS. Pure and deterministic.
//!
//! Crowding is handled twice: marks that would overlap stack in rows within
//! their lane, and when one stretch of time is far denser than the scale can
//! show (Parler's January 2021 fortnight holds 20 events in under a
//! centimetre), a second band below repeats that stretch at day scale, with a
//! `focus` connecting the two.
//!
//! Marks come in three shapes, told apart by `class`: `p` a point (a day or a
//! moment), `s` a span (an event with an `end`), `v` a vague date (known only
//! to the month or year, drawn as a faint bar over that whole month or year);
//! ` a` is added for approximate dates. Every mark keeps the page it links to
//! and the words of its `<title>`.

mod axis;
pub(crate) mod draw;
mod stack;

use serde::Serialize;

use crate::model::date::Precision;
pub(crate) use axis::Tick;
use axis::{Scale, DAY};

/// The width of a chart in SVG user units (pixels at 100 %).
pub(crate) const WIDTH: i32 = 960;
const PAD: i32 = 14;
/// Height of the axis labels above a band's lanes.
const AXIS: i32 = 34;
const LANE_LABEL: i32 = 16;
const ROW: i32 = 12;
const LANE_GAP: i32 = 6;
/// Room between the overview and the zoomed band, for the connecting lines.
const BAND_GAP: i32 = 26;
/// Diameter of a point, height of a bar.
pub(crate) const MARK: i32 = 8;
const OVERVIEW_ROWS: usize = 8;
/// Rows of the overview when a zoomed band shows the crowd in full.
const OVERVIEW_ROWS_ZOOMED: usize = 3;
const ZOOM_ROWS: usize = 16;
/// The stretch looked at for crowding, how far it may reach for neighbours,
/// and how long the zoomed band may get.
const CROWD_WINDOW: i64 = 14 * DAY;
const CROWD_REACH: i64 = 7 * DAY;
const ZOOM_LIMIT: i64 = 31 * DAY;
/// Ranges up to this long get day ticks in the overview too.
const SHORT_RANGE: i64 = 92 * DAY;
/// A zoomed band appears when a stretch holds at least this many events…
const CROWD_MIN: usize = 6;

/// One event as the chart needs it.
#[derive(Debug, Clone)]
pub(crate) struct ChartEvent<'a> {
    /// First second of the date's span (Unix seconds, offset applied).
    pub(crate) start: i64,
    /// Last second of the span: of `end` where there is one, else of the date.
    pub(crate) end: i64,
    pub(crate) precision: Precision,
    pub(crate) has_end: bool,
    pub(crate) approximate: bool,
    /// Index into the lanes passed along.
    pub(crate) lane: usize,
    pub(crate) href: &'a str,
    pub(crate) title: &'a str,
    /// The date as the page prints it, for the mark's `<title>`.
    pub(crate) date: &'a str,
}

/// A lane: a proceeding (label and page) or the events without one (no label).
#[derive(Debug, Clone, Copy, Serialize)]
pub(crate) struct LaneSpec<'a> {
    pub(crate) label: Option<&'a str>,
    pub(crate) href: Option<&'a str>,
}

#[derive(Debug, Serialize)]
pub(crate) struct Chart<'a> {
    pub(crate) width: i32,
    pub(crate) height: i32,
    pub(crate) bands: Vec<Band<'a>>,
    /// Where the zoomed band sits in the overview, when there is one.
    pub(crate) focus: Option<Focus>,
    /// Whether lanes carry labels (more than one lane, or a labelled one).
    pub(crate) labelled: bool,
}

/// A horizontal band: an axis and lanes of marks over one time range.
#[derive(Debug, Serialize)]
pub(crate) struct Band<'a> {
    pub(crate) zoomed: bool,
    pub(crate) y: i32,
    pub(crate) height: i32,
    /// Top of the first lane (the axis labels sit above it).
    pub(crate) top: i32,
    pub(crate) left: i32,
    pub(crate) right: i32,
    /// The labelled ticks (the lines of all ticks are in `grid`).
    pub(crate) ticks: Vec<Tick>,
    /// The tick lines as SVG path data, one path per unit: a chart over
    /// years has a hundred month lines, and one path is one element, not a
    /// hundred for the template to loop over.
    pub(crate) grid: Grid,
    pub(crate) lanes: Vec<Lane<'a>>,
}

#[derive(Debug, Serialize)]
pub(crate) struct Lane<'a> {
    pub(crate) y: i32,
    pub(crate) height: i32,
    pub(crate) label: Option<&'a str>,
    pub(crate) href: Option<&'a str>,
    /// Zero-based position among all lanes, for a colour per lane.
    pub(crate) index: usize,
    /// The marks as laid out; templates get them drawn (`drawn`).
    #[serde(skip)]
    pub(crate) marks: Vec<Mark<'a>>,
    /// The marks as SVG (see `draw`), filled in by the renderer, which
    /// knows the page's `root`.
    pub(crate) drawn: String,
}

/// A mark: a point centred at (`x`, `y`) when `w` is 0, else a bar whose
/// top left is (`x`, `y`), `w` wide and `MARK` high.
#[derive(Debug, Serialize)]
pub(crate) struct Mark<'a> {
    pub(crate) x: i32,
    pub(crate) y: i32,
    pub(crate) w: i32,
    pub(crate) class: &'static str,
    pub(crate) href: &'a str,
    pub(crate) title: &'a str,
    pub(crate) date: &'a str,
}

/// The zoomed stretch in overview coordinates (`x0`..`x1`, lanes from `top`
/// to `bottom`) and the top of the zoomed band's lanes, for the connectors.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub(crate) struct Focus {
    pub(crate) x0: i32,
    pub(crate) x1: i32,
    pub(crate) top: i32,
    pub(crate) bottom: i32,
    pub(crate) zoom_y: i32,
    pub(crate) left: i32,
    pub(crate) right: i32,
}

/// Path data of the tick lines: year lines, month lines and day lines.
#[derive(Debug, Default, Serialize)]
pub(crate) struct Grid {
    pub(crate) years: String,
    pub(crate) months: String,
    pub(crate) days: String,
}

impl Band<'_> {
    /// Keeps the labelled ticks and draws every tick's line into the grid:
    /// year and month lines through the axis and the lanes, day lines from
    /// just above the lanes.
    fn set_ticks(&mut self, ticks: Vec<Tick>) {
        use std::fmt::Write;
        let bottom = self.y + self.height;
        for tick in &ticks {
            let (path, from) = match tick.unit {
                "y" => (&mut self.grid.years, self.y + 4),
                "m" => (&mut self.grid.months, self.y + 4),
                _ => (&mut self.grid.days, self.top - 6),
            };
            let _ = write!(path, "M{} {}V{}", tick.x, from, bottom);
        }
        self.ticks = ticks.into_iter().filter(|tick| tick.label).collect();
    }
}

/// Lays out a chart of `events` (in timeline order) in `lanes`; `None` when
/// there is nothing to draw.
pub(crate) fn layout<'a>(events: &[ChartEvent<'a>], lanes: &[LaneSpec<'a>]) -> Option<Chart<'a>> {
    let first = events.iter().map(|e| e.start).min()?;
    let last = events.iter().map(|e| e.end.max(e.start)).max()?;
    let labelled = lanes.len() > 1 || lanes.iter().any(|lane| lane.label.is_some());
    let (from, to) = axis::overview_range(first, last);
    let scale = Scale {
        from,
        to,
        left: PAD,
        right: WIDTH - PAD,
    };
    let all: Vec<&ChartEvent<'a>> = events.iter().collect();
    let crowded = crowded_stretch(events, &scale);
    let rows = if crowded.is_some() {
        OVERVIEW_ROWS_ZOOMED
    } else {
        OVERVIEW_ROWS
    };
    let mut overview = band(&all, lanes, scale, 0, rows, labelled);
    // A range of a few months reads better with its days marked.
    overview.set_ticks(if to - from <= SHORT_RANGE {
        axis::zoom_ticks(&scale)
    } else {
        axis::overview_ticks(&scale)
    });
    let mut height = overview.y + overview.height;
    let mut bands = vec![overview];
    let mut focus = None;
    if let Some((zoom_from, zoom_to)) = crowded {
        let inside: Vec<&ChartEvent<'a>> = events
            .iter()
            .filter(|e| e.start < zoom_to && e.end >= zoom_from)
            .filter(|e| e.end - e.start < zoom_to - zoom_from)
            .collect();
        let zoom_scale = Scale {
            from: zoom_from,
            to: zoom_to,
            left: PAD,
            right: WIDTH - PAD,
        };
        let mut zoom = band(
            &inside,
            lanes,
            zoom_scale,
            height + BAND_GAP,
            ZOOM_ROWS,
            labelled,
        );
        zoom.zoomed = true;
        zoom.set_ticks(axis::zoom_ticks(&zoom_scale));
        let x0 = scale.x(zoom_from);
        focus = Some(Focus {
            x0,
            x1: scale.x(zoom_to).max(x0 + 2),
            top: bands[0].top,
            bottom: height,
            zoom_y: zoom.y + AXIS - 4,
            left: PAD,
            right: WIDTH - PAD,
        });
        height = zoom.y + zoom.height;
        bands.push(zoom);
    }
    Some(Chart {
        width: WIDTH,
        height: height + 2,
        bands,
        focus,
        labelled,
    })
}

/// The range of the zoomed band, when the densest stretch of short events
/// has more marks than the overview has room for.
fn crowded_stretch(events: &[ChartEvent<'_>], scale: &Scale) -> Option<(i64, i64)> {
    let mut starts: Vec<i64> = events
        .iter()
        .filter(|e| e.end - e.start < 4 * DAY)
        .map(|e| e.start)
        .collect();
    starts.sort_unstable();
    let stretch = stack::densest(&starts, CROWD_WINDOW, CROWD_REACH, ZOOM_LIMIT)?;
    let (from, to) = stretch.days();
    let room = scale.x(to) - scale.x(from);
    let needed = stretch.count as i32 * MARK;
    (stretch.count >= CROWD_MIN && room < needed).then_some((from, to))
}

/// One band starting at `y`: its lanes (only those with marks) and marks.
fn band<'a>(
    events: &[&ChartEvent<'a>],
    lanes: &[LaneSpec<'a>],
    scale: Scale,
    y: i32,
    max_rows: usize,
    labelled: bool,
) -> Band<'a> {
    let top = y + AXIS;
    let mut lane_y = top;
    let mut out_lanes = Vec::new();
    for (index, spec) in lanes.iter().enumerate() {
        let shapes: Vec<(Shape, &ChartEvent<'a>)> = events
            .iter()
            .filter(|e| e.lane == index)
            .map(|e| (shape(e, &scale), *e))
            .collect();
        if shapes.is_empty() {
            continue;
        }
        // Rows are packed from left to right; the marks stay in timeline
        // order, which is the order a keyboard and a screen reader meet them.
        let mut by_left: Vec<usize> = (0..shapes.len()).collect();
        by_left.sort_by_key(|&i| shapes[i].0.left);
        let intervals: Vec<(i32, i32)> = by_left
            .iter()
            .map(|&i| (shapes[i].0.left, shapes[i].0.right))
            .collect();
        let mut rows = vec![0; shapes.len()];
        for (&i, row) in by_left.iter().zip(stack::rows(&intervals, 2, max_rows)) {
            rows[i] = row;
        }
        let row_count = rows.iter().max().map_or(1, |max| *max as i32 + 1);
        let label_height = if labelled { LANE_LABEL } else { 0 };
        let first_row = lane_y + label_height + ROW / 2;
        let marks = shapes
            .iter()
            .zip(rows)
            .map(|((shape, event), row)| mark(shape, event, first_row + row as i32 * ROW))
            .collect();
        let height = label_height + row_count * ROW;
        out_lanes.push(Lane {
            y: lane_y,
            height,
            label: spec.label,
            href: spec.href,
            index,
            marks,
            drawn: String::new(),
        });
        lane_y += height + LANE_GAP;
    }
    Band {
        zoomed: false,
        y,
        height: lane_y - y,
        top,
        left: scale.left,
        right: scale.right,
        ticks: Vec::new(),
        grid: Grid::default(),
        lanes: out_lanes,
    }
}

/// Where a mark goes horizontally and how it is drawn.
struct Shape {
    left: i32,
    right: i32,
    bar: bool,
    class: &'static str,
}

fn shape(event: &ChartEvent<'_>, scale: &Scale) -> Shape {
    let long = event.has_end || event.precision <= Precision::Month;
    let class = match (event.has_end, long, event.approximate) {
        (true, _, false) => "s",
        (true, _, true) => "s a",
        (false, true, false) => "v",
        (false, true, true) => "v a",
        (false, false, false) => "p",
        (false, false, true) => "p a",
    };
    if long {
        let left = scale.x(event.start);
        let right = scale.x(event.end + 1).max(left + MARK);
        let left = left.min(scale.right - MARK);
        Shape {
            left,
            right: right.max(left + MARK),
            bar: true,
            class,
        }
    } else {
        let centre = scale.x(event.start + (event.end - event.start + 1) / 2);
        Shape {
            left: centre - MARK / 2,
            right: centre + MARK / 2,
            bar: false,
            class,
        }
    }
}

fn mark<'a>(shape: &Shape, event: &ChartEvent<'a>, row_centre: i32) -> Mark<'a> {
    let (x, y, w) = if shape.bar {
        (shape.left, row_centre - MARK / 2, shape.right - shape.left)
    } else {
        (shape.left + MARK / 2, row_centre, 0)
    };
    Mark {
        x,
        y,
        w,
        class: shape.class,
        href: event.href,
        title: event.title,
        date: event.date,
    }
}

#[cfg(test)]
mod tests;
