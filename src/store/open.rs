//! Opening the database file: pragmas, the start-up check, and moving a damaged file aside.
//!
//! Modelled on Anki's `rslib/src/storage/sqlite.rs`: set the pragmas first, then look at the
//! schema. Unlike Anki, quizdesk lets two instances share the file (no exclusive locking mode),
//! relying on WAL and a busy timeout instead.

use std::fs;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode};

use super::schema::{self, APPLICATION_ID};
use super::{StoreError, StoreNotice, stamp};

/// How long a write waits for another quizdesk holding the lock before it fails.
pub(super) const BUSY_TIMEOUT: Duration = Duration::from_millis(5000);

/// The sidecar files SQLite may keep next to the database.
const SIDECAR_SUFFIXES: [&str; 3] = ["-wal", "-shm", "-journal"];

const NOT_SQLITE: &str = "it is not an SQLite database file";

/// Whether the file starts as every SQLite database does, or is missing or empty (SQLite then
/// creates a database). A file that cannot be read counts as fine here; SQLite reports why.
fn has_sqlite_header(db_path: &Path) -> bool {
    const MAGIC: &[u8; 16] = b"SQLite format 3\0";
    let Ok(file) = fs::File::open(db_path) else {
        return true;
    };
    let mut start = Vec::with_capacity(MAGIC.len());
    match file.take(16).read_to_end(&mut start) {
        Ok(_) => start.is_empty() || start == MAGIC,
        Err(_) => true,
    }
}

/// Why a database file could not be opened.
enum OpenFailure {
    /// The file is damaged or not a quizdesk database: move it aside and start afresh.
    Unusable(String),
    /// Anything else (permissions, locks, I/O): report it and leave the file alone.
    Failed(StoreError),
}

/// Opens `db_path`, creating it if needed. A damaged or foreign file is moved aside (never
/// deleted) and replaced by a new one, with a notice saying where the old one went.
///
/// With `check` false, the slow part of the check (`PRAGMA quick_check`, which reads every
/// page) is left to the caller, who runs [`quick_check`] later; the header, the application
/// id and the schema are still checked here.
pub(super) fn open_checked(
    db_path: &Path,
    now_ms: i64,
    check: bool,
    notices: &mut Vec<StoreNotice>,
) -> Result<Connection, StoreError> {
    // SQLite maps the `-shm` file into memory: if it cannot be written, a write later kills the
    // process (SIGBUS) instead of failing. Checked before opening, and again once SQLite has
    // made its files.
    check_sidecars(db_path)?;
    let reason = match try_open(db_path, check).and_then(|conn| {
        check_sidecars(db_path).map_err(OpenFailure::Failed)?;
        Ok(conn)
    }) {
        Ok(conn) => return Ok(conn),
        Err(OpenFailure::Failed(error)) => return Err(error),
        Err(OpenFailure::Unusable(reason)) => reason,
    };
    replace(db_path, now_ms, reason, notices)
}

/// Moves the unusable database at `db_path` aside and opens a new one in its place, saying
/// where the old one went in `notices`.
pub(super) fn replace(
    db_path: &Path,
    now_ms: i64,
    reason: String,
    notices: &mut Vec<StoreNotice>,
) -> Result<Connection, StoreError> {
    let old_path = move_aside(db_path, now_ms, &reason)?;
    notices.push(StoreNotice::MovedAsideCorrupt { old_path, reason });
    match try_open(db_path, true) {
        Ok(conn) => Ok(conn),
        Err(OpenFailure::Failed(error)) => Err(error),
        Err(OpenFailure::Unusable(reason)) => Err(StoreError::NotADatabase {
            path: db_path.to_path_buf(),
            reason,
        }),
    }
}

/// Fails when the database's `-wal` or `-shm` file exists but is not a regular file that this
/// process can open for reading and writing.
fn check_sidecars(db_path: &Path) -> Result<(), StoreError> {
    for suffix in ["-wal", "-shm"] {
        let mut name = db_path.as_os_str().to_owned();
        name.push(suffix);
        let path = PathBuf::from(name);
        let Ok(metadata) = fs::symlink_metadata(&path) else {
            continue; // Not there: SQLite creates it.
        };
        let problem = if metadata.is_file() {
            fs::OpenOptions::new()
                .read(true)
                .write(true)
                .open(&path)
                .err()
        } else {
            Some(std::io::Error::other("it is not a regular file"))
        };
        if let Some(source) = problem {
            return Err(StoreError::Sidecar { path, source });
        }
    }
    Ok(())
}

/// Why `source` happened: the file is unusable, or something else failed.
fn classify(db_path: &Path, source: rusqlite::Error) -> OpenFailure {
    match source.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => OpenFailure::Unusable(NOT_SQLITE.to_owned()),
        Some(ErrorCode::DatabaseCorrupt) => {
            OpenFailure::Unusable(format!("the file is damaged ({source})"))
        }
        _ => OpenFailure::Failed(StoreError::Open {
            path: db_path.to_path_buf(),
            source,
        }),
    }
}

/// What a later check of the database found.
pub(super) enum CheckResult {
    /// No damage.
    Sound,
    /// Damage, or not a database: the reason, for moving it aside.
    Damaged(String),
    /// The check itself could not run (I/O, a lock): the file is left as it is.
    NotChecked(StoreError),
}

