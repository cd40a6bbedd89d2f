//! Writing decks back to RON text, for the editor and for `quizdesk export --format ron`.
//!
//! Pure: this builds text and never touches a file (saving is
//! [`crate::store::write_file_atomic`]).
//!
//! The text is meant for people to read, edit by hand and diff: a comment header, struct names,
//! fields in the order the [`raw`] types declare them (the order of `docs/deck-format.md`), one
//! field or list item per line, four spaces of indentation, trailing commas, optional fields
//! left out when they hold nothing, optional values written plainly (`explanation: "…"`, never
//! `Some("…")`), whole numbers without `.0`, and text written as typed: only quotes,
//! backslashes, control characters and a few invisible characters are escaped.

use std::collections::HashSet;

use super::{
    Answer, Choice, Deck, MAX_DECK_BYTES, MatchPair, NumericAccept, Picture, Question, is_valid_id,
    normalize_answer, raw,
};

/// The longest id [`question_id_from_prompt`] makes before a uniqueness suffix, in bytes.
const MAX_PROMPT_ID_LEN: usize = 40;

/// The id [`question_id_from_prompt`] falls back to when a prompt has no usable word.
const FALLBACK_QUESTION_ID: &str = "question";

/// Writes a deck as the RON text of a deck file.
///
/// Loading the text gives back the same deck: `parse_deck(to_ron(d))` equals
/// `validate_raw(d)` for a valid deck (and both fail for an invalid one), and writing the loaded
/// deck again gives the same text, so saving an unchanged deck changes nothing on disk.
/// Comments in the file the deck came from are not kept: only the header comment is written.
///
/// The text may be larger than [`MAX_DECK_BYTES`]; to write a deck file, use
/// [`deck_file_text`], which keeps to the limit.
pub fn to_ron(deck: &raw::Deck) -> String {
    to_ron_indented(deck, "    ")
}

/// A deck that would be larger than [`MAX_DECK_BYTES`] once written, so that quizdesk could
/// not open the file again.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "this deck would be {size_bytes} bytes as a file, more than the {MAX_DECK_BYTES} bytes (32 MiB) a deck may have, so it could not be opened again; split it into smaller decks (for example by topic) and write each one"
)]
pub struct DeckTooLarge {
    /// The size of the smallest text the deck can be written as, in bytes.
    pub size_bytes: u64,
}

/// The text of a deck file for `deck`, never larger than [`MAX_DECK_BYTES`]: what every deck
/// write (the editor's save and autosave, an import) must use, checked before anything is
/// written.
///
/// The text is [`to_ron`]'s. If that is over the limit but the same deck without indentation
/// is not, the deck is written without indentation (still one field per line; it loads the
/// same, and writing it again gives the same text). If even that is too large, the deck is
/// refused with [`DeckTooLarge`], which says to split it.
pub fn deck_file_text(deck: &raw::Deck) -> Result<String, DeckTooLarge> {
    let text = to_ron(deck);
    if text.len() as u64 <= MAX_DECK_BYTES {
        return Ok(text);
    }
    drop(text);
    let text = to_ron_indented(deck, "");
    if text.len() as u64 <= MAX_DECK_BYTES {
        Ok(text)
    } else {
        Err(DeckTooLarge {
            size_bytes: text.len() as u64,
        })
    }
}

/// How the comment that starts every deck file quizdesk writes begins.
const HEADER_START: &str = "// quizdesk deck ";

/// Whether the deck file `text` has comments of its own, which saving it does not keep: any
/// comment but the header quizdesk writes. Strings are skipped, so the `//` of a web link is
/// no comment.
pub fn has_own_comments(text: &str) -> bool {
    super::locate::Locations::scan(text)
        .comments()
        .iter()
        .any(|span| !(span.start == 0 && text.starts_with(HEADER_START)))
}

