//! The child side of the kill test: records answers and acknowledges each one.

use std::io::Write;
use std::path::Path;

use super::{Mode, NewAttempt, NewSession, Opened, Store, StoreError, time};

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

/// For benchmarks: fills the store in `data_dir` with `sessions` finished quiz sessions of
/// `attempts_per_session` answers each, for profile `profile_name` (created if needed) on
/// `deck_id`, in one transaction. Returns the profile's id.
#[doc(hidden)]
pub fn debug_seed_history(
    data_dir: &Path,
    profile_name: &str,
    deck_id: &str,
    sessions: usize,
    attempts_per_session: usize,
) -> Result<super::ProfileId, StoreError> {
    let Opened { mut store, .. } = Store::open(data_dir)?;
    let profile = match store.profile_by_name(profile_name)? {
        Some(profile) => profile,
        None => store.create_profile(profile_name)?,
    };
    let path = store.db_path().to_owned();
    let write_failed = |source| StoreError::WriteFailed {
        path: path.clone(),
        queued: false,
        source,
    };
    let tx = store.conn.transaction().map_err(write_failed)?;
    {
        let mut new_session = tx
            .prepare(
                "INSERT INTO sessions (profile_id, deck_id, deck_title, mode, seed, config_json, started_ms, finished_ms, score_percent)
                 VALUES (?1, ?2, 'Seeded deck', 'quiz', ?3, '{}', ?4, ?5, 66.0)",
            )
            .map_err(write_failed)?;
        let mut new_attempt = tx
            .prepare(
                "INSERT INTO attempts (session_id, profile_id, deck_id, question_id, response_json, answer_text, score, elapsed_ms, answered_ms)
                 VALUES (?1, ?2, ?3, ?4, '{\"kind\":\"Choice\",\"value\":0}', 'seeded', ?5, 1000, ?6)",
            )
            .map_err(write_failed)?;
        let start_ms = time::now_ms() - 86_400_000 * 365;
        for s in 0..sessions {
            let at = start_ms + i64::try_from(s).unwrap_or(0) * 60_000;
            new_session
                .execute(rusqlite::params![
                    profile.id.0,
                    deck_id,
                    s as i64,
                    at,
                    at + 50_000
                ])
                .map_err(write_failed)?;
            let session_id = tx.last_insert_rowid();
            for a in 0..attempts_per_session {
                new_attempt
                    .execute(rusqlite::params![
                        session_id,
                        profile.id.0,
                        deck_id,
                        format!("q{a}"),
                        if (s + a) % 3 == 0 { 0.0 } else { 1.0 },
                        at + i64::try_from(a).unwrap_or(0) * 1000,
                    ])
                    .map_err(write_failed)?;
            }
        }
    }
    tx.commit().map_err(write_failed)?;
    Ok(profile.id)
}
