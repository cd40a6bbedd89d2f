//! Importing questions from other tools: Quizlet text exports, quizdesk's CSV format, and Excel
//! spreadsheets in quizdesk's columns or Kahoot's quiz spreadsheet layout.
//!
//! Pure: each importer takes text or bytes already in memory and returns an [`Imported`] deck, or
//! an [`ImportError`] when the file as a whole cannot be read. Nothing here touches the disk but
//! [`read_import_file`], the one bounded read of a file to import. [`import_bytes`] turns a text
//! file's bytes into text first, converting from the encoding it detects when they are not UTF-8.
//!
//! A row that cannot be imported is skipped with its row number and the reason, and the other
//! rows still come in. A row is never guessed at: if its meaning is unclear (a correct-answer
//! number that points at an empty answer, a cell a kind does not use), it is skipped, so nothing
//! is imported silently wrong. Every question that comes in has passed the deck rules, and the
//! returned deck passes [`crate::deck::validate_raw`].
//!
//! The formats are described for teachers in `docs/import.md`.

mod csv_format;
mod decode;
mod ids;
mod kahoot;
mod options;
mod quizlet;
mod xlsx;

use std::fmt::Write as _;

use crate::deck::{self, PathProblem, Problem, raw};

pub use csv_format::{COLUMNS, csv, to_csv};
pub use decode::{Place, TextProblem};
pub use quizlet::{CardSeparator, TermSeparator, detect_quizlet_separators, quizlet};
pub use xlsx::{MAX_SHEET_COLUMNS, MAX_SHEET_ROWS, MAX_UNPACKED_BYTES, xlsx};

/// What an import produced: the deck, and the rows that were left out.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    /// The imported deck. It passes [`crate::deck::validate_raw`].
    pub deck: raw::Deck,
    /// The rows that could not be imported, in row order.
    pub skipped: Vec<SkippedRow>,
    /// What was done to read the file that the user may not expect, in plain words: the
    /// encoding its text was converted from, the separator between CSV columns when it is not
    /// a comma, the sheet and layout of a spreadsheet.
    pub notes: Vec<String>,
}

/// A row that was not imported, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SkippedRow {
    /// The row number, counting from 1, as a spreadsheet shows it: in a CSV file the header is
    /// row 1; in a Kahoot spreadsheet it is the sheet's row number; in a Quizlet export it is the
    /// card's position (the line number when cards are separated by new lines).
    pub row: usize,
    /// Why it was skipped, in plain words.
    pub reason: String,
}

/// The deck-level settings of an import.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportOptions {
    /// The new deck's id (see [`crate::deck::is_valid_id`]).
    pub deck_id: String,
    /// The new deck's title; not empty.
    pub title: String,
    /// The new deck's language tag, such as `en`.
    pub language: String,
    /// Quizlet only: make each card a single-choice question whose wrong options are other
    /// cards' definitions, instead of a flashcard.
    pub as_choice: bool,
    /// Quizlet only: seeds the choice of wrong options, so the same seed gives the same deck.
    pub seed: u64,
}

