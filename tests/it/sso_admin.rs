//! Operators configure single sign-on: the admin API (`/admin/tenants/{tenant}/sso…`) and the
//! CLI (`portal tenant sso …`). The client secret goes in, is stored sealed and never comes out;
//! every field the validation refuses is named; SSO-only cannot lock a tenant out; changes are
//! audited.

use portal_actors::sso::providers::{provider_for_sign_in, GOOGLE_ISSUER};
use reqwest::Method;
use secrecy::ExposeSecret;
use serde_json::{json, Value};

use crate::helpers::{
    code_and_text, portal_command, run_portal, spawn_app, TestApp, ADMIN_TOKEN, ENCRYPTION_KEY,
};

const CALLBACK: &str = "/auth/client-portal/sso/callback";

/// Calls the admin API; a JSON body is sent as JSON, a string as it is (with a JSON type).
async fn call(
    app: &TestApp,
    method: Method,
    path: &str,
    body: Option<Value>,
    token: Option<&str>,
) -> (u16, String) {
    let mut req = app.http.request(method, format!("{}{path}", app.admin));
    if let Some(token) = token {
        req = req.bearer_auth(token);
    }
    match body {
        Some(Value::String(raw)) => {
            req = req.header("content-type", "application/json").body(raw);
        }
        Some(body) => req = req.json(&body),
        None => {}
    }
    let resp = req.send().await.unwrap();
    let status = resp.status().as_u16();
    (status, resp.text().await.unwrap())
}

async fn api(app: &TestApp, method: Method, path: &str, body: Option<Value>) -> (u16, Value) {
    let (status, text) = call(app, method, path, body, Some(ADMIN_TOKEN)).await;
    let value = if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).unwrap_or_else(|_| panic!("{path}: not JSON: {text}"))
    };
    (status, value)
}

fn sso_path(app: &TestApp) -> String {
    format!("/admin/tenants/{}/sso", app.tenant.slug)
}

fn provider_path(app: &TestApp, provider: &str) -> String {
    format!(
        "/admin/tenants/{}/sso/providers/{provider}",
        app.tenant.slug
    )
}

async fn put_provider(app: &TestApp, provider: &str, body: Value) -> (u16, Value) {
    api(app, Method::PUT, &provider_path(app, provider), Some(body)).await
}

/// The stored (sealed) client secret column.
async fn stored_secret(app: &TestApp, provider: &str) -> String {
    portal_actors::fetch_one_scalar!(
        app.db.exec(),
        String,
        "SELECT client_secret FROM sso_providers WHERE tenant = $1 AND provider = $2",
        app.tenant.id,
        provider
    )
    .unwrap()
}

/// The secret as a sign-in would open it.
async fn opened_secret(app: &TestApp, provider: &str) -> String {
    let config = provider_for_sign_in(
        &app.db,
        &app.state.services.secret_box,
        app.tenant.id,
        provider,
    )
    .await
    .unwrap()
    .expect("an enabled provider");
    config.client_secret.expose_secret().to_owned()
}

/// The tenant's audit events of one type (the endpoint flushes the Audit actor first).
async fn api_audit_events(app: &TestApp, event_type: &str) -> Vec<Value> {
    let (status, body) = api(
        app,
        Method::GET,
        &format!(
            "/admin/audit?tenant={}&event_type={event_type}",
            app.tenant.slug
        ),
        None,
    )
    .await;
    assert_eq!(status, 200, "{body}");
    body["events"].as_array().unwrap().clone()
}

fn details(event: &Value) -> Value {
    serde_json::from_str(event["details"].as_str().unwrap()).unwrap()
}

