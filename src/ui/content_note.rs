//! A deck's content note, shown the first time a profile opens the deck.

use eframe::egui::{self, RichText};

use crate::app::{App, Command, QuizCommand, Screen};

use super::{keys, style};

/// The content note screen.
pub(crate) fn content_note_ui(ui: &mut egui::Ui, app: &App, commands: &mut Vec<Command>) {
    let Some(deck) = app.note_deck() else {
        commands.push(Command::Go(Screen::Library));
        return;
    };
    style::page(ui, |ui| {
        ui.add_space(style::space::XL);
        style::title(ui, "Before you start");
        ui.label(RichText::new(deck.title()).strong());
        ui.add_space(style::space::M);
        ui.add(
            egui::Label::new(
                RichText::new(deck.content_note().unwrap_or_default())
                    .size(style::text_size::HEADING),
            )
            .wrap(),
        );
        ui.add_space(style::space::XL);
        ui.horizontal(|ui| {
            if ui
                .add(style::primary_key_button(ui, "Continue", "Enter"))
                .clicked()
                || keys::enter(ui)
            {
                commands.push(Command::Quiz(QuizCommand::ContinueAfterNote));
            }
            if style::back_button(ui, "Back to the library") {
                commands.push(Command::Go(Screen::Library));
            }
        });
    });
}
