//! How long loading a deck takes, against the floor of `ron` parsing the same text alone.
//!
//! Run with `cargo bench --bench deck_load`. The target: `load` within 1.5x of `ron_only`, and
//! both linear in the number of questions.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    divan::main();
}

/// Deck sizes, in questions; 10,000 questions is about 5 MB.
const SIZES: &[usize] = &[1_000, 10_000, 20_000];

/// The bare `ron` parse into the deck file's structs: the floor a full load is measured against.
#[divan::bench(args = SIZES)]
fn ron_only(bencher: divan::Bencher, questions: usize) {
    let text = generated_deck(questions);
    bencher
        .counter(divan::counter::BytesCount::of_str(&text))
        .bench(|| quizdesk::deck::parse_syntax_only(divan::black_box(&text)));
}

/// The full load: BOM and UTF-8 checks, parse, every semantic check, the validated model.
#[divan::bench(args = SIZES)]
fn load(bencher: divan::Bencher, questions: usize) {
    let text = generated_deck(questions);
    bencher
        .counter(divan::counter::BytesCount::of_str(&text))
        .bench(|| {
            quizdesk::deck::parse_deck(divan::black_box(text.as_bytes()), Path::new("bench.ron"))
        });
}

/// A valid deck with `questions` questions of every kind, about 500 bytes each, like a real deck
/// with explanations and citations.
fn generated_deck(questions: usize) -> String {
    let mut out = String::with_capacity(questions * 520);
    out.push_str(
        "Deck(\n    id: \"bench\",\n    title: \"Benchmark deck\",\n    description: \"Generated.\",\n    language: \"en\",\n    authors: [\"bench\"],\n    version: 1,\n    content_note: \"A note.\",\n    sources: [Source(id: \"report\", title: \"A report\", authors: [\"A\", \"B\"])],\n    resources: [Resource(title: \"Help\", body: \"Where to find help.\")],\n    questions: [\n",
    );
    for i in 0..questions {
        let answer = match i % 8 {
            0 => format!(
                "Flashcard(back: \"The back of card {i}, with a sentence or two of text.\")"
            ),
            1 => format!(
                "SingleChoice(options: [Correct(\"Right answer {i}\"), Wrong(\"Wrong answer A {i}\"), Wrong(\"Wrong answer B {i}\"), Wrong(\"Wrong answer C {i}\")])"
            ),
            2 => format!(
                "MultiSelect(options: [Correct(\"Right {i}\"), Correct(\"Also right {i}\"), Wrong(\"Wrong {i}\"), Wrong(\"Also wrong {i}\")])"
            ),
            3 => "TrueFalse(correct: true)".to_owned(),
            4 => format!("Numeric(accept: Exact(value: {i}, tolerance: 0.5), unit: \"people\")"),
            5 => format!("Text(accepted: [\"Answer {i}\", \"the answer {i}\"])"),
            6 => format!(
                "Order(items: [\"first {i}\", \"second {i}\", \"third {i}\", \"fourth {i}\"])"
            ),
            _ => format!(
                "Match(pairs: [(\"left a {i}\", \"right a {i}\"), (\"left b {i}\", \"right b {i}\"), (\"left c {i}\", \"right c {i}\")])"
            ),
        };
        // Writing to a String cannot fail.
        let _ = writeln!(
            out,
            "        Question(\n            id: \"q-{i}\",\n            prompt: \"What is the answer to generated question number {i} of this benchmark deck?\",\n            answer: {answer},\n            explanation: \"An explanation of a sentence or two, saying why the answer is right and where it comes from.\",\n            source: Cite(source: \"report\", locator: \"paragraph {}\"),\n            tags: [\"bench\", \"kind-{}\"],\n            time_limit_secs: 30,\n        ),",
            i % 65 + 1,
            i % 8,
        );
    }
    out.push_str("    ],\n)\n");
    out
}
