//! The live room's server (issue 15): the laptop serves a page to the phones in the room and
//! carries what they send to the room's state machine ([`crate::room`]). It runs on its own
//! thread with its own small tokio runtime, so the window never waits on it: the presenter
//! tells it what to show and reads the room's tallies, and it wakes the window when something
//! changes. It serves the embedded page and the socket, nothing else, and no file from disk.

mod join;
mod server;

pub use join::{QrMatrix, RoomInterface, join_url, reachable_interfaces, room_interfaces};
pub use server::{DEFAULT_PORT, LiveError, LiveServer, PhonePicture, PhoneStage, ServedPicture};

/// The page the phones load: HTML, CSS and plain JavaScript in one file, embedded in the
/// binary (no framework, no CDN, no web fonts).
pub const PHONE_PAGE: &str = include_str!("../../assets/phone.html");
