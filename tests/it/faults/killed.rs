//! The portal process killed with SIGKILL under load (sign-ins handed over to the vanity domain,
//! ticket replies, uploads, password resets) and started again on the same data: every
//! acknowledged write is there, no handoff or reset token works twice, and every attachment the
//! portal serves is whole.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use portal_actors::db::Arg;
use portal_actors::portal_domain::DomainStatus;
use serde_json::json;
use sha2::{Digest, Sha256};

use super::{comment_bodies, on_postgres, reply_until, Writes};
use crate::handoff::{add_domain, field, VANITY};
use crate::helpers::*;
use crate::smtp_server::SmtpServer;
use crate::ticket_fixtures::seed_basic;

/// Where the process's pages say they are (`server.canonical_host`, plain HTTP).
const CANONICAL_ORIGIN: &str = "http://portal.test";
const EXCHANGE: &str = "/api/client-portal/domain-session";

/// A sign-in on the canonical host: the transfer token of the auto-POST page.
async fn transfer_token(base: &str, slug: &str, email: &str) -> Option<String> {
    let browser = Browser::at(base);
    let page = browser
        .try_get(&format!("/auth/client-portal/signin?tenant={slug}"))
        .await
        .ok()?;
    let csrf = browser.cookie(CSRF_COOKIE)?;
    let form = [
        ("email", email),
        ("password", PASSWORD),
        ("csrf_token", csrf.as_str()),
        ("tenant", slug),
    ];
    assert_eq!(page.status, 200);
    let page = browser
        .try_post_form("/auth/client-portal/signin", &form)
        .await
        .ok()?;
    field(&page.body, "ott")
}

/// The vanity host's JSON exchange of a token: its status, and the browser it signed in.
async fn exchange(base: &str, ott: &str) -> Option<(u16, Browser)> {
    let vanity = Browser::at(base).on_host(VANITY);
    let page = vanity
        .try_post_json_from(EXCHANGE, &json!({ "ott": ott }), CANONICAL_ORIGIN)
        .await
        .ok()?;
    Some((page.status, vanity))
}

/// A handoff that went as far as the server answered.
struct Handoff {
    ott: String,
    /// Signed in on the vanity host (the exchange was acknowledged).
    session: Option<Browser>,
}

async fn handoffs_until(base: String, slug: String, stop: Arc<AtomicBool>) -> Vec<Handoff> {
    let mut done = Vec::new();
    while !stop.load(Ordering::SeqCst) {
        let Some(ott) = transfer_token(&base, &slug, "ada@acme.example").await else {
            actix_rt::time::sleep(Duration::from_millis(50)).await;
            continue;
        };
        let session = match exchange(&base, &ott).await {
            Some((200, browser)) => Some(browser),
            _ => None,
        };
        done.push(Handoff { ott, session });
    }
    done
}

/// Uploads numbered files of 96 KiB until `stop`; the acknowledged ones' (name, SHA-256).
async fn uploads_until(
    browser: Browser,
    token: String,
    stop: Arc<AtomicBool>,
) -> Vec<(String, String)> {
    let mut acknowledged = Vec::new();
    let mut n = 0u32;
    while !stop.load(Ordering::SeqCst) {
        n += 1;
        let name = format!("load-{n}.bin");
        let bytes: Vec<u8> = (0..96 * 1024u32)
            .map(|i| (i.wrapping_mul(31).wrapping_add(n * 7) % 251) as u8)
            .collect();
        let hash = hex::encode(Sha256::digest(&bytes));
        let files = [("files", name.as_str(), "application/octet-stream", bytes)];
        match browser
            .try_post_multipart(
                "/client-portal/tickets/TST-1/attachments",
                &[("csrf_token", &token)],
                &files,
            )
            .await
        {
            Ok(page) if page.status == 303 => acknowledged.push((name, hash)),
            _ => actix_rt::time::sleep(Duration::from_millis(50)).await,
        }
    }
    acknowledged
}

