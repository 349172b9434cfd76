//! A client user's own profile as the Profile page edits it: the contact's name, phone and job
//! title (the PSA's fields: a saved change goes to the directory changes feed and bumps the
//! contact's `version`) and how they read the portal — language, time zone and date format,
//! kept in `user_preferences` and carried by their sessions.

use chrono_tz::Tz;
use serde_json::{Map, Value};

use crate::directory::input::{MAX_JOB_TITLE_CHARS, MAX_PHONE_CHARS};

/// Longest name, in characters.
pub const MAX_NAME_CHARS: usize = 200;

/// The `user_preferences` keys the profile owns.
pub const PREF_LOCALE: &str = "locale";
pub const PREF_TIME_ZONE: &str = "time_zone";
pub const PREF_DATE_FORMAT: &str = "date_format";

/// How the user wants calendar dates written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum DateFormat {
    /// As their language writes them.
    #[default]
    Language,
    Iso,
    DayMonthYear,
    MonthDayYear,
}

impl DateFormat {
    pub const ALL: [DateFormat; 4] = [
        DateFormat::Language,
        DateFormat::Iso,
        DateFormat::DayMonthYear,
        DateFormat::MonthDayYear,
    ];

    /// The stored and form value.
    pub fn as_str(self) -> &'static str {
        match self {
            DateFormat::Language => "language",
            DateFormat::Iso => "iso",
            DateFormat::DayMonthYear => "dmy",
            DateFormat::MonthDayYear => "mdy",
        }
    }

    pub fn parse(raw: &str) -> Option<DateFormat> {
        DateFormat::ALL.into_iter().find(|f| f.as_str() == raw)
    }
}

/// The profile form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProfileForm {
    pub full_name: String,
    pub phone: String,
    pub job_title: String,
    /// A supported language tag, or empty for the company's (else the MSP's) language.
    pub locale: String,
    /// An IANA zone name, or empty for UTC.
    pub time_zone: String,
    pub date_format: String,
}

/// What a field of the form cannot hold, as the page names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    /// `required`, `too_long`, `control_characters`, `not_a_phone_number`, `unknown_language`,
    /// `unknown_time_zone` or `unknown_date_format`.
    pub problem: &'static str,
}

/// A profile that can be saved.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProfileInput {
    pub full_name: String,
    pub phone: Option<String>,
    pub job_title: Option<String>,
    pub locale: Option<String>,
    /// The zone's canonical IANA name.
    pub time_zone: Option<String>,
    pub date_format: DateFormat,
}

impl ProfileInput {
    /// Checks every field (all refusals at once, in form order); `languages` are the tags the
    /// portal has texts for.
    pub fn parse(form: &ProfileForm, languages: &[&str]) -> Result<ProfileInput, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut refuse = |field, problem| errors.push(FieldError { field, problem });
        let full_name = match text(&form.full_name, MAX_NAME_CHARS) {
            Ok(Some(name)) => name,
            Ok(None) => {
                refuse("full_name", "required");
                String::new()
            }
            Err(problem) => {
                refuse("full_name", problem);
                String::new()
            }
        };
        let phone = text(&form.phone, MAX_PHONE_CHARS)
            .and_then(|p| match p {
                Some(p) if !is_phone_number(&p) => Err("not_a_phone_number"),
                p => Ok(p),
            })
            .unwrap_or_else(|problem| {
                refuse("phone", problem);
                None
            });
        let job_title = text(&form.job_title, MAX_JOB_TITLE_CHARS).unwrap_or_else(|problem| {
            refuse("job_title", problem);
            None
        });
        let locale = match form.locale.trim() {
            "" => None,
            tag => match languages.iter().find(|l| l.eq_ignore_ascii_case(tag)) {
                Some(l) => Some((*l).to_owned()),
                None => {
                    refuse("locale", "unknown_language");
                    None
                }
            },
        };
        let time_zone = match form.time_zone.trim() {
            "" => None,
            zone => match zone.parse::<Tz>() {
                Ok(tz) => Some(tz.name().to_owned()),
                Err(_) => {
                    refuse("time_zone", "unknown_time_zone");
                    None
                }
            },
        };
        let date_format = match form.date_format.trim() {
            "" => DateFormat::Language,
            raw => DateFormat::parse(raw).unwrap_or_else(|| {
                refuse("date_format", "unknown_date_format");
                DateFormat::Language
            }),
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(ProfileInput {
            full_name,
            phone,
            job_title,
            locale,
            time_zone,
            date_format,
        })
    }
}

