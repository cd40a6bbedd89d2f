//! The room answering from their phones during a presentation: starting and stopping the
//! server, the room's code and join link, and keeping the phones in step with the presenter.
//! No egui: the screens read [`LiveRoom`] and a [`LiveSnapshot`] each frame and send
//! [`LiveCommand`]s.

use std::collections::BTreeSet;
use std::net::{IpAddr, Ipv4Addr};

use serde::{Deserialize, Serialize};

use crate::deck::Answer;
use crate::live::{
    DEFAULT_PORT, LiveServer, PhonePicture, PhoneStage, QrMatrix, RoomInterface, ServedPicture,
    join_url, room_interfaces,
};
use crate::room::{
    DEFAULT_MAX_PHONES, MAX_OPTIONS, MAX_WORDS_CHARS, QuestionSpec, Room, RoomCode, RoomConfig,
    Tally,
};
use crate::store::RoomCounts;

use super::present::{PresentState, Stage};
use super::{App, NoticeLevel, WindowEffect};

/// How many places the game's board shows.
pub const TOP: usize = 5;

/// The most phones a facilitator may let in (the cap is theirs to lower).
pub const MAX_PHONES_LIMIT: usize = 2_000;

/// How a live room is run, kept in the preferences for the next session.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LiveSettings {
    /// The port tried first (a free one is taken when it is in use).
    pub port: u16,
    /// The most phones that may join.
    pub max_phones: usize,
    /// Game mode: nicknames, points for right answers, a top five between questions.
    pub game: bool,
}

impl Default for LiveSettings {
    fn default() -> Self {
        Self {
            port: DEFAULT_PORT,
            max_phones: DEFAULT_MAX_PHONES,
            game: false,
        }
    }
}

/// What the facilitator asks of the live room.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LiveCommand {
    /// Let the room answer on their phones (or start again with these settings).
    Start(LiveSettings),
    /// Stop taking answers from phones; the phones are told the session ended.
    Stop,
    /// Show the join link for this address (the network the room shares).
    UseAddress(IpAddr),
    /// Open the phone page in this computer's browser, to try it.
    TestHere,
    /// Let the room see these words (as the room folded them).
    ApproveWords(String),
}

/// A live room: the server for the phones and what the projector shows to join it.
pub struct LiveRoom {
    server: LiveServer,
    code: RoomCode,
    interfaces: Vec<RoomInterface>,
    /// The address the join link names.
    address: IpAddr,
    join_url: String,
    qr: Option<QrMatrix>,
    /// The question open on the phones (its position in the presentation), and whether its
    /// answer is revealed; `None` between questions.
    on_phones: Option<(usize, bool)>,
    /// The line the phones show between questions, once sent (so each new one is sent once).
    waiting_shown: Option<String>,
}

/// The room as the screens read it in one frame (taken under the room's lock, briefly).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LiveSnapshot {
    /// Phones that joined this session.
    pub joined: usize,
    /// Phones connected now.
    pub connected: usize,
    /// The open question's tally so far.
    pub tally: Option<Tally>,
    /// Words waiting for the facilitator's approval, most given first.
    pub words_to_approve: Vec<(String, u32)>,
    /// Game mode: the five with the most points, most first (empty otherwise).
    pub top: Vec<(String, u32)>,
}

impl LiveRoom {
    /// The room's code, new for each session.
    pub fn code(&self) -> &RoomCode {
        &self.code
    }

    /// The link phones open (the QR code holds it, with the code).
    pub fn join_url(&self) -> &str {
        &self.join_url
    }

    /// The address and port to type, without the code: what the projector shows in large type.
    pub fn address_to_type(&self) -> String {
        format!("http://{}:{}/", self.address, self.server.address().port())
    }

    /// The join link as a QR code; `None` if it could not be drawn (the address is then typed).
    pub fn qr(&self) -> Option<&QrMatrix> {
        self.qr.as_ref()
    }

    /// The addresses this computer has on networks the room may share, private ones first.
    pub fn interfaces(&self) -> &[RoomInterface] {
        &self.interfaces
    }

    /// The address the join link names now.
    pub fn address(&self) -> IpAddr {
        self.address
    }

    /// The port the server listens on (the one asked, or a free one if it was taken).
    pub fn port(&self) -> u16 {
        self.server.address().port()
    }

