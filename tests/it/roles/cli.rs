//! Roles from the command line, run against a running portal's database: `portal user role`
//! applies on the user's next request and is audited; `portal tenant role` prints and sets the
//! table (an unknown permission refused by name); `user create --role`.

use std::process::Output;

use serde_json::Value;

use std::time::{Duration as StdDuration, Instant};

use portal_actors::sessions::CACHE_TTL;

use crate::helpers::{
    audit_events, backend, code_and_text, portal_command, run_portal, signed_in, spawn_app,
    Backend, Browser, TestApp,
};

const COMPANY: &str = "/client-portal/client-settings";
const DASHBOARD: &str = "/client-portal/dashboard";

/// `portal <args>` on the app's database, off the test's thread.
async fn portal_on(app: &TestApp, args: &[&str]) -> Output {
    let url = app.database_url.clone();
    let args: Vec<String> = args.iter().map(|a| (*a).to_owned()).collect();
    actix_web::rt::task::spawn_blocking(move || {
        let dir = tempfile::tempdir().unwrap();
        let mut cmd = portal_command(dir.path());
        cmd.args(&args).env("PORTAL__DATABASE__URL", url);
        run_portal(&mut cmd, None)
    })
    .await
    .unwrap()
}

async fn contact_of(app: &TestApp, email: &str) -> (String, i64) {
    portal_actors::query_as!(
        app.db.exec(),
        (String, i64),
        fetch_one,
        "SELECT c.portal_role, CAST(c.version AS BIGINT) FROM contacts c JOIN users u \
         ON u.tenant = c.tenant AND u.contact_id = c.contact_id \
         WHERE u.tenant = $1 AND u.email = $2",
        app.tenant.id,
        email
    )
    .unwrap()
}

#[actix_web::test]
async fn a_role_changed_from_the_command_line_applies_on_the_next_request() {
    let Some(app) = spawn_app().await else { return };
    let worker = app.client_user(None, "worker@acme.example", "Acme").await;
    let browser = signed_in(&app, &worker.email).await;
    assert_eq!(browser.get(COMPANY).await.status, 403);
    let slug = app.tenant.slug.clone();
    let promote = [
        "user",
        "role",
        "--tenant",
        &slug,
        "--email",
        "Worker@Acme.example",
        "--role",
        "admin",
    ];
    let (code, text) = code_and_text(&portal_on(&app, &promote).await);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("from user to admin"), "{text}");
    assert_eq!(contact_of(&app, &worker.email).await, ("admin".into(), 2));
    // The PSA's changes feed has it, with the contact's new version.
    let fed: Vec<(String, i64, String)> = portal_actors::query_as!(
        app.db.exec(),
        (String, i64, String),
        fetch_all,
        "SELECT kind, CAST(version AS BIGINT), data FROM directory_changes WHERE tenant = $1",
        app.tenant.id
    )
    .unwrap();
    assert_eq!(fed.len(), 1, "{fed:?}");
    assert_eq!(
        (fed[0].0.as_str(), fed[0].1),
        ("role_changed", 2),
        "{fed:?}"
    );
    let data: Value = serde_json::from_str(&fed[0].2).unwrap();
    assert_eq!(
        (&data["old_role"], &data["new_role"]),
        (&"user".into(), &"admin".into()),
        "{data}"
    );
    // The same session, on its next request.
    let page = browser.get(COMPANY).await;
    assert_eq!(page.status, 200, "{}", page.body);

    let events = audit_events(&app, "user_role_changed").await;
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].user_id, Some(worker.user_id));
    let details: Value = serde_json::from_str(events[0].details.as_deref().unwrap()).unwrap();
    assert_eq!(
        (&details["old"], &details["new"]),
        (&"user".into(), &"admin".into())
    );

    // The same role again changes nothing (no version bump, no event).
    let (code, text) = code_and_text(&portal_on(&app, &promote).await);
    assert_eq!(code, 0, "{text}");
    assert_eq!(contact_of(&app, &worker.email).await, ("admin".into(), 2));
    assert_eq!(audit_events(&app, "user_role_changed").await.len(), 1);

    let demote = [
        "user",
        "role",
        "--tenant",
        &slug,
        "--email",
        &worker.email,
        "--role",
        "finance",
    ];
    let (code, text) = code_and_text(&portal_on(&app, &demote).await);
    assert_eq!(code, 0, "{text}");
    assert_eq!(browser.get(COMPANY).await.status, 403);
    assert_eq!(contact_of(&app, &worker.email).await, ("finance".into(), 3));
}

