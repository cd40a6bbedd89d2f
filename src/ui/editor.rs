//! The deck editor: deck details, a question list, a form per answer kind, live validation
//! beside each field, a preview, undo and redo.
//!
//! The editor draws from a copy of the deck being edited and, when the copy differs at the end
//! of the frame, emits [`EditorCommand::Edit`]; the app keeps the undo history and validates.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use eframe::egui::{self, Key, KeyboardShortcut, Modifiers, RichText};

use crate::deck::{self, PathProblem, raw};
use crate::quiz::{QuizConfig, QuizSession, grade};

use super::quiz::{Draft, answer_ui, review_ui};
use super::{keys, style};
use crate::app::{App, Command, EditorCommand, QuizCommand, Screen};

/// What each kind is called in the menu.
fn kind_label(kind: &str) -> &'static str {
    match kind {
        "Flashcard" => "Flashcard (self-graded)",
        "SingleChoice" => "Single choice",
        "MultiSelect" => "Select all that apply",
        "TrueFalse" => "True or false",
        "Numeric" => "Number",
        "Text" => "Typed answer",
        "Order" => "Put in order",
        _ => "Match pairs",
    }
}

/// The texts an answer holds, right ones first, to carry over when its kind changes.
fn answer_texts(answer: &raw::Answer) -> (Vec<String>, Vec<String>) {
    match answer {
        raw::Answer::Flashcard { back } => (vec![back.clone()], Vec::new()),
        raw::Answer::SingleChoice { options, .. } | raw::Answer::MultiSelect { options, .. } => {
            let mut right = Vec::new();
            let mut wrong = Vec::new();
            for option in options {
                match option {
                    raw::Choice::Correct(t) => right.push(t.clone()),
                    raw::Choice::Wrong(t) => wrong.push(t.clone()),
                }
            }
            (right, wrong)
        }
        raw::Answer::TrueFalse { correct } => {
            let (right, wrong) = if *correct {
                ("True", "False")
            } else {
                ("False", "True")
            };
            (vec![right.to_owned()], vec![wrong.to_owned()])
        }
        raw::Answer::Numeric { accept, unit } => {
            let number = match accept {
                raw::Accept::Exact { value, .. } => *value,
                raw::Accept::Range { min, .. } => *min,
            };
            let text = match unit {
                Some(unit) => format!("{number} {unit}"),
                None => number.to_string(),
            };
            (vec![text], Vec::new())
        }
        raw::Answer::Text { accepted, .. } => (accepted.clone(), Vec::new()),
        raw::Answer::Order { items } => (items.clone(), Vec::new()),
        raw::Answer::Match { pairs } => (
            pairs.iter().map(|(l, r)| format!("{l} = {r}")).collect(),
            Vec::new(),
        ),
    }
}

