//! Providers and options managed from the `portal` command line.

use super::*;

const SECRET: &str = "s3cret-from-the-environment";

/// A portal and an empty folder to run `portal` in, on its database.
struct Cli {
    app: TestApp,
    dir: tempfile::TempDir,
}

impl Cli {
    async fn new() -> Option<Cli> {
        let app = spawn_app().await?;
        let dir = tempfile::tempdir().unwrap();
        Some(Cli { app, dir })
    }

    fn run(&self, args: &[String], env: &[(&str, &str)]) -> (i32, String) {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        portal(&self.app, self.dir.path(), &args, env)
    }
}

/// `tenant sso set` for the Keycloak provider `acme-kc` of `slug`, then `extra`.
fn set_args(slug: &str, extra: &[&str]) -> Vec<String> {
    let mut args = vec![
        "tenant",
        "sso",
        "set",
        "--tenant",
        slug,
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
}

/// `tenant sso options` for `slug`, then `extra`.
fn options_args(slug: &str, extra: &[&str]) -> Vec<String> {
    let mut args = vec!["tenant", "sso", "options", "--tenant", slug];
    args.extend_from_slice(extra);
    args.into_iter().map(str::to_owned).collect()
}

/// Creates `acme-kc` with its secret from the environment, checking what was stored.
async fn create_provider(cli: &Cli) {
    let (app, slug) = (&cli.app, cli.app.tenant.slug.clone());
    let set = |extra: &[&str]| set_args(&slug, extra);
    let run = |args: &[String], env: &[(&str, &str)]| cli.run(args, env);
    let secret = SECRET;
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
    let (status, kc) = api(app, Method::GET, &provider_path(app, "acme-kc"), None).await;
    assert_eq!(status, 200);
    assert_eq!(kc["display_name"], "Acme staff");
    assert_eq!(
        kc["allowed_domains"],
        json!(["acme.example", "contoso.example"])
    );
    assert!(!stored_secret(app, "acme-kc").await.contains(secret));
    assert_eq!(opened_secret(app, "acme-kc").await, secret);
}

#[actix_web::test]
async fn the_cli_refuses_a_plain_secret_and_invalid_provider_settings() {
    let Some(cli) = Cli::new().await else { return };
    let slug = cli.app.tenant.slug.clone();
    let set = |extra: &[&str]| set_args(&slug, extra);
    let run = |args: &[String], env: &[(&str, &str)]| cli.run(args, env);
    let secret = SECRET;
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
}

#[actix_web::test]
async fn the_cli_creates_a_provider_with_its_secret_from_the_environment() {
    let Some(cli) = Cli::new().await else { return };
    create_provider(&cli).await;
}

#[actix_web::test]
async fn the_cli_updates_and_lists_providers_without_showing_secrets() {
    let Some(cli) = Cli::new().await else { return };
    let (app, p, slug) = (&cli.app, cli.dir.path(), cli.app.tenant.slug.clone());
    let set = |extra: &[&str]| set_args(&slug, extra);
    let run = |args: &[String], env: &[(&str, &str)]| cli.run(args, env);
    let secret = SECRET;
    create_provider(&cli).await;
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

    let secret_file = p.join("kc.secret");
    std::fs::write(&secret_file, "from-a-file\n").unwrap();
    let (code, out) = run(
        &set(&["--client-secret-file", secret_file.to_str().unwrap()]),
        &[],
    );
    assert_eq!(code, 0, "{out}");
    assert_eq!(opened_secret(app, "acme-kc").await, "from-a-file");
    let (_, kc) = api(app, Method::GET, &provider_path(app, "acme-kc"), None).await;
    assert_eq!(
        kc["allowed_domains"],
        json!([]),
        "set replaces the settings"
    );
}

#[actix_web::test]
async fn the_cli_sets_options_and_removes_a_provider_only_when_sso_only_is_off() {
    let Some(cli) = Cli::new().await else { return };
    let (app, p, slug) = (&cli.app, cli.dir.path(), cli.app.tenant.slug.clone());
    let set = |extra: &[&str]| set_args(&slug, extra);
    let options = |extra: &[&str]| options_args(&slug, extra);
    let run = |args: &[String], env: &[(&str, &str)]| cli.run(args, env);
    let secret = SECRET;
    create_provider(&cli).await;
    let (code, out) = run(&set(&["--disabled"]), &[]);
    assert_eq!(code, 0, "{out}");
    // SSO-only is refused while the only provider is off.
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
    assert_eq!(opened_secret(app, "acme-kc").await, "from-a-file");
    let (_, kc) = api(app, Method::GET, &provider_path(app, "acme-kc"), None).await;
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
    let (_, overview) = api(app, Method::GET, &sso_path(app), None).await;
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
    let saved = api_audit_events(app, "sso_provider_saved").await;
    assert_eq!(saved.len(), 3, "{saved:?}");
    assert!(saved.iter().all(|e| e["ip"].is_null()));
    assert!(!serde_json::to_string(&saved).unwrap().contains(secret));
    assert_eq!(api_audit_events(app, "sso_options_changed").await.len(), 2);
    assert_eq!(api_audit_events(app, "sso_provider_deleted").await.len(), 1);
}
