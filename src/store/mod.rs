//! Local scores in SQLite: the only module that writes user data.
//!
//! One file, `quizdesk.sqlite3` in the data folder, holds the profiles, every session and every
//! answer given in it (attempts), the spaced-repetition state of each card, which content
//! notes have been seen, and anonymous presentations (a deck shown to a room, with its tallies).
//!
//! The user's scores come first:
//! - Each write is one transaction, committed with `synchronous=FULL` in WAL mode before the
//!   call returns: once [`Store::record_attempt`] returns `Ok`, the answer is on disk and survives
//!   a crash, a kill or a power cut.
//! - A write that fails (disk full, file read-only, locked by another quizdesk for longer than
//!   the busy timeout) is kept in memory, in order, and written by [`Store::retry_pending`]; the
//!   app calls that periodically and shows a warning while [`Store::pending_count`] is not zero.
//! - Opening checks the file (`PRAGMA quick_check`). A damaged file is moved aside, never
//!   deleted, and a new one is created, with a [`StoreNotice`] saying where the old one went.
//! - Opening also keeps daily backups (`backups/`, the newest [`BACKUPS_KEPT`]).
//! - Two quizdesk windows can share the file: SQLite's locking and a busy timeout let them take
//!   turns.

mod backup;
mod cards;
mod debug;
mod error;
mod files;
mod ids;
mod mode;
mod open;
mod pending;
mod pictures;
mod plans;
mod presentations;
mod profiles;
mod rows;
mod schema;
mod sessions;
mod stamp;
mod startup;
mod stats;
#[cfg(test)]
mod test_session;
#[cfg(test)]
mod test_support;
mod user_files;
mod writes;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, Transaction, TransactionBehavior};

pub use backup::{BACKUPS_DIR, BACKUPS_KEPT};
pub use cards::NewReview;
pub use debug::{SeedPlan, debug_damage_table, debug_record_attempts, debug_seed_history};
pub use error::{StoreError, StoreNotice};
pub use files::{
    Cleaned, FileError, STALE_TEMP_AGE, SaveStep, clean_interrupted_saves, recovery_path,
    remove_file_if_exists, write_autosave, write_file_atomic, write_file_atomic_with,
};
pub use ids::{AttemptId, PresentationId, ProfileId, SessionId};
pub use mode::Mode;
pub use pictures::{IMAGES_DIR, PictureCopyError, copy_picture_into, place_bundled_picture};
pub use plans::PresentationPlan;
/// The schema version this build writes (`PRAGMA user_version` of its databases).
pub const SCHEMA_VERSION: i64 = schema::MIGRATIONS.len() as i64;

pub use presentations::{PresentationRecord, PresentedQuestion, RoomCounts, presentations_csv};
pub use profiles::{PROFILE_NAME_MAX_CHARS, Profile};
pub use sessions::{
    AttemptRecord, DeckScores, LibraryTotals, NewAttempt, NewSession, SessionRecord, SessionStart,
    StoredAnswer, UnfinishedQuiz,
};
pub use startup::{CheckOutcome, StartupCheck};
pub use stats::{
    DayTotal, QuestionTotal, SessionPoint, StatsRows, StoreReader, StoredCard, StoredParameters,
    StoredReview,
};
pub use user_files::{
    DECKS_DIR, EXPORTS_DIR, ExportError, UserFileError, autosave_deck, deck_file_of_recovery,
    ensure_folder, exports_dir, fresh_deck_file, orphan_recoveries, remove_autosave,
    safe_file_name, save_deck_file, user_decks_dir, write_export,
};

use pending::PendingQueue;

/// The database's file name inside the data folder.
pub const DB_FILE_NAME: &str = "quizdesk.sqlite3";

/// The result of [`Store::open`]: the store, and what the user should be told.
#[derive(Debug)]
pub struct Opened {
    /// The open store.
    pub store: Store,
    /// Things to show the user (a damaged database moved aside, a backup that failed). Opening
    /// succeeded regardless.
    pub notices: Vec<StoreNotice>,
}

/// The score database. Reads take `&self`; writes take `&mut self`.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    data_dir: PathBuf,
    db_path: PathBuf,
    /// Writes that failed and are waiting for [`Store::retry_pending`], oldest first.
    pending: PendingQueue,
}

impl Store {
    /// Opens (creating if needed) the database in `data_dir`, which is created too.
    ///
    /// A damaged file, or one that is not a quizdesk database, is moved aside to
    /// `quizdesk.sqlite3.corrupt-YYYYMMDD-HHMMSS` (UTC) with its `-wal`/`-shm` files, and a new
    /// database is created; [`StoreNotice::MovedAsideCorrupt`] says where the old one is. A
    /// daily backup is written if due ([`StoreNotice::BackupFailed`] if that fails).
    ///
    /// Fails with a message naming the path and what to do when the folder or file cannot be
    /// used, or when the file was written by a newer quizdesk (it is then left untouched).
    pub fn open(data_dir: &Path) -> Result<Opened, StoreError> {
        Self::open_with(data_dir, true)
    }

