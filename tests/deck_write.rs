//! Writing decks as RON (`deck::to_ron`), ids for new questions, and saving files atomically.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use proptest::prelude::*;
use quizdesk::deck::{
    Deck, from_validated, is_valid_id, load_deck, parse_deck, question_id_from_prompt, raw, to_ron,
    validate_raw,
};
use quizdesk::store::{
    FileError, SaveStep, recovery_path, write_file_atomic, write_file_atomic_with,
};

// ----- helpers ------------------------------------------------------------------------------

fn parse(text: &str) -> Deck {
    parse_deck(text.as_bytes(), Path::new("written.ron"))
        .unwrap_or_else(|e| panic!("{}\n--- text ---\n{text}", e.report().render()))
}

/// Writes `deck`, checks that the text loads as the deck it was made from and that writing it
/// again gives the same text, and returns the text.
fn round_trip(deck: &raw::Deck) -> String {
    let text = to_ron(deck);
    let expected =
        validate_raw(deck.clone()).unwrap_or_else(|p| panic!("invalid test deck: {p:?}"));
    let loaded = parse(&text);
    assert_eq!(loaded, expected, "--- text ---\n{text}");
    assert_eq!(to_ron(deck), text, "writing twice differs");
    assert_eq!(
        to_ron(&from_validated(&loaded)),
        text,
        "writing the loaded deck differs"
    );
    text
}

fn question(id: &str, answer: raw::Answer) -> raw::Question {
    raw::Question {
        id: id.to_owned(),
        prompt: format!("Prompt of {id}?"),
        image: None,
        answer,
        explanation: None,
        source: None,
        tags: Vec::new(),
        time_limit_secs: None,
        notes: None,
    }
}

fn minimal_deck(questions: Vec<raw::Question>) -> raw::Deck {
    raw::Deck {
        id: "written".to_owned(),
        title: "Written deck".to_owned(),
        description: String::new(),
        language: "en".to_owned(),
        authors: Vec::new(),
        version: 1,
        content_note: None,
        sources: Vec::new(),
        resources: Vec::new(),
        questions,
        sessions: Vec::new(),
    }
}

fn flashcard(id: &str) -> raw::Question {
    question(
        id,
        raw::Answer::Flashcard {
            back: "Back".to_owned(),
        },
    )
}

fn numeric(id: &str, accept: raw::Accept) -> raw::Question {
    question(id, raw::Answer::Numeric { accept, unit: None })
}

/// A deck that sets every optional field and uses every answer kind.
fn full_deck() -> raw::Deck {
    let choices = || {
        vec![
            raw::Choice::Correct("Yes".to_owned()),
            raw::Choice::Wrong("No".to_owned()),
        ]
    };
    let mut deck = minimal_deck(vec![
        raw::Question {
            id: "everything".to_owned(),
            prompt: "Which one?".to_owned(),
            image: Some(raw::Image {
                file: "images/a map.png".to_owned(),
                alt: "A map with \"quotes\" and a \\ backslash".to_owned(),
            }),
            answer: raw::Answer::SingleChoice {
                options: choices(),
                keep_order: true,
            },
            explanation: Some("Because.".to_owned()),
            source: Some(raw::Cite {
                source: "book".to_owned(),
                locator: "page 3".to_owned(),
            }),
            tags: vec!["one".to_owned(), "two".to_owned()],
            time_limit_secs: Some(30),
            notes: None,
        },
        question(
            "multi",
            raw::Answer::MultiSelect {
                options: choices(),
                keep_order: true,
            },
        ),
        question("true-false", raw::Answer::TrueFalse { correct: false }),
        question(
            "numeric",
            raw::Answer::Numeric {
                accept: raw::Accept::Exact {
                    value: 8.3,
                    tolerance: 0.5,
                },
                unit: Some("minutes".to_owned()),
            },
        ),
        question(
            "text",
            raw::Answer::Text {
                accepted: vec!["He".to_owned()],
                exact: true,
            },
        ),
        question(
            "order",
            raw::Answer::Order {
                items: vec!["a".to_owned(), "b".to_owned()],
            },
        ),
        question(
            "match",
            raw::Answer::Match {
                pairs: vec![
                    ("a".to_owned(), "1".to_owned()),
                    ("b".to_owned(), "2".to_owned()),
                ],
            },
        ),
        flashcard("card"),
    ]);
    deck.description = "All of it.".to_owned();
    deck.authors = vec!["Ms. Rivera".to_owned()];
    deck.content_note = Some("A note.".to_owned());
    deck.sources = vec![raw::Source {
        id: "book".to_owned(),
        title: "The book".to_owned(),
        description: Some("A book.".to_owned()),
        authors: vec!["A. Author".to_owned()],
        url: Some("https://example.org/book".to_owned()),
    }];
    deck.resources = vec![raw::Resource {
        title: "More".to_owned(),
        body: "Read more.".to_owned(),
        url: Some("https://example.org/more".to_owned()),
    }];
    deck
}

