//! The room's rules, transition by transition, and a model check: whatever phones send, in any
//! order, the tally counts each phone's last accepted answer exactly once.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeSet, HashMap};

use proptest::prelude::*;
use rand::SeedableRng as _;

use super::*;

fn code() -> RoomCode {
    RoomCode::parse("ABCDE").unwrap()
}

fn token(n: u32) -> PhoneToken {
    PhoneToken::parse(&format!("{n:0>22}")).unwrap()
}

fn room(max_phones: usize) -> Room {
    Room::new(
        code(),
        RoomConfig {
            max_phones,
            ..RoomConfig::default()
        },
    )
}

/// Joins a new phone whose token is `token(n)`.
fn join(room: &mut Room, n: u32) -> PhoneToken {
    match room.join(&code(), None, || token(n)) {
        JoinOutcome::Joined(t) => t,
        other => panic!("phone {n} did not join: {other:?}"),
    }
}

fn pick(options: &[u8]) -> PhoneAnswer {
    PhoneAnswer::Options(options.iter().copied().collect())
}

fn choice(options: u8, correct: &[u8], multiple: bool) -> QuestionSpec {
    QuestionSpec::Choice {
        options,
        correct: correct.iter().copied().collect(),
        multiple,
    }
}

#[test]
fn a_words_question_keeps_the_deck_s_shorter_limit() {
    let mut room = Room::new(code(), RoomConfig::default());
    let a = join(&mut room, 1);
    room.open_question(1, QuestionSpec::Words { max_chars: 10 });
    assert_eq!(
        room.answer(&a, 1, PhoneAnswer::Words("eleven char".to_owned())),
        Err(Refused::BadWords)
    );
    assert_eq!(
        room.answer(&a, 1, PhoneAnswer::Words("ten chars!".to_owned())),
        Ok(Answered::Counted)
    );
}

#[test]
fn phones_join_with_the_code_and_a_wrong_code_is_refused() {
    let mut room = room(10);
    assert_eq!(
        room.join(&RoomCode::parse("ZZZZZ").unwrap(), None, || token(1)),
        JoinOutcome::WrongCode
    );
    let first = join(&mut room, 1);
    join(&mut room, 2);
    assert_eq!(room.joined(), 2);
    assert_eq!(room.connected(), 2);
    room.disconnected(&first);
    assert_eq!(room.connected(), 1);
    assert_eq!(room.joined(), 2);
}

#[test]
fn a_full_room_says_so_and_a_phone_already_in_it_still_rejoins() {
    let mut room = room(2);
    let first = join(&mut room, 1);
    join(&mut room, 2);
    assert_eq!(room.join(&code(), None, || token(3)), JoinOutcome::Full);
    room.disconnected(&first);
    assert_eq!(
        room.join(&code(), Some(&first), || token(4)),
        JoinOutcome::Rejoined(None)
    );
    assert_eq!(room.joined(), 2);
}

#[test]
fn a_token_the_room_never_gave_joins_as_a_new_phone() {
    let mut room = room(10);
    let outcome = room.join(&code(), Some(&token(99)), || token(5));
    assert_eq!(outcome, JoinOutcome::Joined(token(5)));
}

#[test]
fn a_phone_that_rejoins_keeps_its_answer_to_the_open_question() {
    let mut room = room(10);
    let phone = join(&mut room, 1);
    room.open_question(1, choice(4, &[2], false));
    assert_eq!(room.answer(&phone, 1, pick(&[3])), Ok(Answered::Counted));
    room.disconnected(&phone);
    assert_eq!(
        room.join(&code(), Some(&phone), || token(2)),
        JoinOutcome::Rejoined(Some(pick(&[3])))
    );
    let tally = room.tally().unwrap();
    assert_eq!(
        tally.answered, 1,
        "rejoining does not count the answer twice"
    );
    assert_eq!(tally.per_option, [0, 0, 0, 1]);
}

