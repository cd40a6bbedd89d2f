//! The facilitator's side of a live room, driven like a person would (kittest, widgets found by
//! their accessible labels), with simulated phones on real sockets: the join screen and its
//! count, the live chart on the console only, Reveal showing the chart on the projector and
//! telling each phone whether it was right, the summary, and a presentation record that holds
//! aggregates and nothing else.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use futures_util::{SinkExt as _, StreamExt as _};
use quizdesk::app::{Command, LiveCommand, LiveSettings, PresentCommand, Screen, Stage, StartMode};
use quizdesk::ui::Shell;
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::Message;

mod common;
use common::{TempDir, settle, wait_for_label_containing};

type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

fn harness(dir: &TempDir) -> Harness<'static, Shell> {
    common::app_harness(
        dir,
        Some("Facilitator"),
        StartMode::Present {
            deck: "fentanyl-social-media".to_owned(),
            live_port: None,
        },
        egui::vec2(1280.0, 1600.0),
    )
}

/// The next message of `kind` from the server, skipping others; fails after 10 s.
async fn next_of(socket: &mut Socket, kind: &str) -> Value {
    let wait = async {
        loop {
            let message = socket.next().await.expect("the socket closed").unwrap();
            let Message::Text(text) = message else {
                continue;
            };
            let value: Value = serde_json::from_str(&text).unwrap();
            if value["type"] == kind {
                return value;
            }
        }
    };
    tokio::time::timeout(Duration::from_secs(10), wait)
        .await
        .unwrap_or_else(|_| panic!("no {kind:?} message came"))
}

async fn send(socket: &mut Socket, value: &Value) {
    socket.send(Message::text(value.to_string())).await.unwrap();
}

/// The score database and its write-ahead log, as bytes: what a person with the file could read.
fn database_bytes(dir: &TempDir) -> Vec<u8> {
    let bytes = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension()
                .is_some_and(|e| e == "sqlite3" || e == "sqlite3-wal")
        })
        .map(|p| std::fs::read(p).unwrap())
        .collect::<Vec<_>>()
        .concat();
    assert!(!bytes.is_empty());
    bytes
}

