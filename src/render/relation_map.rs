//! Relation map layout (SPEC §10): who brings which claim against whom, as a
//! picture on the overview, computed here and drawn by the theme as inline SVG.
//!
//! Parties are placed by role: plaintiffs in the left column, defendants in
//! the right one; courts, third parties and others stand apart, below a gap
//! in the column of the side whose claims they join (the left one when they
//! bring a claim against someone on the right). Each claim is a labelled
//! edge: its label sits in the middle row it owns, linked to the claim's page,
//! and curves run from each party bringing it to each party facing it, with
//! the arrow at the party facing it. Rows are sorted so that claims between
//! the same parties sit together, and every party sits level with its
//! claims, which keeps crossings rare. The map is narrow on purpose (400
//! units), so it is readable on a 390 px phone without scrolling.
//!
//! Pure and deterministic: the same case gives the same map. Coordinates are
//! integers in SVG user units; text is pre-wrapped into lines, because SVG
//! does not wrap text.

use serde::Serialize;

pub(crate) const WIDTH: i32 = 400;
const NODE_WIDTH: i32 = 96;
const LINE: i32 = 14;
const NODE_PAD: i32 = 8;
/// First baseline below a box's top: half the padding plus the ascent of a line.
const BASELINE: i32 = NODE_PAD / 2 + 11;
const ROW_GAP: i32 = 10;
const GROUP_GAP: i32 = 26;
const HEADING: i32 = 24;
/// Characters per line (an estimate of width at the theme's font size).
const NODE_CHARS: usize = 12;
const CLAIM_CHARS: usize = 25;
const MAX_LINES: usize = 3;

/// A party as the map needs it; `role` is the party's `role` key.
#[derive(Debug, Clone, Copy)]
pub(crate) struct MapParty<'a> {
    pub(crate) title: &'a str,
    pub(crate) href: &'a str,
    pub(crate) role: &'a str,
}

/// A claim: who brings it and whom it faces, as indices into the parties.
#[derive(Debug, Clone)]
pub(crate) struct MapClaim<'a> {
    pub(crate) title: &'a str,
    pub(crate) href: &'a str,
    pub(crate) status: &'a str,
    pub(crate) by: Vec<usize>,
    pub(crate) against: Vec<usize>,
}

#[derive(Debug, Serialize)]
pub(crate) struct RelationMap<'a> {
    pub(crate) width: i32,
    pub(crate) height: i32,
    pub(crate) headings: Vec<Heading<'a>>,
    pub(crate) nodes: Vec<Node<'a>>,
    pub(crate) claims: Vec<ClaimEdge<'a>>,
}

/// The heading of a group of nodes (`role` is the role of its parties).
#[derive(Debug, Serialize)]
pub(crate) struct Heading<'a> {
    pub(crate) x: i32,
    pub(crate) y: i32,
    pub(crate) role: &'a str,
    pub(crate) anchor: &'static str,
}

#[derive(Debug, Serialize)]
pub(crate) struct Node<'a> {
    pub(crate) x: i32,
    pub(crate) y: i32,
    pub(crate) w: i32,
    pub(crate) h: i32,
    /// Centre of the text and baseline of its first line (`LINE` apart).
    pub(crate) cx: i32,
    pub(crate) ty: i32,
    pub(crate) role: &'a str,
    pub(crate) href: &'a str,
    pub(crate) title: &'a str,
    pub(crate) lines: Vec<String>,
}

#[derive(Debug, Serialize)]
pub(crate) struct ClaimEdge<'a> {
    pub(crate) x: i32,
    pub(crate) y: i32,
    pub(crate) w: i32,
    pub(crate) h: i32,
    pub(crate) cx: i32,
    pub(crate) ty: i32,
    pub(crate) href: &'a str,
    pub(crate) title: &'a str,
    pub(crate) status: &'a str,
    pub(crate) lines: Vec<String>,
    pub(crate) edges: Vec<Edge>,
}

/// A curve as SVG path data; `facing` when it ends at a party facing the claim.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub(crate) struct Edge {
    pub(crate) d: String,
    pub(crate) facing: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Side {
    Left,
    Right,
}

