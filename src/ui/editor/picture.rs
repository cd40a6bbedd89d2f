//! The editor's picture fields: a question's picture and its options' pictures, each with its
//! required alt text; a picture is added by typing or pasting its path, or by dropping the file
//! on the window, and the app copies it beside the deck.

use std::path::PathBuf;

use eframe::egui::{self, RichText};

use crate::app::{Command, EditorCommand};
use crate::deck::{PathProblem, raw};
use crate::ui::widgets::{self, PathRow};

use super::fields::{field_problems, named_button};

/// Finds the address of a picture file of the deck being edited (`None` for a deck not saved
/// yet, which has no folder).
pub(super) type Resolve<'a> = &'a dyn Fn(&str) -> Option<String>;

/// Which picture the path field adds, and what is typed in it.
#[derive(Default)]
pub(crate) struct PicturePick {
    /// An option's picture is being chosen (its place); the question's otherwise.
    pub(super) option: Option<usize>,
    /// The path typed.
    pub(super) path: String,
}

/// A picture already there: its file, a small copy, its alt text and a Remove button. Says
/// whether Remove was pressed.
pub(super) fn picture_fields_ui(
    ui: &mut egui::Ui,
    (image, name): (&mut raw::Image, &str),
    resolve: Resolve<'_>,
    (problems, path, error_color): (&[PathProblem], &str, egui::Color32),
) -> bool {
    let mut remove = false;
    ui.horizontal(|ui| {
        if let Some(uri) = resolve(&image.file) {
            widgets::picture(ui, &uri, &image.alt, egui::vec2(120.0, 90.0));
        }
        ui.vertical(|ui| {
            ui.label(RichText::new(format!("{name}: {}", image.file)).weak());
            // The label above the field: beside it, a long label leaves the field no room.
            let label =
                ui.label("Alt text (what the picture shows, for people who cannot see it):");
            ui.add(egui::TextEdit::singleline(&mut image.alt).desired_width(ui.available_width()))
                .labelled_by(label.id);
            remove = named_button(
                ui,
                "Remove picture",
                &format!("Remove {}", name.to_lowercase()),
            );
        });
    });
    field_problems(ui, problems, path, error_color);
    remove
}

/// The field that adds a picture to question `question` (or to the option `pick.option`).
pub(super) fn add_picture_ui(
    ui: &mut egui::Ui,
    question: usize,
    pick: &mut PicturePick,
    commands: &mut Vec<Command>,
) {
    let target = match pick.option {
        Some(j) => format!("Picture for option {}:", j + 1),
        None => "Add a picture:".to_owned(),
    };
    match widgets::path_row(
        ui,
        &target,
        "a .png, .jpg, .webp or .svg file, or drop one on the window",
        "Add picture",
        &mut pick.path,
        pick.option.is_some(),
    ) {
        PathRow::Typing => {}
        PathRow::Submitted(from) => {
            commands.push(add(question, pick.option, from));
            *pick = PicturePick::default();
        }
        PathRow::Cancelled => *pick = PicturePick::default(),
    }
}

/// What a picture dropped on the window (or typed) asks of the app.
pub(super) fn add(question: usize, option: Option<usize>, from: PathBuf) -> Command {
    Command::Editor(EditorCommand::AddPicture {
        question,
        option,
        from,
    })
}
