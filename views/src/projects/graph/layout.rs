//! Where each node of the dependency graph goes (columns by layer, rows ordered by a barycentre
//! sweep to reduce crossings) and the SVG shapes drawn there, in the SVG's own units.

use maud::{html, Markup};

use super::{at, put};

const NODE_WIDTH: usize = 200;
const NODE_HEIGHT: usize = 44;
const COLUMN_GAP: usize = 72;
const ROW_GAP: usize = 20;
/// Room left and right for the curved edges inside a loop, which bulge out of their column.
const MARGIN_X: usize = 48;
const MARGIN_Y: usize = 16;
/// How far an edge inside a loop bulges sideways; below `MARGIN_X` and half of `COLUMN_GAP`.
const LOOP_BULGE: usize = 34;
const LABEL_INSET: usize = 10;
const FONT_SIZE: &str = "14";

const TEXT: &str = "#1f2933";
const FILL: &str = "#eef2f7";
const FILL_DONE: &str = "#e7f5ec";
const EDGE_PLAIN: &str = "#52606d";
const EDGE_CRITICAL: &str = "#b42318";
const EDGE_CYCLE: &str = "#b54708";
const DASH: &str = "6 4";

const ARROW_PLAIN: &str = "task-graph-arrow";
const ARROW_CRITICAL: &str = "task-graph-arrow-critical";
const ARROW_CYCLE: &str = "task-graph-arrow-cycle";

/// Top-left corner of every drawn node, and the size of the whole drawing.
pub(super) struct Placement {
    x: Vec<usize>,
    y: Vec<usize>,
    pub(super) width: usize,
    pub(super) height: usize,
}

/// Places the `drawn` tasks: column = layer, row order from one downward and one upward
/// barycentre sweep (ties keep the previous order, which starts as task index order).
pub(super) fn place(
    drawn: &[bool],
    layer: &[usize],
    predecessors: &[Vec<usize>],
    successors: &[Vec<usize>],
) -> Placement {
    let n = drawn.len();
    let column = |v: usize| at(layer, v, 0);
    let columns = (0..n)
        .filter(|&v| at(drawn, v, false))
        .map(column)
        .max()
        .map_or(0, |last| last.saturating_add(1));
    let mut rows: Vec<Vec<usize>> = vec![Vec::new(); columns];
    for v in (0..n).filter(|&v| at(drawn, v, false)) {
        if let Some(row) = rows.get_mut(column(v)) {
            row.push(v);
        }
    }
    let mut position = vec![0usize; n];
    for row in &rows {
        number(row, &mut position);
    }
    for l in 1..columns {
        sweep(&mut rows, l, predecessors, &mut position, &column);
    }
    for l in (0..columns.saturating_sub(1)).rev() {
        sweep(&mut rows, l, successors, &mut position, &column);
    }

    let tallest = rows.iter().map(Vec::len).max().unwrap_or(0);
    let row_step = NODE_HEIGHT.saturating_add(ROW_GAP);
    let column_step = NODE_WIDTH.saturating_add(COLUMN_GAP);
    let mut x = vec![0usize; n];
    let mut y = vec![0usize; n];
    for (l, row) in rows.iter().enumerate() {
        // Shorter columns are centred against the tallest.
        let offset = tallest.saturating_sub(row.len()).saturating_mul(row_step) / 2;
        for (r, &v) in row.iter().enumerate() {
            put(
                &mut x,
                v,
                MARGIN_X.saturating_add(l.saturating_mul(column_step)),
            );
            put(
                &mut y,
                v,
                MARGIN_Y
                    .saturating_add(offset)
                    .saturating_add(r.saturating_mul(row_step)),
            );
        }
    }
    Placement {
        x,
        y,
        width: columns
            .saturating_mul(column_step)
            .saturating_sub(COLUMN_GAP)
            .saturating_add(MARGIN_X.saturating_mul(2)),
        height: tallest
            .saturating_mul(row_step)
            .saturating_sub(ROW_GAP)
            .saturating_add(MARGIN_Y.saturating_mul(2)),
    }
}

fn number(row: &[usize], position: &mut [usize]) {
    for (r, &v) in row.iter().enumerate() {
        put(position, v, r);
    }
}

/// Reorders column `l` by the mean row of each task's neighbours in other columns.
fn sweep(
    rows: &mut [Vec<usize>],
    l: usize,
    neighbours: &[Vec<usize>],
    position: &mut [usize],
    column: &impl Fn(usize) -> usize,
) {
    let Some(row) = rows.get_mut(l) else {
        return;
    };
    let mut keyed: Vec<(f64, usize, usize)> = row
        .iter()
        .map(|&v| {
            let own = at(position, v, 0);
            let (sum, count) = neighbours
                .get(v)
                .map_or(&[][..], Vec::as_slice)
                .iter()
                .filter(|&&w| column(w) != l)
                .fold((0.0f64, 0.0f64), |(sum, count), &w| {
                    (sum + at(position, w, 0) as f64, count + 1.0)
                });
            let key = if count > 0.0 { sum / count } else { own as f64 };
            (key, own, v)
        })
        .collect();
    keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    *row = keyed.into_iter().map(|(_, _, v)| v).collect();
    number(row, position);
}

