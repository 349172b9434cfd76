//! "Find your organization": the sign-in page without an organization emails the sign-in
//! links of every tenant where the address is an active client user, and answers the same for
//! every address.

use portal_actors::model::UserType;
use portal_actors::portal_domain::DomainStatus;
use portal_actors::store::users;

use crate::handoff::add_domain;
use crate::helpers::{hash, Browser, Page, PASSWORD};
use crate::password_reset::{app_with_mail, canonical_path, post_with_csrf, without_nonces};

async fn find(browser: &Browser, email: &str) -> Page {
    post_with_csrf(
        browser,
        "/auth/client-portal/signin",
        "/auth/client-portal/find-organization",
        &[("email", email)],
    )
    .await
}

#[actix_web::test]
async fn the_email_lists_the_sign_in_links_of_active_accounts_only() {
    let Some((smtp, app)) = app_with_mail().await else {
        return;
    };
    let email = "ada@shared.example";
    let alpha = app.tenant.clone();
    let beta = app.create_tenant("Beta Managed Services").await;
    let gamma = app.create_tenant("Gamma IT (inactive account)").await;
    let delta = app.create_tenant("Delta Staffing (internal account)").await;
    let vanity = app.create_tenant("Epsilon Hosting").await;
    app.client_user(Some(&alpha), email, "Acme").await;
    app.client_user(Some(&beta), email, "Acme").await;
    app.client_user(Some(&vanity), email, "Acme").await;
    let inactive = app.client_user(Some(&gamma), email, "Acme").await;
    users::set_inactive(
        &app.db,
        gamma.id,
        inactive.user_id,
        true,
        portal_actors::Clock::now(app.clock.as_ref()),
    )
    .await
    .unwrap();
    app.user(
        Some(&delta),
        email,
        UserType::Internal,
        None,
        Some(&hash(PASSWORD)),
    )
    .await;
    add_domain(&app, &vanity, "portal.epsilon.test", DomainStatus::Active).await;

    let browser = app.browser();
    let answer = find(&browser, "ADA@shared.example").await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert!(answer.body.contains("Check your email"));
    let mail = smtp.wait_for(email).await;
    assert_eq!(smtp.messages_to(email).len(), 1);
    assert_eq!(
        mail.header("Subject").unwrap(),
        "Your client portal sign-in links"
    );
    let text = mail.text();
    for listed in [&alpha.name, &beta.name, &vanity.name] {
        assert!(
            text.contains(listed.as_str()),
            "{listed} missing from {text}"
        );
    }
    for absent in [&gamma.name, &delta.name] {
        assert!(!text.contains(absent.as_str()), "{absent} listed in {text}");
    }
    let links = mail.links();
    assert_eq!(links.len(), 3, "{links:?}");
    assert!(links.contains(&"https://portal.epsilon.test/auth/client-portal/signin".to_owned()));
    // A listed link opens that organization's sign-in page.
    let beta_link = links
        .iter()
        .find(|l| l.ends_with(&format!("tenant={}", beta.slug)))
        .expect("beta's link");
    let page = app.browser().get(&canonical_path(beta_link)).await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains(&format!("Sign in to {}", beta.name)),
        "{}",
        page.body
    );
}

#[actix_web::test]
async fn every_address_gets_the_same_answer_and_unknown_ones_no_email() {
    let Some((smtp, app)) = app_with_mail().await else {
        return;
    };
    app.client_user(None, "known@acme.example", "Acme").await;
    app.internal_user("staff@msp.example").await;
    let browser = app.browser();
    let known = find(&browser, "known@acme.example").await;
    smtp.wait_for("known@acme.example").await;
    for other in ["nobody@acme.example", "staff@msp.example", "not an address"] {
        let page = find(&browser, other).await;
        assert_eq!(page.status, known.status, "{other}");
        assert_eq!(
            without_nonces(&page.body),
            without_nonces(&known.body),
            "{other}"
        );
    }
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(smtp.messages().len(), 1);

    let forged = browser
        .post_form(
            "/auth/client-portal/find-organization",
            &[("email", "known@acme.example"), ("csrf_token", "forged")],
        )
        .await;
    assert_eq!(forged.status, 403);
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(smtp.messages().len(), 1);
}
