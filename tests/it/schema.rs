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
        for (table, column) in leading {
            assert_eq!(column, "tenant", "{table}");
        }
    }
}
