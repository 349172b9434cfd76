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

async fn audit_reasons(app: &TestApp) -> Vec<String> {
    app.admin_post("/admin/actors/audit/flush", Some(ADMIN_TOKEN))
        .await;
    let page = app
        .admin_get(
            &format!(
                "/admin/audit?tenant={}&event_type=sign_in&limit=200",
                app.tenant.slug
            ),
            Some(ADMIN_TOKEN),
        )
        .await;
    let body: Value = serde_json::from_str(&page.body).unwrap();
    body["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["details"].to_string().contains("oidc"))
        .map(|e| {
            format!(
                "{}:{}",
                e["outcome"].as_str().unwrap_or(""),
                e["reason"].as_str().unwrap_or("")
            )
        })
        .collect()
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

#[actix_web::test]
async fn google_like_sign_in_links_by_verified_email_then_by_subject() {
    let Some(app) = spawn_app().await else { return };
    let ada = app.client_user(None, "ada@acme.example", "Acme").await;
    let Some(idp) = provider_for(
        &app,
        "",
        vec![account("ada", "ada@acme.example", true, &["pwd"])],
    )
    .await
    else {
        return;
    };
    configure(&app, "google", "google", idp.issuer(), &[]).await;

    let browser = app.browser();
    let page = browser
        .get(&format!(
            "/auth/client-portal/signin?tenant={}",
            app.tenant.slug
        ))
        .await;
    assert!(page.body.contains("Sign in with Google"), "{}", page.body);
    assert!(page.body.contains("/auth/client-portal/sso/google?tenant="));
    assert!(
        page.body.contains(r#"type="password""#),
        "password form kept"
    );

    let authorize = start(&app, &browser, "google").await;
    assert!(authorize.starts_with(idp.issuer()), "{authorize}");
    for part in [
        "code_challenge_method=S256",
        "code_challenge=",
        "state=",
        "nonce=",
        "scope=openid",
    ] {
        assert!(authorize.contains(part), "{part} missing from {authorize}");
    }
    let back = log_in_at_provider(&authorize, "ada", IDP_PASSWORD).await;
    let page = browser.get(&local(&back)).await;
    assert_eq!(page.status, 303, "{}", page.body);
    assert_eq!(page.location(), "/client-portal/dashboard");
    let dashboard = browser.get("/client-portal/dashboard").await;
    assert_eq!(dashboard.status, 200);
    assert!(dashboard.body.contains("Ada"));

    let link = sso_store::find_identity(&app.db, app.tenant.id, idp.issuer(), "sub-ada")
        .await
        .unwrap()
        .expect("identity linked");
    assert_eq!(link.user_id, ada.user_id);
    assert_eq!(oidc_count(&app, "success", "none").await, 1.0);

    // The same callback again: single use, refused, nothing else happens.
    let replay = app.browser();
    replay.set_cookie("__Host-portal.sso", browser_state(&back));
    let page = replay.get(&local(&back)).await;
    assert_refused(&page, 400, "expired or was already used");
    assert_eq!(oidc_count(&app, "failure", "invalid_state").await, 1.0);

    // Later sign-ins go by (issuer, subject): the provider's email may change.
    idp.upsert_account(account(
        "ada",
        "ada.lovelace@elsewhere.example",
        false,
        &["pwd"],
    ))
    .await;
    let other = app.browser();
    let page = sign_in_via(&app, &other, "google", "ada").await;
    assert_eq!(page.status, 303, "{}", page.body);
    let session = other.get("/client-portal/dashboard").await;
    assert_eq!(session.status, 200);
    assert_eq!(oidc_count(&app, "success", "none").await, 2.0);
    let reasons = audit_reasons(&app).await;
    assert!(reasons.contains(&"success:".to_owned()), "{reasons:?}");
    assert!(
        reasons.contains(&"failure:invalid_state".to_owned()),
        "the replay is audited under its tenant: {reasons:?}"
    );
    // A Google-kind provider refuses an ID token from another issuer too.
    idp.tamper_next_id_token(json!({ "iss": "https://accounts.google.com" }))
        .await;
    let page = sign_in_via(&app, &app.browser(), "google", "ada").await;
    assert_refused(&page, 401, "could not verify");
    assert_eq!(oidc_count(&app, "failure", "wrong_issuer").await, 1.0);
}

/// The `state` parameter of a callback URL.
fn browser_state(callback: &str) -> &str {
    callback
        .split(['?', '&'])
        .find_map(|p| p.strip_prefix("state="))
        .unwrap_or("")
}

#[actix_web::test]
async fn keycloak_like_refusals_are_clear_counted_and_audited() {
    let Some(app) = spawn_app().await else { return };
    app.client_user(None, "ada@acme.example", "Acme").await;
    app.internal_user("staff@msp.example").await;
    let accounts = vec![
        account("ada", "ada@acme.example", true, &["pwd"]),
        account("unverified", "ada@acme.example", false, &["pwd"]),
        account("stranger", "nobody@acme.example", true, &["pwd"]),
        account("staff", "staff@msp.example", true, &["pwd"]),
    ];
    let Some(idp) = provider_for(&app, "/realms/acme", accounts).await else {
        return;
    };
    assert!(idp.issuer().ends_with("/realms/acme"));
    configure(&app, "keycloak", "keycloak", idp.issuer(), &[]).await;

    let page = sign_in_via(&app, &app.browser(), "keycloak", "unverified").await;
    assert_refused(&page, 403, "has not verified your email address");
    let page = sign_in_via(&app, &app.browser(), "keycloak", "stranger").await;
    assert_refused(&page, 403, "no portal account");
    let page = sign_in_via(&app, &app.browser(), "keycloak", "staff").await;
    assert_refused(&page, 403, "Staff accounts cannot use the client portal");

    // Denied consent: the user cancels at the provider.
    let browser = app.browser();
    let authorize = start(&app, &browser, "keycloak").await;
    let back = cancel_at_provider(&authorize).await;
    assert!(back.contains("error=access_denied"), "{back}");
    let page = browser.get(&local(&back)).await;
    assert_refused(&page, 403, "cancelled at Keycloak");

    // An ID token for another audience, then one with another nonce.
    idp.tamper_next_id_token(json!({ "aud": "someone-else" }))
        .await;
    let page = sign_in_via(&app, &app.browser(), "keycloak", "ada").await;
    assert_refused(&page, 401, "could not verify");
    idp.tamper_next_id_token(json!({ "nonce": "not-the-one-we-sent" }))
        .await;
    let page = sign_in_via(&app, &app.browser(), "keycloak", "ada").await;
    assert_refused(&page, 401, "could not verify");
    idp.tamper_next_id_token(json!({ "iss": "http://127.0.0.1:1/realms/evil" }))
        .await;
    let page = sign_in_via(&app, &app.browser(), "keycloak", "ada").await;
    assert_refused(&page, 401, "could not verify");
    idp.tamper_next_id_token(json!({ "exp": 1_000_000_000 }))
        .await;
    let page = sign_in_via(&app, &app.browser(), "keycloak", "ada").await;
    assert_refused(&page, 401, "could not verify");

    // A callback this browser did not start (no state cookie) is refused and spends nothing.
    let browser = app.browser();
    let authorize = start(&app, &browser, "keycloak").await;
    let back = log_in_at_provider(&authorize, "ada", IDP_PASSWORD).await;
    let page = app.browser().get(&local(&back)).await;
    assert_refused(&page, 400, "expired or was already used");
    let page = browser.get(&local(&back)).await;
    assert_eq!(
        page.status, 303,
        "the right browser still signs in: {}",
        page.body
    );

    for reason in [
        "unverified_email",
        "no_matching_user",
        "internal_user",
        "access_denied",
        "wrong_audience",
        "bad_nonce",
        "wrong_issuer",
        "token_expired",
        "invalid_state",
    ] {
        assert_eq!(oidc_count(&app, "failure", reason).await, 1.0, "{reason}");
    }
    assert!(
        sso_store::find_identity(&app.db, app.tenant.id, idp.issuer(), "sub-unverified")
            .await
            .unwrap()
            .is_none(),
        "an unverified email links nothing"
    );
    let reasons = audit_reasons(&app).await;
    for reason in [
        "unverified_email",
        "no_matching_user",
        "internal_user",
        "access_denied",
        "wrong_audience",
        "bad_nonce",
    ] {
        assert!(
            reasons.contains(&format!("failure:{reason}")),
            "{reason} not audited: {reasons:?}"
        );
    }
}

#[actix_web::test]
async fn an_unreachable_provider_gets_a_clear_page() {
    let Some((app, mut idp)) = ada_at("/realms/acme", "keycloak").await else {
        return;
    };
    // Discovery is cached at the start; the provider then goes away before the callback.
    let browser = app.browser();
    let authorize = start(&app, &browser, "keycloak").await;
    let back = log_in_at_provider(&authorize, "ada", IDP_PASSWORD).await;
    idp.stop().await;
    let page = browser.get(&local(&back)).await;
    assert_refused(&page, 502, "could not be reached");
    // With the cache flushed, starting fails too (discovery cannot be fetched).
    let flushed = app
        .admin_post("/admin/actors/sso/flush", Some(ADMIN_TOKEN))
        .await;
    assert_eq!(flushed.status, 200, "{}", flushed.body);
    let page = app
        .browser()
        .get(&format!(
            "/auth/client-portal/sso/keycloak?tenant={}",
            app.tenant.slug
        ))
        .await;
    assert_eq!(page.status, 502, "{}", page.body);
    assert!(page.body.contains("could not be reached"));
    assert_eq!(
        oidc_count(&app, "failure", "provider_unreachable").await,
        2.0
    );
    // An unknown provider is a clear 404 page.
    let page = app
        .browser()
        .get(&format!(
            "/auth/client-portal/sso/nope?tenant={}",
            app.tenant.slug
        ))
        .await;
    assert_eq!(page.status, 404, "{}", page.body);
    assert!(page.body.contains("not available"));
}

#[actix_web::test]
async fn key_rotation_at_the_provider_is_followed() {
    let Some((app, idp)) = ada_at("/realms/acme", "keycloak").await else {
        return;
    };
    let page = sign_in_via(&app, &app.browser(), "keycloak", "ada").await;
    assert_eq!(page.status, 303, "{}", page.body);
    // New signing key, old one gone: the cached key set misses, is fetched again, and works.
    idp.rotate_keys().await;
    let page = sign_in_via(&app, &app.browser(), "keycloak", "ada").await;
    assert_eq!(page.status, 303, "after rotation: {}", page.body);
    assert_eq!(page.location(), "/client-portal/dashboard");
    assert_eq!(oidc_count(&app, "success", "none").await, 2.0);
}

#[actix_web::test]
async fn two_factor_is_asked_unless_the_provider_proved_several_factors() {
    let Some(app) = spawn_app().await else { return };
    let ada = app.client_user(None, "ada@acme.example", "Acme").await;
    let secret = crate::two_factor::enroll_directly(&app, &ada).await;
    portal_actors::store::two_factor::set_tenant_requires(&app.db, app.tenant.id, true)
        .await
        .unwrap();
    let accounts = vec![
        account("ada", "ada@acme.example", true, &["pwd"]),
        account("ada-mfa", "ada@acme.example", true, &["pwd", "otp", "mfa"]),
    ];
    let Some(idp) = provider_for(&app, "/realms/acme", accounts).await else {
        return;
    };
    configure(&app, "keycloak", "keycloak", idp.issuer(), &[]).await;

    // One factor at the provider: the portal asks for the TOTP code.
    let browser = app.browser();
    let page = sign_in_via(&app, &browser, "keycloak", "ada").await;
    assert_eq!(page.status, 303, "{}", page.body);
    assert_eq!(page.location(), "/auth/client-portal/two-factor");
    assert!(browser.cookie(SESSION_COOKIE).is_none());
    let form = browser.get("/auth/client-portal/two-factor").await;
    assert_eq!(form.status, 200, "{}", form.body);
    app.clock.advance(chrono::Duration::seconds(30));
    let code = crate::two_factor::code_now(&app, &secret);
    let done = browser
        .post_form(
            "/auth/client-portal/two-factor",
            &[("csrf_token", &Browser::form_csrf(&form)), ("code", &code)],
        )
        .await;
    assert_eq!(done.status, 303, "{}", done.body);
    assert_eq!(browser.get("/client-portal/dashboard").await.status, 200);
    assert_eq!(oidc_count(&app, "second_factor", "none").await, 1.0);

    // Multi-factor at the provider (amr): no second prompt.
    let browser = app.browser();
    let page = sign_in_via(&app, &browser, "keycloak", "ada-mfa").await;
    assert_eq!(page.status, 303, "{}", page.body);
    assert_eq!(page.location(), "/client-portal/dashboard");
    assert_eq!(browser.get("/client-portal/dashboard").await.status, 200);
}

#[actix_web::test]
async fn just_in_time_provisioning_only_for_existing_contacts() {
    let Some(app) = spawn_app().await else { return };
    // A contact without a portal user: the company exists, the account does not.
    let now = portal_actors::Clock::now(app.clock.as_ref());
    let client_id =
        portal_actors::store::users::find_or_create_client(&app.db, app.tenant.id, "Acme", now)
            .await
            .unwrap();
    portal_actors::store::users::create_contact(
        &app.db,
        app.tenant.id,
        &portal_actors::store::users::NewContact {
            client_id,
            full_name: "Grace Hopper".into(),
            email: portal_actors::model::Email::parse("grace@acme.example").unwrap(),
            phone: None,
            is_client_admin: true,
        },
        now,
    )
    .await
    .unwrap();
    let accounts = vec![
        account("grace", "grace@acme.example", true, &["pwd"]),
        account("stranger", "stranger@acme.example", true, &["pwd"]),
    ];
    let Some(idp) = provider_for(&app, "", accounts).await else {
        return;
    };
    configure(&app, "google", "google", idp.issuer(), &[]).await;

    // Off by default: no account is created.
    let page = sign_in_via(&app, &app.browser(), "google", "grace").await;
    assert_refused(&page, 403, "no portal account");
    sso_store::set_options(
        &app.db,
        app.tenant.id,
        SsoOptions {
            sso_only: false,
            sso_jit_provisioning: true,
        },
    )
    .await
    .unwrap();
    let browser = app.browser();
    let page = sign_in_via(&app, &browser, "google", "grace").await;
    assert_eq!(page.status, 303, "{}", page.body);
    let dashboard = browser.get("/client-portal/dashboard").await;
    assert_eq!(dashboard.status, 200);
    let found = portal_actors::store::users::find_for_login(
        &app.db,
        app.tenant.id,
        &portal_actors::model::Email::parse("grace@acme.example").unwrap(),
    )
    .await
    .unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].user_type(), Some(UserType::Client));
    assert!(found[0].password_hash.is_none(), "no password set by SSO");
    assert_eq!(
        found[0].is_client_admin,
        Some(true),
        "role from the contact"
    );
    // Not a contact: still nobody is created.
    let page = sign_in_via(&app, &app.browser(), "google", "stranger").await;
    assert_refused(&page, 403, "no portal account");
}

#[actix_web::test]
async fn allowed_domains_and_sso_only() {
    let Some(app) = spawn_app().await else { return };
    app.client_user(None, "ada@acme.example", "Acme").await;
    app.client_user(None, "bob@other.example", "Acme").await;
    let accounts = vec![
        account("ada", "ada@acme.example", true, &["pwd"]),
        account("bob", "bob@other.example", true, &["pwd"]),
    ];
    let Some(idp) = provider_for(&app, "", accounts).await else {
        return;
    };
    configure(&app, "google", "google", idp.issuer(), &["acme.example"]).await;
    let page = sign_in_via(&app, &app.browser(), "google", "bob").await;
    assert_refused(&page, 403, "not one your organization allows");
    let page = sign_in_via(&app, &app.browser(), "google", "ada").await;
    assert_eq!(page.status, 303, "{}", page.body);

    sso_store::set_options(
        &app.db,
        app.tenant.id,
        SsoOptions {
            sso_only: true,
            sso_jit_provisioning: false,
        },
    )
    .await
    .unwrap();
    let browser = app.browser();
    let page = browser
        .get(&format!(
            "/auth/client-portal/signin?tenant={}",
            app.tenant.slug
        ))
        .await;
    assert!(page.body.contains("Sign in with Google"));
    assert!(
        !page.body.contains(r#"type="password""#),
        "password form hidden"
    );
    let refused = browser
        .sign_in(&app.tenant.slug, "ada@acme.example", PASSWORD)
        .await;
    assert_eq!(refused.status, 403, "{}", refused.body);
    assert!(refused
        .body
        .contains("signs in through its identity provider"));
    assert!(browser.cookie(SESSION_COOKIE).is_none());
}

#[actix_web::test]
async fn a_vanity_domain_is_handed_over_to_after_sso() {
    let Some((app, _idp)) = ada_at("", "google").await else {
        return;
    };
    crate::handoff::add_domain(
        &app,
        &app.tenant,
        crate::handoff::VANITY,
        portal_actors::portal_domain::DomainStatus::Active,
    )
    .await;
    let browser = app.browser();
    let page = sign_in_via(&app, &browser, "google", "ada").await;
    let ott = crate::handoff::auto_post(&page, crate::handoff::VANITY).ott;
    assert!(
        browser.cookie(crate::handoff::SESSION).is_none(),
        "no session on the canonical host"
    );
    let exchanged =
        crate::handoff::exchange(&app, crate::handoff::VANITY, json!({ "ott": ott })).await;
    assert_eq!(exchanged.status, 200, "{}", exchanged.body);
}

#[actix_web::test]
async fn hostile_callbacks_and_starts_get_clear_pages_and_change_nothing() {
    let Some((app, _idp)) = ada_at("", "google").await else {
        return;
    };
    // One honest sign-in in flight, which none of the probes may spend.
    let browser = app.browser();
    let authorize = start(&app, &browser, "google").await;
    let back = log_in_at_provider(&authorize, "ada", IDP_PASSWORD).await;
    let state = browser_state(&back).to_owned();

    let long = "a".repeat(5000);
    let probes = [
        "/auth/client-portal/sso/callback".to_owned(),
        "/auth/client-portal/sso/callback?state=&code=".to_owned(),
        format!("/auth/client-portal/sso/callback?state={long}&code=x"),
        "/auth/client-portal/sso/callback?state=%00%0d%0a&code=%00".to_owned(),
        format!("/auth/client-portal/sso/callback?state={state}&code=%3Cscript%3E"),
        "/auth/client-portal/sso/callback?error=access_denied&error_description=%3Cscript%3Ealert(1)%3C/script%3E".to_owned(),
        format!("/auth/client-portal/sso/callback?state={state}&code={long}{long}"),
    ];
    for probe in &probes {
        // A browser without the state cookie, or with another one.
        for cookie in [None, Some("forged-state-value-0123456789abcdefghijklmnopq")] {
            let hostile = app.browser();
            if let Some(value) = cookie {
                hostile.set_cookie("__Host-portal.sso", value);
            }
            let page = hostile.get(probe).await;
            assert_eq!(page.status, 400, "{probe}: {}", page.body);
            assert!(page.body.contains("expired or was already used"), "{probe}");
            assert!(!page.body.contains("<script>alert"), "{probe}");
            assert!(hostile.cookie(SESSION_COOKIE).is_none());
        }
    }
    for slug in ["%3Cscript%3E", "..%2F..%2Fetc", "GOOGLE", "callback%3F"] {
        let page = app
            .browser()
            .get(&format!(
                "/auth/client-portal/sso/{slug}?tenant={}",
                app.tenant.slug
            ))
            .await;
        assert!(
            matches!(page.status, 404),
            "{slug}: {} {}",
            page.status,
            page.body
        );
        assert!(!page.body.contains("<script>"), "{slug}");
    }
    let page = app
        .browser()
        .get("/auth/client-portal/sso/google?tenant=no-such-tenant")
        .await;
    assert_eq!(page.status, 404, "{}", page.body);
    let page = app
        .browser()
        .get(&format!(
            "/auth/client-portal/sso/google?tenant={}&callbackUrl=//evil.example/x",
            app.tenant.slug
        ))
        .await;
    assert_eq!(
        page.status, 303,
        "a bad callbackUrl falls back to the dashboard"
    );

    // The honest sign-in is still good: nothing above spent it.
    let page = browser.get(&local(&back)).await;
    assert_eq!(page.status, 303, "{}", page.body);
    assert_eq!(page.location(), "/client-portal/dashboard");
}

#[actix_web::test]
async fn users_see_and_remove_their_linked_identities() {
    let Some((app, idp)) = ada_at("", "google").await else {
        return;
    };
    let browser = app.browser();
    let page = sign_in_via(&app, &browser, "google", "ada").await;
    assert_eq!(page.status, 303, "{}", page.body);
    let security = browser.get("/client-portal/profile/security").await;
    assert_eq!(security.status, 200, "{}", security.body);
    assert!(
        security.body.contains("identities-heading"),
        "{}",
        security.body
    );
    assert!(security.body.contains("<td>Google</td>"));
    assert!(
        security.body.contains("Single sign-on</td>"),
        "session method label"
    );
    let csrf = Browser::form_csrf(&security);
    let unlink = "/client-portal/profile/security/identities/unlink";
    // Someone else's (or no) identity: 404, nothing removed.
    let page = browser
        .post_form(
            unlink,
            &[
                ("csrf_token", &csrf),
                ("issuer", idp.issuer()),
                ("subject", "sub-bob"),
            ],
        )
        .await;
    assert_eq!(page.status, 404, "{}", page.body);
    // Without the CSRF token: refused.
    let page = browser
        .post_form(
            unlink,
            &[
                ("csrf_token", "x"),
                ("issuer", idp.issuer()),
                ("subject", "sub-ada"),
            ],
        )
        .await;
    assert_eq!(page.status, 403, "{}", page.body);
    let page = browser
        .post_form(
            unlink,
            &[
                ("csrf_token", &csrf),
                ("issuer", idp.issuer()),
                ("subject", "sub-ada"),
            ],
        )
        .await;
    assert_eq!(page.status, 303, "{}", page.body);
    let after = browser.get(page.location()).await;
    assert!(
        after.body.contains("was removed from your account"),
        "{}",
        after.body
    );
    assert!(!after.body.contains("identities-heading"));
    assert!(
        sso_store::find_identity(&app.db, app.tenant.id, idp.issuer(), "sub-ada")
            .await
            .unwrap()
            .is_none()
    );
}

#[actix_web::test]
async fn sso_starts_are_limited_per_address() {
    let Some(app) = crate::helpers::spawn_app_with(|s| s.throttle.sso_start_ip_limit = 3).await
    else {
        return;
    };
    let ada = account("ada", "ada@acme.example", true, &["pwd"]);
    let Some(idp) = provider_for(&app, "", vec![ada]).await else {
        return;
    };
    configure(&app, "google", "google", idp.issuer(), &[]).await;
    for _ in 0..3 {
        start(&app, &app.browser(), "google").await;
    }
    let page = app
        .browser()
        .get(&format!(
            "/auth/client-portal/sso/google?tenant={}",
            app.tenant.slug
        ))
        .await;
    assert_eq!(page.status, 429, "{}", page.body);
    assert!(page
        .body
        .contains("Too many sign-ins were started from your network"));
    assert!(page.header("retry-after").parse::<i64>().unwrap() > 0);
    assert_eq!(oidc_count(&app, "failure", "throttled").await, 1.0);
}

#[actix_web::test]
async fn an_sso_sign_in_revokes_the_session_its_cookie_replaces() {
    use crate::handoff::SESSION;
    let Some((app, _idp)) = ada_at("", "google").await else {
        return;
    };
    let browser = app.browser();
    let page = sign_in_via(&app, &browser, "google", "ada").await;
    assert_eq!(page.status, 303, "{}", page.body);
    let first = browser.cookie(SESSION).unwrap();
    let page = sign_in_via(&app, &browser, "google", "ada").await;
    assert_eq!(page.status, 303, "{}", page.body);
    let second = browser.cookie(SESSION).unwrap();
    assert_ne!(first, second);
    let replay = app.browser();
    replay.set_cookie(SESSION, &first);
    assert_eq!(replay.get("/client-portal/dashboard").await.status, 303);
    assert_eq!(browser.get("/client-portal/dashboard").await.status, 200);
    assert_eq!(
        app.metric("portal_sessions_revoked_total", &[("reason", "replaced")])
            .await,
        1.0
    );
}
