//! Reading files and folders the user chose, safely: a bound on every read, only files that end,
//! and every folder walked once.
//!
//! A path the user gives, or a folder quizdesk walks, can hold anything: a named pipe (opening
//! one blocks until something writes to it, which may be never), `/dev/zero` (its reported size
//! is 0, and it never ends), a symbolic link to its own folder (a walk that follows it goes round
//! for ever, or lists every file many times). So every read of a user's file goes through
//! [`read_limited`], which refuses pipes, sockets and folders before opening them and never reads
//! more than its limit, whatever size the system reports; and every folder walk goes through
//! [`list_files`], which follows each folder once.

use std::collections::HashSet;
use std::fmt;
use std::fs::{self, File};
use std::io::{self, Read as _};
use std::path::{Path, PathBuf};

/// What a path is, as far as reading it goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A regular file: the only kind with a known end.
    File,
    /// A folder.
    Folder,
    /// A named pipe (FIFO): reading one waits for a writer, maybe for ever.
    Pipe,
    /// A Unix socket.
    Socket,
    /// A character or block device, such as `/dev/zero`: read, but never past the limit.
    Device,
    /// Anything else the system has.
    Other,
}

impl Kind {
    /// The kind of what `file_type` describes (after following symbolic links).
    pub fn of(file_type: fs::FileType) -> Self {
        if file_type.is_file() {
            return Self::File;
        }
        if file_type.is_dir() {
            return Self::Folder;
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt as _;
            if file_type.is_fifo() {
                return Self::Pipe;
            }
            if file_type.is_socket() {
                return Self::Socket;
            }
            if file_type.is_char_device() || file_type.is_block_device() {
                return Self::Device;
            }
        }
        Self::Other
    }

    /// Whether [`read_limited`] reads this kind at all. Pipes and sockets may never end or may
    /// block on opening; folders are no files.
    fn is_readable(self) -> bool {
        matches!(self, Self::File | Self::Device)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::File => "a file",
            Self::Folder => "a folder",
            Self::Pipe => "a named pipe (FIFO)",
            Self::Socket => "a socket",
            Self::Device => "a device",
            Self::Other => "not a regular file",
        })
    }
}

/// How big a refused file is, as far as quizdesk found out without reading all of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ByteSize {
    /// A regular file's size, as the system reports it.
    Exactly(u64),
    /// A device, or a file that grew while it was read: more than this came, and reading
    /// stopped there.
    MoreThan(u64),
}

impl fmt::Display for ByteSize {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Exactly(n) => write!(f, "{n} bytes"),
            Self::MoreThan(n) => write!(f, "more than {n} bytes"),
        }
    }
}

/// Why [`read_limited`] gave no bytes. Callers put the file's name and what to do around it.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The system refused (missing file, no permission, …).
    #[error("{0}")]
    Io(#[from] io::Error),
    /// A folder, a pipe, a socket: nothing quizdesk reads as a file.
    #[error("it is {kind}, not a file")]
    NotAFile {
        /// What it is.
        kind: Kind,
    },
    /// More than the limit.
    #[error("it is {size}; the limit is {limit} bytes")]
    TooLarge {
        /// How big it is, or how much came before reading stopped.
        size: ByteSize,
        /// The limit it broke.
        limit: u64,
    },
}

/// Reads the whole file at `path`, refusing it when it holds more than `limit` bytes.
///
/// Checked before opening: what the path is (a pipe or a socket is refused without being
/// opened, as opening a pipe blocks) and, for a regular file, its reported size (so a huge file
/// is refused without reading a byte). Then at most `limit + 1` bytes are read, so a device such
/// as `/dev/zero`, whose reported size is 0, is refused after the limit instead of filling the
/// memory.
pub fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let metadata = fs::metadata(path)?;
    let kind = Kind::of(metadata.file_type());
    if !kind.is_readable() {
        return Err(ReadError::NotAFile { kind });
    }
    if kind == Kind::File && metadata.len() > limit {
        return Err(ReadError::TooLarge {
            size: ByteSize::Exactly(metadata.len()),
            limit,
        });
    }
    let file = File::open(path)?;
    // The path may have been replaced between the look and the opening: what was opened counts.
    let opened = Kind::of(file.metadata()?.file_type());
    if !opened.is_readable() {
        return Err(ReadError::NotAFile { kind: opened });
    }
    // The reported size is only a hint for the buffer (0 for devices); the limit is the bound.
    let hint = usize::try_from(metadata.len().min(limit)).unwrap_or(0);
    let mut bytes = Vec::with_capacity(hint);
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge {
            size: ByteSize::MoreThan(limit),
            limit,
        });
    }
    Ok(bytes)
}

/// What the path is, following symbolic links; `None` when it cannot be looked at (missing).
pub fn kind_of(path: &Path) -> Option<Kind> {
    fs::metadata(path).ok().map(|m| Kind::of(m.file_type()))
}

