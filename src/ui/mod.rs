//! The desktop app: one file per screen; screens emit [`Command`]s that the [`App`] applies
//! after the frame, so no screen changes the model while it is being drawn.

mod app;
mod class;
mod content_note;
mod editor;
mod flashcards;
mod import;
mod keys;
mod library;
pub mod present;
mod profiles;
mod quiz;
mod results;
mod settings;
mod stats;
pub mod style;

pub use class::ClassCommand;

pub use app::{
    App, Command, LaunchOptions, Notice, NoticeLevel, Prefs, Screen, StartMode, run,
    run_bare_window,
};
