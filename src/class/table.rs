//! The class table: results files merged (each session and each answer once), then one deck's
//! quiz answers as students by questions.
//!
//! The numbers, as the docs (`docs/class-results.md`) define them:
//! - a **cell** is one student's mean score on one question over all their quiz answers to it,
//!   as a percent, with how many answers that is;
//! - a **student's score** is the mean of their cells: each question they answered counts once,
//!   however often they answered it; questions they never answered do not count;
//! - a question's **class accuracy** is the mean of the cells in its column: each student who
//!   answered it counts once;
//! - the **class score** is the mean of the students' scores.
//!
//! Only quiz answers count. Flashcard reviews (sessions in study mode, answers with a rating)
//! measure remembering, not the test, and are left out.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::merge::{Merged, MergedFiles, StudentKey, merge};
use super::read::ResultsRead;
use crate::csv_cell::CsvOut;
use crate::deck::{Deck, DeckId, QuestionId};
use crate::store::{Mode, SessionRecord};

/// Which deck the table is for.
#[derive(Clone, Copy, Debug)]
pub enum TableDeck<'a> {
    /// The deck id the files have the most quiz sessions of; columns are question ids in the
    /// order they were first answered, and the reference version is the one most of its
    /// sessions were taken on.
    MostSessions,
    /// This deck id, without the deck itself (columns and version as for `MostSessions`).
    Id(&'a str),
    /// This deck: its questions are the columns, in deck order, with their prompts, and its
    /// version is the reference version.
    Reference(&'a Deck),
}

/// How the table's deck was chosen, so the teacher can be told.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DeckChoice {
    /// The deck the files have the most quiz sessions of.
    MostSessions,
    /// The deck id asked for.
    Asked,
    /// The deck itself was given.
    Reference,
}

/// The deck the table is for.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TableDeckInfo {
    /// Its id.
    pub id: DeckId,
    /// Its title: the reference deck's, or the one its latest session was taken under.
    pub title: String,
    /// The version the table is for: the reference deck's, or the one most of its sessions
    /// were taken on; `None` when no session says (all exported by an older quizdesk).
    pub version: Option<u32>,
    /// How it was chosen.
    pub chosen: DeckChoice,
}

/// A deck id found in the files, with how much was done on it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DeckCount {
    /// The deck id.
    pub id: DeckId,
    /// The title its latest session was taken under.
    pub title: String,
    /// Quiz sessions with answers on it (each counted once, however many files hold it).
    pub sessions: usize,
    /// Students with a quiz session on it.
    pub students: usize,
}

/// One question column.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Column {
    /// The question id (the CSV header).
    pub id: QuestionId,
    /// The question's text, when the deck is known.
    pub prompt: Option<String>,
    /// With a reference deck: whether the deck has this question (answered ids it does not
    /// have, from another version, come last with `false`). `None` without a reference deck.
    pub in_deck: Option<bool>,
}

/// One student's result on one question.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Cell {
    /// Their mean score over their quiz answers to it, 0 to 100.
    pub percent: f64,
    /// How many quiz answers that is.
    pub answers: usize,
}

/// A deck version some sessions were answered on that is not the table's version.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct VersionFlag {
    /// The version answered; `None` when the session does not say (an older quizdesk).
    pub answered: Option<u32>,
    /// How many quiz sessions were answered on it.
    pub sessions: usize,
}

/// One student's row.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StudentRow {
    /// Their profile name, as first seen (trimmed).
    pub name: String,
    /// One per column; `None` where they did not answer.
    pub cells: Vec<Option<Cell>>,
    /// The mean of their cells, 0 to 100 (each question they answered counts once).
    pub score_percent: f64,
    /// How many questions they answered.
    pub questions_answered: usize,
    /// How many quiz answers they gave on this deck, repeats included.
    pub answers: usize,
    /// Sessions they took on another version of the deck than the table's (still counted).
    pub version_flags: Vec<VersionFlag>,
}

/// The class's result on one question.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct QuestionAccuracy {
    /// The mean of the students' cells in this column, 0 to 100.
    pub percent: f64,
    /// How many students answered it.
    pub students: usize,
}

