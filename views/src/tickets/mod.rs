//! Support tickets: the filtered list, the new-ticket form and a ticket's page with its
//! conversation and attachments. Shared here: message ids, badges and priority colours.

pub mod detail;
pub mod form;
pub mod list;

use chrono::{DateTime, Duration, Utc};
use maud::{html, Markup};

use crate::i18n::Translator;
use crate::theme::is_valid_color;

pub(crate) mod msg {
    crate::i18n::message_ids! {
        TITLE = "tickets-title";
        HEADING = "tickets-heading";
        INTRO = "tickets-intro";
        NEW = "tickets-new";
        FILTER_LEGEND = "tickets-filter-legend";
        FILTER_STATUS = "tickets-filter-status";
        FILTER_OPEN = "tickets-filter-open";
        FILTER_CLOSED = "tickets-filter-closed";
        FILTER_ALL = "tickets-filter-all";
        FILTER_RESPONSE = "tickets-filter-response";
        FILTER_ANY = "tickets-filter-any";
        FILTER_PRIORITY = "tickets-filter-priority";
        FILTER_CATEGORY = "tickets-filter-category";
        FILTER_SEARCH = "tickets-filter-search";
        FILTER_SEARCH_HINT = "tickets-filter-search-hint";
        FILTER_SORT = "tickets-filter-sort";
        FILTER_DIRECTION = "tickets-filter-direction";
        FILTER_APPLY = "tickets-filter-apply";
        FILTER_CLEAR = "tickets-filter-clear";
        SORT_UPDATED = "tickets-sort-updated";
        SORT_ENTERED = "tickets-sort-entered";
        SORT_DUE = "tickets-sort-due";
        SORT_PRIORITY = "tickets-sort-priority";
        SORT_STATUS = "tickets-sort-status";
        SORT_TITLE = "tickets-sort-title";
        SORT_NUMBER = "tickets-sort-number";
        DIR_ASC = "tickets-dir-asc";
        DIR_DESC = "tickets-dir-desc";
        COUNT = "tickets-count";
        EMPTY = "tickets-empty";
        COL_NUMBER = "tickets-col-number";
        COL_TITLE = "tickets-col-title";
        COL_STATUS = "tickets-col-status";
        COL_PRIORITY = "tickets-col-priority";
        COL_CATEGORY = "tickets-col-category";
        COL_CONTACT = "tickets-col-contact";
        COL_UPDATED = "tickets-col-updated";
        COL_DUE = "tickets-col-due";
        PAGES_LABEL = "tickets-pages-label";
        PAGE_OF = "tickets-page-of";
        PAGE_PREVIOUS = "tickets-page-previous";
        PAGE_NEXT = "tickets-page-next";
        PAGE_FIRST = "tickets-page-first";
        PAGE_LAST = "tickets-page-last";
        AWAITING_CLIENT = "tickets-awaiting-client";
        AWAITING_INTERNAL = "tickets-awaiting-internal";
        OVERDUE = "tickets-overdue";
        DUE_SOON = "tickets-due-soon";
        CLOSED_BADGE = "tickets-closed-badge";
        NONE = "tickets-none";
        NEW_TITLE = "tickets-new-title";
        NEW_HEADING = "tickets-new-heading";
        NEW_INTRO = "tickets-new-intro";
        FIELD_TITLE = "tickets-field-title";
        FIELD_BOARD = "tickets-field-board";
        FIELD_PRIORITY = "tickets-field-priority";
        FIELD_PRIORITY_ONLY_ON = "tickets-field-priority-only-on";
        FIELD_PRIORITY_CHOOSE = "tickets-field-priority-choose";
        FIELD_CATEGORY = "tickets-field-category";
        FIELD_DESCRIPTION = "tickets-field-description";
        FIELD_MARKDOWN_HINT = "tickets-field-markdown-hint";
        FIELD_FILES = "tickets-field-files";
        FIELD_FILES_HINT = "tickets-field-files-hint";
        SUBMIT_NEW = "tickets-submit-new";
        CANCEL = "tickets-cancel";
        NO_BOARDS = "tickets-no-boards";
        ERROR_REQUIRED = "tickets-error-required";
        ERROR_TOO_LONG = "tickets-error-too-long";
        ERROR_CONTROL = "tickets-error-control";
        ERROR_NOT_OFFERED = "tickets-error-not-offered";
        ERROR_FILE_TOO_LARGE = "tickets-error-file-too-large";
        ERROR_FILE_EMPTY = "tickets-error-file-empty";
        ERROR_STORAGE_FULL = "tickets-error-storage-full";
        ERROR_TOO_MANY_FILES = "tickets-error-too-many-files";
        ERROR_FILE_NAME = "tickets-error-file-name";
        ERROR_SUMMARY = "tickets-error-summary";
        DETAIL_BACK = "tickets-detail-back";
        DETAIL_BOARD = "tickets-detail-board";
        DETAIL_STATUS = "tickets-detail-status";
        DETAIL_PRIORITY = "tickets-detail-priority";
        DETAIL_CATEGORY = "tickets-detail-category";
        DETAIL_COMPANY = "tickets-detail-company";
        DETAIL_CONTACT = "tickets-detail-contact";
        DETAIL_ASSIGNEE = "tickets-detail-assignee";
        DETAIL_ENTERED = "tickets-detail-entered";
        DETAIL_UPDATED = "tickets-detail-updated";
        DETAIL_CLOSED = "tickets-detail-closed";
        DETAIL_DUE = "tickets-detail-due";
        DETAIL_UNASSIGNED = "tickets-detail-unassigned";
        DESCRIPTION_HEADING = "tickets-description-heading";
        CONVERSATION_HEADING = "tickets-conversation-heading";
        CONVERSATION_EMPTY = "tickets-conversation-empty";
        AUTHOR_SUPPORT = "tickets-author-support";
        AUTHOR_YOU = "tickets-author-you";
        EDITED = "tickets-edited";
        EDIT = "tickets-edit";
        SAVE = "tickets-save";
        COMMENT_LABEL = "tickets-comment-label";
        COMMENT_SUBMIT = "tickets-comment-submit";
        ATTACHMENTS_HEADING = "tickets-attachments-heading";
        ATTACHMENTS_EMPTY = "tickets-attachments-empty";
        ATTACHMENT_NAME = "tickets-attachment-name";
        ATTACHMENT_SIZE = "tickets-attachment-size";
        ATTACHMENT_BY = "tickets-attachment-by";
        ATTACHMENT_WHEN = "tickets-attachment-when";
        ATTACH_LABEL = "tickets-attach-label";
        ATTACH_SUBMIT = "tickets-attach-submit";
        CLOSE = "tickets-close";
        REOPEN = "tickets-reopen";
        CLOSE_HINT = "tickets-close-hint";
        NOTICE_CREATED = "tickets-notice-created";
        NOTICE_COMMENTED = "tickets-notice-commented";
        NOTICE_EDITED = "tickets-notice-edited";
        NOTICE_CLOSED = "tickets-notice-closed";
        NOTICE_REOPENED = "tickets-notice-reopened";
        NOTICE_ATTACHED = "tickets-notice-attached";
        READ_ONLY = "tickets-read-only";
        SIZE_BYTES = "tickets-size-bytes";
        SIZE_KIB = "tickets-size-kib";
        SIZE_MIB = "tickets-size-mib";
    }
}

