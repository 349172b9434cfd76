//! The task dependency graph of a project: analysis (loops, layers, longest chain) and its
//! drawing as accessible SVG, plus the text alternative that says the same in words.
//!
//! Pure functions of plain data, linear or `(V+E) log V` in the size of the graph: this renders
//! on every view of a project page. Loops in the dependency data (bad PSA data) are found with an
//! iterative Tarjan and shown, never followed. The SVG uses presentation attributes and classes
//! only (no `<style>`, no `style=`), so it renders under the strict CSP.

mod layout;

use maud::{html, Markup};

use crate::i18n::Translator;
use layout::EdgeKind;

pub(crate) mod msg {
    crate::i18n::message_ids! {
        TITLE = "project-graph-title";
        DESC = "project-graph-desc";
        NODE_DONE = "project-graph-node-done";
        NODE_BLOCKED_BY = "project-graph-node-blocked-by";
        NODE_BLOCKS = "project-graph-node-blocks";
        NODE_CRITICAL = "project-graph-node-critical";
        NODE_CYCLE = "project-graph-node-cycle";
        TEXT_CHAIN = "project-graph-text-chain";
        TEXT_CYCLE = "project-graph-text-cycle";
        TEXT_CYCLE_FIX = "project-graph-text-cycle-fix";
        TEXT_LIST = "project-graph-text-list";
        TEXT_DONE = "project-graph-text-done";
        TEXT_DEPENDS_ON = "project-graph-text-depends-on";
        TEXT_BLOCKS = "project-graph-text-blocks";
    }
}

/// A task as the graph shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GraphTask {
    pub name: String,
    pub is_closed: bool,
    /// The id of the task's card elsewhere on the page (e.g. `task-3`); nodes link to `#{anchor}`.
    pub anchor: String,
}

/// `from` must finish before `to` ("blocks"); indices into the task slice. Edges with
/// out-of-range indices or `from == to` are ignored, and so are duplicates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GraphEdge {
    pub from: usize,
    pub to: usize,
}

/// What [`analyse`] finds; every `Vec` has one entry per task unless said otherwise.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Analysis {
    /// Column of each task: the longest path to it from a task with no predecessor, counted on
    /// the graph with each loop condensed into one node, so all tasks of a loop share a column.
    pub layer: Vec<usize>,
    /// Per task, sorted and deduplicated.
    pub predecessors: Vec<Vec<usize>>,
    pub successors: Vec<Vec<usize>>,
    /// The task lies on a dependency loop (bad PSA data).
    pub in_cycle: Vec<bool>,
    /// The strongly connected components of more than one task, each sorted, ordered by their
    /// lowest task.
    pub cycles: Vec<Vec<usize>>,
    /// The longest blocking chain, in order, with at least two tasks (else empty). Computed on the
    /// graph without the edges inside loops, which is acyclic: the chain crosses a loop through a
    /// single task, entering and leaving it by real edges, so each step is an actual dependency.
    /// Ties go to the lowest task index.
    pub longest_chain: Vec<usize>,
}

/// Marks "no task" / "not yet visited" in the index arrays below.
const NONE: usize = usize::MAX;

/// Finds loops, columns and the longest chain of `task_count` tasks linked by `edges`.
pub fn analyse(task_count: usize, edges: &[GraphEdge]) -> Analysis {
    let pairs = normalised_edges(task_count, edges);
    let mut predecessors = vec![Vec::new(); task_count];
    let mut successors = vec![Vec::new(); task_count];
    // `pairs` is sorted and deduplicated, so both adjacency lists come out sorted too.
    for &(from, to) in &pairs {
        if let Some(list) = successors.get_mut(from) {
            list.push(to);
        }
        if let Some(list) = predecessors.get_mut(to) {
            list.push(from);
        }
    }
    let components = strongly_connected(&successors);
    let layer = layers(&components, &successors);
    let longest_chain = longest_chain(&components, &predecessors);
    let in_cycle = components
        .of
        .iter()
        .map(|&c| components.members.get(c).is_some_and(|m| m.len() > 1))
        .collect();
    let mut cycles: Vec<Vec<usize>> = components
        .members
        .iter()
        .filter(|m| m.len() > 1)
        .map(|m| {
            let mut sorted = m.clone();
            sorted.sort_unstable();
            sorted
        })
        .collect();
    cycles.sort_unstable();
    Analysis {
        layer,
        predecessors,
        successors,
        in_cycle,
        cycles,
        longest_chain,
    }
}

