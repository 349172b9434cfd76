//! `portal restore <dir>`: everything is checked before anything changes — the manifest, the
//! database file's hash and soundness, its schema (never newer than this binary's migrations),
//! each attachment against the hash it is named by, the target database (not in use, empty
//! unless `--force`), the encryption key. Then the attachments move into place, the database is
//! written beside the target and renamed over it, and forward migrations run.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use clap::Args;
use portal_actors::store::backup as db_backup;
use rand::RngCore;
use secrecy::ExposeSecret;

use super::files::{content_files, copy_hashed, make_private, sync_dir, ContentFile};
use super::manifest::{key_fingerprint, Manifest, ATTACHMENTS_DIR, DATABASE_FILE, KEY_FILE};
use super::DATA_KEY_FILE;
use crate::config::Settings;

#[derive(Debug, Args)]
#[command(
    long_about = "Restore a backup made by `portal backup` into the database and attachments \
                  folder this configuration names.\n\nStop every portal using that database \
                  first: a restore replaces the database file (on SQLite it refuses while a \
                  server has the file open). Nothing changes unless every check passes."
)]
pub struct RestoreArgs {
    /// The backup folder (the one `portal backup` wrote).
    pub dir: PathBuf,
    /// Replace a database that already holds tenants.
    #[arg(long)]
    pub force: bool,
    /// Restore a backup whose two-factor and SSO client secrets were sealed with another
    /// encryption key than the configured one (users then enroll two-factor again).
    #[arg(long)]
    pub accept_other_key: bool,
}

/// What a restore leaves behind if it stops early: removed on drop unless `disarm`ed.
#[derive(Debug, Default)]
struct Scratch {
    files: Vec<PathBuf>,
    dirs: Vec<PathBuf>,
}

