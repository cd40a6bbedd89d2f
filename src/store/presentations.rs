//! Anonymous presentations: a facilitator shows a deck to a room, question by question, and may
//! note how many people in the room answered and how many got it right. No names are stored.
//!
//! Writes follow the same rules as answers: one transaction each, on disk before the call
//! returns `Ok`. A question shown, a tally or the end of a presentation that the disk refuses
//! (full, read-only, locked beyond the busy timeout) is kept in the store's pending queue and
//! written by [`Store::retry_pending`], in order with every other queued write.

use std::collections::HashMap;

use rusqlite::{Row, Transaction, TransactionBehavior, params};
use serde::Serialize;

use super::pending::PendingWrite;
use super::rows::{PresentationWrite, check_not_empty, unknown_presentation};
use super::{PresentationId, Store, StoreError};
use crate::csv_cell::CsvOut;
use crate::time;

/// One presentation, as read back by [`Store::presentations`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PresentationRecord {
    /// The presentation's id.
    pub id: PresentationId,
    /// The deck's id.
    pub deck_id: String,
    /// The deck's title when the presentation started.
    pub deck_title: String,
    /// When it started, in Unix milliseconds.
    pub started_ms: i64,
    /// When it finished, in Unix milliseconds; `None` if it was never finished.
    pub finished_ms: Option<i64>,
    /// How long it lasted (`finished_ms - started_ms`, never below 0 even if the clock was set
    /// back); `None` if it was never finished.
    pub duration_ms: Option<i64>,
    /// The questions shown, ordered by position.
    pub questions: Vec<PresentedQuestion>,
}

/// One question shown in a presentation, with the room's tally if one was taken.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PresentedQuestion {
    /// Its place in the presentation, as last given to [`Store::record_shown`].
    pub position: u32,
    /// The question's id in the deck.
    pub question_id: String,
    /// When it was first shown, in Unix milliseconds.
    pub shown_ms: i64,
    /// How many in the room got it right; `None` if the tally was skipped.
    pub correct: Option<u32>,
    /// How many in the room answered; `None` if the tally was skipped. Never below `correct`.
    pub answered: Option<u32>,
    /// How many phones picked each option, in the order the options were shown; `None` for a
    /// show of hands.
    pub option_counts: Option<Vec<u32>>,
}

impl PresentedQuestion {
    /// The share of the room that answered right, in percent, when there is a right answer and
    /// somebody answered.
    pub fn right_percent(&self) -> Option<f64> {
        let (correct, answered) = (self.correct?, self.answered?);
        (answered > 0).then(|| f64::from(correct) * 100.0 / f64::from(answered))
    }
}

/// How a room answered one question from their phones: aggregates only, nothing about anyone.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RoomCounts {
    /// How many phones picked each option, in the order the options were shown.
    pub option_counts: Vec<u32>,
    /// How many phones answered.
    pub answered: u32,
    /// How many answered right; `None` when the question has no right answer (a poll, words).
    pub correct: Option<u32>,
}

