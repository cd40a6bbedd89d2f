//! Decks: the RON format, loading and validation.
//!
//! Pure: nothing here draws or writes. [`load_deck`] reads one file; [`parse_deck`] works on
//! bytes already in memory. Either returns a validated [`Deck`] or a [`Report`] with every
//! problem, each with its position, its message and what to do about it.

mod closest;
mod context;
mod diagnostic;
pub mod edit;
pub mod images;
mod kind;
mod limits;
mod lint;
mod locate;
pub mod lookup;
mod model;
mod normalize;
mod problem;
pub mod quotes;
pub mod raw;
mod severity;
mod syntax;
mod validate;
mod write;

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub use diagnostic::{Diagnostic, JsonDiagnostic, LineIndex, Position, Report, Span};
pub use kind::{ANSWER_KINDS, AnswerKind};
pub use limits::{
    MAX_DECK_BYTES, MAX_ID_LEN, MAX_IMAGE_BYTES, MAX_IMAGE_SIDE_PX, MAX_POLL_OPTIONS,
    MAX_SESSION_MINUTES, MAX_TIME_LIMIT_SECS, MAX_WORDS_CHARS,
};
pub use model::{
    Answer, Choice, Citation, Deck, DeckId, MatchPair, NumericAccept, Picture, Question,
    QuestionId, Resource, Session, Source, SourceId,
};
pub use normalize::normalize_answer;
pub use problem::Problem;
pub use severity::Severity;
pub use validate::{is_valid_id, is_web_link};
pub use write::{
    DeckTooLarge, deck_file_text, from_validated, has_own_comments, question_id_from_prompt, to_ron,
};

/// A broken rule found in a [`raw::Deck`], with the path of the value at fault, such as
/// `questions[2].answer.options[1]` (the editor shows it beside that field).
#[derive(Clone, Debug, PartialEq)]
pub struct PathProblem {
    /// The path of the value at fault.
    pub path: String,
    /// What is wrong.
    pub problem: Problem,
}

impl PathProblem {
    /// Whether it is an error or only a warning ([`Problem::severity`]).
    pub fn severity(&self) -> Severity {
        self.problem.severity()
    }
}

/// Validates a deck held in memory (the editor's, an import's): the deck, or every problem with
/// its path. The same rules as [`load_deck`], without positions in a file.
pub fn validate_raw(deck: raw::Deck) -> Result<Deck, Vec<PathProblem>> {
    validate::validate(deck).map_err(|found| {
        found
            .into_iter()
            .map(|(problem, path)| PathProblem { path, problem })
            .collect()
    })
}

/// The item-writing warnings of a deck held in memory (the editor's), each with its path: the
/// same warnings as [`parse_deck_checked`], without positions in a file. A deck with only
/// warnings passes [`validate_raw`] and is used like any other.
pub fn lint_raw(deck: &raw::Deck) -> Vec<PathProblem> {
    lint::lint(deck)
        .into_iter()
        .map(|(problem, path)| PathProblem { path, problem })
        .collect()
}

/// The file extension of deck files.
pub const DECK_EXTENSION: &str = "ron";

/// A deck that failed to load, with everything wrong with it.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{} has {} problem(s)", .0.path.display(), .0.diagnostics.len())]
pub struct DeckError(pub Report);

impl DeckError {
    /// The report with every problem.
    pub fn report(&self) -> &Report {
        &self.0
    }

    fn whole_file(path: &Path, text: Option<String>, problem: Problem, span: Span) -> Self {
        Self(Report {
            path: path.to_owned(),
            text,
            diagnostics: vec![Diagnostic::error(problem, span)],
        })
    }
}

/// Reads and validates the deck file at `path`.
///
/// Never panics. A missing file, an oversized file, bytes that are not UTF-8, a syntax error and
/// a broken rule all come back as a [`DeckError`] that says where and what.
pub fn load_deck(path: &Path) -> Result<Deck, DeckError> {
    let bytes = read_deck_bytes(path)?;
    let deck = parse_deck(&bytes, path)?;
    let found = images::check_files(&deck, deck_folder(path));
    if found.is_empty() {
        Ok(deck)
    } else {
        Err(DeckError(locate_all(path, &deck_text(&bytes), found)))
    }
}

