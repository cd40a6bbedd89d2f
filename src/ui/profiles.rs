//! First start and switching profiles: pick a name, or make a new one.

use eframe::egui::{self, RichText};

use crate::app::{App, Command, ProfileCommand, Screen};

use super::header::{self, Header};
use super::{keys, style};

/// The profile picker's widget state.
#[derive(Default)]
pub(crate) struct ProfilesView {
    /// The new profile's name, as typed.
    new_name: String,
    /// The profile in use when the name was typed: once another is in use (the new one was
    /// made), the name is done with.
    typed_for: Option<crate::store::ProfileId>,
}

/// The profile picker.
pub(crate) fn profiles_ui(
    ui: &mut egui::Ui,
    app: &App,
    view: &mut ProfilesView,
    commands: &mut Vec<Command>,
) {
    let in_use = app.profile().map(|p| p.id);
    if view.typed_for != in_use {
        view.typed_for = in_use;
        view.new_name.clear();
    }
    style::page(ui, |ui| {
        let mut header = Header::new("Who is studying?");
        if app.profile().is_some() {
            header = header.back("Back to the library");
        }
        if app.profiles().is_empty() {
            // The name field takes the focus instead, below.
            header = header.focus_elsewhere();
        }
        if header::header(ui, header, |_| {}) {
            commands.push(Command::Go(Screen::Library));
        }
        ui.label(
            "Each person on this computer has a profile, so everyone keeps their own scores. \
             Nothing leaves this computer.",
        );
        ui.add_space(style::space::M);
        if app.profiles().is_empty() {
            ui.label(
                RichText::new("There are no profiles yet. Make the first one below.").italics(),
            );
        }
        for (n, profile) in app.profiles().iter().enumerate() {
            let current = app.profile().is_some_and(|p| p.id == profile.id);
            let key = if n < 9 {
                format!("{}", n + 1)
            } else {
                String::new()
            };
            let button = egui::Button::selectable(
                current,
                (RichText::new(key).weak(), profile.name.as_str()),
            )
            .min_size(egui::vec2(320.0, 36.0));
            if ui.add(button).clicked() {
                commands.push(Command::Profile(ProfileCommand::Choose(profile.id)));
            }
        }
        if let Some(n) = keys::digit(ui)
            && let Some(profile) = app.profiles().get(n - 1)
        {
            commands.push(Command::Profile(ProfileCommand::Choose(profile.id)));
        }

        ui.add_space(style::space::L);
        ui.separator();
        ui.label(RichText::new("New profile").strong());
        style::row(ui, |ui| {
            let label = ui.label("Name:");
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut view.new_name)
                        .hint_text("for example Sam")
                        .desired_width(240.0),
                )
                .labelled_by(label.id);
            // On first start there is nothing else to do: the name field has the keyboard.
            if app.profiles().is_empty() && ui.memory(|m| m.focused().is_none()) {
                field.request_focus();
            }
            let name = view.new_name.trim().to_owned();
            // Always enabled, so it always has its place in the Tab order: a button that
            // became enabled mid-typing would take the keyboard from the field (egui gives
            // focus to the next widget that appears after a Tab found none).
            let mut create = ui.add(style::primary_key_button(ui, "Create profile", "Enter"));
            if name.is_empty() {
                create = create.on_hover_text("Type a name first, then create the profile");
            }
            // Enter creates the profile wherever the keyboard is, once a name is typed.
            let entered = keys::enter(ui);
            if create.clicked() && name.is_empty() {
                field.request_focus();
            } else if (create.clicked() || entered) && !name.is_empty() {
                commands.push(Command::Profile(ProfileCommand::Create(name)));
            }
        });
    });
}