/// Position of `needle` in `text`, failing with the text if it is missing.
fn at(text: &str, needle: &str) -> usize {
    text.find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not found in:\n{text}"))
}

// ----- to_ron: bundled decks --------------------------------------------------------------

fn bundled_deck_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("decks");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    files
}

#[test]
fn bundled_decks_round_trip_through_to_ron() {
    let files = bundled_deck_files();
    assert!(files.len() >= 2, "{files:?}");
    for path in files {
        let deck = load_deck(&path).unwrap_or_else(|e| panic!("{}", e.report().render()));
        let raw = from_validated(&deck);
        assert_eq!(
            validate_raw(raw.clone()).as_ref(),
            Ok(&deck),
            "{}",
            path.display()
        );
        let text = to_ron(&raw);
        assert_eq!(parse(&text), deck, "{}", path.display());
        assert_eq!(
            to_ron(&raw),
            text,
            "{}: writing twice differs",
            path.display()
        );
        assert_eq!(
            to_ron(&from_validated(&parse(&text))),
            text,
            "{}: writing the loaded text differs",
            path.display()
        );
    }
}

#[test]
fn bundled_deck_is_written_as_a_teacher_would_write_it() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("decks/fentanyl-social-media.ron");
    let text = to_ron(&from_validated(&load_deck(&path).unwrap()));
    assert!(text.contains("child's"), "apostrophes are not escaped");
    assert!(!text.contains("\\'"));
    assert!(text.contains("value: 1650,\n"), "whole numbers have no .0");
    assert!(
        !text.contains("tolerance: 0"),
        "a zero tolerance is the default"
    );
    assert!(!text.contains("Some("));
    assert!(!text.contains(": None"));
}

// ----- to_ron: layout -----------------------------------------------------------------------

#[test]
fn written_deck_starts_with_a_header_comment_naming_the_format() {
    let text = round_trip(&minimal_deck(vec![flashcard("q")]));
    let first_line = text.lines().next().unwrap();
    assert_eq!(
        first_line,
        "// quizdesk deck \"Written deck\" — edit by hand or in quizdesk's editor; format: docs/deck-format.md"
    );
    assert!(text.lines().nth(1).unwrap().starts_with("Deck("), "{text}");
    assert!(!text.contains("#![enable"), "{text}");
    assert!(text.ends_with(")\n"), "{text:?}");
}

#[test]
fn header_comment_cannot_be_broken_by_the_title() {
    let mut deck = minimal_deck(vec![flashcard("q")]);
    deck.title = "Line one\nquestions: [],\r\u{2028}\"quoted\" \\ end".to_owned();
    let text = round_trip(&deck);
    let first_line = text.lines().next().unwrap();
    assert!(
        first_line.starts_with(
            "// quizdesk deck \"Line one\\nquestions: [],\\r\\u{2028}\\\"quoted\\\" \\\\ end\""
        ),
        "{first_line}"
    );
    assert!(text.lines().nth(1).unwrap().starts_with("Deck("), "{text}");
}

