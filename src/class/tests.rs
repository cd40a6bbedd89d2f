//! Class computations on hand-made results files.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use super::*;
use crate::store::{AttemptRecord, Mode, ProfileId, SessionId, SessionRecord};

/// An answer: question id, score, when answered.
type A<'a> = (&'a str, f64, i64);

fn session(
    id: i64,
    name: &str,
    deck: &str,
    version: Option<u32>,
    answers: &[A<'_>],
) -> SessionRecord {
    SessionRecord {
        id: SessionId(id),
        profile_id: ProfileId(1),
        profile_name: name.to_owned(),
        deck_id: deck.to_owned(),
        deck_title: format!("Title of {deck}"),
        deck_version: version,
        mode: Mode::Quiz,
        seed: 1,
        config_json: "{}".to_owned(),
        started_ms: 1_000 * id,
        finished_ms: Some(1_000 * id + 500),
        attempts: answers
            .iter()
            .map(|&(question, score, answered_ms)| AttemptRecord {
                question_id: question.to_owned(),
                answer_text: "an answer".to_owned(),
                response_json: "null".to_owned(),
                score,
                elapsed_ms: 1_000,
                answered_ms,
                rating: None,
            })
            .collect(),
    }
}

fn study(id: i64, name: &str, deck: &str, reviews: &[(&str, u8, i64)]) -> SessionRecord {
    let mut s = session(id, name, deck, Some(1), &[]);
    s.mode = Mode::Study;
    s.attempts = reviews
        .iter()
        .map(|&(question, rating, answered_ms)| AttemptRecord {
            question_id: question.to_owned(),
            answer_text: String::new(),
            response_json: "null".to_owned(),
            score: if rating >= 3 { 1.0 } else { 0.0 },
            elapsed_ms: 1_000,
            answered_ms,
            rating: Some(rating),
        })
        .collect();
    s
}

/// A results file as `quizdesk history --format json` writes it, read back through the parser.
fn file(label: &str, install: &str, sessions: Vec<SessionRecord>) -> ResultsRead {
    let bytes =
        serde_json::to_vec_pretty(&ResultsFile::new(install.to_owned(), 5, sessions)).unwrap();
    parse_results(&bytes, label).unwrap()
}

/// The older bare list of sessions, with no install id.
fn legacy(label: &str, sessions: &[SessionRecord]) -> ResultsRead {
    let bytes = serde_json::to_vec(sessions).unwrap();
    parse_results(&bytes, label).unwrap()
}

fn table(files: &[ResultsRead], deck: TableDeck<'_>) -> ClassTable {
    let refs: Vec<&ResultsRead> = files.iter().collect();
    class_table(&refs, deck)
}

fn names(t: &ClassTable) -> Vec<&str> {
    t.students.iter().map(|s| s.name.as_str()).collect()
}

fn column_ids(t: &ClassTable) -> Vec<&str> {
    t.columns.iter().map(|c| c.id.as_str()).collect()
}

fn cell(t: &ClassTable, student: &str, question: &str) -> Option<(f64, usize)> {
    let s = t.students.iter().find(|s| s.name == student)?;
    let c = t.columns.iter().position(|c| c.id.as_str() == question)?;
    s.cells[c].map(|c| (c.percent, c.answers))
}

const DECK_V2: &str = r#"Deck(
    id: "planets", title: "Planets", description: "", language: "en", authors: [], version: 2,
    questions: [
        Question(id: "q1", prompt: "Which planet is largest?", answer: TrueFalse(correct: true)),
        Question(id: "q2", prompt: "Is Pluto a planet?", answer: TrueFalse(correct: false)),
        Question(id: "q3", prompt: "Is the Sun a star?", answer: TrueFalse(correct: true)),
    ],
)"#;

fn deck_v2() -> crate::deck::Deck {
    crate::deck::parse_deck(DECK_V2.as_bytes(), Path::new("planets.ron")).unwrap()
}

