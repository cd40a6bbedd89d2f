//! Importers: Quizlet text exports, quizdesk's CSV format and spreadsheets (.xlsx, in Kahoot's
//! layout or quizdesk's columns, in import/xlsx.rs), on real-shaped files in
//! tests/fixtures/import/, CSV export/import round trips, and text files in other encodings
//! through the command line and the app (import/encodings.rs).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use quizdesk::deck::raw::{Accept, Answer, Choice, Question};
use quizdesk::deck::{load_deck, validate_raw};
use quizdesk::import::{
    self, CardSeparator, ImportError, ImportOptions, Imported, SkippedRow, TermSeparator,
};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

fn text(name: &str) -> String {
    std::fs::read_to_string(fixture(name)).unwrap()
}

fn options() -> ImportOptions {
    ImportOptions {
        deck_id: "imported".to_owned(),
        title: "Imported".to_owned(),
        language: "en".to_owned(),
        as_choice: false,
        seed: 1,
    }
}

fn choice_options() -> ImportOptions {
    ImportOptions {
        as_choice: true,
        ..options()
    }
}

/// The import's deck passes validation; returns it for further checks.
fn valid(imported: &Imported) -> &Imported {
    if let Err(problems) = validate_raw(imported.deck.clone()) {
        panic!("imported deck is invalid: {problems:?}");
    }
    imported
}

fn skipped(rows: &[(usize, &str)]) -> Vec<SkippedRow> {
    rows.iter()
        .map(|(row, reason)| SkippedRow {
            row: *row,
            reason: (*reason).to_owned(),
        })
        .collect()
}

fn question(id: &str, prompt: &str, answer: Answer) -> Question {
    Question {
        id: id.to_owned(),
        prompt: prompt.to_owned(),
        image: None,
        answer,
        explanation: None,
        source: None,
        tags: Vec::new(),
        time_limit_secs: None,
        notes: None,
    }
}

fn card(id: &str, term: &str, back: &str) -> Question {
    question(
        id,
        term,
        Answer::Flashcard {
            back: back.to_owned(),
        },
    )
}