/// The folder a deck file is in, which its pictures' paths start from.
pub fn deck_folder(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

/// A deck file's bytes as the text positions are counted in (for a deck that parsed).
fn deck_text(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    with_line_feeds(&String::from_utf8_lossy(bytes)).into_owned()
}

/// Reads and validates the deck file at `path` like [`load_deck`], and also finds the item-writing
/// warnings (see [`parse_deck_checked`]): what `quizdesk check` runs.
pub fn load_deck_checked(path: &Path) -> Result<(Deck, Report), DeckError> {
    let bytes = read_deck_bytes(path)?;
    let (deck, warnings) = parse_deck_checked(&bytes, path)?;
    let found = images::check_files(&deck, deck_folder(path));
    if found.is_empty() {
        return Ok((deck, warnings));
    }
    let mut report = locate_all(path, &deck_text(&bytes), found);
    report.diagnostics.extend(warnings.diagnostics);
    report.diagnostics.sort_by_key(|d| d.span.start);
    Err(DeckError(report))
}

/// Reads the bytes of the deck file at `path`, refusing one over [`MAX_DECK_BYTES`] without
/// reading past the limit, and refusing a folder, a named pipe or a socket before opening it:
/// what [`load_deck`] and the editor read a deck file with.
pub fn read_deck_bytes(path: &Path) -> Result<Vec<u8>, DeckError> {
    let unreadable = |e: std::io::Error| {
        DeckError::whole_file(
            path,
            None,
            Problem::Unreadable {
                reason: e.to_string(),
            },
            Span::point(Position::START),
        )
    };
    // Bounded by the limit, not by the reported size (0 for `/dev/zero`); a pipe or a folder
    // is refused before it is opened.
    crate::userfile::read_limited(path, MAX_DECK_BYTES).map_err(|e| match e {
        crate::userfile::ReadError::Io(e) => unreadable(e),
        crate::userfile::ReadError::NotAFile { kind } => DeckError::whole_file(
            path,
            None,
            Problem::NotAFile { kind },
            Span::point(Position::START),
        ),
        crate::userfile::ReadError::TooLarge { size, .. } => DeckError::whole_file(
            path,
            None,
            Problem::TooLarge { size },
            Span::point(Position::START),
        ),
    })
}

/// The decks that ship inside the binary, so the app works from any folder: file name and
/// bytes.
pub const BUNDLED_DECKS: &[(&str, &[u8])] = &[
    (
        "fentanyl-social-media.ron",
        include_bytes!("../../decks/fentanyl-social-media.ron"),
    ),
    (
        "sample-every-kind.ron",
        include_bytes!("../../decks/sample-every-kind.ron"),
    ),
];

/// The pictures of the bundled decks, inside the binary too: path (as the decks name it) and
/// bytes.
pub const BUNDLED_IMAGES: &[(&str, &[u8])] = &[(
    "images/pencil-tip.svg",
    include_bytes!("../../decks/images/pencil-tip.svg"),
)];

/// The bundled deck with this id, loaded.
pub fn bundled_deck(id: &str) -> Option<Deck> {
    BUNDLED_DECKS
        .iter()
        .filter_map(|(name, bytes)| parse_deck(bytes, Path::new(name)).ok())
        .find(|deck| deck.id().as_str() == id)
}

/// Validates a deck from bytes already in memory; `path` is only used in messages.
pub fn parse_deck(bytes: &[u8], path: &Path) -> Result<Deck, DeckError> {
    let (raw, text) = parse_raw_with_text(bytes, path)?;
    validate::validate(raw).map_err(|found| DeckError(locate_all(path, &text, found)))
}

/// Validates a deck like [`parse_deck`] and also finds the item-writing warnings (an "all of the
/// above" option, a give-away long right option, ...; see `docs/deck-format.md`, "Warnings").
///
/// A deck with only warnings is valid: it comes back with a [`Report`] of the warnings (with no
/// diagnostics when there are none). A deck with errors comes back as a [`DeckError`] whose
/// report holds the errors and the warnings, in file order. [`parse_deck`] leaves warnings out,
/// so the callers that only need the deck pay nothing for them.
pub fn parse_deck_checked(bytes: &[u8], path: &Path) -> Result<(Deck, Report), DeckError> {
    let (raw, text) = parse_raw_with_text(bytes, path)?;
    let warnings = lint::lint(&raw);
    match validate::validate(raw) {
        Ok(deck) => Ok((deck, locate_all(path, &text, warnings))),
        Err(mut found) => {
            found.extend(warnings);
            Err(DeckError(locate_all(path, &text, found)))
        }
    }
}

/// Reads a deck's text into the file structure without checking its rules: what the editor
/// opens, so a draft with broken rules can still be edited. Syntax errors are reported as by
/// [`parse_deck`].
pub fn parse_raw(bytes: &[u8], path: &Path) -> Result<raw::Deck, DeckError> {
    parse_raw_with_text(bytes, path).map(|(raw, _)| raw)
}

fn parse_raw_with_text<'a>(
    bytes: &'a [u8],
    path: &Path,
) -> Result<(raw::Deck, Cow<'a, str>), DeckError> {
    if bytes.len() as u64 > MAX_DECK_BYTES {
        return Err(DeckError::whole_file(
            path,
            None,
            Problem::TooLarge {
                size: crate::userfile::ByteSize::Exactly(bytes.len() as u64),
            },
            Span::point(Position::START),
        ));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = &bytes[..e.valid_up_to()];
            // The valid prefix is UTF-8 by definition; decode it to show the line.
            let prefix = String::from_utf8_lossy(valid).into_owned();
            let at = LineIndex::new(&prefix).position(prefix.len());
            let byte = bytes.get(e.valid_up_to()).copied().unwrap_or_default();
            let line_text: String = String::from_utf8_lossy(bytes).into_owned();
            return Err(DeckError::whole_file(
                path,
                Some(line_text),
                Problem::InvalidUtf8 { byte },
                Span::point(at),
            ));
        }
    };
    let text = with_line_feeds(text);
    if is_blank(&text) {
        return Err(DeckError::whole_file(
            path,
            Some(text.to_string()),
            Problem::Empty,
            Span::point(Position::START),
        ));
    }
    let raw: raw::Deck = ron_options().from_str(&text).map_err(|e| {
        DeckError(Report {
            path: path.to_owned(),
            text: Some(text.to_string()),
            diagnostics: syntax_diagnostics(&text, &e),
        })
    })?;
    Ok((raw, text))
}

