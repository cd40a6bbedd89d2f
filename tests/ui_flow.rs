//! The real app struct driven like a person would: by keyboard and by clicking widgets found by
//! their accessible labels, through a whole quiz and a flashcard session, then the stored scores
//! are read back.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use quizdesk::app::{LaunchOptions, Screen, StartMode};
use quizdesk::ui::Shell;

mod common;
use common::{TempDir, settle};

fn harness(dir: &TempDir, profile: Option<&str>, start: StartMode) -> Harness<'static, Shell> {
    common::app_harness(dir, profile, start, egui::vec2(1024.0, 2400.0))
}

#[test]
fn first_start_creates_a_profile_by_typing_a_name() {
    let dir = TempDir::new("profile");
    let mut harness = harness(&dir, None, StartMode::Library);
    assert_eq!(harness.state().screen(), Screen::Profiles);
    harness.get_by_label("Name:").click();
    settle(&mut harness);
    harness.get_by_label("Name:").type_text("Sam");
    settle(&mut harness);
    harness.key_press(egui::Key::Enter);
    settle(&mut harness);
    assert_eq!(harness.state().screen(), Screen::Library);
    assert_eq!(
        harness.state().profile().map(|p| p.name.as_str()),
        Some("Sam")
    );
    // The library lists the bundled decks.
    harness.get_by_label("Fentanyl and social media");
    let store = harness.state().store().unwrap();
    assert_eq!(store.profiles().unwrap().len(), 1);
}

#[test]
fn content_note_comes_first_then_a_keyboard_quiz_is_stored_answer_by_answer() {
    let dir = TempDir::new("quiz");
    let mut harness = harness(
        &dir,
        Some("Alex"),
        StartMode::Quiz {
            deck: "fentanyl-social-media".to_owned(),
            count: Some(5),
            seed: Some(7),
        },
    );
    // The deck discusses deaths: its note is shown before the first question.
    assert_eq!(harness.state().screen(), Screen::ContentNote);
    harness.key_press(egui::Key::Enter);
    settle(&mut harness);
    assert_eq!(harness.state().screen(), Screen::Quiz);

    for answered in 1..=5 {
        answer_current_question_by_keyboard(&mut harness);
        // Feedback after each question, then Enter moves on.
        harness.key_press(egui::Key::Enter);
        settle(&mut harness);
        let stored = stored_attempts(&harness);
        assert_eq!(stored, answered, "every answer is stored when it is given");
    }
    assert_eq!(harness.state().screen(), Screen::Results);
    harness.get_by_label("Your answers");
    // The deck's resources (the tips for parents) close the results.
    harness.get_by_label("Where to learn more");

    // The note is not shown again to the same profile.
    harness.key_press(egui::Key::Escape);
    settle(&mut harness);
    assert_eq!(harness.state().screen(), Screen::Library);
}

/// Answers whatever the current question is with the keyboard alone.
#[test]
fn a_resource_link_opens_in_the_browser_and_a_failure_is_said() {
    let dir = TempDir::new("links");
    let mut harness = harness(
        &dir,
        Some("Alex"),
        StartMode::Quiz {
            deck: "fentanyl-social-media".to_owned(),
            count: Some(1),
            seed: Some(7),
        },
    );
    let opened = std::rc::Rc::new(std::cell::RefCell::new(Vec::<String>::new()));
    let record = opened.clone();
    harness
        .state_mut()
        .set_link_opener(Box::new(move |url: &str| {
            record.borrow_mut().push(url.to_owned());
            Ok(())
        }));
    harness.key_press(egui::Key::Enter);
    settle(&mut harness);
    answer_current_question_by_keyboard(&mut harness);
    harness.key_press(egui::Key::Enter);
    settle(&mut harness);
    assert_eq!(harness.state().screen(), Screen::Results);

    let link = "https://www.sdpdatf.org/community-parent-fentanyl-toolkit";
    harness.get_by_label(link).click();
    settle(&mut harness);
    assert_eq!(*opened.borrow(), [link]);
    assert!(harness.state().notices().is_empty());

    // No browser: the user is told, with the link to copy.
    harness.state_mut().set_link_opener(Box::new(|_: &str| {
        Err(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            "no browser found",
        ))
    }));
    harness.get_by_label(link).click();
    settle(&mut harness);
    common::notice(
        &harness,
        "could not open a web browser for https://www.sdpdatf.org",
    );
}

