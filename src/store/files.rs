//! Saving files so that a crash, a full disk or a power cut never leaves half a file.
//!
//! [`write_file_atomic`] writes the new content beside the file, makes sure it is on disk, keeps
//! the previous version as `<name>.bak`, and only then puts the new file in place with one
//! rename. At every moment the file holds either its complete old content or its complete new
//! content.

use std::ffi::{OsStr, OsString};
use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

/// The steps of [`write_file_atomic`], in order; a [`FileError`] says which one failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SaveStep {
    /// Creating the temporary file beside the file (`.<name>.tmp-<pid>-<n>`).
    CreateTemp,
    /// Writing the new content into the temporary file.
    WriteTemp,
    /// Flushing the temporary file to the disk.
    SyncTemp,
    /// Copying the previous version to a temporary backup and flushing it (only when the file
    /// exists).
    CopyBackup,
    /// Renaming that copy to `<name>.bak`, replacing the older backup (only when the file
    /// exists).
    KeepBackup,
    /// Renaming the temporary file over the file: the moment the new content takes its place.
    Replace,
    /// Flushing the folder, so the rename itself survives a power cut (Unix only).
    SyncFolder,
}

impl SaveStep {
    /// Every step, in the order they run.
    pub const ALL: [Self; 7] = [
        Self::CreateTemp,
        Self::WriteTemp,
        Self::SyncTemp,
        Self::CopyBackup,
        Self::KeepBackup,
        Self::Replace,
        Self::SyncFolder,
    ];
}

impl fmt::Display for SaveStep {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::CreateTemp => "creating a temporary file beside it",
            Self::WriteTemp => "writing the temporary file",
            Self::SyncTemp => "flushing the temporary file to the disk",
            Self::CopyBackup => "copying the previous version for the backup",
            Self::KeepBackup => "keeping the previous version as the backup",
            Self::Replace => "putting the new file in place",
            Self::SyncFolder => "flushing the folder to the disk",
        })
    }
}

/// Why a file could not be saved. Each message says which file, what failed and what to do.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    /// The path names no file, such as `/` or a path ending in `..`.
    #[error(
        "quizdesk cannot save to {}: it is not a file name. Choose a file name, such as \
         `my-deck.ron`.",
        path.display()
    )]
    NotAFile {
        /// The path given.
        path: PathBuf,
    },

    /// Saving failed before the new content took the file's place: the file is as it was.
    #[error(
        "quizdesk could not save {}: {step} failed: {source}. The file was left as it was. Check \
         that the folder exists, that you are allowed to write to it and that the disk has free \
         space, then save again.",
        path.display()
    )]
    NotSaved {
        /// The file being saved.
        path: PathBuf,
        /// The step that failed.
        step: SaveStep,
        /// What the operating system said.
        source: io::Error,
    },

    /// The new content is in place, but the system could not confirm that the change will
    /// survive a power cut.
    #[error(
        "quizdesk saved {} but could not make sure the change reached the disk ({step} failed: \
         {source}). If the computer loses power soon, the file may go back to its previous \
         version; save again to be sure.",
        path.display()
    )]
    NotConfirmed {
        /// The file saved.
        path: PathBuf,
        /// The step that failed.
        step: SaveStep,
        /// What the operating system said.
        source: io::Error,
    },
}

impl FileError {
    /// The file the error is about.
    pub fn path(&self) -> &Path {
        match self {
            Self::NotAFile { path }
            | Self::NotSaved { path, .. }
            | Self::NotConfirmed { path, .. } => path,
        }
    }
}

/// Writes `bytes` to `path` so that the file is never left half written, keeping the previous
/// version as `<name>.bak` beside it (one backup: the older one is replaced).
///
/// The content goes to a temporary file in the same folder, which is flushed to the disk; the
/// previous version is copied to the backup; then one rename puts the new file in place and the
/// folder is flushed. If any step fails, the temporary files are removed and the file is left as
/// it was ([`FileError::NotSaved`]), except when only the last flush fails
/// ([`FileError::NotConfirmed`]: the new content is in place).
///
/// The file's folder must exist. A symbolic link at `path` is replaced by a regular file.
pub fn write_file_atomic(path: &Path, bytes: &[u8]) -> Result<(), FileError> {
    write_file_atomic_with(path, bytes, None)
}

/// [`write_file_atomic`] without keeping a `.bak`: for the editor's autosaves, which are
/// themselves a safety copy (a backup of each autosave piled up beside every deck edited).
pub fn write_autosave(path: &Path, bytes: &[u8]) -> Result<(), FileError> {
    write_file(path, bytes, None, false)
}