/// What one results file brought.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FileSummary {
    /// The file's label.
    pub file: String,
    /// The profile names in it (trimmed, as written); a profile with no name as the table names
    /// it, `(no name, in FILE)` after the first file it came from.
    pub students: Vec<String>,
    /// Its sessions, of every deck and mode.
    pub sessions: usize,
    /// Of those, the ones already read from an earlier file (merged: counted once).
    pub duplicate_sessions: usize,
    /// The earlier files (indexes into the files given) those duplicates were first read from.
    pub duplicate_of: Vec<usize>,
    /// Its quiz answers on the table's deck, including any already read from another file.
    pub quiz_answers: usize,
    /// Its flashcard reviews on the table's deck (not counted).
    pub flashcard_reviews: usize,
    /// Its sessions on other decks (not in this table).
    pub other_deck_sessions: usize,
    /// Its quiz sessions on the table's deck taken on another version than the table's.
    pub version_flags: Vec<VersionFlag>,
    /// What was left out when it was read.
    pub warnings: Vec<String>,
}

/// Students by questions for one deck, from many results files.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClassTable {
    /// The deck the table is for; `None` when the files hold no quiz session at all.
    pub deck: Option<TableDeckInfo>,
    /// Every deck id with quiz sessions in the files, most sessions first.
    pub decks: Vec<DeckCount>,
    /// The question columns.
    pub columns: Vec<Column>,
    /// The students with at least one quiz answer on the deck, sorted by name (any case).
    pub students: Vec<StudentRow>,
    /// One per column; `None` where no student answered.
    pub accuracy: Vec<Option<QuestionAccuracy>>,
    /// The mean of the students' scores, 0 to 100.
    pub class_score_percent: Option<f64>,
    /// One per file given, in the same order.
    pub files: Vec<FileSummary>,
    /// Sessions found in more than one file (or twice in one), counted once.
    pub duplicate_sessions: usize,
    /// Answers found more than once (in duplicate sessions), counted once.
    pub duplicate_answers: usize,
}

/// The name of the row under the students in the CSV: the class's accuracy per question.
pub const CLASS_ROW_NAME: &str = "(class accuracy)";

/// Every deck id with quiz sessions that have answers, most sessions first (then by id, so the
/// choice is stable). Sessions left before the first answer do not count: a deck many students
/// opened and left must not win over the one they were tested on.
fn deck_counts(sessions: &[Merged<'_>]) -> Vec<DeckCount> {
    let mut counts: Vec<(DeckCount, HashSet<&StudentKey>, i64)> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    let answered = |s: &&Merged<'_>| {
        s.record.mode == Mode::Quiz && s.attempts.iter().any(|a| a.rating.is_none())
    };
    for session in sessions.iter().filter(answered) {
        let record = session.record;
        let i = *index.entry(&record.deck_id).or_insert_with(|| {
            counts.push((
                DeckCount {
                    id: DeckId::new_unchecked(record.deck_id.clone()),
                    title: record.deck_title.clone(),
                    sessions: 0,
                    students: 0,
                },
                HashSet::new(),
                record.started_ms,
            ));
            counts.len() - 1
        });
        let (count, students, latest_ms) = &mut counts[i];
        count.sessions += 1;
        students.insert(&session.student);
        if record.started_ms > *latest_ms {
            *latest_ms = record.started_ms;
            count.title.clone_from(&record.deck_title);
        }
    }
    let mut counts: Vec<DeckCount> = counts
        .into_iter()
        .map(|(mut count, students, _)| {
            count.students = students.len();
            count
        })
        .collect();
    counts.sort_by(|a, b| b.sessions.cmp(&a.sessions).then_with(|| a.id.cmp(&b.id)));
    counts
}

/// The version most of the deck's quiz sessions were taken on (the newest among equals);
/// `None` when none says.
fn most_common_version(sessions: &[Merged<'_>], deck_id: &str) -> Option<u32> {
    let mut counts: HashMap<u32, usize> = HashMap::new();
    for session in sessions.iter().filter(|s| s.counts_in_table(deck_id)) {
        if let Some(version) = session.record.deck_version {
            *counts.entry(version).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)))
        .map(|(version, _)| version)
}

/// Sessions per version that is not the table's, newest first, unknown last.
fn version_flags<'s>(
    sessions: impl Iterator<Item = &'s SessionRecord>,
    table_version: Option<u32>,
) -> Vec<VersionFlag> {
    // With no reference version there is nothing to differ from.
    let Some(table_version) = table_version else {
        return Vec::new();
    };
    let mut counts: HashMap<Option<u32>, usize> = HashMap::new();
    for session in sessions {
        if session.deck_version != Some(table_version) {
            *counts.entry(session.deck_version).or_default() += 1;
        }
    }
    let mut flags: Vec<VersionFlag> = counts
        .into_iter()
        .map(|(answered, sessions)| VersionFlag { answered, sessions })
        .collect();
    // `None` sorts first in `Option`'s order; reversed, unknown versions come last.
    flags.sort_by_key(|f| std::cmp::Reverse(f.answered));
    flags
}