fn answer_current_question_by_keyboard(harness: &mut Harness<'static, Shell>) {
    let kind = harness
        .state()
        .current_answer_kind()
        .expect("a question is shown");
    match kind {
        "Numeric" => {
            harness.get_by_label("Your answer:").type_text("100");
            settle(harness);
            harness.key_press(egui::Key::Enter);
        }
        "Text" => {
            harness.get_by_label("Your answer:").type_text("Signal");
            settle(harness);
            harness.key_press(egui::Key::Enter);
        }
        "Words" => {
            harness.get_by_label("Your words:").type_text("Wonder");
            settle(harness);
            harness.key_press(egui::Key::Enter);
        }
        "Flashcard" => {
            harness.key_press(egui::Key::Space);
            settle(harness);
            harness.key_press(egui::Key::Num1);
        }
        "Match" => {
            common::match_by_letters(harness, settle);
            harness.key_press(egui::Key::Enter);
        }
        // Single choice, true/false, multi-select, poll: option 1. Order: submit as shown.
        _ => {
            harness.key_press(egui::Key::Num1);
            settle(harness);
            harness.key_press(egui::Key::Enter);
        }
    }
    settle(harness);
    assert_ne!(
        harness.state().current_phase_name(),
        Some("Answering"),
        "the answer to a {kind} question was taken"
    );
}

/// Continues past a deck's content note (shown the first time a profile opens the deck) with
/// Enter, if it is on screen.
fn past_content_note(harness: &mut Harness<'static, Shell>) {
    if harness.state().screen() == Screen::ContentNote {
        harness.key_press(egui::Key::Enter);
        settle(harness);
    }
}

fn stored_attempts(harness: &Harness<'static, Shell>) -> usize {
    let store = harness.state().store().unwrap();
    store
        .history(None)
        .unwrap()
        .iter()
        .map(|s| s.attempts.len())
        .sum()
}

#[test]
fn a_quiz_can_be_answered_with_the_mouse_and_retried() {
    let dir = TempDir::new("mouse");
    let mut harness = harness(
        &dir,
        Some("Robin"),
        StartMode::Quiz {
            deck: "sample-every-kind".to_owned(),
            count: None,
            seed: Some(1),
        },
    );
    if harness.state().screen() == Screen::ContentNote {
        harness.get_by_label("Continue").click();
        settle(&mut harness);
    }
    assert_eq!(harness.state().screen(), Screen::Quiz);
    // Leave every question unanswered by running out of patience: submit "True"/first option
    // where there are options, otherwise type something wrong.
    while harness.state().screen() == Screen::Quiz {
        answer_current_question_by_keyboard(&mut harness);
        let next = if harness.query_by_label("Next question").is_some() {
            "Next question"
        } else {
            "See the results"
        };
        harness.get_by_label(next).click();
        settle(&mut harness);
    }
    assert_eq!(harness.state().screen(), Screen::Results);
    let before = stored_attempts(&harness);
    if let Some(retry) = harness.query_by_label_contains("I missed") {
        retry.click();
        settle(&mut harness);
        assert_eq!(harness.state().screen(), Screen::Quiz);
    }
    assert!(before > 0);
}

#[test]
fn flashcards_show_the_back_then_grade_and_schedule() {
    let dir = TempDir::new("cards");
    let mut harness = harness(
        &dir,
        Some("Kim"),
        StartMode::Study {
            deck: "sample-every-kind".to_owned(),
        },
    );
    past_content_note(&mut harness);
    assert_eq!(harness.state().screen(), Screen::Study);
    // Space shows the back; 3 grades it Good.
    harness.key_press(egui::Key::Space);
    settle(&mut harness);
    harness.get_by_label_contains("Good");
    harness.key_press(egui::Key::Num3);
    settle(&mut harness);
    // Clicking works as well: show the back, then "Again".
    harness.get_by_label("Show the answer").click();
    settle(&mut harness);
    harness.get_by_label_contains("Again").click();
    settle(&mut harness);

    let store = harness.state().store().unwrap();
    let profile = harness.state().profile().unwrap().id;
    let cards = store.card_states(profile, "sample-every-kind").unwrap();
    assert_eq!(cards.len(), 2, "both reviewed cards are scheduled");
    let reviews: usize = store
        .history(Some(profile))
        .unwrap()
        .iter()
        .map(|s| s.attempts.len())
        .sum();
    assert_eq!(reviews, 2, "every review is stored");
}

#[test]
fn a_broken_deck_stays_in_the_library_with_its_diagnostic() {
    let dir = TempDir::new("broken");
    let decks = dir.0.join("decks");
    std::fs::create_dir_all(&decks).unwrap();
    std::fs::write(
        decks.join("broken.ron"),
        "Deck(\n    id: \"broken\",\n    titel: \"Oops\",\n)\n",
    )
    .unwrap();
    let mut harness = harness(&dir, Some("Lee"), StartMode::Library);
    settle(&mut harness);
    harness.get_by_label("broken.ron cannot be opened");
    harness.get_by_label_contains("3:5: error: unknown field `titel` in `Deck`");
}

