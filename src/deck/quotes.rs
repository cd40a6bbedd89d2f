//! Typographic quotes where RON needs a straight `"`: found all at once, and fixed.
//!
//! Text pasted from a word processor arrives with `“…”` (or `‘…’`, `„…“`) around it. Inside a
//! text in straight quotes those are just characters and stay; only the quotes that stand where
//! a text starts or ends are wrong. `ron` stops at the first one, so a teacher with 50 such
//! texts would need 50 runs; [`misplaced_quotes`] finds them all in one pass, and
//! [`fix_quotes`] turns each pair into straight quotes.
//!
//! The scan is lexical: it follows straight-quoted and raw texts and comments the way `ron`
//! reads them, and looks at quotes only outside them.

use std::ops::Range;

/// Double quotes a word processor types, and the straight one, as a text's start or end.
const DOUBLE: [char; 5] = ['\u{201C}', '\u{201D}', '\u{201E}', '\u{201F}', '"'];
/// Single quotes a word processor types, and the straight one (`'` is not a text in RON either).
const SINGLE: [char; 4] = ['\u{2018}', '\u{2019}', '\u{201A}', '\''];

/// A text whose quotes are not the straight `"` RON needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MisplacedQuotes {
    /// The byte range of the opening quote.
    pub open: Range<usize>,
    /// The byte range of the closing quote, when one was found on the same line.
    pub close: Option<Range<usize>>,
    /// The opening quote.
    pub open_char: char,
    /// The closing quote, when one was found.
    pub close_char: Option<char>,
}

impl MisplacedQuotes {
    /// Whether [`fix_quotes`] can mend it: both its quotes are known.
    pub fn fixable(&self) -> bool {
        self.close.is_some()
    }

    /// How many of its quotes are not straight double quotes.
    pub fn wrong_quotes(&self) -> usize {
        usize::from(self.open_char != '"') + usize::from(self.close_char.is_some_and(|c| c != '"'))
    }
}

/// Every text in `text` that starts or ends with a quote other than `"`, in file order.
///
/// Quotes inside a text in straight quotes, inside a raw text and inside comments are left out:
/// they are part of what the teacher wrote.
pub fn misplaced_quotes(text: &str) -> Vec<MisplacedQuotes> {
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(c) = text[at..].chars().next() {
        let rest = &text[at..];
        // Each arm gives the offset just past what it read.
        at = if rest.starts_with("//") {
            rest.find('\n').map_or(text.len(), |i| at + i + 1)
        } else if rest.starts_with("/*") {
            block_comment_end(text, at)
        } else if c == 'r' && is_raw_start(text, at) {
            raw_end(text, at)
        } else if c == '"' {
            let (end, closer) = straight_text_end(text, at);
            if let Some(closer) = closer {
                found.push(MisplacedQuotes {
                    open: at..at + 1,
                    close_char: text[closer.clone()].chars().next(),
                    close: Some(closer),
                    open_char: '"',
                });
            }
            end
        } else if DOUBLE.contains(&c) || SINGLE.contains(&c) {
            let open = at..at + c.len_utf8();
            let family: &[char] = if DOUBLE.contains(&c) {
                &DOUBLE
            } else {
                &SINGLE
            };
            let close = closing_quote(text, open.end, family);
            let end = close.as_ref().map_or(open.end, |r| r.end);
            if c == '\'' && close.is_none() {
                // A lone `'` outside a text is an apostrophe in text left unquoted
                // (`[O'Brien]`), a mistake `ron` names better.
                at = end;
                continue;
            }
            found.push(MisplacedQuotes {
                close_char: close.as_ref().and_then(|r| text[r.clone()].chars().next()),
                open,
                close,
                open_char: c,
            });
            end
        } else {
            at + c.len_utf8()
        };
    }
    found
}

/// `text` with every fixable text of [`misplaced_quotes`] in straight double quotes, and the
/// straight `"` inside them written `\"`; `None` when there is nothing to fix. Also says how many
/// quotes were replaced.
pub fn fix_quotes(text: &str) -> Option<(String, usize)> {
    fix_found(text, &misplaced_quotes(text))
}