/// A deck text with its quotes mended by [`mend_quotes`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MendedQuotes {
    /// The whole text, mended.
    pub text: String,
    /// How many quotes were replaced.
    pub quotes: usize,
    /// How many texts they were around.
    pub texts: usize,
}

/// The deck file `bytes` with every text in curly or single quotes put in straight double
/// quotes (see [`quotes`]); `None` when the file reads as a deck already (its quotes inside
/// texts are the teacher's), is not UTF-8 text, or has no such quotes.
pub fn mend_quotes(bytes: &[u8]) -> Option<MendedQuotes> {
    let bom = bytes.starts_with(b"\xEF\xBB\xBF");
    let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)).ok()?;
    if ron_options().from_str::<raw::Deck>(text).is_ok() {
        return None;
    }
    let found = quotes::misplaced_quotes(text);
    let texts = found.iter().filter(|q| q.fixable()).count();
    let (mended, quotes) = quotes::fix_found(text, &found)?;
    Some(MendedQuotes {
        text: if bom {
            format!("\u{FEFF}{mended}")
        } else {
            mended
        },
        quotes,
        texts,
    })
}

/// The diagnostics for a deck text `ron` could not read. `ron` stops at the first mistake; when
/// the text has quotes other than `"` around its texts (pasted from a word processor), every one
/// of them is reported at once, followed by the first other mistake, found in the text with its
/// quotes mended.
fn syntax_diagnostics(text: &str, error: &ron::error::SpannedError) -> Vec<Diagnostic> {
    let found = quotes::misplaced_quotes(text);
    if found.is_empty() {
        return vec![syntax::diagnostic(text, error)];
    }
    let index = LineIndex::new(text);
    let fixable = found.iter().filter(|q| q.fixable()).count();
    let mut diagnostics: Vec<Diagnostic> = found
        .iter()
        .map(|q| {
            let end = q.close.as_ref().map_or(q.open.end, |c| c.end);
            Diagnostic::error(
                Problem::WrongQuotes {
                    open: q.open_char,
                    close: q.close_char,
                    fixable,
                },
                index.span(q.open.start, end),
            )
        })
        .collect();
    if let Some((mended, _)) = quotes::fix_found(text, &found)
        && let Err(next) = ron_options().from_str::<raw::Deck>(&mended)
    {
        let next = syntax::diagnostic(&mended, &next);
        // A quote with no end is already reported where `ron` stops for it.
        if !diagnostics
            .iter()
            .any(|d| d.span.start.line == next.span.start.line)
        {
            diagnostics.push(next);
        }
    }
    diagnostics.sort_by_key(|d| d.span.start);
    diagnostics
}

