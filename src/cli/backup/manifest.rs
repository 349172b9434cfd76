//! `manifest.json`, the description a backup carries: what made it and when, the database file
//! with its SHA-256, the attachment files with their count and size. A restore reads nothing it
//! has not checked against this.

use std::path::Path;

use anyhow::{bail, Context};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The manifest's file name in a backup folder.
pub const MANIFEST_FILE: &str = "manifest.json";
/// The database file's name in a backup folder.
pub const DATABASE_FILE: &str = "portal.db";
/// The attachments folder's name in a backup folder (`ab/<sha256>` below it).
pub const ATTACHMENTS_DIR: &str = "attachments";
/// The encryption key file's name in a backup folder (when the portal kept it in `data/`).
pub const KEY_FILE: &str = "secret.key";
/// The layout this binary writes and reads.
pub const FORMAT: u32 = 1;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub format: u32,
    /// The `portal` version that made it.
    pub portal_version: String,
    pub created_at: DateTime<Utc>,
    /// The database snapshot; `None` in an attachments-only backup (PostgreSQL deployments).
    pub database: Option<DatabaseEntry>,
    pub attachments: AttachmentsEntry,
    /// A fingerprint of the encryption key that sealed two-factor and SSO client secrets
    /// (never the key), when one was found.
    pub encryption_key_fingerprint: Option<String>,
    /// Whether `secret.key` (the key the portal kept in `data/secret.key`) is in the backup.
    pub encryption_key_file: bool,
    /// Every file of the backup but the manifest, and their bytes.
    pub file_count: u64,
    pub total_bytes: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatabaseEntry {
    /// Always `sqlite` (PostgreSQL is backed up with `pg_dump`).
    pub backend: String,
    pub file: String,
    /// The newest migration applied to it.
    pub schema_version: i64,
    pub bytes: u64,
    pub sha256: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttachmentsEntry {
    /// `local` (copied into `attachments/`) or `s3` (in the bucket, not copied).
    pub location: String,
    pub files: u64,
    pub bytes: u64,
}

impl Manifest {
    /// Reads and checks `dir/manifest.json`: present, JSON of this layout, plausible values.
    pub fn read(dir: &Path) -> anyhow::Result<Manifest> {
        let path = dir.join(MANIFEST_FILE);
        let text = std::fs::read_to_string(&path).with_context(|| {
            format!(
                "cannot read {}: not a backup made by `portal backup`, or unreadable",
                path.display()
            )
        })?;
        let manifest: Manifest = serde_json::from_str(&text)
            .with_context(|| format!("{} is corrupt (not a backup manifest)", path.display()))?;
        if manifest.format != FORMAT {
            bail!(
                "{} has layout {}; this portal reads layout {FORMAT}",
                path.display(),
                manifest.format
            );
        }
        if let Some(db) = &manifest.database {
            if db.backend != "sqlite" || db.file != DATABASE_FILE || !is_sha256(&db.sha256) {
                bail!(
                    "{} is corrupt: its database entry is not one `portal backup` writes",
                    path.display()
                );
            }
        }
        if !matches!(manifest.attachments.location.as_str(), "local" | "s3") {
            bail!(
                "{} is corrupt: attachments.location must be `local` or `s3`",
                path.display()
            );
        }
        Ok(manifest)
    }

    /// Writes the manifest to `dir/manifest.json` (flushed to disk).
    pub fn write(&self, dir: &Path) -> anyhow::Result<()> {
        let text = serde_json::to_string_pretty(self).context("cannot encode the manifest")?;
        crate::cli::backup::files::write_synced(&dir.join(MANIFEST_FILE), text.as_bytes())
    }
}

/// Whether `s` is a lowercase hex SHA-256.
pub fn is_sha256(s: &str) -> bool {
    s.len() == 64
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// A fingerprint of an encryption key: enough to tell two keys apart, nothing about either.
pub fn key_fingerprint(key: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::new()
        .chain_update(b"portal backup key fingerprint\0")
        .chain_update(key.trim().as_bytes())
        .finalize();
    hex::encode(digest.get(..8).unwrap_or_default())
}
