//! Presenter mode: one question at a time on a projector, large type, reveal, explain, move on.
//!
//! Clickers send Right/Left/PageDown/PageUp/Space, so "next" first reveals the answer and then
//! moves on; R reveals, T starts or stops the countdown, B blanks the screen, F toggles full
//! screen, Esc leaves (pressed twice, or confirmed).

mod console;
mod live;

use eframe::egui::{self, Key, RichText};

use crate::app::{
    App, Command, LiveCommand, LiveSettings, LiveSnapshot, PresentCommand, PresentState, Screen,
    SetupCommand, Stage,
};
use crate::deck::Answer;
use crate::quiz::correct_answer_text;

use super::header::{self, Header};
use super::{keys, pictures, style};

/// The presenter's widget state.
pub(crate) struct PresentView {
    /// Shrinks the type when a long question would not fit the screen (1 = no shrinking).
    fit_scale: f32,
    /// The stage `fit_scale` was measured for.
    fit_stage: Option<Stage>,
    /// The show of hands being typed (right, out of), and the question it is for.
    tally: Option<(usize, (u32, u32))>,
    /// The port and the cap on phones being chosen, before the room answers on phones.
    live_settings: Option<LiveSettings>,
}

impl Default for PresentView {
    fn default() -> Self {
        Self {
            fit_scale: 1.0,
            fit_stage: None,
            tally: None,
            live_settings: None,
        }
    }
}

impl PresentView {
    /// The count being typed for question `n`, starting from the one saved.
    fn tally_for(&mut self, state: &PresentState, n: usize) -> &mut (u32, u32) {
        if self.tally.is_none_or(|(m, _)| m != n) {
            let saved = state.tallies.get(n).copied().flatten().unwrap_or((0, 0));
            self.tally = Some((n, saved));
        }
        let (_, draft) = self.tally.get_or_insert((n, (0, 0)));
        draft
    }
}

