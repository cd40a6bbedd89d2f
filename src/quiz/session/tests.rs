use std::path::Path;

use super::*;
use crate::deck::parse_deck;

/// One question of every kind, plus a few more so sampling has room.
const DECK: &str = r#"Deck(
        id: "test-deck", title: "Test", description: "", language: "en", authors: [], version: 1,
        questions: [
            Question(id: "card", prompt: "Largest planet?", answer: Flashcard(back: "Jupiter")),
            Question(id: "single", prompt: "Closest?", answer: SingleChoice(options: [
                Correct("Mercury"), Wrong("Venus"), Wrong("Earth"), Wrong("Mars"), Wrong("Pluto"),
            ])),
            Question(id: "kept", prompt: "Orbit?", answer: SingleChoice(options: [
                Wrong("Day"), Wrong("Month"), Correct("Year"), Wrong("Decade"),
            ], keep_order: true)),
            Question(id: "multi", prompt: "Giants?", answer: MultiSelect(options: [
                Correct("Jupiter"), Correct("Saturn"), Wrong("Mars"), Wrong("Venus"), Wrong("Earth"),
            ])),
            Question(id: "tf", prompt: "The Sun is a star.", answer: TrueFalse(correct: true),
                time_limit_secs: 20),
            Question(id: "num", prompt: "Planets?", answer: Numeric(accept: Exact(value: 8), unit: "planets")),
            Question(id: "text", prompt: "Satellite?", answer: Text(accepted: ["the Moon", "Moon"])),
            Question(id: "order", prompt: "Order them.", answer: Order(items: ["Mercury", "Venus", "Earth", "Mars", "Jupiter"])),
            Question(id: "order2", prompt: "Order two.", answer: Order(items: ["first", "second"])),
            Question(id: "match", prompt: "Match them.", answer: Match(pairs: [
                ("Jupiter", "Red Spot"), ("Saturn", "Rings"), ("Mars", "Olympus Mons"), ("Venus", "Hottest"),
            ])),
        ],
    )"#;

fn deck() -> Arc<Deck> {
    Arc::new(parse_deck(DECK.as_bytes(), Path::new("test.ron")).expect("test deck is valid"))
}

fn config(seed: u64) -> QuizConfig {
    QuizConfig {
        seed,
        ..QuizConfig::default()
    }
}

fn session(config: QuizConfig) -> QuizSession {
    QuizSession::new(deck(), config).unwrap()
}

fn id(text: &str) -> QuestionId {
    QuestionId::new_unchecked(text.to_owned())
}

fn is_identity(order: &[usize]) -> bool {
    order.iter().enumerate().all(|(i, &x)| i == x)
}

fn is_permutation(order: &[usize], len: usize) -> bool {
    let mut sorted = order.to_vec();
    sorted.sort_unstable();
    sorted == (0..len).collect::<Vec<_>>()
}

#[test]
fn the_same_seed_replays_the_same_session() {
    let cfg = QuizConfig {
        count: Some(6),
        ..config(42)
    };
    assert_eq!(session(cfg.clone()).items(), session(cfg).items());
}

#[test]
fn another_seed_gives_another_session() {
    let a = session(config(1));
    let b = session(config(2));
    assert_ne!(a.items(), b.items());
}

#[test]
fn every_item_shows_each_of_its_parts_once() {
    let s = session(config(7));
    let d = deck();
    for item in s.items() {
        let len = match &d.questions()[item.question_index].answer {
            Answer::SingleChoice { options, .. } | Answer::MultiSelect { options, .. } => {
                options.len()
            }
            Answer::Order { items } => items.len(),
            Answer::Match { pairs } => pairs.len(),
            _ => 0,
        };
        assert!(is_permutation(&item.display_order, len), "{item:?}");
    }
}

#[test]
fn count_picks_that_many_distinct_questions() {
    for seed in 0..20 {
        let s = session(QuizConfig {
            count: Some(4),
            ..config(seed)
        });
        assert_eq!(s.len(), 4);
        let distinct: HashSet<usize> = s.items().iter().map(|i| i.question_index).collect();
        assert_eq!(distinct.len(), 4);
    }
    let all = session(QuizConfig {
        count: Some(999),
        ..config(0)
    });
    assert_eq!(all.len(), deck().questions().len());
}

#[test]
fn without_shuffling_questions_keep_deck_order() {
    let s = session(QuizConfig {
        shuffle_questions: false,
        count: Some(5),
        ..config(3)
    });
    let indices: Vec<usize> = s.items().iter().map(|i| i.question_index).collect();
    assert!(indices.windows(2).all(|w| w[0] < w[1]), "{indices:?}");
}

