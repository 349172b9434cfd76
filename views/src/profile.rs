//! Profile → Profile: the user's name, phone and job title, and how they read the portal
//! (language, time zone, date format). Security is the other tab of Profile.

use chrono::NaiveDate;
use maud::{html, Markup};

use crate::components::{alert, notice, tabs};
use crate::email_change::{self, EmailCardView};
use crate::format::DateStyle;
use crate::i18n::Translator;
use crate::layout::{self, PageShell};

pub const PROFILE_PATH: &str = "/client-portal/profile";
pub const SECURITY_PATH: &str = "/client-portal/profile/security";
pub const DATA_PATH: &str = "/client-portal/profile/data";
pub const DELETION_PATH: &str = "/client-portal/profile/delete-request";

pub(crate) mod msg {
    crate::i18n::message_ids! {
        TITLE = "profile-title";
        HEADING = "profile-heading";
        TABS = "profile-tabs";
        TAB_PROFILE = "profile-tab-profile";
        TAB_SECURITY = "profile-tab-security";
        TAB_ACCOUNT = "profile-tab-account";
        INTRO = "profile-intro";
        ABOUT_HEADING = "profile-about-heading";
        FULL_NAME = "profile-full-name";
        PHONE = "profile-phone";
        JOB_TITLE = "profile-job-title";
        OPTIONAL = "profile-optional";
        READING_HEADING = "profile-reading-heading";
        LANGUAGE = "profile-language";
        LANGUAGE_DEFAULT = "profile-language-default";
        TIME_ZONE = "profile-time-zone";
        TIME_ZONE_HINT = "profile-time-zone-hint";
        DATE_FORMAT = "profile-date-format";
        DATE_FORMAT_LANGUAGE = "profile-date-format-language";
        SAVE = "profile-save";
        SAVED = "profile-saved";
        UNCHANGED = "profile-unchanged";
        FIX_FIELDS = "profile-fix-fields";
        ERROR_REQUIRED = "profile-error-required";
        ERROR_TOO_LONG = "profile-error-too-long";
        ERROR_CONTROL = "profile-error-control-characters";
        ERROR_PHONE = "profile-error-phone";
        ERROR_LANGUAGE = "profile-error-language";
        ERROR_TIME_ZONE = "profile-error-time-zone";
        ERROR_DATE_FORMAT = "profile-error-date-format";
        DATA_HEADING = "profile-data-heading";
        DATA_INTRO = "profile-data-intro";
        DATA_DOWNLOAD = "profile-data-download";
        DELETION_HEADING = "profile-deletion-heading";
        DELETION_INTRO = "profile-deletion-intro";
        DELETION_CONFIRM = "profile-deletion-confirm";
        DELETION_SUBMIT = "profile-deletion-submit";
        DELETION_UNCONFIRMED = "profile-deletion-unconfirmed";
        DELETION_SENT = "profile-deletion-sent";
    }
}

/// Which tab of Profile is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProfileTab {
    Profile,
    Security,
    Account,
}

/// The heading of Profile and its two tabs.
pub fn heading(t: Translator<'_>, current: ProfileTab) -> Markup {
    let items = [
        (
            PROFILE_PATH,
            t.tr(msg::TAB_PROFILE),
            current == ProfileTab::Profile,
        ),
        (
            SECURITY_PATH,
            t.tr(msg::TAB_SECURITY),
            current == ProfileTab::Security,
        ),
        (
            crate::account::ACCOUNT_PATH,
            t.tr(msg::TAB_ACCOUNT),
            current == ProfileTab::Account,
        ),
    ];
    html! {
        h1 { (t.tr(msg::HEADING)) }
        (tabs(&t.tr(msg::TABS), &items))
    }
}

pub fn title(t: Translator<'_>) -> String {
    t.tr(msg::TITLE)
}

/// The form's values as shown: stored, or as typed when the form comes back with errors.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProfileValues {
    pub full_name: String,
    pub phone: String,
    pub job_title: String,
    /// A language tag, or empty for the default language.
    pub locale: String,
    pub time_zone: String,
    /// A [`DateStyle`] value.
    pub date_format: String,
}

/// A field the form could not take, as the actors name the problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProfileFieldError {
    pub field: &'static str,
    pub problem: &'static str,
}

/// What the page says after a save.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProfileNotice {
    Saved,
    Unchanged,
    DeletionRequested,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProfileView {
    /// The sign-in email and its change.
    pub email_card: EmailCardView,
    pub values: ProfileValues,
    pub errors: Vec<ProfileFieldError>,
    pub notice: Option<ProfileNotice>,
    pub csrf_token: String,
    /// The languages to pick from: (tag, name in that language).
    pub languages: Vec<(&'static str, &'static str)>,
    /// The name of the language used when the user picks none (their company's or the MSP's).
    pub default_language: String,
    /// Every IANA time zone name, for the searchable list.
    pub time_zones: Vec<&'static str>,
    /// Today, to show each date format by example.
    pub today: NaiveDate,
    /// The deletion request came without its confirmation ticked.
    pub deletion_unconfirmed: bool,
    /// Which notification emails the user gets.
    pub notifications: crate::notifications::NotificationsCard,
}

