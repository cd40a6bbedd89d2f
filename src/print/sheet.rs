//! What is printed: a deck turned into versions of numbered questions with lettered options,
//! each version shuffled from one seed, with the answers for the key, and the cards and
//! resources. Plain data, handed to the typesetter as JSON.

use std::collections::BTreeMap;

use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

use super::PrintKind;
use crate::deck::{Answer, Deck, Picture, Question, images::ImageFormat};
use crate::quiz::correct_answer_text;

/// The most versions of a worksheet (A to Z).
pub const MAX_VERSIONS: u32 = 26;

/// Everything one PDF shows.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PrintSheet {
    /// What is printed.
    pub kind: PrintKind,
    /// The deck's title.
    pub title: String,
    /// The deck's language tag, for hyphenation and quotes.
    pub language: String,
    /// The seed the versions were shuffled with, printed so the same sheets can be made again.
    pub seed: u64,
    /// The versions (worksheet and key): A, B, C…
    pub versions: Vec<Version>,
    /// The flashcards, in the deck's order: front and back.
    pub cards: Vec<(String, String)>,
    /// The deck's resources (handout): title, text and link.
    pub resources: Vec<(String, String, String)>,
    /// The deck's description (handout).
    pub description: String,
}

/// One version of the questions.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Version {
    /// A, B, C…
    pub letter: String,
    /// In this version's order.
    pub questions: Vec<PrintedQuestion>,
}

/// A question as printed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PrintedQuestion {
    /// Its number in the version, from 1.
    pub number: usize,
    /// The deck's id of the question.
    pub id: String,
    /// The question.
    pub prompt: String,
    /// How it is answered on paper: `options` (tick one), `several` (tick all that apply),
    /// `order` (number the items), `match` (pair two columns), `lines` (write the answer).
    pub layout: &'static str,
    /// The options, items or left column, in this version's order.
    pub options: Vec<String>,
    /// The right column of a match question, in this version's order.
    pub matches: Vec<String>,
    /// The answer for the key: the right letters and texts, or the answer written out.
    pub answer: String,
    /// The explanation, for the key.
    pub explanation: Option<String>,
    /// Where the fact comes from, for the key ("Title, paragraph 12").
    pub source: Option<String>,
    /// The picture, as a file the typesetter is handed (empty when it could not be read: the
    /// alt text is printed instead), and its alt text.
    pub image: Option<(String, String)>,
    /// The options' pictures, as `image`, in the options' order (empty when none has one).
    pub option_images: Vec<Option<(String, String)>>,
    /// A hint under the prompt, such as "Tick all that apply".
    pub hint: Option<String>,
}

/// The letter of version `n` (from 0): A, B, C…
pub fn version_letter(n: usize) -> String {
    u8::try_from(n)
        .ok()
        .filter(|n| *n < 26)
        .map_or_else(|| (n + 1).to_string(), |n| char::from(b'A' + n).to_string())
}

/// The letter of option `n` (from 0) on paper: a, b, c…
fn option_letter(n: usize) -> String {
    version_letter(n).to_lowercase()
}

