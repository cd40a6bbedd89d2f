use std::time::Instant;

use fsrs::{DEFAULT_PARAMETERS, MemoryState, current_retrievability};
use rand::seq::SliceRandom;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::*;
use crate::schedule::CardState;
use crate::time::{DAY_MS, HOUR_MS};

const START_MS: i64 = 1_750_000_000_000;

fn log(deck: &str, question: &str, answered_ms: i64, rating: Rating) -> ReviewLog {
    ReviewLog {
        card: CardKey::new(deck, question),
        answered_ms,
        rating,
    }
}

fn review(rating: u32, delta_t: u32) -> FSRSReview {
    FSRSReview { rating, delta_t }
}

fn item(reviews: &[(u32, u32)]) -> FSRSItem {
    FSRSItem {
        reviews: reviews
            .iter()
            .map(|&(rating, delta_t)| review(rating, delta_t))
            .collect(),
    }
}

/// `cards` cards named `{prefix}{n}`, each rated `first` on day 0 and then `second` after
/// `days` days (plus a few hours, which round down).
fn two_review_cards(
    prefix: &str,
    cards: usize,
    first: Rating,
    days: i64,
    second: Rating,
) -> Vec<ReviewLog> {
    (0..cards)
        .flat_map(|n| {
            let question = format!("{prefix}{n}");
            let first_ms = START_MS + i64::try_from(n).unwrap() * 60_000;
            [
                log("deck", &question, first_ms, first),
                log(
                    "deck",
                    &question,
                    first_ms + days * DAY_MS + 5 * HOUR_MS,
                    second,
                ),
            ]
        })
        .collect()
}

#[test]
fn items_are_prefixes_with_whole_days_rounded_down() {
    let logs = [
        log("d", "q", START_MS, Rating::Good),
        log("d", "q", START_MS + DAY_MS + 12 * HOUR_MS, Rating::Good),
        // Ten minutes later: delta_t 0, kept in the history but not an item.
        log(
            "d",
            "q",
            START_MS + DAY_MS + 12 * HOUR_MS + 600_000,
            Rating::Again,
        ),
        // 2 days 11 h 50 min after the previous review.
        log("d", "q", START_MS + 4 * DAY_MS, Rating::Hard),
    ];
    let training = fsrs_items_for_training(&logs);
    assert_eq!(
        training.items,
        [
            item(&[(3, 0), (3, 1)]),
            item(&[(3, 0), (3, 1), (1, 0), (2, 2)]),
        ]
    );
    assert_eq!(training.card_ids, [0, 0]);
    assert_eq!(training.reviews, 4);
}

#[test]
fn delta_t_follows_the_schedulers_days_elapsed() {
    let first_ms = START_MS + 7 * HOUR_MS;
    for later_ms in [
        first_ms + DAY_MS - 1,
        first_ms + DAY_MS,
        first_ms + 3 * DAY_MS + 23 * HOUR_MS,
        first_ms + 40 * DAY_MS + 1,
    ] {
        let logs = [
            log("d", "q", first_ms, Rating::Good),
            log("d", "q", later_ms, Rating::Good),
        ];
        let card = CardState {
            stability: 1.0,
            difficulty: 5.0,
            due_ms: first_ms,
            last_review_ms: first_ms,
            reps: 1,
            lapses: 0,
        };
        let expected = card.days_elapsed(later_ms);
        let items = fsrs_items_for_training(&logs).items;
        if expected == 0 {
            assert!(items.is_empty());
        } else {
            assert_eq!(items, [item(&[(3, 0), (3, expected)])]);
        }
    }
}

#[test]
fn cards_without_a_later_day_review_give_no_items_and_no_reviews() {
    let logs = [
        // Reviewed once.
        log("d", "once", START_MS, Rating::Good),
        // Reviewed three times on the same day.
        log("d", "same-day", START_MS, Rating::Again),
        log("d", "same-day", START_MS + 60_000, Rating::Again),
        log("d", "same-day", START_MS + 23 * HOUR_MS, Rating::Good),
        // Two reviews at the same millisecond.
        log("d", "twice", START_MS, Rating::Good),
        log("d", "twice", START_MS, Rating::Easy),
    ];
    assert_eq!(fsrs_items_for_training(&logs), TrainingItems::default());
    assert_eq!(training_item_count(&logs), 0);
    assert_eq!(fsrs_items_for_training(&[]), TrainingItems::default());
}

