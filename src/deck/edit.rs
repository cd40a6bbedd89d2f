//! Editing a deck as written ([`raw`]): changing a question's answer to another kind, and a
//! new blank question. No UI here: the editor's forms call these, and they are tested on
//! their own.

use std::collections::HashSet;

pub use super::kind::AnswerKind;
use super::raw;
use super::write::question_id_from_prompt;

/// The texts an answer holds, right ones first, to carry over when its kind changes.
fn answer_texts(answer: &raw::Answer) -> (Vec<String>, Vec<String>) {
    match answer {
        raw::Answer::Flashcard { back } => (vec![back.clone()], Vec::new()),
        raw::Answer::SingleChoice { options, .. } | raw::Answer::MultiSelect { options, .. } => {
            let mut right = Vec::new();
            let mut wrong = Vec::new();
            for option in options {
                if option.is_correct() {
                    right.push(option.text().to_owned());
                } else {
                    wrong.push(option.text().to_owned());
                }
            }
            (right, wrong)
        }
        raw::Answer::TrueFalse { correct } => {
            let (right, wrong) = if *correct {
                ("True", "False")
            } else {
                ("False", "True")
            };
            (vec![right.to_owned()], vec![wrong.to_owned()])
        }
        raw::Answer::Numeric { accept, unit } => {
            let number = match accept {
                raw::Accept::Exact { value, .. } => *value,
                raw::Accept::Range { min, .. } => *min,
            };
            let text = match unit {
                Some(unit) => format!("{number} {unit}"),
                None => number.to_string(),
            };
            (vec![text], Vec::new())
        }
        raw::Answer::Text { accepted, .. } => (accepted.clone(), Vec::new()),
        raw::Answer::Order { items } => (items.clone(), Vec::new()),
        raw::Answer::Match { pairs } => (
            pairs.iter().map(|(l, r)| format!("{l} = {r}")).collect(),
            Vec::new(),
        ),
        // A poll's options are all equal: they carry over as right texts, in order.
        raw::Answer::Poll { options, .. } => (options.clone(), Vec::new()),
        raw::Answer::Words { .. } => (Vec::new(), Vec::new()),
    }
}

