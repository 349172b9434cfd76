//! A real browser on the project pages: the list and its filter, a project's board, list view
//! and dependency graph, on a laptop and a phone, with script on and off.

use super::*;

const LIST: &str = "/client-portal/projects";
const PROJECT: &str = "/client-portal/projects/PRJ-1";

/// Tasks, phases, dependencies (badges and graph) and documents shown.
fn settings() -> serde_json::Value {
    json!({
        "show_phases": true, "show_phase_completion": true, "show_tasks": true,
        "visible_task_fields": ["status", "due_date", "assigned_to", "dependencies", "document_uploads"],
    })
}

fn vanity(path: &str) -> url::Url {
    url::Url::parse(&format!("https://{VANITY}{path}")).unwrap()
}

/// Faults of the page as laid out now: the page scrolls sideways; an element of `shown` is
/// missing, has no size or is hidden; an element of `buttons` leaves the viewport or its text
/// has less than 4.5:1 contrast with what is behind it (WCAG AA).
const LAYOUT_FAULTS: &str = r#"
const [shown, buttons] = arguments;
const faults = [];
const root = document.documentElement;
if (root.scrollWidth > window.innerWidth) {
  faults.push(`scrolls sideways: ${root.scrollWidth} > ${window.innerWidth}`);
}
const rgba = (c) => {
  const [r, g, b, a] = (c.match(/[\d.]+/g) || []).map(Number);
  return [r, g, b, a === undefined ? 1 : a];
};
const backdrop = (el) => {
  for (let n = el; n; n = n.parentElement) {
    const c = rgba(getComputedStyle(n).backgroundColor);
    if (c[3] > 0) return c;
  }
  return [255, 255, 255, 1];
};
const lum = ([r, g, b]) => {
  const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
};
for (const sel of shown) {
  const els = document.querySelectorAll(sel);
  if (els.length === 0) faults.push(`${sel}: missing`);
  els.forEach((el, i) => {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    if (r.width < 1 || r.height < 1 || s.visibility !== 'visible' || Number(s.opacity) === 0) {
      faults.push(`${sel}[${i}]: not shown (${r.width}x${r.height}, ${s.visibility}, opacity ${s.opacity})`);
    }
  });
}
for (const sel of buttons) {
  document.querySelectorAll(sel).forEach((el, i) => {
    const r = el.getBoundingClientRect();
    if (r.left < 0 || r.right > window.innerWidth) {
      faults.push(`${sel}[${i}]: outside the viewport (${r.left}..${r.right} of ${window.innerWidth})`);
    }
    const s = getComputedStyle(el);
    const fg = rgba(s.color);
    const bg = backdrop(el);
    const [hi, lo] = [lum(fg), lum(bg)].sort((x, y) => y - x);
    const ratio = (hi + 0.05) / (lo + 0.05);
    if (fg[3] === 0 || ratio < 4.5) {
      faults.push(`${sel}[${i}] "${el.textContent.trim()}": ${s.color} on rgba(${bg}), contrast ${ratio.toFixed(2)}`);
    }
  });
}
return faults;
"#;

const LIST_SHOWN: &[&str] = &[
    "nav.site-nav",
    "main h1",
    "table.projects",
    "#filter-status",
    "#filter-q",
    "form.filters .btn",
];
const LIST_BUTTONS: &[&str] = &["form.filters .btn"];
const BOARD_SHOWN: &[&str] = &[
    "main h1",
    "h2#project-tasks",
    "form.view-switch button",
    "div.kanban",
    "section.kanban__column",
    "article.task-card",
    "div.graph-scroll svg",
    "div.graph-text",
    "section#documents",
];
const TASK_LIST_SHOWN: &[&str] = &[
    "main h1",
    "h2#project-tasks",
    "form.view-switch button",
    "div.task-list",
    "article.task-card",
    "div.graph-scroll svg",
    "section#documents",
];
const VIEW_BUTTONS: &[&str] = &["form.view-switch button"];

/// The layout faults of the current page, each prefixed with `place`.
pub(super) async fn layout_faults(
    client: &fantoccini::Client,
    place: &str,
    shown: &[&str],
    buttons: &[&str],
) -> Result<Vec<String>, fantoccini::error::CmdError> {
    let faults = client
        .execute(LAYOUT_FAULTS, vec![json!(shown), json!(buttons)])
        .await?;
    Ok(faults
        .as_array()
        .into_iter()
        .flatten()
        .map(|f| format!("{place}: {}", f.as_str().unwrap_or_default()))
        .collect())
}

