//! Fitting FSRS-6 parameters to one profile's own review history: pure, no I/O.
//!
//! [`fsrs_items_for_training`] turns a profile's flashcard reviews into FSRS training items the
//! way Anki does; [`training_item_count`] tells how many of them FSRS would train on, to compare
//! with [`MIN_TRAINING_ITEMS`]; [`optimize()`] fits new parameters and evaluates them against
//! the current ones on the same history, so the learner can keep whichever predicts their memory
//! better. The result goes to [`super::Scheduler::with_parameters`].
//!
//! Training is quick (about 0.2 s for 33,000 simulated reviews of 5,000 cards in a debug
//! build, 0.05 s in release), but grows with the history, so a user interface should still run
//! [`optimize()`] off its main thread rather than in a frame.

use std::collections::BTreeMap;

use fsrs::{
    ComputeParametersInput, FSRS, FSRSError, FSRSItem, FSRSReview, ModelEvaluation,
    compute_parameters, filter_outlier,
};

use super::Rating;
use super::scheduler::{PARAMETER_COUNT, ScheduleError, Scheduler, whole_days_between};

/// The fewest training items FSRS fits parameters from: with fewer,
/// `fsrs::compute_parameters` (fsrs 6.6.2, `src/training.rs:337`) silently returns its default
/// parameters, so [`optimize()`] refuses with [`OptimizeError::NotEnoughData`] instead.
///
/// Compare it with [`training_item_count`], not with a number of reviews.
pub const MIN_TRAINING_ITEMS: usize = 8;

/// The fewest training items for FSRS to fit all 21 parameters. With
/// [`MIN_TRAINING_ITEMS`] or more but fewer than this, FSRS fits only the four initial
/// stabilities (`w0`-`w3`, how long a card is remembered after its first answer) and keeps its
/// defaults for the rest (fsrs 6.6.2, `src/training.rs:351`); see [`Fit`].
pub const FULL_TRAINING_ITEMS: usize = 64;

/// One flashcard, across decks: the deck and the question within it.
///
/// Plain strings rather than [`crate::deck::DeckId`] and [`crate::deck::QuestionId`], because
/// the history of a deck or question since deleted is still the learner's history.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CardKey {
    /// The deck's id.
    pub deck_id: String,
    /// The question's id within the deck.
    pub question_id: String,
}

impl CardKey {
    /// The card for `question_id` in `deck_id`.
    pub fn new(deck_id: impl Into<String>, question_id: impl Into<String>) -> Self {
        Self {
            deck_id: deck_id.into(),
            question_id: question_id.into(),
        }
    }
}

/// One flashcard review from a profile's history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReviewLog {
    /// The card reviewed.
    pub card: CardKey,
    /// When it was answered, in Unix milliseconds (UTC).
    pub answered_ms: i64,
    /// How well the learner recalled it.
    pub rating: Rating,
}

/// A profile's reviews as FSRS training items, with the card each came from.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TrainingItems {
    /// One item per kept review (see [`fsrs_items_for_training`]), oldest first.
    pub items: Vec<FSRSItem>,
    /// For each item, a number for its card (the same for all items of one card), for
    /// `fsrs::ComputeParametersInput::card_ids` and `FSRS::evaluate_with_card_ids`.
    pub card_ids: Vec<i64>,
    /// How many reviews went into the items: all the reviews of every card that gave at least
    /// one item (Anki's "reviews" count beside the optimize button).
    pub reviews: usize,
}

