//! The deck editor: deck details, a question list, a form per answer kind, live validation
//! beside each field, a preview, undo and redo.
//!
//! The editor draws from a copy of the deck being edited and, when the copy differs at the end
//! of the frame, emits [`EditorCommand::Edit`]; the app keeps the undo history and validates.

use std::collections::{HashMap, HashSet};

use eframe::egui::{self, Key, KeyboardShortcut, Modifiers, RichText};

use crate::deck::edit::new_question;
use crate::deck::{self, PathProblem, raw};

use super::header;
use super::{keys, style};
use crate::app::{App, Command, EditorCommand, Screen};
mod fields;
mod forms;
mod picture;
mod preview;

use fields::{is_warning, problems_at};
use forms::{deck_fields_ui, question_form_ui};
use preview::{Preview, preview_ui};

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
    /// The picture being added.
    pick: picture::PicturePick,
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

    // A picture file dropped on the window goes to the question shown (or to the option whose
    // picture is being chosen).
    let dropped = ui.input(|i| {
        i.raw.dropped_files.iter().find_map(|f| {
            let path = f.path();
            (!path.as_os_str().is_empty()).then(|| path.to_owned())
        })
    });
    if let Some(from) = dropped
        && !state.deck.questions.is_empty()
    {
        let selected = editor.selected.min(state.deck.questions.len() - 1);
        commands.push(picture::add(selected, editor.pick.option, from));
        editor.pick = picture::PicturePick::default();
    }
    if ui.input(|i| !i.raw.hovered_files.is_empty()) && !state.deck.questions.is_empty() {
        let selected = editor.selected.min(state.deck.questions.len() - 1);
        ui.label(
            RichText::new(format!(
                "Drop the picture to add it to question {}",
                selected + 1
            ))
            .strong(),
        );
    }

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
    ui.add_space(style::space::S);
    let title = format!(
        "Editing: {}",
        if draft.title.is_empty() {
            "(untitled)"
        } else {
            &draft.title
        }
    );
    header::title(ui, &title, true);
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
        .default_size(320.0)
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
                // The pictures are beside the deck's file.
                let resolve = |file: &str| {
                    let folder = deck::deck_folder(state.path.as_deref()?);
                    Some(crate::app::pictures::picture_uri(Some(folder), file))
                };
                if let Some(question) = draft.questions.get_mut(selected) {
                    question_form_ui(
                        ui,
                        (selected, question),
                        (&sources, &taken),
                        (
                            &mut editor.auto_ids,
                            &mut editor.list_texts,
                            &mut editor.pick,
                        ),
                        (&problems, palette.wrong),
                        (&resolve, commands),
                    );
                    ui.separator();
                    preview_ui(
                        ui,
                        theme,
                        (&state.deck, state.path.as_deref()),
                        &mut editor.preview,
                        selected,
                    );
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
        .inner_margin(style::space::M)
        .show(ui, |ui| {
            ui.label(RichText::new("This deck has unsaved changes.").strong());
            ui.horizontal(|ui| {
                if ui
                    .add(style::primary_key_button(ui, "Save and close", "Enter"))
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
    // The primary action of the list, as wide as the list; the others in one quieter row.
    let add = ui.add_sized(
        egui::vec2(ui.available_width(), 0.0),
        egui::Button::new(RichText::new("Add question").strong()),
    );
    if add.clicked() {
        let question = new_question(&taken);
        editor.auto_ids.insert(question.id.clone());
        draft.questions.push(question);
        editor.selected = draft.questions.len() - 1;
        editor.filter.clear();
    }
    ui.horizontal(|ui| {
        let small = |text: &str| egui::Button::new(RichText::new(text).small());
        if ui.add_enabled(shown, small("Duplicate")).clicked()
            && let Some(question) = draft.questions.get(selected).cloned()
        {
            let mut copy = question;
            copy.id = deck::question_id_from_prompt(&copy.prompt, &taken);
            editor.auto_ids.insert(copy.id.clone());
            draft.questions.insert(selected + 1, copy);
            editor.selected = selected + 1;
        }
        if ui.add_enabled(shown, small("Delete")).clicked() && shown {
            draft.questions.remove(selected);
            editor.selected = selected.saturating_sub(1);
        }
        let can_up = shown && selected > 0 && filter.is_empty();
        let up_button = ui
            .add_enabled(can_up, small("Up"))
            .on_hover_text("Move the question up (Alt+Up)");
        style::name_for_screen_readers(&up_button, "Move up");
        if up_button.clicked() || (can_up && alt_key(ui, Key::ArrowUp)) {
            draft.questions.swap(selected, selected - 1);
            editor.selected = selected - 1;
        }
        let can_down = shown && selected + 1 < draft.questions.len() && filter.is_empty();
        let down_button = ui
            .add_enabled(can_down, small("Down"))
            .on_hover_text("Move the question down (Alt+Down)");
        style::name_for_screen_readers(&down_button, "Move down");
        if down_button.clicked() || (can_down && alt_key(ui, Key::ArrowDown)) {
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
                    short_prompt(&q.prompt)
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

/// How many characters of a prompt the question list shows.
const LIST_PROMPT_CHARS: usize = 60;

/// A prompt cut to [`LIST_PROMPT_CHARS`] characters at a word, with an ellipsis when cut.
fn short_prompt(prompt: &str) -> String {
    if prompt.chars().count() <= LIST_PROMPT_CHARS {
        return prompt.to_owned();
    }
    let cut: String = prompt.chars().take(LIST_PROMPT_CHARS - 1).collect();
    let at_word = cut
        .rfind(' ')
        .filter(|&i| i > LIST_PROMPT_CHARS / 2)
        .map_or(cut.as_str(), |i| &cut[..i]);
    format!("{}…", at_word.trim_end())
}

#[cfg(test)]
mod tests {
    use super::short_prompt;

    #[test]
    fn long_prompts_are_cut_at_a_word_with_an_ellipsis() {
        assert_eq!(short_prompt("The Sun is a star."), "The Sun is a star.");
        let long = "Which of these planets have rings? Select all that apply. (They are listed in order from the Sun.)";
        let short = short_prompt(long);
        assert!(short.ends_with('…'), "{short}");
        assert!(short.chars().count() <= 60, "{short}");
        assert!(long.starts_with(short.trim_end_matches('…')));
        // Never inside a character, whatever the script.
        let greek =
            "Ποιοι από αυτούς τους πλανήτες έχουν δακτυλίους; Επιλέξτε όλους όσους ισχύουν.";
        assert!(short_prompt(greek).ends_with('…'));
    }
}
