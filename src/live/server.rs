//! The server itself: axum with one page and one WebSocket route, a connection per phone, and
//! the room behind a mutex that is held only while a message is applied.

use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use axum::extract::State;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use serde::Serialize;
use tokio::sync::{oneshot, watch};

use crate::room::{
    Answered, JoinOutcome, MAX_MESSAGE_BYTES, PhoneAnswer, PhoneMessage, PhoneToken, Refused, Room,
    Verdict,
};

/// The port tried first; when it is taken, the system picks a free one.
pub const DEFAULT_PORT: u16 = 8765;

/// Messages a phone may send in a burst, and then per second.
const BURST_MESSAGES: f64 = 20.0;
const MESSAGES_PER_SECOND: f64 = 5.0;

/// A connection's read buffer: room for a few of the largest messages a phone may send.
const READ_BUFFER_BYTES: usize = 4 * MAX_MESSAGE_BYTES;
/// A connection's write buffer before it is written out.
const WRITE_BUFFER_BYTES: usize = 8 * 1024;

/// Connections beyond the room's cap on phones that are still let in, so a phone that reloads
/// while its old connection has not closed yet can rejoin; they are closed if they do not join.
const SPARE_CONNECTIONS: usize = 50;

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum LiveError {
    /// Neither the port asked for nor a free one could be had.
    #[error(
        "cannot listen for phones on port {port}: {source}. Choose another port, or check that no firewall forbids quizdesk to listen"
    )]
    Listen {
        /// The port asked for.
        port: u16,
        /// What the system said.
        source: std::io::Error,
    },
    /// The server's thread could not start.
    #[error("cannot start the server for phones: {0}")]
    Runtime(std::io::Error),
    /// This computer's network interfaces could not be listed.
    #[error(
        "cannot list this computer's network addresses: {0}. Type the address shown by your system's network settings instead"
    )]
    Interfaces(String),
    /// The join link does not fit in a QR code (it cannot happen with a room's link).
    #[error("cannot draw the join link as a QR code: {0}")]
    QrCode(String),
}

/// What the phones show now.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum PhoneStage {
    /// Between questions: a line of text.
    Waiting {
        /// What to say ("Look at the screen").
        text: String,
    },
    /// A question to answer.
    Question {
        /// Its number in the presentation.
        number: u32,
        /// The question.
        prompt: String,
        /// Its options (empty for a words question).
        options: Vec<String>,
        /// Whether several options may be picked.
        multiple: bool,
        /// Whether the answer is a few words.
        words: bool,
        /// The most characters a words answer may have (0 for options).
        max_chars: u32,
        /// Its pictures: the prompt's, then the options'.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        pictures: Vec<PhonePicture>,
    },
    /// The answer, revealed.
    Reveal {
        /// The question's number.
        number: u32,
        /// The question.
        prompt: String,
        /// Its options.
        options: Vec<String>,
        /// The right options (empty when there is no right answer).
        right: Vec<u8>,
        /// The explanation.
        explanation: String,
        /// Its pictures, as with the question.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        pictures: Vec<PhonePicture>,
    },
    /// The presentation is over.
    Ended,
}

/// A picture of the question on the phones.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PhonePicture {
    /// Where the phone fetches it (`/picture/…`), or `None` when it could not be read: the
    /// phone shows the alt text instead.
    pub url: Option<String>,
    /// What it shows.
    pub alt: String,
    /// The option it belongs to (its place as shown); `None` for the prompt's picture.
    pub option: Option<u8>,
}

/// A picture the server hands to phones, by its path.
#[derive(Clone, Debug)]
pub struct ServedPicture {
    /// The path phones ask for, such as `/picture/3-0`.
    pub path: String,
    /// Its media type, such as `image/png`.
    pub content_type: &'static str,
    /// The file.
    pub bytes: Arc<[u8]>,
}

