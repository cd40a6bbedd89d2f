//! Grading: what the learner gave, how much of it is right, and both in words.
//!
//! Pure: a [`Response`] and the deck's [`Answer`] go in, a [`Grade`] or a string comes out.
//! Indices in a response always count in deck order (the order written in the deck file), never
//! in the shuffled order a screen showed, so a stored response means the same thing in any
//! replay.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::deck::{Answer, Choice, NumericAccept, normalize_answer};

/// How far two scores may differ and still be the same score: grades are sums and quotients of
/// small whole numbers, so anything this close is float noise.
const SCORE_EPSILON: f64 = 1e-9;

/// What the learner gave for one question, one variant per answer kind.
///
/// Every index counts in deck order, not display order. Stored as JSON, as
/// `{"kind": "Choice", "value": 2}` (`value` is left out for [`Response::NoAnswer`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
// Adjacently tagged: serde cannot write a bare number or string under an internal tag, so the
// payload goes in `value` next to `kind`.
#[serde(tag = "kind", content = "value")]
pub enum Response {
    /// The option chosen in a single-choice question.
    Choice(usize),
    /// The options selected in a multi-select question, sorted and without duplicates.
    Choices(Vec<usize>),
    /// The learner's true or false.
    TrueFalse(bool),
    /// A typed number, already parsed (see [`parse_number`]).
    Number(f64),
    /// A typed answer, as typed.
    Text(String),
    /// The learner's sequence of item indices, first to last.
    Order(Vec<usize>),
    /// For each left item in deck order, the index of the right item paired with it, if any.
    Match(Vec<Option<usize>>),
    /// A flashcard: whether the learner says they knew it.
    SelfGraded(bool),
    /// Skipped, or the time ran out.
    NoAnswer,
}

/// How right a response is.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Grade {
    /// From 0.0 (wrong) to 1.0 (right); in between is partial credit.
    pub score: f64,
}

impl Grade {
    /// Fully right.
    pub const RIGHT: Self = Self { score: 1.0 };
    /// Wrong, skipped or unanswered.
    pub const WRONG: Self = Self { score: 0.0 };

    /// A grade with `score` clamped into 0.0..=1.0 (NaN counts as 0).
    pub fn new(score: f64) -> Self {
        if score.is_nan() {
            return Self::WRONG;
        }
        Self {
            score: score.clamp(0.0, 1.0),
        }
    }

    fn from_bool(right: bool) -> Self {
        if right { Self::RIGHT } else { Self::WRONG }
    }

    /// Whether the response is fully right.
    pub fn is_correct(&self) -> bool {
        self.score >= 1.0 - SCORE_EPSILON
    }

    /// Whether the response earned some credit but not all.
    pub fn is_partial(&self) -> bool {
        self.score > SCORE_EPSILON && !self.is_correct()
    }
}