fn to_ron_indented(deck: &raw::Deck, indentor: &str) -> String {
    let mut text = String::new();
    text.push_str(HEADER_START);
    push_string_literal(&mut text, &deck.title);
    text.push_str(" — edit by hand or in quizdesk's editor; format: docs/deck-format.md\n");
    // The loader reads with implicit `Some` on by default, so the serializer is told the same:
    // it then writes optional values plainly and, unlike with `PrettyConfig::extensions`, adds no
    // `#![enable(implicit_some)]` line.
    let options =
        ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    let config = ron::ser::PrettyConfig::new()
        .struct_names(true)
        .indentor(indentor.to_owned())
        // The default is "\r\n" on Windows: the same deck gives the same bytes everywhere.
        .new_line("\n")
        .separator(" ");
    match options.to_string_pretty(deck, config) {
        Ok(body) => text.push_str(&rewrite_string_literals(&body)),
        // ron fails only on a failing writer (a String never fails), an invalid identifier (the
        // raw types' names are fixed and valid), or nesting deeper than its recursion limit of
        // 128 (a deck nests 7 deep); the tests write both bundled decks and every answer kind.
        Err(e) => unreachable!("ron could not write a deck: {e}"),
    }
    text.push('\n');
    text
}

/// Turns a validated deck back into the deck file structure, for editing a copy of it (such as
/// a bundled deck) or writing it with [`to_ron`].
pub fn from_validated(deck: &Deck) -> raw::Deck {
    raw::Deck {
        id: deck.id.as_str().to_owned(),
        title: deck.title.clone(),
        description: deck.description.clone(),
        language: deck.language.clone(),
        authors: deck.authors.clone(),
        version: deck.version,
        content_note: deck.content_note.clone(),
        sources: deck
            .sources
            .iter()
            .map(|s| raw::Source {
                id: s.id.as_str().to_owned(),
                title: s.title.clone(),
                description: s.description.clone(),
                authors: s.authors.clone(),
                url: s.url.clone(),
            })
            .collect(),
        resources: deck
            .resources
            .iter()
            .map(|r| raw::Resource {
                title: r.title.clone(),
                body: r.body.clone(),
                url: r.url.clone(),
            })
            .collect(),
        questions: deck.questions.iter().map(raw_question).collect(),
        sessions: deck
            .sessions
            .iter()
            .map(|s| raw::Session {
                name: s.name.clone(),
                minutes: s.minutes,
                description: s.description.clone(),
                questions: s.questions.iter().map(|q| q.as_str().to_owned()).collect(),
            })
            .collect(),
    }
}

fn raw_question(q: &Question) -> raw::Question {
    raw::Question {
        id: q.id.as_str().to_owned(),
        prompt: q.prompt.clone(),
        image: q.image.as_ref().map(raw_image),
        answer: raw_answer(&q.answer),
        explanation: q.explanation.clone(),
        source: q.source.as_ref().map(|c| raw::Cite {
            source: c.source.as_str().to_owned(),
            locator: c.locator.clone(),
        }),
        tags: q.tags.clone(),
        time_limit_secs: q.time_limit_secs,
        notes: q.notes.clone(),
    }
}

fn raw_image(picture: &Picture) -> raw::Image {
    raw::Image {
        file: picture.file.clone(),
        alt: picture.alt.clone(),
    }
}

