//! Hostile ticket forms get clear errors and change nothing.

use super::*;

/// A portal that takes one file of 1 KiB an upload, and Ada signed in on TIC-5 (no replies, no
/// attachments).
struct Hostile {
    browser: Browser,
    token: String,
    desk: String,
    low: String,
    app: crate::helpers::TestApp,
}

impl Hostile {
    async fn new() -> Option<Hostile> {
        let (app, browser, token, c) = on_tic5(1).await?;
        Some(Hostile {
            browser,
            token,
            desk: c.desk.to_string(),
            low: c.low.to_string(),
            app,
        })
    }

    /// A new ticket's fields on the Service Desk board, priority low.
    fn fields(&self, title: String, description: String) -> Vec<(String, String)> {
        vec![
            ("csrf_token".to_owned(), self.token.clone()),
            ("title".to_owned(), title),
            ("board".to_owned(), self.desk.clone()),
            ("priority".to_owned(), self.low.clone()),
            ("description".to_owned(), description),
        ]
    }

    async fn post(
        &self,
        fields: Vec<(String, String)>,
        files: Vec<(&'static str, &'static str, &'static str, Vec<u8>)>,
    ) -> Page {
        let fields: Vec<(&str, &str)> = fields
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        self.browser
            .post_multipart("/client-portal/tickets", &fields, &files)
            .await
    }

    /// Nothing was created, stored or changed.
    async fn assert_nothing_changed(&self) {
        let h = self;
        let list = h.browser.get("/client-portal/tickets").await;
        assert_eq!(numbers(&list.body), ["TIC-5"]);
        assert!(
            walk(&h.app.attachments_dir).is_empty(),
            "{:?}",
            walk(&h.app.attachments_dir)
        );
        let page = h.browser.get("/client-portal/tickets/TIC-5").await;
        assert!(page.body.contains("No replies yet."));
    }
}

#[actix_web::test]
async fn hostile_new_ticket_forms_get_clear_errors_and_create_nothing() {
    let Some(h) = Hostile::new().await else {
        return;
    };
    // Not multipart at all.
    let urlencoded = h
        .browser
        .post_form(
            "/client-portal/tickets",
            &[("csrf_token", &h.token), ("title", "x")],
        )
        .await;
    assert_eq!(urlencoded.status, 400, "{}", urlencoded.body);
    assert!(urlencoded.body.contains("<html"), "an HTML error page");
    // Too long, control characters, oversized fields, too many fields, endless files.
    let long_title = h.post(h.fields("x".repeat(201), "d".into()), vec![]).await;
    assert_eq!(long_title.status, 400);
    assert!(long_title.body.contains("This is too long."));
    let control = h
        .post(h.fields("bell\u{7}".into(), "d".into()), vec![])
        .await;
    assert_eq!(control.status, 400);
    assert!(control.body.contains("cannot be used"));
    let long_body = h
        .post(h.fields("Long".into(), "é".repeat(20_001)), vec![])
        .await;
    assert_eq!(long_body.status, 400);
    assert!(long_body.body.contains("This is too long."));
    let huge_field = h
        .post(h.fields("Huge".into(), "x".repeat(200_000)), vec![])
        .await;
    assert_eq!(huge_field.status, 413);
    let mut many = h.fields("Many".into(), "d".into());
    for i in 0..20 {
        many.push((format!("extra{i}"), "v".into()));
    }
    assert_eq!(h.post(many, vec![]).await.status, 413);
    let endless = h
        .post(
            h.fields("Endless".into(), "d".into()),
            vec![(
                "files",
                "big.bin",
                "application/octet-stream",
                vec![0u8; 3 * 1024 * 1024],
            )],
        )
        .await;
    assert_eq!(endless.status, 413);
    h.assert_nothing_changed().await;
}

#[actix_web::test]
async fn broken_multipart_and_oversized_replies_get_clear_errors_and_change_nothing() {
    let Some(h) = Hostile::new().await else {
        return;
    };
    // A broken multipart body.
    let broken = h
        .app
        .http
        .post(format!("{}/client-portal/tickets", h.app.base))
        .header("origin", &h.app.base)
        .header(
            "cookie",
            format!(
                "{SESSION_COOKIE}={}",
                h.browser.cookie(SESSION_COOKIE).unwrap_or_default()
            ),
        )
        .header("content-type", "multipart/form-data; boundary=XYZ")
        .body("--XYZ\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nunterminated")
        .send()
        .await
        .unwrap();
    assert!(broken.status().is_client_error(), "{}", broken.status());
    // Comments: long but allowed sizes get the form's own message, not a bare 413.
    let long_comment = h
        .browser
        .post_form(
            "/client-portal/tickets/TIC-5/comments",
            &[("csrf_token", &h.token), ("body", &"x".repeat(20_001))],
        )
        .await;
    assert_eq!(long_comment.status, 400, "{}", long_comment.body);
    assert!(long_comment.body.contains("This is too long."));
    assert!(
        long_comment.body.contains(&"x".repeat(100)),
        "the draft is kept"
    );

    h.assert_nothing_changed().await;
}