#[test]
fn a_mistake_on_a_ten_megabyte_line_is_shown_as_a_short_snippet() {
    let dir = TempDir::new("longline");
    let decks = dir.0.join("decks");
    std::fs::create_dir_all(&decks).unwrap();
    let text = format!(
        "Deck(id: \"long\", title: \"Long\", description: \"\", language: \"en\", authors: [], \
         version: 1, questions: [Question(id: \"q\", prompt: \"{}\" answer: Flashcard(back: \"b\"))])",
        "x".repeat(10_000_000)
    );
    std::fs::write(decks.join("long.ron"), text).unwrap();
    let mut harness = harness(&dir, Some("Lee"), StartMode::Library);
    settle(&mut harness);
    harness.get_by_label("long.ron cannot be opened");
    let snippet = harness.get_by_label_contains("error: expected a comma");
    let node = snippet.accesskit_node();
    let shown = node.label().or(node.value()).unwrap_or_default();
    assert!(shown.len() < 1_000, "{} bytes shown", shown.len());
    assert!(shown.contains("...xxxx"), "shown: {shown:?}");
}

#[test]
fn settings_change_the_theme_and_text_size() {
    let dir = TempDir::new("settings");
    let mut harness = harness(&dir, Some("Pat"), StartMode::Library);
    harness.get_by_label("Settings").click();
    settle(&mut harness);
    assert_eq!(harness.state().screen(), Screen::Settings);
    harness.get_by_label("High contrast").click();
    settle(&mut harness);
    assert_eq!(harness.state().theme_name(), "High contrast");
    harness.key_press(egui::Key::Escape);
    settle(&mut harness);
    assert_eq!(harness.state().screen(), Screen::Library);
}

#[test]
fn every_character_of_the_bundled_decks_has_a_glyph() {
    let harness = Harness::new_ui(|_ui| {});
    let ctx = &harness.ctx;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("decks");
    let (files, _) = quizdesk::deck::find_deck_files(&root);
    let mut missing = std::collections::BTreeSet::new();
    for file in files {
        let deck = quizdesk::deck::load_deck(&file).unwrap();
        // Everything the app can show of a deck, as JSON text: prompts, options, explanations…
        let text = serde_json::to_string(&deck).unwrap();
        ctx.fonts_mut(|fonts| {
            for c in text.chars().filter(|c| !c.is_control()) {
                if !fonts.has_glyph(&egui::FontId::proportional(18.0), c) {
                    missing.insert(c);
                }
            }
        });
    }
    assert!(missing.is_empty(), "no glyph for {missing:?}");
}

#[test]
fn an_answer_that_cannot_be_saved_is_kept_retried_and_then_saved() {
    let dir = TempDir::new("diskfull");
    let mut harness = harness(
        &dir,
        Some("Jo"),
        StartMode::Quiz {
            deck: "sample-every-kind".to_owned(),
            count: Some(2),
            seed: Some(5),
        },
    );
    past_content_note(&mut harness);
    // The disk refuses writes (as when it is full or read-only).
    harness
        .state()
        .store()
        .unwrap()
        .debug_set_query_only(true)
        .unwrap();
    answer_current_question_by_keyboard(&mut harness);
    assert_eq!(harness.state().store().unwrap().pending_count(), 1);
    common::notice(&harness, "1 answer is not saved yet");
    assert_eq!(stored_attempts(&harness), 0);
    // The app keeps going, and once writes work again the answer is written.
    harness
        .state()
        .store()
        .unwrap()
        .debug_set_query_only(false)
        .unwrap();
    settle(&mut harness);
    assert_eq!(harness.state().store().unwrap().pending_count(), 0);
    assert_eq!(stored_attempts(&harness), 1);
    common::notice(&harness, "Every answer is saved now.");
}

#[test]
fn a_quiz_started_on_a_read_only_store_keeps_every_answer_until_it_can_be_saved() {
    let dir = TempDir::new("readonly-start");
    let mut harness = harness(
        &dir,
        Some("Jo"),
        StartMode::Quiz {
            deck: "sample-every-kind".to_owned(),
            count: Some(3),
            seed: Some(5),
        },
    );
    // The store refuses writes before the quiz (and its session) starts.
    harness
        .state()
        .store()
        .unwrap()
        .debug_set_query_only(true)
        .unwrap();
    past_content_note(&mut harness);
    for _ in 0..3 {
        answer_current_question_by_keyboard(&mut harness);
        settle(&mut harness);
        if harness.state().screen() == Screen::Quiz {
            harness.key_press(egui::Key::Enter);
            settle(&mut harness);
        }
    }
    assert_eq!(harness.state().screen(), Screen::Results);
    assert_eq!(stored_attempts(&harness), 0);
    assert_eq!(harness.state().store().unwrap().pending_answers(), 3);
    // One notice for everything that waits, with the count and the cause; no advice to start
    // again.
    let notices: Vec<&str> = harness
        .state()
        .notices()
        .iter()
        .map(|n| n.text.as_str())
        .filter(|text| text.contains("not saved yet"))
        .collect();
    assert_eq!(notices.len(), 1, "{notices:#?}");
    assert!(
        notices[0].starts_with("3 answers are not saved yet"),
        "{}",
        notices[0]
    );
    assert!(notices[0].contains("read-only"), "{}", notices[0]);
    assert!(
        !notices[0].contains("start the quiz again"),
        "{}",
        notices[0]
    );
    common::notice(&harness, "3 answers are not saved yet");

    // Writable again: the session, its three answers and its end are written.
    harness
        .state()
        .store()
        .unwrap()
        .debug_set_query_only(false)
        .unwrap();
    settle(&mut harness);
    assert_eq!(harness.state().store().unwrap().pending_count(), 0);
    assert_eq!(stored_attempts(&harness), 3);
    let history = harness.state().store().unwrap().history(None).unwrap();
    assert_eq!(history.len(), 1);
    assert!(history[0].finished_ms.is_some());
    common::notice(&harness, "Every answer is saved now.");
    assert!(harness.query_by_label_contains("not saved yet").is_none());
}