#[test]
fn phones_join_answer_and_the_room_sees_the_chart_only_at_reveal() {
    let dir = TempDir::new("live-present");
    let mut harness = harness(&dir);
    settle(&mut harness);
    assert_eq!(harness.state().screen(), Screen::Present);

    // The facilitator opens the console and lets the room answer on their phones (port 0: a
    // free one, as a taken port would fall back to).
    harness.key_press(egui::Key::C);
    settle(&mut harness);
    harness
        .state_mut()
        .push(Command::Present(PresentCommand::Live(LiveCommand::Start(
            LiveSettings {
                port: 0,
                max_phones: 500,
                game: false,
            },
        ))));
    settle(&mut harness);
    let (port, code, address) = {
        let live = harness
            .state()
            .presentation()
            .unwrap()
            .live
            .as_ref()
            .unwrap();
        (
            live.port(),
            live.code().as_str().to_owned(),
            live.address_to_type(),
        )
    };
    // The projector's join screen: the QR code, the address in large type, the code, the count.
    harness.get_by_label_contains("QR code of the join link http://");
    assert!(address.starts_with("http://") && address.ends_with(&format!(":{port}/")));
    assert_eq!(
        harness.query_all_by_label(&address).count(),
        2,
        "the projector shows the address, and the console names it"
    );
    harness.get_by_label(&code.chars().map(String::from).collect::<Vec<_>>().join(" "));
    harness.get_by_label("0 phones joined");

    let runtime = tokio::runtime::Runtime::new().unwrap();
    let url = format!("ws://127.0.0.1:{port}/ws");
    let mut phones: Vec<Socket> = runtime.block_on(async {
        let mut phones = Vec::new();
        for _ in 0..3 {
            let (mut socket, _) = tokio_tungstenite::connect_async(&url).await.unwrap();
            send(
                &mut socket,
                &json!({"type": "join", "code": code.to_lowercase()}),
            )
            .await;
            next_of(&mut socket, "joined").await;
            phones.push(socket);
        }
        phones
    });
    wait_for_label_containing(&mut harness, "3 phones joined");

    // The first question: the phones get it with its options in the projector's order.
    harness.key_press(egui::Key::ArrowRight);
    settle(&mut harness);
    let right = quizdesk::app::live::right_options(harness.state().presentation().unwrap(), 0);
    let right_option = u8::try_from(right.iter().position(|&r| r).unwrap()).unwrap();
    let wrong_option = (right_option + 1) % u8::try_from(right.len()).unwrap();
    runtime.block_on(async {
        for (i, phone) in phones.iter_mut().enumerate() {
            let question = next_of(phone, "question").await;
            assert_eq!(question["number"], 0);
            assert_eq!(question["options"].as_array().unwrap().len(), right.len());
            let option = if i < 2 { right_option } else { wrong_option };
            send(
                phone,
                &json!({"type": "answer", "question": 0, "options": [option]}),
            )
            .await;
            next_of(phone, "answered").await;
        }
    });
    // The console counts them live; the projector shows no count and no chart before Reveal.
    wait_for_label_containing(&mut harness, "3 of 3 answered");
    assert!(harness.query_by_label_contains("phones answered").is_none());
    let letter = char::from(b'A' + right_option);
    harness.get_by_label_contains(&format!("Option {letter}: 2 of 3 (67%), the right answer"));
    assert_eq!(
        harness
            .query_all_by_label_contains(&format!("Option {letter}: 2 of 3"))
            .count(),
        1,
        "only the console draws the chart"
    );

    // Reveal: the answers lock, the projector shows the chart, each phone hears its verdict.
    harness.key_press(egui::Key::R);
    settle(&mut harness);
    harness.get_by_label("3 phones answered; 67% right");
    assert_eq!(
        harness
            .query_all_by_label_contains(&format!("Option {letter}: 2 of 3"))
            .count(),
        2,
        "the projector and the console"
    );
    runtime.block_on(async {
        for (i, phone) in phones.iter_mut().enumerate() {
            let reveal = next_of(phone, "reveal").await;
            assert_eq!(reveal["right"], json!([right_option]));
            let verdict = next_of(phone, "verdict").await;
            let expected = if i < 2 { "right" } else { "not_right" };
            assert_eq!(verdict["verdict"], expected, "phone {i}");
            // Too late to change it.
            send(
                phone,
                &json!({"type": "answer", "question": 0, "options": [wrong_option]}),
            )
            .await;
            let refused = next_of(phone, "refused").await;
            assert!(
                refused["why"].as_str().unwrap().contains("locked"),
                "{refused}"
            );
        }
    });

    // The summary shows how the room answered.
    harness
        .state_mut()
        .push(Command::Present(PresentCommand::Go(Stage::Summary)));
    settle(&mut harness);
    harness.get_by_label("How the room answered");
    harness.get_by_label_contains("67% right");
    runtime.block_on(async {
        let waiting = next_of(&mut phones[0], "waiting").await;
        assert!(waiting["text"].as_str().unwrap().contains("last question"));
    });

    // Leaving ends the room: the phones are told, the port closes.
    harness.key_press(egui::Key::Escape);
    settle(&mut harness);
    harness.key_press(egui::Key::Escape);
    settle(&mut harness);
    assert_eq!(harness.state().screen(), Screen::Library);
    runtime.block_on(async {
        next_of(&mut phones[1], "ended").await;
        assert!(
            tokio_tungstenite::connect_async(&url).await.is_err(),
            "the server stopped"
        );
    });

    // The record: counts per option, how many answered, how many were right. Nothing else.
    let records = harness.state().store().unwrap().presentations().unwrap();
    let question = &records[0].questions[0];
    let mut counts = vec![0; right.len()];
    counts[usize::from(right_option)] = 2;
    counts[usize::from(wrong_option)] = 1;
    assert_eq!(question.option_counts.as_deref(), Some(&counts[..]));
    assert_eq!((question.correct, question.answered), (Some(2), Some(3)));
    drop(harness);
    let database = database_bytes(&dir);
    let text = String::from_utf8_lossy(&database);
    assert!(!text.contains(&code), "the room code is not kept");
    assert!(!text.contains("127.0.0.1"), "no address is kept");
}

