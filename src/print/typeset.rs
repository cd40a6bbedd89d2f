//! Laying a [`PrintSheet`] out as PDF with typst, as a library.
//!
//! The templates (`templates/*.typ`) read the sheet from a `data.json` this module hands them, so
//! a teacher's text is always text: a `#`, `$` or `*` in a question is printed, never run as
//! markup. The fonts are typst's own, inside the binary (Libertinus Serif, New Computer Modern,
//! DejaVu Sans Mono: Latin with accents, Greek and Cyrillic), so a PDF looks the same on every
//! computer; nothing is read from the disk or the network.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;

use super::{PrintKind, PrintSheet};

/// Why a PDF could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PrintError {
    /// The sheet could not be handed to the template.
    #[error("could not prepare the page: {0}")]
    Data(#[from] serde_json::Error),
    /// typst refused the layout: a fault of quizdesk's templates, not of the deck.
    #[error("could not lay the page out ({0}); please report this with the deck")]
    Layout(String),
}

/// The fonts, read once and shared.
static FONTS: LazyLock<(LazyHash<FontBook>, Vec<Font>)> = LazyLock::new(|| {
    let fonts: Vec<Font> = typst_assets::fonts()
        .flat_map(|data| Font::iter(Bytes::new(data)))
        .collect();
    (LazyHash::new(FontBook::from_fonts(&fonts)), fonts)
});

/// typst's standard library, built once.
static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

/// The templates, by file name.
const TEMPLATES: &[(&str, &str)] = &[
    ("common.typ", include_str!("templates/common.typ")),
    ("worksheet.typ", include_str!("templates/worksheet.typ")),
    ("key.typ", include_str!("templates/key.typ")),
    ("cards.typ", include_str!("templates/cards.typ")),
    ("handout.typ", include_str!("templates/handout.typ")),
];

/// The PDF of `sheet`, with `files` (its pictures, by the names the sheet gives them) and
/// `today` (printed on the handout and in the PDF's metadata) as (year, month, day).
pub fn typeset(
    sheet: &PrintSheet,
    files: &BTreeMap<String, Vec<u8>>,
    today: (i32, u8, u8),
) -> Result<Vec<u8>, PrintError> {
    let main = match sheet.kind {
        PrintKind::Worksheet => "worksheet.typ",
        PrintKind::Key => "key.typ",
        PrintKind::Cards => "cards.typ",
        PrintKind::Handout => "handout.typ",
    };
    let mut served: BTreeMap<String, Bytes> = files
        .iter()
        .map(|(name, bytes)| (name.clone(), Bytes::new(bytes.clone())))
        .collect();
    served.insert(
        "data.json".to_owned(),
        Bytes::new(serde_json::to_vec(sheet)?),
    );
    for (name, text) in TEMPLATES {
        served.insert((*name).to_owned(), Bytes::from_string(*text));
    }
    let world = PrintWorld {
        main: file_id(main),
        files: served,
        today: Datetime::from_ymd(today.0, today.1, today.2),
    };
    let document = typst::compile::<PagedDocument>(&world)
        .output
        .map_err(|errors| PrintError::Layout(describe(&errors)))?;
    typst_pdf::pdf(&document, &typst_pdf::PdfOptions::default())
        .map_err(|errors| PrintError::Layout(describe(&errors)))
}

fn describe(errors: &[SourceDiagnostic]) -> String {
    errors
        .iter()
        .map(|e| e.message.to_string())
        .collect::<Vec<_>>()
        .join("; ")
}

fn file_id(name: &str) -> FileId {
    // Only our own constant names come here, and `VirtualPath::new` refuses none of them.
    let path = VirtualPath::new(name).unwrap_or_else(|_| unreachable!("{name} is a plain name"));
    RootedPath::new(VirtualRoot::Project, path).intern()
}

/// What typst may read: the templates, the sheet and its pictures, all in memory.
struct PrintWorld {
    main: FileId,
    files: BTreeMap<String, Bytes>,
    today: Option<Datetime>,
}

impl World for PrintWorld {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &FONTS.0
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        let bytes = self.file(id)?;
        let text = std::str::from_utf8(bytes.as_slice()).map_err(|_| FileError::InvalidUtf8)?;
        Ok(Source::new(id, text.to_owned()))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if !matches!(id.root(), VirtualRoot::Project) {
            return Err(FileError::Other(Some("no packages when printing".into())));
        }
        let name = id.vpath().get_without_slash();
        self.files
            .get(name)
            .cloned()
            .ok_or_else(|| FileError::NotFound(name.into()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.1.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        self.today
    }
}
