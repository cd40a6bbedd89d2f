//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

/// A fresh folder under Cargo's temp folder for one test, deleted when dropped.
pub struct TempDir(pub PathBuf);

impl TempDir {
    /// A new, empty folder whose name starts with `name`; unique within the test run.
    #[allow(dead_code)] // The snapshot tests use folders at fixed paths instead.
    pub fn new(name: &str) -> Self {
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let path = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("{name}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        if let Err(e) = std::fs::create_dir_all(&path) {
            panic!("cannot create {}: {e}", path.display());
        }
        Self(path)
    }

    /// The folder.
    #[allow(dead_code)] // Not every test file uses it.
    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The real app in a kittest harness of `size`, with its data in `dir`, as `profile` (or at the
/// profile screen), starting at `start`; a few frames already run.
#[allow(dead_code)] // Not every test file drives the app.
pub fn app_harness(
    dir: &TempDir,
    profile: Option<&str>,
    start: quizdesk::app::StartMode,
    size: eframe::egui::Vec2,
) -> egui_kittest::Harness<'static, quizdesk::ui::Shell> {
    let options = quizdesk::app::LaunchOptions {
        data_dir: dir.0.clone(),
        profile: profile.map(str::to_owned),
        start,
        quit: None,
    };
    let mut harness = egui_kittest::Harness::builder()
        .with_size(size)
        .build_eframe(move |_cc| quizdesk::ui::Shell::with_prefs(Default::default(), options));
    harness.run_steps(3);
    harness
}

/// Runs a few frames (bounded: a countdown may keep asking for more), then checks that every
/// widget on screen has an accessible name, as a screen reader needs.
#[allow(dead_code)] // Not every test file drives the app.
pub fn settle(harness: &mut egui_kittest::Harness<'static, quizdesk::ui::Shell>) {
    harness.run_steps(4);
    harness.check_accessibility();
}

/// The files written to the `exports` folder of the data folder `dir`.
#[allow(dead_code)] // Not every test file exports.
pub fn exported_files(dir: &TempDir) -> Vec<PathBuf> {
    let exports = dir.0.join("exports");
    match std::fs::read_dir(&exports) {
        Ok(entries) => entries.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => panic!("cannot read {}: {e}", exports.display()),
    }
}

/// Finds the notice whose text contains `text` on screen (not the status node that announces
/// the newest notice to a screen reader, which says the same words).
#[allow(dead_code)] // Not every test file looks for notices.
pub fn notice(harness: &egui_kittest::Harness<'static, quizdesk::ui::Shell>, text: &str) {
    use egui_kittest::kittest::{NodeT as _, Queryable as _};
    let shown = harness
        .query_all_by_label_contains(text)
        .filter(|n| n.accesskit_node().role() != eframe::egui::accesskit::Role::Status)
        .count();
    assert_eq!(shown, 1, "one notice on screen says {text:?}");
}

/// Runs frames until a widget labelled `label` is there (work on a worker thread, such as
/// reading the history, shows a spinner meanwhile); fails after 30 s.
#[allow(dead_code)] // Not every test file waits for a worker.
pub fn wait_for_label(
    harness: &mut egui_kittest::Harness<'static, quizdesk::ui::Shell>,
    label: &str,
) {
    use egui_kittest::kittest::Queryable as _;
    let mut waited_ms = 0;
    while harness.query_by_label(label).is_none() {
        assert!(waited_ms < 30_000, "{label:?} never appeared");
        std::thread::sleep(std::time::Duration::from_millis(10));
        waited_ms += 10;
        harness.run_steps(1);
    }
}

/// The app presenting `deck`, with the room answering on phones on a free port, settled.
#[allow(dead_code)] // Only the live room's tests present live.
pub fn live_harness(
    dir: &TempDir,
    deck: &str,
) -> egui_kittest::Harness<'static, quizdesk::ui::Shell> {
    let mut harness = app_harness(
        dir,
        Some("Facilitator"),
        quizdesk::app::StartMode::Present {
            deck: deck.to_owned(),
            live_port: Some(0),
        },
        eframe::egui::vec2(1280.0, 1600.0),
    );
    settle(&mut harness);
    harness
}

