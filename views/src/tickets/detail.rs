//! `/client-portal/tickets/{number}`: one ticket — its fields, the description and the
//! conversation (client-visible comments, Markdown rendered and sanitized), a reply form,
//! editing one's own comments, attachments with upload and download, close and reopen.

use chrono::{DateTime, Utc};
use maud::{html, Markup};

use super::{
    due_badge, field_error_text, msg, priority_label, priority_styles, response_badge, size_label,
    ticket_path,
};
use crate::components::{alert, instant_time, notice};
use crate::i18n::Translator;
use crate::layout::{self, PageShell};
use crate::markdown;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommentItem {
    pub id: String,
    pub author_name: String,
    pub from_support: bool,
    pub is_yours: bool,
    pub body: String,
    pub created_at: DateTime<Utc>,
    pub edited_at: Option<DateTime<Utc>>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttachmentItem {
    pub id: String,
    pub name: String,
    pub size_bytes: i64,
    pub uploaded_by: String,
    pub created_at: DateTime<Utc>,
}

/// What just happened (after a form's redirect).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DetailNotice {
    Created,
    Commented,
    Edited,
    Closed,
    Reopened,
    Attached,
}

impl DetailNotice {
    pub fn parse(raw: &str) -> Option<DetailNotice> {
        Some(match raw {
            "created" => DetailNotice::Created,
            "commented" => DetailNotice::Commented,
            "edited" => DetailNotice::Edited,
            "closed" => DetailNotice::Closed,
            "reopened" => DetailNotice::Reopened,
            "attached" => DetailNotice::Attached,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            DetailNotice::Created => "created",
            DetailNotice::Commented => "commented",
            DetailNotice::Edited => "edited",
            DetailNotice::Closed => "closed",
            DetailNotice::Reopened => "reopened",
            DetailNotice::Attached => "attached",
        }
    }

    fn text(self, t: Translator<'_>) -> String {
        t.tr(match self {
            DetailNotice::Created => msg::NOTICE_CREATED,
            DetailNotice::Commented => msg::NOTICE_COMMENTED,
            DetailNotice::Edited => msg::NOTICE_EDITED,
            DetailNotice::Closed => msg::NOTICE_CLOSED,
            DetailNotice::Reopened => msg::NOTICE_REOPENED,
            DetailNotice::Attached => msg::NOTICE_ATTACHED,
        })
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DetailView {
    pub csrf_token: String,
    pub number: String,
    pub title: String,
    /// Markdown source.
    pub description: String,
    pub board: String,
    pub status: String,
    pub is_closed: bool,
    pub priority: String,
    pub priority_color: String,
    pub category: Option<String>,
    pub company: String,
    pub contact: Option<String>,
    pub assignee: Option<String>,
    pub response_state: Option<String>,
    pub entered_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
    pub due_at: Option<DateTime<Utc>>,
    pub comments: Vec<CommentItem>,
    pub attachments: Vec<AttachmentItem>,
    pub can_update: bool,
    /// The comment being edited (its id), from `?edit=`.
    pub editing: Option<String>,
    pub notice: Option<DetailNotice>,
    /// A refused reply or edit: the field's problem code and what was typed.
    pub comment_error: Option<String>,
    pub comment_draft: String,
    /// A refused upload's problem code.
    pub attach_error: Option<String>,
    pub max_megabytes: u64,
    pub max_files: usize,
    pub now: DateTime<Utc>,
}

/// Paths of the ticket's forms and downloads.
pub fn comments_path(number: &str) -> String {
    format!("{}/comments", ticket_path(number))
}

pub fn comment_path(number: &str, comment_id: &str) -> String {
    format!("{}/comments/{comment_id}", ticket_path(number))
}

pub fn attachments_path(number: &str) -> String {
    format!("{}/attachments", ticket_path(number))
}

pub fn attachment_path(number: &str, attachment_id: &str) -> String {
    format!("{}/attachments/{attachment_id}", ticket_path(number))
}

pub fn close_path(number: &str) -> String {
    format!("{}/close", ticket_path(number))
}

pub fn reopen_path(number: &str) -> String {
    format!("{}/reopen", ticket_path(number))
}

fn fact(label: String, value: Markup) -> Markup {
    html! { div { dt { (label) } dd { (value) } } }
}

fn optional_time(t: Translator<'_>, at: Option<DateTime<Utc>>) -> Markup {
    html! { @if let Some(at) = at { (instant_time(t, at)) } @else { "—" } }
}

fn facts(t: Translator<'_>, v: &DetailView) -> Markup {
    html! {
        dl.details.ticket-facts {
            (fact(t.tr(msg::DETAIL_STATUS), html! { (v.status) }))
            (fact(t.tr(msg::DETAIL_PRIORITY), priority_label(&v.priority, &v.priority_color)))
            (fact(t.tr(msg::DETAIL_BOARD), html! { (v.board) }))
            (fact(t.tr(msg::DETAIL_CATEGORY), html! { (v.category.as_deref().unwrap_or("—")) }))
            (fact(t.tr(msg::DETAIL_COMPANY), html! { (v.company) }))
            (fact(t.tr(msg::DETAIL_CONTACT), html! { (v.contact.as_deref().unwrap_or("—")) }))
            (fact(t.tr(msg::DETAIL_ASSIGNEE), html! {
                @if let Some(a) = &v.assignee { (a) } @else { (t.tr(msg::DETAIL_UNASSIGNED)) }
            }))
            (fact(t.tr(msg::DETAIL_ENTERED), instant_time(t, v.entered_at)))
            (fact(t.tr(msg::DETAIL_UPDATED), instant_time(t, v.updated_at)))
            (fact(t.tr(msg::DETAIL_DUE), optional_time(t, v.due_at)))
            @if v.is_closed {
                (fact(t.tr(msg::DETAIL_CLOSED), optional_time(t, v.closed_at)))
            }
        }
    }
}

fn comment(t: Translator<'_>, v: &DetailView, c: &CommentItem) -> Markup {
    let editing = v.can_update && c.is_yours && v.editing.as_deref() == Some(c.id.as_str());
    html! {
        li.comment.comment--support[c.from_support] id=(format!("comment-{}", c.id)) {
            p.comment__meta {
                strong { (c.author_name) }
                " · "
                @if c.from_support { (t.tr(msg::AUTHOR_SUPPORT)) } @else if c.is_yours { (t.tr(msg::AUTHOR_YOU)) }
                " · " (instant_time(t, c.created_at))
                @if c.edited_at.is_some() { " · " em { (t.tr(msg::EDITED)) } }
            }
            @if editing {
                form method="post" action=(comment_path(&v.number, &c.id)) {
                    input type="hidden" name="csrf_token" value=(v.csrf_token);
                    div.field {
                        label for="edit-body" { (t.tr(msg::EDIT)) }
                        textarea #edit-body name="body" rows="6" required maxlength="20000" {
                            @if v.comment_error.is_some() { (v.comment_draft) } @else { (c.body) }
                        }
                        @if let Some(code) = &v.comment_error {
                            p.field-error { (field_error_text(t, code, v.max_megabytes)) }
                        }
                    }
                    button.btn.btn--primary type="submit" { (t.tr(msg::SAVE)) }
                    " "
                    a.btn.btn--secondary href=(format!("{}#comment-{}", ticket_path(&v.number), c.id)) { (t.tr(msg::CANCEL)) }
                }
            } @else {
                (markdown::render(&c.body))
                @if v.can_update && c.is_yours {
                    a.comment__edit href=(format!("{}?edit={}#comment-{}", ticket_path(&v.number), c.id, c.id)) {
                        (t.tr(msg::EDIT))
                    }
                }
            }
        }
    }
}

fn attachments(t: Translator<'_>, v: &DetailView) -> Markup {
    html! {
        section.card aria-labelledby="attachments-heading" id="attachments" {
            h2 #attachments-heading { (t.tr(msg::ATTACHMENTS_HEADING)) }
            @if v.attachments.is_empty() {
                p { (t.tr(msg::ATTACHMENTS_EMPTY)) }
            } @else {
                table.table {
                    thead { tr {
                        th scope="col" { (t.tr(msg::ATTACHMENT_NAME)) }
                        th scope="col" { (t.tr(msg::ATTACHMENT_SIZE)) }
                        th scope="col" { (t.tr(msg::ATTACHMENT_BY)) }
                        th scope="col" { (t.tr(msg::ATTACHMENT_WHEN)) }
                    } }
                    tbody {
                        @for a in &v.attachments {
                            tr {
                                td { a href=(attachment_path(&v.number, &a.id)) download { (a.name) } }
                                td { (size_label(t, a.size_bytes)) }
                                td { (a.uploaded_by) }
                                td { (instant_time(t, a.created_at)) }
                            }
                        }
                    }
                }
            }
            @if v.can_update {
                form.attach-form method="post" action=(attachments_path(&v.number)) enctype="multipart/form-data" {
                    input type="hidden" name="csrf_token" value=(v.csrf_token);
                    div.field {
                        label for="attach-files" { (t.tr(msg::ATTACH_LABEL)) }
                        input #attach-files type="file" name="files" multiple required
                            aria-describedby="attach-hint";
                        p.field-hint #attach-hint {
                            (t.tr_count(msg::FIELD_FILES_HINT, &[
                                ("size", i64::try_from(v.max_megabytes).unwrap_or(i64::MAX)),
                                ("count", i64::try_from(v.max_files).unwrap_or(i64::MAX)),
                            ]))
                        }
                        @if let Some(code) = &v.attach_error {
                            p.field-error role="alert" { (field_error_text(t, code, v.max_megabytes)) }
                        }
                    }
                    button.btn type="submit" { (t.tr(msg::ATTACH_SUBMIT)) }
                }
            }
        }
    }
}

pub fn page(shell: &PageShell<'_>, v: &DetailView) -> Markup {
    let t = shell.t;
    let styles = priority_styles([v.priority_color.as_str()]);
    let editing_something = v.editing.is_some();
    let content = html! {
        @if !styles.is_empty() {
            style nonce=(shell.csp_nonce) { (styles) }
        }
        p { a href=(super::LIST_PATH) { "← " (t.tr(msg::DETAIL_BACK)) } }
        @if let Some(n) = v.notice { (notice(&n.text(t))) }
        div.page-heading {
            h1 { span.ticket-number { (v.number) } " " (v.title) }
        }
        p.ticket-badges {
            @if v.is_closed { span.badge.badge--muted { (t.tr(msg::CLOSED_BADGE)) } " " }
            (response_badge(t, v.response_state.as_deref()))
            " " (due_badge(t, v.due_at, v.is_closed, v.now))
        }
        (facts(t, v))
        section.card aria-labelledby="description-heading" {
            h2 #description-heading { (t.tr(msg::DESCRIPTION_HEADING)) }
            (markdown::render(&v.description))
        }
        section.card aria-labelledby="conversation-heading" id="conversation" {
            h2 #conversation-heading { (t.tr(msg::CONVERSATION_HEADING)) }
            @if v.comments.is_empty() {
                p { (t.tr(msg::CONVERSATION_EMPTY)) }
            } @else {
                ol.conversation { @for c in &v.comments { (comment(t, v, c)) } }
            }
            @if v.can_update {
                form.reply-form method="post" action=(comments_path(&v.number)) id="reply" {
                    input type="hidden" name="csrf_token" value=(v.csrf_token);
                    @if let (Some(code), false) = (&v.comment_error, editing_something) {
                        (alert("reply-error", &field_error_text(t, code, v.max_megabytes)))
                    }
                    div.field {
                        label for="reply-body" { (t.tr(msg::COMMENT_LABEL)) }
                        textarea #reply-body name="body" rows="5" required maxlength="20000"
                            aria-describedby="reply-hint" {
                            @if !editing_something { (v.comment_draft) }
                        }
                        p.field-hint #reply-hint { (t.tr(msg::FIELD_MARKDOWN_HINT)) }
                    }
                    button.btn.btn--primary type="submit" { (t.tr(msg::COMMENT_SUBMIT)) }
                }
            } @else {
                p.field-hint { (t.tr(msg::READ_ONLY)) }
            }
        }
        (attachments(t, v))
        @if v.can_update {
            section.card.ticket-state {
                @if v.is_closed {
                    form method="post" action=(reopen_path(&v.number)) {
                        input type="hidden" name="csrf_token" value=(v.csrf_token);
                        button.btn type="submit" { (t.tr(msg::REOPEN)) }
                    }
                } @else {
                    form method="post" action=(close_path(&v.number)) {
                        input type="hidden" name="csrf_token" value=(v.csrf_token);
                        p.field-hint { (t.tr(msg::CLOSE_HINT)) }
                        button.btn type="submit" { (t.tr(msg::CLOSE)) }
                    }
                }
            }
        }
    };
    layout::page(shell, content)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locales;
    use crate::test_support::*;
    use crate::theme::Branding;

    fn view() -> Result<DetailView, &'static str> {
        let when = at(2026, 11, 27, 13, 5)?;
        Ok(DetailView {
            csrf_token: "csrf".into(),
            number: "TIC-1001".into(),
            title: EVIL.into(),
            description: "**Printer** on floor 2\n\n<script>alert(1)</script>".into(),
            board: "Service Desk".into(),
            status: "New".into(),
            is_closed: false,
            priority: "High".into(),
            priority_color: "#ff0000".into(),
            category: None,
            company: "Acme".into(),
            contact: Some("Ada".into()),
            assignee: None,
            response_state: Some("awaiting_internal".into()),
            entered_at: when,
            updated_at: when,
            closed_at: None,
            due_at: None,
            comments: vec![
                CommentItem {
                    id: "c1".into(),
                    author_name: "Ada".into(),
                    from_support: false,
                    is_yours: true,
                    body: "Still *broken*".into(),
                    created_at: when,
                    edited_at: Some(when),
                },
                CommentItem {
                    id: "c2".into(),
                    author_name: "Support Sam".into(),
                    from_support: true,
                    is_yours: false,
                    body: "[x](javascript:alert(1))".into(),
                    created_at: when,
                    edited_at: None,
                },
            ],
            attachments: vec![AttachmentItem {
                id: "a1".into(),
                name: EVIL.into(),
                size_bytes: 2048,
                uploaded_by: "Ada".into(),
                created_at: when,
            }],
            can_update: true,
            editing: None,
            notice: Some(DetailNotice::Commented),
            comment_error: None,
            comment_draft: String::new(),
            attach_error: None,
            max_megabytes: 20,
            max_files: 10,
            now: when,
        })
    }

