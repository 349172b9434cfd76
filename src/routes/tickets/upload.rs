//! Reading a `multipart/form-data` ticket form: small text fields into memory, files streamed
//! into the attachment store's temporary files within the size limit. Nothing is kept unless
//! the whole form is good: a refused upload's temporary files are removed when it is dropped,
//! and stored contents no row came to refer to are forgotten. A full attachments disk refuses
//! the files (`storage_full`, 507) like any other problem, so the form comes back as typed.

use std::collections::HashMap;

use actix_multipart::{Field, Multipart};
use actix_web::http::StatusCode;
use futures_util::StreamExt as _;
use portal_actors::attachments::{PendingUpload, UploadError};
use portal_actors::tickets::{clean_file_name, StoredFile};

use crate::app::AppState;
use crate::errors::PortalError;
use crate::http::csrf::check_csrf;
use crate::http::extract::PortalUser;

/// Largest text field accepted (the longest is a 20,000-character description).
const MAX_TEXT_FIELD_BYTES: usize = 96 * 1024;
/// Most text fields read from one form.
const MAX_TEXT_FIELDS: usize = 16;
/// Bytes of form overhead (boundaries, headers, text fields) allowed beyond the files' limits.
const FORM_OVERHEAD_BYTES: u64 = 1024 * 1024;
/// Longest content type kept; anything odd becomes `application/octet-stream`.
const MAX_CONTENT_TYPE_LEN: usize = 100;
const FALLBACK_CONTENT_TYPE: &str = "application/octet-stream";

/// Why the files of a form were refused: the `files` field's problem code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileProblem {
    TooLarge,
    Empty,
    TooMany,
    BadName,
    /// The attachments disk is full: nothing was kept, the user may try again later.
    NoSpace,
}

impl FileProblem {
    pub fn code(self) -> &'static str {
        match self {
            FileProblem::TooLarge => "file_too_large",
            FileProblem::Empty => "file_empty",
            FileProblem::TooMany => "too_many_files",
            FileProblem::BadName => "file_name",
            FileProblem::NoSpace => "storage_full",
        }
    }

    /// The `outcome` label of `portal_ticket_attachments_uploaded_total`.
    pub fn outcome(self) -> &'static str {
        match self {
            FileProblem::TooLarge => "too_large",
            FileProblem::Empty => "empty",
            FileProblem::TooMany | FileProblem::BadName => "invalid",
            FileProblem::NoSpace => "storage_full",
        }
    }
}

/// The status of a page refusing a form's files with `code` (413 too large, 507 no room to
/// store them, else 400).
pub fn refusal_status(code: &str) -> StatusCode {
    match code {
        "file_too_large" => StatusCode::PAYLOAD_TOO_LARGE,
        "storage_full" => StatusCode::INSUFFICIENT_STORAGE,
        _ => StatusCode::BAD_REQUEST,
    }
}

struct PendingFile {
    file_name: String,
    content_type: String,
    upload: PendingUpload,
}

/// A form read in full: its text fields, and either its files (stored) or why they were refused.
pub struct UploadForm {
    fields: HashMap<String, String>,
    pub files: Vec<StoredFile>,
    pub problem: Option<FileProblem>,
}

impl UploadForm {
    pub fn field(&self, name: &str) -> &str {
        self.fields.get(name).map_or("", String::as_str)
    }

    /// Removes stored contents that no attachment row refers to (after the save failed).
    pub async fn forget(&self, state: &AppState) {
        let hashes: Vec<String> = self.files.iter().map(|f| f.content_hash.clone()).collect();
        forget(state, &hashes).await;
    }
}

/// Removes the contents of `hashes` that no attachment row refers to.
async fn forget(state: &AppState, hashes: &[String]) {
    if let Err(e) = state
        .attachments
        .forget_unreferenced(&state.services.db, hashes)
        .await
    {
        tracing::warn!(error = %e, "cannot clean up refused attachments");
    }
}

fn content_type(field: &Field) -> String {
    field
        .content_type()
        .map(|m| m.essence_str().to_ascii_lowercase())
        .filter(|m| {
            m.len() <= MAX_CONTENT_TYPE_LEN
                && m.split_once('/')
                    .is_some_and(|(a, b)| !a.is_empty() && !b.is_empty())
                && m.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"/.+-_".contains(&b))
        })
        .unwrap_or_else(|| FALLBACK_CONTENT_TYPE.to_owned())
}