#[actix_web::test]
async fn providers_round_trip_and_the_secret_never_comes_back() {
    let Some(app) = spawn_app().await else { return };
    let secret = "g-secret-plaintext-0123456789";
    let (status, google) = put_provider(
        &app,
        "google",
        json!({
            "kind": "google",
            "client_id": "1234.apps.googleusercontent.com",
            "client_secret": secret,
            "allowed_domains": ["Acme.example", "@contoso.example"],
        }),
    )
    .await;
    assert_eq!(status, 201, "{google}");
    assert_eq!(google["provider"], "google");
    assert_eq!(google["kind"], "google");
    assert_eq!(google["issuer"], GOOGLE_ISSUER);
    assert_eq!(google["display_name"], "Google");
    assert_eq!(google["enabled"], true);
    assert_eq!(
        google["allowed_domains"],
        json!(["acme.example", "contoso.example"])
    );
    assert!(google.get("client_secret").is_none(), "{google}");
    assert!(!google.to_string().contains(secret));

    // Sealed at rest: not the plaintext, the secret box's format, and it opens to the secret.
    let sealed = stored_secret(&app, "google").await;
    assert!(!sealed.contains(secret), "{sealed}");
    assert!(sealed.starts_with("v1."), "{sealed}");
    assert_eq!(opened_secret(&app, "google").await, secret);

    // Replaced without a secret: the stored one is kept (not even sealed again).
    let (status, updated) = put_provider(
        &app,
        "google",
        json!({
            "kind": "google",
            "display_name": "Sign in with Google",
            "client_id": "5678.apps.googleusercontent.com",
        }),
    )
    .await;
    assert_eq!(status, 200, "{updated}");
    assert_eq!(updated["display_name"], "Sign in with Google");
    assert_eq!(updated["client_id"], "5678.apps.googleusercontent.com");
    assert_eq!(updated["allowed_domains"], json!([]));
    assert_eq!(updated["created_at"], google["created_at"]);
    assert_eq!(stored_secret(&app, "google").await, sealed);
    assert_eq!(opened_secret(&app, "google").await, secret);

    // A new secret replaces it.
    let (status, _) = put_provider(
        &app,
        "google",
        json!({ "kind": "google", "client_id": "5678", "client_secret": "rotated-secret" }),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(opened_secret(&app, "google").await, "rotated-secret");

    let (status, keycloak) = put_provider(
        &app,
        "acme-kc",
        json!({
            "kind": "keycloak",
            "display_name": "Acme staff",
            "issuer": "https://id.acme.example/realms/acme/",
            "client_id": "portal",
            "client_secret": "kc-secret",
            "enabled": false,
        }),
    )
    .await;
    assert_eq!(status, 201, "{keycloak}");
    assert_eq!(keycloak["issuer"], "https://id.acme.example/realms/acme");
    assert_eq!(keycloak["enabled"], false);

    let (status, one) = api(&app, Method::GET, &provider_path(&app, "acme-kc"), None).await;
    assert_eq!(status, 200);
    assert_eq!(one, keycloak);
    let (status, body) = api(&app, Method::GET, &provider_path(&app, "nobody"), None).await;
    assert_eq!((status, &body["error"]), (404, &json!("unknown_provider")));

    let (status, overview) = api(&app, Method::GET, &sso_path(&app), None).await;
    assert_eq!(status, 200, "{overview}");
    assert_eq!(overview["tenant"], app.tenant.slug.as_str());
    assert_eq!(overview["sso_only"], false);
    assert_eq!(overview["jit_provisioning"], false);
    let slugs: Vec<&str> = overview["providers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["provider"].as_str().unwrap())
        .collect();
    assert_eq!(slugs, ["acme-kc", "google"]);
    let text = overview.to_string();
    for plaintext in [secret, "rotated-secret", "kc-secret", "v1."] {
        assert!(!text.contains(plaintext), "{text}");
    }

    let (status, body) = api(&app, Method::DELETE, &provider_path(&app, "acme-kc"), None).await;
    assert_eq!(status, 204, "{body}");
    let (status, body) = api(&app, Method::DELETE, &provider_path(&app, "acme-kc"), None).await;
    assert_eq!((status, &body["error"]), (404, &json!("unknown_provider")));
    let (status, _) = api(&app, Method::GET, &provider_path(&app, "acme-kc"), None).await;
    assert_eq!(status, 404);

    // Audited as the operator's, without the secret.
    let saved = api_audit_events(&app, "sso_provider_saved").await;
    assert_eq!(saved.len(), 4, "{saved:?}");
    for event in &saved {
        assert_eq!(event["outcome"], "success");
        assert_eq!(event["ip"], "127.0.0.1");
        assert_eq!(details(event)["by"], "operator");
        let text = event.to_string();
        assert!(
            !text.contains(secret) && !text.contains("kc-secret"),
            "{text}"
        );
    }
    let count = |key: &str| {
        saved
            .iter()
            .filter(|e| details(e)[key].as_bool().unwrap())
            .count()
    };
    assert_eq!(count("created"), 2);
    assert_eq!(count("secret_changed"), 3);
    let deleted = api_audit_events(&app, "sso_provider_deleted").await;
    assert_eq!(deleted.len(), 1);
    assert_eq!(details(&deleted[0])["provider"], "acme-kc");
}

#[actix_web::test]
async fn every_invalid_field_is_named_and_nothing_is_stored() {
    let Some(app) = spawn_app().await else { return };
    let cases = [
        (
            "google",
            json!({ "kind": "github", "client_id": "c", "client_secret": "s" }),
            "kind",
        ),
        (
            "google",
            json!({ "client_id": "c", "client_secret": "s" }),
            "kind",
        ),
        (
            "google",
            json!({ "kind": "google", "issuer": "http://id.example.com", "client_id": "c", "client_secret": "s" }),
            "issuer",
        ),
        (
            "kc",
            json!({ "kind": "keycloak", "issuer": "https://id.example.com/?realm=a", "client_id": "c", "client_secret": "s" }),
            "issuer",
        ),
        (
            "kc",
            json!({ "kind": "keycloak", "client_id": "c", "client_secret": "s" }),
            "issuer",
        ),
        (
            "Bad_Slug",
            json!({ "kind": "google", "client_id": "c", "client_secret": "s" }),
            "provider",
        ),
        (
            "callback",
            json!({ "kind": "google", "client_id": "c", "client_secret": "s" }),
            "provider",
        ),
        (
            "google",
            json!({ "kind": "google", "client_id": "c", "client_secret": "s", "allowed_domains": ["exa_mple.com"] }),
            "allowed_domains",
        ),
        (
            "google",
            json!({ "kind": "google", "client_id": "c", "client_secret": "s", "allowed_domains": ["localhost"] }),
            "allowed_domains",
        ),
        (
            "google",
            json!({ "kind": "google", "client_id": "  ", "client_secret": "s" }),
            "client_id",
        ),
        (
            "google",
            json!({ "kind": "google", "client_secret": "s" }),
            "client_id",
        ),
        (
            "google",
            json!({ "kind": "google", "client_id": "c" }),
            "client_secret",
        ),
        (
            "google",
            json!({ "kind": "google", "client_id": "c", "client_secret": "" }),
            "client_secret",
        ),
        (
            "google",
            json!({ "kind": "google", "client_id": "c", "client_secret": "s", "display_name": "x".repeat(65) }),
            "display_name",
        ),
    ];
    for (provider, body, field) in cases {
        let (status, answer) = put_provider(&app, provider, body.clone()).await;
        assert_eq!(status, 400, "{body}: {answer}");
        assert_eq!(answer["error"], "invalid_field", "{body}: {answer}");
        assert_eq!(answer["field"], field, "{body}: {answer}");
        assert!(
            !answer["message"].as_str().unwrap_or_default().is_empty(),
            "{answer}"
        );
    }

    // Bodies that are not the expected JSON: a code and what was wrong.
    let google = provider_path(&app, "google");
    for (raw, hint) in [
        ("{\"kind\": \"google\",", "EOF"),
        (
            "{\"kind\":\"google\",\"client_id\":\"c\",\"client_secret\":\"s\",\"secret\":\"x\"}",
            "unknown field `secret`",
        ),
        (
            "{\"kind\":\"google\",\"client_id\":\"c\",\"client_secret\":\"s\",\"enabled\":\"yes\"}",
            "bool",
        ),
        ("42", "expected struct"),
    ] {
        let (status, answer) =
            api(&app, Method::PUT, &google, Some(Value::String(raw.into()))).await;
        assert_eq!(status, 400, "{raw}: {answer}");
        assert_eq!(answer["error"], "invalid_json", "{raw}");
        assert!(
            answer["message"].as_str().unwrap().contains(hint),
            "{raw}: {answer}"
        );
    }
    let (status, answer) = call(&app, Method::PUT, &google, None, Some(ADMIN_TOKEN)).await;
    assert_eq!(status, 400, "{answer}");
    assert!(answer.contains("invalid_json"), "{answer}");
    let (status, answer) = api(
        &app,
        Method::PUT,
        &sso_path(&app),
        Some(json!({ "sso_only": false, "passwords": false })),
    )
    .await;
    assert_eq!((status, &answer["error"]), (400, &json!("invalid_json")));

    let (_, overview) = api(&app, Method::GET, &sso_path(&app), None).await;
    assert_eq!(overview["providers"], json!([]));
    assert!(api_audit_events(&app, "sso_provider_saved")
        .await
        .is_empty());
}

#[actix_web::test]
async fn the_token_is_required_and_unknown_tenants_are_404() {
    let Some(app) = spawn_app().await else { return };
    let valid = json!({ "kind": "google", "client_id": "c", "client_secret": "s" });
    let routes = [
        (Method::GET, sso_path(&app), None),
        (
            Method::PUT,
            sso_path(&app),
            Some(json!({ "jit_provisioning": true })),
        ),
        (Method::GET, provider_path(&app, "google"), None),
        (
            Method::PUT,
            provider_path(&app, "google"),
            Some(valid.clone()),
        ),
        (Method::DELETE, provider_path(&app, "google"), None),
    ];
    for (method, path, body) in &routes {
        for token in [None, Some("wrong-token-0123456789")] {
            let (status, text) = call(&app, method.clone(), path, body.clone(), token).await;
            assert_eq!(status, 401, "{method} {path} {token:?}");
            assert!(text.is_empty(), "{text}");
        }
    }
    let (_, overview) = api(&app, Method::GET, &sso_path(&app), None).await;
    assert_eq!(overview["providers"], json!([]), "nothing changed");
    assert_eq!(overview["jit_provisioning"], false);

    for (method, path, body) in &routes {
        let path = path.replace(&app.tenant.slug, "ffffffffffff");
        let (status, answer) = api(&app, method.clone(), &path, body.clone()).await;
        assert_eq!(
            (status, &answer["error"]),
            (404, &json!("unknown_tenant")),
            "{method} {path}"
        );
    }

    // Another tenant's provider is not reachable through this tenant.
    let other = app.create_tenant("Contoso MSP").await;
    let (status, _) = put_provider(&app, "google", valid).await;
    assert_eq!(status, 201);
    let elsewhere = format!("/admin/tenants/{}/sso/providers/google", other.slug);
    for method in [Method::GET, Method::DELETE] {
        let (status, answer) = api(&app, method, &elsewhere, None).await;
        assert_eq!(
            (status, &answer["error"]),
            (404, &json!("unknown_provider"))
        );
    }
    // Tenants are found by id too.
    let (status, overview) = api(
        &app,
        Method::GET,
        &format!("/admin/tenants/{}/sso", app.tenant.id),
        None,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(overview["providers"].as_array().unwrap().len(), 1);
}

#[actix_web::test]
async fn sso_only_needs_an_enabled_provider_so_nobody_is_locked_out() {
    let Some(app) = spawn_app().await else { return };
    let sso = sso_path(&app);
    let refused = |answer: &Value, field: &str| {
        assert_eq!(answer["error"], "invalid_field", "{answer}");
        assert_eq!(answer["field"], field, "{answer}");
    };
    let (status, answer) = api(&app, Method::PUT, &sso, Some(json!({ "sso_only": true }))).await;
    assert_eq!(status, 400);
    refused(&answer, "sso_only");

    let disabled =
        json!({ "kind": "google", "client_id": "c", "client_secret": "s", "enabled": false });
    assert_eq!(put_provider(&app, "google", disabled.clone()).await.0, 201);
    let (status, answer) = api(&app, Method::PUT, &sso, Some(json!({ "sso_only": true }))).await;
    assert_eq!(status, 400, "a disabled provider signs nobody in");
    refused(&answer, "sso_only");

    let (status, options) = api(
        &app,
        Method::PUT,
        &sso,
        Some(json!({ "jit_provisioning": true })),
    )
    .await;
    assert_eq!(status, 200, "{options}");
    assert_eq!(
        options,
        json!({ "tenant": app.tenant.slug, "sso_only": false, "jit_provisioning": true })
    );

    let enabled = json!({ "kind": "google", "client_id": "c" });
    assert_eq!(put_provider(&app, "google", enabled.clone()).await.0, 200);
    let (status, options) = api(&app, Method::PUT, &sso, Some(json!({ "sso_only": true }))).await;
    assert_eq!(status, 200, "{options}");
    assert_eq!(options["sso_only"], true);
    assert_eq!(options["jit_provisioning"], true, "omitted options stay");

    // The last enabled provider of an SSO-only tenant can be neither turned off nor removed.
    let (status, answer) = put_provider(&app, "google", disabled).await;
    assert_eq!(status, 400);
    refused(&answer, "enabled");
    let (status, answer) = api(&app, Method::DELETE, &provider_path(&app, "google"), None).await;
    assert_eq!(
        (status, &answer["error"]),
        (409, &json!("last_sso_provider"))
    );
    let (_, google) = api(&app, Method::GET, &provider_path(&app, "google"), None).await;
    assert_eq!(google["enabled"], true);

    // With another provider enabled, it can go.
    let keycloak = json!({
        "kind": "keycloak",
        "issuer": "https://id.acme.example/realms/acme",
        "client_id": "portal",
        "client_secret": "s",
    });
    assert_eq!(put_provider(&app, "acme", keycloak).await.0, 201);
    let (status, _) = api(&app, Method::DELETE, &provider_path(&app, "google"), None).await;
    assert_eq!(status, 204);

    let (status, options) = api(
        &app,
        Method::PUT,
        &sso,
        Some(json!({ "sso_only": false, "jit_provisioning": false })),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(
        (&options["sso_only"], &options["jit_provisioning"]),
        (&json!(false), &json!(false))
    );
    let (_, overview) = api(&app, Method::GET, &sso, None).await;
    assert_eq!(overview["sso_only"], false);

    let changes = api_audit_events(&app, "sso_options_changed").await;
    assert_eq!(changes.len(), 3, "refusals change nothing: {changes:?}");
    let turned_off = changes
        .iter()
        .map(details)
        .filter(|d| d["before"]["sso_only"] == true && d["sso_only"] == false)
        .count();
    assert_eq!(turned_off, 1, "{changes:?}");
}

#[actix_web::test]
async fn the_redirect_uris_to_register_are_listed() {
    let Some(app) = spawn_app().await else { return };
    let canonical = format!("{}{CALLBACK}", app.state.canonical_origin());
    let (_, overview) = api(&app, Method::GET, &sso_path(&app), None).await;
    assert_eq!(overview["redirect_uris"], json!([canonical]));

    for host in ["support.northwind.example", "help.northwind.example"] {
        portal_actors::store::directory::add_host(
            &app.db,
            app.tenant.id,
            host,
            app.state.clock.now(),
        )
        .await
        .unwrap();
    }
    let other = app.create_tenant("Contoso MSP").await;
    portal_actors::store::directory::add_host(
        &app.db,
        other.id,
        "portal.contoso.example",
        app.state.clock.now(),
    )
    .await
    .unwrap();
    let (_, overview) = api(&app, Method::GET, &sso_path(&app), None).await;
    assert_eq!(
        overview["redirect_uris"],
        json!([
            canonical,
            format!("https://help.northwind.example{CALLBACK}"),
            format!("https://support.northwind.example{CALLBACK}"),
        ])
    );
}

/// Runs `portal` on the test's database and key, in an empty folder.
fn portal(
    app: &TestApp,
    dir: &std::path::Path,
    args: &[&str],
    env: &[(&str, &str)],
) -> (i32, String) {
    let mut cmd = portal_command(dir);
    cmd.args(args)
        .env("PORTAL__DATABASE__URL", &app.database_url)
        .env("PORTAL__SECURITY__ENCRYPTION_KEY", ENCRYPTION_KEY)
        .env_remove("KC_SECRET")
        .envs(env.iter().copied());
    code_and_text(&run_portal(&mut cmd, None))
}

#[actix_web::test]
async fn the_cli_sets_lists_and_removes_providers_and_options() {
    let Some(app) = spawn_app().await else { return };
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    let slug = app.tenant.slug.clone();
    let set = |extra: &[&str]| -> Vec<String> {
        let mut args = vec![
            "tenant",
            "sso",
            "set",
            "--tenant",
            &slug,
            "--provider",
            "acme-kc",
            "--kind",
            "keycloak",
            "--issuer",
            "https://id.acme.example/realms/acme",
            "--client-id",
            "portal",
        ];
        args.extend_from_slice(extra);
        args.into_iter().map(str::to_owned).collect()
    };
    let run = |args: &[String], env: &[(&str, &str)]| {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        portal(&app, p, &args, env)
    };
    let secret = "s3cret-from-the-environment";

    // A secret as a plain argument is not accepted.
    let (code, out) = run(&set(&["--client-secret", secret]), &[]);
    assert_eq!(code, 2, "{out}");
    let (code, out) = run(&set(&["--client-secret-env", "KC_SECRET"]), &[]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("KC_SECRET is not set"), "{out}");
    let (code, out) = run(&set(&[]), &[]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("--client-secret-env"), "{out}");
    let (code, out) = run(
        &set(&["--kind", "github", "--client-secret-env", "KC_SECRET"]),
        &[("KC_SECRET", secret)],
    );
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("--kind"), "{out}");
    let (code, out) = run(
        &set(&[
            "--issuer",
            "http://id.acme.example",
            "--client-secret-env",
            "KC_SECRET",
        ]),
        &[("KC_SECRET", secret)],
    );
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("--issuer"), "{out}");
    let (code, out) = run(
        &set(&[
            "--allowed-domain",
            "not_a.domain",
            "--client-secret-env",
            "KC_SECRET",
        ]),
        &[("KC_SECRET", secret)],
    );
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("--allowed-domain"), "{out}");

    let (code, out) = run(
        &set(&[
            "--client-secret-env",
            "KC_SECRET",
            "--display-name",
            "Acme staff",
            "--allowed-domain",
            "acme.example",
            "--allowed-domain",
            "Contoso.example",
        ]),
        &[("KC_SECRET", secret)],
    );
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("Created provider acme-kc"), "{out}");
    assert!(!out.contains(secret));
    let (status, kc) = api(&app, Method::GET, &provider_path(&app, "acme-kc"), None).await;
    assert_eq!(status, 200);
    assert_eq!(kc["display_name"], "Acme staff");
    assert_eq!(
        kc["allowed_domains"],
        json!(["acme.example", "contoso.example"])
    );
    assert!(!stored_secret(&app, "acme-kc").await.contains(secret));
    assert_eq!(opened_secret(&app, "acme-kc").await, secret);

    // Updated without a secret (kept), then disabled, then with a secret from a file.
    let (code, out) = run(&set(&["--disabled"]), &[]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("Updated provider acme-kc"), "{out}");
    let (code, out) = run(
        &["tenant", "sso", "list", "--tenant", &slug].map(str::to_owned),
        &[],
    );
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("acme-kc  (keycloak, disabled)"), "{out}");
    assert!(out.contains("SSO-only off"), "{out}");
    let settings = portal::config::Settings::default();
    let canonical = format!(
        "{}://{}{CALLBACK}",
        settings.server.public_scheme, settings.server.canonical_host
    );
    assert!(out.contains(&canonical), "{out}");
    assert!(!out.contains(secret) && !out.contains("v1."), "{out}");

    // SSO-only is refused while the only provider is off.
    let options = |extra: &[&str]| -> Vec<String> {
        let mut args = vec!["tenant", "sso", "options", "--tenant", &slug];
        args.extend_from_slice(extra);
        args.into_iter().map(str::to_owned).collect()
    };
    let (code, out) = run(&options(&["--sso-only", "on"]), &[]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("--sso-only"), "{out}");
    let (code, out) = run(&options(&["--jit", "maybe"]), &[]);
    assert_eq!(code, 2, "{out}");

    let secret_file = p.join("kc.secret");
    std::fs::write(&secret_file, "from-a-file\n").unwrap();
    let (code, out) = run(
        &set(&["--client-secret-file", secret_file.to_str().unwrap()]),
        &[],
    );
    assert_eq!(code, 0, "{out}");
    assert_eq!(opened_secret(&app, "acme-kc").await, "from-a-file");
    let (_, kc) = api(&app, Method::GET, &provider_path(&app, "acme-kc"), None).await;
    assert_eq!(
        kc["allowed_domains"],
        json!([]),
        "set replaces the settings"
    );

    let (code, out) = run(&options(&["--sso-only", "on", "--jit", "on"]), &[]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("SSO-only on, just-in-time provisioning on"),
        "{out}"
    );
    let (_, overview) = api(&app, Method::GET, &sso_path(&app), None).await;
    assert_eq!(
        (&overview["sso_only"], &overview["jit_provisioning"]),
        (&json!(true), &json!(true))
    );
    let (code, out) = run(&options(&[]), &[]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("SSO-only on"), "{out}");

    let remove: Vec<String> = [
        "tenant",
        "sso",
        "remove",
        "--tenant",
        &slug,
        "--provider",
        "acme-kc",
    ]
    .map(str::to_owned)
    .to_vec();
    let (code, out) = run(&remove, &[]);
    assert_ne!(code, 0, "{out}");
    assert!(out.contains("sso_only off first"), "{out}");
    let (code, out) = run(&options(&["--sso-only", "off"]), &[]);
    assert_eq!(code, 0, "{out}");
    let (code, out) = run(&remove, &[]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("Removed provider acme-kc"), "{out}");
    let (code, out) = run(&remove, &[]);
    assert_ne!(code, 0, "{out}");
    assert!(out.contains("no provider `acme-kc`"), "{out}");
    let (code, out) = run(
        &["tenant", "sso", "list", "--tenant", "ffffffffffff"].map(str::to_owned),
        &[],
    );
    assert_ne!(code, 0, "{out}");
    assert!(out.contains("no tenant"), "{out}");

    // Audited like the API's changes (with the CLI as their origin).
    let saved = api_audit_events(&app, "sso_provider_saved").await;
    assert_eq!(saved.len(), 3, "{saved:?}");
    assert!(saved.iter().all(|e| e["ip"].is_null()));
    assert!(!serde_json::to_string(&saved).unwrap().contains(secret));
    assert_eq!(api_audit_events(&app, "sso_options_changed").await.len(), 2);
    assert_eq!(
        api_audit_events(&app, "sso_provider_deleted").await.len(),
        1
    );
}
