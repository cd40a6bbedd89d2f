//! `quizdesk import`: a deck made from a question bank in another tool's format.

use std::path::Path;
use std::process::ExitCode;

use crate::deck;
use crate::import::{CardSeparator, ImportOptions, TermSeparator};

/// What the command line says about an import, beyond the file and where the deck goes.
pub(super) struct Settings {
    /// `--id`: the deck's id (default: made from the file name).
    pub(super) id: Option<String>,
    /// `--title`: the deck's title (default: the file name).
    pub(super) title: Option<String>,
    /// `--language`.
    pub(super) language: String,
    /// `--as-choice`.
    pub(super) as_choice: bool,
    /// `--seed`.
    pub(super) seed: u64,
    /// `--term-sep`: `tab`, `comma` or the text itself.
    pub(super) term_sep: Option<String>,
    /// `--card-sep`: `newline`, `semicolon` or the text itself.
    pub(super) card_sep: Option<String>,
}

impl Settings {
    /// The import options for `file`: its defaults ([`ImportOptions::for_file`]), with what was
    /// given instead.
    fn options(&self, file: &Path) -> ImportOptions {
        let defaults = ImportOptions::for_file(file);
        ImportOptions {
            deck_id: self.id.clone().unwrap_or(defaults.deck_id),
            title: self.title.clone().unwrap_or(defaults.title),
            language: self.language.clone(),
            as_choice: self.as_choice,
            seed: self.seed,
        }
    }

    /// The Quizlet separators given, if either was; the other is then Quizlet's default (tab
    /// between term and definition, a new line between cards).
    fn separators(&self) -> Option<(TermSeparator, CardSeparator)> {
        if self.term_sep.is_none() && self.card_sep.is_none() {
            return None;
        }
        let term = self
            .term_sep
            .as_deref()
            .map_or(TermSeparator::Tab, |t| match t {
                "tab" => TermSeparator::Tab,
                "comma" => TermSeparator::Comma,
                _ => TermSeparator::Custom(t.to_owned()),
            });
        let card = self
            .card_sep
            .as_deref()
            .map_or(CardSeparator::NewLine, |c| match c {
                "newline" => CardSeparator::NewLine,
                "semicolon" => CardSeparator::Semicolon,
                _ => CardSeparator::Custom(c.to_owned()),
            });
        Some((term, card))
    }
}

/// Imports `file` into a new deck file at `output` (replacing one only with `force`), and says
/// what came in, what was done to read it (`FILE: note: ...`, such as the encoding it was
/// converted from) and which rows were skipped.
pub(super) fn import(file: &Path, output: &Path, force: bool, settings: &Settings) -> ExitCode {
    let options = settings.options(file);
    let separators = settings.separators();
    if output.exists() && !force {
        eprintln!(
            "error: {} already exists; choose another name with -o, or add --force to replace it",
            output.display()
        );
        return ExitCode::FAILURE;
    }
    let bytes = match crate::import::read_import_file(file) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let format = crate::import::ImportFormat::of_path(file);
    let imported = match crate::import::import_bytes(&bytes, format, separators, &options) {
        Ok(imported) => imported,
        Err(crate::import::ImportError::NothingImportable { skipped }) => {
            for row in &skipped {
                eprintln!("{}:{}: skipped: {}", file.display(), row.row, row.reason);
            }
            eprintln!("error: nothing in {} could be imported", file.display());
            return ExitCode::FAILURE;
        }
        Err(e) => {
            eprintln!("error: {}: {e}", file.display());
            return ExitCode::FAILURE;
        }
    };
    for note in &imported.notes {
        eprintln!("{}: note: {note}", file.display());
    }
    for row in &imported.skipped {
        eprintln!("{}:{}: skipped: {}", file.display(), row.row, row.reason);
    }
    // Checked before anything is written: an imported deck always passes `quizdesk check`.
    let text = match deck::deck_file_text(&imported.deck) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("error: {} was not written: {e}", output.display());
            return ExitCode::FAILURE;
        }
    };
    if let Err(e) = crate::store::write_file_atomic(output, text.as_bytes()) {
        eprintln!("error: {e}");
        return ExitCode::FAILURE;
    }
    println!(
        "imported {} question(s) from {} ({}) into {}; {} row(s) skipped",
        imported.deck.questions.len(),
        file.display(),
        format.label(),
        output.display(),
        imported.skipped.len()
    );
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> Settings {
        Settings {
            id: None,
            title: None,
            language: "en".to_owned(),
            as_choice: false,
            seed: 1,
            term_sep: None,
            card_sep: None,
        }
    }

    #[test]
    fn without_options_the_file_name_chooses() {
        let file = Path::new("Unit 3.txt");
        assert_eq!(settings().options(file), ImportOptions::for_file(file));
        assert_eq!(settings().separators(), None);
    }

    #[test]
    fn options_given_replace_the_file_names() {
        let given = Settings {
            id: Some("my-id".to_owned()),
            title: Some("My title".to_owned()),
            language: "fr".to_owned(),
            as_choice: true,
            seed: 9,
            ..settings()
        };
        assert_eq!(
            given.options(Path::new("Unit 3.txt")),
            ImportOptions {
                deck_id: "my-id".to_owned(),
                title: "My title".to_owned(),
                language: "fr".to_owned(),
                as_choice: true,
                seed: 9,
            }
        );
        // A title alone leaves the id made from the file name, as before.
        let titled = Settings {
            title: Some("My title".to_owned()),
            ..settings()
        };
        assert_eq!(titled.options(Path::new("Unit 3.txt")).deck_id, "unit-3");
    }

    #[test]
    fn one_separator_given_keeps_quizlets_default_for_the_other() {
        let term = Settings {
            term_sep: Some("comma".to_owned()),
            ..settings()
        };
        assert_eq!(
            term.separators(),
            Some((TermSeparator::Comma, CardSeparator::NewLine))
        );
        let card = Settings {
            card_sep: Some("||".to_owned()),
            ..settings()
        };
        assert_eq!(
            card.separators(),
            Some((TermSeparator::Tab, CardSeparator::Custom("||".to_owned())))
        );
    }
}
