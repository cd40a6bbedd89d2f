//! Profiles: choosing, creating, renaming and deleting them, and the one in use.

use crate::store::{Profile, ProfileId};

use super::{App, NoticeLevel, Screen};

/// What the profile picker and the Settings screen ask about profiles.
#[derive(Clone, Debug, PartialEq)]
pub enum ProfileCommand {
    /// Use this profile.
    Choose(ProfileId),
    /// Create a profile with this name and use it.
    Create(String),
    /// Rename a profile.
    Rename(ProfileId, String),
    /// Delete a profile and all its scores.
    Delete(ProfileId),
}

impl App {
    /// Applies a profile command.
    pub(super) fn apply_profile(&mut self, command: ProfileCommand) {
        match command {
            ProfileCommand::Choose(id) => {
                if let Some(p) = self.profiles.iter().find(|p| p.id == id).cloned() {
                    self.choose_profile(p);
                }
            }
            ProfileCommand::Create(name) => self.create_profile(&name),
            ProfileCommand::Rename(id, name) => {
                if let Some(store) = &mut self.store {
                    match store.rename_profile(id, &name) {
                        Ok(renamed) => {
                            if let Some(p) = self.profile.as_mut().filter(|p| p.id == id) {
                                self.prefs.last_profile = Some(renamed.name.clone());
                                *p = renamed;
                            }
                        }
                        Err(e) => self.notice(NoticeLevel::Error, e.to_string()),
                    }
                }
                self.refresh_profiles();
            }
            ProfileCommand::Delete(id) => {
                let deleted = match &mut self.store {
                    Some(store) => match store.delete_profile(id) {
                        Ok(()) => true,
                        Err(e) => {
                            self.notice(NoticeLevel::Error, e.to_string());
                            false
                        }
                    },
                    None => false,
                };
                if deleted && self.profile.as_ref().is_some_and(|p| p.id == id) {
                    self.profile = None;
                    self.prefs.last_profile = None;
                    self.stats_screen = None;
                    self.stats_loading = None;
                    self.load_scheduler();
                    self.screen = Screen::Profiles;
                }
                self.refresh_profiles();
            }
        }
    }

    /// The profiles, by name.
    pub fn profiles(&self) -> &[Profile] {
        &self.profiles
    }

    /// The profile in use.
    pub fn profile(&self) -> Option<&Profile> {
        self.profile.as_ref()
    }

    /// Picks the profile at start: the one asked for on the command line (made if missing),
    /// else the one used last.
    pub(super) fn choose_first_profile(&mut self, asked: Option<&str>) {
        if let Some(name) = asked {
            // Only a profile asked for on the command line is created by itself; found or made
            // in one transaction, so several windows starting with the same new name agree.
            match self
                .store
                .as_mut()
                .map(|s| s.profile_named_or_created(name))
            {
                Some(Ok(profile)) => {
                    self.refresh_profiles();
                    self.choose_profile(profile);
                }
                Some(Err(e)) => self.notice(
                    NoticeLevel::Error,
                    format!("The profile \"{name}\" could not be opened: {e}"),
                ),
                None => self.create_profile(name),
            }
        } else if let Some(name) = self.prefs.last_profile.clone() {
            // The store matches names as it keeps them unique: trimmed, any case.
            match self.store.as_ref().map(|s| s.profile_by_name(&name)) {
                Some(Ok(Some(profile))) => self.choose_profile(profile),
                Some(Ok(None)) | None => {}
                Some(Err(e)) => self.notice(
                    NoticeLevel::Error,
                    format!("The last profile used, \"{name}\", could not be looked up: {e}"),
                ),
            }
        }
    }

    pub(super) fn refresh_profiles(&mut self) {
        let Some(store) = &self.store else { return };
        match store.profiles() {
            Ok(profiles) => self.profiles = profiles,
            Err(e) => self.notice(NoticeLevel::Error, format!("Cannot read the profiles: {e}")),
        }
    }

    pub(super) fn choose_profile(&mut self, profile: Profile) {
        self.prefs.last_profile = Some(profile.name.clone());
        self.profile = Some(profile);
        self.stats_screen = None;
        self.stats_loading = None;
        self.load_scheduler();
        self.screen = Screen::Library;
        self.refresh_stats();
        // A deck named on the command line opens once someone is studying (see `startup`).
        self.start_pending_when_ready();
    }

    fn create_profile(&mut self, name: &str) {
        let Some(store) = &mut self.store else {
            // Without a store there is nowhere to keep a profile; use one for this run only.
            self.notice(
                NoticeLevel::Warning,
                "This profile is kept only until quizdesk closes, because scores cannot be saved."
                    .to_owned(),
            );
            let profile = Profile {
                id: ProfileId(0),
                name: name.trim().to_owned(),
                created_ms: crate::time::now_ms(),
            };
            self.choose_profile(profile);
            return;
        };
        match store.create_profile(name) {
            Ok(profile) => {
                self.refresh_profiles();
                self.choose_profile(profile);
            }
            Err(e) => self.notice(NoticeLevel::Error, e.to_string()),
        }
    }
}