/// The presenter screen.
pub(crate) fn present_ui(
    ui: &mut egui::Ui,
    app: &App,
    view: &mut PresentView,
    commands: &mut Vec<Command>,
) {
    let Some(state) = app.presentation() else {
        commands.push(Command::Go(Screen::Library));
        return;
    };
    let now_s = ui.input(|i| i.time);
    let palette = style::palette(style::Theme::HighContrast);
    // Type scales with the window, so the back of the room can read it at 720p and 1080p, and
    // shrinks for a long question until it fits (measured on the previous frame).
    if view.fit_stage != Some(state.stage) {
        view.fit_stage = Some(state.stage);
        view.fit_scale = 1.0;
    }
    let available_height = ui.available_height();
    let unit = (available_height / 22.0 * view.fit_scale).clamp(10.0, 64.0);

    // Keys first: a clicker's buttons, then the facilitator's letters.
    let typing = keys::typing(ui);
    let pressed = |ui: &egui::Ui, key: Key| !typing && ui.input(|i| i.key_pressed(key));
    if state.confirm_leave {
        if keys::escape(ui) || keys::enter(ui) {
            commands.push(Command::Present(PresentCommand::Leave));
        } else if ui.input(|i| {
            i.events
                .iter()
                .any(|e| matches!(e, egui::Event::Key { pressed: true, .. }))
        }) {
            commands.push(Command::Present(PresentCommand::AskLeave(false)));
        }
    } else if keys::escape(ui) {
        commands.push(Command::Present(PresentCommand::AskLeave(true)));
    } else if [Key::ArrowRight, Key::PageDown, Key::Space]
        .iter()
        .any(|k| pressed(ui, *k))
    {
        commands.push(Command::Present(PresentCommand::Go(state.next_stage())));
    } else if [Key::ArrowLeft, Key::PageUp]
        .iter()
        .any(|k| pressed(ui, *k))
    {
        commands.push(Command::Present(PresentCommand::Go(state.previous_stage())));
    } else if pressed(ui, Key::R)
        && let Stage::Question { n, revealed } = state.stage
    {
        commands.push(Command::Present(PresentCommand::Go(Stage::Question {
            n,
            revealed: !revealed,
        })));
    } else if pressed(ui, Key::B) {
        commands.push(Command::Present(PresentCommand::ToggleBlank));
    } else if pressed(ui, Key::F) {
        let full = ui.input(|i| i.viewport().fullscreen.unwrap_or(false));
        ui.ctx()
            .send_viewport_cmd(egui::ViewportCommand::Fullscreen(!full));
    } else if pressed(ui, Key::T) {
        commands.push(Command::Present(PresentCommand::ToggleTimer));
    } else if pressed(ui, Key::C) {
        commands.push(Command::Present(PresentCommand::Console(
            !state.console_open,
        )));
    }
    // The room, read once a frame under its lock.
    let snapshot = app.live_snapshot();
    if view.live_settings.is_none() {
        view.live_settings = Some(app.prefs().live);
    }
    if state.console_open {
        // The whole window is in high contrast while presenting, the console too.
        let right_color = style::palette(style::Theme::HighContrast).right;
        let frame = console::ConsoleFrame {
            snapshot: snapshot.as_ref(),
            now_s,
            right_color,
        };
        console::console_ui(ui.ctx(), state, view, &frame, commands);
    }

    if state.blank {
        ui.painter()
            .rect_filled(ui.max_rect(), 0.0, egui::Color32::BLACK);
        ui.label(
            RichText::new("(screen blanked: press B)")
                .size(unit * 0.4)
                .color(egui::Color32::from_gray(40)),
        );
        return;
    }

    let used = ui.vertical_centered(|ui| {
        ui.set_max_width(ui.available_width().min(unit * 36.0));
        match state.stage {
            Stage::Title if state.live.is_some() => {
                ui.add_space(unit);
                ui.label(RichText::new(state.deck.title()).size(unit * 1.4).strong());
                ui.add_space(unit * 0.6);
                if let (Some(live), Some(snapshot)) = (&state.live, &snapshot) {
                    live::join_panel_ui(ui, live, snapshot, unit);
                }
                if let Some(note) = state.deck.content_note() {
                    ui.add_space(unit * 0.6);
                    ui.add(egui::Label::new(RichText::new(note).size(unit * 0.6)).wrap());
                }
                ui.add_space(unit * 0.6);
                ui.label(
                    RichText::new("Press Right or Space to begin")
                        .size(unit * 0.6)
                        .color(palette.weak),
                );
            }
            Stage::Title => {
                ui.add_space(unit * 3.0);
                ui.label(RichText::new(state.deck.title()).size(unit * 1.8).strong());
                ui.add_space(unit);
                if let Some(note) = state.deck.content_note() {
                    ui.add(egui::Label::new(RichText::new(note).size(unit * 0.9)).wrap());
                }
                ui.add_space(unit * 2.0);
                ui.label(
                    RichText::new(format!(
                        "{} questions · press Right or Space to begin",
                        state.len()
                    ))
                    .size(unit * 0.6)
                    .color(palette.weak),
                );
                ui.add_space(unit);
                let settings = view.live_settings.unwrap_or_default();
                if ui
                    .button(RichText::new("Let the room answer on their phones").size(unit * 0.45))
                    .clicked()
                {
                    commands.push(Command::Present(PresentCommand::Live(LiveCommand::Start(
                        settings,
                    ))));
                }
            }
            Stage::Question { n, revealed } => {
                let resolve = |p: &crate::deck::Picture| app.picture_uri(state.deck.id(), &p.file);
                question_ui(
                    ui,
                    state,
                    view,
                    (n, revealed),
                    (unit, now_s),
                    (snapshot.as_ref(), &resolve),
                    commands,
                );
                if let (Some(live), Some(snapshot)) = (&state.live, &snapshot) {
                    ui.add_space(unit * 0.3);
                    live::join_line_ui(ui, live, snapshot, unit);
                }
            }
            Stage::Summary => {
                summary_ui(ui, state, unit, commands);
                if let Some(snapshot) = &snapshot {
                    live::top_ui(ui, &snapshot.top, unit, palette.accent);
                }
            }
        }
        if state.confirm_leave {
            ui.add_space(unit);
            ui.label(
                RichText::new("Leave the presentation? Press Esc again, or any other key to stay.")
                    .size(unit * 0.6)
                    .color(palette.partial),
            );
        }
    });
    let height = used.response.rect.height();
    if height > available_height && view.fit_scale > 0.3 {
        view.fit_scale *= (available_height / height) * 0.97;
        ui.ctx().request_repaint();
    }
}

