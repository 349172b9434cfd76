//! The operators' audit trail: `GET /admin/audit` (JSON pages, newest first, with a cursor) and
//! `GET /admin/audit.csv` (the same filters; streamed in pages, so an export of any size holds
//! only one page in memory). Buffered events are flushed first so that what was just recorded
//! shows.

use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::{DateTime, SecondsFormat, TimeZone, Utc};
use futures_util::stream;
use portal_actors::admin::audit_trail::{search_audit, AuditCursor, AuditEntry, AuditFilter};
use portal_actors::admin::tenants::find_tenant;
use portal_actors::audit::FlushAudit;
use portal_actors::Db;
use serde::Deserialize;
use serde_json::json;
use uuid::Uuid;

use crate::app::AppState;
use crate::errors::ApiError;

/// Events per JSON page unless `limit` says otherwise.
pub const DEFAULT_LIMIT: u64 = 100;
/// Largest JSON page.
pub const MAX_LIMIT: u64 = 1000;
/// Rows fetched per query while streaming the CSV export.
pub const CSV_PAGE: u64 = 500;
/// Longest `event_type` / `outcome` filter.
const MAX_WORD_LEN: usize = 64;
/// Longest `email` filter.
const MAX_EMAIL_LEN: usize = 320;
const CSV_HEADER: &str =
    "occurred_at,tenant,event_type,outcome,reason,user_id,email,ip,user_agent,details\r\n";

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditQuery {
    tenant: Option<String>,
    event_type: Option<String>,
    outcome: Option<String>,
    user_id: Option<String>,
    email: Option<String>,
    since: Option<String>,
    until: Option<String>,
    limit: Option<String>,
    cursor: Option<String>,
}

/// A filter the operator got wrong: which one, and why.
#[derive(Debug)]
pub(crate) struct InvalidFilter {
    field: &'static str,
    message: String,
}

impl InvalidFilter {
    fn new(field: &'static str, message: impl Into<String>) -> Self {
        Self {
            field,
            message: message.into(),
        }
    }
}

/// `400 {"error": "invalid_filter", "field", "message"}`.
impl From<InvalidFilter> for ApiError {
    fn from(e: InvalidFilter) -> Self {
        ApiError::bad_request("invalid_filter")
            .with_field(e.field)
            .with_message(e.message)
    }
}

/// The parsed request: what to match, and how many rows (`None`: all, CSV only).
struct Parsed {
    filter: AuditFilter,
    limit: Option<u64>,
}

fn non_empty(value: Option<&String>) -> Option<&str> {
    value.map(|v| v.trim()).filter(|v| !v.is_empty())
}

pub(crate) fn word(
    field: &'static str,
    value: Option<&String>,
) -> Result<Option<String>, InvalidFilter> {
    let Some(value) = non_empty(value) else {
        return Ok(None);
    };
    let ok = value.len() <= MAX_WORD_LEN
        && value
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !ok {
        return Err(InvalidFilter::new(
            field,
            "use lowercase letters, digits and _ only",
        ));
    }
    Ok(Some(value.to_owned()))
}

pub(crate) fn time(
    field: &'static str,
    value: Option<&String>,
) -> Result<Option<DateTime<Utc>>, InvalidFilter> {
    non_empty(value)
        .map(|v| {
            DateTime::parse_from_rfc3339(v)
                .map(|t| t.with_timezone(&Utc))
                .map_err(|_| {
                    InvalidFilter::new(
                        field,
                        "expected an RFC 3339 time, e.g. 2025-01-31T08:00:00Z",
                    )
                })
        })
        .transpose()
}

/// `secs.nanos_uuid`: URL-safe and exact (the next page starts strictly after it).
fn encode_cursor(entry: &AuditEntry) -> String {
    format!(
        "{}.{:09}_{}",
        entry.occurred_at.timestamp(),
        entry.occurred_at.timestamp_subsec_nanos(),
        entry.event_id
    )
}

pub(crate) fn decode_cursor(raw: &str) -> Option<AuditCursor> {
    let (time, id) = raw.split_once('_')?;
    let (secs, nanos) = time.split_once('.')?;
    let occurred_at = Utc
        .timestamp_opt(secs.parse().ok()?, nanos.parse().ok()?)
        .single()?;
    Some(AuditCursor {
        occurred_at,
        event_id: Uuid::parse_str(id).ok()?,
    })
}

/// The tenant filter (id or slug) as the tenant's id.
async fn tenant_filter(state: &AppState, key: Option<&String>) -> Result<Option<Uuid>, ApiError> {
    let Some(key) = non_empty(key) else {
        return Ok(None);
    };
    match find_tenant(&state.services.db, key).await? {
        Some(tenant) => Ok(Some(tenant.id)),
        None => Err(InvalidFilter::new("tenant", "no tenant has this id or slug").into()),
    }
}

fn user_id_filter(value: Option<&String>) -> Result<Option<Uuid>, InvalidFilter> {
    non_empty(value)
        .map(|v| Uuid::parse_str(v).map_err(|_| InvalidFilter::new("user_id", "expected a UUID")))
        .transpose()
}

