//! Item-writing warnings: habits that make a question easier to guess than to answer.
//!
//! Unlike the rules in [`super::validate`], none of these stops a deck from loading; each is a
//! hint to the teacher, reported with the path of the value at fault like a broken rule, so it is
//! placed at a line and column (or beside a field in the editor) the same way. The thresholds
//! are documented in `docs/deck-format.md`, "Warnings".
//!
//! The checks work on the raw deck and never assume its rules hold, so they also run on a deck
//! that has errors (the checker reports both).

use std::collections::HashMap;

use super::normalize::normalize_answer;
use super::problem::Problem;
use super::raw;
use super::validate::Found;

/// The right option is "much longer" when it has more than this many times the characters of
/// the longest wrong option, expressed as a fraction (3/2 = 1.5 times)...
const LONGEST_RATIO: (usize, usize) = (3, 2);
/// ...and at least this many characters more, so that short options ("Mercury" against "Mars")
/// never warn.
const LONGEST_MIN_EXTRA: usize = 20;

/// A deck with at least this many true/false questions is checked for a lopsided key.
const TRUE_FALSE_MIN_QUESTIONS: usize = 6;
/// The key is lopsided when this percentage or more of the true/false answers are the same.
const TRUE_FALSE_LOPSIDED_PERCENT: usize = 85;

/// Options that point at the other options instead of being an answer, once normalized as typed
/// answers are (case, accents and punctuation ignored). Only phrases that name the options
/// ("above", "these", "the options"): "None of them" or "Both" can be a real answer to "how
/// many of the three...?" or "which of the two...?".
const ABOUT_THE_OTHERS: &[&str] = &[
    "all of the above",
    "all the above",
    "all above",
    "all of these",
    "all of the options",
    "all of the answers",
    "all of the above answers",
    "all of the above options",
    "all are correct",
    "all are true",
    "all of the above are correct",
    "all of the above are true",
    "all of the choices",
    "both of the above",
    "both of these",
    "none of the above",
    "none the above",
    "none above",
    "none of these",
    "none of the options",
    "none of the answers",
    "none of the above answers",
    "none of the above options",
    "none are correct",
    "none are true",
    "none of the above are correct",
    "none of the above are true",
    "none of the choices",
    "neither of the above",
    "neither of these",
];

/// Every warning about `deck`, each with the path of the value it is about.
pub(crate) fn lint(deck: &raw::Deck) -> Vec<Found> {
    let mut found = Vec::new();
    let mut prompts: HashMap<String, usize> = HashMap::new();
    for (i, question) in deck.questions.iter().enumerate() {
        let path = format!("questions[{i}]");
        let key = normalize_answer(&question.prompt);
        if !key.is_empty() {
            if let Some(&first) = prompts.get(&key) {
                found.push((
                    Problem::DuplicatePrompt {
                        first_question: first + 1,
                        first_line: 0,
                    },
                    format!("{path}.prompt"),
                ));
            } else {
                prompts.insert(key, i);
            }
        }
        let answer = format!("{path}.answer");
        match &question.answer {
            raw::Answer::SingleChoice { options, .. }
            | raw::Answer::MultiSelect { options, .. } => {
                choices(options, &answer, &mut found);
            }
            raw::Answer::Order { items } => {
                look_alike(
                    items.iter().map(String::as_str),
                    |j| format!("{answer}.items[{j}]"),
                    &mut found,
                );
            }
            raw::Answer::Poll { options, .. } => {
                look_alike(
                    options.iter().map(String::as_str),
                    |j| format!("{answer}.options[{j}]"),
                    &mut found,
                );
            }
            raw::Answer::Match { pairs } => {
                look_alike(
                    pairs.iter().map(|(left, _)| left.as_str()),
                    |j| format!("{answer}.pairs[{j}][0]"),
                    &mut found,
                );
                look_alike(
                    pairs.iter().map(|(_, right)| right.as_str()),
                    |j| format!("{answer}.pairs[{j}][1]"),
                    &mut found,
                );
            }
            raw::Answer::Flashcard { .. }
            | raw::Answer::TrueFalse { .. }
            | raw::Answer::Numeric { .. }
            | raw::Answer::Text { .. }
            | raw::Answer::Words { .. } => {}
        }
    }
    true_false_balance(&deck.questions, &mut found);
    found
}

