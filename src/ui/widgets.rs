//! Widgets more than one screen draws.

use std::path::PathBuf;

use eframe::egui;

use super::{keys, style};

/// What a [`path_row`] gave in this frame.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PathRow {
    /// Nothing yet.
    Typing,
    /// The path typed, trimmed, with the button or Enter.
    Submitted(PathBuf),
    /// "Cancel" was pressed.
    Cancelled,
}

/// A labelled field to type or paste a path into, a button (`action`, also Enter) that takes
/// it, and, with `cancel`, a Cancel button.
pub fn path_row(
    ui: &mut egui::Ui,
    label: &str,
    hint: &str,
    action: &str,
    text: &mut String,
    cancel: bool,
) -> PathRow {
    style::row(ui, |ui| {
        let label = ui.label(label);
        let field = ui
            .add(
                egui::TextEdit::singleline(text)
                    .hint_text(hint)
                    .desired_width(420.0),
            )
            .labelled_by(label.id);
        let path = text.trim().to_owned();
        let take = ui.add_enabled(!path.is_empty(), style::key_button(action, "Enter"));
        let mut row = PathRow::Typing;
        if (take.clicked() || (field.lost_focus() && keys::enter(ui))) && !path.is_empty() {
            row = PathRow::Submitted(path.into());
        }
        if cancel && ui.button("Cancel").clicked() {
            row = PathRow::Cancelled;
        }
        row
    })
}
