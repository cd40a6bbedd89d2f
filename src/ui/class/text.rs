//! Texts and colours the class screen's chart and grid share: a question's text cut to fit,
//! counts in words, and the colour of an accuracy.

use eframe::egui::Color32;

use crate::class::ClassTable;
use crate::ui::style;

/// "1 answer", "3 answers".
pub(super) fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// The short text of column `c`: the start of its prompt (at most `max_chars`), or its id.
pub(super) fn short_text(table: &ClassTable, c: usize, max_chars: usize) -> String {
    let Some(column) = table.columns.get(c) else {
        return String::new();
    };
    let text = column.prompt.as_deref().unwrap_or(column.id.as_str());
    if text.chars().count() <= max_chars {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(max_chars.saturating_sub(3)).collect();
        // At a word's end when there is one in the second half, so no word is cut in two.
        let cut = match cut.rfind(' ') {
            Some(space) if space >= cut.len() / 2 => &cut[..space],
            _ => cut.as_str(),
        };
        format!("{}...", cut.trim_end_matches([' ', ',', '.', '?']))
    }
}

/// The full description of column `c`, for hovering and screen readers.
pub(super) fn full_text(table: &ClassTable, c: usize) -> String {
    let Some(column) = table.columns.get(c) else {
        return String::new();
    };
    let mut text = format!("Question {} ({})", c + 1, column.id);
    if let Some(prompt) = &column.prompt {
        text.push_str(": ");
        text.push_str(prompt);
    }
    if column.in_deck == Some(false) {
        text.push_str(" (not in the deck)");
    }
    text
}

/// A colour for an accuracy: the class gets it wrong, half right, or mostly right.
pub(super) fn accuracy_color(percent: f64, palette: &style::Palette) -> Color32 {
    if percent < 50.0 {
        palette.wrong
    } else if percent < 75.0 {
        palette.partial
    } else {
        palette.right
    }
}
