//! What a phone sends, parsed once at the edge into validated types: a message is refused
//! before it is parsed when it is too long, and after when anything in it is out of bounds, so
//! the room's state machine only ever sees answers it can count.

use std::collections::BTreeSet;

use rand::RngExt as _;
use serde::Deserialize;

use super::code::{CodeError, RoomCode};
use super::state::PhoneAnswer;

/// The longest message a phone may send, in bytes; checked before the message is parsed.
pub const MAX_MESSAGE_BYTES: usize = 1024;

/// The most options a question may have in a room.
pub const MAX_OPTIONS: usize = 16;

/// The longest words answer, in characters (a few words).
pub const MAX_WORDS_CHARS: usize = 40;

/// How many characters a phone token has.
const TOKEN_LEN: usize = 22;

/// The characters of a token (URL-safe, so it can sit in a page's local storage as it is).
const TOKEN_ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// The secret a phone keeps to rejoin the room (about 132 random bits). It says nothing about
/// the phone or its owner.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PhoneToken(String);

impl PhoneToken {
    /// A new random token.
    pub fn random(rng: &mut impl rand::Rng) -> Self {
        Self(
            (0..TOKEN_LEN)
                .map(|_| char::from(TOKEN_ALPHABET[rng.random_range(0..TOKEN_ALPHABET.len())]))
                .collect(),
        )
    }

    /// A token a phone sent back, if it is shaped like one.
    pub fn parse(sent: &str) -> Option<Self> {
        (sent.len() == TOKEN_LEN && sent.bytes().all(|b| TOKEN_ALPHABET.contains(&b)))
            .then(|| Self(sent.to_owned()))
    }

    /// The token, to send to its phone.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A message from a phone, validated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PhoneMessage {
    /// Join the room with its code, or rejoin with the token kept from before.
    Join {
        /// The code typed.
        code: RoomCode,
        /// The token kept in the page, if any.
        token: Option<PhoneToken>,
    },
    /// The nickname a phone picks in game mode (checked by the room).
    Nickname {
        /// As typed.
        name: String,
    },
    /// Answer question `question`.
    Answer {
        /// The question's number in the presentation.
        question: u32,
        /// The answer.
        answer: PhoneAnswer,
    },
}

/// Why a phone's message was refused.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ProtocolError {
    /// Longer than [`MAX_MESSAGE_BYTES`].
    #[error("the message is {0} bytes; at most {MAX_MESSAGE_BYTES} are read")]
    TooLong(usize),
    /// Not a message this page sends.
    #[error("the message cannot be read: {0}")]
    Malformed(String),
    /// A room code that cannot be one.
    #[error("{0}")]
    Code(#[from] CodeError),
    /// A token that is not shaped like one.
    #[error("the phone's token is not one this room gives")]
    Token,
    /// An option number out of range, or too many.
    #[error("an answer names an option no question has")]
    Options,
    /// Both options and words, or neither.
    #[error("an answer has options or words, one of the two")]
    AnswerShape,
}

/// The message as it arrives, before it is checked.
#[derive(Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
enum RawMessage {
    Join {
        code: String,
        #[serde(default)]
        token: Option<String>,
    },
    Nickname {
        name: String,
    },
    Answer {
        question: u32,
        #[serde(default)]
        options: Option<Vec<u32>>,
        #[serde(default)]
        words: Option<String>,
    },
}

impl PhoneMessage {
    /// Parses a phone's message (JSON text), refusing one over [`MAX_MESSAGE_BYTES`] before
    /// reading it.
    pub fn parse(text: &str) -> Result<Self, ProtocolError> {
        if text.len() > MAX_MESSAGE_BYTES {
            return Err(ProtocolError::TooLong(text.len()));
        }
        let raw: RawMessage =
            serde_json::from_str(text).map_err(|e| ProtocolError::Malformed(e.to_string()))?;
        match raw {
            RawMessage::Join { code, token } => Ok(Self::Join {
                code: RoomCode::parse(&code)?,
                token: match token {
                    Some(token) => Some(PhoneToken::parse(&token).ok_or(ProtocolError::Token)?),
                    None => None,
                },
            }),
            RawMessage::Answer {
                question,
                options,
                words,
            } => {
                let answer = match (options, words) {
                    (Some(options), None) => {
                        if options.len() > MAX_OPTIONS {
                            return Err(ProtocolError::Options);
                        }
                        let picked = options
                            .into_iter()
                            .map(|o| {
                                u8::try_from(o)
                                    .ok()
                                    .filter(|&o| usize::from(o) < MAX_OPTIONS)
                                    .ok_or(ProtocolError::Options)
                            })
                            .collect::<Result<BTreeSet<u8>, _>>()?;
                        PhoneAnswer::Options(picked)
                    }
                    (None, Some(words)) => PhoneAnswer::Words(words),
                    _ => return Err(ProtocolError::AnswerShape),
                };
                Ok(Self::Answer { question, answer })
            }
            RawMessage::Nickname { name } => Ok(Self::Nickname { name }),
        }
    }
}