fn raw_answer(answer: &Answer) -> raw::Answer {
    let choices = |options: &[Choice]| {
        options
            .iter()
            .map(|o| raw::Choice::new(o.text.clone(), o.correct, o.image.as_ref().map(raw_image)))
            .collect()
    };
    match answer {
        Answer::Flashcard { back } => raw::Answer::Flashcard { back: back.clone() },
        Answer::SingleChoice {
            options,
            keep_order,
        } => raw::Answer::SingleChoice {
            options: choices(options),
            keep_order: *keep_order,
        },
        Answer::MultiSelect {
            options,
            keep_order,
        } => raw::Answer::MultiSelect {
            options: choices(options),
            keep_order: *keep_order,
        },
        Answer::TrueFalse { correct } => raw::Answer::TrueFalse { correct: *correct },
        Answer::Numeric { accept, unit } => raw::Answer::Numeric {
            accept: match *accept {
                NumericAccept::Exact { value, tolerance } => {
                    raw::Accept::Exact { value, tolerance }
                }
                NumericAccept::Range { min, max } => raw::Accept::Range { min, max },
            },
            unit: unit.clone(),
        },
        Answer::Text { accepted, exact } => raw::Answer::Text {
            accepted: accepted.clone(),
            exact: *exact,
        },
        Answer::Order { items } => raw::Answer::Order {
            items: items.clone(),
        },
        Answer::Match { pairs } => raw::Answer::Match {
            pairs: pairs
                .iter()
                .map(|MatchPair { left, right }| (left.clone(), right.clone()))
                .collect(),
        },
        Answer::Poll { options, multiple } => raw::Answer::Poll {
            options: options.clone(),
            multiple: *multiple,
        },
        // The default limit is left out, as a deck author would write it.
        Answer::Words { max_chars } => raw::Answer::Words {
            max_chars: (*max_chars != crate::deck::MAX_WORDS_CHARS).then_some(*max_chars),
        },
    }
}

/// Makes a readable id for a new question from the first words of its prompt, such as
/// `what-is-fentanyls-potency` for "What is fentanyl's potency?".
///
/// Accents are dropped and letters lowercased ("Qué" → `que`), apostrophes join a word
/// ("fentanyl's" → `fentanyls`), and anything else that is not `a`-`z` or `0`-`9` separates
/// words. Whole words are kept up to 40 characters. A prompt with no such letters (emoji only,
/// another script, empty) gives `question`. If the id is in `taken`, `-2`, `-3`, … is added
/// until it is not. The result always passes [`is_valid_id`], and the same prompt and `taken`
/// always give the same id.
pub fn question_id_from_prompt(prompt: &str, taken: &HashSet<String>) -> String {
    let folded = normalize_answer(prompt);
    let mut base = String::new();
    for word in folded
        .split(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit()))
        .filter(|w| !w.is_empty())
    {
        let needed = if base.is_empty() {
            word.len()
        } else {
            base.len() + 1 + word.len()
        };
        if needed > MAX_PROMPT_ID_LEN {
            if base.is_empty() {
                // One very long word: keep its start (the word is ASCII, so any cut is valid).
                base.push_str(&word[..MAX_PROMPT_ID_LEN]);
            }
            break;
        }
        if !base.is_empty() {
            base.push('-');
        }
        base.push_str(word);
    }
    if base.is_empty() {
        base.push_str(FALLBACK_QUESTION_ID);
    }
    let mut id = base.clone();
    let mut n = 2_u64;
    while taken.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    debug_assert!(is_valid_id(&id), "made an invalid question id {id:?}");
    id
}

