//! Writing a deck in the format, for export.

use std::fmt::Write as _;

use super::cells::{escape, join_list};
use super::columns::{COLUMNS, EXACT, KEEP_ORDER, Kind, MULTIPLE};
use crate::csv_cell::CsvOut;
use crate::deck;

/// Writes a deck in the CSV format that [`csv()`](super::csv()) reads, with a header row and one row per
/// question, so that importing the result gives back every question's id, prompt, answer,
/// explanation, tags, time limit, speaker notes and picture (path and alt text).
///
/// What CSV has no room for is left out: the deck's title, description, authors, content note,
/// sources and resources, each question's citation, and the options' pictures. The text starts with a byte order mark,
/// so that Excel reads it as UTF-8.
pub fn to_csv(deck: &deck::Deck) -> String {
    // Every cell guarded against formulas like any CSV the app writes (see
    // [`crate::csv_cell`]); `read_row` undoes it, so an exported deck imports back the same.
    let mut csv = CsvOut::new();
    csv.record(COLUMNS);
    for q in deck.questions() {
        let (kind, correct, wrong, flag) = answer_cells(&q.answer);
        let time = q.time_limit_secs.map(|s| s.to_string()).unwrap_or_default();
        let tags = join_list(q.tags.iter().map(String::as_str));
        let source = q
            .source
            .as_ref()
            .map(|c| format!("{}: {}", c.source, c.locator))
            .unwrap_or_default();
        csv.record([
            kind.name(),
            q.prompt.as_str(),
            correct.as_str(),
            wrong.as_str(),
            q.explanation.as_deref().unwrap_or_default(),
            source.as_str(),
            tags.as_str(),
            time.as_str(),
            flag,
            q.id.as_str(),
            q.notes.as_deref().unwrap_or_default(),
            q.image.as_ref().map_or("", |p| p.file.as_str()),
            q.image.as_ref().map_or("", |p| p.alt.as_str()),
        ]);
    }
    let mut out = String::from('\u{feff}');
    out.push_str(&csv.finish());
    out
}

/// (kind, correct, wrong, flags) for an answer.
fn answer_cells(answer: &deck::Answer) -> (Kind, String, String, &'static str) {
    match answer {
        deck::Answer::Flashcard { back } => (Kind::Flashcard, back.clone(), String::new(), ""),
        deck::Answer::SingleChoice {
            options,
            keep_order,
        } => {
            let (correct, wrong) = choice_cells(options, *keep_order);
            (Kind::Single, correct, wrong, flag(*keep_order, KEEP_ORDER))
        }
        deck::Answer::MultiSelect {
            options,
            keep_order,
        } => {
            let (correct, wrong) = choice_cells(options, *keep_order);
            (Kind::Multi, correct, wrong, flag(*keep_order, KEEP_ORDER))
        }
        deck::Answer::TrueFalse { correct } => {
            (Kind::TrueFalse, correct.to_string(), String::new(), "")
        }
        deck::Answer::Numeric { accept, unit } => {
            let mut cell = match *accept {
                deck::NumericAccept::Exact {
                    value,
                    tolerance: 0.0,
                } => {
                    format!("{value}")
                }
                deck::NumericAccept::Exact { value, tolerance } => format!("{value}±{tolerance}"),
                deck::NumericAccept::Range { min, max } => format!("{min}..{max}"),
            };
            if let Some(unit) = unit {
                let _ = write!(cell, " {unit}");
            }
            (Kind::Numeric, cell, String::new(), "")
        }
        deck::Answer::Text { accepted, exact } => (
            Kind::Text,
            join_list(accepted.iter().map(String::as_str)),
            String::new(),
            flag(*exact, EXACT),
        ),
        deck::Answer::Order { items } => (
            Kind::Order,
            join_list(items.iter().map(String::as_str)),
            String::new(),
            "",
        ),
        deck::Answer::Match { pairs } => (
            Kind::Match,
            pairs
                .iter()
                .map(|p| format!("{}={}", escape(&p.left, true), escape(&p.right, true)))
                .collect::<Vec<_>>()
                .join("|"),
            String::new(),
            "",
        ),
        deck::Answer::Poll { options, multiple } => (
            Kind::Poll,
            join_list(options.iter().map(String::as_str)),
            String::new(),
            flag(*multiple, MULTIPLE),
        ),
        deck::Answer::Words { max_chars } => (
            Kind::Words,
            // The default limit is left out, as an author would write it.
            if *max_chars == deck::MAX_WORDS_CHARS {
                String::new()
            } else {
                max_chars.to_string()
            },
            String::new(),
            "",
        ),
    }
}

fn flag(on: bool, name: &'static str) -> &'static str {
    if on { name } else { "" }
}

/// (correct, wrong) cells for choice options. With `keep_order`, when a correct option comes
/// after a wrong one, every option is written in `wrong`, in order, so the order survives.
fn choice_cells(options: &[deck::Choice], keep_order: bool) -> (String, String) {
    let correct = join_list(
        options
            .iter()
            .filter(|o| o.correct)
            .map(|o| o.text.as_str()),
    );
    let first_wrong = options.iter().position(|o| !o.correct);
    let interleaved = first_wrong.is_some_and(|at| options.iter().skip(at).any(|o| o.correct));
    let wrong = if keep_order && interleaved {
        join_list(options.iter().map(|o| o.text.as_str()))
    } else {
        join_list(
            options
                .iter()
                .filter(|o| !o.correct)
                .map(|o| o.text.as_str()),
        )
    };
    (correct, wrong)
}
