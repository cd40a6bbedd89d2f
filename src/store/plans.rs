//! Named presentation plans: which questions of a deck a facilitator presents, in what order.

use rusqlite::params;

use super::{Store, StoreError};

/// A saved presentation plan.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct PresentationPlan {
    /// The plan's name, unique per deck.
    pub name: String,
    /// The question ids, in presenting order.
    pub question_ids: Vec<String>,
}

impl Store {
    /// Saves (or replaces) the plan `name` for `deck_id`.
    pub fn save_plan(
        &mut self,
        deck_id: &str,
        name: &str,
        question_ids: &[String],
        saved_ms: i64,
    ) -> Result<(), StoreError> {
        let name = name.trim();
        if name.is_empty() || question_ids.is_empty() {
            return Err(StoreError::InvalidInput {
                what: "presentation plan",
                reason: "a plan needs a name and at least one question".to_owned(),
            });
        }
        let json = serde_json::to_string(question_ids).map_err(|e| StoreError::InvalidInput {
            what: "presentation plan",
            reason: e.to_string(),
        })?;
        self.write(|tx| {
            tx.prepare_cached(
                "INSERT INTO presentation_plans (deck_id, name, question_ids_json, saved_ms)
                 VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (deck_id, name) DO UPDATE
                 SET question_ids_json = excluded.question_ids_json, saved_ms = excluded.saved_ms",
            )?
            .execute(params![deck_id, name, json, saved_ms])
        })
        .map(drop)
        .map_err(|e| self.write_failed(e, false))
    }

    /// The plans saved for `deck_id`, by name.
    pub fn plans(&self, deck_id: &str) -> Result<Vec<PresentationPlan>, StoreError> {
        let read = || -> rusqlite::Result<Vec<(String, String)>> {
            self.conn
                .prepare_cached(
                    "SELECT name, question_ids_json FROM presentation_plans
                     WHERE deck_id = ?1 ORDER BY name",
                )?
                .query_map([deck_id], |row| Ok((row.get(0)?, row.get(1)?)))?
                .collect()
        };
        let rows = read().map_err(|e| self.read_failed(e))?;
        Ok(rows
            .into_iter()
            .map(|(name, json)| PresentationPlan {
                name,
                // A plan whose ids cannot be read presents nothing rather than failing the list.
                question_ids: serde_json::from_str(&json).unwrap_or_default(),
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::super::Store;

    #[test]
    fn plans_are_saved_replaced_and_listed_per_deck() {
        let dir = std::env::temp_dir().join(format!("quizdesk-plans-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let mut store = match Store::open(&dir) {
            Ok(opened) => opened.store,
            Err(e) => panic!("{e}"),
        };
        let ids = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert!(
            store
                .save_plan("d", "Tuesday", &ids(&["b", "a"]), 1)
                .is_ok()
        );
        assert!(store.save_plan("d", "Tuesday", &ids(&["c"]), 2).is_ok());
        assert!(store.save_plan("other", "Tuesday", &ids(&["x"]), 3).is_ok());
        assert!(store.save_plan("d", "  ", &ids(&["x"]), 3).is_err());
        let plans = store.plans("d").unwrap_or_default();
        assert_eq!(plans.len(), 1);
        assert_eq!(plans[0].question_ids, ids(&["c"]));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