#[test]
fn the_same_file_twice_counts_each_session_and_answer_once() {
    let ann = file(
        "ann.json",
        "install-a",
        vec![session(
            1,
            "Ann",
            "planets",
            Some(2),
            &[("q1", 1.0, 10), ("q2", 0.0, 11)],
        )],
    );
    let mut again = ann.clone();
    again.label = "ann (copy).json".to_owned();
    let t = table(&[ann.clone(), again], TableDeck::MostSessions);
    assert_eq!(t.duplicate_sessions, 1);
    assert_eq!(t.duplicate_answers, 2);
    assert_eq!(cell(&t, "Ann", "q1"), Some((100.0, 1)));
    assert_eq!(cell(&t, "Ann", "q2"), Some((0.0, 1)));
    assert_eq!(t.students[0].answers, 2);
    assert_eq!(t.files[1].duplicate_sessions, 1);
    assert_eq!(t.files[1].duplicate_of, [0]);
    let notes = t.notes().join("\n");
    assert!(
        notes.contains(
            "ann (copy).json: everything in it was already read from ann.json; counted once"
        ),
        "{notes}"
    );
    assert!(notes.contains("1 duplicate session(s) merged"), "{notes}");
    // The same table as from the file alone.
    let alone = table(&[ann], TableDeck::MostSessions);
    assert_eq!(alone.students, t.students);
    assert_eq!(alone.accuracy, t.accuracy);
}

#[test]
fn two_overlapping_exports_from_one_computer_merge_their_answers() {
    // Monday's export stopped half-way through session 2; Friday's has all of it and session 3.
    let monday = file(
        "monday.json",
        "lab-pc",
        vec![
            session(1, "Ann", "planets", Some(2), &[("q1", 0.0, 10)]),
            session(2, "Ann", "planets", Some(2), &[("q1", 1.0, 20)]),
        ],
    );
    let friday = file(
        "friday.json",
        "lab-pc",
        vec![
            session(1, "Ann", "planets", Some(2), &[("q1", 0.0, 10)]),
            session(
                2,
                "Ann",
                "planets",
                Some(2),
                &[("q1", 1.0, 20), ("q2", 1.0, 21)],
            ),
            session(3, "Ann", "planets", Some(2), &[("q1", 1.0, 30)]),
        ],
    );
    let t = table(&[monday, friday], TableDeck::MostSessions);
    assert_eq!(t.duplicate_sessions, 2);
    assert_eq!(t.duplicate_answers, 2);
    // q1 answered three times in all (0, 1, 1): two thirds.
    let (percent, answers) = cell(&t, "Ann", "q1").unwrap();
    assert!((percent - 200.0 / 3.0).abs() < 1e-9);
    assert_eq!(answers, 3);
    assert_eq!(cell(&t, "Ann", "q2"), Some((100.0, 1)));
    assert_eq!(t.decks[0].sessions, 3);
}

#[test]
fn the_same_session_ids_on_two_computers_are_different_sessions() {
    let a = file(
        "a.json",
        "pc-1",
        vec![session(1, "Ann", "planets", Some(2), &[("q1", 1.0, 10)])],
    );
    let b = file(
        "b.json",
        "pc-2",
        vec![session(1, "Ben", "planets", Some(2), &[("q1", 0.0, 10)])],
    );
    let t = table(&[a, b], TableDeck::MostSessions);
    assert_eq!(t.duplicate_sessions, 0);
    assert_eq!(names(&t), ["Ann", "Ben"]);
    assert_eq!(
        t.accuracy[0].map(|a| (a.percent, a.students)),
        Some((50.0, 2))
    );
}

#[test]
fn an_older_bare_list_is_read_and_merged_by_content() {
    let sessions = [session(1, "Ann", "planets", None, &[("q1", 1.0, 10)])];
    let old = legacy("old.json", &sessions);
    assert_eq!(old.install_id, None);
    assert_eq!(old.exported_ms, None);
    let t = table(&[old.clone(), old.clone()], TableDeck::MostSessions);
    assert_eq!(t.duplicate_sessions, 1);
    assert_eq!(cell(&t, "Ann", "q1"), Some((100.0, 1)));
    // The same session later exported as a results file (with an install id) is the same too.
    let new = file("new.json", "pc-1", sessions.to_vec());
    let t = table(&[old, new], TableDeck::MostSessions);
    assert_eq!(t.duplicate_sessions, 1);
    assert_eq!(t.students[0].answers, 1);
}

