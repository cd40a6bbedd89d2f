use super::*;
use crate::deck::MatchPair;

fn choices(spec: &[(&str, bool)]) -> Vec<Choice> {
    spec.iter()
        .map(|&(text, correct)| Choice {
            text: text.to_owned(),
            correct,
            image: None,
        })
        .collect()
}

fn single() -> Answer {
    Answer::SingleChoice {
        options: choices(&[("Venus", false), ("Mercury", true), ("Mars", false)]),
        keep_order: false,
    }
}

/// Two correct (0, 1) and three wrong (2, 3, 4).
fn multi() -> Answer {
    Answer::MultiSelect {
        options: choices(&[
            ("Sinaloa", true),
            ("Jalisco", true),
            ("Gulf", false),
            ("Juárez", false),
            ("Tijuana", false),
        ]),
        keep_order: false,
    }
}

fn exact(value: f64, tolerance: f64) -> Answer {
    Answer::Numeric {
        accept: NumericAccept::Exact { value, tolerance },
        unit: Some("minutes".to_owned()),
    }
}

fn range(min: f64, max: f64) -> Answer {
    Answer::Numeric {
        accept: NumericAccept::Range { min, max },
        unit: Some("times".to_owned()),
    }
}

fn text(accepted: &[&str], exact: bool) -> Answer {
    Answer::Text {
        accepted: accepted.iter().map(|&a| a.to_owned()).collect(),
        exact,
    }
}

fn order() -> Answer {
    Answer::Order {
        items: ["Mercury", "Venus", "Earth", "Mars"]
            .map(str::to_owned)
            .to_vec(),
    }
}

fn matching() -> Answer {
    Answer::Match {
        pairs: [
            ("Jupiter", "Red Spot"),
            ("Saturn", "Rings"),
            ("Mars", "Olympus Mons"),
        ]
        .map(|(l, r)| MatchPair {
            left: l.to_owned(),
            right: r.to_owned(),
        })
        .to_vec(),
    }
}

fn score(answer: &Answer, response: &Response) -> f64 {
    grade(answer, response).score
}

fn assert_score(answer: &Answer, response: &Response, expected: f64) {
    let got = score(answer, response);
    assert!(
        (got - expected).abs() < 1e-12,
        "{response:?} scored {got}, expected {expected}"
    );
}

#[test]
fn grade_reports_correct_and_partial() {
    assert!(Grade::RIGHT.is_correct());
    assert!(!Grade::RIGHT.is_partial());
    assert!(Grade::new(1.0 - 1e-12).is_correct());
    assert!(Grade::new(0.5).is_partial());
    assert!(!Grade::WRONG.is_partial());
    assert!(!Grade::WRONG.is_correct());
    assert_eq!(Grade::new(f64::NAN), Grade::WRONG);
    assert_eq!(Grade::new(3.0), Grade::RIGHT);
}

#[test]
fn single_choice_is_right_only_for_the_correct_option() {
    assert_score(&single(), &Response::Choice(1), 1.0);
    assert_score(&single(), &Response::Choice(0), 0.0);
    assert_score(&single(), &Response::Choice(99), 0.0);
}

#[test]
fn multi_select_gives_partial_credit_and_wrong_picks_cancel_right_ones() {
    let a = multi();
    assert_score(&a, &Response::Choices(vec![0, 1]), 1.0);
    assert_score(&a, &Response::Choices(vec![0]), 0.5);
    assert_score(&a, &Response::Choices(vec![0, 1, 2]), 0.5);
    assert_score(&a, &Response::Choices(vec![0, 2]), 0.0);
    assert!(grade(&a, &Response::Choices(vec![1])).is_partial());
    assert_score(&a, &Response::Choices(vec![]), 0.0);
}

#[test]
fn multi_select_credit_is_floored_at_zero() {
    let a = multi();
    assert_score(&a, &Response::Choices(vec![2, 3, 4]), 0.0);
    assert_score(&a, &Response::Choices(vec![0, 2, 3, 4]), 0.0);
    // Selecting everything earns nothing.
    assert_score(&a, &Response::Choices(vec![0, 1, 2, 3, 4]), 0.0);
}

#[test]
fn multi_select_counts_repeats_once_and_unknown_indices_as_wrong() {
    let a = multi();
    assert_score(&a, &Response::Choices(vec![0, 0, 1, 1]), 1.0);
    assert_score(&a, &Response::Choices(vec![0, 1, 42]), 0.5);
}

#[test]
fn true_false_must_match() {
    let a = Answer::TrueFalse { correct: false };
    assert_score(&a, &Response::TrueFalse(false), 1.0);
    assert_score(&a, &Response::TrueFalse(true), 0.0);
}