#[test]
fn struct_names_fields_in_declared_order_four_spaces_and_trailing_commas() {
    let text = round_trip(&full_deck());
    // Deck fields, in the order of the struct (and of docs/deck-format.md).
    let deck_fields = [
        "\n    id: ",
        "\n    title: ",
        "\n    description: ",
        "\n    language: ",
        "\n    authors: [",
        "\n    version: 1,",
        "\n    content_note: ",
        "\n    sources: [",
        "\n    resources: [",
        "\n    questions: [",
    ];
    let positions: Vec<usize> = deck_fields.iter().map(|f| at(&text, f)).collect();
    assert!(positions.is_sorted(), "{positions:?}\n{text}");
    // Question fields, in order, at three levels of four spaces.
    let question_fields = [
        "\n            id: \"everything\",",
        "\n            prompt: ",
        "\n            answer: SingleChoice(",
        "\n            explanation: ",
        "\n            source: Cite(",
        "\n            tags: [",
        "\n            time_limit_secs: 30,",
    ];
    let positions: Vec<usize> = question_fields.iter().map(|f| at(&text, f)).collect();
    assert!(positions.is_sorted(), "{positions:?}\n{text}");
    for name in [
        "Deck(",
        "Source(",
        "Resource(",
        "Question(",
        "Cite(",
        "Flashcard(",
        "SingleChoice(",
        "MultiSelect(",
        "TrueFalse(",
        "Numeric(",
        "Exact(",
        "Text(",
        "Order(",
        "Match(",
        "Correct(\"Yes\")",
        "Wrong(\"No\")",
    ] {
        at(&text, name);
    }
    // Every line but the header and the last closes with a comma or opens a group.
    for line in text.lines().skip(1) {
        if line == ")" {
            continue;
        }
        assert!(
            line.ends_with(',') || line.ends_with('(') || line.ends_with('['),
            "{line:?}"
        );
        let indent = line.len() - line.trim_start().len();
        assert_eq!(indent % 4, 0, "{line:?}");
        assert!(!line.starts_with('\t'), "{line:?}");
    }
}

#[test]
fn optional_fields_that_hold_nothing_are_left_out() {
    let deck = minimal_deck(vec![
        question(
            "choice",
            raw::Answer::SingleChoice {
                options: vec![
                    raw::Choice::Correct("a".to_owned()),
                    raw::Choice::Wrong("b".to_owned()),
                ],
                keep_order: false,
            },
        ),
        question(
            "text",
            raw::Answer::Text {
                accepted: vec!["a".to_owned()],
                exact: false,
            },
        ),
        numeric(
            "number",
            raw::Accept::Exact {
                value: 3.0,
                tolerance: 0.0,
            },
        ),
    ]);
    let text = round_trip(&deck);
    for absent in [
        "content_note",
        "sources",
        "resources",
        "explanation",
        "source:",
        "tags",
        "time_limit_secs",
        "keep_order",
        "exact:",
        "tolerance",
        "unit",
        "None",
        "Some(",
    ] {
        assert!(!text.contains(absent), "{absent:?} in:\n{text}");
    }
    // Required fields stay, even when empty.
    assert!(text.contains("\n    description: \"\",\n"), "{text}");
    assert!(text.contains("\n    authors: [],\n"), "{text}");

    let mut source = full_deck().sources.remove(0);
    source.description = None;
    source.authors.clear();
    source.url = None;
    let mut deck = minimal_deck(vec![flashcard("q")]);
    deck.sources = vec![source];
    deck.resources = vec![raw::Resource {
        title: "T".to_owned(),
        body: "B".to_owned(),
        url: None,
    }];
    let text = round_trip(&deck);
    assert!(!text.contains("url"), "{text}");
    assert!(!text.contains("authors: [\n"), "{text}");
    assert!(!text.contains("description: None"), "{text}");
}

