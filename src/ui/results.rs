//! The end of a quiz: the score, every answer reviewed, and what to read next.

use eframe::egui::{self, RichText};

use super::quiz::{self, format_points};
use super::{keys, style};
use crate::app::{App, Command, QuizCommand, Screen};

/// The results screen.
pub(crate) fn results_ui(ui: &mut egui::Ui, app: &App, commands: &mut Vec<Command>) {
    let palette = style::palette(app.prefs().theme);
    let Some(quiz) = app.quiz() else {
        commands.push(Command::Go(Screen::Library));
        return;
    };
    let session = &quiz.session;
    let deck = session.deck();
    let results = session.results();
    let missed = results.missed_ids();
    style::page(ui, |ui| {
        ui.add_space(style::space::L);
        style::title(ui, &format!("Results: {}", deck.title()));
        ui.label(
            RichText::new(format!(
                "{} of {} ({:.0}%)",
                format_points(results.score),
                format_points(results.max_score),
                results.percent()
            ))
            .size(style::text_size::SCORE)
            .strong(),
        );
        let secs = results.elapsed_ms / 1000;
        ui.label(format!("Time: {} min {:02} s", secs / 60, secs % 60));
        ui.add_space(style::space::S);
        ui.horizontal_wrapped(|ui| {
            if !missed.is_empty()
                && (ui
                    .add(style::key_button(
                        &format!("Retry the {} I missed", missed.len()),
                        "R",
                    ))
                    .clicked()
                    || keys::pressed(ui, egui::Key::R))
            {
                commands.push(Command::Quiz(QuizCommand::RetryMissed));
            }
            if style::back_button(ui, "Back to the library") || keys::enter(ui) {
                commands.push(Command::Go(Screen::Library));
            }
        });
        ui.add_space(style::space::M);
        ui.label(RichText::new("Your answers").heading());
        for (n, row) in results.rows.iter().enumerate() {
            let Some(question) = deck.questions().get(row.question_index) else {
                continue;
            };
            let (mark, color) = if row.grade.is_correct() {
                ("Right:", palette.right)
            } else if row.grade.score > 0.0 {
                ("Partly right:", palette.partial)
            } else {
                ("Not right:", palette.wrong)
            };
            egui::CollapsingHeader::new(
                RichText::new(format!("{mark} {}. {}", n + 1, question.prompt)).color(color),
            )
            .id_salt(("review", n))
            .default_open(!row.grade.is_correct())
            .show(ui, |ui| {
                quiz::review_ui(ui, app.prefs().theme, deck, question, &row.response);
            });
        }
        if !deck.resources().is_empty() {
            ui.add_space(style::space::L);
            ui.label(RichText::new("Where to learn more").heading());
            for resource in deck.resources() {
                ui.label(RichText::new(&resource.title).strong());
                ui.add(egui::Label::new(&resource.body).wrap());
                if let Some(url) = &resource.url {
                    style::web_link(ui, url, commands);
                }
                ui.add_space(style::space::XS);
            }
        }
    });
}
