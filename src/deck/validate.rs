//! Semantic checks: raw deck in, validated deck (or every problem found) out.
//!
//! Problems are collected with the path of the value at fault (`questions[2].answer.options[1]`);
//! the caller turns paths into line and column only when there is something to report, so a
//! valid deck pays nothing for positions.

use std::collections::HashMap;

use super::limits::{
    MAX_ID_LEN, MAX_POLL_OPTIONS, MAX_SESSION_MINUTES, MAX_TIME_LIMIT_SECS, MAX_WORDS_CHARS,
};
use super::model::{
    Answer, Choice, Citation, Deck, DeckId, MatchPair, NumericAccept, Picture, Question,
    QuestionId, Resource, Session, Source, SourceId,
};
use super::normalize::normalize_answer;
use super::problem::Problem;
use super::raw;

/// A problem and the path of the value it is about.
pub(crate) type Found = (Problem, String);

/// Checks every rule and builds the validated deck, or returns every problem found.
pub(crate) fn validate(deck: raw::Deck) -> Result<Deck, Vec<Found>> {
    let mut v = Validator::default();
    if !is_valid_id(&deck.id) {
        v.report(
            Problem::InvalidId {
                what: "deck",
                id: deck.id.clone(),
            },
            "id".to_owned(),
        );
    }
    v.non_empty(&deck.title, "deck title", || "title".to_owned());
    if !is_language_tag(&deck.language) {
        v.report(
            Problem::InvalidLanguage {
                tag: deck.language.clone(),
            },
            "language".to_owned(),
        );
    }
    v.texts(&deck.authors, "author", |j| format!("authors[{j}]"));
    if deck.version == 0 {
        v.report(Problem::ZeroVersion, "version".to_owned());
    }
    if let Some(note) = &deck.content_note {
        v.non_empty(note, "content note", || "content_note".to_owned());
    }

    let mut source_ids: HashMap<&str, usize> = HashMap::new();
    for (i, source) in deck.sources.iter().enumerate() {
        let path = format!("sources[{i}]");
        if !is_valid_id(&source.id) {
            v.report(
                Problem::InvalidId {
                    what: "source",
                    id: source.id.clone(),
                },
                format!("{path}.id"),
            );
        }
        if let Some(&first) = source_ids.get(source.id.as_str()) {
            v.duplicate(first, format!("{path}.id"), |first_line| {
                Problem::DuplicateSourceId {
                    id: source.id.clone(),
                    first_line,
                }
            });
        } else {
            source_ids.insert(&source.id, i);
        }
        v.non_empty(&source.title, "source title", || format!("{path}.title"));
        v.texts(&source.authors, "author", |j| {
            format!("{path}.authors[{j}]")
        });
        if let Some(description) = &source.description {
            v.non_empty(description, "source description", || {
                format!("{path}.description")
            });
        }
        v.url(source.url.as_deref(), || format!("{path}.url"));
    }
    for (i, resource) in deck.resources.iter().enumerate() {
        v.non_empty(&resource.title, "resource title", || {
            format!("resources[{i}].title")
        });
        v.non_empty(&resource.body, "resource body", || {
            format!("resources[{i}].body")
        });
        v.url(resource.url.as_deref(), || format!("resources[{i}].url"));
    }

    if deck.questions.is_empty() {
        v.report(Problem::NoQuestions, "questions".to_owned());
    }
    let mut question_ids: HashMap<&str, usize> = HashMap::with_capacity(deck.questions.len());
    for (i, question) in deck.questions.iter().enumerate() {
        if let Some(&first) = question_ids.get(question.id.as_str()) {
            v.duplicate(first, format!("questions[{i}].id"), |first_line| {
                Problem::DuplicateQuestionId {
                    id: question.id.clone(),
                    first_line,
                }
            });
        } else {
            question_ids.insert(&question.id, i);
        }
        v.question(i, question, &source_ids);
    }
    v.sessions(&deck.sessions, &question_ids);

    if !v.found.is_empty() {
        return Err(v.found);
    }
    Ok(build(deck))
}

