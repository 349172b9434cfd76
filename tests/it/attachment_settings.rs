//! `[attachments]`: one place for where files are kept (local folder or S3 bucket) and their
//! limits, for every part of the portal that stores files; `[tickets]`' old keys stay accepted.

use portal::config::Settings;

fn load(toml: &str) -> Result<Settings, String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("portal.toml");
    std::fs::write(&path, toml).unwrap();
    Settings::load(&path).map_err(|e| e.to_string())
}

const S3: &str = "endpoint = \"https://s3.eu-west-1.amazonaws.com\"\nbucket = \"acme-portal\"\n\
                  access_key_id = \"AKIAEXAMPLE\"\nsecret_access_key = \"very-secret-value\"\n";

#[test]
fn the_attachments_section_sets_the_store_and_its_limits() {
    let settings = load("").unwrap();
    let defaults = settings.attachments().unwrap();
    assert_eq!(defaults.dir, std::path::PathBuf::from("data/attachments"));
    assert_eq!(defaults.max_file_bytes, 20 * 1024 * 1024);
    assert_eq!(defaults.max_files_per_upload, 10);
    assert!(defaults.s3.is_none());

    let settings = load(&format!(
        "[attachments]\ndir = \"/srv/files\"\nmax_file_bytes = 1048576\nmax_files_per_upload = 3\n\
         [attachments.s3]\n{S3}"
    ))
    .unwrap();
    let a = settings.attachments().unwrap();
    assert_eq!(a.dir, std::path::PathBuf::from("/srv/files"));
    assert_eq!((a.max_file_bytes, a.max_files_per_upload), (1_048_576, 3));
    assert_eq!(a.s3.map(|s| s.bucket.as_str()), Some("acme-portal"));
    assert!(!format!("{settings:?}").contains("very-secret-value"));
}

#[test]
fn the_old_ticket_keys_are_still_accepted() {
    let settings = load(&format!(
        "[tickets]\nattachments_dir = \"/srv/old\"\nmax_attachment_bytes = 2048\n\
         max_files_per_upload = 4\n[tickets.s3]\n{S3}"
    ))
    .unwrap();
    let a = settings.attachments().unwrap();
    assert_eq!(a.dir, std::path::PathBuf::from("/srv/old"));
    assert_eq!((a.max_file_bytes, a.max_files_per_upload), (2048, 4));
    assert_eq!(a.s3.map(|s| s.bucket.as_str()), Some("acme-portal"));
    // The same value under both names is no contradiction.
    let same = load("[attachments]\ndir = \"/srv/x\"\n[tickets]\nattachments_dir = \"/srv/x\"\n");
    assert_eq!(
        same.unwrap().attachments().unwrap().dir,
        std::path::PathBuf::from("/srv/x")
    );
}

#[test]
fn contradicting_old_and_new_keys_stop_start_up_naming_both() {
    for (toml, new, old) in [
        (
            "[attachments]\ndir = \"/a\"\n[tickets]\nattachments_dir = \"/b\"\n".to_owned(),
            "attachments.dir",
            "tickets.attachments_dir",
        ),
        (
            "[attachments]\nmax_file_bytes = 1\n[tickets]\nmax_attachment_bytes = 2\n".to_owned(),
            "attachments.max_file_bytes",
            "tickets.max_attachment_bytes",
        ),
        (
            format!("[attachments.s3]\n{S3}[tickets.s3]\n{S3}"),
            "attachments.s3",
            "tickets.s3",
        ),
    ] {
        let e = load(&toml).unwrap_err();
        assert!(e.contains(new) && e.contains(old), "{e}");
    }
    // A bad bucket setting names the key it was given under.
    let e = load(&format!("[attachments.s3]\n{S3}key_prefix = \"../up\"\n")).unwrap_err();
    assert!(
        e.contains("attachments.s3") && e.contains("key_prefix"),
        "{e}"
    );
    let e = load("[attachments]\nmax_file_bytes = 0\n").unwrap_err();
    assert!(e.contains("attachments.max_file_bytes"), "{e}");
}
