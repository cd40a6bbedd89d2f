//! The controller driven without a window: commands in, state and window effects out.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use super::*;
use crate::quiz::Response;

/// A data folder with one deck, `one`, of one true-or-false question; deleted when dropped.
struct DataDir(PathBuf);

impl DataDir {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("quizdesk-app-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("decks")).unwrap();
        std::fs::write(
            dir.join("decks/one.ron"),
            r#"Deck(id: "one", title: "One", description: "", language: "en", authors: [], version: 1,
            questions: [Question(id: "q", prompt: "True?", answer: TrueFalse(correct: true))])"#,
        )
        .unwrap();
        Self(dir)
    }

    fn app(&self, start: StartMode) -> App {
        let mut app = App::new(
            Prefs::default(),
            LaunchOptions {
                data_dir: self.0.clone(),
                profile: Some("Tester".to_owned()),
                start,
                quit: None,
            },
        );
        app.wait_for_start_up();
        app
    }
}

impl Drop for DataDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn frame(app: &mut App, now_s: f64) -> Vec<WindowEffect> {
    app.begin_frame(FrameInput {
        now_s,
        close_requested: false,
    })
}

#[test]
fn the_answer_time_runs_from_when_the_app_showed_the_question() {
    let dir = DataDir::new("timer");
    let mut app = dir.app(StartMode::Library);
    frame(&mut app, 3.0);
    let key = app.deck_with_id("one").unwrap().key();
    app.apply(Command::Quiz(QuizCommand::Start(
        key,
        crate::quiz::QuizConfig::default(),
    )));
    assert_eq!(app.screen(), Screen::Quiz);
    // No screen drew the question: the clock started when the quiz did.
    frame(&mut app, 5.5);
    app.apply(Command::Quiz(QuizCommand::Submit(
        0,
        Response::TrueFalse(true),
    )));
    let sessions = app.store().unwrap().history(None).unwrap();
    assert_eq!(sessions.len(), 1);
    assert_eq!(sessions[0].attempts.len(), 1);
    assert_eq!(sessions[0].attempts[0].elapsed_ms, 2500);
}

#[test]
fn presenting_asks_the_window_for_full_screen_and_back() {
    let dir = DataDir::new("present");
    let mut app = dir.app(StartMode::Library);
    frame(&mut app, 0.0);
    let key = app.deck_with_id("one").unwrap().key();
    assert_eq!(
        app.apply(Command::Present(PresentCommand::Start(key, None))),
        vec![WindowEffect::Fullscreen(true)]
    );
    assert_eq!(app.screen(), Screen::Present);
    assert_eq!(
        app.apply(Command::Present(PresentCommand::Leave)),
        vec![WindowEffect::Fullscreen(false)]
    );
    assert_eq!(app.screen(), Screen::Library);
}

#[test]
fn closing_with_unsaved_edits_is_held_back_and_asks() {
    let dir = DataDir::new("close");
    let mut app = dir.app(StartMode::Library);
    frame(&mut app, 0.0);
    app.apply(Command::Editor(EditorCommand::Open(None)));
    let mut deck = app.editor_deck().unwrap().clone();
    deck.title = "Changed".to_owned();
    app.apply(Command::Editor(EditorCommand::Edit(
        Box::new(deck),
        Default::default(),
    )));
    let effects = app.begin_frame(FrameInput {
        now_s: 1.0,
        close_requested: true,
    });
    assert!(effects.contains(&WindowEffect::CancelClose), "{effects:?}");
    assert_eq!(app.editor().unwrap().confirm_close, Some(Screen::Library));
    // "Close without saving" then closes the window.
    assert_eq!(
        app.apply(Command::Editor(EditorCommand::DiscardAndLeave(
            Screen::Library
        ))),
        vec![WindowEffect::Close]
    );
}

#[test]
fn a_deck_key_follows_its_file_and_id_across_reloads() {
    let dir = DataDir::new("keys");
    let mut app = dir.app(StartMode::Library);
    let key = app.deck_with_id("one").unwrap().key();
    // A deck that sorts first arrives; the key still names "one".
    std::fs::write(
        dir.0.join("decks/a.ron"),
        r#"Deck(id: "a", title: "A", description: "", language: "en", authors: [], version: 1,
        questions: [Question(id: "q", prompt: "A?", answer: TrueFalse(correct: true))])"#,
    )
    .unwrap();
    app.apply(Command::Library(LibraryCommand::Reload));
    assert_eq!(app.library_deck(&key).unwrap().id().as_str(), "one");
    // The file now holds another deck (its id changed): the key names nothing.
    std::fs::write(
        dir.0.join("decks/one.ron"),
        r#"Deck(id: "other", title: "Other", description: "", language: "en", authors: [], version: 1,
        questions: [Question(id: "q", prompt: "O?", answer: TrueFalse(correct: true))])"#,
    )
    .unwrap();
    app.apply(Command::Library(LibraryCommand::Reload));
    assert!(app.library_deck(&key).is_none());
    // Asked for, a deck that is gone is said to be gone, and nothing starts.
    app.apply(Command::Quiz(QuizCommand::Start(
        key,
        crate::quiz::QuizConfig::default(),
    )));
    assert!(app.quiz().is_none());
    assert!(
        app.notices()
            .iter()
            .any(|n| n.text.contains("no longer in the library"))
    );
}
