//! The quiz: options before it starts, then one question at a time with feedback.

use eframe::egui::{self, Key, RichText};

use crate::deck::{Answer, Deck, Question};
use crate::quiz::{
    FeedbackMode, Item, Phase, QuizSession, Response, correct_answer_text, parse_number_with_unit,
    response_text,
};

use crate::app::{App, Command, QuizCommand, Screen};

mod cards;
mod setup;

use super::header::{self, GroupName, Header};
use super::{keys, pictures, style};
use cards::{Verdict, paint_verdict, pick_one_ui, pick_several_ui, reviewed_options_ui};
use egui::accesskit::Role;
pub(crate) use setup::setup_ui;

/// The quiz screen's widget state: the answer being composed.
#[derive(Default)]
pub(crate) struct QuizView {
    /// The answer being composed, and the question it is for: the quiz's run, the question's
    /// place and how many were answered (a new question gets a fresh draft).
    draft: Option<((u64, usize, usize), Draft)>,
    /// Why the typed answer could not be read, if it could not.
    input_error: Option<String>,
}

/// The answer being composed for the current question, in display terms.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Draft {
    /// No question (the quiz is over).
    Nothing,
    /// Single choice or true/false: the chosen display position.
    Choice(Option<usize>),
    /// Multi-select: whether each display position is ticked.
    Choices(Vec<bool>),
    /// A typed number.
    Number(String),
    /// A typed answer.
    Text(String),
    /// The items in the learner's order (deck indices) and the selected position.
    Order {
        /// Deck indices of the items, top to bottom.
        items: Vec<usize>,
        /// The position the arrow keys move.
        selected: Option<usize>,
    },
    /// For each left item (deck order), the right item chosen (deck index), and the selected row.
    Match {
        /// The chosen right item per left item.
        chosen: Vec<Option<usize>>,
        /// The row that a letter key fills in.
        selected: usize,
    },
    /// A flashcard inside a quiz: whether its back is showing.
    Card {
        /// Whether the back is showing.
        revealed: bool,
    },
}

impl Draft {
    /// A fresh draft for the session's current question.
    pub(crate) fn for_session(session: &QuizSession) -> Self {
        let (Some(question), Some(item)) = (session.current_question(), session.current_item())
        else {
            return Self::Nothing;
        };
        match &question.answer {
            Answer::SingleChoice { .. }
            | Answer::TrueFalse { .. }
            | Answer::Poll {
                multiple: false, ..
            } => Self::Choice(None),
            // One tick per option shown (display_order holds every option of both kinds).
            Answer::MultiSelect { .. } | Answer::Poll { multiple: true, .. } => {
                Self::Choices(vec![false; item.display_order.len()])
            }
            Answer::Numeric { .. } => Self::Number(String::new()),
            Answer::Text { .. } | Answer::Words { .. } => Self::Text(String::new()),
            Answer::Order { .. } => Self::Order {
                items: item.display_order.clone(),
                selected: None,
            },
            Answer::Match { pairs } => Self::Match {
                chosen: vec![None; pairs.len()],
                selected: 0,
            },
            Answer::Flashcard { .. } => Self::Card { revealed: false },
        }
    }