/// The same question as another kind, keeping what can be kept: option texts, accepted
/// answers, items.
pub(crate) fn convert_answer(answer: &raw::Answer, kind: &str) -> raw::Answer {
    // Between the two choice kinds the options stay exactly as they are, in their order.
    match (answer, kind) {
        (
            raw::Answer::SingleChoice {
                options,
                keep_order,
            },
            "MultiSelect",
        ) => {
            return raw::Answer::MultiSelect {
                options: options.clone(),
                keep_order: *keep_order,
            };
        }
        (
            raw::Answer::MultiSelect {
                options,
                keep_order,
            },
            "SingleChoice",
        ) => {
            // One right option stays right; the others become wrong, in place.
            let mut seen_right = false;
            let options = options
                .iter()
                .map(|o| match o {
                    raw::Choice::Correct(t) if !seen_right => {
                        seen_right = true;
                        raw::Choice::Correct(t.clone())
                    }
                    raw::Choice::Correct(t) | raw::Choice::Wrong(t) => {
                        raw::Choice::Wrong(t.clone())
                    }
                })
                .collect();
            return raw::Answer::SingleChoice {
                options,
                keep_order: *keep_order,
            };
        }
        _ => {}
    }
    let (right, wrong) = answer_texts(answer);
    let first = right.first().cloned().unwrap_or_default();
    let options = |single: bool| {
        let mut options: Vec<raw::Choice> = right
            .iter()
            .enumerate()
            .map(|(i, t)| {
                if single && i > 0 {
                    raw::Choice::Wrong(t.clone())
                } else {
                    raw::Choice::Correct(t.clone())
                }
            })
            .collect();
        options.extend(wrong.iter().cloned().map(raw::Choice::Wrong));
        if options.is_empty() {
            options.push(raw::Choice::Correct(String::new()));
        }
        if !options.iter().any(|o| matches!(o, raw::Choice::Wrong(_))) {
            options.push(raw::Choice::Wrong(String::new()));
        }
        options
    };
    match kind {
        "Flashcard" => raw::Answer::Flashcard { back: first },
        "SingleChoice" => raw::Answer::SingleChoice {
            options: options(true),
            keep_order: false,
        },
        "MultiSelect" => raw::Answer::MultiSelect {
            options: options(false),
            keep_order: false,
        },
        "TrueFalse" => raw::Answer::TrueFalse {
            correct: !first.eq_ignore_ascii_case("false"),
        },
        "Numeric" => {
            // "900 people" keeps its number and its unit.
            let (number, unit) = first.trim().split_once(' ').unwrap_or((first.trim(), ""));
            raw::Answer::Numeric {
                accept: raw::Accept::Exact {
                    value: number.parse().unwrap_or(0.0),
                    tolerance: 0.0,
                },
                unit: (!unit.trim().is_empty()).then(|| unit.trim().to_owned()),
            }
        }
        "Text" => raw::Answer::Text {
            accepted: if right.is_empty() {
                vec![String::new()]
            } else {
                right
            },
            exact: false,
        },
        "Order" => {
            let mut items: Vec<String> = right.into_iter().chain(wrong).collect();
            items.resize(items.len().max(2), String::new());
            raw::Answer::Order { items }
        }
        _ => {
            let mut pairs: Vec<(String, String)> = right
                .iter()
                .map(|t| match t.split_once(" = ") {
                    Some((l, r)) => (l.to_owned(), r.to_owned()),
                    None => (t.clone(), String::new()),
                })
                .collect();
            pairs.resize(pairs.len().max(2), (String::new(), String::new()));
            raw::Answer::Match { pairs }
        }
    }
}

/// A new question with an id made from nothing yet; the id is generated from the prompt when
/// the prompt is first written.
pub(crate) fn new_question(taken: &HashSet<String>) -> raw::Question {
    raw::Question {
        id: deck::question_id_from_prompt("", taken),
        prompt: String::new(),
        answer: convert_answer(
            &raw::Answer::Flashcard {
                back: String::new(),
            },
            "SingleChoice",
        ),
        explanation: None,
        source: None,
        tags: Vec::new(),
        time_limit_secs: None,
        notes: None,
    }
}

/// A button showing `text`, named `name` for screen readers; whether it was clicked.
fn named_button(ui: &mut egui::Ui, text: &str, name: &str) -> bool {
    let button = ui.button(text).on_hover_text(name);
    style::name_for_screen_readers(&button, name);
    button.clicked()
}

/// The problems at `path` or inside it.
fn problems_at<'a>(problems: &'a [PathProblem], path: &str) -> Vec<&'a PathProblem> {
    problems
        .iter()
        .filter(|p| {
            p.path == path
                || p.path
                    .strip_prefix(path)
                    .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
        })
        .collect()
}

/// Shows the problems of exactly `path` under the field: errors in `color` (red), warnings in
/// the warning colour and marked "Warning:" in words, so they read as hints, not as faults.
fn field_problems(ui: &mut egui::Ui, problems: &[PathProblem], path: &str, color: egui::Color32) {
    for p in problems.iter().filter(|p| p.path == path) {
        let mut text = p.problem.to_string();
        if let Some(help) = p.problem.help() {
            text.push_str(&format!(" ({help})"));
        }
        problem_label(ui, p, text, color);
    }
}

/// One problem's `text`: an error in `color`, a warning as a warning.
fn problem_label(ui: &mut egui::Ui, p: &PathProblem, text: String, color: egui::Color32) {
    if is_warning(p) {
        let warn = ui.visuals().warn_fg_color;
        ui.colored_label(warn, format!("Warning: {text}"));
    } else {
        ui.colored_label(color, text);
    }
}

fn is_warning(p: &PathProblem) -> bool {
    p.severity() == deck::Severity::Warning
}

