//! `quizdesk class`: students' results files read into one table.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde::Serialize;

use super::formats::ClassFormat;
use crate::deck;

/// A skipped results file in `class --format json`.
#[derive(Serialize)]
struct SkippedFile {
    file: String,
    line: Option<usize>,
    column: Option<usize>,
    message: String,
}

/// What `class --format json` prints: the table and the files that could not be read.
#[derive(Serialize)]
struct ClassJson<'a> {
    #[serde(flatten)]
    table: &'a crate::class::ClassTable,
    skipped: Vec<SkippedFile>,
}

/// Reads the results files in `paths` (files, or folders of them) into one table for a deck
/// (`deck_name`, or the one with the most quiz sessions) and prints it.
pub(super) fn class(
    data_dir: &Path,
    paths: &[PathBuf],
    deck_name: Option<&str>,
    format: ClassFormat,
) -> ExitCode {
    let decks_dir = data_dir.join("decks");
    let reference = match deck_name
        .map(|name| deck::lookup::find_deck(name, &decks_dir))
        .transpose()
    {
        Ok(reference) => reference,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let mut read = Vec::new();
    let mut skipped = Vec::new();
    for path in paths {
        let files = match crate::class::find_results_files(path) {
            Ok(files) => files,
            Err(e) => {
                skipped.push((
                    path.display().to_string(),
                    crate::class::ReadError::Unreadable {
                        reason: e.to_string(),
                    },
                ));
                continue;
            }
        };
        if files.is_empty() {
            eprintln!(
                "warning: no .{} results files in {}; nothing to read there",
                crate::class::RESULTS_EXTENSION,
                path.display()
            );
        }
        for file in files {
            match crate::class::read_results_file(&file) {
                Ok(results) => read.push(results),
                Err(e) => skipped.push((file.display().to_string(), e)),
            }
        }
    }
    for (file, error) in &skipped {
        match error.position() {
            Some(at) => eprintln!("{file}:{at}: skipped: {error}"),
            None => eprintln!("{file}: skipped: {error}"),
        }
    }
    if read.is_empty() {
        eprintln!("error: no results file could be read");
        return ExitCode::FAILURE;
    }
    let files: Vec<&crate::class::ResultsRead> = read.iter().collect();
    let table = crate::class::class_table(
        &files,
        reference.as_ref().map_or(
            crate::class::TableDeck::MostSessions,
            crate::class::TableDeck::Reference,
        ),
    );
    for note in table.notes() {
        eprintln!("note: {note}");
    }
    eprintln!(
        "read {} file(s), skipped {}: {} student(s), {} question(s){}",
        read.len(),
        skipped.len(),
        table.students.len(),
        table.columns.len(),
        table.deck.as_ref().map_or_else(String::new, |d| format!(
            ", deck {} version {}",
            d.id,
            d.version
                .map_or_else(|| "unknown".to_owned(), |v| v.to_string())
        ))
    );
    let mut out = std::io::stdout().lock();
    let written = match format {
        ClassFormat::Csv => out.write_all(table.to_csv().as_bytes()),
        ClassFormat::Json => {
            let json = ClassJson {
                table: &table,
                skipped: skipped
                    .iter()
                    .map(|(file, e)| SkippedFile {
                        file: file.clone(),
                        line: e.position().map(|p| p.line),
                        column: e.position().map(|p| p.column),
                        message: e.to_string(),
                    })
                    .collect(),
            };
            serde_json::to_writer_pretty(&mut out, &json)
                .map_err(std::io::Error::other)
                .and_then(|()| writeln!(out))
        }
    };
    if let Err(e) = written {
        eprintln!("error: could not write the table: {e}");
        return ExitCode::FAILURE;
    }
    if skipped.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
