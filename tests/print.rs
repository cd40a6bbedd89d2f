//! Printing, read back from the PDFs with `pdftotext` (Debian's poppler-utils): every question
//! of a version in its order, a key that matches the version's shuffle, cards whose fronts and
//! backs pair up, a one-page handout, any script the deck uses, and a teacher's text never read
//! as markup.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;
use std::process::Command;

use common::TempDir;
use quizdesk::deck::{self, Picture};
use quizdesk::print::{PrintKind, PrintSheet};

/// Runs `quizdesk print` with `args` and the output `pdf`; fails unless it succeeds.
fn print(args: &[&str], pdf: &Path) {
    let output = Command::new(env!("CARGO_BIN_EXE_quizdesk"))
        .arg("print")
        .args(args)
        .arg("-o")
        .arg(pdf)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The text of `pages` (first, last) of `pdf`, its white space made single spaces.
fn text_of(pdf: &Path, pages: Option<(u32, u32)>) -> String {
    let mut command = Command::new("pdftotext");
    if let Some((first, last)) = pages {
        command.args(["-f", &first.to_string(), "-l", &last.to_string()]);
    }
    let output = command
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs (apt-get install poppler-utils)");
    assert!(output.status.success(), "{output:?}");
    flat(&String::from_utf8_lossy(&output.stdout))
}

/// `text` with its white space made single spaces, and without hyphens: pdftotext drops the
/// hyphen of a word broken at its hyphen at the end of a line ("15-year-old" comes out as
/// "15year-old"), so both sides are compared without.
fn flat(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('-', "")
}

fn pages(pdf: &Path) -> u32 {
    let output = Command::new("pdfinfo").arg(pdf).output().unwrap();
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap()
}

/// The sheet the command line makes for the bundled `deck_id`, as data.
fn sheet(deck_id: &str, kind: PrintKind, versions: u32, seed: u64) -> PrintSheet {
    let deck = deck::bundled_deck(deck_id).unwrap();
    PrintSheet::new(&deck, kind, (versions, seed), &|_: &Picture| None).0
}

/// Checks that each of `needles` is in `haystack`, in this order; names the first that is not.
fn in_order(haystack: &str, needles: &[String]) {
    let mut from = 0;
    for needle in needles {
        let needle = flat(needle);
        match haystack[from..].find(&needle) {
            Some(at) => from += at + needle.len(),
            None => panic!(
                "{needle:?} is not where expected in:\n{}",
                &haystack[from..]
            ),
        }
    }
}

#[test]
fn a_worksheet_has_every_question_of_each_version_in_its_order() {
    let dir = TempDir::new("print-worksheet");
    let pdf = dir.0.join("worksheet.pdf");
    print(
        &[
            "sample-every-kind",
            "--what",
            "worksheet",
            "--versions",
            "2",
            "--seed",
            "7",
        ],
        &pdf,
    );
    let text = text_of(&pdf, None);
    let expected = sheet("sample-every-kind", PrintKind::Worksheet, 2, 7);
    // The prompts in each version's order; each question's lettered options between its prompt
    // and the next (pdftotext reads options in two columns in its own order).
    let mut from = 0;
    for version in &expected.versions {
        let heading = format!("Version {}", version.letter);
        from += text[from..].find(&heading).expect(&heading);
        for (k, q) in version.questions.iter().enumerate() {
            let prompt = flat(&q.prompt);
            let at = from
                + text[from..]
                    .find(&prompt)
                    .unwrap_or_else(|| panic!("{prompt:?} after {from} in {text}"));
            from = at + prompt.len();
            let end = version
                .questions
                .get(k + 1)
                .and_then(|next| text[from..].find(&flat(&next.prompt)))
                .map_or(text.len(), |e| from + e);
            for (j, option) in q
                .options
                .iter()
                .enumerate()
                .filter(|_| q.layout == "options")
            {
                let letter = char::from(b'a' + u8::try_from(j).unwrap());
                let lettered = flat(&format!("{letter}) {option}"));
                assert!(
                    text[from..end].contains(&lettered),
                    "{lettered:?} in question {}",
                    q.number
                );
            }
        }
    }
    // The two versions differ.
    let order = |v: usize| {
        expected.versions[v]
            .questions
            .iter()
            .map(|q| q.id.clone())
            .collect::<Vec<_>>()
    };
    assert_ne!(order(0), order(1));
}

#[test]
fn the_key_matches_each_versions_shuffle_with_explanations_and_sources() {
    let dir = TempDir::new("print-key");
    let pdf = dir.0.join("key.pdf");
    let args = [
        "fentanyl-social-media",
        "--what",
        "key",
        "--versions",
        "2",
        "--seed",
        "11",
    ];
    print(&args, &pdf);
    let text = text_of(&pdf, None);
    let expected = sheet("fentanyl-social-media", PrintKind::Key, 2, 11);
    let mut needles = Vec::new();
    for version in &expected.versions {
        needles.push(format!("answer key, version {}", version.letter));
        for q in &version.questions {
            needles.push(format!("{}. {}", q.number, q.answer));
            if let Some(explanation) = &q.explanation {
                needles.push(explanation.clone());
            }
            if let Some(source) = &q.source {
                needles.push(format!("Source: {source}"));
            }
        }
    }
    in_order(&text, &needles);
    // The worksheet printed with the same seed has the same versions.
    let worksheet = sheet("fentanyl-social-media", PrintKind::Worksheet, 2, 11);
    for (key, sheet) in expected.versions.iter().zip(&worksheet.versions) {
        let ids = |v: &quizdesk::print::Version| {
            v.questions
                .iter()
                .map(|q| (q.id.clone(), q.options.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(key), ids(sheet));
    }
}

/// The card numbers (`#1`, `#2`…) on page `page` of `pdf`, with the middle of each: (number,
/// x, y) in points.
fn card_numbers(pdf: &Path, page: u32) -> Vec<(u32, f64, f64)> {
    let output = Command::new("pdftotext")
        .args(["-bbox", "-f", &page.to_string(), "-l", &page.to_string()])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    let html = String::from_utf8_lossy(&output.stdout);
    let attribute = |word: &str, name: &str| -> f64 {
        let at = word.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        word[at..].split('"').next().unwrap().parse().unwrap()
    };
    html.split("<word ")
        .skip(1)
        .filter_map(|word| {
            let text = word.split('>').nth(1)?.split('<').next()?;
            let number = text.strip_prefix('#')?.parse().ok()?;
            let x = (attribute(word, "xMin") + attribute(word, "xMax")) / 2.0;
            let y = (attribute(word, "yMin") + attribute(word, "yMax")) / 2.0;
            Some((number, x, y))
        })
        .collect()
}

#[test]
fn cards_fronts_and_backs_pair_up_when_printed_on_both_sides() {
    let dir = TempDir::new("print-cards");
    let pdf = dir.0.join("cards.pdf");
    print(&["sample-every-kind", "--what", "cards"], &pdf);
    let expected = sheet("sample-every-kind", PrintKind::Cards, 1, 0);
    let sheets = u32::try_from(expected.cards.len().div_ceil(8)).unwrap();
    assert_eq!(pages(&pdf), sheets * 2);
    const A4_WIDTH_PT: f64 = 595.28;
    for s in 0..sheets {
        let (front, back) = (2 * s + 1, 2 * s + 2);
        let fronts = card_numbers(&pdf, front);
        let backs = card_numbers(&pdf, back);
        assert_eq!(fronts.len(), backs.len(), "sheet {s}");
        let front_text = text_of(&pdf, Some((front, front)));
        let back_text = text_of(&pdf, Some((back, back)));
        for &(n, x, y) in &fronts {
            let (prompt, answer) = &expected.cards[n as usize - 1];
            assert!(front_text.contains(&flat(prompt)), "front of #{n}");
            assert!(back_text.contains(&flat(answer)), "back of #{n}");
            // Flipped on the long edge, the back's number is the front's, mirrored.
            let &(_, bx, by) = backs.iter().find(|(b, ..)| *b == n).unwrap();
            assert!((by - y).abs() < 2.0, "#{n}: same row");
            let mirrored = A4_WIDTH_PT - x;
            let column = |x: f64| x > A4_WIDTH_PT / 2.0;
            assert_eq!(column(bx), column(mirrored), "#{n}: the other column");
        }
    }
}

#[test]
fn the_handout_is_one_page_of_the_decks_resources() {
    let dir = TempDir::new("print-handout");
    let pdf = dir.0.join("handout.pdf");
    print(&["fentanyl-social-media", "--what", "handout"], &pdf);
    assert_eq!(pages(&pdf), 1);
    let text = text_of(&pdf, None);
    let deck = deck::bundled_deck("fentanyl-social-media").unwrap();
    let titles: Vec<String> = deck.resources().iter().map(|r| r.title.clone()).collect();
    assert!(titles.len() >= 3);
    in_order(&text, &titles);
}

#[test]
fn accents_greek_cyrillic_and_markup_characters_print_as_written() {
    let dir = TempDir::new("print-scripts");
    let prompts = [
        "Où se trouve l'élève ? « Noël », œuvre, Straße",
        "Ποια είναι η πρωτεύουσα της Ελλάδας;",
        "Какая столица России? (ёж, щука)",
        r#"#eval("1") $x$ *bold* _it_ <tag> @ref [x] \ `code` // not a comment"#,
    ];
    let questions: String = prompts
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let p = p.replace('\\', "\\\\").replace('"', "\\\"");
            format!("Question(id: \"q{i}\", prompt: \"{p}\", answer: Text(accepted: [\"{i}\"])),")
        })
        .collect();
    let deck = dir.0.join("scripts.ron");
    std::fs::write(
        &deck,
        format!(
            "Deck(id: \"scripts\", title: \"Écriture\", description: \"\", language: \"fr\", authors: [], version: 1, questions: [{questions}])"
        ),
    )
    .unwrap();
    let pdf = dir.0.join("scripts.pdf");
    print(
        &[deck.to_str().unwrap(), "--what", "worksheet", "--seed", "1"],
        &pdf,
    );
    let text = text_of(&pdf, None);
    for prompt in prompts {
        assert!(text.contains(&flat(prompt)), "{prompt:?} in:\n{text}");
    }
}

#[test]
fn a_worksheet_prints_the_decks_pictures() {
    let dir = TempDir::new("print-pictures");
    let deck = common::picture_deck(&dir);
    let pdf = dir.0.join("pictures.pdf");
    print(&[&deck, "--what", "worksheet", "--seed", "3"], &pdf);
    // The option's PNG is in the PDF as an image (the question's SVG is drawn as lines).
    let output = Command::new("pdfimages")
        .arg("-list")
        .arg(&pdf)
        .output()
        .unwrap();
    let list = String::from_utf8_lossy(&output.stdout);
    assert!(list.contains(" 256   256 "), "{list}");
    assert!(text_of(&pdf, None).contains("Which picture is the app's icon?"));
}

#[test]
fn the_print_dialog_writes_the_pdf_to_the_exports_folder_and_opens_it() {
    use egui_kittest::kittest::Queryable as _;
    let dir = TempDir::new("print-dialog");
    let mut harness = common::app_harness(
        &dir,
        Some("Teacher"),
        quizdesk::app::StartMode::Library,
        eframe::egui::vec2(1024.0, 900.0),
    );
    let opened = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let record = opened.clone();
    harness
        .state_mut()
        .set_file_opener(Box::new(move |path: &Path| {
            record.lock().unwrap().push(path.to_owned());
            Ok(())
        }));
    harness
        .get_by_label("Print: Sample: every question kind")
        .click();
    common::settle(&mut harness);
    harness.get_by_label("Answer key").click();
    harness.run_steps(2);
    harness.get_by_label("Seed:").click();
    harness.run_steps(1);
    harness.key_press_modifiers(eframe::egui::Modifiers::COMMAND, eframe::egui::Key::A);
    harness.get_by_label("Seed:").type_text("7");
    harness.run_steps(2);
    harness.get_by_label("Make PDF").click();
    harness.run_steps(2);
    common::wait_for_label_containing(&mut harness, "Written to");
    let written = common::exported_files(&dir);
    assert_eq!(written.len(), 1, "{written:?}");
    let pdf = &written[0];
    assert!(
        pdf.file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("sample-every-kind-key"),
        "{pdf:?}"
    );
    assert_eq!(*opened.lock().unwrap(), std::slice::from_ref(pdf));
    common::notice(&harness, "(seed 7: the same seed prints the same versions)");
    // The same key as the command line prints with that seed.
    let expected = sheet("sample-every-kind", PrintKind::Key, 1, 7);
    let needles: Vec<String> = expected.versions[0]
        .questions
        .iter()
        .map(|q| format!("{}. {}", q.number, q.answer))
        .collect();
    in_order(&text_of(pdf, None), &needles);
    // As a screen reader presses it (a simulated pointer click misses the modal's button here
    // once its "Written to" line has grown it; a real click, tried under Xvfb, closes it).
    harness.get_by_label("Close").click_accesskit();
    harness.run_steps(3);
    assert!(harness.state().print_dialog().is_none());
    assert!(harness.query_by_label("Make PDF").is_none());
}
