//! A ticket's conversation shows only what clients may see.

use uuid::Uuid;

use super::*;
use crate::helpers::TestApp;

/// TIC-42 ("Email bounces", awaiting the client) with Ada's and Bob's comments, support's reply,
/// an internal note and a hidden file (both marked SECRET), a shared file; Ada signed in on it.
struct Conversation {
    browser: Browser,
    /// Ada's first view of the ticket page.
    page: Page,
    /// The CSRF token of its forms.
    token: String,
    support: Uuid,
    bobs: Uuid,
    hidden: Uuid,
    app: TestApp,
}

impl Conversation {
    async fn open() -> Option<Conversation> {
        let app = spawn_app().await?;
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
        let token = csrf(&page);
        Some(Conversation {
            browser,
            page,
            token,
            support,
            bobs,
            hidden,
            app,
        })
    }

    /// Ada replies (with a code block); the page it leads to.
    async fn reply(&self) -> Page {
        let (browser, token) = (&self.browser, &self.token);
        let replied = browser
            .post_form(
                "/client-portal/tickets/TIC-42/comments",
                &[
                    ("csrf_token", token),
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
        page
    }
}

#[actix_web::test]
async fn the_conversation_shows_comments_shared_files_and_that_it_awaits_a_reply() {
    let Some(c) = Conversation::open().await else {
        return;
    };
    let page = &c.page;
    assert!(page.body.contains("<em>partner.example</em>"));
    assert!(page.body.contains("Could you send a bounce message?"));
    assert!(page.body.contains("Same here."));
    assert!(page.body.contains("bounce.eml"));
    assert!(page.body.contains("Awaiting your reply"));
}

#[actix_web::test]
async fn internal_notes_and_hidden_files_are_in_no_page_list_or_download() {
    let Some(c) = Conversation::open().await else {
        return;
    };
    let page = &c.page;
    // Internal notes and hidden files: not in any page, list or download.
    let list = c.browser.get("/client-portal/tickets?status=all").await;
    let dashboard = c.browser.get("/client-portal/dashboard").await;
    let search = c
        .browser
        .get("/client-portal/tickets?status=all&q=secret")
        .await;
    for body in [&page.body, &list.body, &dashboard.body, &search.body] {
        assert!(!body.contains("SECRET"), "{body}");
    }
    let download = c
        .browser
        .get(&format!(
            "/client-portal/tickets/TIC-42/attachments/{}",
            c.hidden
        ))
        .await;
    assert_eq!(download.status, 404);
    assert!(!download.body.contains("SECRET"));
}

#[actix_web::test]
async fn a_reply_needs_a_body_and_then_the_ticket_awaits_support() {
    let Some(c) = Conversation::open().await else {
        return;
    };
    // A reply: the ticket then awaits support.
    let empty = c
        .browser
        .post_form(
            "/client-portal/tickets/TIC-42/comments",
            &[("csrf_token", &c.token), ("body", "  ")],
        )
        .await;
    assert_eq!(empty.status, 400);
    assert!(empty.body.contains("This is required."));
    c.reply().await;
}

#[actix_web::test]
async fn own_comments_can_be_edited_and_no_one_elses() {
    let Some(c) = Conversation::open().await else {
        return;
    };
    let page = c.reply().await;
    // Own comments can be edited; support's, Bob's, and internal ones cannot (404).
    let mine = page
        .body
        .split("?edit=")
        .nth(1)
        .and_then(|rest| rest.split('#').next())
        .expect("an edit link on Ada's comment")
        .to_owned();
    let editing = c
        .browser
        .get(&format!("/client-portal/tickets/TIC-42?edit={mine}"))
        .await;
    assert!(editing
        .body
        .contains(&format!("/client-portal/tickets/TIC-42/comments/{mine}")));
    let edited = c
        .browser
        .post_form(
            &format!("/client-portal/tickets/TIC-42/comments/{mine}"),
            &[
                ("csrf_token", &c.token),
                ("body", "Mails to partner.example still bounce."),
            ],
        )
        .await;
    assert_eq!(edited.status, 303, "{}", edited.body);
    let page = c.browser.get("/client-portal/tickets/TIC-42").await;
    assert!(page.body.contains("still bounce") && page.body.contains("edited"));
    for other in [c.support, c.bobs] {
        let refused = c
            .browser
            .post_form(
                &format!("/client-portal/tickets/TIC-42/comments/{other}"),
                &[("csrf_token", &c.token), ("body", "hijacked")],
            )
            .await;
        assert_eq!(refused.status, 404, "{other}");
    }
    let page = c.browser.get("/client-portal/tickets/TIC-42").await;
    assert!(!page.body.contains("hijacked"));
    assert_eq!(
        c.app
            .metric(
                "portal_ticket_comments_total",
                &[("author", "client"), ("outcome", "success")]
            )
            .await,
        1.0
    );
}

#[actix_web::test]
async fn tickets_close_and_reopen_with_their_csrf_token_only() {
    let Some(c) = Conversation::open().await else {
        return;
    };
    c.reply().await;
    // Close, then reopen (twice in a row is harmless).
    for (action, notice, state) in [
        ("close", "The ticket was closed.", "Resolved"),
        ("close", "The ticket was closed.", "Resolved"),
        ("reopen", "The ticket was reopened.", "New"),
    ] {
        let done = c
            .browser
            .post_form(
                &format!("/client-portal/tickets/TIC-42/{action}"),
                &[("csrf_token", &c.token)],
            )
            .await;
        assert_eq!(done.status, 303, "{action}: {}", done.body);
        let page = c
            .browser
            .get(done.location().split('#').next().unwrap())
            .await;
        assert!(page.body.contains(notice), "{action}");
        assert!(page.body.contains(state), "{action}: {}", page.body);
    }
    let closed = c.browser.get("/client-portal/tickets?status=closed").await;
    assert!(numbers(&closed.body).is_empty(), "reopened");
    // No CSRF token: refused, nothing changes.
    let forged = c
        .browser
        .post_form(
            "/client-portal/tickets/TIC-42/close",
            &[("csrf_token", "x")],
        )
        .await;
    assert_eq!(forged.status, 403);
    let open = c.browser.get("/client-portal/tickets").await;
    assert_eq!(numbers(&open.body), ["TIC-42"]);
}