/// [`write_file_atomic`], failing on purpose at the start of step `fail_at` as if the system
/// had refused it, so tests can check that an interrupted save leaves the old file or the new
/// one, whole, and no temporary file.
#[doc(hidden)]
pub fn write_file_atomic_with(
    path: &Path,
    bytes: &[u8],
    fail_at: Option<SaveStep>,
) -> Result<(), FileError> {
    write_file(path, bytes, fail_at, true)
}

fn write_file(
    path: &Path,
    bytes: &[u8],
    fail_at: Option<SaveStep>,
    keep_backup: bool,
) -> Result<(), FileError> {
    let Some(name) = path.file_name() else {
        return Err(FileError::NotAFile {
            path: path.to_owned(),
        });
    };
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut save = Save {
        path,
        fail_at,
        keep_backup,
        temps: Vec::new(),
    };
    let result = save.run(folder, name, bytes);
    // On failure nothing temporary stays behind; after success there is nothing left to remove.
    for temp in save.temps {
        // Best effort: the save already failed, and that failure is what gets reported. A temp
        // file that cannot be removed is hidden and named after the file.
        let _ = fs::remove_file(temp);
    }
    result
}

/// Where the editor autosaves unsaved changes to the deck at `path`: `.<stem>.recovery.ron`
/// beside it, such as `decks/.volcanoes.recovery.ron` for `decks/volcanoes.ron`.
pub fn recovery_path(path: &Path) -> PathBuf {
    let stem = path
        .file_stem()
        .map_or_else(|| "deck".into(), |s| s.to_string_lossy());
    path.with_file_name(format!(".{stem}.recovery.ron"))
}

/// Makes each temporary file's name unique within this process.
static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// One save in progress, with the temporary files to remove if it fails.
struct Save<'a> {
    path: &'a Path,
    fail_at: Option<SaveStep>,
    /// Whether the previous version is kept as `<name>.bak`.
    keep_backup: bool,
    /// Temporary files that exist and are not yet renamed into place.
    temps: Vec<PathBuf>,
}

impl Save<'_> {
    fn run(&mut self, folder: &Path, name: &OsStr, bytes: &[u8]) -> Result<(), FileError> {
        let (temp_path, mut temp) = self.step(SaveStep::CreateTemp, || {
            create_unique(folder, &dotted(name, ".tmp"))
        })?;
        self.temps.push(temp_path.clone());
        self.step(SaveStep::WriteTemp, || temp.write_all(bytes))?;
        self.step(SaveStep::SyncTemp, || temp.sync_all())?;
        drop(temp);

        if self.keep_backup && fs::symlink_metadata(self.path).is_ok() {
            let mut backup_name = name.to_os_string();
            backup_name.push(".bak");
            let backup_path = folder.join(backup_name);
            let (copy_path, copy) = self.step(SaveStep::CopyBackup, || {
                create_unique(folder, &dotted(name, ".bak.tmp"))
            })?;
            self.temps.push(copy_path.clone());
            // The same step goes on (a test's failure at it has already happened above).
            self.step(SaveStep::CopyBackup, || {
                drop(copy);
                fs::copy(self.path, &copy_path)?;
                File::open(&copy_path)?.sync_all()
            })?;
            self.step(SaveStep::KeepBackup, || {
                fs::rename(&copy_path, &backup_path)
            })?;
            self.temps.retain(|t| *t != copy_path);
        }

        self.step(SaveStep::Replace, || fs::rename(&temp_path, self.path))?;
        self.temps.clear();

        sync_folder(folder, self.fail_at).map_err(|source| FileError::NotConfirmed {
            path: self.path.to_owned(),
            step: SaveStep::SyncFolder,
            source,
        })
    }

    /// Runs one step before the new file is in place; a failure (real or injected) is
    /// [`FileError::NotSaved`].
    fn step<T>(&self, step: SaveStep, f: impl FnOnce() -> io::Result<T>) -> Result<T, FileError> {
        injected(step, self.fail_at)
            .and_then(|()| f())
            .map_err(|source| FileError::NotSaved {
                path: self.path.to_owned(),
                step,
                source,
            })
    }
}

/// The failure a test asked for at `step`, if any.
fn injected(step: SaveStep, fail_at: Option<SaveStep>) -> io::Result<()> {
    if fail_at == Some(step) {
        Err(io::Error::other(format!(
            "interrupted on purpose at: {step}"
        )))
    } else {
        Ok(())
    }
}

/// `.<name><suffix>`: a hidden name made from the file's own.
fn dotted(name: &OsStr, suffix: &str) -> OsString {
    let mut dotted = OsString::from(".");
    dotted.push(name);
    dotted.push(suffix);
    dotted
}

