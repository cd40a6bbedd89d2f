//! Kahoot's quiz spreadsheet (.xlsx): the template Kahoot offers under "Import spreadsheet".
//!
//! Laid out like Kahoot's template: any title rows, then a header row with the columns
//! "Question", "Answer 1" … "Answer 4", "Time limit (sec)" and "Correct answer(s)", then one
//! question per row. [`super::xlsx`] opens the spreadsheet, within its limits, and hands a
//! sheet with this header row here.

use std::collections::BTreeSet;

use calamine::{Data, Range};

use super::xlsx::{is_blank, text};
use super::{Collector, Draft, ImportError, ImportOptions, Imported};
use crate::deck::{MAX_TIME_LIMIT_SECS, raw};

/// Where Kahoot's columns are, as indices into a row of the sheet's range.
pub(super) struct Columns {
    question: usize,
    /// (answer number, column), by answer number.
    answers: Vec<(u32, usize)>,
    time_limit: Option<usize>,
    correct: usize,
}

/// Imports the questions below Kahoot's header row, at index `header` of the sheet's `range`
/// whose first row is the sheet's row `top + 1`.
///
/// One correct answer makes a single-choice question and several make a multi-select
/// one; the answers keep Kahoot's order (and are shuffled when shown, as in Kahoot). Row
/// numbers are the sheet's. Columns other than Kahoot's (such as the question number) are
/// ignored.
///
/// A row is skipped, never guessed at, when its question is empty, it has fewer than 2 answers,
/// its correct-answer numbers are missing or point at an answer that is not there or is empty,
/// every answer is marked correct, or its time limit is not 1 to 3600 whole seconds.
pub(super) fn read_sheet(
    mut collector: Collector,
    range: &Range<Data>,
    top: usize,
    (header, columns): (usize, Columns),
    options: &ImportOptions,
) -> Result<Imported, ImportError> {
    for (i, row) in range.rows().enumerate().skip(header + 1) {
        read_row(&mut collector, top + i + 1, row, &columns);
    }
    collector.finish(options)
}

/// Kahoot's header row in a sheet: its index in the range and its columns; `None` if the sheet
/// has none, an error naming what is missing if it lacks a column quizdesk needs.
pub(super) fn find_header(
    range: &Range<Data>,
    top: usize,
) -> Option<Result<(usize, Columns), ImportError>> {
    range.rows().enumerate().find_map(|(i, row)| {
        let names: Vec<String> = row
            .iter()
            .map(|cell| match cell {
                Data::String(s) => s.trim().to_lowercase(),
                _ => String::new(),
            })
            .collect();
        let question = names.iter().position(|n| n.starts_with("question"))?;
        if !names.iter().any(|n| n.starts_with("answer")) {
            return None;
        }
        let mut answers: Vec<(u32, usize)> = names
            .iter()
            .enumerate()
            .filter_map(|(col, n)| {
                let digits: String = n
                    .strip_prefix("answer")?
                    .trim_start()
                    .chars()
                    .take_while(char::is_ascii_digit)
                    .collect();
                Some((digits.parse().ok()?, col))
            })
            .collect();
        answers.sort_unstable();
        answers.dedup_by_key(|(number, _)| *number);
        let time_limit = names.iter().position(|n| n.starts_with("time limit"));
        let correct = names.iter().position(|n| n.starts_with("correct answer"));

        let mut missing = Vec::new();
        for number in [1, 2] {
            if !answers.iter().any(|(n, _)| *n == number) {
                missing.push(format!("Answer {number}"));
            }
        }
        if correct.is_none() {
            missing.push("Correct answer(s)".to_owned());
        }
        Some(match correct {
            Some(correct) if missing.is_empty() => Ok((
                i,
                Columns {
                    question,
                    answers,
                    time_limit,
                    correct,
                },
            )),
            _ => Err(ImportError::MissingKahootColumns {
                row: top + i + 1,
                names: missing,
            }),
        })
    })
}

/// Reads one question row; `row_number` is the sheet's.
fn read_row(collector: &mut Collector, row_number: usize, row: &[Data], columns: &Columns) {
    let cell = |col: usize| row.get(col).unwrap_or(&Data::Empty);
    let mut used = vec![columns.question, columns.correct];
    used.extend(columns.answers.iter().map(|(_, col)| *col));
    used.extend(columns.time_limit);
    if used.iter().all(|&col| is_blank(cell(col))) {
        return;
    }
    match read_question(columns, &cell) {
        Ok(draft) => collector.add(row_number, None, draft),
        Err(reason) => collector.skip(row_number, reason),
    }
}

