//! Start-up that does not grow with the learner's history or the teacher's library (issue 14),
//! and a library that stays smooth with a thousand decks.
//!
//! Run with `cargo bench --bench startup`. The start-up benchmarks need a display (under Xvfb,
//! with `DISPLAY` set) and are skipped without one. Each one runs the real binary from exec to
//! its first frame on screen (or to the first frame of the complete library, closed) and
//! closes it; the bare eframe window, with the same renderer, is the floor. Before the benchmarks, the peak resident
//! memory of each start is printed.
//!
//! Targets: a visible window within 1.2x the bare window at 0, 100,000 and 1,000,000 stored
//! answers and with 300 decks; the library complete within 1 s at 300 decks and 1,000,000
//! answers; memory within 1.2x the bare window with the bundled decks; a library frame under
//! 4 ms with 1,000 decks.
//!
//! The data folders are made once and kept in Cargo's temporary folder for benchmarks (seeding
//! a million answers takes a while); delete `target/tmp/quizdesk-startup-*` to make them anew.

use std::io::{BufRead as _, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use eframe::egui;
use egui_kittest::Harness;
use quizdesk::app::{LaunchOptions, Prefs, StartMode};
use quizdesk::ui::Shell;

mod common;

const PROFILE: &str = "Bench";

/// Changes when the fixtures' contents change, so old ones are not reused.
const FIXTURE_VERSION: u32 = 1;

fn main() {
    if has_display() {
        print_peak_memory();
    } else {
        eprintln!("no DISPLAY: the start-up benchmarks and the memory figures are skipped");
    }
    divan::main();
}

/// The data folders the benchmarks start with.
#[derive(Clone, Copy, Debug)]
enum Fixture {
    /// A new profile: no answers, the bundled decks.
    Empty,
    /// 100,000 answers (1,000 quizzes of 100).
    Answers100k,
    /// 1,000,000 answers (100,000 quizzes of 10), about 185 MB.
    Answers1m,
    /// 1,000,000 answers and 300 decks of 60 to 140 questions in the decks folder (15.5 MB).
    Decks300Answers1m,
}

impl Fixture {
    fn name(self) -> &'static str {
        match self {
            Self::Empty => "empty",
            Self::Answers100k => "answers-100k",
            Self::Answers1m => "answers-1m",
            Self::Decks300Answers1m => "decks-300-answers-1m",
        }
    }

    /// The folder, made on first use.
    fn dir(self) -> PathBuf {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
            "quizdesk-startup-v{FIXTURE_VERSION}-{}",
            self.name()
        ));
        let done = dir.join(".complete");
        if done.exists() {
            return dir;
        }
        let _ = std::fs::remove_dir_all(&dir);
        let started = std::time::Instant::now();
        match self {
            Self::Empty => {
                quizdesk::store::Store::open(&dir)
                    .and_then(|mut opened| opened.store.create_profile(PROFILE))
                    .unwrap_or_else(|e| panic!("cannot make the empty store: {e}"));
            }
            Self::Answers100k => common::seed_answers(&dir, PROFILE, 1_000, 100),
            Self::Answers1m => common::seed_answers(&dir, PROFILE, 100_000, 10),
            Self::Decks300Answers1m => {
                common::seed_answers(&dir, PROFILE, 100_000, 10);
                let decks = dir.join("decks");
                std::fs::create_dir_all(&decks).unwrap_or_else(|e| panic!("{e}"));
                for n in 0..300 {
                    let text = common::generated_deck(
                        &format!("deck-{n:03}"),
                        &format!("Generated deck {n}"),
                        // 60 to 140 questions: 29,991 questions, 15.5 MB in all.
                        60 + (n * 37) % 81,
                    );
                    std::fs::write(decks.join(format!("deck-{n:03}.ron")), text)
                        .unwrap_or_else(|e| panic!("{e}"));
                }
            }
        }
        std::fs::write(&done, b"").unwrap_or_else(|e| panic!("{e}"));
        eprintln!(
            "made the {} data folder in {:.1} s",
            self.name(),
            started.elapsed().as_secs_f64()
        );
        dir
    }

    fn args(self, until: &[&str]) -> Vec<String> {
        let mut args = vec![
            "--data-dir".to_owned(),
            self.dir().to_string_lossy().into_owned(),
            "--profile".to_owned(),
            PROFILE.to_owned(),
        ];
        args.extend(until.iter().map(|s| (*s).to_owned()));
        args
    }
}

fn has_display() -> bool {
    std::env::var_os("DISPLAY").is_some() || std::env::var_os("WAYLAND_DISPLAY").is_some()
}

fn run(args: &[String]) {
    let status = Command::new(env!("CARGO_BIN_EXE_quizdesk"))
        .args(args)
        .stderr(Stdio::null())
        .status()
        .map(|s| s.success());
    assert!(
        matches!(status, Ok(true)),
        "quizdesk {args:?} failed: {status:?}"
    );
}

/// A window that has shown its first frame, closing by itself; dropped (after the benchmark's
/// timing) by waiting for it.
struct Shown(Child);

impl Drop for Shown {
    fn drop(&mut self) {
        match self.0.wait() {
            Ok(status) if status.success() => {}
            other => panic!("quizdesk failed: {other:?}"),
        }
    }
}

