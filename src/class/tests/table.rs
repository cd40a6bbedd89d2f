//! The table's numbers, its deck and versions, and its CSV.

use super::*;

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