#[test]
fn students_are_one_row_by_name_trimmed_and_in_any_case() {
    // One student's exports from two computers, and a shared computer with two students.
    let home = file(
        "home.json",
        "home",
        vec![session(1, " Ann ", "planets", Some(2), &[("q1", 1.0, 10)])],
    );
    let lab = file(
        "lab.json",
        "lab",
        vec![
            session(1, "ann", "planets", Some(2), &[("q1", 0.0, 20)]),
            session(2, "Zoe", "planets", Some(2), &[("q1", 1.0, 30)]),
            session(3, "ben", "planets", Some(2), &[("q2", 0.5, 40)]),
        ],
    );
    let t = table(&[home, lab], TableDeck::MostSessions);
    // Sorted by name in any case; the first spelling seen is kept.
    assert_eq!(names(&t), ["Ann", "ben", "Zoe"]);
    assert_eq!(cell(&t, "Ann", "q1"), Some((50.0, 2)));
    assert_eq!(t.files[1].students, ["ann", "Zoe", "ben"]);
    assert_eq!(StudentKey::of(" ANN"), StudentKey::of("ann "));
}

#[test]
fn flashcard_reviews_do_not_count() {
    let f = file(
        "ann.json",
        "pc",
        vec![
            session(1, "Ann", "planets", Some(2), &[("q1", 0.0, 10)]),
            study(2, "Ann", "planets", &[("q1", 4, 20), ("q2", 4, 21)]),
            study(3, "Ben", "planets", &[("q1", 4, 30)]),
        ],
    );
    let t = table(&[f], TableDeck::MostSessions);
    assert_eq!(names(&t), ["Ann"], "a student with reviews only has no row");
    assert_eq!(column_ids(&t), ["q1"]);
    assert_eq!(cell(&t, "Ann", "q1"), Some((0.0, 1)));
    assert_eq!(t.files[0].quiz_answers, 1);
    assert_eq!(t.files[0].flashcard_reviews, 3);
    assert_eq!(
        t.decks[0].sessions, 1,
        "study sessions are not quiz sessions"
    );
}

#[test]
fn sessions_on_another_deck_version_are_counted_and_flagged() {
    let ann = file(
        "ann.json",
        "a",
        vec![
            session(1, "Ann", "planets", Some(1), &[("q1", 1.0, 10)]),
            session(2, "Ann", "planets", Some(2), &[("q2", 1.0, 20)]),
            session(3, "Ann", "planets", None, &[("q3", 1.0, 30)]),
        ],
    );
    let ben = file(
        "ben.json",
        "b",
        vec![session(1, "Ben", "planets", Some(2), &[("q1", 0.0, 10)])],
    );
    let deck = deck_v2();
    let t = table(&[ann, ben], TableDeck::Reference(&deck));
    assert_eq!(t.deck.as_ref().unwrap().version, Some(2));
    let ann_row = &t.students[0];
    assert_eq!(
        ann_row.version_flags,
        [
            VersionFlag {
                answered: Some(1),
                sessions: 1
            },
            VersionFlag {
                answered: None,
                sessions: 1
            },
        ]
    );
    assert_eq!(
        ann_row.questions_answered, 3,
        "flagged sessions still count"
    );
    assert!(t.students[1].version_flags.is_empty());
    assert_eq!(t.files[0].version_flags, ann_row.version_flags);
    assert!(t.files[1].version_flags.is_empty());
    assert_eq!(
        version_flag_text(&ann_row.version_flags, Some(2)).unwrap(),
        "answered version 1 (1 session) and an unknown version (1 session) of the deck; the table is for version 2"
    );
    let notes = t.notes().join("\n");
    assert!(
        notes.contains("ann.json: answered version 1 (1 session) and an unknown version"),
        "{notes}"
    );
    assert!(notes.contains("Ann: answered version 1"), "{notes}");
}

