//! A quiz session: which questions, in which order, with options shown in which order, and the
//! learner's attempts, as a plain state machine.
//!
//! All randomness comes from [`QuizConfig::seed`], so the same deck and config replay exactly
//! the same session: the store keeps the config and the attempts, and rebuilding the session
//! from them shows the learner what they saw.

use std::collections::HashSet;
use std::sync::Arc;

use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Deserializer, Serialize};

use super::grade::{Grade, Response, grade};
use crate::deck::{Answer, Deck, Question, QuestionId};

/// When the learner sees whether an answer was right.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum FeedbackMode {
    /// After each answer: [`QuizSession::submit`] moves to [`Phase::Feedback`].
    #[default]
    AfterEach,
    /// Only in the results: [`QuizSession::submit`] moves straight to the next question.
    AtEnd,
}

/// How to build a session. Stored with the session as JSON; fields missing from stored JSON
/// take their default.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct QuizConfig {
    /// How many questions to ask, picked at random when fewer than available; `None` asks all.
    pub count: Option<usize>,
    /// Ask the questions in random order instead of deck order.
    pub shuffle_questions: bool,
    /// Shuffle the options of choice questions (unless the question keeps its order).
    pub shuffle_options: bool,
    /// When to show whether an answer was right.
    pub feedback: FeedbackMode,
    /// Apply the questions' time limits.
    pub use_time_limits: bool,
    /// Seeds every random choice; the same seed replays the same session.
    pub seed: u64,
    /// Ask only the questions with these ids (ids the deck lacks are ignored), such as the
    /// ones missed last time; `None` asks from the whole deck.
    #[serde(deserialize_with = "deserialize_question_ids")]
    pub only: Option<Vec<QuestionId>>,
}

impl Default for QuizConfig {
    /// Every question, shuffled, with options shuffled, feedback after each, time limits on,
    /// seed 0.
    fn default() -> Self {
        Self {
            count: None,
            shuffle_questions: true,
            shuffle_options: true,
            feedback: FeedbackMode::AfterEach,
            use_time_limits: true,
            seed: 0,
            only: None,
        }
    }
}

/// Where a session is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Phase {
    /// Waiting for an answer to the current question.
    Answering,
    /// Showing whether the last answer was right; [`QuizSession::next`] moves on.
    Feedback,
    /// Every question has been answered.
    Finished,
}

/// One question of a session, as it is shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    /// The question's index in [`Deck::questions`].
    pub question_index: usize,
    /// Deck-order indices in the order to show them: choice options, order items, or a match
    /// question's right column (its left column stays in deck order). Empty for the other
    /// kinds.
    pub display_order: Vec<usize>,
}

/// One graded answer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Attempt {
    /// The question answered.
    #[serde(deserialize_with = "deserialize_question_id")]
    pub question_id: QuestionId,
    /// What the learner gave.
    pub response: Response,
    /// How right it was.
    pub grade: Grade,
    /// How long the learner took, in milliseconds.
    pub elapsed_ms: u64,
    /// Whether it counts in the score: a poll's or a words question's answer is kept, never
    /// scored.
    #[serde(default = "scored_by_default")]
    pub scored: bool,
}

/// Attempts written before polls existed were all scored.
fn scored_by_default() -> bool {
    true
}

/// What went wrong with a session.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum QuizError {
    /// The config selects no question: `count` is 0, or `only` names none of the deck's ids.
    #[error("no questions to ask: the selection is empty")]
    NoQuestions,
    /// An answer was submitted while the session was not waiting for one.
    #[error("the quiz is not waiting for an answer (it is in {phase:?})")]
    NotAnswering {
        /// The phase the session was in.
        phase: Phase,
    },
    /// A stored answer being replayed is not for the question the session asks at that point:
    /// the deck changed since the session began.
    #[error(
        "the deck changed since this quiz began: question {position} is now {expected}, not {found}"
    )]
    ReplayMismatch {
        /// The question's place in the session, from 1.
        position: usize,
        /// The question the rebuilt session asks there.
        expected: String,
        /// The question the stored answer is for.
        found: String,
    },
    /// There are more stored answers than the session has questions.
    #[error("the stored quiz has more answers than questions: the deck changed since it began")]
    ReplayTooLong,
    /// [`QuizSession::next`] was called while no feedback was showing.
    #[error("the quiz is not showing feedback (it is in {phase:?})")]
    NotInFeedback {
        /// The phase the session was in.
        phase: Phase,
    },
}

