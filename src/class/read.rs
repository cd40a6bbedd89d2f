//! Reading one results file: bytes in, sessions out, or a plain-words reason with the line and
//! column. Never panics, whatever the bytes.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::file::{RESULTS_FORMAT, RESULTS_FORMAT_VERSION, ResultsFile};
use crate::store::SessionRecord;

/// The largest results file read, in bytes: far above a year of daily quizzes (a few MB), and
/// small enough that a wrong file dropped by mistake (a video, say) is refused before it is read.
pub const MAX_RESULTS_BYTES: u64 = 64 * 1024 * 1024;

/// The extension of results files, looked for in folders.
pub const RESULTS_EXTENSION: &str = "json";

/// What a student runs to make a results file; error messages point to it.
const HOW_TO_EXPORT: &str =
    "export it with `quizdesk history --format json` or the Export my results button";

/// What to do about a damaged or empty file.
const EXPORT_AGAIN: &str = "ask the student to export their results again (`quizdesk history --format json` or the Export my results button)";

/// The random id of the data folder a results file came from.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct InstallId(String);

impl InstallId {
    /// The id; `None` when it is empty (a file edited by hand), so such files fall back to
    /// matching sessions by their content.
    pub fn new(id: &str) -> Option<Self> {
        let id = id.trim();
        (!id.is_empty()).then(|| Self(id.to_owned()))
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A line and column in a file, both counted from 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct TextPosition {
    /// The line, from 1.
    pub line: usize,
    /// The column (in characters of the line as serde_json counts them), from 1.
    pub column: usize,
}

impl std::fmt::Display for TextPosition {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// Why a results file was skipped. The message says what is wrong in plain words and what to
/// do; [`ReadError::located`] puts the file and position in front, as a compiler does.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ReadError {
    /// The file could not be read from disk.
    #[error("cannot read this file ({reason}); check that it is there and that you may open it")]
    Unreadable {
        /// What the system said.
        reason: String,
    },
    /// The file is larger than [`MAX_RESULTS_BYTES`].
    #[error(
        "this file is {size}, too large to be a results file (the limit is {MAX_RESULTS_BYTES}); was the wrong file chosen?"
    )]
    TooLarge {
        /// Its size, or how much came before reading stopped (a device never ends).
        size: crate::userfile::ByteSize,
    },
    /// The path is a folder, a named pipe or a socket, read as a file.
    #[error("this is {kind}, not a results file; give the .json file a student exported")]
    NotAFile {
        /// What the path is.
        kind: crate::userfile::Kind,
    },
    /// The file holds nothing (or only spaces).
    #[error("this file is empty; {EXPORT_AGAIN}")]
    Empty,
    /// The bytes are not JSON: damaged, cut short, or another kind of file.
    #[error(
        "this is not valid JSON here ({detail}); the file may be damaged or cut short: {EXPORT_AGAIN}"
    )]
    NotJson {
        /// Where the JSON breaks.
        at: TextPosition,
        /// serde_json's description, without its position.
        detail: String,
    },
    /// Valid JSON, but not results: another program's file, or a results file edited by hand.
    #[error("this is not a quizdesk results file ({detail}): {HOW_TO_EXPORT}")]
    NotResults {
        /// Where the problem is, when it is in one place.
        at: Option<TextPosition>,
        /// What was found instead.
        detail: String,
    },
    /// A results file from a newer quizdesk, whose format this one does not know.
    #[error(
        "this results file was written by a newer quizdesk (results format {found}; this quizdesk reads format {RESULTS_FORMAT_VERSION} and older): update quizdesk to read it"
    )]
    NewerFormat {
        /// The file's `format_version`.
        found: u64,
    },
}

impl ReadError {
    /// Where in the file the problem is, when it is in one place.
    pub fn position(&self) -> Option<TextPosition> {
        match self {
            Self::NotJson { at, .. } => Some(*at),
            Self::NotResults { at, .. } => *at,
            _ => None,
        }
    }

