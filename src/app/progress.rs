//! Progress: the profile's history read on a worker thread and turned into the Progress
//! screen's numbers, FSRS's parameters fitted to the profile's reviews (also on a worker), and
//! the results file a student gives their teacher.

use std::sync::Arc;

use crate::deck::Deck;
use crate::schedule::{self, CardKey, Optimized, ReviewLog, Scheduler};
use crate::stats::{self, Scope, StatsView, WeekColumn, thin_points};
use crate::store::{self, ProfileId, StatsRows, StoreReader, StoredParameters, StoredReview};

use super::job::Job;
use super::{App, NoticeLevel, Screen};

/// How many weeks the study calendar shows.
pub const CALENDAR_WEEKS: usize = 26;

/// How many of the hardest questions show at first.
pub const QUESTIONS_SHOWN: usize = 10;

/// How many more each "Show more" adds (the list is a grid drawn every frame: it stays short).
pub const QUESTIONS_MORE: usize = 50;

/// The most points the score chart draws per series (a chart is a few hundred pixels wide).
const LINE_POINTS: usize = 600;

/// How many quizzes the trend line averages over.
pub const TREND_WINDOW: usize = 5;

/// The Progress screen's data: the rows read from the store, and the view computed from them.
pub struct StatsState {
    /// Every deck's rows, so changing the deck shown needs no new read.
    pub rows: StatsRows,
    /// The decks the profile has history of: id and title (the library's, else the id).
    pub decks: Vec<(String, String)>,
    /// What is shown.
    pub view: StatsView,
    /// Each quiz's score, thinned for drawing: x in days since 1970, y in percent.
    pub dots: Vec<[f64; 2]>,
    /// The trend: the mean of the last [`TREND_WINDOW`] quizzes at each quiz, thinned.
    pub trend: Vec<[f64; 2]>,
    /// The study calendar's weeks.
    pub weeks: Vec<WeekColumn>,
    /// How many of the hardest questions are listed.
    pub questions_shown: usize,
    /// The library's decks when the screen opened: question texts, titles, new cards.
    pub library: Vec<Arc<Deck>>,
    /// FSRS's parameters for the profile, and fitting new ones.
    pub fsrs: FsrsPanel,
}

/// The profile's FSRS parameters on the Progress screen.
#[derive(Default)]
pub struct FsrsPanel {
    /// The optimized parameters in use; `None` means FSRS's defaults.
    pub stored: Option<StoredParameters>,
    /// The profile's flashcard reviews (all decks).
    pub reviews: u64,
    /// Those of a card last reviewed a day or more before: the most FSRS could learn from (its
    /// outlier filter may keep fewer; the optimizer says so if it does).
    pub long_term_reviews: u64,
    /// Fitting new parameters.
    pub run: OptimizerRun,
}

impl FsrsPanel {
    /// The panel for the profile's `stored` parameters, with its reviews counted from the day
    /// totals (all decks: the parameters are the profile's).
    pub(crate) fn new(rows: &StatsRows, stored: Option<StoredParameters>) -> Self {
        let reviews = rows.days.iter().filter(|d| d.review);
        Self {
            stored,
            reviews: reviews.clone().map(|d| u64::from(d.answers)).sum(),
            long_term_reviews: reviews.map(|d| u64::from(d.recall_checks)).sum(),
            run: OptimizerRun::Idle,
        }
    }

    /// Picks up the optimizer's result once it has finished.
    fn poll(&mut self) {
        let OptimizerRun::Running(job) = &self.run else {
            return;
        };
        self.run = match job
            .poll("The optimizer stopped without an answer. Your parameters are unchanged.")
        {
            None => return,
            Some(Ok(optimized)) => OptimizerRun::Done(optimized),
            Some(Err(why)) => OptimizerRun::Failed(why),
        };
    }
}

/// Fitting FSRS's parameters to the profile's reviews.
#[derive(Default)]
pub enum OptimizerRun {
    /// Not started.
    #[default]
    Idle,
    /// Working on a worker thread.
    Running(Job<Optimized>),
    /// Finished: the new parameters, waiting to be used or discarded.
    Done(Optimized),
    /// Failed, with why.
    Failed(String),
}

/// Reads the profile's reviews through `reader` and fits FSRS's parameters to them, starting
/// from `current`: the optimizer's worker thread.
pub(crate) fn optimize_reviews(
    reader: &StoreReader,
    profile: ProfileId,
    current: &[f32],
) -> Result<Optimized, String> {
    let reviews = reader
        .reviews(profile)
        .map_err(|e| format!("Your reviews cannot be read: {e}"))?;
    schedule::optimize(&review_logs(reviews), current).map_err(|e| e.to_string())
}

