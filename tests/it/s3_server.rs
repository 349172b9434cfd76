//! A real S3-compatible server for the tests: moto's S3 run by `tests/s3/server.py` from the
//! virtualenv `.ci/run` makes (`tests/s3/.venv`, from the hash-pinned `tests/s3/requirements.txt`),
//! which refuses every request whose SigV4 presigned signature botocore does not confirm.
//! One process per test; it exits when this side drops it (or dies: it watches its stdin).

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::time::Duration;

use portal::config::S3Settings;
use rusty_s3::actions::{CreateBucket, GetObject, ListObjectsV2};
use rusty_s3::{Bucket, Credentials, S3Action, UrlStyle};
use secrecy::SecretString;

use crate::helpers::missing;

pub const ACCESS_KEY_ID: &str = "AKIAPORTALTESTKEY001";
pub const SECRET_ACCESS_KEY: &str = "portal/test+secret/0123456789abcdefABCDEF";
const SIGNED_FOR: Duration = Duration::from_secs(60);

/// `tests/s3` of this repository.
fn s3_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("s3")
}

/// One running server; killed when dropped.
pub struct S3Server {
    child: Child,
    _stdin: ChildStdin,
    pub endpoint: String,
    credentials: Credentials,
    http: reqwest::Client,
}

impl S3Server {
    /// Starts the server (waits for READY); None after `missing("s3 server", why)` when the
    /// virtualenv is not there (a failure under PORTAL_TEST_STRICT=1).
    pub fn start() -> Option<S3Server> {
        let python = s3_dir().join(".venv").join("bin").join("python");
        if !python.is_file() {
            missing(
                "s3 server",
                "tests/s3/.venv is missing; run .ci/run, or: python3 -m venv tests/s3/.venv && tests/s3/.venv/bin/pip install --require-hashes --only-binary :all: --no-deps -r tests/s3/requirements.txt",
            );
            return None;
        }
        let mut child = Command::new(&python)
            .arg(s3_dir().join("server.py"))
            .arg(ACCESS_KEY_ID)
            .arg(SECRET_ACCESS_KEY)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn tests/s3/server.py");
        let stdin = child.stdin.take().unwrap();
        let stderr = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                eprintln!("[s3-server] {line}");
            }
        });
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut lines = BufReader::new(stdout).lines();
            let ready = lines.next().and_then(Result::ok);
            let _ = tx.send(ready);
            for _ in lines {}
        });
        let line = rx
            .recv_timeout(Duration::from_secs(60))
            .ok()
            .flatten()
            .unwrap_or_default();
        let Some(port) = line.strip_prefix("READY ") else {
            let _ = child.kill();
            panic!("tests/s3/server.py did not start (said {line:?}); see [s3-server] lines above");
        };
        Some(S3Server {
            child,
            _stdin: stdin,
            endpoint: format!("http://127.0.0.1:{}", port.trim()),
            credentials: Credentials::new(ACCESS_KEY_ID, SECRET_ACCESS_KEY),
            http: reqwest::Client::builder()
                .timeout(Duration::from_secs(20))
                .build()
                .unwrap(),
        })
    }

    /// `[attachments.s3]` for `bucket` on this server.
    pub fn settings(&self, bucket: &str, key_prefix: &str) -> S3Settings {
        S3Settings {
            endpoint: self.endpoint.clone(),
            region: "us-east-1".into(),
            bucket: bucket.into(),
            access_key_id: ACCESS_KEY_ID.into(),
            secret_access_key: SecretString::from(SECRET_ACCESS_KEY),
            path_style: true,
            key_prefix: key_prefix.into(),
            request_timeout_seconds: 10,
            transfer_timeout_seconds: 60,
        }
    }

    fn bucket(&self, name: &str) -> Bucket {
        Bucket::new(
            self.endpoint.parse().unwrap(),
            UrlStyle::Path,
            name.to_owned(),
            "us-east-1",
        )
        .unwrap()
    }

    pub async fn create_bucket(&self, name: &str) {
        let bucket = self.bucket(name);
        let url = CreateBucket::new(&bucket, &self.credentials).sign(SIGNED_FOR);
        let resp = self
            .http
            .put(url)
            .header(reqwest::header::CONTENT_LENGTH, "0")
            .send()
            .await
            .unwrap();
        assert!(
            resp.status().is_success(),
            "create bucket: {}",
            resp.status()
        );
    }

    /// Every object of the bucket: (key, size), sorted by key.
    pub async fn objects(&self, name: &str) -> Vec<(String, u64)> {
        let bucket = self.bucket(name);
        let url = ListObjectsV2::new(&bucket, Some(&self.credentials)).sign(SIGNED_FOR);
        let resp = self.http.get(url).send().await.unwrap();
        assert!(resp.status().is_success(), "list: {}", resp.status());
        let listing = ListObjectsV2::parse_response(&resp.text().await.unwrap()).unwrap();
        let mut objects: Vec<(String, u64)> = listing
            .contents
            .into_iter()
            .map(|o| (o.key, o.size.unwrap_or(0)))
            .collect();
        objects.sort();
        objects
    }

    /// An object's bytes, or None when it is missing.
    pub async fn object(&self, name: &str, key: &str) -> Option<Vec<u8>> {
        let bucket = self.bucket(name);
        let url = GetObject::new(&bucket, Some(&self.credentials), key).sign(SIGNED_FOR);
        let resp = self.http.get(url).send().await.unwrap();
        if resp.status() == reqwest::StatusCode::NOT_FOUND {
            return None;
        }
        assert!(resp.status().is_success(), "get: {}", resp.status());
        Some(resp.bytes().await.unwrap().to_vec())
    }
}

impl Drop for S3Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