    /// The response this draft stands for, or why it is not ready to submit.
    pub(crate) fn response(&self, question: &Question, item: &Item) -> Result<Response, String> {
        match (self, &question.answer) {
            (Self::Choice(Some(pos)), Answer::TrueFalse { .. }) => {
                Ok(Response::TrueFalse(*pos == 0))
            }
            (Self::Choice(Some(pos)), _) => item
                .display_order
                .get(*pos)
                .map(|&i| Response::Choice(i))
                .ok_or_else(|| "Choose an option first.".to_owned()),
            (Self::Choice(None), _) => {
                Err("Choose an option first (click it, or press its number).".to_owned())
            }
            (Self::Choices(ticked), _) => {
                let mut chosen: Vec<usize> = ticked
                    .iter()
                    .zip(&item.display_order)
                    .filter(|(t, _)| **t)
                    .map(|(_, &i)| i)
                    .collect();
                chosen.sort_unstable();
                if chosen.is_empty() {
                    Err("Tick at least one option.".to_owned())
                } else {
                    Ok(Response::Choices(chosen))
                }
            }
            (Self::Number(text), Answer::Numeric { unit, .. }) => {
                parse_number_with_unit(text, unit.as_deref())
                    .map(Response::Number)
                    .ok_or_else(|| {
                        if text.trim().is_empty() {
                            "Type a number first.".to_owned()
                        } else {
                            format!(
                                "\"{}\" is not a number. Type digits, such as 1650 or 3.5.",
                                text.trim()
                            )
                        }
                    })
            }
            (Self::Text(text), _) => {
                if text.trim().is_empty() {
                    Err("Type an answer first.".to_owned())
                } else {
                    Ok(Response::Text(text.clone()))
                }
            }
            (Self::Order { items, .. }, _) => Ok(Response::Order(items.clone())),
            (Self::Match { chosen, .. }, _) => {
                if chosen.iter().any(Option::is_none) {
                    Err("Pair every item on the left first.".to_owned())
                } else {
                    Ok(Response::Match(chosen.clone()))
                }
            }
            (Self::Card { .. } | Self::Nothing, _) => Err("Show the answer first.".to_owned()),
            // A draft is always made for its own question's kind.
            (Self::Number(_), _) => Err("Type a number first.".to_owned()),
        }
    }
}

