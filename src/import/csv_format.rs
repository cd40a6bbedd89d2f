//! quizdesk's CSV format: one question per row, under a header row naming the columns.
//!
//! Described for teachers in `docs/import.md`; `assets/import-template.csv` has one row of every
//! kind. [`to_csv`] writes the same format, so a deck exported and imported again keeps its
//! questions.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::{Collector, Draft, ImportError, ImportOptions, Imported, same_text};
use crate::csv_cell::CsvOut;
use crate::deck::{self, MAX_TIME_LIMIT_SECS, raw};

/// The CSV columns, in the order [`to_csv`] writes them. Only `kind`, `prompt` and `correct` are
/// required; the others may be left out of the header.
pub const COLUMNS: &[&str] = &[
    "kind",
    "prompt",
    "correct",
    "wrong",
    "explanation",
    "source",
    "tags",
    "time_limit_secs",
    "flags",
    "id",
];

/// The columns every CSV file must have.
const REQUIRED: &[Column] = &[Column::Kind, Column::Prompt, Column::Correct];

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Column {
    Kind,
    Prompt,
    Correct,
    Wrong,
    Explanation,
    Source,
    Tags,
    TimeLimitSecs,
    Flags,
    Id,
}

impl Column {
    const ALL: [Self; 10] = [
        Self::Kind,
        Self::Prompt,
        Self::Correct,
        Self::Wrong,
        Self::Explanation,
        Self::Source,
        Self::Tags,
        Self::TimeLimitSecs,
        Self::Flags,
        Self::Id,
    ];

    fn name(self) -> &'static str {
        match self {
            Self::Kind => "kind",
            Self::Prompt => "prompt",
            Self::Correct => "correct",
            Self::Wrong => "wrong",
            Self::Explanation => "explanation",
            Self::Source => "source",
            Self::Tags => "tags",
            Self::TimeLimitSecs => "time_limit_secs",
            Self::Flags => "flags",
            Self::Id => "id",
        }
    }

    /// The column a header cell names: case, surrounding space, and `-` or a space in place of
    /// `_` are ignored.
    fn from_header(cell: &str) -> Option<Self> {
        let name = cell.trim().to_lowercase().replace([' ', '-'], "_");
        Self::ALL.into_iter().find(|c| c.name() == name)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Flashcard,
    Single,
    Multi,
    TrueFalse,
    Numeric,
    Text,
    Order,
    Match,
}

const KIND_NAMES: &str = "flashcard, single, multi, truefalse, numeric, text, order or match";

impl Kind {
    /// Reads a `kind` cell; case, `-`, `_` and spaces are ignored, and the deck format's names
    /// (`SingleChoice`, `MultiSelect`, `TrueFalse`) work too.
    fn parse(cell: &str) -> Option<Self> {
        let name: String = cell
            .chars()
            .filter(|c| !matches!(c, '-' | '_' | ' '))
            .flat_map(char::to_lowercase)
            .collect();
        Some(match name.as_str() {
            "flashcard" => Self::Flashcard,
            "single" | "singlechoice" => Self::Single,
            "multi" | "multiselect" => Self::Multi,
            "truefalse" => Self::TrueFalse,
            "numeric" => Self::Numeric,
            "text" => Self::Text,
            "order" => Self::Order,
            "match" => Self::Match,
            _ => return None,
        })
    }

    fn name(self) -> &'static str {
        match self {
            Self::Flashcard => "flashcard",
            Self::Single => "single",
            Self::Multi => "multi",
            Self::TrueFalse => "truefalse",
            Self::Numeric => "numeric",
            Self::Text => "text",
            Self::Order => "order",
            Self::Match => "match",
        }
    }

    /// What goes in `correct`, for messages.
    fn correct_hint(self) -> &'static str {
        match self {
            Self::Flashcard => "the back of the card",
            Self::Single => "the right option",
            Self::Multi => "the right options, separated by |",
            Self::TrueFalse => "true or false",
            Self::Numeric => "the number, such as 8, 8.3±0.5 or 145..155",
            Self::Text => "the accepted answers, separated by |",
            Self::Order => "the items in their right order, separated by |",
            Self::Match => "the pairs as left=right, separated by |",
        }
    }
}

const KEEP_ORDER: &str = "keep_order";
const EXACT: &str = "exact";

