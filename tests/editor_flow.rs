//! The deck editor driven like a teacher would, through widgets found by their accessible
//! labels: a deck with a question of every kind is made, saved and loaded back; undo and redo;
//! the unsaved-changes prompt.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use quizdesk::app::{LaunchOptions, Screen, StartMode};
use quizdesk::ui::Shell;

mod common;
use common::TempDir;

fn editor(dir: &TempDir) -> Harness<'static, Shell> {
    let options = LaunchOptions {
        data_dir: dir.0.clone(),
        profile: Some("Teacher".to_owned()),
        start: StartMode::Library,
        quit: None,
    };
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 3000.0))
        .build_eframe(move |_cc| Shell::with_prefs(Default::default(), options));
    harness.run_steps(3);
    harness.get_by_label("New deck").click();
    settle(&mut harness);
    assert_eq!(harness.state().screen(), Screen::Editor);
    harness
}

fn settle(harness: &mut Harness<'static, Shell>) {
    harness.run_steps(3);
    harness.check_accessibility();
}

/// Clicks the field labelled `label` and types `text` into it.
fn type_into(harness: &mut Harness<'static, Shell>, label: &str, text: &str) {
    harness.get_by_label(label).click();
    settle(harness);
    harness.get_by_label(label).type_text(text);
    settle(harness);
}

fn choose_kind(harness: &mut Harness<'static, Shell>, kind_label: &str) {
    harness.get_by_label("Kind of answer:").click();
    settle(harness);
    harness.get_by_label(kind_label).click();
    settle(harness);
}

#[test]
fn a_link_with_an_accent_typed_into_the_editor_is_a_problem_beside_it_not_a_crash() {
    let dir = TempDir::new("accent-link");
    let mut harness = editor(&dir);
    harness.get_by_label("Add a resource").click();
    settle(&mut harness);
    // This killed the app, losing the edits since the last autosave.
    type_into(&mut harness, "Resource link:", "www.café.org");
    assert_eq!(harness.state().screen(), Screen::Editor);
    harness.get_by_label_contains("www.café.org");
    harness.get_by_label_contains("`www.café.org` is not a web address");
}

#[test]
fn a_deck_with_every_kind_is_made_in_the_editor_saved_and_loads_the_same() {
    let dir = TempDir::new("every-kind");
    let mut harness = editor(&dir);

    let kinds: [(&str, &str); 8] = [
        ("Flashcard (self-graded)", "Flashcard"),
        ("Single choice", "SingleChoice"),
        ("Select all that apply", "MultiSelect"),
        ("True or false", "TrueFalse"),
        ("Number", "Numeric"),
        ("Typed answer", "Text"),
        ("Put in order", "Order"),
        ("Match pairs", "Match"),
    ];
    for (label, kind) in kinds {
        harness.get_by_label("Add question").click();
        settle(&mut harness);
        type_into(
            &mut harness,
            "Prompt:",
            &format!("A question of the kind {kind}"),
        );
        choose_kind(&mut harness, label);
        let chosen = &harness
            .state()
            .editor_deck()
            .unwrap()
            .questions
            .last()
            .unwrap()
            .answer;
        assert_eq!(chosen.kind_name(), kind);
        match kind {
            "Flashcard" => type_into(&mut harness, "Back of the card:", "The back"),
            "SingleChoice" | "MultiSelect" => {
                type_into(&mut harness, "Option 1:", "The right one");
                type_into(&mut harness, "Option 2:", "A wrong one");
            }
            "Text" => type_into(&mut harness, "Answer 1:", "lava"),
            "Order" => {
                type_into(&mut harness, "1.", "First");
                type_into(&mut harness, "2.", "Second");
            }
            "Match" => {
                type_into(&mut harness, "Left 1:", "Sinaloa");
                type_into(&mut harness, "Right 1:", "A Pacific state");
                type_into(&mut harness, "Left 2:", "Guadalajara");
                type_into(&mut harness, "Right 2:", "The older cartel");
            }
            _ => {}
        }
    }
    harness.get_by_label("No problems");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    settle(&mut harness);
    harness.get_by_label("Saved");

    let path = harness.state().editor_path().unwrap().to_owned();
    let loaded =
        quizdesk::deck::load_deck(&path).unwrap_or_else(|e| panic!("{}", e.report().render()));
    let edited =
        quizdesk::deck::validate_raw(harness.state().editor_deck().unwrap().clone()).unwrap();
    assert_eq!(loaded, edited);
    let loaded_kinds: Vec<&str> = loaded
        .questions()
        .iter()
        .map(|q| q.answer.kind_name())
        .collect();
    assert_eq!(loaded_kinds, kinds.map(|(_, k)| k));
    // Ids come from the prompts, and never change afterwards.
    assert_eq!(
        loaded.questions()[0].id.as_str(),
        "a-question-of-the-kind-flashcard"
    );
}

