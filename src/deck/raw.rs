//! The deck file exactly as written, before validation.
//!
//! These types mirror the RON syntax one to one. The loader turns them into the validated model
//! ([`super::Deck`]) at once; the rest of the program sees them only where a deck is being made
//! (the editor, importers), and validates with [`super::validate_raw`] before using it.
//!
//! Every enum is a plain externally tagged enum and every struct denies unknown fields, because
//! that is what lets `ron` point at the exact spot of a mistake and name what is allowed.

#![allow(missing_docs)] // Each field is documented in docs/deck-format.md, under the same name.

use serde::{Deserialize, Serialize, Serializer};

use super::kind::AnswerKind;

/// A whole deck file.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Deck {
    pub id: String,
    pub title: String,
    pub description: String,
    pub language: String,
    pub authors: Vec<String>,
    pub version: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_note: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resources: Vec<Resource>,
    pub questions: Vec<Question>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sessions: Vec<Session>,
}

/// A named, ordered selection of the deck's questions for presenting, such as "15-minute
/// session".
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Session {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub questions: Vec<String>,
}

/// Where facts come from.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// Further reading or help shown at the end of a session.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Resource {
    pub title: String,
    pub body: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// One question.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    pub prompt: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<Image>,
    pub answer: Answer,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explanation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Cite>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_limit_secs: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// A citation of one of the deck's sources.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Cite {
    pub source: String,
    pub locator: String,
}

/// How a question is answered.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub enum Answer {
    Flashcard {
        back: String,
    },
    SingleChoice {
        options: Vec<Choice>,
        #[serde(default, skip_serializing_if = "is_false")]
        keep_order: bool,
    },
    MultiSelect {
        options: Vec<Choice>,
        #[serde(default, skip_serializing_if = "is_false")]
        keep_order: bool,
    },
    TrueFalse {
        correct: bool,
    },
    Numeric {
        accept: Accept,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        unit: Option<String>,
    },
    Text {
        accepted: Vec<String>,
        #[serde(default, skip_serializing_if = "is_false")]
        exact: bool,
    },
    Order {
        items: Vec<String>,
    },
    Match {
        pairs: Vec<(String, String)>,
    },
    Poll {
        options: Vec<String>,
        #[serde(default, skip_serializing_if = "is_false")]
        multiple: bool,
    },
    Words {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max_chars: Option<u32>,
    },
}

/// A picture: a file beside the deck, and the words that say what it shows.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Image {
    pub file: String,
    // Required, but defaulted here so that a missing one gets the checker's own message (what
    // alt text is for) rather than serde's "missing field".
    #[serde(default)]
    pub alt: String,
}

/// One option of a choice question: `Correct("…")`, `Wrong("…")`, or with a picture
/// `Picture(text: "…", correct: true, image: (file: "…", alt: "…"))`.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
pub enum Choice {
    Correct(String),
    Wrong(String),
    Picture {
        text: String,
        correct: bool,
        image: Image,
    },
}

impl Choice {
    /// An option, written the short way when it has no picture.
    pub fn new(text: String, correct: bool, image: Option<Image>) -> Self {
        match (image, correct) {
            (Some(image), _) => Self::Picture {
                text,
                correct,
                image,
            },
            (None, true) => Self::Correct(text),
            (None, false) => Self::Wrong(text),
        }
    }

    /// The option's text.
    pub fn text(&self) -> &str {
        match self {
            Self::Correct(text) | Self::Wrong(text) | Self::Picture { text, .. } => text,
        }
    }

    /// Whether choosing it is right.
    pub fn is_correct(&self) -> bool {
        match self {
            Self::Correct(_) => true,
            Self::Wrong(_) => false,
            Self::Picture { correct, .. } => *correct,
        }
    }

    /// Its picture, if it has one.
    pub fn image(&self) -> Option<&Image> {
        match self {
            Self::Picture { image, .. } => Some(image),
            Self::Correct(_) | Self::Wrong(_) => None,
        }
    }

    /// Its picture, to edit, if it has one.
    pub fn image_mut(&mut self) -> Option<&mut Image> {
        match self {
            Self::Picture { image, .. } => Some(image),
            Self::Correct(_) | Self::Wrong(_) => None,
        }
    }
}

/// Which numbers a numeric question accepts.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub enum Accept {
    Exact {
        #[serde(serialize_with = "whole_as_integer")]
        value: f64,
        #[serde(
            default,
            skip_serializing_if = "is_zero",
            serialize_with = "whole_as_integer"
        )]
        tolerance: f64,
    },
    Range {
        #[serde(serialize_with = "whole_as_integer")]
        min: f64,
        #[serde(serialize_with = "whole_as_integer")]
        max: f64,
    },
}

impl Answer {
    /// The kind of answer.
    pub fn kind(&self) -> AnswerKind {
        match self {
            Self::Flashcard { .. } => AnswerKind::Flashcard,
            Self::SingleChoice { .. } => AnswerKind::SingleChoice,
            Self::MultiSelect { .. } => AnswerKind::MultiSelect,
            Self::TrueFalse { .. } => AnswerKind::TrueFalse,
            Self::Numeric { .. } => AnswerKind::Numeric,
            Self::Text { .. } => AnswerKind::Text,
            Self::Order { .. } => AnswerKind::Order,
            Self::Match { .. } => AnswerKind::Match,
            Self::Poll { .. } => AnswerKind::Poll,
            Self::Words { .. } => AnswerKind::Words,
        }
    }

    /// The kind's name as written in a deck file, such as `SingleChoice` (see
    /// [`super::ANSWER_KINDS`]).
    pub fn kind_name(&self) -> &'static str {
        self.kind().name()
    }
}

/// For `#[serde(skip_serializing_if)]`: a `false` flag is the default, left out.
fn is_false(flag: &bool) -> bool {
    !*flag
}

/// For `#[serde(skip_serializing_if)]`: a zero tolerance is the default, left out.
/// (`-0.0` is written, so the number read back is the very same.)
fn is_zero(number: &f64) -> bool {
    *number == 0.0 && number.is_sign_positive()
}

/// For `#[serde(serialize_with)]`: writes a whole number as an integer (`900`, not
/// `900.0`), as teachers write them; other numbers as the shortest decimal that reads back the
/// same.
fn whole_as_integer<S: Serializer>(number: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    // Every whole f64 up to 2^53 is exactly an i64 and back; past that, f64 `Debug` form
    // (`1e300`) is shorter anyway.
    const EXACT_INTEGERS: f64 = 9_007_199_254_740_992.0;
    // `-0.0` stays a float: as an integer it would read back as `0.0`.
    let negative_zero = *number == 0.0 && number.is_sign_negative();
    if number.fract() == 0.0 && number.abs() <= EXACT_INTEGERS && !negative_zero {
        #[allow(clippy::cast_possible_truncation)] // Whole and within ±2^53: exact.
        let whole = *number as i64;
        serializer.serialize_i64(whole)
    } else {
        serializer.serialize_f64(*number)
    }
}