/// The valid edges as sorted, deduplicated `(from, to)` pairs.
fn normalised_edges(task_count: usize, edges: &[GraphEdge]) -> Vec<(usize, usize)> {
    let mut pairs: Vec<(usize, usize)> = edges
        .iter()
        .filter(|e| e.from < task_count && e.to < task_count && e.from != e.to)
        .map(|e| (e.from, e.to))
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// Strongly connected components in Tarjan's completion order, which is a reverse topological
/// order of the condensed graph: an edge between two components goes to a lower id.
struct Components {
    /// Component id of each task.
    of: Vec<usize>,
    /// Tasks of each component.
    members: Vec<Vec<usize>>,
}

fn at<T: Copy>(values: &[T], i: usize, default: T) -> T {
    values.get(i).copied().unwrap_or(default)
}

fn put<T>(values: &mut [T], i: usize, value: T) {
    if let Some(slot) = values.get_mut(i) {
        *slot = value;
    }
}

/// Tarjan's algorithm with an explicit call stack, so a chain of hundreds of tasks cannot
/// overflow the thread's stack. Roots and successors are taken in index order: deterministic.
fn strongly_connected(successors: &[Vec<usize>]) -> Components {
    let n = successors.len();
    let mut index = vec![NONE; n];
    let mut low = vec![NONE; n];
    let mut on_stack = vec![false; n];
    let mut stack: Vec<usize> = Vec::new();
    // (task, position of the next successor to look at)
    let mut calls: Vec<(usize, usize)> = Vec::new();
    let mut of = vec![NONE; n];
    let mut members: Vec<Vec<usize>> = Vec::new();
    let mut next_index = 0usize;
    let mut visit = |v: usize,
                     index: &mut [usize],
                     low: &mut [usize],
                     on_stack: &mut [bool],
                     stack: &mut Vec<usize>,
                     calls: &mut Vec<(usize, usize)>| {
        put(index, v, next_index);
        put(low, v, next_index);
        next_index = next_index.saturating_add(1);
        put(on_stack, v, true);
        stack.push(v);
        calls.push((v, 0));
    };
    for root in 0..n {
        if at(&index, root, 0) != NONE {
            continue;
        }
        visit(
            root,
            &mut index,
            &mut low,
            &mut on_stack,
            &mut stack,
            &mut calls,
        );
        while let Some(&(v, next)) = calls.last() {
            let successor = successors.get(v).and_then(|s| s.get(next)).copied();
            if let Some(w) = successor {
                if let Some(top) = calls.last_mut() {
                    top.1 = next.saturating_add(1);
                }
                if at(&index, w, 0) == NONE {
                    visit(
                        w,
                        &mut index,
                        &mut low,
                        &mut on_stack,
                        &mut stack,
                        &mut calls,
                    );
                } else if at(&on_stack, w, false) {
                    let lowest = at(&low, v, 0).min(at(&index, w, 0));
                    put(&mut low, v, lowest);
                }
                continue;
            }
            calls.pop();
            if at(&low, v, 0) == at(&index, v, NONE) {
                let id = members.len();
                let mut component = Vec::new();
                while let Some(w) = stack.pop() {
                    put(&mut on_stack, w, false);
                    put(&mut of, w, id);
                    component.push(w);
                    if w == v {
                        break;
                    }
                }
                members.push(component);
            }
            if let Some(&(parent, _)) = calls.last() {
                let lowest = at(&low, parent, 0).min(at(&low, v, 0));
                put(&mut low, parent, lowest);
            }
        }
    }
    Components { of, members }
}

/// Longest path from a source on the condensed graph, one column per component.
fn layers(components: &Components, successors: &[Vec<usize>]) -> Vec<usize> {
    let mut component_layer = vec![0usize; components.members.len()];
    // Highest id first is a topological order, so a component's column is final when reached.
    for (c, members) in components.members.iter().enumerate().rev() {
        let next = at(&component_layer, c, 0).saturating_add(1);
        for &v in members {
            for &w in successors.get(v).map_or(&[][..], Vec::as_slice) {
                let cw = at(&components.of, w, c);
                if cw != c && at(&component_layer, cw, 0) < next {
                    put(&mut component_layer, cw, next);
                }
            }
        }
    }
    components
        .of
        .iter()
        .map(|&c| at(&component_layer, c, 0))
        .collect()
}

/// The longest path, in tasks, over the edges between different components (an acyclic graph).
fn longest_chain(components: &Components, predecessors: &[Vec<usize>]) -> Vec<usize> {
    let n = predecessors.len();
    let mut length = vec![1usize; n];
    let mut via = vec![NONE; n];
    for (c, members) in components.members.iter().enumerate().rev() {
        for &v in members {
            // Predecessors are sorted, so the strict `>` keeps the lowest index on ties.
            for &p in predecessors.get(v).map_or(&[][..], Vec::as_slice) {
                let candidate = at(&length, p, 0).saturating_add(1);
                if at(&components.of, p, c) != c && candidate > at(&length, v, 0) {
                    put(&mut length, v, candidate);
                    put(&mut via, v, p);
                }
            }
        }
    }
    let mut end = NONE;
    let mut best = 1usize;
    for (v, &l) in length.iter().enumerate() {
        if l > best {
            best = l;
            end = v;
        }
    }
    let mut chain = Vec::new();
    while end != NONE && chain.len() < n {
        chain.push(end);
        end = at(&via, end, NONE);
    }
    chain.reverse();
    chain
}

/// Ids inside the SVG; one graph per page. Not `project-graph-…`, which is the message id prefix.
const TITLE_ID: &str = "task-graph-title";
const DESC_ID: &str = "task-graph-desc";

/// The graph as an SVG image, one column per layer, links to the tasks' cards. Only tasks with at
/// least one dependency are drawn. With no (valid) edge at all this is empty markup and the
/// caller renders nothing. `edges` should be the slice given to [`analyse`].
pub fn svg(t: Translator<'_>, tasks: &[GraphTask], edges: &[GraphEdge], a: &Analysis) -> Markup {
    let n = tasks.len().min(a.layer.len());
    let pairs = normalised_edges(n, edges);
    if pairs.is_empty() {
        return html! {};
    }
    let mut drawn = vec![false; n];
    for &(from, to) in &pairs {
        put(&mut drawn, from, true);
        put(&mut drawn, to, true);
    }
    let place = layout::place(&drawn, &a.layer, &a.predecessors, &a.successors);
    let mut chain_next = vec![NONE; n];
    let mut on_chain = vec![false; n];
    for step in a.longest_chain.windows(2) {
        if let [from, to] = *step {
            put(&mut chain_next, from, to);
            put(&mut on_chain, from, true);
            put(&mut on_chain, to, true);
        }
    }
    let mut cycle_of = vec![NONE; n];
    for (i, cycle) in a.cycles.iter().enumerate() {
        for &v in cycle {
            put(&mut cycle_of, v, i);
        }
    }
    let nodes = Nodes {
        t,
        tasks,
        a,
        place,
        done: t.tr(msg::NODE_DONE),
        critical: t.tr(msg::NODE_CRITICAL),
        cycle: t.tr(msg::NODE_CYCLE),
    };
    let mut edge_groups = [
        (EdgeKind::Plain, Vec::new()),
        (EdgeKind::Cycle, Vec::new()),
        (EdgeKind::Critical, Vec::new()),
    ];
    for &(from, to) in &pairs {
        let kind = if at(&chain_next, from, NONE) == to {
            EdgeKind::Critical
        } else if at(&cycle_of, from, NONE) != NONE
            && at(&cycle_of, from, NONE) == at(&cycle_of, to, NONE)
        {
            EdgeKind::Cycle
        } else {
            EdgeKind::Plain
        };
        if let Some((_, group)) = edge_groups.iter_mut().find(|(k, _)| *k == kind) {
            group.push((from, to));
        }
    }
    let count = |len: usize| i64::try_from(len).unwrap_or(i64::MAX);
    let desc = t.tr_count(
        msg::DESC,
        &[
            ("tasks", count(drawn.iter().filter(|&&d| d).count())),
            ("links", count(pairs.len())),
        ],
    );
    html! {
        svg xmlns="http://www.w3.org/2000/svg" class="graph" role="img"
            aria-labelledby={ (TITLE_ID) " " (DESC_ID) }
            viewBox={ "0 0 " (nodes.place.width) " " (nodes.place.height) }
            width=(nodes.place.width) height=(nodes.place.height)
            preserveAspectRatio="xMinYMin meet" {
            title id=(TITLE_ID) { (t.tr(msg::TITLE)) }
            desc id=(DESC_ID) { (desc) }
            (layout::markers())
            g class="graph__edges" {
                @for (kind, group) in &edge_groups {
                    (layout::edges(&nodes.place, *kind, group))
                }
            }
            g class="graph__nodes" {
                @for (v, task) in tasks.iter().enumerate().take(n) {
                    @if at(&drawn, v, false) {
                        (nodes.node(v, task, at(&on_chain, v, false)))
                    }
                }
            }
        }
    }
}

/// What every node needs, with the fixed phrases translated once rather than per node.
struct Nodes<'a> {
    t: Translator<'a>,
    tasks: &'a [GraphTask],
    a: &'a Analysis,
    place: layout::Placement,
    done: String,
    critical: String,
    cycle: String,
}

