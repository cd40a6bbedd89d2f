//! The command line, run as a teacher would run it.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::{Command, Output};

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

#[test]
fn check_bundled_decks_folder_exits_zero() {
    let output = quizdesk(&["check", "decks/"]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{text}");
    assert!(
        text.contains("ok: decks/fentanyl-social-media.ron ("),
        "{text}"
    );
    assert!(text.contains("ok: decks/sample-every-kind.ron ("), "{text}");
    // The bundled decks may have item-writing warnings, never errors.
    assert!(text.contains("0 with errors (0 error(s)"), "{text}");
    assert!(!text.contains(": error:"), "{text}");
}

#[test]
fn check_json_of_valid_decks_has_no_diagnostics() {
    let output = quizdesk(&["check", "decks", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["invalid"], 0);
    assert_eq!(json["errors"], 0);
    assert!(json["valid"].as_u64().unwrap() >= 2);
    // Only warnings, if anything: the bundled decks have no errors.
    for d in json["diagnostics"].as_array().unwrap() {
        assert_eq!(d["severity"], "warning", "{d:#}");
    }
}

#[test]
fn check_missing_file_is_an_error_with_exit_one() {
    let output = quizdesk(&["check", "no/such/deck.ron"]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(
        text.starts_with("no/such/deck.ron:1:1: error: cannot read this file: "),
        "{text}"
    );
}

#[test]
fn check_without_paths_is_a_usage_error() {
    let output = quizdesk(&["check"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("<PATH>"));
}

#[test]
fn export_json_holds_every_question_with_its_kind() {
    let output = quizdesk(&[
        "export",
        "decks/fentanyl-social-media.ron",
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["id"], "fentanyl-social-media");
    let questions = json["questions"].as_array().unwrap();
    assert!(questions.len() >= 45);
    let first = &questions[0];
    assert!(first["id"].is_string());
    assert!(first["prompt"].is_string());
    assert!(first["answer"]["kind"].is_string());
    assert_eq!(first["source"]["source"], "report");
}

#[test]
fn export_of_a_broken_deck_prints_the_problems_and_exits_one() {
    let dir = std::env::temp_dir().join(format!("quizdesk-cli-export-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("broken.ron");
    std::fs::write(&path, "Deck(\n    id: \"x\",\n    titel: \"T\",\n)\n").unwrap();
    let output = quizdesk(&["export", path.to_str().unwrap(), "--format", "json"]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("broken.ron:3:5: error: unknown field `titel` in `Deck`"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `title`?"), "{stderr}");
}

#[test]
fn help_explains_every_command() {
    let output = quizdesk(&["--help"]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    assert!(text.contains("check"), "{text}");
    assert!(text.contains("export"), "{text}");
    let check_help = stdout(&quizdesk(&["check", "--help"]));
    assert!(
        check_help.contains("Exit status: 0 when every deck is valid"),
        "{check_help}"
    );
}

#[test]
fn check_reports_two_decks_sharing_one_id() {
    let dir = std::env::temp_dir().join(format!("quizdesk-cli-dup-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let sample = std::fs::read("decks/sample-every-kind.ron").unwrap();
    std::fs::write(dir.join("a.ron"), &sample).unwrap();
    std::fs::write(dir.join("b.ron"), &sample).unwrap();
    let output = quizdesk(&["check", dir.to_str().unwrap()]);
    std::fs::remove_dir_all(&dir).unwrap();
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    let a = dir.join("a.ron");
    let b = dir.join("b.ron");
    assert!(text.contains(&format!("ok: {} (", a.display())), "{text}");
    assert!(
        text.contains(&format!(
            "{}:36:9: error: deck id `sample-every-kind` is also used by {}",
            b.display(),
            a.display()
        )),
        "{text}"
    );
    assert!(text.contains("1 valid, 1 with errors"), "{text}");
}

/// The CSV's cells, row by row, header included.
fn csv_cells(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

#[test]
fn history_and_sessions_csv_write_formula_like_names_and_ids_as_text() {
    use quizdesk::store::{Mode, NewAttempt, NewSession, Store};

    let dir = std::env::temp_dir().join(format!("quizdesk-cli-formulas-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    {
        let mut store = Store::open(&dir).unwrap().store;
        let profile = store
            .create_profile("=HYPERLINK(\"http://x\",\"y\")")
            .unwrap();
        let session = store
            .start_session(&NewSession {
                profile: profile.id,
                deck_id: "planets",
                deck_title: "+cmd|' /C calc'!A0",
                deck_version: 1,
                practice: false,
                mode: Mode::Quiz,
                seed: 7,
                config_json: "{}".to_owned(),
                started_ms: 10,
            })
            .unwrap();
        store
            .record_attempt(&NewAttempt {
                session,
                profile: profile.id,
                deck_id: "planets",
                question_id: "=1+1",
                response_json: "{}".to_owned(),
                answer_text: "-2+3".to_owned(),
                score: 1.0,
                elapsed_ms: 900,
                answered_ms: 20,
            })
            .unwrap();
        let shown = store.start_presentation("planets", "@SUM(A1)", 30).unwrap();
        store.record_shown(shown, 0, "=1+1", 40).unwrap();
    }
    let data_dir = dir.to_str().unwrap();

    let history = quizdesk(&["history", "--data-dir", data_dir, "--format", "csv"]);
    assert_eq!(history.status.code(), Some(0));
    let rows = csv_cells(&stdout(&history));
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(rows[1][1], "'=HYPERLINK(\"http://x\",\"y\")");
    assert_eq!(rows[1][3], "'+cmd|' /C calc'!A0");
    assert_eq!(rows[1][7], "'=1+1");
    assert_eq!(rows[1][8], "'-2+3");
    assert_eq!(rows[1][9], "1", "a number we write stays a number");

    let sessions = quizdesk(&["sessions", "--data-dir", data_dir, "--format", "csv"]);
    assert_eq!(sessions.status.code(), Some(0));
    let rows = csv_cells(&stdout(&sessions));
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(rows[1][2], "'@SUM(A1)");
    assert_eq!(rows[1][6], "'=1+1");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn history_exports_every_answer_as_json_and_csv() {
    let dir = std::env::temp_dir().join(format!("quizdesk-cli-history-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let data_dir = dir.to_str().unwrap();
    let recorded = quizdesk(&[
        "debug-record-attempts",
        "--count",
        "3",
        "--data-dir",
        data_dir,
    ]);
    assert_eq!(recorded.status.code(), Some(0));

    let json = quizdesk(&["history", "--data-dir", data_dir]);
    assert_eq!(json.status.code(), Some(0));
    let file: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(file["format"], "quizdesk-results");
    assert_eq!(file["format_version"], 1);
    assert_eq!(file["install_id"].as_str().unwrap().len(), 32);
    let sessions = &file["sessions"];
    assert_eq!(sessions[0]["profile_name"], "debug-record-attempts");
    assert_eq!(sessions[0]["deck_version"], 1);
    let attempts = sessions[0]["attempts"].as_array().unwrap();
    assert_eq!(attempts.len(), 3);
    assert_eq!(sessions[0]["deck_id"], "debug-deck");
    assert_eq!(attempts[0]["question_id"], "q1");
    assert_eq!(attempts[1]["score"], 1.0);

    let csv = quizdesk(&["history", "--data-dir", data_dir, "--format", "csv"]);
    let text = stdout(&csv);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "session_id,profile,deck_id,deck_title,mode,seed,session_started_utc,question_id,answer,score,time_taken_ms,answered_utc,deck_version,rating,scored"
    );
    assert_eq!(lines.len(), 4, "{text}");
    let cells: Vec<&str> = lines[2].split(',').collect();
    assert_eq!(cells[1], "debug-record-attempts");
    assert_eq!(cells[2], "debug-deck");
    assert_eq!(cells[4], "quiz");
    assert_eq!(cells[7], "q2");
    assert_eq!(cells[8], "answer 2");
    assert_eq!(cells[9], "1");
    assert_eq!(cells[10], "1000");
    assert!(
        cells[11].ends_with('Z') && cells[11].len() == 20,
        "{}",
        cells[11]
    );
    assert_eq!((cells[12], cells[13]), ("1", ""));

    let unknown = quizdesk(&["history", "--data-dir", data_dir, "--profile", "Nobody"]);
    assert_eq!(unknown.status.code(), Some(1));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn import_writes_a_valid_deck_and_lists_the_skipped_rows() {
    let dir = std::env::temp_dir().join(format!("quizdesk-cli-import-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("imported.ron");
    let out_arg = out.to_str().unwrap();
    let output = quizdesk(&["import", "tests/fixtures/import/kahoot.xlsx", "-o", out_arg]);
    assert_eq!(output.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("tests/fixtures/import/kahoot.xlsx:23: skipped: the time limit `twenty`"),
        "{stderr}"
    );
    assert!(stdout(&output).starts_with("imported 5 question(s)"));
    let deck = quizdesk::deck::load_deck(&out).unwrap();
    assert_eq!(deck.questions().len(), 5);
    assert_eq!(deck.id().as_str(), "kahoot");

    // An existing file is not replaced without --force.
    let again = quizdesk(&["import", "tests/fixtures/import/kahoot.xlsx", "-o", out_arg]);
    assert_eq!(again.status.code(), Some(1));
    let forced = quizdesk(&[
        "import",
        "tests/fixtures/import/kahoot.xlsx",
        "-o",
        out_arg,
        "--force",
    ]);
    assert_eq!(forced.status.code(), Some(0));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_import_that_would_make_a_deck_over_the_size_limit_writes_nothing() {
    let dir = std::env::temp_dir().join(format!("quizdesk-cli-import-big-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    // 35 MB of flashcards: a file it may import (under 64 MiB), but more than a deck may be.
    let mut csv = String::from(
        "kind,prompt,correct,wrong,explanation,source,tags,time_limit_secs,flags,id\n",
    );
    let back = "b".repeat(100_000);
    for n in 0..350 {
        csv.push_str(&format!("flashcard,Card {n}?,{back},,,,,,,\n"));
    }
    let input = dir.join("big.csv");
    std::fs::write(&input, csv).unwrap();
    let out = dir.join("big.ron");
    let output = quizdesk(&[
        "import",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("split it into smaller decks"), "{stderr}");
    assert!(!out.exists(), "nothing is written");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn csv_export_imports_back_to_the_same_questions() {
    let dir = std::env::temp_dir().join(format!("quizdesk-cli-csv-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let csv = quizdesk(&["export", "decks/sample-every-kind.ron", "--format", "csv"]);
    assert_eq!(csv.status.code(), Some(0));
    let csv_path = dir.join("sample.csv");
    std::fs::write(&csv_path, &csv.stdout).unwrap();
    let out = dir.join("sample.ron");
    let imported = quizdesk(&[
        "import",
        csv_path.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(
        imported.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&imported.stderr)
    );
    let original =
        quizdesk::deck::load_deck(std::path::Path::new("decks/sample-every-kind.ron")).unwrap();
    let back = quizdesk::deck::load_deck(&out).unwrap();
    assert_eq!(back.questions().len(), original.questions().len());
    for (a, b) in original.questions().iter().zip(back.questions()) {
        assert_eq!(a.id, b.id);
        assert_eq!(a.prompt, b.prompt);
        assert_eq!(a.answer, b.answer);
        assert_eq!(a.explanation, b.explanation);
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A valid deck whose one single-choice question has `options` and whose prompt is `prompt`.
fn deck_with(prompt: &str, options: &str) -> String {
    format!(
        "Deck(\n    id: \"lint\",\n    title: \"Lint\",\n    description: \"\",\n    language: \"en\",\n    authors: [],\n    version: 1,\n    questions: [\n        Question(\n            id: \"q1\",\n            prompt: \"{prompt}\",\n            answer: SingleChoice(options: [\n{options}            ]),\n        ),\n    ],\n)\n"
    )
}

/// Runs `quizdesk check` (with `args` after the file) on a deck file holding `text`.
fn check_text(name: &str, text: &str, args: &[&str]) -> Output {
    let dir = std::env::temp_dir().join(format!("quizdesk-cli-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.ron"));
    std::fs::write(&path, text).unwrap();
    let mut all = vec!["check", path.to_str().unwrap()];
    all.extend(args);
    let output = quizdesk(&all);
    std::fs::remove_dir_all(&dir).unwrap();
    output
}

#[test]
fn check_with_only_warnings_exits_zero_and_prints_warning_with_the_spot() {
    let options = "                Correct(\"Paris\"),\n                Wrong(\"Rome\"),\n                Wrong(\"All of the above\"),\n";
    let output = check_text("warned", &deck_with("Capital of France?", options), &[]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{text}");
    assert!(
        text.contains("warned.ron (1 questions, 1 warning(s))"),
        "{text}"
    );
    assert!(
        text.contains(
            "warned.ron:15:17: warning: the option `All of the above` is about the other options, not an answer of its own\n   |\n15 |                 Wrong(\"All of the above\"),\n   |                 ^^^^^^^^^^^^^^^^^^^^^^^^^\n   = help: "
        ),
        "{text}"
    );
    assert!(!text.contains("error:"), "{text}");
    assert!(
        text.ends_with(
            "checked 1 deck(s): 1 valid, 0 with errors (0 error(s) and 1 warning(s) in all)\n"
        ),
        "{text}"
    );
}

#[test]
fn check_json_gives_each_warning_its_severity_and_code() {
    let options = "                Correct(\"Paris\"),\n                Wrong(\"Rome\"),\n                Wrong(\"None of the above.\"),\n";
    let output = check_text(
        "warned-json",
        &deck_with("Capital of France?", options),
        &["--format", "json"],
    );
    assert_eq!(output.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["valid"], 1);
    assert_eq!(json["invalid"], 0);
    assert_eq!(json["errors"], 0);
    assert_eq!(json["warnings"], 1);
    let d = &json["diagnostics"][0];
    assert_eq!(d["severity"], "warning");
    assert_eq!(d["code"], "all-of-the-above");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(15), Some(17))
    );
}

#[test]
fn check_of_a_deck_with_an_error_and_a_warning_exits_one_and_shows_both() {
    // `Paris` twice is an error; `Paris.` beside them only a warning.
    let options = "                Correct(\"Paris\"),\n                Wrong(\"paris\"),\n                Wrong(\"Paris.\"),\n";
    let output = check_text(
        "mixed",
        &deck_with("Capital of France?", options),
        &["--format", "json"],
    );
    assert_eq!(output.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        (json["errors"].as_u64(), json["warnings"].as_u64()),
        (Some(1), Some(1))
    );
    let severities: Vec<&str> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["severity"].as_str().unwrap())
        .collect();
    assert_eq!(severities, ["error", "warning"]);
}

#[test]
fn check_of_a_deck_without_warnings_prints_the_summary_as_before() {
    let options = "                Correct(\"Paris\"),\n                Wrong(\"Rome\"),\n";
    let output = check_text("clean", &deck_with("Capital of France?", options), &[]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{text}");
    assert!(
        text.ends_with("checked 1 deck(s): 1 valid, 0 with errors (0 error(s) in all)\n"),
        "{text}"
    );
}

#[test]
fn check_fix_makes_every_curly_quoted_text_straight_keeps_a_bak_and_leaves_inner_quotes() {
    let dir = std::env::temp_dir().join(format!("quizdesk-cli-fix-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("pasted.ron");
    let pasted = deck_with(
        "Which city is called “the City of Light”?",
        "                Correct(“Paris”),\n                Wrong(‘Rome’),\n                Wrong(“Lyon”),\n",
    )
    .replace("title: \"Lint\"", "title: “Lint”");
    std::fs::write(&path, &pasted).unwrap();

    // Without --fix: all four texts in one run, nothing written.
    let checked = quizdesk(&["check", path.to_str().unwrap()]);
    assert_eq!(checked.status.code(), Some(1));
    assert_eq!(
        stdout(&checked).matches("error: this text is in").count(),
        4
    );
    assert!(!dir.join("pasted.ron.bak").exists());

    let fixed = quizdesk(&["check", "--fix", path.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&fixed.stderr);
    assert_eq!(fixed.status.code(), Some(0), "{}{stderr}", stdout(&fixed));
    assert!(
        stderr.contains("8 quote(s) around 4 text(s) made straight"),
        "{stderr}"
    );
    assert!(stdout(&fixed).contains("ok: "), "{}", stdout(&fixed));
    assert_eq!(
        std::fs::read_to_string(dir.join("pasted.ron.bak")).unwrap(),
        pasted
    );
    let now = std::fs::read_to_string(&path).unwrap();
    assert!(now.contains("title: \"Lint\""), "{now}");
    assert!(now.contains("Wrong(\"Rome\")"), "{now}");
    // The quotes inside the prompt are the teacher's and stay.
    assert!(now.contains("“the City of Light”"), "{now}");

    // A valid deck is left as it is, with no backup.
    std::fs::remove_file(dir.join("pasted.ron.bak")).unwrap();
    let again = quizdesk(&["check", "--fix", path.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(0));
    assert!(!dir.join("pasted.ron.bak").exists());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), now);
    std::fs::remove_dir_all(&dir).unwrap();
}
