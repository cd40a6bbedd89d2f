//! Excel spreadsheets: Kahoot's quiz spreadsheet, and quizdesk's own columns as in
//! assets/import-template.xlsx, told apart by the header row; both within the same limits.

use super::*;

fn asset(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets")
        .join(name)
}

// ----- Kahoot ----------------------------------------------------------------------------------

#[test]
fn kahoot_spreadsheet_imports_choices_and_skips_rows_it_cannot_trust() {
    let bytes = std::fs::read(fixture("kahoot.xlsx")).unwrap();
    let imported = import::xlsx(&bytes, &options()).unwrap();
    valid(&imported);
    assert_eq!(
        imported.notes,
        ["read the sheet \"Sheet1\", in Kahoot's quiz spreadsheet layout"]
    );
    let timed = |secs, q: Question| Question {
        time_limit_secs: Some(secs),
        ..q
    };
    assert_eq!(
        imported.deck.questions,
        [
            timed(
                20,
                question(
                    "what-is-the-capital-of-france",
                    "What is the capital of France?",
                    Answer::SingleChoice {
                        options: choices(&["Paris"], &["London", "Berlin", "Madrid"]),
                        keep_order: false
                    }
                )
            ),
            timed(
                30,
                question(
                    "which-of-these-are-prime-numbers",
                    "Which of these are prime numbers?",
                    Answer::MultiSelect {
                        options: choices(&["2", "3"], &["4", "9"]),
                        keep_order: false
                    }
                )
            ),
            timed(
                10,
                question(
                    "is-the-earth-flat",
                    "Is the Earth flat?",
                    Answer::SingleChoice {
                        options: vec![
                            Choice::Wrong("True".to_owned()),
                            Choice::Correct("False".to_owned())
                        ],
                        keep_order: false
                    }
                )
            ),
            timed(
                60,
                question(
                    "who-painted-the-mona-lisa",
                    "Who painted the Mona Lisa?",
                    Answer::SingleChoice {
                        options: choices(&["Leonardo da Vinci"], &["Michelangelo", "Raphael"]),
                        keep_order: false
                    }
                )
            ),
            timed(
                240,
                question(
                    "which-of-these-are-noble-gases",
                    "Which of these are noble gases?",
                    Answer::MultiSelect {
                        options: vec![
                            Choice::Correct("Helium".to_owned()),
                            Choice::Wrong("Oxygen".to_owned()),
                            Choice::Correct("Neon".to_owned()),
                            Choice::Wrong("Nitrogen".to_owned()),
                        ],
                        keep_order: false
                    }
                )
            ),
        ]
    );
    assert_eq!(
        imported.skipped,
        skipped(&[
            (
                13,
                "correct answer 3 points at an empty answer; fill in answer 3 or correct the number"
            ),
            (14, "the question is empty"),
            (
                15,
                "no correct answer is given; write the number of each right answer in Correct answer(s), such as 2 or 1,3"
            ),
            (16, "the question has 1 answer(s); it needs at least 2"),
            (
                17,
                "the time limit `0` is not a whole number of seconds from 1 to 3600; fix it or clear the cell for no limit"
            ),
            (
                18,
                "every answer is marked correct; a question needs at least one wrong answer"
            ),
            (
                19,
                "correct answer 5 does not exist; the answers are numbered 1 to 4"
            ),
            (20, "`Rome` is both a `Correct` and a `Wrong` option"),
            (
                23,
                "the time limit `twenty` is not a whole number of seconds from 1 to 3600; fix it or clear the cell for no limit"
            ),
        ])
    );
}