#[test]
fn the_library_asks_for_no_repaints_when_nothing_changes() {
    let dir = TempDir::new("idle");
    let mut harness = harness(&dir, Some("Idle"), StartMode::Library);
    // `run` panics if the app keeps asking for frames; an idle library settles at once.
    let frames = harness.run();
    assert!(frames <= 3, "{frames} frames to settle");
}

#[test]
fn an_unusable_data_folder_is_reported_and_the_decks_still_work() {
    let dir = TempDir::new("nodata");
    // A data folder "inside" a regular file can never be created, whoever runs the test.
    let file = dir.0.join("not-a-folder");
    std::fs::write(&file, "x").unwrap();
    let options = LaunchOptions {
        data_dir: file.join("data"),
        profile: Some("Guest".to_owned()),
        start: StartMode::Quiz {
            deck: "sample-every-kind".to_owned(),
            count: Some(1),
            seed: Some(2),
        },
        quit: None,
    };
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1024.0, 2400.0))
        .build_eframe(move |_cc| Shell::with_prefs(Default::default(), options));
    settle(&mut harness);
    assert!(harness.state().store().is_none());
    harness.get_by_label_contains("Scores cannot be saved:");
    past_content_note(&mut harness);
    assert_eq!(harness.state().screen(), Screen::Quiz);
    answer_current_question_by_keyboard(&mut harness);
}

#[test]
fn a_question_whose_time_runs_out_counts_as_unanswered() {
    let dir = TempDir::new("timeout");
    let deck = dir.0.join("timed.ron");
    std::fs::write(
        &deck,
        r#"Deck(id: "timed", title: "Timed", description: "", language: "en", authors: [], version: 1,
            questions: [Question(id: "q", prompt: "Quick: is this true?", answer: TrueFalse(correct: true), time_limit_secs: 5)])"#,
    )
    .unwrap();
    let mut harness = harness(
        &dir,
        Some("Tim"),
        StartMode::Quiz {
            deck: deck.to_string_lossy().into_owned(),
            count: None,
            seed: Some(1),
        },
    );
    assert_eq!(harness.state().current_phase_name(), Some("Answering"));
    harness.get_by_label_contains("Time left:");
    // Each frame of the harness advances its clock by a quarter of a second.
    harness.run_steps(30);
    assert_eq!(harness.state().current_phase_name(), Some("Feedback"));
    harness.get_by_label("No answer in time");
    assert_eq!(stored_attempts(&harness), 1);
}

fn held_key_repeat(harness: &Harness<'static, Shell>, key: egui::Key) {
    harness.event(egui::Event::Key {
        key,
        physical_key: None,
        pressed: true,
        repeat: true,
        modifiers: egui::Modifiers::NONE,
    });
}

#[test]
fn holding_enter_does_not_race_through_feedback_and_results() {
    let dir = TempDir::new("held");
    let mut harness = harness(
        &dir,
        Some("Held"),
        StartMode::Quiz {
            deck: "sample-every-kind".to_owned(),
            count: Some(3),
            seed: Some(4),
        },
    );
    past_content_note(&mut harness);
    answer_current_question_by_keyboard(&mut harness);
    assert_eq!(harness.state().current_phase_name(), Some("Feedback"));
    // Enter goes down (to the next question) and stays down: the rest are key-repeats.
    for _ in 0..10 {
        held_key_repeat(&harness, egui::Key::Enter);
        harness.run_steps(1);
    }
    assert_eq!(harness.state().current_phase_name(), Some("Answering"));
    assert_eq!(
        stored_attempts(&harness),
        1,
        "no answer was submitted for the learner by a held key"
    );
}

