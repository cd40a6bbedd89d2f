//! The app: its state, the commands screens emit, and how each command changes the state.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use eframe::egui;
use serde::{Deserialize, Serialize};

use crate::deck::{self, Deck, QuestionId, Report, raw};
use crate::import::ImportOptions;
use crate::quiz::{QuizConfig, QuizSession, Response};
use crate::schedule::{CardState, Rating, Scheduler, StudyQueue};
use crate::store::{
    self, Mode, NewAttempt, NewReview, NewSession, Profile, ProfileId, SessionId, SessionStart,
    Store,
};

use super::style::{self, Theme};
use super::{
    content_note, editor, flashcards, library, present, profiles, quiz, results, settings,
};

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
    /// Close by itself after this many frames (for the smoke test).
    pub quit_after_frames: Option<u64>,
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

/// What a screen asks the app to do; applied after the frame.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Use this profile.
    ChooseProfile(ProfileId),
    /// Create a profile with this name and use it.
    CreateProfile(String),
    /// Rename a profile.
    RenameProfile(ProfileId, String),
    /// Delete a profile and all its scores.
    DeleteProfile(ProfileId),
    /// Show a screen.
    Go(Screen),
    /// Open a deck's resource link in the system browser (only `http(s)://` links).
    OpenLink(String),
    /// Open the quiz options for library entry `n`.
    SetUpQuiz(usize),
    /// Read the profile's history and show the Stats screen for these decks.
    OpenStats(crate::stats::Scope),
    /// Show the statistics of these decks.
    StatsScope(crate::stats::Scope),
    /// List this many of the hardest questions on the Stats screen.
    StatsQuestionsShown(usize),
    /// Practise one question (deck id, question id) of a library deck: a quiz of it alone.
    PractiseQuestion(String, String),
    /// Write the profile's results file for a teacher.
    ExportResults,
    /// Fit FSRS's parameters to the profile's reviews (in the background).
    OptimizeFsrs,
    /// Schedule the profile's flashcards with the parameters just fitted.
    UseOptimizedFsrs,
    /// Forget the parameters just fitted.
    DiscardOptimizedFsrs,
    /// Go back to FSRS's default parameters for the profile.
    ResetFsrs,
    /// Start a quiz of library entry `n`.
    StartQuiz(usize, QuizConfig),
    /// Start studying library entry `n` as flashcards.
    StartStudy(usize),
    /// The content note was read: go on to the deck.
    ContinueAfterNote,
    /// Answer question `n` of the quiz (ignored unless it is still the current one).
    Submit(usize, Response),
    /// Question `n`'s time ran out (ignored unless it is still the current one).
    TimeOut(usize),
    /// Go on from the feedback of question `n` to the next question.
    NextQuestion(usize),
    /// Start a new quiz with the questions the last one missed.
    RetryMissed,
    /// Show the back of the current card.
    RevealCard,
    /// Grade the current card.
    GradeCard(Rating),
    /// Look again for a card that has become due.
    RefreshStudy,
    /// Change the theme.
    SetTheme(Theme),
    /// Change the text size, in percent.
    SetTextScale(u32),
    /// Add a deck file to the library.
    OpenDeckFile(PathBuf),
    /// Load every deck again.
    ReloadLibrary,
    /// Hide a notice.
    DismissNotice(usize),
    /// Open library entry `n` in the editor (bundled decks as a copy), or a new deck.
    OpenEditor(Option<usize>),
    /// The editor's deck changed.
    EditDeck(Box<raw::Deck>),
    /// Undo the last edit.
    Undo,
    /// Redo the last undone edit.
    Redo,
    /// Save the deck being edited.
    SaveDeck,
    /// Close the editor (asks first when there are unsaved changes).
    CloseEditor,
    /// Leave the editor for a screen (after "Save and close").
    LeaveEditor(Screen),
    /// Leave the editor without saving.
    DiscardAndLeaveEditor(Screen),
    /// Stay in the editor after all.
    KeepEditing,
    /// Take the autosaved copy from an earlier session.
    RestoreRecovery,
    /// Open the autosaved copy of a deck that was never saved (after a crash).
    OpenRecovered(PathBuf),
    /// Delete the autosaved copy of a deck that was never saved.
    DiscardRecovered(PathBuf),
    /// Throw the autosaved copy away.
    DiscardRecovery,
    /// Present library entry `n` to a room.
    StartPresentation(usize),
    /// Choose the questions to present from library entry `n`.
    SetUpPresentation(usize),
    /// Present these questions (ids, in order) of library entry `n`.
    StartPresentationWith(usize, Vec<String>),
    /// Save a presentation plan: deck id, name, question ids.
    SavePlan(String, String, Vec<String>),
    /// Go to a stage of the presentation.
    PresentGo(present::Stage),
    /// Save the room's show of hands for question `n`: right, out of.
    PresentTally(usize, u32, u32),
    /// Leave the presentation.
    LeavePresentation,
    /// Write the presentation records to a CSV file in the data folder.
    ExportPresentations,
    /// Read a file to import and preview it.
    ImportRead(PathBuf),
    /// Import the file read again, with these options.
    ImportOptionsChanged(ImportOptions),
    /// Write the imported deck into the user's decks folder.
    ImportSave,
    /// Open the imported deck in the editor (saved on the first save).
    ImportEdit,
    /// Close the import panel.
    ImportClose,
    /// A command of the Class results screen.
    Class(super::class::ClassCommand),
}

/// How serious a notice is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeLevel {
    /// Good to know.
    Info,
    /// Something needs attention, but nothing is lost.
    Warning,
    /// Something failed.
    Error,
}

/// A message shown at the top of the window until dismissed.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    /// How serious.
    pub level: NoticeLevel,
    /// What happened and what to do.
    pub text: String,
}

/// Where a library deck comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// Shipped with quizdesk.
    Bundled,
    /// In the user's decks folder.
    UserFolder,
    /// Opened from elsewhere with "Open deck…" or the command line.
    Opened,
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
}

/// The preferences kept in eframe's storage (window and UI only; scores live in the store).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    /// The colour theme.
    pub theme: Theme,
    /// The text size, in percent.
    pub text_scale_percent: u32,
    /// The profile used last.
    pub last_profile: Option<String>,
    /// How many new cards a day flashcards introduce.
    pub new_cards_per_day: usize,
    /// Deck files opened with "Open deck…", shown in the library.
    pub opened_decks: Vec<PathBuf>,
}

impl Default for Prefs {
    fn default() -> Self {
        Self {
            theme: Theme::Light,
            text_scale_percent: 100,
            last_profile: None,
            new_cards_per_day: crate::schedule::DEFAULT_NEW_PER_DAY,
            opened_decks: Vec::new(),
        }
    }
}

const PREFS_KEY: &str = "quizdesk-prefs";

/// A quiz in progress.
pub(crate) struct QuizState {
    pub session: QuizSession,
    pub deck_index: usize,
    pub session_id: Option<SessionId>,
    /// The learner's answer being composed.
    pub draft: quiz::Draft,
    /// When the current question was first shown, in egui seconds.
    pub shown_at_s: Option<f64>,
    /// Why the typed answer could not be read, if it could not.
    pub input_error: Option<String>,
}

/// Flashcards in progress.
pub(crate) struct StudyState {
    pub deck_index: usize,
    pub deck: Arc<Deck>,
    pub session_id: Option<SessionId>,
    pub cards: HashMap<QuestionId, CardState>,
    pub queue: StudyQueue,
    pub current: Option<QuestionId>,
    pub revealed: bool,
    /// The state after each rating, for the buttons' "next due in" hints.
    pub previews: Option<[CardState; 4]>,
    pub shown_at_s: Option<f64>,
    pub reviewed: usize,
    pub new_seen_today: usize,
}

/// What the library shows about a deck for the profile in use.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct DeckStats {
    pub scores: DeckScores,
    pub due_today: usize,
}

/// A question of the editor, tried out as a student would see it.
pub(crate) struct Preview {
    /// The question the preview was made from (remade when it changes).
    pub source: raw::Question,
    pub session: QuizSession,
    pub draft: quiz::Draft,
    /// The answer tried, or why it could not be read.
    pub checked: Option<Result<Response, String>>,
}

/// A deck being edited.
pub(crate) struct EditorState {
    /// Where it is saved.
    pub path: Option<PathBuf>,
    /// The deck as edited.
    pub deck: raw::Deck,
    /// The deck as last saved (or opened), to know whether there are unsaved changes.
    pub saved: raw::Deck,
    /// Earlier versions, most recent last.
    pub undo: Vec<raw::Deck>,
    /// Versions undone, most recent last.
    pub redo: Vec<raw::Deck>,
    /// When the last edit was made (egui seconds), to group typing into one undo step.
    pub last_edit_s: f64,
    /// The question shown in the form.
    pub selected: usize,
    /// The question list's filter.
    pub filter: String,
    /// Question ids made by the editor and not saved yet: they follow their prompt until the
    /// first save, and never change after it.
    pub auto_ids: std::collections::HashSet<String>,
    /// The text of comma-separated list fields as typed, by field, so a trailing comma or space
    /// survives until the next item is typed.
    pub list_texts: HashMap<String, String>,
    /// Every broken rule, by path.
    pub problems: Vec<deck::PathProblem>,
    /// The selected question, answerable.
    pub preview: Option<Preview>,
    /// Set while "Save changes?" is asked: where to go afterwards.
    pub confirm_close: Option<Screen>,
    /// Close the window once the editor is left (the window's close button was pressed).
    pub quit_after: bool,
    /// An autosaved copy from an earlier session, offered for restoring.
    pub recovery_offer: Option<PathBuf>,
    /// When the autosaved copy was last written (egui seconds).
    pub autosaved_s: f64,
    /// The file as opened has comments, which saving does not keep.
    pub had_comments: bool,
}

impl EditorState {
    /// Starts editing `deck`; `on_disk` says whether it is saved as it is (a new deck or a copy
    /// of a bundled one is not, until the first save).
    fn new(path: Option<PathBuf>, deck: raw::Deck, on_disk: bool) -> Self {
        let problems = editor_problems(&deck);
        let recovery_offer = path
            .as_deref()
            .map(store::recovery_path)
            .filter(|p| p.is_file());
        let saved = if on_disk {
            deck.clone()
        } else {
            // Nothing on disk yet: any deck differs from "nothing", so closing asks first.
            raw::Deck {
                id: String::new(),
                ..deck.clone()
            }
        };
        Self {
            path,
            saved,
            deck,
            undo: Vec::new(),
            redo: Vec::new(),
            last_edit_s: f64::NEG_INFINITY,
            selected: 0,
            filter: String::new(),
            auto_ids: std::collections::HashSet::new(),
            list_texts: HashMap::new(),
            problems,
            preview: None,
            confirm_close: None,
            quit_after: false,
            recovery_offer,
            autosaved_s: 0.0,
            had_comments: false,
        }
    }

