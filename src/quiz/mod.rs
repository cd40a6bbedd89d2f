//! The quiz engine: sessions and grading, as plain state machines with injected randomness.
//!
//! Pure: nothing here draws, reads or writes. [`grade()`] scores a learner's [`Response`]
//! against a deck [`Answer`](crate::deck::Answer), and the rest of [`mod@grade`] reads typed
//! numbers and puts answers in words; [`session`] runs a
//! [`QuizSession`] over a deck: it picks and orders questions and options from
//! [`QuizConfig::seed`] (so a session replays exactly), takes answers, and sums up the
//! [`Results`].
//!
//! Indices in responses and in [`Item::display_order`] always count in deck order, the order
//! written in the deck file; only the screen deals in display order.

pub mod grade;
pub mod session;

pub use grade::{
    Grade, NO_RIGHT_ANSWER, Response, correct_answer_text, grade, parse_number,
    parse_number_with_unit, response_text,
};
pub use session::{
    Attempt, FeedbackMode, Item, Phase, QuizConfig, QuizError, QuizSession, Results, ReviewRow,
};
