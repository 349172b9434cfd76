//! The PSA's client and contact bodies, read field by field so that every refusal names its
//! field (nested address lines as `billing_address.city`): missing or mistyped values, unknown
//! fields, over-long text, a malformed email, locale or role. Whether the client a contact
//! names exists is checked later, in `apply`.

use serde_json::{Map, Value};
use uuid::Uuid;

use super::{Address, ClientFields, ContactFields, MAX_BATCH_ITEMS};
use crate::model::{Email, EmailError, PortalRole};
use crate::ticket_sync::input::{parse_path_id, Fields};
use crate::ticket_sync::SyncError;

/// Longest website address, in characters.
pub const MAX_WEBSITE_CHARS: usize = 2048;
/// Longest phone number, in characters.
pub const MAX_PHONE_CHARS: usize = 40;
/// Longest job title, in characters.
pub const MAX_JOB_TITLE_CHARS: usize = 100;
/// Longest address line (street, city, region, country), in characters.
pub const MAX_ADDRESS_LINE_CHARS: usize = 200;
/// Longest postal code, in characters.
pub const MAX_POSTAL_CODE_CHARS: usize = 32;
/// Longest locale tag, in characters.
pub const MAX_LOCALE_CHARS: usize = 35;

const CLIENT_FIELDS: &[&str] = &[
    "name",
    "website",
    "phone",
    "email",
    "billing_address",
    "shipping_address",
    "default_locale",
    "inactive",
    "portal_enabled",
    "version",
];

const CONTACT_FIELDS: &[&str] = &[
    "client_id",
    "name",
    "email",
    "phone",
    "job_title",
    "inactive",
    "portal_role",
    "version",
];

const ADDRESS_LINES: &[(&str, usize)] = &[
    ("line1", MAX_ADDRESS_LINE_CHARS),
    ("line2", MAX_ADDRESS_LINE_CHARS),
    ("city", MAX_ADDRESS_LINE_CHARS),
    ("region", MAX_ADDRESS_LINE_CHARS),
    ("postal_code", MAX_POSTAL_CODE_CHARS),
    ("country", MAX_ADDRESS_LINE_CHARS),
];

fn bad(field: &str, message: impl Into<String>) -> SyncError {
    SyncError::invalid(field, message)
}

/// A client upsert: the fields a PUT replaces and the version the PSA last saw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientInput {
    pub fields: ClientFields,
    /// `None`: overwrite whatever is stored (the PSA's choice).
    pub version: Option<i64>,
}

/// A contact upsert: the fields a PUT replaces and the version the PSA last saw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactInput {
    pub fields: ContactFields,
    /// `None`: overwrite whatever is stored (the PSA's choice).
    pub version: Option<i64>,
}

/// The company details a client admin may edit from company settings (when the MSP allows it).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CompanyEdit {
    pub phone: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub billing_address: Option<Address>,
}

/// Reads a company-details form (as a JSON object of strings, the address nested): every field
/// checked as the PSA's own are, every refusal at once (`billing_address.city` named so).
pub fn parse_company_edit(body: Value) -> Result<CompanyEdit, Vec<SyncError>> {
    const FIELDS: &[&str] = &["phone", "email", "website", "billing_address"];
    let billing = body.get("billing_address").cloned();
    let f = Fields::new(body, FIELDS).map_err(|e| vec![e])?;
    let mut errors = Vec::new();
    let mut keep = |r: Result<Option<String>, SyncError>| {
        r.unwrap_or_else(|e| {
            errors.push(e);
            None
        })
    };
    let phone = keep(opt_text(&f, "phone", MAX_PHONE_CHARS));
    let email = keep(match f.opt_str("email").map(|e| e.map(str::trim)) {
        Ok(None | Some("")) => Ok(None),
        Ok(Some(raw)) => parse_email("email", raw).map(Some),
        Err(e) => Err(e),
    });
    let website = keep(parse_website(&f, "website"));
    let billing_address = parse_address("billing_address", billing.as_ref()).unwrap_or_else(|e| {
        errors.push(e);
        None
    });
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(CompanyEdit {
        phone,
        email,
        website,
        billing_address,
    })
}