#[test]
fn a_poll_and_a_words_question_on_phones() {
    let dir = TempDir::new("live-poll");
    let mut harness = common::live_harness(&dir, "sample-every-kind");
    harness.key_press(egui::Key::C);
    settle(&mut harness);
    let (port, code) = common::live_room(&harness);
    let position = |id: &str| {
        let state = harness.state().presentation().unwrap();
        (0..state.len())
            .find(|&n| state.question(n).is_some_and(|q| q.id.as_str() == id))
            .unwrap()
    };
    let (poll, words) = (position("planet-to-visit"), position("night-sky-word"));
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let url = format!("ws://127.0.0.1:{port}/ws");
    let mut phones: Vec<Socket> = runtime.block_on(async {
        let mut phones = Vec::new();
        for _ in 0..4 {
            let (mut socket, _) = tokio_tungstenite::connect_async(&url).await.unwrap();
            send(&mut socket, &json!({"type": "join", "code": code})).await;
            next_of(&mut socket, "joined").await;
            phones.push(socket);
        }
        phones
    });

    // The poll: options as written, no right answer at Reveal, counts kept.
    harness
        .state_mut()
        .push(Command::Present(PresentCommand::Go(Stage::Question {
            n: poll,
            revealed: false,
        })));
    settle(&mut harness);
    let number = u64::try_from(poll).unwrap();
    runtime.block_on(async {
        for (i, phone) in phones.iter_mut().enumerate() {
            let question = next_of(phone, "question").await;
            assert_eq!(question["number"], number);
            assert_eq!(question["options"][2], "Mars");
            let option = if i == 0 { 0 } else { 2 };
            send(
                phone,
                &json!({"type": "answer", "question": number, "options": [option]}),
            )
            .await;
            next_of(phone, "answered").await;
        }
    });
    wait_for_label_containing(&mut harness, "4 of 4 answered");
    harness.key_press(egui::Key::R);
    settle(&mut harness);
    harness.get_by_label("No right answer: this is what the room thinks.");
    harness.get_by_label("4 phones answered");
    runtime.block_on(async {
        for phone in &mut phones {
            let reveal = next_of(phone, "reveal").await;
            assert_eq!(reveal["right"], json!([]));
            assert_eq!(
                next_of(phone, "verdict").await["verdict"],
                "no_right_answer"
            );
        }
    });

    // Words: abuse is refused on the phone; only approved words reach the projector.
    harness
        .state_mut()
        .push(Command::Present(PresentCommand::Go(Stage::Question {
            n: words,
            revealed: false,
        })));
    settle(&mut harness);
    let number = u64::try_from(words).unwrap();
    runtime.block_on(async {
        for (i, phone) in phones.iter_mut().enumerate() {
            let question = next_of(phone, "question").await;
            assert_eq!(question["words"], true);
            assert_eq!(question["max_chars"], 30);
            let said = ["Wonder", "wonder ", "awe", "f u c k"][i];
            send(
                phone,
                &json!({"type": "answer", "question": number, "words": said}),
            )
            .await;
            if i == 3 {
                let refused = next_of(phone, "refused").await;
                assert!(
                    refused["why"].as_str().unwrap().contains("whole room"),
                    "{refused}"
                );
            } else {
                next_of(phone, "answered").await;
            }
        }
    });
    wait_for_label_containing(&mut harness, "3 of 4 answered");
    harness.get_by_label("wonder (2)");
    assert!(
        harness.query_by_label("wonder: 2 phones").is_none(),
        "not approved yet"
    );
    harness.get_by_label("Show \"wonder\" to the room").click();
    settle(&mut harness);
    harness.get_by_label("wonder: 2 phones");
    assert!(harness.query_by_label("awe: 1 phone").is_none());
    harness.key_press(egui::Key::Escape);
    settle(&mut harness);
    harness.key_press(egui::Key::Escape);
    settle(&mut harness);

    let records = harness.state().store().unwrap().presentations().unwrap();
    let kept = |id: &str| {
        records[0]
            .questions
            .iter()
            .find(|q| q.question_id == id)
            .cloned()
            .unwrap()
    };
    let poll = kept("planet-to-visit");
    assert_eq!(poll.option_counts, Some(vec![1, 0, 3, 0, 0]));
    assert_eq!((poll.correct, poll.answered), (None, Some(4)));
    let words = kept("night-sky-word");
    assert_eq!((words.correct, words.answered), (None, Some(3)));
    drop(harness);
    assert!(
        !String::from_utf8_lossy(&database_bytes(&dir)).contains("wonder"),
        "the room's words are never stored"
    );
}

