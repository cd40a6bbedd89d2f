//! What kind of session a row is (a quiz or flashcard study), and how SQLite stores it.

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use serde::{Deserialize, Serialize};

/// What kind of session: a scored quiz, or flashcard study with spaced repetition.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Questions answered and scored.
    Quiz,
    /// Flashcards rated Again/Hard/Good/Easy and scheduled.
    Study,
}

impl Mode {
    fn as_sql(self) -> &'static str {
        match self {
            Self::Quiz => "quiz",
            Self::Study => "study",
        }
    }
}

impl ToSql for Mode {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.as_sql()))
    }
}

impl FromSql for Mode {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        match value.as_str()? {
            "quiz" => Ok(Self::Quiz),
            "study" => Ok(Self::Study),
            other => Err(FromSqlError::Other(
                format!("unknown session mode {other:?}").into(),
            )),
        }
    }
}
