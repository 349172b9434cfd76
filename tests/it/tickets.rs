//! The ticket list: every filter and sort, pages, bookmarkable URLs, bad parameters.

use chrono::{DateTime, Duration, Utc};
use uuid::Uuid;

use crate::helpers::{spawn_app, Browser, NowUtc, TestApp};
use crate::ticket_data::{self as data, numbers};

/// One of the three hand-made tickets the list fixture adds to the 30 laptop tickets.
struct Special {
    number: &'static str,
    title: &'static str,
    status: Uuid,
    closed: bool,
    priority: Uuid,
    category: Option<Uuid>,
    response: Option<&'static str>,
    due_at: Option<DateTime<Utc>>,
}

/// A signed-in client and 33 tickets: 30 open Service Desk tickets (TIC-100 updated most
/// recently … TIC-129 least), TIC-7 (printer, in progress, high, hardware, awaiting the client,
/// overdue), TIC-8 (VPN, resolved and closed, low, software) and TIC-9 (label printer, new, high,
/// awaiting internal, due in 20 hours).
struct ListFixture {
    browser: Browser,
    catalog: data::Catalog,
    _app: TestApp,
}

impl ListFixture {
    async fn seed() -> Option<ListFixture> {
        let app = spawn_app().await?;
        let tenant = app.tenant.clone();
        let c = data::catalog(&app, &tenant).await;
        let ada = data::person(&app, &tenant, "ada@acme.example", "Acme", Some("User")).await;
        let now = app.clock.now_utc();
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
            Special {
                number: "TIC-7",
                title: "Printer jammed on floor 2",
                status: c.in_progress,
                closed: false,
                priority: c.high,
                category: Some(c.hardware),
                response: Some("awaiting_client"),
                due_at: Some(now - Duration::hours(2)),
            },
            Special {
                number: "TIC-8",
                title: "VPN drops every hour",
                status: c.resolved,
                closed: true,
                priority: c.low,
                category: Some(c.software),
                response: None,
                due_at: None,
            },
            Special {
                number: "TIC-9",
                title: "Zebra label printer 100% broken_",
                status: c.new,
                closed: false,
                priority: c.high,
                category: None,
                response: Some("awaiting_internal"),
                due_at: Some(now + Duration::hours(20)),
            },
        ];
        for (i, special) in specials.into_iter().enumerate() {
            let mut s = data::new_ticket(
                &app,
                &c,
                &ada,
                special.number,
                special.title,
                500 + i as i64,
            );
            s.status = special.status;
            s.closed = special.closed;
            s.priority = special.priority;
            s.category = special.category;
            s.response = special.response;
            s.due_at = special.due_at;
            data::insert(&app, &tenant, &s).await;
        }
        let browser = data::signed_in(&app, &tenant, &ada).await;
        Some(ListFixture {
            browser,
            catalog: c,
            _app: app,
        })
    }

    /// The ticket numbers the list shows for `query` (which must answer 200).
    async fn only(&self, query: &str) -> Vec<String> {
        let page = self
            .browser
            .get(&format!("/client-portal/tickets?{query}"))
            .await;
        assert_eq!(page.status, 200, "{query}: {}", page.body);
        numbers(&page.body)
    }
}

#[actix_web::test]
async fn the_list_shows_open_tickets_most_recently_updated_first_25_a_page() {
    let Some(list) = ListFixture::seed().await else {
        return;
    };
    let browser = &list.browser;
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
}

#[actix_web::test]
async fn the_list_filters_by_status_response_priority_and_category() {
    let Some(list) = ListFixture::seed().await else {
        return;
    };
    let c = &list.catalog;
    assert_eq!(list.only("status=closed").await, ["TIC-8"]);
    assert_eq!(list.only("status=all&q=printer").await, ["TIC-7", "TIC-9"]);
    assert_eq!(
        list.only(&format!("status={}", c.in_progress)).await,
        ["TIC-7"]
    );
    assert_eq!(list.only("response=awaiting_client").await, ["TIC-7"]);
    assert_eq!(list.only("response=awaiting_internal").await, ["TIC-9"]);
    assert_eq!(
        list.only(&format!("priority={}", c.high)).await,
        ["TIC-7", "TIC-9"]
    );
    assert_eq!(
        list.only(&format!("status=all&category={}", c.software))
            .await,
        ["TIC-8"]
    );
}