impl Scratch {
    fn disarm(&mut self) {
        self.files.clear();
        self.dirs.clear();
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        for file in &self.files {
            let _ = std::fs::remove_file(file);
        }
        for dir in &self.dirs {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

/// `portal restore <dir>`.
pub fn restore(settings: Settings, args: RestoreArgs) -> anyhow::Result<()> {
    crate::cli::block_on(restore_checked(settings, args))
}

async fn restore_checked(settings: Settings, args: RestoreArgs) -> anyhow::Result<()> {
    let manifest = Manifest::read(&args.dir)?;
    let url = settings.database.url.expose_secret().to_owned();
    let target = match (&manifest.database, db_backup::sqlite_file(&url)) {
        (Some(_), None) => bail!(
            "database.url is PostgreSQL and this is a SQLite backup: restore a PostgreSQL \
             database from its `pg_dump -Fc` file with `pg_restore`"
        ),
        (Some(db), Some(file)) => {
            newer_schema_refused(db.schema_version)?;
            Some(file.to_path_buf())
        }
        (None, _) => None,
    };
    let key_to_install = check_key(&settings, &args, &manifest)?;
    let mut scratch = Scratch::default();
    let staged = stage_attachments(&settings, &args.dir, &manifest, &mut scratch)?;
    let prepared = match &target {
        Some(target) => Some(prepare_database(target, &args, &manifest, &mut scratch).await?),
        None => None,
    };

    // Every check passed: from here on, things change.
    for (from, to) in &staged.moves {
        place(from, to)?;
    }
    if let Some(key) = &key_to_install {
        install_key(key)?;
    }
    if let (Some(target), Some((copy, claim))) = (&target, prepared) {
        if let Some(claim) = claim {
            claim
                .release()
                .await
                .context("cannot close the database being replaced")?;
        }
        replace_database(&copy, target)?;
        let db = portal_actors::Db::connect(&url, 1)
            .await
            .context("cannot open the restored database")?;
        db.migrate()
            .await
            .context("cannot migrate the restored database")?;
        db.close().await;
    }
    scratch.disarm();
    if let Some(stage) = &staged.stage {
        let _ = std::fs::remove_dir_all(stage);
    }
    print_summary(&args.dir, &manifest, &staged, key_to_install.is_some());
    Ok(())
}

fn newer_schema_refused(version: i64) -> anyhow::Result<()> {
    let known = db_backup::latest_schema_version();
    if version > known {
        bail!(
            "this backup's database has schema {version}, newer than this portal's ({known}): \
             restore it with the portal version that made it (migrations never run backwards)"
        );
    }
    Ok(())
}

/// Whether the backup's sealed secrets open with the target's key; the backup's `secret.key`
/// to install when the target has no key at all.
fn check_key(
    settings: &Settings,
    args: &RestoreArgs,
    manifest: &Manifest,
) -> anyhow::Result<Option<String>> {
    let target_key = match &settings.security.encryption_key {
        Some(key) => Some(key.expose_secret().to_owned()),
        None => match std::fs::read_to_string(DATA_KEY_FILE) {
            Ok(key) => Some(key),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(e).with_context(|| format!("cannot read {DATA_KEY_FILE}")),
        },
    };
    let Some(wanted) = &manifest.encryption_key_fingerprint else {
        return Ok(None);
    };
    match target_key {
        Some(key) if key_fingerprint(&key) == *wanted || args.accept_other_key => Ok(None),
        Some(_) => bail!(
            "this backup's two-factor and SSO client secrets were sealed with another \
             encryption key than this configuration's: set security.encryption_key to that key \
             (the backup's {KEY_FILE} when it has one), or pass --accept-other-key (users then \
             enroll two-factor again and SSO client secrets must be set again)"
        ),
        None if manifest.encryption_key_file => {
            let path = args.dir.join(KEY_FILE);
            let key = std::fs::read_to_string(&path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            if key_fingerprint(&key) != *wanted {
                bail!(
                    "{} does not match the manifest: the backup is corrupt",
                    path.display()
                );
            }
            Ok(Some(key))
        }
        None => {
            eprintln!(
                "warning: the backed-up portal had its encryption key configured: set \
                 security.encryption_key to it before starting the portal"
            );
            Ok(None)
        }
    }
}

/// Attachments copied and checked into the target's `tmp/`, waiting to move into place.
#[derive(Debug, Default)]
struct Staged {
    stage: Option<PathBuf>,
    moves: Vec<(PathBuf, PathBuf)>,
    files: u64,
    bytes: u64,
}

fn stage_attachments(
    settings: &Settings,
    dir: &Path,
    manifest: &Manifest,
    scratch: &mut Scratch,
) -> anyhow::Result<Staged> {
    let files = settings.attachments()?;
    let found = content_files(&dir.join(ATTACHMENTS_DIR))?;
    if found.is_empty() && manifest.attachments.files == 0 {
        return Ok(Staged::default());
    }
    if let Some(s3) = files.s3 {
        bail!(
            "this backup holds {} local attachment file(s) but attachments are kept in the \
             bucket `{}`: restore into a configuration without [attachments.s3], or copy \
             {} into the bucket yourself",
            found.len(),
            s3.bucket,
            dir.join(ATTACHMENTS_DIR).display()
        );
    }
    let root = files.dir;
    let stage = root
        .join("tmp")
        .join(format!("restore-{}", random_suffix()));
    // On a refusal, the outermost folder this made goes again.
    let made = [root.clone(), root.join("tmp"), stage.clone()]
        .into_iter()
        .find(|dir| !dir.exists());
    std::fs::create_dir_all(&stage)
        .with_context(|| format!("cannot create {}", stage.display()))?;
    scratch.dirs.extend(made);
    let mut staged = Staged {
        stage: Some(stage.clone()),
        ..Staged::default()
    };
    for file in &found {
        let to = stage.join(&file.sha256);
        let hashed = copy_hashed(&file.path, &to)?;
        if hashed.sha256 != file.sha256 {
            bail!(
                "{} does not match the hash it is named by: the backup is damaged or was \
                 altered; nothing was restored",
                file.path.display()
            );
        }
        staged.files = staged.files.saturating_add(1);
        staged.bytes = staged.bytes.saturating_add(hashed.bytes);
        staged.moves.push((to, ContentFile::place_in(file, &root)));
    }
    if staged.files != manifest.attachments.files || staged.bytes != manifest.attachments.bytes {
        bail!(
            "the backup holds {} attachment file(s) ({} bytes) but its manifest lists {} ({} \
             bytes): the backup is incomplete or was altered; nothing was restored",
            staged.files,
            staged.bytes,
            manifest.attachments.files,
            manifest.attachments.bytes
        );
    }
    Ok(staged)
}

/// The target database claimed (when it exists) and the backup's copy written and checked
/// beside it.
async fn prepare_database(
    target: &Path,
    args: &RestoreArgs,
    manifest: &Manifest,
    scratch: &mut Scratch,
) -> anyhow::Result<(PathBuf, Option<db_backup::ClaimedDatabase>)> {
    let Some(entry) = &manifest.database else {
        bail!("the manifest lists no database");
    };
    let claim = if target.exists() {
        let claim = db_backup::claim(target)
            .await
            .with_context(|| format!("cannot open {}", target.display()))?
            .with_context(|| {
                format!(
                    "{} is in use by a running portal: stop it first",
                    target.display()
                )
            })?;
        if claim.facts().tenants > 0 && !args.force {
            bail!(
                "{} already holds {} tenant(s): pass --force to replace it",
                target.display(),
                claim.facts().tenants
            );
        }
        Some(claim)
    } else {
        None
    };
    let parent = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)
        .with_context(|| format!("cannot create {}", parent.display()))?;
    let name = target
        .file_name()
        .map_or_else(|| "portal.db".into(), |n| n.to_string_lossy().into_owned());
    let copy = parent.join(format!(".{name}.restoring-{}", random_suffix()));
    scratch.files.push(copy.clone());
    let source = args.dir.join(DATABASE_FILE);
    let hashed = copy_hashed(&source, &copy)?;
    if hashed.sha256 != entry.sha256 || hashed.bytes != entry.bytes {
        bail!(
            "{} does not match the manifest's hash: the backup is damaged or was altered; \
             nothing was restored",
            source.display()
        );
    }
    let facts = db_backup::check_copy(&copy)
        .await
        .with_context(|| format!("cannot open {}", source.display()))?
        .map_err(|problem| anyhow::anyhow!("{} is damaged: {problem}", source.display()))?;
    newer_schema_refused(facts.schema_version)?;
    Ok((copy, claim))
}

/// Moves a staged attachment into place (contents already there are the same by their name).
fn place(from: &Path, to: &Path) -> anyhow::Result<()> {
    if to.exists() {
        return Ok(());
    }
    if let Some(shard) = to.parent() {
        std::fs::create_dir_all(shard)
            .with_context(|| format!("cannot create {}", shard.display()))?;
    }
    std::fs::rename(from, to)
        .with_context(|| format!("cannot move {} to {}", from.display(), to.display()))
}

fn install_key(key: &str) -> anyhow::Result<()> {
    let path = Path::new(DATA_KEY_FILE);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    super::files::write_synced(path, key.as_bytes())?;
    make_private(path)
}

/// Renames the checked copy over the target, with no stale write-ahead log left beside it.
fn replace_database(copy: &Path, target: &Path) -> anyhow::Result<()> {
    for suffix in ["-wal", "-shm"] {
        let mut side = target.as_os_str().to_owned();
        side.push(suffix);
        match std::fs::remove_file(PathBuf::from(side)) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                return Err(e)
                    .with_context(|| format!("cannot remove {}{suffix}", target.display()))
            }
        }
    }
    std::fs::rename(copy, target)
        .with_context(|| format!("cannot move the restored database to {}", target.display()))?;
    if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
        sync_dir(parent)?;
    }
    Ok(())
}

fn random_suffix() -> String {
    let mut bytes = [0u8; 8];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

fn print_summary(dir: &Path, manifest: &Manifest, staged: &Staged, key_installed: bool) {
    if let Some(db) = &manifest.database {
        println!(
            "Database restored (schema {}, made by portal {} at {}); migrations applied.",
            db.schema_version,
            manifest.portal_version,
            manifest.created_at.to_rfc3339()
        );
    }
    println!(
        "Attachments: {} file(s), {} bytes.",
        staged.files, staged.bytes
    );
    if manifest.attachments.location == "s3" {
        println!(
            "The backed-up portal kept its attachments in a bucket: they were not in the backup."
        );
    }
    if key_installed {
        println!("Encryption key installed in {DATA_KEY_FILE}.");
    }
    println!("Restored from {}.", dir.display());
}
