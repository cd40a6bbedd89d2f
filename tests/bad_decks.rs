//! Broken deck files and exactly what the loader must say about each one.
//!
//! Every file in `tests/fixtures/bad/` is a small deck with a realistic mistake (or, in
//! `many-problems.ron`, several). [`CASES`] lists, for each file, every diagnostic a teacher must
//! see: line, column, rule code, the exact message and, for some, the exact help. The table test
//! reports every mismatch at once; another test fails if a fixture is missing from the table.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use quizdesk::deck::{Diagnostic, MAX_DECK_BYTES, load_deck};

/// The message for a text in word processors' curly quotes.
const CURLY: &str = "this text is in curly quotes `“…”`, as word processors type them; a deck needs straight quotes `\"…\"`";

/// One diagnostic a fixture must produce.
#[derive(Debug)]
struct Expected {
    line: usize,
    column: usize,
    code: &'static str,
    message: &'static str,
    /// The exact help text, when the row checks it.
    help: Option<&'static str>,
}

/// A diagnostic at `line`:`column` with rule `code` and exactly `message`; help unchecked.
const fn at(line: usize, column: usize, code: &'static str, message: &'static str) -> Expected {
    Expected {
        line,
        column,
        code,
        message,
        help: None,
    }
}

impl Expected {
    /// Also checks the exact help text.
    const fn help(self, help: &'static str) -> Self {
        Self {
            help: Some(help),
            ..self
        }
    }

    fn matches(&self, actual: &Diagnostic) -> bool {
        self.line == actual.span.start.line
            && self.column == actual.span.start.column
            && self.code == actual.problem.code()
            && self.message == actual.message()
            && self
                .help
                .is_none_or(|help| Some(help) == actual.help().as_deref())
    }
}

/// One fixture file and every diagnostic it must produce, in order.
struct Case {
    file: &'static str,
    expected: &'static [Expected],
}

const fn case(file: &'static str, expected: &'static [Expected]) -> Case {
    Case { file, expected }
}

