//! What the Stats screen and the FSRS optimizer read: a profile's finished sessions, its running
//! totals per question and per day, its cards and its flashcard reviews, and the profile's
//! optimized FSRS parameters.
//!
//! The totals are kept by a trigger as each answer is written (schema version 5), so these reads
//! stay small however many answers there are.

use rusqlite::{OptionalExtension, Transaction, TransactionBehavior, params};

use super::{Mode, ProfileId, Store, StoreError};
use crate::schedule::{CardState, Rating};

/// One finished session, as a point on the score chart.
#[derive(Clone, Debug, PartialEq)]
pub struct SessionPoint {
    /// The deck's id.
    pub deck_id: String,
    /// Quiz or study.
    pub mode: Mode,
    /// A quiz of chosen questions only, whose score is no score of the deck.
    pub practice: bool,
    /// When it finished, in Unix milliseconds.
    pub finished_ms: i64,
    /// Its score, 0 to 100 (the mean of its answers' scores).
    pub score_percent: f64,
    /// How many answers (or reviews) it had.
    pub answers: u32,
    /// The time spent answering, added up over its answers.
    pub elapsed_ms: u64,
}

/// A profile's totals for one question of one deck, quiz answers or flashcard reviews.
#[derive(Clone, Debug, PartialEq)]
pub struct QuestionTotal {
    /// The deck's id.
    pub deck_id: String,
    /// The question's id.
    pub question_id: String,
    /// Flashcard reviews (`true`) or quiz answers (`false`).
    pub review: bool,
    /// How many times it was answered.
    pub answers: u32,
    /// The answers' scores added up (each 0 to 1).
    pub score_sum: f64,
    /// The time spent on it, added up.
    pub elapsed_ms: u64,
    /// When it was last answered, in Unix milliseconds.
    pub last_answered_ms: i64,
}

/// A profile's totals for one local day on one deck, quiz answers or flashcard reviews.
#[derive(Clone, Debug, PartialEq)]
pub struct DayTotal {
    /// The deck's id.
    pub deck_id: String,
    /// Days since 1970-01-01 in the computer's time zone (see [`Store::local_day`]).
    pub day: i64,
    /// Flashcard reviews (`true`) or quiz answers (`false`).
    pub review: bool,
    /// How many answers.
    pub answers: u32,
    /// Their scores added up.
    pub score_sum: f64,
    /// The time spent answering, added up.
    pub elapsed_ms: u64,
    /// Reviews of a card last reviewed a day or more before (FSRS's long-term reviews).
    pub recall_checks: u32,
    /// How many of those were recalled (rated Hard, Good or Easy).
    pub recalled: u32,
}

/// A card a profile has studied, with its deck.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredCard {
    /// The deck's id.
    pub deck_id: String,
    /// The question's id.
    pub question_id: String,
    /// Its FSRS state.
    pub state: CardState,
}

/// Everything the Stats screen shows about a profile, read in one consistent snapshot. Rows
/// are for every deck; the screen picks one deck or all.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StatsRows {
    /// Finished sessions with at least one answer, oldest first.
    pub sessions: Vec<SessionPoint>,
    /// Totals per question.
    pub questions: Vec<QuestionTotal>,
    /// Totals per day, oldest first.
    pub days: Vec<DayTotal>,
    /// Cards studied.
    pub cards: Vec<StoredCard>,
    /// The computer's time zone now: local time minus UTC, in milliseconds. The day totals are
    /// already local days; times (finished, due) are shifted by this to fall on local days.
    pub utc_offset_ms: i64,
}

/// One flashcard review, for the FSRS optimizer.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredReview {
    /// The deck's id.
    pub deck_id: String,
    /// The card's question id.
    pub question_id: String,
    /// When it was reviewed, in Unix milliseconds.
    pub answered_ms: i64,
    /// The rating given.
    pub rating: Rating,
}

