//! The `portal` binary: configuration errors name the setting; tenant and user administration.

use std::process::Output;

use crate::helpers::{output_text, portal_command, run_portal};

fn portal(
    dir: &std::path::Path,
    args: &[&str],
    env: &[(&str, &str)],
    stdin: Option<&str>,
) -> Output {
    let mut cmd = portal_command(dir);
    cmd.args(args).envs(env.iter().copied());
    run_portal(&mut cmd, stdin)
}

fn text(o: &Output) -> String {
    output_text(o).to_lowercase()
}

#[test]
fn bad_settings_stop_start_up_naming_the_setting() {
    let dir = tempfile::tempdir().unwrap();
    let out = portal(
        dir.path(),
        &["migrate"],
        &[("PORTAL__SERVER__BIND", "not-an-address")],
        None,
    );
    assert!(!out.status.success());
    assert!(text(&out).contains("server.bind"), "{}", text(&out));

    let out = portal(
        dir.path(),
        &["migrate"],
        &[("PORTAL__SESSION__IDLE_TIMEOUT_MINUTS", "5")],
        None,
    );
    assert!(!out.status.success());
    assert!(text(&out).contains("idle_timeout_minuts"), "{}", text(&out));

    std::fs::write(
        dir.path().join("portal.toml"),
        "[database]\nurl = \"mysql://x\"\n",
    )
    .unwrap();
    let out = portal(dir.path(), &["migrate"], &[], None);
    assert!(!out.status.success());
    assert!(text(&out).contains("database.url"), "{}", text(&out));

    std::fs::write(
        dir.path().join("portal.toml"),
        "[admin]\ntoken = \"short\"\n",
    )
    .unwrap();
    let out = portal(dir.path(), &["migrate"], &[], None);
    assert!(text(&out).contains("admin.token"), "{}", text(&out));
}

/// A migrated database in `p` with the tenant `0123456789ab` (Contoso IT).
fn contoso(p: &std::path::Path) {
    let out = portal(p, &["migrate"], &[], None);
    assert!(out.status.success(), "{}", text(&out));
    let out = portal(
        p,
        &[
            "tenant",
            "create",
            "--name",
            "Contoso IT",
            "--slug",
            "0123456789ab",
        ],
        &[],
        None,
    );
    assert!(out.status.success(), "{}", text(&out));
}

/// `contoso` plus the client admin pat@example.com (company Acme) with a password.
fn contoso_with_pat(p: &std::path::Path) {
    contoso(p);
    let create = [
        "user",
        "create",
        "--tenant",
        "0123456789ab",
        "--email",
        "Pat@Example.com",
        "--type",
        "client",
        "--client",
        "Acme",
        "--first-name",
        "Pat",
        "--last-name",
        "Lee",
        "--client-admin",
        "--password-stdin",
    ];
    let out = portal(p, &create, &[], Some("a long enough passphrase\n"));
    assert!(out.status.success(), "{}", text(&out));
}

#[test]
fn migrate_creates_the_embedded_database_and_tenants_are_created_once() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    let out = portal(p, &["migrate"], &[], None);
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        p.join("data/portal.db").exists(),
        "the embedded default database is created"
    );

    let out = portal(
        p,
        &[
            "tenant",
            "create",
            "--name",
            "Contoso IT",
            "--slug",
            "0123456789ab",
        ],
        &[],
        None,
    );
    assert!(out.status.success(), "{}", text(&out));
    let out = portal(
        p,
        &[
            "tenant",
            "create",
            "--name",
            "Again",
            "--slug",
            "0123456789ab",
        ],
        &[],
        None,
    );
    assert!(!out.status.success());
    assert!(text(&out).contains("already taken"));
    let out = portal(
        p,
        &["tenant", "create", "--name", "Bad", "--slug", "XYZ"],
        &[],
        None,
    );
    assert!(text(&out).contains("--slug"));
    let out = portal(
        p,
        &[
            "tenant",
            "create",
            "--name",
            "Bad",
            "--primary-color",
            "red;}",
        ],
        &[],
        None,
    );
    assert!(text(&out).contains("--primary-color"));

    let out = portal(p, &["tenant", "list"], &[], None);
    assert!(text(&out).contains("0123456789ab") && text(&out).contains("contoso it"));
}

