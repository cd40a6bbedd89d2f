//! The Stats screen: a profile's progress, for one deck or all of them. Score over time, the
//! hardest questions (each one a click away from practice), time spent, the study calendar and
//! streak, flashcards by state, the cards due soon, retention against FSRS's target, and the
//! FSRS parameters fitted to the profile's own reviews.
//!
//! The numbers are computed once when the screen opens or the deck changes
//! ([`crate::stats::StatsView`]); each frame only draws them.

use eframe::egui::{self, Color32, RichText, Sense, Vec2};
use egui_plot::{
    Bar, BarChart, HLine, HoverPosition, Line, LineStyle, MarkerShape, PlotPoint, Points, Text,
};

use super::app::{App, Command, Screen};
use super::style;
use crate::deck::Deck;
use crate::schedule::{self, CardKey, MIN_TRAINING_ITEMS, Optimized, ReviewLog};
use crate::stats::{
    self, DAY_MS, Scope, StatsView, WeekColumn, format_duration_ms, monday_of, thin_points,
};
use crate::store::{
    ProfileId, StatsRows, StoreReader, StoredParameters, StoredReview, civil_from_days,
    days_from_civil, utc_iso8601,
};
use std::sync::Arc;

/// How many weeks the study calendar shows.
pub(crate) const CALENDAR_WEEKS: usize = 26;

/// How many of the hardest questions show at first.
pub(crate) const QUESTIONS_SHOWN: usize = 10;

/// How many more each "Show more" adds (the list is a grid drawn every frame: it stays short).
pub(crate) const QUESTIONS_MORE: usize = 50;

/// The most points the score chart draws per series (a chart is a few hundred pixels wide).
const LINE_POINTS: usize = 600;

/// How many quizzes the trend line averages over.
const TREND_WINDOW: usize = 5;

/// The Stats screen's data: the rows read from the store, and the view computed from them.
pub(crate) struct StatsState {
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

/// The profile's FSRS parameters on the Stats screen.
#[derive(Default)]
pub(crate) struct FsrsPanel {
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
    pub(crate) fn poll(&mut self) {
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

/// Work on a worker thread whose answer the window picks up when it comes. The window is woken
/// then, so nothing polls on a timer.
pub(crate) struct Job<T>(std::sync::mpsc::Receiver<Result<T, String>>);

impl<T: Send + 'static> Job<T> {
    /// Starts `work` on a new thread; `ctx` is woken when it ends.
    pub(crate) fn spawn(
        ctx: &egui::Context,
        work: impl FnOnce() -> Result<T, String> + Send + 'static,
    ) -> Self {
        let (sender, receiver) = std::sync::mpsc::channel();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            // The screen may be gone; then nobody wants the answer.
            let _ = sender.send(work());
            ctx.request_repaint();
        });
        Self(receiver)
    }

    /// The answer once it has come; `lost` is the reason given if the worker stopped without
    /// one.
    pub(crate) fn poll(&self, lost: &str) -> Option<Result<T, String>> {
        match self.0.try_recv() {
            Ok(answer) => Some(answer),
            Err(std::sync::mpsc::TryRecvError::Empty) => None,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => Some(Err(lost.to_owned())),
        }
    }
}

