use super::*;
use crate::store::test_session::{answer, fixture};

#[test]
fn bad_answers_are_refused_and_never_queued() {
    let mut f = fixture("refused");
    let mut cases: Vec<(NewAttempt<'_>, &str)> = Vec::new();
    for score in [f64::NAN, f64::INFINITY, -0.1, 1.5] {
        cases.push((
            NewAttempt {
                score,
                ..answer(&f, "q1")
            },
            "score must be from 0 to 1",
        ));
    }
    cases.push((
        NewAttempt {
            response_json: "{not json".to_owned(),
            ..answer(&f, "q1")
        },
        "not valid JSON",
    ));
    cases.push((answer(&f, ""), "question id is empty"));
    cases.push((
        NewAttempt {
            deck_id: "other-deck",
            ..answer(&f, "q1")
        },
        "not profile",
    ));
    // Refused the same way whether or not the disk is writable.
    for query_only in [false, true] {
        f.store.debug_set_query_only(query_only).unwrap();
        for (attempt, expected) in &cases {
            let error = f.store.record_attempt(attempt).unwrap_err();
            assert!(
                matches!(error, StoreError::InvalidInput { what: "answer", .. }),
                "{error}"
            );
            assert!(error.to_string().contains(expected), "{error}");
        }
        let unknown = NewAttempt {
            session: SessionId(77),
            ..answer(&f, "q1")
        };
        assert!(matches!(
            f.store.record_attempt(&unknown),
            Err(StoreError::UnknownSession { id: SessionId(77) })
        ));
        assert!(matches!(
            f.store.finish_session(SessionId(77), 5),
            Err(StoreError::UnknownSession { .. })
        ));
        assert_eq!(f.store.pending_count(), 0);
    }
}

#[test]
fn attempt_of_another_profile_is_refused() {
    let mut f = fixture("refused-profile");
    let bob = f.store.create_profile("Bob").unwrap();
    let error = f
        .store
        .record_attempt(&NewAttempt {
            profile: bob.id,
            ..answer(&f, "q1")
        })
        .unwrap_err();
    assert!(matches!(error, StoreError::InvalidInput { .. }), "{error}");
}

#[test]
fn session_of_an_unknown_profile_is_refused() {
    let mut f = fixture("refused-session");
    let error = f
        .store
        .start_session(&NewSession {
            profile: ProfileId(42),
            deck_id: "deck",
            deck_title: "Deck",
            deck_version: 1,
            mode: Mode::Quiz,
            practice: false,
            seed: 0,
            config_json: "{}".to_owned(),
            started_ms: 0,
        })
        .unwrap_err();
    assert!(
        matches!(error, StoreError::UnknownProfile { id: ProfileId(42) }),
        "{error}"
    );
}

/// Starts a quiz session of `deck_id` for Ann with `config_json` as its settings.
fn quiz_of(
    f: &mut crate::store::test_session::Fixture,
    deck_id: &'static str,
    started_ms: i64,
) -> SessionId {
    f.store
        .start_session(&NewSession {
            profile: f.ann.id,
            deck_id,
            deck_title: "Deck",
            deck_version: 1,
            mode: Mode::Quiz,
            practice: false,
            seed: 7,
            config_json: format!("{{\"seed\":{started_ms}}}"),
            started_ms,
        })
        .unwrap()
}

#[test]
fn the_latest_quiz_left_half_way_is_offered_with_its_answers_in_order() {
    let mut f = fixture("unfinished");
    // The fixture's session of "deck": two answers, left half-way.
    for q in ["q2", "q1"] {
        f.store.record_attempt(&answer(&f, q)).unwrap();
    }
    // "other": a quiz left with no answer is nothing to continue.
    quiz_of(&mut f, "other", 5);
    // "done": left half-way, then a new quiz was started and finished: starting afresh leaves
    // the old one behind.
    let old = quiz_of(&mut f, "done", 6);
    let attempt = |f: &crate::store::test_session::Fixture, session| NewAttempt {
        session,
        deck_id: "done",
        ..answer(f, "q1")
    };
    f.store.record_attempt(&attempt(&f, old)).unwrap();
    let new = quiz_of(&mut f, "done", 7);
    f.store.record_attempt(&attempt(&f, new)).unwrap();
    f.store.finish_session(new, 8).unwrap();

    let totals = f.store.library_totals(f.ann.id).unwrap();
    assert_eq!(
        totals.unfinished.keys().collect::<Vec<_>>(),
        ["deck"],
        "{totals:?}"
    );
    let left = &totals.unfinished["deck"];
    assert_eq!(
        (left.session, left.answered, left.started_ms),
        (f.session, 2, 1)
    );
    let answers = f.store.session_answers(f.ann.id, f.session).unwrap();
    assert_eq!(
        answers
            .iter()
            .map(|a| a.question_id.as_str())
            .collect::<Vec<_>>(),
        ["q2", "q1"]
    );
    assert_eq!(answers[0].response_json, "{\"choice\":1}");
    assert_eq!(answers[0].elapsed_ms, 1500);

    // Once finished, it is no longer offered; another profile never sees it.
    f.store.finish_session(f.session, 9).unwrap();
    assert!(
        f.store
            .library_totals(f.ann.id)
            .unwrap()
            .unfinished
            .is_empty()
    );
    let bo = f.store.create_profile("Bo").unwrap();
    assert!(
        f.store
            .session_answers(bo.id, f.session)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn a_poll_answer_is_kept_in_the_history_and_never_scored() {
    let mut f = fixture("unscored");
    f.store
        .record_attempt(&NewAttempt {
            score: 0.5,
            ..answer(&f, "q1")
        })
        .unwrap();
    f.store
        .record_unscored_attempt(&NewAttempt {
            score: 0.0,
            answer_text: "Often".to_owned(),
            ..answer(&f, "poll")
        })
        .unwrap();
    // Kept and queued like any answer when the disk refuses.
    f.store.debug_set_query_only(true).unwrap();
    assert!(matches!(
        f.store.record_unscored_attempt(&answer(&f, "words")),
        Err(StoreError::WriteFailed { queued: true, .. })
    ));
    f.store.debug_set_query_only(false).unwrap();
    f.store.finish_session(f.session, 99).unwrap();

    let history = f.store.history(None).unwrap();
    let kept: Vec<(&str, bool)> = history[0]
        .attempts
        .iter()
        .map(|a| (a.question_id.as_str(), a.scored))
        .collect();
    assert_eq!(kept, [("q1", true), ("poll", false), ("words", false)]);
    let (percent, answers, totals): (f64, i64, i64) = f
        .store
        .conn
        .query_row(
            "SELECT score_percent, answers,
                 (SELECT COUNT(*) FROM question_totals WHERE question_id IN ('poll', 'words'))
             FROM sessions WHERE id = ?1",
            [f.session.0],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .unwrap();
    assert!(
        (percent - 50.0).abs() < 1e-9,
        "only q1 is scored: {percent}"
    );
    assert_eq!(answers, 3, "every answer counts as given");
    assert_eq!(totals, 0, "polls never count as questions answered wrong");
}