/// [`fix_quotes`] with `found`, what [`misplaced_quotes`] gave for `text`, for a caller that
/// has it already.
pub fn fix_found(text: &str, found: &[MisplacedQuotes]) -> Option<(String, usize)> {
    if !found.iter().any(MisplacedQuotes::fixable) {
        return None;
    }
    let mut fixed = String::with_capacity(text.len() + 16);
    let mut replaced = 0;
    let mut from = 0;
    for quotes in found {
        let Some(close) = &quotes.close else { continue };
        fixed.push_str(&text[from..quotes.open.start]);
        fixed.push('"');
        let inside = &text[quotes.open.end..close.start];
        if quotes.open_char == '"' {
            fixed.push_str(inside);
        } else {
            // A `"` inside a text that was not in straight quotes was meant as a character.
            push_escaping_quotes(&mut fixed, inside);
        }
        fixed.push('"');
        replaced += quotes.wrong_quotes();
        from = close.end;
    }
    fixed.push_str(&text[from..]);
    Some((fixed, replaced))
}

fn push_escaping_quotes(out: &mut String, inside: &str) {
    let mut escaped = false;
    for c in inside.chars() {
        if c == '"' && !escaped {
            out.push('\\');
        }
        escaped = c == '\\' && !escaped;
        out.push(c);
    }
}

/// The offset just past the block comment at `start` (the end of the text if it is never
/// closed); comments nest, as in `ron`.
fn block_comment_end(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = start;
    while i + 1 < bytes.len() {
        match (bytes[i], bytes[i + 1]) {
            (b'/', b'*') => {
                depth += 1;
                i += 2;
            }
            (b'*', b'/') => {
                depth = depth.saturating_sub(1);
                i += 2;
                if depth == 0 {
                    return i;
                }
            }
            _ => i += 1,
        }
    }
    text.len()
}

/// Whether a raw text (`r"…"`, `r#"…"#`) starts at `at`, and not a name such as `correct`.
fn is_raw_start(text: &str, at: usize) -> bool {
    let before = text[..at].chars().next_back();
    if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
        return false;
    }
    text[at + 1..].trim_start_matches('#').starts_with('"')
}

/// The offset just past the raw text starting at `at` (the end of the text if it is never
/// closed).
fn raw_end(text: &str, at: usize) -> usize {
    let hashes = text[at + 1..].len() - text[at + 1..].trim_start_matches('#').len();
    let body = at + 1 + hashes + 1;
    let closer = format!("\"{}", "#".repeat(hashes));
    text.get(body..)
        .and_then(|rest| rest.find(&closer))
        .map_or(text.len(), |i| body + i + closer.len())
}

/// The offset just past the text in straight quotes starting at `at`, and, when it runs past
/// its line because it was closed by a typographic quote (`"like this”,` then a line break),
/// that quote, which then ends it.
fn straight_text_end(text: &str, at: usize) -> (usize, Option<Range<usize>>) {
    let mut escaped = false;
    let mut first_line = true;
    for (i, c) in text[at + 1..].char_indices() {
        let i = at + 1 + i;
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return (i + 1, None),
            '\n' if first_line => {
                first_line = false;
                if let Some(close) = closing_quote(text, at + 1, &DOUBLE[..4]) {
                    return (close.end, Some(close));
                }
            }
            _ => {}
        }
    }
    (text.len(), None)
}