fn error_text(t: Translator<'_>, problem: &str) -> String {
    t.tr(match problem {
        "required" => msg::ERROR_REQUIRED,
        "too_long" => msg::ERROR_TOO_LONG,
        "not_a_phone_number" => msg::ERROR_PHONE,
        "unknown_language" => msg::ERROR_LANGUAGE,
        "unknown_time_zone" => msg::ERROR_TIME_ZONE,
        "unknown_date_format" => msg::ERROR_DATE_FORMAT,
        _ => msg::ERROR_CONTROL,
    })
}

fn error_of<'a>(v: &'a ProfileView, field: &str) -> Option<&'a ProfileFieldError> {
    v.errors.iter().find(|e| e.field == field)
}

/// A text input with its label, optional hint and error line.
fn text_field(
    t: Translator<'_>,
    v: &ProfileView,
    (field, label, value): (&'static str, String, &str),
    (kind, autocomplete, max): (&str, &str, usize),
    hint: Option<String>,
) -> Markup {
    let error = error_of(v, field);
    let hint_id = format!("{field}-hint");
    let error_id = format!("{field}-error");
    let described: Vec<&str> = [
        hint.as_ref().map(|_| hint_id.as_str()),
        error.map(|_| error_id.as_str()),
    ]
    .into_iter()
    .flatten()
    .collect();
    html! {
        div.field {
            label for=(field) { (label) }
            input id=(field) type=(kind) name=(field) value=(value) autocomplete=(autocomplete)
                maxlength=(max) list=[(field == "time_zone").then_some("time-zones")]
                aria-invalid=[error.map(|_| "true")]
                aria-describedby=[(!described.is_empty()).then(|| described.join(" "))];
            @if let Some(h) = hint { p.field-hint id=(hint_id) { (h) } }
            @if let Some(e) = error { p.field-error id=(error_id) { (error_text(t, e.problem)) } }
        }
    }
}

fn select_field(
    t: Translator<'_>,
    v: &ProfileView,
    (field, label, current): (&'static str, String, &str),
    options: &[(String, String)],
) -> Markup {
    let error = error_of(v, field);
    let error_id = format!("{field}-error");
    html! {
        div.field {
            label for=(field) { (label) }
            select id=(field) name=(field) aria-invalid=[error.map(|_| "true")]
                aria-describedby=[error.map(|_| error_id.as_str())] {
                @for (value, text) in options {
                    option value=(value) selected[value == current] { (text) }
                }
            }
            @if let Some(e) = error { p.field-error id=(error_id) { (error_text(t, e.problem)) } }
        }
    }
}

pub fn page(shell: &PageShell<'_>, v: &ProfileView) -> Markup {
    let t = shell.t;
    let optional = |id| format!("{} {}", t.tr(id), t.tr(msg::OPTIONAL));
    let mut languages = vec![(
        String::new(),
        t.tr_args(
            msg::LANGUAGE_DEFAULT,
            &[("language", v.default_language.clone())],
        ),
    )];
    languages.extend(
        v.languages
            .iter()
            .map(|(tag, name)| ((*tag).to_owned(), (*name).to_owned())),
    );
    let date_formats: Vec<(String, String)> = DateStyle::ALL
        .into_iter()
        .map(|style| {
            let example = t.fmt().with_style(style).date(v.today);
            let text = match style {
                DateStyle::Language => {
                    t.tr_args(msg::DATE_FORMAT_LANGUAGE, &[("example", example)])
                }
                _ => example,
            };
            (style.as_str().to_owned(), text)
        })
        .collect();
    let content = html! {
        (heading(t, ProfileTab::Profile))
        p.page-intro { (t.tr(msg::INTRO)) }
        @match v.notice {
            Some(ProfileNotice::Saved) => (notice(&t.tr(msg::SAVED))),
            Some(ProfileNotice::Unchanged) => (notice(&t.tr(msg::UNCHANGED))),
            Some(ProfileNotice::DeletionRequested) => (notice(&t.tr(msg::DELETION_SENT))),
            None => {},
        }
        (email_change::card(t, &v.email_card, &v.csrf_token))
        @if !v.errors.is_empty() { (alert("profile-errors", &t.tr(msg::FIX_FIELDS))) }
        form method="post" action=(PROFILE_PATH) novalidate {
            input type="hidden" name="csrf_token" value=(v.csrf_token);
            section.card aria-labelledby="about-heading" {
                h2 #about-heading { (t.tr(msg::ABOUT_HEADING)) }
                (text_field(t, v, ("full_name", t.tr(msg::FULL_NAME), &v.values.full_name), ("text", "name", 200), None))
                (text_field(t, v, ("phone", optional(msg::PHONE), &v.values.phone), ("tel", "tel", 40), None))
                (text_field(t, v, ("job_title", optional(msg::JOB_TITLE), &v.values.job_title), ("text", "organization-title", 100), None))
            }
            section.card aria-labelledby="reading-heading" {
                h2 #reading-heading { (t.tr(msg::READING_HEADING)) }
                (select_field(t, v, ("locale", t.tr(msg::LANGUAGE), &v.values.locale), &languages))
                (text_field(t, v, ("time_zone", t.tr(msg::TIME_ZONE), &v.values.time_zone), ("text", "off", 64), Some(t.tr(msg::TIME_ZONE_HINT))))
                datalist #time-zones {
                    @for zone in &v.time_zones { option value=(zone) {} }
                }
                (select_field(t, v, ("date_format", t.tr(msg::DATE_FORMAT), &v.values.date_format), &date_formats))
                button.btn.btn--primary type="submit" { (t.tr(msg::SAVE)) }
            }
        }
        (crate::notifications::card(t, &v.notifications, &v.csrf_token))
        section.card aria-labelledby="data-heading" {
            h2 #data-heading { (t.tr(msg::DATA_HEADING)) }
            p { (t.tr(msg::DATA_INTRO)) }
            a.btn.btn--secondary href=(DATA_PATH) download { (t.tr(msg::DATA_DOWNLOAD)) }
            h3 #deletion-heading { (t.tr(msg::DELETION_HEADING)) }
            p { (t.tr(msg::DELETION_INTRO)) }
            @if v.deletion_unconfirmed { (alert("deletion-error", &t.tr(msg::DELETION_UNCONFIRMED))) }
            form method="post" action=(DELETION_PATH) aria-labelledby="deletion-heading" {
                input type="hidden" name="csrf_token" value=(v.csrf_token);
                div.field.field--check {
                    input #confirm type="checkbox" name="confirm" value="on"
                        aria-invalid=[v.deletion_unconfirmed.then_some("true")];
                    label for="confirm" { (t.tr(msg::DELETION_CONFIRM)) }
                }
                button.btn.btn--danger type="submit" { (t.tr(msg::DELETION_SUBMIT)) }
            }
        }
    };
    layout::page(shell, content)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locales;
    use crate::test_support::{assert_escaped, assert_no_raw_ids, nav, TestResult, EVIL};
    use crate::theme::Branding;

    fn view() -> ProfileView {
        ProfileView {
            email_card: EmailCardView::new("alice@acme.example".into(), true),
            values: ProfileValues {
                full_name: EVIL.into(),
                phone: "+32 2 555 01 23".into(),
                job_title: String::new(),
                locale: "en".into(),
                time_zone: "Europe/Brussels".into(),
                date_format: "iso".into(),
            },
            errors: vec![ProfileFieldError {
                field: "phone",
                problem: "not_a_phone_number",
            }],
            notice: None,
            csrf_token: "csrf-abc".into(),
            languages: vec![("en", "English")],
            default_language: "English".into(),
            time_zones: vec!["Europe/Brussels", "UTC"],
            today: NaiveDate::from_ymd_opt(2026, 12, 7).unwrap_or_default(),
            deletion_unconfirmed: false,
            notifications: crate::notifications::NotificationsCard::default(),
        }
    }

    #[test]
    fn the_form_keeps_what_was_typed_and_names_the_bad_field() -> TestResult {
        let locales = Locales::load()?;
        let t = locales.translator("en");
        let branding = Branding::default_portal();
        let shell = PageShell {
            t,
            title: title(t),
            branding: &branding,
            csp_nonce: "n",
            signed_in: Some(nav("Alice", Some("Acme"))),
            scheme: crate::theme::ColorScheme::Auto,
        };
        let html = page(&shell, &view()).into_string();
        assert_no_raw_ids(&html);
        assert_escaped(&html);
        assert!(html.contains(r#"aria-current="page""#));
        assert!(html.contains(r#"id="phone" type="tel" name="phone" value="+32 2 555 01 23""#));
        assert!(html.contains(r#"aria-invalid="true" aria-describedby="phone-error""#));
        assert!(html.contains(r#"<p class="field-error" id="phone-error">"#));
        assert!(html.contains(r#"<option value="iso" selected>2026-12-07</option>"#));
        assert!(html.contains(r#"<option value="dmy">07/12/2026</option>"#));
        assert!(html.contains(r#"<option value="Europe/Brussels"></option>"#));
        assert!(html.contains(r#"value="Europe/Brussels" autocomplete="off""#));
        Ok(())
    }
}