impl PrintSheet {
    /// What `deck` prints as `kind`: `versions` versions (1 to [`MAX_VERSIONS`]) shuffled from
    /// `seed`. `picture` gives a picture's bytes; a picture it cannot give prints as its alt
    /// text. Also gives the files the typesetter needs (the pictures), by name.
    pub fn new(
        deck: &Deck,
        kind: PrintKind,
        (versions, seed): (u32, u64),
        picture: &dyn Fn(&Picture) -> Option<Vec<u8>>,
    ) -> (Self, BTreeMap<String, Vec<u8>>) {
        let mut files = BTreeMap::new();
        let mut picture_file = |key: String, p: &Picture| -> Option<(String, String)> {
            let format = ImageFormat::of(&p.file)?;
            let extension = match format {
                ImageFormat::Png => "png",
                ImageFormat::Jpeg => "jpg",
                ImageFormat::Webp => "webp",
                ImageFormat::Svg => "svg",
            };
            let name = format!("pictures/{key}.{extension}");
            if !files.contains_key(&name) {
                match picture(p) {
                    Some(bytes) => files.insert(name.clone(), bytes),
                    // Printed as its alt text.
                    None => return Some((String::new(), p.alt.clone())),
                };
            }
            Some((name, p.alt.clone()))
        };
        let count = versions.clamp(1, MAX_VERSIONS);
        let versions = if matches!(kind, PrintKind::Worksheet | PrintKind::Key) {
            (0..count)
                .map(|v| {
                    let mut rng = ChaCha8Rng::seed_from_u64(seed.wrapping_add(u64::from(v)));
                    let mut order: Vec<usize> = (0..deck.questions().len()).collect();
                    order.shuffle(&mut rng);
                    let questions = order
                        .iter()
                        .enumerate()
                        .map(|(k, &i)| {
                            let q = &deck.questions()[i];
                            let mut q_picture =
                                |key: &str, p: &Picture| picture_file(format!("{i}{key}"), p);
                            printed(deck, q, k + 1, &mut q_picture, &mut rng)
                        })
                        .collect();
                    Version {
                        letter: version_letter(v as usize),
                        questions,
                    }
                })
                .collect()
        } else {
            Vec::new()
        };
        let cards = if kind == PrintKind::Cards {
            deck.questions()
                .iter()
                .filter(|q| q.answer.is_scored())
                .map(|q| (q.prompt.clone(), correct_answer_text(&q.answer)))
                .collect()
        } else {
            Vec::new()
        };
        let sheet = Self {
            kind,
            title: deck.title().to_owned(),
            language: deck.language().to_owned(),
            seed,
            versions,
            cards,
            resources: deck
                .resources()
                .iter()
                .map(|r| {
                    (
                        r.title.clone(),
                        r.body.clone(),
                        r.url.clone().unwrap_or_default(),
                    )
                })
                .collect(),
            description: deck.description().to_owned(),
        };
        (sheet, files)
    }
}

/// Names a picture of a question (by a key: "" for the prompt's, "-J" for option J's) for the
/// typesetter, and gives its (file, alt text).
type PictureFile<'a> = dyn FnMut(&str, &Picture) -> Option<(String, String)> + 'a;