/// A quiz over one deck: the questions picked, the learner's attempts, and where it is.
#[derive(Clone, Debug)]
pub struct QuizSession {
    deck: Arc<Deck>,
    config: QuizConfig,
    items: Vec<Item>,
    attempts: Vec<Attempt>,
    /// Index into `items` of the question being answered or reviewed; `items.len()` when
    /// finished.
    current: usize,
    phase: Phase,
}

impl QuizSession {
    /// Picks and orders the questions and their options as `config` says.
    ///
    /// Errors with [`QuizError::NoQuestions`] when nothing is selected.
    pub fn new(deck: Arc<Deck>, config: QuizConfig) -> Result<Self, QuizError> {
        let questions = deck.questions();
        let pool: Vec<usize> = match &config.only {
            None => (0..questions.len()).collect(),
            Some(ids) => {
                let wanted: HashSet<&QuestionId> = ids.iter().collect();
                (0..questions.len())
                    .filter(|&i| questions.get(i).is_some_and(|q| wanted.contains(&q.id)))
                    .collect()
            }
        };
        let take = config.count.map_or(pool.len(), |n| n.min(pool.len()));
        if take == 0 {
            return Err(QuizError::NoQuestions);
        }

        let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
        let mut chosen: Vec<usize> = if take < pool.len() {
            let mut picked: Vec<usize> = rand::seq::index::sample(&mut rng, pool.len(), take)
                .into_iter()
                .filter_map(|k| pool.get(k).copied())
                .collect();
            // Kept in deck order unless shuffling is asked for below.
            picked.sort_unstable();
            picked
        } else {
            pool
        };
        if config.shuffle_questions {
            chosen.shuffle(&mut rng);
        }
        let items = chosen
            .into_iter()
            .filter_map(|question_index| {
                let question = questions.get(question_index)?;
                Some(Item {
                    question_index,
                    display_order: display_order(&question.answer, &config, &mut rng),
                })
            })
            .collect();

        Ok(Self {
            deck,
            config,
            items,
            attempts: Vec::new(),
            current: 0,
            phase: Phase::Answering,
        })
    }

    /// The session `config` built, with `answers` (question id, response, milliseconds taken;
    /// in the order given) replayed: a quiz left half-way, picked up at its next question.
    /// Each answer is graded again against `deck`.
    ///
    /// Errors with [`QuizError::ReplayMismatch`] or [`QuizError::ReplayTooLong`] when the
    /// answers do not fit the session (the deck changed), and as [`Self::new`] does.
    pub fn resume(
        deck: Arc<Deck>,
        config: QuizConfig,
        answers: impl IntoIterator<Item = (QuestionId, Response, u64)>,
    ) -> Result<Self, QuizError> {
        let mut session = Self::new(deck, config)?;
        for (question_id, response, elapsed_ms) in answers {
            let Some(expected) = session.current_question().map(|q| q.id.clone()) else {
                return Err(QuizError::ReplayTooLong);
            };
            if expected != question_id {
                return Err(QuizError::ReplayMismatch {
                    position: session.current + 1,
                    expected: expected.as_str().to_owned(),
                    found: question_id.as_str().to_owned(),
                });
            }
            session.submit(response, elapsed_ms)?;
            if session.phase == Phase::Feedback {
                session.advance();
            }
        }
        Ok(session)
    }

    /// Where the session is.
    pub fn phase(&self) -> Phase {
        self.phase
    }

    /// The position of the current question in the session, from 0; equals [`Self::len`] once
    /// finished. During feedback it is the question just answered.
    pub fn current_index(&self) -> usize {
        self.current
    }

    /// How many questions the session asks (at least one).
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Always false: a session has at least one question. Here for the `len` convention.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Every question of the session, in the order asked.
    pub fn items(&self) -> &[Item] {
        &self.items
    }

    /// The question being answered or reviewed; `None` once finished.
    pub fn current_item(&self) -> Option<&Item> {
        match self.phase {
            Phase::Finished => None,
            Phase::Answering | Phase::Feedback => self.items.get(self.current),
        }
    }

    /// The deck question of [`Self::current_item`].
    pub fn current_question(&self) -> Option<&Question> {
        self.question_of(self.current_item()?)
    }

    /// The deck question an item shows.
    pub fn question_of(&self, item: &Item) -> Option<&Question> {
        self.deck.questions().get(item.question_index)
    }