    /// The message with the file and position in front: `file:line:column: message`.
    pub fn located(&self, file: &str) -> String {
        match self.position() {
            Some(at) => format!("{file}:{at}: {self}"),
            None => format!("{file}: {self}"),
        }
    }
}

/// One results file, read and checked.
#[derive(Clone, Debug, PartialEq)]
pub struct ResultsRead {
    /// How the file is named in messages: its path, or the name it was dropped with.
    pub label: String,
    /// The data folder it came from; `None` for the bare list of sessions older quizdesk
    /// printed (such sessions are matched across files by their content instead).
    pub install_id: Option<InstallId>,
    /// When it was exported, in Unix milliseconds; `None` for the older bare list.
    pub exported_ms: Option<i64>,
    /// The sessions, with the answers that could not count taken out (see `warnings`).
    pub sessions: Vec<SessionRecord>,
    /// What was read but left out, in plain words (answers with an impossible score, say).
    pub warnings: Vec<String>,
}

/// The first part of a results file, read before the rest so a newer format is recognised
/// before its sessions fail to parse.
#[derive(Deserialize)]
struct Header {
    format: Option<serde_json::Value>,
    format_version: Option<serde_json::Value>,
}

/// Reads a results file from bytes; `label` names it in messages (a path, or the name of a
/// dropped file).
///
/// Accepts a [`ResultsFile`] of this format version or older, and the bare JSON array of
/// sessions that quizdesk printed before results files existed (with no install id). Never
/// panics.
pub fn parse_results(bytes: &[u8], label: &str) -> Result<ResultsRead, ReadError> {
    if bytes.len() as u64 > MAX_RESULTS_BYTES {
        return Err(ReadError::TooLarge {
            size: crate::userfile::ByteSize::Exactly(bytes.len() as u64),
        });
    }
    // Windows editors may put a byte order mark in front; serde_json does not skip it.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let Some(first) = bytes.iter().find(|b| !b.is_ascii_whitespace()) else {
        return Err(ReadError::Empty);
    };
    let (install_id, exported_ms, sessions) = match first {
        b'[' => {
            let sessions: Vec<SessionRecord> = serde_json::from_slice(bytes).map_err(json_error)?;
            (None, None, sessions)
        }
        b'{' => {
            let header: Header = serde_json::from_slice(bytes).map_err(json_error)?;
            check_header(&header)?;
            let file: ResultsFile = serde_json::from_slice(bytes).map_err(json_error)?;
            (
                InstallId::new(&file.install_id),
                Some(file.exported_ms),
                file.sessions,
            )
        }
        _ => {
            // Not an object or a list: say whether it is JSON at all.
            let value: serde_json::Value = serde_json::from_slice(bytes).map_err(json_error)?;
            return Err(ReadError::NotResults {
                at: Some(TextPosition { line: 1, column: 1 }),
                detail: format!("it holds {}, not a list of sessions", json_kind(&value)),
            });
        }
    };
    let (sessions, warnings) = keep_countable(sessions);
    Ok(ResultsRead {
        label: label.to_owned(),
        install_id,
        exported_ms,
        sessions,
        warnings,
    })
}

/// Reads the results file at `path` (refusing one larger than [`MAX_RESULTS_BYTES`], a pipe
/// or a folder, never reading past the limit); its label is the path as given.
pub fn read_results_file(path: &Path) -> Result<ResultsRead, ReadError> {
    use crate::userfile::{self, ReadError as Read};
    let bytes = userfile::read_limited(path, MAX_RESULTS_BYTES).map_err(|e| match e {
        Read::Io(e) => ReadError::Unreadable {
            reason: e.to_string(),
        },
        Read::NotAFile { kind } => ReadError::NotAFile { kind },
        Read::TooLarge { size, .. } => ReadError::TooLarge { size },
    })?;
    parse_results(&bytes, &path.display().to_string())
}

