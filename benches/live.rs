//! A live room under load (issue 15): 1,000 simulated phones on loopback answer 20 questions
//! while the app presents them, its facilitator console open with the live chart.
//!
//! Run with `cargo bench --bench live`. Before the divan benchmarks it prints, from one run:
//! - the time from a phone sending its answer to the room counting it (the phone's reply is
//!   sent after the count, so this round trip bounds from above when the tally the window
//!   reads holds the answer; the window then shows it at its next frame), median and 99th
//!   percentile over every answer;
//! - that every answer was counted, once;
//! - the app's resident memory per connected phone (the phones run in a second process, this
//!   same benchmark binary started with `QUIZDESK_BENCH_PHONES`, so their own memory is not
//!   counted);
//! - the window's frame time (the present screen and the console, kittest) while the answers
//!   pour in, median and 99th percentile.
//!
//! Targets: every answer counted, p99 under 50 ms, a frame under 4 ms, under 100 KB per phone.
//! The divan benchmarks then time the room's own work: an answer, and a tally of 1,000 answers.

#![allow(clippy::expect_used, clippy::unwrap_used)] // A benchmark fails loudly.

use std::collections::BTreeSet;
use std::io::{BufRead as _, BufReader, Write as _};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use eframe::egui;
use quizdesk::app::{
    Command as AppCommand, LaunchOptions, LiveSettings, Prefs, PresentCommand, Stage, StartMode,
};
use quizdesk::room::{PhoneAnswer, PhoneToken, QuestionSpec, Room, RoomCode, RoomConfig};
use quizdesk::ui::Shell;

const PHONES: usize = 1_000;
const QUESTIONS: usize = 20;

fn main() {
    if let Ok(target) = std::env::var("QUIZDESK_BENCH_PHONES") {
        phones::run(&target);
        return;
    }
    if std::env::args().any(|a| a == "--list") {
        divan::main();
        return;
    }
    session();
    divan::main();
}

