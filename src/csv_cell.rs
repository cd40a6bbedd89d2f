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
//! Every CSV row quizdesk writes is built by [`push_record`], so quoting and the guard live
//! here only. It writes RFC 4180 by hand rather than through `csv::Writer`, whose every write
//! returns an I/O error that cannot happen in memory; the tests read what it writes back with
//! the `csv` crate's reader, field for field.
//!
//! Which cells are guarded: every cell, whatever its column, except a plain number. So the
//! numbers quizdesk formats itself (a score, a percent, `-1`) stay numbers in a spreadsheet, and
//! a text a person typed (a name, a title, an id, a prompt) that could run is written as text.
//! A typed text that is a plain number, such as a name `-2`, is shown as that number, which is
//! what it says and cannot run.

use std::borrow::Cow;

/// The first characters that make a spreadsheet read a cell as a formula.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// `text` as one CSV cell: guarded (see the module) and quoted when it holds a comma, a quote or
/// a line break.
pub fn field(text: &str) -> String {
    let text = guard(text);
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.into_owned()
    }
}

/// Appends one CSV record to `out`: each field through [`field`], separated by commas, ended
/// by a line break.
pub fn push_record<I, S>(out: &mut String, fields: I)
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    for (i, text) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&field(text.as_ref()));
    }
    out.push('\n');
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
