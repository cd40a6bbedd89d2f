//! The app's costs that a learner feels: starting, drawing a quiz frame, saving an answer.
//!
//! Run with `cargo bench --bench app`. Targets (issue 3): a quiz frame under 1 ms of CPU, saving
//! an answer under 5 ms. The start from exec to the first frames is measured in
//! `benches/startup.rs`.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use eframe::egui;
use egui_kittest::Harness;
use quizdesk::app::{LaunchOptions, Prefs, StartMode};
use quizdesk::store::{Mode, NewAttempt, NewSession, Store};
use quizdesk::ui::Shell;

mod common;

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
        common::seed_answers(&dir, "Bench", 1_000, 100);
        dir
    })
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
                quit: None,
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
        quit: None,
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
