//! The priority the new-ticket form preselects: the default board's default priority, else the
//! tenant's global default, else none (the user must choose; an empty choice is refused).

use serde_json::json;

use super::*;
use crate::ticket_fixtures::Api;

/// Ada (role User) signed in, the catalog (Service Desk the default board; High, Milestone on
/// Projects, Low, in that order) and the tenant's integration API.
async fn catalog_and_ada() -> Option<(TestApp, Browser, data::Catalog, Api)> {
    let app = spawn_app().await?;
    let tenant = app.tenant.clone();
    let c = data::catalog(&app, &tenant).await;
    let ada = data::person(&app, &tenant, "ada@acme.example", "Acme", Some("User")).await;
    let browser = data::signed_in(&app, &tenant, &ada).await;
    let api = Api::new(&app, &tenant).await;
    Some((app, browser, c, api))
}

/// Marks the priority (named, coloured and placed as `body` says) the default of its scope.
async fn make_default(api: &Api, id: uuid::Uuid, mut body: serde_json::Value) {
    body["is_default"] = json!(true);
    let (status, answer) = api.put(&format!("/priorities/{id}"), &body).await;
    assert!(status == 200 || status == 201, "{status}: {answer}");
    assert_eq!(answer["is_default"], true, "{answer}");
}

/// The option a browser shows chosen in the select `name`: the one marked `selected`, else the
/// first; its value and label.
fn chosen(body: &str, name: &str) -> (String, String) {
    let start = body.find(&format!("name=\"{name}\"")).expect("the select");
    let select = &body[start..];
    let select = &select[..select.find("</select>").expect("its end")];
    let options: Vec<&str> = select.split("<option ").skip(1).collect();
    let option = options
        .iter()
        .find(|o| o[..o.find('>').unwrap()].contains(" selected"))
        .or(options.first())
        .expect("an option");
    let value = option["value=\"".len()..].split('"').next().unwrap();
    let label = option[option.find('>').unwrap() + 1..]
        .split('<')
        .next()
        .unwrap();
    (value.to_owned(), label.to_owned())
}

#[actix_web::test]
async fn the_form_preselects_the_default_boards_own_default_priority() {
    let Some((_app, browser, c, api)) = catalog_and_ada().await else {
        return;
    };
    let normal = uuid::Uuid::new_v4();
    let on_desk =
        json!({"name": "Normal", "color": "#1565c0", "board_id": c.desk, "display_order": 5});
    make_default(&api, normal, on_desk).await;
    let global = json!({"name": "Low", "color": "#2e7d32", "display_order": 3});
    make_default(&api, c.low, global).await;
    let form = browser.get("/client-portal/tickets/new").await;
    assert_eq!(form.status, 200);
    assert_eq!(
        chosen(&form.body, "priority"),
        (normal.to_string(), "Normal".to_owned())
    );
}

#[actix_web::test]
async fn without_a_board_default_the_form_preselects_the_global_default_priority() {
    let Some((_app, browser, c, api)) = catalog_and_ada().await else {
        return;
    };
    // The Projects board's default is not Service Desk's.
    let milestone = json!({"name": "Milestone", "color": "#6a1b9a", "board_id": c.projects, "display_order": 2});
    make_default(&api, c.project_only, milestone).await;
    let global = json!({"name": "Low", "color": "#2e7d32", "display_order": 3});
    make_default(&api, c.low, global).await;
    let form = browser.get("/client-portal/tickets/new").await;
    assert_eq!(
        chosen(&form.body, "priority"),
        (c.low.to_string(), "Low".to_owned())
    );
}

#[actix_web::test]
async fn without_any_default_no_priority_is_chosen_and_an_empty_one_is_refused() {
    let Some((_app, browser, c, _api)) = catalog_and_ada().await else {
        return;
    };
    let form = browser.get("/client-portal/tickets/new").await;
    // Not the first in display order (High): the user chooses.
    assert_eq!(
        chosen(&form.body, "priority"),
        (String::new(), "Choose a priority".to_owned())
    );
    let fields = [
        ("csrf_token", Browser::form_csrf(&form)),
        ("title", "Printer jam".to_owned()),
        ("board", c.desk.to_string()),
        ("priority", String::new()),
        ("category", String::new()),
        ("description", "PC LOAD LETTER".to_owned()),
    ];
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let refused = browser
        .post_multipart("/client-portal/tickets", &fields, &[])
        .await;
    assert_eq!(refused.status, 400, "{}", refused.body);
    assert!(
        refused
            .body
            .contains("<p class=\"field-error\" id=\"priority-error\">This is required.</p>"),
        "{}",
        refused.body
    );
    assert_eq!(
        chosen(&refused.body, "priority"),
        (String::new(), "Choose a priority".to_owned())
    );
    let list = browser.get("/client-portal/tickets").await;
    assert!(numbers(&list.body).is_empty(), "nothing was raised");
}