    /// The room now: who joined, the open question's tally, the words to approve.
    pub fn snapshot(&self) -> LiveSnapshot {
        self.server.with_room(|room| LiveSnapshot {
            joined: room.joined(),
            connected: room.connected(),
            tally: room.tally(),
            words_to_approve: room.words_to_approve(),
            top: if room.is_game() {
                room.leaderboard(TOP)
            } else {
                Vec::new()
            },
        })
    }

    /// Whether question `n` is open on the phones now.
    pub fn is_open(&self, n: usize) -> bool {
        self.on_phones.is_some_and(|(m, _)| m == n)
    }

    fn set_address(&mut self, address: IpAddr) {
        self.address = address;
        self.join_url = join_url(address, self.server.address().port(), &self.code);
        // A link of this length always fits; should it not, the address is typed instead.
        self.qr = QrMatrix::of(&self.join_url).ok();
    }
}

/// What the phones are shown for a question: its options in the order on the projector, and
/// what the room counts. `None` when it cannot be answered on a phone (typed answers, pairs,
/// an order), so the phones say to answer it in one's head.
pub(crate) fn phone_question(state: &PresentState, n: usize) -> Option<(QuestionSpec, PhoneStage)> {
    let item = state.item(n)?;
    let question = state.question(n)?;
    let number = u32::try_from(n).ok()?;
    let words_stage = |max_chars: u32| PhoneStage::Question {
        number,
        prompt: question.prompt.clone(),
        options: Vec::new(),
        multiple: false,
        words: true,
        max_chars,
        pictures: Vec::new(),
    };
    let (options, correct, multiple): (Vec<String>, BTreeSet<u8>, bool) = match &question.answer {
        Answer::Words { max_chars } => {
            let spec = QuestionSpec::Words {
                max_chars: usize::try_from(*max_chars).unwrap_or(MAX_WORDS_CHARS),
            };
            return Some((spec, words_stage(*max_chars)));
        }
        Answer::Poll { options, multiple } => {
            if options.len() < 2 || options.len() > MAX_OPTIONS {
                return None;
            }
            let count = u8::try_from(options.len()).ok()?;
            let stage = PhoneStage::Question {
                number,
                prompt: question.prompt.clone(),
                options: options.clone(),
                multiple: *multiple,
                words: false,
                max_chars: 0,
                pictures: Vec::new(),
            };
            let spec = QuestionSpec::Poll {
                options: count,
                multiple: *multiple,
            };
            return Some((spec, stage));
        }
        Answer::SingleChoice { options, .. } | Answer::MultiSelect { options, .. } => {
            let shown: Vec<&crate::deck::Choice> = item
                .display_order
                .iter()
                .filter_map(|&i| options.get(i))
                .collect();
            let correct = shown
                .iter()
                .enumerate()
                .filter(|(_, o)| o.correct)
                .filter_map(|(k, _)| u8::try_from(k).ok())
                .collect();
            (
                shown.iter().map(|o| o.text.clone()).collect(),
                correct,
                matches!(question.answer, Answer::MultiSelect { .. }),
            )
        }
        Answer::TrueFalse { correct } => (
            vec!["True".to_owned(), "False".to_owned()],
            BTreeSet::from([u8::from(!*correct)]),
            false,
        ),
        _ => return None,
    };
    if options.is_empty() || options.len() > MAX_OPTIONS {
        return None;
    }
    let count = u8::try_from(options.len()).ok()?;
    Some((
        QuestionSpec::Choice {
            options: count,
            correct,
            multiple,
        },
        PhoneStage::Question {
            number,
            prompt: question.prompt.clone(),
            options,
            multiple,
            words: false,
            max_chars: 0,
            pictures: Vec::new(),
        },
    ))
}

/// Which options of question `n`, in the order the phones and the projector show them, are
/// right (all `false` for a poll; empty when phones do not answer it).
pub fn right_options(state: &PresentState, n: usize) -> Vec<bool> {
    match phone_question(state, n) {
        Some((
            QuestionSpec::Choice {
                options, correct, ..
            },
            _,
        )) => (0..options).map(|k| correct.contains(&k)).collect(),
        Some((QuestionSpec::Poll { options, .. }, _)) => vec![false; usize::from(options)],
        Some((QuestionSpec::Words { .. }, _)) | None => Vec::new(),
    }
}

