//! Money as people read it: one formatter for every amount the portal shows. Amounts arrive in a
//! currency's minor unit with the number of digits that unit has (from the ISO 4217 table).

/// The symbol shown before an amount, for currencies with a well-known one; others show their
/// code (`CHF 12.00`).
fn symbol(code: &str) -> Option<&'static str> {
    Some(match code {
        "USD" => "$",
        "EUR" => "€",
        "GBP" => "£",
        "JPY" => "¥",
        "INR" => "₹",
        "CAD" => "CA$",
        "AUD" => "A$",
        "NZD" => "NZ$",
        _ => return None,
    })
}

/// Digits grouped by three with `sep` ("1,234,567").
fn grouped(digits: &str, sep: char) -> String {
    let mut out = String::with_capacity(digits.len().saturating_add(digits.len() / 3));
    let len = digits.len();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (len.saturating_sub(i)) % 3 == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// `minor` units of the currency `code` with `digits` decimals, e.g. "€1,234.50", "¥132,000",
/// "BHD 1.005", "-$5.00".
pub fn format_money(minor: i64, code: &str, digits: u16) -> String {
    let per = 10_u64.saturating_pow(u32::from(digits)).max(1);
    let abs = minor.unsigned_abs();
    let (major, frac) = (
        abs.checked_div(per).unwrap_or(abs),
        abs.checked_rem(per).unwrap_or(0),
    );
    let mut number = grouped(&major.to_string(), ',');
    if digits > 0 {
        number.push('.');
        number.push_str(&format!("{frac:0width$}", width = usize::from(digits)));
    }
    let sign = if minor < 0 { "-" } else { "" };
    match symbol(code) {
        Some(s) => format!("{sign}{s}{number}"),
        None => format!("{sign}{code}\u{a0}{number}"),
    }
}

/// A quantity kept in thousandths, without trailing zeros ("40", "1.5", "0.125").
pub fn format_quantity(milli: i64) -> String {
    let sign = if milli < 0 { "-" } else { "" };
    let abs = milli.unsigned_abs();
    let (whole, frac) = (abs / 1000, abs % 1000);
    if frac == 0 {
        format!("{sign}{}", grouped(&whole.to_string(), ','))
    } else {
        let frac = format!("{frac:03}");
        format!(
            "{sign}{}.{}",
            grouped(&whole.to_string(), ','),
            frac.trim_end_matches('0')
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_read_with_their_currencys_digits_and_symbol() {
        assert_eq!(format_money(123_450, "EUR", 2), "€1,234.50");
        assert_eq!(format_money(-500, "USD", 2), "-$5.00");
        assert_eq!(format_money(132_000, "JPY", 0), "¥132,000");
        assert_eq!(format_money(1_005, "BHD", 3), "BHD\u{a0}1.005");
        assert_eq!(format_money(0, "GBP", 2), "£0.00");
        assert_eq!(
            format_money(10_000_000_000, "CHF", 2),
            "CHF\u{a0}100,000,000.00"
        );
        assert_eq!(
            format_money(i64::MIN, "EUR", 2),
            "-€92,233,720,368,547,758.08"
        );
        assert_eq!(format_quantity(40_000), "40");
        assert_eq!(format_quantity(1_500), "1.5");
        assert_eq!(format_quantity(125), "0.125");
        assert_eq!(format_quantity(1_234_500), "1,234.5");
    }
}
