//! Flashcard study: each card's FSRS state per profile and deck, reviews, and which content
//! notes have been seen.

use std::collections::HashMap;

use rusqlite::params;

use super::error::is_rejection;
use super::rows::{AttemptRow, check_not_empty, saturating_i64};
use super::{AttemptId, ProfileId, SessionId, Store, StoreError};
use crate::deck::QuestionId;
use crate::schedule::{CardState, Rating};

/// One flashcard review to save: the rating and the card's state after it.
#[derive(Clone, Debug, PartialEq)]
pub struct NewReview<'a> {
    /// Whose review; the session's profile.
    pub profile: ProfileId,
    /// The session's deck.
    pub deck_id: &'a str,
    /// The card (question) reviewed.
    pub question_id: &'a str,
    /// How well the learner recalled it.
    pub rating: Rating,
    /// The card's state after this review, from the scheduler.
    pub state_after: CardState,
    /// The study session it was given in.
    pub session: SessionId,
    /// How long the learner took.
    pub elapsed_ms: u64,
    /// When it was reviewed, in Unix milliseconds.
    pub reviewed_ms: i64,
}

impl AttemptRow {
    fn from_review(review: &NewReview<'_>) -> Result<Self, StoreError> {
        let what = "flashcard review";
        check_not_empty(what, "deck id", review.deck_id)?;
        check_not_empty(what, "question id", review.question_id)?;
        let state = &review.state_after;
        if !(state.stability.is_finite() && state.difficulty.is_finite()) {
            return Err(StoreError::InvalidInput {
                what,
                reason: format!(
                    "the card's stability ({}) and difficulty ({}) must be finite numbers",
                    state.stability, state.difficulty
                ),
            });
        }
        let response_json =
            serde_json::to_string(&review.rating).map_err(|e| StoreError::InvalidInput {
                what,
                reason: format!("its rating cannot be written as JSON ({e})"),
            })?;
        Ok(Self {
            what,
            session: review.session,
            profile: review.profile,
            deck_id: review.deck_id.to_owned(),
            question_id: review.question_id.to_owned(),
            response_json,
            answer_text: review.rating.label().to_owned(),
            score: if review.rating == Rating::Again {
                0.0
            } else {
                1.0
            },
            elapsed_ms: saturating_i64(review.elapsed_ms),
            answered_ms: review.reviewed_ms,
            review: Some((review.rating, review.state_after)),
            scored: true,
        })
    }
}

/// A card's state from the columns stability, difficulty, due_ms, last_review_ms, reps and
/// lapses, starting at column `first`.
pub(super) fn card_state(row: &rusqlite::Row<'_>, first: usize) -> rusqlite::Result<CardState> {
    Ok(CardState {
        stability: row.get::<_, f64>(first)? as f32,
        difficulty: row.get::<_, f64>(first + 1)? as f32,
        due_ms: row.get(first + 2)?,
        last_review_ms: row.get(first + 3)?,
        reps: row.get(first + 4)?,
        lapses: row.get(first + 5)?,
    })
}

impl Store {
    /// The saved state of every card of the deck this profile has reviewed, by question id.
    /// Cards never reviewed are absent (they are new).
    pub fn card_states(
        &self,
        profile: ProfileId,
        deck_id: &str,
    ) -> Result<HashMap<QuestionId, CardState>, StoreError> {
        let read = || -> rusqlite::Result<HashMap<QuestionId, CardState>> {
            let mut statement = self.conn.prepare_cached(
                "SELECT question_id, stability, difficulty, due_ms, last_review_ms, reps, lapses
                 FROM cards WHERE profile_id = ?1 AND deck_id = ?2",
            )?;
            statement
                .query_map(params![profile.0, deck_id], |row| {
                    // Ids in the database were valid deck ids when written; trusted as stored.
                    Ok((QuestionId::new_unchecked(row.get(0)?), card_state(row, 1)?))
                })?
                .collect()
        };
        read().map_err(|e| self.read_failed(e))
    }

    /// Saves a flashcard review in one transaction: an attempt (score 0 for Again, else 1; the
    /// rating as its response) and the card's new state. Durable and queued like
    /// [`Store::record_attempt`].
    pub fn record_review(&mut self, review: &NewReview<'_>) -> Result<AttemptId, StoreError> {
        let row = AttemptRow::from_review(review)?;
        self.submit_attempt(row)
    }

    /// How many cards of the deck this profile reviewed for the first time at or after
    /// `day_start_ms` (the start of the learner's day), for the daily new-card limit.
    pub fn new_cards_seen_today(
        &self,
        profile: ProfileId,
        deck_id: &str,
        day_start_ms: i64,
    ) -> Result<usize, StoreError> {
        self.conn
            .prepare_cached(
                "SELECT COUNT(*) FROM cards
                 WHERE profile_id = ?1 AND deck_id = ?2 AND first_review_ms >= ?3",
            )
            .and_then(|mut statement| {
                statement.query_row(params![profile.0, deck_id, day_start_ms], |row| {
                    row.get::<_, i64>(0)
                })
            })
            .map(|count| usize::try_from(count).unwrap_or(0))
            .map_err(|e| self.read_failed(e))
    }

    /// Whether this profile has seen the deck's content note.
    pub fn content_note_seen(&self, profile: ProfileId, deck_id: &str) -> Result<bool, StoreError> {
        self.conn
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM content_notes_seen
                     WHERE profile_id = ?1 AND deck_id = ?2)",
            )
            .and_then(|mut statement| {
                statement.query_row(params![profile.0, deck_id], |row| row.get(0))
            })
            .map_err(|e| self.read_failed(e))
    }

    /// Records that this profile has seen the deck's content note (the first time is kept). Not
    /// queued on failure: the note is then simply shown again next time.
    pub fn mark_content_note_seen(
        &mut self,
        profile: ProfileId,
        deck_id: &str,
        seen_ms: i64,
    ) -> Result<(), StoreError> {
        let written = self.write(|tx| {
            tx.prepare_cached(
                "INSERT INTO content_notes_seen (profile_id, deck_id, seen_ms) VALUES (?1, ?2, ?3)
                 ON CONFLICT (profile_id, deck_id) DO NOTHING",
            )?
            .execute(params![profile.0, deck_id, seen_ms])
        });
        written.map(drop).map_err(|e| {
            if is_rejection(&e) && matches!(self.profile(profile), Ok(None)) {
                StoreError::UnknownProfile { id: profile }
            } else {
                self.write_failed(e, false)
            }
        })
    }
}
