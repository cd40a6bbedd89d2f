//! The ids of the store's rows: plain numbers, each its own type so that a session's id is never
//! passed as a profile's. A leaf, named by every other file of the store.

use std::fmt;

use serde::{Deserialize, Serialize};

macro_rules! row_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(
            Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
        )]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

row_id!(
    /// A profile's id: one learner's scores.
    ProfileId
);
row_id!(
    /// A session's id: one run through a deck, quiz or study.
    SessionId
);
row_id!(
    /// An attempt's id: one answer (or flashcard rating) given.
    AttemptId
);
row_id!(
    /// A presentation's id: one showing of a deck to a room, with no names stored.
    PresentationId
);
