//! How long loading a deck takes, against the floor of `ron` parsing the same text alone.
//!
//! Run with `cargo bench --bench deck_load`. The target: `load` within 1.5x of `ron_only`, and
//! both linear in the number of questions.

use std::path::Path;

mod common;
use common::generated_deck;

fn main() {
    divan::main();
}

/// Deck sizes, in questions; 10,000 questions is about 5 MB.
const SIZES: &[usize] = &[1_000, 10_000, 20_000];

/// The bare `ron` parse into the deck file's structs: the floor a full load is measured against.
#[divan::bench(args = SIZES)]
fn ron_only(bencher: divan::Bencher, questions: usize) {
    let text = generated_deck("bench", "Benchmark deck", questions);
    bencher
        .counter(divan::counter::BytesCount::of_str(&text))
        .bench(|| quizdesk::deck::parse_syntax_only(divan::black_box(&text)));
}

/// The full load: BOM and UTF-8 checks, parse, every semantic check, the validated model.
#[divan::bench(args = SIZES)]
fn load(bencher: divan::Bencher, questions: usize) {
    let text = generated_deck("bench", "Benchmark deck", questions);
    bencher
        .counter(divan::counter::BytesCount::of_str(&text))
        .bench(|| {
            quizdesk::deck::parse_deck(divan::black_box(text.as_bytes()), Path::new("bench.ron"))
        });
}
