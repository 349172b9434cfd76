//! The attachments disk full: `portal serve` runs in a private mount namespace (`unshare -m`)
//! whose attachments folder is a 2 MiB tmpfs only it sees. Every upload path then answers
//! 507 with a clear message (the form again, as typed), keeps no row, no contents and no
//! temporary file, logs the folder and counts `storage_full`; uploads that fit still work, and
//! once space is freed the refused one does too.

use std::path::{Path, PathBuf};
use std::process::Command;

use portal_actors::db::Arg;
use serde_json::json;
use uuid::Uuid;

use super::on_postgres;
use crate::helpers::*;
use crate::ticket_fixtures::{seed_basic, Api, Fixture};

/// Mounts a 2 MiB tmpfs on the attachments folder, then becomes the portal.
const TMPFS_THEN_PORTAL: &str =
    r#"mount -t tmpfs -o size=2m portal-attachments "$PORTAL__ATTACHMENTS__DIR" && exec "$0" "$@""#;
/// Each upload of the "until full" loop: two fit beside the filler, a third does not.
const UPLOAD_BYTES: usize = 400 * 1024;
/// What else is on the disk, freed later "by the operator".
const FILLER_BYTES: usize = 1024 * 1024;
const NO_ROOM: &str = "There is no room to store files right now. Nothing was uploaded";
const FULL_LOG: &str = "the attachments folder is full";

/// Whether a tmpfs can be mounted in a private mount namespace here (root and `unshare -m`).
fn private_mounts_work() -> Result<(), String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let probe = Command::new("unshare")
        .args(["-m", "--propagation", "private", "sh", "-c"])
        .arg(r#"mount -t tmpfs -o size=64k probe "$1""#)
        .arg("sh")
        .arg(dir.path())
        .output()
        .map_err(|e| format!("cannot run unshare: {e}"))?;
    match probe.status.success() {
        true => Ok(()),
        false => Err(String::from_utf8_lossy(&probe.stderr).trim().to_owned()),
    }
}

/// The portal and what the test sees of it.
struct FullDisk {
    app: TestApp,
    fixture: Fixture,
    /// PRJ-1's task that takes uploads.
    task: Uuid,
    portal: PortalProcess,
    /// The attachments folder as the portal sees it (`/proc/<pid>/root/…`).
    seen: PathBuf,
    ada: Browser,
    _dir: tempfile::TempDir,
}

impl FullDisk {
    /// Seeds tickets and a project through an in-process app, then starts the portal on the
    /// same database with its attachments on the tmpfs, a filler on it, and Ada signed in.
    async fn start(app: TestApp) -> FullDisk {
        let settings = json!({"show_tasks": true, "visible_task_fields": ["document_uploads"]});
        let w = crate::projects::world(app, settings).await;
        let fixture = seed_basic(&w.app, "ada@acme.example").await;
        let dir = tempfile::tempdir().unwrap();
        let attachments = dir.path().join("attachments");
        std::fs::create_dir_all(&attachments).unwrap();
        let mut spec = ProcessSpec::sharing(&w.app);
        spec.attachments_dir = attachments.clone();
        spec.wrapper = ["unshare", "-m", "--propagation", "private", "sh", "-c"]
            .into_iter()
            .map(str::to_owned)
            .chain([TMPFS_THEN_PORTAL.to_owned()])
            .collect();
        let portal = PortalProcess::start(dir.path(), &spec);
        let seen = Path::new(&format!("/proc/{}/root", portal.pid())).join(
            attachments
                .strip_prefix("/")
                .expect("an absolute attachments folder"),
        );
        std::fs::write(seen.join("filler"), vec![0u8; FILLER_BYTES]).unwrap();
        assert!(
            std::fs::read_dir(&attachments).unwrap().next().is_none(),
            "the tmpfs is not private to the portal"
        );
        let ada = Browser::at(&portal.base);
        let signed = ada
            .sign_in(&w.app.tenant.slug, "ada@acme.example", PASSWORD)
            .await;
        assert_eq!(signed.status, 303, "{}", signed.body);
        FullDisk {
            app: w.app,
            fixture,
            task: w.tasks[1],
            portal,
            seen,
            ada,
            _dir: dir,
        }
    }