fn corner(place: &Placement, v: usize) -> (usize, usize) {
    (at(&place.x, v, 0), at(&place.y, v, 0))
}

/// How an edge is drawn: the three kinds never overlap, since the longest chain only uses edges
/// between different components.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum EdgeKind {
    Plain,
    /// On the longest chain.
    Critical,
    /// Inside a dependency loop.
    Cycle,
}

impl EdgeKind {
    /// (class, stroke colour, stroke width, dashes, arrowhead marker id)
    fn look(
        self,
    ) -> (
        &'static str,
        &'static str,
        &'static str,
        Option<&'static str>,
        &'static str,
    ) {
        match self {
            EdgeKind::Plain => ("graph__edge", EDGE_PLAIN, "1.5", None, ARROW_PLAIN),
            EdgeKind::Critical => (
                "graph__edge graph__edge--critical",
                EDGE_CRITICAL,
                "3",
                None,
                ARROW_CRITICAL,
            ),
            EdgeKind::Cycle => (
                "graph__edge graph__edge--cycle",
                EDGE_CYCLE,
                "2",
                Some(DASH),
                ARROW_CYCLE,
            ),
        }
    }
}

/// The arrowheads the edge groups refer to, one per colour.
pub(super) fn markers() -> Markup {
    html! {
        defs {
            @for (id, colour) in [
                (ARROW_PLAIN, EDGE_PLAIN),
                (ARROW_CRITICAL, EDGE_CRITICAL),
                (ARROW_CYCLE, EDGE_CYCLE),
            ] {
                marker id=(id) viewBox="0 0 10 10" refX="10" refY="5"
                    markerUnits="userSpaceOnUse" markerWidth="10" markerHeight="10"
                    orient="auto-start-reverse" {
                    path d="M0 0L10 5L0 10z" fill=(colour) {}
                }
            }
        }
    }
}

/// One kind of edges as a group, the stroke set once on the group (the paths inherit it).
pub(super) fn edges(place: &Placement, kind: EdgeKind, pairs: &[(usize, usize)]) -> Markup {
    let (class, colour, width, dash, arrow) = kind.look();
    html! {
        @if !pairs.is_empty() {
            g fill="none" stroke=(colour) stroke-width=(width) stroke-dasharray=[dash]
                marker-end={ "url(#" (arrow) ")" } {
                @for &(from, to) in pairs {
                    path class=(class) d=(edge_path(place, from, to)) {}
                }
            }
        }
    }
}

/// From the right side of `from` to the left side of `to`. Edges inside a loop join two tasks of
/// the same column: they curve out to the right going down and to the left going up.
fn edge_path(place: &Placement, from: usize, to: usize) -> String {
    let (fx, fy) = corner(place, from);
    let (tx, ty) = corner(place, to);
    let half = NODE_HEIGHT / 2;
    let (y1, y2) = (fy.saturating_add(half), ty.saturating_add(half));
    if fx == tx {
        let (side, out) = if y2 >= y1 {
            let side = fx.saturating_add(NODE_WIDTH);
            (side, side.saturating_add(LOOP_BULGE))
        } else {
            (fx, fx.saturating_sub(LOOP_BULGE))
        };
        format!("M{side} {y1}C{out} {y1} {out} {y2} {side} {y2}")
    } else {
        let x1 = fx.saturating_add(NODE_WIDTH);
        let (c1, c2) = (
            x1.saturating_add(COLUMN_GAP / 2),
            tx.saturating_sub(COLUMN_GAP / 2),
        );
        format!("M{x1} {y1}C{c1} {y1} {c2} {y2} {tx} {y2}")
    }
}

/// The node's box: light fill (green once done), a heavy red outline on the longest chain,
/// dashed orange in a loop, so neither state is shown by colour alone.
pub(super) fn node_box(
    place: &Placement,
    v: usize,
    done: bool,
    critical: bool,
    cycle: bool,
) -> Markup {
    let (x, y) = corner(place, v);
    let (stroke, width) = match (critical, cycle) {
        (true, _) => (EDGE_CRITICAL, "3"),
        (false, true) => (EDGE_CYCLE, "2"),
        (false, false) => (EDGE_PLAIN, "1"),
    };
    html! {
        rect x=(x) y=(y) width=(NODE_WIDTH) height=(NODE_HEIGHT) rx="6"
            fill=(if done { FILL_DONE } else { FILL }) stroke=(stroke) stroke-width=(width)
            stroke-dasharray=[cycle.then_some(DASH)] {}
    }
}

pub(super) fn node_label(place: &Placement, v: usize, label: &str) -> Markup {
    let (x, y) = corner(place, v);
    html! {
        text x=(x.saturating_add(LABEL_INSET)) y=(y.saturating_add(NODE_HEIGHT / 2))
            dominant-baseline="central" font-size=(FONT_SIZE) fill=(TEXT) { (label) }
    }
}
