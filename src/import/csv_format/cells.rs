//! List cells: several values in one cell, separated by `|`, with `\|`, `\=` and `\\` for
//! the characters themselves.

/// The characters a backslash escapes in list cells.
const ESCAPED: [char; 3] = ['|', '=', '\\'];

/// Splits a list cell at each `|` that is not escaped, unescapes and trims each value, and
/// drops empty ones.
pub(super) fn split_list(cell: &str) -> Vec<String> {
    split_escaped(cell, '|')
        .into_iter()
        .map(|item| unescape(item).trim().to_owned())
        .filter(|item| !item.is_empty())
        .collect()
}

/// Splits at each `sep` not escaped by a backslash; the parts keep their escapes.
pub(super) fn split_escaped(text: &str, sep: char) -> Vec<&str> {
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
pub(super) fn split_once_escaped(text: &str, sep: char) -> Option<(&str, &str)> {
    let mut parts = split_escaped(text, sep).into_iter();
    let first = parts.next()?;
    parts.next()?;
    let right = text.get(first.len() + sep.len_utf8()..)?;
    Some((first, right))
}

/// Turns `\|`, `\=` and `\\` into the character; any other backslash stays as written.
pub(super) fn unescape(text: &str) -> String {
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
pub(super) fn escape(text: &str, in_pair: bool) -> String {
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

/// Writes list values into one cell, escaped and separated by `|`; [`split_list`] reads it.
pub(super) fn join_list<'t>(items: impl IntoIterator<Item = &'t str>) -> String {
    items
        .into_iter()
        .map(|item| escape(item, false))
        .collect::<Vec<_>>()
        .join("|")
}
