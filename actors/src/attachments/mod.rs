//! The attachment store: file contents kept once per SHA-256, under the data folder
//! (`<dir>/ab/<sha256>`) or, when configured, in an S3-compatible bucket (`<prefix>ab/<sha256>`,
//! see `s3`). Uploads are written through a temporary file in `<dir>/tmp` that is removed unless
//! the upload completes within its size limit. Ticket rows refer to contents by hash.
//! A full disk (or quota) is `UploadError::NoSpace`, logged once with the folder; temporary
//! files a killed process left behind are removed when the store opens, once an hour old.

pub mod s3;

use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use futures_util::Stream;
use rand::RngCore;
use sha2::{Digest, Sha256};
use tokio::io::AsyncWriteExt;

pub use self::s3::{S3Bucket, S3Config, S3Error};
use crate::clock::SharedClock;
use crate::db::{Db, DbError};

/// Size of the chunks a local file is read in.
const READ_CHUNK_BYTES: usize = 64 * 1024;
/// Age past which a temporary file is an upload nobody finishes (its process was killed);
/// younger ones may be another instance's uploads in progress.
const STALE_UPLOAD_AGE: Duration = Duration::from_secs(60 * 60);

#[derive(Debug, thiserror::Error)]
pub enum UploadError {
    #[error("the file is larger than {limit} bytes")]
    TooLarge { limit: u64 },
    #[error("the file is empty")]
    Empty,
    #[error("no space left to store attachments in {}", folder.display())]
    NoSpace {
        folder: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("attachment storage failed")]
    Io(#[from] std::io::Error),
}

impl UploadError {
    /// A failed write to the store in `folder`: `NoSpace` (logged here, once) when the disk or
    /// the quota is full, else `Io`.
    fn writing(folder: &Path, source: std::io::Error) -> UploadError {
        match source.kind() {
            ErrorKind::StorageFull | ErrorKind::QuotaExceeded => {
                tracing::error!(
                    folder = %folder.display(),
                    error = %source,
                    "the attachments folder is full: upload refused"
                );
                UploadError::NoSpace {
                    folder: folder.to_path_buf(),
                    source,
                }
            }
            _ => UploadError::Io(source),
        }
    }
}

/// Where attachment contents live: `root` holds the temporary files (and the contents too,
/// unless a bucket is configured).
#[derive(Debug, Clone)]
pub struct AttachmentStore {
    root: PathBuf,
    bucket: Option<Arc<S3Bucket>>,
}

/// Stored contents being read: a stream of chunks and, when known, their length.
pub struct BlobBody {
    size: Option<u64>,
    stream: Pin<Box<dyn Stream<Item = std::io::Result<Bytes>> + Send>>,
}

impl BlobBody {
    pub fn new(
        size: Option<u64>,
        stream: Pin<Box<dyn Stream<Item = std::io::Result<Bytes>> + Send>>,
    ) -> BlobBody {
        BlobBody { size, stream }
    }

    /// The length the store reports, when it reports one.
    pub fn size(&self) -> Option<u64> {
        self.size
    }

    /// The chunks, for a response body.
    pub fn into_stream(self) -> Pin<Box<dyn Stream<Item = std::io::Result<Bytes>> + Send>> {
        self.stream
    }

    /// Reads everything into memory (small files and tests only).
    pub async fn read_all(self) -> std::io::Result<Vec<u8>> {
        use futures_util::TryStreamExt as _;
        self.stream
            .try_fold(Vec::new(), |mut all, chunk| async move {
                all.extend_from_slice(&chunk);
                Ok(all)
            })
            .await
    }

    fn from_file(file: tokio::fs::File, size: u64) -> BlobBody {
        use tokio::io::AsyncReadExt as _;
        let stream = futures_util::stream::try_unfold(file, |mut file| async move {
            let mut buf = vec![0u8; READ_CHUNK_BYTES];
            let n = file.read(&mut buf).await?;
            if n == 0 {
                return Ok(None);
            }
            buf.truncate(n);
            Ok(Some((Bytes::from(buf), file)))
        });
        BlobBody::new(Some(size), Box::pin(stream))
    }
}

impl std::fmt::Debug for BlobBody {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BlobBody")
            .field("size", &self.size)
            .finish_non_exhaustive()
    }
}

