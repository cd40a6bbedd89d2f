//! The app's costs that a learner feels: starting, drawing a quiz frame, saving an answer.
//!
//! Run with `cargo bench --bench app`. The start-up pair needs a display (e.g. under Xvfb, with
//! `DISPLAY` set) and is skipped without one. Targets (issue 3): start to first frame within 1.5x
//! of a bare eframe window, a quiz frame under 1 ms of CPU, saving an answer under 5 ms.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use eframe::egui;
use egui_kittest::Harness;
use quizdesk::app::{LaunchOptions, Prefs, StartMode};
use quizdesk::store::{Mode, NewAttempt, NewSession, Store};
use quizdesk::ui::Shell;

fn main() {
    divan::main();
}

/// A data folder whose store holds 100,000 answers (1,000 quiz sessions of 100) on the bundled
/// deck, made once per run.
fn seeded_data_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("quizdesk-bench-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let deck = quizdesk::deck::bundled_deck("fentanyl-social-media")
            .unwrap_or_else(|| panic!("the bundled deck is missing"));
        let question_ids: Vec<String> = deck.questions().iter().map(|q| q.id.to_string()).collect();
        let plan = quizdesk::store::SeedPlan {
            profile_name: "Bench",
            deck_id: deck.id().as_str(),
            deck_title: deck.title(),
            deck_version: deck.version(),
            question_ids: &question_ids,
            sessions: 1_000,
            answers_per_session: 100,
            reviews_per_card: 0,
            days: 365,
            now_ms: quizdesk::time::now_ms(),
        };
        if let Err(e) = quizdesk::store::debug_seed_history(&dir, &plan) {
            panic!("seeding the benchmark store failed: {e}");
        }
        dir
    })
}

fn has_display() -> bool {
    std::env::var_os("DISPLAY").is_some() || std::env::var_os("WAYLAND_DISPLAY").is_some()
}

fn run_to_first_frames(args: &[&str]) {
    let status = Command::new(env!("CARGO_BIN_EXE_quizdesk"))
        .args(args)
        .status()
        .map(|s| s.success());
    assert!(
        matches!(status, Ok(true)),
        "quizdesk {args:?} failed: {status:?}"
    );
}

/// Process start to the first frames drawn, then closing: a bare eframe window (the floor).
#[divan::bench(sample_count = 15, sample_size = 1)]
fn start_bare_eframe_window(bencher: divan::Bencher) {
    if !has_display() {
        eprintln!("skipped: no DISPLAY");
        return;
    }
    bencher.bench(|| run_to_first_frames(&["debug-bare-window", "--quit-after-frames", "2"]));
}

/// Process start to the first frames drawn, then closing: quizdesk with the bundled decks and a
/// store holding 100,000 answers.
#[divan::bench(sample_count = 15, sample_size = 1)]
fn start_quizdesk_with_100k_answers(bencher: divan::Bencher) {
    if !has_display() {
        eprintln!("skipped: no DISPLAY");
        return;
    }
    let dir = seeded_data_dir().to_string_lossy().into_owned();
    bencher.bench(|| {
        run_to_first_frames(&[
            "--data-dir",
            &dir,
            "--profile",
            "Bench",
            "--quit-after-frames",
            "2",
        ]);
    });
}

/// What quizdesk adds to a bare window at start-up, in-process: opening and checking the store
/// with 100,000 answers, loading the bundled decks, and the library's scores.
#[divan::bench(sample_count = 30)]
fn app_state_with_100k_answers(bencher: divan::Bencher) {
    let dir = seeded_data_dir().to_owned();
    bencher.bench(|| {
        Shell::with_prefs(
            Prefs::default(),
            LaunchOptions {
                data_dir: dir.clone(),
                profile: Some("Bench".to_owned()),
                start: StartMode::Library,
                quit_after_frames: None,
            },
        )
    });
}

/// One frame of the quiz screen (layout and tessellation, no GPU), on a single-choice question.
#[divan::bench(sample_count = 200)]
fn quiz_frame(bencher: divan::Bencher) {
    let dir = std::env::temp_dir().join(format!("quizdesk-bench-frame-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let options = LaunchOptions {
        data_dir: dir.clone(),
        profile: Some("Frame".to_owned()),
        start: StartMode::Quiz {
            deck: "fentanyl-social-media".to_owned(),
            count: None,
            seed: Some(1),
        },
        quit_after_frames: None,
    };
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1024.0, 720.0))
        .build_eframe(move |_cc| Shell::with_prefs(Prefs::default(), options));
    harness.run_steps(2);
    harness.key_press(egui::Key::Enter); // past the content note
    harness.run_steps(2);
    bencher.bench_local(|| harness.step());
    drop(harness);
    let _ = std::fs::remove_dir_all(&dir);
}

/// Saving one answer: a transaction committed with `synchronous=FULL` (fsync) before returning.
#[divan::bench(sample_count = 100, sample_size = 1)]
fn record_answer_fsync(bencher: divan::Bencher) {
    let dir = std::env::temp_dir().join(format!("quizdesk-bench-write-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let mut store = match Store::open(&dir) {
        Ok(opened) => opened.store,
        Err(e) => panic!("cannot open the store: {e}"),
    };
    let profile = store
        .create_profile("Writer")
        .map_or_else(|e| panic!("{e}"), |p| p.id);
    let session = store
        .start_session(&NewSession {
            profile,
            deck_id: "bench",
            deck_title: "Bench",
            deck_version: 1,
            practice: false,
            mode: Mode::Quiz,
            seed: 0,
            config_json: "{}".to_owned(),
            started_ms: 0,
        })
        .unwrap_or_else(|e| panic!("{e}"));
    let mut n = 0_u64;
    bencher.bench_local(|| {
        n += 1;
        let question_id = format!("q{n}");
        store
            .record_attempt(&NewAttempt {
                session,
                profile,
                deck_id: "bench",
                question_id: &question_id,
                response_json: "{\"kind\":\"Choice\",\"value\":1}".to_owned(),
                answer_text: "an answer".to_owned(),
                score: 1.0,
                elapsed_ms: 1200,
                answered_ms: 1,
            })
            .unwrap_or_else(|e| panic!("{e}"))
    });
    drop(store);
    let _ = std::fs::remove_dir_all(&dir);
}