#[test]
fn leaving_from_the_last_feedback_still_counts_the_quiz() {
    let dir = TempDir::new("leave-last");
    let mut harness = harness(
        &dir,
        Some("Lea"),
        StartMode::Quiz {
            deck: "sample-every-kind".to_owned(),
            count: Some(1),
            seed: Some(9),
        },
    );
    past_content_note(&mut harness);
    answer_current_question_by_keyboard(&mut harness);
    assert_eq!(harness.state().current_phase_name(), Some("Feedback"));
    harness.key_press(egui::Key::Escape);
    settle(&mut harness);
    assert_eq!(harness.state().screen(), Screen::Library);
    let store = harness.state().store().unwrap();
    let profile = harness.state().profile().unwrap().id;
    let scores = store.deck_scores(profile, "sample-every-kind").unwrap();
    assert_eq!(
        scores.sessions, 1,
        "the answered quiz is finished and counted"
    );
}

#[test]
fn a_deck_named_on_the_command_line_opens_once_the_first_profile_is_made() {
    let dir = TempDir::new("first-run-study");
    let mut harness = harness(
        &dir,
        None,
        StartMode::Study {
            deck: "sample-every-kind".to_owned(),
        },
    );
    assert_eq!(harness.state().screen(), Screen::Profiles);
    harness.get_by_label("Name:").type_text("Ana");
    settle(&mut harness);
    harness.key_press(egui::Key::Enter);
    settle(&mut harness);
    assert!(
        matches!(
            harness.state().screen(),
            Screen::ContentNote | Screen::Study
        ),
        "{:?}",
        harness.state().screen()
    );
}

#[test]
fn a_deck_edited_on_disk_reloads_by_itself_without_disturbing_a_quiz() {
    let dir = TempDir::new("live");
    let decks = dir.0.join("decks");
    std::fs::create_dir_all(&decks).unwrap();
    let file = decks.join("mine.ron");
    let valid = r#"Deck(id: "mine", title: "My deck", description: "", language: "en", authors: [], version: 1,
        questions: [Question(id: "q", prompt: "Is this my deck?", answer: TrueFalse(correct: true))])"#;
    std::fs::write(&file, valid).unwrap();
    let mut harness = harness(&dir, Some("Teacher"), StartMode::Library);
    settle(&mut harness);
    harness.get_by_label("My deck");

    // A teacher saves a mistake from a text editor: within a second the library shows it.
    std::fs::write(&file, valid.replace("title:", "titel:")).unwrap();
    let started = std::time::Instant::now();
    while harness
        .query_by_label("mine.ron cannot be opened")
        .is_none()
    {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(3),
            "the library did not reload the edited deck"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
        harness.run_steps(1);
    }
    harness.get_by_label_contains("unknown field `titel` in `Deck`");

    // Fixed again, and a quiz is started; a later edit does not disturb it.
    std::fs::write(&file, valid).unwrap();
    let started = std::time::Instant::now();
    while harness.query_by_label("My deck").is_none() {
        assert!(started.elapsed() < std::time::Duration::from_secs(3));
        std::thread::sleep(std::time::Duration::from_millis(50));
        harness.run_steps(1);
    }
    harness.get_by_label("Quiz: My deck").click();
    settle(&mut harness);
    harness.key_press(egui::Key::Enter);
    settle(&mut harness);
    assert_eq!(harness.state().screen(), Screen::Quiz);
    std::fs::write(&file, valid.replace("Is this my deck?", "Changed?")).unwrap();
    for _ in 0..10 {
        std::thread::sleep(std::time::Duration::from_millis(50));
        harness.run_steps(1);
    }
    assert_eq!(harness.state().screen(), Screen::Quiz);
    harness.get_by_label("Is this my deck?");
}

#[test]
fn import_previews_the_questions_and_skipped_rows_then_adds_the_deck() {
    let dir = TempDir::new("import");
    let mut harness = harness(&dir, Some("Teacher"), StartMode::Library);
    harness.get_by_label("Import…").click();
    settle(&mut harness);
    let file =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/kahoot.xlsx");
    harness.get_by_label("File to import:").click();
    settle(&mut harness);
    harness
        .get_by_label("File to import:")
        .type_text(file.to_str().unwrap());
    settle(&mut harness);
    harness.key_press(egui::Key::Enter);
    settle(&mut harness);
    harness.get_by_label("5 question(s) will come in; 9 row(s) will be left out.");
    harness.get_by_label_contains("Row 23: the time limit `twenty`");
    // Nothing is written until the teacher says so.
    assert!(!dir.0.join("decks").join("kahoot.ron").exists());
    harness.get_by_label("Import into my decks").click();
    settle(&mut harness);
    let deck = quizdesk::deck::load_deck(&dir.0.join("decks").join("kahoot.ron")).unwrap();
    assert_eq!(deck.questions().len(), 5);
    harness.get_by_label("Quiz: kahoot");
}

/// Opens "Import…" and reads `file`.
fn read_for_import(harness: &mut Harness<'static, Shell>, file: &std::path::Path) {
    harness.get_by_label("Import…").click();
    settle(harness);
    harness.get_by_label("File to import:").click();
    settle(harness);
    harness
        .get_by_label("File to import:")
        .type_text(file.to_str().unwrap());
    settle(harness);
    harness.key_press(egui::Key::Enter);
    settle(harness);
}

