//! Quiz progress: scores over time, the hardest questions, and time spent.

use std::collections::HashMap;

use super::scope::Scope;
use crate::deck::Deck;
use crate::store::{Mode, QuestionTotal, SessionPoint};

/// One finished quiz on the score chart.
#[derive(Clone, Debug, PartialEq)]
pub struct ScorePoint {
    /// When it finished, in Unix milliseconds.
    pub finished_ms: i64,
    /// Its score, 0 to 100.
    pub percent: f64,
    /// Its deck.
    pub deck_id: String,
}

/// Finished quizzes' scores, oldest first.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ScoreSeries {
    /// Every finished quiz.
    pub points: Vec<ScorePoint>,
    /// Index of the best score in `points` (the earliest, if tied).
    pub best: Option<usize>,
}

impl ScoreSeries {
    /// The best score's point.
    pub fn best_point(&self) -> Option<&ScorePoint> {
        self.best.and_then(|i| self.points.get(i))
    }
}

/// The scores of the finished quizzes in `scope`, oldest first, with the best marked. Practice
/// quizzes (chosen questions only) are left out: one question right is no 100% on the deck.
pub fn score_series(sessions: &[SessionPoint], scope: &Scope) -> ScoreSeries {
    let mut points: Vec<ScorePoint> = sessions
        .iter()
        .filter(|s| s.mode == Mode::Quiz && !s.practice && scope.includes(&s.deck_id))
        .map(|s| ScorePoint {
            finished_ms: s.finished_ms,
            percent: s.score_percent.clamp(0.0, 100.0),
            deck_id: s.deck_id.clone(),
        })
        .collect();
    points.sort_by_key(|p| p.finished_ms);
    let mut best: Option<usize> = None;
    for (i, point) in points.iter().enumerate() {
        if best.is_none_or(|b| point.percent > points[b].percent) {
            best = Some(i);
        }
    }
    ScoreSeries { points, best }
}

/// At most about `max_points` points for drawing a line of many more (a chart is a few hundred
/// pixels wide): the points are cut into buckets and each bucket keeps its lowest and highest
/// point in time order, so every peak and dip stays visible. The first and last points are
/// always kept. Fewer points than that come back unchanged.
pub fn thin_points(points: &[[f64; 2]], max_points: usize) -> Vec<[f64; 2]> {
    let max_points = max_points.max(4);
    if points.len() <= max_points {
        return points.to_vec();
    }
    let buckets = (max_points - 2) / 2;
    let inner = &points[1..points.len() - 1];
    let mut thinned = Vec::with_capacity(max_points);
    thinned.push(points[0]);
    for b in 0..buckets {
        let start = b * inner.len() / buckets;
        let end = ((b + 1) * inner.len() / buckets)
            .max(start + 1)
            .min(inner.len());
        let bucket = &inner[start..end];
        let (mut low, mut high) = (0, 0);
        for (i, p) in bucket.iter().enumerate() {
            if p[1] < bucket[low][1] {
                low = i;
            }
            if p[1] > bucket[high][1] {
                high = i;
            }
        }
        let (first, second) = if low <= high {
            (low, high)
        } else {
            (high, low)
        };
        thinned.push(bucket[first]);
        if second != first {
            thinned.push(bucket[second]);
        }
    }
    thinned.push(points[points.len() - 1]);
    thinned
}

/// The trend of a score line: each point's score replaced by the mean of the last `window`
/// points up to it (fewer at the start), so one bad day does not hide the direction.
pub fn moving_average(points: &[[f64; 2]], window: usize) -> Vec<[f64; 2]> {
    let window = window.max(1);
    let mut sum = 0.0;
    points
        .iter()
        .enumerate()
        .map(|(i, point)| {
            sum += point[1];
            if i >= window {
                sum -= points[i - window][1];
            }
            [point[0], sum / (i + 1).min(window) as f64]
        })
        .collect()
}

/// How a profile does on one quiz question.
#[derive(Clone, Debug, PartialEq)]
pub struct QuestionStat {
    /// Its deck.
    pub deck_id: String,
    /// Its id.
    pub question_id: String,
    /// Its prompt, when the deck is in the library.
    pub prompt: Option<String>,
    /// The deck's title, when the deck is in the library.
    pub deck_title: Option<String>,
    /// How many quiz answers.
    pub answers: u32,
    /// The mean score, 0 to 1.
    pub accuracy: f64,
    /// The mean time taken per answer.
    pub mean_elapsed_ms: u64,
}

