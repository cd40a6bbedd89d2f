//! Reading the user's decks without making the window wait: at start the folder is walked and
//! the files parsed on worker threads (as many as the machine has cores, up to four), and the
//! library fills in as each deck arrives. 300 decks of 29,000 questions took 0.25-0.4 s on one
//! thread, before the first frame; now the first frame comes first.
//!
//! A reload (the button, a file changed on disk, a deck saved) reads with the same workers but
//! waits for them, so what the user just did is shown at once.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use crate::deck;

use super::{LibraryEntry, Origin};
use crate::app::Waker;

/// Most worker threads used to parse decks.
const MAX_WORKERS: usize = 4;

/// The deck files of the library, in the order it lists them, and the folders that could not
/// be read.
pub(crate) struct DeckFiles {
    pub(crate) files: Vec<(Origin, PathBuf)>,
    pub(crate) unreadable: Vec<(PathBuf, std::io::Error)>,
}

/// Finds the deck files: the user's decks folder (with its subfolders), then the decks opened
/// from elsewhere that are not in it.
pub(crate) fn deck_files(user_dir: &std::path::Path, opened: &[PathBuf]) -> DeckFiles {
    let mut files = Vec::new();
    let mut unreadable = Vec::new();
    if user_dir.is_dir() {
        let (found, cannot) = deck::find_deck_files(user_dir);
        unreadable = cannot;
        for path in found {
            // Canonical, like opened files, so one file is never listed twice.
            let path = std::fs::canonicalize(&path).unwrap_or(path);
            files.push((Origin::UserFolder, path));
        }
    }
    for path in opened {
        if !files.iter().any(|(_, p)| p == path) {
            files.push((Origin::Opened, path.clone()));
        }
    }
    DeckFiles { files, unreadable }
}

/// Parses `files` on worker threads, calling `each` with each deck's place in `files` and its
/// entry as soon as it is read. Returns when all are read.
pub(crate) fn read_all(files: &[(Origin, PathBuf)], each: &(dyn Fn(usize, LibraryEntry) + Sync)) {
    let workers = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .clamp(1, MAX_WORKERS)
        .min(files.len().max(1));
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some((origin, path)) = files.get(i) else {
                        break;
                    };
                    each(i, LibraryEntry::load(*origin, path.clone()));
                }
            });
        }
    });
}

/// What the loading worker sends.
enum Loaded {
    /// The folder was walked: how many decks there are, and the folders that could not be read.
    Found(usize, Vec<(PathBuf, std::io::Error)>),
    /// One deck, with its place in the list.
    Entry(usize, Box<LibraryEntry>),
}

/// The user's decks being read on workers.
pub(crate) struct LibraryLoading {
    receiver: Receiver<Loaded>,
    /// How many decks were found, once the folder is walked.
    pub(crate) found: Option<usize>,
    /// How many have arrived.
    pub(crate) arrived: usize,
}

/// What [`LibraryLoading::poll`] brings.
pub(crate) enum Arrival {
    /// Folders that could not be read.
    Unreadable(Vec<(PathBuf, std::io::Error)>),
    /// A deck and its place in the list.
    Entry(usize, Box<LibraryEntry>),
}

impl LibraryLoading {
    /// Starts reading the decks in `user_dir` and the `opened` files; `waker` wakes the window
    /// as decks arrive.
    pub(crate) fn start(user_dir: PathBuf, opened: Vec<PathBuf>, waker: &Waker) -> Self {
        let (sender, receiver) = channel();
        let waker = waker.clone();
        std::thread::spawn(move || {
            let DeckFiles { files, unreadable } = deck_files(&user_dir, &opened);
            // The app may be gone; then nobody wants the decks.
            if sender.send(Loaded::Found(files.len(), unreadable)).is_err() {
                return;
            }
            waker();
            let sender = std::sync::Mutex::new(sender);
            read_all(&files, &|i, entry| {
                if let Ok(sender) = sender.lock() {
                    let _ = sender.send(Loaded::Entry(i, Box::new(entry)));
                }
                waker();
            });
        });
        Self {
            receiver,
            found: None,
            arrived: 0,
        }
    }

    /// What has arrived since the last call (`wait`: everything, waiting for it).
    pub(crate) fn poll(&mut self, wait: bool) -> Vec<Arrival> {
        let mut arrivals = Vec::new();
        loop {
            let next = if wait && !self.is_done() {
                self.receiver.recv().map_err(|_| TryRecvError::Disconnected)
            } else {
                self.receiver.try_recv()
            };
            match next {
                Ok(Loaded::Found(n, unreadable)) => {
                    self.found = Some(n);
                    arrivals.push(Arrival::Unreadable(unreadable));
                }
                Ok(Loaded::Entry(i, entry)) => {
                    self.arrived += 1;
                    arrivals.push(Arrival::Entry(i, entry));
                }
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    // The worker ended; whatever did not arrive is not coming.
                    self.found = Some(self.arrived);
                    break;
                }
            }
        }
        arrivals
    }

    /// Whether every deck found has arrived.
    pub(crate) fn is_done(&self) -> bool {
        self.found.is_some_and(|n| self.arrived >= n)
    }
}
