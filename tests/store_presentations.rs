//! Anonymous presentations in the score store, through a real database file: a deck shown to a
//! room, the questions shown and the room's tallies.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use quizdesk::store::{
    Mode, NewAttempt, NewSession, Opened, PresentationId, PresentationRecord, PresentedQuestion,
    Store, StoreError,
};

mod common;
use common::TempDir;

fn open(dir: &TempDir) -> Store {
    let Opened { store, notices } = Store::open(dir.path()).unwrap();
    assert_eq!(notices, [], "unexpected notices");
    store
}

fn user_version(db_path: &Path) -> i64 {
    rusqlite::Connection::open(db_path)
        .unwrap()
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .unwrap()
}

fn shown(position: u32, question_id: &str, shown_ms: i64) -> PresentedQuestion {
    PresentedQuestion {
        position,
        question_id: question_id.to_owned(),
        shown_ms,
        correct: None,
        answered: None,
        option_counts: None,
    }
}

fn tallied(question: PresentedQuestion, correct: u32, answered: u32) -> PresentedQuestion {
    PresentedQuestion {
        correct: Some(correct),
        answered: Some(answered),
        ..question
    }
}

mod store {
    use super::*;

    #[test]
    fn presentation_round_trips_with_tallies_a_skipped_tally_and_a_reshown_question() {
        let dir = TempDir::new("presentation-round-trip");
        let id = {
            let mut store = open(&dir);
            let id = store
                .start_presentation("capitals", "Capitals of Europe", 1_000)
                .unwrap();
            store.record_shown(id, 0, "france", 1_100).unwrap();
            store.record_tally(id, "france", 12, 15).unwrap();
            store.record_shown(id, 1, "spain", 1_200).unwrap();
            // The tally for Spain is skipped.
            store.record_shown(id, 2, "italy", 1_300).unwrap();
            store.record_tally(id, "italy", 0, 14).unwrap();
            // Back to France: its tally and first shown time stay.
            store.record_shown(id, 0, "france", 1_400).unwrap();
            store.finish_presentation(id, 61_000).unwrap();
            assert_eq!(store.pending_count(), 0);
            id
        };

        // Every write was on disk before it returned: a new store reads it all back.
        let store = open(&dir);
        let expected = PresentationRecord {
            id,
            deck_id: "capitals".to_owned(),
            deck_title: "Capitals of Europe".to_owned(),
            started_ms: 1_000,
            finished_ms: Some(61_000),
            duration_ms: Some(60_000),
            questions: vec![
                tallied(shown(0, "france", 1_100), 12, 15),
                shown(1, "spain", 1_200),
                tallied(shown(2, "italy", 1_300), 0, 14),
            ],
        };
        assert_eq!(store.presentations().unwrap(), [expected]);

        let json = serde_json::to_value(store.presentations().unwrap()).unwrap();
        assert_eq!(json[0]["id"], id.0);
        assert_eq!(json[0]["duration_ms"], 60_000);
        assert_eq!(json[0]["questions"][1]["question_id"], "spain");
        assert!(json[0]["questions"][1]["correct"].is_null());
        assert!(json[0]["questions"][1]["answered"].is_null());
    }

    #[test]
    fn unfinished_presentation_has_no_end_or_duration() {
        let dir = TempDir::new("presentation-unfinished");
        let mut store = open(&dir);
        let id = store.start_presentation("capitals", "Capitals", 5).unwrap();
        store.record_shown(id, 0, "france", 6).unwrap();
        let [record] = store.presentations().unwrap().try_into().unwrap();
        assert_eq!((record.finished_ms, record.duration_ms), (None, None));
        assert_eq!(record.questions, [shown(0, "france", 6)]);
    }

    #[test]
    fn a_new_tally_replaces_the_old_one() {
        let dir = TempDir::new("presentation-retally");
        let mut store = open(&dir);
        let id = store.start_presentation("capitals", "Capitals", 5).unwrap();
        store.record_shown(id, 0, "france", 6).unwrap();
        store.record_tally(id, "france", 2, 3).unwrap();
        store.record_tally(id, "france", 4, 9).unwrap();
        assert_eq!(
            store.presentations().unwrap()[0].questions,
            [tallied(shown(0, "france", 6), 4, 9)]
        );
    }

