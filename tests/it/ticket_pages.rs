//! Raising a ticket (with and without files), its page, the conversation (internal notes and
//! hidden files never shown), replies and edits, close and reopen, uploads and downloads.

use crate::helpers::{spawn_app, spawn_app_with, Browser, Page, SESSION_COOKIE};
use crate::ticket_data::{self as data, numbers};

fn csrf(page: &Page) -> String {
    Browser::form_csrf(page)
}

#[actix_web::test]
async fn raising_a_ticket_with_and_without_files() {
    let Some(app) = spawn_app().await else { return };
    let tenant = app.tenant.clone();
    let c = data::catalog(&app, &tenant).await;
    let ada = data::person(&app, &tenant, "ada@acme.example", "Acme", Some("User")).await;
    let browser = data::signed_in(&app, &tenant, &ada).await;

    let form = browser.get("/client-portal/tickets/new").await;
    assert_eq!(form.status, 200, "{}", form.body);
    assert!(form.body.contains("Service Desk") && form.body.contains("Projects"));
    assert!(form.body.contains("Only on Projects"), "{}", form.body);
    let token = csrf(&form);
    let desk = c.desk.to_string();
    let low = c.low.to_string();
    let fields = |title: &'static str, priority: &str, board: &str| {
        vec![
            ("csrf_token", token.clone()),
            ("title", title.to_owned()),
            ("board", board.to_owned()),
            ("priority", priority.to_owned()),
            ("category", String::new()),
            (
                "description",
                "The **printer** on floor 2 shows *PC LOAD LETTER*.".to_owned(),
            ),
        ]
    };
    let post = |fields: Vec<(&'static str, String)>,
                files: Vec<(&'static str, &'static str, &'static str, Vec<u8>)>| {
        let browser = browser.clone();
        async move {
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            browser
                .post_multipart("/client-portal/tickets", &fields, &files)
                .await
        }
    };

    // Without files; an empty file input still sends an empty, nameless part.
    let created = post(
        fields("Printer jam", &low, &desk),
        vec![("files", "", "application/octet-stream", vec![])],
    )
    .await;
    assert_eq!(created.status, 303, "{}", created.body);
    assert_eq!(
        created.location(),
        "/client-portal/tickets/TIC-1000?done=created#main"
    );
    let page = browser
        .get("/client-portal/tickets/TIC-1000?done=created")
        .await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Your ticket was raised"));
    assert!(page.body.contains("Printer jam"));
    assert!(
        page.body.contains("<strong>printer</strong>"),
        "{}",
        page.body
    );
    assert!(page.body.contains("New"), "the board's default status");
    assert!(page.body.contains("Awaiting support"));
    assert!(page.body.contains("No attachments."));
    assert!(
        page.body.contains("Test Contact"),
        "the contact is the signed-in user"
    );

    // With two files, a minute later.
    app.clock.advance(chrono::Duration::minutes(1));
    let files = vec![
        (
            "files",
            "error.log",
            "text/plain",
            b"PC LOAD LETTER at 09:14".to_vec(),
        ),
        (
            "files",
            "..\\..\\photo \"front\".txt",
            "text/html",
            b"<script>alert(1)</script>".to_vec(),
        ),
    ];
    let created = post(fields("Scanner offline", &low, &desk), files).await;
    assert_eq!(created.status, 303, "{}", created.body);
    assert!(created
        .location()
        .starts_with("/client-portal/tickets/TIC-1001"));
    let page = browser.get("/client-portal/tickets/TIC-1001").await;
    assert!(page.body.contains("error.log"));
    assert!(
        page.body.contains("photo front.txt"),
        "file names are cleaned: {}",
        page.body
    );
    let download = browser
        .get(&attachment_link(&page.body, "photo front.txt"))
        .await;
    assert_eq!(download.status, 200);
    assert_eq!(download.body, "<script>alert(1)</script>");
    assert_eq!(download.header("x-content-type-options"), "nosniff");
    assert_eq!(
        download.header("content-security-policy"),
        "sandbox; default-src 'none'"
    );
    assert!(
        download
            .header("content-disposition")
            .starts_with("attachment"),
        "{:?}",
        download.headers
    );
    assert!(download
        .header("content-disposition")
        .contains("photo front.txt"));

    // Refusals keep what was typed, name the field and create nothing.
    for (fields, problem) in [
        (fields("", &low, &desk), "This is required."),
        (
            fields("Wrong priority", &c.project_only.to_string(), &desk),
            "Please choose one of the options offered.",
        ),
        (
            fields("Unknown board", &low, &uuid::Uuid::new_v4().to_string()),
            "Please choose one of the options offered.",
        ),
        (
            fields("Garbage ids", "not-a-uuid", &desk),
            "Please choose one of the options offered.",
        ),
    ] {
        let title = fields[1].1.clone();
        let refused = post(fields, vec![]).await;
        assert_eq!(refused.status, 400, "{title}: {}", refused.body);
        assert!(refused.body.contains(problem), "{title}: {}", refused.body);
        assert!(
            refused.body.contains("PC LOAD LETTER"),
            "the description is kept"
        );
    }
    // A forged form (wrong CSRF token) is refused before anything is kept.
    let mut forged = fields("Forged", &low, &desk);
    forged[0].1 = "nope".into();
    let refused = post(
        forged,
        vec![("files", "a.txt", "text/plain", b"x".to_vec())],
    )
    .await;
    assert_eq!(refused.status, 403);
    let list = browser.get("/client-portal/tickets").await;
    assert_eq!(numbers(&list.body), ["TIC-1001", "TIC-1000"]);
    assert_eq!(
        app.metric(
            "portal_tickets_created_total",
            &[("source", "portal"), ("outcome", "success")]
        )
        .await,
        2.0
    );
    assert_eq!(
        app.metric(
            "portal_tickets_created_total",
            &[("source", "portal"), ("outcome", "invalid")]
        )
        .await,
        4.0
    );
    assert_eq!(
        app.metric(
            "portal_ticket_attachments_uploaded_total",
            &[("outcome", "success")]
        )
        .await,
        2.0
    );
}

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

