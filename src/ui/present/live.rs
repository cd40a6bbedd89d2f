//! The live room on the presenter's screens: how to join (a QR code, the address in large type,
//! the room code, how many phones joined), the bar chart of the room's answers, and the
//! facilitator's controls on the console. Drawing only; the room is read from a snapshot.

use eframe::egui::{self, Color32, RichText};

use crate::app::{
    Command, LiveCommand, LiveRoom, LiveSettings, LiveSnapshot, PresentCommand, PresentState,
};
use crate::live::QrMatrix;
use crate::room::Tally;

use super::super::{keys, style};

fn live(command: LiveCommand) -> Command {
    Command::Present(PresentCommand::Live(command))
}

/// `n` phone(s), in words.
fn phones(n: usize) -> String {
    if n == 1 {
        "1 phone".to_owned()
    } else {
        format!("{n} phones")
    }
}

/// Paints `qr` as a square `side` points wide, dark on white with the quiet zone the standard
/// asks for, so phones read it off a projector in a dark theme too.
pub(super) fn qr_ui(ui: &mut egui::Ui, qr: &QrMatrix, side: f32, link: &str) {
    const QUIET_MODULES: usize = 4;
    let modules = qr.width() + 2 * QUIET_MODULES;
    #[allow(clippy::cast_precision_loss)] // a QR code is at most 177 modules wide
    let module = (side / modules as f32).floor().max(1.0);
    #[allow(clippy::cast_precision_loss)]
    let side = module * modules as f32;
    let (rect, response) = ui.allocate_exact_size(egui::vec2(side, side), egui::Sense::hover());
    style::name_chart(&response, &format!("QR code of the join link {link}"));
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 0.0, Color32::WHITE);
    for y in 0..qr.width() {
        for x in 0..qr.width() {
            if qr.is_dark(x, y) {
                #[allow(clippy::cast_precision_loss)]
                let min = rect.min
                    + egui::vec2(
                        (x + QUIET_MODULES) as f32 * module,
                        (y + QUIET_MODULES) as f32 * module,
                    );
                painter.rect_filled(
                    egui::Rect::from_min_size(min, egui::vec2(module, module)),
                    0.0,
                    Color32::BLACK,
                );
            }
        }
    }
}

/// The projector's join screen: the QR code beside the address, the code and the count, the
/// pair centred on the screen.
pub(super) fn join_panel_ui(
    ui: &mut egui::Ui,
    live: &LiveRoom,
    snapshot: &LiveSnapshot,
    unit: f32,
) {
    let palette = style::palette(style::Theme::HighContrast);
    let address = live.address_to_type();
    let qr_side = (unit * 11.0).min(ui.available_height() * 0.55);
    // The widest line decides the text column's width, measured before drawing so the pair
    // can be centred.
    let text_width = ui
        .painter()
        .layout_no_wrap(
            address.clone(),
            egui::FontId::proportional(unit * 1.1),
            Color32::WHITE,
        )
        .size()
        .x
        .max(unit * 12.0);
    let gap = unit;
    let total = if live.qr().is_some() {
        qr_side + gap + text_width
    } else {
        text_width
    };
    let margin = ((ui.available_width() - total) / 2.0).max(0.0);
    ui.horizontal(|ui| {
        ui.add_space(margin);
        if let Some(qr) = live.qr() {
            qr_ui(ui, qr, qr_side, live.join_url());
            ui.add_space(gap);
        }
        ui.vertical(|ui| {
            ui.set_max_width(text_width);
            ui.label(
                RichText::new("Answer on your phone")
                    .size(unit * 0.9)
                    .strong(),
            );
            ui.label(
                RichText::new("Scan the code, or join this Wi-Fi and open")
                    .size(unit * 0.5)
                    .color(palette.weak),
            );
            ui.label(
                RichText::new(address)
                    .size(unit * 1.1)
                    .strong()
                    .color(palette.accent),
            );
            ui.add_space(unit * 0.3);
            ui.label(
                RichText::new("Room code")
                    .size(unit * 0.5)
                    .color(palette.weak),
            );
            ui.label(
                RichText::new(spaced(live.code().as_str()))
                    .size(unit * 1.4)
                    .strong()
                    .monospace(),
            );
            ui.add_space(unit * 0.3);
            ui.label(RichText::new(format!("{} joined", phones(snapshot.joined))).size(unit * 0.7));
            ui.add(
                egui::Label::new(
                    RichText::new("No names, no accounts: nobody can see who answered what.")
                        .size(unit * 0.45)
                        .color(palette.weak),
                )
                .wrap(),
            );
        });
    });
}

/// The code with a space between letters, easier to read from the back of a room.
fn spaced(code: &str) -> String {
    code.chars().map(String::from).collect::<Vec<_>>().join(" ")
}

/// One quiet line on the projector during questions, for latecomers.
pub(super) fn join_line_ui(ui: &mut egui::Ui, live: &LiveRoom, snapshot: &LiveSnapshot, unit: f32) {
    let palette = style::palette(style::Theme::HighContrast);
    ui.label(
        RichText::new(format!(
            "Join: {} · code {} · {} joined",
            live.address_to_type(),
            live.code().as_str(),
            phones(snapshot.joined)
        ))
        .size(unit * 0.4)
        .color(palette.weak),
    );
}

