//! Quizzes: the options before one, the content note before a deck, the quiz in progress and
//! its answers, which are written the moment they are given.

use std::sync::Arc;

use crate::deck::Deck;
use crate::quiz::{Phase, QuizConfig, QuizSession, Response};
use crate::store::{self, Mode, NewAttempt, NewSession, ProfileId, SessionId, SessionStart, Store};

use super::{App, DeckKey, NoticeLevel, Screen, StartMode};

/// A quiz in progress.
pub struct QuizState {
    /// The session: questions, answers, score.
    pub session: QuizSession,
    /// The library deck it was started from.
    pub deck: DeckKey,
    /// Where its answers are stored; `None` when the store refused the session.
    pub session_id: Option<SessionId>,
    /// When the current question was first shown, in the window's seconds.
    pub shown_at_s: f64,
    /// Tells this quiz from the one before, so the screen starts a fresh answer for it.
    pub run: u64,
}

/// The options of a quiz about to start.
#[derive(Clone, Debug, PartialEq)]
pub struct QuizSetup {
    /// The deck.
    pub deck: DeckKey,
    /// The options chosen so far.
    pub config: QuizConfig,
}

/// What to open once the content note is read.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum AfterNote {
    QuizSetup(DeckKey),
    Quiz(DeckKey, QuizConfig),
    Study(DeckKey),
}

impl AfterNote {
    fn deck(&self) -> &DeckKey {
        match self {
            Self::QuizSetup(deck) | Self::Quiz(deck, _) | Self::Study(deck) => deck,
        }
    }
}

/// What the quiz screens ask.
#[derive(Clone, Debug, PartialEq)]
pub enum QuizCommand {
    /// Open the quiz options for a deck (after its content note, the first time).
    SetUp(DeckKey),
    /// The options on the setup screen changed.
    Configure(QuizConfig),
    /// Start a quiz of a deck.
    Start(DeckKey, QuizConfig),
    /// The content note was read: go on to the deck.
    ContinueAfterNote,
    /// Answer question `n` of the quiz (ignored unless it is still the current one).
    Submit(usize, Response),
    /// Question `n`'s time ran out (ignored unless it is still the current one).
    TimeOut(usize),
    /// Go on from the feedback of question `n` to the next question.
    Next(usize),
    /// Continue the deck's quiz left half-way (see [`super::DeckStats::in_progress`]).
    Continue(DeckKey),
    /// Start a new quiz with the questions the last one missed.
    RetryMissed,
    /// Practise one question (deck id, question id) of a library deck: a quiz of it alone.
    Practise(String, String),
}

/// A seed for a quiz when none was asked for: short enough to read out or write down.
pub(super) fn fresh_seed() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64 % 1_000_000)
}

impl App {
    /// Applies a quiz command.
    pub(super) fn apply_quiz(&mut self, command: QuizCommand) {
        match command {
            QuizCommand::SetUp(deck) => self.open_with_note(AfterNote::QuizSetup(deck)),
            QuizCommand::Configure(config) => {
                if let Some(setup) = &mut self.setup {
                    setup.config = config;
                }
            }
            QuizCommand::Start(deck, config) => self.start_quiz(&deck, config),
            QuizCommand::ContinueAfterNote => self.continue_after_note(),
            // A command for a question that is no longer on screen (the time ran out in the same
            // frame as a click, say) must not land on the next question.
            QuizCommand::Submit(n, response) if self.is_current_question(n) => {
                self.submit(response);
            }
            QuizCommand::TimeOut(n) if self.is_current_question(n) => {
                self.submit(Response::NoAnswer);
            }
            QuizCommand::Submit(..) | QuizCommand::TimeOut(_) => {}
            QuizCommand::Next(n) => {
                let now_s = self.now_s;
                if let Some(q) = self
                    .quiz
                    .as_mut()
                    .filter(|q| q.session.current_index() == n)
                {
                    // Only possible from the feedback; a stray Enter elsewhere does nothing.
                    if q.session.next().is_ok() {
                        q.shown_at_s = now_s;
                    }
                    if q.session.phase() == Phase::Finished {
                        self.finish_quiz();
                    }
                }
            }
            QuizCommand::Continue(deck) => self.continue_quiz(&deck),
            QuizCommand::RetryMissed => self.retry_missed(),
            QuizCommand::Practise(deck_id, question_id) => {
                self.practise_question(&deck_id, &question_id);
            }
        }
    }

