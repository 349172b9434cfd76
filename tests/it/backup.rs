//! `portal backup` and `portal restore` (SQLite, the embedded database), run as the built binary:
//! a backup taken while a portal serves and writes restores into a new place where a new portal
//! signs the user in and serves the attachment byte-identical; every refusal changes nothing.

use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::helpers::{
    backend, code_and_text, portal_command, run_portal, signed_in_at, spawn_app_on, Backend,
    Browser, TestApp, ADMIN_TOKEN, ENCRYPTION_KEY,
};
use crate::ticket_data as data;
use crate::ticket_fixtures::{post_reply, Api};
use crate::ticket_pages::attachment_link;

/// A folder with a `portal.toml` naming a database and attachments folder (inside it unless given).
struct Place {
    dir: tempfile::TempDir,
    db: PathBuf,
    attachments: PathBuf,
}

impl Place {
    fn new() -> Place {
        let dir = tempfile::tempdir().unwrap();
        let (db, attachments) = (dir.path().join("portal.db"), dir.path().join("files"));
        Place::with(dir, db, attachments, "")
    }

    /// The configuration of a running test app (its database and attachments).
    fn of(app: &TestApp) -> Place {
        let db = app.database_url.trim_start_matches("sqlite://").into();
        Place::with(
            tempfile::tempdir().unwrap(),
            db,
            app.attachments_dir.clone(),
            "",
        )
    }

    fn with(dir: tempfile::TempDir, db: PathBuf, attachments: PathBuf, extra: &str) -> Place {
        let toml = format!(
            "[database]\nurl = \"sqlite://{}\"\n[attachments]\ndir = \"{}\"\n{extra}\
             [admin]\ntoken = \"{ADMIN_TOKEN}\"\n[security]\nencryption_key = \"{ENCRYPTION_KEY}\"\n",
            db.display(),
            attachments.display()
        );
        std::fs::write(dir.path().join("portal.toml"), toml).unwrap();
        Place {
            dir,
            db,
            attachments,
        }
    }

    fn portal(&self, args: &[&str]) -> (i32, String) {
        let mut cmd = portal_command(self.dir.path());
        cmd.args(args);
        let out: Output = run_portal(&mut cmd, None);
        code_and_text(&out)
    }

    fn url(&self) -> String {
        format!("sqlite://{}", self.db.display())
    }

    /// A migrated database with one tenant, and one attachment, made through the command line.
    fn seeded() -> Place {
        let place = Place::new();
        let (code, text) = place.portal(&["tenant", "create", "--name", "Contoso IT"]);
        assert_eq!(code, 0, "{text}");
        let hash = hex::encode(Sha256::digest(b"invoice scan"));
        let shard = place.attachments.join(&hash[..2]);
        std::fs::create_dir_all(&shard).unwrap();
        std::fs::write(shard.join(&hash), b"invoice scan").unwrap();
        place
    }

    /// A backup of this place, in `<its dir>/backup`.
    fn backup(&self) -> PathBuf {
        let to = self.dir.path().join("backup");
        let (code, text) = self.portal(&["backup", to.to_str().unwrap()]);
        assert_eq!(code, 0, "{text}");
        to
    }
}

fn manifest(backup: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(backup.join("manifest.json")).unwrap()).unwrap()
}

fn sha256_of(path: &Path) -> String {
    hex::encode(Sha256::digest(std::fs::read(path).unwrap()))
}

/// Every file below `dir` with its contents' hash (what "nothing changed" compares).
fn snapshot(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(snapshot(&path));
        } else {
            out.push((path.clone(), sha256_of(&path)));
        }
    }
    out.sort();
    out
}

fn sqlite_only() -> bool {
    backend() == Backend::Sqlite
}