fn choices(correct: &[&str], wrong: &[&str]) -> Vec<Choice> {
    correct
        .iter()
        .map(|c| Choice::Correct((*c).to_owned()))
        .chain(wrong.iter().map(|w| Choice::Wrong((*w).to_owned())))
        .collect()
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

mod common;

#[path = "import/xlsx.rs"]
mod xlsx;

#[path = "import/encodings.rs"]
mod encodings;

// ----- Quizlet ---------------------------------------------------------------------------------

#[test]
fn quizlet_tab_export_becomes_flashcards_and_skips_half_cards() {
    let text = text("quizlet-tab.txt");
    assert_eq!(
        import::detect_quizlet_separators(&text),
        (TermSeparator::Tab, CardSeparator::NewLine)
    );
    let imported = import::quizlet(
        &text,
        TermSeparator::Tab,
        CardSeparator::NewLine,
        &options(),
    )
    .unwrap();
    valid(&imported);
    assert_eq!(imported.deck.id, "imported");
    assert_eq!(imported.deck.title, "Imported");
    assert_eq!(imported.deck.language, "en");
    assert_eq!(
        imported.deck.questions,
        [
            card("le-chat", "le chat", "the cat"),
            card("le-chien", "le chien", "the dog"),
            card("la-maison", "la maison", "the house"),
            card("lecole", "l'école", "the school"),
            card(
                "le-chat-2",
                "le chat",
                "the cat (a second card with the same term)"
            ),
        ]
    );
    assert_eq!(
        imported.skipped,
        skipped(&[
            (4, "the card has no term"),
            (5, "the card has no definition"),
            (6, "there is no tab between the term and the definition"),
            (7, "the card is empty"),
        ])
    );
}

#[test]
fn quizlet_comma_and_semicolon_export_keeps_commas_and_line_breaks_in_definitions() {
    let text = text("quizlet-comma.txt");
    assert_eq!(
        import::detect_quizlet_separators(&text),
        (TermSeparator::Comma, CardSeparator::Semicolon)
    );
    let imported = import::quizlet(
        &text,
        TermSeparator::Comma,
        CardSeparator::Semicolon,
        &options(),
    )
    .unwrap();
    valid(&imported);
    assert_eq!(
        imported.deck.questions,
        [
            card(
                "photosynthesis",
                "photosynthesis",
                "how plants make food from light"
            ),
            card("mitochondria", "mitochondria", "the powerhouse of the cell"),
            card("ribosome", "ribosome", "where proteins are made"),
            card(
                "nucleus",
                "nucleus",
                "holds the DNA, the cell's genetic material"
            ),
            card(
                "chlorophyll",
                "chlorophyll",
                "the green pigment that\ncatches light"
            ),
        ]
    );
    assert_eq!(
        imported.skipped,
        skipped(&[(5, "there is no comma between the term and the definition")])
    );
}

#[test]
fn quizlet_custom_separators_and_windows_line_endings() {
    let text = "one :: uno ## two :: dos ## three :: tres";
    let imported = import::quizlet(
        text,
        TermSeparator::Custom("::".to_owned()),
        CardSeparator::Custom("##".to_owned()),
        &options(),
    )
    .unwrap();
    assert_eq!(
        imported.deck.questions,
        [
            card("one", "one", "uno"),
            card("two", "two", "dos"),
            card("three", "three", "tres"),
        ]
    );
    let crlf = "sun\tsol\r\nmoon\tluna\r\n";
    let imported =
        import::quizlet(crlf, TermSeparator::Tab, CardSeparator::NewLine, &options()).unwrap();
    assert_eq!(
        imported.deck.questions,
        [card("sun", "sun", "sol"), card("moon", "moon", "luna")]
    );
    assert_eq!(
        import::quizlet(
            text,
            TermSeparator::Custom(String::new()),
            CardSeparator::NewLine,
            &options()
        ),
        Err(ImportError::EmptySeparator {
            which: "term",
            between: "a term and its definition"
        })
    );
}

#[test]
fn quizlet_as_choice_draws_three_other_definitions_by_seed() {
    let text = text("quizlet-comma.txt");
    let import_with = |seed| {
        import::quizlet(
            &text,
            TermSeparator::Comma,
            CardSeparator::Semicolon,
            &ImportOptions {
                seed,
                ..choice_options()
            },
        )
        .unwrap()
    };
    let imported = import_with(7);
    valid(&imported);
    let definitions: Vec<String> = import::quizlet(
        &text,
        TermSeparator::Comma,
        CardSeparator::Semicolon,
        &options(),
    )
    .unwrap()
    .deck
    .questions
    .into_iter()
    .map(|q| match q.answer {
        Answer::Flashcard { back } => back,
        other => panic!("{other:?}"),
    })
    .collect();
    assert_eq!(imported.deck.questions.len(), 5);
    for (q, definition) in imported.deck.questions.iter().zip(&definitions) {
        let Answer::SingleChoice {
            options,
            keep_order: false,
        } = &q.answer
        else {
            panic!("{:?}", q.answer);
        };
        assert_eq!(options.len(), 4, "{}", q.prompt);
        assert_eq!(options[0], Choice::Correct(definition.clone()));
        let mut wrong: Vec<&String> = options[1..]
            .iter()
            .map(|o| match o {
                Choice::Wrong(text) => text,
                other => panic!("{other:?}"),
            })
            .collect();
        assert!(
            wrong
                .iter()
                .all(|w| definitions.contains(w) && *w != definition)
        );
        wrong.sort();
        wrong.dedup();
        assert_eq!(wrong.len(), 3, "{}", q.prompt);
    }
    assert_eq!(
        imported,
        import_with(7),
        "the same seed gives the same deck"
    );
    assert_ne!(
        imported.deck.questions,
        import_with(8).deck.questions,
        "another seed picks other wrong options"
    );
}

#[test]
fn quizlet_as_choice_skips_cards_with_too_few_other_definitions() {
    let text = "chat\tcat\nminou\tcat\nchien\tdog\noiseau\tbird\n";
    let imported = import::quizlet(
        text,
        TermSeparator::Tab,
        CardSeparator::NewLine,
        &choice_options(),
    )
    .unwrap();
    valid(&imported);
    assert_eq!(imported.skipped, []);
    // "cat" twice counts once: every card has 2 other distinct definitions.
    for q in &imported.deck.questions {
        let Answer::SingleChoice { options, .. } = &q.answer else {
            panic!("{:?}", q.answer)
        };
        assert_eq!(options.len(), 3, "{}", q.prompt);
    }

    let text = "chat\tcat\nminou\tcat\nchien\tdog\n";
    let reason = |n| {
        format!(
            "only {n} other card(s) have a different definition, and a choice question needs at least 2 wrong options; import without choices to make flashcards"
        )
    };
    assert_eq!(
        import::quizlet(
            text,
            TermSeparator::Tab,
            CardSeparator::NewLine,
            &choice_options()
        ),
        Err(ImportError::NothingImportable {
            skipped: vec![
                SkippedRow {
                    row: 1,
                    reason: reason(1)
                },
                SkippedRow {
                    row: 2,
                    reason: reason(1)
                },
                SkippedRow {
                    row: 3,
                    reason: reason(1)
                },
            ]
        })
    );
}

#[test]
fn empty_quizlet_export_has_nothing_to_import() {
    assert_eq!(
        import::quizlet(
            "\n\n",
            TermSeparator::Tab,
            CardSeparator::NewLine,
            &options()
        ),
        Err(ImportError::NothingImportable {
            skipped: Vec::new()
        })
    );
}

// ----- CSV -------------------------------------------------------------------------------------

#[test]
fn csv_with_every_kind_imports_good_rows_and_skips_bad_ones_by_row() {
    let imported = import::csv(&text("every-kind.csv"), &options()).unwrap();
    valid(&imported);
    let q = |id: &str, prompt: &str, answer| question(id, prompt, answer);
    let mut expected = vec![
        Question {
            explanation: Some("Paris has been the capital since 987.".to_owned()),
            tags: strings(&["geography", "europe"]),
            ..card(
                // Row 30 asks for the id made from this prompt, so this row gets a number.
                "what-is-the-capital-of-france-2",
                "What is the capital of France?",
                "Paris",
            )
        },
        Question {
            tags: strings(&["planets"]),
            time_limit_secs: Some(30),
            ..q(
                "closest-planet",
                "Which planet is closest to the Sun?",
                Answer::SingleChoice {
                    options: choices(&["Mercury"], &["Venus", "Earth", "Mars"]),
                    keep_order: false,
                },
            )
        },
        Question {
            tags: strings(&["planets"]),
            ..q(
                "which-of-these-planets-are-gas-giants",
                "Which of these planets are gas giants? Select all that apply.",
                Answer::MultiSelect {
                    options: choices(&["Jupiter", "Saturn"], &["Mars", "Venus"]),
                    keep_order: false,
                },
            )
        },
        q(
            "about-how-long-does-earth-take-to-go",
            "About how long does Earth take to go once around the Sun?",
            Answer::SingleChoice {
                options: vec![
                    Choice::Wrong("About one day".to_owned()),
                    Choice::Wrong("About one month".to_owned()),
                    Choice::Correct("About one year".to_owned()),
                    Choice::Wrong("About ten years".to_owned()),
                ],
                keep_order: true,
            },
        ),
        Question {
            tags: strings(&["sun"]),
            time_limit_secs: Some(20),
            ..q(
                "the-sun-is-a-star",
                "The Sun is a star.",
                Answer::TrueFalse { correct: true },
            )
        },
        Question {
            tags: strings(&["sun", "light"]),
            ..q(
                "about-how-many-minutes-does-sunlight",
                "About how many minutes does sunlight take to reach Earth?",
                Answer::Numeric {
                    accept: Accept::Exact {
                        value: 8.3,
                        tolerance: 0.5,
                    },
                    unit: Some("minutes".to_owned()),
                },
            )
        },
        q(
            "on-average-how-far-is-earth-from-the-sun",
            "On average, how far is Earth from the Sun, in millions of kilometres?",
            Answer::Numeric {
                accept: Accept::Range {
                    min: 145.0,
                    max: 155.0,
                },
                unit: Some("million km".to_owned()),
            },
        ),
        q(
            "what-is-the-name-of-earths-only-natural",
            "What is the name of Earth's only natural satellite?",
            Answer::Text {
                accepted: strings(&["the Moon", "Moon"]),
                exact: false,
            },
        ),
        q(
            "what-is-the-chemical-symbol-of-helium",
            "What is the chemical symbol of helium?",
            Answer::Text {
                accepted: strings(&["He"]),
                exact: true,
            },
        ),
        Question {
            time_limit_secs: Some(60),
            ..q(
                "put-these-planets-in-order-closest-to",
                "Put these planets in order, closest to the Sun first.",
                Answer::Order {
                    items: strings(&["Mercury", "Venus", "Earth", "Mars"]),
                },
            )
        },
        q(
            "match-each-planet-with-a-feature",
            "Match each planet with a feature.",
            Answer::Match {
                pairs: vec![
                    ("Jupiter".to_owned(), "The Great Red Spot".to_owned()),
                    ("Saturn".to_owned(), "The brightest rings".to_owned()),
                    ("Mars".to_owned(), "Olympus Mons".to_owned()),
                ],
            },
        ),
        card(
            "who-shouted-eureka-in-his-bath-name-him",
            "Who shouted \"Eureka!\" in his bath?\nName him, and his city.",
            "Archimedes, in Syracuse",
        ),
        card(
            "what-is-the-capital-of-france",
            "Capital of France (explicit id)",
            "Paris",
        ),
        card("closest-planet-2", "Closest planet", "Mercury"),
    ];
    assert_eq!(imported.deck.questions.len(), expected.len());
    for (got, want) in imported.deck.questions.iter().zip(expected.drain(..)) {
        assert_eq!(*got, want);
    }
    assert_eq!(
        imported.skipped,
        skipped(&[
            (
                14,
                "a single question has exactly one correct option; this row has 2 (for \"select all that apply\", use the kind multi)"
            ),
            (
                15,
                "unknown kind `essay`; write flashcard, single, multi, truefalse, numeric, text, order, match, poll or words"
            ),
            (
                18,
                "`1,000` is not a number, `value±tolerance` or `min..max`; write it like `8`, `8.3±0.5`, `8.3+-0.5` or `145..155`, with a dot for decimals and no thousands separators, optionally followed by a space and the unit (`145..155 million km`)"
            ),
            (
                19,
                "a truefalse question's `correct` is true or false, not `no`"
            ),
            (
                20,
                "`France Paris` is not a pair; write each pair as left=right, separated by |"
            ),
            (
                21,
                "the `wrong` column is only for single and multi questions; leave it empty for a text question"
            ),
            (
                22,
                "the time limit `0` is not a whole number of seconds from 1 to 3600; leave it empty for no limit"
            ),
            (23, "the id `closest-planet` is already used by row 3"),
            (24, "the prompt is empty"),
            (
                25,
                "`apple` is in both `correct` and `wrong` (only with the flag `keep_order` may a correct option be written in `wrong` too, to place it among the wrong ones)"
            ),
            (
                26,
                "an order question needs at least 2 items; this one has 1"
            ),
            (27, "the accepted answer `red.` is the same as `Red`"),
            (
                28,
                "the flag `exact` is for text questions only, not single"
            ),
            (
                29,
                "column 10 holds `extra`, but the header gives that column no name"
            ),
        ])
    );
}

#[test]
fn csv_template_imports_every_kind_without_skipping() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/import-template.csv");
    let imported = import::csv(&std::fs::read_to_string(path).unwrap(), &options()).unwrap();
    valid(&imported);
    assert_eq!(imported.skipped, []);
    let deck = validate_raw(imported.deck).unwrap();
    let mut kinds: Vec<&str> = deck
        .questions()
        .iter()
        .map(|q| q.answer.kind_name())
        .collect();
    kinds.dedup();
    assert_eq!(kinds, quizdesk::deck::ANSWER_KINDS);
}

