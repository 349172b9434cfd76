//! Hostile ticket forms get clear errors and change nothing.

use super::*;

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
