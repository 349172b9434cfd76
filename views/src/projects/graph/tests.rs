use super::*;
use crate::i18n::Locales;
use crate::test_support::{assert_escaped, assert_no_raw_ids, TestResult, EVIL, EVIL_ESCAPED};

fn tasks(names: &[&str]) -> Vec<GraphTask> {
    names
        .iter()
        .enumerate()
        .map(|(i, name)| GraphTask {
            name: (*name).to_owned(),
            is_closed: false,
            anchor: format!("task-{i}"),
        })
        .collect()
}

fn edges(pairs: &[(usize, usize)]) -> Vec<GraphEdge> {
    pairs
        .iter()
        .map(|&(from, to)| GraphEdge { from, to })
        .collect()
}

/// Every edge outside a loop goes to a later column; edges inside a loop stay in one column.
fn assert_layers_consistent(a: &Analysis) {
    for (from, succs) in a.successors.iter().enumerate() {
        for &to in succs {
            let same_loop = a
                .cycles
                .iter()
                .any(|c| c.contains(&from) && c.contains(&to));
            if same_loop {
                assert_eq!(a.layer[from], a.layer[to], "loop {from}->{to} split");
            } else {
                assert!(a.layer[from] < a.layer[to], "edge {from}->{to}: {a:?}");
            }
        }
    }
}

/// A→B→C→D, with a side branch A→E→D.
fn chain_with_branch() -> (Vec<GraphTask>, Vec<GraphEdge>) {
    (
        tasks(&["A", "B", "C", "D", "E"]),
        edges(&[(0, 1), (1, 2), (2, 3), (0, 4), (4, 3)]),
    )
}

#[test]
fn chain_with_side_branch_has_longest_chain_and_layers() {
    let (_, e) = chain_with_branch();
    let a = analyse(5, &e);
    assert_eq!(a.longest_chain, vec![0, 1, 2, 3]);
    assert_eq!(a.layer, vec![0, 1, 2, 3, 1]);
    assert_eq!(a.predecessors[3], vec![2, 4]);
    assert_eq!(a.successors[0], vec![1, 4]);
    assert!(a.cycles.is_empty());
    assert!(a.in_cycle.iter().all(|&c| !c));
}

#[test]
fn invalid_self_and_duplicate_edges_are_ignored() {
    let a = analyse(3, &edges(&[(0, 1), (0, 1), (1, 1), (2, 9), (9, 0)]));
    assert_eq!(a.successors, vec![vec![1], vec![], vec![]]);
    assert_eq!(a.longest_chain, vec![0, 1]);
}