/// The profile as stored: the same fields a checked submission holds, to compare against.
pub type StoredProfile = ProfileInput;

impl StoredProfile {
    /// The fields `next` changes, with their new values (`null` when cleared), as the changes
    /// feed's `profile_updated` carries them.
    pub fn changes_to(&self, next: &ProfileInput) -> Map<String, Value> {
        let mut changed = Map::new();
        let mut note = |field: &str, before: Option<&str>, after: Option<&str>| {
            if before != after {
                changed.insert(
                    field.to_owned(),
                    after.map_or(Value::Null, |v| Value::String(v.to_owned())),
                );
            }
        };
        note("full_name", Some(&self.full_name), Some(&next.full_name));
        note("phone", self.phone.as_deref(), next.phone.as_deref());
        note(
            "job_title",
            self.job_title.as_deref(),
            next.job_title.as_deref(),
        );
        note("locale", self.locale.as_deref(), next.locale.as_deref());
        note(
            "time_zone",
            self.time_zone.as_deref(),
            next.time_zone.as_deref(),
        );
        note(
            "date_format",
            Some(self.date_format.as_str()),
            Some(next.date_format.as_str()),
        );
        changed
    }
}

/// The user's company as their Account page shows it (from the PSA's directory).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CompanyProfile {
    pub name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// An `http`/`https` address (the directory refuses anything else).
    pub website: Option<String>,
    /// Printable lines; empty when there is no address.
    pub billing_address: Vec<String>,
    pub shipping_address: Vec<String>,
}

/// The Account page: who the user is, their role and what it lets them do, their company.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountOverview {
    pub full_name: String,
    pub email: String,
    pub role: Option<crate::model::PortalRole>,
    /// `resource:action`, as the role holds them.
    pub permissions: Vec<String>,
    pub company: CompanyProfile,
}

/// Trimmed text of at most `max` characters without control characters; `None` when empty.
fn text(raw: &str, max: usize) -> Result<Option<String>, &'static str> {
    let value = raw.trim();
    if value.is_empty() {
        return Ok(None);
    }
    if value.chars().count() > max {
        return Err("too_long");
    }
    if value.chars().any(char::is_control) {
        return Err("control_characters");
    }
    Ok(Some(value.to_owned()))
}

