//! The ticket list: every filter and sort, pages, bookmarkable URLs, bad parameters.

use chrono::Duration;

use crate::helpers::{spawn_app, NowUtc};
use crate::ticket_data::{self as data, numbers};

#[actix_web::test]
async fn ticket_list_filters_sorts_and_pages() {
    let Some(app) = spawn_app().await else { return };
    let tenant = app.tenant.clone();
    let c = data::catalog(&app, &tenant).await;
    let ada = data::person(&app, &tenant, "ada@acme.example", "Acme", Some("User")).await;
    let now = app.clock.now_utc();
    // 30 open Service Desk tickets, TIC-100 updated most recently … TIC-129 least.
    for i in 0..30 {
        let mut s = data::new_ticket(
            &app,
            &c,
            &ada,
            &format!("TIC-{}", 100 + i),
            &format!("Laptop issue {i:02}"),
            i,
        );
        s.entered_at = now - Duration::days(60 - i);
        data::insert(&app, &tenant, &s).await;
    }
    let specials = [
        (
            "TIC-7",
            "Printer jammed on floor 2",
            c.in_progress,
            false,
            c.high,
            Some(c.hardware),
            Some("awaiting_client"),
            Some(now - Duration::hours(2)),
        ),
        (
            "TIC-8",
            "VPN drops every hour",
            c.resolved,
            true,
            c.low,
            Some(c.software),
            None,
            None,
        ),
        (
            "TIC-9",
            "Zebra label printer 100% broken_",
            c.new,
            false,
            c.high,
            None,
            Some("awaiting_internal"),
            Some(now + Duration::hours(20)),
        ),
    ];
    for (i, (number, title, status, closed, priority, category, response, due)) in
        specials.into_iter().enumerate()
    {
        let mut s = data::new_ticket(&app, &c, &ada, number, title, 500 + i as i64);
        s.status = status;
        s.closed = closed;
        s.priority = priority;
        s.category = category;
        s.response = response;
        s.due_at = due;
        data::insert(&app, &tenant, &s).await;
    }
    let browser = data::signed_in(&app, &tenant, &ada).await;

    // Default: open tickets, most recently updated first, 25 per page.
    let page = browser.get("/client-portal/tickets").await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("32 tickets"), "{}", page.body);
    let first = numbers(&page.body);
    assert_eq!(first.len(), 25);
    assert_eq!(first[0], "TIC-100");
    assert_eq!(first[24], "TIC-124");
    assert!(page.body.contains("Page 1 of 2"));
    assert!(
        page.body.contains("href=\"/client-portal/tickets?page=2\""),
        "{}",
        page.body
    );
    let second = browser.get("/client-portal/tickets?page=2").await;
    assert_eq!(
        numbers(&second.body),
        ["TIC-125", "TIC-126", "TIC-127", "TIC-128", "TIC-129", "TIC-7", "TIC-9"]
    );
    // Beyond the last page: an empty page that says so, not an error.
    let beyond = browser.get("/client-portal/tickets?page=9").await;
    assert_eq!(beyond.status, 200);
    assert!(numbers(&beyond.body).is_empty());

    let only = |query: String| {
        let browser = browser.clone();
        async move {
            let page = browser
                .get(&format!("/client-portal/tickets?{query}"))
                .await;
            assert_eq!(page.status, 200, "{query}: {}", page.body);
            numbers(&page.body)
        }
    };
    assert_eq!(only("status=closed".into()).await, ["TIC-8"]);
    assert_eq!(
        only("status=all&q=printer".into()).await,
        ["TIC-7", "TIC-9"]
    );
    assert_eq!(only(format!("status={}", c.in_progress)).await, ["TIC-7"]);
    assert_eq!(only("response=awaiting_client".into()).await, ["TIC-7"]);
    assert_eq!(only("response=awaiting_internal".into()).await, ["TIC-9"]);
    assert_eq!(
        only(format!("priority={}", c.high)).await,
        ["TIC-7", "TIC-9"]
    );
    assert_eq!(
        only(format!("status=all&category={}", c.software)).await,
        ["TIC-8"]
    );
    // Search: case-insensitive, over title and number; LIKE wildcards are literal.
    assert_eq!(only("q=PRINTER".into()).await, ["TIC-7", "TIC-9"]);
    assert_eq!(only("q=tic-12".into()).await.len(), 10);
    assert_eq!(only("q=100%25".into()).await, ["TIC-9"]);
    assert_eq!(only("q=broken_".into()).await, ["TIC-9"]);
    assert_eq!(only("q=_".into()).await, ["TIC-9"]);
    assert_eq!(only("q=%25".into()).await, ["TIC-9"]);

    // Sorts, both ways.
    assert_eq!(only("q=printer&sort=due".into()).await, ["TIC-7", "TIC-9"]);
    assert_eq!(
        only("q=printer&sort=due&dir=desc".into()).await,
        ["TIC-9", "TIC-7"]
    );
    assert_eq!(
        only("q=printer&sort=title".into()).await,
        ["TIC-7", "TIC-9"]
    );
    assert_eq!(
        only("q=printer&sort=title&dir=desc".into()).await,
        ["TIC-9", "TIC-7"]
    );
    assert_eq!(
        only("status=all&q=printer&sort=status".into()).await,
        ["TIC-9", "TIC-7"]
    );
    assert_eq!(
        only("status=all&sort=priority".into()).await[..2],
        ["TIC-7".to_owned(), "TIC-9".to_owned()]
    );
    let by_number = only("sort=number".into()).await;
    assert_eq!(by_number[0], "TIC-129", "numbers sort by length first");
    let by_number_asc = only("sort=number&dir=asc".into()).await;
    assert_eq!(by_number_asc[..2], ["TIC-7".to_owned(), "TIC-9".to_owned()]);
    let entered = only("sort=entered&dir=asc&q=laptop".into()).await;
    assert_eq!(entered[0], "TIC-100");
    let updated_asc = only("sort=updated&dir=asc&q=laptop".into()).await;
    assert_eq!(updated_asc[0], "TIC-129");

    // The filter lives in the URL: its pagination links keep it.
    let filtered = browser
        .get("/client-portal/tickets?q=laptop&sort=title&dir=desc")
        .await;
    assert!(
        filtered.body.contains(
            "href=\"/client-portal/tickets?q=laptop&amp;sort=title&amp;dir=desc&amp;page=2\""
        ),
        "{}",
        filtered.body
    );
    assert!(filtered.body.contains("value=\"laptop\""));
    // Badges: awaiting your reply, overdue/due soon.
    let all = browser
        .get("/client-portal/tickets?status=all&q=printer")
        .await;
    assert!(all.body.contains("Awaiting your reply"));
    assert!(all.body.contains("Overdue"), "{}", all.body);
    assert!(all.body.contains("Due soon"), "{}", all.body);

    // Bad parameters: a clear 400 page naming the parameter, never a 500.
    for query in [
        "status=bogus",
        "priority=1",
        "page=0",
        "page=x",
        "sort=colour",
        "dir=up",
        "response=soon",
    ] {
        let page = browser
            .get(&format!("/client-portal/tickets?{query}"))
            .await;
        assert_eq!(page.status, 400, "{query}: {}", page.body);
    }
    let long = format!("/client-portal/tickets?q={}", "x".repeat(101));
    assert_eq!(browser.get(&long).await.status, 400);
}

