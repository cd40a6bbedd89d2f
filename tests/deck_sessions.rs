//! A deck's suggested sessions (named, ordered selections of its questions for presenting):
//! read, checked like the rest of the deck with positioned errors, and written back.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use quizdesk::deck::{Deck, from_validated, parse_deck, to_ron};

const SAMPLE: &str = include_str!("../decks/sample-every-kind.ron");

/// The sample deck with `sessions` added after its questions.
fn with_sessions(sessions: &str) -> String {
    let end = SAMPLE.rfind(')').unwrap();
    format!("{}    sessions: [\n{sessions}    ],\n)\n", &SAMPLE[..end])
}

fn load(text: &str) -> Result<Deck, String> {
    parse_deck(text.as_bytes(), Path::new("d.ron")).map_err(|e| e.report().render())
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

#[test]
fn sessions_load_in_order_and_are_written_back() {
    let text = with_sessions(
        "        Session(\n            name: \"Ten minutes\",\n            minutes: 10,\n            \
         description: \"A quick start.\",\n            questions: [\"sun-is-a-star\", \
         \"largest-planet\"],\n        ),\n        Session(name: \"Planets\", questions: \
         [\"gas-giants\"]),\n",
    );
    let deck = load(&text).unwrap();
    let sessions = deck.sessions();
    assert_eq!(sessions.len(), 2);
    assert_eq!(sessions[0].name, "Ten minutes");
    assert_eq!(sessions[0].minutes, Some(10));
    assert_eq!(sessions[0].description.as_deref(), Some("A quick start."));
    let ids: Vec<&str> = sessions[0]
        .questions
        .iter()
        .map(quizdesk::deck::QuestionId::as_str)
        .collect();
    assert_eq!(ids, ["sun-is-a-star", "largest-planet"]);
    assert_eq!(sessions[1].minutes, None);

    let written = to_ron(&from_validated(&deck));
    assert!(written.contains("sessions: ["), "{written}");
    assert_eq!(load(&written).unwrap(), deck);
    // A deck without sessions is written without the field.
    assert!(!to_ron(&from_validated(&load(SAMPLE).unwrap())).contains("sessions"));
}

#[test]
fn an_unknown_question_in_a_session_is_a_positioned_error_with_a_suggestion() {
    let text = with_sessions(
        "        Session(\n            name: \"Short\",\n            questions: \
         [\"sun-is-a-star\", \"largest-planett\"],\n        ),\n",
    );
    let rendered = load(&text).unwrap_err();
    let line = line_of(&text, "largest-planett");
    let column = text
        .lines()
        .nth(line - 1)
        .unwrap()
        .find("\"largest-planett")
        .unwrap()
        + 1;
    assert!(
        rendered.starts_with(&format!(
            "d.ron:{line}:{column}: error: this session names the question `largest-planett`, \
             which the deck does not have"
        )),
        "{rendered}"
    );
    assert!(
        rendered.contains("did you mean `largest-planet`?"),
        "{rendered}"
    );
}

#[test]
fn every_session_rule_is_checked_at_its_place() {
    let text = with_sessions(
        "        Session(name: \"Same\", questions: [\"gas-giants\", \"gas-giants\"]),\n        \
         Session(name: \" same \", minutes: 0, questions: []),\n        Session(name: \"\", \
         questions: [\"sun-is-a-star\"]),\n",
    );
    let rendered = load(&text).unwrap_err();
    let first = line_of(&text, "name: \"Same\"");
    let second = line_of(&text, "name: \" same \"");
    let third = line_of(&text, "name: \"\"");
    for expected in [
        format!("d.ron:{first}:"),
        "this session already has the question `gas-giants`".to_owned(),
        format!("d.ron:{second}:"),
        format!("another session is already named \" same \" (line {first})"),
        "a session of 0 minutes is out of range".to_owned(),
        "this session has no questions".to_owned(),
        format!("d.ron:{third}:"),
        "session name".to_owned(),
    ] {
        assert!(rendered.contains(&expected), "{expected}\n{rendered}");
    }
}