#[derive(Default)]
struct Validator {
    found: Vec<Found>,
}

impl Validator {
    fn report(&mut self, problem: Problem, path: String) {
        self.found.push((problem, path));
    }

    fn non_empty(&mut self, text: &str, field: &'static str, path: impl FnOnce() -> String) {
        if text.trim().is_empty() {
            self.report(Problem::EmptyText { field }, path());
        }
    }

    /// Reports a duplicate. The first use's line is not known yet (positions are resolved after
    /// validation), so the problem is built with the first use's index in place of its line, and
    /// [`resolve_first_lines`] fixes it.
    fn duplicate(&mut self, first_index: usize, path: String, make: impl FnOnce(usize) -> Problem) {
        self.report(make(first_index), path);
    }

    /// Each session: a name unique in the deck, a length in range, and questions of the deck,
    /// each once.
    fn sessions(&mut self, sessions: &[raw::Session], question_ids: &HashMap<&str, usize>) {
        let mut names: HashMap<String, usize> = HashMap::new();
        for (i, session) in sessions.iter().enumerate() {
            let path = format!("sessions[{i}]");
            self.non_empty(&session.name, "session name", || format!("{path}.name"));
            if let Some(&first) = names.get(&display_key(&session.name)) {
                self.duplicate(first, format!("{path}.name"), |first_line| {
                    Problem::DuplicateSessionName {
                        name: session.name.clone(),
                        first_line,
                    }
                });
            } else if !session.name.trim().is_empty() {
                names.insert(display_key(&session.name), i);
            }
            if let Some(minutes) = session.minutes
                && !(1..=MAX_SESSION_MINUTES).contains(&minutes)
            {
                self.report(
                    Problem::SessionMinutesOutOfRange { minutes },
                    format!("{path}.minutes"),
                );
            }
            if let Some(description) = &session.description {
                self.non_empty(description, "session description", || {
                    format!("{path}.description")
                });
            }
            if session.questions.is_empty() {
                self.report(Problem::EmptySession, format!("{path}.questions"));
            }
            let mut seen = std::collections::HashSet::new();
            for (j, id) in session.questions.iter().enumerate() {
                let at = format!("{path}.questions[{j}]");
                if !question_ids.contains_key(id.as_str()) {
                    let mut known: Vec<String> =
                        question_ids.keys().map(|s| (*s).to_owned()).collect();
                    known.sort();
                    self.report(
                        Problem::UnknownSessionQuestion {
                            id: id.clone(),
                            known,
                        },
                        at,
                    );
                } else if !seen.insert(id.as_str()) {
                    self.report(Problem::RepeatedSessionQuestion { id: id.clone() }, at);
                }
            }
        }
    }

    fn question(&mut self, i: usize, q: &raw::Question, source_ids: &HashMap<&str, usize>) {
        let path = format!("questions[{i}]");
        if !is_valid_id(&q.id) {
            self.report(
                Problem::InvalidId {
                    what: "question",
                    id: q.id.clone(),
                },
                format!("{path}.id"),
            );
        }
        self.non_empty(&q.prompt, "prompt", || format!("{path}.prompt"));
        if let Some(image) = &q.image {
            super::images::check_rules(image, &format!("{path}.image"), &mut |problem, at| {
                self.report(problem, at);
            });
        }
        if let Some(explanation) = &q.explanation {
            self.non_empty(explanation, "explanation", || format!("{path}.explanation"));
        }
        if let Some(notes) = &q.notes {
            self.non_empty(notes, "speaker notes", || format!("{path}.notes"));
        }
        if let Some(cite) = &q.source {
            if !source_ids.contains_key(cite.source.as_str()) {
                let mut known: Vec<String> = source_ids.keys().map(|s| (*s).to_owned()).collect();
                known.sort();
                self.report(
                    Problem::UnknownSource {
                        id: cite.source.clone(),
                        known,
                    },
                    format!("{path}.source.source"),
                );
            }
            self.non_empty(&cite.locator, "citation's locator", || {
                format!("{path}.source.locator")
            });
        }
        self.texts(&q.tags, "tag", |j| format!("{path}.tags[{j}]"));
        if let Some(secs) = q.time_limit_secs
            && !(1..=MAX_TIME_LIMIT_SECS).contains(&secs)
        {
            self.report(
                Problem::TimeLimitOutOfRange { secs },
                format!("{path}.time_limit_secs"),
            );
        }
        self.answer(&q.answer, &format!("{path}.answer"));
    }