/// A labelled one-line text field.
fn text_field(ui: &mut egui::Ui, label: &str, value: &mut String) -> egui::Response {
    ui.horizontal(|ui| {
        let l = ui.label(label);
        ui.add(egui::TextEdit::singleline(value).desired_width(f32::INFINITY))
            .labelled_by(l.id)
    })
    .inner
}

/// A labelled multi-line text field.
fn text_area(ui: &mut egui::Ui, label: &str, value: &mut String) -> egui::Response {
    let l = ui.label(label);
    ui.add(
        egui::TextEdit::multiline(value)
            .desired_rows(2)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(l.id)
}

/// An optional text, empty meaning "none".
fn optional_text(ui: &mut egui::Ui, label: &str, value: &mut Option<String>, multiline: bool) {
    let mut text = value.clone().unwrap_or_default();
    if multiline {
        text_area(ui, label, &mut text);
    } else {
        text_field(ui, label, &mut text);
    }
    *value = (!text.is_empty()).then_some(text);
}

fn parse_comma_list(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A comma-separated list of short texts (authors, tags). The text is kept as typed in `texts`
/// under `key`, so "Ana, " stays while the next name is typed.
fn comma_list(
    ui: &mut egui::Ui,
    label: &str,
    values: &mut Vec<String>,
    texts: &mut HashMap<String, String>,
    key: String,
) {
    let text = texts.entry(key).or_insert_with(|| values.join(", "));
    // Changed from outside (undo, another question): show the list as it is now.
    if parse_comma_list(text) != *values {
        *text = values.join(", ");
    }
    text_field(ui, label, text);
    let parsed = parse_comma_list(text);
    if parsed != *values {
        *values = parsed;
    }
}

/// The editor's widget state: which question is shown, the list's filter, lists being typed,
/// the preview being tried.
#[derive(Default)]
pub(crate) struct EditorView {
    /// The editing this view is of ([`crate::app::EditorState::run`]).
    run: u64,
    /// The question shown in the form.
    selected: usize,
    /// The question list's filter.
    filter: String,
    /// The ids the editor made and that are not saved yet, as edited in this frame.
    auto_ids: HashSet<String>,
    /// The text of comma-separated list fields as typed, by field, so a trailing comma or space
    /// survives until the next item is typed.
    list_texts: HashMap<String, String>,
    /// The selected question, answerable.
    preview: Option<Preview>,
}

/// A question of the editor, tried out as a student would see it.
struct Preview {
    /// The question the preview was made from (remade when it changes).
    source: raw::Question,
    session: QuizSession,
    draft: Draft,
    /// The answer tried, or why it could not be read.
    checked: Option<Result<crate::quiz::Response, String>>,
}

/// The editor screen.
pub(crate) fn editor_ui(
    ui: &mut egui::Ui,
    app: &App,
    view: &mut EditorView,
    commands: &mut Vec<Command>,
) {
    let theme = app.prefs().theme;
    let palette = style::palette(theme);
    let Some(state) = app.editor() else {
        commands.push(Command::Go(Screen::Library));
        return;
    };
    // Another deck opened: start at its first question, with nothing typed.
    if view.run != state.run {
        *view = EditorView {
            run: state.run,
            ..EditorView::default()
        };
    }
    view.auto_ids.clone_from(&state.auto_ids);
    let editor = view;

    // Deck-wide shortcuts take precedence over a text field's own undo.
    let undo = ui.input_mut(|i| {
        i.consume_shortcut(&KeyboardShortcut::new(
            Modifiers::COMMAND | Modifiers::SHIFT,
            Key::Z,
        ))
    });
    if undo {
        commands.push(Command::Editor(EditorCommand::Redo));
    } else if ui
        .input_mut(|i| i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::Z)))
    {
        commands.push(Command::Editor(EditorCommand::Undo));
    }
    if ui.input_mut(|i| i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::S))) {
        commands.push(Command::Editor(EditorCommand::Save));
    }

    let mut draft = state.deck.clone();
    let problems = state.problems.clone();

    // Top bar: what is edited, its state, and the actions.
    ui.horizontal_wrapped(|ui| {
        style::title(
            ui,
            &format!(
                "Editing: {}",
                if draft.title.is_empty() {
                    "(untitled)"
                } else {
                    &draft.title
                }
            ),
        );
    });
    ui.horizontal_wrapped(|ui| {
        if ui.add(style::key_button("Save", "Ctrl+S")).clicked() {
            commands.push(Command::Editor(EditorCommand::Save));
        }
        if ui
            .add_enabled(!state.undo.is_empty(), style::key_button("Undo", "Ctrl+Z"))
            .clicked()
        {
            commands.push(Command::Editor(EditorCommand::Undo));
        }
        if ui
            .add_enabled(
                !state.redo.is_empty(),
                style::key_button("Redo", "Ctrl+Shift+Z"),
            )
            .clicked()
        {
            commands.push(Command::Editor(EditorCommand::Redo));
        }
        // Esc in a text field only leaves the field; elsewhere it closes the editor.
        if ui
            .add(style::key_button("Close the editor", "Esc"))
            .clicked()
            || keys::escape_outside_fields(ui)
        {
            commands.push(Command::Editor(EditorCommand::Close));
        }
        let state = if state.deck != state.saved {
            RichText::new("Unsaved changes").color(palette.partial)
        } else {
            RichText::new("Saved").color(palette.weak)
        };
        ui.label(state);
        let warnings = problems.iter().filter(|p| is_warning(p)).count();
        let errors = problems.len() - warnings;
        // Warnings are hints, not problems: a deck with only warnings has "No problems".
        if errors == 0 {
            ui.colored_label(palette.right, "No problems");
        } else {
            ui.colored_label(
                palette.wrong,
                format!("{errors} problem(s): saving keeps it as a draft"),
            );
        }
        if warnings > 0 {
            // Hints only: the deck saves and works as it is.
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!("{warnings} warning(s) about how questions are written"),
            );
        }
    });
    if let Some(path) = &state.path {
        ui.label(
            RichText::new(path.display().to_string())
                .small()
                .color(palette.weak),
        );
    }
    if state.had_comments {
        ui.colored_label(
            palette.partial,
            "This file has comments: saving here rewrites it without them (the previous version is kept as .bak).",
        );
    }
    if let Some(choice) = state.confirm_close {
        unsaved_prompt_ui(ui, choice, commands);
    }
    if let Some(recovered) = &state.recovery_offer {
        ui.horizontal_wrapped(|ui| {
            ui.colored_label(
                palette.partial,
                format!(
                    "Unsaved changes from an earlier session were kept ({}).",
                    recovered.display()
                ),
            );
            if ui.button("Restore them").clicked() {
                commands.push(Command::Editor(EditorCommand::RestoreRecovery));
            }
            if ui.button("Discard them").clicked() {
                commands.push(Command::Editor(EditorCommand::DiscardRecovery));
            }
        });
    }
    ui.separator();

    egui::Panel::left("editor-questions")
        .resizable(true)
        .default_size(300.0)
        .show(ui, |ui| {
            question_list_ui(ui, editor, &mut draft, &problems, palette.wrong);
        });
    egui::CentralPanel::default().show(ui, |ui| {
        egui::ScrollArea::vertical()
            .id_salt("editor-form")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                let deck_problems = problems
                    .iter()
                    .filter(|p| !p.path.starts_with("questions[") && !is_warning(p))
                    .count();
                let details = if deck_problems == 0 {
                    "Deck details".to_owned()
                } else {
                    format!("Deck details ({deck_problems} problem(s))")
                };
                egui::CollapsingHeader::new(RichText::new(details).strong())
                    .id_salt("deck-details")
                    .default_open(state.deck.questions.is_empty())
                    // Open whenever something in it needs fixing.
                    .open((deck_problems > 0).then_some(true))
                    .show(ui, |ui| {
                        deck_fields_ui(
                            ui,
                            &mut draft,
                            &mut editor.list_texts,
                            &problems,
                            palette.wrong,
                        );
                    });
                ui.separator();
                let selected = editor.selected.min(draft.questions.len().saturating_sub(1));
                let sources: Vec<String> = draft.sources.iter().map(|s| s.id.clone()).collect();
                let taken: HashSet<String> = draft.questions.iter().map(|q| q.id.clone()).collect();
                if let Some(question) = draft.questions.get_mut(selected) {
                    question_form_ui(
                        ui,
                        (selected, question),
                        &sources,
                        &taken,
                        editor,
                        &problems,
                        palette.wrong,
                    );
                    ui.separator();
                    preview_ui(ui, theme, &state.deck, editor, selected);
                } else {
                    ui.label("This deck has no questions yet. Choose \"Add question\".");
                }
            });
    });

    if draft != state.deck || editor.auto_ids != state.auto_ids {
        commands.push(Command::Editor(EditorCommand::Edit(
            Box::new(draft),
            editor.auto_ids.clone(),
        )));
    }
}

