//! The validated deck: what the rest of quizdesk works with.
//!
//! A value of these types only comes out of [`super::load_deck`] / [`super::parse_deck`], which
//! have checked every rule in `docs/deck-format.md`. So code elsewhere can rely on the invariants
//! written on each type (a single-choice question has exactly one correct option, ids are
//! unique, …) instead of checking them again.

use serde::Serialize;

use super::kind::AnswerKind;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// The id as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            pub(crate) fn new_unchecked(id: String) -> Self {
                Self(id)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

id_type!(
    /// A deck's stable id; scores are keyed by it.
    DeckId
);
id_type!(
    /// A question's id, unique within its deck and stable across edits.
    QuestionId
);
id_type!(
    /// A source's id, unique within its deck.
    SourceId
);

/// A validated deck.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Deck {
    pub(crate) id: DeckId,
    pub(crate) title: String,
    pub(crate) description: String,
    pub(crate) language: String,
    pub(crate) authors: Vec<String>,
    pub(crate) version: u32,
    pub(crate) content_note: Option<String>,
    pub(crate) sources: Vec<Source>,
    pub(crate) resources: Vec<Resource>,
    pub(crate) questions: Vec<Question>,
    pub(crate) sessions: Vec<Session>,
}

impl Deck {
    /// The stable id that keys scores.
    pub fn id(&self) -> &DeckId {
        &self.id
    }

    /// The title (never empty).
    pub fn title(&self) -> &str {
        &self.title
    }

    /// A description; may be empty.
    pub fn description(&self) -> &str {
        &self.description
    }

    /// The language tag, such as `en`.
    pub fn language(&self) -> &str {
        &self.language
    }

    /// Who wrote the deck.
    pub fn authors(&self) -> &[String] {
        &self.authors
    }

    /// The deck's revision, 1 or more.
    pub fn version(&self) -> u32 {
        self.version
    }

    /// A note to show before the deck starts, such as a warning about its subject.
    pub fn content_note(&self) -> Option<&str> {
        self.content_note.as_deref()
    }

    /// Where the deck's facts come from.
    pub fn sources(&self) -> &[Source] {
        &self.sources
    }

    /// The source with this id.
    pub fn source(&self, id: &SourceId) -> Option<&Source> {
        self.sources.iter().find(|s| &s.id == id)
    }

    /// Further reading or help to show at the end of a session.
    pub fn resources(&self) -> &[Resource] {
        &self.resources
    }

    /// The questions, at least one, with unique ids.
    pub fn questions(&self) -> &[Question] {
        &self.questions
    }

    /// The deck's suggested selections of questions for presenting, in the deck's order.
    pub fn sessions(&self) -> &[Session] {
        &self.sessions
    }
}

/// A named, ordered selection of a deck's questions for presenting, suggested by its author.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Session {
    /// Never empty; unique within the deck.
    pub name: String,
    /// The suggested length, in minutes (1 to [`super::MAX_SESSION_MINUTES`]).
    pub minutes: Option<u32>,
    /// What the session is for, such as who it suits.
    pub description: Option<String>,
    /// The questions, in presenting order: at least one, each a question of the deck, none
    /// twice.
    pub questions: Vec<QuestionId>,
}

/// A source a deck's facts come from.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Source {
    /// Unique within the deck.
    pub id: SourceId,
    /// Never empty.
    pub title: String,
    /// What the source is.
    pub description: Option<String>,
    /// Who wrote it.
    pub authors: Vec<String>,
    /// Where to find it.
    pub url: Option<String>,
}

/// Help or further reading, shown at the end of a session.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Resource {
    /// Never empty.
    pub title: String,
    /// Never empty.
    pub body: String,
    /// Where to find more.
    pub url: Option<String>,
}

/// A validated question.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Question {
    /// Unique within the deck.
    pub id: QuestionId,
    /// Never empty.
    pub prompt: String,
    /// A picture shown with the prompt.
    pub image: Option<Picture>,
    /// How it is answered.
    pub answer: Answer,
    /// Shown after answering.
    pub explanation: Option<String>,
    /// Where the fact comes from; the source is one of the deck's.
    pub source: Option<Citation>,
    /// Free-form tags.
    pub tags: Vec<String>,
    /// Seconds allowed to answer, 1 to 3600.
    pub time_limit_secs: Option<u32>,
    /// Speaker notes for whoever presents the question to a room; never shown to learners.
    pub notes: Option<String>,
}

