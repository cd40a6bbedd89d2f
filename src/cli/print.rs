//! `quizdesk print`: a worksheet, an answer key, flashcards or a handout, as a PDF file.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::deck;
use crate::print::{self, PrintKind};

/// What `print` was asked.
pub(super) struct PrintArgs {
    /// A deck file, or a deck's id.
    pub deck: String,
    /// What to print.
    pub what: PrintKind,
    /// How many versions (worksheet and key).
    pub versions: u32,
    /// The seed of the shuffles; random when `None`.
    pub seed: Option<u64>,
    /// The PDF file to write.
    pub output: PathBuf,
}

/// Typesets the request and writes the PDF; says where, and with which seed.
pub(super) fn print(args: &PrintArgs, user_decks_dir: &Path) -> ExitCode {
    let (deck, file) = match deck::lookup::find_deck_and_file(&args.deck, user_decks_dir) {
        Ok(found) => found,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    if !(1..=print::MAX_VERSIONS).contains(&args.versions) {
        eprintln!(
            "error: --versions takes 1 to {} (A to Z)",
            print::MAX_VERSIONS
        );
        return ExitCode::from(2);
    }
    let seed = args.seed.unwrap_or_else(rand::random);
    let pdf = match print::make_pdf(&deck, file.as_deref(), args.what, (args.versions, seed)) {
        Ok(pdf) => pdf,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    match crate::store::write_file_atomic(&args.output, &pdf) {
        Ok(()) => {
            let shuffled = matches!(args.what, PrintKind::Worksheet | PrintKind::Key);
            let again = if shuffled {
                format!(" (seed {seed}: give --seed {seed} for the same versions again)")
            } else {
                String::new()
            };
            println!(
                "printed the {} of {} to {}{again}",
                args.what.label().to_lowercase(),
                deck.title(),
                args.output.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
