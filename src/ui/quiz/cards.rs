//! Answer options as cards: to choose (a radio circle or a check box, a key badge), and after
//! answering (right or the learner's, in words, by a tick or a cross, and in colour).

use eframe::egui::{self, RichText};
use egui::accesskit::Role;

use crate::deck::{Answer, Question};
use crate::quiz::{Item, Response};
use crate::ui::{keys, style};

/// How an answer was graded, as the feedback panel shows it: in words, in colour and by its
/// sign (a tick, a cross, or a half), so colour is never the only sign.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Verdict {
    Right,
    Partly,
    Wrong,
    /// A poll's or a words question's answer: kept, neither right nor wrong.
    Kept,
}

/// Paints a verdict's sign in `rect`.
pub(super) fn paint_verdict(
    painter: &egui::Painter,
    rect: egui::Rect,
    verdict: Verdict,
    color: egui::Color32,
) {
    use egui::{Stroke, pos2};
    let c = rect.center();
    let r = rect.width().min(rect.height()) / 2.0;
    let stroke = Stroke::new((r / 4.0).max(2.0), color);
    match verdict {
        Verdict::Right => {
            painter.line(
                vec![
                    pos2(c.x - r * 0.6, c.y),
                    pos2(c.x - r * 0.15, c.y + r * 0.5),
                    pos2(c.x + r * 0.65, c.y - r * 0.5),
                ],
                stroke,
            );
        }
        Verdict::Wrong => {
            let d = r * 0.5;
            painter.line_segment([pos2(c.x - d, c.y - d), pos2(c.x + d, c.y + d)], stroke);
            painter.line_segment([pos2(c.x - d, c.y + d), pos2(c.x + d, c.y - d)], stroke);
        }
        Verdict::Kept => {
            painter.circle_filled(c, r * 0.35, color);
        }
        Verdict::Partly => {
            painter.circle_stroke(c, r * 0.6, Stroke::new(stroke.width * 0.6, color));
            painter.line_segment(
                [pos2(c.x, c.y - r * 0.6), pos2(c.x, c.y + r * 0.6)],
                Stroke::new(stroke.width * 0.6, color),
            );
        }
    }
}

/// The side of a card's key badge, in points.
const BADGE_SIDE: f32 = 28.0;

/// Lays out a card as wide as the column for `text`, wrapped beside the key badge in the width
/// left after `reserve` points kept on the right: the card's rect, its response and the text.
fn allocate_card(
    ui: &mut egui::Ui,
    text: &str,
    reserve: f32,
    sense: egui::Sense,
) -> (egui::Rect, egui::Response, std::sync::Arc<egui::Galley>) {
    let pad = style::space::M;
    let width = ui.available_width();
    let text_width = (width - BADGE_SIDE - reserve - 3.0 * pad).max(40.0);
    let galley = egui::WidgetText::from(text).into_galley(
        ui,
        Some(egui::TextWrapMode::Wrap),
        text_width,
        egui::TextStyle::Body,
    );
    let height = (galley.size().y + 2.0 * pad).max(48.0);
    let (rect, response) = ui.allocate_exact_size(egui::vec2(width, height), sense);
    (rect, response, galley)
}

/// Paints a card's key badge (`badge` its fill and outline, `key_color` its number) and its
/// text, from the card's left.
fn paint_key_and_text(
    painter: &egui::Painter,
    rect: egui::Rect,
    pos: usize,
    badge: (egui::Color32, egui::Stroke),
    key_color: egui::Color32,
    (galley, text_color): (std::sync::Arc<egui::Galley>, egui::Color32),
) {
    use egui::{Align2, FontId, StrokeKind, pos2, vec2};
    let pad = style::space::M;
    let badge_rect = egui::Rect::from_center_size(
        pos2(rect.left() + pad + BADGE_SIDE / 2.0, rect.center().y),
        vec2(BADGE_SIDE, BADGE_SIDE),
    );
    painter.rect(
        badge_rect,
        style::radius::S,
        badge.0,
        badge.1,
        StrokeKind::Inside,
    );
    if pos < 9 {
        painter.text(
            badge_rect.center(),
            Align2::CENTER_CENTER,
            (pos + 1).to_string(),
            FontId::proportional(style::text_size::SMALL),
            key_color,
        );
    }
    let text_pos = pos2(
        badge_rect.right() + pad,
        rect.center().y - galley.size().y / 2.0,
    );
    painter.galley(text_pos, galley, text_color);
}