/// The spreadsheet at `path` with its first sheet's XML changed by `edit`, and `extra` files
/// added (stored, uncompressed).
fn xlsx_with(path: &Path, edit: impl Fn(&str) -> String, extra: &[(&str, Vec<u8>)]) -> Vec<u8> {
    use std::io::{Read as _, Write as _};
    let bytes = std::fs::read(path).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let name = file.name().unwrap().into_owned();
        let mut content = Vec::new();
        file.read_to_end(&mut content).unwrap();
        if name == "xl/worksheets/sheet1.xml" {
            content = edit(&String::from_utf8(content).unwrap()).into_bytes();
        }
        out.start_file(name, stored).unwrap();
        out.write_all(&content).unwrap();
    }
    for (name, content) in extra {
        out.start_file(*name, stored).unwrap();
        out.write_all(content).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// The Kahoot fixture, changed as [`xlsx_with`] does.
fn kahoot_with(edit: impl Fn(&str) -> String, extra: &[(&str, Vec<u8>)]) -> Vec<u8> {
    xlsx_with(&fixture("kahoot.xlsx"), edit, extra)
}

#[test]
fn a_cell_far_out_in_a_spreadsheet_is_refused_without_allocating_for_the_gap() {
    // One cell at the last place a sheet has: this made the importer ask for 512 GiB.
    for (cell, row) in [
        ("XFD1048576", 1_048_576),
        ("XFD6000", 6000),
        ("A20000", 20_000),
    ] {
        let bytes = kahoot_with(
            |xml| {
                xml.replace(
                    "</sheetData>",
                    &format!(
                        "<row r=\"{row}\"><c r=\"{cell}\" t=\"inlineStr\"><is><t>x</t></is></c></row></sheetData>"
                    ),
                )
            },
            &[],
        );
        let error = import::xlsx(&bytes, &options()).unwrap_err();
        let message = error.to_string();
        assert!(
            matches!(error, ImportError::SpreadsheetTooLarge { .. }),
            "{message}"
        );
        assert!(message.contains(&format!("cell {cell}")), "{message}");
        assert!(message.contains("10000 rows and 64 columns"), "{message}");
    }
    // The same sheet without it still imports.
    let plain = kahoot_with(str::to_owned, &[]);
    assert!(import::xlsx(&plain, &options()).is_ok());
}

#[test]
fn a_spreadsheet_that_unpacks_to_more_than_the_limit_is_refused_before_unpacking() {
    let bytes = kahoot_with(
        str::to_owned,
        &[(
            "xl/media/huge.bin",
            vec![0; (import::MAX_UNPACKED_BYTES + 1) as usize],
        )],
    );
    let error = import::xlsx(&bytes, &options()).unwrap_err();
    let message = error.to_string();
    assert!(
        matches!(error, ImportError::SpreadsheetTooLarge { .. }),
        "{message}"
    );
    assert!(message.contains("unpacks to more than 64 MiB"), "{message}");
}

#[test]
fn spreadsheet_with_neither_header_or_not_xlsx_fails_with_advice() {
    let bytes = std::fs::read(fixture("no-header.xlsx")).unwrap();
    let err = import::xlsx(&bytes, &options()).unwrap_err();
    assert_eq!(err, ImportError::NoHeaderRow);
    // The message names both layouts, and where to start from.
    assert_eq!(
        err.to_string(),
        "no sheet in this spreadsheet has a header row quizdesk knows: quizdesk's columns (a first row naming `kind`, `prompt` and `correct`, as in assets/import-template.xlsx) or Kahoot's (a row with \"Question\", \"Answer 1\", \"Answer 2\" … and \"Correct answer(s)\"); start from assets/import-template.xlsx or from Kahoot's quiz spreadsheet template"
    );
    let csv =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/import-template.csv"))
            .unwrap();
    let err = import::xlsx(&csv, &options()).unwrap_err();
    assert!(matches!(err, ImportError::NotXlsx { .. }), "{err:?}");
    assert!(
        err.to_string()
            .starts_with("this is not an .xlsx spreadsheet ("),
        "{err}"
    );
}

#[test]
fn kahoot_header_without_correct_answers_column_is_named() {
    let bytes = std::fs::read(fixture("no-correct-column.xlsx")).unwrap();
    let err = import::xlsx(&bytes, &options()).unwrap_err();
    assert_eq!(
        err,
        ImportError::MissingKahootColumns {
            row: 1,
            names: strings(&["Correct answer(s)"])
        }
    );
    assert_eq!(
        err.to_string(),
        "row 1 looks like Kahoot's header row but has no `Correct answer(s)` column(s); use the headers of Kahoot's quiz spreadsheet template"
    );
}

// ----- quizdesk's columns ----------------------------------------------------------------------

#[test]
fn the_xlsx_template_imports_the_same_questions_as_the_csv_template() {
    let from_csv = import::csv(
        &std::fs::read_to_string(asset("import-template.csv")).unwrap(),
        &options(),
    )
    .unwrap();
    let from_xlsx = import::xlsx(
        &std::fs::read(asset("import-template.xlsx")).unwrap(),
        &options(),
    )
    .unwrap();
    valid(&from_xlsx);
    assert_eq!(from_xlsx.skipped, []);
    // Equal question for question, so the two templates cannot drift apart: after a change to
    // one, make the other say the same (the .xlsx in any spreadsheet app).
    assert_eq!(from_xlsx.deck, from_csv.deck);
    assert_eq!(
        from_xlsx.notes,
        ["read the sheet \"Questions\", in quizdesk's columns"]
    );
    // The .xlsx template is small enough to sit in the repository and a teacher's mail.
    let size = std::fs::metadata(asset("import-template.xlsx"))
        .unwrap()
        .len();
    assert!(size < 16 * 1024, "{size} bytes");
}

/// `xml` with the cell named `cell` (such as `C6`) replaced by `with`.
fn replace_cell(xml: &str, cell: &str, with: &str) -> String {
    let start = xml
        .find(&format!("<c r=\"{cell}\""))
        .unwrap_or_else(|| panic!("no cell {cell}"));
    let end = start + xml[start..].find("</c>").unwrap() + "</c>".len();
    format!("{}{with}{}", &xml[..start], &xml[end..])
}

#[test]
fn a_sheet_in_quizdesks_columns_reads_numbers_and_booleans_and_skips_error_cells() {
    let bytes = xlsx_with(
        &asset("import-template.xlsx"),
        |xml| {
            // Excel turns `true` into TRUE and `30` into a number as they are typed.
            let xml = replace_cell(xml, "C6", r#"<c r="C6" t="b"><v>1</v></c>"#);
            let xml = replace_cell(&xml, "C15", r#"<c r="C15"><v>30</v></c>"#);
            replace_cell(&xml, "C3", r#"<c r="C3" t="e"><v>#N/A</v></c>"#)
        },
        &[],
    );
    let imported = import::xlsx(&bytes, &options()).unwrap();
    assert_eq!(
        imported.skipped,
        skipped(&[(3, "cell C3 shows the spreadsheet error #N/A")])
    );
    let template = import::xlsx(
        &std::fs::read(asset("import-template.xlsx")).unwrap(),
        &options(),
    )
    .unwrap()
    .deck
    .questions;
    let mut expected = template;
    expected.remove(1);
    assert_eq!(imported.deck.questions, expected);
}

#[test]
fn a_sheet_in_quizdesks_columns_has_the_csv_formats_header_rules_and_limits() {
    let misspelt = xlsx_with(
        &asset("import-template.xlsx"),
        |xml| {
            replace_cell(
                xml,
                "J1",
                r#"<c r="J1" t="inlineStr"><is><t>idd</t></is></c>"#,
            )
        },
        &[],
    );
    assert_eq!(
        import::xlsx(&misspelt, &options()),
        Err(ImportError::UnknownColumns {
            names: strings(&["idd"])
        })
    );
    let far = xlsx_with(
        &asset("import-template.xlsx"),
        |xml| {
            xml.replace(
                "</sheetData>",
                r#"<row r="20000"><c r="A20000" t="inlineStr"><is><t>x</t></is></c></row></sheetData>"#,
            )
        },
        &[],
    );
    let error = import::xlsx(&far, &options()).unwrap_err();
    assert!(
        matches!(error, ImportError::SpreadsheetTooLarge { .. }),
        "{error}"
    );
    assert!(error.to_string().contains("cell A20000"), "{error}");
}

#[test]
fn the_xlsx_template_imports_from_the_command_line() {
    let dir = common::TempDir::new("import-template-xlsx");
    let out = dir.path().join("template.ron");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_quizdesk"))
        .args(["import", "assets/import-template.xlsx", "-o"])
        .arg(&out)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "assets/import-template.xlsx: note: read the sheet \"Questions\", in quizdesk's columns\n"
    );
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        format!(
            "imported 14 question(s) from assets/import-template.xlsx (Excel spreadsheet (.xlsx)) into {}; 0 row(s) skipped\n",
            out.display()
        )
    );
}
