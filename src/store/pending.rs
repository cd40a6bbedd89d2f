//! The pending queue: writes the disk refused (full, read-only, locked by another quizdesk
//! beyond the busy timeout), kept in memory in order until the store writes them (in
//! `writes`, before the next write or when [`Store::retry_pending`](super::Store::retry_pending)
//! is called), so nothing the user did is lost or reordered.
//!
//! A session started while writing fails waits here too, under a provisional (negative) id, so
//! its answers can wait behind it. Data only: no SQL here, so the store's handle can hold the
//! queue without the queue needing the handle.

use std::collections::{HashMap, VecDeque};

use super::ids::{ProfileId, SessionId};
use super::rows::{AttemptRow, PresentationWrite, SessionRow};

/// A write that failed and waits in the pending queue.
#[derive(Clone, Debug)]
pub(super) enum PendingWrite {
    /// A session started while writes failed, under a provisional id.
    StartSession {
        provisional: SessionId,
        row: SessionRow,
    },
    /// A quiz answer or flashcard review.
    Attempt(AttemptRow),
    /// A session's end.
    Finish {
        session: SessionId,
        finished_ms: i64,
    },
    /// A question shown, a tally or an end of an (anonymous) presentation.
    Presentation(PresentationWrite),
}

impl PendingWrite {
    /// Whether it is an answer or a review (what the user counts as "not saved yet").
    fn is_answer(&self) -> bool {
        matches!(self, Self::Attempt(_))
    }

    /// Whether it is data of this profile (to drop it when the profile is deleted).
    fn belongs_to(&self, profile: ProfileId) -> bool {
        match self {
            Self::StartSession { row, .. } => row.profile == profile,
            Self::Attempt(row) => row.profile == profile,
            // Deleted sessions are not found when retried, which drops the write.
            Self::Finish { .. } => false,
            // Presentations are anonymous: no profile's data.
            Self::Presentation(_) => false,
        }
    }

    /// What is being saved, for error messages.
    pub(super) fn what(&self) -> &'static str {
        match self {
            Self::StartSession { .. } => "start of the session",
            Self::Attempt(row) => row.what,
            Self::Finish { .. } => "end of the session",
            Self::Presentation(write) => write.what(),
        }
    }
}

/// The writes waiting to be retried, oldest first, and the provisional ids of the sessions
/// started while writing failed.
#[derive(Debug)]
pub(super) struct PendingQueue {
    writes: VecDeque<PendingWrite>,
    /// Sessions started while the disk refused writes get a provisional (negative) id at once,
    /// so their answers can wait in the queue behind them; once written, the provisional id
    /// maps to the real one here, for the rest of the store's life.
    provisional: HashMap<SessionId, SessionId>,
    /// The next provisional session id to hand out (counts down from -1).
    next_provisional: i64,
}

impl Default for PendingQueue {
    fn default() -> Self {
        Self {
            writes: VecDeque::new(),
            provisional: HashMap::new(),
            next_provisional: -1,
        }
    }
}

impl PendingQueue {
    /// How many writes wait.
    pub(super) fn len(&self) -> usize {
        self.writes.len()
    }

    /// Whether nothing waits.
    pub(super) fn is_empty(&self) -> bool {
        self.writes.is_empty()
    }

    /// How many answers and reviews wait (session starts and ends not counted).
    pub(super) fn answers(&self) -> usize {
        self.writes.iter().filter(|w| w.is_answer()).count()
    }

    /// Puts a write at the back of the queue.
    pub(super) fn push(&mut self, write: PendingWrite) {
        self.writes.push_back(write);
    }

    /// Queues the start of a session the disk refused, and returns the provisional id its
    /// answers and end can use meanwhile.
    pub(super) fn queue_session_start(&mut self, row: SessionRow) -> SessionId {
        let id = SessionId(self.next_provisional);
        self.next_provisional -= 1;
        self.push(PendingWrite::StartSession {
            provisional: id,
            row,
        });
        id
    }

    /// The oldest write, next to try.
    pub(super) fn front(&self) -> Option<&PendingWrite> {
        self.writes.front()
    }

    /// Drops the oldest write (written, or refused for good).
    pub(super) fn pop_front(&mut self) {
        self.writes.pop_front();
    }

    /// Records that the session queued under `provisional` was written as `real`.
    pub(super) fn session_written(&mut self, provisional: SessionId, real: SessionId) {
        self.provisional.insert(provisional, real);
    }

    /// The real id of a session started under a provisional id, once it is written; any other
    /// id as it is.
    pub(super) fn resolve(&self, id: SessionId) -> SessionId {
        self.provisional.get(&id).copied().unwrap_or(id)
    }

    /// The session still waiting in the queue under the provisional id `id`, if any.
    pub(super) fn queued_session(&self, id: SessionId) -> Option<&SessionRow> {
        self.writes.iter().find_map(|w| match w {
            PendingWrite::StartSession { provisional, row } if *provisional == id => Some(row),
            _ => None,
        })
    }

    /// Drops every waiting write of `profile`, when the profile is deleted.
    pub(super) fn drop_profile(&mut self, profile: ProfileId) {
        self.writes.retain(|write| !write.belongs_to(profile));
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests;