#[test]
fn without_a_deck_the_version_is_the_one_most_sessions_were_taken_on() {
    let f = file(
        "f.json",
        "a",
        vec![
            session(1, "Ann", "planets", Some(1), &[("q1", 1.0, 10)]),
            session(2, "Ben", "planets", Some(3), &[("q1", 1.0, 20)]),
            session(3, "Cy", "planets", Some(3), &[("q1", 1.0, 30)]),
        ],
    );
    let t = table(&[f], TableDeck::MostSessions);
    assert_eq!(t.deck.as_ref().unwrap().version, Some(3));
    assert_eq!(
        t.students[0].version_flags,
        [VersionFlag {
            answered: Some(1),
            sessions: 1
        }]
    );
    // With no version known at all, nothing is flagged.
    let old = legacy(
        "old.json",
        &[session(1, "Ann", "planets", None, &[("q1", 1.0, 10)])],
    );
    let t = table(&[old], TableDeck::MostSessions);
    assert_eq!(t.deck.as_ref().unwrap().version, None);
    assert!(t.students[0].version_flags.is_empty());
}

#[test]
fn with_a_deck_columns_follow_it_and_other_answered_ids_come_last_marked() {
    let f = file(
        "f.json",
        "a",
        vec![session(
            1,
            "Ann",
            "planets",
            Some(2),
            &[("old-q", 1.0, 9), ("q3", 1.0, 10), ("q1", 0.0, 11)],
        )],
    );
    let deck = deck_v2();
    let t = table(std::slice::from_ref(&f), TableDeck::Reference(&deck));
    assert_eq!(column_ids(&t), ["q1", "q2", "q3", "old-q"]);
    assert_eq!(
        t.columns.iter().map(|c| c.in_deck).collect::<Vec<_>>(),
        [Some(true), Some(true), Some(true), Some(false)]
    );
    assert_eq!(t.columns[1].prompt.as_deref(), Some("Is Pluto a planet?"));
    assert_eq!(t.accuracy[1], None, "q2 was not answered");
    assert_eq!(t.deck.as_ref().unwrap().chosen, DeckChoice::Reference);
    assert!(
        t.notes()
            .join("\n")
            .contains("not in the deck (last columns): old-q")
    );
    // Without it: first-answered order, no prompts, not marked.
    let t = table(&[f], TableDeck::MostSessions);
    assert_eq!(column_ids(&t), ["old-q", "q3", "q1"]);
    assert!(
        t.columns
            .iter()
            .all(|c| c.prompt.is_none() && c.in_deck.is_none())
    );
}

#[test]
fn the_deck_with_most_sessions_is_chosen_and_the_others_are_named() {
    let f = file(
        "f.json",
        "a",
        vec![
            session(1, "Ann", "planets", Some(1), &[("q1", 1.0, 10)]),
            session(2, "Ann", "moons", Some(1), &[("m1", 1.0, 20)]),
            session(3, "Ben", "moons", Some(1), &[("m1", 0.0, 30)]),
        ],
    );
    let t = table(std::slice::from_ref(&f), TableDeck::MostSessions);
    let deck = t.deck.as_ref().unwrap();
    assert_eq!(deck.id.as_str(), "moons");
    assert_eq!(deck.title, "Title of moons");
    assert_eq!(deck.chosen, DeckChoice::MostSessions);
    assert_eq!(
        t.decks
            .iter()
            .map(|d| (d.id.as_str(), d.sessions, d.students))
            .collect::<Vec<_>>(),
        [("moons", 2, 2), ("planets", 1, 1)]
    );
    let notes = t.notes().join("\n");
    assert!(
        notes.contains(
            "the table is for deck moons (\"Title of moons\"), the one with the most quiz sessions"
        ),
        "{notes}"
    );
    assert!(
        notes.contains("other decks in these files, not in this table: planets (1 session(s))"),
        "{notes}"
    );
    assert_eq!(t.files[0].other_deck_sessions, 1);
    // Asked for by id.
    let t = table(&[f], TableDeck::Id("planets"));
    assert_eq!(names(&t), ["Ann"]);
    assert_eq!(t.deck.as_ref().unwrap().chosen, DeckChoice::Asked);
}