    #[test]
    fn detail_renders_markdown_safely_and_offers_actions() -> TestResult {
        let locales = Locales::load()?;
        let branding = Branding::default_portal();
        let html = page(&shell(locales.translator("en"), &branding, None), &view()?).into_string();
        assert_escaped(&html);
        assert_no_raw_ids(&html);
        assert!(html.contains("<strong>Printer</strong>"), "{html}");
        assert!(!html.contains("javascript:alert"), "{html}");
        assert!(
            html.contains("/client-portal/tickets/TIC-1001?edit=c1#comment-c1"),
            "{html}"
        );
        assert!(!html.contains("?edit=c2"), "{html}");
        assert!(
            html.contains("/client-portal/tickets/TIC-1001/close"),
            "{html}"
        );
        assert!(
            html.contains("/client-portal/tickets/TIC-1001/attachments/a1"),
            "{html}"
        );
        assert!(html.contains("2.0 KiB"), "{html}");
        Ok(())
    }

    #[test]
    fn read_only_users_get_no_forms() -> TestResult {
        let locales = Locales::load()?;
        let branding = Branding::default_portal();
        let mut v = view()?;
        v.can_update = false;
        let html = page(&shell(locales.translator("en"), &branding, None), &v).into_string();
        assert!(!html.contains("/comments\""), "{html}");
        assert!(!html.contains("/close"), "{html}");
        assert!(!html.contains("?edit="), "{html}");
        Ok(())
    }
}
