//! FSRS-6 scheduling of one card: the four possible outcomes of a review, and the chosen one.

use fsrs::{DEFAULT_PARAMETERS, FSRS, FSRSError, ItemState, MemoryState};

use super::{CardState, Rating};
use crate::time::DAY_MS;

/// The retention FSRS aims for: a card comes due when the chance of recalling it has fallen to
/// 90 %.
pub const DESIRED_RETENTION: f32 = 0.9;

/// How long after an Again a card is due again: one minute, so a learning session can show a
/// forgotten card again before it ends.
pub const AGAIN_DELAY_MS: i64 = 60_000;

/// The longest interval the scheduler gives, in days (100 years), so due times never overflow.
pub const MAX_INTERVAL_DAYS: i64 = 36_500;

/// How many parameters an FSRS-6 model has (`w0` to `w20`).
pub const PARAMETER_COUNT: usize = 21;

/// Why a card could not be scheduled, or a scheduler could not be made.
#[derive(Debug, PartialEq, thiserror::Error)]
pub enum ScheduleError {
    /// A parameter list that is not FSRS-6's 21 numbers, such as a damaged stored one. FSRS
    /// itself would also take 17 or 19 (FSRS-4.5 and FSRS-5), but quizdesk only ever saves
    /// FSRS-6 parameters, so any other length is damage, not an old format.
    #[error(
        "the scheduling parameters are damaged: there are {found} of them instead of {}; \
         reset them to the defaults",
        PARAMETER_COUNT
    )]
    ParameterCount {
        /// How many there were.
        found: usize,
    },
    /// FSRS rejected its parameters or the card's memory state (such as a stability that is not
    /// a finite number, from a damaged store).
    #[error("the FSRS scheduler failed: {0}")]
    Fsrs(#[from] FSRSError),
}

/// Spaced repetition with FSRS-6, with its default parameters or a profile's own (see
/// [`super::optimize()`]).
///
/// Pure and deterministic: time is passed in as Unix milliseconds, and there is no fuzz, so the
/// same card, rating and time always give the same result.
///
/// The rules on top of FSRS:
/// - **Again** makes a card due [`AGAIN_DELAY_MS`] (one minute) later, so it comes back in the
///   same session. Its memory state is FSRS's post-lapse state.
/// - **Hard, Good and Easy** make it due after the FSRS interval rounded to whole days, at least
///   1 and at most [`MAX_INTERVAL_DAYS`]; Good is never sooner than Hard, nor Easy than Good.
/// - The days elapsed passed to FSRS are whole days since the last review, rounded down and
///   never negative (see [`CardState::days_elapsed`]).
/// - `reps` grows by one on every review. `lapses` grows by one on an Again for a card that had
///   been learned: one already reviewed whose last interval was at least a day, that is, whose
///   last answer was not itself an Again. So an Again on a new card, or a second Again in a
///   row, does not count as another lapse.
#[derive(Clone, Debug)]
pub struct Scheduler {
    fsrs: FSRS,
    // Kept because `FSRS` does not give its parameters back.
    parameters: [f32; PARAMETER_COUNT],
    desired_retention: f32,
}

impl Scheduler {
    /// A scheduler with FSRS-6's default parameters and [`DESIRED_RETENTION`].
    pub fn new() -> Result<Self, ScheduleError> {
        Self::with_parameters(&DEFAULT_PARAMETERS)
    }

    /// A scheduler with these FSRS-6 parameters (such as a profile's optimized ones) and
    /// [`DESIRED_RETENTION`].
    ///
    /// Errors, rather than panics, on parameters that cannot be used, as stored ones may be
    /// damaged: [`ScheduleError::ParameterCount`] unless there are exactly [`PARAMETER_COUNT`],
    /// and FSRS's `InvalidParameters` if any is not a finite number. Finite values outside
    /// FSRS's ranges are accepted: FSRS clamps each into its range when scheduling.
    pub fn with_parameters(parameters: &[f32]) -> Result<Self, ScheduleError> {
        let parameters: [f32; PARAMETER_COUNT] =
            parameters
                .try_into()
                .map_err(|_| ScheduleError::ParameterCount {
                    found: parameters.len(),
                })?;
        Ok(Self {
            // Checks that every parameter is finite.
            fsrs: FSRS::new(&parameters)?,
            parameters,
            desired_retention: DESIRED_RETENTION,
        })
    }

    /// The FSRS-6 parameters, as given to [`Self::with_parameters`] (before FSRS's clamping).
    pub fn parameters(&self) -> &[f32] {
        &self.parameters
    }

    /// The retention the scheduler aims for, 0 to 1.
    pub fn desired_retention(&self) -> f32 {
        self.desired_retention
    }

