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
