//! Finding the deck a user names on the command line (`quizdesk quiz DECK`,
//! `quizdesk class --deck DECK`): a deck id first (a bundled deck's, then one in the user's decks
//! folder), then a deck file.
//!
//! Read only: decks are loaded, nothing is written.

use std::path::{Path, PathBuf};

use super::{Deck, Report};

/// Why no deck could be found for a name.
#[derive(Debug, thiserror::Error)]
pub enum FindDeckError {
    /// The name is no deck's id, and no file has it as its path.
    #[error(
        "there is no deck file or deck id \"{name}\"; give a .ron deck file, or the id of a bundled deck or of one in {}",
        decks_dir.display()
    )]
    NotFound {
        /// The name as given.
        name: String,
        /// The user's decks folder, whose decks' ids were tried.
        decks_dir: PathBuf,
    },
    /// The name is no deck's id, and it is the path of a folder. The message is the same as
    /// [`FindDeckError::NotFound`]'s (as `quizdesk class` has always said); the app tells a
    /// folder apart by this variant.
    #[error(
        "there is no deck file or deck id \"{}\"; give a .ron deck file, or the id of a bundled deck or of one in {}",
        path.display(),
        decks_dir.display()
    )]
    Folder {
        /// The folder's path, as given.
        path: PathBuf,
        /// The user's decks folder, whose decks' ids were tried.
        decks_dir: PathBuf,
    },
    /// The file was found, but it is not a valid deck.
    #[error(
        "{}the deck has problems: fix them first (`quizdesk check` lists them)",
        .report.render()
    )]
    Invalid {
        /// Every problem, with its place in the file.
        report: Box<Report>,
    },
}

/// The deck file `name` is the path of, for a name that is no deck id: the path if it is a
/// file; [`FindDeckError::Folder`] if it is a folder; [`FindDeckError::NotFound`] if nothing is
/// there (or something that is neither, such as a named pipe). `user_decks_dir` is only named in
/// the messages.
///
/// Whether `name` is a deck id is the caller's to check first (see [`find_deck`]; the app
/// looks in its library).
pub fn deck_file(name: &str, user_decks_dir: &Path) -> Result<PathBuf, FindDeckError> {
    let path = PathBuf::from(name);
    if path.is_file() {
        Ok(path)
    } else if path.is_dir() {
        Err(FindDeckError::Folder {
            path,
            decks_dir: user_decks_dir.to_owned(),
        })
    } else {
        Err(FindDeckError::NotFound {
            name: name.to_owned(),
            decks_dir: user_decks_dir.to_owned(),
        })
    }
}

/// The deck `name` names, loaded: the bundled deck with that id, else the first deck (in file
/// order) with that id in `user_decks_dir` and its subfolders, else the deck file at that path
/// (see [`deck_file`]).
///
/// A deck in the decks folder that does not load is passed over, as in the library; a file
/// named directly that does not load is [`FindDeckError::Invalid`], with every problem.
pub fn find_deck(name: &str, user_decks_dir: &Path) -> Result<Deck, FindDeckError> {
    find_deck_and_file(name, user_decks_dir).map(|(deck, _)| deck)
}

