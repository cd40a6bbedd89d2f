//! Property tests: whatever text a teacher, a spreadsheet or a learner puts in any field, the
//! validator, the writer, the loader, grading and every importer return a result or an error,
//! and never panic.
//!
//! The texts lean on what once broke the validator: non-ASCII characters in the first bytes of a
//! field (`www.café.org` made the URL check slice inside `é`), multi-byte punctuation, joiners,
//! control characters and text that looks like the start of a link.

use std::path::Path;

use proptest::prelude::*;
use quizdesk::deck::{is_web_link, parse_deck, raw, to_ron, validate_raw};
use quizdesk::import::{CardSeparator, ImportFormat, ImportOptions, TermSeparator, import_bytes};
use quizdesk::quiz::grade::{Response, grade, parse_number, parse_number_with_unit};

/// Text with non-ASCII characters where byte offsets of ASCII prefixes fall.
fn tricky_text() -> impl Strategy<Value = String> {
    prop_oneof![
        // Link-like starts with a multi-byte character across the scheme's length.
        (
            prop::sample::select(vec![
                "",
                "h",
                "ht",
                "http",
                "https",
                "https:",
                "https:/",
                "https://",
                "HTTP://",
                "www.",
                "www.caf",
                "file:",
                "javascript:",
                "-",
                "=",
                "@",
            ]),
            "[éß日本👩\u{301}\u{200d}\u{a0}\u{2026}\u{2014}a-z.:/ ]{0,12}",
        )
            .prop_map(|(start, rest)| format!("{start}{rest}")),
        "[a-z '\"\\\\\n\r\t\u{0}\u{7f}\u{85}\u{ad}\u{301}\u{200d}\u{fe0f}\u{2028}\u{202e}éß日本👩❤#/*…—]{0,16}",
        any::<String>(),
    ]
}

prop_compose! {
    fn every_field()(
        deck_texts in prop::collection::vec(tricky_text(), 6),
        source_texts in prop::collection::vec(tricky_text(), 6),
        resource_texts in prop::collection::vec(tricky_text(), 3),
        question_texts in prop::collection::vec(tricky_text(), 8),
        answers in prop::collection::vec(tricky_text(), 12),
    ) -> raw::Deck {
        let q = |i: usize, answer: raw::Answer| raw::Question {
            id: format!("q{i}"),
            prompt: question_texts[0].clone(),
            image: None,
            answer,
            explanation: Some(question_texts[1].clone()),
            source: Some(raw::Cite {
                source: source_texts[0].clone(),
                locator: question_texts[2].clone(),
            }),
            tags: vec![question_texts[3].clone(), question_texts[4].clone()],
            time_limit_secs: Some(30),
            notes: Some(question_texts[5].clone()),
        };
        let choices = vec![
            raw::Choice::Correct(answers[0].clone()),
            raw::Choice::Wrong(answers[1].clone()),
            raw::Choice::Wrong(answers[2].clone()),
        ];
        let mut questions = vec![
            q(0, raw::Answer::Flashcard { back: answers[3].clone() }),
            q(1, raw::Answer::SingleChoice { options: choices.clone(), keep_order: false }),
            q(2, raw::Answer::MultiSelect { options: choices, keep_order: true }),
            q(3, raw::Answer::TrueFalse { correct: true }),
            q(4, raw::Answer::Numeric {
                accept: raw::Accept::Exact { value: 1.0, tolerance: 0.5 },
                unit: Some(answers[4].clone()),
            }),
            q(5, raw::Answer::Text {
                accepted: vec![answers[5].clone(), answers[6].clone()],
                exact: false,
            }),
            q(6, raw::Answer::Order { items: vec![answers[7].clone(), answers[8].clone()] }),
            q(7, raw::Answer::Match {
                pairs: vec![
                    (answers[9].clone(), answers[10].clone()),
                    (answers[11].clone(), answers[0].clone()),
                ],
            }),
        ];
        // One question with ids taken from the texts too.
        questions[0].id = question_texts[6].clone();
        raw::Deck {
            id: deck_texts[0].clone(),
            title: deck_texts[1].clone(),
            description: deck_texts[2].clone(),
            language: deck_texts[3].clone(),
            authors: vec![deck_texts[4].clone()],
            version: 1,
            content_note: Some(deck_texts[5].clone()),
            sources: vec![raw::Source {
                id: source_texts[0].clone(),
                title: source_texts[1].clone(),
                description: Some(source_texts[2].clone()),
                authors: vec![source_texts[3].clone()],
                url: Some(source_texts[4].clone()),
            }],
            resources: vec![raw::Resource {
                title: resource_texts[0].clone(),
                body: resource_texts[1].clone(),
                url: Some(resource_texts[2].clone()),
            }],
            questions,
            sessions: vec![raw::Session {
                name: deck_texts[1].clone(),
                minutes: Some(15),
                description: Some(resource_texts[0].clone()),
                questions: vec![question_texts[6].clone(), "q1".to_owned(), "nope".to_owned()],
            }],
        }
    }
}

