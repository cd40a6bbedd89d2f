//! Class results: a teacher drops (or types the path of) students' results files and sees which
//! questions the class gets wrong, as a chart and as a table of students by questions, and
//! exports the table as CSV for a gradebook.
//!
//! Reading happens in the command handler, after the frame: 200 files take well under a second
//! (see `benches/class.rs`), so no worker thread is needed.

use eframe::egui::{self, Color32, RichText};
use egui_plot::{Bar, BarChart, GridMark};

use crate::class::{ClassTable, FileSummary, ResultsRead, percent_text, version_flag_text};

use crate::app::{App, ClassCommand, ClassFile, Command, Screen};

mod grid;
mod text;

use super::header::{self, Header};
use super::style;
use super::widgets::{PathRow, path_row};
use grid::grid_ui;
use text::{accuracy_color, count, full_text, short_text};

/// The Class results screen's widget state.
#[derive(Default)]
pub(crate) struct ClassView {
    /// The path being typed.
    path: String,
    /// Whether the chart shows every question, not only the hardest.
    chart_all: bool,
}

/// The height of the list of files before it scrolls, in points: about eight files.
const FILE_LIST_HEIGHT: f32 = 300.0;

/// The most characters of a question's text beside a bar of the chart.
const CHART_CHARS: usize = 34;

/// How many of the hardest questions the chart shows until "Show all" is pressed: enough to see
/// what to teach again, few enough to see at once.
const CHART_HARDEST: usize = 15;

/// The Class results screen.
pub(crate) fn class_ui(
    ui: &mut egui::Ui,
    app: &App,
    view: &mut ClassView,
    commands: &mut Vec<Command>,
) {
    let palette = style::palette(app.prefs().theme);
    let hovering = take_dropped_files(ui, commands);
    style::page(ui, |ui| {
        if header::header(ui, Header::new("Class results").back("Back"), |_| {}) {
            commands.push(Command::Go(Screen::Library));
        }
        ui.add(
            egui::Label::new(
                "Which questions does your class get wrong? Each student exports their results \
                 (the Export my results button, or quizdesk history --format json) and gives you \
                 the file. Add the files here: a file added twice, or two exports from the same \
                 computer, count each answer once.",
            )
            .wrap(),
        );
        ui.add_space(style::space::XS);
        drop_zone_ui(ui, hovering, &palette);
        add_path_ui(ui, &mut view.path, commands);
        files_ui(ui, app, commands, &palette);
        if let Some(table) = &app.class().table {
            table_header_ui(ui, app, table, commands, &palette);
            if table.deck.is_some() && !table.students.is_empty() {
                ui.add_space(style::space::S);
                chart_ui(ui, table, &mut view.chart_all, &palette);
                ui.add_space(style::space::S);
                grid_ui(ui, table, &palette);
            }
        }
    });
}

/// Turns files dropped on the window into commands; returns how many files are being dragged
/// over it, for the drop zone to light up.
fn take_dropped_files(ui: &egui::Ui, commands: &mut Vec<Command>) -> usize {
    let (dropped, hovering) =
        ui.input(|i| (i.raw.dropped_files.clone(), i.raw.hovered_files.len()));
    let mut paths = Vec::new();
    for file in dropped {
        let path = file.path();
        if !path.as_os_str().is_empty() {
            paths.push(path.to_owned());
            continue;
        }
        // No path (a platform that only hands over the contents): read them now, once.
        commands.push(Command::Class(ClassCommand::AddBytes(
            "dropped file".to_owned(),
            file.bytes(),
        )));
    }
    if !paths.is_empty() {
        commands.push(Command::Class(ClassCommand::AddPaths(paths)));
    }
    hovering
}

fn drop_zone_ui(ui: &mut egui::Ui, hovering: usize, palette: &style::Palette) {
    let stroke = if hovering > 0 {
        egui::Stroke::new(3.0, palette.right)
    } else {
        egui::Stroke::new(1.5, palette.weak)
    };
    egui::Frame::group(ui.style())
        .stroke(stroke)
        .inner_margin(egui::Margin::symmetric(16, 20))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.vertical_centered(|ui| {
                if hovering > 0 {
                    ui.label(
                        RichText::new(format!("Release to add {hovering} file(s)"))
                            .strong()
                            .color(palette.right),
                    );
                } else {
                    ui.label(RichText::new("Drop students' results files here").strong());
                }
                ui.label(
                    RichText::new(".json files from quizdesk, or a folder of them")
                        .color(palette.weak),
                );
            });
        });
}