/// Lays out the map; `None` when no claim names a party.
pub(crate) fn layout<'a>(
    parties: &[MapParty<'a>],
    claims: &[MapClaim<'a>],
) -> Option<RelationMap<'a>> {
    let claims: Vec<&MapClaim<'a>> = claims
        .iter()
        .filter(|c| c.by.iter().chain(&c.against).all(|&p| p < parties.len()))
        .filter(|c| !c.by.is_empty() || !c.against.is_empty())
        .collect();
    if claims.is_empty() {
        return None;
    }
    let sides = sides(parties, &claims);
    let order = column_order(parties, &sides);
    let rows = claim_rows(&claims, &order, parties.len());
    let (claim_boxes, rows_bottom) = place_claims(&claims, &rows);
    let (nodes, headings, node_index, nodes_bottom) =
        place_nodes(parties, &sides, &order, &claims, &rows, &claim_boxes);
    let claims = rows
        .iter()
        .zip(claim_boxes)
        .map(|(&c, (y, h, lines))| {
            let claim = claims[c];
            let x = NODE_WIDTH + 16;
            let w = WIDTH - 2 * x;
            let centre = y + h / 2;
            let mut edges = Vec::new();
            for &p in &claim.by {
                edges.push(edge(&nodes[node_index[p]], sides[p], x, w, centre, false));
            }
            for &p in &claim.against {
                edges.push(edge(&nodes[node_index[p]], sides[p], x, w, centre, true));
            }
            ClaimEdge {
                x,
                y,
                w,
                h,
                cx: x + w / 2,
                ty: y + BASELINE,
                href: claim.href,
                title: claim.title,
                status: claim.status,
                lines,
                edges,
            }
        })
        .collect();
    Some(RelationMap {
        width: WIDTH,
        height: rows_bottom.max(nodes_bottom) + 4,
        headings,
        nodes,
        claims,
    })
}

/// Which column each party stands in (`None`: named by no claim).
fn sides(parties: &[MapParty<'_>], claims: &[&MapClaim<'_>]) -> Vec<Option<Side>> {
    let named = |p: usize| {
        claims
            .iter()
            .any(|c| c.by.contains(&p) || c.against.contains(&p))
    };
    let by_role = |p: usize| match parties[p].role {
        "plaintiff" => Some(Side::Left),
        "defendant" => Some(Side::Right),
        _ => None,
    };
    (0..parties.len())
        .map(|p| {
            if !named(p) {
                return None;
            }
            by_role(p).or_else(|| {
                let brings_against_right = claims.iter().any(|c| {
                    c.by.contains(&p) && c.against.iter().any(|&q| by_role(q) == Some(Side::Right))
                });
                Some(if brings_against_right {
                    Side::Left
                } else {
                    Side::Right
                })
            })
        })
        .collect()
}

