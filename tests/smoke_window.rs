//! The real binary in a real window: it starts, draws, and closes by itself.
//!
//! Needs a display (CI runs it under Xvfb). Without one it is skipped, unless
//! `QUIZDESK_REQUIRE_DISPLAY` is set, as `.ci/run` sets it, so CI can never skip it silently.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Whether there is a display to open a window on; without one the test is skipped, unless
/// CI asked for one.
fn has_display() -> bool {
    let has_display =
        std::env::var_os("DISPLAY").is_some() || std::env::var_os("WAYLAND_DISPLAY").is_some();
    if !has_display {
        assert!(
            std::env::var_os("QUIZDESK_REQUIRE_DISPLAY").is_none(),
            "QUIZDESK_REQUIRE_DISPLAY is set but there is no DISPLAY: start Xvfb first"
        );
        eprintln!("skipped: no display (set DISPLAY, e.g. under Xvfb, to run it)");
    }
    has_display
}

#[test]
fn app_starts_draws_and_closes_itself_in_a_real_window() {
    if !has_display() {
        return;
    }
    let data_dir = std::env::temp_dir().join(format!("quizdesk-smoke-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data_dir);
    let mut child = Command::new(env!("CARGO_BIN_EXE_quizdesk"))
        .args([
            "--profile",
            "Smoke",
            "--quit-after-frames",
            "20",
            "--data-dir",
        ])
        .arg(&data_dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the quizdesk binary starts");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("the window did not close by itself within 60 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(status.success(), "quizdesk exited with {status}: {stderr}");
    // It got far enough to open the store and create the profile asked for.
    assert!(data_dir.join("quizdesk.sqlite3").is_file(), "{stderr}");
    let _ = std::fs::remove_dir_all(&data_dir);
}

#[test]
fn present_live_prints_the_join_address_and_code_once_listening() {
    if !has_display() {
        return;
    }
    let data_dir = std::env::temp_dir().join(format!("quizdesk-smoke-live-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data_dir);
    // Port 0: any free port, so the test never meets one taken.
    let output = Command::new(env!("CARGO_BIN_EXE_quizdesk"))
        .args([
            "--profile",
            "Smoke",
            "--quit-after-frames",
            "30",
            "--data-dir",
        ])
        .arg(&data_dir)
        .args(["present", "fentanyl-social-media", "--live", "--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .expect("the quizdesk binary starts");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    let line = |prefix: &str| {
        stdout
            .lines()
            .find_map(|l| l.strip_prefix(prefix))
            .unwrap_or_else(|| panic!("no {prefix:?} line in {stdout:?}"))
            .to_owned()
    };
    let address = line("Join at: ");
    assert!(
        address.starts_with("http://") && address.ends_with('/'),
        "{address}"
    );
    let code = line("Room code: ");
    assert_eq!(code.len(), 5, "{code}");
    assert!(line("Link: ").ends_with(&format!("/?code={code}")));
    let _ = std::fs::remove_dir_all(&data_dir);
}
