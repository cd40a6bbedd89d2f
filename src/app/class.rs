//! Class results, for a teacher: students' results files read into one table of students by
//! questions, and that table exported as CSV for a gradebook.
//!
//! Reading happens in the command handler, after the frame: 200 files take well under a second
//! (see `benches/class.rs`), so no worker thread is needed.

use std::path::{Path, PathBuf};

use crate::class::{self, ClassTable, ReadError, ResultsRead, TableDeck};
use crate::store;

use super::{App, NoticeLevel};

/// What the Class results screen asks the app to do.
#[derive(Clone, Debug, PartialEq)]
pub enum ClassCommand {
    /// Read these results files, or every results file directly inside these folders.
    AddPaths(Vec<PathBuf>),
    /// Read a dropped file that came as bytes only (no path): its name, and its bytes or why
    /// they could not be had.
    AddBytes(String, Result<Vec<u8>, String>),
    /// Take file `n` off the list.
    Remove(usize),
    /// Take every file off the list.
    Clear,
    /// Make the table for this deck id; `None` for the deck with the most quiz sessions.
    ChooseDeck(Option<String>),
    /// Write the table as CSV to `exports/` in the data folder.
    ExportCsv,
}

/// A results file on the screen's list.
pub struct ClassFile {
    /// Where it was read from; `None` for a dropped file that came as bytes only.
    pub path: Option<PathBuf>,
    /// Its name in the list.
    pub name: String,
    /// What was read, or why it was skipped.
    pub read: Result<ResultsRead, ReadError>,
}

/// The Class results screen's files and table; kept while the app runs, so a teacher can look
/// at a quiz and come back.
#[derive(Default)]
pub struct ClassState {
    /// The files added, in order.
    pub files: Vec<ClassFile>,
    /// The deck id chosen by the teacher; `None` for the deck with the most quiz sessions.
    pub deck: Option<String>,
    /// The table of the files read, remade when they or the deck change.
    pub table: Option<ClassTable>,
    /// Whether the table's deck is in the library (its prompts and version are used).
    pub deck_in_library: bool,
}

impl App {
    /// The class table on the Class results screen, for tests.
    pub fn class_table(&self) -> Option<&ClassTable> {
        self.class.table.as_ref()
    }

    /// The Class results screen's files and table.
    pub fn class(&self) -> &ClassState {
        &self.class
    }

    /// Applies a command of the Class results screen.
    pub(super) fn apply_class(&mut self, command: ClassCommand) {
        match command {
            ClassCommand::AddPaths(paths) => {
                for path in paths {
                    self.add_class_path(&path);
                }
            }
            ClassCommand::AddBytes(name, bytes) => {
                let read = match bytes {
                    Ok(bytes) => class::parse_results(&bytes, &name),
                    Err(reason) => Err(ReadError::Unreadable { reason }),
                };
                self.class.files.push(ClassFile {
                    path: None,
                    name,
                    read,
                });
            }
            ClassCommand::Remove(n) => {
                if n < self.class.files.len() {
                    self.class.files.remove(n);
                }
            }
            ClassCommand::Clear => {
                self.class.files.clear();
                self.class.deck = None;
            }
            ClassCommand::ChooseDeck(deck) => self.class.deck = deck,
            ClassCommand::ExportCsv => {
                self.export_class_csv();
                return;
            }
        }
        self.rebuild_class_table();
    }

    /// Reads a typed, dropped or command-line path: a results file, or a folder of them.
    fn add_class_path(&mut self, path: &Path) {
        if !path.exists() {
            self.notice(
                NoticeLevel::Error,
                format!(
                    "There is no file or folder {}. Type the full path of a results file (.json) or of a folder of them.",
                    path.display()
                ),
            );
            return;
        }
        let files = match class::find_results_files(path) {
            Ok(files) => files,
            Err(e) => {
                self.notice(
                    NoticeLevel::Error,
                    format!("Cannot read the folder {}: {e}", path.display()),
                );
                return;
            }
        };
        if files.is_empty() {
            self.notice(
                NoticeLevel::Warning,
                format!(
                    "There are no .{} results files in {}.",
                    class::RESULTS_EXTENSION,
                    path.display()
                ),
            );
            return;
        }
        for file in files {
            // The same file added again is read again (it may have changed), not listed twice.
            let canonical = std::fs::canonicalize(&file).unwrap_or_else(|_| file.clone());
            let name = file.file_name().map_or_else(
                || file.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            let entry = ClassFile {
                read: class::read_results_file(&file),
                path: Some(canonical.clone()),
                name,
            };
            match self
                .class
                .files
                .iter_mut()
                .find(|f| f.path.as_ref() == Some(&canonical))
            {
                Some(existing) => *existing = entry,
                None => self.class.files.push(entry),
            }
        }
    }

    /// Makes the table again from the files read, for the chosen deck; the library's copy of the
    /// deck, when there is one, gives the questions' order and text and the version.
    fn rebuild_class_table(&mut self) {
        let read: Vec<&ResultsRead> = self
            .class
            .files
            .iter()
            .filter_map(|f| f.read.as_ref().ok())
            .collect();
        if read.is_empty() {
            self.class.table = None;
            self.class.deck_in_library = false;
            return;
        }
        let asked = self
            .class
            .deck
            .as_deref()
            .map_or(TableDeck::MostSessions, TableDeck::Id);
        let mut table = class::class_table(&read, asked);
        // A deck chosen earlier that no file has any more: back to the most sessions.
        if let Some(deck) = &self.class.deck
            && !table.decks.iter().any(|d| d.id.as_str() == deck)
        {
            self.class.deck = None;
            table = class::class_table(&read, TableDeck::MostSessions);
        }
        let in_library = table.deck.as_ref().and_then(|wanted| {
            self.library.iter().find_map(|entry| {
                entry
                    .deck
                    .as_ref()
                    .ok()
                    .filter(|d| d.id() == &wanted.id)
                    .cloned()
            })
        });
        self.class.deck_in_library = in_library.is_some();
        if let Some(deck) = in_library {
            table = class::class_table(&read, TableDeck::Reference(&deck));
        }
        self.class.table = Some(table);
    }

    /// Writes the table to `exports/class-<time>.csv` in the data folder, never over another
    /// export.
    fn export_class_csv(&mut self) {
        let Some(table) = &self.class.table else {
            return;
        };
        let csv = table.to_csv();
        let students = table.students.len();
        match store::write_export(&self.data_dir, "class", "csv", csv.as_bytes()) {
            Ok(path) => self.notice(
                NoticeLevel::Info,
                format!(
                    "The class table ({}) was written to {}",
                    if students == 1 {
                        "1 student".to_owned()
                    } else {
                        format!("{students} students")
                    },
                    path.display()
                ),
            ),
            Err(e) => self.notice(
                NoticeLevel::Error,
                format!("The class table was not written: {e}"),
            ),
        }
    }
}
