//! A deck's content note, shown the first time a profile opens the deck.

use eframe::egui::{self, RichText};

use crate::app::{App, Command, QuizCommand, Screen};

use super::header::{self, Header};
use super::{keys, style};

/// The content note screen.
pub(crate) fn content_note_ui(ui: &mut egui::Ui, app: &App, commands: &mut Vec<Command>) {
    let Some(deck) = app.note_deck() else {
        commands.push(Command::Go(Screen::Library));
        return;
    };
    style::page(ui, |ui| {
        let header = Header::new("Before you start")
            .context(deck.title())
            .back("Back to the library");
        if header::header(ui, header, |_| {}) {
            commands.push(Command::Go(Screen::Library));
        }
        ui.add(
            egui::Label::new(
                RichText::new(deck.content_note().unwrap_or_default())
                    .size(style::text_size::HEADING),
            )
            .wrap(),
        );
        ui.add_space(style::space::XL);
        if ui
            .add(style::primary_key_button(ui, "Continue", "Enter"))
            .clicked()
            || keys::enter(ui)
        {
            commands.push(Command::Quiz(QuizCommand::ContinueAfterNote));
        }
    });
}
