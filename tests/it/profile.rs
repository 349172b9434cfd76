//! `/client-portal/profile`: a save writes the contact, the preferences, one `profile_updated`
//! change (bumping the contact's version) and an audit event, and the header shows the new name
//! at once; an unchanged form writes nothing; each refused field is named next to itself with
//! every field kept as typed and nothing saved; instants show in the user's time zone (across
//! daylight saving time) and dates in their chosen format.

use chrono::{TimeZone as _, Utc};
use portal_actors::query_as;
use serde_json::{json, Value};

use crate::helpers::{audit_events, spawn_app, Browser, TestApp};
use crate::ticket_data::{catalog, insert, new_ticket, person, signed_in, Person};

const PROFILE: &str = "/client-portal/profile";

/// The contact's (name, phone, job title, version).
async fn contact(app: &TestApp, p: &Person) -> (String, Option<String>, Option<String>, i64) {
    query_as!(
        app.db.exec(),
        (String, Option<String>, Option<String>, i64),
        fetch_one,
        "SELECT full_name, phone, job_title, version FROM contacts \
         WHERE tenant = $1 AND contact_id = $2",
        app.tenant.id,
        p.contact_id
    )
    .unwrap()
}

/// The contact's `profile_updated` changes' data, oldest first.
async fn changes(app: &TestApp, p: &Person) -> Vec<Value> {
    let rows: Vec<(String,)> = query_as!(
        app.db.exec(),
        (String,),
        fetch_all,
        "SELECT data FROM directory_changes WHERE tenant = $1 AND contact_id = $2 \
         AND kind = 'profile_updated' ORDER BY seq",
        app.tenant.id,
        p.contact_id
    )
    .unwrap();
    rows.iter()
        .map(|(d,)| serde_json::from_str(d).unwrap())
        .collect()
}

fn form<'a>(csrf: &'a str, fields: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut all = vec![
        ("csrf_token", csrf),
        ("full_name", "Alice Martin-Dubois"),
        ("phone", "+32 2 555 01 23"),
        ("job_title", "Office manager"),
        ("locale", "en"),
        ("time_zone", "Europe/Brussels"),
        ("date_format", "iso"),
    ];
    for (k, v) in fields {
        if let Some(slot) = all.iter_mut().find(|(name, _)| name == k) {
            slot.1 = v;
        }
    }
    all
}

async fn alice(app: &TestApp) -> (Person, Browser, String) {
    let p = person(app, &app.tenant, "alice@acme.example", "Acme", None).await;
    let b = signed_in(app, &app.tenant, &p).await;
    let page = b.get(PROFILE).await;
    assert_eq!(page.status, 200, "{}", page.body);
    let csrf = Browser::form_csrf(&page);
    (p, b, csrf)
}

