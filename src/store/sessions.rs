//! Sessions and the answers given in them (attempts), and what is read back: deck scores and
//! the history export. Writes the disk refuses wait in the pending queue (`pending`).

use std::collections::HashMap;

use rusqlite::{OptionalExtension as _, Row, Transaction, TransactionBehavior, params};
use serde::{Deserialize, Serialize};

use super::error::is_rejection;
use super::pending::PendingWrite;
use super::rows::{
    AttemptRow, SessionRow, check_json, check_not_empty, saturating_i64, seed_from_sql,
};
use super::{AttemptId, Mode, ProfileId, SessionId, Store, StoreError};

/// A session about to start.
#[derive(Clone, Debug, PartialEq)]
pub struct NewSession<'a> {
    /// Whose session it is.
    pub profile: ProfileId,
    /// The deck's id (not empty).
    pub deck_id: &'a str,
    /// The deck's title, kept so history still reads well if the deck goes away.
    pub deck_title: &'a str,
    /// The deck's version, so results can be matched to the questions they answered.
    pub deck_version: u32,
    /// Quiz or study.
    pub mode: Mode,
    /// A quiz of chosen questions only (one question practised, the missed ones retried): kept
    /// like any other, but its score is not a score of the deck.
    pub practice: bool,
    /// The seed that shuffled the session, so it can be replayed.
    pub seed: u64,
    /// The session's settings, as JSON (checked to be valid JSON).
    pub config_json: String,
    /// When it started, in Unix milliseconds.
    pub started_ms: i64,
}

/// One answer to save.
#[derive(Clone, Debug, PartialEq)]
pub struct NewAttempt<'a> {
    /// The session it was given in.
    pub session: SessionId,
    /// Whose answer; the session's profile.
    pub profile: ProfileId,
    /// The session's deck.
    pub deck_id: &'a str,
    /// The question answered (not empty).
    pub question_id: &'a str,
    /// The response as JSON, for replay and export (checked to be valid JSON).
    pub response_json: String,
    /// The answer in words, as a person would read it in the history.
    pub answer_text: String,
    /// 0 (wrong) to 1 (right); partial credit in between.
    pub score: f64,
    /// How long the learner took.
    pub elapsed_ms: u64,
    /// When it was answered, in Unix milliseconds.
    pub answered_ms: i64,
}

/// How a finished quiz deck has gone for a profile, for the library screen.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct DeckScores {
    /// The best session's percentage, 0 to 100.
    pub best_percent: Option<f64>,
    /// The most recently finished session's percentage, 0 to 100.
    pub last_percent: Option<f64>,
    /// How many finished quiz sessions (with at least one answer) there are.
    pub sessions: u32,
}

/// The library's figures for one profile, read from running totals.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LibraryTotals {
    /// Quiz scores by deck id (decks never quizzed are absent).
    pub scores: HashMap<String, DeckScores>,
    /// When each deck was last studied (its latest answer or review), by deck id.
    pub last_studied_ms: HashMap<String, i64>,
    /// The quiz left half-way on each deck, by deck id: the deck's latest quiz session, when it
    /// is unfinished and has at least one answer.
    pub unfinished: HashMap<String, UnfinishedQuiz>,
}

/// A quiz session left half-way, which the library offers to continue.
#[derive(Clone, Debug, PartialEq)]
pub struct UnfinishedQuiz {
    /// The session.
    pub session: SessionId,
    /// Its settings as stored (the JSON of a `QuizConfig`).
    pub config_json: String,
    /// How many questions were answered.
    pub answered: usize,
    /// When it started, in Unix milliseconds.
    pub started_ms: i64,
}

/// One answer of a stored session, as needed to replay it.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredAnswer {
    /// The question answered.
    pub question_id: String,
    /// The response as JSON.
    pub response_json: String,
    /// How long the learner took.
    pub elapsed_ms: u64,
}

fn deck_scores_row(row: &Row<'_>) -> rusqlite::Result<DeckScores> {
    deck_scores_at(row, 0)
}

