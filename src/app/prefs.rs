//! The preferences kept between runs (the window's look and the last profile; scores live in
//! the store), and the Settings screen's commands.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::App;

/// The colour theme.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Theme {
    /// Dark text on a light background.
    #[default]
    Light,
    /// Light text on a dark background.
    Dark,
    /// White on black with bright outlines, for low vision and projectors.
    HighContrast,
}

impl Theme {
    /// All themes, in the order the settings list them.
    pub const ALL: [Self; 3] = [Self::Light, Self::Dark, Self::HighContrast];

    /// The name shown in the settings.
    pub fn label(self) -> &'static str {
        match self {
            Self::Light => "Light",
            Self::Dark => "Dark",
            Self::HighContrast => "High contrast",
        }
    }
}

/// The smallest and largest text size, in percent.
pub const TEXT_SCALE_RANGE_PERCENT: std::ops::RangeInclusive<u32> = 75..=200;

/// The most new flashcards a day the settings allow.
pub const MAX_NEW_CARDS_PER_DAY: usize = 500;

/// The preferences kept in eframe's storage (window and UI only; scores live in the store).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    /// The colour theme.
    pub theme: Theme,
    /// The text size, in percent.
    pub text_scale_percent: u32,
    /// The profile used last.
    pub last_profile: Option<String>,
    /// How many new cards a day flashcards introduce.
    pub new_cards_per_day: usize,
    /// Deck files opened with "Open deck…", shown in the library.
    pub opened_decks: Vec<PathBuf>,
    /// Whether the window was sized to the screen once (at the first start); after that, the
    /// window keeps the size the user gave it.
    pub window_sized: bool,
    /// How the library sorts its decks.
    pub library_sort: super::LibrarySort,
    /// The port and the cap on phones of the last live room.
    pub live: super::LiveSettings,
}

impl Default for Prefs {
    fn default() -> Self {
        Self {
            theme: Theme::Light,
            text_scale_percent: 100,
            last_profile: None,
            new_cards_per_day: crate::schedule::DEFAULT_NEW_PER_DAY,
            opened_decks: Vec::new(),
            window_sized: false,
            library_sort: super::LibrarySort::default(),
            live: super::LiveSettings::default(),
        }
    }
}

/// What the Settings screen asks.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum SettingsCommand {
    /// Change the theme.
    SetTheme(Theme),
    /// Change the text size, in percent.
    SetTextScale(u32),
    /// Change how many new flashcards a day are introduced.
    SetNewCardsPerDay(usize),
    /// The window was sized to the screen at the first start.
    WindowSized,
}

impl App {
    /// Applies a command of the Settings screen.
    pub(super) fn apply_settings(&mut self, command: SettingsCommand) {
        match command {
            SettingsCommand::SetTheme(theme) => self.prefs.theme = theme,
            SettingsCommand::SetTextScale(percent) => {
                self.prefs.text_scale_percent = percent.clamp(
                    *TEXT_SCALE_RANGE_PERCENT.start(),
                    *TEXT_SCALE_RANGE_PERCENT.end(),
                );
            }
            SettingsCommand::SetNewCardsPerDay(cards) => {
                self.prefs.new_cards_per_day = cards.min(MAX_NEW_CARDS_PER_DAY);
            }
            SettingsCommand::WindowSized => self.prefs.window_sized = true,
        }
    }

    /// The preferences, as they are to be kept.
    pub fn prefs(&self) -> &Prefs {
        &self.prefs
    }
}