/// The phones' page after Reveal: the right options and the explanation.
fn reveal_stage(question: PhoneStage, spec: &QuestionSpec, explanation: String) -> PhoneStage {
    let PhoneStage::Question {
        number,
        prompt,
        options,
        pictures,
        ..
    } = question
    else {
        return question;
    };
    let right = match spec {
        QuestionSpec::Choice { correct, .. } => correct.iter().copied().collect(),
        QuestionSpec::Poll { .. } | QuestionSpec::Words { .. } => Vec::new(),
    };
    PhoneStage::Reveal {
        number,
        prompt,
        options,
        right,
        explanation,
        pictures,
    }
}

/// The aggregates a presentation record keeps of a tally.
pub(crate) fn room_counts(tally: &Tally) -> RoomCounts {
    RoomCounts {
        option_counts: tally.per_option.clone(),
        answered: tally.answered,
        correct: tally.right,
    }
}

impl App {
    /// Applies a command of the live room.
    pub(super) fn apply_live(&mut self, command: LiveCommand) {
        match command {
            LiveCommand::Start(settings) => self.start_live(settings),
            LiveCommand::Stop => self.stop_live(),
            LiveCommand::UseAddress(address) => {
                if let Some(live) = self.present.as_mut().and_then(|p| p.live.as_mut()) {
                    live.set_address(address);
                }
            }
            LiveCommand::TestHere => {
                let url = self
                    .present
                    .as_ref()
                    .and_then(|p| p.live.as_ref())
                    .map(|live| {
                        join_url(IpAddr::V4(Ipv4Addr::LOCALHOST), live.port(), live.code())
                    });
                if let Some(url) = url {
                    self.open_link(&url);
                }
            }
            LiveCommand::ApproveWords(words) => {
                if let Some(live) = self.present.as_ref().and_then(|p| p.live.as_ref()) {
                    live.server.with_room(|room| room.approve_words(&words));
                }
            }
        }
    }

    /// Starts the server for phones on every network this computer has, with a new room code,
    /// and puts the open question on the phones. A failure is said, and the presentation goes
    /// on with a show of hands.
    fn start_live(&mut self, settings: LiveSettings) {
        if self.present.is_none() {
            return;
        }
        // A restart (another port, another cap) is a new room: the old one ends first, so its
        // port is free and its phones are told.
        self.stop_live();
        let settings = LiveSettings {
            max_phones: settings.max_phones.clamp(1, MAX_PHONES_LIMIT),
            ..settings
        };
        self.prefs.live = settings;
        let code = RoomCode::random(&mut rand::rng());
        let room = Room::new(
            code.clone(),
            RoomConfig {
                max_phones: settings.max_phones,
                game: settings.game,
            },
        );
        let interfaces = match room_interfaces() {
            Ok(interfaces) => interfaces,
            Err(e) => {
                self.notice(NoticeLevel::Warning, e.to_string());
                Vec::new()
            }
        };
        let waker = self.waker.clone();
        let server = match LiveServer::start(
            room,
            IpAddr::V4(Ipv4Addr::UNSPECIFIED),
            settings.port,
            settings.max_phones,
            Box::new(move || waker()),
        ) {
            Ok(server) => server,
            Err(e) => {
                self.notice(
                    NoticeLevel::Error,
                    format!("Phones cannot join: {e}. The show of hands still works."),
                );
                return;
            }
        };
        // No network but this computer's own: the link names it, and the notice says why phones
        // cannot reach it yet.
        let address = match interfaces.first() {
            Some(interface) => IpAddr::V4(interface.ip),
            None => {
                self.notice(
                    NoticeLevel::Warning,
                    "This computer is not on a network, so phones cannot reach it. Join the \
                     room's Wi-Fi, or start a hotspot on a phone and join that."
                        .to_owned(),
                );
                IpAddr::V4(Ipv4Addr::LOCALHOST)
            }
        };
        let mut live = LiveRoom {
            server,
            code,
            interfaces,
            address,
            join_url: String::new(),
            qr: None,
            on_phones: None,
            waiting_shown: None,
        };
        live.set_address(address);
        self.effects.push(WindowEffect::Announce(format!(
            "Join at: {}\nRoom code: {}\nLink: {}",
            live.address_to_type(),
            live.code().as_str(),
            live.join_url()
        )));
        if let Some(state) = &mut self.present {
            state.live = Some(live);
        }
        self.live_follow_stage();
    }