/// Builds FSRS training items from a profile's flashcard reviews, given in any order.
///
/// Follows Anki (`rslib/src/scheduler/fsrs/params.rs`, `fsrs_items_for_training` and
/// `reviews_for_fsrs` with `training = true`):
/// - the reviews are grouped by card and put in time order (ties by rating, so the result
///   does not depend on the input order);
/// - each review gets `delta_t`, the whole days since the card's previous review, rounded down
///   and never negative (the rule of [`super::CardState::days_elapsed`], so training sees the
///   elapsed days the scheduler later uses), and 0 for the first review;
/// - each review after a card's first gives one item: the card's reviews up to and including
///   it. The first review predicts nothing, so it gives none;
/// - an item is kept only if its last review came at least a day after the previous one
///   (`delta_t > 0`): same-day reviews stay in later items' histories, but are not predicted;
/// - items are ordered by the time of their last review (ties by card), oldest first, because
///   FSRS weighs recent items more by their position.
///
/// Anki's other filters (learning steps before a reset, cramming, manual rescheduling, a cutoff
/// date) have nothing to act on here: every quizdesk review is a graded answer and cards are
/// never reset, so a card's first review is its first learning step.
///
/// Card ids are the cards' positions in sorted [`CardKey`] order.
pub fn fsrs_items_for_training(logs: &[ReviewLog]) -> TrainingItems {
    let mut by_card: BTreeMap<&CardKey, Vec<(i64, Rating)>> = BTreeMap::new();
    for log in logs {
        by_card
            .entry(&log.card)
            .or_default()
            .push((log.answered_ms, log.rating));
    }

    // (time of the item's last review, card id, item)
    let mut timed_items: Vec<(i64, i64, FSRSItem)> = Vec::new();
    let mut reviews = 0;
    for (card_id, reviews_of_card) in (0_i64..).zip(by_card.values_mut()) {
        reviews_of_card
            .sort_unstable_by_key(|&(answered_ms, rating)| (answered_ms, rating.number()));
        let mut history: Vec<FSRSReview> = Vec::with_capacity(reviews_of_card.len());
        let mut previous_ms = None;
        let items_before = timed_items.len();
        for &(answered_ms, rating) in reviews_of_card.iter() {
            let delta_t = previous_ms.map_or(0, |previous_ms| {
                whole_days_between(previous_ms, answered_ms)
            });
            history.push(FSRSReview {
                rating: u32::from(rating.number()),
                delta_t,
            });
            // The first review has delta_t 0, so it never gives an item.
            if delta_t > 0 {
                timed_items.push((
                    answered_ms,
                    card_id,
                    FSRSItem {
                        reviews: history.clone(),
                    },
                ));
            }
            previous_ms = Some(answered_ms);
        }
        if timed_items.len() > items_before {
            reviews += reviews_of_card.len();
        }
    }

    // Stable, so the items of one card at one time (impossible, as each has delta_t > 0, but
    // cheap to guarantee) keep their prefix order.
    timed_items.sort_by_key(|&(answered_ms, card_id, _)| (answered_ms, card_id));
    let (card_ids, items) = timed_items
        .into_iter()
        .map(|(_, card_id, item)| (card_id, item))
        .unzip();
    TrainingItems {
        items,
        card_ids,
        reviews,
    }
}

/// How many training items FSRS would actually train on: the number to compare with
/// [`MIN_TRAINING_ITEMS`] (and [`FULL_TRAINING_ITEMS`]).
///
/// What counts: the items of [`fsrs_items_for_training`] (one per review at least a day after
/// the same card's previous review, not counting each card's first review) that survive FSRS's
/// outlier filter, which it applies before training (fsrs 6.6.2, `src/dataset.rs:261`, computed
/// here with the same public `fsrs::filter_outlier`). That filter groups cards by how they
/// started: their first rating, and the whole days from their first review to their first
/// review a day or more later. Within each first rating, it sets aside the rarest starts as
/// long as together they hold fewer than 20 cards (or 5 % of that rating's cards, if that is
/// more), and also any other start shared by fewer than 6 cards or more than 100 days long
/// (365 after an Easy). Every item of a card with a set-aside start is left out. So a young
/// history counts 0 until one start (such as Good, then the next review two days later) is
/// common: `MIN_TRAINING_ITEMS - count` is the fewest further reviews that could be enough,
/// which is the honest "N more reviews needed" as long as it is shown as "at least".
///
/// (FSRS skips that filter if the environment variable `FSRS_NO_OUTLIER` is set; this count
/// assumes it is not.)
///
/// It builds all the items, so compute it once per history, not every frame.
pub fn training_item_count(logs: &[ReviewLog]) -> usize {
    surviving_counts(&fsrs_items_for_training(logs).items).training
}

/// How much FSRS could fit from the training items: see [`FULL_TRAINING_ITEMS`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fit {
    /// Only the four initial stabilities (`w0`-`w3`) were fitted; the other parameters are
    /// FSRS's defaults. This happens with fewer than [`FULL_TRAINING_ITEMS`] training items,
    /// or when every card so far has only one review a day or more after its first.
    InitialStabilities,
    /// All 21 parameters were fitted.
    All,
}

