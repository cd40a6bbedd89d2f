//! `quizdesk export`: a checked deck, printed in another format.

use std::io::Write as _;
use std::path::Path;
use std::process::ExitCode;

use super::formats::ExportFormat;
use crate::deck;

/// Prints the deck at `path` as `format`, or its problems if it has any.
pub(super) fn export(path: &Path, format: ExportFormat) -> ExitCode {
    let deck = match deck::load_deck(path) {
        Ok(deck) => deck,
        Err(e) => {
            eprint!("{}", e.report().render());
            eprintln!("not exported: fix the problems above first (`quizdesk check` lists them)");
            return ExitCode::FAILURE;
        }
    };
    let mut out = std::io::stdout().lock();
    let written = match format {
        ExportFormat::Json => serde_json::to_writer_pretty(&mut out, &deck)
            .map_err(std::io::Error::other)
            .and_then(|()| writeln!(out)),
        ExportFormat::Ron => out.write_all(deck::to_ron(&deck::from_validated(&deck)).as_bytes()),
        ExportFormat::Csv => out.write_all(crate::import::to_csv(&deck).as_bytes()),
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: could not write the export: {e}");
            ExitCode::FAILURE
        }
    }
}
