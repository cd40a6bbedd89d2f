//! A question's pictures, as every screen draws them: the prompt's picture, and a row of the
//! options' pictures, each captioned with its option's text.

use eframe::egui;

use crate::deck::{Answer, Picture, Question};

use super::{style, widgets};

/// Finds a picture's address (see [`crate::app::pictures`]); `None` when it has none, and the
/// alt text is shown instead.
pub type Resolve<'a> = &'a dyn Fn(&Picture) -> Option<String>;

/// The picture that goes with `question`'s prompt, at most `max` in size.
pub fn prompt_picture(
    ui: &mut egui::Ui,
    question: &Question,
    resolve: Resolve<'_>,
    max: egui::Vec2,
) {
    if let Some(picture) = &question.image {
        one(ui, picture, resolve, max);
    }
}

/// How options are marked where they are listed: `1.` as in the quiz, `A` on the projector.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Marks {
    /// 1, 2, 3…
    Digits,
    /// A, B, C…
    Letters,
    /// No mark: the options are not listed (the back of a flashcard).
    None,
}

impl Marks {
    fn of(self, pos: usize) -> String {
        match self {
            Self::None => String::new(),
            Self::Digits => format!("{}.", pos + 1),
            Self::Letters => u8::try_from(pos).ok().filter(|p| *p < 26).map_or_else(
                || format!("{}.", pos + 1),
                |p| char::from(b'A' + p).to_string(),
            ),
        }
    }
}

/// The pictures of `question`'s options, in the order `shown` (indexes into the options), each
/// at most `max` in size with its option's mark (its place in `shown`) and text below it;
/// nothing when no option has one.
pub fn option_pictures(
    ui: &mut egui::Ui,
    question: &Question,
    (shown, marks): (&[usize], Marks),
    resolve: Resolve<'_>,
    max: egui::Vec2,
) {
    let (Answer::SingleChoice { options, .. } | Answer::MultiSelect { options, .. }) =
        &question.answer
    else {
        return;
    };
    if options.iter().all(|o| o.image.is_none()) {
        return;
    }
    let pictured: Vec<(usize, &crate::deck::Choice, &Picture)> = shown
        .iter()
        .enumerate()
        .filter_map(|(pos, &i)| {
            let option = options.get(i)?;
            Some((pos, option, option.image.as_ref()?))
        })
        .collect();
    let draw = |ui: &mut egui::Ui, max: egui::Vec2| {
        for &(pos, option, picture) in &pictured {
            ui.vertical(|ui| {
                ui.set_max_width(max.x);
                one(ui, picture, resolve, max);
                let caption = format!("{} {}", marks.of(pos), option.text)
                    .trim_start()
                    .to_owned();
                ui.add(egui::Label::new(egui::RichText::new(caption).strong()).wrap());
            });
            ui.add_space(style::space::M);
        }
    };
    if marks != Marks::Letters {
        // Beside the options, from the left, as they are.
        ui.horizontal_wrapped(|ui| draw(ui, max));
        return;
    }
    // On the projector everything is centred: one row, each picture narrowed to fit, indented
    // by half the room the row left over in the last frame.
    let id = ui.scope_id().with("option-pictures-width");
    let last_width: Option<f32> = ui.data(|d| d.get_temp(id));
    ui.horizontal(|ui| {
        let count = pictured.len() as f32;
        let room = ui.available_width();
        let each = max.x.min(room / count - style::space::M);
        if let Some(width) = last_width {
            ui.add_space(((room - width) / 2.0).max(0.0));
        }
        let start = ui.cursor().min.x;
        draw(ui, egui::vec2(each, max.y));
        let width = ui.min_rect().max.x - start;
        ui.data_mut(|d| d.insert_temp(id, width));
    });
}

fn one(ui: &mut egui::Ui, picture: &Picture, resolve: Resolve<'_>, max: egui::Vec2) {
    match resolve(picture) {
        Some(uri) => widgets::picture(ui, &uri, &picture.alt, max),
        None => {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.label(format!("Picture: {}", picture.alt));
            });
        }
    }
}