/// Reset links mailed to `emails` by the process (requested on its forgot-password page); they
/// lead to the tenant's active vanity domain.
async fn reset_links(base: &str, slug: &str, smtp: &SmtpServer, emails: &[&str]) -> Vec<String> {
    let mut links = Vec::new();
    for email in emails {
        let browser = Browser::at(base);
        crate::password_reset::request_reset(&browser, slug, email).await;
        let mail = smtp.wait_for(email).await;
        let link = mail.first_link();
        let path = link
            .strip_prefix(&format!("https://{VANITY}"))
            .unwrap_or_else(|| panic!("{link} is not on the vanity domain"));
        links.push(path.to_owned());
    }
    links
}

/// Sets a new password through a reset link: its final status.
async fn use_reset_link(base: &str, path: &str) -> u16 {
    let browser = Browser::at(base).on_host(VANITY);
    let page = browser.get(path).await;
    if page.status != 200 {
        return page.status;
    }
    let new = "a brand new passphrase for the kill test";
    crate::password_reset::post_new_password(&browser, &page, new, new)
        .await
        .status
}

/// Every attachment row of the tenant: (id, name, SHA-256, size).
async fn attachment_rows(app: &TestApp) -> Vec<(uuid::Uuid, String, String, i64)> {
    app.db
        .fetch_all_with(
            "SELECT attachment_id, file_name, content_hash, size_bytes FROM ticket_attachments \
             WHERE tenant = $1",
            &[Arg::Uuid(app.tenant.id)],
        )
        .await
        .unwrap()
}

/// Seeds Ada (with tickets), three users for resets, and the active vanity domain.
async fn seed(app: &TestApp) {
    app.client_user(None, "ada@acme.example", "Acme").await;
    for email in ["r0@acme.example", "r1@acme.example", "r2@acme.example"] {
        app.client_user(None, email, "Acme").await;
    }
    seed_basic(app, "ada@acme.example").await;
    add_domain(app, &app.tenant, VANITY, DomainStatus::Active).await;
}

fn spec(app: &TestApp, smtp: &SmtpServer) -> ProcessSpec {
    ProcessSpec::sharing(app)
        .set("PORTAL__SERVER__CANONICAL_HOST", "portal.test")
        .set("PORTAL__DOMAINS__DNS_CHECK", "false")
        .set("PORTAL__MAIL__SMTP_URL", smtp.url())
        .set("PORTAL__THROTTLE__TUPLE_LIMIT", 1_000_000)
        .set("PORTAL__THROTTLE__IP_LIMIT", 1_000_000)
        .set("PORTAL__THROTTLE__ACCOUNT_LIMIT", 1_000_000)
        .set("PORTAL__THROTTLE__REQUEST_EMAIL_LIMIT", 1_000_000)
        .set("PORTAL__THROTTLE__REQUEST_IP_LIMIT", 1_000_000)
}

