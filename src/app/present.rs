//! Presenting a deck to a room: choosing the questions and their order (and saving that as a
//! plan), then one question at a time with reveal, a countdown, a blank screen and the room's
//! show of hands, recorded anonymously.

use std::sync::Arc;

use crate::deck::Deck;
use crate::quiz::{QuizConfig, QuizSession};
use crate::store::{self, PresentationId, PresentationPlan};

use super::live::{LiveCommand, LiveRoom};
use super::{App, DeckKey, NoticeLevel, Screen, WindowEffect};

/// How long the countdown runs for a question with no time limit of its own, in seconds.
const DEFAULT_TIMER_S: u32 = 30;

/// Where a presentation is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// The deck's title and content note.
    Title,
    /// Question `n` of the order, with or without its answer.
    Question {
        /// Position in the presentation.
        n: usize,
        /// Whether the answer is shown.
        revealed: bool,
    },
    /// The summary and the deck's resources.
    Summary,
}

/// A presentation in progress.
pub struct PresentState {
    /// The deck presented.
    pub deck: Arc<Deck>,
    /// Fixes each question's option order (deck order for choices; items and pairs shuffled).
    pub session: QuizSession,
    /// The questions presented, in order, as indices into the session's items.
    pub order: Vec<usize>,
    /// Where it is.
    pub stage: Stage,
    /// Whether the projector shows black.
    pub blank: bool,
    /// The countdown: seconds left when it was last stopped, and since when it runs.
    pub timer_left_s: Option<f64>,
    /// When the countdown was started, in the window's seconds; `None` while stopped.
    pub timer_started_s: Option<f64>,
    /// The room's show of hands per position: (correct, answered); `None` if skipped.
    pub tallies: Vec<Option<(u32, u32)>>,
    /// The record kept of it, if the store could start one.
    pub presentation: Option<PresentationId>,
    /// Esc was pressed once: a second Esc (or Enter) leaves.
    pub confirm_leave: bool,
    /// Whether the facilitator console (a second window, for the laptop screen) is open.
    pub console_open: bool,
    /// The room answering on their phones, while it does.
    pub live: Option<LiveRoom>,
    /// How the room answered on their phones, per position: kept at Reveal (or when the
    /// question was left without one); `None` if the phones did not answer it.
    pub room_tallies: Vec<Option<crate::room::Tally>>,
}

impl PresentState {
    /// A presentation of `deck`: the questions with the ids in `plan`, in that order, or every
    /// question in deck order.
    pub(crate) fn new(deck: Arc<Deck>, plan: Option<&[String]>) -> Option<Self> {
        let session = QuizSession::new(
            deck.clone(),
            QuizConfig {
                shuffle_questions: false,
                shuffle_options: false,
                use_time_limits: true,
                seed: 1,
                ..QuizConfig::default()
            },
        )
        .ok()?;
        let order: Vec<usize> = match plan {
            None => (0..session.len()).collect(),
            Some(ids) => ids
                .iter()
                .filter_map(|id| {
                    session.items().iter().position(|item| {
                        deck.questions()
                            .get(item.question_index)
                            .is_some_and(|q| q.id.as_str() == id)
                    })
                })
                .collect(),
        };
        if order.is_empty() {
            return None;
        }
        let len = order.len();
        Some(Self {
            deck,
            session,
            order,
            stage: Stage::Title,
            blank: false,
            timer_left_s: None,
            timer_started_s: None,
            tallies: vec![None; len],
            presentation: None,
            confirm_leave: false,
            console_open: false,
            live: None,
            room_tallies: vec![None; len],
        })
    }

    /// How many questions are presented.
    pub fn len(&self) -> usize {
        self.order.len()
    }

    /// Whether nothing is presented (never: a presentation has a question at least).
    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// The session item of the question at position `n`.
    pub fn item(&self, n: usize) -> Option<&crate::quiz::Item> {
        self.session.items().get(*self.order.get(n)?)
    }

    /// The question at position `n`.
    pub fn question(&self, n: usize) -> Option<&crate::deck::Question> {
        self.deck.questions().get(self.item(n)?.question_index)
    }

    /// The stage after this one ("next" on a clicker): reveal first, then the next question.
    pub fn next_stage(&self) -> Stage {
        let len = self.len();
        match self.stage {
            Stage::Title if len > 0 => Stage::Question {
                n: 0,
                revealed: false,
            },
            Stage::Title | Stage::Summary => Stage::Summary,
            Stage::Question { n, revealed: false } => Stage::Question { n, revealed: true },
            Stage::Question { n, revealed: true } if n + 1 < len => Stage::Question {
                n: n + 1,
                revealed: false,
            },
            Stage::Question { .. } => Stage::Summary,
        }
    }