impl ClientInput {
    /// Reads a `PUT /clients/{id}` body.
    pub fn parse(body: Value) -> Result<ClientInput, SyncError> {
        let billing = body.get("billing_address").cloned();
        let shipping = body.get("shipping_address").cloned();
        let version = parse_version(body.get("version"))?;
        let f = Fields::new(body, CLIENT_FIELDS)?;
        let email = match f.opt_str("email")?.map(str::trim) {
            None | Some("") => None,
            Some(raw) => Some(parse_email("email", raw)?),
        };
        let default_locale = match f.opt_str("default_locale")?.map(str::trim) {
            None | Some("") => None,
            Some(tag) => Some(parse_locale("default_locale", tag)?),
        };
        Ok(ClientInput {
            fields: ClientFields {
                name: f.name("name")?,
                website: parse_website(&f, "website")?,
                phone: opt_text(&f, "phone", MAX_PHONE_CHARS)?,
                email,
                billing_address: parse_address("billing_address", billing.as_ref())?,
                shipping_address: parse_address("shipping_address", shipping.as_ref())?,
                default_locale,
                inactive: f.opt_bool("inactive")?.unwrap_or(false),
                portal_enabled: f.opt_bool("portal_enabled")?.unwrap_or(true),
            },
            version,
        })
    }
}

impl ContactInput {
    /// Reads a `PUT /contacts/{id}` body.
    pub fn parse(body: Value) -> Result<ContactInput, SyncError> {
        let version = parse_version(body.get("version"))?;
        let f = Fields::new(body, CONTACT_FIELDS)?;
        let portal_role = match f.opt_str("portal_role")? {
            None => PortalRole::User,
            Some(raw) => PortalRole::ALL
                .into_iter()
                .find(|r| r.as_str() == raw.trim())
                .ok_or_else(|| bad("portal_role", "must be admin, finance or user"))?,
        };
        Ok(ContactInput {
            fields: ContactFields {
                client_id: f.uuid("client_id")?,
                name: f.name("name")?,
                email: parse_email("email", f.str("email")?)?,
                phone: opt_text(&f, "phone", MAX_PHONE_CHARS)?,
                job_title: opt_text(&f, "job_title", MAX_JOB_TITLE_CHARS)?,
                inactive: f.opt_bool("inactive")?.unwrap_or(false),
                portal_role,
            },
            version,
        })
    }
}

/// One record of a batch, as the PSA would PUT it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BatchRecord {
    Client(Box<ClientInput>),
    Contact(Box<ContactInput>),
}

/// One item of a batch: what it upserts and under which id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchItem {
    pub id: Uuid,
    pub record: BatchRecord,
}

/// Why one item of a batch was refused: its index, the field, the error code and a message.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ItemError {
    pub index: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    pub error: &'static str,
    pub message: String,
    /// With `stale_version`: the record's version now.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub current_version: Option<i64>,
}

impl ItemError {
    /// The refusal of item `index` as the batch reports it (`None`: a fault, not a refusal).
    pub fn from_sync(index: usize, e: &SyncError) -> Option<ItemError> {
        let (field, error, message, current_version) = match e {
            SyncError::Invalid { field, message } => {
                (Some(field.clone()), "invalid_field", message.clone(), None)
            }
            SyncError::StaleVersion { current } => (
                Some("version".to_owned()),
                "stale_version",
                "the record changed since this version".to_owned(),
                Some(*current),
            ),
            SyncError::EmailTaken => (
                Some("email".to_owned()),
                "email_taken",
                "another portal user of the tenant signs in with this email".to_owned(),
                None,
            ),
            SyncError::NotFound
            | SyncError::NumberTaken
            | SyncError::Db(_)
            | SyncError::Fault(_) => return None,
        };
        Some(ItemError {
            index,
            field,
            error,
            message,
            current_version,
        })
    }

