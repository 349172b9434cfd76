//! The one formatter for every number, amount of money and date the portal shows, per language.
//!
//! Numbers and dates come from ICU4X (`icu_decimal`, `icu_datetime`) with CLDR's data for the
//! language; where no stable ICU4X crate gives currency patterns (symbol placement and the
//! language's own currency symbols), a small table for the portal's eight languages does. Amounts
//! arrive in a currency's minor unit with that unit's digits (from the ISO 4217 table), so
//! zero-decimal (JPY) and three-decimal (BHD) currencies show exactly their digits.

use std::fmt;

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use icu_calendar::{Date, Gregorian};
use icu_datetime::fieldsets::{YM, YMD, YMDT};
use icu_datetime::input::{DateTime, Time};
use icu_datetime::options::TimePrecision;
use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_decimal::input::Decimal;
use icu_decimal::DecimalFormatter;
use icu_locale_core::Locale;

/// Where a language puts the currency symbol and the minus sign.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Placement {
    /// "$1.00", "-$1.00"; a symbol ending in a letter is spaced ("CHF 1.00").
    Before,
    /// "R$ 1,00", "-R$ 1,00".
    BeforeSpaced,
    /// "€ 1,00", "€ -1,00".
    BeforeSpacedSignInside,
    /// "1,00 €", "-1,00 €".
    After,
}

/// One language's currency pattern and the symbols it uses for the currencies it names (CLDR's
/// "symbol" form); any other currency shows its ISO code.
struct CurrencyStyle {
    lang: &'static str,
    placement: Placement,
    symbols: &'static [(&'static str, &'static str)],
}

const CURRENCY_STYLES: &[CurrencyStyle] = &[
    CurrencyStyle {
        lang: "en",
        placement: Placement::Before,
        symbols: &[
            ("USD", "$"),
            ("EUR", "€"),
            ("GBP", "£"),
            ("JPY", "¥"),
            ("INR", "₹"),
            ("CAD", "CA$"),
            ("AUD", "A$"),
            ("NZD", "NZ$"),
            ("BRL", "R$"),
            ("MXN", "MX$"),
        ],
    },
    CurrencyStyle {
        lang: "de",
        placement: Placement::After,
        symbols: &[
            ("EUR", "€"),
            ("USD", "$"),
            ("GBP", "£"),
            ("JPY", "¥"),
            ("CAD", "CA$"),
            ("AUD", "AU$"),
        ],
    },
    CurrencyStyle {
        lang: "fr",
        placement: Placement::After,
        symbols: &[
            ("EUR", "€"),
            ("USD", "$US"),
            ("GBP", "£GB"),
            ("CAD", "$CA"),
            ("AUD", "$AU"),
        ],
    },
    CurrencyStyle {
        lang: "es",
        placement: Placement::After,
        symbols: &[("EUR", "€"), ("USD", "US$")],
    },
    CurrencyStyle {
        lang: "it",
        placement: Placement::After,
        symbols: &[("EUR", "€")],
    },
    CurrencyStyle {
        lang: "nl",
        placement: Placement::BeforeSpacedSignInside,
        symbols: &[
            ("EUR", "€"),
            ("USD", "US$"),
            ("GBP", "£"),
            ("JPY", "JP¥"),
            ("CAD", "C$"),
            ("AUD", "AU$"),
        ],
    },
    CurrencyStyle {
        lang: "pl",
        placement: Placement::After,
        symbols: &[("EUR", "€"), ("PLN", "zł")],
    },
    CurrencyStyle {
        lang: "pt",
        placement: Placement::BeforeSpaced,
        symbols: &[
            ("EUR", "€"),
            ("USD", "US$"),
            ("GBP", "£"),
            ("JPY", "JP¥"),
            ("BRL", "R$"),
        ],
    },
];

/// The languages with a currency pattern in the table above.
pub const LANGUAGES: &[&str] = &["en", "de", "fr", "es", "it", "nl", "pl", "pt"];

const NBSP: char = '\u{a0}';

/// ICU4X could not load its data for a language (a build without compiled data).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatError(String);

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "number and date formats: {}", self.0)
    }
}

impl std::error::Error for FormatError {}

/// Number, money and date formatting for one language, built once at startup.
pub struct Formats {
    lang: &'static str,
    decimal: DecimalFormatter,
    date: FixedCalendarDateTimeFormatter<Gregorian, YMD>,
    date_time: FixedCalendarDateTimeFormatter<Gregorian, YMDT>,
    month: FixedCalendarDateTimeFormatter<Gregorian, YM>,
    currency: &'static CurrencyStyle,
    /// The language's minus sign, as ICU4X writes it before a number.
    minus: String,
}

impl fmt::Debug for Formats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Formats").field("lang", &self.lang).finish()
    }
}