/// How the room answered, as bars: one per option, its letter, its count and its share; the
/// right options in the right colour. `width` is the widest bar.
pub(super) fn bars_ui(
    ui: &mut egui::Ui,
    tally: &Tally,
    right: &[bool],
    (size, width): (f32, f32),
    (right_color, other_color): (Color32, Color32),
) {
    let most = tally.per_option.iter().copied().max().unwrap_or(0).max(1);
    for (k, &count) in tally.per_option.iter().enumerate() {
        let is_right = right.get(k).copied().unwrap_or(false);
        let share = if tally.answered > 0 {
            f64::from(count) * 100.0 / f64::from(tally.answered)
        } else {
            0.0
        };
        let letter = keys::letter_name(k);
        let response = ui
            .horizontal(|ui| {
                ui.label(RichText::new(letter.to_string()).size(size).strong());
                #[allow(clippy::cast_precision_loss)] // counts of phones, far below 2^24
                let bar = width * count as f32 / most as f32;
                let (rect, _) =
                    ui.allocate_exact_size(egui::vec2(width, size * 1.1), egui::Sense::hover());
                let color = if is_right { right_color } else { other_color };
                ui.painter().rect_filled(
                    egui::Rect::from_min_size(rect.min, egui::vec2(bar.max(2.0), rect.height())),
                    2.0,
                    color,
                );
                let mut text = RichText::new(format!("{count} ({share:.0}%)")).size(size);
                if is_right {
                    text = text.strong().color(right_color);
                }
                ui.label(text);
            })
            .response;
        let right_word = if is_right { ", the right answer" } else { "" };
        style::name_chart(
            &response,
            &format!(
                "Option {letter}: {count} of {} ({share:.0}%){right_word}",
                tally.answered
            ),
        );
    }
}

/// "23 of 31 answered": the phones that answered the open question, of those joined.
pub(super) fn answered_line(tally: &Tally, snapshot: &LiveSnapshot) -> String {
    format!(
        "{} of {} answered",
        tally.answered,
        snapshot
            .joined
            .max(usize::try_from(tally.answered).unwrap_or(usize::MAX))
    )
}

/// The console's part for the room's phones: start or stop, the network, the join details,
/// and the live chart of the question on the phones (which the projector shows only at Reveal).
pub(super) fn console_live_ui(
    ui: &mut egui::Ui,
    state: &PresentState,
    snapshot: Option<&LiveSnapshot>,
    settings: &mut LiveSettings,
    right_color: Color32,
    commands: &mut Vec<Command>,
) {
    ui.separator();
    let (Some(live), Some(snapshot)) = (&state.live, snapshot) else {
        ui.label(RichText::new("Phones").strong());
        ui.label("The room can answer on their own phones over this network: no internet, no accounts, no names.");
        settings_ui(ui, settings);
        if ui.button("Let the room answer on their phones").clicked() {
            commands.push(live(LiveCommand::Start(*settings)));
        }
        return;
    };
    ui.label(RichText::new("Phones").strong());
    ui.label(format!(
        "Room code {} · {} joined, {} connected now",
        live.code().as_str(),
        phones(snapshot.joined),
        snapshot.connected
    ));
    ui.horizontal_wrapped(|ui| {
        let l = ui.label("Join address:");
        let current = live.address_to_type();
        if live.interfaces().len() > 1 {
            egui::ComboBox::from_id_salt("live-interface")
                .selected_text(&current)
                .show_ui(ui, |ui| {
                    for interface in live.interfaces() {
                        let ip = std::net::IpAddr::V4(interface.ip);
                        let text = format!("{} ({})", interface.ip, interface.name);
                        if ui.selectable_label(live.address() == ip, text).clicked() {
                            commands.push(self::live(LiveCommand::UseAddress(ip)));
                        }
                    }
                })
                .response
                .labelled_by(l.id);
        } else {
            ui.label(RichText::new(&current).strong());
        }
        if ui.button("Test from this computer").clicked() {
            commands.push(self::live(LiveCommand::TestHere));
        }
        if ui.button("Stop taking answers from phones").clicked() {
            commands.push(self::live(LiveCommand::Stop));
        }
    });
    if let Some(tally) = &snapshot.tally {
        ui.label(
            RichText::new(answered_line(tally, snapshot))
                .strong()
                .size(20.0),
        );
        let n = usize::try_from(tally.number).unwrap_or(usize::MAX);
        let right = crate::app::live::right_options(state, n);
        let width = (ui.available_width() - 160.0).clamp(80.0, 360.0);
        let other = if right.iter().any(|&r| r) {
            Color32::from_gray(140)
        } else {
            // A poll: no answer is right, every bar alike.
            style::palette(style::Theme::HighContrast).accent
        };
        bars_ui(ui, tally, &right, (16.0, width), (right_color, other));
        if !tally.revealed && tally.per_option.is_empty() {
            ui.label(RichText::new("Answers lock at Reveal.").small().weak());
        } else if !tally.revealed {
            ui.label(
                RichText::new("The projector shows the chart at Reveal; answers lock then.")
                    .small()
                    .weak(),
            );
        }
        words_to_approve_ui(ui, tally, snapshot, commands);
    }
}