/// The board's columns as the browser shows them: heading and card names (sorted).
async fn board(
    client: &fantoccini::Client,
) -> Result<Vec<(String, Vec<String>)>, fantoccini::error::CmdError> {
    let mut columns = Vec::new();
    for column in client
        .find_all(Locator::Css("div.kanban section.kanban__column"))
        .await?
    {
        let heading = column
            .find(Locator::Css("h3.kanban__heading"))
            .await?
            .text()
            .await?;
        let mut cards = Vec::new();
        for name in column
            .find_all(Locator::Css("article.task-card .task-card__name"))
            .await?
        {
            cards.push(name.text().await?);
        }
        cards.sort();
        columns.push((heading, cards));
    }
    Ok(columns)
}

/// The board shows the three tasks in their columns; the hidden column's task nowhere.
async fn assert_board(client: &fantoccini::Client) -> Result<(), fantoccini::error::CmdError> {
    let columns = board(client).await?;
    assert_eq!(columns.len(), 2, "{columns:?}");
    let cards_of = |name: &str| {
        columns
            .iter()
            .find(|(heading, _)| heading.starts_with(name))
            .map(|(_, cards)| cards.clone())
    };
    assert_eq!(
        cards_of("To do"),
        Some(vec![
            "Install the kit".to_owned(),
            "Order the kit".to_owned()
        ]),
        "{columns:?}"
    );
    assert_eq!(
        cards_of("Done"),
        Some(vec!["Survey the site".to_owned()]),
        "{columns:?}"
    );
    let source = client.source().await?;
    assert!(
        !source.contains(crate::projects::HIDDEN_COLUMN_TASK),
        "{source}"
    );
    Ok(())
}

/// The pressed view button's value (`kanban` or `list`).
async fn pressed_view(client: &fantoccini::Client) -> Result<String, fantoccini::error::CmdError> {
    client
        .find(Locator::Css(
            "form.view-switch button[name=view][aria-pressed=true]",
        ))
        .await?
        .attr("value")
        .await
        .map(Option::unwrap_or_default)
}

/// Waits for the page after the view switch's POST and redirect: the project, in `view`.
async fn wait_for_view(
    client: &fantoccini::Client,
    view: &str,
) -> Result<(), fantoccini::error::CmdError> {
    let shown = if view == "list" {
        "div.task-list"
    } else {
        "div.kanban"
    };
    client
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css(shown))
        .await?;
    let url = client.current_url().await?;
    assert_eq!(url.path(), PROJECT, "{url}");
    assert_eq!(url.fragment(), Some("project-tasks"), "{url}");
    assert_eq!(pressed_view(client).await?, view);
    Ok(())
}

