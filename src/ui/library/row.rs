//! One deck of the library as a compact row: its title and one line of facts on the left, its
//! actions on the right. Every row has the same height, so a library of a thousand decks draws
//! only the rows in view and next to it (the others only take their space).

use eframe::egui::{self, RichText};

use crate::app::{
    Command, EditorCommand, LibraryEntry, Origin, PresentCommand, PrintCommand, ProgressCommand,
    QuizCommand, StudyCommand,
};
use crate::deck::Deck;
use crate::ui::style::{self, Palette};

/// The height of a row: a title and a line of facts, with the frame's margins.
pub(super) fn height(ui: &egui::Ui) -> f32 {
    ui.text_style_height(&egui::TextStyle::Body)
        + ui.text_style_height(&egui::TextStyle::Small)
        + ui.spacing().item_spacing.y
        + 2.0 * style::space::S
}

/// Draws `entry`'s row (a loaded deck) in a space of [`height`]; off screen, only the space is
/// taken.
pub(super) fn deck_row(
    ui: &mut egui::Ui,
    entry: &LibraryEntry,
    deck: &Deck,
    palette: &Palette,
    commands: &mut Vec<Command>,
) {
    let (rect, _) = ui.allocate_exact_size(
        egui::vec2(ui.available_width(), height(ui)),
        egui::Sense::hover(),
    );
    // Two rows past each edge are drawn too, so Tab from the last row in view reaches the
    // next one (egui then scrolls it into view, and the rows after it are drawn).
    let near_view = ui.clip_rect().expand2(egui::vec2(0.0, 2.0 * rect.height()));
    if !near_view.intersects(rect) {
        return;
    }
    ui.painter()
        .rect_filled(rect, style::radius::M, palette.surface);
    let inner = rect.shrink2(egui::vec2(style::space::M, style::space::S));
    let mut row = ui.new_child(
        egui::UiBuilder::new()
            .max_rect(inner)
            .layout(egui::Layout::left_to_right(egui::Align::Center)),
    );
    row.push_id(entry.key(), |ui| {
        let actions = actions(entry, deck);
        let actions_width = actions_width(ui, &actions);
        let text_width = (inner.width() - actions_width).max(inner.width() * 0.3);
        ui.allocate_ui_with_layout(
            egui::vec2(text_width, inner.height()),
            egui::Layout::top_down(egui::Align::Min),
            |ui| {
                ui.set_width(text_width);
                let title = ui.add(
                    egui::Label::new(RichText::new(deck.title()).strong())
                        .truncate()
                        .selectable(false),
                );
                style::heading_for_screen_readers(ui, &title, deck.title(), 2);
                if !deck.description().is_empty() {
                    title.on_hover_text(deck.description());
                }
                let facts = ui.add(
                    egui::Label::new(
                        RichText::new(facts(entry, deck))
                            .small()
                            .color(palette.weak),
                    )
                    .truncate(),
                );
                if entry.origin != Origin::Bundled {
                    facts.on_hover_text(entry.path.display().to_string());
                }
            },
        );
        for action in actions {
            action.ui(ui, commands);
        }
    });
}

/// One button of a row.
struct Action {
    text: String,
    /// What a screen reader hears: the action and the deck.
    name: String,
    hover: String,
    primary: bool,
    command: Command,
}

impl Action {
    fn ui(self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        let button = if self.primary {
            style::primary_button(ui, &self.text)
        } else {
            style::quiet_button(&self.text)
        };
        let response = ui.add(button).on_hover_text(self.hover);
        style::name_for_screen_readers(&response, &self.name);
        if response.gained_focus() {
            // egui does not follow the keyboard by itself: a row reached with Tab comes into
            // view, at once.
            response.scroll_to_me_animation(None, egui::style::ScrollAnimation::none());
        }
        if response.clicked() {
            commands.push(self.command);
        }
    }

    /// The button's width as drawn: its text and the button's padding.
    fn width(&self, ui: &egui::Ui) -> f32 {
        // The same text styles as `style::primary_button` (strong body) and
        // `style::quiet_button` (small).
        let text = if self.primary {
            RichText::new(&self.text).strong()
        } else {
            RichText::new(&self.text).small()
        };
        let galley = egui::WidgetText::from(text).into_galley(
            ui,
            Some(egui::TextWrapMode::Extend),
            f32::INFINITY,
            egui::TextStyle::Button,
        );
        galley.size().x + 2.0 * ui.spacing().button_padding.x
    }
}