/// "Save changes?" before the editor closes.
fn unsaved_prompt_ui(ui: &mut egui::Ui, then: Screen, commands: &mut Vec<Command>) {
    egui::Frame::group(ui.style())
        .inner_margin(10.0)
        .show(ui, |ui| {
            ui.label(RichText::new("This deck has unsaved changes.").strong());
            ui.horizontal(|ui| {
                if ui
                    .add(style::key_button("Save and close", "Enter"))
                    .clicked()
                    || keys::enter_outside_fields(ui)
                {
                    commands.push(Command::Editor(EditorCommand::Save));
                    commands.push(Command::Editor(EditorCommand::Leave(then)));
                }
                if ui.button("Close without saving").clicked() {
                    commands.push(Command::Editor(EditorCommand::DiscardAndLeave(then)));
                }
                if ui.button("Keep editing").clicked() {
                    commands.push(Command::Editor(EditorCommand::KeepEditing));
                }
            });
        });
}

/// Whether question `q` shows under the list's filter.
fn matches_filter(q: &raw::Question, filter: &str) -> bool {
    filter.is_empty()
        || q.prompt.to_lowercase().contains(filter)
        || q.tags.iter().any(|t| t.to_lowercase().contains(filter))
}

fn question_list_ui(
    ui: &mut egui::Ui,
    editor: &mut EditorView,
    draft: &mut raw::Deck,
    problems: &[PathProblem],
    error_color: egui::Color32,
) {
    ui.label(RichText::new(format!("Questions ({})", draft.questions.len())).strong());
    ui.horizontal(|ui| {
        let l = ui.label("Find:");
        ui.add(egui::TextEdit::singleline(&mut editor.filter).hint_text("text or tag"))
            .labelled_by(l.id);
    });
    let filter = editor.filter.to_lowercase();
    let taken: HashSet<String> = draft.questions.iter().map(|q| q.id.clone()).collect();
    let mut selected = editor.selected.min(draft.questions.len().saturating_sub(1));
    // The chosen question is always one the list shows, so the buttons act on what is seen.
    if draft
        .questions
        .get(selected)
        .is_some_and(|q| !matches_filter(q, &filter))
        && let Some(first) = draft
            .questions
            .iter()
            .position(|q| matches_filter(q, &filter))
    {
        selected = first;
        editor.selected = first;
        editor.preview = None;
    }
    let shown = draft
        .questions
        .get(selected)
        .is_some_and(|q| matches_filter(q, &filter));
    // Moving questions with the keyboard is for the list, not for a text being typed.
    let alt_key = |ui: &egui::Ui, key: Key| {
        !keys::typing(ui) && ui.input(|i| i.modifiers.alt && i.key_pressed(key))
    };
    ui.horizontal_wrapped(|ui| {
        if ui.button("Add question").clicked() {
            let question = new_question(&taken);
            editor.auto_ids.insert(question.id.clone());
            draft.questions.push(question);
            editor.selected = draft.questions.len() - 1;
            editor.filter.clear();
        }
        if ui
            .add_enabled(shown, egui::Button::new("Duplicate"))
            .clicked()
            && let Some(question) = draft.questions.get(selected).cloned()
        {
            let mut copy = question;
            copy.id = deck::question_id_from_prompt(&copy.prompt, &taken);
            editor.auto_ids.insert(copy.id.clone());
            draft.questions.insert(selected + 1, copy);
            editor.selected = selected + 1;
        }
        if ui.add_enabled(shown, egui::Button::new("Delete")).clicked() && shown {
            draft.questions.remove(selected);
            editor.selected = selected.saturating_sub(1);
        }
        let can_up = shown && selected > 0 && filter.is_empty();
        let up = ui
            .add_enabled(can_up, egui::Button::new("Move up"))
            .clicked()
            || (can_up && alt_key(ui, Key::ArrowUp));
        if up {
            draft.questions.swap(selected, selected - 1);
            editor.selected = selected - 1;
        }
        let can_down = shown && selected + 1 < draft.questions.len() && filter.is_empty();
        let down = ui
            .add_enabled(can_down, egui::Button::new("Move down"))
            .clicked()
            || (can_down && alt_key(ui, Key::ArrowDown));
        if down {
            draft.questions.swap(selected, selected + 1);
            editor.selected = selected + 1;
        }
    });
    let hint = if filter.is_empty() {
        "Alt+Up and Alt+Down move the chosen question.".to_owned()
    } else {
        let count = draft
            .questions
            .iter()
            .filter(|q| matches_filter(q, &filter))
            .count();
        format!(
            "{count} of {} shown; clear \"Find\" to move questions.",
            draft.questions.len()
        )
    };
    ui.label(RichText::new(hint).small().weak());
    egui::ScrollArea::vertical()
        .id_salt("editor-list")
        .show(ui, |ui| {
            for (i, q) in draft.questions.iter().enumerate() {
                if !matches_filter(q, &filter) {
                    continue;
                }
                let here = problems_at(problems, &format!("questions[{i}]"));
                let broken = here.iter().any(|p| !is_warning(p));
                let warned = !broken && !here.is_empty();
                let title = if q.prompt.trim().is_empty() {
                    "(no prompt yet)".to_owned()
                } else {
                    q.prompt.chars().take(60).collect()
                };
                // Marked in words as well as in colour.
                let mark = if broken {
                    " (has problems)"
                } else if warned {
                    " (has warnings)"
                } else {
                    ""
                };
                let mut text = RichText::new(format!("{}. {title}{mark}", i + 1));
                if broken {
                    text = text.color(error_color);
                } else if warned {
                    text = text.color(ui.visuals().warn_fg_color);
                }
                if ui
                    .add(egui::Button::selectable(i == selected, text))
                    .clicked()
                {
                    editor.selected = i;
                    editor.preview = None;
                }
            }
        });
}