    fn answer(&mut self, answer: &raw::Answer, path: &str) {
        match answer {
            raw::Answer::Flashcard { back } => {
                self.non_empty(back, "back of the card", || format!("{path}.back"));
            }
            raw::Answer::SingleChoice { options, .. } => {
                self.choices(options, path, "single-choice");
                let correct = options
                    .iter()
                    .filter(|o| raw::Choice::is_correct(o))
                    .count();
                match correct {
                    0 => self.report(Problem::NoCorrectOption, format!("{path}.options")),
                    1 => {}
                    count => self.report(
                        Problem::SeveralCorrectOptions { count },
                        format!("{path}.options"),
                    ),
                }
            }
            raw::Answer::MultiSelect { options, .. } => {
                self.choices(options, path, "multi-select");
                if !options.iter().any(raw::Choice::is_correct) {
                    self.report(Problem::NoCorrectSelection, format!("{path}.options"));
                }
            }
            raw::Answer::TrueFalse { .. } => {}
            raw::Answer::Numeric { accept, unit } => {
                let accept_path = format!("{path}.accept");
                match *accept {
                    raw::Accept::Exact { value, tolerance } => {
                        self.finite(value, || format!("{accept_path}.value"));
                        self.finite(tolerance, || format!("{accept_path}.tolerance"));
                        if tolerance < 0.0 {
                            self.report(
                                Problem::NegativeTolerance { tolerance },
                                format!("{accept_path}.tolerance"),
                            );
                        }
                    }
                    raw::Accept::Range { min, max } => {
                        self.finite(min, || format!("{accept_path}.min"));
                        self.finite(max, || format!("{accept_path}.max"));
                        if min > max {
                            self.report(
                                Problem::RangeMinAboveMax { min, max },
                                format!("{accept_path}.min"),
                            );
                        }
                    }
                }
                if let Some(unit) = unit {
                    self.non_empty(unit, "unit", || format!("{path}.unit"));
                }
            }
            raw::Answer::Text { accepted, exact } => {
                if accepted.is_empty() {
                    self.report(Problem::NoAcceptedAnswer, format!("{path}.accepted"));
                }
                let mut seen = HashMap::new();
                for (j, text) in accepted.iter().enumerate() {
                    let item = format!("{path}.accepted[{j}]");
                    let key = if *exact {
                        text.trim().to_owned()
                    } else {
                        normalize_answer(text)
                    };
                    if text.trim().is_empty() {
                        self.report(
                            Problem::EmptyText {
                                field: "accepted answer",
                            },
                            item,
                        );
                    } else if key.is_empty() {
                        self.report(
                            Problem::AcceptedOnlyPunctuation { text: text.clone() },
                            item,
                        );
                    } else if let Some(&first) = seen.get(&key) {
                        let same_as: &String = &accepted[first];
                        self.report(
                            Problem::DuplicateAccepted {
                                text: text.clone(),
                                same_as: same_as.clone(),
                                exact: *exact,
                            },
                            item,
                        );
                    } else {
                        seen.insert(key, j);
                    }
                }
            }
            raw::Answer::Poll { options, .. } => {
                if !(2..=MAX_POLL_OPTIONS).contains(&options.len()) {
                    self.report(
                        Problem::PollOptionCount {
                            count: options.len(),
                        },
                        format!("{path}.options"),
                    );
                }
                self.distinct(
                    options.iter(),
                    |j| format!("{path}.options[{j}]"),
                    |text| Problem::DuplicateOption { text },
                );
            }
            raw::Answer::Words { max_chars } => {
                if let Some(max_chars) = *max_chars
                    && !(1..=MAX_WORDS_CHARS).contains(&max_chars)
                {
                    self.report(
                        Problem::WordsLimitOutOfRange { max_chars },
                        format!("{path}.max_chars"),
                    );
                }
            }
            raw::Answer::Order { items } => {
                if items.len() < 2 {
                    self.report(
                        Problem::TooFewOrderItems { count: items.len() },
                        format!("{path}.items"),
                    );
                }
                self.distinct(
                    items.iter(),
                    |j| format!("{path}.items[{j}]"),
                    |text| Problem::DuplicateOrderItem { text },
                );
            }
            raw::Answer::Match { pairs } => {
                if pairs.len() < 2 {
                    self.report(
                        Problem::TooFewPairs { count: pairs.len() },
                        format!("{path}.pairs"),
                    );
                }
                self.distinct(
                    pairs.iter().map(|(left, _)| left),
                    |j| format!("{path}.pairs[{j}][0]"),
                    |text| Problem::DuplicateMatchKey { text },
                );
                self.distinct(
                    pairs.iter().map(|(_, right)| right),
                    |j| format!("{path}.pairs[{j}][1]"),
                    |text| Problem::DuplicateMatchValue { text },
                );
            }
        }
    }