#[actix_web::test]
async fn a_saved_profile_reaches_the_contact_the_feed_the_audit_and_the_header() {
    let Some(app) = spawn_app().await else { return };
    let (p, b, csrf) = alice(&app).await;
    let (name_before, _, _, version_before) = contact(&app, &p).await;
    let page = b.get(PROFILE).await;
    assert!(page.body.contains(&name_before), "{}", page.body);
    assert!(page
        .body
        .contains(r#"href="/client-portal/profile/security""#));

    let saved = b.post_form(PROFILE, &form(&csrf, &[])).await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    assert_eq!(saved.location(), "/client-portal/profile?saved=1");
    assert_eq!(
        contact(&app, &p).await,
        (
            "Alice Martin-Dubois".to_owned(),
            Some("+32 2 555 01 23".to_owned()),
            Some("Office manager".to_owned()),
            version_before + 1
        )
    );
    assert_eq!(
        changes(&app, &p).await,
        vec![
            json!({"full_name": "Alice Martin-Dubois", "phone": "+32 2 555 01 23",
                    "job_title": "Office manager", "locale": "en",
                    "time_zone": "Europe/Brussels", "date_format": "iso"})
        ]
    );
    let events = audit_events(&app, "profile_updated").await;
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].user_id, Some(p.user.user_id));
    assert!(events[0]
        .details
        .as_deref()
        .unwrap_or("")
        .contains("time_zone"));

    let page = b.get("/client-portal/profile?saved=1").await;
    assert!(page.body.contains("Your profile was saved."));
    // The header greets by the new name: the session was read again.
    assert!(page.body.contains("Alice Martin-Dubois"));
    assert!(
        page.body.contains(r#"<option value="iso" selected>"#),
        "{}",
        page.body
    );
    assert!(page
        .body
        .contains(r#"value="Europe/Brussels" autocomplete="off""#));

    // The same form again changes nothing and records nothing.
    let again = b.post_form(PROFILE, &form(&csrf, &[])).await;
    assert_eq!(again.location(), "/client-portal/profile?saved=0");
    assert_eq!(contact(&app, &p).await.3, version_before + 1);
    assert_eq!(changes(&app, &p).await.len(), 1);

    // Clearing the optional fields records them as cleared.
    let cleared = b
        .post_form(
            PROFILE,
            &form(
                &csrf,
                &[
                    ("phone", ""),
                    ("time_zone", ""),
                    ("date_format", "language"),
                ],
            ),
        )
        .await;
    assert_eq!(cleared.status, 303);
    assert_eq!(
        changes(&app, &p).await.last(),
        Some(&json!({"phone": null, "time_zone": null, "date_format": "language"}))
    );
    let prefs: Vec<(String,)> = query_as!(
        app.db.exec(),
        (String,),
        fetch_all,
        "SELECT pref_key FROM user_preferences WHERE tenant = $1 AND user_id = $2 \
         ORDER BY pref_key",
        app.tenant.id,
        p.user.user_id
    )
    .unwrap();
    assert_eq!(prefs, vec![("locale".to_owned(),)]);
}

#[actix_web::test]
async fn a_refused_field_is_named_beside_itself_and_nothing_is_saved() {
    let Some(app) = spawn_app().await else { return };
    let (p, b, csrf) = alice(&app).await;
    let before = contact(&app, &p).await;
    let long_name = "x".repeat(201);
    let cases: [(&str, &str, &str); 7] = [
        ("full_name", "  ", "Enter your name."),
        ("full_name", &long_name, "This is too long."),
        ("phone", "call me <b>maybe</b>", "Enter a phone number"),
        ("job_title", "Boss\u{7}", "characters that cannot be used"),
        ("locale", "tlh", "Choose one of the languages"),
        (
            "time_zone",
            "Mars/Olympus_Mons",
            "Choose a time zone from the list",
        ),
        ("date_format", "ymd", "Choose one of the date formats"),
    ];
    for (field, value, message) in cases {
        let page = b.post_form(PROFILE, &form(&csrf, &[(field, value)])).await;
        assert_eq!(page.status, 400, "{field}: {}", page.body);
        assert!(
            page.body.contains(&format!(r#"id="{field}-error""#)),
            "{field}: {}",
            page.body
        );
        assert!(page.body.contains(message), "{field}: {}", page.body);
        assert!(page.body.contains("nothing was saved"), "{field}");
        // The other fields come back as typed.
        let other = if field == "job_title" {
            "+32 2 555 01 23"
        } else {
            "Office manager"
        };
        assert!(page.body.contains(other), "{field}");
        if field == "phone" {
            assert!(page.body.contains("call me &lt;b&gt;maybe&lt;/b&gt;"));
        }
    }
    // Without the CSRF token: refused outright.
    let forged = b.post_form(PROFILE, &form("forged", &[])).await;
    assert_eq!(forged.status, 403);
    assert_eq!(contact(&app, &p).await, before);
    assert!(changes(&app, &p).await.is_empty());
    assert!(audit_events(&app, "profile_updated").await.is_empty());
}

#[actix_web::test]
async fn times_show_in_the_users_zone_across_daylight_saving_and_dates_in_their_format() {
    let Some(app) = spawn_app().await else { return };
    let (p, b, csrf) = alice(&app).await;
    let c = catalog(&app, &app.tenant).await;
    let winter = Utc.with_ymd_and_hms(2026, 1, 15, 13, 5, 0).unwrap();
    let summer = Utc.with_ymd_and_hms(2026, 7, 15, 13, 5, 0).unwrap();
    for (number, at) in [("T-1", winter), ("T-2", summer)] {
        let mut seed = new_ticket(&app, &c, &p, number, number, 0);
        seed.updated_at = at;
        seed.entered_at = at;
        insert(&app, &app.tenant, &seed).await;
    }
    let list = b.get("/client-portal/tickets?status=all").await;
    assert!(
        list.body.contains("Jan 15, 2026, 1:05\u{202f}PM UTC"),
        "{}",
        list.body
    );

    let zone = [("time_zone", "America/New_York")];
    let saved = b.post_form(PROFILE, &form(&csrf, &zone)).await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let list = b.get("/client-portal/tickets?status=all").await;
    assert!(
        list.body.contains("2026-01-15, 8:05\u{202f}AM EST"),
        "{}",
        list.body
    );
    assert!(
        list.body.contains("2026-07-15, 9:05\u{202f}AM EDT"),
        "{}",
        list.body
    );
    assert!(!list.body.contains(" UTC<"));
    // The machine-readable time stays in UTC.
    assert!(list.body.contains(r#"datetime="2026-01-15T13:05:00Z""#));

    let brussels = [("time_zone", "Europe/Brussels"), ("date_format", "dmy")];
    b.post_form(PROFILE, &form(&csrf, &brussels)).await;
    let list = b.get("/client-portal/tickets?status=all").await;
    assert!(
        list.body.contains("15/01/2026, 2:05\u{202f}PM CET"),
        "{}",
        list.body
    );
    assert!(
        list.body.contains("15/07/2026, 3:05\u{202f}PM CEST"),
        "{}",
        list.body
    );
}

#[actix_web::test]
async fn the_account_tab_tells_the_role_in_words_and_shows_the_company_on_file() {
    let Some(app) = spawn_app().await else { return };
    let (p, b, _) = alice(&app).await;
    portal_actors::execute!(
        app.db.exec(),
        "UPDATE clients SET website = $3, phone = $4, billing_address = $5 \
         WHERE tenant = $1 AND client_id = $2",
        app.tenant.id,
        p.client_id,
        "https://acme.example/",
        "+32 2 555 00 00",
        r#"{"line1": "Rue de la Loi 16", "postal_code": "1000", "city": "Brussels", "country": "Belgium"}"#
    )
    .unwrap();
    let page = b.get("/client-portal/account").await;
    assert_eq!(page.status, 200, "{}", page.body);
    let body = &page.body;
    assert!(
        body.contains("User — raises and follows support tickets"),
        "{body}"
    );
    let (allowed, missing) = body.split_once("Not included in your role").unwrap();
    assert!(allowed.contains("Raise new support tickets"));
    assert!(missing.contains("See invoices, payments"));
    assert!(missing.contains("Manage your company's portal users"));
    assert!(body.contains("Rue de la Loi 16<br>1000 Brussels<br>Belgium"));
    assert!(body.contains(r#"href="https://acme.example/""#));
    assert!(body.contains("+32 2 555 00 00"));
    assert!(body.contains(r#"href="/client-portal/account" aria-current="page""#));

    // A role change shows at once, without signing in again.
    crate::helpers::set_portal_role(&app, &app.tenant, p.user.user_id, "finance").await;
    let page = b.get("/client-portal/account").await;
    let (allowed, _) = page.body.split_once("Not included in your role").unwrap();
    assert!(page.body.contains("Finance — sees and pays"));
    assert!(allowed.contains("See invoices, payments"));
    crate::helpers::set_portal_role(&app, &app.tenant, p.user.user_id, "admin").await;
    let page = b.get("/client-portal/account").await;
    assert!(page.body.contains("Manage your company's portal users"));
    assert!(!page.body.contains("Ask your company's administrator"));

    let post = b.post_form("/client-portal/account", &[]).await;
    assert_eq!(post.status, 405);
}

#[actix_web::test]
async fn download_my_data_holds_the_profile_sessions_sign_ins_tickets_and_comments() {
    let Some(app) = spawn_app().await else { return };
    let (p, b, _) = alice(&app).await;
    let c = catalog(&app, &app.tenant).await;
    let ticket = insert(
        &app,
        &app.tenant,
        &new_ticket(&app, &c, &p, "T-7", "Printer jams", 5),
    )
    .await;
    crate::ticket_data::comment(
        &app,
        &app.tenant,
        ticket,
        Some(&p),
        false,
        "Still jamming <b>",
    )
    .await;
    // Another company's ticket and comment stay out.
    let eve = person(&app, &app.tenant, "eve@globex.example", "Globex", None).await;
    let other = insert(
        &app,
        &app.tenant,
        &new_ticket(&app, &c, &eve, "T-8", "Globex VPN", 5),
    )
    .await;
    crate::ticket_data::comment(&app, &app.tenant, other, Some(&eve), false, "Globex secret").await;

    let page = b.get("/client-portal/profile").await;
    assert!(page
        .body
        .contains(r#"href="/client-portal/profile/data" download"#));
    // The audit actor writes in batches: reading the events flushes the sign-in's.
    assert!(!audit_events(&app, "sign_in").await.is_empty());
    let resp = b.get("/client-portal/profile/data").await;
    assert_eq!(resp.status, 200);
    assert_eq!(
        resp.header("content-disposition"),
        "attachment; filename=\"my-portal-data.json\""
    );
    assert_eq!(resp.header("x-content-type-options"), "nosniff");
    let data: Value = serde_json::from_str(&resp.body).unwrap();
    assert_eq!(data["profile"]["email"], "alice@acme.example");
    assert_eq!(data["profile"]["company"], "Acme");
    assert_eq!(data["profile"]["role"], "user");
    assert!(!data["sessions"].as_array().unwrap().is_empty());
    assert!(data["sign_ins"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["outcome"] == "success"));
    assert_eq!(data["tickets_raised"][0]["number"], "T-7");
    assert_eq!(data["tickets_raised"].as_array().unwrap().len(), 1);
    assert_eq!(data["comments"][0]["body"], "Still jamming <b>");
    assert!(!resp.body.contains("Globex"));
    assert_eq!(audit_events(&app, "data_exported").await.len(), 1);
}

#[actix_web::test]
async fn asking_for_deletion_tells_the_psa_and_the_companys_other_active_admins() {
    let smtp = crate::smtp_server::SmtpServer::start().await;
    let Some(app) = crate::helpers::spawn_app_with(crate::helpers::mail_to(&smtp)).await else {
        return;
    };
    let (p, b, csrf) = alice(&app).await;
    let ann = person(&app, &app.tenant, "ann@acme.example", "Acme", Some("Admin")).await;
    let old = person(&app, &app.tenant, "old@acme.example", "Acme", Some("Admin")).await;
    portal_actors::store::users::set_inactive(
        &app.db,
        app.tenant.id,
        old.user.user_id,
        true,
        crate::helpers::NowUtc::now_utc(&app.clock),
    )
    .await
    .unwrap();
    let version_before = contact(&app, &p).await.3;

    const DELETE: &str = "/client-portal/profile/delete-request";
    let unconfirmed = b.post_form(DELETE, &[("csrf_token", &csrf)]).await;
    assert_eq!(unconfirmed.status, 400);
    assert!(unconfirmed.body.contains("Tick the box to confirm"));
    let forged = b
        .post_form(DELETE, &[("csrf_token", "x"), ("confirm", "on")])
        .await;
    assert_eq!(forged.status, 403);

    let asked = b
        .post_form(DELETE, &[("csrf_token", &csrf), ("confirm", "on")])
        .await;
    assert_eq!(asked.status, 303, "{}", asked.body);
    assert_eq!(asked.location(), "/client-portal/profile?saved=deletion");
    let page = b.get(asked.location()).await;
    assert!(page.body.contains("Your request was sent"));
    let kinds: Vec<(String, i64)> = query_as!(
        app.db.exec(),
        (String, i64),
        fetch_all,
        "SELECT kind, version FROM directory_changes WHERE tenant = $1 AND contact_id = $2",
        app.tenant.id,
        p.contact_id
    )
    .unwrap();
    assert_eq!(
        kinds,
        vec![("deletion_requested".to_owned(), version_before)]
    );
    let mail = smtp
        .wait_for_nth(&ann.user.email, 0, std::time::Duration::from_secs(5))
        .await
        .expect("an email to the other admin");
    assert!(mail
        .header("subject")
        .unwrap_or_default()
        .contains("alice@acme.example"));
    assert!(mail.first_link().contains(&format!(
        "/client-portal/client-settings/users/{}",
        p.user.user_id
    )));
    assert!(smtp
        .messages()
        .iter()
        .all(|m| !m.rcpt_to.contains(&old.user.email)));
    assert_eq!(
        audit_events(&app, "account_deletion_requested").await.len(),
        1
    );
    // Nothing was deleted: Alice still signs in.
    assert_eq!(b.get("/client-portal/dashboard").await.status, 200);
}
