//! The database schema and its ordered migrations, versioned with `PRAGMA user_version`.
//!
//! To change the schema, append a migration to [`MIGRATIONS`]; never edit one that has shipped.
//! All pending migrations run in one transaction, so a failed upgrade changes nothing. Foreign
//! keys stay on during migrations (`PRAGMA foreign_keys` cannot change inside a transaction), so
//! a migration that rebuilds a table must copy the rows before dropping the old one.

use std::path::Path;

use rusqlite::{Connection, Transaction, TransactionBehavior};

use super::StoreError;

/// `PRAGMA application_id`: "QDSK", so a file can be recognised as a quizdesk database.
pub(super) const APPLICATION_ID: i64 = 0x5144_534B;

/// Version 1: profiles, sessions, attempts, card states, seen content notes.
const V1: &str = "
PRAGMA application_id = 1363432267;

CREATE TABLE profiles (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    -- The name lowercased, for case-insensitive uniqueness beyond ASCII.
    name_key TEXT NOT NULL UNIQUE,
    created_ms INTEGER NOT NULL
);

CREATE TABLE sessions (
    id INTEGER PRIMARY KEY,
    profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    deck_id TEXT NOT NULL,
    deck_title TEXT NOT NULL,
    mode TEXT NOT NULL CHECK (mode IN ('quiz', 'study')),
    -- The u64 seed's bits, as SQLite integers are signed.
    seed INTEGER NOT NULL,
    config_json TEXT NOT NULL,
    started_ms INTEGER NOT NULL,
    finished_ms INTEGER,
    UNIQUE (id, profile_id, deck_id)
);
CREATE INDEX sessions_by_profile_deck ON sessions(profile_id, deck_id);

CREATE TABLE attempts (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL,
    profile_id INTEGER NOT NULL,
    deck_id TEXT NOT NULL,
    question_id TEXT NOT NULL,
    response_json TEXT NOT NULL,
    answer_text TEXT NOT NULL,
    score REAL NOT NULL CHECK (score BETWEEN 0 AND 1),
    elapsed_ms INTEGER NOT NULL,
    answered_ms INTEGER NOT NULL,
    -- 1-4 for a flashcard review, NULL for a quiz answer.
    rating INTEGER CHECK (rating BETWEEN 1 AND 4),
    -- An attempt belongs to a session of the same profile and deck.
    FOREIGN KEY (session_id, profile_id, deck_id)
        REFERENCES sessions(id, profile_id, deck_id) ON DELETE CASCADE
);
CREATE INDEX attempts_by_session ON attempts(session_id);
CREATE INDEX attempts_by_profile_deck ON attempts(profile_id, deck_id, answered_ms);

CREATE TABLE cards (
    profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    deck_id TEXT NOT NULL,
    question_id TEXT NOT NULL,
    stability REAL NOT NULL,
    difficulty REAL NOT NULL,
    due_ms INTEGER NOT NULL,
    last_review_ms INTEGER NOT NULL,
    reps INTEGER NOT NULL,
    lapses INTEGER NOT NULL,
    -- When the card was first reviewed: it counted as a new card that day.
    first_review_ms INTEGER NOT NULL,
    PRIMARY KEY (profile_id, deck_id, question_id)
) WITHOUT ROWID;

CREATE TABLE content_notes_seen (
    profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    deck_id TEXT NOT NULL,
    seen_ms INTEGER NOT NULL,
    PRIMARY KEY (profile_id, deck_id)
) WITHOUT ROWID;
";

/// Version 2: each finished session keeps its score, so the library's best and last scores read
/// one row per session instead of adding up every answer ever given.
const V2: &str = "
ALTER TABLE sessions ADD COLUMN score_percent REAL;
UPDATE sessions
SET score_percent = (
    SELECT SUM(a.score) * 100.0 / COUNT(*) FROM attempts a WHERE a.session_id = sessions.id
)
WHERE finished_ms IS NOT NULL;
CREATE INDEX sessions_finished ON sessions(profile_id, deck_id, mode, finished_ms);
";