/// At 1280 and 375 px a real browser goes from the navigation to the list, searches it, opens
/// PRJ-1's board (three cards in their columns, the dependency graph), switches to the list,
/// finds it remembered after a reload and switches back; no page scrolls sideways and the
/// filter and view buttons are shown, inside the viewport and readable.
#[actix_web::test]
async fn a_real_browser_walks_the_project_pages_on_a_laptop_and_a_phone() {
    let Some((app, client, driver, _dir)) = portal_and_browser().await else {
        return;
    };
    let w = crate::projects::world(app, settings()).await;
    let result = async {
        sign_in_with_password(&client, &w.app.tenant.slug, &w.ada.user.email).await?;
        wait_for_url(&client, &vanity("/client-portal/dashboard")).await?;
        let mut faults = Vec::new();
        for width in [1280u32, 375] {
            client.set_window_size(width, 900).await?;
            client
                .goto(vanity("/client-portal/dashboard").as_str())
                .await?;
            client
                .find(Locator::Css(&format!("nav.site-nav a[href='{LIST}']")))
                .await?
                .click()
                .await?;
            wait_for_url(&client, &vanity(LIST)).await?;
            let place = format!("list at {width} px");
            faults.extend(layout_faults(&client, &place, LIST_SHOWN, LIST_BUTTONS).await?);

            client
                .find(Locator::Css("#filter-q"))
                .await?
                .send_keys("office")
                .await?;
            client
                .find(Locator::Css("form.filters button[type=submit]"))
                .await?
                .click()
                .await?;
            // The new page's field holds the search as its attribute.
            client
                .wait()
                .at_most(Duration::from_secs(20))
                .for_element(Locator::XPath(
                    "//input[@id='filter-q' and @value='office']",
                ))
                .await?;
            let url = client.current_url().await?;
            assert!(
                url.query_pairs().any(|(k, v)| k == "q" && v == "office"),
                "{url}"
            );
            let rows = client
                .find_all(Locator::Css("table.projects tbody tr"))
                .await?;
            assert_eq!(rows.len(), 1, "{}", client.source().await?);
            let place = format!("list searched at {width} px");
            faults.extend(layout_faults(&client, &place, LIST_SHOWN, LIST_BUTTONS).await?);

            client
                .find(Locator::Css(&format!("table.projects a[href='{PROJECT}']")))
                .await?
                .click()
                .await?;
            wait_for_url(&client, &vanity(PROJECT)).await?;
            assert_board(&client).await?;
            assert_eq!(pressed_view(&client).await?, "kanban");
            let place = format!("board at {width} px");
            faults.extend(layout_faults(&client, &place, BOARD_SHOWN, VIEW_BUTTONS).await?);

            client
                .find(Locator::Css(
                    "form.view-switch button[name=view][value=list]",
                ))
                .await?
                .click()
                .await?;
            wait_for_view(&client, "list").await?;
            let place = format!("task list at {width} px");
            faults.extend(layout_faults(&client, &place, TASK_LIST_SHOWN, VIEW_BUTTONS).await?);

            // Remembered: the plain address shows the list again.
            client.goto(vanity(PROJECT).as_str()).await?;
            client.find(Locator::Css("div.task-list")).await?;
            assert!(client
                .find_all(Locator::Css("div.kanban"))
                .await?
                .is_empty());
            assert_eq!(pressed_view(&client).await?, "list");

            client
                .find(Locator::Css(
                    "form.view-switch button[name=view][value=kanban]",
                ))
                .await?
                .click()
                .await?;
            wait_for_view(&client, "kanban").await?;
            assert_board(&client).await?;
        }
        assert!(faults.is_empty(), "layout faults: {faults:#?}");
        Ok::<_, fantoccini::error::CmdError>(())
    }
    .await;
    let _ = client.close().await;
    drop(driver);
    result.unwrap();
}

/// Without script the view switch is a plain form: List (laid out for a phone), remembered
/// after a reload, then Board.
#[actix_web::test]
async fn without_javascript_the_project_view_switch_works_and_is_remembered() {
    let options = BrowserOptions {
        javascript: false,
        ..BrowserOptions::default()
    };
    let Some((app, client, driver, _dir)) = portal_and_browser_with(options).await else {
        return;
    };
    let w = crate::projects::world(app, settings()).await;
    let result = async {
        sign_in_with_password(&client, &w.app.tenant.slug, &w.ada.user.email).await?;
        client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(Locator::Css("#handoff-form button[type=submit]"))
            .await?
            .click()
            .await?;
        wait_for_url(&client, &vanity("/client-portal/dashboard")).await?;
        client.set_window_size(375, 900).await?;
        client.goto(vanity(PROJECT).as_str()).await?;
        assert_board(&client).await?;
        client
            .find(Locator::Css(
                "form.view-switch button[name=view][value=list]",
            ))
            .await?
            .click()
            .await?;
        wait_for_view(&client, "list").await?;
        // WebDriver still runs its own script when the page's is blocked.
        let faults = layout_faults(&client, "no script", TASK_LIST_SHOWN, VIEW_BUTTONS).await?;
        assert!(faults.is_empty(), "layout faults: {faults:#?}");
        client.refresh().await?;
        client.find(Locator::Css("div.task-list")).await?;
        assert_eq!(pressed_view(&client).await?, "list");
        client
            .find(Locator::Css(
                "form.view-switch button[name=view][value=kanban]",
            ))
            .await?
            .click()
            .await?;
        wait_for_view(&client, "kanban").await?;
        assert_board(&client).await?;
        Ok::<_, fantoccini::error::CmdError>(())
    }
    .await;
    let _ = client.close().await;
    drop(driver);
    result.unwrap();
}
