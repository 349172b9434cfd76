//! The `portal` command line as tests run it: the built binary in a folder of the test's own.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// `portal` run in `dir`, stdin closed, stdout and stderr captured; add args and env, then
/// `run_portal`.
pub fn portal_command(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_portal"));
    cmd.current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

/// Runs `cmd`, writing `stdin` (then closing it) when given.
pub fn run_portal(cmd: &mut Command, stdin: Option<&str>) -> Output {
    if stdin.is_some() {
        cmd.stdin(Stdio::piped());
    }
    let mut child = cmd.spawn().unwrap();
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

/// Stdout then stderr, as one text.
pub fn output_text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// The exit code (-1 when killed by a signal) and `output_text`.
pub fn code_and_text(out: &Output) -> (i32, String) {
    (out.status.code().unwrap_or(-1), output_text(out))
}