impl Formats {
    /// The formats of `lang`, one of [`LANGUAGES`] (anything else formats as English).
    pub fn new(lang: &str) -> Result<Formats, FormatError> {
        let currency = CURRENCY_STYLES
            .iter()
            .find(|s| s.lang == lang)
            .or_else(|| CURRENCY_STYLES.first())
            .ok_or_else(|| FormatError("no currency patterns".into()))?;
        let locale = Locale::try_from_str(currency.lang)
            .map_err(|e| FormatError(format!("{}: {e}", currency.lang)))?;
        let err = |e: &dyn fmt::Display| FormatError(format!("{}: {e}", currency.lang));
        let decimal =
            DecimalFormatter::try_new((&locale).into(), Default::default()).map_err(|e| err(&e))?;
        let date = FixedCalendarDateTimeFormatter::try_new((&locale).into(), YMD::medium())
            .map_err(|e| err(&e))?;
        let date_time = FixedCalendarDateTimeFormatter::try_new(
            (&locale).into(),
            YMDT::medium().with_time_precision(TimePrecision::Minute),
        )
        .map_err(|e| err(&e))?;
        let month = FixedCalendarDateTimeFormatter::try_new((&locale).into(), YM::medium())
            .map_err(|e| err(&e))?;
        let one = decimal.format_to_string(&Decimal::from(-1_i64));
        let minus = one.trim_end_matches('1').to_owned();
        Ok(Formats {
            lang: currency.lang,
            decimal,
            date,
            date_time,
            month,
            currency,
            minus,
        })
    }

    /// The language these formats are for.
    pub fn lang(&self) -> &'static str {
        self.lang
    }

    /// A whole number with the language's grouping ("1,234" / "1.234").
    pub fn integer(&self, n: i64) -> String {
        self.decimal.format_to_string(&Decimal::from(n))
    }

    /// `value` × 10^-`scale` with exactly `scale` decimals ("12.50" for 1250, 2).
    pub fn fixed(&self, value: i64, scale: u16) -> String {
        self.decimal.format_to_string(&scaled(value, scale))
    }

    /// `value` × 10^-`scale` without trailing zeros ("1.5" for 1500, 3; "40" for 40000, 3).
    pub fn trimmed(&self, value: i64, scale: u16) -> String {
        let mut d = scaled(value, scale);
        d.trim_end();
        self.decimal.format_to_string(&d)
    }

    /// A quantity kept in thousandths ("40", "1.5", "0.125").
    pub fn quantity(&self, milli: i64) -> String {
        self.trimmed(milli, 3)
    }

    /// `minor` units of the currency `code`, whose minor unit has `digits` decimals, in this
    /// language's pattern: "€1,234.50" (en), "1.234,50 €" (de), "€ -5,00" (nl), "CHF 3.00".
    pub fn money(&self, minor: i64, code: &str, digits: u16) -> String {
        let number = self.fixed_abs(minor, digits);
        let symbol = self
            .currency
            .symbols
            .iter()
            .find(|(c, _)| *c == code)
            .map_or(code, |(_, s)| *s);
        let sign = if minor < 0 { self.minus.as_str() } else { "" };
        match self.currency.placement {
            Placement::Before => {
                let spaced = symbol.chars().last().is_some_and(char::is_alphabetic);
                let gap = if spaced {
                    NBSP.to_string()
                } else {
                    String::new()
                };
                format!("{sign}{symbol}{gap}{number}")
            }
            Placement::BeforeSpaced => format!("{sign}{symbol}{NBSP}{number}"),
            Placement::BeforeSpacedSignInside => format!("{symbol}{NBSP}{sign}{number}"),
            Placement::After => format!("{sign}{number}{NBSP}{symbol}"),
        }
    }

    /// A calendar date in the language's medium form ("Nov 27, 2026", "27.11.2026").
    pub fn date(&self, date: NaiveDate) -> String {
        match gregorian(date) {
            Some(d) => self.date.format(&d).to_string(),
            None => date.format("%Y-%m-%d").to_string(),
        }
    }

    /// A month and year ("Mar 2026", "03/2026"), for chart axes.
    pub fn month(&self, date: NaiveDate) -> String {
        match gregorian(date) {
            Some(d) => self.month.format(&d).to_string(),
            None => date.format("%Y-%m").to_string(),
        }
    }

    /// A wall-clock date and time to the minute ("Nov 27, 2026, 1:05 PM", "27.11.2026, 13:05").
    pub fn date_time(&self, at: NaiveDateTime) -> String {
        let time = Time::try_new(
            u8::try_from(at.hour()).unwrap_or(0),
            u8::try_from(at.minute()).unwrap_or(0),
            0,
            0,
        );
        match (gregorian(at.date()), time) {
            (Some(date), Ok(time)) => self.date_time.format(&DateTime { date, time }).to_string(),
            _ => at.format("%Y-%m-%d %H:%M").to_string(),
        }
    }

    fn fixed_abs(&self, value: i64, scale: u16) -> String {
        let mut d = Decimal::from(value.unsigned_abs());
        shift(&mut d, scale);
        self.decimal.format_to_string(&d)
    }
}

