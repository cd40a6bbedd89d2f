//! Profiles: one per learner sharing the computer.

use rusqlite::{OptionalExtension, Row, ffi, params};
use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use super::{ProfileId, Store, StoreError};
use crate::time;

/// The longest profile name, in characters.
pub const PROFILE_NAME_MAX_CHARS: usize = 50;

/// A learner's profile.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Profile {
    /// Its id.
    pub id: ProfileId,
    /// Its name: trimmed, 1 to [`PROFILE_NAME_MAX_CHARS`] characters, unique ignoring case.
    pub name: String,
    /// When it was created, in Unix milliseconds.
    pub created_ms: i64,
}

impl Profile {
    fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(Self {
            id: ProfileId(row.get(0)?),
            name: row.get(1)?,
            created_ms: row.get(2)?,
        })
    }
}

/// A checked profile name and its case-insensitive key.
struct Name {
    name: String,
    key: String,
}

impl Name {
    fn parse(raw: &str) -> Result<Self, StoreError> {
        let invalid = |reason: String| Err(StoreError::InvalidProfileName { reason });
        let name: String = raw.trim().nfc().collect();
        let chars = name.chars().count();
        if chars == 0 {
            return invalid("it is empty; type at least one character".to_owned());
        }
        if chars > PROFILE_NAME_MAX_CHARS {
            return invalid(format!(
                "it is {chars} characters long; use at most {PROFILE_NAME_MAX_CHARS}"
            ));
        }
        if name.chars().any(char::is_control) {
            return invalid(
                "it contains a control character such as a line break or tab; use only \
                 visible characters and spaces"
                    .to_owned(),
            );
        }
        let key = name.to_lowercase();
        Ok(Self { name, key })
    }
}

/// Whether `error` is the profiles' unique-name constraint.
fn is_duplicate_name(error: &rusqlite::Error) -> bool {
    error
        .sqlite_error()
        .is_some_and(|e| e.extended_code == ffi::SQLITE_CONSTRAINT_UNIQUE)
}

impl Store {
    /// All profiles, by name (ignoring case).
    pub fn profiles(&self) -> Result<Vec<Profile>, StoreError> {
        let read = || -> rusqlite::Result<Vec<Profile>> {
            let mut statement = self.conn.prepare_cached(
                "SELECT id, name, created_ms FROM profiles ORDER BY name_key, id",
            )?;
            statement.query_map([], Profile::from_row)?.collect()
        };
        read().map_err(|e| self.read_failed(e))
    }

    /// The profile with this id, if there is one.
    pub fn profile(&self, id: ProfileId) -> Result<Option<Profile>, StoreError> {
        self.conn
            .prepare_cached("SELECT id, name, created_ms FROM profiles WHERE id = ?1")
            .and_then(|mut statement| statement.query_row([id.0], Profile::from_row).optional())
            .map_err(|e| self.read_failed(e))
    }

    /// The profile with this name, ignoring case and surrounding spaces.
    pub fn profile_by_name(&self, name: &str) -> Result<Option<Profile>, StoreError> {
        let key = name.trim().nfc().collect::<String>().to_lowercase();
        self.conn
            .prepare_cached("SELECT id, name, created_ms FROM profiles WHERE name_key = ?1")
            .and_then(|mut statement| statement.query_row([key], Profile::from_row).optional())
            .map_err(|e| self.read_failed(e))
    }