/// Fitting FSRS's parameters to the profile's reviews.
#[derive(Default)]
pub(crate) enum OptimizerRun {
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

/// A Stats screen being read on a worker thread; the window goes on drawing meanwhile.
pub(crate) struct StatsLoading {
    /// The state, or why it could not be read.
    pub job: Job<StatsState>,
    /// A fit of FSRS's parameters started on the screen before, carried over.
    pub run: OptimizerRun,
}

impl StatsLoading {
    /// Starts reading the profile's statistics through `reader`, with the library's decks as
    /// they are now, to show `scope`. `ctx` is woken when the state is ready.
    pub(crate) fn start(
        reader: StoreReader,
        profile: ProfileId,
        library: Vec<Arc<Deck>>,
        scope: Scope,
        ctx: &egui::Context,
    ) -> Self {
        let job = Job::spawn(ctx, move || {
            reader
                .stats_rows(profile)
                .map(|(rows, stored)| {
                    StatsState::new(rows, stored, library, scope, crate::store::now_ms())
                })
                .map_err(|e| format!("Your progress cannot be shown: {e}"))
        });
        Self {
            job,
            run: OptimizerRun::Idle,
        }
    }
}

impl StatsState {
    /// The state for `rows` and the profile's `stored` FSRS parameters, showing `scope`, with
    /// question texts and titles from the `library`'s decks.
    pub(crate) fn new(
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
    pub(crate) fn show(&mut self, scope: Scope, now_ms: i64) {
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
    fn in_library(&self, deck_id: &str) -> bool {
        self.library.iter().any(|d| d.id().as_str() == deck_id)
    }
}

/// Unix milliseconds as days since 1970, the score chart's x axis.
fn days(unix_ms: i64) -> f64 {
    unix_ms as f64 / DAY_MS as f64
}

/// The date (UTC) of a day number or fractional day, as YYYY-MM-DD.
fn date(days: f64) -> String {
    let ms = (days * DAY_MS as f64).round() as i64;
    utc_iso8601(ms).chars().take(10).collect()
}

/// Grid marks for a time axis in days: a step of a day, two, a week, a fortnight, a month, a
/// quarter, half a year or a year, whichever gives at most about eight labels.
#[allow(clippy::needless_pass_by_value)] // egui_plot's grid spacers take their input by value.
fn date_grid(input: egui_plot::GridInput) -> Vec<egui_plot::GridMark> {
    let (min, max) = input.bounds;
    let span = (max - min).max(1.0);
    let step = [1.0, 2.0, 7.0, 14.0, 30.0, 61.0, 91.0, 182.0, 365.0]
        .into_iter()
        .find(|step| span / step <= 8.0)
        .unwrap_or((span / 8.0).ceil());
    let mark = |value: f64| egui_plot::GridMark {
        value,
        step_size: step,
    };
    if step >= 30.0 {
        // Months: the first of every month, every other, every quarter, half or whole year.
        let months = match step as i64 {
            30 => 1,
            61 => 2,
            91 => 3,
            182 => 6,
            _ => 12,
        };
        let (mut year, mut month, _) = civil_from_days(min.floor() as i64);
        let mut marks = Vec::new();
        // At most 200 years of months, whatever the bounds.
        for _ in 0..2400 {
            let first = days_from_civil(year, month, 1) as f64;
            if first > max {
                break;
            }
            if first >= min && (month - 1) % months == 0 {
                marks.push(mark(first));
            }
            (year, month) = if month == 12 {
                (year + 1, 1)
            } else {
                (year, month + 1)
            };
        }
        return marks;
    }
    // Weekly steps fall on Mondays; the others on whole days.
    let first = if step == 7.0 || step == 14.0 {
        let monday = monday_of(min.ceil() as i64) as f64;
        if monday < min { monday + 7.0 } else { monday }
    } else {
        (min / step).ceil() * step
    };
    (0..)
        .map(|i| first + f64::from(i) * step)
        .take_while(|&value| value <= max)
        .take(64)
        .map(mark)
        .collect()
}

/// An axis label for a time mark: "4 Sep" within a month's steps, else the month ("Sep"), with
/// the year on January ("Jan 2027").
fn axis_date(mark: egui_plot::GridMark) -> String {
    if mark.step_size < 30.0 {
        return short_date(mark.value);
    }
    let (year, month, _) = civil_from_days(mark.value.floor() as i64);
    if month == 1 {
        format!("{} {year}", month_name(month))
    } else {
        month_name(month).to_owned()
    }
}

/// A short date for an axis: "4 Sep".
fn short_date(days: f64) -> String {
    let (_, month, day) = civil_from_days(days.floor() as i64);
    format!("{day} {}", month_name(month))
}

/// The Stats screen.
pub(crate) fn stats_ui(ui: &mut egui::Ui, app: &mut App, commands: &mut Vec<Command>) {
    let palette = style::palette(app.prefs.theme);
    let name = app.profile().map(|p| p.name.clone()).unwrap_or_default();
    let Some(state) = &app.stats_screen else {
        if app.stats_loading.is_some() {
            style::page(ui, |ui| {
                ui.add_space(16.0);
                style::title(ui, &format!("Progress of {name}"));
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label("Reading your history...");
                });
                if style::back_button(ui, "Back to the library") {
                    commands.push(Command::Go(Screen::Library));
                }
            });
        } else {
            commands.push(Command::Go(Screen::Library));
        }
        return;
    };
    style::page(ui, |ui| {
        ui.add_space(16.0);
        style::title(ui, &format!("Progress of {name}"));
        ui.horizontal_wrapped(|ui| {
            if style::back_button(ui, "Back to the library") {
                commands.push(Command::Go(Screen::Library));
            }
            scope_ui(ui, state, commands);
            if ui
                .button("Export my results")
                .on_hover_text("Write every session and answer to a file for your teacher")
                .clicked()
            {
                commands.push(Command::ExportResults);
            }
        });
        ui.add_space(8.0);
        let view = &state.view;
        if view.summary.answers == 0 {
            ui.label(
                "Nothing here yet. Take a quiz or study some flashcards, and your progress \
                 shows here.",
            );
            return;
        }
        summary_ui(ui, view);

        section(ui, "Score over time");
        scores_ui(ui, state, palette.right);

        section(ui, "Questions, hardest first");
        questions_ui(ui, state, commands);

        section(ui, "Study days");
        calendar_ui(ui, &state.weeks, &view.days, palette.right);

        section(ui, "Flashcards");
        flashcards_ui(ui, view, &palette);
        fsrs_ui(ui, &state.fsrs, palette.right, commands);
    });
}

fn section(ui: &mut egui::Ui, title: &str) {
    ui.add_space(16.0);
    ui.label(RichText::new(title).heading());
    ui.add_space(4.0);
}

/// The choice of deck: all, or one the profile has history of.
fn scope_ui(ui: &mut egui::Ui, state: &StatsState, commands: &mut Vec<Command>) {
    let shown = match &state.view.scope {
        Scope::All => "All decks".to_owned(),
        Scope::Deck(id) => state
            .decks
            .iter()
            .find(|(known, _)| known == id)
            .map_or_else(|| id.clone(), |(_, title)| title.clone()),
    };
    let label = ui.label("Deck:");
    egui::ComboBox::from_id_salt("stats-scope")
        .selected_text(shown)
        .show_ui(ui, |ui| {
            if ui
                .selectable_label(state.view.scope == Scope::All, "All decks")
                .clicked()
            {
                commands.push(Command::StatsScope(Scope::All));
            }
            for (id, title) in &state.decks {
                let scope = Scope::Deck(id.clone());
                if ui
                    .selectable_label(state.view.scope == scope, title)
                    .clicked()
                {
                    commands.push(Command::StatsScope(scope));
                }
            }
        })
        .response
        .labelled_by(label.id);
}

fn summary_ui(ui: &mut egui::Ui, view: &StatsView) {
    let summary = &view.summary;
    let streak = &summary.streak;
    let plural = |n: u32| if n == 1 { "day" } else { "days" };
    egui::Grid::new("stats-summary")
        .num_columns(2)
        .spacing([24.0, 4.0])
        .show(ui, |ui| {
            let row = |ui: &mut egui::Ui, what: &str, value: String| {
                ui.label(what);
                ui.label(RichText::new(value).strong());
                ui.end_row();
            };
            row(
                ui,
                "Current streak",
                format!(
                    "{} {} (longest {} {})",
                    streak.current,
                    plural(streak.current),
                    streak.longest,
                    plural(streak.longest)
                ),
            );
            row(ui, "Answers given", summary.answers.to_string());
            row(ui, "Days studied", summary.days_studied.to_string());
            row(ui, "Time studied", format_duration_ms(summary.studied_ms));
            let time = &view.session_time;
            if time.sessions > 0 {
                row(
                    ui,
                    "Time per session",
                    format!(
                        "{} typical, {} longest ({} sessions)",
                        format_duration_ms(time.median_ms),
                        format_duration_ms(time.longest_ms),
                        time.sessions
                    ),
                );
            }
        });
}

fn scores_ui(ui: &mut egui::Ui, state: &StatsState, color: Color32) {
    let scores = &state.view.scores;
    let Some(best) = scores.best_point() else {
        ui.label("No quiz finished yet.");
        return;
    };
    let offset_ms = state.view.utc_offset_ms;
    let best_text = format!(
        "Best score: {:.0}% on {}",
        best.percent,
        date(days(best.finished_ms + offset_ms))
    );
    ui.label(format!(
        "{} quizzes finished. {best_text}. Last score: {:.0}%.",
        scores.points.len(),
        scores.points.last().map_or(0.0, |p| p.percent)
    ));
    let best_at = [days(best.finished_ms + offset_ms), best.percent];
    let dots = state.dots.clone();
    let trend = state.trend.clone();
    let gold = Color32::from_rgb(0xd9, 0x8c, 0x00);
    let response = style::fixed_plot("stats-scores", 220.0)
        .include_y(0.0)
        .include_y(108.0)
        .show_grid([false, true])
        .y_axis_label("Score (%)")
        .y_axis_formatter(|mark, _| {
            if mark.value > 100.0 {
                String::new()
            } else {
                format!("{:.0}", mark.value)
            }
        })
        .x_grid_spacer(date_grid)
        .x_axis_formatter(|mark, _range| axis_date(mark))
        .label_formatter(|hover| match hover {
            HoverPosition::NearDataPoint { position, .. } => {
                Some(format!("{}: {:.0}%", date(position.x), position.y))
            }
            HoverPosition::Elsewhere { .. } => None,
        })
        .show(ui, |plot| {
            plot.add(
                Points::new("Quiz scores", dots)
                    .color(color.gamma_multiply(0.45))
                    .radius(2.5),
            );
            plot.add(
                Line::new("Trend", trend)
                    .color(color)
                    .width(2.5)
                    .allow_band(false),
            );
            plot.add(
                Points::new("Best score", vec![best_at])
                    .shape(MarkerShape::Diamond)
                    .filled(true)
                    .color(gold)
                    .radius(7.0),
            );
            plot.add(
                Text::new(
                    "Best score label",
                    PlotPoint::new(best_at[0], best_at[1] + 6.0),
                    RichText::new(format!("Best {:.0}%", best.percent)).strong(),
                )
                .color(gold),
            );
        })
        .response;
    ui.label(
        RichText::new(format!(
            "Dots: each quiz. Line: the average of the last {TREND_WINDOW} quizzes. Diamond: \
             your best."
        ))
        .small()
        .weak(),
    );
    let label = format!(
        "Score over time chart: {} quizzes, {best_text}",
        scores.points.len()
    );
    style::name_chart(&response, &label);
}

fn questions_ui(ui: &mut egui::Ui, state: &StatsState, commands: &mut Vec<Command>) {
    let questions = &state.view.questions;
    if questions.is_empty() {
        ui.label("No quiz answers yet.");
        return;
    }
    let shown = questions.len().min(state.questions_shown);
    let with_deck = state.view.scope == Scope::All && state.decks.len() > 1;
    egui::Grid::new("stats-questions")
        .num_columns(5)
        .striped(true)
        .spacing([16.0, 6.0])
        .show(ui, |ui| {
            for header in ["Question", "Right", "Answers", "Average time", ""] {
                ui.label(RichText::new(header).strong());
            }
            ui.end_row();
            for question in &questions[..shown] {
                let text = question
                    .prompt
                    .clone()
                    .unwrap_or_else(|| question.question_id.clone());
                ui.vertical(|ui| {
                    ui.set_max_width(460.0);
                    ui.add(egui::Label::new(&text).wrap());
                    if with_deck {
                        let deck = question.deck_title.as_deref().unwrap_or(&question.deck_id);
                        ui.label(RichText::new(deck).small().weak());
                    }
                });
                ui.label(format!("{:.0}%", question.accuracy * 100.0));
                ui.label(question.answers.to_string());
                ui.label(format_duration_ms(question.mean_elapsed_ms));
                let known = state.in_library(&question.deck_id);
                let button = ui.add_enabled(known, egui::Button::new("Practise"));
                style::name_for_screen_readers(&button, &format!("Practise: {text}"));
                let button = button.on_disabled_hover_text("This deck is not in the library");
                if button.clicked() {
                    commands.push(Command::PractiseQuestion(
                        question.deck_id.clone(),
                        question.question_id.clone(),
                    ));
                }
                ui.end_row();
            }
        });
    style::row(ui, |ui| {
        if shown < questions.len() {
            ui.label(format!("{shown} of {} questions.", questions.len()));
            let more = QUESTIONS_MORE.min(questions.len() - shown);
            if ui.button(format!("Show {more} more")).clicked() {
                commands.push(Command::StatsQuestionsShown(shown + more));
            }
        }
        if shown > QUESTIONS_SHOWN && ui.button("Show fewer").clicked() {
            commands.push(Command::StatsQuestionsShown(QUESTIONS_SHOWN));
        }
    });
}

/// The study calendar: one square a day, a column a week, a stronger colour for more answers.
fn calendar_ui(
    ui: &mut egui::Ui,
    weeks: &[WeekColumn],
    days: &[stats::DayActivity],
    color: Color32,
) {
    const CELL: f32 = 14.0;
    const GAP: f32 = 3.0;
    let most = weeks
        .iter()
        .flat_map(|w| w.answers.iter().flatten())
        .copied()
        .max()
        .unwrap_or(0)
        .max(1);
    let studied = weeks
        .iter()
        .flat_map(|w| w.answers.iter().flatten())
        .filter(|&&n| n > 0)
        .count();
    let label_width = 34.0;
    let size = Vec2::new(
        label_width + weeks.len() as f32 * (CELL + GAP),
        7.0 * (CELL + GAP) + 18.0,
    );
    let (rect, response) = ui.allocate_exact_size(size, Sense::hover());
    let painter = ui.painter_at(rect);
    let visuals = ui.visuals();
    let empty = visuals.widgets.inactive.bg_fill;
    let text_color = visuals.weak_text_color();
    let font = egui::FontId::proportional(11.0);
    let top = rect.top() + 16.0;
    for (row, name) in [(0, "Mon"), (2, "Wed"), (4, "Fri")] {
        painter.text(
            egui::pos2(rect.left(), top + row as f32 * (CELL + GAP)),
            egui::Align2::LEFT_TOP,
            name,
            font.clone(),
            text_color,
        );
    }
    let mut hovered: Option<(i64, u32)> = None;
    let mut last_month = 0;
    for (column, week) in weeks.iter().enumerate() {
        let left = rect.left() + label_width + column as f32 * (CELL + GAP);
        let (_, month, _) = civil_from_days(week.monday);
        if month != last_month {
            painter.text(
                egui::pos2(left, rect.top()),
                egui::Align2::LEFT_TOP,
                month_name(month),
                font.clone(),
                text_color,
            );
            last_month = month;
        }
        for (row, answers) in week.answers.iter().enumerate() {
            let Some(answers) = *answers else { continue };
            let cell = egui::Rect::from_min_size(
                egui::pos2(left, top + row as f32 * (CELL + GAP)),
                Vec2::splat(CELL),
            );
            let fill = if answers == 0 {
                empty
            } else {
                // At least a quarter of the way, so a light day is still visible.
                let strength = 0.25 + 0.75 * answers as f32 / most as f32;
                lerp_color(empty, color, strength)
            };
            painter.rect_filled(cell, 2.0, fill);
            if response
                .hover_pos()
                .is_some_and(|p| cell.expand(GAP / 2.0).contains(p))
            {
                hovered = Some((week.monday + row as i64, answers));
            }
        }
    }
    if let Some((day, answers)) = hovered {
        let time = days
            .iter()
            .find(|d| d.day == day)
            .map_or(0, |d| d.elapsed_ms);
        response.clone().on_hover_text(format!(
            "{}: {answers} answers, {}",
            date(day as f64),
            format_duration_ms(time)
        ));
    }
    let label = format!(
        "Study calendar: {studied} days studied in the last {} weeks",
        weeks.len()
    );
    style::name_chart(&response, &label);
    ui.label(
        RichText::new(format!(
            "{studied} days studied in the last {} weeks; the stronger the colour, the more answers. \
             Point at a day for its numbers.",
            weeks.len()
        ))
        .small()
        .weak(),
    );
}

/// The colour `t` (0 to 1) of the way from `a` to `b`.
fn lerp_color(a: Color32, b: Color32, t: f32) -> Color32 {
    let mix = |x: u8, y: u8| (f32::from(x) + (f32::from(y) - f32::from(x)) * t).round() as u8;
    Color32::from_rgb(mix(a.r(), b.r()), mix(a.g(), b.g()), mix(a.b(), b.b()))
}

/// A month's short English name, from its number (1 to 12).
fn month_name(month: i64) -> &'static str {
    const NAMES: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    usize::try_from(month - 1)
        .ok()
        .and_then(|i| NAMES.get(i))
        .copied()
        .unwrap_or("")
}