#[actix_web::test]
async fn uploads_are_limited_and_refused_ones_leave_nothing() {
    let Some(app) = spawn_app_with(|s| {
        s.tickets.max_attachment_bytes = 1024;
        s.tickets.max_files_per_upload = 2;
    })
    .await
    else {
        return;
    };
    let tenant = app.tenant.clone();
    let c = data::catalog(&app, &tenant).await;
    let ada = data::person(&app, &tenant, "ada@acme.example", "Acme", Some("User")).await;
    data::insert(
        &app,
        &tenant,
        &data::new_ticket(&app, &c, &ada, "TIC-5", "Slow Wi-Fi", 5),
    )
    .await;
    let browser = data::signed_in(&app, &tenant, &ada).await;
    let page = browser.get("/client-portal/tickets/TIC-5").await;
    let token = csrf(&page);
    let path = "/client-portal/tickets/TIC-5/attachments";
    let stored = || walk(&app.attachments_dir);

    let too_big = browser
        .post_multipart(
            path,
            &[("csrf_token", &token)],
            &[(
                "files",
                "big.bin",
                "application/octet-stream",
                vec![7u8; 1025],
            )],
        )
        .await;
    assert_eq!(too_big.status, 413, "{}", too_big.body);
    assert!(
        too_big.body.contains("larger than 1 MB") || too_big.body.contains("A file is larger"),
        "{}",
        too_big.body
    );
    let empty = browser
        .post_multipart(
            path,
            &[("csrf_token", &token)],
            &[("files", "empty.txt", "text/plain", vec![])],
        )
        .await;
    assert_eq!(empty.status, 400);
    assert!(empty.body.contains("A file is empty."), "{}", empty.body);
    let many = browser
        .post_multipart(
            path,
            &[("csrf_token", &token)],
            &[
                ("files", "a.txt", "text/plain", b"a".to_vec()),
                ("files", "b.txt", "text/plain", b"b".to_vec()),
                ("files", "c.txt", "text/plain", b"c".to_vec()),
            ],
        )
        .await;
    assert_eq!(many.status, 400);
    assert!(many.body.contains("Too many files"), "{}", many.body);
    let nameless = browser
        .post_multipart(
            path,
            &[("csrf_token", &token)],
            &[("files", "...", "text/plain", b"x".to_vec())],
        )
        .await;
    assert_eq!(nameless.status, 400);
    let none = browser
        .post_multipart(path, &[("csrf_token", &token)], &[])
        .await;
    assert_eq!(none.status, 400);
    let forged = browser
        .post_multipart(
            path,
            &[("csrf_token", "forged")],
            &[("files", "a.txt", "text/plain", b"a".to_vec())],
        )
        .await;
    assert_eq!(forged.status, 403);
    // A good file next to a too-large one: the whole upload is refused.
    let mixed = browser
        .post_multipart(
            path,
            &[("csrf_token", &token)],
            &[
                ("files", "ok.txt", "text/plain", b"fine".to_vec()),
                (
                    "files",
                    "big.bin",
                    "application/octet-stream",
                    vec![1u8; 4096],
                ),
            ],
        )
        .await;
    assert_eq!(mixed.status, 413);
    assert!(
        stored().is_empty(),
        "refused uploads left files: {:?}",
        stored()
    );
    let page = browser.get("/client-portal/tickets/TIC-5").await;
    assert!(page.body.contains("No attachments."));

    // Exactly at the limit is fine; an odd content type is stored as octet-stream.
    let ok = browser
        .post_multipart(
            path,
            &[("csrf_token", &token)],
            &[("files", "max.bin", "application/x!odd", vec![3u8; 1024])],
        )
        .await;
    assert_eq!(ok.status, 303, "{}", ok.body);
    assert_eq!(stored().len(), 1);
    let page = browser.get("/client-portal/tickets/TIC-5").await;
    assert!(
        page.body.contains("max.bin") && page.body.contains("1.0 KiB"),
        "{}",
        page.body
    );
    let download = browser.get(&attachment_link(&page.body, "max.bin")).await;
    assert_eq!(download.header("content-type"), "application/octet-stream");
    assert_eq!(download.header("content-length"), "1024");
    assert_eq!(
        app.metric(
            "portal_ticket_attachments_uploaded_total",
            &[("outcome", "too_large")]
        )
        .await,
        2.0
    );
    assert_eq!(
        app.metric(
            "portal_ticket_attachments_uploaded_total",
            &[("outcome", "empty")]
        )
        .await,
        1.0
    );
    assert_eq!(
        app.metric(
            "portal_ticket_attachments_uploaded_total",
            &[("outcome", "success")]
        )
        .await,
        1.0
    );
}

