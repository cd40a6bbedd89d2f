//! Every way a deck file can be wrong, each with its message and advice.

use thiserror::Error;

use super::closest::closest;
use super::limits::{
    MAX_DECK_BYTES, MAX_ID_LEN, MAX_IMAGE_BYTES, MAX_IMAGE_SIDE_PX, MAX_POLL_OPTIONS,
    MAX_SESSION_MINUTES, MAX_TIME_LIMIT_SECS, MAX_WORDS_CHARS,
};
use super::severity::Severity;
use crate::userfile::{ByteSize, Kind};

/// One thing wrong with a deck file.
///
/// The `Display` text is the message a teacher reads after `file:line:col: error:`; [`Problem::help`]
/// says what to do about it.
#[derive(Clone, Debug, PartialEq, Error)]
pub enum Problem {
    /// The file could not be read at all.
    #[error("cannot read this file: {reason}")]
    Unreadable {
        /// What the operating system said.
        reason: String,
    },
    /// The file is larger than [`MAX_DECK_BYTES`].
    #[error("this file is {size}; a deck may be at most {MAX_DECK_BYTES} bytes")]
    TooLarge {
        /// The file's size, or how much came before reading stopped (a device never ends).
        size: ByteSize,
    },
    /// The path is a folder, a named pipe or a socket: nothing a deck can be read from.
    #[error("this is {kind}, not a deck file")]
    NotAFile {
        /// What the path is.
        kind: Kind,
    },
    /// The bytes are not UTF-8 text.
    #[error("this file is not valid UTF-8 text (invalid byte 0x{byte:02X})")]
    InvalidUtf8 {
        /// The first byte that cannot be decoded.
        byte: u8,
    },
    /// The file has nothing in it but white space and comments.
    #[error("this file is empty")]
    Empty,
    /// The RON text does not fit the deck format; the message is already in plain English.
    #[error("{message}")]
    Syntax {
        /// What is wrong.
        message: String,
        /// What to do, such as "did you mean …".
        help: Option<String>,
    },
    /// A text starts or ends with a quote other than the straight `"` (a word processor's `“…”`,
    /// or `'…'`), where RON needs `"`.
    #[error("{}", quotes_message(*open, *close))]
    WrongQuotes {
        /// The quote that starts the text.
        open: char,
        /// The quote that ends it, when one was found on its line.
        close: Option<char>,
        /// How many texts in the file have such quotes and can be fixed at once.
        fixable: usize,
    },
    /// A picture with no alt text.
    #[error("this picture has no alt text")]
    PictureWithoutAlt,
    /// A picture's path that is not a path below the deck's folder.
    #[error("the picture path `{file}` {reason}")]
    PicturePath {
        /// The path as written.
        file: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// A picture in a format quizdesk cannot show.
    #[error("`{file}` is not a PNG, JPEG, WebP or SVG picture")]
    PictureFormat {
        /// The path as written.
        file: String,
    },
    /// A picture's file is not there.
    #[error("the picture `{file}` is not in {folder}")]
    PictureMissing {
        /// The path as written.
        file: String,
        /// The deck's folder.
        folder: String,
    },
    /// A picture's file is larger than [`MAX_IMAGE_BYTES`].
    #[error("the picture `{file}` is {size}; a picture may be at most {MAX_IMAGE_BYTES} bytes")]
    PictureTooLarge {
        /// The path as written.
        file: String,
        /// Its size.
        size: ByteSize,
    },
    /// A picture wider or taller than [`MAX_IMAGE_SIDE_PX`].
    #[error(
        "the picture `{file}` is {side_px} pixels across; a picture may be at most {MAX_IMAGE_SIDE_PX}"
    )]
    PictureTooManyPixels {
        /// The path as written.
        file: String,
        /// Its longer side.
        side_px: u32,
    },
    /// A picture's file that cannot be read as a picture of its format.
    #[error("cannot read the picture `{file}`: {reason}")]
    PictureUnreadable {
        /// The path as written.
        file: String,
        /// What went wrong.
        reason: String,
    },
    /// An id that does not follow the rules for ids.
    #[error("`{id}` is not a valid {what} id")]
    InvalidId {
        /// "deck", "question" or "source".
        what: &'static str,
        /// The id as written.
        id: String,
    },
    /// A required text is empty.
    #[error("the {field} is empty")]
    EmptyText {
        /// Which text, such as "prompt" or "deck title".
        field: &'static str,
    },
    /// The deck has no questions.
    #[error("this deck has no questions")]
    NoQuestions,
    /// The version is 0.
    #[error("the deck version must be 1 or more")]
    ZeroVersion,
    /// The language tag is not a language tag.
    #[error("`{tag}` is not a language tag")]
    InvalidLanguage {
        /// The tag as written.
        tag: String,
    },
    /// Two questions share an id.
    #[error("question id `{id}` is used twice (first on line {first_line})")]
    DuplicateQuestionId {
        /// The shared id.
        id: String,
        /// The line of the first question with that id.
        first_line: usize,
    },
    /// Two sources share an id.
    #[error("source id `{id}` is used twice (first on line {first_line})")]
    DuplicateSourceId {
        /// The shared id.
        id: String,
        /// The line of the first source with that id.
        first_line: usize,
    },
    /// A citation names a source the deck does not list.
    #[error("this cites source `{id}`, which the deck's `sources` does not list")]
    UnknownSource {
        /// The cited id.
        id: String,
        /// The ids the deck does list.
        known: Vec<String>,
    },
    /// A single-choice question without a correct option.
    #[error("this single-choice question has no `Correct` option")]
    NoCorrectOption,
    /// A single-choice question with more than one correct option.
    #[error("this single-choice question has {count} `Correct` options; it needs exactly one")]
    SeveralCorrectOptions {
        /// How many there are.
        count: usize,
    },
    /// A multi-select question without any correct option.
    #[error("this multi-select question has no `Correct` option")]
    NoCorrectSelection,
    /// A choice question whose options are all correct.
    #[error("this {kind} question has no `Wrong` option")]
    NoWrongOption {
        /// "single-choice" or "multi-select".
        kind: &'static str,
    },
    /// The same text is both a correct and a wrong option.
    #[error("`{text}` is both a `Correct` and a `Wrong` option")]
    CorrectAlsoWrong {
        /// The option's text.
        text: String,
    },
    /// The same option appears twice.
    #[error("the option `{text}` appears twice")]
    DuplicateOption {
        /// The option's text.
        text: String,
    },
    /// A numeric range whose minimum is above its maximum.
    #[error("this range's min ({min}) is greater than its max ({max})")]
    RangeMinAboveMax {
        /// The minimum as written.
        min: f64,
        /// The maximum as written.
        max: f64,
    },
    /// A tolerance below zero.
    #[error("the tolerance ({tolerance}) is negative")]
    NegativeTolerance {
        /// The tolerance as written.
        tolerance: f64,
    },
    /// A number that is infinite or not a number.
    #[error("this number is not finite")]
    NotFinite,
    /// A typed-answer question with no accepted answer.
    #[error("this text question has no accepted answer")]
    NoAcceptedAnswer,
    /// The same accepted answer twice (after the normalization used to grade).
    #[error("the accepted answer `{text}` is the same as `{same_as}`")]
    DuplicateAccepted {
        /// The repeated answer.
        text: String,
        /// The earlier answer it matches.
        same_as: String,
        /// Whether the question matches exactly (then only surrounding space is ignored).
        exact: bool,
    },
    /// Two deck files with the same deck id; their scores would be mixed up.
    #[error("deck id `{id}` is also used by {other_file}")]
    DuplicateDeckId {
        /// The shared id.
        id: String,
        /// The other file, as given.
        other_file: String,
    },
    /// An accepted answer with nothing left once punctuation is ignored.
    #[error("the accepted answer `{text}` has no letters or digits")]
    AcceptedOnlyPunctuation {
        /// The answer as written.
        text: String,
    },
    /// A link that is not a web address.
    #[error("`{url}` is not a web address")]
    InvalidUrl {
        /// The link as written.
        url: String,
    },
    /// A poll with fewer than two options, or more than a phone shows.
    #[error("a poll needs 2 to {MAX_POLL_OPTIONS} options; this one has {count}")]
    PollOptionCount {
        /// How many there are.
        count: usize,
    },
    /// A words question whose length limit is not from 1 to the most a phone may send.
    #[error("`max_chars` must be from 1 to {MAX_WORDS_CHARS}, not {max_chars}")]
    WordsLimitOutOfRange {
        /// The limit as written.
        max_chars: u32,
    },
    /// An order question with fewer than two items.
    #[error("an order question needs at least 2 items; this one has {count}")]
    TooFewOrderItems {
        /// How many there are.
        count: usize,
    },
    /// The same order item twice.
    #[error("the item `{text}` appears twice in this order")]
    DuplicateOrderItem {
        /// The repeated item.
        text: String,
    },
    /// A match question with fewer than two pairs.
    #[error("a match question needs at least 2 pairs; this one has {count}")]
    TooFewPairs {
        /// How many there are.
        count: usize,
    },
    /// The same left item in two pairs.
    #[error("the left item `{text}` is used in two pairs")]
    DuplicateMatchKey {
        /// The repeated left item.
        text: String,
    },
    /// The same right item in two pairs.
    #[error("the right item `{text}` is used in two pairs")]
    DuplicateMatchValue {
        /// The repeated right item.
        text: String,
    },
    /// A time limit of zero or more than an hour.
    #[error("a time limit of {secs} seconds is out of range")]
    TimeLimitOutOfRange {
        /// The limit as written.
        secs: u32,
    },
    /// A session names a question the deck does not have.
    #[error("this session names the question `{id}`, which the deck does not have")]
    UnknownSessionQuestion {
        /// The id as written.
        id: String,
        /// The deck's question ids.
        known: Vec<String>,
    },
    /// A session names the same question twice.
    #[error("this session already has the question `{id}`")]
    RepeatedSessionQuestion {
        /// The repeated id.
        id: String,
    },
    /// A session with no questions.
    #[error("this session has no questions")]
    EmptySession,
    /// Two sessions share a name.
    #[error("another session is already named \"{name}\" (line {first_line})")]
    DuplicateSessionName {
        /// The shared name.
        name: String,
        /// The line of the first session with that name.
        first_line: usize,
    },
    /// A session's suggested length is 0 or too long.
    #[error("a session of {minutes} minutes is out of range")]
    SessionMinutesOutOfRange {
        /// The length as written.
        minutes: u32,
    },
    /// Warning: the right option is much longer than every wrong one, a give-away.
    #[error(
        "the right option{} much longer than every wrong one ({right} characters{}, against at most {wrong})",
        if *several { "s are all" } else { " is" },
        if *several { " or more" } else { "" }
    )]
    LongestOptionIsRight {
        /// The length of the (shortest) right option, in characters.
        right: usize,
        /// The length of the longest wrong option, in characters.
        wrong: usize,
        /// Whether there are several right options (a multi-select question).
        several: bool,
    },
    /// Warning: an option such as "All of the above" that is about the other options.
    #[error("the option `{text}` is about the other options, not an answer of its own")]
    AboutTheOtherOptions {
        /// The option as written.
        text: String,
    },
    /// Warning: two options (or items) that differ as written but read the same.
    #[error(
        "`{text}` reads the same as `{same_as}` once case, accents and punctuation are ignored"
    )]
    LookAlikeTexts {
        /// The later text.
        text: String,
        /// The earlier text it reads the same as.
        same_as: String,
    },
    /// Warning: a prompt that an earlier question already asks.
    #[error("{}", duplicate_prompt_message(*first_question, *first_line))]
    DuplicatePrompt {
        /// The earlier question's number, counting from 1.
        first_question: usize,
        /// The earlier prompt's line, or 0 where there is no file (the editor).
        first_line: usize,
    },
    /// Warning: nearly every true/false statement of the deck has the same answer.
    #[error("{same} of this deck's {total} true/false statements are {answer}")]
    LopsidedTrueFalse {
        /// How many have the more common answer.
        same: usize,
        /// How many true/false questions the deck has.
        total: usize,
        /// The more common answer.
        answer: bool,
    },
}