fn options() -> ImportOptions {
    ImportOptions {
        deck_id: "imported".to_owned(),
        title: "Imported".to_owned(),
        language: "en".to_owned(),
        as_choice: true,
        seed: 7,
    }
}

/// Imports `bytes` in every format, with detected and with every given Quizlet separator.
fn import_every_way(bytes: &[u8]) {
    for format in [ImportFormat::Csv, ImportFormat::Xlsx, ImportFormat::Quizlet] {
        if let Ok(imported) = import_bytes(bytes, format, None, &options()) {
            // What an importer produces is always a valid deck.
            assert!(validate_raw(imported.deck).is_ok());
        }
    }
    for term in [TermSeparator::Tab, TermSeparator::Comma] {
        for card in [CardSeparator::NewLine, CardSeparator::Semicolon] {
            let _ = import_bytes(
                bytes,
                ImportFormat::Quizlet,
                Some((term.clone(), card)),
                &options(),
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn every_text_field_validates_writes_and_loads_without_panicking(deck in every_field()) {
        let valid = validate_raw(deck.clone());
        let text = to_ron(&deck);
        let loaded = parse_deck(text.as_bytes(), Path::new("fields.ron"));
        // Whatever the validator says of the deck, the loader says of its written form.
        prop_assert_eq!(valid.is_ok(), loaded.is_ok(), "{}", text);
        if let Err(error) = loaded {
            prop_assert!(!error.report().render().is_empty());
        }
        for url in deck.sources.iter().filter_map(|s| s.url.as_deref())
            .chain(deck.resources.iter().filter_map(|r| r.url.as_deref()))
        {
            let _ = is_web_link(url);
        }
    }

    #[test]
    fn typed_answers_grade_without_panicking(typed in tricky_text(), unit in tricky_text()) {
        let _ = parse_number(&typed);
        let _ = parse_number_with_unit(&typed, Some(&unit));
        let deck = parse_deck(
            include_bytes!("../decks/sample-every-kind.ron"),
            Path::new("sample-every-kind.ron"),
        );
        let Ok(deck) = deck else { panic!("the sample deck loads") };
        for question in deck.questions() {
            let _ = grade(&question.answer, &Response::Text(typed.clone()));
        }
    }

    #[test]
    fn importers_never_panic_on_text(text in tricky_text(), more in prop::collection::vec(tricky_text(), 0..8)) {
        let mut file = text;
        for (i, cell) in more.iter().enumerate() {
            file.push(if i % 3 == 0 { '\n' } else if i % 3 == 1 { ',' } else { '\t' });
            file.push_str(cell);
        }
        import_every_way(file.as_bytes());
    }

    #[test]
    fn importers_never_panic_on_csv_rows(cells in prop::collection::vec(tricky_text(), 0..24)) {
        let mut file = String::from("kind,prompt,correct,wrong,explanation,source,tags,time_limit_secs,flags,id\n");
        for row in cells.chunks(10) {
            let quoted: Vec<String> =
                row.iter().map(|c| format!("\"{}\"", c.replace('"', "\"\""))).collect();
            file.push_str(&quoted.join(","));
            file.push('\n');
        }
        import_every_way(file.as_bytes());
    }

    #[test]
    fn importers_never_panic_on_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        import_every_way(&bytes);
    }
}

/// The case that crashed the app at every start: a resource link with `é` across byte 8.
#[test]
fn a_link_with_an_accent_near_its_start_is_an_error_not_a_crash() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("decks/sample-every-kind.ron"),
    )
    .unwrap_or_default();
    let start = text.find("url: \"https://science").unwrap_or(0);
    let end = start + text[start..].find("\",").unwrap_or(0);
    let broken = format!("{}url: \"www.café.org{}", &text[..start], &text[end..]);
    let Err(error) = parse_deck(broken.as_bytes(), Path::new("cafe.ron")) else {
        panic!("a link without http(s):// is refused");
    };
    let rendered = error.report().render();
    assert!(rendered.contains("www.café.org"), "{rendered}");
}
