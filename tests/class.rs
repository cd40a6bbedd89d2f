//! `quizdesk class`, run as a teacher would, on the results files in `tests/fixtures/class/`:
//! Ann (two computers: her own, and the lab computer she shares with Ben and Dee), an exact
//! copy of Ann's file, Cy on version 2 of the deck, and Eve's file broken by a hand edit.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::{Command, Output};

mod common;
use common::TempDir;

const FIXTURES: &str = "tests/fixtures/class";

fn quizdesk(args: &[&str]) -> Output {
    let data = TempDir::new("class-cli");
    Command::new(env!("CARGO_BIN_EXE_quizdesk"))
        .arg("--data-dir")
        .arg(data.path())
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the quizdesk binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The CSV's cells, row by row.
fn cells(csv: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

fn assert_rows(csv: &str, expected: &[&[&str]]) {
    let rows = cells(csv);
    assert_eq!(rows.len(), expected.len(), "{csv}");
    for (row, want) in rows.iter().zip(expected) {
        assert_eq!(row, want, "{csv}");
    }
}

#[test]
fn a_folder_of_results_gives_the_class_table_and_reports_the_broken_file() {
    let output = quizdesk(&["class", FIXTURES]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "one file was skipped: {err}");
    assert_rows(
        &stdout(&output),
        &[
            &[
                "student",
                "score_percent",
                "questions_answered",
                "flag",
                "largest-planet",
                "closest-to-sun",
                "sun-is-a-star",
                "pluto-is-a-planet",
                "moons-of-mars",
                "number-of-planets",
            ],
            &["Ann", "60", "5", "", "100", "50", "100", "0", "", "50"],
            &["Ben", "100", "4", "", "100", "100", "100", "100", "", ""],
            &[
                "Cy",
                "66.7",
                "3",
                "answered version 2 (1 session) of the deck; the table is for version 1",
                "100",
                "",
                "0",
                "",
                "100",
                "",
            ],
            &["Dee", "25", "4", "", "0", "0", "", "100", "", "0"],
            &[
                "(class accuracy)",
                "62.9",
                "6",
                "",
                "75",
                "50",
                "66.7",
                "66.7",
                "100",
                "25",
            ],
        ],
    );
    for expected in [
        // The broken file: where, in plain words, and what to do.
        "tests/fixtures/class/broken.json:12:7: skipped: this is not valid JSON here (expected `,` or `}`); the file may be damaged or cut short: ask the student to export their results again",
        "note: the table is for deck sample-every-kind (\"Sample: every question kind\"), the one with the most quiz sessions; choose another with --deck",
        "note: other decks in these files, not in this table: fentanyl-social-media (1 session(s))",
        "note: 4 duplicate session(s) merged: each session and each answer is counted once",
        "note: tests/fixtures/class/copy-of-ann.json: everything in it was already read from tests/fixtures/class/ann.json; counted once",
        "note: tests/fixtures/class/cy.json: answered version 2 (1 session) of the deck; the table is for version 1; still counted",
        "read 4 file(s), skipped 1: 4 student(s), 6 question(s), deck sample-every-kind version 1",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in:\n{err}");
    }
}

#[test]
fn every_file_read_exits_zero() {
    let files = ["ann.json", "lab-computer.json"].map(|f| format!("{FIXTURES}/{f}"));
    let output = quizdesk(&["class", &files[0], &files[1]]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let rows = cells(&stdout(&output));
    assert_eq!(
        rows.len(),
        5,
        "Ann, Ben, Dee and the class row under the header"
    );
    assert_eq!(rows[1][..3], ["Ann", "60", "5"]);
}

#[test]
fn with_the_deck_the_columns_are_its_questions_in_order_then_the_unknown_ones() {
    let output = quizdesk(&[
        "class",
        FIXTURES,
        "--deck",
        "sample-every-kind",
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["deck"]["chosen"], "reference");
    assert_eq!(json["deck"]["version"], 1);
    let columns = json["columns"].as_array().unwrap();
    assert_eq!(
        columns.len(),
        15,
        "14 deck questions and one it does not have"
    );
    assert_eq!(columns[0]["id"], "largest-planet");
    assert_eq!(
        columns[0]["prompt"],
        "Which is the largest planet in the solar system?"
    );
    assert_eq!(columns[13]["id"], "planet-features");
    assert_eq!(columns[14]["id"], "moons-of-mars");
    assert_eq!(columns[14]["in_deck"], false);
    assert_eq!(json["students"][0]["name"], "Ann");
    assert_eq!(json["students"][0]["cells"][1]["percent"], 50.0);
    assert_eq!(json["students"][0]["cells"][1]["answers"], 2);
    assert_eq!(json["duplicate_sessions"], 4);
    let skipped = json["skipped"].as_array().unwrap();
    assert_eq!(skipped.len(), 1);
    assert_eq!(skipped[0]["file"], "tests/fixtures/class/broken.json");
    assert_eq!(
        (skipped[0]["line"].clone(), skipped[0]["column"].clone()),
        (12.into(), 7.into())
    );
    assert!(
        stderr(&output).contains("not in the deck (last columns): moons-of-mars"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_deck_that_cannot_be_found_and_a_missing_path_are_usage_errors() {
    let output = quizdesk(&["class", FIXTURES, "--deck", "no-such-deck"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("there is no deck file or deck id \"no-such-deck\""),
        "{}",
        stderr(&output)
    );
    assert!(output.stdout.is_empty());

    let output = quizdesk(&["class"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("<PATH>"), "{}", stderr(&output));
}

#[test]
fn nothing_readable_is_an_error() {
    let output = quizdesk(&["class", "no/such/results.json", "tests/fixtures/bad"]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(
        err.contains("no/such/results.json: skipped: cannot read this file ("),
        "{err}"
    );
    assert!(
        err.contains("warning: no .json results files in tests/fixtures/bad"),
        "{err}"
    );
    assert!(
        err.contains("error: no results file could be read"),
        "{err}"
    );
    assert!(output.stdout.is_empty());
}

/// `fixtures/class/ann.json` with every session's profile name and the install id replaced.
fn ann_as(name: &str, install_id: &str) -> Vec<u8> {
    let mut file: serde_json::Value =
        serde_json::from_slice(&std::fs::read(format!("{FIXTURES}/ann.json")).unwrap()).unwrap();
    file["install_id"] = install_id.into();
    for session in file["sessions"].as_array_mut().unwrap() {
        session["profile_name"] = name.into();
    }
    serde_json::to_vec_pretty(&file).unwrap()
}

#[test]
fn students_with_no_name_are_one_row_per_computer_and_formula_names_are_text() {
    let dir = TempDir::new("class-cli-nameless");
    let files = [
        ("lab-a.json", ann_as("", "a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0")),
        (
            "lab-b.json",
            ann_as("   ", "b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0"),
        ),
        // lab-a's computer again: the same student, each answer once.
        (
            "lab-a-again.json",
            ann_as("", "a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0"),
        ),
        (
            "eve.json",
            ann_as(
                "=HYPERLINK(\"http://x\",\"y\")",
                "e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0",
            ),
        ),
    ];
    let mut paths = Vec::new();
    for (name, bytes) in &files {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        paths.push(path.to_str().unwrap().to_owned());
    }
    let args: Vec<&str> = std::iter::once("class")
        .chain(paths.iter().map(String::as_str))
        .collect();
    let output = quizdesk(&args);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let rows = cells(&stdout(&output));
    let names: Vec<&str> = rows[1..rows.len() - 1]
        .iter()
        .map(|r| r[0].as_str())
        .collect();
    assert_eq!(names.len(), 3, "{names:?}");
    for (file, path) in [("lab-a.json", &paths[0]), ("lab-b.json", &paths[1])] {
        let label = format!("(no name, in {path})");
        let row = rows.iter().find(|r| r[0] == label);
        let row = row.unwrap_or_else(|| panic!("no row for {file}: {names:?}"));
        // The answers of Ann's own file, once each: her score from that file alone.
        assert_eq!((row[1].as_str(), row[2].as_str()), ("62.5", "4"), "{row:?}");
    }
    assert!(
        names.contains(&"'=HYPERLINK(\"http://x\",\"y\")"),
        "{names:?}"
    );
}

mod never_panics {
    //! Whatever bytes a teacher is handed, reading them gives a table or a positioned reason,
    //! and never a panic.

    use proptest::prelude::*;
    use quizdesk::class::{TableDeck, class_table, parse_results};

    const ANN: &[u8] = include_bytes!("fixtures/class/ann.json");

    fn check_outcome(bytes: &[u8]) {
        match parse_results(bytes, "fuzz.json") {
            Ok(read) => {
                let table = class_table(&[&read], TableDeck::MostSessions);
                let csv = table.to_csv();
                assert_eq!(csv.lines().count(), table.students.len() + 2, "{csv}");
                let _ = table.notes();
            }
            Err(e) => {
                let lines = String::from_utf8_lossy(bytes).split('\n').count();
                if let Some(at) = e.position() {
                    assert!(at.line >= 1 && at.column >= 1, "{e:?}");
                    assert!(at.line <= lines, "{e:?} is past the last line {lines}");
                }
                assert!(e.located("fuzz.json").starts_with("fuzz.json:"), "{e}");
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..1024)) {
            check_outcome(&bytes);
        }

        #[test]
        fn truncated_results_file(cut in 0..ANN.len()) {
            check_outcome(&ANN[..cut]);
        }

        #[test]
        fn edited_results_file(
            edits in proptest::collection::vec((0..ANN.len(), any::<u8>(), 0u8..3), 1..6)
        ) {
            let mut bytes = ANN.to_vec();
            for (at, byte, how) in edits {
                let at = at.min(bytes.len().saturating_sub(1));
                match how {
                    0 => bytes[at] = byte,
                    1 => bytes.insert(at, byte),
                    _ => {
                        bytes.remove(at);
                    }
                }
            }
            check_outcome(&bytes);
        }

        #[test]
        fn values_spliced_into_a_results_file(
            at in 0..ANN.len(),
            piece in prop::sample::select(vec![
                "null", "-1", "1e999", "2", "\"\"", "[]", "{}", "\"quiz\"", "\"study\"",
                "18446744073709551616", ",", "\"format_version\": 99,", "\u{FEFF}", "\\u0000",
            ])
        ) {
            let mut bytes = ANN.to_vec();
            bytes.splice(at..at, piece.bytes());
            check_outcome(&bytes);
        }
    }

    /// Every text in `value` replaced, in turn, by the texts of `texts`.
    fn replace_texts(value: &mut serde_json::Value, texts: &[String], next: &mut usize) {
        match value {
            serde_json::Value::String(s) if !texts.is_empty() => {
                *s = texts[*next % texts.len()].clone();
                *next += 1;
            }
            serde_json::Value::Array(items) => {
                for item in items {
                    replace_texts(item, texts, next);
                }
            }
            serde_json::Value::Object(fields) => {
                for (_, item) in fields.iter_mut() {
                    replace_texts(item, texts, next);
                }
            }
            _ => {}
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        /// Names, deck ids, titles, question ids and answers of any text, non-ASCII, empty or
        /// blank included, as another computer's file may carry.
        #[test]
        fn any_text_in_every_text_field(
            texts in proptest::collection::vec(
                prop_oneof![
                    Just(String::new()),
                    Just("   ".to_owned()),
                    "[a-zé日本👩\u{301}\u{200d}\u{0} =+@-]{0,12}",
                    any::<String>(),
                ],
                1..8,
            )
        ) {
            let mut value: serde_json::Value = serde_json::from_slice(ANN).unwrap_or_default();
            let mut next = 0;
            replace_texts(&mut value, &texts, &mut next);
            let bytes = serde_json::to_vec(&value).unwrap_or_default();
            check_outcome(&bytes);
        }
    }

    /// The fixture with non-ASCII text in every name, title, id and answer, so truncations and
    /// edits land inside multi-byte characters too.
    fn non_ascii_ann() -> Vec<u8> {
        let text = String::from_utf8_lossy(ANN)
            .replace("\"Ann\"", "\"Ånn Ünsal 日本 👩\u{200d}🔬\"")
            .replace(
                "Sample: every question kind",
                "Échantillon : «chaque» genre — 例",
            )
            .replace("\"Jupiter\"", "\"Юпитер\u{301}\"")
            .replace("largest-planet", "größter-planet-木星");
        text.into_bytes()
    }

    /// Pieces of JSON, some of a results file, with non-ASCII text.
    fn json_piece() -> impl Strategy<Value = String> {
        prop_oneof![
            prop::sample::select(vec![
                "{",
                "}",
                "[",
                "]",
                ":",
                ",",
                " ",
                "\n",
                "null",
                "true",
                "-0",
                "1e308",
                "0.5",
                "\"format\"",
                "\"quizdesk-results\"",
                "\"format_version\"",
                "1",
                "\"install_id\"",
                "\"sessions\"",
                "\"attempts\"",
                "\"profile_name\"",
                "\"score\"",
                "\"mode\"",
                "\"quiz\"",
                "\"question_id\"",
                "\"\\u00e9\"",
                "\"\\ud800\"",
                "\"",
                "\\",
            ])
            .prop_map(str::to_owned),
            "\"[a-zé日本👩 =+@-]{0,6}\"",
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Text that looks like JSON, or like a results file, but is anything.
        #[test]
        fn json_like_text(pieces in proptest::collection::vec(json_piece(), 0..64)) {
            check_outcome(pieces.concat().as_bytes());
        }

        /// A results file with non-ASCII text, cut anywhere (inside a character too).
        #[test]
        fn truncated_non_ascii_results_file(cut in any::<usize>()) {
            let bytes = non_ascii_ann();
            check_outcome(&bytes[..cut % (bytes.len() + 1)]);
        }

        /// A results file with non-ASCII text, with bytes changed, added and taken out.
        #[test]
        fn edited_non_ascii_results_file(
            edits in proptest::collection::vec((any::<usize>(), any::<u8>(), 0u8..3), 1..6)
        ) {
            let mut bytes = non_ascii_ann();
            for (at, byte, how) in edits {
                let at = at % bytes.len().max(1);
                match how {
                    0 if !bytes.is_empty() => bytes[at] = byte,
                    1 => bytes.insert(at.min(bytes.len()), byte),
                    _ if !bytes.is_empty() => {
                        bytes.remove(at);
                    }
                    _ => {}
                }
            }
            check_outcome(&bytes);
        }
    }

    #[test]
    fn the_non_ascii_fixture_reads_with_its_names() {
        let read = parse_results(&non_ascii_ann(), "ann.json").unwrap();
        assert_eq!(read.sessions[0].profile_name, "Ånn Ünsal 日本 👩\u{200d}🔬");
        check_outcome(&non_ascii_ann());
    }

    #[test]
    fn the_fixture_reads() {
        check_outcome(ANN);
        assert!(parse_results(ANN, "ann.json").is_ok());
    }
}