/// Adds up one student's answers per question.
#[derive(Default)]
struct Tally {
    score_sum: f64,
    answers: usize,
}

/// Builds the class table for one deck from results files (each file once in `files`, in the
/// order the teacher added them: a duplicate is reported against the earlier file).
pub fn class_table(files: &[&ResultsRead], deck: TableDeck<'_>) -> ClassTable {
    let merged = merge(files);
    let decks = deck_counts(&merged.sessions);
    let chosen = match deck {
        TableDeck::Reference(d) => Some((
            d.id().as_str().to_owned(),
            d.title().to_owned(),
            DeckChoice::Reference,
        )),
        TableDeck::Id(id) => Some((
            id.to_owned(),
            decks
                .iter()
                .find(|d| d.id.as_str() == id)
                .map_or_else(|| id.to_owned(), |d| d.title.clone()),
            DeckChoice::Asked,
        )),
        TableDeck::MostSessions => decks.first().map(|d| {
            (
                d.id.as_str().to_owned(),
                d.title.clone(),
                DeckChoice::MostSessions,
            )
        }),
    };
    let Some((deck_id, title, choice)) = chosen else {
        return ClassTable {
            deck: None,
            decks,
            columns: Vec::new(),
            students: Vec::new(),
            accuracy: Vec::new(),
            class_score_percent: None,
            files: file_summaries(files, &merged, "", None),
            duplicate_sessions: merged.duplicates.iter().sum(),
            duplicate_answers: merged.duplicate_answers,
        };
    };
    let version = match deck {
        TableDeck::Reference(d) => Some(d.version()),
        _ => most_common_version(&merged.sessions, &deck_id),
    };

    // Columns: the deck's questions first, in its order; then answered ids in first-seen order.
    let mut columns: Vec<Column> = Vec::new();
    let mut column_of: HashMap<String, usize> = HashMap::new();
    if let TableDeck::Reference(d) = deck {
        // Polls and words questions have no right answer: no column to score.
        for q in d.questions().iter().filter(|q| q.answer.is_scored()) {
            column_of.insert(q.id.as_str().to_owned(), columns.len());
            columns.push(Column {
                id: q.id.clone(),
                prompt: Some(q.prompt.clone()),
                in_deck: Some(true),
            });
        }
    }
    let has_reference = matches!(deck, TableDeck::Reference(_));

    // Students, in first-seen order for now.
    let mut students: Vec<(StudentKey, String, HashMap<usize, Tally>, usize)> = Vec::new();
    let mut student_of: HashMap<StudentKey, usize> = HashMap::new();
    let mut student_sessions: Vec<Vec<&SessionRecord>> = Vec::new();
    for session in merged
        .sessions
        .iter()
        .filter(|s| s.counts_in_table(&deck_id))
    {
        let quiz_answers = session
            .attempts
            .iter()
            .filter(|a| a.rating.is_none() && a.scored);
        let mut student = None;
        for attempt in quiz_answers {
            let s = *student.get_or_insert_with(|| {
                *student_of
                    .entry(session.student.clone())
                    .or_insert_with(|| {
                        students.push((
                            session.student.clone(),
                            session.name.clone(),
                            HashMap::new(),
                            0,
                        ));
                        student_sessions.push(Vec::new());
                        students.len() - 1
                    })
            });
            let column = match column_of.get(attempt.question_id.as_str()) {
                Some(&c) => c,
                None => {
                    column_of.insert(attempt.question_id.clone(), columns.len());
                    columns.push(Column {
                        id: QuestionId::new_unchecked(attempt.question_id.clone()),
                        prompt: None,
                        in_deck: has_reference.then_some(false),
                    });
                    columns.len() - 1
                }
            };
            let tally = students[s].2.entry(column).or_default();
            tally.score_sum += attempt.score;
            tally.answers += 1;
            students[s].3 += 1;
        }
        if let Some(s) = student {
            student_sessions[s].push(session.record);
        }
    }

    let mut rows: Vec<(StudentKey, StudentRow)> = students
        .into_iter()
        .zip(student_sessions)
        .map(|((key, name, tallies, answers), sessions)| {
            let mut cells = vec![None; columns.len()];
            for (column, tally) in &tallies {
                cells[*column] = Some(Cell {
                    percent: 100.0 * tally.score_sum / tally.answers as f64,
                    answers: tally.answers,
                });
            }
            let answered: Vec<f64> = cells.iter().flatten().map(|c| c.percent).collect();
            let row = StudentRow {
                name,
                score_percent: mean(&answered).unwrap_or(0.0),
                questions_answered: answered.len(),
                answers,
                cells,
                version_flags: version_flags(sessions.into_iter(), version),
            };
            (key, row)
        })
        .collect();
    rows.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.name.cmp(&b.1.name)));
    let students: Vec<StudentRow> = rows.into_iter().map(|(_, row)| row).collect();

    let accuracy = (0..columns.len())
        .map(|c| {
            let cells: Vec<f64> = students
                .iter()
                .filter_map(|s| s.cells[c].map(|cell| cell.percent))
                .collect();
            mean(&cells).map(|percent| QuestionAccuracy {
                percent,
                students: cells.len(),
            })
        })
        .collect();
    let scores: Vec<f64> = students.iter().map(|s| s.score_percent).collect();
    ClassTable {
        deck: Some(TableDeckInfo {
            id: DeckId::new_unchecked(deck_id.clone()),
            title,
            version,
            chosen: choice,
        }),
        decks,
        columns,
        class_score_percent: mean(&scores),
        accuracy,
        students,
        files: file_summaries(files, &merged, &deck_id, version),
        duplicate_sessions: merged.duplicates.iter().sum(),
        duplicate_answers: merged.duplicate_answers,
    }
}