/// A [`DeckScores`] from `quizzes, best_percent, last_percent` starting at column `first`.
fn deck_scores_at(row: &Row<'_>, first: usize) -> rusqlite::Result<DeckScores> {
    Ok(DeckScores {
        sessions: u32::try_from(row.get::<_, i64>(first)?).unwrap_or(u32::MAX),
        best_percent: Some(row.get(first + 1)?),
        last_percent: Some(row.get(first + 2)?),
    })
}

/// One session in the history export.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SessionRecord {
    /// The session's id.
    pub id: SessionId,
    /// Whose session.
    pub profile_id: ProfileId,
    /// The profile's name now.
    pub profile_name: String,
    /// The deck's id.
    pub deck_id: String,
    /// The deck's title when the session started.
    pub deck_title: String,
    /// The deck's version when the session started; `None` for sessions recorded before
    /// quizdesk kept it.
    #[serde(default)]
    pub deck_version: Option<u32>,
    /// Quiz or study.
    pub mode: Mode,
    /// The shuffle seed.
    pub seed: u64,
    /// The session's settings, as JSON.
    pub config_json: String,
    /// When it started, in Unix milliseconds.
    pub started_ms: i64,
    /// When it finished; `None` if it was never finished.
    pub finished_ms: Option<i64>,
    /// The answers, in the order given.
    pub attempts: Vec<AttemptRecord>,
}

/// One answer in the history export.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AttemptRecord {
    /// The question answered.
    pub question_id: String,
    /// The answer in words.
    pub answer_text: String,
    /// The response as JSON.
    pub response_json: String,
    /// 0 to 1.
    pub score: f64,
    /// How long the learner took.
    pub elapsed_ms: u64,
    /// When it was answered, in Unix milliseconds.
    pub answered_ms: i64,
    /// For a flashcard review, the rating: 1 Again, 2 Hard, 3 Good, 4 Easy. `None` for a quiz
    /// answer.
    #[serde(default)]
    pub rating: Option<u8>,
    /// Whether it counts in scores: `false` for a poll's or a words question's answer, which is
    /// kept and never scored. Files written before polls existed leave it out: all scored.
    #[serde(default = "scored_by_default")]
    pub scored: bool,
}

fn scored_by_default() -> bool {
    true
}

impl AttemptRow {
    fn from_attempt(attempt: &NewAttempt<'_>) -> Result<Self, StoreError> {
        let what = "answer";
        check_not_empty(what, "deck id", attempt.deck_id)?;
        check_not_empty(what, "question id", attempt.question_id)?;
        check_json(what, "response", &attempt.response_json)?;
        if !(attempt.score.is_finite() && (0.0..=1.0).contains(&attempt.score)) {
            return Err(StoreError::InvalidInput {
                what,
                reason: format!("its score must be from 0 to 1, not {}", attempt.score),
            });
        }
        Ok(Self {
            what,
            session: attempt.session,
            profile: attempt.profile,
            deck_id: attempt.deck_id.to_owned(),
            question_id: attempt.question_id.to_owned(),
            response_json: attempt.response_json.clone(),
            answer_text: attempt.answer_text.clone(),
            score: attempt.score,
            elapsed_ms: saturating_i64(attempt.elapsed_ms),
            answered_ms: attempt.answered_ms,
            review: None,
            scored: true,
        })
    }
}

impl SessionRow {
    fn from_new(new: &NewSession<'_>) -> Result<Self, StoreError> {
        let what = "session";
        check_not_empty(what, "deck id", new.deck_id)?;
        check_json(what, "settings", &new.config_json)?;
        Ok(Self {
            profile: new.profile,
            deck_id: new.deck_id.to_owned(),
            deck_title: new.deck_title.to_owned(),
            deck_version: new.deck_version,
            mode: new.mode,
            practice: new.practice,
            seed: new.seed,
            config_json: new.config_json.clone(),
            started_ms: new.started_ms,
        })
    }
}

/// How a session was started by [`Store::start_session_or_queue`].
#[derive(Debug)]
pub enum SessionStart {
    /// Written to the database.
    Saved(SessionId),
    /// The disk refused (read-only, full, locked): the session waits in the pending queue under
    /// a provisional id, which its answers use like any other; it is written, before them, as
    /// soon as writing works again.
    Queued {
        /// The provisional id, valid for this store's later writes.
        id: SessionId,
        /// Why it could not be written (a queued [`StoreError::WriteFailed`]).
        error: StoreError,
    },
}

