//! The client address and host behind trusted proxies: `X-Forwarded-For` is read right to left,
//! skipping `server.trusted_proxies` (addresses or CIDR ranges), so a client cannot rotate the
//! address the throttle and the audit see by sending its own header; `X-Forwarded-Host` is the
//! value the nearest trusted proxy appended.

use portal_actors::portal_domain::DomainStatus;
use portal_actors::store::audit;

use crate::handoff::{add_domain, CANONICAL, VANITY};
use crate::helpers::*;
use crate::throttle::sign_in_with;

const WRONG: &str = "not the password at all";
const REAL: &str = "198.51.100.20";

async fn audited_ips(app: &TestApp) -> Vec<Option<String>> {
    flush_audit(app).await;
    audit::recent(&app.db, app.tenant.id, 50)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.event_type == "sign_in")
        .map(|e| e.ip)
        .collect()
}

#[actix_web::test]
async fn a_client_cannot_rotate_its_address_with_its_own_x_forwarded_for() {
    let Some(app) = spawn_app_with(|s| {
        s.server.trusted_proxies = vec!["127.0.0.1".parse().unwrap()];
    })
    .await
    else {
        return;
    };
    let ada = app.client_user(None, "ada@acme.example", "Acme").await;
    for i in 1..=5 {
        // The client sent `203.0.113.i`; the proxy (127.0.0.1) appended the address it saw.
        let xff = format!("203.0.113.{i}, {REAL}");
        let page = sign_in_with(&app, &[("x-forwarded-for", &xff)], &ada.email, WRONG).await;
        assert_eq!(page.status, 401, "attempt {i}: {}", page.body);
    }
    let xff = format!("203.0.113.6, {REAL}");
    let page = sign_in_with(&app, &[("x-forwarded-for", &xff)], &ada.email, WRONG).await;
    assert_eq!(page.status, 429, "{}", page.body);
    let ips = audited_ips(&app).await;
    assert_eq!(ips.len(), 6);
    assert!(ips.iter().all(|ip| ip.as_deref() == Some(REAL)), "{ips:?}");
}

#[actix_web::test]
async fn trusted_proxies_take_cidr_ranges_and_every_trusted_hop_is_skipped() {
    let Some(app) = spawn_app_with(|s| {
        s.server.trusted_proxies = vec![
            "127.0.0.0/8".parse().unwrap(),
            "10.0.0.0/8".parse().unwrap(),
            "::1/128".parse().unwrap(),
        ];
    })
    .await
    else {
        return;
    };
    let ada = app.client_user(None, "ada@acme.example", "Acme").await;
    for i in 1..=5 {
        // Client → edge proxy (appends REAL) → inner proxy 10.1.2.3 (appends the edge's
        // address) → the portal, reached from 127.0.0.1.
        let xff = format!("203.0.113.{i}, {REAL}, 10.9.8.7");
        let page = sign_in_with(&app, &[("x-forwarded-for", &xff)], &ada.email, WRONG).await;
        assert_eq!(page.status, 401, "attempt {i}: {}", page.body);
    }
    let page = sign_in_with(
        &app,
        &[("x-forwarded-for", &format!("{REAL}, 10.0.0.1"))],
        &ada.email,
        PASSWORD,
    )
    .await;
    assert_eq!(page.status, 429, "{}", page.body);
    // Another client behind the same proxies is not affected.
    let page = sign_in_with(
        &app,
        &[("x-forwarded-for", "198.51.100.21, 10.9.8.7")],
        &ada.email,
        PASSWORD,
    )
    .await;
    assert_eq!(page.status, 303, "{}", page.body);
    let ips = audited_ips(&app).await;
    assert_eq!(
        ips.iter().filter(|ip| ip.as_deref() == Some(REAL)).count(),
        6
    );
}

#[actix_web::test]
async fn x_forwarded_host_is_the_value_the_nearest_trusted_proxy_appended() {
    let Some(app) = spawn_app_with(|s| {
        s.server.canonical_host = CANONICAL.into();
        s.server.trusted_proxies = vec!["127.0.0.1".parse().unwrap()];
    })
    .await
    else {
        return;
    };
    add_domain(&app, &app.tenant, VANITY, DomainStatus::Active).await;
    let location = |forwarded_host: String| {
        let app = &app;
        async move {
            let page = app
                .http
                .get(format!("{}/client-portal/dashboard", app.base))
                .header("x-forwarded-host", forwarded_host)
                .header("x-forwarded-proto", "http, https")
                .send()
                .await
                .unwrap();
            page.headers()
                .get("location")
                .unwrap()
                .to_str()
                .unwrap()
                .to_owned()
        }
    };
    // The client claimed another host first; the proxy appended the one it served.
    let seen = location(format!("attacker.example, {VANITY}")).await;
    assert!(seen.contains(&format!("portalDomain={VANITY}")), "{seen}");
    // A client-supplied value followed by what the proxy saw (the canonical host).
    let seen = location(format!("{VANITY}, {CANONICAL}")).await;
    assert!(seen.starts_with("/auth/client-portal/signin"), "{seen}");
}

#[test]
fn a_bad_trusted_proxy_stops_start_up_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("portal.toml");
    std::fs::write(
        &path,
        "[server]\ntrusted_proxies = [\"10.0.0.5\", \"10.0.0.0/8\", \"::1/128\"]\n",
    )
    .unwrap();
    let settings = portal::config::Settings::load(&path).unwrap();
    assert_eq!(settings.server.trusted_proxies.len(), 3);
    for bad in ["10.0.0.300", "10.0.0.0/33", "proxy.internal"] {
        std::fs::write(
            &path,
            format!("[server]\ntrusted_proxies = [\"::1\", \"{bad}\"]\n"),
        )
        .unwrap();
        let e = portal::config::Settings::load(&path)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains(&format!("`{bad}`")) && e.contains("trusted_proxies"),
            "{e}"
        );
    }
}
