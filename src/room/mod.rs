//! The live room (issue 15): the audience answers a presentation from their phones over the
//! local network, anonymously. This module is the room's rules alone, a plain state machine with
//! no I/O, tested on its own like the quiz engine; the server that carries phones' messages to
//! it and the presenter that drives it are thin layers over it.
//!
//! - [`RoomCode`]: the short code on the projector that a phone types to join.
//! - [`PhoneMessage`]: what a phone sends, parsed and bounded at the edge.
//! - [`Room`]: joining, rejoining with a token, answering and changing an answer, locking at
//!   Reveal, tallies, verdicts and the summary's aggregates.

mod code;
mod protocol;
mod state;

pub use code::{CODE_LEN, CodeError, RoomCode};
pub use protocol::{
    MAX_MESSAGE_BYTES, MAX_OPTIONS, MAX_WORDS_CHARS, PhoneMessage, PhoneToken, ProtocolError,
};
pub use state::{
    Answered, DEFAULT_MAX_PHONES, JoinOutcome, MAX_NICKNAME_CHARS, POINTS_PER_RIGHT, PhoneAnswer,
    PhoneId, QuestionSpec, Refused, Room, RoomConfig, Tally, Verdict, fold_words,
};

#[cfg(test)]
mod tests;
