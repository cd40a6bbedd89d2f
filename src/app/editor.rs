//! The deck editor's model: the deck as edited, undo and redo, saving, autosaving every few
//! seconds, the autosaved copies left by a crash, and closing with unsaved changes.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::deck::{self, raw};
use crate::store;

use super::{App, DeckKey, NoticeLevel, Origin, Screen, WindowEffect};

/// Edits within this many seconds of each other are one undo step (typing in one burst).
const UNDO_GROUP_S: f64 = 1.0;

/// How often unsaved changes are autosaved, in seconds.
const AUTOSAVE_EVERY_S: f64 = 5.0;

/// A deck being edited.
pub struct EditorState {
    /// Where it is saved.
    pub path: Option<PathBuf>,
    /// The deck as edited.
    pub deck: raw::Deck,
    /// The deck as last saved (or opened), to know whether there are unsaved changes.
    pub saved: raw::Deck,
    /// Earlier versions, most recent last.
    pub undo: Vec<raw::Deck>,
    /// Versions undone, most recent last.
    pub redo: Vec<raw::Deck>,
    /// When the last edit was made (the window's seconds), to group typing into one undo step.
    last_edit_s: f64,
    /// Question ids made by the editor and not saved yet: they follow their prompt until the
    /// first save, and never change after it.
    pub auto_ids: HashSet<String>,
    /// Every broken rule, by path.
    pub problems: Vec<deck::PathProblem>,
    /// Set while "Save changes?" is asked: where to go afterwards.
    pub confirm_close: Option<Screen>,
    /// Close the window once the editor is left (the window's close button was pressed).
    quit_after: bool,
    /// An autosaved copy from an earlier session, offered for restoring.
    pub recovery_offer: Option<PathBuf>,
    /// When the autosaved copy was last written (the window's seconds).
    autosaved_s: f64,
    /// The file as opened has comments, which saving does not keep.
    pub had_comments: bool,
    /// Tells this editing from the one before, so the screen starts afresh (first question).
    pub run: u64,
}

impl EditorState {
    /// Starts editing `deck`; `on_disk` says whether it is saved as it is (a new deck or a copy
    /// of a bundled one is not, until the first save).
    fn new(path: Option<PathBuf>, deck: raw::Deck, on_disk: bool, run: u64) -> Self {
        let problems = editor_problems(&deck);
        let recovery_offer = path
            .as_deref()
            .map(store::recovery_path)
            .filter(|p| p.is_file());
        let saved = if on_disk {
            deck.clone()
        } else {
            // Nothing on disk yet: any deck differs from "nothing", so closing asks first.
            raw::Deck {
                id: String::new(),
                ..deck.clone()
            }
        };
        Self {
            path,
            saved,
            deck,
            undo: Vec::new(),
            redo: Vec::new(),
            last_edit_s: f64::NEG_INFINITY,
            auto_ids: HashSet::new(),
            problems,
            confirm_close: None,
            quit_after: false,
            recovery_offer,
            autosaved_s: 0.0,
            had_comments: false,
            run,
        }
    }

    /// Whether there are unsaved changes.
    pub fn is_dirty(&self) -> bool {
        self.deck != self.saved
    }

    fn set_deck(&mut self, deck: raw::Deck) {
        self.problems = editor_problems(&deck);
        self.deck = deck;
    }
}

/// The editor's list of what to fix: the deck's errors, then its item-writing warnings (which
/// do not make it a draft).
fn editor_problems(deck: &raw::Deck) -> Vec<deck::PathProblem> {
    let mut problems = deck::validate_raw(deck.clone()).err().unwrap_or_default();
    problems.extend(deck::lint_raw(deck));
    problems
}