/// The options of a choice question after it was answered: each card says whether it is the
/// right answer and whether it was the learner's, in words and by a tick or a cross beside it
/// as well as in colour.
pub(super) fn reviewed_options_ui(
    ui: &mut egui::Ui,
    palette: &style::Palette,
    question: &Question,
    item: &Item,
    response: &Response,
) {
    let cards: Vec<(String, bool, bool)> = match (&question.answer, response) {
        (Answer::SingleChoice { options, .. }, response) => item
            .display_order
            .iter()
            .filter_map(|&i| {
                let option = options.get(i)?;
                Some((
                    option.text.clone(),
                    option.correct,
                    *response == Response::Choice(i),
                ))
            })
            .collect(),
        (Answer::MultiSelect { options, .. }, response) => {
            let chosen = match response {
                Response::Choices(chosen) => chosen.as_slice(),
                _ => &[],
            };
            item.display_order
                .iter()
                .filter_map(|&i| {
                    let option = options.get(i)?;
                    Some((option.text.clone(), option.correct, chosen.contains(&i)))
                })
                .collect()
        }
        (Answer::TrueFalse { correct }, response) => [true, false]
            .into_iter()
            .map(|value| {
                let text = if value { "True" } else { "False" };
                (
                    text.to_owned(),
                    value == *correct,
                    *response == Response::TrueFalse(value),
                )
            })
            .collect(),
        _ => return,
    };
    for (pos, (text, right, chosen)) in cards.iter().enumerate() {
        reviewed_card(ui, palette, pos, text, *right, *chosen);
    }
}

/// One answered option: outlined in the right colour with a tick and "Right answer" when it is
/// right, in the wrong colour with a cross and "Your answer" when it was chosen and is not.
pub(super) fn reviewed_card(
    ui: &mut egui::Ui,
    palette: &style::Palette,
    pos: usize,
    text: &str,
    right: bool,
    chosen: bool,
) {
    use egui::{Stroke, StrokeKind, TextStyle, pos2, vec2};
    let pad = style::space::M;
    let caption = match (right, chosen) {
        (true, true) => "Right answer, yours",
        (true, false) => "Right answer",
        (false, true) => "Your answer",
        (false, false) => "",
    };
    let caption_galley = egui::WidgetText::from(RichText::new(caption).small().strong())
        .into_galley(
            ui,
            Some(egui::TextWrapMode::Extend),
            f32::INFINITY,
            TextStyle::Small,
        );
    let mark_side = 22.0;
    let reserve = mark_side + caption_galley.size().x + 2.0 * pad;
    let (rect, response, galley) = allocate_card(ui, text, reserve, egui::Sense::hover());
    let name = if caption.is_empty() {
        text.to_owned()
    } else {
        format!("{text} ({caption})")
    };
    response.widget_info(|| egui::WidgetInfo::labeled(Role::ListItem, true, &name));
    if !ui.is_rect_visible(rect) {
        return;
    }
    let v = ui.visuals();
    let text_color = v.text_color();
    let (stroke, sign) = match (right, chosen) {
        (true, _) => (
            Stroke::new(2.0, palette.right),
            Some((Verdict::Right, palette.right)),
        ),
        (false, true) => (
            Stroke::new(2.0, palette.wrong),
            Some((Verdict::Wrong, palette.wrong)),
        ),
        (false, false) => (
            Stroke::new(1.0, v.widgets.noninteractive.bg_stroke.color),
            None,
        ),
    };
    let fill = if chosen {
        palette.selected
    } else {
        palette.surface
    };
    let painter = ui.painter();
    painter.rect(rect, style::radius::M, fill, stroke, StrokeKind::Inside);
    paint_key_and_text(
        painter,
        rect,
        pos,
        (egui::Color32::TRANSPARENT, Stroke::new(1.0, palette.weak)),
        text_color,
        (galley, text_color),
    );
    if let Some((sign, color)) = sign {
        let mark = egui::Rect::from_center_size(
            pos2(rect.right() - pad - mark_side / 2.0, rect.center().y),
            vec2(mark_side, mark_side),
        );
        paint_verdict(painter, mark, sign, color);
        let caption_pos = pos2(
            mark.left() - pad - caption_galley.size().x,
            rect.center().y - caption_galley.size().y / 2.0,
        );
        painter.galley(caption_pos, caption_galley, color);
    }
}

/// Says on the group of options being laid out in `ui` how many there are, so that each is
/// heard as "2 of 4".
fn in_set(ui: &egui::Ui, count: usize) {
    ui.ctx().accesskit_node_builder(ui.unique_id(), |node| {
        node.set_size_of_set(count);
    });
}

/// How an option card shows that it is chosen, besides its colour: a filled circle (one of
/// several) or a ticked box (any of several).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mark {
    /// Single choice, true or false.
    Radio,
    /// Select all that apply.
    Check,
}