#[test]
fn each_question_counts_once_in_a_score_and_each_student_once_in_an_accuracy() {
    let f = file(
        "f.json",
        "a",
        vec![
            // Ann: q1 three times (1, 1, 0.5 partial credit), q2 once wrong.
            session(
                1,
                "Ann",
                "planets",
                Some(2),
                &[("q1", 1.0, 1), ("q2", 0.0, 2)],
            ),
            session(
                2,
                "Ann",
                "planets",
                Some(2),
                &[("q1", 1.0, 3), ("q1", 0.5, 4)],
            ),
            // Ben: q1 once wrong.
            session(3, "Ben", "planets", Some(2), &[("q1", 0.0, 5)]),
        ],
    );
    let t = table(&[f], TableDeck::MostSessions);
    let ann = &t.students[0];
    let (q1, n) = cell(&t, "Ann", "q1").unwrap();
    assert!((q1 - 250.0 / 3.0).abs() < 1e-9, "{q1}");
    assert_eq!(n, 3);
    // Mean of the cells 83.3 and 0, not of the four answers.
    assert!((ann.score_percent - 125.0 / 3.0).abs() < 1e-9);
    assert_eq!(ann.questions_answered, 2);
    assert_eq!(ann.answers, 4);
    let q1_accuracy = t.accuracy[0].unwrap();
    assert!(
        (q1_accuracy.percent - 125.0 / 3.0).abs() < 1e-9,
        "mean of 83.3 and 0"
    );
    assert_eq!(q1_accuracy.students, 2);
    assert_eq!(
        t.accuracy[1].map(|a| (a.percent, a.students)),
        Some((0.0, 1))
    );
    // Class score: mean of Ann's 41.7 and Ben's 0.
    assert!((t.class_score_percent.unwrap() - 125.0 / 6.0).abs() < 1e-9);
    // Hardest first.
    assert_eq!(
        t.hardest().iter().map(|(c, _)| *c).collect::<Vec<_>>(),
        [1, 0]
    );
}

#[test]
fn csv_has_a_row_per_student_and_the_class_row_last_cell_by_cell() {
    let ann = file(
        "ann.json",
        "a",
        vec![
            session(
                1,
                "Ann",
                "planets",
                Some(1),
                &[("q1", 1.0, 1), ("q3", 0.0, 2)],
            ),
            session(
                2,
                "Ann",
                "planets",
                Some(2),
                &[("q1", 0.0, 3), ("q1", 1.0, 4)],
            ),
        ],
    );
    let others = file(
        "lab.json",
        "b",
        vec![
            session(1, "Zoe, Jr.", "planets", Some(2), &[("q1", 1.0, 1)]),
            session(
                2,
                "ben \"B\"",
                "planets",
                Some(2),
                &[("q2", 0.5, 2), ("q1", 0.0, 3)],
            ),
        ],
    );
    let deck = deck_v2();
    let t = table(&[ann, others], TableDeck::Reference(&deck));
    let csv = t.to_csv();
    let rows: Vec<Vec<String>> = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    let expected: [&[&str]; 5] = [
        &[
            "student",
            "score_percent",
            "questions_answered",
            "flag",
            "q1",
            "q2",
            "q3",
        ],
        &[
            "Ann",
            "33.3",
            "2",
            "answered version 1 (1 session) of the deck; the table is for version 2",
            "66.7",
            "",
            "0",
        ],
        &["ben \"B\"", "25", "2", "", "0", "50", ""],
        &["Zoe, Jr.", "100", "1", "", "100", "", ""],
        &[CLASS_ROW_NAME, "52.8", "3", "", "55.6", "50", "0"],
    ];
    assert_eq!(rows.len(), expected.len(), "{csv}");
    for (row, want) in rows.iter().zip(expected) {
        assert_eq!(row, want, "{csv}");
    }
    // Quoting follows RFC 4180 through csv_cell::CsvOut.
    assert!(csv.contains("\"ben \"\"B\"\"\",25,"), "{csv}");
    assert!(csv.contains("\"Zoe, Jr.\",100,"), "{csv}");
    assert!(csv.ends_with('\n'));
}