/// What the editor asks.
#[derive(Clone, Debug, PartialEq)]
pub enum EditorCommand {
    /// Open a library deck (bundled decks as a copy in the user's decks folder), or a new deck.
    Open(Option<DeckKey>),
    /// The deck changed; the ids the editor made and that are not saved yet.
    Edit(Box<raw::Deck>, HashSet<String>),
    /// Undo the last edit.
    Undo,
    /// Redo the last undone edit.
    Redo,
    /// Save the deck.
    Save,
    /// Close the editor (asks first when there are unsaved changes).
    Close,
    /// Leave the editor for a screen (after "Save and close").
    Leave(Screen),
    /// Leave the editor without saving.
    DiscardAndLeave(Screen),
    /// Stay in the editor after all.
    KeepEditing,
    /// Take the autosaved copy from an earlier session.
    RestoreRecovery,
    /// Throw the autosaved copy away.
    DiscardRecovery,
    /// Open the autosaved copy of a deck that was never saved (after a crash).
    OpenRecovered(PathBuf),
    /// Delete the autosaved copy of a deck that was never saved.
    DiscardRecovered(PathBuf),
    /// Put the texts of a deck file that cannot be read because of its quotes (curly, as pasted
    /// from a word processor, or single) in straight double quotes, keeping a `.bak`.
    FixQuotes(DeckKey),
    /// Copy the picture at `from` into the deck's `images` folder and give it to question
    /// `question` (or to its option `option`), with its alt text still to write.
    AddPicture {
        /// The question's place in the deck.
        question: usize,
        /// The option's place in the question's options, for an option's picture.
        option: Option<usize>,
        /// The picture chosen or dropped.
        from: PathBuf,
    },
}

impl App {
    /// Applies an editor command.
    pub(super) fn apply_editor(&mut self, command: EditorCommand) {
        match command {
            EditorCommand::Open(key) => self.open_editor(key.as_ref()),
            EditorCommand::FixQuotes(key) => self.fix_quotes(&key),
            EditorCommand::AddPicture {
                question,
                option,
                from,
            } => self.add_picture(question, option, &from),
            EditorCommand::Edit(deck, auto_ids) => {
                let now_s = self.now_s;
                if let Some(editor) = &mut self.editor {
                    if now_s - editor.last_edit_s > UNDO_GROUP_S || editor.undo.is_empty() {
                        editor.undo.push(editor.deck.clone());
                    }
                    editor.redo.clear();
                    editor.last_edit_s = now_s;
                    editor.auto_ids = auto_ids;
                    editor.set_deck(*deck);
                }
            }
            EditorCommand::Undo => {
                if let Some(editor) = &mut self.editor
                    && let Some(previous) = editor.undo.pop()
                {
                    editor.redo.push(editor.deck.clone());
                    editor.set_deck(previous);
                    editor.last_edit_s = f64::NEG_INFINITY;
                }
            }
            EditorCommand::Redo => {
                if let Some(editor) = &mut self.editor
                    && let Some(next) = editor.redo.pop()
                {
                    editor.undo.push(editor.deck.clone());
                    editor.set_deck(next);
                    editor.last_edit_s = f64::NEG_INFINITY;
                }
            }
            EditorCommand::Save => self.save_deck(),
            EditorCommand::Close => {
                if let Some(editor) = &mut self.editor {
                    if editor.is_dirty() {
                        editor.confirm_close = Some(Screen::Library);
                    } else {
                        self.leave_editor(Screen::Library);
                    }
                }
            }
            EditorCommand::Leave(then) => {
                // "Save and close" saves first; a failed save keeps the editor open.
                if self.editor.as_ref().is_some_and(|e| !e.is_dirty()) {
                    self.leave_editor(then);
                }
            }
            EditorCommand::DiscardAndLeave(then) => {
                self.remove_recovery();
                self.leave_editor(then);
            }
            EditorCommand::KeepEditing => {
                if let Some(editor) = &mut self.editor {
                    editor.confirm_close = None;
                    editor.quit_after = false;
                }
            }
            EditorCommand::RestoreRecovery => self.restore_recovery(),
            EditorCommand::DiscardRecovery => {
                self.remove_recovery();
                if let Some(editor) = &mut self.editor {
                    editor.recovery_offer = None;
                }
            }
            EditorCommand::OpenRecovered(recovery) => self.open_recovered(&recovery),
            EditorCommand::DiscardRecovered(recovery) => {
                if let Err(e) = store::remove_file_if_exists(&recovery) {
                    self.notice(NoticeLevel::Error, format!("Could not delete it: {e}"));
                }
                self.recovered.retain(|p| p != &recovery);
            }
        }
    }

    /// The deck being edited.
    pub fn editor(&self) -> Option<&EditorState> {
        self.editor.as_ref()
    }