/// Version 3: anonymous presentations (a facilitator showing a deck to a room) and, for each
/// question shown, the room's tally. No names are stored. A tally is both counts or neither
/// (NULL: the tally was skipped).
const V3: &str = "
CREATE TABLE presentations (
    id INTEGER PRIMARY KEY,
    deck_id TEXT NOT NULL,
    deck_title TEXT NOT NULL,
    started_ms INTEGER NOT NULL,
    finished_ms INTEGER
);
CREATE INDEX presentations_by_start ON presentations(started_ms);

CREATE TABLE presentation_questions (
    presentation_id INTEGER NOT NULL REFERENCES presentations(id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 0),
    question_id TEXT NOT NULL,
    shown_ms INTEGER NOT NULL,
    correct INTEGER CHECK (correct >= 0),
    answered INTEGER CHECK (answered >= 0),
    CHECK ((correct IS NULL) = (answered IS NULL)),
    CHECK (correct <= answered),
    PRIMARY KEY (presentation_id, question_id)
);
";

/// Version 4: named presentation plans (which questions of a deck, in what order).
const V4: &str = "
CREATE TABLE presentation_plans (
    deck_id TEXT NOT NULL,
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    question_ids_json TEXT NOT NULL,
    saved_ms INTEGER NOT NULL,
    PRIMARY KEY (deck_id, name)
) WITHOUT ROWID;
";

/// Version 5: statistics and class results.
///
/// - `store_meta.install_id`: a random id for this data folder, written into exported results,
///   so a teacher who imports the same export twice (or two exports that overlap) counts each
///   session once.
/// - `sessions.deck_version`: the deck's version when the session started (NULL before v5), so a
///   class import can flag results of another version. `answers` and `elapsed_ms` are kept when
///   a session finishes, like `score_percent`, so the stats never add up old answers.
///   `practice` marks a quiz of chosen questions only (one question practised, the missed ones
///   retried), which counts in time and totals but not as a score of the deck.
/// - Days are local calendar days, computed by SQLite from the computer's time zone when each
///   answer is written, so a streak follows the learner's days, not UTC's.
/// - Time totals count at most an hour per answer: an answer left on screen overnight is not a
///   night of study, and a huge stored value can never overflow a sum and so block a write.
/// - `question_totals` and `day_totals`: running totals per question and per local study day,
///   kept by a trigger in the same transaction as each answer. The Stats screen reads these few
///   thousand rows instead of every answer ever given (a million answers of one profile are
///   about 100 questions x 700 days here). Attempts are only ever deleted with their profile,
///   and the totals go with it.
/// - `day_totals.recall_checks`/`recalled`: flashcard reviews of a card last reviewed a day or
///   more before (FSRS's long-term reviews), and how many of those were not Again: the measured
///   retention. The trigger reads the card's previous review from `cards`, which
///   `Store::insert_attempt` updates after inserting the attempt.
/// - `fsrs_parameters`: a profile's optimized FSRS parameters; no row means the defaults.
/// - Covering indexes for what the Stats screen reads: finished sessions, and the reviews.
const V5: &str = "
CREATE TABLE store_meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO store_meta (key, value) VALUES ('install_id', lower(hex(randomblob(16))));

ALTER TABLE sessions ADD COLUMN deck_version INTEGER CHECK (deck_version >= 0);
ALTER TABLE sessions ADD COLUMN answers INTEGER CHECK (answers >= 0);
ALTER TABLE sessions ADD COLUMN elapsed_ms INTEGER CHECK (elapsed_ms >= 0);
-- A quiz of chosen questions only (practising one question, retrying the missed ones): its
-- score is no measure of the deck, so it is left out of best and last scores.
ALTER TABLE sessions ADD COLUMN practice INTEGER NOT NULL DEFAULT 0 CHECK (practice IN (0, 1));
UPDATE sessions SET practice = 1
WHERE json_valid(config_json) AND json_type(config_json, '$.only') = 'array';
UPDATE sessions
SET answers = (SELECT COUNT(*) FROM attempts a WHERE a.session_id = sessions.id),
    elapsed_ms = (
        SELECT COALESCE(SUM(MIN(MAX(a.elapsed_ms, 0), 3600000)), 0) FROM attempts a
        WHERE a.session_id = sessions.id
    )