/// The process's resident memory now, in KiB (Linux; 0 elsewhere).
fn resident_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmRSS:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// The whole session: the app presents, the phones' process answers, and the figures print.
fn session() {
    let dir = std::env::temp_dir().join(format!("quizdesk-bench-live-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let options = LaunchOptions {
        data_dir: dir.clone(),
        profile: Some("Bench".to_owned()),
        start: StartMode::Present {
            deck: "fentanyl-social-media".to_owned(),
            live_port: Some(0),
        },
        quit: None,
    };
    // Room for every phone: the cap is the facilitator's to raise.
    let prefs = Prefs {
        live: LiveSettings {
            port: 0,
            max_phones: PHONES,
            game: false,
        },
        ..Prefs::default()
    };
    let mut harness = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_eframe(move |_cc| Shell::with_prefs(prefs, options));
    harness.run_steps(5);
    harness.key_press(egui::Key::C);
    harness.run_steps(3);
    let Some((port, code)) = harness.state().presentation().and_then(|p| {
        p.live
            .as_ref()
            .map(|l| (l.port(), l.code().as_str().to_owned()))
    }) else {
        eprintln!("the live room did not start; no figures");
        return;
    };
    // The questions phones can answer, in the deck's order.
    let positions: Vec<usize> = {
        let state = harness.state().presentation().expect("presenting");
        (0..state.len())
            .filter(|&n| !quizdesk::app::live::right_options(state, n).is_empty())
            .take(QUESTIONS)
            .collect()
    };
    let before_kib = resident_kib();

    let mut phones = Command::new(std::env::current_exe().expect("the benchmark's own path"))
        .env("QUIZDESK_BENCH_PHONES", format!("{port} {code}"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("the phones' process starts");
    let mut to_phones = phones.stdin.take().expect("piped");
    let mut from_phones = BufReader::new(phones.stdout.take().expect("piped"));
    let mut line = String::new();
    // "joined" once every phone is in.
    from_phones.read_line(&mut line).expect("the phones report");
    for _ in 0..50 {
        harness.run_steps(1);
        std::thread::sleep(Duration::from_millis(10));
    }
    let joined = harness.state().live_snapshot().map_or(0, |s| s.joined);
    let after_kib = resident_kib();

    let mut frames_ms: Vec<f64> = Vec::new();
    let mut counted_all = true;
    for &n in &positions {
        harness
            .state_mut()
            .push(AppCommand::Present(PresentCommand::Go(Stage::Question {
                n,
                revealed: false,
            })));
        harness.run_steps(1);
        let deadline = Instant::now() + Duration::from_secs(60);
        // Frames while the answers pour in, until all are counted.
        loop {
            let start = Instant::now();
            harness.run_steps(1);
            frames_ms.push(start.elapsed().as_secs_f64() * 1000.0);
            let answered = harness
                .state()
                .live_snapshot()
                .and_then(|s| s.tally)
                .map_or(0, |t| t.answered);
            if answered as usize >= PHONES {
                break;
            }
            if Instant::now() > deadline {
                eprintln!("question {n}: only {answered} of {PHONES} answers counted in 60 s");
                counted_all = false;
                break;
            }
        }
        harness
            .state_mut()
            .push(AppCommand::Present(PresentCommand::Go(Stage::Question {
                n,
                revealed: true,
            })));
        harness.run_steps(1);
        let kept = harness
            .state()
            .presentation()
            .and_then(|p| p.room_tallies.get(n).cloned().flatten())
            .map_or(0, |t| t.answered);
        if kept as usize != PHONES {
            eprintln!("question {n}: {kept} answers kept at Reveal");
            counted_all = false;
        }
    }
    let _ = writeln!(to_phones, "done");
    line.clear();
    from_phones
        .read_line(&mut line)
        .expect("the phones report their times");
    let _ = phones.wait();
    let mut rtt_ms: Vec<f64> = line
        .split_whitespace()
        .filter_map(|v| v.parse().ok())
        .collect();
    rtt_ms.sort_by(f64::total_cmp);
    frames_ms.sort_by(f64::total_cmp);
    #[allow(clippy::cast_precision_loss)]
    let per_phone_kib = after_kib.saturating_sub(before_kib) as f64 / joined.max(1) as f64;
    println!(
        "live room, {PHONES} phones x {} questions on loopback:",
        positions.len()
    );
    println!(
        "  answers counted: {} of {} ({})",
        rtt_ms.len(),
        PHONES * positions.len(),
        if counted_all && rtt_ms.len() == PHONES * positions.len() {
            "every one, once"
        } else {
            "NOT all"
        }
    );
    println!(
        "  answer to counted in the room (upper bound for the tally the window reads): median {:.1} ms, p99 {:.1} ms",
        percentile(&rtt_ms, 0.5),
        percentile(&rtt_ms, 0.99)
    );
    println!(
        "  frame while answers pour in (present screen and console): median {:.2} ms, p99 {:.2} ms over {} frames",
        percentile(&frames_ms, 0.5),
        percentile(&frames_ms, 0.99),
        frames_ms.len()
    );
    println!("  memory per connected phone: {per_phone_kib:.1} KiB ({joined} joined)");
    let _ = std::fs::remove_dir_all(&dir);
}

/// The phones' process: 1,000 WebSocket clients on a two-thread runtime.
mod phones {
    use std::io::BufRead as _;
    use std::sync::Arc;
    use std::time::{Duration, Instant};

    use futures_util::{SinkExt as _, StreamExt as _};
    use tokio::sync::Mutex;
    use tokio_tungstenite::tungstenite::Message;

    use super::PHONES;

    pub fn run(target: &str) {
        let mut parts = target.split_whitespace();
        let port = parts.next().unwrap_or_default().to_owned();
        let code = parts.next().unwrap_or_default().to_owned();
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("a runtime for the phones");
        let times = Arc::new(Mutex::new(Vec::<f64>::with_capacity(PHONES * 20)));
        runtime.block_on(async {
            let url = format!("ws://127.0.0.1:{port}/ws");
            let (joined_tx, mut joined_rx) = tokio::sync::mpsc::channel::<()>(PHONES);
            for i in 0..PHONES {
                let (url, code, times, joined) =
                    (url.clone(), code.clone(), times.clone(), joined_tx.clone());
                tokio::spawn(async move { phone(i, &url, &code, &times, joined).await });
            }
            for _ in 0..PHONES {
                let _ = joined_rx.recv().await;
            }
            println!("joined");
            // Wait for the presenter's "done" on stdin, off the runtime's threads.
            let _ = tokio::task::spawn_blocking(|| {
                let mut line = String::new();
                let _ = std::io::stdin().lock().read_line(&mut line);
            })
            .await;
            tokio::time::sleep(Duration::from_millis(100)).await;
        });
        let times = runtime.block_on(async { times.lock().await.clone() });
        let line: Vec<String> = times.iter().map(|t| format!("{t:.3}")).collect();
        println!("{}", line.join(" "));
        runtime.shutdown_timeout(Duration::from_secs(1));
    }

    async fn phone(
        i: usize,
        url: &str,
        code: &str,
        times: &Mutex<Vec<f64>>,
        joined: tokio::sync::mpsc::Sender<()>,
    ) {
        let Ok((mut socket, _)) = tokio_tungstenite::connect_async(url).await else {
            eprintln!("phone {i} could not connect");
            return;
        };
        let join = serde_json::json!({"type": "join", "code": code}).to_string();
        if socket.send(Message::text(join)).await.is_err() {
            return;
        }
        let mut sent_at: Option<Instant> = None;
        while let Some(Ok(message)) = socket.next().await {
            let Message::Text(text) = message else {
                continue;
            };
            let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) else {
                continue;
            };
            match value["type"].as_str() {
                Some("joined") => {
                    let _ = joined.send(()).await;
                }
                Some("question") => {
                    let options = value["options"].as_array().map_or(0, Vec::len).max(1);
                    let number = value["number"].as_u64().unwrap_or(0);
                    let answer = serde_json::json!({
                        "type": "answer", "question": number, "options": [i % options]
                    })
                    .to_string();
                    sent_at = Some(Instant::now());
                    if socket.send(Message::text(answer)).await.is_err() {
                        return;
                    }
                }
                Some("answered") => {
                    if let Some(at) = sent_at.take() {
                        times.lock().await.push(at.elapsed().as_secs_f64() * 1000.0);
                    }
                }
                Some("ended") => return,
                _ => {}
            }
        }
    }
}

/// The room's own work, without sockets.
mod room {
    use super::{BTreeSet, PhoneAnswer, PhoneToken, QuestionSpec, Room, RoomCode, RoomConfig};

    fn full_room() -> (Room, Vec<PhoneToken>) {
        let code = RoomCode::parse("ABCDE").expect("a valid code");
        let mut room = Room::new(
            code.clone(),
            RoomConfig {
                max_phones: super::PHONES,
                ..RoomConfig::default()
            },
        );
        let mut rng = rand::rng();
        let tokens = (0..super::PHONES)
            .filter_map(
                |_| match room.join(&code, None, || PhoneToken::random(&mut rng)) {
                    quizdesk::room::JoinOutcome::Joined(token) => Some(token),
                    _ => None,
                },
            )
            .collect();
        room.open_question(
            0,
            QuestionSpec::Choice {
                options: 4,
                correct: BTreeSet::from([1]),
                multiple: false,
            },
        );
        (room, tokens)
    }

    /// One phone's answer into a room of 1,000.
    #[divan::bench]
    fn answer(bencher: divan::Bencher) {
        let (mut room, tokens) = full_room();
        let mut i = 0_usize;
        bencher.bench_local(|| {
            i += 1;
            let option = u8::try_from(i % 4).unwrap_or(0);
            room.answer(
                &tokens[i % tokens.len()],
                0,
                PhoneAnswer::Options(BTreeSet::from([option])),
            )
        });
    }

    /// The tally the window reads each frame, with 1,000 answers in.
    #[divan::bench]
    fn tally_of_1000(bencher: divan::Bencher) {
        let (mut room, tokens) = full_room();
        for (i, token) in tokens.iter().enumerate() {
            let option = u8::try_from(i % 4).unwrap_or(0);
            let _ = room.answer(token, 0, PhoneAnswer::Options(BTreeSet::from([option])));
        }
        bencher.bench_local(|| room.tally());
    }
}
