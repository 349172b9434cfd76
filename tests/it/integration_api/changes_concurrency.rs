//! The directory changes feed under writers that commit out of order: a change committing late
//! is never skipped by a cursor already handed out (PostgreSQL, where a lower `seq` can commit
//! after a higher one was read), and many concurrent writers with a reader polling the feed are
//! all read, once each, in one consistent order (both backends).

use std::cell::Cell;
use std::collections::{HashMap, HashSet};
use std::time::Duration as StdDuration;

use portal_actors::store::directory_changes;

use super::changes::{contact, edit, ids, page, read_on, read_until, PATIENCE};
use super::*;
use crate::helpers::{backend, Backend};

#[actix_web::test]
async fn a_change_committing_late_is_never_skipped_by_the_cursor() {
    if backend() != Backend::Postgres {
        eprintln!(
            "skipped on SQLite (writers are serialized there, seq order is commit order): \
             out-of-order commits"
        );
        return;
    }
    let Some(app) = spawn_app().await else { return };
    let tenant = app.tenant.clone();
    let api = Api::new(&app, &tenant).await;
    // Two contacts: the writers must not wait on each other's row lock.
    let (_, dana) = contact(&app, &tenant, "Acme", "Dana Kim", "dana@acme.example").await;
    let (_, sam) = contact(&app, &tenant, "Acme", "Sam Lee", "sam@acme.example").await;
    let (_, start) = read_on(&api, "", 100).await;

    // Writer 1 records first (the lower seq and transaction id) and stays open.
    let mut w1 = app.db.begin().await.unwrap();
    let first = directory_changes::record(&mut w1, tenant.id, &edit(&app, dana, 1))
        .await
        .unwrap();
    // Writer 2 records after it and commits first.
    let mut w2 = app.db.begin().await.unwrap();
    let second = directory_changes::record(&mut w2, tenant.id, &edit(&app, sam, 2))
        .await
        .unwrap();
    w2.commit().await.unwrap();

    // A feed by `seq` alone would hand out writer 2's row now and skip writer 1's later.
    let (status, body) = page(&api, Some(&start), Some(100)).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        body["changes"],
        json!([]),
        "writer 2's change was handed out while writer 1 (lower seq) was still running"
    );
    let cursor = body["next_cursor"].as_str().unwrap().to_owned();
    assert_eq!(cursor, start);

    // Writer 1 records once more (a seq above writer 2's), then commits.
    let third = directory_changes::record(&mut w1, tenant.id, &edit(&app, dana, 3))
        .await
        .unwrap();
    w1.commit().await.unwrap();

    let (seen, _) = read_until(&api, &cursor, 3).await;
    let seqs: Vec<i64> = seen.iter().map(|c| c["seq"].as_i64().unwrap()).collect();
    assert_eq!(
        ids(&seen),
        vec![first.change_id, third.change_id, second.change_id],
        "seqs {seqs:?}"
    );
    // The order is by writer, then seq: writer 2's seq lies between writer 1's two.
    assert!(seqs[0] < seqs[2] && seqs[2] < seqs[1], "{seqs:?}");
    // And nothing is lost from the start either.
    let (all, _) = read_on(&api, &start, 100).await;
    assert_eq!(ids(&all), ids(&seen));
}

#[actix_web::test]
async fn concurrent_writers_are_all_read_once_in_one_consistent_order() {
    const WRITERS: usize = 8;
    const EACH: usize = 50;
    let Some(app) = spawn_app().await else { return };
    let tenant = app.tenant.clone();
    let api = Api::new(&app, &tenant).await;
    let mut contacts = Vec::new();
    for w in 0..WRITERS {
        let email = format!("writer{w}@acme.example");
        contacts.push(contact(&app, &tenant, "Acme", &format!("Writer {w}"), &email).await);
    }
    let done = Cell::new(0usize);

    let writers = contacts.iter().enumerate().map(|(w, &(_, contact_id))| {
        let (app, done) = (&app, &done);
        async move {
            let mut written = Vec::with_capacity(EACH);
            for n in 0..EACH {
                let mut tx = app.db.begin().await.unwrap();
                let recorded =
                    directory_changes::record(&mut tx, tenant.id, &edit(app, contact_id, n))
                        .await
                        .unwrap();
                // Writers hold their transactions for different times: commits interleave.
                let pause = (w * 7 + n * 3) % 5;
                actix_rt::time::sleep(StdDuration::from_millis(pause as u64)).await;
                tx.commit().await.unwrap();
                written.push(recorded.change_id);
            }
            done.set(done.get() + 1);
            written
        }
    });
    let reader = async {
        let started = std::time::Instant::now();
        let (mut seen, mut cursor, mut pages) = (Vec::new(), String::new(), 0);
        loop {
            let finished = done.get() == WRITERS;
            let (more, next) = read_on(&api, &cursor, 37).await;
            pages += 1;
            seen.extend(more);
            cursor = next;
            if finished && seen.len() >= WRITERS * EACH {
                return (seen, pages);
            }
            assert!(
                started.elapsed() < PATIENCE * 4,
                "read {} so far",
                seen.len()
            );
            actix_rt::time::sleep(StdDuration::from_millis(3)).await;
        }
    };
    let (written, (seen, polls)) =
        futures_util::future::join(futures_util::future::join_all(writers), reader).await;

    // Every change was read, exactly once while reading on.
    let seen_ids = ids(&seen);
    assert_eq!(seen_ids.len(), WRITERS * EACH, "after {polls} polls");
    let unique: HashSet<Uuid> = seen_ids.iter().copied().collect();
    assert_eq!(unique.len(), WRITERS * EACH, "a change was read twice");
    let all_written: HashSet<Uuid> = written.iter().flatten().copied().collect();
    assert_eq!(unique, all_written);
    // Each writer's changes in the order it committed them, with its contact's versions.
    let mut by_contact: HashMap<String, Vec<(i64, i64)>> = HashMap::new();
    for c in &seen {
        by_contact
            .entry(c["contact_id"].as_str().unwrap().to_owned())
            .or_default()
            .push((
                c["data"]["n"].as_i64().unwrap(),
                c["version"].as_i64().unwrap(),
            ));
    }
    for (_, contact_id) in &contacts {
        let of_writer = &by_contact[&contact_id.to_string()];
        let expected: Vec<(i64, i64)> = (0..EACH as i64).map(|n| (n, n + 2)).collect();
        assert_eq!(of_writer, &expected, "writer of {contact_id}");
    }
    // One order: reading again from the start gives the same sequence.
    let (replay, _) = read_on(&api, "", 500).await;
    assert_eq!(ids(&replay), seen_ids);
    eprintln!(
        "{} changes by {WRITERS} writers read in {polls} polls",
        seen.len()
    );
}