    /// Posts one file of `bytes` to TST-1's attachments form.
    async fn attach(&self, name: &str, bytes: Vec<u8>) -> Page {
        let page = self.ada.get("/client-portal/tickets/TST-1").await;
        assert_eq!(page.status, 200, "{}", page.body);
        let token = Browser::form_csrf(&page);
        let file = ("files", name, "application/octet-stream", bytes);
        self.ada
            .post_multipart(
                "/client-portal/tickets/TST-1/attachments",
                &[("csrf_token", &token)],
                &[file],
            )
            .await
    }

    async fn count(&self, sql: &str, args: &[Arg]) -> i64 {
        let rows: Vec<(i64,)> = self.app.db.fetch_all_with(sql, args).await.unwrap();
        rows.first().map_or(0, |(n,)| *n)
    }

    async fn ticket_attachments(&self) -> i64 {
        let sql = "SELECT COUNT(*) FROM ticket_attachments WHERE tenant = $1 AND ticket_id = $2";
        let args = [
            Arg::Uuid(self.app.tenant.id),
            Arg::Uuid(self.fixture.printer),
        ];
        self.count(sql, &args).await
    }

    /// Files under `<attachments>/<sub>` as the portal sees them.
    fn files(&self, sub: &str) -> Vec<PathBuf> {
        walk(&self.seen.join(sub), &[])
    }

    /// Stored contents (`<attachments>/<shard>/<sha256>`) as the portal sees them.
    fn stored(&self) -> Vec<PathBuf> {
        walk(&self.seen, &["tmp", "filler"])
    }

    /// The attachments folder as the portal names it (its settings).
    fn portal_folder(&self) -> String {
        let seen = self.seen.to_string_lossy().into_owned();
        let prefix = format!("/proc/{}/root", self.portal.pid());
        seen.strip_prefix(&prefix).unwrap_or(&seen).to_owned()
    }

    fn api(&self) -> Api {
        Api {
            base: format!("{}/integration/v1", self.portal.admin),
            ..self.fixture.api.clone()
        }
    }

    async fn counted(&self, name: &str) -> f64 {
        let page = self
            .app
            .http
            .get(format!("{}/metrics", self.portal.admin))
            .bearer_auth(ADMIN_TOKEN)
            .send()
            .await
            .unwrap();
        let text = page.text().await.unwrap();
        metric_value(&text, name, &[("outcome", "storage_full")]).unwrap_or(0.0)
    }

    /// 507, the message beside the files, nothing kept anywhere.
    fn assert_refused(&self, page: &Page, what: &str) {
        assert_eq!(page.status, 507, "{what}: {}", page.body);
        assert!(page.body.contains(NO_ROOM), "{what}: {}", page.body);
        let tmp = self.files("tmp");
        assert!(tmp.is_empty(), "{what} left temporary files: {tmp:?}");
    }
}

/// The files below `dir`, but not below its entries named in `skip`.
fn walk(dir: &Path, skip: &[&str]) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        if skip.iter().any(|s| entry.file_name() == *s) {
            continue;
        }
        match entry.file_type().is_ok_and(|t| t.is_dir()) {
            true => found.extend(walk(&entry.path(), &[])),
            false => found.push(entry.path()),
        }
    }
    found
}

/// Distinct contents for upload `n`, `size` bytes long.
fn contents(n: u8, size: usize) -> Vec<u8> {
    vec![n; size]
}

