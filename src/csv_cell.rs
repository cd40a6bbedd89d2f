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
mod tests {
    use super::*;

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