/// The answer as another kind, keeping what can be kept: option texts, accepted answers,
/// items, a number and its unit. Between the two choice kinds the options keep their order;
/// otherwise right texts come first. Kinds that need two entries (Order, Match) or a wrong
/// option (the choice kinds) get empty ones to fill in, so the form has a field for each.
///
/// Meant for a change of kind: asked for the answer's own kind, a choice answer comes back with
/// its right options first.
pub fn convert_answer(answer: &raw::Answer, kind: AnswerKind) -> raw::Answer {
    // Between the two choice kinds the options stay exactly as they are, in their order.
    match (answer, kind) {
        (
            raw::Answer::SingleChoice {
                options,
                keep_order,
            },
            AnswerKind::MultiSelect,
        ) => {
            return raw::Answer::MultiSelect {
                options: options.clone(),
                keep_order: *keep_order,
            };
        }
        (
            raw::Answer::MultiSelect {
                options,
                keep_order,
            },
            AnswerKind::SingleChoice,
        ) => {
            // One right option stays right; the others become wrong, in place.
            let mut seen_right = false;
            let options = options
                .iter()
                .map(|o| {
                    let right = o.is_correct() && !seen_right;
                    seen_right |= right;
                    raw::Choice::new(o.text().to_owned(), right, o.image().cloned())
                })
                .collect();
            return raw::Answer::SingleChoice {
                options,
                keep_order: *keep_order,
            };
        }
        _ => {}
    }
    let (right, wrong) = answer_texts(answer);
    let first = right.first().cloned().unwrap_or_default();
    let options = |single: bool| {
        let mut options: Vec<raw::Choice> = right
            .iter()
            .enumerate()
            .map(|(i, t)| {
                if single && i > 0 {
                    raw::Choice::Wrong(t.clone())
                } else {
                    raw::Choice::Correct(t.clone())
                }
            })
            .collect();
        options.extend(wrong.iter().cloned().map(raw::Choice::Wrong));
        if options.is_empty() {
            options.push(raw::Choice::Correct(String::new()));
        }
        if !options.iter().any(|o| !o.is_correct()) {
            options.push(raw::Choice::Wrong(String::new()));
        }
        options
    };
    match kind {
        AnswerKind::Flashcard => raw::Answer::Flashcard { back: first },
        AnswerKind::SingleChoice => raw::Answer::SingleChoice {
            options: options(true),
            keep_order: false,
        },
        AnswerKind::MultiSelect => raw::Answer::MultiSelect {
            options: options(false),
            keep_order: false,
        },
        AnswerKind::TrueFalse => raw::Answer::TrueFalse {
            correct: !first.eq_ignore_ascii_case("false"),
        },
        AnswerKind::Numeric => {
            // "900 people" keeps its number and its unit.
            let (number, unit) = first.trim().split_once(' ').unwrap_or((first.trim(), ""));
            raw::Answer::Numeric {
                accept: raw::Accept::Exact {
                    value: number.parse().unwrap_or(0.0),
                    tolerance: 0.0,
                },
                unit: (!unit.trim().is_empty()).then(|| unit.trim().to_owned()),
            }
        }
        AnswerKind::Text => raw::Answer::Text {
            accepted: if right.is_empty() {
                vec![String::new()]
            } else {
                right
            },
            exact: false,
        },
        AnswerKind::Order => {
            let mut items: Vec<String> = right.into_iter().chain(wrong).collect();
            items.resize(items.len().max(2), String::new());
            raw::Answer::Order { items }
        }
        AnswerKind::Match => {
            let mut pairs: Vec<(String, String)> = right
                .iter()
                .map(|t| match t.split_once(" = ") {
                    Some((l, r)) => (l.to_owned(), r.to_owned()),
                    None => (t.clone(), String::new()),
                })
                .collect();
            pairs.resize(pairs.len().max(2), (String::new(), String::new()));
            raw::Answer::Match { pairs }
        }
        AnswerKind::Poll => {
            // Every option a choice question had, right and wrong alike, in order.
            let mut options: Vec<String> = right.into_iter().chain(wrong).collect();
            options.resize(options.len().max(2), String::new());
            raw::Answer::Poll {
                options,
                multiple: matches!(answer, raw::Answer::MultiSelect { .. }),
            }
        }
        AnswerKind::Words => raw::Answer::Words { max_chars: None },
    }
}