/// The results files a path names: itself if it is a file, or every `*.json` entry directly
/// inside it if it is a folder (sorted, each file once; hidden names left out; an entry that is
/// not a regular file is listed, so reading it says what it is). Subfolders are not searched,
/// so a folder of exports does not pick up unrelated JSON further down.
pub fn find_results_files(path: &Path) -> Result<Vec<PathBuf>, std::io::Error> {
    let mut listing = crate::userfile::list_files(path, RESULTS_EXTENSION, false);
    match listing.unreadable.pop() {
        Some((_, e)) => Err(e),
        None => Ok(listing.files),
    }
}

fn check_header(header: &Header) -> Result<(), ReadError> {
    let at = Some(TextPosition { line: 1, column: 1 });
    match &header.format {
        Some(serde_json::Value::String(format)) if format == RESULTS_FORMAT => {}
        Some(other) => {
            return Err(ReadError::NotResults {
                at,
                detail: format!("its `format` is {other}, not \"{RESULTS_FORMAT}\""),
            });
        }
        None => {
            return Err(ReadError::NotResults {
                at,
                detail: format!("it has no `format: \"{RESULTS_FORMAT}\"` field"),
            });
        }
    }
    match &header.format_version {
        Some(version) => match version.as_u64() {
            Some(found) if found > u64::from(RESULTS_FORMAT_VERSION) => {
                Err(ReadError::NewerFormat { found })
            }
            Some(_) => Ok(()),
            None => Err(ReadError::NotResults {
                at,
                detail: format!("its `format_version` is {version}, not a whole number"),
            }),
        },
        None => Err(ReadError::NotResults {
            at,
            detail: "it has no `format_version` field".to_owned(),
        }),
    }
}

/// Turns serde_json's error into plain words with the position apart.
#[allow(clippy::needless_pass_by_value)] // Called as `map_err(json_error)`.
fn json_error(error: serde_json::Error) -> ReadError {
    let at = TextPosition {
        line: error.line().max(1),
        column: error.column().max(1),
    };
    let message = error.to_string();
    // serde_json ends its message with " at line L column C"; the position is shown apart.
    let detail = message
        .rsplit_once(" at line ")
        .map_or(message.as_str(), |(detail, _)| detail)
        .to_owned();
    match error.classify() {
        serde_json::error::Category::Data => ReadError::NotResults {
            at: Some(at),
            detail,
        },
        serde_json::error::Category::Eof => ReadError::NotJson {
            at,
            detail: "it ends in the middle".to_owned(),
        },
        serde_json::error::Category::Syntax | serde_json::error::Category::Io => {
            ReadError::NotJson { at, detail }
        }
    }
}

fn json_kind(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "true or false",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a piece of text",
        serde_json::Value::Array(_) => "a list",
        serde_json::Value::Object(_) => "an object",
    }
}

/// Takes out answers that cannot be counted (a score outside 0 to 1, or no question id: a
/// file edited by hand), and says how many.
fn keep_countable(mut sessions: Vec<SessionRecord>) -> (Vec<SessionRecord>, Vec<String>) {
    let mut bad_score = 0usize;
    let mut no_question = 0usize;
    for session in &mut sessions {
        session.attempts.retain(|a| {
            let score_ok = a.score.is_finite() && (0.0..=1.0).contains(&a.score);
            let id_ok = !a.question_id.trim().is_empty();
            bad_score += usize::from(!score_ok);
            no_question += usize::from(score_ok && !id_ok);
            score_ok && id_ok
        });
    }
    let mut warnings = Vec::new();
    if bad_score > 0 {
        warnings.push(format!(
            "{bad_score} answer(s) with a score outside 0 to 1 were left out (was the file edited by hand?)"
        ));
    }
    if no_question > 0 {
        warnings.push(format!(
            "{no_question} answer(s) with no question id were left out (was the file edited by hand?)"
        ));
    }
    (sessions, warnings)
}
