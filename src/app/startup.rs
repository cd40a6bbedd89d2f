//! The store's full check, run on a worker while the window is already up (see
//! `store::startup`), and what the app does with its answer; and what waits for the start-up
//! work on workers (this check, and the decks read by `library::loading`).
//!
//! The rule that keeps this safe: a command that may write to the store waits for the check
//! first ([`Command::needs_checked_store`]). The check takes 0.6 s at a million answers, so in
//! practice it has long come back when the first such command arrives; if not, that command
//! waits the rest of it. A damaged file is then moved aside before anything was written to it.

use crate::store::{CheckOutcome, StartupCheck, Store};

use super::job::Job;
use super::{App, Command, NoticeLevel};

const CHECK_LOST: &str = "the check of the score database stopped before it finished";

impl Command {
    /// Whether applying this command may write to the store (or read what a write depends on),
    /// so that it must wait for the store's check. Listed by area, so a new area has to decide.
    pub(super) fn needs_checked_store(&self) -> bool {
        match self {
            // Going back to the library finishes the sessions left open.
            Self::Go(_)
            | Self::Profile(_)
            | Self::Quiz(_)
            | Self::Study(_)
            | Self::Present(_)
            | Self::Progress(_) => true,
            Self::OpenLink(_)
            | Self::DismissNotice(_)
            | Self::Settings(_)
            | Self::Library(_)
            | Self::Editor(_)
            | Self::Import(_)
            | Self::Class(_)
            | Self::Print(_) => false,
        }
    }
}

impl Command {
    /// Whether this command may look for a deck in the library, so that it must wait for the
    /// decks still being read at start (a few hundred milliseconds at most).
    pub(super) fn needs_library(&self) -> bool {
        !matches!(
            self,
            Self::OpenLink(_) | Self::DismissNotice(_) | Self::Settings(_)
        )
    }
}

/// The start-up work put off until the first frame is on screen.
#[derive(Default)]
pub(super) struct Deferred {
    /// The store's full check, to run on a worker.
    check: Option<StartupCheck>,
    /// Whether the user's decks are still to be read.
    pub(super) library: bool,
}

impl App {
    /// Opens the store for the window and starts its check on a worker.
    pub(super) fn open_store(&mut self) {
        match Store::open_for_window(&self.data_dir) {
            Ok((opened, check)) => {
                for notice in opened.notices {
                    self.notice(NoticeLevel::Warning, notice.to_string());
                }
                self.store = Some(opened.store);
                // Started once the first frame is on screen (see `start_deferred_work`).
                self.deferred.check = Some(check);
            }
            Err(e) => self.notice(
                NoticeLevel::Error,
                format!(
                    "Scores cannot be saved: {e}. You can still use the decks, but answers will not be kept."
                ),
            ),
        }
    }

    /// Starts the work put off until the first frame was on screen: the store's check and
    /// reading the user's decks, on workers. They would otherwise compete with the window for
    /// the processor while it opens (at 1,000,000 answers and 300 decks, the first frame came
    /// 1.23x and 1.38x later than a bare window's; the check alone takes 0.6 s of a core).
    pub(super) fn start_deferred_work(&mut self) {
        if let Some(check) = self.deferred.check.take() {
            self.store_check = Some(Job::spawn(&self.waker, move || Ok(check.run())));
        }
        if std::mem::take(&mut self.deferred.library) {
            self.start_reading_user_decks();
        }
    }

    /// Whether work is still put off until the first frame (see `start_deferred_work`).
    pub(super) fn work_deferred(&self) -> bool {
        self.deferred.check.is_some() || self.deferred.library
    }

    /// Waits for the work started on workers at start (the store's check, the decks), as if
    /// the first frames had come after it: for tests and benchmarks that look at a complete
    /// library.
    pub fn wait_for_start_up(&mut self) {
        self.start_deferred_work();
        self.finish_store_check(true);
        self.poll_library_loading(true);
    }

    /// Whether the store's check is still running.
    pub fn checking_store(&self) -> bool {
        self.store_check.is_some() || self.deferred.check.is_some()
    }

    /// Takes the check's answer if it has come (`wait`: waits for it), then starts what was
    /// waiting for it (a deck named on the command line).
    pub(super) fn finish_store_check(&mut self, wait: bool) {
        let Some(job) = &self.store_check else { return };
        let answer = if wait {
            job.wait(CHECK_LOST)
        } else {
            match job.poll(CHECK_LOST) {
                Some(answer) => answer,
                None => return,
            }
        };
        self.store_check = None;
        match answer {
            Ok(CheckOutcome::Sound(notices)) => {
                for notice in notices {
                    self.notice(NoticeLevel::Warning, notice.to_string());
                }
            }
            Ok(CheckOutcome::Damaged(reason)) => self.replace_damaged_store(reason),
            Err(lost) => self.notice(
                NoticeLevel::Warning,
                format!("quizdesk could not check its score database for damage: {lost}. It checks again when it next starts."),
            ),
        }
        self.start_pending_when_ready();
    }

    /// Starts the deck named on the command line once there is a profile, the store's check is
    /// back and the library is read.
    pub(super) fn start_pending_when_ready(&mut self) {
        if self.profile.is_some()
            && !self.work_deferred()
            && self.store_check.is_none()
            && self.library_loading.is_none()
            && let Some(start) = self.pending_start.take()
        {
            self.start(&start);
        }
    }

    /// The check found the database damaged: it is moved aside and a new one started, and the
    /// learner carries on under the same name in it.
    fn replace_damaged_store(&mut self, reason: String) {
        let Some(store) = self.store.take() else {
            return;
        };
        match store.replace_damaged(reason) {
            Ok(opened) => {
                for notice in opened.notices {
                    self.notice(NoticeLevel::Error, notice.to_string());
                }
                self.store = Some(opened.store);
            }
            Err(e) => self.notice(
                NoticeLevel::Error,
                format!(
                    "The score database is damaged and could not be replaced: {e}. You can still use the decks, but answers will not be kept."
                ),
            ),
        }
        self.profiles.clear();
        self.refresh_profiles();
        match self.profile.take() {
            Some(profile) => self.choose_first_profile(Some(&profile.name)),
            None => self.go(self.screen),
        }
    }
}
