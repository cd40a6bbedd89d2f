//! The library: every deck with its scores, and the decks that failed to load with why.

use eframe::egui::{self, RichText};

use crate::app::{
    App, Command, EditorCommand, LibraryCommand, LibraryEntry, LibraryPanel, Origin,
    PresentCommand, ProgressCommand, QuizCommand, Screen, StudyCommand,
};

use super::header::{self, Header};
use super::widgets::{PathRow, path_row};
use super::{keys, style};

/// The library screen's widget state.
#[derive(Default)]
pub(crate) struct LibraryView {
    /// The path typed in "Open deck…".
    open_deck_path: String,
    /// The path typed in "Import…".
    pub(crate) import_path: String,
}

/// The library screen.
pub(crate) fn library_ui(
    ui: &mut egui::Ui,
    app: &App,
    view: &mut LibraryView,
    commands: &mut Vec<Command>,
) {
    let palette = style::palette(app.prefs().theme);
    let panel = app.library_panel();
    // A closed panel starts empty when it opens again.
    if panel != Some(LibraryPanel::OpenDeck) {
        view.open_deck_path.clear();
    }
    if panel != Some(LibraryPanel::Import) {
        view.import_path.clear();
    }
    let toggle = |wanted: LibraryPanel| {
        Command::Library(LibraryCommand::ShowPanel(
            (panel != Some(wanted)).then_some(wanted),
        ))
    };
    style::page(ui, |ui| {
        let studying = app
            .profile()
            .map(|profile| format!("Studying as {}", profile.name));
        let mut header = Header::new("Library");
        if let Some(studying) = &studying {
            header = header.context(studying);
        }
        header::header(ui, header, |_| {});
        // Everything else the library offers, quietly: the decks below are what to start with.
        ui.horizontal_wrapped(|ui| {
            if ui.add(style::quiet_button("Switch profile")).clicked() {
                commands.push(Command::Go(Screen::Profiles));
            }
            if ui.add(style::quiet_button("Settings")).clicked() {
                commands.push(Command::Go(Screen::Settings));
            }
            if ui
                .add(style::quiet_button("Progress"))
                .on_hover_text("Your scores over time, hardest questions, study days and flashcards")
                .clicked()
            {
                commands.push(Command::Progress(ProgressCommand::Open(
                    crate::stats::Scope::All,
                )));
            }
            if ui
                .add(style::quiet_button("New deck"))
                .on_hover_text("Write a new deck in the editor")
                .clicked()
            {
                commands.push(Command::Editor(EditorCommand::Open(None)));
            }
            if ui
                .add(style::quiet_button("Import…"))
                .on_hover_text("Make a deck from Quizlet, a CSV file or Kahoot")
                .clicked()
            {
                commands.push(toggle(LibraryPanel::Import));
            }
            if ui.add(style::quiet_button("Open deck…")).clicked() {
                commands.push(toggle(LibraryPanel::OpenDeck));
            }
            if ui
                .add(style::quiet_button("Class results"))
                .on_hover_text(
                    "For teachers: read students' results files and see which questions the class gets wrong",
                )
                .clicked()
            {
                commands.push(Command::Go(Screen::Class));
            }
            if ui
                .add(style::quiet_button("Reload decks"))
                .on_hover_text("Read every deck file again")
                .clicked()
            {
                commands.push(Command::Library(LibraryCommand::Reload));
            }
        });
        match panel {
            Some(LibraryPanel::OpenDeck) => open_deck_ui(ui, &mut view.open_deck_path, commands),
            Some(LibraryPanel::Import) => {
                super::import::import_ui(ui, app, &mut view.import_path, commands);
            }
            None => {}
        }
        for recovery in app.recovered() {
            egui::Frame::group(ui.style())
                .inner_margin(style::space::M)
                .show(ui, |ui| {
                    ui.label(
                        RichText::new("A new deck was being written when quizdesk stopped")
                            .strong()
                            .color(palette.partial),
                    );
                    ui.label(format!("Its autosaved copy is {}.", recovery.display()));
                    ui.horizontal(|ui| {
                        if ui.button("Open it in the editor").clicked() {
                            commands.push(Command::Editor(EditorCommand::OpenRecovered(
                                recovery.clone(),
                            )));
                        }
                        if ui.button("Delete it").clicked() {
                            commands.push(Command::Editor(EditorCommand::DiscardRecovered(
                                recovery.clone(),
                            )));
                        }
                    });
                });
        }
        ui.add_space(style::space::S);

        for entry in app.library() {
            egui::Frame::group(ui.style())
                .inner_margin(style::space::M)
                .show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    match &entry.deck {
                        Ok(deck) => {
                            let title = ui.label(RichText::new(deck.title()).heading());
                            style::heading_for_screen_readers(ui, &title, deck.title(), 2);
                            if !deck.description().is_empty() {
                                ui.add(egui::Label::new(deck.description()).wrap());
                            }
                            let mut facts = vec![format!("{} questions", deck.questions().len())];
                            if let Some(stats) = &entry.stats {
                                match (stats.scores.best_percent, stats.scores.last_percent) {
                                    (Some(best), Some(last)) => {
                                        facts.push(format!("best {best:.0}%"));
                                        facts.push(format!("last {last:.0}%"));
                                    }
                                    _ => facts.push("not taken yet".to_owned()),
                                }
                                facts.push(match stats.due_today {
                                    0 => "no cards due today".to_owned(),
                                    1 => "1 card due today".to_owned(),
                                    n => format!("{n} cards due today"),
                                });
                            }
                            facts.push(origin_text(entry));
                            ui.label(RichText::new(facts.join(" · ")).color(palette.weak));
                            ui.horizontal(|ui| {
                                let title = deck.title();
                                // One main action a deck: the quiz left half-way, else the cards
                                // due today if there are any, else a quiz.
                                let due = entry.stats.as_ref().map_or(0, |s| s.due_today);
                                let left = entry.stats.as_ref().and_then(|s| s.in_progress.as_ref());
                                if let Some(left) = left {
                                    let resume = ui
                                        .add(style::primary_button(
                                            ui,
                                            &format!("Continue ({} of {})", left.answered, left.total),
                                        ))
                                        .on_hover_text(format!(
                                            "Pick up the quiz you left after {} of {} questions",
                                            left.answered, left.total
                                        ));
                                    style::name_for_screen_readers(
                                        &resume,
                                        &format!(
                                            "Continue: {title}, {} of {} answered",
                                            left.answered, left.total
                                        ),
                                    );
                                    if resume.clicked() {
                                        commands.push(Command::Quiz(QuizCommand::Continue(entry.key())));
                                    }
                                }
                                let quiz_button = if due == 0 && left.is_none() {
                                    style::primary_button(ui, "Quiz")
                                } else {
                                    style::quiet_button("Quiz")
                                };
                                let quiz = ui.add(quiz_button).on_hover_text(if left.is_some() {
                                    format!("Start a new quiz on {title}")
                                } else {
                                    format!("Take a quiz on {title}")
                                });
                                style::name_for_screen_readers(&quiz, &format!("Quiz: {title}"));
                                if quiz.clicked() {
                                    commands.push(Command::Quiz(QuizCommand::SetUp(entry.key())));
                                }
                                let cards_button = if due > 0 && left.is_none() {
                                    style::primary_button(ui, &format!("Flashcards ({due} due)"))
                                } else {
                                    style::quiet_button("Flashcards")
                                };
                                let cards = ui
                                    .add(cards_button)
                                    .on_hover_text(format!("Study {title} as flashcards"));
                                style::name_for_screen_readers(
                                    &cards,
                                    &format!("Flashcards: {title}"),
                                );
                                if cards.clicked() {
                                    commands.push(Command::Study(StudyCommand::Start(entry.key())));
                                }
                                let progress = ui
                                    .add(style::quiet_button("Progress"))
                                    .on_hover_text(format!("Your scores and hardest questions in {title}"));
                                style::name_for_screen_readers(
                                    &progress,
                                    &format!("Progress: {title}"),
                                );
                                if progress.clicked() {
                                    commands.push(Command::Progress(ProgressCommand::Open(
                                        crate::stats::Scope::Deck(deck.id().as_str().to_owned()),
                                    )));
                                }
                                let present = ui
                                    .add(style::quiet_button("Present"))
                                    .on_hover_text("Show it to a room on a projector, one question at a time");
                                style::name_for_screen_readers(&present, &format!("Present: {title}"));
                                if present.clicked() {
                                    commands.push(Command::Present(PresentCommand::SetUp(
                                        entry.key(),
                                    )));
                                }
                                let edit_hint = if entry.origin == Origin::Bundled {
                                    "Edit a copy of this deck"
                                } else {
                                    "Edit this deck"
                                };
                                let edit = ui.add(style::quiet_button("Edit")).on_hover_text(edit_hint);
                                style::name_for_screen_readers(&edit, &format!("Edit: {title}"));
                                if edit.clicked() {
                                    commands.push(Command::Editor(EditorCommand::Open(Some(entry.key()))));
                                }
                            });
                        }
                        Err(report) => {
                            ui.label(
                                RichText::new(format!(
                                    "{} cannot be opened",
                                    entry.path.file_name().map_or_else(
                                        || entry.path.display().to_string(),
                                        |n| n.to_string_lossy().into_owned()
                                    )
                                ))
                                .heading()
                                .color(palette.wrong),
                            );
                            if entry.origin == Origin::UserFolder {
                                ui.label(
                                    RichText::new("Draft: not ready for learners yet")
                                        .strong()
                                        .color(palette.partial),
                                );
                            }
                            ui.label(format!(
                                "Fix the problems below in {} (with \"Edit\" or a text editor); the library updates by itself.",
                                entry.path.display()
                            ));
                            let rendered = rendered_report(ui.ctx(), &entry.path, report);
                            ui.add(
                                egui::Label::new(RichText::new(rendered.as_str()).monospace())
                                    .wrap(),
                            );
                            let name = entry.path.file_name().map_or_else(
                                || entry.path.display().to_string(),
                                |n| n.to_string_lossy().into_owned(),
                            );
                            let edit = ui.button("Edit").on_hover_text("Fix it in the editor");
                            style::name_for_screen_readers(&edit, &format!("Edit: {name}"));
                            if edit.clicked() {
                                commands.push(Command::Editor(EditorCommand::Open(Some(entry.key()))));
                            }
                        }
                    }
                });
        }
        ui.add_space(style::space::S);
        ui.label(
            RichText::new(format!(
                "Your own decks: put .ron files in {} and choose \"Reload decks\".",
                app.user_decks_dir().display()
            ))
            .color(palette.weak),
        );
        if keys::escape(ui) && panel == Some(LibraryPanel::OpenDeck) {
            commands.push(Command::Library(LibraryCommand::ShowPanel(None)));
        }
    });
}

