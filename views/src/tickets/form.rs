//! `/client-portal/tickets/new`: raising a ticket — title, board, priority (the board's or
//! global ones; with none preselected the user must choose one), category, a Markdown
//! description and files. Errors keep what was typed.

use maud::{html, Markup};

use super::{field_error_text, msg, ChoiceOption};
use crate::components::alert;
use crate::i18n::Translator;
use crate::layout::{self, PageShell};

/// What the user typed (kept when the form comes back with errors).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NewTicketValues {
    pub title: String,
    pub description: String,
    pub board: String,
    pub priority: String,
    pub category: String,
}

/// A field's problem: the field's name and the problem's code (`required`, `too_long`, …).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub code: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewTicketView {
    pub csrf_token: String,
    pub boards: Vec<ChoiceOption>,
    pub priorities: Vec<ChoiceOption>,
    pub categories: Vec<ChoiceOption>,
    pub values: NewTicketValues,
    pub errors: Vec<FieldError>,
    pub max_megabytes: u64,
    pub max_files: usize,
}

pub fn title(t: Translator<'_>) -> String {
    t.tr(msg::NEW_TITLE)
}

fn error_for<'a>(view: &'a NewTicketView, field: &str) -> Option<&'a FieldError> {
    view.errors.iter().find(|e| e.field == field)
}

/// The error line under a field, and the id its input points to.
fn field_error(t: Translator<'_>, view: &NewTicketView, field: &str) -> Markup {
    html! {
        @if let Some(e) = error_for(view, field) {
            p.field-error id=(format!("{field}-error")) {
                (field_error_text(t, &e.code, view.max_megabytes))
            }
        }
    }
}

fn described_by(view: &NewTicketView, field: &str, hint: Option<&str>) -> Option<String> {
    let mut ids: Vec<String> = hint.map(str::to_owned).into_iter().collect();
    if error_for(view, field).is_some() {
        ids.push(format!("{field}-error"));
    }
    (!ids.is_empty()).then(|| ids.join(" "))
}

fn options(current: &str, options: &[ChoiceOption], only_on: impl Fn(&str) -> String) -> Markup {
    let mut groups: Vec<&str> = Vec::new();
    for o in options.iter().filter_map(|o| o.group.as_deref()) {
        if !groups.contains(&o) {
            groups.push(o);
        }
    }
    html! {
        @for o in options.iter().filter(|o| o.group.is_none()) {
            option value=(o.value) selected[current == o.value] { (o.label) }
        }
        @for g in groups {
            optgroup label=(only_on(g)) {
                @for o in options.iter().filter(|o| o.group.as_deref() == Some(g)) {
                    option value=(o.value) selected[current == o.value] { (o.label) }
                }
            }
        }
    }
}

