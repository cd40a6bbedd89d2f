//! Excel spreadsheets (.xlsx): quizdesk's own columns (as in `assets/import-template.xlsx`) or
//! Kahoot's quiz spreadsheet ([`super::kahoot`]), told apart by the header row.
//!
//! Whatever the layout, a spreadsheet is read within the same limits: what its archive unpacks
//! to is checked before anything is unpacked, and a sheet is read cell by cell up to
//! [`MAX_SHEET_ROWS`] by [`MAX_SHEET_COLUMNS`].

use std::io::Cursor;

use calamine::{Cell, Data, Range, Reader, Xlsx, open_workbook_from_rs};

use super::csv_format::{Table, names_required_column};
use super::{Collector, ImportError, ImportOptions, Imported, kahoot};

/// Imports an .xlsx spreadsheet: the first sheet with a header row quizdesk knows.
///
/// A sheet whose first row names one of the required columns of quizdesk's CSV format
/// (`kind`, `prompt`, `correct`) is read as that format, through the same code as a CSV file
/// ([`super::csv`]), one row of cells a row; row numbers are the sheet's. Otherwise the sheet
/// is read as Kahoot's quiz spreadsheet if it has Kahoot's header row (see [`super::kahoot`]).
/// A sheet with neither is passed over; [`ImportError::NoHeaderRow`] if every sheet is.
/// [`Imported::notes`] says which sheet was read, in which layout.
///
/// A cell formatted as a date or showing an error (`#N/A`) makes its row skipped, with the
/// reason; numbers and true/false are read as the text they show.
pub fn xlsx(bytes: &[u8], options: &ImportOptions) -> Result<Imported, ImportError> {
    let collector = Collector::new(options)?;
    check_unpacked_size(bytes)?;
    let mut workbook: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).map_err(not_xlsx)?;
    let mut first_problem = None;
    for name in workbook.sheet_names() {
        let range = bounded_range(&mut workbook, &name)?;
        let (top, left) = range
            .start()
            .map_or((0, 0), |(row, column)| (row as usize, column as usize));
        let first_row = range.rows().next().unwrap_or_default();
        let (mut imported, layout) = if first_row
            .iter()
            .any(|cell| matches!(cell, Data::String(s) if names_required_column(s)))
        {
            let imported = quizdesk_sheet(collector, &range, (top, left), options)?;
            (imported, "quizdesk's columns")
        } else {
            match kahoot::find_header(&range, top) {
                None => continue,
                Some(Err(problem)) => {
                    first_problem.get_or_insert(problem);
                    continue;
                }
                Some(Ok(header)) => {
                    let imported = kahoot::read_sheet(collector, &range, top, header, options)?;
                    (imported, "Kahoot's quiz spreadsheet layout")
                }
            }
        };
        imported
            .notes
            .push(format!("read the sheet \"{name}\", in {layout}"));
        return Ok(imported);
    }
    Err(first_problem.unwrap_or(ImportError::NoHeaderRow))
}

/// Reads a sheet in quizdesk's columns through [`Table`], as a CSV file is read: its range's
/// first row is the header. `(top, left)` is where the range starts in the sheet, from 0.
fn quizdesk_sheet(
    collector: Collector,
    range: &Range<Data>,
    (top, left): (usize, usize),
    options: &ImportOptions,
) -> Result<Imported, ImportError> {
    let mut table = Table::new(collector);
    for (i, row) in range.rows().enumerate() {
        let number = top + i + 1;
        if i == 0 {
            // A header cell that is no text (a number, a date) is an unknown column's name.
            let names: Vec<String> = row
                .iter()
                .map(|cell| match cell {
                    Data::String(s) => s.clone(),
                    other => other.to_string(),
                })
                .collect();
            table.push(
                number,
                &names.iter().map(String::as_str).collect::<Vec<_>>(),
            )?;
            continue;
        }
        let cells: Result<Vec<String>, String> = row
            .iter()
            .enumerate()
            .map(|(j, cell)| text(cell, &format!("cell {}", cell_name(top + i, left + j))))
            .collect();
        match cells {
            Ok(cells) => table.push(
                number,
                &cells.iter().map(String::as_str).collect::<Vec<_>>(),
            )?,
            Err(reason) => table.skip(number, reason),
        }
    }
    table.finish(options)
}

/// What the zip or spreadsheet reader said about bytes that are no .xlsx spreadsheet.
fn not_xlsx(e: impl std::fmt::Display) -> ImportError {
    ImportError::NotXlsx {
        reason: e.to_string(),
    }
}

