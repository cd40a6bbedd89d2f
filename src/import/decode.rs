//! The bytes of a text file to import, as text: UTF-8 as it is, UTF-16 with its byte order mark,
//! and any other encoding (a CSV file saved by Excel in a European locale is Windows-1252)
//! detected with chardetng and converted with encoding_rs, saying what was done. Text that
//! cannot be read is named by its row and column, never by a byte offset.

use std::borrow::Cow;
use std::fmt;

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_8};

use super::ImportError;

/// How a text file is laid out, to say where a problem in it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Layout {
    /// quizdesk's CSV format: a problem is named by row and column.
    Csv,
    /// Lines of text (a Quizlet export): a problem is named by line.
    Lines,
}

/// Text read from a file's bytes.
#[derive(Debug)]
pub(super) struct Decoded<'b> {
    /// The text, without a byte order mark.
    pub(super) text: Cow<'b, str>,
    /// What was done to read it, for the user, when it was not UTF-8.
    pub(super) note: Option<String>,
}

/// Where in a text file a problem is, as a teacher counts: rows and lines from 1, the header
/// being row 1, and columns by their letters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    /// A cell of a CSV file.
    Cell {
        /// The row, from 1 (the header), as a spreadsheet shows it.
        row: usize,
        /// The column, from 1.
        column: usize,
        /// The column's name in the header row, when the problem is below it.
        name: Option<String>,
    },
    /// A line of a text file, from 1.
    Line(usize),
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Cell { row, column, name } => {
                let letters = super::column_letters(column.saturating_sub(1));
                write!(f, "row {row}, column {letters}")?;
                match name {
                    Some(name) => write!(f, " (`{name}`)"),
                    None => Ok(()),
                }
            }
            Self::Line(line) => write!(f, "line {line}"),
        }
    }
}

/// Why text cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TextProblem {
    /// Not in the encoding the file's byte order mark announces.
    NotAsMarked {
        /// The encoding's name, such as "UTF-8".
        encoding: String,
    },
    /// Not UTF-8, while the rest of the file is: parts of the file were saved differently.
    NotUtf8LikeTheRest,
    /// Not in the encoding the file as a whole was detected to be in.
    NotAsDetected {
        /// The encoding's name, such as "Shift_JIS (Japanese)".
        encoding: String,
    },
    /// A control character, which text does not hold: the file is likely no text file at all.
    ControlCharacter(char),
}

impl fmt::Display for TextProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotAsMarked { encoding } => write!(
                f,
                "is not {encoding} text, though the file starts with the mark of {encoding}"
            ),
            Self::NotUtf8LikeTheRest => write!(f, "is not UTF-8 text like the rest of the file"),
            Self::NotAsDetected { encoding } => write!(
                f,
                "cannot be read as {encoding}, the encoding the rest of the file is in"
            ),
            Self::ControlCharacter(c) => write!(
                f,
                "holds the control character U+{:04X}, which is not text (is this a text file?)",
                u32::from(*c)
            ),
        }
    }
}

/// What to do about a file that cannot be read, by layout.
pub(super) fn advice(place: &Place) -> &'static str {
    match place {
        Place::Cell { .. } => {
            "open the file in your spreadsheet app and save it as \"CSV UTF-8 (Comma delimited)\" (in Excel: File → Save As), then import that file"
        }
        Place::Line(_) => {
            "save the file again as UTF-8 text (in Notepad: File → Save As, Encoding: UTF-8), then import that file"
        }
    }
}

/// How the encoding was chosen.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Chosen {
    /// By the byte order mark at the start.
    Mark,
    /// Mostly UTF-8: the parts that are not are mistakes, not another encoding.
    MostlyUtf8,
    /// Detected from the bytes.
    Detected,
}

