//! The room as a state machine: phones join with the room code (or rejoin with their token),
//! answer the question that is open, may change their answer until the facilitator reveals it,
//! and the tallies are counted from the answers held, one per phone. No I/O and no clock of its
//! own: the server feeds it what phones send, the presenter what the facilitator does, and both
//! read its tallies. It keeps no address or device, only a random token per phone, and its
//! results are aggregates.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::code::RoomCode;
use super::protocol::{MAX_OPTIONS, MAX_WORDS_CHARS, PhoneToken};

/// A phone's place in the room, from 0 in the order they joined (never sent to a phone).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PhoneId(u32);

/// How a room is run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RoomConfig {
    /// The most phones that may join; the next one is told the room is full.
    pub max_phones: usize,
    /// Game mode: phones may pick a nickname, right answers score points, and the top five
    /// show between questions. Off unless the facilitator turns it on.
    pub game: bool,
}

/// Points for a right answer in game mode.
pub const POINTS_PER_RIGHT: u32 = 100;

/// The longest nickname, in characters.
pub const MAX_NICKNAME_CHARS: usize = 16;

/// The default cap on phones.
pub const DEFAULT_MAX_PHONES: usize = 500;

impl Default for RoomConfig {
    fn default() -> Self {
        Self {
            max_phones: DEFAULT_MAX_PHONES,
            game: false,
        }
    }
}

/// What a question asks of the phones, as the room needs it: no text, only its shape.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QuestionSpec {
    /// Options with right answers: one to pick (`multiple` false) or several.
    Choice {
        /// How many options there are.
        options: u8,
        /// The right ones.
        correct: BTreeSet<u8>,
        /// Whether a phone may pick several.
        multiple: bool,
    },
    /// Options with no right answer: the room's answers are the point.
    Poll {
        /// How many options there are.
        options: u8,
        /// Whether a phone may pick several.
        multiple: bool,
    },
    /// A few words of free text, shown to the room once the facilitator approves them.
    Words {
        /// The most characters an answer may have (at most [`MAX_WORDS_CHARS`]).
        max_chars: usize,
    },
}

/// What a phone answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PhoneAnswer {
    /// The options picked.
    Options(BTreeSet<u8>),
    /// A few words (trimmed, white space folded).
    Words(String),
}

/// What joining did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JoinOutcome {
    /// A new phone, with the token it keeps to rejoin.
    Joined(PhoneToken),
    /// A phone that was here before (a reload, a lock screen, lost Wi-Fi), with its answer to
    /// the open question, if it gave one.
    Rejoined(Option<PhoneAnswer>),
    /// The code is not this room's.
    WrongCode,
    /// The room has as many phones as it takes.
    Full,
}

/// What an answer did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answered {
    /// The phone's first answer to this question.
    Counted,
    /// It replaced the phone's earlier answer.
    Changed,
    /// The same answer again (a resend): nothing changed.
    Unchanged,
}

/// Why an answer was not taken. The phone is told; the room is unchanged.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Refused {
    /// The token is not one this room gave.
    #[error("this phone has not joined the room")]
    UnknownPhone,
    /// No question is open, or another one is.
    #[error("that question is not the one open now")]
    NotOpen,
    /// The answers were locked when the facilitator revealed the answer.
    #[error("the answers are locked")]
    Locked,
    /// An option the question does not have, none, or several where one is asked.
    #[error("that is not one of the options")]
    NotAnOption,
    /// Words to an options question, or options to a words question.
    #[error("that kind of answer does not fit this question")]
    WrongKind,
    /// Empty, or longer than a few words.
    #[error("answer in a few words (at most {MAX_WORDS_CHARS} characters)")]
    BadWords,
    /// A nickname that is empty or too long.
    #[error("choose a nickname of 1 to {MAX_NICKNAME_CHARS} characters")]
    BadNickname,
    /// A nickname when the room is not playing a game.
    #[error("this room is not playing a game: no nickname is needed")]
    NotAGame,
    /// Words the filter takes for abuse, swearing or worse: never shown, never counted.
    #[error("please use words the whole room can see")]
    Inappropriate,
}

