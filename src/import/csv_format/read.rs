//! Reading the format: the header, then each row into a question, skipping (with the reason)
//! the rows that cannot be imported. [`Table`] reads rows already split into cells, so a
//! spreadsheet in quizdesk's columns is read by the same code as a CSV file.

use std::collections::HashMap;

use super::cells::{split_escaped, split_list, split_once_escaped, unescape};
use super::columns::{Column, EXACT, KEEP_ORDER, KIND_NAMES, Kind, MULTIPLE, REQUIRED};
use crate::deck::{self, MAX_TIME_LIMIT_SECS, raw};
use crate::import::{Collector, Draft, ImportError, ImportOptions, Imported, same_text};

/// Imports quizdesk's CSV format (see `docs/import.md`).
///
/// The first row must be the header, naming the columns in any order (see [`COLUMNS`](super::COLUMNS)); an
/// unknown or repeated column fails the import, so a misspelt column is never silently ignored.
/// Fields follow RFC 4180: a field with commas, quotes or line breaks is put in double quotes,
/// with each `"` inside doubled. Fields are separated by commas, or by semicolons or tabs if the
/// header row is (as some spreadsheet apps save CSV). A byte order mark at the start is ignored. Empty rows are
/// ignored; rows that cannot be imported are skipped with their row number (the header is row 1,
/// as in a spreadsheet) and the reason.
///
/// A separator other than a comma is said in [`Imported::notes`].
pub fn csv(text: &str, options: &ImportOptions) -> Result<Imported, ImportError> {
    let mut table = Table::new(Collector::new(options)?);
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let delimiter = delimiter(text);
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());

    let mut counter = RowCounter::default();
    for record in reader.records() {
        // Not seen on text in memory (no I/O, and text is UTF-8), but said by row if it is.
        let record = record.map_err(|e| ImportError::NotCsv {
            row: e.position().map_or(1, ::csv::Position::line),
        })?;
        let row = counter.row(text, &record);
        let cells: Vec<&str> = record.iter().collect();
        table.push(row, &cells)?;
    }
    let mut imported = table.finish(options)?;
    let separator = match delimiter {
        b';' => Some("semicolons (;)"),
        b'\t' => Some("tabs"),
        _ => None,
    };
    imported
        .notes
        .extend(separator.map(|s| format!("the columns are separated by {s}")));
    Ok(imported)
}

/// Rows in quizdesk's columns, given one at a time as cells of text: the header row first,
/// then one question a row.
pub(in crate::import) struct Table {
    collector: Collector,
    header: Option<Vec<Option<Column>>>,
    /// (row, the id written in it and its question, or why it is skipped), in row order.
    rows: Vec<(usize, Result<RowQuestion, String>)>,
}

impl Table {
    /// An empty table, adding its questions to `collector`.
    pub(in crate::import) fn new(collector: Collector) -> Self {
        Self {
            collector,
            header: None,
            rows: Vec::new(),
        }
    }

    /// Adds the row numbered `row` (as the spreadsheet shows it): the first is the header,
    /// which fails the import if it names an unknown column or lacks a required one; after it,
    /// a row with only empty cells is ignored. Spaces around cells are ignored.
    pub(in crate::import) fn push(
        &mut self,
        row: usize,
        cells: &[&str],
    ) -> Result<(), ImportError> {
        let cells: Vec<&str> = cells.iter().map(|c| c.trim()).collect();
        let Some(columns) = &self.header else {
            self.header = Some(read_header(&cells)?);
            return Ok(());
        };
        if cells.iter().any(|c| !c.is_empty()) {
            self.rows.push((row, read_row(columns, &cells)));
        }
        Ok(())
    }

    /// Skips a question row whose cells could not be read as text, with the reason.
    pub(in crate::import) fn skip(&mut self, row: usize, reason: String) {
        self.rows.push((row, Err(reason)));
    }

    /// The deck of the rows added; fails if there was no header row or no question.
    pub(in crate::import) fn finish(
        self,
        options: &ImportOptions,
    ) -> Result<Imported, ImportError> {
        let Self {
            mut collector,
            header,
            mut rows,
        } = self;
        if header.is_none() {
            return Err(ImportError::NothingImportable {
                skipped: Vec::new(),
            });
        }
        // Ids written in the file are reserved first, so an id made from an earlier row's
        // prompt never takes one a later row asks for.
        let mut first_row_of_id: HashMap<String, usize> = HashMap::new();
        for (row, result) in &mut rows {
            if let Ok((Some(id), _)) = result {
                if let Some(first) = first_row_of_id.get(id.as_str()) {
                    *result = Err(format!("the id `{id}` is already used by row {first}"));
                } else {
                    first_row_of_id.insert(id.clone(), *row);
                    collector.reserve(id);
                }
            }
        }
        for (row, result) in rows {
            match result {
                Ok((id, draft)) => collector.add(row, id, draft),
                Err(reason) => collector.skip(row, reason),
            }
        }
        collector.finish(options)
    }
}