#[test]
fn several_cards_are_kept_apart_and_items_come_oldest_first() {
    let logs = [
        log("b", "q1", START_MS, Rating::Again),
        log("b", "q1", START_MS + 5 * DAY_MS, Rating::Good),
        log("a", "q1", START_MS + HOUR_MS, Rating::Easy),
        log("a", "q1", START_MS + 2 * DAY_MS, Rating::Hard),
        log("a", "q1", START_MS + 9 * DAY_MS, Rating::Good),
        // The same question id in another deck is another card.
        log("a", "q2", START_MS, Rating::Good),
        log("a", "q2", START_MS + 3 * DAY_MS, Rating::Again),
    ];
    let training = fsrs_items_for_training(&logs);
    // Cards in key order: a/q1 = 0, a/q2 = 1, b/q1 = 2.
    assert_eq!(
        training.items,
        [
            item(&[(4, 0), (2, 1)]),
            item(&[(3, 0), (1, 3)]),
            item(&[(1, 0), (3, 5)]),
            item(&[(4, 0), (2, 1), (3, 7)]),
        ]
    );
    assert_eq!(training.card_ids, [0, 1, 2, 0]);
    assert_eq!(training.reviews, 7);
}

#[test]
fn the_input_order_does_not_matter() {
    let mut logs = two_review_cards("x", 30, Rating::Good, 2, Rating::Good);
    logs.extend(two_review_cards("y", 10, Rating::Again, 1, Rating::Hard));
    // Same-time ties within a card are ordered by rating.
    logs.push(log("deck", "x0", START_MS + 9 * DAY_MS, Rating::Easy));
    logs.push(log("deck", "x0", START_MS + 9 * DAY_MS, Rating::Again));
    let expected = fsrs_items_for_training(&logs);
    assert_eq!(expected.items.len(), 41);
    assert_eq!(expected.reviews, 82);
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    for _ in 0..5 {
        logs.shuffle(&mut rng);
        assert_eq!(fsrs_items_for_training(&logs), expected);
    }
    // The tie at day 9 (6 days 19 hours after the second review): Again (1) first, then
    // Easy (4) at delta_t 0, so only Again is a prediction target.
    let last = expected.items.last().unwrap();
    assert_eq!(last.reviews, [review(3, 0), review(3, 2), review(1, 6)]);
}

#[test]
fn the_count_leaves_out_what_fsrs_sets_aside_as_outliers() {
    // Five cards that all started the same way: fewer than the 20 FSRS sets aside first.
    let few = two_review_cards("c", 5, Rating::Good, 2, Rating::Good);
    assert_eq!(fsrs_items_for_training(&few).items.len(), 5);
    assert_eq!(training_item_count(&few), 0);
    // Thirty: the group is common enough to keep.
    let many = two_review_cards("c", 30, Rating::Good, 2, Rating::Good);
    assert_eq!(training_item_count(&many), 30);
    // A rare start (one card after 150 days) is set aside, with every item of its card.
    let mut with_outlier = many.clone();
    with_outlier.extend(two_review_cards("late", 1, Rating::Good, 150, Rating::Good));
    with_outlier.push(log("deck", "late0", START_MS + 200 * DAY_MS, Rating::Good));
    assert_eq!(fsrs_items_for_training(&with_outlier).items.len(), 32);
    assert_eq!(training_item_count(&with_outlier), 30);
}

/// Seven Good-then-3-days cards survive FSRS's filter; 7 + 6 cards of two rarer starts are
/// set aside first (13 < 20), then the 7 complete the 20.
fn seven_training_items() -> Vec<ReviewLog> {
    let mut logs = two_review_cards("two", 7, Rating::Good, 2, Rating::Good);
    logs.extend(two_review_cards("three", 7, Rating::Good, 3, Rating::Good));
    logs.extend(two_review_cards("four", 6, Rating::Good, 4, Rating::Good));
    logs
}

#[test]
fn below_the_minimum_is_not_enough_data_with_the_counts() {
    assert_eq!(MIN_TRAINING_ITEMS, 8);
    let logs = seven_training_items();
    assert_eq!(training_item_count(&logs), 7);
    let error = optimize(&logs, &DEFAULT_PARAMETERS).unwrap_err();
    assert_eq!(
        error,
        OptimizeError::NotEnoughData {
            training_items: 7,
            needed: 8,
            reviews: 40,
        }
    );
    let message = error.to_string();
    assert!(message.contains("needs 8"), "{message}");
    assert!(message.contains("has 7 (out of 40 reviews)"), "{message}");

    assert!(matches!(
        optimize(&[], &DEFAULT_PARAMETERS),
        Err(OptimizeError::NotEnoughData {
            training_items: 0,
            needed: 8,
            reviews: 0,
        })
    ));
}