    #[test]
    fn more_right_than_answered_is_refused_and_changes_nothing() {
        let dir = TempDir::new("presentation-bad-tally");
        let mut store = open(&dir);
        let id = store.start_presentation("capitals", "Capitals", 5).unwrap();
        store.record_shown(id, 0, "france", 6).unwrap();
        store.record_tally(id, "france", 2, 3).unwrap();

        let error = store.record_tally(id, "france", 4, 3).unwrap_err();
        assert!(
            matches!(
                error,
                StoreError::InvalidInput {
                    what: "question tally",
                    ..
                }
            ),
            "{error}"
        );
        assert!(error.to_string().contains("only 3 answered"), "{error}");
        // Not for a question never shown either, and nothing is queued.
        assert!(store.record_tally(id, "spain", 1, 0).is_err());
        assert_eq!(store.pending_count(), 0);
        assert_eq!(
            store.presentations().unwrap()[0].questions,
            [tallied(shown(0, "france", 6), 2, 3)]
        );
        // Equal counts are fine: everyone was right.
        store.record_tally(id, "france", 3, 3).unwrap();
    }

    #[test]
    fn presentations_are_listed_newest_first() {
        let dir = TempDir::new("presentation-order");
        let mut store = open(&dir);
        let middle = store.start_presentation("b", "B", 200).unwrap();
        let oldest = store.start_presentation("a", "A", 100).unwrap();
        let newest = store.start_presentation("c", "C", 300).unwrap();
        // Started at the same moment: the one started last comes first.
        let newest_tie = store.start_presentation("d", "D", 300).unwrap();
        let ids: Vec<PresentationId> = store
            .presentations()
            .unwrap()
            .iter()
            .map(|p| p.id)
            .collect();
        assert_eq!(ids, [newest_tie, newest, middle, oldest]);
    }

    #[test]
    fn version_2_database_upgrades_keeping_its_sessions_and_answers() {
        let dir = TempDir::new("presentation-from-v2");
        let db = dir.path().join("quizdesk.sqlite3");
        {
            let mut store = open(&dir);
            let ann = store.create_profile("Ann").unwrap();
            let session = store
                .start_session(&NewSession {
                    profile: ann.id,
                    deck_id: "capitals",
                    deck_title: "Capitals of Europe",
                    deck_version: 1,
                    practice: false,
                    mode: Mode::Quiz,
                    seed: 7,
                    config_json: "{}".to_owned(),
                    started_ms: 10,
                })
                .unwrap();
            for (question_id, score) in [("france", 1.0), ("spain", 0.0)] {
                store
                    .record_attempt(&NewAttempt {
                        session,
                        profile: ann.id,
                        deck_id: "capitals",
                        question_id,
                        response_json: "{}".to_owned(),
                        answer_text: "Paris".to_owned(),
                        score,
                        elapsed_ms: 900,
                        answered_ms: 20,
                    })
                    .unwrap();
            }
            store.finish_session(session, 30).unwrap();
        }
        // Take the file back to schema version 2, as an older quizdesk left it.
        {
            let conn = rusqlite::Connection::open(&db).unwrap();
            conn.execute_batch(
                "DROP INDEX sessions_unfinished_quizzes;
                 DROP TRIGGER sessions_keep_deck_totals;
                 DROP TABLE deck_totals;
                 DROP TRIGGER attempts_keep_totals;
                 DROP TABLE question_totals;
                 DROP TABLE day_totals;
                 DROP TABLE fsrs_parameters;
                 DROP TABLE store_meta;
                 DROP INDEX sessions_for_stats;
                 DROP INDEX attempts_reviews;
                 ALTER TABLE sessions DROP COLUMN deck_version;
                 ALTER TABLE sessions DROP COLUMN answers;
                 ALTER TABLE sessions DROP COLUMN elapsed_ms;
                 ALTER TABLE sessions DROP COLUMN practice;
                 ALTER TABLE attempts DROP COLUMN scored;
                 DROP TABLE presentation_plans;
                 DROP TABLE presentation_questions;
                 DROP TABLE presentations;
                 PRAGMA user_version = 2;",
            )
            .unwrap();
        }
        assert_eq!(user_version(&db), 2);

        let mut store = open(&dir);
        assert_eq!(user_version(&db), quizdesk::store::SCHEMA_VERSION);
        let history = store.history(None).unwrap();
        assert_eq!(history.len(), 1);
        assert_eq!(history[0].profile_name, "Ann");
        assert_eq!(history[0].finished_ms, Some(30));
        let answered: Vec<&str> = history[0]
            .attempts
            .iter()
            .map(|a| a.question_id.as_str())
            .collect();
        assert_eq!(answered, ["france", "spain"]);
        let profile = store.profiles().unwrap()[0].id;
        assert_eq!(
            store.deck_scores(profile, "capitals").unwrap().best_percent,
            Some(50.0)
        );

        assert_eq!(store.presentations().unwrap(), []);
        let id = store
            .start_presentation("capitals", "Capitals", 40)
            .unwrap();
        store.record_shown(id, 0, "france", 41).unwrap();
        assert_eq!(store.presentations().unwrap()[0].questions.len(), 1);
    }
}
