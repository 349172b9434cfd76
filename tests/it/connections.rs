//! A portal that stops (its actix system gone, as at the end of a test or of the process's
//! runtime) leaves no database connection behind: the revocation listener's dedicated
//! connection used to be leaked (forgotten rather than dropped), so each stopped instance kept one
//! `LISTEN` session open on the server for good.

use std::time::{Duration, Instant};

use portal_actors::db::Arg;
use portal_actors::sessions::listener::APPLICATION_NAME;
use portal_actors::Db;

use crate::helpers::*;

async fn listeners(db: &Db) -> i64 {
    db.fetch_count_with(
        "SELECT COUNT(*) FROM pg_stat_activity \
         WHERE datname = current_database() AND application_name = $1",
        &[Arg::Text(APPLICATION_NAME.to_owned())],
    )
    .await
    .unwrap()
}

#[test]
fn a_stopped_portal_leaves_no_listener_connection_open() {
    if backend() != Backend::Postgres {
        return;
    }
    // One portal in an actix system of its own, dropped once its listener is connected.
    let url = std::thread::spawn(|| {
        actix_rt::System::new().block_on(async {
            let app = spawn_app().await?;
            let deadline = Instant::now() + Duration::from_secs(10);
            while listeners(&app.db).await < 1 {
                assert!(Instant::now() < deadline, "the listener never connected");
                actix_rt::time::sleep(Duration::from_millis(50)).await;
            }
            Some(app.database_url.clone())
        })
    })
    .join()
    .unwrap();
    let Some(url) = url else { return };
    actix_rt::System::new().block_on(async {
        let db = Db::connect(&url, 1).await.unwrap();
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            let open = listeners(&db).await;
            if open == 0 {
                break;
            }
            assert!(
                Instant::now() < deadline,
                "{open} listener connection(s) still open 5 s after the portal stopped"
            );
            actix_rt::time::sleep(Duration::from_millis(100)).await;
        }
    });
}
