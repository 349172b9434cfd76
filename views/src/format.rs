//! The one formatter for every number, amount of money and date the portal shows, per language.
//!
//! Numbers and dates come from ICU4X (`icu_decimal`, `icu_datetime`) with CLDR's data for the
//! language; where no stable ICU4X crate gives currency patterns (symbol placement and the
//! language's own currency symbols), a small table for the portal's eight languages does. Amounts
//! arrive in a currency's minor unit with that unit's digits (from the ISO 4217 table), so
//! zero-decimal (JPY) and three-decimal (BHD) currencies show exactly their digits.
//!
//! [`Formats`] holds one language's ICU4X formatters, built once at startup; [`Fmt`] is what a
//! page formats with: those formats plus the reader's time zone and date style, so every
//! instant shows in the reader's zone and every date in the form they chose.

use std::fmt;

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike, Utc};
use chrono_tz::Tz;
use icu_calendar::{Date, Gregorian};
use icu_datetime::fieldsets::{T, YM, YMD, YMDT};
use icu_datetime::input::{DateTime, Time};
use icu_datetime::options::TimePrecision;
use icu_datetime::{FixedCalendarDateTimeFormatter, NoCalendarFormatter};
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

/// How a reader wants calendar dates written: as their language does, or one fixed form.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum DateStyle {
    /// The language's own medium form ("Nov 27, 2026", "27.11.2026").
    #[default]
    Language,
    /// "2026-11-27".
    Iso,
    /// "27/11/2026".
    DayMonthYear,
    /// "11/27/2026".
    MonthDayYear,
}

impl DateStyle {
    pub const ALL: [DateStyle; 4] = [
        DateStyle::Language,
        DateStyle::Iso,
        DateStyle::DayMonthYear,
        DateStyle::MonthDayYear,
    ];

    /// The stored and form value.
    pub fn as_str(self) -> &'static str {
        match self {
            DateStyle::Language => "language",
            DateStyle::Iso => "iso",
            DateStyle::DayMonthYear => "dmy",
            DateStyle::MonthDayYear => "mdy",
        }
    }

    pub fn parse(raw: &str) -> Option<DateStyle> {
        DateStyle::ALL.into_iter().find(|s| s.as_str() == raw)
    }

    fn pattern(self) -> Option<&'static str> {
        match self {
            DateStyle::Language => None,
            DateStyle::Iso => Some("%Y-%m-%d"),
            DateStyle::DayMonthYear => Some("%d/%m/%Y"),
            DateStyle::MonthDayYear => Some("%m/%d/%Y"),
        }
    }
}

/// Number, money and date formatting for one language, built once at startup.
pub struct Formats {
    lang: &'static str,
    decimal: DecimalFormatter,
    date: FixedCalendarDateTimeFormatter<Gregorian, YMD>,
    date_time: FixedCalendarDateTimeFormatter<Gregorian, YMDT>,
    time: NoCalendarFormatter<T>,
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
        let time = NoCalendarFormatter::try_new((&locale).into(), T::hm()).map_err(|e| err(&e))?;
        let one = decimal.format_to_string(&Decimal::from(-1_i64));
        let minus = one.trim_end_matches('1').to_owned();
        Ok(Formats {
            lang: currency.lang,
            decimal,
            date,
            date_time,
            time,
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
        match (gregorian(at.date()), wall_time(at)) {
            (Some(date), Some(time)) => self.date_time.format(&DateTime { date, time }).to_string(),
            _ => at.format("%Y-%m-%d %H:%M").to_string(),
        }
    }

    /// A wall-clock time of day to the minute ("1:05 PM", "13:05").
    pub fn time(&self, at: NaiveDateTime) -> String {
        match wall_time(at) {
            Some(time) => self.time.format(&time).to_string(),
            None => at.format("%H:%M").to_string(),
        }
    }

    /// The formatter of one reader: these formats in `zone` with dates in `style`.
    pub fn viewing(&self, zone: Tz, style: DateStyle) -> Fmt<'_> {
        Fmt {
            formats: self,
            zone,
            style,
        }
    }

    fn fixed_abs(&self, value: i64, scale: u16) -> String {
        let mut d = Decimal::from(value.unsigned_abs());
        shift(&mut d, scale);
        self.decimal.format_to_string(&d)
    }
}

/// What one reader's pages format with: their language's [`Formats`], their time zone and their
/// date style. Cheap to copy.
#[derive(Clone, Copy, Debug)]
pub struct Fmt<'a> {
    formats: &'a Formats,
    zone: Tz,
    style: DateStyle,
}

impl<'a> Fmt<'a> {
    /// The reader's time zone.
    pub fn zone(&self) -> Tz {
        self.zone
    }

