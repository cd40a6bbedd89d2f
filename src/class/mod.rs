//! Class results for teachers, with no server: students export their results to a file, and the
//! teacher reads many such files into one table of students by questions.
//!
//! Pure: files are read, never written, here. [`parse_results`] reads one file (or
//! [`read_results_file`] from disk); [`class_table`] merges many (each session and each answer
//! once) and tabulates one deck's quiz answers; [`ClassTable::to_csv`] writes it for a
//! gradebook.

pub mod export;
mod file;
mod merge;
mod read;
mod table;

pub use file::{RESULTS_FORMAT, RESULTS_FORMAT_VERSION, ResultsFile};
pub use merge::StudentKey;
pub use read::{
    InstallId, MAX_RESULTS_BYTES, RESULTS_EXTENSION, ReadError, ResultsRead, TextPosition,
    find_results_files, parse_results, read_results_file,
};
pub use table::{
    CLASS_ROW_NAME, Cell, ClassTable, Column, DeckChoice, DeckCount, FileSummary, QuestionAccuracy,
    StudentRow, TableDeck, TableDeckInfo, VersionFlag, class_table, percent_text,
    version_flag_text,
};

#[cfg(test)]
mod tests;
