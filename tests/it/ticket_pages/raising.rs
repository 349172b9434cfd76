//! Raising a ticket from the portal, with and without files, and the upload limits.

use super::*;
use crate::helpers::TestApp;

/// Ada signed in on the new-ticket form of a tenant with the ticket catalog.
struct NewTicket {
    browser: Browser,
    /// The form's CSRF token.
    token: String,
    desk: String,
    low: String,
    c: data::Catalog,
    app: TestApp,
}

impl NewTicket {
    async fn open() -> Option<(NewTicket, Page)> {
        let app = spawn_app().await?;
        let tenant = app.tenant.clone();
        let c = data::catalog(&app, &tenant).await;
        let ada = data::person(&app, &tenant, "ada@acme.example", "Acme", Some("User")).await;
        let browser = data::signed_in(&app, &tenant, &ada).await;
        let form = browser.get("/client-portal/tickets/new").await;
        assert_eq!(form.status, 200, "{}", form.body);
        let token = csrf(&form);
        let form_fixture = NewTicket {
            browser,
            token,
            desk: c.desk.to_string(),
            low: c.low.to_string(),
            c,
            app,
        };
        Some((form_fixture, form))
    }

    /// The form's fields with this title, priority and board (and a Markdown description).
    fn fields(
        &self,
        title: &'static str,
        priority: &str,
        board: &str,
    ) -> Vec<(&'static str, String)> {
        vec![
            ("csrf_token", self.token.clone()),
            ("title", title.to_owned()),
            ("board", board.to_owned()),
            ("priority", priority.to_owned()),
            ("category", String::new()),
            (
                "description",
                "The **printer** on floor 2 shows *PC LOAD LETTER*.".to_owned(),
            ),
        ]
    }

    async fn post(
        &self,
        fields: Vec<(&'static str, String)>,
        files: Vec<(&'static str, &'static str, &'static str, Vec<u8>)>,
    ) -> Page {
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        self.browser
            .post_multipart("/client-portal/tickets", &fields, &files)
            .await
    }

    /// Raises TIC-1000 without files; an empty file input still sends an empty, nameless part.
    async fn raise_without_files(&self) {
        let created = self
            .post(
                self.fields("Printer jam", &self.low, &self.desk),
                vec![("files", "", "application/octet-stream", vec![])],
            )
            .await;
        assert_eq!(created.status, 303, "{}", created.body);
        assert_eq!(
            created.location(),
            "/client-portal/tickets/TIC-1000?done=created#main"
        );
    }

    /// Raises TIC-1001 with two files (one with a hostile name and type), a minute later.
    async fn raise_with_files(&self) {
        self.app.clock.advance(chrono::Duration::minutes(1));
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
        let created = self
            .post(self.fields("Scanner offline", &self.low, &self.desk), files)
            .await;
        assert_eq!(created.status, 303, "{}", created.body);
        assert!(created
            .location()
            .starts_with("/client-portal/tickets/TIC-1001"));
    }
}

#[actix_web::test]
async fn the_new_ticket_form_offers_the_boards_and_their_priorities() {
    let Some((_f, form)) = NewTicket::open().await else {
        return;
    };
    assert!(form.body.contains("Service Desk") && form.body.contains("Projects"));
    assert!(form.body.contains("Only on Projects"), "{}", form.body);
}

#[actix_web::test]
async fn a_ticket_raised_without_files_shows_its_page() {
    let Some((f, _)) = NewTicket::open().await else {
        return;
    };
    f.raise_without_files().await;
    let page = f
        .browser
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
        page.body.contains("Ada Lovelace"),
        "the contact is the signed-in user"
    );
}

#[actix_web::test]
async fn files_raised_with_a_ticket_have_clean_names_and_download_safely() {
    let Some((f, _)) = NewTicket::open().await else {
        return;
    };
    f.raise_without_files().await;
    f.raise_with_files().await;
    let page = f.browser.get("/client-portal/tickets/TIC-1001").await;
    assert!(page.body.contains("error.log"));
    assert!(
        page.body.contains("photo front.txt"),
        "file names are cleaned: {}",
        page.body
    );
    let download = f
        .browser
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
}

#[actix_web::test]
async fn refused_and_forged_ticket_forms_keep_what_was_typed_and_create_nothing() {
    let Some((f, _)) = NewTicket::open().await else {
        return;
    };
    f.raise_without_files().await;
    f.raise_with_files().await;
    // Refusals keep what was typed, name the field and create nothing.
    for (fields, problem) in [
        (f.fields("", &f.low, &f.desk), "This is required."),
        (
            f.fields("Wrong priority", &f.c.project_only.to_string(), &f.desk),
            "Please choose one of the options offered.",
        ),
        (
            f.fields("Unknown board", &f.low, &uuid::Uuid::new_v4().to_string()),
            "Please choose one of the options offered.",
        ),
        (
            f.fields("Garbage ids", "not-a-uuid", &f.desk),
            "Please choose one of the options offered.",
        ),
    ] {
        let title = fields[1].1.clone();
        let refused = f.post(fields, vec![]).await;
        assert_eq!(refused.status, 400, "{title}: {}", refused.body);
        assert!(refused.body.contains(problem), "{title}: {}", refused.body);
        assert!(
            refused.body.contains("PC LOAD LETTER"),
            "the description is kept"
        );
    }
    // A forged form (wrong CSRF token) is refused before anything is kept.
    let mut forged = f.fields("Forged", &f.low, &f.desk);
    forged[0].1 = "nope".into();
    let refused = f
        .post(
            forged,
            vec![("files", "a.txt", "text/plain", b"x".to_vec())],
        )
        .await;
    assert_eq!(refused.status, 403);
    let list = f.browser.get("/client-portal/tickets").await;
    assert_eq!(numbers(&list.body), ["TIC-1001", "TIC-1000"]);
    assert_eq!(
        f.app
            .metric(
                "portal_tickets_created_total",
                &[("source", "portal"), ("outcome", "success")]
            )
            .await,
        2.0
    );
    assert_eq!(
        f.app
            .metric(
                "portal_tickets_created_total",
                &[("source", "portal"), ("outcome", "invalid")]
            )
            .await,
        4.0
    );
    assert_eq!(
        f.app
            .metric(
                "portal_ticket_attachments_uploaded_total",
                &[("outcome", "success")]
            )
            .await,
        2.0
    );
}

/// A portal that takes at most two files of 1 KiB an upload, and Ada signed in on TIC-5 (no
/// attachments yet); her browser and the page's CSRF token.
async fn upload_fixture() -> Option<(TestApp, Browser, String)> {
    let (app, browser, token, _) = on_tic5(2).await?;
    Some((app, browser, token))
}

#[actix_web::test]
async fn refused_uploads_say_why_and_leave_nothing() {
    let Some((app, browser, token)) = upload_fixture().await else {
        return;
    };
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
}

#[actix_web::test]
async fn an_upload_exactly_at_the_limit_is_stored_and_odd_types_become_octet_stream() {
    let Some((app, browser, token)) = upload_fixture().await else {
        return;
    };
    let path = "/client-portal/tickets/TIC-5/attachments";
    let stored = || walk(&app.attachments_dir);
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
            &[("outcome", "success")]
        )
        .await,
        1.0
    );
}
