//! The bundled decks: they load, and the awareness deck keeps the promises the project makes
//! about it (size, every answer kind, an explanation and a citation on every question).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::path::Path;

use quizdesk::deck::{Deck, find_deck_files, load_deck};

fn load(name: &str) -> Deck {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("decks")
        .join(name);
    load_deck(&path).unwrap_or_else(|e| panic!("{}", e.report().render()))
}

fn kinds(deck: &Deck) -> BTreeMap<&'static str, usize> {
    let mut kinds = BTreeMap::new();
    for q in deck.questions() {
        *kinds.entry(q.answer.kind_name()).or_insert(0) += 1;
    }
    kinds
}

#[test]
fn every_bundled_deck_loads() {
    let (files, unreadable) = find_deck_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("decks"));
    assert!(unreadable.is_empty(), "{unreadable:?}");
    assert!(files.len() >= 2, "{files:?}");
    for file in files {
        if let Err(e) = load_deck(&file) {
            panic!("{}", e.report().render());
        }
    }
}

#[test]
fn awareness_deck_covers_the_report_with_every_kind_twice() {
    let deck = load("fentanyl-social-media.ron");
    assert_eq!(deck.id().as_str(), "fentanyl-social-media");
    assert!(deck.questions().len() >= 45, "{}", deck.questions().len());
    let kinds = kinds(&deck);
    for kind in quizdesk::deck::ANSWER_KINDS {
        assert!(
            kinds.get(kind).copied().unwrap_or(0) >= 2,
            "{kind}: {kinds:?}"
        );
    }
    assert!(deck.content_note().is_some_and(|n| n.contains("death")));
    assert!(
        deck.resources().len() >= 4,
        "the parents' tips are resources"
    );
}

#[test]
fn every_awareness_question_explains_and_cites_a_paragraph() {
    let deck = load("fentanyl-social-media.ron");
    for q in deck.questions() {
        assert!(q.explanation.is_some(), "{} has no explanation", q.id);
        let cite = q
            .source
            .as_ref()
            .unwrap_or_else(|| panic!("{} cites nothing", q.id));
        assert_eq!(cite.source.as_str(), "report", "{}", q.id);
        let paragraphs: Vec<u32> = cite
            .locator
            .split(|c: char| !c.is_ascii_digit())
            .filter_map(|n| n.parse().ok())
            .collect();
        assert!(
            cite.locator.starts_with("paragraph") && !paragraphs.is_empty(),
            "{}: locator {:?}",
            q.id,
            cite.locator
        );
        // The report has 65 numbered paragraphs.
        assert!(
            paragraphs.iter().all(|p| (1..=65).contains(p)),
            "{}: {:?}",
            q.id,
            cite.locator
        );
    }
}

#[test]
fn sample_deck_shows_every_kind_and_every_optional_field() {
    let deck = load("sample-every-kind.ron");
    let kinds = kinds(&deck);
    for kind in quizdesk::deck::ANSWER_KINDS {
        assert!(kinds.contains_key(kind), "{kind}: {kinds:?}");
    }
    assert!(deck.content_note().is_some());
    assert!(
        deck.sources()
            .iter()
            .any(|s| s.url.is_some() && s.description.is_some())
    );
    assert!(deck.resources().iter().any(|r| r.url.is_some()));
    let questions = deck.questions();
    assert!(questions.iter().any(|q| q.time_limit_secs.is_some()));
    assert!(questions.iter().any(|q| !q.tags.is_empty()));
    assert!(questions.iter().any(|q| q.source.is_some()));
}

#[test]
fn bundled_decks_have_no_item_writing_warnings() {
    for name in ["fentanyl-social-media.ron", "sample-every-kind.ron"] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("decks")
            .join(name);
        let (_, warnings) = quizdesk::deck::load_deck_checked(&path)
            .unwrap_or_else(|e| panic!("{}", e.report().render()));
        assert!(warnings.diagnostics.is_empty(), "{}", warnings.render());
    }
}

#[test]
fn awareness_deck_suggests_a_classroom_session_and_a_parents_evening() {
    let deck = load("fentanyl-social-media.ron");
    let names: Vec<&str> = deck.sessions().iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["15-minute session", "Parents' evening"]);
    for session in deck.sessions() {
        assert!(
            (8..=15).contains(&session.questions.len()),
            "{}",
            session.name
        );
        assert!(session.minutes.is_some());
    }
}
