//! The `quizdesk` executable: parses arguments and hands off to the library.

use std::process::ExitCode;

use clap::Parser as _;

fn main() -> ExitCode {
    quizdesk::cli::run(quizdesk::cli::Cli::parse())
}
