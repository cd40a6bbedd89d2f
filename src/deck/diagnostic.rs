//! Diagnostics: what is wrong with a deck, where, and what to do about it.
//!
//! One [`Report`] renders the same text for the terminal (`quizdesk check`) and for the GUI, so a
//! teacher sees the same words wherever a deck fails.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::problem::Problem;
use super::severity::Severity;

/// A position in a file: 1-based line and 1-based column counted in characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Position {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, in characters (not bytes).
    pub column: usize,
}

impl Position {
    /// The start of a file.
    pub const START: Self = Self { line: 1, column: 1 };
}

/// The stretch of text a diagnostic points at; `end` is exclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Span {
    /// Where the stretch starts.
    pub start: Position,
    /// Just past where it ends (equal to `start` for a single point).
    pub end: Position,
}

impl Span {
    /// A span of zero width at `at`.
    pub fn point(at: Position) -> Self {
        Self { start: at, end: at }
    }
}

/// One problem in a deck, with where it is.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Diagnostic {
    /// How serious it is.
    pub severity: Severity,
    /// What is wrong, in the library's terms (also gives the message and the help).
    #[serde(skip)]
    pub problem: Problem,
    /// Where it is.
    pub span: Span,
}

impl Diagnostic {
    /// An error at `span`.
    pub fn error(problem: Problem, span: Span) -> Self {
        Self {
            severity: Severity::Error,
            problem,
            span,
        }
    }

    /// A diagnostic at `span` with the problem's own severity ([`Problem::severity`]).
    pub fn new(problem: Problem, span: Span) -> Self {
        Self {
            severity: problem.severity(),
            problem,
            span,
        }
    }

    /// The plain-English message, without the location.
    pub fn message(&self) -> String {
        self.problem.to_string()
    }

    /// What to do about it, when there is something useful to say.
    pub fn help(&self) -> Option<String> {
        self.problem.help()
    }
}

/// Everything wrong with one deck file, with the file's text so it can show the offending lines.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    /// The file as the user named it.
    pub path: PathBuf,
    /// The decoded text of the file, when it could be read and decoded.
    pub text: Option<String>,
    /// The problems, in the order of their position in the file.
    pub diagnostics: Vec<Diagnostic>,
}

/// The JSON shape of one diagnostic for `quizdesk check --format json`.
#[derive(Serialize)]
pub struct JsonDiagnostic<'a> {
    /// The file.
    pub file: &'a Path,
    /// Start line (1-based).
    pub line: usize,
    /// Start column (1-based, characters).
    pub column: usize,
    /// End line.
    pub end_line: usize,
    /// End column (exclusive).
    pub end_column: usize,
    /// `error` or `warning`.
    pub severity: Severity,
    /// A short stable name of the rule, such as `duplicate-question-id`.
    pub code: &'static str,
    /// The message.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
}

impl Report {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }

    /// How many diagnostics have this severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }

    /// The diagnostics in the JSON shape used by `quizdesk check --format json`.
    pub fn json_diagnostics(&self) -> Vec<JsonDiagnostic<'_>> {
        self.diagnostics
            .iter()
            .map(|d| JsonDiagnostic {
                file: &self.path,
                line: d.span.start.line,
                column: d.span.start.column,
                end_line: d.span.end.line,
                end_column: d.span.end.column,
                severity: d.severity,
                code: d.problem.code(),
                message: d.message(),
                help: d.help(),
            })
            .collect()
    }

    /// Renders every diagnostic as `file:line:col: error: message`, then the offending line with a
    /// caret under the spot, then the help.
    pub fn render(&self) -> String {
        self.render_first(usize::MAX)
    }

    /// Renders like [`Report::render`], but only the first `max` diagnostics, then a line saying
    /// how many more there are (the GUI shows a few; `quizdesk check` shows them all).
    ///
    /// The work and the output are bounded by what is shown, not by the file: each line shown is
    /// cut to a window of [`SNIPPET_CHARS`] characters around the spot, and each message and
    /// help to [`MESSAGE_CHARS`], so a mistake on a 10 MB line prints a few lines.
    pub fn render_first(&self, max: usize) -> String {
        let mut out = String::new();
        let mut lines = LineCursor::new(self.text.as_deref().unwrap_or_default());
        for diagnostic in self.diagnostics.iter().take(max) {
            let line_text = self
                .text
                .as_ref()
                .and_then(|_| lines.line(diagnostic.span.start.line));
            render_one(&mut out, &self.path, line_text, diagnostic);
        }
        let more = self.diagnostics.len().saturating_sub(max);
        if more > 0 {
            let _ = writeln!(
                out,
                "... and {more} more problem{} (`quizdesk check {}` lists them all)",
                if more == 1 { "" } else { "s" },
                self.path.display()
            );
        }
        out
    }
}