/// Whether a header cell names one of the columns every file in quizdesk's columns has
/// (`kind`, `prompt`, `correct`): how a spreadsheet in quizdesk's columns is told from Kahoot's.
pub(in crate::import) fn names_required_column(cell: &str) -> bool {
    Column::from_header(cell).is_some_and(|c| REQUIRED.contains(&c))
}

/// The character between fields: a comma, or the semicolon or tab that spreadsheets set to some
/// languages write instead, whichever the header line has most of (column names contain none).
pub(in crate::import) fn delimiter(text: &str) -> u8 {
    let header = text
        .trim_start_matches(['\r', '\n'])
        .lines()
        .next()
        .unwrap_or_default();
    [b',', b';', b'\t']
        .into_iter()
        .rev()
        .max_by_key(|d| header.bytes().filter(|b| b == d).count())
        .unwrap_or(b',')
}

/// Turns records into row numbers as a spreadsheet shows them: every line is a row, blank ones
/// included, except that a record with line breaks inside quoted fields is one row.
#[derive(Default)]
struct RowCounter {
    /// Bytes of the text looked at so far.
    scanned: usize,
    /// Line breaks in `text[..scanned]`.
    line_breaks: usize,
    /// Line breaks inside the quoted fields of the records so far.
    inside_fields: usize,
}

impl RowCounter {
    fn row(&mut self, text: &str, record: &::csv::StringRecord) -> usize {
        // The reader's position is at or before the record's start, with only line breaks (the
        // previous record's end and blank lines, which the reader skips) in between.
        let at = record
            .position()
            .and_then(|p| usize::try_from(p.byte()).ok())
            .unwrap_or(self.scanned)
            .max(self.scanned);
        let start = text.get(at..).map_or(text.len(), |rest| {
            at + (rest.len() - rest.trim_start_matches(['\r', '\n']).len())
        });
        self.line_breaks += text
            .get(self.scanned..start)
            .map_or(0, |between| between.matches('\n').count());
        self.scanned = start;
        let row = (self.line_breaks + 1).saturating_sub(self.inside_fields);
        self.inside_fields += record
            .iter()
            .map(|f| f.matches('\n').count())
            .sum::<usize>();
        row
    }
}

fn read_header(cells: &[&str]) -> Result<Vec<Option<Column>>, ImportError> {
    let mut columns = Vec::with_capacity(cells.len());
    let mut unknown = Vec::new();
    for cell in cells {
        if cell.is_empty() {
            columns.push(None);
            continue;
        }
        match Column::from_header(cell) {
            Some(column) if columns.contains(&Some(column)) => {
                return Err(ImportError::DuplicateColumn {
                    name: column.name().to_owned(),
                });
            }
            Some(column) => columns.push(Some(column)),
            None => {
                unknown.push((*cell).to_owned());
                columns.push(None);
            }
        }
    }
    if columns.iter().all(Option::is_none) {
        return Err(ImportError::MissingHeader);
    }
    if !unknown.is_empty() {
        return Err(ImportError::UnknownColumns { names: unknown });
    }
    let missing: Vec<String> = REQUIRED
        .iter()
        .filter(|c| !columns.contains(&Some(**c)))
        .map(|c| c.name().to_owned())
        .collect();
    if !missing.is_empty() {
        return Err(ImportError::MissingColumns { names: missing });
    }
    Ok(columns)
}

/// The id written in a row, if any, and its question.
type RowQuestion = (Option<String>, Draft);

/// One row's cells, by column.
struct Cells<'r> {
    by_column: HashMap<Column, &'r str>,
}

impl<'r> Cells<'r> {
    fn get(&self, column: Column) -> &'r str {
        self.by_column.get(&column).copied().unwrap_or_default()
    }
}

