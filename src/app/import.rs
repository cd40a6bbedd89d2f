//! "Import…": a question bank read and previewed with the options chosen, then written into the
//! user's decks folder or opened in the editor.

use std::path::{Path, PathBuf};

use crate::import::{ImportError, ImportFormat, ImportOptions, Imported};
use crate::store;

use super::{App, LibraryPanel, NoticeLevel};

/// A file read for importing, and what importing it gives with the current options.
pub struct ImportState {
    /// The file.
    pub path: PathBuf,
    /// What it was read as.
    pub format: ImportFormat,
    /// Its bytes, kept to import again when the options change.
    pub bytes: Vec<u8>,
    /// The options in use.
    pub options: ImportOptions,
    /// What comes in, or why nothing can.
    pub result: Result<Imported, ImportError>,
}

/// What the import panel asks.
#[derive(Clone, Debug, PartialEq)]
pub enum ImportCommand {
    /// Read a file to import and preview it.
    Read(PathBuf),
    /// Import the file read again, with these options.
    Options(ImportOptions),
    /// Write the imported deck into the user's decks folder.
    Save,
    /// Open the imported deck in the editor (saved on the first save).
    Edit,
}

impl App {
    /// Applies a command of the import panel.
    pub(super) fn apply_import(&mut self, command: ImportCommand) {
        match command {
            ImportCommand::Read(path) => self.read_import(&path),
            ImportCommand::Options(options) => {
                if let Some(state) = &mut self.import {
                    state.result =
                        crate::import::import_bytes(&state.bytes, state.format, None, &options);
                    state.options = options;
                }
            }
            ImportCommand::Save => self.save_import(),
            ImportCommand::Edit => {
                if let Some(Ok(imported)) = self.import.take().map(|s| s.result) {
                    let (id, path) = self.fresh_deck_file(&imported.deck.id);
                    let mut deck = imported.deck;
                    deck.id = id;
                    self.library_panel = None;
                    self.edit_new(path, deck);
                }
            }
        }
    }

    /// The file read for importing.
    pub fn import(&self) -> Option<&ImportState> {
        self.import.as_ref()
    }

    /// The panel of the library screen that is open.
    pub fn library_panel(&self) -> Option<LibraryPanel> {
        self.library_panel
    }

    /// Reads a file to import and previews what comes in with default options.
    fn read_import(&mut self, path: &Path) {
        let bytes = match crate::import::read_import_file(path) {
            Ok(bytes) => bytes,
            Err(e) => {
                self.notice(NoticeLevel::Error, format!("Cannot import: {e}"));
                return;
            }
        };
        let options = ImportOptions::for_file(path);
        let format = ImportFormat::of_path(path);
        let result = crate::import::import_bytes(&bytes, format, None, &options);
        // How the file was read (converted from another encoding, its separator, the sheet) is
        // said once, as a notice: the preview shows what comes in, not how.
        if let Ok(imported) = &result
            && !imported.notes.is_empty()
        {
            let notes = imported.notes.join("; ");
            self.notice(NoticeLevel::Info, format!("{}: {notes}.", path.display()));
        }
        self.import = Some(ImportState {
            path: path.to_owned(),
            format,
            bytes,
            options,
            result,
        });
    }

    /// Writes the imported deck into the user's decks folder, never over another deck.
    fn save_import(&mut self) {
        let Some(Ok(imported)) = self.import.as_ref().map(|s| &s.result) else {
            return;
        };
        let (id, path) = self.fresh_deck_file(&imported.deck.id);
        let mut deck = imported.deck.clone();
        deck.id = id;
        match store::save_deck_file(&path, &deck) {
            Ok(()) => {
                self.notice(
                    NoticeLevel::Info,
                    format!(
                        "Imported {} question(s) into {}.",
                        deck.questions.len(),
                        path.display()
                    ),
                );
                self.import = None;
                self.library_panel = None;
                self.reload_library();
                self.refresh_stats();
            }
            Err(e) => self.notice(NoticeLevel::Error, format!("The deck was not written: {e}")),
        }
    }
}