    /// The deck open in the editor, as edited.
    pub fn editor_deck(&self) -> Option<&raw::Deck> {
        self.editor.as_ref().map(|e| &e.deck)
    }

    /// Where the deck open in the editor is saved.
    pub fn editor_path(&self) -> Option<&Path> {
        self.editor.as_ref().and_then(|e| e.path.as_deref())
    }

    /// Autosaved copies of new decks that were never saved (the app stopped first).
    pub fn recovered(&self) -> &[PathBuf] {
        &self.recovered
    }

    /// A deck id no library deck has, with a file for it in the user's decks folder that does
    /// not exist yet.
    pub(super) fn fresh_deck_file(&self, wanted: &str) -> (String, PathBuf) {
        store::fresh_deck_file(&self.user_decks_dir(), wanted, |id| {
            self.deck_with_id(id).is_some()
        })
    }

    /// Starts editing `deck`, to be saved at `path`.
    pub(super) fn edit_new(&mut self, path: PathBuf, deck: raw::Deck) {
        let run = self.next_run();
        self.editor = Some(EditorState::new(Some(path), deck, false, run));
        self.screen = Screen::Editor;
    }

    /// Opens a library deck in the editor (bundled ones as a copy in the user's decks folder),
    /// or a new deck for `None`.
    fn open_editor(&mut self, key: Option<&DeckKey>) {
        let Some(key) = key else {
            let (id, path) = self.fresh_deck_file("my-deck");
            let deck = raw::Deck {
                id,
                title: "My deck".to_owned(),
                description: String::new(),
                language: "en".to_owned(),
                authors: self.profile.iter().map(|p| p.name.clone()).collect(),
                version: 1,
                content_note: None,
                sources: Vec::new(),
                resources: Vec::new(),
                questions: Vec::new(),
                sessions: Vec::new(),
            };
            return self.edit_new(path, deck);
        };
        let Some(entry) = self.library_entry(key).cloned() else {
            return self.deck_gone_notice();
        };
        if entry.origin == Origin::Bundled {
            let Ok(validated) = &entry.deck else { return };
            let copy_id = format!("{}-copy", validated.id());
            let existing = self.user_decks_dir().join(format!("{copy_id}.ron"));
            let existing = std::fs::canonicalize(&existing).unwrap_or(existing);
            if let Some(copy) = self.library.iter().find(|e| e.path == existing) {
                // The teacher's copy exists already: edit it, never a second copy over it.
                let copy = copy.key();
                return self.open_editor(Some(&copy));
            }
            let mut deck = deck::from_validated(validated);
            // A copy is a deck of its own: its own id, so its scores stay apart.
            let (id, path) = self.fresh_deck_file(&copy_id);
            // Its pictures come along, beside it.
            let used: Vec<&str> = deck::images::pictures(validated)
                .into_iter()
                .map(|(picture, _)| picture.file.as_str())
                .collect();
            for (file, bytes) in deck::BUNDLED_IMAGES
                .iter()
                .filter(|(f, _)| used.contains(f))
            {
                if let Err(e) = store::place_bundled_picture(deck::deck_folder(&path), file, bytes)
                {
                    self.notice(
                        NoticeLevel::Warning,
                        format!("A picture of the deck was not copied beside it: {e}"),
                    );
                }
            }
            deck.id = id;
            deck.title = format!("{} (copy)", deck.title);
            return self.edit_new(path, deck);
        }
        // Bounded: a 3 GB file is refused without being read.
        let read = deck::read_deck_bytes(&entry.path)
            .map_err(|e| format!("in a text editor:\n{}", e.report().render()))
            .and_then(|bytes| {
                deck::parse_raw(&bytes, &entry.path)
                    .map(|deck| {
                        let comments = deck::has_own_comments(&String::from_utf8_lossy(&bytes));
                        (deck, comments)
                    })
                    .map_err(|e| {
                        let quotes = e
                            .report()
                            .diagnostics
                            .iter()
                            .any(|d| d.problem.code() == "wrong-quotes");
                        let fix = if quotes {
                            "with \"Fix quotes\" on its card in the library, or "
                        } else {
                            ""
                        };
                        format!("{fix}in a text editor:\n{}", e.report().render_first(10))
                    })
            });
        match read {
            Ok((deck, comments)) => {
                let run = self.next_run();
                self.editor = Some(EditorState {
                    had_comments: comments,
                    ..EditorState::new(Some(entry.path.clone()), deck, true, run)
                });
                self.screen = Screen::Editor;
            }
            Err(e) => self.notice(
                NoticeLevel::Error,
                format!("This deck cannot be opened in the editor until its text is fixed {e}"),
            ),
        }
    }

