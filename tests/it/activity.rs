//! The dashboard's "Recent activity": the latest events of the company from the one activity
//! source, only those the viewer may see (their tickets, billing with `billing:read`), newest
//! first, eight at most, each linking to its page.

use chrono::Duration;

use crate::notifications::{ada_ticket, put_invoice, seeded};
use crate::smtp_server::SmtpServer;
use crate::ticket_data::{person, signed_in};
use crate::ticket_fixtures::{post_reply, put_ticket, TicketSpec};

#[actix_web::test]
async fn the_dashboard_lists_the_latest_events_the_viewer_may_see_with_links() {
    let smtp = SmtpServer::start().await;
    let Some((app, f)) = seeded(&smtp).await else {
        return;
    };
    let tenant = app.tenant.clone();
    // Ben shares Ada's company but sees only his own tickets (contact scope); Finance
    // without ticket permissions sees the invoice only.
    let ben = person(
        &app,
        &tenant,
        "ben@acme.example",
        "Acme Manufacturing",
        None,
    )
    .await;
    crate::ticket_data::set_access(&app, &tenant, &ben, "contact", None).await;
    let fin = crate::ticket_data::without_tickets(
        &app,
        &tenant,
        "fin@acme.example",
        "Acme Manufacturing",
    )
    .await;
    let ada_spec = ada_ticket(&f, "TST-100", "Ada's printer").await;
    post_reply(&f.api, ada_spec.ticket_id, "Looking.").await;
    let ben_spec = TicketSpec {
        contact: Some(ben.contact_id),
        ..TicketSpec::new(
            "TST-101",
            "Ben's phone",
            f.desk,
            f.desk_statuses.new,
            f.normal,
            f.client_id,
        )
    };
    put_ticket(&f.api, &ben_spec).await;
    post_reply(&f.api, ben_spec.ticket_id, "Replacing it.").await;
    put_invoice(&f, "INV-8001", (1000, 0, 1000), None).await;

    let ben_page = signed_in(&app, &tenant, &ben)
        .await
        .get("/client-portal/dashboard")
        .await;
    assert!(ben_page.body.contains("Recent activity"));
    assert!(
        ben_page.body.contains("Sam Rivera replied on TST-101"),
        "{}",
        ben_page.body
    );
    assert!(ben_page
        .body
        .contains(r#"href="/client-portal/tickets/TST-101""#));
    assert!(
        !ben_page.body.contains("TST-100"),
        "another contact's ticket"
    );
    assert!(!ben_page.body.contains("INV-8001"), "no billing:read");
    let fin_page = signed_in(&app, &tenant, &fin)
        .await
        .get("/client-portal/dashboard")
        .await;
    assert!(
        fin_page.body.contains("Invoice INV-8001 issued"),
        "{}",
        fin_page.body
    );
    assert!(!fin_page.body.contains("replied on"), "no ticket:read");

    // Only the latest 8, newest first.
    for n in 0..10 {
        app.clock.advance(Duration::seconds(1));
        post_reply(&f.api, ben_spec.ticket_id, &format!("Update {n}")).await;
    }
    let page = signed_in(&app, &tenant, &ben)
        .await
        .get("/client-portal/dashboard")
        .await;
    let start = page.body.find("activity-heading").unwrap();
    let list = &page.body[start..];
    let list = &list[..list.find("</section>").unwrap()];
    assert_eq!(list.matches("<li>").count(), 8, "{list}");
}
