//! Sessions and the answers given in them (attempts), the pending queue for writes that failed,
//! and what is read back: deck scores and the history export.

use std::collections::HashMap;

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use rusqlite::{OptionalExtension, Row, Transaction, TransactionBehavior, params};
use serde::{Deserialize, Serialize};

use super::presentations::PresentationWrite;
use super::{AttemptId, ProfileId, SessionId, Store, StoreError, is_rejection};
use crate::schedule::{CardState, Rating};

/// What kind of session: a scored quiz, or flashcard study with spaced repetition.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Questions answered and scored.
    Quiz,
    /// Flashcards rated Again/Hard/Good/Easy and scheduled.
    Study,
}

impl Mode {
    fn as_sql(self) -> &'static str {
        match self {
            Self::Quiz => "quiz",
            Self::Study => "study",
        }
    }
}

impl ToSql for Mode {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.as_sql()))
    }
}

impl FromSql for Mode {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        match value.as_str()? {
            "quiz" => Ok(Self::Quiz),
            "study" => Ok(Self::Study),
            other => Err(FromSqlError::Other(
                format!("unknown session mode {other:?}").into(),
            )),
        }
    }
}

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
}

/// A checked attempt (quiz answer or flashcard review), ready to insert or to queue.
#[derive(Clone, Debug)]
pub(super) struct AttemptRow {
    pub(super) what: &'static str,
    pub(super) session: SessionId,
    pub(super) profile: ProfileId,
    pub(super) deck_id: String,
    pub(super) question_id: String,
    pub(super) response_json: String,
    pub(super) answer_text: String,
    pub(super) score: f64,
    pub(super) elapsed_ms: i64,
    pub(super) answered_ms: i64,
    /// For a flashcard review: the rating and the card's state after it.
    pub(super) review: Option<(Rating, CardState)>,
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
        })
    }
}

/// A session to insert, owned so it can wait in the pending queue.
#[derive(Clone, Debug)]
pub(super) struct SessionRow {
    profile: ProfileId,
    deck_id: String,
    deck_title: String,
    deck_version: u32,
    mode: Mode,
    practice: bool,
    seed: u64,
    config_json: String,
    started_ms: i64,
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

/// A write that failed and waits in [`Store`]'s pending queue.
#[derive(Clone, Debug)]
pub(super) enum PendingWrite {
    /// A session started while writes failed, under a provisional id.
    StartSession {
        provisional: SessionId,
        row: SessionRow,
    },
    /// A quiz answer or flashcard review.
    Attempt(AttemptRow),
    /// A session's end.
    Finish {
        session: SessionId,
        finished_ms: i64,
    },
    /// A question shown, a tally or an end of an (anonymous) presentation.
    Presentation(PresentationWrite),
}

impl PendingWrite {
    /// Writes it in one transaction. A session start returns its provisional and real ids.
    pub(super) fn apply(&self, store: &Store) -> rusqlite::Result<Option<(SessionId, SessionId)>> {
        match self {
            Self::StartSession { provisional, row } => store
                .insert_session(row)
                .map(|real| Some((*provisional, real))),
            Self::Attempt(row) => store.insert_attempt(row).map(|_| None),
            Self::Finish {
                session,
                finished_ms,
            } => store.update_finished(*session, *finished_ms).map(|_| None),
            Self::Presentation(write) => write.apply(store).map(|_| None),
        }
    }

    /// Whether it is an answer or a review (what the user counts as "not saved yet").
    pub(super) fn is_answer(&self) -> bool {
        matches!(self, Self::Attempt(_))
    }

    /// Whether it is data of this profile (to drop it when the profile is deleted).
    pub(super) fn belongs_to(&self, profile: ProfileId) -> bool {
        match self {
            Self::StartSession { row, .. } => row.profile == profile,
            Self::Attempt(row) => row.profile == profile,
            // Deleted sessions are not found when retried, which drops the write.
            Self::Finish { .. } => false,
            // Presentations are anonymous: no profile's data.
            Self::Presentation(_) => false,
        }
    }