/// The quiz in progress.
pub(crate) fn quiz_ui(
    ui: &mut egui::Ui,
    app: &App,
    view: &mut QuizView,
    commands: &mut Vec<Command>,
) {
    let palette = style::palette(app.prefs().theme);
    let Some(quiz) = app.quiz() else {
        commands.push(Command::Go(Screen::Library));
        return;
    };
    let now_s = ui.input(|i| i.time);
    let session = &quiz.session;
    let (Some(question), Some(item)) = (session.current_question(), session.current_item()) else {
        return;
    };
    let shown_at = quiz.shown_at_s;
    let phase = session.phase();
    let for_question = (quiz.run, session.current_index(), session.answered());
    if view
        .draft
        .as_ref()
        .is_none_or(|(key, _)| *key != for_question)
    {
        view.draft = Some((for_question, Draft::for_session(session)));
        view.input_error = None;
    }
    // A new question, or the feedback on the last one (or the screen just opened): the focus
    // moves to it.
    let take_focus = header::moved(ui, "quiz", for_question);
    let Some((_, draft)) = &mut view.draft else {
        return;
    };

    style::page(ui, |ui| {
        let title = format!("Quiz: {}", session.deck().title());
        let mut place = format!(
            "Question {} of {}",
            session.current_index() + 1,
            session.len()
        );
        if session.config().feedback == FeedbackMode::AfterEach {
            place.push_str(&format!(
                " · Score so far: {} of {}",
                format_points(session.score()),
                session.scored_answered()
            ));
        }
        let header = Header::new(&title)
            .context(&place)
            .back("Leave the quiz")
            .focus_elsewhere();
        // After an answer, the way on stays in view at the top however long the feedback is.
        let mut next = false;
        let leave = header::header(ui, header, |ui| {
            if phase == Phase::Feedback {
                let last = session.current_index() + 1 == session.len();
                let label = if last {
                    "See the results"
                } else {
                    "Next question"
                };
                next = ui
                    .add(style::primary_key_button(ui, label, "Enter"))
                    .clicked();
            }
        });
        if leave {
            commands.push(Command::Go(Screen::Library));
        }
        // What a screen reader says once the answer is in: the verdict, then the explanation.
        let spoken = match (phase, session.last_attempt()) {
            (Phase::Feedback, Some(attempt)) => spoken_feedback(question, attempt),
            _ => String::new(),
        };
        header::announcer(ui, "quiz-feedback", &spoken, egui::accesskit::Live::Polite);
        if phase == Phase::Feedback && (next || keys::enter(ui)) {
            commands.push(Command::Quiz(QuizCommand::Next(session.current_index())));
        }
        if phase == Phase::Answering
            && let Some(limit_ms) = session.time_limit_ms()
        {
            let left_s = (limit_ms as f64 / 1000.0 - (now_s - shown_at)).max(0.0);
            ui.label(
                RichText::new(format!("Time left: {} s", left_s.ceil() as u64)).color(
                    if left_s < 10.0 {
                        palette.wrong
                    } else {
                        palette.weak
                    },
                ),
            );
            if left_s <= 0.0 {
                commands.push(Command::Quiz(QuizCommand::TimeOut(session.current_index())));
            } else {
                // Repaint once a second for the countdown, not every frame.
                ui.ctx()
                    .request_repaint_after(std::time::Duration::from_secs_f64(
                        (left_s - left_s.floor()).max(0.05),
                    ));
            }
        }
        let progress = ui
            .add(
                egui::ProgressBar::new(session.progress_fraction() as f32)
                    .desired_height(8.0)
                    .fill(palette.accent),
            )
            .on_hover_text("Progress through the quiz");
        // A range a screen reader can say: how far through, in percent.
        ui.ctx().accesskit_node_builder(progress.id, |node| {
            node.set_min_numeric_value(0.0);
            node.set_max_numeric_value(100.0);
            node.set_numeric_value((session.progress_fraction() * 100.0).round());
        });
        ui.add_space(style::space::M);
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
        let resolve = |p: &crate::deck::Picture| app.picture_uri(session.deck().id(), &p.file);
        let wide = ui.available_width().min(640.0);
        pictures::prompt_picture(ui, question, &resolve, egui::vec2(wide, 260.0));
        pictures::option_pictures(
            ui,
            question,
            (&item.display_order, pictures::Marks::Digits),
            &resolve,
            egui::vec2(200.0, 150.0),
        );
        ui.add_space(style::space::M);
        let typed = matches!(
            question.answer,
            Answer::Numeric { .. } | Answer::Text { .. } | Answer::Words { .. }
        );
        if take_focus && phase == Phase::Answering {
            if typed {
                // The answer field takes the focus (see keep_focus), as a learner types at once.
                ui.memory_mut(|m| {
                    if let Some(id) = m.focused() {
                        m.surrender_focus(id);
                    }
                });
            } else {
                prompt.request_focus();
            }
        }

        match phase {
            Phase::Answering => {
                answer_ui(
                    ui,
                    (session.current_index(), question),
                    item,
                    draft,
                    Some(prompt.id),
                    commands,
                );
                if let Some(error) = &view.input_error {
                    ui.colored_label(palette.wrong, error);
                }
                ui.add_space(style::space::M);
                let is_card = matches!(draft, Draft::Card { .. });
                ui.horizontal(|ui| {
                    if !is_card
                        && (ui
                            .add(style::primary_key_button(ui, "Submit", "Enter"))
                            .clicked()
                            || keys::enter(ui))
                    {
                        match draft.response(question, item) {
                            Ok(response) => {
                                commands.push(Command::Quiz(QuizCommand::Submit(
                                    session.current_index(),
                                    response,
                                )));
                            }
                            Err(why) => view.input_error = Some(why),
                        }
                    }
                });
                let saving = if quiz.session_id.is_some() {
                    RichText::new("Your answers are saved as you go; you can leave at any time.")
                        .small()
                        .color(palette.weak)
                } else {
                    RichText::new("Your answers are not being saved (see the message above).")
                        .small()
                        .color(palette.wrong)
                };
                ui.label(saving);
            }
            Phase::Feedback => {
                if let Some(attempt) = session.last_attempt() {
                    reviewed_options_ui(ui, &palette, question, item, &attempt.response);
                    ui.add_space(style::space::M);
                    let verdict = feedback_ui(ui, app.prefs().theme, session, question, attempt);
                    if take_focus {
                        verdict.request_focus();
                    }
                }
            }
            Phase::Finished => {}
        }
    });
}

