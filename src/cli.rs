//! The command line: argument definitions and the commands that need no window.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use serde::Serialize;

use crate::deck::{self, JsonDiagnostic};

/// quizdesk: quizzes and flashcards for studying and teaching one topic, offline.
///
/// Decks are RON files; see docs/deck-format.md and decks/sample-every-kind.ron.
#[derive(Debug, Parser)]
#[command(name = "quizdesk", version, about, long_about)]
pub struct Cli {
    /// What to do; without one, quizdesk lists its commands.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check deck files for mistakes, and say exactly where each one is.
    ///
    /// Give one or more deck files or folders (folders are searched for *.ron files, including
    /// subfolders). Every problem is printed as `file:line:column: error: message`, followed by
    /// the line at fault and what to do about it.
    ///
    /// Exit status: 0 when every deck is valid, 1 when any deck has an error, 2 when the command
    /// itself was mistyped.
    #[command(
        after_help = "Examples:\n  quizdesk check decks/\n  quizdesk check my-deck.ron --format json"
    )]
    Check {
        /// Deck files or folders to check.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// How to print the results: `text` for people, `json` for editors and scripts.
        #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
    },
    /// Print a deck, after checking it, in another format that other tools can read.
    ///
    /// The deck is checked first; if it has a mistake, the problems are printed instead (as
    /// with `check`) and the exit status is 1.
    #[command(
        after_help = "Example:\n  quizdesk export decks/fentanyl-social-media.ron --format json > deck.json"
    )]
    Export {
        /// The deck file to export.
        #[arg(value_name = "DECK")]
        deck: PathBuf,
        /// The output format.
        #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
        format: ExportFormat,
    },
}

/// Output formats of `check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// Human-readable, with the offending line and a caret.
    Text,
    /// One JSON document with every diagnostic.
    Json,
}

/// Output formats of `export`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// The validated deck as JSON.
    Json,
}

/// Runs a parsed command line and returns the process exit status.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Some(Command::Check { paths, format }) => check(&paths, format),
        Some(Command::Export { deck, format }) => export(&deck, format),
        None => {
            // The desktop window comes with the study app; until then, say what there is.
            let mut command = <Cli as clap::CommandFactory>::command();
            let help = command.render_long_help();
            println!("{help}");
            println!(
                "The study window is not built yet. Try `quizdesk check decks/` to check the bundled decks."
            );
            ExitCode::SUCCESS
        }
    }
}

/// The JSON document printed by `check --format json`.
#[derive(Serialize)]
struct CheckSummary<'a> {
    files_checked: usize,
    valid: usize,
    invalid: usize,
    errors: usize,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

fn check(paths: &[PathBuf], format: CheckFormat) -> ExitCode {
    let mut files = Vec::new();
    let mut reports = Vec::new();
    for path in paths {
        if !path.exists() {
            // A missing path is reported like any unreadable deck, so scripts see it too.
            if let Err(e) = deck::load_deck(path) {
                reports.push(e.0);
            }
            continue;
        }
        let (found, unreadable) = deck::find_deck_files(path);
        if found.is_empty() && unreadable.is_empty() {
            eprintln!(
                "warning: no .ron deck files in {}; nothing to check there",
                path.display()
            );
        }
        for (dir, error) in unreadable {
            reports.push(unreadable_report(dir, &error));
        }
        files.extend(found);
    }

    let mut loaded = Vec::new();
    for file in files {
        match deck::load_deck(&file) {
            Ok(d) => loaded.push((file, d)),
            Err(e) => reports.push(e.0),
        }
    }
    let duplicates = deck::duplicate_deck_ids(&loaded);
    let valid: Vec<(&PathBuf, usize)> = loaded
        .iter()
        .filter(|(file, _)| !duplicates.iter().any(|r| &r.path == file))
        .map(|(file, d)| (file, d.questions().len()))
        .collect();
    reports.extend(duplicates);
    let checked = loaded.len() + reports.len() - (loaded.len() - valid.len());
    let errors: usize = reports.iter().map(|r| r.diagnostics.len()).sum();

    let mut out = std::io::stdout().lock();
    let written = match format {
        CheckFormat::Text => {
            let mut text = String::new();
            for (file, questions) in &valid {
                text.push_str(&format!("ok: {} ({questions} questions)\n", file.display()));
            }
            for report in &reports {
                text.push_str(&report.render());
            }
            text.push_str(&format!(
                "checked {checked} deck(s): {} valid, {} with errors ({errors} error(s) in all)\n",
                valid.len(),
                reports.len(),
            ));
            out.write_all(text.as_bytes())
        }
        CheckFormat::Json => {
            let summary = CheckSummary {
                files_checked: checked,
                valid: valid.len(),
                invalid: reports.len(),
                errors,
                diagnostics: reports
                    .iter()
                    .flat_map(deck::Report::json_diagnostics)
                    .collect(),
            };
            serde_json::to_writer_pretty(&mut out, &summary)
                .map_err(std::io::Error::other)
                .and_then(|()| writeln!(out))
        }
    };
    if let Err(e) = written {
        eprintln!("error: could not write the results: {e}");
        return ExitCode::FAILURE;
    }
    if reports.is_empty() && checked > 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn unreadable_report(path: PathBuf, error: &std::io::Error) -> deck::Report {
    deck::Report {
        path,
        text: None,
        diagnostics: vec![deck::Diagnostic::error(
            deck::Problem::Unreadable {
                reason: error.to_string(),
            },
            deck::Span::point(deck::Position::START),
        )],
    }
}

fn export(path: &std::path::Path, format: ExportFormat) -> ExitCode {
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
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: could not write the export: {e}");
            ExitCode::FAILURE
        }
    }
}