/// How the room answered one question: what the facilitator's console shows, the projector
/// after Reveal, and the record keeps. Aggregates only.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// The question's number in the presentation.
    pub number: u32,
    /// How many phones picked each option (options questions).
    pub per_option: Vec<u32>,
    /// How many phones answered.
    pub answered: u32,
    /// How many answered right (choice questions; `None` for polls and words).
    pub right: Option<u32>,
    /// The approved words with how many phones gave each (words questions).
    pub words: BTreeMap<String, u32>,
    /// Whether the answers are locked (the answer was revealed).
    pub revealed: bool,
}

impl Tally {
    /// The share of the answers that were right, in percent, when there is a right answer and
    /// somebody answered.
    pub fn right_percent(&self) -> Option<f64> {
        let right = self.right?;
        (self.answered > 0).then(|| f64::from(right) * 100.0 / f64::from(self.answered))
    }
}

/// What a phone is told after Reveal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Its answer was right.
    Right,
    /// Its answer was not right.
    NotRight,
    /// The question has no right answer (a poll, words).
    NoRightAnswer,
    /// It did not answer.
    NoAnswer,
}

struct Phone {
    id: PhoneId,
    connected: bool,
    /// Game mode only; in memory, gone with the room.
    nickname: Option<String>,
    points: u32,
}

struct OpenQuestion {
    number: u32,
    spec: QuestionSpec,
    answers: HashMap<PhoneId, PhoneAnswer>,
    /// Words the facilitator approved for the room to see.
    approved: BTreeSet<String>,
    revealed: bool,
}

impl OpenQuestion {
    fn tally(&self) -> Tally {
        let mut tally = Tally {
            number: self.number,
            answered: u32::try_from(self.answers.len()).unwrap_or(u32::MAX),
            revealed: self.revealed,
            ..Tally::default()
        };
        match &self.spec {
            QuestionSpec::Choice {
                options, correct, ..
            } => {
                tally.per_option = vec![0; usize::from(*options)];
                let mut right = 0;
                for answer in self.answers.values() {
                    if let PhoneAnswer::Options(picked) = answer {
                        count_options(&mut tally.per_option, picked);
                        right += u32::from(picked == correct);
                    }
                }
                tally.right = Some(right);
            }
            QuestionSpec::Poll { options, .. } => {
                tally.per_option = vec![0; usize::from(*options)];
                for answer in self.answers.values() {
                    if let PhoneAnswer::Options(picked) = answer {
                        count_options(&mut tally.per_option, picked);
                    }
                }
            }
            QuestionSpec::Words { .. } => {
                for answer in self.answers.values() {
                    if let PhoneAnswer::Words(words) = answer {
                        let key = fold_words(words);
                        if self.approved.contains(&key) {
                            *tally.words.entry(key).or_default() += 1;
                        }
                    }
                }
            }
        }
        tally
    }
}

fn count_options(per_option: &mut [u32], picked: &BTreeSet<u8>) {
    for &option in picked {
        if let Some(count) = per_option.get_mut(usize::from(option)) {
            *count += 1;
        }
    }
}