/// The text of an option and whether it is right.
fn option(choice: &raw::Choice) -> (&str, bool) {
    match choice {
        raw::Choice::Correct(text)
        | raw::Choice::Picture {
            text,
            correct: true,
            ..
        } => (text, true),
        raw::Choice::Wrong(text)
        | raw::Choice::Picture {
            text,
            correct: false,
            ..
        } => (text, false),
    }
}

fn choices(options: &[raw::Choice], path: &str, found: &mut Vec<Found>) {
    for (j, choice) in options.iter().enumerate() {
        let (text, _) = option(choice);
        if ABOUT_THE_OTHERS.contains(&normalize_answer(text).as_str()) {
            found.push((
                Problem::AboutTheOtherOptions {
                    text: text.to_owned(),
                },
                format!("{path}.options[{j}]"),
            ));
        }
    }
    look_alike(
        options.iter().map(|c| option(c).0),
        |j| format!("{path}.options[{j}]"),
        found,
    );
    longest_is_right(options, path, found);
}

/// The right options (every one, for MultiSelect) are all much longer than every wrong one.
fn longest_is_right(options: &[raw::Choice], path: &str, found: &mut Vec<Found>) {
    let length = |text: &str| text.trim().chars().count();
    let mut shortest_right: Option<(usize, usize)> = None;
    let mut longest_wrong = None;
    for (j, choice) in options.iter().enumerate() {
        let (text, correct) = option(choice);
        let len = length(text);
        if correct {
            if shortest_right.is_none_or(|(_, best)| len < best) {
                shortest_right = Some((j, len));
            }
        } else {
            longest_wrong = Some(longest_wrong.map_or(len, |best: usize| best.max(len)));
        }
    }
    let (Some((j, right)), Some(wrong)) = (shortest_right, longest_wrong) else {
        return;
    };
    let (times, per) = LONGEST_RATIO;
    if right * per > wrong * times && right >= wrong + LONGEST_MIN_EXTRA {
        let several = options.iter().filter(|c| option(c).1).count() > 1;
        found.push((
            Problem::LongestOptionIsRight {
                right,
                wrong,
                several,
            },
            format!("{path}.options[{j}]"),
        ));
    }
}

/// Texts that differ as written but read the same once case, accents, punctuation and spacing
/// are ignored. Texts equal apart from case and spacing are errors already (validation reports
/// them), so they are left out here.
fn look_alike<'t>(
    items: impl Iterator<Item = &'t str>,
    path: impl Fn(usize) -> String,
    found: &mut Vec<Found>,
) {
    let mut seen: HashMap<String, &str> = HashMap::new();
    for (j, text) in items.enumerate() {
        let key = normalize_answer(text);
        if key.is_empty() {
            continue;
        }
        match seen.get(&key) {
            Some(first) if display_key(first) != display_key(text) => found.push((
                Problem::LookAlikeTexts {
                    text: text.to_owned(),
                    same_as: (*first).to_owned(),
                },
                path(j),
            )),
            Some(_) => {}
            None => {
                seen.insert(key, text);
            }
        }
    }
}

