//! The Stats screen with a heavy history: 1,000,000 stored answers of one profile (100,000
//! quizzes of 10 answers over two years, on the bundled deck) plus flashcard reviews.
//!
//! Run with `cargo bench --bench stats`. Targets (issue 6): the screen stays interactive, a frame
//! under 16 ms; the reads it needs are answered by SQLite from small totals and covering
//! indexes, not by reading every answer.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use quizdesk::app::{LaunchOptions, Prefs, Screen, StartMode};
use quizdesk::stats::{Scope, StatsView};
use quizdesk::store::{SeedPlan, Store};
use quizdesk::ui::Shell;

fn main() {
    divan::main();
}

const PROFILE: &str = "Heavy";

/// A data folder with 1,000,000 answers for [`PROFILE`], made once per run.
fn seeded_data_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("quizdesk-bench-stats-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let deck = quizdesk::deck::bundled_deck("fentanyl-social-media")
            .unwrap_or_else(|| panic!("the bundled deck is missing"));
        let question_ids: Vec<String> = deck.questions().iter().map(|q| q.id.to_string()).collect();
        let started = std::time::Instant::now();
        let plan = SeedPlan {
            profile_name: PROFILE,
            deck_id: deck.id().as_str(),
            deck_title: deck.title(),
            deck_version: deck.version(),
            question_ids: &question_ids,
            sessions: 100_000,
            answers_per_session: 10,
            reviews_per_card: 40,
            days: 730,
            now_ms: quizdesk::time::now_ms(),
        };
        if let Err(e) = quizdesk::store::debug_seed_history(&dir, &plan) {
            panic!("seeding the benchmark store failed: {e}");
        }
        eprintln!(
            "seeded 1,000,000 answers in {:.1} s",
            started.elapsed().as_secs_f64()
        );
        dir
    })
}

fn heavy_profile(store: &Store) -> quizdesk::store::ProfileId {
    match store.profile_by_name(PROFILE) {
        Ok(Some(profile)) => profile.id,
        other => panic!("the seeded profile is missing: {other:?}"),
    }
}

fn open_store() -> Store {
    match Store::open(seeded_data_dir()) {
        Ok(opened) => opened.store,
        Err(e) => panic!("cannot open the store: {e}"),
    }
}

/// Reading everything the screen shows from SQLite, as its worker does (opening a read-only
/// connection): sessions (covering index), the totals per question and per day, the cards.
#[divan::bench(sample_count = 30)]
fn read_stats_rows(bencher: divan::Bencher) {
    let store = open_store();
    let profile = heavy_profile(&store);
    let reader = store.reader();
    bencher.bench_local(|| reader.stats_rows(profile).unwrap_or_else(|e| panic!("{e}")));
}

/// Reading the flashcard reviews, which the screen counts for FSRS's minimum.
#[divan::bench(sample_count = 30)]
fn read_reviews(bencher: divan::Bencher) {
    let store = open_store();
    let profile = heavy_profile(&store);
    let reader = store.reader();
    bencher.bench_local(|| reader.reviews(profile).unwrap_or_else(|e| panic!("{e}")));
}

/// Computing the view (all decks) from the rows: done once when the screen opens or the deck
/// changes.
#[divan::bench(sample_count = 30)]
fn compute_view(bencher: divan::Bencher) {
    let store = open_store();
    let profile = heavy_profile(&store);
    let (rows, _) = store
        .reader()
        .stats_rows(profile)
        .unwrap_or_else(|e| panic!("{e}"));
    let deck = quizdesk::deck::bundled_deck("fentanyl-social-media")
        .unwrap_or_else(|| panic!("the bundled deck is missing"));
    let now_ms = quizdesk::time::now_ms();
    bencher.bench_local(|| StatsView::compute(&rows, &[&deck], Scope::All, now_ms));
}

fn stats_harness() -> Harness<'static, Shell> {
    let options = LaunchOptions {
        data_dir: seeded_data_dir().to_owned(),
        profile: Some(PROFILE.to_owned()),
        start: StartMode::Library,
        quit: None,
    };
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 900.0))
        .build_eframe(move |_cc| Shell::with_prefs(Prefs::default(), options));
    harness.run_steps(2);
    harness
}

/// Opening the screen and going back: the click, the frames drawn (a spinner) while a worker
/// reads the rows and computes the view, the first frame of the screen, then Esc and the
/// library's frame.
#[divan::bench(sample_count = 20, sample_size = 1)]
fn open_stats_screen(bencher: divan::Bencher) {
    let mut harness = stats_harness();
    bencher.bench_local(|| {
        harness.get_by_label("Progress").click();
        harness.step();
        assert_eq!(harness.state().screen(), Screen::Stats);
        // Frames go on (a spinner) while the worker reads; until the screen is there.
        while harness.query_by_label("Export my results").is_none() {
            harness.step();
        }
        harness.key_press(egui::Key::Escape);
        harness.step();
    });
}

/// One frame of the open Stats screen (layout and tessellation, no GPU): what scrolling and
/// pointing at the charts cost.
#[divan::bench(sample_count = 200)]
fn stats_frame(bencher: divan::Bencher) {
    let mut harness = stats_harness();
    harness.get_by_label("Progress").click();
    harness.step();
    while harness.query_by_label("Export my results").is_none() {
        harness.step();
    }
    harness.step();
    assert!(
        harness
            .query_by_label_contains("Score over time chart")
            .is_some()
    );
    bencher.bench_local(|| harness.step());
}