    fn is_dirty(&self) -> bool {
        self.deck != self.saved
    }

    fn set_deck(&mut self, deck: raw::Deck) {
        self.problems = editor_problems(&deck);
        self.deck = deck;
        self.selected = self
            .selected
            .min(self.deck.questions.len().saturating_sub(1));
    }
}

/// The editor's list of what to fix: the deck's errors, then its item-writing warnings (which
/// do not make it a draft).
fn editor_problems(deck: &raw::Deck) -> Vec<deck::PathProblem> {
    let mut problems = deck::validate_raw(deck.clone()).err().unwrap_or_default();
    problems.extend(deck::lint_raw(deck));
    problems
}

/// What to open once the content note is read.
#[derive(Clone, Debug, PartialEq)]
enum AfterNote {
    QuizSetup(usize),
    Quiz(usize, QuizConfig),
    Study(usize),
}

/// The quizdesk app.
pub struct App {
    data_dir: PathBuf,
    pub(crate) store: Option<Store>,
    scheduler: Option<Scheduler>,
    pub(crate) notices: Vec<Notice>,
    pub(crate) profiles: Vec<Profile>,
    pub(crate) profile: Option<Profile>,
    pub(crate) library: Vec<LibraryEntry>,
    /// Autosaved copies of new decks that were never saved (the app stopped first).
    pub(crate) recovered: Vec<PathBuf>,
    /// Scores and due cards per library entry, for the profile in use.
    pub(crate) stats: Vec<Option<DeckStats>>,
    pub(crate) screen: Screen,
    pub(crate) prefs: Prefs,
    pub(crate) quiz: Option<QuizState>,
    pub(crate) study: Option<StudyState>,
    /// The quiz being set up: library entry and options.
    pub(crate) setup: Option<(usize, QuizConfig)>,
    /// The deck whose content note is shown.
    pub(crate) note_deck: Option<usize>,
    after_note: Option<AfterNote>,
    pub(crate) ui_state: UiScratch,
    commands: Vec<Command>,
    frames: u64,
    quit_after_frames: Option<u64>,
    applied_style: Option<(Theme, u32)>,
    title: String,
    /// Whether closing was already held back once because of unsaved answers.
    close_warned: bool,
    /// A deck to open (from the command line) once a profile is chosen.
    pending_start: Option<StartMode>,
    /// A deck to present once there is a window (the presentation needs the clock).
    pending_present: Option<usize>,
    /// Watches the library's deck files, so a deck edited in a text editor reloads at once.
    watcher: Option<DeckWatcher>,
    /// The deck being edited.
    pub(crate) editor: Option<EditorState>,
    /// The file being imported, when "Import…" has read one.
    pub(crate) import: Option<super::import::ImportState>,
    /// The presentation in progress.
    pub(crate) present: Option<present::PresentState>,
    /// The presentation being set up.
    pub(crate) present_setup: Option<present::PresentSetup>,
    /// The Stats screen's data, while it is open.
    pub(crate) stats_screen: Option<super::stats::StatsState>,
    /// The Stats screen being read.
    pub(crate) stats_loading: Option<super::stats::StatsLoading>,
    /// The Class results screen's files and table, kept while the app runs.
    pub(crate) class: super::class::ClassState,
    /// Opens a link in the system browser; tests put a recorder here.
    link_opener: LinkOpener,
}

/// Opens a web link somewhere the user can read it (the system browser).
pub type LinkOpener = Box<dyn Fn(&str) -> std::io::Result<()>>;

/// A file-system watcher over the user's decks folder and the opened deck files.
struct DeckWatcher {
    /// Kept alive for as long as the events are wanted.
    _watcher: notify::RecommendedWatcher,
    changes: std::sync::mpsc::Receiver<notify::Result<notify::Event>>,
    /// The paths being watched, to know when "Open deck…" adds one.
    watched: Vec<PathBuf>,
}

/// Per-screen UI state that is not part of the model (text being typed, dialogs).
#[derive(Default)]
pub(crate) struct UiScratch {
    pub new_profile_name: String,
    pub open_deck_path: String,
    pub open_deck_dialog: bool,
    pub import_dialog: bool,
    pub import_path: String,
    pub rename: Option<(ProfileId, String)>,
    pub confirm_delete: Option<ProfileId>,
    /// The text size while its slider is being dragged.
    pub text_scale_drag: Option<u32>,
}

/// Runs the app in a native window until it is closed.
pub fn run(options: LaunchOptions) -> eframe::Result {
    let native = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("quizdesk")
            .with_app_id("quizdesk")
            .with_inner_size([1024.0, 720.0])
            .with_min_inner_size([480.0, 360.0]),
        persistence_path: Some(options.data_dir.join("ui-state.ron")),
        ..Default::default()
    };
    eframe::run_native(
        "quizdesk",
        native,
        Box::new(move |cc| Ok(Box::new(App::new(cc, options)))),
    )
}

/// A bare eframe window that draws one label and closes after `quit_after_frames` frames: the
/// floor that the benchmark of quizdesk's start-up compares against.
#[doc(hidden)]
pub fn run_bare_window(quit_after_frames: u64) -> eframe::Result {
    let mut frames = 0;
    eframe::run_ui_native(
        "bare eframe window",
        eframe::NativeOptions {
            viewport: egui::ViewportBuilder::default().with_inner_size([1024.0, 720.0]),
            ..Default::default()
        },
        move |ui, _frame| {
            egui::CentralPanel::default().show(ui, |ui| ui.label("Hello"));
            frames += 1;
            if frames >= quit_after_frames {
                ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
            } else {
                ui.ctx().request_repaint();
            }
        },
    )
}

/// Now, in Unix milliseconds.
pub(crate) fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// A seed for a quiz when none was asked for: short enough to read out or write down.
fn fresh_seed() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64 % 1_000_000)
}

impl App {
    /// Creates the app: opens the store, loads the library and picks the first screen.
    pub fn new(cc: &eframe::CreationContext<'_>, options: LaunchOptions) -> Self {
        let prefs: Prefs = cc
            .storage
            .and_then(|s| eframe::get_value(s, PREFS_KEY))
            .unwrap_or_default();
        Self::with_prefs(prefs, options)
    }

    /// Creates the app with the given preferences (tests start from defaults).
    pub fn with_prefs(prefs: Prefs, options: LaunchOptions) -> Self {
        let mut notices = Vec::new();
        let store = match Store::open(&options.data_dir) {
            Ok(opened) => {
                for notice in opened.notices {
                    notices.push(Notice {
                        level: NoticeLevel::Warning,
                        text: notice.to_string(),
                    });
                }
                Some(opened.store)
            }
            Err(e) => {
                notices.push(Notice {
                    level: NoticeLevel::Error,
                    text: format!(
                        "Scores cannot be saved: {e}. You can still use the decks, but answers will not be kept."
                    ),
                });
                None
            }
        };
        let scheduler = match Scheduler::new() {
            Ok(s) => Some(s),
            Err(e) => {
                notices.push(Notice {
                    level: NoticeLevel::Error,
                    text: format!("Flashcards are unavailable: {e}"),
                });
                None
            }
        };
        let mut app = Self {
            data_dir: options.data_dir,
            store,
            scheduler,
            notices,
            profiles: Vec::new(),
            profile: None,
            library: Vec::new(),
            stats: Vec::new(),
            recovered: Vec::new(),
            screen: Screen::Profiles,
            prefs,
            quiz: None,
            study: None,
            setup: None,
            note_deck: None,
            after_note: None,
            ui_state: UiScratch::default(),
            commands: Vec::new(),
            frames: 0,
            quit_after_frames: options.quit_after_frames,
            applied_style: None,
            title: String::new(),
            close_warned: false,
            pending_start: None,
            pending_present: None,
            watcher: None,
            editor: None,
            import: None,
            present: None,
            present_setup: None,
            stats_screen: None,
            stats_loading: None,
            class: super::class::ClassState::default(),
            link_opener: Box::new(|url: &str| webbrowser::open(url)),
        };
        // The folder for the user's own decks exists from the start, so it can be watched and
        // a teacher can find it from Settings.
        if let Err(e) = std::fs::create_dir_all(app.user_decks_dir()) {
            app.notice(
                NoticeLevel::Warning,
                format!(
                    "Cannot create the folder for your decks, {}: {e}",
                    app.user_decks_dir().display()
                ),
            );
        }
        app.clean_interrupted_saves();
        app.reload_library();
        app.refresh_profiles();
        app.pending_start = Some(options.start);
        if let Some(name) = options.profile.as_deref() {
            // Only a profile asked for on the command line is created by itself; found or made
            // in one transaction, so several windows starting with the same new name agree.
            match app.store.as_mut().map(|s| s.profile_named_or_created(name)) {
                Some(Ok(profile)) => {
                    app.refresh_profiles();
                    app.choose_profile(profile);
                }
                Some(Err(e)) => app.notice(NoticeLevel::Error, e.to_string()),
                None => app.create_profile(name),
            }
        } else if let Some(name) = app.prefs.last_profile.clone() {
            // The store matches names as it keeps them unique: trimmed, any case.
            match app.store.as_ref().map(|s| s.profile_by_name(&name)) {
                Some(Ok(Some(profile))) => app.choose_profile(profile),
                Some(Ok(None)) | None => {}
                Some(Err(e)) => app.notice(
                    NoticeLevel::Error,
                    format!("The last profile used, \"{name}\", could not be looked up: {e}"),
                ),
            }
        }
        app
    }

    /// The screen shown now.
    pub fn screen(&self) -> Screen {
        self.screen
    }

    /// The notices shown now.
    pub fn notices(&self) -> &[Notice] {
        &self.notices
    }

    /// The profile in use.
    pub fn profile(&self) -> Option<&Profile> {
        self.profile.as_ref()
    }

    /// The store, for tests that read back what was saved.
    pub fn store(&self) -> Option<&Store> {
        self.store.as_ref()
    }

