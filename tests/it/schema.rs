//! Both backends' migrations produce the same tables, columns and nullability.

use std::collections::BTreeSet;

use portal_actors::Db;

use crate::helpers::{database_url, missing, Backend};

type Columns = BTreeSet<(String, String, bool)>;

async fn columns(db: &Db) -> Columns {
    let rows: Vec<(String, String, bool)> = match db {
        Db::Sqlite(pool) => sqlx::query_as(
            "SELECT m.name, p.name, p.\"notnull\" = 0 FROM sqlite_master m \
             JOIN pragma_table_info(m.name) p \
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '_sqlx%'",
        )
        .fetch_all(pool)
        .await
        .unwrap(),
        Db::Postgres(pool) => sqlx::query_as(
            "SELECT table_name::text, column_name::text, is_nullable = 'YES' FROM information_schema.columns \
             WHERE table_schema = 'public' AND table_name NOT LIKE '\\_sqlx%'",
        )
        .fetch_all(pool)
        .await
        .unwrap(),
    };
    rows.into_iter().collect()
}

#[actix_web::test]
async fn sqlite_and_postgres_schemas_match() {
    if !std::env::var("PORTAL_TEST_BACKEND").is_ok_and(|b| b == "postgres")
        && crate::pg::cluster().is_err()
    {
        missing("postgresql", "needed to compare the two schemas");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let sqlite = Db::connect(&database_url(dir.path(), Backend::Sqlite).await.unwrap(), 2)
        .await
        .unwrap();
    let Some(pg_url) = database_url(dir.path(), Backend::Postgres).await else {
        return;
    };
    let postgres = Db::connect(&pg_url, 2).await.unwrap();
    sqlite.migrate().await.unwrap();
    postgres.migrate().await.unwrap();
    let (a, b) = (columns(&sqlite).await, columns(&postgres).await);
    assert!(a.len() > 40, "{a:?}");
    let only_sqlite: Vec<_> = a.difference(&b).collect();
    let only_postgres: Vec<_> = b.difference(&a).collect();
    assert!(
        only_sqlite.is_empty() && only_postgres.is_empty(),
        "only in SQLite: {only_sqlite:?}\nonly in PostgreSQL: {only_postgres:?}"
    );
    // Every tenant-owned table leads its primary key with `tenant`.
    if let Db::Postgres(pool) = &postgres {
        let leading: Vec<(String, String)> = sqlx::query_as(
            "SELECT tc.table_name::text, kcu.column_name::text FROM information_schema.table_constraints tc \
             JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name \
             AND kcu.table_schema = tc.table_schema \
             WHERE tc.constraint_type = 'PRIMARY KEY' AND tc.table_schema = 'public' AND kcu.ordinal_position = 1 \
             AND tc.table_name NOT LIKE '\\_sqlx%'",
        )
        .fetch_all(pool)
        .await
        .unwrap();
        assert!(leading.len() >= 12);
        // Operators' actions are global (maintenance of no tenant, too): a reference table.
        const GLOBAL: [&str; 1] = ["admin_actions"];
        for (table, column) in leading {
            if GLOBAL.contains(&table.as_str()) {
                continue;
            }
            assert_eq!(column, "tenant", "{table}");
        }
    }
}

/// A transaction that reads, then writes, succeeds although another connection committed a
/// write in between (SQLite: a deferred `BEGIN` would fail its write with a busy snapshot,
/// which no busy timeout waits out; the transaction must take the write lock up front).
#[actix_web::test]
async fn a_transaction_that_reads_then_writes_survives_a_concurrent_commit() {
    let dir = tempfile::tempdir().unwrap();
    let backend = crate::helpers::backend();
    let Some(url) = database_url(dir.path(), backend).await else {
        return;
    };
    let db = Db::connect(&url, 4).await.unwrap();
    db.migrate().await.unwrap();
    portal_actors::execute!(
        db.exec(),
        "CREATE TABLE race_counter (id BIGINT PRIMARY KEY, n BIGINT NOT NULL)"
    )
    .unwrap();
    portal_actors::execute!(db.exec(), "INSERT INTO race_counter (id, n) VALUES (1, 0)").unwrap();

    let reader_writer = {
        let db = db.clone();
        tokio::spawn(async move {
            let mut tx = db.begin().await?;
            let n = portal_actors::fetch_one_scalar!(
                tx.exec(),
                i64,
                "SELECT n FROM race_counter WHERE id = 1"
            )?;
            tokio::time::sleep(std::time::Duration::from_millis(300)).await;
            portal_actors::execute!(
                tx.exec(),
                "UPDATE race_counter SET n = $1 WHERE id = 1",
                n + 10
            )?;
            tx.commit().await?;
            Ok::<_, portal_actors::db::DbError>(())
        })
    };
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    let other =
        portal_actors::execute!(db.exec(), "UPDATE race_counter SET n = n + 1 WHERE id = 1");
    let first = reader_writer.await.unwrap();
    first.expect("the read-then-write transaction commits");
    other.expect("the other writer waits its turn, then commits");
    let n =
        portal_actors::fetch_one_scalar!(db.exec(), i64, "SELECT n FROM race_counter WHERE id = 1")
            .unwrap();
    if backend == crate::helpers::Backend::Sqlite {
        assert_eq!(n, 11, "both writes applied, in order");
    }
}