impl SessionStart {
    /// The session's id, saved or provisional.
    pub fn id(&self) -> SessionId {
        match self {
            Self::Saved(id) | Self::Queued { id, .. } => *id,
        }
    }
}

impl Store {
    /// Starts a session and returns its id. Fails with [`StoreError::UnknownProfile`] if the
    /// profile is gone, or [`StoreError::WriteFailed`] (not queued) if the disk refuses.
    pub fn start_session(&mut self, new: &NewSession<'_>) -> Result<SessionId, StoreError> {
        let row = SessionRow::from_new(new)?;
        let inserted = self.flush().and_then(|_| self.insert_session(&row));
        inserted.map_err(|e| self.session_error(e, &row, false))
    }

    /// Starts a session like [`Store::start_session`], but when the disk refuses (read-only,
    /// full, locked) the session is kept in the pending queue under a provisional id instead of
    /// failing, so the answers given in it are kept too and written after it, in order, by
    /// [`Store::retry_pending`]. Data that breaks the store's rules, or an unknown profile, is
    /// still refused.
    pub fn start_session_or_queue(
        &mut self,
        new: &NewSession<'_>,
    ) -> Result<SessionStart, StoreError> {
        let row = SessionRow::from_new(new)?;
        let inserted = self.flush().and_then(|_| self.insert_session(&row));
        match inserted {
            Ok(id) => Ok(SessionStart::Saved(id)),
            Err(e) => match self.session_error(e, &row, true) {
                error @ StoreError::WriteFailed { queued: true, .. } => {
                    let id = self.pending.queue_session_start(row);
                    Ok(SessionStart::Queued { id, error })
                }
                error => Err(error),
            },
        }
    }

    fn session_error(&self, e: rusqlite::Error, row: &SessionRow, queued: bool) -> StoreError {
        if is_rejection(&e) && matches!(self.profile(row.profile), Ok(None)) {
            StoreError::UnknownProfile { id: row.profile }
        } else if is_rejection(&e) {
            StoreError::InvalidInput {
                what: "session",
                reason: format!("the database refused it ({e})"),
            }
        } else {
            self.write_failed(e, queued)
        }
    }

    /// Saves one answer in one transaction, on disk before this returns `Ok`.
    ///
    /// If the disk refuses (full, read-only, locked by another quizdesk beyond the busy timeout),
    /// the answer is kept in the pending queue and this returns
    /// [`StoreError::WriteFailed`] with `queued: true`; [`Store::retry_pending`] writes it later.
    /// Earlier queued writes are always written first, so the order is kept.
    ///
    /// Data that breaks the store's rules (a score outside 0-1, invalid JSON, a session of
    /// another profile or deck) is refused with [`StoreError::InvalidInput`] or
    /// [`StoreError::UnknownSession`], and not queued.
    pub fn record_attempt(&mut self, attempt: &NewAttempt<'_>) -> Result<AttemptId, StoreError> {
        let row = AttemptRow::from_attempt(attempt)?;
        self.submit_attempt(row)
    }

    /// Saves an answer that is kept and never scored (a poll's, a words question's), as
    /// [`Store::record_attempt`] saves an answer: it is in the history and the session's count
    /// of answers, but not in the session's score, the deck's scores or the statistics.
    pub fn record_unscored_attempt(
        &mut self,
        attempt: &NewAttempt<'_>,
    ) -> Result<AttemptId, StoreError> {
        let row = AttemptRow {
            scored: false,
            ..AttemptRow::from_attempt(attempt)?
        };
        self.submit_attempt(row)
    }

