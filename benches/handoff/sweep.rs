//! Bulk insert: one `INSERT … SELECT` over a generated series per chunk, one transaction each.
//! `token_hash` is 64 hex-like characters, random first (like a SHA-256, so index inserts and
//! deletes land all over the B-tree) and unique by its 10-digit row number at the end.

use crate::*;

pub(crate) const SQLITE_BULK: &str = "WITH RECURSIVE seq(n) AS (SELECT $1 UNION ALL SELECT n + 1 FROM seq WHERE n + 1 < $2) \
     INSERT INTO portal_domain_session_otts (tenant, token_hash, domain, user_id, user_snapshot, \
     return_path, auth_method, created_at, expires_at, consumed_at) \
     SELECT $3, lower(hex(randomblob(27))) || printf('%010d', n), $4, $5, $6, $7, 'password', $8, $9, NULL \
     FROM seq";

pub(crate) const POSTGRES_BULK: &str = "INSERT INTO portal_domain_session_otts (tenant, token_hash, domain, user_id, \
     user_snapshot, return_path, auth_method, created_at, expires_at, consumed_at) \
     SELECT $3, md5(random()::text) || substr(md5(random()::text), 1, 22) || lpad(n::text, 10, '0'), \
     $4, $5, $6, $7, 'password', $8, $9, NULL FROM generate_series($1::bigint, $2::bigint - 1) AS n";

/// Inserts `rows` expired tokens of the first bench user; returns the count, the time it took
/// and their common `expires_at`.
pub(crate) async fn bulk_insert(
    db: &Db,
    server: &Server,
    rows: u64,
    handoff: &Addr<Handoff>,
) -> anyhow::Result<(u64, Duration, DateTime<Utc>)> {
    let user = server.booted.users.first().context("no bench user")?;
    let snapshot = serde_json::to_string(user)?;
    let created = portal_actors::Clock::now(&portal_actors::SystemClock) - BULK_AGE;
    let expires = created + BULK_TTL;
    let sql = match db.backend() {
        Backend::Sqlite => SQLITE_BULK,
        Backend::Postgres => POSTGRES_BULK,
    };
    rearm(handoff).await?;
    let mut rearmed = Instant::now();
    let started = Instant::now();
    let mut inserted = 0u64;
    let mut from = 0u64;
    while from < rows {
        let to = (from + INSERT_CHUNK).min(rows);
        let (a, b) = (i64::try_from(from)?, i64::try_from(to)?);
        let mut tx = db.begin().await?;
        inserted += portal_actors::execute!(
            tx.exec(),
            sql,
            a,
            b,
            user.tenant,
            server.booted.domain.as_str(),
            user.user_id,
            snapshot.as_str(),
            RETURN_PATH,
            created,
            expires
        )
        .context("bulk insert failed")?;
        tx.commit().await?;
        from = to;
        if rearmed.elapsed() >= REARM_EVERY {
            rearm(handoff).await?;
            rearmed = Instant::now();
            eprintln!(
                "  {inserted} rows after {:.1} s",
                started.elapsed().as_secs_f64()
            );
        }
    }
    Ok((inserted, started.elapsed(), expires))
}

/// Restarts the handoff actor through its supervisor, which re-arms its 60 s sweep timer.
pub(crate) async fn rearm(handoff: &Addr<Handoff>) -> anyhow::Result<()> {
    handoff
        .send(Restart)
        .await
        .context("the handoff actor did not take the restart")?
        .context("the handoff actor failed to restart")?;
    Ok(())
}

/// Bulk tokens still in the table (expired no later than they did, never consumed).
pub(crate) async fn count_bulk_left(db: &Db, bulk_expires: DateTime<Utc>) -> anyhow::Result<i64> {
    Ok(portal_actors::fetch_one_scalar!(
        db.exec(),
        i64,
        "SELECT COUNT(*) FROM portal_domain_session_otts \
         WHERE consumed_at IS NULL AND expires_at <= $1",
        bulk_expires
    )?)
}
