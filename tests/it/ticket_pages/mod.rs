//! Raising a ticket (with and without files), its page, the conversation (internal notes and
//! hidden files never shown), replies and edits, close and reopen, uploads and downloads.

use crate::helpers::{spawn_app, spawn_app_with, Browser, Page, SESSION_COOKIE};
use crate::ticket_data::{self as data, numbers};

mod conversation;
mod hostile;
mod raising;

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