/// `value` with `scale` decimal places, trailing zeros kept.
fn scaled(value: i64, scale: u16) -> Decimal {
    let mut d = Decimal::from(value);
    shift(&mut d, scale);
    d
}

fn shift(d: &mut Decimal, scale: u16) {
    let places = i16::try_from(scale).unwrap_or(i16::MAX);
    d.multiply_pow10(places.saturating_neg());
    d.pad_end(places.saturating_neg());
}

fn gregorian(date: NaiveDate) -> Option<Date<Gregorian>> {
    let month = u8::try_from(date.month()).ok()?;
    let day = u8::try_from(date.day()).ok()?;
    Date::try_new_gregorian(date.year(), month, day).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn formats(lang: &str) -> Formats {
        match Formats::new(lang) {
            Ok(f) => f,
            Err(e) => panic!("{e}"),
        }
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn english_amounts_read_with_their_currencys_digits_and_symbol() {
        let en = formats("en");
        assert_eq!(en.money(123_450, "EUR", 2), "€1,234.50");
        assert_eq!(en.money(-500, "USD", 2), "-$5.00");
        assert_eq!(en.money(132_000, "JPY", 0), "¥132,000");
        assert_eq!(en.money(1_005, "BHD", 3), "BHD\u{a0}1.005");
        assert_eq!(en.money(0, "GBP", 2), "£0.00");
        assert_eq!(en.money(7, "EUR", 2), "€0.07");
        assert_eq!(
            en.money(10_000_000_000, "CHF", 2),
            "CHF\u{a0}100,000,000.00"
        );
        assert_eq!(en.money(i64::MIN, "EUR", 2), "-€92,233,720,368,547,758.08");
    }

    #[test]
    fn german_french_dutch_and_portuguese_place_symbol_sign_and_separators_their_way() {
        let de = formats("de");
        assert_eq!(de.money(123_450, "EUR", 2), "1.234,50\u{a0}€");
        assert_eq!(de.money(-500, "EUR", 2), "-5,00\u{a0}€");
        assert_eq!(de.money(132_000, "JPY", 0), "132.000\u{a0}¥");
        assert_eq!(de.money(1_005, "BHD", 3), "1,005\u{a0}BHD");
        let fr = formats("fr");
        assert_eq!(fr.money(123_450, "EUR", 2), "1\u{202f}234,50\u{a0}€");
        assert_eq!(fr.money(99, "USD", 2), "0,99\u{a0}$US");
        let nl = formats("nl");
        assert_eq!(nl.money(-123_450, "EUR", 2), "€\u{a0}-1.234,50");
        let pt = formats("pt");
        assert_eq!(pt.money(123_450, "BRL", 2), "R$\u{a0}1.234,50");
        let pl = formats("pl");
        assert_eq!(pl.money(123_450, "PLN", 2), "1234,50\u{a0}zł");
        assert_eq!(pl.money(12_345_600, "PLN", 2), "123\u{a0}456,00\u{a0}zł");
    }

    #[test]
    fn quantities_and_decimals_follow_the_language() {
        let en = formats("en");
        assert_eq!(en.quantity(40_000), "40");
        assert_eq!(en.quantity(1_500), "1.5");
        assert_eq!(en.quantity(125), "0.125");
        assert_eq!(en.quantity(1_234_500), "1,234.5");
        assert_eq!(en.quantity(-2_000), "-2");
        assert_eq!(en.fixed(15, 1), "1.5");
        assert_eq!(en.integer(1_234_567), "1,234,567");
        let de = formats("de");
        assert_eq!(de.quantity(1_234_500), "1.234,5");
        assert_eq!(de.fixed(20, 1), "2,0");
    }

    #[test]
    fn dates_and_times_follow_the_language() {
        let en = formats("en");
        let de = formats("de");
        let fr = formats("fr");
        let d = day(2026, 11, 27);
        assert_eq!(en.date(d), "Nov 27, 2026");
        assert_eq!(de.date(d), "27.11.2026");
        assert_eq!(fr.date(d), "27 nov. 2026");
        assert_eq!(en.month(day(2026, 3, 1)), "Mar 2026");
        assert_eq!(de.month(day(2026, 3, 1)), "03/2026");
        let at = d.and_hms_opt(13, 5, 9).unwrap_or_default();
        assert_eq!(en.date_time(at), "Nov 27, 2026, 1:05\u{202f}PM");
        assert_eq!(de.date_time(at), "27.11.2026, 13:05");
    }

    #[test]
    fn every_language_has_a_currency_pattern_and_unknown_ones_read_as_english() {
        for lang in LANGUAGES {
            assert_eq!(formats(lang).lang(), *lang);
        }
        assert_eq!(formats("xx").lang(), "en");
    }

    #[test]
    fn formats_can_be_shared_between_threads() {
        fn shared<T: Send + Sync>() {}
        shared::<Formats>();
    }
}
