//! A real browser through the profile and company settings, on a laptop and a phone: a new
//! sign-in email asked for (refused with a wrong password, then pending with resend and cancel),
//! the profile's time zone and date format saved and shown back, then a member's role changed
//! from company settings; no page scrolls sideways and every form button is shown, inside the
//! viewport and readable.

use super::projects::layout_faults;
use super::*;

const PROFILE: &str = "/client-portal/profile";
const COMPANY: &str = "/client-portal/client-settings";

fn vanity(path: &str) -> url::Url {
    url::Url::parse(&format!("https://{VANITY}{path}")).unwrap()
}

const PROFILE_SHOWN: &[&str] = &[
    "main h1",
    "nav.tabs",
    "#full_name",
    "#time_zone",
    "#date_format",
    "form[action='/client-portal/profile'] button",
    "a[href='/client-portal/profile/data']",
];
const PROFILE_BUTTONS: &[&str] = &["main .card .btn"];
const EMAIL_FORM: &str = "form[action='/client-portal/profile/email']";
const EMAIL_REFUSED_SHOWN: &[&str] = &[
    "#email-change h2",
    "#current-email",
    "#new_email",
    "#current_password",
    "#current_password-error",
    "#email-change-error",
];
const EMAIL_PENDING_SHOWN: &[&str] = &[
    "#email-pending",
    "form[action='/client-portal/profile/email/resend'] button",
    "form[action='/client-portal/profile/email/cancel'] button",
    "#new_email",
];
const MEMBER_SHOWN: &[&str] = &["main h1", "#role-admin", "#role-finance", "#role-user"];
const MEMBER_BUTTONS: &[&str] = &["main .card .btn"];

async fn fill(
    client: &fantoccini::Client,
    css: &str,
    text: &str,
) -> Result<(), fantoccini::error::CmdError> {
    let field = client.find(Locator::Css(css)).await?;
    field.clear().await?;
    field.send_keys(text).await
}

/// The Email address card: a wrong password is named beside its field with the new address
/// kept; the right one leaves the request pending (resend, cancel). Layout faults of both.
async fn ask_for_a_new_email(
    client: &fantoccini::Client,
    width: u32,
) -> Result<Vec<String>, fantoccini::error::CmdError> {
    let new_email = format!("ada.{width}@lovelace.example");
    let submit = format!("{EMAIL_FORM} button[type=submit]");
    fill(client, "#new_email", &new_email).await?;
    fill(client, "#current_password", "not the password").await?;
    client.find(Locator::Css(&submit)).await?.click().await?;
    let error = wait_for(client, "#current_password-error").await?;
    assert_eq!(error.text().await?, "The password is not right.");
    let kept = client.find(Locator::Css("#new_email")).await?;
    assert_eq!(
        kept.prop("value").await?.as_deref(),
        Some(new_email.as_str())
    );
    let place = format!("refused email change at {width} px");
    let mut faults = layout_faults(client, &place, EMAIL_REFUSED_SHOWN, PROFILE_BUTTONS).await?;

    fill(client, "#current_password", PASSWORD).await?;
    client.find(Locator::Css(&submit)).await?.click().await?;
    wait_for_url(client, &vanity(PROFILE)).await?;
    let pending = wait_for(client, "#email-pending").await?;
    let said = pending.text().await?;
    assert!(
        said.starts_with(&format!("Confirmation sent to {new_email}")),
        "{said}"
    );
    let place = format!("pending email change at {width} px");
    faults.extend(layout_faults(client, &place, EMAIL_PENDING_SHOWN, PROFILE_BUTTONS).await?);
    Ok(faults)
}

#[actix_web::test]
async fn a_real_browser_saves_the_profile_and_changes_a_members_role() {
    let Some((app, client, driver, _dir)) = portal_and_browser().await else {
        return;
    };
    let tenant = app.tenant.clone();
    let ada =
        crate::ticket_data::person(&app, &tenant, "ada@acme.example", "Acme", Some("Admin")).await;
    let ben = crate::ticket_data::person(&app, &tenant, "ben@acme.example", "Acme", None).await;
    let member = format!("{COMPANY}/users/{}", ben.user.user_id);
    let result = async {
        sign_in_with_password(&client, &tenant.slug, &ada.user.email).await?;
        wait_for_url(&client, &vanity("/client-portal/dashboard")).await?;
        let mut faults = Vec::new();
        for (width, zone, style, role) in [
            (1280u32, "Europe/Brussels", "iso", "finance"),
            (375, "America/New_York", "dmy", "user"),
        ] {
            client.set_window_size(width, 900).await?;
            client
                .goto(vanity("/client-portal/dashboard").as_str())
                .await?;
            client
                .find(Locator::Css(&format!("nav.site-nav a[href='{PROFILE}']")))
                .await?
                .click()
                .await?;
            wait_for_url(&client, &vanity(PROFILE)).await?;
            let place = format!("profile at {width} px");
            faults.extend(layout_faults(&client, &place, PROFILE_SHOWN, PROFILE_BUTTONS).await?);
            faults.extend(ask_for_a_new_email(&client, width).await?);

            let field = client.find(Locator::Css("#time_zone")).await?;
            field.clear().await?;
            field.send_keys(zone).await?;
            client
                .find(Locator::Css(&format!(
                    "#date_format option[value='{style}']"
                )))
                .await?
                .click()
                .await?;
            client
                .find(Locator::Css(
                    "form[action='/client-portal/profile'] button[type=submit]",
                ))
                .await?
                .click()
                .await?;
            wait_for_url(&client, &vanity(&format!("{PROFILE}?saved=1"))).await?;
            let saved = wait_for(&client, "div.notice").await?;
            assert_eq!(saved.text().await?, "Your profile was saved.");
            let shown = client.find(Locator::Css("#time_zone")).await?;
            assert_eq!(shown.prop("value").await?.as_deref(), Some(zone));
            let chosen = client
                .find(Locator::Css("#date_format option:checked"))
                .await?
                .attr("value")
                .await?;
            assert_eq!(chosen.as_deref(), Some(style));

            client
                .find(Locator::Css(&format!("nav.site-nav a[href='{COMPANY}']")))
                .await?
                .click()
                .await?;
            wait_for_url(&client, &vanity(COMPANY)).await?;
            client
                .find(Locator::Css(&format!("a[href='{member}']")))
                .await?
                .click()
                .await?;
            wait_for_url(&client, &vanity(&member)).await?;
            let place = format!("member page at {width} px");
            faults.extend(layout_faults(&client, &place, MEMBER_SHOWN, MEMBER_BUTTONS).await?);
            client
                .find(Locator::Css(&format!("#role-{role}")))
                .await?
                .click()
                .await?;
            client
                .find(Locator::Css("form[action$='/role'] button[type=submit]"))
                .await?
                .click()
                .await?;
            let done = wait_for(&client, "div.notice").await?;
            assert!(done.text().await?.starts_with("The role was changed"));
            let checked = client
                .find(Locator::Css("input[name=role]:checked"))
                .await?
                .attr("value")
                .await?;
            assert_eq!(checked.as_deref(), Some(role));
        }
        assert!(faults.is_empty(), "layout faults: {faults:#?}");
        Ok::<_, fantoccini::error::CmdError>(())
    }
    .await;
    let _ = client.close().await;
    drop(driver);
    result.unwrap();
}
