//! How the store's writes reach the database, each in one transaction: at once, or from the
//! pending queue (`pending`), oldest first, before the next write or when retried; and which
//! failed writes are refused for good rather than queued.

use rusqlite::{OptionalExtension, Transaction, params};

use super::Store;
use super::error::{StoreError, is_rejection};
use super::ids::{AttemptId, SessionId};
use super::pending::PendingWrite;
use super::rows::{AttemptRow, PresentationWrite, SessionRow, seed_to_sql, unknown_presentation};
use crate::schedule::CardState;

impl Store {
    /// Inserts a session in one transaction and returns its id.
    pub(super) fn insert_session(&self, row: &SessionRow) -> rusqlite::Result<SessionId> {
        self.write(|tx| {
            tx.prepare_cached(
                "INSERT INTO sessions
                     (profile_id, deck_id, deck_title, mode, seed, config_json, started_ms,
                      deck_version, practice)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![
                row.profile.0,
                row.deck_id,
                row.deck_title,
                row.mode,
                seed_to_sql(row.seed),
                row.config_json,
                row.started_ms,
                row.deck_version,
                row.practice,
            ])?;
            Ok(SessionId(tx.last_insert_rowid()))
        })
    }

    /// Inserts an attempt (and, for a review, upserts the card) in one transaction.
    pub(super) fn insert_attempt(&self, row: &AttemptRow) -> rusqlite::Result<AttemptId> {
        self.write(|tx| {
            tx.prepare_cached(
                "INSERT INTO attempts (session_id, profile_id, deck_id, question_id, \
                 response_json, answer_text, score, elapsed_ms, answered_ms, rating, scored)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )?
            .execute(params![
                self.pending.resolve(row.session).0,
                row.profile.0,
                row.deck_id,
                row.question_id,
                row.response_json,
                row.answer_text,
                row.score,
                row.elapsed_ms,
                row.answered_ms,
                row.review.map(|(rating, _)| rating.number()),
                row.scored,
            ])?;
            let id = AttemptId(tx.last_insert_rowid());
            if let Some((_, state)) = &row.review {
                upsert_card(tx, row, state)?;
            }
            Ok(id)
        })
    }

    /// Sets a session's end time; returns how many sessions matched (0 or 1).
    pub(super) fn update_finished(
        &self,
        session: SessionId,
        finished_ms: i64,
    ) -> rusqlite::Result<usize> {
        self.write(|tx| {
            // The session's score, answers and time are kept with it, so the library and the
            // stats never add up old answers.
            tx.prepare_cached(
                "UPDATE sessions
                 SET (finished_ms, score_percent, answers, elapsed_ms) = (
                     SELECT ?1,
                         -- Answers kept but not scored (polls) count as answers, not in the
                         -- score; a session of polls alone has no score.
                         SUM(CASE WHEN scored THEN score END) * 100.0 / NULLIF(SUM(scored), 0),
                         COUNT(*),
                         COALESCE(SUM(MIN(MAX(elapsed_ms, 0), 3600000)), 0)
                     FROM attempts WHERE session_id = ?2
                 )
                 WHERE id = ?2",
            )?
            .execute(params![finished_ms, self.pending.resolve(session).0])
        })
    }

    /// Why a presentation write can never be written (its presentation does not exist); `None`
    /// if it can, or if the database cannot be read to tell.
    pub(super) fn presentation_reference_error(
        &self,
        write: &PresentationWrite,
    ) -> Option<StoreError> {
        let presentation = write.presentation();
        let found: Option<i64> = self
            .conn
            .prepare_cached("SELECT id FROM presentations WHERE id = ?1")
            .and_then(|mut statement| {
                statement
                    .query_row([presentation.0], |row| row.get(0))
                    .optional()
            })
            .ok()?;
        found.is_none().then(|| unknown_presentation(write))
    }

    /// Writes a presentation write in one transaction; returns how many rows matched (0 only for the end of a
    /// presentation that does not exist).
    pub(super) fn apply_presentation(&self, write: &PresentationWrite) -> rusqlite::Result<usize> {
        self.write(|tx| match write {
            PresentationWrite::Shown {
                presentation,
                position,
                question_id,
                shown_ms,
            } => tx
                .prepare_cached(
                    "INSERT INTO presentation_questions
                         (presentation_id, position, question_id, shown_ms)
                     VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT (presentation_id, question_id) DO UPDATE SET
                         position = excluded.position",
                )?
                .execute(params![presentation.0, position, question_id, shown_ms]),
            PresentationWrite::Tally {
                presentation,
                question_id,
                correct,
                answered,
                option_counts,
                now_ms,
            } => {
                let counts_json = option_counts
                    .as_ref()
                    .map(|counts| serde_json::to_string(counts).unwrap_or_default());
                tx.prepare_cached(
                    "INSERT INTO presentation_questions
                         (presentation_id, position, question_id, shown_ms, correct, answered,
                          option_counts_json)
                     VALUES (
                         ?1,
                         (SELECT COALESCE(MAX(position) + 1, 0) FROM presentation_questions
                          WHERE presentation_id = ?1),
                         ?2, ?3, ?4, ?5, ?6
                     )
                     ON CONFLICT (presentation_id, question_id) DO UPDATE SET
                         correct = excluded.correct,
                         answered = excluded.answered,
                         option_counts_json = excluded.option_counts_json",
                )?
                .execute(params![
                    presentation.0,
                    question_id,
                    now_ms,
                    correct,
                    answered,
                    counts_json
                ])
            }
            PresentationWrite::Finish {
                presentation,
                finished_ms,
            } => tx
                .prepare_cached("UPDATE presentations SET finished_ms = ?2 WHERE id = ?1")?
                .execute(params![presentation.0, finished_ms]),
        })
    }

    /// How many failed writes are waiting in memory. While this is not zero the app should warn
    /// that answers are not yet saved, and call [`Store::retry_pending`] now and then.
    pub fn pending_count(&self) -> usize {
        self.pending.len()
    }

    /// How many answers and reviews wait in the queue (session starts and ends not counted).
    pub fn pending_answers(&self) -> usize {
        self.pending.answers()
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

    /// Writes the pending queue in order; stops at the first write that fails again.
    pub(super) fn flush(&mut self) -> Result<usize, rusqlite::Error> {
        let mut written = 0;
        while let Some(write) = self.pending.front() {
            match self.apply_pending(write) {
                Ok(Some((provisional, real))) => {
                    self.pending.session_written(provisional, real);
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
        self.pending.push(write);
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
        let session = self.pending.resolve(session);
        if let Some(row) = self.pending.queued_session(session) {
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

    /// Writes a queued write in one transaction. A session start returns its provisional and
    /// real ids.
    fn apply_pending(
        &self,
        write: &PendingWrite,
    ) -> rusqlite::Result<Option<(SessionId, SessionId)>> {
        match write {
            PendingWrite::StartSession { provisional, row } => self
                .insert_session(row)
                .map(|real| Some((*provisional, real))),
            PendingWrite::Attempt(row) => self.insert_attempt(row).map(|_| None),
            PendingWrite::Finish {
                session,
                finished_ms,
            } => self.update_finished(*session, *finished_ms).map(|_| None),
            PendingWrite::Presentation(write) => self.apply_presentation(write).map(|_| None),
        }
    }
}

/// Inserts or updates the card's state after a review; the first review's time is kept.
fn upsert_card(tx: &Transaction<'_>, row: &AttemptRow, state: &CardState) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "INSERT INTO cards (profile_id, deck_id, question_id, stability, difficulty, due_ms,
             last_review_ms, reps, lapses, first_review_ms)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
         ON CONFLICT (profile_id, deck_id, question_id) DO UPDATE SET
             stability = excluded.stability,
             difficulty = excluded.difficulty,
             due_ms = excluded.due_ms,
             last_review_ms = excluded.last_review_ms,
             reps = excluded.reps,
             lapses = excluded.lapses",
    )?
    .execute(params![
        row.profile.0,
        row.deck_id,
        row.question_id,
        f64::from(state.stability),
        f64::from(state.difficulty),
        state.due_ms,
        state.last_review_ms,
        state.reps,
        state.lapses,
        row.answered_ms,
    ])?;
    Ok(())
}