/// The quiz questions of `scope` that have answers, hardest first: lowest accuracy first; among
/// equals, the one answered more often (the surer result), then by deck and question id.
pub fn hardest_first(
    questions: &[QuestionTotal],
    decks: &[&Deck],
    scope: &Scope,
) -> Vec<QuestionStat> {
    let prompts: HashMap<(&str, &str), (&str, &str)> = decks
        .iter()
        .flat_map(|deck| {
            deck.questions().iter().map(move |q| {
                (
                    (deck.id().as_str(), q.id.as_str()),
                    (q.prompt.as_str(), deck.title()),
                )
            })
        })
        .collect();
    let mut stats: Vec<QuestionStat> = questions
        .iter()
        .filter(|q| !q.review && q.answers > 0 && scope.includes(&q.deck_id))
        .map(|q| {
            let known = prompts.get(&(q.deck_id.as_str(), q.question_id.as_str()));
            QuestionStat {
                deck_id: q.deck_id.clone(),
                question_id: q.question_id.clone(),
                prompt: known.map(|(prompt, _)| (*prompt).to_owned()),
                deck_title: known.map(|(_, title)| (*title).to_owned()),
                answers: q.answers,
                accuracy: (q.score_sum / f64::from(q.answers)).clamp(0.0, 1.0),
                mean_elapsed_ms: q.elapsed_ms / u64::from(q.answers),
            }
        })
        .collect();
    stats.sort_by(|a, b| {
        a.accuracy
            .total_cmp(&b.accuracy)
            .then(b.answers.cmp(&a.answers))
            .then_with(|| a.deck_id.cmp(&b.deck_id))
            .then_with(|| a.question_id.cmp(&b.question_id))
    });
    stats
}

/// Time spent per finished session (quizzes and flashcards).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SessionTime {
    /// Finished sessions.
    pub sessions: usize,
    /// Their time added up.
    pub total_ms: u64,
    /// The median session.
    pub median_ms: u64,
    /// The longest session.
    pub longest_ms: u64,
}

/// The time of the finished sessions of `scope`.
pub fn session_time(sessions: &[SessionPoint], scope: &Scope) -> SessionTime {
    let mut times: Vec<u64> = sessions
        .iter()
        .filter(|s| scope.includes(&s.deck_id))
        .map(|s| s.elapsed_ms)
        .collect();
    if times.is_empty() {
        return SessionTime::default();
    }
    times.sort_unstable();
    let middle = times.len() / 2;
    let median_ms = if times.len().is_multiple_of(2) {
        (times[middle - 1] + times[middle]) / 2
    } else {
        times[middle]
    };
    SessionTime {
        sessions: times.len(),
        total_ms: times.iter().sum(),
        median_ms,
        longest_ms: times[times.len() - 1],
    }
}

