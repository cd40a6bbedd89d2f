//! Reading a results file: its mistakes, said where and in plain words.

use super::*;

fn error_of(text: &str) -> ReadError {
    parse_results(text.as_bytes(), "x.json").unwrap_err()
}

#[test]
fn broken_json_is_reported_with_line_and_column() {
    let e = error_of("{\n  \"format\": \"quizdesk-results\",\n  \"format_version\": 1,,\n}");
    assert_eq!(
        e.position(),
        Some(TextPosition {
            line: 3,
            column: 23
        })
    );
    let text = e.located("x.json");
    assert!(
        text.starts_with("x.json:3:23: this is not valid JSON here (key must be a string); the file may be damaged or cut short: ask the student to export their results again (`quizdesk history --format json`"),
        "{text}"
    );
    assert!(text.ends_with("or the Export my results button)"), "{text}");

    let e = error_of("{\"format\": \"quizdesk-results\", \"sessions\": [");
    assert!(matches!(e, ReadError::NotJson { .. }), "{e:?}");
    assert!(e.to_string().contains("it ends in the middle"), "{e}");
}

#[test]
fn another_programs_json_is_not_a_results_file() {
    let e = error_of("{\"name\": \"my notes\"}");
    assert_eq!(
        e.located("x.json"),
        "x.json:1:1: this is not a quizdesk results file (it has no `format: \"quizdesk-results\"` field): export it with `quizdesk history --format json` or the Export my results button"
    );
    let e = error_of("{\"format\": \"kahoot\", \"format_version\": 1}");
    assert!(e.to_string().contains("its `format` is \"kahoot\""), "{e}");
    let e = error_of("\"hello\"");
    assert!(e.to_string().contains("it holds a piece of text"), "{e}");
    let e = error_of("[1, 2]");
    assert_eq!(e.position(), Some(TextPosition { line: 1, column: 2 }));
    assert!(e.to_string().contains("invalid type: integer `1`"), "{e}");
}

#[test]
fn a_results_file_missing_a_field_says_which_and_where() {
    let mut value = serde_json::to_value(ResultsFile::new(
        "a".to_owned(),
        5,
        vec![session(1, "Ann", "planets", Some(2), &[("q1", 1.0, 1)])],
    ))
    .unwrap();
    value["sessions"][0]
        .as_object_mut()
        .unwrap()
        .remove("deck_id");
    let text = serde_json::to_string_pretty(&value).unwrap();
    let e = error_of(&text);
    assert!(
        matches!(e, ReadError::NotResults { at: Some(_), .. }),
        "{e:?}"
    );
    assert!(e.to_string().contains("missing field `deck_id`"), "{e}");
}

#[test]
fn a_newer_format_is_refused_clearly() {
    let e = error_of(
        "{\"format\": \"quizdesk-results\", \"format_version\": 2, \"sessions\": {\"new\": true}}",
    );
    assert_eq!(e, ReadError::NewerFormat { found: 2 });
    assert_eq!(
        e.located("x.json"),
        "x.json: this results file was written by a newer quizdesk (results format 2; this quizdesk reads format 1 and older): update quizdesk to read it"
    );
}

#[test]
fn an_empty_file_and_a_byte_order_mark() {
    assert_eq!(error_of(" \n "), ReadError::Empty);
    assert_eq!(error_of(""), ReadError::Empty);
    let bytes = serde_json::to_vec(&ResultsFile::new("a".to_owned(), 5, Vec::new())).unwrap();
    let with_bom = [b"\xEF\xBB\xBF".as_slice(), &bytes].concat();
    assert!(parse_results(&with_bom, "bom.json").is_ok());
}

#[test]
fn impossible_scores_are_left_out_with_a_warning() {
    let f = file(
        "f.json",
        "a",
        vec![session(
            1,
            "Ann",
            "planets",
            Some(2),
            &[("q1", 1.5, 1), ("q1", 1.0, 2), ("", 1.0, 3)],
        )],
    );
    assert_eq!(f.sessions[0].attempts.len(), 1);
    assert_eq!(f.warnings.len(), 2, "{:?}", f.warnings);
    assert!(f.warnings[0].starts_with("1 answer(s) with a score outside 0 to 1 were left out"));
    let t = table(&[f], TableDeck::MostSessions);
    assert!(
        t.notes()
            .iter()
            .any(|n| n.starts_with("f.json: 1 answer(s) with a score"))
    );
}