/// The text of `bytes`. UTF-8 (with or without a byte order mark) is read as it is; UTF-16
/// with a byte order mark is converted; anything else is detected and converted, with a note
/// saying from what. Fails, naming the row and column (or line), when part of the text cannot
/// be read: not in the encoding marked or detected, UTF-8 mixed with another encoding, or a
/// control character where a detected encoding gives text.
pub(super) fn decode(bytes: &[u8], layout: Layout) -> Result<Decoded<'_>, ImportError> {
    let (encoding, body, chosen) = match Encoding::for_bom(bytes) {
        Some((encoding, mark)) => (
            encoding,
            bytes.get(mark..).unwrap_or_default(),
            Chosen::Mark,
        ),
        None => match std::str::from_utf8(bytes) {
            Ok(text) => {
                return Ok(Decoded {
                    text: Cow::Borrowed(text),
                    note: None,
                });
            }
            Err(_) if mostly_utf8(bytes) => (UTF_8, bytes, Chosen::MostlyUtf8),
            Err(_) => (detect(bytes), bytes, Chosen::Detected),
        },
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    if had_errors {
        let problem = match chosen {
            Chosen::Mark => TextProblem::NotAsMarked {
                encoding: name(encoding),
            },
            Chosen::MostlyUtf8 => TextProblem::NotUtf8LikeTheRest,
            Chosen::Detected => TextProblem::NotAsDetected {
                encoding: describe(encoding),
            },
        };
        let at = first_error(encoding, body);
        return Err(unreadable(&text, at, layout, problem));
    }
    // A wrong guess, or a file that is no text (a workbook renamed .csv), gives control
    // characters; a file that says what it is, or is UTF-8, keeps its text as written.
    if chosen == Chosen::Detected
        && let Some((at, c)) = text
            .char_indices()
            .find(|(_, c)| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
    {
        return Err(unreadable(
            &text,
            at,
            layout,
            TextProblem::ControlCharacter(c),
        ));
    }
    let note = (encoding != UTF_8)
        .then(|| format!("read as {} and converted to UTF-8", describe(encoding)));
    Ok(Decoded { text, note })
}

/// Whether bytes that are not all UTF-8 hold at least as many UTF-8 characters beyond ASCII as
/// broken sequences: a UTF-8 file with mistakes (a row pasted from elsewhere), which read as a
/// legacy encoding would garble every accent of the good rows. In a Windows-1252 file, valid
/// UTF-8 sequences are rare accidents (`ß“`) and most accents are broken sequences. A tie is
/// taken for UTF-8: refusing with the row to fix beats importing garbled text.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut valid, mut broken) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        valid += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        broken += usize::from(!chunk.invalid().is_empty());
    }
    valid >= broken
}

/// The encoding chardetng guesses for bytes that are not UTF-8.
fn detect(bytes: &[u8]) -> &'static Encoding {
    // ISO-2022-JP is 7-bit and never a spreadsheet's choice; leaving it out keeps an ASCII
    // file with an escape character from being read as Japanese.
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    detector.guess(None, Utf8Detection::Allow)
}

/// How far the text decodes before the first malformed sequence, as a byte index into the
/// text decoded with replacement (the same up to there).
fn first_error(encoding: &'static Encoding, body: &[u8]) -> usize {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    // With too little room the decoder stops at once, and the problem is placed at the start:
    // only past any file size quizdesk reads.
    let room = decoder
        .max_utf8_buffer_length_without_replacement(body.len())
        .unwrap_or(0);
    let mut decoded = String::with_capacity(room);
    let _ = decoder.decode_to_string_without_replacement(body, &mut decoded, true);
    decoded.len()
}

/// The error for a problem at byte `at` of `text`.
fn unreadable(text: &str, at: usize, layout: Layout, problem: TextProblem) -> ImportError {
    ImportError::Unreadable {
        place: place(text, at, layout),
        problem,
    }
}