#[test]
fn chain_is_drawn_critical_and_described_in_text() -> TestResult {
    let locales = Locales::load()?;
    let t = locales.translator("en");
    let (ts, e) = chain_with_branch();
    let a = analyse(ts.len(), &e);
    let svg = svg(t, &ts, &e, &a).into_string();
    assert!(svg.starts_with("<svg"));
    assert!(svg.contains(r#"role="img""#));
    assert!(svg.contains(r#"aria-labelledby="task-graph-title task-graph-desc""#));
    assert!(svg.contains(r##"href="#task-3""##));
    assert_eq!(svg.matches("graph__edge--critical").count(), 3);
    assert_eq!(svg.matches("graph__node--critical").count(), 4);
    assert!(!svg.contains("<style") && !svg.contains("style="));
    assert_no_raw_ids(&svg);
    let text = text_alternative(t, &ts, &a).into_string();
    assert!(text.contains("Longest chain (4 tasks):"), "{text}");
    assert!(text.contains("D</a></strong> — depends on:"), "{text}");
    assert_no_raw_ids(&text);
    Ok(())
}

/// A→B→C→A, and D after C.
#[test]
fn cycle_is_found_shown_and_explained() -> TestResult {
    let locales = Locales::load()?;
    let t = locales.translator("en");
    let ts = tasks(&["A", "B", "C", "D"]);
    let e = edges(&[(0, 1), (1, 2), (2, 0), (2, 3)]);
    let a = analyse(ts.len(), &e);
    assert_eq!(a.in_cycle, vec![true, true, true, false]);
    assert_eq!(a.cycles, vec![vec![0, 1, 2]]);
    assert_eq!(a.layer, vec![0, 0, 0, 1]);
    assert_eq!(a.longest_chain, vec![2, 3]);
    assert_layers_consistent(&a);
    let svg = svg(t, &ts, &e, &a).into_string();
    assert_eq!(svg.matches("graph__node--cycle").count(), 3);
    assert_eq!(svg.matches("graph__edge--cycle").count(), 3);
    assert_no_raw_ids(&svg);
    let text = text_alternative(t, &ts, &a).into_string();
    assert!(text.contains("depend on each other in a loop"), "{text}");
    assert!(text.contains("service provider needs to fix"), "{text}");
    assert_no_raw_ids(&text);
    Ok(())
}

#[test]
fn without_edges_nothing_is_rendered() -> TestResult {
    let locales = Locales::load()?;
    let t = locales.translator("en");
    let ts = tasks(&["A", "B"]);
    let a = analyse(2, &[]);
    assert!(a.longest_chain.is_empty());
    assert!(svg(t, &ts, &[], &a).into_string().is_empty());
    assert!(text_alternative(t, &ts, &a).into_string().is_empty());
    Ok(())
}

#[test]
fn long_loop_does_not_overflow_the_stack() {
    let mut pairs: Vec<(usize, usize)> = (0..4999).map(|i| (i, i + 1)).collect();
    pairs.push((4999, 0));
    let a = analyse(5000, &edges(&pairs));
    assert_eq!(a.cycles.len(), 1);
    assert_eq!(a.cycles[0].len(), 5000);
    let chain = analyse(5000, &edges(&pairs[..4999]));
    assert_eq!(chain.longest_chain.len(), 5000);
    assert_eq!(chain.layer[4999], 4999);
}

#[test]
fn large_random_graph_is_analysed_and_rendered() -> TestResult {
    let locales = Locales::load()?;
    let t = locales.translator("en");
    let n = 500;
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = |bound: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((state >> 33) % bound as u64) as usize
    };
    let mut e = Vec::new();
    while e.len() < 800 {
        let (x, y) = (next(n), next(n));
        // Mostly forward, like a real plan, with some backward edges that make loops.
        let (from, to) = if next(10) == 0 {
            (x.max(y), x.min(y))
        } else {
            (x.min(y), x.max(y))
        };
        e.push(GraphEdge { from, to });
    }
    let ts: Vec<GraphTask> = (0..n)
        .map(|i| GraphTask {
            name: format!("Task number {i} with a rather long name"),
            is_closed: i % 3 == 0,
            anchor: format!("task-{i}"),
        })
        .collect();
    let a = analyse(n, &e);
    assert!(a.longest_chain.len() >= 2);
    for step in a.longest_chain.windows(2) {
        assert!(a.successors[step[0]].contains(&step[1]));
    }
    assert_layers_consistent(&a);
    let svg = svg(t, &ts, &e, &a).into_string();
    let text = text_alternative(t, &ts, &a).into_string();
    assert!(svg.contains("with a …</text>"), "labels are cut");
    assert_no_raw_ids(&svg);
    assert_no_raw_ids(&text);
    Ok(())
}

#[test]
fn hostile_names_are_escaped() -> TestResult {
    let locales = Locales::load()?;
    let t = locales.translator("en");
    let mut ts = tasks(&[EVIL, "שלב ב׳ 🚀", EVIL]);
    ts[0].anchor = EVIL.to_owned();
    let e = edges(&[(0, 1), (1, 2), (2, 1)]);
    let a = analyse(ts.len(), &e);
    let svg = svg(t, &ts, &e, &a).into_string();
    // The label is cut short, so the full escaped name is only in the titles and the href.
    assert_escaped(&svg);
    assert!(svg.contains("שלב ב׳ 🚀"));
    let text = text_alternative(t, &ts, &a).into_string();
    assert_escaped(&text);
    assert!(
        text.contains(&format!("href=\"#{EVIL_ESCAPED}\"")),
        "{text}"
    );
    Ok(())
}

#[test]
fn long_names_are_cut_by_chars() {
    assert_eq!(truncated("short"), "short");
    let long = "é".repeat(30);
    let cut = truncated(&long);
    assert_eq!(cut.chars().count(), LABEL_CHARS);
    assert!(cut.ends_with('…'));
}
