//! Single sign-on against a real OpenID provider (node `oidc-provider`, started per test):
//! a Google-like issuer (no path) and a Keycloak-like one (`/realms/acme`). Linking by verified
//! email then by (issuer, subject), every refusal (each a clear page, counted and audited), a
//! replayed callback, key rotation at the provider, the two-factor policy, just-in-time
//! provisioning, allowed domains, SSO-only and the vanity-domain handoff.

use portal_actors::model::UserType;
use portal_actors::sso::providers::{save_provider, ProviderInput};
use portal_actors::store::sso::{self as sso_store, SsoOptions};
use secrecy::SecretString;
use serde_json::{json, Value};

use crate::helpers::{spawn_app, Browser, Page, TestApp, ADMIN_TOKEN, PASSWORD, SESSION_COOKIE};
use crate::oidc_provider::{
    cancel_at_provider, log_in_at_provider, Account, ClientRegistration, OidcProvider,
};

mod hostile;
mod identities;
mod provisioning;
mod sign_in;

pub const CLIENT_ID: &str = "portal-client";

pub const CLIENT_SECRET: &str = "portal-client-secret-0123456789";

pub const IDP_PASSWORD: &str = "idp password 123";

/// The portal's callback as the provider must know it (the canonical host in tests).
pub fn redirect_uri(app: &TestApp) -> String {
    format!(
        "{}://{}/auth/client-portal/sso/callback",
        app.state.public_scheme, app.state.canonical_host
    )
}

pub fn account(login: &str, email: &str, verified: bool, amr: &[&str]) -> Account {
    Account {
        login: login.into(),
        password: IDP_PASSWORD.into(),
        claims: json!({
            "sub": format!("sub-{login}"),
            "email": email,
            "email_verified": verified,
            "name": "Ada Lovelace",
            "given_name": "Ada",
            "family_name": "Lovelace",
        }),
        amr: amr.iter().map(|s| (*s).to_owned()).collect(),
    }
}

/// Starts a provider whose only client is this portal.
pub async fn provider_for(
    app: &TestApp,
    issuer_path: &str,
    accounts: Vec<Account>,
) -> Option<OidcProvider> {
    OidcProvider::start(
        issuer_path,
        vec![ClientRegistration {
            client_id: CLIENT_ID.into(),
            client_secret: CLIENT_SECRET.into(),
            redirect_uris: vec![redirect_uri(app)],
        }],
        accounts,
    )
    .await
}

/// Configures `slug` at the app's tenant, pointing at `issuer`.
pub async fn configure(app: &TestApp, slug: &str, kind: &str, issuer: &str, domains: &[&str]) {
    save_provider(
        &app.db,
        &app.state.services.secret_box,
        portal_actors::Clock::now(app.clock.as_ref()),
        app.tenant.id,
        ProviderInput {
            provider: slug.into(),
            kind: kind.into(),
            display_name: None,
            issuer: Some(issuer.into()),
            client_id: CLIENT_ID.into(),
            client_secret: Some(SecretString::from(CLIENT_SECRET)),
            allowed_domains: domains.iter().map(|d| (*d).to_owned()).collect(),
            enabled: true,
        },
    )
    .await
    .unwrap();
}

/// An app whose tenant has Ada (a client user) and a provider of `kind` (its slug too) where
/// she has an account with a verified email.
async fn ada_at(issuer_path: &str, kind: &str) -> Option<(TestApp, OidcProvider)> {
    let app = spawn_app().await?;
    app.client_user(None, "ada@acme.example", "Acme").await;
    let ada = account("ada", "ada@acme.example", true, &["pwd"]);
    let idp = provider_for(&app, issuer_path, vec![ada]).await?;
    configure(&app, kind, kind, idp.issuer(), &[]).await;
    Some((app, idp))
}

/// The path and query of an absolute URL (the browser talks to the test server directly).
pub fn local(url: &str) -> String {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    match after_scheme.find('/') {
        Some(i) => after_scheme[i..].to_owned(),
        None => "/".to_owned(),
    }
}

/// Clicks the provider's button: the authorization URL the portal redirects to.
pub async fn start(app: &TestApp, browser: &Browser, slug: &str) -> String {
    let page = browser
        .get(&format!(
            "/auth/client-portal/sso/{slug}?tenant={}",
            app.tenant.slug
        ))
        .await;
    assert_eq!(page.status, 303, "start: {}", page.body);
    assert!(
        browser.cookie("__Host-portal.sso").is_some(),
        "state cookie"
    );
    page.location().to_owned()
}

/// A whole sign-in: button, provider login, callback. Returns the callback's answer.
pub async fn sign_in_via(app: &TestApp, browser: &Browser, slug: &str, login: &str) -> Page {
    let authorize = start(app, browser, slug).await;
    let back = log_in_at_provider(&authorize, login, IDP_PASSWORD).await;
    assert!(back.starts_with(&redirect_uri(app)), "{back}");
    browser.get(&local(&back)).await
}

async fn oidc_count(app: &TestApp, outcome: &str, reason: &str) -> f64 {
    app.metric(
        "portal_login_attempts_total",
        &[("method", "oidc"), ("outcome", outcome), ("reason", reason)],
    )
    .await
}

fn assert_refused(page: &Page, status: u16, text: &str) {
    assert_eq!(page.status, status, "{}", page.body);
    assert!(
        page.body.contains(text),
        "expected {text:?} in {}",
        page.body
    );
    assert!(page.body.contains("Back to sign-in"), "{}", page.body);
    assert!(
        page.set_cookies()
            .iter()
            .any(|c| c.starts_with("__Host-portal.sso=") && c.contains("Max-Age=0")),
        "state cookie cleared"
    );
    assert!(
        !page
            .set_cookies()
            .iter()
            .any(|c| c.starts_with(&format!("{SESSION_COOKIE}="))),
        "no session on a refusal"
    );
}

/// The `state` parameter of a callback URL.
fn browser_state(callback: &str) -> &str {
    callback
        .split(['?', '&'])
        .find_map(|p| p.strip_prefix("state="))
        .unwrap_or("")
}
