//! The visitor's language and light/dark choice: before sign-in the footer's switch (a cookie),
//! else the MSP's default, else the browser's `Accept-Language`; signed in, the user's own
//! language wins; light/dark on every page including errors; bad values change nothing.

use crate::helpers::*;

const SIGN_IN: &str = "/auth/client-portal/signin";

async fn get(app: &TestApp, path: &str, headers: &[(&str, &str)]) -> (u16, String) {
    let mut req = app.http.get(format!("{}{path}", app.base));
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let resp = req.send().await.unwrap();
    let status = resp.status().as_u16();
    (status, resp.text().await.unwrap())
}

/// The `name=value` pairs of a response's `Set-Cookie` headers.
fn set_cookies(resp: &reqwest::Response) -> Vec<String> {
    resp.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .map(|v| v.split(';').next().unwrap_or_default().to_owned())
        .collect()
}

#[actix_web::test]
async fn signed_out_the_switch_then_the_msps_default_then_the_browser_decide_the_language() {
    let Some(app) = spawn_app().await else { return };
    let page = format!("{SIGN_IN}?tenant={}", app.tenant.slug);
    let french = [("Accept-Language", "fr-BE,fr;q=0.9,en;q=0.5")];
    // The MSP's default (English here) comes before the browser's languages.
    let (_, en) = get(&app, &page, &french).await;
    assert!(en.contains(r#"<html lang="en""#), "{en}");
    portal_actors::execute!(
        app.db.exec(),
        "UPDATE tenant_settings SET default_locale = 'nl' WHERE tenant = $1",
        app.tenant.id
    )
    .unwrap();
    let flushed = app
        .admin_post("/admin/actors/tenant_directory/flush", Some(ADMIN_TOKEN))
        .await;
    assert_eq!(flushed.status, 200);
    let (_, nl) = get(&app, &page, &french).await;
    assert!(nl.contains(r#"<html lang="nl""#), "{nl}");
    // Where no tenant is named, the browser's languages decide; unsupported ones fall to English.
    let find = "/auth/client-portal/find-organization";
    let (_, fr) = get(&app, find, &french).await;
    assert!(fr.contains(r#"<html lang="fr""#), "{fr}");
    let (_, ja) = get(&app, find, &[("Accept-Language", "ja,zh;q=0.8")]).await;
    assert!(ja.contains(r#"<html lang="en""#));

    // The footer's switch: German and dark, back to the page it came from.
    let referer = format!("{}{page}", app.base);
    let resp = app
        .http
        .get(format!("{}/display?theme=dark&lang=de", app.base))
        .header("Referer", &referer)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 303);
    assert_eq!(resp.headers()["location"], page.as_str());
    let cookies = set_cookies(&resp);
    assert!(
        cookies.contains(&"__Host-portal.lang=de".to_owned()),
        "{cookies:?}"
    );
    assert!(
        cookies.contains(&"__Host-portal.theme=dark".to_owned()),
        "{cookies:?}"
    );
    let jar = cookies.join("; ");
    // The switch beats both the MSP's default (Dutch now) and the browser.
    let (_, de) = get(&app, &page, &[("Cookie", &jar), ("Accept-Language", "fr")]).await;
    assert!(de.contains(r#"<html lang="de" data-theme="dark""#), "{de}");
    assert!(de.contains(r#"<meta name="color-scheme" content="dark">"#));
    assert!(de.contains(r#"<option value="dark" selected>"#));
    // Error pages too.
    let (status, missing) = get(&app, "/no/such/page", &[("Cookie", &jar)]).await;
    assert_eq!(status, 404);
    assert!(
        missing.contains(r#"<html lang="de" data-theme="dark""#),
        "{missing}"
    );

    // A referer from another site is not followed; bad values change nothing.
    let resp = app
        .http
        .get(format!("{}/display?theme=light", app.base))
        .header("Referer", "https://evil.example/phish")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 303);
    assert!(!resp.headers()["location"]
        .to_str()
        .unwrap()
        .contains("evil"));
    for bad in [
        "/display?theme=purple",
        "/display?lang=xx",
        "/display?lang=de&theme=%3Cscript%3E",
    ] {
        let resp = app
            .http
            .get(format!("{}{bad}", app.base))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 400, "{bad}");
        assert!(set_cookies(&resp).is_empty(), "{bad}");
    }
}

#[actix_web::test]
async fn a_signed_in_users_own_language_wins_over_the_switch_and_the_browser() {
    let Some(app) = spawn_app().await else { return };
    let user = app.client_user(None, "ada@acme.example", "Acme").await;
    portal_actors::store::preferences::set(
        app.db.exec(),
        app.tenant.id,
        user.user_id,
        "locale",
        Some("it"),
        app.clock.now_utc(),
    )
    .await
    .unwrap();
    let browser = signed_in_at(&app, &app.tenant, &user.email).await;
    let page = browser.get("/client-portal/dashboard").await;
    assert!(page.body.contains(r#"<html lang="it""#), "{}", page.body);
    // Signed in, the footer offers light/dark only (the language is on the profile).
    assert!(page.body.contains(r#"name="theme""#));
    assert!(!page.body.contains(r#"name="lang""#));
}
