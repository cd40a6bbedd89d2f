//! One CSV cell as quizdesk writes it: quoted by RFC 4180, and kept from being read as a formula.
//!
//! Every CSV the app writes (the class table, `history --format csv`, the presentation records,
//! a deck exported as CSV) holds text that others typed: a student's name, a deck's title, a
//! question id. A spreadsheet reads a cell that begins with `=`, `+`, `-` or `@` (or a tab or a
//! carriage return before one) as a formula, so a name such as `=HYPERLINK(...)` would run
//! when a teacher opens the file. Such a cell is written with a `'` in front, the usual guard,
//! which spreadsheets show as plain text. A number (`-2`, `-0.5`) is left as it is, since a
//! spreadsheet reads it as a number, not a formula. A cell that already begins with `'` gets
//! one more, so that [`unguard`] gives back exactly what was written.
//!
//! Every CSV row quizdesk writes goes through one writer, [`CsvOut`] (or [`push_record`], one
//! row of it), so the guard is applied here only and the quoting is the `csv` crate's: a field
//! is quoted when it holds a comma, a quote or a line break, quotes doubled, rows ended by
//! `\n`. The tests read what it writes back with the same crate's reader, field for field.
//!
//! Which cells are guarded: every cell, whatever its column, except a plain number. So the
//! numbers quizdesk formats itself (a score, a percent, `-1`) stay numbers in a spreadsheet, and
//! a text a person typed (a name, a title, an id, a prompt) that could run is written as text.
//! A typed text that is a plain number, such as a name `-2`, is shown as that number, which is
//! what it says and cannot run.

use std::borrow::Cow;

/// The first characters that make a spreadsheet read a cell as a formula.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A CSV file being written in memory: each record's fields guarded (see the module), then
/// written by a `csv` writer into a buffer.
#[derive(Debug)]
pub struct CsvOut {
    writer: csv::Writer<Vec<u8>>,
}

impl Default for CsvOut {
    fn default() -> Self {
        Self::new()
    }
}

impl CsvOut {
    /// An empty CSV.
    pub fn new() -> Self {
        let writer = csv::WriterBuilder::new()
            // Rows may differ in length (the caller decides its columns); without this the
            // writer refuses a row longer or shorter than the first.
            .flexible(true)
            .from_writer(Vec::new());
        Self { writer }
    }

    /// Appends one record: each field guarded, quoted where it must be, separated by commas and
    /// ended by a line break. A record of one empty field (or none) is written `""`, so it
    /// reads back as a record rather than as a blank line.
    pub fn record<I, S>(&mut self, fields: I)
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let write = || -> csv::Result<()> {
            for text in fields {
                self.writer.write_field(guard(text.as_ref()).as_bytes())?;
            }
            // No fields: ends the record (writing `""` if it is empty).
            self.writer.write_record(None::<&[u8]>)
        };
        if let Err(e) = write() {
            // A flexible writer fails only when its output does, and a Vec takes every byte.
            unreachable!("csv could not write into memory: {e}");
        }
    }

    /// The CSV written so far.
    pub fn finish(self) -> String {
        let bytes = match self.writer.into_inner() {
            Ok(bytes) => bytes,
            // Flushing into a Vec cannot fail either.
            Err(e) => unreachable!("csv could not flush into memory: {}", e.error()),
        };
        // The fields were text and the writer adds only ASCII, so this is valid UTF-8; lossy
        // rather than a panic all the same.
        match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        }
    }
}

/// Appends one CSV record to `out`, as [`CsvOut::record`] writes it.
pub fn push_record<I, S>(out: &mut String, fields: I)
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut csv = CsvOut::new();
    csv.record(fields);
    out.push_str(&csv.finish());
}

/// `text` as one CSV cell, as [`CsvOut`] writes it: guarded (see the module) and quoted when it
/// holds a comma, a quote or a line break.
pub fn field(text: &str) -> String {
    // Inside a row an empty cell is nothing at all (alone on a line the writer quotes it).
    if text.is_empty() {
        return String::new();
    }
    let mut cell = String::new();
    push_record(&mut cell, [text]);
    // One field and its line break: the cell is the line without the break.
    cell.pop();
    cell
}

/// `text` with a `'` in front when a spreadsheet would read it as a formula, or when it begins
/// with `'` itself; otherwise as it is.
pub fn guard(text: &str) -> Cow<'_, str> {
    let needs_guard = match text.chars().next() {
        Some('\'') => true,
        Some(c) if FORMULA_STARTS.contains(&c) => !is_plain_number(text),
        _ => false,
    };
    if needs_guard {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// Undoes [`guard`]: a cell that begins with `'` followed by a formula character or another `'`
/// loses its first `'`. Any other cell, including one a person typed as `'word`, is as it is.
pub fn unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest)
            if rest.starts_with('\'')
                || rest
                    .chars()
                    .next()
                    .is_some_and(|c| FORMULA_STARTS.contains(&c)) =>
        {
            rest
        }
        _ => cell,
    }
}

