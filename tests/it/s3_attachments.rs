//! Ticket attachments kept in an S3-compatible bucket (`[attachments.s3]`), against a real server
//! that checks every signature: uploads land under their hash and nowhere on local disk,
//! downloads are byte-identical with the usual headers, refused uploads leave nothing, equal
//! contents are stored once, two instances on one database and one bucket serve each other's
//! files, and a bucket that cannot be used stops start-up.

use std::path::{Path, PathBuf};

use portal::config::Settings;
use portal::Application;
use portal_actors::{ManualClock, SharedClock};
use sha2::{Digest, Sha256};

use crate::helpers::{spawn_app_on, Browser, Page, TestApp};
use crate::s3_server::S3Server;
use crate::ticket_data as data;
use crate::ticket_pages::attachment_link;

const BUCKET: &str = "portal-attachments";
const PREFIX: &str = "portal/files/";

/// Starts the server with the bucket; None when the server is missing (reported by `start`).
async fn bucket() -> Option<S3Server> {
    let s3 = S3Server::start()?;
    s3.create_bucket(BUCKET).await;
    Some(s3)
}

/// The portal with its attachments in the bucket (on `shared`'s database when given).
async fn spawn(s3: &S3Server, shared: Option<&TestApp>, limit: u64) -> TestApp {
    let settings = s3.settings(BUCKET, PREFIX);
    spawn_app_on(shared, move |s: &mut Settings| {
        s.attachments.s3 = Some(settings);
        s.attachments.max_file_bytes = Some(limit);
    })
    .await
    .expect("the database of the selected backend")
}

fn key_of(bytes: &[u8]) -> String {
    let hash = hex::encode(Sha256::digest(bytes));
    format!("{PREFIX}{}/{hash}", &hash[..2])
}

