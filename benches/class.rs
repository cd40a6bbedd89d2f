//! Reading a class's results files into the class table, as the teacher's "Class results" screen
//! and `quizdesk class` do.
//!
//! Run with `cargo bench --bench class`. The target (issue 6): 200 results files read and
//! tabulated in under a second. Each generated file is one student's term on one 50-question
//! deck (12 quizzes of 20 answers and 4 flashcard sessions of 20 reviews, about 105 KB, the
//! size `quizdesk history --format json` writes for that), and one file in ten is a duplicate
//! of another, as when a student hands in the same export twice.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use quizdesk::class::{ResultsFile, ResultsRead, TableDeck, class_table, parse_results};
use quizdesk::store::{AttemptRecord, Mode, ProfileId, SessionId, SessionRecord};

fn main() {
    divan::main();
}

/// How many files a class hands in.
const FILES: usize = 200;
const QUESTIONS: usize = 50;
const QUIZZES: usize = 12;
const STUDY_SESSIONS: usize = 4;
const ANSWERS_PER_SESSION: usize = 20;

/// One student's results file: quizzes and flashcard sessions over a term, with answers as the
/// store exports them (answer text and response JSON included).
fn results_file(student: usize) -> Vec<u8> {
    let day_ms = 86_400_000_i64;
    let start_ms = 1_767_600_000_000_i64;
    let mut sessions = Vec::new();
    for s in 0..QUIZZES + STUDY_SESSIONS {
        let quiz = s < QUIZZES;
        let started_ms = start_ms + s as i64 * 7 * day_ms + student as i64 * 60_000;
        let attempts = (0..ANSWERS_PER_SESSION)
            .map(|a| {
                let question = (s * 7 + a * 3 + student) % QUESTIONS;
                // Some questions are harder than others, some students stronger.
                let right = (question * 13 + student * 7 + a) % 10 < 3 + (question % 7);
                AttemptRecord {
                    question_id: format!("question-{question:02}"),
                    answer_text: if right {
                        "The answer the deck expects".to_owned()
                    } else {
                        "Another answer".to_owned()
                    },
                    response_json: format!("{{\"kind\":\"SingleChoice\",\"picked\":{}}}", a % 4),
                    score: if right { 1.0 } else { 0.0 },
                    elapsed_ms: 4_000 + (a as u64 * 731) % 9_000,
                    answered_ms: started_ms + a as i64 * 15_000,
                    rating: (!quiz).then_some(if right { 3 } else { 1 }),
                    scored: true,
                }
            })
            .collect();
        sessions.push(SessionRecord {
            id: SessionId(s as i64 + 1),
            profile_id: ProfileId(1),
            profile_name: format!("Student {student:03}"),
            deck_id: "term-deck".to_owned(),
            deck_title: "The term's deck".to_owned(),
            deck_version: Some(if student.is_multiple_of(25) { 1 } else { 2 }),
            mode: if quiz { Mode::Quiz } else { Mode::Study },
            seed: s as u64,
            config_json: "{\"count\":20,\"shuffle\":true}".to_owned(),
            started_ms,
            finished_ms: Some(started_ms + 600_000),
            attempts,
        });
    }
    let file = ResultsFile::new(format!("{student:032x}"), start_ms + 120 * day_ms, sessions);
    serde_json::to_vec_pretty(&file).unwrap_or_else(|e| panic!("{e}"))
}

/// The class's files in memory: 180 students, and 20 of them handed in twice.
fn class_files() -> &'static [Vec<u8>] {
    static FILES_BYTES: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    FILES_BYTES.get_or_init(|| {
        let students = FILES - FILES / 10;
        let mut files: Vec<Vec<u8>> = (0..students).map(results_file).collect();
        for again in 0..FILES / 10 {
            files.push(files[again * 9].clone());
        }
        let total: usize = files.iter().map(Vec::len).sum();
        eprintln!(
            "{} files, {:.1} MB in all, {} KB each",
            files.len(),
            total as f64 / 1e6,
            files[0].len() / 1024
        );
        files
    })
}

/// The same files written to a folder, for the end-to-end measurement.
fn class_folder() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("quizdesk-bench-class-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
        for (n, bytes) in class_files().iter().enumerate() {
            std::fs::write(dir.join(format!("student-{n:03}.json")), bytes)
                .unwrap_or_else(|e| panic!("{e}"));
        }
        dir
    })
}

fn parse_all(files: &[Vec<u8>]) -> Vec<ResultsRead> {
    files
        .iter()
        .map(|bytes| parse_results(bytes, "bench.json").unwrap_or_else(|e| panic!("{e}")))
        .collect()
}

/// Parsing 200 files already in memory.
#[divan::bench(sample_count = 20)]
fn parse_200_files(bencher: divan::Bencher) {
    let files = class_files();
    bencher.bench(|| parse_all(divan::black_box(files)));
}

/// Merging 200 parsed files (each session and answer once) and making the table.
#[divan::bench(sample_count = 20)]
fn table_of_200_files(bencher: divan::Bencher) {
    let read = parse_all(class_files());
    let refs: Vec<&ResultsRead> = read.iter().collect();
    bencher.bench(|| class_table(divan::black_box(&refs), TableDeck::MostSessions));
}

/// What the teacher waits for: 200 files found in a folder, read from disk, parsed, merged and
/// tabulated, and the CSV made.
#[divan::bench(sample_count = 20)]
fn folder_of_200_files_to_csv(bencher: divan::Bencher) {
    let dir = class_folder();
    bencher.bench(|| {
        let paths = quizdesk::class::find_results_files(dir).unwrap_or_else(|e| panic!("{e}"));
        let read: Vec<ResultsRead> = paths
            .iter()
            .map(|p| quizdesk::class::read_results_file(p).unwrap_or_else(|e| panic!("{e}")))
            .collect();
        let refs: Vec<&ResultsRead> = read.iter().collect();
        let table = class_table(&refs, TableDeck::MostSessions);
        assert_eq!(table.students.len(), FILES - FILES / 10);
        table.to_csv()
    });
}