#[actix_web::test]
async fn a_role_change_for_nobody_or_to_no_role_is_refused() {
    let Some(app) = spawn_app().await else { return };
    let worker = app.client_user(None, "worker@acme.example", "Acme").await;
    let slug = app.tenant.slug.clone();
    // Another tenant's operator names this tenant's user: not theirs.
    let other = app.create_tenant("Contoso MSP").await;
    for (args, says) in [
        (
            vec![
                "user",
                "role",
                "--tenant",
                &other.slug,
                "--email",
                &worker.email,
                "--role",
                "admin",
            ],
            "no client user",
        ),
        (
            vec![
                "user",
                "role",
                "--tenant",
                &slug,
                "--email",
                "nobody@acme.example",
                "--role",
                "admin",
            ],
            "no client user",
        ),
        (
            vec![
                "user",
                "role",
                "--tenant",
                &slug,
                "--email",
                &worker.email,
                "--role",
                "owner",
            ],
            "owner",
        ),
    ] {
        let (code, text) = code_and_text(&portal_on(&app, &args).await);
        assert_ne!(code, 0, "{text}");
        assert!(text.contains(says), "{text}");
    }
    assert_eq!(contact_of(&app, &worker.email).await, ("user".into(), 1));
    assert!(audit_events(&app, "user_role_changed").await.is_empty());
}

#[actix_web::test]
async fn tenant_role_prints_the_table_and_sets_a_role_from_known_permissions() {
    let Some(app) = spawn_app().await else { return };
    let slug = app.tenant.slug.clone();
    let (code, text) =
        code_and_text(&portal_on(&app, &["tenant", "role", "--tenant", &slug]).await);
    assert_eq!(code, 0, "{text}");
    for line in [
        "admin: ",
        "finance: billing:read,billing:update,",
        "user: client:read,",
    ] {
        assert!(text.contains(line), "{line} in {text}");
    }
    let refused = [
        "tenant",
        "role",
        "--tenant",
        &slug,
        "--role",
        "user",
        "--set",
        "ticket:read,ticket:fly",
    ];
    let (code, text) = code_and_text(&portal_on(&app, &refused).await);
    assert_ne!(code, 0, "{text}");
    assert!(text.contains("`ticket:fly`"), "{text}");
    let lockout = [
        "tenant",
        "role",
        "--tenant",
        &slug,
        "--role",
        "admin",
        "--set",
        "ticket:read",
    ];
    let (code, text) = code_and_text(&portal_on(&app, &lockout).await);
    assert_ne!(code, 0, "{text}");
    assert!(text.contains("company:manage"), "{text}");
    assert!(audit_events(&app, "role_permissions_changed")
        .await
        .is_empty());

    let set = [
        "tenant",
        "role",
        "--tenant",
        &slug,
        "--role",
        "user",
        "--set",
        "ticket:read,client:read",
    ];
    let (code, text) = code_and_text(&portal_on(&app, &set).await);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("user: client:read,ticket:read"), "{text}");
    let held = portal_actors::admin::roles::role_permissions(
        &app.db,
        app.tenant.id,
        portal_actors::model::PortalRole::User,
    )
    .await
    .unwrap();
    assert_eq!(held.permissions, ["client:read", "ticket:read"]);
    assert_eq!(
        audit_events(&app, "role_permissions_changed").await.len(),
        1
    );
}