#[test]
fn at_the_minimum_fsrs_fits_the_initial_stabilities_only() {
    let mut logs = seven_training_items();
    // One more review of a card whose start was kept: its item survives too.
    logs.push(log("deck", "three0", START_MS + 20 * DAY_MS, Rating::Good));
    assert_eq!(training_item_count(&logs), 8);

    let optimized = optimize(&logs, &DEFAULT_PARAMETERS).unwrap();
    assert_eq!(optimized.fit, Fit::InitialStabilities);
    assert_eq!(optimized.items, 21);
    assert_eq!(optimized.training_items, 8);
    assert_eq!(optimized.reviews, 41);
    assert_eq!(optimized.parameters.len(), PARAMETER_COUNT);
    // Everything after the initial stabilities stays at FSRS's defaults.
    assert_eq!(optimized.parameters[4..], DEFAULT_PARAMETERS[4..]);
    // All these cards were remembered after 3 days, so a Good start lasts longer than the
    // default 2.3 days.
    assert!(optimized.parameters[2] > DEFAULT_PARAMETERS[2]);
    assert!(optimized.before.log_loss.is_finite() && optimized.after.log_loss.is_finite());
    assert!(optimized.improved());
}

#[test]
fn unusable_current_parameters_are_an_error_before_training() {
    let logs = seven_training_items();
    assert_eq!(
        optimize(&logs, &DEFAULT_PARAMETERS[..20]),
        Err(OptimizeError::InvalidCurrentParameters(
            ScheduleError::ParameterCount { found: 20 }
        ))
    );
    let mut damaged = DEFAULT_PARAMETERS;
    damaged[7] = f32::INFINITY;
    let error = optimize(&logs, &damaged).unwrap_err();
    assert_eq!(
        error,
        OptimizeError::InvalidCurrentParameters(ScheduleError::Fsrs(FSRSError::InvalidParameters))
    );
    assert!(error.to_string().contains("Reset them to the defaults"));
}

#[test]
fn fsrs_errors_read_as_sentences() {
    let message = OptimizeError::Fsrs(FSRSError::InvalidInput).to_string();
    assert_eq!(
        message,
        "FSRS could not optimize the parameters: the review history gave it values it \
             could not use. Your current parameters are unchanged; try again after more reviews."
    );
}

/// A learner who forgets faster than FSRS's default learner (initial stabilities a third of
/// the defaults), studying `cards` cards with quizdesk's default scheduler: 10 new cards a
/// day, each due card reviewed within the day it falls due, until `days` days.
fn simulated_history(cards: usize, days: i64, seed: u64) -> (Vec<ReviewLog>, [f32; 21]) {
    let mut true_parameters = DEFAULT_PARAMETERS;
    for w in &mut true_parameters[..4] {
        *w /= 3.0;
    }
    let learner = FSRS::new(&true_parameters).unwrap();
    let decay = true_parameters[20];
    let scheduler = Scheduler::new().unwrap();
    let end_ms = START_MS + days * DAY_MS;
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut logs = Vec::new();

    for n in 0..cards {
        let card = CardKey::new("sim", format!("q{n}"));
        let day = i64::try_from(n / 10).unwrap();
        let mut now_ms = START_MS + day * DAY_MS + rng.random_range(0..12 * HOUR_MS);
        let mut memory: Option<MemoryState> = None;
        let mut state: Option<CardState> = None;
        while now_ms < end_ms {
            let days_elapsed = state.map_or(0, |s| s.days_elapsed(now_ms));
            let rating = match memory {
                None => [
                    Rating::Again,
                    Rating::Hard,
                    Rating::Good,
                    Rating::Good,
                    Rating::Easy,
                ][rng.random_range(0..5)],
                Some(memory) => {
                    let recall = current_retrievability(memory, days_elapsed as f32, decay);
                    if rng.random::<f32>() >= recall {
                        Rating::Again
                    } else {
                        [
                            Rating::Hard,
                            Rating::Good,
                            Rating::Good,
                            Rating::Good,
                            Rating::Easy,
                        ][rng.random_range(0..5)]
                    }
                }
            };
            logs.push(ReviewLog {
                card: card.clone(),
                answered_ms: now_ms,
                rating,
            });
            let next = learner.next_states(memory, 0.9, days_elapsed).unwrap();
            memory = Some(
                match rating {
                    Rating::Again => next.again,
                    Rating::Hard => next.hard,
                    Rating::Good => next.good,
                    Rating::Easy => next.easy,
                }
                .memory,
            );
            let after = scheduler.review(state.as_ref(), rating, now_ms).unwrap();
            now_ms = after.due_ms + rng.random_range(0..8 * HOUR_MS);
            state = Some(after);
        }
    }
    (logs, true_parameters)
}