    /// The stage before this one ("back" on a clicker).
    pub fn previous_stage(&self) -> Stage {
        let len = self.len();
        match self.stage {
            Stage::Title
            | Stage::Question {
                n: 0,
                revealed: false,
            } => Stage::Title,
            Stage::Question { n, revealed: true } => Stage::Question { n, revealed: false },
            Stage::Question { n, revealed: false } => Stage::Question {
                n: n - 1,
                revealed: true,
            },
            Stage::Summary if len > 0 => Stage::Question {
                n: len - 1,
                revealed: true,
            },
            Stage::Summary => Stage::Title,
        }
    }

    /// Seconds left on the countdown at `now_s`, if there is one.
    pub fn timer_left(&self, now_s: f64) -> Option<f64> {
        let left = self.timer_left_s?;
        Some(match self.timer_started_s {
            Some(started) => (left - (now_s - started)).max(0.0),
            None => left,
        })
    }

    /// Starts, stops or restarts the countdown of the question shown.
    fn toggle_timer(&mut self, now_s: f64) {
        let Stage::Question { n, .. } = self.stage else {
            return;
        };
        match (self.timer_left(now_s), self.timer_started_s) {
            (Some(left), Some(_)) => {
                self.timer_left_s = Some(left);
                self.timer_started_s = None;
            }
            (Some(left), None) if left > 0.0 => self.timer_started_s = Some(now_s),
            _ => {
                let secs = self
                    .question(n)
                    .and_then(|q| q.time_limit_secs)
                    .unwrap_or(DEFAULT_TIMER_S);
                self.timer_left_s = Some(f64::from(secs));
                self.timer_started_s = Some(now_s);
            }
        }
    }
}

/// Choosing which questions to present, in what order, and saving that as a named plan.
pub struct PresentSetup {
    /// The library deck.
    pub key: DeckKey,
    /// The deck as it was when the setup opened.
    pub deck: Arc<Deck>,
    /// Every question id with whether it is presented, in presenting order.
    pub order: Vec<(String, bool)>,
    /// The plans saved for this deck.
    pub plans: Vec<PresentationPlan>,
}

impl PresentSetup {
    fn new(key: DeckKey, deck: Arc<Deck>, plans: Vec<PresentationPlan>) -> Self {
        let order = deck
            .questions()
            .iter()
            .map(|q| (q.id.to_string(), true))
            .collect();
        Self {
            key,
            deck,
            order,
            plans,
        }
    }

    /// The ids presented, in order.
    pub fn chosen(&self) -> Vec<String> {
        self.order
            .iter()
            .filter(|(_, on)| *on)
            .map(|(id, _)| id.clone())
            .collect()
    }

    /// Takes a saved plan: its questions first, in its order, ticked; the rest after, unticked.
    fn apply_plan(&mut self, ids: &[String]) {
        let mut order: Vec<(String, bool)> = ids
            .iter()
            .filter(|id| self.order.iter().any(|(o, _)| o == *id))
            .map(|id| (id.clone(), true))
            .collect();
        for (id, _) in &self.order {
            if !ids.contains(id) {
                order.push((id.clone(), false));
            }
        }
        self.order = order;
    }

    fn apply(&mut self, command: SetupCommand) {
        match command {
            SetupCommand::Tick(i, on) => {
                if let Some((_, ticked)) = self.order.get_mut(i) {
                    *ticked = on;
                }
            }
            SetupCommand::TickTagged(tag) => {
                let tag = tag.trim().to_lowercase();
                let deck = self.deck.clone();
                for (id, on) in &mut self.order {
                    *on = deck.questions().iter().any(|q| {
                        q.id.as_str() == id
                            && q.tags.iter().any(|t| t.to_lowercase().contains(&tag))
                    });
                }
            }
            SetupCommand::TickAll => {
                for (_, on) in &mut self.order {
                    *on = true;
                }
            }
            SetupCommand::UsePlan(ids) => self.apply_plan(&ids),
            SetupCommand::Move { from, to } => {
                if from < self.order.len() && to < self.order.len() {
                    let moved = self.order.remove(from);
                    self.order.insert(to, moved);
                }
            }
        }
    }
}

