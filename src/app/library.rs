//! The library: every deck (bundled, in the user's decks folder, opened from elsewhere), its
//! scores for the profile in use, reloading, and the file watcher that reloads by itself.
//!
//! A deck is named by a [`DeckKey`], never by its place in the list: a live reload rebuilds the
//! list, and a place would then point at another deck.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::deck::{self, Deck, DeckId, Report};
use crate::store::{self, DeckScores};

use super::{App, NoticeLevel, Waker};

mod loading;
mod order;
pub(crate) use loading::LibraryLoading;
use loading::{Arrival, DeckFiles};
use order::SearchKey;
pub use order::{LibrarySearch, LibrarySort, needs_learner};

/// Where a library deck comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Origin {
    /// Shipped with quizdesk.
    Bundled,
    /// In the user's decks folder.
    UserFolder,
    /// Opened from elsewhere with "Open deck…" or the command line.
    Opened,
}

/// Which library deck: its file (the library's own key: one file is listed once) and, when it
/// loaded, its id. A file whose id changed is another deck.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DeckKey {
    /// The file (for bundled decks, its name).
    pub path: PathBuf,
    /// The deck's id, when it loaded.
    pub id: Option<DeckId>,
}

/// What the library shows about a deck for the profile in use.
#[derive(Clone, Debug, PartialEq)]
pub struct DeckStats {
    /// Quiz scores.
    pub scores: DeckScores,
    /// Flashcards due today.
    pub due_today: usize,
    /// When the deck was last studied (its latest answer or review), if ever.
    pub last_studied_ms: Option<i64>,
    /// How many of the learner's days ago that was (0: today).
    pub studied_days_ago: Option<i64>,
    /// The quiz left half-way, which the library offers to continue.
    // Boxed: the settings are large and most decks have no quiz half-way.
    pub in_progress: Option<Box<InProgress>>,
}

/// A quiz of a library deck left half-way.
#[derive(Clone, Debug, PartialEq)]
pub struct InProgress {
    /// Where its answers are stored.
    pub session: store::SessionId,
    /// Its settings, as stored.
    pub config: crate::quiz::QuizConfig,
    /// How many questions were answered.
    pub answered: usize,
    /// How many questions it asks.
    pub total: usize,
}

impl InProgress {
    /// The quiz in `unfinished` as the deck now stands; `None` when its settings no longer
    /// make a session of it (they cannot be read, or select nothing), so it cannot be offered.
    fn of(deck: &Arc<Deck>, unfinished: &store::UnfinishedQuiz) -> Option<Self> {
        let config: crate::quiz::QuizConfig = serde_json::from_str(&unfinished.config_json).ok()?;
        let total = crate::quiz::QuizSession::new(deck.clone(), config.clone())
            .ok()?
            .len();
        (unfinished.answered < total).then_some(Self {
            session: unfinished.session,
            config,
            answered: unfinished.answered,
            total,
        })
    }
}

/// One deck in the library: loaded, or with the problems that kept it from loading.
#[derive(Clone, Debug)]
pub struct LibraryEntry {
    /// Where it comes from.
    pub origin: Origin,
    /// The file (for bundled decks, its name).
    pub path: PathBuf,
    /// The deck, or why it did not load.
    pub deck: Result<Arc<Deck>, Report>,
    /// Its scores and due cards for the profile in use; `None` without a profile or a store.
    pub stats: Option<DeckStats>,
    /// What the library's search finds it by, folded once as it is read.
    search: SearchKey,
    /// Its place in the library's own order: bundled decks, then the decks folder's, then the
    /// opened ones (decks read on workers arrive in any order).
    place: usize,
}

impl LibraryEntry {
    /// The file the deck was read from, beside which its pictures are; `None` for a bundled
    /// deck, whose pictures are inside quizdesk.
    pub fn file(&self) -> Option<&Path> {
        (self.origin != Origin::Bundled).then_some(self.path.as_path())
    }

    /// The entry's key.
    pub fn key(&self) -> DeckKey {
        DeckKey {
            path: self.path.clone(),
            id: self.deck.as_ref().ok().map(|d| d.id().clone()),
        }
    }

