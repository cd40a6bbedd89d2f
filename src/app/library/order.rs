//! Which library decks are shown, and in what order: the search box's words, the sort the
//! learner chose, and the decks that need the learner today (cards due, a quiz left half-way)
//! above the rest. Pure: the screen asks for the order each frame, so it is cheap (the folded
//! texts are made once per deck, when the deck is read).

use serde::{Deserialize, Serialize};

use crate::deck::{Deck, normalize_answer};

use super::LibraryEntry;

/// How the library sorts its decks (after the ones that need the learner today).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum LibrarySort {
    /// By title, A to Z.
    #[default]
    Title,
    /// The deck studied most recently first; decks never studied last.
    LastStudied,
    /// The most flashcards due today first.
    Due,
}

impl LibrarySort {
    /// Every sort, in the order the menu lists them.
    pub const ALL: [Self; 3] = [Self::Title, Self::LastStudied, Self::Due];

    /// The name the menu shows.
    pub fn label(self) -> &'static str {
        match self {
            Self::Title => "Title",
            Self::LastStudied => "Last studied",
            Self::Due => "Cards due",
        }
    }
}

/// What a deck is found by, folded once when the deck is read: its title, description, its
/// questions' tags and its file's name.
#[derive(Clone, Debug, Default)]
pub(crate) struct SearchKey {
    /// Every searchable text, folded and joined by spaces.
    text: String,
    /// The title alone, folded, to sort by.
    title: String,
}

impl SearchKey {
    /// The key of a deck read from `path` (`None` when it did not load: only the file's name
    /// is searched then).
    pub(crate) fn new(deck: Option<&Deck>, path: &std::path::Path) -> Self {
        let file = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let Some(deck) = deck else {
            let title = normalize_answer(&file);
            return Self {
                text: title.clone(),
                title,
            };
        };
        let mut tags: Vec<&str> = deck
            .questions()
            .iter()
            .flat_map(|q| q.tags.iter().map(String::as_str))
            .collect();
        tags.sort_unstable();
        tags.dedup();
        let title = normalize_answer(deck.title());
        let text = [
            title.as_str(),
            &normalize_answer(deck.description()),
            &normalize_answer(&tags.join(" ")),
            &normalize_answer(&file),
        ]
        .join(" ");
        Self { text, title }
    }
}

/// The words typed in the library's search box, folded as typed answers are (case, accents and
/// punctuation do not matter). A deck matches when every word appears in it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LibrarySearch {
    words: Vec<String>,
}

impl LibrarySearch {
    /// The search for what was typed.
    pub fn new(typed: &str) -> Self {
        Self {
            words: normalize_answer(typed)
                .split(' ')
                .filter(|w| !w.is_empty())
                .map(str::to_owned)
                .collect(),
        }
    }

    /// Whether nothing is searched for (every deck matches).
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Whether `entry` has every word.
    pub fn matches(&self, entry: &LibraryEntry) -> bool {
        self.words
            .iter()
            .all(|w| entry.search.text.contains(w.as_str()))
    }
}

/// The entries `search` finds, in the order the library lists them: the loaded decks that need
/// the learner today first, then the other loaded decks, each part in the order of `sort` (ties
/// by title); then the files that failed to load, in the library's own order.
pub fn shown<'a>(
    entries: &'a [LibraryEntry],
    search: &LibrarySearch,
    sort: LibrarySort,
) -> Vec<&'a LibraryEntry> {
    let mut shown: Vec<&LibraryEntry> = entries.iter().filter(|e| search.matches(e)).collect();
    shown.sort_by(|a, b| {
        let loaded = |e: &LibraryEntry| e.deck.is_ok();
        loaded(b)
            .cmp(&loaded(a))
            .then_with(|| needs_learner(b).cmp(&needs_learner(a)))
            .then_with(|| match sort {
                LibrarySort::Title => std::cmp::Ordering::Equal,
                LibrarySort::LastStudied => last_studied(b).cmp(&last_studied(a)),
                LibrarySort::Due => due(b).cmp(&due(a)),
            })
            .then_with(|| {
                if loaded(a) {
                    natural(&a.search.title, &b.search.title)
                } else {
                    std::cmp::Ordering::Equal
                }
            })
            .then_with(|| a.place.cmp(&b.place))
    });
    shown
}

