//! Fluent bundles embedded in the binary, and the `Translator` every view renders text through.

use std::fmt;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use unic_langid::LanguageIdentifier;

use chrono_tz::Tz;

use crate::format::{DateStyle, Fmt, Formats};

type Bundle = FluentBundle<FluentResource>;

/// The language used when the requested one is unknown, and for messages a language lacks.
const FALLBACK_LANG: &str = "en";

// `SUPPORTED` (the languages found under `locales/`, `en` first) and `SOURCES` (every `.ftl`
// file found there), written by `build.rs`.
include!(concat!(env!("OUT_DIR"), "/locales.rs"));

/// Declares message-id constants plus `ALL`, the list tests check against the bundles.
macro_rules! message_ids {
    ($($name:ident = $id:literal;)+) => {
        $(pub const $name: &str = $id;)+
        /// Every id above, so tests can check each one exists in the `en` bundle.
        #[cfg(test)]
        pub const ALL: &[&str] = &[$($name),+];
    };
}
pub(crate) use message_ids;

/// A locale file failed to parse or load; the message names the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocaleError(String);

impl LocaleError {
    pub fn message(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for LocaleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for LocaleError {}

/// All language bundles, built once at startup and shared across threads.
pub struct Locales {
    /// The `en` bundle: the default language and the per-message fallback of the others.
    fallback: Bundle,
    /// Number, money and date formats of the fallback language.
    fallback_formats: Formats,
    /// Every other supported language, with its formats.
    others: Vec<(&'static str, Bundle, Formats)>,
    /// Tests only: every translator wraps each message in [`PSEUDO_OPEN`]…[`PSEUDO_CLOSE`].
    #[cfg(test)]
    pseudo: bool,
}

/// Opens a message in the pseudo-locale (tests): text outside such markers was not translated.
#[cfg(test)]
pub const PSEUDO_OPEN: char = '⟦';
/// Closes a message in the pseudo-locale (tests).
#[cfg(test)]
pub const PSEUDO_CLOSE: char = '⟧';

impl fmt::Debug for Locales {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let others: Vec<&str> = self.others.iter().map(|(lang, _, _)| *lang).collect();
        f.debug_struct("Locales")
            .field("fallback", &FALLBACK_LANG)
            .field("others", &others)
            .finish()
    }
}

impl Locales {
    /// Parses every embedded `.ftl` file; any syntax error or duplicate id is an error.
    pub fn load() -> Result<Locales, LocaleError> {
        let fallback = build_bundle(FALLBACK_LANG, SOURCES)?;
        let fallback_formats = build_formats(FALLBACK_LANG)?;
        let mut others = Vec::new();
        for &lang in SUPPORTED.iter().filter(|&&l| l != FALLBACK_LANG) {
            others.push((lang, build_bundle(lang, SOURCES)?, build_formats(lang)?));
        }
        Ok(Locales {
            fallback,
            fallback_formats,
            others,
            #[cfg(test)]
            pseudo: false,
        })
    }

    /// The pseudo-locale of the tests: the real bundles and formats, but every message a
    /// translator returns (arguments and plural forms included) comes wrapped in
    /// [`PSEUDO_OPEN`]…[`PSEUDO_CLOSE`]; what `fmt()` formats (numbers, money, dates) is not.
    /// A page rendered with it shows, outside the markers, only what did not go through Fluent.
    #[cfg(test)]
    pub fn pseudo() -> Result<Locales, LocaleError> {
        Ok(Locales {
            pseudo: true,
            ..Locales::load()?
        })
    }

    /// The translator for `lang` (a BCP 47 tag such as `en` or `en-GB`); anything else gets `en`.
    pub fn translator(&self, lang: &str) -> Translator<'_> {
        let wanted = resolve_lang(lang);
        let found = self.others.iter().find(|(l, _, _)| *l == wanted);
        match found {
            Some((lang, bundle, formats)) => Translator {
                lang,
                bundle,
                fallback: &self.fallback,
                formats,
                zone: Tz::UTC,
                style: DateStyle::Language,
                #[cfg(test)]
                pseudo: self.pseudo,
            },
            None => Translator {
                lang: FALLBACK_LANG,
                bundle: &self.fallback,
                fallback: &self.fallback,
                formats: &self.fallback_formats,
                zone: Tz::UTC,
                style: DateStyle::Language,
                #[cfg(test)]
                pseudo: self.pseudo,
            },
        }
    }

    /// Language tags with a bundle, fallback first.
    pub fn supported() -> &'static [&'static str] {
        SUPPORTED
    }

    /// The supported languages with their names in their own language, for a language picker.
    pub fn named() -> Vec<(&'static str, &'static str)> {
        SUPPORTED
            .iter()
            .map(|&tag| (tag, language_name(tag).unwrap_or(tag)))
            .collect()
    }
}

/// A language's name in that language (the portal's eight), e.g. `de` → "Deutsch".
pub fn language_name(tag: &str) -> Option<&'static str> {
    let primary = tag.split('-').next().unwrap_or(tag).to_ascii_lowercase();
    Some(match primary.as_str() {
        "en" => "English",
        "fr" => "Français",
        "es" => "Español",
        "de" => "Deutsch",
        "nl" => "Nederlands",
        "it" => "Italiano",
        "pl" => "Polski",
        "pt" => "Português",
        _ => return None,
    })
}