#[test]
fn undo_and_redo_every_edit() {
    let dir = TempDir::new("undo");
    let mut harness = editor(&dir);
    harness.get_by_label("Add question").click();
    settle(&mut harness);
    type_into(&mut harness, "Prompt:", "Where is Durango?");
    let prompt =
        |h: &Harness<'static, Shell>| h.state().editor_deck().unwrap().questions[0].prompt.clone();
    assert_eq!(prompt(&harness), "Where is Durango?");

    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    settle(&mut harness);
    assert_eq!(prompt(&harness), "");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    settle(&mut harness);
    assert!(harness.state().editor_deck().unwrap().questions.is_empty());

    harness.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::Z,
    );
    settle(&mut harness);
    harness.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::Z,
    );
    settle(&mut harness);
    assert_eq!(prompt(&harness), "Where is Durango?");
}

#[test]
fn closing_with_unsaved_changes_asks_first() {
    let dir = TempDir::new("unsaved");
    let mut harness = editor(&dir);
    harness.get_by_label("Add question").click();
    settle(&mut harness);
    harness.key_press(egui::Key::Escape);
    settle(&mut harness);
    harness.get_by_label("This deck has unsaved changes.");
    harness.get_by_label("Keep editing").click();
    settle(&mut harness);
    assert_eq!(harness.state().screen(), Screen::Editor);

    harness.key_press(egui::Key::Escape);
    settle(&mut harness);
    harness.get_by_label("Close without saving").click();
    settle(&mut harness);
    assert_eq!(harness.state().screen(), Screen::Library);
    assert!(
        !dir.0.join("decks").join("my-deck.ron").exists(),
        "nothing was saved"
    );
}

/// The editor on a copy of the bundled deck titled `title`, opened from the library.
fn editing_bundled(dir: &TempDir, title: &str) -> Harness<'static, Shell> {
    let mut harness = editor(dir);
    harness.get_by_label("Close the editor").click();
    settle(&mut harness);
    harness.get_by_label("Close without saving").click();
    settle(&mut harness);
    harness.get_by_label(&format!("Edit: {title}")).click();
    settle(&mut harness);
    harness
}

#[test]
fn a_bundled_deck_is_edited_as_a_copy_with_its_own_id() {
    let dir = TempDir::new("copy");
    let mut harness = editing_bundled(&dir, "Sample: every question kind");
    let deck = harness.state().editor_deck().unwrap().clone();
    assert_eq!(deck.id, "sample-every-kind-copy");
    harness.get_by_label("Save").click();
    settle(&mut harness);
    let saved = dir.0.join("decks").join("sample-every-kind-copy.ron");
    let loaded = quizdesk::deck::load_deck(&saved).unwrap();
    assert_eq!(loaded.questions().len(), 16);
    assert_eq!(loaded.title(), "Sample: every question kind (copy)");
    // The sample has no pictures: none are copied.
    assert!(!dir.0.join("decks").join("images").exists());
}

#[test]
fn a_copy_of_the_awareness_deck_takes_its_drawing_along() {
    let dir = TempDir::new("copy-pictures");
    let mut harness = editing_bundled(&dir, "Fentanyl and social media");
    harness.get_by_label("Save").click();
    settle(&mut harness);
    let saved = dir.0.join("decks").join("fentanyl-social-media-copy.ron");
    // Loading from the file checks the picture is beside it.
    let loaded = quizdesk::deck::load_deck(&saved).unwrap();
    assert!(loaded.questions().iter().any(|q| q.image.is_some()));
}