/// What is shared between the server's connections and the window.
struct Shared {
    /// The current question's pictures: only these are served.
    pictures: Mutex<Vec<ServedPicture>>,
    room: Mutex<Room>,
    stage: watch::Sender<PhoneStage>,
    /// Wakes the window when the room changes.
    changed: Box<dyn Fn() + Send + Sync>,
    connections: AtomicUsize,
    max_connections: usize,
}

impl Shared {
    /// The room; a panic in another connection while it held the lock leaves the room as the
    /// last whole message left it, so it is used as it is.
    fn room(&self) -> MutexGuard<'_, Room> {
        self.room.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The server for one live presentation; it stops when dropped.
pub struct LiveServer {
    address: SocketAddr,
    shared: Arc<Shared>,
    shutdown: Option<oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl LiveServer {
    /// Starts serving `room` on `ip`, on `port` or, when it is taken, on a free port the
    /// system picks; `changed` is called (from the server's thread) whenever the room changes.
    pub fn start(
        room: Room,
        ip: IpAddr,
        port: u16,
        max_phones: usize,
        changed: Box<dyn Fn() + Send + Sync>,
    ) -> Result<Self, LiveError> {
        let listener = std::net::TcpListener::bind((ip, port))
            .or_else(|_| std::net::TcpListener::bind((ip, 0)))
            .map_err(|source| LiveError::Listen { port, source })?;
        listener
            .set_nonblocking(true)
            .map_err(|source| LiveError::Listen { port, source })?;
        let address = listener
            .local_addr()
            .map_err(|source| LiveError::Listen { port, source })?;
        let (stage, _) = watch::channel(PhoneStage::Waiting {
            text: "Look at the screen: the first question is coming.".to_owned(),
        });
        let shared = Arc::new(Shared {
            pictures: Mutex::new(Vec::new()),
            room: Mutex::new(room),
            stage,
            changed,
            connections: AtomicUsize::new(0),
            max_connections: max_phones + SPARE_CONNECTIONS,
        });
        let (shutdown, stop) = oneshot::channel::<()>();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(LiveError::Runtime)?;
        let app = axum::Router::new()
            .route("/", get(page))
            .route("/ws", get(socket))
            .route("/picture/{name}", get(picture))
            .with_state(shared.clone());
        let thread = std::thread::Builder::new()
            .name("quizdesk-live".to_owned())
            .spawn(move || {
                runtime.block_on(async move {
                    let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
                        return;
                    };
                    let served = axum::serve(listener, app)
                        .with_graceful_shutdown(async {
                            let _ = stop.await;
                        })
                        .await;
                    if let Err(e) = served {
                        eprintln!("error: the server for phones stopped: {e}");
                    }
                });
            })
            .map_err(LiveError::Runtime)?;
        Ok(Self {
            address,
            shared,
            shutdown: Some(shutdown),
            thread: Some(thread),
        })
    }

    /// Where the server listens.
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// Works on the room (the presenter opens questions, reveals, reads tallies). Held briefly.
    pub fn with_room<R>(&self, f: impl FnOnce(&mut Room) -> R) -> R {
        f(&mut self.shared.room())
    }

    /// Shows `stage` on every phone.
    pub fn show(&self, stage: PhoneStage) {
        self.shared.stage.send_replace(stage);
    }

    /// Serves `pictures` (the current question's) from now on, and no other.
    pub fn serve_pictures(&self, pictures: Vec<ServedPicture>) {
        *self
            .shared
            .pictures
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = pictures;
    }

    /// How many connections are open now.
    pub fn connections(&self) -> usize {
        self.shared.connections.load(Ordering::Relaxed)
    }
}

impl Drop for LiveServer {
    fn drop(&mut self) {
        self.show(PhoneStage::Ended);
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        if let Some(thread) = self.thread.take() {
            // Open sockets end with the runtime; waiting is short.
            let _ = thread.join();
        }
    }
}

async fn page() -> Html<&'static str> {
    Html(super::PHONE_PAGE)
}