/// Whether `text` is a number as a spreadsheet reads one, such as `-2` or `+0.5`.
fn is_plain_number(text: &str) -> bool {
    text.len() > 1
        && text[1..]
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b'e' || b == b'E')
        && text.parse::<f64>().is_ok_and(f64::is_finite)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// The records of `text` as the `csv` crate reads them.
    fn read_back(text: &str) -> Vec<Vec<String>> {
        ::csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(str::to_owned).collect())
            .collect()
    }

    /// Whether a spreadsheet would run `cell` (as read back from the CSV) as a formula.
    fn would_run(cell: &str) -> bool {
        cell.starts_with(FORMULA_STARTS) && !is_plain_number(cell)
    }

    #[test]
    fn records_read_back_cell_for_cell_guarded() {
        let mut out = String::new();
        push_record(&mut out, ["student", "=1+1", "-2+3"]);
        push_record(
            &mut out,
            ["=HYPERLINK(\"http://x\",\"y\")", "-1", "a, \"b\"\nc"],
        );
        assert_eq!(
            read_back(&out),
            [
                ["student", "'=1+1", "'-2+3"],
                ["'=HYPERLINK(\"http://x\",\"y\")", "-1", "a, \"b\"\nc"],
            ]
        );
    }

    #[test]
    fn the_whole_file_and_row_by_row_give_the_same_bytes() {
        let rows = [
            vec!["a", "b,c"],
            vec!["=x", "\"q\""],
            vec!["", ""],
            vec!["1"],
        ];
        let mut whole = CsvOut::new();
        let mut by_row = String::new();
        for row in &rows {
            whole.record(row);
            push_record(&mut by_row, row);
        }
        let whole = whole.finish();
        assert_eq!(whole, by_row);
        assert_eq!(whole, "a,\"b,c\"\n'=x,\"\"\"q\"\"\"\n,\n1\n");
    }

    #[test]
    fn a_record_of_one_empty_field_reads_back_as_one() {
        let mut out = String::new();
        push_record(&mut out, [""]);
        assert_eq!(out, "\"\"\n");
        assert_eq!(read_back(&out), [[""]]);
        assert_eq!(field(""), "");
    }

    proptest! {
        /// Whatever the fields, the `csv` crate reads back each one, none would run in a
        /// spreadsheet, and [`unguard`] gives back exactly the text written.
        #[test]
        fn any_fields_read_back_unrunnable_and_unguard_to_the_text(
            rows in proptest::collection::vec(
                proptest::collection::vec(
                    prop_oneof![
                        "[=+@\t\r'-]?[-+=@,\"\n\r\t' a-zé日0-9.eE]{0,8}",
                        any::<String>(),
                    ],
                    2..6,
                ),
                1..4,
            )
        ) {
            let mut out = String::new();
            for row in &rows {
                push_record(&mut out, row);
            }
            let back = read_back(&out);
            prop_assert_eq!(back.len(), rows.len(), "{:?}", out);
            for (got, want) in back.iter().zip(&rows) {
                prop_assert_eq!(got.len(), want.len(), "{:?}", out);
                for (cell, text) in got.iter().zip(want) {
                    prop_assert!(!would_run(cell), "{:?} -> {:?}", text, cell);
                    prop_assert_eq!(unguard(cell), text.as_str());
                }
            }
        }
    }

    #[test]
    fn cells_a_spreadsheet_would_run_are_guarded() {
        for hostile in [
            "=HYPERLINK(\"http://x\",\"y\")",
            "+cmd|' /C calc'!A0",
            "-2+3+cmd|' /C calc'!A0",
            "@SUM(A1:A9)",
            "=1+1",
            "\t=1+1",
            "\r=1+1",
            "-",
        ] {
            let cell = field(hostile);
            let bare = cell.trim_start_matches('"');
            assert!(bare.starts_with('\''), "{hostile:?} -> {cell:?}");
        }
        assert_eq!(field("=1+1"), "'=1+1");
        assert_eq!(field("=SUM(A1,B1)"), "\"'=SUM(A1,B1)\"");
    }

    #[test]
    fn numbers_and_ordinary_text_are_left_alone() {
        for plain in [
            "-2", "-0.5", "+3", "1e5", "-1.5e3", "Ann", "a=b", "", "café", "日本",
        ] {
            assert_eq!(guard(plain), plain);
        }
        assert_eq!(field("a, b"), "\"a, b\"");
    }

    #[test]
    fn unguard_gives_back_what_was_guarded() {
        for text in [
            "=1+1", "'=1+1", "''x", "'word", "-2+3", "-2", "@x", "plain", "'", "''", "\t=x", "=",
        ] {
            assert_eq!(unguard(&guard(text)), text, "{text:?}");
        }
        // A cell a person typed with one apostrophe stays as typed.
        assert_eq!(unguard("'word"), "'word");
    }
}