    /// What the card would become for each rating, indexed by rating number − 1 (Again, Hard,
    /// Good, Easy), without changing anything; like Anki's `next_states`. `None` is a card never
    /// reviewed.
    ///
    /// For the grade buttons: `format_interval_ms(states[i].interval_ms())`.
    pub fn preview(
        &self,
        card: Option<&CardState>,
        now_ms: i64,
    ) -> Result<[CardState; 4], ScheduleError> {
        let memory = card.map(|c| MemoryState {
            stability: c.stability,
            difficulty: c.difficulty,
        });
        let days_elapsed = card.map_or(0, |c| c.days_elapsed(now_ms));
        let next = self
            .fsrs
            .next_states(memory, self.desired_retention, days_elapsed)?;

        let hard_days = interval_days(next.hard.interval);
        let good_days = interval_days(next.good.interval).max(hard_days);
        let easy_days = interval_days(next.easy.interval).max(good_days);

        let reps = card.map_or(0, |c| c.reps).saturating_add(1);
        let lapses = card.map_or(0, |c| c.lapses);
        let lapses_after_again = if card.is_some_and(CardState::was_learned) {
            lapses.saturating_add(1)
        } else {
            lapses
        };
        let state = |item: &ItemState, due_ms: i64, lapses: u32| CardState {
            stability: item.memory.stability,
            difficulty: item.memory.difficulty,
            due_ms,
            last_review_ms: now_ms,
            reps,
            lapses,
        };
        let after_days = |days: i64| now_ms.saturating_add(days.saturating_mul(DAY_MS));

        Ok([
            state(
                &next.again,
                now_ms.saturating_add(AGAIN_DELAY_MS),
                lapses_after_again,
            ),
            state(&next.hard, after_days(hard_days), lapses),
            state(&next.good, after_days(good_days), lapses),
            state(&next.easy, after_days(easy_days), lapses),
        ])
    }

    /// The card after a review rated `rating` at `now_ms`: the matching entry of
    /// [`Self::preview`]. `None` is a card never reviewed.
    pub fn review(
        &self,
        card: Option<&CardState>,
        rating: Rating,
        now_ms: i64,
    ) -> Result<CardState, ScheduleError> {
        let [again, hard, good, easy] = self.preview(card, now_ms)?;
        Ok(match rating {
            Rating::Again => again,
            Rating::Hard => hard,
            Rating::Good => good,
            Rating::Easy => easy,
        })
    }
}

/// An FSRS interval in days, rounded to whole days, from 1 to [`MAX_INTERVAL_DAYS`].
fn interval_days(interval_days: f32) -> i64 {
    // `as` saturates and maps NaN to 0, which the clamp then lifts to 1.
    (interval_days.round() as i64).clamp(1, MAX_INTERVAL_DAYS)
}

/// Whole days from `from_ms` to `to_ms`, rounded down; 0 if `to_ms` is earlier.
///
/// The one rule for FSRS's `delta_t`, shared by scheduling ([`CardState::days_elapsed`]) and
/// training ([`super::fsrs_items_for_training`]) so that parameters are fitted to the same
/// elapsed days they are later used with.
pub(crate) fn whole_days_between(from_ms: i64, to_ms: i64) -> u32 {
    let days = to_ms.saturating_sub(from_ms).max(0) / DAY_MS;
    u32::try_from(days).unwrap_or(u32::MAX)
}

impl CardState {
    /// Whole days from the last review to `now_ms`, rounded down; 0 if `now_ms` is earlier.
    pub fn days_elapsed(&self, now_ms: i64) -> u32 {
        whole_days_between(self.last_review_ms, now_ms)
    }

    /// Whether the card is due at `now_ms`.
    pub fn is_due(&self, now_ms: i64) -> bool {
        self.due_ms <= now_ms
    }

    /// The interval it was last given: from its last review to its due time.
    pub fn interval_ms(&self) -> i64 {
        self.due_ms.saturating_sub(self.last_review_ms)
    }

