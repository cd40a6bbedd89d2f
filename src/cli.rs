//! The command line: argument definitions and the commands that need no window.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use serde::Serialize;

use crate::deck::{self, JsonDiagnostic};
use crate::ui::{LaunchOptions, StartMode};

/// The platform's data folder for quizdesk, such as `~/.local/share/quizdesk` on Linux.
fn default_data_dir() -> Result<PathBuf, String> {
    directories::ProjectDirs::from("", "", "quizdesk")
        .map(|dirs| dirs.data_dir().to_owned())
        .ok_or_else(|| {
            "cannot find a data folder for this user (is HOME set?); give one with --data-dir DIR"
                .to_owned()
        })
}

fn sessions(data_dir: &Path, format: HistoryFormat) -> ExitCode {
    let store = match open_store(data_dir) {
        Ok(store) => store,
        Err(code) => return code,
    };
    match store.presentations() {
        Ok(records) => print_records(&records, format, || {
            crate::store::presentations_csv(&records)
        }),
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Opens the store for a command, printing its notices; the exit status on failure.
fn open_store(data_dir: &Path) -> Result<crate::store::Store, ExitCode> {
    match crate::store::Store::open(data_dir) {
        Ok(opened) => {
            for notice in &opened.notices {
                eprintln!("warning: {notice}");
            }
            Ok(opened.store)
        }
        Err(e) => {
            eprintln!("error: {e}");
            Err(ExitCode::FAILURE)
        }
    }
}

/// Prints records as pretty JSON, or as the CSV `csv` makes.
fn print_records<T: Serialize>(
    records: &T,
    format: HistoryFormat,
    csv: impl FnOnce() -> String,
) -> ExitCode {
    let mut out = std::io::stdout().lock();
    let written = match format {
        HistoryFormat::Json => serde_json::to_writer_pretty(&mut out, records)
            .map_err(std::io::Error::other)
            .and_then(|()| writeln!(out)),
        HistoryFormat::Csv => out.write_all(csv().as_bytes()),
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: could not write the records: {e}");
            ExitCode::FAILURE
        }
    }
}

/// One CSV row per answer, with its session's details; the header names every column.
fn history_csv(sessions: &[crate::store::SessionRecord]) -> String {
    let mut out = String::from(
        "session_id,profile,deck_id,deck_title,mode,seed,session_started_utc,question_id,answer,score,time_taken_ms,answered_utc,deck_version,rating\n",
    );
    for session in sessions {
        for attempt in &session.attempts {
            let fields = [
                session.id.to_string(),
                session.profile_name.clone(),
                session.deck_id.clone(),
                session.deck_title.clone(),
                format!("{:?}", session.mode).to_lowercase(),
                session.seed.to_string(),
                crate::store::utc_iso8601(session.started_ms),
                attempt.question_id.clone(),
                attempt.answer_text.clone(),
                attempt.score.to_string(),
                attempt.elapsed_ms.to_string(),
                crate::store::utc_iso8601(attempt.answered_ms),
                session
                    .deck_version
                    .map_or_else(String::new, |v| v.to_string()),
                attempt.rating.map_or_else(String::new, |r| r.to_string()),
            ];
            crate::csv_cell::push_record(&mut out, &fields);
        }
    }
    out
}

fn history(data_dir: &Path, profile: Option<&str>, format: HistoryFormat) -> ExitCode {
    let store = match open_store(data_dir) {
        Ok(store) => store,
        Err(code) => return code,
    };
    let profile_id = match profile {
        None => None,
        Some(name) => match store.profile_by_name(name) {
            Ok(Some(p)) => Some(p.id),
            Ok(None) => {
                eprintln!(
                    "error: there is no profile named \"{name}\"; `quizdesk history` without --profile lists everyone's"
                );
                return ExitCode::FAILURE;
            }
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        },
    };
    let read = store
        .history(profile_id)
        .and_then(|sessions| Ok((store.install_id()?, sessions)));
    let (install_id, sessions) = match read {
        Ok(read) => read,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let file = crate::class::ResultsFile::new(install_id, crate::store::now_ms(), sessions);
    print_records(&file, format, || history_csv(&file.sessions))
}

/// quizdesk: quizzes and flashcards for studying and teaching one topic, offline.
///
/// Decks are RON files; see docs/deck-format.md and decks/sample-every-kind.ron.
#[derive(Debug, Parser)]
#[command(name = "quizdesk", version, about, long_about)]
pub struct Cli {
    /// What to do; without one, quizdesk opens the library.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Where scores, backups and your own decks are kept (default: your platform's data folder).
    #[arg(long, global = true, env = "QUIZDESK_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Study as this profile (created if it does not exist yet).
    #[arg(long, global = true, value_name = "NAME")]
    pub profile: Option<String>,
    /// Close the window after this many frames (for automated smoke tests).
    #[arg(long, global = true, hide = true, value_name = "N")]
    pub quit_after_frames: Option<u64>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check deck files for mistakes, and say exactly where each one is.
    ///
    /// Give one or more deck files or folders (folders are searched for *.ron files, including
    /// subfolders). Every problem is printed as `file:line:column: error: message`, followed by
    /// the line at fault and what to do about it. Item-writing hints (an "All of the above"
    /// option, a right option much longer than the wrong ones, ...) are printed the same way as
    /// `warning:`; a deck with only warnings is valid.
    ///
    /// Exit status: 0 when every deck is valid (warnings or not), 1 when any deck has an error,
    /// 2 when the command itself was mistyped.
    #[command(
        after_help = "Examples:\n  quizdesk check decks/\n  quizdesk check my-deck.ron --format json"
    )]
    Check {
        /// Deck files or folders to check.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// How to print the results: `text` for people, `json` for editors and scripts.
        #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
    },
    /// Open the app straight into a quiz of a deck.
    ///
    /// DECK is a deck file, or the id of a deck in the library (such as fentanyl-social-media).
    #[command(
        after_help = "Examples:\n  quizdesk quiz fentanyl-social-media --count 10\n  quizdesk quiz my-deck.ron --seed 42"
    )]
    Quiz {
        /// The deck file or deck id.
        #[arg(value_name = "DECK")]
        deck: String,
        /// Ask this many questions, picked at random (default: all).
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
        count: Option<u64>,
        /// Pick and shuffle with this seed, to replay a quiz exactly.
        #[arg(long, value_name = "S")]
        seed: Option<u64>,
    },
    /// Present a deck to a room: full screen, large type, one question at a time.
    ///
    /// Keys: Right, Space or PageDown go on (first revealing the answer); Left or PageUp go
    /// back; R reveals; T starts or stops a countdown; B blanks the screen; F toggles full
    /// screen; Esc twice leaves. Clickers send these keys.
    #[command(after_help = "Example:\n  quizdesk present fentanyl-social-media")]
    Present {
        /// The deck file or deck id.
        #[arg(value_name = "DECK")]
        deck: String,
    },
    /// Print the records of presentations (anonymous: date, deck, questions shown, the room's
    /// show of hands, duration), for a facilitator's report.
    #[command(
        after_help = "Examples:\n  quizdesk sessions\n  quizdesk sessions --format csv > sessions.csv"
    )]
    Sessions {
        /// How to print them.
        #[arg(long, value_enum, default_value_t = HistoryFormat::Json)]
        format: HistoryFormat,
    },
    /// Open the app straight into flashcard study of a deck.
    #[command(after_help = "Example:\n  quizdesk study fentanyl-social-media --profile Sam")]
    Study {
        /// The deck file or deck id.
        #[arg(value_name = "DECK")]
        deck: String,
    },
    /// Print every stored session and answer: your scores are your data.
    ///
    /// Each answer comes with its deck id, question id, the answer given, its score (0 to 1),
    /// the time taken and when it was given. The JSON is a results file a teacher can import
    /// with `quizdesk class` (profile names, deck ids and versions, every answer).
    #[command(
        after_help = "Examples:\n  quizdesk history\n  quizdesk history --profile Sam --format csv > scores.csv"
    )]
    History {
        /// How to print it.
        #[arg(long, value_enum, default_value_t = HistoryFormat::Json)]
        format: HistoryFormat,
    },
    /// Records attempts and prints "ack N" after each is on disk (for the crash-safety test).
    #[command(hide = true)]
    DebugRecordAttempts {
        /// How many attempts to record.
        #[arg(long, default_value_t = 1000)]
        count: usize,
    },
    /// Opens a bare eframe window that closes after --quit-after-frames (the start-up benchmark's
    /// floor).
    #[command(hide = true)]
    DebugBareWindow,
    /// Fills the store with a plausible history of a deck for --profile (for benchmarks and for
    /// looking at the Stats screen).
    #[command(hide = true)]
    DebugSeedHistory {
        /// A deck file, or a bundled deck's id.
        #[arg(long)]
        deck: String,
        /// Finished quiz sessions.
        #[arg(long, default_value_t = 60)]
        sessions: usize,
        /// Answers per session.
        #[arg(long, default_value_t = 10)]
        answers_per_session: usize,
        /// Flashcard reviews per card.
        #[arg(long, default_value_t = 6)]
        reviews_per_card: usize,
        /// How many days back the history starts.
        #[arg(long, default_value_t = 120)]
        days: u32,
    },
    /// Make a deck from a question bank you already have: a Quizlet text export, a CSV file in
    /// quizdesk's columns (see docs/import.md and assets/import-template.csv), or a Kahoot quiz
    /// spreadsheet (.xlsx).
    ///
    /// The format is chosen by the file's extension: .csv, .xlsx, anything else is read as a
    /// Quizlet export. Rows that cannot be imported are listed with their row number and the
    /// reason; the rest come in. Exit status: 0 when the deck was written, 1 when nothing could
    /// be imported or the deck could not be written.
    #[command(
        after_help = "Examples:\n  quizdesk import my-quizlet.txt -o decks/vocabulary.ron\n  quizdesk import questions.csv -o my-deck.ron --title \"Unit 3\"\n  quizdesk import kahoot.xlsx -o quiz.ron\n  quizdesk import cards.txt -o cards.ron --as-choice"
    )]
    Import {
        /// The file to import.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Where to write the new deck (a .ron file).
        #[arg(short, long, value_name = "DECK.ron")]
        output: PathBuf,
        /// Replace the output file if it exists (its previous version is kept as .bak).
        #[arg(long)]
        force: bool,
        /// The deck's id (default: made from the file name).
        #[arg(long, value_name = "ID")]
        id: Option<String>,
        /// The deck's title (default: the file name).
        #[arg(long, value_name = "TEXT")]
        title: Option<String>,
        /// The deck's language tag.
        #[arg(long, value_name = "TAG", default_value = "en")]
        language: String,
        /// Quizlet: make single-choice questions, with wrong options taken from other cards.
        #[arg(long)]
        as_choice: bool,
        /// Quizlet with --as-choice: the seed for picking wrong options (same seed, same deck).
        #[arg(long, value_name = "N", default_value_t = 1)]
        seed: u64,
        /// Quizlet: what separates a term from its definition: tab, comma, or the text itself
        /// (default: detected).
        #[arg(long, value_name = "SEP")]
        term_sep: Option<String>,
        /// Quizlet: what separates cards: newline, semicolon, or the text itself (default:
        /// detected).
        #[arg(long, value_name = "SEP")]
        card_sep: Option<String>,
    },
    /// Print a deck, after checking it, in another format that other tools can read.
    ///
    /// The deck is checked first; if it has a mistake, the problems are printed instead (as
    /// with `check`) and the exit status is 1.
    #[command(
        after_help = "Example:\n  quizdesk export decks/fentanyl-social-media.ron --format json > deck.json"
    )]
    Export {
        /// The deck file to export.
        #[arg(value_name = "DECK")]
        deck: PathBuf,
        /// The output format.
        #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
        format: ExportFormat,
    },
    /// Read students' results files into one table: which questions the class gets wrong.
    ///
    /// Each student runs `quizdesk history --format json > me.json` (or uses "Export my
    /// results") and hands the file in. Give the files, or folders of them (every *.json file
    /// directly inside). The same session in several files is counted once. The table is for one
    /// deck: --deck, or else the deck the files have the most quiz sessions of. It has one row
    /// per student (their score and how many questions they answered), one column per question,
    /// and a last row with the class's accuracy per question; see docs/class-results.md.
    ///
    /// The table goes to standard output; skipped files, sessions on another deck version and
    /// merged duplicates are reported on standard error. Exit status: 0 when every file was
    /// read, 1 when any was skipped (or none could be read), 2 when the command itself was
    /// mistyped or --deck names no usable deck.
    #[command(
        after_help = "Examples:\n  quizdesk class results/ > class.csv\n  quizdesk class ann.json ben.json --deck fentanyl-social-media\n  quizdesk class results/ --deck my-deck.ron --format json"
    )]
    Class {
        /// Results files, or folders of them.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// The deck the table is for: a deck file, or the id of a bundled deck or of one in your
        /// decks folder. With it, the columns are its questions in order and flags use its
        /// version.
        #[arg(long, value_name = "DECK")]
        deck: Option<String>,
        /// How to print the table: `csv` for a gradebook or spreadsheet, `json` for scripts.
        #[arg(long, value_enum, default_value_t = ClassFormat::Csv)]
        format: ClassFormat,
    },
}

