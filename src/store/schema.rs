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

/// The migrations in order: entry `i` takes the schema from version `i` to `i + 1`.
pub(super) const MIGRATIONS: &[&str] = &[V1, V2, V3, V4];

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
        assert_eq!(latest_version(), 4);
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
                "presentation_plans",
                "presentation_questions",
                "presentations",
                "profiles",
                "sessions"
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
                    supported: 4,
                    ..
                }
            ),
            "{error}"
        );
        assert!(error.to_string().contains("newer version of quizdesk"));
        assert_eq!(user_version(&conn).unwrap(), 99);
    }
}