#[test]
fn numeric_exact_accepts_exactly_the_tolerance_edges() {
    let a = exact(8.3, 0.5);
    assert_score(&a, &Response::Number(8.3), 1.0);
    assert_score(&a, &Response::Number(7.8), 1.0);
    assert_score(&a, &Response::Number(8.8), 1.0);
    assert_score(&a, &Response::Number(7.79), 0.0);
    assert_score(&a, &Response::Number(8.81), 0.0);
    assert_score(&a, &Response::Number(f64::NAN), 0.0);
    assert_score(&a, &Response::Number(f64::INFINITY), 0.0);
}

#[test]
fn numeric_exact_without_tolerance_absorbs_only_float_noise() {
    let a = exact(0.3, 0.0);
    assert_score(&a, &Response::Number(0.1 + 0.2), 1.0);
    assert_score(&a, &Response::Number(0.3001), 0.0);
    let big = exact(1650.0, 0.0);
    assert_score(&big, &Response::Number(1650.0), 1.0);
    assert_score(&big, &Response::Number(1651.0), 0.0);
    assert_score(&big, &Response::Number(1649.999), 0.0);
}

#[test]
fn numeric_range_includes_both_ends() {
    let a = range(50.0, 100.0);
    assert_score(&a, &Response::Number(50.0), 1.0);
    assert_score(&a, &Response::Number(100.0), 1.0);
    assert_score(&a, &Response::Number(75.5), 1.0);
    assert_score(&a, &Response::Number(49.999), 0.0);
    assert_score(&a, &Response::Number(100.001), 0.0);
}

#[test]
fn typed_answer_ignores_accents_case_spacing_and_punctuation() {
    let a = text(&["Eduardo Chávez", "Chávez"], false);
    assert_score(&a, &Response::Text("Chavez".into()), 1.0);
    assert_score(&a, &Response::Text("  CHÁVEZ. ".into()), 1.0);
    assert_score(&a, &Response::Text("eduardo   chavez".into()), 1.0);
    assert_score(&a, &Response::Text("Eduardo-Chavez!".into()), 1.0);
    assert_score(&a, &Response::Text("Chavezz".into()), 0.0);
    assert_score(&a, &Response::Text("...".into()), 0.0);
    assert_score(&a, &Response::Text(String::new()), 0.0);
}

#[test]
fn exact_text_answers_only_forgive_surrounding_spaces() {
    let a = text(&["He"], true);
    assert_score(&a, &Response::Text("He".into()), 1.0);
    assert_score(&a, &Response::Text("  He\n".into()), 1.0);
    assert_score(&a, &Response::Text("he".into()), 0.0);
    assert_score(&a, &Response::Text("He.".into()), 0.0);
    assert_score(&a, &Response::Text(" ".into()), 0.0);
}

#[test]
fn order_scores_the_fraction_of_items_in_place() {
    let a = order();
    assert_score(&a, &Response::Order(vec![0, 1, 2, 3]), 1.0);
    assert_score(&a, &Response::Order(vec![0, 1, 3, 2]), 0.5);
    assert_score(&a, &Response::Order(vec![1, 2, 3, 0]), 0.0);
    assert!(grade(&a, &Response::Order(vec![0, 2, 1, 3])).is_partial());
    // Too short or repeated sequences never panic and never earn more than they place.
    assert_score(&a, &Response::Order(vec![0]), 0.25);
    assert_score(&a, &Response::Order(vec![0, 0, 0, 0]), 0.25);
    assert_score(&a, &Response::Order(vec![]), 0.0);
}

#[test]
fn match_scores_the_fraction_of_left_items_paired_right() {
    let a = matching();
    assert_score(&a, &Response::Match(vec![Some(0), Some(1), Some(2)]), 1.0);
    let partial = score(&a, &Response::Match(vec![Some(0), Some(2), Some(1)]));
    assert!((partial - 1.0 / 3.0).abs() < 1e-12);
    assert_score(&a, &Response::Match(vec![Some(1), Some(2), Some(0)]), 0.0);
    assert_score(&a, &Response::Match(vec![None, None, None]), 0.0);
    assert_score(&a, &Response::Match(vec![Some(7)]), 0.0);
}

#[test]
fn flashcard_scores_what_the_learner_says() {
    let a = Answer::Flashcard {
        back: "Jupiter".into(),
    };
    assert_score(&a, &Response::SelfGraded(true), 1.0);
    assert_score(&a, &Response::SelfGraded(false), 0.0);
}