#[actix_web::test]
async fn user_create_takes_any_role_and_client_admin_still_means_admin() {
    let Some(app) = spawn_app().await else { return };
    let slug = app.tenant.slug.clone();
    for (email, flag) in [
        ("pay@acme.example", vec!["--role", "finance"]),
        ("boss@acme.example", vec!["--client-admin"]),
        ("work@acme.example", vec![]),
    ] {
        let mut args = vec![
            "user",
            "create",
            "--tenant",
            &slug,
            "--email",
            email,
            "--type",
            "client",
            "--client",
            "Acme",
            "--first-name",
            "Pat",
            "--last-name",
            "Lee",
        ];
        args.extend(flag);
        let (code, text) = code_and_text(&portal_on(&app, &args).await);
        assert_eq!(code, 0, "{text}");
    }
    assert_eq!(contact_of(&app, "pay@acme.example").await.0, "finance");
    assert_eq!(contact_of(&app, "boss@acme.example").await.0, "admin");
    assert_eq!(contact_of(&app, "work@acme.example").await.0, "user");
    // The name lives on the contact; the account keeps none of its own.
    let (full, first): (String, String) = portal_actors::query_as!(
        app.db.exec(),
        (String, String),
        fetch_one,
        "SELECT c.full_name, u.first_name || u.last_name FROM users u JOIN contacts c \
         ON c.tenant = u.tenant AND c.contact_id = u.contact_id WHERE u.email = $1",
        "pay@acme.example"
    )
    .unwrap();
    assert_eq!((full.as_str(), first.as_str()), ("Pat Lee", ""));
    let both = [
        "user",
        "create",
        "--tenant",
        &slug,
        "--email",
        "x@acme.example",
        "--type",
        "client",
        "--client",
        "Acme",
        "--role",
        "user",
        "--client-admin",
    ];
    let (code, _) = code_and_text(&portal_on(&app, &both).await);
    assert_ne!(code, 0, "--role and --client-admin conflict");
}

/// Whether the dashboard's navigation offers the company page (the session's cached role).
async fn offers_company(browser: &Browser) -> bool {
    let page = browser.get(DASHBOARD).await;
    assert_eq!(page.status, 200, "{}", page.body);
    page.body.contains(&format!("href=\"{COMPANY}\""))
}

#[actix_web::test]
async fn a_cached_session_learns_its_new_role_from_the_command_line() {
    let Some(app) = spawn_app().await else { return };
    let worker = app.client_user(None, "worker@acme.example", "Acme").await;
    let browser = signed_in(&app, &worker.email).await;
    // Used, so the session is cached with the role it had.
    assert!(!offers_company(&browser).await);
    assert!(!offers_company(&browser).await);
    let slug = app.tenant.slug.clone();
    let promote = [
        "user",
        "role",
        "--tenant",
        &slug,
        "--email",
        &worker.email,
        "--role",
        "admin",
    ];
    let (code, text) = code_and_text(&portal_on(&app, &promote).await);
    assert_eq!(code, 0, "{text}");
    match backend() {
        // The CLI's notice (same transaction) makes the running portal read the session again.
        Backend::Postgres => {
            let start = Instant::now();
            while !offers_company(&browser).await {
                assert!(
                    start.elapsed() < StdDuration::from_secs(1),
                    "the navigation still hides the company page a second after the change"
                );
                tokio::time::sleep(StdDuration::from_millis(100)).await;
            }
        }
        // One server and no notices: the cached copy is read again once its TTL has passed.
        Backend::Sqlite => {
            app.clock.advance(
                chrono::Duration::from_std(CACHE_TTL).unwrap() + chrono::Duration::seconds(1),
            );
            assert!(offers_company(&browser).await);
        }
    }
    assert_eq!(browser.get(COMPANY).await.status, 200);
}
