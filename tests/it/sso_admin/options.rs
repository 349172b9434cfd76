//! Tenant SSO options: SSO-only needs an enabled provider; the redirect URIs to register.

use super::*;

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