/// Question `q` as number `number` of a version, its options shuffled by `rng` (unless kept in
/// order).
fn printed(
    deck: &Deck,
    q: &Question,
    number: usize,
    picture_file: &mut PictureFile<'_>,
    rng: &mut ChaCha8Rng,
) -> PrintedQuestion {
    let image = q.image.as_ref().and_then(|p| picture_file("", p));
    let mut option_images = Vec::new();
    let mut matches = Vec::new();
    let mut hint = None;
    let (layout, options, answer) = match &q.answer {
        Answer::SingleChoice {
            options,
            keep_order,
        }
        | Answer::MultiSelect {
            options,
            keep_order,
        } => {
            let mut order: Vec<usize> = (0..options.len()).collect();
            if !keep_order {
                order.shuffle(rng);
            }
            let shown: Vec<String> = order.iter().map(|&i| options[i].text.clone()).collect();
            option_images = order
                .iter()
                .map(|&i| {
                    let p = options[i].image.as_ref()?;
                    picture_file(&format!("-{i}"), p)
                })
                .collect();
            let right: Vec<String> = order
                .iter()
                .enumerate()
                .filter(|(_, i)| options[**i].correct)
                .map(|(k, i)| format!("{}) {}", option_letter(k), options[*i].text))
                .collect();
            let several = matches!(q.answer, Answer::MultiSelect { .. });
            if several {
                hint = Some("Tick all that apply.".to_owned());
            }
            let layout = if several { "several" } else { "options" };
            (layout, shown, right.join("; "))
        }
        Answer::TrueFalse { correct } => (
            "options",
            vec!["True".to_owned(), "False".to_owned()],
            if *correct { "a) True" } else { "b) False" }.to_owned(),
        ),
        Answer::Poll { options, multiple } => {
            hint = Some(if *multiple {
                "There is no right answer: tick all that fit what you think.".to_owned()
            } else {
                "There is no right answer: tick what you think.".to_owned()
            });
            (
                if *multiple { "several" } else { "options" },
                options.clone(),
                "No right answer: a poll.".to_owned(),
            )
        }
        Answer::Order { items } => {
            let mut shown = items.clone();
            shown.shuffle(rng);
            hint = Some("Number the items in the right order.".to_owned());
            ("order", shown, correct_answer_text(&q.answer))
        }
        Answer::Match { pairs } => {
            let mut left: Vec<String> = pairs.iter().map(|p| p.left.clone()).collect();
            let mut right: Vec<String> = pairs.iter().map(|p| p.right.clone()).collect();
            left.shuffle(rng);
            right.shuffle(rng);
            let answer = left
                .iter()
                .enumerate()
                .filter_map(|(k, l)| {
                    let pair = pairs.iter().find(|p| &p.left == l)?;
                    let r = right.iter().position(|x| *x == pair.right)?;
                    Some(format!("{} – {}", k + 1, option_letter(r)))
                })
                .collect::<Vec<_>>()
                .join(", ");
            matches = right;
            hint = Some("Write the letter of the match beside each number.".to_owned());
            ("match", left, answer)
        }
        Answer::Words { .. } => {
            hint = Some("There is no right answer: a few words.".to_owned());
            ("lines", Vec::new(), "No right answer.".to_owned())
        }
        Answer::Flashcard { .. } | Answer::Numeric { .. } | Answer::Text { .. } => {
            ("lines", Vec::new(), correct_answer_text(&q.answer))
        }
    };
    PrintedQuestion {
        number,
        id: q.id.to_string(),
        prompt: q.prompt.clone(),
        layout,
        options,
        matches,
        answer,
        explanation: q.explanation.clone(),
        source: q.source.as_ref().map(|c| {
            let title = deck
                .source(&c.source)
                .map_or_else(|| c.source.to_string(), |s| s.title.clone());
            format!("{title}, {}", c.locator)
        }),
        image,
        option_images,
        hint,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Deck {
        crate::deck::bundled_deck("sample-every-kind").unwrap_or_else(|| unreachable!())
    }

    #[test]
    fn versions_are_shuffled_from_the_seed_and_the_same_seed_gives_the_same_sheets() {
        let deck = sample();
        let none = |_: &Picture| None;
        let (a, _) = PrintSheet::new(&deck, PrintKind::Worksheet, (3, 42), &none);
        let (b, _) = PrintSheet::new(&deck, PrintKind::Worksheet, (3, 42), &none);
        assert_eq!(a, b);
        let letters: Vec<&str> = a.versions.iter().map(|v| v.letter.as_str()).collect();
        assert_eq!(letters, ["A", "B", "C"]);
        let ids = |v: &Version| v.questions.iter().map(|q| q.id.clone()).collect::<Vec<_>>();
        assert_ne!(ids(&a.versions[0]), ids(&a.versions[1]));
        let (other, _) = PrintSheet::new(&deck, PrintKind::Worksheet, (1, 43), &none);
        assert_ne!(ids(&other.versions[0]), ids(&a.versions[0]));
        // Every question is in every version, once.
        for v in &a.versions {
            let mut got = ids(v);
            got.sort();
            let mut all: Vec<String> = deck.questions().iter().map(|q| q.id.to_string()).collect();
            all.sort();
            assert_eq!(got, all);
        }
    }

    #[test]
    fn the_key_names_the_right_letter_of_the_versions_own_order() {
        let deck = sample();
        let (sheet, _) = PrintSheet::new(&deck, PrintKind::Key, (2, 7), &|_| None);
        for version in &sheet.versions {
            for q in version.questions.iter().filter(|q| q.layout == "options") {
                let original = deck
                    .questions()
                    .iter()
                    .find(|d| d.id.as_str() == q.id)
                    .unwrap_or_else(|| unreachable!());
                if let Answer::SingleChoice { options, .. } = &original.answer {
                    let right = options.iter().find(|o| o.correct).map(|o| o.text.clone());
                    let k = q.options.iter().position(|o| Some(o) == right.as_ref());
                    let k = k.unwrap_or_else(|| unreachable!());
                    assert!(
                        q.answer.starts_with(&format!("{}) ", option_letter(k))),
                        "{q:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn letters_run_a_to_z() {
        assert_eq!(version_letter(0), "A");
        assert_eq!(version_letter(25), "Z");
        assert_eq!(option_letter(2), "c");
    }
}
