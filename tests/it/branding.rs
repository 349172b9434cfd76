//! Tenant branding set by operators: colours (bad ones refused, failing ones adjusted and
//! reported), logos and favicons of each type stored once and served forever from every
//! instance, hostile SVGs cleaned, refusals that change nothing, the logo on the sign-in page,
//! in the header and in emails, and the CLI.

use serde_json::{json, Value};

use crate::helpers::{
    audit_events, output_text, portal_command, run_portal, spawn_app, spawn_instances, TestApp,
    ADMIN_TOKEN,
};

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR png-body";
const JPEG: &[u8] = b"\xff\xd8\xff\xe0\0\x10JFIF jpeg-body";
const WEBP: &[u8] = b"RIFF\x10\0\0\0WEBPVP8 webp-body";
const HOSTILE_SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20" onload="alert(1)">
<script>alert(2)</script>
<rect width="40" height="20" fill="#0b5563" onclick="alert(3)"/>
<image href="https://evil.example/track.png" width="5" height="5"/>
</svg>"##;

fn branding_path(app: &TestApp, rest: &str) -> String {
    format!(
        "{}/admin/tenants/{}/branding{rest}",
        app.admin, app.tenant.slug
    )
}

async fn answer(resp: reqwest::Response) -> (u16, Value) {
    let status = resp.status().as_u16();
    (status, resp.json().await.unwrap_or(Value::Null))
}

async fn put_colors(app: &TestApp, body: Value) -> (u16, Value) {
    let req = app
        .http
        .put(branding_path(app, ""))
        .bearer_auth(ADMIN_TOKEN);
    answer(req.json(&body).send().await.unwrap()).await
}

async fn put_image(app: &TestApp, rest: &str, content_type: &str, body: Vec<u8>) -> (u16, Value) {
    let req = app
        .http
        .put(branding_path(app, rest))
        .bearer_auth(ADMIN_TOKEN);
    let req = req.header("content-type", content_type).body(body);
    answer(req.send().await.unwrap()).await
}

async fn show(app: &TestApp) -> Value {
    let req = app
        .http
        .get(branding_path(app, ""))
        .bearer_auth(ADMIN_TOKEN);
    answer(req.send().await.unwrap()).await.1
}

/// `GET url` on `app`'s portal listener: status, headers, bytes.
async fn fetch(app: &TestApp, url: &str) -> (u16, reqwest::header::HeaderMap, Vec<u8>) {
    app.browser().get_bytes(url).await
}

#[actix_web::test]
async fn colours_are_stored_and_rendered_and_failing_ones_are_adjusted_and_reported() {
    let Some(app) = spawn_app().await else {
        return;
    };
    let (status, body) = put_colors(&app, json!({ "primary_color": "#FFEE00" })).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["primary_color"], "#ffee00");
    let fill = body["adjusted"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["field"] == "primary_color" && a["used_as"] == "fill")
        .cloned()
        .expect("the yellow fill is adjusted");
    assert_eq!(fill["given"], "#ffee00");
    assert!(fill["reason"]
        .as_str()
        .unwrap()
        .starts_with("white text on it was 1.2:1"));
    let used = fill["used"].as_str().unwrap().to_owned();
    let page = app
        .browser()
        .get(&format!(
            "/auth/client-portal/signin?tenant={}",
            app.tenant.slug
        ))
        .await;
    assert!(
        page.body.contains(&format!("--brand-primary:{used};")),
        "{}",
        page.body
    );
    assert_eq!(audit_events(&app, "branding_changed").await.len(), 1);

    for (field, bad) in [("primary_color", "#ffee0"), ("accent_color", "red;}")] {
        let (status, body) = put_colors(&app, json!({ field: bad })).await;
        assert_eq!(status, 400, "{body}");
        assert_eq!(body["error"], "invalid_field");
        assert_eq!(body["field"], field);
    }
    let shown = show(&app).await;
    assert_eq!(shown["primary_color"], "#ffee00");
    assert_eq!(shown["adjusted"][0]["given"], "#ffee00");
    assert_eq!(audit_events(&app, "branding_changed").await.len(), 1);
}

