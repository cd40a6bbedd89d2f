//! Snapshot tests: the screens rendered (wgpu on the CPU, Mesa's lavapipe) and compared with the
//! reference images in `tests/snapshots/`, pixel by pixel at egui_kittest's default tolerance
//! and with no pixel allowed to differ beyond it, so a moved button or a changed colour fails.
//!
//! A change to the look updates the references in the same commit
//! (`UPDATE_SNAPSHOTS=1 cargo test --test snapshots`), so a reviewer sees before and after.
//! The clock is stopped and the data folders have fixed paths, so nothing on screen depends on
//! the day or the machine.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use eframe::egui;
use egui_kittest::kittest::Queryable as _;
use egui_kittest::{Harness, SnapshotResults};
use quizdesk::app::{
    Command, LaunchOptions, Prefs, PresentCommand, ProgressCommand, Screen, Stage, StartMode, Theme,
};
use quizdesk::deck::AnswerKind;
use quizdesk::store::SeedPlan;
use quizdesk::ui::Shell;

mod common;

/// 2026-06-01 09:00 UTC: every snapshot's "now".
const CLOCK_MS: i64 = 1_780_304_400_000;

/// The size most snapshots are taken at: the smallest the layouts are made for is 1024x640;
/// the column of content is the same from 900 points up, so this shows it whole in fewer pixels.
const SIZE: egui::Vec2 = egui::vec2(920.0, 640.0);

/// A data folder at the same path on every machine (the library shows it), emptied first.
fn data_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join("quizdesk-snapshots").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn prefs(theme: Theme, text_scale_percent: u32) -> Prefs {
    Prefs {
        theme,
        text_scale_percent,
        window_sized: true,
        ..Prefs::default()
    }
}

fn harness(
    dir: &std::path::Path,
    prefs: Prefs,
    start: StartMode,
    size: egui::Vec2,
) -> Harness<'static, Shell> {
    quizdesk::time::stop_clock_at(CLOCK_MS);
    let options = LaunchOptions {
        data_dir: dir.to_owned(),
        profile: Some("Sam".to_owned()),
        start,
        quit: None,
    };
    let mut harness = Harness::builder()
        .with_size(size)
        // Half the pixels of a screen: the layout, the colours and every control still show,
        // and the references stay a few hundred KB in all.
        .with_pixels_per_point(0.5)
        .wgpu()
        .build_eframe(move |_cc| Shell::with_prefs(prefs, options));
    harness.run_steps(4);
    harness
}

/// A quiz of `deck` in the order `seed` shuffles it to.
fn quiz(deck: &str, seed: u64) -> StartMode {
    StartMode::Quiz {
        deck: deck.to_owned(),
        count: None,
        seed: Some(seed),
    }
}

