//! Turns `ron`'s parse errors into plain English with a position and advice.

use ron::error::{Error as RonError, SpannedError};

use super::diagnostic::{Diagnostic, LineIndex, Position, Span};
use super::locate::Locations;
use super::problem::{Problem, quoted_list};

/// The diagnostic for a RON parse error in `text`.
pub(crate) fn diagnostic(text: &str, error: &SpannedError) -> Diagnostic {
    let (message, help) = describe(&error.code);
    let mut span = Span {
        start: to_position(error.span.start),
        end: to_position(error.span.end),
    };
    if matches!(error.code, RonError::ExpectedComma) {
        // ron stops at the start of the next item; the comma is missing after the previous one,
        // which is where a person looks for it.
        span = Span::point(end_of_previous_token(text, span.start));
    } else if let RonError::MissingStructField {
        outer: Some(outer), ..
    } = &error.code
    {
        // ron stops at the struct's closing `)`; point at where the struct starts, its name.
        let offset = byte_offset(text, span.start);
        if let Some(whole) = Locations::scan(text).closed_at(offset) {
            let index = LineIndex::new(text);
            let name_len = if text[whole.start..].starts_with(outer.as_str()) {
                outer.len()
            } else {
                1
            };
            span = index.span(whole.start, whole.start + name_len);
        }
    } else {
        // ron reports some errors at the white space before the value at fault; point at the
        // value itself.
        let offset = byte_offset(text, span.start);
        let skipped = text[offset..]
            .chars()
            .take_while(|c| *c == ' ' || *c == '\t')
            .count();
        if skipped > 0
            && text[offset..]
                .chars()
                .nth(skipped)
                .is_some_and(|c| c != '\n' && c != '\r')
        {
            span.start.column += skipped;
        }
    }
    if span.end < span.start {
        span.end = span.start;
    }
    Diagnostic::error(Problem::Syntax { message, help }, span)
}

fn to_position(p: ron::error::Position) -> Position {
    Position {
        line: p.line.max(1),
        column: p.col.max(1),
    }
}

/// The position just after the last token before `at`, skipping back over white space and
/// line comments.
fn end_of_previous_token(text: &str, at: Position) -> Position {
    let index = LineIndex::new(text);
    let mut offset = byte_offset(text, at);
    loop {
        let before = &text[..offset];
        let trimmed = before.trim_end();
        // Step back over a `//` comment on the line we land on, if there is one.
        let line_start = trimmed.rfind('\n').map_or(0, |i| i + 1);
        let line = &trimmed[line_start..];
        match comment_start(line) {
            Some(c) if c > 0 || line_start > 0 => offset = line_start + c,
            _ => return index.position(trimmed.len()),
        }
        if offset == 0 {
            return Position::START;
        }
    }
}

/// The byte index of a `//` comment in one line, ignoring `//` inside strings.
fn comment_start(line: &str) -> Option<usize> {
    let mut in_string = false;
    let mut escaped = false;
    let bytes = line.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
        } else if b == b'"' {
            in_string = true;
        } else if b == b'/' && bytes.get(i + 1) == Some(&b'/') {
            return Some(i);
        }
    }
    None
}

/// The byte offset of a 1-based line and character column (clamped to the text).
fn byte_offset(text: &str, at: Position) -> usize {
    let mut line_start = 0;
    for _ in 1..at.line {
        match text[line_start..].find('\n') {
            Some(i) => line_start += i + 1,
            None => return text.len(),
        }
    }
    let line = &text[line_start..];
    line_start
        + line
            .char_indices()
            .nth(at.column.saturating_sub(1))
            .map_or(line.len(), |(i, _)| i)
}

