//! Whole sessions over the bundled awareness deck, answered by a script.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::sync::Arc;

use quizdesk::deck::{Answer, Deck, NumericAccept, load_deck};
use quizdesk::quiz::{
    FeedbackMode, Phase, QuizConfig, QuizSession, Response, correct_answer_text, response_text,
};

fn bundled_deck() -> Arc<Deck> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("decks/fentanyl-social-media.ron");
    Arc::new(load_deck(&path).expect("the bundled deck loads"))
}

/// The response a learner who knows everything gives, built from the deck's answer alone.
fn right_response(answer: &Answer) -> Response {
    match answer {
        Answer::Flashcard { .. } => Response::SelfGraded(true),
        Answer::SingleChoice { options, .. } => {
            Response::Choice(options.iter().position(|o| o.correct).unwrap())
        }
        Answer::MultiSelect { options, .. } => {
            Response::Choices((0..options.len()).filter(|&i| options[i].correct).collect())
        }
        Answer::TrueFalse { correct } => Response::TrueFalse(*correct),
        Answer::Numeric { accept, .. } => Response::Number(match *accept {
            NumericAccept::Exact { value, .. } => value,
            NumericAccept::Range { min, max } => (min + max) / 2.0,
        }),
        Answer::Text { accepted, .. } => Response::Text(accepted[0].clone()),
        Answer::Order { items } => Response::Order((0..items.len()).collect()),
        Answer::Match { pairs } => Response::Match((0..pairs.len()).map(Some).collect()),
        // No right answer: any answer is kept, never scored.
        Answer::Poll {
            multiple: false, ..
        } => Response::Choice(0),
        Answer::Poll { multiple: true, .. } => Response::Choices(vec![0, 1]),
        Answer::Words { .. } => Response::Text("social media".to_owned()),
    }
}

/// A response that earns nothing: wrong picks only, every item out of place, a number far off.
fn wrong_response(answer: &Answer) -> Response {
    let rotated = |len: usize| (0..len).map(move |i| (i + 1) % len);
    match answer {
        Answer::Flashcard { .. } => Response::SelfGraded(false),
        Answer::SingleChoice { options, .. } => {
            Response::Choice(options.iter().position(|o| !o.correct).unwrap())
        }
        Answer::MultiSelect { options, .. } => Response::Choices(
            (0..options.len())
                .filter(|&i| !options[i].correct)
                .collect(),
        ),
        Answer::TrueFalse { correct } => Response::TrueFalse(!correct),
        Answer::Numeric { accept, .. } => Response::Number(match *accept {
            NumericAccept::Exact { value, tolerance } => value + tolerance + 1000.0,
            NumericAccept::Range { max, .. } => max + 1000.0,
        }),
        Answer::Text { .. } => Response::Text("certainly not the answer".to_owned()),
        Answer::Order { items } => Response::Order(rotated(items.len()).collect()),
        Answer::Match { pairs } => Response::Match(rotated(pairs.len()).map(Some).collect()),
        Answer::Poll { options, .. } => Response::Choice(options.len() - 1),
        Answer::Words { .. } => Response::Text("no idea".to_owned()),
    }
}

fn run(deck: &Arc<Deck>, feedback: FeedbackMode, respond: fn(&Answer) -> Response) -> QuizSession {
    let config = QuizConfig {
        feedback,
        seed: 2024,
        ..QuizConfig::default()
    };
    let mut session = QuizSession::new(Arc::clone(deck), config).unwrap();
    while session.phase() != Phase::Finished {
        let answer = session.current_question().unwrap().answer.clone();
        let response = respond(&answer);
        // The text helpers must describe every question without panicking.
        assert!(!correct_answer_text(&answer).is_empty());
        assert!(!response_text(&answer, &response).is_empty());
        session.submit(response, 1_000).unwrap();
        if session.phase() == Phase::Feedback {
            session.next().unwrap();
        }
    }
    session
}

#[test]
fn a_quiz_answered_right_scores_everything() {
    let deck = bundled_deck();
    let session = run(&deck, FeedbackMode::AfterEach, right_response);
    let results = session.results();
    assert_eq!(session.len(), deck.questions().len());
    assert_eq!(results.rows.len(), deck.questions().len());
    assert!((results.percent() - 100.0).abs() < 1e-9, "{results:?}");
    assert!(results.missed_ids().is_empty());
    assert_eq!(results.elapsed_ms, 1_000 * deck.questions().len() as u64);
}

#[test]
fn a_quiz_answered_wrong_misses_everything() {
    let deck = bundled_deck();
    let session = run(&deck, FeedbackMode::AtEnd, wrong_response);
    let results = session.results();
    assert!(results.score.abs() < 1e-12, "{results:?}");
    assert!(results.percent().abs() < 1e-12);
    let mut missed = results.missed_ids();
    missed.sort();
    // Every question with a right answer; polls and words cannot be missed.
    let mut all: Vec<_> = deck
        .questions()
        .iter()
        .filter(|q| q.answer.is_scored())
        .map(|q| q.id.clone())
        .collect();
    all.sort();
    assert_eq!(missed, all);

    // Retrying the missed ones asks exactly those again.
    let retry = results
        .retry_missed_config(session.config(), 7)
        .expect("something was missed");
    let again = QuizSession::new(Arc::clone(&deck), retry).unwrap();
    assert_eq!(again.len(), all.len());
}

#[test]
fn a_quiz_over_the_bundled_deck_replays_from_its_seed() {
    let deck = bundled_deck();
    let config = QuizConfig {
        count: Some(10),
        seed: 99,
        ..QuizConfig::default()
    };
    let a = QuizSession::new(Arc::clone(&deck), config.clone()).unwrap();
    let b = QuizSession::new(Arc::clone(&deck), config).unwrap();
    assert_eq!(a.len(), 10);
    assert_eq!(a.items(), b.items());
}
