//! The library with many decks: the search box (typing filters at once; `/` and Ctrl+F reach
//! it; Esc empties it), the sort, the decks that need the learner today first, and only the rows
//! in view drawn.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use eframe::egui::{self, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use quizdesk::app::{LibrarySort, Screen, StartMode};
use quizdesk::ui::Shell;

mod common;
use common::{TempDir, settle, write_deck};

fn harness(dir: &TempDir, start: StartMode) -> Harness<'static, Shell> {
    let mut harness = common::app_harness(dir, Some("Kim"), start, egui::vec2(1100.0, 900.0));
    settle(&mut harness);
    harness
}

/// Three decks besides the bundled two.
fn three_decks(dir: &TempDir) {
    write_deck(dir, "planets", "Planets of the solar system");
    write_deck(dir, "volcanoes", "Volcanoes");
    write_deck(dir, "verbs", "French verbs");
}

/// Which of `titles` are listed, top to bottom.
fn listed(harness: &Harness<'static, Shell>, titles: &[&str]) -> Vec<String> {
    let mut found: Vec<(f32, String)> = titles
        .iter()
        .filter_map(|t| {
            harness
                .query_by_label(&format!("Quiz: {t}"))
                .map(|n| (n.rect().min.y, (*t).to_owned()))
        })
        .collect();
    found.sort_by(|a, b| a.0.total_cmp(&b.0));
    found.into_iter().map(|(_, t)| t).collect()
}

const TITLES: [&str; 5] = [
    "Planets of the solar system",
    "Volcanoes",
    "French verbs",
    "Fentanyl and social media",
    "Sample: every question kind",
];

fn search_text(harness: &Harness<'static, Shell>) -> String {
    harness.get_by_label("Search:").value().unwrap_or_default()
}

#[test]
fn typing_in_the_search_box_filters_the_decks_at_once_and_esc_empties_it() {
    let dir = TempDir::new("library-search");
    three_decks(&dir);
    let mut harness = harness(&dir, StartMode::Library);
    assert_eq!(listed(&harness, &TITLES).len(), 5);
    harness.get_by_label("5 decks");

    harness.get_by_label("Search:").click();
    harness.run();
    harness.get_by_label("Search:").type_text("VOLC");
    settle(&mut harness);
    assert_eq!(listed(&harness, &TITLES), ["Volcanoes"]);
    harness.get_by_label("1 of 5 decks");

    // Words from the description and the tags count too; every word must be found.
    harness.get_by_label("Clear search").click();
    settle(&mut harness);
    harness.get_by_label("Search:").click();
    harness.run();
    harness.get_by_label("Search:").type_text("solar planets");
    settle(&mut harness);
    // The sample deck is "a short tour of the solar system", with questions on planets.
    assert_eq!(
        listed(&harness, &TITLES),
        ["Planets of the solar system", "Sample: every question kind"]
    );

    harness.get_by_label("Search:").type_text(" zzz");
    settle(&mut harness);
    assert!(listed(&harness, &TITLES).is_empty());
    harness.get_by_label_contains("No deck matches");

    harness.key_press(Key::Escape);
    settle(&mut harness);
    assert_eq!(search_text(&harness), "");
    assert_eq!(listed(&harness, &TITLES).len(), 5);
    assert_eq!(harness.state().screen(), Screen::Library);
}

#[test]
fn slash_and_ctrl_f_put_the_keyboard_in_the_search_box() {
    let dir = TempDir::new("library-slash");
    three_decks(&dir);
    let mut harness = harness(&dir, StartMode::Library);
    assert!(!harness.get_by_label("Search:").is_focused());

    // `/` as a keyboard sends it: a key and its text. The text is not typed into the box.
    harness.key_press(Key::Slash);
    harness.event(egui::Event::Text("/".to_owned()));
    settle(&mut harness);
    assert!(harness.get_by_label("Search:").is_focused());
    assert_eq!(search_text(&harness), "");
    // In the box, `/` is text.
    harness.get_by_label("Search:").type_text("a/b");
    settle(&mut harness);
    assert_eq!(search_text(&harness), "a/b");

    // Esc empties the box and leaves it; Ctrl+F comes back to it.
    harness.key_press(Key::Escape);
    settle(&mut harness);
    assert!(!harness.get_by_label("Search:").is_focused());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    settle(&mut harness);
    assert!(harness.get_by_label("Search:").is_focused());
}