#[test]
fn csv_header_problems_fail_the_import_and_name_the_columns() {
    let o = options();
    assert_eq!(
        import::csv("kind,prompt,correct,answer,origin\n", &o),
        Err(ImportError::UnknownColumns {
            names: strings(&["answer", "origin"])
        })
    );
    assert_eq!(
        import::csv("single,Which planet?,Mercury,Venus\n", &o),
        Err(ImportError::MissingHeader)
    );
    assert_eq!(
        import::csv("kind,prompt,wrong\ntext,Hi,\n", &o),
        Err(ImportError::MissingColumns {
            names: strings(&["correct"])
        })
    );
    assert_eq!(
        import::csv("kind,prompt,correct,Prompt\n", &o),
        Err(ImportError::DuplicateColumn {
            name: "prompt".to_owned()
        })
    );
    assert_eq!(
        import::csv("", &o),
        Err(ImportError::NothingImportable {
            skipped: Vec::new()
        })
    );
    let message = import::csv("kind,prompt,correct,answer\n", &o)
        .unwrap_err()
        .to_string();
    assert_eq!(
        message,
        "the header row names unknown column(s) `answer`; the columns quizdesk knows are `kind`, `prompt`, `correct`, `wrong`, `explanation`, `source`, `tags`, `time_limit_secs`, `flags`, `id`, `notes`, `image`, `image_alt` (see docs/import.md)"
    );
}

