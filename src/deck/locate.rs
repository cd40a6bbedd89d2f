//! Finds where a value sits in a RON text, by its path (`questions[3].answer.options[1]`).
//!
//! serde forgets positions once a value is parsed, but a semantic check ("this question id is
//! used twice") must still point at a line and column. So when, and only when, validation finds a
//! problem, this small scanner walks the already-parsed text once and records the byte span of
//! every value under its path. It only needs to understand RON's structure (brackets, strings,
//! comments, field names), and it never panics, whatever the input.

use std::collections::HashMap;
use std::ops::Range;

/// Byte spans of every value in a RON text, keyed by path.
#[derive(Debug, Default)]
pub(crate) struct Locations {
    spans: HashMap<String, Range<usize>>,
    /// Every comment's span, in order (strings are skipped, so a `//` in a URL is none).
    comments: Vec<Range<usize>>,
}

impl Locations {
    /// Scans `text` and records every value's span.
    pub(crate) fn scan(text: &str) -> Self {
        let mut scanner = Scanner {
            bytes: text.as_bytes(),
            pos: 0,
            spans: HashMap::new(),
            depth: 0,
            comments: Vec::new(),
        };
        let mut path = String::new();
        scanner.skip_trivia();
        scanner.value(&mut path);
        // Comments after the last value, too.
        scanner.skip_trivia();
        Self {
            spans: scanner.spans,
            comments: scanner.comments,
        }
    }

    /// The spans of the text's comments, in order.
    pub(crate) fn comments(&self) -> &[Range<usize>] {
        &self.comments
    }

    /// The smallest recorded value that ends just after byte `offset`, such as the struct whose
    /// closing `)` is at `offset`.
    pub(crate) fn closed_at(&self, offset: usize) -> Option<Range<usize>> {
        self.spans
            .values()
            .filter(|span| span.end == offset + 1 && span.start < offset)
            .min_by_key(|span| span.len())
            .cloned()
    }

    /// The span of the value at `path`, or of its nearest recorded parent.
    pub(crate) fn find(&self, path: &str) -> Option<Range<usize>> {
        let mut path = path;
        loop {
            if let Some(span) = self.spans.get(path) {
                return Some(span.clone());
            }
            let cut = path.rfind(['.', '['])?;
            path = &path[..cut];
            if path.is_empty() {
                // The root: the whole document.
                return self.spans.get("").cloned();
            }
        }
    }
}

/// How deep the scanner follows nesting; ron's own limit is lower, so valid decks never reach it.
const MAX_DEPTH: usize = 256;

