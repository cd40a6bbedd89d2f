//! A screen reader user takes a quiz: the real app under the display, read over AT-SPI on its
//! own D-Bus session (as Orca reads it) and driven by keys, by `tests/screen_reader.py`, which
//! checks what the user hears on every screen it walks.
//!
//! Needs a display, D-Bus, at-spi2-core, xdotool and Python's AT-SPI bindings (`.ci/run`
//! installs them). Skipped when one is missing, unless `QUIZDESK_REQUIRE_DISPLAY` is set, as
//! `.ci/run` sets it, so CI never skips it silently.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

mod common;
use common::TempDir;

const PYTHON: &str = "/usr/bin/python3";
const BUS_LAUNCHER: &str = "/usr/libexec/at-spi-bus-launcher";

/// What the test needs that this machine lacks.
fn missing() -> Vec<String> {
    let mut missing = Vec::new();
    if std::env::var_os("DISPLAY").is_none() {
        missing.push("a display (DISPLAY)".to_owned());
    }
    for (program, args) in [
        ("dbus-run-session", &["--version"][..]),
        ("xdotool", &["--version"][..]),
        (PYTHON, &["-c", "import pyatspi"][..]),
    ] {
        let works = Command::new(program)
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !works {
            missing.push(format!("{program} {}", args.join(" ")));
        }
    }
    if !Path::new(BUS_LAUNCHER).exists() {
        missing.push(BUS_LAUNCHER.to_owned());
    }
    missing
}

#[test]
fn a_screen_reader_user_hears_every_screen_of_a_quiz() {
    let missing = missing();
    if !missing.is_empty() {
        assert!(
            std::env::var_os("QUIZDESK_REQUIRE_DISPLAY").is_none(),
            "QUIZDESK_REQUIRE_DISPLAY is set but this machine lacks: {}",
            missing.join(", ")
        );
        eprintln!("skipped: this machine lacks {}", missing.join(", "));
        return;
    }
    let dir = TempDir::new("screen-reader");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/screen_reader.py");
    let output_path = dir.0.join("walk.log");
    let log = std::fs::File::create(&output_path).expect("a log file");
    let mut walk = Command::new("dbus-run-session")
        .arg("--")
        .arg(PYTHON)
        .arg("-u")
        .arg(&script)
        .arg(env!("CARGO_BIN_EXE_quizdesk"))
        .arg(dir.0.join("data"))
        .stdout(log.try_clone().expect("a log file"))
        .stderr(log)
        .spawn()
        .expect("dbus-run-session starts");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = walk.try_wait().expect("the walk can be waited for") {
            break Some(status);
        }
        if started.elapsed() > Duration::from_secs(300) {
            let _ = walk.kill();
            break None;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let output = std::fs::read_to_string(&output_path).unwrap_or_default();
    println!("{output}");
    assert!(
        status.is_some_and(|s| s.success()) && output.contains("PASSED"),
        "the screen reader's walk failed ({status:?}):\n{output}"
    );
}