/// The text with a lone carriage return as a line break, in a file that has no line feed at all
/// (old Mac line endings), so that a `//` comment ends at the end of its line there too.
/// Otherwise the text as it is: a stray `\r` in a file of ordinary lines is left alone.
fn with_line_feeds(text: &str) -> Cow<'_, str> {
    if text.contains('\r') && !text.contains('\n') {
        // One byte for one byte: every position in the file stays where it was.
        Cow::Owned(text.replace('\r', "\n"))
    } else {
        Cow::Borrowed(text)
    }
}

/// Parses deck text into the raw file structure and drops it, without validating.
///
/// Only for the benchmark, which compares the full load with this floor: the cost of `ron` alone.
#[doc(hidden)]
pub fn parse_syntax_only(text: &str) -> Result<(), ron::error::SpannedError> {
    ron_options().from_str::<raw::Deck>(text).map(drop)
}

fn ron_options() -> ron::Options {
    // `implicit_some` lets teachers write optional fields plainly instead of `Some(...)`.
    ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
}

/// Turns problems found by path into diagnostics with positions, sorted by position.
fn locate_all(path: &Path, text: &str, mut found: Vec<validate::Found>) -> Report {
    if found.is_empty() {
        // Nothing to place: a valid deck without warnings pays nothing for positions.
        return Report {
            path: path.to_owned(),
            text: Some(text.to_owned()),
            diagnostics: Vec::new(),
        };
    }
    let locations = locate::Locations::scan(text);
    let index = LineIndex::new(text);
    let span_of = |p: &str| {
        locations
            .find(p)
            .map_or(Span::point(Position::START), |r| index.span(r.start, r.end))
    };
    validate::resolve_first_lines(&mut found, |p| span_of(p).start.line);
    let mut diagnostics: Vec<Diagnostic> = found
        .into_iter()
        .map(|(problem, p)| Diagnostic::new(problem, span_of(&p)))
        .collect();
    // Stable, so problems at the same spot keep the order the rules found them in.
    diagnostics.sort_by_key(|d| d.span.start);
    Report {
        path: path.to_owned(),
        text: Some(text.to_owned()),
        diagnostics,
    }
}

/// Whether a text holds nothing but white space and comments.
fn is_blank(text: &str) -> bool {
    let mut rest = text.trim_start();
    loop {
        if let Some(after) = rest.strip_prefix("//") {
            rest = after.split_once('\n').map_or("", |(_, r)| r).trim_start();
        } else if let Some(after) = rest.strip_prefix("/*") {
            let Some((_, r)) = after.split_once("*/") else {
                // An unclosed comment is a syntax error, which ron reports with its position.
                return false;
            };
            rest = r.trim_start();
        } else {
            return rest.is_empty();
        }
    }
}

