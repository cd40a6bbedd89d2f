//! The Stats screen driven like a person would: opened for a profile with a history, its charts
//! and tables found by their accessible labels, a deck chosen, the hardest question practised,
//! the results exported for a teacher, and FSRS's parameters fitted to the profile's reviews.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;

use eframe::egui;
use eframe::egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use quizdesk::app::{Screen, StartMode};
use quizdesk::class::ResultsFile;
use quizdesk::store::{Mode, SeedPlan};
use quizdesk::ui::Shell;

mod common;
use common::{TempDir, settle};

fn harness(dir: &TempDir, profile: &str) -> Harness<'static, Shell> {
    common::app_harness(
        dir,
        Some(profile),
        StartMode::Library,
        egui::vec2(1024.0, 4000.0),
    )
}

/// Opens the Progress screen from the library and waits for the history to be read (it is read
/// on a worker thread; the window shows a spinner meanwhile).
fn open_progress(harness: &mut Harness<'static, Shell>) {
    harness.get_by_label("Progress").click();
    harness.run_steps(1);
    assert_eq!(harness.state().screen(), Screen::Stats);
    // "Export my results" is there once the screen is (a spinner shows meanwhile).
    common::wait_for_label(harness, "Export my results");
    settle(harness);
}

/// `sessions` quizzes of 10 answers and 6 reviews of every card of a bundled deck, for `profile`.
fn seed(dir: &TempDir, profile: &str, deck_id: &str, sessions: usize, days: u32) {
    let deck = quizdesk::deck::bundled_deck(deck_id).unwrap();
    let question_ids: Vec<String> = deck.questions().iter().map(|q| q.id.to_string()).collect();
    quizdesk::store::debug_seed_history(
        &dir.0,
        &SeedPlan {
            profile_name: profile,
            deck_id,
            deck_title: deck.title(),
            deck_version: deck.version(),
            question_ids: &question_ids,
            sessions,
            answers_per_session: 10,
            reviews_per_card: 6,
            days,
            now_ms: quizdesk::time::now_ms(),
        },
    )
    .unwrap();
}

/// The hardest quiz question of the profile, worked out from the raw history (not from the
/// totals the screen reads): lowest mean score, then most answers, then id.
fn hardest_from_history(harness: &Harness<'static, Shell>, deck_id: &str) -> String {
    let history = harness.state().store().unwrap().history(None).unwrap();
    let mut totals: HashMap<String, (f64, u32)> = HashMap::new();
    for session in history
        .iter()
        .filter(|s| s.mode == Mode::Quiz && s.deck_id == deck_id)
    {
        for attempt in &session.attempts {
            let entry = totals.entry(attempt.question_id.clone()).or_default();
            entry.0 += attempt.score;
            entry.1 += 1;
        }
    }
    let mut ranked: Vec<(String, f64, u32)> = totals
        .into_iter()
        .map(|(id, (sum, n))| (id, sum / f64::from(n), n))
        .collect();
    ranked.sort_by(|a, b| {
        a.1.total_cmp(&b.1)
            .then(b.2.cmp(&a.2))
            .then_with(|| a.0.cmp(&b.0))
    });
    ranked[0].0.clone()
}

#[test]
fn stats_screen_shows_charts_and_tables_then_practises_the_hardest_question() {
    let dir = TempDir::new("stats-screen");
    seed(&dir, "Sam", "fentanyl-social-media", 30, 60);
    seed(&dir, "Sam", "sample-every-kind", 5, 20);
    let mut harness = harness(&dir, "Sam");

    open_progress(&mut harness);
    assert_eq!(harness.state().screen(), Screen::Stats);
    harness.get_by_label("Progress of Sam");
    // All decks: 35 quizzes on the chart, with the best marked.
    harness.get_by_label_contains("Score over time chart: 35 quizzes, Best score: ");
    for label in [
        "Current streak",
        "Answers given",
        "Days studied",
        "Time studied",
        "Time per session",
        "Questions, hardest first",
        "Study days",
        "Flashcards",
        "Your schedule",
    ] {
        harness.get_by_label(label);
    }
    harness.get_by_label_contains("Study calendar: ");
    harness.get_by_label_contains("Cards by state: 0 new, ");
    harness.get_by_label_contains("Cards due in the next 30 days chart: ");
    harness.get_by_label_contains("Measured retention: ");
    harness.get_by_label_contains("Retention by week chart: ");
    // The hardest ten, each with its practice button, and the rest a click away.
    assert_eq!(harness.get_all_by_label_contains("Practise: ").count(), 10);
    // Every question of both seeded decks has answers.
    let questions: usize = ["fentanyl-social-media", "sample-every-kind"]
        .iter()
        .map(|id| quizdesk::deck::bundled_deck(id).map_or(0, |d| d.questions().len()))
        .sum();
    harness.get_by_label(&format!("10 of {questions} questions."));
    harness.get_by_label("Show 50 more").click();
    settle(&mut harness);
    assert_eq!(harness.get_all_by_label_contains("Practise: ").count(), 60);
    // Below the fold now: scrolled to, as a person would.
    harness.get_by_label("Show fewer").scroll_to_me();
    settle(&mut harness);
    harness.get_by_label("Show fewer").click();
    settle(&mut harness);
    assert_eq!(harness.get_all_by_label_contains("Practise: ").count(), 10);

    // One deck: the chart and the table follow the choice.
    harness.get_by_label("Deck:").click();
    settle(&mut harness);
    harness
        .get_by_role_and_label(Role::Button, "Fentanyl and social media")
        .click();
    settle(&mut harness);
    harness.get_by_label_contains("Score over time chart: 30 quizzes, ");
    assert!(
        harness
            .query_by_label("Sample: every question kind")
            .is_none()
    );

    // The first question of the table is the hardest one of the raw history.
    let hardest = hardest_from_history(&harness, "fentanyl-social-media");
    let deck = quizdesk::deck::bundled_deck("fentanyl-social-media").unwrap();
    let prompt = deck
        .questions()
        .iter()
        .find(|q| q.id.as_str() == hardest)
        .unwrap()
        .prompt
        .clone();
    let first = harness
        .get_all_by_label_contains("Practise: ")
        .next()
        .unwrap()
        .accesskit_node()
        .label()
        .unwrap_or_default();
    assert_eq!(first, format!("Practise: {prompt}"));

    // Practise it: the content note first (this profile never saw it), then that one question.
    harness.get_by_label(&format!("Practise: {prompt}")).click();
    settle(&mut harness);
    assert_eq!(harness.state().screen(), Screen::ContentNote);
    harness.key_press(egui::Key::Enter);
    settle(&mut harness);
    assert_eq!(harness.state().screen(), Screen::Quiz);
    harness.get_by_label(&prompt);
}