#[test]
fn only_restricts_to_known_ids() {
    let s = session(QuizConfig {
        only: Some(vec![id("tf"), id("match"), id("no-such-question")]),
        ..config(5)
    });
    let ids: HashSet<&str> = s
        .items()
        .iter()
        .map(|i| s.question_of(i).unwrap().id.as_str())
        .collect();
    assert_eq!(ids, HashSet::from(["tf", "match"]));
}

#[test]
fn an_empty_selection_is_an_error() {
    let unknown = QuizConfig {
        only: Some(vec![id("no-such-question")]),
        ..config(0)
    };
    assert_eq!(
        QuizSession::new(deck(), unknown).unwrap_err(),
        QuizError::NoQuestions
    );
    let none = QuizConfig {
        count: Some(0),
        ..config(0)
    };
    assert_eq!(
        QuizSession::new(deck(), none).unwrap_err(),
        QuizError::NoQuestions
    );
}

#[test]
fn order_items_are_never_shown_already_solved() {
    for seed in 0..200 {
        let s = session(QuizConfig {
            only: Some(vec![id("order"), id("order2")]),
            ..config(seed)
        });
        for item in s.items() {
            assert!(!is_identity(&item.display_order), "seed {seed}: {item:?}");
        }
    }
}

#[test]
fn options_keep_deck_order_when_asked() {
    let kept = session(config(9));
    let item = kept
        .items()
        .iter()
        .find(|i| kept.question_of(i).unwrap().id.as_str() == "kept")
        .unwrap();
    assert!(is_identity(&item.display_order));

    for seed in 0..20 {
        let s = session(QuizConfig {
            shuffle_options: false,
            ..config(seed)
        });
        for item in s.items() {
            let q = s.question_of(item).unwrap();
            if matches!(
                q.answer,
                Answer::SingleChoice { .. } | Answer::MultiSelect { .. }
            ) {
                assert!(is_identity(&item.display_order));
            }
        }
    }
}

#[test]
fn choice_options_and_match_columns_get_shuffled() {
    let shuffled_somewhere = |kind: &str| {
        (0..20).any(|seed| {
            let s = session(config(seed));
            s.items().iter().any(|i| {
                s.question_of(i).unwrap().id.as_str() == kind && !is_identity(&i.display_order)
            })
        })
    };
    assert!(shuffled_somewhere("single"));
    assert!(shuffled_somewhere("multi"));
    assert!(shuffled_somewhere("match"));
}

#[test]
fn feedback_after_each_pauses_between_questions() {
    let mut s = session(QuizConfig {
        count: Some(2),
        feedback: FeedbackMode::AfterEach,
        ..config(1)
    });
    assert_eq!(s.phase(), Phase::Answering);
    assert_eq!(s.current_index(), 0);
    s.submit(Response::NoAnswer, 1000).unwrap();
    assert_eq!(s.phase(), Phase::Feedback);
    assert_eq!(s.current_index(), 0);
    assert!(s.current_item().is_some());
    s.next().unwrap();
    assert_eq!(s.phase(), Phase::Answering);
    assert_eq!(s.current_index(), 1);
    s.submit(Response::NoAnswer, 500).unwrap();
    assert_eq!(s.phase(), Phase::Feedback);
    s.next().unwrap();
    assert_eq!(s.phase(), Phase::Finished);
    assert_eq!(s.current_index(), 2);
    assert!(s.current_item().is_none());
    assert!(s.current_question().is_none());
    assert_eq!(s.results().elapsed_ms, 1500);
}

#[test]
fn feedback_at_end_moves_straight_on() {
    let mut s = session(QuizConfig {
        count: Some(2),
        feedback: FeedbackMode::AtEnd,
        ..config(1)
    });
    s.submit(Response::NoAnswer, 0).unwrap();
    assert_eq!(s.phase(), Phase::Answering);
    assert_eq!(s.current_index(), 1);
    assert!((s.progress_fraction() - 0.5).abs() < 1e-12);
    s.submit(Response::NoAnswer, 0).unwrap();
    assert_eq!(s.phase(), Phase::Finished);
    assert_eq!(s.answered(), 2);
    assert!((s.progress_fraction() - 1.0).abs() < 1e-12);
}

