//! Flashcards with spaced repetition: front, back, then how well it was recalled.

use eframe::egui::{self, RichText};

use crate::deck::Answer;
use crate::quiz::correct_answer_text;
use crate::schedule::{Rating, format_interval_ms};

use super::header::{self, Header};
use super::{keys, pictures, style};
use crate::app::{App, Command, Screen, StudyCommand};

/// The flashcard screen.
pub(crate) fn flashcards_ui(ui: &mut egui::Ui, app: &App, commands: &mut Vec<Command>) {
    let app_theme = app.prefs().theme;
    let Some(study) = app.study() else {
        commands.push(Command::Go(Screen::Library));
        return;
    };
    let deck = study.deck.clone();
    style::page(ui, |ui| {
        let title = format!("Flashcards: {}", deck.title());
        let facts = {
            let mut facts = vec![
                format!("{} due now", study.queue.due.len()),
                format!("{} new today", study.queue.new.len()),
                format!("{} reviewed in this session", study.reviewed),
            ];
            if let Some(due) = study.queue.next_due_ms {
                let wait = (due - crate::time::now_ms()).max(0);
                facts.push(format!("next review due in {}", format_interval_ms(wait)));
            }
            facts.join(" · ")
        };
        let header = Header::new(&title)
            .context(&facts)
            .back("Back to the library");
        if header::header(ui, header, |_| {}) {
            commands.push(Command::Go(Screen::Library));
        }
        let Some(question) = study
            .current
            .as_ref()
            .and_then(|id| deck.questions().iter().find(|q| &q.id == id))
        else {
            header::title(ui, "All done for now", false);
            let next = study.queue.next_due_ms.map_or_else(
                || "No cards are scheduled yet.".to_owned(),
                |due| {
                    let wait = due - crate::time::now_ms();
                    format!(
                        "The next card is due in {}.",
                        format_interval_ms(wait.max(0))
                    )
                },
            );
            ui.label(next);
            if study
                .queue
                .next_due_ms
                .is_some_and(|due| due - crate::time::now_ms() < 20 * 60 * 1000)
            {
                // A card forgotten minutes ago comes back soon: keep the screen up to date.
                ui.ctx()
                    .request_repaint_after(std::time::Duration::from_secs(1));
                commands.push(Command::Study(StudyCommand::Refresh));
            }
            if ui
                .add(style::primary_key_button(ui, "Done", "Enter"))
                .clicked()
                || keys::enter(ui)
            {
                commands.push(Command::Go(Screen::Library));
            }
            return;
        };

        egui::Frame::group(ui.style())
            .inner_margin(style::space::L)
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                let prompt = ui.add(
                    egui::Label::new(
                        RichText::new(&question.prompt)
                            .size(style::text_size::QUESTION)
                            .strong(),
                    )
                    .wrap()
                    .sense(egui::Sense::FOCUSABLE),
                );
                style::heading_for_screen_readers(ui, &prompt, &question.prompt, 2);
                let resolve = |p: &crate::deck::Picture| app.picture_uri(deck.id(), &p.file);
                let wide = ui.available_width().min(640.0);
                pictures::prompt_picture(ui, question, &resolve, egui::vec2(wide, 260.0));
                // A new card: the focus moves to its front; turned over, to its back.
                if header::moved(
                    ui,
                    "flashcard",
                    (&question.id, study.reviewed, study.revealed),
                ) && !study.revealed
                {
                    prompt.request_focus();
                }
                if study.revealed {
                    ui.separator();
                    let back = match &question.answer {
                        Answer::Flashcard { back } => back.clone(),
                        answer => correct_answer_text(answer),
                    };
                    let back = ui.add(
                        egui::Label::new(RichText::new(back).size(style::text_size::HEADING))
                            .wrap()
                            .sense(egui::Sense::FOCUSABLE),
                    );
                    if header::moved(ui, "flashcard-back", (&question.id, study.reviewed)) {
                        back.request_focus();
                    }
                    // The back of a choice question: the right options' pictures.
                    if let Answer::SingleChoice { options, .. }
                    | Answer::MultiSelect { options, .. } = &question.answer
                    {
                        let right: Vec<usize> =
                            (0..options.len()).filter(|&i| options[i].correct).collect();
                        pictures::option_pictures(
                            ui,
                            question,
                            (&right, pictures::Marks::None),
                            &resolve,
                            egui::vec2(200.0, 150.0),
                        );
                    }
                    super::quiz::explanation_ui(ui, app_theme, &deck, question);
                }
            });
        ui.add_space(style::space::M);
        if study.revealed {
            ui.label("How well did you remember it?");
            ui.horizontal_wrapped(|ui| {
                let now = crate::time::now_ms();
                for rating in Rating::ALL {
                    let hint = study
                        .previews
                        .as_ref()
                        .and_then(|p| p.get(usize::from(rating.number()) - 1))
                        .map(|s| format!(" · {}", format_interval_ms((s.due_ms - now).max(0))))
                        .unwrap_or_default();
                    let button = style::key_button(
                        &format!("{}{hint}", rating.label()),
                        &rating.number().to_string(),
                    );
                    if ui.add(button).clicked() {
                        commands.push(Command::Study(StudyCommand::Grade(rating)));
                    }
                }
            });
            if let Some(rating) = keys::digit(ui)
                .and_then(|n| u8::try_from(n).ok())
                .and_then(Rating::from_number)
            {
                commands.push(Command::Study(StudyCommand::Grade(rating)));
            }
        } else if ui
            .add(style::key_button("Show the answer", "Space"))
            .clicked()
            || keys::space(ui)
            || keys::enter(ui)
        {
            commands.push(Command::Study(StudyCommand::Reveal));
        }
    });
}
