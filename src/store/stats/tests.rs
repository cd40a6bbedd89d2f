use super::*;
use crate::store::test_support::TempDir;
use crate::store::{DeckScores, NewAttempt, NewReview, NewSession, Opened, SessionId};
use crate::time::{DAY_MS, HOUR_MS, local_day};

/// The rows the Stats screen reads, through the reader it reads them with.
fn rows(store: &Store, profile: ProfileId) -> StatsRows {
    store.reader().stats_rows(profile).unwrap().0
}

struct Fixture {
    _dir: TempDir,
    store: Store,
    ann: ProfileId,
}

fn fixture(name: &str) -> Fixture {
    let dir = TempDir::new(name);
    let Opened { mut store, .. } = Store::open(dir.path()).unwrap();
    let ann = store.create_profile("Ann").unwrap().id;
    Fixture {
        _dir: dir,
        store,
        ann,
    }
}

fn session(f: &mut Fixture, deck_id: &str, mode: Mode, started_ms: i64) -> SessionId {
    f.store
        .start_session(&NewSession {
            profile: f.ann,
            deck_id,
            deck_title: "Deck",
            deck_version: 3,
            mode,
            practice: false,
            seed: 1,
            config_json: "{}".to_owned(),
            started_ms,
        })
        .unwrap()
}

fn answer(f: &mut Fixture, s: SessionId, deck_id: &str, q: &str, score: f64, at_ms: i64) {
    f.store
        .record_attempt(&NewAttempt {
            session: s,
            profile: f.ann,
            deck_id,
            question_id: q,
            response_json: "{}".to_owned(),
            answer_text: "x".to_owned(),
            score,
            elapsed_ms: 2000,
            answered_ms: at_ms,
        })
        .unwrap();
}

fn review(f: &mut Fixture, s: SessionId, q: &str, rating: Rating, at_ms: i64) {
    f.store
        .record_review(&NewReview {
            profile: f.ann,
            deck_id: "d",
            question_id: q,
            rating,
            state_after: CardState {
                stability: 2.0,
                difficulty: 5.0,
                due_ms: at_ms + 2 * DAY_MS,
                last_review_ms: at_ms,
                reps: 1,
                lapses: 0,
            },
            session: s,
            elapsed_ms: 1000,
            reviewed_ms: at_ms,
        })
        .unwrap();
}

/// Two quiz sessions on two days and flashcard reviews: the history the tests read back.
fn with_history(name: &str) -> Fixture {
    let mut f = fixture(name);
    let s1 = session(&mut f, "d", Mode::Quiz, 10 * DAY_MS);
    answer(&mut f, s1, "d", "q1", 1.0, 10 * DAY_MS + 1);
    answer(&mut f, s1, "d", "q2", 0.0, 10 * DAY_MS + 2);
    f.store.finish_session(s1, 10 * DAY_MS + 3).unwrap();
    let s2 = session(&mut f, "d", Mode::Quiz, 12 * DAY_MS);
    answer(&mut f, s2, "d", "q2", 0.5, 12 * DAY_MS + 1);
    f.store.finish_session(s2, 12 * DAY_MS + 2).unwrap();
    // Never finished: its answer counts in the totals, but it is no point on the chart.
    let s3 = session(&mut f, "e", Mode::Quiz, 12 * DAY_MS);
    answer(&mut f, s3, "e", "q1", 1.0, 12 * DAY_MS + 5);

    let study = session(&mut f, "d", Mode::Study, 10 * DAY_MS);
    review(&mut f, study, "c1", Rating::Good, 10 * DAY_MS);
    // Same day: a short-term review, not a recall check.
    review(&mut f, study, "c1", Rating::Again, 10 * DAY_MS + 600_000);
    // Three days on: a recall check, recalled.
    review(&mut f, study, "c1", Rating::Hard, 13 * DAY_MS);
    // Two more days: a recall check, forgotten.
    review(&mut f, study, "c1", Rating::Again, 15 * DAY_MS);
    f
}

