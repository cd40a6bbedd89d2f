//! Class results for teachers, with no server: students export their results to a file, and the
//! teacher reads many such files into one table of students by questions.
//!
//! Pure: files are read, never written, here.

mod file;

pub use file::{RESULTS_FORMAT, RESULTS_FORMAT_VERSION, ResultsFile};