/// Compares two folded titles as people sort them: runs of digits by their number, so "deck 2"
/// comes before "deck 10".
fn natural(a: &str, b: &str) -> std::cmp::Ordering {
    let (mut a, mut b) = (a, b);
    loop {
        let (Some(ca), Some(cb)) = (a.chars().next(), b.chars().next()) else {
            return a.len().cmp(&b.len());
        };
        if ca.is_ascii_digit() && cb.is_ascii_digit() {
            let digits = |s: &str| s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
            let (na, nb) = (digits(a), digits(b));
            // Without leading zeros, the longer run is the larger number.
            let (va, vb) = (
                a[..na].trim_start_matches('0'),
                b[..nb].trim_start_matches('0'),
            );
            let by_value = va.len().cmp(&vb.len()).then_with(|| va.cmp(vb));
            if by_value.is_ne() {
                return by_value;
            }
            (a, b) = (&a[na..], &b[nb..]);
        } else {
            if ca != cb {
                return ca.cmp(&cb);
            }
            (a, b) = (&a[ca.len_utf8()..], &b[cb.len_utf8()..]);
        }
    }
}

/// Whether the deck needs the learner today: cards are due, or a quiz is half-way.
pub fn needs_learner(entry: &LibraryEntry) -> bool {
    entry
        .stats
        .as_ref()
        .is_some_and(|s| s.due_today > 0 || s.in_progress.is_some())
}

fn due(entry: &LibraryEntry) -> usize {
    entry.stats.as_ref().map_or(0, |s| s.due_today)
}

