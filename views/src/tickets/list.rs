//! `/client-portal/tickets`: the company's tickets with filters, sorting and pages. The filter
//! is a plain GET form, so every view of the list is a URL that can be bookmarked and shared.

use chrono::{DateTime, Utc};
use maud::{html, Markup};

use super::{
    due_badge, msg, priority_label, priority_styles, response_badge, ticket_path, ChoiceOption,
};
use crate::components::{instant_time, with_pair as with};
use crate::i18n::Translator;
use crate::layout::{self, PageShell};

/// The filter as the URL holds it (empty strings: not set).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FilterValues {
    pub status: String,
    pub response: String,
    pub priority: String,
    pub category: String,
    pub q: String,
    pub sort: String,
    pub dir: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListItem {
    pub number: String,
    pub title: String,
    pub status: String,
    pub is_closed: bool,
    pub priority: String,
    pub priority_color: String,
    pub category: Option<String>,
    pub contact: Option<String>,
    pub response_state: Option<String>,
    pub updated_at: DateTime<Utc>,
    pub due_at: Option<DateTime<Utc>>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListView {
    pub items: Vec<ListItem>,
    pub total: i64,
    pub page: i64,
    pub page_count: i64,
    pub filter: FilterValues,
    /// The filter's query pairs without `page` (pagination links add it).
    pub query: Vec<(String, String)>,
    pub statuses: Vec<ChoiceOption>,
    pub priorities: Vec<ChoiceOption>,
    pub categories: Vec<ChoiceOption>,
    pub can_create: bool,
    pub now: DateTime<Utc>,
}

/// The list's URL for these query pairs.
pub fn list_href(pairs: &[(String, String)]) -> String {
    crate::components::href_with_query(super::LIST_PATH, pairs)
}

fn page_href(view: &ListView, page: i64) -> String {
    let page = (page > 1).then(|| page.to_string());
    list_href(&with(&view.query, "page", page))
}

/// A column header that sorts by `sort` (and flips the direction when it already does).
fn sort_header(view: &ListView, label: &str, sort: &str) -> Markup {
    let current = view.filter.sort == sort;
    let dir = if current && view.filter.dir == "asc" {
        "desc"
    } else {
        "asc"
    };
    let pairs = with(
        &with(&view.query, "sort", Some(sort.to_owned())),
        "dir",
        Some(dir.to_owned()),
    );
    let aria_sort = current.then(|| {
        if view.filter.dir == "asc" {
            "ascending"
        } else {
            "descending"
        }
    });
    html! {
        th scope="col" aria-sort=[aria_sort] {
            a href=(list_href(&pairs)) { (label) @if current { " " (if view.filter.dir == "asc" { "▲" } else { "▼" }) } }
        }
    }
}

fn select(
    name: &str,
    label: &str,
    current: &str,
    fixed: &[(&str, String)],
    options: &[ChoiceOption],
) -> Markup {
    let mut groups: Vec<Option<&str>> = Vec::new();
    for o in options {
        if !groups.contains(&o.group.as_deref()) {
            groups.push(o.group.as_deref());
        }
    }
    html! {
        div.field {
            label for=(format!("filter-{name}")) { (label) }
            select id=(format!("filter-{name}")) name=(name) {
                @for (value, text) in fixed {
                    option value=(value) selected[current == *value] { (text) }
                }
                @for group in &groups {
                    @match group {
                        Some(g) => optgroup label=(g) {
                            @for o in options.iter().filter(|o| o.group.as_deref() == Some(*g)) {
                                option value=(o.value) selected[current == o.value] { (o.label) }
                            }
                        },
                        None => @for o in options.iter().filter(|o| o.group.is_none()) {
                            option value=(o.value) selected[current == o.value] { (o.label) }
                        },
                    }
                }
            }
        }
    }
}

fn filter_form(t: Translator<'_>, view: &ListView) -> Markup {
    let f = &view.filter;
    let status_current = if f.status.is_empty() {
        "open"
    } else {
        f.status.as_str()
    };
    let sorts = [
        ("updated", t.tr(msg::SORT_UPDATED)),
        ("entered", t.tr(msg::SORT_ENTERED)),
        ("due", t.tr(msg::SORT_DUE)),
        ("priority", t.tr(msg::SORT_PRIORITY)),
        ("status", t.tr(msg::SORT_STATUS)),
        ("title", t.tr(msg::SORT_TITLE)),
        ("number", t.tr(msg::SORT_NUMBER)),
    ];
    html! {
        form.filters method="get" action=(super::LIST_PATH) role="search" {
            fieldset {
                legend.visually-hidden { (t.tr(msg::FILTER_LEGEND)) }
                (select("status", &t.tr(msg::FILTER_STATUS), status_current, &[
                    ("open", t.tr(msg::FILTER_OPEN)),
                    ("closed", t.tr(msg::FILTER_CLOSED)),
                    ("all", t.tr(msg::FILTER_ALL)),
                ], &view.statuses))
                (select("response", &t.tr(msg::FILTER_RESPONSE), &f.response, &[
                    ("", t.tr(msg::FILTER_ANY)),
                    ("awaiting_client", t.tr(msg::AWAITING_CLIENT)),
                    ("awaiting_internal", t.tr(msg::AWAITING_INTERNAL)),
                ], &[]))
                (select("priority", &t.tr(msg::FILTER_PRIORITY), &f.priority, &[("", t.tr(msg::FILTER_ANY))], &view.priorities))
                (select("category", &t.tr(msg::FILTER_CATEGORY), &f.category, &[("", t.tr(msg::FILTER_ANY))], &view.categories))
                div.field {
                    label for="filter-q" { (t.tr(msg::FILTER_SEARCH)) }
                    input #filter-q type="search" name="q" value=(f.q) maxlength="100"
                        aria-describedby="filter-q-hint";
                    p.field-hint #filter-q-hint { (t.tr(msg::FILTER_SEARCH_HINT)) }
                }
                div.field {
                    label for="filter-sort" { (t.tr(msg::FILTER_SORT)) }
                    select #filter-sort name="sort" {
                        @for (value, text) in &sorts {
                            option value=(value) selected[f.sort == *value] { (text) }
                        }
                    }
                }
                div.field {
                    label for="filter-dir" { (t.tr(msg::FILTER_DIRECTION)) }
                    select #filter-dir name="dir" {
                        option value="desc" selected[f.dir == "desc"] { (t.tr(msg::DIR_DESC)) }
                        option value="asc" selected[f.dir == "asc"] { (t.tr(msg::DIR_ASC)) }
                    }
                }
                div.filters__actions {
                    button.btn.btn--primary type="submit" { (t.tr(msg::FILTER_APPLY)) }
                    a.btn.btn--secondary href=(super::LIST_PATH) { (t.tr(msg::FILTER_CLEAR)) }
                }
            }
        }
    }
}

