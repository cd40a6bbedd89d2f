//! Flashcards: cards by state, the cards due in the coming days, and measured retention.

use std::collections::{HashMap, HashSet};

use super::scope::Scope;
use crate::deck::Deck;
use crate::store::{DayTotal, StoredCard};
use crate::time::{DAY_MS, local_day, monday_of};

/// How many days the due forecast covers, today included.
pub const FORECAST_DAYS: usize = 30;

/// Flashcards by state.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CardCounts {
    /// Never reviewed (questions of the library's decks with no review yet).
    pub new: usize,
    /// Reviewed, and due again within a day: just seen, or forgotten (Again) and being
    /// relearned.
    pub learning: usize,
    /// Reviewed, and next due a day or more after the last review.
    pub review: usize,
}

/// The cards of `scope` that are still cards: of a deck in the library (`decks`), only those
/// whose question the deck still has; of a deck no longer in the library, all of them (its
/// history is still the learner's).
pub fn cards_in_scope<'a>(
    cards: &'a [StoredCard],
    decks: &[&Deck],
    scope: &Scope,
) -> Vec<&'a StoredCard> {
    let library: HashMap<&str, HashSet<&str>> = decks
        .iter()
        .map(|d| {
            (
                d.id().as_str(),
                d.questions().iter().map(|q| q.id.as_str()).collect(),
            )
        })
        .collect();
    cards
        .iter()
        .filter(|c| scope.includes(&c.deck_id))
        .filter(|c| {
            library
                .get(c.deck_id.as_str())
                .is_none_or(|questions| questions.contains(c.question_id.as_str()))
        })
        .collect()
}

/// The cards by state. `cards` are those of the scope ([`cards_in_scope`]); `decks` are the
/// library's decks in the scope: their questions without a review are the new cards.
pub fn card_counts(cards: &[&StoredCard], decks: &[&Deck]) -> CardCounts {
    let in_scope = cards;
    let studied: HashSet<(&str, &str)> = in_scope
        .iter()
        .map(|c| (c.deck_id.as_str(), c.question_id.as_str()))
        .collect();
    let new = decks
        .iter()
        .flat_map(|deck| {
            deck.questions()
                .iter()
                .map(move |q| (deck.id().as_str(), q.id.as_str()))
        })
        .filter(|key| !studied.contains(key))
        .count();
    let learning = in_scope
        .iter()
        .filter(|c| c.state.interval_ms() < DAY_MS)
        .count();
    CardCounts {
        new,
        learning,
        review: in_scope.len() - learning,
    }
}

/// How many of `cards` fall due on each of the next [`FORECAST_DAYS`] local days, today first;
/// cards already overdue count today. `utc_offset_ms` is local time minus UTC.
pub fn due_forecast(cards: &[&StoredCard], now_ms: i64, utc_offset_ms: i64) -> Vec<u32> {
    let today = local_day(now_ms, utc_offset_ms);
    let mut forecast = vec![0_u32; FORECAST_DAYS];
    for card in cards {
        let offset = (local_day(card.state.due_ms, utc_offset_ms) - today).max(0);
        if let Ok(index) = usize::try_from(offset)
            && let Some(slot) = forecast.get_mut(index)
        {
            *slot += 1;
        }
    }
    forecast
}

/// Measured retention: of the reviews of cards last reviewed a day or more before, how many
/// were recalled (rated Hard, Good or Easy). FSRS schedules a card for when this chance has
/// fallen to its target retention, so the two should be close.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Retention {
    /// Reviews of a card last reviewed a day or more before.
    pub checks: u32,
    /// How many of them were recalled.
    pub recalled: u32,
}

impl Retention {
    /// Recalled over checked, 0 to 1.
    pub fn rate(&self) -> f64 {
        f64::from(self.recalled) / f64::from(self.checks.max(1))
    }
}

/// The measured retention of `scope`; `None` until a card has been reviewed a day or more after
/// its previous review.
pub fn retention(days: &[DayTotal], scope: &Scope) -> Option<Retention> {
    let (checks, recalled) = days
        .iter()
        .filter(|d| d.review && scope.includes(&d.deck_id))
        .fold((0_u32, 0_u32), |(c, r), d| {
            (
                c.saturating_add(d.recall_checks),
                r.saturating_add(d.recalled),
            )
        });
    (checks > 0).then_some(Retention { checks, recalled })
}