fn email_filter(value: Option<&String>) -> Result<Option<String>, InvalidFilter> {
    match non_empty(value) {
        Some(v) if v.chars().count() > MAX_EMAIL_LEN => {
            Err(InvalidFilter::new("email", "too long"))
        }
        v => Ok(v.map(str::to_lowercase)),
    }
}

/// `since` and `until`, when given.
type Period = (Option<DateTime<Utc>>, Option<DateTime<Utc>>);

/// `since` and `until`, the first before the second.
fn period(query: &AuditQuery) -> Result<Period, InvalidFilter> {
    let since = time("since", query.since.as_ref())?;
    let until = time("until", query.until.as_ref())?;
    if let (Some(since), Some(until)) = (since, until) {
        if since >= until {
            return Err(InvalidFilter::new("until", "must be after since"));
        }
    }
    Ok((since, until))
}

/// Rows wanted: `limit`, else the default page for JSON (`max_limit` set) or all for CSV.
fn limit_filter(
    value: Option<&String>,
    max_limit: Option<u64>,
) -> Result<Option<u64>, InvalidFilter> {
    let Some(v) = non_empty(value) else {
        return Ok(max_limit.map(|_| DEFAULT_LIMIT));
    };
    let n: u64 = v
        .parse()
        .ok()
        .filter(|n| *n >= 1)
        .ok_or_else(|| InvalidFilter::new("limit", "expected a positive whole number"))?;
    if max_limit.is_some_and(|max| n > max) {
        return Err(InvalidFilter::new("limit", format!("at most {MAX_LIMIT}")));
    }
    Ok(Some(n))
}

fn cursor_filter(value: Option<&String>) -> Result<Option<AuditCursor>, InvalidFilter> {
    non_empty(value)
        .map(|v| {
            decode_cursor(v)
                .ok_or_else(|| InvalidFilter::new("cursor", "not a cursor from a previous page"))
        })
        .transpose()
}

/// Reads the filters in a fixed order, so the first wrong one is the one reported.
async fn parse(
    state: &AppState,
    req: &HttpRequest,
    max_limit: Option<u64>,
) -> Result<Parsed, ApiError> {
    let query = web::Query::<AuditQuery>::from_query(req.query_string())
        .map_err(|e| InvalidFilter::new("query", e.to_string()))?
        .into_inner();
    let tenant = tenant_filter(state, query.tenant.as_ref()).await?;
    let user_id = user_id_filter(query.user_id.as_ref())?;
    let email = email_filter(query.email.as_ref())?;
    let (since, until) = period(&query)?;
    let limit = limit_filter(query.limit.as_ref(), max_limit)?;
    let after = cursor_filter(query.cursor.as_ref())?;
    let filter = AuditFilter {
        tenant,
        event_type: word("event_type", query.event_type.as_ref())?,
        outcome: word("outcome", query.outcome.as_ref())?,
        user_id,
        email,
        since,
        until,
        after,
    };
    Ok(Parsed { filter, limit })
}

/// Writes what the Audit actor buffers, so the read sees it; a failure is logged, not fatal.
async fn flush(state: &AppState) {
    match state.services.audit.send(FlushAudit).await {
        Ok(Ok(_)) => {}
        Ok(Err(e)) => tracing::warn!(error = %e, "audit flush before read failed"),
        Err(e) => tracing::warn!(error = %e, "audit flush before read failed"),
    }
}

fn page_size(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// `GET /admin/audit`: `{events, next_cursor}`; pass `cursor=next_cursor` for the next page.
#[tracing::instrument(skip_all)]
pub async fn list_audit_events(
    state: web::Data<AppState>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let parsed = parse(&state, &req, Some(MAX_LIMIT)).await?;
    flush(&state).await;
    let limit = parsed.limit.unwrap_or(DEFAULT_LIMIT);
    // One row more than asked tells whether another page exists.
    let size = page_size(limit.saturating_add(1));
    let mut events = search_audit(&state.services.db, &parsed.filter, size).await?;
    let more = events.len() as u64 > limit;
    events.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    let next_cursor = more.then(|| events.last().map(encode_cursor)).flatten();
    Ok(HttpResponse::Ok().json(json!({ "events": events, "next_cursor": next_cursor })))
}

/// `GET /admin/audit.csv`: every matching event (or `limit` of them), streamed page by page.
#[tracing::instrument(skip_all)]
pub async fn export_audit_csv(
    state: web::Data<AppState>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let parsed = parse(&state, &req, None).await?;
    flush(&state).await;
    // The first page is read before answering, so an unreachable database is a clean 503.
    let db = state.services.db.clone();
    let first_size = parsed.limit.map_or(CSV_PAGE, |l| l.min(CSV_PAGE));
    let first = search_audit(&db, &parsed.filter, page_size(first_size)).await?;
    let mut body = String::from(CSV_HEADER);
    append_rows(&mut body, &first);
    let rest = stream::unfold(
        CsvState::after_first(db, parsed, &first, first_size),
        next_csv_chunk,
    );
    let head = stream::once(async move { Ok::<_, portal_actors::DbError>(web::Bytes::from(body)) });
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "text/csv; charset=utf-8"))
        .insert_header((
            header::CONTENT_DISPOSITION,
            "attachment; filename=\"audit.csv\"",
        ))
        .streaming(futures_util::StreamExt::chain(head, rest)))
}

