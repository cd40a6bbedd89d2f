//! Pictures on every screen, found as a screen reader finds them: by their alt text.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use quizdesk::app::{Screen, StartMode};
use quizdesk::ui::Shell;

use common::TempDir;

use common::{ICON_ALT, PENCIL_ALT, picture_deck};

/// Runs frames until a node labelled `label` is there (pictures load on a worker); fails after
/// 30 s.
fn wait_for(harness: &mut Harness<'static, Shell>, label: &str) {
    common::wait_for_label(harness, label);
}

#[test]
fn the_quiz_shows_the_questions_and_the_options_pictures_with_their_alt_text() {
    let dir = TempDir::new("pictures-quiz");
    let deck = picture_deck(&dir);
    let mut harness = common::app_harness(
        &dir,
        Some("Learner"),
        StartMode::Quiz {
            deck,
            count: None,
            seed: Some(1),
        },
        egui::vec2(1024.0, 1400.0),
    );
    assert_eq!(harness.state().screen(), Screen::Quiz);
    wait_for(&mut harness, PENCIL_ALT);
    wait_for(&mut harness, ICON_ALT);
    // Each option's picture is captioned as the option is listed.
    harness.get_by_label("1. The square");
    common::settle(&mut harness);
}

#[test]
fn a_flashcard_shows_its_picture_on_the_front_and_the_right_options_on_the_back() {
    let dir = TempDir::new("pictures-study");
    let deck = picture_deck(&dir);
    let mut harness = common::app_harness(
        &dir,
        Some("Learner"),
        StartMode::Study { deck },
        egui::vec2(1024.0, 1400.0),
    );
    wait_for(&mut harness, PENCIL_ALT);
    assert!(harness.query_by_label(ICON_ALT).is_none());
    harness.get_by_label("Show the answer").click();
    harness.run_steps(2);
    wait_for(&mut harness, ICON_ALT);
    // The answer on the back, and the caption of its picture.
    assert_eq!(harness.get_all_by_label("The square").count(), 2);
}

#[test]
fn the_projector_shows_the_pictures_and_letters_the_options() {
    let dir = TempDir::new("pictures-present");
    let deck = picture_deck(&dir);
    let mut harness = common::app_harness(
        &dir,
        Some("Facilitator"),
        StartMode::Present {
            deck,
            live_port: None,
        },
        egui::vec2(1280.0, 1600.0),
    );
    harness.key_press(egui::Key::ArrowRight);
    harness.run_steps(2);
    wait_for(&mut harness, PENCIL_ALT);
    wait_for(&mut harness, ICON_ALT);
    harness.get_by_label("A The square");
}

#[test]
fn the_bundled_decks_drawing_comes_from_inside_the_binary() {
    let dir = TempDir::new("pictures-bundled");
    let mut harness = common::app_harness(
        &dir,
        Some("Learner"),
        StartMode::Library,
        egui::vec2(1024.0, 800.0),
    );
    harness.run_steps(1);
    let uri = harness
        .state()
        .picture_uri(
            &quizdesk::deck::bundled_deck("fentanyl-social-media")
                .unwrap()
                .id()
                .clone(),
            "images/pencil-tip.svg",
        )
        .unwrap();
    let ctx = harness.ctx.clone();
    let loaded = ctx.try_load_bytes(&uri);
    assert!(
        matches!(loaded, Ok(egui::load::BytesPoll::Ready { .. })),
        "{uri}: {:?}",
        loaded.err()
    );
}

#[test]
fn jpeg_and_webp_pictures_are_decoded_by_the_apps_loaders() {
    use eframe::egui::load::{ImagePoll, SizeHint};
    let dir = TempDir::new("pictures-formats");
    let mut harness = common::app_harness(
        &dir,
        Some("Learner"),
        StartMode::Library,
        egui::vec2(800.0, 600.0),
    );
    let photo = image::RgbImage::from_fn(40, 30, |x, y| image::Rgb([x as u8 * 6, y as u8 * 8, 90]));
    let mut uris = Vec::new();
    for (name, format) in [
        ("photo.jpg", image::ImageFormat::Jpeg),
        ("photo.webp", image::ImageFormat::WebP),
        ("photo.png", image::ImageFormat::Png),
    ] {
        let path = dir.0.join(name);
        photo.save_with_format(&path, format).unwrap();
        uris.push(quizdesk::app::pictures::picture_uri(Some(&dir.0), name));
    }
    let ctx = harness.ctx.clone();
    for uri in uris {
        let mut waited_ms = 0;
        loop {
            match ctx.try_load_image(&uri, SizeHint::default()) {
                Ok(ImagePoll::Ready { image }) => {
                    assert_eq!(image.size, [40, 30], "{uri}");
                    break;
                }
                Ok(ImagePoll::Pending { .. }) => {}
                Err(e) => panic!("{uri}: {e}"),
            }
            assert!(waited_ms < 10_000, "{uri} never loaded");
            std::thread::sleep(std::time::Duration::from_millis(10));
            waited_ms += 10;
            harness.run_steps(1);
        }
    }
}
