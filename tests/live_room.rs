//! A whole live session over real sockets on 127.0.0.1: 300 phones join with the room code and
//! answer ten questions; some change their answer, some drop and rejoin with their token, some
//! send garbage, one sends a message far over the limit. Every counted answer is what a phone
//! last sent before Reveal, exactly once, and the page is served at `/`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::net::{IpAddr, Ipv4Addr};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use futures_util::{SinkExt as _, StreamExt as _};
use quizdesk::live::{LiveServer, PhoneStage};
use quizdesk::room::{QuestionSpec, Room, RoomCode, RoomConfig};
use serde_json::Value;
use tokio_tungstenite::tungstenite::Message;

const PHONES: usize = 300;
const QUESTIONS: u32 = 10;
const OPTIONS: u8 = 4;

type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

async fn connect(url: &str) -> Socket {
    tokio_tungstenite::connect_async(url).await.unwrap().0
}

/// The next message of `kind` ("joined", "question", …), skipping others; fails after 20 s.
async fn next_of(socket: &mut Socket, kind: &str, question: Option<u32>) -> Value {
    let wait = async {
        loop {
            let message = socket.next().await.expect("the socket closed").unwrap();
            let Message::Text(text) = message else {
                continue;
            };
            let value: Value = serde_json::from_str(&text).unwrap();
            if value["type"] == kind
                && question.is_none_or(|q| value["number"].as_u64() == Some(u64::from(q)))
            {
                return value;
            }
        }
    };
    tokio::time::timeout(Duration::from_secs(20), wait)
        .await
        .unwrap_or_else(|_| panic!("no {kind:?} message came"))
}

async fn send(socket: &mut Socket, value: &Value) {
    socket.send(Message::text(value.to_string())).await.unwrap();
}