    fn load(origin: Origin, path: PathBuf) -> Self {
        let deck = deck::load_deck(&path).map(Arc::new).map_err(|e| e.0);
        Self::new(origin, path, deck, usize::MAX)
    }

    fn new(origin: Origin, path: PathBuf, deck: Result<Arc<Deck>, Report>, place: usize) -> Self {
        Self {
            origin,
            search: SearchKey::new(deck.as_ref().ok().map(AsRef::as_ref), &path),
            path,
            deck,
            stats: None,
            place,
        }
    }
}

/// A panel of the library screen that is open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LibraryPanel {
    /// "Open deck…": a path to type.
    OpenDeck,
    /// "Import…".
    Import,
}

/// What the library screen asks.
#[derive(Clone, Debug, PartialEq)]
pub enum LibraryCommand {
    /// Add a deck file to the library.
    OpenDeckFile(PathBuf),
    /// Load every deck again.
    Reload,
    /// Open a panel, or close the one open (`None`).
    ShowPanel(Option<LibraryPanel>),
    /// Sort the decks another way (kept for the next start).
    Sort(LibrarySort),
}

/// A file-system watcher over the user's decks folder and the opened deck files.
pub(super) struct DeckWatcher {
    /// Kept alive for as long as the events are wanted.
    _watcher: notify::RecommendedWatcher,
    changes: std::sync::mpsc::Receiver<notify::Result<notify::Event>>,
    /// The paths being watched, to know when "Open deck…" adds one.
    watched: Vec<PathBuf>,
}

impl App {
    /// Applies a command of the library screen.
    pub(super) fn apply_library(&mut self, command: LibraryCommand) {
        match command {
            LibraryCommand::OpenDeckFile(path) => {
                if path.is_file() {
                    self.open_deck_file(&path);
                    self.refresh_stats();
                    self.library_panel = None;
                } else {
                    self.notice(
                        NoticeLevel::Error,
                        format!(
                            "{} is not a file. Type the full path of a .ron deck file.",
                            path.display()
                        ),
                    );
                }
            }
            LibraryCommand::Reload => {
                self.reload_library();
                self.refresh_stats();
            }
            LibraryCommand::ShowPanel(panel) => {
                self.library_panel = panel;
                if panel != Some(LibraryPanel::Import) {
                    self.import = None;
                }
            }
            LibraryCommand::Sort(sort) => self.prefs.library_sort = sort,
        }
    }

    /// The library's entries that `search` finds, in the order shown: the decks that need the
    /// learner today first, then the others in the chosen sort, then the files that failed to
    /// load.
    pub fn shown_library(&self, search: &LibrarySearch) -> Vec<&LibraryEntry> {
        order::shown(&self.library, search, self.prefs.library_sort)
    }

    /// The library's entry for `key`: the same file with the same id; else the one deck with
    /// that id (a file moved or renamed while it was open). `None` when it is gone.
    pub fn library_entry(&self, key: &DeckKey) -> Option<&LibraryEntry> {
        let same_file = self.library.iter().find(|e| {
            e.path == key.path
                && key
                    .id
                    .as_ref()
                    .is_none_or(|id| e.deck.as_ref().is_ok_and(|d| d.id() == id))
        });
        same_file.or_else(|| {
            let id = key.id.as_ref()?;
            let mut with_id = self
                .library
                .iter()
                .filter(|e| e.deck.as_ref().is_ok_and(|d| d.id() == id));
            // Two files with this id: which one was meant cannot be told.
            match (with_id.next(), with_id.next()) {
                (Some(only), None) => Some(only),
                _ => None,
            }
        })
    }

    /// The loaded deck for `key`, if it is still in the library.
    pub fn library_deck(&self, key: &DeckKey) -> Option<&Arc<Deck>> {
        self.library_entry(key).and_then(|e| e.deck.as_ref().ok())
    }

    /// The library's loaded deck with this id.
    pub(crate) fn deck_with_id(&self, deck_id: &str) -> Option<&LibraryEntry> {
        self.library
            .iter()
            .find(|e| e.deck.as_ref().is_ok_and(|d| d.id().as_str() == deck_id))
    }

    /// The library's entries, in the order shown.
    pub fn library(&self) -> &[LibraryEntry] {
        &self.library
    }

