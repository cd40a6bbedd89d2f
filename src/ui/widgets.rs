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
                    // Room left for the buttons, in a narrow window too.
                    .desired_width((ui.available_width() - 220.0).clamp(160.0, 420.0)),
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

/// A deck's picture at `uri`, at most `max` in size (a photo is never enlarged past its own
/// size; a drawing, which scales cleanly, fills `max`), with `alt` as what a screen reader
/// says. While it loads, a spinner; if it cannot be shown, the alt text in a frame, so the
/// question still reads.
pub fn picture(ui: &mut egui::Ui, uri: &str, alt: &str, max: egui::Vec2) {
    // Sized from the picture and `max` alone: the space left in a row of pictures is only a
    // line high.
    let image = egui::Image::new(uri.to_owned()).alt_text(alt);
    let image = if uri.to_ascii_lowercase().ends_with(".svg") {
        image.fit_to_exact_size(max)
    } else {
        image.fit_to_original_size(1.0)
    }
    .max_size(max)
    .maintain_aspect_ratio(true);
    match image.load_for_size(ui.ctx(), max) {
        Err(e) => {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.label(format!("Picture: {alt}"))
                    .on_hover_text(format!("The picture could not be shown: {e}"));
            });
        }
        Ok(_) => {
            ui.add(image);
        }
    }
}
