//! The class table as a grid: students down, questions across, the names fixed while the
//! questions scroll.

use eframe::egui::{self, RichText};

use crate::class::{ClassTable, percent_text, version_flag_text};
use crate::ui::style;

use super::text::{accuracy_color, count, full_text, short_text};

/// The most characters of a question's text in a column header (about three short lines).
const HEADER_CHARS: usize = 40;

/// The width of a question column of the table, in points.
const COLUMN_WIDTH: f32 = 116.0;

/// Students by questions, with each student's score and the class accuracy row. The names and
/// scores stay in place while the questions scroll sideways, so a wide deck stays readable.
pub(super) fn grid_ui(ui: &mut egui::Ui, table: &ClassTable, palette: &style::Palette) {
    ui.label(RichText::new("Students by question").strong());
    ui.add(
        egui::Label::new(
            RichText::new(
                "Each cell: the student's average score on the question (the number of \
                 answers). Score: the average of a student's cells. Last row: the class's \
                 average per question (the number of students).",
            )
            .small()
            .color(palette.weak),
        )
        .wrap(),
    );
    let version = table.deck.as_ref().and_then(|d| d.version);
    // Both halves have the same row heights, so their rows and stripes line up.
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
    // The header row is as tall as the tallest wrapped question header, measured the way the
    // label lays it out, so the students' half gets the very same height.
    let header_height = (0..table.columns.len())
        .map(|c| {
            let text = format!("Q{}. {}", c + 1, short_text(table, c, HEADER_CHARS));
            egui::WidgetText::from(RichText::new(text).small().strong())
                .into_galley(
                    ui,
                    Some(egui::TextWrapMode::Wrap),
                    COLUMN_WIDTH,
                    egui::TextStyle::Small,
                )
                .size()
                .y
        })
        .fold(ui.text_style_height(&egui::TextStyle::Body), f32::max)
        .ceil();
    let spacing = egui::vec2(14.0, 6.0);
    ui.horizontal_top(|ui| {
        ui.spacing_mut().item_spacing.x = 0.0;
        egui::Grid::new("class-grid-students")
            .striped(true)
            .min_row_height(row_height)
            .spacing(spacing)
            .show(ui, |ui| {
                for (text, hover) in [
                    ("Student", "The student's profile name"),
                    (
                        "Score",
                        "The average of the student's cells: each question counts once",
                    ),
                    ("Questions", "How many questions the student answered"),
                ] {
                    header_cell(
                        ui,
                        header_height,
                        RichText::new(text).strong(),
                        hover,
                        false,
                    );
                }
                ui.end_row();
                for student in &table.students {
                    let score = percent_text(student.score_percent);
                    match version_flag_text(&student.version_flags, version) {
                        Some(flag) => {
                            ui.horizontal(|ui| {
                                ui.spacing_mut().item_spacing.x = 6.0;
                                ui.label(&student.name);
                                let versions: Vec<String> = student
                                    .version_flags
                                    .iter()
                                    .map(|f| {
                                        f.answered
                                            .map_or_else(|| "unknown".to_owned(), |v| v.to_string())
                                    })
                                    .collect();
                                let mark = ui.label(
                                    RichText::new(format!("(version {})", versions.join(", ")))
                                        .small()
                                        .color(palette.partial),
                                );
                                named(&mark, &format!("{}: {flag}", student.name));
                                mark.on_hover_text(format!("{flag}; still counted"));
                            });
                        }
                        None => {
                            ui.label(&student.name);
                        }
                    }
                    let shown = ui.label(format!("{score}%"));
                    named(&shown, &format!("{}: score {score}%", student.name));
                    ui.label(student.questions_answered.to_string());
                    ui.end_row();
                }
                ui.label(RichText::new("Class accuracy").strong());
                let class_score = table
                    .class_score_percent
                    .map_or_else(String::new, |p| format!("{}%", percent_text(p)));
                let shown = ui.label(RichText::new(&class_score).strong());
                named(&shown, &format!("Class score: {class_score}"));
                ui.label(table.accuracy.iter().flatten().count().to_string());
                ui.end_row();
            });
        ui.add_space(spacing.x);
        egui::ScrollArea::horizontal()
            .id_salt("class-table")
            .auto_shrink([false, true])
            .show(ui, |ui| {
                questions_grid_ui(ui, table, palette, row_height, header_height, spacing);
                // Room for the scroll bar, so it never covers the class row.
                ui.add_space(style::space::M);
            });
    });
}