/// The store's reviews as the optimizer takes them.
pub(crate) fn review_logs(reviews: Vec<StoredReview>) -> Vec<ReviewLog> {
    reviews
        .into_iter()
        .map(|r| ReviewLog {
            card: CardKey::new(r.deck_id, r.question_id),
            answered_ms: r.answered_ms,
            rating: r.rating,
        })
        .collect()
}

/// A Progress screen being read on a worker thread; the window goes on drawing meanwhile.
pub(crate) struct StatsLoading {
    /// The state, or why it could not be read.
    job: Job<StatsState>,
    /// A fit of FSRS's parameters started on the screen before, carried over.
    run: OptimizerRun,
}

impl StatsState {
    /// The state for `rows` and the profile's `stored` FSRS parameters, showing `scope`, with
    /// question texts and titles from the `library`'s decks.
    pub fn new(
        rows: StatsRows,
        stored: Option<StoredParameters>,
        library: Vec<Arc<Deck>>,
        scope: Scope,
        now_ms: i64,
    ) -> Self {
        let library_deck = |id: &str| library.iter().find(|d| d.id().as_str() == id);
        let mut decks: Vec<(String, String)> = Vec::new();
        let history_ids = rows
            .sessions
            .iter()
            .map(|s| &s.deck_id)
            .chain(rows.questions.iter().map(|q| &q.deck_id))
            .chain(rows.cards.iter().map(|c| &c.deck_id));
        for id in history_ids {
            if !decks.iter().any(|(known, _)| known == id) {
                let title = library_deck(id).map_or_else(|| id.clone(), |d| d.title().to_owned());
                decks.push((id.clone(), title));
            }
        }
        // A deck opened from the library with no history yet is still one to choose.
        if let Scope::Deck(id) = &scope
            && !decks.iter().any(|(known, _)| known == id)
            && let Some(deck) = library_deck(id)
        {
            decks.push((id.clone(), deck.title().to_owned()));
        }
        decks.sort_by_key(|(_, title)| title.to_lowercase());
        let fsrs = FsrsPanel::new(&rows, stored);
        let mut state = Self {
            rows,
            decks,
            view: StatsView::default(),
            dots: Vec::new(),
            trend: Vec::new(),
            weeks: Vec::new(),
            questions_shown: QUESTIONS_SHOWN,
            library,
            fsrs,
        };
        state.show(scope, now_ms);
        state
    }

    /// Computes the view of `scope`.
    pub fn show(&mut self, scope: Scope, now_ms: i64) {
        let library: Vec<&Deck> = self.library.iter().map(AsRef::as_ref).collect();
        self.view = StatsView::compute(&self.rows, &library, scope, now_ms);
        let points: Vec<[f64; 2]> = self
            .view
            .scores
            .points
            .iter()
            .map(|p| [days(p.finished_ms + self.view.utc_offset_ms), p.percent])
            .collect();
        self.dots = thin_points(&points, LINE_POINTS);
        self.trend = thin_points(&stats::moving_average(&points, TREND_WINDOW), LINE_POINTS);
        self.weeks = stats::calendar_weeks(&self.view.days, self.view.today, CALENDAR_WEEKS);
    }

    /// Whether the library had this deck when the screen opened (so its questions can be
    /// practised).
    pub fn in_library(&self, deck_id: &str) -> bool {
        self.library.iter().any(|d| d.id().as_str() == deck_id)
    }
}

/// Unix milliseconds as days since 1970, the score chart's x axis.
pub fn days(unix_ms: i64) -> f64 {
    unix_ms as f64 / crate::time::DAY_MS as f64
}

/// What the Progress screen asks.
#[derive(Clone, Debug, PartialEq)]
pub enum ProgressCommand {
    /// Read the profile's history and show the Progress screen for these decks.
    Open(Scope),
    /// Show the statistics of these decks.
    Scope(Scope),
    /// List this many of the hardest questions.
    QuestionsShown(usize),
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
}

impl App {
    /// Applies a command of the Progress screen.
    pub(super) fn apply_progress(&mut self, command: ProgressCommand) {
        match command {
            ProgressCommand::Open(scope) => self.open_stats(scope),
            ProgressCommand::Scope(scope) => {
                if let Some(state) = &mut self.stats_screen {
                    state.show(scope, crate::time::now_ms());
                }
            }
            ProgressCommand::QuestionsShown(shown) => {
                if let Some(state) = &mut self.stats_screen {
                    state.questions_shown = shown;
                }
            }
            ProgressCommand::ExportResults => self.export_results(),
            ProgressCommand::OptimizeFsrs => self.optimize_fsrs(),
            ProgressCommand::UseOptimizedFsrs => self.use_optimized_fsrs(),
            ProgressCommand::DiscardOptimizedFsrs => {
                if let Some(state) = &mut self.stats_screen {
                    state.fsrs.run = OptimizerRun::Idle;
                }
            }
            ProgressCommand::ResetFsrs => self.reset_fsrs(),
        }
    }