#[test]
fn optional_values_are_written_without_some() {
    let text = round_trip(&full_deck());
    assert!(!text.contains("Some("), "{text}");
    for written in [
        "content_note: \"A note.\",",
        "description: \"A book.\",",
        "url: \"https://example.org/book\",",
        "explanation: \"Because.\",",
        "time_limit_secs: 30,",
        "unit: \"minutes\",",
        "keep_order: true,",
        "exact: true,",
        "tolerance: 0.5,",
    ] {
        at(&text, written);
    }
}

#[test]
fn whole_numbers_are_written_as_integers() {
    let deck = minimal_deck(vec![
        numeric(
            "whole",
            raw::Accept::Exact {
                value: 900.0,
                tolerance: 5.0,
            },
        ),
        numeric(
            "range",
            raw::Accept::Range {
                min: -40.0,
                max: 0.0,
            },
        ),
        numeric(
            "decimal",
            raw::Accept::Exact {
                value: 0.1 + 0.2,
                tolerance: 1e-7,
            },
        ),
        numeric(
            "huge",
            raw::Accept::Range {
                min: -1e300,
                max: 2f64.powi(60),
            },
        ),
        numeric(
            "negative-zero",
            raw::Accept::Exact {
                value: -0.0,
                tolerance: -0.0,
            },
        ),
    ]);
    let text = round_trip(&deck);
    for written in [
        "value: 900,\n",
        "tolerance: 5,\n",
        "min: -40,\n",
        "max: 0,\n",
        "value: 0.30000000000000004,\n",
        "tolerance: 1e-7,\n",
        "min: -1e300,\n",
        "value: -0.0,\n",
        "tolerance: -0.0,\n",
    ] {
        at(&text, written);
    }
    assert!(!text.contains("900.0"), "{text}");
}

#[test]
fn text_is_written_as_typed_and_escaped_only_where_needed() {
    let mut deck = minimal_deck(vec![flashcard("q")]);
    let prompt = "Earth's \"moon\" — C:\\Decks\nnew line\ttab, Qué, 日本語, e\u{301}, \
                  ❤\u{fe0f}, 👩\u{200d}👩\u{200d}👧, \u{7}bell, soft\u{ad}hyphen, \u{202e}rtl";
    deck.questions[0].prompt = prompt.to_owned();
    let text = round_trip(&deck);
    let line = text
        .lines()
        .find(|l| l.trim_start().starts_with("prompt:"))
        .unwrap();
    assert_eq!(
        line.trim_start(),
        "prompt: \"Earth's \\\"moon\\\" — C:\\\\Decks\\nnew line\\ttab, Qué, 日本語, e\u{301}, \
         ❤\u{fe0f}, 👩\u{200d}👩\u{200d}👧, \\u{7}bell, soft\\u{ad}hyphen, \\u{202e}rtl\","
    );
}

// ----- to_ron: any deck ---------------------------------------------------------------------

/// Text that is hard to write: quotes, backslashes, control characters, combining marks,
/// joiners, other scripts, and anything else.
fn tricky_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z '\"\\\\\n\r\t\u{0}\u{7f}\u{85}\u{ad}\u{301}\u{200d}\u{fe0f}\u{2028}\u{202e}éß日本👩❤#/*]{1,16}",
        any::<String>().prop_filter("not empty", |s| !s.is_empty()),
    ]
}

fn any_number() -> impl Strategy<Value = f64> {
    prop_oneof![
        (-100_000_i64..100_000).prop_map(|n| n as f64),
        any::<f64>(),
        -1e6..1e6_f64,
    ]
}