#[test]
fn changing_an_answer_moves_the_count_and_a_resend_changes_nothing() {
    let mut room = room(10);
    let a = join(&mut room, 1);
    let b = join(&mut room, 2);
    room.open_question(7, choice(3, &[0], false));
    assert_eq!(room.answer(&a, 7, pick(&[1])), Ok(Answered::Counted));
    assert_eq!(room.answer(&b, 7, pick(&[0])), Ok(Answered::Counted));
    assert_eq!(room.answer(&a, 7, pick(&[0])), Ok(Answered::Changed));
    assert_eq!(room.answer(&a, 7, pick(&[0])), Ok(Answered::Unchanged));
    let tally = room.tally().unwrap();
    assert_eq!(tally.per_option, [2, 0, 0]);
    assert_eq!(tally.answered, 2);
    assert_eq!(tally.right, Some(2));
    assert_eq!(tally.right_percent(), Some(100.0));
}

#[test]
fn reveal_locks_the_answers_and_tells_each_phone_its_verdict() {
    let mut room = room(10);
    let right = join(&mut room, 1);
    let wrong = join(&mut room, 2);
    let silent = join(&mut room, 3);
    room.open_question(1, choice(4, &[1, 3], true));
    room.answer(&right, 1, pick(&[1, 3])).unwrap();
    room.answer(&wrong, 1, pick(&[1])).unwrap();
    assert_eq!(room.verdict(&right), None, "no verdict before Reveal");
    let tally = room.reveal().unwrap();
    assert!(tally.revealed);
    assert_eq!(tally.per_option, [0, 2, 0, 1]);
    assert_eq!(tally.right, Some(1));
    assert_eq!(tally.right_percent(), Some(50.0));
    assert_eq!(room.answer(&silent, 1, pick(&[0])), Err(Refused::Locked));
    assert_eq!(room.answer(&wrong, 1, pick(&[1, 3])), Err(Refused::Locked));
    assert_eq!(room.verdict(&right), Some(Verdict::Right));
    assert_eq!(room.verdict(&wrong), Some(Verdict::NotRight));
    assert_eq!(room.verdict(&silent), Some(Verdict::NoAnswer));
    assert_eq!(room.verdict(&token(42)), None);
    assert_eq!(room.tally().unwrap(), tally, "nothing moves after Reveal");
}

#[test]
fn answers_that_do_not_fit_are_refused_and_change_nothing() {
    let mut room = room(10);
    let phone = join(&mut room, 1);
    assert_eq!(room.answer(&phone, 1, pick(&[0])), Err(Refused::NotOpen));
    room.open_question(1, choice(3, &[0], false));
    assert_eq!(
        room.answer(&token(9), 1, pick(&[0])),
        Err(Refused::UnknownPhone)
    );
    assert_eq!(room.answer(&phone, 2, pick(&[0])), Err(Refused::NotOpen));
    assert_eq!(
        room.answer(&phone, 1, pick(&[3])),
        Err(Refused::NotAnOption)
    );
    assert_eq!(room.answer(&phone, 1, pick(&[])), Err(Refused::NotAnOption));
    assert_eq!(
        room.answer(&phone, 1, pick(&[0, 1])),
        Err(Refused::NotAnOption)
    );
    assert_eq!(
        room.answer(&phone, 1, PhoneAnswer::Words("yes".to_owned())),
        Err(Refused::WrongKind)
    );
    assert_eq!(room.tally().unwrap().answered, 0);
}

#[test]
fn a_poll_counts_answers_with_no_right_one() {
    let mut room = room(10);
    let a = join(&mut room, 1);
    let b = join(&mut room, 2);
    room.open_question(
        3,
        QuestionSpec::Poll {
            options: 2,
            multiple: false,
        },
    );
    room.answer(&a, 3, pick(&[1])).unwrap();
    room.answer(&b, 3, pick(&[1])).unwrap();
    let tally = room.reveal().unwrap();
    assert_eq!(tally.per_option, [0, 2]);
    assert_eq!(tally.right, None);
    assert_eq!(tally.right_percent(), None);
    assert_eq!(room.verdict(&a), Some(Verdict::NoRightAnswer));
}