/// Grades `response` against `answer`.
///
/// - SingleChoice: right iff the chosen option is the correct one.
/// - MultiSelect: `(correct options selected − wrong options selected) / correct options`,
///   floored at 0, so selecting everything earns nothing and each wrong pick cancels a right
///   one. An index that is not an option counts as a wrong pick.
/// - TrueFalse: right iff it matches.
/// - Numeric: `Exact` is right iff `|x − value| ≤ tolerance` (plus `1e-9 × max(1, |value|)` for
///   float noise); `Range` iff `min ≤ x ≤ max`. Non-finite numbers are wrong.
/// - Text: with `exact`, the trimmed response equals a trimmed accepted answer; otherwise it
///   equals one under [`normalize_answer`] (case, accents, punctuation, spacing ignored).
/// - Order: the fraction of positions holding the right item.
/// - Match: the fraction of left items paired with their right item.
/// - Flashcard: whatever the learner said (`SelfGraded`).
///
/// [`Response::NoAnswer`] and a response of another kind than the answer score 0. Never panics.
pub fn grade(answer: &Answer, response: &Response) -> Grade {
    match (answer, response) {
        (Answer::Flashcard { .. }, Response::SelfGraded(knew)) => Grade::from_bool(*knew),
        (Answer::SingleChoice { options, .. }, Response::Choice(i)) => {
            Grade::from_bool(options.get(*i).is_some_and(|o| o.correct))
        }
        (Answer::MultiSelect { options, .. }, Response::Choices(picked)) => {
            grade_multi_select(options, picked)
        }
        (Answer::TrueFalse { correct }, Response::TrueFalse(said)) => {
            Grade::from_bool(correct == said)
        }
        (Answer::Numeric { accept, .. }, Response::Number(x)) => {
            Grade::from_bool(number_accepted(accept, *x))
        }
        (Answer::Text { accepted, exact }, Response::Text(typed)) => {
            Grade::from_bool(text_accepted(accepted, *exact, typed))
        }
        (Answer::Order { items }, Response::Order(sequence)) => {
            let in_place = (0..items.len())
                .filter(|&position| sequence.get(position) == Some(&position))
                .count();
            fraction(in_place, items.len())
        }
        (Answer::Match { pairs }, Response::Match(chosen)) => {
            let paired = (0..pairs.len())
                .filter(|&left| chosen.get(left) == Some(&Some(left)))
                .count();
            fraction(paired, pairs.len())
        }
        _ => Grade::WRONG,
    }
}

fn fraction(part: usize, whole: usize) -> Grade {
    if whole == 0 {
        return Grade::WRONG;
    }
    Grade::new(part as f64 / whole as f64)
}

fn grade_multi_select(options: &[Choice], picked: &[usize]) -> Grade {
    let correct_total = options.iter().filter(|o| o.correct).count();
    // Deduplicated here too: a response built by hand may repeat an index, and a repeat must
    // not count twice.
    let picked: BTreeSet<usize> = picked.iter().copied().collect();
    let (mut right, mut wrong) = (0usize, 0usize);
    for i in picked {
        match options.get(i) {
            Some(o) if o.correct => right += 1,
            _ => wrong += 1,
        }
    }
    if correct_total == 0 {
        return Grade::WRONG;
    }
    Grade::new((right as f64 - wrong as f64) / correct_total as f64)
}

fn number_accepted(accept: &NumericAccept, x: f64) -> bool {
    if !x.is_finite() {
        return false;
    }
    match *accept {
        NumericAccept::Exact { value, tolerance } => {
            // Decimal answers such as 8.3 ± 0.5 are not exact in binary; without the slack,
            // typing 7.8 could land a hair outside.
            let slack = 1e-9 * value.abs().max(1.0);
            (x - value).abs() <= tolerance + slack
        }
        NumericAccept::Range { min, max } => min <= x && x <= max,
    }
}

fn text_accepted(accepted: &[String], exact: bool, typed: &str) -> bool {
    if exact {
        let typed = typed.trim();
        return !typed.is_empty() && accepted.iter().any(|a| a.trim() == typed);
    }
    let typed = normalize_answer(typed);
    // An answer of nothing but punctuation normalizes to "" and must not match anything.
    !typed.is_empty() && accepted.iter().any(|a| normalize_answer(a) == typed)
}

/// Words that scale the number before them: "200k" or "1.5 million" would be read as 200 and
/// 1.5 if the word were dropped like a unit, so such input is refused instead.
const SCALE_WORDS: &[&str] = &[
    "k",
    "thousand",
    "thousands",
    "m",
    "mn",
    "mil",
    "million",
    "millions",
    "b",
    "bn",
    "billion",
    "billions",
    "trillion",
    "trillions",
];