/// A change to the choice of questions on the Present setup screen.
#[derive(Clone, Debug, PartialEq)]
pub enum SetupCommand {
    /// Tick (or untick) the question at position `n`.
    Tick(usize, bool),
    /// Tick only the questions with a tag containing this text.
    TickTagged(String),
    /// Tick every question.
    TickAll,
    /// Take these question ids (a saved plan or a session of the deck), in this order.
    UsePlan(Vec<String>),
    /// Move the question at position `from` to position `to`.
    Move {
        /// Where it is.
        from: usize,
        /// Where it goes.
        to: usize,
    },
}

/// What the presenter and its setup ask.
#[derive(Clone, Debug, PartialEq)]
pub enum PresentCommand {
    /// Choose the questions to present from a deck.
    SetUp(DeckKey),
    /// Change the choice on the setup screen.
    Setup(SetupCommand),
    /// Save the setup's choice as a plan with this name.
    SavePlan(String),
    /// Present a deck: the questions with these ids in this order, or all of them.
    Start(DeckKey, Option<Vec<String>>),
    /// Go to a stage of the presentation.
    Go(Stage),
    /// Save the room's show of hands for question `n`: right, out of.
    Tally(usize, u32, u32),
    /// Blank the projector, or show it again.
    ToggleBlank,
    /// Esc pressed once (`true`: ask whether to leave), or any other key after it (`false`).
    AskLeave(bool),
    /// Open or close the facilitator console.
    Console(bool),
    /// Start, stop or restart the countdown.
    ToggleTimer,
    /// Leave the presentation.
    Leave,
    /// Write the presentation records to a CSV file in the exports folder.
    ExportRecords,
    /// Something for the room answering on their phones.
    Live(LiveCommand),
}

impl App {
    /// Applies a command of the presenter or its setup.
    pub(super) fn apply_present(&mut self, command: PresentCommand) {
        match command {
            PresentCommand::SetUp(key) => self.set_up_presentation(&key),
            PresentCommand::Setup(change) => {
                if let Some(setup) = &mut self.present_setup {
                    setup.apply(change);
                }
            }
            PresentCommand::SavePlan(name) => self.save_plan(&name),
            PresentCommand::Start(key, ids) => {
                self.present_setup = None;
                self.start_presentation(&key, ids.as_deref());
            }
            PresentCommand::Go(stage) => self.present_go(stage),
            PresentCommand::Tally(n, correct, answered) => self.present_tally(n, correct, answered),
            PresentCommand::ToggleBlank => {
                if let Some(state) = &mut self.present {
                    state.blank = !state.blank;
                }
            }
            PresentCommand::AskLeave(ask) => {
                if let Some(state) = &mut self.present {
                    state.confirm_leave = ask;
                }
            }
            PresentCommand::Console(open) => {
                if let Some(state) = &mut self.present {
                    state.console_open = open;
                }
            }
            PresentCommand::ToggleTimer => {
                let now_s = self.now_s;
                if let Some(state) = &mut self.present {
                    state.toggle_timer(now_s);
                }
            }
            PresentCommand::Leave => self.leave_presentation(),
            PresentCommand::ExportRecords => self.export_presentations(),
            PresentCommand::Live(command) => self.apply_live(command),
        }
    }

    /// The presentation in progress.
    pub fn presentation(&self) -> Option<&PresentState> {
        self.present.as_ref()
    }

    /// The presentation being set up.
    pub fn present_setup(&self) -> Option<&PresentSetup> {
        self.present_setup.as_ref()
    }

    /// The question ids in the presentation being set up, in order, with whether each is chosen.
    pub fn present_setup_order(&self) -> Option<Vec<(String, bool)>> {
        self.present_setup.as_ref().map(|s| s.order.clone())
    }

    fn set_up_presentation(&mut self, key: &DeckKey) {
        let Some(deck) = self.library_deck(key).cloned() else {
            return self.deck_gone_notice();
        };
        let plans = self.read_plans(deck.id().as_str());
        self.present_setup = Some(PresentSetup::new(key.clone(), deck, plans));
        self.screen = Screen::PresentSetup;
    }

    /// The plans saved for a deck; none (and said why) when they cannot be read.
    fn read_plans(&mut self, deck_id: &str) -> Vec<PresentationPlan> {
        let Some(store) = &self.store else {
            return Vec::new();
        };
        match store.plans(deck_id) {
            Ok(plans) => plans,
            Err(e) => {
                self.notice(
                    NoticeLevel::Warning,
                    format!("The saved plans cannot be read: {e}"),
                );
                Vec::new()
            }
        }
    }

