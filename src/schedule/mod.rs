//! Spaced repetition with FSRS-6: pure scheduling, no I/O.
//!
//! [`Scheduler`] computes what a card becomes after a review (all four outcomes at once, for the
//! grade buttons); [`build_queue`] picks what to study now; [`format_interval_ms`] labels the
//! buttons; [`optimize()`] fits the FSRS parameters to a profile's own review history, for
//! [`Scheduler::with_parameters`]. Time is always passed in, as Unix milliseconds (UTC), so
//! everything here is deterministic.

mod format;
mod optimize;
mod queue;
mod scheduler;

use serde::{Deserialize, Serialize};

pub use format::format_interval_ms;
pub use optimize::{
    CardKey, Evaluation, FULL_TRAINING_ITEMS, Fit, MIN_TRAINING_ITEMS, OptimizeError, Optimized,
    ReviewLog, TrainingItems, fsrs_items_for_training, optimize, training_item_count,
};
pub use queue::{DEFAULT_NEW_PER_DAY, StudyQueue, build_queue, due_today};
pub use scheduler::{
    AGAIN_DELAY_MS, DESIRED_RETENTION, MAX_INTERVAL_DAYS, PARAMETER_COUNT, ScheduleError, Scheduler,
};

/// How well the learner recalled a card; the keys 1-4 in the flashcard screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Rating {
    /// Forgot it (key 1).
    Again = 1,
    /// Recalled it with serious difficulty (key 2).
    Hard = 2,
    /// Recalled it after some thought (key 3).
    Good = 3,
    /// Recalled it at once (key 4).
    Easy = 4,
}

impl Rating {
    /// All four, in key order.
    pub const ALL: [Self; 4] = [Self::Again, Self::Hard, Self::Good, Self::Easy];

    /// The rating for key `n` (1-4).
    pub fn from_number(n: u8) -> Option<Self> {
        Self::ALL.get(usize::from(n).checked_sub(1)?).copied()
    }

    /// 1-4.
    pub fn number(self) -> u8 {
        self as u8
    }

    /// The button label, such as "Good".
    pub fn label(self) -> &'static str {
        match self {
            Self::Again => "Again",
            Self::Hard => "Hard",
            Self::Good => "Good",
            Self::Easy => "Easy",
        }
    }
}

/// What the scheduler knows about one card for one profile: its FSRS memory state and when it is
/// due. Times are Unix milliseconds (UTC).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct CardState {
    /// FSRS stability, in days.
    pub stability: f32,
    /// FSRS difficulty, 1 to 10.
    pub difficulty: f32,
    /// When the card is next due.
    pub due_ms: i64,
    /// When it was last reviewed.
    pub last_review_ms: i64,
    /// How many times it has been reviewed.
    pub reps: u32,
    /// How many times it was forgotten (rated Again) after having been learned.
    pub lapses: u32,
}
