//! The editor's forms: the deck's details, a question, and its answer, one form per kind.

use std::collections::{HashMap, HashSet};

use eframe::egui::{self, RichText};

use crate::deck::edit::{AnswerKind, convert_answer};
use crate::deck::{self, PathProblem, raw};

use super::fields::{
    comma_list, field_problems, named_button, optional_text, problem_label, problems_at, text_area,
    text_field, wrapping_line,
};
use super::picture::{PicturePick, Resolve, add_picture_ui, picture_fields_ui};
use crate::app::Command;
use crate::ui::style;

/// Room kept after a field for its "Remove" button, in points.
const REMOVE_RESERVE: f32 = 110.0;

/// Room kept after an option's field for its "Remove" and "Picture…" buttons, in points.
const OPTION_RESERVE: f32 = 200.0;

/// Room kept after an item's field for its Up, Down and Remove buttons, in points.
const ITEM_BUTTONS_RESERVE: f32 = 250.0;

pub(super) fn deck_fields_ui(
    ui: &mut egui::Ui,
    deck: &mut raw::Deck,
    list_texts: &mut HashMap<String, String>,
    problems: &[PathProblem],
    error_color: egui::Color32,
) {
    text_field(ui, "Title:", &mut deck.title);
    field_problems(ui, problems, "title", error_color);
    text_field(ui, "Deck id:", &mut deck.id);
    field_problems(ui, problems, "id", error_color);
    text_area(ui, "Description:", &mut deck.description);
    ui.horizontal(|ui| {
        let l = ui.label("Language:");
        ui.add(egui::TextEdit::singleline(&mut deck.language).desired_width(80.0))
            .labelled_by(l.id);
        let v = ui.label("Version:");
        ui.add(egui::DragValue::new(&mut deck.version).range(1..=u32::MAX))
            .labelled_by(v.id);
    });
    field_problems(ui, problems, "language", error_color);
    comma_list(
        ui,
        "Authors (separated by commas):",
        &mut deck.authors,
        list_texts,
        "authors".to_owned(),
    );
    optional_text(
        ui,
        "Content note (shown before the deck starts):",
        &mut deck.content_note,
        true,
    );
    field_problems(ui, problems, "content_note", error_color);

    ui.label(RichText::new("Sources").strong());
    let mut remove = None;
    for (i, source) in deck.sources.iter_mut().enumerate() {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.push_id(("source", i), |ui| {
                text_field(ui, "Source id:", &mut source.id);
                field_problems(ui, problems, &format!("sources[{i}].id"), error_color);
                text_field(ui, "Source title:", &mut source.title);
                field_problems(ui, problems, &format!("sources[{i}].title"), error_color);
                optional_text(ui, "Source description:", &mut source.description, false);
                comma_list(
                    ui,
                    "Source authors:",
                    &mut source.authors,
                    list_texts,
                    format!("sources[{i}].authors"),
                );
                optional_text(ui, "Source link:", &mut source.url, false);
                field_problems(ui, problems, &format!("sources[{i}].url"), error_color);
                if ui.button("Remove this source").clicked() {
                    remove = Some(i);
                }
            });
        });
    }
    if let Some(i) = remove {
        deck.sources.remove(i);
    }
    if ui.button("Add a source").clicked() {
        deck.sources.push(raw::Source {
            id: format!("source-{}", deck.sources.len() + 1),
            title: String::new(),
            description: None,
            authors: Vec::new(),
            url: None,
        });
    }

    ui.label(RichText::new("Resources (shown at the end of a session)").strong());
    let mut remove = None;
    for (i, resource) in deck.resources.iter_mut().enumerate() {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.push_id(("resource", i), |ui| {
                text_field(ui, "Resource title:", &mut resource.title);
                field_problems(ui, problems, &format!("resources[{i}].title"), error_color);
                text_area(ui, "Resource text:", &mut resource.body);
                field_problems(ui, problems, &format!("resources[{i}].body"), error_color);
                optional_text(ui, "Resource link:", &mut resource.url, false);
                field_problems(ui, problems, &format!("resources[{i}].url"), error_color);
                if ui.button("Remove this resource").clicked() {
                    remove = Some(i);
                }
            });
        });
    }
    if let Some(i) = remove {
        deck.resources.remove(i);
    }
    if ui.button("Add a resource").clicked() {
        deck.resources.push(raw::Resource {
            title: String::new(),
            body: String::new(),
            url: None,
        });
    }
    if !deck.sessions.is_empty() {
        // Sessions are written in the deck file; here they are listed with their problems, so
        // a question deleted or renamed here that a session still names is seen.
        ui.label(RichText::new("Sessions for presenting (edit them in the deck file)").strong());
        for (i, session) in deck.sessions.iter().enumerate() {
            ui.label(format!(
                "{}: {} questions",
                session.name,
                session.questions.len()
            ));
            let prefix = format!("sessions[{i}]");
            for p in problems
                .iter()
                .filter(|p| p.path == prefix || p.path.starts_with(&format!("{prefix}.")))
            {
                ui.colored_label(error_color, p.problem.to_string());
            }
        }
    }
    field_problems(ui, problems, "questions", error_color);
}

