//! Turns `ron`'s parse errors into plain English with a position and advice.

use ron::error::{Error as RonError, SpannedError};

use super::closest::closest;
use super::context::{Context, closer, field_before, name_before};
use super::diagnostic::{Diagnostic, LineIndex, Position, Span};
use super::locate::Locations;
use super::problem::{Problem, quoted_list};

/// The diagnostic for a RON parse error in `text`.
pub(crate) fn diagnostic(text: &str, error: &SpannedError) -> Diagnostic {
    let (message, help) = describe(&error.code);
    let span = Span {
        start: to_position(error.span.start),
        end: to_position(error.span.end),
    };
    let (message, help, mut span) = refine(text, &error.code, message, help, span);
    if span.end < span.start {
        span.end = span.start;
    }
    Diagnostic::error(Problem::Syntax { message, help }, span)
}

/// Where ron's position is not where a person should look, or its complaint is a symptom of
/// another mistake, says what the mistake really is and points at it.
fn refine(
    text: &str,
    code: &RonError,
    message: String,
    help: Option<String>,
    span: Span,
) -> (String, Option<String>, Span) {
    let index = LineIndex::new(text);
    let offset = byte_offset(text, span.start);
    let here = text[offset..].chars().next();
    let context = Context::at(text, offset);
    let point = |at: usize| Span::point(index.position(at));

    if let (RonError::UnclosedBlockComment, Some(start)) = (code, context.open_comment) {
        return (message, help, index.span(start, start + 2));
    }
    if let RonError::InvalidEscape(_) = code {
        // Before the bracket rules: ron stops inside the text, often on the `}` of a
        // `\u{...}`, which is no bracket of the deck's.
        return invalid_escape(text, offset, message, help, &index);
    }
    if let Some(string) = context
        .last_string
        .clone()
        .filter(|s| context.string_is_last && text[s.clone()].contains('\n'))
        && !matches!(code, RonError::ExpectedStringEnd)
    {
        // A text that runs over lines and is followed by a mistake almost always lost its
        // closing quote: the next `"` in the file closed it instead.
        return (
            "this text runs on past the end of its line".to_owned(),
            Some(
                "is its closing `\"` missing? Add it where the text should end; a `\"` inside text is written `\\\"`"
                    .to_owned(),
            ),
            index.span(string.start, string.start + 1),
        );
    }
    // Several formats teachers know (YAML, TOML, spreadsheets' CSV notes) start comments with
    // `#`; ron reads a `#` as the start of an `#![enable(...)]` attribute or as nothing at all.
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = &text[line_start..];
    let indent = line.len() - line.trim_start().len();
    if line.trim_start().starts_with('#') && !line.trim_start().starts_with("#!") {
        let hash = line_start + indent;
        return (
            "`#` does not start a comment in a deck file".to_owned(),
            Some(format!(
                "start a comment with `//` instead, as in `//{}`",
                line.trim_start()
                    .trim_start_matches('#')
                    .lines()
                    .next()
                    .unwrap_or_default()
            )),
            index.span(hash, hash + 1),
        );
    }
    if here == Some(',') && text[..offset].trim_end().ends_with(',') {
        return (
            "two commas in a row".to_owned(),
            Some("remove the extra comma: one comma goes after each field or list item".to_owned()),
            point(offset),
        );
    }
    if let (Some(c @ (')' | ']' | '}')), Some(&(open, open_at))) = (here, context.open.last())
        && c as u32 != u32::from(closer(open))
    {
        let line = index.position(open_at).line;
        let expected = closer(open) as char;
        let message = match open {
            b'[' => format!("expected `]` to close the list opened on line {line}"),
            _ => {
                let name = name_before(text, open_at).unwrap_or("");
                format!(
                    "expected `{expected}` to close `{name}{}` from line {line}",
                    open as char
                )
            }
        };
        return (
            message,
            Some(format!("add `{expected}` before this `{c}`")),
            point(offset),
        );
    }
    match code {
        RonError::ExpectedComma => {
            let bytes = text.as_bytes();
            let after_digit = offset > 0 && bytes[offset - 1].is_ascii_digit();
            if here == Some('.')
                && after_digit
                && bytes.get(offset + 1).is_some_and(u8::is_ascii_digit)
            {
                let number_start = text[..offset]
                    .rfind(|c: char| !c.is_ascii_digit())
                    .map_or(0, |i| i + 1);
                return (
                    "expected a whole number, not a decimal".to_owned(),
                    Some("write a whole number, such as `2`".to_owned()),
                    point(number_start),
                );
            }
            // ron stops at the start of the next item; the comma is missing after the previous
            // one, which is where a person looks for it.
            (
                message,
                help,
                Span::point(end_of_previous_token(text, span.start)),
            )
        }
        RonError::MissingStructField {
            outer: Some(outer), ..
        } => {
            // ron stops at the struct's closing `)`; point at where the struct starts, its name.
            let Some(whole) = Locations::scan(text).closed_at(offset) else {
                return (message, help, span);
            };
            let name_len = if text[whole.start..].starts_with(outer.as_str()) {
                outer.len()
            } else {
                1
            };
            (
                message,
                help,
                index.span(whole.start, whole.start + name_len),
            )
        }
        RonError::TrailingCharacters => {
            let rest = &text[offset..];
            let skipped = rest.len() - skip_trivia(rest).len();
            (message, help, point(offset + skipped))
        }
        RonError::ExpectedIdentifier if here == Some('"') => {
            let in_options = context.open.last().is_some_and(|&(open, at)| {
                open == b'[' && field_before(text, at) == Some("options")
            });
            if in_options {
                (
                    "expected `Correct(\"...\")` or `Wrong(\"...\")` here".to_owned(),
                    Some("write each option as `Correct(\"...\")` or `Wrong(\"...\")`".to_owned()),
                    span,
                )
            } else {
                (
                    "expected a name here, not text in quotes".to_owned(),
                    Some(
                        "field names and kinds are written without quotes, such as `prompt:` or `SingleChoice(...)`"
                            .to_owned(),
                    ),
                    span,
                )
            }
        }
        RonError::IntegerOutOfBounds if offset > 0 && text.as_bytes()[offset - 1] == b'-' => {
            let help = match field_before(text, offset - 1) {
                Some("time_limit_secs") => {
                    "use a number of seconds from 1 to 3600, or leave the limit out"
                }
                Some("version") => {
                    "start at `version: 1` and add one each time you publish a change"
                }
                _ => "write a number of 0 or more",
            };
            (
                "this number cannot be negative".to_owned(),
                Some(help.to_owned()),
                point(offset - 1),
            )
        }
        _ if matches!(
            text[offset..]
                .trim_start_matches([' ', '\t'])
                .chars()
                .next(),
            Some('\u{201C}' | '\u{201D}' | '\u{2018}' | '\u{2019}')
        ) =>
        {
            let quote = text[offset..]
                .trim_start_matches([' ', '\t'])
                .chars()
                .next()
                .unwrap_or('"');
            (
                message,
                Some(format!(
                    "`{quote}` is a curly quote, as word processors type it; use a straight `\"` instead, as in \"like this\""
                )),
                past_blanks(text, offset, span),
            )
        }
        _ => (message, help, past_blanks(text, offset, span)),
    }
}

