//! Attachment contents in an S3-compatible bucket (AWS S3, MinIO, Ceph RGW, Cloudflare R2, …),
//! so that several portal instances serve the same files. Requests are SigV4 presigned URLs made
//! by `rusty-s3` (signed at the injected clock's time) and sent with reqwest; each has a timeout,
//! and every failure keeps its cause (without the signed URL, which must not reach a log).

use std::path::Path;
use std::time::Duration;

use futures_util::TryStreamExt as _;
use reqwest::header::{CONTENT_LENGTH, CONTENT_TYPE};
use reqwest::StatusCode;
use rusty_s3::actions::{DeleteObject, GetObject, HeadBucket, HeadObject, PutObject};
use rusty_s3::{Bucket, Credentials, S3Action, UrlStyle};
use secrecy::{ExposeSecret, SecretString};

use super::BlobBody;
use crate::clock::SharedClock;

/// How long a presigned URL stays valid: requests are sent at once, so a short margin is enough.
const PRESIGNED_URL_VALIDITY: Duration = Duration::from_secs(300);
/// Most bytes of an error answer read to find its S3 error code.
const MAX_ERROR_BODY_BYTES: usize = 4096;

/// Where the bucket is and how to reach it (the `[tickets.s3]` settings, checked by `validate`).
#[derive(Debug, Clone)]
pub struct S3Config {
    /// `https://s3.eu-west-1.amazonaws.com`, `http://127.0.0.1:9000`, …
    pub endpoint: String,
    pub region: String,
    pub bucket: String,
    pub access_key_id: String,
    pub secret_access_key: SecretString,
    /// `https://endpoint/bucket/key` rather than `https://bucket.endpoint/key`.
    pub path_style: bool,
    /// Put before every object key, e.g. `portal/attachments/` (a `/` is added when missing).
    pub key_prefix: String,
    /// Connecting, each HEAD and DELETE, the start of a download and each wait for its data.
    pub request_timeout: Duration,
    /// The whole upload of one attachment.
    pub transfer_timeout: Duration,
}

/// Why S3 storage failed; the message names the operation and the bucket, never a signed URL.
#[derive(Debug, thiserror::Error)]
pub enum S3Error {
    #[error("invalid S3 settings: {0}")]
    Config(String),
    #[error("S3 {op} in bucket `{bucket}` failed")]
    Request {
        op: &'static str,
        bucket: String,
        #[source]
        source: reqwest::Error,
    },
    #[error("S3 {op} in bucket `{bucket}` timed out")]
    Timeout { op: &'static str, bucket: String },
    #[error("S3 {op} in bucket `{bucket}` answered {status}{code}")]
    Status {
        op: &'static str,
        bucket: String,
        status: u16,
        /// `: NoSuchBucket` and the like, from the error document when there is one.
        code: String,
    },
    #[error("cannot read the file to upload")]
    File(#[source] std::io::Error),
}

impl From<S3Error> for std::io::Error {
    fn from(e: S3Error) -> Self {
        std::io::Error::other(e)
    }
}

impl S3Config {
    /// Checks the settings and gives the key prefix as used (empty or ending in `/`).
    pub fn validate(&self) -> Result<String, S3Error> {
        let bad = |what: &str| Err(S3Error::Config(what.to_owned()));
        let endpoint = match url::Url::parse(self.endpoint.trim()) {
            Ok(url) => url,
            Err(e) => return bad(&format!("endpoint is not a URL ({e})")),
        };
        if !matches!(endpoint.scheme(), "http" | "https") || endpoint.host_str().is_none() {
            return bad("endpoint must be an http:// or https:// URL with a host");
        }
        if !endpoint.username().is_empty() || endpoint.password().is_some() {
            return bad(
                "endpoint must not hold credentials (use access_key_id and secret_access_key)",
            );
        }
        if endpoint.query().is_some() || endpoint.fragment().is_some() {
            return bad("endpoint must not have a query or fragment");
        }
        if !valid_bucket_name(&self.bucket) {
            return bad("bucket must be 3-63 characters: lowercase letters, digits, '.' and '-', starting and ending with a letter or digit");
        }
        if self.region.is_empty()
            || !self
                .region
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        {
            return bad("region must be a name like us-east-1 (or auto for R2)");
        }
        if self.access_key_id.trim().is_empty() || self.secret_access_key.expose_secret().is_empty()
        {
            return bad("access_key_id and secret_access_key are required");
        }
        if self.request_timeout.is_zero() || self.transfer_timeout.is_zero() {
            return bad("timeouts must be positive");
        }
        normalized_prefix(&self.key_prefix)
            .ok_or_else(|| S3Error::Config("key_prefix may only hold letters, digits and `-_./`, in segments that are not empty, `.` or `..`, and must not start with `/`".into()))
    }
}

fn valid_bucket_name(name: &str) -> bool {
    let bytes = name.as_bytes();
    (3..=63).contains(&bytes.len())
        && bytes
            .iter()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'.' || *b == b'-')
        && bytes.first().is_some_and(u8::is_ascii_alphanumeric)
        && bytes.last().is_some_and(u8::is_ascii_alphanumeric)
        && !name.contains("..")
}

/// The prefix with a trailing `/` (empty stays empty); `None` when it could escape or confuse keys.
fn normalized_prefix(prefix: &str) -> Option<String> {
    let trimmed = prefix.strip_suffix('/').unwrap_or(prefix);
    if trimmed.is_empty() {
        return (prefix.is_empty()).then(String::new);
    }
    let ok = trimmed.len() <= 512
        && trimmed.split('/').all(|segment| {
            !segment.is_empty()
                && segment != "."
                && segment != ".."
                && segment
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
        });
    ok.then(|| format!("{trimmed}/"))
}

/// A bucket ready for use: its signing details and an HTTP client with timeouts.
pub struct S3Bucket {
    bucket: Bucket,
    credentials: Credentials,
    prefix: String,
    http: reqwest::Client,
    clock: SharedClock,
    request_timeout: Duration,
    transfer_timeout: Duration,
}

impl std::fmt::Debug for S3Bucket {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // No credentials here: only where the bucket is.
        f.debug_struct("S3Bucket")
            .field("url", &self.bucket.base_url().as_str())
            .field("prefix", &self.prefix)
            .finish_non_exhaustive()
    }
}