pub(super) fn question_form_ui(
    ui: &mut egui::Ui,
    (index, q): (usize, &mut raw::Question),
    (sources, taken): (&[String], &HashSet<String>),
    (auto_ids, list_texts, pick): (
        &mut HashSet<String>,
        &mut HashMap<String, String>,
        &mut PicturePick,
    ),
    (problems, error_color): (&[PathProblem], egui::Color32),
    (resolve, commands): (Resolve<'_>, &mut Vec<Command>),
) {
    let path = format!("questions[{index}]");
    ui.label(RichText::new(format!("Question {}", index + 1)).heading());
    let before = q.prompt.clone();
    text_area(ui, "Prompt:", &mut q.prompt);
    field_problems(ui, problems, &format!("{path}.prompt"), error_color);
    if let Some(image) = &mut q.image {
        let at = format!("{path}.image");
        if picture_fields_ui(
            ui,
            (image, "Picture"),
            resolve,
            (problems, &at, error_color),
        ) {
            q.image = None;
        }
    } else if pick.option.is_none() {
        add_picture_ui(ui, index, pick, commands);
    }
    // A new question's id follows its prompt until the deck is saved; after that it never
    // changes by itself, so scores stay with the question.
    if q.prompt != before && auto_ids.contains(&q.id) {
        let mut others = taken.clone();
        others.remove(&q.id);
        let id = deck::question_id_from_prompt(&q.prompt, &others);
        auto_ids.remove(&q.id);
        auto_ids.insert(id.clone());
        q.id = id;
    }
    ui.label(
        RichText::new(format!(
            "Question id: {} (keeps this question's scores; never reuse it)",
            q.id
        ))
        .small()
        .weak(),
    );
    field_problems(ui, problems, &format!("{path}.id"), error_color);

    let kind = q.answer.kind();
    let mut new_kind = kind;
    ui.horizontal(|ui| {
        let l = ui.label("Kind of answer:");
        egui::ComboBox::from_id_salt(("kind", index))
            .selected_text(kind.label())
            // Tall enough for every kind at once, without a scroll bar.
            .height(f32::INFINITY)
            .show_ui(ui, |ui| {
                for k in AnswerKind::ALL {
                    ui.selectable_value(&mut new_kind, k, k.label());
                }
            })
            .response
            .labelled_by(l.id);
    });
    if new_kind != kind {
        q.answer = convert_answer(&q.answer, new_kind);
    }
    answer_form_ui(
        ui,
        &path,
        &mut q.answer,
        (problems, error_color),
        (pick, resolve),
    );
    if pick.option.is_some() {
        add_picture_ui(ui, index, pick, commands);
    }

    optional_text(
        ui,
        "Explanation (shown after answering):",
        &mut q.explanation,
        true,
    );
    field_problems(ui, problems, &format!("{path}.explanation"), error_color);

    ui.horizontal(|ui| {
        let l = ui.label("Source:");
        let current = q.source.as_ref().map(|c| c.source.clone());
        let mut choice = current.clone();
        egui::ComboBox::from_id_salt(("cite", index))
            .selected_text(choice.clone().unwrap_or_else(|| "(none)".to_owned()))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut choice, None, "(none)");
                for s in sources {
                    ui.selectable_value(&mut choice, Some(s.clone()), s);
                }
            })
            .response
            .labelled_by(l.id);
        if choice != current {
            q.source = choice.map(|source| raw::Cite {
                source,
                locator: q
                    .source
                    .as_ref()
                    .map(|c| c.locator.clone())
                    .unwrap_or_default(),
            });
        }
        if let Some(cite) = &mut q.source {
            let l = ui.label("Where in it:");
            ui.add(egui::TextEdit::singleline(&mut cite.locator).hint_text("paragraph 12"))
                .labelled_by(l.id);
        }
    });
    field_problems(ui, problems, &format!("{path}.source.source"), error_color);
    field_problems(ui, problems, &format!("{path}.source.locator"), error_color);
    comma_list(
        ui,
        "Tags (separated by commas):",
        &mut q.tags,
        list_texts,
        format!("{path}.tags"),
    );
    ui.horizontal(|ui| {
        let mut limited = q.time_limit_secs.is_some();
        ui.checkbox(&mut limited, "Time limit");
        if limited {
            let mut secs = q.time_limit_secs.unwrap_or(30);
            let l = ui.label("seconds:");
            ui.add(egui::DragValue::new(&mut secs).range(1..=deck::MAX_TIME_LIMIT_SECS))
                .labelled_by(l.id);
            q.time_limit_secs = Some(secs);
        } else {
            q.time_limit_secs = None;
        }
    });
    field_problems(
        ui,
        problems,
        &format!("{path}.time_limit_secs"),
        error_color,
    );
    // Every problem of the question in one place, so none can hide in a field out of view.
    let all = problems_at(problems, &path);
    if !all.is_empty() {
        ui.label(RichText::new(format!("This question has {} problem(s):", all.len())).strong());
        for p in all {
            problem_label(ui, p, p.problem.to_string(), error_color);
        }
    }
}