    /// Whether this refusal is a conflict with what is stored (409) rather than bad input (400).
    pub fn is_conflict(&self) -> bool {
        matches!(self.error, "stale_version" | "email_taken")
    }
}

/// Every refused item of a batch (nothing of it was written).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchRefusal(pub Vec<ItemError>);

impl BatchRefusal {
    /// Whether every refusal is a conflict with what is stored (409), none bad input (400).
    pub fn is_conflict(&self) -> bool {
        self.0.iter().all(ItemError::is_conflict)
    }
}

/// Reads a `directory:batch` body: `Ok` with every item, or every item's refusal (the body
/// itself refused names `items` or `body`).
pub fn parse_batch(body: Value) -> Result<Result<Vec<BatchItem>, BatchRefusal>, SyncError> {
    let Value::Object(mut map) = body else {
        return Err(bad("body", "must be a JSON object"));
    };
    if let Some(unknown) = map.keys().find(|k| k.as_str() != "items") {
        return Err(bad(unknown, "unknown field"));
    }
    let Some(Value::Array(items)) = map.remove("items") else {
        return Err(bad(
            "items",
            "required: an array of client and contact upserts",
        ));
    };
    if items.is_empty() {
        return Err(bad("items", "must hold at least one item"));
    }
    if items.len() > MAX_BATCH_ITEMS {
        return Err(bad(
            "items",
            format!("at most {MAX_BATCH_ITEMS} items in one batch"),
        ));
    }
    let mut parsed = Vec::with_capacity(items.len());
    let mut errors = Vec::new();
    for (index, item) in items.into_iter().enumerate() {
        match parse_item(item) {
            Ok(item) => parsed.push(item),
            Err(e) => errors.extend(ItemError::from_sync(index, &e)),
        }
    }
    Ok(if errors.is_empty() {
        Ok(parsed)
    } else {
        Err(BatchRefusal(errors))
    })
}

fn parse_item(item: Value) -> Result<BatchItem, SyncError> {
    let record = item.get("record").cloned();
    let f = Fields::new(item, &["type", "id", "record"])?;
    let id = parse_path_id("id", f.str("id")?)?;
    let record = record.ok_or_else(|| bad("record", "required"))?;
    let record = match f.str("type")? {
        "client" => BatchRecord::Client(Box::new(ClientInput::parse(record).map_err(nest_record)?)),
        "contact" => {
            BatchRecord::Contact(Box::new(ContactInput::parse(record).map_err(nest_record)?))
        }
        _ => return Err(bad("type", "must be client or contact")),
    };
    Ok(BatchItem { id, record })
}

/// A record's refusal as the batch names it: `record.<field>`.
fn nest_record(e: SyncError) -> SyncError {
    match e {
        SyncError::Invalid { field, message } => SyncError::Invalid {
            field: format!("record.{field}"),
            message,
        },
        other => other,
    }
}

/// `version`: absent/null, or an integer from 1.
fn parse_version(value: Option<&Value>) -> Result<Option<i64>, SyncError> {
    match value {
        None | Some(Value::Null) => Ok(None),
        Some(v) => v
            .as_i64()
            .filter(|n| *n >= 1)
            .map(Some)
            .ok_or_else(|| bad("version", "must be an integer from 1")),
    }
}

/// Optional text: trimmed (empty is none), at most `max` characters, no control characters.
fn opt_text(f: &Fields, field: &str, max: usize) -> Result<Option<String>, SyncError> {
    match f.opt_str(field)? {
        None => Ok(None),
        Some(raw) => text(field, raw, max),
    }
}