impl Store {
    /// Starts an anonymous presentation of a deck and returns its id.
    ///
    /// Fails with [`StoreError::InvalidInput`] if `deck_id` is empty, or with
    /// [`StoreError::WriteFailed`] (`queued: false`: nothing was saved, as there is no id to
    /// give yet) if the disk refuses; the caller should warn and may carry on without saving.
    pub fn start_presentation(
        &mut self,
        deck_id: &str,
        deck_title: &str,
        started_ms: i64,
    ) -> Result<PresentationId, StoreError> {
        check_not_empty("presentation", "deck id", deck_id)?;
        self.write(|tx| {
            tx.prepare_cached(
                "INSERT INTO presentations (deck_id, deck_title, started_ms) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![deck_id, deck_title, started_ms])?;
            Ok(PresentationId(tx.last_insert_rowid()))
        })
        .map_err(|source| self.write_failed(source, false))
    }

    /// Records that a question was shown at `position` (its place in the presentation).
    ///
    /// Showing a question again keeps its tally and its first shown time, and moves it to the
    /// new `position`.
    ///
    /// If the disk refuses, the write is queued like [`Store::record_attempt`] and this returns
    /// [`StoreError::WriteFailed`] with `queued: true`. An empty question id or an unknown
    /// presentation is refused with [`StoreError::InvalidInput`] and not queued.
    pub fn record_shown(
        &mut self,
        presentation: PresentationId,
        position: u32,
        question_id: &str,
        shown_ms: i64,
    ) -> Result<(), StoreError> {
        let write = PresentationWrite::Shown {
            presentation,
            position,
            question_id: question_id.to_owned(),
            shown_ms,
        };
        check_not_empty(write.what(), "question id", question_id)?;
        self.submit_presentation_write(write)
    }

    /// Records the room's tally for a question: `answered` people answered and `correct` of them
    /// got it right. A later tally for the same question replaces it. A question not yet shown
    /// is added after the others, shown now.
    ///
    /// Refused with [`StoreError::InvalidInput`] (not queued) if `correct` is more than
    /// `answered`, the question id is empty or the presentation is unknown. If the disk refuses,
    /// the write is queued like [`Store::record_attempt`] ([`StoreError::WriteFailed`] with
    /// `queued: true`).
    pub fn record_tally(
        &mut self,
        presentation: PresentationId,
        question_id: &str,
        correct: u32,
        answered: u32,
    ) -> Result<(), StoreError> {
        let write = PresentationWrite::Tally {
            presentation,
            question_id: question_id.to_owned(),
            correct: Some(correct),
            answered,
            option_counts: None,
            now_ms: time::now_ms(),
        };
        check_tally(&write, question_id, Some(correct), answered)?;
        self.submit_presentation_write(write)
    }

    /// Records how the room answered a question from their phones: the counts per option, how
    /// many answered and how many were right. A later tally for the same question replaces it
    /// (the last one, at Reveal, stands). Refused and queued as [`Store::record_tally`] is.
    pub fn record_room_tally(
        &mut self,
        presentation: PresentationId,
        question_id: &str,
        counts: &RoomCounts,
    ) -> Result<(), StoreError> {
        let write = PresentationWrite::Tally {
            presentation,
            question_id: question_id.to_owned(),
            correct: counts.correct,
            answered: counts.answered,
            option_counts: Some(counts.option_counts.clone()),
            now_ms: time::now_ms(),
        };
        check_tally(&write, question_id, counts.correct, counts.answered)?;
        self.submit_presentation_write(write)
    }

    /// Marks a presentation finished (a second call moves its end). Queued like
    /// [`Store::record_attempt`] if the disk refuses; an unknown presentation is refused with
    /// [`StoreError::InvalidInput`].
    pub fn finish_presentation(
        &mut self,
        presentation: PresentationId,
        finished_ms: i64,
    ) -> Result<(), StoreError> {
        self.submit_presentation_write(PresentationWrite::Finish {
            presentation,
            finished_ms,
        })
    }

    /// Every presentation with its questions, newest (latest start) first. Read as one
    /// consistent snapshot.
    pub fn presentations(&self) -> Result<Vec<PresentationRecord>, StoreError> {
        self.read_presentations().map_err(|e| self.read_failed(e))
    }

    /// Saves a checked presentation write: queued writes first, then this one, queued on
    /// failure.
    fn submit_presentation_write(&mut self, write: PresentationWrite) -> Result<(), StoreError> {
        if let Err(source) = self.flush() {
            return Err(self.queue_or_refuse(PendingWrite::Presentation(write), source));
        }
        match self.apply_presentation(&write) {
            Ok(0) => Err(unknown_presentation(&write)),
            Ok(_) => Ok(()),
            Err(source) => Err(self.queue_or_refuse(PendingWrite::Presentation(write), source)),
        }
    }

    fn read_presentations(&self) -> rusqlite::Result<Vec<PresentationRecord>> {
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Deferred)?;
        let mut presentations: Vec<PresentationRecord> = tx
            .prepare_cached(
                "SELECT id, deck_id, deck_title, started_ms, finished_ms
                 FROM presentations
                 ORDER BY started_ms DESC, id DESC",
            )?
            .query_map([], presentation_record)?
            .collect::<rusqlite::Result<_>>()?;
        let index: HashMap<PresentationId, usize> = presentations
            .iter()
            .enumerate()
            .map(|(i, presentation)| (presentation.id, i))
            .collect();

        let mut statement = tx.prepare_cached(
            "SELECT presentation_id, position, question_id, shown_ms, correct, answered,
                 option_counts_json
             FROM presentation_questions
             ORDER BY presentation_id, position, shown_ms, rowid",
        )?;
        let mut rows = statement.query([])?;
        while let Some(row) = rows.next()? {
            let Some(&i) = index.get(&PresentationId(row.get(0)?)) else {
                continue;
            };
            presentations[i].questions.push(PresentedQuestion {
                position: row.get(1)?,
                question_id: row.get(2)?,
                shown_ms: row.get(3)?,
                correct: row.get(4)?,
                answered: row.get(5)?,
                option_counts: option_counts(row, 6)?,
            });
        }
        Ok(presentations)
    }
}