/// A profile's optimized FSRS parameters and how they compared with the ones before.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredParameters {
    /// The FSRS parameters.
    pub parameters: Vec<f32>,
    /// When they were optimized, in Unix milliseconds.
    pub optimized_ms: i64,
    /// How many reviews they were fitted to.
    pub reviews: u32,
    /// Log loss of the parameters before, on the same reviews (lower is better).
    pub log_loss_before: f64,
    /// Log loss of these parameters.
    pub log_loss_after: f64,
    /// RMSE (bins) of the parameters before (lower is better).
    pub rmse_before: f64,
    /// RMSE (bins) of these parameters.
    pub rmse_after: f64,
}

/// The computer's time zone at `at_ms` (local time minus UTC, in milliseconds), as SQLite's
/// 'localtime' sees it: the same rule the day totals were kept with.
fn utc_offset_ms(conn: &rusqlite::Connection, at_ms: i64) -> rusqlite::Result<i64> {
    conn.prepare_cached(
        "SELECT CAST(ROUND((julianday(?1 / 1000.0, 'unixepoch', 'localtime')
                - julianday(?1 / 1000.0, 'unixepoch')) * 86400000) AS INTEGER)",
    )?
    .query_row([at_ms], |row| row.get::<_, Option<i64>>(0))
    .map(Option::unwrap_or_default)
}

/// Reads statistics through its own read-only connection, so a worker thread can read a long
/// history while the window goes on drawing. Reading never writes: the store stays the only
/// writer.
#[derive(Clone, Debug)]
pub struct StoreReader {
    db_path: std::path::PathBuf,
}

impl StoreReader {
    /// Every flashcard review of the profile, oldest first.
    pub fn reviews(&self, profile: ProfileId) -> Result<Vec<StoredReview>, StoreError> {
        self.read(|conn| read_reviews(conn, profile))
    }

    /// The rows behind a profile's statistics, and its optimized FSRS parameters, read in one
    /// snapshot.
    pub fn stats_rows(
        &self,
        profile: ProfileId,
    ) -> Result<(StatsRows, Option<StoredParameters>), StoreError> {
        self.read(|conn| {
            let tx = Transaction::new_unchecked(conn, TransactionBehavior::Deferred)?;
            let rows = read_stats_rows(&tx, profile)?;
            let parameters = read_fsrs_parameters(&tx, profile)?;
            Ok((rows, parameters))
        })
    }

