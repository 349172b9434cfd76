//! A new password (reset or change) ends every sign-in still in flight for that user: live
//! vanity-domain handoff tokens, open two-factor challenges, and SSO sign-ins that were started
//! before it and come back as that user.

use chrono::Duration;
use portal_actors::handoff::{ConsumeOtt, ConsumeOutcome, IssueOtt};
use portal_actors::model::{SessionUser, UserType};

use crate::helpers::*;
use crate::password_reset::{
    app_with_mail, canonical_path, request_reset, set_password, NEW_PASSWORD,
};
use crate::two_factor::{code_now, enroll_directly};

const CHALLENGE: &str = "/auth/client-portal/two-factor";
const SECURITY: &str = "/client-portal/profile/security";
const DOMAIN: &str = "portal.acme.example";
const CHANGED: &str = "tundra vinyl marmot quiver 42";

async fn issue(app: &TestApp, user: &TestUser) -> String {
    app.state
        .services
        .handoff
        .send(IssueOtt {
            user: SessionUser {
                tenant: app.tenant.id,
                user_id: user.user_id,
                email: user.email.clone(),
                user_type: UserType::Client,
                full_name: "Ada Lovelace".into(),
                client_id: None,
                client_name: None,
                role: Some(portal_actors::model::PortalRole::User),
                previous_login_at: None,
                prefs: Default::default(),
            },
            domain: DOMAIN.into(),
            return_path: "/client-portal/dashboard".into(),
            auth_method: "password".into(),
        })
        .await
        .unwrap()
        .unwrap()
        .token
}

async fn exchange(app: &TestApp, token: &str) -> ConsumeOutcome {
    app.state
        .services
        .handoff
        .send(ConsumeOtt {
            token: token.into(),
            domain: DOMAIN.into(),
        })
        .await
        .unwrap()
        .unwrap()
}

/// Changes the password from the Security page of a signed-in browser.
async fn change_password(browser: &Browser, current: &str, new: &str) {
    let csrf = Browser::form_csrf(&browser.get(SECURITY).await);
    let changed = browser
        .post_form(
            "/client-portal/profile/security/password",
            &[
                ("csrf_token", &csrf),
                ("current_password", current),
                ("new_password", new),
                ("confirm_password", new),
            ],
        )
        .await;
    assert_eq!(changed.status, 303, "{}", changed.body);
}