    fn add_picture(&mut self, question: usize, option: Option<usize>, from: &Path) {
        let Some(editor) = &self.editor else { return };
        let Some(deck_file) = editor.path.clone() else {
            return self.notice(
                NoticeLevel::Error,
                "Save the deck first: its pictures are kept in a folder beside its file."
                    .to_owned(),
            );
        };
        let copied = match store::copy_picture_into(deck::deck_folder(&deck_file), from) {
            Ok(copied) => copied,
            Err(e) => {
                return self.notice(
                    NoticeLevel::Error,
                    format!("The picture was not added: {e}"),
                );
            }
        };
        let mut deck = editor.deck.clone();
        let image = raw::Image {
            file: copied.clone(),
            alt: String::new(),
        };
        let placed = match (deck.questions.get_mut(question), option) {
            (Some(q), None) => {
                q.image = Some(raw::Image {
                    // A picture replaced keeps its description until the teacher changes it.
                    alt: q.image.take().map(|i| i.alt).unwrap_or_default(),
                    ..image
                });
                true
            }
            (Some(q), Some(j)) => match &mut q.answer {
                raw::Answer::SingleChoice { options, .. }
                | raw::Answer::MultiSelect { options, .. } => options.get_mut(j).is_some_and(|o| {
                    let alt = o.image().map(|i| i.alt.clone()).unwrap_or_default();
                    *o = raw::Choice::new(
                        o.text().to_owned(),
                        o.is_correct(),
                        Some(raw::Image { alt, ..image }),
                    );
                    true
                }),
                _ => false,
            },
            (None, _) => false,
        };
        if !placed {
            return;
        }
        let auto_ids = editor.auto_ids.clone();
        self.apply_editor(EditorCommand::Edit(Box::new(deck), auto_ids));
        self.notice(
            NoticeLevel::Info,
            format!("Added the picture as {copied}, beside the deck. Now describe it in its alt text field."),
        );
    }

    fn fix_quotes(&mut self, key: &DeckKey) {
        let Some(entry) = self.library_entry(key).cloned() else {
            return self.deck_gone_notice();
        };
        let name = entry.path.display().to_string();
        let mended = deck::read_deck_bytes(&entry.path)
            .map_err(|e| e.report().render())
            .map(|bytes| deck::mend_quotes(&bytes));
        match mended {
            Ok(Some(mended)) => match store::write_file_atomic(&entry.path, mended.text.as_bytes())
            {
                Ok(()) => {
                    self.notice(
                        NoticeLevel::Info,
                        format!(
                            "Made {} quote(s) around {} text(s) straight in {name}. The file as it was is kept as {name}.bak.",
                            mended.quotes, mended.texts
                        ),
                    );
                    self.reload_library();
                }
                Err(e) => self.notice(
                    NoticeLevel::Error,
                    format!("The quotes in {name} were not fixed: {e}"),
                ),
            },
            Ok(None) => self.notice(
                NoticeLevel::Info,
                format!("{name} has no quotes to fix; its problems are listed on its card."),
            ),
            Err(e) => self.notice(NoticeLevel::Error, e),
        }
    }

    fn open_recovered(&mut self, recovery: &Path) {
        let read = deck::read_deck_bytes(recovery)
            .map_err(|e| e.report().render())
            .and_then(|bytes| {
                deck::parse_raw(&bytes, recovery).map_err(|e| e.report().render_first(10))
            });
        match (read, store::deck_file_of_recovery(recovery)) {
            (Ok(deck), Some(path)) => {
                self.edit_new(path, deck);
                if let Some(editor) = &mut self.editor {
                    // It is already the recovered copy: nothing else to offer.
                    editor.recovery_offer = None;
                }
            }
            (Err(e), _) => self.notice(
                NoticeLevel::Error,
                format!("The autosaved deck cannot be read: {e}"),
            ),
            (_, None) => {}
        }
    }