/// Creates a new file `<prefix>-<pid>-<n>` in `folder`, never opening an existing one.
fn create_unique(folder: &Path, prefix: &OsStr) -> io::Result<(PathBuf, File)> {
    let pid = std::process::id();
    loop {
        let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
        let mut name = prefix.to_os_string();
        name.push(format!("-{pid}-{n}"));
        let path = folder.join(name);
        match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(file) => return Ok((path, file)),
            // Left behind by an earlier process with the same id that was killed mid-save.
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
    }
}

/// Flushes the folder's entries (the rename) to the disk. Windows cannot open a folder as a
/// file and makes renames durable itself, so there it only honours an injected failure.
fn sync_folder(folder: &Path, fail_at: Option<SaveStep>) -> io::Result<()> {
    injected(SaveStep::SyncFolder, fail_at)?;
    #[cfg(unix)]
    File::open(folder)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = folder;
    Ok(())
}

/// How long ago a temporary file must have been last written to be removed even while a
/// process with its id runs (ids are reused): no save takes anywhere near a day.
pub const STALE_TEMP_AGE: Duration = Duration::from_secs(24 * 60 * 60);

/// What [`clean_interrupted_saves`] did in one folder.
#[derive(Debug, Default)]
pub struct Cleaned {
    /// The files removed.
    pub removed: Vec<PathBuf>,
    /// The stale files that could not be removed, with what the system said.
    pub failed: Vec<(PathBuf, io::Error)>,
}

/// Removes from `folder` (not its subfolders) what saves cut short by a kill, a crash or a power
/// cut left behind. Only these, and only regular files:
///
/// - A temporary file of [`write_file_atomic`], `.<name>.tmp-<pid>-<n>` or
///   `.<name>.bak.tmp-<pid>-<n>`, when the process `<pid>` no longer runs, or when the file was
///   last written more than [`STALE_TEMP_AGE`] ago. A save going on in another quizdesk has a
///   running process and a fresh file, so it is left alone. (Whether a process runs is known on
///   Linux; elsewhere only the age counts.)
/// - The `.bak` of an autosave, `.<stem>.recovery.ron.bak`, which autosaves used to keep: it is
///   never offered back. A deck's own `<name>.bak` is never touched.
/// - An autosave `.<stem>.recovery.ron` that is byte for byte its deck `<stem>.ron`: there is
///   nothing in it to recover. Every other autosave stays, to be offered back.
pub fn clean_interrupted_saves(folder: &Path) -> Cleaned {
    let mut cleaned = Cleaned::default();
    let Ok(entries) = fs::read_dir(folder) else {
        return cleaned;
    };
    let now = SystemTime::now();
    for entry in entries.flatten() {
        let path = entry.path();
        let Some(name) = entry.file_name().to_str().map(str::to_owned) else {
            continue;
        };
        // Not followed: a link is never a file quizdesk made.
        let Ok(metadata) = fs::symlink_metadata(&path) else {
            continue;
        };
        if !metadata.is_file() {
            continue;
        }
        let stale = if let Some(pid) = temp_file_pid(&name) {
            let age = metadata
                .modified()
                .ok()
                .and_then(|m| now.duration_since(m).ok());
            !process_may_run(pid) || age.is_some_and(|a| a > STALE_TEMP_AGE)
        } else if name.starts_with('.') && name.ends_with(".recovery.ron.bak") {
            true
        } else if let Some(stem) = name
            .strip_prefix('.')
            .and_then(|n| n.strip_suffix(".recovery.ron"))
        {
            same_content(&path, &folder.join(format!("{stem}.ron")))
        } else {
            false
        };
        if stale {
            match fs::remove_file(&path) {
                Ok(()) => cleaned.removed.push(path),
                Err(e) => cleaned.failed.push((path, e)),
            }
        }
    }
    cleaned.removed.sort();
    cleaned
}

/// The process id in a temporary file's name, `.<name>.tmp-<pid>-<n>`; `None` for other names.
fn temp_file_pid(name: &str) -> Option<u32> {
    let (rest, n) = name.rsplit_once('-')?;
    let (rest, pid) = rest.rsplit_once('-')?;
    let target = rest.strip_prefix('.')?.strip_suffix(".tmp")?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    (!target.is_empty() && digits(n) && digits(pid))
        .then(|| pid.parse().ok())
        .flatten()
}

/// Whether process `pid` may be running: false only when it surely is not (Linux's `/proc`
/// has no entry for it). This process counts as running: it may be saving right now.
fn process_may_run(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    let proc = Path::new("/proc");
    if !proc.join("self").exists() {
        return true;
    }
    proc.join(pid.to_string()).exists()
}