fn bad_form(e: impl std::fmt::Display) -> PortalError {
    PortalError::BadRequest(format!("unreadable form: {e}"))
}

/// Reads the form; a wrong CSRF token is refused (403) before any file is kept.
pub async fn read(
    state: &AppState,
    user: &PortalUser,
    mut payload: Multipart,
) -> Result<UploadForm, PortalError> {
    let mut parser = FormParser::new(state, user);
    while let Some(item) = payload.next().await {
        parser.read_part(item.map_err(bad_form)?).await?;
    }
    parser.finish().await
}

/// One form being read: what it has sent so far and what it may still send.
struct FormParser<'a> {
    state: &'a AppState,
    user: &'a PortalUser,
    fields: HashMap<String, String>,
    pending: Vec<PendingFile>,
    problem: Option<FileProblem>,
    budget: Budget,
}

impl<'a> FormParser<'a> {
    fn new(state: &'a AppState, user: &'a PortalUser) -> Self {
        // Everything read counts against one budget: refused files are still read to their end
        // (so the browser gets the answer), but never more than a full form could hold.
        let budget = Budget(
            state
                .max_attachment_bytes
                .saturating_mul((state.max_files_per_upload as u64).saturating_add(1))
                .saturating_add(FORM_OVERHEAD_BYTES),
        );
        FormParser {
            state,
            user,
            fields: HashMap::new(),
            pending: Vec::new(),
            problem: None,
            budget,
        }
    }

    /// Reads one part: a file when its disposition names a file, else a text field.
    async fn read_part(&mut self, field: Field) -> Result<(), PortalError> {
        let disposition = field.content_disposition().cloned();
        let name = disposition
            .as_ref()
            .and_then(|d| d.get_name())
            .unwrap_or_default()
            .to_owned();
        match disposition.as_ref().and_then(|d| d.get_filename()) {
            Some(raw_name) => self.read_file(field, raw_name).await,
            None => self.read_text(field, name).await,
        }
    }

    /// Streams a file into a temporary upload, or reads past it once the files are refused.
    async fn read_file(&mut self, mut field: Field, raw_name: &str) -> Result<(), PortalError> {
        // A file input left empty still sends a part with no name and no bytes.
        if raw_name.is_empty() || self.problem.is_some() {
            return self.budget.drain(&mut field).await;
        }
        if self.pending.len() >= self.state.max_files_per_upload {
            self.problem = Some(FileProblem::TooMany);
            return self.budget.drain(&mut field).await;
        }
        let Some(file_name) = clean_file_name(raw_name) else {
            self.problem = Some(FileProblem::BadName);
            return self.budget.drain(&mut field).await;
        };
        let content_type = content_type(&field);
        let mut upload = match self
            .state
            .attachments
            .begin(self.state.max_attachment_bytes)
            .await
        {
            Ok(upload) => upload,
            Err(UploadError::NoSpace { .. }) => {
                self.problem = Some(FileProblem::NoSpace);
                return self.budget.drain(&mut field).await;
            }
            Err(e) => return Err(PortalError::unavailable(e)),
        };
        self.write_file(&mut field, &mut upload).await?;
        if self.problem.is_some() {
            return self.budget.drain(&mut field).await;
        }
        self.pending.push(PendingFile {
            file_name,
            content_type,
            upload,
        });
        Ok(())
    }

    /// Copies the part into `upload`; a file over the limit stops it with `TooLarge`, a full
    /// disk with `NoSpace`.
    async fn write_file(
        &mut self,
        field: &mut Field,
        upload: &mut PendingUpload,
    ) -> Result<(), PortalError> {
        while let Some(chunk) = field.next().await {
            let chunk = chunk.map_err(bad_form)?;
            self.budget.spend(chunk.len())?;
            match upload.write(&chunk).await {
                Ok(()) => {}
                Err(UploadError::TooLarge { .. }) => {
                    self.problem = Some(FileProblem::TooLarge);
                    return Ok(());
                }
                Err(UploadError::NoSpace { .. }) => {
                    self.problem = Some(FileProblem::NoSpace);
                    return Ok(());
                }
                Err(e) => return Err(PortalError::unavailable(e)),
            }
        }
        Ok(())
    }