/// The first quote of `family` on the line after `from` that ends a text: one followed by what
/// may follow a text in a deck (`,`, `)`, `]`, `:`, a comment or the end of the line).
fn closing_quote(text: &str, from: usize, family: &[char]) -> Option<Range<usize>> {
    let line_end = text[from..].find('\n').map_or(text.len(), |i| from + i);
    let line = &text[from..line_end];
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        let was_escaped = escaped;
        escaped = c == '\\' && !escaped;
        if was_escaped || !family.contains(&c) {
            continue;
        }
        let rest = line[i + c.len_utf8()..].trim_start_matches([' ', '\t', '\r']);
        if rest.is_empty()
            || rest.starts_with([',', ')', ']', ':'])
            || rest.starts_with("//")
            || rest.starts_with("/*")
        {
            let start = from + i;
            return Some(start..start + c.len_utf8());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(text: &str) -> String {
        fix_quotes(text).map_or_else(|| text.to_owned(), |(t, _)| t)
    }

    #[test]
    fn curly_quotes_around_texts_are_found_all_at_once_and_made_straight() {
        let text = "(\n  prompt: “What is it?”,\n  back: “It’s a ‘test’”,\n  tags: [\n    “a”,\n    „b“,\n  ],\n)";
        let found = misplaced_quotes(text);
        assert_eq!(found.len(), 4, "{found:?}");
        assert!(found.iter().all(MisplacedQuotes::fixable));
        assert_eq!(
            fixed(text),
            "(\n  prompt: \"What is it?\",\n  back: \"It’s a ‘test’\",\n  tags: [\n    \"a\",\n    \"b\",\n  ],\n)"
        );
        assert_eq!(fix_quotes(text).map(|(_, n)| n), Some(8));
    }

    #[test]
    fn quotes_inside_straight_texts_and_comments_are_left_alone() {
        let text = "(\n  // “a comment”\n  /* “also” /* “nested” */ */\n  prompt: \"He said “stop”, then left\",\n  raw: r#\"“raw”\"#,\n)";
        assert_eq!(misplaced_quotes(text), Vec::new());
        assert_eq!(fix_quotes(text), None);
    }

    #[test]
    fn single_quoted_and_mixed_texts_are_fixed_and_inner_straight_quotes_escaped() {
        assert_eq!(
            fixed("(a: 'one', b: “two\", c: \"three”,\n d: ‘say \"hi\"’)"),
            "(a: \"one\", b: \"two\", c: \"three\",\n d: \"say \\\"hi\\\"\")"
        );
    }

    #[test]
    fn an_apostrophe_inside_a_curly_text_does_not_end_it() {
        assert_eq!(fixed("(a: ‘it’s here’, b: 1)"), "(a: \"it’s here\", b: 1)");
        assert_eq!(
            fixed("(a: “a “quote” inside”)"),
            "(a: \"a “quote” inside\")"
        );
    }

    #[test]
    fn a_quote_with_no_end_on_its_line_is_reported_but_not_fixed() {
        let found = misplaced_quotes("(a: “no end\n)");
        assert_eq!(found.len(), 1);
        assert!(!found[0].fixable());
        assert_eq!(fix_quotes("(a: “no end\n)"), None);
    }

    #[test]
    fn the_fixed_sample_deck_with_curly_quotes_parses_again() {
        let sample = include_str!("../../decks/sample-every-kind.ron");
        let curly = curl(sample);
        assert_ne!(curly, sample);
        let (back, _) = fix_quotes(&curly).unwrap_or_default();
        assert_eq!(
            super::super::parse_deck(back.as_bytes(), std::path::Path::new("s.ron")).ok(),
            super::super::parse_deck(sample.as_bytes(), std::path::Path::new("s.ron")).ok()
        );
    }

    /// What a word processor does to a deck: every straight quote around a text made curly
    /// (outside comments), opening and closing.
    pub(crate) fn curl(text: &str) -> String {
        let mut out = String::new();
        for line in text.lines() {
            let (code, comment) = match line.find("//") {
                Some(i) if !line[..i].contains('"') => (&line[..i], &line[i..]),
                _ => (line, ""),
            };
            let mut open = true;
            let mut prev = ' ';
            for c in code.chars() {
                if c == '"' && prev != '\\' {
                    out.push(if open { '“' } else { '”' });
                    open = !open;
                } else {
                    out.push(c);
                }
                prev = c;
            }
            out.push_str(comment);
            out.push('\n');
        }
        out
    }
}
