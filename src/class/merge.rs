//! Results files merged: each session once, however many files hold it, with each answer
//! once, and each student under one key across files (nameless profiles included).

use std::collections::{HashMap, HashSet};

use super::read::{InstallId, ResultsRead};
use crate::store::{AttemptRecord, Mode, SessionRecord};

/// A student's identity across files: their profile name, trimmed, in lower case. A shared
/// classroom computer's file can hold several students, and one student's files from two
/// computers merge by name.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct StudentKey(String);

impl StudentKey {
    /// The key of a profile name.
    pub fn of(name: &str) -> Self {
        Self(name.trim().to_lowercase())
    }

    /// The key of a session's student: its profile name; a session with an empty (or blank)
    /// name is keyed by the data folder it came from (the file's install id), or by its file
    /// when that has none, so nameless students of different computers stay apart.
    pub(super) fn of_session(name: &str, install: Option<&str>, file_index: usize) -> Self {
        if name.trim().is_empty() {
            // A NUL cannot start a trimmed profile name, so no named student shares these keys;
            // `i` and `f` keep an install id apart from a file's number.
            match install {
                Some(install) => Self(format!("\u{0}i{install}")),
                None => Self(format!("\u{0}f{file_index}")),
            }
        } else {
            Self::of(name)
        }
    }

    /// Whether this is the key of a profile with no name (see [`StudentKey::of_session`]).
    pub(super) fn is_nameless(&self) -> bool {
        self.0.starts_with('\u{0}')
    }
}

/// Follows `aliases` from `key` to the key it now goes by.
fn alias_root<'k>(
    aliases: &'k HashMap<StudentKey, StudentKey>,
    key: &'k StudentKey,
) -> &'k StudentKey {
    let mut key = key;
    while let Some(next) = aliases.get(key) {
        key = next;
    }
    key
}

/// How a student is named in the table: the profile name, or for a profile with no name,
/// `(no name, in FILE)` after the file it came from.
pub fn student_label(name: &str, file_label: &str) -> String {
    let name = name.trim();
    if name.is_empty() {
        format!("(no name, in {file_label})")
    } else {
        name.to_owned()
    }
}

/// A session's identity across files.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct ContentKey<'a> {
    student: StudentKey,
    deck_id: &'a str,
    mode: Mode,
    session_id: i64,
    started_ms: i64,
}

/// One session, merged from every file that holds it.
pub(super) struct Merged<'a> {
    pub(super) record: &'a SessionRecord,
    pub(super) student: StudentKey,
    /// The student's name as the table shows it (see [`student_label`]).
    pub(super) name: String,
    pub(super) from_install: bool,
    pub(super) first_file: usize,
    /// Each answer once, keyed by (question id, when answered).
    pub(super) attempts: Vec<&'a AttemptRecord>,
    pub(super) seen: HashSet<(&'a str, i64)>,
}

impl<'a> Merged<'a> {
    /// Adds the answers not seen yet; returns how many were already there.
    fn add_attempts(&mut self, attempts: &'a [AttemptRecord]) -> usize {
        let mut duplicates = 0;
        for attempt in attempts {
            if self
                .seen
                .insert((attempt.question_id.as_str(), attempt.answered_ms))
            {
                self.attempts.push(attempt);
            } else {
                duplicates += 1;
            }
        }
        duplicates
    }

    /// Whether it is one of `deck_id`'s quiz sessions, the ones a table of that deck counts.
    pub(super) fn counts_in_table(&self, deck_id: &str) -> bool {
        self.record.mode == Mode::Quiz && self.record.deck_id == deck_id
    }
}

/// Every session once, and for each file, which of its sessions are which merged session.
pub(super) struct MergedFiles<'a> {
    pub(super) sessions: Vec<Merged<'a>>,
    /// Per file, per session: the index into `sessions`.
    pub(super) of_file: Vec<Vec<usize>>,
    /// Per file: how many of its sessions were read before (from it or an earlier file).
    pub(super) duplicates: Vec<usize>,
    /// Per file: the earlier files those came from.
    pub(super) duplicate_of: Vec<Vec<usize>>,
    pub(super) duplicate_answers: usize,
}

