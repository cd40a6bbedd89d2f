//! What can go wrong in the store, and what opening it wants the user to know.

use std::fmt;
use std::io;
use std::path::PathBuf;

use super::ids::{ProfileId, SessionId};

/// Whether SQLite refused a write because of its data (a broken constraint, such as an attempt
/// for a session that does not exist), so that trying again can never succeed. Any other failure
/// (full disk, read-only file, lock, I/O) may pass, so the write is queued.
pub(super) fn is_rejection(error: &rusqlite::Error) -> bool {
    error.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation)
}

/// Why a write failed, in the user's words: read-only, full, locked, or SQLite's own message.
fn write_cause(source: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode;
    match source.sqlite_error_code() {
        Some(ErrorCode::ReadOnly) => format!("the file or its folder is read-only ({source})"),
        Some(ErrorCode::DiskFull) => format!("the disk is full ({source})"),
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
            format!("another program is holding the file ({source})")
        }
        Some(ErrorCode::PermissionDenied) => {
            format!("quizdesk is not allowed to write to it ({source})")
        }
        _ => source.to_string(),
    }
}

/// What the user can do about [`write_cause`].
fn write_remedy(source: &rusqlite::Error) -> &'static str {
    use rusqlite::ErrorCode;
    match source.sqlite_error_code() {
        Some(ErrorCode::ReadOnly | ErrorCode::PermissionDenied) => {
            "make the data folder and its files writable again (or choose another data folder \
             with --data-dir)"
        }
        Some(ErrorCode::DiskFull) => "free some disk space",
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
            "close other programs using the file"
        }
        _ => "check the disk, free some space or close other programs using the file",
    }
}

/// Why a store operation failed. Each message says what went wrong, where, and what to do.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The data folder could not be created or used.
    #[error(
        "quizdesk cannot create or use its data folder {}: {source}. Check that this path is a \
         folder (not a file) and that you are allowed to write to it, or free some disk space.",
        path.display()
    )]
    DataDir {
        /// The data folder.
        path: PathBuf,
        /// What the operating system said.
        source: io::Error,
    },

    /// The database file could not be opened or set up.
    #[error(
        "quizdesk cannot open its score database {}: {source}. Check that you are allowed to \
         read and write this file and its folder, and that no other program has locked it; then \
         start quizdesk again.",
        path.display()
    )]
    Open {
        /// The database file.
        path: PathBuf,
        /// What SQLite said.
        source: rusqlite::Error,
    },

    /// The database file is damaged or not a quizdesk database, and moving it aside failed.
    #[error(
        "the score database {} cannot be used ({reason}), and quizdesk could not move it aside \
         to {}: {source}. Move or rename the file yourself (keep it: it may hold your scores), \
         then start quizdesk again.",
        path.display(),
        target.display()
    )]
    CannotMoveAside {
        /// The database file (or one of its -wal, -shm or -journal files).
        path: PathBuf,
        /// Where quizdesk tried to move it.
        target: PathBuf,
        /// Why the database cannot be used.
        reason: String,
        /// What the operating system said.
        source: io::Error,
    },

    /// Even a freshly created database file could not be used.
    #[error(
        "quizdesk created a new score database at {} but cannot use it: {reason}. Check the disk \
         and the folder's permissions, then start quizdesk again.",
        path.display()
    )]
    NotADatabase {
        /// The database file.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },

    /// The database was written by a newer quizdesk.
    #[error(
        "the score database {} was written by a newer version of quizdesk (schema version \
         {found}; this version understands up to {supported}). Install the newer quizdesk again; \
         the file was left unchanged.",
        path.display()
    )]
    SchemaTooNew {
        /// The database file.
        path: PathBuf,
        /// The schema version in the file.
        found: i64,
        /// The newest schema version this build knows.
        supported: i64,
    },

    /// Upgrading the database schema failed; nothing was changed.
    #[error(
        "quizdesk could not upgrade the score database {} to schema version {version}: \
         {source}. The file was left as it was; free some disk space or check its permissions, \
         then start quizdesk again.",
        path.display()
    )]
    Migration {
        /// The database file.
        path: PathBuf,
        /// The version being upgraded to.
        version: i64,
        /// What SQLite said.
        source: rusqlite::Error,
    },

    /// The database's `-wal` or `-shm` file cannot be written, so saving would crash.
    #[error(
        "quizdesk cannot use the score database's working file {}: {source}. SQLite needs to \
         write it to save anything. Close every quizdesk window, then make the file writable \
         again, or delete it (it holds no scores once no quizdesk is running), and start \
         quizdesk again.",
        path.display()
    )]
    Sidecar {
        /// The `-wal` or `-shm` file.
        path: PathBuf,
        /// What the system said.
        source: io::Error,
    },

    /// Reading from the database failed.
    #[error(
        "quizdesk could not read from the score database {}: {source}. If this keeps happening, \
         restart quizdesk; it checks the file when it starts.",
        path.display()
    )]
    Read {
        /// The database file.
        path: PathBuf,
        /// What SQLite said.
        source: rusqlite::Error,
    },

    /// Writing to the database failed (disk full, read-only, or locked for too long).
    #[error(
        "quizdesk could not save to the score database {}: {}. {}",
        path.display(),
        write_cause(source),
        if *queued {
            format!(
                "It is kept in memory and will be saved as soon as writing works again; {}, and \
                 keep quizdesk open until this warning goes away.",
                write_remedy(source)
            )
        } else {
            format!("Nothing was changed; {}, then try again.", write_remedy(source))
        }
    )]
    WriteFailed {
        /// The database file.
        path: PathBuf,
        /// Whether the write was kept in the pending queue, to be written by
        /// [`super::Store::retry_pending`].
        queued: bool,
        /// What SQLite said.
        source: rusqlite::Error,
    },

    /// A profile name was rejected.
    #[error("that profile name cannot be used: {reason}")]
    InvalidProfileName {
        /// What is wrong with the name and what to do.
        reason: String,
    },

    /// Another profile already has this name (compared ignoring case).
    #[error("a profile named \"{name}\" already exists; choose another name")]
    DuplicateProfile {
        /// The name asked for.
        name: String,
    },

    /// No profile has this id (it may have been deleted, perhaps in another quizdesk window).
    #[error(
        "profile {id} is not in the score database; it may have been deleted. Choose a profile \
         again."
    )]
    UnknownProfile {
        /// The id asked for.
        id: ProfileId,
    },

    /// No session has this id (it may have been deleted with its profile).
    #[error(
        "session {id} is not in the score database; it may have been deleted with its profile. \
         Start a new session."
    )]
    UnknownSession {
        /// The id asked for.
        id: SessionId,
    },

    /// The data handed to the store breaks one of its rules; nothing was saved. This is a bug in
    /// the caller, not a problem with the disk.
    #[error(
        "quizdesk did not save the {what}: {reason}. This is a bug in quizdesk; please report it."
    )]
    InvalidInput {
        /// What was being saved, such as "attempt".
        what: &'static str,
        /// Which rule it breaks.
        reason: String,
    },

    /// Writing the progress lines of [`super::debug_record_attempts`] failed.
    #[error("could not write progress to the output: {source}")]
    DebugOutput {
        /// What the operating system said.
        source: io::Error,
    },
}