/// Whether two files hold the same bytes (each read within the deck size limit).
fn same_content(a: &Path, b: &Path) -> bool {
    let read = |p: &Path| crate::userfile::read_limited(p, crate::deck::MAX_DECK_BYTES).ok();
    match (read(a), read(b)) {
        (Some(a), Some(b)) => a == b,
        _ => false,
    }
}

/// Removes `path` if it is there (an autosave that is no longer needed).
pub fn remove_file_if_exists(path: &Path) -> io::Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        other => other,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn recovery_file_is_hidden_beside_the_deck() {
        assert_eq!(
            recovery_path(Path::new("decks/volcanoes.ron")),
            Path::new("decks/.volcanoes.recovery.ron")
        );
        assert_eq!(
            recovery_path(Path::new("notes")),
            Path::new(".notes.recovery.ron")
        );
    }

    #[test]
    fn path_without_a_file_name_is_refused() {
        let error = write_file_atomic(Path::new("/"), b"x").unwrap_err();
        assert!(matches!(error, FileError::NotAFile { .. }), "{error}");
        assert!(error.to_string().contains("Choose a file name"), "{error}");
    }

    #[test]
    fn interrupted_saves_are_cleaned_by_the_documented_rules_only() {
        let dir = std::env::temp_dir().join(format!("quizdesk-clean-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        let write = |name: &str, bytes: &[u8]| fs::write(dir.join(name), bytes).unwrap();
        // No process has this id (Linux allows at most 2^22).
        let dead = 999_999_999;
        let me = std::process::id();
        write("deck.ron", b"deck");
        write("deck.ron.bak", b"previous deck");
        write(&format!(".deck.ron.tmp-{dead}-0"), b"half a deck");
        write(&format!(".deck.ron.bak.tmp-{dead}-1"), b"half a backup");
        // Another quizdesk saving right now (this process stands in for it), and an old file
        // of a process id that runs again.
        write(&format!(".deck.ron.tmp-{me}-7"), b"being written");
        write(".deck.ron.tmp-1-3", b"a day old");
        let old = SystemTime::now() - STALE_TEMP_AGE - Duration::from_secs(60);
        File::options()
            .write(true)
            .open(dir.join(".deck.ron.tmp-1-3"))
            .unwrap()
            .set_modified(old)
            .unwrap();
        // Autosaves: the same as the deck, different from it, of a deck never saved; and the
        // backup of an autosave.
        write(".deck.recovery.ron", b"deck");
        write("other.ron", b"other");
        write(".other.recovery.ron", b"unsaved changes");
        write(".new.recovery.ron", b"a new deck");
        write(".deck.recovery.ron.bak", b"an older autosave");
        // Look-alikes that are no temporary files of quizdesk.
        write(&format!("notes.tmp-{dead}-0"), b"visible");
        write(&format!(".notes.tmp-{dead}"), b"no counter");

        let cleaned = clean_interrupted_saves(&dir);
        assert!(cleaned.failed.is_empty(), "{:?}", cleaned.failed);
        let mut removed: Vec<String> = cleaned
            .removed
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        removed.sort();
        let mut expected = vec![
            format!(".deck.ron.bak.tmp-{dead}-1"),
            format!(".deck.ron.tmp-{dead}-0"),
            ".deck.ron.tmp-1-3".to_owned(),
            ".deck.recovery.ron".to_owned(),
            ".deck.recovery.ron.bak".to_owned(),
        ];
        if !Path::new("/proc/self").exists() {
            // Without /proc only the age counts.
            expected.retain(|n| !n.contains(&dead.to_string()));
        }
        expected.sort();
        assert_eq!(removed, expected);
        for kept in [
            "deck.ron",
            "deck.ron.bak",
            "other.ron",
            ".other.recovery.ron",
            ".new.recovery.ron",
        ] {
            assert!(dir.join(kept).exists(), "{kept} was removed");
        }
        assert!(dir.join(format!(".deck.ron.tmp-{me}-7")).exists());
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn an_autosave_keeps_no_backup() {
        let dir = std::env::temp_dir().join(format!("quizdesk-autosave-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        let recovery = dir.join(".deck.recovery.ron");
        write_autosave(&recovery, b"one").unwrap();
        write_autosave(&recovery, b"two").unwrap();
        assert_eq!(fs::read(&recovery).unwrap(), b"two");
        let names: Vec<_> = fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names, [OsString::from(".deck.recovery.ron")]);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn steps_are_listed_in_order_once() {
        let unique: std::collections::HashSet<_> = SaveStep::ALL.iter().collect();
        assert_eq!(unique.len(), SaveStep::ALL.len());
        assert_eq!(SaveStep::ALL.first(), Some(&SaveStep::CreateTemp));
        assert_eq!(SaveStep::ALL.last(), Some(&SaveStep::SyncFolder));
    }
}