pub fn page(shell: &PageShell<'_>, view: &NewTicketView) -> Markup {
    let t = shell.t;
    let v = &view.values;
    let only_on =
        |board: &str| t.tr_args(msg::FIELD_PRIORITY_ONLY_ON, &[("board", board.to_owned())]);
    let content = html! {
        h1 { (t.tr(msg::NEW_HEADING)) }
        p.page-intro { (t.tr(msg::NEW_INTRO)) }
        @if !view.errors.is_empty() {
            (alert("ticket-errors", &t.tr(msg::ERROR_SUMMARY)))
        }
        @if view.boards.is_empty() {
            p.empty-state { (t.tr(msg::NO_BOARDS)) }
        } @else {
            form.card.ticket-form method="post" action=(super::LIST_PATH) enctype="multipart/form-data" {
                input type="hidden" name="csrf_token" value=(view.csrf_token);
                div.field {
                    label for="ticket-title" { (t.tr(msg::FIELD_TITLE)) }
                    input #ticket-title type="text" name="title" value=(v.title) required maxlength="200"
                        aria-invalid=[error_for(view, "title").map(|_| "true")]
                        aria-describedby=[described_by(view, "title", None)];
                    (field_error(t, view, "title"))
                }
                div.field {
                    label for="ticket-board" { (t.tr(msg::FIELD_BOARD)) }
                    select #ticket-board name="board" required
                        aria-invalid=[error_for(view, "board").map(|_| "true")]
                        aria-describedby=[described_by(view, "board", None)] {
                        (options(&v.board, &view.boards, |g| g.to_owned()))
                    }
                    (field_error(t, view, "board"))
                }
                div.field {
                    label for="ticket-priority" { (t.tr(msg::FIELD_PRIORITY)) }
                    select #ticket-priority name="priority" required
                        aria-invalid=[error_for(view, "priority").map(|_| "true")]
                        aria-describedby=[described_by(view, "priority", None)] {
                        // Nothing preselected: an empty first option the browser will not submit.
                        @if !view.priorities.iter().any(|o| o.value == v.priority) {
                            option value="" selected { (t.tr(msg::FIELD_PRIORITY_CHOOSE)) }
                        }
                        (options(&v.priority, &view.priorities, only_on))
                    }
                    (field_error(t, view, "priority"))
                }
                @if !view.categories.is_empty() {
                    div.field {
                        label for="ticket-category" { (t.tr(msg::FIELD_CATEGORY)) }
                        select #ticket-category name="category"
                            aria-describedby=[described_by(view, "category", None)] {
                            option value="" selected[v.category.is_empty()] { (t.tr(msg::NONE)) }
                            (options(&v.category, &view.categories, only_on))
                        }
                        (field_error(t, view, "category"))
                    }
                }
                div.field {
                    label for="ticket-description" { (t.tr(msg::FIELD_DESCRIPTION)) }
                    textarea #ticket-description name="description" rows="10" required maxlength="20000"
                        aria-describedby=[described_by(view, "description", Some("ticket-description-hint"))] {
                        (v.description)
                    }
                    p.field-hint #ticket-description-hint { (t.tr(msg::FIELD_MARKDOWN_HINT)) }
                    (field_error(t, view, "description"))
                }
                div.field {
                    label for="ticket-files" { (t.tr(msg::FIELD_FILES)) }
                    input #ticket-files type="file" name="files" multiple
                        aria-describedby=[described_by(view, "files", Some("ticket-files-hint"))];
                    p.field-hint #ticket-files-hint {
                        (t.tr_count(msg::FIELD_FILES_HINT, &[
                            ("size", i64::try_from(view.max_megabytes).unwrap_or(i64::MAX)),
                            ("count", i64::try_from(view.max_files).unwrap_or(i64::MAX)),
                        ]))
                    }
                    (field_error(t, view, "files"))
                }
                div.form-actions {
                    button.btn.btn--primary type="submit" { (t.tr(msg::SUBMIT_NEW)) }
                    a.btn.btn--secondary href=(super::LIST_PATH) { (t.tr(msg::CANCEL)) }
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

    #[test]
    fn form_keeps_values_names_errors_and_escapes() -> TestResult {
        let locales = Locales::load()?;
        let branding = Branding::default_portal();
        let view = NewTicketView {
            csrf_token: "csrf".into(),
            boards: vec![ChoiceOption {
                value: "b1".into(),
                label: "Service Desk".into(),
                group: None,
            }],
            priorities: vec![
                ChoiceOption {
                    value: "p1".into(),
                    label: "Low".into(),
                    group: None,
                },
                ChoiceOption {
                    value: "p2".into(),
                    label: EVIL.into(),
                    group: Some("Projects".into()),
                },
            ],
            categories: vec![],
            values: NewTicketValues {
                title: EVIL.into(),
                priority: "p2".into(),
                ..Default::default()
            },
            errors: vec![FieldError {
                field: "files".into(),
                code: "file_too_large".into(),
            }],
            max_megabytes: 20,
            max_files: 10,
        };
        let html = page(&shell(locales.translator("en"), &branding, None), &view).into_string();
        assert_escaped(&html);
        assert_no_raw_ids(&html);
        assert!(html.contains("enctype=\"multipart/form-data\""), "{html}");
        assert!(html.contains("Only on Projects"), "{html}");
        assert!(html.contains("larger than 20 MB"), "{html}");
        assert!(html.contains("value=\"p2\" selected"), "{html}");
        assert!(!html.contains("Choose a priority"), "{html}");
        // "Cancel" beside the submit button.
        assert_card_buttons(&html, 1);
        Ok(())
    }

    #[test]
    fn without_a_chosen_priority_the_user_is_asked_to_choose_one() -> TestResult {
        let locales = Locales::load()?;
        let branding = Branding::default_portal();
        let choice = |value: &str, label: &str| ChoiceOption {
            value: value.into(),
            label: label.into(),
            group: None,
        };
        let view = NewTicketView {
            csrf_token: "csrf".into(),
            boards: vec![choice("b1", "Service Desk")],
            priorities: vec![choice("p1", "Low")],
            categories: vec![],
            values: NewTicketValues::default(),
            errors: vec![FieldError {
                field: "priority".into(),
                code: "required".into(),
            }],
            max_megabytes: 20,
            max_files: 10,
        };
        let html = page(&shell(locales.translator("en"), &branding, None), &view).into_string();
        let select = html
            .split("name=\"priority\"")
            .nth(1)
            .and_then(|s| s.split("</select>").next())
            .unwrap_or_default();
        assert!(
            select.contains(
                "<option value=\"\" selected>Choose a priority</option><option value=\"p1\">"
            ),
            "{select}"
        );
        assert!(select.contains("aria-invalid=\"true\""), "{select}");
        assert!(
            html.contains("id=\"priority-error\">This is required."),
            "{html}"
        );
        Ok(())
    }
}
