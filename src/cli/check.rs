//! `quizdesk check`: every problem in deck files, with where it is and what to do.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use serde::Serialize;

use super::formats::CheckFormat;
use crate::deck::{self, JsonDiagnostic};

/// Mends the quotes of the deck at `file` in place, keeping the old file as `.bak`, and says
/// what was done on stderr (stdout keeps the results, which may be JSON). A file that cannot be
/// read is left to the check that follows, which reports it.
fn fix_quotes(file: &std::path::Path) {
    let Ok(bytes) = deck::read_deck_bytes(file) else {
        return;
    };
    let Some(mended) = deck::mend_quotes(&bytes) else {
        return;
    };
    match crate::store::write_file_atomic(file, mended.text.as_bytes()) {
        Ok(()) => eprintln!(
            "fixed: {}: {} quote(s) around {} text(s) made straight; the file as it was is kept as {}.bak",
            file.display(),
            mended.quotes,
            mended.texts,
            file.display(),
        ),
        Err(e) => eprintln!("error: could not fix the quotes: {e}"),
    }
}

/// The JSON document printed by `check --format json`.
#[derive(Serialize)]
struct CheckSummary<'a> {
    files_checked: usize,
    valid: usize,
    invalid: usize,
    errors: usize,
    warnings: usize,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

/// Checks the decks in `paths` (files, or folders searched for deck files) and prints every
/// problem; success only when every deck is valid. With `fix`, first mends the quotes of each
/// deck that needs it (see [`deck::mend_quotes`]), keeping a `.bak` of it.
pub(super) fn check(paths: &[PathBuf], format: CheckFormat, fix: bool) -> ExitCode {
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

    if fix {
        for file in &files {
            fix_quotes(file);
        }
    }

    let mut loaded = Vec::new();
    // The warnings of each deck that loaded, by file.
    let mut warned = Vec::new();
    for file in files {
        match deck::load_deck_checked(&file) {
            Ok((d, warnings)) => {
                if !warnings.diagnostics.is_empty() {
                    warned.push(warnings);
                }
                loaded.push((file, d));
            }
            Err(e) => reports.push(e.0),
        }
    }
    let mut duplicates = deck::duplicate_deck_ids(&loaded);
    // A deck whose id is taken has an error now: its warnings join that report, in file order.
    for report in &mut duplicates {
        if let Some(at) = warned.iter().position(|w| w.path == report.path) {
            let warnings = warned.remove(at);
            report.diagnostics.extend(warnings.diagnostics);
            report.diagnostics.sort_by_key(|d| d.span.start);
        }
    }
    let valid: Vec<(&PathBuf, usize)> = loaded
        .iter()
        .filter(|(file, _)| !duplicates.iter().any(|r| &r.path == file))
        .map(|(file, d)| (file, d.questions().len()))
        .collect();
    reports.extend(duplicates);
    let checked = loaded.len() + reports.len() - (loaded.len() - valid.len());
    let invalid = reports.len();
    // Warnings after the errors, in the order the decks were checked.
    reports.extend(warned);
    let errors: usize = reports.iter().map(|r| r.count(deck::Severity::Error)).sum();
    let warnings: usize = reports
        .iter()
        .map(|r| r.count(deck::Severity::Warning))
        .sum();

    let mut out = std::io::stdout().lock();
    let written = match format {
        CheckFormat::Text => {
            let mut text = String::new();
            for (file, questions) in &valid {
                let warned = reports
                    .iter()
                    .find(|r| &&r.path == file)
                    .map_or(0, |r| r.diagnostics.len());
                let warned = match warned {
                    0 => String::new(),
                    n => format!(", {n} warning(s)"),
                };
                text.push_str(&format!(
                    "ok: {} ({questions} questions{warned})\n",
                    file.display()
                ));
            }
            for report in &reports {
                text.push_str(&report.render());
            }
            // The line stays as it was for decks without warnings, so scripts reading it go on
            // working.
            let warnings = if warnings > 0 {
                format!(" and {warnings} warning(s)")
            } else {
                String::new()
            };
            text.push_str(&format!(
                "checked {checked} deck(s): {} valid, {invalid} with errors ({errors} error(s){warnings} in all)\n",
                valid.len(),
            ));
            out.write_all(text.as_bytes())
        }
        CheckFormat::Json => {
            let summary = CheckSummary {
                files_checked: checked,
                valid: valid.len(),
                invalid,
                errors,
                warnings,
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
    // Warnings never fail the check: the deck works as it is.
    if invalid == 0 && checked > 0 {
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
