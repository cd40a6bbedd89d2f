//! The results file a student exports and a teacher imports: one profile's (or one computer's)
//! sessions with every answer, the deck ids and versions they were given on, and the id of the
//! data folder they came from.

use serde::{Deserialize, Serialize};

use crate::store::SessionRecord;

/// The value of [`ResultsFile::format`].
pub const RESULTS_FORMAT: &str = "quizdesk-results";

/// The version of the results file format this build writes and reads.
pub const RESULTS_FORMAT_VERSION: u32 = 1;

/// Exported results: what `quizdesk history --format json` prints and "Export my results"
/// writes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResultsFile {
    /// Always [`RESULTS_FORMAT`], so another JSON file is recognised as not being results.
    pub format: String,
    /// [`RESULTS_FORMAT_VERSION`] when written.
    pub format_version: u32,
    /// When the file was written, in Unix milliseconds.
    pub exported_ms: i64,
    /// The same, as an ISO 8601 UTC time, for people reading the file.
    pub exported_utc: String,
    /// The random id of the data folder the sessions come from: with a session's id, it names
    /// the session across exports, so importing a file twice counts it once.
    pub install_id: String,
    /// The sessions, oldest first, each with its profile name, deck id and version, and answers.
    pub sessions: Vec<SessionRecord>,
}

impl ResultsFile {
    /// Wraps a store's history for export.
    pub fn new(install_id: String, exported_ms: i64, sessions: Vec<SessionRecord>) -> Self {
        Self {
            format: RESULTS_FORMAT.to_owned(),
            format_version: RESULTS_FORMAT_VERSION,
            exported_ms,
            exported_utc: crate::time::utc_iso8601(exported_ms),
            install_id,
            sessions,
        }
    }
}