/// Output formats of `class`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ClassFormat {
    /// One row per student and a class accuracy row, one column per question.
    Csv,
    /// The whole table, with the counts behind every number and each file's summary.
    Json,
}

/// Output formats of `history`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum HistoryFormat {
    /// One JSON results file: every session with its deck version and its attempts.
    Json,
    /// One row per attempt, with its session's details, for spreadsheets.
    Csv,
}

/// Output formats of `check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// Human-readable, with the offending line and a caret.
    Text,
    /// One JSON document with every diagnostic.
    Json,
}

/// Output formats of `export`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// The validated deck as JSON.
    Json,
    /// The deck as RON, written the way quizdesk's editor saves decks.
    Ron,
    /// The questions as CSV, in the format `quizdesk import` reads (docs/import.md).
    Csv,
}

/// Runs a parsed command line and returns the process exit status.
pub fn run(cli: Cli) -> ExitCode {
    let data_dir = match cli.data_dir.clone().map_or_else(default_data_dir, Ok) {
        Ok(dir) => dir,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::FAILURE;
        }
    };
    let start = match cli.command {
        Some(Command::Check { paths, format }) => return check(&paths, format),
        Some(Command::Export { deck, format }) => return export(&deck, format),
        Some(Command::Import {
            file,
            output,
            force,
            id,
            title,
            language,
            as_choice,
            seed,
            term_sep,
            card_sep,
        }) => {
            let stem = file.file_stem().map_or_else(
                || "imported".to_owned(),
                |s| s.to_string_lossy().into_owned(),
            );
            let options = crate::import::ImportOptions {
                deck_id: id.unwrap_or_else(|| {
                    deck::question_id_from_prompt(&stem, &std::collections::HashSet::new())
                }),
                title: title.unwrap_or(stem),
                language,
                as_choice,
                seed,
            };
            let separators = match (term_sep, card_sep) {
                (None, None) => None,
                (term, card) => Some((
                    term.map_or(crate::import::TermSeparator::Tab, |t| match t.as_str() {
                        "tab" => crate::import::TermSeparator::Tab,
                        "comma" => crate::import::TermSeparator::Comma,
                        _ => crate::import::TermSeparator::Custom(t),
                    }),
                    card.map_or(crate::import::CardSeparator::NewLine, |c| {
                        match c.as_str() {
                            "newline" => crate::import::CardSeparator::NewLine,
                            "semicolon" => crate::import::CardSeparator::Semicolon,
                            _ => crate::import::CardSeparator::Custom(c),
                        }
                    }),
                )),
            };
            return import(&file, &output, force, separators, &options);
        }
        Some(Command::History { format }) => {
            return history(&data_dir, cli.profile.as_deref(), format);
        }
        Some(Command::DebugRecordAttempts { count }) => {
            let mut out = std::io::stdout().lock();
            return match crate::store::debug_record_attempts(&data_dir, count, &mut out) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::FAILURE
                }
            };
        }
        Some(Command::DebugSeedHistory {
            deck,
            sessions,
            answers_per_session,
            reviews_per_card,
            days,
        }) => {
            let loaded = deck::bundled_deck(&deck).map_or_else(
                || deck::load_deck(Path::new(&deck)).map_err(|e| e.to_string()),
                Ok,
            );
            let deck = match loaded {
                Ok(deck) => deck,
                Err(e) => {
                    eprintln!("error: {e}");
                    return ExitCode::from(2);
                }
            };
            let question_ids: Vec<String> =
                deck.questions().iter().map(|q| q.id.to_string()).collect();
            let plan = crate::store::SeedPlan {
                profile_name: cli.profile.as_deref().unwrap_or("Seeded"),
                deck_id: deck.id().as_str(),
                deck_title: deck.title(),
                deck_version: deck.version(),
                question_ids: &question_ids,
                sessions,
                answers_per_session,
                reviews_per_card,
                days,
                now_ms: crate::store::now_ms(),
            };
            return match crate::store::debug_seed_history(&data_dir, &plan) {
                Ok(_) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::FAILURE
                }
            };
        }
        Some(Command::DebugBareWindow) => {
            return match crate::ui::run_bare_window(cli.quit_after_frames.unwrap_or(1)) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::FAILURE
                }
            };
        }
        Some(Command::Quiz { deck, count, seed }) => StartMode::Quiz {
            deck,
            count: count.and_then(|c| usize::try_from(c).ok()),
            seed,
        },
        Some(Command::Study { deck }) => StartMode::Study { deck },
        Some(Command::Present { deck }) => StartMode::Present { deck },
        Some(Command::Sessions { format }) => return sessions(&data_dir, format),
        Some(Command::Class {
            paths,
            deck,
            format,
        }) => return class(&data_dir, &paths, deck.as_deref(), format),
        None => StartMode::Library,
    };
    let options = LaunchOptions {
        data_dir,
        profile: cli.profile,
        start,
        quit_after_frames: cli.quit_after_frames,
    };
    match crate::ui::run(options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!(
                "error: could not open the quizdesk window: {e}\n\
                 quizdesk needs a graphical desktop (X11 or Wayland) with OpenGL 2 or newer. \
                 The commands `check`, `export` and `history` work without one."
            );
            ExitCode::FAILURE
        }
    }
}

