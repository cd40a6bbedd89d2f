//! Study days: activity per day, streaks, and the weeks of the calendar heatmap.
//!
//! Days are local days (days since 1970-01-01 in the learner's time zone), the days the store
//! keeps its totals by and the flashcards' "new cards a day" counts in.

use std::collections::BTreeMap;

use super::scope::Scope;
use crate::store::DayTotal;
use crate::time::monday_of;

/// What was done on one day.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DayActivity {
    /// Days since 1970-01-01, local time.
    pub day: i64,
    /// Quiz answers and flashcard reviews.
    pub answers: u32,
    /// Time spent answering.
    pub elapsed_ms: u64,
}

/// The days with answers in `scope`, oldest first, quiz answers and reviews added together.
pub(super) fn activity(rows: &[DayTotal], scope: &Scope) -> Vec<DayActivity> {
    let mut by_day: BTreeMap<i64, DayActivity> = BTreeMap::new();
    for row in rows.iter().filter(|r| scope.includes(&r.deck_id)) {
        let entry = by_day.entry(row.day).or_insert_with(|| DayActivity {
            day: row.day,
            ..DayActivity::default()
        });
        entry.answers = entry.answers.saturating_add(row.answers);
        entry.elapsed_ms = entry.elapsed_ms.saturating_add(row.elapsed_ms);
    }
    by_day.into_values().filter(|d| d.answers > 0).collect()
}

/// Consecutive study days.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Streak {
    /// Days in a row up to today, or up to yesterday when today has no answers yet (the streak
    /// is not lost until the day is over).
    pub current: u32,
    /// The most days in a row ever.
    pub longest: u32,
}

/// The streaks of a set of study days (any order, repeats allowed), as of `today`.
pub fn streak(days: impl IntoIterator<Item = i64>, today: i64) -> Streak {
    let mut days: Vec<i64> = days.into_iter().collect();
    days.sort_unstable();
    days.dedup();
    let mut longest = 0;
    let mut run = 0;
    let mut previous: Option<i64> = None;
    for &day in &days {
        run = if previous == Some(day - 1) {
            run + 1
        } else {
            1
        };
        longest = longest.max(run);
        previous = Some(day);
    }
    // The run that ends on the last study day is current if that day is today or yesterday.
    let current = match days.last() {
        Some(&last) if last == today || last == today - 1 => run,
        _ => 0,
    };
    Streak { current, longest }
}

/// One column of the calendar heatmap: a week, Monday first.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WeekColumn {
    /// The Monday's day number.
    pub monday: i64,
    /// Answers given on each day, Monday to Sunday; `None` for days after today.
    pub answers: [Option<u32>; 7],
}

/// The last `weeks` weeks up to the week of `today`, oldest first, with the answers given each
/// day (0 for a day without study).
pub fn calendar_weeks(days: &[DayActivity], today: i64, weeks: usize) -> Vec<WeekColumn> {
    let answers: BTreeMap<i64, u32> = days.iter().map(|d| (d.day, d.answers)).collect();
    let this_monday = monday_of(today);
    let weeks = i64::try_from(weeks).unwrap_or(0);
    (0..weeks)
        .rev()
        .map(|back| {
            let monday = this_monday - back * 7;
            let mut column = WeekColumn {
                monday,
                answers: [None; 7],
            };
            for (offset, cell) in (0_i64..).zip(column.answers.iter_mut()) {
                let day = monday + offset;
                if day <= today {
                    *cell = Some(answers.get(&day).copied().unwrap_or(0));
                }
            }
            column
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streaks_count_days_in_a_row() {
        // Nothing at all.
        assert_eq!(streak([], 10), Streak::default());
        // Today only.
        assert_eq!(
            streak([10], 10),
            Streak {
                current: 1,
                longest: 1
            }
        );
        // Up to yesterday, in any order and with repeats: still current.
        assert_eq!(
            streak([9, 7, 8, 8, 9], 10),
            Streak {
                current: 3,
                longest: 3
            }
        );
        // Broken two days ago: over.
        assert_eq!(
            streak([5, 6, 7, 8], 10),
            Streak {
                current: 0,
                longest: 4
            }
        );
        // An older, longer run and a shorter current one.
        assert_eq!(
            streak([1, 2, 3, 4, 5, 9, 10], 10),
            Streak {
                current: 2,
                longest: 5
            }
        );
    }

    #[test]
    fn activity_adds_up_decks_and_reviews_per_day() {
        let row = |deck_id: &str, day, review, answers| DayTotal {
            deck_id: deck_id.to_owned(),
            day,
            review,
            answers,
            score_sum: 0.0,
            elapsed_ms: 100 * u64::from(answers),
            recall_checks: 0,
            recalled: 0,
        };
        let rows = [
            row("a", 3, false, 2),
            row("a", 3, true, 4),
            row("b", 3, false, 1),
            row("b", 1, false, 5),
        ];
        let all = activity(&rows, &Scope::All);
        assert_eq!(
            all,
            [
                DayActivity {
                    day: 1,
                    answers: 5,
                    elapsed_ms: 500
                },
                DayActivity {
                    day: 3,
                    answers: 7,
                    elapsed_ms: 700
                }
            ]
        );
        let a = activity(&rows, &Scope::Deck("a".to_owned()));
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].answers, 6);
    }

    #[test]
    fn calendar_weeks_end_with_the_week_of_today() {
        // Day 20 002 is Sunday 2024-10-06; 19 997 the Tuesday before.
        let today = 20_002;
        let days = [
            DayActivity {
                day: 19_997,
                answers: 3,
                elapsed_ms: 0,
            },
            DayActivity {
                day: 19_992,
                answers: 7,
                elapsed_ms: 0,
            },
        ];
        let weeks = calendar_weeks(&days, today, 2);
        assert_eq!(weeks.len(), 2);
        assert_eq!(weeks[1].monday, 19_996);
        assert_eq!(
            weeks[1].answers,
            [
                Some(0),
                Some(3),
                Some(0),
                Some(0),
                Some(0),
                Some(0),
                Some(0)
            ]
        );
        assert_eq!(weeks[0].monday, 19_989);
        assert_eq!(weeks[0].answers[3], Some(7));

        // On a Wednesday, the days after it are not drawn.
        let wednesday = calendar_weeks(&days, 19_998, 1);
        assert_eq!(
            wednesday[0].answers,
            [Some(0), Some(3), Some(0), None, None, None, None]
        );
    }
}
