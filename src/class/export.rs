//! Building the results file a student hands in, from their store: what
//! `quizdesk history --format json` prints and what the app's "Export my results" writes.
//!
//! Only read here: the caller prints the file or has [`crate::store`] write it.

use crate::store::{ProfileId, Store, StoreError};

use super::ResultsFile;

/// The results file of one profile (or, with `None`, of every profile in the store): its
/// sessions, oldest first, with every answer, and the store's install id, stamped as exported
/// at `exported_ms` (Unix milliseconds).
///
/// # Errors
///
/// The store's error when the sessions or the install id cannot be read; its message says
/// which file and what to do.
pub fn results_file(
    store: &Store,
    profile: Option<ProfileId>,
    exported_ms: i64,
) -> Result<ResultsFile, StoreError> {
    let sessions = store.history(profile)?;
    let install_id = store.install_id()?;
    Ok(ResultsFile::new(install_id, exported_ms, sessions))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::class::{RESULTS_FORMAT, parse_results};
    use crate::store::{Mode, NewAttempt, NewSession, Opened};

    /// A data folder under the system's temp folder, deleted when dropped.
    struct DataDir(PathBuf);

    impl DataDir {
        fn new(name: &str) -> Self {
            let path = std::env::temp_dir().join(format!(
                "quizdesk-class-export-{name}-{}-{}",
                std::process::id(),
                crate::time::now_ms()
            ));
            Self(path)
        }
    }

    impl Drop for DataDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    /// A store with Ann's and Ben's quiz sessions, one answer each.
    fn two_students(dir: &DataDir) -> (Store, ProfileId) {
        let Opened { mut store, .. } = Store::open(&dir.0).unwrap();
        let mut ann = None;
        for (name, started_ms) in [("Ann", 1_000), ("Ben", 2_000)] {
            let profile = store.create_profile(name).unwrap();
            let session = store
                .start_session(&NewSession {
                    profile: profile.id,
                    deck_id: "deck",
                    deck_title: "Deck",
                    deck_version: 3,
                    mode: Mode::Quiz,
                    practice: false,
                    seed: 7,
                    config_json: "{}".to_owned(),
                    started_ms,
                })
                .unwrap();
            store
                .record_attempt(&NewAttempt {
                    session,
                    profile: profile.id,
                    deck_id: "deck",
                    question_id: "q1",
                    response_json: "{\"choice\":0}".to_owned(),
                    answer_text: format!("{name}'s answer"),
                    score: 1.0,
                    elapsed_ms: 1_500,
                    answered_ms: started_ms + 10,
                })
                .unwrap();
            ann.get_or_insert(profile.id);
        }
        (store, ann.unwrap())
    }

    #[test]
    fn one_profile_gets_only_its_own_sessions_stamped_with_the_install_id() {
        let dir = DataDir::new("one-profile");
        let (store, ann) = two_students(&dir);
        let file = results_file(&store, Some(ann), 86_400_000).unwrap();
        assert_eq!(file.format, RESULTS_FORMAT);
        assert_eq!(file.exported_ms, 86_400_000);
        assert_eq!(file.exported_utc, "1970-01-02T00:00:00Z");
        assert_eq!(file.install_id, store.install_id().unwrap());
        assert_eq!(file.sessions.len(), 1);
        assert_eq!(file.sessions[0].profile_name, "Ann");
        assert_eq!(file.sessions[0].deck_version, Some(3));
        assert_eq!(file.sessions[0].attempts[0].answer_text, "Ann's answer");
    }

    #[test]
    fn no_profile_gets_everyones_sessions_oldest_first() {
        let dir = DataDir::new("everyone");
        let (store, _) = two_students(&dir);
        let file = results_file(&store, None, 5).unwrap();
        let names: Vec<&str> = file
            .sessions
            .iter()
            .map(|s| s.profile_name.as_str())
            .collect();
        assert_eq!(names, ["Ann", "Ben"]);
    }

    #[test]
    fn the_file_written_as_json_reads_back_as_results() {
        let dir = DataDir::new("round-trip");
        let (store, ann) = two_students(&dir);
        let file = results_file(&store, Some(ann), 5).unwrap();
        let json = serde_json::to_string_pretty(&file).unwrap();
        let read = parse_results(json.as_bytes(), "ann.json").unwrap();
        assert_eq!(read.exported_ms, Some(5));
        assert_eq!(read.sessions, file.sessions);
        assert_eq!(read.warnings, Vec::<String>::new());
    }
}
