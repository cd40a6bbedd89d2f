//! Settings: theme, text size, profiles, and where the data lives.

use eframe::egui::{self, RichText};

use super::app::{App, Command, Screen};
use super::style::{self, TEXT_SCALE_RANGE_PERCENT, Theme};

/// The settings screen.
pub(crate) fn settings_ui(ui: &mut egui::Ui, app: &mut App, commands: &mut Vec<Command>) {
    style::page(ui, |ui| {
        ui.add_space(16.0);
        style::title(ui, "Settings");

        ui.label(RichText::new("Theme").strong());
        ui.horizontal(|ui| {
            for theme in Theme::ALL {
                if ui.radio(app.prefs.theme == theme, theme.label()).clicked() {
                    commands.push(Command::SetTheme(theme));
                }
            }
        });

        ui.add_space(8.0);
        let mut percent = app
            .ui_state
            .text_scale_drag
            .unwrap_or(app.prefs.text_scale_percent);
        ui.spacing_mut().slider_width = 320.0;
        let slider = ui.add(
            egui::Slider::new(&mut percent, TEXT_SCALE_RANGE_PERCENT)
                .suffix(" %")
                .step_by(5.0)
                .text("Text size"),
        );
        // While dragging, the new size waits: zooming would move the slider under the pointer.
        if slider.dragged() {
            app.ui_state.text_scale_drag = Some(percent);
        } else if slider.drag_stopped() || slider.changed() {
            app.ui_state.text_scale_drag = None;
            commands.push(Command::SetTextScale(percent));
        }

        ui.add_space(8.0);
        style::row(ui, |ui| {
            let label = ui.label("New flashcards a day:");
            ui.add(egui::DragValue::new(&mut app.prefs.new_cards_per_day).range(0..=500))
                .labelled_by(label.id);
        });

        ui.add_space(12.0);
        ui.label(RichText::new("Profiles").strong());
        let profiles = app.profiles.clone();
        for profile in &profiles {
            style::row(ui, |ui| {
                let renaming = app
                    .ui_state
                    .rename
                    .as_ref()
                    .is_some_and(|(id, _)| *id == profile.id);
                if renaming {
                    if let Some((_, name)) = &mut app.ui_state.rename {
                        let label = ui.label("New name:");
                        ui.text_edit_singleline(name).labelled_by(label.id);
                        let name = name.trim().to_owned();
                        if ui.button("Save name").clicked() && !name.is_empty() {
                            commands.push(Command::RenameProfile(profile.id, name));
                        }
                    }
                    if ui.button("Cancel").clicked() {
                        app.ui_state.rename = None;
                    }
                    return;
                }
                ui.label(&profile.name);
                if ui
                    .button("Rename")
                    .on_hover_text(format!("Rename {}", profile.name))
                    .clicked()
                {
                    app.ui_state.rename = Some((profile.id, profile.name.clone()));
                }
                if app.ui_state.confirm_delete == Some(profile.id) {
                    ui.label(format!("Delete {} and all their scores?", profile.name));
                    if ui.button("Yes, delete").clicked() {
                        commands.push(Command::DeleteProfile(profile.id));
                    }
                    if ui.button("Keep").clicked() {
                        app.ui_state.confirm_delete = None;
                    }
                } else if ui
                    .button("Delete")
                    .on_hover_text(format!("Delete {}", profile.name))
                    .clicked()
                {
                    app.ui_state.confirm_delete = Some(profile.id);
                }
            });
        }
        if ui.button("Switch profile").clicked() {
            commands.push(Command::Go(Screen::Profiles));
        }

        ui.add_space(12.0);
        ui.label(RichText::new("Where your data lives").strong());
        let db = app.store().map_or_else(
            || "(scores are not being saved)".to_owned(),
            |s| s.db_path().display().to_string(),
        );
        ui.label(format!("Scores: {db}"));
        ui.label(format!(
            "Backups: {}",
            app.data_dir().join("backups").display()
        ));
        ui.label(format!("Your decks: {}", app.user_decks_dir().display()));
        ui.label(
            RichText::new("Export your scores with: quizdesk history --format csv").monospace(),
        );
        if ui
            .button("Export presentation records (CSV)")
            .on_hover_text(
                "For a facilitator's report: date, deck, questions shown, the room's counts",
            )
            .clicked()
        {
            commands.push(Command::ExportPresentations);
        }
        if ui
            .button("Class results")
            .on_hover_text("Read students' results files into one table of students by questions")
            .clicked()
        {
            commands.push(Command::Go(Screen::Class));
        }

        ui.add_space(16.0);
        if style::back_button(ui, "Back") {
            commands.push(Command::Go(if app.profile().is_some() {
                Screen::Library
            } else {
                Screen::Profiles
            }));
        }
    });
}