    /// Where the user's own decks live.
    pub fn user_decks_dir(&self) -> PathBuf {
        store::user_decks_dir(&self.data_dir)
    }

    /// The bundled decks, parsed from the binary (a few milliseconds).
    fn bundled_entries() -> Vec<LibraryEntry> {
        deck::BUNDLED_DECKS
            .iter()
            .enumerate()
            .map(|(place, (name, bytes))| {
                let path = PathBuf::from(name);
                let deck = deck::parse_deck(bytes, &path)
                    .map(Arc::new)
                    .map_err(|e| e.0);
                LibraryEntry::new(Origin::Bundled, path, deck, place)
            })
            .collect()
    }

    /// Loads the bundled decks, the user's decks folder and the opened files again, and waits
    /// for them (see `loading`).
    pub(super) fn reload_library(&mut self) {
        self.library_loading = None;
        self.deferred.library = false;
        let mut library = Self::bundled_entries();
        let first = library.len();
        let user_dir = self.user_decks_dir();
        let DeckFiles { files, unreadable } =
            loading::deck_files(&user_dir, &self.prefs.opened_decks);
        self.report_unreadable(unreadable);
        let read = std::sync::Mutex::new(Vec::with_capacity(files.len()));
        loading::read_all(&files, &|i, mut entry| {
            entry.place = first + i;
            if let Ok(mut read) = read.lock() {
                read.push(entry);
            }
        });
        let mut read = read.into_inner().unwrap_or_default();
        read.sort_by_key(|e| e.place);
        library.extend(read);
        self.library = library;
        self.recovered = store::orphan_recoveries(&user_dir);
    }

    /// Starts loading the library: the bundled decks at once, the user's decks on workers once
    /// the first frame is on screen (they arrive at [`App::poll_library_loading`]).
    pub(super) fn start_loading_library(&mut self) {
        self.library = Self::bundled_entries();
        // Read once the first frame is on screen (see `App::start_deferred_work`).
        self.deferred.library = true;
        self.recovered = store::orphan_recoveries(&self.user_decks_dir());
    }

    /// Starts reading the user's decks on workers.
    pub(super) fn start_reading_user_decks(&mut self) {
        self.library_loading = Some(LibraryLoading::start(
            self.user_decks_dir(),
            self.prefs.opened_decks.clone(),
            &self.waker,
        ));
    }

    /// Takes the decks read since the last frame into the library (`wait`: all of them,
    /// waiting), with their scores; once all are in, starts what waited for them.
    pub(super) fn poll_library_loading(&mut self, wait: bool) {
        let Some(loading) = &mut self.library_loading else {
            return;
        };
        let arrivals = loading.poll(wait);
        let done = loading.is_done();
        let first = deck::BUNDLED_DECKS.len();
        let mut added = std::collections::HashSet::new();
        for arrival in arrivals {
            match arrival {
                Arrival::Unreadable(unreadable) => self.report_unreadable(unreadable),
                Arrival::Entry(i, mut entry) => {
                    entry.place = first + i;
                    let at = self.library.partition_point(|e| e.place < entry.place);
                    added.insert(entry.place);
                    self.library.insert(at, *entry);
                }
            }
        }
        if !added.is_empty() {
            self.refresh_stats_of(|e| added.contains(&e.place));
        }
        if done {
            self.library_loading = None;
            self.start_pending_when_ready();
        }
    }

    /// The library being read: how many decks have arrived and, once the folder is walked,
    /// how many there are. `None` once it is complete.
    pub fn library_loading(&self) -> Option<(usize, Option<usize>)> {
        if self.deferred.library {
            return Some((0, None));
        }
        self.library_loading.as_ref().map(|l| (l.arrived, l.found))
    }

    fn report_unreadable(&mut self, unreadable: Vec<(PathBuf, std::io::Error)>) {
        for (dir, error) in unreadable {
            self.notice(
                NoticeLevel::Warning,
                format!("Cannot read the folder {}: {error}", dir.display()),
            );
        }
    }