/// Where byte `at` of `text` is: its line, or its CSV row and column (the rows as
/// [`super::csv`] counts them: blank lines count, a line break inside quotes does not).
fn place(text: &str, at: usize, layout: Layout) -> Place {
    let before = text.get(..at).unwrap_or(text);
    if layout == Layout::Lines {
        return Place::Line(before.matches('\n').count() + 1);
    }
    let delimiter = char::from(super::csv_format::delimiter(text));
    let (mut row, mut column) = (1, 1);
    let (mut quoted, mut field_start, mut just_closed) = (false, true, false);
    for c in before.chars() {
        if quoted {
            if c == '"' {
                quoted = false;
                just_closed = true;
            }
            continue;
        }
        if c == '"' && (field_start || just_closed) {
            // Opens a quoted field, or is the second of a doubled quote inside one.
            quoted = true;
            just_closed = false;
            field_start = false;
            continue;
        }
        just_closed = false;
        if c == delimiter {
            column += 1;
            field_start = true;
        } else if c == '\n' {
            row += 1;
            column = 1;
            field_start = true;
        } else if c != '\r' {
            field_start = false;
        }
    }
    let name = (row > 1)
        .then(|| header_cell(text, delimiter, column))
        .flatten();
    Place::Cell { row, column, name }
}

/// The header's name for `column` (from 1), if the header row has one.
fn header_cell(text: &str, delimiter: char, column: usize) -> Option<String> {
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(u8::try_from(delimiter).ok()?)
        .from_reader(text.as_bytes());
    let header = reader.records().next()?.ok()?;
    let name = header.get(column.checked_sub(1)?)?.trim();
    (!name.is_empty()).then(|| name.to_owned())
}

/// An encoding's name as people write it: `Windows-1252`, `UTF-16`.
fn name(encoding: &'static Encoding) -> String {
    match encoding.name() {
        "UTF-16LE" | "UTF-16BE" => "UTF-16".to_owned(),
        windows if windows.starts_with("windows-") => windows.replacen('w', "W", 1),
        other => other.to_owned(),
    }
}

