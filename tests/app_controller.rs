//! The controller's bookkeeping seen from the window: decks stay the same deck across a live
//! reload of the library, files open in the editor without false warnings, and a read error
//! reaches the user instead of hiding what it could not read.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use quizdesk::app::{Screen, StartMode};
use quizdesk::ui::Shell;

mod common;
use common::{TempDir, settle, write_deck};

fn harness(dir: &TempDir, start: StartMode) -> Harness<'static, Shell> {
    common::app_harness(dir, Some("Robin"), start, egui::vec2(1024.0, 2400.0))
}

/// Runs frames until the library has seen a deck file written a moment ago.
fn reload(harness: &mut Harness<'static, Shell>) {
    harness.get_by_label("Reload decks").click();
    settle(harness);
}

#[test]
fn retrying_the_missed_questions_after_a_deck_is_added_asks_the_same_deck() {
    let dir = TempDir::new("retry-same-deck");
    write_deck(&dir, "bravo", "Bravo");
    let mut harness = harness(
        &dir,
        StartMode::Quiz {
            deck: "bravo".to_owned(),
            count: None,
            seed: Some(1),
        },
    );
    settle(&mut harness);
    assert_eq!(harness.state().screen(), Screen::Quiz);
    harness.get_by_label("Is this Bravo?");
    harness.get_by_label_contains("False").click();
    settle(&mut harness);
    harness.get_by_label("Submit").click();
    settle(&mut harness);
    harness.get_by_label("See the results").click();
    settle(&mut harness);
    assert_eq!(harness.state().screen(), Screen::Results);

    // A deck that sorts first arrives in the folder while the results are open.
    write_deck(&dir, "alpha", "Alpha");
    harness.get_by_label("Back to the library").click();
    settle(&mut harness);
    reload(&mut harness);
    harness.get_by_label("Quiz: Alpha");
    // Back to the results of Bravo's quiz, which is still the quiz in progress.
    harness
        .state_mut()
        .push(quizdesk::app::Command::Go(Screen::Results));
    settle(&mut harness);
    harness.get_by_label_contains("I missed").click();
    settle(&mut harness);
    assert_eq!(harness.state().screen(), Screen::Quiz);
    harness.get_by_label("Is this Bravo?");
    assert!(harness.query_by_label("Is this Alpha?").is_none());
}

#[test]
fn a_presentation_set_up_before_a_deck_is_added_presents_the_deck_chosen() {
    let dir = TempDir::new("present-same-deck");
    write_deck(&dir, "bravo", "Bravo");
    let mut harness = harness(&dir, StartMode::Library);
    settle(&mut harness);
    harness.get_by_label("Present: Bravo").click();
    settle(&mut harness);
    assert_eq!(harness.state().screen(), Screen::PresentSetup);

    write_deck(&dir, "alpha", "Alpha");
    harness
        .state_mut()
        .push(quizdesk::app::Command::Go(Screen::Library));
    settle(&mut harness);
    reload(&mut harness);
    harness.get_by_label("Present: Alpha");
    harness
        .state_mut()
        .push(quizdesk::app::Command::Go(Screen::PresentSetup));
    settle(&mut harness);
    harness.get_by_label("Start presenting").click();
    settle(&mut harness);
    assert_eq!(harness.state().screen(), Screen::Present);
    harness.key_press(egui::Key::ArrowRight);
    settle(&mut harness);
    harness.get_by_label("Is this Bravo?");
    assert!(harness.query_by_label("Is this Alpha?").is_none());
}

#[test]
fn a_deck_with_web_links_opens_in_the_editor_without_a_comments_warning() {
    let dir = TempDir::new("editor-links");
    let decks = dir.0.join("decks");
    std::fs::create_dir_all(&decks).unwrap();
    std::fs::write(
        decks.join("linked.ron"),
        r#"Deck(id: "linked", title: "Linked", description: "See https://example.org/a//b", language: "en", authors: [], version: 1,
        sources: [Source(id: "s", title: "A page", url: "https://example.org/page")],
        questions: [Question(id: "q", prompt: "Is this linked?", answer: TrueFalse(correct: true), source: Cite(source: "s", locator: "top"))])"#,
    )
    .unwrap();
    let mut harness = harness(&dir, StartMode::Library);
    settle(&mut harness);
    harness.get_by_label("Edit: Linked").click();
    settle(&mut harness);
    assert_eq!(harness.state().screen(), Screen::Editor);
    assert!(
        harness
            .query_by_label_contains("This file has comments")
            .is_none(),
        "a URL is no comment"
    );

    // A real comment still warns that saving drops it.
    std::fs::write(
        decks.join("commented.ron"),
        "// My notes on this deck\nDeck(id: \"commented\", title: \"Commented\", description: \"\", language: \"en\", authors: [], version: 1,\n questions: [Question(id: \"q\", prompt: \"Commented?\", answer: TrueFalse(correct: true))])",
    )
    .unwrap();
    harness
        .state_mut()
        .push(quizdesk::app::Command::Go(Screen::Library));
    settle(&mut harness);
    reload(&mut harness);
    harness.get_by_label("Edit: Commented").click();
    settle(&mut harness);
    harness.get_by_label_contains("This file has comments");
}

