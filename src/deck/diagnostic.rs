//! Diagnostics: what is wrong with a deck, where, and what to do about it.
//!
//! One [`Report`] renders the same text for the terminal (`quizdesk check`) and for the GUI, so a
//! teacher sees the same words wherever a deck fails.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::problem::Problem;

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The deck cannot be used until this is fixed.
    Error,
}

impl Severity {
    /// The word printed before the message (`error`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Error => "error",
        }
    }
}

/// A position in a file: 1-based line and 1-based column counted in characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
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
    /// `error`.
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
        let mut out = String::new();
        for diagnostic in &self.diagnostics {
            render_one(&mut out, &self.path, self.text.as_deref(), diagnostic);
        }
        out
    }
}

fn render_one(out: &mut String, path: &Path, text: Option<&str>, diagnostic: &Diagnostic) {
    let start = diagnostic.span.start;
    // Writing to a String cannot fail, so the results of `writeln!` carry no information.
    let _ = writeln!(
        out,
        "{}:{}:{}: {}: {}",
        path.display(),
        start.line,
        start.column,
        diagnostic.severity.as_str(),
        diagnostic.message()
    );
    if let Some(line_text) = text.and_then(|t| t.lines().nth(start.line.saturating_sub(1))) {
        let gutter = start.line.to_string().len();
        let line_text = line_text.strip_suffix('\r').unwrap_or(line_text);
        let _ = writeln!(out, "{:gutter$} |", "");
        let _ = writeln!(out, "{} | {line_text}", start.line);
        // Copy tabs from the line so the caret lines up in a terminal whatever its tab width.
        let pad: String = line_text
            .chars()
            .take(start.column.saturating_sub(1))
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        let line_len = line_text.chars().count();
        let width = if diagnostic.span.end.line == start.line {
            diagnostic.span.end.column.saturating_sub(start.column)
        } else {
            // A span over several lines is underlined to the end of its first line.
            (line_len + 1).saturating_sub(start.column)
        }
        .max(1);
        let _ = writeln!(out, "{:gutter$} | {pad}{}", "", "^".repeat(width));
    }
    if let Some(help) = diagnostic.help() {
        let gutter = start.line.to_string().len();
        let _ = writeln!(out, "{:gutter$} = help: {help}", "");
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
