//! `/client-portal/projects`: the company's projects with a status filter, search, sorting and
//! pages. The filter is a plain GET form, so every view of the list is a URL.

use chrono::NaiveDate;
use maud::{html, Markup};

use super::{msg, progress, project_path, LIST_PATH};
use crate::components::{date_time, href_with_query, with_pair};
use crate::i18n::Translator;
use crate::layout::{self, PageShell};

/// The filter as the URL holds it (empty strings: not set).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FilterValues {
    pub status: String,
    pub q: String,
    pub sort: String,
    pub dir: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusOption {
    pub value: String,
    pub label: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListItem {
    pub number: String,
    pub name: String,
    pub wbs_code: Option<String>,
    pub status: String,
    pub is_closed: bool,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub tasks_total: i64,
    pub tasks_done: i64,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListView {
    pub items: Vec<ListItem>,
    pub total: i64,
    pub page: i64,
    pub page_count: i64,
    pub filter: FilterValues,
    /// The filter's query pairs without `page`.
    pub query: Vec<(String, String)>,
    pub statuses: Vec<StatusOption>,
}

fn list_href(pairs: &[(String, String)]) -> String {
    href_with_query(LIST_PATH, pairs)
}

fn page_href(view: &ListView, page: i64) -> String {
    list_href(&with_pair(
        &view.query,
        "page",
        (page > 1).then(|| page.to_string()),
    ))
}

fn sort_header(view: &ListView, label: &str, sort: &str) -> Markup {
    let current = view.filter.sort == sort;
    let dir = if current && view.filter.dir == "asc" {
        "desc"
    } else {
        "asc"
    };
    let pairs = with_pair(
        &with_pair(&view.query, "sort", Some(sort.to_owned())),
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

fn filter_form(t: Translator<'_>, view: &ListView) -> Markup {
    let f = &view.filter;
    let status = if f.status.is_empty() {
        "open"
    } else {
        f.status.as_str()
    };
    let fixed = [
        ("open", t.tr(msg::FILTER_OPEN)),
        ("closed", t.tr(msg::FILTER_CLOSED)),
        ("all", t.tr(msg::FILTER_ALL)),
    ];
    let sorts = [
        ("name", t.tr(msg::SORT_NAME)),
        ("number", t.tr(msg::SORT_NUMBER)),
        ("status", t.tr(msg::SORT_STATUS)),
        ("start", t.tr(msg::SORT_START)),
        ("end", t.tr(msg::SORT_END)),
        ("updated", t.tr(msg::SORT_UPDATED)),
    ];
    html! {
        form.filters method="get" action=(LIST_PATH) role="search" {
            fieldset {
                legend.visually-hidden { (t.tr(msg::FILTER_LEGEND)) }
                div.field {
                    label for="filter-status" { (t.tr(msg::FILTER_STATUS)) }
                    select #filter-status name="status" {
                        @for (value, text) in &fixed {
                            option value=(value) selected[status == *value] { (text) }
                        }
                        @for s in &view.statuses {
                            option value=(s.value) selected[status == s.value] { (s.label) }
                        }
                    }
                }
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
                        option value="asc" selected[f.dir == "asc"] { (t.tr(msg::DIR_ASC)) }
                        option value="desc" selected[f.dir == "desc"] { (t.tr(msg::DIR_DESC)) }
                    }
                }
                div.filters__actions {
                    button.btn.btn--primary type="submit" { (t.tr(msg::FILTER_APPLY)) }
                    a.btn.btn--secondary href=(LIST_PATH) { (t.tr(msg::FILTER_CLEAR)) }
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

fn optional_date(t: Translator<'_>, date: Option<NaiveDate>) -> Markup {
    html! { @if let Some(d) = date { (date_time(t, d)) } @else { "—" } }
}

pub fn page(shell: &PageShell<'_>, view: &ListView) -> Markup {
    let t = shell.t;
    let content = html! {
        h1 { (t.tr(msg::HEADING)) }
        p.page-intro { (t.tr(msg::INTRO)) }
        (filter_form(t, view))
        p.result-count role="status" { (t.tr_count(msg::COUNT, &[("count", view.total)])) }
        @if view.items.is_empty() {
            p.empty-state { (t.tr(msg::EMPTY)) }
        } @else {
            div.table-scroll {
                table.table.projects {
                    thead { tr {
                        (sort_header(view, &t.tr(msg::COL_NUMBER), "number"))
                        (sort_header(view, &t.tr(msg::COL_NAME), "name"))
                        (sort_header(view, &t.tr(msg::COL_STATUS), "status"))
                        (sort_header(view, &t.tr(msg::COL_START), "start"))
                        (sort_header(view, &t.tr(msg::COL_END), "end"))
                        th scope="col" { (t.tr(msg::COL_PROGRESS)) }
                    } }
                    tbody {
                        @for item in &view.items {
                            tr {
                                td data-label=(t.tr(msg::COL_NUMBER)) { a href=(project_path(&item.number)) { (item.number) } }
                                td data-label=(t.tr(msg::COL_NAME)) {
                                    a href=(project_path(&item.number)) { (item.name) }
                                    @if let Some(wbs) = &item.wbs_code {
                                        br; span.muted { (t.tr_args(msg::WBS, &[("code", wbs.clone())])) }
                                    }
                                }
                                td data-label=(t.tr(msg::COL_STATUS)) {
                                    (item.status)
                                    @if item.is_closed { " " span.badge.badge--muted { (t.tr(msg::CLOSED_BADGE)) } }
                                }
                                td data-label=(t.tr(msg::COL_START)) { (optional_date(t, item.start_date)) }
                                td data-label=(t.tr(msg::COL_END)) { (optional_date(t, item.end_date)) }
                                td data-label=(t.tr(msg::COL_PROGRESS)) { (progress(t, item.tasks_done, item.tasks_total)) }
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

    #[test]
    fn list_escapes_and_keeps_the_filter_in_links() -> TestResult {
        let locales = Locales::load()?;
        let branding = Branding::default_portal();
        let view = ListView {
            items: vec![ListItem {
                number: "PRJ 1".into(),
                name: EVIL.into(),
                wbs_code: Some("1.2".into()),
                status: "In progress".into(),
                is_closed: false,
                start_date: NaiveDate::from_ymd_opt(2026, 11, 2),
                end_date: None,
                tasks_total: 4,
                tasks_done: 1,
            }],
            total: 60,
            page: 2,
            page_count: 3,
            filter: FilterValues {
                status: "all".into(),
                q: "move & co".into(),
                sort: "name".into(),
                dir: "asc".into(),
            },
            query: vec![
                ("q".into(), "move & co".into()),
                ("status".into(), "all".into()),
            ],
            statuses: vec![StatusOption {
                value: "3f1c".into(),
                label: "On hold".into(),
            }],
        };
        let html = page(&shell(locales.translator("en"), &branding, None), &view).into_string();
        assert_escaped(&html);
        assert_no_raw_ids(&html);
        assert!(
            html.contains("href=\"/client-portal/projects/PRJ%201\""),
            "{html}"
        );
        assert!(
            html.contains(
                "href=\"/client-portal/projects?q=move+%26+co&amp;status=all&amp;page=3\""
            ),
            "{html}"
        );
        assert!(html.contains("1 of 4 tasks done (25%)"), "{html}");
        assert!(html.contains("Nov 2, 2026"), "{html}");
        assert!(html.contains(">On hold</option>"), "{html}");
        assert_card_buttons(&html, 1);
        Ok(())
    }
}