#[actix_rt::test]
async fn sigkill_under_load_keeps_every_acknowledged_write_and_no_token_works_twice() {
    if !on_postgres() {
        return;
    }
    let Some(app) = spawn_app().await else { return };
    seed(&app).await;
    let smtp = SmtpServer::start().await;
    let dir = tempfile::tempdir().unwrap();
    let spec = spec(&app, &smtp);
    let mut first = PortalProcess::start(dir.path(), &spec);
    let slug = app.tenant.slug.clone();

    let ott = transfer_token(&first.base, &slug, "ada@acme.example")
        .await
        .expect("a transfer token");
    let (status, ada) = exchange(&first.base, &ott).await.unwrap();
    assert_eq!(status, 200, "{}", first.output());
    let page = ada.get("/client-portal/tickets/TST-1").await;
    assert_eq!(page.status, 200, "{}", page.body);
    let token = Browser::form_csrf(&page);
    let links = reset_links(
        &first.base,
        &slug,
        &smtp,
        &["r0@acme.example", "r1@acme.example"],
    )
    .await;
    // The first link is used before the kill; the second is left for after it.
    assert_eq!(use_reset_link(&first.base, &links[0]).await, 200);

    let stop = Arc::new(AtomicBool::new(false));
    let replies: Vec<_> = (0..2)
        .map(|w| {
            let (b, t, s) = (ada.clone(), token.clone(), stop.clone());
            actix_rt::spawn(reply_until(b, "TST-1".into(), t, w, s))
        })
        .collect();
    let uploads = actix_rt::spawn(uploads_until(ada.clone(), token.clone(), stop.clone()));
    let handoffs = actix_rt::spawn(handoffs_until(
        first.base.clone(),
        slug.clone(),
        stop.clone(),
    ));
    actix_rt::time::sleep(Duration::from_millis(2_000)).await;
    first.signal("KILL");
    let (status, _) = first.wait_exit(Duration::from_secs(10)).await;
    assert!(!status.success(), "killed, not exited: {status:?}");
    stop.store(true, Ordering::SeqCst);
    let mut written = Writes::default();
    for task in replies {
        let w = task.await.unwrap();
        written.acknowledged.extend(w.acknowledged);
    }
    let uploaded = uploads.await.unwrap();
    let handed_over = handoffs.await.unwrap();
    assert!(!written.acknowledged.is_empty() && !uploaded.is_empty() && !handed_over.is_empty());

    let second = PortalProcess::start(dir.path(), &spec);
    let ada = ada.moved_to(&second.base);
    assert_eq!(ada.get("/client-portal/dashboard").await.status, 200);

    let stored = comment_bodies(&app).await;
    for body in &written.acknowledged {
        assert_eq!(stored.iter().filter(|s| *s == body).count(), 1, "{body}");
    }
    let rows = attachment_rows(&app).await;
    for (name, hash) in &uploaded {
        assert!(
            rows.iter().any(|(_, n, h, _)| n == name && h == hash),
            "acknowledged upload {name} is missing"
        );
    }
    // Every attachment served is whole: its bytes hash to what its row says.
    for (id, name, hash, size) in &rows {
        let path = format!("/client-portal/tickets/TST-1/attachments/{id}");
        let (status, _, bytes) = ada.get_bytes(&path).await;
        assert_eq!(status, 200, "{name}");
        assert_eq!(bytes.len() as i64, *size, "{name}");
        assert_eq!(&hex::encode(Sha256::digest(&bytes)), hash, "{name}");
    }

    let mut exchanged_after = 0;
    for handoff in &handed_over {
        if let Some(browser) = &handoff.session {
            // Its session survived; its token does not work again.
            let moved = browser.moved_to(&second.base);
            assert_eq!(moved.get("/client-portal/dashboard").await.status, 200);
            assert_ne!(exchange(&second.base, &handoff.ott).await.unwrap().0, 200);
        } else if exchange(&second.base, &handoff.ott).await.unwrap().0 == 200 {
            // Issued but not exchanged before the kill: once, then never again.
            exchanged_after += 1;
            assert_ne!(exchange(&second.base, &handoff.ott).await.unwrap().0, 200);
        }
    }
    assert!(
        exchanged_after <= 1,
        "at most the one in flight at the kill"
    );
    assert_eq!(
        use_reset_link(&second.base, &links[0]).await,
        400,
        "used before the kill"
    );
    assert_eq!(use_reset_link(&second.base, &links[1]).await, 200);
    assert_eq!(
        use_reset_link(&second.base, &links[1]).await,
        400,
        "used once after"
    );
    eprintln!(
        "killed with {} replies, {} uploads, {} handoffs acknowledged",
        written.acknowledged.len(),
        uploaded.len(),
        handed_over.iter().filter(|h| h.session.is_some()).count()
    );
}
