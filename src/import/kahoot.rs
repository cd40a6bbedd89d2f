//! Kahoot's quiz spreadsheet (.xlsx): the template Kahoot offers under "Import spreadsheet".

use std::collections::BTreeSet;
use std::io::Cursor;

use calamine::{Cell, Data, Range, Reader, Xlsx, open_workbook_from_rs};

use super::{Collector, Draft, ImportError, ImportOptions, Imported};
use crate::deck::{MAX_TIME_LIMIT_SECS, raw};

/// Where Kahoot's columns are, as indices into a row of the sheet's range.
struct Columns {
    question: usize,
    /// (answer number, column), by answer number.
    answers: Vec<(u32, usize)>,
    time_limit: Option<usize>,
    correct: usize,
}

/// Imports a Kahoot quiz spreadsheet (.xlsx), laid out like Kahoot's template: any title rows,
/// then a header row with the columns "Question", "Answer 1" … "Answer 4", "Time limit (sec)"
/// and "Correct answer(s)", then one question per row.
///
/// The header row is the first row with a cell starting with "Question" and one starting with
/// "Answer", on the first sheet that has one; other columns (such as the question number) are
/// ignored. One correct answer makes a single-choice question and several make a multi-select
/// one; the answers keep Kahoot's order (and are shuffled when shown, as in Kahoot). Row
/// numbers are the sheet's.
///
/// A row is skipped, never guessed at, when its question is empty, it has fewer than 2 answers,
/// its correct-answer numbers are missing or point at an answer that is not there or is empty,
/// every answer is marked correct, or its time limit is not 1 to 3600 whole seconds.
pub fn kahoot_xlsx(bytes: &[u8], options: &ImportOptions) -> Result<Imported, ImportError> {
    let mut collector = Collector::new(options)?;
    check_unpacked_size(bytes)?;
    let mut workbook: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).map_err(not_xlsx)?;
    let mut first_problem = None;
    for name in workbook.sheet_names() {
        let range = bounded_range(&mut workbook, &name)?;
        let top = range.start().map_or(0, |(row, _)| row as usize);
        match find_header(&range, top) {
            None => {}
            Some(Err(problem)) => {
                first_problem.get_or_insert(problem);
            }
            Some(Ok((header_index, columns))) => {
                for (i, row) in range.rows().enumerate().skip(header_index + 1) {
                    read_row(&mut collector, top + i + 1, row, &columns);
                }
                return collector.finish(options);
            }
        }
    }
    Err(first_problem.unwrap_or(ImportError::NoHeaderRow))
}

/// What the zip or spreadsheet reader said about bytes that are no .xlsx spreadsheet.
fn not_xlsx(e: impl std::fmt::Display) -> ImportError {
    ImportError::NotXlsx {
        reason: e.to_string(),
    }
}

/// The most rows of a sheet quizdesk reads: a Kahoot quiz has a few hundred questions at most.
pub const MAX_SHEET_ROWS: u32 = 10_000;

/// The most columns of a sheet quizdesk reads: Kahoot's template uses 8.
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
                    cell_name(row, column)
                ),
            });
        }
        cells.push(Cell::new((row, column), value));
    }
    Ok(Range::from_sparse(cells))
}