fn duplicate_prompt_message(first_question: usize, first_line: usize) -> String {
    if first_line > 0 {
        format!("question {first_question} already asks this (line {first_line})")
    } else {
        format!("question {first_question} already asks this")
    }
}

fn quotes_message(open: char, close: Option<char>) -> String {
    let single = matches!(open, '\'' | '\u{2018}' | '\u{2019}' | '\u{201A}');
    match close {
        None => format!("this `{open}` starts a text, but no closing quote follows on its line"),
        Some(close) if open == '"' => {
            format!("this text ends with `{close}`, a curly quote, instead of a straight `\"`")
        }
        Some(close) if single => format!(
            "this text is in single quotes `{open}…{close}`; texts in a deck are in double quotes"
        ),
        Some(close) => format!(
            "this text is in curly quotes `{open}…{close}`, as word processors type them; a deck needs straight quotes `\"…\"`"
        ),
    }
}

impl Problem {
    /// What to do about the problem, when there is more to say than the message.
    pub fn help(&self) -> Option<String> {
        let text = match self {
            Self::Unreadable { .. } => "check that the file exists and that you may read it",
            Self::TooLarge { .. } => "split the deck into several smaller decks",
            Self::NotAFile { kind: Kind::Folder } => {
                "give the path of a .ron deck file in this folder; `quizdesk check FOLDER` checks every deck in a folder"
            }
            Self::NotAFile { .. } => {
                "quizdesk reads decks from regular files only; save the deck as a .ron file and open that"
            }
            Self::InvalidUtf8 { .. } => {
                "save the file as UTF-8 (most editors offer this under \"Save as\" or \"Encoding\")"
            }
            Self::Empty => {
                "start from decks/sample-every-kind.ron, which shows every field with comments"
            }
            Self::Syntax { help, .. } => return help.clone(),
            Self::PictureWithoutAlt => {
                "add `alt: \"...\"` to the image: a few words saying what the picture shows, read aloud to people who cannot see it, such as alt: \"A pencil tip beside a speck of powder\""
            }
            Self::PicturePath { .. } => {
                "copy the picture into the deck's folder (or a folder in it, such as images/) and give its path from there, such as `images/pencil.png`"
            }
            Self::PictureFormat { .. } => "save the picture as .png, .jpg, .webp or .svg",
            Self::PictureMissing { .. } => {
                "put the picture there, or correct the path: it starts from the folder the deck file is in"
            }
            Self::PictureTooLarge { .. } | Self::PictureTooManyPixels { .. } => {
                "save a smaller copy: 1600 pixels across is plenty on a projector, as a JPEG for a photo"
            }
            Self::PictureUnreadable { .. } => {
                "open the picture in an image viewer and save it again as .png, .jpg, .webp or .svg"
            }
            Self::WrongQuotes { close: None, .. } => {
                "end the text with a straight `\"`; a text is written \"like this\""
            }
            Self::WrongQuotes { fixable, .. } => {
                let texts = if *fixable == 1 {
                    "it".to_owned()
                } else {
                    format!("all {fixable} such texts")
                };
                return Some(format!(
                    "use double quotes \"like this\"; `quizdesk check --fix FILE` (or \"Fix quotes\" in the editor) mends {texts} at once, keeping a copy as FILE.bak"
                ));
            }
            Self::InvalidId { .. } => {
                return Some(format!(
                    "ids start with a lowercase letter a-z or a digit, then use a-z, digits, `-`, `_` and `.`, at most {MAX_ID_LEN} characters, such as \"potency-vs-morphine\""
                ));
            }
            Self::EmptyText { .. } => "write some text between the quotes",
            Self::NoQuestions => "add at least one `Question(...)` to `questions: [...]`",
            Self::ZeroVersion => "start at `version: 1` and add one each time you publish a change",
            Self::InvalidLanguage { .. } => "use a tag such as \"en\", \"en-US\" or \"es\"",
            Self::DuplicateQuestionId { .. } => {
                "give each question its own id; scores are kept by id, so never reuse one"
            }
            Self::DuplicateSourceId { .. } => "give each source its own id",
            Self::UnknownSource { id, known } => {
                let names: Vec<&str> = known.iter().map(String::as_str).collect();
                return Some(match (known.is_empty(), closest(id, &names)) {
                    (true, _) => "add the source to the deck's `sources: [...]`".to_owned(),
                    (false, Some(best)) => format!(
                        "did you mean `{best}`? the deck's sources are: {}",
                        quoted_list(known)
                    ),
                    (false, None) => format!("the deck's sources are: {}", quoted_list(known)),
                });
            }
            Self::NoCorrectOption => "mark the right option as `Correct(\"...\")`",
            Self::SeveralCorrectOptions { .. } => {
                "keep one `Correct`, or use `MultiSelect` for \"select all that apply\""
            }
            Self::NoCorrectSelection => "mark at least one option as `Correct(\"...\")`",
            Self::NoWrongOption { .. } => "add at least one `Wrong(\"...\")` option",
            Self::CorrectAlsoWrong { .. } => "remove it from one of the two",
            Self::DuplicateOption { .. } | Self::DuplicateOrderItem { .. } => {
                "remove the second copy"
            }
            Self::DuplicateAccepted { exact: false, .. } => {
                "typed answers are compared ignoring case, accents, punctuation and spacing, so one of the two is enough; remove the second"
            }
            Self::DuplicateAccepted { exact: true, .. } => {
                "with `exact: true` only the space around an answer is ignored, so these are the same; remove the second"
            }
            Self::InvalidUrl { .. } => "write the full address, starting with https://",
            Self::AcceptedOnlyPunctuation { .. } => {
                "typed answers are compared ignoring punctuation, so this one can never match; use letters or digits, or set `exact: true`"
            }
            Self::DuplicateDeckId { .. } => {
                "scores are kept by deck id, so give each deck its own; if one file is a copy, change its id"
            }
            Self::RangeMinAboveMax { .. } => "swap `min` and `max`",
            Self::NegativeTolerance { .. } => {
                "a tolerance is how far from the value an answer may be, so it is 0 or more"
            }
            Self::NotFinite => "write an ordinary number such as 42 or 0.5",
            Self::NoAcceptedAnswer => "list at least one answer, such as `accepted: [\"Signal\"]`",
            Self::TooFewOrderItems { .. } => "list the items in their correct order",
            Self::PollOptionCount { .. } => {
                "give the room 2 to 16 choices, such as `options: [\"Yes\", \"No\"]`"
            }
            Self::WordsLimitOutOfRange { .. } => {
                "leave `max_chars` out for the most (40), or give a smaller number"
            }
            Self::TooFewPairs { .. } => "add pairs such as `(\"left\", \"right\")`",
            Self::DuplicateMatchKey { .. } | Self::DuplicateMatchValue { .. } => {
                "each item may be used in one pair only"
            }
            Self::TimeLimitOutOfRange { .. } => {
                return Some(format!(
                    "use a number of seconds from 1 to {MAX_TIME_LIMIT_SECS}, or leave the limit out"
                ));
            }
            Self::UnknownSessionQuestion { id, known } => {
                let names: Vec<&str> = known.iter().map(String::as_str).collect();
                return Some(match closest(id, &names) {
                    Some(best) => format!(
                        "did you mean `{best}`? a session lists the ids of the deck's questions"
                    ),
                    None => "use the `id` of one of the deck's questions".to_owned(),
                });
            }
            Self::RepeatedSessionQuestion { .. } => "list each question once",
            Self::EmptySession => "list the ids of the questions to show, in order",
            Self::DuplicateSessionName { .. } => "give each session its own name",
            Self::SessionMinutesOutOfRange { .. } => {
                return Some(format!(
                    "use a number of minutes from 1 to {MAX_SESSION_MINUTES}, or leave `minutes` out"
                ));
            }
            Self::LongestOptionIsRight { .. } => {
                "learners soon learn to pick the longest option; shorten the right one, or make the wrong ones as full and precise"
            }
            Self::AboutTheOtherOptions { .. } => {
                "it can be picked (or ruled out) by spotting one other option, without knowing the rest; replace it with a plausible wrong answer, or use `MultiSelect` when several options are right"
            }
            Self::LookAlikeTexts { .. } => {
                "learners cannot tell the two apart; remove one, or make them differ in words"
            }
            Self::DuplicatePrompt { .. } => {
                "remove one of the two questions, or reword one so it asks something else"
            }
            Self::LopsidedTrueFalse { answer, .. } => {
                return Some(format!(
                    "learners who notice can answer `{answer}` without reading; rewrite some statements so that the answers are closer to half true and half false"
                ));
            }
        };
        Some(text.to_owned())
    }

