//! Printing: worksheets, answer keys, flashcards to cut out and handouts, as PDF.
//!
//! Pure: [`sheet`] turns a deck into what is printed (the versions, each with its own shuffle
//! from one seed), and [`typeset`] lays that out with typst into PDF bytes. Writing the file is
//! the store's; the window and the command line only ask.

mod sheet;
mod typeset;

pub use sheet::{MAX_VERSIONS, PrintSheet, PrintedQuestion, Version, version_letter};
pub use typeset::{PrintError, typeset};

use std::path::Path;

use crate::deck::{self, Deck, Picture};

/// The PDF of `deck` as `what`, in `versions` versions shuffled from `seed`. The deck was
/// loaded from `file` (its pictures are beside it), or is bundled (`None`). Dated today.
pub fn make_pdf(
    deck: &Deck,
    file: Option<&Path>,
    what: PrintKind,
    (versions, seed): (u32, u64),
) -> Result<Vec<u8>, PrintError> {
    // A picture that cannot be read is printed as its alt text.
    let picture = |p: &Picture| deck::images::picture_of(file, &p.file).ok();
    let (sheet, files) = PrintSheet::new(deck, what, (versions, seed), &picture);
    let (year, month, day) =
        crate::time::civil_from_days(crate::time::now_ms().div_euclid(86_400_000));
    let today = (
        i32::try_from(year).unwrap_or(2026),
        u8::try_from(month).unwrap_or(1),
        u8::try_from(day).unwrap_or(1),
    );
    let pdf = typeset(&sheet, &files, today);
    // typst keeps every layout it made, for the next one; a printout is rare: keep little.
    typst::comemo::evict(0);
    pdf
}

/// What to print.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PrintKind {
    /// The questions to answer on paper, numbered, options lettered, with a name and date line.
    Worksheet,
    /// For each version, the answers with their explanations and sources.
    Key,
    /// Flashcards to cut out: fronts on one page, backs on the next, lined up for printing on
    /// both sides.
    Cards,
    /// The deck's resources on one page to take home.
    Handout,
}

impl PrintKind {
    /// Every kind, in the order the dialog lists them.
    pub const ALL: [Self; 4] = [Self::Worksheet, Self::Key, Self::Cards, Self::Handout];

    /// What a person calls it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Worksheet => "Worksheet",
            Self::Key => "Answer key",
            Self::Cards => "Flashcards to cut out",
            Self::Handout => "Handout to take home",
        }
    }

    /// Its name on the command line and in file names.
    pub fn name(self) -> &'static str {
        match self {
            Self::Worksheet => "worksheet",
            Self::Key => "key",
            Self::Cards => "cards",
            Self::Handout => "handout",
        }
    }
}