    fn what(&self) -> &'static str {
        match self {
            Self::StartSession { .. } => "start of the session",
            Self::Attempt(row) => row.what,
            Self::Finish { .. } => "end of the session",
            Self::Presentation(write) => write.what(),
        }
    }
}

pub(super) fn check_not_empty(
    what: &'static str,
    field: &str,
    value: &str,
) -> Result<(), StoreError> {
    if value.is_empty() {
        return Err(StoreError::InvalidInput {
            what,
            reason: format!("its {field} is empty"),
        });
    }
    Ok(())
}

fn check_json(what: &'static str, field: &str, json: &str) -> Result<(), StoreError> {
    serde_json::from_str::<serde::de::IgnoredAny>(json)
        .map(drop)
        .map_err(|e| StoreError::InvalidInput {
            what,
            reason: format!("its {field} is not valid JSON ({e})"),
        })
}

pub(super) fn saturating_i64(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

/// The seed's bits as a signed SQLite integer, and back.
fn seed_to_sql(seed: u64) -> i64 {
    i64::from_ne_bytes(seed.to_ne_bytes())
}

fn seed_from_sql(value: i64) -> u64 {
    u64::from_ne_bytes(value.to_ne_bytes())
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
                    let id = SessionId(self.next_provisional_session);
                    self.next_provisional_session -= 1;
                    self.pending.push_back(PendingWrite::StartSession {
                        provisional: id,
                        row,
                    });
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

    /// Inserts a session in one transaction and returns its id.
    fn insert_session(&self, row: &SessionRow) -> rusqlite::Result<SessionId> {
        self.write(|tx| {
            tx.prepare_cached(
                "INSERT INTO sessions
                     (profile_id, deck_id, deck_title, mode, seed, config_json, started_ms,
                      deck_version, practice)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![
                row.profile.0,
                row.deck_id,
                row.deck_title,
                row.mode,
                seed_to_sql(row.seed),
                row.config_json,
                row.started_ms,
                row.deck_version,
                row.practice,
            ])?;
            Ok(SessionId(tx.last_insert_rowid()))
        })
    }

    /// The real id of a session started under a provisional id, once it is written; any other
    /// id as it is.
    pub(super) fn resolve_session(&self, id: SessionId) -> SessionId {
        self.provisional_sessions.get(&id).copied().unwrap_or(id)
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

    /// Writes the pending queue in order; stops at the first write that fails again.
    pub(super) fn flush(&mut self) -> Result<usize, rusqlite::Error> {
        let mut written = 0;
        while let Some(write) = self.pending.front() {
            match write.apply(self) {
                Ok(Some((provisional, real))) => {
                    self.provisional_sessions.insert(provisional, real);
                    written += 1;
                }
                Ok(None) => written += 1,
                // Its session or profile was deleted meanwhile: the data went with it.
                Err(source) if is_rejection(&source) => {}
                Err(source) => return Err(source),
            }
            self.pending.pop_front();
        }
        Ok(written)
    }

    /// After `write` failed with `source`: refuses it if it could never succeed, else queues it.
    pub(super) fn queue_or_refuse(
        &mut self,
        write: PendingWrite,
        source: rusqlite::Error,
    ) -> StoreError {
        if let Some(error) = self.reference_error(&write) {
            return error;
        }
        if is_rejection(&source) {
            return StoreError::InvalidInput {
                what: write.what(),
                reason: format!("the database refused it ({source})"),
            };
        }
        self.pending.push_back(write);
        self.write_failed(source, true)
    }

    /// Why `write` can never be written (unknown session, or one of another profile or deck);
    /// `None` if it can, or if the database cannot be read to tell.
    fn reference_error(&self, write: &PendingWrite) -> Option<StoreError> {
        let (session, expected) = match write {
            PendingWrite::StartSession { .. } => return None,
            PendingWrite::Attempt(row) => (row.session, Some((row.profile, &row.deck_id))),
            PendingWrite::Finish { session, .. } => (*session, None),
            PendingWrite::Presentation(write) => return self.presentation_reference_error(write),
        };
        let session = self.resolve_session(session);
        if let Some(row) = self.pending.iter().find_map(|w| match w {
            PendingWrite::StartSession { provisional, row } if *provisional == session => Some(row),
            _ => None,
        }) {
            // Its session waits in the queue too: it can be written after it.
            let (want_profile, want_deck) = expected?;
            return (row.profile != want_profile || row.deck_id != *want_deck).then(|| {
                StoreError::InvalidInput {
                    what: write.what(),
                    reason: format!(
                        "the session waiting to be saved is of profile {} and deck {:?}, not \
                         profile {want_profile} and deck {want_deck:?}",
                        row.profile, row.deck_id
                    ),
                }
            });
        }
        let found: Option<(i64, String)> = self
            .conn
            .prepare_cached("SELECT profile_id, deck_id FROM sessions WHERE id = ?1")
            .and_then(|mut statement| {
                statement
                    .query_row([session.0], |row| Ok((row.get(0)?, row.get(1)?)))
                    .optional()
            })
            .ok()?;
        let Some((profile, deck_id)) = found else {
            return Some(StoreError::UnknownSession { id: session });
        };
        let (want_profile, want_deck) = expected?;
        (profile != want_profile.0 || deck_id != *want_deck).then(|| StoreError::InvalidInput {
            what: write.what(),
            reason: format!(
                "session {session} is of profile {profile} and deck {deck_id:?}, not profile \
                 {want_profile} and deck {want_deck:?}"
            ),
        })
    }

    /// Inserts an attempt (and, for a review, upserts the card) in one transaction.
    pub(super) fn insert_attempt(&self, row: &AttemptRow) -> rusqlite::Result<AttemptId> {
        self.write(|tx| {
            tx.prepare_cached(
                "INSERT INTO attempts (session_id, profile_id, deck_id, question_id, \
                 response_json, answer_text, score, elapsed_ms, answered_ms, rating)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?
            .execute(params![
                self.resolve_session(row.session).0,
                row.profile.0,
                row.deck_id,
                row.question_id,
                row.response_json,
                row.answer_text,
                row.score,
                row.elapsed_ms,
                row.answered_ms,
                row.review.map(|(rating, _)| rating.number()),
            ])?;
            let id = AttemptId(tx.last_insert_rowid());
            if let Some((_, state)) = &row.review {
                upsert_card(tx, row, state)?;
            }
            Ok(id)
        })
    }

    /// Sets a session's end time; returns how many sessions matched (0 or 1).
    fn update_finished(&self, session: SessionId, finished_ms: i64) -> rusqlite::Result<usize> {
        self.write(|tx| {
            // The session's score, answers and time are kept with it, so the library and the
            // stats never add up old answers.
            tx.prepare_cached(
                "UPDATE sessions
                 SET (finished_ms, score_percent, answers, elapsed_ms) = (
                     SELECT ?1, SUM(score) * 100.0 / COUNT(*), COUNT(*),
                         COALESCE(SUM(MIN(MAX(elapsed_ms, 0), 3600000)), 0)
                     FROM attempts WHERE session_id = ?2
                 )
                 WHERE id = ?2",
            )?
            .execute(params![finished_ms, self.resolve_session(session).0])
        })
    }

    /// The profile's results on a deck over its finished quiz sessions (not practice ones: a
    /// retry of the missed questions is no score of the deck): each session's
    /// percentage is the sum of its scores over its number of answers, times 100.
    pub fn deck_scores(&self, profile: ProfileId, deck_id: &str) -> Result<DeckScores, StoreError> {
        let read = || -> rusqlite::Result<Vec<f64>> {
            let mut statement = self.conn.prepare_cached(
                "SELECT score_percent FROM sessions
                 WHERE profile_id = ?1 AND deck_id = ?2 AND mode = 'quiz' AND NOT practice
                     AND finished_ms IS NOT NULL AND score_percent IS NOT NULL
                 ORDER BY finished_ms DESC, id DESC",
            )?;
            statement
                .query_map(params![profile.0, deck_id], |row| row.get(0))?
                .collect()
        };
        let percents = read().map_err(|e| self.read_failed(e))?;
        Ok(DeckScores {
            best_percent: percents.iter().copied().reduce(f64::max),
            last_percent: percents.first().copied(),
            sessions: u32::try_from(percents.len()).unwrap_or(u32::MAX),
        })
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
                 answered_ms, rating
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

/// Inserts or updates the card's state after a review; the first review's time is kept.
fn upsert_card(tx: &Transaction<'_>, row: &AttemptRow, state: &CardState) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "INSERT INTO cards (profile_id, deck_id, question_id, stability, difficulty, due_ms,
             last_review_ms, reps, lapses, first_review_ms)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
         ON CONFLICT (profile_id, deck_id, question_id) DO UPDATE SET
             stability = excluded.stability,
             difficulty = excluded.difficulty,
             due_ms = excluded.due_ms,
             last_review_ms = excluded.last_review_ms,
             reps = excluded.reps,
             lapses = excluded.lapses",
    )?
    .execute(params![
        row.profile.0,
        row.deck_id,
        row.question_id,
        f64::from(state.stability),
        f64::from(state.difficulty),
        state.due_ms,
        state.last_review_ms,
        state.reps,
        state.lapses,
        row.answered_ms,
    ])?;
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use std::time::Duration;

    use rusqlite::{Connection, ErrorCode};

    use super::*;
    use crate::store::test_support::TempDir;
    use crate::store::{Opened, Profile};

    struct Fixture {
        _dir: TempDir,
        store: Store,
        ann: Profile,
        session: SessionId,
    }

    fn fixture(name: &str) -> Fixture {
        let dir = TempDir::new(name);
        let Opened { mut store, .. } = Store::open(dir.path()).unwrap();
        let ann = store.create_profile("Ann").unwrap();
        let session = store
            .start_session(&NewSession {
                profile: ann.id,
                deck_id: "deck",
                deck_title: "Deck",
                deck_version: 1,
                mode: Mode::Quiz,
                practice: false,
                seed: 1,
                config_json: "{}".to_owned(),
                started_ms: 1,
            })
            .unwrap();
        Fixture {
            _dir: dir,
            store,
            ann,
            session,
        }
    }

    fn answer(f: &Fixture, question_id: &'static str) -> NewAttempt<'static> {
        NewAttempt {
            session: f.session,
            profile: f.ann.id,
            deck_id: "deck",
            question_id,
            response_json: "{\"choice\":1}".to_owned(),
            answer_text: "Paris".to_owned(),
            score: 1.0,
            elapsed_ms: 1500,
            answered_ms: 10,
        }
    }

    fn saved_questions(store: &Store) -> Vec<String> {
        store
            .history(None)
            .unwrap()
            .into_iter()
            .flat_map(|s| s.attempts)
            .map(|a| a.question_id)
            .collect()
    }

    /// SQLite's own "disk full": the file may not grow past its current size.
    fn fill_disk(f: &Fixture) {
        let pages: i64 = f
            .store
            .conn
            .pragma_query_value(None, "page_count", |row| row.get(0))
            .unwrap();
        f.store
            .conn
            .pragma_update(None, "max_page_count", pages)
            .unwrap();
    }

    #[test]
    fn full_disk_queues_the_answer_and_retry_writes_it() {
        let mut f = fixture("pending-full");
        fill_disk(&f);
        let mut big = answer(&f, "q1");
        big.answer_text = "long answer ".repeat(5000);

        let error = f.store.record_attempt(&big).unwrap_err();
        let StoreError::WriteFailed {
            queued: true,
            source,
            ..
        } = &error
        else {
            panic!("expected a queued write failure, got {error}");
        };
        assert_eq!(source.sqlite_error_code(), Some(ErrorCode::DiskFull));
        assert!(error.to_string().contains("kept in memory"), "{error}");
        assert_eq!(f.store.pending_count(), 1);
        assert!(saved_questions(&f.store).is_empty());
        // Still full: the retry fails and keeps it.
        assert!(matches!(
            f.store.retry_pending(),
            Err(StoreError::WriteFailed { queued: true, .. })
        ));
        assert_eq!(f.store.pending_count(), 1);

        f.store
            .conn
            .pragma_update(None, "max_page_count", 1_000_000)
            .unwrap();
        assert_eq!(f.store.retry_pending().unwrap(), 1);
        assert_eq!(f.store.pending_count(), 0);
        let history = f.store.history(None).unwrap();
        assert_eq!(history[0].attempts[0].answer_text, big.answer_text);
    }

    #[test]
    fn a_session_started_on_a_read_only_store_waits_with_its_answers_and_is_saved_later() {
        let mut f = fixture("pending-session");
        f.store.debug_set_query_only(true).unwrap();
        let new = NewSession {
            profile: f.ann.id,
            deck_id: "deck",
            deck_title: "Deck",
            deck_version: 1,
            mode: Mode::Quiz,
            practice: false,
            seed: 2,
            config_json: "{}".to_owned(),
            started_ms: 20,
        };
        // The strict start refuses and keeps nothing.
        assert!(matches!(
            f.store.start_session(&new),
            Err(StoreError::WriteFailed { queued: false, .. })
        ));
        assert_eq!(f.store.pending_count(), 0);

        let SessionStart::Queued { id, error } = f.store.start_session_or_queue(&new).unwrap()
        else {
            panic!("a read-only store queues the session");
        };
        assert!(id.0 < 0, "a provisional id: {id}");
        assert!(error.to_string().contains("read-only"), "{error}");
        assert!(error.to_string().contains("writable"), "{error}");
        for (question, score) in [("q1", 1.0), ("q2", 0.0)] {
            let attempt = NewAttempt {
                session: id,
                score,
                ..answer(&f, question)
            };
            let error = f.store.record_attempt(&attempt).unwrap_err();
            assert!(
                matches!(error, StoreError::WriteFailed { queued: true, .. }),
                "{error}"
            );
        }
        assert!(matches!(
            f.store.finish_session(id, 30),
            Err(StoreError::WriteFailed { queued: true, .. })
        ));
        assert_eq!(f.store.pending_answers(), 2);
        assert_eq!(f.store.pending_count(), 4);
        assert!(saved_questions(&f.store).is_empty());

        // Writable again: the session, its answers and its end, in order.
        f.store.debug_set_query_only(false).unwrap();
        assert_eq!(f.store.retry_pending().unwrap(), 4);
        let history = f.store.history(None).unwrap();
        let saved = history.iter().find(|s| s.started_ms == 20).unwrap();
        assert!(saved.id.0 > 0);
        assert_eq!(saved.finished_ms, Some(30));
        let questions: Vec<&str> = saved
            .attempts
            .iter()
            .map(|a| a.question_id.as_str())
            .collect();
        assert_eq!(questions, ["q1", "q2"]);
        assert_eq!(
            f.store.deck_scores(f.ann.id, "deck").unwrap().last_percent,
            Some(50.0)
        );

        // The provisional id keeps working for later writes of the same session.
        f.store
            .record_attempt(&NewAttempt {
                session: id,
                ..answer(&f, "q3")
            })
            .unwrap();
        let history = f.store.history(None).unwrap();
        let saved = history.iter().find(|s| s.started_ms == 20).unwrap();
        assert_eq!(saved.attempts.len(), 3);
    }

    #[test]
    fn write_failures_are_worded_by_their_cause() {
        let mut f = fixture("pending-words");
        f.store.debug_set_query_only(true).unwrap();
        let read_only = f
            .store
            .record_attempt(&answer(&f, "q1"))
            .unwrap_err()
            .to_string();
        assert!(read_only.contains("read-only"), "{read_only}");
        assert!(!read_only.contains("free some disk space"), "{read_only}");
        f.store.debug_set_query_only(false).unwrap();
        f.store.retry_pending().unwrap();

        fill_disk(&f);
        let big = NewAttempt {
            answer_text: "long answer ".repeat(5000),
            ..answer(&f, "q2")
        };
        let full = f.store.record_attempt(&big).unwrap_err().to_string();
        assert!(full.contains("the disk is full"), "{full}");
        assert!(full.contains("free some disk space"), "{full}");
    }

    #[test]
    fn lock_held_beyond_the_busy_timeout_queues_the_answer() {
        let mut f = fixture("pending-locked");
        f.store
            .conn
            .busy_timeout(Duration::from_millis(50))
            .unwrap();
        let other = Connection::open(f.store.db_path()).unwrap();
        other.execute_batch("BEGIN IMMEDIATE").unwrap();

        let error = f.store.record_attempt(&answer(&f, "q1")).unwrap_err();
        let StoreError::WriteFailed {
            queued: true,
            source,
            ..
        } = &error
        else {
            panic!("expected a queued write failure, got {error}");
        };
        assert_eq!(source.sqlite_error_code(), Some(ErrorCode::DatabaseBusy));

        other.execute_batch("COMMIT").unwrap();
        assert_eq!(f.store.retry_pending().unwrap(), 1);
        assert_eq!(saved_questions(&f.store), ["q1"]);
    }

    #[test]
    fn queued_writes_go_first_and_keep_their_order() {
        let mut f = fixture("pending-order");
        f.store.debug_set_query_only(true).unwrap();
        for question in ["q1", "q2"] {
            assert!(f.store.record_attempt(&answer(&f, question)).is_err());
        }
        assert!(matches!(
            f.store.finish_session(f.session, 99),
            Err(StoreError::WriteFailed { queued: true, .. })
        ));
        assert_eq!(f.store.pending_count(), 3);

        f.store.debug_set_query_only(false).unwrap();
        // The next answer flushes the queue before itself.
        let id = f.store.record_attempt(&answer(&f, "q3")).unwrap();
        assert_eq!(f.store.pending_count(), 0);
        assert_eq!(saved_questions(&f.store), ["q1", "q2", "q3"]);
        assert_eq!(id, AttemptId(3));
        assert_eq!(f.store.history(None).unwrap()[0].finished_ms, Some(99));
    }

    #[test]
    fn query_only_hook_fails_writes_as_read_only() {
        let mut f = fixture("pending-query-only");
        f.store.debug_set_query_only(true).unwrap();
        let error = f.store.record_attempt(&answer(&f, "q1")).unwrap_err();
        let StoreError::WriteFailed { source, .. } = &error else {
            panic!("{error}");
        };
        assert_eq!(source.sqlite_error_code(), Some(ErrorCode::ReadOnly));
        // Writes that are not queued say nothing was saved.
        let error = f.store.create_profile("Bob").unwrap_err();
        assert!(
            matches!(error, StoreError::WriteFailed { queued: false, .. }),
            "{error}"
        );
        assert!(error.to_string().contains("Nothing was changed"), "{error}");
    }

    #[test]
    fn dropping_the_store_makes_a_last_attempt_to_save() {
        let mut f = fixture("pending-drop");
        f.store.debug_set_query_only(true).unwrap();
        assert!(f.store.record_attempt(&answer(&f, "q1")).is_err());
        f.store.debug_set_query_only(false).unwrap();
        let dir = f._dir;
        drop(f.store);
        let store = Store::open(dir.path()).unwrap().store;
        assert_eq!(saved_questions(&store), ["q1"]);
    }

    #[test]
    fn deleting_a_profile_drops_its_queued_writes() {
        let mut f = fixture("pending-delete");
        f.store.debug_set_query_only(true).unwrap();
        assert!(f.store.record_attempt(&answer(&f, "q1")).is_err());
        f.store.debug_set_query_only(false).unwrap();
        f.store.delete_profile(f.ann.id).unwrap();
        assert_eq!(f.store.pending_count(), 0);
    }

    #[test]
    fn queued_write_of_a_profile_deleted_elsewhere_is_dropped_on_retry() {
        let mut f = fixture("pending-deleted-elsewhere");
        f.store.debug_set_query_only(true).unwrap();
        assert!(f.store.record_attempt(&answer(&f, "q1")).is_err());
        f.store.debug_set_query_only(false).unwrap();
        let mut other = Store::open(f.store.data_dir()).unwrap().store;
        other.delete_profile(f.ann.id).unwrap();

        assert_eq!(f.store.retry_pending().unwrap(), 0);
        assert_eq!(f.store.pending_count(), 0);
    }

    #[test]
    fn bad_answers_are_refused_and_never_queued() {
        let mut f = fixture("refused");
        let mut cases: Vec<(NewAttempt<'_>, &str)> = Vec::new();
        for score in [f64::NAN, f64::INFINITY, -0.1, 1.5] {
            cases.push((
                NewAttempt {
                    score,
                    ..answer(&f, "q1")
                },
                "score must be from 0 to 1",
            ));
        }
        cases.push((
            NewAttempt {
                response_json: "{not json".to_owned(),
                ..answer(&f, "q1")
            },
            "not valid JSON",
        ));
        cases.push((answer(&f, ""), "question id is empty"));
        cases.push((
            NewAttempt {
                deck_id: "other-deck",
                ..answer(&f, "q1")
            },
            "not profile",
        ));
        // Refused the same way whether or not the disk is writable.
        for query_only in [false, true] {
            f.store.debug_set_query_only(query_only).unwrap();
            for (attempt, expected) in &cases {
                let error = f.store.record_attempt(attempt).unwrap_err();
                assert!(
                    matches!(error, StoreError::InvalidInput { what: "answer", .. }),
                    "{error}"
                );
                assert!(error.to_string().contains(expected), "{error}");
            }
            let unknown = NewAttempt {
                session: SessionId(77),
                ..answer(&f, "q1")
            };
            assert!(matches!(
                f.store.record_attempt(&unknown),
                Err(StoreError::UnknownSession { id: SessionId(77) })
            ));
            assert!(matches!(
                f.store.finish_session(SessionId(77), 5),
                Err(StoreError::UnknownSession { .. })
            ));
            assert_eq!(f.store.pending_count(), 0);
        }
    }

    #[test]
    fn attempt_of_another_profile_is_refused() {
        let mut f = fixture("refused-profile");
        let bob = f.store.create_profile("Bob").unwrap();
        let error = f
            .store
            .record_attempt(&NewAttempt {
                profile: bob.id,
                ..answer(&f, "q1")
            })
            .unwrap_err();
        assert!(matches!(error, StoreError::InvalidInput { .. }), "{error}");
    }

    #[test]
    fn session_of_an_unknown_profile_is_refused() {
        let mut f = fixture("refused-session");
        let error = f
            .store
            .start_session(&NewSession {
                profile: ProfileId(42),
                deck_id: "deck",
                deck_title: "Deck",
                deck_version: 1,
                mode: Mode::Quiz,
                practice: false,
                seed: 0,
                config_json: "{}".to_owned(),
                started_ms: 0,
            })
            .unwrap_err();
        assert!(
            matches!(error, StoreError::UnknownProfile { id: ProfileId(42) }),
            "{error}"
        );
    }

    #[test]
    fn seed_keeps_all_64_bits() {
        for seed in [0, 1, u64::MAX, 1 << 63] {
            assert_eq!(seed_from_sql(seed_to_sql(seed)), seed);
        }
    }
}