    /// Ends the live room: the open question's tally is kept, the phones are told, the port is
    /// freed.
    pub(super) fn stop_live(&mut self) {
        self.close_phone_question();
        // Dropping the server tells the phones the session ended and stops it.
        if let Some(state) = &mut self.present {
            state.live = None;
        }
    }

    /// The room's answers to the question open on the phones, kept (in the presentation and in
    /// its record) before it closes.
    fn close_phone_question(&mut self) {
        let Some(state) = &mut self.present else {
            return;
        };
        let Some(live) = &mut state.live else { return };
        let Some((n, revealed)) = live.on_phones.take() else {
            return;
        };
        let tally = live.server.with_room(|room| {
            let tally = room.tally();
            room.close_question();
            tally
        });
        // A revealed question was kept at Reveal; one left without Reveal is kept as it stood.
        if !revealed && let Some(tally) = tally.filter(|t| t.answered > 0) {
            self.keep_room_tally(n, tally);
        }
    }

    /// Keeps the room's tally for question `n` in the presentation and its record.
    fn keep_room_tally(&mut self, n: usize, tally: Tally) {
        let Some(state) = &mut self.present else {
            return;
        };
        let question_id = state.question(n).map(|q| q.id.to_string());
        let counts = room_counts(&tally);
        if let Some(slot) = state.room_tallies.get_mut(n) {
            *slot = Some(tally);
        }
        if let (Some(store), Some(id), Some(question_id)) =
            (&mut self.store, state.presentation, question_id)
            && let Err(e) = store.record_room_tally(id, &question_id, &counts)
        {
            self.write_failed_notice("room's answers", &e);
        }
    }

    /// Puts on the phones what the projector shows: the question with its options, its answer
    /// once revealed (locking the answers and keeping the tally), or a line between questions.
    pub(super) fn live_follow_stage(&mut self) {
        let Some(state) = &self.present else { return };
        let Some(live) = &state.live else { return };
        let target = match state.stage {
            Stage::Question { n, revealed } => phone_question(state, n).map(|q| (n, revealed, q)),
            _ => None,
        };
        let now = target.as_ref().map(|(n, revealed, _)| (*n, *revealed));
        let waiting = match state.stage {
            Stage::Title => {
                "You are in. Look at the screen: the first question is coming.".to_owned()
            }
            Stage::Summary => "That was the last question. Thank you for taking part.".to_owned(),
            Stage::Question { n, .. } => format!(
                "Question {} is on the screen. Answer it in your head: this one is not answered on phones.",
                n + 1
            ),
        };
        // Nothing new for the phones: the same question, or the same line between questions.
        // (Between questions the line changes: the title, a question not answered on phones,
        // the end.)
        let unchanged = live.on_phones == now
            && (now.is_some() || live.waiting_shown.as_deref() == Some(waiting.as_str()));
        if unchanged {
            return;
        }
        let same_question = matches!((live.on_phones, now), (Some((a, _)), Some((b, _))) if a == b);
        if !same_question {
            self.close_phone_question();
        }
        let Some((n, revealed, (spec, mut question_stage))) = target else {
            if let Some(live) = self.present.as_mut().and_then(|p| p.live.as_mut()) {
                live.server.show(PhoneStage::Waiting {
                    text: waiting.clone(),
                });
                live.waiting_shown = Some(waiting);
            }
            return;
        };
        let served = self.phone_pictures(n, &mut question_stage);
        let Some(state) = &mut self.present else {
            return;
        };
        if let Some(live) = &state.live {
            live.server.serve_pictures(served);
        }
        let explanation = state
            .question(n)
            .and_then(|q| q.explanation.clone())
            .unwrap_or_default();
        let already_kept = state.room_tallies.get(n).is_some_and(Option::is_some);
        let Some(live) = &mut state.live else { return };
        live.waiting_shown = None;
        let number = u32::try_from(n).unwrap_or(u32::MAX);
        if revealed && !same_question && already_kept {
            // Going back to a question revealed before: its answers are kept; the phones see
            // the answer again, and nothing is reopened or counted anew.
            live.server
                .show(reveal_stage(question_stage, &spec, explanation));
            live.on_phones = None;
            return;
        }
        live.server
            .with_room(|room| room.open_question(number, spec.clone()));
        live.on_phones = Some((n, revealed));
        if !revealed {
            live.server.show(question_stage);
            return;
        }
        let tally = live.server.with_room(Room::reveal);
        live.server
            .show(reveal_stage(question_stage, &spec, explanation));
        if let Some(tally) = tally {
            self.keep_room_tally(n, tally);
        }
    }