/// "2.5" or "3": points without noise.
pub(crate) fn format_points(points: f64) -> String {
    // An empty sum of floats is -0.0, which would print as "-0".
    let points = if points == 0.0 { 0.0 } else { points };
    if (points - points.round()).abs() < 1e-9 {
        format!("{points:.0}")
    } else {
        format!("{points:.1}")
    }
}

/// The feedback in words: the verdict, the right answer when it was missed, the explanation.
fn spoken_feedback(question: &Question, attempt: &crate::quiz::Attempt) -> String {
    let mut words = vec![verdict_of(attempt).0];
    if !attempt.scored {
        words.push(crate::quiz::NO_RIGHT_ANSWER.to_owned());
    } else if !attempt.grade.is_correct() {
        words.push(format!(
            "The answer: {}",
            correct_answer_text(&question.answer)
        ));
    }
    if let Some(explanation) = &question.explanation {
        words.push(explanation.clone());
    }
    words.join(". ")
}

/// The verdict on an answer in words, its sign and colour.
fn verdict_of(attempt: &crate::quiz::Attempt) -> (String, Verdict) {
    if !attempt.scored {
        let said = if attempt.response == Response::NoAnswer {
            "No answer in time (this one is not scored)"
        } else {
            "Thank you: your answer is kept, not scored"
        };
        (said.to_owned(), Verdict::Kept)
    } else if attempt.grade.is_correct() {
        ("Right".to_owned(), Verdict::Right)
    } else if attempt.grade.score > 0.0 {
        (
            format!("Partly right ({:.0}%)", attempt.grade.score * 100.0),
            Verdict::Partly,
        )
    } else if attempt.response == Response::NoAnswer {
        ("No answer in time".to_owned(), Verdict::Wrong)
    } else {
        ("Not right".to_owned(), Verdict::Wrong)
    }
}

/// Right or wrong, the right answer, the explanation and the source, in a panel marked with
/// the verdict's colour and sign. The panel is a live region, so a screen reader says it as it
/// appears; returns the verdict, which can take the focus.
pub(crate) fn feedback_ui(
    ui: &mut egui::Ui,
    theme: style::Theme,
    session: &QuizSession,
    question: &Question,
    attempt: &crate::quiz::Attempt,
) -> egui::Response {
    let palette = style::palette(theme);
    let (verdict_text, sign) = verdict_of(attempt);
    let color = match sign {
        Verdict::Right => palette.right,
        Verdict::Partly => palette.partial,
        Verdict::Wrong => palette.wrong,
        Verdict::Kept => palette.accent,
    };
    let feedback = egui::UiBuilder::new().accessibility_role(Role::Group);
    ui.scope_builder(feedback, |ui| {
        ui.ctx().accesskit_node_builder(ui.unique_id(), |node| {
            node.set_label("Feedback");
            node.set_live(egui::accesskit::Live::Polite);
        });
        egui::Frame::new()
            .fill(palette.surface)
            .stroke(egui::Stroke::new(2.0, color))
            .corner_radius(style::radius::M)
            .inner_margin(style::space::L)
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                let verdict = ui
                    .horizontal(|ui| {
                        let side = style::text_size::QUESTION + style::space::S;
                        let (rect, _) =
                            ui.allocate_exact_size(egui::vec2(side, side), egui::Sense::hover());
                        paint_verdict(ui.painter(), rect, sign, color);
                        let verdict = ui.add(
                            egui::Label::new(
                                RichText::new(&verdict_text)
                                    .size(style::text_size::QUESTION)
                                    .strong()
                                    .color(color),
                            )
                            .sense(egui::Sense::FOCUSABLE),
                        );
                        style::heading_for_screen_readers(ui, &verdict, &verdict_text, 2);
                        verdict
                    })
                    .inner;
                review_ui(ui, theme, session.deck(), question, &attempt.response);
                verdict
            })
            .inner
    })
    .inner
}