#[test]
fn csv_columns_may_come_in_any_order_and_be_left_out() {
    let text = "Correct, Prompt ,KIND,time limit secs\r\nParis,Capital of France?,text,45\r\n";
    let imported = import::csv(text, &options()).unwrap();
    assert_eq!(
        imported.deck.questions,
        [Question {
            time_limit_secs: Some(45),
            ..question(
                "capital-of-france",
                "Capital of France?",
                Answer::Text {
                    accepted: strings(&["Paris"]),
                    exact: false
                }
            )
        }]
    );
}

#[test]
fn csv_with_only_bad_rows_lists_every_reason() {
    let text = "kind,prompt,correct\nsingle,Pick one,A\n";
    assert_eq!(
        import::csv(text, &options()),
        Err(ImportError::NothingImportable {
            skipped: skipped(&[(
                2,
                "the `wrong` column is empty; a single question needs at least one wrong option"
            )])
        })
    );
}

#[test]
fn bad_deck_options_are_reported_before_any_row() {
    let bad = ImportOptions {
        deck_id: "My Deck".to_owned(),
        title: " ".to_owned(),
        ..options()
    };
    let Err(ImportError::InvalidOptions(problems)) =
        import::csv("kind,prompt,correct\nflashcard,a,b\n", &bad)
    else {
        panic!("bad options were accepted");
    };
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths, ["id", "title"]);
}