/// Reads a number the way a learner types it into a numeric box; `None` if it is not one.
///
/// Accepts, around surrounding white space: an optional sign (`-`, `+` or `−`), an optional
/// currency sign (`$`, `€`, `£`, `¥`), digits with an optional decimal point (`3.5`, `.5`),
/// thousands separators (`1,650`, `1 650`, `12,345,678`) only where every group after the first
/// has exactly 3 digits (so `3,5` and `1,65` are refused, not guessed), then optionally `%`,
/// `x`/`×` or unit words (`83%`, `50x`, `50 times`, `200 pills per month`); the suffix is
/// ignored. A scale word (`200k`, `1.5 million`) is refused, since dropping it would change the
/// number: use [`parse_number_with_unit`] to allow one that is part of the question's unit.
/// Empty input, text without digits, and numbers too large for `f64` give `None`. Never panics.
pub fn parse_number(input: &str) -> Option<f64> {
    let (value, suffix) = split_number(input)?;
    if suffix_is_ignorable(suffix) {
        Some(value)
    } else {
        None
    }
}

/// [`parse_number`], also accepting the question's own unit (or its first words) after the
/// number, even when it starts with a scale word: with the unit "million km", "150 million km"
/// and "150 million" both read as 150.
pub fn parse_number_with_unit(input: &str, unit: Option<&str>) -> Option<f64> {
    let (value, suffix) = split_number(input)?;
    if suffix_is_ignorable(suffix) {
        return Some(value);
    }
    let unit_words = normalize_answer(unit?);
    let suffix_words = normalize_answer(suffix);
    let is_unit_prefix = !suffix_words.is_empty()
        && unit_words
            .strip_prefix(&suffix_words)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '));
    // The suffix must still be plain words: "150 million!!km" is not the unit.
    (is_unit_prefix && suffix_is_words(suffix)).then_some(value)
}

/// Splits input into the number it starts with and the trimmed rest.
fn split_number(input: &str) -> Option<(f64, &str)> {
    let mut rest = input.trim();
    let mut digits = String::new();
    if let Some(r) = rest
        .strip_prefix('-')
        .or_else(|| rest.strip_prefix('\u{2212}'))
    {
        digits.push('-');
        rest = r;
    } else if let Some(r) = rest.strip_prefix('+') {
        rest = r;
    }
    if let Some(r) = rest.strip_prefix(['$', '€', '£', '¥']) {
        rest = r.trim_start();
    }

    let (integer, after_integer) = split_integer(rest);
    digits.push_str(&integer);
    rest = after_integer;
    let mut fraction_digits = 0;
    if let Some(r) = rest.strip_prefix('.') {
        let fraction_len = leading_digits(r);
        fraction_digits = fraction_len;
        digits.push('.');
        digits.push_str(&r[..fraction_len]);
        rest = &r[fraction_len..];
    }
    if integer.is_empty() && fraction_digits == 0 {
        return None;
    }
    // A bare "." or "5." is completed so Rust's parser reads it the same on every input.
    if fraction_digits == 0 && digits.ends_with('.') {
        digits.push('0');
    }
    let value: f64 = digits.parse().ok()?;
    value.is_finite().then_some((value, rest.trim()))
}

/// The integer part at the start of `text`, with thousands separators removed, and the rest.
fn split_integer(text: &str) -> (String, &str) {
    let first = leading_digits(text);
    let mut integer = text[..first].to_owned();
    let mut rest = &text[first..];
    if first == 0 || first > 3 {
        return (integer, rest);
    }
    // Once a separator is used, every later one must be the same: "1,650 000" is not a number.
    let mut separator: Option<char> = None;
    while let Some(sep) = rest.chars().next() {
        let is_separator = matches!(sep, ',' | ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}');
        if !is_separator || separator.is_some_and(|s| s != sep) {
            break;
        }
        let group = &rest[sep.len_utf8()..];
        if leading_digits(group) != 3 {
            break;
        }
        separator = Some(sep);
        integer.push_str(&group[..3]);
        rest = &group[3..];
    }
    (integer, rest)
}