#[test]
fn an_import_whose_every_row_is_skipped_lists_the_rows_it_says_to_fix() {
    let dir = TempDir::new("import-none");
    let file = dir.0.join("bad.csv");
    std::fs::create_dir_all(&dir.0).unwrap();
    std::fs::write(
        &file,
        "kind,prompt,correct,wrong,explanation,source,tags,time_limit_secs,flags,id\n\
         riddle,What?,x,,,,,,,\nsingle,,x,y,,,,,,\n",
    )
    .unwrap();
    let mut harness = harness(&dir, Some("Teacher"), StartMode::Library);
    read_for_import(&mut harness, &file);
    harness.get_by_label_contains("all 2 row(s) were skipped; fix the rows listed");
    harness.get_by_label("Left out (2 rows):");
    harness.get_by_label_contains("Row 2: unknown kind `riddle`");
    harness.get_by_label_contains("Row 3: the prompt is empty");
}

#[test]
fn the_import_preview_of_200000_skipped_rows_lays_out_only_the_rows_in_view() {
    let dir = TempDir::new("import-many");
    std::fs::create_dir_all(&dir.0).unwrap();
    let file = dir.0.join("many.csv");
    let mut csv = String::from(
        "kind,prompt,correct,wrong,explanation,source,tags,time_limit_secs,flags,id\n",
    );
    csv.push_str("flashcard,Kept?,yes,,,,,,,\n");
    for _ in 0..200_000 {
        csv.push_str("riddle,What?,x,,,,,,,\n");
    }
    std::fs::write(&file, csv).unwrap();
    let mut harness = harness(&dir, Some("Teacher"), StartMode::Library);
    read_for_import(&mut harness, &file);
    harness.get_by_label("1 question(s) will come in; 200000 row(s) will be left out.");
    harness.get_by_label("Left out (200000 rows):");
    let shown = harness
        .query_all_by_label_contains("unknown kind `riddle`")
        .count();
    assert!((1..=30).contains(&shown), "{shown} rows laid out");
}

#[test]
fn a_presentation_is_stepped_through_by_keyboard_and_recorded_anonymously() {
    let dir = TempDir::new("present");
    let mut harness = harness(
        &dir,
        Some("Facilitator"),
        StartMode::Present {
            deck: "sample-every-kind".to_owned(),
            live_port: None,
        },
    );
    settle(&mut harness);
    assert_eq!(harness.state().screen(), Screen::Present);
    harness.get_by_label("Sample: every question kind");
    // Right shows the first question, then its answer.
    harness.key_press(egui::Key::ArrowRight);
    settle(&mut harness);
    harness.get_by_label_contains("Question 1 of 16");
    harness.key_press(egui::Key::ArrowRight);
    settle(&mut harness);
    harness.get_by_label_contains("Answer:");
    // The room's show of hands for this question.
    harness.state_mut().push(quizdesk::app::Command::Present(
        quizdesk::app::PresentCommand::Tally(0, 12, 20),
    ));
    settle(&mut harness);
    harness.get_by_label("saved: 12 of 20");
    // Blank and back.
    harness.key_press(egui::Key::B);
    settle(&mut harness);
    harness.get_by_label("(screen blanked: press B)");
    harness.key_press(egui::Key::B);
    settle(&mut harness);
    harness.key_press(egui::Key::ArrowLeft);
    settle(&mut harness);
    assert!(harness.query_by_label_contains("Answer:").is_none());
    // On to the end: every question and its answer.
    for _ in 0..40 {
        harness.key_press(egui::Key::PageDown);
        harness.run_steps(1);
    }
    settle(&mut harness);
    harness.get_by_label("Summary");
    harness.get_by_label("Hardest for the room");
    harness.get_by_label("Where to learn more");
    // Esc asks; a second Esc leaves.
    harness.key_press(egui::Key::Escape);
    settle(&mut harness);
    harness.get_by_label_contains("Leave the presentation?");
    harness.key_press(egui::Key::Escape);
    settle(&mut harness);
    assert_eq!(harness.state().screen(), Screen::Library);

    let records = harness.state().store().unwrap().presentations().unwrap();
    assert_eq!(records.len(), 1);
    let record = &records[0];
    assert_eq!(record.deck_id, "sample-every-kind");
    assert!(record.finished_ms.is_some());
    assert_eq!(record.questions.len(), 16, "every question was shown");
    assert_eq!(record.questions[0].correct, Some(12));
    assert_eq!(record.questions[0].answered, Some(20));
    assert_eq!(
        record.questions[1].answered, None,
        "a skipped tally stays empty"
    );

    // The facilitator's report, from Settings.
    harness.get_by_label("Settings").click();
    settle(&mut harness);
    harness
        .get_by_label("Export presentation records (CSV)")
        .click();
    settle(&mut harness);
    let exports = common::exported_files(&dir);
    assert_eq!(exports.len(), 1);
    let csv = std::fs::read_to_string(&exports[0]).unwrap();
    assert_eq!(
        csv.lines().count(),
        17,
        "a header and one row per question shown"
    );
    assert!(
        csv.lines().nth(1).unwrap().ends_with(",12,20,60.0,"),
        "{csv}"
    );
}

