//! Folders and paths that are not plain deck files: symbolic-link loops, named pipes, devices
//! and folders given where a file is expected. Each is answered at once with what it is, and a
//! walk lists every deck once.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::{Command, Output};

use eframe::egui;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use quizdesk::app::{Screen, StartMode};

mod common;
use common::TempDir;

fn quizdesk(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_quizdesk"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the quizdesk binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn sample_deck(dir: &Path, name: &str) {
    let sample =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("decks/sample-every-kind.ron"))
            .unwrap();
    std::fs::write(dir.join(name), sample).unwrap();
}

/// Makes a named pipe with the system's `mkfifo`; false (the test is skipped) without one.
fn mkfifo(path: &Path) -> bool {
    match Command::new("mkfifo").arg(path).status() {
        Ok(status) => {
            assert!(status.success(), "mkfifo {} failed", path.display());
            true
        }
        Err(e) => {
            eprintln!("skipped: mkfifo cannot run ({e})");
            false
        }
    }
}

#[cfg(unix)]
#[test]
fn check_walks_symbolic_link_loops_once_and_lists_each_deck_once() {
    let dir = TempDir::new("links");
    sample_deck(dir.path(), "deck.ron");
    // Two links to the folder itself made the walk exponential; one listed the deck 41 times.
    std::os::unix::fs::symlink(".", dir.path().join("a")).unwrap();
    std::os::unix::fs::symlink(".", dir.path().join("b")).unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::os::unix::fs::symlink("..", dir.path().join("sub/up")).unwrap();
    // A second name for the same file is the same deck, not a duplicate id.
    std::os::unix::fs::symlink("deck.ron", dir.path().join("same.ron")).unwrap();
    let output = quizdesk(&["check", dir.path().to_str().unwrap()]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{text}{}", stderr(&output));
    assert!(
        text.ends_with("checked 1 deck(s): 1 valid, 0 with errors (0 error(s) in all)\n"),
        "{text}"
    );
    assert_eq!(text.matches("ok: ").count(), 1, "{text}");
}

#[cfg(unix)]
#[test]
fn a_named_pipe_in_a_decks_folder_is_reported_not_waited_on() {
    let dir = TempDir::new("fifo");
    sample_deck(dir.path(), "deck.ron");
    let pipe = dir.path().join("pipe.ron");
    if !mkfifo(&pipe) {
        return;
    }
    let output = quizdesk(&["check", dir.path().to_str().unwrap()]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(
        text.contains(&format!(
            "{}:1:1: error: this is a named pipe (FIFO), not a deck file\n",
            pipe.display()
        )),
        "{text}"
    );
    assert!(
        text.contains("= help: quizdesk reads decks from regular files only"),
        "{text}"
    );
    assert!(text.contains("1 valid, 1 with errors"), "{text}");

    // Named directly, and among results files, it is refused the same way.
    let direct = quizdesk(&["check", pipe.to_str().unwrap()]);
    assert_eq!(direct.status.code(), Some(1));
    assert!(
        stdout(&direct).contains("not a deck file"),
        "{}",
        stdout(&direct)
    );
    let results = dir.path().join("results.json");
    assert!(mkfifo(&results));
    let class = quizdesk(&["class", dir.path().to_str().unwrap()]);
    assert_eq!(class.status.code(), Some(1));
    assert!(
        stderr(&class).contains(&format!(
            "{}: skipped: this is a named pipe (FIFO), not a results file",
            results.display()
        )),
        "{}",
        stderr(&class)
    );
}

#[cfg(unix)]
#[test]
fn dev_zero_is_refused_at_the_limit_by_check_class_and_import() {
    let check = quizdesk(&["check", "/dev/zero"]);
    assert_eq!(check.status.code(), Some(1));
    assert!(
        stdout(&check).starts_with(&format!(
            "/dev/zero:1:1: error: this file is more than {0} bytes; a deck may be at most {0} bytes\n",
            quizdesk::deck::MAX_DECK_BYTES
        )),
        "{}",
        stdout(&check)
    );

    let dir = TempDir::new("dev-zero");
    let data = dir.path().to_str().unwrap();
    let class = quizdesk(&["--data-dir", data, "class", "/dev/zero"]);
    assert_eq!(class.status.code(), Some(1));
    assert!(
        stderr(&class).contains(&format!(
            "/dev/zero: skipped: this file is more than {} bytes, too large to be a results file",
            quizdesk::class::MAX_RESULTS_BYTES
        )),
        "{}",
        stderr(&class)
    );

    let out = dir.path().join("zero.ron");
    let import = quizdesk(&["import", "/dev/zero", "-o", out.to_str().unwrap()]);
    assert_eq!(import.status.code(), Some(1));
    assert_eq!(
        stderr(&import),
        format!(
            "error: /dev/zero is more than {} bytes, too large to import (the limit is {} bytes); was the wrong file chosen?\n",
            quizdesk::import::MAX_IMPORT_BYTES,
            quizdesk::import::MAX_IMPORT_BYTES
        )
    );
    assert!(!out.exists());
}

#[test]
fn check_and_import_of_a_folder_say_it_is_a_folder() {
    let dir = TempDir::new("folder-as-file");
    let folder = dir.path().join("notes.ron");
    std::fs::create_dir(&folder).unwrap();
    let out = dir.path().join("out.ron");
    let import = quizdesk(&[
        "import",
        folder.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(import.status.code(), Some(1));
    assert!(
        stderr(&import).contains("is a folder, not a file; choose the exported file itself"),
        "{}",
        stderr(&import)
    );
    let load = quizdesk::deck::load_deck(&folder).unwrap_err();
    let d = &load.report().diagnostics[0];
    assert_eq!(d.problem.code(), "not-a-file");
    assert_eq!(d.message(), "this is a folder, not a deck file");
}

#[test]
fn quiz_on_a_folder_is_refused_at_once_and_nothing_is_opened() {
    let dir = TempDir::new("quiz-folder");
    let folder = dir.path().join("somewhere");
    std::fs::create_dir(&folder).unwrap();
    let mut harness = common::app_harness(
        &dir,
        Some("Sam"),
        StartMode::Quiz {
            deck: folder.display().to_string(),
            count: None,
            seed: Some(1),
        },
        egui::vec2(1024.0, 1600.0),
    );
    common::settle(&mut harness);
    assert_eq!(harness.state().screen(), Screen::Library);
    common::notice(
        &harness,
        &format!(
            "{} is a folder, not a deck file. Give the path of a .ron deck file",
            folder.display()
        ),
    );
    // Not added to the library (whose folders are watched for changes).
    // (Besides the notice, its status node says the same words to a screen reader.)
    let mentions = harness
        .query_all_by_label_contains(&folder.display().to_string())
        .filter(|n| n.accesskit_node().role() != egui::accesskit::Role::Status)
        .count();
    assert_eq!(mentions, 1, "only the notice names the folder");
}

#[test]
fn edit_on_a_huge_deck_file_is_refused_without_reading_it() {
    let dir = TempDir::new("huge-edit");
    let decks = dir.path().join("decks");
    std::fs::create_dir_all(&decks).unwrap();
    let huge = decks.join("huge.ron");
    // Sparse: 1 TiB that takes no disk space. Reading it all, as "Edit" did, cannot even be
    // allocated.
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(1 << 40)
        .unwrap();
    let mut harness = common::app_harness(
        &dir,
        Some("Sam"),
        StartMode::Library,
        egui::vec2(1024.0, 2400.0),
    );
    common::settle(&mut harness);
    harness.get_by_label("Edit: huge.ron").click();
    common::settle(&mut harness);
    assert_eq!(harness.state().screen(), Screen::Library);
    let notice = harness.state().notices().last().map(|n| n.text.clone());
    let notice = notice.unwrap_or_default();
    assert!(
        notice.contains(&format!(
            "error: this file is {} bytes; a deck may be at most",
            1_u64 << 40
        )),
        "{notice}"
    );
}

#[test]
fn an_import_with_a_hidden_deck_id_is_refused() {
    let dir = TempDir::new("hidden-id");
    let out = dir.path().join("imported.ron");
    let output = quizdesk(&[
        "import",
        "tests/fixtures/import/kahoot.xlsx",
        "--id",
        "..",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    assert!(
        stderr(&output).contains("`..` is not a valid deck id (ids start with a lowercase letter"),
        "{}",
        stderr(&output)
    );
    assert!(!out.exists());
}