/// The JSON document printed by `check --format json`.
#[derive(Serialize)]
struct CheckSummary<'a> {
    files_checked: usize,
    valid: usize,
    invalid: usize,
    errors: usize,
    warnings: usize,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

fn check(paths: &[PathBuf], format: CheckFormat) -> ExitCode {
    let mut files = Vec::new();
    let mut reports = Vec::new();
    for path in paths {
        if !path.exists() {
            // A missing path is reported like any unreadable deck, so scripts see it too.
            if let Err(e) = deck::load_deck(path) {
                reports.push(e.0);
            }
            continue;
        }
        let (found, unreadable) = deck::find_deck_files(path);
        if found.is_empty() && unreadable.is_empty() {
            eprintln!(
                "warning: no .ron deck files in {}; nothing to check there",
                path.display()
            );
        }
        for (dir, error) in unreadable {
            reports.push(unreadable_report(dir, &error));
        }
        files.extend(found);
    }

    let mut loaded = Vec::new();
    // The warnings of each deck that loaded, by file.
    let mut warned = Vec::new();
    for file in files {
        match deck::load_deck_checked(&file) {
            Ok((d, warnings)) => {
                if !warnings.diagnostics.is_empty() {
                    warned.push(warnings);
                }
                loaded.push((file, d));
            }
            Err(e) => reports.push(e.0),
        }
    }
    let mut duplicates = deck::duplicate_deck_ids(&loaded);
    // A deck whose id is taken has an error now: its warnings join that report, in file order.
    for report in &mut duplicates {
        if let Some(at) = warned.iter().position(|w| w.path == report.path) {
            let warnings = warned.remove(at);
            report.diagnostics.extend(warnings.diagnostics);
            report.diagnostics.sort_by_key(|d| d.span.start);
        }
    }
    let valid: Vec<(&PathBuf, usize)> = loaded
        .iter()
        .filter(|(file, _)| !duplicates.iter().any(|r| &r.path == file))
        .map(|(file, d)| (file, d.questions().len()))
        .collect();
    reports.extend(duplicates);
    let checked = loaded.len() + reports.len() - (loaded.len() - valid.len());
    let invalid = reports.len();
    // Warnings after the errors, in the order the decks were checked.
    reports.extend(warned);
    let errors: usize = reports.iter().map(|r| r.count(deck::Severity::Error)).sum();
    let warnings: usize = reports
        .iter()
        .map(|r| r.count(deck::Severity::Warning))
        .sum();

    let mut out = std::io::stdout().lock();
    let written = match format {
        CheckFormat::Text => {
            let mut text = String::new();
            for (file, questions) in &valid {
                let warned = reports
                    .iter()
                    .find(|r| &&r.path == file)
                    .map_or(0, |r| r.diagnostics.len());
                let warned = match warned {
                    0 => String::new(),
                    n => format!(", {n} warning(s)"),
                };
                text.push_str(&format!(
                    "ok: {} ({questions} questions{warned})\n",
                    file.display()
                ));
            }
            for report in &reports {
                text.push_str(&report.render());
            }
            // The line stays as it was for decks without warnings, so scripts reading it go on
            // working.
            let warnings = if warnings > 0 {
                format!(" and {warnings} warning(s)")
            } else {
                String::new()
            };
            text.push_str(&format!(
                "checked {checked} deck(s): {} valid, {invalid} with errors ({errors} error(s){warnings} in all)\n",
                valid.len(),
            ));
            out.write_all(text.as_bytes())
        }
        CheckFormat::Json => {
            let summary = CheckSummary {
                files_checked: checked,
                valid: valid.len(),
                invalid,
                errors,
                warnings,
                diagnostics: reports
                    .iter()
                    .flat_map(deck::Report::json_diagnostics)
                    .collect(),
            };
            serde_json::to_writer_pretty(&mut out, &summary)
                .map_err(std::io::Error::other)
                .and_then(|()| writeln!(out))
        }
    };
    if let Err(e) = written {
        eprintln!("error: could not write the results: {e}");
        return ExitCode::FAILURE;
    }
    // Warnings never fail the check: the deck works as it is.
    if invalid == 0 && checked > 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn unreadable_report(path: PathBuf, error: &std::io::Error) -> deck::Report {
    deck::Report {
        path,
        text: None,
        diagnostics: vec![deck::Diagnostic::error(
            deck::Problem::Unreadable {
                reason: error.to_string(),
            },
            deck::Span::point(deck::Position::START),
        )],
    }
}

fn import(
    file: &Path,
    output: &Path,
    force: bool,
    separators: Option<(crate::import::TermSeparator, crate::import::CardSeparator)>,
    options: &crate::import::ImportOptions,
) -> ExitCode {
    if output.exists() && !force {
        eprintln!(
            "error: {} already exists; choose another name with -o, or add --force to replace it",
            output.display()
        );
        return ExitCode::FAILURE;
    }
    let bytes = match crate::import::read_import_file(file) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let format = crate::import::ImportFormat::of_path(file);
    let imported = match crate::import::import_bytes(&bytes, format, separators, options) {
        Ok(imported) => imported,
        Err(crate::import::ImportError::NothingImportable { skipped }) => {
            for row in &skipped {
                eprintln!("{}:{}: skipped: {}", file.display(), row.row, row.reason);
            }
            eprintln!("error: nothing in {} could be imported", file.display());
            return ExitCode::FAILURE;
        }
        Err(e) => {
            eprintln!("error: {}: {e}", file.display());
            return ExitCode::FAILURE;
        }
    };
    for row in &imported.skipped {
        eprintln!("{}:{}: skipped: {}", file.display(), row.row, row.reason);
    }
    // Checked before anything is written: an imported deck always passes `quizdesk check`.
    let text = match deck::deck_file_text(&imported.deck) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("error: {} was not written: {e}", output.display());
            return ExitCode::FAILURE;
        }
    };
    if let Err(e) = crate::store::write_file_atomic(output, text.as_bytes()) {
        eprintln!("error: {e}");
        return ExitCode::FAILURE;
    }
    println!(
        "imported {} question(s) from {} ({}) into {}; {} row(s) skipped",
        imported.deck.questions.len(),
        file.display(),
        format.label(),
        output.display(),
        imported.skipped.len()
    );
    ExitCode::SUCCESS
}

