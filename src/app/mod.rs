//! The controller: the app's state and how each [`Command`] changes it, with no egui.
//!
//! Screens (in [`crate::ui`]) read an [`App`] and push commands; the window applies them after
//! the frame with [`App::apply`], which returns the [`WindowEffect`]s the window must carry out
//! (full screen, close, cancel a close). The window's clock and close button come in through
//! [`FrameInput`] at the start of each frame, and work on other threads wakes the window through
//! a [`Waker`]. So everything here can be driven, and tested, without a window.
//!
//! One file per area holds that area's state and transitions: [`library`], [`profiles`],
//! [`quiz`] and [`study`] (which share one "record an answer" path), [`editor`], [`present`],
//! [`progress`], [`import`], [`class`], [`notices`], and the worker-thread [`job`] helper.

pub mod class;
pub mod editor;
pub mod import;
pub mod job;
pub mod library;
pub mod live;
pub mod notices;
pub mod pictures;
pub mod prefs;
pub mod present;
pub mod print;
pub mod profiles;
pub mod progress;
pub mod quiz;
mod startup;
pub mod study;

use std::path::{Path, PathBuf};

use crate::schedule::Scheduler;
use crate::store::{Profile, Store};

pub use class::{ClassCommand, ClassFile, ClassState};
pub use editor::{EditorCommand, EditorState};
pub use import::{ImportCommand, ImportState};
pub use job::Waker;
pub use library::{
    DeckKey, DeckStats, InProgress, LibraryCommand, LibraryEntry, LibraryPanel, LibrarySearch,
    LibrarySort, Origin, needs_learner,
};
pub use live::{LiveCommand, LiveRoom, LiveSettings, LiveSnapshot};
pub use notices::{Notice, NoticeLevel};
pub use prefs::{Prefs, SettingsCommand, TEXT_SCALE_RANGE_PERCENT, Theme};
pub use present::{PresentCommand, PresentSetup, PresentState, SetupCommand, Stage};
pub use print::{PrintCommand, PrintDialog};
pub use profiles::ProfileCommand;
pub use progress::{FsrsPanel, OptimizerRun, ProgressCommand, StatsState};
pub use quiz::{QuizCommand, QuizSetup, QuizState};
pub use study::{StudyCommand, StudyState};

/// How the app was asked to start.
#[derive(Clone, Debug, PartialEq)]
pub enum StartMode {
    /// The library.
    Library,
    /// Straight into a quiz of a deck (a file path or a deck id).
    Quiz {
        /// The deck file, or the id of a deck in the library.
        deck: String,
        /// Ask this many questions, picked at random; all when `None`.
        count: Option<usize>,
        /// The seed for picking and shuffling; random when `None`.
        seed: Option<u64>,
    },
    /// Straight into presenting a deck to a room.
    Present {
        /// The deck file, or the id of a deck in the library.
        deck: String,
        /// Let the room answer on their phones, on this port (`None`: a show of hands only).
        live_port: Option<u16>,
    },
    /// Straight into flashcard study of a deck.
    Study {
        /// The deck file, or the id of a deck in the library.
        deck: String,
    },
}

/// Everything the app needs to start.
#[derive(Clone, Debug)]
pub struct LaunchOptions {
    /// Where the scores database, backups and the user's decks live.
    pub data_dir: PathBuf,
    /// Use (and create if missing) the profile with this name.
    pub profile: Option<String>,
    /// Which screen to open.
    pub start: StartMode,
    /// Close by itself (for the smoke test and the benchmarks).
    pub quit: Option<QuitWhen>,
}

/// When a window started by a smoke test or a benchmark closes by itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuitWhen {
    /// After this many frames.
    AfterFrames(u64),
    /// After the first frame that shows the whole library with its scores.
    LibraryComplete,
}