/// Why a file could not be imported at all.
///
/// Problems with single rows do not fail the import; they are listed in [`Imported::skipped`].
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ImportError {
    /// The deck id, title or language in the options breaks a deck rule.
    #[error("{}", options_message(.0))]
    InvalidOptions(Vec<PathProblem>),
    /// A custom Quizlet separator that is empty.
    #[error(
        "the custom {which} separator is empty; give the text that Quizlet put between {between}"
    )]
    EmptySeparator {
        /// "term" or "card".
        which: &'static str,
        /// What the separator stands between, for the message.
        between: &'static str,
    },
    /// The text cannot be read as CSV.
    #[error(
        "row {row} of this file cannot be read as CSV; open the file in your spreadsheet app and save it as \"CSV UTF-8 (Comma delimited)\" (in Excel: File → Save As), then import that file"
    )]
    NotCsv {
        /// The row (line) where the CSV reader stopped, from 1.
        row: u64,
    },
    /// Part of a text file cannot be read as text: not in the encoding it is marked or detected
    /// to be in, or no text at all.
    #[error("{place} {problem}; {}", decode::advice(.place))]
    Unreadable {
        /// Where: the row and column of a CSV file, the line of a Quizlet export.
        place: Place,
        /// What is wrong there.
        problem: TextProblem,
    },
    /// The CSV file has no header row.
    #[error(
        "this CSV file has no header row: its first row must name the columns, such as `kind,prompt,correct,wrong`; copy the first row of assets/import-template.csv"
    )]
    MissingHeader,
    /// The header row (of a CSV file or a spreadsheet in quizdesk's columns) names columns
    /// quizdesk does not know.
    #[error(
        "the header row names unknown column(s) {}; the columns quizdesk knows are {} (see docs/import.md)",
        quoted(.names),
        quoted(COLUMNS)
    )]
    UnknownColumns {
        /// The unknown names, as written.
        names: Vec<String>,
    },
    /// The header row lacks required columns.
    #[error("the header row lacks the column(s) {}; add them to the first row", quoted(.names))]
    MissingColumns {
        /// The missing columns.
        names: Vec<String>,
    },
    /// The header row names a column twice.
    #[error("the header row names the column `{name}` twice; keep one of them")]
    DuplicateColumn {
        /// The column's name.
        name: String,
    },
    /// The bytes are not an .xlsx spreadsheet.
    #[error(
        "this is not an .xlsx spreadsheet ({reason}); download the quiz from Kahoot, or save it from your spreadsheet app, as Excel (.xlsx)"
    )]
    NotXlsx {
        /// What the spreadsheet reader said.
        reason: String,
    },
    /// The spreadsheet is larger than quizdesk reads (see [`MAX_SHEET_ROWS`] and the
    /// other limits there).
    #[error("{reason}")]
    SpreadsheetTooLarge {
        /// What is too large, where, and what to do.
        reason: String,
    },
    /// No sheet has the header row of quizdesk's columns or of Kahoot's layout.
    #[error(
        "no sheet in this spreadsheet has a header row quizdesk knows: quizdesk's columns (a first row naming `kind`, `prompt` and `correct`, as in assets/import-template.xlsx) or Kahoot's (a row with \"Question\", \"Answer 1\", \"Answer 2\" … and \"Correct answer(s)\"); start from assets/import-template.xlsx or from Kahoot's quiz spreadsheet template"
    )]
    NoHeaderRow,
    /// Kahoot's header row lacks columns quizdesk needs.
    #[error(
        "row {row} looks like Kahoot's header row but has no {} column(s); use the headers of Kahoot's quiz spreadsheet template",
        quoted(.names)
    )]
    MissingKahootColumns {
        /// The header row's number.
        row: usize,
        /// The missing columns.
        names: Vec<String>,
    },
    /// Not a single question could be imported.
    #[error("{}", nothing_message(.skipped))]
    NothingImportable {
        /// Every row that was skipped, and why; empty when the file has no rows at all.
        skipped: Vec<SkippedRow>,
    },
}

fn options_message(problems: &[PathProblem]) -> String {
    let mut message = String::from("the new deck's settings are not usable: ");
    for (i, p) in problems.iter().enumerate() {
        if i > 0 {
            message.push_str("; ");
        }
        let _ = write!(message, "{}", p.problem);
        // The help for an empty text speaks of deck files ("between the quotes"), not options.
        if let Some(help) = p.problem.help()
            && !matches!(p.problem, Problem::EmptyText { .. })
        {
            let _ = write!(message, " ({help})");
        }
    }
    message
}

fn nothing_message(skipped: &[SkippedRow]) -> String {
    match skipped.len() {
        0 => "there are no questions in this file".to_owned(),
        n => format!(
            "no question could be imported: all {n} row(s) were skipped; fix the rows listed and import again"
        ),
    }
}