#[test]
fn a_deck_with_problems_is_saved_as_a_draft_and_marked_in_the_library() {
    let dir = TempDir::new("draft");
    let mut harness = editor(&dir);
    harness.get_by_label("Add question").click();
    settle(&mut harness);
    // The prompt is still empty: the problem shows beside the field and in the question's list.
    assert_eq!(
        harness
            .get_all_by_label_contains("the prompt is empty")
            .count(),
        2
    );
    harness.get_by_label("Save").click();
    settle(&mut harness);
    harness.get_by_label("Saved");
    common::notice(&harness, "as a draft: it has");
    harness.get_by_label("Close the editor").click();
    settle(&mut harness);
    assert_eq!(harness.state().screen(), Screen::Library);
    harness.get_by_label("my-deck.ron cannot be opened");
    harness.get_by_label("Draft: not ready for learners yet");
}

#[test]
fn unsaved_edits_are_autosaved_and_offered_back_after_a_crash() {
    let dir = TempDir::new("recovery");
    let decks = dir.0.join("decks");
    std::fs::create_dir_all(&decks).unwrap();
    let file = decks.join("mine.ron");
    std::fs::write(
        &file,
        r#"Deck(id: "mine", title: "Mine", description: "", language: "en", authors: [], version: 1,
            questions: [Question(id: "q", prompt: "Before", answer: TrueFalse(correct: true))])"#,
    )
    .unwrap();
    let recovery = quizdesk::store::recovery_path(&file);
    {
        let mut harness = editor(&dir);
        harness.get_by_label("Close the editor").click();
        settle(&mut harness);
        harness.get_by_label("Close without saving").click();
        settle(&mut harness);
        harness.get_by_label("Edit: Mine").click();
        settle(&mut harness);
        harness.get_by_label("Prompt:").click();
        settle(&mut harness);
        harness.get_by_label("Prompt:").type_text(" and after");
        // A few seconds later the edit is autosaved beside the deck; then the app "crashes".
        harness.run_steps(30);
        assert!(recovery.is_file(), "no autosave at {}", recovery.display());
    }
    let mut harness = editor(&dir);
    harness.get_by_label("Close the editor").click();
    settle(&mut harness);
    harness.get_by_label("Close without saving").click();
    settle(&mut harness);
    harness.get_by_label("Edit: Mine").click();
    settle(&mut harness);
    harness.get_by_label_contains("Unsaved changes from an earlier session were kept");
    harness.get_by_label("Restore them").click();
    settle(&mut harness);
    let prompt = &harness.state().editor_deck().unwrap().questions[0].prompt;
    assert!(prompt.contains("after"), "{prompt}");
    // The deck file itself was never touched.
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("\"Before\"")
    );
}

/// Types `text` one character per frame, as a person does.
fn type_slowly(harness: &mut Harness<'static, Shell>, label: &str, text: &str) {
    harness.get_by_label(label).click();
    settle(harness);
    for c in text.chars() {
        harness.get_by_label(label).type_text(&c.to_string());
        harness.run_steps(1);
    }
    settle(harness);
}

#[test]
fn ids_follow_the_prompt_until_saved_and_lists_take_commas_and_spaces() {
    let dir = TempDir::new("typing");
    let mut harness = editor(&dir);
    harness.get_by_label("Add question").click();
    settle(&mut harness);
    type_slowly(&mut harness, "Prompt:", "Where is Durango?");
    let id = |h: &Harness<'static, Shell>| h.state().editor_deck().unwrap().questions[0].id.clone();
    assert_eq!(id(&harness), "where-is-durango");
    type_slowly(
        &mut harness,
        "Tags (separated by commas):",
        "mexico, north west",
    );
    assert_eq!(
        harness.state().editor_deck().unwrap().questions[0].tags,
        ["mexico", "north west"]
    );
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    settle(&mut harness);
    // After the first save the id stays, whatever happens to the prompt.
    type_slowly(&mut harness, "Prompt:", " (state)");
    assert_eq!(id(&harness), "where-is-durango");
}