#[test]
fn names_and_ids_that_a_spreadsheet_would_run_are_written_as_text() {
    let f = file(
        "f.json",
        "a",
        vec![
            session(
                1,
                "=HYPERLINK(\"http://x\",\"y\")",
                "planets",
                Some(2),
                &[("=1+1", 1.0, 1)],
            ),
            session(
                2,
                "+cmd|' /C calc'!A0",
                "planets",
                Some(2),
                &[("=1+1", 0.0, 1)],
            ),
            session(3, "@SUM(A1)", "planets", Some(2), &[("=1+1", 1.0, 1)]),
            session(4, "-2+3", "planets", Some(2), &[("=1+1", 1.0, 1)]),
        ],
    );
    let csv = table(&[f], TableDeck::MostSessions).to_csv();
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv.as_bytes());
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    assert_eq!(rows[0][4], "'=1+1", "{csv}");
    let names: Vec<&str> = rows[1..rows.len() - 1]
        .iter()
        .map(|r| r[0].as_str())
        .collect();
    for name in &names {
        assert!(name.starts_with('\''), "{name:?} in {csv}");
    }
    assert_eq!(names.len(), 4, "{csv}");
}

#[test]
fn students_with_no_name_stay_apart_by_computer_and_are_labelled() {
    let a = file(
        "lab-1.json",
        "install-a",
        vec![session(1, "", "planets", Some(2), &[("q1", 1.0, 1)])],
    );
    let b = file(
        "lab-2.json",
        "install-b",
        vec![session(1, "   ", "planets", Some(2), &[("q1", 0.0, 1)])],
    );
    // The same computer's nameless profile handed in again, with a later quiz: one student.
    let a_again = file(
        "lab-1-later.json",
        "install-a",
        vec![
            session(1, "", "planets", Some(2), &[("q1", 1.0, 1)]),
            session(2, "", "planets", Some(2), &[("q2", 1.0, 1)]),
        ],
    );
    let t = table(&[a, b, a_again], TableDeck::MostSessions);
    let names: Vec<&str> = t.students.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(names.contains(&"(no name, in lab-1.json)"), "{names:?}");
    assert!(names.contains(&"(no name, in lab-2.json)"), "{names:?}");
    let first = t
        .students
        .iter()
        .find(|s| s.name == "(no name, in lab-1.json)")
        .unwrap();
    assert_eq!(first.questions_answered, 2);
    assert!(
        t.to_csv().contains("\"(no name, in lab-2.json)\",0,1,"),
        "{}",
        t.to_csv()
    );
}

#[test]
fn a_nameless_student_handed_in_twice_is_one_row_named_after_the_first_file() {
    let a = file(
        "lab-1.json",
        "install-a",
        vec![session(1, "", "planets", Some(2), &[("q1", 1.0, 1)])],
    );
    let a_again = file(
        "lab-1-later.json",
        "install-a",
        vec![
            session(1, "", "planets", Some(2), &[("q1", 1.0, 1)]),
            session(2, " ", "planets", Some(2), &[("q2", 0.0, 2)]),
        ],
    );
    let t = table(&[a, a_again], TableDeck::MostSessions);
    let names: Vec<&str> = t.students.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["(no name, in lab-1.json)"]);
    assert_eq!(t.students[0].questions_answered, 2);
    // Each file says who is in it as the table does.
    assert_eq!(t.files[1].students, ["(no name, in lab-1.json)"]);
    assert_eq!(t.duplicate_sessions, 1);
}

