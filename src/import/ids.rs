//! Question ids for imported questions, made from their prompts.

use std::collections::{HashMap, HashSet};

use crate::deck::{MAX_ID_LEN, question_id_from_prompt};

/// Gives out question ids, each unique among those given out or reserved.
///
/// Ids are the ones [`question_id_from_prompt`] makes (as the editor does): the prompt's id, then
/// `-2`, `-3`, … when it is taken. This remembers the next number to try for each prompt's id,
/// so a file with a thousand rows of one prompt does not try 2, 3, … again for every row.
#[derive(Default)]
pub(super) struct Ids {
    taken: HashSet<String>,
    next_number: HashMap<String, u64>,
}

impl Ids {
    /// Reserves an id written in the file; false if it is already taken.
    pub(super) fn reserve(&mut self, id: &str) -> bool {
        self.taken.insert(id.to_owned())
    }

    /// A new id made from `prompt`.
    pub(super) fn make_from_prompt(&mut self, prompt: &str) -> String {
        let base = question_id_from_prompt(prompt, &HashSet::new());
        let mut id = base.clone();
        let mut number = self.next_number.get(&base).copied().unwrap_or(2);
        while self.taken.contains(&id) {
            id = format!("{base}-{number}");
            number += 1;
        }
        debug_assert!(id.len() <= MAX_ID_LEN, "made a too long id {id:?}");
        self.next_number.insert(base, number);
        self.taken.insert(id.clone());
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_the_editors_and_count_on_from_the_last_number_given() {
        let mut ids = Ids::default();
        assert!(ids.reserve("paris-3"));
        let made: Vec<String> = (0..4).map(|_| ids.make_from_prompt("Paris?")).collect();
        assert_eq!(made, ["paris", "paris-2", "paris-4", "paris-5"]);
        assert!(!ids.reserve("paris-5"));
        let prompt = "Qué es el fentanilo? ¿Y por qué es tan peligroso para los adolescentes?";
        assert_eq!(
            ids.make_from_prompt(prompt),
            question_id_from_prompt(prompt, &HashSet::new())
        );
    }

    #[test]
    fn made_ids_match_the_editors_when_some_are_taken() {
        let taken: HashSet<String> = ["sun", "sun-2", "moon"].map(String::from).into();
        let mut ids = Ids::default();
        for id in &taken {
            ids.reserve(id);
        }
        for prompt in ["Sun", "Moon", "Mars"] {
            assert_eq!(
                ids.make_from_prompt(prompt),
                question_id_from_prompt(prompt, &taken)
            );
        }
    }
}