fn leading_digits(text: &str) -> usize {
    text.bytes().take_while(u8::is_ascii_digit).count()
}

/// Whether what follows a number may be dropped: nothing, `%`, `x`, or unit words that do not
/// start with a scale word.
fn suffix_is_ignorable(suffix: &str) -> bool {
    if suffix.is_empty() || matches!(suffix, "%" | "x" | "X" | "×") {
        return true;
    }
    let first_word = suffix
        .split(|c: char| c.is_whitespace() || c == '.')
        .next()
        .unwrap_or_default()
        .to_lowercase();
    suffix_is_words(suffix) && !SCALE_WORDS.contains(&first_word.as_str())
}

/// Whether `text` is one or more words of letters (with `.`, `'`, `-` or `/` inside, as in
/// "km/h" or "yrs."), each starting with a letter.
fn suffix_is_words(text: &str) -> bool {
    !text.is_empty()
        && text.split_whitespace().all(|word| {
            word.chars().next().is_some_and(char::is_alphabetic)
                && word
                    .chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '.' | '\'' | '-' | '/'))
        })
}

/// The right answer in words, for feedback and review.
///
/// One line for most kinds: the correct option, the correct options joined by "; ", "True" or
/// "False", the number with its tolerance or range and unit ("8.3 ± 0.5 minutes", "50 to 100
/// times", "80%"), the first accepted text, or a flashcard's back. Order gives one numbered line
/// per item ("1. Mercury"), Match one "left: right" line per pair.
pub fn correct_answer_text(answer: &Answer) -> String {
    match answer {
        Answer::Flashcard { back } => back.clone(),
        Answer::SingleChoice { options, .. } | Answer::MultiSelect { options, .. } => options
            .iter()
            .filter(|o| o.correct)
            .map(|o| o.text.as_str())
            .collect::<Vec<_>>()
            .join("; "),
        Answer::TrueFalse { correct } => true_false_text(*correct).to_owned(),
        Answer::Numeric { accept, unit } => {
            let unit = unit.as_deref();
            match *accept {
                NumericAccept::Exact { value, tolerance } if tolerance > 0.0 => with_unit(
                    &format!("{} ± {}", format_number(value), format_number(tolerance)),
                    unit,
                ),
                NumericAccept::Exact { value, .. } => with_unit(&format_number(value), unit),
                NumericAccept::Range { min, max } if min == max => {
                    with_unit(&format_number(min), unit)
                }
                NumericAccept::Range { min, max } => with_unit(
                    &format!("{} to {}", format_number(min), format_number(max)),
                    unit,
                ),
            }
        }
        Answer::Text { accepted, .. } => accepted.first().cloned().unwrap_or_default(),
        Answer::Order { items } => numbered_lines(items.iter().map(String::as_str)),
        Answer::Match { pairs } => pairs
            .iter()
            .map(|p| format!("{}: {}", p.left, p.right))
            .collect::<Vec<_>>()
            .join("\n"),
        Answer::Poll { .. } | Answer::Words { .. } => NO_RIGHT_ANSWER.to_owned(),
    }
}

/// What a poll or a words question shows where others show the right answer.
pub const NO_RIGHT_ANSWER: &str = "There is no right answer: this asks what you think.";