/// A duration for people: "45 s", "4 min 10 s", "2 h 05 min".
pub fn format_duration_ms(ms: u64) -> String {
    let secs = (ms + 500) / 1000;
    match secs {
        0..60 => format!("{secs} s"),
        60..3600 => {
            let (m, s) = (secs / 60, secs % 60);
            if s == 0 {
                format!("{m} min")
            } else {
                format!("{m} min {s} s")
            }
        }
        _ => {
            let minutes = (secs + 30) / 60;
            format!("{} h {:02} min", minutes / 60, minutes % 60)
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn session(
        deck_id: &str,
        mode: Mode,
        finished_ms: i64,
        percent: f64,
        elapsed_ms: u64,
    ) -> SessionPoint {
        SessionPoint {
            deck_id: deck_id.to_owned(),
            mode,
            finished_ms,
            score_percent: percent,
            answers: 10,
            elapsed_ms,
            practice: false,
        }
    }

    #[test]
    fn score_series_keeps_quizzes_of_the_scope_and_marks_the_first_best() {
        let sessions = [
            session("d", Mode::Quiz, 30, 80.0, 0),
            session("d", Mode::Quiz, 10, 50.0, 0),
            session("d", Mode::Study, 15, 100.0, 0),
            session("e", Mode::Quiz, 20, 90.0, 0),
            session("d", Mode::Quiz, 40, 80.0, 0),
            // Practising one question, answered right.
            SessionPoint {
                practice: true,
                ..session("d", Mode::Quiz, 50, 100.0, 0)
            },
        ];
        let d = score_series(&sessions, &Scope::Deck("d".to_owned()));
        let times: Vec<i64> = d.points.iter().map(|p| p.finished_ms).collect();
        assert_eq!(times, [10, 30, 40]);
        assert_eq!(d.best, Some(1));
        assert_eq!(d.best_point().unwrap().percent, 80.0);
        let all = score_series(&sessions, &Scope::All);
        assert_eq!(all.best_point().unwrap().deck_id, "e");
        assert_eq!(score_series(&[], &Scope::All), ScoreSeries::default());
    }

    #[test]
    fn thinning_keeps_ends_peaks_and_dips() {
        let few: Vec<[f64; 2]> = (0..10).map(|i| [f64::from(i), 50.0]).collect();
        assert_eq!(thin_points(&few, 100), few);

        let mut many: Vec<[f64; 2]> = (0..10_000).map(|i| [f64::from(i), 50.0]).collect();
        many[4321][1] = 100.0;
        many[777][1] = 0.0;
        let thinned = thin_points(&many, 200);
        assert!(thinned.len() <= 200, "{}", thinned.len());
        assert_eq!(thinned[0], [0.0, 50.0]);
        assert_eq!(thinned[thinned.len() - 1], [9999.0, 50.0]);
        assert!(thinned.contains(&[4321.0, 100.0]));
        assert!(thinned.contains(&[777.0, 0.0]));
        assert!(
            thinned.windows(2).all(|w| w[0][0] < w[1][0]),
            "in time order"
        );
    }

    #[test]
    fn moving_average_smooths_over_the_last_points() {
        let points = [[1.0, 0.0], [2.0, 100.0], [3.0, 50.0], [4.0, 100.0]];
        assert_eq!(
            moving_average(&points, 2),
            [[1.0, 0.0], [2.0, 50.0], [3.0, 75.0], [4.0, 75.0]]
        );
        assert_eq!(moving_average(&points, 1), points);
        assert!(moving_average(&[], 5).is_empty());
    }

    #[test]
    fn hardest_questions_come_first_with_their_prompts() {
        let total = |deck_id: &str, question_id: &str, review, answers, score_sum| QuestionTotal {
            deck_id: deck_id.to_owned(),
            question_id: question_id.to_owned(),
            review,
            answers,
            score_sum,
            elapsed_ms: u64::from(answers) * 1500,
            last_answered_ms: 0,
        };
        let deck = crate::deck::parse_deck(
            &std::fs::read("decks/sample-every-kind.ron").unwrap(),
            std::path::Path::new("sample.ron"),
        )
        .unwrap();
        let known = deck.questions()[0].id.as_str().to_owned();
        let deck_id = deck.id().as_str().to_owned();
        let rows = [
            total(&deck_id, &known, false, 4, 1.0),
            total("gone", "b", false, 2, 0.5),
            total("gone", "c", false, 10, 2.5),
            total("gone", "easy", false, 3, 3.0),
            // Flashcard reviews are not quiz accuracy.
            total("gone", "card", true, 5, 0.0),
        ];
        let stats = hardest_first(&rows, &[&deck], &Scope::All);
        let order: Vec<&str> = stats.iter().map(|s| s.question_id.as_str()).collect();
        // 25 % (10 answers), 25 % (4 answers), 25 % (2 answers), 100 %.
        assert_eq!(order, ["c", known.as_str(), "b", "easy"]);
        assert_eq!(
            stats[1].prompt.as_deref(),
            Some(deck.questions()[0].prompt.as_str())
        );
        assert_eq!(stats[1].deck_title.as_deref(), Some(deck.title()));
        assert_eq!(stats[0].prompt, None);
        assert_eq!(stats[0].accuracy, 0.25);
        assert_eq!(stats[0].mean_elapsed_ms, 1500);
        let one = hardest_first(&rows, &[&deck], &Scope::Deck("gone".to_owned()));
        assert_eq!(one.len(), 3);
    }

    #[test]
    fn session_time_has_median_and_longest() {
        assert_eq!(session_time(&[], &Scope::All), SessionTime::default());
        let sessions = [
            session("d", Mode::Quiz, 1, 0.0, 60_000),
            session("d", Mode::Study, 2, 0.0, 180_000),
            session("d", Mode::Quiz, 3, 0.0, 120_000),
            session("e", Mode::Quiz, 4, 0.0, 600_000),
        ];
        let d = session_time(&sessions, &Scope::Deck("d".to_owned()));
        assert_eq!(
            d,
            SessionTime {
                sessions: 3,
                total_ms: 360_000,
                median_ms: 120_000,
                longest_ms: 180_000
            }
        );
        assert_eq!(session_time(&sessions, &Scope::All).median_ms, 150_000);
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(format_duration_ms(0), "0 s");
        assert_eq!(format_duration_ms(44_600), "45 s");
        assert_eq!(format_duration_ms(60_000), "1 min");
        assert_eq!(format_duration_ms(250_000), "4 min 10 s");
        assert_eq!(format_duration_ms(3_600_000), "1 h 00 min");
        assert_eq!(format_duration_ms(7_500_000), "2 h 05 min");
    }
}