/// Reports every deck whose id an earlier deck in `decks` already has: scores are keyed by deck
/// id, so two decks with one id would mix up their scores.
///
/// Each report points at the later file's `id` field (the file is read again to find it).
pub fn duplicate_deck_ids(decks: &[(PathBuf, Deck)]) -> Vec<Report> {
    let mut first: HashMap<&DeckId, &Path> = HashMap::new();
    let mut reports = Vec::new();
    for (path, deck) in decks {
        let Some(other) = first.get(deck.id()) else {
            first.insert(deck.id(), path);
            continue;
        };
        // Read within the limit again: the file may have changed since it loaded.
        let text = crate::userfile::read_limited(path, MAX_DECK_BYTES)
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok());
        let span = text
            .as_deref()
            .map_or(Span::point(Position::START), |text| {
                locate::Locations::scan(text)
                    .find("id")
                    .map_or(Span::point(Position::START), |r| {
                        LineIndex::new(text).span(r.start, r.end)
                    })
            });
        reports.push(Report {
            path: path.clone(),
            text,
            diagnostics: vec![Diagnostic::error(
                Problem::DuplicateDeckId {
                    id: deck.id().to_string(),
                    other_file: other.display().to_string(),
                },
                span,
            )],
        });
    }
    reports
}

/// Every `*.ron` file under `path` (itself, if it is a file), sorted, recursing into folders.
///
/// Each folder is entered once and each file listed once, however symbolic links lead back
/// (see [`crate::userfile::list_files`]); hidden names are left out. An entry that is not a
/// regular file (a named pipe called `pipe.ron`) is listed, so loading it says what it is.
/// Unreadable folders are returned as errors alongside the files that could be found, so a
/// caller can report them and go on.
pub fn find_deck_files(path: &Path) -> (Vec<PathBuf>, Vec<(PathBuf, std::io::Error)>) {
    let listing = crate::userfile::list_files(path, DECK_EXTENSION, true);
    (listing.files, listing.unreadable)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_means_only_space_and_comments() {
        assert!(is_blank(""));
        assert!(is_blank("  \n// hi\n/* there */\n"));
        assert!(!is_blank("/* open"));
        assert!(!is_blank("Deck()"));
    }

    const SAMPLE: &str = include_str!("../../decks/sample-every-kind.ron");

    #[test]
    fn a_file_with_old_mac_line_endings_loads_like_any_other() {
        let cr_only = SAMPLE.replace('\n', "\r");
        let deck = parse_deck(cr_only.as_bytes(), Path::new("cr.ron"));
        let expected = parse_deck(SAMPLE.as_bytes(), Path::new("lf.ron"));
        assert_eq!(deck.ok(), expected.ok());
        // Its mistakes are placed on the right line too.
        let broken = cr_only.replacen("prompt:", "promt:", 1);
        let Err(error) = parse_deck(broken.as_bytes(), Path::new("cr.ron")) else {
            panic!("the typo is found");
        };
        let line = SAMPLE
            .lines()
            .position(|l| l.contains("prompt:"))
            .unwrap_or(0)
            + 1;
        let rendered = error.report().render();
        assert!(
            rendered.starts_with(&format!("cr.ron:{line}:")),
            "{rendered}"
        );
        assert!(rendered.contains("did you mean `prompt`"), "{rendered}");
    }

    #[test]
    fn a_stray_carriage_return_in_a_file_of_ordinary_lines_is_left_alone() {
        let text = SAMPLE.replacen("Jupiter is about 11", "Jupiter is\rabout 11", 1);
        let Ok(deck) = parse_deck(text.as_bytes(), Path::new("d.ron")) else {
            panic!("it loads");
        };
        let explanation = deck.questions()[0]
            .explanation
            .as_deref()
            .unwrap_or_default();
        assert!(explanation.contains("is\rabout"), "{explanation:?}");
    }

    #[test]
    fn an_escape_that_names_no_character_is_called_that() {
        for (escape, text) in [
            ("\\u{d800}", r#"title: "\u{d800}","#),
            ("\\u{110000}", r#"title: "a \u{110000} b","#),
        ] {
            let broken = SAMPLE.replacen(r#"title: "Sample: every question kind","#, text, 1);
            let Err(error) = parse_deck(broken.as_bytes(), Path::new("d.ron")) else {
                panic!("{escape} is refused");
            };
            let d = &error.report().diagnostics[0];
            assert_eq!(d.message(), format!("`{escape}` is not a character"));
            let help = d.help().unwrap_or_default();
            assert!(help.contains("D800 to DFFF"), "{help}");
            assert!(!help.contains("add `)`"), "{help}");
            let line = SAMPLE
                .lines()
                .position(|l| l.contains("title: \"Sample"))
                .unwrap_or(0)
                + 1;
            assert_eq!(d.span.start.line, line);
            assert_eq!(d.span.start.column, 12 + text.find('\\').unwrap_or(0) - 7);
        }
    }

    /// A deck of true/false statements (`answers`), then one single-choice question whose prompt
    /// is `prompt`.
    fn warned_deck(answers: &[bool], prompt: &str) -> String {
        let mut text = String::from(
            "Deck(\n    id: \"w\",\n    title: \"W\",\n    description: \"\",\n    language: \"en\",\n    authors: [],\n    version: 1,\n    questions: [\n",
        );
        for (i, correct) in answers.iter().enumerate() {
            text.push_str(&format!(
                "        Question(id: \"t{i}\", prompt: \"Statement {i}.\", answer: TrueFalse(correct: {correct})),\n"
            ));
        }
        text.push_str(&format!(
            "        Question(\n            id: \"c\",\n            prompt: \"{prompt}\",\n            answer: SingleChoice(options: [Correct(\"Yes\"), Wrong(\"No\")]),\n        ),\n    ],\n)\n"
        ));
        text
    }

    fn warnings_of(text: &str) -> Vec<(usize, usize, &'static str, String)> {
        let Ok((_, report)) = parse_deck_checked(text.as_bytes(), Path::new("w.ron")) else {
            panic!("a deck with only warnings loads");
        };
        report
            .diagnostics
            .iter()
            .map(|d| {
                assert_eq!(d.severity, Severity::Warning);
                (
                    d.span.start.line,
                    d.span.start.column,
                    d.problem.code(),
                    d.message(),
                )
            })
            .collect()
    }

    #[test]
    fn warnings_are_placed_like_errors_and_the_deck_still_loads() {
        // Statement 2's prompt again: the warning is at the second, naming the first's line.
        let text = warned_deck(&[true, false, true], "Statement 2");
        assert!(parse_deck(text.as_bytes(), Path::new("w.ron")).is_ok());
        assert_eq!(
            warnings_of(&text),
            [(
                14,
                21,
                "duplicate-prompt",
                "question 3 already asks this (line 11)".to_owned()
            )]
        );
    }

    #[test]
    fn a_lopsided_true_false_key_is_placed_at_the_first_true_false_answer() {
        let text = warned_deck(&[true; 7], "Is it?");
        assert_eq!(
            warnings_of(&text),
            [(
                9,
                60,
                "lopsided-true-false",
                "7 of this deck's 7 true/false statements are true".to_owned()
            )]
        );
        assert!(
            warnings_of(&warned_deck(
                &[true, true, true, false, false, false, true],
                "Is it?"
            ))
            .is_empty()
        );
    }

    #[test]
    fn a_deck_with_errors_reports_its_warnings_too_in_file_order() {
        let text =
            warned_deck(&[true, true], "Statement 0").replace("Wrong(\"No\")", "Wrong(\"yes\")");
        let Err(error) = parse_deck_checked(text.as_bytes(), Path::new("w.ron")) else {
            panic!("`Yes` twice is an error");
        };
        let found: Vec<(Severity, &str)> = error
            .report()
            .diagnostics
            .iter()
            .map(|d| (d.severity, d.problem.code()))
            .collect();
        assert_eq!(
            found,
            [
                (Severity::Warning, "duplicate-prompt"),
                (Severity::Error, "correct-also-wrong"),
            ]
        );
        // `parse_deck` reports the errors only, as before.
        let Err(plain) = parse_deck(text.as_bytes(), Path::new("w.ron")) else {
            panic!("still an error");
        };
        assert_eq!(plain.report().diagnostics.len(), 1);
    }

    #[test]
    fn the_sample_deck_has_no_warnings() {
        let Ok((_, report)) = parse_deck_checked(SAMPLE.as_bytes(), Path::new("s.ron")) else {
            panic!("the sample loads");
        };
        assert_eq!(report.render(), "");
    }
}
