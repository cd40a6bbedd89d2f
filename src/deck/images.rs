//! Pictures in a deck: the rules for a picture's path and alt text, and the checks of the files
//! themselves, made when a deck is loaded from a file.
//!
//! A picture is a file in the deck's folder (or below it), named by its path from the deck's
//! file. Nothing outside that folder is ever read: a path that is absolute, uses `..`, or leads
//! out through a symbolic link is refused before anything is opened.

use std::io::Read as _;
use std::path::{Component, Path, PathBuf};

use super::limits::{MAX_IMAGE_BYTES, MAX_IMAGE_SIDE_PX};
use super::model::{Deck, Picture};
use super::problem::Problem;
use super::raw;
use super::validate::Found;
use crate::userfile::ByteSize;

/// The picture formats quizdesk shows and prints, by file extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageFormat {
    /// `.png`
    Png,
    /// `.jpg` or `.jpeg`
    Jpeg,
    /// `.webp`
    Webp,
    /// `.svg`
    Svg,
}

impl ImageFormat {
    /// The format of `file`, by its extension (in any case).
    pub fn of(file: &str) -> Option<Self> {
        let extension = Path::new(file).extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "png" => Some(Self::Png),
            "jpg" | "jpeg" => Some(Self::Jpeg),
            "webp" => Some(Self::Webp),
            "svg" => Some(Self::Svg),
            _ => None,
        }
    }

    /// The format's media type, as a web server names it.
    pub fn media_type(self) -> &'static str {
        match self {
            Self::Png => "image/png",
            Self::Jpeg => "image/jpeg",
            Self::Webp => "image/webp",
            Self::Svg => "image/svg+xml",
        }
    }

    /// Whether `bytes` (the start of a file, or all of it) look like this format.
    pub fn matches(self, bytes: &[u8]) -> bool {
        match self {
            Self::Png => bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
            Self::Jpeg => bytes.starts_with(&[0xFF, 0xD8, 0xFF]),
            Self::Webp => bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP",
            Self::Svg => {
                let text = String::from_utf8_lossy(bytes);
                let text = text.trim_start_matches('\u{FEFF}').trim_start();
                text.starts_with('<') && text.contains("<svg")
            }
        }
    }
}

/// Checks a picture's path and alt text (the rules that need no file), reporting each broken
/// rule under `path` (the picture's place in the deck, such as `questions[2].image`).
pub(crate) fn check_rules(
    image: &raw::Image,
    path: &str,
    report: &mut impl FnMut(Problem, String),
) {
    if image.alt.trim().is_empty() {
        report(Problem::PictureWithoutAlt, path.to_owned());
    }
    if let Err(reason) = relative_path(&image.file) {
        report(
            Problem::PicturePath {
                file: image.file.clone(),
                reason,
            },
            path.to_owned(),
        );
    } else if ImageFormat::of(&image.file).is_none() {
        report(
            Problem::PictureFormat {
                file: image.file.clone(),
            },
            path.to_owned(),
        );
    }
}

/// The path of a picture below its deck's folder, or why it is not one.
fn relative_path(file: &str) -> Result<PathBuf, &'static str> {
    if file.trim().is_empty() {
        return Err("is empty");
    }
    if file.contains('\\') {
        return Err("uses `\\`; write `/` between folders, as in `images/pencil.png`");
    }
    let path = Path::new(file);
    let mut relative = PathBuf::new();
    for component in path.components() {
        match component {
            Component::Normal(part) => relative.push(part),
            Component::CurDir => {}
            Component::ParentDir => {
                return Err("leads out of the deck's folder with `..`");
            }
            Component::RootDir | Component::Prefix(_) => {
                return Err("is absolute; give the path from the deck's folder");
            }
        }
    }
    if relative.as_os_str().is_empty() {
        return Err("names no file");
    }
    Ok(relative)
}

/// Every picture of `deck`, with its place in the deck (as the validator names it).
pub(crate) fn pictures(deck: &Deck) -> Vec<(&Picture, String)> {
    let mut found = Vec::new();
    for (i, question) in deck.questions().iter().enumerate() {
        if let Some(picture) = &question.image {
            found.push((picture, format!("questions[{i}].image")));
        }
        if let super::Answer::SingleChoice { options, .. }
        | super::Answer::MultiSelect { options, .. } = &question.answer
        {
            for (j, option) in options.iter().enumerate() {
                if let Some(picture) = &option.image {
                    found.push((picture, format!("questions[{i}].answer.options[{j}].image")));
                }
            }
        }
    }
    found
}

/// Checks the files of every picture in `deck`, whose file is in `folder`: each one is there,
/// inside the folder, a file of its format, within [`MAX_IMAGE_BYTES`] and
/// [`MAX_IMAGE_SIDE_PX`]. Reads only each file's first bytes.
pub(crate) fn check_files(deck: &Deck, folder: &Path) -> Vec<Found> {
    let mut found = Vec::new();
    for (picture, path) in pictures(deck) {
        if let Err(problem) = open_picture(folder, &picture.file, false) {
            found.push((problem, path));
        }
    }
    found
}

/// Reads the picture `file` of the deck whose file is in `folder`, checking it as
/// [`check_files`] does.
pub fn read_picture(folder: &Path, file: &str) -> Result<Vec<u8>, Problem> {
    open_picture(folder, file, true).map(Option::unwrap_or_default)
}

