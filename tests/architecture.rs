//! The few layout rules the README promises, read from the source tree: the controller and
//! everything below the UI know nothing of egui; screens never take the app to change it; and
//! only the store writes, renames or removes files.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut folders = vec![dir.to_owned()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The file's code without its unit tests: everything before the first `#[cfg(test)]` at the
/// start of a line (tests write fixtures, and may use what they like). Files that are tests
/// whole (`tests.rs`, `*_tests.rs`) have none.
fn code_of(path: &Path) -> String {
    let name = path.file_name().unwrap().to_string_lossy();
    if name == "tests.rs" || name.ends_with("_tests.rs") {
        return String::new();
    }
    let text = std::fs::read_to_string(path).unwrap();
    match text.find("\n#[cfg(test)]") {
        Some(end) => text[..end].to_owned(),
        None => text,
    }
}

/// Lines of `text` that are code, not comments, with their numbers.
fn code_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, line)| (i + 1, line))
        .filter(|(_, line)| {
            let trimmed = line.trim_start();
            !trimmed.starts_with("//")
        })
}

fn relative(path: &Path) -> String {
    path.strip_prefix(src()).unwrap().display().to_string()
}

#[test]
fn nothing_outside_the_ui_uses_egui_or_eframe() {
    let mut found = Vec::new();
    for path in rust_files(&src()) {
        let rel = relative(&path);
        if rel.starts_with("ui/") || rel == "main.rs" {
            continue;
        }
        for (n, line) in code_lines(&code_of(&path)) {
            if ["egui", "eframe"].iter().any(|name| {
                line.contains(&format!("{name}::")) || line.contains(&format!("use {name}"))
            }) {
                found.push(format!("{rel}:{n}: {}", line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "only src/ui/ may use egui or eframe:\n{}",
        found.join("\n")
    );
}

#[test]
fn no_screen_takes_the_app_to_change_it() {
    let mut found = Vec::new();
    for path in rust_files(&src().join("ui")) {
        for (n, line) in code_lines(&code_of(&path)) {
            // Not even the window hands the app out to be changed: changes go in as commands.
            if line.contains("&mut App") || line.contains("&mut crate::app::App") {
                found.push(format!("{}:{n}: {}", relative(&path), line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "screens read the app and push commands; none takes `&mut App`:\n{}",
        found.join("\n")
    );
}

#[test]
fn only_the_store_writes_renames_or_removes_files() {
    // The functions of std::fs that change what is on disk.
    const CHANGES: [&str; 10] = [
        "fs::write",
        "fs::rename",
        "fs::remove_file",
        "fs::remove_dir",
        "fs::create_dir",
        "fs::copy",
        "fs::hard_link",
        "File::create",
        "OpenOptions",
        "fs::set_permissions",
    ];
    let mut found = Vec::new();
    for path in rust_files(&src()) {
        let rel = relative(&path);
        if rel.starts_with("store/") {
            continue;
        }
        for (n, line) in code_lines(&code_of(&path)) {
            if CHANGES.iter().any(|call| line.contains(call)) {
                found.push(format!("{rel}:{n}: {}", line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "only src/store/ writes user data:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_rules_see_what_they_look_for() {
    // Each rule would catch its own kind of line, so a rule that finds nothing means something.
    let lines = "use eframe::egui;\nfn f(ui: &mut Ui, app: &mut App) {}\nstd::fs::write(p, b)?;\n// egui:: in a comment\n";
    let code: Vec<&str> = code_lines(lines).map(|(_, l)| l).collect();
    assert_eq!(code.len(), 3);
    assert!(code[0].contains("use eframe"));
    assert!(code[1].contains("&mut App"));
    assert!(code[2].contains("fs::write"));
    // Unit tests are left out.
    let dir = std::env::temp_dir().join(format!("quizdesk-architecture-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("x.rs");
    std::fs::write(
        &file,
        "fn a() {}\n#[cfg(test)]\nmod tests { fn b() { std::fs::write(); } }\n",
    )
    .unwrap();
    assert_eq!(code_of(&file), "fn a() {}");
    std::fs::remove_dir_all(dir).unwrap();
}
