//! Pictures in decks: what loads, and what the checker says about each bad picture, where.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;

use common::TempDir;
use quizdesk::deck::{self, MAX_IMAGE_BYTES};

/// A small PNG of `width` × `height` pixels.
fn png(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = std::io::Cursor::new(Vec::new());
    image::RgbImage::new(width, height)
        .write_to(&mut bytes, image::ImageFormat::Png)
        .unwrap();
    bytes.into_inner()
}

const SVG: &[u8] = include_bytes!("../decks/images/pencil-tip.svg");

/// A deck whose first question carries `image` (RON, such as `(file: "a.png", alt: "A")`) and
/// whose second has a picture option carrying `option_image`.
fn deck_text(image: &str, option_image: &str) -> String {
    format!(
        r#"Deck(
    id: "pictures",
    title: "Pictures",
    description: "",
    language: "en",
    authors: [],
    version: 1,
    questions: [
        Question(
            id: "q1",
            prompt: "What does the drawing show?",
            image: {image},
            answer: Flashcard(back: "A pencil"),
        ),
        Question(
            id: "q2",
            prompt: "Which is the pencil?",
            answer: SingleChoice(options: [
                Picture(text: "This one", correct: true, image: {option_image}),
                Wrong("None of them"),
            ]),
        ),
    ],
)
"#
    )
}

