//! Portal access from the PSA: `POST /integration/v1/contacts/{id}/invitation` emails the
//! invitation (the same email and link as the other ways of inviting) and `GET` shows the
//! contact's account, two-factor, last sign-in and pending invitation. Each step (invited,
//! activated, deactivated, reactivated) lands in the changes feed and bumps the contact's
//! version. Refusals (404, 409 `already_has_account`, `inactive`, `email_taken`) send and write
//! nothing, and a token never reaches another tenant's contacts.

use portal_actors::store::users;

use super::changes::{contact, contact_version, ids, read_until, recorded_changes};
use super::*;
use crate::helpers::{audit_events, Browser, NowUtc, Page, CSRF_COOKIE};
use crate::password_reset::{app_with_mail, canonical_path, hidden};
use crate::smtp_server::SmtpServer;

const NEW_PASSWORD: &str = "harbour lantern quartz 77";

fn invitation(contact_id: impl std::fmt::Display) -> String {
    format!("/contacts/{contact_id}/invitation")
}

async fn nth_mail(smtp: &SmtpServer, email: &str, n: usize) -> crate::smtp_server::Received {
    smtp.wait_for_nth(email, n, std::time::Duration::from_secs(5))
        .await
        .unwrap_or_else(|| panic!("no email {} to {email}", n + 1))
}

/// Sets the password on the setup form the invitation link opened.
async fn set_up(browser: &Browser, form: &Page) -> Page {
    let csrf = browser.cookie(CSRF_COOKIE).expect("csrf cookie");
    browser
        .post_form(
            "/auth/portal/setup",
            &[
                ("token", hidden(form, "token").as_str()),
                ("tenant", hidden(form, "tenant").as_str()),
                ("csrf_token", csrf.as_str()),
                ("new_password", NEW_PASSWORD),
                ("confirm_password", NEW_PASSWORD),
            ],
        )
        .await
}

/// What a refusal must leave untouched: links, queued email, feed rows, the contact's version.
#[derive(Debug, PartialEq, Eq)]
struct Written {
    tokens: i64,
    outbox: i64,
    changes: i64,
    users: i64,
}

async fn written(app: &TestApp) -> Written {
    let count = |sql: &'static str| async move {
        portal_actors::fetch_one_scalar!(app.db.exec(), i64, sql).unwrap()
    };
    Written {
        tokens: count("SELECT COUNT(*) FROM account_tokens").await,
        outbox: count("SELECT COUNT(*) FROM outbox").await,
        changes: recorded_changes(app).await,
        users: count("SELECT COUNT(*) FROM users").await,
    }
}