fn flashcards_ui(ui: &mut egui::Ui, view: &StatsView, palette: &style::Palette) {
    let cards = &view.cards;
    card_states_ui(
        ui,
        &[
            ("New", cards.new, ui_blue()),
            ("Learning", cards.learning, palette.partial),
            ("Review", cards.review, palette.right),
        ],
    );
    if cards.learning + cards.review == 0 {
        ui.label("No flashcards studied yet.");
        return;
    }
    match &view.retention {
        Some(retention) => ui.label(format!(
            "Measured retention: {:.0}% ({} of {} reviews of cards last seen a day or more \
             before). FSRS aims for {:.0}%.",
            retention.rate() * 100.0,
            retention.recalled,
            retention.checks,
            schedule::DESIRED_RETENTION * 100.0
        )),
        None => ui.label(format!(
            "Measured retention shows once cards come back a day or more after you last saw \
             them. FSRS aims for {:.0}%.",
            schedule::DESIRED_RETENTION * 100.0
        )),
    };
    retention_chart_ui(ui, view);
    let due: u32 = view.forecast.iter().sum();
    ui.label(format!(
        "Due in the next {} days: {due} (today: {})",
        view.forecast.len(),
        view.forecast.first().copied().unwrap_or(0)
    ));
    let bars: Vec<Bar> = view
        .forecast
        .iter()
        .enumerate()
        .map(|(day, &count)| {
            let when = match day {
                0 => "today".to_owned(),
                1 => "tomorrow".to_owned(),
                n => format!("in {n} days"),
            };
            Bar::new(day as f64, f64::from(count))
                .name(format!("{count} due {when}"))
                .width(0.7)
                .fill(ui_blue())
        })
        .collect();
    let response = style::fixed_plot("stats-forecast", 160.0)
        .include_y(0.0)
        .y_axis_label("Cards due")
        .x_axis_formatter(|mark, _| match mark.value.round() as i64 {
            0 => "today".to_owned(),
            n if n > 0 => format!("+{n} d"),
            _ => String::new(),
        })
        .show(ui, |plot| {
            plot.bar_chart(BarChart::new("Cards due", bars).color(ui_blue()));
        })
        .response;
    let label = format!(
        "Cards due in the next {} days chart: {due} cards",
        view.forecast.len()
    );
    style::name_chart(&response, &label);
}