#[actix_web::test]
async fn logos_of_every_type_are_served_forever_by_every_instance() {
    // The instances share one attachment folder, as servers behind a load balancer would.
    let Some(apps) = spawn_instances(2, |_, _| {}).await else {
        return;
    };
    let (app, other) = (&apps[0], &apps[1]);
    let cases: [(&str, &str, Vec<u8>, &str); 4] = [
        (
            "/logo?variant=light",
            "image/png",
            PNG.to_vec(),
            "logo_light",
        ),
        (
            "/logo?variant=dark",
            "image/jpeg",
            JPEG.to_vec(),
            "logo_dark",
        ),
        ("/favicon", "image/webp", WEBP.to_vec(), "favicon"),
        (
            "/logo?variant=light",
            "image/svg+xml",
            HOSTILE_SVG.into(),
            "logo_light",
        ),
    ];
    for (rest, content_type, bytes, field) in cases {
        let (status, body) = put_image(app, rest, content_type, bytes.clone()).await;
        assert_eq!(status, 200, "{content_type}: {body}");
        let url = body[field]["url"].as_str().unwrap().to_owned();
        assert!(url.starts_with("/branding/"), "{url}");
        assert_eq!(body[field]["content_type"], content_type);
        let (status, headers, served) = fetch(other, &url).await;
        assert_eq!(status, 200, "{url} from the second instance");
        assert_eq!(headers["content-type"], content_type);
        assert_eq!(
            headers["cache-control"],
            "public, max-age=31536000, immutable"
        );
        assert_eq!(headers["x-content-type-options"], "nosniff");
        if content_type == "image/svg+xml" {
            assert_eq!(
                headers["content-security-policy"],
                "default-src 'none'; style-src 'unsafe-inline'"
            );
            let svg = String::from_utf8(served).unwrap();
            for gone in [
                "script",
                "alert",
                "onload",
                "onclick",
                "evil.example",
                "<image",
            ] {
                assert!(!svg.contains(gone), "{gone} left in {svg}");
            }
            assert!(svg.contains("#0b5563"), "{svg}");
        } else {
            assert_eq!(served, bytes);
        }
    }
    let shown = show(app).await;
    assert_eq!(shown["logo_light"]["content_type"], "image/svg+xml");
    assert_eq!(shown["logo_dark"]["content_type"], "image/jpeg");
    assert_eq!(shown["favicon"]["content_type"], "image/webp");
    // Anything else under /branding/: not found (the extension must match, the hash be in use).
    let dark = shown["logo_dark"]["url"].as_str().unwrap();
    for path in [
        dark.replace(".jpg", ".png"),
        format!("/branding/{}.png", "0".repeat(64)),
        "/branding/../portal.db".to_owned(),
    ] {
        assert_eq!(fetch(other, &path).await.0, 404, "{path}");
    }
    // Removed: no longer served as branding.
    let req = app.http.delete(branding_path(app, "/logo?variant=dark"));
    let (status, _) = answer(req.bearer_auth(ADMIN_TOKEN).send().await.unwrap()).await;
    assert_eq!(status, 200);
    assert_eq!(show(app).await["logo_dark"], Value::Null);
    assert_eq!(fetch(other, dark).await.0, 404);
}

#[actix_web::test]
async fn oversize_garbage_and_wrong_types_are_refused_and_change_nothing() {
    let Some(app) = spawn_app().await else {
        return;
    };
    let mut big = PNG.to_vec();
    big.resize(600 * 1024, 0);
    let cases: [(&str, &str, Vec<u8>, &str); 6] = [
        ("/logo?variant=light", "image/png", big, "image_too_large"),
        (
            "/logo?variant=light",
            "image/png",
            b"hello".to_vec(),
            "image_type_mismatch",
        ),
        (
            "/logo?variant=dark",
            "image/jpeg",
            PNG.to_vec(),
            "image_type_mismatch",
        ),
        (
            "/favicon",
            "text/html",
            b"<script>".to_vec(),
            "unsupported_image_type",
        ),
        (
            "/favicon",
            "image/svg+xml",
            b"<svg><oops".to_vec(),
            "invalid_svg",
        ),
        (
            "/logo?variant=light",
            "image/png",
            Vec::new(),
            "image_empty",
        ),
    ];
    for (rest, content_type, bytes, code) in cases {
        let (status, body) = put_image(&app, rest, content_type, bytes).await;
        assert_eq!(status, 400, "{code}: {body}");
        assert_eq!(body["error"], code, "{body}");
        assert!(body["message"].is_string(), "{body}");
    }
    let (_, body) = put_image(&app, "/logo?variant=light", "image/png", {
        let mut big = PNG.to_vec();
        big.resize(600 * 1024, 0);
        big
    })
    .await;
    assert_eq!(body["limit_bytes"], 512 * 1024);
    assert!(body["message"].as_str().unwrap().contains("512 KiB"));
    for rest in ["/logo?variant=blue", "/logo", "/logo?variant=%ZZ"] {
        let (status, body) = put_image(&app, rest, "image/png", PNG.to_vec()).await;
        assert_eq!(
            (status, &body["field"]),
            (400, &json!("variant")),
            "{rest}: {body}"
        );
    }
    let shown = show(&app).await;
    for field in ["logo_light", "logo_dark", "favicon"] {
        assert_eq!(shown[field], Value::Null, "{field}");
    }
    assert!(audit_events(&app, "branding_changed").await.is_empty());
}