struct CsvState {
    db: Db,
    filter: AuditFilter,
    /// Rows still wanted (`None`: all).
    remaining: Option<u64>,
    done: bool,
}

impl CsvState {
    /// Where the stream goes on after the first page (already read, `first_size` asked).
    fn after_first(db: Db, parsed: Parsed, first: &[AuditEntry], first_size: u64) -> Self {
        CsvState {
            db,
            filter: AuditFilter {
                after: first.last().map(|e| AuditCursor {
                    occurred_at: e.occurred_at,
                    event_id: e.event_id,
                }),
                ..parsed.filter
            },
            remaining: parsed.limit.map(|l| l.saturating_sub(first.len() as u64)),
            done: (first.len() as u64) < first_size,
        }
    }
}

/// Reads the next page after the cursor; ends after a short page, the limit, or an error.
async fn next_csv_chunk(
    mut state: CsvState,
) -> Option<(Result<web::Bytes, portal_actors::DbError>, CsvState)> {
    if state.done || state.remaining == Some(0) {
        return None;
    }
    let size = state.remaining.map_or(CSV_PAGE, |r| r.min(CSV_PAGE));
    match search_audit(&state.db, &state.filter, page_size(size)).await {
        Ok(rows) => {
            state.done = (rows.len() as u64) < size;
            state.remaining = state.remaining.map(|r| r.saturating_sub(rows.len() as u64));
            let last = rows.last()?;
            state.filter.after = Some(AuditCursor {
                occurred_at: last.occurred_at,
                event_id: last.event_id,
            });
            let mut chunk = String::new();
            append_rows(&mut chunk, &rows);
            Some((Ok(web::Bytes::from(chunk)), state))
        }
        Err(e) => {
            // The status is sent already: cutting the body short is the only signal left.
            tracing::error!(error = %e, "audit export stopped early");
            state.done = true;
            Some((Err(e), state))
        }
    }
}

fn append_rows(out: &mut String, rows: &[AuditEntry]) {
    for e in rows {
        let user_id = e.user_id.map(|u| u.to_string());
        let cells = [
            Some(e.occurred_at.to_rfc3339_opts(SecondsFormat::Micros, true)),
            Some(e.tenant_slug.clone()),
            Some(e.event_type.clone()),
            Some(e.outcome.clone()),
            e.reason.clone(),
            user_id,
            e.email.clone(),
            e.ip.clone(),
            e.user_agent.clone(),
            e.details.clone(),
        ];
        let line: Vec<String> = cells
            .iter()
            .map(|c| csv_cell(c.as_deref().unwrap_or("")))
            .collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
}

/// One CSV field (RFC 4180): quoted when it holds a comma, quote or line break; a cell a
/// spreadsheet would run as a formula (`= + - @`, tab, CR first) gets a leading `'`.
fn csv_cell(value: &str) -> String {
    let defused = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    if defused.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", defused.replace('"', "\"\""))
    } else {
        defused
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_are_quoted_and_formulas_defused() {
        assert_eq!(csv_cell("plain"), "plain");
        assert_eq!(csv_cell(""), "");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv_cell("=1+1"), "'=1+1");
        assert_eq!(csv_cell("+1"), "'+1");
        assert_eq!(csv_cell("-1"), "'-1");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(
            csv_cell("=HYPERLINK(\"x\",\"y\")"),
            "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\""
        );
        assert_eq!(csv_cell("a=b"), "a=b");
    }

    #[test]
    fn cursors_round_trip_and_refuse_junk() {
        let at = Utc.timestamp_opt(1_700_000_000, 123_456_789).single();
        let entry = AuditEntry {
            tenant: Uuid::nil(),
            tenant_slug: "acme".into(),
            event_id: Uuid::new_v4(),
            occurred_at: at.unwrap_or_default(),
            event_type: "sign_in".into(),
            outcome: "success".into(),
            reason: None,
            user_id: None,
            email: None,
            ip: None,
            user_agent: None,
            details: None,
        };
        let cursor = decode_cursor(&encode_cursor(&entry));
        assert_eq!(
            cursor,
            Some(AuditCursor {
                occurred_at: entry.occurred_at,
                event_id: entry.event_id
            })
        );
        for junk in [
            "",
            "x",
            "1.2",
            "1.2_notauuid",
            "a.b_00000000-0000-0000-0000-000000000000",
        ] {
            assert_eq!(decode_cursor(junk), None, "{junk}");
        }
    }
}
