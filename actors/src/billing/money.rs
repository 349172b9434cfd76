//! Money as the portal keeps it: an integer count of a currency's minor unit (cents; yen are
//! whole; Bahraini dinars have thousandths) with its ISO 4217 code. The number of minor-unit
//! digits comes from the ISO 4217 table (`iso_currency`), never from a guess.

use std::fmt;

use serde::{Deserialize, Serialize};

/// An ISO 4217 currency the table knows, with a defined minor unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Currency {
    code: iso_currency::Currency,
    digits: u16,
}

impl Currency {
    /// The currency of an upper-case three-letter code (`EUR`, `JPY`, `BHD`); `None` for an
    /// unknown code or one without a minor unit (gold, SDRs, …).
    pub fn parse(code: &str) -> Option<Currency> {
        if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
            return None;
        }
        let code = iso_currency::Currency::from_code(code)?;
        let digits = code.exponent()?;
        (digits <= 4).then_some(Currency { code, digits })
    }

    pub fn code(self) -> &'static str {
        self.code.code()
    }

    /// Digits after the decimal separator (EUR 2, JPY 0, BHD 3).
    pub fn minor_digits(self) -> u16 {
        self.digits
    }

    /// Minor units per major unit (EUR 100, JPY 1, BHD 1000).
    pub fn minor_per_major(self) -> i64 {
        10_i64.saturating_pow(u32::from(self.digits))
    }

    /// `minor` as a plain decimal with the currency's digits, e.g. `-1234.50` (no grouping, no
    /// symbol: the views format it for the reader's language).
    pub fn plain(self, minor: i64) -> String {
        let per = self.minor_per_major();
        let sign = if minor < 0 { "-" } else { "" };
        let abs = minor.unsigned_abs();
        let per = per.unsigned_abs().max(1);
        let (major, frac) = (
            abs.checked_div(per).unwrap_or(abs),
            abs.checked_rem(per).unwrap_or(0),
        );
        if self.digits == 0 {
            format!("{sign}{major}")
        } else {
            format!(
                "{sign}{major}.{frac:0width$}",
                width = usize::from(self.digits)
            )
        }
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl Serialize for Currency {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(d)?;
        Currency::parse(&raw)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown currency `{raw}`")))
    }
}

/// An amount in a currency's minor unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Money {
    pub minor: i64,
    pub currency: Currency,
}

impl Money {
    pub fn new(minor: i64, currency: Currency) -> Money {
        Money { minor, currency }
    }

    /// `self` plus `other` when both are in the same currency and the sum fits.
    pub fn checked_add(self, other: Money) -> Option<Money> {
        (self.currency == other.currency)
            .then(|| self.minor.checked_add(other.minor))
            .flatten()
            .map(|minor| Money::new(minor, self.currency))
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.currency.plain(self.minor), self.currency)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn currencies_come_from_the_iso_table_with_their_minor_digits() {
        let eur = Currency::parse("EUR").unwrap();
        assert_eq!(
            (eur.code(), eur.minor_digits(), eur.minor_per_major()),
            ("EUR", 2, 100)
        );
        let jpy = Currency::parse("JPY").unwrap();
        assert_eq!((jpy.minor_digits(), jpy.minor_per_major()), (0, 1));
        let bhd = Currency::parse("BHD").unwrap();
        assert_eq!((bhd.minor_digits(), bhd.minor_per_major()), (3, 1000));
        for bad in ["eur", "EU", "EURO", "XXX", "XAU", "ZZZ", "", "€"] {
            assert_eq!(Currency::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn amounts_read_with_the_currencys_digits() {
        let eur = Currency::parse("EUR").unwrap();
        assert_eq!(eur.plain(123_450), "1234.50");
        assert_eq!(eur.plain(-5), "-0.05");
        assert_eq!(eur.plain(0), "0.00");
        assert_eq!(Currency::parse("JPY").unwrap().plain(12_000), "12000");
        assert_eq!(Currency::parse("BHD").unwrap().plain(1_005), "1.005");
        assert_eq!(eur.plain(i64::MIN), "-92233720368547758.08");
        assert_eq!(Money::new(199, eur).to_string(), "1.99 EUR");
        let usd = Currency::parse("USD").unwrap();
        assert_eq!(Money::new(1, eur).checked_add(Money::new(1, usd)), None);
        assert_eq!(
            Money::new(i64::MAX, eur).checked_add(Money::new(1, eur)),
            None
        );
        assert_eq!(
            Money::new(150, eur).checked_add(Money::new(50, eur)),
            Some(Money::new(200, eur))
        );
    }
}