#[allow(clippy::too_many_arguments)]
fn question_ui(
    ui: &mut egui::Ui,
    state: &PresentState,
    view: &mut PresentView,
    (n, revealed): (usize, bool),
    (unit, now_s): (f32, f64),
    (snapshot, resolve): (Option<&LiveSnapshot>, pictures::Resolve<'_>),
    commands: &mut Vec<Command>,
) {
    let palette = style::palette(style::Theme::HighContrast);
    let Some(item) = state.item(n).cloned() else {
        return;
    };
    let Some(question) = state.deck.questions().get(item.question_index).cloned() else {
        return;
    };
    ui.horizontal(|ui| {
        ui.label(
            RichText::new(format!("Question {} of {}", n + 1, state.len()))
                .size(unit * 0.6)
                .color(palette.weak),
        );
        if let Some(left) = state.timer_left(now_s) {
            ui.add_space(unit);
            let color = if left < 10.0 {
                palette.wrong
            } else {
                palette.right
            };
            ui.label(
                RichText::new(format!("{:.0} s", left.ceil()))
                    .size(unit)
                    .strong()
                    .color(color),
            );
            if state.timer_started_s.is_some() && left > 0.0 {
                ui.ctx()
                    .request_repaint_after(std::time::Duration::from_secs_f64(
                        (left - left.floor()).max(0.05),
                    ));
            }
        }
    });
    ui.add_space(unit * 0.5);
    ui.add(egui::Label::new(RichText::new(&question.prompt).size(unit * 1.3).strong()).wrap());
    // Scaled for the room: large, and leaving the options room below.
    let wide = ui.available_width() * 0.7;
    let high = (ui.available_height() * 0.5).max(unit * 4.0);
    pictures::prompt_picture(ui, &question, resolve, egui::vec2(wide, high));
    pictures::option_pictures(
        ui,
        &question,
        (&item.display_order, pictures::Marks::Letters),
        resolve,
        egui::vec2(unit * 6.0, unit * 4.5),
    );
    ui.add_space(unit * 0.6);

    // Options lettered A, B, C…; the right ones marked when revealed.
    let lettered: Vec<(String, bool)> = match &question.answer {
        Answer::SingleChoice { options, .. } | Answer::MultiSelect { options, .. } => item
            .display_order
            .iter()
            .filter_map(|&i| options.get(i))
            .map(|o| (o.text.clone(), o.correct))
            .collect(),
        Answer::TrueFalse { correct } => vec![
            ("True".to_owned(), *correct),
            ("False".to_owned(), !*correct),
        ],
        Answer::Order { items } => item
            .display_order
            .iter()
            .filter_map(|&i| items.get(i))
            .map(|t| (t.clone(), false))
            .collect(),
        Answer::Poll { options, .. } => options.iter().map(|t| (t.clone(), false)).collect(),
        _ => Vec::new(),
    };
    for (k, (text, correct)) in lettered.iter().enumerate() {
        let letter = keys::letter_name(k);
        let mut rich = RichText::new(format!("{letter}   {text}")).size(unit);
        if revealed && *correct {
            rich = rich.strong().color(palette.right);
        } else if revealed
            && question.answer.is_scored()
            && !matches!(question.answer, Answer::Order { .. })
        {
            rich = rich.color(egui::Color32::from_gray(120));
        }
        let mut line = ui.add(egui::Label::new(rich).wrap());
        if revealed && *correct {
            line = line.on_hover_text("the right answer");
            ui.label(
                RichText::new("right answer")
                    .size(unit * 0.45)
                    .color(palette.right),
            );
        }
        let _ = line;
    }
    // The words the facilitator let the room see, as they are approved.
    let live_words = state
        .live
        .as_ref()
        .filter(|live| live.is_open(n))
        .and(snapshot)
        .and_then(|s| s.tally.as_ref())
        .filter(|t| !t.words.is_empty());
    if let Some(tally) = live_words {
        live::word_cloud_ui(ui, tally, unit, palette.accent);
    } else if matches!(question.answer, Answer::Words { .. }) && !revealed {
        ui.label(
            RichText::new("In a few words: what do you think?")
                .size(unit * 0.8)
                .color(palette.weak),
        );
    } else if lettered.is_empty() && !revealed {
        ui.label(
            RichText::new("Think of your answer…")
                .size(unit * 0.8)
                .color(palette.weak),
        );
    }

    if revealed {
        ui.add_space(unit * 0.5);
        if question.answer.is_scored() {
            ui.add(
                egui::Label::new(
                    RichText::new(format!("Answer: {}", correct_answer_text(&question.answer)))
                        .size(unit * 0.9)
                        .strong()
                        .color(palette.right),
                )
                .wrap(),
            );
        } else {
            ui.label(
                RichText::new("No right answer: this is what the room thinks.")
                    .size(unit * 0.8)
                    .strong(),
            );
        }
        if let Some(explanation) = &question.explanation {
            ui.add(egui::Label::new(RichText::new(explanation).size(unit * 0.75)).wrap());
        }
        // The room's answers from their phones, shown only now that they are locked.
        if let Some(tally) = state
            .room_tallies
            .get(n)
            .and_then(Option::as_ref)
            .filter(|t| !t.per_option.is_empty())
        {
            ui.add_space(unit * 0.3);
            ui.label(RichText::new(room_line(tally)).size(unit * 0.6).strong());
            let right = crate::app::live::right_options(state, n);
            let width = (ui.available_width() * 0.55).max(unit * 4.0);
            // Centred like the rest: the letter, the bar and its count (about 6 units).
            let margin = ((ui.available_width() - width - unit * 6.0) / 2.0).max(0.0);
            ui.horizontal(|ui| {
                ui.add_space(margin);
                ui.vertical(|ui| {
                    let other = if right.iter().any(|&r| r) {
                        egui::Color32::from_gray(140)
                    } else {
                        palette.accent
                    };
                    live::bars_ui(
                        ui,
                        tally,
                        &right,
                        (unit * 0.6, width),
                        (palette.right, other),
                    );
                });
            });
        }
        if let Some(snapshot) = snapshot {
            ui.add_space(unit * 0.3);
            live::top_ui(ui, &snapshot.top, unit, palette.accent);
        }
        if let Some(cite) = &question.source {
            let title = state
                .deck
                .source(&cite.source)
                .map_or_else(|| cite.source.to_string(), |s| s.title.clone());
            ui.label(
                RichText::new(format!("Source: {title}, {}", cite.locator))
                    .size(unit * 0.45)
                    .color(palette.weak),
            );
        }
        if !state.console_open && state.live.is_none() {
            ui.add_space(unit * 0.5);
            tally_ui(ui, state, view, n, unit, commands);
        }
    }
    ui.add_space(unit * 0.5);
    ui.label(
        RichText::new(
            "Right/Space next · Left back · R reveal · T timer · B blank · F full screen · C console · Esc leave",
        )
            .size(unit * 0.35)
            .color(palette.weak),
    );
}

/// How the room did on a question, in one line for the projector and the summary.
fn room_line(tally: &crate::room::Tally) -> String {
    let phones = if tally.answered == 1 {
        "1 phone answered".to_owned()
    } else {
        format!("{} phones answered", tally.answered)
    };
    match tally.right_percent() {
        Some(percent) => format!("{phones}; {percent:.0}% right"),
        None => phones,
    }
}

/// The show-of-hands count for question `n`: how many answered right, out of how many.
fn tally_ui(
    ui: &mut egui::Ui,
    state: &PresentState,
    view: &mut PresentView,
    n: usize,
    unit: f32,
    commands: &mut Vec<Command>,
) {
    let draft = view.tally_for(state, n);
    ui.horizontal(|ui| {
        let size = unit * 0.45;
        ui.label(RichText::new("Show of hands:").size(size));
        let l = ui.label(RichText::new("right").size(size));
        ui.add(egui::DragValue::new(&mut draft.0).range(0..=10_000))
            .labelled_by(l.id);
        let l = ui.label(RichText::new("out of").size(size));
        ui.add(egui::DragValue::new(&mut draft.1).range(0..=10_000))
            .labelled_by(l.id);
        if ui.button("Save the count").clicked() {
            let (correct, answered) = *draft;
            commands.push(Command::Present(PresentCommand::Tally(
                n,
                correct.min(answered),
                answered,
            )));
        }
        match state.tallies.get(n).copied().flatten() {
            Some((c, a)) => {
                ui.label(RichText::new(format!("saved: {c} of {a}")).size(size));
            }
            None => {
                ui.label(RichText::new("(optional)").size(size));
            }
        }
    });
}

fn summary_ui(ui: &mut egui::Ui, state: &PresentState, unit: f32, commands: &mut Vec<Command>) {
    let palette = style::palette(style::Theme::HighContrast);
    ui.label(RichText::new("Summary").size(unit * 1.4).strong());
    ui.label(RichText::new(format!("{} questions", state.len())).size(unit * 0.7));
    // How the room answered on their phones, question by question.
    let on_phones: Vec<(usize, &crate::room::Tally)> = state
        .room_tallies
        .iter()
        .enumerate()
        .filter_map(|(n, t)| t.as_ref().map(|t| (n, t)))
        .collect();
    if !on_phones.is_empty() {
        ui.label(
            RichText::new("How the room answered")
                .size(unit * 0.8)
                .strong(),
        );
        for (n, tally) in &on_phones {
            let prompt = state.question(*n).map_or("", |q| q.prompt.as_str());
            ui.add(
                egui::Label::new(
                    RichText::new(format!("{}. {}: {prompt}", n + 1, room_line(tally)))
                        .size(unit * 0.5),
                )
                .wrap(),
            );
        }
        ui.add_space(unit * 0.5);
    }
    // The questions the room found hardest first: from the phones where they answered, else
    // from the show of hands.
    let mut counted: Vec<(usize, f64, u32, u32)> = (0..state.len())
        .filter_map(|n| {
            let room = state
                .room_tallies
                .get(n)
                .and_then(Option::as_ref)
                .and_then(|t| Some((t.right?, t.answered)));
            let hands = state.tallies.get(n).copied().flatten();
            room.or(hands)
                .filter(|(_, a)| *a > 0)
                .map(|(c, a)| (n, f64::from(c) / f64::from(a), c, a))
        })
        .collect();
    counted.sort_by(|a, b| a.1.total_cmp(&b.1));
    if !counted.is_empty() {
        ui.label(
            RichText::new("Hardest for the room")
                .size(unit * 0.8)
                .strong(),
        );
        for (n, _, c, a) in counted.iter().take(5) {
            let prompt = state.question(*n).map_or("", |q| q.prompt.as_str());
            ui.add(
                egui::Label::new(
                    RichText::new(format!("{c} of {a} right: {prompt}")).size(unit * 0.55),
                )
                .wrap(),
            );
        }
    }
    if !state.deck.resources().is_empty() {
        ui.add_space(unit * 0.5);
        ui.label(
            RichText::new("Where to learn more")
                .size(unit * 0.8)
                .strong(),
        );
        for resource in state.deck.resources() {
            ui.label(
                RichText::new(&resource.title)
                    .size(unit * 0.6)
                    .strong()
                    .color(palette.right),
            );
            ui.add(egui::Label::new(RichText::new(&resource.body).size(unit * 0.5)).wrap());
            if let Some(url) = &resource.url {
                // Large enough to read from the back of the room; clickable for the presenter.
                style::web_link_sized(ui, url, unit * 0.45, commands);
            }
        }
    }
}

/// The Present setup screen's widget state.
#[derive(Default)]
pub(crate) struct PresentSetupView {
    /// Only questions with a tag containing this are ticked by "Tick only these".
    tag: String,
    /// The name typed for a plan to save.
    plan_name: String,
    /// Whether the room will answer on their phones.
    live: bool,
    /// The port and the cap on phones for that; the last ones used until changed.
    live_settings: Option<LiveSettings>,
}

/// The setup screen before presenting.
pub(crate) fn present_setup_ui(
    ui: &mut egui::Ui,
    app: &App,
    view: &mut PresentSetupView,
    commands: &mut Vec<Command>,
) {
    let Some(setup) = app.present_setup() else {
        commands.push(Command::Go(Screen::Library));
        return;
    };
    let change = |command: SetupCommand| Command::Present(PresentCommand::Setup(command));
    style::page(ui, |ui| {
        let title = format!("Present: {}", setup.deck.title());
        let chosen = setup.chosen();
        let mut start = false;
        let back = header::header(ui, Header::new(&title).back("Back"), |ui| {
            start = ui
                .add_enabled(
                    !chosen.is_empty(),
                    style::primary_key_button(ui, "Start presenting", "Enter"),
                )
                .clicked();
        });
        if back {
            commands.push(Command::Go(Screen::Library));
        }
        let settings = view.live_settings.get_or_insert(app.prefs().live);
        if start || (keys::enter_outside_fields(ui) && !chosen.is_empty()) {
            commands.push(Command::Present(PresentCommand::Start(
                setup.key.clone(),
                Some(chosen),
            )));
            // Applied after the presentation starts, in this order.
            if view.live {
                commands.push(Command::Present(PresentCommand::Live(LiveCommand::Start(
                    *settings,
                ))));
            }
        }
        live::setup_live_ui(ui, &mut view.live, settings);
        ui.add(egui::Label::new("Choose the questions to show the room, and their order. Nobody in the room needs a device; those with a phone can answer on it.").wrap());
        ui.horizontal_wrapped(|ui| {
            let l = ui.label("Only questions tagged:");
            ui.add(egui::TextEdit::singleline(&mut view.tag).desired_width(160.0))
                .labelled_by(l.id);
            if ui.button("Tick only these").clicked() {
                commands.push(change(SetupCommand::TickTagged(view.tag.clone())));
            }
            if ui.button("Tick all").clicked() {
                commands.push(change(SetupCommand::TickAll));
            }
        });
        if !setup.deck.sessions().is_empty() {
            // The deck author's suggested sessions, beside the user's own plans.
            ui.horizontal_wrapped(|ui| {
                ui.label("Sessions in this deck:");
                for session in setup.deck.sessions() {
                    let length = match session.minutes {
                        Some(minutes) => {
                            format!("{} questions, about {minutes} min", session.questions.len())
                        }
                        None => format!("{} questions", session.questions.len()),
                    };
                    let mut button = ui.button(format!("{} ({length})", session.name));
                    if let Some(description) = &session.description {
                        button = button.on_hover_text(description);
                    }
                    style::name_for_screen_readers(
                        &button,
                        &format!("Use the session {} ({length})", session.name),
                    );
                    if button.clicked() {
                        let ids: Vec<String> =
                            session.questions.iter().map(ToString::to_string).collect();
                        commands.push(change(SetupCommand::UsePlan(ids)));
                    }
                }
            });
        }
        if !setup.plans.is_empty() {
            ui.horizontal_wrapped(|ui| {
                ui.label("Saved plans:");
                for plan in &setup.plans {
                    let button = ui.button(&plan.name);
                    style::name_for_screen_readers(&button, &format!("Use the plan {}", plan.name));
                    if button.clicked() {
                        commands.push(change(SetupCommand::UsePlan(plan.question_ids.clone())));
                    }
                }
            });
        }
        ui.horizontal(|ui| {
            let l = ui.label("Save this choice as a plan named:");
            ui.add(egui::TextEdit::singleline(&mut view.plan_name).desired_width(200.0))
                .labelled_by(l.id);
            let name = view.plan_name.trim().to_owned();
            if ui
                .add_enabled(!name.is_empty(), egui::Button::new("Save the plan"))
                .clicked()
            {
                commands.push(Command::Present(PresentCommand::SavePlan(name)));
                view.plan_name.clear();
            }
        });
        ui.label(format!(
            "{} of {} questions chosen",
            setup.chosen().len(),
            setup.order.len()
        ));
        ui.label(
            RichText::new("Drag a question by its text to move it, or use Up and Down.")
                .small()
                .weak(),
        );
        let count = setup.order.len();
        for (i, (id, on)) in setup.order.iter().enumerate() {
            let prompt = setup
                .deck
                .questions()
                .iter()
                .find(|q| q.id.as_str() == id)
                .map_or("", |q| q.prompt.as_str());
            let row = ui.horizontal(|ui| {
                let mut ticked = *on;
                let tick = ui.checkbox(&mut ticked, format!("{}.", i + 1));
                let name = format!("Present question {}", i + 1);
                tick.widget_info(|| {
                    egui::WidgetInfo::selected(egui::accesskit::Role::CheckBox, true, ticked, &name)
                });
                if tick.changed() {
                    commands.push(change(SetupCommand::Tick(i, ticked)));
                }
                let up = ui.add_enabled(i > 0, egui::Button::new("Up"));
                style::name_for_screen_readers(&up, &format!("Move question {} up", i + 1));
                if up.clicked() {
                    commands.push(change(SetupCommand::Move { from: i, to: i - 1 }));
                }
                let down = ui.add_enabled(i + 1 < count, egui::Button::new("Down"));
                style::name_for_screen_readers(&down, &format!("Move question {} down", i + 1));
                if down.clicked() {
                    commands.push(change(SetupCommand::Move { from: i, to: i + 1 }));
                }
                // The buttons come first so a long prompt, wrapped to the window's width, never
                // pushes them out of sight.
                ui.dnd_drag_source(egui::Id::unique(("present-plan-row", i)), i, |ui| {
                    ui.add(egui::Label::new(prompt).wrap());
                });
            });
            // A question dropped on this row takes its place.
            if let Some(from) = row.response.dnd_release_payload::<usize>() {
                commands.push(change(SetupCommand::Move { from: *from, to: i }));
            }
        }
    });
}