/// The learner's response in words, for review screens and history: option texts rather than
/// indices, laid out like [`correct_answer_text`] so the two can be shown side by side.
///
/// "(no answer)" for [`Response::NoAnswer`] or blank text, "(nothing selected)" for an empty
/// multi-select, "(not placed)" for an unpaired match item, "?" for an index the question does
/// not have, and "(answer of another kind)" for a response that does not fit the question.
pub fn response_text(answer: &Answer, response: &Response) -> String {
    const UNKNOWN: &str = "?";
    match (answer, response) {
        (_, Response::NoAnswer) => "(no answer)".to_owned(),
        (Answer::Flashcard { .. }, Response::SelfGraded(knew)) => {
            let said = if *knew { "Knew it" } else { "Did not know it" };
            said.to_owned()
        }
        (Answer::SingleChoice { options, .. }, Response::Choice(i)) => options
            .get(*i)
            .map_or(UNKNOWN, |o| o.text.as_str())
            .to_owned(),
        (Answer::MultiSelect { options, .. }, Response::Choices(picked)) => {
            if picked.is_empty() {
                return "(nothing selected)".to_owned();
            }
            picked
                .iter()
                .map(|&i| options.get(i).map_or(UNKNOWN, |o| o.text.as_str()))
                .collect::<Vec<_>>()
                .join("; ")
        }
        (Answer::TrueFalse { .. }, Response::TrueFalse(said)) => true_false_text(*said).to_owned(),
        (Answer::Numeric { unit, .. }, Response::Number(x)) => {
            with_unit(&format_number(*x), unit.as_deref())
        }
        (Answer::Text { .. }, Response::Text(typed)) => {
            let typed = typed.trim();
            if typed.is_empty() {
                "(no answer)".to_owned()
            } else {
                typed.to_owned()
            }
        }
        (Answer::Order { items }, Response::Order(sequence)) => numbered_lines(
            sequence
                .iter()
                .map(|&i| items.get(i).map_or(UNKNOWN, String::as_str)),
        ),
        (Answer::Match { pairs }, Response::Match(chosen)) => pairs
            .iter()
            .enumerate()
            .map(|(left, pair)| {
                let right = match chosen.get(left).copied().flatten() {
                    Some(r) => pairs.get(r).map_or(UNKNOWN, |p| p.right.as_str()),
                    None => "(not placed)",
                };
                format!("{}: {right}", pair.left)
            })
            .collect::<Vec<_>>()
            .join("\n"),
        (Answer::Poll { options, .. }, Response::Choice(i)) => {
            options.get(*i).map_or(UNKNOWN, String::as_str).to_owned()
        }
        (Answer::Poll { options, .. }, Response::Choices(picked)) => {
            if picked.is_empty() {
                return "(nothing selected)".to_owned();
            }
            picked
                .iter()
                .map(|&i| options.get(i).map_or(UNKNOWN, String::as_str))
                .collect::<Vec<_>>()
                .join("; ")
        }
        (Answer::Words { .. }, Response::Text(typed)) => {
            let typed = typed.trim();
            if typed.is_empty() {
                "(no answer)".to_owned()
            } else {
                typed.to_owned()
            }
        }
        _ => "(answer of another kind)".to_owned(),
    }
}

fn true_false_text(value: bool) -> &'static str {
    if value { "True" } else { "False" }
}

fn numbered_lines<'a>(items: impl Iterator<Item = &'a str>) -> String {
    items
        .enumerate()
        .map(|(i, item)| format!("{}. {item}", i + 1))
        .collect::<Vec<_>>()
        .join("\n")
}

/// `number` followed by `unit`: "80%" sticks to the number, words get a space.
fn with_unit(number: &str, unit: Option<&str>) -> String {
    match unit {
        Some("%") => format!("{number}%"),
        Some(unit) if !unit.is_empty() => format!("{number} {unit}"),
        _ => number.to_owned(),
    }
}

/// A number for people: no exponent, no "-0", and thousands separators from five digits up
/// ("12,000" but "1650", so years read as years).
fn format_number(x: f64) -> String {
    if x == 0.0 {
        return "0".to_owned();
    }
    let text = x.to_string();
    let (sign, unsigned) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    let (integer, fraction) = match unsigned.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (unsigned, None),
    };
    if integer.len() < 5 || !integer.bytes().all(|b| b.is_ascii_digit()) {
        return text;
    }
    let mut grouped = String::with_capacity(integer.len() + integer.len() / 3);
    for (i, c) in integer.chars().enumerate() {
        if i > 0 && (integer.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match fraction {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests;