struct Scanner<'a> {
    bytes: &'a [u8],
    pos: usize,
    spans: HashMap<String, Range<usize>>,
    depth: usize,
    comments: Vec<Range<usize>>,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn peek_at(&self, offset: usize) -> Option<u8> {
        self.bytes.get(self.pos + offset).copied()
    }

    /// Skips white space and comments (block comments nest in RON).
    fn skip_trivia(&mut self) {
        loop {
            match (self.peek(), self.peek_at(1)) {
                (Some(b), _) if b.is_ascii_whitespace() => self.pos += 1,
                (Some(b'/'), Some(b'/')) => {
                    let start = self.pos;
                    while self.peek().is_some_and(|b| b != b'\n') {
                        self.pos += 1;
                    }
                    self.comments.push(start..self.pos);
                }
                (Some(b'/'), Some(b'*')) => {
                    let start = self.pos;
                    self.pos += 2;
                    let mut nesting = 1;
                    while nesting > 0 && self.pos < self.bytes.len() {
                        match (self.peek(), self.peek_at(1)) {
                            (Some(b'/'), Some(b'*')) => {
                                nesting += 1;
                                self.pos += 2;
                            }
                            (Some(b'*'), Some(b'/')) => {
                                nesting -= 1;
                                self.pos += 2;
                            }
                            _ => self.pos += 1,
                        }
                    }
                    self.comments.push(start..self.pos);
                }
                _ => return,
            }
        }
    }

    /// Scans one value and records its span under `path`.
    fn value(&mut self, path: &mut String) {
        let start = self.pos;
        if self.depth >= MAX_DEPTH {
            self.pos = self.bytes.len();
            return;
        }
        self.depth += 1;
        match self.peek() {
            Some(b'"') => self.string(),
            Some(b'[') => self.list(path, b']'),
            Some(b'{') => self.list(path, b'}'),
            Some(b'(') => self.group(path),
            Some(b'r' | b'b') if self.raw_or_byte_string() => {}
            Some(b) if is_ident_byte(b) => {
                // A named struct, an enum variant or `Some(x)`: the whole of it is the value.
                self.ident();
                let after_ident = self.pos;
                self.skip_trivia();
                if self.peek() == Some(b'(') {
                    self.group(path);
                } else {
                    self.pos = after_ident;
                }
            }
            Some(_) => self.atom(),
            None => {}
        }
        self.depth -= 1;
        let end = self.pos.max(start);
        self.spans.insert(path.clone(), start..end);
    }

    fn string(&mut self) {
        self.pos += 1;
        while let Some(b) = self.peek() {
            self.pos += 1;
            match b {
                b'\\' => self.pos += 1,
                b'"' => return,
                _ => {}
            }
        }
        self.pos = self.pos.min(self.bytes.len());
    }

    /// Scans `r"..."`, `r#"..."#` or `b"..."` if one starts here.
    fn raw_or_byte_string(&mut self) -> bool {
        let start = self.pos;
        if self.peek() == Some(b'b') && self.peek_at(1) == Some(b'"') {
            self.pos += 1;
            self.string();
            return true;
        }
        let mut hashes = 0;
        let mut i = self.pos + 1;
        while self.bytes.get(i) == Some(&b'#') {
            hashes += 1;
            i += 1;
        }
        if self.bytes.get(i) != Some(&b'"') {
            return false;
        }
        self.pos = i + 1;
        while self.pos < self.bytes.len() {
            if self.peek() == Some(b'"')
                && (1..=hashes).all(|k| self.bytes.get(self.pos + k) == Some(&b'#'))
            {
                self.pos += 1 + hashes;
                return true;
            }
            self.pos += 1;
        }
        self.pos.max(start) > start
    }

    fn ident(&mut self) -> &[u8] {
        let start = self.pos;
        while self.peek().is_some_and(is_ident_byte) {
            self.pos += 1;
        }
        // `r#name` raw identifiers.
        if self.bytes.get(start..self.pos) == Some(b"r") && self.peek() == Some(b'#') {
            self.pos += 1;
            while self.peek().is_some_and(is_ident_byte) {
                self.pos += 1;
            }
        }
        self.bytes.get(start..self.pos).unwrap_or_default()
    }

    /// Numbers, chars and anything else up to the next separator.
    fn atom(&mut self) {
        if self.peek() == Some(b'\'') {
            self.pos += 1;
            while let Some(b) = self.peek() {
                self.pos += 1;
                match b {
                    b'\\' => self.pos += 1,
                    b'\'' => return,
                    _ => {}
                }
            }
            return;
        }
        let start = self.pos;
        while self
            .peek()
            .is_some_and(|b| !b.is_ascii_whitespace() && !b",:)]}([{\"".contains(&b))
        {
            self.pos += 1;
        }
        if self.pos == start {
            // A stray separator: step over it so scanning always moves forward.
            self.pos += 1;
        }
    }

    /// `[a, b]` or `{k: v}`: items are recorded as `path[i]`.
    fn list(&mut self, path: &mut String, close: u8) {
        self.pos += 1;
        let mut index = 0;
        loop {
            self.skip_trivia();
            match self.peek() {
                None => return,
                Some(b) if b == close => {
                    self.pos += 1;
                    return;
                }
                Some(b',' | b':') => self.pos += 1,
                Some(b')' | b']' | b'}') => return,
                Some(_) => {
                    let before = self.pos;
                    let len = path.len();
                    push_index(path, index);
                    self.value(path);
                    path.truncate(len);
                    index += 1;
                    if self.pos == before {
                        self.pos += 1;
                    }
                }
            }
        }
    }

    /// `( ... )`: named fields are recorded as `path.name`, tuple items as `path[i]`.
    fn group(&mut self, path: &mut String) {
        self.pos += 1;
        let mut index = 0;
        loop {
            self.skip_trivia();
            match self.peek() {
                None => return,
                Some(b')') => {
                    self.pos += 1;
                    return;
                }
                Some(b',') => self.pos += 1,
                Some(b']' | b'}') => return,
                Some(_) => {
                    let before = self.pos;
                    let len = path.len();
                    if let Some(name) = self.field_name() {
                        if !path.is_empty() {
                            path.push('.');
                        }
                        path.push_str(&name);
                    } else {
                        push_index(path, index);
                        index += 1;
                    }
                    self.value(path);
                    path.truncate(len);
                    if self.pos == before {
                        self.pos += 1;
                    }
                }
            }
        }
    }

    /// If a `name:` starts here, consumes it (and the colon) and returns the name.
    fn field_name(&mut self) -> Option<String> {
        let start = self.pos;
        if !self.peek().is_some_and(is_ident_byte)
            || self.peek().is_some_and(|b| b.is_ascii_digit())
        {
            return None;
        }
        let name = String::from_utf8_lossy(self.ident()).into_owned();
        self.skip_trivia();
        if self.peek() == Some(b':') && self.peek_at(1) != Some(b':') {
            self.pos += 1;
            self.skip_trivia();
            Some(name.trim_start_matches("r#").to_owned())
        } else {
            self.pos = start;
            None
        }
    }
}