/// Measured retention week by week against FSRS's target, as a chart.
fn retention_chart_ui(ui: &mut egui::Ui, view: &StatsView) {
    if view.retention_weeks.len() < 2 {
        return;
    }
    let target = f64::from(schedule::DESIRED_RETENTION) * 100.0;
    let points: Vec<[f64; 2]> = view
        .retention_weeks
        .iter()
        .map(|(monday, r)| [*monday as f64, r.rate() * 100.0])
        .collect();
    let response = style::fixed_plot("stats-retention", 140.0)
        .include_y(0.0)
        .include_y(100.0)
        .show_grid([false, true])
        .y_axis_label("Recalled (%)")
        .x_grid_spacer(date_grid)
        .x_axis_formatter(|mark, _range| axis_date(mark))
        .label_formatter(|hover| match hover {
            HoverPosition::NearDataPoint { position, .. } => {
                Some(format!("week of {}: {:.0}%", date(position.x), position.y))
            }
            HoverPosition::Elsewhere { .. } => None,
        })
        .show(ui, |plot| {
            plot.add(
                HLine::new(format!("FSRS target {target:.0}%"), target)
                    .color(Color32::from_rgb(0xd9, 0x8c, 0x00))
                    .style(LineStyle::dashed_loose()),
            );
            plot.add(
                Line::new("Measured retention", points.clone())
                    .color(ui_blue())
                    .width(2.0)
                    .allow_band(false),
            );
            plot.add(Points::new("Weeks", points).color(ui_blue()).radius(3.0));
        })
        .response;
    ui.label(
        RichText::new(format!(
            "Blue: the share of cards you recalled each week. Dashed: the {target:.0}% FSRS \
             aims for."
        ))
        .small()
        .weak(),
    );
    let label = format!(
        "Retention by week chart: {} weeks against the {target:.0}% target",
        view.retention_weeks.len()
    );
    style::name_chart(&response, &label);
}