WHERE finished_ms IS NOT NULL;
CREATE INDEX sessions_for_stats
    ON sessions(profile_id, finished_ms, mode, deck_id, score_percent, answers, elapsed_ms,
        practice);
-- The flashcard reviews alone, in time order, for the FSRS optimizer: a partial index, so a
-- profile with a million quiz answers and a few thousand reviews reads only the reviews.
CREATE INDEX attempts_reviews
    ON attempts(profile_id, answered_ms, id, deck_id, question_id, rating)
    WHERE rating IS NOT NULL;

CREATE TABLE question_totals (
    profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    deck_id TEXT NOT NULL,
    question_id TEXT NOT NULL,
    -- 0: quiz answers; 1: flashcard reviews.
    review INTEGER NOT NULL CHECK (review IN (0, 1)),
    answers INTEGER NOT NULL,
    score_sum REAL NOT NULL,
    elapsed_ms INTEGER NOT NULL,
    last_answered_ms INTEGER NOT NULL,
    PRIMARY KEY (profile_id, deck_id, question_id, review)
) WITHOUT ROWID;

CREATE TABLE day_totals (
    profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    deck_id TEXT NOT NULL,
    -- The local calendar day the answers were given on, as days since 1970-01-01 (SQLite's
    -- 'localtime', that is the computer's time zone when the answer was written).
    day INTEGER NOT NULL,
    review INTEGER NOT NULL CHECK (review IN (0, 1)),
    answers INTEGER NOT NULL,
    score_sum REAL NOT NULL,
    elapsed_ms INTEGER NOT NULL,
    recall_checks INTEGER NOT NULL,
    recalled INTEGER NOT NULL,
    PRIMARY KEY (profile_id, deck_id, day, review)
) WITHOUT ROWID;

INSERT INTO question_totals
SELECT profile_id, deck_id, question_id, rating IS NOT NULL, COUNT(*), SUM(score),
    SUM(MIN(MAX(elapsed_ms, 0), 3600000)), MAX(answered_ms)
FROM attempts
GROUP BY profile_id, deck_id, question_id, rating IS NOT NULL;

INSERT INTO day_totals
SELECT profile_id, deck_id, local_day, review, COUNT(*), SUM(score),
    SUM(MIN(MAX(elapsed_ms, 0), 3600000)), SUM(long_term), SUM(long_term AND rating > 1)
FROM (
    SELECT profile_id, deck_id, answered_ms, score, elapsed_ms, rating,
        rating IS NOT NULL AS review,
        COALESCE(
            CAST(julianday(date(answered_ms / 1000, 'unixepoch', 'localtime')) - 2440587.5
                AS INTEGER),
            answered_ms / 86400000
        ) AS local_day,
        COALESCE(
            rating IS NOT NULL AND answered_ms - LAG(answered_ms) OVER (
                PARTITION BY profile_id, deck_id, question_id, rating IS NOT NULL
                ORDER BY answered_ms, id
            ) >= 86400000,
            0
        ) AS long_term
    FROM attempts
)
GROUP BY profile_id, deck_id, local_day, review;

CREATE TRIGGER attempts_keep_totals AFTER INSERT ON attempts
BEGIN
    INSERT INTO question_totals (profile_id, deck_id, question_id, review, answers, score_sum,
        elapsed_ms, last_answered_ms)
    VALUES (NEW.profile_id, NEW.deck_id, NEW.question_id, NEW.rating IS NOT NULL, 1, NEW.score,
        MIN(MAX(NEW.elapsed_ms, 0), 3600000), NEW.answered_ms)
    ON CONFLICT (profile_id, deck_id, question_id, review) DO UPDATE SET
        answers = answers + 1,
        score_sum = score_sum + excluded.score_sum,
        elapsed_ms = elapsed_ms + excluded.elapsed_ms,
        last_answered_ms = MAX(last_answered_ms, excluded.last_answered_ms);

    INSERT INTO day_totals (profile_id, deck_id, day, review, answers, score_sum, elapsed_ms,
        recall_checks, recalled)
    SELECT NEW.profile_id, NEW.deck_id, local_day, NEW.rating IS NOT NULL, 1,
        NEW.score, MIN(MAX(NEW.elapsed_ms, 0), 3600000), long_term, long_term AND NEW.rating > 1
    FROM (
        SELECT COALESCE(
            CAST(julianday(date(NEW.answered_ms / 1000, 'unixepoch', 'localtime')) - 2440587.5
                AS INTEGER),
            NEW.answered_ms / 86400000
        ) AS local_day,
        NEW.rating IS NOT NULL AND EXISTS (
            SELECT 1 FROM cards c
            WHERE c.profile_id = NEW.profile_id AND c.deck_id = NEW.deck_id
                AND c.question_id = NEW.question_id
                AND NEW.answered_ms - c.last_review_ms >= 86400000
        ) AS long_term
    )
    WHERE true
    ON CONFLICT (profile_id, deck_id, day, review) DO UPDATE SET
        answers = answers + 1,
        score_sum = score_sum + excluded.score_sum,
        elapsed_ms = elapsed_ms + excluded.elapsed_ms,
        recall_checks = recall_checks + excluded.recall_checks,
        recalled = recalled + excluded.recalled;
END;

CREATE TABLE fsrs_parameters (
    profile_id INTEGER PRIMARY KEY REFERENCES profiles(id) ON DELETE CASCADE,
    parameters_json TEXT NOT NULL,
    optimized_ms INTEGER NOT NULL,
    reviews INTEGER NOT NULL,
    log_loss_before REAL NOT NULL,
    log_loss_after REAL NOT NULL,
    rmse_before REAL NOT NULL,
    rmse_after REAL NOT NULL
);
";

/// Version 6: the library's scores from running totals.
///
/// `deck_totals`: per profile and deck, the finished quiz sessions that score the deck (not
/// practice, with at least one answer), the best score and the most recent one (latest
/// `finished_ms`, then highest id, as the sessions would be ordered). Kept by a trigger in the
/// transaction that finishes a session, so the library reads one row per deck instead of every
/// session (100,000 of them for a learner with a million answers).
const V6: &str = "
CREATE TABLE deck_totals (
    profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    deck_id TEXT NOT NULL,
    quizzes INTEGER NOT NULL,
    best_percent REAL NOT NULL,
    last_percent REAL NOT NULL,
    last_quiz_ms INTEGER NOT NULL,
    last_quiz_id INTEGER NOT NULL,
    PRIMARY KEY (profile_id, deck_id)
) WITHOUT ROWID;

INSERT INTO deck_totals
SELECT profile_id, deck_id, COUNT(*), MAX(score_percent),
    (SELECT l.score_percent FROM sessions l
     WHERE l.profile_id = s.profile_id AND l.deck_id = s.deck_id AND l.mode = 'quiz'
         AND NOT l.practice AND l.finished_ms IS NOT NULL AND l.score_percent IS NOT NULL
     ORDER BY l.finished_ms DESC, l.id DESC LIMIT 1),
    MAX(finished_ms),
    (SELECT l.id FROM sessions l
     WHERE l.profile_id = s.profile_id AND l.deck_id = s.deck_id AND l.mode = 'quiz'
         AND NOT l.practice AND l.finished_ms IS NOT NULL AND l.score_percent IS NOT NULL
     ORDER BY l.finished_ms DESC, l.id DESC LIMIT 1)
FROM sessions s
WHERE mode = 'quiz' AND NOT practice AND finished_ms IS NOT NULL AND score_percent IS NOT NULL
GROUP BY profile_id, deck_id;

CREATE TRIGGER sessions_keep_deck_totals AFTER UPDATE OF finished_ms ON sessions
WHEN OLD.finished_ms IS NULL AND NEW.finished_ms IS NOT NULL AND NEW.mode = 'quiz'
    AND NOT NEW.practice AND NEW.score_percent IS NOT NULL
BEGIN
    INSERT INTO deck_totals (profile_id, deck_id, quizzes, best_percent, last_percent,
        last_quiz_ms, last_quiz_id)
    VALUES (NEW.profile_id, NEW.deck_id, 1, NEW.score_percent, NEW.score_percent,
        NEW.finished_ms, NEW.id)
    ON CONFLICT (profile_id, deck_id) DO UPDATE SET
        quizzes = quizzes + 1,
        best_percent = MAX(best_percent, excluded.best_percent),
        last_percent = CASE WHEN (excluded.last_quiz_ms, excluded.last_quiz_id)
            > (last_quiz_ms, last_quiz_id) THEN excluded.last_percent ELSE last_percent END,
        last_quiz_id = CASE WHEN (excluded.last_quiz_ms, excluded.last_quiz_id)
            > (last_quiz_ms, last_quiz_id) THEN excluded.last_quiz_id ELSE last_quiz_id END,
        last_quiz_ms = MAX(last_quiz_ms, excluded.last_quiz_ms);
END;
";

/// Version 7: the quizzes left half-way, for the library's "Continue": a partial index holds
/// only the unfinished quiz sessions, so finding them reads a handful of rows, not every
/// session a learner ever took.
const V7: &str = "
CREATE INDEX sessions_unfinished_quizzes ON sessions(profile_id, deck_id, id)
    WHERE finished_ms IS NULL AND mode = 'quiz';
";

/// Version 8: what the room answered from their phones, as aggregates only.
/// - `option_counts_json`: how many phones picked each option, a JSON array of counts in the
///   order the options were shown; NULL for a show of hands.
/// - A poll has no right answer, so `correct` may now be NULL beside a count of answers (it was
///   both or neither). SQLite cannot change a CHECK, so the table is rebuilt; nothing refers to
///   it, and its rows are copied first.
const V8: &str = "
CREATE TABLE presentation_questions_v8 (
    presentation_id INTEGER NOT NULL REFERENCES presentations(id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 0),
    question_id TEXT NOT NULL,
    shown_ms INTEGER NOT NULL,
    correct INTEGER CHECK (correct >= 0),
    answered INTEGER CHECK (answered >= 0),
    option_counts_json TEXT CHECK (option_counts_json IS NULL OR json_valid(option_counts_json)),
    CHECK (correct IS NULL OR answered IS NOT NULL),
    CHECK (option_counts_json IS NULL OR answered IS NOT NULL),
    CHECK (correct <= answered),
    PRIMARY KEY (presentation_id, question_id)
);
INSERT INTO presentation_questions_v8
    (presentation_id, position, question_id, shown_ms, correct, answered)
SELECT presentation_id, position, question_id, shown_ms, correct, answered
FROM presentation_questions;
DROP TABLE presentation_questions;
ALTER TABLE presentation_questions_v8 RENAME TO presentation_questions;
";

/// Version 9: answers kept and never scored (a poll's, a words question's, answered alone).
/// - `attempts.scored`: 0 for such an answer; every earlier answer was scored.
/// - The running totals (`question_totals`, `day_totals`) count scored answers only, so a poll
///   never reads as a question answered wrong. The trigger is made again with that condition;
///   its body is version 5's unchanged.
const V9: &str = "
ALTER TABLE attempts ADD COLUMN scored INTEGER NOT NULL DEFAULT 1 CHECK (scored IN (0, 1));

DROP TRIGGER attempts_keep_totals;
CREATE TRIGGER attempts_keep_totals AFTER INSERT ON attempts
WHEN NEW.scored
BEGIN
    INSERT INTO question_totals (profile_id, deck_id, question_id, review, answers, score_sum,
        elapsed_ms, last_answered_ms)
    VALUES (NEW.profile_id, NEW.deck_id, NEW.question_id, NEW.rating IS NOT NULL, 1, NEW.score,
        MIN(MAX(NEW.elapsed_ms, 0), 3600000), NEW.answered_ms)
    ON CONFLICT (profile_id, deck_id, question_id, review) DO UPDATE SET
        answers = answers + 1,
        score_sum = score_sum + excluded.score_sum,
        elapsed_ms = elapsed_ms + excluded.elapsed_ms,
        last_answered_ms = MAX(last_answered_ms, excluded.last_answered_ms);

    INSERT INTO day_totals (profile_id, deck_id, day, review, answers, score_sum, elapsed_ms,
        recall_checks, recalled)
    SELECT NEW.profile_id, NEW.deck_id, local_day, NEW.rating IS NOT NULL, 1,
        NEW.score, MIN(MAX(NEW.elapsed_ms, 0), 3600000), long_term, long_term AND NEW.rating > 1
    FROM (
        SELECT COALESCE(
            CAST(julianday(date(NEW.answered_ms / 1000, 'unixepoch', 'localtime')) - 2440587.5
                AS INTEGER),
            NEW.answered_ms / 86400000
        ) AS local_day,
        NEW.rating IS NOT NULL AND EXISTS (
            SELECT 1 FROM cards c
            WHERE c.profile_id = NEW.profile_id AND c.deck_id = NEW.deck_id
                AND c.question_id = NEW.question_id
                AND NEW.answered_ms - c.last_review_ms >= 86400000
        ) AS long_term
    )
    WHERE true
    ON CONFLICT (profile_id, deck_id, day, review) DO UPDATE SET
        answers = answers + 1,
        score_sum = score_sum + excluded.score_sum,
        elapsed_ms = elapsed_ms + excluded.elapsed_ms,
        recall_checks = recall_checks + excluded.recall_checks,
        recalled = recalled + excluded.recalled;
END;
";

/// The migrations in order: entry `i` takes the schema from version `i` to `i + 1`.
pub(super) const MIGRATIONS: &[&str] = &[V1, V2, V3, V4, V5, V6, V7, V8, V9];

/// The schema version this build writes.
#[cfg(test)]
pub(super) fn latest_version() -> i64 {
    i64::try_from(MIGRATIONS.len()).unwrap_or(i64::MAX)
}

/// `PRAGMA user_version`.
pub(super) fn user_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.pragma_query_value(None, "user_version", |row| row.get(0))
}