#[test]
fn game_mode_nicknames_points_and_the_top_five() {
    let dir = TempDir::new("live-game");
    let mut harness = harness(&dir);
    settle(&mut harness);
    harness
        .state_mut()
        .push(Command::Present(PresentCommand::Live(LiveCommand::Start(
            LiveSettings {
                port: 0,
                max_phones: 50,
                game: true,
            },
        ))));
    settle(&mut harness);
    let (port, code) = common::live_room(&harness);
    harness.key_press(egui::Key::ArrowRight);
    settle(&mut harness);
    let right = quizdesk::app::live::right_options(harness.state().presentation().unwrap(), 0);
    let right_option = u8::try_from(right.iter().position(|&r| r).unwrap()).unwrap();
    let wrong_option = (right_option + 1) % u8::try_from(right.len()).unwrap();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let url = format!("ws://127.0.0.1:{port}/ws");
    runtime.block_on(async {
        let mut phones = Vec::new();
        for (name, option) in [("Blue Fox", right_option), ("Owl", wrong_option)] {
            let (mut socket, _) = tokio_tungstenite::connect_async(&url).await.unwrap();
            send(&mut socket, &json!({"type": "join", "code": code})).await;
            let joined = next_of(&mut socket, "joined").await;
            assert_eq!(joined["game"], true);
            send(
                &mut socket,
                &json!({"type": "nickname", "name": "dickhead"}),
            )
            .await;
            next_of(&mut socket, "refused").await;
            send(&mut socket, &json!({"type": "nickname", "name": name})).await;
            assert_eq!(next_of(&mut socket, "nickname").await["name"], name);
            send(
                &mut socket,
                &json!({"type": "answer", "question": 0, "options": [option]}),
            )
            .await;
            next_of(&mut socket, "answered").await;
            phones.push(socket);
        }
        phones
    });
    wait_for_label_containing(&mut harness, "2 phones joined");
    assert!(
        harness.query_by_label("Top 5").is_none(),
        "no board before Reveal"
    );
    harness.key_press(egui::Key::R);
    settle(&mut harness);
    harness.get_by_label("Top 5");
    harness.get_by_label("1. Blue Fox  100");
    harness.get_by_label("2. Owl  0");
    // Nicknames live in memory only: the record has none.
    harness.key_press(egui::Key::Escape);
    settle(&mut harness);
    harness.key_press(egui::Key::Escape);
    settle(&mut harness);
    drop(harness);
    let text = String::from_utf8_lossy(&database_bytes(&dir)).into_owned();
    assert!(!text.contains("Blue Fox") && !text.contains("Owl"));
}

#[test]
fn the_join_address_follows_the_network_chosen_and_the_page_opens_here() {
    let dir = TempDir::new("live-address");
    let mut harness = common::live_harness(&dir, "fentanyl-social-media");
    let opened = std::rc::Rc::new(std::cell::RefCell::new(Vec::<String>::new()));
    let recorder = opened.clone();
    harness
        .state_mut()
        .set_link_opener(Box::new(move |url: &str| {
            recorder.borrow_mut().push(url.to_owned());
            Ok(())
        }));
    let (port, code) = common::live_room(&harness);
    // Another network's address: the link, the QR code and the large address follow it.
    let other = std::net::IpAddr::from([10, 20, 30, 40]);
    harness
        .state_mut()
        .push(Command::Present(PresentCommand::Live(
            LiveCommand::UseAddress(other),
        )));
    settle(&mut harness);
    let address = format!("http://10.20.30.40:{port}/");
    harness.get_by_label(&address);
    harness.get_by_label(&format!("QR code of the join link {address}?code={code}"));
    // "Test from this computer": the page, on this computer, with the code.
    harness.key_press(egui::Key::C);
    settle(&mut harness);
    harness.get_by_label("Test from this computer").click();
    settle(&mut harness);
    assert_eq!(
        *opened.borrow(),
        [format!("http://127.0.0.1:{port}/?code={code}")]
    );
}

