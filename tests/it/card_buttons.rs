//! Buttons on cards (white) use the visible secondary style; `btn--ghost` (white on transparent)
//! is for the dark header only. Checked on the pages where a user ends a stolen session.

use crate::helpers::*;
use crate::two_factor::enroll_directly;

/// The page below its header (where the cards are).
fn below_header(body: &str) -> &str {
    body.split_once("</header>").map_or(body, |(_, rest)| rest)
}

fn assert_card_buttons(body: &str, labels: &[&str]) {
    let main = below_header(body);
    assert!(
        !main.contains("btn--ghost"),
        "ghost button on a card: {main}"
    );
    for label in labels {
        let button = format!(r#"class="btn btn--secondary" type="submit">{label}<"#);
        assert!(main.contains(&button), "{button} missing: {main}");
    }
    // The header keeps its ghost sign-out button.
    let header = body.split_once("</header>").map_or("", |(head, _)| head);
    assert!(header.contains("btn--ghost"), "{header}");
}

#[actix_web::test]
async fn security_and_company_buttons_are_visible_on_their_cards() {
    let Some(app) = spawn_app().await else { return };
    let user = app.client_user(None, "ada@acme.example", "Acme").await;
    make_admin(&app, user.user_id).await;
    let colleague = app.client_user(None, "bob@acme.example", "Acme").await;
    let bob = app.browser();
    assert_eq!(
        bob.sign_in(&app.tenant.slug, &colleague.email, PASSWORD)
            .await
            .status,
        303
    );
    // Two sessions of Ada (one to list as "other"), then two-factor on.
    let here = app.browser();
    let other = app.browser();
    for b in [&other, &here] {
        let page = b.sign_in(&app.tenant.slug, &user.email, PASSWORD).await;
        assert_eq!(page.status, 303, "{}", page.body);
    }
    enroll_directly(&app, &user).await;
    let security = here.get("/client-portal/profile/security").await;
    assert_eq!(security.status, 200, "{}", security.body);
    assert_card_buttons(
        &security.body,
        &[
            "Turn off two-factor",
            "Sign out",
            "Sign out all other sessions",
        ],
    );
    let company = here.get("/client-portal/client-settings").await;
    assert_eq!(company.status, 200, "{}", company.body);
    assert_card_buttons(&company.body, &["Sign out"]);
    // Bob's page in company settings: signing him out everywhere.
    let member = format!("/client-portal/client-settings/users/{}", colleague.user_id);
    let page = here.get(&member).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert_card_buttons(
        &page.body,
        &["Sign out everywhere", "Send a password reset link"],
    );
}