/// A choice in a select (a status, priority, category or board): its value, its label and,
/// for choices limited to one board, that board's name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChoiceOption {
    pub value: String,
    pub label: String,
    pub group: Option<String>,
}

pub const LIST_PATH: &str = "/client-portal/tickets";
pub const NEW_PATH: &str = "/client-portal/tickets/new";

/// Tickets due within this long (and not closed) are "due soon".
const DUE_SOON: Duration = Duration::hours(48);

/// The page of one ticket.
pub fn ticket_path(number: &str) -> String {
    format!("{LIST_PATH}/{number}")
}

pub fn title(t: Translator<'_>) -> String {
    t.tr(msg::TITLE)
}

/// "Awaiting your reply" / "Awaiting support" from the stored response state.
pub fn response_badge(t: Translator<'_>, state: Option<&str>) -> Markup {
    html! {
        @match state {
            Some("awaiting_client") => span.badge.badge--attention { (t.tr(msg::AWAITING_CLIENT)) },
            Some("awaiting_internal") => span.badge.badge--muted { (t.tr(msg::AWAITING_INTERNAL)) },
            _ => {},
        }
    }
}

/// "Overdue" or "Due soon" for open tickets with a due date.
pub fn due_badge(
    t: Translator<'_>,
    due: Option<DateTime<Utc>>,
    closed: bool,
    now: DateTime<Utc>,
) -> Markup {
    html! {
        @if let (Some(due), false) = (due, closed) {
            @if due < now {
                span.badge.badge--danger { (t.tr(msg::OVERDUE)) }
            } @else if due.signed_duration_since(now) <= DUE_SOON {
                span.badge.badge--warning { (t.tr(msg::DUE_SOON)) }
            }
        }
    }
}