/// Refuses a tally with no question, or with more right answers than answers.
fn check_tally(
    write: &PresentationWrite,
    question_id: &str,
    correct: Option<u32>,
    answered: u32,
) -> Result<(), StoreError> {
    check_not_empty(write.what(), "question id", question_id)?;
    match correct {
        Some(correct) if correct > answered => Err(StoreError::InvalidInput {
            what: write.what(),
            reason: format!(
                "{correct} got it right but only {answered} answered; the right answers \
                 cannot outnumber the answers"
            ),
        }),
        _ => Ok(()),
    }
}

/// The counts per option kept as a JSON array; a column that does not hold one (the
/// database's CHECK keeps it valid JSON, not an array of counts) is a read error, not a guess.
fn option_counts(row: &Row<'_>, column: usize) -> rusqlite::Result<Option<Vec<u32>>> {
    let Some(json) = row.get::<_, Option<String>>(column)? else {
        return Ok(None);
    };
    serde_json::from_str(&json).map(Some).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(column, rusqlite::types::Type::Text, Box::new(e))
    })
}

fn presentation_record(row: &Row<'_>) -> rusqlite::Result<PresentationRecord> {
    let started_ms: i64 = row.get(3)?;
    let finished_ms: Option<i64> = row.get(4)?;
    Ok(PresentationRecord {
        id: PresentationId(row.get(0)?),
        deck_id: row.get(1)?,
        deck_title: row.get(2)?,
        started_ms,
        finished_ms,
        duration_ms: finished_ms.map(|finished| finished.saturating_sub(started_ms).max(0)),
        questions: Vec::new(),
    })
}

