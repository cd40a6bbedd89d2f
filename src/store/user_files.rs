//! The user's own files in the data folder: where decks and exports go, their names (never
//! over another file), writing decks, autosaves and exports, and finding and removing the
//! autosaves that are left.
//!
//! Every write goes through [`write_file_atomic`] (or [`write_autosave`]), so a crash leaves
//! either the old file or the new one. The app decides *when* to write; this module decides
//! *where* and *how*.

use std::io;
use std::path::{Path, PathBuf};

use crate::deck::{self, raw};

use super::files::{FileError, recovery_path, write_autosave, write_file_atomic};

/// The folder of the data folder that holds the user's own decks.
pub const DECKS_DIR: &str = "decks";

/// The folder of the data folder that exports are written to.
pub const EXPORTS_DIR: &str = "exports";

/// Why a deck, an autosave or an export was not written. The file is as it was.
#[derive(Debug, thiserror::Error)]
pub enum UserFileError {
    /// The deck's text would be over the size limit, so it could not be opened again.
    #[error("{0}")]
    TooLarge(#[from] deck::DeckTooLarge),
    /// The folder for it could not be made.
    #[error("cannot create the folder {}: {source}", dir.display())]
    Folder {
        /// The folder.
        dir: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// Writing failed.
    #[error("{0}")]
    Write(#[from] FileError),
}

/// Why an export was not written, with the file it was to be.
#[derive(Debug, thiserror::Error)]
#[error("{} ({source})", path.display())]
pub struct ExportError {
    /// The file tried.
    pub path: PathBuf,
    /// Why it was not written.
    pub source: UserFileError,
}

/// Where the user's own decks live in `data_dir`.
pub fn user_decks_dir(data_dir: &Path) -> PathBuf {
    data_dir.join(DECKS_DIR)
}

/// Where exports go in `data_dir`.
pub fn exports_dir(data_dir: &Path) -> PathBuf {
    data_dir.join(EXPORTS_DIR)
}

/// Makes the folder `dir` (and its parents) if it is not there.
pub fn ensure_folder(dir: &Path) -> Result<(), UserFileError> {
    std::fs::create_dir_all(dir).map_err(|source| UserFileError::Folder {
        dir: dir.to_owned(),
        source,
    })
}

/// `name` with everything but letters and digits made a `-`, for a file name that means the
/// same on every system (a profile's name in a results file's name, say).
pub fn safe_file_name(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect()
}

/// Writes an export to `exports/<name>-<UTC time>.<extension>` in `data_dir`, atomically and
/// never over an earlier export; the path written, or why not with the path tried.
pub fn write_export(
    data_dir: &Path,
    name: &str,
    extension: &str,
    bytes: &[u8],
) -> Result<PathBuf, ExportError> {
    let dir = exports_dir(data_dir);
    let stamp = crate::time::utc_iso8601(crate::time::now_ms()).replace(':', "-");
    let mut path = dir.join(format!("{name}-{stamp}.{extension}"));
    let mut n = 2;
    while path.exists() {
        path = dir.join(format!("{name}-{stamp}-{n}.{extension}"));
        n += 1;
    }
    ensure_folder(&dir)
        .and_then(|()| write_file_atomic(&path, bytes).map_err(UserFileError::from))
        .map(|()| path.clone())
        .map_err(|source| ExportError { path, source })
}

/// A deck id that `taken` says is free, and a file for it in `decks_dir` that does not exist
/// yet (nor its autosave): `wanted`, or `wanted-2`, `wanted-3`… Scores are kept by deck id, so
/// a new deck must never share one; and a new file must never replace another deck.
pub fn fresh_deck_file(
    decks_dir: &Path,
    wanted: &str,
    taken: impl Fn(&str) -> bool,
) -> (String, PathBuf) {
    let base = if deck::is_valid_id(wanted) {
        wanted.to_owned()
    } else {
        deck::question_id_from_prompt(wanted, &std::collections::HashSet::new())
    };
    let in_use = |id: &str| {
        let file = decks_dir.join(format!("{id}.{}", deck::DECK_EXTENSION));
        taken(id) || file.exists() || recovery_path(&file).exists()
    };
    let mut id = base.clone();
    let mut n = 2;
    while in_use(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    let path = decks_dir.join(format!("{id}.{}", deck::DECK_EXTENSION));
    (id, path)
}

/// Saves `deck` as pretty RON at `path`, atomically, the previous version kept as `.bak`.
/// Checked before anything is written: a deck over the size limit could not be opened again.
pub fn save_deck_file(path: &Path, deck: &raw::Deck) -> Result<(), UserFileError> {
    let text = deck::deck_file_text(deck)?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        ensure_folder(dir)?;
    }
    write_file_atomic(path, text.as_bytes())?;
    Ok(())
}

/// Writes `deck` as the autosave of the deck file `path` (beside it, hidden).
pub fn autosave_deck(path: &Path, deck: &raw::Deck) -> Result<(), UserFileError> {
    let text = deck::deck_file_text(deck)?;
    write_autosave(&recovery_path(path), text.as_bytes())?;
    Ok(())
}

/// Removes the autosave of the deck file `path`, if there is one.
pub fn remove_autosave(path: &Path) -> io::Result<()> {
    super::files::remove_file_if_exists(&recovery_path(path))
}

/// The autosaves in `dir` whose deck file does not exist: new decks that were never saved.
pub fn orphan_recoveries(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| deck_file_of_recovery(p).is_some_and(|deck| !deck.exists()))
        .collect();
    found.sort();
    found
}

/// The deck file an autosave belongs to (`.name.recovery.ron` → `name.ron`).
pub fn deck_file_of_recovery(recovery: &Path) -> Option<PathBuf> {
    let name = recovery.file_name()?.to_str()?;
    let stem = name.strip_prefix('.')?.strip_suffix(".recovery.ron")?;
    let deck = recovery.with_file_name(format!("{stem}.ron"));
    // Only what `recovery_path` makes counts, not any file that looks alike.
    (recovery_path(&deck) == recovery).then_some(deck)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("quizdesk-user-files-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn a_fresh_deck_file_takes_no_id_file_or_autosave_in_use() {
        let dir = temp_dir("fresh");
        std::fs::write(dir.join("my-deck.ron"), "x").unwrap();
        std::fs::write(recovery_path(&dir.join("my-deck-2.ron")), "x").unwrap();
        let (id, path) = fresh_deck_file(&dir, "my-deck", |id| id == "my-deck-3");
        assert_eq!(id, "my-deck-4");
        assert_eq!(path, dir.join("my-deck-4.ron"));
        // A wanted name that is no id becomes one.
        let (id, _) = fresh_deck_file(&dir, "Ma Liste!", |_| false);
        assert!(deck::is_valid_id(&id), "{id}");
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn exports_never_replace_each_other() {
        let dir = temp_dir("exports");
        let a = write_export(&dir, "class", "csv", b"a").unwrap();
        let b = write_export(&dir, "class", "csv", b"b").unwrap();
        assert_ne!(a, b);
        assert_eq!(std::fs::read(&a).unwrap(), b"a");
        assert_eq!(std::fs::read(&b).unwrap(), b"b");
        assert!(a.starts_with(exports_dir(&dir)));
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn an_orphan_autosave_is_found_and_leads_back_to_its_deck_file() {
        let dir = temp_dir("orphans");
        let saved = dir.join("saved.ron");
        std::fs::write(&saved, "x").unwrap();
        std::fs::write(recovery_path(&saved), "x").unwrap();
        let never_saved = dir.join("new.ron");
        std::fs::write(recovery_path(&never_saved), "x").unwrap();
        std::fs::write(dir.join(".lookalike.recovery.txt"), "x").unwrap();
        assert_eq!(orphan_recoveries(&dir), vec![recovery_path(&never_saved)]);
        assert_eq!(
            deck_file_of_recovery(&recovery_path(&never_saved)),
            Some(never_saved.clone())
        );
        remove_autosave(&never_saved).unwrap();
        assert!(orphan_recoveries(&dir).is_empty());
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn safe_file_names_keep_letters_and_digits_only() {
        assert_eq!(safe_file_name("Zoë O'Neil 2"), "Zoë-O-Neil-2");
        assert_eq!(safe_file_name("../x"), "---x");
    }
}