fn quoted<S: AsRef<str>>(names: &[S]) -> String {
    names
        .iter()
        .map(|n| format!("`{}`", n.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A question read from a row, before it has an id.
#[derive(Clone, Debug)]
struct Draft {
    prompt: String,
    answer: raw::Answer,
    explanation: Option<String>,
    /// Where the fact comes from (CSV only): the source is added to the deck's sources.
    source: Option<raw::Cite>,
    tags: Vec<String>,
    time_limit_secs: Option<u32>,
    /// Speaker notes for presenting (CSV only).
    notes: Option<String>,
    /// A picture with the prompt (CSV only).
    image: Option<raw::Image>,
}

/// Gathers the questions and skipped rows of one import, and checks each question against the
/// deck rules as it comes in.
struct Collector {
    /// (row, question) in the order added.
    questions: Vec<(usize, raw::Question)>,
    skipped: Vec<SkippedRow>,
    ids: ids::Ids,
}

impl Collector {
    /// Checks the options before any row is read, so a bad `--id` is reported first.
    fn new(options: &ImportOptions) -> Result<Self, ImportError> {
        let placeholder = raw::Question {
            id: "q".to_owned(),
            prompt: "q".to_owned(),
            image: None,
            answer: raw::Answer::Flashcard {
                back: "a".to_owned(),
            },
            explanation: None,
            source: None,
            tags: Vec::new(),
            time_limit_secs: None,
            notes: None,
        };
        if let Err(problems) = deck::validate_raw(empty_deck(options, vec![placeholder])) {
            return Err(ImportError::InvalidOptions(problems));
        }
        Ok(Self {
            questions: Vec::new(),
            skipped: Vec::new(),
            ids: ids::Ids::default(),
        })
    }

    fn skip(&mut self, row: usize, reason: impl Into<String>) {
        self.skipped.push(SkippedRow {
            row,
            reason: reason.into(),
        });
    }

    /// Reserves an id written in the file; false if an earlier row already has it.
    fn reserve(&mut self, id: &str) -> bool {
        self.ids.reserve(id)
    }

    /// Adds a question, with `id` if given (already reserved) or one made from the prompt.
    /// Skips the row instead if the question breaks a deck rule.
    fn add(&mut self, row: usize, id: Option<String>, draft: Draft) {
        let id = id.unwrap_or_else(|| self.ids.make_from_prompt(&draft.prompt));
        let question = raw::Question {
            id,
            prompt: draft.prompt,
            image: draft.image,
            answer: draft.answer,
            explanation: draft.explanation,
            source: draft.source,
            tags: draft.tags,
            time_limit_secs: draft.time_limit_secs,
            notes: draft.notes,
        };
        match check_question(&question) {
            Ok(()) => self.questions.push((row, question)),
            Err(reason) => self.skip(row, reason),
        }
    }

    fn finish(mut self, options: &ImportOptions) -> Result<Imported, ImportError> {
        self.skipped.sort_by_key(|s| s.row);
        if self.questions.is_empty() {
            return Err(ImportError::NothingImportable {
                skipped: self.skipped,
            });
        }
        self.questions.sort_by_key(|(row, _)| *row);
        let questions: Vec<raw::Question> = self.questions.into_iter().map(|(_, q)| q).collect();
        let mut deck = empty_deck(options, Vec::new());
        deck.sources = sources_cited(&questions);
        deck.questions = questions;
        Ok(Imported {
            deck,
            skipped: self.skipped,
            notes: Vec::new(),
        })
    }
}

fn empty_deck(options: &ImportOptions, questions: Vec<raw::Question>) -> raw::Deck {
    raw::Deck {
        id: options.deck_id.clone(),
        title: options.title.clone(),
        description: String::new(),
        language: options.language.clone(),
        authors: Vec::new(),
        version: 1,
        content_note: None,
        sources: Vec::new(),
        resources: Vec::new(),
        questions,
        sessions: Vec::new(),
    }
}

/// A source for each source id the questions cite, in order of first citation, titled by its id
/// (a CSV file names sources by id only; the editor can give them titles).
fn sources_cited(questions: &[raw::Question]) -> Vec<raw::Source> {
    let mut sources: Vec<raw::Source> = Vec::new();
    for cite in questions.iter().filter_map(|q| q.source.as_ref()) {
        if !sources.iter().any(|s| s.id == cite.source) {
            sources.push(raw::Source {
                id: cite.source.clone(),
                title: cite.source.clone(),
                description: None,
                authors: Vec::new(),
                url: None,
            });
        }
    }
    sources
}

/// Checks one question against the deck rules; the reason, in plain words, if it breaks any.
fn check_question(question: &raw::Question) -> Result<(), String> {
    let deck = raw::Deck {
        id: "check".to_owned(),
        title: "check".to_owned(),
        description: String::new(),
        language: "en".to_owned(),
        authors: Vec::new(),
        version: 1,
        content_note: None,
        sources: sources_cited(std::slice::from_ref(question)),
        resources: Vec::new(),
        questions: vec![question.clone()],
        sessions: Vec::new(),
    };
    deck::validate_raw(deck).map(drop).map_err(|problems| {
        problems
            .iter()
            .map(|p| p.problem.to_string())
            .collect::<Vec<_>>()
            .join("; ")
    })
}

/// Whether two texts would look the same to a learner (case and spacing ignored), the way the
/// deck rules compare options.
fn same_text(a: &str, b: &str) -> bool {
    display_key(a) == display_key(b)
}

fn display_key(text: &str) -> String {
    text.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The largest file quizdesk imports, in bytes (64 MiB: far above any question bank, small
/// enough that a wrong file, or a device such as `/dev/zero`, is refused instead of filling the
/// memory). Callers read with [`crate::userfile::read_limited`] and this limit.
pub const MAX_IMPORT_BYTES: u64 = 64 * 1024 * 1024;

/// Reads a file to import, within [`MAX_IMPORT_BYTES`], refusing a folder or a pipe: the bytes,
/// or a message that names the file and says what to do.
///
/// The one place the importers' input is read from disk (the importers themselves are pure).
pub fn read_import_file(path: &std::path::Path) -> Result<Vec<u8>, String> {
    use crate::userfile::ReadError;
    crate::userfile::read_limited(path, MAX_IMPORT_BYTES).map_err(|e| match e {
        ReadError::Io(e) => format!(
            "cannot read {}: {e}; check that the file exists and that you may read it",
            path.display()
        ),
        ReadError::NotAFile { kind } => format!(
            "{} is {kind}, not a file; choose the exported file itself (.txt, .csv or .xlsx)",
            path.display()
        ),
        ReadError::TooLarge { size, .. } => format!(
            "{} is {size}, too large to import (the limit is {MAX_IMPORT_BYTES} bytes); was the wrong file chosen?",
            path.display()
        ),
    })
}

/// A column's letters as a spreadsheet shows them, from its index (0 is `A`, 27 is `AB`).
fn column_letters(column: usize) -> String {
    let mut letters = Vec::new();
    let mut n = column as u64 + 1;
    while n > 0 {
        let digit = ((n - 1) % 26) as u8;
        letters.push(char::from(b'A' + digit));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// The kinds of file quizdesk imports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportFormat {
    /// Quizlet's text export (terms and definitions).
    Quizlet,
    /// quizdesk's CSV format (docs/import.md).
    Csv,
    /// An Excel spreadsheet (.xlsx) in quizdesk's columns or in Kahoot's quiz spreadsheet
    /// layout, told apart by its header row.
    Xlsx,
}

impl ImportFormat {
    /// The format of a file, by its extension: `.csv`, `.xlsx`, anything else is a Quizlet text.
    pub fn of_path(path: &std::path::Path) -> Self {
        match path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .as_deref()
        {
            Some("csv") => Self::Csv,
            Some("xlsx") => Self::Xlsx,
            _ => Self::Quizlet,
        }
    }

    /// The format's name for people.
    pub fn label(self) -> &'static str {
        match self {
            Self::Quizlet => "Quizlet text export",
            Self::Csv => "CSV (quizdesk's columns)",
            Self::Xlsx => "Excel spreadsheet (.xlsx)",
        }
    }
}

/// Imports the bytes of a file in `format`; Quizlet separators are detected unless given.
///
/// A text file (CSV or Quizlet) that is not UTF-8 is converted from the encoding detected, and
/// the first of [`Imported::notes`] says from which; part of it that cannot be read fails the
/// import with [`ImportError::Unreadable`], naming the row and column.
pub fn import_bytes(
    bytes: &[u8],
    format: ImportFormat,
    separators: Option<(TermSeparator, CardSeparator)>,
    options: &ImportOptions,
) -> Result<Imported, ImportError> {
    let (mut imported, note) = match format {
        ImportFormat::Xlsx => return xlsx(bytes, options),
        ImportFormat::Csv => {
            let decoded = decode::decode(bytes, decode::Layout::Csv)?;
            (csv(&decoded.text, options)?, decoded.note)
        }
        ImportFormat::Quizlet => {
            let decoded = decode::decode(bytes, decode::Layout::Lines)?;
            let text = &decoded.text;
            let (term, card) = separators.unwrap_or_else(|| detect_quizlet_separators(text));
            (quizlet(text, term, card, options)?, decoded.note)
        }
    };
    imported.notes.splice(0..0, note);
    Ok(imported)
}