#[test]
fn a_new_deck_that_was_never_saved_is_offered_back_from_its_autosave() {
    let dir = TempDir::new("orphan");
    let decks = dir.0.join("decks");
    std::fs::create_dir_all(&decks).unwrap();
    let autosave = quizdesk::store::recovery_path(&decks.join("lost.ron"));
    std::fs::write(
        &autosave,
        r#"Deck(id: "lost", title: "Lost deck", description: "", language: "en", authors: [], version: 1,
            questions: [Question(id: "q", prompt: "Still here?", answer: TrueFalse(correct: true))])"#,
    )
    .unwrap();
    let options = LaunchOptions {
        data_dir: dir.0.clone(),
        profile: Some("Teacher".to_owned()),
        start: StartMode::Library,
        quit: None,
    };
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 3000.0))
        .build_eframe(move |_cc| Shell::with_prefs(Default::default(), options));
    settle(&mut harness);
    harness.get_by_label("A new deck was being written when quizdesk stopped");
    harness.get_by_label("Open it in the editor").click();
    settle(&mut harness);
    assert_eq!(harness.state().screen(), Screen::Editor);
    assert_eq!(harness.state().editor_deck().unwrap().title, "Lost deck");
    harness.get_by_label("Save").click();
    settle(&mut harness);
    assert!(decks.join("lost.ron").is_file());
    assert!(
        !autosave.exists(),
        "the autosave is removed once the deck is saved"
    );
}

#[test]
fn an_item_writing_warning_shows_beside_its_option_and_the_deck_saves_as_a_normal_deck() {
    let dir = TempDir::new("warning");
    let mut harness = editor(&dir);
    harness.get_by_label("Add question").click();
    settle(&mut harness);
    type_into(&mut harness, "Prompt:", "What is the capital of France?");
    choose_kind(&mut harness, "Single choice");
    type_into(&mut harness, "Option 1:", "Paris");
    type_into(&mut harness, "Option 2:", "Rome");
    harness.get_by_label("Add an option").click();
    settle(&mut harness);
    type_into(&mut harness, "Option 3:", "All of the above");

    // Beside the option, marked as a warning in words; the deck has no problem.
    harness.get_by_label_contains(
        "Warning: the option `All of the above` is about the other options, not an answer of its own (",
    );
    harness.get_by_label("1 warning(s) about how questions are written");
    harness.get_by_label("No problems");
    assert!(
        harness
            .query_by_label_contains("saving keeps it as a draft")
            .is_none()
    );
    harness.get_by_label_contains("(has warnings)");

    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    settle(&mut harness);
    harness.get_by_label("Saved");
    assert!(harness.query_by_label_contains("as a draft").is_none());
    let path = harness.state().editor_path().unwrap().to_owned();
    let (_, warnings) = quizdesk::deck::load_deck_checked(&path)
        .unwrap_or_else(|e| panic!("{}", e.report().render()));
    let codes: Vec<&str> = warnings
        .diagnostics
        .iter()
        .map(|d| d.problem.code())
        .collect();
    assert_eq!(codes, ["all-of-the-above"]);
}

#[test]
fn a_question_without_item_writing_faults_shows_no_warning() {
    let dir = TempDir::new("no-warning");
    let mut harness = editor(&dir);
    harness.get_by_label("Add question").click();
    settle(&mut harness);
    type_into(&mut harness, "Prompt:", "What is the capital of France?");
    choose_kind(&mut harness, "Single choice");
    type_into(&mut harness, "Option 1:", "Paris");
    type_into(&mut harness, "Option 2:", "Rome");
    harness.get_by_label("No problems");
    assert!(harness.query_by_label_contains("Warning:").is_none());
}