/// Reads one row: the id written in it, if any, and the question.
fn read_row(columns: &[Option<Column>], cells: &[&str]) -> Result<RowQuestion, String> {
    let mut by_column = HashMap::new();
    for (i, cell) in cells.iter().enumerate() {
        match columns.get(i).copied().flatten() {
            Some(column) => {
                by_column.insert(column, crate::csv_cell::unguard(cell));
            }
            None if cell.is_empty() => {}
            None => {
                return Err(format!(
                    "column {} holds `{cell}`, but the header gives that column no name",
                    i + 1
                ));
            }
        }
    }
    let cells = Cells { by_column };

    let kind_cell = cells.get(Column::Kind);
    if kind_cell.is_empty() {
        return Err(format!("the kind is empty; write {KIND_NAMES}"));
    }
    let kind = Kind::parse(kind_cell)
        .ok_or_else(|| format!("unknown kind `{kind_cell}`; write {KIND_NAMES}"))?;
    let prompt = cells.get(Column::Prompt);
    if prompt.is_empty() {
        return Err("the prompt is empty".to_owned());
    }
    let id = match cells.get(Column::Id) {
        "" => None,
        id if deck::is_valid_id(id) => Some(id.to_owned()),
        id => {
            return Err(format!(
                "`{id}` is not a valid question id: ids start with a lowercase letter a-z or a digit, then use a-z, digits, `-`, `_` and `.`, at most {} characters; or leave the id empty to make one from the prompt",
                deck::MAX_ID_LEN
            ));
        }
    };

    let Flags {
        keep_order,
        exact,
        multiple,
    } = read_flags(cells.get(Column::Flags), kind)?;
    let correct = cells.get(Column::Correct);
    // A words question has nothing right; its `correct` cell may hold a length limit.
    if correct.is_empty() && kind != Kind::Words {
        return Err(format!(
            "the `correct` column is empty; for a {} question write {}",
            kind.name(),
            kind.correct_hint()
        ));
    }
    let wrong = cells.get(Column::Wrong);
    if !wrong.is_empty() && !matches!(kind, Kind::Single | Kind::Multi) {
        return Err(format!(
            "the `wrong` column is only for single and multi questions; leave it empty for a {} question",
            kind.name()
        ));
    }

    let answer = match kind {
        Kind::Flashcard => raw::Answer::Flashcard {
            back: correct.to_owned(),
        },
        Kind::Single | Kind::Multi => read_choices(kind, correct, wrong, keep_order)?,
        Kind::TrueFalse => match correct.to_lowercase().as_str() {
            "true" => raw::Answer::TrueFalse { correct: true },
            "false" => raw::Answer::TrueFalse { correct: false },
            _ => {
                return Err(format!(
                    "a truefalse question's `correct` is true or false, not `{correct}`"
                ));
            }
        },
        Kind::Numeric => read_numeric(correct)?,
        Kind::Text => raw::Answer::Text {
            accepted: split_list(correct),
            exact,
        },
        Kind::Order => raw::Answer::Order {
            items: split_list(correct),
        },
        Kind::Match => raw::Answer::Match {
            pairs: read_pairs(correct)?,
        },
        Kind::Poll => raw::Answer::Poll {
            options: split_list(correct),
            multiple,
        },
        Kind::Words => raw::Answer::Words {
            max_chars: match correct {
                "" => None,
                limit => Some(
                    limit
                        .parse::<u32>()
                        .ok()
                        .filter(|n| (1..=deck::MAX_WORDS_CHARS).contains(n))
                        .ok_or_else(|| {
                            format!(
                                "a words question's `correct` is the most characters an answer may have, from 1 to {}, or empty; not `{limit}`",
                                deck::MAX_WORDS_CHARS
                            )
                        })?,
                ),
            },
        },
    };

    let explanation = Some(cells.get(Column::Explanation))
        .filter(|e| !e.is_empty())
        .map(str::to_owned);
    let time_limit_secs = match cells.get(Column::TimeLimitSecs) {
        "" => None,
        secs => Some(
            secs.parse::<u32>()
                .ok()
                .filter(|s| (1..=MAX_TIME_LIMIT_SECS).contains(s))
                .ok_or_else(|| {
                    format!(
                        "the time limit `{secs}` is not a whole number of seconds from 1 to {MAX_TIME_LIMIT_SECS}; leave it empty for no limit"
                    )
                })?,
        ),
    };
    Ok((
        id,
        Draft {
            prompt: prompt.to_owned(),
            answer,
            explanation,
            source: read_source(cells.get(Column::Source))?,
            tags: split_list(cells.get(Column::Tags)),
            time_limit_secs,
            notes: Some(cells.get(Column::Notes))
                .filter(|n| !n.is_empty())
                .map(str::to_owned),
            image: read_image(cells.get(Column::Image), cells.get(Column::ImageAlt))?,
        },
    ))
}

