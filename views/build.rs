//! Discovers the locales: every directory under `locales/` holding `.ftl` files is a language,
//! and every such file is embedded. Writes `$OUT_DIR/locales.rs` with `SUPPORTED` (the
//! language tags, `en` first) and `SOURCES` (language, file name, contents via
//! `include_str!`), so adding a language or a file needs no code change.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn ftl_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ftl"))
        .collect();
    files.sort();
    Ok(files)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR")?).join("locales");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut languages: Vec<(String, Vec<PathBuf>)> = Vec::new();
    for entry in std::fs::read_dir(&root)? {
        let path = entry?.path();
        if !path.is_dir() {
            continue;
        }
        println!("cargo:rerun-if-changed={}", path.display());
        let Some(tag) = path.file_name().and_then(|n| n.to_str()).map(str::to_owned) else {
            continue;
        };
        let files = ftl_files(&path)?;
        if !files.is_empty() {
            languages.push((tag, files));
        }
    }
    // `en` first (the fallback), then the others by tag.
    languages.sort_by(|a, b| (a.0 != "en", &a.0).cmp(&(b.0 != "en", &b.0)));
    let mut out = String::from("/// The discovered languages, `en` first.\n");
    out.push_str("const SUPPORTED: &[&str] = &[");
    for (tag, _) in &languages {
        write!(out, "{tag:?}, ")?;
    }
    out.push_str("];\n\n/// Every embedded `.ftl` file: (language, file name, source).\n");
    out.push_str("const SOURCES: &[(&str, &str, &str)] = &[\n");
    for (tag, files) in &languages {
        for file in files {
            let name = file
                .file_name()
                .and_then(|n| n.to_str())
                .ok_or("a locale file name is not UTF-8")?;
            let path = file.to_str().ok_or("a locale path is not UTF-8")?;
            writeln!(out, "    ({tag:?}, {name:?}, include_str!({path:?})),")?;
        }
    }
    out.push_str("];\n");
    let dest = PathBuf::from(std::env::var("OUT_DIR")?).join("locales.rs");
    std::fs::write(dest, out)?;
    Ok(())
}