    fn choices(&mut self, options: &[raw::Choice], path: &str, kind: &'static str) {
        let mut seen: HashMap<String, bool> = HashMap::new();
        for (j, option) in options.iter().enumerate() {
            let (text, correct) = (option.text(), option.is_correct());
            let item = format!("{path}.options[{j}]");
            if let Some(image) = option.image() {
                super::images::check_rules(image, &format!("{item}.image"), &mut |problem, at| {
                    self.report(problem, at);
                });
            }
            if text.trim().is_empty() {
                self.report(Problem::EmptyText { field: "option" }, item);
                continue;
            }
            match seen.insert(display_key(text), correct) {
                None => {}
                Some(was_correct) if was_correct != correct => {
                    self.report(
                        Problem::CorrectAlsoWrong {
                            text: text.to_owned(),
                        },
                        item,
                    );
                }
                Some(_) => self.report(
                    Problem::DuplicateOption {
                        text: text.to_owned(),
                    },
                    item,
                ),
            }
        }
        if !options.iter().any(|o| !o.is_correct()) {
            self.report(Problem::NoWrongOption { kind }, format!("{path}.options"));
        }
    }

    fn distinct<'t>(
        &mut self,
        items: impl Iterator<Item = &'t String>,
        path: impl Fn(usize) -> String,
        duplicate: impl Fn(String) -> Problem,
    ) {
        let mut seen = HashMap::new();
        for (j, text) in items.enumerate() {
            if text.trim().is_empty() {
                self.report(Problem::EmptyText { field: "item" }, path(j));
            } else if seen.insert(display_key(text), j).is_some() {
                self.report(duplicate(text.clone()), path(j));
            }
        }
    }

    fn texts(&mut self, texts: &[String], field: &'static str, path: impl Fn(usize) -> String) {
        for (j, text) in texts.iter().enumerate() {
            self.non_empty(text, field, || path(j));
        }
    }

    fn url(&mut self, url: Option<&str>, path: impl FnOnce() -> String) {
        let Some(url) = url else { return };
        if !is_web_link(url) {
            self.report(
                Problem::InvalidUrl {
                    url: url.to_owned(),
                },
                path(),
            );
        }
    }

    fn finite(&mut self, value: f64, path: impl FnOnce() -> String) {
        if !value.is_finite() {
            self.report(Problem::NotFinite, path());
        }
    }
}

