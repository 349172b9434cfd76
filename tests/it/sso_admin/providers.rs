//! Provider configuration through the admin API: round trips without the secret, named invalid fields, the token and unknown tenants.

use super::*;

const GOOGLE_SECRET: &str = "g-secret-plaintext-0123456789";

/// Creates the Google provider with `GOOGLE_SECRET` and two allowed domains; its JSON.
async fn create_google(app: &TestApp) -> Value {
    let secret = GOOGLE_SECRET;
    let (status, google) = put_provider(
        app,
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
    google
}

/// Replaces the Google provider without a secret; its JSON.
async fn replace_google_without_a_secret(app: &TestApp) -> Value {
    let (status, updated) = put_provider(
        app,
        "google",
        json!({
            "kind": "google",
            "display_name": "Sign in with Google",
            "client_id": "5678.apps.googleusercontent.com",
        }),
    )
    .await;
    assert_eq!(status, 200, "{updated}");
    updated
}

/// Gives the Google provider the secret `rotated-secret`.
async fn rotate_google_secret(app: &TestApp) {
    let (status, _) = put_provider(
        app,
        "google",
        json!({ "kind": "google", "client_id": "5678", "client_secret": "rotated-secret" }),
    )
    .await;
    assert_eq!(status, 200);
}

#[actix_web::test]
async fn a_provider_is_created_sealed_and_its_secret_never_comes_back() {
    let Some(app) = spawn_app().await else { return };
    let secret = GOOGLE_SECRET;
    let google = create_google(&app).await;
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
}

#[actix_web::test]
async fn a_provider_replaced_without_a_secret_keeps_it_and_a_new_secret_replaces_it() {
    let Some(app) = spawn_app().await else { return };
    let secret = GOOGLE_SECRET;
    let google = create_google(&app).await;
    let sealed = stored_secret(&app, "google").await;
    let updated = replace_google_without_a_secret(&app).await;
    assert_eq!(updated["display_name"], "Sign in with Google");
    assert_eq!(updated["client_id"], "5678.apps.googleusercontent.com");
    assert_eq!(updated["allowed_domains"], json!([]));
    assert_eq!(updated["created_at"], google["created_at"]);
    assert_eq!(stored_secret(&app, "google").await, sealed);
    assert_eq!(opened_secret(&app, "google").await, secret);

    // A new secret replaces it.
    rotate_google_secret(&app).await;
    assert_eq!(opened_secret(&app, "google").await, "rotated-secret");
}

#[actix_web::test]
async fn providers_are_listed_read_deleted_and_audited_without_their_secrets() {
    let Some(app) = spawn_app().await else { return };
    let secret = GOOGLE_SECRET;
    create_google(&app).await;
    replace_google_without_a_secret(&app).await;
    rotate_google_secret(&app).await;
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

/// No provider is listed and none was audited as saved.
async fn assert_nothing_stored(app: &TestApp) {
    let (_, overview) = api(app, Method::GET, &sso_path(app), None).await;
    assert_eq!(overview["providers"], json!([]));
    assert!(api_audit_events(app, "sso_provider_saved").await.is_empty());
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
    assert_nothing_stored(&app).await;
}

#[actix_web::test]
async fn bodies_that_are_not_the_expected_json_are_invalid_json_and_nothing_is_stored() {
    let Some(app) = spawn_app().await else { return };
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

    assert_nothing_stored(&app).await;
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