/// A cell's name as a spreadsheet shows it, such as `B7` or `XFD1048576`.
fn cell_name(row: u32, column: u32) -> String {
    let mut letters = Vec::new();
    let mut n = u64::from(column) + 1;
    while n > 0 {
        let digit = ((n - 1) % 26) as u8;
        letters.push(char::from(b'A' + digit));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect::<String>() + &(u64::from(row) + 1).to_string()
}

/// The header row's index in the range and its columns; `None` if the sheet has no header row.
fn find_header(range: &Range<Data>, top: usize) -> Option<Result<(usize, Columns), ImportError>> {
    range.rows().enumerate().find_map(|(i, row)| {
        let names: Vec<String> = row
            .iter()
            .map(|cell| match cell {
                Data::String(s) => s.trim().to_lowercase(),
                _ => String::new(),
            })
            .collect();
        let question = names.iter().position(|n| n.starts_with("question"))?;
        if !names.iter().any(|n| n.starts_with("answer")) {
            return None;
        }
        let mut answers: Vec<(u32, usize)> = names
            .iter()
            .enumerate()
            .filter_map(|(col, n)| {
                let digits: String = n
                    .strip_prefix("answer")?
                    .trim_start()
                    .chars()
                    .take_while(char::is_ascii_digit)
                    .collect();
                Some((digits.parse().ok()?, col))
            })
            .collect();
        answers.sort_unstable();
        answers.dedup_by_key(|(number, _)| *number);
        let time_limit = names.iter().position(|n| n.starts_with("time limit"));
        let correct = names.iter().position(|n| n.starts_with("correct answer"));

        let mut missing = Vec::new();
        for number in [1, 2] {
            if !answers.iter().any(|(n, _)| *n == number) {
                missing.push(format!("Answer {number}"));
            }
        }
        if correct.is_none() {
            missing.push("Correct answer(s)".to_owned());
        }
        Some(match correct {
            Some(correct) if missing.is_empty() => Ok((
                i,
                Columns {
                    question,
                    answers,
                    time_limit,
                    correct,
                },
            )),
            _ => Err(ImportError::MissingKahootColumns {
                row: top + i + 1,
                names: missing,
            }),
        })
    })
}

/// Reads one question row; `row_number` is the sheet's.
fn read_row(collector: &mut Collector, row_number: usize, row: &[Data], columns: &Columns) {
    let cell = |col: usize| row.get(col).unwrap_or(&Data::Empty);
    let mut used = vec![columns.question, columns.correct];
    used.extend(columns.answers.iter().map(|(_, col)| *col));
    used.extend(columns.time_limit);
    if used.iter().all(|&col| is_blank(cell(col))) {
        return;
    }
    match read_question(columns, &cell) {
        Ok(draft) => collector.add(row_number, None, draft),
        Err(reason) => collector.skip(row_number, reason),
    }
}

fn read_question<'r>(
    columns: &Columns,
    cell: &impl Fn(usize) -> &'r Data,
) -> Result<Draft, String> {
    let prompt = text(cell(columns.question), "the question")?;
    if prompt.is_empty() {
        return Err("the question is empty".to_owned());
    }
    let mut answers: Vec<(u32, String)> = Vec::with_capacity(columns.answers.len());
    for &(number, col) in &columns.answers {
        answers.push((number, text(cell(col), &format!("answer {number}"))?));
    }
    let filled = answers.iter().filter(|(_, a)| !a.is_empty()).count();
    if filled < 2 {
        return Err(format!(
            "the question has {filled} answer(s); it needs at least 2"
        ));
    }

    let correct = correct_numbers(cell(columns.correct))?;
    let last = columns.answers.last().map_or(0, |(n, _)| *n);
    for number in &correct {
        match answers.iter().find(|(n, _)| n == number) {
            None => {
                return Err(format!(
                    "correct answer {number} does not exist; the answers are numbered 1 to {last}"
                ));
            }
            Some((_, answer)) if answer.is_empty() => {
                return Err(format!(
                    "correct answer {number} points at an empty answer; fill in answer {number} or correct the number"
                ));
            }
            Some(_) => {}
        }
    }
    if correct.len() == filled {
        return Err(
            "every answer is marked correct; a question needs at least one wrong answer".to_owned(),
        );
    }

    let time_limit_secs = match columns.time_limit.map(cell) {
        None => None,
        Some(limit) if is_blank(limit) => None,
        Some(limit) => Some(time_limit(limit)?),
    };

    let options: Vec<raw::Choice> = answers
        .into_iter()
        .filter(|(_, a)| !a.is_empty())
        .map(|(number, a)| {
            if correct.contains(&number) {
                raw::Choice::Correct(a)
            } else {
                raw::Choice::Wrong(a)
            }
        })
        .collect();
    let answer = if correct.len() == 1 {
        raw::Answer::SingleChoice {
            options,
            keep_order: false,
        }
    } else {
        raw::Answer::MultiSelect {
            options,
            keep_order: false,
        }
    };
    Ok(Draft {
        prompt,
        answer,
        explanation: None,
        tags: Vec::new(),
        time_limit_secs,
        source: None,
        notes: None,
    })
}

/// The answer numbers in a "Correct answer(s)" cell, such as `2` or `1,3`.
fn correct_numbers(cell: &Data) -> Result<BTreeSet<u32>, String> {
    let written = text(cell, "the correct answer(s)")?;
    let mut numbers = BTreeSet::new();
    for token in written
        .split([',', ';', ' '])
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        let number = token
            .parse::<u32>()
            .ok()
            .filter(|n| *n >= 1)
            .ok_or_else(|| {
                format!(
                    "`{token}` in Correct answer(s) is not an answer number; write the number of each right answer, such as 2 or 1,3"
                )
            })?;
        numbers.insert(number);
    }
    if numbers.is_empty() {
        return Err(
            "no correct answer is given; write the number of each right answer in Correct answer(s), such as 2 or 1,3"
                .to_owned(),
        );
    }
    Ok(numbers)
}

fn time_limit(cell: &Data) -> Result<u32, String> {
    let secs = match cell {
        Data::Int(n) => u32::try_from(*n).ok(),
        // Whole numbers only, so the cast is exact.
        Data::Float(f) if f.fract() == 0.0 && *f >= 0.0 && *f <= f64::from(u32::MAX) => {
            Some(*f as u32)
        }
        Data::String(s) => s.trim().parse::<u32>().ok(),
        _ => None,
    };
    secs.filter(|s| (1..=MAX_TIME_LIMIT_SECS).contains(s))
        .ok_or_else(|| {
            format!(
                "the time limit `{cell}` is not a whole number of seconds from 1 to {MAX_TIME_LIMIT_SECS}; fix it or clear the cell for no limit"
            )
        })
}

/// A cell as text, trimmed; dates and error values are refused rather than shown as numbers.
fn text(cell: &Data, what: &str) -> Result<String, String> {
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

fn is_blank(cell: &Data) -> bool {
    match cell {
        Data::Empty => true,
        Data::String(s) => s.trim().is_empty(),
        _ => false,
    }
}
