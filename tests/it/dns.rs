//! The DnsVerifier against a real DNS server on loopback: chains, mismatches, missing records,
//! a server that does not answer, the cache, and the status moves it makes.

use portal_actors::dns::VerifyPending;
use portal_actors::portal_domain::DomainStatus;
use portal_actors::store::portal_domains;
use serde_json::json;

use crate::dns_server::DnsServer;
use crate::handoff::{add_domain, app_with_dns, exchange, CANONICAL, VANITY};
use crate::helpers::{spawn_app_with, ADMIN_TOKEN, PASSWORD};

#[actix_web::test]
async fn the_dns_verifier_follows_chains_and_moves_domains_along() {
    let dns = DnsServer::start();
    let Some(app) = app_with_dns(&dns, "true").await else {
        return;
    };
    let tenants = [
        app.tenant.clone(),
        app.create_tenant("Chained").await,
        app.create_tenant("Missing").await,
        app.create_tenant("Wrong").await,
    ];
    let names = [
        "direct.acme.test",
        "chain.acme.test",
        "missing.acme.test",
        "wrong.acme.test",
    ];
    for (tenant, name) in tenants.iter().zip(names) {
        add_domain(&app, tenant, name, DomainStatus::PendingDns).await;
    }
    dns.set_cname("direct.acme.test", "PORTAL.test.");
    dns.set_cname("chain.acme.test", "edge.cdn.test");
    dns.set_cname("edge.cdn.test", CANONICAL);
    dns.set_cname("wrong.acme.test", "someone-else.test");
    let checked = app.state.dns.send(VerifyPending).await.unwrap().unwrap();
    assert_eq!(checked, 4);
    let status = |name: &'static str| {
        let db = app.db.clone();
        async move {
            portal_domains::find_by_domain(&db, name)
                .await
                .unwrap()
                .unwrap()
        }
    };
    assert_eq!(
        status("direct.acme.test").await.status,
        DomainStatus::PendingCertificate
    );
    let chained = status("chain.acme.test").await;
    assert_eq!(chained.status, DomainStatus::PendingCertificate);
    assert!(chained
        .status_message
        .unwrap()
        .contains("edge.cdn.test → portal.test"));
    let missing = status("missing.acme.test").await;
    assert_eq!(missing.status, DomainStatus::DnsFailed);
    assert!(missing.status_message.unwrap().contains("No CNAME"));
    let wrong = status("wrong.acme.test").await;
    assert_eq!(wrong.status, DomainStatus::DnsFailed);
    assert!(wrong.status_message.unwrap().contains("someone-else.test"));
    assert!(wrong.last_checked_at.is_some());

    // Fixed DNS plus a re-verify from the admin API.
    dns.set_cname("wrong.acme.test", CANONICAL);
    let page = app
        .admin_post(
            "/admin/portal-domains/wrong.acme.test/verify",
            Some(ADMIN_TOKEN),
        )
        .await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("\"status\":\"pending_certificate\""));
    // Answers come from the cache the second time.
    let hits_before = app
        .metric("portal_dns_cache_requests_total", &[("result", "hit")])
        .await;
    let (ott, _) = {
        let ada = app
            .client_user(Some(&tenants[1]), "c@chain.example", "Chain Co")
            .await;
        let browser = app.browser();
        let page = browser
            .sign_in(&tenants[1].slug, &ada.email, PASSWORD)
            .await;
        let ott = crate::handoff::auto_post(&page, "chain.acme.test").ott;
        (ott, ())
    };
    assert_eq!(
        exchange(&app, "chain.acme.test", json!({ "ott": ott }))
            .await
            .status,
        200
    );
    assert_eq!(
        app.metric("portal_dns_cache_requests_total", &[("result", "hit")])
            .await,
        hits_before + 1.0
    );
    assert!(
        app.metric(
            "portal_dns_verifications_total",
            &[("outcome", "match"), ("source", "cache")]
        )
        .await
            >= 1.0
    );
}

#[actix_web::test]
async fn a_dns_server_that_does_not_answer_fails_the_check() {
    let (addr, _socket) = DnsServer::silent();
    let Some(app) = spawn_app_with(move |s| {
        s.server.canonical_host = CANONICAL.into();
        s.domains.name_servers = vec![addr];
        s.domains.dns_timeout_ms = 300;
        s.domains.dns_check = "true".into();
    })
    .await
    else {
        return;
    };
    add_domain(&app, &app.tenant, VANITY, DomainStatus::PendingDns).await;
    app.state.dns.send(VerifyPending).await.unwrap().unwrap();
    let domain = portal_domains::find_by_domain(&app.db, VANITY)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(domain.status, DomainStatus::DnsFailed);
    assert!(domain.status_message.unwrap().contains("DNS lookup failed"));
    assert_eq!(
        app.metric(
            "portal_dns_verifications_total",
            &[("outcome", "error"), ("source", "resolver")]
        )
        .await,
        1.0
    );
}