/// The learner's answer beside the right one, then the explanation and the source: the same
/// block after each question and in the results.
pub(crate) fn review_ui(
    ui: &mut egui::Ui,
    theme: style::Theme,
    deck: &Deck,
    question: &Question,
    response: &Response,
) {
    labelled_text(
        ui,
        "Your answer:",
        &response_text(&question.answer, response),
        false,
    );
    // When the answer was right, repeating it adds nothing; a poll has none to give.
    if !question.answer.is_scored() {
        labelled_text(ui, "The answer:", crate::quiz::NO_RIGHT_ANSWER, false);
    } else if !crate::quiz::grade(&question.answer, response).is_correct() {
        labelled_text(
            ui,
            "The answer:",
            &correct_answer_text(&question.answer),
            true,
        );
    }
    explanation_ui(ui, theme, deck, question);
}

/// The explanation and the cited source of a question.
pub(crate) fn explanation_ui(
    ui: &mut egui::Ui,
    theme: style::Theme,
    deck: &Deck,
    question: &Question,
) {
    if let Some(explanation) = &question.explanation {
        ui.add_space(style::space::XS);
        ui.add(egui::Label::new(explanation).wrap());
    }
    if let Some(cite) = &question.source {
        let title = deck
            .source(&cite.source)
            .map_or_else(|| cite.source.to_string(), |s| s.title.clone());
        ui.label(
            RichText::new(format!("Source: {title}, {}", cite.locator))
                .small()
                .color(style::palette(theme).weak),
        );
    }
}

/// "Label: text" on one line, or the label above indented lines when the text has several.
fn labelled_text(ui: &mut egui::Ui, label: &str, text: &str, strong: bool) {
    let styled = |t: &str| {
        let rich = RichText::new(t);
        if strong { rich.strong() } else { rich }
    };
    if text.contains('\n') {
        ui.label(styled(label));
        ui.indent(label, |ui| {
            for line in text.lines() {
                ui.add(egui::Label::new(styled(line)).wrap());
            }
        });
    } else {
        ui.add(egui::Label::new(styled(&format!("{label} {text}"))).wrap());
    }
}

