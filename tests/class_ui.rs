//! The Class results screen driven as a teacher would: results files added by typing a folder's
//! path and by dropping files on the window, the table and the chart found by their accessible
//! labels, and the exported CSV read back cell by cell. The files are `tests/fixtures/class/`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use quizdesk::app::{Screen, StartMode};
use quizdesk::ui::Shell;

mod common;
use common::{TempDir, settle};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/class")
}

fn harness(dir: &TempDir) -> Harness<'static, Shell> {
    common::app_harness(
        dir,
        Some("Teacher"),
        StartMode::Library,
        egui::vec2(1280.0, 2400.0),
    )
}

/// A file dropped on the window, as the windowing system hands it over.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

/// A dropped file that comes with its contents only.
#[derive(Debug)]
struct BytesOnly(PathBuf);

impl egui::DroppedFile for BytesOnly {
    fn path(&self) -> &Path {
        Path::new("")
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

fn file_names(harness: &Harness<'static, Shell>) -> Vec<String> {
    // The list's remove buttons name their file.
    let mut names: Vec<String> = harness
        .query_all_by_label_contains("Remove ")
        .map(|n| {
            use egui_kittest::kittest::NodeT as _;
            n.accesskit_node()
                .label()
                .unwrap_or_default()
                .trim_start_matches("Remove ")
                .to_owned()
        })
        .collect();
    names.sort();
    names
}

#[test]
fn class_results_from_a_typed_folder_and_dropped_files_with_table_chart_and_csv() {
    let dir = TempDir::new("class-ui");
    let mut harness = harness(&dir);
    harness.get_by_label("Class results").click();
    settle(&mut harness);
    assert_eq!(harness.state().screen(), Screen::Class);
    harness.get_by_label("Drop students' results files here");

    // A folder, typed: every file in it, the broken one with where and why.
    let folder = fixtures().display().to_string();
    harness.get_by_label("Results file or folder:").click();
    settle(&mut harness);
    harness
        .get_by_label("Results file or folder:")
        .type_text(&folder);
    settle(&mut harness);
    harness.get_by_label("Add files or folder").click();
    settle(&mut harness);
    harness.get_by_label("Files: 4 read, 1 skipped");
    harness
        .get_by_label_contains("broken.json: skipped: line 12, column 7: this is not valid JSON");
    harness.get_by_label_contains("copy-of-ann.json: Ann; 5 quiz answers on this deck; everything in it was already read from ann.json: counted once");
    harness.get_by_label_contains("cy.json: Cy; 3 quiz answers on this deck; answered version 2 (1 session) of the deck; the table is for version 1; still counted");
    assert_eq!(harness.state().class_table().unwrap().students.len(), 4);

    // Remove the broken file, then clear the list.
    harness.get_by_label("Remove broken.json").click();
    settle(&mut harness);
    harness.get_by_label("Files read: 4");
    harness.get_by_label("Clear").click();
    settle(&mut harness);
    assert!(harness.state().class_table().is_none());
    assert!(file_names(&harness).is_empty());

    // The same files dropped on the window (the copy of Ann's file too).
    for name in [
        "ann.json",
        "copy-of-ann.json",
        "lab-computer.json",
        "cy.json",
    ] {
        harness
            .input_mut()
            .dropped_files
            .push(Arc::new(Dropped(fixtures().join(name))));
    }
    settle(&mut harness);
    assert_eq!(
        file_names(&harness),
        [
            "ann.json",
            "copy-of-ann.json",
            "cy.json",
            "lab-computer.json"
        ]
    );

    // The deck is in the library: its questions in order, with their text.
    harness.get_by_label("Sample: every question kind, version 1");
    harness.get_by_label(
        "Question 1 (largest-planet): Which is the largest planet in the solar system?",
    );
    harness.get_by_label("Question 15 (moons-of-mars) (not in the deck)");
    // Cells, scores and the class row.
    harness.get_by_label("Ann, largest-planet: 100% (1 answer)");
    harness.get_by_label("Ann, closest-to-sun: 50% (2 answers)");
    harness.get_by_label("Ann: score 60%");
    harness
        .get_by_label("Cy: answered version 2 (1 session) of the deck; the table is for version 1");
    harness.get_by_label("Class accuracy, largest-planet: 75% (4 students)");
    harness.get_by_label("Class accuracy, number-of-planets: 25% (2 students)");
    harness.get_by_label("Class score: 62.9%");
    harness
        .get_by_label("4 duplicate sessions merged: each session and each answer is counted once.");
    // The chart, hardest first.
    harness.get_by_label_contains("Class accuracy per question chart: 6 of 6 questions, hardest first: Q8. How many planets orbit the Sun? (25%); Q2. Which planet is closest to the... (50%)");
    harness.get_by_label_contains(
        "Hardest: Q8. How many planets orbit the Sun? (25%); Q2. Which planet is closest to the... (50%)",
    );

    // Two decks in the files: the other one can be chosen, and back.
    harness
        .get_by_label("Deck: Fentanyl and social media (fentanyl-social-media)")
        .click();
    settle(&mut harness);
    assert_eq!(
        harness
            .state()
            .class_table()
            .unwrap()
            .deck
            .as_ref()
            .unwrap()
            .id
            .as_str(),
        "fentanyl-social-media"
    );
    harness
        .get_by_label("Deck: Sample: every question kind (sample-every-kind)")
        .click();
    settle(&mut harness);

    harness.get_by_label("Export CSV").click();
    settle(&mut harness);
    let exports = common::exported_files(&dir);
    assert_eq!(exports.len(), 1);
    let name = exports[0]
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    assert!(
        name.starts_with("class-") && name.ends_with(".csv"),
        "{name}"
    );
    common::notice(
        &harness,
        &format!("was written to {}", exports[0].display()),
    );
    check_exported_csv(&std::fs::read_to_string(&exports[0]).unwrap());

    // A platform that hands over a dropped file's contents without its path.
    harness
        .input_mut()
        .dropped_files
        .push(Arc::new(BytesOnly(fixtures().join("cy.json"))));
    settle(&mut harness);
    harness.get_by_label_contains(
        "dropped file: Cy; 3 quiz answers on this deck; everything in it was already read from cy.json: counted once",
    );
    assert_eq!(harness.state().class_table().unwrap().duplicate_sessions, 5);

    harness.key_press(egui::Key::Escape);
    settle(&mut harness);
    assert_eq!(harness.state().screen(), Screen::Library);
}

/// The CSV, cell by cell: the deck's 14 questions in order, then the one it does not have.
fn check_exported_csv(csv: &str) {
    let ids = [
        "largest-planet",
        "closest-to-sun",
        "earth-orbit-time",
        "gas-giants",
        "planets-with-rings",
        "sun-is-a-star",
        "pluto-is-a-planet",
        "number-of-planets",
        "sunlight-travel-time",
        "earth-sun-distance",
        "earths-satellite",
        "helium-symbol",
        "inner-planets-order",
        "planet-features",
        "moons-of-mars",
    ];
    let row = |first: [&str; 4], cells: &[(&str, &str)]| -> Vec<String> {
        let mut row: Vec<String> = first.iter().map(|s| (*s).to_owned()).collect();
        row.extend(ids.iter().map(|id| {
            cells
                .iter()
                .find(|(q, _)| q == id)
                .map_or_else(String::new, |(_, v)| (*v).to_owned())
        }));
        row
    };
    let mut header: Vec<String> = ["student", "score_percent", "questions_answered", "flag"]
        .map(str::to_owned)
        .to_vec();
    header.extend(ids.map(str::to_owned));
    let expected = [
        header,
        row(
            ["Ann", "60", "5", ""],
            &[
                ("largest-planet", "100"),
                ("closest-to-sun", "50"),
                ("sun-is-a-star", "100"),
                ("pluto-is-a-planet", "0"),
                ("number-of-planets", "50"),
            ],
        ),
        row(
            ["Ben", "100", "4", ""],
            &[
                ("largest-planet", "100"),
                ("closest-to-sun", "100"),
                ("sun-is-a-star", "100"),
                ("pluto-is-a-planet", "100"),
            ],
        ),
        row(
            [
                "Cy",
                "66.7",
                "3",
                "answered version 2 (1 session) of the deck; the table is for version 1",
            ],
            &[
                ("largest-planet", "100"),
                ("sun-is-a-star", "0"),
                ("moons-of-mars", "100"),
            ],
        ),
        row(
            ["Dee", "25", "4", ""],
            &[
                ("largest-planet", "0"),
                ("closest-to-sun", "0"),
                ("pluto-is-a-planet", "100"),
                ("number-of-planets", "0"),
            ],
        ),
        row(
            ["(class accuracy)", "62.9", "6", ""],
            &[
                ("largest-planet", "75"),
                ("closest-to-sun", "50"),
                ("sun-is-a-star", "66.7"),
                ("pluto-is-a-planet", "66.7"),
                ("number-of-planets", "25"),
                ("moons-of-mars", "100"),
            ],
        ),
    ];
    let rows: Vec<Vec<String>> = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    assert_eq!(rows.len(), expected.len(), "{csv}");
    for (row, want) in rows.iter().zip(&expected) {
        assert_eq!(row, want, "{csv}");
    }
}