impl S3Bucket {
    /// Checks the settings and builds the client (no request is sent: see `check`).
    pub fn new(config: &S3Config, clock: SharedClock) -> Result<S3Bucket, S3Error> {
        let prefix = config.validate()?;
        let endpoint = url::Url::parse(config.endpoint.trim())
            .map_err(|e| S3Error::Config(format!("endpoint is not a URL ({e})")))?;
        let style = if config.path_style {
            UrlStyle::Path
        } else {
            UrlStyle::VirtualHost
        };
        let bucket = Bucket::new(endpoint, style, config.bucket.clone(), config.region.clone())
            .map_err(|e| {
                S3Error::Config(format!(
                    "cannot address the bucket at this endpoint ({e:?}); an IP address endpoint needs path_style = true"
                ))
            })?;
        let credentials = Credentials::new(
            config.access_key_id.trim(),
            config.secret_access_key.expose_secret(),
        );
        let http = reqwest::Client::builder()
            .connect_timeout(config.request_timeout)
            .read_timeout(config.request_timeout)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| S3Error::Config(format!("cannot build the HTTP client ({e})")))?;
        Ok(S3Bucket {
            bucket,
            credentials,
            prefix,
            http,
            clock,
            request_timeout: config.request_timeout,
            transfer_timeout: config.transfer_timeout,
        })
    }

    /// The object key of contents: `<prefix>ab/<sha256>` (the hash is checked by the caller).
    pub fn object_key(&self, content_hash: &str) -> String {
        object_key(&self.prefix, content_hash)
    }

    /// The bucket's name.
    pub fn name(&self) -> &str {
        self.bucket.name()
    }

    /// Signs an action at the injected clock's time.
    fn sign<'a>(&self, action: &impl S3Action<'a>) -> url::Url {
        let now = self.clock.now();
        let time =
            jiff::Timestamp::from_second(now.timestamp()).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
        action.sign_with_time(PRESIGNED_URL_VALIDITY, &time)
    }

    fn request_failed(&self, op: &'static str, e: reqwest::Error) -> S3Error {
        if e.is_timeout() {
            return S3Error::Timeout {
                op,
                bucket: self.name().to_owned(),
            };
        }
        S3Error::Request {
            op,
            bucket: self.name().to_owned(),
            source: e.without_url(),
        }
    }

    /// An error for an unexpected answer, with the S3 error code when the body names one.
    async fn unexpected(&self, op: &'static str, response: reqwest::Response) -> S3Error {
        let status = response.status().as_u16();
        let code = error_code(response).await;
        S3Error::Status {
            op,
            bucket: self.name().to_owned(),
            status,
            code: code.map(|c| format!(": {c}")).unwrap_or_default(),
        }
    }

    async fn send(
        &self,
        op: &'static str,
        request: reqwest::RequestBuilder,
    ) -> Result<reqwest::Response, S3Error> {
        request.send().await.map_err(|e| self.request_failed(op, e))
    }

    /// Checks that the bucket exists and these credentials may use it (at start-up).
    pub async fn check(&self) -> Result<(), S3Error> {
        const OP: &str = "HEAD bucket";
        let url = self.sign(&HeadBucket::new(&self.bucket, Some(&self.credentials)));
        let response = self
            .send(OP, self.http.head(url).timeout(self.request_timeout))
            .await?;
        match response.status() {
            status if status.is_success() => Ok(()),
            StatusCode::NOT_FOUND => Err(S3Error::Status {
                op: OP,
                bucket: self.name().to_owned(),
                status: 404,
                code: ": the bucket does not exist".into(),
            }),
            StatusCode::FORBIDDEN => Err(S3Error::Status {
                op: OP,
                bucket: self.name().to_owned(),
                status: 403,
                code: ": access denied (check the keys and the bucket policy)".into(),
            }),
            _ => Err(self.unexpected(OP, response).await),
        }
    }

    /// Whether the object exists.
    pub async fn exists(&self, key: &str) -> Result<bool, S3Error> {
        const OP: &str = "HEAD object";
        let url = self.sign(&HeadObject::new(&self.bucket, Some(&self.credentials), key));
        let response = self
            .send(OP, self.http.head(url).timeout(self.request_timeout))
            .await?;
        match response.status() {
            status if status.is_success() => Ok(true),
            StatusCode::NOT_FOUND => Ok(false),
            _ => Err(self.unexpected(OP, response).await),
        }
    }

    /// Uploads a file of `size` bytes as the object, streaming it from disk.
    pub async fn put_file(&self, key: &str, path: &Path, size: u64) -> Result<(), S3Error> {
        const OP: &str = "PUT object";
        let file = tokio::fs::File::open(path).await.map_err(S3Error::File)?;
        let url = self.sign(&PutObject::new(&self.bucket, Some(&self.credentials), key));
        let request = self
            .http
            .put(url)
            .header(CONTENT_TYPE, "application/octet-stream")
            .header(CONTENT_LENGTH, size)
            .body(reqwest::Body::from(file))
            .timeout(self.transfer_timeout);
        let response = self.send(OP, request).await?;
        if response.status().is_success() {
            Ok(())
        } else {
            Err(self.unexpected(OP, response).await)
        }
    }

    /// Streams the object; `None` when it does not exist.
    pub async fn get(&self, key: &str) -> Result<Option<BlobBody>, S3Error> {
        const OP: &str = "GET object";
        let url = self.sign(&GetObject::new(&self.bucket, Some(&self.credentials), key));
        // No total timeout (a large file may take a while to reach a slow client): the client's
        // read timeout bounds each wait for data, and this one the wait for the answer.
        let response =
            tokio::time::timeout(self.request_timeout, self.send(OP, self.http.get(url)))
                .await
                .map_err(|_| S3Error::Timeout {
                    op: OP,
                    bucket: self.name().to_owned(),
                })??;
        match response.status() {
            status if status.is_success() => {
                let size = response.content_length();
                let bucket = self.name().to_owned();
                let stream = response.bytes_stream().map_err(move |e| {
                    std::io::Error::other(S3Error::Request {
                        op: OP,
                        bucket: bucket.clone(),
                        source: e.without_url(),
                    })
                });
                Ok(Some(BlobBody::new(size, Box::pin(stream))))
            }
            StatusCode::NOT_FOUND => Ok(None),
            _ => Err(self.unexpected(OP, response).await),
        }
    }

    /// Deletes the object (deleting a missing one is not an error).
    pub async fn delete(&self, key: &str) -> Result<(), S3Error> {
        const OP: &str = "DELETE object";
        let url = self.sign(&DeleteObject::new(
            &self.bucket,
            Some(&self.credentials),
            key,
        ));
        let response = self
            .send(OP, self.http.delete(url).timeout(self.request_timeout))
            .await?;
        match response.status() {
            status if status.is_success() => Ok(()),
            StatusCode::NOT_FOUND => Ok(()),
            _ => Err(self.unexpected(OP, response).await),
        }
    }
}