/// How many characters of a line a diagnostic shows around its spot.
pub const SNIPPET_CHARS: usize = 100;

/// How many characters of a message or a help a diagnostic shows.
pub const MESSAGE_CHARS: usize = 400;

/// Finds lines by number, moving forward through the text (diagnostics come in file order), so
/// rendering many diagnostics reads the text once.
struct LineCursor<'a> {
    text: &'a str,
    /// The number and byte offset of the line the cursor is at.
    line: usize,
    start: usize,
}

impl<'a> LineCursor<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            text,
            line: 1,
            start: 0,
        }
    }

    /// Line `n` (1-based) without its line break, if the text has it.
    fn line(&mut self, n: usize) -> Option<&'a str> {
        if n < self.line {
            (self.line, self.start) = (1, 0);
        }
        while self.line < n {
            let next = self.text.get(self.start..)?.find('\n')?;
            self.start += next + 1;
            self.line += 1;
        }
        let rest = self.text.get(self.start..)?;
        let line = rest.split('\n').next().unwrap_or_default();
        Some(line.strip_suffix('\r').unwrap_or(line))
    }
}

/// `text` cut to at most `max` characters, with `...` when cut (never inside a character).
fn shorten(text: &str, max: usize) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}...", &text[..cut]).into(),
        None => text.into(),
    }
}

fn render_one(out: &mut String, path: &Path, line_text: Option<&str>, diagnostic: &Diagnostic) {
    let start = diagnostic.span.start;
    // Writing to a String cannot fail, so the results of `writeln!` carry no information.
    let _ = writeln!(
        out,
        "{}:{}:{}: {}: {}",
        path.display(),
        start.line,
        start.column,
        diagnostic.severity.as_str(),
        shorten(&diagnostic.message(), MESSAGE_CHARS)
    );
    if let Some(line_text) = line_text {
        let gutter = start.line.to_string().len();
        // The caret's columns, 0-based in characters, on this line.
        let caret_start = start.column.saturating_sub(1);
        let caret_end = if diagnostic.span.end.line == start.line {
            diagnostic.span.end.column.saturating_sub(1)
        } else {
            // A span over several lines is underlined to the end of its first line.
            usize::MAX
        };
        // A window of the line around the spot, so a long line is not printed whole.
        let first = caret_start.saturating_sub(SNIPPET_CHARS / 2);
        let shown: String = line_text
            .chars()
            .skip(first)
            .take(SNIPPET_CHARS + 1)
            .collect();
        let cut_after = shown.chars().count() > SNIPPET_CHARS;
        let shown: String = shown.chars().take(SNIPPET_CHARS).collect();
        let shown_len = shown.chars().count();
        let (lead, trail) = (
            if first > 0 { "..." } else { "" },
            if cut_after { "..." } else { "" },
        );
        let _ = writeln!(out, "{:gutter$} |", "");
        let _ = writeln!(out, "{} | {lead}{shown}{trail}", start.line);
        // Copy tabs from the line so the caret lines up in a terminal whatever its tab width.
        let pad: String = " ".repeat(lead.len())
            + &shown
                .chars()
                .take(caret_start - first)
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect::<String>();
        let width = caret_end
            .min(first + shown_len + 1)
            .saturating_sub(caret_start)
            .max(1);
        let _ = writeln!(out, "{:gutter$} | {pad}{}", "", "^".repeat(width));
    }
    if let Some(help) = diagnostic.help() {
        let gutter = start.line.to_string().len();
        let _ = writeln!(
            out,
            "{:gutter$} = help: {}",
            "",
            shorten(&help, MESSAGE_CHARS)
        );
    }
}