/// Merges the files' sessions. A session is the same in two files when both come from the same
/// data folder (install id) and have the same session id; when a file has no install id (the
/// older bare list), when the same student, deck, mode, session id and start time match.
///
/// A profile with no name is one student per data folder, or per file for a file with no
/// install id; when a session of such a file is found again in another file (the same bare list
/// twice, or a later export with an install id), both are the same student, so nobody is split
/// in two or counted twice. Each is named after the first file it came from.
pub(super) fn merge<'a>(files: &[&'a ResultsRead]) -> MergedFiles<'a> {
    let mut merged = MergedFiles {
        sessions: Vec::new(),
        of_file: Vec::with_capacity(files.len()),
        duplicates: vec![0; files.len()],
        duplicate_of: vec![Vec::new(); files.len()],
        duplicate_answers: 0,
    };
    let mut by_install: HashMap<(&str, i64), usize> = HashMap::new();
    let mut by_content: HashMap<ContentKey<'a>, usize> = HashMap::new();
    // Nameless students' keys found to be one student: from the later key to the earlier.
    let mut aliases: HashMap<StudentKey, StudentKey> = HashMap::new();
    for (file_index, file) in files.iter().enumerate() {
        let install = file.install_id.as_ref().map(InstallId::as_str);
        let mut indexes = Vec::with_capacity(file.sessions.len());
        for record in &file.sessions {
            let student = StudentKey::of_session(&record.profile_name, install, file_index);
            let content = ContentKey {
                // By name only: a nameless session is found again whichever file it is in.
                student: StudentKey::of(&record.profile_name),
                deck_id: &record.deck_id,
                mode: record.mode,
                session_id: record.id.0,
                started_ms: record.started_ms,
            };
            let found = match install {
                Some(install) => by_install
                    .get(&(install, record.id.0))
                    .copied()
                    .or_else(|| {
                        // The same session exported earlier as a bare list, with no install id.
                        by_content
                            .get(&content)
                            .copied()
                            .filter(|&i| !merged.sessions[i].from_install)
                    }),
                None => by_content.get(&content).copied(),
            };
            let index = match found {
                Some(index) => {
                    let earlier = alias_root(&aliases, &merged.sessions[index].student);
                    let later = alias_root(&aliases, &student);
                    if earlier != later && earlier.is_nameless() && later.is_nameless() {
                        aliases.insert(later.clone(), earlier.clone());
                    }
                    let session = &mut merged.sessions[index];
                    merged.duplicate_answers += session.add_attempts(&record.attempts);
                    session.from_install |= install.is_some();
                    merged.duplicates[file_index] += 1;
                    let first = session.first_file;
                    if !merged.duplicate_of[file_index].contains(&first) {
                        merged.duplicate_of[file_index].push(first);
                    }
                    index
                }
                None => {
                    let mut session = Merged {
                        record,
                        name: student_label(&record.profile_name, &file.label),
                        student,
                        from_install: install.is_some(),
                        first_file: file_index,
                        attempts: Vec::with_capacity(record.attempts.len()),
                        seen: HashSet::with_capacity(record.attempts.len()),
                    };
                    merged.duplicate_answers += session.add_attempts(&record.attempts);
                    merged.sessions.push(session);
                    merged.sessions.len() - 1
                }
            };
            if let Some(install) = install {
                by_install.entry((install, record.id.0)).or_insert(index);
            }
            by_content.entry(content).or_insert(index);
            indexes.push(index);
        }
        merged.of_file.push(indexes);
    }
    // Each nameless student under one key, named after the first file any of its sessions
    // came from (sessions are in the order their first file was read).
    let mut labels: HashMap<StudentKey, String> = HashMap::new();
    for session in &mut merged.sessions {
        if session.student.is_nameless() {
            session.student = alias_root(&aliases, &session.student).clone();
            let label = labels
                .entry(session.student.clone())
                .or_insert_with(|| session.name.clone());
            session.name.clone_from(label);
        }
    }
    merged
}