    fn read<T>(
        &self,
        read: impl FnOnce(&rusqlite::Connection) -> rusqlite::Result<T>,
    ) -> Result<T, StoreError> {
        let opened = rusqlite::Connection::open_with_flags(
            &self.db_path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .and_then(|conn| {
            conn.busy_timeout(super::open::BUSY_TIMEOUT)?;
            Ok(conn)
        });
        opened
            .and_then(|conn| read(&conn))
            .map_err(|source| StoreError::Read {
                path: self.db_path.clone(),
                source,
            })
    }
}

/// Reads a profile's [`StatsRows`]. Run it inside a read transaction, so the rows are one
/// consistent snapshot.
fn read_stats_rows(tx: &rusqlite::Connection, profile: ProfileId) -> rusqlite::Result<StatsRows> {
    // Read from the covering index `sessions_for_stats` alone.
    let sessions = tx
        .prepare_cached(
            "SELECT deck_id, mode, finished_ms, score_percent, answers, elapsed_ms, practice
             FROM sessions
             WHERE profile_id = ?1 AND finished_ms IS NOT NULL AND answers > 0
                 AND score_percent IS NOT NULL
             ORDER BY finished_ms",
        )?
        .query_map([profile.0], |row| {
            Ok(SessionPoint {
                deck_id: row.get(0)?,
                mode: row.get(1)?,
                finished_ms: row.get(2)?,
                score_percent: row.get(3)?,
                answers: count(row.get(4)?),
                elapsed_ms: millis(row.get::<_, Option<i64>>(5)?.unwrap_or(0)),
                practice: row.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let questions = tx
        .prepare_cached(
            "SELECT deck_id, question_id, review, answers, score_sum, elapsed_ms,
                 last_answered_ms
             FROM question_totals WHERE profile_id = ?1",
        )?
        .query_map([profile.0], |row| {
            Ok(QuestionTotal {
                deck_id: row.get(0)?,
                question_id: row.get(1)?,
                review: row.get(2)?,
                answers: count(row.get(3)?),
                score_sum: row.get(4)?,
                elapsed_ms: millis(row.get(5)?),
                last_answered_ms: row.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut days: Vec<DayTotal> = tx
        .prepare_cached(
            "SELECT deck_id, day, review, answers, score_sum, elapsed_ms, recall_checks,
                 recalled
             FROM day_totals WHERE profile_id = ?1",
        )?
        .query_map([profile.0], |row| {
            Ok(DayTotal {
                deck_id: row.get(0)?,
                day: row.get(1)?,
                review: row.get(2)?,
                answers: count(row.get(3)?),
                score_sum: row.get(4)?,
                elapsed_ms: millis(row.get(5)?),
                recall_checks: count(row.get(6)?),
                recalled: count(row.get(7)?),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    // Sorted here: the primary key orders by deck first.
    days.sort_by_key(|d| d.day);
    let cards = tx
        .prepare_cached(
            "SELECT deck_id, question_id, stability, difficulty, due_ms, last_review_ms,
                 reps, lapses
             FROM cards WHERE profile_id = ?1",
        )?
        .query_map([profile.0], |row| {
            Ok(StoredCard {
                deck_id: row.get(0)?,
                question_id: row.get(1)?,
                state: super::cards::card_state(row, 2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let utc_offset_ms = utc_offset_ms(tx, crate::time::now_ms())?;
    Ok(StatsRows {
        sessions,
        questions,
        days,
        cards,
        utc_offset_ms,
    })
}

fn read_reviews(
    conn: &rusqlite::Connection,
    profile: ProfileId,
) -> rusqlite::Result<Vec<StoredReview>> {
    let mut statement = conn.prepare_cached(
        "SELECT deck_id, question_id, answered_ms, rating FROM attempts
         WHERE profile_id = ?1 AND rating IS NOT NULL
         ORDER BY answered_ms, id",
    )?;
    let rows = statement.query_map([profile.0], |row| {
        let number: u8 = row.get(3)?;
        let rating = Rating::from_number(number).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(
                3,
                rusqlite::types::Type::Integer,
                format!("rating {number} is not 1 to 4").into(),
            )
        })?;
        Ok(StoredReview {
            deck_id: row.get(0)?,
            question_id: row.get(1)?,
            answered_ms: row.get(2)?,
            rating,
        })
    })?;
    rows.collect()
}

fn count(value: i64) -> u32 {
    u32::try_from(value.max(0)).unwrap_or(u32::MAX)
}

fn millis(value: i64) -> u64 {
    u64::try_from(value.max(0)).unwrap_or(0)
}

impl Store {
    /// This data folder's random id, written into exported results so a teacher can tell two
    /// exports of the same sessions from two students' sessions.
    pub fn install_id(&self) -> Result<String, StoreError> {
        self.conn
            .prepare_cached("SELECT value FROM store_meta WHERE key = 'install_id'")
            .and_then(|mut statement| statement.query_row([], |row| row.get(0)))
            .map_err(|e| self.read_failed(e))
    }

    /// The computer's time zone at `at_ms`: local time minus UTC, in milliseconds, as SQLite's
    /// 'localtime' sees it (the rule the day totals are kept with).
    pub fn utc_offset_ms(&self, at_ms: i64) -> Result<i64, StoreError> {
        utc_offset_ms(&self.conn, at_ms).map_err(|e| self.read_failed(e))
    }

    /// The local calendar day (days since 1970-01-01 in the computer's time zone) of a Unix time,
    /// by the rule the day totals are kept with.
    pub fn local_day(&self, unix_ms: i64) -> Result<i64, StoreError> {
        self.conn
            .prepare_cached(
                "SELECT COALESCE(
                     CAST(julianday(date(?1 / 1000, 'unixepoch', 'localtime')) - 2440587.5
                         AS INTEGER),
                     ?1 / 86400000
                 )",
            )
            .and_then(|mut statement| statement.query_row([unix_ms], |row| row.get(0)))
            .map_err(|e| self.read_failed(e))
    }

    /// A reader for another thread (the Stats screen's and the optimizer's), with its own
    /// connection.
    pub fn reader(&self) -> StoreReader {
        StoreReader {
            db_path: self.db_path.clone(),
        }
    }

    /// The profile's optimized FSRS parameters; `None` means the defaults.
    pub fn fsrs_parameters(
        &self,
        profile: ProfileId,
    ) -> Result<Option<StoredParameters>, StoreError> {
        read_fsrs_parameters(&self.conn, profile).map_err(|e| self.read_failed(e))
    }

    /// Keeps optimized FSRS parameters for the profile, replacing earlier ones.
    pub fn save_fsrs_parameters(
        &mut self,
        profile: ProfileId,
        stored: &StoredParameters,
    ) -> Result<(), StoreError> {
        let what = "optimized FSRS parameters";
        if stored.parameters.is_empty() || stored.parameters.iter().any(|p| !p.is_finite()) {
            return Err(StoreError::InvalidInput {
                what,
                reason: "they must be finite numbers".to_owned(),
            });
        }
        let json =
            serde_json::to_string(&stored.parameters).map_err(|e| StoreError::InvalidInput {
                what,
                reason: e.to_string(),
            })?;
        let written = self.write(|tx| {
            tx.prepare_cached(
                "INSERT OR REPLACE INTO fsrs_parameters (profile_id, parameters_json,
                     optimized_ms, reviews, log_loss_before, log_loss_after, rmse_before,
                     rmse_after)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![
                profile.0,
                json,
                stored.optimized_ms,
                stored.reviews,
                stored.log_loss_before,
                stored.log_loss_after,
                stored.rmse_before,
                stored.rmse_after,
            ])
        });
        written.map(drop).map_err(|e| {
            if super::error::is_rejection(&e) && matches!(self.profile(profile), Ok(None)) {
                StoreError::UnknownProfile { id: profile }
            } else {
                self.write_failed(e, false)
            }
        })
    }

    /// Goes back to FSRS's default parameters for the profile.
    pub fn reset_fsrs_parameters(&mut self, profile: ProfileId) -> Result<(), StoreError> {
        let written = self.write(|tx| {
            tx.prepare_cached("DELETE FROM fsrs_parameters WHERE profile_id = ?1")?
                .execute([profile.0])
        });
        written.map(drop).map_err(|e| self.write_failed(e, false))
    }
}

/// Reads the profile's optimized FSRS parameters (`None`: the defaults), for
/// [`Store::fsrs_parameters`] and [`StoreReader::stats_rows`].
fn read_fsrs_parameters(
    conn: &rusqlite::Connection,
    profile: ProfileId,
) -> rusqlite::Result<Option<StoredParameters>> {
    conn.prepare_cached(
        "SELECT parameters_json, optimized_ms, reviews, log_loss_before,
                 log_loss_after, rmse_before, rmse_after
             FROM fsrs_parameters WHERE profile_id = ?1",
    )?
    .query_row([profile.0], |row| {
        let json: String = row.get(0)?;
        let parameters = serde_json::from_str(&json).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
        })?;
        Ok(StoredParameters {
            parameters,
            optimized_ms: row.get(1)?,
            reviews: count(row.get(2)?),
            log_loss_before: row.get(3)?,
            log_loss_after: row.get(4)?,
            rmse_before: row.get(5)?,
            rmse_after: row.get(6)?,
        })
    })
    .optional()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests;
