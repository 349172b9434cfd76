//! What clients type into tickets, checked: titles, bodies, file names, ticket numbers.

use uuid::Uuid;

use super::{MAX_BODY_CHARS, MAX_FILE_NAME_CHARS, MAX_TITLE_CHARS};

/// A new ticket as typed in the portal.
#[derive(Debug, Clone)]
pub struct NewTicket {
    pub title: String,
    pub description: String,
    pub board_id: Uuid,
    pub priority_id: Uuid,
    pub category_id: Option<Uuid>,
}

/// What a client typed that cannot be used: which field and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{field}`: {message}")]
pub struct InputError {
    pub field: &'static str,
    pub message: &'static str,
}

/// A title: trimmed, 1–200 characters, no control characters.
pub fn parse_title(raw: &str) -> Result<String, InputError> {
    let title = raw.trim();
    let bad = |message| InputError {
        field: "title",
        message,
    };
    if title.is_empty() {
        return Err(bad("required"));
    }
    if title.chars().count() > MAX_TITLE_CHARS {
        return Err(bad("too_long"));
    }
    if title.chars().any(char::is_control) {
        return Err(bad("control_characters"));
    }
    Ok(title.to_owned())
}

/// A Markdown body (description or comment): trimmed, at most 20,000 characters; newlines and
/// tabs are kept, other control characters refused. `required` says whether it may be empty.
pub fn parse_body(field: &'static str, raw: &str, required: bool) -> Result<String, InputError> {
    let body = raw.trim().replace("\r\n", "\n");
    let bad = |message| InputError { field, message };
    if required && body.is_empty() {
        return Err(bad("required"));
    }
    if body.chars().count() > MAX_BODY_CHARS {
        return Err(bad("too_long"));
    }
    if body
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(bad("control_characters"));
    }
    Ok(body)
}

/// A file name as shown and offered for download: the last path segment, control characters
/// and quotes removed, at most 200 characters; `None` when nothing is left.
pub fn clean_file_name(raw: &str) -> Option<String> {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or(raw);
    let cleaned: String = last
        .chars()
        .filter(|c| !c.is_control() && *c != '"')
        .take(MAX_FILE_NAME_CHARS)
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').trim().to_owned();
    (!cleaned.is_empty()).then_some(cleaned)
}

/// A ticket number as it may appear in a URL: 1–32 letters, digits and `-`, and not `new`
/// (`/client-portal/tickets/new` is the form for raising one).
pub fn is_valid_ticket_number(raw: &str) -> bool {
    (1..=32).contains(&raw.len())
        && raw.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !raw.eq_ignore_ascii_case("new")
}