    /// The library entry for a deck named on the command line: a deck id, or a file.
    pub(super) fn find_or_open(&mut self, deck: &str) -> Option<DeckKey> {
        if let Some(entry) = self.deck_with_id(deck) {
            return Some(entry.key());
        }
        match deck::lookup::deck_file(deck, &self.user_decks_dir()) {
            // A folder is refused by `open_deck_file`, which says what to give instead.
            Ok(path) | Err(deck::lookup::FindDeckError::Folder { path, .. }) => {
                self.open_deck_file(&path)
            }
            Err(_) => {
                self.notice(
                    NoticeLevel::Error,
                    format!(
                        "There is no deck file or deck id \"{deck}\". Pick a deck from the library instead."
                    ),
                );
                None
            }
        }
    }

    /// Adds the deck file `path` to the library (it stays there in later runs); its key.
    pub(super) fn open_deck_file(&mut self, path: &Path) -> Option<DeckKey> {
        // A folder is refused at once: it is no deck, and its parent would be watched for
        // changes (for `/tmp`, the whole file system).
        if path.is_dir() {
            self.notice(
                NoticeLevel::Error,
                format!(
                    "{} is a folder, not a deck file. Give the path of a .ron deck file, or put decks in your decks folder ({}).",
                    path.display(),
                    self.user_decks_dir().display()
                ),
            );
            return None;
        }
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        if let Some(entry) = self.library.iter().find(|e| e.path == path) {
            return Some(entry.key());
        }
        if !self.prefs.opened_decks.contains(&path) {
            self.prefs.opened_decks.push(path.clone());
        }
        let mut entry = LibraryEntry::load(Origin::Opened, path);
        entry.place = self.library.last().map_or(0, |e| e.place + 1);
        let key = entry.key();
        self.library.push(entry);
        Some(key)
    }

    /// Reads every deck's scores and due cards for the profile in use. A deck whose scores
    /// cannot be read is shown without them, and the user is told why.
    pub(super) fn refresh_stats(&mut self) {
        self.refresh_stats_of(|_| true);
    }

    /// [`App::refresh_stats`] for the entries `which` picks.
    fn refresh_stats_of(&mut self, which: impl Fn(&LibraryEntry) -> bool) {
        let (Some(store), Some(profile)) = (&self.store, &self.profile) else {
            for entry in &mut self.library {
                entry.stats = None;
            }
            return;
        };
        let now = crate::time::now_ms();
        let mut failed: Vec<(String, store::StoreError)> = Vec::new();
        // The learner's days are local ones, as the Progress screen counts them.
        let offset_ms = store.utc_offset_ms(now).unwrap_or_else(|e| {
            failed.push(("your decks".to_owned(), e));
            0
        });
        let today = crate::time::local_day(now, offset_ms);
        let totals = match store.library_totals(profile.id) {
            Ok(totals) => totals,
            Err(e) => {
                failed.push(("your decks".to_owned(), e));
                store::LibraryTotals::default()
            }
        };
        for entry in self.library.iter_mut().filter(|e| which(e)) {
            entry.stats = None;
            let Ok(deck) = &entry.deck else { continue };
            if !failed.is_empty() {
                continue;
            }
            let id = deck.id().as_str();
            match store.card_states(profile.id, id) {
                Ok(cards) => {
                    entry.stats = Some(DeckStats {
                        scores: totals.scores.get(id).copied().unwrap_or_default(),
                        due_today: crate::schedule::due_today(&cards, deck, now),
                        last_studied_ms: totals.last_studied_ms.get(id).copied(),
                        studied_days_ago: totals
                            .last_studied_ms
                            .get(id)
                            .map(|&ms| today - crate::time::local_day(ms, offset_ms)),
                        in_progress: totals
                            .unfinished
                            .get(id)
                            .and_then(|quiz| InProgress::of(deck, quiz))
                            .map(Box::new),
                    });
                }
                Err(e) => failed.push((deck.title().to_owned(), e)),
            }
        }
        if let Some((title, error)) = failed.first() {
            let which = match failed.len() {
                1 => format!("The scores of {title}"),
                n => format!("The scores of {n} decks ({title} and others)"),
            };
            self.notice(
                NoticeLevel::Error,
                format!(
                    "{which} cannot be read, so the library shows no scores for them: {error}. \
                     Nothing was changed; restart quizdesk to try again."
                ),
            );
        }
    }

