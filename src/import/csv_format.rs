//! quizdesk's CSV format: one question per row, under a header row naming the columns.
//!
//! Described for teachers in `docs/import.md`; `assets/import-template.csv` has one row of every
//! kind. [`to_csv`] writes the same format, so a deck exported and imported again keeps its
//! questions.
//!
//! The format's names ([`columns`]) and its list cells (`a|b`, escaped with `\`, in [`cells`])
//! are shared by the reader ([`read`]) and the writer ([`write`]); neither uses the other.

mod cells;
mod columns;
mod read;
#[cfg(test)]
mod tests;
mod write;

pub use columns::COLUMNS;
pub use read::csv;
pub(super) use read::{Table, delimiter, names_required_column};
pub use write::to_csv;