/// Imports quizdesk's CSV format (see `docs/import.md`).
///
/// The first row must be the header, naming the columns in any order (see [`COLUMNS`]); an
/// unknown or repeated column fails the import, so a misspelt column is never silently ignored.
/// Fields follow RFC 4180: a field with commas, quotes or line breaks is put in double quotes,
/// with each `"` inside doubled. Fields are separated by commas, or by semicolons or tabs if the
/// header row is (as some spreadsheet apps save CSV). A byte order mark at the start is ignored. Empty rows are
/// ignored; rows that cannot be imported are skipped with their row number (the header is row 1,
/// as in a spreadsheet) and the reason.
pub fn csv(text: &str, options: &ImportOptions) -> Result<Imported, ImportError> {
    let mut collector = Collector::new(options)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(text))
        .from_reader(text.as_bytes());

    let mut header: Option<Vec<Option<Column>>> = None;
    let mut rows: Vec<(usize, Result<RowQuestion, String>)> = Vec::new();
    let mut counter = RowCounter::default();
    for record in reader.records() {
        let record = record.map_err(|e| ImportError::NotCsv {
            reason: e.to_string(),
        })?;
        let row = counter.row(text, &record);
        let cells: Vec<&str> = record.iter().map(str::trim).collect();
        let Some(columns) = &header else {
            header = Some(read_header(&cells)?);
            continue;
        };
        if cells.iter().all(|c| c.is_empty()) {
            continue;
        }
        rows.push((row, read_row(columns, &cells)));
    }
    if header.is_none() {
        return Err(ImportError::NothingImportable {
            skipped: Vec::new(),
        });
    }

    // Ids written in the file are reserved first, so an id made from an earlier row's prompt
    // never takes one a later row asks for.
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

/// The character between fields: a comma, or the semicolon or tab that spreadsheets set to some
/// languages write instead, whichever the header line has most of (column names contain none).
fn delimiter(text: &str) -> u8 {
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

    let (keep_order, exact) = read_flags(cells.get(Column::Flags), kind)?;
    let correct = cells.get(Column::Correct);
    if correct.is_empty() {
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
        },
    ))
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

/// Reads the `flags` cell: (keep_order, exact).
fn read_flags(cell: &str, kind: Kind) -> Result<(bool, bool), String> {
    let (mut keep_order, mut exact) = (false, false);
    for flag in split_list(cell) {
        let name = flag.to_lowercase().replace([' ', '-'], "_");
        match name.as_str() {
            KEEP_ORDER if matches!(kind, Kind::Single | Kind::Multi) => keep_order = true,
            KEEP_ORDER => {
                return Err(format!(
                    "the flag `{KEEP_ORDER}` is for single and multi questions only, not {}",
                    kind.name()
                ));
            }
            EXACT if kind == Kind::Text => exact = true,
            EXACT => {
                return Err(format!(
                    "the flag `{EXACT}` is for text questions only, not {}",
                    kind.name()
                ));
            }
            _ => {
                return Err(format!(
                    "unknown flag `{flag}`; the flags are `{KEEP_ORDER}` (single and multi) and `{EXACT}` (text)"
                ));
            }
        }
    }
    Ok((keep_order, exact))
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

fn read_pairs(cell: &str) -> Result<Vec<(String, String)>, String> {
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
fn read_numeric(cell: &str) -> Result<raw::Answer, String> {
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

/// The characters a backslash escapes in list cells.
const ESCAPED: [char; 3] = ['|', '=', '\\'];

/// Splits a list cell at each `|` that is not escaped, unescapes and trims each value, and
/// drops empty ones.
fn split_list(cell: &str) -> Vec<String> {
    split_escaped(cell, '|')
        .into_iter()
        .map(|item| unescape(item).trim().to_owned())
        .filter(|item| !item.is_empty())
        .collect()
}

/// Splits at each `sep` not escaped by a backslash; the parts keep their escapes.
fn split_escaped(text: &str, sep: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if c == '\\' {
            if chars.peek().is_some_and(|(_, next)| ESCAPED.contains(next)) {
                chars.next();
            }
        } else if c == sep {
            parts.push(&text[start..at]);
            start = at + c.len_utf8();
        }
    }
    parts.push(&text[start..]);
    parts
}

/// Splits at the first `sep` not escaped by a backslash.
fn split_once_escaped(text: &str, sep: char) -> Option<(&str, &str)> {
    let mut parts = split_escaped(text, sep).into_iter();
    let first = parts.next()?;
    parts.next()?;
    let right = text.get(first.len() + sep.len_utf8()..)?;
    Some((first, right))
}

/// Turns `\|`, `\=` and `\\` into the character; any other backslash stays as written.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\'
            && let Some(&next) = chars.peek()
            && ESCAPED.contains(&next)
        {
            out.push(next);
            chars.next();
        } else {
            out.push(c);
        }
    }
    out
}