fn read_question<'r>(
    columns: &Columns,
    cell: &impl Fn(usize) -> &'r Data,
) -> Result<Draft, String> {
    let prompt = text(cell(columns.question), "the question")?;
    if prompt.is_empty() {
        return Err("the question is empty".to_owned());
    }
    let mut answers: Vec<(u32, String)> = Vec::with_capacity(columns.answers.len());
    for &(number, col) in &columns.answers {
        answers.push((number, text(cell(col), &format!("answer {number}"))?));
    }
    let filled = answers.iter().filter(|(_, a)| !a.is_empty()).count();
    if filled < 2 {
        return Err(format!(
            "the question has {filled} answer(s); it needs at least 2"
        ));
    }

    let correct = correct_numbers(cell(columns.correct))?;
    let last = columns.answers.last().map_or(0, |(n, _)| *n);
    for number in &correct {
        match answers.iter().find(|(n, _)| n == number) {
            None => {
                return Err(format!(
                    "correct answer {number} does not exist; the answers are numbered 1 to {last}"
                ));
            }
            Some((_, answer)) if answer.is_empty() => {
                return Err(format!(
                    "correct answer {number} points at an empty answer; fill in answer {number} or correct the number"
                ));
            }
            Some(_) => {}
        }
    }
    if correct.len() == filled {
        return Err(
            "every answer is marked correct; a question needs at least one wrong answer".to_owned(),
        );
    }

    let time_limit_secs = match columns.time_limit.map(cell) {
        None => None,
        Some(limit) if is_blank(limit) => None,
        Some(limit) => Some(time_limit(limit)?),
    };

    let options: Vec<raw::Choice> = answers
        .into_iter()
        .filter(|(_, a)| !a.is_empty())
        .map(|(number, a)| {
            if correct.contains(&number) {
                raw::Choice::Correct(a)
            } else {
                raw::Choice::Wrong(a)
            }
        })
        .collect();
    let answer = if correct.len() == 1 {
        raw::Answer::SingleChoice {
            options,
            keep_order: false,
        }
    } else {
        raw::Answer::MultiSelect {
            options,
            keep_order: false,
        }
    };
    Ok(Draft {
        prompt,
        answer,
        explanation: None,
        tags: Vec::new(),
        time_limit_secs,
        source: None,
        notes: None,
        image: None,
    })
}

/// The answer numbers in a "Correct answer(s)" cell, such as `2` or `1,3`.
fn correct_numbers(cell: &Data) -> Result<BTreeSet<u32>, String> {
    let written = text(cell, "the correct answer(s)")?;
    let mut numbers = BTreeSet::new();
    for token in written
        .split([',', ';', ' '])
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        let number = token
            .parse::<u32>()
            .ok()
            .filter(|n| *n >= 1)
            .ok_or_else(|| {
                format!(
                    "`{token}` in Correct answer(s) is not an answer number; write the number of each right answer, such as 2 or 1,3"
                )
            })?;
        numbers.insert(number);
    }
    if numbers.is_empty() {
        return Err(
            "no correct answer is given; write the number of each right answer in Correct answer(s), such as 2 or 1,3"
                .to_owned(),
        );
    }
    Ok(numbers)
}

fn time_limit(cell: &Data) -> Result<u32, String> {
    let secs = match cell {
        Data::Int(n) => u32::try_from(*n).ok(),
        // Whole numbers only, so the cast is exact.
        Data::Float(f) if f.fract() == 0.0 && *f >= 0.0 && *f <= f64::from(u32::MAX) => {
            Some(*f as u32)
        }
        Data::String(s) => s.trim().parse::<u32>().ok(),
        _ => None,
    };
    secs.filter(|s| (1..=MAX_TIME_LIMIT_SECS).contains(s))
        .ok_or_else(|| {
            format!(
                "the time limit `{cell}` is not a whole number of seconds from 1 to {MAX_TIME_LIMIT_SECS}; fix it or clear the cell for no limit"
            )
        })
}
