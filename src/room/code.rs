//! The room code a phone types to join: short, new and random each session, in letters and
//! digits that cannot be mistaken for one another on a projector (no I, O, 0 or 1).

use rand::RngExt as _;

/// The characters a room code is made of.
const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/// How many characters a room code has.
pub const CODE_LEN: usize = 5;

/// A room code, valid by construction: [`CODE_LEN`] characters of the code alphabet.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RoomCode(String);

/// Why a typed room code is not one.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum CodeError {
    /// Too short or too long.
    #[error("a room code has {CODE_LEN} characters; this one has {0}")]
    Length(usize),
    /// A character no room code has.
    #[error("a room code has only the letters and digits shown on the screen, not {0:?}")]
    Character(char),
}

impl RoomCode {
    /// A new random code.
    pub fn random(rng: &mut impl rand::Rng) -> Self {
        let code = (0..CODE_LEN)
            .map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]))
            .collect();
        Self(code)
    }

    /// The code a person typed: case, spaces and dashes do not matter ("abc-de" is "ABCDE").
    pub fn parse(typed: &str) -> Result<Self, CodeError> {
        let mut code = String::with_capacity(CODE_LEN);
        for c in typed.chars().filter(|c| !c.is_whitespace() && *c != '-') {
            let upper = c.to_ascii_uppercase();
            if !upper.is_ascii() || !ALPHABET.contains(&(upper as u8)) {
                return Err(CodeError::Character(c));
            }
            if code.len() == CODE_LEN {
                // Counted whole, so the message says how long it was.
                let length = typed
                    .chars()
                    .filter(|c| !c.is_whitespace() && *c != '-')
                    .count();
                return Err(CodeError::Length(length));
            }
            code.push(upper);
        }
        if code.len() == CODE_LEN {
            Ok(Self(code))
        } else {
            Err(CodeError::Length(code.len()))
        }
    }

    /// The code, as shown.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for RoomCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use rand::SeedableRng as _;

    use super::*;

    #[test]
    fn random_codes_use_only_unmistakable_characters_and_differ() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
        let codes: Vec<RoomCode> = (0..200).map(|_| RoomCode::random(&mut rng)).collect();
        for code in &codes {
            assert_eq!(code.as_str().len(), CODE_LEN);
            assert!(!code.as_str().contains(['I', 'O', '0', '1']), "{code}");
            assert_eq!(RoomCode::parse(code.as_str()).unwrap(), *code);
        }
        let distinct: std::collections::HashSet<_> = codes.iter().collect();
        assert!(distinct.len() > 190, "{} distinct of 200", distinct.len());
    }

    #[test]
    fn a_typed_code_ignores_case_spaces_and_dashes() {
        assert_eq!(RoomCode::parse(" ab-c d7 ").unwrap().as_str(), "ABCD7");
        assert_eq!(RoomCode::parse("ABCD"), Err(CodeError::Length(4)));
        assert_eq!(RoomCode::parse("ABCDEFG"), Err(CodeError::Length(7)));
        assert_eq!(RoomCode::parse("ABCD0"), Err(CodeError::Character('0')));
        assert_eq!(RoomCode::parse("ABCDé"), Err(CodeError::Character('é')));
        assert_eq!(RoomCode::parse(""), Err(CodeError::Length(0)));
    }
}
