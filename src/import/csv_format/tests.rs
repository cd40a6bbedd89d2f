use super::cells::{escape, join_list, split_list};
use super::read::{read_numeric, read_pairs};
use super::{csv, to_csv};
use crate::deck::{self, raw};
use crate::import::ImportOptions;

#[test]
fn an_exported_deck_with_formula_like_text_is_guarded_and_imports_back_the_same() {
    let sample = include_str!("../../../decks/sample-every-kind.ron")
        .replacen(
            "Which is the largest planet in the solar system?",
            "=HYPERLINK(\\\"x\\\") is not a planet; which is the largest?",
            1,
        )
        .replacen("\"Venus\"", "\"-2+3 Venus\"", 1)
        .replacen("\"Mercury\"", "\"'@Mercury\"", 1)
        .replacen("\"He\"", "\"'He\"", 1);
    let deck = deck::parse_deck(sample.as_bytes(), std::path::Path::new("s.ron"))
        .unwrap_or_else(|e| panic!("{}", e.report().render()));
    let text = to_csv(&deck);
    assert!(text.contains("\"'=HYPERLINK("), "{text}");
    let options = ImportOptions {
        deck_id: "sample-every-kind".to_owned(),
        title: "t".to_owned(),
        language: "en".to_owned(),
        as_choice: false,
        seed: 1,
    };
    let imported = csv(&text, &options).unwrap_or_else(|e| panic!("{e}"));
    assert!(imported.skipped.is_empty(), "{:?}", imported.skipped);
    let original = deck::from_validated(&deck);
    assert_eq!(imported.deck.questions.len(), original.questions.len());
    for (back, original) in imported.deck.questions.iter().zip(&original.questions) {
        assert_eq!(back.prompt, original.prompt);
        assert_eq!(back.answer, original.answer);
        assert_eq!(back.explanation, original.explanation);
    }
}

#[test]
fn list_values_round_trip_through_escaping() {
    let values = ["a|b", "c\\", "d\\|e", "x=y", "back\\slash", "\\=", "plain"];
    let cell = join_list(values);
    assert_eq!(split_list(&cell), values);
    let pairs: Vec<(String, String)> = vec![
        ("E=mc²".into(), "Einstein | 1905".into()),
        ("a\\".into(), "=b".into()),
    ];
    let cell = pairs
        .iter()
        .map(|(l, r)| format!("{}={}", escape(l, true), escape(r, true)))
        .collect::<Vec<_>>()
        .join("|");
    assert_eq!(read_pairs(&cell), Ok(pairs));
}

#[test]
fn a_lone_backslash_is_kept() {
    assert_eq!(split_list(r"C:\Decks | D:\x"), [r"C:\Decks", r"D:\x"]);
}

#[test]
fn numbers_tolerances_ranges_and_units() {
    let exact = |value, tolerance| raw::Accept::Exact { value, tolerance };
    let cases = [
        ("900", exact(900.0, 0.0), None),
        ("900±50", exact(900.0, 50.0), None),
        ("900 +- 50 m", exact(900.0, 50.0), Some("m")),
        ("-40", exact(-40.0, 0.0), None),
        ("8.3±0.5 minutes", exact(8.3, 0.5), Some("minutes")),
        (
            "50..100",
            raw::Accept::Range {
                min: 50.0,
                max: 100.0,
            },
            None,
        ),
        (
            "-5 .. -1.5 °C",
            raw::Accept::Range {
                min: -5.0,
                max: -1.5,
            },
            Some("°C"),
        ),
        (
            "145..155 million km",
            raw::Accept::Range {
                min: 145.0,
                max: 155.0,
            },
            Some("million km"),
        ),
    ];
    for (cell, accept, unit) in cases {
        assert_eq!(
            read_numeric(cell),
            Ok(raw::Answer::Numeric {
                accept,
                unit: unit.map(str::to_owned)
            }),
            "{cell}"
        );
    }
    for cell in [
        "", "km", "900km", "8,3", "1,000", "5 - 10", "1e5", "50..", "±5", "NaN", "inf",
    ] {
        assert!(read_numeric(cell).is_err(), "{cell}");
    }
}