    /// Creates a profile. The name is trimmed and must be 1 to [`PROFILE_NAME_MAX_CHARS`]
    /// characters, without control characters, and unlike every other profile's name ignoring
    /// case ([`StoreError::InvalidProfileName`], [`StoreError::DuplicateProfile`]).
    pub fn create_profile(&mut self, name: &str) -> Result<Profile, StoreError> {
        let Name { name, key } = Name::parse(name)?;
        let created_ms = time::now_ms();
        let inserted = self.write(|tx| {
            tx.prepare_cached(
                "INSERT INTO profiles (name, name_key, created_ms) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![name, key, created_ms])?;
            Ok(tx.last_insert_rowid())
        });
        match inserted {
            Ok(id) => Ok(Profile {
                id: ProfileId(id),
                name,
                created_ms,
            }),
            Err(e) if is_duplicate_name(&e) => Err(StoreError::DuplicateProfile { name }),
            Err(e) => Err(self.write_failed(e, false)),
        }
    }

    /// The profile with this name (as [`Store::profile_by_name`] matches it), created if there is
    /// none. Race-free: several quizdesk processes starting at once with the same new
    /// `--profile` all get the one profile, since the look-up and the insert are one
    /// transaction and an existing name is no error here.
    pub fn profile_named_or_created(&mut self, name: &str) -> Result<Profile, StoreError> {
        let Name { name, key } = Name::parse(name)?;
        let created_ms = time::now_ms();
        let found = self.write(|tx| {
            tx.prepare_cached(
                "INSERT INTO profiles (name, name_key, created_ms) VALUES (?1, ?2, ?3)
                 ON CONFLICT (name_key) DO NOTHING",
            )?
            .execute(params![name, key, created_ms])?;
            tx.prepare_cached("SELECT id, name, created_ms FROM profiles WHERE name_key = ?1")?
                .query_row([&key], Profile::from_row)
        });
        found.map_err(|e| self.write_failed(e, false))
    }

    /// Renames a profile, with the same rules as [`Store::create_profile`]. Changing only the
    /// case of its own name is allowed.
    pub fn rename_profile(&mut self, id: ProfileId, new_name: &str) -> Result<Profile, StoreError> {
        let Name { name, key } = Name::parse(new_name)?;
        let renamed = self.write(|tx| {
            tx.prepare_cached(
                "UPDATE profiles SET name = ?1, name_key = ?2 WHERE id = ?3
                 RETURNING id, name, created_ms",
            )?
            .query_row(params![name, key, id.0], Profile::from_row)
            .optional()
        });
        match renamed {
            Ok(Some(profile)) => Ok(profile),
            Ok(None) => Err(StoreError::UnknownProfile { id }),
            Err(e) if is_duplicate_name(&e) => Err(StoreError::DuplicateProfile { name }),
            Err(e) => Err(self.write_failed(e, false)),
        }
    }

    /// Deletes a profile with all its sessions, answers, card states and seen notes, including
    /// any of its writes still queued. The UI asks the user to confirm first.
    pub fn delete_profile(&mut self, id: ProfileId) -> Result<(), StoreError> {
        let deleted = self.write(|tx| {
            tx.prepare_cached("DELETE FROM profiles WHERE id = ?1")?
                .execute([id.0])
        });
        match deleted {
            Ok(0) => Err(StoreError::UnknownProfile { id }),
            Ok(_) => {
                self.pending.drop_profile(id);
                Ok(())
            }
            Err(e) => Err(self.write_failed(e, false)),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::store::test_support::TempDir;

    fn store(dir: &TempDir) -> Store {
        Store::open(dir.path()).unwrap().store
    }

    #[test]
    fn many_stores_asking_for_the_same_new_profile_at_once_all_get_it() {
        let dir = TempDir::new("profiles-race");
        drop(store(&dir));
        let barrier = std::sync::Arc::new(std::sync::Barrier::new(8));
        let ids: Vec<ProfileId> = std::thread::scope(|scope| {
            let workers: Vec<_> = (0..8)
                .map(|i| {
                    let barrier = barrier.clone();
                    let dir = dir.path().to_path_buf();
                    scope.spawn(move || {
                        let mut store = Store::open(&dir).unwrap().store;
                        barrier.wait();
                        // The same name as typed by different people.
                        let name = if i % 2 == 0 { "Sam" } else { "  Sam " };
                        store.profile_named_or_created(name).unwrap().id
                    })
                })
                .collect();
            workers.into_iter().map(|w| w.join().unwrap()).collect()
        });
        assert!(ids.iter().all(|&id| id == ids[0]), "{ids:?}");
        let store = store(&dir);
        let profiles = store.profiles().unwrap();
        assert_eq!(profiles.len(), 1);
        assert_eq!(profiles[0].name, "Sam");
        // An existing profile is found, not an error.
        let mut store = store;
        assert_eq!(store.profile_named_or_created("SAM").unwrap().id, ids[0]);
        assert!(matches!(
            store.profile_named_or_created("  "),
            Err(StoreError::InvalidProfileName { .. })
        ));
    }

    #[test]
    fn create_trims_and_lists_by_name() {
        let dir = TempDir::new("profiles-create");
        let mut store = store(&dir);
        let zoe = store.create_profile("  Zoë ").unwrap();
        let ann = store.create_profile("ann").unwrap();
        assert_eq!(zoe.name, "Zoë");
        assert!(zoe.created_ms > 0);
        assert_eq!(store.profiles().unwrap(), [ann.clone(), zoe.clone()]);
        assert_eq!(store.profile(ann.id).unwrap(), Some(ann));
        assert_eq!(store.profile(ProfileId(999)).unwrap(), None);
    }

    #[test]
    fn names_are_unique_ignoring_case_even_beyond_ascii() {
        let dir = TempDir::new("profiles-unique");
        let mut store = store(&dir);
        store.create_profile("Émile").unwrap();
        for clash in ["émile", " ÉMILE", "E\u{301}mile"] {
            let error = store.create_profile(clash).unwrap_err();
            assert!(
                matches!(error, StoreError::DuplicateProfile { .. }),
                "{clash}: {error}"
            );
            assert!(error.to_string().contains("already exists"));
        }
        assert_eq!(store.profiles().unwrap().len(), 1);
    }

    #[test]
    fn bad_names_are_refused_with_a_reason() {
        let dir = TempDir::new("profiles-bad");
        let mut store = store(&dir);
        for (bad, expected) in [
            ("", "empty"),
            ("   \t ", "empty"),
            (&"x".repeat(51), "51 characters"),
            ("two\nlines", "control character"),
        ] {
            let error = store.create_profile(bad).unwrap_err();
            let StoreError::InvalidProfileName { reason } = &error else {
                panic!("{bad:?}: {error}");
            };
            assert!(reason.contains(expected), "{bad:?}: {reason}");
        }
        // Exactly 50 characters, counted as characters rather than bytes.
        store.create_profile(&"é".repeat(50)).unwrap();
    }

    #[test]
    fn lookup_by_name_ignores_case_and_spaces() {
        let dir = TempDir::new("profiles-lookup");
        let mut store = store(&dir);
        let ann = store.create_profile("Ann").unwrap();
        assert_eq!(store.profile_by_name(" ANN ").unwrap(), Some(ann));
        assert_eq!(store.profile_by_name("Bob").unwrap(), None);
    }

    #[test]
    fn rename_checks_names_and_allows_a_case_change() {
        let dir = TempDir::new("profiles-rename");
        let mut store = store(&dir);
        let ann = store.create_profile("Ann").unwrap();
        store.create_profile("Bob").unwrap();

        let renamed = store.rename_profile(ann.id, "ANN").unwrap();
        assert_eq!((renamed.id, renamed.name.as_str()), (ann.id, "ANN"));
        assert!(matches!(
            store.rename_profile(ann.id, "bob"),
            Err(StoreError::DuplicateProfile { .. })
        ));
        assert!(matches!(
            store.rename_profile(ann.id, ""),
            Err(StoreError::InvalidProfileName { .. })
        ));
        assert!(matches!(
            store.rename_profile(ProfileId(999), "Cleo"),
            Err(StoreError::UnknownProfile { id: ProfileId(999) })
        ));
        assert_eq!(store.profile(ann.id).unwrap().unwrap().name, "ANN");
    }

    #[test]
    fn deleting_an_unknown_profile_is_an_error() {
        let dir = TempDir::new("profiles-delete-unknown");
        let mut store = store(&dir);
        assert!(matches!(
            store.delete_profile(ProfileId(5)),
            Err(StoreError::UnknownProfile { .. })
        ));
    }
}
