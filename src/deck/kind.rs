//! The kinds of answer a question can have, named once: as written in a deck file, and as the
//! editor's menu says them.

/// A kind of answer, one per variant of [`super::raw::Answer`] and of the validated
/// [`super::Answer`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AnswerKind {
    /// A card to turn over, graded by the learner.
    Flashcard,
    /// One right option among several.
    SingleChoice,
    /// Every right option among several.
    MultiSelect,
    /// A statement, true or false.
    TrueFalse,
    /// A number, exact or in a range, with an optional unit.
    Numeric,
    /// A typed answer, checked against the accepted ones.
    Text,
    /// Items to put in order.
    Order,
    /// Pairs to match.
    Match,
    /// Options with no right answer: what the room (or the learner) thinks.
    Poll,
    /// A few words of free text, with no right answer.
    Words,
}

impl AnswerKind {
    /// Every kind, in the order the deck format lists them.
    pub const ALL: [Self; 10] = [
        Self::Flashcard,
        Self::SingleChoice,
        Self::MultiSelect,
        Self::TrueFalse,
        Self::Numeric,
        Self::Text,
        Self::Order,
        Self::Match,
        Self::Poll,
        Self::Words,
    ];

    /// The kind's name as written in a deck file, such as `SingleChoice`.
    pub const fn name(self) -> &'static str {
        match self {
            Self::Flashcard => "Flashcard",
            Self::SingleChoice => "SingleChoice",
            Self::MultiSelect => "MultiSelect",
            Self::TrueFalse => "TrueFalse",
            Self::Numeric => "Numeric",
            Self::Text => "Text",
            Self::Order => "Order",
            Self::Match => "Match",
            Self::Poll => "Poll",
            Self::Words => "Words",
        }
    }

    /// What the editor's menu calls the kind, such as "Single choice".
    pub fn label(self) -> &'static str {
        match self {
            Self::Flashcard => "Flashcard (self-graded)",
            Self::SingleChoice => "Single choice",
            Self::MultiSelect => "Select all that apply",
            Self::TrueFalse => "True or false",
            Self::Numeric => "Number",
            Self::Text => "Typed answer",
            Self::Order => "Put in order",
            Self::Match => "Match pairs",
            Self::Poll => "Poll (no right answer)",
            Self::Words => "A few words (no right answer)",
        }
    }
}

/// Every answer kind's name as written in a deck file, in the order the format lists them.
pub const ANSWER_KINDS: [&str; 10] = {
    let mut names = [""; 10];
    let mut i = 0;
    while i < AnswerKind::ALL.len() {
        names[i] = AnswerKind::ALL[i].name();
        i += 1;
    }
    names
};
