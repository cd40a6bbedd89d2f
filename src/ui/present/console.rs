//! The facilitator console: a second window for the laptop, beside the projector.

use eframe::egui::{self, RichText};

use crate::app::{Command, LiveSettings, LiveSnapshot, PresentCommand, PresentState, Stage};
use crate::quiz::correct_answer_text;

use super::{PresentView, live, tally_ui};

/// What the console draws from, besides the presentation: read once a frame.
pub(super) struct ConsoleFrame<'a> {
    pub(super) snapshot: Option<&'a LiveSnapshot>,
    pub(super) now_s: f64,
    pub(super) right_color: egui::Color32,
}

/// The facilitator console: a second window for the laptop screen, with the current and next
/// question, the answer, the speaker notes, the timer and the room's count. (Where a second
/// window cannot be opened, egui shows it inside the first.)
pub(super) fn console_ui(
    ctx: &egui::Context,
    state: &PresentState,
    view: &mut PresentView,
    frame: &ConsoleFrame<'_>,
    commands: &mut Vec<Command>,
) {
    let id = egui::ViewportId::from_hash_of("quizdesk-facilitator-console");
    let builder = egui::ViewportBuilder::default()
        .with_title("quizdesk - Facilitator console")
        .with_inner_size([640.0, 560.0]);
    ctx.show_viewport_immediate(id, builder, |ui, _class| {
        if ui.input(|i| i.viewport().close_requested()) {
            commands.push(Command::Present(PresentCommand::Console(false)));
        }
        egui::CentralPanel::default().show(ui, |ui| {
            egui::ScrollArea::vertical()
                .show(ui, |ui| console_contents(ui, state, view, frame, commands));
        });
    });
}

fn console_contents(
    ui: &mut egui::Ui,
    state: &PresentState,
    view: &mut PresentView,
    frame: &ConsoleFrame<'_>,
    commands: &mut Vec<Command>,
) {
    let now_s = frame.now_s;
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
            commands.push(Command::Present(PresentCommand::Go(state.previous_stage())));
        }
        if let Some(n) = current {
            let label = if revealed {
                "Hide the answer"
            } else {
                "Reveal the answer"
            };
            if ui.button(label).clicked() {
                commands.push(Command::Present(PresentCommand::Go(Stage::Question {
                    n,
                    revealed: !revealed,
                })));
            }
        }
        if ui.button("Next").clicked() {
            commands.push(Command::Present(PresentCommand::Go(state.next_stage())));
        }
        let blank = if state.blank {
            "Show the screen"
        } else {
            "Blank the screen"
        };
        if ui.button(blank).clicked() {
            commands.push(Command::Present(PresentCommand::ToggleBlank));
        }
        let timer = if state.timer_started_s.is_some() {
            "Stop the timer"
        } else {
            "Start the timer"
        };
        if current.is_some() && ui.button(timer).clicked() {
            commands.push(Command::Present(PresentCommand::ToggleTimer));
        }
        if let Some(left) = state.timer_left(now_s) {
            ui.label(format!("{:.0} s left", left.ceil()));
        }
    });
    // The room's phones first: during a question, the live count is what the facilitator
    // watches.
    let settings = view.live_settings.get_or_insert_with(LiveSettings::default);
    live::console_live_ui(
        ui,
        state,
        frame.snapshot,
        settings,
        frame.right_color,
        commands,
    );
    if let Some(question) = current.and_then(|n| question_at(state, n)) {
        ui.separator();
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
        if let Some(n) = current
            && state.live.is_none()
        {
            ui.separator();
            tally_ui(ui, state, view, n, 36.0, commands);
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
