//! `portal backup <dir>` and `portal restore <dir>`: the embedded SQLite database (a consistent
//! `VACUUM INTO` snapshot, safe while the portal serves), the local attachments folder (which
//! holds the tenants' logos too) and, when the portal keeps it in `data/`, the encryption key,
//! described by a `manifest.json`. PostgreSQL is backed up with `pg_dump`; a bucket by its own
//! versioning or replication.

pub mod files;
pub mod manifest;
mod restore;

use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use clap::Args;
use portal_actors::store::backup as db_backup;
use portal_actors::SharedClock;
use secrecy::ExposeSecret;

use self::files::{content_files, copy_hashed, missing_or_empty, sync_dir};
use self::manifest::{
    key_fingerprint, AttachmentsEntry, DatabaseEntry, Manifest, ATTACHMENTS_DIR, DATABASE_FILE,
    FORMAT, KEY_FILE,
};
use crate::config::Settings;

pub use self::restore::{restore, RestoreArgs};

/// Where the portal keeps its generated encryption key (see `cli::encryption_key`).
const DATA_KEY_FILE: &str = "data/secret.key";

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// The folder to write: created, or an existing empty one (a folder with files is refused).
    pub dir: PathBuf,
    /// Copy only the local attachments folder (for PostgreSQL, whose database `pg_dump -Fc`
    /// backs up).
    #[arg(long)]
    pub attachments_only: bool,
}

/// What a backup copied, for the manifest and the summary.
#[derive(Debug, Default)]
struct Copied {
    database: Option<DatabaseEntry>,
    attachments: u64,
    attachment_bytes: u64,
    skipped: Vec<String>,
    key_file_bytes: Option<u64>,
}

/// `portal backup <dir>`.
pub fn backup(settings: Settings, args: BackupArgs) -> anyhow::Result<()> {
    let url = settings.database.url.expose_secret().to_owned();
    let files = settings.attachments()?;
    let in_bucket = files
        .s3
        .map(|s3| format!("`{}` at {}", s3.bucket, s3.endpoint));
    let db_file = db_backup::sqlite_file(&url).map(Path::to_path_buf);
    match (&db_file, args.attachments_only, &in_bucket) {
        (None, false, _) => bail!(
            "database.url is PostgreSQL: back the database up with `pg_dump -Fc` (restore it \
             with `pg_restore`); `portal backup --attachments-only <dir>` copies the local \
             attachments folder"
        ),
        (_, true, Some(bucket)) => bail!(
            "attachments are kept in the bucket {bucket}: back them up with the bucket's own \
             versioning or replication; nothing local to copy"
        ),
        _ => {}
    }
    if !missing_or_empty(&args.dir)? {
        bail!(
            "{} exists and is not empty: back up into a new or empty folder",
            args.dir.display()
        );
    }
    let existed = args.dir.exists();
    std::fs::create_dir_all(&args.dir)
        .with_context(|| format!("cannot create {}", args.dir.display()))?;
    let made = crate::cli::block_on(async {
        let db_file = db_file.filter(|_| !args.attachments_only);
        let attachments = in_bucket.is_none().then_some(files.dir.as_path());
        write_backup(&settings, &args.dir, db_file.as_deref(), attachments).await
    });
    if made.is_err() {
        // Nothing half-written stays behind.
        let _ = std::fs::remove_dir_all(&args.dir);
        if existed {
            let _ = std::fs::create_dir(&args.dir);
        }
    }
    made?;
    if let Some(bucket) = in_bucket {
        println!(
            "Attachments are kept in the bucket {bucket}: not copied (the bucket's own \
             versioning or replication backs them up)."
        );
    }
    Ok(())
}

