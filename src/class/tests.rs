//! Class computations on hand-made results files: merging them here, the table's numbers
//! and its CSV in `table`, reading a file's mistakes in `read`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

mod read;
mod table;

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
                scored: true,
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
            scored: true,
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
fn an_empty_install_id_falls_back_to_the_content_key() {
    let f = file(
        "f.json",
        "  ",
        vec![session(1, "Ann", "planets", Some(2), &[("q1", 1.0, 1)])],
    );
    assert_eq!(f.install_id, None);
    assert_eq!(InstallId::new(" pc ").unwrap().as_str(), "pc");
}
