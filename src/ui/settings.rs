//! Settings: theme, text size, profiles, and where the data lives.

use eframe::egui::{self, RichText};

use crate::app::{
    App, Command, PresentCommand, ProfileCommand, Screen, SettingsCommand,
    TEXT_SCALE_RANGE_PERCENT, Theme, prefs::MAX_NEW_CARDS_PER_DAY,
};
use crate::store::ProfileId;

use super::header::{self, Header};
use super::style;

/// The Settings screen's widget state.
#[derive(Default)]
pub(crate) struct SettingsView {
    /// The profile being renamed, and the new name as typed.
    rename: Option<(ProfileId, String)>,
    /// The rename asked for, to close the field once the profile has its new name.
    renamed_to: Option<(ProfileId, String)>,
    /// The profile whose deletion is being confirmed.
    confirm_delete: Option<ProfileId>,
    /// The text size while its slider is being dragged.
    text_scale_drag: Option<u32>,
}

/// The settings screen.
pub(crate) fn settings_ui(
    ui: &mut egui::Ui,
    app: &App,
    view: &mut SettingsView,
    commands: &mut Vec<Command>,
) {
    // A rename that took (the profile has the new name) is done with.
    if let Some((id, name)) = &view.renamed_to
        && app
            .profiles()
            .iter()
            .any(|p| p.id == *id && p.name == *name)
    {
        view.rename = None;
        view.renamed_to = None;
    }
    let prefs = app.prefs();
    style::page(ui, |ui| {
        let back_to = if app.profile().is_some() {
            Screen::Library
        } else {
            Screen::Profiles
        };
        if header::header(ui, Header::new("Settings").back("Back"), |_| {}) {
            commands.push(Command::Go(back_to));
        }

        ui.label(RichText::new("Theme").strong());
        ui.horizontal(|ui| {
            for theme in Theme::ALL {
                if ui.radio(prefs.theme == theme, theme.label()).clicked() {
                    commands.push(Command::Settings(SettingsCommand::SetTheme(theme)));
                }
            }
        });

        ui.add_space(style::space::S);
        let mut percent = view.text_scale_drag.unwrap_or(prefs.text_scale_percent);
        ui.spacing_mut().slider_width = 320.0;
        let slider = ui.add(
            egui::Slider::new(&mut percent, TEXT_SCALE_RANGE_PERCENT)
                .suffix(" %")
                .step_by(5.0)
                .text("Text size"),
        );
        // While dragging, the new size waits: zooming would move the slider under the pointer.
        if slider.dragged() {
            view.text_scale_drag = Some(percent);
        } else if slider.drag_stopped() || slider.changed() {
            view.text_scale_drag = None;
            commands.push(Command::Settings(SettingsCommand::SetTextScale(percent)));
        }

        ui.add_space(style::space::S);
        style::row(ui, |ui| {
            let label = ui.label("New flashcards a day:");
            let mut cards = prefs.new_cards_per_day;
            let drag = ui
                .add(egui::DragValue::new(&mut cards).range(0..=MAX_NEW_CARDS_PER_DAY))
                .labelled_by(label.id);
            if drag.changed() && cards != prefs.new_cards_per_day {
                commands.push(Command::Settings(SettingsCommand::SetNewCardsPerDay(cards)));
            }
        });

        ui.add_space(style::space::M);
        ui.label(RichText::new("Profiles").strong());
        for profile in app.profiles() {
            style::row(ui, |ui| {
                let renaming = view
                    .rename
                    .as_ref()
                    .is_some_and(|(id, _)| *id == profile.id);
                if renaming {
                    if let Some((_, name)) = &mut view.rename {
                        let label = ui.label("New name:");
                        ui.text_edit_singleline(name).labelled_by(label.id);
                        let name = name.trim().to_owned();
                        if ui.button("Save name").clicked() && !name.is_empty() {
                            view.renamed_to = Some((profile.id, name.clone()));
                            commands
                                .push(Command::Profile(ProfileCommand::Rename(profile.id, name)));
                        }
                    }
                    if ui.button("Cancel").clicked() {
                        view.rename = None;
                    }
                    return;
                }
                ui.label(&profile.name);
                if ui
                    .button("Rename")
                    .on_hover_text(format!("Rename {}", profile.name))
                    .clicked()
                {
                    view.rename = Some((profile.id, profile.name.clone()));
                }
                if view.confirm_delete == Some(profile.id) {
                    ui.label(format!("Delete {} and all their scores?", profile.name));
                    if ui.button("Yes, delete").clicked() {
                        commands.push(Command::Profile(ProfileCommand::Delete(profile.id)));
                        view.confirm_delete = None;
                    }
                    if ui.button("Keep").clicked() {
                        view.confirm_delete = None;
                    }
                } else if ui
                    .button("Delete")
                    .on_hover_text(format!("Delete {}", profile.name))
                    .clicked()
                {
                    view.confirm_delete = Some(profile.id);
                }
            });
        }
        if ui.button("Switch profile").clicked() {
            commands.push(Command::Go(Screen::Profiles));
        }

        ui.add_space(style::space::M);
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
            commands.push(Command::Present(PresentCommand::ExportRecords));
        }
        if ui
            .button("Class results")
            .on_hover_text("Read students' results files into one table of students by questions")
            .clicked()
        {
            commands.push(Command::Go(Screen::Class));
        }
    });
}