const CASES: &[Case] = &[
    // ---- Syntax: what ron cannot parse. ----
    // Missing comma after the title.
    case(
        "syntax-missing-comma.ron",
        &[
            at(4, 29, "syntax", "expected a comma"),
        ],
    ),
    // No comma between the two questions.
    case(
        "syntax-missing-comma-between-questions.ron",
        &[
            at(14, 10, "syntax", "expected a comma"),
        ],
    ),
    // A semicolon instead of a comma after the version.
    case(
        "syntax-stray-semicolon.ron",
        &[
            at(8, 15, "syntax", "expected a comma"),
        ],
    ),
    // No colon after `version`.
    case(
        "syntax-missing-colon.ron",
        &[
            at(8, 13, "syntax", "expected `:` after the field name"),
        ],
    ),
    // The prompt's closing quote is missing.
    case(
        "syntax-unclosed-string.ron",
        &[
            at(12, 21, "syntax", "this text runs on past the end of its line")
                .help(r#"is its closing `"` missing? Add it where the text should end; a `"` inside text is written `\"`"#),
        ],
    ),
    // The last option's closing quote is missing.
    case(
        "syntax-unclosed-string-at-end.ron",
        &[
            at(13, 101, "syntax", "this text is never closed")
                .help(r#"add the closing `"`; a `"` inside text is written `\"`"#),
        ],
    ),
    // The deck's closing `)` is missing at the end of the file.
    case(
        "syntax-missing-paren-at-eof.ron",
        &[
            at(15, 7, "syntax", "the file ends too early"),
        ],
    ),
    // The `]` closing the questions list is missing.
    case(
        "syntax-missing-bracket.ron",
        &[
            at(
                15,
                1,
                "syntax",
                "expected `]` to close the list opened on line 9",
            ),
        ],
    ),
    // The `)` closing the question is missing.
    case(
        "syntax-missing-paren-question.ron",
        &[
            at(
                14,
                5,
                "syntax",
                "expected `)` to close `Question(` from line 10",
            ),
        ],
    ),
    // The title was pasted from a word processor with curly quotes.
    case(
        "syntax-smart-quotes.ron",
        &[
            at(4, 12, "wrong-quotes", "this text is in curly quotes `“…”`, as word processors type them; a deck needs straight quotes `\"…\"`")
                .help(r#"use double quotes "like this"; `quizdesk check --fix FILE` (or "Fix quotes" in the editor) mends it at once, keeping a copy as FILE.bak"#),
        ],
    ),
    // The title is in single quotes.
    case(
        "syntax-single-quotes.ron",
        &[
            at(4, 12, "wrong-quotes", "this text is in single quotes `'…'`; texts in a deck are in double quotes"),
        ],
    ),
    // The whole deck was pasted from a word processor: every text is reported in one run,
    // the first item of a list after `[` and a line break at the item itself.
    case(
        "syntax-curly-quotes-everywhere.ron",
        &[
            at(3, 9, "wrong-quotes", CURLY)
                .help(r#"use double quotes "like this"; `quizdesk check --fix FILE` (or "Fix quotes" in the editor) mends all 10 such texts at once, keeping a copy as FILE.bak"#),
            at(4, 12, "wrong-quotes", CURLY),
            at(5, 18, "wrong-quotes", CURLY),
            at(6, 15, "wrong-quotes", CURLY),
            at(8, 9, "wrong-quotes", CURLY),
            at(13, 17, "wrong-quotes", CURLY),
            at(14, 21, "wrong-quotes", CURLY),
            at(15, 52, "wrong-quotes", CURLY),
            at(15, 77, "wrong-quotes", CURLY),
            at(15, 101, "wrong-quotes", "this text is in curly quotes `„…“`, as word processors type them; a deck needs straight quotes `\"…\"`"),
        ],
    ),
    // Two commas between two authors.
    case(
        "syntax-double-comma-list.ron",
        &[at(7, 28, "syntax", "two commas in a row")
            .help("remove the extra comma: one comma goes after each field or list item")],
    ),
    // Two commas after a field.
    case(
        "syntax-double-comma-field.ron",
        &[at(13, 45, "syntax", "two commas in a row")],
    ),
    // A comment written with `#`, as in other formats.
    case(
        "syntax-hash-comment.ron",
        &[at(8, 5, "syntax", "`#` does not start a comment in a deck file")
            .help("start a comment with `//` instead, as in `// first version`")],
    ),
    // The same on the file's first line, where ron expects `#![enable(...)]`.
    case(
        "syntax-hash-comment-first-line.ron",
        &[at(2, 1, "syntax", "`#` does not start a comment in a deck file")
            .help("start a comment with `//` instead, as in `// Unit 3 quiz`")],
    ),
    // The author's name is not in quotes.
    case(
        "syntax-unquoted-text.ron",
        &[
            at(7, 15, "syntax", "expected text in double quotes"),
        ],
    ),
    // A stray backslash typed next to Enter.
    case(
        "syntax-stray-backslash.ron",
        &[
            at(8, 16, "syntax", "expected a name here"),
        ],
    ),
    // A Windows path with single backslashes in the description.
    case(
        "syntax-bad-escape.ron",
        &[
            at(5, 30, "syntax", "invalid escape in text: unknown escape character"),
        ],
    ),
    // A `/*` comment that is never closed.
    case(
        "syntax-unclosed-block-comment.ron",
        &[
            at(9, 5, "syntax", "this `/*` comment is never closed"),
        ],
    ),
    // Notes to self written after the end of the deck.
    case(
        "syntax-text-after-deck.ron",
        &[
            at(18, 1, "syntax", "unexpected text after the end of the deck"),
        ],
    ),

    // ---- Structure: fields, names and value types. ----
    // The question has no prompt.
    case(
        "missing-field-prompt.ron",
        &[
            at(10, 9, "syntax", "`Question` is missing the field `prompt`")
                .help("add `prompt: ...` inside `Question(...)`"),
        ],
    ),
    // The deck has no version.
    case(
        "missing-field-version.ron",
        &[
            at(2, 1, "syntax", "`Deck` is missing the field `version`"),
        ],
    ),
    // `promt` is a typo for `prompt`.
    case(
        "unknown-field-typo.ron",
        &[
            at(12, 13, "syntax", "unknown field `promt` in `Question`")
                .help("did you mean `prompt`? `Question` has fields: `id`, `prompt`, `image`, `answer`, `explanation`, `source`, `tags`, `time_limit_secs`, `notes`"),
        ],
    ),
    // `difficulty` is not a question field.
    case(
        "unknown-field-unrelated.ron",
        &[
            at(12, 13, "syntax", "unknown field `difficulty` in `Question`")
                .help("`Question` has fields: `id`, `prompt`, `image`, `answer`, `explanation`, `source`, `tags`, `time_limit_secs`, `notes`"),
        ],
    ),
    // `tolerence` is a typo for `tolerance`.
    case(
        "unknown-field-tolerance.ron",
        &[
            at(13, 54, "syntax", "unknown field `tolerence` in `Exact`")
                .help("did you mean `tolerance`? `Exact` has fields: `value`, `tolerance`"),
        ],
    ),
    // The question gives `explanation` twice.
    case(
        "duplicate-field.ron",
        &[
            at(14, 13, "syntax", "the field `explanation` is given twice in `Question`"),
        ],
    ),
    // The deck is written `Quiz(` instead of `Deck(`.
    case(
        "wrong-struct-name.ron",
        &[
            at(2, 1, "syntax", "expected `Deck(` here, but found `Quiz(`")
                .help("write `Deck(`"),
        ],
    ),
    // `SingleChoise` is a typo for `SingleChoice`.
    case(
        "unknown-answer-kind.ron",
        &[
            at(13, 21, "syntax", "unknown answer kind `SingleChoise`")
                .help("did you mean `SingleChoice`? the allowed ones are `Flashcard`, `SingleChoice`, `MultiSelect`, `TrueFalse`, `Numeric`, `Text`, `Order`, `Match`, `Poll`, `Words`"),
        ],
    ),
    // `Wrng` is a typo for `Wrong`.
    case(
        "unknown-option-kind.ron",
        &[
            at(13, 71, "syntax", "unknown option kind `Wrng`")
                .help("did you mean `Wrong`? the allowed ones are `Correct`, `Wrong`, `Picture`"),
        ],
    ),
    // Options written as plain text, without `Correct(...)` or `Wrong(...)`.
    case(
        "options-plain-strings.ron",
        &[
            at(
                13,
                44,
                "syntax",
                r#"expected `Correct("...")` or `Wrong("...")` here"#,
            )
            .help(r#"write each option as `Correct("...")` or `Wrong("...")`"#),
        ],
    ),
    // The version is written in quotes.
    case(
        "wrong-type-string-for-number.ron",
        &[
            at(8, 14, "syntax", "expected a whole number")
                .help("write digits only, such as `30`, without quotes"),
        ],
    ),
    // A decimal version; versions are whole numbers.
    case(
        "wrong-type-decimal-version.ron",
        &[
            at(8, 14, "syntax", "expected a whole number, not a decimal")
                .help("write a whole number, such as `2`"),
        ],
    ),
    // An accepted answer is a bare number; answers are text.
    case(
        "wrong-type-number-for-string.ron",
        &[
            at(13, 37, "syntax", "expected text in double quotes"),
        ],
    ),
    // `correct` is written as the text "true" instead of true.
    case(
        "wrong-type-quoted-bool.ron",
        &[
            at(13, 40, "syntax", "expected `true` or `false`")
                .help("write `true` or `false`, without quotes"),
        ],
    ),
    // `authors` is one text, not a list.
    case(
        "wrong-type-string-for-list.ron",
        &[
            at(7, 14, "syntax", "expected a list"),
        ],
    ),
    // A negative time limit, meant as "no limit".
    case(
        "time-limit-negative.ron",
        &[
            at(13, 30, "syntax", "this number cannot be negative")
                .help("use a number of seconds from 1 to 3600, or leave the limit out"),
        ],
    ),

    // ---- Deck rules. ----
    // The deck id has capitals and a space.
    case(
        "invalid-deck-id.ron",
        &[
            at(3, 9, "invalid-id", "`Fentanyl Basics` is not a valid deck id"),
        ],
    ),
    // The deck id `..` only has allowed characters, but would make a hidden file name.
    case(
        "hidden-deck-id.ron",
        &[
            at(3, 9, "invalid-id", "`..` is not a valid deck id").help(
                "ids start with a lowercase letter a-z or a digit, then use a-z, digits, `-`, `_` and `.`, at most 64 characters, such as \"potency-vs-morphine\"",
            ),
        ],
    ),
    // Deck, source and question ids starting with `.`, `_` and `-`.
    case(
        "ids-not-starting-with-a-letter.ron",
        &[
            at(3, 9, "invalid-id", "`.fentanyl-basics` is not a valid deck id"),
            at(10, 20, "invalid-id", "`_report` is not a valid source id"),
            at(14, 17, "invalid-id", "`-potency` is not a valid question id"),
        ],
    ),
    // The deck title is only spaces.
    case(
        "empty-title.ron",
        &[
            at(4, 12, "empty-text", "the deck title is empty"),
        ],
    ),
    // The language is written as a word, not a tag.
    case(
        "bad-language.ron",
        &[
            at(6, 15, "invalid-language", "`English` is not a language tag"),
        ],
    ),
    // Versions start at 1.
    case(
        "version-zero.ron",
        &[
            at(8, 14, "zero-version", "the deck version must be 1 or more"),
        ],
    ),
    // The questions list is empty.
    case(
        "no-questions.ron",
        &[
            at(9, 16, "no-questions", "this deck has no questions"),
        ],
    ),
    // The source id has capital letters.
    case(
        "invalid-source-id.ron",
        &[
            at(10, 20, "invalid-id", "`NewsReport` is not a valid source id"),
        ],
    ),
    // Two sources share the id `report`.
    case(
        "duplicate-source-id.ron",
        &[
            at(11, 20, "duplicate-source-id", "source id `report` is used twice (first on line 10)"),
        ],
    ),
    // The question id has a space and a `#`.
    case(
        "invalid-question-id.ron",
        &[
            at(11, 17, "invalid-id", "`question #1` is not a valid question id"),
        ],
    ),
    // Two questions share the id `potency` (copy-paste).
    case(
        "duplicate-question-id.ron",
        &[
            at(16, 17, "duplicate-question-id", "question id `potency` is used twice (first on line 11)")
                .help("give each question its own id; scores are kept by id, so never reuse one"),
        ],
    ),
    // The question's prompt is empty.
    case(
        "empty-prompt.ron",
        &[
            at(12, 21, "empty-text", "the prompt is empty"),
        ],
    ),
    // The citation misspells the source id `report`.
    case(
        "unknown-source.ron",
        &[
            at(16, 34, "unknown-source", "this cites source `reprot`, which the deck's `sources` does not list")
                .help("did you mean `report`? the deck's sources are: `report`"),
        ],
    ),
    // A source link without its https:// part.
    case(
        "invalid-url.ron",
        &[at(10, 86, "invalid-url", "`www.example.org/report` is not a web address")
            .help("write the full address, starting with https://")],
    ),
    // A tag left empty.
    case(
        "empty-tag.ron",
        &[at(16, 31, "empty-text", "the tag is empty")],
    ),
    // A typed answer made only of punctuation.
    case(
        "text-accepted-only-punctuation.ron",
        &[at(17, 49, "accepted-only-punctuation", "the accepted answer `?!` has no letters or digits")
            .help("typed answers are compared ignoring punctuation, so this one can never match; use letters or digits, or set `exact: true`")],
    ),
    // A number with a thousands separator.
    case(
        "numeric-thousands-separator.ron",
        &[at(17, 52, "syntax", "unexpected `650` after a number")
            .help("write numbers without thousands separators: `1650`, not `1,650`")],
    ),
    // The question cites a source but the deck lists no sources.
    case(
        "unknown-source-no-sources.ron",
        &[
            at(13, 34, "unknown-source", "this cites source `report`, which the deck's `sources` does not list")
                .help("add the source to the deck's `sources: [...]`"),
        ],
    ),
    // The citation's locator is empty.
    case(
        "empty-citation-locator.ron",
        &[
            at(16, 53, "empty-text", "the citation's locator is empty"),
        ],
    ),
    // A time limit of 0 seconds.
    case(
        "time-limit-zero.ron",
        &[
            at(13, 30, "time-limit-out-of-range", "a time limit of 0 seconds is out of range"),
        ],
    ),
    // A time limit just over an hour.
    case(
        "time-limit-too-long.ron",
        &[
            at(13, 30, "time-limit-out-of-range", "a time limit of 3601 seconds is out of range")
                .help("use a number of seconds from 1 to 3600, or leave the limit out"),
        ],
    ),

    // ---- Answer rules. ----
    // The back of the flashcard is empty.
    case(
        "empty-flashcard-back.ron",
        &[
            at(13, 37, "empty-text", "the back of the card is empty"),
        ],
    ),
    // No option is marked Correct.
    case(
        "single-choice-no-correct.ron",
        &[
            at(13, 43, "no-correct-option", "this single-choice question has no `Correct` option"),
        ],
    ),
    // Two options are marked Correct in a single-choice question.
    case(
        "single-choice-several-correct.ron",
        &[
            at(13, 43, "several-correct-options", "this single-choice question has 2 `Correct` options; it needs exactly one")
                .help(r#"keep one `Correct`, or use `MultiSelect` for "select all that apply""#),
        ],
    ),
    // Every option is Correct, so there is nothing to choose between.
    case(
        "single-choice-no-wrong.ron",
        &[
            at(13, 43, "no-wrong-option", "this single-choice question has no `Wrong` option"),
        ],
    ),
    // A select-all-that-apply question with no Correct option.
    case(
        "multi-select-no-correct.ron",
        &[
            at(13, 42, "no-correct-selection", "this multi-select question has no `Correct` option"),
        ],
    ),
    // A select-all-that-apply question with no Wrong option.
    case(
        "multi-select-no-wrong.ron",
        &[
            at(13, 42, "no-wrong-option", "this multi-select question has no `Wrong` option"),
        ],
    ),
    // The same text is both Correct and Wrong.
    case(
        "correct-also-wrong.ron",
        &[
            at(13, 95, "correct-also-wrong", "`About 50 times` is both a `Correct` and a `Wrong` option"),
        ],
    ),
    // The same Wrong option is listed twice.
    case(
        "duplicate-option.ron",
        &[
            at(13, 95, "duplicate-option", "the option `About 2 times` appears twice"),
        ],
    ),
    // One option is empty.
    case(
        "empty-option.ron",
        &[
            at(13, 71, "empty-text", "the option is empty"),
        ],
    ),
    // The range's min and max are swapped.
    case(
        "range-min-above-max.ron",
        &[
            at(13, 48, "range-min-above-max", "this range's min (100) is greater than its max (50)"),
        ],
    ),
    // A negative tolerance.
    case(
        "negative-tolerance.ron",
        &[
            at(13, 65, "negative-tolerance", "the tolerance (-5) is negative"),
        ],
    ),
    // `inf` is not a usable tolerance.
    case(
        "numeric-not-finite.ron",
        &[
            at(13, 65, "not-finite", "this number is not finite"),
        ],
    ),
    // The unit is empty; leave it out instead.
    case(
        "empty-unit.ron",
        &[
            at(13, 61, "empty-text", "the unit is empty"),
        ],
    ),
    // A typed-answer question that accepts nothing.
    case(
        "text-no-accepted.ron",
        &[
            at(13, 36, "no-accepted-answer", "this text question has no accepted answer"),
        ],
    ),
    // `Chávez` and `chavez` are the same answer once case and accents are ignored.
    case(
        "text-duplicate-accepted.ron",
        &[
            at(13, 47, "duplicate-accepted", "the accepted answer `chavez` is the same as `Chávez`")
                .help("typed answers are compared ignoring case, accents, punctuation and spacing, so one of the two is enough; remove the second"),
        ],
    ),
    // A poll with a single option.
    case(
        "poll-one-option.ron",
        &[
            at(13, 35, "poll-option-count", "a poll needs 2 to 16 options; this one has 1")
                .help("give the room 2 to 16 choices, such as `options: [\"Yes\", \"No\"]`"),
        ],
    ),
    // A poll offering the same option twice (case does not make it another).
    case(
        "poll-duplicate-option.ron",
        &[
            at(13, 49, "duplicate-option", "the option `yes` appears twice"),
        ],
    ),
    // A words question allowing more than a phone may send.
    case(
        "words-limit-too-long.ron",
        &[
            at(13, 38, "words-limit-out-of-range", "`max_chars` must be from 1 to 40, not 200")
                .help("leave `max_chars` out for the most (40), or give a smaller number"),
        ],
    ),
    // An order question with a single item.
    case(
        "order-too-few-items.ron",
        &[
            at(13, 34, "too-few-order-items", "an order question needs at least 2 items; this one has 1"),
        ],
    ),
    // The same step is listed twice in an order question.
    case(
        "order-duplicate-item.ron",
        &[
            at(13, 74, "duplicate-order-item", "the item `Precursors shipped` appears twice in this order"),
        ],
    ),
    // A match question with only one pair.
    case(
        "match-too-few-pairs.ron",
        &[
            at(13, 34, "too-few-pairs", "a match question needs at least 2 pairs; this one has 1"),
        ],
    ),
    // The left item `Sinaloa` is used in two pairs.
    case(
        "match-duplicate-key.ron",
        &[
            at(13, 82, "duplicate-match-key", "the left item `Sinaloa` is used in two pairs"),
        ],
    ),
    // The right item `CJNG` is used in two pairs.
    case(
        "match-duplicate-value.ron",
        &[
            at(13, 68, "duplicate-match-value", "the right item `CJNG` is used in two pairs"),
        ],
    ),

    // ---- Several problems at once: all of them, in file order. ----
    // Several mistakes at once; every one must be reported, in file order.
    case(
        "many-problems.ron",
        &[
            at(3, 9, "invalid-id", "`Fentanyl Basics` is not a valid deck id"),
            at(4, 12, "empty-text", "the deck title is empty"),
            at(6, 15, "invalid-language", "`english` is not a language tag"),
            at(8, 14, "zero-version", "the deck version must be 1 or more"),
            at(16, 43, "no-wrong-option", "this single-choice question has no `Wrong` option"),
            at(16, 43, "several-correct-options", "this single-choice question has 2 `Correct` options; it needs exactly one"),
            at(17, 34, "unknown-source", "this cites source `dea`, which the deck's `sources` does not list"),
            at(20, 17, "duplicate-question-id", "question id `potency` is used twice (first on line 14)"),
            at(21, 21, "empty-text", "the prompt is empty"),
            at(22, 48, "range-min-above-max", "this range's min (10) is greater than its max (1)"),
            at(23, 30, "time-limit-out-of-range", "a time limit of 0 seconds is out of range"),
            at(28, 41, "duplicate-order-item", "the item `Ad` appears twice in this order"),
        ],
    ),

    // ---- Encodings, line endings and files with no deck in them. ----
    // Saved with a UTF-8 byte order mark; the only mistake is `version: 0`.
    case(
        "bom-with-error.ron",
        &[
            at(8, 14, "zero-version", "the deck version must be 1 or more"),
        ],
    ),
    // Saved with Windows line endings (CRLF); the only mistake is `version: 0`.
    case(
        "crlf-line-endings.ron",
        &[
            at(8, 14, "zero-version", "the deck version must be 1 or more"),
        ],
    ),
    // Version 0, after accented text on the same line: columns count characters, not bytes.
    case(
        "columns-count-characters.ron",
        &[
            at(4, 46, "zero-version", "the deck version must be 1 or more"),
        ],
    ),
    // Saved as Latin-1: the accented letter in the prompt is the byte 0xE9.
    case(
        "invalid-utf8.ron",
        &[
            at(12, 31, "invalid-utf8", "this file is not valid UTF-8 text (invalid byte 0xE9)")
                .help(r#"save the file as UTF-8 (most editors offer this under "Save as" or "Encoding")"#),
        ],
    ),
    // A file with nothing in it (no comment in the file: it would not be empty).
    case(
        "empty.ron",
        &[
            at(1, 1, "empty-file", "this file is empty")
                .help("start from decks/sample-every-kind.ron, which shows every field with comments"),
        ],
    ),
    // Nothing but comments: no deck at all.
    case(
        "only-comments.ron",
        &[
            at(1, 1, "empty-file", "this file is empty"),
        ],
    ),
];

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad")
}

fn describe_expected(e: &Expected) -> String {
    let mut s = format!("{}:{} [{}] {}", e.line, e.column, e.code, e.message);
    if let Some(help) = e.help {
        let _ = write!(s, "\n                help: {help}");
    }
    s
}

fn describe_actual(d: &Diagnostic) -> String {
    let mut s = format!(
        "{}:{} [{}] {}",
        d.span.start.line,
        d.span.start.column,
        d.problem.code(),
        d.message()
    );
    if let Some(help) = d.help() {
        let _ = write!(s, "\n                help: {help}");
    }
    s
}

/// Loads one fixture and describes how its diagnostics differ from the expected ones, if they do.
fn mismatch(case: &Case) -> Option<String> {
    let path = fixtures_dir().join(case.file);
    let actual: Vec<Diagnostic> = match load_deck(&path) {
        Ok(_) => {
            return Some("  loaded without any error, but it is a broken deck\n".to_owned());
        }
        Err(e) => e.report().diagnostics.clone(),
    };
    let same = actual.len() == case.expected.len()
        && case.expected.iter().zip(&actual).all(|(e, a)| e.matches(a));
    if same {
        return None;
    }
    let mut out = format!(
        "  expected {} diagnostic(s), got {}\n",
        case.expected.len(),
        actual.len()
    );
    for i in 0..case.expected.len().max(actual.len()) {
        let e = case.expected.get(i);
        let a = actual.get(i);
        let ok = matches!((e, a), (Some(e), Some(a)) if e.matches(a));
        let _ = writeln!(out, "  #{i}{}", if ok { "" } else { "  <-- differs" });
        let _ = writeln!(
            out,
            "    expected: {}",
            e.map_or_else(|| "(nothing)".to_owned(), describe_expected)
        );
        let _ = writeln!(
            out,
            "    actual:   {}",
            a.map_or_else(|| "(nothing)".to_owned(), describe_actual)
        );
    }
    Some(out)
}

#[test]
fn every_bad_fixture_reports_exactly_the_expected_diagnostics() {
    let mut failures = String::new();
    let mut failed = 0;
    for case in CASES {
        if let Some(diff) = mismatch(case) {
            failed += 1;
            let _ = writeln!(failures, "{}:\n{diff}", case.file);
        }
    }
    assert!(
        failures.is_empty(),
        "{failed} of {} fixture(s) in tests/fixtures/bad/ report something else than expected:\n\n{failures}",
        CASES.len()
    );
}

#[test]
fn every_fixture_file_is_in_the_table_and_every_row_has_a_file() {
    let on_disk: BTreeSet<String> = std::fs::read_dir(fixtures_dir())
        .expect("tests/fixtures/bad/ exists")
        .map(|entry| {
            entry
                .expect("directory entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    let mut listed = BTreeSet::new();
    let mut twice: Vec<&str> = Vec::new();
    for case in CASES {
        if !listed.insert(case.file.to_owned()) {
            twice.push(case.file);
        }
    }
    let unlisted: Vec<&String> = on_disk.difference(&listed).collect();
    let missing: Vec<&String> = listed.difference(&on_disk).collect();
    assert!(
        unlisted.is_empty() && missing.is_empty() && twice.is_empty(),
        "the table in tests/bad_decks.rs and tests/fixtures/bad/ disagree:\n  \
         files with no row (add one to CASES): {unlisted:?}\n  \
         rows with no file: {missing:?}\n  \
         rows listed twice: {twice:?}"
    );
    assert!(CASES.len() >= 28, "keep at least 28 broken decks");
}

#[test]
fn every_row_expects_at_least_one_diagnostic_in_file_order() {
    for case in CASES {
        assert!(!case.expected.is_empty(), "{} expects nothing", case.file);
        let positions: Vec<(usize, usize)> =
            case.expected.iter().map(|e| (e.line, e.column)).collect();
        assert!(
            positions.is_sorted(),
            "{}: expected diagnostics must be in file order: {positions:?}",
            case.file
        );
    }
}

#[test]
fn a_valid_deck_with_a_byte_order_mark_loads() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bom-valid.ron");
    let bytes = std::fs::read(&path).unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "the fixture must start with a BOM"
    );
    let deck = load_deck(&path).unwrap_or_else(|e| panic!("{}", e.report().render()));
    assert_eq!(deck.id().as_str(), "fentanyl-basics");
    assert_eq!(deck.questions().len(), 1);
}

/// A file in the temp dir that is removed when dropped, even if the test fails.
struct TempFile(PathBuf);

impl TempFile {
    fn new(stem: &str) -> Self {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        Self(std::env::temp_dir().join(format!(
            "quizdesk-{stem}-{}-{nanos}.ron",
            std::process::id()
        )))
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

#[test]
fn a_file_one_byte_over_the_limit_is_too_large() {
    let file = TempFile::new("too-large");
    // A sparse file: the size is checked before anything is read, so nothing is written.
    std::fs::File::create(&file.0)
        .unwrap()
        .set_len(MAX_DECK_BYTES + 1)
        .unwrap();
    let err = load_deck(&file.0).expect_err("an oversized file must not load");
    let report = err.report();
    assert_eq!(report.path, file.0);
    assert_eq!(report.diagnostics.len(), 1, "{:?}", report.diagnostics);
    let d = &report.diagnostics[0];
    assert_eq!((d.span.start.line, d.span.start.column), (1, 1));
    assert_eq!(d.problem.code(), "too-large");
    assert_eq!(
        d.message(),
        format!(
            "this file is {} bytes; a deck may be at most {MAX_DECK_BYTES} bytes",
            MAX_DECK_BYTES + 1
        )
    );
    assert_eq!(
        d.help().as_deref(),
        Some("split the deck into several smaller decks")
    );
}

#[test]
fn a_file_exactly_at_the_limit_is_not_too_large() {
    let file = TempFile::new("at-limit");
    std::fs::File::create(&file.0)
        .unwrap()
        .set_len(MAX_DECK_BYTES)
        .unwrap();
    let err = load_deck(&file.0).expect_err("32 MiB of zero bytes is not a deck");
    let codes: Vec<&str> = err
        .report()
        .diagnostics
        .iter()
        .map(|d| d.problem.code())
        .collect();
    assert!(!codes.contains(&"too-large"), "{codes:?}");
}

#[test]
fn a_path_that_does_not_exist_is_unreadable() {
    let path = fixtures_dir().join("no-such-deck.ron");
    assert!(!path.exists());
    let os_reason = std::fs::metadata(&path).unwrap_err().to_string();
    let err = load_deck(&path).expect_err("a missing file must not load");
    let report = err.report();
    assert_eq!(report.path, path);
    assert_eq!(report.text, None);
    assert_eq!(report.diagnostics.len(), 1, "{:?}", report.diagnostics);
    let d = &report.diagnostics[0];
    assert_eq!((d.span.start.line, d.span.start.column), (1, 1));
    assert_eq!(d.problem.code(), "unreadable");
    assert_eq!(d.message(), format!("cannot read this file: {os_reason}"));
    assert_eq!(
        d.help().as_deref(),
        Some("check that the file exists and that you may read it")
    );
}

fn quizdesk(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_quizdesk"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the quizdesk binary runs")
}

#[test]
fn check_prints_location_message_snippet_caret_and_help() {
    let file = "tests/fixtures/bad/unknown-field-typo.ron";
    let out = quizdesk(&["check", file]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1), "stdout:\n{stdout}");
    let expected = format!(
        "{file}:12:13: error: unknown field `promt` in `Question`\n   \
         |\n\
         12 |             promt: \"About how much stronger than morphine is fentanyl?\",\n   \
         |             ^^^^^\n   \
         = help: did you mean `prompt`? `Question` has fields: `id`, `prompt`, `image`, `answer`, \
         `explanation`, `source`, `tags`, `time_limit_secs`, `notes`\n"
    );
    assert!(
        stdout.starts_with(&expected),
        "expected stdout to start with:\n{expected}\ngot:\n{stdout}"
    );
    assert!(
        stdout.ends_with("checked 1 deck(s): 0 valid, 1 with errors (1 error(s) in all)\n"),
        "{stdout}"
    );
}

#[test]
fn check_json_gives_line_column_and_code() {
    let file = "tests/fixtures/bad/unknown-field-typo.ron";
    let out = quizdesk(&["check", file, "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("stdout is JSON");
    assert_eq!(json["files_checked"], 1);
    assert_eq!(json["invalid"], 1);
    assert_eq!(json["errors"], 1);
    let diagnostics = json["diagnostics"].as_array().expect("a diagnostics list");
    assert_eq!(diagnostics.len(), 1, "{json:#}");
    let d = &diagnostics[0];
    assert_eq!(d["file"], file);
    assert_eq!(d["line"], 12);
    assert_eq!(d["column"], 13);
    assert_eq!(d["end_line"], 12);
    assert_eq!(d["end_column"], 18);
    assert_eq!(d["severity"], "error");
    assert_eq!(d["code"], "syntax");
    assert_eq!(d["message"], "unknown field `promt` in `Question`");
    assert!(
        d["help"]
            .as_str()
            .is_some_and(|h| h.starts_with("did you mean `prompt`?")),
        "{d:#}"
    );
}

#[test]
fn check_on_the_whole_folder_rejects_every_fixture() {
    let out = quizdesk(&["check", "tests/fixtures/bad", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("stdout is JSON");
    let files = std::fs::read_dir(fixtures_dir())
        .unwrap()
        .filter(|entry| {
            entry
                .as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "ron"))
        })
        .count();
    assert_eq!(json["files_checked"], files, "{}", json["files_checked"]);
    assert_eq!(json["valid"], 0, "a broken fixture loaded without error");
    assert_eq!(json["invalid"], files);
}

#[test]
fn check_without_a_path_is_a_usage_error() {
    let out = quizdesk(&["check"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(!out.stderr.is_empty(), "clap explains what is missing");
}