/// The message and advice for one ron error.
fn describe(code: &RonError) -> (String, Option<String>) {
    let plain = |m: &str, h: &str| (m.to_owned(), Some(h.to_owned()));
    match code {
        RonError::NoSuchStructField {
            expected,
            found,
            outer,
        } => {
            let outer = outer.as_deref().unwrap_or("this struct");
            (
                format!("unknown field `{found}` in `{outer}`"),
                Some(did_you_mean(
                    found,
                    expected,
                    &format!("`{outer}` has"),
                    "fields",
                )),
            )
        }
        RonError::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => {
            let what = match outer.as_deref() {
                Some("Answer") => "answer kind",
                Some("Choice") => "option kind",
                Some("Accept") => "numeric answer kind",
                _ => "variant",
            };
            (
                format!("unknown {what} `{found}`"),
                Some(did_you_mean(found, expected, "the allowed ones are", "")),
            )
        }
        RonError::MissingStructField { field, outer } => {
            let outer = outer.as_deref().unwrap_or("this struct");
            (
                format!("`{outer}` is missing the field `{field}`"),
                Some(format!("add `{field}: ...` inside `{outer}(...)`")),
            )
        }
        RonError::DuplicateStructField { field, outer } => {
            let outer = outer.as_deref().unwrap_or("this struct");
            plain(
                &format!("the field `{field}` is given twice in `{outer}`"),
                "remove one of the two",
            )
        }
        RonError::ExpectedDifferentStructName { expected, found } => (
            format!("expected `{expected}(` here, but found `{found}(`"),
            Some(format!("write `{expected}(`")),
        ),
        RonError::ExpectedNamedStructLike(name) if !name.is_empty() => (
            format!("expected `{name}(` here"),
            Some(format!("this value is written `{name}(field: value, ...)`")),
        ),
        RonError::ExpectedStructName(name) => (
            format!("expected the name `{name}` before `(`"),
            Some(format!("write `{name}(`")),
        ),
        RonError::InvalidValueForType { expected, found } => (
            format!("expected {} but found {found}", plain_type(expected)),
            type_help(expected),
        ),
        RonError::ExpectedDifferentLength { expected, found } => (
            format!("expected {expected} but found {found} element(s)"),
            Some("a match pair is written `(\"left\", \"right\")`".to_owned()),
        ),
        RonError::ExpectedInteger => plain(
            "expected a whole number",
            "write digits only, such as `30`, without quotes",
        ),
        RonError::IntegerOutOfBounds => plain(
            "this number is out of range for this field",
            "use a whole number from 0 to 4294967295",
        ),
        RonError::ExpectedFloat => plain(
            "expected a number",
            "write a number such as `50` or `0.5`, without quotes",
        ),
        RonError::ExpectedString => plain(
            "expected text in double quotes",
            "write text as \"like this\"",
        ),
        RonError::ExpectedStringEnd => plain(
            "this text is never closed",
            "add the closing `\"`; a `\"` inside text is written `\\\"`",
        ),
        RonError::ExpectedBoolean => plain("expected `true` or `false`", "write `true` or `false`"),
        RonError::ExpectedArray => plain(
            "expected a list",
            "a list is written in square brackets: `[\"a\", \"b\"]`",
        ),
        RonError::ExpectedArrayEnd => plain(
            "expected `]` to close the list, or a comma before the next item",
            "separate list items with commas and close the list with `]`",
        ),
        RonError::ExpectedComma => plain(
            "expected a comma",
            "put a comma after each field and each list item",
        ),
        RonError::ExpectedMapColon => plain(
            "expected `:` after the field name",
            "fields are written `name: value`",
        ),
        RonError::ExpectedStructLike | RonError::ExpectedNamedStructLike(_) => plain(
            "expected `(`",
            "a struct is written `Name(field: value, ...)`",
        ),
        RonError::ExpectedStructLikeEnd | RonError::ExpectedOptionEnd => plain(
            "expected `)` to close this, or a comma before the next field",
            "separate fields with commas and close with `)`",
        ),
        RonError::ExpectedIdentifier => plain(
            "expected a name here",
            "fields are written `name: value`, and kinds by name, such as `SingleChoice(...)`",
        ),
        RonError::Eof => plain(
            "the file ends too early",
            "a closing `)` or `]` is probably missing",
        ),
        RonError::TrailingCharacters => plain(
            "unexpected text after the end of the deck",
            "a deck is one `Deck(...)`; remove what follows its closing `)`",
        ),
        RonError::UnexpectedChar(c) => (
            format!("unexpected character `{c}`"),
            Some("text must be inside double quotes".to_owned()),
        ),
        RonError::InvalidEscape(what) => (
            format!("invalid escape in text: {}", what.to_lowercase()),
            Some("inside text, write `\\\"` for a quote and `\\\\` for a backslash".to_owned()),
        ),
        RonError::UnclosedBlockComment => plain(
            "this `/*` comment is never closed",
            "close the comment with `*/`",
        ),
        RonError::ExceededRecursionLimit => plain(
            "the file is nested too deeply",
            "a deck needs only a few levels of brackets; check for a bracket that is never closed",
        ),
        RonError::ExpectedUnit => plain("expected `()`", "write `()`"),
        RonError::ExpectedOption => plain(
            "expected a value or `None`",
            "write the value, or leave the field out",
        ),
        other => {
            // ron's own wording, made to read like the rest of our messages.
            let text = other.to_string();
            let mut chars = text.chars();
            let message = chars
                .next()
                .map(|first| first.to_lowercase().chain(chars).collect())
                .unwrap_or(text);
            (message, None)
        }
    }
}

