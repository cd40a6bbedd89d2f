//! How serious a problem with a deck is: a leaf, so that the problems (which know their own
//! severity) and the diagnostics (which carry it) do not need each other for it.

use serde::Serialize;

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The deck cannot be used until this is fixed.
    Error,
    /// The deck loads and works, but a question is easier to guess than it should be.
    Warning,
}

impl Severity {
    /// The word printed before the message (`error` or `warning`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
        }
    }
}
