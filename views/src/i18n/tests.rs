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
fn the_eight_languages_are_discovered_and_load() -> TestResult {
    let locales = Locales::load()?;
    assert_eq!(
        Locales::supported(),
        &["en", "de", "es", "fr", "it", "nl", "pl", "pt"]
    );
    assert_eq!(locales.translator("en").tr("signin-submit"), "Sign in");
    for lang in Locales::supported().iter().filter(|l| **l != "en") {
        let t = locales.translator(lang);
        assert_eq!(t.lang(), *lang);
        assert_ne!(t.tr("signin-submit"), "Sign in", "{lang} is not translated");
    }
    Ok(())
}

#[test]
fn regions_pick_their_language_and_unknown_ones_fall_back_to_english() -> TestResult {
    let locales = Locales::load()?;
    for (asked, got) in [
        ("en", "en"),
        ("EN", "en"),
        ("en-GB", "en"),
        ("fr", "fr"),
        ("fr-BE", "fr"),
        ("de-DE", "de"),
        ("pt-BR", "pt"),
        ("ja", "en"),
        ("", "en"),
        ("???", "en"),
        ("x<script>", "en"),
    ] {
        assert_eq!(locales.translator(asked).lang(), got, "for {asked:?}");
    }
    Ok(())
}

/// Each message of a resource with the variables it uses and its attributes' names.
fn messages(source: &str) -> std::collections::BTreeMap<String, (Vec<String>, Vec<String>)> {
    use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
    fn inline(e: &InlineExpression<&str>, out: &mut Vec<String>) {
        match e {
            InlineExpression::VariableReference { id } => out.push(id.name.to_owned()),
            InlineExpression::Placeable { expression } => expr(expression, out),
            InlineExpression::FunctionReference { arguments, .. } => {
                for a in &arguments.positional {
                    inline(a, out);
                }
                for a in &arguments.named {
                    inline(&a.value, out);
                }
            }
            _ => {}
        }
    }
    fn expr(e: &Expression<&str>, out: &mut Vec<String>) {
        match e {
            Expression::Select { selector, variants } => {
                inline(selector, out);
                for v in variants {
                    pattern(&v.value, out);
                }
            }
            Expression::Inline(i) => inline(i, out),
        }
    }
    fn pattern(p: &Pattern<&str>, out: &mut Vec<String>) {
        for el in &p.elements {
            if let PatternElement::Placeable { expression } = el {
                expr(expression, out);
            }
        }
    }
    let resource = fluent_syntax::parser::parse(source).unwrap_or_else(|(r, _)| r);
    let mut out = std::collections::BTreeMap::new();
    for entry in &resource.body {
        if let Entry::Message(m) = entry {
            let mut vars = Vec::new();
            if let Some(v) = &m.value {
                pattern(v, &mut vars);
            }
            for a in &m.attributes {
                pattern(&a.value, &mut vars);
            }
            vars.sort();
            vars.dedup();
            let attrs = m.attributes.iter().map(|a| a.id.name.to_owned()).collect();
            out.insert(m.id.name.to_owned(), (vars, attrs));
        }
    }
    out
}

#[test]
fn every_language_has_every_message_with_the_same_variables() {
    let english: Vec<&(&str, &str, &str)> = SOURCES.iter().filter(|(l, _, _)| *l == "en").collect();
    let mut problems = Vec::new();
    for lang in SUPPORTED.iter().filter(|l| **l != "en") {
        for (_, file, en_source) in &english {
            let Some((_, _, source)) = SOURCES.iter().find(|(l, f, _)| l == lang && f == file)
            else {
                problems.push(format!("{lang}/{file}: missing"));
                continue;
            };
            let (en, tr) = (messages(en_source), messages(source));
            for (id, want) in &en {
                match tr.get(id) {
                    None => problems.push(format!("{lang}/{file}: {id} missing")),
                    Some(got) if got != want => problems.push(format!(
                        "{lang}/{file}: {id} uses {got:?}, English {want:?}"
                    )),
                    Some(_) => {}
                }
            }
            for id in tr.keys().filter(|id| !en.contains_key(*id)) {
                problems.push(format!("{lang}/{file}: {id} is not an English message"));
            }
        }
        for (_, file, _) in SOURCES.iter().filter(|(l, _, _)| l == lang) {
            if !english.iter().any(|(_, f, _)| f == file) {
                problems.push(format!("{lang}/{file}: no such English file"));
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn the_check_finds_a_missing_message_and_a_changed_variable() {
    let en = messages("a = A { $name }\nb = B\n");
    let fr = messages("a = A { $nom }\n");
    assert_ne!(en.get("a"), fr.get("a"));
    assert!(!fr.contains_key("b"));
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
        .filter(|(lang, _, _)| *lang == "en")
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
