//! Where the portal keeps files (ticket attachments, project documents, invoice PDFs, logos) and
//! their limits: `[attachments]`, with `[tickets]`' older keys (`attachments_dir`,
//! `max_attachment_bytes`, `max_files_per_upload`, `[tickets.s3]`) still accepted as aliases. A
//! setting given under both names with different values stops start-up naming both.

use std::path::PathBuf;

use secrecy::SecretString;
use serde::Deserialize;

use super::{ConfigError, Settings};

/// `[attachments]`: the file store every part of the portal uses, and its limits.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AttachmentSettings {
    /// Where files are stored, by content hash (`<dir>/ab/<sha256>`); with `s3` set, only
    /// uploads in progress are spooled here (`<dir>/tmp`). Default `data/attachments`.
    pub dir: Option<PathBuf>,
    /// Largest file accepted, in bytes. Default 20 MiB.
    pub max_file_bytes: Option<u64>,
    /// Most files in one upload. Default 10.
    pub max_files_per_upload: Option<usize>,
    /// Keep file contents in an S3-compatible bucket instead (several instances).
    pub s3: Option<S3Settings>,
}

/// `[tickets]`: the per-tenant data actors; its attachment keys are the old names of
/// `[attachments]`' (accepted, not needed).
#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TicketSettings {
    /// How long a tenant's data actor may go unused before it stops.
    pub tenant_idle_minutes: u32,
    /// Old name of `attachments.max_file_bytes`.
    pub max_attachment_bytes: Option<u64>,
    /// Old name of `attachments.max_files_per_upload`.
    pub max_files_per_upload: Option<usize>,
    /// Old name of `attachments.dir`.
    pub attachments_dir: Option<PathBuf>,
    /// Old name of `[attachments.s3]`.
    pub s3: Option<S3Settings>,
}

impl Default for TicketSettings {
    fn default() -> Self {
        Self {
            tenant_idle_minutes: 10,
            max_attachment_bytes: None,
            max_files_per_upload: None,
            attachments_dir: None,
            s3: None,
        }
    }
}

/// The file store's settings as they apply, whichever name they were given under.
#[derive(Debug)]
pub struct Attachments<'a> {
    pub dir: PathBuf,
    pub max_file_bytes: u64,
    pub max_files_per_upload: usize,
    pub s3: Option<&'a S3Settings>,
    /// The key the bucket was configured under (for messages).
    pub s3_key: &'static str,
}

/// The one value of a setting that has a new and an old name.
fn one_of<'a, T: PartialEq>(
    new: (&'static str, Option<&'a T>),
    old: (&'static str, Option<&'a T>),
) -> Result<Option<(&'static str, &'a T)>, ConfigError> {
    match (new.1, old.1) {
        (Some(a), Some(b)) if a != b => Err(ConfigError::Invalid {
            key: new.0,
            problem: format!(
                "and `{}` (its old name) are both set, differently: keep only `{}`",
                old.0, new.0
            ),
        }),
        (Some(a), _) => Ok(Some((new.0, a))),
        (None, Some(b)) => Ok(Some((old.0, b))),
        (None, None) => Ok(None),
    }
}

impl Settings {
    /// Where files are kept and their limits, from `[attachments]` or the old `[tickets]` keys.
    pub fn attachments(&self) -> Result<Attachments<'_>, ConfigError> {
        let (a, t) = (&self.attachments, &self.tickets);
        let dir = one_of(
            ("attachments.dir", a.dir.as_ref()),
            ("tickets.attachments_dir", t.attachments_dir.as_ref()),
        )?;
        let max_file_bytes = one_of(
            ("attachments.max_file_bytes", a.max_file_bytes.as_ref()),
            (
                "tickets.max_attachment_bytes",
                t.max_attachment_bytes.as_ref(),
            ),
        )?;
        let max_files = one_of(
            (
                "attachments.max_files_per_upload",
                a.max_files_per_upload.as_ref(),
            ),
            (
                "tickets.max_files_per_upload",
                t.max_files_per_upload.as_ref(),
            ),
        )?;
        for (key, value) in [
            max_file_bytes.map(|(k, v)| (k, *v)),
            max_files.map(|(k, v)| (k, *v as u64)),
        ]
        .into_iter()
        .flatten()
        {
            if value == 0 {
                return Err(ConfigError::Invalid {
                    key,
                    problem: "must be at least 1".into(),
                });
            }
        }
        let (s3, s3_key) = match (&a.s3, &t.s3) {
            (Some(_), Some(_)) => {
                return Err(ConfigError::Invalid {
                    key: "attachments.s3",
                    problem: "and `tickets.s3` (its old name) are both set: keep only \
                              `[attachments.s3]`"
                        .into(),
                })
            }
            (Some(s3), None) => (Some(s3), "attachments.s3"),
            (None, Some(s3)) => (Some(s3), "tickets.s3"),
            (None, None) => (None, "attachments.s3"),
        };
        if let Some(s3) = s3 {
            s3.config().validate().map_err(|e| ConfigError::Invalid {
                key: s3_key,
                problem: e.to_string(),
            })?;
        }
        Ok(Attachments {
            dir: dir.map_or_else(|| PathBuf::from("data/attachments"), |(_, d)| d.clone()),
            max_file_bytes: max_file_bytes.map_or(20 * 1024 * 1024, |(_, v)| *v),
            max_files_per_upload: max_files.map_or(10, |(_, v)| *v),
            s3,
            s3_key,
        })
    }
}

/// `[attachments.s3]` (formerly `[tickets.s3]`): an S3-compatible bucket for attachment contents (`<key_prefix>ab/<sha256>`).
/// The bucket must exist; the portal checks it at start-up and will not start without it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct S3Settings {
    /// `https://s3.eu-west-1.amazonaws.com`, `https://<account>.r2.cloudflarestorage.com`,
    /// `http://minio.internal:9000`, …
    pub endpoint: String,
    #[serde(default = "default_s3_region")]
    pub region: String,
    pub bucket: String,
    pub access_key_id: String,
    /// Set it with `PORTAL__ATTACHMENTS__S3__SECRET_ACCESS_KEY` rather than in the file.
    pub secret_access_key: SecretString,
    /// `endpoint/bucket/key` (MinIO, Ceph RGW, an IP endpoint) instead of `bucket.endpoint/key`.
    #[serde(default)]
    pub path_style: bool,
    /// Put before every key, e.g. `portal/attachments/`.
    #[serde(default)]
    pub key_prefix: String,
    /// Connecting, each small request, and each wait for data while downloading.
    #[serde(default = "default_s3_request_timeout")]
    pub request_timeout_seconds: u64,
    /// The whole upload of one attachment to the bucket.
    #[serde(default = "default_s3_transfer_timeout")]
    pub transfer_timeout_seconds: u64,
}

fn default_s3_region() -> String {
    "us-east-1".into()
}

fn default_s3_request_timeout() -> u64 {
    10
}

fn default_s3_transfer_timeout() -> u64 {
    300
}

impl S3Settings {
    pub fn config(&self) -> portal_actors::attachments::S3Config {
        portal_actors::attachments::S3Config {
            endpoint: self.endpoint.clone(),
            region: self.region.clone(),
            bucket: self.bucket.clone(),
            access_key_id: self.access_key_id.clone(),
            secret_access_key: self.secret_access_key.clone(),
            path_style: self.path_style,
            key_prefix: self.key_prefix.clone(),
            request_timeout: std::time::Duration::from_secs(self.request_timeout_seconds),
            transfer_timeout: std::time::Duration::from_secs(self.transfer_timeout_seconds),
        }
    }
}
