//! One session, signed in on instance 0 and used through all three (a load balancer), ended on
//! instance 0 (sign-out, password change, the admin API's user and tenant revocations): the
//! other two refuse it within a second (measured).

use std::time::{Duration as StdDuration, Instant};

use crate::helpers::*;
use crate::password_reset::NEW_PASSWORD;

const DASHBOARD: &str = "/client-portal/dashboard";
const SECURITY: &str = "/client-portal/profile/security";
/// How late another instance may still accept an ended session.
const WITHIN: StdDuration = StdDuration::from_secs(1);
/// How often each instance is asked again.
const POLL: StdDuration = StdDuration::from_millis(25);

/// Three instances and Ada, a client user.
async fn three_with_ada() -> Option<(Instances, TestUser)> {
    let apps = spawn_instances(3, |_, _| {}).await?;
    let ada = apps[0].client_user(None, "ada@acme.example", "Acme").await;
    Some((apps, ada))
}

/// Ada signed in on instance 0, and the same cookie sent through every other instance until
/// each has the session cached.
async fn spread(apps: &Instances, email: &str) -> (Browser, Vec<Browser>) {
    let home = signed_in(&apps[0], email).await;
    let others: Vec<Browser> = apps.iter().skip(1).map(|app| home.through(app)).collect();
    for _ in 0..3 {
        for browser in std::iter::once(&home).chain(&others) {
            assert_eq!(browser.get(DASHBOARD).await.status, 200);
        }
    }
    (home, others)
}

/// Asks every browser again until each is sent to sign in; fails when one still gets the
/// dashboard `WITHIN` after `since` (when the revocation was acknowledged).
async fn assert_refused_within_a_second(browsers: &[Browser], since: Instant, how: &str) {
    let mut took: Vec<Option<StdDuration>> = vec![None; browsers.len()];
    while took.iter().any(Option::is_none) {
        for (browser, took) in browsers.iter().zip(took.iter_mut()) {
            if took.is_some() {
                continue;
            }
            let page = browser.get(DASHBOARD).await;
            let elapsed = since.elapsed();
            if page.status == 303 {
                let to = page.location();
                assert!(to.starts_with("/auth/client-portal/signin"), "{how}: {to}");
                *took = Some(elapsed);
            } else {
                assert_eq!(page.status, 200, "{how}: {}", page.body);
                assert!(
                    elapsed < WITHIN,
                    "{how}: {} still accepts the ended session after {elapsed:?}",
                    browser.base
                );
            }
        }
        tokio::time::sleep(POLL).await;
    }
    eprintln!("{how}: refused after {took:?}");
}

#[actix_web::test]
async fn signing_out_on_one_instance_is_refused_by_the_other_two_within_a_second() {
    let Some((apps, ada)) = three_with_ada().await else {
        return;
    };
    let (home, others) = spread(&apps, &ada.email).await;
    let csrf = Browser::form_csrf(&home.get(DASHBOARD).await);
    let out = home
        .post_form("/auth/client-portal/signout", &[("csrf_token", &csrf)])
        .await;
    let since = Instant::now();
    assert_eq!(out.status, 303, "{}", out.body);
    assert!(out.location().contains("signedout=1"), "{}", out.location());
    assert_refused_within_a_second(&others, since, "signed out on instance 0").await;
}

#[actix_web::test]
async fn a_password_change_on_one_instance_is_refused_by_the_other_two_within_a_second() {
    let Some((apps, ada)) = three_with_ada().await else {
        return;
    };
    let (home, others) = spread(&apps, &ada.email).await;
    // Ada changes her password in another session on instance 0, signing out everywhere else.
    let changer = signed_in(&apps[0], &ada.email).await;
    let csrf = Browser::form_csrf(&changer.get(SECURITY).await);
    let changed = changer
        .post_form(
            "/client-portal/profile/security/password",
            &[
                ("csrf_token", &csrf),
                ("current_password", PASSWORD),
                ("new_password", NEW_PASSWORD),
                ("confirm_password", NEW_PASSWORD),
                ("sign_out_others", "on"),
            ],
        )
        .await;
    let since = Instant::now();
    assert_eq!(changed.status, 303, "{}", changed.body);
    let everywhere: Vec<Browser> = std::iter::once(home).chain(others).collect();
    assert_refused_within_a_second(&everywhere, since, "password changed on instance 0").await;
    // The session that changed it goes on.
    assert_eq!(changer.get(DASHBOARD).await.status, 200);
}

#[actix_web::test]
async fn an_operators_revocation_on_one_instance_is_refused_by_the_other_two_within_a_second() {
    let Some((apps, ada)) = three_with_ada().await else {
        return;
    };
    let bob = apps[0].client_user(None, "bob@acme.example", "Acme").await;
    let (_, ada_elsewhere) = spread(&apps, &ada.email).await;
    let (_, bob_elsewhere) = spread(&apps, &bob.email).await;
    // One user, through instance 0's admin API; Bob is not touched.
    let slug = &apps[0].tenant.slug;
    let user = format!("/admin/tenants/{slug}/users/{}/sessions/revoke", ada.email);
    let answer = apps[0].admin_post(&user, Some(ADMIN_TOKEN)).await;
    let since = Instant::now();
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert!(answer.body.contains(r#""revoked":1"#), "{}", answer.body);
    assert_refused_within_a_second(&ada_elsewhere, since, "user revoked on instance 0").await;
    for browser in &bob_elsewhere {
        assert_eq!(browser.get(DASHBOARD).await.status, 200);
    }
    // Then the whole tenant.
    let tenant = format!("/admin/tenants/{slug}/sessions/revoke");
    let answer = apps[0].admin_post(&tenant, Some(ADMIN_TOKEN)).await;
    let since = Instant::now();
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert!(answer.body.contains(r#""revoked":1"#), "{}", answer.body);
    assert_refused_within_a_second(&bob_elsewhere, since, "tenant revoked on instance 0").await;
}