    /// Marks a session finished (quiz sessions then count in [`Store::deck_scores`]). Queued like
    /// [`Store::record_attempt`] if the disk refuses.
    pub fn finish_session(
        &mut self,
        session: SessionId,
        finished_ms: i64,
    ) -> Result<(), StoreError> {
        let write = PendingWrite::Finish {
            session,
            finished_ms,
        };
        if let Err(source) = self.flush() {
            return Err(self.queue_or_refuse(write, source));
        }
        match self.update_finished(session, finished_ms) {
            Ok(0) => Err(StoreError::UnknownSession { id: session }),
            Ok(_) => Ok(()),
            Err(source) => Err(self.queue_or_refuse(write, source)),
        }
    }

    /// Saves a checked attempt: queued writes first, then this one, queued on failure.
    pub(super) fn submit_attempt(&mut self, row: AttemptRow) -> Result<AttemptId, StoreError> {
        if let Err(source) = self.flush() {
            return Err(self.queue_or_refuse(PendingWrite::Attempt(row), source));
        }
        match self.insert_attempt(&row) {
            Ok(id) => Ok(id),
            Err(source) => Err(self.queue_or_refuse(PendingWrite::Attempt(row), source)),
        }
    }

    /// The profile's results on a deck over its finished quiz sessions (not practice ones: a
    /// retry of the missed questions is no score of the deck): each session's
    /// percentage is the sum of its scores over its number of answers, times 100.
    pub fn deck_scores(&self, profile: ProfileId, deck_id: &str) -> Result<DeckScores, StoreError> {
        let read = || -> rusqlite::Result<Option<DeckScores>> {
            self.conn
                .prepare_cached(
                    "SELECT quizzes, best_percent, last_percent FROM deck_totals
                     WHERE profile_id = ?1 AND deck_id = ?2",
                )?
                .query_row(params![profile.0, deck_id], deck_scores_row)
                .optional()
        };
        let scores = read().map_err(|e| self.read_failed(e))?;
        Ok(scores.unwrap_or_default())
    }