fn push_index(path: &mut String, index: usize) {
    use std::fmt::Write as _;
    // Writing to a String cannot fail.
    let _ = write!(path, "[{index}]");
}

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

#[cfg(test)]
mod tests {
    use super::*;

    fn located<'a>(text: &'a str, path: &str) -> &'a str {
        let span = Locations::scan(text).find(path).unwrap_or(0..0);
        &text[span]
    }

    #[test]
    fn finds_fields_list_items_and_tuple_items() {
        let text = r##"Deck(
            id: "d", // a comment with "quotes" and ( brackets
            /* block /* nested */ comment */
            questions: [
                Question(id: "a", answer: SingleChoice(options: [Correct("x"), Wrong("y")])),
                Question(id: "b", answer: Match(pairs: [("l", "r"), ("l2", r#"raw "r2""#)])),
            ],
        )"##;
        assert_eq!(located(text, "id"), "\"d\"");
        assert_eq!(located(text, "questions[1].id"), "\"b\"");
        assert_eq!(
            located(text, "questions[0].answer.options[1]"),
            "Wrong(\"y\")"
        );
        assert_eq!(
            located(text, "questions[1].answer.pairs[1][1]"),
            "r#\"raw \"r2\"\"#"
        );
        assert!(located(text, "questions[0]").starts_with("Question(id: \"a\""));
    }

    #[test]
    fn unknown_paths_fall_back_to_the_nearest_parent() {
        let text = "Deck(questions: [Question(id: \"a\")])";
        assert_eq!(located(text, "questions[0].prompt"), "Question(id: \"a\")");
    }

    #[test]
    fn some_wrapper_keeps_the_field_path() {
        let text = "Q(explanation: Some(\"why\"), limit: 5)";
        assert_eq!(located(text, "explanation"), "Some(\"why\")");
        assert_eq!(located(text, "limit"), "5");
    }

    #[test]
    fn garbage_never_panics_or_hangs() {
        for text in [
            "",
            "(",
            "[[[",
            "\"",
            "r#\"",
            "/*",
            "a:b:c",
            ")]}",
            "(x: (y: [1, 2,",
            "'\\",
        ] {
            let _ = Locations::scan(text);
        }
    }
}