/// The download link of the attachment shown as `name`.
pub fn attachment_link(body: &str, name: &str) -> String {
    let end = body
        .find(&format!("\" download>{name}<"))
        .expect("attachment link");
    let start = body[..end].rfind("href=\"").expect("href") + "href=\"".len();
    body[start..end].to_owned()
}

/// Every stored file (not the temporary folder, which must be empty too).
fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[actix_web::test]
async fn hostile_ticket_forms_get_clear_errors_and_change_nothing() {
    let Some(app) = spawn_app_with(|s| {
        s.tickets.max_attachment_bytes = 1024;
        s.tickets.max_files_per_upload = 1;
    })
    .await
    else {
        return;
    };
    let tenant = app.tenant.clone();
    let c = data::catalog(&app, &tenant).await;
    let ada = data::person(&app, &tenant, "ada@acme.example", "Acme", Some("User")).await;
    data::insert(
        &app,
        &tenant,
        &data::new_ticket(&app, &c, &ada, "TIC-5", "Slow Wi-Fi", 5),
    )
    .await;
    let browser = data::signed_in(&app, &tenant, &ada).await;
    let page = browser.get("/client-portal/tickets/TIC-5").await;
    let token = csrf(&page);
    let (desk, low) = (c.desk.to_string(), c.low.to_string());
    let ticket_fields = |title: String, description: String| {
        vec![
            ("csrf_token".to_owned(), token.clone()),
            ("title".to_owned(), title),
            ("board".to_owned(), desk.clone()),
            ("priority".to_owned(), low.clone()),
            ("description".to_owned(), description),
        ]
    };
    let post = |fields: Vec<(String, String)>,
                files: Vec<(&'static str, &'static str, &'static str, Vec<u8>)>| {
        let browser = browser.clone();
        async move {
            let fields: Vec<(&str, &str)> = fields
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            browser
                .post_multipart("/client-portal/tickets", &fields, &files)
                .await
        }
    };

    // Not multipart at all.
    let urlencoded = browser
        .post_form(
            "/client-portal/tickets",
            &[("csrf_token", &token), ("title", "x")],
        )
        .await;
    assert_eq!(urlencoded.status, 400, "{}", urlencoded.body);
    assert!(urlencoded.body.contains("<html"), "an HTML error page");
    // Too long, control characters, oversized fields, too many fields, endless files.
    let long_title = post(ticket_fields("x".repeat(201), "d".into()), vec![]).await;
    assert_eq!(long_title.status, 400);
    assert!(long_title.body.contains("This is too long."));
    let control = post(ticket_fields("bell\u{7}".into(), "d".into()), vec![]).await;
    assert_eq!(control.status, 400);
    assert!(control.body.contains("cannot be used"));
    let long_body = post(ticket_fields("Long".into(), "é".repeat(20_001)), vec![]).await;
    assert_eq!(long_body.status, 400);
    assert!(long_body.body.contains("This is too long."));
    let huge_field = post(ticket_fields("Huge".into(), "x".repeat(200_000)), vec![]).await;
    assert_eq!(huge_field.status, 413);
    let mut many = ticket_fields("Many".into(), "d".into());
    for i in 0..20 {
        many.push((format!("extra{i}"), "v".into()));
    }
    assert_eq!(post(many, vec![]).await.status, 413);
    let endless = post(
        ticket_fields("Endless".into(), "d".into()),
        vec![(
            "files",
            "big.bin",
            "application/octet-stream",
            vec![0u8; 3 * 1024 * 1024],
        )],
    )
    .await;
    assert_eq!(endless.status, 413);
    // A broken multipart body.
    let broken = app
        .http
        .post(format!("{}/client-portal/tickets", app.base))
        .header("origin", &app.base)
        .header(
            "cookie",
            format!(
                "{SESSION_COOKIE}={}",
                browser.cookie(SESSION_COOKIE).unwrap_or_default()
            ),
        )
        .header("content-type", "multipart/form-data; boundary=XYZ")
        .body("--XYZ\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nunterminated")
        .send()
        .await
        .unwrap();
    assert!(broken.status().is_client_error(), "{}", broken.status());
    // Comments: long but allowed sizes get the form's own message, not a bare 413.
    let long_comment = browser
        .post_form(
            "/client-portal/tickets/TIC-5/comments",
            &[("csrf_token", &token), ("body", &"x".repeat(20_001))],
        )
        .await;
    assert_eq!(long_comment.status, 400, "{}", long_comment.body);
    assert!(long_comment.body.contains("This is too long."));
    assert!(
        long_comment.body.contains(&"x".repeat(100)),
        "the draft is kept"
    );

    // Nothing was created, stored or changed.
    let list = browser.get("/client-portal/tickets").await;
    assert_eq!(numbers(&list.body), ["TIC-5"]);
    assert!(
        walk(&app.attachments_dir).is_empty(),
        "{:?}",
        walk(&app.attachments_dir)
    );
    let page = browser.get("/client-portal/tickets/TIC-5").await;
    assert!(page.body.contains("No replies yet."));
}
