//! Property tests: whatever bytes the loader is given, it returns a deck or positioned errors,
//! and never panics.

use std::path::Path;

use proptest::prelude::*;
use quizdesk::deck::{DeckError, parse_deck};

const BUNDLED: &[u8] = include_bytes!("../decks/fentanyl-social-media.ron");

/// Asserts the result is a deck, or errors whose positions lie inside the text, and that the
/// report renders.
fn check_outcome(bytes: &[u8]) {
    match parse_deck(bytes, Path::new("fuzz.ron")) {
        Ok(deck) => assert!(!deck.questions().is_empty()),
        Err(DeckError(report)) => {
            assert!(
                !report.diagnostics.is_empty(),
                "an error without a diagnostic"
            );
            let lines = String::from_utf8_lossy(bytes).split('\n').count();
            for d in &report.diagnostics {
                assert!(d.span.start.line >= 1 && d.span.start.column >= 1, "{d:?}");
                assert!(
                    d.span.start.line <= lines,
                    "{d:?} is past the last line {lines}"
                );
                assert!(!d.message().is_empty());
            }
            let rendered = report.render();
            assert!(rendered.starts_with("fuzz.ron:"), "{rendered}");
        }
    }
    // With the item-writing warnings too: the same verdict, and every warning renders.
    match quizdesk::deck::parse_deck_checked(bytes, Path::new("fuzz.ron")) {
        Ok((_, warnings)) => {
            assert!(parse_deck(bytes, Path::new("fuzz.ron")).is_ok());
            let _ = warnings.render();
        }
        Err(DeckError(report)) => {
            assert!(parse_deck(bytes, Path::new("fuzz.ron")).is_err());
            let _ = report.render();
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        check_outcome(&bytes);
    }

    #[test]
    fn arbitrary_text_never_panics(text in "[ -~\n\t()\\[\\]\":,é]{0,512}") {
        check_outcome(text.as_bytes());
    }

    #[test]
    fn truncated_bundled_deck_never_panics(cut in 0..BUNDLED.len()) {
        check_outcome(&BUNDLED[..cut]);
    }

    #[test]
    fn edited_bundled_deck_never_panics(
        edits in proptest::collection::vec((0..BUNDLED.len(), any::<u8>(), 0u8..3), 1..8)
    ) {
        let mut bytes = BUNDLED.to_vec();
        for (at, byte, how) in edits {
            let at = at.min(bytes.len().saturating_sub(1));
            match how {
                0 => bytes[at] = byte,
                1 => bytes.insert(at, byte),
                _ => {
                    bytes.remove(at);
                }
            }
        }
        check_outcome(&bytes);
    }

    #[test]
    fn structural_characters_spliced_into_the_bundled_deck_never_panic(
        at in 0..BUNDLED.len(),
        piece in prop::sample::select(vec!["(", ")", "[", "]", "\"", ",", ":", "//", "/*", "Some(", "r#\"", "\\", "\u{FEFF}", "\u{0}"])
    ) {
        let mut bytes = BUNDLED.to_vec();
        bytes.splice(at..at, piece.bytes());
        check_outcome(&bytes);
    }
}

#[test]
fn bundled_deck_loads() {
    check_outcome(BUNDLED);
    assert!(parse_deck(BUNDLED, Path::new("fuzz.ron")).is_ok());
}
