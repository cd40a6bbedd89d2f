use super::*;
use crate::store::test_support::TempDir;
use crate::store::{Store, stamp::parse_stamp};
use crate::time::{DAY_MS, HOUR_MS};

/// 2025-06-01 12:00:00 UTC.
const NOW_MS: i64 = 1_748_779_200_000;

fn backups(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .map(|entries| {
            entries
                .map(|e| e.unwrap().file_name().into_string().unwrap())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

fn store_with_a_profile(dir: &TempDir) -> Store {
    let mut store = Store::open(dir.path()).unwrap().store;
    store.create_profile("Ann").unwrap();
    store
}

#[test]
fn no_backup_of_an_empty_database() {
    let dir = TempDir::new("backup-empty");
    let store = Store::open(dir.path()).unwrap().store;
    assert!(rolling_backup(&store.conn, dir.path(), NOW_MS).is_none());
    assert!(backups(&dir.path().join(BACKUPS_DIR)).is_empty());
}

#[test]
fn first_backup_holds_the_data_and_is_a_database() {
    let dir = TempDir::new("backup-first");
    let store = store_with_a_profile(&dir);
    assert_eq!(rolling_backup(&store.conn, dir.path(), NOW_MS), None);
    let backups_dir = dir.path().join(BACKUPS_DIR);
    assert_eq!(backups(&backups_dir), ["quizdesk-20250601-120000.sqlite3"]);

    let copy = Connection::open(backups_dir.join("quizdesk-20250601-120000.sqlite3")).unwrap();
    let name: String = copy
        .query_row("SELECT name FROM profiles", [], |row| row.get(0))
        .unwrap();
    assert_eq!(name, "Ann");
}

#[test]
fn backup_waits_a_day_then_keeps_the_newest_seven() {
    let dir = TempDir::new("backup-rolling");
    let store = store_with_a_profile(&dir);
    let backups_dir = dir.path().join(BACKUPS_DIR);
    for day in 0..10 {
        let now = NOW_MS + day * DAY_MS;
        assert_eq!(rolling_backup(&store.conn, dir.path(), now), None);
        // A second open the same day (23 hours later) writes nothing.
        assert_eq!(
            rolling_backup(&store.conn, dir.path(), now + DAY_MS - HOUR_MS),
            None
        );
    }
    let names = backups(&backups_dir);
    assert_eq!(names.len(), BACKUPS_KEPT, "{names:?}");
    assert_eq!(names[0], "quizdesk-20250604-120000.sqlite3");
    assert_eq!(names[6], "quizdesk-20250610-120000.sqlite3");
}

#[test]
fn unrelated_files_in_the_backups_folder_are_left_alone() {
    let dir = TempDir::new("backup-unrelated");
    let store = store_with_a_profile(&dir);
    let backups_dir = dir.path().join(BACKUPS_DIR);
    fs::create_dir_all(&backups_dir).unwrap();
    fs::write(backups_dir.join("notes.txt"), "mine").unwrap();
    fs::write(backups_dir.join("quizdesk-latest.sqlite3"), "mine").unwrap();
    for day in 0..9 {
        rolling_backup(&store.conn, dir.path(), NOW_MS + day * DAY_MS);
    }
    let names = backups(&backups_dir);
    assert!(names.contains(&"notes.txt".to_owned()));
    assert!(names.contains(&"quizdesk-latest.sqlite3".to_owned()));
    assert_eq!(names.len(), BACKUPS_KEPT + 2);
}

#[test]
fn half_written_backup_is_cleaned_up() {
    let dir = TempDir::new("backup-partial");
    let store = store_with_a_profile(&dir);
    let backups_dir = dir.path().join(BACKUPS_DIR);
    fs::create_dir_all(&backups_dir).unwrap();
    fs::write(
        backups_dir.join("quizdesk-20250101-000000.sqlite3.partial"),
        "half",
    )
    .unwrap();
    rolling_backup(&store.conn, dir.path(), NOW_MS);
    assert_eq!(backups(&backups_dir), ["quizdesk-20250601-120000.sqlite3"]);
}

#[test]
fn unwritable_backups_folder_is_a_notice() {
    let dir = TempDir::new("backup-blocked");
    let store = store_with_a_profile(&dir);
    // A file where the folder should be: fails even for root.
    fs::write(dir.path().join(BACKUPS_DIR), "not a folder").unwrap();
    let notice = rolling_backup(&store.conn, dir.path(), NOW_MS);
    let Some(StoreNotice::BackupFailed { path, reason }) = notice else {
        panic!("expected a backup notice, got {notice:?}");
    };
    assert_eq!(path, dir.path().join(BACKUPS_DIR));
    assert!(!reason.is_empty());
}

#[test]
fn backup_names_parse_as_stamps() {
    assert_eq!(parse_stamp("20250601-120000"), Some(NOW_MS));
}
