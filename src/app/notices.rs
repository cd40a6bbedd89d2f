//! The messages at the top of the window, and the answers waiting to be written: every error
//! reaches the user through [`App::notice`], once.

use crate::store::{self, Store};

use super::{App, WindowEffect};

/// How serious a notice is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeLevel {
    /// Good to know.
    Info,
    /// Something needs attention, but nothing is lost.
    Warning,
    /// Something failed.
    Error,
}

/// A message shown at the top of the window until dismissed.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    /// How serious.
    pub level: NoticeLevel,
    /// What happened and what to do.
    pub text: String,
}

/// Words of the one notice about writes waiting in the store's queue.
const PENDING_MARK: &str = "quizdesk keeps trying";

/// How long to wait before trying waiting writes again, in seconds.
const RETRY_AFTER_S: f64 = 2.0;

/// Whether `notice` is the one about writes waiting in the store's queue.
fn is_pending_notice(notice: &Notice) -> bool {
    notice.level == NoticeLevel::Warning && notice.text.contains(PENDING_MARK)
}

impl App {
    /// Shows a notice, unless the same text is shown already.
    pub(crate) fn notice(&mut self, level: NoticeLevel, text: String) {
        if !self.notices.iter().any(|n| n.text == text) {
            self.notices.push(Notice { level, text });
        }
    }

    /// Hides notice `i`.
    pub(super) fn dismiss_notice(&mut self, i: usize) {
        if i < self.notices.len() {
            self.notices.remove(i);
        }
    }

    /// Replaces the one notice about waiting writes (or removes it, for `None`).
    fn set_pending_notice(&mut self, notice: Option<Notice>) {
        self.notices.retain(|n| !is_pending_notice(n));
        if let Some(notice) = notice {
            self.notice(notice.level, notice.text);
        }
    }

    /// Says that a write failed. A write kept in the pending queue (the disk refused it) is one
    /// notice for all of them, with how many answers wait, replaced as the count changes;
    /// anything else is its own notice.
    pub(super) fn write_failed_notice(&mut self, what: &str, error: &store::StoreError) {
        if !matches!(error, store::StoreError::WriteFailed { queued: true, .. }) {
            self.notice(
                NoticeLevel::Error,
                format!("Your {what} was not saved: {error}"),
            );
            return;
        }
        let answers = self.store.as_ref().map_or(0, Store::pending_answers);
        let waiting = match answers {
            0 => format!("Your {what} is not saved yet"),
            1 => "1 answer is not saved yet".to_owned(),
            n => format!("{n} answers are not saved yet"),
        };
        self.set_pending_notice(Some(Notice {
            level: NoticeLevel::Warning,
            text: format!("{waiting} ({PENDING_MARK}): {error}"),
        }));
    }

    /// While some answer is waiting to be written, tries again every two seconds.
    pub(super) fn retry_pending_writes(&mut self) {
        let Some(store) = &mut self.store else { return };
        if store.pending_count() == 0 {
            return;
        }
        match store.retry_pending() {
            Ok(_) if store.pending_count() == 0 => {
                self.set_pending_notice(None);
                self.notice(NoticeLevel::Info, "Every answer is saved now.".to_owned());
            }
            // The reason is the queued notice's already; it is said again if it changes.
            _ => self.effects.push(WindowEffect::RepaintAfter {
                seconds: RETRY_AFTER_S,
            }),
        }
    }

    /// Closing the window while answers still wait to be written would lose them: the first
    /// close is held back with a warning; a second one closes anyway.
    pub(super) fn guard_close_with_unsaved_answers(&mut self, close_requested: bool) {
        let pending = self.store.as_ref().map_or(0, Store::pending_count);
        if pending == 0 {
            self.close_warned = false;
            return;
        }
        if !close_requested || self.close_warned {
            return;
        }
        self.close_warned = true;
        self.effects.push(WindowEffect::CancelClose);
        self.notice(
            NoticeLevel::Error,
            format!(
                "{pending} answer(s) could not be saved yet and would be lost. Free some disk space, wait for this message to clear, or close again to quit anyway."
            ),
        );
    }

    /// One last try for answers still waiting to be written, as the window closes; what could
    /// not be written is said on standard error, the only place left to say it.
    pub fn on_exit(&mut self) {
        self.finish_open_sessions();
        if let Some(store) = &mut self.store
            && store.pending_count() > 0
            && let Err(e) = store.retry_pending()
        {
            eprintln!("error: answers could not be saved before closing: {e}");
        }
    }
}