fn deck_fields_ui(
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

fn question_form_ui(
    ui: &mut egui::Ui,
    (index, q): (usize, &mut raw::Question),
    sources: &[String],
    taken: &HashSet<String>,
    editor: &mut EditorView,
    problems: &[PathProblem],
    error_color: egui::Color32,
) {
    let path = format!("questions[{index}]");
    ui.label(RichText::new(format!("Question {}", index + 1)).heading());
    let before = q.prompt.clone();
    text_area(ui, "Prompt:", &mut q.prompt);
    field_problems(ui, problems, &format!("{path}.prompt"), error_color);
    // A new question's id follows its prompt until the deck is saved; after that it never
    // changes by itself, so scores stay with the question.
    if q.prompt != before && editor.auto_ids.contains(&q.id) {
        let mut others = taken.clone();
        others.remove(&q.id);
        let id = deck::question_id_from_prompt(&q.prompt, &others);
        editor.auto_ids.remove(&q.id);
        editor.auto_ids.insert(id.clone());
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

    let kind = q.answer.kind_name();
    let mut new_kind = kind;
    ui.horizontal(|ui| {
        let l = ui.label("Kind of answer:");
        egui::ComboBox::from_id_salt(("kind", index))
            .selected_text(kind_label(kind))
            // Tall enough for every kind at once, without a scroll bar.
            .height(f32::INFINITY)
            .show_ui(ui, |ui| {
                for k in deck::ANSWER_KINDS {
                    ui.selectable_value(&mut new_kind, k, kind_label(k));
                }
            })
            .response
            .labelled_by(l.id);
    });
    if new_kind != kind {
        q.answer = convert_answer(&q.answer, new_kind);
    }
    answer_form_ui(ui, &path, &mut q.answer, problems, error_color);

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
        &mut editor.list_texts,
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

fn answer_form_ui(
    ui: &mut egui::Ui,
    question_path: &str,
    answer: &mut raw::Answer,
    problems: &[PathProblem],
    error_color: egui::Color32,
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
                        let (text, correct) = match option {
                            raw::Choice::Correct(t) => (t.clone(), true),
                            raw::Choice::Wrong(t) => (t.clone(), false),
                        };
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
                        ui.add(egui::TextEdit::singleline(&mut text_now).desired_width(360.0))
                            .labelled_by(l.id);
                        if correct_now != correct || text_now != text {
                            *option = if correct_now {
                                raw::Choice::Correct(text_now)
                            } else {
                                raw::Choice::Wrong(text_now)
                            };
                        }
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
            if ui.button("Add an option").clicked() {
                options.push(raw::Choice::Wrong(String::new()));
            }
            ui.checkbox(
                keep_order,
                "Keep the options in this order (such as shortest to longest)",
            );
            field_problems(ui, problems, &format!("{path}.options"), error_color);
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
                        ui.add(egui::TextEdit::singleline(text).desired_width(360.0))
                            .labelled_by(l.id);
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
                        ui.add(egui::TextEdit::singleline(item).desired_width(320.0))
                            .labelled_by(l.id);
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
                        let l = ui.label(format!("Left {}:", i + 1));
                        ui.add(egui::TextEdit::singleline(left).desired_width(200.0))
                            .labelled_by(l.id);
                        let r = ui.label(format!("Right {}:", i + 1));
                        ui.add(egui::TextEdit::singleline(right).desired_width(240.0))
                            .labelled_by(r.id);
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

/// The question as a student sees it, answerable, when it has no problems.
fn preview_ui(
    ui: &mut egui::Ui,
    theme: style::Theme,
    edited: &raw::Deck,
    editor: &mut EditorView,
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
    let stale = editor
        .preview
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
        editor.preview = Some(Preview {
            source: raw_question,
            session,
            draft,
            checked: None,
        });
    }
    let Some(preview) = &mut editor.preview else {
        return;
    };
    let (Some(question), Some(item)) = (
        preview.session.current_question().cloned(),
        preview.session.current_item().cloned(),
    ) else {
        return;
    };
    egui::Frame::group(ui.style())
        .inner_margin(12.0)
        .show(ui, |ui| {
            ui.add(egui::Label::new(RichText::new(&question.prompt).size(22.0).strong()).wrap());
            let mut sink = Vec::new();
            answer_ui(ui, (0, &question), &item, &mut preview.draft, &mut sink);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn choices(options: &[(&str, bool)]) -> Vec<raw::Choice> {
        options
            .iter()
            .map(|&(t, right)| {
                if right {
                    raw::Choice::Correct(t.to_owned())
                } else {
                    raw::Choice::Wrong(t.to_owned())
                }
            })
            .collect()
    }

    #[test]
    fn changing_between_choice_kinds_keeps_options_in_order() {
        let single = raw::Answer::SingleChoice {
            options: choices(&[("A", false), ("All of the above", true)]),
            keep_order: true,
        };
        let multi = convert_answer(&single, "MultiSelect");
        assert_eq!(
            multi,
            raw::Answer::MultiSelect {
                options: choices(&[("A", false), ("All of the above", true)]),
                keep_order: true,
            }
        );
        let several = raw::Answer::MultiSelect {
            options: choices(&[("x", false), ("y", true), ("z", true)]),
            keep_order: false,
        };
        assert_eq!(
            convert_answer(&several, "SingleChoice"),
            raw::Answer::SingleChoice {
                options: choices(&[("x", false), ("y", true), ("z", false)]),
                keep_order: false,
            }
        );
    }

    #[test]
    fn numbers_and_true_false_carry_over() {
        let numeric = raw::Answer::Numeric {
            accept: raw::Accept::Exact {
                value: 900.0,
                tolerance: 0.0,
            },
            unit: Some("people".to_owned()),
        };
        let text = convert_answer(&numeric, "Text");
        assert_eq!(
            text,
            raw::Answer::Text {
                accepted: vec!["900 people".to_owned()],
                exact: false
            }
        );
        assert_eq!(convert_answer(&text, "Numeric"), numeric);
        let tf = raw::Answer::TrueFalse { correct: false };
        let single = convert_answer(&tf, "SingleChoice");
        assert_eq!(
            single,
            raw::Answer::SingleChoice {
                options: choices(&[("False", true), ("True", false)]),
                keep_order: false,
            }
        );
        assert_eq!(convert_answer(&single, "TrueFalse"), tf);
    }

    #[test]
    fn comma_lists_parse_around_spaces_and_empty_items() {
        assert_eq!(parse_comma_list("Ana Ruiz, Bo Li,"), ["Ana Ruiz", "Bo Li"]);
        assert!(parse_comma_list(" , ").is_empty());
    }
}
