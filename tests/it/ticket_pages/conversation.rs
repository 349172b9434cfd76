//! A ticket's conversation shows only what clients may see.

use super::*;

#[actix_web::test]
async fn the_conversation_shows_only_what_clients_may_see() {
    let Some(app) = spawn_app().await else { return };
    let tenant = app.tenant.clone();
    let c = data::catalog(&app, &tenant).await;
    let ada = data::person(&app, &tenant, "ada@acme.example", "Acme", Some("User")).await;
    let bob = data::person(&app, &tenant, "bob@acme.example", "Acme", Some("User")).await;
    let mut seed = data::new_ticket(&app, &c, &ada, "TIC-42", "Email bounces", 60);
    seed.response = Some("awaiting_client");
    let ticket = data::insert(&app, &tenant, &seed).await;
    data::comment(
        &app,
        &tenant,
        ticket,
        Some(&ada),
        false,
        "Mails to *partner.example* bounce.",
    )
    .await;
    let support = data::comment(
        &app,
        &tenant,
        ticket,
        None,
        false,
        "Could you send a bounce message?",
    )
    .await;
    data::comment(
        &app,
        &tenant,
        ticket,
        None,
        true,
        "SECRET-NOTE: client's MX is misconfigured, bill 2h",
    )
    .await;
    let bobs = data::comment(&app, &tenant, ticket, Some(&bob), false, "Same here.").await;
    data::attachment(
        &app,
        &tenant,
        ticket,
        "bounce.eml",
        b"Delivery failed",
        true,
    )
    .await;
    let hidden = data::attachment(
        &app,
        &tenant,
        ticket,
        "SECRET-invoice-draft.pdf",
        b"SECRET-CONTENTS",
        false,
    )
    .await;

    let browser = data::signed_in(&app, &tenant, &ada).await;
    let page = browser.get("/client-portal/tickets/TIC-42").await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("<em>partner.example</em>"));
    assert!(page.body.contains("Could you send a bounce message?"));
    assert!(page.body.contains("Same here."));
    assert!(page.body.contains("bounce.eml"));
    assert!(page.body.contains("Awaiting your reply"));
    // Internal notes and hidden files: not in any page, list or download.
    let list = browser.get("/client-portal/tickets?status=all").await;
    let dashboard = browser.get("/client-portal/dashboard").await;
    let search = browser
        .get("/client-portal/tickets?status=all&q=secret")
        .await;
    for body in [&page.body, &list.body, &dashboard.body, &search.body] {
        assert!(!body.contains("SECRET"), "{body}");
    }
    let download = browser
        .get(&format!(
            "/client-portal/tickets/TIC-42/attachments/{hidden}"
        ))
        .await;
    assert_eq!(download.status, 404);
    assert!(!download.body.contains("SECRET"));

    // A reply: the ticket then awaits support.
    let token = csrf(&page);
    let empty = browser
        .post_form(
            "/client-portal/tickets/TIC-42/comments",
            &[("csrf_token", &token), ("body", "  ")],
        )
        .await;
    assert_eq!(empty.status, 400);
    assert!(empty.body.contains("This is required."));
    let replied = browser
        .post_form(
            "/client-portal/tickets/TIC-42/comments",
            &[
                ("csrf_token", &token),
                ("body", "Here it is:\n\n```\n550 5.1.1\n```"),
            ],
        )
        .await;
    assert_eq!(replied.status, 303, "{}", replied.body);
    let page = browser
        .get(replied.location().split('#').next().unwrap())
        .await;
    assert!(page.body.contains("Your reply was sent."));
    assert!(page.body.contains("<code>550 5.1.1"), "{}", page.body);
    assert!(page.body.contains("Awaiting support"));
    assert!(!page.body.contains("SECRET"));

    // Own comments can be edited; support's, Bob's, and internal ones cannot (404).
    let mine = page
        .body
        .split("?edit=")
        .nth(1)
        .and_then(|rest| rest.split('#').next())
        .expect("an edit link on Ada's comment")
        .to_owned();
    let editing = browser
        .get(&format!("/client-portal/tickets/TIC-42?edit={mine}"))
        .await;
    assert!(editing
        .body
        .contains(&format!("/client-portal/tickets/TIC-42/comments/{mine}")));
    let edited = browser
        .post_form(
            &format!("/client-portal/tickets/TIC-42/comments/{mine}"),
            &[
                ("csrf_token", &token),
                ("body", "Mails to partner.example still bounce."),
            ],
        )
        .await;
    assert_eq!(edited.status, 303, "{}", edited.body);
    let page = browser.get("/client-portal/tickets/TIC-42").await;
    assert!(page.body.contains("still bounce") && page.body.contains("edited"));
    for other in [support, bobs] {
        let refused = browser
            .post_form(
                &format!("/client-portal/tickets/TIC-42/comments/{other}"),
                &[("csrf_token", &token), ("body", "hijacked")],
            )
            .await;
        assert_eq!(refused.status, 404, "{other}");
    }
    let page = browser.get("/client-portal/tickets/TIC-42").await;
    assert!(!page.body.contains("hijacked"));
    assert_eq!(
        app.metric(
            "portal_ticket_comments_total",
            &[("author", "client"), ("outcome", "success")]
        )
        .await,
        1.0
    );

    // Close, then reopen (twice in a row is harmless).
    for (action, notice, state) in [
        ("close", "The ticket was closed.", "Resolved"),
        ("close", "The ticket was closed.", "Resolved"),
        ("reopen", "The ticket was reopened.", "New"),
    ] {
        let done = browser
            .post_form(
                &format!("/client-portal/tickets/TIC-42/{action}"),
                &[("csrf_token", &token)],
            )
            .await;
        assert_eq!(done.status, 303, "{action}: {}", done.body);
        let page = browser
            .get(done.location().split('#').next().unwrap())
            .await;
        assert!(page.body.contains(notice), "{action}");
        assert!(page.body.contains(state), "{action}: {}", page.body);
    }
    let closed = browser.get("/client-portal/tickets?status=closed").await;
    assert!(numbers(&closed.body).is_empty(), "reopened");
    // No CSRF token: refused, nothing changes.
    let forged = browser
        .post_form(
            "/client-portal/tickets/TIC-42/close",
            &[("csrf_token", "x")],
        )
        .await;
    assert_eq!(forged.status, 403);
    let open = browser.get("/client-portal/tickets").await;
    assert_eq!(numbers(&open.body), ["TIC-42"]);
}