/// How well a set of parameters predicts the learner's recall on their own history; lower is
/// better for both.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Evaluation {
    /// The (recency-weighted) log loss of the predicted recall probabilities: how surprised
    /// the model is by what actually happened.
    pub log_loss: f32,
    /// The root mean square error between predicted and actual recall rates, over bins of
    /// similar reviews (Anki's "RMSE"), 0 to 1.
    pub rmse_bins: f32,
}

impl From<ModelEvaluation> for Evaluation {
    fn from(evaluation: ModelEvaluation) -> Self {
        Self {
            log_loss: evaluation.log_loss,
            rmse_bins: evaluation.rmse_bins,
        }
    }
}

/// Parameters fitted to a profile's history, and how they compare with the current ones.
#[derive(Clone, Debug, PartialEq)]
pub struct Optimized {
    /// The fitted FSRS-6 parameters ([`PARAMETER_COUNT`] finite numbers), for
    /// [`super::Scheduler::with_parameters`].
    pub parameters: Vec<f32>,
    /// The current parameters, evaluated on all the training items.
    pub before: Evaluation,
    /// The fitted parameters, evaluated on the same items.
    pub after: Evaluation,
    /// How many training items were built ([`fsrs_items_for_training`]), all of which were
    /// evaluated.
    pub items: usize,
    /// How many of those FSRS trained on, after its outlier filter ([`training_item_count`]).
    pub training_items: usize,
    /// How many reviews went into the items ([`TrainingItems::reviews`]).
    pub reviews: usize,
    /// Whether all parameters were fitted, or only the initial stabilities.
    pub fit: Fit,
}

impl Optimized {
    /// Whether the fitted parameters predict the history better than the current ones. If not,
    /// the learner should keep the current ones.
    ///
    /// Decided by log loss alone, as Anki does (it keeps the current parameters when their log
    /// loss is lower or equal).
    pub fn improved(&self) -> bool {
        self.after.log_loss < self.before.log_loss
    }
}

/// Why parameters could not be optimized.
#[derive(Debug, PartialEq, thiserror::Error)]
pub enum OptimizeError {
    /// Too little history: fewer than [`MIN_TRAINING_ITEMS`] training items.
    #[error(
        "Not enough review history to personalize the schedule yet: FSRS needs {needed} reviews \
         it can learn from and has {training_items} (out of {reviews} reviews). A review counts \
         when it comes a day or more after the card's previous one, and only once several \
         cards have started the same way; keep studying and try again later."
    )]
    NotEnoughData {
        /// How many training items FSRS would use ([`training_item_count`]).
        training_items: usize,
        /// [`MIN_TRAINING_ITEMS`].
        needed: usize,
        /// How many reviews the history holds.
        reviews: usize,
    },
    /// The current parameters, to compare against, cannot be used.
    #[error(
        "The current scheduling parameters cannot be used ({0}). Reset them to the defaults, \
         then optimize again."
    )]
    InvalidCurrentParameters(ScheduleError),
    /// FSRS failed while fitting or evaluating.
    #[error(
        "FSRS could not optimize the parameters: {}. Your current parameters are unchanged; \
         try again after more reviews.",
        describe(.0)
    )]
    Fsrs(FSRSError),
}

/// A sentence fragment on an FSRS error for a learner.
fn describe(error: &FSRSError) -> &'static str {
    match error {
        FSRSError::NotEnoughData => "there was not enough review history",
        FSRSError::Interrupted => "it was stopped before it finished",
        FSRSError::InvalidParameters => "it produced parameters that are not valid numbers",
        FSRSError::OptimalNotFound => "it found no parameters that fit",
        FSRSError::InvalidInput => "the review history gave it values it could not use",
        FSRSError::InvalidDeckSize => "the number of cards was not valid",
    }
}