#[test]
fn totals_follow_every_answer() {
    let f = with_history("stats-totals");
    let rows = rows(&f.store, f.ann);

    let points: Vec<(i64, f64, u32, u64)> = rows
        .sessions
        .iter()
        .filter(|p| p.mode == Mode::Quiz)
        .map(|p| (p.finished_ms, p.score_percent, p.answers, p.elapsed_ms))
        .collect();
    assert_eq!(
        points,
        [
            (10 * DAY_MS + 3, 50.0, 2, 4000),
            (12 * DAY_MS + 2, 50.0, 1, 2000)
        ]
    );

    let q2 = rows
        .questions
        .iter()
        .find(|q| q.deck_id == "d" && q.question_id == "q2" && !q.review)
        .unwrap();
    assert_eq!((q2.answers, q2.score_sum, q2.elapsed_ms), (2, 0.5, 4000));
    assert_eq!(q2.last_answered_ms, 12 * DAY_MS + 1);
    let c1 = rows
        .questions
        .iter()
        .find(|q| q.question_id == "c1")
        .unwrap();
    assert!(c1.review);
    assert_eq!((c1.answers, c1.score_sum), (4, 2.0));

    // Days are local days: work out which ones with the store's own rule, so the test holds
    // in any time zone.
    let day = |ms| f.store.local_day(ms).unwrap();
    let quiz_days: Vec<(&str, i64, u32)> = rows
        .days
        .iter()
        .filter(|d| !d.review)
        .map(|d| (d.deck_id.as_str(), d.day, d.answers))
        .collect();
    let (d10, d12) = (day(10 * DAY_MS + 1), day(12 * DAY_MS + 1));
    assert_eq!(quiz_days, [("d", d10, 2), ("d", d12, 1), ("e", d12, 1)]);
    let review_days: Vec<(i64, u32, u32, u32)> = rows
        .days
        .iter()
        .filter(|d| d.review)
        .map(|d| (d.day, d.answers, d.recall_checks, d.recalled))
        .collect();
    assert_eq!(
        review_days,
        [
            (day(10 * DAY_MS), 2, 0, 0),
            (day(13 * DAY_MS), 1, 1, 1),
            (day(15 * DAY_MS), 1, 1, 0)
        ]
    );
    assert_eq!(rows.cards.len(), 1);
    assert_eq!(rows.cards[0].question_id, "c1");
}

#[test]
fn migration_backfills_the_same_totals_the_trigger_keeps() {
    let f = with_history("stats-backfill");
    let before = rows(&f.store, f.ann);
    let library_before = f.store.library_totals(f.ann).unwrap();
    assert_eq!(
        library_before.scores["d"],
        DeckScores {
            best_percent: Some(50.0),
            last_percent: Some(50.0),
            sessions: 2
        }
    );
    assert!(!library_before.scores.contains_key("e"), "never finished");
    assert_eq!(library_before.last_studied_ms["e"], 12 * DAY_MS + 5);
    assert_eq!(library_before.last_studied_ms["d"], 15 * DAY_MS);
    // Take the file back to version 4 (the totals and columns v5 added are dropped), then
    // open it again: the upgrade must compute the same totals from the answers.
    let db = f.store.db_path().to_owned();
    let dir = f._dir;
    drop(f.store);
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch(
            "DROP INDEX sessions_unfinished_quizzes;
                 DROP TRIGGER sessions_keep_deck_totals;
                 DROP TABLE deck_totals;
                 DROP TRIGGER attempts_keep_totals;
                 DROP TABLE question_totals;
                 DROP TABLE day_totals;
                 DROP TABLE fsrs_parameters;
                 DROP TABLE store_meta;
                 DROP INDEX sessions_for_stats;
                 DROP INDEX attempts_reviews;
                 ALTER TABLE sessions DROP COLUMN deck_version;
                 ALTER TABLE sessions DROP COLUMN answers;
                 ALTER TABLE sessions DROP COLUMN elapsed_ms;
                 ALTER TABLE sessions DROP COLUMN practice;
                 ALTER TABLE attempts DROP COLUMN scored;
                 PRAGMA user_version = 4;",
        )
        .unwrap();
    }
    {
        // An old retry of the missed questions: a practice quiz once upgraded.
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute(
            "UPDATE sessions SET config_json = '{\"only\":[\"q2\"]}' WHERE id = 2",
            [],
        )
        .unwrap();
    }
    let store = Store::open(dir.path()).unwrap().store;
    let mut after = rows(&store, f.ann);
    let retried = after
        .sessions
        .iter_mut()
        .find(|p| p.finished_ms == 12 * DAY_MS + 2)
        .unwrap();
    assert!(retried.practice);
    retried.practice = false;
    assert_eq!(after, before);
    // The library's totals are computed again from the sessions, less the one now practice.
    let library_after = store.library_totals(f.ann).unwrap();
    assert_eq!(
        library_after.last_studied_ms,
        library_before.last_studied_ms
    );
    assert_eq!(
        library_after.scores["d"],
        DeckScores {
            best_percent: Some(50.0),
            last_percent: Some(50.0),
            sessions: 1
        }
    );
    // The version was not known before v5.
    assert!(
        store
            .history(None)
            .unwrap()
            .iter()
            .all(|s| s.deck_version.is_none())
    );
}

