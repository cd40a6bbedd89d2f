//! Where the screens find a deck's pictures: an address egui's image loaders read.
//!
//! A deck loaded from a file has its pictures beside it, read by the file loader; a bundled
//! deck's pictures are inside the binary and handed to egui once, as bytes, under the same
//! addresses every time.

use std::path::Path;
use std::sync::Arc;

use crate::deck::{self, DeckId};

use super::{App, Origin};

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
    /// The bytes of the picture `file` of the library's deck `id`, read within the limits a
    /// deck's pictures have; why not, in words.
    pub fn picture_bytes(&self, id: &DeckId, file: &str) -> Result<Arc<[u8]>, String> {
        let entry = self
            .library
            .iter()
            .find(|e| e.deck.as_ref().is_ok_and(|d| d.id() == id))
            .ok_or_else(|| format!("the deck {id} is no longer in the library"))?;
        match entry.origin {
            Origin::Bundled => deck::BUNDLED_IMAGES
                .iter()
                .find(|(f, _)| *f == file)
                .map(|(_, bytes)| Arc::from(*bytes))
                .ok_or_else(|| format!("{file} is not inside quizdesk")),
            Origin::UserFolder | Origin::Opened => {
                deck::images::read_picture(deck::deck_folder(&entry.path), file)
                    .map(Arc::from)
                    .map_err(|problem| problem.to_string())
            }
        }
    }

    /// The address of the picture `file` of the library's deck `id`; `None` when no deck in
    /// the library has that id.
    pub fn picture_uri(&self, id: &DeckId, file: &str) -> Option<String> {
        let entry = self
            .library
            .iter()
            .find(|e| e.deck.as_ref().is_ok_and(|d| d.id() == id))?;
        Some(match entry.origin {
            Origin::Bundled => picture_uri(None, file),
            Origin::UserFolder | Origin::Opened => {
                picture_uri(Some(deck::deck_folder(&entry.path)), file)
            }
        })
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
