//! A real browser on the portal's pages: raising a ticket with a file, replying, and layouts that never scroll sideways.

use super::*;

/// A real browser raises a ticket with a file through the portal's own forms (multipart, CSP,
/// CSRF), reads it back, replies in Markdown and closes it.
#[actix_web::test]
async fn a_real_browser_raises_a_ticket_with_a_file_and_replies() {
    let Some((app, client, driver, dir)) = portal_and_browser().await else {
        return;
    };
    let tenant = app.tenant.clone();
    let catalog = crate::ticket_data::catalog(&app, &tenant).await;
    let ada =
        crate::ticket_data::person(&app, &tenant, "ada@acme.example", "Acme", Some("User")).await;
    let file = dir.path().join("printer-error.txt");
    std::fs::write(&file, "PC LOAD LETTER").unwrap();
    let result = async {
        sign_in_with_password(&client, &tenant.slug, &ada.user.email).await?;
        let dashboard =
            url::Url::parse(&format!("https://{VANITY}/client-portal/dashboard")).unwrap();
        client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_url(&dashboard)
            .await?;

        client
            .find(Locator::Css("a[href='/client-portal/tickets']"))
            .await?
            .click()
            .await?;
        client
            .find(Locator::Css("a[href='/client-portal/tickets/new']"))
            .await?
            .click()
            .await?;
        client
            .find(Locator::Css("#ticket-title"))
            .await?
            .send_keys("Printer jam on floor 2")
            .await?;
        client
            .find(Locator::Css("#ticket-description"))
            .await?
            .send_keys("The **big** printer says PC LOAD LETTER.")
            .await?;
        // The catalog marks no default priority: the form asks for one.
        client
            .find(Locator::Css("#ticket-priority"))
            .await?
            .select_by_value(&catalog.low.to_string())
            .await?;
        client
            .find(Locator::Css("#ticket-files"))
            .await?
            .send_keys(&file.display().to_string())
            .await?;
        client
            .find(Locator::Css(".ticket-form button[type=submit]"))
            .await?
            .click()
            .await?;
        let created = url::Url::parse(&format!(
            "https://{VANITY}/client-portal/tickets/TIC-1000?done=created#main"
        ))
        .unwrap();
        client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_url(&created)
            .await?;
        let source = client.source().await?;
        assert!(source.contains("Your ticket was raised"), "{source}");
        assert!(source.contains("<strong>big</strong>"), "{source}");
        assert!(source.contains("printer-error.txt"), "{source}");

        client
            .find(Locator::Css("#reply-body"))
            .await?
            .send_keys("Tried *turning it off and on*.")
            .await?;
        client
            .find(Locator::Css(".reply-form button[type=submit]"))
            .await?
            .click()
            .await?;
        client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(Locator::Css(".conversation em"))
            .await?;
        let source = client.source().await?;
        assert!(source.contains("Your reply was sent."), "{source}");
        assert!(
            source.contains("<em>turning it off and on</em>"),
            "{source}"
        );

        client
            .find(Locator::Css(".ticket-state button[type=submit]"))
            .await?
            .click()
            .await?;
        client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(Locator::XPath(
                "//*[contains(text(), 'The ticket was closed.')]",
            ))
            .await?;
        Ok::<_, fantoccini::error::CmdError>(())
    }
    .await;
    let _ = client.close().await;
    drop(driver);
    result.unwrap();
}

/// Every signed-in page fits a phone's width (375 px) and a laptop's (1280 px): nothing makes the
/// page scroll sideways, the navigation included.
#[actix_web::test]
async fn signed_in_pages_never_scroll_sideways_on_a_phone_or_a_laptop() {
    let Some((app, client, driver, _dir)) = portal_and_browser().await else {
        return;
    };
    let tenant = app.tenant.clone();
    crate::ticket_data::catalog(&app, &tenant).await;
    let admin =
        crate::ticket_data::person(&app, &tenant, "ada@acme.example", "Acme", Some("User")).await;
    let admin = admin.user;
    crate::helpers::make_admin(&app, admin.user_id).await;
    // The company page lists every member with their role (Admin, Finance, User).
    for (email, role) in [
        ("bartholomew.accounts-payable@acme.example", "finance"),
        ("grace@acme.example", "user"),
    ] {
        crate::ticket_data::person(&app, &tenant, email, "Acme", Some(role)).await;
    }
    let result = async {
        sign_in_with_password(&client, &app.tenant.slug, &admin.email).await?;
        let dashboard =
            url::Url::parse(&format!("https://{VANITY}/client-portal/dashboard")).unwrap();
        wait_for_url(&client, &dashboard).await?;
        let mut wide = Vec::new();
        for width in [375u32, 1280] {
            client.set_window_size(width, 900).await?;
            for path in [
                "/client-portal/dashboard",
                "/client-portal/tickets",
                "/client-portal/tickets/new",
                "/client-portal/profile/security",
                "/client-portal/client-settings",
            ] {
                client.goto(&format!("https://{VANITY}{path}")).await?;
                // The page itself (with the navigation), not an error page.
                client.find(Locator::Css("nav.site-nav")).await?;
                client.find(Locator::Css("main h1")).await?;
                let widths = client
                    .execute(
                        "return [document.documentElement.scrollWidth, window.innerWidth]",
                        vec![],
                    )
                    .await?;
                let (scroll, inner) = (widths[0].as_i64(), widths[1].as_i64());
                if scroll > inner {
                    wide.push(format!("{path} at {width} px: {scroll:?} > {inner:?}"));
                }
            }
        }
        assert!(wide.is_empty(), "pages scroll sideways: {wide:#?}");
        Ok::<_, fantoccini::error::CmdError>(())
    }
    .await;
    let _ = client.close().await;
    drop(driver);
    result.unwrap();
}
