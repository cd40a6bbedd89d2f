//! The pending queue: writes the disk refused (full, read-only, locked by another quizdesk
//! beyond the busy timeout), kept in memory in order and written by [`Store::retry_pending`],
//! or before the next write, so nothing the user did is lost or reordered.
//!
//! A session started while writing fails waits here too, under a provisional (negative) id, so
//! its answers can wait behind it.

use rusqlite::OptionalExtension;

use super::writes::{AttemptRow, PresentationWrite, SessionRow};
use super::{ProfileId, SessionId, Store, StoreError, is_rejection};

/// A write that failed and waits in [`Store`]'s pending queue.
#[derive(Clone, Debug)]
pub(super) enum PendingWrite {
    /// A session started while writes failed, under a provisional id.
    StartSession {
        provisional: SessionId,
        row: SessionRow,
    },
    /// A quiz answer or flashcard review.
    Attempt(AttemptRow),
    /// A session's end.
    Finish {
        session: SessionId,
        finished_ms: i64,
    },
    /// A question shown, a tally or an end of an (anonymous) presentation.
    Presentation(PresentationWrite),
}

impl PendingWrite {
    /// Writes it in one transaction. A session start returns its provisional and real ids.
    fn apply(&self, store: &Store) -> rusqlite::Result<Option<(SessionId, SessionId)>> {
        match self {
            Self::StartSession { provisional, row } => store
                .insert_session(row)
                .map(|real| Some((*provisional, real))),
            Self::Attempt(row) => store.insert_attempt(row).map(|_| None),
            Self::Finish {
                session,
                finished_ms,
            } => store.update_finished(*session, *finished_ms).map(|_| None),
            Self::Presentation(write) => write.apply(store).map(|_| None),
        }
    }

    /// Whether it is an answer or a review (what the user counts as "not saved yet").
    fn is_answer(&self) -> bool {
        matches!(self, Self::Attempt(_))
    }

    /// Whether it is data of this profile (to drop it when the profile is deleted).
    pub(super) fn belongs_to(&self, profile: ProfileId) -> bool {
        match self {
            Self::StartSession { row, .. } => row.profile == profile,
            Self::Attempt(row) => row.profile == profile,
            // Deleted sessions are not found when retried, which drops the write.
            Self::Finish { .. } => false,
            // Presentations are anonymous: no profile's data.
            Self::Presentation(_) => false,
        }
    }

    /// What is being saved, for error messages.
    fn what(&self) -> &'static str {
        match self {
            Self::StartSession { .. } => "start of the session",
            Self::Attempt(row) => row.what,
            Self::Finish { .. } => "end of the session",
            Self::Presentation(write) => write.what(),
        }
    }
}

impl Store {
    /// How many failed writes are waiting in memory. While this is not zero the app should warn
    /// that answers are not yet saved, and call [`Store::retry_pending`] now and then.
    pub fn pending_count(&self) -> usize {
        self.pending.len()
    }

    /// How many answers and reviews wait in the queue (session starts and ends not counted).
    pub fn pending_answers(&self) -> usize {
        self.pending.iter().filter(|w| w.is_answer()).count()
    }

    /// Writes the queued writes, oldest first, each in its own transaction, stopping at the first
    /// that fails again (it stays queued, with everything after it). Returns how many were
    /// written.
    ///
    /// A queued write whose session or profile has since been deleted (for instance in another
    /// quizdesk window) is dropped, since its data was deleted on purpose.
    pub fn retry_pending(&mut self) -> Result<usize, StoreError> {
        self.flush()
            .map_err(|source| self.write_failed(source, true))
    }

    /// Queues the start of a session the disk refused, and returns the provisional id its
    /// answers and end can use meanwhile.
    pub(super) fn queue_session_start(&mut self, row: SessionRow) -> SessionId {
        let id = SessionId(self.next_provisional_session);
        self.next_provisional_session -= 1;
        self.pending.push_back(PendingWrite::StartSession {
            provisional: id,
            row,
        });
        id
    }

    /// Writes the pending queue in order; stops at the first write that fails again.
    pub(super) fn flush(&mut self) -> Result<usize, rusqlite::Error> {
        let mut written = 0;
        while let Some(write) = self.pending.front() {
            match write.apply(self) {
                Ok(Some((provisional, real))) => {
                    self.provisional_sessions.insert(provisional, real);
                    written += 1;
                }
                Ok(None) => written += 1,
                // Its session or profile was deleted meanwhile: the data went with it.
                Err(source) if is_rejection(&source) => {}
                Err(source) => return Err(source),
            }
            self.pending.pop_front();
        }
        Ok(written)
    }

    /// After `write` failed with `source`: refuses it if it could never succeed, else queues it.
    pub(super) fn queue_or_refuse(
        &mut self,
        write: PendingWrite,
        source: rusqlite::Error,
    ) -> StoreError {
        if let Some(error) = self.reference_error(&write) {
            return error;
        }
        if is_rejection(&source) {
            return StoreError::InvalidInput {
                what: write.what(),
                reason: format!("the database refused it ({source})"),
            };
        }
        self.pending.push_back(write);
        self.write_failed(source, true)
    }

    /// Why `write` can never be written (unknown session, or one of another profile or deck);
    /// `None` if it can, or if the database cannot be read to tell.
    fn reference_error(&self, write: &PendingWrite) -> Option<StoreError> {
        let (session, expected) = match write {
            PendingWrite::StartSession { .. } => return None,
            PendingWrite::Attempt(row) => (row.session, Some((row.profile, &row.deck_id))),
            PendingWrite::Finish { session, .. } => (*session, None),
            PendingWrite::Presentation(write) => return self.presentation_reference_error(write),
        };
        let session = self.resolve_session(session);
        if let Some(row) = self.pending.iter().find_map(|w| match w {
            PendingWrite::StartSession { provisional, row } if *provisional == session => Some(row),
            _ => None,
        }) {
            // Its session waits in the queue too: it can be written after it.
            let (want_profile, want_deck) = expected?;
            return (row.profile != want_profile || row.deck_id != *want_deck).then(|| {
                StoreError::InvalidInput {
                    what: write.what(),
                    reason: format!(
                        "the session waiting to be saved is of profile {} and deck {:?}, not \
                         profile {want_profile} and deck {want_deck:?}",
                        row.profile, row.deck_id
                    ),
                }
            });
        }
        let found: Option<(i64, String)> = self
            .conn
            .prepare_cached("SELECT profile_id, deck_id FROM sessions WHERE id = ?1")
            .and_then(|mut statement| {
                statement
                    .query_row([session.0], |row| Ok((row.get(0)?, row.get(1)?)))
                    .optional()
            })
            .ok()?;
        let Some((profile, deck_id)) = found else {
            return Some(StoreError::UnknownSession { id: session });
        };
        let (want_profile, want_deck) = expected?;
        (profile != want_profile.0 || deck_id != *want_deck).then(|| StoreError::InvalidInput {
            what: write.what(),
            reason: format!(
                "session {session} is of profile {profile} and deck {deck_id:?}, not profile \
                 {want_profile} and deck {want_deck:?}"
            ),
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use std::time::Duration;

    use rusqlite::{Connection, ErrorCode};

    use super::*;
    use crate::store::test_support::{answer, fill_disk, fixture, saved_questions};
    use crate::store::{AttemptId, Mode, NewAttempt, NewSession, SessionStart};

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

        let SessionStart::Queued { id, error } = f.store.start_session_or_queue(&new).unwrap()
        else {
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
}