thread_local! {
    /// The snapshots this test took, to shrink if they were updated.
    static TAKEN: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Runs a few frames, so what a command changed is drawn, then takes the snapshot.
fn snap(harness: &mut Harness<'static, Shell>, name: &str) {
    harness.run_steps(4);
    harness.snapshot(name);
    TAKEN.with(|taken| taken.borrow_mut().push(name.to_owned()));
}

/// Checks the snapshots' results; when they were being updated, re-encodes the references this
/// test wrote without their (opaque) alpha and with the best compression: the same pixels in
/// about half the bytes.
fn finish(results: SnapshotResults) {
    results.unwrap();
    if std::env::var_os("UPDATE_SNAPSHOTS").is_none() {
        return;
    }
    let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    let names = TAKEN.with(|taken| std::mem::take(&mut *taken.borrow_mut()));
    for name in names {
        let path = folder.join(format!("{name}.png"));
        let image = image::open(&path).unwrap().to_rgb8();
        let file = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
        let encoder = image::codecs::png::PngEncoder::new_with_quality(
            file,
            image::codecs::png::CompressionType::Best,
            image::codecs::png::FilterType::Adaptive,
        );
        image.write_with_encoder(encoder).unwrap();
    }
}

fn current_kind(harness: &Harness<'static, Shell>) -> Option<AnswerKind> {
    let quiz = harness.state().quiz()?;
    Some(quiz.session.current_question()?.answer.kind())
}

/// Gives an answer to the current question, the way a learner would with the keyboard.
fn answer(harness: &mut Harness<'static, Shell>, kind: AnswerKind) {
    match kind {
        AnswerKind::Numeric => harness.event(egui::Event::Text("88".to_owned())),
        AnswerKind::Text => harness.event(egui::Event::Text("Jupiter".to_owned())),
        AnswerKind::Words => harness.event(egui::Event::Text("Wonder".to_owned())),
        AnswerKind::Flashcard => {
            harness.key_press(egui::Key::Space);
            harness.run_steps(2);
        }
        AnswerKind::Match => common::match_by_letters(harness, |h| {
            h.run_steps(2);
        }),
        _ => harness.key_press(egui::Key::Num1),
    }
    harness.run_steps(2);
}

#[test]
fn the_library_a_question_of_each_kind_before_and_after_and_the_results() {
    let mut results = SnapshotResults::new();
    let dir = data_dir("quiz");
    let mut harness = harness(&dir, prefs(Theme::Light, 100), StartMode::Library, SIZE);
    snap(&mut harness, "library");

    results.extend_harness(&mut harness);
    let mut harness = self::harness(
        &dir,
        prefs(Theme::Light, 100),
        quiz("sample-every-kind", 7),
        SIZE,
    );
    if harness.state().screen() == Screen::ContentNote {
        harness.get_by_label("Continue").click();
        harness.run_steps(3);
    }
    let mut seen = Vec::new();
    let mut asked = 0;
    while let Some(kind) = current_kind(&harness) {
        asked += 1;
        let at = harness.state().quiz().map(|q| q.session.current_index());
        assert!(
            asked <= 40,
            "the quiz does not move on from {kind:?} (question {at:?})"
        );
        let name = format!("{kind:?}").to_lowercase();
        let first = !seen.contains(&kind);
        if first {
            snap(&mut harness, &format!("question-{name}"));
        }
        answer(&mut harness, kind);
        if kind == AnswerKind::Flashcard {
            // Turned over: "I knew it".
            if first {
                snap(&mut harness, &format!("question-{name}-turned"));
            }
            harness.key_press(egui::Key::Num1);
        } else {
            harness.key_press(egui::Key::Enter);
        }
        harness.run_steps(3);
        if first {
            snap(&mut harness, &format!("question-{name}-answered"));
            seen.push(kind);
        }
        harness.key_press(egui::Key::Enter);
        harness.run_steps(3);
    }
    assert_eq!(harness.state().screen(), Screen::Results);
    assert!(seen.len() >= 10, "every kind was seen: {seen:?}");
    snap(&mut harness, "results");
    results.extend_harness(&mut harness);
    finish(results);
}

/// Starts the awareness deck's quiz on a question with five options (which platforms use
/// encryption), so the snapshots show options and one ticked.
const QUIZ_SEED: u64 = 29;

#[test]
fn the_quiz_in_dark_in_high_contrast_and_at_twice_the_text_size() {
    let mut results = SnapshotResults::new();
    for (name, prefs, size) in [
        ("quiz-dark", prefs(Theme::Dark, 100), SIZE),
        ("quiz-high-contrast", prefs(Theme::HighContrast, 100), SIZE),
        (
            "quiz-text-200",
            prefs(Theme::Light, 200),
            egui::vec2(1024.0, 900.0),
        ),
        ("quiz-text-75", prefs(Theme::Light, 75), SIZE),
    ] {
        let dir = data_dir(name);
        let mut harness = harness(&dir, prefs, quiz("fentanyl-social-media", QUIZ_SEED), size);
        if harness.state().screen() == Screen::ContentNote {
            harness.get_by_label("Continue").click();
            harness.run_steps(3);
        }
        harness.key_press(egui::Key::Num2);
        harness.run_steps(2);
        snap(&mut harness, name);
        results.extend_harness(&mut harness);
    }
    finish(results);
}

#[test]
fn flashcards_front_and_back() {
    let mut results = SnapshotResults::new();
    let dir = data_dir("flashcards");
    let start = StartMode::Study {
        deck: "sample-every-kind".to_owned(),
    };
    let mut harness = harness(&dir, prefs(Theme::Light, 100), start, SIZE);
    if harness.state().screen() == Screen::ContentNote {
        harness.get_by_label("Continue").click();
        harness.run_steps(3);
    }
    assert_eq!(harness.state().screen(), Screen::Study);
    snap(&mut harness, "flashcards-front");
    harness.key_press(egui::Key::Space);
    snap(&mut harness, "flashcards-back");
    results.extend_harness(&mut harness);
    finish(results);
}

#[test]
fn the_editor_settings_and_progress_with_a_history() {
    let mut results = SnapshotResults::new();
    let dir = data_dir("editor");
    let size = egui::vec2(1280.0, 760.0);
    let mut harness = harness(&dir, prefs(Theme::Light, 100), StartMode::Library, size);
    harness
        .get_by_label("Edit: Sample: every question kind")
        .click();
    harness.run_steps(4);
    assert_eq!(harness.state().screen(), Screen::Editor);
    snap(&mut harness, "editor");

    results.extend_harness(&mut harness);
    let mut harness = self::harness(&dir, prefs(Theme::Light, 100), StartMode::Library, SIZE);
    harness.get_by_label("Settings").click();
    snap(&mut harness, "settings");

    let dir = data_dir("progress");
    let deck = quizdesk::deck::bundled_deck("fentanyl-social-media").unwrap();
    let question_ids: Vec<String> = deck.questions().iter().map(|q| q.id.to_string()).collect();
    quizdesk::store::debug_seed_history(
        &dir,
        &SeedPlan {
            profile_name: "Sam",
            deck_id: "fentanyl-social-media",
            deck_title: deck.title(),
            deck_version: deck.version(),
            question_ids: &question_ids,
            sessions: 40,
            answers_per_session: 10,
            reviews_per_card: 3,
            days: 60,
            now_ms: CLOCK_MS,
        },
    )
    .unwrap();
    results.extend_harness(&mut harness);
    let mut harness = self::harness(
        &dir,
        prefs(Theme::Light, 100),
        StartMode::Library,
        egui::vec2(1024.0, 1000.0),
    );
    harness
        .state_mut()
        .push(Command::Progress(ProgressCommand::Open(
            quizdesk::stats::Scope::All,
        )));
    common::wait_for_label(&mut harness, "Export my results");
    snap(&mut harness, "progress");
    results.extend_harness(&mut harness);
    finish(results);
}

#[test]
fn class_results_from_students_files() {
    let mut results = SnapshotResults::new();
    let dir = data_dir("class");
    let files = dir.join("results");
    std::fs::create_dir_all(&files).unwrap();
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/class");
    for name in ["ann.json", "cy.json", "lab-computer.json"] {
        std::fs::copy(fixtures.join(name), files.join(name)).unwrap();
    }
    let mut harness = harness(
        &dir,
        prefs(Theme::Light, 100),
        StartMode::Library,
        egui::vec2(1024.0, 1000.0),
    );
    harness.get_by_label("Class results").click();
    harness.run_steps(3);
    harness.get_by_label("Results file or folder:").click();
    harness.run_steps(2);
    harness
        .get_by_label("Results file or folder:")
        .type_text(&files.display().to_string());
    harness.run_steps(2);
    harness.get_by_label("Add files or folder").click();
    snap(&mut harness, "class");
    results.extend_harness(&mut harness);
    finish(results);
}

#[test]
fn present_title_question_reveal_and_summary() {
    let mut results = SnapshotResults::new();
    let dir = data_dir("present");
    let start = StartMode::Present {
        deck: "fentanyl-social-media".to_owned(),
        live_port: None,
    };
    let size = egui::vec2(960.0, 540.0);
    let mut harness = harness(&dir, prefs(Theme::Light, 100), start, size);
    assert_eq!(harness.state().screen(), Screen::Present);
    snap(&mut harness, "present-title");
    for (name, stage) in [
        (
            "present-question",
            Stage::Question {
                n: 0,
                revealed: false,
            },
        ),
        (
            "present-reveal",
            Stage::Question {
                n: 0,
                revealed: true,
            },
        ),
        ("present-summary", Stage::Summary),
    ] {
        harness
            .state_mut()
            .push(Command::Present(PresentCommand::Go(stage)));
        snap(&mut harness, name);
        results.extend_harness(&mut harness);
    }
    finish(results);
}