/// Something that happened while opening the store that the user should be told about. None of
/// these stop quizdesk from working.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreNotice {
    /// The database file was damaged or not a quizdesk database; it was moved aside (not
    /// deleted) and a new, empty database was created in its place.
    MovedAsideCorrupt {
        /// Where the old file is now (its -wal and -shm files, if any, sit next to it with the
        /// same name plus `-wal` / `-shm`).
        old_path: PathBuf,
        /// What was wrong with it.
        reason: String,
    },
    /// The daily backup could not be written or old backups could not be removed. The scores
    /// themselves are unaffected.
    BackupFailed {
        /// The backup file or folder concerned.
        path: PathBuf,
        /// What went wrong.
        reason: String,
    },
    /// The database's full check could not run (the file could not be read, or stayed locked).
    /// Nothing was changed; the check runs again at the next start.
    CheckFailed {
        /// What went wrong.
        reason: String,
    },
}

impl fmt::Display for StoreNotice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::MovedAsideCorrupt { old_path, reason } => write!(
                f,
                "The score database could not be used ({reason}), so quizdesk moved it to {} \
                 and started a new, empty one. Keep that file: earlier scores may be recovered \
                 from it, or from the daily copies in the \"backups\" folder next to it.",
                old_path.display()
            ),
            Self::BackupFailed { path, reason } => write!(
                f,
                "quizdesk could not update its daily backup at {}: {reason}. Your scores are \
                 saved; free some disk space or check that folder's permissions.",
                path.display()
            ),
            Self::CheckFailed { reason } => write!(
                f,
                "quizdesk could not check its score database for damage: {reason}. Your scores \
                 are kept as they are; it checks again when it next starts."
            ),
        }
    }
}