#[test]
fn nameless_students_in_bare_lists_are_one_per_computer_and_never_counted_twice() {
    let home = [session(1, "", "planets", Some(2), &[("q1", 1.0, 1)])];
    let other = [session(1, "", "planets", Some(2), &[("q1", 0.0, 1)])];
    let mut other = other;
    other[0].started_ms += 1; // another computer's session 1, started at another time
    // The same bare list twice under two names, then exported again with an install id and a
    // later quiz: one student, each answer once. Another computer's bare list: another student.
    let later = file(
        "home-new.json",
        "install-home",
        vec![
            home[0].clone(),
            session(2, "", "planets", Some(2), &[("q2", 0.0, 2)]),
        ],
    );
    let t = table(
        &[
            legacy("home.json", &home),
            legacy("home-copy.json", &home),
            later,
            legacy("other.json", &other),
        ],
        TableDeck::MostSessions,
    );
    let mut rows: Vec<(&str, usize, usize)> = t
        .students
        .iter()
        .map(|s| (s.name.as_str(), s.questions_answered, s.answers))
        .collect();
    rows.sort_unstable();
    assert_eq!(
        rows,
        [
            ("(no name, in home.json)", 2, 2),
            ("(no name, in other.json)", 1, 1)
        ]
    );
    assert_eq!(t.duplicate_sessions, 2);
    for f in &t.files[..3] {
        assert_eq!(f.students, ["(no name, in home.json)"], "{}", f.file);
    }
}

#[test]
fn percents_have_at_most_one_decimal() {
    assert_eq!(percent_text(200.0 / 3.0), "66.7");
    assert_eq!(percent_text(100.0), "100");
    assert_eq!(percent_text(0.0), "0");
    assert_eq!(percent_text(-0.0), "0");
    assert_eq!(percent_text(12.25), "12.3");
    assert_eq!(percent_text(99.96), "100");
    assert_eq!(percent_text(0.04), "0");
}

#[test]
fn the_table_serialises_to_json() {
    let f = file(
        "f.json",
        "a",
        vec![session(1, "Ann", "planets", Some(2), &[("q1", 1.0, 1)])],
    );
    let t = table(&[f], TableDeck::MostSessions);
    let json: serde_json::Value = serde_json::to_value(&t).unwrap();
    assert_eq!(json["deck"]["id"], "planets");
    assert_eq!(json["students"][0]["cells"][0]["percent"], 100.0);
    assert_eq!(json["accuracy"][0]["students"], 1);
}

#[test]
fn no_quiz_answers_make_an_empty_table_that_says_so() {
    let f = file(
        "f.json",
        "a",
        vec![study(1, "Ann", "planets", &[("q1", 3, 1)])],
    );
    let t = table(&[f], TableDeck::MostSessions);
    assert!(t.deck.is_none() && t.students.is_empty() && t.columns.is_empty());
    assert_eq!(t.notes(), ["these files hold no quiz answers"]);
    assert_eq!(
        t.to_csv(),
        "student,score_percent,questions_answered,flag\n(class accuracy),,0,\n"
    );
}

// Errors: where, in plain words, and what to do.

fn error_of(text: &str) -> ReadError {
    parse_results(text.as_bytes(), "x.json").unwrap_err()
}

#[test]
fn broken_json_is_reported_with_line_and_column() {
    let e = error_of("{\n  \"format\": \"quizdesk-results\",\n  \"format_version\": 1,,\n}");
    assert_eq!(
        e.position(),
        Some(TextPosition {
            line: 3,
            column: 23
        })
    );
    let text = e.located("x.json");
    assert!(
        text.starts_with("x.json:3:23: this is not valid JSON here (key must be a string); the file may be damaged or cut short: ask the student to export their results again (`quizdesk history --format json`"),
        "{text}"
    );
    assert!(text.ends_with("or the Export my results button)"), "{text}");

    let e = error_of("{\"format\": \"quizdesk-results\", \"sessions\": [");
    assert!(matches!(e, ReadError::NotJson { .. }), "{e:?}");
    assert!(e.to_string().contains("it ends in the middle"), "{e}");
}