/// Digits with the usual punctuation of phone numbers (`+32 2 555 01 23`, `(555) 010-4477 ext. 12`).
fn is_phone_number(phone: &str) -> bool {
    let lower = phone.to_ascii_lowercase();
    let without_ext = lower.replacen("ext.", "", 1).replacen("ext", "", 1);
    phone.chars().any(|c| c.is_ascii_digit())
        && without_ext
            .chars()
            .all(|c| c.is_ascii_digit() || " +-().#/x".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    const LANGUAGES: &[&str] = &["en", "fr"];

    fn form() -> ProfileForm {
        ProfileForm {
            full_name: "  Alice Martin ".into(),
            phone: "+32 2 555 01 23".into(),
            job_title: "Office manager".into(),
            locale: "FR".into(),
            time_zone: "Europe/Brussels".into(),
            date_format: "iso".into(),
        }
    }

    #[test]
    fn a_good_form_is_read_and_trimmed() {
        assert_eq!(
            ProfileInput::parse(&form(), LANGUAGES),
            Ok(ProfileInput {
                full_name: "Alice Martin".into(),
                phone: Some("+32 2 555 01 23".into()),
                job_title: Some("Office manager".into()),
                locale: Some("fr".into()),
                time_zone: Some("Europe/Brussels".into()),
                date_format: DateFormat::Iso,
            })
        );
        let blank = ProfileForm {
            full_name: "Alice".into(),
            ..ProfileForm::default()
        };
        let input = ProfileInput::parse(&blank, LANGUAGES);
        assert_eq!(
            input.map(|i| (i.phone, i.locale, i.time_zone, i.date_format)),
            Ok((None, None, None, DateFormat::Language))
        );
    }

    #[test]
    fn every_bad_field_is_named_with_its_problem() {
        let refused = |f: ProfileForm| ProfileInput::parse(&f, LANGUAGES).err();
        let one = |field, problem| Some(vec![FieldError { field, problem }]);
        assert_eq!(
            refused(ProfileForm {
                full_name: "   ".into(),
                ..form()
            }),
            one("full_name", "required")
        );
        assert_eq!(
            refused(ProfileForm {
                full_name: "x".repeat(201),
                ..form()
            }),
            one("full_name", "too_long")
        );
        assert_eq!(
            refused(ProfileForm {
                full_name: "Al\u{7}ice".into(),
                ..form()
            }),
            one("full_name", "control_characters")
        );
        assert_eq!(
            refused(ProfileForm {
                phone: "call me".into(),
                ..form()
            }),
            one("phone", "not_a_phone_number")
        );
        assert_eq!(
            refused(ProfileForm {
                phone: "1".repeat(41),
                ..form()
            }),
            one("phone", "too_long")
        );
        assert_eq!(
            refused(ProfileForm {
                job_title: "x".repeat(101),
                ..form()
            }),
            one("job_title", "too_long")
        );
        assert_eq!(
            refused(ProfileForm {
                locale: "tlh".into(),
                ..form()
            }),
            one("locale", "unknown_language")
        );
        assert_eq!(
            refused(ProfileForm {
                time_zone: "Mars/Olympus_Mons".into(),
                ..form()
            }),
            one("time_zone", "unknown_time_zone")
        );
        assert_eq!(
            refused(ProfileForm {
                date_format: "ymd".into(),
                ..form()
            }),
            one("date_format", "unknown_date_format")
        );
        let all = refused(ProfileForm {
            full_name: String::new(),
            phone: "abc".into(),
            job_title: String::new(),
            locale: "xx".into(),
            time_zone: "Nowhere".into(),
            date_format: "?".into(),
        });
        assert_eq!(all.map(|e| e.len()), Some(5));
    }

    #[test]
    fn phone_numbers_take_the_usual_punctuation() {
        for ok in [
            "+1 (555) 010-4477",
            "0475/12.34.56",
            "555 0100 ext. 12",
            "555-0100 x12",
        ] {
            assert!(is_phone_number(ok), "{ok}");
        }
        for bad in ["", "ext", "+", "555 0100 call", "555\u{7}"] {
            assert!(!is_phone_number(bad), "{bad}");
        }
    }

    #[test]
    fn only_changed_fields_reach_the_feed() {
        let stored = StoredProfile {
            full_name: "Alice Martin".into(),
            phone: Some("+32 2 555 01 23".into()),
            job_title: None,
            locale: None,
            time_zone: None,
            date_format: DateFormat::Language,
        };
        let next = ProfileInput {
            full_name: "Alice Martin".into(),
            phone: None,
            job_title: Some("Office manager".into()),
            locale: None,
            time_zone: Some("Europe/Brussels".into()),
            date_format: DateFormat::Language,
        };
        let changes = stored.changes_to(&next);
        assert_eq!(
            Value::Object(changes),
            serde_json::json!({"phone": null, "job_title": "Office manager",
                               "time_zone": "Europe/Brussels"})
        );
    }
}