impl Nodes<'_> {
    fn node(&self, v: usize, task: &GraphTask, critical: bool) -> Markup {
        let cycle = at(&self.a.in_cycle, v, false);
        let mut class = String::from("graph__node");
        let mut summary = vec![task.name.clone()];
        if task.is_closed {
            class.push_str(" graph__node--done");
            summary.push(self.done.clone());
        }
        for (id, list) in [
            (msg::NODE_BLOCKED_BY, &self.a.predecessors),
            (msg::NODE_BLOCKS, &self.a.successors),
        ] {
            let names = joined_names(self.tasks, list.get(v).map_or(&[][..], Vec::as_slice));
            if !names.is_empty() {
                summary.push(self.t.tr_args(id, &[("names", names)]));
            }
        }
        if critical {
            class.push_str(" graph__node--critical");
            summary.push(self.critical.clone());
        }
        if cycle {
            class.push_str(" graph__node--cycle");
            summary.push(self.cycle.clone());
        }
        let label = if task.is_closed {
            format!("✓ {}", truncated(&task.name))
        } else {
            truncated(&task.name)
        };
        html! {
            a href={ "#" (task.anchor) } {
                g class=(class) {
                    title { (summary.join("\n")) }
                    (layout::node_box(&self.place, v, task.is_closed, critical, cycle))
                    (layout::node_label(&self.place, v, &label))
                }
            }
        }
    }
}