/// An error with its causes, for a log line.
fn chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// Whether `content_hash` is a lowercase hex SHA-256 (anything else never names stored contents).
fn valid_hash(content_hash: &str) -> bool {
    content_hash.len() == 64
        && content_hash
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Contents stored: their key and size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredBlob {
    pub content_hash: String,
    pub size_bytes: u64,
}

impl AttachmentStore {
    /// A store in `dir` (created, with its `tmp/` folder, when missing; stale temporary files
    /// removed).
    pub fn local(dir: &Path) -> std::io::Result<AttachmentStore> {
        std::fs::create_dir_all(dir.join("tmp"))?;
        // File times are the kernel's wall clock, so they are compared with it, not the Clock.
        remove_stale_uploads(&dir.join("tmp"), SystemTime::now());
        Ok(AttachmentStore {
            root: dir.to_path_buf(),
            bucket: None,
        })
    }

    /// A store whose contents live in an S3-compatible bucket; uploads are spooled in
    /// `dir/tmp`. Fails unless the bucket answers, so a bad setting stops start-up.
    pub async fn s3(
        dir: &Path,
        config: &S3Config,
        clock: SharedClock,
    ) -> Result<AttachmentStore, S3Error> {
        let bucket = S3Bucket::new(config, clock)?;
        std::fs::create_dir_all(dir.join("tmp")).map_err(S3Error::File)?;
        remove_stale_uploads(&dir.join("tmp"), SystemTime::now());
        bucket.check().await?;
        Ok(AttachmentStore {
            root: dir.to_path_buf(),
            bucket: Some(Arc::new(bucket)),
        })
    }

    /// The bucket, when contents are kept in one.
    pub fn bucket(&self) -> Option<&S3Bucket> {
        self.bucket.as_deref()
    }

    fn blob_path(&self, content_hash: &str) -> Option<PathBuf> {
        let shard = content_hash.get(..2).filter(|_| valid_hash(content_hash))?;
        Some(self.root.join(shard).join(content_hash))
    }

    /// Starts an upload of at most `limit` bytes into a temporary file.
    pub async fn begin(&self, limit: u64) -> Result<PendingUpload, UploadError> {
        let mut name = [0u8; 16];
        rand::rngs::OsRng.fill_bytes(&mut name);
        let path = self.root.join("tmp").join(hex::encode(name));
        let file = tokio::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .await
            .map_err(|e| UploadError::writing(&self.root, e))?;
        Ok(PendingUpload {
            folder: self.root.clone(),
            path: Some(path),
            file: Some(file),
            hasher: Sha256::new(),
            size: 0,
            limit,
        })
    }

    /// Opens stored contents for reading (streamed, never read whole); `None` when missing.
    pub async fn open(&self, content_hash: &str) -> std::io::Result<Option<BlobBody>> {
        if !valid_hash(content_hash) {
            return Ok(None);
        }
        if let Some(bucket) = &self.bucket {
            return Ok(bucket.get(&bucket.object_key(content_hash)).await?);
        }
        let Some(path) = self.blob_path(content_hash) else {
            return Ok(None);
        };
        match tokio::fs::File::open(path).await {
            Ok(file) => {
                let size = file.metadata().await?.len();
                Ok(Some(BlobBody::from_file(file, size)))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Whether contents with this hash are stored (a store that cannot be asked says no).
    pub async fn contains(&self, content_hash: &str) -> bool {
        if !valid_hash(content_hash) {
            return false;
        }
        if let Some(bucket) = &self.bucket {
            return match bucket.exists(&bucket.object_key(content_hash)).await {
                Ok(found) => found,
                Err(e) => {
                    tracing::warn!(error = %chain(&e), "cannot ask the bucket for an attachment");
                    false
                }
            };
        }
        match self.blob_path(content_hash) {
            Some(path) => tokio::fs::try_exists(path).await.unwrap_or(false),
            None => false,
        }
    }

    /// Removes stored contents (whoever still refers to them).
    async fn remove(&self, content_hash: &str) {
        if !valid_hash(content_hash) {
            return;
        }
        if let Some(bucket) = &self.bucket {
            if let Err(e) = bucket.delete(&bucket.object_key(content_hash)).await {
                tracing::warn!(error = %chain(&e), "cannot remove an unreferenced attachment");
            }
            return;
        }
        if let Some(path) = self.blob_path(content_hash) {
            if let Err(e) = tokio::fs::remove_file(&path).await {
                if e.kind() != std::io::ErrorKind::NotFound {
                    tracing::warn!(error = %e, "cannot remove an unreferenced attachment");
                }
            }
        }
    }

    /// Removes contents no attachment row refers to (after a failed save), so nothing is left
    /// behind; contents shared with a recorded attachment or a tenant's logo stay.
    pub async fn forget_unreferenced(&self, db: &Db, hashes: &[String]) -> Result<(), DbError> {
        for hash in hashes {
            if !crate::store::tickets::content_in_use(db, hash).await?
                && crate::store::tenants::brand_image_type(db, hash)
                    .await?
                    .is_none()
            {
                self.remove(hash).await;
            }
        }
        Ok(())
    }
}

/// Removes the files in `tmp` last changed `STALE_UPLOAD_AGE` or more before `now`: uploads of a
/// process killed before it finished them (folders, such as a restore's staging, stay). A
/// failure is logged and leaves the rest.
fn remove_stale_uploads(tmp: &Path, now: SystemTime) {
    let entries = match std::fs::read_dir(tmp) {
        Ok(entries) => entries,
        Err(e) => {
            tracing::warn!(folder = %tmp.display(), error = %e, "cannot list unfinished uploads");
            return;
        }
    };
    let mut removed = 0u64;
    for entry in entries.flatten() {
        let stale = entry.metadata().is_ok_and(|m| {
            m.is_file()
                && m.modified().is_ok_and(|changed| {
                    now.duration_since(changed)
                        .is_ok_and(|age| age >= STALE_UPLOAD_AGE)
                })
        });
        if !stale {
            continue;
        }
        match std::fs::remove_file(entry.path()) {
            Ok(()) => removed = removed.saturating_add(1),
            Err(e) if e.kind() == ErrorKind::NotFound => {}
            Err(e) => tracing::warn!(
                file = %entry.path().display(),
                error = %e,
                "cannot remove an unfinished upload"
            ),
        }
    }
    if removed > 0 {
        tracing::info!(folder = %tmp.display(), removed, "removed unfinished uploads over an hour old");
    }
}

/// An upload in progress: removed from disk unless `finish` succeeds.
pub struct PendingUpload {
    /// The store's folder (named in the log when it is full).
    folder: PathBuf,
    path: Option<PathBuf>,
    file: Option<tokio::fs::File>,
    hasher: Sha256,
    size: u64,
    limit: u64,
}

impl PendingUpload {
    /// Appends a chunk; past the limit the upload fails (and its file is removed on drop).
    pub async fn write(&mut self, chunk: &[u8]) -> Result<(), UploadError> {
        self.size = self.size.saturating_add(chunk.len() as u64);
        if self.size > self.limit {
            return Err(UploadError::TooLarge { limit: self.limit });
        }
        self.hasher.update(chunk);
        if let Some(file) = self.file.as_mut() {
            if let Err(e) = file.write_all(chunk).await {
                return Err(UploadError::writing(&self.folder, e));
            }
        }
        Ok(())
    }

    /// The upload's I/O failure, `NoSpace` when the disk is full.
    fn failed(&self, e: std::io::Error) -> UploadError {
        UploadError::writing(&self.folder, e)
    }

    /// Completes the upload: stores the contents under their hash (once per contents) and
    /// removes the temporary file.
    pub async fn finish(mut self, store: &AttachmentStore) -> Result<StoredBlob, UploadError> {
        if self.size == 0 {
            return Err(UploadError::Empty);
        }
        if let Some(mut file) = self.file.take() {
            if let Err(e) = file.flush().await {
                return Err(self.failed(e));
            }
            if let Err(e) = file.sync_all().await {
                return Err(self.failed(e));
            }
        }
        let content_hash = hex::encode(std::mem::take(&mut self.hasher).finalize());
        if let Some(bucket) = &store.bucket {
            let key = bucket.object_key(&content_hash);
            if let Some(path) = &self.path {
                if !bucket.exists(&key).await.map_err(std::io::Error::from)? {
                    bucket
                        .put_file(&key, path, self.size)
                        .await
                        .map_err(std::io::Error::from)?;
                }
                tokio::fs::remove_file(path).await?;
            }
            self.path = None;
            return Ok(StoredBlob {
                content_hash,
                size_bytes: self.size,
            });
        }
        let Some(target) = store.blob_path(&content_hash) else {
            return Err(UploadError::Io(std::io::Error::other("bad content hash")));
        };
        if let Some(parent) = target.parent() {
            if let Err(e) = tokio::fs::create_dir_all(parent).await {
                return Err(self.failed(e));
            }
        }
        // The temporary file stays named in `self.path` until it is gone, so a failure here
        // leaves it to `Drop` to remove.
        if let Some(path) = &self.path {
            let moved = match tokio::fs::try_exists(&target).await {
                Ok(true) => tokio::fs::remove_file(path).await,
                Ok(false) => tokio::fs::rename(path, &target).await,
                Err(e) => Err(e),
            };
            if let Err(e) = moved {
                return Err(self.failed(e));
            }
        }
        self.path = None;
        Ok(StoredBlob {
            content_hash,
            size_bytes: self.size,
        })
    }
}

impl Drop for PendingUpload {
    fn drop(&mut self) {
        self.file.take();
        if let Some(path) = self.path.take() {
            // An unfinished upload leaves nothing behind.
            let _ = std::fs::remove_file(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[actix_rt::test]
    async fn contents_are_stored_once_by_hash_and_failures_leave_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let store = AttachmentStore::local(dir.path()).unwrap();
        let mut up = store.begin(10).await.unwrap();
        up.write(b"hello").await.unwrap();
        let blob = up.finish(&store).await.unwrap();
        assert_eq!(blob.size_bytes, 5);
        assert_eq!(
            blob.content_hash,
            "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"
        );
        assert!(store.contains(&blob.content_hash).await);
        let mut again = store.begin(10).await.unwrap();
        again.write(b"hello").await.unwrap();
        assert_eq!(again.finish(&store).await.unwrap(), blob);

        let mut big = store.begin(4).await.unwrap();
        assert!(matches!(
            big.write(b"hello").await,
            Err(UploadError::TooLarge { limit: 4 })
        ));
        drop(big);
        let empty = store.begin(4).await.unwrap();
        assert!(matches!(
            empty.finish(&store).await,
            Err(UploadError::Empty)
        ));
        let tmp: Vec<_> = std::fs::read_dir(dir.path().join("tmp")).unwrap().collect();
        assert!(tmp.is_empty(), "temporary files left: {tmp:?}");
        assert!(store.open("../../etc/passwd").await.unwrap().is_none());
        let body = store.open(&blob.content_hash).await.unwrap().unwrap();
        assert_eq!(body.size(), Some(5));
        assert_eq!(body.read_all().await.unwrap(), b"hello");
    }

    #[test]
    fn a_full_disk_or_quota_is_no_space_naming_the_folder_and_other_failures_are_io() {
        let folder = Path::new("/srv/portal/attachments");
        for raw in [28, 122] {
            // ENOSPC and EDQUOT, as the kernel reports them.
            let e = UploadError::writing(folder, std::io::Error::from_raw_os_error(raw));
            match e {
                UploadError::NoSpace { folder: f, .. } => assert_eq!(f, folder),
                other => panic!("{raw}: {other:?}"),
            }
        }
        let denied = std::io::Error::from(ErrorKind::PermissionDenied);
        assert!(matches!(
            UploadError::writing(folder, denied),
            UploadError::Io(_)
        ));
        let full = UploadError::writing(folder, std::io::Error::from(ErrorKind::StorageFull));
        assert!(
            full.to_string().contains("/srv/portal/attachments"),
            "{full}"
        );
    }

    #[test]
    fn opening_the_store_removes_only_temporary_files_over_an_hour_old() {
        let dir = tempfile::tempdir().unwrap();
        let tmp = dir.path().join("tmp");
        std::fs::create_dir_all(&tmp).unwrap();
        let now = SystemTime::now();
        for (name, age_minutes) in [("killed", 61), ("other-instance", 59), ("fresh", 0)] {
            let file = std::fs::File::create(tmp.join(name)).unwrap();
            file.set_modified(now - Duration::from_secs(age_minutes * 60))
                .unwrap();
        }
        let staging = tmp.join("restore-1");
        std::fs::create_dir(&staging).unwrap();
        std::fs::File::open(&staging)
            .unwrap()
            .set_modified(now - Duration::from_secs(2 * 60 * 60))
            .unwrap();
        AttachmentStore::local(dir.path()).unwrap();
        let mut left: Vec<String> = std::fs::read_dir(&tmp)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, ["fresh", "other-instance", "restore-1"]);
    }
}
