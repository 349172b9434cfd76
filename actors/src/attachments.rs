//! The attachment store: file contents kept once per SHA-256 under the data folder
//! (`<dir>/ab/<sha256>`), written through a temporary file that is removed unless the upload
//! completes within its size limit. Ticket rows refer to contents by hash.

use std::path::{Path, PathBuf};

use rand::RngCore;
use sha2::{Digest, Sha256};
use tokio::io::AsyncWriteExt;

use crate::db::{Db, DbError};

#[derive(Debug, thiserror::Error)]
pub enum UploadError {
    #[error("the file is larger than {limit} bytes")]
    TooLarge { limit: u64 },
    #[error("the file is empty")]
    Empty,
    #[error("attachment storage failed")]
    Io(#[from] std::io::Error),
}

/// Where attachment contents live.
#[derive(Debug, Clone)]
pub struct AttachmentStore {
    root: PathBuf,
}

/// Contents stored: their key and size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredBlob {
    pub content_hash: String,
    pub size_bytes: u64,
}

impl AttachmentStore {
    /// A store in `dir` (created, with its `tmp/` folder, when missing).
    pub fn local(dir: &Path) -> std::io::Result<AttachmentStore> {
        std::fs::create_dir_all(dir.join("tmp"))?;
        Ok(AttachmentStore {
            root: dir.to_path_buf(),
        })
    }

    fn blob_path(&self, content_hash: &str) -> Option<PathBuf> {
        let valid = content_hash.len() == 64
            && content_hash
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        valid.then(|| self.root.join(&content_hash[..2]).join(content_hash))
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
            .await?;
        Ok(PendingUpload {
            path: Some(path),
            file: Some(file),
            hasher: Sha256::new(),
            size: 0,
            limit,
        })
    }

    /// Opens stored contents for reading; `None` when they are missing.
    pub async fn open(&self, content_hash: &str) -> std::io::Result<Option<tokio::fs::File>> {
        let Some(path) = self.blob_path(content_hash) else {
            return Ok(None);
        };
        match tokio::fs::File::open(path).await {
            Ok(file) => Ok(Some(file)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Whether contents with this hash are stored.
    pub async fn contains(&self, content_hash: &str) -> bool {
        match self.blob_path(content_hash) {
            Some(path) => tokio::fs::try_exists(path).await.unwrap_or(false),
            None => false,
        }
    }

    /// Removes contents no attachment row refers to (after a failed save), so nothing is left
    /// behind; contents shared with a recorded attachment stay.
    pub async fn forget_unreferenced(&self, db: &Db, hashes: &[String]) -> Result<(), DbError> {
        for hash in hashes {
            if !crate::store::tickets::content_in_use(db, hash).await? {
                if let Some(path) = self.blob_path(hash) {
                    if let Err(e) = tokio::fs::remove_file(&path).await {
                        if e.kind() != std::io::ErrorKind::NotFound {
                            tracing::warn!(error = %e, "cannot remove an unreferenced attachment");
                        }
                    }
                }
            }
        }
        Ok(())
    }
}

/// An upload in progress: removed from disk unless `finish` succeeds.
pub struct PendingUpload {
    path: Option<PathBuf>,
    file: Option<tokio::fs::File>,
    hasher: Sha256,
    size: u64,
    limit: u64,
}

impl PendingUpload {
    /// Appends a chunk; past the limit the upload fails (and its file is removed on drop).
    pub async fn write(&mut self, chunk: &[u8]) -> Result<(), UploadError> {
        self.size += chunk.len() as u64;
        if self.size > self.limit {
            return Err(UploadError::TooLarge { limit: self.limit });
        }
        self.hasher.update(chunk);
        if let Some(file) = self.file.as_mut() {
            file.write_all(chunk).await?;
        }
        Ok(())
    }

    /// Completes the upload: moves the contents under their hash (once per contents).
    pub async fn finish(mut self, store: &AttachmentStore) -> Result<StoredBlob, UploadError> {
        if self.size == 0 {
            return Err(UploadError::Empty);
        }
        if let Some(mut file) = self.file.take() {
            file.flush().await?;
            file.sync_all().await?;
        }
        let content_hash = hex::encode(std::mem::take(&mut self.hasher).finalize());
        let Some(target) = store.blob_path(&content_hash) else {
            return Err(UploadError::Io(std::io::Error::other("bad content hash")));
        };
        if let Some(parent) = target.parent() {
            tokio::fs::create_dir_all(parent).await?;
        }
        if let Some(path) = self.path.take() {
            if tokio::fs::try_exists(&target).await? {
                tokio::fs::remove_file(&path).await?;
            } else {
                tokio::fs::rename(&path, &target).await?;
            }
        }
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
    }
}