fn origin_text(entry: &LibraryEntry) -> String {
    match entry.origin {
        Origin::Bundled => "comes with quizdesk".to_owned(),
        Origin::UserFolder | Origin::Opened => entry.path.display().to_string(),
    }
}

/// "Open deck…": type or paste the path of a deck file.
fn open_deck_ui(ui: &mut egui::Ui, typed: &mut String, commands: &mut Vec<Command>) {
    egui::Frame::group(ui.style())
        .inner_margin(style::space::M)
        .show(ui, |ui| {
            ui.label("Type or paste the full path of a deck file (.ron):");
            let row = path_row(
                ui,
                "Deck file:",
                "/home/me/decks/my-deck.ron",
                "Open",
                typed,
                true,
            );
            match row {
                PathRow::Submitted(path) => {
                    commands.push(Command::Library(LibraryCommand::OpenDeckFile(path)));
                }
                PathRow::Cancelled => {
                    commands.push(Command::Library(LibraryCommand::ShowPanel(None)));
                }
                PathRow::Typing => {}
            }
        });
}

/// How many of a broken deck's problems the library shows (`quizdesk check` lists them all).
const SHOWN_PROBLEMS: usize = 20;

/// A broken deck's report as the library shows it: rendered once per report (kept in egui's
/// memory), not on every frame, since the file behind it may be large.
fn rendered_report(
    ctx: &egui::Context,
    path: &std::path::Path,
    report: &crate::deck::Report,
) -> std::sync::Arc<String> {
    // The report changes only when its file is read again; its problems and the text's length
    // tell one reading from the next.
    let key = egui::Id::unique((
        "deck-report",
        path,
        report.text.as_ref().map(String::len),
        &report
            .diagnostics
            .iter()
            .map(|d| (d.span.start, d.problem.code()))
            .collect::<Vec<_>>(),
    ));
    if let Some(rendered) = ctx.data(|d| d.get_temp::<std::sync::Arc<String>>(key)) {
        return rendered;
    }
    let rendered = std::sync::Arc::new(report.render_first(SHOWN_PROBLEMS));
    ctx.data_mut(|d| d.insert_temp(key, rendered.clone()));
    rendered
}
