//! Crash safety: a quizdesk process recording answers is killed (SIGKILL) at random moments, and
//! every answer it acknowledged must be in the database afterwards.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use quizdesk::store::{Opened, SessionId, Store};

mod common;
use common::TempDir;

/// A small xorshift generator: the delays only need to vary, not to be good random numbers.
struct Delays(u64);

impl Delays {
    fn next_ms(&mut self, min: u64, max: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        min + self.0 % (max - min + 1)
    }
}

/// What the child printed before it died: its session and the highest answer it acknowledged.
fn parse_output(lines: &[String]) -> (Option<SessionId>, usize) {
    let mut session = None;
    let mut acked = 0;
    for line in lines {
        if let Some(id) = line.strip_prefix("session ") {
            session = Some(SessionId(id.parse().unwrap()));
        } else if let Some(n) = line.strip_prefix("ack ") {
            let n: usize = n.parse().unwrap();
            assert_eq!(n, acked + 1, "acks out of order: {lines:?}");
            acked = n;
        } else {
            assert!(
                line.starts_with("notice "),
                "unexpected line from the child: {line}"
            );
        }
    }
    (session, acked)
}

/// In a module named `store` so that `cargo test store` runs it too.
mod store {
    use super::*;

    #[test]
    fn killed_writer_loses_no_acknowledged_answer() {
        let dir = TempDir::new("rounds");
        let seed = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .subsec_nanos();
        eprintln!("delay seed: {seed}");
        let mut delays = Delays(u64::from(seed) | 1);
        let deadline = Instant::now() + Duration::from_secs(120);
        let mut total_acked = 0;

        for round in 1..=5 {
            assert!(Instant::now() < deadline, "the kill test took too long");
            let mut child = Command::new(env!("CARGO_BIN_EXE_quizdesk"))
                .arg("debug-record-attempts")
                .arg("--data-dir")
                .arg(dir.path())
                .args(["--count", "1000000"])
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("the quizdesk binary starts");
            let stdout = child.stdout.take().unwrap();
            let reader = thread::spawn(move || {
                BufReader::new(stdout)
                    .lines()
                    .map_while(Result::ok)
                    .collect::<Vec<String>>()
            });

            let delay_ms = delays.next_ms(50, 300);
            thread::sleep(Duration::from_millis(delay_ms));
            if let Some(status) = child.try_wait().unwrap() {
                let mut stderr = String::new();
                child
                    .stderr
                    .take()
                    .unwrap()
                    .read_to_string(&mut stderr)
                    .unwrap();
                panic!("round {round}: the child stopped by itself ({status}): {stderr}");
            }
            // SIGKILL on Unix: no destructors, no flushing, as in a crash.
            child.kill().unwrap();
            child.wait().unwrap();
            let lines = reader.join().unwrap();
            let (session, acked) = parse_output(&lines);
            eprintln!("round {round}: killed after {delay_ms} ms, {acked} answer(s) acknowledged");

            let Opened { store, notices } = Store::open(dir.path()).unwrap();
            assert_eq!(notices, [], "round {round}: the database needed repair");
            let Some(session) = session else {
                assert_eq!(acked, 0);
                continue;
            };
            let history = store.history(None).unwrap();
            let record = history
                .iter()
                .find(|record| record.id == session)
                .unwrap_or_else(|| panic!("round {round}: session {session} is missing"));
            let saved: Vec<&str> = record
                .attempts
                .iter()
                .map(|attempt| attempt.question_id.as_str())
                .collect();
            // Every acknowledged answer is there, in order; at most one more may have been
            // committed just before the kill, without its ack reaching us.
            assert!(
                saved.len() == acked || saved.len() == acked + 1,
                "round {round}: {acked} acknowledged, {} saved",
                saved.len()
            );
            for (i, question_id) in saved.iter().enumerate() {
                assert_eq!(*question_id, format!("q{}", i + 1), "round {round}");
            }
            total_acked += acked;
        }
        assert!(
            total_acked > 0,
            "no answer was acknowledged in any round; the test proved nothing"
        );
    }
}