/// Files under the local attachments folder (its `tmp/` included).
fn local_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(local_files(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// A signed-in client with an open ticket `TIC-5`, and the ticket page's CSRF token.
async fn client_with_ticket(app: &TestApp) -> (Browser, String) {
    let tenant = app.tenant.clone();
    let c = data::catalog(app, &tenant).await;
    let ada = data::person(app, &tenant, "ada@acme.example", "Acme", Some("User")).await;
    data::insert(
        app,
        &tenant,
        &data::new_ticket(app, &c, &ada, "TIC-5", "Slow Wi-Fi", 5),
    )
    .await;
    let browser = data::signed_in(app, &tenant, &ada).await;
    let page = browser.get("/client-portal/tickets/TIC-5").await;
    assert_eq!(page.status, 200, "{}", page.body);
    (browser, Browser::form_csrf(&page))
}

async fn attach(browser: &Browser, token: &str, files: &[(&str, &str, &str, Vec<u8>)]) -> Page {
    browser
        .post_multipart(
            "/client-portal/tickets/TIC-5/attachments",
            &[("csrf_token", token)],
            files,
        )
        .await
}

/// Downloads the attachment shown as `name` on TIC-5 and checks it is `expected`, whole, with
/// the download headers.
async fn download(browser: &Browser, name: &str, content_type: &str, expected: &[u8]) {
    let page = browser.get("/client-portal/tickets/TIC-5").await;
    let (status, headers, body) = browser.get_bytes(&attachment_link(&page.body, name)).await;
    assert_eq!(status, 200, "{name}: {}", String::from_utf8_lossy(&body));
    assert!(body == expected, "{name}: {} bytes differ", body.len());
    let header = |h: &str| headers.get(h).and_then(|v| v.to_str().ok()).unwrap_or("");
    assert_eq!(header("content-type"), content_type);
    assert_eq!(header("content-length"), expected.len().to_string());
    assert!(
        header("content-disposition").starts_with("attachment")
            && header("content-disposition").contains(name),
        "{headers:?}"
    );
    assert_eq!(header("x-content-type-options"), "nosniff");
    assert_eq!(header("cache-control"), "private, no-store");
    // Downloads keep their own policy: sandboxed, loading nothing.
    assert_eq!(
        header("content-security-policy"),
        "sandbox; default-src 'none'",
        "{headers:?}"
    );
}

#[actix_web::test]
async fn attachments_live_in_the_bucket_by_hash_and_download_byte_identical() {
    let Some(s3) = bucket().await else { return };
    let app = spawn(&s3, None, 1024 * 1024).await;
    let (browser, token) = client_with_ticket(&app).await;
    // Every byte value, over several of the download's chunks.
    let binary: Vec<u8> = (0..300 * 1024u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let text = b"PC LOAD LETTER at 09:14\n".to_vec();
    let stored = attach(
        &browser,
        &token,
        &[
            (
                "files",
                "dump.bin",
                "application/octet-stream",
                binary.clone(),
            ),
            ("files", "error.log", "text/plain", text.clone()),
        ],
    )
    .await;
    assert_eq!(stored.status, 303, "{}", stored.body);

    let mut expected = vec![
        (key_of(&binary), binary.len() as u64),
        (key_of(&text), text.len() as u64),
    ];
    expected.sort();
    assert_eq!(s3.objects(BUCKET).await, expected);
    assert_eq!(s3.object(BUCKET, &key_of(&binary)).await.unwrap(), binary);
    assert!(
        local_files(&app.attachments_dir).is_empty(),
        "nothing on local disk: {:?}",
        local_files(&app.attachments_dir)
    );
    download(&browser, "dump.bin", "application/octet-stream", &binary).await;
    download(&browser, "error.log", "text/plain", &text).await;
}

#[actix_web::test]
async fn refused_uploads_leave_no_object_and_no_temporary_file() {
    let Some(s3) = bucket().await else { return };
    let app = spawn(&s3, None, 1024).await;
    let (browser, token) = client_with_ticket(&app).await;

    let too_big = attach(
        &browser,
        &token,
        &[(
            "files",
            "big.bin",
            "application/octet-stream",
            vec![7u8; 1025],
        )],
    )
    .await;
    assert_eq!(too_big.status, 413, "{}", too_big.body);
    let empty = attach(
        &browser,
        &token,
        &[("files", "empty.txt", "text/plain", vec![])],
    )
    .await;
    assert_eq!(empty.status, 400, "{}", empty.body);
    assert!(empty.body.contains("A file is empty."), "{}", empty.body);
    // A good file stored before an empty one is refused with it.
    let good_then_empty = attach(
        &browser,
        &token,
        &[
            ("files", "ok.txt", "text/plain", b"fine".to_vec()),
            ("files", "empty.txt", "text/plain", vec![]),
        ],
    )
    .await;
    assert_eq!(good_then_empty.status, 400, "{}", good_then_empty.body);
    let mixed = attach(
        &browser,
        &token,
        &[
            ("files", "ok.txt", "text/plain", b"fine".to_vec()),
            (
                "files",
                "big.bin",
                "application/octet-stream",
                vec![1u8; 4096],
            ),
        ],
    )
    .await;
    assert_eq!(mixed.status, 413);
    // Stored, then refused because the ticket does not exist: the object is deleted again.
    let nowhere = browser
        .post_multipart(
            "/client-portal/tickets/TIC-404/attachments",
            &[("csrf_token", &token)],
            &[("files", "lost.txt", "text/plain", b"lost".to_vec())],
        )
        .await;
    assert_eq!(nowhere.status, 404, "{}", nowhere.body);

    assert_eq!(
        s3.objects(BUCKET).await,
        vec![],
        "refused uploads left objects"
    );
    assert!(
        local_files(&app.attachments_dir).is_empty(),
        "refused uploads left files: {:?}",
        local_files(&app.attachments_dir)
    );
    let page = browser.get("/client-portal/tickets/TIC-5").await;
    assert!(page.body.contains("No attachments."), "{}", page.body);

    // Exactly at the limit is fine.
    let ok = attach(
        &browser,
        &token,
        &[(
            "files",
            "max.bin",
            "application/octet-stream",
            vec![3u8; 1024],
        )],
    )
    .await;
    assert_eq!(ok.status, 303, "{}", ok.body);
    assert_eq!(s3.objects(BUCKET).await, vec![(key_of(&[3u8; 1024]), 1024)]);
}

#[actix_web::test]
async fn the_same_contents_are_stored_once() {
    let Some(s3) = bucket().await else { return };
    let app = spawn(&s3, None, 1024 * 1024).await;
    let (browser, token) = client_with_ticket(&app).await;
    let report = b"the same report".to_vec();
    for name in ["report.txt", "report-copy.txt"] {
        let page = attach(
            &browser,
            &token,
            &[("files", name, "text/plain", report.clone())],
        )
        .await;
        assert_eq!(page.status, 303, "{}", page.body);
    }
    assert_eq!(
        s3.objects(BUCKET).await,
        vec![(key_of(&report), report.len() as u64)]
    );
    download(&browser, "report.txt", "text/plain", &report).await;
    download(&browser, "report-copy.txt", "text/plain", &report).await;
    assert!(local_files(&app.attachments_dir).is_empty());
}

#[actix_web::test]
async fn two_instances_on_one_database_and_one_bucket_serve_each_others_files() {
    let Some(s3) = bucket().await else { return };
    let first = spawn(&s3, None, 1024 * 1024).await;
    let (at_first, token_first) = client_with_ticket(&first).await;
    let second = spawn(&s3, Some(&first), 1024 * 1024).await;
    let tenant = second.tenant.clone();
    let ada = data::person(&second, &tenant, "bob@acme.example", "Acme", Some("User")).await;
    let at_second = data::signed_in(&second, &tenant, &ada).await;
    let page = at_second.get("/client-portal/tickets/TIC-5").await;
    assert_eq!(page.status, 200, "{}", page.body);
    let token_second = Browser::form_csrf(&page);

    let from_first = b"uploaded through the first instance".to_vec();
    let from_second = vec![0xA5u8; 70 * 1024];
    let page = attach(
        &at_first,
        &token_first,
        &[("files", "first.txt", "text/plain", from_first.clone())],
    )
    .await;
    assert_eq!(page.status, 303, "{}", page.body);
    let page = attach(
        &at_second,
        &token_second,
        &[(
            "files",
            "second.bin",
            "application/octet-stream",
            from_second.clone(),
        )],
    )
    .await;
    assert_eq!(page.status, 303, "{}", page.body);

    download(&at_second, "first.txt", "text/plain", &from_first).await;
    download(
        &at_first,
        "second.bin",
        "application/octet-stream",
        &from_second,
    )
    .await;
    assert_eq!(s3.objects(BUCKET).await.len(), 2);
    assert!(local_files(&first.attachments_dir).is_empty());
    assert!(local_files(&second.attachments_dir).is_empty());
}

/// Builds the portal with `s3` settings; the error's whole chain when it does not start.
async fn start_error(settings: portal::config::S3Settings) -> String {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Settings::default();
    s.server.bind = "127.0.0.1:0".parse().unwrap();
    s.server.admin_bind = "127.0.0.1:0".parse().unwrap();
    s.server.workers = 1;
    s.server.hashing_threads = 1;
    s.database.url = secrecy::SecretString::from(format!(
        "sqlite://{}",
        dir.path().join("portal.db").display()
    ));
    s.admin.token = Some(secrecy::SecretString::from(crate::helpers::ADMIN_TOKEN));
    s.security.encryption_key = Some(secrecy::SecretString::from(crate::helpers::ENCRYPTION_KEY));
    s.mail.mailbox_dir = dir.path().join("mailbox");
    s.attachments.dir = Some(dir.path().join("attachments"));
    s.attachments.s3 = Some(settings);
    s.validate().expect("valid settings");
    let db = portal::cli::open_db(&s).await.unwrap();
    let clock = SharedClock::new(std::sync::Arc::new(ManualClock::new(
        portal_actors::Clock::now(&portal_actors::SystemClock),
    )));
    match Application::build_with_db(s, db, clock, false).await {
        Ok(_) => panic!("the portal started with an unusable bucket"),
        Err(e) => format!("{e:#}"),
    }
}

#[actix_web::test]
async fn a_bucket_that_cannot_be_used_stops_start_up_with_a_clear_message() {
    let Some(s3) = bucket().await else { return };
    let missing = start_error(s3.settings("no-such-bucket", "")).await;
    assert!(
        missing.contains("attachments.s3")
            && missing.contains("`no-such-bucket`")
            && missing.contains("does not exist"),
        "{missing}"
    );
    let mut wrong_key = s3.settings(BUCKET, "");
    wrong_key.secret_access_key = secrecy::SecretString::from("not-the-secret");
    let denied = start_error(wrong_key).await;
    assert!(
        denied.contains("403") && denied.contains("access denied"),
        "{denied}"
    );
    assert!(
        !denied.contains("X-Amz-Signature"),
        "no signed URL in messages: {denied}"
    );

    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let mut unreachable = s3.settings(BUCKET, "");
    unreachable.endpoint = format!("http://{}", closed.local_addr().unwrap());
    unreachable.request_timeout_seconds = 2;
    drop(closed);
    let down = start_error(unreachable).await;
    assert!(
        down.contains("HEAD bucket") && down.contains("failed"),
        "{down}"
    );
    assert!(
        !down.contains("X-Amz-Signature"),
        "no signed URL in messages: {down}"
    );
}

#[test]
fn s3_settings_come_from_the_file_are_checked_and_never_shown() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("portal.toml");
    let toml = |extra: &str| {
        format!(
            "[tickets.s3]\nendpoint = \"https://s3.eu-west-1.amazonaws.com\"\nbucket = \"acme-portal\"\n\
             access_key_id = \"AKIAEXAMPLE\"\nsecret_access_key = \"very-secret-value\"\n{extra}"
        )
    };
    std::fs::write(&path, toml("key_prefix = \"portal/\"\n")).unwrap();
    let settings = Settings::load(&path).unwrap();
    let s3 = settings.tickets.s3.as_ref().unwrap();
    assert_eq!((s3.region.as_str(), s3.path_style), ("us-east-1", false));
    assert!(
        !format!("{settings:?}").contains("very-secret-value"),
        "secrets are never shown"
    );

    std::fs::write(&path, toml("key_prefix = \"../up\"\n")).unwrap();
    let e = Settings::load(&path).unwrap_err().to_string();
    assert!(e.contains("tickets.s3") && e.contains("key_prefix"), "{e}");
    std::fs::write(&path, toml("bucket_name = \"typo\"\n")).unwrap();
    let e = Settings::load(&path).unwrap_err().to_string();
    assert!(e.contains("bucket_name"), "{e}");
}

/// Project documents use the same bucket: a task upload lands under its hash, nothing on local
/// disk, and downloads are byte-identical.
#[actix_web::test]
async fn project_documents_are_kept_in_the_bucket_too() {
    let Some(s3) = bucket().await else { return };
    let app = spawn(&s3, None, 1024 * 1024).await;
    let settings =
        serde_json::json!({"show_tasks": true, "visible_task_fields": ["document_uploads"]});
    let w = crate::projects::world(app, settings).await;
    let ada = crate::projects::browser(&w, &w.ada).await;
    let page = ada.get("/client-portal/projects/PRJ-1").await;
    let token = Browser::form_csrf(&page);
    let bytes: Vec<u8> = (0..=255u8).cycle().take(3000).collect();
    let task = w.tasks[0];
    let done = ada
        .post_multipart(
            &format!("/client-portal/projects/PRJ-1/tasks/{task}/documents"),
            &[("csrf_token", &token)],
            &[(
                "files",
                "scan.bin",
                "application/octet-stream",
                bytes.clone(),
            )],
        )
        .await;
    assert_eq!(done.status, 303, "{}", done.body);
    assert_eq!(s3.object(BUCKET, &key_of(&bytes)).await.unwrap(), bytes);
    assert!(
        local_files(&w.app.attachments_dir).is_empty(),
        "nothing on local disk"
    );
    let page = ada.get("/client-portal/projects/PRJ-1").await;
    let (status, _, got) = ada
        .get_bytes(&attachment_link(&page.body, "scan.bin"))
        .await;
    assert_eq!((status, got), (200, bytes));
}