/// Longest label drawn in a node, in chars; longer names end with "…" (full name in the title).
const LABEL_CHARS: usize = 22;

fn truncated(name: &str) -> String {
    let name = name.trim();
    if name.chars().nth(LABEL_CHARS).is_none() {
        return name.to_owned();
    }
    let mut short: String = name.chars().take(LABEL_CHARS.saturating_sub(1)).collect();
    short.push('…');
    short
}

fn joined_names(tasks: &[GraphTask], list: &[usize]) -> String {
    let names: Vec<&str> = list
        .iter()
        .filter_map(|&i| tasks.get(i).map(|task| task.name.as_str()))
        .collect();
    names.join(", ")
}

/// The graph in words: the longest chain, each loop, and what every linked task depends on and
/// blocks. Empty markup when no task has a dependency, like [`svg`].
pub fn text_alternative(t: Translator<'_>, tasks: &[GraphTask], a: &Analysis) -> Markup {
    let linked = |v: usize| {
        a.predecessors.get(v).is_some_and(|p| !p.is_empty())
            || a.successors.get(v).is_some_and(|s| !s.is_empty())
    };
    if !(0..tasks.len()).any(linked) {
        return html! {};
    }
    let chain: Vec<&GraphTask> = a
        .longest_chain
        .iter()
        .filter_map(|&v| tasks.get(v))
        .collect();
    let chain_len = i64::try_from(chain.len()).unwrap_or(i64::MAX);
    let empty: &[usize] = &[];
    let (done, depends_on, blocks) = (
        t.tr(msg::TEXT_DONE),
        t.tr(msg::TEXT_DEPENDS_ON),
        t.tr(msg::TEXT_BLOCKS),
    );
    html! {
        div class="graph-text" {
            @if chain.len() >= 2 {
                p class="graph-text__chain" {
                    strong { (t.tr_count(msg::TEXT_CHAIN, &[("count", chain_len)])) }
                    " "
                    @for (i, task) in chain.iter().enumerate() {
                        @if i > 0 { " → " }
                        (task_link(task))
                    }
                }
            }
            @for cycle in &a.cycles {
                p class="graph-text__cycle" {
                    strong { (t.tr(msg::TEXT_CYCLE)) }
                    " " (task_links(tasks, cycle)) ". "
                    (t.tr(msg::TEXT_CYCLE_FIX))
                }
            }
            ul class="graph-text__list" aria-label=(t.tr(msg::TEXT_LIST)) {
                @for (v, task) in tasks.iter().enumerate() {
                    @if linked(v) {
                        @let before = a.predecessors.get(v).map_or(empty, Vec::as_slice);
                        @let after = a.successors.get(v).map_or(empty, Vec::as_slice);
                        li {
                            strong { (task_link(task)) }
                            @if task.is_closed { " " (done) }
                            " — "
                            @if !before.is_empty() {
                                (depends_on) " " (task_links(tasks, before))
                            }
                            @if !before.is_empty() && !after.is_empty() { "; " }
                            @if !after.is_empty() {
                                (blocks) " " (task_links(tasks, after))
                            }
                        }
                    }
                }
            }
        }
    }
}

fn task_link(task: &GraphTask) -> Markup {
    html! { a href={ "#" (task.anchor) } { (task.name) } }
}

fn task_links(tasks: &[GraphTask], list: &[usize]) -> Markup {
    html! {
        @for (i, task) in list.iter().filter_map(|&v| tasks.get(v)).enumerate() {
            @if i > 0 { ", " }
            (task_link(task))
        }
    }
}

#[cfg(test)]
mod tests;