/// Measured retention week by week (local weeks, Monday first), oldest first: the first day of
/// each week with reviews of cards last seen a day or more before, and its retention.
pub fn retention_by_week(days: &[DayTotal], scope: &Scope) -> Vec<(i64, Retention)> {
    let mut weeks: std::collections::BTreeMap<i64, Retention> = std::collections::BTreeMap::new();
    for d in days
        .iter()
        .filter(|d| d.review && d.recall_checks > 0 && scope.includes(&d.deck_id))
    {
        let week = weeks.entry(monday_of(d.day)).or_insert(Retention {
            checks: 0,
            recalled: 0,
        });
        week.checks = week.checks.saturating_add(d.recall_checks);
        week.recalled = week.recalled.saturating_add(d.recalled);
    }
    weeks.into_iter().collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::schedule::CardState;
    use crate::time::HOUR_MS;

    fn card(deck_id: &str, question_id: &str, last_review_ms: i64, due_ms: i64) -> StoredCard {
        StoredCard {
            deck_id: deck_id.to_owned(),
            question_id: question_id.to_owned(),
            state: CardState {
                stability: 1.0,
                difficulty: 5.0,
                due_ms,
                last_review_ms,
                reps: 1,
                lapses: 0,
            },
        }
    }

    const NOW: i64 = 1_000 * DAY_MS + HOUR_MS;

    #[test]
    fn cards_by_state() {
        let deck = crate::deck::parse_deck(
            &std::fs::read("decks/sample-every-kind.ron").unwrap(),
            std::path::Path::new("sample.ron"),
        )
        .unwrap();
        let ids: Vec<String> = deck.questions().iter().map(|q| q.id.to_string()).collect();
        let deck_id = deck.id().as_str().to_owned();
        let cards = [
            // Forgotten a minute ago: due again in a minute.
            card(&deck_id, &ids[0], NOW - 60_000, NOW + 60_000),
            // Due in three days.
            card(&deck_id, &ids[1], NOW, NOW + 3 * DAY_MS),
            // Another deck, not in the library.
            card("gone", "x", NOW, NOW + 10 * DAY_MS),
        ];
        let all = card_counts(&cards_in_scope(&cards, &[&deck], &Scope::All), &[&deck]);
        assert_eq!(
            all,
            CardCounts {
                new: ids.len() - 2,
                learning: 1,
                review: 2
            }
        );
        let one = card_counts(
            &cards_in_scope(&cards, &[&deck], &Scope::Deck(deck_id.clone())),
            &[&deck],
        );
        assert_eq!(one.review, 1);
        assert_eq!(one.learning, 1);

        // A card of a question the deck no longer has is no card any more.
        let removed = [card(&deck_id, "removed-question", NOW, NOW + DAY_MS)];
        assert!(cards_in_scope(&removed, &[&deck], &Scope::All).is_empty());
        // A damaged time does not overflow.
        let damaged = [card("gone", "x", -1, i64::MAX)];
        let counts = card_counts(&cards_in_scope(&damaged, &[], &Scope::All), &[]);
        assert_eq!(counts.review, 1);
    }

    #[test]
    fn forecast_puts_overdue_cards_today_and_drops_later_ones() {
        let cards = [
            card("d", "overdue", 0, NOW - 5 * DAY_MS),
            card("d", "later-today", 0, NOW + 1000),
            card("d", "tomorrow", 0, NOW + DAY_MS),
            card("d", "day-29", 0, NOW + 29 * DAY_MS),
            card("d", "day-30", 0, NOW + 30 * DAY_MS),
            card("e", "other-deck", 0, NOW + DAY_MS),
        ];
        let d = cards_in_scope(&cards, &[], &Scope::Deck("d".to_owned()));
        let forecast = due_forecast(&d, NOW, 0);
        assert_eq!(forecast.len(), FORECAST_DAYS);
        assert_eq!(forecast[0], 2);
        assert_eq!(forecast[1], 1);
        assert_eq!(forecast[29], 1);
        assert_eq!(forecast.iter().sum::<u32>(), 4);
        let all = cards_in_scope(&cards, &[], &Scope::All);
        assert_eq!(due_forecast(&all, NOW, 0)[1], 2);
        // Two hours ahead of UTC, "later today" (NOW is 01:00 UTC, 03:00 local) is still today,
        // and the card due at 01:00 UTC tomorrow is tomorrow; five hours behind, NOW is
        // yesterday evening, so today's card comes due tomorrow.
        assert_eq!(due_forecast(&all, NOW, 2 * HOUR_MS)[0], 2);
        let behind = due_forecast(&all, NOW, -5 * HOUR_MS);
        assert_eq!((behind[0], behind[1]), (2, 2));
    }

    #[test]
    fn retention_counts_only_long_term_reviews() {
        let day = |deck_id: &str, review, checks, recalled| DayTotal {
            deck_id: deck_id.to_owned(),
            day: 1,
            review,
            answers: 10,
            score_sum: 5.0,
            elapsed_ms: 0,
            recall_checks: checks,
            recalled,
        };
        assert_eq!(retention(&[day("d", true, 0, 0)], &Scope::All), None);
        let rows = [
            day("d", true, 8, 7),
            day("d", true, 2, 2),
            day("e", true, 10, 5),
            day("d", false, 0, 0),
        ];
        let d = retention(&rows, &Scope::Deck("d".to_owned())).unwrap();
        assert_eq!(
            d,
            Retention {
                checks: 10,
                recalled: 9
            }
        );
        assert!((d.rate() - 0.9).abs() < 1e-12);
        assert_eq!(retention(&rows, &Scope::All).unwrap().checks, 20);
    }

    #[test]
    fn retention_by_week_groups_monday_to_sunday() {
        let day = |day, checks, recalled| DayTotal {
            deck_id: "d".to_owned(),
            day,
            review: true,
            answers: checks,
            score_sum: 0.0,
            elapsed_ms: 0,
            recall_checks: checks,
            recalled,
        };
        // 19 996 is Monday 2024-09-30; 20 002 the Sunday after; 20 003 the next Monday.
        let rows = [
            day(19_996, 4, 3),
            day(20_002, 6, 6),
            day(20_003, 10, 5),
            day(20_004, 0, 0),
        ];
        assert_eq!(
            retention_by_week(&rows, &Scope::All),
            [
                (
                    19_996,
                    Retention {
                        checks: 10,
                        recalled: 9
                    }
                ),
                (
                    20_003,
                    Retention {
                        checks: 10,
                        recalled: 5
                    }
                )
            ]
        );
        assert!(retention_by_week(&rows, &Scope::Deck("other".to_owned())).is_empty());
    }
}
