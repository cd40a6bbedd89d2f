//! The writes the store makes, each checked and owned before it is tried so that a write the
//! disk refuses can wait in the pending queue unchanged: a session's start, an answer or review
//! (with its card), and a presentation's questions, tallies and end.
//!
//! Data only, below the queue (`pending`) that holds them and the code that writes them
//! (`writes`): neither has to reach into the other for them.

use super::error::StoreError;
use super::ids::{PresentationId, ProfileId, SessionId};
use super::mode::Mode;
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
pub(super) fn seed_to_sql(seed: u64) -> i64 {
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
    /// Whether it counts in scores and statistics (a poll's answer is kept, not scored).
    pub(super) scored: bool,
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
        /// `None` when the question has no right answer (a poll).
        correct: Option<u32>,
        answered: u32,
        /// How many phones picked each option; `None` for a show of hands.
        option_counts: Option<Vec<u32>>,
        now_ms: i64,
    },
    /// The presentation's end.
    Finish {
        presentation: PresentationId,
        finished_ms: i64,
    },
}

impl PresentationWrite {
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