// ----- CSV round trips -------------------------------------------------------------------------

fn round_trip(deck_file: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("decks")
        .join(deck_file);
    round_trip_deck(&load_deck(&path).unwrap(), deck_file);
}

/// Exports `original` as CSV, imports it back and checks every question is the same; the CSV.
fn round_trip_deck(original: &quizdesk::deck::Deck, deck_file: &str) -> String {
    let csv = import::to_csv(original);
    let imported = import::csv(&csv, &options()).unwrap();
    assert_eq!(imported.skipped, [], "{deck_file}");
    let back = validate_raw(imported.deck).unwrap();
    assert_eq!(
        back.questions().len(),
        original.questions().len(),
        "{deck_file}"
    );
    for (got, want) in back.questions().iter().zip(original.questions()) {
        assert_eq!(got.id, want.id);
        assert_eq!(got.prompt, want.prompt, "{}", want.id);
        assert_eq!(got.answer, want.answer, "{}", want.id);
        assert_eq!(got.explanation, want.explanation, "{}", want.id);
        assert_eq!(got.tags, want.tags, "{}", want.id);
        assert_eq!(got.time_limit_secs, want.time_limit_secs, "{}", want.id);
        assert_eq!(got.notes, want.notes, "speaker notes of {}", want.id);
        assert_eq!(got.image, want.image, "picture of {}", want.id);
        // Citations come back with their source id and locator (the source's title and
        // details do not fit CSV).
        assert_eq!(got.source, want.source, "{}", want.id);
    }
    // Exporting the import again gives the same text.
    assert_eq!(import::to_csv(&back), csv, "{deck_file}");
    csv
}

#[test]
fn csv_export_and_import_round_trip_the_sample_deck() {
    round_trip("sample-every-kind.ron");
}

#[test]
fn csv_export_and_import_round_trip_the_awareness_deck() {
    round_trip("fentanyl-social-media.ron");
}

