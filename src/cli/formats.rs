//! The output formats the commands take (`--format`).

use clap::ValueEnum;

/// Output formats of `class`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ClassFormat {
    /// One row per student and a class accuracy row, one column per question.
    Csv,
    /// The whole table, with the counts behind every number and each file's summary.
    Json,
}

/// Output formats of `history`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum HistoryFormat {
    /// One JSON results file: every session with its deck version and its attempts.
    Json,
    /// One row per attempt, with its session's details, for spreadsheets.
    Csv,
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
    /// The deck as RON, written the way quizdesk's editor saves decks.
    Ron,
    /// The questions as CSV, in the format `quizdesk import` reads (docs/import.md).
    Csv,
}

/// What `print` makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum PrintWhat {
    /// The questions to answer on paper, with a name and date line.
    Worksheet,
    /// The answers of each version, with explanations and sources.
    Key,
    /// Flashcards to cut out, fronts and backs lined up for printing on both sides.
    Cards,
    /// The deck's resources on one page to take home.
    Handout,
}

impl From<PrintWhat> for crate::print::PrintKind {
    fn from(what: PrintWhat) -> Self {
        match what {
            PrintWhat::Worksheet => Self::Worksheet,
            PrintWhat::Key => Self::Key,
            PrintWhat::Cards => Self::Cards,
            PrintWhat::Handout => Self::Handout,
        }
    }
}
