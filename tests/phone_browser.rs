//! A real phone browser: headless Chromium, driven through WebDriver (chromedriver), opens the
//! phone page the app serves, types the room code, taps an answer, and the facilitator's console
//! in the app counts it; at Reveal the page says whether it was right.
//!
//! Needs `chromium` and `chromium-driver` (`.ci/run` installs them); without them the test
//! fails and says what to install.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::net::TcpListener;
use std::process::{Child, Command as Process, Stdio};
use std::time::{Duration, Instant};

use eframe::egui;
use egui_kittest::kittest::Queryable as _;
use fantoccini::{Client, ClientBuilder, Locator};
use quizdesk::app::Screen;

mod common;
use common::{TempDir, settle, wait_for_label_containing};

/// chromedriver, stopped when dropped.
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts chromedriver on a free port and waits until it listens; its address.
fn start_driver() -> (Driver, String) {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let binary = [
        "chromedriver",
        "/usr/bin/chromedriver",
        "/usr/lib/chromium/chromedriver",
    ]
    .into_iter()
    .find(|b| {
        Process::new(b)
            .arg("--version")
            .stdout(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    })
    .expect("chromedriver is needed: install the packages chromium and chromium-driver");
    let child = Process::new(binary)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let driver = Driver(child);
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "chromedriver did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    (driver, format!("http://127.0.0.1:{port}"))
}

/// A headless Chromium the size of a phone.
async fn phone(webdriver: &str) -> Client {
    let mut capabilities = serde_json::Map::new();
    capabilities.insert(
        "goog:chromeOptions".to_owned(),
        serde_json::json!({
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu",
                     "--disable-dev-shm-usage", "--window-size=390,844"]
        }),
    );
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    ClientBuilder::new(connector)
        .capabilities(capabilities)
        .connect(webdriver)
        .await
        .expect("headless Chromium starts through chromedriver")
}

/// The page's status line, once it contains `text`.
async fn status_saying(client: &Client, text: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let status = client
            .find(Locator::Id("status"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        if status.contains(text) {
            return status;
        }
        assert!(
            Instant::now() < deadline,
            "the page never said {text:?}; it says {status:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[test]
fn a_phone_browser_joins_with_the_code_and_its_answer_is_counted() {
    let (_driver, webdriver) = start_driver();
    let dir = TempDir::new("phone-browser");
    let mut harness = common::live_harness(&dir, "fentanyl-social-media");
    assert_eq!(harness.state().screen(), Screen::Present);
    harness.key_press(egui::Key::C);
    settle(&mut harness);
    let (port, code) = common::live_room(&harness);
    // The first question is on the screen before the phone joins.
    harness.key_press(egui::Key::ArrowRight);
    settle(&mut harness);
    let right = quizdesk::app::live::right_options(harness.state().presentation().unwrap(), 0);

    let runtime = tokio::runtime::Runtime::new().unwrap();
    let client = runtime.block_on(async {
        let client = phone(&webdriver).await;
        // The address typed from the projector, without the code: the page asks for it.
        client
            .goto(&format!("http://127.0.0.1:{port}/"))
            .await
            .unwrap();
        let field = client
            .wait()
            .for_element(Locator::Id("code"))
            .await
            .unwrap();
        field.send_keys(&code.to_lowercase()).await.unwrap();
        client
            .find(Locator::XPath("//button[.='Join']"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        status_saying(&client, "You are in").await;
        // Tap option A.
        let option = client
            .wait()
            .for_element(Locator::XPath("//button[starts-with(., 'A. ')]"))
            .await
            .unwrap();
        option.click().await.unwrap();
        status_saying(&client, "Answer sent").await;
        // The page draws its buttons again after a tap: found again to read the new one.
        let pressed = client
            .find(Locator::XPath("//button[starts-with(., 'A. ')]"))
            .await
            .unwrap()
            .attr("aria-pressed")
            .await
            .unwrap();
        assert_eq!(pressed.as_deref(), Some("true"));
        client
    });

    // The console counts it.
    wait_for_label_containing(&mut harness, "1 of 1 answered");
    let right_word = if right[0] { ", the right answer" } else { "" };
    harness.get_by_label(&format!("Option A: 1 of 1 (100%){right_word}"));

    // Reveal: the page says whether it was right.
    harness.key_press(egui::Key::R);
    settle(&mut harness);
    runtime.block_on(async {
        let verdict = if right[0] {
            "You got it right."
        } else {
            "Not this time."
        };
        status_saying(&client, verdict).await;
        client.close().await.unwrap();
    });
}