/// `<prefix>ab/<sha256>`: the same fan-out as the local folder.
fn object_key(prefix: &str, content_hash: &str) -> String {
    let fan_out = content_hash.get(..2).unwrap_or_default();
    format!("{prefix}{fan_out}/{content_hash}")
}

/// The `<Code>` of an S3 error document, read from at most the first few KiB.
async fn error_code(mut response: reqwest::Response) -> Option<String> {
    let mut body = Vec::new();
    while body.len() < MAX_ERROR_BODY_BYTES {
        match response.chunk().await {
            Ok(Some(chunk)) => body.extend_from_slice(&chunk),
            _ => break,
        }
    }
    let text = String::from_utf8_lossy(&body);
    let (_, after) = text.split_once("<Code>")?;
    let (code, _) = after.split_once("</Code>")?;
    (code.len() <= 64 && code.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.'))
        .then(|| code.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    const HASH: &str = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";

    fn config() -> S3Config {
        S3Config {
            endpoint: "http://127.0.0.1:9000".into(),
            region: "us-east-1".into(),
            bucket: "portal-attachments".into(),
            access_key_id: "AKIDEXAMPLE".into(),
            secret_access_key: SecretString::from("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
            path_style: true,
            key_prefix: String::new(),
            request_timeout: Duration::from_secs(5),
            transfer_timeout: Duration::from_secs(60),
        }
    }

    fn bucket(config: &S3Config) -> S3Bucket {
        S3Bucket::new(config, SharedClock::system()).unwrap()
    }

    #[test]
    fn keys_are_the_hash_under_its_first_two_digits_after_the_prefix() {
        let plain = bucket(&config());
        assert_eq!(plain.object_key(HASH), format!("2c/{HASH}"));
        for prefix in ["portal/attachments", "portal/attachments/"] {
            let mut c = config();
            c.key_prefix = prefix.into();
            assert_eq!(
                bucket(&c).object_key(HASH),
                format!("portal/attachments/2c/{HASH}")
            );
        }
    }

    #[test]
    fn urls_follow_the_style_and_never_carry_the_secret() {
        let path = bucket(&config());
        let url = path.sign(&GetObject::new(
            &path.bucket,
            Some(&path.credentials),
            &path.object_key(HASH),
        ));
        assert!(url.as_str().starts_with(&format!(
            "http://127.0.0.1:9000/portal-attachments/2c/{HASH}?"
        )));
        assert!(url.query().unwrap_or("").contains("X-Amz-Signature="));
        assert!(!url.as_str().contains("wJalrXUtnFEMI"));
        assert!(!format!("{path:?}").contains("wJalrXUtnFEMI"));

        let mut c = config();
        c.endpoint = "https://s3.eu-west-1.amazonaws.com".into();
        c.path_style = false;
        let hosted = bucket(&c);
        assert_eq!(
            hosted.bucket.object_url(&hosted.object_key(HASH)).as_str(),
            format!("https://portal-attachments.s3.eu-west-1.amazonaws.com/2c/{HASH}")
        );
        // A virtual-hosted bucket cannot sit on an IP address.
        let mut c = config();
        c.path_style = false;
        assert!(matches!(
            S3Bucket::new(&c, SharedClock::system()),
            Err(S3Error::Config(_))
        ));
    }

    #[test]
    fn bad_settings_are_refused_with_a_reason() {
        type Change = Box<dyn Fn(&mut S3Config)>;
        let cases: Vec<(&str, Change)> = vec![
            (
                "endpoint",
                Box::new(|c| c.endpoint = "s3.example.com".into()),
            ),
            (
                "endpoint",
                Box::new(|c| c.endpoint = "ftp://s3.example.com".into()),
            ),
            (
                "credentials",
                Box::new(|c| c.endpoint = "https://k:s@s3.example.com".into()),
            ),
            ("bucket", Box::new(|c| c.bucket = "Portal_Files".into())),
            ("bucket", Box::new(|c| c.bucket = "ab".into())),
            ("region", Box::new(|c| c.region = "eu west".into())),
            ("required", Box::new(|c| c.access_key_id = " ".into())),
            (
                "required",
                Box::new(|c| c.secret_access_key = SecretString::from("")),
            ),
            ("timeouts", Box::new(|c| c.request_timeout = Duration::ZERO)),
            ("key_prefix", Box::new(|c| c.key_prefix = "/abs".into())),
            ("key_prefix", Box::new(|c| c.key_prefix = "a/../b".into())),
            ("key_prefix", Box::new(|c| c.key_prefix = "a//b".into())),
            ("key_prefix", Box::new(|c| c.key_prefix = "a b".into())),
        ];
        for (word, change) in cases {
            let mut c = config();
            change(&mut c);
            match c.validate() {
                Err(S3Error::Config(why)) => assert!(why.contains(word), "{why}"),
                other => panic!("{word}: {other:?}"),
            }
        }
        assert_eq!(config().validate().unwrap(), "");
    }

    #[test]
    fn presigned_urls_are_signed_at_the_injected_clock_time() {
        use chrono::TimeZone as _;
        let start = chrono::Utc.with_ymd_and_hms(2030, 1, 2, 3, 4, 5).unwrap();
        let clock = SharedClock::new(std::sync::Arc::new(crate::clock::ManualClock::new(start)));
        let b = S3Bucket::new(&config(), clock).unwrap();
        let url = b.sign(&HeadBucket::new(&b.bucket, Some(&b.credentials)));
        assert!(
            url.as_str().contains("X-Amz-Date=20300102T030405Z"),
            "{url}"
        );
    }
}
