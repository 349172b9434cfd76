//! File work of backups and restores: copies that hash what they copy and reach the disk before
//! they count, and the content-addressed layout of the attachments folder (`ab/<sha256>`; the
//! uploads in progress under `tmp/` are never part of a backup).

use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use sha2::{Digest, Sha256};

use super::manifest::is_sha256;

/// Size of the chunks files are copied in.
const CHUNK_BYTES: usize = 256 * 1024;

/// A file's size and SHA-256 (hex).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hashed {
    pub bytes: u64,
    pub sha256: String,
}

/// Reads `from` to its end, hashing it and handing each chunk to `sink`.
fn pump(from: &Path, mut sink: impl FnMut(&[u8]) -> std::io::Result<()>) -> anyhow::Result<Hashed> {
    let mut file = File::open(from).with_context(|| format!("cannot read {}", from.display()))?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; CHUNK_BYTES];
    let mut bytes = 0u64;
    loop {
        let n = file
            .read(&mut buf)
            .with_context(|| format!("cannot read {}", from.display()))?;
        let Some(chunk) = buf.get(..n).filter(|c| !c.is_empty()) else {
            break;
        };
        hasher.update(chunk);
        sink(chunk)?;
        bytes = bytes.saturating_add(u64::try_from(n).unwrap_or(u64::MAX));
    }
    Ok(Hashed {
        bytes,
        sha256: hex::encode(hasher.finalize()),
    })
}

/// The size and SHA-256 of `path`.
pub fn hash_file(path: &Path) -> anyhow::Result<Hashed> {
    pump(path, |_| Ok(()))
}

/// Copies `from` to the new file `to` (never over an existing one), flushed to disk; yields what
/// was copied, hashed on the way.
pub fn copy_hashed(from: &Path, to: &Path) -> anyhow::Result<Hashed> {
    let mut out = File::options()
        .write(true)
        .create_new(true)
        .open(to)
        .with_context(|| format!("cannot create {}", to.display()))?;
    let hashed = pump(from, |chunk| out.write_all(chunk))
        .with_context(|| format!("cannot copy {} to {}", from.display(), to.display()))?;
    out.sync_all()
        .with_context(|| format!("cannot write {}", to.display()))?;
    Ok(hashed)
}

/// Writes `content` to the new file `path`, flushed to disk.
pub fn write_synced(path: &Path, content: &[u8]) -> anyhow::Result<()> {
    let mut file = File::options()
        .write(true)
        .create_new(true)
        .open(path)
        .with_context(|| format!("cannot create {}", path.display()))?;
    file.write_all(content)
        .and_then(|()| file.sync_all())
        .with_context(|| format!("cannot write {}", path.display()))
}

/// Flushes a folder's entries (new and renamed files) to disk.
pub fn sync_dir(dir: &Path) -> anyhow::Result<()> {
    File::open(dir)
        .and_then(|d| d.sync_all())
        .with_context(|| format!("cannot flush {}", dir.display()))
}

/// Keeps a file readable by its owner only (an encryption key).
pub fn make_private(path: &Path) -> anyhow::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
            .with_context(|| format!("cannot restrict {}", path.display()))?;
    }
    Ok(())
}

/// Whether `dir` is missing or an empty folder.
pub fn missing_or_empty(dir: &Path) -> anyhow::Result<bool> {
    match std::fs::read_dir(dir) {
        Ok(mut entries) => Ok(entries.next().is_none()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(true),
        Err(e) => Err(e).with_context(|| format!("cannot read {}", dir.display())),
    }
}

/// A stored file of an attachments folder: its path and the hash it is stored under.
#[derive(Debug, Clone)]
pub struct ContentFile {
    pub path: PathBuf,
    pub sha256: String,
}

impl ContentFile {
    /// Where it lives below an attachments folder `root`.
    pub fn place_in(&self, root: &Path) -> PathBuf {
        root.join(self.shard()).join(&self.sha256)
    }

    fn shard(&self) -> &str {
        self.sha256.get(..2).unwrap_or_default()
    }
}

/// The stored files of the attachments folder `root` (`ab/<sha256>`, sorted): the uploads in
/// progress (`tmp/`) and anything not named by its hash are left out. A missing folder has none.
pub fn content_files(root: &Path) -> anyhow::Result<Vec<ContentFile>> {
    let mut found = Vec::new();
    let shards = match std::fs::read_dir(root) {
        Ok(shards) => shards,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(found),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", root.display())),
    };
    for shard in shards {
        let shard = shard.with_context(|| format!("cannot read {}", root.display()))?;
        let shard_name = shard.file_name().to_string_lossy().into_owned();
        let is_shard = shard_name.len() == 2 && is_sha256(&format!("{shard_name:0<64}"));
        if !is_shard || !shard.path().is_dir() {
            continue;
        }
        let files = std::fs::read_dir(shard.path())
            .with_context(|| format!("cannot read {}", shard.path().display()))?;
        for file in files {
            let file = file.with_context(|| format!("cannot read {}", shard.path().display()))?;
            let name = file.file_name().to_string_lossy().into_owned();
            if is_sha256(&name) && name.starts_with(&shard_name) && file.path().is_file() {
                found.push(ContentFile {
                    path: file.path(),
                    sha256: name,
                });
            }
        }
    }
    found.sort_by(|a, b| a.sha256.cmp(&b.sha256));
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_files_named_by_their_hash_in_their_shard_are_content() {
        let dir = tempfile::tempdir().unwrap();
        let hash = hex::encode(Sha256::digest(b"hello"));
        let shard = dir.path().join(hash.get(..2).unwrap());
        std::fs::create_dir_all(&shard).unwrap();
        std::fs::create_dir_all(dir.path().join("tmp")).unwrap();
        std::fs::write(shard.join(&hash), b"hello").unwrap();
        std::fs::write(shard.join("notes.txt"), b"x").unwrap();
        std::fs::write(dir.path().join("tmp").join(&hash), b"half").unwrap();
        std::fs::create_dir_all(dir.path().join("zz")).unwrap();
        std::fs::write(dir.path().join("zz").join(&hash), b"hello").unwrap();
        let found = content_files(dir.path()).unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].sha256, hash);
        assert_eq!(
            found[0].place_in(Path::new("/r")),
            Path::new("/r").join(hash.get(..2).unwrap()).join(&hash)
        );
        let copy = dir.path().join("copy");
        let hashed = copy_hashed(&found[0].path, &copy).unwrap();
        assert_eq!(
            hashed,
            Hashed {
                bytes: 5,
                sha256: hash.clone()
            }
        );
        assert_eq!(hash_file(&copy).unwrap(), hashed);
        assert!(
            copy_hashed(&found[0].path, &copy).is_err(),
            "never over a file"
        );
        assert!(content_files(&dir.path().join("missing"))
            .unwrap()
            .is_empty());
    }
}