#[test]
fn profiles_see_only_their_own_stats_and_deleting_one_drops_its_totals() {
    let mut f = with_history("stats-profiles");
    let bob = f.store.create_profile("Bob").unwrap().id;
    assert_eq!(rows(&f.store, bob), StatsRows::default());
    f.store.delete_profile(f.ann).unwrap();
    let left: i64 = f
        .store
        .conn
        .query_row(
            "SELECT (SELECT COUNT(*) FROM question_totals) + (SELECT COUNT(*) FROM day_totals)",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(left, 0);
}

#[test]
fn local_days_follow_the_time_zone_and_survive_extreme_times() {
    let f = fixture("stats-local-day");
    let offset_ms = rows(&f.store, f.ann).utc_offset_ms;
    let noon_ms = 20_000 * DAY_MS + 12 * HOUR_MS;
    assert_eq!(
        f.store.local_day(noon_ms).unwrap(),
        local_day(noon_ms, offset_ms)
    );
    // Out of the calendar's range: the UTC day, never an error that would block an answer.
    assert_eq!(f.store.local_day(i64::MAX).unwrap(), i64::MAX / DAY_MS);
    assert_eq!(f.store.local_day(i64::MIN).unwrap(), i64::MIN / DAY_MS);
}

#[test]
fn extreme_times_are_saved_and_counted() {
    let mut f = fixture("stats-extreme");
    let s = session(&mut f, "d", Mode::Quiz, 0);
    for at_ms in [i64::MIN, -1, 0, i64::MAX] {
        answer(&mut f, s, "d", "q", 1.0, at_ms);
    }
    let rows = rows(&f.store, f.ann);
    assert_eq!(rows.days.iter().map(|d| d.answers).sum::<u32>(), 4);
}

#[test]
fn practice_quizzes_are_no_deck_score() {
    let mut f = fixture("stats-practice");
    let full = session(&mut f, "d", Mode::Quiz, 1);
    answer(&mut f, full, "d", "q1", 0.0, 2);
    answer(&mut f, full, "d", "q2", 1.0, 3);
    f.store.finish_session(full, 4).unwrap();
    let practice = f
        .store
        .start_session(&NewSession {
            profile: f.ann,
            deck_id: "d",
            deck_title: "Deck",
            deck_version: 3,
            mode: Mode::Quiz,
            practice: true,
            seed: 1,
            config_json: "{\"only\":[\"q1\"]}".to_owned(),
            started_ms: 5,
        })
        .unwrap();
    answer(&mut f, practice, "d", "q1", 1.0, 6);
    f.store.finish_session(practice, 7).unwrap();

    let scores = f.store.deck_scores(f.ann, "d").unwrap();
    assert_eq!(
        (scores.best_percent, scores.last_percent, scores.sessions),
        (Some(50.0), Some(50.0), 1)
    );
    let rows = rows(&f.store, f.ann);
    let flags: Vec<bool> = rows.sessions.iter().map(|p| p.practice).collect();
    assert_eq!(flags, [false, true]);
}

#[test]
fn install_id_is_random_and_kept() {
    let a = fixture("stats-install-a");
    let b = fixture("stats-install-b");
    let id = a.store.install_id().unwrap();
    assert_eq!(id.len(), 32);
    assert!(id.chars().all(|c| c.is_ascii_hexdigit()));
    assert_ne!(id, b.store.install_id().unwrap());
    let dir = a._dir;
    drop(a.store);
    assert_eq!(
        Store::open(dir.path()).unwrap().store.install_id().unwrap(),
        id
    );
}

#[test]
fn reviews_come_back_in_time_order() {
    let f = with_history("stats-reviews");
    let ratings: Vec<(i64, Rating)> = f
        .store
        .reader()
        .reviews(f.ann)
        .unwrap()
        .into_iter()
        .map(|r| (r.answered_ms, r.rating))
        .collect();
    assert_eq!(
        ratings,
        [
            (10 * DAY_MS, Rating::Good),
            (10 * DAY_MS + 600_000, Rating::Again),
            (13 * DAY_MS, Rating::Hard),
            (15 * DAY_MS, Rating::Again)
        ]
    );
}

#[test]
fn a_reader_reads_the_same_from_another_thread() {
    let mut f = with_history("stats-reader");
    let stored = StoredParameters {
        parameters: vec![0.5; 21],
        optimized_ms: 5,
        reviews: 4,
        log_loss_before: 0.4,
        log_loss_after: 0.3,
        rmse_before: 0.1,
        rmse_after: 0.05,
    };
    f.store.save_fsrs_parameters(f.ann, &stored).unwrap();
    let reader = f.store.reader();
    let profile = f.ann;
    let (reviews, (from_thread, parameters)) = std::thread::spawn(move || {
        (
            reader.reviews(profile).unwrap(),
            reader.stats_rows(profile).unwrap(),
        )
    })
    .join()
    .unwrap();
    let ratings: Vec<Rating> = reviews.iter().map(|r| r.rating).collect();
    assert_eq!(
        ratings,
        [Rating::Good, Rating::Again, Rating::Hard, Rating::Again]
    );
    assert_eq!(from_thread, rows(&f.store, f.ann));
    assert_eq!(from_thread.sessions.len(), 2);
    assert_eq!(parameters, Some(stored));
}

#[test]
fn fsrs_parameters_are_kept_replaced_and_reset() {
    let mut f = fixture("stats-fsrs");
    assert_eq!(f.store.fsrs_parameters(f.ann).unwrap(), None);
    let mut stored = StoredParameters {
        parameters: vec![0.5; 21],
        optimized_ms: 5,
        reviews: 900,
        log_loss_before: 0.4,
        log_loss_after: 0.35,
        rmse_before: 0.08,
        rmse_after: 0.05,
    };
    f.store.save_fsrs_parameters(f.ann, &stored).unwrap();
    assert_eq!(
        f.store.fsrs_parameters(f.ann).unwrap(),
        Some(stored.clone())
    );
    stored.parameters = vec![0.25; 21];
    f.store.save_fsrs_parameters(f.ann, &stored).unwrap();
    assert_eq!(
        f.store.fsrs_parameters(f.ann).unwrap(),
        Some(stored.clone())
    );
    stored.parameters[3] = f32::NAN;
    assert!(matches!(
        f.store.save_fsrs_parameters(f.ann, &stored),
        Err(StoreError::InvalidInput { .. })
    ));
    assert!(matches!(
        f.store.save_fsrs_parameters(
            ProfileId(99),
            &StoredParameters {
                parameters: vec![1.0],
                ..stored
            }
        ),
        Err(StoreError::UnknownProfile { .. })
    ));
    f.store.reset_fsrs_parameters(f.ann).unwrap();
    assert_eq!(f.store.fsrs_parameters(f.ann).unwrap(), None);
}