/// Where the user is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    /// Pick or create a profile.
    Profiles,
    /// The decks.
    Library,
    /// A deck's content note, before the deck opens.
    ContentNote,
    /// Quiz options before a quiz starts.
    QuizSetup,
    /// A quiz in progress.
    Quiz,
    /// The end of a quiz.
    Results,
    /// Flashcards.
    Study,
    /// Settings.
    Settings,
    /// The deck editor.
    Editor,
    /// Presenting a deck to a room.
    Present,
    /// Choosing the questions to present.
    PresentSetup,
    /// The profile's progress: charts and tables.
    Stats,
    /// Students' results files read into one table of students by questions (for teachers).
    Class,
}

/// What a screen asks the app to do; applied after the frame. One enum per area.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Show a screen.
    Go(Screen),
    /// Open a deck's resource link in the system browser (only `http(s)://` links).
    OpenLink(String),
    /// Hide notice `n`.
    DismissNotice(usize),
    /// A setting changed.
    Settings(SettingsCommand),
    /// About profiles.
    Profile(ProfileCommand),
    /// About the library.
    Library(LibraryCommand),
    /// About a quiz.
    Quiz(QuizCommand),
    /// About flashcards.
    Study(StudyCommand),
    /// About the deck editor.
    Editor(EditorCommand),
    /// About presenting to a room.
    Present(PresentCommand),
    /// About the Progress screen.
    Progress(ProgressCommand),
    /// About importing a question bank.
    Import(ImportCommand),
    /// About the Class results screen.
    Class(ClassCommand),
    /// About the Print dialog.
    Print(PrintCommand),
}

/// What the app asks of the window, which only the window can do.
#[derive(Clone, Debug, PartialEq)]
pub enum WindowEffect {
    /// Go full screen, or leave it.
    Fullscreen(bool),
    /// Close the window.
    Close,
    /// Keep the window open after its close button was pressed.
    CancelClose,
    /// Draw again after this long, even if nothing happens.
    RepaintAfter {
        /// How long, in seconds.
        seconds: f64,
    },
    /// Print these lines on standard output (the join address of a live room, for a kiosk
    /// script started with `quizdesk present DECK --live`).
    Announce(String),
}

/// What the window tells the app at the start of each frame.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct FrameInput {
    /// The window's clock, in seconds since it opened (egui's `input.time`).
    pub now_s: f64,
    /// Whether the window's close button was pressed.
    pub close_requested: bool,
}

/// Opens a web link somewhere the user can read it (the system browser).
pub type LinkOpener = Box<dyn Fn(&str) -> std::io::Result<()>>;

/// Opens a file the app wrote (a printout) in the system's viewer for it.
pub type FileOpener = Box<dyn Fn(&Path) -> std::io::Result<()>>;

