//! The queue on its own, then end to end through the store: writes refused by a full,
//! read-only or locked database wait, keep their order, and are written later.

use std::time::Duration;

use rusqlite::{Connection, ErrorCode};

use super::*;
use crate::store::test_session::{answer, fill_disk, fixture, saved_questions};
use crate::store::{AttemptId, Mode, NewAttempt, NewSession, SessionStart};
use crate::store::{Store, StoreError};

fn session_row(profile: i64) -> SessionRow {
    SessionRow {
        profile: ProfileId(profile),
        deck_id: "deck".to_owned(),
        deck_title: "Deck".to_owned(),
        deck_version: 1,
        mode: Mode::Quiz,
        practice: false,
        seed: 0,
        config_json: "{}".to_owned(),
        started_ms: 0,
    }
}

#[test]
fn provisional_ids_count_down_and_resolve_once_written() {
    let mut queue = PendingQueue::default();
    let first = queue.queue_session_start(session_row(1));
    let second = queue.queue_session_start(session_row(2));
    assert_eq!((first, second), (SessionId(-1), SessionId(-2)));
    assert_eq!(queue.resolve(first), first);
    assert!(queue.queued_session(second).is_some());
    queue.session_written(first, SessionId(7));
    assert_eq!(queue.resolve(first), SessionId(7));
    assert_eq!(queue.resolve(SessionId(3)), SessionId(3));
    // A deleted profile's writes go; the others stay, in order.
    queue.drop_profile(ProfileId(1));
    assert_eq!((queue.len(), queue.answers()), (1, 0));
    assert!(queue.queued_session(first).is_none());
    assert!(queue.queued_session(second).is_some());
}

#[test]
fn full_disk_queues_the_answer_and_retry_writes_it() {
    let mut f = fixture("pending-full");
    fill_disk(&f);
    let mut big = answer(&f, "q1");
    big.answer_text = "long answer ".repeat(5000);

    let error = f.store.record_attempt(&big).unwrap_err();
    let StoreError::WriteFailed {
        queued: true,
        source,
        ..
    } = &error
    else {
        panic!("expected a queued write failure, got {error}");
    };
    assert_eq!(source.sqlite_error_code(), Some(ErrorCode::DiskFull));
    assert!(error.to_string().contains("kept in memory"), "{error}");
    assert_eq!(f.store.pending_count(), 1);
    assert!(saved_questions(&f.store).is_empty());
    // Still full: the retry fails and keeps it.
    assert!(matches!(
        f.store.retry_pending(),
        Err(StoreError::WriteFailed { queued: true, .. })
    ));
    assert_eq!(f.store.pending_count(), 1);

    f.store
        .conn
        .pragma_update(None, "max_page_count", 1_000_000)
        .unwrap();
    assert_eq!(f.store.retry_pending().unwrap(), 1);
    assert_eq!(f.store.pending_count(), 0);
    let history = f.store.history(None).unwrap();
    assert_eq!(history[0].attempts[0].answer_text, big.answer_text);
}

#[test]
fn a_session_started_on_a_read_only_store_waits_with_its_answers_and_is_saved_later() {
    let mut f = fixture("pending-session");
    f.store.debug_set_query_only(true).unwrap();
    let new = NewSession {
        profile: f.ann.id,
        deck_id: "deck",
        deck_title: "Deck",
        deck_version: 1,
        mode: Mode::Quiz,
        practice: false,
        seed: 2,
        config_json: "{}".to_owned(),
        started_ms: 20,
    };
    // The strict start refuses and keeps nothing.
    assert!(matches!(
        f.store.start_session(&new),
        Err(StoreError::WriteFailed { queued: false, .. })
    ));
    assert_eq!(f.store.pending_count(), 0);

    let SessionStart::Queued { id, error } = f.store.start_session_or_queue(&new).unwrap() else {
        panic!("a read-only store queues the session");
    };
    assert!(id.0 < 0, "a provisional id: {id}");
    assert!(error.to_string().contains("read-only"), "{error}");
    assert!(error.to_string().contains("writable"), "{error}");
    for (question, score) in [("q1", 1.0), ("q2", 0.0)] {
        let attempt = NewAttempt {
            session: id,
            score,
            ..answer(&f, question)
        };
        let error = f.store.record_attempt(&attempt).unwrap_err();
        assert!(
            matches!(error, StoreError::WriteFailed { queued: true, .. }),
            "{error}"
        );
    }
    assert!(matches!(
        f.store.finish_session(id, 30),
        Err(StoreError::WriteFailed { queued: true, .. })
    ));
    assert_eq!(f.store.pending_answers(), 2);
    assert_eq!(f.store.pending_count(), 4);
    assert!(saved_questions(&f.store).is_empty());

    // Writable again: the session, its answers and its end, in order.
    f.store.debug_set_query_only(false).unwrap();
    assert_eq!(f.store.retry_pending().unwrap(), 4);
    let history = f.store.history(None).unwrap();
    let saved = history.iter().find(|s| s.started_ms == 20).unwrap();
    assert!(saved.id.0 > 0);
    assert_eq!(saved.finished_ms, Some(30));
    let questions: Vec<&str> = saved
        .attempts
        .iter()
        .map(|a| a.question_id.as_str())
        .collect();
    assert_eq!(questions, ["q1", "q2"]);
    assert_eq!(
        f.store.deck_scores(f.ann.id, "deck").unwrap().last_percent,
        Some(50.0)
    );

    // The provisional id keeps working for later writes of the same session.
    f.store
        .record_attempt(&NewAttempt {
            session: id,
            ..answer(&f, "q3")
        })
        .unwrap();
    let history = f.store.history(None).unwrap();
    let saved = history.iter().find(|s| s.started_ms == 20).unwrap();
    assert_eq!(saved.attempts.len(), 3);
}