    /// The quiz in progress.
    pub fn quiz(&self) -> Option<&QuizState> {
        self.quiz.as_ref()
    }

    /// The quiz being set up.
    pub fn quiz_setup(&self) -> Option<&QuizSetup> {
        self.setup.as_ref()
    }

    /// The deck whose content note is shown.
    pub fn note_deck(&self) -> Option<&Arc<Deck>> {
        self.after_note
            .as_ref()
            .and_then(|then| self.library_deck(then.deck()))
    }

    /// The kind of the question on screen in a quiz, such as `SingleChoice`.
    pub fn current_answer_kind(&self) -> Option<&'static str> {
        let quiz = self.quiz.as_ref().filter(|_| self.screen == Screen::Quiz)?;
        quiz.session
            .current_question()
            .map(|q| q.answer.kind_name())
    }

    /// The phase of the quiz in progress: `Answering`, `Feedback` or `Finished`.
    pub fn current_phase_name(&self) -> Option<&'static str> {
        self.quiz.as_ref().map(|q| match q.session.phase() {
            Phase::Answering => "Answering",
            Phase::Feedback => "Feedback",
            Phase::Finished => "Finished",
        })
    }

    /// Opens what was asked for on the command line, once a profile is chosen.
    pub(super) fn start(&mut self, start: &StartMode) {
        match start {
            StartMode::Library => {}
            StartMode::Quiz { deck, count, seed } => {
                if let Some(key) = self.find_or_open(deck) {
                    let config = QuizConfig {
                        count: *count,
                        seed: seed.unwrap_or_else(fresh_seed),
                        ..QuizConfig::default()
                    };
                    self.open_with_note(AfterNote::Quiz(key, config));
                }
            }
            StartMode::Present { deck, live_port } => {
                if let Some(key) = self.find_or_open(deck) {
                    self.pending_present = Some((key, *live_port));
                }
            }
            StartMode::Study { deck } => {
                if let Some(key) = self.find_or_open(deck) {
                    self.open_with_note(AfterNote::Study(key));
                }
            }
        }
    }

    /// Opens a deck in a mode, showing its content note first when this profile has not seen it.
    pub(super) fn open_with_note(&mut self, then: AfterNote) {
        let Some(deck) = self.library_deck(then.deck()).cloned() else {
            self.deck_gone_notice();
            return;
        };
        if deck.content_note().is_none() {
            self.go_after_note(then);
            return;
        }
        let seen = match (&self.store, &self.profile) {
            (Some(store), Some(profile)) => {
                match store.content_note_seen(profile.id, deck.id().as_str()) {
                    Ok(seen) => seen,
                    Err(e) => {
                        // Shown again rather than skipped: the note is there to be read.
                        self.notice(
                            NoticeLevel::Warning,
                            format!("Whether this note was read before cannot be told: {e}"),
                        );
                        false
                    }
                }
            }
            _ => false,
        };
        if seen {
            self.go_after_note(then);
        } else {
            self.after_note = Some(then);
            self.screen = Screen::ContentNote;
        }
    }

    fn continue_after_note(&mut self) {
        let Some(then) = self.after_note.take() else {
            self.screen = Screen::Library;
            return;
        };
        let deck_id = self
            .library_deck(then.deck())
            .map(|d| d.id().as_str().to_owned());
        let marked = match (&mut self.store, &self.profile, deck_id) {
            (Some(store), Some(profile), Some(deck_id)) => store
                .mark_content_note_seen(profile.id, &deck_id, crate::time::now_ms())
                .err(),
            _ => None,
        };
        if let Some(e) = marked {
            self.notice(
                NoticeLevel::Warning,
                format!("Could not remember that the note was read: {e}"),
            );
        }
        self.go_after_note(then);
    }

    fn go_after_note(&mut self, then: AfterNote) {
        match then {
            AfterNote::QuizSetup(deck) => {
                self.setup = Some(QuizSetup {
                    deck,
                    config: QuizConfig {
                        seed: fresh_seed(),
                        ..QuizConfig::default()
                    },
                });
                self.screen = Screen::QuizSetup;
            }
            AfterNote::Quiz(deck, config) => self.start_quiz(&deck, config),
            AfterNote::Study(deck) => self.start_study(&deck),
        }
    }

    /// Says that a deck asked for is no longer in the library (its file went away).
    pub(super) fn deck_gone_notice(&mut self) {
        self.notice(
            NoticeLevel::Warning,
            "That deck is no longer in the library: its file was moved, renamed or changed. \
             Pick it again from the library."
                .to_owned(),
        );
        if self.profile.is_some() {
            self.screen = Screen::Library;
        }
    }

    pub(super) fn start_quiz(&mut self, key: &DeckKey, config: QuizConfig) {
        let Some(deck) = self.library_deck(key).cloned() else {
            self.deck_gone_notice();
            return;
        };
        self.start_quiz_of(key.clone(), &deck, config);
    }

    fn start_quiz_of(&mut self, key: DeckKey, deck: &Arc<Deck>, config: QuizConfig) {
        let session = match QuizSession::new(deck.clone(), config) {
            Ok(s) => s,
            Err(e) => {
                self.notice(NoticeLevel::Error, format!("Cannot start the quiz: {e}"));
                return;
            }
        };
        let session_id = self.start_stored_session(deck, Mode::Quiz, session.config());
        self.quiz = Some(QuizState {
            session,
            deck: key,
            session_id,
            shown_at_s: self.now_s,
            run: self.next_run(),
        });
        self.screen = Screen::Quiz;
    }

    /// Picks up the deck's quiz left half-way: the quiz still open in this window if it is that
    /// one (it holds answers the disk may not have taken yet), else the stored session rebuilt
    /// from its settings with its answers replayed. Its further answers go to the same session.
    fn continue_quiz(&mut self, key: &DeckKey) {
        let Some(entry) = self.library_entry(key) else {
            self.deck_gone_notice();
            return;
        };
        let (Ok(deck), Some(left)) = (
            entry.deck.clone(),
            entry.stats.as_ref().and_then(|s| s.in_progress.clone()),
        ) else {
            self.notice(
                NoticeLevel::Warning,
                "That quiz is no longer waiting to be continued.".to_owned(),
            );
            return;
        };
        let key = entry.key();
        if let Some(q) = self
            .quiz
            .as_mut()
            .filter(|q| q.session_id == Some(left.session) && q.session.phase() != Phase::Finished)
        {
            if q.session.phase() == Phase::Feedback {
                // Left during the feedback: it was read; the next question comes.
                let _ = q.session.next();
            }
            q.shown_at_s = self.now_s;
            if q.session.phase() == Phase::Finished {
                self.finish_quiz();
            } else {
                self.screen = Screen::Quiz;
            }
            return;
        }
        match self.replayed_session(&deck, &left) {
            Ok(session) => {
                self.quiz = Some(QuizState {
                    session,
                    deck: key,
                    session_id: Some(left.session),
                    shown_at_s: self.now_s,
                    run: self.next_run(),
                });
                self.screen = Screen::Quiz;
            }
            Err(why) => {
                self.notice(
                    NoticeLevel::Warning,
                    format!(
                        "This quiz cannot be continued: {why}. Its answers so far are kept in your \
                         history; choose \"Quiz\" to start a new one."
                    ),
                );
                // Offered no more: the next quiz of the deck supersedes it.
                if let Some(stats) = self
                    .library
                    .iter_mut()
                    .find(|e| e.key() == key)
                    .and_then(|e| e.stats.as_mut())
                {
                    stats.in_progress = None;
                }
            }
        }
    }

    /// The stored session `left` rebuilt over `deck`, or why it cannot be.
    fn replayed_session(
        &self,
        deck: &Arc<Deck>,
        left: &super::InProgress,
    ) -> Result<QuizSession, String> {
        let (Some(store), Some(profile)) = (&self.store, &self.profile) else {
            return Err("no profile is in use".to_owned());
        };
        let answers = store
            .session_answers(profile.id, left.session)
            .map_err(|e| e.to_string())?;
        let mut replay = Vec::with_capacity(answers.len());
        for (n, answer) in answers.into_iter().enumerate() {
            let response: Response = serde_json::from_str(&answer.response_json)
                .map_err(|e| format!("answer {} cannot be read ({e})", n + 1))?;
            let id = crate::deck::QuestionId::new_unchecked(answer.question_id);
            replay.push((id, response, answer.elapsed_ms));
        }
        QuizSession::resume(deck.clone(), left.config.clone(), replay).map_err(|e| e.to_string())
    }

    /// A quiz of the questions the last one missed, from the same deck: the library's copy
    /// when it is still there (it may have been edited), else the copy the quiz was of.
    fn retry_missed(&mut self) {
        let Some(q) = &self.quiz else { return };
        let missed = q.session.results().missed_ids();
        if missed.is_empty() {
            return;
        }
        let config = QuizConfig {
            count: None,
            only: Some(missed),
            seed: fresh_seed(),
            ..q.session.config().clone()
        };
        let key = q.deck.clone();
        let deck = self
            .library_deck(&key)
            .cloned()
            .unwrap_or_else(|| q.session.deck().clone());
        self.start_quiz_of(key, &deck, config);
    }

    fn practise_question(&mut self, deck_id: &str, question_id: &str) {
        // The deck and the id are looked up now (the library may have reloaded since the
        // screen opened), so only a question the deck has can be asked.
        let Some(entry) = self.deck_with_id(deck_id) else {
            self.notice(
                NoticeLevel::Warning,
                format!("The deck {deck_id} is no longer in the library."),
            );
            return;
        };
        let key = entry.key();
        let Some(id) = entry
            .deck
            .as_ref()
            .ok()
            .and_then(|d| d.questions().iter().find(|q| q.id.as_str() == question_id))
            .map(|q| q.id.clone())
        else {
            self.notice(
                NoticeLevel::Warning,
                "That question is no longer in the deck.".to_owned(),
            );
            return;
        };
        let config = QuizConfig {
            seed: fresh_seed(),
            only: Some(vec![id]),
            ..QuizConfig::default()
        };
        self.open_with_note(AfterNote::Quiz(key, config));
    }

    /// Stores the start of a session of `deck`; its id, or `None` (said) when the store
    /// refused it. A disk that refused the write keeps the session in the queue, with an id.
    pub(super) fn start_stored_session(
        &mut self,
        deck: &Deck,
        mode: Mode,
        config: &QuizConfig,
    ) -> Option<SessionId> {
        let (Some(store), Some(profile)) = (&mut self.store, &self.profile) else {
            return None;
        };
        let config_json = match serde_json::to_string(config) {
            Ok(json) => json,
            Err(e) => {
                self.notice(
                    NoticeLevel::Error,
                    format!(
                        "This session could not be saved: its options cannot be written ({e})."
                    ),
                );
                return None;
            }
        };
        let result = store.start_session_or_queue(&NewSession {
            profile: profile.id,
            deck_id: deck.id().as_str(),
            deck_title: deck.title(),
            deck_version: deck.version(),
            mode,
            practice: config.only.is_some(),
            seed: config.seed,
            config_json,
            started_ms: crate::time::now_ms(),
        });
        match result {
            Ok(SessionStart::Saved(id)) => Some(id),
            // The disk refused: the session and its answers wait in the queue, in order.
            Ok(SessionStart::Queued { id, error }) => {
                self.write_failed_notice("session", &error);
                Some(id)
            }
            Err(e) => {
                self.notice(
                    NoticeLevel::Error,
                    format!("This session could not be saved: {e}"),
                );
                None
            }
        }
    }

    /// The stored session an answer goes to: `session`, or, if the store refused it when the
    /// quiz or study began (the disk was busy or full), one started now.
    pub(super) fn session_for_answer(
        &mut self,
        session: Option<SessionId>,
        deck: &Deck,
        mode: Mode,
        config: &QuizConfig,
    ) -> Option<SessionId> {
        if session.is_some() || self.store.is_none() || self.profile.is_none() {
            return session;
        }
        self.start_stored_session(deck, mode, config)
    }

    /// Records an answer (a quiz attempt or a flashcard review, `what`) the moment it is
    /// given: the one path both take. `write` stores it; a failure is said, once.
    pub(super) fn record_answer(
        &mut self,
        what: &str,
        session: Option<SessionId>,
        write: impl FnOnce(&mut Store, ProfileId, SessionId) -> Result<(), store::StoreError>,
    ) {
        match (&mut self.store, &self.profile, session) {
            (Some(store), Some(profile), Some(session)) => {
                if let Err(e) = write(store, profile.id, session) {
                    self.write_failed_notice(what, &e);
                }
            }
            // Only when the store refused the session itself (not for a full or read-only
            // disk, where the session waits in the queue); the reason was said then.
            (Some(_), Some(_), None) => self.notice(
                NoticeLevel::Error,
                format!(
                    "This {what} was not saved, because its session could not be stored (see the \
                     message above)."
                ),
            ),
            _ => {}
        }
    }

    /// Milliseconds since `shown_at_s` (the window's seconds), never negative.
    pub(super) fn elapsed_since_ms(&self, shown_at_s: f64) -> u64 {
        ((self.now_s - shown_at_s).max(0.0) * 1000.0) as u64
    }

    fn is_current_question(&self, n: usize) -> bool {
        self.quiz
            .as_ref()
            .is_some_and(|q| q.session.current_index() == n)
    }

    fn submit(&mut self, response: Response) {
        let Some(q) = &self.quiz else { return };
        let (deck, config, session) = (
            q.session.deck().clone(),
            q.session.config().clone(),
            q.session_id,
        );
        let elapsed_ms = self.elapsed_since_ms(q.shown_at_s);
        let session = self.session_for_answer(session, &deck, Mode::Quiz, &config);
        let now_s = self.now_s;
        let Some(q) = &mut self.quiz else { return };
        q.session_id = session;
        let attempt = match q.session.submit(response, elapsed_ms) {
            Ok(attempt) => attempt.clone(),
            Err(e) => {
                // The screen offers no answer it cannot take; should one come, it is said.
                self.notice(
                    NoticeLevel::Error,
                    format!("That answer was not taken: {e}"),
                );
                return;
            }
        };
        if q.session.phase() == Phase::Answering {
            q.shown_at_s = now_s;
        }
        let finished = q.session.phase() == Phase::Finished;
        let answer_text = deck
            .questions()
            .iter()
            .find(|question| question.id == attempt.question_id)
            .map(|question| crate::quiz::response_text(&question.answer, &attempt.response))
            .unwrap_or_default();
        match serde_json::to_string(&attempt.response) {
            Ok(response_json) => {
                self.record_answer("answer", session, |store, profile, session| {
                    let new = NewAttempt {
                        session,
                        profile,
                        deck_id: deck.id().as_str(),
                        question_id: attempt.question_id.as_str(),
                        response_json,
                        answer_text,
                        score: attempt.grade.score,
                        elapsed_ms: attempt.elapsed_ms,
                        answered_ms: crate::time::now_ms(),
                    };
                    // A poll's answer is kept as any answer is, and never scored.
                    if attempt.scored {
                        store.record_attempt(&new).map(drop)
                    } else {
                        store.record_unscored_attempt(&new).map(drop)
                    }
                });
            }
            Err(e) => self.notice(
                NoticeLevel::Error,
                format!("This answer was not saved: it cannot be written ({e})."),
            ),
        }
        if finished {
            self.finish_quiz();
        }
    }

    fn finish_quiz(&mut self) {
        self.finish_open_sessions();
        self.screen = Screen::Results;
    }

    /// Marks the stored session of the quiz or study in progress as finished.
    pub(super) fn finish_open_sessions(&mut self) {
        let ids: Vec<SessionId> = [
            // Every question answered is a finished quiz, also when left from the last feedback.
            self.quiz
                .as_mut()
                .filter(|q| q.session.answered() == q.session.len())
                .and_then(|q| q.session_id.take()),
            self.study.as_mut().and_then(|s| s.session_id.take()),
        ]
        .into_iter()
        .flatten()
        .collect();
        let Some(store) = &mut self.store else { return };
        let failed: Vec<store::StoreError> = ids
            .into_iter()
            .filter_map(|id| store.finish_session(id, crate::time::now_ms()).err())
            .collect();
        for e in failed {
            self.write_failed_notice("end of the session", &e);
        }
    }
}