/// Escapes a value for a list cell: `|` always, `=` in match pairs, and a backslash where it
/// would otherwise be read as an escape (before `|`, `=`, `\` or at the end).
fn escape(text: &str, in_pair: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '|' => out.push_str("\\|"),
            '=' if in_pair => out.push_str("\\="),
            '\\' if chars.peek().is_none_or(|next| ESCAPED.contains(next)) => {
                out.push_str("\\\\");
            }
            c => out.push(c),
        }
    }
    out
}

fn join_list<'t>(items: impl IntoIterator<Item = &'t str>) -> String {
    items
        .into_iter()
        .map(|item| escape(item, false))
        .collect::<Vec<_>>()
        .join("|")
}

/// Writes a deck in the CSV format that [`csv()`] reads, with a header row and one row per
/// question, so that importing the result gives back every question's id, prompt, answer,
/// explanation, tags and time limit.
///
/// What CSV has no room for is left out: the deck's title, description, authors, content note,
/// sources and resources, and each question's citation. The text starts with a byte order mark,
/// so that Excel reads it as UTF-8.
pub fn to_csv(deck: &deck::Deck) -> String {
    // Every cell guarded against formulas like any CSV the app writes (see
    // [`crate::csv_cell`]); `read_row` undoes it, so an exported deck imports back the same.
    let mut csv = CsvOut::new();
    csv.record(COLUMNS);
    for q in deck.questions() {
        let (kind, correct, wrong, flag) = answer_cells(&q.answer);
        let time = q.time_limit_secs.map(|s| s.to_string()).unwrap_or_default();
        let tags = join_list(q.tags.iter().map(String::as_str));
        let source = q
            .source
            .as_ref()
            .map(|c| format!("{}: {}", c.source, c.locator))
            .unwrap_or_default();
        csv.record([
            kind.name(),
            q.prompt.as_str(),
            correct.as_str(),
            wrong.as_str(),
            q.explanation.as_deref().unwrap_or_default(),
            source.as_str(),
            tags.as_str(),
            time.as_str(),
            flag,
            q.id.as_str(),
        ]);
    }
    let mut out = String::from('\u{feff}');
    out.push_str(&csv.finish());
    out
}

/// (kind, correct, wrong, flags) for an answer.
fn answer_cells(answer: &deck::Answer) -> (Kind, String, String, &'static str) {
    match answer {
        deck::Answer::Flashcard { back } => (Kind::Flashcard, back.clone(), String::new(), ""),
        deck::Answer::SingleChoice {
            options,
            keep_order,
        } => {
            let (correct, wrong) = choice_cells(options, *keep_order);
            (Kind::Single, correct, wrong, flag(*keep_order, KEEP_ORDER))
        }
        deck::Answer::MultiSelect {
            options,
            keep_order,
        } => {
            let (correct, wrong) = choice_cells(options, *keep_order);
            (Kind::Multi, correct, wrong, flag(*keep_order, KEEP_ORDER))
        }
        deck::Answer::TrueFalse { correct } => {
            (Kind::TrueFalse, correct.to_string(), String::new(), "")
        }
        deck::Answer::Numeric { accept, unit } => {
            let mut cell = match *accept {
                deck::NumericAccept::Exact {
                    value,
                    tolerance: 0.0,
                } => {
                    format!("{value}")
                }
                deck::NumericAccept::Exact { value, tolerance } => format!("{value}±{tolerance}"),
                deck::NumericAccept::Range { min, max } => format!("{min}..{max}"),
            };
            if let Some(unit) = unit {
                let _ = write!(cell, " {unit}");
            }
            (Kind::Numeric, cell, String::new(), "")
        }
        deck::Answer::Text { accepted, exact } => (
            Kind::Text,
            join_list(accepted.iter().map(String::as_str)),
            String::new(),
            flag(*exact, EXACT),
        ),
        deck::Answer::Order { items } => (
            Kind::Order,
            join_list(items.iter().map(String::as_str)),
            String::new(),
            "",
        ),
        deck::Answer::Match { pairs } => (
            Kind::Match,
            pairs
                .iter()
                .map(|p| format!("{}={}", escape(&p.left, true), escape(&p.right, true)))
                .collect::<Vec<_>>()
                .join("|"),
            String::new(),
            "",
        ),
    }
}