#[test]
fn write_failures_are_worded_by_their_cause() {
    let mut f = fixture("pending-words");
    f.store.debug_set_query_only(true).unwrap();
    let read_only = f
        .store
        .record_attempt(&answer(&f, "q1"))
        .unwrap_err()
        .to_string();
    assert!(read_only.contains("read-only"), "{read_only}");
    assert!(!read_only.contains("free some disk space"), "{read_only}");
    f.store.debug_set_query_only(false).unwrap();
    f.store.retry_pending().unwrap();

    fill_disk(&f);
    let big = NewAttempt {
        answer_text: "long answer ".repeat(5000),
        ..answer(&f, "q2")
    };
    let full = f.store.record_attempt(&big).unwrap_err().to_string();
    assert!(full.contains("the disk is full"), "{full}");
    assert!(full.contains("free some disk space"), "{full}");
}

#[test]
fn lock_held_beyond_the_busy_timeout_queues_the_answer() {
    let mut f = fixture("pending-locked");
    f.store
        .conn
        .busy_timeout(Duration::from_millis(50))
        .unwrap();
    let other = Connection::open(f.store.db_path()).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();

    let error = f.store.record_attempt(&answer(&f, "q1")).unwrap_err();
    let StoreError::WriteFailed {
        queued: true,
        source,
        ..
    } = &error
    else {
        panic!("expected a queued write failure, got {error}");
    };
    assert_eq!(source.sqlite_error_code(), Some(ErrorCode::DatabaseBusy));

    other.execute_batch("COMMIT").unwrap();
    assert_eq!(f.store.retry_pending().unwrap(), 1);
    assert_eq!(saved_questions(&f.store), ["q1"]);
}

#[test]
fn queued_writes_go_first_and_keep_their_order() {
    let mut f = fixture("pending-order");
    f.store.debug_set_query_only(true).unwrap();
    for question in ["q1", "q2"] {
        assert!(f.store.record_attempt(&answer(&f, question)).is_err());
    }
    assert!(matches!(
        f.store.finish_session(f.session, 99),
        Err(StoreError::WriteFailed { queued: true, .. })
    ));
    assert_eq!(f.store.pending_count(), 3);

    f.store.debug_set_query_only(false).unwrap();
    // The next answer flushes the queue before itself.
    let id = f.store.record_attempt(&answer(&f, "q3")).unwrap();
    assert_eq!(f.store.pending_count(), 0);
    assert_eq!(saved_questions(&f.store), ["q1", "q2", "q3"]);
    assert_eq!(id, AttemptId(3));
    assert_eq!(f.store.history(None).unwrap()[0].finished_ms, Some(99));
}

#[test]
fn query_only_hook_fails_writes_as_read_only() {
    let mut f = fixture("pending-query-only");
    f.store.debug_set_query_only(true).unwrap();
    let error = f.store.record_attempt(&answer(&f, "q1")).unwrap_err();
    let StoreError::WriteFailed { source, .. } = &error else {
        panic!("{error}");
    };
    assert_eq!(source.sqlite_error_code(), Some(ErrorCode::ReadOnly));
    // Writes that are not queued say nothing was saved.
    let error = f.store.create_profile("Bob").unwrap_err();
    assert!(
        matches!(error, StoreError::WriteFailed { queued: false, .. }),
        "{error}"
    );
    assert!(error.to_string().contains("Nothing was changed"), "{error}");
}

#[test]
fn dropping_the_store_makes_a_last_attempt_to_save() {
    let mut f = fixture("pending-drop");
    f.store.debug_set_query_only(true).unwrap();
    assert!(f.store.record_attempt(&answer(&f, "q1")).is_err());
    f.store.debug_set_query_only(false).unwrap();
    let dir = f._dir;
    drop(f.store);
    let store = Store::open(dir.path()).unwrap().store;
    assert_eq!(saved_questions(&store), ["q1"]);
}

#[test]
fn deleting_a_profile_drops_its_queued_writes() {
    let mut f = fixture("pending-delete");
    f.store.debug_set_query_only(true).unwrap();
    assert!(f.store.record_attempt(&answer(&f, "q1")).is_err());
    f.store.debug_set_query_only(false).unwrap();
    f.store.delete_profile(f.ann.id).unwrap();
    assert_eq!(f.store.pending_count(), 0);
}

#[test]
fn queued_write_of_a_profile_deleted_elsewhere_is_dropped_on_retry() {
    let mut f = fixture("pending-deleted-elsewhere");
    f.store.debug_set_query_only(true).unwrap();
    assert!(f.store.record_attempt(&answer(&f, "q1")).is_err());
    f.store.debug_set_query_only(false).unwrap();
    let mut other = Store::open(f.store.data_dir()).unwrap().store;
    other.delete_profile(f.ann.id).unwrap();

    assert_eq!(f.store.retry_pending().unwrap(), 0);
    assert_eq!(f.store.pending_count(), 0);
}