/// An encoding's name with the languages it is for, such as `Windows-1252 (Western European)`.
fn describe(encoding: &'static Encoding) -> String {
    let languages = match encoding.name() {
        "windows-1252" => "Western European",
        "windows-1250" | "ISO-8859-2" => "Central European",
        "windows-1251" | "ISO-8859-5" | "KOI8-R" | "KOI8-U" | "IBM866" => "Cyrillic",
        "windows-1253" | "ISO-8859-7" => "Greek",
        "windows-1254" => "Turkish",
        "windows-1255" | "ISO-8859-8" | "ISO-8859-8-I" => "Hebrew",
        "windows-1256" | "ISO-8859-6" => "Arabic",
        "windows-1257" | "ISO-8859-4" | "ISO-8859-13" => "Baltic",
        "windows-1258" => "Vietnamese",
        "windows-874" => "Thai",
        "Shift_JIS" | "EUC-JP" | "ISO-2022-JP" => "Japanese",
        "EUC-KR" => "Korean",
        "GBK" | "gb18030" => "Simplified Chinese",
        "Big5" => "Traditional Chinese",
        _ => return name(encoding),
    };
    format!("{} ({languages})", name(encoding))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn windows_1252(text: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
        assert!(!unmappable, "{text}");
        bytes.into_owned()
    }

    fn decoded(bytes: &[u8]) -> (String, Option<String>) {
        match decode(bytes, Layout::Csv) {
            Ok(d) => (d.text.into_owned(), d.note),
            Err(e) => panic!("{e}"),
        }
    }

    fn error(bytes: &[u8], layout: Layout) -> ImportError {
        match decode(bytes, layout) {
            Ok(d) => panic!("read as {:?}", d.text),
            Err(e) => e,
        }
    }

    #[test]
    fn utf8_is_read_as_it_is_with_or_without_its_mark() {
        assert_eq!(
            decoded("kind,prompt\n".as_bytes()),
            ("kind,prompt\n".into(), None)
        );
        let (text, note) = decoded("\u{feff}caf\u{e9},\u{20ac}".as_bytes());
        assert_eq!((text.as_str(), note), ("caf\u{e9},\u{20ac}", None));
        assert!(matches!(
            decode(b"plain", Layout::Csv).map(|d| d.text),
            Ok(Cow::Borrowed("plain"))
        ));
    }

    #[test]
    fn utf16_with_its_mark_is_converted() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "kind\tprompt\ncaf\u{e9}".encode_utf16() {
            bytes.extend(unit.to_le_bytes());
        }
        assert_eq!(
            decoded(&bytes),
            (
                "kind\tprompt\ncaf\u{e9}".to_owned(),
                Some("read as UTF-16 and converted to UTF-8".to_owned())
            )
        );
    }

    #[test]
    fn windows_1252_is_detected_and_converted() {
        let text = "kind;prompt;correct\nflashcard;\u{201c}Caf\u{e9}\u{201d} in M\u{fc}nchen?;5 \u{20ac}\n";
        assert_eq!(
            decoded(&windows_1252(text)),
            (
                text.to_owned(),
                Some("read as Windows-1252 (Western European) and converted to UTF-8".to_owned())
            )
        );
        // German quotes around ß make one valid UTF-8 pair by accident; still Windows-1252.
        let german =
            "kind,prompt,correct\nflashcard,Wie hei\u{df}t die \u{201e}Stra\u{df}e\u{201c}?,B\n";
        assert_eq!(decoded(&windows_1252(german)).0, german);
    }

    #[test]
    fn a_row_of_another_encoding_in_a_utf8_file_is_named_by_row_and_column() {
        let mut bytes = "kind,prompt,correct\nflashcard,Caf\u{e9} cr\u{e8}me,\u{e9}t\u{e9}\n"
            .as_bytes()
            .to_vec();
        bytes.extend(windows_1252("flashcard,\"two\nlines\",d\u{e9}j\u{e0}\n"));
        let err = error(&bytes, Layout::Csv);
        assert_eq!(
            err,
            ImportError::Unreadable {
                place: Place::Cell {
                    row: 3,
                    column: 3,
                    name: Some("correct".to_owned())
                },
                problem: TextProblem::NotUtf8LikeTheRest
            }
        );
        assert_eq!(
            err.to_string(),
            "row 3, column C (`correct`) is not UTF-8 text like the rest of the file; open the file in your spreadsheet app and save it as \"CSV UTF-8 (Comma delimited)\" (in Excel: File → Save As), then import that file"
        );
    }

    #[test]
    fn a_file_marked_utf8_that_is_not_is_named_where_it_breaks() {
        let mut bytes = b"\xEF\xBB\xBFkind;prompt\n\n\"a;\"\"b\"\";c\";".to_vec();
        bytes.push(0xE9);
        assert_eq!(
            error(&bytes, Layout::Csv).to_string(),
            "row 3, column B (`prompt`) is not UTF-8 text, though the file starts with the mark of UTF-8; open the file in your spreadsheet app and save it as \"CSV UTF-8 (Comma delimited)\" (in Excel: File → Save As), then import that file"
        );
        assert!(matches!(
            error(&bytes, Layout::Lines),
            ImportError::Unreadable {
                place: Place::Line(3),
                ..
            }
        ));
    }

    #[test]
    fn a_binary_file_is_refused_by_its_control_characters() {
        let bytes = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xe9\xff\x90";
        let err = error(bytes, Layout::Csv);
        assert!(
            matches!(
                err,
                ImportError::Unreadable {
                    place: Place::Cell {
                        row: 1,
                        column: 1,
                        name: None
                    },
                    problem: TextProblem::ControlCharacter('\u{3}')
                }
            ),
            "{err:?}"
        );
        assert!(err.to_string().contains("U+0003"), "{err}");
        assert!(
            err.to_string().contains("CSV UTF-8 (Comma delimited)"),
            "{err}"
        );
    }

    #[test]
    fn a_quote_inside_an_unquoted_field_is_text() {
        // `5" screen` has a quote in the middle of a field: no quoted field starts there.
        let text = "kind,prompt\nflashcard,5\" screen,\u{fffd}";
        assert_eq!(
            place(text, text.len() - 3, Layout::Csv),
            Place::Cell {
                row: 2,
                column: 3,
                name: None
            }
        );
    }

    #[test]
    fn encodings_are_named_for_people() {
        assert_eq!(
            describe(encoding_rs::WINDOWS_1250),
            "Windows-1250 (Central European)"
        );
        assert_eq!(describe(encoding_rs::SHIFT_JIS), "Shift_JIS (Japanese)");
        assert_eq!(describe(encoding_rs::UTF_16BE), "UTF-16");
        assert_eq!(super::super::column_letters(27), "AB");
    }
}