/// Sends `value` and returns the reply of `kind`; when the server says the phone sends too
/// fast (its rate limit), waits and sends again, as the page would.
async fn ask(socket: &mut Socket, value: &Value, kind: &str) -> Value {
    loop {
        send(socket, value).await;
        let reply = tokio::time::timeout(Duration::from_secs(20), async {
            loop {
                let message = socket.next().await.expect("the socket closed").unwrap();
                let Message::Text(text) = message else {
                    continue;
                };
                let reply: Value = serde_json::from_str(&text).unwrap();
                if reply["type"] == kind || reply["type"] == "refused" {
                    return reply;
                }
            }
        })
        .await
        .unwrap_or_else(|_| panic!("no reply to {value}"));
        let limited = reply["why"]
            .as_str()
            .is_some_and(|why| why.starts_with("Too many"));
        if !limited {
            assert_eq!(reply["type"], kind, "to {value}: {reply}");
            return reply;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

/// The option phone `i` picks first for question `q`, and the one it ends with.
fn choices(i: usize, q: u32) -> (u8, u8) {
    let first = u8::try_from((i + q as usize) % usize::from(OPTIONS)).unwrap();
    let last = if i.is_multiple_of(7) {
        (first + 1) % OPTIONS
    } else {
        first
    };
    (first, last)
}

/// One phone's whole session.
async fn phone(i: usize, url: String, code: String, done: Arc<AtomicUsize>) {
    let mut socket = connect(&url).await;
    send(
        &mut socket,
        &serde_json::json!({"type": "join", "code": code}),
    )
    .await;
    let joined = next_of(&mut socket, "joined", None).await;
    let token = joined["token"].as_str().unwrap().to_owned();
    for q in 1..=QUESTIONS {
        next_of(&mut socket, "question", Some(q)).await;
        let (first, last) = choices(i, q);
        if i.is_multiple_of(11) {
            // Garbage first: refused, and nothing counted.
            socket.send(Message::text("{not json")).await.unwrap();
            next_of(&mut socket, "refused", None).await;
            let out_of_range = serde_json::json!({"type": "answer", "question": q, "options": [9]});
            ask(&mut socket, &out_of_range, "refused").await;
        }
        let answer =
            |option: u8| serde_json::json!({"type": "answer", "question": q, "options": [option]});
        ask(&mut socket, &answer(first), "answered").await;
        if first != last {
            let changed = ask(&mut socket, &answer(last), "answered").await;
            assert_eq!(changed["changed"], true);
        }
        if i.is_multiple_of(13) {
            // The phone drops (a lock screen) and rejoins with its token: its answer is kept.
            socket.close(None).await.unwrap();
            socket = connect(&url).await;
            let rejoin = serde_json::json!({"type": "join", "code": code, "token": token});
            let rejoined = ask(&mut socket, &rejoin, "joined").await;
            assert_eq!(rejoined["token"], token.as_str());
            assert_eq!(rejoined["answer"], serde_json::json!([last]));
        }
        // Tell the test this phone is done with the question.
        let again = ask(&mut socket, &answer(last), "answered").await;
        assert_eq!(again["changed"], false, "a resend changes nothing");
        done.fetch_add(1, Ordering::SeqCst);
        next_of(&mut socket, "reveal", Some(q)).await;
        let verdict = next_of(&mut socket, "verdict", None).await;
        let expected = if last == u8::try_from(q % u32::from(OPTIONS)).unwrap() {
            "right"
        } else {
            "not_right"
        };
        assert_eq!(verdict["verdict"], expected, "phone {i}, question {q}");
        done.fetch_add(1, Ordering::SeqCst);
    }
}

#[test]
fn three_hundred_phones_answer_ten_questions_and_every_answer_counts_once() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let code = RoomCode::parse("TESTS").unwrap();
    let wakes = Arc::new(AtomicUsize::new(0));
    let counted = wakes.clone();
    let server = LiveServer::start(
        Room::new(
            code.clone(),
            RoomConfig {
                max_phones: 500,
                ..RoomConfig::default()
            },
        ),
        IpAddr::V4(Ipv4Addr::LOCALHOST),
        0,
        500,
        Box::new(move || {
            counted.fetch_add(1, Ordering::Relaxed);
        }),
    )
    .unwrap();
    let address = server.address();
    let url = format!("ws://{address}/ws");

    runtime.block_on(async {
        // The page is served at `/`, and nothing else from disk.
        let mut http = tokio::net::TcpStream::connect(address).await.unwrap();
        use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
        http.write_all(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            .await
            .unwrap();
        let mut page = String::new();
        http.read_to_string(&mut page).await.unwrap();
        assert!(page.starts_with("HTTP/1.1 200"), "{}", &page[..40]);
        assert!(page.contains("Join the room"));
        let mut http = tokio::net::TcpStream::connect(address).await.unwrap();
        http.write_all(b"GET /Cargo.toml HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            .await
            .unwrap();
        let mut missing = String::new();
        http.read_to_string(&mut missing).await.unwrap();
        assert!(missing.starts_with("HTTP/1.1 404"), "{}", &missing[..40]);

        // A hostile client: a message far over the limit closes its connection only.
        let mut hostile = connect(&url).await;
        let _ = hostile.send(Message::text("x".repeat(100_000))).await;

        let done = Arc::new(AtomicUsize::new(0));
        let phones: Vec<_> = (0..PHONES)
            .map(|i| tokio::spawn(phone(i, url.clone(), "tests".to_owned(), done.clone())))
            .collect();
        // Wait for everyone to join.
        let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
        while server.with_room(|r| r.joined()) < PHONES {
            assert!(
                tokio::time::Instant::now() < deadline,
                "not every phone joined"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        for q in 1..=QUESTIONS {
            let correct = u8::try_from(q % u32::from(OPTIONS)).unwrap();
            server.with_room(|r| {
                r.open_question(
                    q,
                    QuestionSpec::Choice {
                        options: OPTIONS,
                        correct: [correct].into(),
                        multiple: false,
                    },
                );
            });
            server.show(PhoneStage::Question {
                number: q,
                prompt: format!("Question {q}?"),
                options: (0..OPTIONS).map(|o| format!("Option {o}")).collect(),
                multiple: false,
                words: false,
                max_chars: 0,
                pictures: Vec::new(),
            });
            // Every phone is done with the question: its last message was answered.
            let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
            // Two marks a question: answered, then told the verdict.
            let answered_all = PHONES * (2 * q as usize - 1);
            while done.load(Ordering::SeqCst) < answered_all {
                assert!(
                    tokio::time::Instant::now() < deadline,
                    "{} phones done with question {q}",
                    done.load(Ordering::SeqCst)
                );
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
            let tally = server.with_room(Room::reveal).unwrap();
            let mut expected = vec![0_u32; usize::from(OPTIONS)];
            for i in 0..PHONES {
                expected[usize::from(choices(i, q).1)] += 1;
            }
            assert_eq!(tally.per_option, expected, "question {q}");
            assert_eq!(tally.answered as usize, PHONES);
            assert_eq!(tally.right, Some(expected[usize::from(correct)]));
            server.show(PhoneStage::Reveal {
                number: q,
                prompt: format!("Question {q}?"),
                options: (0..OPTIONS).map(|o| format!("Option {o}")).collect(),
                right: vec![correct],
                explanation: "Because.".to_owned(),
                pictures: Vec::new(),
            });
            // The stage a phone sees is the newest: wait until each has seen this Reveal
            // before the next question replaces it.
            let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
            while done.load(Ordering::SeqCst) < PHONES * 2 * q as usize {
                assert!(
                    tokio::time::Instant::now() < deadline,
                    "not every phone saw Reveal"
                );
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
        }
        for phone in phones {
            phone.await.unwrap();
        }
    });
    let summary = server.with_room(|r: &mut Room| r.summary());
    assert_eq!(summary.len(), QUESTIONS as usize);
    assert!(summary.iter().all(|t| t.answered as usize == PHONES));
    assert!(
        wakes.load(Ordering::Relaxed) >= PHONES,
        "the window was woken"
    );
    drop(server);
}