/// Fits FSRS-6 parameters to a profile's flashcard reviews (given in any order) and evaluates
/// them and the `current` ones on the same training items.
///
/// Like Anki's "Optimize": items from [`fsrs_items_for_training`], FSRS's default training
/// settings (short-term parameters fitted, one relearning step: quizdesk shows a forgotten card
/// again a minute later), and both parameter sets evaluated on all the items. Check
/// [`Optimized::improved`] before offering the new parameters. Prints nothing.
///
/// Deterministic (FSRS trains with a fixed seed), except the last bits of `rmse_bins`: FSRS
/// sums its bins in `HashMap` order. [`Optimized::improved`] uses the log loss, which is exact.
///
/// Errors: [`OptimizeError::NotEnoughData`] below [`MIN_TRAINING_ITEMS`];
/// [`OptimizeError::InvalidCurrentParameters`] unless `current` is what
/// [`super::Scheduler::with_parameters`] accepts (checked first, before the slow part);
/// [`OptimizeError::Fsrs`] if FSRS fails.
pub fn optimize(logs: &[ReviewLog], current: &[f32]) -> Result<Optimized, OptimizeError> {
    Scheduler::with_parameters(current).map_err(OptimizeError::InvalidCurrentParameters)?;
    let current_fsrs = FSRS::new(current)
        .map_err(|error| OptimizeError::InvalidCurrentParameters(ScheduleError::Fsrs(error)))?;

    let TrainingItems {
        items,
        card_ids,
        reviews,
    } = fsrs_items_for_training(logs);
    let counts = surviving_counts(&items);
    let not_enough_data = OptimizeError::NotEnoughData {
        training_items: counts.training,
        needed: MIN_TRAINING_ITEMS,
        reviews: logs.len(),
    };
    if counts.training < MIN_TRAINING_ITEMS {
        return Err(not_enough_data);
    }

    let parameters = compute_parameters(ComputeParametersInput {
        train_set: items.clone(),
        card_ids: Some(card_ids.clone()),
        ..ComputeParametersInput::default()
    })
    .map_err(|error| match error {
        FSRSError::NotEnoughData => not_enough_data,
        error => OptimizeError::Fsrs(error),
    })?;
    // FSRS checks this too, but the store must never receive a short or non-finite list.
    if parameters.len() != PARAMETER_COUNT || parameters.iter().any(|w| !w.is_finite()) {
        return Err(OptimizeError::Fsrs(FSRSError::InvalidParameters));
    }
    let optimized_fsrs = FSRS::new(&parameters).map_err(OptimizeError::Fsrs)?;

    let evaluate = |fsrs: &FSRS| {
        fsrs.evaluate_with_card_ids(items.clone(), card_ids.clone(), |_| true)
            .map(Evaluation::from)
            .map_err(OptimizeError::Fsrs)
    };
    let before = evaluate(&current_fsrs)?;
    let after = evaluate(&optimized_fsrs)?;

    let fit = if counts.training < FULL_TRAINING_ITEMS || counts.training == counts.initialization {
        Fit::InitialStabilities
    } else {
        Fit::All
    };
    Ok(Optimized {
        parameters,
        before,
        after,
        items: items.len(),
        training_items: counts.training,
        reviews,
        fit,
    })
}

/// How many items survive FSRS's outlier filter.
struct SurvivingCounts {
    /// Items FSRS trains on.
    training: usize,
    /// Of those, the ones with a single review a day or more after the first, from which FSRS
    /// fits the initial stabilities.
    initialization: usize,
}

/// The counts FSRS's `compute_parameters` sees after its outlier filter, computed with the
/// public `fsrs::filter_outlier`, which applies the same rule as the filter inside
/// `compute_parameters` when given, as there, the items with one long-term review as the
/// reference.
fn surviving_counts(items: &[FSRSItem]) -> SurvivingCounts {
    // `filter_outlier` needs at least one review a day or more after the first in every item
    // (it panics otherwise); every item of `fsrs_items_for_training` ends with one, but the
    // filter keeps this safe for any input.
    let items: Vec<FSRSItem> = items
        .iter()
        .filter(|item| item.long_term_review_cnt() > 0)
        .cloned()
        .collect();
    let reference = items
        .iter()
        .filter(|item| item.long_term_review_cnt() == 1)
        .cloned()
        .collect();
    let (initialization, training) = filter_outlier(reference, items);
    SurvivingCounts {
        training: training.len(),
        initialization: initialization.len(),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests;