#[actix_web::test]
async fn a_backup_taken_while_serving_restores_into_a_portal_that_signs_in_and_serves_the_file() {
    if !sqlite_only() {
        return;
    }
    let app = spawn_app_on(None, |_| {}).await.unwrap();
    let tenant = app.tenant.clone();
    let c = data::catalog(&app, &tenant).await;
    let ada = data::person(&app, &tenant, "ada@acme.example", "Acme", None).await;
    let ticket = data::insert(
        &app,
        &tenant,
        &data::new_ticket(&app, &c, &ada, "TIC-5", "VPN", 5),
    )
    .await;
    let browser = data::signed_in(&app, &tenant, &ada).await;
    let page = browser.get("/client-portal/tickets/TIC-5").await;
    let scan: Vec<u8> = (0..200 * 1024u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 11) as u8)
        .collect();
    let stored = browser
        .post_multipart(
            "/client-portal/tickets/TIC-5/attachments",
            &[("csrf_token", &Browser::form_csrf(&page))],
            &[(
                "files",
                "scan.bin",
                "application/octet-stream",
                scan.clone(),
            )],
        )
        .await;
    assert_eq!(stored.status, 303, "{}", stored.body);

    // The PSA keeps replying while the backup runs.
    let api = Api::new(&app, &tenant).await;
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let writer = actix_rt::spawn(async move {
        let mut stop = stopped;
        let mut acknowledged = 0u32;
        while stop.try_recv().is_err() {
            post_reply(&api, ticket, &format!("reply {acknowledged}")).await;
            acknowledged += 1;
        }
        acknowledged
    });
    let source = Place::of(&app);
    let backup_dir = source.dir.path().join("backup");
    let arg = backup_dir.to_str().unwrap().to_owned();
    let made = tokio::task::spawn_blocking(move || {
        let out = source.portal(&["backup", &arg]);
        (source, out)
    });
    let (source, (code, text)) = made.await.unwrap();
    stop.send(()).unwrap();
    let acknowledged = writer.await.unwrap();
    assert_eq!(code, 0, "{text}");
    assert!(acknowledged > 0, "the portal wrote during the backup");

    let m = manifest(&backup_dir);
    assert_eq!(
        m["database"]["sha256"],
        sha256_of(&backup_dir.join("portal.db"))
    );
    assert_eq!(
        m["database"]["schema_version"],
        portal_actors::store::backup::latest_schema_version()
    );
    assert_eq!(m["attachments"]["files"], 1, "{m}");
    assert_eq!(m["file_count"], 2, "{m}");
    assert_eq!(m["portal_version"], env!("CARGO_PKG_VERSION"));
    assert!(!backup_dir.join("attachments").join("tmp").exists());

    let target = Place::new();
    let (code, text) = target.portal(&["restore", backup_dir.to_str().unwrap()]);
    assert_eq!(code, 0, "{text}");
    drop(source);
    let url = target.url();
    let files = target.attachments.clone();
    let restored = spawn_app_on(None, move |s| {
        s.database.url = secrecy::SecretString::from(url);
        s.attachments.dir = Some(files);
    })
    .await
    .unwrap();
    let replies: i64 = portal_actors::fetch_one_scalar!(
        restored.db.exec(),
        i64,
        "SELECT COUNT(*) FROM ticket_comments WHERE tenant = $1",
        tenant.id
    )
    .unwrap();
    assert!(
        replies <= i64::from(acknowledged),
        "{replies} > {acknowledged}"
    );
    let browser = signed_in_at(&restored, &tenant, &ada.user.email).await;
    let page = browser.get("/client-portal/tickets/TIC-5").await;
    assert_eq!(page.status, 200, "{}", page.body);
    let (status, _, body) = browser
        .get_bytes(&attachment_link(&page.body, "scan.bin"))
        .await;
    assert_eq!(status, 200);
    assert!(
        body == scan,
        "the restored attachment differs ({} bytes)",
        body.len()
    );
}

#[test]
fn a_backup_into_a_folder_with_files_is_refused() {
    let place = Place::seeded();
    let to = place.dir.path().join("full");
    std::fs::create_dir_all(&to).unwrap();
    std::fs::write(to.join("keep.txt"), b"mine").unwrap();
    let (code, text) = place.portal(&["backup", to.to_str().unwrap()]);
    assert_ne!(code, 0);
    assert!(text.contains("is not empty"), "{text}");
    assert_eq!(snapshot(&to).len(), 1, "nothing written");
}