/// Cards by state as one bar split in proportion, with a key below.
fn card_states_ui(ui: &mut egui::Ui, states: &[(&str, usize, Color32)]) {
    let total: usize = states.iter().map(|(_, n, _)| n).sum();
    let width = ui.available_width().min(600.0);
    let (rect, response) = ui.allocate_exact_size(Vec2::new(width, 22.0), Sense::hover());
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 4.0, ui.visuals().widgets.inactive.bg_fill);
    let mut left = rect.left();
    for (_, count, color) in states {
        if total == 0 || *count == 0 {
            continue;
        }
        let w = width * *count as f32 / total as f32;
        let segment = egui::Rect::from_min_size(egui::pos2(left, rect.top()), Vec2::new(w, 22.0));
        painter.rect_filled(segment, 0.0, *color);
        left += w;
    }
    let text = states
        .iter()
        .map(|(name, count, _)| format!("{count} {}", name.to_lowercase()))
        .collect::<Vec<_>>()
        .join(", ");
    let label = format!("Cards by state: {text}");
    style::name_chart(&response, &label);
    ui.horizontal_wrapped(|ui| {
        for (name, count, color) in states {
            let (swatch, _) = ui.allocate_exact_size(Vec2::splat(12.0), Sense::hover());
            ui.painter().rect_filled(swatch, 2.0, *color);
            ui.label(format!("{name}: {count}"));
            ui.add_space(12.0);
        }
    });
}

