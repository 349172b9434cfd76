//! A real browser switches the sign-in page to French and dark with the footer's form (no
//! JavaScript needed), signs in and walks the main pages in dark mode on a laptop and a phone:
//! no sideways scrolling, every button shown and readable; screenshots in target/screenshots.

use super::projects::layout_faults;
use super::*;

fn canonical(path: &str) -> url::Url {
    url::Url::parse(&format!("https://{CANONICAL}{path}")).unwrap()
}

fn vanity(path: &str) -> url::Url {
    url::Url::parse(&format!("https://{VANITY}{path}")).unwrap()
}

const PAGES: &[(&str, &[&str])] = &[
    (
        "/client-portal/dashboard",
        &["main h1", "footer select#display-theme"],
    ),
    (
        "/client-portal/tickets",
        &["main h1", "form.filters button"],
    ),
    (
        "/client-portal/tickets/new",
        &["main h1", "#ticket-title", "#ticket-priority"],
    ),
    ("/client-portal/profile", &["main h1", "#full_name"]),
    ("/client-portal/profile/security", &["main h1"]),
];

#[actix_web::test]
async fn a_real_browser_picks_french_and_dark_from_the_footer_and_the_pages_stay_readable() {
    let Some((app, client, driver, _dir)) = portal_and_browser().await else {
        return;
    };
    let tenant = app.tenant.clone();
    let ada =
        crate::ticket_data::person(&app, &tenant, "ada@acme.example", "Acme", Some("Admin")).await;
    crate::ticket_fixtures::seed_basic(&app, &ada.user.email).await;
    let result = async {
        let mut faults = Vec::new();
        let sign_in = canonical(&format!(
            "/auth/client-portal/signin?tenant={}",
            tenant.slug
        ));
        client.goto(sign_in.as_str()).await?;
        client
            .find(Locator::Css("#display-theme option[value='dark']"))
            .await?
            .click()
            .await?;
        client
            .find(Locator::Css("#display-lang option[value='fr']"))
            .await?
            .click()
            .await?;
        client
            .find(Locator::Css("form.display-form button"))
            .await?
            .click()
            .await?;
        // Back on the same URL: waiting for it would not wait for the new page (the old
        // document's elements then go stale), so wait for the page the choice makes.
        wait_for(&client, "html[lang='fr'][data-theme='dark']").await?;
        wait_for_url(&client, &sign_in).await?;
        for width in [1280u32, 375] {
            client.set_window_size(width, 900).await?;
            let place = format!("dark sign-in at {width} px");
            faults.extend(
                layout_faults(&client, &place, &["main h1", "form button"], &["main .btn"]).await?,
            );
            keep_screenshot(&client, &format!("dark-signin-fr-{width}")).await;
        }
        client.set_window_size(1280, 900).await?;
        sign_in_with_password(&client, &tenant.slug, &ada.user.email).await?;
        wait_for_url(&client, &vanity("/client-portal/dashboard")).await?;
        // The theme cookie is per host: pick dark again on the vanity domain.
        client.goto(vanity("/display?theme=dark").as_str()).await?;
        for width in [1280u32, 375] {
            client.set_window_size(width, 900).await?;
            for (path, shown) in PAGES {
                client.goto(vanity(path).as_str()).await?;
                let theme = client
                    .find(Locator::Css("html"))
                    .await?
                    .attr("data-theme")
                    .await?;
                assert_eq!(theme.as_deref(), Some("dark"), "{path}");
                let place = format!("dark {path} at {width} px");
                faults.extend(layout_faults(&client, &place, shown, &["main .btn"]).await?);
                let name = path.trim_start_matches('/').replace('/', "-");
                keep_screenshot(&client, &format!("dark-{name}-{width}")).await;
            }
        }
        // The filter bar's selects are as tall as its search box and use the page's font.
        client.set_window_size(1280, 900).await?;
        client
            .goto(vanity("/client-portal/tickets").as_str())
            .await?;
        let sizes = client
            .execute(
                "const box = e => { const s = getComputedStyle(e);
                     return [e.id, e.getBoundingClientRect().height, s.fontSize]; };
                 return [...document.querySelectorAll('form.filters select, #filter-q')].map(box);",
                vec![],
            )
            .await?;
        let sizes = sizes.as_array().cloned().unwrap_or_default();
        let search = sizes.iter().find(|s| s[0] == "filter-q").cloned().unwrap();
        assert!(sizes.len() > 3, "{sizes:?}");
        for field in &sizes {
            let (h, want) = (field[1].as_f64().unwrap(), search[1].as_f64().unwrap());
            assert!(
                (h - want).abs() <= 1.0,
                "{field} vs the search box {search}"
            );
            assert_eq!(field[2], search[2], "{field} vs the search box {search}");
        }
        assert!(faults.is_empty(), "layout faults: {faults:#?}");
        Ok::<_, fantoccini::error::CmdError>(())
    }
    .await;
    let _ = client.close().await;
    drop(driver);
    result.unwrap();
}