    /// The data folder.
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// The kind of the question on screen in a quiz, such as `SingleChoice`.
    pub fn current_answer_kind(&self) -> Option<&'static str> {
        let quiz = self.quiz.as_ref().filter(|_| self.screen == Screen::Quiz)?;
        quiz.session
            .current_question()
            .map(|q| q.answer.kind_name())
    }

    /// The phase of the quiz in progress: `Answering`, `Feedback` or `Finished`.
    pub fn current_phase_name(&self) -> Option<&'static str> {
        self.quiz.as_ref().map(|q| match q.session.phase() {
            crate::quiz::Phase::Answering => "Answering",
            crate::quiz::Phase::Feedback => "Feedback",
            crate::quiz::Phase::Finished => "Finished",
        })
    }

    /// The deck open in the editor, as edited.
    pub fn editor_deck(&self) -> Option<&raw::Deck> {
        self.editor.as_ref().map(|e| &e.deck)
    }

    /// Where the deck open in the editor is saved.
    pub fn editor_path(&self) -> Option<&Path> {
        self.editor.as_ref().and_then(|e| e.path.as_deref())
    }

    /// The question ids in the presentation being set up, in order, with whether each is chosen.
    pub fn present_setup_order(&self) -> Option<Vec<(String, bool)>> {
        self.present_setup.as_ref().map(|s| s.order.clone())
    }

    /// The name of the theme in use.
    pub fn theme_name(&self) -> &'static str {
        self.prefs.theme.label()
    }

    /// Queues a command, as a screen would.
    pub fn push(&mut self, command: Command) {
        self.commands.push(command);
    }

    fn start(&mut self, start: &StartMode) {
        match start {
            StartMode::Library => {}
            StartMode::Quiz { deck, count, seed } => {
                if let Some(index) = self.find_or_open(deck) {
                    let config = QuizConfig {
                        count: *count,
                        seed: seed.unwrap_or_else(fresh_seed),
                        ..QuizConfig::default()
                    };
                    self.open_with_note(index, AfterNote::Quiz(index, config));
                }
            }
            StartMode::Present { deck } => {
                if let Some(index) = self.find_or_open(deck) {
                    self.pending_present = Some(index);
                }
            }
            StartMode::Study { deck } => {
                if let Some(index) = self.find_or_open(deck) {
                    self.open_with_note(index, AfterNote::Study(index));
                }
            }
        }
    }

    /// The library entry for a deck named on the command line: a file, or a deck id.
    fn find_or_open(&mut self, deck: &str) -> Option<usize> {
        let by_id = self
            .library
            .iter()
            .position(|e| e.deck.as_ref().is_ok_and(|d| d.id().as_str() == deck));
        if by_id.is_some() {
            return by_id;
        }
        let path = PathBuf::from(deck);
        if !path.exists() {
            self.notice(
                NoticeLevel::Error,
                format!(
                    "There is no deck file or deck id \"{deck}\". Pick a deck from the library instead."
                ),
            );
            return None;
        }
        self.open_deck_file(&path)
    }

    pub(crate) fn notice(&mut self, level: NoticeLevel, text: String) {
        if !self.notices.iter().any(|n| n.text == text) {
            self.notices.push(Notice { level, text });
        }
    }

    /// Says that a write failed. A write kept in the pending queue (the disk refused it) is one
    /// notice for all of them, with how many answers wait, replaced as the count changes;
    /// anything else is its own notice.
    fn write_failed_notice(&mut self, what: &str, error: &store::StoreError) {
        if !matches!(error, store::StoreError::WriteFailed { queued: true, .. }) {
            self.notice(
                NoticeLevel::Error,
                format!("Your {what} was not saved: {error}"),
            );
            return;
        }
        let answers = self.store.as_ref().map_or(0, Store::pending_answers);
        let waiting = match answers {
            0 => format!("Your {what} is not saved yet"),
            1 => "1 answer is not saved yet".to_owned(),
            n => format!("{n} answers are not saved yet"),
        };
        self.notices.retain(|n| !is_pending_notice(n));
        self.notices.push(Notice {
            level: NoticeLevel::Warning,
            text: format!("{waiting} ({PENDING_MARK}): {error}"),
        });
    }

    /// Opens `url` with the link opener, if it is a web link; says so when that fails.
    fn open_link(&mut self, url: &str) {
        // Deck validation already refuses other links; checked again because this is where a
        // link leaves the app (never `file:` or `javascript:`).
        if !deck::is_web_link(url) {
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

    /// Replaces how links are opened (tests record them instead of starting a browser).
    pub fn set_link_opener(&mut self, opener: LinkOpener) {
        self.link_opener = opener;
    }

    /// Loads the bundled decks, the user's decks folder and the opened files again.
    pub(crate) fn reload_library(&mut self) {
        let mut library = Vec::new();
        for (name, bytes) in deck::BUNDLED_DECKS {
            let path = PathBuf::from(name);
            library.push(LibraryEntry {
                origin: Origin::Bundled,
                deck: deck::parse_deck(bytes, &path)
                    .map(Arc::new)
                    .map_err(|e| e.0),
                path,
            });
        }
        let user_dir = self.user_decks_dir();
        if user_dir.is_dir() {
            let (files, unreadable) = deck::find_deck_files(&user_dir);
            for (dir, error) in unreadable {
                self.notice(
                    NoticeLevel::Warning,
                    format!("Cannot read the folder {}: {error}", dir.display()),
                );
            }
            for path in files {
                // Canonical, like opened files, so one file is never listed twice.
                let path = std::fs::canonicalize(&path).unwrap_or(path);
                library.push(LibraryEntry {
                    origin: Origin::UserFolder,
                    deck: deck::load_deck(&path).map(Arc::new).map_err(|e| e.0),
                    path,
                });
            }
        }
        for path in &self.prefs.opened_decks {
            if library.iter().any(|e| &e.path == path) {
                continue;
            }
            library.push(LibraryEntry {
                origin: Origin::Opened,
                deck: deck::load_deck(path).map(Arc::new).map_err(|e| e.0),
                path: path.clone(),
            });
        }
        self.library = library;
        self.recovered = orphan_recoveries(&user_dir);
    }

    /// Removes what saves cut short by a kill or a crash left where quizdesk saves (the decks
    /// folder, the exports, the folders of opened decks), by the rules of
    /// [`store::clean_interrupted_saves`]; says what could not be removed.
    fn clean_interrupted_saves(&mut self) {
        let mut folders = self.folders_to_watch();
        folders.push(self.data_dir.join("exports"));
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

    /// Where the user's own decks live.
    pub fn user_decks_dir(&self) -> PathBuf {
        self.data_dir.join("decks")
    }

    fn open_deck_file(&mut self, path: &Path) -> Option<usize> {
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
        if let Some(i) = self.library.iter().position(|e| e.path == path) {
            return Some(i);
        }
        if !self.prefs.opened_decks.contains(&path) {
            self.prefs.opened_decks.push(path.clone());
        }
        self.library.push(LibraryEntry {
            origin: Origin::Opened,
            deck: deck::load_deck(&path).map(Arc::new).map_err(|e| e.0),
            path,
        });
        Some(self.library.len() - 1)
    }

    /// Reads every deck's scores and due cards for the profile in use.
    fn refresh_stats(&mut self) {
        let (Some(store), Some(profile)) = (&self.store, &self.profile) else {
            self.stats = vec![None; self.library.len()];
            return;
        };
        let now = now_ms();
        self.stats = self
            .library
            .iter()
            .map(|entry| {
                let deck = entry.deck.as_ref().ok()?;
                let id = deck.id().as_str();
                let scores = store.deck_scores(profile.id, id).ok()?;
                let cards = store.card_states(profile.id, id).ok()?;
                Some(DeckStats {
                    scores,
                    due_today: crate::schedule::due_today(&cards, deck, now),
                })
            })
            .collect();
    }

    fn refresh_profiles(&mut self) {
        let Some(store) = &self.store else { return };
        match store.profiles() {
            Ok(profiles) => self.profiles = profiles,
            Err(e) => self.notice(NoticeLevel::Error, format!("Cannot read the profiles: {e}")),
        }
    }

    fn choose_profile(&mut self, profile: Profile) {
        self.prefs.last_profile = Some(profile.name.clone());
        self.profile = Some(profile);
        self.stats_screen = None;
        self.stats_loading = None;
        self.load_scheduler();
        self.screen = Screen::Library;
        self.refresh_stats();
        // A deck named on the command line opens once someone is studying.
        if let Some(start) = self.pending_start.take() {
            self.start(&start);
        }
    }

    fn create_profile(&mut self, name: &str) {
        let Some(store) = &mut self.store else {
            // Without a store there is nowhere to keep a profile; use one for this run only.
            self.notice(
                NoticeLevel::Warning,
                "This profile is kept only until quizdesk closes, because scores cannot be saved."
                    .to_owned(),
            );
            let profile = Profile {
                id: ProfileId(0),
                name: name.trim().to_owned(),
                created_ms: now_ms(),
            };
            self.choose_profile(profile);
            return;
        };
        match store.create_profile(name) {
            Ok(profile) => {
                self.refresh_profiles();
                self.choose_profile(profile);
            }
            Err(e) => self.notice(NoticeLevel::Error, e.to_string()),
        }
    }

    /// Opens a deck in a mode, showing its content note first when this profile has not seen it.
    fn open_with_note(&mut self, index: usize, then: AfterNote) {
        let Some(Ok(deck)) = self.library.get(index).map(|e| e.deck.clone()) else {
            return;
        };
        let seen = match (&self.store, &self.profile) {
            (Some(store), Some(profile)) => store
                .content_note_seen(profile.id, deck.id().as_str())
                .unwrap_or(false),
            _ => false,
        };
        if deck.content_note().is_some() && !seen {
            self.note_deck = Some(index);
            self.after_note = Some(then);
            self.screen = Screen::ContentNote;
        } else {
            self.go_after_note(then);
        }
    }

    fn go_after_note(&mut self, then: AfterNote) {
        match then {
            AfterNote::QuizSetup(index) => {
                self.setup = Some((
                    index,
                    QuizConfig {
                        seed: fresh_seed(),
                        ..QuizConfig::default()
                    },
                ));
                self.screen = Screen::QuizSetup;
            }
            AfterNote::Quiz(index, config) => self.start_quiz(index, config),
            AfterNote::Study(index) => self.start_study(index),
        }
    }

    fn start_quiz(&mut self, index: usize, config: QuizConfig) {
        let Some(Ok(deck)) = self.library.get(index).map(|e| e.deck.clone()) else {
            return;
        };
        let session = match QuizSession::new(deck.clone(), config) {
            Ok(s) => s,
            Err(e) => {
                self.notice(NoticeLevel::Error, format!("Cannot start the quiz: {e}"));
                return;
            }
        };
        let session_id = self.start_stored_session(&deck, Mode::Quiz, session.config());
        let draft = quiz::Draft::for_session(&session);
        self.quiz = Some(QuizState {
            session,
            deck_index: index,
            session_id,
            draft,
            shown_at_s: None,
            input_error: None,
        });
        self.screen = Screen::Quiz;
    }

    fn start_stored_session(
        &mut self,
        deck: &Deck,
        mode: Mode,
        config: &QuizConfig,
    ) -> Option<SessionId> {
        let (Some(store), Some(profile)) = (&mut self.store, &self.profile) else {
            return None;
        };
        let config_json = serde_json::to_string(config).unwrap_or_default();
        let result = store.start_session_or_queue(&NewSession {
            profile: profile.id,
            deck_id: deck.id().as_str(),
            deck_title: deck.title(),
            deck_version: deck.version(),
            mode,
            practice: config.only.is_some(),
            seed: config.seed,
            config_json,
            started_ms: now_ms(),
        });
        match result {
            Ok(SessionStart::Saved(id)) => Some(id),
            // The disk refused: the session and its answers wait in the queue, in order.
            Ok(SessionStart::Queued { id, error }) => {
                self.write_failed_notice("session", &error);
                Some(id)
            }
            Err(e) => {
                self.notice(
                    NoticeLevel::Error,
                    format!("This session could not be saved: {e}"),
                );
                None
            }
        }
    }

    fn start_study(&mut self, index: usize) {
        let Some(Ok(deck)) = self.library.get(index).map(|e| e.deck.clone()) else {
            return;
        };
        let (cards, new_seen_today) = match (&self.store, &self.profile) {
            (Some(store), Some(profile)) => {
                let id = deck.id().as_str();
                let read = store.card_states(profile.id, id).and_then(|cards| {
                    let now = now_ms();
                    // The learner's day, like the study calendar's.
                    let offset_ms = store.utc_offset_ms(now)?;
                    store
                        .new_cards_seen_today(profile.id, id, day_start_ms(now, offset_ms))
                        .map(|seen| (cards, seen))
                });
                match read {
                    Ok(read) => read,
                    Err(e) => {
                        // Studying as if every card were new would overwrite what was learned.
                        self.notice(
                            NoticeLevel::Error,
                            format!(
                                "Your flashcard progress cannot be read, so studying is paused: {e}"
                            ),
                        );
                        return;
                    }
                }
            }
            _ => (HashMap::new(), 0),
        };
        let config = QuizConfig::default();
        let session_id = self.start_stored_session(&deck, Mode::Study, &config);
        let mut study = StudyState {
            deck_index: index,
            deck,
            session_id,
            cards,
            queue: StudyQueue::default(),
            current: None,
            revealed: false,
            previews: None,
            shown_at_s: None,
            reviewed: 0,
            new_seen_today,
        };
        self.next_card(&mut study);
        self.study = Some(study);
        self.screen = Screen::Study;
    }

    /// Picks the next card to show: due cards first, then new ones.
    fn next_card(&self, study: &mut StudyState) {
        let now = now_ms();
        study.queue = crate::schedule::build_queue(
            &study.deck,
            &study.cards,
            now,
            self.prefs.new_cards_per_day,
            study.new_seen_today,
        );
        study.current = study.queue.due.first().or(study.queue.new.first()).cloned();
        study.revealed = false;
        study.shown_at_s = None;
        study.previews = match (&self.scheduler, &study.current) {
            (Some(scheduler), Some(id)) => scheduler.preview(study.cards.get(id), now).ok(),
            _ => None,
        };
    }

    fn apply(&mut self, command: Command, ctx: &egui::Context) {
        match command {
            Command::ChooseProfile(id) => {
                if let Some(p) = self.profiles.iter().find(|p| p.id == id).cloned() {
                    self.choose_profile(p);
                }
            }
            Command::CreateProfile(name) => {
                self.create_profile(&name);
                self.ui_state.new_profile_name.clear();
            }
            Command::RenameProfile(id, name) => {
                if let Some(store) = &mut self.store {
                    match store.rename_profile(id, &name) {
                        Ok(renamed) => {
                            if let Some(p) = self.profile.as_mut().filter(|p| p.id == id) {
                                self.prefs.last_profile = Some(renamed.name.clone());
                                *p = renamed;
                            }
                            self.ui_state.rename = None;
                        }
                        Err(e) => self.notice(NoticeLevel::Error, e.to_string()),
                    }
                }
                self.refresh_profiles();
            }
            Command::DeleteProfile(id) => {
                let deleted = match &mut self.store {
                    Some(store) => match store.delete_profile(id) {
                        Ok(()) => true,
                        Err(e) => {
                            self.notice(NoticeLevel::Error, e.to_string());
                            false
                        }
                    },
                    None => false,
                };
                self.ui_state.confirm_delete = None;
                if deleted && self.profile.as_ref().is_some_and(|p| p.id == id) {
                    self.profile = None;
                    self.prefs.last_profile = None;
                    self.stats_screen = None;
                    self.stats_loading = None;
                    self.load_scheduler();
                    self.screen = Screen::Profiles;
                }
                self.refresh_profiles();
            }
            Command::OpenLink(url) => self.open_link(&url),
            Command::Go(screen) => {
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
            Command::SetUpQuiz(index) => self.open_with_note(index, AfterNote::QuizSetup(index)),
            Command::StartQuiz(index, config) => self.start_quiz(index, config),
            Command::StartStudy(index) => self.open_with_note(index, AfterNote::Study(index)),
            Command::ContinueAfterNote => {
                if let (Some(index), Some(store), Some(profile)) =
                    (self.note_deck, &mut self.store, &self.profile)
                    && let Some(Ok(deck)) = self.library.get(index).map(|e| &e.deck)
                    && let Err(e) =
                        store.mark_content_note_seen(profile.id, deck.id().as_str(), now_ms())
                {
                    self.notices.push(Notice {
                        level: NoticeLevel::Warning,
                        text: format!("Could not remember that the note was read: {e}"),
                    });
                }
                self.note_deck = None;
                if let Some(then) = self.after_note.take() {
                    self.go_after_note(then);
                } else {
                    self.screen = Screen::Library;
                }
            }
            // A command for a question that is no longer on screen (the time ran out in the same
            // frame as a click, say) must not land on the next question.
            Command::Submit(n, response) if self.is_current_question(n) => {
                self.submit(response, ctx);
            }
            Command::TimeOut(n) if self.is_current_question(n) => {
                self.submit(Response::NoAnswer, ctx);
            }
            Command::Submit(..) | Command::TimeOut(_) => {}
            Command::NextQuestion(n) => {
                if let Some(q) = self
                    .quiz
                    .as_mut()
                    .filter(|q| q.session.current_index() == n)
                {
                    // Only possible from the feedback; a stray Enter elsewhere does nothing.
                    let _ = q.session.next();
                    q.draft = quiz::Draft::for_session(&q.session);
                    q.shown_at_s = None;
                    q.input_error = None;
                    if q.session.phase() == crate::quiz::Phase::Finished {
                        self.finish_quiz();
                    }
                }
            }
            Command::RetryMissed => {
                let Some(q) = &self.quiz else { return };
                let missed = q.session.results().missed_ids();
                if missed.is_empty() {
                    return;
                }
                let config = QuizConfig {
                    count: None,
                    only: Some(missed),
                    seed: fresh_seed(),
                    ..q.session.config().clone()
                };
                let index = q.deck_index;
                self.start_quiz(index, config);
            }
            Command::RevealCard => {
                if let Some(s) = &mut self.study {
                    s.revealed = true;
                }
            }
            Command::GradeCard(rating) => self.grade_card(rating, ctx),
            Command::RefreshStudy => {
                if let Some(mut study) = self.study.take() {
                    if study.current.is_none() {
                        self.next_card(&mut study);
                    }
                    self.study = Some(study);
                }
            }
            Command::SetTheme(theme) => self.prefs.theme = theme,
            Command::SetTextScale(percent) => {
                self.prefs.text_scale_percent = percent.clamp(
                    *style::TEXT_SCALE_RANGE_PERCENT.start(),
                    *style::TEXT_SCALE_RANGE_PERCENT.end(),
                );
            }
            Command::OpenDeckFile(path) => {
                if path.is_file() {
                    self.open_deck_file(&path);
                    self.refresh_stats();
                    self.ui_state.open_deck_dialog = false;
                    self.ui_state.open_deck_path.clear();
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
            Command::StartPresentation(index) => self.start_presentation(index, None, ctx),
            Command::StartPresentationWith(index, ids) => {
                self.present_setup = None;
                self.start_presentation(index, Some(&ids), ctx);
            }
            Command::SetUpPresentation(index) => {
                let Some(Ok(deck)) = self.library.get(index).map(|e| e.deck.clone()) else {
                    return;
                };
                let plans = match &self.store {
                    Some(store) => store.plans(deck.id().as_str()).unwrap_or_else(|e| {
                        self.notices.push(Notice {
                            level: NoticeLevel::Warning,
                            text: format!("The saved plans cannot be read: {e}"),
                        });
                        Vec::new()
                    }),
                    None => Vec::new(),
                };
                self.present_setup = Some(present::PresentSetup::new(deck, index, plans));
                self.screen = Screen::PresentSetup;
            }
            Command::SavePlan(deck_id, name, ids) => {
                let Some(store) = &mut self.store else { return };
                match store.save_plan(&deck_id, &name, &ids, now_ms()) {
                    Ok(()) => {
                        let plans = store.plans(&deck_id).unwrap_or_default();
                        if let Some(setup) = &mut self.present_setup {
                            setup.plans = plans;
                            setup.plan_name.clear();
                        }
                        self.notice(NoticeLevel::Info, format!("The plan \"{name}\" is saved."));
                    }
                    Err(e) => {
                        self.notice(NoticeLevel::Error, format!("The plan was not saved: {e}"));
                    }
                }
            }
            Command::PresentGo(stage) => self.present_go(stage),
            Command::PresentTally(n, correct, answered) => self.present_tally(n, correct, answered),
            Command::LeavePresentation => {
                if let (Some(store), Some(id)) = (
                    &mut self.store,
                    self.present.as_ref().and_then(|p| p.presentation),
                ) && let Err(e) = store.finish_presentation(id, now_ms())
                {
                    self.write_failed_notice("end of the presentation", &e);
                }
                self.present = None;
                ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
                self.screen = if self.profile.is_some() {
                    Screen::Library
                } else {
                    Screen::Profiles
                };
            }
            Command::ExportPresentations => self.export_presentations(),
            Command::OpenStats(scope) => self.open_stats(scope, ctx),
            Command::StatsScope(scope) => {
                if let Some(state) = &mut self.stats_screen {
                    state.show(scope, now_ms());
                }
            }
            Command::StatsQuestionsShown(shown) => {
                if let Some(state) = &mut self.stats_screen {
                    state.questions_shown = shown;
                }
            }
            Command::PractiseQuestion(deck_id, question_id) => {
                // The deck and the id are looked up now (the library may have reloaded since the
                // screen opened), so only a question the deck has can be asked.
                let Some(index) = self.library_index(&deck_id) else {
                    self.notice(
                        NoticeLevel::Warning,
                        format!("The deck {deck_id} is no longer in the library."),
                    );
                    return;
                };
                let Some(id) = self
                    .library_deck(&deck_id)
                    .and_then(|d| d.questions().iter().find(|q| q.id.as_str() == question_id))
                    .map(|q| q.id.clone())
                else {
                    self.notice(
                        NoticeLevel::Warning,
                        "That question is no longer in the deck.".to_owned(),
                    );
                    return;
                };
                let config = QuizConfig {
                    seed: fresh_seed(),
                    only: Some(vec![id]),
                    ..QuizConfig::default()
                };
                self.open_with_note(index, AfterNote::Quiz(index, config));
            }
            Command::ExportResults => self.export_results(),
            Command::OptimizeFsrs => self.optimize_fsrs(ctx),
            Command::UseOptimizedFsrs => self.use_optimized_fsrs(),
            Command::DiscardOptimizedFsrs => {
                if let Some(state) = &mut self.stats_screen {
                    state.fsrs.run = super::stats::OptimizerRun::Idle;
                }
            }
            Command::ResetFsrs => self.reset_fsrs(),
            Command::ImportRead(path) => self.read_import(&path),
            Command::ImportOptionsChanged(options) => {
                if let Some(state) = &mut self.import {
                    state.result =
                        crate::import::import_bytes(&state.bytes, state.format, None, &options);
                    state.options = options;
                }
            }
            Command::ImportSave => self.save_import(),
            Command::ImportEdit => {
                if let Some(Ok(imported)) = self.import.take().map(|s| s.result) {
                    let (id, path) = self.fresh_deck_file(&imported.deck.id);
                    let mut deck = imported.deck;
                    deck.id = id;
                    self.editor = Some(EditorState::new(Some(path), deck, false));
                    self.screen = Screen::Editor;
                    self.ui_state.import_dialog = false;
                }
            }
            Command::Class(command) => self.apply_class(command),
            Command::ImportClose => {
                self.import = None;
                self.ui_state.import_dialog = false;
            }
            Command::OpenEditor(index) => self.open_editor(index),
            Command::EditDeck(deck) => {
                let now_s = ctx.input(|i| i.time);
                if let Some(editor) = &mut self.editor {
                    // Typing in one burst is one undo step.
                    if now_s - editor.last_edit_s > 1.0 || editor.undo.is_empty() {
                        editor.undo.push(editor.deck.clone());
                    }
                    editor.redo.clear();
                    editor.last_edit_s = now_s;
                    editor.set_deck(*deck);
                }
            }
            Command::Undo => {
                if let Some(editor) = &mut self.editor
                    && let Some(previous) = editor.undo.pop()
                {
                    editor.redo.push(editor.deck.clone());
                    editor.set_deck(previous);
                    editor.last_edit_s = f64::NEG_INFINITY;
                }
            }
            Command::Redo => {
                if let Some(editor) = &mut self.editor
                    && let Some(next) = editor.redo.pop()
                {
                    editor.undo.push(editor.deck.clone());
                    editor.set_deck(next);
                    editor.last_edit_s = f64::NEG_INFINITY;
                }
            }
            Command::SaveDeck => self.save_deck(),
            Command::CloseEditor => {
                if let Some(editor) = &mut self.editor {
                    if editor.is_dirty() {
                        editor.confirm_close = Some(Screen::Library);
                    } else {
                        self.leave_editor(Screen::Library, ctx);
                    }
                }
            }
            Command::LeaveEditor(then) => {
                // "Save and close" saves first; a failed save keeps the editor open.
                if self.editor.as_ref().is_some_and(|e| !e.is_dirty()) {
                    self.leave_editor(then, ctx);
                }
            }
            Command::DiscardAndLeaveEditor(then) => {
                self.remove_recovery();
                self.leave_editor(then, ctx);
            }
            Command::KeepEditing => {
                if let Some(editor) = &mut self.editor {
                    editor.confirm_close = None;
                    editor.quit_after = false;
                }
            }
            Command::RestoreRecovery => {
                let restored = self
                    .editor
                    .as_ref()
                    .and_then(|e| e.recovery_offer.clone())
                    .map(|path| {
                        deck::read_deck_bytes(&path)
                            .map_err(|e| e.report().render())
                            .and_then(|bytes| {
                                deck::parse_raw(&bytes, &path).map_err(|e| e.to_string())
                            })
                    });
                match restored {
                    Some(Ok(deck)) => {
                        if let Some(editor) = &mut self.editor {
                            editor.undo.push(editor.deck.clone());
                            editor.set_deck(deck);
                            editor.recovery_offer = None;
                        }
                    }
                    Some(Err(e)) => self.notice(
                        NoticeLevel::Error,
                        format!("The autosaved copy cannot be read: {e}"),
                    ),
                    None => {}
                }
            }
            Command::OpenRecovered(recovery) => {
                let read = deck::read_deck_bytes(&recovery)
                    .map_err(|e| e.report().render())
                    .and_then(|bytes| {
                        deck::parse_raw(&bytes, &recovery).map_err(|e| e.report().render_first(10))
                    });
                match (read, deck_file_of_recovery(&recovery)) {
                    (Ok(deck), Some(path)) => {
                        let mut editor = EditorState::new(Some(path), deck, false);
                        // It is already the recovered copy: nothing else to offer.
                        editor.recovery_offer = None;
                        self.editor = Some(editor);
                        self.screen = Screen::Editor;
                    }
                    (Err(e), _) => self.notice(
                        NoticeLevel::Error,
                        format!("The autosaved deck cannot be read: {e}"),
                    ),
                    (_, None) => {}
                }
            }
            Command::DiscardRecovered(recovery) => {
                if let Err(e) = store::remove_file_if_exists(&recovery) {
                    self.notice(NoticeLevel::Error, format!("Could not delete it: {e}"));
                }
                self.recovered.retain(|p| p != &recovery);
            }
            Command::DiscardRecovery => {
                self.remove_recovery();
                if let Some(editor) = &mut self.editor {
                    editor.recovery_offer = None;
                }
            }
            Command::ReloadLibrary => {
                self.reload_library();
                self.refresh_stats();
            }
            Command::DismissNotice(i) => {
                if i < self.notices.len() {
                    self.notices.remove(i);
                }
            }
        }
    }

    /// Starts presenting library entry `index`: full screen, high contrast, title first.
    fn start_presentation(&mut self, index: usize, plan: Option<&[String]>, ctx: &egui::Context) {
        let Some(Ok(deck)) = self.library.get(index).map(|e| e.deck.clone()) else {
            return;
        };
        let Some(mut state) = present::PresentState::new(deck.clone(), plan) else {
            return;
        };
        if let Some(store) = &mut self.store {
            match store.start_presentation(deck.id().as_str(), deck.title(), now_ms()) {
                Ok(id) => state.presentation = Some(id),
                Err(e) => self.notice(
                    NoticeLevel::Warning,
                    format!("This presentation will not be recorded: {e}"),
                ),
            }
        }
        self.present = Some(state);
        self.screen = Screen::Present;
        ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(true));
    }

    /// The question id at position `n` of the presentation.
    fn presented_question_id(&self, n: usize) -> Option<String> {
        let state = self.present.as_ref()?;
        let item = state.item(n)?;
        Some(
            state
                .deck
                .questions()
                .get(item.question_index)?
                .id
                .to_string(),
        )
    }

    /// Moves the presentation to `stage`, recording each question when it is first shown.
    fn present_go(&mut self, stage: present::Stage) {
        let Some(state) = &mut self.present else {
            return;
        };
        let changed_question = match (state.stage, stage) {
            (present::Stage::Question { n: a, .. }, present::Stage::Question { n: b, .. }) => {
                a != b
            }
            (_, present::Stage::Question { .. }) => true,
            _ => false,
        };
        state.stage = stage;
        state.confirm_leave = false;
        let present::Stage::Question { n, .. } = stage else {
            return;
        };
        if !changed_question {
            return;
        }
        state.timer_left_s = None;
        state.timer_started_s = None;
        state.tally_draft = state.tallies.get(n).copied().flatten().unwrap_or((0, 0));
        let presentation = state.presentation;
        let question_id = self.presented_question_id(n);
        if let (Some(store), Some(id), Some(question_id)) =
            (&mut self.store, presentation, question_id)
            && let Err(e) = store.record_shown(
                id,
                u32::try_from(n).unwrap_or(u32::MAX),
                &question_id,
                now_ms(),
            )
        {
            self.write_failed_notice("presentation record", &e);
        }
    }

    /// Keeps the room's show of hands for question `n`, anonymously.
    fn present_tally(&mut self, n: usize, correct: u32, answered: u32) {
        let question_id = self.presented_question_id(n);
        let Some(state) = &mut self.present else {
            return;
        };
        if let Some(slot) = state.tallies.get_mut(n) {
            *slot = Some((correct, answered));
        }
        if let (Some(store), Some(id), Some(question_id)) =
            (&mut self.store, state.presentation, question_id)
            && let Err(e) = store.record_tally(id, &question_id, correct, answered)
        {
            self.write_failed_notice("count of hands", &e);
        }
    }

    /// Writes every presentation record to `exports/presentations-<time>.csv` in the data folder.
    /// Schedules flashcards with the profile's optimized FSRS parameters, or FSRS's defaults.
    fn load_scheduler(&mut self) {
        let stored = match (&self.store, &self.profile) {
            (Some(store), Some(profile)) => store.fsrs_parameters(profile.id),
            _ => Ok(None),
        };
        let chosen = match stored {
            Ok(Some(stored)) => Scheduler::with_parameters(&stored.parameters).map_err(|e| {
                format!(
                    "Your optimized FSRS parameters cannot be used ({e}); flashcards use FSRS's \
                     defaults. Optimize again from Progress."
                )
            }),
            Ok(None) => Scheduler::new().map_err(|e| format!("Flashcards are unavailable: {e}")),
            Err(e) => Err(format!(
                "Your FSRS parameters cannot be read ({e}); flashcards use FSRS's defaults."
            )),
        };
        match chosen {
            Ok(scheduler) => self.scheduler = Some(scheduler),
            Err(text) => {
                self.notice(NoticeLevel::Warning, text);
                self.scheduler = Scheduler::new().ok();
            }
        }
    }

    /// Starts fitting FSRS's parameters to the profile's reviews on a worker thread; the Stats
    /// screen shows the result when it comes.
    fn optimize_fsrs(&mut self, ctx: &egui::Context) {
        let (Some(store), Some(profile)) = (&self.store, &self.profile) else {
            return;
        };
        let Some(scheduler) = &self.scheduler else {
            self.notice(
                NoticeLevel::Error,
                "Flashcards are unavailable here, so there is no schedule to optimize.".to_owned(),
            );
            return;
        };
        // The reviews are read on the worker too, through its own connection: a long history
        // must not hold up the window.
        let reader = store.reader();
        let profile_id = profile.id;
        let current = scheduler.parameters().to_vec();
        let job = super::stats::Job::spawn(ctx, move || {
            super::stats::optimize_reviews(&reader, profile_id, &current)
        });
        if let Some(state) = &mut self.stats_screen {
            state.fsrs.run = super::stats::OptimizerRun::Running(job);
        }
    }

    /// Keeps the parameters just fitted for the profile and schedules with them.
    fn use_optimized_fsrs(&mut self) {
        let (Some(store), Some(profile), Some(state)) =
            (&mut self.store, &self.profile, &mut self.stats_screen)
        else {
            return;
        };
        let super::stats::OptimizerRun::Done(optimized) = &state.fsrs.run else {
            return;
        };
        let stored = store::StoredParameters {
            parameters: optimized.parameters.clone(),
            optimized_ms: now_ms(),
            reviews: u32::try_from(optimized.reviews).unwrap_or(u32::MAX),
            log_loss_before: f64::from(optimized.before.log_loss),
            log_loss_after: f64::from(optimized.after.log_loss),
            rmse_before: f64::from(optimized.before.rmse_bins),
            rmse_after: f64::from(optimized.after.rmse_bins),
        };
        match store.save_fsrs_parameters(profile.id, &stored) {
            Ok(()) => {
                state.fsrs.stored = Some(stored);
                state.fsrs.run = super::stats::OptimizerRun::Idle;
                self.load_scheduler();
                self.notice(
                    NoticeLevel::Info,
                    "Flashcards are now scheduled with parameters fitted to your reviews."
                        .to_owned(),
                );
            }
            Err(e) => self.notice(
                NoticeLevel::Error,
                format!("The new parameters were not saved: {e}"),
            ),
        }
    }

    /// Goes back to FSRS's default parameters for the profile.
    fn reset_fsrs(&mut self) {
        let (Some(store), Some(profile)) = (&mut self.store, &self.profile) else {
            return;
        };
        match store.reset_fsrs_parameters(profile.id) {
            Ok(()) => {
                if let Some(state) = &mut self.stats_screen {
                    state.fsrs.stored = None;
                }
                self.load_scheduler();
                self.notice(
                    NoticeLevel::Info,
                    "Flashcards are scheduled with FSRS's default parameters again.".to_owned(),
                );
            }
            Err(e) => self.notice(
                NoticeLevel::Error,
                format!("The parameters were not reset: {e}"),
            ),
        }
    }

    /// Opens the Stats screen for `scope`; the profile's history is read on a worker thread,
    /// so a long one never holds up the window.
    fn open_stats(&mut self, scope: crate::stats::Scope, ctx: &egui::Context) {
        let (Some(store), Some(profile)) = (&self.store, &self.profile) else {
            self.notice(
                NoticeLevel::Error,
                "There is no progress to show: scores cannot be saved here.".to_owned(),
            );
            return;
        };
        let library = self
            .library
            .iter()
            .filter_map(|e| e.deck.as_ref().ok().cloned())
            .collect();
        let mut loading =
            super::stats::StatsLoading::start(store.reader(), profile.id, library, scope, ctx);
        // A fit still running, or waiting to be used, is not lost by leaving the screen.
        if let Some(previous) = self.stats_screen.take() {
            loading.run = previous.fsrs.run;
        } else if let Some(previous) = self.stats_loading.take() {
            loading.run = previous.run;
        }
        self.stats_loading = Some(loading);
        self.screen = Screen::Stats;
    }

    /// Shows the Stats screen once its worker has read it.
    fn poll_stats_loading(&mut self) {
        let Some(loading) = &mut self.stats_loading else {
            return;
        };
        let Some(loaded) = loading
            .job
            .poll("Your progress cannot be shown: reading it stopped unexpectedly.")
        else {
            return;
        };
        let run = std::mem::take(&mut loading.run);
        self.stats_loading = None;
        match loaded {
            Ok(mut state) => {
                state.fsrs.run = run;
                self.stats_screen = Some(state);
            }
            Err(why) => {
                self.notice(NoticeLevel::Error, why);
                if self.screen == Screen::Stats {
                    self.screen = Screen::Library;
                }
            }
        }
    }

    /// Writes the profile's results file (every session and answer, with deck versions) to the
    /// exports folder, for a teacher's class import.
    fn export_results(&mut self) {
        let (Some(store), Some(profile)) = (&self.store, &self.profile) else {
            self.notice(
                NoticeLevel::Error,
                "There are no results: scores cannot be saved here.".to_owned(),
            );
            return;
        };
        let read = store
            .history(Some(profile.id))
            .and_then(|sessions| Ok((store.install_id()?, sessions)));
        let (install_id, sessions) = match read {
            Ok(read) => read,
            Err(e) => {
                self.notice(
                    NoticeLevel::Error,
                    format!("Your results cannot be read: {e}"),
                );
                return;
            }
        };
        let exported_ms = now_ms();
        let count = sessions.len();
        let file = crate::class::ResultsFile::new(install_id, exported_ms, sessions);
        let safe_name: String = profile
            .name
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { '-' })
            .collect();
        let written = serde_json::to_vec_pretty(&file)
            .map_err(|e| e.to_string())
            .and_then(|bytes| self.write_export(&format!("results-{safe_name}"), "json", &bytes));
        match written {
            Ok(path) => self.notice(
                NoticeLevel::Info,
                format!(
                    "Your results ({count} session(s)) were written to {}. Give this file to \
                     your teacher.",
                    path.display()
                ),
            ),
            Err(e) => self.notice(
                NoticeLevel::Error,
                format!("Your results were not written: {e}"),
            ),
        }
    }

    /// The library's deck with this id, if it loaded.
    pub(crate) fn library_deck(&self, deck_id: &str) -> Option<&Deck> {
        self.library_index(deck_id)
            .and_then(|i| self.library[i].deck.as_ref().ok())
            .map(AsRef::as_ref)
    }

    /// The index of the library's deck with this id, if it loaded.
    pub(crate) fn library_index(&self, deck_id: &str) -> Option<usize> {
        self.library
            .iter()
            .position(|e| e.deck.as_ref().is_ok_and(|d| d.id().as_str() == deck_id))
    }

    /// Writes an export to `exports/<name>-<UTC time>.<extension>` in the data folder,
    /// atomically and never over an earlier export; the path written, or why not (with the
    /// path tried).
    pub(crate) fn write_export(
        &self,
        name: &str,
        extension: &str,
        bytes: &[u8],
    ) -> Result<PathBuf, String> {
        let dir = self.data_dir.join("exports");
        let stamp = store::utc_iso8601(now_ms()).replace(':', "-");
        let mut path = dir.join(format!("{name}-{stamp}.{extension}"));
        let mut n = 2;
        while path.exists() {
            path = dir.join(format!("{name}-{stamp}-{n}.{extension}"));
            n += 1;
        }
        std::fs::create_dir_all(&dir)
            .map_err(|e| e.to_string())
            .and_then(|()| store::write_file_atomic(&path, bytes).map_err(|e| e.to_string()))
            .map(|()| path.clone())
            .map_err(|e| format!("{} ({e})", path.display()))
    }

    fn export_presentations(&mut self) {
        let Some(store) = &self.store else {
            self.notice(
                NoticeLevel::Error,
                "There are no records: scores cannot be saved here.".to_owned(),
            );
            return;
        };
        let records = match store.presentations() {
            Ok(records) => records,
            Err(e) => {
                self.notice(
                    NoticeLevel::Error,
                    format!("The records cannot be read: {e}"),
                );
                return;
            }
        };
        let csv = store::presentations_csv(&records);
        match self.write_export("presentations", "csv", csv.as_bytes()) {
            Ok(path) => self.notice(
                NoticeLevel::Info,
                format!(
                    "{} presentation record(s) written to {}",
                    records.len(),
                    path.display()
                ),
            ),
            Err(e) => self.notice(
                NoticeLevel::Error,
                format!("The records were not written: {e}"),
            ),
        }
    }

    /// Reads a file to import and previews what comes in with default options.
    fn read_import(&mut self, path: &Path) {
        let bytes = match crate::import::read_import_file(path) {
            Ok(bytes) => bytes,
            Err(e) => {
                self.notice(NoticeLevel::Error, format!("Cannot import: {e}"));
                return;
            }
        };
        let stem = path.file_stem().map_or_else(
            || "imported".to_owned(),
            |s| s.to_string_lossy().into_owned(),
        );
        let options = ImportOptions {
            deck_id: deck::question_id_from_prompt(&stem, &std::collections::HashSet::new()),
            title: stem,
            language: "en".to_owned(),
            as_choice: false,
            seed: 1,
        };
        let format = crate::import::ImportFormat::of_path(path);
        let result = crate::import::import_bytes(&bytes, format, None, &options);
        self.import = Some(super::import::ImportState {
            path: path.to_owned(),
            format,
            bytes,
            options,
            result,
        });
    }

    /// Writes the imported deck into the user's decks folder, never over another deck.
    fn save_import(&mut self) {
        let Some(Ok(imported)) = self.import.as_ref().map(|s| &s.result) else {
            return;
        };
        let (id, path) = self.fresh_deck_file(&imported.deck.id);
        let mut deck = imported.deck.clone();
        deck.id = id;
        // Checked before anything is written: a deck over the size limit could not be opened.
        let text = match deck::deck_file_text(&deck) {
            Ok(text) => text,
            Err(e) => {
                self.notice(NoticeLevel::Error, format!("The deck was not written: {e}"));
                return;
            }
        };
        match store::write_file_atomic(&path, text.as_bytes()) {
            Ok(()) => {
                self.notice(
                    NoticeLevel::Info,
                    format!(
                        "Imported {} question(s) into {}.",
                        imported.deck.questions.len(),
                        path.display()
                    ),
                );
                self.import = None;
                self.ui_state.import_dialog = false;
                self.reload_library();
                self.refresh_stats();
            }
            Err(e) => self.notice(NoticeLevel::Error, format!("The deck was not written: {e}")),
        }
    }

    /// Opens a library deck (bundled ones as a copy in the user's decks folder), or a new deck.
    /// A deck id no library deck has, and a file for it in the user's decks folder that does
    /// not exist yet: `wanted`, or `wanted-2`, `wanted-3`… Scores are kept by deck id, so a new
    /// deck must never share one; and a new file must never replace another deck.
    fn fresh_deck_file(&self, wanted: &str) -> (String, PathBuf) {
        let base = if deck::is_valid_id(wanted) {
            wanted.to_owned()
        } else {
            deck::question_id_from_prompt(wanted, &std::collections::HashSet::new())
        };
        let dir = self.user_decks_dir();
        let taken = |id: &str| {
            let file = dir.join(format!("{id}.ron"));
            self.library
                .iter()
                .any(|e| e.deck.as_ref().is_ok_and(|d| d.id().as_str() == id))
                || file.exists()
                || store::recovery_path(&file).exists()
        };
        let mut id = base.clone();
        let mut n = 2;
        while taken(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        let path = dir.join(format!("{id}.ron"));
        (id, path)
    }

    fn open_editor(&mut self, index: Option<usize>) {
        let user_dir = self.user_decks_dir();
        let (path, deck, on_disk) = match index.and_then(|i| self.library.get(i)) {
            None => {
                let (id, path) = self.fresh_deck_file("my-deck");
                let deck = raw::Deck {
                    id,
                    title: "My deck".to_owned(),
                    description: String::new(),
                    language: "en".to_owned(),
                    authors: self.profile.iter().map(|p| p.name.clone()).collect(),
                    version: 1,
                    content_note: None,
                    sources: Vec::new(),
                    resources: Vec::new(),
                    questions: Vec::new(),
                    sessions: Vec::new(),
                };
                (Some(path), deck, false)
            }
            Some(entry) if entry.origin == Origin::Bundled => {
                let Ok(validated) = &entry.deck else { return };
                let copy_id = format!("{}-copy", validated.id());
                let existing = user_dir.join(format!("{copy_id}.ron"));
                let existing = std::fs::canonicalize(&existing).unwrap_or(existing);
                if let Some(i) = self.library.iter().position(|e| e.path == existing) {
                    // The teacher's copy exists already: edit it, never a second copy over it.
                    return self.open_editor(Some(i));
                }
                let mut deck = deck::from_validated(validated);
                // A copy is a deck of its own: its own id, so its scores stay apart.
                let (id, path) = self.fresh_deck_file(&copy_id);
                deck.id = id;
                deck.title = format!("{} (copy)", deck.title);
                (Some(path), deck, false)
            }
            Some(entry) => {
                // Bounded: a 3 GB file is refused without being read.
                let read = deck::read_deck_bytes(&entry.path)
                    .map_err(|e| e.report().render())
                    .and_then(|bytes| {
                        deck::parse_raw(&bytes, &entry.path)
                            .map(|deck| (deck, has_comments(&bytes)))
                            .map_err(|e| e.report().render_first(10))
                    });
                match read {
                    Ok((deck, comments)) => {
                        let path = entry.path.clone();
                        self.editor = Some(EditorState {
                            had_comments: comments,
                            ..EditorState::new(Some(path), deck, true)
                        });
                        self.screen = Screen::Editor;
                        return;
                    }
                    Err(e) => {
                        self.notice(
                            NoticeLevel::Error,
                            format!(
                                "This deck cannot be opened in the editor until its text is fixed in a text editor:\n{e}"
                            ),
                        );
                        return;
                    }
                }
            }
        };
        self.editor = Some(EditorState::new(path, deck, on_disk));
        self.screen = Screen::Editor;
    }

    /// Saves the deck being edited: pretty RON, written atomically, the previous version kept.
    fn save_deck(&mut self) {
        let user_dir = self.user_decks_dir();
        let Some(editor) = &mut self.editor else {
            return;
        };
        // Every deck in the editor has its file from the start (chosen never to replace
        // another deck); this is only a fallback.
        let path = editor
            .path
            .clone()
            .unwrap_or_else(|| user_dir.join("untitled-deck.ron"));
        let text = match deck::deck_file_text(&editor.deck) {
            Ok(text) => text,
            Err(e) => {
                // Nothing written: the file keeps its last saved version.
                self.notice(NoticeLevel::Error, format!("The deck was not saved: {e}"));
                return;
            }
        };
        match store::write_file_atomic(&path, text.as_bytes()) {
            Ok(()) => {
                editor.saved = editor.deck.clone();
                editor.path = Some(path.clone());
                // Saved ids are kept for good.
                editor.auto_ids.clear();
                // Warnings alone do not make a draft: the deck works as it is.
                let problems = editor
                    .problems
                    .iter()
                    .filter(|p| p.severity() == deck::Severity::Error)
                    .count();
                self.remove_recovery();
                if problems > 0 {
                    self.notice(
                        NoticeLevel::Warning,
                        format!(
                            "Saved {} as a draft: it has {problems} problem(s), so the library shows it as not ready until they are fixed.",
                            path.display()
                        ),
                    );
                }
                self.reload_library();
                self.refresh_stats();
            }
            Err(e) => self.notice(NoticeLevel::Error, format!("The deck was not saved: {e}")),
        }
    }

    fn remove_recovery(&mut self) {
        let Some(path) = self.editor.as_ref().and_then(|e| e.path.clone()) else {
            return;
        };
        if let Err(e) = store::remove_file_if_exists(&store::recovery_path(&path)) {
            self.notice(
                NoticeLevel::Warning,
                format!("The autosaved copy could not be removed: {e}"),
            );
        }
    }

    fn leave_editor(&mut self, then: Screen, ctx: &egui::Context) {
        let quit = self.editor.as_ref().is_some_and(|e| e.quit_after);
        self.editor = None;
        self.screen = then;
        self.refresh_stats();
        if quit {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    /// Writes the edited deck beside its file every few seconds while it has unsaved changes,
    /// so a crash loses little; offered back the next time the deck is opened.
    fn autosave_editor(&mut self, ctx: &egui::Context) {
        let now_s = ctx.input(|i| i.time);
        let Some(editor) = &mut self.editor else {
            return;
        };
        let Some(path) = &editor.path else { return };
        // While an earlier session's copy is offered, writing would replace it before the
        // teacher chooses.
        if !editor.is_dirty() || editor.recovery_offer.is_some() || now_s - editor.autosaved_s < 5.0
        {
            return;
        }
        editor.autosaved_s = now_s;
        let written = deck::deck_file_text(&editor.deck)
            .map_err(|e| e.to_string())
            .and_then(|text| {
                store::write_autosave(&store::recovery_path(path), text.as_bytes())
                    .map_err(|e| e.to_string())
            });
        if let Err(e) = written {
            self.notice(
                NoticeLevel::Warning,
                format!("Unsaved changes could not be autosaved: {e}"),
            );
        }
    }

    /// The window's close button with unsaved editor changes asks first.
    fn guard_close_with_unsaved_edits(&mut self, ctx: &egui::Context) {
        let Some(editor) = &mut self.editor else {
            return;
        };
        // Held back every time while there are unsaved edits: the prompt's "Close without
        // saving" is the way to quit without them.
        if editor.is_dirty() && ctx.input(|i| i.viewport().close_requested()) {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            editor.quit_after = true;
            editor.confirm_close = Some(Screen::Library);
            self.screen = Screen::Editor;
        }
    }

    fn is_current_question(&self, n: usize) -> bool {
        self.quiz
            .as_ref()
            .is_some_and(|q| q.session.current_index() == n)
    }

    fn submit(&mut self, response: Response, ctx: &egui::Context) {
        let now_s = ctx.input(|i| i.time);
        // If the session could not be stored when the quiz started (the disk was busy or full),
        // try again now, so this answer has somewhere to go.
        if let Some(q) = self.quiz.as_ref().filter(|q| q.session_id.is_none())
            && self.store.is_some()
            && self.profile.is_some()
        {
            let (deck, config) = (q.session.deck().clone(), q.session.config().clone());
            let id = self.start_stored_session(&deck, Mode::Quiz, &config);
            if let Some(q) = &mut self.quiz {
                q.session_id = id;
            }
        }
        let Some(q) = &mut self.quiz else { return };
        let elapsed_ms = q
            .shown_at_s
            .map_or(0, |shown| ((now_s - shown).max(0.0) * 1000.0) as u64);
        let deck = q.session.deck().clone();
        let attempt = match q.session.submit(response, elapsed_ms) {
            Ok(attempt) => attempt.clone(),
            Err(_) => return,
        };
        q.input_error = None;
        if let (Some(store), Some(profile), Some(session)) =
            (&mut self.store, &self.profile, q.session_id)
        {
            let answer_text = deck
                .questions()
                .iter()
                .find(|question| question.id == attempt.question_id)
                .map(|question| crate::quiz::response_text(&question.answer, &attempt.response))
                .unwrap_or_default();
            let result = store.record_attempt(&NewAttempt {
                session,
                profile: profile.id,
                deck_id: deck.id().as_str(),
                question_id: attempt.question_id.as_str(),
                response_json: serde_json::to_string(&attempt.response).unwrap_or_default(),
                answer_text,
                score: attempt.grade.score,
                elapsed_ms: attempt.elapsed_ms,
                answered_ms: now_ms(),
            });
            if let Err(e) = result {
                self.write_failed_notice("answer", &e);
            }
        } else if self.store.is_some() {
            // Only when the store refused the session itself (not for a full or read-only disk,
            // where the session waits in the queue); the reason was said then.
            self.notice(
                NoticeLevel::Error,
                "This answer was not saved, because its quiz could not be stored (see the \
                 message above)."
                    .to_owned(),
            );
        }
        let Some(q) = &mut self.quiz else { return };
        q.draft = quiz::Draft::for_session(&q.session);
        if q.session.phase() == crate::quiz::Phase::Answering {
            q.shown_at_s = None;
        }
        if q.session.phase() == crate::quiz::Phase::Finished {
            self.finish_quiz();
        }
    }

    fn finish_quiz(&mut self) {
        self.finish_open_sessions();
        self.screen = Screen::Results;
    }

    /// Marks the stored session of the quiz or study in progress as finished.
    fn finish_open_sessions(&mut self) {
        let ids: Vec<SessionId> = [
            // Every question answered is a finished quiz, also when left from the last feedback.
            self.quiz
                .as_mut()
                .filter(|q| q.session.answered() == q.session.len())
                .and_then(|q| q.session_id.take()),
            self.study.as_mut().and_then(|s| s.session_id.take()),
        ]
        .into_iter()
        .flatten()
        .collect();
        let Some(store) = &mut self.store else { return };
        let failed: Vec<store::StoreError> = ids
            .into_iter()
            .filter_map(|id| store.finish_session(id, now_ms()).err())
            .collect();
        for e in failed {
            self.write_failed_notice("end of the session", &e);
        }
    }

    fn grade_card(&mut self, rating: Rating, ctx: &egui::Context) {
        let now_s = ctx.input(|i| i.time);
        let Some(mut study) = self.study.take() else {
            return;
        };
        let (Some(id), Some(scheduler)) = (study.current.clone(), &self.scheduler) else {
            self.study = Some(study);
            return;
        };
        if !study.revealed {
            self.study = Some(study);
            return;
        }
        let now = now_ms();
        let was_new = !study.cards.contains_key(&id);
        let state = match scheduler.review(study.cards.get(&id), rating, now) {
            Ok(state) => state,
            Err(e) => {
                self.notice(
                    NoticeLevel::Error,
                    format!("Could not schedule the card: {e}"),
                );
                self.study = Some(study);
                return;
            }
        };
        let elapsed_ms = study
            .shown_at_s
            .map_or(0, |shown| ((now_s - shown).max(0.0) * 1000.0) as u64);
        if study.session_id.is_none() && self.store.is_some() && self.profile.is_some() {
            // The session could not be stored when studying began: try again for this review.
            let deck = study.deck.clone();
            study.session_id =
                self.start_stored_session(&deck, Mode::Study, &QuizConfig::default());
        }
        if let (Some(store), Some(profile), Some(session)) =
            (&mut self.store, &self.profile, study.session_id)
        {
            let result = store.record_review(&NewReview {
                profile: profile.id,
                deck_id: study.deck.id().as_str(),
                question_id: id.as_str(),
                rating,
                state_after: state,
                session,
                elapsed_ms,
                reviewed_ms: now,
            });
            if let Err(e) = result {
                self.write_failed_notice("review", &e);
            }
        } else if self.store.is_some() {
            self.notice(
                NoticeLevel::Error,
                "This review was not saved, because its study session could not be stored (see \
                 the message above)."
                    .to_owned(),
            );
        }
        study.cards.insert(id, state);
        study.reviewed += 1;
        if was_new {
            study.new_seen_today += 1;
        }
        self.next_card(&mut study);
        self.study = Some(study);
    }

    /// The window title for the current screen.
    fn title_for_screen(&self) -> String {
        let deck_title = |index: Option<usize>| {
            index
                .and_then(|i| self.library.get(i))
                .and_then(|e| e.deck.as_ref().ok())
                .map(|d| d.title().to_owned())
        };
        let place = match self.screen {
            Screen::Profiles => Some("Profiles".to_owned()),
            Screen::Library => Some("Library".to_owned()),
            Screen::Settings => Some("Settings".to_owned()),
            Screen::Stats => Some("Progress".to_owned()),
            Screen::Class => Some("Class results".to_owned()),
            Screen::ContentNote => deck_title(self.note_deck),
            Screen::QuizSetup => deck_title(self.setup.as_ref().map(|s| s.0)),
            Screen::Quiz | Screen::Results => deck_title(self.quiz.as_ref().map(|q| q.deck_index)),
            Screen::Study => deck_title(self.study.as_ref().map(|s| s.deck_index)),
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

    /// Draws one frame and applies what the screens asked for.
    pub fn frame_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        // A room reads a projector best in high contrast.
        let theme = if self.screen == Screen::Present {
            Theme::HighContrast
        } else {
            self.prefs.theme
        };
        let wanted_style = (theme, self.prefs.text_scale_percent);
        if self.applied_style != Some(wanted_style) {
            style::apply(&ctx, wanted_style.0, wanted_style.1);
            self.applied_style = Some(wanted_style);
        }
        let title = self.title_for_screen();
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
        self.retry_pending_writes(&ctx);
        self.poll_stats_loading();
        if let Some(state) = &mut self.stats_screen {
            state.fsrs.poll();
        }
        self.guard_close_with_unsaved_answers(&ctx);
        self.reload_changed_decks(&ctx);
        self.guard_close_with_unsaved_edits(&ctx);
        self.autosave_editor(&ctx);

        super::keys::begin_frame(&ctx);
        if let Some(index) = self.pending_present.take() {
            self.start_presentation(index, None, &ctx);
        }
        let mut commands = std::mem::take(&mut self.commands);
        self.notices_ui(ui, &mut commands);
        if self.screen == Screen::Present {
            // The presentation fills the screen, with no scrolling.
            egui::CentralPanel::default()
                .show(ui, |ui| present::present_ui(ui, self, &mut commands));
        } else if self.screen == Screen::Editor {
            // The editor lays out its own panels and scroll areas.
            egui::CentralPanel::default().show(ui, |ui| editor::editor_ui(ui, self, &mut commands));
        } else {
            egui::CentralPanel::default().show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .auto_shrink([false, false])
                    .show(ui, |ui| match self.screen {
                        Screen::Profiles => profiles::profiles_ui(ui, self, &mut commands),
                        Screen::Library => library::library_ui(ui, self, &mut commands),
                        Screen::ContentNote => {
                            content_note::content_note_ui(ui, self, &mut commands);
                        }
                        Screen::QuizSetup => quiz::setup_ui(ui, self, &mut commands),
                        Screen::Quiz => quiz::quiz_ui(ui, self, &mut commands),
                        Screen::Results => results::results_ui(ui, self, &mut commands),
                        Screen::Study => flashcards::flashcards_ui(ui, self, &mut commands),
                        Screen::Settings => settings::settings_ui(ui, self, &mut commands),
                        Screen::Stats => super::stats::stats_ui(ui, self, &mut commands),
                        Screen::Class => super::class::class_ui(ui, self, &mut commands),
                        Screen::PresentSetup => present::present_setup_ui(ui, self, &mut commands),
                        Screen::Editor | Screen::Present => {}
                    });
            });
        }
        if !commands.is_empty() {
            // What the commands changed is drawn at once, not at the next mouse move.
            ctx.request_repaint();
        }
        for command in commands {
            self.apply(command, &ctx);
        }

        self.frames += 1;
        if let Some(limit) = self.quit_after_frames {
            if self.frames >= limit {
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            } else {
                ctx.request_repaint();
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
    fn reload_changed_decks(&mut self, ctx: &egui::Context) {
        let folders = self.folders_to_watch();
        if self.watcher.as_ref().is_none_or(|w| w.watched != folders) {
            let (watcher, failures) = start_watching(&folders, ctx);
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

    /// Closing the window while answers still wait to be written would lose them: the first
    /// close is held back with a warning; a second one closes anyway.
    fn guard_close_with_unsaved_answers(&mut self, ctx: &egui::Context) {
        let pending = self.store.as_ref().map_or(0, Store::pending_count);
        if pending == 0 {
            self.close_warned = false;
            return;
        }
        if !ctx.input(|i| i.viewport().close_requested()) {
            return;
        }
        if self.close_warned {
            return;
        }
        self.close_warned = true;
        ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
        self.notice(
            NoticeLevel::Error,
            format!(
                "{pending} answer(s) could not be saved yet and would be lost. Free some disk space, wait for this message to clear, or close again to quit anyway."
            ),
        );
    }

    /// While some answer is waiting to be written, tries again every two seconds.
    fn retry_pending_writes(&mut self, ctx: &egui::Context) {
        let Some(store) = &mut self.store else { return };
        if store.pending_count() == 0 {
            return;
        }
        match store.retry_pending() {
            Ok(_) if store.pending_count() == 0 => {
                self.notices.retain(|n| !is_pending_notice(n));
                self.notices.push(Notice {
                    level: NoticeLevel::Info,
                    text: "Every answer is saved now.".to_owned(),
                });
            }
            _ => ctx.request_repaint_after(std::time::Duration::from_secs(2)),
        }
    }

    fn notices_ui(&self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        if self.notices.is_empty() {
            return;
        }
        let palette = style::palette(self.prefs.theme);
        egui::Panel::top("notices").show(ui, |ui| {
            for (i, notice) in self.notices.iter().enumerate() {
                ui.horizontal(|ui| {
                    let (mark, color) = match notice.level {
                        NoticeLevel::Info => ("Note:", palette.right),
                        NoticeLevel::Warning => ("Warning:", palette.partial),
                        NoticeLevel::Error => ("Error:", palette.wrong),
                    };
                    ui.colored_label(color, mark);
                    if ui
                        .button("Dismiss")
                        .on_hover_text("Hide this message")
                        .clicked()
                    {
                        commands.push(Command::DismissNotice(i));
                    }
                    ui.add(egui::Label::new(&notice.text).wrap());
                });
            }
        });
    }
}

/// Whether a deck file has comments of its own (beyond the header quizdesk writes).
fn has_comments(bytes: &[u8]) -> bool {
    String::from_utf8_lossy(bytes).lines().any(|line| {
        line.contains("/*") || (line.contains("//") && !line.starts_with("// quizdesk deck"))
    })
}

/// The autosaves in `dir` whose deck file does not exist: new decks that were never saved.
fn orphan_recoveries(dir: &Path) -> Vec<PathBuf> {
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
fn deck_file_of_recovery(recovery: &Path) -> Option<PathBuf> {
    let name = recovery.file_name()?.to_str()?;
    let stem = name.strip_prefix('.')?.strip_suffix(".recovery.ron")?;
    let deck = recovery.with_file_name(format!("{stem}.ron"));
    // Only what `recovery_path` makes counts, not any file that looks alike.
    (store::recovery_path(&deck) == recovery).then_some(deck)
}

/// Watches `folders` (those that exist), waking the UI on every change; also says which could
/// not be watched (those still reload with "Reload decks").
fn start_watching(folders: &[PathBuf], ctx: &egui::Context) -> (Option<DeckWatcher>, Vec<String>) {
    use notify::Watcher as _;
    let (sender, changes) = std::sync::mpsc::channel();
    let ctx = ctx.clone();
    let watcher = notify::recommended_watcher(move |event| {
        // The app may be gone while the watcher thread still runs; nothing to do then.
        if sender.send(event).is_ok() {
            ctx.request_repaint();
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

/// What to tell the user when an answer or review could not be written.
/// Words of the one notice about writes waiting in the store's queue.
const PENDING_MARK: &str = "quizdesk keeps trying";

/// Whether `notice` is the one about writes waiting in the store's queue.
fn is_pending_notice(notice: &Notice) -> bool {
    notice.level == NoticeLevel::Warning && notice.text.contains(PENDING_MARK)
}

/// The start of the local day containing `ms`, where local time is UTC plus `utc_offset_ms`.
fn day_start_ms(ms: i64, utc_offset_ms: i64) -> i64 {
    ms - ms.saturating_add(utc_offset_ms).rem_euclid(86_400_000)
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame_ui(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, PREFS_KEY, &self.prefs);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.finish_open_sessions();
        // One last try for answers still waiting to be written.
        if let Some(store) = &mut self.store
            && store.pending_count() > 0
            && let Err(e) = store.retry_pending()
        {
            eprintln!("error: answers could not be saved before closing: {e}");
        }
    }
}

/// Re-exported so screens name store types through the app.
pub(crate) use store::DeckScores;

#[cfg(test)]
mod tests {
    use super::day_start_ms;

    const HOUR_MS: i64 = 3_600_000;
    const DAY_MS: i64 = 24 * HOUR_MS;

    #[test]
    fn the_day_starts_at_local_midnight() {
        assert_eq!(day_start_ms(10 * DAY_MS + 3 * HOUR_MS, 0), 10 * DAY_MS);
        // 23:00 UTC is 01:00 the next day two hours east: that day began at 22:00 UTC.
        assert_eq!(
            day_start_ms(10 * DAY_MS + 23 * HOUR_MS, 2 * HOUR_MS),
            11 * DAY_MS - 2 * HOUR_MS
        );
        // 03:00 UTC is 22:00 the day before five hours west: that day began at 05:00 UTC.
        assert_eq!(
            day_start_ms(10 * DAY_MS + 3 * HOUR_MS, -5 * HOUR_MS),
            9 * DAY_MS + 5 * HOUR_MS
        );
    }
}
