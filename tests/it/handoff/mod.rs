//! Vanity-domain handoff: sign-in on the canonical host answered with a page that POSTs the
//! one-time transfer token to the vanity host (POST binding), the vanity host taking it only from
//! the canonical origin (a token as a link or another site's form signs nobody in: login CSRF),
//! the exchange endpoint's every error code (each with nothing changed), DNS verification against
//! a real DNS server on loopback, and vanity-host routing.

use chrono::Duration;
use portal_actors::model::TenantInfo;
use portal_actors::portal_domain::DomainStatus;
use portal_actors::store::portal_domains;
use serde_json::json;

use crate::dns_server::DnsServer;
use crate::helpers::{
    spawn_app_with, spawn_instances, Browser, Page, TestApp, TestUser, ADMIN_TOKEN, PASSWORD,
};

mod exchange;
mod post_binding;

pub const CANONICAL: &str = "portal.test";

pub const VANITY: &str = "support.acme.test";

pub async fn app_with_dns(dns: &DnsServer, check: &str) -> Option<TestApp> {
    spawn_app_with(dns_settings(dns, check)).await
}

/// Settings of a portal on the canonical host that asks `dns` (`check`: `domains.dns_check`).
pub fn dns_settings(dns: &DnsServer, check: &str) -> impl Fn(&mut portal::config::Settings) {
    let addr = dns.addr;
    let check = check.to_owned();
    move |s| {
        s.server.canonical_host = CANONICAL.into();
        s.domains.name_servers = vec![addr];
        s.domains.dns_timeout_ms = 500;
        s.domains.dns_check = check.clone();
    }
}

pub async fn add_domain(app: &TestApp, tenant: &TenantInfo, domain: &str, status: DomainStatus) {
    let now = portal_actors::Clock::now(app.clock.as_ref());
    portal_domains::upsert(&app.db, tenant.id, domain, CANONICAL, CANONICAL, now)
        .await
        .unwrap();
    portal_domains::set_status(&app.db, tenant.id, status, None, false, None, now)
        .await
        .unwrap();
    app.admin_post("/admin/actors/tenant_directory/flush", Some(ADMIN_TOKEN))
        .await;
}

/// The session cookie's name (one place, so a rename reaches every test here).
pub const SESSION: &str = portal::http::cookies::SESSION_COOKIE;

/// Where the vanity host finishes a handoff (after the POST, before the return path).
pub const COMPLETE: &str = "/auth/client-portal/handoff/complete";

/// The origin the canonical host's pages run in (what a browser sends as `Origin`).
pub fn canonical_origin(app: &TestApp) -> String {
    app.state.canonical_origin()
}

/// Undoes the HTML escaping of an attribute value.
fn unescape(value: &str) -> String {
    value
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The value of the first `name="…" value="…"` field of a page.
pub fn field(body: &str, name: &str) -> Option<String> {
    let marker = format!("name=\"{name}\" value=\"");
    let start = body.find(&marker)? + marker.len();
    let len = body[start..].find('"')?;
    Some(unescape(&body[start..start + len]))
}

/// The canonical host's answer to a sign-in that hands over: a page (never a redirect) whose
/// form POSTs the token to the vanity host. Checks the page and returns its form.
#[derive(Debug, Clone)]
pub struct AutoPost {
    pub ott: String,
    pub return_path: String,
}

pub fn auto_post(page: &Page, domain: &str) -> AutoPost {
    assert_eq!(page.status, 200, "{}", page.body);
    assert_eq!(page.location(), "", "no redirect carries the token");
    assert_eq!(page.header("referrer-policy"), "origin");
    // The document's own policy wins over the header: `same-origin` there would make a browser
    // send `Origin: null` with the cross-origin POST.
    assert!(
        page.body
            .contains("<meta name=\"referrer\" content=\"origin\">"),
        "{}",
        page.body
    );
    assert!(page.header("cache-control").contains("no-store"));
    let action = format!("https://{domain}/auth/client-portal/handoff");
    assert!(
        page.body
            .contains(&format!("method=\"post\" action=\"{action}\"")),
        "{}",
        page.body
    );
    assert!(page
        .header("content-security-policy")
        .contains(&format!("form-action 'self' https://{domain};")));
    AutoPost {
        ott: field(&page.body, "ott").expect("the token field"),
        return_path: field(&page.body, "returnPath").expect("the return path field"),
    }
}

/// Signs in on the canonical host and returns the transfer token from the auto-POST page.
pub async fn sign_in_for_token(app: &TestApp, email: &str) -> (String, String) {
    let browser = app.browser();
    let page = browser.sign_in(&app.tenant.slug, email, PASSWORD).await;
    let form = auto_post(&page, VANITY);
    assert!(
        browser.cookie(SESSION).is_none(),
        "no session on the canonical host"
    );
    (form.ott, form.return_path)
}

/// A transfer token for `user` and `domain`, as the canonical host's sign-in issues it.
pub async fn issue_token(app: &TestApp, user: &TestUser, domain: &str) -> String {
    let login = portal_actors::store::users::find_login_user(&app.db, app.tenant.id, user.user_id)
        .await
        .unwrap()
        .unwrap();
    let issued = app
        .state
        .services
        .handoff
        .send(portal_actors::handoff::IssueOtt {
            user: portal_actors::model::SessionUser {
                tenant: login.tenant,
                user_id: login.user_id,
                email: login.email.clone(),
                user_type: portal_actors::model::UserType::Client,
                full_name: login.full_name.clone(),
                client_id: login.client_id,
                client_name: login.client_name.clone(),
                role: login.role(),
                previous_login_at: None,
                prefs: Default::default(),
            },
            domain: domain.to_owned(),
            return_path: "/client-portal/dashboard".into(),
            auth_method: "password".into(),
        })
        .await
        .unwrap()
        .unwrap();
    issued.token
}

/// What the auto-POST page's form does in a browser on the canonical origin: POSTs the token
/// to the vanity host, then follows its redirect to finish. Returns the answer of that last step.
pub async fn hand_over(app: &TestApp, vanity: &Browser, ott: &str, return_path: &str) -> Page {
    let posted = vanity
        .post_form_from(
            "/auth/client-portal/handoff",
            &[("ott", ott), ("returnPath", return_path)],
            Some(&canonical_origin(app)),
        )
        .await;
    assert_eq!(posted.status, 303, "{}", posted.body);
    assert!(
        posted.location().starts_with(COMPLETE),
        "{}",
        posted.location()
    );
    vanity.get(posted.location()).await
}

/// The JSON exchange, as a client on the canonical origin sends it.
pub async fn exchange(app: &TestApp, host: &str, body: serde_json::Value) -> Page {
    app.browser_at(host)
        .post_json_from(
            "/api/client-portal/domain-session",
            &body,
            Some(&canonical_origin(app)),
        )
        .await
}

fn error_code(page: &Page) -> String {
    let v: serde_json::Value = serde_json::from_str(&page.body).unwrap_or_default();
    v["error"].as_str().unwrap_or_default().to_owned()
}