/// The key validation compares options under (case and spacing ignored).
fn display_key(text: &str) -> String {
    text.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Nearly every true/false statement has the same answer: the deck's, at its first true/false
/// question.
fn true_false_balance(questions: &[raw::Question], found: &mut Vec<Found>) {
    let keys: Vec<(usize, bool)> = questions
        .iter()
        .enumerate()
        .filter_map(|(i, q)| match q.answer {
            raw::Answer::TrueFalse { correct } => Some((i, correct)),
            _ => None,
        })
        .collect();
    let Some(&(first, _)) = keys.first() else {
        return;
    };
    let total = keys.len();
    let trues = keys.iter().filter(|(_, correct)| *correct).count();
    let (same, answer) = if trues * 2 >= total {
        (trues, true)
    } else {
        (total - trues, false)
    };
    if total >= TRUE_FALSE_MIN_QUESTIONS && same * 100 >= TRUE_FALSE_LOPSIDED_PERCENT * total {
        found.push((
            Problem::LopsidedTrueFalse {
                same,
                total,
                answer,
            },
            format!("questions[{first}].answer"),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn question(id: &str, prompt: &str, answer: raw::Answer) -> raw::Question {
        raw::Question {
            id: id.to_owned(),
            prompt: prompt.to_owned(),
            image: None,
            answer,
            explanation: None,
            source: None,
            tags: Vec::new(),
            time_limit_secs: None,
            notes: None,
        }
    }

    fn deck(questions: Vec<raw::Question>) -> raw::Deck {
        raw::Deck {
            id: "d".to_owned(),
            title: "D".to_owned(),
            description: String::new(),
            language: "en".to_owned(),
            authors: Vec::new(),
            version: 1,
            content_note: None,
            sources: Vec::new(),
            resources: Vec::new(),
            questions,
            sessions: Vec::new(),
        }
    }

    fn single(options: &[(&str, bool)]) -> raw::Answer {
        raw::Answer::SingleChoice {
            options: choice_list(options),
            keep_order: false,
        }
    }

    fn multi(options: &[(&str, bool)]) -> raw::Answer {
        raw::Answer::MultiSelect {
            options: choice_list(options),
            keep_order: false,
        }
    }

    fn choice_list(options: &[(&str, bool)]) -> Vec<raw::Choice> {
        options
            .iter()
            .map(|&(text, right)| {
                if right {
                    raw::Choice::Correct(text.to_owned())
                } else {
                    raw::Choice::Wrong(text.to_owned())
                }
            })
            .collect()
    }

    fn codes(answer: raw::Answer) -> Vec<(&'static str, String)> {
        lint(&deck(vec![question("q", "Which?", answer)]))
            .into_iter()
            .map(|(p, path)| (p.code(), path))
            .collect()
    }

    fn true_false(answers: &[bool]) -> raw::Deck {
        deck(
            answers
                .iter()
                .enumerate()
                .map(|(i, &correct)| {
                    question(
                        &format!("q{i}"),
                        &format!("Statement {i}."),
                        raw::Answer::TrueFalse { correct },
                    )
                })
                .collect(),
        )
    }

    #[test]
    fn a_right_option_much_longer_than_every_wrong_one_warns() {
        let long = "Because it is about fifty times stronger than heroin";
        assert_eq!(
            codes(single(&[(long, true), ("Heroin", false), ("Cost", false)])),
            [(
                "longest-option-right",
                "questions[0].answer.options[0]".to_owned()
            )]
        );
        let Some((Problem::LongestOptionIsRight { right, wrong, .. }, _)) =
            lint(&deck(vec![question(
                "q",
                "Why?",
                single(&[("Cost", false), (long, true)]),
            )]))
            .into_iter()
            .next()
        else {
            panic!("a warning");
        };
        assert_eq!((right, wrong), (long.chars().count(), 4));
    }

    #[test]
    fn options_of_similar_length_or_short_ones_do_not_warn() {
        // 1.5 times as long, but only a few characters more.
        assert!(codes(single(&[("Mercury", true), ("Mars", false)])).is_empty());
        // Many characters more, but a long wrong option too.
        let right = "About fifty times stronger than heroin, by weight";
        let wrong = "About as strong as heroin, though sold far cheaper";
        assert!(codes(single(&[(right, true), (wrong, false)])).is_empty());
        // Characters, not bytes: accented text is not counted twice.
        assert!(codes(single(&[(&"é".repeat(30), true), (&"e".repeat(20), false)])).is_empty());
    }

    #[test]
    fn multi_select_warns_only_when_every_right_option_is_much_longer() {
        let long_a = "Because dealers advertise openly with emoji codes";
        let long_b = "Because payment apps make the sale quick and hidden";
        assert_eq!(
            codes(multi(&[(long_a, true), (long_b, true), ("Taxes", false)])),
            [(
                "longest-option-right",
                "questions[0].answer.options[0]".to_owned()
            )]
        );
        assert!(codes(multi(&[(long_a, true), ("Ads", true), ("Taxes", false)])).is_empty());
    }

    #[test]
    fn all_or_none_of_the_above_warns_in_any_case_and_punctuation() {
        for text in [
            "All of the above",
            "all of the above.",
            "NONE OF THE ABOVE!",
            "None of these",
            "  All the above ",
            "Neither of these",
        ] {
            assert_eq!(
                codes(single(&[("Paris", true), ("Rome", false), (text, false)])),
                [(
                    "all-of-the-above",
                    "questions[0].answer.options[2]".to_owned()
                )],
                "{text}"
            );
        }
        // A count or a pair can be the real answer.
        assert!(
            codes(single(&[
                ("None of them", true),
                ("Two", false),
                ("Both", false)
            ]))
            .is_empty()
        );
        assert!(
            codes(multi(&[
                ("All of the students", true),
                ("None of the teachers", false),
                ("Above the clouds", false),
            ]))
            .is_empty()
        );
    }

    #[test]
    fn options_that_differ_only_in_punctuation_or_accents_warn() {
        assert_eq!(
            codes(single(&[
                ("Chávez", true),
                ("Chavez.", false),
                ("Rome", false)
            ])),
            [(
                "look-alike-texts",
                "questions[0].answer.options[1]".to_owned()
            )]
        );
        assert_eq!(
            codes(multi(&[("U.S.", true), ("Mexico", false), ("US", true)])),
            [(
                "look-alike-texts",
                "questions[0].answer.options[2]".to_owned()
            )]
        );
        // The same apart from case and spacing is an error already, not also a warning.
        assert!(codes(single(&[("Paris", true), (" paris", false)])).is_empty());
        assert!(codes(single(&[("3.5", true), ("35", false)])).is_empty());
    }

    #[test]
    fn order_and_match_items_that_look_alike_warn() {
        assert_eq!(
            codes(raw::Answer::Order {
                items: vec!["Step one".to_owned(), "Step-one".to_owned()],
            }),
            [(
                "look-alike-texts",
                "questions[0].answer.items[1]".to_owned()
            )]
        );
        assert_eq!(
            codes(raw::Answer::Match {
                pairs: vec![
                    ("Mars".to_owned(), "Red.".to_owned()),
                    ("Venus".to_owned(), "red".to_owned()),
                ],
            }),
            [(
                "look-alike-texts",
                "questions[0].answer.pairs[1][1]".to_owned()
            )]
        );
    }

    #[test]
    fn a_prompt_asked_twice_warns_at_the_second() {
        let found = lint(&deck(vec![
            question(
                "a",
                "What is fentanyl?",
                single(&[("x", true), ("y", false)]),
            ),
            question("b", "Who sells it?", single(&[("x", true), ("y", false)])),
            question(
                "c",
                "what is  FENTANYL",
                single(&[("x", true), ("y", false)]),
            ),
        ]));
        assert_eq!(
            found,
            [(
                Problem::DuplicatePrompt {
                    first_question: 1,
                    first_line: 0
                },
                "questions[2].prompt".to_owned()
            )]
        );
    }

    #[test]
    fn a_lopsided_true_false_key_warns_at_the_first_true_false_question() {
        let mostly_true = [true, true, true, true, true, true, false];
        assert_eq!(
            lint(&true_false(&mostly_true)),
            [(
                Problem::LopsidedTrueFalse {
                    same: 6,
                    total: 7,
                    answer: true
                },
                "questions[0].answer".to_owned()
            )]
        );
        let all_false = [false; 6];
        assert_eq!(lint(&true_false(&all_false)).len(), 1);
    }

    #[test]
    fn a_balanced_or_short_true_false_set_does_not_warn() {
        // 5 of 7 (71%) is not lopsided, and 5 all-true statements are too few to tell.
        assert!(lint(&true_false(&[true, true, true, true, true, false, false])).is_empty());
        assert!(lint(&true_false(&[true; 5])).is_empty());
    }
}