fn export(path: &Path, format: ExportFormat) -> ExitCode {
    let deck = match deck::load_deck(path) {
        Ok(deck) => deck,
        Err(e) => {
            eprint!("{}", e.report().render());
            eprintln!("not exported: fix the problems above first (`quizdesk check` lists them)");
            return ExitCode::FAILURE;
        }
    };
    let mut out = std::io::stdout().lock();
    let written = match format {
        ExportFormat::Json => serde_json::to_writer_pretty(&mut out, &deck)
            .map_err(std::io::Error::other)
            .and_then(|()| writeln!(out)),
        ExportFormat::Ron => out.write_all(deck::to_ron(&deck::from_validated(&deck)).as_bytes()),
        ExportFormat::Csv => out.write_all(crate::import::to_csv(&deck).as_bytes()),
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: could not write the export: {e}");
            ExitCode::FAILURE
        }
    }
}

/// A skipped results file in `class --format json`.
#[derive(Serialize)]
struct SkippedFile {
    file: String,
    line: Option<usize>,
    column: Option<usize>,
    message: String,
}

/// What `class --format json` prints: the table and the files that could not be read.
#[derive(Serialize)]
struct ClassJson<'a> {
    #[serde(flatten)]
    table: &'a crate::class::ClassTable,
    skipped: Vec<SkippedFile>,
}