#[test]
fn another_programs_json_is_not_a_results_file() {
    let e = error_of("{\"name\": \"my notes\"}");
    assert_eq!(
        e.located("x.json"),
        "x.json:1:1: this is not a quizdesk results file (it has no `format: \"quizdesk-results\"` field): export it with `quizdesk history --format json` or the Export my results button"
    );
    let e = error_of("{\"format\": \"kahoot\", \"format_version\": 1}");
    assert!(e.to_string().contains("its `format` is \"kahoot\""), "{e}");
    let e = error_of("\"hello\"");
    assert!(e.to_string().contains("it holds a piece of text"), "{e}");
    let e = error_of("[1, 2]");
    assert_eq!(e.position(), Some(TextPosition { line: 1, column: 2 }));
    assert!(e.to_string().contains("invalid type: integer `1`"), "{e}");
}

#[test]
fn a_results_file_missing_a_field_says_which_and_where() {
    let mut value = serde_json::to_value(ResultsFile::new(
        "a".to_owned(),
        5,
        vec![session(1, "Ann", "planets", Some(2), &[("q1", 1.0, 1)])],
    ))
    .unwrap();
    value["sessions"][0]
        .as_object_mut()
        .unwrap()
        .remove("deck_id");
    let text = serde_json::to_string_pretty(&value).unwrap();
    let e = error_of(&text);
    assert!(
        matches!(e, ReadError::NotResults { at: Some(_), .. }),
        "{e:?}"
    );
    assert!(e.to_string().contains("missing field `deck_id`"), "{e}");
}

#[test]
fn a_newer_format_is_refused_clearly() {
    let e = error_of(
        "{\"format\": \"quizdesk-results\", \"format_version\": 2, \"sessions\": {\"new\": true}}",
    );
    assert_eq!(e, ReadError::NewerFormat { found: 2 });
    assert_eq!(
        e.located("x.json"),
        "x.json: this results file was written by a newer quizdesk (results format 2; this quizdesk reads format 1 and older): update quizdesk to read it"
    );
}

#[test]
fn an_empty_file_and_a_byte_order_mark() {
    assert_eq!(error_of(" \n "), ReadError::Empty);
    assert_eq!(error_of(""), ReadError::Empty);
    let bytes = serde_json::to_vec(&ResultsFile::new("a".to_owned(), 5, Vec::new())).unwrap();
    let with_bom = [b"\xEF\xBB\xBF".as_slice(), &bytes].concat();
    assert!(parse_results(&with_bom, "bom.json").is_ok());
}

#[test]
fn impossible_scores_are_left_out_with_a_warning() {
    let f = file(
        "f.json",
        "a",
        vec![session(
            1,
            "Ann",
            "planets",
            Some(2),
            &[("q1", 1.5, 1), ("q1", 1.0, 2), ("", 1.0, 3)],
        )],
    );
    assert_eq!(f.sessions[0].attempts.len(), 1);
    assert_eq!(f.warnings.len(), 2, "{:?}", f.warnings);
    assert!(f.warnings[0].starts_with("1 answer(s) with a score outside 0 to 1 were left out"));
    let t = table(&[f], TableDeck::MostSessions);
    assert!(
        t.notes()
            .iter()
            .any(|n| n.starts_with("f.json: 1 answer(s) with a score"))
    );
}

#[test]
fn an_empty_install_id_falls_back_to_the_content_key() {
    let f = file(
        "f.json",
        "  ",
        vec![session(1, "Ann", "planets", Some(2), &[("q1", 1.0, 1)])],
    );
    assert_eq!(f.install_id, None);
    assert_eq!(InstallId::new(" pc ").unwrap().as_str(), "pc");
}

#[test]
fn sessions_left_before_the_first_answer_do_not_choose_the_deck() {
    let f = file(
        "f.json",
        "a",
        vec![
            session(1, "Ann", "opened", Some(1), &[]),
            session(2, "Ben", "opened", Some(1), &[]),
            session(3, "Ann", "tested", Some(1), &[("q1", 1.0, 1)]),
        ],
    );
    let t = table(&[f], TableDeck::MostSessions);
    assert_eq!(t.deck.as_ref().unwrap().id.as_str(), "tested");
    assert_eq!(t.decks.len(), 1);
}