fn file_summaries(
    files: &[&ResultsRead],
    merged: &MergedFiles<'_>,
    deck_id: &str,
    version: Option<u32>,
) -> Vec<FileSummary> {
    files
        .iter()
        .enumerate()
        .map(|(i, file)| {
            // Named as the table names them: a nameless student after their first file.
            let mut keys: Vec<StudentKey> = Vec::new();
            let mut students: Vec<String> = Vec::new();
            for (record, &index) in file.sessions.iter().zip(&merged.of_file[i]) {
                let session = &merged.sessions[index];
                let (key, name) = if session.student.is_nameless() {
                    (session.student.clone(), session.name.clone())
                } else {
                    let name = record.profile_name.trim();
                    (StudentKey::of(name), name.to_owned())
                };
                if !keys.contains(&key) {
                    keys.push(key);
                    students.push(name);
                }
            }
            let on_deck = || file.sessions.iter().filter(|s| s.deck_id == deck_id);
            let quiz = || on_deck().filter(|s| s.mode == Mode::Quiz);
            FileSummary {
                file: file.label.clone(),
                students,
                sessions: file.sessions.len(),
                duplicate_sessions: merged.duplicates[i],
                duplicate_of: merged.duplicate_of[i].clone(),
                quiz_answers: quiz()
                    .flat_map(|s| &s.attempts)
                    .filter(|a| a.rating.is_none())
                    .count(),
                flashcard_reviews: on_deck()
                    .flat_map(|s| s.attempts.iter().map(move |a| (s.mode, a)))
                    .filter(|(mode, a)| *mode == Mode::Study || a.rating.is_some())
                    .count(),
                other_deck_sessions: file
                    .sessions
                    .iter()
                    .filter(|s| s.deck_id != deck_id)
                    .count(),
                version_flags: version_flags(
                    quiz().filter(|s| s.attempts.iter().any(|a| a.rating.is_none())),
                    version,
                ),
                warnings: file.warnings.clone(),
            }
        })
        .collect()
}

