//! What to study now: due cards, then new ones, from one deck.

use std::collections::HashMap;

use crate::deck::{Deck, QuestionId};
use crate::time::DAY_MS;

use super::CardState;

/// How many new (never reviewed) cards a deck introduces per day unless the learner chooses
/// otherwise.
pub const DEFAULT_NEW_PER_DAY: usize = 20;

/// The cards of one deck to study now.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StudyQueue {
    /// Cards due now (`due_ms <= now_ms`), most overdue first; ties in deck order.
    pub due: Vec<QuestionId>,
    /// Questions never reviewed that may still be introduced today, in deck order.
    pub new: Vec<QuestionId>,
    /// The earliest due time among the deck's cards not due now; `None` if there are none.
    pub next_due_ms: Option<i64>,
}

impl StudyQueue {
    /// Whether there is nothing to study now.
    pub fn is_empty(&self) -> bool {
        self.due.is_empty() && self.new.is_empty()
    }

    /// How many cards there are to study now, due and new.
    pub fn len(&self) -> usize {
        self.due.len() + self.new.len()
    }
}

/// The study queue for `deck` at `now_ms`.
///
/// `cards` holds the scheduling state of the reviewed questions; entries for questions no longer
/// in the deck are ignored. Questions without an entry are new: at most
/// `new_per_day − new_seen_today` of them (none if that is negative) are offered, in deck order.
/// The result depends only on the inputs, not on the map's iteration order.
pub fn build_queue(
    deck: &Deck,
    cards: &HashMap<QuestionId, CardState>,
    now_ms: i64,
    new_per_day: usize,
    new_seen_today: usize,
) -> StudyQueue {
    let new_allowed = new_per_day.saturating_sub(new_seen_today);
    let mut due: Vec<(i64, &QuestionId)> = Vec::new();
    let mut queue = StudyQueue::default();
    // A poll or a words question has nothing to remember: it is never a card.
    for question in deck.questions().iter().filter(|q| q.answer.is_scored()) {
        match cards.get(&question.id) {
            Some(card) if card.is_due(now_ms) => due.push((card.due_ms, &question.id)),
            Some(card) => {
                queue.next_due_ms = Some(
                    queue
                        .next_due_ms
                        .map_or(card.due_ms, |next| next.min(card.due_ms)),
                );
            }
            None if queue.new.len() < new_allowed => queue.new.push(question.id.clone()),
            None => {}
        }
    }
    // Stable, so cards due at the same time stay in deck order.
    due.sort_by_key(|&(due_ms, _)| due_ms);
    queue.due = due.into_iter().map(|(_, id)| id.clone()).collect();
    queue
}