    fn restore_recovery(&mut self) {
        let restored = self
            .editor
            .as_ref()
            .and_then(|e| e.recovery_offer.clone())
            .map(|path| {
                deck::read_deck_bytes(&path)
                    .map_err(|e| e.report().render())
                    .and_then(|bytes| deck::parse_raw(&bytes, &path).map_err(|e| e.to_string()))
            });
        match restored {
            Some(Ok(deck)) => {
                if let Some(editor) = &mut self.editor {
                    editor.undo.push(editor.deck.clone());
                    editor.set_deck(deck);
                    editor.recovery_offer = None;
                }
            }
            Some(Err(e)) => self.notice(
                NoticeLevel::Error,
                format!("The autosaved copy cannot be read: {e}"),
            ),
            None => {}
        }
    }

    /// Saves the deck being edited: pretty RON, written atomically, the previous version kept.
    fn save_deck(&mut self) {
        let user_dir = self.user_decks_dir();
        let Some(editor) = &mut self.editor else {
            return;
        };
        // Every deck in the editor has its file from the start (chosen never to replace
        // another deck); this is only a fallback.
        let path = editor
            .path
            .clone()
            .unwrap_or_else(|| user_dir.join("untitled-deck.ron"));
        if let Err(e) = store::save_deck_file(&path, &editor.deck) {
            // Nothing written: the file keeps its last saved version.
            self.notice(NoticeLevel::Error, format!("The deck was not saved: {e}"));
            return;
        }
        editor.saved = editor.deck.clone();
        editor.path = Some(path.clone());
        // Saved ids are kept for good.
        editor.auto_ids.clear();
        // Warnings alone do not make a draft: the deck works as it is.
        let problems = editor
            .problems
            .iter()
            .filter(|p| p.severity() == deck::Severity::Error)
            .count();
        self.remove_recovery();
        if problems > 0 {
            self.notice(
                NoticeLevel::Warning,
                format!(
                    "Saved {} as a draft: it has {problems} problem(s), so the library shows it as not ready until they are fixed.",
                    path.display()
                ),
            );
        }
        self.reload_library();
        self.refresh_stats();
    }

    fn remove_recovery(&mut self) {
        let Some(path) = self.editor.as_ref().and_then(|e| e.path.clone()) else {
            return;
        };
        if let Err(e) = store::remove_autosave(&path) {
            self.notice(
                NoticeLevel::Warning,
                format!("The autosaved copy could not be removed: {e}"),
            );
        }
    }

    fn leave_editor(&mut self, then: Screen) {
        let quit = self.editor.as_ref().is_some_and(|e| e.quit_after);
        self.editor = None;
        self.screen = then;
        self.refresh_stats();
        if quit {
            self.effects.push(WindowEffect::Close);
        }
    }

    /// Writes the edited deck beside its file every few seconds while it has unsaved changes,
    /// so a crash loses little; offered back the next time the deck is opened.
    pub(super) fn autosave_editor(&mut self) {
        let now_s = self.now_s;
        let Some(editor) = &mut self.editor else {
            return;
        };
        let Some(path) = &editor.path else { return };
        // While an earlier session's copy is offered, writing would replace it before the
        // teacher chooses.
        if !editor.is_dirty()
            || editor.recovery_offer.is_some()
            || now_s - editor.autosaved_s < AUTOSAVE_EVERY_S
        {
            return;
        }
        editor.autosaved_s = now_s;
        if let Err(e) = store::autosave_deck(path, &editor.deck) {
            self.notice(
                NoticeLevel::Warning,
                format!("Unsaved changes could not be autosaved: {e}"),
            );
        }
    }

    /// The window's close button with unsaved editor changes asks first.
    pub(super) fn guard_close_with_unsaved_edits(&mut self, close_requested: bool) {
        let Some(editor) = &mut self.editor else {
            return;
        };
        // Held back every time while there are unsaved edits: the prompt's "Close without
        // saving" is the way to quit without them.
        if editor.is_dirty() && close_requested {
            self.effects.push(WindowEffect::CancelClose);
            editor.quit_after = true;
            editor.confirm_close = Some(Screen::Library);
            self.screen = Screen::Editor;
        }
    }
}