/// Converts byte offsets in a text into line and column positions.
#[derive(Debug)]
pub struct LineIndex<'a> {
    text: &'a str,
    /// Byte offset of the start of every line.
    line_starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    /// Indexes `text`.
    pub fn new(text: &'a str) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self { text, line_starts }
    }

    /// The position of byte `offset` (clamped to the text, and to a character boundary).
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_starts.partition_point(|&s| s <= offset);
        let line_start = self.line_starts[line.saturating_sub(1)];
        let column = self.text[line_start..offset].chars().count() + 1;
        Position { line, column }
    }

    /// The span of the byte range `start..end`.
    pub fn span(&self, start: usize, end: usize) -> Span {
        Span {
            start: self.position(start),
            end: self.position(end),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn line_index_counts_characters_not_bytes() {
        let index = LineIndex::new("ab\nchávez x\n");
        assert_eq!(index.position(0), Position { line: 1, column: 1 });
        assert_eq!(index.position(3), Position { line: 2, column: 1 });
        // "chávez " is 8 bytes but 7 characters.
        assert_eq!(index.position(11), Position { line: 2, column: 8 });
        assert_eq!(index.position(999), Position { line: 3, column: 1 });
    }

    fn syntax_at(text: &str, line: usize, column: usize, width: usize) -> Report {
        Report {
            path: PathBuf::from("d.ron"),
            text: Some(text.to_owned()),
            diagnostics: vec![Diagnostic::error(
                Problem::Syntax {
                    message: "expected `,`".to_owned(),
                    help: None,
                },
                Span {
                    start: Position { line, column },
                    end: Position {
                        line,
                        column: column + width,
                    },
                },
            )],
        }
    }

    #[test]
    fn a_mistake_on_a_very_long_line_shows_a_window_around_it() {
        let long = format!("prompt: \"{}\" answer: 1", "é".repeat(10_000_000));
        let column = 10_000_000 + 12;
        let rendered = syntax_at(&long, 1, column, 6).render();
        assert!(rendered.len() < 1_000, "{} bytes", rendered.len());
        let lines: Vec<&str> = rendered.lines().collect();
        assert_eq!(lines[0], format!("d.ron:1:{column}: error: expected `,`"));
        // The window ends with the line's end and starts with `...`; the caret stays under
        // the spot.
        let shown = lines[2].strip_prefix("1 | ").unwrap();
        assert!(shown.starts_with("...éé"), "{shown}");
        assert!(shown.ends_with("\" answer: 1"), "{shown}");
        let caret = lines[3].strip_prefix("  | ").unwrap();
        let at = caret.chars().position(|c| c == '^').unwrap();
        let under: String = shown.chars().skip(at).take(6).collect();
        assert_eq!(under, "answer");
        assert_eq!(caret.chars().filter(|&c| c == '^').count(), 6);
    }

    #[test]
    fn a_long_line_is_cut_on_both_sides_of_the_spot() {
        let long = format!("{}X{}", "a".repeat(5_000), "b".repeat(5_000));
        let rendered = syntax_at(&long, 1, 5_001, 1).render();
        let lines: Vec<&str> = rendered.lines().collect();
        let shown = lines[2].strip_prefix("1 | ").unwrap();
        assert!(
            shown.starts_with("...a") && shown.ends_with("b..."),
            "{shown}"
        );
        assert_eq!(shown.chars().count(), SNIPPET_CHARS + 6);
        let at = lines[3].strip_prefix("  | ").unwrap().find('^').unwrap();
        assert_eq!(shown.chars().nth(at), Some('X'));
    }

    #[test]
    fn long_messages_are_cut_and_only_the_first_diagnostics_are_rendered_when_asked() {
        let mut report = syntax_at("a\nb\nc\n", 1, 1, 1);
        report.diagnostics[0].problem = Problem::Syntax {
            message: "x".repeat(100_000),
            help: Some("y".repeat(100_000)),
        };
        assert!(report.render().len() < 2 * MESSAGE_CHARS + 100);
        let one = report.diagnostics[0].clone();
        report.diagnostics = vec![one; 30];
        let shown = report.render_first(3);
        assert_eq!(shown.matches("d.ron:1:1").count(), 3);
        assert!(
            shown.ends_with("... and 27 more problems (`quizdesk check d.ron` lists them all)\n"),
            "{shown}"
        );
    }

    #[test]
    fn render_shows_location_snippet_caret_and_help() {
        let report = Report {
            path: PathBuf::from("d.ron"),
            text: Some("Deck(\n\tpromt: 1,\n)".to_owned()),
            diagnostics: vec![Diagnostic::error(
                Problem::Syntax {
                    message: "unknown field `promt`".to_owned(),
                    help: Some("did you mean `prompt`?".to_owned()),
                },
                Span {
                    start: Position { line: 2, column: 2 },
                    end: Position { line: 2, column: 7 },
                },
            )],
        };
        assert_eq!(
            report.render(),
            "d.ron:2:2: error: unknown field `promt`\n  |\n2 | \tpromt: 1,\n  | \t^^^^^\n  = help: did you mean `prompt`?\n"
        );
    }
}
