//! Opening the store for the window without making the first frame wait for work that grows
//! with the database: the full check (`PRAGMA quick_check` reads every page: 0.6 s at a
//! million answers) and the daily backup (a copy of the whole file) run on a worker, on their
//! own connection, while the window is already up.
//!
//! Nothing becomes less safe. The window opens the store at once with everything but that
//! check (a file that is not SQLite, or not quizdesk's, is still moved aside before anything
//! reads it), and the app lets no answer be given until the check has come back sound
//! (`App` holds back what would write). A file the check finds damaged is moved aside, exactly
//! as at a checked start, with [`Store::replace_damaged`].

use std::fs;
use std::path::{Path, PathBuf};

use super::open::{self, CheckResult};
use super::pending::PendingQueue;
use super::{DB_FILE_NAME, Opened, Store, StoreError, StoreNotice, backup, schema};
use crate::time::now_ms;

/// The part of opening left for a worker thread: the full check, then the daily backup.
#[derive(Debug)]
pub struct StartupCheck {
    db_path: PathBuf,
    data_dir: PathBuf,
}

/// What the [`StartupCheck`] found.
#[derive(Debug)]
pub enum CheckOutcome {
    /// No damage. The notices say what else happened (a backup that failed, a check that could
    /// not run), for the user.
    Sound(Vec<StoreNotice>),
    /// The file is damaged: why. Pass it to [`Store::replace_damaged`].
    Damaged(String),
}

impl StartupCheck {
    /// Runs the check and, when the file is sound, the daily backup, on a connection of its
    /// own. Takes as long as the database is big; run it on a worker thread.
    pub fn run(self) -> CheckOutcome {
        let conn = match open::extra_connection(&self.db_path) {
            Ok(conn) => conn,
            Err(error) => return CheckOutcome::Sound(vec![not_checked(&error)]),
        };
        match open::check_later(&conn, &self.db_path) {
            CheckResult::Sound => {}
            CheckResult::Damaged(reason) => return CheckOutcome::Damaged(reason),
            CheckResult::NotChecked(error) => {
                return CheckOutcome::Sound(vec![not_checked(&error)]);
            }
        }
        CheckOutcome::Sound(
            backup::rolling_backup(&conn, &self.data_dir, now_ms())
                .into_iter()
                .collect(),
        )
    }
}

fn not_checked(error: &StoreError) -> StoreNotice {
    StoreNotice::CheckFailed {
        reason: error.to_string(),
    }
}

impl Store {
    /// Opens the store as [`Store::open`] does, but leaves the full check and the daily backup
    /// to the returned [`StartupCheck`], to be run on a worker. Until it comes back
    /// [`CheckOutcome::Sound`], nothing should be written (a damaged file is moved aside then,
    /// with what was written to it).
    pub fn open_for_window(data_dir: &Path) -> Result<(Opened, StartupCheck), StoreError> {
        let opened = Self::open_with(data_dir, false)?;
        let check = StartupCheck {
            db_path: opened.store.db_path.clone(),
            data_dir: data_dir.to_path_buf(),
        };
        Ok((opened, check))
    }

    /// After a [`StartupCheck`] found damage (`reason`): closes the database, moves it aside
    /// with its `-wal` and `-shm` files (never deleted) and opens a new, empty one;
    /// [`StoreNotice::MovedAsideCorrupt`] says where the old file went.
    pub fn replace_damaged(self, reason: String) -> Result<Opened, StoreError> {
        let (data_dir, db_path) = (self.data_dir.clone(), self.db_path.clone());
        // Closed before the move, as a checked start does: no connection may write to the
        // damaged file once it has been renamed.
        drop(self);
        let mut notices = Vec::new();
        let conn = open::replace(&db_path, now_ms(), reason, &mut notices)?;
        schema::migrate(&conn, &db_path)?;
        Ok(Opened {
            store: Self {
                conn,
                data_dir,
                db_path,
                pending: PendingQueue::default(),
            },
            notices,
        })
    }

    /// Opens the store in `data_dir`, with or without the full check and the backup.
    pub(super) fn open_with(data_dir: &Path, check: bool) -> Result<Opened, StoreError> {
        let now_ms = now_ms();
        let dir_error = |source| StoreError::DataDir {
            path: data_dir.to_path_buf(),
            source,
        };
        fs::create_dir_all(data_dir).map_err(dir_error)?;
        let db_path = data_dir.join(DB_FILE_NAME);
        let mut notices = Vec::new();
        let conn = open::open_checked(&db_path, now_ms, check, &mut notices)?;
        schema::migrate(&conn, &db_path)?;
        if check {
            notices.extend(backup::rolling_backup(&conn, data_dir, now_ms));
        }
        Ok(Opened {
            store: Self {
                conn,
                data_dir: data_dir.to_path_buf(),
                db_path,
                pending: PendingQueue::default(),
            },
            notices,
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::super::test_support::TempDir;
    use super::*;
    use crate::store::debug_damage_table;

    fn store_with_a_profile(dir: &TempDir) {
        let mut store = Store::open(dir.path()).unwrap().store;
        store.create_profile("Ann").unwrap();
    }

    #[test]
    fn a_sound_database_opens_and_the_later_check_passes_and_backs_up() {
        let dir = TempDir::new("startup-sound");
        store_with_a_profile(&dir);
        let (opened, check) = Store::open_for_window(dir.path()).unwrap();
        assert!(opened.notices.is_empty());
        assert_eq!(opened.store.profiles().unwrap().len(), 1);
        assert!(
            !dir.path().join(backup::BACKUPS_DIR).exists(),
            "the backup waits for the worker"
        );
        let outcome = std::thread::spawn(move || check.run()).join().unwrap();
        assert!(
            matches!(outcome, CheckOutcome::Sound(ref n) if n.is_empty()),
            "{outcome:?}"
        );
        assert_eq!(
            fs::read_dir(dir.path().join(backup::BACKUPS_DIR))
                .unwrap()
                .count(),
            1
        );
    }

    #[test]
    fn damage_found_by_the_later_check_is_moved_aside_and_a_new_store_opens() {
        let dir = TempDir::new("startup-damaged");
        store_with_a_profile(&dir);
        debug_damage_table(dir.path(), "attempts").unwrap();
        let damaged = fs::read(dir.path().join(DB_FILE_NAME)).unwrap();

        // Opening does not read every page, so the window opens at once ...
        let (opened, check) = Store::open_for_window(dir.path()).unwrap();
        assert!(opened.notices.is_empty());
        // ... and the check, later, finds the damage.
        let CheckOutcome::Damaged(reason) = check.run() else {
            panic!("the damage was not found")
        };
        let replaced = opened.store.replace_damaged(reason).unwrap();
        let [StoreNotice::MovedAsideCorrupt { old_path, reason }] = &replaced.notices[..] else {
            panic!("{:?}", replaced.notices)
        };
        assert!(reason.contains("damage"), "{reason}");
        // Kept as it was, but for the header's journal-mode bytes, which opening it set to WAL.
        let kept = fs::read(old_path).unwrap();
        assert!(kept.len() == damaged.len() && kept[100..] == damaged[100..]);
        let mut store = replaced.store;
        assert!(store.profiles().unwrap().is_empty(), "a new, empty store");
        store.create_profile("Ann").unwrap();
    }
}