/// A web address the portal may link to: `http` or `https` with a host and no credentials; a
/// bare host (`www.acme.example`) means `https://`. Anything else (`javascript:`, `data:`) is
/// refused, so no page ever renders a script URL from the PSA.
pub(crate) fn parse_website(f: &Fields, field: &str) -> Result<Option<String>, SyncError> {
    let Some(value) = opt_text(f, field, MAX_WEBSITE_CHARS)? else {
        return Ok(None);
    };
    let address = if value.contains("://") {
        value
    } else {
        format!("https://{value}")
    };
    let refused = || {
        bad(
            field,
            "must be a web address such as https://www.example.com",
        )
    };
    let url = url::Url::parse(&address).map_err(|_| refused())?;
    let web = matches!(url.scheme(), "http" | "https")
        && url.host_str().is_some_and(|h| !h.is_empty())
        && url.username().is_empty()
        && url.password().is_none();
    if !web || address.chars().count() > MAX_WEBSITE_CHARS {
        return Err(refused());
    }
    Ok(Some(address))
}

fn text(field: &str, raw: &str, max: usize) -> Result<Option<String>, SyncError> {
    let value = raw.trim();
    if value.is_empty() {
        return Ok(None);
    }
    if value.chars().count() > max {
        return Err(bad(field, format!("too long (at most {max} characters)")));
    }
    if value.chars().any(char::is_control) {
        return Err(bad(field, "control characters are not allowed"));
    }
    Ok(Some(value.to_owned()))
}

fn parse_email(field: &str, raw: &str) -> Result<String, SyncError> {
    Email::parse(raw)
        .map(|e| e.as_str().to_owned())
        .map_err(|e| match e {
            EmailError::Empty => bad(field, "required"),
            EmailError::TooLong => bad(field, "too long (at most 254 characters)"),
            EmailError::Malformed(_) => bad(field, "not an email address"),
        })
}

/// A BCP 47 language tag's shape: a 2–3 letter language, then 1–8 character subtags
/// (`en`, `de-AT`, `zh-Hant-TW`).
pub fn parse_locale(field: &str, tag: &str) -> Result<String, SyncError> {
    let refuse = || bad(field, "must be a language tag such as en or de-AT");
    if tag.len() > MAX_LOCALE_CHARS {
        return Err(refuse());
    }
    let mut parts = tag.split('-');
    let language = parts.next().unwrap_or("");
    if !(2..=3).contains(&language.len()) || !language.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Err(refuse());
    }
    for part in parts {
        if !(1..=8).contains(&part.len()) || !part.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(refuse());
        }
    }
    Ok(tag.to_owned())
}