/// The parties of each column in order: the main role first, then the
/// others apart; within a group in the order given.
fn column_order(parties: &[MapParty<'_>], sides: &[Option<Side>]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..parties.len()).filter(|&p| sides[p].is_some()).collect();
    order.sort_by_key(|&p| {
        let main = matches!(parties[p].role, "plaintiff" | "defendant");
        (sides[p], !main, parties[p].role, p)
    });
    order
}

/// Claims in row order: grouped by their first party on each side.
fn claim_rows(claims: &[&MapClaim<'_>], order: &[usize], party_count: usize) -> Vec<usize> {
    // A party's place in `order`, looked up once per party and not searched
    // for at every comparison: at thousands of parties that was quadratic.
    let mut ranks = vec![usize::MAX; party_count];
    for (place, &p) in order.iter().enumerate() {
        ranks[p] = place;
    }
    let mut rows: Vec<usize> = (0..claims.len()).collect();
    rows.sort_by_cached_key(|&c| {
        let parties = claims[c].by.iter().chain(&claims[c].against);
        let mut claim_ranks: Vec<usize> = parties.map(|&p| ranks[p]).collect();
        claim_ranks.sort_unstable();
        (claim_ranks, c)
    });
    rows
}

/// Each claim's row (top, height, label lines), and the bottom of the last.
fn place_claims(claims: &[&MapClaim<'_>], rows: &[usize]) -> (Vec<(i32, i32, Vec<String>)>, i32) {
    let mut y = HEADING;
    let boxes = rows
        .iter()
        .map(|&c| {
            let lines = wrap(claims[c].title, CLAIM_CHARS, MAX_LINES);
            let h = lines.len() as i32 * LINE + NODE_PAD;
            let top = y;
            y += h + ROW_GAP;
            (top, h, lines)
        })
        .collect();
    (boxes, y - ROW_GAP)
}

/// The middle of each claim row a party is in, per party, in row order.
fn claim_centres(
    party_count: usize,
    claims: &[&MapClaim<'_>],
    rows: &[usize],
    boxes: &[(i32, i32, Vec<String>)],
) -> Vec<Vec<i32>> {
    let mut centres = vec![Vec::new(); party_count];
    for (&c, (y, h, _)) in rows.iter().zip(boxes) {
        let mut parties: Vec<usize> = claims[c]
            .by
            .iter()
            .chain(&claims[c].against)
            .copied()
            .collect();
        parties.sort_unstable();
        parties.dedup();
        for p in parties {
            centres[p].push(y + h / 2);
        }
    }
    centres
}

type PlacedNodes<'a> = (Vec<Node<'a>>, Vec<Heading<'a>>, Vec<usize>, i32);

/// Nodes level with the middle of their claims, pushed down where they
/// would overlap; a heading above each group of a role.
fn place_nodes<'a>(
    parties: &[MapParty<'a>],
    sides: &[Option<Side>],
    order: &[usize],
    claims: &[&MapClaim<'a>],
    rows: &[usize],
    boxes: &[(i32, i32, Vec<String>)],
) -> PlacedNodes<'a> {
    let mut nodes = Vec::new();
    let mut headings = Vec::new();
    let mut node_index = vec![usize::MAX; parties.len()];
    let mut bottom = 0;
    let centres_of = claim_centres(parties.len(), claims, rows, boxes);
    for side in [Side::Left, Side::Right] {
        let mut next_top = HEADING;
        let mut last_role = None;
        for &p in order.iter().filter(|&&p| sides[p] == Some(side)) {
            let party = &parties[p];
            let lines = wrap(party.title, NODE_CHARS, MAX_LINES);
            let h = lines.len() as i32 * LINE + NODE_PAD;
            if last_role != Some(party.role) {
                if last_role.is_some() {
                    next_top += GROUP_GAP;
                }
                let (x, anchor) = match side {
                    Side::Left => (0, "start"),
                    Side::Right => (WIDTH, "end"),
                };
                headings.push(Heading {
                    x,
                    y: next_top - 8,
                    role: party.role,
                    anchor,
                });
                last_role = Some(party.role);
            }
            let centres = &centres_of[p];
            let wanted = centres.iter().sum::<i32>() / centres.len().max(1) as i32 - h / 2;
            let y = wanted.max(next_top);
            let x = match side {
                Side::Left => 0,
                Side::Right => WIDTH - NODE_WIDTH,
            };
            node_index[p] = nodes.len();
            nodes.push(Node {
                x,
                y,
                w: NODE_WIDTH,
                h,
                cx: x + NODE_WIDTH / 2,
                ty: y + BASELINE,
                role: party.role,
                href: party.href,
                title: party.title,
                lines,
            });
            next_top = y + h + ROW_GAP;
            bottom = bottom.max(y + h);
        }
    }
    (nodes, headings, node_index, bottom)
}

/// A curve between a node and a claim label, drawn towards the facing party.
fn edge(node: &Node<'_>, side: Option<Side>, x: i32, w: i32, centre: i32, facing: bool) -> Edge {
    let node_y = node.y + node.h / 2;
    let (node_x, label_x) = match side {
        Some(Side::Right) => (node.x, x + w),
        _ => (node.x + node.w, x),
    };
    let middle = (node_x + label_x) / 2;
    let (from, to) = if facing {
        ((label_x, centre), (node_x, node_y))
    } else {
        ((node_x, node_y), (label_x, centre))
    };
    Edge {
        d: format!(
            "M{} {}C{} {} {} {} {} {}",
            from.0, from.1, middle, from.1, middle, to.1, to.0, to.1
        ),
        facing,
    }
}

/// Greedy word wrap to `width` characters, at most `max` lines, the last
/// shortened with "…" when the text does not fit. Words longer than a line
/// are cut.
pub(crate) fn wrap(text: &str, width: usize, max: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let fits = current.chars().count() + 1 + word.chars().count() <= width;
        if !current.is_empty() && !fits {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    if !current.is_empty() {
        lines.push(current);
    }
    let overflow = lines.len() > max;
    lines.truncate(max);
    for line in &mut lines {
        if line.chars().count() > width {
            *line = line.chars().take(width - 1).collect::<String>() + "…";
        }
    }
    if overflow {
        if let Some(last) = lines.last_mut() {
            let kept: String = last.chars().take(width - 1).collect();
            *last = kept.trim_end().to_string() + "…";
        }
    }
    lines
}

#[cfg(test)]
mod tests;
