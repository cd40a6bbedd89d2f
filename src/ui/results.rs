//! The end of a quiz: the score, every answer reviewed, and what to read next.

use eframe::egui::{self, RichText};

use super::header::{self, Header};
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
        let header = Header::new("Results")
            .context(deck.title())
            .back("Back to the library")
            .focus_elsewhere();
        if header::header(ui, header, |_| {}) || keys::enter(ui) {
            commands.push(Command::Go(Screen::Library));
        }
        // The score first, the largest thing on the screen, and what it means in words.
        let score = format!(
            "{} of {} ({:.0}%)",
            format_points(results.score),
            format_points(results.max_score),
            results.percent()
        );
        let secs = results.elapsed_ms / 1000;
        let time = format!("Time: {} min {:02} s.", secs / 60, secs % 60);
        let summary = match missed.len() {
            0 => format!("Every answer right. {time}"),
            1 => format!("One answer to look at again, below. {time}"),
            n => format!("{n} answers to look at again, below. {time}"),
        };
        egui::Frame::new()
            .fill(palette.surface)
            .corner_radius(style::radius::M)
            .inner_margin(style::space::L)
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                let shown = ui.add(
                    egui::Label::new(RichText::new(&score).size(style::text_size::SCORE).strong())
                        .sense(egui::Sense::FOCUSABLE),
                );
                style::heading_for_screen_readers(ui, &shown, &format!("Your score: {score}"), 2);
                if header::arrived(ui) {
                    shown.request_focus();
                }
                ui.label(summary);
                if !missed.is_empty() {
                    ui.add_space(style::space::S);
                    let retry = style::primary_key_button(
                        ui,
                        &format!("Retry the {} I missed", missed.len()),
                        "R",
                    );
                    if ui.add(retry).clicked() || keys::pressed(ui, egui::Key::R) {
                        commands.push(Command::Quiz(QuizCommand::RetryMissed));
                    }
                }
            });
        ui.add_space(style::space::M);
        ui.label(RichText::new("Your answers").heading());
        for (n, row) in results.rows.iter().enumerate() {
            let Some(question) = deck.questions().get(row.question_index) else {
                continue;
            };
            let (mark, color) = if !row.scored {
                ("Your view (not scored):", palette.accent)
            } else if row.grade.is_correct() {
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
            .default_open(row.scored && !row.grade.is_correct())
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
