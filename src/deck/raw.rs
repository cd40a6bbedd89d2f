//! The deck file exactly as written, before validation.
//!
//! These types mirror the RON syntax one to one. The loader turns them into the validated model
//! ([`super::Deck`]) at once; the rest of the program sees them only where a deck is being made
//! (the editor, importers), and validates with [`super::validate_raw`] before using it.
//!
//! Every enum is a plain externally tagged enum and every struct denies unknown fields, because
//! that is what lets `ron` point at the exact spot of a mistake and name what is allowed.

#![allow(missing_docs)] // Each field is documented in docs/deck-format.md, under the same name.

use serde::{Deserialize, Serialize};

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
    #[serde(default)]
    pub content_note: Option<String>,
    #[serde(default)]
    pub sources: Vec<Source>,
    #[serde(default)]
    pub resources: Vec<Resource>,
    pub questions: Vec<Question>,
}

/// Where facts come from.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub authors: Vec<String>,
    #[serde(default)]
    pub url: Option<String>,
}

/// Further reading or help shown at the end of a session.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Resource {
    pub title: String,
    pub body: String,
    #[serde(default)]
    pub url: Option<String>,
}

/// One question.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    pub prompt: String,
    pub answer: Answer,
    #[serde(default)]
    pub explanation: Option<String>,
    #[serde(default)]
    pub source: Option<Cite>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub time_limit_secs: Option<u32>,
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
        #[serde(default)]
        keep_order: bool,
    },
    MultiSelect {
        options: Vec<Choice>,
        #[serde(default)]
        keep_order: bool,
    },
    TrueFalse {
        correct: bool,
    },
    Numeric {
        accept: Accept,
        #[serde(default)]
        unit: Option<String>,
    },
    Text {
        accepted: Vec<String>,
        #[serde(default)]
        exact: bool,
    },
    Order {
        items: Vec<String>,
    },
    Match {
        pairs: Vec<(String, String)>,
    },
}

/// One option of a choice question.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
pub enum Choice {
    Correct(String),
    Wrong(String),
}

/// Which numbers a numeric question accepts.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub enum Accept {
    Exact {
        value: f64,
        #[serde(default)]
        tolerance: f64,
    },
    Range {
        min: f64,
        max: f64,
    },
}
