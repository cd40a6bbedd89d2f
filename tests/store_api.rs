//! The score store, used as the app uses it: every public operation round-trips through a real
//! database file.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::path::Path;

use quizdesk::schedule::{CardState, Rating};
use quizdesk::store::{
    DeckScores, Mode, NewAttempt, NewReview, NewSession, Opened, ProfileId, SessionId, Store,
    StoreError, StoreNotice,
};

mod common;
use common::TempDir;

fn open(dir: &TempDir) -> Store {
    let Opened { store, notices } = Store::open(dir.path()).unwrap();
    assert_eq!(notices, [], "unexpected notices");
    store
}

fn quiz(profile: ProfileId, deck_id: &str, started_ms: i64) -> NewSession<'_> {
    NewSession {
        profile,
        deck_id,
        deck_title: "Capitals of Europe",
        deck_version: 1,
        practice: false,
        mode: Mode::Quiz,
        seed: 42,
        config_json: r#"{"shuffle":true}"#.to_owned(),
        started_ms,
    }
}

fn answer<'a>(
    session: SessionId,
    profile: ProfileId,
    deck_id: &'a str,
    question_id: &'a str,
    score: f64,
) -> NewAttempt<'a> {
    NewAttempt {
        session,
        profile,
        deck_id,
        question_id,
        response_json: r#"{"choice":2}"#.to_owned(),
        answer_text: format!("answer to {question_id}"),
        score,
        elapsed_ms: 2500,
        answered_ms: 1_000,
    }
}

fn state(reps: u32, due_ms: i64) -> CardState {
    CardState {
        stability: 3.5,
        difficulty: 5.25,
        due_ms,
        last_review_ms: due_ms - 1000,
        reps,
        lapses: 1,
    }
}

fn user_version(db_path: &Path) -> i64 {
    rusqlite::Connection::open(db_path)
        .unwrap()
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .unwrap()
}

/// In a module named `store` so that `cargo test store` runs these too.
mod store {
    use super::*;

    #[test]
    fn new_database_is_at_the_latest_schema_and_reopens_cleanly() {
        let dir = TempDir::new("schema");
        let ann = {
            let mut store = open(&dir);
            assert_eq!(store.db_path(), dir.path().join("quizdesk.sqlite3"));
            assert_eq!(store.data_dir(), dir.path());
            store.create_profile("Ann").unwrap()
        };
        assert_eq!(
            user_version(&dir.path().join("quizdesk.sqlite3")),
            quizdesk::store::SCHEMA_VERSION
        );
        // A v1 database opens (and would upgrade) without losing anything.
        let store = open(&dir);
        assert_eq!(store.profiles().unwrap(), [ann]);
        assert_eq!(
            user_version(store.db_path()),
            quizdesk::store::SCHEMA_VERSION
        );
    }

    #[test]
    fn profiles_round_trip() {
        let dir = TempDir::new("profiles");
        let mut store = open(&dir);
        let ann = store.create_profile(" Ann ").unwrap();
        let bob = store.create_profile("Bob").unwrap();
        assert_eq!(ann.name, "Ann");
        assert_eq!(store.profiles().unwrap(), [ann.clone(), bob.clone()]);
        assert_eq!(store.profile_by_name("ann").unwrap(), Some(ann.clone()));

        assert!(matches!(
            store.create_profile("BOB"),
            Err(StoreError::DuplicateProfile { .. })
        ));
        assert!(matches!(
            store.create_profile(&"n".repeat(51)),
            Err(StoreError::InvalidProfileName { .. })
        ));

        let renamed = store.rename_profile(bob.id, "Robert").unwrap();
        assert_eq!(renamed.name, "Robert");
        assert_eq!(store.profile_by_name("bob").unwrap(), None);

        store.delete_profile(ann.id).unwrap();
        assert_eq!(store.profiles().unwrap(), [renamed]);
    }