fn pagination(t: Translator<'_>, view: &ListView) -> Markup {
    html! {
        @if view.page_count > 1 {
            nav.pagination aria-label=(t.tr(msg::PAGES_LABEL)) {
                @if view.page > 1 {
                    a href=(page_href(view, 1)) { (t.tr(msg::PAGE_FIRST)) }
                    a rel="prev" href=(page_href(view, view.page.saturating_sub(1))) { (t.tr(msg::PAGE_PREVIOUS)) }
                }
                span aria-current="page" {
                    (t.tr_count(msg::PAGE_OF, &[("page", view.page), ("pages", view.page_count)]))
                }
                @if view.page < view.page_count {
                    a rel="next" href=(page_href(view, view.page.saturating_add(1))) { (t.tr(msg::PAGE_NEXT)) }
                    a href=(page_href(view, view.page_count)) { (t.tr(msg::PAGE_LAST)) }
                }
            }
        }
    }
}

pub fn page(shell: &PageShell<'_>, view: &ListView) -> Markup {
    let t = shell.t;
    let styles = priority_styles(view.items.iter().map(|i| i.priority_color.as_str()));
    let content = html! {
        @if !styles.is_empty() {
            style nonce=(shell.csp_nonce) { (styles) }
        }
        div.page-heading {
            h1 { (t.tr(msg::HEADING)) }
            @if view.can_create {
                a.btn.btn--primary href=(super::NEW_PATH) { (t.tr(msg::NEW)) }
            }
        }
        p.page-intro { (t.tr(msg::INTRO)) }
        (filter_form(t, view))
        p.result-count role="status" { (t.tr_count(msg::COUNT, &[("count", view.total)])) }
        @if view.items.is_empty() {
            p.empty-state { (t.tr(msg::EMPTY)) }
        } @else {
            div.table-scroll {
                table.table.tickets {
                    thead { tr {
                        (sort_header(view, &t.tr(msg::COL_NUMBER), "number"))
                        (sort_header(view, &t.tr(msg::COL_TITLE), "title"))
                        (sort_header(view, &t.tr(msg::COL_STATUS), "status"))
                        (sort_header(view, &t.tr(msg::COL_PRIORITY), "priority"))
                        th scope="col" { (t.tr(msg::COL_CATEGORY)) }
                        th scope="col" { (t.tr(msg::COL_CONTACT)) }
                        (sort_header(view, &t.tr(msg::COL_DUE), "due"))
                        (sort_header(view, &t.tr(msg::COL_UPDATED), "updated"))
                    } }
                    tbody {
                        @for item in &view.items {
                            tr {
                                td { a href=(ticket_path(&item.number)) { (item.number) } }
                                td {
                                    a href=(ticket_path(&item.number)) { (item.title) }
                                    " " (response_badge(t, item.response_state.as_deref()))
                                    (due_badge(t, item.due_at, item.is_closed, view.now))
                                }
                                td { (item.status) }
                                td { (priority_label(&item.priority, &item.priority_color)) }
                                td { (item.category.as_deref().unwrap_or("—")) }
                                td { (item.contact.as_deref().unwrap_or("—")) }
                                td { @if let Some(due) = item.due_at { (instant_time(t, due)) } @else { "—" } }
                                td { (instant_time(t, item.updated_at)) }
                            }
                        }
                    }
                }
            }
        }
        (pagination(t, view))
    };
    layout::page(shell, content)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locales;
    use crate::test_support::*;
    use crate::theme::Branding;

    fn sample_time() -> DateTime<Utc> {
        at(2026, 11, 27, 13, 5).unwrap_or_default()
    }

    fn view(items: Vec<ListItem>) -> ListView {
        ListView {
            items,
            total: 60,
            page: 2,
            page_count: 3,
            filter: FilterValues {
                status: "open".into(),
                q: "printer".into(),
                sort: "updated".into(),
                dir: "desc".into(),
                ..FilterValues::default()
            },
            query: vec![("q".into(), "printer & co".into())],
            statuses: vec![ChoiceOption {
                value: "s1".into(),
                label: EVIL.into(),
                group: Some("Board".into()),
            }],
            priorities: vec![],
            categories: vec![],
            can_create: true,
            now: sample_time(),
        }
    }

    fn item() -> ListItem {
        ListItem {
            number: "TIC-1".into(),
            title: EVIL.into(),
            status: "New".into(),
            is_closed: false,
            priority: "High".into(),
            priority_color: "#ff0000".into(),
            category: None,
            contact: Some("Ada".into()),
            response_state: Some("awaiting_client".into()),
            updated_at: sample_time(),
            due_at: Some(sample_time() - chrono::Duration::hours(1)),
        }
    }

    #[test]
    fn list_escapes_and_keeps_the_filter_in_links() -> TestResult {
        let locales = Locales::load()?;
        let branding = Branding::default_portal();
        let html = page(
            &shell(locales.translator("en"), &branding, None),
            &view(vec![item()]),
        )
        .into_string();
        assert_escaped(&html);
        assert_no_raw_ids(&html);
        assert!(
            html.contains("href=\"/client-portal/tickets?q=printer+%26+co&amp;page=3\""),
            "{html}"
        );
        assert!(
            html.contains("href=\"/client-portal/tickets?q=printer+%26+co\""),
            "{html}"
        );
        assert!(html.contains("Awaiting your reply"), "{html}");
        assert!(html.contains("Overdue"), "{html}");
        assert!(html.contains(".prio-ff0000{background:#ff0000}"), "{html}");
        // "Clear filter" on the light page, not a header ghost button.
        assert_card_buttons(&html, 1);
        Ok(())
    }

    #[test]
    fn empty_list_says_so() -> TestResult {
        let locales = Locales::load()?;
        let mut v = view(vec![]);
        v.total = 0;
        v.page = 1;
        v.page_count = 1;
        let branding = Branding::default_portal();
        let html = page(&shell(locales.translator("en"), &branding, None), &v).into_string();
        assert!(html.contains("No tickets match"), "{html}");
        assert!(!html.contains("pagination"), "{html}");
        Ok(())
    }
}