/// An answer option as a card as wide as the column: its key number in a badge, the text
/// wrapped, and a circle or box that fills when chosen. Chosen cards also take the selection
/// colour and an accent border; the keyboard's focus gets a ring. A screen reader hears a radio
/// button or a check box named by the option's text, whether it is chosen, and its place among
/// the `count` options ("2 of 4").
fn option_card(
    ui: &mut egui::Ui,
    (pos, count): (usize, usize),
    text: &str,
    selected: bool,
    mark: Mark,
) -> egui::Response {
    use egui::{Stroke, StrokeKind, pos2, vec2};
    let pad = style::space::M;
    let mark_side = 20.0;
    let (rect, response, galley) = allocate_card(ui, text, mark_side + pad, egui::Sense::click());
    let kind = match mark {
        Mark::Radio => Role::RadioButton,
        Mark::Check => Role::CheckBox,
    };
    response.widget_info(|| egui::WidgetInfo::selected(kind, true, selected, text));
    // AccessKit counts places from zero, and takes the count from the group (set by
    // `in_set`); the count here is what it must stay below.
    debug_assert!(pos < count);
    ui.ctx().accesskit_node_builder(response.id, |node| {
        node.set_position_in_set(pos);
    });
    if !ui.is_rect_visible(rect) {
        return response;
    }
    let v = ui.visuals();
    let accent = v.hyperlink_color;
    let text_color = v.text_color();
    let on_accent = style::on(accent);
    let (fill, stroke) = if selected {
        (v.selection.bg_fill, Stroke::new(2.0, accent))
    } else if response.hovered() {
        (v.widgets.hovered.weak_bg_fill, v.widgets.hovered.bg_stroke)
    } else {
        (
            v.widgets.inactive.weak_bg_fill,
            Stroke::new(1.0, v.widgets.noninteractive.bg_stroke.color),
        )
    };
    let painter = ui.painter();
    painter.rect(rect, style::radius::M, fill, stroke, StrokeKind::Inside);
    if response.has_focus() {
        painter.rect_stroke(
            rect.expand(2.0),
            style::radius::M,
            Stroke::new(2.0, v.selection.stroke.color),
            StrokeKind::Outside,
        );
    }
    let (badge_fill, key_color) = if selected {
        (accent, on_accent)
    } else {
        (v.window_fill, text_color)
    };
    paint_key_and_text(
        painter,
        rect,
        pos,
        (badge_fill, Stroke::NONE),
        key_color,
        (galley, text_color),
    );
    // The circle or the box, filled when chosen.
    let mark_rect = egui::Rect::from_center_size(
        pos2(rect.right() - pad - mark_side / 2.0, rect.center().y),
        vec2(mark_side, mark_side),
    );
    let outline = Stroke::new(2.0, if selected { accent } else { text_color });
    match mark {
        Mark::Radio => {
            painter.circle_stroke(mark_rect.center(), mark_side / 2.0, outline);
            if selected {
                painter.circle_filled(mark_rect.center(), mark_side / 4.0, accent);
            }
        }
        Mark::Check => {
            painter.rect_stroke(mark_rect, style::radius::S, outline, StrokeKind::Inside);
            if selected {
                painter.rect_filled(mark_rect, style::radius::S, accent);
                let c = mark_rect.center();
                let s = mark_side / 4.0;
                painter.line(
                    vec![
                        pos2(c.x - s, c.y),
                        pos2(c.x - s / 3.0, c.y + s * 0.8),
                        pos2(c.x + s, c.y - s * 0.8),
                    ],
                    Stroke::new(2.5, on_accent),
                );
            }
        }
    }
    response
}

/// Draws a group of options named for screen readers (by the question, or "Options").
pub(super) type NamedGroup<'a> = dyn Fn(&mut egui::Ui, Role, &mut dyn FnMut(&mut egui::Ui)) + 'a;

/// Option cards to pick one of (radio buttons), in the order shown; a digit key picks too.
pub(super) fn pick_one_ui(
    ui: &mut egui::Ui,
    texts: &[String],
    chosen: &mut Option<usize>,
    named: &NamedGroup<'_>,
) {
    named(ui, Role::RadioGroup, &mut |ui| {
        let count = texts.len();
        in_set(ui, count);
        for (pos, text) in texts.iter().enumerate() {
            let card = option_card(ui, (pos, count), text, *chosen == Some(pos), Mark::Radio);
            if card.clicked() {
                *chosen = Some(pos);
            }
        }
    });
    if let Some(n) = keys::digit(ui).filter(|n| *n <= texts.len()) {
        *chosen = Some(n - 1);
    }
}

/// Option cards to tick several of (check boxes), in the order shown; a digit key ticks too.
pub(super) fn pick_several_ui(
    ui: &mut egui::Ui,
    texts: &[String],
    ticked: &mut [bool],
    named: &NamedGroup<'_>,
) {
    named(ui, Role::Group, &mut |ui| {
        let count = texts.len();
        in_set(ui, count);
        for (pos, text) in texts.iter().enumerate() {
            if let Some(t) = ticked.get_mut(pos)
                && option_card(ui, (pos, count), text, *t, Mark::Check).clicked()
            {
                *t = !*t;
            }
        }
    });
    if let Some(n) = keys::digit(ui)
        && let Some(t) = ticked.get_mut(n - 1)
    {
        *t = !*t;
    }
}
