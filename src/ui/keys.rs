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

/// Whether a text field has the keyboard.
pub fn typing(ui: &egui::Ui) -> bool {
    ui.ctx().egui_wants_keyboard_input()
}

/// The digit 1-9 pressed this frame (as 1-9), unless the user is typing.
pub fn digit(ui: &egui::Ui) -> Option<usize> {
    if typing(ui) {
        return None;
    }
    ui.input(|i| DIGITS.iter().position(|k| i.key_pressed(*k)).map(|p| p + 1))
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
    ui.input(|i| LETTERS.iter().position(|k| i.key_pressed(*k)))
}

/// Whether Enter was pressed this frame (also in a single-line text field, which it leaves).
pub fn enter(ui: &egui::Ui) -> bool {
    ui.input(|i| i.key_pressed(Key::Enter))
}

/// Whether Space was pressed this frame, unless the user is typing.
pub fn space(ui: &egui::Ui) -> bool {
    !typing(ui) && ui.input(|i| i.key_pressed(Key::Space))
}

/// Whether Escape was pressed this frame.
pub fn escape(ui: &egui::Ui) -> bool {
    ui.input(|i| i.key_pressed(Key::Escape))
}

/// Whether `key` was pressed this frame, unless the user is typing.
pub fn pressed(ui: &egui::Ui, key: Key) -> bool {
    !typing(ui) && ui.input(|i| i.key_pressed(key))
}

/// The letter shown for match column item `n` (0 → "A").
pub fn letter_name(n: usize) -> char {
    u8::try_from(n)
        .ok()
        .filter(|n| *n < 26)
        .map_or('?', |n| char::from(b'A' + n))
}