#[actix_web::test]
async fn the_sign_in_page_the_header_and_emails_show_the_logo() {
    let Some((smtp, app)) = crate::password_reset::app_with_mail().await else {
        return;
    };
    let user = app.client_user(None, "ada@acme.example", "Acme").await;
    let (_, light) = put_image(&app, "/logo?variant=light", "image/png", PNG.to_vec()).await;
    let (_, dark) = put_image(
        &app,
        "/logo?variant=dark",
        "image/svg+xml",
        HOSTILE_SVG.into(),
    )
    .await;
    let (_, icon) = put_image(&app, "/favicon", "image/png", PNG.to_vec()).await;
    let (light, dark) = (&light["logo_light"]["url"], &dark["logo_dark"]["url"]);
    let (light, dark) = (light.as_str().unwrap(), dark.as_str().unwrap());
    let name = &app.tenant.name;

    let browser = app.browser();
    let page = browser
        .get(&format!(
            "/auth/client-portal/signin?tenant={}",
            app.tenant.slug
        ))
        .await;
    assert!(page.body.contains(&format!(
        r#"<a class="brand" href="/"><img src="{dark}" alt="{name}"></a>"#
    )));
    assert!(page.body.contains(&format!(
        r#"<source media="(prefers-color-scheme: dark)" srcset="{dark}"><img src="{light}" alt="{name}">"#
    )));
    let icon = icon["favicon"]["url"].as_str().unwrap();
    assert!(page
        .body
        .contains(&format!(r#"<link rel="icon" href="{icon}">"#)));

    let asked = crate::password_reset::request_reset(&browser, &app.tenant.slug, &user.email).await;
    assert_eq!(asked.status, 200);
    let mail = smtp.wait_for(&user.email).await;
    let html = mail.part("text/html").expect("an HTML part");
    assert!(
        html.contains(&format!(
            r#"<img src="http://localhost:8080{light}" alt="{name}""#
        )),
        "{html}"
    );
}

#[actix_web::test]
async fn the_cli_sets_colours_and_logos_and_says_what_it_adjusted() {
    let Some(app) = spawn_app().await else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let logo = dir.path().join("logo.png");
    std::fs::write(&logo, PNG).unwrap();
    let files = app.attachments_dir.display().to_string();
    let run = |args: &[&str]| {
        let mut cmd = portal_command(dir.path());
        cmd.args(["tenant", "branding", "--tenant", &app.tenant.slug])
            .args(args)
            .env("PORTAL__DATABASE__URL", &app.database_url)
            .env("PORTAL__ATTACHMENTS__DIR", &files);
        run_portal(&mut cmd, None)
    };
    let out = run(&[
        "--primary",
        "#ffee00",
        "--logo-light",
        logo.to_str().unwrap(),
    ]);
    let text = output_text(&out);
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains("adjusted primary_color as fill: #ffee00 -> #"),
        "{text}"
    );
    assert!(text.contains("white text on it was 1.2:1"), "{text}");
    app.admin_post("/admin/actors/tenant_directory/flush", Some(ADMIN_TOKEN))
        .await;
    let shown = show(&app).await;
    assert_eq!(shown["primary_color"], "#ffee00");
    let url = shown["logo_light"]["url"].as_str().unwrap();
    let (status, _, served) = fetch(&app, url).await;
    assert_eq!((status, served.as_slice()), (200, PNG));

    let out = run(&["--remove", "logo-light"]);
    assert!(out.status.success(), "{}", output_text(&out));
    assert!(output_text(&out).contains("logo_light: removed"));
    app.admin_post("/admin/actors/tenant_directory/flush", Some(ADMIN_TOKEN))
        .await;
    assert_eq!(show(&app).await["logo_light"], Value::Null);

    let out = run(&["--accent", "blue", "--favicon", logo.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(
        output_text(&out).contains("--accent"),
        "{}",
        output_text(&out)
    );
    std::fs::write(&logo, b"not an image").unwrap();
    let out = run(&["--logo-dark", logo.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(output_text(&out).contains("--logo-dark"));
    let shown = show(&app).await;
    assert_eq!(shown["favicon"], Value::Null);
    assert_eq!(shown["logo_dark"], Value::Null);
    assert_eq!(shown["accent_color"], app.tenant.accent_color);
}

#[actix_web::test]
async fn notification_emails_show_the_logo_on_the_tenants_host() {
    use portal_actors::notifications::NotifyDue;
    let smtp = crate::smtp_server::SmtpServer::start().await;
    let to_smtp = crate::helpers::mail_to(&smtp);
    let Some(app) = crate::helpers::spawn_app_with(move |s| {
        to_smtp(s);
        s.notifications.poll_interval_ms = 3_600_000;
    })
    .await
    else {
        return;
    };
    let ada = "ada@acme.example";
    app.client_user(None, ada, "Acme Manufacturing").await;
    let (status, light) = put_image(&app, "/logo?variant=light", "image/png", PNG.to_vec()).await;
    assert_eq!(status, 200, "{light}");
    let light = light["logo_light"]["url"].as_str().unwrap();
    // The seed's MSP reply is emailed to Ada.
    crate::ticket_fixtures::seed_basic(&app, ada).await;
    app.state.notifier.send(NotifyDue).await.unwrap().unwrap();
    let mail = smtp.wait_for(ada).await;
    let html = mail.part("text/html").expect("an HTML part");
    let name = &app.tenant.name;
    assert!(
        html.contains(&format!(
            r#"<img src="http://localhost:8080{light}" alt="{name}""#
        )),
        "{html}"
    );
}