/// The controls for answering, one kind at a time.
pub(crate) fn answer_ui(
    ui: &mut egui::Ui,
    (question_index, question): (usize, &Question),
    item: &Item,
    draft: &mut Draft,
    prompt: Option<egui::Id>,
    commands: &mut Vec<Command>,
) {
    // The options are a group named by the question, so a screen reader says "1 of 4" and what
    // they answer.
    let options_named = |ui: &mut egui::Ui, role: Role, add: &mut dyn FnMut(&mut egui::Ui)| {
        let name = prompt.map_or(GroupName::Text("Options"), GroupName::LabelledBy);
        header::group(ui, name, role, add);
    };
    // The option texts in the order shown.
    let shown = |text: &dyn Fn(usize) -> Option<String>| -> Vec<String> {
        item.display_order
            .iter()
            .map(|&i| text(i).unwrap_or_default())
            .collect()
    };
    match (&question.answer, draft) {
        (Answer::SingleChoice { options, .. }, Draft::Choice(chosen)) => {
            let texts = shown(&|i| options.get(i).map(|o| o.text.clone()));
            pick_one_ui(ui, &texts, chosen, &options_named);
        }
        (Answer::Poll { options, .. }, Draft::Choice(chosen)) => {
            ui.label(RichText::new("There is no right answer: choose what you think.").italics());
            pick_one_ui(
                ui,
                &shown(&|i| options.get(i).cloned()),
                chosen,
                &options_named,
            );
        }
        (Answer::Poll { options, .. }, Draft::Choices(ticked)) => {
            ui.label(
                RichText::new("There is no right answer: tick all that fit what you think.")
                    .italics(),
            );
            pick_several_ui(
                ui,
                &shown(&|i| options.get(i).cloned()),
                ticked,
                &options_named,
            );
        }
        (Answer::Words { max_chars }, Draft::Text(text)) => {
            ui.label(
                RichText::new("There is no right answer: say what you think in a few words.")
                    .italics(),
            );
            ui.horizontal(|ui| {
                let label = ui.label("Your words:");
                let limit = usize::try_from(*max_chars).unwrap_or(usize::MAX);
                let field = ui
                    .add(
                        egui::TextEdit::singleline(text)
                            .char_limit(limit)
                            .desired_width(420.0),
                    )
                    .labelled_by(label.id);
                describe_by_question(ui, &field, prompt);
                keep_focus(ui, &field);
            });
        }
        (Answer::TrueFalse { .. }, Draft::Choice(chosen)) => {
            let texts = ["True".to_owned(), "False".to_owned()];
            pick_one_ui(ui, &texts, chosen, &options_named);
        }
        (Answer::MultiSelect { options, .. }, Draft::Choices(ticked)) => {
            if !question.prompt.to_lowercase().contains("all that apply") {
                ui.label(RichText::new("Select all that apply.").italics());
            }
            let texts = shown(&|i| options.get(i).map(|o| o.text.clone()));
            pick_several_ui(ui, &texts, ticked, &options_named);
        }
        (Answer::Numeric { unit, .. }, Draft::Number(text)) => {
            ui.horizontal(|ui| {
                let label = ui.label("Your answer:");
                let field = ui
                    .add(egui::TextEdit::singleline(text).desired_width(200.0))
                    .labelled_by(label.id);
                describe_by_question(ui, &field, prompt);
                if let Some(unit) = unit {
                    ui.label(unit);
                }
                keep_focus(ui, &field);
            });
        }
        (Answer::Text { .. }, Draft::Text(text)) => {
            ui.horizontal(|ui| {
                let label = ui.label("Your answer:");
                let field = ui
                    .add(egui::TextEdit::singleline(text).desired_width(420.0))
                    .labelled_by(label.id);
                describe_by_question(ui, &field, prompt);
                keep_focus(ui, &field);
            });
        }
        (Answer::Order { items: texts }, Draft::Order { items, selected }) => {
            ui.label(
                RichText::new(
                    "Put these in the right order: pick an item (click or its number), then move it with Up and Down or the arrow keys.",
                )
                .italics(),
            );
            let count = items.len();
            let mut swap: Option<(usize, usize)> = None;
            for pos in 0..count {
                let text = items
                    .get(pos)
                    .and_then(|&i| texts.get(i))
                    .map_or("", String::as_str);
                ui.horizontal(|ui| {
                    if option_button(ui, pos, text, *selected == Some(pos)).clicked() {
                        *selected = Some(pos);
                    }
                    if ui
                        .add_enabled(pos > 0, egui::Button::new("Up"))
                        .on_hover_text(format!("Move \"{text}\" up"))
                        .clicked()
                    {
                        swap = Some((pos, pos - 1));
                    }
                    if ui
                        .add_enabled(pos + 1 < count, egui::Button::new("Down"))
                        .on_hover_text(format!("Move \"{text}\" down"))
                        .clicked()
                    {
                        swap = Some((pos, pos + 1));
                    }
                });
            }
            if let Some(n) = keys::digit(ui).filter(|n| *n <= count) {
                *selected = Some(n - 1);
            }
            if let Some(pos) = *selected {
                if keys::pressed(ui, Key::ArrowUp) && pos > 0 {
                    swap = Some((pos, pos - 1));
                }
                if keys::pressed(ui, Key::ArrowDown) && pos + 1 < count {
                    swap = Some((pos, pos + 1));
                }
            }
            if let Some((from, to)) = swap {
                items.swap(from, to);
                *selected = Some(to);
            }
        }
        (Answer::Match { pairs }, Draft::Match { chosen, selected }) => {
            ui.label(
                RichText::new(
                    "Match each item with one of these: pick a row (click or its number), then a letter.",
                )
                .italics(),
            );
            for (col, &right) in item.display_order.iter().enumerate() {
                let text = pairs.get(right).map_or("", |p| p.right.as_str());
                ui.horizontal(|ui| {
                    ui.label(RichText::new(keys::letter_name(col).to_string()).strong());
                    ui.add(egui::Label::new(text).wrap());
                });
            }
            ui.add_space(style::space::S);
            let letter_of = |right: usize| {
                item.display_order
                    .iter()
                    .position(|&r| r == right)
                    .map_or('?', keys::letter_name)
            };
            for (row, pair) in pairs.iter().enumerate() {
                ui.horizontal(|ui| {
                    if option_button(ui, row, &pair.left, *selected == row).clicked() {
                        *selected = row;
                    }
                    let current = chosen.get(row).copied().flatten();
                    let shown = current.map_or_else(
                        || "Choose…".to_owned(),
                        |right| {
                            let text = pairs.get(right).map_or("", |p| p.right.as_str());
                            format!("{}  {text}", letter_of(right))
                        },
                    );
                    egui::ComboBox::from_id_salt(("match", row))
                        .selected_text(shown)
                        .width(360.0)
                        .show_ui(ui, |ui| {
                            for (col, &right) in item.display_order.iter().enumerate() {
                                let text = pairs.get(right).map_or("", |p| p.right.as_str());
                                let label = format!("{}  {text}", keys::letter_name(col));
                                if ui.selectable_label(current == Some(right), label).clicked()
                                    && let Some(c) = chosen.get_mut(row)
                                {
                                    *c = Some(right);
                                    *selected = row;
                                }
                            }
                        })
                        .response
                        .on_hover_text(format!("What goes with \"{}\"?", pair.left));
                });
            }
            if let Some(n) = keys::digit(ui).filter(|n| *n <= pairs.len()) {
                *selected = n - 1;
            }
            if let Some(col) = keys::letter(ui)
                && let Some(&right) = item.display_order.get(col)
                && let Some(c) = chosen.get_mut(*selected)
            {
                *c = Some(right);
                // Move on to the next row that is still empty, so a keyboard user can type on.
                if let Some(next) = chosen.iter().position(Option::is_none) {
                    *selected = next;
                }
            }
        }
        (Answer::Flashcard { back }, Draft::Card { revealed }) => {
            if *revealed {
                ui.add(
                    egui::Label::new(RichText::new(back).size(style::text_size::HEADING)).wrap(),
                );
                ui.label("Did you know it?");
                ui.horizontal(|ui| {
                    let knew = ui.add(style::key_button("I knew it", "1")).clicked()
                        || keys::digit(ui) == Some(1);
                    let missed = ui
                        .add(style::key_button("I did not know it", "2"))
                        .clicked()
                        || keys::digit(ui) == Some(2);
                    if knew {
                        commands.push(Command::Quiz(QuizCommand::Submit(
                            question_index,
                            Response::SelfGraded(true),
                        )));
                    } else if missed {
                        commands.push(Command::Quiz(QuizCommand::Submit(
                            question_index,
                            Response::SelfGraded(false),
                        )));
                    }
                });
            } else if ui
                .add(style::key_button("Show the answer", "Space"))
                .clicked()
                || keys::space(ui)
                || keys::enter(ui)
            {
                *revealed = true;
            }
        }
        _ => {}
    }
}

