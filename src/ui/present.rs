//! Presenter mode: one question at a time on a projector, large type, reveal, explain, move on.
//!
//! Clickers send Right/Left/PageDown/PageUp/Space, so "next" first reveals the answer and then
//! moves on; R reveals, T starts or stops the countdown, B blanks the screen, F toggles full
//! screen, Esc leaves (pressed twice, or confirmed).

use std::sync::Arc;

use eframe::egui::{self, Key, RichText};

use crate::deck::{Answer, Deck};
use crate::quiz::{QuizConfig, QuizSession, correct_answer_text};

use super::app::{App, Command};
use super::{keys, style};

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
pub(crate) struct PresentState {
    pub deck: Arc<Deck>,
    /// Fixes each question's option order (deck order for choices; items and pairs shuffled).
    pub session: QuizSession,
    /// The questions presented, in order, as indices into the session's items.
    pub order: Vec<usize>,
    pub stage: Stage,
    pub blank: bool,
    /// The countdown: seconds left when it was last stopped, and since when it runs.
    pub timer_left_s: Option<f64>,
    pub timer_started_s: Option<f64>,
    /// The room's show of hands per position: (correct, answered); `None` if skipped.
    pub tallies: Vec<Option<(u32, u32)>>,
    /// The tally being typed for the current question.
    pub tally_draft: (u32, u32),
    pub presentation: Option<crate::store::PresentationId>,
    /// Esc was pressed once: a second Esc (or Enter) leaves.
    pub confirm_leave: bool,
    /// Shrinks the type when a long question would not fit the screen (1 = no shrinking).
    pub fit_scale: f32,
    /// The stage `fit_scale` was measured for.
    pub fit_stage: Stage,
    /// Whether the facilitator console (a second window, for the laptop screen) is open.
    pub console_open: bool,
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
            tally_draft: (0, 0),
            presentation: None,
            confirm_leave: false,
            fit_scale: 1.0,
            fit_stage: Stage::Title,
            console_open: false,
        })
    }

    /// How many questions are presented.
    pub(crate) fn len(&self) -> usize {
        self.order.len()
    }

    /// The session item of the question at position `n`.
    pub(crate) fn item(&self, n: usize) -> Option<&crate::quiz::Item> {
        self.session.items().get(*self.order.get(n)?)
    }

    /// The stage after this one ("next" on a clicker): reveal first, then the next question.
    pub(crate) fn next_stage(&self) -> Stage {
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
    pub(crate) fn previous_stage(&self) -> Stage {
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
    pub(crate) fn timer_left(&self, now_s: f64) -> Option<f64> {
        let left = self.timer_left_s?;
        Some(match self.timer_started_s {
            Some(started) => (left - (now_s - started)).max(0.0),
            None => left,
        })
    }
}

/// The presenter screen.
pub(crate) fn present_ui(ui: &mut egui::Ui, app: &mut App, commands: &mut Vec<Command>) {
    let Some(state) = &mut app.present else {
        commands.push(Command::Go(super::Screen::Library));
        return;
    };
    let now_s = ui.input(|i| i.time);
    let palette = style::palette(style::Theme::HighContrast);
    // Type scales with the window, so the back of the room can read it at 720p and 1080p, and
    // shrinks for a long question until it fits (measured on the previous frame).
    if state.fit_stage != state.stage {
        state.fit_stage = state.stage;
        state.fit_scale = 1.0;
    }
    let available_height = ui.available_height();
    let unit = (available_height / 22.0 * state.fit_scale).clamp(10.0, 64.0);

    // Keys first: a clicker's buttons, then the facilitator's letters.
    let typing = keys::typing(ui);
    let pressed = |ui: &egui::Ui, key: Key| !typing && ui.input(|i| i.key_pressed(key));
    if state.confirm_leave {
        if keys::escape(ui) || keys::enter(ui) {
            commands.push(Command::LeavePresentation);
        } else if ui.input(|i| {
            i.events
                .iter()
                .any(|e| matches!(e, egui::Event::Key { pressed: true, .. }))
        }) {
            state.confirm_leave = false;
        }
    } else if keys::escape(ui) {
        state.confirm_leave = true;
    } else if [Key::ArrowRight, Key::PageDown, Key::Space]
        .iter()
        .any(|k| pressed(ui, *k))
    {
        commands.push(Command::PresentGo(state.next_stage()));
    } else if [Key::ArrowLeft, Key::PageUp]
        .iter()
        .any(|k| pressed(ui, *k))
    {
        commands.push(Command::PresentGo(state.previous_stage()));
    } else if pressed(ui, Key::R)
        && let Stage::Question { n, revealed } = state.stage
    {
        commands.push(Command::PresentGo(Stage::Question {
            n,
            revealed: !revealed,
        }));
    } else if pressed(ui, Key::B) {
        state.blank = !state.blank;
    } else if pressed(ui, Key::F) {
        let full = ui.input(|i| i.viewport().fullscreen.unwrap_or(false));
        ui.ctx()
            .send_viewport_cmd(egui::ViewportCommand::Fullscreen(!full));
    } else if pressed(ui, Key::T) {
        toggle_timer(state, now_s);
    } else if pressed(ui, Key::C) {
        state.console_open = !state.console_open;
    }
    if state.console_open {
        console_ui(ui.ctx(), state, now_s, commands);
    }

    if state.blank {
        ui.painter()
            .rect_filled(ui.max_rect(), 0.0, egui::Color32::BLACK);
        ui.label(
            RichText::new("(screen blanked: press B)")
                .size(unit * 0.4)
                .color(egui::Color32::from_gray(40)),
        );
        return;
    }

    let used = ui.vertical_centered(|ui| {
        ui.set_max_width(ui.available_width().min(unit * 36.0));
        match state.stage {
            Stage::Title => {
                ui.add_space(unit * 3.0);
                ui.label(RichText::new(state.deck.title()).size(unit * 1.8).strong());
                ui.add_space(unit);
                if let Some(note) = state.deck.content_note() {
                    ui.add(egui::Label::new(RichText::new(note).size(unit * 0.9)).wrap());
                }
                ui.add_space(unit * 2.0);
                ui.label(
                    RichText::new(format!(
                        "{} questions · press Right or Space to begin",
                        state.len()
                    ))
                    .size(unit * 0.6)
                    .color(palette.weak),
                );
            }
            Stage::Question { n, revealed } => {
                question_ui(ui, state, n, revealed, unit, now_s, commands);
            }
            Stage::Summary => summary_ui(ui, state, unit, commands),
        }
        if state.confirm_leave {
            ui.add_space(unit);
            ui.label(
                RichText::new("Leave the presentation? Press Esc again, or any other key to stay.")
                    .size(unit * 0.6)
                    .color(palette.partial),
            );
        }
    });
    let height = used.response.rect.height();
    if height > available_height && state.fit_scale > 0.3 {
        state.fit_scale *= (available_height / height) * 0.97;
        ui.ctx().request_repaint();
    }
}

fn toggle_timer(state: &mut PresentState, now_s: f64) {
    let Stage::Question { n, .. } = state.stage else {
        return;
    };
    match (state.timer_left(now_s), state.timer_started_s) {
        (Some(left), Some(_)) => {
            state.timer_left_s = Some(left);
            state.timer_started_s = None;
        }
        (Some(left), None) if left > 0.0 => state.timer_started_s = Some(now_s),
        _ => {
            let secs = state
                .item(n)
                .and_then(|item| state.deck.questions().get(item.question_index))
                .and_then(|q| q.time_limit_secs)
                .unwrap_or(30);
            state.timer_left_s = Some(f64::from(secs));
            state.timer_started_s = Some(now_s);
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn question_ui(
    ui: &mut egui::Ui,
    state: &mut PresentState,
    n: usize,
    revealed: bool,
    unit: f32,
    now_s: f64,
    commands: &mut Vec<Command>,
) {
    let palette = style::palette(style::Theme::HighContrast);
    let Some(item) = state.item(n).cloned() else {
        return;
    };
    let Some(question) = state.deck.questions().get(item.question_index).cloned() else {
        return;
    };
    ui.horizontal(|ui| {
        ui.label(
            RichText::new(format!("Question {} of {}", n + 1, state.len()))
                .size(unit * 0.6)
                .color(palette.weak),
        );
        if let Some(left) = state.timer_left(now_s) {
            ui.add_space(unit);
            let color = if left < 10.0 {
                palette.wrong
            } else {
                palette.right
            };
            ui.label(
                RichText::new(format!("{:.0} s", left.ceil()))
                    .size(unit)
                    .strong()
                    .color(color),
            );
            if state.timer_started_s.is_some() && left > 0.0 {
                ui.ctx()
                    .request_repaint_after(std::time::Duration::from_secs_f64(
                        (left - left.floor()).max(0.05),
                    ));
            }
        }
    });
    ui.add_space(unit * 0.5);
    ui.add(egui::Label::new(RichText::new(&question.prompt).size(unit * 1.3).strong()).wrap());
    ui.add_space(unit * 0.6);

    // Options lettered A, B, C…; the right ones marked when revealed.
    let lettered: Vec<(String, bool)> = match &question.answer {
        Answer::SingleChoice { options, .. } | Answer::MultiSelect { options, .. } => item
            .display_order
            .iter()
            .filter_map(|&i| options.get(i))
            .map(|o| (o.text.clone(), o.correct))
            .collect(),
        Answer::TrueFalse { correct } => vec![
            ("True".to_owned(), *correct),
            ("False".to_owned(), !*correct),
        ],
        Answer::Order { items } => item
            .display_order
            .iter()
            .filter_map(|&i| items.get(i))
            .map(|t| (t.clone(), false))
            .collect(),
        _ => Vec::new(),
    };
    for (k, (text, correct)) in lettered.iter().enumerate() {
        let letter = keys::letter_name(k);
        let mut rich = RichText::new(format!("{letter}   {text}")).size(unit);
        if revealed && *correct {
            rich = rich.strong().color(palette.right);
        } else if revealed && !matches!(question.answer, Answer::Order { .. }) {
            rich = rich.color(egui::Color32::from_gray(120));
        }
        let mut line = ui.add(egui::Label::new(rich).wrap());
        if revealed && *correct {
            line = line.on_hover_text("the right answer");
            ui.label(
                RichText::new("right answer")
                    .size(unit * 0.45)
                    .color(palette.right),
            );
        }
        let _ = line;
    }
    if lettered.is_empty() && !revealed {
        ui.label(
            RichText::new("Think of your answer…")
                .size(unit * 0.8)
                .color(palette.weak),
        );
    }

    if revealed {
        ui.add_space(unit * 0.5);
        ui.add(
            egui::Label::new(
                RichText::new(format!("Answer: {}", correct_answer_text(&question.answer)))
                    .size(unit * 0.9)
                    .strong()
                    .color(palette.right),
            )
            .wrap(),
        );
        if let Some(explanation) = &question.explanation {
            ui.add(egui::Label::new(RichText::new(explanation).size(unit * 0.75)).wrap());
        }
        if let Some(cite) = &question.source {
            let title = state
                .deck
                .source(&cite.source)
                .map_or_else(|| cite.source.to_string(), |s| s.title.clone());
            ui.label(
                RichText::new(format!("Source: {title}, {}", cite.locator))
                    .size(unit * 0.45)
                    .color(palette.weak),
            );
        }
        if !state.console_open {
            ui.add_space(unit * 0.5);
            tally_ui(ui, state, n, unit, commands);
        }
    }
    ui.add_space(unit * 0.5);
    ui.label(
        RichText::new(
            "Right/Space next · Left back · R reveal · T timer · B blank · F full screen · C console · Esc leave",
        )
            .size(unit * 0.35)
            .color(palette.weak),
    );
}

/// The show-of-hands count for question `n`: how many answered right, out of how many.
fn tally_ui(
    ui: &mut egui::Ui,
    state: &mut PresentState,
    n: usize,
    unit: f32,
    commands: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        let size = unit * 0.45;
        ui.label(RichText::new("Show of hands:").size(size));
        let l = ui.label(RichText::new("right").size(size));
        ui.add(egui::DragValue::new(&mut state.tally_draft.0).range(0..=10_000))
            .labelled_by(l.id);
        let l = ui.label(RichText::new("out of").size(size));
        ui.add(egui::DragValue::new(&mut state.tally_draft.1).range(0..=10_000))
            .labelled_by(l.id);
        if ui.button("Save the count").clicked() {
            let (correct, answered) = state.tally_draft;
            commands.push(Command::PresentTally(n, correct.min(answered), answered));
        }
        match state.tallies.get(n).copied().flatten() {
            Some((c, a)) => {
                ui.label(RichText::new(format!("saved: {c} of {a}")).size(size));
            }
            None => {
                ui.label(RichText::new("(optional)").size(size));
            }
        }
    });
}

fn summary_ui(ui: &mut egui::Ui, state: &PresentState, unit: f32, commands: &mut Vec<Command>) {
    let palette = style::palette(style::Theme::HighContrast);
    ui.label(RichText::new("Summary").size(unit * 1.4).strong());
    ui.label(RichText::new(format!("{} questions", state.len())).size(unit * 0.7));
    // The questions the room found hardest first.
    let mut counted: Vec<(usize, f64, u32, u32)> = state
        .tallies
        .iter()
        .enumerate()
        .filter_map(|(n, t)| {
            t.filter(|(_, a)| *a > 0)
                .map(|(c, a)| (n, f64::from(c) / f64::from(a), c, a))
        })
        .collect();
    counted.sort_by(|a, b| a.1.total_cmp(&b.1));
    if !counted.is_empty() {
        ui.label(
            RichText::new("Hardest for the room")
                .size(unit * 0.8)
                .strong(),
        );
        for (n, _, c, a) in counted.iter().take(5) {
            let prompt = state
                .item(*n)
                .and_then(|i| state.deck.questions().get(i.question_index))
                .map_or("", |q| q.prompt.as_str());
            ui.add(
                egui::Label::new(
                    RichText::new(format!("{c} of {a} right: {prompt}")).size(unit * 0.55),
                )
                .wrap(),
            );
        }
    }
    if !state.deck.resources().is_empty() {
        ui.add_space(unit * 0.5);
        ui.label(
            RichText::new("Where to learn more")
                .size(unit * 0.8)
                .strong(),
        );
        for resource in state.deck.resources() {
            ui.label(
                RichText::new(&resource.title)
                    .size(unit * 0.6)
                    .strong()
                    .color(palette.right),
            );
            ui.add(egui::Label::new(RichText::new(&resource.body).size(unit * 0.5)).wrap());
            if let Some(url) = &resource.url {
                // Large enough to read from the back of the room; clickable for the presenter.
                style::web_link_sized(ui, url, unit * 0.45, commands);
            }
        }
    }
}

/// The facilitator console: a second window for the laptop screen, with the current and next
/// question, the answer, the speaker notes, the timer and the room's count. (Where a second
/// window cannot be opened, egui shows it inside the first.)
fn console_ui(
    ctx: &egui::Context,
    state: &mut PresentState,
    now_s: f64,
    commands: &mut Vec<Command>,
) {
    let id = egui::ViewportId::from_hash_of("quizdesk-facilitator-console");
    let builder = egui::ViewportBuilder::default()
        .with_title("quizdesk - Facilitator console")
        .with_inner_size([640.0, 560.0]);
    ctx.show_viewport_immediate(id, builder, |ui, _class| {
        if ui.input(|i| i.viewport().close_requested()) {
            state.console_open = false;
        }
        egui::CentralPanel::default().show(ui, |ui| {
            egui::ScrollArea::vertical()
                .show(ui, |ui| console_contents(ui, state, now_s, commands));
        });
    });
}

fn console_contents(
    ui: &mut egui::Ui,
    state: &mut PresentState,
    now_s: f64,
    commands: &mut Vec<Command>,
) {
    ui.heading("Facilitator console");
    let len = state.len();
    let question_at = |state: &PresentState, n: usize| {
        state
            .item(n)
            .and_then(|i| state.deck.questions().get(i.question_index))
            .cloned()
    };
    let (current, revealed) = match state.stage {
        Stage::Title => {
            ui.label("Showing: the title and the content note.");
            (None, false)
        }
        Stage::Summary => {
            ui.label("Showing: the summary.");
            (None, false)
        }
        Stage::Question { n, revealed } => {
            ui.label(format!(
                "Showing: question {} of {len}, answer {}.",
                n + 1,
                if revealed { "shown" } else { "hidden" }
            ));
            (Some(n), revealed)
        }
    };
    ui.horizontal_wrapped(|ui| {
        if ui.button("Back").clicked() {
            commands.push(Command::PresentGo(state.previous_stage()));
        }
        if let Some(n) = current {
            let label = if revealed {
                "Hide the answer"
            } else {
                "Reveal the answer"
            };
            if ui.button(label).clicked() {
                commands.push(Command::PresentGo(Stage::Question {
                    n,
                    revealed: !revealed,
                }));
            }
        }
        if ui.button("Next").clicked() {
            commands.push(Command::PresentGo(state.next_stage()));
        }
        let blank = if state.blank {
            "Show the screen"
        } else {
            "Blank the screen"
        };
        if ui.button(blank).clicked() {
            state.blank = !state.blank;
        }
        let timer = if state.timer_started_s.is_some() {
            "Stop the timer"
        } else {
            "Start the timer"
        };
        if current.is_some() && ui.button(timer).clicked() {
            toggle_timer(state, now_s);
        }
        if let Some(left) = state.timer_left(now_s) {
            ui.label(format!("{:.0} s left", left.ceil()));
        }
    });
    ui.separator();
    if let Some(question) = current.and_then(|n| question_at(state, n)) {
        ui.label(RichText::new(&question.prompt).strong());
        ui.label(format!("Answer: {}", correct_answer_text(&question.answer)));
        if let Some(explanation) = &question.explanation {
            ui.label(explanation);
        }
        match &question.notes {
            Some(notes) => {
                ui.label(RichText::new(format!("Speaker notes: {notes}")).italics());
            }
            None => {
                ui.label(RichText::new("No speaker notes for this question.").weak());
            }
        }
        if let Some(n) = current {
            ui.separator();
            tally_ui(ui, state, n, 36.0, commands);
        }
    }
    let next = match state.stage {
        Stage::Title => Some(0),
        Stage::Question { n, .. } if n + 1 < len => Some(n + 1),
        _ => None,
    };
    if let Some(question) = next.and_then(|n| question_at(state, n)) {
        ui.separator();
        ui.label(RichText::new("Next:").strong());
        ui.label(&question.prompt);
    }
}

/// Choosing which questions to present, in what order, and saving that as a named plan.
pub(crate) struct PresentSetup {
    pub deck_index: usize,
    pub deck: Arc<Deck>,
    /// Every question id with whether it is presented, in presenting order.
    pub order: Vec<(String, bool)>,
    /// Only questions with a tag containing this are ticked by "Only tagged".
    pub tag: String,
    pub plan_name: String,
    pub plans: Vec<crate::store::PresentationPlan>,
}

impl PresentSetup {
    pub(crate) fn new(
        deck: Arc<Deck>,
        deck_index: usize,
        plans: Vec<crate::store::PresentationPlan>,
    ) -> Self {
        let order = deck
            .questions()
            .iter()
            .map(|q| (q.id.to_string(), true))
            .collect();
        Self {
            deck_index,
            deck,
            order,
            tag: String::new(),
            plan_name: String::new(),
            plans,
        }
    }

    /// The ids presented, in order.
    pub(crate) fn chosen(&self) -> Vec<String> {
        self.order
            .iter()
            .filter(|(_, on)| *on)
            .map(|(id, _)| id.clone())
            .collect()
    }

    /// Takes a saved plan: its questions first, in its order, ticked; the rest after, unticked.
    pub(crate) fn apply_plan(&mut self, ids: &[String]) {
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
}

/// The setup screen before presenting.
pub(crate) fn present_setup_ui(ui: &mut egui::Ui, app: &mut App, commands: &mut Vec<Command>) {
    let Some(setup) = &mut app.present_setup else {
        commands.push(Command::Go(super::Screen::Library));
        return;
    };
    style::page(ui, |ui| {
        style::title(ui, &format!("Present: {}", setup.deck.title()));
        ui.label("Choose the questions to show the room, and their order. Nobody in the room needs a device.");
        ui.horizontal(|ui| {
            let chosen = setup.chosen();
            if ui
                .add_enabled(
                    !chosen.is_empty(),
                    style::key_button("Start presenting", "Enter"),
                )
                .clicked()
                || (keys::enter_outside_fields(ui) && !chosen.is_empty())
            {
                commands.push(Command::StartPresentationWith(setup.deck_index, chosen));
            }
            if style::back_button(ui, "Back") {
                commands.push(Command::Go(super::Screen::Library));
            }
        });
        ui.horizontal_wrapped(|ui| {
            let l = ui.label("Only questions tagged:");
            ui.add(egui::TextEdit::singleline(&mut setup.tag).desired_width(160.0))
                .labelled_by(l.id);
            if ui.button("Tick only these").clicked() {
                let tag = setup.tag.trim().to_lowercase();
                let deck = setup.deck.clone();
                for (id, on) in &mut setup.order {
                    *on = deck.questions().iter().any(|q| {
                        q.id.as_str() == id
                            && q.tags.iter().any(|t| t.to_lowercase().contains(&tag))
                    });
                }
            }
            if ui.button("Tick all").clicked() {
                for (_, on) in &mut setup.order {
                    *on = true;
                }
            }
        });
        if !setup.deck.sessions().is_empty() {
            // The deck author's suggested sessions, beside the user's own plans.
            ui.horizontal_wrapped(|ui| {
                ui.label("Sessions in this deck:");
                let deck = setup.deck.clone();
                for session in deck.sessions() {
                    let length = match session.minutes {
                        Some(minutes) => {
                            format!("{} questions, about {minutes} min", session.questions.len())
                        }
                        None => format!("{} questions", session.questions.len()),
                    };
                    let mut button = ui.button(format!("{} ({length})", session.name));
                    if let Some(description) = &session.description {
                        button = button.on_hover_text(description);
                    }
                    style::name_for_screen_readers(
                        &button,
                        &format!("Use the session {} ({length})", session.name),
                    );
                    if button.clicked() {
                        let ids: Vec<String> =
                            session.questions.iter().map(ToString::to_string).collect();
                        setup.apply_plan(&ids);
                    }
                }
            });
        }
        if !setup.plans.is_empty() {
            ui.horizontal_wrapped(|ui| {
                ui.label("Saved plans:");
                let plans = setup.plans.clone();
                for plan in &plans {
                    let button = ui.button(&plan.name);
                    style::name_for_screen_readers(&button, &format!("Use the plan {}", plan.name));
                    if button.clicked() {
                        setup.apply_plan(&plan.question_ids);
                    }
                }
            });
        }
        ui.horizontal(|ui| {
            let l = ui.label("Save this choice as a plan named:");
            ui.add(egui::TextEdit::singleline(&mut setup.plan_name).desired_width(200.0))
                .labelled_by(l.id);
            let name = setup.plan_name.trim().to_owned();
            if ui
                .add_enabled(!name.is_empty(), egui::Button::new("Save the plan"))
                .clicked()
            {
                commands.push(Command::SavePlan(
                    setup.deck.id().to_string(),
                    name,
                    setup.chosen(),
                ));
            }
        });
        ui.label(format!(
            "{} of {} questions chosen",
            setup.chosen().len(),
            setup.order.len()
        ));
        ui.label(
            RichText::new("Drag a question by its text to move it, or use Up and Down.")
                .small()
                .weak(),
        );
        let mut swap = None;
        let mut dropped: Option<(usize, usize)> = None;
        let count = setup.order.len();
        let deck = setup.deck.clone();
        for (i, (id, on)) in setup.order.iter_mut().enumerate() {
            let prompt = deck
                .questions()
                .iter()
                .find(|q| q.id.as_str() == id)
                .map_or("", |q| q.prompt.as_str());
            let row = ui.horizontal(|ui| {
                let tick = ui.checkbox(on, format!("{}.", i + 1));
                let checked = *on;
                let name = format!("Present question {}", i + 1);
                tick.widget_info(|| {
                    egui::WidgetInfo::selected(
                        egui::accesskit::Role::CheckBox,
                        true,
                        checked,
                        &name,
                    )
                });
                let up = ui.add_enabled(i > 0, egui::Button::new("Up"));
                style::name_for_screen_readers(&up, &format!("Move question {} up", i + 1));
                if up.clicked() {
                    swap = Some((i, i - 1));
                }
                let down = ui.add_enabled(i + 1 < count, egui::Button::new("Down"));
                style::name_for_screen_readers(&down, &format!("Move question {} down", i + 1));
                if down.clicked() {
                    swap = Some((i, i + 1));
                }
                // The buttons come first so a long prompt, cut to the window's width with an
                // ellipsis, never pushes them out of sight.
                ui.dnd_drag_source(egui::Id::unique(("present-plan-row", i)), i, |ui| {
                    ui.add(egui::Label::new(prompt).truncate());
                });
            });
            // A question dropped on this row takes its place.
            if let Some(from) = row.response.dnd_release_payload::<usize>() {
                dropped = Some((*from, i));
            }
        }
        if let Some((a, b)) = swap {
            setup.order.swap(a, b);
        }
        if let Some((from, to)) = dropped
            && from < setup.order.len()
            && to < setup.order.len()
        {
            let moved = setup.order.remove(from);
            setup.order.insert(to, moved);
        }
    });
}
