//! The editor's preview: the question shown as a student sees it, answerable.

use std::sync::Arc;

use eframe::egui::{self, RichText};

use crate::app::{Command, QuizCommand};
use crate::deck::{self, raw};
use crate::quiz::{QuizConfig, QuizSession, grade};
use crate::ui::quiz::{Draft, answer_ui, review_ui};
use crate::ui::{pictures, style};

/// A question of the editor, tried out as a student would see it.
pub(super) struct Preview {
    /// The question the preview was made from (remade when it changes).
    source: raw::Question,
    session: QuizSession,
    draft: Draft,
    /// The answer tried, or why it could not be read.
    checked: Option<Result<crate::quiz::Response, String>>,
}

/// The question as a student sees it, answerable, when it has no problems.
pub(super) fn preview_ui(
    ui: &mut egui::Ui,
    theme: style::Theme,
    (edited, file): (&raw::Deck, Option<&std::path::Path>),
    tried: &mut Option<Preview>,
    index: usize,
) {
    ui.label(RichText::new("Preview").heading());
    let Some(raw_question) = edited.questions.get(index).cloned() else {
        return;
    };
    // The question alone, in a deck of its own with the sources it may cite.
    let single = raw::Deck {
        questions: vec![raw_question.clone()],
        // The deck's sessions name its other questions.
        sessions: Vec::new(),
        ..edited.clone()
    };
    let Ok(deck) = deck::validate_raw(single) else {
        ui.label("Fix the problems above to try this question.");
        return;
    };
    let deck = Arc::new(deck);
    let stale = tried
        .as_ref()
        .is_none_or(|p| p.source != raw_question || p.session.deck().as_ref() != deck.as_ref());
    if stale {
        let Ok(session) = QuizSession::new(
            deck,
            QuizConfig {
                use_time_limits: false,
                ..QuizConfig::default()
            },
        ) else {
            return;
        };
        let draft = Draft::for_session(&session);
        *tried = Some(Preview {
            source: raw_question,
            session,
            draft,
            checked: None,
        });
    }
    let Some(preview) = tried else {
        return;
    };
    let (Some(question), Some(item)) = (
        preview.session.current_question().cloned(),
        preview.session.current_item().cloned(),
    ) else {
        return;
    };
    egui::Frame::group(ui.style())
        .inner_margin(style::space::M)
        .show(ui, |ui| {
            ui.add(
                egui::Label::new(
                    RichText::new(&question.prompt)
                        .size(style::text_size::HEADING)
                        .strong(),
                )
                .wrap(),
            );
            // The pictures are beside the deck's file (a new deck has none yet).
            let resolve = |p: &deck::Picture| {
                file.map(|f| crate::app::pictures::picture_uri(Some(deck::deck_folder(f)), &p.file))
            };
            let wide = ui.available_width().min(480.0);
            pictures::prompt_picture(ui, &question, &resolve, egui::vec2(wide, 240.0));
            pictures::option_pictures(
                ui,
                &question,
                (&item.display_order, pictures::Marks::Digits),
                &resolve,
                egui::vec2(160.0, 120.0),
            );
            let mut sink = Vec::new();
            answer_ui(
                ui,
                (0, &question),
                &item,
                &mut preview.draft,
                None,
                &mut sink,
            );
            let mut response = sink.into_iter().find_map(|c| match c {
                Command::Quiz(QuizCommand::Submit(_, response)) => Some(response),
                _ => None,
            });
            ui.horizontal(|ui| {
                if ui.button("Check the answer").clicked() {
                    match preview.draft.response(&question, &item) {
                        Ok(r) => response = Some(r),
                        Err(why) => preview.checked = Some(Err(why)),
                    }
                }
                if ui.button("Try again").clicked() {
                    preview.draft = Draft::for_session(&preview.session);
                    preview.checked = None;
                }
            });
            if let Some(response) = response {
                preview.checked = Some(Ok(response));
            }
            match &preview.checked {
                Some(Ok(response)) => {
                    let grade = grade(&question.answer, response);
                    let palette = style::palette(theme);
                    let (text, color) = if grade.is_correct() {
                        ("Right".to_owned(), palette.right)
                    } else if grade.score > 0.0 {
                        (
                            format!("Partly right ({:.0}%)", grade.score * 100.0),
                            palette.partial,
                        )
                    } else {
                        ("Not right".to_owned(), palette.wrong)
                    };
                    ui.colored_label(color, RichText::new(text).strong());
                    review_ui(ui, theme, preview.session.deck(), &question, response);
                }
                Some(Err(why)) => {
                    ui.label(why);
                }
                None => {}
            }
        });
}
