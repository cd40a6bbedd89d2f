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
