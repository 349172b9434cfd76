//! A real browser on the dashboard's Recent activity, the profile's Email notifications card
//! and the unsubscribe pages an email's link opens (signed out), on a laptop and a phone: the
//! events link to their pages, a choice saved shows back, the unsubscribe asks then confirms;
//! no page scrolls sideways and every button is shown, inside the viewport and readable.

use portal_actors::notifications::{NotificationKind, Unsubscribe};

use super::projects::layout_faults;
use super::*;
use crate::ticket_fixtures::{post_reply, seed_basic};

const PROFILE: &str = "/client-portal/profile";

fn vanity(path: &str) -> url::Url {
    url::Url::parse(&format!("https://{VANITY}{path}")).unwrap()
}

const ACTIVITY_SHOWN: &[&str] = &["#activity-heading", "ul.activity-list li a"];
const CARD_SHOWN: &[&str] = &[
    "#notifications-heading",
    "#notify-ticket_reply",
    "#notify-invoice_finalized",
    "form[action='/client-portal/profile/notifications'] button",
];
const CARD_BUTTONS: &[&str] = &["#notifications .btn"];
const UNSUBSCRIBE_SHOWN: &[&str] = &["main h1", "main form button"];
const UNSUBSCRIBE_BUTTONS: &[&str] = &["main .btn"];

#[actix_web::test]
async fn a_real_browser_sees_recent_activity_saves_its_emails_and_unsubscribes_signed_out() {
    let Some((app, client, driver, _dir)) = portal_and_browser().await else {
        return;
    };
    let tenant = app.tenant.clone();
    let ada = crate::ticket_data::person(
        &app,
        &tenant,
        "ada@acme.example",
        "Acme Manufacturing",
        Some("Admin"),
    )
    .await;
    let f = seed_basic(&app, &ada.user.email).await;
    app.clock.advance(chrono::Duration::seconds(5));
    post_reply(
        &f.api,
        f.printer,
        "A technician is on the way with a long name for the line to wrap on a phone.",
    )
    .await;
    let token = Unsubscribe {
        tenant: tenant.id,
        user_id: ada.user.user_id,
        kind: NotificationKind::InvoiceFinalized,
    }
    .token(&app.state.services.secret_box)
    .unwrap();
    let result = async {
        sign_in_with_password(&client, &tenant.slug, &ada.user.email).await?;
        wait_for_url(&client, &vanity("/client-portal/dashboard")).await?;
        let mut faults = Vec::new();
        for width in [1280u32, 375] {
            client.set_window_size(width, 900).await?;
            client
                .goto(vanity("/client-portal/dashboard").as_str())
                .await?;
            let first = wait_for(&client, "ul.activity-list li a").await?;
            assert!(first.text().await?.contains("replied on TST-1"));
            let place = format!("dashboard activity at {width} px");
            faults.extend(layout_faults(&client, &place, ACTIVITY_SHOWN, &[]).await?);
            let to_card = "document.querySelector('#activity-heading').scrollIntoView()";
            client.execute(to_card, vec![]).await?;
            keep_screenshot(&client, &format!("dashboard-activity-{width}")).await;
            first.click().await?;
            wait_for(&client, "main h1").await?;
            assert!(client
                .current_url()
                .await?
                .path()
                .ends_with("/tickets/TST-1"));

            client.goto(vanity(PROFILE).as_str()).await?;
            let reply = wait_for(&client, "#notify-ticket_reply").await?;
            reply.click().await?;
            client
                .find(Locator::Css(
                    "form[action='/client-portal/profile/notifications'] button",
                ))
                .await?
                .click()
                .await?;
            let saved = wait_for(&client, "#notifications div.notice").await?;
            assert_eq!(saved.text().await?, "Your notification choices were saved.");
            let place = format!("notification choices at {width} px");
            faults.extend(layout_faults(&client, &place, CARD_SHOWN, CARD_BUTTONS).await?);
            let to_card = "document.querySelector('#notifications').scrollIntoView()";
            client.execute(to_card, vec![]).await?;
            keep_screenshot(&client, &format!("profile-notifications-{width}")).await;
        }
        // Two saves that each flipped replies: on again.
        let reply = client.find(Locator::Css("#notify-ticket_reply")).await?;
        assert!(reply.prop("checked").await?.is_some_and(|c| c == "true"));

        // The link of an email, opened with nobody signed in.
        client.delete_all_cookies().await?;
        for width in [1280u32, 375] {
            client.set_window_size(width, 900).await?;
            let link = vanity(&format!("/notifications/unsubscribe/{token}"));
            client.goto(link.as_str()).await?;
            let asked = wait_for(&client, "main form button").await?;
            let place = format!("unsubscribe question at {width} px");
            faults.extend(
                layout_faults(&client, &place, UNSUBSCRIBE_SHOWN, UNSUBSCRIBE_BUTTONS).await?,
            );
            keep_screenshot(&client, &format!("unsubscribe-{width}")).await;
            asked.click().await?;
            let done = wait_for(&client, "main div.notice").await?;
            assert_eq!(
                done.text().await?,
                "You will no longer get emails about: New invoices."
            );
            let place = format!("unsubscribed at {width} px");
            faults.extend(layout_faults(&client, &place, &["main h1"], &[]).await?);
            keep_screenshot(&client, &format!("unsubscribed-{width}")).await;
        }
        assert!(faults.is_empty(), "layout faults: {faults:#?}");
        Ok::<_, fantoccini::error::CmdError>(())
    }
    .await;
    let _ = client.close().await;
    drop(driver);
    result.unwrap();
    let off = portal_actors::store::preferences::get(
        app.db.exec(),
        tenant.id,
        ada.user.user_id,
        "notify_invoice_finalized",
    )
    .await
    .unwrap();
    assert_eq!(off.as_deref(), Some("off"));
}
