//! A learner's statistics, computed from the rows the store keeps: scores over time, the
//! hardest questions, time spent, study days and streaks, flashcards by state, the cards due
//! soon and the retention measured against FSRS's target.
//!
//! Pure: every function takes rows and "now" and returns numbers, so each is tested on
//! hand-made histories. The Stats screen computes a [`StatsView`] once when it opens (or when
//! the deck shown changes), then only draws it.

mod calendar;
mod cards;
mod progress;
mod scope;

pub use calendar::{DayActivity, Streak, WeekColumn, calendar_weeks, streak};
pub use cards::{
    CardCounts, FORECAST_DAYS, Retention, card_counts, cards_in_scope, due_forecast, retention,
    retention_by_week,
};
pub use progress::{
    QuestionStat, ScorePoint, ScoreSeries, SessionTime, format_duration_ms, hardest_first,
    moving_average, score_series, session_time, thin_points,
};
pub use scope::Scope;

use crate::deck::Deck;
use crate::store::StatsRows;
use crate::time::local_day;

/// The totals at the top of the screen.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Summary {
    /// Quiz answers and flashcard reviews given.
    pub answers: u64,
    /// Time spent answering (at most an hour counted per answer).
    pub studied_ms: u64,
    /// Days with at least one answer.
    pub days_studied: usize,
    /// Consecutive study days.
    pub streak: Streak,
}

/// Everything the Stats screen shows, for one scope.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StatsView {
    /// The decks covered.
    pub scope: Scope,
    /// Today, in local days since 1970-01-01.
    pub today: i64,
    /// Local time minus UTC, in milliseconds: add it to a Unix time to place it on a local day.
    pub utc_offset_ms: i64,
    /// The totals.
    pub summary: Summary,
    /// Each finished quiz's score, oldest first, and the best.
    pub scores: ScoreSeries,
    /// Quiz questions, hardest first.
    pub questions: Vec<QuestionStat>,
    /// Time per finished session (quizzes and flashcards).
    pub session_time: SessionTime,
    /// Answers and time per study day, oldest first.
    pub days: Vec<DayActivity>,
    /// Flashcards by state.
    pub cards: CardCounts,
    /// Cards due on each of the next [`FORECAST_DAYS`] days; overdue cards count today.
    pub forecast: Vec<u32>,
    /// Measured retention; `None` before any card was reviewed a day or more after the last
    /// time.
    pub retention: Option<Retention>,
    /// Measured retention week by week: each week's Monday and its retention.
    pub retention_weeks: Vec<(i64, Retention)>,
}

impl StatsView {
    /// Computes the view of `rows` for `scope`, with question texts and card counts from the
    /// library's `decks` (decks no longer in the library still show their history, by id).
    /// Days are local days: the store keeps the totals by local day, and times are shifted by
    /// the rows' UTC offset.
    pub fn compute(rows: &StatsRows, decks: &[&Deck], scope: Scope, now_ms: i64) -> Self {
        let today = local_day(now_ms, rows.utc_offset_ms);
        let days = calendar::activity(&rows.days, &scope);
        let summary = Summary {
            answers: days.iter().map(|d| u64::from(d.answers)).sum(),
            studied_ms: days.iter().map(|d| d.elapsed_ms).sum(),
            days_studied: days.len(),
            streak: streak(days.iter().map(|d| d.day), today),
        };
        let decks_in_scope: Vec<&Deck> = decks
            .iter()
            .copied()
            .filter(|d| scope.includes(d.id().as_str()))
            .collect();
        let cards = cards_in_scope(&rows.cards, &decks_in_scope, &scope);
        Self {
            today,
            utc_offset_ms: rows.utc_offset_ms,
            summary,
            scores: score_series(&rows.sessions, &scope),
            questions: hardest_first(&rows.questions, decks, &scope),
            session_time: session_time(&rows.sessions, &scope),
            days,
            cards: card_counts(&cards, &decks_in_scope),
            forecast: due_forecast(&cards, now_ms, rows.utc_offset_ms),
            retention: retention(&rows.days, &scope),
            retention_weeks: retention_by_week(&rows.days, &scope),
            scope,
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::store::{DayTotal, Mode, QuestionTotal, SessionPoint};
    use crate::time::DAY_MS;

    #[test]
    fn a_view_of_one_deck_leaves_the_others_out() {
        let day = |deck_id: &str, day, answers| DayTotal {
            deck_id: deck_id.to_owned(),
            day,
            review: false,
            answers,
            score_sum: 0.0,
            elapsed_ms: u64::from(answers) * 1000,
            recall_checks: 0,
            recalled: 0,
        };
        let rows = StatsRows {
            sessions: vec![SessionPoint {
                deck_id: "b".to_owned(),
                mode: Mode::Quiz,
                finished_ms: 5,
                score_percent: 40.0,
                answers: 5,
                elapsed_ms: 5000,
                practice: false,
            }],
            questions: vec![QuestionTotal {
                deck_id: "a".to_owned(),
                question_id: "q".to_owned(),
                review: false,
                answers: 2,
                score_sum: 1.0,
                elapsed_ms: 3000,
                last_answered_ms: 1,
            }],
            days: vec![day("a", 100, 2), day("b", 100, 5), day("b", 101, 1)],
            cards: Vec::new(),
            utc_offset_ms: 0,
        };
        let now_ms = 101 * DAY_MS + 5;
        let all = StatsView::compute(&rows, &[], Scope::All, now_ms);
        assert_eq!(all.summary.answers, 8);
        assert_eq!(all.summary.studied_ms, 8000);
        assert_eq!(all.summary.days_studied, 2);
        assert_eq!(
            all.summary.streak,
            Streak {
                current: 2,
                longest: 2
            }
        );
        assert_eq!(all.scores.points.len(), 1);
        assert_eq!(all.questions.len(), 1);

        let a = StatsView::compute(&rows, &[], Scope::Deck("a".to_owned()), now_ms);
        assert_eq!(a.summary.answers, 2);
        assert_eq!(a.summary.days_studied, 1);
        // Studied yesterday but not yet today: the streak is still going.
        assert_eq!(
            a.summary.streak,
            Streak {
                current: 1,
                longest: 1
            }
        );
        assert!(a.scores.points.is_empty());
        assert_eq!(a.questions[0].question_id, "q");
        assert_eq!(a.today, 101);
    }
}
