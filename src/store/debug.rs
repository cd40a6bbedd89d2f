//! The child side of the kill test: records answers and acknowledges each one.

use std::io::Write;
use std::path::Path;

use super::{Mode, NewAttempt, NewSession, Opened, ProfileId, Store, StoreError};
use crate::time::{self, DAY_MS, HOUR_MS};

/// The profile the debug loop writes to.
const DEBUG_PROFILE: &str = "debug-record-attempts";
/// The deck id the debug loop writes to.
const DEBUG_DECK_ID: &str = "debug-deck";

/// For crash testing: opens the store in `data_dir`, starts a quiz session for the profile
/// `debug-record-attempts` (created if needed) on deck `debug-deck` and records `count` answers
/// (question ids `q1`, `q2`, …), then finishes the session.
///
/// Writes to `out`, flushing after each line: `notice <text>` for each opening notice, then
/// `session <id>`, then `ack <n>` after answer `n` has been committed (so a line that reached the
/// reader is a promise that answer is on disk), and `done` at the end.
pub fn debug_record_attempts(
    data_dir: &Path,
    count: usize,
    out: &mut impl Write,
) -> Result<(), StoreError> {
    let mut say = |line: std::fmt::Arguments<'_>| -> Result<(), StoreError> {
        writeln!(out, "{line}")
            .and_then(|()| out.flush())
            .map_err(|source| StoreError::DebugOutput { source })
    };
    let Opened { mut store, notices } = Store::open(data_dir)?;
    for notice in notices {
        say(format_args!("notice {notice}"))?;
    }
    let profile = match store.profile_by_name(DEBUG_PROFILE)? {
        Some(profile) => profile,
        None => store.create_profile(DEBUG_PROFILE)?,
    };
    let session = store.start_session(&NewSession {
        profile: profile.id,
        deck_id: DEBUG_DECK_ID,
        deck_title: "Debug deck",
        deck_version: 1,
        mode: Mode::Quiz,
        practice: false,
        seed: 0,
        config_json: "{}".to_owned(),
        started_ms: time::now_ms(),
    })?;
    say(format_args!("session {session}"))?;
    for n in 1..=count {
        let question_id = format!("q{n}");
        store.record_attempt(&NewAttempt {
            session,
            profile: profile.id,
            deck_id: DEBUG_DECK_ID,
            question_id: &question_id,
            response_json: format!("{{\"choice\":{}}}", n % 4),
            answer_text: format!("answer {n}"),
            score: if n % 2 == 0 { 1.0 } else { 0.0 },
            elapsed_ms: 1000,
            answered_ms: time::now_ms(),
        })?;
        say(format_args!("ack {n}"))?;
    }
    store.finish_session(session, time::now_ms())?;
    say(format_args!("done"))
}

/// What [`debug_seed_history`] writes.
#[doc(hidden)]
#[derive(Clone, Debug)]
pub struct SeedPlan<'a> {
    /// The profile (created if needed).
    pub profile_name: &'a str,
    /// The deck's id.
    pub deck_id: &'a str,
    /// The deck's title.
    pub deck_title: &'a str,
    /// The deck's version.
    pub deck_version: u32,
    /// The questions answered, in turn.
    pub question_ids: &'a [String],
    /// Finished quiz sessions.
    pub sessions: usize,
    /// Answers in each session.
    pub answers_per_session: usize,
    /// Flashcard reviews of each question (one study session a day while any are left).
    pub reviews_per_card: usize,
    /// How many days back the history starts (sessions are spread over them, with gaps).
    pub days: u32,
    /// "Now": the history ends before it.
    pub now_ms: i64,
}

/// For benchmarks and looking at the Stats screen: fills the store in `data_dir` with a
/// plausible history (scores that improve, harder and easier questions, days off, flashcard
/// reviews with their cards), in one transaction, through the same SQL the app writes with, so
/// the totals are kept by the same trigger. Deterministic. Returns the profile's id.
#[doc(hidden)]
pub fn debug_seed_history(data_dir: &Path, plan: &SeedPlan<'_>) -> Result<ProfileId, StoreError> {
    let Opened { mut store, .. } = Store::open(data_dir)?;
    let profile = match store.profile_by_name(plan.profile_name)? {
        Some(profile) => profile,
        None => store.create_profile(plan.profile_name)?,
    };
    let path = store.db_path().to_owned();
    let write_failed = |source| StoreError::WriteFailed {
        path: path.clone(),
        queued: false,
        source,
    };
    let tx = store.conn.transaction().map_err(write_failed)?;
    seed(&tx, profile.id, plan).map_err(write_failed)?;
    tx.commit().map_err(write_failed)?;
    Ok(profile.id)
}