    /// Removes what saves cut short by a kill or a crash left where quizdesk saves (the decks
    /// folder, the exports, the folders of opened decks), by the rules of
    /// [`store::clean_interrupted_saves`]; says what could not be removed.
    pub(super) fn clean_interrupted_saves(&mut self) {
        let mut folders = self.folders_to_watch();
        folders.push(store::exports_dir(&self.data_dir));
        for folder in folders {
            for (path, e) in store::clean_interrupted_saves(&folder).failed {
                self.notice(
                    NoticeLevel::Warning,
                    format!(
                        "{} is left from a save that was cut short and could not be removed ({e}); delete it yourself.",
                        path.display()
                    ),
                );
            }
        }
    }

    /// The folders to watch: the user's decks folder (first; watched with its subfolders) and
    /// the folder of each opened deck (watched alone).
    fn folders_to_watch(&self) -> Vec<PathBuf> {
        let mut folders = vec![self.user_decks_dir()];
        for path in &self.prefs.opened_decks {
            if let Some(parent) = path.parent()
                && !folders.iter().any(|f| f == parent)
            {
                folders.push(parent.to_owned());
            }
        }
        folders
    }

    /// Starts watching (once there is a window to wake), and reloads the library when a deck file
    /// in it changed. A quiz in progress keeps the deck it started with.
    pub(super) fn reload_changed_decks(&mut self) {
        let folders = self.folders_to_watch();
        if self.watcher.as_ref().is_none_or(|w| w.watched != folders) {
            let (watcher, failures) = start_watching(&folders, &self.waker);
            self.watcher = watcher;
            for failure in failures {
                self.notice(NoticeLevel::Info, failure);
            }
        }
        let Some(watcher) = &self.watcher else { return };
        let mut changed = false;
        while let Ok(event) = watcher.changes.try_recv() {
            // A watcher error means an event may have been missed: reload to be sure.
            changed |= event.is_err()
                || event.is_ok_and(|e| {
                    !e.kind.is_access()
                        && e.paths.iter().any(|p| {
                            // Hidden files are autosaves and editors' temporary files.
                            p.extension().is_some_and(|x| x == deck::DECK_EXTENSION)
                                && !p
                                    .file_name()
                                    .is_some_and(|n| n.to_string_lossy().starts_with('.'))
                        })
                });
        }
        if changed {
            self.reload_library();
            self.refresh_stats();
        }
    }
}

/// Watches `folders` (those that exist), waking the window on every change; also says which
/// could not be watched (those still reload with "Reload decks").
fn start_watching(folders: &[PathBuf], waker: &Waker) -> (Option<DeckWatcher>, Vec<String>) {
    use notify::Watcher as _;
    let (sender, changes) = std::sync::mpsc::channel();
    let waker = waker.clone();
    let watcher = notify::recommended_watcher(move |event| {
        // The app may be gone while the watcher thread still runs; nothing to do then.
        if sender.send(event).is_ok() {
            waker();
        }
    });
    let mut watcher = match watcher {
        Ok(watcher) => watcher,
        Err(e) => {
            return (
                None,
                vec![format!(
                    "Deck files are not watched for changes ({e}); use \"Reload decks\" after editing one."
                )],
            );
        }
    };
    let mut failures = Vec::new();
    for (i, folder) in folders.iter().enumerate().filter(|(_, f)| f.is_dir()) {
        // Only the user's decks folder is searched for decks in subfolders. An opened deck's
        // folder is watched alone: recursively, a file in `/tmp` would watch everything under
        // it (one watch per folder, set up before the next frame).
        let mode = if i == 0 {
            notify::RecursiveMode::Recursive
        } else {
            notify::RecursiveMode::NonRecursive
        };
        if let Err(e) = watcher.watch(folder, mode) {
            failures.push(format!(
                "Changes in {} are not picked up by themselves ({e}); use \"Reload decks\" after editing a deck there.",
                folder.display()
            ));
        }
    }
    (
        Some(DeckWatcher {
            _watcher: watcher,
            changes,
            watched: folders.to_vec(),
        }),
        failures,
    )
}
