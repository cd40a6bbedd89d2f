//! The "Print…" dialog's controller: which deck, making the PDF on a worker, writing it to the
//! exports folder and opening it with the system's viewer.

use std::path::{Path, PathBuf};

use crate::print::{self, PrintKind};
use crate::store;

use super::job::Job;
use super::{App, DeckKey, NoticeLevel};

/// What the Print dialog asks.
#[derive(Clone, Debug, PartialEq)]
pub enum PrintCommand {
    /// Open the dialog for a deck.
    Open(DeckKey),
    /// Close it.
    Close,
    /// Make the PDF.
    Make {
        /// What to print.
        what: PrintKind,
        /// How many versions (worksheet and key).
        versions: u32,
        /// The seed of the shuffles.
        seed: u64,
    },
}

/// The open Print dialog.
pub struct PrintDialog {
    /// The deck to print.
    pub key: DeckKey,
    /// The PDF being made, with what it is.
    making: Option<(Job<Vec<u8>>, PrintKind, u64)>,
    /// The last file written.
    pub written: Option<PathBuf>,
}

impl PrintDialog {
    /// Whether a PDF is being made.
    pub fn is_making(&self) -> bool {
        self.making.is_some()
    }
}

impl App {
    /// The open Print dialog, if any.
    pub fn print_dialog(&self) -> Option<&PrintDialog> {
        self.print.as_ref()
    }

    /// Applies a command of the Print dialog.
    pub(super) fn apply_print(&mut self, command: PrintCommand) {
        match command {
            PrintCommand::Open(key) => {
                self.print = Some(PrintDialog {
                    key,
                    making: None,
                    written: None,
                });
            }
            PrintCommand::Close => self.print = None,
            PrintCommand::Make {
                what,
                versions,
                seed,
            } => self.make_pdf(what, versions, seed),
        }
    }

    fn make_pdf(&mut self, what: PrintKind, versions: u32, seed: u64) {
        let Some(dialog) = &self.print else { return };
        let Some(entry) = self.library_entry(&dialog.key) else {
            self.print = None;
            return self.deck_gone_notice();
        };
        let Ok(deck) = entry.deck.clone() else { return };
        let file = entry.file().map(Path::to_path_buf);
        let job = Job::spawn(&self.waker, move || {
            print::make_pdf(&deck, file.as_deref(), what, (versions, seed))
                .map_err(|e| e.to_string())
        });
        if let Some(dialog) = &mut self.print {
            dialog.making = Some((job, what, seed));
            dialog.written = None;
        }
    }

    /// Picks up a PDF that is ready: writes it to the exports folder and opens it.
    pub(super) fn poll_print(&mut self) {
        let Some(dialog) = &mut self.print else {
            return;
        };
        let Some((job, what, seed)) = &dialog.making else {
            return;
        };
        let Some(answer) = job.poll("Making the PDF stopped unexpectedly.") else {
            return;
        };
        let (what, seed) = (*what, *seed);
        dialog.making = None;
        let id = dialog
            .key
            .id
            .as_ref()
            .map_or("deck", |id| id.as_str())
            .to_owned();
        let written = answer.and_then(|pdf| {
            store::write_export(
                &self.data_dir,
                &format!("{id}-{}", what.name()),
                "pdf",
                &pdf,
            )
            .map_err(|e| e.to_string())
        });
        match written {
            Ok(path) => {
                self.notice(
                    NoticeLevel::Info,
                    format!(
                        "The {} is in {} (seed {seed}: the same seed prints the same versions).",
                        what.label().to_lowercase(),
                        path.display()
                    ),
                );
                if let Err(e) = (self.file_opener)(&path) {
                    self.notice(
                        NoticeLevel::Warning,
                        format!(
                            "quizdesk could not open {} ({e}); open it from its folder.",
                            path.display()
                        ),
                    );
                }
                if let Some(dialog) = &mut self.print {
                    dialog.written = Some(path);
                }
            }
            Err(e) => self.notice(NoticeLevel::Error, format!("Nothing was printed: {e}")),
        }
    }
}
