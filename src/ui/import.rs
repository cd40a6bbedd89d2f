//! "Import…": a question bank from Quizlet, a CSV file or a spreadsheet (ours or Kahoot's),
//! with a preview of what will come in and what will not, before anything is written.

use eframe::egui::{self, RichText};

use crate::import::{ImportError, ImportFormat, SkippedRow};

use crate::app::{App, Command, ImportCommand, LibraryCommand};

use super::style;
use super::widgets::{PathRow, path_row};

/// The rows left out, in a scrolling list that lays out only the rows in view, so a file with
/// 200,000 skipped rows costs a frame no more than one with twenty.
fn skipped_rows_ui(ui: &mut egui::Ui, skipped: &[SkippedRow], color: egui::Color32) {
    ui.label(RichText::new(format!("Left out ({} rows):", skipped.len())).strong());
    let row_height = ui.text_style_height(&egui::TextStyle::Body);
    egui::ScrollArea::vertical()
        .id_salt("import-skipped-rows")
        .max_height(row_height * 12.0)
        .auto_shrink([false, true])
        .show_rows(ui, row_height, skipped.len(), |ui, rows| {
            for row in &skipped[rows] {
                // One line a row (a long reason is cut by the list's width, not wrapped), so
                // every row has the height `show_rows` counts on.
                ui.add(
                    egui::Label::new(
                        RichText::new(format!("Row {}: {}", row.row, row.reason)).color(color),
                    )
                    .truncate(),
                );
            }
        });
}

/// The import panel, shown in the library.
pub(crate) fn import_ui(
    ui: &mut egui::Ui,
    app: &App,
    typed: &mut String,
    commands: &mut Vec<Command>,
) {
    let palette = style::palette(app.prefs().theme);
    egui::Frame::group(ui.style())
        .inner_margin(style::space::M)
        .show(ui, |ui| {
            ui.label(RichText::new("Import questions").strong());
            ui.label(
            "A Quizlet export (.txt), a CSV file in quizdesk's columns (.csv, see docs/import.md), \
             or an Excel spreadsheet (.xlsx) in quizdesk's columns (start from \
             assets/import-template.xlsx) or Kahoot's quiz spreadsheet layout.",
        );
            let row = path_row(
                ui,
                "File to import:",
                "/home/me/Downloads/questions.csv",
                "Read it",
                typed,
                true,
            );
            match row {
                PathRow::Submitted(path) => {
                    commands.push(Command::Import(ImportCommand::Read(path)));
                }
                PathRow::Cancelled => {
                    commands.push(Command::Library(LibraryCommand::ShowPanel(None)));
                }
                PathRow::Typing => {}
            }
            let Some(state) = app.import() else { return };
            ui.separator();
            ui.label(format!(
                "{} read as: {}",
                state.path.display(),
                state.format.label()
            ));
            let mut options = state.options.clone();
            style::row(ui, |ui| {
                let l = ui.label("Deck title:");
                ui.text_edit_singleline(&mut options.title)
                    .labelled_by(l.id);
                let l = ui.label("Deck id:");
                ui.text_edit_singleline(&mut options.deck_id)
                    .labelled_by(l.id);
            });
            if state.format == ImportFormat::Quizlet {
                ui.checkbox(
                    &mut options.as_choice,
                    "Make single-choice questions (wrong options come from other cards)",
                );
            }
            if options != state.options {
                commands.push(Command::Import(ImportCommand::Options(options)));
            }
            match &state.result {
                Err(why) => {
                    ui.colored_label(palette.wrong, format!("Nothing can be imported: {why}"));
                    // "All rows were skipped": the rows, so the message's "listed" holds.
                    if let ImportError::NothingImportable { skipped } = why
                        && !skipped.is_empty()
                    {
                        skipped_rows_ui(ui, skipped, palette.wrong);
                    }
                }
                Ok(imported) => {
                    ui.label(
                        RichText::new(format!(
                            "{} question(s) will come in; {} row(s) will be left out.",
                            imported.deck.questions.len(),
                            imported.skipped.len()
                        ))
                        .strong(),
                    );
                    for (n, q) in imported.deck.questions.iter().take(8).enumerate() {
                        ui.label(format!(
                            "{}. {} ({})",
                            n + 1,
                            q.prompt,
                            q.answer.kind_name()
                        ));
                    }
                    if imported.deck.questions.len() > 8 {
                        ui.label(format!("… and {} more", imported.deck.questions.len() - 8));
                    }
                    if !imported.skipped.is_empty() {
                        skipped_rows_ui(ui, &imported.skipped, palette.wrong);
                    }
                    ui.horizontal(|ui| {
                        if ui.button("Import into my decks").clicked() {
                            commands.push(Command::Import(ImportCommand::Save));
                        }
                        if ui.button("Open in the editor").clicked() {
                            commands.push(Command::Import(ImportCommand::Edit));
                        }
                    });
                }
            }
        });
}