#[test]
fn words_show_only_once_the_facilitator_approves_them_one_entry_per_phone() {
    let mut room = room(10);
    let a = join(&mut room, 1);
    let b = join(&mut room, 2);
    let c = join(&mut room, 3);
    room.open_question(
        4,
        QuestionSpec::Words {
            max_chars: MAX_WORDS_CHARS,
        },
    );
    room.answer(&a, 4, PhoneAnswer::Words("  Snapchat ".to_owned()))
        .unwrap();
    room.answer(&b, 4, PhoneAnswer::Words("snapchat".to_owned()))
        .unwrap();
    room.answer(&c, 4, PhoneAnswer::Words("Instagram".to_owned()))
        .unwrap();
    // A phone's new entry replaces its old one.
    assert_eq!(
        room.answer(&c, 4, PhoneAnswer::Words("TikTok".to_owned())),
        Ok(Answered::Changed)
    );
    assert_eq!(
        room.answer(&a, 4, PhoneAnswer::Words("  ".to_owned())),
        Err(Refused::BadWords)
    );
    assert_eq!(
        room.answer(&a, 4, PhoneAnswer::Words("x".repeat(MAX_WORDS_CHARS + 1))),
        Err(Refused::BadWords)
    );
    // Abuse is refused before anyone sees it; the topic's own words are not abuse.
    assert_eq!(
        room.answer(&a, 4, PhoneAnswer::Words("f u c k".to_owned())),
        Err(Refused::Inappropriate)
    );
    for fine in [
        "fentanyl",
        "fake pills",
        "drug dealers",
        "overdose",
        "cartels",
    ] {
        assert!(
            !rustrict::CensorStr::is_inappropriate(fine),
            "{fine} must reach the facilitator"
        );
    }
    assert_eq!(
        room.words_to_approve(),
        [("snapchat".to_owned(), 2), ("tiktok".to_owned(), 1)]
    );
    assert!(room.tally().unwrap().words.is_empty(), "nothing shown yet");
    room.approve_words("Snapchat");
    let tally = room.tally().unwrap();
    assert_eq!(tally.words.get("snapchat"), Some(&2));
    assert_eq!(tally.words.len(), 1);
    assert_eq!(tally.answered, 3);
    assert_eq!(room.words_to_approve(), [("tiktok".to_owned(), 1)]);
}

#[test]
fn the_summary_keeps_each_questions_tally_and_showing_one_again_keeps_its_answers() {
    let mut room = room(10);
    let a = join(&mut room, 1);
    room.open_question(1, choice(2, &[0], false));
    room.answer(&a, 1, pick(&[0])).unwrap();
    // The same question shown again (the presenter redraws it): its answers stay.
    room.open_question(1, choice(2, &[0], false));
    assert_eq!(room.tally().unwrap().answered, 1);
    room.open_question(2, choice(2, &[1], false));
    room.answer(&a, 2, pick(&[0])).unwrap();
    assert_eq!(room.answer(&a, 1, pick(&[1])), Err(Refused::NotOpen));
    room.close_question();
    assert_eq!(room.tally(), None);
    let summary = room.summary();
    assert_eq!(
        summary
            .iter()
            .map(|t| (t.number, t.right))
            .collect::<Vec<_>>(),
        [(1, Some(1)), (2, Some(0))]
    );
}