prop_compose! {
    fn tricky_deck()(
        title in tricky_text(),
        prompt in tricky_text(),
        explanation in proptest::option::of(tricky_text()),
        options in proptest::collection::vec(tricky_text(), 2..4),
        accepted in tricky_text(),
        (value, tolerance) in (any_number(), any_number()),
        (min, max) in (any_number(), any_number()),
        pair in (tricky_text(), tricky_text()),
    ) -> raw::Deck {
        let mut choices: Vec<raw::Choice> =
            options.into_iter().map(raw::Choice::Wrong).collect();
        // The right option has a picture whose alt text is as tricky as the rest.
        let first = choices.remove(0);
        choices.insert(0, raw::Choice::new(
            first.text().to_owned(),
            true,
            Some(raw::Image { file: "images/x.svg".to_owned(), alt: title.clone() }),
        ));
        let mut deck = minimal_deck(vec![
            raw::Question {
                prompt,
                explanation,
                ..question("choice", raw::Answer::SingleChoice { options: choices, keep_order: false })
            },
            question("text", raw::Answer::Text { accepted: vec![accepted], exact: true }),
            numeric("exact", raw::Accept::Exact { value, tolerance }),
            numeric("range", raw::Accept::Range { min, max }),
            question("match", raw::Answer::Match {
                pairs: vec![pair, ("left".to_owned(), "right".to_owned())],
            }),
        ]);
        deck.title = title;
        deck
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_deck_loads_back_as_written(deck in tricky_deck()) {
        let text = to_ron(&deck);
        let loaded = parse_deck(text.as_bytes(), Path::new("written.ron"));
        match (validate_raw(deck.clone()), loaded) {
            (Ok(expected), Ok(loaded)) => {
                prop_assert_eq!(&loaded, &expected);
                prop_assert_eq!(to_ron(&from_validated(&loaded)), text.clone());
            }
            (Err(expected), Err(loaded)) => {
                // The same rules are broken, whatever order they are reported in.
                let mut expected: Vec<String> =
                    expected.iter().map(|p| format!("{:?}", p.problem)).collect();
                let mut loaded: Vec<String> =
                    loaded.report().diagnostics.iter().map(|d| format!("{:?}", d.problem)).collect();
                expected.sort();
                loaded.sort();
                prop_assert_eq!(expected, loaded, "{}", text);
            }
            (expected, loaded) => prop_assert!(
                false,
                "validate_raw: {:?}\nparse_deck: {:?}\n{}",
                expected.map(|_| ()),
                loaded.map(|_| ()).map_err(|e| e.report().render()),
                text
            ),
        }
        prop_assert_eq!(to_ron(&deck), text);
    }
}

#[test]
fn export_as_ron_prints_the_deck_as_the_editor_writes_it() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("decks/sample-every-kind.ron");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_quizdesk"))
        .args(["export", path.to_str().unwrap(), "--format", "ron"])
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8(output.stdout).unwrap();
    let deck = load_deck(&path).unwrap();
    assert_eq!(text, to_ron(&from_validated(&deck)));
    assert_eq!(parse(&text), deck);
}

// ----- from_validated -----------------------------------------------------------------------

#[test]
fn from_validated_gives_back_the_raw_deck() {
    let raw = full_deck();
    let deck = validate_raw(raw.clone()).unwrap();
    assert_eq!(from_validated(&deck), raw);
}

// ----- question ids -------------------------------------------------------------------------

fn id_for(prompt: &str) -> String {
    question_id_from_prompt(prompt, &HashSet::new())
}

#[test]
fn question_id_comes_from_the_prompts_first_words() {
    assert_eq!(
        id_for("What is fentanyl's potency?"),
        "what-is-fentanyls-potency"
    );
    assert_eq!(
        id_for("  Which   planet is closest to the Sun?  "),
        "which-planet-is-closest-to-the-sun"
    );
    assert_eq!(
        id_for("Put these 5 planets in order"),
        "put-these-5-planets-in-order"
    );
    assert_eq!(id_for("C++ or C#?"), "c-or-c");
}