/// ron reports some errors at the white space before the value at fault: `span` moved onto the
/// value itself, when it is on the same line.
fn past_blanks(text: &str, offset: usize, mut span: Span) -> Span {
    let rest = &text[offset..];
    let skipped = rest.chars().take_while(|c| *c == ' ' || *c == '\t').count();
    if skipped > 0
        && rest
            .chars()
            .nth(skipped)
            .is_some_and(|c| c != '\n' && c != '\r')
    {
        span.start.column += skipped;
    }
    span
}

/// `text` without its leading white space and comments.
fn skip_trivia(mut text: &str) -> &str {
    loop {
        text = text.trim_start();
        if let Some(rest) = text.strip_prefix("//") {
            text = rest.split_once('\n').map_or("", |(_, r)| r);
        } else if let Some(rest) = text.strip_prefix("/*") {
            text = rest.split_once("*/").map_or("", |(_, r)| r);
        } else {
            return text;
        }
    }
}

/// The offset of the first invalid escape in the string starting at `string_start`.
/// An invalid escape: a `\u{...}` that names no character (a surrogate such as `\u{d800}`, or
/// a code past `10FFFF`), or an unknown escape letter.
fn invalid_escape(
    text: &str,
    offset: usize,
    message: String,
    help: Option<String>,
    index: &LineIndex<'_>,
) -> (String, Option<String>, Span) {
    let before = text.get(..offset.min(text.len())).unwrap_or_default();
    if let Some(start) = before.rfind("\\u{")
        && before[start + 3..].bytes().all(|b| b.is_ascii_hexdigit())
    {
        let end = text[offset..]
            .find('}')
            .map_or(offset, |i| offset + i + 1)
            .min(start + 16);
        let escape = text.get(start..end).unwrap_or("\\u{...}");
        return (
            format!("`{escape}` is not a character"),
            Some(
                "`\\u{...}` takes a character's hex code, such as `\\u{e9}` for é; the codes \
                 D800 to DFFF (halves of surrogate pairs) and those above 10FFFF name no \
                 character. Type the character itself, or its code"
                    .to_owned(),
            ),
            index.span(start, end),
        );
    }
    let at = bad_escape(text, offset).unwrap_or(offset);
    (message, help, index.span(at, at + 2))
}

fn bad_escape(text: &str, string_start: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = string_start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => return None,
            b'\\' => {
                if !bytes
                    .get(i + 1)
                    .is_some_and(|b| b"\\\"'nrt0bf/ux".contains(b))
                {
                    return Some(i);
                }
                i += 2;
            }
            _ => i += 1,
        }
    }
    None
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
            "whole-number fields take 0 or more: `version` 1 or more, `time_limit_secs` 1 to 3600",
        ),
        RonError::SuggestRawIdentifier(word) | RonError::InvalidIdentifier(word)
            if word.starts_with(|c: char| c.is_ascii_digit()) =>
        {
            (
                format!("unexpected `{word}` after a number"),
                Some("write numbers without thousands separators: `1650`, not `1,650`".to_owned()),
            )
        }
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
        RonError::ExpectedBoolean => plain(
            "expected `true` or `false`",
            "write `true` or `false`, without quotes",
        ),
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
        "u32" | "u64" | "usize" => "a whole number of 0 or more".to_owned(),
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

#[cfg(test)]
mod tests {
    use super::*;

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