#[test]
fn phone_messages_are_parsed_and_bounded_before_the_room_sees_them() {
    let join = PhoneMessage::parse(r#"{"type":"join","code":"abc-de"}"#).unwrap();
    assert_eq!(
        join,
        PhoneMessage::Join {
            code: code(),
            token: None
        }
    );
    let rejoin = format!(
        r#"{{"type":"join","code":"ABCDE","token":"{}"}}"#,
        token(3).as_str()
    );
    assert!(matches!(
        PhoneMessage::parse(&rejoin).unwrap(),
        PhoneMessage::Join { token: Some(t), .. } if t == token(3)
    ));
    assert_eq!(
        PhoneMessage::parse(r#"{"type":"answer","question":2,"options":[1,0,1]}"#).unwrap(),
        PhoneMessage::Answer {
            question: 2,
            answer: pick(&[0, 1])
        }
    );
    assert_eq!(
        PhoneMessage::parse(r#"{"type":"answer","question":2,"words":"apps"}"#).unwrap(),
        PhoneMessage::Answer {
            question: 2,
            answer: PhoneAnswer::Words("apps".to_owned())
        }
    );
    let refused = |text: &str| PhoneMessage::parse(text).unwrap_err();
    assert_eq!(
        refused(&format!("\"{}\"", "x".repeat(MAX_MESSAGE_BYTES))),
        ProtocolError::TooLong(MAX_MESSAGE_BYTES + 2)
    );
    assert!(matches!(refused("not json"), ProtocolError::Malformed(_)));
    assert!(matches!(
        refused(r#"{"type":"answer","question":1,"options":[0],"extra":1}"#),
        ProtocolError::Malformed(_)
    ));
    assert!(matches!(
        refused(r#"{"type":"join","code":"AB"}"#),
        ProtocolError::Code(CodeError::Length(2))
    ));
    assert_eq!(
        refused(r#"{"type":"join","code":"ABCDE","token":"short"}"#),
        ProtocolError::Token
    );
    assert_eq!(
        refused(r#"{"type":"answer","question":1,"options":[16]}"#),
        ProtocolError::Options
    );
    assert_eq!(
        refused(r#"{"type":"answer","question":1,"options":[4294967295]}"#),
        ProtocolError::Options
    );
    assert_eq!(
        refused(r#"{"type":"answer","question":1,"options":[0],"words":"a"}"#),
        ProtocolError::AnswerShape
    );
    assert_eq!(
        refused(r#"{"type":"answer","question":1}"#),
        ProtocolError::AnswerShape
    );
}

#[test]
fn random_tokens_are_well_formed_and_distinct() {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(1);
    let tokens: BTreeSet<String> = (0..1000)
        .map(|_| {
            let t = PhoneToken::random(&mut rng);
            assert_eq!(PhoneToken::parse(t.as_str()).as_ref(), Some(&t));
            t.as_str().to_owned()
        })
        .collect();
    assert_eq!(tokens.len(), 1000);
}

/// One thing a phone or the facilitator does, for the model check.
#[derive(Clone, Debug)]
enum Step {
    Join(u32),
    Leave(u32),
    Answer(u32, u32, Vec<u8>),
    Open(u32),
    Reveal,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (0..12_u32).prop_map(Step::Join),
        (0..12_u32).prop_map(Step::Leave),
        (
            0..12_u32,
            0..3_u32,
            proptest::collection::vec(0..5_u8, 0..3)
        )
            .prop_map(|(p, q, o)| Step::Answer(p, q, o)),
        (0..3_u32).prop_map(Step::Open),
        Just(Step::Reveal),
    ]
}

proptest! {
    /// Whatever phones send and in whatever order, each question's tally counts the last
    /// answer each phone had accepted before Reveal, exactly once.
    #[test]
    fn every_counted_answer_is_a_phones_last_accepted_one_exactly_once(
        steps in proptest::collection::vec(step(), 0..120)
    ) {
        let mut room = room(8);
        let spec = || choice(4, &[1], false);
        // The model: each question's accepted answers, by phone.
        let mut model: HashMap<u32, HashMap<u32, u8>> = HashMap::new();
        let mut joined: BTreeSet<u32> = BTreeSet::new();
        let mut open: Option<(u32, bool)> = None;
        for step in steps {
            match step {
                Step::Join(p) => {
                    let outcome = room.join(&code(), Some(&token(p)), || token(p));
                    if joined.contains(&p) {
                        prop_assert!(matches!(outcome, JoinOutcome::Rejoined(_)));
                    } else if joined.len() < 8 {
                        prop_assert_eq!(outcome, JoinOutcome::Joined(token(p)));
                        joined.insert(p);
                    } else {
                        prop_assert_eq!(outcome, JoinOutcome::Full);
                    }
                }
                Step::Leave(p) => room.disconnected(&token(p)),
                Step::Open(q) => {
                    if open.map(|(n, _)| n) != Some(q) {
                        // Shown anew: its answers start again.
                        model.remove(&q);
                        open = Some((q, false));
                    }
                    room.open_question(q, spec());
                }
                Step::Reveal => {
                    if let Some((_, revealed)) = &mut open {
                        *revealed = true;
                    }
                    room.reveal();
                }
                Step::Answer(p, q, options) => {
                    let result = room.answer(&token(p), q, pick(&options));
                    // A phone's options are a set: [3, 3] is one pick.
                    let picked: BTreeSet<u8> = options.iter().copied().collect();
                    let fits = picked.len() == 1 && options[0] < 4;
                    let accepted = joined.contains(&p)
                        && open == Some((q, false))
                        && fits;
                    prop_assert_eq!(result.is_ok(), accepted, "{:?}", result);
                    if accepted {
                        model.entry(q).or_default().insert(p, options[0]);
                    }
                }
            }
        }
        for tally in room.summary() {
            let answers = model.remove(&tally.number).unwrap_or_default();
            let mut per_option = vec![0_u32; 4];
            for option in answers.values() {
                per_option[usize::from(*option)] += 1;
            }
            prop_assert_eq!(tally.answered as usize, answers.len());
            prop_assert_eq!(&tally.per_option, &per_option);
            prop_assert_eq!(tally.right, Some(per_option[1]));
        }
    }
}

#[test]
fn game_mode_keeps_nicknames_and_points_in_memory_and_ranks_the_top() {
    let mut room = Room::new(
        code(),
        RoomConfig {
            max_phones: 10,
            game: true,
        },
    );
    let a = join(&mut room, 1);
    let b = join(&mut room, 2);
    let c = join(&mut room, 3);
    assert_eq!(
        room.set_nickname(&a, "  Blue   Fox "),
        Ok("Blue Fox".to_owned())
    );
    assert_eq!(room.set_nickname(&b, "Zed"), Ok("Zed".to_owned()));
    assert_eq!(room.set_nickname(&c, ""), Err(Refused::BadNickname));
    assert_eq!(
        room.set_nickname(&c, &"x".repeat(MAX_NICKNAME_CHARS + 1)),
        Err(Refused::BadNickname)
    );
    assert_eq!(
        room.set_nickname(&c, "shithead"),
        Err(Refused::Inappropriate)
    );
    let spec = QuestionSpec::Choice {
        options: 3,
        correct: BTreeSet::from([2]),
        multiple: false,
    };
    room.open_question(0, spec.clone());
    let pick = |o: u8| PhoneAnswer::Options(BTreeSet::from([o]));
    room.answer(&a, 0, pick(2)).unwrap();
    room.answer(&b, 0, pick(1)).unwrap();
    room.answer(&c, 0, pick(2)).unwrap();
    room.reveal();
    // Revealed again (hide, then reveal): points are given once.
    room.reveal();
    assert_eq!(room.points(&a), Some(POINTS_PER_RIGHT));
    assert_eq!(room.points(&b), Some(0));
    // Only phones with a nickname are on the board.
    assert_eq!(
        room.leaderboard(5),
        [
            ("Blue Fox".to_owned(), POINTS_PER_RIGHT),
            ("Zed".to_owned(), 0)
        ]
    );
    // Shown again later: it scores no second time.
    room.open_question(1, spec.clone());
    room.open_question(0, spec);
    room.answer(&b, 0, pick(2)).unwrap();
    room.reveal();
    assert_eq!(room.points(&b), Some(0));
    assert_eq!(room.leaderboard(1).len(), 1);
}

#[test]
fn without_game_mode_there_are_no_nicknames_or_points() {
    let mut room = Room::new(code(), RoomConfig::default());
    let a = join(&mut room, 1);
    assert_eq!(room.set_nickname(&a, "Fox"), Err(Refused::NotAGame));
    assert_eq!(room.points(&a), None);
    assert!(room.leaderboard(5).is_empty());
}
