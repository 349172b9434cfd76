//! HTTPS served by the portal itself (rustls), and `X-Forwarded-*` believed only from the
//! configured proxies.

use crate::handoff::{add_domain, CANONICAL, VANITY};
use crate::helpers::{spawn_app_with, CSRF_COOKIE, PASSWORD};
use portal_actors::portal_domain::DomainStatus;

/// A self-signed certificate for the test hosts, written to `dir`: (cert path, key path).
pub fn self_signed(dir: &std::path::Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let names = vec![
        CANONICAL.to_owned(),
        VANITY.to_owned(),
        "localhost".to_owned(),
        "127.0.0.1".to_owned(),
    ];
    let cert = rcgen::generate_simple_self_signed(names).unwrap();
    let (cert_path, key_path) = (dir.join("cert.pem"), dir.join("key.pem"));
    std::fs::write(&cert_path, cert.cert.pem()).unwrap();
    std::fs::write(&key_path, cert.key_pair.serialize_pem()).unwrap();
    (cert_path, key_path)
}

#[actix_web::test]
async fn the_portal_serves_https_itself() {
    let dir = tempfile::tempdir().unwrap();
    let (cert, key) = self_signed(dir.path());
    let Some(app) = spawn_app_with(move |s| {
        s.server.tls_cert = Some(cert);
        s.server.tls_key = Some(key);
    })
    .await
    else {
        return;
    };
    let ada = app.client_user(None, "ada@acme.example", "Acme").await;
    let https = reqwest::Client::builder()
        .danger_accept_invalid_certs(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let base = app.base.replace("http://", "https://");
    let page = https
        .get(format!(
            "{base}/auth/client-portal/signin?tenant={}",
            app.tenant.slug
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status().as_u16(), 200);
    let csrf = page
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|c| c.strip_prefix(&format!("{CSRF_COOKIE}=")))
        .map(|c| c.split(';').next().unwrap().to_owned())
        .unwrap();
    let signed_in = https
        .post(format!("{base}/auth/client-portal/signin"))
        .header("origin", base.clone())
        .header("cookie", format!("{CSRF_COOKIE}={csrf}"))
        .form(&[
            ("email", ada.email.as_str()),
            ("password", PASSWORD),
            ("csrf_token", &csrf),
            ("tenant", &app.tenant.slug),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(signed_in.status().as_u16(), 303);
    // Plain HTTP to the TLS port gets nothing useful.
    assert!(app
        .http
        .get(format!("{}/", app.base))
        .send()
        .await
        .map(|r| r.status().as_u16() >= 400)
        .unwrap_or(true));
}

#[actix_web::test]
async fn forwarded_headers_count_only_from_trusted_proxies() {
    for trusted in [false, true] {
        let Some(app) = spawn_app_with(move |s| {
            s.server.canonical_host = CANONICAL.into();
            if trusted {
                s.server.trusted_proxies = vec!["127.0.0.1".parse().unwrap()];
            }
        })
        .await
        else {
            return;
        };
        add_domain(&app, &app.tenant, VANITY, DomainStatus::Active).await;
        let page = app
            .http
            .get(format!("{}/client-portal/dashboard", app.base))
            .header("x-forwarded-host", VANITY)
            .header("x-forwarded-proto", "https")
            .send()
            .await
            .unwrap();
        let location = page
            .headers()
            .get("location")
            .unwrap()
            .to_str()
            .unwrap()
            .to_owned();
        if trusted {
            assert!(
                location.contains(&format!("portalDomain={VANITY}")),
                "{location}"
            );
        } else {
            assert!(
                location.starts_with("/auth/client-portal/signin"),
                "{location}"
            );
        }
    }
}