/// The labels on screen: (text, rect).
fn label_rects(harness: &Harness<'static, Shell>) -> Vec<(String, egui::Rect)> {
    use egui_kittest::kittest::{By, NodeT as _};
    harness
        .query_all(By::new().role(egui::accesskit::Role::Label))
        .map(|node| {
            (
                node.accesskit_node().label().unwrap_or_default(),
                node.rect(),
            )
        })
        .filter(|(text, _)| !text.is_empty())
        .collect()
}

#[test]
fn the_longest_question_fits_the_projector_at_1080p_and_720p_without_overlap() {
    let deck = quizdesk::deck::load_deck(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("decks/fentanyl-social-media.ron"),
    )
    .unwrap();
    // The question with the most text once revealed: prompt, options, answer and explanation.
    let size_of = |q: &quizdesk::deck::Question| {
        q.prompt.len()
            + quizdesk::quiz::correct_answer_text(&q.answer).len()
            + q.explanation.as_ref().map_or(0, String::len)
            + match &q.answer {
                quizdesk::deck::Answer::SingleChoice { options, .. }
                | quizdesk::deck::Answer::MultiSelect { options, .. } => {
                    options.iter().map(|o| o.text.len()).sum()
                }
                _ => 0,
            }
    };
    let (longest, _) = deck
        .questions()
        .iter()
        .enumerate()
        .max_by_key(|(_, q)| size_of(q))
        .unwrap();
    for (width, height) in [(1920.0, 1080.0), (1280.0, 720.0)] {
        let dir = TempDir::new("projector");
        let options = LaunchOptions {
            data_dir: dir.0.clone(),
            profile: Some("Room".to_owned()),
            start: StartMode::Present {
                deck: "fentanyl-social-media".to_owned(),
                live_port: None,
            },
            quit: None,
        };
        let mut harness = Harness::builder()
            .with_size(egui::vec2(width, height))
            .build_eframe(move |_cc| Shell::with_prefs(Default::default(), options));
        harness.run_steps(3);
        // Straight to that question, revealed (stepping there key by key is tested above).
        harness.state_mut().push(quizdesk::app::Command::Present(
            quizdesk::app::PresentCommand::Go(quizdesk::app::Stage::Question {
                n: longest,
                revealed: true,
            }),
        ));
        harness.run_steps(4);
        harness.get_by_label_contains("Answer:");
        let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(width, height));
        let labels = label_rects(&harness);
        for (text, rect) in &labels {
            assert!(
                screen.contains_rect(*rect),
                "at {width}x{height}, {text:?} at {rect:?} is cut off"
            );
        }
        for (i, (a, ra)) in labels.iter().enumerate() {
            for (b, rb) in labels.iter().skip(i + 1) {
                let overlap = ra.intersect(*rb);
                assert!(
                    overlap.width() <= 1.0 || overlap.height() <= 1.0,
                    "at {width}x{height}, {a:?} and {b:?} overlap"
                );
            }
        }
    }
}

#[test]
fn the_facilitator_console_shows_the_answer_and_notes_and_drives_the_projector() {
    let dir = TempDir::new("console");
    let mut harness = harness(
        &dir,
        Some("Facilitator"),
        StartMode::Present {
            deck: "sample-every-kind".to_owned(),
            live_port: None,
        },
    );
    settle(&mut harness);
    harness.key_press(egui::Key::C);
    settle(&mut harness);
    harness.get_by_label("Facilitator console");
    // The sample deck's true/false question about the Sun has speaker notes.
    let n = quizdesk::deck::load_deck(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("decks/sample-every-kind.ron"),
    )
    .unwrap()
    .questions()
    .iter()
    .position(|q| q.notes.is_some())
    .unwrap();
    harness.state_mut().push(quizdesk::app::Command::Present(
        quizdesk::app::PresentCommand::Go(quizdesk::app::Stage::Question { n, revealed: false }),
    ));
    settle(&mut harness);
    harness.get_by_label_contains("Speaker notes: Ask the room");
    harness.get_by_label("Reveal the answer").click();
    settle(&mut harness);
    harness.get_by_label_contains("answer shown");
    harness.get_by_label("Next").click();
    settle(&mut harness);
    harness.get_by_label_contains(&format!("question {} of 16", n + 2));
}