#[test]
fn acting_in_the_wrong_phase_is_an_error() {
    let mut s = session(QuizConfig {
        count: Some(1),
        ..config(0)
    });
    assert_eq!(
        s.next(),
        Err(QuizError::NotInFeedback {
            phase: Phase::Answering
        })
    );
    s.submit(Response::NoAnswer, 0).unwrap();
    assert_eq!(
        s.submit(Response::NoAnswer, 0).unwrap_err(),
        QuizError::NotAnswering {
            phase: Phase::Feedback
        }
    );
    s.next().unwrap();
    assert_eq!(
        s.submit(Response::NoAnswer, 0).unwrap_err(),
        QuizError::NotAnswering {
            phase: Phase::Finished
        }
    );
    assert_eq!(s.answered(), 1);
}

#[test]
fn submit_grades_and_records_the_attempt() {
    let mut s = session(QuizConfig {
        only: Some(vec![id("tf")]),
        ..config(0)
    });
    let attempt = s.submit(Response::TrueFalse(true), 1234).unwrap();
    assert_eq!(attempt.question_id.as_str(), "tf");
    assert!(attempt.grade.is_correct());
    assert_eq!(attempt.elapsed_ms, 1234);
    assert_eq!(
        s.last_attempt().unwrap().response,
        Response::TrueFalse(true)
    );
    assert!((s.score() - 1.0).abs() < 1e-12);
}

#[test]
fn time_limits_apply_only_when_on_and_set() {
    let only_tf = |use_time_limits| {
        session(QuizConfig {
            only: Some(vec![id("tf")]),
            use_time_limits,
            ..config(0)
        })
    };
    assert_eq!(only_tf(true).time_limit_ms(), Some(20_000));
    assert_eq!(only_tf(false).time_limit_ms(), None);
    let card = session(QuizConfig {
        only: Some(vec![id("card")]),
        ..config(0)
    });
    assert_eq!(card.time_limit_ms(), None);
}

#[test]
fn results_list_missed_questions_for_a_retry() {
    let mut s = session(QuizConfig {
        only: Some(vec![id("tf"), id("multi"), id("card")]),
        shuffle_questions: false,
        feedback: FeedbackMode::AtEnd,
        ..config(0)
    });
    // Deck order: card, multi, tf.
    s.submit(Response::SelfGraded(true), 100).unwrap();
    s.submit(Response::Choices(vec![0]), 200).unwrap();
    let partway = s.results();
    assert_eq!(partway.missed_ids(), vec![id("multi"), id("tf")]);

    s.submit(Response::TrueFalse(true), 300).unwrap();
    let results = s.results();
    assert!((results.score - 2.5).abs() < 1e-12);
    assert!((results.max_score - 3.0).abs() < 1e-12);
    assert!((results.percent() - 250.0 / 3.0).abs() < 1e-9);
    assert_eq!(results.elapsed_ms, 600);
    assert_eq!(results.rows.len(), 3);
    assert_eq!(results.rows[1].question_index, 3);
    assert!(results.rows[1].grade.is_partial());
    assert_eq!(results.missed_ids(), vec![id("multi")]);

    let retry = results.retry_missed_config(s.config(), 99).unwrap();
    assert_eq!(retry.only, Some(vec![id("multi")]));
    assert_eq!(retry.seed, 99);
    assert_eq!(QuizSession::new(deck(), retry).unwrap().len(), 1);
}

#[test]
fn nothing_to_retry_after_a_perfect_session() {
    let mut s = session(QuizConfig {
        only: Some(vec![id("tf")]),
        ..config(0)
    });
    s.submit(Response::TrueFalse(true), 0).unwrap();
    s.next().unwrap();
    let results = s.results();
    assert!(results.missed_ids().is_empty());
    assert!((results.percent() - 100.0).abs() < 1e-12);
    assert_eq!(results.retry_missed_config(s.config(), 1), None);
}

#[test]
fn config_and_attempts_round_trip_through_json() {
    let cfg = QuizConfig {
        count: Some(3),
        feedback: FeedbackMode::AtEnd,
        only: Some(vec![id("tf"), id("num")]),
        ..config(17)
    };
    let json = serde_json::to_string(&cfg).unwrap();
    assert_eq!(serde_json::from_str::<QuizConfig>(&json).unwrap(), cfg);
    assert_eq!(
        serde_json::from_str::<QuizConfig>("{}").unwrap(),
        QuizConfig::default()
    );

    let attempt = Attempt {
        question_id: id("num"),
        response: Response::Number(8.0),
        grade: Grade::RIGHT,
        elapsed_ms: 10,
        scored: true,
    };
    let json = serde_json::to_string(&attempt).unwrap();
    assert_eq!(serde_json::from_str::<Attempt>(&json).unwrap(), attempt);
}