/// The question columns of the table.
pub(super) fn questions_grid_ui(
    ui: &mut egui::Ui,
    table: &ClassTable,
    palette: &style::Palette,
    row_height: f32,
    header_height: f32,
    spacing: egui::Vec2,
) {
    egui::Grid::new("class-grid-questions")
        .striped(true)
        .min_row_height(row_height)
        .min_col_width(COLUMN_WIDTH)
        .max_col_width(COLUMN_WIDTH)
        .spacing(spacing)
        .show(ui, |ui| {
            for c in 0..table.columns.len() {
                let text = format!("Q{}. {}", c + 1, short_text(table, c, HEADER_CHARS));
                let header = header_cell(
                    ui,
                    header_height,
                    RichText::new(text).small().strong(),
                    &full_text(table, c),
                    true,
                );
                named(&header, &full_text(table, c));
            }
            ui.end_row();
            for student in &table.students {
                for (c, cell) in student.cells.iter().enumerate() {
                    let Some(cell) = cell else {
                        ui.label("");
                        continue;
                    };
                    let percent = percent_text(cell.percent);
                    let shown = ui.label(
                        RichText::new(format!("{percent}% ({})", cell.answers))
                            .color(accuracy_color(cell.percent, palette)),
                    );
                    let id = table.columns.get(c).map_or("", |col| col.id.as_str());
                    let text = format!(
                        "{}, {id}: {percent}% ({})",
                        student.name,
                        count(cell.answers, "answer", "answers")
                    );
                    named(&shown, &text);
                    shown.on_hover_text(text);
                }
                ui.end_row();
            }
            for (c, accuracy) in table.accuracy.iter().enumerate() {
                let Some(accuracy) = accuracy else {
                    ui.label("");
                    continue;
                };
                let percent = percent_text(accuracy.percent);
                let shown = ui.label(
                    RichText::new(format!("{percent}% ({})", accuracy.students))
                        .strong()
                        .color(accuracy_color(accuracy.percent, palette)),
                );
                let id = table.columns.get(c).map_or("", |col| col.id.as_str());
                let text = format!(
                    "Class accuracy, {id}: {percent}% ({})",
                    count(accuracy.students, "student", "students")
                );
                named(&shown, &text);
                shown.on_hover_text(text);
            }
            ui.end_row();
        });
}

/// A header cell of a fixed height (so both halves of the table line up), text at the bottom;
/// `wrap` wraps it to a question column's width.
pub(super) fn header_cell(
    ui: &mut egui::Ui,
    height: f32,
    text: RichText,
    hover: &str,
    wrap: bool,
) -> egui::Response {
    let label = if wrap {
        egui::Label::new(text).wrap()
    } else {
        egui::Label::new(text).extend()
    };
    ui.allocate_ui_with_layout(
        egui::vec2(COLUMN_WIDTH, height),
        egui::Layout::bottom_up(egui::Align::Min),
        |ui| {
            ui.set_min_height(height);
            ui.add(label)
        },
    )
    .inner
    .on_hover_text(hover)
}

/// Gives a label a fuller name for screen readers (and tests) than the text it shows.
pub(super) fn named(response: &egui::Response, name: &str) {
    response.widget_info(|| egui::WidgetInfo::labeled(egui::accesskit::Role::Label, true, name));
}
