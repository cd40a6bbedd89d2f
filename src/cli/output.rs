//! What the commands share: opening the store with its notices, and printing records.

use std::io::Write as _;
use std::path::Path;
use std::process::ExitCode;

use serde::Serialize;

use super::formats::HistoryFormat;
use crate::store::Store;

/// Opens the store for a command, printing its notices; the exit status on failure.
pub(super) fn open_store(data_dir: &Path) -> Result<Store, ExitCode> {
    match Store::open(data_dir) {
        Ok(opened) => {
            for notice in &opened.notices {
                eprintln!("warning: {notice}");
            }
            Ok(opened.store)
        }
        Err(e) => {
            eprintln!("error: {e}");
            Err(ExitCode::FAILURE)
        }
    }
}

/// Prints records as pretty JSON, or as the CSV `csv` makes.
pub(super) fn print_records<T: Serialize>(
    records: &T,
    format: HistoryFormat,
    csv: impl FnOnce() -> String,
) -> ExitCode {
    let mut out = std::io::stdout().lock();
    let written = match format {
        HistoryFormat::Json => serde_json::to_writer_pretty(&mut out, records)
            .map_err(std::io::Error::other)
            .and_then(|()| writeln!(out)),
        HistoryFormat::Csv => out.write_all(csv().as_bytes()),
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: could not write the records: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The exit status of a command that only reports a failure: success, or the error printed.
pub(super) fn exit_status<E: std::fmt::Display>(result: Result<(), E>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