#[test]
fn no_answer_and_wrong_kind_responses_score_zero() {
    let answers = [
        single(),
        multi(),
        exact(1.0, 0.0),
        text(&["x"], false),
        order(),
        matching(),
        Answer::TrueFalse { correct: true },
        Answer::Flashcard { back: "b".into() },
    ];
    for a in &answers {
        assert_score(a, &Response::NoAnswer, 0.0);
    }
    assert_score(&single(), &Response::Choices(vec![1]), 0.0);
    assert_score(&multi(), &Response::Choice(0), 0.0);
    assert_score(&exact(1.0, 0.0), &Response::Text("1".into()), 0.0);
    assert_score(&text(&["1"], false), &Response::Number(1.0), 0.0);
    assert_score(&order(), &Response::Match(vec![Some(0)]), 0.0);
    assert_score(&matching(), &Response::Order(vec![0, 1, 2]), 0.0);
    assert_score(
        &Answer::Flashcard { back: "b".into() },
        &Response::TrueFalse(true),
        0.0,
    );
    assert_score(
        &Answer::TrueFalse { correct: true },
        &Response::SelfGraded(true),
        0.0,
    );
}

#[test]
fn parse_number_reads_plain_and_grouped_numbers() {
    assert_eq!(parse_number("1650"), Some(1650.0));
    assert_eq!(parse_number("  1650\t"), Some(1650.0));
    assert_eq!(parse_number("1,650"), Some(1650.0));
    assert_eq!(parse_number("1 650"), Some(1650.0));
    assert_eq!(parse_number("1\u{a0}650"), Some(1650.0));
    assert_eq!(parse_number("12,345,678"), Some(12_345_678.0));
    assert_eq!(parse_number("1,650.25"), Some(1650.25));
    assert_eq!(parse_number("-3"), Some(-3.0));
    assert_eq!(parse_number("−3"), Some(-3.0));
    assert_eq!(parse_number("+3"), Some(3.0));
    assert_eq!(parse_number("3.5"), Some(3.5));
    assert_eq!(parse_number(".5"), Some(0.5));
    assert_eq!(parse_number("5."), Some(5.0));
    assert_eq!(parse_number("007"), Some(7.0));
    assert_eq!(parse_number("$130"), Some(130.0));
    assert_eq!(parse_number("-$5"), Some(-5.0));
}

#[test]
fn parse_number_drops_percent_times_and_unit_words() {
    assert_eq!(parse_number("83%"), Some(83.0));
    assert_eq!(parse_number("83 %"), Some(83.0));
    assert_eq!(parse_number("50x"), Some(50.0));
    assert_eq!(parse_number("50 ×"), Some(50.0));
    assert_eq!(parse_number("50 times"), Some(50.0));
    assert_eq!(parse_number("200,000 pills per month"), Some(200_000.0));
    assert_eq!(parse_number("3 decades"), Some(3.0));
    assert_eq!(parse_number("60 km/h"), Some(60.0));
    assert_eq!(parse_number("83 percent"), Some(83.0));
}

#[test]
fn parse_number_refuses_ambiguous_separators() {
    assert_eq!(parse_number("3,5"), None);
    assert_eq!(parse_number("1,65"), None);
    assert_eq!(parse_number("1,6500"), None);
    assert_eq!(parse_number("1234,567"), None);
    assert_eq!(parse_number("1,650 000"), None);
    assert_eq!(parse_number(",650"), None);
    assert_eq!(parse_number("5 000000"), None);
    assert_eq!(parse_number("1.5.3"), None);
}

#[test]
fn parse_number_refuses_garbage_and_scale_words() {
    for input in [
        "",
        "   ",
        "-",
        "+",
        ".",
        "%",
        "x",
        "abc",
        "about 50",
        "~50",
        "50-100",
        "50 5",
        "--5",
        "5-",
        "1e5",
        "NaN",
        "inf",
        "50x5",
        "50 %%",
        "200k",
        "1.5 million",
        "3 bn",
        "٣",
    ] {
        assert_eq!(parse_number(input), None, "{input:?}");
    }
    assert_eq!(parse_number(&"9".repeat(400)), None);
}

#[test]
fn parse_number_with_unit_accepts_the_questions_own_unit() {
    let unit = Some("million km");
    assert_eq!(parse_number_with_unit("150 million km", unit), Some(150.0));
    assert_eq!(parse_number_with_unit("150 Million", unit), Some(150.0));
    assert_eq!(parse_number_with_unit("150", unit), Some(150.0));
    assert_eq!(parse_number_with_unit("150 km", unit), Some(150.0));
    assert_eq!(parse_number_with_unit("150 millions km", unit), None);
    assert_eq!(parse_number_with_unit("150 million", None), None);
    assert_eq!(parse_number_with_unit("150 billion km", unit), None);
    assert_eq!(parse_number_with_unit("junk", unit), None);
}

