//! The query plans of the list page's SQL (`store::tickets::list_query` and `count_query`,
//! exactly what `TenantData` runs) for the measured filters, and a check that the tickets table
//! is reached through one of its indexes: SQLite `EXPLAIN QUERY PLAN` must show `SEARCH t USING
//! [COVERING] INDEX tickets_…` and no `SCAN t` (of the table or of a whole index); PostgreSQL
//! `EXPLAIN (ANALYZE, BUFFERS)`, of the custom plan and of the generic one, must show an Index /
//! Index Only / Bitmap Index Scan on a tickets index and no `Seq Scan on tickets`.

use anyhow::Context as _;
use portal_actors::db::{Arg, Db};
use portal_actors::store::tickets as store;
use portal_actors::tickets::TicketFilter;
use sqlx::Row as _;
use uuid::Uuid;

/// One checked plan.
pub struct PlanCheck {
    pub label: String,
    pub pass: bool,
    /// Why it passed or failed, in a few words.
    pub verdict: String,
    pub plan: Vec<String>,
}

/// Binds `Arg`s to a query on either backend.
macro_rules! bind_args {
    ($query:expr, $args:expr) => {{
        let mut query = $query;
        for arg in $args {
            query = match arg {
                Arg::Uuid(v) => query.bind(*v),
                Arg::Text(v) => query.bind(v.clone()),
                Arg::Int(v) => query.bind(*v),
                Arg::Date(v) => query.bind(*v),
            };
        }
        query
    }};
}

/// Explains the list and count queries of each `(label, filter)` for the bench user of `tenant`.
pub async fn check(
    db: &Db,
    tenant: Uuid,
    user_id: Uuid,
    filters: &[(String, TicketFilter)],
) -> anyhow::Result<Vec<PlanCheck>> {
    let viewer = store::viewer(db, tenant, user_id)
        .await?
        .context("the bench user has no ticket viewer")?;
    let mut checks = Vec::new();
    for (label, filter) in filters {
        for (kind, (sql, args)) in [
            ("list", store::list_query(tenant, &viewer, filter)),
            ("count", store::count_query(tenant, &viewer, filter)),
        ] {
            let plan = explain(db, &sql, &args).await?;
            let (pass, verdict) = match db {
                Db::Sqlite(_) => judge_sqlite(&plan),
                Db::Postgres(_) => judge_postgres(&plan),
            };
            checks.push(PlanCheck {
                label: format!("{kind} {label}"),
                pass,
                verdict,
                plan,
            });
            if let Db::Postgres(pool) = db {
                let plan = explain_generic(pool, &sql, &args).await?;
                let (pass, verdict) = judge_postgres(&plan);
                checks.push(PlanCheck {
                    label: format!("{kind} {label} (generic plan)"),
                    pass,
                    verdict,
                    plan,
                });
            }
        }
    }
    Ok(checks)
}

async fn explain(db: &Db, sql: &str, args: &[Arg]) -> anyhow::Result<Vec<String>> {
    Ok(match db {
        Db::Sqlite(pool) => {
            let explain = format!("EXPLAIN QUERY PLAN {sql}");
            let rows = bind_args!(sqlx::query(&explain), args)
                .fetch_all(pool)
                .await?;
            // (id, parent, detail) rows: indent each under its parent.
            let mut depth: Vec<(i64, usize)> = Vec::new();
            let mut lines = Vec::new();
            for row in rows {
                let (id, parent, detail): (i64, i64, String) =
                    (row.try_get(0)?, row.try_get(1)?, row.try_get(3)?);
                let d = depth
                    .iter()
                    .find(|(i, _)| *i == parent)
                    .map_or(0, |(_, d)| d + 1);
                depth.push((id, d));
                lines.push(format!("{}{detail}", "  ".repeat(d)));
            }
            lines
        }
        Db::Postgres(pool) => {
            let explain = format!("EXPLAIN (ANALYZE, BUFFERS) {sql}");
            // Twice: the second run shows warm-cache timings, as under load.
            bind_args!(sqlx::query(&explain), args)
                .fetch_all(pool)
                .await?;
            bind_args!(sqlx::query(&explain), args)
                .fetch_all(pool)
                .await?
                .iter()
                .map(|row| row.try_get::<String, _>(0))
                .collect::<Result<_, _>>()?
        }
    })
}

