//! The deck format's limits: a leaf, shared by the loader, the checks, the problems that name
//! them and the writer.

/// The largest deck file quizdesk opens, in bytes (32 MiB: six times a 10,000-question deck).
pub const MAX_DECK_BYTES: u64 = 32 * 1024 * 1024;

/// The longest suggested length of a deck's session, in minutes (ten hours).
pub const MAX_SESSION_MINUTES: u32 = 600;

/// The longest allowed id, in bytes.
pub const MAX_ID_LEN: usize = 64;
/// The longest allowed time limit, in seconds.
pub const MAX_TIME_LIMIT_SECS: u32 = 3600;

/// The most options a poll may have (what a phone shows in a room).
pub const MAX_POLL_OPTIONS: usize = crate::room::MAX_OPTIONS;

/// The most characters a words answer may have, and the default limit of a words question:
/// what a phone may send.
#[allow(clippy::cast_possible_truncation)] // 40
pub const MAX_WORDS_CHARS: u32 = crate::room::MAX_WORDS_CHARS as u32;

/// The largest picture a deck may show, in bytes (4 MiB: a photo saved for a screen is far
/// smaller; a camera's original is not needed on a projector or a phone).
pub const MAX_IMAGE_BYTES: u64 = 4 * 1024 * 1024;

/// The longest side a PNG, JPEG or WebP picture may have, in pixels: decoded, a picture takes
/// 4 bytes a pixel, so 4096 × 4096 is 64 MiB of memory at most.
pub const MAX_IMAGE_SIDE_PX: u32 = 4096;