    /// Whether the card had been learned: reviewed at least once, and its last answer was not an
    /// Again (which gives an interval shorter than a day).
    fn was_learned(&self) -> bool {
        self.reps > 0 && self.interval_ms() >= DAY_MS
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    const NOW_MS: i64 = 1_750_000_000_000;

    fn scheduler() -> Scheduler {
        Scheduler::new().unwrap()
    }

    fn days(state: &CardState) -> f64 {
        state.interval_ms() as f64 / DAY_MS as f64
    }

    #[test]
    fn new_card_previews_are_ordered() {
        let [again, hard, good, easy] = scheduler().preview(None, NOW_MS).unwrap();
        assert!(again.due_ms < hard.due_ms);
        assert!(hard.due_ms <= good.due_ms);
        assert!(good.due_ms <= easy.due_ms);
        assert_eq!(again.due_ms, NOW_MS + AGAIN_DELAY_MS);
        // FSRS-6 defaults: initial stabilities 1.29, 2.31 and 8.30 days.
        assert_eq!([days(&hard), days(&good), days(&easy)], [1.0, 2.0, 8.0]);
        for state in [again, hard, good, easy] {
            assert_eq!(state.reps, 1);
            assert_eq!(state.lapses, 0);
            assert_eq!(state.last_review_ms, NOW_MS);
        }
    }

    #[test]
    fn preview_index_is_rating_number_minus_one() {
        let s = scheduler();
        let previews = s.preview(None, NOW_MS).unwrap();
        for rating in Rating::ALL {
            let index = usize::from(rating.number()) - 1;
            assert_eq!(s.review(None, rating, NOW_MS).unwrap(), previews[index]);
        }
    }

    #[test]
    fn good_then_good_on_time_grows_the_interval() {
        let s = scheduler();
        let first = s.review(None, Rating::Good, NOW_MS).unwrap();
        let second = s.review(Some(&first), Rating::Good, first.due_ms).unwrap();
        assert!(second.interval_ms() > first.interval_ms());
        assert!(second.stability > first.stability);
        assert_eq!(second.reps, 2);
        assert_eq!(second.lapses, 0);
        assert_eq!(second.last_review_ms, first.due_ms);
    }

    #[test]
    fn again_after_learning_is_a_lapse_due_in_a_minute() {
        let s = scheduler();
        let learned = s.review(None, Rating::Good, NOW_MS).unwrap();
        let forgot = s
            .review(Some(&learned), Rating::Again, learned.due_ms)
            .unwrap();
        assert_eq!(forgot.lapses, 1);
        assert_eq!(forgot.reps, 2);
        assert_eq!(forgot.due_ms, learned.due_ms + AGAIN_DELAY_MS);
        assert!(forgot.stability < learned.stability);
    }

    #[test]
    fn again_on_a_new_card_or_twice_in_a_row_is_not_another_lapse() {
        let s = scheduler();
        let first = s.review(None, Rating::Again, NOW_MS).unwrap();
        assert_eq!(first.lapses, 0);
        let again = s.review(Some(&first), Rating::Again, first.due_ms).unwrap();
        assert_eq!(again.lapses, 0);
        assert_eq!(again.reps, 2);

        let learned = s.review(Some(&again), Rating::Good, again.due_ms).unwrap();
        let lapsed = s
            .review(Some(&learned), Rating::Again, learned.due_ms)
            .unwrap();
        let still = s
            .review(Some(&lapsed), Rating::Again, lapsed.due_ms)
            .unwrap();
        assert_eq!((lapsed.lapses, still.lapses), (1, 1));
    }

    #[test]
    fn non_again_intervals_are_whole_days_of_at_least_one() {
        let s = scheduler();
        let relearning = s.review(None, Rating::Again, NOW_MS).unwrap();
        let [_, hard, good, easy] = s.preview(Some(&relearning), relearning.due_ms).unwrap();
        for state in [hard, good, easy] {
            assert!(state.interval_ms() >= DAY_MS);
            assert_eq!(state.interval_ms() % DAY_MS, 0);
        }
    }

    #[test]
    fn days_elapsed_is_whole_days_since_last_review_rounded_down() {
        let card = CardState {
            stability: 3.0,
            difficulty: 5.0,
            due_ms: NOW_MS + 3 * DAY_MS,
            last_review_ms: NOW_MS,
            reps: 1,
            lapses: 0,
        };
        assert_eq!(card.days_elapsed(NOW_MS), 0);
        assert_eq!(card.days_elapsed(NOW_MS + DAY_MS - 1), 0);
        assert_eq!(card.days_elapsed(NOW_MS + DAY_MS), 1);
        assert_eq!(card.days_elapsed(NOW_MS + 5 * DAY_MS + 7), 5);
        assert_eq!(card.days_elapsed(NOW_MS - 10 * DAY_MS), 0);
        assert_eq!(card.days_elapsed(i64::MAX), u32::MAX);
    }

    #[test]
    fn days_elapsed_reaches_fsrs() {
        // A late review of a remembered card earns more stability than an on-time one.
        let s = scheduler();
        let learned = s.review(None, Rating::Good, NOW_MS).unwrap();
        let on_time = s
            .review(Some(&learned), Rating::Good, learned.due_ms)
            .unwrap();
        let late = s
            .review(Some(&learned), Rating::Good, learned.due_ms + 10 * DAY_MS)
            .unwrap();
        assert!(late.stability > on_time.stability);
        // Within the same day, FSRS uses its short-term formula: a different result again.
        let same_day = s
            .review(Some(&learned), Rating::Good, NOW_MS + 60_000)
            .unwrap();
        assert_ne!(same_day.stability, on_time.stability);
    }

    #[test]
    fn scheduling_is_deterministic() {
        let a = scheduler();
        let b = scheduler();
        let mut card_a = None;
        let mut card_b = None;
        let mut now_ms = NOW_MS;
        for rating in [
            Rating::Good,
            Rating::Again,
            Rating::Hard,
            Rating::Easy,
            Rating::Good,
        ] {
            let next_a = a.review(card_a.as_ref(), rating, now_ms).unwrap();
            let next_b = b.review(card_b.as_ref(), rating, now_ms).unwrap();
            assert_eq!(next_a, next_b);
            assert_eq!(
                a.preview(Some(&next_a), now_ms).unwrap(),
                a.preview(Some(&next_a), now_ms).unwrap()
            );
            now_ms = next_a.due_ms;
            card_a = Some(next_a);
            card_b = Some(next_b);
        }
    }

    #[test]
    fn damaged_memory_state_is_an_error_not_a_panic() {
        let card = CardState {
            stability: f32::NAN,
            difficulty: 5.0,
            due_ms: NOW_MS,
            last_review_ms: NOW_MS - DAY_MS,
            reps: 1,
            lapses: 0,
        };
        assert_eq!(
            scheduler().preview(Some(&card), NOW_MS),
            Err(ScheduleError::Fsrs(FSRSError::InvalidInput))
        );
    }

    #[test]
    fn far_future_due_times_do_not_overflow() {
        let card = CardState {
            stability: 1.0e9,
            difficulty: 1.0,
            due_ms: i64::MAX - 1,
            last_review_ms: i64::MAX - 2,
            reps: u32::MAX,
            lapses: u32::MAX,
        };
        let s = scheduler();
        let [again, _, _, easy] = s.preview(Some(&card), i64::MAX).unwrap();
        assert_eq!(easy.due_ms, i64::MAX);
        assert_eq!(again.reps, u32::MAX);
        assert_eq!(again.lapses, u32::MAX);
    }

    #[test]
    fn new_is_with_the_default_parameters() {
        let s = scheduler();
        assert_eq!(s.parameters(), DEFAULT_PARAMETERS);
        let with_defaults = Scheduler::with_parameters(&DEFAULT_PARAMETERS).unwrap();
        assert_eq!(
            with_defaults.preview(None, NOW_MS).unwrap(),
            s.preview(None, NOW_MS).unwrap()
        );
    }

    #[test]
    fn own_parameters_change_the_schedule() {
        // A learner who remembers a first Good for 10 days rather than 2.3.
        let mut parameters = DEFAULT_PARAMETERS;
        parameters[2] = 10.0;
        let s = Scheduler::with_parameters(&parameters).unwrap();
        assert_eq!(s.parameters(), parameters);
        let good = s.review(None, Rating::Good, NOW_MS).unwrap();
        assert_eq!(days(&good), 10.0);
        assert_eq!(good.stability, 10.0);
    }

    #[test]
    fn damaged_parameters_are_an_error_not_a_panic() {
        for count in [0, 17, 19, 20, 22] {
            let parameters = vec![1.0; count];
            let error = Scheduler::with_parameters(&parameters).unwrap_err();
            assert_eq!(error, ScheduleError::ParameterCount { found: count });
            assert!(
                error
                    .to_string()
                    .contains(&format!("{count} of them instead of 21"))
            );
        }
        for bad in [f32::NAN, f32::INFINITY, f32::NEG_INFINITY] {
            let mut parameters = DEFAULT_PARAMETERS;
            parameters[20] = bad;
            assert_eq!(
                Scheduler::with_parameters(&parameters).unwrap_err(),
                ScheduleError::Fsrs(FSRSError::InvalidParameters)
            );
        }
        // Finite but out of FSRS's ranges: FSRS clamps them, and scheduling still works.
        let s = Scheduler::with_parameters(&[1.0e30; PARAMETER_COUNT]).unwrap();
        let [again, hard, good, easy] = s.preview(None, NOW_MS).unwrap();
        assert!(again.due_ms < hard.due_ms && hard.due_ms <= good.due_ms);
        assert!(good.due_ms <= easy.due_ms);
        let s = Scheduler::with_parameters(&[-1.0e30; PARAMETER_COUNT]).unwrap();
        let learned = s.review(None, Rating::Good, NOW_MS).unwrap();
        s.review(Some(&learned), Rating::Good, learned.due_ms)
            .unwrap();
    }
}