#[test]
fn resuming_replays_the_answers_and_picks_up_at_the_next_question() {
    for feedback in [FeedbackMode::AfterEach, FeedbackMode::AtEnd] {
        let config = QuizConfig {
            feedback,
            ..config(11)
        };
        let mut first = session(config.clone());
        let mut given = Vec::new();
        for n in 0..3 {
            let question = first.current_question().unwrap().id.clone();
            let response = if n == 1 {
                Response::NoAnswer
            } else {
                Response::SelfGraded(true)
            };
            first.submit(response.clone(), 100 + n).unwrap();
            if first.phase() == Phase::Feedback {
                first.next().unwrap();
            }
            given.push((question, response, 100 + n));
        }
        let resumed = QuizSession::resume(deck(), config, given).unwrap();
        assert_eq!(resumed.phase(), Phase::Answering);
        assert_eq!(resumed.current_index(), 3);
        assert_eq!(resumed.answered(), 3);
        assert_eq!(
            resumed.items(),
            first.items(),
            "the same questions, in the same order"
        );
        assert_eq!(
            resumed.attempts(),
            first.attempts(),
            "graded again the same way"
        );
        assert_eq!(resumed.current_question(), first.current_question());
    }
}

#[test]
fn answers_that_do_not_fit_the_session_are_refused() {
    let order: Vec<QuestionId> = session(config(5))
        .items()
        .iter()
        .map(|item| deck().questions()[item.question_index].id.clone())
        .collect();
    let wrong = order[1].clone();
    let error = QuizSession::resume(deck(), config(5), [(wrong.clone(), Response::NoAnswer, 1)])
        .unwrap_err();
    assert_eq!(
        error,
        QuizError::ReplayMismatch {
            position: 1,
            expected: order[0].as_str().to_owned(),
            found: wrong.as_str().to_owned(),
        }
    );
    assert!(error.to_string().contains("the deck changed"), "{error}");

    let one = QuizConfig {
        count: Some(1),
        ..config(5)
    };
    let asked = session(one.clone()).current_question().unwrap().id.clone();
    let too_many = [
        (asked.clone(), Response::NoAnswer, 1),
        (asked, Response::NoAnswer, 1),
    ];
    assert_eq!(
        QuizSession::resume(deck(), one, too_many).unwrap_err(),
        QuizError::ReplayTooLong
    );
}

#[test]
fn polls_and_words_are_kept_and_never_scored() {
    const POLLS: &str = r#"Deck(id: "polls", title: "Polls", description: "", language: "en",
        authors: ["A"], version: 1, questions: [
        Question(id: "tf", prompt: "The Sun is a star.", answer: TrueFalse(correct: true)),
        Question(id: "poll", prompt: "Which?", answer: Poll(options: ["Often", "Sometimes", "Never"])),
        Question(id: "words", prompt: "In a word?", answer: Words(max_chars: 10)),
    ])"#;
    let deck = Arc::new(parse_deck(POLLS.as_bytes(), Path::new("polls.ron")).unwrap());
    let mut s = QuizSession::new(
        deck,
        QuizConfig {
            shuffle_questions: false,
            feedback: FeedbackMode::AtEnd,
            ..config(3)
        },
    )
    .unwrap();
    // A poll keeps its options in the order written, even when options are shuffled.
    assert_eq!(s.items()[1].display_order, [0, 1, 2]);
    assert_eq!(s.scored_len(), 1);
    s.submit(Response::TrueFalse(false), 10).unwrap();
    s.submit(Response::Choice(2), 10).unwrap();
    s.submit(Response::Text("hopeful".to_owned()), 10).unwrap();
    assert_eq!(s.phase(), Phase::Finished);
    assert_eq!(s.answered(), 3);
    assert_eq!(s.scored_answered(), 1);
    let kept: Vec<bool> = s.attempts().iter().map(|a| a.scored).collect();
    assert_eq!(kept, [true, false, false]);
    let results = s.results();
    assert!(
        (results.max_score - 1.0).abs() < 1e-12,
        "only the true/false counts"
    );
    assert!(results.percent().abs() < 1e-12);
    // Only the question that has a right answer can be missed and retried.
    assert_eq!(results.missed_ids(), [id("tf")]);
    assert_eq!(
        crate::quiz::response_text(&s.deck().questions()[1].answer, &s.attempts()[1].response),
        "Never"
    );
}