fn mean(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

/// A percentage with at most one decimal, as the CSV and the screen show it: `66.7`, `100`.
pub fn percent_text(percent: f64) -> String {
    let rounded = (percent * 10.0).round() / 10.0;
    // `+ 0.0` turns a negative zero into zero, so it never prints as "-0".
    let text = format!("{:.1}", rounded + 0.0);
    match text.strip_suffix(".0") {
        Some(whole) => whole.to_owned(),
        None => text,
    }
}

/// Says which versions were answered against the table's: "answered version 1 (2 sessions) of
/// the deck; the table is for version 2". `None` when there is nothing to flag.
pub fn version_flag_text(flags: &[VersionFlag], table_version: Option<u32>) -> Option<String> {
    if flags.is_empty() {
        return None;
    }
    let parts: Vec<String> = flags
        .iter()
        .map(|f| {
            let what = match f.answered {
                Some(v) => format!("version {v}"),
                None => "an unknown version".to_owned(),
            };
            let sessions = if f.sessions == 1 {
                "1 session".to_owned()
            } else {
                format!("{} sessions", f.sessions)
            };
            format!("{what} ({sessions})")
        })
        .collect();
    let table = table_version.map_or_else(|| "an unknown version".to_owned(), |v| v.to_string());
    Some(format!(
        "answered {} of the deck; the table is for version {table}",
        parts.join(" and ")
    ))
}

impl ClassTable {
    /// The table as CSV for a gradebook: `student,score_percent,questions_answered,flag`, then
    /// one column per question id; one row per student, sorted by name; the last row,
    /// [`CLASS_ROW_NAME`], holds the class score and each question's class accuracy. Percents
    /// have at most one decimal; a question not answered is blank.
    pub fn to_csv(&self) -> String {
        let version = self.deck.as_ref().and_then(|d| d.version);
        let mut header = vec![
            "student".to_owned(),
            "score_percent".to_owned(),
            "questions_answered".to_owned(),
            "flag".to_owned(),
        ];
        header.extend(self.columns.iter().map(|c| c.id.to_string()));
        let mut out = CsvOut::new();
        out.record(&header);
        for student in &self.students {
            let mut row = vec![
                student.name.clone(),
                percent_text(student.score_percent),
                student.questions_answered.to_string(),
                version_flag_text(&student.version_flags, version).unwrap_or_default(),
            ];
            row.extend(
                student
                    .cells
                    .iter()
                    .map(|c| c.map_or_else(String::new, |c| percent_text(c.percent))),
            );
            out.record(&row);
        }
        let mut class = vec![
            CLASS_ROW_NAME.to_owned(),
            self.class_score_percent
                .map_or_else(String::new, percent_text),
            self.accuracy.iter().flatten().count().to_string(),
            String::new(),
        ];
        class.extend(
            self.accuracy
                .iter()
                .map(|a| a.map_or_else(String::new, |a| percent_text(a.percent))),
        );
        out.record(&class);
        out.finish()
    }

    /// The answered questions from the lowest class accuracy up (then in column order): the
    /// ones the class gets wrong most, first. Column indexes with their accuracy.
    pub fn hardest(&self) -> Vec<(usize, QuestionAccuracy)> {
        let mut answered: Vec<(usize, QuestionAccuracy)> = self
            .accuracy
            .iter()
            .enumerate()
            .filter_map(|(i, a)| a.map(|a| (i, a)))
            .collect();
        answered.sort_by(|a, b| a.1.percent.total_cmp(&b.1.percent).then(a.0.cmp(&b.0)));
        answered
    }

    /// What the teacher should know, one line each: how the deck was chosen, other decks found,
    /// duplicates merged, version flags per file and per student, answers left out.
    pub fn notes(&self) -> Vec<String> {
        let mut notes = Vec::new();
        let Some(deck) = &self.deck else {
            notes.push("these files hold no quiz answers".to_owned());
            return notes;
        };
        if deck.chosen == DeckChoice::MostSessions {
            notes.push(format!(
                "the table is for deck {} (\"{}\"), the one with the most quiz sessions; choose another with --deck",
                deck.id, deck.title
            ));
        }
        let others: Vec<String> = self
            .decks
            .iter()
            .filter(|d| d.id != deck.id)
            .map(|d| format!("{} ({} session(s))", d.id, d.sessions))
            .collect();
        if !others.is_empty() {
            notes.push(format!(
                "other decks in these files, not in this table: {}",
                others.join(", ")
            ));
        }
        if self.duplicate_sessions > 0 {
            notes.push(format!(
                "{} duplicate session(s) merged: each session and each answer is counted once",
                self.duplicate_sessions
            ));
        }
        let not_in_deck: Vec<&str> = self
            .columns
            .iter()
            .filter(|c| c.in_deck == Some(false))
            .map(|c| c.id.as_str())
            .collect();
        if !not_in_deck.is_empty() {
            notes.push(format!(
                "answered questions that are not in the deck (last columns): {}",
                not_in_deck.join(", ")
            ));
        }
        for file in &self.files {
            if let Some(text) = version_flag_text(&file.version_flags, deck.version) {
                notes.push(format!("{}: {text}; still counted", file.file));
            }
            for warning in &file.warnings {
                notes.push(format!("{}: {warning}", file.file));
            }
            if file.sessions > 0 && file.duplicate_sessions == file.sessions {
                let earlier: Vec<&str> = file
                    .duplicate_of
                    .iter()
                    .filter_map(|&i| self.files.get(i).map(|f| f.file.as_str()))
                    .collect();
                notes.push(format!(
                    "{}: everything in it was already read from {}; counted once",
                    file.file,
                    earlier.join(", ")
                ));
            }
        }
        for student in &self.students {
            if let Some(text) = version_flag_text(&student.version_flags, deck.version) {
                notes.push(format!("{}: {text}; still counted", student.name));
            }
        }
        notes
    }
}