fn ui_blue() -> Color32 {
    Color32::from_rgb(0x3b, 0x7d, 0xd8)
}

/// FSRS's parameters: the ones in use, and fitting new ones to the profile's reviews once FSRS
/// has enough to learn from.
fn fsrs_ui(ui: &mut egui::Ui, fsrs: &FsrsPanel, good: Color32, commands: &mut Vec<Command>) {
    ui.add_space(8.0);
    ui.label(RichText::new("Your schedule").strong());
    match &fsrs.stored {
        Some(stored) => {
            ui.label(format!(
                "Flashcards are scheduled with parameters fitted on {} to {} of your reviews \
                 (prediction error {:.1}% before, {:.1}% after).",
                date(days(stored.optimized_ms)),
                stored.reviews,
                stored.rmse_before * 100.0,
                stored.rmse_after * 100.0
            ));
            if ui.button("Use FSRS's defaults again").clicked() {
                commands.push(Command::ResetFsrs);
            }
        }
        None => {
            ui.label("Flashcards are scheduled with FSRS's default parameters.");
        }
    }
    match &fsrs.run {
        OptimizerRun::Idle => {
            let needed = MIN_TRAINING_ITEMS as u64;
            if fsrs.long_term_reviews >= needed {
                ui.label(format!(
                    "You have {} reviews of cards you had last seen a day or more before: enough \
                     for FSRS to fit its parameters to how you remember (it needs at least \
                     {needed}), so cards come back just before you would forget them.",
                    fsrs.long_term_reviews
                ));
                if ui.button("Optimize my schedule").clicked() {
                    commands.push(Command::OptimizeFsrs);
                }
            } else {
                ui.label(
                    RichText::new(format!(
                        "FSRS can fit its parameters to you once it has at least {needed} reviews \
                         to learn from (a review counts when a card comes back a day or more \
                         after you last saw it); you have {} so far.",
                        fsrs.long_term_reviews
                    ))
                    .weak(),
                );
            }
        }
        OptimizerRun::Running(_) => {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(format!("Fitting FSRS to your {} reviews...", fsrs.reviews));
            });
        }
        OptimizerRun::Done(optimized) => {
            egui::Frame::group(ui.style())
                .inner_margin(12.0)
                .show(ui, |ui| optimized_ui(ui, optimized, good, commands));
        }
        OptimizerRun::Failed(why) => {
            ui.label(why);
            if ui.button("Try again").clicked() {
                commands.push(Command::OptimizeFsrs);
            }
        }
    }
}