/// How many of `deck`'s cards are due today, for the library's "n due today".
///
/// Kept simple and independent of time zones: a card counts when it is already due or comes due
/// within the next 24 hours (`due_ms < now_ms + 24 h`). New cards and cards of questions no
/// longer in the deck do not count.
pub fn due_today(cards: &HashMap<QuestionId, CardState>, deck: &Deck, now_ms: i64) -> usize {
    let horizon_ms = now_ms.saturating_add(DAY_MS);
    deck.questions()
        .iter()
        .filter_map(|q| cards.get(&q.id))
        .filter(|card| card.due_ms < horizon_ms)
        .count()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::deck::parse_deck;

    const NOW_MS: i64 = 1_750_000_000_000;

    /// A deck of flashcards with these question ids, in this order.
    fn deck(ids: &[&str]) -> Deck {
        let questions: String = ids
            .iter()
            .map(|id| {
                format!(
                    "Question(id: \"{id}\", prompt: \"Prompt {id}\", \
                     answer: Flashcard(back: \"Back {id}\")),\n"
                )
            })
            .collect();
        let text = format!(
            "Deck(id: \"test-deck\", title: \"Test\", description: \"\", language: \"en\", \
             authors: [\"Tester\"], version: 1, questions: [\n{questions}])"
        );
        parse_deck(text.as_bytes(), Path::new("test.ron")).unwrap()
    }

    fn id(deck: &Deck, id: &str) -> QuestionId {
        deck.questions()
            .iter()
            .find(|q| q.id.as_str() == id)
            .map(|q| q.id.clone())
            .unwrap()
    }

    #[test]
    fn polls_and_words_questions_are_never_cards() {
        let text = "Deck(id: \"t\", title: \"T\", description: \"\", language: \"en\", \
             authors: [\"A\"], version: 1, questions: [
             Question(id: \"a\", prompt: \"A?\", answer: Flashcard(back: \"A\")),
             Question(id: \"p\", prompt: \"P?\", answer: Poll(options: [\"Yes\", \"No\"])),
             Question(id: \"w\", prompt: \"W?\", answer: Words()),
             ])";
        let deck = parse_deck(text.as_bytes(), Path::new("t.ron")).unwrap();
        let queue = build_queue(&deck, &HashMap::new(), NOW_MS, 20, 0);
        assert_eq!(ids(&queue.new), ["a"]);
    }

    fn ids(list: &[QuestionId]) -> Vec<&str> {
        list.iter().map(QuestionId::as_str).collect()
    }

    fn card(due_ms: i64) -> CardState {
        CardState {
            stability: 2.0,
            difficulty: 5.0,
            due_ms,
            last_review_ms: due_ms - 2 * DAY_MS,
            reps: 1,
            lapses: 0,
        }
    }

    fn cards(deck: &Deck, entries: &[(&str, i64)]) -> HashMap<QuestionId, CardState> {
        entries
            .iter()
            .map(|&(name, due_ms)| (id(deck, name), card(due_ms)))
            .collect()
    }

    #[test]
    fn due_cards_come_most_overdue_first_then_deck_order() {
        let deck = deck(&["a", "b", "c", "d", "e"]);
        let cards = cards(
            &deck,
            &[
                ("a", NOW_MS - 1000),
                ("b", NOW_MS - 5 * DAY_MS),
                ("c", NOW_MS),
                ("d", NOW_MS - 1000),
            ],
        );
        let queue = build_queue(&deck, &cards, NOW_MS, DEFAULT_NEW_PER_DAY, 0);
        assert_eq!(ids(&queue.due), ["b", "a", "d", "c"]);
        assert_eq!(ids(&queue.new), ["e"]);
        assert_eq!(queue.next_due_ms, None);
        assert_eq!(queue.len(), 5);
    }

    #[test]
    fn new_cards_are_capped_by_what_is_left_of_the_daily_limit() {
        let deck = deck(&["a", "b", "c", "d", "e"]);
        let cards = cards(&deck, &[("b", NOW_MS + DAY_MS)]);
        let queue = build_queue(&deck, &cards, NOW_MS, 3, 0);
        assert_eq!(ids(&queue.new), ["a", "c", "d"]);
        let queue = build_queue(&deck, &cards, NOW_MS, 3, 2);
        assert_eq!(ids(&queue.new), ["a"]);
        let queue = build_queue(&deck, &cards, NOW_MS, 3, 7);
        assert!(queue.new.is_empty());
        assert!(queue.is_empty());
    }

    #[test]
    fn cards_of_questions_not_in_the_deck_are_ignored() {
        let deck = deck(&["a"]);
        let other = self::deck(&["gone", "also-gone"]);
        let mut cards = cards(&deck, &[("a", NOW_MS + DAY_MS)]);
        cards.insert(id(&other, "gone"), card(NOW_MS - DAY_MS));
        cards.insert(id(&other, "also-gone"), card(NOW_MS + 60_000));
        let queue = build_queue(&deck, &cards, NOW_MS, DEFAULT_NEW_PER_DAY, 0);
        assert!(queue.due.is_empty());
        assert!(queue.new.is_empty());
        assert_eq!(queue.next_due_ms, Some(NOW_MS + DAY_MS));
        assert_eq!(due_today(&cards, &deck, NOW_MS), 0);
    }

    #[test]
    fn next_due_is_the_earliest_card_not_due_now() {
        let deck = deck(&["a", "b", "c", "d"]);
        let cards = cards(
            &deck,
            &[
                ("a", NOW_MS + 3 * DAY_MS),
                ("b", NOW_MS - DAY_MS),
                ("c", NOW_MS + 60_000),
                ("d", NOW_MS + 1),
            ],
        );
        let queue = build_queue(&deck, &cards, NOW_MS, DEFAULT_NEW_PER_DAY, 0);
        assert_eq!(ids(&queue.due), ["b"]);
        assert_eq!(queue.next_due_ms, Some(NOW_MS + 1));
    }

    #[test]
    fn due_today_counts_due_and_due_within_a_day() {
        let deck = deck(&["a", "b", "c", "d", "new"]);
        let cards = cards(
            &deck,
            &[
                ("a", NOW_MS - 3 * DAY_MS),
                ("b", NOW_MS + 60_000),
                ("c", NOW_MS + DAY_MS - 1),
                ("d", NOW_MS + DAY_MS),
            ],
        );
        assert_eq!(due_today(&cards, &deck, NOW_MS), 3);
    }

    #[test]
    fn queue_is_deterministic() {
        let deck = deck(&["a", "b", "c", "d", "e", "f"]);
        let entries = [
            ("f", NOW_MS - 10),
            ("e", NOW_MS - 10),
            ("d", NOW_MS - 10),
            ("a", NOW_MS + 10),
        ];
        let first = build_queue(&deck, &cards(&deck, &entries), NOW_MS, 2, 0);
        for _ in 0..20 {
            // Each map is built afresh, with its own iteration order.
            let again = build_queue(&deck, &cards(&deck, &entries), NOW_MS, 2, 0);
            assert_eq!(again, first);
        }
        assert_eq!(ids(&first.due), ["d", "e", "f"]);
    }
}
