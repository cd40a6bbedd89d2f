//! The normalization typed answers are compared under.
//!
//! It lives with the deck because validation needs it too: two accepted answers that normalize
//! to the same text are the same answer written twice.

use unicode_normalization::UnicodeNormalization as _;
use unicode_normalization::char::is_combining_mark;

/// Folds a typed answer for comparison: lowercase, accents removed ("Chávez" → "chavez"),
/// dashes and slashes read as spaces, other punctuation dropped ("R.L." → "rl"), and runs of
/// white space collapsed to one space, trimmed at both ends.
pub fn normalize_answer(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.nfkd().filter(|c| !is_combining_mark(*c)) {
        // A dash or slash joins words ("Felbab-Brown", "and/or"), so it counts as a space: the
        // answer typed without it must still match.
        if c.is_whitespace() || is_word_joiner(c) {
            pending_space = !out.is_empty();
        } else if c.is_alphanumeric() {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.extend(c.to_lowercase());
        }
        // Anything else is punctuation or a symbol, and is dropped.
    }
    out
}

fn is_word_joiner(c: char) -> bool {
    matches!(c, '-' | '/' | '\u{2010}'..='\u{2015}' | '\u{2212}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_answer_ignores_case_accents_punctuation_and_spacing() {
        assert_eq!(normalize_answer("  Eduardo   CHÁVEZ. "), "eduardo chavez");
        assert_eq!(normalize_answer("R.L. Turner"), "rl turner");
        assert_eq!(normalize_answer("López Obrador"), "lopez obrador");
        assert_eq!(normalize_answer("\t\n"), "");
    }

    #[test]
    fn dashes_and_slashes_separate_words() {
        assert_eq!(
            normalize_answer("Felbab-Brown"),
            normalize_answer("felbab brown")
        );
        assert_eq!(normalize_answer("Sinaloa–Jalisco"), "sinaloa jalisco");
        assert_eq!(normalize_answer("and/or"), "and or");
        assert_eq!(normalize_answer(" -x- "), "x");
    }

    #[test]
    fn digits_are_kept() {
        assert_eq!(normalize_answer("M30"), "m30");
        assert_eq!(normalize_answer("1,650"), "1650");
    }
}