#[test]
fn users_are_created_from_the_command_line_with_a_checked_password() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    contoso(p);
    let create = [
        "user",
        "create",
        "--tenant",
        "0123456789ab",
        "--email",
        "Pat@Example.com",
        "--type",
        "client",
        "--client",
        "Acme",
        "--first-name",
        "Pat",
        "--last-name",
        "Lee",
        "--client-admin",
        "--password-stdin",
    ];
    let out = portal(p, &create, &[], Some("short\n"));
    assert!(!out.status.success());
    assert!(
        text(&out).contains("shorter than 12 characters"),
        "{}",
        text(&out)
    );
    let out = portal(p, &create, &[], Some("password1234\n"));
    assert!(text(&out).contains("too easy to guess"), "{}", text(&out));
    let out = portal(p, &create, &[], Some("Lee family orchard 1987\n"));
    assert!(text(&out).contains("name"), "{}", text(&out));
    let out = portal(p, &create, &[], Some("a long enough passphrase\n"));
    assert!(out.status.success(), "{}", text(&out));
    let out = portal(p, &create, &[], Some("a long enough passphrase\n"));
    assert!(text(&out).contains("already exists"));
    let out = portal(
        p,
        &[
            "user",
            "create",
            "--tenant",
            "ffffffffffff",
            "--email",
            "a@b.example",
            "--type",
            "internal",
        ],
        &[],
        None,
    );
    assert!(text(&out).contains("no tenant"));
}

#[test]
fn passwords_are_set_from_the_command_line_for_existing_users_only() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    contoso_with_pat(p);
    let set = [
        "user",
        "set-password",
        "--tenant",
        "0123456789ab",
        "--email",
        "pat@example.com",
    ];
    let out = portal(p, &set, &[], Some("another long passphrase\n"));
    assert!(out.status.success(), "{}", text(&out));
    let out = portal(
        p,
        &[
            "user",
            "set-password",
            "--tenant",
            "0123456789ab",
            "--email",
            "nobody@example.com",
        ],
        &[],
        Some("another long passphrase\n"),
    );
    assert!(!out.status.success());
}

#[test]
fn client_users_without_a_password_are_invited_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    contoso_with_pat(p);
    // Invitations: a client user without a password can be invited; one with a password not.
    let sam = [
        "user",
        "create",
        "--tenant",
        "0123456789ab",
        "--email",
        "sam@example.com",
        "--type",
        "client",
        "--client",
        "Acme",
        "--first-name",
        "Sam",
    ];
    assert!(portal(p, &sam, &[], None).status.success());
    let invite = [
        "user",
        "invite",
        "--tenant",
        "0123456789ab",
        "--email",
        "sam@example.com",
    ];
    let out = portal(p, &invite, &[], None);
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains("invitation for sam@example.com queued"),
        "{}",
        text(&out)
    );
    let out = portal(
        p,
        &[
            "user",
            "invite",
            "--tenant",
            "0123456789ab",
            "--email",
            "pat@example.com",
        ],
        &[],
        None,
    );
    assert!(!out.status.success());
    assert!(
        text(&out).contains("already has a portal account"),
        "{}",
        text(&out)
    );
    let out = portal(
        p,
        &["user", "invite", "--tenant", "0123456789ab"],
        &[],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_tenant_two_factor_policy_is_set_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    contoso(p);
    let two_factor = [
        "tenant",
        "two-factor",
        "--tenant",
        "0123456789ab",
        "--require",
        "on",
    ];
    let out = portal(p, &two_factor, &[], None);
    assert!(
        text(&out).contains("two-factor is required"),
        "{}",
        text(&out)
    );
    let out = portal(
        p,
        &[
            "tenant",
            "two-factor",
            "--tenant",
            "0123456789ab",
            "--require",
            "maybe",
        ],
        &[],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
}
