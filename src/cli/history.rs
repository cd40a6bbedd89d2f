//! `quizdesk history` and `quizdesk sessions`: the stored records, printed.

use std::path::Path;
use std::process::ExitCode;

use super::formats::HistoryFormat;
use super::output::{open_store, print_records};
use crate::store::SessionRecord;

/// `quizdesk history`: every stored session and answer (of `profile`, if given) as a results
/// file, or one CSV row per answer.
pub(super) fn history(data_dir: &Path, profile: Option<&str>, format: HistoryFormat) -> ExitCode {
    let store = match open_store(data_dir) {
        Ok(store) => store,
        Err(code) => return code,
    };
    let profile_id = match profile {
        None => None,
        Some(name) => match store.profile_by_name(name) {
            Ok(Some(p)) => Some(p.id),
            Ok(None) => {
                eprintln!(
                    "error: there is no profile named \"{name}\"; `quizdesk history` without --profile lists everyone's"
                );
                return ExitCode::FAILURE;
            }
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        },
    };
    let file = match crate::class::export::results_file(&store, profile_id, crate::time::now_ms()) {
        Ok(file) => file,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    print_records(&file, format, || history_csv(&file.sessions))
}

/// `quizdesk sessions`: the anonymous records of presentations.
pub(super) fn sessions(data_dir: &Path, format: HistoryFormat) -> ExitCode {
    let store = match open_store(data_dir) {
        Ok(store) => store,
        Err(code) => return code,
    };
    match store.presentations() {
        Ok(records) => print_records(&records, format, || {
            crate::store::presentations_csv(&records)
        }),
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// One CSV row per answer, with its session's details; the header names every column.
fn history_csv(sessions: &[SessionRecord]) -> String {
    let mut out = crate::csv_cell::CsvOut::new();
    out.record([
        "session_id",
        "profile",
        "deck_id",
        "deck_title",
        "mode",
        "seed",
        "session_started_utc",
        "question_id",
        "answer",
        "score",
        "time_taken_ms",
        "answered_utc",
        "deck_version",
        "rating",
        "scored",
    ]);
    for session in sessions {
        for attempt in &session.attempts {
            let fields = [
                session.id.to_string(),
                session.profile_name.clone(),
                session.deck_id.clone(),
                session.deck_title.clone(),
                format!("{:?}", session.mode).to_lowercase(),
                session.seed.to_string(),
                crate::time::utc_iso8601(session.started_ms),
                attempt.question_id.clone(),
                attempt.answer_text.clone(),
                attempt.score.to_string(),
                attempt.elapsed_ms.to_string(),
                crate::time::utc_iso8601(attempt.answered_ms),
                session
                    .deck_version
                    .map_or_else(String::new, |v| v.to_string()),
                attempt.rating.map_or_else(String::new, |r| r.to_string()),
                // A poll's or a words question's answer is kept and not scored.
                attempt.scored.to_string(),
            ];
            out.record(&fields);
        }
    }
    out.finish()
}