    /// Reads a small text field; its CSRF token is checked as soon as it arrives.
    async fn read_text(&mut self, mut field: Field, name: String) -> Result<(), PortalError> {
        if self.fields.len() >= MAX_TEXT_FIELDS {
            return Err(PortalError::PayloadTooLarge);
        }
        let mut value = Vec::new();
        while let Some(chunk) = field.next().await {
            let chunk = chunk.map_err(bad_form)?;
            self.budget.spend(chunk.len())?;
            if value.len().saturating_add(chunk.len()) > MAX_TEXT_FIELD_BYTES {
                return Err(PortalError::PayloadTooLarge);
            }
            value.extend_from_slice(&chunk);
        }
        let value = String::from_utf8(value).map_err(bad_form)?;
        if name == "csrf_token" {
            check_csrf(self.user, &value)?;
        }
        self.fields.insert(name, value);
        Ok(())
    }

    /// Checks the CSRF token and keeps the files; refused files leave nothing stored.
    async fn finish(mut self) -> Result<UploadForm, PortalError> {
        check_csrf(
            self.user,
            self.fields.get("csrf_token").map_or("", String::as_str),
        )?;
        let files = match self.problem {
            None => self.store_files().await?,
            Some(_) => Vec::new(),
        };
        let form = UploadForm {
            fields: self.fields,
            files,
            problem: self.problem,
        };
        if form.problem.is_some() {
            form.forget(self.state).await;
            return Ok(UploadForm {
                files: Vec::new(),
                ..form
            });
        }
        Ok(form)
    }

    /// Moves the pending uploads into the store; an empty one refuses them all (`Empty`), as
    /// does a full disk (`NoSpace`); those stored before are forgotten by `finish`.
    async fn store_files(&mut self) -> Result<Vec<StoredFile>, PortalError> {
        let mut files = Vec::new();
        for p in std::mem::take(&mut self.pending) {
            match p.upload.finish(&self.state.attachments).await {
                Ok(blob) => files.push(StoredFile {
                    file_name: p.file_name,
                    content_type: p.content_type,
                    size_bytes: i64::try_from(blob.size_bytes).unwrap_or(i64::MAX),
                    content_hash: blob.content_hash,
                }),
                Err(UploadError::Empty) => {
                    self.problem = Some(FileProblem::Empty);
                    break;
                }
                Err(UploadError::NoSpace { .. }) => {
                    self.problem = Some(FileProblem::NoSpace);
                    break;
                }
                Err(e) => {
                    let stored: Vec<String> =
                        files.iter().map(|f| f.content_hash.clone()).collect();
                    forget(self.state, &stored).await;
                    return Err(PortalError::unavailable(e));
                }
            }
        }
        Ok(files)
    }
}

/// Bytes a form may still send.
struct Budget(u64);

impl Budget {
    fn spend(&mut self, n: usize) -> Result<(), PortalError> {
        self.0 = self
            .0
            .checked_sub(n as u64)
            .ok_or(PortalError::PayloadTooLarge)?;
        Ok(())
    }

    /// Reads and discards the rest of a part (so the client gets its answer, not a reset).
    async fn drain(&mut self, field: &mut Field) -> Result<(), PortalError> {
        while let Some(chunk) = field.next().await {
            self.spend(chunk.map_err(bad_form)?.len())?;
        }
        Ok(())
    }
}

/// Counts each ticket upload's outcome.
pub fn count(state: &AppState, form: &UploadForm, outcome: &str) {
    count_in(&state.metrics.attachments_uploaded, form, outcome);
}

/// Counts each upload's outcome in `counter` (refused forms once, with their problem).
pub fn count_in(counter: &prometheus::IntCounterVec, form: &UploadForm, outcome: &str) {
    match form.problem {
        Some(problem) => counter.with_label_values(&[problem.outcome()]).inc(),
        None => {
            for _ in &form.files {
                counter.with_label_values(&[outcome]).inc();
            }
        }
    }
}
