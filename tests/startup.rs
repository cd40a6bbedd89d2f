//! Start-up that does not wait for work growing with the user's data: the store's full check
//! and backup on a worker, the decks read on workers, and what stays as safe as before.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use eframe::egui;
use egui_kittest::Harness;
use quizdesk::app::{Screen, StartMode};
use quizdesk::ui::Shell;

mod common;
use common::{TempDir, notice, write_deck};

/// Runs frames until the store's check has come back (it runs on a worker); fails after 30 s.
fn until_checked(harness: &mut Harness<'static, Shell>) {
    let mut waited_ms = 0;
    while harness.state().checking_store() {
        assert!(waited_ms < 30_000, "the store's check never came back");
        std::thread::sleep(std::time::Duration::from_millis(10));
        waited_ms += 10;
        harness.run_steps(1);
    }
    harness.run_steps(2);
}

#[test]
fn a_database_found_damaged_after_the_first_frame_is_moved_aside_and_the_quiz_asked_for_waits_for_it()
 {
    let dir = TempDir::new("startup-damaged");
    write_deck(&dir, "alpha", "Alpha");
    {
        let mut store = quizdesk::store::Store::open(dir.path()).unwrap().store;
        store.create_profile("Sam").unwrap();
    }
    quizdesk::store::debug_damage_table(dir.path(), "attempts").unwrap();

    let mut harness = common::app_harness(
        &dir,
        Some("Sam"),
        StartMode::Quiz {
            deck: "alpha".to_owned(),
            count: None,
            seed: Some(1),
        },
        egui::vec2(1024.0, 900.0),
    );
    until_checked(&mut harness);

    // Moved aside with a message, as when the check ran before the window.
    notice(&harness, "could not be used");
    let moved: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("quizdesk.sqlite3.corrupt-")
        })
        .collect();
    assert!(
        !moved.is_empty(),
        "the damaged file is kept beside the new one"
    );

    // The quiz asked for on the command line started only then, in the new store, as Sam.
    assert_eq!(harness.state().screen(), Screen::Quiz);
    assert_eq!(
        harness.state().profile().map(|p| p.name.as_str()),
        Some("Sam")
    );
    harness.key_press(egui::Key::Num1);
    harness.run_steps(2);
    harness.key_press(egui::Key::Enter);
    harness.run_steps(2);
    drop(harness);
    let store = quizdesk::store::Store::open(dir.path()).unwrap().store;
    let history = store.history(None).unwrap();
    assert_eq!(history.len(), 1, "{history:?}");
    assert_eq!(history[0].attempts.len(), 1, "the answer is kept");
}
