//! Where the time of a project's page goes, in process and one call at a time.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

use super::*;

/// Mean duration of `BREAKDOWN_CALLS` calls of `step`.
pub(crate) async fn mean<T, F, Fut>(mut step: F) -> anyhow::Result<(Duration, T)>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = anyhow::Result<T>>,
{
    let mut last = step().await?;
    let started = Instant::now();
    for _ in 0..BREAKDOWN_CALLS {
        last = step().await?;
    }
    Ok((started.elapsed() / BREAKDOWN_CALLS, last))
}

pub(crate) async fn breakdown(
    db: &Db,
    tenant: Uuid,
    client_id: Uuid,
) -> anyhow::Result<Vec<(String, Duration)>> {
    let mut steps = Vec::new();
    let (took, found) =
        mean(|| async move { Ok(store::find(db, tenant, client_id, NUMBER).await?) }).await?;
    steps.push(("store::find (the project)".to_owned(), took));
    let (summary, settings) = found.context("the project is not found")?;
    let (project, settings) = (summary.project_id, &settings);
    let (took, _) =
        mean(|| async move { Ok(store::task_counts(db, tenant, project, false).await?) }).await?;
    steps.push(("store::task_counts".to_owned(), took));
    let (took, _) = mean(|| async move { Ok(store::phases(db, tenant, project).await?) }).await?;
    steps.push(("store::phases".to_owned(), took));
    let (took, columns) =
        mean(|| async move { Ok(store::columns(db, tenant, project).await?) }).await?;
    steps.push(("store::columns".to_owned(), took));
    let (took, tasks) =
        mean(|| async move { Ok(store::tasks(db, tenant, project, settings).await?) }).await?;
    steps.push((format!("store::tasks ({} rows)", tasks.len()), took));
    let (took, deps) =
        mean(|| async move { Ok(store::dependencies(db, tenant, project).await?) }).await?;
    steps.push((format!("store::dependencies ({} rows)", deps.len()), took));
    let (took, _) =
        mean(|| async move { Ok(store::documents(db, tenant, project).await?) }).await?;
    steps.push(("store::documents".to_owned(), took));

    // The graph exactly as the page builds it: the tasks in the page's order.
    let closed: HashMap<Uuid, bool> = columns
        .iter()
        .map(|c| (c.mapping_id, c.is_closed))
        .collect();
    let position: HashMap<Uuid, usize> = tasks
        .iter()
        .enumerate()
        .map(|(i, t)| (t.task_id, i))
        .collect();
    let nodes: Vec<GraphTask> = tasks
        .iter()
        .enumerate()
        .map(|(i, t)| GraphTask {
            name: t.name.clone(),
            is_closed: closed.get(&t.status_mapping_id).copied().unwrap_or(false),
            anchor: format!("task-{}", i + 1),
        })
        .collect();
    let edges: Vec<GraphEdge> = deps
        .iter()
        .filter_map(|d| {
            Some(GraphEdge {
                from: *position.get(&d.predecessor_task_id)?,
                to: *position.get(&d.successor_task_id)?,
            })
        })
        .collect();
    let locales = portal_views::i18n::Locales::load()?;
    let t = locales.translator("en");
    let (nodes, edges) = (&nodes, &edges);
    let (took, analysis) = mean(|| async move { Ok(graph::analyse(nodes.len(), edges)) }).await?;
    steps.push(("graph::analyse".to_owned(), took));
    let analysis = &analysis;
    let (took, svg) =
        mean(|| async move { Ok(graph::svg(t, nodes, edges, analysis).into_string()) }).await?;
    steps.push((format!("graph::svg ({} bytes)", svg.len()), took));
    let (took, text) =
        mean(|| async move { Ok(graph::text_alternative(t, nodes, analysis).into_string()) })
            .await?;
    steps.push((
        format!("graph::text_alternative ({} bytes)", text.len()),
        took,
    ));
    Ok(steps)
}

// ---------------------------------------------------------------------------------------------
// Sessions and load.
