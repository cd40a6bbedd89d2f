//! quizdesk: a desktop quiz and flashcard app for studying and teaching one focused topic,
//! offline.
//!
//! The library holds everything; `main.rs` only parses arguments and hands off, so tests can
//! drive every part of the program.

pub mod cli;
pub mod deck;
