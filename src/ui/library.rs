//! The library: every deck with its scores, found with a search box and sorted as the learner
//! chooses, the decks that need the learner today first; and the decks that failed to load
//! with why.

use eframe::egui::{self, RichText};

use crate::app::{
    App, Command, EditorCommand, LibraryCommand, LibraryEntry, LibraryPanel, Origin,
    ProgressCommand, Screen,
};

use super::header::{self, Header};
use super::widgets::{PathRow, path_row};
use super::{keys, style};

mod row;

/// The library screen's widget state.
#[derive(Default)]
pub(crate) struct LibraryView {
    /// The path typed in "Open deck…".
    open_deck_path: String,
    /// The path typed in "Import…".
    pub(crate) import_path: String,
    /// The words typed in the search box.
    search: String,
    /// `/` put the keyboard in the search box and its text has not come yet (it is not typed).
    slash_pending: bool,
    /// The Print dialog's fields.
    print: super::print::PrintView,
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

        search_ui(ui, app, view, commands);
        // Folded and matched once a frame, for the count and the list alike.
        let search = crate::app::LibrarySearch::new(&view.search);
        let shown = app.shown_library(&search);
        counts_ui(ui, app, &search, &shown);
        ui.add_space(style::space::S);
        if shown.is_empty() && !search.is_empty() {
            ui.label(
                RichText::new(format!("No deck matches \"{}\".", view.search.trim()))
                    .color(palette.weak),
            );
        }
        let gap = style::space::XS;
        for entry in &shown {
            match &entry.deck {
                Ok(deck) => {
                    row::deck_row(ui, entry, deck, &palette, commands);
                    ui.add_space(gap);
                }
                Err(report) => broken_ui(ui, entry, report, &palette, commands),
            }
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
    super::print::print_ui(ui, app, &mut view.print, commands);
}

/// A deck file that did not load: its name, what is wrong (the first problems, placed) and a
/// way to fix it.
fn broken_ui(
    ui: &mut egui::Ui,
    entry: &LibraryEntry,
    report: &crate::deck::Report,
    palette: &style::Palette,
    commands: &mut Vec<Command>,
) {
    egui::Frame::group(ui.style())
        .inner_margin(style::space::M)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            let name = entry.path.file_name().map_or_else(
                || entry.path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            ui.label(
                RichText::new(format!("{name} cannot be opened"))
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
            ui.add(egui::Label::new(RichText::new(rendered.as_str()).monospace()).wrap());
            let edit = ui.button("Edit").on_hover_text("Fix it in the editor");
            style::name_for_screen_readers(&edit, &format!("Edit: {name}"));
            if edit.clicked() {
                commands.push(Command::Editor(EditorCommand::Open(Some(entry.key()))));
            }
            if report
                .diagnostics
                .iter()
                .any(|d| d.problem.code() == "wrong-quotes")
            {
                let fix = ui.button("Fix quotes").on_hover_text(format!(
                    "Put every text in straight double quotes, as a deck needs; quotes inside texts stay. The file as it is now is kept as {name}.bak"
                ));
                style::name_for_screen_readers(&fix, &format!("Fix quotes: {name}"));
                if fix.clicked() {
                    commands.push(Command::Editor(EditorCommand::FixQuotes(entry.key())));
                }
            }
        });
    ui.add_space(style::space::XS);
}

/// The search box and the sort. `/` or Ctrl+F puts the keyboard in the search box; Esc there
/// clears it.
fn search_ui(ui: &mut egui::Ui, app: &App, view: &mut LibraryView, commands: &mut Vec<Command>) {
    // Asked before the box is drawn: once it has the keyboard, `/` is text.
    let slash = !keys::typing(ui)
        && ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Slash));
    let ctrl_f = !keys::typing(ui)
        && ui.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::F));
    view.slash_pending |= slash;
    if view.slash_pending {
        // The `/` that asked for the box is not typed into it. Its text comes with its key, or
        // (on some systems, and in tests) in a later frame; any other key or text first means
        // it is not coming.
        view.slash_pending = ui.input_mut(|i| {
            let before = i.events.len();
            i.events
                .retain(|e| !matches!(e, egui::Event::Text(t) if t == "/"));
            let other = i.events.iter().any(|e| {
                matches!(e, egui::Event::Text(_) | egui::Event::Paste(_))
                    || matches!(e, egui::Event::Key { pressed: true, key, .. } if *key != egui::Key::Slash)
            });
            i.events.len() == before && !other
        });
    }
    style::row(ui, |ui| {
        let label = ui.label("Search:");
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut view.search)
                    .hint_text("title, description or tag  ( / )")
                    .desired_width(320.0),
            )
            .labelled_by(label.id);
        if slash || ctrl_f {
            field.request_focus();
        }
        // egui gives the keyboard up on Esc; the box is emptied as it does.
        if (field.has_focus() || field.lost_focus())
            && ui.input(|i| i.key_pressed(egui::Key::Escape))
        {
            view.search.clear();
        }
        ui.add_space(style::space::M);
        let sort_label = ui.label("Sort by:");
        let sort = app.prefs().library_sort;
        egui::ComboBox::from_id_salt("library-sort")
            .selected_text(sort.label())
            .show_ui(ui, |ui| {
                for choice in crate::app::LibrarySort::ALL {
                    if ui
                        .selectable_label(choice == sort, choice.label())
                        .clicked()
                        && choice != sort
                    {
                        commands.push(Command::Library(LibraryCommand::Sort(choice)));
                    }
                }
            })
            .response
            .labelled_by(sort_label.id);
        // Last, so the sort does not move as the box fills.
        if !view.search.is_empty()
            && ui
                .add(style::quiet_button("Clear search"))
                .on_hover_text("Show every deck (Esc in the search box)")
                .clicked()
        {
            view.search.clear();
        }
    });
}

/// How many decks there are (and how many the search finds), how many are for today, how many
/// files cannot be opened, and the decks still being read.
fn counts_ui(
    ui: &mut egui::Ui,
    app: &App,
    search: &crate::app::LibrarySearch,
    shown: &[&LibraryEntry],
) {
    let palette = style::palette(app.prefs().theme);
    let decks = app.library().iter().filter(|e| e.deck.is_ok()).count();
    let broken = app.library().len() - decks;
    let today = app
        .library()
        .iter()
        .filter(|e| crate::app::needs_learner(e))
        .count();
    let mut facts = vec![match decks {
        1 => "1 deck".to_owned(),
        n => format!("{n} decks"),
    }];
    if !search.is_empty() {
        let found = shown.iter().filter(|e| e.deck.is_ok()).count();
        facts[0] = format!("{found} of {}", facts[0]);
    }
    if today > 0 {
        facts.push(format!("{today} for today (listed first)"));
    }
    if broken > 0 {
        facts.push(match broken {
            1 => "1 file cannot be opened (at the end)".to_owned(),
            n => format!("{n} files cannot be opened (at the end)"),
        });
    }
    ui.horizontal(|ui| {
        if let Some((arrived, found)) = app.library_loading() {
            ui.add(egui::Spinner::new());
            ui.label(
                RichText::new(match found {
                    Some(found) => format!("Reading your decks: {arrived} of {found}"),
                    None => "Looking for your decks".to_owned(),
                })
                .color(palette.weak),
            );
        }
        ui.label(RichText::new(facts.join(" · ")).color(palette.weak));
    });
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