/// The live room's port and code, as a phone needs them.
#[allow(dead_code)] // Only the live room's tests present live.
pub fn live_room(harness: &egui_kittest::Harness<'static, quizdesk::ui::Shell>) -> (u16, String) {
    let live = harness
        .state()
        .presentation()
        .and_then(|p| p.live.as_ref())
        .expect("the room answers on phones");
    (live.port(), live.code().as_str().to_owned())
}

/// Runs frames until some widget's label contains `text` (the window is woken from another
/// thread, such as the live room's server); fails after 30 s. Several may match.
#[allow(dead_code)] // Not every test file waits for another thread.
pub fn wait_for_label_containing(
    harness: &mut egui_kittest::Harness<'static, quizdesk::ui::Shell>,
    text: &str,
) {
    use egui_kittest::kittest::Queryable as _;
    let mut waited_ms = 0;
    while harness.query_all_by_label_contains(text).next().is_none() {
        assert!(waited_ms < 30_000, "{text:?} never appeared");
        std::thread::sleep(std::time::Duration::from_millis(10));
        waited_ms += 10;
        harness.run_steps(1);
    }
}

/// Answers the current match question from the keyboard, as a learner would: a letter for each
/// row in turn (the rows move on as they are filled), running `step` after each key.
#[allow(dead_code)] // Not every test file takes a quiz.
pub fn match_by_letters(
    harness: &mut egui_kittest::Harness<'static, quizdesk::ui::Shell>,
    step: impl Fn(&mut egui_kittest::Harness<'static, quizdesk::ui::Shell>),
) {
    use eframe::egui::Key;
    let rows = match harness
        .state()
        .quiz()
        .and_then(|q| q.session.current_question())
    {
        Some(quizdesk::deck::Question {
            answer: quizdesk::deck::Answer::Match { pairs },
            ..
        }) => pairs.len(),
        _ => 0,
    };
    for key in [Key::A, Key::B, Key::C, Key::D, Key::E, Key::F]
        .into_iter()
        .take(rows)
    {
        harness.key_press(key);
        step(harness);
    }
}

/// A one-question true/false deck file in the data folder's `decks` folder; every such deck's
/// question has the id `q`, so a quiz of the missed ones fits any of them.
#[allow(dead_code)] // Not every test file writes decks.
pub fn write_deck(dir: &TempDir, id: &str, title: &str) {
    let decks = dir.0.join("decks");
    if let Err(e) = std::fs::create_dir_all(&decks) {
        panic!("cannot create {}: {e}", decks.display());
    }
    let text = format!(
        r#"Deck(id: "{id}", title: "{title}", description: "", language: "en", authors: [], version: 1,
        questions: [Question(id: "q", prompt: "Is this {title}?", answer: TrueFalse(correct: true))])"#
    );
    let path = decks.join(format!("{id}.ron"));
    if let Err(e) = std::fs::write(&path, text) {
        panic!("cannot write {}: {e}", path.display());
    }
}

/// The alt texts of the pictures in [`picture_deck`].
#[allow(dead_code)] // Not every test file shows pictures.
pub const PENCIL_ALT: &str = "A sharpened pencil with a speck of powder beside its point";
#[allow(dead_code)] // Not every test file shows pictures.
pub const ICON_ALT: &str = "A blue square with a white card and a green tick";

/// A folder with one deck whose question has a drawing and whose options have pictures; the
/// deck's path.
#[allow(dead_code)] // Not every test file shows pictures.
pub fn picture_deck(dir: &TempDir) -> String {
    let folder = dir.0.join("mine");
    std::fs::create_dir_all(folder.join("images")).unwrap();
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/decks/images/pencil-tip.svg"),
        folder.join("images/pencil.svg"),
    )
    .unwrap();
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/assets/icon-256.png"),
        folder.join("images/icon.png"),
    )
    .unwrap();
    let path = folder.join("pictures.ron");
    std::fs::write(
        &path,
        format!(
            r#"Deck(id: "pictures", title: "Pictures", description: "", language: "en", authors: [], version: 1,
    questions: [Question(
        id: "q",
        prompt: "Which picture is the app's icon?",
        image: (file: "images/pencil.svg", alt: "{PENCIL_ALT}"),
        answer: SingleChoice(options: [
            Picture(text: "The square", correct: true, image: (file: "images/icon.png", alt: "{ICON_ALT}")),
            Wrong("Neither"),
        ], keep_order: true),
    )])"#
        ),
    )
    .unwrap();
    path.to_str().unwrap().to_owned()
}