pub(super) fn answer_form_ui(
    ui: &mut egui::Ui,
    question_path: &str,
    answer: &mut raw::Answer,
    (problems, error_color): (&[PathProblem], egui::Color32),
    (pick, resolve): (&mut PicturePick, Resolve<'_>),
) {
    let path = format!("{question_path}.answer");
    match answer {
        raw::Answer::Flashcard { back } => {
            text_area(ui, "Back of the card:", back);
            field_problems(ui, problems, &format!("{path}.back"), error_color);
        }
        raw::Answer::SingleChoice {
            options,
            keep_order,
        }
        | raw::Answer::MultiSelect {
            options,
            keep_order,
        } => {
            ui.label("Options (tick the right ones):");
            let mut remove = None;
            for (i, option) in options.iter_mut().enumerate() {
                ui.push_id(("option", i), |ui| {
                    ui.horizontal(|ui| {
                        let (text, correct) = (option.text().to_owned(), option.is_correct());
                        let mut correct_now = correct;
                        let tick = ui.checkbox(&mut correct_now, "right");
                        // "right" alone means nothing to a screen reader going down the list.
                        let name = format!("Option {} is right", i + 1);
                        tick.widget_info(|| {
                            egui::WidgetInfo::selected(
                                egui::accesskit::Role::CheckBox,
                                true,
                                correct_now,
                                &name,
                            )
                        });
                        let mut text_now = text.clone();
                        let l = ui.label(format!("Option {}:", i + 1));
                        wrapping_line(ui, &mut text_now, OPTION_RESERVE).labelled_by(l.id);
                        if correct_now != correct || text_now != text {
                            *option =
                                raw::Choice::new(text_now, correct_now, option.image().cloned());
                        }
                        if named_button(ui, "Remove", &format!("Remove option {}", i + 1)) {
                            remove = Some(i);
                        }
                        if option.image().is_none()
                            && named_button(
                                ui,
                                "Picture…",
                                &format!("Add a picture to option {}", i + 1),
                            )
                        {
                            pick.option = Some(i);
                        }
                    });
                    field_problems(ui, problems, &format!("{path}.options[{i}]"), error_color);
                    let name = format!("Option {}'s picture", i + 1);
                    let at = format!("{path}.options[{i}].image");
                    if let Some(image) = option.image_mut()
                        && picture_fields_ui(
                            ui,
                            (image, &name),
                            resolve,
                            (problems, &at, error_color),
                        )
                    {
                        *option =
                            raw::Choice::new(option.text().to_owned(), option.is_correct(), None);
                    }
                });
            }
            if let Some(i) = remove {
                options.remove(i);
            }
            if ui.button("Add an option").clicked() {
                options.push(raw::Choice::Wrong(String::new()));
            }
            ui.checkbox(
                keep_order,
                "Keep the options in this order (such as shortest to longest)",
            );
            field_problems(ui, problems, &format!("{path}.options"), error_color);
        }
        raw::Answer::Poll { options, multiple } => {
            ui.label("Options, in the order shown (a poll has no right answer):");
            let mut remove = None;
            for (i, text) in options.iter_mut().enumerate() {
                ui.push_id(("poll-option", i), |ui| {
                    ui.horizontal(|ui| {
                        let l = ui.label(format!("Option {}:", i + 1));
                        wrapping_line(ui, text, REMOVE_RESERVE).labelled_by(l.id);
                        if named_button(ui, "Remove", &format!("Remove option {}", i + 1)) {
                            remove = Some(i);
                        }
                    });
                    field_problems(ui, problems, &format!("{path}.options[{i}]"), error_color);
                });
            }
            if let Some(i) = remove {
                options.remove(i);
            }
            if ui
                .add_enabled(
                    options.len() < deck::MAX_POLL_OPTIONS,
                    egui::Button::new("Add an option"),
                )
                .clicked()
            {
                options.push(String::new());
            }
            ui.checkbox(multiple, "Several options may be picked");
            field_problems(ui, problems, &format!("{path}.options"), error_color);
        }
        raw::Answer::Words { max_chars } => {
            ui.add(
                egui::Label::new(
                    "A few words, with no right answer. In a room, the answers you approve \
                     are shown as a word cloud.",
                )
                .wrap(),
            );
            let mut limit = max_chars.unwrap_or(deck::MAX_WORDS_CHARS);
            ui.horizontal(|ui| {
                let l = ui.label("Most characters:");
                ui.add(egui::DragValue::new(&mut limit).range(1..=deck::MAX_WORDS_CHARS))
                    .labelled_by(l.id);
            });
            *max_chars = (limit != deck::MAX_WORDS_CHARS).then_some(limit);
            field_problems(ui, problems, &format!("{path}.max_chars"), error_color);
        }
        raw::Answer::TrueFalse { correct } => {
            ui.horizontal(|ui| {
                ui.label("The statement is:");
                ui.radio_value(correct, true, "true");
                ui.radio_value(correct, false, "false");
            });
        }
        raw::Answer::Numeric { accept, unit } => {
            let mut range = matches!(accept, raw::Accept::Range { .. });
            ui.horizontal(|ui| {
                ui.radio_value(&mut range, false, "A value, give or take");
                ui.radio_value(&mut range, true, "Anything in a range");
            });
            match (range, &*accept) {
                (true, raw::Accept::Exact { value, .. }) => {
                    *accept = raw::Accept::Range {
                        min: *value,
                        max: *value,
                    };
                }
                (false, raw::Accept::Range { min, .. }) => {
                    *accept = raw::Accept::Exact {
                        value: *min,
                        tolerance: 0.0,
                    };
                }
                _ => {}
            }
            ui.horizontal(|ui| match accept {
                raw::Accept::Exact { value, tolerance } => {
                    let l = ui.label("Value:");
                    ui.add(egui::DragValue::new(value).speed(1.0))
                        .labelled_by(l.id);
                    let l = ui.label("give or take:");
                    ui.add(
                        egui::DragValue::new(tolerance)
                            .speed(0.1)
                            .range(0.0..=f64::MAX),
                    )
                    .labelled_by(l.id);
                }
                raw::Accept::Range { min, max } => {
                    let l = ui.label("From:");
                    ui.add(egui::DragValue::new(min).speed(1.0))
                        .labelled_by(l.id);
                    let l = ui.label("to:");
                    ui.add(egui::DragValue::new(max).speed(1.0))
                        .labelled_by(l.id);
                }
            });
            field_problems(ui, problems, &format!("{path}.accept.min"), error_color);
            field_problems(
                ui,
                problems,
                &format!("{path}.accept.tolerance"),
                error_color,
            );
            optional_text(ui, "Unit (optional):", unit, false);
        }
        raw::Answer::Text { accepted, exact } => {
            ui.label("Accepted answers (the first is shown as the answer):");
            let mut remove = None;
            for (i, text) in accepted.iter_mut().enumerate() {
                ui.push_id(("accepted", i), |ui| {
                    ui.horizontal(|ui| {
                        let l = ui.label(format!("Answer {}:", i + 1));
                        wrapping_line(ui, text, REMOVE_RESERVE).labelled_by(l.id);
                        if named_button(ui, "Remove", &format!("Remove answer {}", i + 1)) {
                            remove = Some(i);
                        }
                    });
                    field_problems(ui, problems, &format!("{path}.accepted[{i}]"), error_color);
                });
            }
            if let Some(i) = remove {
                accepted.remove(i);
            }
            if ui.button("Add an accepted answer").clicked() {
                accepted.push(String::new());
            }
            ui.checkbox(
                exact,
                "Match exactly (do not ignore case, accents, punctuation and spacing)",
            );
            field_problems(ui, problems, &format!("{path}.accepted"), error_color);
        }
        raw::Answer::Order { items } => {
            ui.label("Items, in the right order (they are shuffled for the learner):");
            let mut remove = None;
            let mut swap = None;
            let count = items.len();
            for (i, item) in items.iter_mut().enumerate() {
                ui.push_id(("item", i), |ui| {
                    ui.horizontal(|ui| {
                        let l = ui.label(format!("{}.", i + 1));
                        wrapping_line(ui, item, ITEM_BUTTONS_RESERVE).labelled_by(l.id);
                        let up = ui.add_enabled(i > 0, egui::Button::new("Up"));
                        style::name_for_screen_readers(&up, &format!("Move item {} up", i + 1));
                        if up.clicked() {
                            swap = Some((i, i - 1));
                        }
                        let down = ui.add_enabled(i + 1 < count, egui::Button::new("Down"));
                        style::name_for_screen_readers(&down, &format!("Move item {} down", i + 1));
                        if down.clicked() {
                            swap = Some((i, i + 1));
                        }
                        if named_button(ui, "Remove", &format!("Remove item {}", i + 1)) {
                            remove = Some(i);
                        }
                    });
                    field_problems(ui, problems, &format!("{path}.items[{i}]"), error_color);
                });
            }
            if let Some((a, b)) = swap {
                items.swap(a, b);
            }
            if let Some(i) = remove {
                items.remove(i);
            }
            if ui.button("Add an item").clicked() {
                items.push(String::new());
            }
            field_problems(ui, problems, &format!("{path}.items"), error_color);
        }
        raw::Answer::Match { pairs } => {
            ui.label("Pairs (the right column is shuffled for the learner):");
            let mut remove = None;
            for (i, (left, right)) in pairs.iter_mut().enumerate() {
                ui.push_id(("pair", i), |ui| {
                    ui.horizontal(|ui| {
                        // The two sides share the row left by the labels and the button.
                        let half =
                            ((ui.available_width() - REMOVE_RESERVE - 160.0) / 2.0).max(120.0);
                        let l = ui.label(format!("Left {}:", i + 1));
                        wrapping_line(ui, left, ui.available_width() - half).labelled_by(l.id);
                        let r = ui.label(format!("Right {}:", i + 1));
                        wrapping_line(ui, right, REMOVE_RESERVE).labelled_by(r.id);
                        if named_button(ui, "Remove", &format!("Remove pair {}", i + 1)) {
                            remove = Some(i);
                        }
                    });
                    field_problems(ui, problems, &format!("{path}.pairs[{i}][0]"), error_color);
                    field_problems(ui, problems, &format!("{path}.pairs[{i}][1]"), error_color);
                });
            }
            if let Some(i) = remove {
                pairs.remove(i);
            }
            if ui.button("Add a pair").clicked() {
                pairs.push((String::new(), String::new()));
            }
            field_problems(ui, problems, &format!("{path}.pairs"), error_color);
        }
    }
}