/// Opens `path` with the program the system uses for its kind of file.
fn open_with_system(path: &Path) -> std::io::Result<()> {
    let mut command = if cfg!(target_os = "windows") {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else {
        std::process::Command::new("xdg-open")
    };
    // Not waited for: the viewer lives on after it opens the file.
    command.arg(path).spawn().map(drop)
}

/// The quizdesk app: everything a screen shows, and everything a command changes.
pub struct App {
    data_dir: PathBuf,
    store: Option<Store>,
    scheduler: Option<Scheduler>,
    notices: Vec<Notice>,
    profiles: Vec<Profile>,
    profile: Option<Profile>,
    library: Vec<LibraryEntry>,
    /// Which panel of the library screen is open.
    library_panel: Option<LibraryPanel>,
    /// Autosaved copies of new decks that were never saved (the app stopped first).
    recovered: Vec<PathBuf>,
    screen: Screen,
    prefs: Prefs,
    quiz: Option<QuizState>,
    study: Option<StudyState>,
    /// The quiz being set up.
    setup: Option<QuizSetup>,
    /// What opens once the content note on screen is read.
    after_note: Option<quiz::AfterNote>,
    /// Commands queued from outside a frame (tests, as a screen would).
    commands: Vec<Command>,
    /// What the window is to do, gathered while a command or a frame's work is applied.
    effects: Vec<WindowEffect>,
    /// The window's clock at the start of this frame, in seconds.
    now_s: f64,
    /// Counts quizzes and editings started, so each has its own number.
    runs: u64,
    frames: u64,
    quit: Option<QuitWhen>,
    /// Whether closing was already held back once because of unsaved answers.
    close_warned: bool,
    /// A deck to open (from the command line) once a profile is chosen.
    pending_start: Option<StartMode>,
    /// A deck to present once there is a window (the presentation goes full screen).
    pending_present: Option<(DeckKey, Option<u16>)>,
    /// Watches the library's deck files, so a deck edited in a text editor reloads at once.
    watcher: Option<library::DeckWatcher>,
    /// Wakes the window from other threads (through `waker_slot`, so work started before there
    /// is a window wakes it too).
    waker: Waker,
    waker_slot: job::WakerSlot,
    /// The user's decks being read on workers, at start.
    library_loading: Option<library::LibraryLoading>,
    /// Start-up work put off until the first frame is on screen.
    deferred: startup::Deferred,
    /// The store's full check, running on a worker; writes wait for it.
    store_check: Option<job::Job<crate::store::CheckOutcome>>,
    /// The deck being edited.
    editor: Option<EditorState>,
    /// The file being imported, when "Import…" has read one.
    import: Option<ImportState>,
    /// The presentation in progress.
    present: Option<PresentState>,
    /// The presentation being set up.
    present_setup: Option<PresentSetup>,
    /// The Progress screen's data, while it is open.
    stats_screen: Option<StatsState>,
    /// The Progress screen being read.
    stats_loading: Option<progress::StatsLoading>,
    /// The Class results screen's files and table, kept while the app runs.
    class: ClassState,
    /// Opens a link in the system browser; tests put a recorder here.
    link_opener: LinkOpener,
    /// Opens a printout in the system's viewer; tests put a recorder here.
    file_opener: FileOpener,
    /// The Print dialog, while it is open.
    print: Option<PrintDialog>,
}

impl App {
    /// Creates the app with the given preferences: opens the store, loads the library and
    /// picks the first screen.
    pub fn new(prefs: Prefs, options: LaunchOptions) -> Self {
        let waker_slot = job::WakerSlot::new();
        let mut app = Self {
            data_dir: options.data_dir,
            store: None,
            scheduler: None,
            notices: Vec::new(),
            profiles: Vec::new(),
            profile: None,
            library: Vec::new(),
            library_panel: None,
            recovered: Vec::new(),
            screen: Screen::Profiles,
            prefs,
            quiz: None,
            study: None,
            setup: None,
            after_note: None,
            commands: Vec::new(),
            effects: Vec::new(),
            now_s: 0.0,
            runs: 0,
            frames: 0,
            quit: options.quit,
            close_warned: false,
            pending_start: None,
            pending_present: None,
            watcher: None,
            waker: waker_slot.waker(),
            waker_slot,
            store_check: None,
            library_loading: None,
            deferred: startup::Deferred::default(),
            editor: None,
            import: None,
            present: None,
            present_setup: None,
            stats_screen: None,
            stats_loading: None,
            class: ClassState::default(),
            link_opener: Box::new(|url: &str| webbrowser::open(url)),
            file_opener: Box::new(open_with_system),
            print: None,
        };
        app.open_store();
        app.scheduler = match Scheduler::new() {
            Ok(s) => Some(s),
            Err(e) => {
                app.notice(
                    NoticeLevel::Error,
                    format!("Flashcards are unavailable: {e}"),
                );
                None
            }
        };
        // The folder for the user's own decks exists from the start, so it can be watched and
        // a teacher can find it from Settings.
        if let Err(e) = crate::store::ensure_folder(&app.user_decks_dir()) {
            app.notice(
                NoticeLevel::Warning,
                format!("Cannot create the folder for your decks: {e}"),
            );
        }
        app.clean_interrupted_saves();
        app.start_loading_library();
        app.refresh_profiles();
        app.pending_start = Some(options.start);
        app.choose_first_profile(options.profile.as_deref());
        app
    }

    /// Gives the app the window's waker, for work on other threads (the file watcher, the
    /// Progress screen's reader, the optimizer) to wake it when done.
    pub fn set_waker(&mut self, waker: Waker) {
        self.waker_slot.set(waker);
    }

    /// The frame's housekeeping, before the screens draw: answers waiting to be written are
    /// tried again, finished work on other threads is picked up, changed deck files reload,
    /// the editor autosaves, and closing with unsaved work is held back.
    pub fn begin_frame(&mut self, input: FrameInput) -> Vec<WindowEffect> {
        self.now_s = input.now_s;
        if self.frames > 0 {
            self.start_deferred_work();
        }
        self.finish_store_check(false);
        self.poll_library_loading(false);
        self.retry_pending_writes();
        self.poll_jobs();
        self.poll_print();
        self.guard_close_with_unsaved_answers(input.close_requested);
        self.reload_changed_decks();
        self.guard_close_with_unsaved_edits(input.close_requested);
        self.autosave_editor();
        if let Some((key, live_port)) = self.pending_present.take() {
            self.start_presentation(&key, None);
            if let Some(port) = live_port {
                let settings = LiveSettings {
                    port,
                    ..self.prefs.live
                };
                self.apply_live(LiveCommand::Start(settings));
            }
        }
        std::mem::take(&mut self.effects)
    }

    /// The commands queued from outside the frame (see [`App::push`]), to apply with the
    /// screens' own.
    pub fn take_commands(&mut self) -> Vec<Command> {
        std::mem::take(&mut self.commands)
    }

    /// Applies one command; what the window must do for it.
    pub fn apply(&mut self, command: Command) -> Vec<WindowEffect> {
        if command.needs_checked_store() || command.needs_library() {
            self.start_deferred_work();
        }
        if command.needs_checked_store() {
            self.finish_store_check(true);
        }
        if command.needs_library() {
            self.poll_library_loading(true);
        }
        match command {
            Command::Go(screen) => self.go(screen),
            Command::OpenLink(url) => self.open_link(&url),
            Command::DismissNotice(i) => self.dismiss_notice(i),
            Command::Settings(command) => self.apply_settings(command),
            Command::Profile(command) => self.apply_profile(command),
            Command::Library(command) => self.apply_library(command),
            Command::Print(command) => self.apply_print(command),
            Command::Quiz(command) => self.apply_quiz(command),
            Command::Study(command) => self.apply_study(command),
            Command::Editor(command) => self.apply_editor(command),
            Command::Present(command) => self.apply_present(command),
            Command::Progress(command) => self.apply_progress(command),
            Command::Import(command) => self.apply_import(command),
            Command::Class(command) => self.apply_class(command),
        }
        std::mem::take(&mut self.effects)
    }

    /// Counts a frame drawn; closes the window when the smoke test or benchmark asked.
    pub fn end_frame(&mut self) -> Vec<WindowEffect> {
        self.frames += 1;
        if self.work_deferred() {
            // The next frame starts it, once this one is on screen.
            self.effects
                .push(WindowEffect::RepaintAfter { seconds: 0.0 });
        }
        match self.quit {
            Some(QuitWhen::AfterFrames(limit)) => {
                self.effects.push(if self.frames >= limit {
                    WindowEffect::Close
                } else {
                    WindowEffect::RepaintAfter { seconds: 0.0 }
                });
            }
            // The frame just drawn showed what `begin_frame` took in; the decks still being
            // read wake the window as they arrive.
            Some(QuitWhen::LibraryComplete)
                if self.library_loading().is_none() && self.screen == Screen::Library =>
            {
                self.effects.push(WindowEffect::Close);
            }
            Some(QuitWhen::LibraryComplete) | None => {}
        }
        std::mem::take(&mut self.effects)
    }

    /// How many frames were drawn to the end (see [`App::end_frame`]).
    pub fn frames_drawn(&self) -> u64 {
        self.frames
    }

    fn go(&mut self, screen: Screen) {
        if screen == Screen::Library {
            self.finish_open_sessions();
            self.refresh_stats();
        }
        self.screen = if self.profile.is_none() && screen != Screen::Settings {
            Screen::Profiles
        } else {
            screen
        };
    }

    /// A new number for a quiz or an editing, told apart from the ones before.
    pub(crate) fn next_run(&mut self) -> u64 {
        self.runs += 1;
        self.runs
    }

    /// The screen shown now.
    pub fn screen(&self) -> Screen {
        self.screen
    }

    /// The notices shown now.
    pub fn notices(&self) -> &[Notice] {
        &self.notices
    }

    /// The store, for tests that read back what was saved.
    pub fn store(&self) -> Option<&Store> {
        self.store.as_ref()
    }

    /// The data folder.
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// The name of the theme in use.
    pub fn theme_name(&self) -> &'static str {
        self.prefs.theme.label()
    }

    /// The window's clock at the start of this frame, in seconds.
    pub fn now_s(&self) -> f64 {
        self.now_s
    }

    /// Queues a command, as a screen would.
    pub fn push(&mut self, command: Command) {
        self.commands.push(command);
    }

    /// Replaces how links are opened (tests record them instead of starting a browser).
    pub fn set_link_opener(&mut self, opener: LinkOpener) {
        self.link_opener = opener;
    }

    /// Replaces how printouts are opened (tests record them instead of starting a viewer).
    pub fn set_file_opener(&mut self, opener: FileOpener) {
        self.file_opener = opener;
    }

    /// Opens `url` with the link opener, if it is a web link; says so when that fails.
    fn open_link(&mut self, url: &str) {
        // Deck validation already refuses other links; checked again because this is where a
        // link leaves the app (never `file:` or `javascript:`).
        if !crate::deck::is_web_link(url) {
            self.notice(
                NoticeLevel::Warning,
                format!("quizdesk only opens web links (http:// or https://), not {url}."),
            );
            return;
        }
        if let Err(e) = (self.link_opener)(url) {
            self.notice(
                NoticeLevel::Warning,
                format!(
                    "quizdesk could not open a web browser for {url}: {e}. Copy the link into a \
                     browser to read it."
                ),
            );
        }
    }

    /// The window title for the current screen.
    pub fn title(&self) -> String {
        let deck_title = |key: Option<&DeckKey>| {
            key.and_then(|k| self.library_deck(k))
                .map(|d| d.title().to_owned())
        };
        let place = match self.screen {
            Screen::Profiles => Some("Profiles".to_owned()),
            Screen::Library => Some("Library".to_owned()),
            Screen::Settings => Some("Settings".to_owned()),
            Screen::Stats => Some("Progress".to_owned()),
            Screen::Class => Some("Class results".to_owned()),
            // Where in the deck, then the deck: a screen reader says the first words first.
            Screen::ContentNote => self
                .note_deck()
                .map(|d| format!("Before you start: {}", d.title())),
            Screen::QuizSetup => deck_title(self.setup.as_ref().map(|s| &s.deck))
                .map(|title| format!("Quiz setup: {title}")),
            Screen::Quiz => self
                .quiz
                .as_ref()
                .map(|q| format!("Quiz: {}", q.session.deck().title())),
            Screen::Results => self
                .quiz
                .as_ref()
                .map(|q| format!("Results: {}", q.session.deck().title())),
            Screen::Study => self
                .study
                .as_ref()
                .map(|s| format!("Flashcards: {}", s.deck.title())),
            Screen::PresentSetup => self
                .present_setup
                .as_ref()
                .map(|p| format!("Present {}", p.deck.title())),
            Screen::Present => self
                .present
                .as_ref()
                .map(|p| format!("Presenting {}", p.deck.title())),
            Screen::Editor => self
                .editor
                .as_ref()
                .map(|e| format!("Editing {}", e.deck.title)),
        };
        match place {
            Some(place) => format!("quizdesk - {place}"),
            None => "quizdesk".to_owned(),
        }
    }
}

#[cfg(test)]
mod tests;