fn add_path_ui(ui: &mut egui::Ui, typed: &mut String, commands: &mut Vec<Command>) {
    let row = path_row(
        ui,
        "Results file or folder:",
        "/home/me/class-3b/results",
        "Add files or folder",
        typed,
        false,
    );
    if let PathRow::Submitted(path) = row {
        commands.push(Command::Class(ClassCommand::AddPaths(vec![path])));
        typed.clear();
    }
}

/// The files read, each with what it brought or why it was skipped, and a remove button.
fn files_ui(ui: &mut egui::Ui, app: &App, commands: &mut Vec<Command>, palette: &style::Palette) {
    let files = &app.class().files;
    if files.is_empty() {
        return;
    }
    let skipped = files.iter().filter(|f| f.read.is_err()).count();
    ui.add_space(style::space::S);
    style::row(ui, |ui| {
        let text = if skipped == 0 {
            format!("Files read: {}", files.len())
        } else {
            format!("Files: {} read, {skipped} skipped", files.len() - skipped)
        };
        ui.label(RichText::new(text).strong());
        if ui
            .button("Clear")
            .on_hover_text("Take every file off the list")
            .clicked()
        {
            commands.push(Command::Class(ClassCommand::Clear));
        }
    });
    let summaries = app.class().table.as_ref().map(|t| t.files.as_slice());
    egui::Frame::group(ui.style()).show(ui, |ui| {
        egui::ScrollArea::vertical()
            .id_salt("class-files")
            .max_height(FILE_LIST_HEIGHT)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                let mut read_index = 0;
                for (n, file) in files.iter().enumerate() {
                    ui.horizontal(|ui| {
                        let remove = ui.small_button("Remove");
                        style::name_for_screen_readers(&remove, &format!("Remove {}", file.name));
                        if remove.clicked() {
                            commands.push(Command::Class(ClassCommand::Remove(n)));
                        }
                        let hover = file
                            .path
                            .as_ref()
                            .map_or_else(|| file.name.clone(), |p| p.display().to_string());
                        match &file.read {
                            Ok(read) => {
                                let summary = summaries.and_then(|s| s.get(read_index));
                                read_index += 1;
                                let (text, color) = file_text(file, read, summary, app, palette);
                                ui.add(egui::Label::new(RichText::new(text).color(color)).wrap())
                                    .on_hover_text(hover);
                            }
                            Err(error) => {
                                let at = error.position().map_or_else(String::new, |p| {
                                    format!("line {}, column {}: ", p.line, p.column)
                                });
                                ui.add(
                                    egui::Label::new(
                                        RichText::new(format!(
                                            "{}: skipped: {at}{error}",
                                            file.name
                                        ))
                                        .color(palette.wrong),
                                    )
                                    .wrap(),
                                )
                                .on_hover_text(hover);
                            }
                        }
                    });
                }
            });
    });
}

/// One read file in words: whose it is, how much it brought, and what to know about it.
fn file_text(
    file: &ClassFile,
    read: &ResultsRead,
    summary: Option<&FileSummary>,
    app: &App,
    palette: &style::Palette,
) -> (String, Color32) {
    let Some(summary) = summary else {
        return (file.name.clone(), Color32::PLACEHOLDER);
    };
    let students = if summary.students.is_empty() {
        "no sessions".to_owned()
    } else {
        summary.students.join(", ")
    };
    let mut parts = vec![format!(
        "{}: {students}; {} on this deck",
        file.name,
        count(summary.quiz_answers, "quiz answer", "quiz answers")
    )];
    let mut color = Color32::PLACEHOLDER;
    if summary.sessions > 0 && summary.duplicate_sessions == summary.sessions {
        parts.push(format!(
            "everything in it was already read from {}: counted once",
            earlier_names(app, &summary.duplicate_of)
        ));
        color = palette.weak;
    } else if summary.duplicate_sessions > 0 {
        parts.push(format!(
            "{} of its {} sessions were already read from {}: counted once",
            summary.duplicate_sessions,
            summary.sessions,
            earlier_names(app, &summary.duplicate_of)
        ));
    }
    let version = app
        .class()
        .table
        .as_ref()
        .and_then(|t| t.deck.as_ref())
        .and_then(|d| d.version);
    if let Some(flag) = version_flag_text(&summary.version_flags, version) {
        parts.push(format!("{flag}; still counted"));
        color = palette.partial;
    }
    if summary.other_deck_sessions > 0 {
        parts.push(format!(
            "{} on other decks",
            count(summary.other_deck_sessions, "session", "sessions")
        ));
    }
    parts.extend(read.warnings.iter().cloned());
    (parts.join("; "), color)
}

