//! The desktop app's drawing: one file per screen. A screen reads the [`crate::app::App`] (and owns only
//! its widget state: text being typed, what is open) and pushes [`crate::app::Command`]s, which the
//! [`Shell`] applies after the frame; no screen changes the app while it is drawn.

mod class;
mod content_note;
mod editor;
mod flashcards;
mod header;
mod import;
mod keys;
mod library;
pub(crate) mod pictures;
mod present;
mod print;
mod profiles;
mod quiz;
mod results;
mod settings;
mod shell;
mod stats;
pub mod style;
mod widgets;

pub use shell::{ANNOUNCE_FIRST_FRAME, Shell, run, run_bare_window};
