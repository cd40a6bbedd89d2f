//! Quizlet's text export ("Export" in a Quizlet set): one card per row, term then definition.

use std::collections::HashMap;

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use super::{Collector, Draft, ImportError, ImportOptions, Imported, display_key};
use crate::deck::raw;

/// What separates a card's term from its definition in a Quizlet export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TermSeparator {
    /// A tab (Quizlet's default).
    Tab,
    /// A comma. The first comma of a card ends the term, so a term may not contain one.
    Comma,
    /// Any other text, as typed in Quizlet's "Custom" box; not empty.
    Custom(String),
}

impl TermSeparator {
    fn as_str(&self) -> &str {
        match self {
            Self::Tab => "\t",
            Self::Comma => ",",
            Self::Custom(s) => s,
        }
    }

    /// The separator's text, and its name for messages.
    fn into_text_and_name(self) -> (String, String) {
        match self {
            Self::Tab => ("\t".to_owned(), "tab".to_owned()),
            Self::Comma => (",".to_owned(), "comma".to_owned()),
            Self::Custom(s) => {
                let name = format!("`{s}`");
                (s, name)
            }
        }
    }
}

/// What separates one card from the next in a Quizlet export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CardSeparator {
    /// A new line (Quizlet's default); Windows line endings work too.
    NewLine,
    /// A semicolon. Definitions may then span several lines.
    Semicolon,
    /// Any other text, as typed in Quizlet's "Custom" box; not empty.
    Custom(String),
}

impl CardSeparator {
    fn as_str(&self) -> &str {
        match self {
            Self::NewLine => "\n",
            Self::Semicolon => ";",
            Self::Custom(s) => s,
        }
    }

    fn into_text(self) -> String {
        match self {
            Self::Custom(s) => s,
            other => other.as_str().to_owned(),
        }
    }
}

/// Guesses the separators of a Quizlet export: a tab between term and definition if the text
/// has one, else a comma; and whichever of a new line or a semicolon between cards splits the
/// text into more cards with exactly one term separator each (a new line when they tie).
///
/// Custom separators are never guessed; pass them to [`quizlet`] yourself.
pub fn detect_quizlet_separators(text: &str) -> (TermSeparator, CardSeparator) {
    let term = if text.contains('\t') || !text.contains(',') {
        TermSeparator::Tab
    } else {
        TermSeparator::Comma
    };
    let score = |cards: &CardSeparator| -> i64 {
        text.split(cards.as_str())
            .filter(|card| !card.trim().is_empty())
            .map(|card| {
                if card.matches(term.as_str()).count() == 1 {
                    1
                } else {
                    -1
                }
            })
            .sum()
    };
    let card = if score(&CardSeparator::Semicolon) > score(&CardSeparator::NewLine) {
        CardSeparator::Semicolon
    } else {
        CardSeparator::NewLine
    };
    (term, card)
}

/// Imports a Quizlet text export: each card becomes a flashcard (prompt = term, back =
/// definition), or with [`ImportOptions::as_choice`] a single-choice question whose right option
/// is the definition and whose wrong options are up to 3 other cards' definitions, picked with
/// [`ImportOptions::seed`].
///
/// Empty cards and cards missing a term or a definition are skipped, as are (with `as_choice`)
/// cards with fewer than 2 other distinct definitions to pick wrong options from. Row numbers
/// are card positions, counting from 1.
pub fn quizlet(
    text: &str,
    term_sep: TermSeparator,
    card_sep: CardSeparator,
    options: &ImportOptions,
) -> Result<Imported, ImportError> {
    let (term_sep, term_sep_name) = term_sep.into_text_and_name();
    let card_sep = card_sep.into_text();
    if term_sep.is_empty() {
        return Err(ImportError::EmptySeparator {
            which: "term",
            between: "a term and its definition",
        });
    }
    if card_sep.is_empty() {
        return Err(ImportError::EmptySeparator {
            which: "card",
            between: "two cards",
        });
    }
    let mut collector = Collector::new(options)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // A Windows line ending leaves a `\r` at the end of a card, which trimming removes.
    let mut pieces: Vec<&str> = text.split(card_sep.as_str()).collect();
    // The export may end with a separator; what follows the last one is not a card.
    while pieces.last().is_some_and(|last| last.trim().is_empty()) {
        pieces.pop();
    }

    let mut cards: Vec<(usize, String, String)> = Vec::new();
    for (i, piece) in pieces.iter().enumerate() {
        let row = i + 1;
        if piece.trim().is_empty() {
            collector.skip(row, "the card is empty");
            continue;
        }
        let Some((term, definition)) = piece.split_once(term_sep.as_str()) else {
            collector.skip(
                row,
                format!("there is no {term_sep_name} between the term and the definition"),
            );
            continue;
        };
        let (term, definition) = (term.trim(), definition.trim());
        match (term.is_empty(), definition.is_empty()) {
            (true, true) => collector.skip(row, "the card has neither a term nor a definition"),
            (true, false) => collector.skip(row, "the card has no term"),
            (false, true) => collector.skip(row, "the card has no definition"),
            (false, false) => cards.push((
                row,
                term.replace("\r\n", "\n"),
                definition.replace("\r\n", "\n"),
            )),
        }
    }

    if options.as_choice {
        add_choices(&mut collector, &cards, options.seed);
    } else {
        for (row, term, definition) in cards {
            collector.add(
                row,
                None,
                draft(term, raw::Answer::Flashcard { back: definition }),
            );
        }
    }
    collector.finish(options)
}

/// The number of wrong options a choice question made from a card gets, when there are enough.
const DISTRACTORS: usize = 3;
/// The fewest wrong options a card needs to become a choice question.
const MIN_DISTRACTORS: usize = 2;

fn add_choices(collector: &mut Collector, cards: &[(usize, String, String)], seed: u64) {
    // Every distinct definition, in the order first seen, so the seed alone decides the picks;
    // and for each card, the index of its own definition in that pool.
    let mut pool: Vec<&str> = Vec::new();
    let mut index_of: HashMap<String, usize> = HashMap::new();
    let own: Vec<usize> = cards
        .iter()
        .map(|(_, _, definition)| {
            *index_of.entry(display_key(definition)).or_insert_with(|| {
                pool.push(definition);
                pool.len() - 1
            })
        })
        .collect();
    let others = pool.len().saturating_sub(1);
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    for ((row, term, definition), own) in cards.iter().zip(own) {
        if others < MIN_DISTRACTORS {
            collector.skip(
                *row,
                format!(
                    "only {others} other card(s) have a different definition, and a choice question needs at least {MIN_DISTRACTORS} wrong options; import without choices to make flashcards"
                ),
            );
            continue;
        }
        let mut options = vec![raw::Choice::Correct(definition.clone())];
        // Picks among the other definitions: indices from `own` on are shifted past it.
        options.extend(
            rand::seq::index::sample(&mut rng, others, others.min(DISTRACTORS))
                .into_iter()
                .map(|k| if k >= own { k + 1 } else { k })
                .filter_map(|k| pool.get(k))
                .map(|d| raw::Choice::Wrong((*d).to_owned())),
        );
        collector.add(
            *row,
            None,
            draft(
                term.clone(),
                raw::Answer::SingleChoice {
                    options,
                    keep_order: false,
                },
            ),
        );
    }
}

fn draft(prompt: String, answer: raw::Answer) -> Draft {
    Draft {
        prompt,
        answer,
        explanation: None,
        tags: Vec::new(),
        time_limit_secs: None,
        source: None,
        notes: None,
        image: None,
    }
}