/// Reads the `image` and `image_alt` cells: a picture, its path relative to the deck file the
/// import writes. Alt text without a picture is a mistake worth saying; a picture without alt
/// text is refused by the deck's own rule.
fn read_image(file: &str, alt: &str) -> Result<Option<raw::Image>, String> {
    match (file.is_empty(), alt.is_empty()) {
        (true, true) => Ok(None),
        (true, false) => Err(
            "the row has alt text in `image_alt` but no picture in `image`; give the picture's path, or leave both empty".to_owned(),
        ),
        (false, _) => Ok(Some(raw::Image {
            file: file.to_owned(),
            alt: alt.to_owned(),
        })),
    }
}

/// Reads the `source` cell, `source-id: where in it` (such as `report: paragraph 12`).
fn read_source(cell: &str) -> Result<Option<raw::Cite>, String> {
    if cell.is_empty() {
        return Ok(None);
    }
    let Some((source, locator)) = cell.split_once(':') else {
        return Err(format!(
            "the source `{cell}` needs the source's id, a colon and where in it, such as `report: paragraph 12`"
        ));
    };
    Ok(Some(raw::Cite {
        source: source.trim().to_owned(),
        locator: locator.trim().to_owned(),
    }))
}

/// The flags a question's `flags` cell sets.
#[derive(Default)]
struct Flags {
    keep_order: bool,
    exact: bool,
    multiple: bool,
}

/// Reads the `flags` cell.
fn read_flags(cell: &str, kind: Kind) -> Result<Flags, String> {
    let mut flags = Flags::default();
    for flag in split_list(cell) {
        let name = flag.to_lowercase().replace([' ', '-'], "_");
        match name.as_str() {
            KEEP_ORDER if matches!(kind, Kind::Single | Kind::Multi) => flags.keep_order = true,
            KEEP_ORDER => {
                return Err(format!(
                    "the flag `{KEEP_ORDER}` is for single and multi questions only, not {}",
                    kind.name()
                ));
            }
            EXACT if kind == Kind::Text => flags.exact = true,
            EXACT => {
                return Err(format!(
                    "the flag `{EXACT}` is for text questions only, not {}",
                    kind.name()
                ));
            }
            MULTIPLE if kind == Kind::Poll => flags.multiple = true,
            MULTIPLE => {
                return Err(format!(
                    "the flag `{MULTIPLE}` is for poll questions only, not {}",
                    kind.name()
                ));
            }
            _ => {
                return Err(format!(
                    "unknown flag `{flag}`; the flags are `{KEEP_ORDER}` (single and multi), `{EXACT}` (text) and `{MULTIPLE}` (poll)"
                ));
            }
        }
    }
    Ok(flags)
}

/// Builds a choice answer from the `correct` and `wrong` cells.
///
/// Options are shuffled when shown, so their order only matters with `keep_order`: then the
/// correct options come first and the wrong ones after, except that a correct option also
/// written in `wrong` is shown at its place there.
fn read_choices(
    kind: Kind,
    correct: &str,
    wrong: &str,
    keep_order: bool,
) -> Result<raw::Answer, String> {
    let correct = split_list(correct);
    let wrong = split_list(wrong);
    if kind == Kind::Single && correct.len() != 1 {
        return Err(format!(
            "a single question has exactly one correct option; this row has {} (for \"select all that apply\", use the kind multi)",
            correct.len()
        ));
    }
    if wrong.is_empty() {
        return Err(format!(
            "the `wrong` column is empty; a {} question needs at least one wrong option",
            kind.name()
        ));
    }
    let is_correct = |text: &str| correct.iter().any(|c| same_text(c, text));
    if !keep_order && let Some(both) = wrong.iter().find(|w| is_correct(w)) {
        return Err(format!(
            "`{both}` is in both `correct` and `wrong` (only with the flag `{KEEP_ORDER}` may a correct option be written in `wrong` too, to place it among the wrong ones)"
        ));
    }
    let mut options: Vec<raw::Choice> = correct
        .iter()
        .filter(|c| !wrong.iter().any(|w| same_text(c, w)))
        .map(|c| raw::Choice::Correct(c.clone()))
        .collect();
    for w in &wrong {
        options.push(match correct.iter().find(|c| same_text(c, w)) {
            Some(c) => raw::Choice::Correct(c.clone()),
            None => raw::Choice::Wrong(w.clone()),
        });
    }
    Ok(if kind == Kind::Single {
        raw::Answer::SingleChoice {
            options,
            keep_order,
        }
    } else {
        raw::Answer::MultiSelect {
            options,
            keep_order,
        }
    })
}