    /// The deck being quizzed.
    pub fn deck(&self) -> &Arc<Deck> {
        &self.deck
    }

    /// The config the session was built from.
    pub fn config(&self) -> &QuizConfig {
        &self.config
    }

    /// Grades `response` to the current question and records it.
    ///
    /// With [`FeedbackMode::AfterEach`] the session moves to [`Phase::Feedback`]; with
    /// [`FeedbackMode::AtEnd`] to the next question, or [`Phase::Finished`] after the last.
    /// Errors with [`QuizError::NotAnswering`] outside [`Phase::Answering`].
    pub fn submit(&mut self, response: Response, elapsed_ms: u64) -> Result<&Attempt, QuizError> {
        let not_answering = QuizError::NotAnswering { phase: self.phase };
        if self.phase != Phase::Answering {
            return Err(not_answering);
        }
        let Some(question) = self.current_question() else {
            return Err(not_answering);
        };
        let attempt = Attempt {
            question_id: question.id.clone(),
            grade: grade(&question.answer, &response),
            response,
            elapsed_ms,
            scored: question.answer.is_scored(),
        };
        self.attempts.push(attempt);
        match self.config.feedback {
            FeedbackMode::AfterEach => self.phase = Phase::Feedback,
            FeedbackMode::AtEnd => self.advance(),
        }
        self.attempts.last().ok_or(not_answering)
    }

    /// Leaves the feedback for the next question, or [`Phase::Finished`] after the last.
    ///
    /// Errors with [`QuizError::NotInFeedback`] outside [`Phase::Feedback`].
    // Named for the "Next" button it backs; a session is not an iterator of anything.
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Result<(), QuizError> {
        if self.phase != Phase::Feedback {
            return Err(QuizError::NotInFeedback { phase: self.phase });
        }
        self.advance();
        Ok(())
    }

    fn advance(&mut self) {
        self.current += 1;
        self.phase = if self.current >= self.items.len() {
            Phase::Finished
        } else {
            Phase::Answering
        };
    }

    /// The current question's time limit in milliseconds; `None` when it has none, time
    /// limits are off, or the session is finished.
    pub fn time_limit_ms(&self) -> Option<u64> {
        if !self.config.use_time_limits {
            return None;
        }
        self.current_question()?
            .time_limit_secs
            .map(|secs| u64::from(secs) * 1000)
    }

    /// Every attempt so far, in the order answered.
    pub fn attempts(&self) -> &[Attempt] {
        &self.attempts
    }

    /// The latest attempt: during feedback, the one being shown.
    pub fn last_attempt(&self) -> Option<&Attempt> {
        self.attempts.last()
    }

    /// The sum of the scores so far (each scored question is worth 1; polls and words are
    /// worth nothing).
    pub fn score(&self) -> f64 {
        self.attempts
            .iter()
            .filter(|a| a.scored)
            .map(|a| a.grade.score)
            .sum()
    }

    /// How many questions of the session count in the score (all but polls and words).
    pub fn scored_len(&self) -> usize {
        self.items
            .iter()
            .filter(|item| self.question_of(item).is_some_and(|q| q.answer.is_scored()))
            .count()
    }

    /// How many questions have been answered (skips included).
    pub fn answered(&self) -> usize {
        self.attempts.len()
    }

    /// How many of the answers so far count in the score (polls and words do not).
    pub fn scored_answered(&self) -> usize {
        self.attempts.iter().filter(|a| a.scored).count()
    }

    /// The share of questions answered, from 0.0 to 1.0.
    pub fn progress_fraction(&self) -> f64 {
        if self.items.is_empty() {
            return 1.0;
        }
        self.attempts.len() as f64 / self.items.len() as f64
    }

    /// The results so far; complete once [`Phase::Finished`]. Questions not reached yet score
    /// 0 and count as missed.
    pub fn results(&self) -> Results {
        let rows: Vec<ReviewRow> = self
            .items
            .iter()
            .zip(&self.attempts)
            .map(|(item, attempt)| ReviewRow {
                question_index: item.question_index,
                question_id: attempt.question_id.clone(),
                response: attempt.response.clone(),
                grade: attempt.grade,
                elapsed_ms: attempt.elapsed_ms,
                scored: attempt.scored,
            })
            .collect();
        let unanswered = self
            .items
            .iter()
            .skip(self.attempts.len())
            .filter_map(|item| self.question_of(item).map(|q| q.id.clone()))
            .collect();
        Results {
            score: self.score(),
            max_score: self.scored_len() as f64,
            elapsed_ms: self
                .attempts
                .iter()
                .fold(0u64, |sum, a| sum.saturating_add(a.elapsed_ms)),
            rows,
            unanswered,
        }
    }
}