/// [`find_deck`], with the deck's file (`None` for a bundled deck), which its pictures are
/// beside.
pub fn find_deck_and_file(
    name: &str,
    user_decks_dir: &Path,
) -> Result<(Deck, Option<PathBuf>), FindDeckError> {
    if let Some(found) = super::bundled_deck(name) {
        return Ok((found, None));
    }
    let (files, _unreadable) = super::find_deck_files(user_decks_dir);
    if let Some(found) = files.iter().find_map(|file| {
        super::load_deck(file)
            .ok()
            .filter(|deck| deck.id().as_str() == name)
            .map(|deck| (deck, Some(file.clone())))
    }) {
        return Ok(found);
    }
    let path = deck_file(name, user_decks_dir)?;
    super::load_deck(&path)
        .map(|deck| (deck, Some(path)))
        .map_err(|e| FindDeckError::Invalid {
            report: Box::new(e.0),
        })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    /// A folder under the system's temp folder, deleted when dropped.
    struct TempDir(PathBuf);

    impl TempDir {
        fn new(name: &str) -> Self {
            let path = std::env::temp_dir().join(format!(
                "quizdesk-deck-lookup-{name}-{}-{}",
                std::process::id(),
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap_or_default()
                    .as_nanos()
            ));
            std::fs::create_dir_all(&path).unwrap();
            Self(path)
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn deck_text(id: &str, title: &str) -> String {
        format!(
            r#"Deck(
    id: "{id}",
    title: "{title}",
    description: "A deck for the lookup tests.",
    language: "en",
    authors: ["Ms. Rivera"],
    version: 1,
    questions: [
        Question(
            id: "q",
            prompt: "Which?",
            answer: SingleChoice(options: [Correct("This"), Wrong("That")]),
        ),
    ],
)
"#
        )
    }

    fn name(path: &Path) -> String {
        path.to_str().unwrap().to_owned()
    }

    #[test]
    fn a_bundled_id_comes_first() {
        let dir = TempDir::new("bundled");
        // A user's deck with a bundled deck's id loses to the bundled one.
        std::fs::write(
            dir.0.join("copy.ron"),
            deck_text("sample-every-kind", "My copy"),
        )
        .unwrap();
        let deck = find_deck("sample-every-kind", &dir.0).unwrap();
        assert_ne!(deck.title(), "My copy");
    }

    #[test]
    fn an_id_in_the_decks_folder_and_its_subfolders_is_found() {
        let dir = TempDir::new("user-id");
        std::fs::create_dir(dir.0.join("unit")).unwrap();
        std::fs::write(dir.0.join("broken.ron"), "Deck(").unwrap();
        std::fs::write(
            dir.0.join("unit").join("volcanoes.ron"),
            deck_text("volcanoes", "Volcanoes"),
        )
        .unwrap();
        let deck = find_deck("volcanoes", &dir.0).unwrap();
        assert_eq!(deck.title(), "Volcanoes");
    }

    #[test]
    fn a_file_path_is_loaded_when_no_deck_has_the_id() {
        let dir = TempDir::new("file");
        let decks = dir.0.join("decks");
        let file = dir.0.join("elsewhere.ron");
        std::fs::write(&file, deck_text("elsewhere", "Elsewhere")).unwrap();
        assert_eq!(deck_file(&name(&file), &decks).unwrap(), file);
        let deck = find_deck(&name(&file), &decks).unwrap();
        assert_eq!(deck.id().as_str(), "elsewhere");
    }

    #[test]
    fn nothing_there_says_what_to_give_and_where_ids_were_looked_for() {
        let dir = TempDir::new("missing");
        let error = find_deck("no-such-deck", &dir.0).unwrap_err();
        assert!(matches!(&error, FindDeckError::NotFound { name, .. } if name == "no-such-deck"));
        assert_eq!(
            error.to_string(),
            format!(
                "there is no deck file or deck id \"no-such-deck\"; give a .ron deck file, or the id of a bundled deck or of one in {}",
                dir.0.display()
            )
        );
    }

    #[test]
    fn a_folder_is_told_apart_but_worded_like_nothing_there() {
        let dir = TempDir::new("folder");
        let folder = dir.0.join("somewhere");
        std::fs::create_dir(&folder).unwrap();
        let error = deck_file(&name(&folder), &dir.0).unwrap_err();
        assert!(matches!(&error, FindDeckError::Folder { path, .. } if *path == folder));
        assert!(
            error.to_string().starts_with(&format!(
                "there is no deck file or deck id \"{}\";",
                folder.display()
            )),
            "{error}"
        );
        assert!(matches!(
            find_deck(&name(&folder), &dir.0),
            Err(FindDeckError::Folder { .. })
        ));
    }

    #[test]
    fn a_file_with_problems_gives_every_problem_and_what_to_do() {
        let dir = TempDir::new("invalid");
        let file = dir.0.join("draft.ron");
        std::fs::write(&file, deck_text("Not An Id", "Draft")).unwrap();
        let error = find_deck(&name(&file), &dir.0).unwrap_err();
        let FindDeckError::Invalid { report } = &error else {
            panic!("{error:?}");
        };
        assert_eq!(report.path, file);
        let message = error.to_string();
        assert!(message.starts_with(&report.render()), "{message}");
        assert!(
            message
                .ends_with("the deck has problems: fix them first (`quizdesk check` lists them)"),
            "{message}"
        );
    }
}