#[test]
fn question_id_is_at_most_forty_characters_of_whole_words() {
    let id = id_for("Which is the largest planet in the solar system, by mass and by width?");
    assert_eq!(id, "which-is-the-largest-planet-in-the-solar");
    assert!(id.len() <= 40);
    let long_word = "a".repeat(100);
    assert_eq!(id_for(&long_word), "a".repeat(40));
}

#[test]
fn question_id_drops_accents() {
    assert_eq!(id_for("¿Qué es el fentanilo?"), "que-es-el-fentanilo");
    assert_eq!(id_for("Über die Straße"), "uber-die-strasse");
    assert_eq!(id_for("Ça a été dit"), "ca-a-ete-dit");
}

#[test]
fn question_id_falls_back_when_the_prompt_has_no_letters() {
    assert_eq!(id_for(""), "question");
    assert_eq!(id_for("   "), "question");
    assert_eq!(id_for("🌋🔥❤\u{fe0f}"), "question");
    assert_eq!(id_for("日本の首都は？"), "question");
    assert_eq!(id_for("?!…"), "question");
    assert_eq!(id_for("🌋 volcanoes"), "volcanoes");
}

#[test]
fn question_id_is_made_unique_with_a_number() {
    let mut taken = HashSet::new();
    let prompt = "What is fentanyl's potency?";
    let mut ids = Vec::new();
    for _ in 0..4 {
        let id = question_id_from_prompt(prompt, &taken);
        taken.insert(id.clone());
        ids.push(id);
    }
    assert_eq!(
        ids,
        [
            "what-is-fentanyls-potency",
            "what-is-fentanyls-potency-2",
            "what-is-fentanyls-potency-3",
            "what-is-fentanyls-potency-4",
        ]
    );
    let taken: HashSet<String> = ["question".to_owned(), "question-2".to_owned()].into();
    assert_eq!(question_id_from_prompt("", &taken), "question-3");
    // Only an exact match counts as taken.
    let taken: HashSet<String> = ["what-is".to_owned()].into();
    assert_eq!(question_id_from_prompt("What is it?", &taken), "what-is-it");
}

proptest! {
    #[test]
    fn question_id_is_always_valid_and_stable(prompt in any::<String>(), n in 0_usize..5) {
        let base = question_id_from_prompt(&prompt, &HashSet::new());
        let mut taken: HashSet<String> = HashSet::new();
        taken.insert(base.clone());
        for i in 2..(n + 2) {
            taken.insert(format!("{base}-{i}"));
        }
        let id = question_id_from_prompt(&prompt, &taken);
        prop_assert!(is_valid_id(&id), "{:?}", id);
        prop_assert!(!taken.contains(&id));
        prop_assert_eq!(question_id_from_prompt(&prompt, &taken), id);
    }
}

// ----- atomic save --------------------------------------------------------------------------

struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        let path =
            std::env::temp_dir().join(format!("quizdesk-deck-write-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&path);
        fs::create_dir_all(&path).unwrap();
        Self(path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// The names of the files in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn save_writes_the_file_and_keeps_the_previous_version_as_backup() {
    let dir = TempDir::new("backup");
    let path = dir.0.join("deck.ron");
    write_file_atomic(&path, b"first").unwrap();
    assert_eq!(fs::read(&path).unwrap(), b"first");
    assert_eq!(
        names(&dir.0),
        ["deck.ron"],
        "no backup of a file that did not exist"
    );

    write_file_atomic(&path, b"second").unwrap();
    assert_eq!(fs::read(&path).unwrap(), b"second");
    assert_eq!(fs::read(dir.0.join("deck.ron.bak")).unwrap(), b"first");

    write_file_atomic(&path, b"third").unwrap();
    assert_eq!(fs::read(&path).unwrap(), b"third");
    assert_eq!(
        fs::read(dir.0.join("deck.ron.bak")).unwrap(),
        b"second",
        "one backup, the newest"
    );
    assert_eq!(names(&dir.0), ["deck.ron", "deck.ron.bak"]);
}

#[test]
fn save_interrupted_at_any_step_leaves_the_old_file_or_the_new_one_whole() {
    let old = "old content ".repeat(10_000);
    let new = "new content, longer than the old one ".repeat(10_000);
    for step in SaveStep::ALL {
        for existed in [true, false] {
            let dir = TempDir::new(&format!("interrupt-{step:?}-{existed}"));
            let path = dir.0.join("deck.ron");
            let backup = dir.0.join("deck.ron.bak");
            if existed {
                fs::write(&backup, "older backup").unwrap();
                fs::write(&path, &old).unwrap();
            }
            let result = write_file_atomic_with(&path, new.as_bytes(), Some(step));
            let on_disk = fs::read_to_string(&path).ok();
            let backup_step = matches!(step, SaveStep::CopyBackup | SaveStep::KeepBackup);
            let expected_new = if !existed && backup_step {
                // Nothing to back up: the step does not run, and the save succeeds.
                result.unwrap();
                true
            } else {
                let error = result.unwrap_err();
                let message = error.to_string();
                assert_eq!(error.path(), path);
                assert!(message.contains(&path.display().to_string()), "{message}");
                assert!(message.contains(&step.to_string()), "{message}");
                if step == SaveStep::SyncFolder {
                    // The rename is done: only its flush to the disk is unconfirmed.
                    assert!(matches!(error, FileError::NotConfirmed { .. }), "{error}");
                    true
                } else {
                    assert!(matches!(error, FileError::NotSaved { .. }), "{error}");
                    assert!(message.contains("left as it was"), "{message}");
                    false
                }
            };
            let expected = if expected_new {
                Some(new.as_str())
            } else {
                existed.then_some(old.as_str())
            };
            assert_eq!(on_disk.as_deref(), expected, "{step:?} existed: {existed}");

            // The backup is the older one until the previous version has replaced it.
            let backup_now = fs::read_to_string(&backup).ok();
            let backup_expected = match (existed, step) {
                (false, _) => None,
                (true, SaveStep::Replace | SaveStep::SyncFolder) => Some(old.as_str()),
                (true, _) => Some("older backup"),
            };
            assert_eq!(backup_now.as_deref(), backup_expected, "{step:?} {existed}");

            let mut expected_names = vec!["deck.ron".to_owned()];
            if existed {
                expected_names.push("deck.ron.bak".to_owned());
            } else if !expected_new {
                expected_names.clear();
            }
            assert_eq!(names(&dir.0), expected_names, "temp files left at {step:?}");
        }
    }
}

#[test]
fn save_into_a_missing_folder_fails_saying_where_and_what_to_do() {
    let dir = TempDir::new("missing");
    let path = dir.0.join("no-such-folder").join("deck.ron");
    let error = write_file_atomic(&path, b"x").unwrap_err();
    assert!(
        matches!(
            error,
            FileError::NotSaved {
                step: SaveStep::CreateTemp,
                ..
            }
        ),
        "{error}"
    );
    let message = error.to_string();
    assert!(message.contains(&path.display().to_string()), "{message}");
    assert!(
        message.contains("Check that the folder exists"),
        "{message}"
    );
    assert!(!path.exists());
}

#[test]
fn saved_deck_loads_back() {
    let dir = TempDir::new("deck");
    let path = dir.0.join("full.ron");
    let deck = full_deck();
    write_file_atomic(&path, to_ron(&deck).as_bytes()).unwrap();
    // Its picture is beside it, as loading from a file checks.
    fs::create_dir_all(dir.0.join("images")).unwrap();
    fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/assets/icon-256.png"),
        dir.0.join("images/a map.png"),
    )
    .unwrap();
    assert_eq!(load_deck(&path).unwrap(), validate_raw(deck).unwrap());
}

#[test]
fn recovery_file_sits_hidden_beside_the_deck() {
    assert_eq!(
        recovery_path(Path::new("/decks/volcanoes.ron")),
        Path::new("/decks/.volcanoes.recovery.ron")
    );
}