#[actix_web::test]
async fn search_is_case_insensitive_over_title_and_number_and_wildcards_are_literal() {
    let Some(list) = ListFixture::seed().await else {
        return;
    };
    assert_eq!(list.only("q=PRINTER").await, ["TIC-7", "TIC-9"]);
    assert_eq!(list.only("q=tic-12").await.len(), 10);
    assert_eq!(list.only("q=100%25").await, ["TIC-9"]);
    assert_eq!(list.only("q=broken_").await, ["TIC-9"]);
    assert_eq!(list.only("q=_").await, ["TIC-9"]);
    assert_eq!(list.only("q=%25").await, ["TIC-9"]);
}

#[actix_web::test]
async fn the_list_sorts_by_every_column_both_ways() {
    let Some(list) = ListFixture::seed().await else {
        return;
    };
    assert_eq!(list.only("q=printer&sort=due").await, ["TIC-7", "TIC-9"]);
    assert_eq!(
        list.only("q=printer&sort=due&dir=desc").await,
        ["TIC-9", "TIC-7"]
    );
    assert_eq!(list.only("q=printer&sort=title").await, ["TIC-7", "TIC-9"]);
    assert_eq!(
        list.only("q=printer&sort=title&dir=desc").await,
        ["TIC-9", "TIC-7"]
    );
    assert_eq!(
        list.only("status=all&q=printer&sort=status").await,
        ["TIC-9", "TIC-7"]
    );
    assert_eq!(
        list.only("status=all&sort=priority").await[..2],
        ["TIC-7".to_owned(), "TIC-9".to_owned()]
    );
    let by_number = list.only("sort=number").await;
    assert_eq!(by_number[0], "TIC-129", "numbers sort by length first");
    let by_number_asc = list.only("sort=number&dir=asc").await;
    assert_eq!(by_number_asc[..2], ["TIC-7".to_owned(), "TIC-9".to_owned()]);
    let entered = list.only("sort=entered&dir=asc&q=laptop").await;
    assert_eq!(entered[0], "TIC-100");
    let updated_asc = list.only("sort=updated&dir=asc&q=laptop").await;
    assert_eq!(updated_asc[0], "TIC-129");
}

#[actix_web::test]
async fn the_filter_lives_in_the_url_and_its_pagination_links_keep_it() {
    let Some(list) = ListFixture::seed().await else {
        return;
    };
    let filtered = list
        .browser
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
}

#[actix_web::test]
async fn the_list_badges_tickets_awaiting_a_reply_overdue_or_due_soon() {
    let Some(list) = ListFixture::seed().await else {
        return;
    };
    let all = list
        .browser
        .get("/client-portal/tickets?status=all&q=printer")
        .await;
    assert!(all.body.contains("Awaiting your reply"));
    assert!(all.body.contains("Overdue"), "{}", all.body);
    assert!(all.body.contains("Due soon"), "{}", all.body);
}

#[actix_web::test]
async fn bad_list_parameters_get_a_400_naming_them_never_a_500() {
    let Some(list) = ListFixture::seed().await else {
        return;
    };
    for query in [
        "status=bogus",
        "priority=1",
        "page=0",
        "page=x",
        "sort=colour",
        "dir=up",
        "response=soon",
    ] {
        let page = list
            .browser
            .get(&format!("/client-portal/tickets?{query}"))
            .await;
        assert_eq!(page.status, 400, "{query}: {}", page.body);
    }
    let long = format!("/client-portal/tickets?q={}", "x".repeat(101));
    assert_eq!(list.browser.get(&long).await.status, 400);
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
    let none = data::without_tickets(&app, &tenant, "none@acme.example", "Acme").await;
    let page = data::signed_in(&app, &tenant, &none)
        .await
        .get("/client-portal/dashboard")
        .await;
    assert_eq!(page.status, 200);
    assert!(!page.body.contains("open tickets"));
}