#[test]
fn the_sort_is_chosen_from_a_menu_and_kept() {
    let dir = TempDir::new("library-sort");
    three_decks(&dir);
    // Volcanoes was studied: a quiz of its one question, finished.
    {
        let mut harness = harness(
            &dir,
            StartMode::Quiz {
                deck: "volcanoes".to_owned(),
                count: None,
                seed: Some(1),
            },
        );
        assert_eq!(harness.state().screen(), Screen::Quiz);
        harness.get_by_label_contains("True").click();
        settle(&mut harness);
        harness.get_by_label("Submit").click();
        settle(&mut harness);
        harness.get_by_label("See the results").click();
        settle(&mut harness);
        harness.get_by_label("Back to the library").click();
        settle(&mut harness);
        assert_eq!(harness.state().screen(), Screen::Library);
        assert_eq!(harness.state().prefs().library_sort, LibrarySort::Title);
        assert_eq!(
            listed(&harness, &TITLES),
            [
                "Fentanyl and social media",
                "French verbs",
                "Planets of the solar system",
                "Sample: every question kind",
                "Volcanoes",
            ]
        );
        harness.get_by_label_contains("studied today");

        harness.get_by_label("Sort by:").click();
        settle(&mut harness);
        harness.get_by_label("Last studied").click();
        settle(&mut harness);
        assert_eq!(
            harness.state().prefs().library_sort,
            LibrarySort::LastStudied
        );
        assert_eq!(listed(&harness, &TITLES)[0], "Volcanoes");
    }
}

#[test]
fn a_quiz_left_half_way_puts_its_deck_at_the_top_with_continue() {
    let dir = TempDir::new("library-today");
    three_decks(&dir);
    // A two-question deck whose title sorts last.
    std::fs::write(
        dir.0.join("decks/zoo.ron"),
        r#"Deck(id: "zoo", title: "Zoo animals", description: "", language: "en", authors: [],
        version: 1, questions: [
            Question(id: "a", prompt: "Lions are cats?", answer: TrueFalse(correct: true)),
            Question(id: "b", prompt: "Owls are birds?", answer: TrueFalse(correct: true)),
        ])"#,
    )
    .unwrap();
    let mut harness = harness(
        &dir,
        StartMode::Quiz {
            deck: "zoo".to_owned(),
            count: None,
            seed: Some(1),
        },
    );
    harness.get_by_label_contains("True").click();
    settle(&mut harness);
    harness.get_by_label("Submit").click();
    settle(&mut harness);
    harness.get_by_label("Leave the quiz").click();
    settle(&mut harness);
    assert_eq!(harness.state().screen(), Screen::Library);
    let mut titles = TITLES.to_vec();
    titles.push("Zoo animals");
    assert_eq!(listed(&harness, &titles)[0], "Zoo animals");
    harness.get_by_label("Continue: Zoo animals, 1 of 2 answered");
    harness.get_by_label_contains("1 for today (listed first)");
}

#[test]
fn a_library_of_many_decks_draws_only_the_rows_in_view_and_search_reaches_the_rest() {
    let dir = TempDir::new("library-many");
    for n in 0..300 {
        write_deck(&dir, &format!("d{n:03}"), &format!("Deck {n:03}"));
    }
    let mut harness = harness(&dir, StartMode::Library);
    harness.get_by_label("302 decks");
    let drawn = (0..300)
        .filter(|n| {
            harness
                .query_by_label(&format!("Quiz: Deck {n:03}"))
                .is_some()
        })
        .count();
    assert!(
        (5..40).contains(&drawn),
        "only the rows in view are drawn ({drawn} of 300)"
    );
    assert!(harness.query_by_label("Quiz: Deck 299").is_none());

    // Tab goes on past the rows in view: the next row is drawn, takes the focus and scrolls
    // into view, and the rows after it are drawn.
    let last = (0..300)
        .filter(|n| {
            harness
                .query_by_label(&format!("Quiz: Deck {n:03}"))
                .is_some()
        })
        .max()
        .unwrap();
    harness
        .get_by_label(&format!("Edit: Deck {:03}", last - 1))
        .focus();
    harness.run_steps(2);
    harness.key_press(Key::Tab);
    settle(&mut harness);
    assert!(
        harness
            .get_by_label(&format!("Quiz: Deck {last:03}"))
            .is_focused()
    );
    harness
        .get_by_label(&format!("Quiz: Deck {:03}", last + 2))
        .rect();

    harness.get_by_label("Search:").click();
    harness.run();
    harness.get_by_label("Search:").type_text("299");
    settle(&mut harness);
    harness.get_by_label("Quiz: Deck 299").click();
    settle(&mut harness);
    assert_eq!(harness.state().screen(), Screen::QuizSetup);
}
