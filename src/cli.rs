//! The command line: the arguments, and which command runs. The commands that need no window
//! are in the submodules, one file each; the ones that open the app hand it a [`StartMode`].

mod check;
mod class;
mod debug;
mod export;
mod formats;
mod history;
mod import;
mod output;
mod print;
mod window;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::app::{LaunchOptions, QuitWhen, StartMode};

pub use formats::{CheckFormat, ClassFormat, ExportFormat, HistoryFormat};

/// The platform's data folder for quizdesk, such as `~/.local/share/quizdesk` on Linux.
fn default_data_dir() -> Result<PathBuf, String> {
    directories::ProjectDirs::from("", "", "quizdesk")
        .map(|dirs| dirs.data_dir().to_owned())
        .ok_or_else(|| {
            "cannot find a data folder for this user (is HOME set?); give one with --data-dir DIR"
                .to_owned()
        })
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
    /// Close the window after the first frame that shows the whole library with its scores
    /// (for the start-up benchmark).
    #[arg(long, global = true, hide = true, conflicts_with = "quit_after_frames")]
    pub quit_when_library_complete: bool,
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
        after_help = "Examples:\n  quizdesk check decks/\n  quizdesk check my-deck.ron --format json\n  quizdesk check --fix pasted-from-word.ron"
    )]
    Check {
        /// Deck files or folders to check.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// How to print the results: `text` for people, `json` for editors and scripts.
        #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
        /// First put every text in curly quotes (“…”) or single quotes ('…'), as pasted from a
        /// word processor, in the straight double quotes a deck needs, keeping a copy of each
        /// changed file as FILE.bak. Quotes inside texts are left as they are.
        #[arg(long)]
        fix: bool,
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
    ///
    /// With --live the room answers on their phones over the local network: once the server
    /// listens, the join address, the room code and the join link are printed on standard
    /// output.
    #[command(
        after_help = "Examples:\n  quizdesk present fentanyl-social-media\n  quizdesk present fentanyl-social-media --live --port 8080"
    )]
    Present {
        /// The deck file or deck id.
        #[arg(value_name = "DECK")]
        deck: String,
        /// Let the room answer on their phones (no internet, no accounts, no names).
        #[arg(long)]
        live: bool,
        /// The port phones connect to (default 8765; a free one is used if it is taken).
        #[arg(long, value_name = "N", requires = "live")]
        port: Option<u16>,
    },
    /// Print the records of presentations (anonymous: date, deck, questions shown, the room's
    /// show of hands or, from phones, the counts per option and the share right; duration),
    /// for a facilitator's report.
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
    /// Print a worksheet, an answer key, flashcards to cut out or a handout, as a PDF file.
    ///
    /// DECK is a deck file, or the id of a deck in the library. Worksheets and keys come in
    /// VERSIONS shuffled versions (A, B, C…), so neighbours do not share an answer sheet; the
    /// same --seed gives the same versions, so print the worksheet and its key with one seed.
    /// Without --seed one is picked and printed.
    #[command(
        after_help = "Examples:\n  quizdesk print fentanyl-social-media --what worksheet --versions 2 --seed 7 -o worksheet.pdf\n  quizdesk print fentanyl-social-media --what key --versions 2 --seed 7 -o key.pdf\n  quizdesk print my-deck.ron --what cards -o cards.pdf"
    )]
    Print {
        /// The deck file, or a deck's id.
        #[arg(value_name = "DECK")]
        deck: String,
        /// What to print.
        #[arg(long, value_enum)]
        what: formats::PrintWhat,
        /// How many shuffled versions of a worksheet or key (1 to 26).
        #[arg(long, default_value_t = 1)]
        versions: u32,
        /// The seed of the shuffles: the same seed gives the same versions.
        #[arg(long)]
        seed: Option<u64>,
        /// The PDF file to write.
        #[arg(short, long, value_name = "FILE.pdf")]
        output: PathBuf,
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
        Some(Command::Check { paths, format, fix }) => return check::check(&paths, format, fix),
        Some(Command::Export { deck, format }) => return export::export(&deck, format),
        Some(Command::Print {
            deck,
            what,
            versions,
            seed,
            output,
        }) => {
            let args = print::PrintArgs {
                deck,
                what: what.into(),
                versions,
                seed,
                output,
            };
            return print::print(&args, &crate::store::user_decks_dir(&data_dir));
        }
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
            let settings = import::Settings {
                id,
                title,
                language,
                as_choice,
                seed,
                term_sep,
                card_sep,
            };
            return import::import(&file, &output, force, &settings);
        }
        Some(Command::History { format }) => {
            return history::history(&data_dir, cli.profile.as_deref(), format);
        }
        Some(Command::Sessions { format }) => return history::sessions(&data_dir, format),
        Some(Command::Class {
            paths,
            deck,
            format,
        }) => return class::class(&data_dir, &paths, deck.as_deref(), format),
        Some(Command::DebugRecordAttempts { count }) => {
            return debug::record_attempts(&data_dir, count);
        }
        Some(Command::DebugSeedHistory {
            deck,
            sessions,
            answers_per_session,
            reviews_per_card,
            days,
        }) => {
            let amounts = debug::SeedAmounts {
                sessions,
                answers_per_session,
                reviews_per_card,
                days,
            };
            return debug::seed_history(&data_dir, &deck, cli.profile.as_deref(), &amounts);
        }
        Some(Command::DebugBareWindow) => {
            return debug::bare_window(cli.quit_after_frames.unwrap_or(1));
        }
        Some(Command::Quiz { deck, count, seed }) => StartMode::Quiz {
            deck,
            count: count.and_then(|c| usize::try_from(c).ok()),
            seed,
        },
        Some(Command::Study { deck }) => StartMode::Study { deck },
        Some(Command::Present { deck, live, port }) => StartMode::Present {
            deck,
            live_port: live.then(|| port.unwrap_or(crate::live::DEFAULT_PORT)),
        },
        None => StartMode::Library,
    };
    window::open(LaunchOptions {
        data_dir,
        profile: cli.profile,
        start,
        quit: match (cli.quit_after_frames, cli.quit_when_library_complete) {
            (Some(frames), _) => Some(QuitWhen::AfterFrames(frames)),
            (None, true) => Some(QuitWhen::LibraryComplete),
            (None, false) => None,
        },
    })
}