fn seed(
    tx: &rusqlite::Transaction<'_>,
    profile: ProfileId,
    plan: &SeedPlan<'_>,
) -> rusqlite::Result<()> {
    let questions = plan.question_ids.len().max(1);
    let question = |n: usize| {
        plan.question_ids
            .get(n % questions)
            .map_or("q", String::as_str)
    };
    // A small deterministic hash, so the pattern looks irregular but replays exactly.
    let noise = |a: usize, b: usize| -> u64 {
        let mut x =
            (a as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (b as u64).wrapping_add(0x632B_E59B);
        x ^= x >> 29;
        x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9);
        x ^ (x >> 32)
    };
    let start_ms = plan.now_ms - i64::from(plan.days.max(1)) * DAY_MS;
    let span_ms = plan.now_ms - start_ms - HOUR_MS;
    // Sessions are inserted unfinished and then finished, as the app does, so the triggers that
    // keep the library's totals see each one finish.
    let mut new_session = tx.prepare(
        "INSERT INTO sessions (profile_id, deck_id, deck_title, mode, seed, config_json,
             started_ms, finished_ms, score_percent, deck_version, answers, elapsed_ms)
         VALUES (?1, ?2, ?11, ?3, ?4, '{}', ?5, NULL, ?7, ?8, ?9, ?10)",
    )?;
    let mut finish_session = tx.prepare("UPDATE sessions SET finished_ms = ?2 WHERE id = ?1")?;
    let mut new_attempt = tx.prepare(
        "INSERT INTO attempts (session_id, profile_id, deck_id, question_id, response_json,
             answer_text, score, elapsed_ms, answered_ms, rating)
         VALUES (?1, ?2, ?3, ?4, '{\"kind\":\"Choice\",\"value\":0}', 'seeded', ?5, ?6, ?7, ?8)",
    )?;
    let sessions = i64::try_from(plan.sessions.max(1)).unwrap_or(i64::MAX);
    for s in 0..plan.sessions {
        // Spread over the days, skipping about one day in four.
        let at = start_ms + span_ms * i64::try_from(s).unwrap_or(0) / sessions;
        let at = if noise(s, 7) % 4 == 0 {
            at - DAY_MS
        } else {
            at
        }
        .max(start_ms);
        // Scores improve over time; some questions stay harder.
        let progress = s as f64 / plan.sessions.max(1) as f64;
        let mut score_sum = 0.0;
        let mut elapsed_sum = 0_i64;
        let mut attempts = Vec::with_capacity(plan.answers_per_session);
        for a in 0..plan.answers_per_session {
            let q = (s * plan.answers_per_session + a) % questions;
            let difficulty = (noise(q, 1) % 100) as f64 / 100.0;
            let chance = (0.35 + 0.55 * progress) * (1.2 - 0.6 * difficulty);
            let score = if (noise(s, a) % 1000) as f64 / 1000.0 < chance {
                1.0
            } else {
                0.0
            };
            let elapsed = 3_000 + i64::try_from(noise(a, s) % 20_000).unwrap_or(0);
            score_sum += score;
            elapsed_sum += elapsed;
            attempts.push((question(q), score, elapsed));
        }
        let answers = attempts.len();
        let percent = if answers == 0 {
            0.0
        } else {
            score_sum * 100.0 / answers as f64
        };
        new_session.execute(rusqlite::params![
            profile.0,
            plan.deck_id,
            Mode::Quiz,
            s as i64,
            at,
            at + elapsed_sum,
            percent,
            plan.deck_version,
            answers as i64,
            elapsed_sum,
            plan.deck_title,
        ])?;
        let session_id = tx.last_insert_rowid();
        finish_session.execute(rusqlite::params![session_id, at + elapsed_sum])?;
        let mut t = at;
        for (question_id, score, elapsed) in attempts {
            t += elapsed;
            new_attempt.execute(rusqlite::params![
                session_id,
                profile.0,
                plan.deck_id,
                question_id,
                score,
                elapsed,
                t,
                Option::<u8>::None,
            ])?;
        }
    }

    // Flashcards: each card reviewed `reviews_per_card` times at growing intervals, with an
    // Again now and then; the card row follows each review, as the app writes it.
    if plan.reviews_per_card == 0 {
        return Ok(());
    }
    let mut upsert_card = tx.prepare(
        "INSERT INTO cards (profile_id, deck_id, question_id, stability, difficulty, due_ms,
             last_review_ms, reps, lapses, first_review_ms)
         VALUES (?1, ?2, ?3, ?4, 5.0, ?5, ?6, ?7, ?8, ?6)
         ON CONFLICT (profile_id, deck_id, question_id) DO UPDATE SET
             stability = excluded.stability, due_ms = excluded.due_ms,
             last_review_ms = excluded.last_review_ms, reps = excluded.reps,
             lapses = excluded.lapses",
    )?;
    new_session.execute(rusqlite::params![
        profile.0,
        plan.deck_id,
        Mode::Study,
        0_i64,
        start_ms,
        start_ms + 60_000,
        100.0,
        plan.deck_version,
        0_i64,
        0_i64,
        plan.deck_title,
    ])?;
    let study_session = tx.last_insert_rowid();
    for (c, question_id) in plan.question_ids.iter().enumerate() {
        let mut t = start_ms + i64::try_from(noise(c, 3) % 5).unwrap_or(0) * DAY_MS;
        let mut interval_days = 1_i64;
        let mut lapses = 0_i64;
        for r in 0..plan.reviews_per_card {
            if t >= plan.now_ms {
                break;
            }
            let rating: u8 = match noise(c, r + 100) % 10 {
                0 | 1 => 1,
                2 => 2,
                9 => 4,
                _ => 3,
            };
            new_attempt.execute(rusqlite::params![
                study_session,
                profile.0,
                plan.deck_id,
                question_id,
                if rating == 1 { 0.0 } else { 1.0 },
                4_000 + i64::try_from(noise(r, c) % 8_000).unwrap_or(0),
                t,
                rating,
            ])?;
            let due = if rating == 1 {
                if r > 0 {
                    lapses += 1;
                }
                interval_days = 1;
                t + 60_000
            } else {
                interval_days = (interval_days
                    * if rating == 4 {
                        4
                    } else {
                        2 + i64::from(rating == 3)
                    })
                .min(365);
                t + interval_days * DAY_MS
            };
            upsert_card.execute(rusqlite::params![
                profile.0,
                plan.deck_id,
                question_id,
                interval_days as f64,
                due,
                t,
                i64::try_from(r + 1).unwrap_or(i64::MAX),
                lapses,
            ])?;
            // The next review: when due (an Again comes back the next day here).
            t = if rating == 1 { t + DAY_MS } else { due } + HOUR_MS;
        }
    }
    // The study session ends as the app would end it: with its answers, time and score.
    tx.execute(
        "UPDATE sessions
         SET (finished_ms, score_percent, answers, elapsed_ms) = (
             SELECT MAX(answered_ms), SUM(score) * 100.0 / COUNT(*), COUNT(*),
                 SUM(MIN(MAX(elapsed_ms, 0), 3600000))
             FROM attempts WHERE session_id = ?1
         )
         WHERE id = ?1 AND EXISTS (SELECT 1 FROM attempts WHERE session_id = ?1)",
        [study_session],
    )?;
    Ok(())
}