#[test]
fn correct_answer_text_describes_every_kind() {
    assert_eq!(correct_answer_text(&single()), "Mercury");
    assert_eq!(correct_answer_text(&multi()), "Sinaloa; Jalisco");
    assert_eq!(
        correct_answer_text(&Answer::TrueFalse { correct: true }),
        "True"
    );
    assert_eq!(correct_answer_text(&exact(8.3, 0.5)), "8.3 ± 0.5 minutes");
    assert_eq!(correct_answer_text(&exact(900.0, 0.0)), "900 minutes");
    assert_eq!(correct_answer_text(&range(50.0, 100.0)), "50 to 100 times");
    let percent = Answer::Numeric {
        accept: NumericAccept::Range {
            min: 80.0,
            max: 85.0,
        },
        unit: Some("%".into()),
    };
    assert_eq!(correct_answer_text(&percent), "80 to 85%");
    let no_unit = Answer::Numeric {
        accept: NumericAccept::Exact {
            value: 200_000.0,
            tolerance: 0.0,
        },
        unit: None,
    };
    assert_eq!(correct_answer_text(&no_unit), "200,000");
    assert_eq!(
        correct_answer_text(&text(&["the Moon", "Moon"], false)),
        "the Moon"
    );
    assert_eq!(
        correct_answer_text(&order()),
        "1. Mercury\n2. Venus\n3. Earth\n4. Mars"
    );
    assert_eq!(
        correct_answer_text(&matching()),
        "Jupiter: Red Spot\nSaturn: Rings\nMars: Olympus Mons"
    );
    assert_eq!(
        correct_answer_text(&Answer::Flashcard {
            back: "Jupiter".into()
        }),
        "Jupiter"
    );
}

#[test]
fn response_text_uses_option_texts_not_indices() {
    assert_eq!(response_text(&single(), &Response::Choice(0)), "Venus");
    assert_eq!(
        response_text(&multi(), &Response::Choices(vec![0, 2])),
        "Sinaloa; Gulf"
    );
    assert_eq!(
        response_text(&multi(), &Response::Choices(vec![])),
        "(nothing selected)"
    );
    assert_eq!(
        response_text(&exact(8.3, 0.5), &Response::Number(7.5)),
        "7.5 minutes"
    );
    assert_eq!(
        response_text(&text(&["x"], false), &Response::Text("  Chávez ".into())),
        "Chávez"
    );
    assert_eq!(
        response_text(&order(), &Response::Order(vec![1, 0, 9])),
        "1. Venus\n2. Mercury\n3. ?"
    );
    assert_eq!(
        response_text(&matching(), &Response::Match(vec![Some(1), None])),
        "Jupiter: Rings\nSaturn: (not placed)\nMars: (not placed)"
    );
    assert_eq!(
        response_text(
            &Answer::TrueFalse { correct: true },
            &Response::TrueFalse(false)
        ),
        "False"
    );
    assert_eq!(
        response_text(
            &Answer::Flashcard { back: "b".into() },
            &Response::SelfGraded(true)
        ),
        "Knew it"
    );
}

#[test]
fn response_text_marks_missing_and_mismatched_answers() {
    assert_eq!(response_text(&single(), &Response::NoAnswer), "(no answer)");
    assert_eq!(
        response_text(&text(&["x"], false), &Response::Text("  ".into())),
        "(no answer)"
    );
    assert_eq!(response_text(&single(), &Response::Choice(9)), "?");
    assert_eq!(
        response_text(&single(), &Response::TrueFalse(true)),
        "(answer of another kind)"
    );
}

#[test]
fn numbers_are_formatted_for_people() {
    assert_eq!(format_number(1650.0), "1650");
    assert_eq!(format_number(12_000.0), "12,000");
    assert_eq!(format_number(1_234_567.5), "1,234,567.5");
    assert_eq!(format_number(-20_000.0), "-20,000");
    assert_eq!(format_number(-0.0), "0");
    assert_eq!(format_number(0.25), "0.25");
}

#[test]
fn responses_round_trip_through_json() {
    let all = [
        Response::Choice(2),
        Response::Choices(vec![0, 3]),
        Response::TrueFalse(true),
        Response::Number(-3.5),
        Response::Text("Chávez".into()),
        Response::Order(vec![2, 0, 1]),
        Response::Match(vec![Some(1), None]),
        Response::SelfGraded(false),
        Response::NoAnswer,
    ];
    for r in all {
        let json = serde_json::to_string(&r).unwrap();
        assert!(json.contains("\"kind\""), "{json}");
        assert_eq!(serde_json::from_str::<Response>(&json).unwrap(), r);
    }
    assert_eq!(
        serde_json::to_string(&Response::Choice(2)).unwrap(),
        r#"{"kind":"Choice","value":2}"#
    );
}