/// Reads a match question's `correct` cell: pairs written `left=right`, separated by `|`.
pub(super) fn read_pairs(cell: &str) -> Result<Vec<(String, String)>, String> {
    let mut pairs = Vec::new();
    for item in split_escaped(cell, '|') {
        if item.trim().is_empty() {
            continue;
        }
        let Some((left, right)) = split_once_escaped(item, '=') else {
            return Err(format!(
                "`{}` is not a pair; write each pair as left=right, separated by |",
                item.trim()
            ));
        };
        let (left, right) = (unescape(left), unescape(right));
        let (left, right) = (left.trim(), right.trim());
        if left.is_empty() || right.is_empty() {
            return Err(format!(
                "the pair `{}` has an empty side; write it as left=right",
                item.trim()
            ));
        }
        pairs.push((left.to_owned(), right.to_owned()));
    }
    Ok(pairs)
}

const NUMBER_HELP: &str = "write it like `8`, `8.3±0.5`, `8.3+-0.5` or `145..155`, with a dot for decimals and no thousands separators, optionally followed by a space and the unit (`145..155 million km`)";

/// Reads a numeric `correct` cell: `value`, `value±tolerance` (or `+-`) or `min..max`, then
/// optionally a space and the unit.
pub(super) fn read_numeric(cell: &str) -> Result<raw::Answer, String> {
    let bad =
        || format!("`{cell}` is not a number, `value±tolerance` or `min..max`; {NUMBER_HELP}");
    let mut scan = Scanner { rest: cell };
    let first = scan.number().ok_or_else(bad)?;
    let before_space = scan.rest;
    scan.spaces();
    let accept = if scan.eat("±") || scan.eat("+-") {
        scan.spaces();
        raw::Accept::Exact {
            value: first,
            tolerance: scan.number().ok_or_else(bad)?,
        }
    } else if scan.eat("..") {
        scan.spaces();
        raw::Accept::Range {
            min: first,
            max: scan.number().ok_or_else(bad)?,
        }
    } else {
        scan.rest = before_space;
        raw::Accept::Exact {
            value: first,
            tolerance: 0.0,
        }
    };
    let unit = scan.rest.trim();
    let spaced = scan.rest.starts_with(char::is_whitespace);
    let unit = match unit.chars().next() {
        None => None,
        // A unit starts after a space and not with something that belongs to a number, so
        // "900km", "8,3" and "5 - 10" are refused instead of read as a number and a unit.
        Some(c) if spaced && !(c.is_ascii_digit() || matches!(c, '+' | '-' | '.' | ',')) => {
            Some(unit.to_owned())
        }
        Some(_) => return Err(bad()),
    };
    Ok(raw::Answer::Numeric { accept, unit })
}

/// Reads a numeric cell from the left.
struct Scanner<'t> {
    rest: &'t str,
}

impl Scanner<'_> {
    fn eat(&mut self, token: &str) -> bool {
        match self.rest.strip_prefix(token) {
            Some(rest) => {
                self.rest = rest;
                true
            }
            None => false,
        }
    }

    fn spaces(&mut self) {
        self.rest = self.rest.trim_start();
    }

    /// An optional sign, digits, and optionally a dot and more digits (a dot followed by a
    /// second dot is a range, not a decimal point).
    fn number(&mut self) -> Option<f64> {
        let bytes = self.rest.as_bytes();
        let mut end = usize::from(matches!(bytes.first(), Some(b'+' | b'-')));
        let digits_start = end;
        while bytes.get(end).is_some_and(u8::is_ascii_digit) {
            end += 1;
        }
        let mut digits = end - digits_start;
        if bytes.get(end) == Some(&b'.') && bytes.get(end + 1) != Some(&b'.') {
            end += 1;
            while bytes.get(end).is_some_and(u8::is_ascii_digit) {
                end += 1;
                digits += 1;
            }
        }
        if digits == 0 {
            return None;
        }
        let value = self.rest.get(..end)?.parse::<f64>().ok()?;
        self.rest = self.rest.get(end..)?;
        Some(value)
    }
}
