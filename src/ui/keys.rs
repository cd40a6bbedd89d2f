//! The keyboard, the same on every screen: 1-9 pick, Enter goes forward, Space flips, Esc goes
//! back. Shortcuts are ignored while a text field has focus, so typed answers take the keys.

use eframe::egui::{self, Key};

const DIGITS: [Key; 9] = [
    Key::Num1,
    Key::Num2,
    Key::Num3,
    Key::Num4,
    Key::Num5,
    Key::Num6,
    Key::Num7,
    Key::Num8,
    Key::Num9,
];

/// Whether a text field has the keyboard (a focused button does not count: shortcuts still
/// work after Tab).
pub fn typing(ui: &egui::Ui) -> bool {
    ui.ctx().text_edit_focused()
}

/// Whether `key` went down this frame. Key-repeat does not count: holding Enter must not race
/// through feedback and results, nor holding a digit toggle an option on and off.
fn went_down(ui: &egui::Ui, key: Key) -> bool {
    ui.input(|i| {
        i.events.iter().any(|e| {
            matches!(
                e,
                egui::Event::Key { key: k, pressed: true, repeat: false, .. } if *k == key
            )
        })
    })
}

/// The digit 1-9 pressed this frame (as 1-9), unless the user is typing.
pub fn digit(ui: &egui::Ui) -> Option<usize> {
    if typing(ui) {
        return None;
    }
    DIGITS.iter().position(|k| went_down(ui, *k)).map(|p| p + 1)
}

/// The letter A-Z pressed this frame (as 0-25), unless the user is typing.
pub fn letter(ui: &egui::Ui) -> Option<usize> {
    if typing(ui) {
        return None;
    }
    const LETTERS: [Key; 26] = [
        Key::A,
        Key::B,
        Key::C,
        Key::D,
        Key::E,
        Key::F,
        Key::G,
        Key::H,
        Key::I,
        Key::J,
        Key::K,
        Key::L,
        Key::M,
        Key::N,
        Key::O,
        Key::P,
        Key::Q,
        Key::R,
        Key::S,
        Key::T,
        Key::U,
        Key::V,
        Key::W,
        Key::X,
        Key::Y,
        Key::Z,
    ];
    LETTERS.iter().position(|k| went_down(ui, *k))
}

/// Whether Enter was pressed this frame (also in a single-line text field, which it leaves).
pub fn enter(ui: &egui::Ui) -> bool {
    went_down(ui, Key::Enter)
}

/// Whether Space was pressed this frame, unless the user is typing.
pub fn space(ui: &egui::Ui) -> bool {
    !typing(ui) && went_down(ui, Key::Space)
}

/// What the keyboard was doing when the frame began, before widgets reacted to this frame's keys.
#[derive(Clone, Copy, Default)]
struct AtFrameStart {
    popup_open: bool,
    text_edit_focused: bool,
}

fn at_frame_start_id() -> egui::Id {
    egui::Id::unique("quizdesk-keys-at-frame-start")
}

/// Remembers the keyboard's state at the start of a frame; call before drawing any screen.
pub fn begin_frame(ctx: &egui::Context) {
    let state = AtFrameStart {
        popup_open: ctx.any_popup_open(),
        text_edit_focused: ctx.text_edit_focused(),
    };
    ctx.data_mut(|d| d.insert_temp(at_frame_start_id(), state));
}

fn at_frame_start(ui: &egui::Ui) -> AtFrameStart {
    ui.ctx()
        .data(|d| d.get_temp::<AtFrameStart>(at_frame_start_id()))
        .unwrap_or_default()
}

/// Whether Escape was pressed this frame to go back: not when it only closed a drop-down.
pub fn escape(ui: &egui::Ui) -> bool {
    went_down(ui, Key::Escape) && !at_frame_start(ui).popup_open
}

/// Whether Escape was pressed this frame to go back, when it was not pressed to leave a text
/// field (the editor, full of fields, must not close from a field).
pub fn escape_outside_fields(ui: &egui::Ui) -> bool {
    escape(ui) && !at_frame_start(ui).text_edit_focused
}

/// Whether Enter was pressed this frame to go forward on a screen whose text fields are settings
/// (a seed, a count): Enter that only confirms such a field does not count.
pub fn enter_outside_fields(ui: &egui::Ui) -> bool {
    enter(ui) && !at_frame_start(ui).text_edit_focused
}

/// Whether `key` was pressed this frame, unless the user is typing.
pub fn pressed(ui: &egui::Ui, key: Key) -> bool {
    !typing(ui) && went_down(ui, key)
}

/// The letter shown for match column item `n` (0 → "A").
pub fn letter_name(n: usize) -> char {
    u8::try_from(n)
        .ok()
        .filter(|n| *n < 26)
        .map_or('?', |n| char::from(b'A' + n))
}