#[test]
fn phones_are_told_when_a_question_is_not_answered_on_phones_and_at_the_end() {
    let dir = TempDir::new("live-waiting");
    let mut harness = common::live_harness(&dir, "fentanyl-social-media");
    let (port, code) = common::live_room(&harness);
    // A question answered by typing a number: not one phones can answer.
    let typed = {
        let state = harness.state().presentation().unwrap();
        (0..state.len())
            .find(|&n| quizdesk::app::live::right_options(state, n).is_empty())
            .unwrap()
    };
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let url = format!("ws://127.0.0.1:{port}/ws");
    let mut phone = runtime.block_on(async {
        let (mut socket, _) = tokio_tungstenite::connect_async(&url).await.unwrap();
        send(&mut socket, &json!({"type": "join", "code": code})).await;
        next_of(&mut socket, "joined").await;
        let first = next_of(&mut socket, "waiting").await;
        assert!(
            first["text"].as_str().unwrap().contains("first question"),
            "{first}"
        );
        socket
    });
    harness
        .state_mut()
        .push(Command::Present(PresentCommand::Go(Stage::Question {
            n: typed,
            revealed: false,
        })));
    settle(&mut harness);
    runtime.block_on(async {
        let waiting = next_of(&mut phone, "waiting").await;
        let text = waiting["text"].as_str().unwrap();
        assert!(text.contains(&format!("Question {}", typed + 1)), "{text}");
        assert!(text.contains("not answered on phones"), "{text}");
    });
    harness
        .state_mut()
        .push(Command::Present(PresentCommand::Go(Stage::Summary)));
    settle(&mut harness);
    runtime.block_on(async {
        let waiting = next_of(&mut phone, "waiting").await;
        assert!(
            waiting["text"].as_str().unwrap().contains("last question"),
            "{waiting}"
        );
    });
}

/// The status line, headers and body of `GET path` on the live server.
fn http_get(port: u16, path: &str) -> (String, Vec<u8>) {
    use std::io::{Read as _, Write as _};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let split = response.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    (
        String::from_utf8_lossy(&response[..split]).into_owned(),
        response[split + 4..].to_vec(),
    )
}

#[test]
fn phones_get_the_questions_pictures_with_their_alt_text() {
    let dir = TempDir::new("live-pictures");
    let deck = common::picture_deck(&dir);
    let mut harness = common::live_harness(&dir, &deck);
    let (port, code) = common::live_room(&harness);
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let url = format!("ws://127.0.0.1:{port}/ws");
    let mut phone = runtime.block_on(async {
        let (mut socket, _) = tokio_tungstenite::connect_async(&url).await.unwrap();
        send(&mut socket, &json!({"type": "join", "code": code})).await;
        next_of(&mut socket, "joined").await;
        socket
    });
    harness.key_press(egui::Key::ArrowRight);
    settle(&mut harness);
    let question = runtime.block_on(next_of(&mut phone, "question"));
    assert_eq!(
        question["pictures"],
        json!([
            {"url": "/picture/0-0", "alt": common::PENCIL_ALT, "option": null},
            {"url": "/picture/0-1", "alt": common::ICON_ALT, "option": 0},
        ])
    );
    let (head, body) = http_get(port, "/picture/0-0");
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    assert!(head.contains("content-type: image/svg+xml"), "{head}");
    // An SVG may hold a script: the phone's browser is told to run nothing in it.
    assert!(
        head.contains("content-security-policy: default-src 'none'"),
        "{head}"
    );
    assert_eq!(
        body,
        std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/decks/images/pencil-tip.svg"
        ))
        .unwrap()
    );
    let (head, _) = http_get(port, "/picture/0-1");
    assert!(head.contains("content-type: image/png"), "{head}");
    // Only the question on the screen has pictures to fetch.
    let (head, _) = http_get(port, "/picture/1-0");
    assert!(head.starts_with("HTTP/1.1 404"), "{head}");

    // Reveal keeps them.
    harness.key_press(egui::Key::R);
    settle(&mut harness);
    let reveal = runtime.block_on(next_of(&mut phone, "reveal"));
    assert_eq!(reveal["pictures"][1]["option"], 0);
}
