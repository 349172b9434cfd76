//! The dependency graph on a project's page: a chain drawn with its longest path highlighted
//! and told as text, and a cycle from bad PSA data shown (not looped on).

use serde_json::json;
use uuid::Uuid;

use super::*;
use crate::helpers::spawn_app;

fn deps_on() -> serde_json::Value {
    json!({"show_tasks": true, "visible_task_fields": ["dependencies"]})
}

#[actix_web::test]
async fn a_chain_is_drawn_with_its_longest_path_and_told_as_text() {
    let Some(app) = spawn_app().await else { return };
    let w = world(app, deps_on()).await;
    let body = browser(&w, &w.ada)
        .await
        .get("/client-portal/projects/PRJ-1")
        .await
        .body;
    assert!(
        body.contains("<svg") && body.contains("role=\"img\""),
        "{body}"
    );
    assert!(body.contains("<title"), "the graph has titles");
    assert!(body.contains("graph__edge--critical") && body.contains("graph__node--critical"));
    assert!(!body.contains("graph__node--cycle"));
    // The text alternative: the chain in order, each task's neighbours.
    let text = body
        .split("class=\"graph-text\"")
        .nth(1)
        .expect("text alternative");
    let chain = text.split("</p>").next().unwrap();
    let (a, b, c) = (
        chain.find("Survey the site").unwrap(),
        chain.find("Order the kit").unwrap(),
        chain.find("Install the kit").unwrap(),
    );
    assert!(a < b && b < c, "{chain}");
    assert!(text.contains("depends on:") && text.contains("blocks:"));
    // Badges on the cards link to the other task's card.
    let badge = body
        .split("Depends on</span> <a href=\"#")
        .nth(1)
        .unwrap_or_default();
    let (anchor, rest) = badge.split_once("\">").unwrap();
    assert!(rest.starts_with("Survey the site</a>") || rest.starts_with("Order the kit</a>"));
    assert!(
        body.contains(&format!("id=\"{anchor}\"")),
        "the badge links to a card"
    );
}

#[actix_web::test]
async fn a_cycle_from_bad_psa_data_is_shown_not_looped_on() {
    let Some(app) = spawn_app().await else { return };
    let w = world(app, deps_on()).await;
    let mut plan = plan(w.tasks, Uuid::new_v4());
    // c → a closes a loop a → b → c → a.
    plan["dependencies"]
        .as_array_mut()
        .unwrap()
        .push(json!({"task_id": w.tasks[0], "depends_on": w.tasks[2]}));
    let (code, body) = w
        .api
        .put(&format!("/projects/{}/plan", w.project), &plan)
        .await;
    assert_eq!(code, 200, "{body}");
    let page = browser(&w, &w.ada)
        .await
        .get("/client-portal/projects/PRJ-1")
        .await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("graph__node--cycle") && page.body.contains("graph__edge--cycle"));
    assert!(
        page.body.contains("depend on each other in a loop"),
        "{}",
        page.body
    );
    assert!(page.body.contains("service provider needs to fix it"));
}