fn last_studied(entry: &LibraryEntry) -> Option<i64> {
    entry.stats.as_ref().and_then(|s| s.last_studied_ms)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use std::path::PathBuf;
    use std::sync::Arc;

    use super::*;
    use crate::app::library::{DeckStats, InProgress, Origin};

    fn deck(id: &str, title: &str, description: &str, tags: &[&str]) -> Deck {
        let tags = tags
            .iter()
            .map(|t| format!("\"{t}\""))
            .collect::<Vec<_>>()
            .join(", ");
        let text = format!(
            r#"Deck(id: "{id}", title: "{title}", description: "{description}", language: "en",
            authors: [], version: 1, questions: [Question(id: "q", prompt: "True?",
            tags: [{tags}], answer: TrueFalse(correct: true))])"#
        );
        crate::deck::parse_deck(text.as_bytes(), std::path::Path::new("t.ron")).unwrap()
    }

    fn entry(place: usize, deck: Deck) -> LibraryEntry {
        let path = PathBuf::from(format!("{}.ron", deck.id().as_str()));
        LibraryEntry {
            origin: Origin::UserFolder,
            search: SearchKey::new(Some(&deck), &path),
            path,
            deck: Ok(Arc::new(deck)),
            stats: Some(DeckStats {
                scores: crate::store::DeckScores::default(),
                due_today: 0,
                last_studied_ms: None,
                studied_days_ago: None,
                in_progress: None,
            }),
            place,
        }
    }

    fn broken(place: usize, name: &str) -> LibraryEntry {
        let path = PathBuf::from(name);
        let report = crate::deck::parse_deck(b"Deck(", &path).unwrap_err().0;
        LibraryEntry {
            origin: Origin::UserFolder,
            search: SearchKey::new(None, &path),
            path,
            deck: Err(report),
            stats: None,
            place,
        }
    }

    fn stats(e: &mut LibraryEntry) -> &mut DeckStats {
        e.stats.as_mut().unwrap()
    }

    fn titles(shown: &[&LibraryEntry]) -> Vec<String> {
        shown
            .iter()
            .map(|e| match &e.deck {
                Ok(d) => d.title().to_owned(),
                Err(_) => e.path.display().to_string(),
            })
            .collect()
    }

    fn library() -> Vec<LibraryEntry> {
        vec![
            entry(
                0,
                deck(
                    "fent",
                    "Fentanyl and social media",
                    "Cartels sell online",
                    &["dealers"],
                ),
            ),
            entry(
                1,
                deck("planets", "Planets", "The solar system", &["astronomy"]),
            ),
            entry(
                2,
                deck("elements", "Éléments chimiques", "Le tableau", &["chimie"]),
            ),
            broken(3, "broken.ron"),
            entry(4, deck("apps", "apps that dealers use", "", &[])),
        ]
    }

    #[test]
    fn titles_sort_with_their_numbers_as_numbers() {
        let mut titles = [
            "deck 10",
            "deck 2",
            "deck 1",
            "deck 02b",
            "deck",
            "algebra 100",
            "algebra 99",
        ];
        titles.sort_by(|a, b| natural(a, b));
        assert_eq!(
            titles,
            [
                "algebra 99",
                "algebra 100",
                "deck",
                "deck 1",
                "deck 2",
                "deck 02b",
                "deck 10"
            ]
        );
    }

    #[test]
    fn an_empty_search_lists_every_deck_by_title_then_the_broken_files() {
        let library = library();
        let shown = shown(&library, &LibrarySearch::new("  "), LibrarySort::Title);
        assert_eq!(
            titles(&shown),
            [
                "apps that dealers use",
                "Éléments chimiques",
                "Fentanyl and social media",
                "Planets",
                "broken.ron"
            ]
        );
    }

    #[test]
    fn search_finds_title_description_tags_and_file_name_ignoring_case_and_accents() {
        let library = library();
        let find = |typed: &str| {
            titles(&shown(
                &library,
                &LibrarySearch::new(typed),
                LibrarySort::Title,
            ))
        };
        assert_eq!(find("PLANETS"), ["Planets"]);
        assert_eq!(find("solar"), ["Planets"]);
        assert_eq!(find("astronomy"), ["Planets"]);
        assert_eq!(find("elements"), ["Éléments chimiques"]);
        assert_eq!(
            find("dealers"),
            ["apps that dealers use", "Fentanyl and social media"]
        );
        // Every word must appear, in any order.
        assert_eq!(find("online cartels"), ["Fentanyl and social media"]);
        assert_eq!(find("cartels planets"), Vec::<String>::new());
        assert_eq!(find("broken"), ["broken.ron"]);
        // Part of a word is enough, as the learner types.
        assert_eq!(find("plan"), ["Planets"]);
    }

    #[test]
    fn decks_that_need_the_learner_come_first_then_the_chosen_sort() {
        let mut library = library();
        stats(&mut library[1]).last_studied_ms = Some(100);
        stats(&mut library[2]).last_studied_ms = Some(300);
        stats(&mut library[4]).due_today = 3;
        stats(&mut library[0]).due_today = 7;
        stats(&mut library[0]).last_studied_ms = Some(50);
        let search = LibrarySearch::default();
        assert_eq!(
            titles(&shown(&library, &search, LibrarySort::Title)),
            [
                "apps that dealers use",
                "Fentanyl and social media",
                "Éléments chimiques",
                "Planets",
                "broken.ron"
            ]
        );
        assert_eq!(
            titles(&shown(&library, &search, LibrarySort::Due)),
            [
                "Fentanyl and social media",
                "apps that dealers use",
                "Éléments chimiques",
                "Planets",
                "broken.ron"
            ]
        );
        assert_eq!(
            titles(&shown(&library, &search, LibrarySort::LastStudied)),
            [
                "Fentanyl and social media",
                "apps that dealers use",
                "Éléments chimiques",
                "Planets",
                "broken.ron"
            ]
        );
    }

    #[test]
    fn a_quiz_left_half_way_puts_its_deck_with_the_ones_due() {
        let mut library = library();
        let deck = library[1].deck.clone().unwrap();
        let config = crate::quiz::QuizConfig::default();
        assert_eq!(
            crate::quiz::QuizSession::new(deck, config.clone())
                .unwrap()
                .len(),
            1
        );
        library[1].stats.as_mut().unwrap().in_progress = Some(Box::new(InProgress {
            session: crate::store::SessionId(1),
            config,
            answered: 0,
            total: 1,
        }));
        assert!(needs_learner(&library[1]));
        let shown = shown(&library, &LibrarySearch::default(), LibrarySort::Title);
        assert_eq!(titles(&shown)[0], "Planets");
    }
}