/// The width the row's buttons take, laid out as they will be drawn.
fn actions_width(ui: &egui::Ui, actions: &[Action]) -> f32 {
    let spacing = ui.spacing().item_spacing.x;
    actions.iter().map(|a| a.width(ui) + spacing).sum()
}

/// The deck's actions: one main action (the quiz left half-way, else the cards due today if
/// there are any, else a quiz), the others quiet.
fn actions(entry: &LibraryEntry, deck: &Deck) -> Vec<Action> {
    let title = deck.title();
    let key = entry.key();
    let due = entry.stats.as_ref().map_or(0, |s| s.due_today);
    let left = entry.stats.as_ref().and_then(|s| s.in_progress.as_ref());
    let mut actions = Vec::with_capacity(6);
    if let Some(left) = left {
        actions.push(Action {
            text: format!("Continue ({} of {})", left.answered, left.total),
            name: format!(
                "Continue: {title}, {} of {} answered",
                left.answered, left.total
            ),
            hover: format!(
                "Pick up the quiz you left after {} of {} questions",
                left.answered, left.total
            ),
            primary: true,
            command: Command::Quiz(QuizCommand::Continue(key.clone())),
        });
    }
    actions.push(Action {
        text: "Quiz".to_owned(),
        name: format!("Quiz: {title}"),
        hover: if left.is_some() {
            format!("Start a new quiz on {title}")
        } else {
            format!("Take a quiz on {title}")
        },
        primary: due == 0 && left.is_none(),
        command: Command::Quiz(QuizCommand::SetUp(key.clone())),
    });
    let cards_primary = due > 0 && left.is_none();
    actions.push(Action {
        text: if cards_primary {
            format!("Flashcards ({due} due)")
        } else {
            "Flashcards".to_owned()
        },
        name: format!("Flashcards: {title}"),
        hover: format!("Study {title} as flashcards"),
        primary: cards_primary,
        command: Command::Study(StudyCommand::Start(key.clone())),
    });
    actions.push(Action {
        text: "Progress".to_owned(),
        name: format!("Progress: {title}"),
        hover: format!("Your scores and hardest questions in {title}"),
        primary: false,
        command: Command::Progress(ProgressCommand::Open(crate::stats::Scope::Deck(
            deck.id().as_str().to_owned(),
        ))),
    });
    actions.push(Action {
        text: "Present".to_owned(),
        name: format!("Present: {title}"),
        hover: "Show it to a room on a projector, one question at a time".to_owned(),
        primary: false,
        command: Command::Present(PresentCommand::SetUp(key.clone())),
    });
    actions.push(Action {
        text: "Print…".to_owned(),
        name: format!("Print: {title}"),
        hover: "A worksheet, its answer key, flashcards to cut out or a handout, as a PDF"
            .to_owned(),
        primary: false,
        command: Command::Print(PrintCommand::Open(key.clone())),
    });
    actions.push(Action {
        text: "Edit".to_owned(),
        name: format!("Edit: {title}"),
        hover: if entry.origin == Origin::Bundled {
            "Edit a copy of this deck".to_owned()
        } else {
            "Edit this deck".to_owned()
        },
        primary: false,
        command: Command::Editor(EditorCommand::Open(Some(key))),
    });
    actions
}

/// The row's line of facts: questions, scores, cards due, when it was last studied, where it
/// comes from.
fn facts(entry: &LibraryEntry, deck: &Deck) -> String {
    let mut facts = vec![match deck.questions().len() {
        1 => "1 question".to_owned(),
        n => format!("{n} questions"),
    }];
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
        if let Some(days) = stats.studied_days_ago {
            facts.push(studied(days));
        }
    }
    // The whole path is the line's hover text; the name is what tells decks apart.
    let name = || {
        entry.path.file_name().map_or_else(
            || entry.path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    };
    facts.push(match entry.origin {
        Origin::Bundled => "comes with quizdesk".to_owned(),
        Origin::UserFolder => format!("{} in your decks", name()),
        Origin::Opened => entry.path.display().to_string(),
    });
    facts.join(" · ")
}

/// "studied today", "studied yesterday", "studied 3 days ago".
fn studied(days_ago: i64) -> String {
    match days_ago {
        // A clock set back shows today, not a negative count.
        ..=0 => "studied today".to_owned(),
        1 => "studied yesterday".to_owned(),
        days => format!("studied {days} days ago"),
    }
}

#[cfg(test)]
mod tests {
    use super::studied;

    #[test]
    fn last_studied_is_said_in_days() {
        assert_eq!(studied(0), "studied today");
        assert_eq!(studied(1), "studied yesterday");
        assert_eq!(studied(3), "studied 3 days ago");
        assert_eq!(studied(-1), "studied today");
    }
}
