//! Loading, fallback and coverage of the embedded locales.
use super::*;
use crate::test_support::{all_message_ids, TestResult};

fn assert_send_sync<T: Send + Sync>() {}

#[test]
fn locales_are_send_and_sync() {
    assert_send_sync::<Locales>();
    assert_send_sync::<Translator<'static>>();
}

#[test]
fn loads_and_supports_english() -> TestResult {
    let locales = Locales::load()?;
    assert_eq!(Locales::supported(), &["en"]);
    assert_eq!(locales.translator("en").tr("signin-submit"), "Sign in");
    Ok(())
}

#[test]
fn unknown_or_malformed_languages_fall_back_to_english() -> TestResult {
    let locales = Locales::load()?;
    for lang in [
        "en",
        "EN",
        "en-GB",
        "en_US",
        "fr",
        "de-DE",
        "",
        "???",
        "x<script>",
    ] {
        assert_eq!(locales.translator(lang).lang(), "en", "for {lang:?}");
    }
    Ok(())
}

#[test]
fn missing_id_comes_back_as_itself() -> TestResult {
    let locales = Locales::load()?;
    let t = locales.translator("en");
    assert_eq!(t.tr("no-such-message"), "no-such-message");
    assert_eq!(
        t.tr_args("no-such-message", &[("x", "y".to_owned())]),
        "no-such-message"
    );
    assert!(!t.has_message("no-such-message"));
    Ok(())
}

#[test]
fn arguments_are_filled_without_isolation_marks() -> TestResult {
    let locales = Locales::load()?;
    let t = locales.translator("en");
    let text = t.tr_args("dashboard-welcome", &[("name", "Ada".to_owned())]);
    assert_eq!(text, "Welcome, Ada");
    assert!(!text.contains(['\u{2068}', '\u{2069}']));
    Ok(())
}

#[test]
fn every_referenced_id_exists_in_english() -> TestResult {
    let locales = Locales::load()?;
    let missing: Vec<&str> = all_message_ids()
        .into_iter()
        .filter(|id| !locales.fallback.has_message(id))
        .collect();
    assert!(missing.is_empty(), "ids missing from en: {missing:?}");
    Ok(())
}

#[test]
fn every_english_message_is_referenced() {
    let referenced = all_message_ids();
    let defined: Vec<&str> = SOURCES
        .iter()
        .flat_map(|(_, _, source)| source.lines())
        .filter(|line| line.starts_with(|c: char| c.is_ascii_alphabetic()))
        .filter_map(|line| line.split_once(" =").map(|(id, _)| id.trim()))
        .collect();
    let unused: Vec<&&str> = defined
        .iter()
        .filter(|id| !referenced.contains(id))
        .collect();
    assert!(unused.is_empty(), "messages no view uses: {unused:?}");
    assert_eq!(defined.len(), referenced.len(), "an id is declared twice");
}

#[test]
fn every_locale_file_is_embedded() -> TestResult {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    for lang_dir in std::fs::read_dir(dir)? {
        let lang_dir = lang_dir?;
        let lang = lang_dir.file_name().to_string_lossy().into_owned();
        assert!(
            SUPPORTED.contains(&lang.as_str()),
            "locale {lang} is not in SUPPORTED"
        );
        for file in std::fs::read_dir(lang_dir.path())? {
            let name = file?.file_name().to_string_lossy().into_owned();
            let embedded = SOURCES.iter().any(|(l, f, _)| *l == lang && *f == name);
            assert!(embedded, "locales/{lang}/{name} is not embedded");
        }
    }
    Ok(())
}

#[test]
fn errors_name_the_file_and_line() {
    let broken = [
        ("en", "good.ftl", "a = A\n"),
        ("en", "bad.ftl", "ok = fine\n\n= oops\n"),
    ];
    let err = build_bundle("en", &broken).err().map(|e| e.to_string());
    let err = err.unwrap_or_default();
    assert!(err.starts_with("locales/en/bad.ftl: line 3"), "{err}");

    let duplicate = [("en", "one.ftl", "a = A\n"), ("en", "two.ftl", "a = B\n")];
    let err = build_bundle("en", &duplicate).err().map(|e| e.to_string());
    assert!(err.unwrap_or_default().starts_with("locales/en/two.ftl: "));
}

#[test]
fn counts_pick_the_plural_form() -> TestResult {
    let locales = Locales::load()?;
    let t = locales.translator("en");
    assert_eq!(
        t.tr_count("signin-error-throttled", &[("minutes", 1)]),
        "Too many failed sign-in attempts, try again in 1 minute"
    );
    assert_eq!(
        t.tr_count("signin-error-throttled", &[("minutes", 15)]),
        "Too many failed sign-in attempts, try again in 15 minutes"
    );
    Ok(())
}