#[actix_web::test]
async fn a_handoff_token_issued_before_a_reset_can_no_longer_be_exchanged() {
    let Some((smtp, app)) = app_with_mail().await else {
        return;
    };
    let user = app.client_user(None, "ada@acme.example", "Acme").await;
    let bystander = app.client_user(None, "bob@acme.example", "Acme").await;
    let before = issue(&app, &user).await;
    let unrelated = issue(&app, &bystander).await;

    let browser = app.browser();
    assert_eq!(
        request_reset(&browser, &app.tenant.slug, &user.email)
            .await
            .status,
        200
    );
    let link = smtp
        .wait_for_nth(&user.email, 0, std::time::Duration::from_secs(5))
        .await
        .expect("the reset email")
        .first_link();
    let done = set_password(&browser, &canonical_path(&link), NEW_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(done.status, 200, "{}", done.body);

    let outcome = exchange(&app, &before).await;
    assert!(
        matches!(outcome, ConsumeOutcome::InvalidOrExpired),
        "{outcome:?}"
    );
    // Another user's token, and one issued after the reset, still work.
    let outcome = exchange(&app, &unrelated).await;
    assert!(
        matches!(outcome, ConsumeOutcome::Consumed { .. }),
        "{outcome:?}"
    );
    let after = issue(&app, &user).await;
    let outcome = exchange(&app, &after).await;
    assert!(
        matches!(outcome, ConsumeOutcome::Consumed { .. }),
        "{outcome:?}"
    );
}

#[actix_web::test]
async fn a_handoff_token_issued_before_a_password_change_can_no_longer_be_exchanged() {
    let Some(app) = spawn_app().await else { return };
    let user = app.client_user(None, "ada@acme.example", "Acme").await;
    let browser = app.browser();
    assert_eq!(
        browser
            .sign_in(&app.tenant.slug, &user.email, PASSWORD)
            .await
            .status,
        303
    );
    let before = issue(&app, &user).await;
    change_password(&browser, PASSWORD, CHANGED).await;
    let outcome = exchange(&app, &before).await;
    assert!(
        matches!(outcome, ConsumeOutcome::InvalidOrExpired),
        "{outcome:?}"
    );
}

#[actix_web::test]
async fn a_two_factor_challenge_opened_before_a_password_change_can_no_longer_be_completed() {
    let Some(app) = spawn_app().await else { return };
    let user = app.client_user(None, "ada@acme.example", "Acme").await;
    let secret = enroll_directly(&app, &user).await;

    // The user, signed in with both factors.
    app.clock.advance(Duration::seconds(30));
    let owner = app.browser();
    let page = owner.sign_in(&app.tenant.slug, &user.email, PASSWORD).await;
    assert_eq!(page.location(), CHALLENGE);
    let form = owner.get(CHALLENGE).await;
    let ok = owner
        .post_form(
            CHALLENGE,
            &[
                ("csrf_token", &Browser::form_csrf(&form)),
                ("code", &code_now(&app, &secret)),
            ],
        )
        .await;
    assert_eq!(ok.status, 303, "{}", ok.body);

    // Someone else got past the password and waits at the second step.
    let other = app.browser();
    let page = other.sign_in(&app.tenant.slug, &user.email, PASSWORD).await;
    assert_eq!(page.location(), CHALLENGE);
    let pending = other.get(CHALLENGE).await;
    assert_eq!(pending.status, 200);

    change_password(&owner, PASSWORD, CHANGED).await;
    app.clock.advance(Duration::seconds(30));
    let late = other
        .post_form(
            CHALLENGE,
            &[
                ("csrf_token", &Browser::form_csrf(&pending)),
                ("code", &code_now(&app, &secret)),
            ],
        )
        .await;
    assert_eq!(late.status, 410, "{}", late.body);
    assert_eq!(other.get("/client-portal/dashboard").await.status, 303);
}

#[actix_web::test]
async fn an_sso_sign_in_started_before_a_password_change_is_refused() {
    use crate::oidc_provider::log_in_at_provider;
    use crate::sso::{account, configure, local, provider_for, redirect_uri, start, IDP_PASSWORD};

    let Some(app) = spawn_app().await else { return };
    let user = app.client_user(None, "ada@acme.example", "Acme").await;
    let ada = account("ada", "ada@acme.example", true, &["pwd"]);
    let Some(idp) = provider_for(&app, "/realms/acme", vec![ada]).await else {
        return;
    };
    configure(&app, "keycloak", "keycloak", idp.issuer(), &[]).await;

    // A sign-in sent to the provider, whose callback arrives after the password changed.
    let sso_browser = app.browser();
    let authorize = start(&app, &sso_browser, "keycloak").await;
    let back = log_in_at_provider(&authorize, "ada", IDP_PASSWORD).await;
    assert!(back.starts_with(&redirect_uri(&app)), "{back}");
    app.clock.advance(Duration::seconds(5));
    let owner = app.browser();
    assert_eq!(
        owner
            .sign_in(&app.tenant.slug, &user.email, PASSWORD)
            .await
            .status,
        303
    );
    change_password(&owner, PASSWORD, CHANGED).await;
    app.clock.advance(Duration::seconds(5));
    let refused = sso_browser.get(&local(&back)).await;
    assert_eq!(refused.status, 400, "{}", refused.body);
    assert_eq!(
        sso_browser.get("/client-portal/dashboard").await.status,
        303
    );

    // A sign-in started after the change goes through.
    let fresh = app.browser();
    let authorize = start(&app, &fresh, "keycloak").await;
    let back = log_in_at_provider(&authorize, "ada", IDP_PASSWORD).await;
    let ok = fresh.get(&local(&back)).await;
    assert_eq!(ok.status, 303, "{}", ok.body);
    assert_eq!(fresh.get("/client-portal/dashboard").await.status, 200);
}