#[test]
fn optimizing_a_simulated_history_fits_the_learner() {
    let (mut logs, true_parameters) = simulated_history(300, 90, 42);
    logs.shuffle(&mut ChaCha8Rng::seed_from_u64(1));
    let started = Instant::now();
    let optimized = optimize(&logs, &DEFAULT_PARAMETERS).unwrap();
    let elapsed = started.elapsed();
    eprintln!(
        "optimized {} reviews ({} items) in {elapsed:?}: {:?} -> {:?}",
        optimized.reviews, optimized.items, optimized.before, optimized.after
    );

    assert_eq!(optimized.fit, Fit::All);
    assert!(optimized.training_items >= FULL_TRAINING_ITEMS);
    assert!(optimized.training_items <= optimized.items);
    assert!(optimized.items < optimized.reviews);
    assert!(optimized.reviews <= logs.len());
    assert_eq!(optimized.parameters.len(), PARAMETER_COUNT);
    assert!(optimized.parameters.iter().all(|w| w.is_finite()));
    for evaluation in [optimized.before, optimized.after] {
        assert!(evaluation.log_loss.is_finite() && evaluation.log_loss > 0.0);
        assert!((0.0..=1.0).contains(&evaluation.rmse_bins));
    }
    // The defaults overestimate this learner's memory; the fit does better...
    assert!(optimized.improved());
    assert!(optimized.after.rmse_bins < optimized.before.rmse_bins);
    // ...by moving the initial stability of a Good start towards the truth.
    assert!(optimized.parameters[2] < DEFAULT_PARAMETERS[2]);
    assert!(optimized.parameters[2] > true_parameters[2] / 2.0);
    // And it is a usable schedule.
    let scheduler = Scheduler::with_parameters(&optimized.parameters).unwrap();
    assert_eq!(scheduler.parameters(), optimized.parameters);
    let [again, _, good, _] = scheduler.preview(None, START_MS).unwrap();
    assert!(again.due_ms < good.due_ms);

    // Deterministic, but for the last bits of the RMSE (see `optimize`).
    let again = optimize(&logs, &DEFAULT_PARAMETERS).unwrap();
    assert_eq!(again.parameters, optimized.parameters);
    assert_eq!(again.after.log_loss, optimized.after.log_loss);
    assert!((again.after.rmse_bins - optimized.after.rmse_bins).abs() < 1e-6);
}

#[test]
fn refitting_the_same_history_is_not_an_improvement() {
    // Training starts from FSRS's defaults, not from the current parameters, so the same
    // history gives the same parameters: no better than the current ones.
    let (logs, _) = simulated_history(300, 90, 42);
    let first = optimize(&logs, &DEFAULT_PARAMETERS).unwrap();
    let second = optimize(&logs, &first.parameters).unwrap();
    assert_eq!(second.parameters, first.parameters);
    assert_eq!(second.before.log_loss, second.after.log_loss);
    assert!(!second.improved());
}

#[test]
fn improved_compares_log_loss_only() {
    let evaluation = |log_loss, rmse_bins| Evaluation {
        log_loss,
        rmse_bins,
    };
    let optimized = |before, after| Optimized {
        parameters: DEFAULT_PARAMETERS.to_vec(),
        before,
        after,
        items: 100,
        training_items: 90,
        reviews: 150,
        fit: Fit::All,
    };
    assert!(optimized(evaluation(0.40, 0.05), evaluation(0.39, 0.06)).improved());
    assert!(!optimized(evaluation(0.39, 0.06), evaluation(0.40, 0.05)).improved());
    assert!(!optimized(evaluation(0.40, 0.06), evaluation(0.40, 0.05)).improved());
}