    /// Puts the pictures of question `n` into its phone `stage`, and gives what the server
    /// serves for them. A picture that cannot be read goes to phones as its alt text.
    fn phone_pictures(&self, n: usize, stage: &mut PhoneStage) -> Vec<ServedPicture> {
        let (Some(state), PhoneStage::Question { pictures, .. }) = (&self.present, stage) else {
            return Vec::new();
        };
        let (Some(question), Some(item)) = (state.question(n), state.item(n)) else {
            return Vec::new();
        };
        let mut wanted: Vec<(&crate::deck::Picture, Option<u8>)> = Vec::new();
        if let Some(picture) = &question.image {
            wanted.push((picture, None));
        }
        if let Answer::SingleChoice { options, .. } | Answer::MultiSelect { options, .. } =
            &question.answer
        {
            for (k, &i) in item.display_order.iter().enumerate() {
                if let (Some(picture), Ok(k)) = (
                    options.get(i).and_then(|o| o.image.as_ref()),
                    u8::try_from(k),
                ) {
                    wanted.push((picture, Some(k)));
                }
            }
        }
        let mut served = Vec::new();
        for (k, (picture, option)) in wanted.into_iter().enumerate() {
            let bytes = self.picture_bytes(state.deck.id(), &picture.file);
            let format = crate::deck::images::ImageFormat::of(&picture.file);
            let url = match (bytes, format) {
                (Ok(bytes), Some(format)) => {
                    let path = format!("/picture/{n}-{k}");
                    served.push(ServedPicture {
                        path: path.clone(),
                        content_type: format.media_type(),
                        bytes,
                    });
                    Some(path)
                }
                _ => None,
            };
            pictures.push(PhonePicture {
                url,
                alt: picture.alt.clone(),
                option,
            });
        }
        served
    }

    /// The live room's state now, if the room answers on phones.
    pub fn live_snapshot(&self) -> Option<LiveSnapshot> {
        Some(self.present.as_ref()?.live.as_ref()?.snapshot())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn settings_default_to_the_fixed_port_and_the_usual_cap() {
        let settings = LiveSettings::default();
        assert_eq!(settings.port, DEFAULT_PORT);
        assert_eq!(settings.max_phones, DEFAULT_MAX_PHONES);
        let kept: LiveSettings = serde_json::from_str("{\"port\": 9000}").unwrap();
        assert_eq!(kept.port, 9000);
        assert_eq!(kept.max_phones, DEFAULT_MAX_PHONES);
    }

    #[test]
    fn reveal_names_the_right_options_and_a_poll_none() {
        let question = PhoneStage::Question {
            number: 2,
            prompt: "Q".to_owned(),
            options: vec!["a".to_owned(), "b".to_owned()],
            multiple: false,
            words: false,
            max_chars: 0,
            pictures: vec![PhonePicture {
                url: Some("/picture/2-0".to_owned()),
                alt: "A".to_owned(),
                option: None,
            }],
        };
        let choice = QuestionSpec::Choice {
            options: 2,
            correct: BTreeSet::from([1]),
            multiple: false,
        };
        assert_eq!(
            reveal_stage(question.clone(), &choice, "E".to_owned()),
            PhoneStage::Reveal {
                number: 2,
                prompt: "Q".to_owned(),
                options: vec!["a".to_owned(), "b".to_owned()],
                right: vec![1],
                explanation: "E".to_owned(),
                pictures: vec![PhonePicture {
                    url: Some("/picture/2-0".to_owned()),
                    alt: "A".to_owned(),
                    option: None,
                }],
            }
        );
        let poll = QuestionSpec::Poll {
            options: 2,
            multiple: false,
        };
        assert!(matches!(
            reveal_stage(question, &poll, String::new()),
            PhoneStage::Reveal { right, .. } if right.is_empty()
        ));
    }
}