#[test]
fn csv_export_guards_formula_like_text_and_imports_it_back_the_same() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("decks/sample-every-kind.ron");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replacen(
            "prompt: \"Which planet is closest to the Sun?\"",
            "prompt: \"=, + and @ aside: which planet is closest to the Sun?\"",
            1,
        )
        .replacen(
            "prompt: \"How many planets orbit the Sun?\"",
            "prompt: \"-1 + 9 is a hint. How many planets orbit the Sun?\"",
            1,
        )
        .replacen("Exact(value: 8), unit: \"planets\"", "Exact(value: -8)", 1)
        .replacen("Correct(\"Mercury\")", "Correct(\"+Mercury\")", 1)
        .replacen(
            "explanation: \"Jupiter is",
            "explanation: \"'@' is no planet; Jupiter is",
            1,
        );
    let deck = quizdesk::deck::parse_deck(text.as_bytes(), &path).unwrap();
    let csv = round_trip_deck(&deck, "sample-every-kind.ron, edited");
    let rows: Vec<Vec<String>> = csv::Reader::from_reader(csv.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    let row = |prefix: &str| {
        rows.iter()
            .find(|r| r[1].starts_with(prefix))
            .unwrap_or_else(|| panic!("no row with a prompt {prefix:?}: {csv}"))
    };
    assert!(
        row("'=, + and @").contains(&"'+Mercury".to_owned()),
        "{csv}"
    );
    let planets = row("'-1 + 9");
    // A number the export writes itself stays a number.
    assert!(planets.contains(&"-8".to_owned()), "{planets:?}");
    assert!(
        row("Which is the largest")
            .iter()
            .any(|c| c.starts_with("''@' is no planet")),
        "{csv}"
    );
}

#[test]
fn csv_round_trip_keeps_separators_and_quotes_inside_values() {
    let text = concat!(
        "kind,prompt,correct,wrong,explanation,tags,flags\n",
        "single,\"Which is a \"\"pipe\"\"?\",\"a \\| b\",\"a / b|a \\\\ b\",\"Line one\nline two, with a comma\",\"x\\|y\",keep_order\n",
        "match,Equations,\"E\\=mc²=Einstein|a\\\\=back\\\\slash\",,,,\n",
        "flashcard,Pipes on a card,\"keep | this \\ as it is\",,,,\n",
    );
    let imported = import::csv(text, &options()).unwrap();
    assert_eq!(imported.skipped, []);
    let deck = validate_raw(imported.deck.clone()).unwrap();
    assert_eq!(
        imported.deck.questions[0].answer,
        Answer::SingleChoice {
            options: choices(&["a | b"], &["a / b", "a \\ b"]),
            keep_order: true,
        }
    );
    assert_eq!(imported.deck.questions[0].tags, ["x|y"]);
    assert_eq!(
        imported.deck.questions[1].answer,
        Answer::Match {
            pairs: vec![
                ("E=mc²".to_owned(), "Einstein".to_owned()),
                ("a\\".to_owned(), "back\\slash".to_owned()),
            ]
        }
    );
    assert_eq!(
        imported.deck.questions[2].answer,
        Answer::Flashcard {
            back: "keep | this \\ as it is".to_owned()
        }
    );
    let again = import::csv(&import::to_csv(&deck), &options()).unwrap();
    assert_eq!(again.deck.questions, imported.deck.questions);
}

#[test]
fn csv_row_numbers_count_blank_lines_and_not_line_breaks_inside_quotes() {
    let text =
        "kind,prompt,correct\r\n\r\nflashcard,\"two\r\nlines\",\r\n\r\n\r\nsingle,Pick,A\r\n";
    assert_eq!(
        import::csv(text, &options()),
        Err(ImportError::NothingImportable {
            skipped: skipped(&[
                (
                    3,
                    "the `correct` column is empty; for a flashcard question write the back of the card"
                ),
                (
                    6,
                    "the `wrong` column is empty; a single question needs at least one wrong option"
                ),
            ])
        })
    );
}

#[test]
fn csv_examples_in_the_docs_import_as_described() {
    let docs =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/import.md"))
            .unwrap();
    let examples: Vec<&str> = docs
        .split("```csv\n")
        .skip(1)
        .filter_map(|block| block.split("```").next())
        .collect();
    assert_eq!(examples.len(), 2);
    let imported = import::csv(examples[0], &options()).unwrap();
    assert_eq!(imported.skipped, []);
    assert_eq!(
        imported.deck.questions[0].answer,
        Answer::Match {
            pairs: vec![
                ("E=mc²".to_owned(), "Einstein".to_owned()),
                ("F=ma".to_owned(), "Newton".to_owned()),
            ]
        }
    );
    assert_eq!(
        imported.deck.questions[1].answer,
        Answer::SingleChoice {
            options: choices(&["|"], &["/", "\\"]),
            keep_order: false
        }
    );
    let imported = import::csv(examples[1], &options()).unwrap();
    assert_eq!(imported.skipped, []);
    assert_eq!(
        imported.deck.questions[0].prompt,
        "Who shouted \"Eureka!\" in his bath?"
    );
}