/// Brings the schema up to date.
pub(super) fn migrate(conn: &Connection, db_path: &Path) -> Result<(), StoreError> {
    migrate_with(conn, db_path, MIGRATIONS)
}

/// Applies the `migrations` the database lacks, all in one write transaction. Another quizdesk
/// opening the same file at the same moment waits for the lock and then finds nothing to do.
fn migrate_with(conn: &Connection, db_path: &Path, migrations: &[&str]) -> Result<(), StoreError> {
    let latest = i64::try_from(migrations.len()).unwrap_or(i64::MAX);
    let open_error = |source| StoreError::Open {
        path: db_path.to_path_buf(),
        source,
    };
    let too_new = |found| StoreError::SchemaTooNew {
        path: db_path.to_path_buf(),
        found,
        supported: latest,
    };
    let current = user_version(conn).map_err(open_error)?;
    if current > latest {
        return Err(too_new(current));
    }
    if current == latest {
        return Ok(());
    }

    let tx =
        Transaction::new_unchecked(conn, TransactionBehavior::Immediate).map_err(open_error)?;
    // Read again under the write lock: another instance may have upgraded meanwhile.
    let current = user_version(&tx).map_err(open_error)?;
    if current > latest {
        return Err(too_new(current));
    }
    let mut version = current;
    for sql in migrations
        .iter()
        .skip(usize::try_from(current).unwrap_or(usize::MAX))
    {
        version += 1;
        let failed = |source| StoreError::Migration {
            path: db_path.to_path_buf(),
            version,
            source,
        };
        tx.execute_batch(sql).map_err(failed)?;
        tx.pragma_update(None, "user_version", version)
            .map_err(failed)?;
    }
    tx.commit().map_err(|source| StoreError::Migration {
        path: db_path.to_path_buf(),
        version,
        source,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn table_names(conn: &Connection) -> Vec<String> {
        let mut statement = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .unwrap();
        statement
            .query_map([], |row| row.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }

    #[test]
    fn application_id_constant_matches_the_sql() {
        assert!(V1.contains(&format!("application_id = {APPLICATION_ID};")));
    }

    #[test]
    fn fresh_database_gets_the_latest_version_and_all_tables() {
        let conn = Connection::open_in_memory().unwrap();
        migrate(&conn, Path::new(":memory:")).unwrap();
        assert_eq!(user_version(&conn).unwrap(), latest_version());
        assert_eq!(latest_version(), 9);
        let app_id: i64 = conn
            .pragma_query_value(None, "application_id", |row| row.get(0))
            .unwrap();
        assert_eq!(app_id, APPLICATION_ID);
        assert_eq!(
            table_names(&conn),
            [
                "attempts",
                "cards",
                "content_notes_seen",
                "day_totals",
                "deck_totals",
                "fsrs_parameters",
                "presentation_plans",
                "presentation_questions",
                "presentations",
                "profiles",
                "question_totals",
                "sessions",
                "store_meta"
            ]
        );
    }

    #[test]
    fn migrating_twice_changes_nothing() {
        let conn = Connection::open_in_memory().unwrap();
        migrate(&conn, Path::new(":memory:")).unwrap();
        migrate(&conn, Path::new(":memory:")).unwrap();
        assert_eq!(user_version(&conn).unwrap(), latest_version());
    }

    #[test]
    fn v1_database_with_data_upgrades_to_a_later_version_keeping_its_rows() {
        let conn = Connection::open_in_memory().unwrap();
        migrate_with(&conn, Path::new(":memory:"), &[V1]).unwrap();
        conn.execute(
            "INSERT INTO profiles (name, name_key, created_ms) VALUES ('Ann', 'ann', 5)",
            [],
        )
        .unwrap();

        let v2 = "ALTER TABLE profiles ADD COLUMN colour TEXT NOT NULL DEFAULT 'blue';";
        migrate_with(&conn, Path::new(":memory:"), &[V1, v2]).unwrap();

        assert_eq!(user_version(&conn).unwrap(), 2);
        let (name, colour): (String, String) = conn
            .query_row("SELECT name, colour FROM profiles", [], |row| {
                Ok((row.get(0)?, row.get(1)?))
            })
            .unwrap();
        assert_eq!((name.as_str(), colour.as_str()), ("Ann", "blue"));
    }

    #[test]
    fn failed_migration_changes_nothing() {
        let conn = Connection::open_in_memory().unwrap();
        migrate_with(&conn, Path::new(":memory:"), &[V1]).unwrap();
        let broken = "CREATE TABLE extra (x); THIS IS NOT SQL;";
        let error = migrate_with(&conn, Path::new(":memory:"), &[V1, broken]).unwrap_err();
        assert!(
            matches!(error, StoreError::Migration { version: 2, .. }),
            "{error}"
        );
        assert_eq!(user_version(&conn).unwrap(), 1);
        assert!(!table_names(&conn).contains(&"extra".to_owned()));
    }

    #[test]
    fn version_2_keeps_the_score_of_sessions_finished_under_version_1() {
        let conn = Connection::open_in_memory().unwrap();
        migrate_with(&conn, Path::new(":memory:"), &[V1]).unwrap();
        conn.execute_batch(
            "INSERT INTO profiles VALUES (1, 'Sam', 'sam', 0);
             INSERT INTO sessions VALUES (1, 1, 'd', 'D', 'quiz', 0, '{}', 0, 10);
             INSERT INTO sessions VALUES (2, 1, 'd', 'D', 'quiz', 0, '{}', 0, NULL);
             INSERT INTO attempts (session_id, profile_id, deck_id, question_id, response_json, answer_text, score, elapsed_ms, answered_ms)
                 VALUES (1, 1, 'd', 'a', '{}', '', 1.0, 0, 1), (1, 1, 'd', 'b', '{}', '', 0.5, 0, 2),
                        (2, 1, 'd', 'a', '{}', '', 1.0, 0, 3);",
        )
        .unwrap();
        migrate(&conn, Path::new(":memory:")).unwrap();
        let scores: Vec<Option<f64>> = conn
            .prepare("SELECT score_percent FROM sessions ORDER BY id")
            .unwrap()
            .query_map([], |row| row.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(scores, vec![Some(75.0), None]);
    }

    #[test]
    fn version_3_adds_presentations_and_keeps_version_2_rows() {
        let conn = Connection::open_in_memory().unwrap();
        migrate_with(&conn, Path::new(":memory:"), &[V1, V2]).unwrap();
        conn.execute_batch(
            "INSERT INTO profiles VALUES (1, 'Sam', 'sam', 0);
             INSERT INTO sessions VALUES (1, 1, 'd', 'D', 'quiz', 0, '{}', 0, 10, 50.0);
             INSERT INTO attempts (session_id, profile_id, deck_id, question_id, response_json, answer_text, score, elapsed_ms, answered_ms)
                 VALUES (1, 1, 'd', 'a', '{}', '', 0.5, 0, 1);",
        )
        .unwrap();
        migrate_with(&conn, Path::new(":memory:"), &[V1, V2, V3]).unwrap();
        assert_eq!(user_version(&conn).unwrap(), 3);
        let counts: (i64, i64, f64) = conn
            .query_row(
                "SELECT (SELECT COUNT(*) FROM sessions), (SELECT COUNT(*) FROM attempts),
                     (SELECT score_percent FROM sessions)",
                [],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
            )
            .unwrap();
        assert_eq!(counts, (1, 1, 50.0));
        conn.execute_batch(
            "INSERT INTO presentations VALUES (1, 'd', 'D', 0, NULL);
             INSERT INTO presentation_questions VALUES (1, 0, 'a', 1, 2, 3), (1, 1, 'b', 2, NULL, NULL);
             DELETE FROM presentations;",
        )
        .unwrap();
        let left: i64 = conn
            .query_row("SELECT COUNT(*) FROM presentation_questions", [], |row| {
                row.get(0)
            })
            .unwrap();
        assert_eq!(left, 0, "questions go with their presentation");
    }

    #[test]
    fn version_8_keeps_the_tallies_and_takes_counts_per_option_and_polls() {
        let conn = Connection::open_in_memory().unwrap();
        migrate_with(&conn, Path::new(":memory:"), &MIGRATIONS[..7]).unwrap();
        conn.execute_batch(
            "INSERT INTO presentations VALUES (1, 'd', 'D', 0, NULL);
             INSERT INTO presentation_questions VALUES (1, 0, 'a', 1, 2, 3), (1, 1, 'b', 2, NULL, NULL);",
        )
        .unwrap();
        migrate(&conn, Path::new(":memory:")).unwrap();
        type Row = (String, Option<i64>, Option<i64>, Option<String>);
        let rows: Vec<Row> = conn
            .prepare(
                "SELECT question_id, correct, answered, option_counts_json
                 FROM presentation_questions ORDER BY position",
            )
            .unwrap()
            .query_map([], |row| {
                Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(
            rows,
            [
                ("a".to_owned(), Some(2), Some(3), None),
                ("b".to_owned(), None, None, None)
            ]
        );
        // A poll: answered, with counts, and no right answer.
        conn.execute(
            "INSERT INTO presentation_questions VALUES (1, 2, 'p', 3, NULL, 4, '[1,3]')",
            [],
        )
        .unwrap();
        for bad in [
            "INSERT INTO presentation_questions VALUES (1, 3, 'x', 3, 1, NULL, NULL)",
            "INSERT INTO presentation_questions VALUES (1, 3, 'x', 3, NULL, NULL, '[1]')",
            "INSERT INTO presentation_questions VALUES (1, 3, 'x', 3, NULL, 1, 'not json')",
        ] {
            assert!(conn.execute(bad, []).is_err(), "{bad}");
        }
        conn.execute("DELETE FROM presentations", []).unwrap();
        let left: i64 = conn
            .query_row("SELECT COUNT(*) FROM presentation_questions", [], |row| {
                row.get(0)
            })
            .unwrap();
        assert_eq!(left, 0, "questions still go with their presentation");
    }

    #[test]
    fn newer_schema_is_refused_and_left_alone() {
        let conn = Connection::open_in_memory().unwrap();
        migrate(&conn, Path::new(":memory:")).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
        let error = migrate(&conn, Path::new("scores.sqlite3")).unwrap_err();
        assert!(
            matches!(
                error,
                StoreError::SchemaTooNew {
                    found: 99,
                    supported: 9,
                    ..
                }
            ),
            "{error}"
        );
        assert!(error.to_string().contains("newer version of quizdesk"));
        assert_eq!(user_version(&conn).unwrap(), 99);
    }
}