/// The most rows of a sheet quizdesk reads: a quiz has a few hundred questions at most.
pub const MAX_SHEET_ROWS: u32 = 10_000;

/// The most columns of a sheet quizdesk reads: Kahoot's template uses 8, quizdesk's columns
/// are 11.
pub const MAX_SHEET_COLUMNS: u32 = 64;

/// The most a spreadsheet's files may hold once unpacked (an .xlsx is a zip archive).
pub const MAX_UNPACKED_BYTES: u64 = 64 * 1024 * 1024;

/// The most files a spreadsheet's archive may hold.
const MAX_ARCHIVE_FILES: usize = 10_000;

/// Refuses a spreadsheet whose archive says it unpacks to more than [`MAX_UNPACKED_BYTES`],
/// before anything is unpacked (a 1 MB file can unpack to gigabytes).
fn check_unpacked_size(bytes: &[u8]) -> Result<(), ImportError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(not_xlsx)?;
    if archive.len() > MAX_ARCHIVE_FILES {
        return Err(ImportError::SpreadsheetTooLarge {
            reason: format!(
                "this spreadsheet's archive holds {} files, more than the {MAX_ARCHIVE_FILES} \
                 quizdesk reads; save the quiz again as a plain .xlsx with one sheet",
                archive.len()
            ),
        });
    }
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let file = archive.by_index_raw(i).map_err(not_xlsx)?;
        total = total.saturating_add(file.size());
        if total > MAX_UNPACKED_BYTES {
            return Err(ImportError::SpreadsheetTooLarge {
                reason: format!(
                    "this spreadsheet unpacks to more than {} MiB (at {}), more than quizdesk \
                     reads; copy the quiz's rows into a new spreadsheet and import that",
                    MAX_UNPACKED_BYTES / (1024 * 1024),
                    file.name().unwrap_or_default()
                ),
            });
        }
    }
    Ok(())
}

/// The sheet's cells as a range of at most [`MAX_SHEET_ROWS`] by [`MAX_SHEET_COLUMNS`]: read
/// one by one, so a lone cell at `XFD1048576` cannot make a range of 17 billion cells, and
/// refused with where it is when any cell lies beyond.
fn bounded_range(
    workbook: &mut Xlsx<Cursor<&[u8]>>,
    name: &str,
) -> Result<Range<Data>, ImportError> {
    let mut reader = workbook.worksheet_cells_reader(name).map_err(not_xlsx)?;
    let mut cells = Vec::new();
    while let Some(cell) = reader.next_cell().map_err(not_xlsx)? {
        let (row, column) = cell.get_position();
        let value = Data::from(cell.get_value().clone());
        if value == Data::Empty {
            continue;
        }
        if row >= MAX_SHEET_ROWS || column >= MAX_SHEET_COLUMNS {
            return Err(ImportError::SpreadsheetTooLarge {
                reason: format!(
                    "the sheet \"{name}\" has something in cell {}, beyond the {MAX_SHEET_ROWS} \
                     rows and {MAX_SHEET_COLUMNS} columns quizdesk reads; delete what is there \
                     (or copy the quiz's rows into a new spreadsheet) and import again",
                    cell_name(row as usize, column as usize)
                ),
            });
        }
        cells.push(Cell::new((row, column), value));
    }
    Ok(Range::from_sparse(cells))
}

/// A cell's name as a spreadsheet shows it, such as `B7` or `XFD1048576`, from its row and
/// column counted from 0.
fn cell_name(row: usize, column: usize) -> String {
    format!("{}{}", super::column_letters(column), row as u64 + 1)
}

/// A cell as text, trimmed; dates and error values are refused rather than shown as numbers.
/// `what` names the cell in the reason.
pub(super) fn text(cell: &Data, what: &str) -> Result<String, String> {
    Ok(match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_owned(),
        Data::Int(n) => n.to_string(),
        Data::Float(f) => f.to_string(),
        Data::Bool(true) => "True".to_owned(),
        Data::Bool(false) => "False".to_owned(),
        Data::DateTime(_) | Data::DateTimeIso(_) | Data::DurationIso(_) => {
            return Err(format!(
                "{what} is formatted as a date or time; format the cell as text and type it again"
            ));
        }
        Data::Error(e) => return Err(format!("{what} shows the spreadsheet error {e}")),
    })
}

/// Whether a cell is empty or only spaces.
pub(super) fn is_blank(cell: &Data) -> bool {
    match cell {
        Data::Empty => true,
        Data::String(s) => s.trim().is_empty(),
        _ => false,
    }
}