#[test]
fn csv_saved_with_semicolons_or_tabs_is_read_too() {
    let expected = [Question {
        explanation: Some("Paris, since 987".to_owned()),
        ..question(
            "capital-of-france",
            "Capital of France?",
            Answer::SingleChoice {
                options: choices(&["Paris"], &["Lyon", "Nice"]),
                keep_order: false,
            },
        )
    }];
    let semicolons = "kind;prompt;correct;wrong;explanation\nsingle;Capital of France?;Paris;Lyon|Nice;Paris, since 987\n";
    assert_eq!(
        import::csv(semicolons, &options()).unwrap().deck.questions,
        expected
    );
    let tabs = "kind\tprompt\tcorrect\twrong\texplanation\nsingle\tCapital of France?\tParis\tLyon|Nice\tParis, since 987\n";
    assert_eq!(
        import::csv(tabs, &options()).unwrap().deck.questions,
        expected
    );
}

#[test]
fn error_messages_say_what_to_do() {
    let bad = ImportOptions {
        deck_id: "My Deck".to_owned(),
        title: String::new(),
        language: "english".to_owned(),
        ..options()
    };
    assert_eq!(
        import::csv("kind,prompt,correct\n", &bad)
            .unwrap_err()
            .to_string(),
        "the new deck's settings are not usable: `My Deck` is not a valid deck id (ids start with a lowercase letter a-z or a digit, then use a-z, digits, `-`, `_` and `.`, at most 64 characters, such as \"potency-vs-morphine\"); the deck title is empty; `english` is not a language tag (use a tag such as \"en\", \"en-US\" or \"es\")"
    );
    assert_eq!(
        ImportError::NothingImportable {
            skipped: skipped(&[(2, "x"), (3, "y")])
        }
        .to_string(),
        "no question could be imported: all 2 row(s) were skipped; fix the rows listed and import again"
    );
}

#[test]
fn csv_source_column_cites_a_source_that_the_deck_then_lists() {
    let text = "kind,prompt,correct,source\n\
                truefalse,Fentanyl is a synthetic opioid.,true,report: paragraph 12\n\
                truefalse,It was first made as an anesthetic.,true,paragraph 12\n";
    let imported = import::csv(text, &options()).unwrap();
    assert_eq!(imported.deck.sources.len(), 1);
    assert_eq!(imported.deck.sources[0].id, "report");
    let cite = imported.deck.questions[0].source.as_ref().unwrap();
    assert_eq!(
        (cite.source.as_str(), cite.locator.as_str()),
        ("report", "paragraph 12")
    );
    assert_eq!(imported.skipped.len(), 1);
    assert_eq!(imported.skipped[0].row, 3);
    assert!(
        imported.skipped[0]
            .reason
            .contains("source's id, a colon and where in it")
    );
}

#[test]
fn csv_pictures_need_their_alt_text_and_alt_text_needs_a_picture() {
    let csv = "kind,prompt,correct,image,image_alt\n\
        truefalse,Is this a pencil?,true,images/p.svg,A pencil\n\
        truefalse,No alt?,true,images/p.svg,\n\
        truefalse,Alt only?,true,,A pencil\n";
    let imported = import::csv(csv, &options()).unwrap();
    let picture = imported.deck.questions[0].image.as_ref().unwrap();
    assert_eq!(
        (picture.file.as_str(), picture.alt.as_str()),
        ("images/p.svg", "A pencil")
    );
    let reasons: Vec<(usize, &str)> = imported
        .skipped
        .iter()
        .map(|s| (s.row, s.reason.as_str()))
        .collect();
    assert_eq!(
        reasons,
        [
            (3, "this picture has no alt text"),
            (
                4,
                "the row has alt text in `image_alt` but no picture in `image`; give the picture's path, or leave both empty"
            )
        ]
    );
}
