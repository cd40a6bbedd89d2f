//! Flashcards: the cards due and new today, revealing a card, and grading it, which schedules it
//! with FSRS and is written the moment it is given.

use std::collections::HashMap;
use std::sync::Arc;

use crate::deck::{Deck, QuestionId};
use crate::quiz::QuizConfig;
use crate::schedule::{CardState, Rating, Scheduler, StudyQueue};
use crate::store::{Mode, NewReview, SessionId};

use super::{App, DeckKey, NoticeLevel, Screen};

/// Flashcards in progress.
pub struct StudyState {
    /// The library deck studied.
    pub key: DeckKey,
    /// The deck as it was when studying began.
    pub deck: Arc<Deck>,
    /// Where the reviews are stored; `None` when the store refused the session.
    pub session_id: Option<SessionId>,
    /// Every card's state, by question.
    pub cards: HashMap<QuestionId, CardState>,
    /// The cards due and new today.
    pub queue: StudyQueue,
    /// The card shown.
    pub current: Option<QuestionId>,
    /// Whether its back is shown.
    pub revealed: bool,
    /// The state after each rating, for the buttons' "next due in" hints.
    pub previews: Option<[CardState; 4]>,
    /// When the card was shown, in the window's seconds.
    pub shown_at_s: f64,
    /// Cards reviewed in this session.
    pub reviewed: usize,
    /// New cards seen today (the daily limit counts them).
    pub new_seen_today: usize,
}

/// What the flashcard screen asks.
#[derive(Clone, Debug, PartialEq)]
pub enum StudyCommand {
    /// Study a deck as flashcards (after its content note, the first time).
    Start(DeckKey),
    /// Show the back of the current card.
    Reveal,
    /// Grade the current card.
    Grade(Rating),
    /// Look again for a card that has become due.
    Refresh,
}

impl App {
    /// Applies a flashcard command.
    pub(super) fn apply_study(&mut self, command: StudyCommand) {
        match command {
            StudyCommand::Start(deck) => self.open_with_note(super::quiz::AfterNote::Study(deck)),
            StudyCommand::Reveal => {
                if let Some(s) = &mut self.study {
                    s.revealed = true;
                }
            }
            StudyCommand::Grade(rating) => self.grade_card(rating),
            StudyCommand::Refresh => {
                if let Some(mut study) = self.study.take() {
                    if study.current.is_none() {
                        self.next_card(&mut study);
                    }
                    self.study = Some(study);
                }
            }
        }
    }

    /// The flashcards in progress.
    pub fn study(&self) -> Option<&StudyState> {
        self.study.as_ref()
    }

    pub(super) fn start_study(&mut self, key: &DeckKey) {
        let Some(deck) = self.library_deck(key).cloned() else {
            self.deck_gone_notice();
            return;
        };
        let (cards, new_seen_today) = match (&self.store, &self.profile) {
            (Some(store), Some(profile)) => {
                let id = deck.id().as_str();
                let read = store.card_states(profile.id, id).and_then(|cards| {
                    let now = crate::time::now_ms();
                    // The learner's day, like the study calendar's.
                    let offset_ms = store.utc_offset_ms(now)?;
                    store
                        .new_cards_seen_today(
                            profile.id,
                            id,
                            crate::time::day_start_ms(now, offset_ms),
                        )
                        .map(|seen| (cards, seen))
                });
                match read {
                    Ok(read) => read,
                    Err(e) => {
                        // Studying as if every card were new would overwrite what was learned.
                        self.notice(
                            NoticeLevel::Error,
                            format!(
                                "Your flashcard progress cannot be read, so studying is paused: {e}"
                            ),
                        );
                        return;
                    }
                }
            }
            _ => (HashMap::new(), 0),
        };
        let session_id = self.start_stored_session(&deck, Mode::Study, &QuizConfig::default());
        let mut study = StudyState {
            key: key.clone(),
            deck,
            session_id,
            cards,
            queue: StudyQueue::default(),
            current: None,
            revealed: false,
            previews: None,
            shown_at_s: self.now_s,
            reviewed: 0,
            new_seen_today,
        };
        self.next_card(&mut study);
        self.study = Some(study);
        self.screen = Screen::Study;
    }

    /// Picks the next card to show: due cards first, then new ones.
    fn next_card(&self, study: &mut StudyState) {
        let now = crate::time::now_ms();
        study.queue = crate::schedule::build_queue(
            &study.deck,
            &study.cards,
            now,
            self.prefs.new_cards_per_day,
            study.new_seen_today,
        );
        study.current = study.queue.due.first().or(study.queue.new.first()).cloned();
        study.revealed = false;
        study.shown_at_s = self.now_s;
        study.previews = match (&self.scheduler, &study.current) {
            (Some(scheduler), Some(id)) => scheduler.preview(study.cards.get(id), now).ok(),
            _ => None,
        };
    }

    fn grade_card(&mut self, rating: Rating) {
        let Some(mut study) = self.study.take() else {
            return;
        };
        let (Some(id), Some(scheduler), true) =
            (study.current.clone(), &self.scheduler, study.revealed)
        else {
            self.study = Some(study);
            return;
        };
        let now = crate::time::now_ms();
        let was_new = !study.cards.contains_key(&id);
        let state = match schedule(scheduler, &study, &id, rating, now) {
            Ok(state) => state,
            Err(e) => {
                self.notice(
                    NoticeLevel::Error,
                    format!("Could not schedule the card: {e}"),
                );
                self.study = Some(study);
                return;
            }
        };
        let elapsed_ms = self.elapsed_since_ms(study.shown_at_s);
        let deck = study.deck.clone();
        study.session_id =
            self.session_for_answer(study.session_id, &deck, Mode::Study, &QuizConfig::default());
        self.record_answer("review", study.session_id, |store, profile, session| {
            store
                .record_review(&NewReview {
                    profile,
                    deck_id: deck.id().as_str(),
                    question_id: id.as_str(),
                    rating,
                    state_after: state,
                    session,
                    elapsed_ms,
                    reviewed_ms: now,
                })
                .map(drop)
        });
        study.cards.insert(id, state);
        study.reviewed += 1;
        if was_new {
            study.new_seen_today += 1;
        }
        self.next_card(&mut study);
        self.study = Some(study);
    }
}

/// The card's state after `rating`.
fn schedule(
    scheduler: &Scheduler,
    study: &StudyState,
    id: &QuestionId,
    rating: Rating,
    now_ms: i64,
) -> Result<CardState, crate::schedule::ScheduleError> {
    scheduler.review(study.cards.get(id), rating, now_ms)
}