/// The parameters just fitted, compared with the ones in use, and the choice.
fn optimized_ui(
    ui: &mut egui::Ui,
    optimized: &Optimized,
    good: Color32,
    commands: &mut Vec<Command>,
) {
    let improved = optimized.improved();
    ui.label(
        RichText::new(if improved {
            "The fitted parameters predict your memory better."
        } else {
            "The fitted parameters do not predict your memory better than the current ones."
        })
        .strong()
        .color(if improved {
            good
        } else {
            ui.visuals().text_color()
        }),
    );
    egui::Grid::new("fsrs-change")
        .num_columns(3)
        .spacing([24.0, 4.0])
        .show(ui, |ui| {
            ui.label("");
            ui.label(RichText::new("Now").strong());
            ui.label(RichText::new("Fitted").strong());
            ui.end_row();
            ui.label("Prediction error (RMSE)");
            ui.label(format!("{:.1}%", optimized.before.rmse_bins * 100.0));
            ui.label(format!("{:.1}%", optimized.after.rmse_bins * 100.0));
            ui.end_row();
            ui.label("Log loss");
            ui.label(format!("{:.4}", optimized.before.log_loss));
            ui.label(format!("{:.4}", optimized.after.log_loss));
            ui.end_row();
        });
    ui.label(
        RichText::new(format!(
            "Fitted to {} reviews ({} FSRS could learn from). Lower is better.",
            optimized.reviews, optimized.training_items
        ))
        .small()
        .weak(),
    );
    egui::CollapsingHeader::new("The 21 parameters")
        .id_salt("fsrs-parameters")
        .show(ui, |ui| {
            let text = optimized
                .parameters
                .iter()
                .map(|p| format!("{p:.4}"))
                .collect::<Vec<_>>()
                .join(", ");
            ui.add(egui::Label::new(RichText::new(text).monospace()).wrap());
        });
    ui.horizontal(|ui| {
        let use_text = if improved {
            "Use the fitted parameters"
        } else {
            "Use them anyway"
        };
        if ui.button(use_text).clicked() {
            commands.push(Command::UseOptimizedFsrs);
        }
        if ui.button("Keep the current ones").clicked() {
            commands.push(Command::DiscardOptimizedFsrs);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(min: f64, max: f64) -> Vec<egui_plot::GridMark> {
        date_grid(egui_plot::GridInput {
            bounds: (min, max),
            base_step_size: 0.01,
        })
    }

    #[test]
    fn a_few_weeks_get_mondays_and_months_get_their_first_days() {
        // 19 996 is Monday 2024-09-30.
        let weeks = grid(19_990.0, 20_030.0);
        let values: Vec<f64> = weeks.iter().map(|m| m.value).collect();
        assert_eq!(values, [19_996.0, 20_003.0, 20_010.0, 20_017.0, 20_024.0]);
        assert_eq!(axis_date(weeks[0]), "30 Sep");

        // Five months: the first of each month.
        let months = grid(19_950.0, 20_100.0);
        let labels: Vec<String> = months.iter().map(|m| axis_date(*m)).collect();
        assert_eq!(labels, ["Sep", "Oct", "Nov", "Dec", "Jan 2025"]);
        assert!(months.iter().all(|m| date(m.value).ends_with("-01")));

        // Three years: every half year at most eight labels.
        assert!(grid(19_000.0, 20_100.0).len() <= 8);
    }
}
