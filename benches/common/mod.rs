//! What the benchmarks share: generated decks and seeded stores.

#![allow(dead_code)] // Each benchmark uses its own part.

use std::fmt::Write as _;
use std::path::Path;

/// A valid deck `id` titled `title`, with `questions` questions of every kind, about 500 bytes
/// each, like a real deck with explanations and citations.
pub fn generated_deck(id: &str, title: &str, questions: usize) -> String {
    let mut out = String::with_capacity(questions * 520);
    let _ = write!(
        out,
        "Deck(\n    id: \"{id}\",\n    title: \"{title}\",\n    description: \"Generated.\",\n    language: \"en\",\n    authors: [\"bench\"],\n    version: 1,\n    content_note: \"A note.\",\n    sources: [Source(id: \"report\", title: \"A report\", authors: [\"A\", \"B\"])],\n    resources: [Resource(title: \"Help\", body: \"Where to find help.\")],\n    questions: [\n",
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

/// Fills the store in `dir` with `sessions` finished quizzes of `answers_per_session` answers
/// each on the bundled awareness deck, for the profile `profile`, over a year.
pub fn seed_answers(dir: &Path, profile: &str, sessions: usize, answers_per_session: usize) {
    let deck = quizdesk::deck::bundled_deck("fentanyl-social-media")
        .unwrap_or_else(|| panic!("the bundled deck is missing"));
    let question_ids: Vec<String> = deck.questions().iter().map(|q| q.id.to_string()).collect();
    let plan = quizdesk::store::SeedPlan {
        profile_name: profile,
        deck_id: deck.id().as_str(),
        deck_title: deck.title(),
        deck_version: deck.version(),
        question_ids: &question_ids,
        sessions,
        answers_per_session,
        reviews_per_card: 0,
        days: 365,
        now_ms: quizdesk::time::now_ms(),
    };
    if let Err(e) = quizdesk::store::debug_seed_history(dir, &plan) {
        panic!("seeding the benchmark store failed: {e}");
    }
}