/// For tests: damages the database in `data_dir` as a failing disk might, where opening it
/// does not look but its full check does: the first page of `table` (a table or an index) is
/// overwritten with garbage. The store must be closed.
#[doc(hidden)]
pub fn debug_damage_table(data_dir: &Path, table: &str) -> Result<(), String> {
    use std::io::{Seek as _, SeekFrom};
    let db_path = data_dir.join(super::DB_FILE_NAME);
    let (root_page, page_size): (i64, i64) = {
        let conn = rusqlite::Connection::open(&db_path).map_err(|e| e.to_string())?;
        // Everything into the main file first, so the damage is not covered by the -wal.
        conn.pragma_update(None, "journal_mode", "DELETE")
            .map_err(|e| e.to_string())?;
        let root: i64 = conn
            .query_row(
                "SELECT rootpage FROM sqlite_master WHERE name = ?1",
                [table],
                |row| row.get(0),
            )
            .map_err(|e| format!("no table {table}: {e}"))?;
        let size: i64 = conn
            .pragma_query_value(None, "page_size", |row| row.get(0))
            .map_err(|e| e.to_string())?;
        (root, size)
    };
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .open(&db_path)
        .map_err(|e| e.to_string())?;
    let offset = u64::try_from((root_page - 1) * page_size).map_err(|e| e.to_string())?;
    file.seek(SeekFrom::Start(offset))
        .map_err(|e| e.to_string())?;
    let garbage: Vec<u8> = (0..page_size).map(|i| (i * 7 + 13) as u8).collect();
    file.write_all(&garbage).map_err(|e| e.to_string())?;
    file.sync_all().map_err(|e| e.to_string())
}
