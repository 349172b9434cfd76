//! Targeted flushes: one domain's cached DNS answer (verified again at once, the other domains'
//! answers kept) and one tenant's cached directory entries (other tenants' kept).

use portal_actors::dns::VerifyCname;
use portal_actors::portal_domain::DomainStatus;
use portal_actors::tenant_directory::{LookupTenant, TenantKey};
use serde_json::{json, Value};

use crate::dns_server::DnsServer;
use crate::handoff::{add_domain, app_with_dns, CANONICAL};
use crate::helpers::{spawn_app, TestApp, ADMIN_TOKEN};

async fn post(app: &TestApp, path: &str) -> (u16, Value) {
    let page = app.admin_post(path, Some(ADMIN_TOKEN)).await;
    (
        page.status,
        serde_json::from_str(&page.body).unwrap_or(Value::Null),
    )
}

async fn cname(app: &TestApp, domain: &str) -> portal_actors::dns::DnsCheck {
    let check = VerifyCname {
        domain: domain.into(),
        expected: CANONICAL.into(),
    };
    app.state.dns.send(check).await.unwrap().unwrap()
}

#[actix_web::test]
async fn flushing_a_domain_verifies_it_afresh_and_keeps_the_others_cached() {
    let dns = DnsServer::start();
    let Some(app) = app_with_dns(&dns, "true").await else {
        return;
    };
    let other = app.create_tenant("Other").await;
    add_domain(&app, &app.tenant, "help.acme.test", DomainStatus::DnsFailed).await;
    add_domain(&app, &other, "help.other.test", DomainStatus::Active).await;
    dns.set_cname("help.acme.test", "elsewhere.test");
    dns.set_cname("help.other.test", CANONICAL);
    assert!(!cname(&app, "help.acme.test").await.matches);
    assert!(cname(&app, "help.other.test").await.matches);

    // The record is fixed; the cache still says otherwise until the flush.
    dns.set_cname("help.acme.test", CANONICAL);
    assert_eq!(cname(&app, "help.acme.test").await.source, "cache");
    let (status, body) = post(&app, "/admin/portal-domains/HELP.acme.test./flush").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["forgotten"], 1);
    assert_eq!(body["check"]["matches"], true);
    assert_eq!(body["check"]["source"], "resolver");
    assert_eq!(body["status_moved"], true);
    assert_eq!(body["domain"]["status"], "pending_certificate");
    assert_eq!(
        body["cached_answers"], 2,
        "the other domain's answer and the new one"
    );

    let queries = dns.queries();
    let kept = cname(&app, "help.other.test").await;
    assert_eq!(
        (kept.source, dns.queries()),
        ("cache", queries),
        "not asked again"
    );

    // An active domain keeps its status whatever DNS now says.
    dns.set_cname("help.other.test", "moved.test");
    let (status, body) = post(&app, "/admin/portal-domains/help.other.test/flush").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        (&body["check"]["matches"], &body["status_moved"]),
        (&json!(false), &json!(false))
    );
    assert_eq!(body["domain"]["status"], "active");

    let (status, body) = post(&app, "/admin/portal-domains/nowhere.test/flush").await;
    assert_eq!((status, &body["error"]), (404, &json!("domain_not_found")));
}

async fn cached(app: &TestApp, key: TenantKey) -> bool {
    app.state.tenant_cache.peek(&key).is_some()
}

#[actix_web::test]
async fn flushing_a_tenant_forgets_it_under_every_key_and_keeps_the_others() {
    let Some(app) = spawn_app().await else { return };
    let other = app.create_tenant("Other").await;
    let keys = |t: &portal_actors::model::TenantInfo| {
        [TenantKey::Slug(t.slug.clone()), TenantKey::Id(t.id)]
    };
    for key in keys(&app.tenant).into_iter().chain(keys(&other)) {
        app.state
            .tenants
            .send(LookupTenant(key.clone()))
            .await
            .unwrap()
            .unwrap();
        assert!(cached(&app, key).await);
    }
    let path = format!("/admin/tenants/{}/cache/flush", app.tenant.id);
    let (status, body) = post(&app, &path).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        (&body["flushed"], &body["tenant"]),
        (&json!(2), &json!(app.tenant.slug))
    );
    for key in keys(&app.tenant) {
        assert!(!cached(&app, key).await, "forgotten");
    }
    for key in keys(&other) {
        assert!(cached(&app, key).await, "the other tenant stays cached");
    }
    let (status, body) = post(&app, "/admin/tenants/000000000000/cache/flush").await;
    assert_eq!((status, &body["error"]), (404, &json!("unknown_tenant")));
    for key in keys(&other) {
        assert!(cached(&app, key).await, "a refused flush forgets nothing");
    }
}
