//! The options before a quiz starts: how many questions, their order, when to show whether an
//! answer is right, and the seed.

use eframe::egui::{self, RichText};
use egui::accesskit::Role;

use crate::app::{App, Command, QuizCommand, Screen};
use crate::quiz::FeedbackMode;

use crate::ui::header::{self, GroupName, Header};
use crate::ui::{keys, style};

/// The options before a quiz starts.
pub(crate) fn setup_ui(ui: &mut egui::Ui, app: &App, commands: &mut Vec<Command>) {
    let Some(setup) = app.quiz_setup() else {
        commands.push(Command::Go(Screen::Library));
        return;
    };
    let Some(deck) = app.library_deck(&setup.deck) else {
        commands.push(Command::Go(Screen::Library));
        return;
    };
    let mut config = setup.config.clone();
    let config = &mut config;
    let total = deck.questions().len();
    style::page(ui, |ui| {
        let title = format!("Quiz: {}", deck.title());
        let mut start = false;
        let back = header::header(ui, Header::new(&title).back("Back"), |ui| {
            start = ui
                .add(style::primary_key_button(ui, "Start the quiz", "Enter"))
                .clicked();
        });
        if back {
            commands.push(Command::Go(Screen::Library));
        }
        let mut some = config.count.is_some();
        ui.label(RichText::new("How many questions").strong());
        header::group(
            ui,
            GroupName::Text("How many questions"),
            Role::RadioGroup,
            |ui| {
                ui.radio_value(&mut some, false, format!("All {total} questions"));
                ui.horizontal(|ui| {
                    ui.radio_value(&mut some, true, "A random selection of");
                    let mut count = config.count.unwrap_or(total.min(10)).clamp(1, total.max(1));
                    let drag = ui.add_enabled(
                        some,
                        egui::DragValue::new(&mut count).range(1..=total.max(1)),
                    );
                    ui.label("questions");
                    ui.ctx().accesskit_node_builder(drag.id, |node| {
                        node.set_label("Number of questions");
                        // A disabled field cannot be typed in; say so rather than "editable".
                        if !some {
                            node.set_read_only();
                        }
                    });
                    config.count = some.then_some(count);
                });
            },
        );
        ui.add_space(style::space::S);
        ui.label(RichText::new("Order").strong());
        ui.checkbox(&mut config.shuffle_questions, "Shuffle the questions");
        ui.checkbox(&mut config.shuffle_options, "Shuffle the options");
        ui.checkbox(&mut config.use_time_limits, "Use the deck's time limits");
        ui.add_space(style::space::S);
        ui.label(RichText::new("Show whether an answer is right").strong());
        header::group(
            ui,
            GroupName::Text("Show whether an answer is right"),
            Role::RadioGroup,
            |ui| {
                ui.horizontal(|ui| {
                    ui.radio_value(
                        &mut config.feedback,
                        FeedbackMode::AfterEach,
                        "after each question",
                    );
                    ui.radio_value(&mut config.feedback, FeedbackMode::AtEnd, "at the end");
                });
            },
        );
        ui.add_space(style::space::S);
        ui.horizontal(|ui| {
            let label = ui.label("Seed (the same seed replays the same quiz):");
            ui.add(egui::DragValue::new(&mut config.seed))
                .labelled_by(label.id);
        });
        if start || keys::enter_outside_fields(ui) {
            commands.push(Command::Quiz(QuizCommand::Start(
                setup.deck.clone(),
                config.clone(),
            )));
        }
    });
    if *config != setup.config {
        commands.push(Command::Quiz(QuizCommand::Configure(config.clone())));
    }
}