/// serde's type names ("u32", "a string") in a teacher's words.
fn plain_type(expected: &str) -> String {
    match expected {
        "u32" | "u64" | "usize" => "a whole number".to_owned(),
        "f64" | "f32" => "a number".to_owned(),
        "a boolean" => "`true` or `false`".to_owned(),
        "a sequence" => "a list in `[...]`".to_owned(),
        "a string" => "text in double quotes".to_owned(),
        other => other.to_owned(),
    }
}

fn type_help(expected: &str) -> Option<String> {
    let help = match expected {
        "u32" | "u64" | "usize" => "write digits only, without quotes, such as `30`",
        "f64" | "f32" => "write a number without quotes, such as `50` or `0.5`",
        "a boolean" => "write `true` or `false`, without quotes",
        "a sequence" => "a list is written in square brackets: `[\"a\", \"b\"]`",
        "a string" => "write text in double quotes, such as \"like this\"",
        _ => return None,
    };
    Some(help.to_owned())
}

/// "did you mean `x`? <intro> `a`, `b`, `c`" — or just the list when nothing is close.
fn did_you_mean(found: &str, allowed: &[&str], intro: &str, noun: &str) -> String {
    let noun = if noun.is_empty() {
        String::new()
    } else {
        format!("{noun}: ")
    };
    let list = if allowed.is_empty() {
        "none".to_owned()
    } else {
        quoted_list(allowed)
    };
    match closest(found, allowed) {
        Some(best) => format!("did you mean `{best}`? {intro} {noun}{list}"),
        None => format!("{intro} {noun}{list}"),
    }
}

/// The allowed name closest to `found`, if any is close enough to be a likely typo.
pub(crate) fn closest<'a>(found: &str, allowed: &[&'a str]) -> Option<&'a str> {
    let found_lower = found.to_lowercase();
    allowed
        .iter()
        .map(|&name| (edit_distance(&found_lower, &name.to_lowercase()), name))
        .filter(|&(distance, name)| {
            distance <= (name.chars().count().max(found.chars().count()) / 3).max(1)
        })
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, name)| name)
}

/// Edit distance between two strings, in characters: insertions, deletions, substitutions and
/// swaps of two neighbours ("titel" → "title") each count one.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // Three rows of the optimal-string-alignment table: two back, one back, and this one.
    let mut before_previous = vec![0; b.len() + 1];
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        current[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (previous[j - 1] + cost)
                .min(previous[j] + 1)
                .min(current[j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(before_previous[j - 2] + 1);
            }
            current[j] = best;
        }
        std::mem::swap(&mut before_previous, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_finds_typos_and_ignores_unrelated_names() {
        let fields = ["id", "prompt", "answer", "explanation", "time_limit_secs"];
        assert_eq!(closest("promt", &fields), Some("prompt"));
        assert_eq!(closest("Explanation", &fields), Some("explanation"));
        assert_eq!(closest("colour", &fields), None);
        assert_eq!(
            closest("SingleChoise", &["SingleChoice", "Text"]),
            Some("SingleChoice")
        );
    }

    #[test]
    fn edit_distance_counts_characters() {
        assert_eq!(edit_distance("chávez", "chavez"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("titel", "title"), 1);
        assert_eq!(edit_distance("ab", "ba"), 1);
    }

    #[test]
    fn missing_comma_points_after_the_previous_value() {
        let text = "Deck(\n    title: \"T\" // a title\n    id: \"x\",\n)";
        let at = end_of_previous_token(text, Position { line: 3, column: 5 });
        assert_eq!(
            at,
            Position {
                line: 2,
                column: 15
            }
        );
    }
}