#[actix_web::test]
async fn the_dashboard_summarises_the_users_tickets() {
    let Some(app) = crate::helpers::spawn_app().await else {
        return;
    };
    let tenant = app.tenant.clone();
    let c = data::catalog(&app, &tenant).await;
    let ada = data::person(&app, &tenant, "ada@acme.example", "Acme", Some("User")).await;
    let mut waiting = data::new_ticket(&app, &c, &ada, "TIC-1", "Printer", 1);
    waiting.response = Some("awaiting_client");
    data::insert(&app, &tenant, &waiting).await;
    data::insert(
        &app,
        &tenant,
        &data::new_ticket(&app, &c, &ada, "TIC-2", "VPN", 2),
    )
    .await;
    let mut closed = data::new_ticket(&app, &c, &ada, "TIC-3", "Old laptop", 3);
    closed.status = c.resolved;
    closed.closed = true;
    data::insert(&app, &tenant, &closed).await;
    let browser = data::signed_in(&app, &tenant, &ada).await;
    let page = browser.get("/client-portal/dashboard").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("2 open tickets"), "{}", page.body);
    assert!(page.body.contains("one awaiting your reply"));
    assert!(
        page.body.contains("TIC-3 · Old laptop"),
        "closed ones show in recent activity"
    );
    // Without ticket permissions the card is simply absent.
    let none = data::person(&app, &tenant, "none@acme.example", "Acme", None).await;
    let page = data::signed_in(&app, &tenant, &none)
        .await
        .get("/client-portal/dashboard")
        .await;
    assert_eq!(page.status, 200);
    assert!(!page.body.contains("open tickets"));
}