/// The plan PostgreSQL caches for a prepared statement after its first five runs on a
/// connection when it is not costlier than the custom ones (sqlx prepares every query): the
/// plan for unknown `$n`, made with `plan_cache_mode = force_generic_plan`.
async fn explain_generic(
    pool: &sqlx::PgPool,
    sql: &str,
    args: &[Arg],
) -> anyhow::Result<Vec<String>> {
    let literals: Vec<String> = args
        .iter()
        .map(|a| match a {
            Arg::Uuid(v) => format!("'{v}'"),
            Arg::Text(v) => format!("'{}'", v.replace('\'', "''")),
            Arg::Int(v) => v.to_string(),
            Arg::Date(v) => format!("'{v}'"),
        })
        .collect();
    let mut conn = pool.acquire().await?;
    sqlx::raw_sql(&format!("PREPARE bench_list AS {sql}"))
        .execute(&mut *conn)
        .await?;
    sqlx::raw_sql("SET plan_cache_mode = force_generic_plan")
        .execute(&mut *conn)
        .await?;
    let explain = format!(
        "EXPLAIN (ANALYZE, BUFFERS) EXECUTE bench_list({})",
        literals.join(", ")
    );
    let mut plan = Vec::new();
    for _ in 0..2 {
        plan = sqlx::raw_sql(&explain)
            .fetch_all(&mut *conn)
            .await?
            .iter()
            .map(|row| row.try_get::<String, _>(0))
            .collect::<Result<_, _>>()?;
    }
    sqlx::raw_sql("RESET plan_cache_mode; DEALLOCATE bench_list")
        .execute(&mut *conn)
        .await?;
    Ok(plan)
}

/// `tickets` is aliased `t` in the list and count queries.
fn judge_sqlite(plan: &[String]) -> (bool, String) {
    let on_tickets: Vec<&str> = plan
        .iter()
        .map(|l| l.trim())
        .filter(|l| l.starts_with("SCAN t ") || l == &"SCAN t" || l.starts_with("SEARCH t "))
        .collect();
    // `SCAN t USING INDEX …` walks a whole index (every tenant): as bad as a table scan.
    if let Some(bare) = on_tickets.iter().find(|l| {
        l.starts_with("SCAN")
                // A list index, or the primary key (`sqlite_autoindex_tickets_1`) looked up by
                // (tenant, ticket_id) for the rows of the page.
                || !(l.contains("INDEX tickets_")
                    || l.contains("INDEX sqlite_autoindex_tickets_1 (tenant=? AND ticket_id=?)"))
    }) {
        return (
            false,
            format!("tickets not searched through an index: `{bare}`"),
        );
    }
    match on_tickets.first() {
        Some(line) => (true, (*line).to_owned()),
        None => (false, "the plan never names tickets (t)".into()),
    }
}

fn judge_postgres(plan: &[String]) -> (bool, String) {
    if let Some(seq) = plan.iter().find(|l| l.contains("Seq Scan on tickets")) {
        return (false, format!("`{}`", seq.trim()));
    }
    // `Index [Only] Scan [Backward] using tickets_… on tickets t` or `Bitmap Index Scan on tickets_…`.
    let index = plan.iter().map(|l| l.trim()).find(|l| {
        l.contains("Index")
            && l.contains("Scan")
            && (l.contains(" on tickets ") || l.contains("Bitmap Index Scan on tickets_"))
    });
    match index {
        Some(line) => (
            true,
            line.split("  (")
                .next()
                .unwrap_or(line)
                .trim_start_matches("-> ")
                .to_owned(),
        ),
        None => (false, "no index scan on tickets".into()),
    }
}

/// The execution time PostgreSQL reports at the end of an `EXPLAIN ANALYZE`.
pub fn execution_time(plan: &[String]) -> Option<&str> {
    plan.iter()
        .find_map(|l| l.trim().strip_prefix("Execution Time: "))
}
