//! Helpers for the store's unit tests.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

use super::{Mode, NewAttempt, NewSession, Opened, Profile, SessionId, Store};

/// A folder under the system's temp folder, deleted when dropped.
pub(super) struct TempDir(PathBuf);

impl TempDir {
    pub(super) fn new(name: &str) -> Self {
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!(
            "quizdesk-store-{name}-{}-{n}-{}",
            std::process::id(),
            crate::time::now_ms()
        ));
        if let Err(e) = std::fs::create_dir_all(&path) {
            panic!("cannot create {}: {e}", path.display());
        }
        Self(path)
    }

    pub(super) fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A store with one profile (Ann) and one quiz session of deck "deck", for the tests of
/// answers and of the pending queue.
pub(super) struct Fixture {
    pub(super) _dir: TempDir,
    pub(super) store: Store,
    pub(super) ann: Profile,
    pub(super) session: SessionId,
}

/// A fresh [`Fixture`] in a temp folder named after `name`.
pub(super) fn fixture(name: &str) -> Fixture {
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

/// A right answer to `question_id` in the fixture's session.
pub(super) fn answer(f: &Fixture, question_id: &'static str) -> NewAttempt<'static> {
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

/// The question ids of every saved answer, in order.
pub(super) fn saved_questions(store: &Store) -> Vec<String> {
    store
        .history(None)
        .unwrap()
        .into_iter()
        .flat_map(|s| s.attempts)
        .map(|a| a.question_id)
        .collect()
}

/// SQLite's own "disk full": the file may not grow past its current size.
pub(super) fn fill_disk(f: &Fixture) {
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