/// The deck `--deck` names: like `quizdesk quiz DECK`, a deck id (bundled, or in the user's
/// decks folder) first, then a file.
fn class_deck(data_dir: &Path, name: &str) -> Result<deck::Deck, String> {
    if let Some(found) = deck::bundled_deck(name) {
        return Ok(found);
    }
    let (files, _) = deck::find_deck_files(&data_dir.join("decks"));
    if let Some(found) = files
        .iter()
        .filter_map(|f| deck::load_deck(f).ok())
        .find(|d| d.id().as_str() == name)
    {
        return Ok(found);
    }
    let path = Path::new(name);
    if !path.is_file() {
        return Err(format!(
            "there is no deck file or deck id \"{name}\"; give a .ron deck file, or the id of a bundled deck or of one in {}",
            data_dir.join("decks").display()
        ));
    }
    deck::load_deck(path).map_err(|e| {
        format!(
            "{}the deck has problems: fix them first (`quizdesk check` lists them)",
            e.report().render()
        )
    })
}

fn class(
    data_dir: &Path,
    paths: &[PathBuf],
    deck_name: Option<&str>,
    format: ClassFormat,
) -> ExitCode {
    let reference = match deck_name.map(|name| class_deck(data_dir, name)).transpose() {
        Ok(reference) => reference,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let mut read = Vec::new();
    let mut skipped = Vec::new();
    for path in paths {
        let files = match crate::class::find_results_files(path) {
            Ok(files) => files,
            Err(e) => {
                skipped.push((
                    path.display().to_string(),
                    crate::class::ReadError::Unreadable {
                        reason: e.to_string(),
                    },
                ));
                continue;
            }
        };
        if files.is_empty() {
            eprintln!(
                "warning: no .{} results files in {}; nothing to read there",
                crate::class::RESULTS_EXTENSION,
                path.display()
            );
        }
        for file in files {
            match crate::class::read_results_file(&file) {
                Ok(results) => read.push(results),
                Err(e) => skipped.push((file.display().to_string(), e)),
            }
        }
    }
    for (file, error) in &skipped {
        match error.position() {
            Some(at) => eprintln!("{file}:{at}: skipped: {error}"),
            None => eprintln!("{file}: skipped: {error}"),
        }
    }
    if read.is_empty() {
        eprintln!("error: no results file could be read");
        return ExitCode::FAILURE;
    }
    let files: Vec<&crate::class::ResultsRead> = read.iter().collect();
    let table = crate::class::class_table(
        &files,
        reference.as_ref().map_or(
            crate::class::TableDeck::MostSessions,
            crate::class::TableDeck::Reference,
        ),
    );
    for note in table.notes() {
        eprintln!("note: {note}");
    }
    eprintln!(
        "read {} file(s), skipped {}: {} student(s), {} question(s){}",
        read.len(),
        skipped.len(),
        table.students.len(),
        table.columns.len(),
        table.deck.as_ref().map_or_else(String::new, |d| format!(
            ", deck {} version {}",
            d.id,
            d.version
                .map_or_else(|| "unknown".to_owned(), |v| v.to_string())
        ))
    );
    let mut out = std::io::stdout().lock();
    let written = match format {
        ClassFormat::Csv => out.write_all(table.to_csv().as_bytes()),
        ClassFormat::Json => {
            let json = ClassJson {
                table: &table,
                skipped: skipped
                    .iter()
                    .map(|(file, e)| SkippedFile {
                        file: file.clone(),
                        line: e.position().map(|p| p.line),
                        column: e.position().map(|p| p.column),
                        message: e.to_string(),
                    })
                    .collect(),
            };
            serde_json::to_writer_pretty(&mut out, &json)
                .map_err(std::io::Error::other)
                .and_then(|()| writeln!(out))
        }
    };
    if let Err(e) = written {
        eprintln!("error: could not write the table: {e}");
        return ExitCode::FAILURE;
    }
    if skipped.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