/// A picture of the current question. An SVG may hold scripts: the headers keep a browser from
/// running anything in it, or in a file sniffed as something else.
async fn picture(
    State(shared): State<Arc<Shared>>,
    axum::extract::Path(name): axum::extract::Path<String>,
) -> Response {
    let path = format!("/picture/{name}");
    let found = shared
        .pictures
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .iter()
        .find(|p| p.path == path)
        .cloned();
    match found {
        Some(picture) => (
            [
                (axum::http::header::CONTENT_TYPE, picture.content_type),
                (axum::http::header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
                (
                    axum::http::header::CONTENT_SECURITY_POLICY,
                    "default-src 'none'; style-src 'unsafe-inline'",
                ),
                (axum::http::header::CACHE_CONTROL, "no-store"),
            ],
            axum::body::Bytes::from_owner(picture.bytes),
        )
            .into_response(),
        None => (axum::http::StatusCode::NOT_FOUND, "No such picture.").into_response(),
    }
}

async fn socket(State(shared): State<Arc<Shared>>, upgrade: WebSocketUpgrade) -> Response {
    if shared.connections.load(Ordering::Relaxed) >= shared.max_connections {
        return (
            axum::http::StatusCode::SERVICE_UNAVAILABLE,
            "This room is full.",
        )
            .into_response();
    }
    // A phone sends at most 1 KiB at a time and is sent a page of text: small buffers keep a
    // connection's memory small (the defaults, 128 KiB each way, made a phone cost 135 KiB).
    upgrade
        .max_message_size(MAX_MESSAGE_BYTES)
        .max_frame_size(MAX_MESSAGE_BYTES)
        .read_buffer_size(READ_BUFFER_BYTES)
        .write_buffer_size(WRITE_BUFFER_BYTES)
        .on_upgrade(move |socket| phone(socket, shared))
}

/// What the server says to a phone besides the stage.
#[derive(Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum Reply<'a> {
    Joined {
        token: &'a str,
        answer: Option<Vec<u8>>,
        words: Option<&'a str>,
        /// Whether the room plays a game: the page then asks for a nickname.
        game: bool,
    },
    /// The nickname the room kept.
    Nickname {
        name: String,
    },
    WrongCode,
    Full,
    Answered {
        changed: bool,
    },
    Refused {
        why: String,
    },
    Verdict {
        verdict: &'static str,
        /// The phone's points so far, in game mode.
        #[serde(skip_serializing_if = "Option::is_none")]
        points: Option<u32>,
    },
}

fn text<T: Serialize>(value: &T) -> Message {
    Message::Text(serde_json::to_string(value).unwrap_or_default().into())
}

/// A token bucket: a phone may send a burst, then a steady few messages a second.
struct Rate {
    tokens: f64,
    at: Instant,
}

