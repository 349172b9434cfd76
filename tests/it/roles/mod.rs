//! The contact's portal role is the one source of truth for what a client user may do, and
//! the contact's name is the user's: the company page follows the role, each role's
//! permission set, the migration that keeps admins admins. The operators' table of roles is in
//! `admin_api`, the command line in `cli`.

mod admin_api;
mod cli;
mod migration;

use portal_actors::model::PortalRole;
use portal_actors::store::users;

use crate::helpers::{make_admin, set_portal_role, signed_in, spawn_app, TestApp};

const COMPANY: &str = "/client-portal/client-settings";

/// The number of role rows client users hold (none since the role is the contact's).
async fn client_role_rows(app: &TestApp) -> i64 {
    portal_actors::fetch_one_scalar!(
        app.db.exec(),
        i64,
        "SELECT COUNT(*) FROM user_roles ur JOIN users u ON u.tenant = ur.tenant \
         AND u.user_id = ur.user_id WHERE u.user_type = 'client'",
    )
    .unwrap()
}

#[actix_web::test]
async fn the_admin_role_reaches_the_company_page_and_finance_and_user_do_not() {
    let Some(app) = spawn_app().await else { return };
    let boss = app.client_user(None, "boss@acme.example", "Acme").await;
    let payer = app.client_user(None, "payer@acme.example", "Acme").await;
    let worker = app.client_user(None, "worker@acme.example", "Acme").await;
    make_admin(&app, boss.user_id).await;
    set_portal_role(&app, &app.tenant, payer.user_id, "finance").await;
    let page = signed_in(&app, &boss.email).await.get(COMPANY).await;
    assert_eq!(page.status, 200, "{}", page.body);
    // Each member's role shows as a badge.
    assert!(page.body.contains(">Admin</span>"), "{}", page.body);
    assert!(page.body.contains(">Finance</span>"));
    assert!(page.body.contains(">User</span>"));
    for email in [&payer.email, &worker.email] {
        let page = signed_in(&app, email).await.get(COMPANY).await;
        assert_eq!(page.status, 403, "{email}");
    }
    assert_eq!(client_role_rows(&app).await, 0);
}

#[actix_web::test]
async fn a_role_taken_away_closes_the_company_page_on_the_next_request() {
    let Some(app) = spawn_app().await else { return };
    let boss = app.client_user(None, "boss@acme.example", "Acme").await;
    make_admin(&app, boss.user_id).await;
    let browser = signed_in(&app, &boss.email).await;
    assert_eq!(browser.get(COMPANY).await.status, 200);
    set_portal_role(&app, &app.tenant, boss.user_id, "user").await;
    assert_eq!(browser.get(COMPANY).await.status, 403);
}

#[actix_web::test]
async fn finance_holds_billing_and_user_does_not() {
    let Some(app) = spawn_app().await else { return };
    let mut held = Vec::new();
    for role in PortalRole::ALL {
        let email = format!("{}@acme.example", role.as_str());
        let user = app.client_user(None, &email, "Acme").await;
        set_portal_role(&app, &app.tenant, user.user_id, role.as_str()).await;
        let permissions = users::permissions(&app.db, app.tenant.id, user.user_id)
            .await
            .unwrap();
        held.push((role, permissions));
    }
    let has = |role: PortalRole, p: &str| {
        held.iter()
            .find(|(r, _)| *r == role)
            .is_some_and(|(_, set)| set.iter().any(|x| x == p))
    };
    for p in ["billing:read", "billing:update", "ticket:create"] {
        assert!(has(PortalRole::Finance, p), "finance {p}");
    }
    for p in [
        "billing:read",
        "billing:update",
        "user:update",
        "settings:update",
    ] {
        assert!(!has(PortalRole::User, p), "user {p}");
    }
    for p in ["user:update", "settings:update"] {
        assert!(!has(PortalRole::Finance, p), "finance {p}");
    }
    assert!(has(PortalRole::User, "ticket:create"));
    assert!(has(PortalRole::Admin, "user:update"));
    // An internal user holds no client role's permissions.
    let staff = app.internal_user("staff@northwind.example").await;
    let none = users::permissions(&app.db, app.tenant.id, staff.user_id)
        .await
        .unwrap();
    assert!(none.is_empty(), "{none:?}");
}

#[actix_web::test]
async fn the_name_a_client_user_signs_in_with_is_their_contacts() {
    let Some(app) = spawn_app().await else { return };
    let ada = app.client_user(None, "ada@acme.example", "Acme").await;
    portal_actors::execute!(
        app.db.exec(),
        "UPDATE contacts SET full_name = $3 WHERE tenant = $1 AND contact_id = \
         (SELECT contact_id FROM users WHERE tenant = $1 AND user_id = $2)",
        app.tenant.id,
        ada.user_id,
        "Augusta King"
    )
    .unwrap();
    let page = signed_in(&app, &ada.email)
        .await
        .get("/client-portal/dashboard")
        .await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Augusta King"), "{}", page.body);
    assert!(!page.body.contains("Ada Lovelace"));
}