#[actix_rt::test]
async fn a_full_attachments_disk_refuses_uploads_clearly_keeping_nothing_and_recovers() {
    if !on_postgres() {
        return;
    }
    if let Err(why) = private_mounts_work() {
        return missing("unshare", &format!("cannot mount a tmpfs privately: {why}"));
    }
    let Some(app) = spawn_app().await else { return };
    let disk = FullDisk::start(app).await;

    // Uploads until the disk is full: the one that does not fit is refused, as a whole.
    let mut kept = 0;
    let refused = loop {
        assert!(kept < 8, "the 2 MiB disk never filled up");
        let page = disk
            .attach(&format!("part-{kept}.bin"), contents(kept, UPLOAD_BYTES))
            .await;
        if page.status != 303 {
            break page;
        }
        kept += 1;
    };
    assert!(kept >= 1, "nothing fitted on the disk");
    disk.assert_refused(&refused, "the ticket's attachments form");
    assert!(
        refused.body.contains("TST-1"),
        "not the ticket's page again"
    );
    assert_eq!(disk.ticket_attachments().await, i64::from(kept));
    assert_eq!(disk.stored().len(), usize::from(kept), "half-kept contents");

    // A file that fits still goes in.
    let small = disk.attach("small.txt", contents(100, 100 * 1024)).await;
    assert_eq!(small.status, 303, "{}", small.body);
    assert_eq!(disk.ticket_attachments().await, i64::from(kept) + 1);

    new_ticket_is_refused_as_typed(&disk).await;
    project_document_is_refused(&disk).await;
    let api = disk.api();
    let ticket = disk.fixture.printer;
    let (status, body) = api
        .upload_raw(
            ticket,
            "file_name=psa.bin",
            "application/octet-stream",
            contents(200, UPLOAD_BYTES),
        )
        .await;
    assert_eq!(status, 507, "{body}");
    assert_eq!(body["error"], "storage_full", "{body}");
    assert!(disk.files("tmp").is_empty());
    assert_eq!(disk.ticket_attachments().await, i64::from(kept) + 1);

    // Counted (ticket form, new ticket, integration API; the project form apart) and logged
    // once each, naming the folder.
    let tickets = "portal_ticket_attachments_uploaded_total";
    assert_eq!(disk.counted(tickets).await, 3.0);
    let documents = "portal_project_documents_uploaded_total";
    assert_eq!(disk.counted(documents).await, 1.0);
    let output = disk.portal.output();
    let logged: Vec<&str> = output.lines().filter(|l| l.contains(FULL_LOG)).collect();
    assert_eq!(logged.len(), 4, "{output}");
    let folder = disk.portal_folder();
    assert!(logged.iter().all(|l| l.contains(&folder)), "{logged:?}");

    // Space freed: the refused upload now goes in.
    std::fs::remove_file(disk.seen.join("filler")).unwrap();
    let again = disk
        .attach(&format!("part-{kept}.bin"), contents(kept, UPLOAD_BYTES))
        .await;
    assert_eq!(again.status, 303, "{}", again.body);
    assert_eq!(disk.ticket_attachments().await, i64::from(kept) + 2);
    let (status, body) = api
        .upload_raw(
            ticket,
            "file_name=psa.bin",
            "application/octet-stream",
            contents(200, 1024),
        )
        .await;
    assert_eq!(status, 201, "{body}");
}

/// The new-ticket form with a file that does not fit: 507, the form again as typed, no ticket.
async fn new_ticket_is_refused_as_typed(disk: &FullDisk) {
    let page = disk.ada.get("/client-portal/tickets/new").await;
    assert_eq!(page.status, 200, "{}", page.body);
    let token = Browser::form_csrf(&page);
    let (board, priority) = (
        disk.fixture.desk.to_string(),
        disk.fixture.normal.to_string(),
    );
    let title = "Scanner on the 3rd floor is offline";
    let description = "It shows error E-42 since this morning.";
    let fields = [
        ("csrf_token", token.as_str()),
        ("title", title),
        ("description", description),
        ("board", board.as_str()),
        ("priority", priority.as_str()),
    ];
    let file = (
        "files",
        "scan.pdf",
        "application/pdf",
        contents(201, UPLOAD_BYTES),
    );
    let page = disk
        .ada
        .post_multipart("/client-portal/tickets", &fields, &[file])
        .await;
    disk.assert_refused(&page, "the new-ticket form");
    assert!(page.body.contains(title), "{}", page.body);
    assert!(page.body.contains(description), "{}", page.body);
    assert!(page.body.contains("files-error"), "{}", page.body);
    let sql = "SELECT COUNT(*) FROM tickets WHERE tenant = $1 AND title = $2";
    let args = [Arg::Uuid(disk.app.tenant.id), Arg::Text(title.to_owned())];
    assert_eq!(disk.count(sql, &args).await, 0, "a ticket was created");
}

/// A task's documents form with a file that does not fit: 507, the project page, no document.
async fn project_document_is_refused(disk: &FullDisk) {
    let page = disk.ada.get("/client-portal/projects/PRJ-1").await;
    assert_eq!(page.status, 200, "{}", page.body);
    let token = Browser::form_csrf(&page);
    let task = disk.task;
    let path = format!("/client-portal/projects/PRJ-1/tasks/{task}/documents");
    let file = (
        "files",
        "kit.bin",
        "application/octet-stream",
        contents(202, UPLOAD_BYTES),
    );
    let page = disk
        .ada
        .post_multipart(&path, &[("csrf_token", &token)], &[file])
        .await;
    disk.assert_refused(&page, "a task's documents form");
    let sql = "SELECT COUNT(*) FROM project_documents WHERE tenant = $1";
    assert_eq!(disk.count(sql, &[Arg::Uuid(disk.app.tenant.id)]).await, 0);
}