/// The names of the files read, by their index among the files read.
fn earlier_names(app: &App, indexes: &[usize]) -> String {
    let read: Vec<&ClassFile> = app
        .class()
        .files
        .iter()
        .filter(|f| f.read.is_ok())
        .collect();
    indexes
        .iter()
        .filter_map(|&i| read.get(i).map(|f| f.name.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The deck (with a choice when the files have several), the class's numbers, the notes, and
/// Export CSV.
fn table_header_ui(
    ui: &mut egui::Ui,
    app: &App,
    table: &ClassTable,
    commands: &mut Vec<Command>,
    palette: &style::Palette,
) {
    ui.add_space(style::space::S);
    let Some(deck) = &table.deck else {
        ui.label("These files hold no quiz answers (flashcard reviews are not counted).");
        return;
    };
    if table.decks.len() > 1 {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new("Deck:").strong());
            for found in &table.decks {
                let sessions = count(found.sessions, "session", "sessions");
                let text = format!("{} ({sessions})", found.title);
                let chosen = found.id == deck.id;
                let radio = ui.radio(chosen, text);
                style::name_for_screen_readers(
                    &radio,
                    &format!("Deck: {} ({})", found.title, found.id),
                );
                if radio.clicked() && !chosen {
                    commands.push(Command::Class(ClassCommand::ChooseDeck(Some(
                        found.id.to_string(),
                    ))));
                }
            }
        });
    }
    let version = deck
        .version
        .map_or_else(|| "version unknown".to_owned(), |v| format!("version {v}"));
    let source = if app.class().deck_in_library {
        "questions from your library"
    } else {
        "not in your library: questions by id, in the order answered"
    };
    ui.label(RichText::new(format!("{}, {version}", deck.title)).heading());
    ui.label(RichText::new(format!("{} ({source})", deck.id)).color(palette.weak));
    let class_score = table.class_score_percent.map_or_else(String::new, |p| {
        format!(", class score {}%", percent_text(p))
    });
    ui.label(
        RichText::new(format!(
            "{}, {} answered{class_score}",
            count(table.students.len(), "student", "students"),
            count(
                table.accuracy.iter().flatten().count(),
                "question",
                "questions"
            )
        ))
        .strong(),
    );
    let notes: Vec<String> = class_notes(table);
    for note in notes {
        ui.add(egui::Label::new(RichText::new(note).color(palette.partial)).wrap());
    }
    style::row(ui, |ui| {
        if ui
            .add_enabled(!table.students.is_empty(), egui::Button::new("Export CSV"))
            .on_hover_text("For a gradebook: one row per student and a class accuracy row")
            .clicked()
        {
            commands.push(Command::Class(ClassCommand::ExportCsv));
        }
    });
}

/// The table's notes that are not already beside a file in the list.
fn class_notes(table: &ClassTable) -> Vec<String> {
    let mut notes = Vec::new();
    let version = table.deck.as_ref().and_then(|d| d.version);
    if table.duplicate_sessions > 0 {
        notes.push(format!(
            "{} merged: each session and each answer is counted once.",
            count(
                table.duplicate_sessions,
                "duplicate session",
                "duplicate sessions"
            )
        ));
    }
    for student in &table.students {
        if let Some(flag) = version_flag_text(&student.version_flags, version) {
            notes.push(format!("{}: {flag}; still counted.", student.name));
        }
    }
    let missing: Vec<&str> = table
        .columns
        .iter()
        .filter(|c| c.in_deck == Some(false))
        .map(|c| c.id.as_str())
        .collect();
    if !missing.is_empty() {
        notes.push(format!(
            "Answered questions the deck does not have (last columns): {}.",
            missing.join(", ")
        ));
    }
    notes
}