/// Runs `PRAGMA quick_check` on `conn`, an extra connection to `db_path`.
pub(super) fn check_later(conn: &Connection, db_path: &Path) -> CheckResult {
    match quick_check(conn) {
        Ok(problems) if problems.is_empty() => CheckResult::Sound,
        Ok(problems) => CheckResult::Damaged(damage_reason(&problems)),
        Err(source) => match classify(db_path, source) {
            OpenFailure::Unusable(reason) => CheckResult::Damaged(reason),
            OpenFailure::Failed(error) => CheckResult::NotChecked(error),
        },
    }
}

fn damage_reason(problems: &[String]) -> String {
    format!("the database check found damage: {}", problems.join("; "))
}

/// A connection to `db_path` with the busy timeout, for work beside the store's own (the
/// later check and the backup).
pub(super) fn extra_connection(db_path: &Path) -> Result<Connection, StoreError> {
    let failed = |source| StoreError::Open {
        path: db_path.to_path_buf(),
        source,
    };
    let conn = Connection::open(db_path).map_err(failed)?;
    conn.busy_timeout(BUSY_TIMEOUT).map_err(failed)?;
    Ok(conn)
}

/// Opens the file, sets the pragmas and checks it (with `check` false, all but the
/// `quick_check`).
fn try_open(db_path: &Path, check: bool) -> Result<Connection, OpenFailure> {
    let classify = |source: rusqlite::Error| classify(db_path, source);

    // Garbage is recognised before SQLite touches the file: on closing, SQLite would discard a
    // -wal file it cannot use, and the user may want everything kept.
    if !has_sqlite_header(db_path) {
        return Err(OpenFailure::Unusable(NOT_SQLITE.to_owned()));
    }
    let conn = Connection::open(db_path).map_err(classify)?;
    conn.busy_timeout(BUSY_TIMEOUT).map_err(classify)?;
    conn.set_prepared_statement_cache_capacity(32);
    // Reading the journal mode is the first read of the file: garbage shows up here.
    conn.pragma_update_and_check(None, "journal_mode", "wal", |row| row.get::<_, String>(0))
        .map_err(classify)?;
    conn.pragma_update(None, "synchronous", "FULL")
        .map_err(classify)?;
    conn.pragma_update(None, "foreign_keys", "ON")
        .map_err(classify)?;

    if check {
        let problems = quick_check(&conn).map_err(classify)?;
        if !problems.is_empty() {
            return Err(OpenFailure::Unusable(damage_reason(&problems)));
        }
    }

    let application_id: i64 = conn
        .pragma_query_value(None, "application_id", |row| row.get(0))
        .map_err(classify)?;
    let user_version = schema::user_version(&conn).map_err(classify)?;
    let has_tables: bool = conn
        .query_row("SELECT EXISTS (SELECT 1 FROM sqlite_master)", [], |row| {
            row.get(0)
        })
        .map_err(classify)?;
    let fresh = application_id == 0 && user_version == 0 && !has_tables;
    if application_id != APPLICATION_ID && !fresh {
        return Err(OpenFailure::Unusable(
            "it is an SQLite database, but not one of quizdesk's".to_owned(),
        ));
    }
    Ok(conn)
}

/// `PRAGMA quick_check`: an empty list when the file is sound, else (up to 5) problems.
fn quick_check(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut statement = conn.prepare("PRAGMA quick_check(5)")?;
    let rows = statement.query_map([], |row| row.get::<_, String>(0))?;
    let mut problems = Vec::new();
    for row in rows {
        let row = row?;
        if row != "ok" {
            problems.push(row);
        }
    }
    Ok(problems)
}

/// `path` with `suffix` appended to its file name.
pub(super) fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Renames the database and its sidecar files to `<name>.corrupt-YYYYMMDD-HHMMSS[-N]`
/// (+ `-wal` etc.), returning the new path of the database.
fn move_aside(db_path: &Path, now_ms: i64, reason: &str) -> Result<PathBuf, StoreError> {
    let base = with_suffix(db_path, &format!(".corrupt-{}", stamp::utc_stamp(now_ms)));
    let taken = |candidate: &Path| {
        candidate.exists()
            || SIDECAR_SUFFIXES
                .iter()
                .any(|suffix| with_suffix(candidate, suffix).exists())
    };
    let mut target = base.clone();
    let mut n = 2;
    while taken(&target) {
        target = with_suffix(&base, &format!("-{n}"));
        n += 1;
    }

    let rename = |from: &Path, to: &Path| {
        fs::rename(from, to).map_err(|source| StoreError::CannotMoveAside {
            path: from.to_path_buf(),
            target: to.to_path_buf(),
            reason: reason.to_owned(),
            source,
        })
    };
    // Sidecars first: a stale -wal left beside a new database could be replayed into it.
    for suffix in SIDECAR_SUFFIXES {
        let sidecar = with_suffix(db_path, suffix);
        if sidecar.exists() {
            rename(&sidecar, &with_suffix(&target, suffix))?;
        }
    }
    rename(db_path, &target)?;
    if let Some(dir) = db_path.parent() {
        sync_dir(dir);
    }
    Ok(target)
}

/// Makes renames in `dir` durable, where the platform allows it (best effort).
pub(super) fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(handle) = fs::File::open(dir) {
        // A failure here only weakens durability of the rename; the data itself is synced.
        let _ = handle.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}