    /// The Progress screen's data, once read.
    pub fn stats_screen(&self) -> Option<&StatsState> {
        self.stats_screen.as_ref()
    }

    /// Whether the Progress screen is being read.
    pub fn stats_loading(&self) -> bool {
        self.stats_loading.is_some()
    }

    /// Picks up what the worker threads have finished: the Progress screen, the optimizer.
    pub(super) fn poll_jobs(&mut self) {
        self.poll_stats_loading();
        if let Some(state) = &mut self.stats_screen {
            state.fsrs.poll();
        }
    }

    /// Schedules flashcards with the profile's optimized FSRS parameters, or FSRS's defaults.
    pub(super) fn load_scheduler(&mut self) {
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

    /// Starts fitting FSRS's parameters to the profile's reviews on a worker thread; the
    /// Progress screen shows the result when it comes.
    fn optimize_fsrs(&mut self) {
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
        let job = Job::spawn(&self.waker, move || {
            optimize_reviews(&reader, profile_id, &current)
        });
        if let Some(state) = &mut self.stats_screen {
            state.fsrs.run = OptimizerRun::Running(job);
        }
    }

    /// Keeps the parameters just fitted for the profile and schedules with them.
    fn use_optimized_fsrs(&mut self) {
        let (Some(store), Some(profile), Some(state)) =
            (&mut self.store, &self.profile, &mut self.stats_screen)
        else {
            return;
        };
        let OptimizerRun::Done(optimized) = &state.fsrs.run else {
            return;
        };
        let stored = StoredParameters {
            parameters: optimized.parameters.clone(),
            optimized_ms: crate::time::now_ms(),
            reviews: u32::try_from(optimized.reviews).unwrap_or(u32::MAX),
            log_loss_before: f64::from(optimized.before.log_loss),
            log_loss_after: f64::from(optimized.after.log_loss),
            rmse_before: f64::from(optimized.before.rmse_bins),
            rmse_after: f64::from(optimized.after.rmse_bins),
        };
        match store.save_fsrs_parameters(profile.id, &stored) {
            Ok(()) => {
                state.fsrs.stored = Some(stored);
                state.fsrs.run = OptimizerRun::Idle;
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

    /// Opens the Progress screen for `scope`; the profile's history is read on a worker
    /// thread, so a long one never holds up the window.
    fn open_stats(&mut self, scope: Scope) {
        let (Some(store), Some(profile)) = (&self.store, &self.profile) else {
            self.notice(
                NoticeLevel::Error,
                "There is no progress to show: scores cannot be saved here.".to_owned(),
            );
            return;
        };
        let library: Vec<Arc<Deck>> = self
            .library
            .iter()
            .filter_map(|e| e.deck.as_ref().ok().cloned())
            .collect();
        let reader = store.reader();
        let profile = profile.id;
        let job = Job::spawn(&self.waker, move || {
            reader
                .stats_rows(profile)
                .map(|(rows, stored)| {
                    StatsState::new(rows, stored, library, scope, crate::time::now_ms())
                })
                .map_err(|e| format!("Your progress cannot be shown: {e}"))
        });
        // A fit still running, or waiting to be used, is not lost by leaving the screen.
        let run = match (self.stats_screen.take(), self.stats_loading.take()) {
            (Some(previous), _) => previous.fsrs.run,
            (None, Some(previous)) => previous.run,
            (None, None) => OptimizerRun::Idle,
        };
        self.stats_loading = Some(StatsLoading { job, run });
        self.screen = Screen::Stats;
    }

    /// Shows the Progress screen once its worker has read it.
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
        let file = match crate::class::export::results_file(
            store,
            Some(profile.id),
            crate::time::now_ms(),
        ) {
            Ok(file) => file,
            Err(e) => {
                self.notice(
                    NoticeLevel::Error,
                    format!("Your results cannot be read: {e}"),
                );
                return;
            }
        };
        let count = file.sessions.len();
        let name = format!("results-{}", store::safe_file_name(&profile.name));
        let written = match serde_json::to_vec_pretty(&file) {
            Ok(bytes) => store::write_export(&self.data_dir, &name, "json", &bytes)
                .map_err(|e| e.to_string()),
            Err(e) => Err(format!("the file cannot be made ({e})")),
        };
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
}
