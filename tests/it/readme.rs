//! The README's operator sections cannot rot: every metric they cite (with its labels) is in a
//! live `/metrics` scrape, every config key is one `Settings` takes, every audit event type,
//! audit reason and log line is written somewhere in the code.

use std::path::Path;

use crate::helpers::{spawn_app, ADMIN_TOKEN};

/// The README's `## <title>` section, up to the next one.
fn section(readme: &str, title: &str) -> String {
    let start = readme
        .find(&format!("\n## {title}\n"))
        .unwrap_or_else(|| panic!("README has no `## {title}` section"));
    let rest = &readme[start + 1..];
    let end = rest[3..].find("\n## ").map_or(rest.len(), |i| i + 3);
    rest[..end].to_owned()
}

/// The `backticked` spans of a Markdown text (code blocks left out).
fn code_spans(text: &str) -> Vec<String> {
    let mut spans = Vec::new();
    let mut in_block = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            in_block = !in_block;
            continue;
        }
        if in_block {
            continue;
        }
        spans.extend(line.split('`').skip(1).step_by(2).map(str::to_owned));
    }
    spans
}

/// Every `.rs` file below `dir`, concatenated.
fn sources(dir: &Path) -> String {
    let mut all = String::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            all.push_str(&sources(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            all.push_str(&std::fs::read_to_string(&path).unwrap());
        }
    }
    all
}

/// `name{k="v",…}` as the name and its label pairs.
fn metric_selector(span: &str) -> (String, Vec<String>) {
    match span.split_once('{') {
        Some((name, labels)) => (
            name.to_owned(),
            labels
                .trim_end_matches('}')
                .split(',')
                .filter(|pair| pair.contains("=\""))
                .map(str::to_owned)
                .collect(),
        ),
        None => (span.to_owned(), Vec::new()),
    }
}

/// A dotted lower-case name that is no file name: a configuration key.
fn is_config_key(span: &str) -> bool {
    const FILE_EXTENSIONS: &[&str] = &["json", "db", "key", "toml", "md", "eml", "csv", "sql"];
    let parts: Vec<&str> = span.split('.').collect();
    parts.len() >= 2
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'_' || b.is_ascii_digit())
        })
        && !FILE_EXTENSIONS.contains(parts.last().unwrap())
}

/// Whether `Settings` takes `key`: set to a string, it may be the wrong type, never unknown.
fn settings_take(key: &str) -> bool {
    let (table, field) = key.rsplit_once('.').unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("portal.toml");
    std::fs::write(&path, format!("[{table}]\n{field} = \"x\"\n")).unwrap();
    match portal::config::Settings::load(&path) {
        Ok(_) => true,
        Err(e) => !e.to_string().contains("unknown field"),
    }
}

#[actix_web::test]
async fn the_operator_sections_cite_only_what_exists() {
    let Some(app) = spawn_app().await else { return };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let text = format!(
        "{}{}",
        section(&readme, "Troubleshooting"),
        section(&readme, "Backup and restore")
    );
    let code = format!(
        "{}{}",
        sources(&root.join("actors/src")),
        sources(&root.join("src"))
    );
    // One page request, so the HTTP series exist.
    app.http
        .get(format!("{}/auth/client-portal/signin", app.base))
        .send()
        .await
        .unwrap();
    let scrape = app.admin_get("/metrics", Some(ADMIN_TOKEN)).await;
    assert_eq!(scrape.status, 200);
    let samples: Vec<&str> = scrape
        .body
        .lines()
        .filter(|l| !l.starts_with('#'))
        .collect();

    let (mut metrics, mut keys, mut events, mut quoted) = (0, 0, 0, 0);
    let mut missing = Vec::new();
    for span in code_spans(&text) {
        if span.starts_with("portal_") {
            metrics += 1;
            let (name, labels) = metric_selector(&span);
            let found = samples.iter().any(|s| {
                let series = s.split(' ').next().unwrap_or("");
                let bare = series.split('{').next().unwrap_or("");
                let family = [
                    name.as_str(),
                    &format!("{name}_bucket"),
                    &format!("{name}_count"),
                ];
                family.contains(&bare) && labels.iter().all(|pair| series.contains(pair.as_str()))
            });
            if !found {
                missing.push(format!("metric {span}"));
            }
        } else if is_config_key(&span) {
            keys += 1;
            if !settings_take(&span) {
                missing.push(format!("config key {span}"));
            }
        } else if span.starts_with('"') && span.ends_with('"') && span.len() > 2 {
            quoted += 1;
            if !code.contains(&span) {
                missing.push(format!("log line {span}"));
            }
        }
        for pair in span.split(['?', '&', ' ']) {
            if let Some((field @ ("event_type" | "reason"), value)) = pair.split_once('=') {
                events += 1;
                if !code.contains(&format!("\"{value}\"")) {
                    missing.push(format!("audit {field} {value}"));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "the README cites what does not exist: {missing:#?}"
    );
    assert!(
        metrics >= 10 && keys >= 10 && events >= 5 && quoted >= 4,
        "fewer citations than expected: {metrics} metrics, {keys} keys, {events} audit, {quoted} logs"
    );
}

#[test]
fn the_checks_tell_a_made_up_key_from_a_real_one() {
    assert!(settings_take("session.idle_timeout_minutes"));
    assert!(settings_take("attachments.s3.bucket"));
    assert!(!settings_take("session.idle_timeout_minuts"));
    assert!(!settings_take("sesion.idle_timeout_minutes"));
    assert!(is_config_key("mail.smtp_url") && !is_config_key("manifest.json"));
    assert_eq!(
        metric_selector("portal_x_total{a=\"1\",b=\"2\"}"),
        (
            "portal_x_total".to_owned(),
            vec!["a=\"1\"".to_owned(), "b=\"2\"".to_owned()]
        )
    );
}
