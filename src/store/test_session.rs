//! A store with a profile and a session, for the tests of answers and of the pending queue.

#![allow(clippy::unwrap_used)]

use super::test_support::TempDir;
use super::{Mode, NewAttempt, NewSession, Opened, Profile, SessionId, Store};

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