/// Whether `url` is a link a deck may carry and the app may open: `http://` or `https://`
/// (any case) followed by something, with no whitespace. Other schemes (`file:`,
/// `javascript:`) are refused.
pub fn is_web_link(url: &str) -> bool {
    // `get` rather than indexing: the text is the user's, and a byte index can fall inside a
    // multi-byte character (`www.café.org` has `é` across bytes 6 and 7).
    let has_scheme = ["https://", "http://"].iter().any(|scheme| {
        url.len() > scheme.len()
            && url
                .get(..scheme.len())
                .is_some_and(|start| start.eq_ignore_ascii_case(scheme))
    });
    has_scheme && !url.contains(char::is_whitespace)
}

/// Texts a student would read as the same ("Paris", " paris ") share this key.
fn display_key(text: &str) -> String {
    text.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether `id` follows the id rules: 1 to [`MAX_ID_LEN`] of `a-z 0-9 - _ .`, starting with a
/// letter or a digit.
///
/// The same rule for deck, source and question ids, in files, the editor and imports. A deck's
/// id names its file (`<id>.ron`), so the first character matters: `..` or `.x` would make a
/// hidden file the library never lists, and `-x` a name that reads as an option.
pub fn is_valid_id(id: &str) -> bool {
    id.len() <= MAX_ID_LEN
        && id
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-_.".contains(&b))
}

/// A loose BCP 47 check: a 2- or 3-letter language, then subtags of 1 to 8 letters or digits.
fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let first_ok = parts
        .next()
        .is_some_and(|p| (2..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphabetic()));
    first_ok
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Rewrites the first-use index that "used twice" problems carry into the first use's line.
pub(crate) fn resolve_first_lines(found: &mut [Found], line_of: impl Fn(&str) -> usize) {
    for (problem, _) in found {
        match problem {
            Problem::DuplicateQuestionId { first_line, .. } => {
                *first_line = line_of(&format!("questions[{first_line}].id"));
            }
            Problem::DuplicateSourceId { first_line, .. } => {
                *first_line = line_of(&format!("sources[{first_line}].id"));
            }
            Problem::DuplicateSessionName { first_line, .. } => {
                *first_line = line_of(&format!("sessions[{first_line}].name"));
            }
            Problem::DuplicatePrompt {
                first_question,
                first_line,
            } => {
                let index = first_question.saturating_sub(1);
                *first_line = line_of(&format!("questions[{index}].prompt"));
            }
            _ => {}
        }
    }
}

/// Builds the validated deck; only called once every check has passed.
fn build(deck: raw::Deck) -> Deck {
    Deck {
        id: DeckId::new_unchecked(deck.id),
        title: deck.title,
        description: deck.description,
        language: deck.language,
        authors: deck.authors,
        version: deck.version,
        content_note: deck.content_note,
        sources: deck
            .sources
            .into_iter()
            .map(|s| Source {
                id: SourceId::new_unchecked(s.id),
                title: s.title,
                description: s.description,
                authors: s.authors,
                url: s.url,
            })
            .collect(),
        resources: deck
            .resources
            .into_iter()
            .map(|r| Resource {
                title: r.title,
                body: r.body,
                url: r.url,
            })
            .collect(),
        questions: deck.questions.into_iter().map(build_question).collect(),
        sessions: deck
            .sessions
            .into_iter()
            .map(|s| Session {
                name: s.name,
                minutes: s.minutes,
                description: s.description,
                questions: s
                    .questions
                    .into_iter()
                    .map(QuestionId::new_unchecked)
                    .collect(),
            })
            .collect(),
    }
}

fn build_question(q: raw::Question) -> Question {
    Question {
        id: QuestionId::new_unchecked(q.id),
        prompt: q.prompt,
        image: q.image.map(build_picture),
        answer: build_answer(q.answer),
        explanation: q.explanation,
        source: q.source.map(|c| Citation {
            source: SourceId::new_unchecked(c.source),
            locator: c.locator,
        }),
        tags: q.tags,
        time_limit_secs: q.time_limit_secs,
        notes: q.notes,
    }
}

fn build_picture(image: raw::Image) -> Picture {
    Picture {
        file: image.file,
        alt: image.alt,
    }
}

fn build_answer(answer: raw::Answer) -> Answer {
    let choices = |options: Vec<raw::Choice>| {
        options
            .into_iter()
            .map(|o| match o {
                raw::Choice::Correct(text) => Choice {
                    text,
                    correct: true,
                    image: None,
                },
                raw::Choice::Wrong(text) => Choice {
                    text,
                    correct: false,
                    image: None,
                },
                raw::Choice::Picture {
                    text,
                    correct,
                    image,
                } => Choice {
                    text,
                    correct,
                    image: Some(build_picture(image)),
                },
            })
            .collect()
    };
    match answer {
        raw::Answer::Flashcard { back } => Answer::Flashcard { back },
        raw::Answer::SingleChoice {
            options,
            keep_order,
        } => Answer::SingleChoice {
            options: choices(options),
            keep_order,
        },
        raw::Answer::MultiSelect {
            options,
            keep_order,
        } => Answer::MultiSelect {
            options: choices(options),
            keep_order,
        },
        raw::Answer::TrueFalse { correct } => Answer::TrueFalse { correct },
        raw::Answer::Numeric { accept, unit } => Answer::Numeric {
            accept: match accept {
                raw::Accept::Exact { value, tolerance } => {
                    NumericAccept::Exact { value, tolerance }
                }
                raw::Accept::Range { min, max } => NumericAccept::Range { min, max },
            },
            unit,
        },
        raw::Answer::Text { accepted, exact } => Answer::Text { accepted, exact },
        raw::Answer::Order { items } => Answer::Order { items },
        raw::Answer::Poll { options, multiple } => Answer::Poll { options, multiple },
        raw::Answer::Words { max_chars } => Answer::Words {
            max_chars: max_chars.unwrap_or(MAX_WORDS_CHARS),
        },
        raw::Answer::Match { pairs } => Answer::Match {
            pairs: pairs
                .into_iter()
                .map(|(left, right)| MatchPair { left, right })
                .collect(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_allow_lowercase_digits_and_separators_only() {
        assert!(is_valid_id("potency-vs-morphine_2.1"));
        assert!(!is_valid_id(""));
        assert!(!is_valid_id("Potency"));
        assert!(!is_valid_id("has space"));
        assert!(!is_valid_id(&"a".repeat(MAX_ID_LEN + 1)));
    }

    #[test]
    fn ids_start_with_a_letter_or_a_digit() {
        for id in ["a", "7-wonders", "a..b", "x."] {
            assert!(is_valid_id(id), "{id}");
        }
        for id in ["..", ".", ".x", "-x", "_x", ".hidden-deck"] {
            assert!(!is_valid_id(id), "{id}");
        }
    }

    #[test]
    fn links_with_non_ascii_text_near_the_start_are_checked_without_panicking() {
        for url in [
            "www.café.org",
            "ww.café",
            "é",
            "htt\u{e9}s://x",
            "日本語のリンク",
            "https:/é",
        ] {
            assert!(!is_web_link(url), "{url}");
        }
        for url in [
            "https://café.org",
            "HTTP://www.café.org/ü",
            "https://例え.jp",
        ] {
            assert!(is_web_link(url), "{url}");
        }
        assert!(!is_web_link("https://"));
        assert!(!is_web_link("https://a b"));
        assert!(!is_web_link("file:///etc/passwd"));
        assert!(!is_web_link("javascript:alert(1)"));
    }

    #[test]
    fn language_tags_are_checked_loosely() {
        for tag in ["en", "en-US", "es-419", "zh-Hant-TW"] {
            assert!(is_language_tag(tag), "{tag}");
        }
        for tag in ["", "e", "english language", "en-", "en_US"] {
            assert!(!is_language_tag(tag), "{tag}");
        }
    }
}
