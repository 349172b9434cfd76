//! Settings as operators write them: a switch documented as `true|false|auto` takes the words
//! and TOML's booleans alike (and so does `PORTAL__DOMAINS__DNS_CHECK=false`, which the
//! environment provider reads as a boolean).

use portal::config::Settings;

fn load(toml: &str) -> Result<Settings, String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("portal.toml");
    std::fs::write(&path, toml).unwrap();
    Settings::load(&path).map_err(|e| e.to_string())
}

#[test]
fn dns_check_takes_a_boolean_or_a_word() {
    for (value, expected) in [
        ("false", "false"),
        ("true", "true"),
        ("\"false\"", "false"),
        ("\"auto\"", "auto"),
        ("\"TRUE\"", "true"),
    ] {
        let settings = load(&format!("[domains]\ndns_check = {value}\n"))
            .unwrap_or_else(|e| panic!("dns_check = {value}: {e}"));
        assert_eq!(settings.domains.dns_check, expected, "dns_check = {value}");
    }
    let refused = load("[domains]\ndns_check = \"sometimes\"\n").unwrap_err();
    assert!(refused.contains("domains.dns_check"), "{refused}");
    let refused = load("[domains]\ndns_check = 3\n").unwrap_err();
    assert!(refused.contains("dns_check"), "{refused}");
}