impl Rate {
    fn allow(&mut self) -> bool {
        let now = Instant::now();
        let refill = now.duration_since(self.at).as_secs_f64() * MESSAGES_PER_SECOND;
        self.tokens = (self.tokens + refill).min(BURST_MESSAGES);
        self.at = now;
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

/// One phone's connection, until it closes.
async fn phone(mut socket: WebSocket, shared: Arc<Shared>) {
    shared.connections.fetch_add(1, Ordering::Relaxed);
    let mut stage = shared.stage.subscribe();
    let mut token: Option<PhoneToken> = None;
    let mut rate = Rate {
        tokens: BURST_MESSAGES,
        at: Instant::now(),
    };
    // A connection that never joins is closed, so it holds no place.
    let join_by = tokio::time::sleep(Duration::from_secs(60));
    tokio::pin!(join_by);
    loop {
        tokio::select! {
            message = socket.recv() => {
                let Some(Ok(message)) = message else { break };
                let Message::Text(message) = message else {
                    if matches!(message, Message::Close(_)) { break; }
                    continue;
                };
                if !rate.allow() {
                    let _ = socket.send(text(&Reply::Refused { why: "Too many messages: wait a moment.".to_owned() })).await;
                    continue;
                }
                let replies = handle(&shared, &mut token, message.as_str());
                for reply in replies {
                    if socket.send(reply).await.is_err() {
                        break;
                    }
                }
            }
            changed = stage.changed(), if token.is_some() => {
                if changed.is_err() { break; }
                let now = stage.borrow_and_update().clone();
                if socket.send(text(&now)).await.is_err() { break; }
                if let (PhoneStage::Reveal { .. }, Some(token)) = (&now, &token) {
                    let (verdict, points) = {
                        let room = shared.room();
                        (room.verdict(token), room.points(token))
                    };
                    if let Some(verdict) = verdict
                        && socket.send(text(&Reply::Verdict { verdict: verdict_name(verdict), points })).await.is_err()
                    {
                        break;
                    }
                }
            }
            () = &mut join_by, if token.is_none() => break,
        }
    }
    if let Some(token) = &token {
        shared.room().disconnected(token);
        (shared.changed)();
    }
    shared.connections.fetch_sub(1, Ordering::Relaxed);
}

fn verdict_name(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Right => "right",
        Verdict::NotRight => "not_right",
        Verdict::NoRightAnswer => "no_right_answer",
        Verdict::NoAnswer => "no_answer",
    }
}

/// Applies one message from a phone; what to send back.
fn handle(shared: &Shared, token: &mut Option<PhoneToken>, message: &str) -> Vec<Message> {
    let message = match PhoneMessage::parse(message) {
        Ok(message) => message,
        Err(e) => return vec![text(&Reply::Refused { why: e.to_string() })],
    };
    match message {
        PhoneMessage::Join { code, token: kept } => {
            let (outcome, game) = {
                let mut room = shared.room();
                let outcome =
                    room.join(
                        &code,
                        kept.as_ref(),
                        || PhoneToken::random(&mut rand::rng()),
                    );
                (outcome, room.is_game())
            };
            let reply = match outcome {
                JoinOutcome::Joined(new) => {
                    let reply = text(&Reply::Joined {
                        token: new.as_str(),
                        answer: None,
                        words: None,
                        game,
                    });
                    *token = Some(new);
                    reply
                }
                JoinOutcome::Rejoined(answer) => {
                    let (options, words) = match &answer {
                        Some(PhoneAnswer::Options(o)) => (Some(o.iter().copied().collect()), None),
                        Some(PhoneAnswer::Words(w)) => (None, Some(w.as_str())),
                        None => (None, None),
                    };
                    // The room knew the token the phone kept, so it sent one.
                    let Some(kept) = kept else {
                        return vec![text(&Reply::Refused {
                            why: Refused::UnknownPhone.to_string(),
                        })];
                    };
                    let reply = text(&Reply::Joined {
                        token: kept.as_str(),
                        answer: options,
                        words,
                        game,
                    });
                    *token = Some(kept);
                    reply
                }
                JoinOutcome::WrongCode => return vec![text(&Reply::WrongCode)],
                JoinOutcome::Full => return vec![text(&Reply::Full)],
            };
            (shared.changed)();
            let stage = shared.stage.borrow().clone();
            vec![reply, text(&stage)]
        }
        PhoneMessage::Nickname { name } => {
            let Some(phone) = token.as_ref() else {
                return vec![text(&Reply::Refused {
                    why: Refused::UnknownPhone.to_string(),
                })];
            };
            let outcome = shared.room().set_nickname(phone, &name);
            match outcome {
                Ok(name) => {
                    (shared.changed)();
                    vec![text(&Reply::Nickname { name })]
                }
                Err(why) => vec![text(&Reply::Refused {
                    why: why.to_string(),
                })],
            }
        }
        PhoneMessage::Answer { question, answer } => {
            let Some(phone) = token.as_ref() else {
                return vec![text(&Reply::Refused {
                    why: Refused::UnknownPhone.to_string(),
                })];
            };
            let outcome = shared.room().answer(phone, question, answer);
            match outcome {
                Ok(answered) => {
                    if answered != Answered::Unchanged {
                        (shared.changed)();
                    }
                    vec![text(&Reply::Answered {
                        changed: answered == Answered::Changed,
                    })]
                }
                Err(why) => vec![text(&Reply::Refused {
                    why: why.to_string(),
                })],
            }
        }
    }
}