    /// What the library shows of every deck `profile` has studied, from running totals (one row
    /// per deck and question, never every session or answer): quiz scores by deck id, and when
    /// the deck was last studied (an answer or a flashcard review).
    pub fn library_totals(&self, profile: ProfileId) -> Result<LibraryTotals, StoreError> {
        let read = || -> rusqlite::Result<LibraryTotals> {
            let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Deferred)?;
            let mut totals = LibraryTotals::default();
            let mut scores = tx.prepare_cached(
                "SELECT deck_id, quizzes, best_percent, last_percent FROM deck_totals
                 WHERE profile_id = ?1",
            )?;
            for row in scores.query_map([profile.0], |row| {
                Ok((row.get::<_, String>(0)?, deck_scores_at(row, 1)?))
            })? {
                let (deck_id, deck_scores) = row?;
                totals.scores.insert(deck_id, deck_scores);
            }
            let mut studied = tx.prepare_cached(
                "SELECT deck_id, MAX(last_answered_ms) FROM question_totals
                 WHERE profile_id = ?1 GROUP BY deck_id",
            )?;
            for row in studied.query_map([profile.0], |row| {
                Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?))
            })? {
                let (deck_id, at_ms) = row?;
                totals.last_studied_ms.insert(deck_id, at_ms);
            }
            // The unfinished quiz sessions come from their partial index; each counts only
            // when no later quiz of its deck was started (starting afresh leaves it behind).
            let mut unfinished = tx.prepare_cached(
                "SELECT s.deck_id, s.id, s.config_json, s.started_ms,
                     (SELECT COUNT(*) FROM attempts a WHERE a.session_id = s.id)
                 FROM sessions s
                 WHERE s.profile_id = ?1 AND s.mode = 'quiz' AND s.finished_ms IS NULL
                     AND s.id = (SELECT MAX(u.id) FROM sessions u
                         WHERE u.profile_id = ?1 AND u.deck_id = s.deck_id AND u.mode = 'quiz'
                             AND u.finished_ms IS NULL)
                     AND NOT EXISTS (SELECT 1 FROM sessions t
                         WHERE t.profile_id = ?1 AND t.deck_id = s.deck_id AND t.mode = 'quiz'
                             AND t.id > s.id)",
            )?;
            for row in unfinished.query_map([profile.0], |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    UnfinishedQuiz {
                        session: SessionId(row.get(1)?),
                        config_json: row.get(2)?,
                        started_ms: row.get(3)?,
                        answered: usize::try_from(row.get::<_, i64>(4)?).unwrap_or(0),
                    },
                ))
            })? {
                let (deck_id, quiz) = row?;
                if quiz.answered > 0 {
                    totals.unfinished.insert(deck_id, quiz);
                }
            }
            Ok(totals)
        };
        read().map_err(|e| self.read_failed(e))
    }

    /// The answers of `profile`'s session `session`, in the order given, to replay it.
    pub fn session_answers(
        &self,
        profile: ProfileId,
        session: SessionId,
    ) -> Result<Vec<StoredAnswer>, StoreError> {
        let read = || -> rusqlite::Result<Vec<StoredAnswer>> {
            self.conn
                .prepare_cached(
                    "SELECT question_id, response_json, elapsed_ms FROM attempts
                     WHERE session_id = ?1 AND profile_id = ?2 ORDER BY id",
                )?
                .query_map(params![session.0, profile.0], |row| {
                    Ok(StoredAnswer {
                        question_id: row.get(0)?,
                        response_json: row.get(1)?,
                        elapsed_ms: u64::try_from(row.get::<_, i64>(2)?).unwrap_or(0),
                    })
                })?
                .collect()
        };
        read().map_err(|e| self.read_failed(e))
    }

    /// Every session with its answers, oldest first, for one profile or (with `None`) all of
    /// them. Read as one consistent snapshot.
    pub fn history(&self, profile: Option<ProfileId>) -> Result<Vec<SessionRecord>, StoreError> {
        self.read_history(profile.map(|p| p.0))
            .map_err(|e| self.read_failed(e))
    }

    fn read_history(&self, profile: Option<i64>) -> rusqlite::Result<Vec<SessionRecord>> {
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Deferred)?;
        let mut sessions: Vec<SessionRecord> = tx
            .prepare_cached(
                "SELECT s.id, s.profile_id, p.name, s.deck_id, s.deck_title, s.mode, s.seed,
                     s.config_json, s.started_ms, s.finished_ms, s.deck_version
                 FROM sessions s JOIN profiles p ON p.id = s.profile_id
                 WHERE ?1 IS NULL OR s.profile_id = ?1
                 ORDER BY s.started_ms, s.id",
            )?
            .query_map([profile], session_record)?
            .collect::<rusqlite::Result<_>>()?;
        let index: HashMap<SessionId, usize> = sessions
            .iter()
            .enumerate()
            .map(|(i, session)| (session.id, i))
            .collect();

        let mut statement = tx.prepare_cached(
            "SELECT session_id, question_id, answer_text, response_json, score, elapsed_ms,
                 answered_ms, rating, scored
             FROM attempts
             WHERE ?1 IS NULL OR profile_id = ?1
             ORDER BY session_id, id",
        )?;
        let mut rows = statement.query([profile])?;
        while let Some(row) = rows.next()? {
            let session = SessionId(row.get(0)?);
            let Some(&i) = index.get(&session) else {
                continue;
            };
            sessions[i].attempts.push(AttemptRecord {
                question_id: row.get(1)?,
                answer_text: row.get(2)?,
                response_json: row.get(3)?,
                score: row.get(4)?,
                elapsed_ms: u64::try_from(row.get::<_, i64>(5)?).unwrap_or(0),
                answered_ms: row.get(6)?,
                rating: row.get(7)?,
                scored: row.get(8)?,
            });
        }
        Ok(sessions)
    }
}

fn session_record(row: &Row<'_>) -> rusqlite::Result<SessionRecord> {
    Ok(SessionRecord {
        id: SessionId(row.get(0)?),
        profile_id: ProfileId(row.get(1)?),
        profile_name: row.get(2)?,
        deck_id: row.get(3)?,
        deck_title: row.get(4)?,
        mode: row.get(5)?,
        seed: seed_from_sql(row.get(6)?),
        config_json: row.get(7)?,
        started_ms: row.get(8)?,
        finished_ms: row.get(9)?,
        deck_version: row.get(10)?,
        attempts: Vec::new(),
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests;
