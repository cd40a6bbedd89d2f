//! Rolling daily backups with SQLite's online backup API: `backups/quizdesk-YYYYMMDD-HHMMSS.sqlite3`,
//! the newest [`BACKUPS_KEPT`] kept.

use std::fs;
use std::path::{Path, PathBuf};
use std::thread;
use std::time::Duration;

use rusqlite::Connection;
use rusqlite::backup::{Backup, StepResult};

use super::open::sync_dir;
use super::{StoreNotice, stamp};

/// The folder, inside the data folder, that holds the backups.
pub const BACKUPS_DIR: &str = "backups";

/// How many backups are kept; older ones are deleted.
pub const BACKUPS_KEPT: usize = 7;

/// A backup is written when the newest one is at least this old.
const BACKUP_INTERVAL_MS: i64 = 24 * 60 * 60 * 1000;

const PREFIX: &str = "quizdesk-";
const SUFFIX: &str = ".sqlite3";
const PARTIAL_SUFFIX: &str = ".partial";

/// A backup file found in the backups folder.
#[derive(Debug)]
struct Found {
    path: PathBuf,
    stamp_ms: i64,
}

/// What went wrong, for a [`StoreNotice::BackupFailed`].
struct Failure {
    path: PathBuf,
    reason: String,
}

fn failure(path: &Path, reason: &impl ToString) -> Failure {
    Failure {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    }
}

/// Writes a backup if one is due, and deletes all but the newest [`BACKUPS_KEPT`]. Never fails:
/// a problem becomes a notice.
pub(super) fn rolling_backup(
    conn: &Connection,
    data_dir: &Path,
    now_ms: i64,
) -> Option<StoreNotice> {
    run(conn, &data_dir.join(BACKUPS_DIR), now_ms)
        .err()
        .map(|Failure { path, reason }| StoreNotice::BackupFailed { path, reason })
}

fn run(conn: &Connection, dir: &Path, now_ms: i64) -> Result<(), Failure> {
    let existing = list(dir)?;
    let due = match existing.last() {
        Some(newest) => now_ms - newest.stamp_ms >= BACKUP_INTERVAL_MS,
        None => has_data(conn).map_err(|e| failure(dir, &e))?,
    };
    if due {
        fs::create_dir_all(dir).map_err(|e| failure(dir, &e))?;
        let name = format!("{PREFIX}{}{SUFFIX}", stamp::utc_stamp(now_ms));
        let path = dir.join(&name);
        let partial = dir.join(format!("{name}{PARTIAL_SUFFIX}"));
        let written = write(conn, &partial).and_then(|()| {
            fs::rename(&partial, &path).map_err(|e| failure(&path, &e))?;
            sync_dir(dir);
            Ok(())
        });
        if written.is_err() && partial.exists() {
            // Leaves nothing half-written behind; the failure itself is reported below.
            let _ = fs::remove_file(&partial);
        }
        written?;
    }
    prune(dir)
}

/// Whether the database holds anything worth backing up.
fn has_data(conn: &Connection) -> rusqlite::Result<bool> {
    conn.query_row("SELECT EXISTS (SELECT 1 FROM profiles)", [], |row| {
        row.get(0)
    })
}

/// The backups in `dir`, oldest first. Half-written ones (from a quizdesk that was killed) are
/// deleted on the way.
fn list(dir: &Path) -> Result<Vec<Found>, Failure> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(failure(dir, &e)),
    };
    let mut found = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| failure(dir, &e))?;
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let path = entry.path();
        if let Some(stamp) = name
            .strip_prefix(PREFIX)
            .and_then(|rest| rest.strip_suffix(PARTIAL_SUFFIX))
            .and_then(|rest| rest.strip_suffix(SUFFIX))
        {
            if stamp::parse_stamp(stamp).is_some() {
                fs::remove_file(&path).map_err(|e| failure(&path, &e))?;
            }
            continue;
        }
        let stamp_ms = name
            .strip_prefix(PREFIX)
            .and_then(|rest| rest.strip_suffix(SUFFIX))
            .and_then(stamp::parse_stamp);
        if let Some(stamp_ms) = stamp_ms {
            found.push(Found { path, stamp_ms });
        }
    }
    found.sort_by(|a, b| (a.stamp_ms, &a.path).cmp(&(b.stamp_ms, &b.path)));
    Ok(found)
}

/// Copies the database to `dest` with the online backup API, in one step (a consistent
/// snapshot), then syncs the file.
fn write(conn: &Connection, dest: &Path) -> Result<(), Failure> {
    let err = |e: rusqlite::Error| failure(dest, &e);
    let mut dest_conn = Connection::open(dest).map_err(err)?;
    {
        let backup = Backup::new(conn, &mut dest_conn).map_err(err)?;
        let mut waits = 0;
        loop {
            match backup.step(-1).map_err(err)? {
                StepResult::Done => break,
                StepResult::More => {}
                // Busy or Locked: another connection is writing; wait a little.
                _ => {
                    waits += 1;
                    if waits > 50 {
                        return Err(failure(dest, &"the database stayed locked for 5 seconds"));
                    }
                    thread::sleep(Duration::from_millis(100));
                }
            }
        }
    }
    // The copy keeps the source's WAL flag; a backup is better as one self-contained file.
    dest_conn
        .pragma_update_and_check(None, "journal_mode", "DELETE", |row| {
            row.get::<_, String>(0)
        })
        .map_err(err)?;
    dest_conn.close().map_err(|(_, e)| failure(dest, &e))?;
    fs::File::open(dest)
        .and_then(|file| file.sync_all())
        .map_err(|e| failure(dest, &e))
}

/// Deletes all but the newest [`BACKUPS_KEPT`] backups.
fn prune(dir: &Path) -> Result<(), Failure> {
    let found = list(dir)?;
    let excess = found.len().saturating_sub(BACKUPS_KEPT);
    for old in found.iter().take(excess) {
        fs::remove_file(&old.path).map_err(|e| failure(&old.path, &e))?;
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests;