fn flag(on: bool, name: &'static str) -> &'static str {
    if on { name } else { "" }
}

/// (correct, wrong) cells for choice options. With `keep_order`, when a correct option comes
/// after a wrong one, every option is written in `wrong`, in order, so the order survives.
fn choice_cells(options: &[deck::Choice], keep_order: bool) -> (String, String) {
    let correct = join_list(
        options
            .iter()
            .filter(|o| o.correct)
            .map(|o| o.text.as_str()),
    );
    let first_wrong = options.iter().position(|o| !o.correct);
    let interleaved = first_wrong.is_some_and(|at| options.iter().skip(at).any(|o| o.correct));
    let wrong = if keep_order && interleaved {
        join_list(options.iter().map(|o| o.text.as_str()))
    } else {
        join_list(
            options
                .iter()
                .filter(|o| !o.correct)
                .map(|o| o.text.as_str()),
        )
    };
    (correct, wrong)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_exported_deck_with_formula_like_text_is_guarded_and_imports_back_the_same() {
        let sample = include_str!("../../decks/sample-every-kind.ron")
            .replacen(
                "Which is the largest planet in the solar system?",
                "=HYPERLINK(\\\"x\\\") is not a planet; which is the largest?",
                1,
            )
            .replacen("\"Venus\"", "\"-2+3 Venus\"", 1)
            .replacen("\"Mercury\"", "\"'@Mercury\"", 1)
            .replacen("\"He\"", "\"'He\"", 1);
        let deck = deck::parse_deck(sample.as_bytes(), std::path::Path::new("s.ron"))
            .unwrap_or_else(|e| panic!("{}", e.report().render()));
        let text = to_csv(&deck);
        assert!(text.contains("\"'=HYPERLINK("), "{text}");
        let options = ImportOptions {
            deck_id: "sample-every-kind".to_owned(),
            title: "t".to_owned(),
            language: "en".to_owned(),
            as_choice: false,
            seed: 1,
        };
        let imported = csv(&text, &options).unwrap_or_else(|e| panic!("{e}"));
        assert!(imported.skipped.is_empty(), "{:?}", imported.skipped);
        let original = deck::from_validated(&deck);
        assert_eq!(imported.deck.questions.len(), original.questions.len());
        for (back, original) in imported.deck.questions.iter().zip(&original.questions) {
            assert_eq!(back.prompt, original.prompt);
            assert_eq!(back.answer, original.answer);
            assert_eq!(back.explanation, original.explanation);
        }
    }

    #[test]
    fn list_values_round_trip_through_escaping() {
        let values = ["a|b", "c\\", "d\\|e", "x=y", "back\\slash", "\\=", "plain"];
        let cell = join_list(values);
        assert_eq!(split_list(&cell), values);
        let pairs: Vec<(String, String)> = vec![
            ("E=mc²".into(), "Einstein | 1905".into()),
            ("a\\".into(), "=b".into()),
        ];
        let cell = pairs
            .iter()
            .map(|(l, r)| format!("{}={}", escape(l, true), escape(r, true)))
            .collect::<Vec<_>>()
            .join("|");
        assert_eq!(read_pairs(&cell), Ok(pairs));
    }

    #[test]
    fn a_lone_backslash_is_kept() {
        assert_eq!(split_list(r"C:\Decks | D:\x"), [r"C:\Decks", r"D:\x"]);
    }

    #[test]
    fn numbers_tolerances_ranges_and_units() {
        let exact = |value, tolerance| raw::Accept::Exact { value, tolerance };
        let cases = [
            ("900", exact(900.0, 0.0), None),
            ("900±50", exact(900.0, 50.0), None),
            ("900 +- 50 m", exact(900.0, 50.0), Some("m")),
            ("-40", exact(-40.0, 0.0), None),
            ("8.3±0.5 minutes", exact(8.3, 0.5), Some("minutes")),
            (
                "50..100",
                raw::Accept::Range {
                    min: 50.0,
                    max: 100.0,
                },
                None,
            ),
            (
                "-5 .. -1.5 °C",
                raw::Accept::Range {
                    min: -5.0,
                    max: -1.5,
                },
                Some("°C"),
            ),
            (
                "145..155 million km",
                raw::Accept::Range {
                    min: 145.0,
                    max: 155.0,
                },
                Some("million km"),
            ),
        ];
        for (cell, accept, unit) in cases {
            assert_eq!(
                read_numeric(cell),
                Ok(raw::Answer::Numeric {
                    accept,
                    unit: unit.map(str::to_owned)
                }),
                "{cell}"
            );
        }
        for cell in [
            "", "km", "900km", "8,3", "1,000", "5 - 10", "1e5", "50..", "±5", "NaN", "inf",
        ] {
            assert!(read_numeric(cell).is_err(), "{cell}");
        }
    }
}