    /// A short stable name of the rule, for scripts and editors.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Unreadable { .. } => "unreadable",
            Self::TooLarge { .. } => "too-large",
            Self::NotAFile { .. } => "not-a-file",
            Self::InvalidUtf8 { .. } => "invalid-utf8",
            Self::Empty => "empty-file",
            Self::Syntax { .. } => "syntax",
            Self::WrongQuotes { .. } => "wrong-quotes",
            Self::PictureWithoutAlt => "image-alt-missing",
            Self::PicturePath { .. } => "image-path",
            Self::PictureFormat { .. } => "image-format",
            Self::PictureMissing { .. } => "image-missing",
            Self::PictureTooLarge { .. } | Self::PictureTooManyPixels { .. } => "image-too-large",
            Self::PictureUnreadable { .. } => "image-unreadable",
            Self::InvalidId { .. } => "invalid-id",
            Self::EmptyText { .. } => "empty-text",
            Self::NoQuestions => "no-questions",
            Self::ZeroVersion => "zero-version",
            Self::InvalidLanguage { .. } => "invalid-language",
            Self::DuplicateQuestionId { .. } => "duplicate-question-id",
            Self::DuplicateSourceId { .. } => "duplicate-source-id",
            Self::UnknownSource { .. } => "unknown-source",
            Self::NoCorrectOption => "no-correct-option",
            Self::SeveralCorrectOptions { .. } => "several-correct-options",
            Self::NoCorrectSelection => "no-correct-selection",
            Self::NoWrongOption { .. } => "no-wrong-option",
            Self::CorrectAlsoWrong { .. } => "correct-also-wrong",
            Self::DuplicateOption { .. } => "duplicate-option",
            Self::RangeMinAboveMax { .. } => "range-min-above-max",
            Self::NegativeTolerance { .. } => "negative-tolerance",
            Self::NotFinite => "not-finite",
            Self::NoAcceptedAnswer => "no-accepted-answer",
            Self::DuplicateAccepted { .. } => "duplicate-accepted",
            Self::InvalidUrl { .. } => "invalid-url",
            Self::AcceptedOnlyPunctuation { .. } => "accepted-only-punctuation",
            Self::DuplicateDeckId { .. } => "duplicate-deck-id",
            Self::TooFewOrderItems { .. } => "too-few-order-items",
            Self::PollOptionCount { .. } => "poll-option-count",
            Self::WordsLimitOutOfRange { .. } => "words-limit-out-of-range",
            Self::DuplicateOrderItem { .. } => "duplicate-order-item",
            Self::TooFewPairs { .. } => "too-few-pairs",
            Self::DuplicateMatchKey { .. } => "duplicate-match-key",
            Self::DuplicateMatchValue { .. } => "duplicate-match-value",
            Self::TimeLimitOutOfRange { .. } => "time-limit-out-of-range",
            Self::UnknownSessionQuestion { .. } => "unknown-session-question",
            Self::RepeatedSessionQuestion { .. } => "repeated-session-question",
            Self::EmptySession => "empty-session",
            Self::DuplicateSessionName { .. } => "duplicate-session-name",
            Self::SessionMinutesOutOfRange { .. } => "session-minutes-out-of-range",
            Self::LongestOptionIsRight { .. } => "longest-option-right",
            Self::AboutTheOtherOptions { .. } => "all-of-the-above",
            Self::LookAlikeTexts { .. } => "look-alike-texts",
            Self::DuplicatePrompt { .. } => "duplicate-prompt",
            Self::LopsidedTrueFalse { .. } => "lopsided-true-false",
        }
    }

    /// Whether this is an error (the deck cannot be used) or a warning (an item-writing hint;
    /// the deck loads and works).
    pub fn severity(&self) -> Severity {
        match self {
            Self::LongestOptionIsRight { .. }
            | Self::AboutTheOtherOptions { .. }
            | Self::LookAlikeTexts { .. }
            | Self::DuplicatePrompt { .. }
            | Self::LopsidedTrueFalse { .. } => Severity::Warning,
            _ => Severity::Error,
        }
    }
}

/// `a`, `b`, `c` with backticks, for help texts.
pub(crate) fn quoted_list<S: AsRef<str>>(items: &[S]) -> String {
    items
        .iter()
        .map(|s| format!("`{}`", s.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}