/// An address object (`null` or absent is none; every line optional; unknown keys refused).
fn parse_address(field: &str, value: Option<&Value>) -> Result<Option<Address>, SyncError> {
    let map: &Map<String, Value> = match value {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::Object(map)) => map,
        Some(_) => return Err(bad(field, "must be an object")),
    };
    if let Some(unknown) = map
        .keys()
        .find(|k| !ADDRESS_LINES.iter().any(|(line, _)| line == k))
    {
        return Err(bad(&format!("{field}.{unknown}"), "unknown field"));
    }
    let mut address = Address::default();
    for (line, max) in ADDRESS_LINES {
        let name = format!("{field}.{line}");
        let value = match map.get(*line) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => text(&name, s, *max)?,
            Some(_) => return Err(bad(&name, "must be a string")),
        };
        let slot = match *line {
            "line1" => &mut address.line1,
            "line2" => &mut address.line2,
            "city" => &mut address.city,
            "region" => &mut address.region,
            "postal_code" => &mut address.postal_code,
            _ => &mut address.country,
        };
        *slot = value;
    }
    Ok(if address == Address::default() {
        None
    } else {
        Some(address)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn field_of(e: SyncError) -> String {
        match e {
            SyncError::Invalid { field, .. } => field,
            other => panic!("not an invalid field: {other:?}"),
        }
    }

    #[test]
    fn clients_are_read_field_by_field() {
        let c = ClientInput::parse(json!({
            "name": " Acme ", "email": "Office@Acme.EXAMPLE", "default_locale": "de-AT",
            "billing_address": {"city": "Vienna", "line2": " "}, "version": 3
        }))
        .unwrap();
        assert_eq!(c.fields.name, "Acme");
        assert_eq!(c.fields.email.as_deref(), Some("office@acme.example"));
        assert_eq!(
            c.fields.billing_address.unwrap().city.as_deref(),
            Some("Vienna")
        );
        assert!(c.fields.portal_enabled && !c.fields.inactive);
        assert_eq!(c.version, Some(3));
        // A website is a web address (the portal links to it); a bare host means https.
        for (given, kept) in [
            ("https://acme.example/about", "https://acme.example/about"),
            ("www.acme.example", "https://www.acme.example"),
            ("http://acme.example:8080", "http://acme.example:8080"),
        ] {
            let c = ClientInput::parse(json!({"name": "Acme", "website": given})).unwrap();
            assert_eq!(c.fields.website.as_deref(), Some(kept), "{given}");
        }
        for (field, value, named) in [
            ("name", json!(""), "name"),
            ("website", json!("x".repeat(2049)), "website"),
            ("website", json!("javascript:alert(1)"), "website"),
            ("website", json!("javascript://%0Aalert(1)"), "website"),
            (
                "website",
                json!("data:text/html,<script>x</script>"),
                "website",
            ),
            ("website", json!("https://user:pw@acme.example"), "website"),
            ("website", json!("ftp://acme.example"), "website"),
            ("phone", json!("1".repeat(41)), "phone"),
            ("email", json!("nope"), "email"),
            ("default_locale", json!("english please"), "default_locale"),
            ("default_locale", json!("e"), "default_locale"),
            (
                "billing_address",
                json!({"street": "x"}),
                "billing_address.street",
            ),
            (
                "shipping_address",
                json!({"city": 7}),
                "shipping_address.city",
            ),
            ("shipping_address", json!("Main St"), "shipping_address"),
            ("inactive", json!("yes"), "inactive"),
            ("version", json!(0), "version"),
            ("version", json!("2"), "version"),
            ("colour", json!("red"), "colour"),
        ] {
            let mut body = json!({"name": "Acme"});
            body[field] = value;
            assert_eq!(
                field_of(ClientInput::parse(body).unwrap_err()),
                named,
                "{field}"
            );
        }
    }

    #[test]
    fn contacts_are_read_field_by_field() {
        let client = Uuid::new_v4().to_string();
        let base = json!({"client_id": client, "name": "Ada", "email": "ada@example.com"});
        let c = ContactInput::parse(base.clone()).unwrap();
        assert_eq!(c.fields.portal_role, PortalRole::User);
        for (field, value) in [
            ("client_id", json!("x")),
            ("name", json!("x".repeat(101))),
            ("email", json!("a@b")),
            ("email", json!(format!("{}@example.com", "a".repeat(250)))),
            ("job_title", json!("x".repeat(101))),
            ("portal_role", json!("owner")),
            ("portal_role", json!("Admin")),
        ] {
            let mut body = base.clone();
            body[field] = value;
            assert_eq!(field_of(ContactInput::parse(body).unwrap_err()), field);
        }
    }

    #[test]
    fn batches_name_every_failing_index() {
        let id = || Uuid::new_v4().to_string();
        let good = json!({"type": "client", "id": id(), "record": {"name": "A"}});
        let items = vec![
            good.clone(),
            json!({"type": "client", "id": id(), "record": {"name": ""}}),
            json!({"type": "person", "id": id(), "record": {}}),
            good,
        ];
        let errors = parse_batch(json!({ "items": items }))
            .unwrap()
            .unwrap_err()
            .0;
        let named: Vec<_> = errors
            .iter()
            .map(|e| (e.index, e.field.clone().unwrap()))
            .collect();
        assert_eq!(
            named,
            vec![(1, "record.name".to_owned()), (2, "type".to_owned())]
        );
        let too_many = vec![json!({}); MAX_BATCH_ITEMS + 1];
        assert_eq!(
            field_of(parse_batch(json!({ "items": too_many })).unwrap_err()),
            "items"
        );
    }
}
