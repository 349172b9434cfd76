//! The DNS server goes silent (it takes queries and never answers): sign-ins handed over to an
//! active vanity domain go on as before (no DNS query is needed), while a domain not yet active
//! is refused with `dns_mismatch` within the lookup timeout, and its token stays usable.

use std::time::{Duration, Instant};

use portal_actors::portal_domain::DomainStatus;
use serde_json::json;

use super::on_postgres;
use crate::dns_server::DnsServer;
use crate::handoff::{add_domain, exchange, sign_in_for_token, CANONICAL, VANITY};
use crate::helpers::*;

const TIMEOUT_MS: u64 = 400;

fn code(page: &Page) -> String {
    let v: serde_json::Value = serde_json::from_str(&page.body).unwrap_or_default();
    v["error"].as_str().unwrap_or_default().to_owned()
}

#[actix_rt::test]
async fn a_silent_dns_server_leaves_active_domains_alone_and_refuses_others_in_time() {
    if !on_postgres() {
        return;
    }
    let (addr, _silent) = DnsServer::silent();
    let Some(app) = spawn_app_with(move |s| {
        s.server.canonical_host = CANONICAL.into();
        s.domains.name_servers = vec![addr];
        s.domains.dns_timeout_ms = TIMEOUT_MS;
        s.domains.dns_check = "true".into();
    })
    .await
    else {
        return;
    };
    let ada = app.client_user(None, "ada@acme.example", "Acme").await;
    add_domain(&app, &app.tenant, VANITY, DomainStatus::Active).await;

    // The active domain: sign-in and exchange work, however many times, with DNS silent.
    for _ in 0..3 {
        let (ott, _) = sign_in_for_token(&app, &ada.email).await;
        let page = exchange(&app, VANITY, json!({ "ott": ott })).await;
        assert_eq!(page.status, 200, "{}", page.body);
    }

    // Not yet active (its certificate pending): its DNS is checked at the exchange, and a
    // silent server is a refusal within the timeout (and a margin).
    add_domain(&app, &app.tenant, VANITY, DomainStatus::PendingCertificate).await;
    let (ott, _) = sign_in_for_token(&app, &ada.email).await;
    let asked = Instant::now();
    let page = exchange(&app, VANITY, json!({ "ott": ott })).await;
    let took = asked.elapsed();
    assert_eq!(
        (page.status, code(&page).as_str()),
        (409, "dns_mismatch"),
        "{}",
        page.body
    );
    assert!(
        took < Duration::from_millis(TIMEOUT_MS * 3 + 500),
        "the refusal took {took:?} with a {TIMEOUT_MS} ms timeout"
    );
    assert_eq!(
        page.set_cookies().len(),
        0,
        "no session for a refused exchange"
    );
    assert_eq!(
        app.metric(
            "portal_handoff_exchanges_total",
            &[("reason", "dns_mismatch")]
        )
        .await,
        1.0
    );
}