/// The words phones sent, for the facilitator to let the room see one by one. Abuse never gets
/// here: the room refuses it. Shown words are listed apart.
fn words_to_approve_ui(
    ui: &mut egui::Ui,
    tally: &Tally,
    snapshot: &LiveSnapshot,
    commands: &mut Vec<Command>,
) {
    if !tally.words.is_empty() {
        let shown: Vec<String> = tally
            .words
            .iter()
            .map(|(w, n)| format!("{w} ({n})"))
            .collect();
        ui.label(format!("On the screen: {}", shown.join(", ")));
    }
    if snapshot.words_to_approve.is_empty() {
        return;
    }
    ui.horizontal(|ui| {
        ui.label(RichText::new("Waiting for you to show them:").strong());
        if ui.button("Show all").clicked() {
            for (words, _) in &snapshot.words_to_approve {
                commands.push(live(LiveCommand::ApproveWords(words.clone())));
            }
        }
    });
    for (words, count) in snapshot.words_to_approve.iter().take(MAX_WORDS_LISTED) {
        ui.horizontal(|ui| {
            // Phones' text is shown as text, never read as markup or a link.
            ui.label(format!("{words} ({count})"));
            let show = ui.button("Show");
            style::name_for_screen_readers(&show, &format!("Show \"{words}\" to the room"));
            if show.clicked() {
                commands.push(live(LiveCommand::ApproveWords(words.clone())));
            }
        });
    }
    let more = snapshot
        .words_to_approve
        .len()
        .saturating_sub(MAX_WORDS_LISTED);
    if more > 0 {
        ui.label(RichText::new(format!("and {more} more")).weak());
    }
}

/// The most waiting answers listed at once on the console, most given first.
const MAX_WORDS_LISTED: usize = 30;

/// The approved words as a cloud: each word sized by how many phones gave it.
pub(super) fn word_cloud_ui(ui: &mut egui::Ui, tally: &Tally, unit: f32, color: Color32) {
    let most = tally.words.values().copied().max().unwrap_or(1).max(1);
    let mut words: Vec<(&String, &u32)> = tally.words.iter().collect();
    words.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
    // Centred, wrapping: a cloud, not a list.
    let layout = egui::Layout::left_to_right(egui::Align::Center)
        .with_main_wrap(true)
        .with_main_align(egui::Align::Center);
    ui.with_layout(layout, |ui| {
        ui.spacing_mut().item_spacing.x = unit * 0.6;
        for (word, &count) in words {
            #[allow(clippy::cast_precision_loss)] // counts of phones
            let size = unit * (0.6 + 1.0 * count as f32 / most as f32);
            let label = ui.label(RichText::new(word).size(size).strong().color(color));
            let said = if count == 1 {
                "1 phone".to_owned()
            } else {
                format!("{count} phones")
            };
            style::name_chart(&label, &format!("{word}: {said}"));
        }
    });
}

/// The port and the cap on phones, before the room opens.
fn settings_ui(ui: &mut egui::Ui, settings: &mut LiveSettings) {
    // Labels centred on their fields.
    style::row(ui, |ui| {
        let l = ui.label("Port");
        ui.add(egui::DragValue::new(&mut settings.port).range(1024..=65_535))
            .labelled_by(l.id);
        let l = ui.label("Most phones");
        ui.add(
            egui::DragValue::new(&mut settings.max_phones)
                .range(1..=crate::app::live::MAX_PHONES_LIMIT),
        )
        .labelled_by(l.id);
    });
    ui.checkbox(
        &mut settings.game,
        "Game mode: phones pick a nickname, right answers score points, the top 5 show after each answer",
    );
}

/// The game's top five, for the projector after Reveal and at the end.
pub(super) fn top_ui(ui: &mut egui::Ui, top: &[(String, u32)], unit: f32, color: Color32) {
    if top.is_empty() {
        return;
    }
    ui.label(
        RichText::new("Top 5")
            .size(unit * 0.7)
            .strong()
            .color(color),
    );
    for (place, (name, points)) in top.iter().enumerate() {
        // A nickname is the phone's text: drawn as text, never as markup or a link.
        ui.label(RichText::new(format!("{}. {name}  {points}", place + 1)).size(unit * 0.55));
    }
}

/// The Present setup screen's choice: whether the room answers on phones, and how.
pub(super) fn setup_live_ui(ui: &mut egui::Ui, on: &mut bool, settings: &mut LiveSettings) {
    ui.checkbox(
        on,
        "Let the room answer on their phones (over this computer's Wi-Fi; no internet needed)",
    );
    if *on {
        ui.indent("live-settings", |ui| settings_ui(ui, settings));
    }
}