/// A folder with a deck holding `text` and the pictures `images/dot.png` and `images/pencil.svg`.
fn folder_with(name: &str, text: &str) -> (TempDir, std::path::PathBuf) {
    let dir = TempDir::new(name);
    std::fs::create_dir_all(dir.0.join("images")).unwrap();
    std::fs::write(dir.0.join("images/dot.png"), png(3, 2)).unwrap();
    std::fs::write(dir.0.join("images/pencil.svg"), SVG).unwrap();
    let path = dir.0.join("deck.ron");
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

const GOOD: &str = r#"(file: "images/dot.png", alt: "A small black dot")"#;

#[test]
fn a_deck_with_pictures_loads_with_their_paths_and_alt_texts() {
    let text = deck_text(GOOD, r#"(file: "./images/pencil.svg", alt: "A pencil")"#);
    let (_dir, path) = folder_with("pictures-ok", &text);
    let loaded = deck::load_deck(&path).unwrap();
    let picture = loaded.questions()[0].image.as_ref().unwrap();
    assert_eq!(
        (picture.file.as_str(), picture.alt.as_str()),
        ("images/dot.png", "A small black dot")
    );
    let deck::Answer::SingleChoice { options, .. } = &loaded.questions()[1].answer else {
        panic!("a single choice");
    };
    assert_eq!(options[0].image.as_ref().unwrap().alt, "A pencil");
    assert!(options[1].image.is_none());

    // Written back, the deck reads the same: the picture option keeps its long form.
    let written = deck::to_ron(&deck::from_validated(&loaded));
    assert!(written.contains("Picture("), "{written}");
    std::fs::write(&path, &written).unwrap();
    assert_eq!(deck::load_deck(&path).unwrap(), loaded);

    // JSON export carries path and alt text.
    let json = std::process::Command::new(env!("CARGO_BIN_EXE_quizdesk"))
        .args(["export", path.to_str().unwrap(), "--format", "json"])
        .output()
        .unwrap();
    let json = String::from_utf8_lossy(&json.stdout);
    assert!(json.contains(r#""file": "images/dot.png""#), "{json}");
    assert!(json.contains(r#""alt": "A pencil""#), "{json}");
}

/// Loads a deck whose question picture is `image`, in a folder prepared by `prepare`, and
/// returns (line, column, code, message) of each problem.
fn problems_of(
    name: &str,
    image: &str,
    prepare: impl FnOnce(&Path),
) -> Vec<(usize, usize, String, String)> {
    let (dir, path) = folder_with(name, &deck_text(image, GOOD));
    prepare(&dir.0);
    let error = deck::load_deck(&path).expect_err("the picture is refused");
    error
        .report()
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.span.start.line,
                d.span.start.column,
                d.problem.code().to_owned(),
                d.message(),
            )
        })
        .collect()
}

/// What a case puts in the deck's folder first.
type Prepare = Box<dyn FnOnce(&Path)>;

#[test]
fn each_bad_picture_is_refused_at_its_place_with_what_is_wrong() {
    let nothing = |_: &Path| {};
    let cases: Vec<(&str, &str, Prepare, &str, &str)> = vec![
        (
            "no-alt",
            r#"(file: "images/dot.png")"#,
            Box::new(nothing),
            "image-alt-missing",
            "this picture has no alt text",
        ),
        (
            "blank-alt",
            r#"(file: "images/dot.png", alt: "  ")"#,
            Box::new(nothing),
            "image-alt-missing",
            "this picture has no alt text",
        ),
        (
            "dot-dot",
            r#"(file: "../secret.png", alt: "A")"#,
            Box::new(nothing),
            "image-path",
            "the picture path `../secret.png` leads out of the deck's folder with `..`",
        ),
        (
            "absolute",
            r#"(file: "/etc/passwd.png", alt: "A")"#,
            Box::new(nothing),
            "image-path",
            "the picture path `/etc/passwd.png` is absolute; give the path from the deck's folder",
        ),
        (
            "gif",
            r#"(file: "images/dot.gif", alt: "A")"#,
            Box::new(nothing),
            "image-format",
            "`images/dot.gif` is not a PNG, JPEG, WebP or SVG picture",
        ),
        (
            "renamed",
            r#"(file: "images/notes.png", alt: "A")"#,
            Box::new(|dir: &Path| std::fs::write(dir.join("images/notes.png"), "hello").unwrap()),
            "image-unreadable",
            "cannot read the picture `images/notes.png`: its content is not a PNG picture (was it renamed?)",
        ),
        (
            "huge-file",
            r#"(file: "images/huge.png", alt: "A")"#,
            Box::new(|dir: &Path| {
                let mut bytes = png(1, 1);
                bytes.resize(usize::try_from(MAX_IMAGE_BYTES).unwrap() + 1, 0);
                std::fs::write(dir.join("images/huge.png"), bytes).unwrap();
            }),
            "image-too-large",
            "the picture `images/huge.png` is 4194305 bytes; a picture may be at most 4194304 bytes",
        ),
        (
            "wide",
            r#"(file: "images/wide.png", alt: "A")"#,
            Box::new(|dir: &Path| {
                std::fs::write(dir.join("images/wide.png"), png(5000, 1)).unwrap();
            }),
            "image-too-large",
            "the picture `images/wide.png` is 5000 pixels across; a picture may be at most 4096",
        ),
    ];
    let mut failures = Vec::new();
    for (name, image, prepare, code, message) in cases {
        let found = problems_of(name, image, prepare);
        // The question's `image:` field is on line 12, its value at column 20.
        let expected = vec![(12, 20, code.to_owned(), message.to_owned())];
        if found != expected {
            failures.push(format!("{name}: {found:?}"));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn a_missing_picture_names_the_folder_it_was_looked_for_in() {
    let found = problems_of("missing", r#"(file: "images/gone.png", alt: "A")"#, |_| {});
    assert_eq!(found.len(), 1);
    assert_eq!(
        (found[0].0, found[0].1, found[0].2.as_str()),
        (12, 20, "image-missing")
    );
    assert!(
        found[0]
            .3
            .starts_with("the picture `images/gone.png` is not in "),
        "{found:?}"
    );
}

#[cfg(unix)]
#[test]
fn a_link_that_leads_out_of_the_decks_folder_is_not_followed() {
    let outside = TempDir::new("outside");
    std::fs::write(outside.0.join("secret.png"), png(1, 1)).unwrap();
    let found = problems_of("link", r#"(file: "images/link.png", alt: "A")"#, |dir| {
        std::os::unix::fs::symlink(outside.0.join("secret.png"), dir.join("images/link.png"))
            .unwrap();
    });
    assert_eq!(
        found,
        vec![(
            12,
            20,
            "image-path".to_owned(),
            "the picture path `images/link.png` leads out of the deck's folder through a link"
                .to_owned()
        )]
    );
}

#[test]
fn a_picture_options_problem_points_at_the_option() {
    let (_dir, path) = folder_with(
        "option-problem",
        &deck_text(GOOD, r#"(file: "images/none.svg", alt: "A")"#),
    );
    let error = deck::load_deck(&path).unwrap_err();
    let d = &error.report().diagnostics[0];
    assert_eq!(d.problem.code(), "image-missing");
    assert_eq!(d.span.start.line, 19, "{}", error.report().render());
}

#[test]
fn every_picture_of_the_bundled_decks_is_inside_the_binary() {
    for (name, bytes) in deck::BUNDLED_DECKS {
        let loaded = deck::parse_deck(bytes, Path::new(name)).unwrap();
        for question in loaded.questions() {
            if let Some(picture) = &question.image {
                assert!(
                    deck::BUNDLED_IMAGES
                        .iter()
                        .any(|(file, _)| *file == picture.file),
                    "{name}: {} is not bundled",
                    picture.file
                );
            }
        }
    }
}