#[test]
fn postgresql_is_sent_to_pg_dump_and_attachments_only_copies_the_folder() {
    let place = Place::seeded();
    let extra = format!("[attachments]\ndir = \"{}\"\n", place.attachments.display());
    let pg = tempfile::tempdir().unwrap();
    std::fs::write(
        pg.path().join("portal.toml"),
        format!("[database]\nurl = \"postgres://portal@127.0.0.1:1/portal\"\n{extra}"),
    )
    .unwrap();
    let run = |args: &[&str]| {
        let mut cmd = portal_command(pg.path());
        cmd.args(args);
        code_and_text(&run_portal(&mut cmd, None))
    };
    let (code, text) = run(&["backup", "b1"]);
    assert_ne!(code, 0);
    assert!(
        text.contains("pg_dump -Fc") && text.contains("pg_restore"),
        "{text}"
    );
    assert!(!pg.path().join("b1").exists());

    let (code, text) = run(&["backup", "--attachments-only", "b2"]);
    assert_eq!(code, 0, "{text}");
    let m = manifest(&pg.path().join("b2"));
    assert!(m["database"].is_null(), "{m}");
    assert_eq!(m["attachments"]["files"], 1);

    // Restored onto an empty folder (the database untouched: restoring it is pg_restore's job).
    let moved = place.dir.path().join("new-files");
    let toml = format!(
        "[database]\nurl = \"postgres://portal@127.0.0.1:1/portal\"\n[attachments]\ndir = \"{}\"\n",
        moved.display()
    );
    std::fs::write(pg.path().join("portal.toml"), toml).unwrap();
    let (code, text) = run(&["restore", "b2"]);
    assert_eq!(code, 0, "{text}");
    let restored = snapshot(&moved);
    assert_eq!(restored.len(), 1, "{restored:?}");
    assert_eq!(restored[0].1, hex::encode(Sha256::digest(b"invoice scan")));
}

#[test]
fn with_attachments_in_a_bucket_only_the_database_is_backed_up() {
    let dir = tempfile::tempdir().unwrap();
    let (db, files) = (dir.path().join("portal.db"), dir.path().join("spool"));
    let s3 = "[attachments.s3]\nendpoint = \"http://127.0.0.1:1\"\nbucket = \"files\"\n\
              access_key_id = \"k\"\nsecret_access_key = \"s\"\npath_style = true\n";
    let place = Place::with(dir, db, files, s3);
    let (code, text) = place.portal(&["migrate"]);
    assert_eq!(code, 0, "{text}");
    let (code, text) = place.portal(&["backup", "b"]);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("versioning or replication"), "{text}");
    let m = manifest(&place.dir.path().join("b"));
    assert_eq!(m["attachments"]["location"], "s3");
    assert!(m["database"]["sha256"].is_string(), "{m}");
}

#[test]
fn a_restore_without_a_readable_manifest_is_refused() {
    let target = Place::new();
    let (code, text) = target.portal(&["restore", "no-such-folder"]);
    assert_ne!(code, 0);
    assert!(text.contains("manifest.json"), "{text}");

    let bad = target.dir.path().join("bad");
    std::fs::create_dir_all(&bad).unwrap();
    std::fs::write(bad.join("manifest.json"), b"{\"format\": 1, \"oops\"").unwrap();
    let (code, text) = target.portal(&["restore", bad.to_str().unwrap()]);
    assert_ne!(code, 0);
    assert!(text.contains("corrupt"), "{text}");
    assert!(!target.db.exists(), "nothing restored");
}

