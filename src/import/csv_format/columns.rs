//! The format's vocabulary: its columns, its kinds and its flags.

/// The CSV columns, in the order [`to_csv`](super::to_csv) writes them. Only `kind`, `prompt` and `correct` are
/// required; the others may be left out of the header.
pub const COLUMNS: &[&str] = &[
    "kind",
    "prompt",
    "correct",
    "wrong",
    "explanation",
    "source",
    "tags",
    "time_limit_secs",
    "flags",
    "id",
    "notes",
    "image",
    "image_alt",
];

/// The columns every CSV file must have.
pub(super) const REQUIRED: &[Column] = &[Column::Kind, Column::Prompt, Column::Correct];

/// A column of the format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum Column {
    Kind,
    Prompt,
    Correct,
    Wrong,
    Explanation,
    Source,
    Tags,
    TimeLimitSecs,
    Flags,
    Id,
    Notes,
    Image,
    ImageAlt,
}

impl Column {
    /// Every column, in the order of [`COLUMNS`].
    pub(super) const ALL: [Self; 13] = [
        Self::Kind,
        Self::Prompt,
        Self::Correct,
        Self::Wrong,
        Self::Explanation,
        Self::Source,
        Self::Tags,
        Self::TimeLimitSecs,
        Self::Flags,
        Self::Id,
        Self::Notes,
        Self::Image,
        Self::ImageAlt,
    ];

    /// The column's name in the header.
    pub(super) fn name(self) -> &'static str {
        match self {
            Self::Kind => "kind",
            Self::Prompt => "prompt",
            Self::Correct => "correct",
            Self::Wrong => "wrong",
            Self::Explanation => "explanation",
            Self::Source => "source",
            Self::Tags => "tags",
            Self::TimeLimitSecs => "time_limit_secs",
            Self::Flags => "flags",
            Self::Id => "id",
            Self::Notes => "notes",
            Self::Image => "image",
            Self::ImageAlt => "image_alt",
        }
    }

    /// The column a header cell names: case, surrounding space, and `-` or a space in place of
    /// `_` are ignored.
    pub(super) fn from_header(cell: &str) -> Option<Self> {
        let name = cell.trim().to_lowercase().replace([' ', '-'], "_");
        Self::ALL.into_iter().find(|c| c.name() == name)
    }
}

/// A question kind, as the `kind` column names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Flashcard,
    Single,
    Multi,
    TrueFalse,
    Numeric,
    Text,
    Order,
    Match,
    Poll,
    Words,
}

/// The kinds as a message lists them.
pub(super) const KIND_NAMES: &str =
    "flashcard, single, multi, truefalse, numeric, text, order, match, poll or words";

impl Kind {
    /// Reads a `kind` cell; case, `-`, `_` and spaces are ignored, and the deck format's names
    /// (`SingleChoice`, `MultiSelect`, `TrueFalse`) work too.
    pub(super) fn parse(cell: &str) -> Option<Self> {
        let name: String = cell
            .chars()
            .filter(|c| !matches!(c, '-' | '_' | ' '))
            .flat_map(char::to_lowercase)
            .collect();
        Some(match name.as_str() {
            "flashcard" => Self::Flashcard,
            "single" | "singlechoice" => Self::Single,
            "multi" | "multiselect" => Self::Multi,
            "truefalse" => Self::TrueFalse,
            "numeric" => Self::Numeric,
            "text" => Self::Text,
            "order" => Self::Order,
            "match" => Self::Match,
            "poll" => Self::Poll,
            "words" => Self::Words,
            _ => return None,
        })
    }

    /// The kind's name in the `kind` column.
    pub(super) fn name(self) -> &'static str {
        match self {
            Self::Flashcard => "flashcard",
            Self::Single => "single",
            Self::Multi => "multi",
            Self::TrueFalse => "truefalse",
            Self::Numeric => "numeric",
            Self::Text => "text",
            Self::Order => "order",
            Self::Match => "match",
            Self::Poll => "poll",
            Self::Words => "words",
        }
    }

    /// What goes in `correct`, for messages.
    pub(super) fn correct_hint(self) -> &'static str {
        match self {
            Self::Flashcard => "the back of the card",
            Self::Single => "the right option",
            Self::Multi => "the right options, separated by |",
            Self::TrueFalse => "true or false",
            Self::Numeric => "the number, such as 8, 8.3±0.5 or 145..155",
            Self::Text => "the accepted answers, separated by |",
            Self::Order => "the items in their right order, separated by |",
            Self::Match => "the pairs as left=right, separated by |",
            Self::Poll => "the options, separated by |",
            Self::Words => "the most characters an answer may have (1 to 40), or nothing for 40",
        }
    }
}

/// The flag that keeps a choice question's options in the order written.
pub(super) const KEEP_ORDER: &str = "keep_order";
/// The flag that makes a text question's answers match exactly.
pub(super) const EXACT: &str = "exact";
/// The flag for a poll where several options may be picked.
pub(super) const MULTIPLE: &str = "multiple";
