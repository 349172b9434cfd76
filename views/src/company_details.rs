//! Company settings → the company's details: phone, email, website and billing address, as the
//! service provider has them — a form when the MSP lets client admins edit them, else read-only.

use maud::{html, Markup};

use crate::i18n::Translator;

pub const DETAILS_ACTION: &str = "/client-portal/client-settings/details";

pub(crate) mod msg {
    crate::i18n::message_ids! {
        HEADING = "company-details-heading";
        KEPT_BY_MSP = "company-details-kept";
        EDIT_HINT = "company-details-edit-hint";
        PHONE = "company-details-phone";
        EMAIL = "company-details-email";
        WEBSITE = "company-details-website";
        ADDRESS = "company-details-address";
        LINE1 = "company-details-line1";
        LINE2 = "company-details-line2";
        POSTAL_CODE = "company-details-postal-code";
        CITY = "company-details-city";
        REGION = "company-details-region";
        COUNTRY = "company-details-country";
        SAVE = "company-details-save";
        NOT_ON_FILE = "company-details-not-on-file";
        ERROR_PHONE = "company-details-error-phone";
        ERROR_EMAIL = "company-details-error-email";
        ERROR_WEBSITE = "company-details-error-website";
        ERROR_LINE = "company-details-error-line";
    }
}

/// The details as shown, or as typed when the form comes back refused.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CompanyDetailsView {
    pub editable: bool,
    pub phone: String,
    pub email: String,
    pub website: String,
    /// (field, value): `line1`, `line2`, `postal_code`, `city`, `region`, `country`.
    pub address: Vec<(&'static str, String)>,
    /// The fields refused (`phone`, `email`, `website`, `billing_address.city`, …).
    pub errors: Vec<String>,
}

/// The address lines in form order with their labels.
pub const ADDRESS_LINES: [(&str, &str); 6] = [
    ("line1", msg::LINE1),
    ("line2", msg::LINE2),
    ("postal_code", msg::POSTAL_CODE),
    ("city", msg::CITY),
    ("region", msg::REGION),
    ("country", msg::COUNTRY),
];

fn error_id(field: &str) -> String {
    format!("{}-error", field.replace('.', "-"))
}

fn input(
    t: Translator<'_>,
    v: &CompanyDetailsView,
    (name, label, value, kind): (&str, String, &str, &str),
    error: &str,
) -> Markup {
    let refused = v.errors.iter().any(|e| e == name);
    let id = name.replace('.', "-");
    html! {
        div.field {
            label for=(id) { (label) }
            input id=(id) type=(kind) name=(name) value=(value)
                aria-invalid=[refused.then_some("true")]
                aria-describedby=[refused.then(|| error_id(name))];
            @if refused { p.field-error id=(error_id(name)) { (t.tr(error)) } }
        }
    }
}

fn shown(t: Translator<'_>, value: &str) -> Markup {
    html! {
        @if value.is_empty() { span.muted { (t.tr(msg::NOT_ON_FILE)) } } @else { (value) }
    }
}

/// The address as printed: street lines, "postal code city", region, country.
fn printed_lines(address: &[(&'static str, String)]) -> Vec<String> {
    let get = |name: &str| {
        address
            .iter()
            .find(|(l, _)| *l == name)
            .map_or("", |(_, v)| v.trim())
    };
    let city = [get("postal_code"), get("city")]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    [
        get("line1").to_owned(),
        get("line2").to_owned(),
        city,
        get("region").to_owned(),
        get("country").to_owned(),
    ]
    .into_iter()
    .filter(|l| !l.is_empty())
    .collect()
}

/// The card on the company settings page.
pub fn card(t: Translator<'_>, v: &CompanyDetailsView, csrf_token: &str) -> Markup {
    html! {
        section.card aria-labelledby="company-details" {
            h2 #company-details { (t.tr(msg::HEADING)) }
            @if v.editable {
                p.field-hint { (t.tr(msg::EDIT_HINT)) }
                form method="post" action=(DETAILS_ACTION) novalidate {
                    input type="hidden" name="csrf_token" value=(csrf_token);
                    (input(t, v, ("phone", t.tr(msg::PHONE), &v.phone, "tel"), msg::ERROR_PHONE))
                    (input(t, v, ("email", t.tr(msg::EMAIL), &v.email, "email"), msg::ERROR_EMAIL))
                    (input(t, v, ("website", t.tr(msg::WEBSITE), &v.website, "url"), msg::ERROR_WEBSITE))
                    fieldset.choices {
                        legend { (t.tr(msg::ADDRESS)) }
                        @for (line, label) in ADDRESS_LINES {
                            @let name = format!("billing_address.{line}");
                            @let value = v.address.iter().find(|(l, _)| *l == line).map_or("", |(_, v)| v.as_str());
                            (input(t, v, (&name, t.tr(label), value, "text"), msg::ERROR_LINE))
                        }
                    }
                    button.btn.btn--primary type="submit" { (t.tr(msg::SAVE)) }
                }
            } @else {
                dl.ticket-facts {
                    div { dt { (t.tr(msg::PHONE)) } dd { (shown(t, &v.phone)) } }
                    div { dt { (t.tr(msg::EMAIL)) } dd { (shown(t, &v.email)) } }
                    div { dt { (t.tr(msg::WEBSITE)) } dd { (shown(t, &v.website)) } }
                    div {
                        dt { (t.tr(msg::ADDRESS)) }
                        dd {
                            @let lines = printed_lines(&v.address);
                            @if lines.is_empty() { span.muted { (t.tr(msg::NOT_ON_FILE)) } }
                            @else { address { @for (i, l) in lines.iter().enumerate() { @if i > 0 { br; } (l) } } }
                        }
                    }
                }
                p.field-hint { (t.tr(msg::KEPT_BY_MSP)) }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locales;
    use crate::test_support::{assert_escaped, assert_no_raw_ids, TestResult, EVIL};

    fn view(editable: bool) -> CompanyDetailsView {
        CompanyDetailsView {
            editable,
            phone: EVIL.into(),
            email: String::new(),
            website: "https://acme.example".into(),
            address: vec![
                ("line1", "Rue de la Loi 16".into()),
                ("line2", String::new()),
                ("postal_code", "1000".into()),
                ("city", "Brussels".into()),
                ("region", String::new()),
                ("country", "Belgium".into()),
            ],
            errors: vec!["billing_address.city".into()],
        }
    }

    #[test]
    fn read_only_details_print_the_address_and_the_form_names_a_refused_line() -> TestResult {
        let locales = Locales::load()?;
        let t = locales.translator("en");
        let shown = card(t, &view(false), "c").into_string();
        assert_no_raw_ids(&shown);
        assert_escaped(&shown);
        assert!(
            shown.contains("Rue de la Loi 16<br>1000 Brussels<br>Belgium"),
            "{shown}"
        );
        assert!(!shown.contains("<form"));
        let form = card(t, &view(true), "c").into_string();
        assert!(form.contains(r#"id="billing_address-city" type="text" name="billing_address.city" value="Brussels" aria-invalid="true" aria-describedby="billing_address-city-error""#), "{form}");
        assert!(form.contains(r#"<p class="field-error" id="billing_address-city-error">"#));
        Ok(())
    }
}
