//! A real browser signing in with two-factor and through the identity provider's login page.

use super::*;

/// Signs in on the canonical host with the password, then on the two-factor page with a code,
/// and lands on the vanity dashboard: the second step's form may redirect there (CSP form-action).
#[actix_web::test]
async fn a_real_browser_signs_in_with_two_factor_and_is_handed_over() {
    let Some((app, client, driver, _dir)) = portal_and_browser().await else {
        return;
    };
    let ada = app.client_user(None, "ada@acme.example", "Acme").await;
    let secret = crate::two_factor::enroll_directly(&app, &ada).await;
    let code_at = |offset: i64| {
        use portal_actors::Clock;
        let t = u64::try_from(app.clock.now().timestamp() + offset).unwrap();
        portal_actors::totp::code_at(&secret, 6, t).unwrap()
    };
    app.clock.advance(chrono::Duration::seconds(30));

    let result = async {
        sign_in_with_password(&client, &app.tenant.slug, &ada.email).await?;
        let code_page = url::Url::parse(&format!(
            "https://{CANONICAL}/auth/client-portal/two-factor"
        ))
        .unwrap();
        client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_url(&code_page)
            .await?;
        client
            .find(Locator::Css("#code"))
            .await?
            .send_keys(&code_at(0))
            .await?;
        client
            .find(Locator::Css("button[type=submit]"))
            .await?
            .click()
            .await?;
        let target = url::Url::parse(&format!("https://{VANITY}/client-portal/dashboard")).unwrap();
        client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_url(&target)
            .await?;
        let source = client.source().await?;
        assert!(source.contains("Ada Lovelace"), "{source}");
        Ok::<_, fantoccini::error::CmdError>(())
    }
    .await;
    let _ = client.close().await;
    drop(driver);
    result.unwrap();
}

/// Clicks "Sign in with Google" on the canonical sign-in page, signs in on the OpenID provider's
/// own login page (a real `oidc-provider`), comes back through the callback and is handed over
/// to the vanity dashboard.
#[actix_web::test]
async fn a_real_browser_signs_in_through_the_identity_providers_login_page() {
    let Some((app, client, driver, _dir)) = portal_and_browser().await else {
        return;
    };
    let ada = app.client_user(None, "ada@acme.example", "Acme").await;
    let account = crate::sso::account("ada", &ada.email, true, &["pwd"]);
    let Some(idp) = crate::sso::provider_for(&app, "", vec![account]).await else {
        let _ = client.close().await;
        return;
    };
    crate::sso::configure(&app, "google", "google", idp.issuer(), &[]).await;
    let result = async {
        client
            .goto(&format!(
                "https://{CANONICAL}/auth/client-portal/signin?tenant={}",
                app.tenant.slug
            ))
            .await?;
        client
            .find(Locator::Css("a.btn--sso-google"))
            .await?
            .click()
            .await?;
        client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(Locator::Css("input[name=login]"))
            .await?
            .send_keys("ada")
            .await?;
        assert!(client
            .current_url()
            .await?
            .as_str()
            .starts_with(idp.issuer()));
        client
            .find(Locator::Css("input[name=password]"))
            .await?
            .send_keys(crate::sso::IDP_PASSWORD)
            .await?;
        client.find(Locator::Css("#sign-in")).await?.click().await?;
        let target = url::Url::parse(&format!("https://{VANITY}/client-portal/dashboard")).unwrap();
        client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_url(&target)
            .await?;
        let source = client.source().await?;
        assert!(source.contains("Ada Lovelace"), "{source}");
        Ok::<_, fantoccini::error::CmdError>(())
    }
    .await;
    let _ = client.close().await;
    drop(driver);
    result.unwrap();
}