#[test]
fn a_tampered_database_or_attachment_is_refused_by_its_hash() {
    let source = Place::seeded();
    let backup = source.backup();
    let target = Place::new();
    let db = backup.join("portal.db");
    let original = std::fs::read(&db).unwrap();
    let mut tampered = original.clone();
    let last = tampered.len() - 1;
    tampered[last] ^= 0x5a;
    std::fs::write(&db, &tampered).unwrap();
    let (code, text) = target.portal(&["restore", backup.to_str().unwrap()]);
    assert_ne!(code, 0);
    assert!(
        text.contains("does not match the manifest's hash"),
        "{text}"
    );
    assert!(!target.db.exists());
    assert!(
        snapshot(&target.attachments).is_empty(),
        "nothing staged stays"
    );
    let leftovers: Vec<_> = std::fs::read_dir(target.dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(
        leftovers,
        vec![std::ffi::OsString::from("portal.toml")],
        "no copy left beside"
    );

    std::fs::write(&db, &original).unwrap();
    let stored = snapshot(&backup.join("attachments"));
    std::fs::write(&stored[0].0, b"invoice scan, edited").unwrap();
    let (code, text) = target.portal(&["restore", backup.to_str().unwrap()]);
    assert_ne!(code, 0);
    assert!(
        text.contains("does not match the hash it is named by"),
        "{text}"
    );
    assert!(!target.db.exists());
}

#[actix_web::test]
async fn a_restore_over_data_needs_force_and_never_replaces_a_database_in_use() {
    let source = Place::seeded();
    let backup = source.backup();
    let target = Place::seeded();
    // Its tenants (the file itself may take in its write-ahead log when opened).
    let before = target.portal(&["tenant", "list"]);
    let (code, text) = target.portal(&["restore", backup.to_str().unwrap()]);
    assert_ne!(code, 0);
    assert!(
        text.contains("--force") && text.contains("1 tenant"),
        "{text}"
    );
    assert_eq!(target.portal(&["tenant", "list"]), before);

    let in_use = portal_actors::Db::connect(&target.url(), 1).await.unwrap();
    in_use.ping().await.unwrap();
    let (code, text) = target.portal(&["restore", "--force", backup.to_str().unwrap()]);
    assert_ne!(code, 0);
    assert!(text.contains("in use by a running portal"), "{text}");
    in_use.close().await;

    let (code, text) = target.portal(&["restore", "--force", backup.to_str().unwrap()]);
    assert_eq!(code, 0, "{text}");
    let (code, text) = target.portal(&["tenant", "list"]);
    assert_eq!(code, 0, "{text}");
    assert_eq!(
        text.lines().filter(|l| l.contains("Contoso IT")).count(),
        1,
        "{text}"
    );
}

#[actix_web::test]
async fn a_backup_from_a_newer_portal_is_refused() {
    let source = Place::seeded();
    let backup = source.backup();
    let db = backup.join("portal.db");
    let url = format!("sqlite://{}", db.display());
    let conn = portal_actors::Db::connect(&url, 1).await.unwrap();
    portal_actors::execute!(
        conn.exec(),
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, \
         execution_time) VALUES (99999, 'from the future', TRUE, X'00', 0)"
    )
    .unwrap();
    conn.close().await;
    let mut m = manifest(&backup);
    m["database"]["sha256"] = sha256_of(&db).into();
    m["database"]["bytes"] = std::fs::metadata(&db).unwrap().len().into();
    std::fs::write(backup.join("manifest.json"), m.to_string()).unwrap();
    let target = Place::new();
    let (code, text) = target.portal(&["restore", backup.to_str().unwrap()]);
    assert_ne!(code, 0);
    assert!(
        text.contains("schema 99999") || text.contains("newer than this portal"),
        "{text}"
    );
    assert!(!target.db.exists());

    m["database"]["schema_version"] = 99999.into();
    std::fs::write(backup.join("manifest.json"), m.to_string()).unwrap();
    let (code, text) = target.portal(&["restore", backup.to_str().unwrap()]);
    assert_ne!(code, 0);
    assert!(text.contains("migrations never run backwards"), "{text}");
}

/// Rewrites `place`'s configured encryption key (`None`: none configured).
fn configure_key(place: &Place, key: Option<&str>) {
    let path = place.dir.path().join("portal.toml");
    let line = format!("encryption_key = \"{ENCRYPTION_KEY}\"\n");
    let with = key.map_or(String::new(), |k| format!("encryption_key = \"{k}\"\n"));
    let toml = std::fs::read_to_string(&path)
        .unwrap()
        .replace(&line, &with);
    std::fs::write(path, toml).unwrap();
}

#[test]
fn the_encryption_key_travels_with_the_backup_and_another_key_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let source = Place::seeded();
    configure_key(&source, None);
    let key = "Q2hhbmdlIG1lISBUaGlzIGlzIG5vdCBhIHJlYWwga2V5";
    std::fs::create_dir_all(source.dir.path().join("data")).unwrap();
    std::fs::write(source.dir.path().join("data/secret.key"), key).unwrap();
    let backup = source.backup();
    assert_eq!(manifest(&backup)["encryption_key_file"], true);
    let mode = std::fs::metadata(backup.join("secret.key"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);

    let other = Place::new();
    let (code, text) = other.portal(&["restore", backup.to_str().unwrap()]);
    assert_ne!(code, 0, "configured with another key");
    assert!(text.contains("--accept-other-key"), "{text}");
    assert!(!other.db.exists());
    let (code, text) = other.portal(&["restore", "--accept-other-key", backup.to_str().unwrap()]);
    assert_eq!(code, 0, "{text}");

    let keyless = Place::new();
    configure_key(&keyless, None);
    let (code, text) = keyless.portal(&["restore", backup.to_str().unwrap()]);
    assert_eq!(code, 0, "{text}");
    let installed = keyless.dir.path().join("data/secret.key");
    assert_eq!(std::fs::read_to_string(&installed).unwrap(), key);
    assert_eq!(
        std::fs::metadata(&installed).unwrap().permissions().mode() & 0o777,
        0o600
    );
}