/// The files a walk found (see [`list_files`]).
#[derive(Debug, Default)]
pub struct Listing {
    /// The files, sorted by path, each file once: of two paths to one file (through a symbolic
    /// link), the first in order is kept. Entries that are not regular files are in here too,
    /// so that reading them says what they are instead of leaving them out silently.
    pub files: Vec<PathBuf>,
    /// Folders (or entries) that could not be read, with what the system said.
    pub unreadable: Vec<(PathBuf, io::Error)>,
}

/// The entries named `*.<extension>` under `root` (`root` itself when it is no folder), leaving
/// out hidden names (those starting with `.`: autosaves, editors' backups and temporary files).
///
/// With `recurse`, subfolders are searched too, following symbolic links but entering each
/// folder once (by its canonical path), so a link to a parent folder neither loops nor lists a
/// file twice. Unreadable folders are returned alongside what could be found.
pub fn list_files(root: &Path, extension: &str, recurse: bool) -> Listing {
    let mut listing = Listing::default();
    if !root.is_dir() {
        listing.files.push(root.to_owned());
        return listing;
    }
    let mut entered: HashSet<PathBuf> = HashSet::new();
    let mut found: Vec<PathBuf> = Vec::new();
    let mut stack = vec![root.to_owned()];
    while let Some(dir) = stack.pop() {
        // A folder that cannot be made canonical is still read once, under its own path.
        let canonical = fs::canonicalize(&dir).unwrap_or_else(|_| dir.clone());
        if !entered.insert(canonical) {
            continue;
        }
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) => {
                listing.unreadable.push((dir, e));
                continue;
            }
        };
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    listing.unreadable.push((dir.clone(), e));
                    continue;
                }
            };
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            let path = entry.path();
            // `metadata` follows a symbolic link; a broken link is listed if it has the
            // extension, so reading it says it is missing.
            let kind = fs::metadata(&path).ok().map(|m| Kind::of(m.file_type()));
            if kind == Some(Kind::Folder) {
                if recurse {
                    stack.push(path);
                }
            } else if path.extension().is_some_and(|e| e == extension) {
                found.push(path);
            }
        }
    }
    found.sort();
    let mut seen: HashSet<PathBuf> = HashSet::new();
    for path in found {
        let canonical = fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        if seen.insert(canonical) {
            listing.files.push(path);
        }
    }
    listing
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("quizdesk-userfile-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn a_file_within_the_limit_is_read_whole() {
        let dir = temp_dir("within");
        let file = dir.join("a.ron");
        fs::write(&file, b"12345").unwrap();
        assert_eq!(read_limited(&file, 5).unwrap(), b"12345");
        let error = read_limited(&file, 4).unwrap_err();
        assert!(
            matches!(
                error,
                ReadError::TooLarge {
                    size: ByteSize::Exactly(5),
                    limit: 4
                }
            ),
            "{error:?}"
        );
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_folder_is_not_a_file() {
        let dir = temp_dir("folder");
        let error = read_limited(&dir, 10).unwrap_err();
        assert!(
            matches!(error, ReadError::NotAFile { kind: Kind::Folder }),
            "{error:?}"
        );
        assert_eq!(error.to_string(), "it is a folder, not a file");
        fs::remove_dir_all(dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_device_that_never_ends_stops_at_the_limit() {
        let error = read_limited(Path::new("/dev/zero"), 1000).unwrap_err();
        assert!(
            matches!(
                error,
                ReadError::TooLarge {
                    size: ByteSize::MoreThan(1000),
                    ..
                }
            ),
            "{error:?}"
        );
        assert_eq!(
            error.to_string(),
            "it is more than 1000 bytes; the limit is 1000 bytes"
        );
    }

    #[cfg(unix)]
    #[test]
    fn links_to_folders_already_walked_are_not_followed_again() {
        let dir = temp_dir("links");
        fs::write(dir.join("a.ron"), b"x").unwrap();
        fs::create_dir(dir.join("sub")).unwrap();
        fs::write(dir.join("sub/b.ron"), b"x").unwrap();
        std::os::unix::fs::symlink(".", dir.join("self")).unwrap();
        std::os::unix::fs::symlink("..", dir.join("sub/up")).unwrap();
        std::os::unix::fs::symlink("a.ron", dir.join("c.ron")).unwrap();
        let listing = list_files(&dir, "ron", true);
        assert_eq!(listing.files, [dir.join("a.ron"), dir.join("sub/b.ron")]);
        assert!(listing.unreadable.is_empty(), "{:?}", listing.unreadable);
        let flat = list_files(&dir, "ron", false);
        assert_eq!(flat.files, [dir.join("a.ron")]);
        fs::remove_dir_all(dir).unwrap();
    }
}
