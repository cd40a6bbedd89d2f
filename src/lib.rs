//! quizdesk: a desktop quiz and flashcard app for studying and teaching one focused topic,
//! offline.
//!
//! The library holds everything; `main.rs` only parses arguments and hands off, so tests can
//! drive every part of the program.
//!
//! Layers, from the bottom: [`time`] (clock and calendar), [`deck`] (the format, pure),
//! [`quiz`] (sessions and grading, pure), [`schedule`] (spaced repetition, pure), [`store`] (the
//! only writer of user data), [`app`] (the controller: state and commands, no egui), [`ui`]
//! (screens that read the app and emit commands). [`class`] reads students' exported results
//! for a teacher, and [`stats`] turns a profile's stored totals into the Stats screen's numbers
//! (both pure).
//! [`userfile`] reads the user's files and folders within bounds (pipes, devices, link loops).
//! [`time`] is the one copy of the clock and calendar arithmetic (days, local days, dates) that
//! all of them share.

pub mod app;
pub mod class;
pub mod cli;
pub mod csv_cell;
pub mod deck;
pub mod import;
pub mod live;
pub mod print;
pub mod quiz;
pub mod room;
pub mod schedule;
pub mod stats;
pub mod store;
pub mod time;
pub mod ui;
pub mod userfile;