/// The order to show an answer's parts in, in deck-order indices.
fn display_order(answer: &Answer, config: &QuizConfig, rng: &mut ChaCha8Rng) -> Vec<usize> {
    match answer {
        Answer::SingleChoice {
            options,
            keep_order,
        }
        | Answer::MultiSelect {
            options,
            keep_order,
        } => {
            let mut order: Vec<usize> = (0..options.len()).collect();
            if config.shuffle_options && !keep_order {
                order.shuffle(rng);
            }
            order
        }
        Answer::Order { items } => {
            let mut order: Vec<usize> = (0..items.len()).collect();
            order.shuffle(rng);
            // Shown already in order, the question would answer itself. Rotating by one
            // instead of shuffling again keeps the number of random draws fixed, and moves
            // every item.
            if order.len() >= 2 && order.iter().enumerate().all(|(i, &x)| i == x) {
                order.rotate_left(1);
            }
            order
        }
        Answer::Match { pairs } => {
            let mut order: Vec<usize> = (0..pairs.len()).collect();
            order.shuffle(rng);
            order
        }
        // A poll's options are often a scale ("never" to "often"): always as written.
        Answer::Poll { options, .. } => (0..options.len()).collect(),
        Answer::Words { .. }
        | Answer::Flashcard { .. }
        | Answer::TrueFalse { .. }
        | Answer::Numeric { .. }
        | Answer::Text { .. } => Vec::new(),
    }
}

/// One answered question, for the review screen.
#[derive(Clone, Debug, PartialEq)]
pub struct ReviewRow {
    /// The question's index in [`Deck::questions`].
    pub question_index: usize,
    /// The question's id.
    pub question_id: QuestionId,
    /// What the learner gave.
    pub response: Response,
    /// How right it was.
    pub grade: Grade,
    /// How long the learner took, in milliseconds.
    pub elapsed_ms: u64,
    /// Whether it counts in the score (not a poll or a words question).
    pub scored: bool,
}

/// How a session went.
#[derive(Clone, Debug, PartialEq)]
pub struct Results {
    /// The sum of the scores.
    pub score: f64,
    /// The best possible score: one per question in the session.
    pub max_score: f64,
    /// The time spent answering, in milliseconds.
    pub elapsed_ms: u64,
    /// The answered questions, in the order asked.
    pub rows: Vec<ReviewRow>,
    /// Questions of the session not answered yet (empty once finished), in the order they
    /// would have been asked.
    pub unanswered: Vec<QuestionId>,
}

impl Results {
    /// The score as a percentage of the best possible, from 0 to 100.
    pub fn percent(&self) -> f64 {
        if self.max_score <= 0.0 {
            return 0.0;
        }
        100.0 * self.score / self.max_score
    }

    /// The questions not fully right, including unanswered ones, in the order asked.
    pub fn missed_ids(&self) -> Vec<QuestionId> {
        self.rows
            .iter()
            .filter(|row| row.scored && !row.grade.is_correct())
            .map(|row| row.question_id.clone())
            .chain(self.unanswered.iter().cloned())
            .collect()
    }

    /// A config to retry the missed questions: `base` with `only` set to them, every one of
    /// them asked, and `seed`. `None` when nothing was missed.
    pub fn retry_missed_config(&self, base: &QuizConfig, seed: u64) -> Option<QuizConfig> {
        let missed = self.missed_ids();
        if missed.is_empty() {
            return None;
        }
        Some(QuizConfig {
            count: None,
            seed,
            only: Some(missed),
            ..base.clone()
        })
    }
}

// Question ids are only made by the deck loader, so they have no `Deserialize` of their own.
// Stored ids are taken as they are: they only ever select or name deck questions, and an id the
// deck does not have selects nothing.
fn deserialize_question_id<'de, D: Deserializer<'de>>(d: D) -> Result<QuestionId, D::Error> {
    String::deserialize(d).map(QuestionId::new_unchecked)
}

fn deserialize_question_ids<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<Vec<QuestionId>>, D::Error> {
    let ids = Option::<Vec<String>>::deserialize(d)?;
    Ok(ids.map(|ids| ids.into_iter().map(QuestionId::new_unchecked).collect()))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests;