/// The presentation records as CSV, one row per question shown, for a facilitator's report.
pub fn presentations_csv(records: &[PresentationRecord]) -> String {
    let mut out = CsvOut::new();
    out.record([
        "presentation_id",
        "deck_id",
        "deck_title",
        "started_utc",
        "duration_ms",
        "position",
        "question_id",
        "shown_utc",
        "correct",
        "answered",
        "right_percent",
        "option_counts",
    ]);
    for r in records {
        for q in &r.questions {
            let fields = [
                r.id.to_string(),
                r.deck_id.clone(),
                r.deck_title.clone(),
                time::utc_iso8601(r.started_ms),
                r.duration_ms.map(|d| d.to_string()).unwrap_or_default(),
                q.position.to_string(),
                q.question_id.clone(),
                time::utc_iso8601(q.shown_ms),
                q.correct.map(|c| c.to_string()).unwrap_or_default(),
                q.answered.map(|a| a.to_string()).unwrap_or_default(),
                q.right_percent()
                    .map(|p| format!("{p:.1}"))
                    .unwrap_or_default(),
                // Counts in the order the options were shown, "A B C…": 12 3 0 1.
                q.option_counts
                    .as_ref()
                    .map(|counts| {
                        counts
                            .iter()
                            .map(ToString::to_string)
                            .collect::<Vec<_>>()
                            .join(" ")
                    })
                    .unwrap_or_default(),
            ];
            out.record(&fields);
        }
    }
    out.finish()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use rusqlite::ErrorCode;

    use super::*;
    use crate::store::Opened;
    use crate::store::test_support::TempDir;

    struct Fixture {
        _dir: TempDir,
        store: Store,
        presentation: PresentationId,
    }

    fn fixture(name: &str) -> Fixture {
        let dir = TempDir::new(name);
        let Opened { mut store, .. } = Store::open(dir.path()).unwrap();
        let presentation = store.start_presentation("deck", "Deck", 100).unwrap();
        Fixture {
            _dir: dir,
            store,
            presentation,
        }
    }

    fn questions(store: &Store) -> Vec<(u32, String, Option<u32>, Option<u32>)> {
        store.presentations().unwrap()[0]
            .questions
            .iter()
            .map(|q| (q.position, q.question_id.clone(), q.correct, q.answered))
            .collect()
    }

    #[test]
    fn reshowing_a_question_keeps_its_tally_and_first_shown_time() {
        let mut f = fixture("presentation-reshow");
        f.store.record_shown(f.presentation, 0, "q1", 110).unwrap();
        f.store.record_tally(f.presentation, "q1", 3, 5).unwrap();
        f.store.record_shown(f.presentation, 0, "q1", 190).unwrap();
        let question = &f.store.presentations().unwrap()[0].questions[0];
        assert_eq!(question.shown_ms, 110);
        assert_eq!((question.correct, question.answered), (Some(3), Some(5)));
    }

    #[test]
    fn tally_of_an_unshown_question_adds_it_last_shown_now() {
        let mut f = fixture("presentation-unshown-tally");
        f.store.record_shown(f.presentation, 4, "q1", 110).unwrap();
        let before = time::now_ms();
        f.store.record_tally(f.presentation, "q9", 0, 2).unwrap();
        let record = &f.store.presentations().unwrap()[0];
        assert_eq!(record.questions[1].position, 5);
        assert_eq!(record.questions[1].question_id, "q9");
        assert!(record.questions[1].shown_ms >= before);
        // Shown later at its real place: it moves there and keeps its tally.
        f.store.record_shown(f.presentation, 2, "q9", 500).unwrap();
        assert_eq!(
            questions(&f.store),
            [
                (2, "q9".to_owned(), Some(0), Some(2)),
                (4, "q1".to_owned(), None, None),
            ]
        );
    }

    #[test]
    fn database_checks_refuse_impossible_tallies() {
        let f = fixture("presentation-checks");
        let insert = |correct: Option<i64>, answered: Option<i64>| {
            f.store.conn.execute(
                "INSERT INTO presentation_questions VALUES (?1, 0, 'q', 0, ?2, ?3, NULL)",
                params![f.presentation.0, correct, answered],
            )
        };
        for (correct, answered) in [
            (Some(3), Some(2)),
            (Some(-1), Some(2)),
            (Some(0), Some(-1)),
            (Some(1), None),
        ] {
            let error = insert(correct, answered).unwrap_err();
            assert_eq!(
                error.sqlite_error_code(),
                Some(ErrorCode::ConstraintViolation),
                "{correct:?} {answered:?}"
            );
        }
        insert(None, None).unwrap();
        // A poll: answers counted, none right or wrong.
        f.store
            .conn
            .execute("DELETE FROM presentation_questions", [])
            .unwrap();
        insert(None, Some(4)).unwrap();
    }

    #[test]
    fn room_tallies_keep_counts_per_option_and_polls_have_no_right_answer() {
        let mut f = fixture("presentation-room-tally");
        f.store.record_shown(f.presentation, 0, "q1", 110).unwrap();
        let first = RoomCounts {
            option_counts: vec![3, 1, 0],
            answered: 4,
            correct: Some(3),
        };
        f.store
            .record_room_tally(f.presentation, "q1", &first)
            .unwrap();
        let poll = RoomCounts {
            option_counts: vec![2, 2],
            answered: 4,
            correct: None,
        };
        f.store
            .record_room_tally(f.presentation, "p", &poll)
            .unwrap();
        // The tally at Reveal replaces the one before.
        let last = RoomCounts {
            option_counts: vec![4, 1, 0],
            answered: 5,
            correct: Some(4),
        };
        f.store
            .record_room_tally(f.presentation, "q1", &last)
            .unwrap();
        let record = &f.store.presentations().unwrap()[0];
        let q1 = &record.questions[0];
        assert_eq!(
            (q1.correct, q1.answered, q1.option_counts.clone()),
            (Some(4), Some(5), Some(vec![4, 1, 0]))
        );
        assert_eq!(q1.right_percent(), Some(80.0));
        let p = &record.questions[1];
        assert_eq!(
            (p.correct, p.answered, p.option_counts.clone()),
            (None, Some(4), Some(vec![2, 2]))
        );
        assert_eq!(p.right_percent(), None);
        let too_many = RoomCounts {
            option_counts: vec![1],
            answered: 1,
            correct: Some(2),
        };
        assert!(matches!(
            f.store.record_room_tally(f.presentation, "q1", &too_many),
            Err(StoreError::InvalidInput { .. })
        ));
        let csv = presentations_csv(&f.store.presentations().unwrap());
        assert!(csv.contains(",4,5,80.0,4 1 0"), "{csv}");
        assert!(csv.contains(",,4,,2 2"), "{csv}");
    }

    #[test]
    fn unknown_presentation_is_refused_and_never_queued() {
        let mut f = fixture("presentation-unknown");
        let unknown = PresentationId(77);
        for query_only in [false, true] {
            f.store.debug_set_query_only(query_only).unwrap();
            let errors = [
                f.store.record_shown(unknown, 0, "q1", 5).unwrap_err(),
                f.store.record_tally(unknown, "q1", 1, 1).unwrap_err(),
                f.store.finish_presentation(unknown, 5).unwrap_err(),
            ];
            for error in errors {
                assert!(matches!(error, StoreError::InvalidInput { .. }), "{error}");
                assert!(error.to_string().contains("presentation 77"), "{error}");
            }
            assert_eq!(f.store.pending_count(), 0);
        }
    }

    #[test]
    fn refused_writes_are_queued_and_written_in_order() {
        let mut f = fixture("presentation-queued");
        f.store.debug_set_query_only(true).unwrap();
        let results = [
            f.store.record_shown(f.presentation, 0, "q1", 110),
            f.store.record_tally(f.presentation, "q1", 1, 4),
            f.store.finish_presentation(f.presentation, 900),
        ];
        for result in results {
            assert!(
                matches!(result, Err(StoreError::WriteFailed { queued: true, .. })),
                "{result:?}"
            );
        }
        assert_eq!(f.store.pending_count(), 3);
        assert!(f.store.presentations().unwrap()[0].questions.is_empty());
        // Starting one is not queued: there is no id to hand back.
        assert!(matches!(
            f.store.start_presentation("deck", "Deck", 1),
            Err(StoreError::WriteFailed { queued: false, .. })
        ));

        f.store.debug_set_query_only(false).unwrap();
        assert_eq!(f.store.retry_pending().unwrap(), 3);
        let record = &f.store.presentations().unwrap()[0];
        assert_eq!(record.finished_ms, Some(900));
        assert_eq!(record.questions[0].shown_ms, 110);
        assert_eq!(
            questions(&f.store),
            [(0, "q1".to_owned(), Some(1), Some(4))]
        );
    }

    #[test]
    fn empty_ids_are_refused() {
        let mut f = fixture("presentation-empty");
        assert!(matches!(
            f.store.start_presentation("", "Deck", 1),
            Err(StoreError::InvalidInput { .. })
        ));
        assert!(matches!(
            f.store.record_shown(f.presentation, 0, "", 1),
            Err(StoreError::InvalidInput { .. })
        ));
        assert!(matches!(
            f.store.record_tally(f.presentation, "", 0, 0),
            Err(StoreError::InvalidInput { .. })
        ));
    }

    #[test]
    fn duration_is_never_negative() {
        let mut f = fixture("presentation-clock-back");
        f.store.finish_presentation(f.presentation, 40).unwrap();
        let record = &f.store.presentations().unwrap()[0];
        assert_eq!(
            (record.finished_ms, record.duration_ms),
            (Some(40), Some(0))
        );
    }

    #[test]
    fn csv_cells_a_spreadsheet_would_run_are_written_as_text() {
        let record = PresentationRecord {
            id: PresentationId(1),
            deck_id: "d".to_owned(),
            deck_title: "=HYPERLINK(\"http://x\",\"y\")".to_owned(),
            started_ms: 0,
            finished_ms: Some(10),
            duration_ms: Some(10),
            questions: vec![PresentedQuestion {
                position: 0,
                question_id: "@SUM(A1)".to_owned(),
                shown_ms: 5,
                correct: Some(3),
                answered: Some(4),
                option_counts: None,
            }],
        };
        let csv = presentations_csv(&[record]);
        let rows: Vec<csv::StringRecord> = csv::Reader::from_reader(csv.as_bytes())
            .records()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(rows.len(), 1, "{csv}");
        assert_eq!(&rows[0][2], "'=HYPERLINK(\"http://x\",\"y\")", "{csv}");
        assert_eq!(&rows[0][6], "'@SUM(A1)", "{csv}");
        assert_eq!((&rows[0][4], &rows[0][8], &rows[0][9]), ("10", "3", "4"));
    }
}