    fn save_plan(&mut self, name: &str) {
        let Some(setup) = &self.present_setup else {
            return;
        };
        let (deck_id, ids) = (setup.deck.id().as_str().to_owned(), setup.chosen());
        let Some(store) = &mut self.store else { return };
        match store.save_plan(&deck_id, name, &ids, crate::time::now_ms()) {
            Ok(()) => {
                // Read back, so the list shows what is kept; a failed read keeps the list as
                // it was, and says so.
                let plans = store.plans(&deck_id);
                match plans {
                    Ok(plans) => {
                        if let Some(setup) = &mut self.present_setup {
                            setup.plans = plans;
                        }
                    }
                    Err(e) => self.notice(
                        NoticeLevel::Warning,
                        format!("The plan was saved, but the saved plans cannot be read: {e}"),
                    ),
                }
                self.notice(NoticeLevel::Info, format!("The plan \"{name}\" is saved."));
            }
            Err(e) => {
                self.notice(NoticeLevel::Error, format!("The plan was not saved: {e}"));
            }
        }
    }

    /// Starts presenting a library deck: full screen, high contrast, title first.
    pub(super) fn start_presentation(&mut self, key: &DeckKey, plan: Option<&[String]>) {
        let Some(deck) = self.library_deck(key).cloned() else {
            return self.deck_gone_notice();
        };
        let Some(mut state) = PresentState::new(deck.clone(), plan) else {
            self.notice(
                NoticeLevel::Warning,
                "There is nothing to present: no question was chosen, or the deck has none."
                    .to_owned(),
            );
            return;
        };
        if let Some(store) = &mut self.store {
            match store.start_presentation(deck.id().as_str(), deck.title(), crate::time::now_ms())
            {
                Ok(id) => state.presentation = Some(id),
                Err(e) => self.notice(
                    NoticeLevel::Warning,
                    format!("This presentation will not be recorded: {e}"),
                ),
            }
        }
        self.present = Some(state);
        self.screen = Screen::Present;
        self.effects.push(WindowEffect::Fullscreen(true));
    }

    fn leave_presentation(&mut self) {
        self.stop_live();
        if let (Some(store), Some(id)) = (
            &mut self.store,
            self.present.as_ref().and_then(|p| p.presentation),
        ) && let Err(e) = store.finish_presentation(id, crate::time::now_ms())
        {
            self.write_failed_notice("end of the presentation", &e);
        }
        self.present = None;
        self.effects.push(WindowEffect::Fullscreen(false));
        self.screen = if self.profile.is_some() {
            Screen::Library
        } else {
            Screen::Profiles
        };
    }

    /// Moves the presentation to `stage`, recording each question when it is first shown.
    fn present_go(&mut self, stage: Stage) {
        let Some(state) = &mut self.present else {
            return;
        };
        let changed_question = match (state.stage, stage) {
            (Stage::Question { n: a, .. }, Stage::Question { n: b, .. }) => a != b,
            (_, Stage::Question { .. }) => true,
            _ => false,
        };
        state.stage = stage;
        state.confirm_leave = false;
        self.live_follow_stage();
        let Some(state) = &mut self.present else {
            return;
        };
        let Stage::Question { n, .. } = stage else {
            return;
        };
        if !changed_question {
            return;
        }
        state.timer_left_s = None;
        state.timer_started_s = None;
        let presentation = state.presentation;
        let question_id = state.question(n).map(|q| q.id.to_string());
        if let (Some(store), Some(id), Some(question_id)) =
            (&mut self.store, presentation, question_id)
            && let Err(e) = store.record_shown(
                id,
                u32::try_from(n).unwrap_or(u32::MAX),
                &question_id,
                crate::time::now_ms(),
            )
        {
            self.write_failed_notice("presentation record", &e);
        }
    }

    /// Keeps the room's show of hands for question `n`, anonymously.
    fn present_tally(&mut self, n: usize, correct: u32, answered: u32) {
        let Some(state) = &mut self.present else {
            return;
        };
        let question_id = state.question(n).map(|q| q.id.to_string());
        if let Some(slot) = state.tallies.get_mut(n) {
            *slot = Some((correct.min(answered), answered));
        }
        if let (Some(store), Some(id), Some(question_id)) =
            (&mut self.store, state.presentation, question_id)
            && let Err(e) = store.record_tally(id, &question_id, correct.min(answered), answered)
        {
            self.write_failed_notice("count of hands", &e);
        }
    }

    /// Writes every presentation record to `exports/presentations-<time>.csv` in the data folder.
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
        match store::write_export(&self.data_dir, "presentations", "csv", csv.as_bytes()) {
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
}
