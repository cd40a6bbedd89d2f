//! The hidden commands for tests and benchmarks.

use std::path::Path;
use std::process::ExitCode;

use super::output::exit_status;
use crate::deck;

/// `debug-record-attempts`: records `count` attempts, printing "ack N" after each is on disk.
pub(super) fn record_attempts(data_dir: &Path, count: usize) -> ExitCode {
    let mut out = std::io::stdout().lock();
    exit_status(crate::store::debug_record_attempts(
        data_dir, count, &mut out,
    ))
}

/// `debug-bare-window`: a bare eframe window that closes after `frames` frames.
pub(super) fn bare_window(frames: u64) -> ExitCode {
    exit_status(crate::ui::run_bare_window(frames))
}

/// How much history `debug-seed-history` makes.
pub(super) struct SeedAmounts {
    /// Finished quiz sessions.
    pub(super) sessions: usize,
    /// Answers per session.
    pub(super) answers_per_session: usize,
    /// Flashcard reviews per card.
    pub(super) reviews_per_card: usize,
    /// How many days back the history starts.
    pub(super) days: u32,
}

/// `debug-seed-history`: fills the store with a plausible history of `deck` (a bundled deck's
/// id, or a deck file) for `profile`.
pub(super) fn seed_history(
    data_dir: &Path,
    deck: &str,
    profile: Option<&str>,
    amounts: &SeedAmounts,
) -> ExitCode {
    let loaded = deck::bundled_deck(deck).map_or_else(
        || deck::load_deck(Path::new(deck)).map_err(|e| e.to_string()),
        Ok,
    );
    let deck = match loaded {
        Ok(deck) => deck,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let question_ids: Vec<String> = deck.questions().iter().map(|q| q.id.to_string()).collect();
    let plan = crate::store::SeedPlan {
        profile_name: profile.unwrap_or("Seeded"),
        deck_id: deck.id().as_str(),
        deck_title: deck.title(),
        deck_version: deck.version(),
        question_ids: &question_ids,
        sessions: amounts.sessions,
        answers_per_session: amounts.answers_per_session,
        reviews_per_card: amounts.reviews_per_card,
        days: amounts.days,
        now_ms: crate::time::now_ms(),
    };
    exit_status(crate::store::debug_seed_history(data_dir, &plan).map(|_| ()))
}