#[test]
fn a_deck_pasted_with_curly_quotes_is_fixed_from_its_card_and_then_opens_in_the_editor() {
    let dir = TempDir::new("fix-quotes");
    let decks = dir.0.join("decks");
    std::fs::create_dir_all(&decks).unwrap();
    let pasted = "Deck(id: “pasted”, title: “Pasted”, description: “”, language: “en”, authors: [], version: 1,\n questions: [Question(id: ‘q’, prompt: “Is “this” pasted?”, answer: TrueFalse(correct: true))])\n";
    std::fs::write(decks.join("pasted.ron"), pasted).unwrap();
    let mut harness = common::app_harness(
        &dir,
        Some("Teacher"),
        StartMode::Library,
        egui::vec2(1280.0, 3000.0),
    );
    settle(&mut harness);
    harness.get_by_label("pasted.ron cannot be opened");
    // The editor says why it cannot open it, and where the fix is.
    harness.get_by_label("Edit: pasted.ron").click();
    settle(&mut harness);
    common::notice(&harness, "with \"Fix quotes\" on its card in the library");

    harness.get_by_label("Fix quotes: pasted.ron").click();
    settle(&mut harness);
    common::notice(&harness, "Made 12 quote(s) around 6 text(s) straight");
    assert_eq!(
        std::fs::read_to_string(decks.join("pasted.ron.bak")).unwrap(),
        pasted
    );
    let fixed = quizdesk::deck::load_deck(&decks.join("pasted.ron")).unwrap();
    // The quotes inside the prompt are the teacher's own.
    assert_eq!(fixed.questions()[0].prompt, "Is “this” pasted?");
    assert!(
        harness
            .query_by_label("pasted.ron cannot be opened")
            .is_none()
    );
}

/// A file dropped on the window, as the windowing system hands it over.
#[derive(Debug)]
struct Dropped(std::path::PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &std::path::Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn a_picture_typed_or_dropped_is_copied_beside_the_deck_and_asks_for_its_alt_text() {
    let dir = TempDir::new("picture");
    let outside = TempDir::new("picture-from");
    let drawing = outside.0.join("Pencil tip.svg");
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/decks/images/pencil-tip.svg"),
        &drawing,
    )
    .unwrap();
    let icon = outside.0.join("icon.png");
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/assets/icon-256.png"),
        &icon,
    )
    .unwrap();
    let mut harness = editor(&dir);
    harness.get_by_label("Add question").click();
    settle(&mut harness);
    type_into(&mut harness, "Prompt:", "Which is the pencil?");

    // Typed: the question's picture.
    type_into(&mut harness, "Add a picture:", drawing.to_str().unwrap());
    harness.get_by_label("Add picture").click();
    settle(&mut harness);
    let images = dir.0.join("decks").join("images");
    assert!(images.join("Pencil-tip.svg").is_file());
    common::notice(&harness, "Added the picture as images/Pencil-tip.svg");
    // The alt text is still to write, and the editor says so beside the picture.
    harness.get_by_label("this picture has no alt text");
    type_into(
        &mut harness,
        "Alt text (what the picture shows, for people who cannot see it):",
        "A pencil's point",
    );
    assert!(
        harness
            .query_by_label("this picture has no alt text")
            .is_none()
    );

    // Dropped: the first option's picture, chosen with its "Picture…" button.
    type_into(&mut harness, "Option 1:", "The icon");
    type_into(&mut harness, "Option 2:", "Neither");
    harness.get_by_label("Add a picture to option 1").click();
    settle(&mut harness);
    harness.get_by_label("Picture for option 1:");
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(icon.clone())));
    settle(&mut harness);
    assert!(images.join("icon.png").is_file());
    let deck = harness.state().editor_deck().unwrap().clone();
    let quizdesk::deck::raw::Answer::SingleChoice { options, .. } = &deck.questions[0].answer
    else {
        panic!("a single choice");
    };
    assert_eq!(options[0].image().unwrap().file, "images/icon.png");
    let alt = "Alt text (what the picture shows, for people who cannot see it):";
    harness.get_all_by_label(alt).nth(1).unwrap().click();
    settle(&mut harness);
    harness
        .get_all_by_label(alt)
        .nth(1)
        .unwrap()
        .type_text("A blue square with a white card");
    settle(&mut harness);

    harness.get_by_label("Save").click();
    settle(&mut harness);
    let saved = quizdesk::deck::load_deck(&dir.0.join("decks").join("my-deck.ron")).unwrap();
    let question = &saved.questions()[0];
    assert_eq!(question.image.as_ref().unwrap().alt, "A pencil's point");
}
