//! Which decks the statistics cover: a leaf every part of `stats` filters rows with.

/// Which decks the statistics cover.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Scope {
    /// Every deck the profile has used.
    #[default]
    All,
    /// One deck, by id.
    Deck(String),
}

impl Scope {
    /// Whether rows of `deck_id` count.
    pub fn includes(&self, deck_id: &str) -> bool {
        match self {
            Self::All => true,
            Self::Deck(id) => id == deck_id,
        }
    }
}