/// Maps a requested tag to a supported language by its primary subtag, else the fallback.
fn resolve_lang(requested: &str) -> &'static str {
    let Ok(id) = requested.trim().parse::<LanguageIdentifier>() else {
        return FALLBACK_LANG;
    };
    let primary = id.language.as_str();
    SUPPORTED
        .iter()
        .copied()
        .find(|lang| lang.eq_ignore_ascii_case(primary))
        .unwrap_or(FALLBACK_LANG)
}

fn build_formats(lang: &str) -> Result<Formats, LocaleError> {
    Formats::new(lang).map_err(|e| LocaleError(e.to_string()))
}

fn build_bundle(lang: &str, sources: &[(&str, &str, &str)]) -> Result<Bundle, LocaleError> {
    let langid: LanguageIdentifier = lang
        .parse()
        .map_err(|e| LocaleError(format!("invalid language tag {lang:?}: {e}")))?;
    let mut bundle = Bundle::new_concurrent(vec![langid]);
    // Bidi isolation marks would end up inside HTML text and attributes; the markup sets `lang`.
    bundle.set_use_isolating(false);
    for &(_, file, source) in sources.iter().filter(|(l, _, _)| *l == lang) {
        let path = format!("locales/{lang}/{file}");
        let resource = FluentResource::try_new(source.to_owned()).map_err(|(_, errors)| {
            let messages: Vec<String> = errors
                .iter()
                .map(|e| format!("line {}: {e}", line_of(source, e.pos.start)))
                .collect();
            LocaleError(format!("{path}: {}", messages.join("; ")))
        })?;
        bundle.add_resource(resource).map_err(|errors| {
            let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
            LocaleError(format!("{path}: {}", messages.join("; ")))
        })?;
    }
    Ok(bundle)
}

/// 1-based line number of a byte offset, so parse errors point into the file.
fn line_of(source: &str, offset: usize) -> usize {
    source
        .bytes()
        .take(offset)
        .filter(|&b| b == b'\n')
        .count()
        .saturating_add(1)
}

/// Translates message ids for one language, falling back to `en` per message.
#[derive(Clone, Copy)]
pub struct Translator<'a> {
    lang: &'static str,
    bundle: &'a Bundle,
    fallback: &'a Bundle,
    formats: &'a Formats,
    /// The reader's time zone (UTC until they pick one).
    zone: Tz,
    /// The reader's date style.
    style: DateStyle,
    /// Tests only: wrap every message in the pseudo-locale's markers (see [`Locales::pseudo`]).
    #[cfg(test)]
    pseudo: bool,
}

impl fmt::Debug for Translator<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Translator")
            .field("lang", &self.lang)
            .finish()
    }
}

impl<'a> Translator<'a> {
    /// The language tag this translator renders, for `<html lang>`.
    pub fn lang(&self) -> &str {
        self.lang
    }

    /// The one formatter of numbers, money and dates: this language's, in the reader's time
    /// zone and date style.
    pub fn fmt(&self) -> Fmt<'a> {
        self.formats.viewing(self.zone, self.style)
    }

    /// This translator for a reader in `zone` who writes dates in `style`.
    pub fn viewing(self, zone: Tz, style: DateStyle) -> Translator<'a> {
        Translator {
            zone,
            style,
            ..self
        }
    }

    /// The message text; a missing id comes back as the id itself so it is visible, not blank.
    pub fn tr(&self, id: &str) -> String {
        self.format(id, None)
    }

    /// The message text with `{ $name }` placeables filled from `args`.
    pub fn tr_args(&self, id: &str, args: &[(&str, String)]) -> String {
        let mut fluent_args = FluentArgs::with_capacity(args.len());
        for (name, value) in args {
            fluent_args.set(*name, value.clone());
        }
        self.format(id, Some(&fluent_args))
    }

    /// The message text with numeric placeables, so plural selectors (`[one]`) apply.
    pub fn tr_count(&self, id: &str, args: &[(&str, i64)]) -> String {
        let mut fluent_args = FluentArgs::with_capacity(args.len());
        for (name, value) in args {
            fluent_args.set(*name, *value);
        }
        self.format(id, Some(&fluent_args))
    }

    /// The message with text placeables and numeric ones (so plural selectors apply to those).
    pub fn tr_mixed(&self, id: &str, texts: &[(&str, String)], counts: &[(&str, i64)]) -> String {
        let mut fluent_args = FluentArgs::with_capacity(texts.len().saturating_add(counts.len()));
        for (name, value) in texts {
            fluent_args.set(*name, value.clone());
        }
        for (name, value) in counts {
            fluent_args.set(*name, *value);
        }
        self.format(id, Some(&fluent_args))
    }

    /// Whether `id` resolves in this language or the fallback.
    pub fn has_message(&self, id: &str) -> bool {
        self.bundle.has_message(id) || self.fallback.has_message(id)
    }

    fn format(&self, id: &str, args: Option<&FluentArgs<'_>>) -> String {
        for bundle in [self.bundle, self.fallback] {
            if let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) {
                // Resolver errors (e.g. a missing argument) still yield readable text.
                let mut errors = Vec::new();
                let text = bundle.format_pattern(pattern, args, &mut errors);
                #[cfg(test)]
                if self.pseudo {
                    return format!("{PSEUDO_OPEN}{text}{PSEUDO_CLOSE}");
                }
                return text.into_owned();
            }
        }
        id.to_owned()
    }
}

#[cfg(test)]
mod tests;
