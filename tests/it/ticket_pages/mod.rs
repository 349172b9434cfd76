//! Raising a ticket (with and without files), its page, the conversation (internal notes and
//! hidden files never shown), replies and edits, close and reopen, uploads and downloads.

use crate::helpers::{spawn_app, spawn_app_with, Browser, Page, TestApp, SESSION_COOKIE};
use crate::ticket_data::{self as data, numbers};

mod conversation;
mod default_priority;
mod hostile;
mod raising;

/// Ada (Acme, role User) signed in on her ticket TIC-5 ("Slow Wi-Fi") of a portal that takes
/// at most `max_files` files of 1 KiB an upload: the app, her browser, the page's CSRF token and
/// the catalog.
async fn on_tic5(max_files: usize) -> Option<(TestApp, Browser, String, data::Catalog)> {
    let app = spawn_app_with(|s| {
        s.attachments.max_file_bytes = Some(1024);
        s.attachments.max_files_per_upload = Some(max_files);
    })
    .await?;
    let tenant = app.tenant.clone();
    let c = data::catalog(&app, &tenant).await;
    let ada = data::person(&app, &tenant, "ada@acme.example", "Acme", Some("User")).await;
    data::insert(
        &app,
        &tenant,
        &data::new_ticket(&app, &c, &ada, "TIC-5", "Slow Wi-Fi", 5),
    )
    .await;
    let browser = data::signed_in(&app, &tenant, &ada).await;
    let page = browser.get("/client-portal/tickets/TIC-5").await;
    let token = csrf(&page);
    Some((app, browser, token, c))
}

fn csrf(page: &Page) -> String {
    Browser::form_csrf(page)
}

/// The download link of the attachment shown as `name`.
pub fn attachment_link(body: &str, name: &str) -> String {
    let end = body
        .find(&format!("\" download>{name}<"))
        .expect("attachment link");
    let start = body[..end].rfind("href=\"").expect("href") + "href=\"".len();
    body[start..end].to_owned()
}

/// Every stored file (not the temporary folder, which must be empty too).
fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}