/// A priority's name with its colour swatch (the colour comes from `priority_styles`).
pub fn priority_label(name: &str, color: &str) -> Markup {
    html! {
        span.priority {
            @if let Some(class) = priority_class(color) {
                span class=(format!("priority__swatch {class}")) aria-hidden="true" {}
            }
            (name)
        }
    }
}

fn priority_class(color: &str) -> Option<String> {
    let hex = color.strip_prefix('#').filter(|_| is_valid_color(color))?;
    Some(format!("prio-{}", hex.to_ascii_lowercase()))
}

/// CSS classes for the priority colours on a page (the CSP forbids inline `style` attributes);
/// only validated `#rrggbb` values get in, so escaping cannot alter them.
pub fn priority_styles<'a>(colors: impl IntoIterator<Item = &'a str>) -> String {
    let mut seen: Vec<String> = Vec::new();
    for color in colors {
        if let Some(class) = priority_class(color) {
            if !seen.contains(&class) {
                seen.push(class);
            }
        }
    }
    seen.iter()
        .filter_map(|class| {
            let hex = class.strip_prefix("prio-")?;
            Some(format!(".{class}{{background:#{hex}}}"))
        })
        .collect()
}

/// A file size for people: bytes, KiB or MiB.
pub fn size_label(t: Translator<'_>, bytes: i64) -> String {
    const KIB: i64 = 1024;
    const MIB: i64 = 1024 * 1024;
    if bytes < KIB {
        t.tr_count(msg::SIZE_BYTES, &[("size", bytes)])
    } else if bytes < MIB {
        t.tr_args(
            msg::SIZE_KIB,
            &[(
                "size",
                t.fmt()
                    .fixed(bytes.saturating_mul(10).saturating_add(KIB / 2) / KIB, 1),
            )],
        )
    } else {
        t.tr_args(
            msg::SIZE_MIB,
            &[(
                "size",
                t.fmt()
                    .fixed(bytes.saturating_mul(10).saturating_add(MIB / 2) / MIB, 1),
            )],
        )
    }
}

/// What was wrong with a form field, as the actors name it (`required`, `too_long`, …).
pub fn field_error_text(t: Translator<'_>, message: &str, max_megabytes: u64) -> String {
    match message {
        "required" => t.tr(msg::ERROR_REQUIRED),
        "too_long" => t.tr(msg::ERROR_TOO_LONG),
        "control_characters" => t.tr(msg::ERROR_CONTROL),
        "file_too_large" => t.tr_args(
            msg::ERROR_FILE_TOO_LARGE,
            &[("size", max_megabytes.to_string())],
        ),
        "file_empty" => t.tr(msg::ERROR_FILE_EMPTY),
        "storage_full" => t.tr(msg::ERROR_STORAGE_FULL),
        "too_many_files" => t.tr(msg::ERROR_TOO_MANY_FILES),
        "file_name" => t.tr(msg::ERROR_FILE_NAME),
        _ => t.tr(msg::ERROR_NOT_OFFERED),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn priority_styles_only_take_valid_colours() {
        let css = priority_styles(["#FF0000", "#ff0000", "red;}</style>", "#00aa00"]);
        assert_eq!(
            css,
            ".prio-ff0000{background:#ff0000}.prio-00aa00{background:#00aa00}"
        );
    }
}