/// An option with its number key in front, such as "2  Jalisco" (the items of an order or a
/// match question, beside their buttons).
fn option_button(ui: &mut egui::Ui, pos: usize, text: &str, selected: bool) -> egui::Response {
    let key = if pos < 9 {
        format!("{}", pos + 1)
    } else {
        String::new()
    };
    // Framed even when not chosen, so every option reads as something to press.
    ui.add(
        egui::Button::selectable(selected, (RichText::new(key).weak(), text))
            .frame_when_inactive(true)
            .min_size(egui::vec2(0.0, 34.0)),
    )
}

/// Ties an answer field to its question, which a screen reader reads as the field's description.
fn describe_by_question(ui: &egui::Ui, field: &egui::Response, prompt: Option<egui::Id>) {
    if let Some(prompt) = prompt {
        ui.ctx().accesskit_node_builder(field.id, |node| {
            node.push_described_by(prompt.accesskit_id());
        });
    }
}

/// Keeps the keyboard in the answer field while a typed answer is being given, also after
/// Enter (which leaves a single-line field) was pressed on an answer that could not be read.
/// Tab still moves on to the buttons, since then another widget has the focus.
fn keep_focus(ui: &egui::Ui, field: &egui::Response) {
    if ui.memory(|m| m.focused().is_none()) {
        field.request_focus();
    }
}