#[test]
fn a_session_suggested_by_the_deck_is_offered_beside_saved_plans() {
    let dir = TempDir::new("deck-sessions");
    let decks = dir.0.join("decks");
    std::fs::create_dir_all(&decks).unwrap();
    let sample = include_str!("../decks/sample-every-kind.ron")
        .replace("id: \"sample-every-kind\"", "id: \"planets\"")
        .replace(
            "title: \"Sample: every question kind\"",
            "title: \"Planets\"",
        );
    let end = sample.rfind(')').unwrap();
    let text = format!(
        "{}    sessions: [Session(name: \"Warm-up\", minutes: 5, description: \"Two to start.\", \
         questions: [\"sun-is-a-star\", \"largest-planet\"])],\n)\n",
        &sample[..end]
    );
    std::fs::write(decks.join("planets.ron"), text).unwrap();
    let mut harness = harness(&dir, Some("Facilitator"), StartMode::Library);
    harness.get_by_label("Present: Planets").click();
    settle(&mut harness);
    assert_eq!(harness.state().screen(), Screen::PresentSetup);
    harness.get_by_label("Sessions in this deck:");
    harness
        .get_by_label("Use the session Warm-up (2 questions, about 5 min)")
        .click();
    settle(&mut harness);
    let order = harness.state().present_setup_order().unwrap();
    let chosen: Vec<&str> = order
        .iter()
        .filter(|(_, on)| *on)
        .map(|(id, _)| id.as_str())
        .collect();
    assert_eq!(chosen, ["sun-is-a-star", "largest-planet"]);
    harness.get_by_label_contains("2 of 16 questions chosen");
}

#[test]
fn a_presentation_plan_chooses_questions_by_tag_and_is_saved_by_name() {
    let dir = TempDir::new("plan");
    let mut harness = harness(&dir, Some("Facilitator"), StartMode::Library);
    harness
        .get_by_label("Present: Sample: every question kind")
        .click();
    settle(&mut harness);
    assert_eq!(harness.state().screen(), Screen::PresentSetup);
    harness.get_by_label("Only questions tagged:").click();
    settle(&mut harness);
    harness
        .get_by_label("Only questions tagged:")
        .type_text("rings");
    settle(&mut harness);
    harness.get_by_label("Tick only these").click();
    settle(&mut harness);
    let deck = quizdesk::deck::load_deck(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("decks/sample-every-kind.ron"),
    )
    .unwrap();
    let tagged: Vec<String> = deck
        .questions()
        .iter()
        .filter(|q| q.tags.iter().any(|t| t.contains("rings")))
        .map(|q| q.id.to_string())
        .collect();
    assert!(!tagged.is_empty());
    harness.get_by_label_contains(&format!("{} of 16 questions chosen", tagged.len()));
    harness
        .get_by_label("Save this choice as a plan named:")
        .click();
    settle(&mut harness);
    harness
        .get_by_label("Save this choice as a plan named:")
        .type_text("Rings only");
    settle(&mut harness);
    harness.get_by_label("Save the plan").click();
    settle(&mut harness);
    let plans = harness
        .state()
        .store()
        .unwrap()
        .plans("sample-every-kind")
        .unwrap();
    assert_eq!(plans.len(), 1);
    assert_eq!(plans[0].name, "Rings only");
    assert_eq!(plans[0].question_ids, tagged);
    harness.get_by_label("Start presenting").click();
    settle(&mut harness);
    assert_eq!(harness.state().screen(), Screen::Present);
    harness.key_press(egui::Key::ArrowRight);
    settle(&mut harness);
    harness.get_by_label_contains(&format!("Question 1 of {}", tagged.len()));
}

#[test]
fn questions_are_reordered_for_a_presentation_by_dragging_them() {
    let dir = TempDir::new("drag");
    let mut harness = harness(&dir, Some("Facilitator"), StartMode::Library);
    harness
        .get_by_label("Present: Sample: every question kind")
        .click();
    settle(&mut harness);
    let before = harness.state().present_setup_order().unwrap();
    let prompt_of = |id: &str| {
        quizdesk::deck::load_deck(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("decks/sample-every-kind.ron"),
        )
        .unwrap()
        .questions()
        .iter()
        .find(|q| q.id.as_str() == id)
        .unwrap()
        .prompt
        .clone()
    };
    let from = harness
        .get_by_label(&prompt_of(&before[0].0))
        .rect()
        .center();
    let to = harness
        .get_by_label(&prompt_of(&before[2].0))
        .rect()
        .center();
    harness.drag_at(from);
    harness.run_steps(1);
    for step in 1..=10 {
        let t = step as f32 / 10.0;
        harness.hover_at(from + (to - from) * t);
        harness.run_steps(1);
    }
    harness.drop_at(to);
    harness.run_steps(2);
    let after = harness.state().present_setup_order().unwrap();
    assert_eq!(
        after[2].0, before[0].0,
        "the first question moved to third place"
    );
    assert_eq!(after[0].0, before[1].0);
}