    /// Where quizdesk keeps its data by default: the platform's per-user data folder (such as
    /// `~/.local/share/quizdesk` on Linux). `None` if the system reports no home folder.
    pub fn default_data_dir() -> Option<PathBuf> {
        directories::ProjectDirs::from("", "", "quizdesk").map(|dirs| dirs.data_dir().to_owned())
    }

    /// The data folder this store was opened in.
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// The database file, `quizdesk.sqlite3` in the data folder.
    pub fn db_path(&self) -> &Path {
        &self.db_path
    }

    /// Test hook: makes every later write fail (as on a read-only disk) while `on` is true, using
    /// SQLite's `PRAGMA query_only` on this store's own connection. Works as root, unlike file
    /// permissions.
    #[doc(hidden)]
    pub fn debug_set_query_only(&self, on: bool) -> Result<(), StoreError> {
        self.conn
            .pragma_update(None, "query_only", on)
            .map_err(|source| self.write_failed(source, false))
    }

    /// Runs `f` in one `BEGIN IMMEDIATE` transaction and commits it; with `synchronous=FULL`
    /// the commit is on disk when this returns. Rolls back if anything fails.
    fn write<T>(
        &self,
        f: impl FnOnce(&Transaction<'_>) -> rusqlite::Result<T>,
    ) -> rusqlite::Result<T> {
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    fn write_failed(&self, source: rusqlite::Error, queued: bool) -> StoreError {
        StoreError::WriteFailed {
            path: self.db_path.clone(),
            queued,
            source,
        }
    }

    fn read_failed(&self, source: rusqlite::Error) -> StoreError {
        StoreError::Read {
            path: self.db_path.clone(),
            source,
        }
    }
}

impl Drop for Store {
    /// One last try to save queued writes before the connection closes. The app should call
    /// [`Store::retry_pending`] itself before quitting and warn if anything is left; this is
    /// only a safety net, so its outcome cannot be reported.
    fn drop(&mut self) {
        if !self.pending.is_empty() {
            let _ = self.retry_pending();
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::test_support::TempDir;
    use super::*;
    use std::fs;

    #[test]
    fn open_creates_the_folder_and_sets_the_pragmas() {
        let dir = TempDir::new("open-pragmas");
        let data_dir = dir.path().join("nested").join("data");
        let Opened { store, notices } = Store::open(&data_dir).unwrap();
        assert_eq!(notices, []);
        assert_eq!(store.data_dir(), data_dir);
        assert_eq!(store.db_path(), data_dir.join("quizdesk.sqlite3"));
        assert!(store.db_path().is_file());

        let text = |name: &str| -> String {
            store
                .conn
                .pragma_query_value(None, name, |row| row.get(0))
                .unwrap()
        };
        let number = |name: &str| -> i64 {
            store
                .conn
                .pragma_query_value(None, name, |row| row.get(0))
                .unwrap()
        };
        assert_eq!(text("journal_mode"), "wal");
        assert_eq!(number("synchronous"), 2, "FULL");
        assert_eq!(number("foreign_keys"), 1);
        assert_eq!(number("busy_timeout"), 5000);
        assert_eq!(number("user_version"), schema::latest_version());
    }

    #[test]
    fn data_dir_that_is_a_file_is_an_error_naming_it() {
        let dir = TempDir::new("open-file-as-dir");
        let file = dir.path().join("not-a-folder");
        fs::write(&file, "x").unwrap();
        let error = Store::open(&file).unwrap_err();
        assert!(matches!(&error, StoreError::DataDir { path, .. } if *path == file));
        let message = error.to_string();
        assert!(message.contains(&file.display().to_string()), "{message}");
        assert!(message.contains("allowed to write"), "{message}");
    }

    #[test]
    fn a_working_file_that_cannot_be_written_is_found_at_start_and_said() {
        let dir = TempDir::new("open-shm");
        drop(Store::open(dir.path()).unwrap());
        // Stands for an -shm file this process cannot write (a folder fails to open for
        // writing even as root, where permission bits would not).
        let shm = dir.path().join(format!("{DB_FILE_NAME}-shm"));
        let _ = fs::remove_file(&shm);
        fs::create_dir(&shm).unwrap();
        let error = Store::open(dir.path()).unwrap_err();
        assert!(matches!(error, StoreError::Sidecar { .. }), "{error}");
        let message = error.to_string();
        assert!(message.contains(&shm.display().to_string()), "{message}");
        assert!(message.contains("Close every quizdesk window"), "{message}");
        // The scores were not moved aside: the database itself is fine.
        fs::remove_dir(&shm).unwrap();
        assert_eq!(Store::open(dir.path()).unwrap().notices, []);
    }

    #[test]
    fn database_path_that_is_a_folder_is_an_open_error() {
        let dir = TempDir::new("open-db-is-dir");
        fs::create_dir_all(dir.path().join(DB_FILE_NAME)).unwrap();
        let error = Store::open(dir.path()).unwrap_err();
        assert!(matches!(error, StoreError::Open { .. }), "{error}");
        // Nothing was moved aside: the folder is not a damaged database.
        assert!(dir.path().join(DB_FILE_NAME).is_dir());
    }

    #[test]
    fn garbage_file_is_moved_aside_with_a_notice() {
        let dir = TempDir::new("open-garbage");
        let db = dir.path().join(DB_FILE_NAME);
        let garbage = b"this is not a database, just some words; ".repeat(200);
        fs::write(&db, &garbage).unwrap();
        fs::write(dir.path().join("quizdesk.sqlite3-wal"), b"stale wal").unwrap();

        let Opened { mut store, notices } = Store::open(dir.path()).unwrap();
        let [StoreNotice::MovedAsideCorrupt { old_path, reason }] = notices.as_slice() else {
            panic!("expected one moved-aside notice, got {notices:?}");
        };
        assert_eq!(fs::read(old_path).unwrap(), garbage);
        assert_eq!(
            fs::read(open::with_suffix(old_path, "-wal")).unwrap(),
            b"stale wal"
        );
        let name = old_path.file_name().unwrap().to_str().unwrap();
        assert!(name.starts_with("quizdesk.sqlite3.corrupt-"), "{name}");
        assert!(reason.contains("not an SQLite database"), "{reason}");
        // The new database works.
        store.create_profile("Ann").unwrap();
        assert_eq!(store.profiles().unwrap().len(), 1);
    }

    #[test]
    fn two_corruptions_in_one_second_get_different_names() {
        let dir = TempDir::new("open-garbage-twice");
        let db = dir.path().join(DB_FILE_NAME);
        let mut old_paths = Vec::new();
        for round in 0..3 {
            fs::write(&db, format!("garbage {round} ").repeat(100)).unwrap();
            let opened = Store::open(dir.path()).unwrap();
            drop(opened.store);
            for notice in opened.notices {
                if let StoreNotice::MovedAsideCorrupt { old_path, .. } = notice {
                    old_paths.push(old_path);
                }
            }
        }
        assert_eq!(old_paths.len(), 3);
        for (round, path) in old_paths.iter().enumerate() {
            assert_eq!(
                fs::read_to_string(path).unwrap(),
                format!("garbage {round} ").repeat(100)
            );
        }
    }

    #[test]
    fn damaged_pages_are_detected_by_the_check() {
        let dir = TempDir::new("open-damaged");
        {
            let mut store = Store::open(dir.path()).unwrap().store;
            for i in 0..300 {
                store.create_profile(&format!("learner {i}")).unwrap();
            }
            // Fold the WAL into the main file so the damage below hits the real pages.
            store
                .conn
                .pragma_update(None, "wal_checkpoint", "TRUNCATE")
                .unwrap();
        }
        let db = dir.path().join(DB_FILE_NAME);
        let mut bytes = fs::read(&db).unwrap();
        assert!(bytes.len() > 8192);
        // Scribble over the second page (the first table's root); keep the header intact.
        for byte in &mut bytes[4096..8192] {
            *byte = 0xA5;
        }
        fs::write(&db, &bytes).unwrap();

        let Opened { store, notices } = Store::open(dir.path()).unwrap();
        assert!(
            matches!(
                notices.as_slice(),
                [StoreNotice::MovedAsideCorrupt { .. }, ..]
            ),
            "{notices:?}"
        );
        assert_eq!(store.profiles().unwrap(), []);
    }

    #[test]
    fn foreign_sqlite_database_is_moved_aside() {
        let dir = TempDir::new("open-foreign");
        let db = dir.path().join(DB_FILE_NAME);
        {
            let conn = Connection::open(&db).unwrap();
            conn.execute_batch(
                "CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup');",
            )
            .unwrap();
        }
        let Opened { notices, .. } = Store::open(dir.path()).unwrap();
        let [StoreNotice::MovedAsideCorrupt { old_path, reason }] = notices.as_slice() else {
            panic!("expected one moved-aside notice, got {notices:?}");
        };
        assert!(reason.contains("not one of quizdesk's"), "{reason}");
        let old = Connection::open(old_path).unwrap();
        let name: String = old
            .query_row("SELECT name FROM recipes", [], |row| row.get(0))
            .unwrap();
        assert_eq!(name, "soup");
    }

    #[test]
    fn database_from_a_newer_quizdesk_is_refused_and_kept() {
        let dir = TempDir::new("open-too-new");
        {
            let store = Store::open(dir.path()).unwrap().store;
            store
                .conn
                .pragma_update(None, "user_version", schema::latest_version() + 1)
                .unwrap();
        }
        let error = Store::open(dir.path()).unwrap_err();
        let newer = schema::latest_version() + 1;
        assert!(
            matches!(error, StoreError::SchemaTooNew { found, .. } if found == newer),
            "{error}"
        );
        assert!(dir.path().join(DB_FILE_NAME).is_file());
    }

    #[test]
    fn reopening_keeps_everything() {
        let dir = TempDir::new("open-reopen");
        let id = {
            let mut store = Store::open(dir.path()).unwrap().store;
            store.create_profile("Ann").unwrap().id
        };
        let Opened { store, notices } = Store::open(dir.path()).unwrap();
        assert_eq!(notices, []);
        assert_eq!(store.profiles().unwrap()[0].id, id);
    }
}