#[test]
fn a_library_whose_scores_cannot_be_read_says_so() {
    let dir = TempDir::new("scores-unreadable");
    write_deck(&dir, "bravo", "Bravo");
    let mut harness = harness(&dir, StartMode::Library);
    settle(&mut harness);
    // Another program breaks the database under the running app.
    let db = rusqlite::Connection::open(dir.0.join("quizdesk.sqlite3")).unwrap();
    db.execute_batch("DROP TABLE cards;").unwrap();
    drop(db);
    reload(&mut harness);
    let notices = harness.state().notices().to_vec();
    assert!(
        notices
            .iter()
            .any(|n| n.text.contains("scores") && n.text.contains("cannot be read")),
        "{notices:?}"
    );
}

#[test]
fn a_profile_is_renamed_from_settings_and_the_field_closes() {
    let dir = TempDir::new("rename");
    let mut harness = harness(&dir, StartMode::Library);
    harness
        .state_mut()
        .push(quizdesk::app::Command::Go(Screen::Settings));
    settle(&mut harness);
    harness.get_by_label("Rename").click();
    settle(&mut harness);
    let field = harness.get_by_label("New name:");
    field.click();
    settle(&mut harness);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.get_by_label("New name:").type_text("Robin Li");
    settle(&mut harness);
    harness.get_by_label("Save name").click();
    settle(&mut harness);
    assert_eq!(harness.state().profile().unwrap().name, "Robin Li");
    // Done with: the field is gone and the profile's buttons are back.
    assert!(harness.query_by_label("New name:").is_none());
    harness.get_by_label("Rename");
    // A name another profile has is refused: the field stays open to choose another.
    harness.state_mut().push(quizdesk::app::Command::Profile(
        quizdesk::app::ProfileCommand::Create("Sam".to_owned()),
    ));
    settle(&mut harness);
    harness
        .state_mut()
        .push(quizdesk::app::Command::Go(Screen::Settings));
    settle(&mut harness);
    let renames: Vec<_> = harness.get_all_by_label("Rename").collect();
    assert_eq!(renames.len(), 2);
    renames[1].click();
    settle(&mut harness);
    harness.get_by_label("New name:").click();
    settle(&mut harness);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.get_by_label("New name:").type_text("robin li");
    settle(&mut harness);
    harness.get_by_label("Save name").click();
    settle(&mut harness);
    assert_eq!(harness.state().profile().unwrap().name, "Sam");
    assert!(
        harness
            .state()
            .notices()
            .iter()
            .any(|n| n.level == quizdesk::app::NoticeLevel::Error),
        "{:?}",
        harness.state().notices()
    );
    harness.get_by_label("New name:");
}

#[test]
fn a_name_typed_after_tabbing_into_the_empty_profile_field_is_kept_whole() {
    let dir = TempDir::new("tab-name");
    // One profile exists; the picker opens with none chosen.
    drop(common::app_harness(
        &dir,
        Some("Robin"),
        StartMode::Library,
        egui::vec2(1024.0, 800.0),
    ));
    let mut harness =
        common::app_harness(&dir, None, StartMode::Library, egui::vec2(1024.0, 800.0));
    assert_eq!(harness.state().screen(), Screen::Profiles);
    // The keyboard user tabs to the name field, as a person would, and types key by key.
    for _ in 0..6 {
        if harness.get_by_label("Name:").accesskit_node().is_focused() {
            break;
        }
        harness.key_press(egui::Key::Tab);
        harness.run_steps(2);
    }
    assert!(harness.get_by_label("Name:").accesskit_node().is_focused());
    for letter in ["S", "a", "m"] {
        harness.event(egui::Event::Text(letter.to_owned()));
        harness.run_steps(2);
    }
    settle(&mut harness);
    let typed = harness.get_by_label("Name:").value();
    assert_eq!(typed.as_deref(), Some("Sam"));
}

#[test]
fn tabbing_away_from_the_first_name_field_and_back_then_typing_keeps_every_letter() {
    let dir = TempDir::new("tab-first-name");
    let mut harness =
        common::app_harness(&dir, None, StartMode::Library, egui::vec2(1024.0, 800.0));
    assert_eq!(harness.state().screen(), Screen::Profiles);
    // On first start the name field has the keyboard; Tab moves on, Shift+Tab comes back.
    assert!(harness.get_by_label("Name:").accesskit_node().is_focused());
    harness.key_press(egui::Key::Tab);
    harness.run_steps(2);
    harness.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::Tab);
    harness.run_steps(2);
    for letter in ["S", "a", "m"] {
        harness.event(egui::Event::Text(letter.to_owned()));
        harness.run_steps(2);
    }
    settle(&mut harness);
    // Every letter is in the field: the Create button, enabled by the first one, took nothing.
    let typed = harness.get_by_label("Name:").value();
    assert_eq!(typed.as_deref(), Some("Sam"));
}