async fn write_backup(
    settings: &Settings,
    dir: &Path,
    db_file: Option<&Path>,
    attachments: Option<&Path>,
) -> anyhow::Result<()> {
    let mut copied = Copied::default();
    if let Some(db_file) = db_file {
        copied.database = Some(snapshot_database(db_file, dir).await?);
    }
    if let Some(root) = attachments {
        copy_attachments(root, &dir.join(ATTACHMENTS_DIR), &mut copied)?;
    }
    let (fingerprint, key_file) = encryption_key(settings)?;
    if let Some(key) = key_file {
        let path = dir.join(KEY_FILE);
        files::write_synced(&path, key.as_bytes())?;
        files::make_private(&path)?;
        copied.key_file_bytes = Some(u64::try_from(key.len()).unwrap_or(u64::MAX));
    }
    let db_bytes = copied.database.as_ref().map_or(0, |d| d.bytes);
    let manifest = Manifest {
        format: FORMAT,
        portal_version: env!("CARGO_PKG_VERSION").to_owned(),
        created_at: SharedClock::system().now(),
        database: copied.database.clone(),
        attachments: AttachmentsEntry {
            location: if attachments.is_some() { "local" } else { "s3" }.to_owned(),
            files: copied.attachments,
            bytes: copied.attachment_bytes,
        },
        encryption_key_fingerprint: fingerprint,
        encryption_key_file: copied.key_file_bytes.is_some(),
        file_count: copied
            .attachments
            .saturating_add(u64::from(copied.database.is_some()))
            .saturating_add(u64::from(copied.key_file_bytes.is_some())),
        total_bytes: db_bytes
            .saturating_add(copied.attachment_bytes)
            .saturating_add(copied.key_file_bytes.unwrap_or(0)),
    };
    manifest.write(dir)?;
    sync_dir(dir)?;
    print_summary(dir, &manifest, &copied.skipped);
    Ok(())
}

/// `VACUUM INTO` the backup folder, checked sound, then hashed.
async fn snapshot_database(db_file: &Path, dir: &Path) -> anyhow::Result<DatabaseEntry> {
    if !db_file.is_file() {
        bail!(
            "no database at {} (database.url): nothing to back up",
            db_file.display()
        );
    }
    let into = dir.join(DATABASE_FILE);
    db_backup::snapshot(db_file, &into)
        .await
        .with_context(|| format!("cannot snapshot the database {}", db_file.display()))?;
    let facts = db_backup::check_copy(&into)
        .await
        .context("cannot read the snapshot back")?
        .map_err(|problem| anyhow::anyhow!("the snapshot is damaged: {problem}"))?;
    let hashed = files::hash_file(&into)?;
    Ok(DatabaseEntry {
        backend: "sqlite".into(),
        file: DATABASE_FILE.into(),
        schema_version: facts.schema_version,
        bytes: hashed.bytes,
        sha256: hashed.sha256,
    })
}

/// Copies every stored file (each checked against the hash it is named by; a damaged one is
/// left out and named) into `to`, in the same layout.
fn copy_attachments(root: &Path, to: &Path, copied: &mut Copied) -> anyhow::Result<()> {
    std::fs::create_dir_all(to).with_context(|| format!("cannot create {}", to.display()))?;
    for file in content_files(root)? {
        let target = file.place_in(to);
        if let Some(shard) = target.parent() {
            std::fs::create_dir_all(shard)
                .with_context(|| format!("cannot create {}", shard.display()))?;
        }
        let hashed = copy_hashed(&file.path, &target)?;
        if hashed.sha256 != file.sha256 {
            std::fs::remove_file(&target)
                .with_context(|| format!("cannot remove {}", target.display()))?;
            copied.skipped.push(file.path.display().to_string());
            continue;
        }
        copied.attachments = copied.attachments.saturating_add(1);
        copied.attachment_bytes = copied.attachment_bytes.saturating_add(hashed.bytes);
    }
    Ok(())
}

/// The fingerprint of the key sealing two-factor and SSO secrets, and the key itself when the
/// portal keeps it in `data/secret.key` (a configured key stays in the configuration).
fn encryption_key(settings: &Settings) -> anyhow::Result<(Option<String>, Option<String>)> {
    if let Some(key) = &settings.security.encryption_key {
        return Ok((Some(key_fingerprint(key.expose_secret())), None));
    }
    match std::fs::read_to_string(DATA_KEY_FILE) {
        Ok(key) => Ok((Some(key_fingerprint(&key)), Some(key))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok((None, None)),
        Err(e) => Err(e).with_context(|| format!("cannot read {DATA_KEY_FILE}")),
    }
}

fn print_summary(dir: &Path, manifest: &Manifest, skipped: &[String]) {
    match &manifest.database {
        Some(db) => println!(
            "Database: {} bytes, schema {}, sha256 {}.",
            db.bytes, db.schema_version, db.sha256
        ),
        None => println!("Database: not included (attachments only)."),
    }
    println!(
        "Attachments: {} file(s), {} bytes.",
        manifest.attachments.files, manifest.attachments.bytes
    );
    if manifest.encryption_key_file {
        println!("Encryption key: {KEY_FILE} (readable by you only; keep the backup private).");
    }
    for path in skipped {
        eprintln!("warning: left out {path}: its contents no longer match the hash it is named by");
    }
    println!(
        "Backed up {} file(s), {} bytes, to {}.",
        manifest.file_count,
        manifest.total_bytes,
        dir.display()
    );
}