/// Words as the room counts them: lowercase, white space folded, so "Snapchat " and
/// "snapchat" are one entry in the cloud.
pub fn fold_words(words: &str) -> String {
    words
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A live room.
pub struct Room {
    code: RoomCode,
    config: RoomConfig,
    phones: HashMap<PhoneToken, Phone>,
    question: Option<OpenQuestion>,
    /// The tallies of the questions closed so far, in the order they were shown.
    closed: Vec<Tally>,
    /// The questions whose points were given (game mode), so a question revealed again, or
    /// shown again, scores once.
    scored: BTreeSet<u32>,
}

impl Room {
    /// A room with `code`, run by `config`, with no phones and no question open.
    pub fn new(code: RoomCode, config: RoomConfig) -> Self {
        Self {
            code,
            config,
            phones: HashMap::new(),
            question: None,
            closed: Vec::new(),
            scored: BTreeSet::new(),
        }
    }

    /// The room's code.
    pub fn code(&self) -> &RoomCode {
        &self.code
    }

    /// A phone joins with the code it typed, or rejoins with the token it kept (`token`);
    /// `new_token` makes a token for a new phone (random, in the server).
    pub fn join(
        &mut self,
        code: &RoomCode,
        token: Option<&PhoneToken>,
        new_token: impl FnOnce() -> PhoneToken,
    ) -> JoinOutcome {
        if *code != self.code {
            return JoinOutcome::WrongCode;
        }
        if let Some(phone) = token.and_then(|t| self.phones.get_mut(t)) {
            phone.connected = true;
            let id = phone.id;
            let answer = self
                .question
                .as_ref()
                .and_then(|q| q.answers.get(&id).cloned());
            return JoinOutcome::Rejoined(answer);
        }
        if self.phones.len() >= self.config.max_phones {
            return JoinOutcome::Full;
        }
        let token = new_token();
        if self.phones.contains_key(&token) {
            // A token made twice: the newcomer cannot be told apart; refuse rather than merge.
            return JoinOutcome::Full;
        }
        let id = PhoneId(u32::try_from(self.phones.len()).unwrap_or(u32::MAX));
        self.phones.insert(
            token.clone(),
            Phone {
                id,
                connected: true,
                nickname: None,
                points: 0,
            },
        );
        JoinOutcome::Joined(token)
    }

    /// A phone's connection closed. It stays in the room with its answers, to rejoin.
    pub fn disconnected(&mut self, token: &PhoneToken) {
        if let Some(phone) = self.phones.get_mut(token) {
            phone.connected = false;
        }
    }

    /// How many phones are connected now.
    pub fn connected(&self) -> usize {
        self.phones.values().filter(|p| p.connected).count()
    }

    /// How many phones have joined this session (connected or not).
    pub fn joined(&self) -> usize {
        self.phones.len()
    }

    /// The facilitator shows question `number`: its answers open. The question open before is
    /// closed and its tally kept; showing the same question again keeps its answers.
    pub fn open_question(&mut self, number: u32, spec: QuestionSpec) {
        if self
            .question
            .as_ref()
            .is_some_and(|q| q.number == number && q.spec == spec)
        {
            return;
        }
        self.close_question();
        self.question = Some(OpenQuestion {
            number,
            spec,
            answers: HashMap::new(),
            approved: BTreeSet::new(),
            revealed: false,
        });
    }

    /// No question is open any more (the summary, a blank screen, the end); its tally is kept.
    pub fn close_question(&mut self) {
        if let Some(question) = self.question.take() {
            let tally = question.tally();
            // Shown again later: the newest tally stands.
            self.closed.retain(|t| t.number != tally.number);
            self.closed.push(tally);
        }
    }

    /// A phone answers question `number`. Until Reveal a phone may change its answer; each
    /// phone counts once.
    pub fn answer(
        &mut self,
        token: &PhoneToken,
        number: u32,
        answer: PhoneAnswer,
    ) -> Result<Answered, Refused> {
        let phone = self.phones.get(token).ok_or(Refused::UnknownPhone)?;
        let question = self
            .question
            .as_mut()
            .filter(|q| q.number == number)
            .ok_or(Refused::NotOpen)?;
        if question.revealed {
            return Err(Refused::Locked);
        }
        let answer = fit(&question.spec, answer)?;
        let outcome = match question.answers.insert(phone.id, answer.clone()) {
            None => Answered::Counted,
            Some(before) if before == answer => Answered::Unchanged,
            Some(_) => Answered::Changed,
        };
        Ok(outcome)
    }

    /// The facilitator approves words for the room to see (folded as [`fold_words`] does).
    pub fn approve_words(&mut self, words: &str) {
        if let Some(question) = &mut self.question {
            question.approved.insert(fold_words(words));
        }
    }

    /// The words given to the open question that wait for the facilitator's approval, folded,
    /// with how many phones gave each, most given first.
    pub fn words_to_approve(&self) -> Vec<(String, u32)> {
        let Some(question) = &self.question else {
            return Vec::new();
        };
        let mut counts: BTreeMap<String, u32> = BTreeMap::new();
        for answer in question.answers.values() {
            if let PhoneAnswer::Words(words) = answer {
                let key = fold_words(words);
                if !question.approved.contains(&key) {
                    *counts.entry(key).or_default() += 1;
                }
            }
        }
        let mut words: Vec<(String, u32)> = counts.into_iter().collect();
        words.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        words
    }

    /// Whether the room plays a game (nicknames, points, a top five).
    pub fn is_game(&self) -> bool {
        self.config.game
    }

    /// A phone picks its nickname (game mode): trimmed, spaces folded, 1 to
    /// [`MAX_NICKNAME_CHARS`] characters, and refused when the filter takes it for abuse. A new
    /// one replaces the old. Returns the nickname as kept.
    pub fn set_nickname(&mut self, token: &PhoneToken, name: &str) -> Result<String, Refused> {
        if !self.config.game {
            return Err(Refused::NotAGame);
        }
        let phone = self.phones.get_mut(token).ok_or(Refused::UnknownPhone)?;
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() || name.chars().count() > MAX_NICKNAME_CHARS {
            return Err(Refused::BadNickname);
        }
        if rustrict::CensorStr::is_inappropriate(name.as_str()) {
            return Err(Refused::Inappropriate);
        }
        phone.nickname = Some(name.clone());
        Ok(name)
    }

    /// Reveal: the answers lock, and the tally is final. In game mode each phone that answered
    /// right scores [`POINTS_PER_RIGHT`], once per question.
    pub fn reveal(&mut self) -> Option<Tally> {
        let question = self.question.as_mut()?;
        question.revealed = true;
        let tally = question.tally();
        if self.config.game
            && self.scored.insert(question.number)
            && let QuestionSpec::Choice { correct, .. } = &question.spec
        {
            for phone in self.phones.values_mut() {
                let right = matches!(
                    question.answers.get(&phone.id),
                    Some(PhoneAnswer::Options(picked)) if picked == correct
                );
                if right {
                    phone.points = phone.points.saturating_add(POINTS_PER_RIGHT);
                }
            }
        }
        Some(tally)
    }

    /// The `n` phones with the most points (game mode; phones with a nickname only), most
    /// first, ties by name.
    pub fn leaderboard(&self, n: usize) -> Vec<(String, u32)> {
        let mut board: Vec<(String, u32)> = self
            .phones
            .values()
            .filter_map(|p| p.nickname.clone().map(|name| (name, p.points)))
            .collect();
        board.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        board.truncate(n);
        board
    }

    /// A phone's points (game mode), for its own screen.
    pub fn points(&self, token: &PhoneToken) -> Option<u32> {
        self.config
            .game
            .then(|| self.phones.get(token).map(|p| p.points))
            .flatten()
    }

    /// The open question's tally so far.
    pub fn tally(&self) -> Option<Tally> {
        self.question.as_ref().map(OpenQuestion::tally)
    }

    /// What the phone with `token` is told after Reveal (`None` before it, or for a phone
    /// this room does not know).
    pub fn verdict(&self, token: &PhoneToken) -> Option<Verdict> {
        let phone = self.phones.get(token)?;
        let question = self.question.as_ref().filter(|q| q.revealed)?;
        let Some(answer) = question.answers.get(&phone.id) else {
            return Some(Verdict::NoAnswer);
        };
        Some(match (&question.spec, answer) {
            (QuestionSpec::Choice { correct, .. }, PhoneAnswer::Options(picked)) => {
                if picked == correct {
                    Verdict::Right
                } else {
                    Verdict::NotRight
                }
            }
            _ => Verdict::NoRightAnswer,
        })
    }

    /// Every question's tally, in the order they were first closed, and the open one last: the
    /// summary, and what the presentation record keeps.
    pub fn summary(&self) -> Vec<Tally> {
        let mut summary = self.closed.clone();
        if let Some(question) = &self.question {
            summary.retain(|t| t.number != question.number);
            summary.push(question.tally());
        }
        summary
    }
}

/// `answer` as question `spec` takes it, or why it does not fit.
fn fit(spec: &QuestionSpec, answer: PhoneAnswer) -> Result<PhoneAnswer, Refused> {
    match (spec, answer) {
        (
            QuestionSpec::Choice {
                options, multiple, ..
            }
            | QuestionSpec::Poll { options, multiple },
            PhoneAnswer::Options(picked),
        ) => {
            let fits = !picked.is_empty()
                && picked
                    .iter()
                    .all(|&o| o < *options && usize::from(o) < MAX_OPTIONS)
                && (*multiple || picked.len() == 1);
            if fits {
                Ok(PhoneAnswer::Options(picked))
            } else {
                Err(Refused::NotAnOption)
            }
        }
        (QuestionSpec::Words { max_chars }, PhoneAnswer::Words(words)) => {
            let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
            if words.is_empty() || words.chars().count() > (*max_chars).min(MAX_WORDS_CHARS) {
                Err(Refused::BadWords)
            } else if rustrict::CensorStr::is_inappropriate(words.as_str()) {
                Err(Refused::Inappropriate)
            } else {
                Ok(PhoneAnswer::Words(words))
            }
        }
        _ => Err(Refused::WrongKind),
    }
}
