//! Where the screens find a deck's pictures: an address egui's image loaders read.
//!
//! A deck loaded from a file has its pictures beside it, read by the file loader; a bundled
//! deck's pictures are inside the binary and handed to egui once, as bytes, under the same
//! addresses every time.

use std::path::Path;
use std::sync::Arc;

use crate::deck::{self, DeckId};

use super::App;

/// The start of the addresses of the bundled decks' pictures.
const BUNDLED: &str = "bytes://quizdesk/bundled/";

/// The address of the picture `file` of a deck in `folder`, or of a bundled deck (`None`).
pub fn picture_uri(folder: Option<&Path>, file: &str) -> String {
    match folder {
        Some(folder) => format!("file://{}", folder.join(file).display()),
        None => format!("{BUNDLED}{file}"),
    }
}

/// The bundled decks' pictures, each with its address, to hand to egui at start.
pub fn bundled_pictures() -> impl Iterator<Item = (String, &'static [u8])> {
    deck::BUNDLED_IMAGES
        .iter()
        .map(|(file, bytes)| (picture_uri(None, file), *bytes))
}

impl App {
    /// The file the library's deck `id` was read from, `Some(None)` for a bundled deck; `None`
    /// when no deck in the library has that id.
    fn deck_file_of(&self, id: &DeckId) -> Option<Option<&Path>> {
        self.library
            .iter()
            .find(|e| e.deck.as_ref().is_ok_and(|d| d.id() == id))
            .map(super::LibraryEntry::file)
    }

    /// The bytes of the picture `file` of the library's deck `id`, read within the limits a
    /// deck's pictures have; why not, in words.
    pub fn picture_bytes(&self, id: &DeckId, file: &str) -> Result<Arc<[u8]>, String> {
        let deck_file = self
            .deck_file_of(id)
            .ok_or_else(|| format!("the deck {id} is no longer in the library"))?;
        deck::images::picture_of(deck_file, file)
            .map(Arc::from)
            .map_err(|problem| problem.to_string())
    }

    /// The address of the picture `file` of the library's deck `id`; `None` when no deck in
    /// the library has that id.
    pub fn picture_uri(&self, id: &DeckId, file: &str) -> Option<String> {
        let deck_file = self.deck_file_of(id)?;
        Some(picture_uri(deck_file.map(deck::deck_folder), file))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pictures_are_found_beside_their_deck_or_inside_the_binary() {
        assert_eq!(
            picture_uri(Some(Path::new("/home/t/decks")), "images/a.png"),
            "file:///home/t/decks/images/a.png"
        );
        assert_eq!(
            picture_uri(None, "images/pencil-tip.svg"),
            "bytes://quizdesk/bundled/images/pencil-tip.svg"
        );
        assert!(bundled_pictures().count() >= 1);
    }
}