/// The picture `file` of a deck read from `deck_file`, or of a bundled deck (`None`), whose
/// pictures are inside quizdesk: what printing and the phones read pictures with.
pub fn picture_of(deck_file: Option<&Path>, file: &str) -> Result<Vec<u8>, Problem> {
    match deck_file {
        Some(deck_file) => read_picture(super::deck_folder(deck_file), file),
        None => super::BUNDLED_IMAGES
            .iter()
            .find(|(f, _)| *f == file)
            .map(|(_, bytes)| bytes.to_vec())
            .ok_or_else(|| Problem::PictureMissing {
                file: file.to_owned(),
                folder: "quizdesk".to_owned(),
            }),
    }
}

/// Checks the picture `file` in `folder`, and reads it whole when `whole`.
fn open_picture(folder: &Path, file: &str, whole: bool) -> Result<Option<Vec<u8>>, Problem> {
    let unreadable = |reason: String| Problem::PictureUnreadable {
        file: file.to_owned(),
        reason,
    };
    let relative = relative_path(file).map_err(|reason| Problem::PicturePath {
        file: file.to_owned(),
        reason,
    })?;
    let format = ImageFormat::of(file).ok_or_else(|| Problem::PictureFormat {
        file: file.to_owned(),
    })?;
    let full = folder.join(&relative);
    let Ok(meta) = std::fs::metadata(&full) else {
        return Err(Problem::PictureMissing {
            file: file.to_owned(),
            folder: folder.display().to_string(),
        });
    };
    // A symbolic link may point anywhere: the file it leads to must be in the deck's folder too.
    let inside = match (full.canonicalize(), folder.canonicalize()) {
        (Ok(target), Ok(base)) => target.starts_with(base),
        _ => false,
    };
    if !inside {
        return Err(Problem::PicturePath {
            file: file.to_owned(),
            reason: "leads out of the deck's folder through a link",
        });
    }
    if !meta.is_file() {
        return Err(unreadable("it is not a file".to_owned()));
    }
    if meta.len() > MAX_IMAGE_BYTES {
        return Err(Problem::PictureTooLarge {
            file: file.to_owned(),
            size: ByteSize::Exactly(meta.len()),
        });
    }
    let mut opened = std::fs::File::open(&full).map_err(|e| unreadable(e.to_string()))?;
    let mut start = Vec::new();
    // Enough for every format's signature and a raster's size; an SVG's root is near its start.
    (&mut opened)
        .take(if whole { MAX_IMAGE_BYTES + 1 } else { 4096 })
        .read_to_end(&mut start)
        .map_err(|e| unreadable(e.to_string()))?;
    if whole && start.len() as u64 > MAX_IMAGE_BYTES {
        return Err(Problem::PictureTooLarge {
            file: file.to_owned(),
            size: ByteSize::MoreThan(MAX_IMAGE_BYTES),
        });
    }
    if !format.matches(&start) {
        return Err(unreadable(format!(
            "its content is not {} (was it renamed?)",
            match format {
                ImageFormat::Png => "a PNG picture",
                ImageFormat::Jpeg => "a JPEG picture",
                ImageFormat::Webp => "a WebP picture",
                ImageFormat::Svg => "an SVG drawing",
            }
        )));
    }
    if format != ImageFormat::Svg {
        let side = raster_side(&full).map_err(unreadable)?;
        if side > MAX_IMAGE_SIDE_PX {
            return Err(Problem::PictureTooManyPixels {
                file: file.to_owned(),
                side_px: side,
            });
        }
    }
    Ok(whole.then_some(start))
}

/// The longer side of the raster picture at `path`, read from its header.
fn raster_side(path: &Path) -> Result<u32, String> {
    let (width, height) = image::ImageReader::open(path)
        .and_then(image::ImageReader::with_guessed_format)
        .map_err(|e| e.to_string())?
        .into_dimensions()
        .map_err(|e| e.to_string())?;
    Ok(width.max(height))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_must_stay_below_the_decks_folder() {
        assert!(relative_path("images/a.png").is_ok());
        assert!(relative_path("./a.png").is_ok());
        assert!(relative_path("../a.png").is_err());
        assert!(relative_path("images/../../a.png").is_err());
        assert!(relative_path("/etc/a.png").is_err());
        assert!(relative_path("images\\a.png").is_err());
        assert!(relative_path(" ").is_err());
        assert!(relative_path(".").is_err());
    }

    #[test]
    fn formats_go_by_extension_and_are_checked_by_content() {
        assert_eq!(ImageFormat::of("a.PNG"), Some(ImageFormat::Png));
        assert_eq!(ImageFormat::of("a.jpeg"), Some(ImageFormat::Jpeg));
        assert_eq!(ImageFormat::of("a.gif"), None);
        assert_eq!(ImageFormat::of("a"), None);
        assert!(ImageFormat::Svg.matches(b"<?xml version=\"1.0\"?>\n<svg>"));
        assert!(!ImageFormat::Svg.matches(b"\x89PNG\r\n\x1a\n"));
        assert!(ImageFormat::Webp.matches(b"RIFF\0\0\0\0WEBPVP8 "));
    }
}