    /// The reader's date style.
    pub fn style(&self) -> DateStyle {
        self.style
    }

    /// The same formatter with dates in `style` (to show each style by example).
    pub fn with_style(self, style: DateStyle) -> Fmt<'a> {
        Fmt { style, ..self }
    }

    pub fn integer(&self, n: i64) -> String {
        self.formats.integer(n)
    }

    pub fn fixed(&self, value: i64, scale: u16) -> String {
        self.formats.fixed(value, scale)
    }

    pub fn trimmed(&self, value: i64, scale: u16) -> String {
        self.formats.trimmed(value, scale)
    }

    pub fn quantity(&self, milli: i64) -> String {
        self.formats.quantity(milli)
    }

    pub fn money(&self, minor: i64, code: &str, digits: u16) -> String {
        self.formats.money(minor, code, digits)
    }

    pub fn month(&self, date: NaiveDate) -> String {
        self.formats.month(date)
    }

    /// A calendar date in the reader's style.
    pub fn date(&self, date: NaiveDate) -> String {
        match self.style.pattern() {
            Some(pattern) => date.format(pattern).to_string(),
            None => self.formats.date(date),
        }
    }

    /// An instant as the reader's wall clock shows it, and the zone's abbreviation: ("Nov 27,
    /// 2026, 2:05 PM", "CET").
    pub fn instant(&self, at: chrono::DateTime<Utc>) -> (String, String) {
        let local = at.with_timezone(&self.zone);
        let naive = local.naive_local();
        let when = match self.style.pattern() {
            Some(pattern) => format!("{}, {}", naive.format(pattern), self.formats.time(naive)),
            None => self.formats.date_time(naive),
        };
        (when, local.format("%Z").to_string())
    }
}

fn wall_time(at: NaiveDateTime) -> Option<Time> {
    Time::try_new(
        u8::try_from(at.hour()).ok()?,
        u8::try_from(at.minute()).ok()?,
        0,
        0,
    )
    .ok()
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
    fn instants_show_in_the_readers_zone_across_daylight_saving_time() {
        use chrono::TimeZone as _;
        let en = formats("en");
        let de = formats("de");
        let brussels: Tz = "Europe/Brussels".parse().unwrap_or(Tz::UTC);
        let winter = Utc.with_ymd_and_hms(2026, 1, 15, 13, 5, 0).single();
        let summer = Utc.with_ymd_and_hms(2026, 7, 15, 13, 5, 0).single();
        let (Some(winter), Some(summer)) = (winter, summer) else {
            panic!("no such instant")
        };
        let utc = en.viewing(Tz::UTC, DateStyle::Language);
        assert_eq!(
            utc.instant(winter),
            ("Jan 15, 2026, 1:05\u{202f}PM".to_owned(), "UTC".to_owned())
        );
        let here = de.viewing(brussels, DateStyle::Language);
        assert_eq!(
            here.instant(winter),
            ("15.01.2026, 14:05".to_owned(), "CET".to_owned())
        );
        assert_eq!(
            here.instant(summer),
            ("15.07.2026, 15:05".to_owned(), "CEST".to_owned())
        );
        // The last Sunday of March: 01:00 UTC is 03:00 CEST, a minute before is 01:59 CET.
        let jump = Utc.with_ymd_and_hms(2026, 3, 29, 1, 0, 0).single();
        let before = Utc.with_ymd_and_hms(2026, 3, 29, 0, 59, 0).single();
        let (Some(jump), Some(before)) = (jump, before) else {
            panic!("no such instant")
        };
        assert_eq!(here.instant(before).0, "29.03.2026, 01:59");
        assert_eq!(
            here.instant(jump),
            ("29.03.2026, 03:00".to_owned(), "CEST".to_owned())
        );
        let new_york: Tz = "America/New_York".parse().unwrap_or(Tz::UTC);
        let iso = en.viewing(new_york, DateStyle::Iso);
        assert_eq!(
            iso.instant(winter),
            ("2026-01-15, 8:05\u{202f}AM".to_owned(), "EST".to_owned())
        );
    }

    #[test]
    fn a_chosen_date_style_overrides_the_languages() {
        let en = formats("en");
        let d = day(2026, 11, 7);
        let style = |s| en.viewing(Tz::UTC, s).date(d);
        assert_eq!(style(DateStyle::Language), "Nov 7, 2026");
        assert_eq!(style(DateStyle::Iso), "2026-11-07");
        assert_eq!(style(DateStyle::DayMonthYear), "07/11/2026");
        assert_eq!(style(DateStyle::MonthDayYear), "11/07/2026");
        for s in DateStyle::ALL {
            assert_eq!(DateStyle::parse(s.as_str()), Some(s));
        }
        assert_eq!(DateStyle::parse("ymd"), None);
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