#[test]
fn results_are_exported_for_the_teacher_as_a_results_file() {
    let dir = TempDir::new("stats-export");
    seed(&dir, "Ana Lucía", "sample-every-kind", 4, 10);
    let mut harness = harness(&dir, "Ana Lucía");
    open_progress(&mut harness);
    harness.get_by_label("Export my results").click();
    settle(&mut harness);

    let exports = common::exported_files(&dir);
    assert_eq!(exports.len(), 1);
    let name = exports[0]
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    assert!(name.starts_with("results-Ana-Lucía-"), "{name}");
    common::notice(
        &harness,
        &format!("were written to {}", exports[0].display()),
    );
    let file: ResultsFile = serde_json::from_slice(&std::fs::read(&exports[0]).unwrap()).unwrap();
    assert_eq!(file.format, "quizdesk-results");
    let store = harness.state().store().unwrap();
    assert_eq!(file.install_id, store.install_id().unwrap());
    assert_eq!(file.sessions, store.history(None).unwrap());
    // 4 quizzes and the study session.
    assert_eq!(file.sessions.len(), 5);
    assert!(file.sessions.iter().all(|s| s.profile_name == "Ana Lucía"));
    assert!(file.sessions.iter().all(|s| s.deck_version == Some(1)));
}

#[test]
fn a_new_profile_is_told_how_to_get_started() {
    let dir = TempDir::new("stats-empty");
    let mut harness = harness(&dir, "Noor");
    open_progress(&mut harness);
    harness.get_by_label_contains("Nothing here yet.");
    harness.key_press(egui::Key::Escape);
    settle(&mut harness);
    assert_eq!(harness.state().screen(), Screen::Library);
}

#[test]
fn fsrs_parameters_are_fitted_to_the_reviews_and_used() {
    let dir = TempDir::new("stats-fsrs");
    seed(&dir, "Sam", "fentanyl-social-media", 2, 90);
    let mut harness = harness(&dir, "Sam");
    open_progress(&mut harness);
    harness.get_by_label("Flashcards are scheduled with FSRS's default parameters.");
    harness.get_by_label("Optimize my schedule").click();
    settle(&mut harness);

    // Fitting runs on a worker thread; the screen shows the result when it comes.
    let mut waited_ms = 0;
    while harness.query_by_label("Keep the current ones").is_none() {
        assert!(waited_ms < 60_000, "the optimizer did not finish");
        std::thread::sleep(std::time::Duration::from_millis(50));
        waited_ms += 50;
        harness.run_steps(1);
    }
    settle(&mut harness);
    harness.get_by_label("Prediction error (RMSE)");
    harness.get_by_label("Log loss");
    let use_button = harness
        .query_by_label("Use the fitted parameters")
        .or_else(|| harness.query_by_label("Use them anyway"))
        .expect("a button to use the fitted parameters");
    use_button.click();
    settle(&mut harness);

    let store = harness.state().store().unwrap();
    let profile = store.profile_by_name("Sam").unwrap().unwrap();
    let stored = store.fsrs_parameters(profile.id).unwrap().unwrap();
    assert_eq!(stored.parameters.len(), 21);
    assert!(stored.parameters.iter().all(|p| p.is_finite()));
    harness.get_by_label_contains("Flashcards are scheduled with parameters fitted on ");

    // Back to the defaults.
    harness.get_by_label("Use FSRS's defaults again").click();
    settle(&mut harness);
    let store = harness.state().store().unwrap();
    assert_eq!(store.fsrs_parameters(profile.id).unwrap(), None);
}