    #[test]
    fn sessions_and_attempts_come_back_in_the_history() {
        let dir = TempDir::new("history");
        let mut store = open(&dir);
        let ann = store.create_profile("Ann").unwrap();
        let bob = store.create_profile("Bob").unwrap();

        let first = store
            .start_session(&NewSession {
                seed: u64::MAX,
                ..quiz(ann.id, "capitals", 100)
            })
            .unwrap();
        let a1 = store
            .record_attempt(&answer(first, ann.id, "capitals", "france", 1.0))
            .unwrap();
        let a2 = store
            .record_attempt(&NewAttempt {
                response_json: r#"{"text":"Wien"}"#.to_owned(),
                answer_text: "Wien".to_owned(),
                elapsed_ms: u64::MAX,
                answered_ms: 2_000,
                ..answer(first, ann.id, "capitals", "austria", 0.5)
            })
            .unwrap();
        assert!(a2 > a1);
        store.finish_session(first, 3_000).unwrap();
        let bobs = store.start_session(&quiz(bob.id, "capitals", 200)).unwrap();

        let history = store.history(None).unwrap();
        assert_eq!(history.len(), 2);
        let record = &history[0];
        assert_eq!(record.id, first);
        assert_eq!(record.profile_id, ann.id);
        assert_eq!(record.profile_name, "Ann");
        assert_eq!(record.deck_id, "capitals");
        assert_eq!(record.deck_title, "Capitals of Europe");
        assert_eq!(record.mode, Mode::Quiz);
        assert_eq!(record.seed, u64::MAX);
        assert_eq!(record.config_json, r#"{"shuffle":true}"#);
        assert_eq!((record.started_ms, record.finished_ms), (100, Some(3_000)));
        let questions: Vec<_> = record
            .attempts
            .iter()
            .map(|a| a.question_id.as_str())
            .collect();
        assert_eq!(questions, ["france", "austria"]);
        let austria = &record.attempts[1];
        assert_eq!(austria.answer_text, "Wien");
        assert_eq!(austria.response_json, r#"{"text":"Wien"}"#);
        assert_eq!(austria.score, 0.5);
        assert_eq!(austria.elapsed_ms, i64::MAX as u64);
        assert_eq!(austria.answered_ms, 2_000);
        assert_eq!(history[1].id, bobs);
        assert_eq!(history[1].finished_ms, None);
        assert!(history[1].attempts.is_empty());

        let only_bob = store.history(Some(bob.id)).unwrap();
        assert_eq!(only_bob.len(), 1);
        assert_eq!(only_bob[0].profile_name, "Bob");

        // The export is plain JSON.
        let json = serde_json::to_value(&history).unwrap();
        assert_eq!(json[0]["mode"], "quiz");
        assert_eq!(json[0]["seed"], u64::MAX);
        assert_eq!(json[0]["attempts"][1]["answer_text"], "Wien");
        assert_eq!(json[1]["finished_ms"], serde_json::Value::Null);
    }

    #[test]
    fn deck_scores_cover_finished_quiz_sessions_only() {
        let dir = TempDir::new("scores");
        let mut store = open(&dir);
        let ann = store.create_profile("Ann").unwrap();
        assert_eq!(
            store.deck_scores(ann.id, "capitals").unwrap(),
            DeckScores::default()
        );

        let mut run = |scores: &[f64], finished_ms: Option<i64>, mode: Mode| {
            let session = store
                .start_session(&NewSession {
                    mode,
                    ..quiz(ann.id, "capitals", 0)
                })
                .unwrap();
            for (i, score) in scores.iter().enumerate() {
                let question = format!("q{i}");
                store
                    .record_attempt(&answer(session, ann.id, "capitals", &question, *score))
                    .unwrap();
            }
            if let Some(finished_ms) = finished_ms {
                store.finish_session(session, finished_ms).unwrap();
            }
        };
        run(&[1.0, 1.0, 0.0, 1.0], Some(10), Mode::Quiz); // 75 %
        run(&[1.0, 0.5], Some(30), Mode::Quiz); // 75 %, the last one finished
        run(&[1.0, 1.0], Some(40), Mode::Study); // study: not a score
        run(&[1.0], None, Mode::Quiz); // never finished
        run(&[0.0, 1.0, 1.0, 1.0, 1.0], Some(20), Mode::Quiz); // 80 %, the best
        run(&[], Some(50), Mode::Quiz); // no answers: nothing to score

        let scores = store.deck_scores(ann.id, "capitals").unwrap();
        assert_eq!(scores.sessions, 3);
        assert_eq!(scores.best_percent, Some(80.0));
        assert_eq!(scores.last_percent, Some(75.0));
        assert_eq!(
            store.deck_scores(ann.id, "other").unwrap(),
            DeckScores::default()
        );
    }

    #[test]
    fn reviews_save_an_attempt_and_the_card_state() {
        let dir = TempDir::new("reviews");
        let mut store = open(&dir);
        let ann = store.create_profile("Ann").unwrap();
        let session = store
            .start_session(&NewSession {
                mode: Mode::Study,
                ..quiz(ann.id, "capitals", 0)
            })
            .unwrap();
        let review = |question_id, rating, after: CardState, reviewed_ms| NewReview {
            profile: ann.id,
            deck_id: "capitals",
            question_id,
            rating,
            state_after: after,
            session,
            elapsed_ms: 3000,
            reviewed_ms,
        };
        let day_start = 1_000_000;
        store
            .record_review(&review(
                "france",
                Rating::Again,
                state(1, 5_000),
                day_start - 10,
            ))
            .unwrap();
        store
            .record_review(&review(
                "france",
                Rating::Good,
                state(2, 9_000),
                day_start + 10,
            ))
            .unwrap();
        store
            .record_review(&review(
                "spain",
                Rating::Easy,
                state(1, 7_000),
                day_start + 20,
            ))
            .unwrap();

        let states = store.card_states(ann.id, "capitals").unwrap();
        let mut by_id: Vec<(&str, CardState)> = states
            .iter()
            .map(|(id, state)| (id.as_str(), *state))
            .collect();
        by_id.sort_by_key(|(id, _)| *id);
        assert_eq!(
            by_id,
            [("france", state(2, 9_000)), ("spain", state(1, 7_000))]
        );
        assert!(store.card_states(ann.id, "other").unwrap().is_empty());

        // France was new yesterday; only Spain is new today.
        assert_eq!(
            store
                .new_cards_seen_today(ann.id, "capitals", day_start)
                .unwrap(),
            1
        );
        assert_eq!(
            store.new_cards_seen_today(ann.id, "capitals", 0).unwrap(),
            2
        );

        let history = store.history(Some(ann.id)).unwrap();
        let attempts = &history[0].attempts;
        let summary: Vec<(&str, &str, &str, f64)> = attempts
            .iter()
            .map(|a| {
                (
                    a.question_id.as_str(),
                    a.answer_text.as_str(),
                    a.response_json.as_str(),
                    a.score,
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                ("france", "Again", "\"Again\"", 0.0),
                ("france", "Good", "\"Good\"", 1.0),
                ("spain", "Easy", "\"Easy\"", 1.0),
            ]
        );
    }

    #[test]
    fn content_notes_are_remembered_per_profile_and_deck() {
        let dir = TempDir::new("notes");
        let mut store = open(&dir);
        let ann = store.create_profile("Ann").unwrap();
        let bob = store.create_profile("Bob").unwrap();
        assert!(!store.content_note_seen(ann.id, "fentanyl").unwrap());
        store.mark_content_note_seen(ann.id, "fentanyl", 5).unwrap();
        store.mark_content_note_seen(ann.id, "fentanyl", 6).unwrap();
        assert!(store.content_note_seen(ann.id, "fentanyl").unwrap());
        assert!(!store.content_note_seen(bob.id, "fentanyl").unwrap());
        assert!(!store.content_note_seen(ann.id, "capitals").unwrap());
        assert!(matches!(
            store.mark_content_note_seen(ProfileId(99), "fentanyl", 5),
            Err(StoreError::UnknownProfile { .. })
        ));
    }

    #[test]
    fn deleting_a_profile_deletes_all_its_data() {
        let dir = TempDir::new("delete");
        let mut store = open(&dir);
        let ann = store.create_profile("Ann").unwrap();
        let bob = store.create_profile("Bob").unwrap();
        for profile in [ann.id, bob.id] {
            let session = store.start_session(&quiz(profile, "capitals", 0)).unwrap();
            store
                .record_attempt(&answer(session, profile, "capitals", "france", 1.0))
                .unwrap();
            store.finish_session(session, 1).unwrap();
            store
                .record_review(&NewReview {
                    profile,
                    deck_id: "capitals",
                    question_id: "france",
                    rating: Rating::Good,
                    state_after: state(1, 10),
                    session,
                    elapsed_ms: 1,
                    reviewed_ms: 1,
                })
                .unwrap();
            store
                .mark_content_note_seen(profile, "capitals", 1)
                .unwrap();
        }

        store.delete_profile(ann.id).unwrap();

        assert!(store.history(Some(ann.id)).unwrap().is_empty());
        assert!(store.card_states(ann.id, "capitals").unwrap().is_empty());
        assert!(!store.content_note_seen(ann.id, "capitals").unwrap());
        assert_eq!(store.deck_scores(ann.id, "capitals").unwrap().sessions, 0);
        // Bob's data is untouched.
        assert_eq!(store.history(None).unwrap().len(), 1);
        assert_eq!(store.card_states(bob.id, "capitals").unwrap().len(), 1);
        assert!(store.content_note_seen(bob.id, "capitals").unwrap());
        assert_eq!(store.deck_scores(bob.id, "capitals").unwrap().sessions, 1);
    }

    #[test]
    fn failed_write_is_queued_not_lost_and_written_by_retry() {
        let dir = TempDir::new("pending");
        let mut store = open(&dir);
        let ann = store.create_profile("Ann").unwrap();
        let session = store.start_session(&quiz(ann.id, "capitals", 0)).unwrap();

        store.debug_set_query_only(true).unwrap();
        let error = store
            .record_attempt(&answer(session, ann.id, "capitals", "france", 1.0))
            .unwrap_err();
        assert!(
            matches!(error, StoreError::WriteFailed { queued: true, .. }),
            "{error}"
        );
        assert!(error.to_string().contains("quizdesk.sqlite3"), "{error}");
        assert_eq!(store.pending_count(), 1);
        assert!(store.retry_pending().is_err());
        assert_eq!(store.pending_count(), 1);

        store.debug_set_query_only(false).unwrap();
        assert_eq!(store.retry_pending().unwrap(), 1);
        assert_eq!(store.pending_count(), 0);
        assert_eq!(store.retry_pending().unwrap(), 0);
        drop(store);

        let store = open(&dir);
        let history = store.history(None).unwrap();
        assert_eq!(history[0].attempts[0].question_id, "france");
    }

    #[test]
    fn garbage_database_is_moved_aside_and_replaced() {
        let dir = TempDir::new("corrupt");
        let db = dir.path().join("quizdesk.sqlite3");
        let garbage: Vec<u8> = (0..10_000u32).map(|i| (i * 7919 % 251) as u8).collect();
        fs::write(&db, &garbage).unwrap();

        let Opened { mut store, notices } = Store::open(dir.path()).unwrap();
        let [StoreNotice::MovedAsideCorrupt { old_path, reason }] = notices.as_slice() else {
            panic!("expected one moved-aside notice, got {notices:?}");
        };
        assert_eq!(old_path.parent(), Some(dir.path()));
        let name = old_path.file_name().unwrap().to_str().unwrap();
        let stamp = name.strip_prefix("quizdesk.sqlite3.corrupt-").unwrap();
        assert_eq!(stamp.len(), "YYYYMMDD-HHMMSS".len(), "{name}");
        assert_eq!(fs::read(old_path).unwrap(), garbage);
        assert!(!reason.is_empty());
        let message = notices[0].to_string();
        assert!(
            message.contains(&old_path.display().to_string()),
            "{message}"
        );

        // The replacement works and is a quizdesk database.
        store.create_profile("Ann").unwrap();
        assert_eq!(user_version(&db), quizdesk::store::SCHEMA_VERSION);
    }

    #[test]
    fn two_instances_share_the_database() {
        let dir = TempDir::new("two-instances");
        let mut first = open(&dir);
        let mut second = open(&dir);
        let ann = first.create_profile("Ann").unwrap();
        assert_eq!(second.profile_by_name("Ann").unwrap(), Some(ann.clone()));
        let session = second.start_session(&quiz(ann.id, "capitals", 0)).unwrap();

        for i in 0..20 {
            let question = format!("q{i}");
            let store = if i % 2 == 0 { &mut first } else { &mut second };
            store
                .record_attempt(&answer(session, ann.id, "capitals", &question, 1.0))
                .unwrap();
        }
        first.finish_session(session, 5).unwrap();
        for store in [&first, &second] {
            let history = store.history(None).unwrap();
            assert_eq!(history[0].attempts.len(), 20);
            assert_eq!(history[0].finished_ms, Some(5));
        }
        assert!(matches!(
            second.create_profile("ann"),
            Err(StoreError::DuplicateProfile { .. })
        ));
    }

    #[test]
    fn instances_writing_at_the_same_time_wait_for_each_other() {
        let dir = TempDir::new("concurrent");
        let (ann, session) = {
            let mut store = open(&dir);
            let ann = store.create_profile("Ann").unwrap();
            let session = store.start_session(&quiz(ann.id, "capitals", 0)).unwrap();
            (ann, session)
        };
        let writers: Vec<_> = (0..4)
            .map(|writer| {
                let data_dir = dir.path().to_path_buf();
                std::thread::spawn(move || {
                    let mut store = Store::open(&data_dir).unwrap().store;
                    for i in 0..25 {
                        let question = format!("w{writer}-{i}");
                        store
                            .record_attempt(&answer(session, ann.id, "capitals", &question, 1.0))
                            .unwrap();
                    }
                })
            })
            .collect();
        for writer in writers {
            writer.join().unwrap();
        }
        let store = open(&dir);
        assert_eq!(store.history(None).unwrap()[0].attempts.len(), 100);
    }

    #[test]
    fn opening_keeps_a_daily_backup_and_only_the_newest_seven() {
        let dir = TempDir::new("backups");
        // Nothing to back up yet.
        drop(open(&dir));
        assert!(!dir.path().join("backups").exists());

        open(&dir).create_profile("Ann").unwrap();
        let backups = dir.path().join("backups");
        fs::create_dir_all(&backups).unwrap();
        let old: Vec<String> = (1..=8)
            .map(|day| format!("quizdesk-202001{day:02}-120000.sqlite3"))
            .collect();
        for name in &old {
            fs::write(backups.join(name), "an old backup").unwrap();
        }

        drop(open(&dir));

        let mut names: Vec<String> = fs::read_dir(&backups)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(names.len(), 7, "{names:?}");
        assert_eq!(names[..6], old[2..]);
        let newest = &names[6];
        assert!(newest.starts_with("quizdesk-20"), "{newest}");
        assert!(newest > &old[7], "{newest}");
        let copy = rusqlite::Connection::open(backups.join(newest)).unwrap();
        let name: String = copy
            .query_row("SELECT name FROM profiles", [], |row| row.get(0))
            .unwrap();
        assert_eq!(name, "Ann");
        drop(copy);

        // Opened again the same day: no new backup.
        drop(open(&dir));
        assert_eq!(fs::read_dir(&backups).unwrap().count(), 7);
    }
}