/// A new, empty single-choice question (one right and one wrong option, both blank) with an id
/// not in `taken`, made from nothing yet; the editor makes the id from the prompt when the
/// prompt is first written.
pub fn new_question(taken: &HashSet<String>) -> raw::Question {
    raw::Question {
        id: question_id_from_prompt("", taken),
        prompt: String::new(),
        image: None,
        answer: convert_answer(
            &raw::Answer::Flashcard {
                back: String::new(),
            },
            AnswerKind::SingleChoice,
        ),
        explanation: None,
        source: None,
        tags: Vec::new(),
        time_limit_secs: None,
        notes: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::ANSWER_KINDS;

    fn choices(options: &[(&str, bool)]) -> Vec<raw::Choice> {
        options
            .iter()
            .map(|&(t, right)| {
                if right {
                    raw::Choice::Correct(t.to_owned())
                } else {
                    raw::Choice::Wrong(t.to_owned())
                }
            })
            .collect()
    }

    fn text(accepted: &[&str]) -> raw::Answer {
        raw::Answer::Text {
            accepted: accepted.iter().map(|&t| t.to_owned()).collect(),
            exact: false,
        }
    }

    fn strings(texts: &[&str]) -> Vec<String> {
        texts.iter().map(|&t| t.to_owned()).collect()
    }

    #[test]
    fn every_kind_converts_to_itself_in_the_format_order() {
        let start = raw::Answer::Flashcard {
            back: String::new(),
        };
        for (kind, name) in AnswerKind::ALL.into_iter().zip(ANSWER_KINDS) {
            let answer = convert_answer(&start, kind);
            assert_eq!(answer.kind(), kind);
            assert_eq!(answer.kind_name(), name);
            assert!(!kind.label().is_empty());
        }
    }

    #[test]
    fn changing_between_choice_kinds_keeps_options_in_order() {
        let single = raw::Answer::SingleChoice {
            options: choices(&[("A", false), ("All of the above", true)]),
            keep_order: true,
        };
        let multi = convert_answer(&single, AnswerKind::MultiSelect);
        assert_eq!(
            multi,
            raw::Answer::MultiSelect {
                options: choices(&[("A", false), ("All of the above", true)]),
                keep_order: true,
            }
        );
        let several = raw::Answer::MultiSelect {
            options: choices(&[("x", false), ("y", true), ("z", true)]),
            keep_order: false,
        };
        assert_eq!(
            convert_answer(&several, AnswerKind::SingleChoice),
            raw::Answer::SingleChoice {
                options: choices(&[("x", false), ("y", true), ("z", false)]),
                keep_order: false,
            }
        );
    }

    #[test]
    fn a_choice_question_becomes_a_poll_with_every_option_and_back() {
        let multi = raw::Answer::MultiSelect {
            options: choices(&[("x", true), ("y", false), ("z", true)]),
            keep_order: false,
        };
        let poll = convert_answer(&multi, AnswerKind::Poll);
        assert_eq!(
            poll,
            raw::Answer::Poll {
                options: vec!["x".to_owned(), "z".to_owned(), "y".to_owned()],
                multiple: true,
            }
        );
        // Back to a choice question: the options stay, the first is taken as right.
        assert_eq!(
            convert_answer(&poll, AnswerKind::SingleChoice),
            raw::Answer::SingleChoice {
                options: choices(&[("x", true), ("z", false), ("y", false)]),
                keep_order: false,
            }
        );
        // A new poll has two blank options to fill in; words need nothing.
        let empty = raw::Answer::Words { max_chars: None };
        assert_eq!(
            convert_answer(&empty, AnswerKind::Poll),
            raw::Answer::Poll {
                options: vec![String::new(), String::new()],
                multiple: false,
            }
        );
        assert_eq!(convert_answer(&poll, AnswerKind::Words), empty);
    }

    #[test]
    fn numbers_and_true_false_carry_over() {
        let numeric = raw::Answer::Numeric {
            accept: raw::Accept::Exact {
                value: 900.0,
                tolerance: 0.0,
            },
            unit: Some("people".to_owned()),
        };
        let typed = convert_answer(&numeric, AnswerKind::Text);
        assert_eq!(typed, text(&["900 people"]));
        assert_eq!(convert_answer(&typed, AnswerKind::Numeric), numeric);
        let tf = raw::Answer::TrueFalse { correct: false };
        let single = convert_answer(&tf, AnswerKind::SingleChoice);
        assert_eq!(
            single,
            raw::Answer::SingleChoice {
                options: choices(&[("False", true), ("True", false)]),
                keep_order: false,
            }
        );
        assert_eq!(convert_answer(&single, AnswerKind::TrueFalse), tf);
    }

    #[test]
    fn to_a_flashcard_the_first_right_text_is_the_back() {
        let multi = raw::Answer::MultiSelect {
            options: choices(&[("no", false), ("yes", true), ("also", true)]),
            keep_order: false,
        };
        assert_eq!(
            convert_answer(&multi, AnswerKind::Flashcard),
            raw::Answer::Flashcard {
                back: "yes".to_owned()
            }
        );
        let order = raw::Answer::Order { items: Vec::new() };
        assert_eq!(
            convert_answer(&order, AnswerKind::Flashcard),
            raw::Answer::Flashcard {
                back: String::new()
            }
        );
    }

    #[test]
    fn to_single_choice_only_the_first_right_text_stays_right() {
        assert_eq!(
            convert_answer(&text(&["Paris", "paris"]), AnswerKind::SingleChoice),
            raw::Answer::SingleChoice {
                options: choices(&[("Paris", true), ("paris", false)]),
                keep_order: false,
            }
        );
        let flashcard = raw::Answer::Flashcard {
            back: "Lima".to_owned(),
        };
        assert_eq!(
            convert_answer(&flashcard, AnswerKind::SingleChoice),
            raw::Answer::SingleChoice {
                options: choices(&[("Lima", true), ("", false)]),
                keep_order: false,
            }
        );
    }

    #[test]
    fn to_multi_select_every_right_text_stays_right() {
        let order = raw::Answer::Order {
            items: strings(&["one", "two"]),
        };
        assert_eq!(
            convert_answer(&order, AnswerKind::MultiSelect),
            raw::Answer::MultiSelect {
                options: choices(&[("one", true), ("two", true), ("", false)]),
                keep_order: false,
            }
        );
        let empty = text(&[]);
        assert_eq!(
            convert_answer(&empty, AnswerKind::MultiSelect),
            raw::Answer::MultiSelect {
                options: choices(&[("", true), ("", false)]),
                keep_order: false,
            }
        );
    }

    #[test]
    fn to_true_false_only_the_word_false_is_false() {
        for (first, correct) in [
            ("false", false),
            ("FALSE", false),
            ("True", true),
            ("", true),
        ] {
            assert_eq!(
                convert_answer(&text(&[first]), AnswerKind::TrueFalse),
                raw::Answer::TrueFalse { correct },
                "{first:?}"
            );
        }
    }

    #[test]
    fn to_a_number_the_first_word_is_the_number_and_the_rest_the_unit() {
        let number = |value: f64, unit: Option<&str>| raw::Answer::Numeric {
            accept: raw::Accept::Exact {
                value,
                tolerance: 0.0,
            },
            unit: unit.map(str::to_owned),
        };
        assert_eq!(
            convert_answer(&text(&[" 12.5 square km "]), AnswerKind::Numeric),
            number(12.5, Some("square km"))
        );
        assert_eq!(
            convert_answer(&text(&["many"]), AnswerKind::Numeric),
            number(0.0, None)
        );
        // A range keeps its lower end.
        let range = raw::Answer::Numeric {
            accept: raw::Accept::Range { min: 3.0, max: 5.0 },
            unit: None,
        };
        assert_eq!(convert_answer(&range, AnswerKind::Text), text(&["3"]));
    }

    #[test]
    fn to_text_every_right_text_is_accepted() {
        let single = raw::Answer::SingleChoice {
            options: choices(&[("Oslo", true), ("Bergen", false)]),
            keep_order: false,
        };
        assert_eq!(convert_answer(&single, AnswerKind::Text), text(&["Oslo"]));
        let order = raw::Answer::Order {
            items: strings(&["a", "b", "c"]),
        };
        assert_eq!(
            convert_answer(&order, AnswerKind::Text),
            text(&["a", "b", "c"])
        );
        // Nothing right to keep: one blank accepted answer to fill in.
        let blank = raw::Answer::Order { items: Vec::new() };
        assert_eq!(convert_answer(&blank, AnswerKind::Text), text(&[""]));
    }

    #[test]
    fn to_order_right_then_wrong_texts_at_least_two() {
        let single = raw::Answer::SingleChoice {
            options: choices(&[("wrong", false), ("right", true)]),
            keep_order: false,
        };
        assert_eq!(
            convert_answer(&single, AnswerKind::Order),
            raw::Answer::Order {
                items: strings(&["right", "wrong"])
            }
        );
        assert_eq!(
            convert_answer(&text(&["only"]), AnswerKind::Order),
            raw::Answer::Order {
                items: strings(&["only", ""])
            }
        );
    }

    #[test]
    fn to_match_and_back_pairs_are_written_left_equals_right() {
        let pairs = raw::Answer::Match {
            pairs: vec![
                ("H".to_owned(), "hydrogen".to_owned()),
                ("O".to_owned(), "oxygen".to_owned()),
            ],
        };
        let typed = convert_answer(&pairs, AnswerKind::Text);
        assert_eq!(typed, text(&["H = hydrogen", "O = oxygen"]));
        assert_eq!(convert_answer(&typed, AnswerKind::Match), pairs);
        // A text without " = " is a left item with its right one still to write.
        assert_eq!(
            convert_answer(&text(&["Fe"]), AnswerKind::Match),
            raw::Answer::Match {
                pairs: vec![
                    ("Fe".to_owned(), String::new()),
                    (String::new(), String::new())
                ],
            }
        );
    }

    #[test]
    fn a_new_question_is_a_blank_single_choice_with_a_free_id() {
        let mut taken = HashSet::new();
        let first = new_question(&taken);
        assert!(first.prompt.is_empty());
        assert_eq!(
            first.answer,
            raw::Answer::SingleChoice {
                options: choices(&[("", true), ("", false)]),
                keep_order: false,
            }
        );
        assert_eq!(
            (&first.explanation, &first.source, &first.tags),
            (&None, &None, &Vec::new())
        );
        assert!(crate::deck::is_valid_id(&first.id), "{}", first.id);
        taken.insert(first.id.clone());
        let second = new_question(&taken);
        assert_ne!(second.id, first.id);
    }
}