/// Starts quizdesk with `args` and returns once its first frame is on screen (it says so on
/// standard output when asked with `QUIZDESK_ANNOUNCE_FIRST_FRAME`).
fn until_first_frame(args: &[String]) -> Shown {
    let mut child = Command::new(env!("CARGO_BIN_EXE_quizdesk"))
        .args(args)
        .env(quizdesk::ui::ANNOUNCE_FIRST_FRAME, "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start quizdesk: {e}"));
    let stdout = child.stdout.take().unwrap_or_else(|| panic!("no stdout"));
    let said = BufReader::new(stdout)
        .lines()
        .map_while(Result::ok)
        .any(|line| line == "first frame");
    assert!(said, "quizdesk {args:?} closed before its first frame");
    Shown(child)
}

const TWO_FRAMES: &[&str] = &["--quit-after-frames", "2"];

/// The floor: a bare eframe window with the same renderer, exec to its first frame on screen.
#[divan::bench(sample_count = 20, sample_size = 1)]
fn window_bare_eframe(bencher: divan::Bencher) {
    if !has_display() {
        return;
    }
    let args: Vec<String> = ["debug-bare-window", "--quit-after-frames", "2"]
        .map(str::to_owned)
        .to_vec();
    bencher.bench(|| until_first_frame(&args));
}

/// quizdesk, exec to its first frame on screen, with the data folder of each fixture.
#[divan::bench(
    sample_count = 20,
    sample_size = 1,
    args = [Fixture::Empty, Fixture::Answers100k, Fixture::Answers1m, Fixture::Decks300Answers1m]
)]
fn window_quizdesk(bencher: divan::Bencher, fixture: Fixture) {
    if !has_display() {
        return;
    }
    let args = fixture.args(TWO_FRAMES);
    run(&args); // a warm start: the day's backup is made by the first one
    bencher.bench(|| until_first_frame(&args));
}

/// quizdesk, exec to its first frames and closed: what a smoke test sees, teardown included.
#[divan::bench(
    sample_count = 15,
    sample_size = 1,
    args = [Fixture::Empty, Fixture::Decks300Answers1m]
)]
fn window_quizdesk_and_close(bencher: divan::Bencher, fixture: Fixture) {
    if !has_display() {
        return;
    }
    let args = fixture.args(TWO_FRAMES);
    bencher.bench(|| run(&args));
}

/// quizdesk with 300 decks and 1,000,000 answers, exec to the first frame that lists every
/// deck with its scores.
#[divan::bench(sample_count = 15, sample_size = 1)]
fn library_complete_300_decks_1m_answers(bencher: divan::Bencher) {
    if !has_display() {
        return;
    }
    let args = Fixture::Decks300Answers1m.args(&["--quit-when-library-complete"]);
    run(&args);
    bencher.bench(|| run(&args));
}

/// One frame of the library with 1,000 decks listed (layout and tessellation, no GPU).
#[divan::bench(sample_count = 100)]
fn library_frame_1000_decks(bencher: divan::Bencher) {
    let dir = std::env::temp_dir().join(format!("quizdesk-bench-1000-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let decks = dir.join("decks");
    std::fs::create_dir_all(&decks).unwrap_or_else(|e| panic!("{e}"));
    for n in 0..1_000 {
        let text = common::generated_deck(&format!("d{n:04}"), &format!("Deck number {n}"), 8);
        std::fs::write(decks.join(format!("d{n:04}.ron")), text).unwrap_or_else(|e| panic!("{e}"));
    }
    let options = LaunchOptions {
        data_dir: dir.clone(),
        profile: Some(PROFILE.to_owned()),
        start: StartMode::Library,
        quit: None,
    };
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_eframe(move |_cc| Shell::with_prefs(Prefs::default(), options));
    harness.run_steps(3);
    assert_eq!(
        harness.state().library().len(),
        1_002,
        "every deck is listed"
    );
    bencher.bench_local(|| harness.step());
    drop(harness);
    let _ = std::fs::remove_dir_all(&dir);
}

/// Prints the peak resident memory (VmHWM) of each start, 60 frames in.
fn print_peak_memory() {
    let bare: Vec<String> = ["debug-bare-window", "--quit-after-frames", "60"]
        .map(str::to_owned)
        .to_vec();
    let sixty = &["--quit-after-frames", "60"];
    let bare_mb = peak_resident_mb(&bare);
    eprintln!("peak resident memory after 60 frames (MB):");
    eprintln!("  bare eframe window: {bare_mb:.1}");
    for fixture in [
        Fixture::Empty,
        Fixture::Answers1m,
        Fixture::Decks300Answers1m,
    ] {
        let args = fixture.args(sixty);
        run(&args);
        let mb = peak_resident_mb(&args);
        eprintln!(
            "  quizdesk, {}: {mb:.1} ({:.2}x)",
            fixture.name(),
            mb / bare_mb
        );
    }
}

/// Runs quizdesk with `args` and reads its peak resident memory from /proc while it runs (the
/// high-water mark only grows, so the last reading before it exits is the peak).
fn peak_resident_mb(args: &[String]) -> f64 {
    let mut child = Command::new(env!("CARGO_BIN_EXE_quizdesk"))
        .args(args)
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start quizdesk: {e}"));
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak_kb = 0_u64;
    loop {
        if let Ok(status) = std::fs::read_to_string(&status_file) {
            let hwm = status
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok());
            if let Some(kb) = hwm {
                peak_kb = peak_kb.max(kb);
            }
        }
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(e) => panic!("{e}"),
        }
    }
    peak_kb as f64 / 1024.0
}