/// Class accuracy per question as horizontal bars, the hardest at the top.
fn chart_ui(ui: &mut egui::Ui, table: &ClassTable, show_all: &mut bool, palette: &style::Palette) {
    let mut hardest = table.hardest();
    if hardest.is_empty() {
        return;
    }
    let answered = hardest.len();
    // A few more than the cut would leave a stub of a list behind "Show all": show them all.
    let long = answered > CHART_HARDEST + 5;
    if long && !*show_all {
        hardest.truncate(CHART_HARDEST);
    }
    style::row(ui, |ui| {
        let title = if hardest.len() < answered {
            format!(
                "Class accuracy: the {} hardest of {answered} questions",
                hardest.len()
            )
        } else {
            "Class accuracy per question, hardest first".to_owned()
        };
        ui.label(RichText::new(title).strong());
        if long {
            let text = if *show_all {
                format!("Show the {CHART_HARDEST} hardest")
            } else {
                format!("Show all {answered} questions")
            };
            if ui.button(text).clicked() {
                *show_all = !*show_all;
            }
        }
    });
    let worst: Vec<String> = hardest
        .iter()
        .take(3)
        .map(|(c, a)| {
            format!(
                "Q{}. {} ({}%)",
                c + 1,
                short_text(table, *c, CHART_CHARS),
                percent_text(a.percent)
            )
        })
        .collect();
    ui.label(format!("Hardest: {}", worst.join("; ")));
    let rows = hardest.len();
    // Hardest on top: the first row has the highest position on the y axis.
    let position = |rank: usize| (rows - 1 - rank) as f64;
    let labels: Vec<String> = hardest
        .iter()
        .map(|(c, _)| format!("Q{}. {}", c + 1, short_text(table, *c, CHART_CHARS)))
        .collect();
    let bars: Vec<Bar> = hardest
        .iter()
        .enumerate()
        .map(|(rank, (_, a))| {
            Bar::new(position(rank), a.percent)
                .width(0.7)
                .fill(accuracy_color(a.percent, palette))
        })
        .collect();
    let row_height = 26.0;
    let plot = style::fixed_plot(
        "class-accuracy",
        (rows as f32 * row_height + 50.0).max(120.0),
    )
    .include_x(0.0)
    .include_x(100.0)
    .include_y(-0.6)
    .include_y(rows as f64 - 0.4)
    .set_margin_fraction(egui::vec2(0.02, 0.0))
    .show_crosshair(false)
    .show_grid([true, false])
    .x_axis_label("Class accuracy (%)")
    .x_grid_spacer(|_| {
        (0..=4)
            .map(|quarter| GridMark {
                value: f64::from(quarter) * 25.0,
                step_size: 25.0,
            })
            .collect()
    })
    .x_axis_formatter(|mark, _| {
        if (0.0..=100.0).contains(&mark.value) {
            format!("{:.0}", mark.value)
        } else {
            String::new()
        }
    })
    .y_grid_spacer(move |_| {
        (0..rows)
            .map(|r| GridMark {
                value: r as f64,
                step_size: 1.0,
            })
            .collect()
    })
    .y_axis_formatter(move |mark, _| {
        let rank = rows as f64 - 1.0 - mark.value;
        if rank.fract().abs() > 1e-6 || rank < 0.0 {
            return String::new();
        }
        labels.get(rank as usize).cloned().unwrap_or_default()
    })
    .show(ui, |plot| {
        // The plot's own hover text is drawn inside the plot and clipped at its edges; a
        // tooltip (below) shows the whole question instead.
        plot.bar_chart(
            BarChart::new("Class accuracy", bars)
                .horizontal()
                .allow_hover(false),
        );
        plot.pointer_coordinate().and_then(|at| {
            let row = at.y.round();
            let rank = rows as f64 - 1.0 - row;
            ((at.y - row).abs() <= 0.4 && (0.0..rows as f64).contains(&rank))
                .then_some(rank as usize)
        })
    });
    let response = match plot.inner.and_then(|rank| hardest.get(rank)) {
        Some((c, a)) => plot.response.on_hover_text_at_pointer(format!(
            "{}\nClass accuracy {}% ({})",
            full_text(table, *c),
            percent_text(a.percent),
            count(a.students, "student", "students")
        )),
        None => plot.response,
    };
    ui.label(
        RichText::new("Red: under 50%. Amber: 50% to 75%. Green: 75% and over.")
            .small()
            .color(palette.weak),
    );
    let label = format!(
        "Class accuracy per question chart: {rows} of {answered} questions, hardest first: {}",
        worst.join("; ")
    );
    style::name_chart(&response, &label);
}
