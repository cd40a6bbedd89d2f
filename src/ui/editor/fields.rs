//! The editor's fields: labelled text fields, comma-separated lists, and the problems shown
//! under each field.

use std::collections::HashMap;

use eframe::egui;

use crate::deck::{self, PathProblem};
use crate::ui::style;

/// A button showing `text`, named `name` for screen readers; whether it was clicked.
pub(super) fn named_button(ui: &mut egui::Ui, text: &str, name: &str) -> bool {
    let button = ui.button(text).on_hover_text(name);
    style::name_for_screen_readers(&button, name);
    button.clicked()
}

/// The problems at `path` or inside it.
pub(super) fn problems_at<'a>(problems: &'a [PathProblem], path: &str) -> Vec<&'a PathProblem> {
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
pub(super) fn field_problems(
    ui: &mut egui::Ui,
    problems: &[PathProblem],
    path: &str,
    color: egui::Color32,
) {
    for p in problems.iter().filter(|p| p.path == path) {
        let mut text = p.problem.to_string();
        if let Some(help) = p.problem.help() {
            text.push_str(&format!(" ({help})"));
        }
        problem_label(ui, p, text, color);
    }
}

/// One problem's `text`: an error in `color`, a warning as a warning.
pub(super) fn problem_label(
    ui: &mut egui::Ui,
    p: &PathProblem,
    text: String,
    color: egui::Color32,
) {
    if is_warning(p) {
        let warn = ui.visuals().warn_fg_color;
        ui.colored_label(warn, format!("Warning: {text}"));
    } else {
        ui.colored_label(color, text);
    }
}

pub(super) fn is_warning(p: &PathProblem) -> bool {
    p.severity() == deck::Severity::Warning
}

/// A labelled one-line text field.
pub(super) fn text_field(ui: &mut egui::Ui, label: &str, value: &mut String) -> egui::Response {
    ui.horizontal(|ui| {
        let l = ui.label(label);
        ui.add(egui::TextEdit::singleline(value).desired_width(f32::INFINITY))
            .labelled_by(l.id)
    })
    .inner
}

/// One line of text that wraps to show all of it (an option, an accepted answer, an item),
/// filling the row but for `reserve` points kept for the buttons after it. Enter does not
/// start a new line, and a pasted line break becomes a space: these texts are one line.
pub(super) fn wrapping_line(ui: &mut egui::Ui, value: &mut String, reserve: f32) -> egui::Response {
    let width = (ui.available_width() - reserve).max(120.0);
    let response = ui.add(
        egui::TextEdit::multiline(value)
            .desired_rows(1)
            .desired_width(width)
            .return_key(None),
    );
    if response.changed() && value.contains(['\n', '\r']) {
        *value = value.replace(['\r', '\n'], " ");
    }
    response
}

/// A labelled multi-line text field.
pub(super) fn text_area(ui: &mut egui::Ui, label: &str, value: &mut String) -> egui::Response {
    let l = ui.label(label);
    ui.add(
        egui::TextEdit::multiline(value)
            .desired_rows(2)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(l.id)
}

/// An optional text, empty meaning "none".
pub(super) fn optional_text(
    ui: &mut egui::Ui,
    label: &str,
    value: &mut Option<String>,
    multiline: bool,
) {
    let mut text = value.clone().unwrap_or_default();
    if multiline {
        text_area(ui, label, &mut text);
    } else {
        text_field(ui, label, &mut text);
    }
    *value = (!text.is_empty()).then_some(text);
}

pub(super) fn parse_comma_list(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A comma-separated list of short texts (authors, tags). The text is kept as typed in `texts`
/// under `key`, so "Ana, " stays while the next name is typed.
pub(super) fn comma_list(
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comma_lists_parse_around_spaces_and_empty_items() {
        assert_eq!(parse_comma_list("Ana Ruiz, Bo Li,"), ["Ana Ruiz", "Bo Li"]);
        assert!(parse_comma_list(" , ").is_empty());
    }
}