/// A pointer into one of the deck's sources.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Citation {
    /// One of the deck's sources.
    pub source: SourceId,
    /// Where in the source, such as "paragraph 12"; never empty.
    pub locator: String,
}

/// One option of a choice question.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Choice {
    /// The text shown; never empty, and unique within its question.
    pub text: String,
    /// Whether choosing it is right.
    pub correct: bool,
    /// A picture shown with the option.
    pub image: Option<Picture>,
}

/// A picture in a question or an option.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Picture {
    /// The file, relative to the deck's file, with `/` between folders: never absolute, never
    /// leading out of the deck's folder (no `..`), and a PNG, JPEG, WebP or SVG by its extension.
    pub file: String,
    /// What the picture shows, for people who cannot see it; never empty.
    pub alt: String,
}

/// Which numbers a numeric question accepts.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(tag = "kind")]
pub enum NumericAccept {
    /// `value` ± `tolerance` (finite, tolerance ≥ 0).
    Exact {
        /// The right answer.
        value: f64,
        /// How far from `value` an answer may be.
        tolerance: f64,
    },
    /// Anything from `min` to `max`, both included (finite, `min` ≤ `max`).
    Range {
        /// The smallest accepted answer.
        min: f64,
        /// The largest accepted answer.
        max: f64,
    },
}

/// A validated answer.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind")]
pub enum Answer {
    /// A card with a back side; the learner grades themselves.
    Flashcard {
        /// Never empty.
        back: String,
    },
    /// Exactly one correct option, at least one wrong one, all texts distinct.
    SingleChoice {
        /// In the order written.
        options: Vec<Choice>,
        /// Show the options in the order written instead of shuffled.
        keep_order: bool,
    },
    /// At least one correct and one wrong option, all texts distinct.
    MultiSelect {
        /// In the order written.
        options: Vec<Choice>,
        /// Show the options in the order written instead of shuffled.
        keep_order: bool,
    },
    /// The prompt is a statement that is true or false.
    TrueFalse {
        /// Whether the statement is true.
        correct: bool,
    },
    /// A typed number.
    Numeric {
        /// The accepted numbers.
        accept: NumericAccept,
        /// Shown after the input, such as "times".
        unit: Option<String>,
    },
    /// A typed answer.
    Text {
        /// At least one; the first is the one shown as the answer.
        accepted: Vec<String>,
        /// Match exactly instead of ignoring case, accents, punctuation and spacing.
        exact: bool,
    },
    /// Items to put in order; written (and stored) in the correct order, at least two, distinct.
    Order {
        /// The items in their correct order.
        items: Vec<String>,
    },
    /// Pairs to match; at least two, left and right items each distinct.
    Match {
        /// The correct pairs.
        pairs: Vec<MatchPair>,
    },
    /// Options with no right answer (2 to 16, distinct), shown in the order written: in a room
    /// the result is the point; alone, the learner's answer is kept and not scored.
    Poll {
        /// In the order written.
        options: Vec<String>,
        /// Whether several may be picked.
        multiple: bool,
    },
    /// A few words of free text with no right answer: a word cloud in a room; alone, kept and
    /// not scored.
    Words {
        /// The most characters an answer may have (1 to 40).
        max_chars: u32,
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

    /// The kind's name as written in a deck file, such as `SingleChoice`.
    pub fn kind_name(&self) -> &'static str {
        self.kind().name()
    }

    /// Whether an answer can be right or wrong. A poll's or a words question's answer is
    /// kept, never scored.
    pub fn is_scored(&self) -> bool {
        !matches!(self, Self::Poll { .. } | Self::Words { .. })
    }
}

/// A correct pairing in a match question.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MatchPair {
    /// The left item.
    pub left: String,
    /// The right item it belongs with.
    pub right: String,
}
