//! The normalization typed answers are compared under.
//!
//! It lives with the deck because validation needs it too: two accepted answers that normalize
//! to the same text are the same answer written twice.

use unicode_normalization::UnicodeNormalization as _;

/// Folds a typed answer for comparison: lowercase, Latin accents removed ("Chávez" → "chavez"),
/// dashes and slashes read as spaces, punctuation dropped ("R.L." → "rl", "1,650" → "1650"),
/// and runs of white space collapsed to one space, trimmed at both ends.
///
/// Symbols that change meaning are kept ("C++" is not "C"), and so is a decimal point between
/// digits ("3.5" is not "35").
pub fn normalize_answer(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    // Only the combining diacritics used by Latin, Greek and Cyrillic accents are dropped:
    // other scripts' marks (such as Japanese voicing marks) change the letter.
    let chars: Vec<char> = text
        .nfkd()
        .filter(|c| !('\u{0300}'..='\u{036F}').contains(c))
        .collect();
    for (i, &c) in chars.iter().enumerate() {
        // A dash or slash joins words ("Felbab-Brown", "and/or"), so it counts as a space: the
        // answer typed without it must still match.
        if c.is_whitespace() || is_word_joiner(c) {
            pending_space = !out.is_empty();
            continue;
        }
        let between_digits = || {
            i > 0
                && chars[i - 1].is_ascii_digit()
                && chars.get(i + 1).is_some_and(char::is_ascii_digit)
        };
        let keep = c.is_alphanumeric()
            || (c == '.' && between_digits())
            || !(c.is_ascii_punctuation() || is_typographic_punctuation(c))
            || "+#%$&@=<>*^~|".contains(c);
        if !keep {
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        if c == 'ß' {
            out.push_str("ss");
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

fn is_word_joiner(c: char) -> bool {
    matches!(c, '-' | '/' | '\u{2010}'..='\u{2015}' | '\u{2212}')
}

/// Quotes, ellipses and inverted marks that typing on different keyboards produces.
fn is_typographic_punctuation(c: char) -> bool {
    matches!(
        c,
        '\u{2018}'
            ..='\u{201F}'
                | '\u{2026}'
                | '\u{00A1}'
                | '\u{00BF}'
                | '\u{00AB}'
                | '\u{00BB}'
                | '\u{00B7}'
    )
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
    fn meaningful_symbols_and_decimal_points_are_kept() {
        assert_eq!(normalize_answer("C++"), "c++");
        assert_ne!(normalize_answer("C++"), normalize_answer("C"));
        assert_eq!(normalize_answer("3.5"), "3.5");
        assert_eq!(normalize_answer("“Yuh.”"), "yuh");
        assert_eq!(normalize_answer("Straße"), "strasse");
        assert_ne!(normalize_answer("が"), normalize_answer("か"));
    }

    #[test]
    fn digits_are_kept() {
        assert_eq!(normalize_answer("M30"), "m30");
        assert_eq!(normalize_answer("1,650"), "1650");
    }
}
