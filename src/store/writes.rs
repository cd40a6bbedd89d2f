//! The writes the store can keep in its pending queue, each checked and owned before it is
//! tried, and how each is written in one transaction: a session's start, an answer or review
//! (with its card), a session's end, and a presentation's questions, tallies and end.
//!
//! Below both the queue (`pending`), which holds and retries them, and the modules that make
//! them (`sessions`, `cards`, `presentations`): none of those has to reach into another for
//! them.

use rusqlite::{OptionalExtension, Transaction, params};

use super::{AttemptId, Mode, PresentationId, ProfileId, SessionId, Store, StoreError};
use crate::schedule::{CardState, Rating};

/// Refuses an empty `field` of `what` (the names are for the message).
pub(super) fn check_not_empty(
    what: &'static str,
    field: &str,
    value: &str,
) -> Result<(), StoreError> {
    if value.is_empty() {
        return Err(StoreError::InvalidInput {
            what,
            reason: format!("its {field} is empty"),
        });
    }
    Ok(())
}

/// Refuses a `field` of `what` that is not valid JSON.
pub(super) fn check_json(what: &'static str, field: &str, json: &str) -> Result<(), StoreError> {
    serde_json::from_str::<serde::de::IgnoredAny>(json)
        .map(drop)
        .map_err(|e| StoreError::InvalidInput {
            what,
            reason: format!("its {field} is not valid JSON ({e})"),
        })
}

/// A `u64` (a duration) as SQLite's `i64`, capped rather than wrapped.
pub(super) fn saturating_i64(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

/// The seed's bits as a signed SQLite integer, and back.
fn seed_to_sql(seed: u64) -> i64 {
    i64::from_ne_bytes(seed.to_ne_bytes())
}

pub(super) fn seed_from_sql(value: i64) -> u64 {
    u64::from_ne_bytes(value.to_ne_bytes())
}

/// A checked attempt (quiz answer or flashcard review), ready to insert or to queue.
#[derive(Clone, Debug)]
pub(super) struct AttemptRow {
    pub(super) what: &'static str,
    pub(super) session: SessionId,
    pub(super) profile: ProfileId,
    pub(super) deck_id: String,
    pub(super) question_id: String,
    pub(super) response_json: String,
    pub(super) answer_text: String,
    pub(super) score: f64,
    pub(super) elapsed_ms: i64,
    pub(super) answered_ms: i64,
    /// For a flashcard review: the rating and the card's state after it.
    pub(super) review: Option<(Rating, CardState)>,
}

/// A session to insert, owned so it can wait in the pending queue.
#[derive(Clone, Debug)]
pub(super) struct SessionRow {
    pub(super) profile: ProfileId,
    pub(super) deck_id: String,
    pub(super) deck_title: String,
    pub(super) deck_version: u32,
    pub(super) mode: Mode,
    pub(super) practice: bool,
    pub(super) seed: u64,
    pub(super) config_json: String,
    pub(super) started_ms: i64,
}

/// A checked presentation write, ready to apply or to queue.
#[derive(Clone, Debug)]
pub(super) enum PresentationWrite {
    /// A question shown (again).
    Shown {
        presentation: PresentationId,
        position: u32,
        question_id: String,
        shown_ms: i64,
    },
    /// The room's tally for a question; `now_ms` is its shown time if it was never shown.
    Tally {
        presentation: PresentationId,
        question_id: String,
        correct: u32,
        answered: u32,
        now_ms: i64,
    },
    /// The presentation's end.
    Finish {
        presentation: PresentationId,
        finished_ms: i64,
    },
}

impl PresentationWrite {
    /// Writes it in one transaction; returns how many rows matched (0 only for the end of a
    /// presentation that does not exist).
    pub(super) fn apply(&self, store: &Store) -> rusqlite::Result<usize> {
        store.write(|tx| match self {
            Self::Shown {
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
            Self::Tally {
                presentation,
                question_id,
                correct,
                answered,
                now_ms,
            } => tx
                .prepare_cached(
                    "INSERT INTO presentation_questions
                         (presentation_id, position, question_id, shown_ms, correct, answered)
                     VALUES (
                         ?1,
                         (SELECT COALESCE(MAX(position) + 1, 0) FROM presentation_questions
                          WHERE presentation_id = ?1),
                         ?2, ?3, ?4, ?5
                     )
                     ON CONFLICT (presentation_id, question_id) DO UPDATE SET
                         correct = excluded.correct,
                         answered = excluded.answered",
                )?
                .execute(params![
                    presentation.0,
                    question_id,
                    now_ms,
                    correct,
                    answered
                ]),
            Self::Finish {
                presentation,
                finished_ms,
            } => tx
                .prepare_cached("UPDATE presentations SET finished_ms = ?2 WHERE id = ?1")?
                .execute(params![presentation.0, finished_ms]),
        })
    }

    /// What is being saved, for error messages.
    pub(super) fn what(&self) -> &'static str {
        match self {
            Self::Shown { .. } => "shown question",
            Self::Tally { .. } => "question tally",
            Self::Finish { .. } => "end of the presentation",
        }
    }

    /// The presentation it writes to.
    pub(super) fn presentation(&self) -> PresentationId {
        match self {
            Self::Shown { presentation, .. }
            | Self::Tally { presentation, .. }
            | Self::Finish { presentation, .. } => *presentation,
        }
    }
}

/// The refusal of a write to a presentation that is not in the database.
pub(super) fn unknown_presentation(write: &PresentationWrite) -> StoreError {
    StoreError::InvalidInput {
        what: write.what(),
        reason: format!(
            "presentation {} is not in the score database",
            write.presentation()
        ),
    }
}

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

    /// The real id of a session started under a provisional id, once it is written; any other
    /// id as it is.
    pub(super) fn resolve_session(&self, id: SessionId) -> SessionId {
        self.provisional_sessions.get(&id).copied().unwrap_or(id)
    }

    /// Inserts an attempt (and, for a review, upserts the card) in one transaction.
    pub(super) fn insert_attempt(&self, row: &AttemptRow) -> rusqlite::Result<AttemptId> {
        self.write(|tx| {
            tx.prepare_cached(
                "INSERT INTO attempts (session_id, profile_id, deck_id, question_id, \
                 response_json, answer_text, score, elapsed_ms, answered_ms, rating)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?
            .execute(params![
                self.resolve_session(row.session).0,
                row.profile.0,
                row.deck_id,
                row.question_id,
                row.response_json,
                row.answer_text,
                row.score,
                row.elapsed_ms,
                row.answered_ms,
                row.review.map(|(rating, _)| rating.number()),
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
                     SELECT ?1, SUM(score) * 100.0 / COUNT(*), COUNT(*),
                         COALESCE(SUM(MIN(MAX(elapsed_ms, 0), 3600000)), 0)
                     FROM attempts WHERE session_id = ?2
                 )
                 WHERE id = ?2",
            )?
            .execute(params![finished_ms, self.resolve_session(session).0])
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_keeps_all_64_bits() {
        for seed in [0, 1, u64::MAX, 1 << 63] {
            assert_eq!(seed_from_sql(seed_to_sql(seed)), seed);
        }
    }
}
