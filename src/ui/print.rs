//! The "Print…" dialog: what to print from a deck, how many versions and with which seed; the
//! PDF goes to the exports folder and opens in the system's viewer.

use eframe::egui::{self, RichText};

use crate::app::{App, Command, DeckKey, PrintCommand};
use crate::print::{MAX_VERSIONS, PrintKind};

use super::{keys, style};

/// What the dialog's fields hold.
pub(crate) struct PrintView {
    /// The deck the fields are for: another deck starts them afresh.
    for_deck: Option<DeckKey>,
    what: PrintKind,
    versions: u32,
    /// The seed as typed.
    seed: String,
}

impl Default for PrintView {
    fn default() -> Self {
        Self {
            for_deck: None,
            what: PrintKind::Worksheet,
            versions: 1,
            seed: String::new(),
        }
    }
}

/// The dialog, over the library, while it is open.
pub(crate) fn print_ui(
    ui: &egui::Ui,
    app: &App,
    view: &mut PrintView,
    commands: &mut Vec<Command>,
) {
    let Some(dialog) = app.print_dialog() else {
        view.for_deck = None;
        return;
    };
    if view.for_deck.as_ref() != Some(&dialog.key) {
        *view = PrintView {
            for_deck: Some(dialog.key.clone()),
            // A new seed each time the dialog opens; kept while it is open, so the worksheet
            // and its key are made with the same one.
            seed: rand::random::<u32>().to_string(),
            ..PrintView::default()
        };
    }
    let title = app
        .library_entry(&dialog.key)
        .and_then(|e| e.deck.as_ref().ok())
        .map_or_else(String::new, |d| d.title().to_owned());
    let modal = egui::Modal::new(egui::Id::unique("print-dialog"))
        .frame(egui::Frame::popup(ui.style()).inner_margin(style::space::L))
        .show(ui.ctx(), |ui| {
            ui.set_width(480.0);
            ui.label(RichText::new(format!("Print: {title}")).heading());
            ui.add_space(style::space::S);
            for kind in PrintKind::ALL {
                ui.radio_value(&mut view.what, kind, kind.label());
            }
            ui.add_space(style::space::S);
            let shuffled = matches!(view.what, PrintKind::Worksheet | PrintKind::Key);
            if shuffled {
                ui.horizontal(|ui| {
                    let label = ui.label("Versions:");
                    ui.add(egui::DragValue::new(&mut view.versions).range(1..=MAX_VERSIONS))
                        .labelled_by(label.id);
                    ui.label(RichText::new("A, B, C…: each shuffled, so neighbours differ").weak());
                });
                ui.horizontal(|ui| {
                    let label = ui.label("Seed:");
                    ui.add(egui::TextEdit::singleline(&mut view.seed).desired_width(190.0))
                        .labelled_by(label.id);
                    ui.label(RichText::new("print the key with the same seed").weak());
                });
            }
            let seed = view.seed.trim().parse::<u64>().ok();
            if shuffled && seed.is_none() {
                ui.label(
                    RichText::new("The seed is a whole number, such as 4711.")
                        .color(style::palette(app.prefs().theme).wrong),
                );
            }
            ui.add_space(style::space::S);
            ui.horizontal(|ui| {
                let ready = !dialog.is_making() && (seed.is_some() || !shuffled);
                if ui
                    .add_enabled(ready, style::primary_key_button(ui, "Make PDF", "Enter"))
                    .clicked()
                    || (ready && keys::enter(ui))
                {
                    commands.push(Command::Print(PrintCommand::Make {
                        what: view.what,
                        versions: view.versions,
                        seed: seed.unwrap_or_default(),
                    }));
                }
                if ui.button("Close").clicked() {
                    commands.push(Command::Print(PrintCommand::Close));
                }
                if dialog.is_making() {
                    ui.spinner();
                    ui.label("Making the PDF…");
                }
            });
            if let Some(path) = &dialog.written {
                ui.label(format!("Written to {}", path.display()));
            }
        });
    if modal.should_close() {
        commands.push(Command::Print(PrintCommand::Close));
    }
}
