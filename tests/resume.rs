//! A quiz left half-way is offered again in the library, picks up where it was left (also after
//! a restart), keeps its answers in one session, and a new quiz can still be started instead.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use quizdesk::app::{Screen, StartMode};
use quizdesk::store::Store;
use quizdesk::ui::Shell;

mod common;
use common::{TempDir, settle};

/// A deck `trio` of three true-or-false questions, "First?", "Second?" and "Third?".
fn write_trio(dir: &TempDir) {
    std::fs::create_dir_all(dir.0.join("decks")).unwrap();
    let question = |id: &str, prompt: &str| {
        format!(r#"Question(id: "{id}", prompt: "{prompt}", answer: TrueFalse(correct: true))"#)
    };
    let text = format!(
        r#"Deck(id: "trio", title: "Trio", description: "", language: "en", authors: [], version: 1,
        questions: [{}, {}, {}])"#,
        question("a", "First?"),
        question("b", "Second?"),
        question("c", "Third?"),
    );
    std::fs::write(dir.0.join("decks/trio.ron"), text).unwrap();
}

/// Starting a quiz of `trio` with a fixed seed, as the command line asks.
fn trio_quiz() -> StartMode {
    StartMode::Quiz {
        deck: "trio".to_owned(),
        count: None,
        seed: Some(3),
    }
}

fn harness(dir: &TempDir, start: StartMode) -> Harness<'static, Shell> {
    common::app_harness(dir, Some("Robin"), start, egui::vec2(1024.0, 1600.0))
}

/// The prompt on screen, of the three.
fn prompt_shown(harness: &Harness<'static, Shell>) -> &'static str {
    let shown: Vec<&'static str> = ["First?", "Second?", "Third?"]
        .into_iter()
        .filter(|p| harness.query_by_label(p).is_some())
        .collect();
    assert_eq!(shown.len(), 1, "one prompt on screen: {shown:?}");
    shown[0]
}

/// Answers the question on screen "True" and goes on from its feedback.
fn answer_true(harness: &mut Harness<'static, Shell>, then: &str) -> &'static str {
    let prompt = prompt_shown(harness);
    harness.get_by_label_contains("True").click();
    settle(harness);
    harness.get_by_label("Submit").click();
    settle(harness);
    harness.get_by_label(then).click();
    settle(harness);
    prompt
}

#[test]
fn a_quiz_left_half_way_is_continued_after_a_restart_and_finishes_in_one_session() {
    let dir = TempDir::new("resume");
    write_trio(&dir);
    let quiz = trio_quiz();
    let mut asked = Vec::new();
    {
        let mut harness = harness(&dir, quiz);
        settle(&mut harness);
        assert_eq!(harness.state().screen(), Screen::Quiz);
        asked.push(answer_true(&mut harness, "Next question"));
        // Left after one of three: the library offers to continue it, as its main action.
        harness.get_by_label("Leave the quiz").click();
        settle(&mut harness);
        assert_eq!(harness.state().screen(), Screen::Library);
        // In the same window it picks up the quiz still open.
        harness
            .get_by_label("Continue: Trio, 1 of 3 answered")
            .click();
        settle(&mut harness);
        assert_eq!(harness.state().screen(), Screen::Quiz);
        let second = prompt_shown(&harness);
        assert!(!asked.contains(&second), "a question not asked yet");
        asked.push(answer_true(&mut harness, "Next question"));
        harness.get_by_label("Leave the quiz").click();
        settle(&mut harness);
        harness.get_by_label("Continue: Trio, 2 of 3 answered");
    }
    // After a restart the stored session is rebuilt: the last question is next.
    {
        let mut harness = harness(&dir, StartMode::Library);
        settle(&mut harness);
        harness
            .get_by_label("Continue: Trio, 2 of 3 answered")
            .click();
        settle(&mut harness);
        assert_eq!(harness.state().screen(), Screen::Quiz);
        asked.push(answer_true(&mut harness, "See the results"));
        assert_eq!(harness.state().screen(), Screen::Results);
        harness.get_by_label("Back to the library").click();
        settle(&mut harness);
        assert!(harness.query_by_label_contains("Continue").is_none());
        harness.get_by_label_contains("best 100%");
    }
    let mut sorted = asked.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, ["First?", "Second?", "Third?"], "each asked once");
    let store = Store::open(&dir.0).unwrap().store;
    let sessions = store.history(None).unwrap();
    assert_eq!(sessions.len(), 1, "one session: {sessions:?}");
    assert!(sessions[0].finished_ms.is_some());
    assert_eq!(sessions[0].attempts.len(), 3);
}

#[test]
fn a_new_quiz_can_be_started_instead_and_the_old_one_is_no_longer_offered() {
    let dir = TempDir::new("resume-afresh");
    write_trio(&dir);
    let quiz = trio_quiz();
    let mut harness = harness(&dir, quiz);
    settle(&mut harness);
    answer_true(&mut harness, "Next question");
    harness.get_by_label("Leave the quiz").click();
    settle(&mut harness);
    harness.get_by_label("Continue: Trio, 1 of 3 answered");
    harness.get_by_label("Quiz: Trio").click();
    settle(&mut harness);
    assert_eq!(harness.state().screen(), Screen::QuizSetup);
    harness.get_by_label_contains("Start").click();
    settle(&mut harness);
    assert_eq!(harness.state().screen(), Screen::Quiz);
    answer_true(&mut harness, "Next question");
    harness.get_by_label("Leave the quiz").click();
    settle(&mut harness);
    // The new quiz is the one offered; the first is left behind.
    harness.get_by_label("Continue: Trio, 1 of 3 answered");
    let sessions = harness.state().store().unwrap().history(None).unwrap();
    assert_eq!(sessions.len(), 2);
}