#[test]
fn a_screen_reader_finds_headings_the_progress_range_and_spoken_notices() {
    use egui::accesskit::{Live, Role};
    let dir = TempDir::new("a11y");
    write_deck(&dir, "bravo", "Bravo");
    let mut harness = harness(
        &dir,
        StartMode::Quiz {
            deck: "bravo".to_owned(),
            count: None,
            seed: Some(1),
        },
    );
    settle(&mut harness);
    // The window is named as the window manager names it.
    assert_eq!(
        harness.root().accesskit_node().label().as_deref(),
        Some("quizdesk - Quiz: Bravo")
    );
    // The question is a heading, level 2 (AccessKit counts from 0), and it has the focus, so a
    // screen reader starts there.
    let prompt = harness.get_by_role_and_label(Role::Heading, "Is this Bravo?");
    assert_eq!(prompt.accesskit_node().level(), Some(1));
    assert!(prompt.accesskit_node().is_focused());
    // Its options are radio buttons in a group the question names.
    let group = harness.get_by_role_and_label(Role::RadioGroup, "Is this Bravo?");
    let options: Vec<_> = group
        .accesskit_node()
        .children()
        .filter(|n| n.role() == Role::RadioButton)
        .map(|n| n.label().unwrap_or_default())
        .collect();
    assert_eq!(options, ["True", "False"]);
    // Each says its place, "2 of 2" (AccessKit counts from 0; the group holds the count).
    let second = harness.get_by_role_and_label(Role::RadioButton, "False");
    assert_eq!(second.accesskit_node().position_in_set(), Some(1));
    assert_eq!(group.accesskit_node().size_of_set(), Some(2));
    // A button's name is its words; its key is said apart, as its keyboard shortcut.
    let submit = harness.get_by_label("Submit");
    assert_eq!(
        submit.accesskit_node().data().keyboard_shortcut(),
        Some("Enter")
    );
    // The progress bar says its range.
    let bar = harness.get_by_role(Role::ProgressIndicator);
    assert_eq!(bar.accesskit_node().min_numeric_value(), Some(0.0));
    assert_eq!(bar.accesskit_node().max_numeric_value(), Some(100.0));
    // The feedback after Submit is spoken as it appears, and its verdict has the focus.
    harness.key_press(egui::Key::Num1);
    harness.run_steps(2);
    harness.key_press(egui::Key::Enter);
    settle(&mut harness);
    let feedback = harness.get_by_role_and_label(Role::Group, "Feedback");
    assert_eq!(feedback.accesskit_node().live(), Live::Polite);
    // What a screen reader says: the verdict and the explanation, in the quiz's status node.
    let spoken: Vec<String> = harness
        .query_all_by_role(Role::Status)
        .filter_map(|n| n.accesskit_node().label())
        .filter(|l| l.contains("ight"))
        .collect();
    assert_eq!(spoken.len(), 1, "{spoken:?}");
    let verdict = harness
        .query_all_by_role(Role::Heading)
        .find(|n| {
            n.accesskit_node()
                .label()
                .is_some_and(|l| l.ends_with("ight"))
        })
        .expect("a verdict heading");
    assert!(verdict.accesskit_node().is_focused());
    // A screen's title is a level-1 heading.
    harness
        .state_mut()
        .push(quizdesk::app::Command::Go(Screen::Library));
    settle(&mut harness);
    let title = harness.get_by_role_and_label(Role::Heading, "Library");
    assert_eq!(title.accesskit_node().level(), Some(0));
    assert!(title.accesskit_node().is_focused());
    // Plain text offers nothing to press; a button does.
    let text = harness.get_by_label_contains("Your own decks: put .ron files in");
    assert!(
        !text
            .accesskit_node()
            .data()
            .supports_action(egui::accesskit::Action::Click)
    );
    let quiz = harness.get_by_label("Quiz: Bravo");
    assert!(
        quiz.accesskit_node()
            .data()
            .supports_action(egui::accesskit::Action::Click)
    );
    // A notice is spoken when it appears, an error at once: through the notices' status node,
    // which is always there (AT-SPI speaks a live node whose name changes, not a new one).
    let status = |harness: &Harness<'static, Shell>| {
        harness
            .query_all_by_role(Role::Status)
            .map(|n| {
                (
                    n.accesskit_node().label().unwrap_or_default(),
                    n.accesskit_node().live(),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(status(&harness), [(String::new(), Live::Polite)]);
    harness.state_mut().push(quizdesk::app::Command::Library(
        quizdesk::app::LibraryCommand::OpenDeckFile(dir.0.join("no-such-deck.ron")),
    ));
    settle(&mut harness);
    let notices = status(&harness);
    assert!(notices[0].0.contains("is not a file"), "{notices:?}");
    assert_eq!(notices[0].1, Live::Assertive);
}
