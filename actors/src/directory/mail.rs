//! The email sent to both addresses when a portal user's sign-in email changes with their
//! contact: plain words saying who changed it and what to do if it was not expected.

use crate::store::outbox::EmailContent;

/// Escapes text for the HTML body.
fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// The notice of a sign-in email changed from `old` to `new` (the same text to both).
pub fn email_changed(old: &str, new: &str) -> EmailContent {
    let subject = "Your client portal sign-in email was changed".to_owned();
    let body_text = format!(
        "Your IT provider changed the email address you use to sign in to the client portal.\n\n\
         Before: {old}\nNow:    {new}\n\n\
         From now on, sign in with {new}. Your password and two-factor settings stay the same.\n\n\
         If you did not expect this change, contact your IT provider right away and do not use \
         any link in emails you did not ask for.\n"
    );
    let body_html = format!(
        "<p>Your IT provider changed the email address you use to sign in to the client \
         portal.</p>\
         <p>Before: {old}<br>Now: {new}</p>\
         <p>From now on, sign in with {new}. Your password and two-factor settings stay the \
         same.</p>\
         <p>If you did not expect this change, contact your IT provider right away and do not \
         use any link in emails you did not ask for.</p>",
        old = html(old),
        new = html(new)
    );
    EmailContent {
        subject,
        body_text,
        body_html,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_escaped_in_html() {
        let mail = email_changed("a<b>@example.com", "new@example.com");
        assert!(mail.body_html.contains("a&lt;b&gt;@example.com"));
        assert!(mail.body_text.contains("Your IT provider"));
    }
}
