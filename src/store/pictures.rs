//! Copying a picture the teacher chose into the deck's `images` folder, so the deck and its
//! pictures travel together and a deck never points outside its folder.

use std::path::{Path, PathBuf};

use crate::deck::MAX_IMAGE_BYTES;
use crate::deck::images::ImageFormat;
use crate::userfile::{self, ReadError};

use super::files::{FileError, write_file_atomic};

/// The folder beside a deck that its pictures are copied into.
pub const IMAGES_DIR: &str = "images";

/// Why a picture was not copied. Nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum PictureCopyError {
    /// Not a format quizdesk shows, by its name.
    #[error("{} is not a PNG, JPEG, WebP or SVG picture; save it as one of those first", .0.display())]
    Format(PathBuf),
    /// The file could not be read, or is over the limit.
    #[error("cannot read {}: {source}", path.display())]
    Read {
        /// The file chosen.
        path: PathBuf,
        /// Why.
        source: ReadError,
    },
    /// The file's content is not what its name says.
    #[error("{} is not really a picture of its kind (was it renamed?)", .0.display())]
    Content(PathBuf),
    /// The `images` folder could not be made.
    #[error("cannot create the folder {}: {source}", dir.display())]
    Folder {
        /// The folder.
        dir: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// Writing the copy failed.
    #[error("{0}")]
    Write(#[from] FileError),
}

/// Copies the picture at `source` into `images/` in `deck_folder` and returns its path as a
/// deck names it (`images/name.png`). The same picture chosen twice is copied once; another
/// picture with the same name gets a name of its own (`name-2.png`).
pub fn copy_picture_into(deck_folder: &Path, source: &Path) -> Result<String, PictureCopyError> {
    let name = source
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let format = ImageFormat::of(&name).ok_or_else(|| PictureCopyError::Format(source.into()))?;
    let bytes =
        userfile::read_limited(source, MAX_IMAGE_BYTES).map_err(|e| PictureCopyError::Read {
            path: source.to_owned(),
            source: e,
        })?;
    if !format.matches(&bytes) {
        return Err(PictureCopyError::Content(source.to_owned()));
    }
    let dir = deck_folder.join(IMAGES_DIR);
    std::fs::create_dir_all(&dir).map_err(|e| PictureCopyError::Folder {
        dir: dir.clone(),
        source: e,
    })?;
    let (stem, extension) = safe_name(&name);
    for n in 1..=999 {
        let file = if n == 1 {
            format!("{stem}.{extension}")
        } else {
            format!("{stem}-{n}.{extension}")
        };
        let target = dir.join(&file);
        match std::fs::read(&target) {
            Ok(existing) if existing == bytes => return Ok(format!("{IMAGES_DIR}/{file}")),
            Ok(_) => continue,
            Err(_) if target.exists() => continue,
            Err(_) => {
                write_file_atomic(&target, &bytes)?;
                return Ok(format!("{IMAGES_DIR}/{file}"));
            }
        }
    }
    Err(PictureCopyError::Folder {
        dir,
        source: std::io::Error::other("999 pictures of that name are there already"),
    })
}

/// Writes a bundled deck's picture `file` (a path as the deck names it, such as
/// `images/pencil-tip.svg`) beside a copy of that deck in `deck_folder`, unless the same
/// picture is there already; for the editor's copy of a bundled deck.
pub fn place_bundled_picture(
    deck_folder: &Path,
    file: &str,
    bytes: &[u8],
) -> Result<(), PictureCopyError> {
    let target = deck_folder.join(file);
    if std::fs::read(&target).is_ok_and(|existing| existing == bytes) {
        return Ok(());
    }
    if let Some(dir) = target.parent() {
        std::fs::create_dir_all(dir).map_err(|e| PictureCopyError::Folder {
            dir: dir.to_owned(),
            source: e,
        })?;
    }
    write_file_atomic(&target, bytes)?;
    Ok(())
}

/// A file name that is the same on every system and needs no quoting: letters, digits, `-`
/// and `_`, the rest as `-`; the extension in lower case.
fn safe_name(name: &str) -> (String, String) {
    let path = Path::new(name);
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let stem: String = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '-'
            }
        })
        .take(60)
        .collect();
    // One `-` for each run of characters left out: "My Map (v2)" is "My-Map-v2".
    let stem = stem
        .split('-')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    (
        if stem.is_empty() {
            "picture".to_owned()
        } else {
            stem
        },
        extension,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_picture_is_copied_once_and_a_different_one_with_the_same_name_gets_its_own() {
        let base = std::env::temp_dir().join(format!("qd-copy-picture-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&base);
        let (deck, elsewhere) = (base.join("deck"), base.join("from"));
        std::fs::create_dir_all(&deck).unwrap_or_default();
        std::fs::create_dir_all(&elsewhere).unwrap_or_default();
        let svg = b"<svg xmlns='http://www.w3.org/2000/svg'/>";
        let chosen = elsewhere.join("My Map (v2).svg");
        std::fs::write(&chosen, svg).unwrap_or_default();
        assert_eq!(
            copy_picture_into(&deck, &chosen).ok().as_deref(),
            Some("images/My-Map-v2.svg")
        );
        assert_eq!(
            copy_picture_into(&deck, &chosen).ok().as_deref(),
            Some("images/My-Map-v2.svg")
        );
        std::fs::write(
            &chosen,
            b"<svg xmlns='http://www.w3.org/2000/svg'><g/></svg>",
        )
        .unwrap_or_default();
        assert_eq!(
            copy_picture_into(&deck, &chosen).ok().as_deref(),
            Some("images/My-Map-v2-2.svg")
        );
        let renamed = elsewhere.join("notes.png");
        std::fs::write(&renamed, b"hello").unwrap_or_default();
        assert!(matches!(
            copy_picture_into(&deck, &renamed),
            Err(PictureCopyError::Content(_))
        ));
        assert!(matches!(
            copy_picture_into(&deck, &elsewhere.join("a.gif")),
            Err(PictureCopyError::Format(_))
        ));
        let _ = std::fs::remove_dir_all(&base);
    }
}
