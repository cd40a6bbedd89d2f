//! What surrounds a syntax error: which brackets are open, which text or comment came last.
//!
//! `ron` stops where the parser noticed a problem, which is often after the real mistake (a
//! missing `"` makes the *next* line look wrong). This forward scan of the text up to the error
//! lets [`super::syntax`] name the real mistake and point at it.

use std::ops::Range;

/// The state of the text at one offset.
#[derive(Debug, Default)]
pub(crate) struct Context {
    /// Brackets opened and not closed before the offset: the bracket and its offset.
    pub open: Vec<(u8, usize)>,
    /// The last string literal before the offset (or running into it).
    pub last_string: Option<Range<usize>>,
    /// Whether the last token before the offset was that string.
    pub string_is_last: bool,
    /// Where a `/*` comment that is still open at the offset starts.
    pub open_comment: Option<usize>,
}

impl Context {
    /// Scans `text` from the start up to byte `offset`.
    pub(crate) fn at(text: &str, offset: usize) -> Self {
        let bytes = text.as_bytes();
        let offset = offset.min(bytes.len());
        let mut context = Self::default();
        let mut i = 0;
        while i < offset {
            let b = bytes[i];
            match (b, bytes.get(i + 1).copied()) {
                (b'/', Some(b'/')) => {
                    while i < bytes.len() && bytes[i] != b'\n' {
                        i += 1;
                    }
                    continue;
                }
                (b'/', Some(b'*')) => {
                    let start = i;
                    i += 2;
                    let mut nesting = 1;
                    while nesting > 0 && i < bytes.len() {
                        match (bytes[i], bytes.get(i + 1).copied()) {
                            (b'/', Some(b'*')) => {
                                nesting += 1;
                                i += 2;
                            }
                            (b'*', Some(b'/')) => {
                                nesting -= 1;
                                i += 2;
                            }
                            _ => i += 1,
                        }
                    }
                    if nesting > 0 || i > offset {
                        context.open_comment = Some(start);
                        return context;
                    }
                    continue;
                }
                (b'"', _) => {
                    let start = i;
                    i += 1;
                    while i < bytes.len() {
                        match bytes[i] {
                            b'\\' => i += 2,
                            b'"' => {
                                i += 1;
                                break;
                            }
                            _ => i += 1,
                        }
                    }
                    context.last_string = Some(start..i.min(bytes.len()));
                    context.string_is_last = true;
                    continue;
                }
                (b'(' | b'[' | b'{', _) => context.open.push((b, i)),
                (b')' | b']' | b'}', _)
                    if context
                        .open
                        .last()
                        .is_some_and(|&(open, _)| closer(open) == b) =>
                {
                    context.open.pop();
                }
                _ => {}
            }
            if !b.is_ascii_whitespace() {
                context.string_is_last = false;
            }
            i += 1;
        }
        context
    }
}

/// The bracket that closes `open`.
pub(crate) fn closer(open: u8) -> u8 {
    match open {
        b'(' => b')',
        b'[' => b']',
        _ => b'}',
    }
}

/// The name of the field whose value starts at `value_start` (`name: value`), if any.
pub(crate) fn field_before(text: &str, value_start: usize) -> Option<&str> {
    let before = text.get(..value_start)?.trim_end();
    let before = before.strip_suffix(':')?.trim_end();
    trailing_name(before)
}

/// The name written before the `(` at `paren` (`Question(`), if any.
pub(crate) fn name_before(text: &str, paren: usize) -> Option<&str> {
    let before = text.get(..paren)?.trim_end();
    trailing_name(before)
}

/// The name (letters, digits, `_`) that `text` ends with, if any.
fn trailing_name(text: &str) -> Option<&str> {
    // Starts after the last character that is not part of a name, by that character's width:
    // it may be several bytes (`…`, `—`, a no-break space).
    let start = text
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '_'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let name = &text[start..];
    (!name.is_empty()).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tracks_open_brackets_strings_and_comments() {
        let text = "Deck(q: [Q(p: \"a (b\"), // ) ]\n R(";
        let context = Context::at(text, text.len());
        let open: Vec<u8> = context.open.iter().map(|&(b, _)| b).collect();
        assert_eq!(open, b"([(");
        assert_eq!(context.last_string, Some(14..20));
        assert!(!context.string_is_last);
    }

    #[test]
    fn finds_an_open_block_comment() {
        let text = "a /* b /* c */ d";
        assert_eq!(Context::at(text, text.len()).open_comment, Some(2));
    }

    #[test]
    fn names_before_values_and_parens() {
        let text = "    time_limit_secs: -1, answer: Match(";
        assert_eq!(field_before(text, 21), Some("time_limit_secs"));
        assert_eq!(name_before(text, text.len() - 1), Some("Match"));
        assert_eq!(field_before("x", 1), None);
    }

    #[test]
    fn names_after_multi_byte_characters() {
        let text = "…prompt: 5, —Match(";
        assert_eq!(field_before(text, "…prompt: ".len()), Some("prompt"));
        assert_eq!(name_before(text, text.len() - 1), Some("Match"));
        assert_eq!(field_before("\u{a0}: 1", "\u{a0}: ".len()), None);
        assert_eq!(name_before("日本(", "日本".len()), Some("日本"));
    }
}
