//! Opening the app's window, at the library or straight into a deck.

use std::process::ExitCode;

use crate::app::LaunchOptions;

/// Runs the app until its window is closed.
pub(super) fn open(options: LaunchOptions) -> ExitCode {
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