#[actix_web::test]
async fn the_psa_invites_a_contact_who_sets_up_and_the_feed_records_each_step() {
    let Some((smtp, app)) = app_with_mail().await else {
        return;
    };
    let tenant = app.tenant.clone();
    let api = Api::new(&app, &tenant).await;
    let (acme, dana) = contact(&app, &tenant, "Acme", "Dana Kim", "dana@acme.example").await;

    let (status, before) = api.get(&invitation(dana)).await;
    assert_eq!(status, 200, "{before}");
    assert_eq!(
        before,
        json!({
            "has_account": false,
            "has_password": false,
            "two_factor_enabled": false,
            "last_sign_in_at": null,
            "invitation": {"pending": false},
            "inactive": false,
        })
    );

    // The invitation: 201, the email queued and delivered, the link pending.
    let (status, sent) = api.post(&invitation(dana), &json!({})).await;
    assert_eq!(status, 201, "{sent}");
    assert_eq!(sent["state"], "invited");
    assert_eq!(sent["email"], "dana@acme.example");
    let mail = nth_mail(&smtp, "dana@acme.example", 0).await;
    assert!(mail.header("Subject").unwrap().contains(&tenant.name));
    let link = mail.first_link();
    assert!(link.contains("/auth/portal/setup?token="), "{link}");
    let (_, pending) = api.get(&invitation(dana)).await;
    assert_eq!(pending["has_account"], false);
    assert_eq!(pending["invitation"]["pending"], true, "{pending}");
    // The same instant (PostgreSQL keeps microseconds).
    let at = |v: &Value| {
        v.as_str()
            .unwrap()
            .parse::<chrono::DateTime<chrono::Utc>>()
            .unwrap()
    };
    let drift = at(&pending["invitation"]["expires_at"]) - at(&sent["expires_at"]);
    assert!(
        drift.num_microseconds().unwrap().abs() < 1,
        "{pending} {sent}"
    );
    let sent_events = audit_events(&app, "invitation_sent").await;
    assert!(sent_events.iter().any(|e| e.outcome == "success"
        && e.email.as_deref() == Some("dana@acme.example")
        && e.details
            .as_deref()
            .is_some_and(|d| d.contains("integration"))));

    let (changes, cursor) = read_until(&api, "", 1).await;
    assert_eq!(changes.len(), 1, "{changes:?}");
    let invited = &changes[0];
    assert_eq!(invited["kind"], "user_invited");
    assert_eq!(invited["contact_id"], dana.to_string());
    assert_eq!(invited["client_id"], acme.to_string());
    assert_eq!(invited["version"], 2);
    assert_eq!(invited["data"]["email"], "dana@acme.example");
    assert_eq!(invited["data"]["by"], "integration");
    assert!(invited.get("user_id").is_none(), "{invited}");

    // Dana follows the link and sets a password: activated.
    let browser = app.browser();
    let form = browser.get(&canonical_path(&link)).await;
    assert_eq!(form.status, 200, "{}", form.body);
    let done = set_up(&browser, &form).await;
    assert_eq!(done.status, 303, "{}", done.body);
    let signed_in = app
        .browser()
        .sign_in(&tenant.slug, "dana@acme.example", NEW_PASSWORD)
        .await;
    assert_eq!(signed_in.status, 303, "{}", signed_in.body);
    let (_, active) = api.get(&invitation(dana)).await;
    assert_eq!(active["has_account"], true, "{active}");
    assert_eq!(active["has_password"], true);
    assert_eq!(active["two_factor_enabled"], false);
    assert!(active["last_sign_in_at"].is_string(), "{active}");
    assert_eq!(active["invitation"], json!({"pending": false}));
    assert_eq!(active["inactive"], false);
    let (activated, cursor) = read_until(&api, &cursor, 1).await;
    assert_eq!(activated.len(), 1, "{activated:?}");
    let user_id: Uuid = activated[0]["user_id"].as_str().unwrap().parse().unwrap();
    assert_eq!(activated[0]["kind"], "user_activated");
    assert_eq!(
        activated[0]["data"],
        json!({"email": "dana@acme.example", "method": "invitation"})
    );
    assert_eq!(activated[0]["version"], 3);

    // Inviting someone who signs in already: 409, nothing sent or written.
    let untouched = written(&app).await;
    let (status, body) = api.post(&invitation(dana), &json!({})).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (409, Some("already_has_account")),
        "{body}"
    );
    assert_eq!(written(&app).await, untouched);

    // Deactivated (once, however often it is said), then reactivated.
    let now = app.clock.now_utc();
    for _ in 0..2 {
        users::set_inactive(&app.db, tenant.id, user_id, true, now)
            .await
            .unwrap();
    }
    let (_, off) = api.get(&invitation(dana)).await;
    assert_eq!(off["inactive"], true, "{off}");
    users::set_inactive(&app.db, tenant.id, user_id, false, now)
        .await
        .unwrap();
    let (rest, _) = read_until(&api, &cursor, 2).await;
    let kinds: Vec<&str> = rest.iter().map(|c| c["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["user_deactivated", "user_reactivated"]);
    for (change, version) in rest.iter().zip([4, 5]) {
        assert_eq!(change["version"], version, "{change}");
        assert_eq!(change["user_id"], user_id.to_string());
        assert_eq!(change["data"], json!({"email": "dana@acme.example"}));
    }
    assert_eq!(contact_version(&app, tenant.id, dana).await, 5);
    let (all, _) = read_until(&api, "", 4).await;
    assert_eq!(all.len(), 4);
    assert_eq!(
        ids(&all)[0].to_string(),
        invited["change_id"].as_str().unwrap()
    );
}

#[actix_web::test]
async fn refusals_answer_404_or_409_and_send_and_write_nothing() {
    let Some((smtp, app)) = app_with_mail().await else {
        return;
    };
    let tenant = app.tenant.clone();
    let api = Api::new(&app, &tenant).await;
    // Olga (Globex) signs in as shared@example.com; Sam (Acme) is a contact with the same email.
    app.client_user(None, "shared@example.com", "Globex").await;
    let (_, olga) = company_of(&app, &tenant, "shared@example.com").await;
    let (_, sam) = contact(&app, &tenant, "Acme", "Sam Lee", "shared@example.com").await;
    let (_, gone) = contact(&app, &tenant, "Acme", "Gone Person", "gone@acme.example").await;
    portal_actors::execute!(
        app.db.exec(),
        "UPDATE contacts SET is_inactive = $3 WHERE tenant = $1 AND contact_id = $2",
        tenant.id,
        gone,
        true
    )
    .unwrap();
    let (closed_co, closed) = contact(
        &app,
        &tenant,
        "Closed Ltd",
        "Cleo Shut",
        "cleo@closed.example",
    )
    .await;
    portal_actors::execute!(
        app.db.exec(),
        "UPDATE clients SET is_inactive = $3 WHERE tenant = $1 AND client_id = $2",
        tenant.id,
        closed_co,
        true
    )
    .unwrap();
    // A deactivated user who never set a password (as single sign-on provisions them).
    let sso = app
        .user(
            None,
            "sso@acme.example",
            portal_actors::model::UserType::Client,
            Some("Acme"),
            None,
        )
        .await;
    users::set_inactive(&app.db, tenant.id, sso.user_id, true, app.clock.now_utc())
        .await
        .unwrap();
    let (_, sso_contact) = company_of(&app, &tenant, "sso@acme.example").await;
    let other = app.create_tenant("Contoso IT").await;
    let (_, foreign) = contact(&app, &other, "Acme", "Dana Kim", "dana@acme.example").await;

    let versions = [sam, gone, closed, olga, sso_contact];
    let mut before = Vec::new();
    for c in versions {
        before.push(contact_version(&app, tenant.id, c).await);
    }
    let untouched = written(&app).await;
    let refused = |(status, body): (u16, Value), want: (u16, &str)| {
        assert_eq!(
            (status, body["error"].as_str().unwrap_or("")),
            want,
            "{body}"
        );
        if status == 409 {
            assert!(
                body["message"].as_str().is_some_and(|m| !m.is_empty()),
                "{body}"
            );
        }
    };
    refused(
        api.post(&invitation(sam), &json!({})).await,
        (409, "email_taken"),
    );
    refused(
        api.post(&invitation(gone), &json!({})).await,
        (409, "inactive"),
    );
    refused(
        api.post(&invitation(closed), &json!({})).await,
        (409, "inactive"),
    );
    refused(
        api.post(&invitation(olga), &json!({})).await,
        (409, "already_has_account"),
    );
    refused(
        api.post(&invitation(sso_contact), &json!({})).await,
        (409, "inactive"),
    );
    refused(
        api.post(&invitation(Uuid::new_v4()), &json!({})).await,
        (404, "not_found"),
    );
    // Another tenant's contact does not exist for this token, and the reverse.
    refused(
        api.post(&invitation(foreign), &json!({})).await,
        (404, "not_found"),
    );
    refused(api.get(&invitation(foreign)).await, (404, "not_found"));
    let api_other = Api::new(&app, &other).await;
    refused(
        api_other.post(&invitation(sam), &json!({})).await,
        (404, "not_found"),
    );
    refused(api_other.get(&invitation(olga)).await, (404, "not_found"));
    refused(
        api.get(&invitation(Uuid::new_v4())).await,
        (404, "not_found"),
    );
    assert_field(
        &api.post("/contacts/nope/invitation", &json!({})).await,
        "contact_id",
    );
    assert_field(&api.get("/contacts/nope/invitation").await, "contact_id");
    let anonymous = Api::with_token(&app, "not-a-token");
    assert_eq!(anonymous.post(&invitation(sam), &json!({})).await.0, 401);

    assert_eq!(written(&app).await, untouched);
    for (c, version) in versions.into_iter().zip(before) {
        assert_eq!(contact_version(&app, tenant.id, c).await, version);
    }
    let sent = audit_events(&app, "invitation_sent").await;
    assert!(sent.iter().all(|e| e.outcome == "failure"), "{sent:?}");
    assert!(sent
        .iter()
        .any(|e| e.reason.as_deref() == Some("email_taken")));
    // What GET says of them.
    let (_, shared) = api.get(&invitation(sam)).await;
    assert_eq!(shared["has_account"], false, "{shared}");
    let (_, inactive) = api.get(&invitation(closed)).await;
    assert_eq!(inactive["inactive"], true, "{inactive}");
    let (_, ssos) = api.get(&invitation(sso_contact)).await;
    assert_eq!(
        (
            &ssos["has_account"],
            &ssos["has_password"],
            &ssos["inactive"]
        ),
        (&json!(true), &json!(false), &json!(true)),
        "{ssos}"
    );
    let (_, olgas) = api.get(&invitation(olga)).await;
    assert_eq!(olgas["has_account"], true, "{olgas}");
    // Once Olga's address changes, Sam can be invited: the email is free again.
    portal_actors::execute!(
        app.db.exec(),
        "UPDATE users SET email = $2 WHERE tenant = $1 AND email = $3",
        tenant.id,
        "olga@globex.example",
        "shared@example.com"
    )
    .unwrap();
    let (status, body) = api.post(&invitation(sam), &json!({})).await;
    assert_eq!(status, 201, "{body}");
    nth_mail(&smtp, "shared@example.com", 0).await;
    assert_eq!(smtp.messages().len(), 1);
    // The address another tenant uses is no obstacle either.
    let (status, body) = api_other.post(&invitation(foreign), &json!({})).await;
    assert_eq!(status, 201, "{body}");
}