/// Rewrites every string literal of ron's output with [`push_string_literal`].
///
/// ron 0.12 escapes strings with `char::escape_debug`, which also escapes apostrophes
/// (`Earth\'s`) and every combining mark, variation selector and zero-width joiner
/// (`e\u{301}`, `❤\u{fe0f}`), so accented text in decomposed form and most emoji would be
/// unreadable. Its output has `"` only around strings (names, numbers and punctuation never
/// hold one), and inside them only `escape_debug`'s escapes; a literal this cannot read (a later
/// ron escaping differently) is kept exactly as ron wrote it, which is still valid RON.
fn rewrite_string_literals(ron_text: &str) -> String {
    let mut out = String::with_capacity(ron_text.len());
    let mut rest = ron_text;
    while let Some(start) = rest.find('"') {
        out.push_str(&rest[..start]);
        let literal = &rest[start..];
        match decode_escape_debug_literal(literal) {
            Some((value, len)) => {
                push_string_literal(&mut out, &value);
                rest = &literal[len..];
            }
            None => {
                // Unreadable: copy up to the closing quote (or the end) unchanged.
                let len = closing_quote_end(literal).unwrap_or(literal.len());
                out.push_str(&literal[..len]);
                rest = &literal[len..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Decodes the `"…"` literal at the start of `literal`, written with `char::escape_debug`:
/// its value and its length in bytes, quotes included.
fn decode_escape_debug_literal(literal: &str) -> Option<(String, usize)> {
    let mut chars = literal.char_indices();
    if chars.next()?.1 != '"' {
        return None;
    }
    let mut value = String::new();
    loop {
        let (at, c) = chars.next()?;
        match c {
            '"' => return Some((value, at + 1)),
            '\\' => {
                let escaped = match chars.next()?.1 {
                    'n' => '\n',
                    'r' => '\r',
                    't' => '\t',
                    '0' => '\0',
                    c @ ('\\' | '"' | '\'') => c,
                    'u' => {
                        if chars.next()?.1 != '{' {
                            return None;
                        }
                        let mut code = 0_u32;
                        loop {
                            let c = chars.next()?.1;
                            if c == '}' {
                                break;
                            }
                            code = code.checked_mul(16)?.checked_add(c.to_digit(16)?)?;
                        }
                        char::from_u32(code)?
                    }
                    _ => return None,
                };
                value.push(escaped);
            }
            c => value.push(c),
        }
    }
}

/// The length of the `"…"` literal at the start of `literal` with any escapes, quotes included.
fn closing_quote_end(literal: &str) -> Option<usize> {
    let mut escaped = false;
    for (at, c) in literal.char_indices().skip(1) {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return Some(at + 1),
            _ => {}
        }
    }
    None
}

/// Writes `value` as a RON string literal, escaping only what must be escaped or would be
/// invisible: `"`, `\`, control characters (new line as `\n`, tab as `\t`, others as
/// `\u{…}`), and invisible format characters such as a soft hyphen, a zero-width space or a
/// text-direction override. Everything else (accents, other scripts, emoji with their joiners
/// and variation selectors) is written as is.
fn push_string_literal(out: &mut String, value: &str) {
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || is_invisible(c) => {
                out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Invisible characters that are escaped so a reader of the file can see them. Zero-width
/// joiners and non-joiners are not among them: emoji and several scripts need them.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' // soft hyphen
            | '\u{061C}' // Arabic letter mark
            | '\u{180E}' // Mongolian vowel separator
            | '\u{200B}' // zero-width space
            | '\u{200E}'..='\u{200F}' // left-to-right and right-to-left marks
            | '\u{2028}'..='\u{2029}' // line and paragraph separators
            | '\u{202A}'..='\u{202E}' // text-direction embeddings and overrides
            | '\u{2060}'..='\u{2064}' // word joiner, invisible operators
            | '\u{2066}'..='\u{2069}' // text-direction isolates
            | '\u{FEFF}' // byte order mark, zero-width no-break space
    )
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn literal(value: &str) -> String {
        let mut out = String::new();
        push_string_literal(&mut out, value);
        out
    }

    #[test]
    fn only_a_deck_files_own_comments_count() {
        // The header quizdesk writes, and `//` inside strings (web links), are not comments
        // that saving would lose.
        let written =
            "// quizdesk deck \"T\" — edit\nDeck(url: \"https://a.org//b\", note: \"/* no */\")";
        assert!(!has_own_comments(written));
        assert!(!has_own_comments("Deck(description: \"see http://x.org\")"));
        assert!(has_own_comments("// my notes\nDeck(id: \"d\")"));
        assert!(has_own_comments(
            "Deck(id: \"d\", /* later */ title: \"t\")"
        ));
        assert!(has_own_comments("Deck(id: \"d\")\n// trailing"));
        // A header-like line that is not the first thing in the file is the author's.
        assert!(has_own_comments("Deck(id: \"d\") // quizdesk deck \"x\""));
    }

    #[test]
    fn text_is_written_as_typed_with_only_the_needed_escapes() {
        assert_eq!(literal("Earth's moon"), r#""Earth's moon""#);
        assert_eq!(literal(r#"The "Ring" \ C:\"#), r#""The \"Ring\" \\ C:\\""#);
        assert_eq!(literal("line\nnext\ttab\r"), r#""line\nnext\ttab\r""#);
        assert_eq!(
            literal("e\u{301} ❤\u{fe0f} 👩\u{200d}👧"),
            "\"e\u{301} ❤\u{fe0f} 👩\u{200d}👧\""
        );
        assert_eq!(
            literal("a\u{0}b\u{7f}c\u{ad}d\u{202e}"),
            r#""a\u{0}b\u{7f}c\u{ad}d\u{202e}""#
        );
    }

    #[test]
    fn ron_literals_are_decoded_and_rewritten() {
        let ron = r#"X(a: "Earth\'s \"moon\"", b: "e\u{301}\n", c: 1)"#;
        assert_eq!(
            rewrite_string_literals(ron),
            "X(a: \"Earth's \\\"moon\\\"\", b: \"e\u{301}\\n\", c: 1)"
        );
    }

    #[test]
    fn unreadable_literal_is_kept_as_ron_wrote_it() {
        let ron = r#"X(a: "odd \x41 \" escape", b: "ok\'")"#;
        assert_eq!(
            rewrite_string_literals(ron),
            r#"X(a: "odd \x41 \" escape", b: "ok'")"#
        );
    }

    fn card(id: &str, back: String) -> raw::Question {
        raw::Question {
            id: id.to_owned(),
            prompt: format!("Prompt {id}"),
            image: None,
            answer: raw::Answer::Flashcard { back },
            explanation: None,
            source: None,
            tags: Vec::new(),
            time_limit_secs: None,
            notes: None,
        }
    }

    /// A deck of 200 small cards and one whose back is `big` bytes long.
    fn deck_with(big: usize) -> raw::Deck {
        let mut questions: Vec<raw::Question> = (0..200)
            .map(|n| card(&format!("q{n}"), "back".to_owned()))
            .collect();
        questions.push(card("big", "x".repeat(big)));
        raw::Deck {
            id: "big".to_owned(),
            title: "Big".to_owned(),
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

    #[test]
    fn deck_file_text_is_the_pretty_text_when_it_fits() {
        let deck = deck_with(10);
        assert_eq!(deck_file_text(&deck), Ok(to_ron(&deck)));
    }

    #[test]
    fn deck_over_the_limit_only_when_indented_is_written_without_indentation() {
        let small = deck_with(0);
        let unindented_text = to_ron_indented(&small, "");
        let loaded =
            crate::deck::parse_raw(unindented_text.as_bytes(), std::path::Path::new("a.ron"))
                .expect("the unindented text loads");
        assert_eq!(loaded, small);
        let unindented = unindented_text.len() as u64;
        assert!(to_ron(&small).len() as u64 > unindented);
        // Exactly at the limit without indentation, so over it with.
        let deck = deck_with((MAX_DECK_BYTES - unindented) as usize);
        assert!(to_ron(&deck).len() as u64 > MAX_DECK_BYTES);
        let text = deck_file_text(&deck).expect("fits without indentation");
        assert_eq!(text.len() as u64, MAX_DECK_BYTES);
        assert!(!text.contains("\n    "), "still indented");
    }

    #[test]
    fn deck_over_the_limit_even_without_indentation_is_refused_with_what_to_do() {
        let deck = deck_with(MAX_DECK_BYTES as usize);
        let error = deck_file_text(&deck).unwrap_err();
        assert!(error.size_bytes > MAX_DECK_BYTES);
        let message = error.to_string();
        assert!(
            message.contains("at most") || message.contains("more than"),
            "{message}"
        );
        assert!(message.contains("split it into smaller decks"), "{message}");
    }
}
