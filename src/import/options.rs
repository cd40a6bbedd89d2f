//! The options an import starts with, chosen from the name of the file imported: what
//! `quizdesk import FILE` uses where no option is given, and what the app's import dialog shows
//! first.

use std::collections::HashSet;
use std::path::Path;

use super::ImportOptions;

/// The title (and the source of the id) of a deck imported from a file with no name.
const UNNAMED_TITLE: &str = "imported";

impl ImportOptions {
    /// The default options for importing `path`: the deck's title is the file's name without
    /// its extension (`imported` when it has none), its id is made from that title (see
    /// [`crate::deck::question_id_from_prompt`]), its language is `en`, and Quizlet cards stay
    /// flashcards (seed 1 if they are made into choices).
    ///
    /// The format comes from the name too: see [`super::ImportFormat::of_path`].
    pub fn for_file(path: &Path) -> Self {
        let title = path.file_stem().map_or_else(
            || UNNAMED_TITLE.to_owned(),
            |stem| stem.to_string_lossy().into_owned(),
        );
        Self {
            deck_id: crate::deck::question_id_from_prompt(&title, &HashSet::new()),
            title,
            language: "en".to_owned(),
            as_choice: false,
            seed: 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_and_id_come_from_the_file_name() {
        let options = ImportOptions::for_file(Path::new("exports/Unit 3 Vocabulary.txt"));
        assert_eq!(
            options,
            ImportOptions {
                deck_id: "unit-3-vocabulary".to_owned(),
                title: "Unit 3 Vocabulary".to_owned(),
                language: "en".to_owned(),
                as_choice: false,
                seed: 1,
            }
        );
    }

    #[test]
    fn only_the_last_extension_is_dropped() {
        let options = ImportOptions::for_file(Path::new("quiz.backup.csv"));
        assert_eq!(options.title, "quiz.backup");
    }

    #[test]
    fn a_path_with_no_file_name_is_titled_imported() {
        for path in ["", "/", ".."] {
            let options = ImportOptions::for_file(Path::new(path));
            assert_eq!(options.title, "imported", "{path:?}");
            assert_eq!(options.deck_id, "imported", "{path:?}");
        }
    }

    #[test]
    fn the_id_is_always_a_valid_deck_id() {
        for name in [
            "Ünïcode quiz.csv",
            "!!!.txt",
            "  spaced  .xlsx",
            "a/b\\c.txt",
        ] {
            let options = ImportOptions::for_file(Path::new(name));
            assert!(
                crate::deck::is_valid_id(&options.deck_id),
                "{name:?} gave {:?}",
                options.deck_id
            );
        }
    }
}
