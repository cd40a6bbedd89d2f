//! "Did you mean ...?": the allowed name closest to a misspelt one.
//!
//! A leaf of `deck`: both the RON error messages (`syntax`) and the deck's own problems
//! (`problem`) suggest names with it, and neither should have to reach into the other for it.

/// The allowed name closest to `found`, if any is close enough to be a likely typo.
pub(crate) fn closest<'a>(found: &str, allowed: &[&'a str]) -> Option<&'a str> {
    let found_lower = found.to_lowercase();
    allowed
        .iter()
        .map(|&name| (edit_distance(&found_lower, &name.to_lowercase()), name))
        .filter(|&(distance, name)| {
            distance <= (name.chars().count().max(found.chars().count()) / 3).max(1)
        })
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, name)| name)
}

/// Edit distance between two strings, in characters: insertions, deletions, substitutions and
/// swaps of two neighbours ("titel" → "title") each count one.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // Three rows of the optimal-string-alignment table: two back, one back, and this one.
    let mut before_previous = vec![0; b.len() + 1];
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        current[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (previous[j - 1] + cost)
                .min(previous[j] + 1)
                .min(current[j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(before_previous[j - 2] + 1);
            }
            current[j] = best;
        }
        std::mem::swap(&mut before_previous, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_finds_typos_and_ignores_unrelated_names() {
        let fields = ["id", "prompt", "answer", "explanation", "time_limit_secs"];
        assert_eq!(closest("promt", &fields), Some("prompt"));
        assert_eq!(closest("Explanation", &fields), Some("explanation"));
        assert_eq!(closest("colour", &fields), None);
        assert_eq!(
            closest("SingleChoise", &["SingleChoice", "Text"]),
            Some("SingleChoice")
        );
    }

    #[test]
    fn edit_distance_counts_characters() {
        assert_eq!(edit_distance("chávez", "chavez"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("titel", "title"), 1);
        assert_eq!(edit_distance("ab", "ba"), 1);
    }
}
