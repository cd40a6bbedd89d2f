//! Text files that are not UTF-8, as a teacher's Excel saves them, imported the whole way: with
//! `quizdesk import` and in the app. The files are made here, with encoding_rs.

use std::process::{Command, Output};

use super::*;

/// `text` in Windows-1252, as Excel saves "CSV (semicolon delimited)" in Western Europe.
fn windows_1252(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(!unmappable, "{text}");
    bytes.into_owned()
}

/// A question bank with accents, the euro sign and curly quotes, separated by semicolons.
const EUROPEAN: &str = "kind;prompt;correct;wrong;explanation\r\n\
    single;Quel est le prix d\u{2019}un caf\u{e9} \u{e0} Z\u{fc}rich ?;5 \u{20ac};2 \u{20ac}|50 \u{20ac};\u{ab} Cher \u{bb}, dit-on : \u{201c}tr\u{e8}s cher\u{201d}.\r\n\
    flashcard;Wie hei\u{df}t die \u{201e}Stra\u{df}e\u{201c} auf Franz\u{f6}sisch?;la rue;;\u{c4}, \u{f6}, \u{fc} und \u{df} \u{2013} alles da.\r\n";

fn quizdesk(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_quizdesk"))
        .args(args)
        .output()
        .expect("the quizdesk binary runs")
}

#[test]
fn a_windows_1252_csv_with_semicolons_imports_with_its_accents_and_says_so() {
    let dir = common::TempDir::new("import-1252");
    let file = dir.path().join("prix.csv");
    std::fs::write(&file, windows_1252(EUROPEAN)).unwrap();
    let out = dir.path().join("prix.ron");
    let output = quizdesk(&[
        "import",
        file.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let name = file.display();
    assert_eq!(
        stderr,
        format!(
            "{name}: note: read as Windows-1252 (Western European) and converted to UTF-8\n\
             {name}: note: the columns are separated by semicolons (;)\n"
        )
    );
    assert!(
        String::from_utf8_lossy(&output.stdout).starts_with("imported 2 question(s)"),
        "{output:?}"
    );

    let deck = load_deck(&out).unwrap();
    let questions = deck.questions();
    assert_eq!(
        questions[0].prompt,
        "Quel est le prix d\u{2019}un caf\u{e9} \u{e0} Z\u{fc}rich ?"
    );
    let quizdesk::deck::Answer::SingleChoice { options, .. } = &questions[0].answer else {
        panic!("{:?}", questions[0].answer);
    };
    let texts: Vec<&str> = options.iter().map(|o| o.text.as_str()).collect();
    assert_eq!(texts, ["5 \u{20ac}", "2 \u{20ac}", "50 \u{20ac}"]);
    assert_eq!(
        questions[0].explanation.as_deref(),
        Some("\u{ab} Cher \u{bb}, dit-on : \u{201c}tr\u{e8}s cher\u{201d}.")
    );
    assert_eq!(
        questions[1].prompt,
        "Wie hei\u{df}t die \u{201e}Stra\u{df}e\u{201c} auf Franz\u{f6}sisch?"
    );
}

#[test]
fn a_file_that_cannot_be_read_names_the_row_and_column_and_excels_csv_utf8() {
    let dir = common::TempDir::new("import-mixed");
    // Saved as UTF-8, then a row pasted in from a Windows-1252 file.
    let mut bytes = "kind,prompt,correct\nflashcard,Caf\u{e9} ou th\u{e9} ?,th\u{e9}\n"
        .as_bytes()
        .to_vec();
    bytes.extend(windows_1252(
        "flashcard,Cr\u{e8}me br\u{fb}l\u{e9}e ?,oui\n",
    ));
    let file = dir.path().join("mixed.csv");
    std::fs::write(&file, bytes).unwrap();
    let out = dir.path().join("mixed.ron");
    let output = quizdesk(&[
        "import",
        file.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        stderr,
        format!(
            "error: {}: row 3, column B (`prompt`) is not UTF-8 text like the rest of the file; open the file in your spreadsheet app and save it as \"CSV UTF-8 (Comma delimited)\" (in Excel: File → Save As), then import that file\n",
            file.display()
        )
    );
    assert!(!stderr.contains("byte") && !stderr.contains("offset"));
    assert!(!out.exists(), "nothing is written");
}

#[test]
fn the_app_says_how_it_read_the_file_and_previews_the_accents() {
    use egui_kittest::kittest::Queryable as _;
    let dir = common::TempDir::new("import-1252-app");
    let file = dir.path().join("prix.csv");
    std::fs::write(&file, windows_1252(EUROPEAN)).unwrap();
    let mut harness = common::app_harness(
        &dir,
        Some("Teacher"),
        quizdesk::app::StartMode::Library,
        eframe::egui::vec2(1280.0, 900.0),
    );
    harness.get_by_label("Import…").click();
    common::settle(&mut harness);
    harness.get_by_label("File to import:").click();
    common::settle(&mut harness);
    harness
        .get_by_label("File to import:")
        .type_text(file.to_str().unwrap());
    common::settle(&mut harness);
    harness.key_press(eframe::egui::Key::Enter);
    common::settle(&mut harness);
    common::notice(
        &harness,
        &format!(
            "{}: read as Windows-1252 (Western European) and converted to UTF-8; the columns are separated by semicolons (;).",
            file.display()
        ),
    );
    harness.get_by_label("2 question(s) will come in; 0 row(s) will be left out.");
    harness.get_by_label_contains("Quel est le prix d\u{2019}un caf\u{e9} \u{e0} Z\u{fc}rich ?");
}
