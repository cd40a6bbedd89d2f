//! Look and feel: themes, text sizes, and the few shared widgets every screen uses.

use eframe::egui::{self, Color32, FontFamily, FontId, RichText, Stroke, TextStyle, Visuals};

/// A deck's resource link: the address itself, underlined, which opens in the system browser.
/// Only web links are clickable (deck validation allows no others); anything else is plain text.
pub fn web_link(ui: &mut egui::Ui, url: &str, commands: &mut Vec<crate::app::Command>) {
    let size = ui
        .style()
        .text_styles
        .get(&TextStyle::Body)
        .map_or(14.0, |f| f.size);
    web_link_sized(ui, url, size, commands);
}

/// [`web_link`] in type of `size` points.
pub fn web_link_sized(
    ui: &mut egui::Ui,
    url: &str,
    size: f32,
    commands: &mut Vec<crate::app::Command>,
) {
    let text = RichText::new(url).size(size);
    if crate::deck::is_web_link(url) {
        let response = ui.link(text).on_hover_text("Open in your web browser");
        if response.clicked() {
            commands.push(crate::app::Command::OpenLink(url.to_owned()));
        }
    } else {
        ui.label(text);
    }
}

pub use crate::app::{TEXT_SCALE_RANGE_PERCENT, Theme};

/// The spacing scale, in points: every gap and margin on screen is one of these.
pub mod space {
    /// Between parts of one thing (a badge and its text).
    pub const XS: f32 = 4.0;
    /// Between related lines.
    pub const S: f32 = 8.0;
    /// Inside a frame; between a question and its answers.
    pub const M: f32 = 12.0;
    /// Between sections.
    pub const L: f32 = 16.0;
    /// Before a screen's main action.
    pub const XL: f32 = 24.0;
    /// Above a screen's title when the screen stands alone.
    pub const XXL: f32 = 32.0;
}

/// The type scale, in points at 100% text size.
pub mod text_size {
    /// A screen's title.
    pub const TITLE: f32 = 28.0;
    /// A section's heading, a content note.
    pub const HEADING: f32 = 22.0;
    /// A question's prompt.
    pub const QUESTION: f32 = 24.0;
    /// The score on the results screen.
    pub const SCORE: f32 = 32.0;
    /// Running text and buttons.
    pub const BODY: f32 = 18.0;
    /// Hints, counts, captions.
    pub const SMALL: f32 = 14.0;
    /// Deck file text in reports.
    pub const MONO: f32 = 16.0;
}

/// Corner radii, in points.
pub mod radius {
    /// Buttons and fields.
    pub const S: u8 = 4;
    /// Cards and panels.
    pub const M: u8 = 8;
}

/// The colours of a theme. Every text and background pair on screen comes from here, and a
/// unit test checks each pair against WCAG AA (4.5:1 for text, 3:1 for large text and parts
/// of controls such as the focus ring).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Palette {
    /// The window's background.
    pub background: Color32,
    /// Cards and panels on the background.
    pub surface: Color32,
    /// Running text.
    pub text: Color32,
    /// Quiet text, such as hints and counts.
    pub weak: Color32,
    /// The one accent: links, the primary action, progress.
    pub accent: Color32,
    /// Text on the accent.
    pub on_accent: Color32,
    /// A right answer.
    pub right: Color32,
    /// A wrong answer.
    pub wrong: Color32,
    /// A partly right answer; also warnings.
    pub partial: Color32,
    /// The background of something selected (an option chosen, a row picked).
    pub selected: Color32,
    /// The outline of what has the keyboard.
    pub focus: Color32,
}

/// The palette for `theme`.
pub fn palette(theme: Theme) -> Palette {
    match theme {
        Theme::Light => Palette {
            background: Color32::from_gray(0xf8),
            surface: Color32::WHITE,
            text: Color32::from_gray(0x28),
            weak: Color32::from_gray(0x55),
            accent: Color32::from_rgb(0x0b, 0x5c, 0xad),
            on_accent: Color32::WHITE,
            right: Color32::from_rgb(0x1b, 0x6e, 0x2d),
            wrong: Color32::from_rgb(0xa8, 0x1c, 0x1c),
            partial: Color32::from_rgb(0x8a, 0x5a, 0x00),
            selected: Color32::from_rgb(0xd6, 0xe8, 0xfa),
            focus: Color32::from_rgb(0x0b, 0x5c, 0xad),
        },
        Theme::Dark => Palette {
            background: Color32::from_gray(0x1b),
            surface: Color32::from_gray(0x27),
            text: Color32::from_gray(0xe0),
            weak: Color32::from_gray(0xb0),
            accent: Color32::from_rgb(0x8a, 0xc4, 0xff),
            on_accent: Color32::from_gray(0x10),
            right: Color32::from_rgb(0x7c, 0xd9, 0x8c),
            wrong: Color32::from_rgb(0xff, 0x8a, 0x80),
            partial: Color32::from_rgb(0xff, 0xd0, 0x6b),
            selected: Color32::from_rgb(0x1f, 0x3a, 0x5c),
            focus: Color32::from_rgb(0x8a, 0xc4, 0xff),
        },
        Theme::HighContrast => Palette {
            background: Color32::BLACK,
            surface: Color32::BLACK,
            text: Color32::WHITE,
            weak: Color32::WHITE,
            accent: Color32::YELLOW,
            on_accent: Color32::BLACK,
            right: Color32::from_rgb(0x66, 0xff, 0x66),
            wrong: Color32::from_rgb(0xff, 0x66, 0x66),
            partial: Color32::YELLOW,
            selected: Color32::from_rgb(0x00, 0x3c, 0x8f),
            focus: Color32::YELLOW,
        },
    }
}

/// The WCAG 2 relative luminance of an sRGB colour (its alpha is ignored).
fn luminance(color: Color32) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.040_45 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(color.r()) + 0.7152 * channel(color.g()) + 0.0722 * channel(color.b())
}

/// The WCAG 2 contrast ratio of two colours, from 1 (the same) to 21 (black on white).
pub fn contrast_ratio(a: Color32, b: Color32) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    let (light, dark) = if la > lb { (la, lb) } else { (lb, la) };
    (light + 0.05) / (dark + 0.05)
}

/// Applies the theme and the text scale to the context.
pub fn apply(ctx: &egui::Context, theme: Theme, text_scale_percent: u32) {
    ctx.set_visuals(visuals(theme));
    ctx.all_styles_mut(|style| {
        // Calm, readable defaults: larger than egui's, with room between widgets.
        style.text_styles = [
            (
                TextStyle::Heading,
                FontId::new(text_size::TITLE, FontFamily::Proportional),
            ),
            (
                TextStyle::Body,
                FontId::new(text_size::BODY, FontFamily::Proportional),
            ),
            (
                TextStyle::Button,
                FontId::new(text_size::BODY, FontFamily::Proportional),
            ),
            (
                TextStyle::Small,
                FontId::new(text_size::SMALL, FontFamily::Proportional),
            ),
            (
                TextStyle::Monospace,
                FontId::new(text_size::MONO, FontFamily::Monospace),
            ),
        ]
        .into();
        // Plain text is not something to press: selectable labels would each offer screen
        // readers a "click" action (and take clicks meant for what is under them).
        style.interaction.selectable_labels = false;
        style.spacing.item_spacing = egui::vec2(space::S, space::S);
        style.spacing.button_padding = egui::vec2(space::M, space::XS);
    });
    let scale = text_scale_percent.clamp(
        *TEXT_SCALE_RANGE_PERCENT.start(),
        *TEXT_SCALE_RANGE_PERCENT.end(),
    );
    ctx.set_zoom_factor(scale as f32 / 100.0);
}

/// egui's colours for `theme`, made from its [`Palette`] so that what is drawn is what the
/// contrast test checks.
pub fn visuals(theme: Theme) -> Visuals {
    let p = palette(theme);
    let mut visuals = match theme {
        Theme::Light => Visuals::light(),
        Theme::Dark | Theme::HighContrast => Visuals::dark(),
    };
    visuals.panel_fill = p.background;
    visuals.window_fill = p.surface;
    visuals.faint_bg_color = p.surface;
    visuals.hyperlink_color = p.accent;
    visuals.warn_fg_color = p.partial;
    visuals.error_fg_color = p.wrong;
    visuals.selection.bg_fill = p.selected;
    visuals.selection.stroke = Stroke::new(2.0, p.focus);
    visuals.widgets.noninteractive.fg_stroke = Stroke::new(1.0, p.text);
    let corner = egui::CornerRadius::same(radius::S);
    for widget in [
        &mut visuals.widgets.noninteractive,
        &mut visuals.widgets.inactive,
        &mut visuals.widgets.hovered,
        &mut visuals.widgets.active,
        &mut visuals.widgets.open,
    ] {
        widget.corner_radius = corner;
    }
    visuals.window_corner_radius = egui::CornerRadius::same(radius::M);
    if theme == Theme::HighContrast {
        visuals.override_text_color = Some(p.text);
        visuals.extreme_bg_color = Color32::BLACK;
        visuals.faint_bg_color = Color32::from_gray(20);
        let outline = Stroke::new(2.0, Color32::WHITE);
        for widget in [
            &mut visuals.widgets.inactive,
            &mut visuals.widgets.hovered,
            &mut visuals.widgets.active,
            &mut visuals.widgets.open,
        ] {
            widget.bg_stroke = outline;
            widget.fg_stroke = Stroke::new(2.0, Color32::WHITE);
            widget.bg_fill = Color32::BLACK;
            widget.weak_bg_fill = Color32::BLACK;
        }
        visuals.widgets.hovered.bg_stroke = Stroke::new(3.0, p.focus);
    }
    visuals
}

/// A button that shows its keyboard shortcut, such as "Submit" with "Enter" beside it. A
/// screen reader hears its name ("Submit") and, apart, its shortcut ("Enter"), not the two run
/// together.
pub struct KeyButton {
    button: egui::Button<'static>,
    name: String,
    key: String,
}

impl egui::Widget for KeyButton {
    fn ui(self, ui: &mut egui::Ui) -> egui::Response {
        let response = ui.add(self.button);
        let enabled = response.enabled();
        response.widget_info(|| {
            egui::WidgetInfo::labeled(egui::accesskit::Role::Button, enabled, &self.name)
        });
        ui.ctx().accesskit_node_builder(response.id, |node| {
            node.set_keyboard_shortcut(self.key);
        });
        response
    }
}

impl KeyButton {
    /// A secondary action (Back): no frame until pointed at, showing `text` (which may carry
    /// an arrow) while a screen reader hears `name`.
    pub fn quiet(text: &str, name: &str, key: &str) -> Self {
        Self {
            button: egui::Button::new(RichText::new(text.to_owned()))
                .shortcut_text(RichText::new(key.to_owned()))
                .frame_when_inactive(false),
            name: name.to_owned(),
            key: key.to_owned(),
        }
    }
}

/// A [`KeyButton`] in the usual style.
pub fn key_button(text: &str, key: &str) -> KeyButton {
    KeyButton {
        button: egui::Button::new(RichText::new(text.to_owned()))
            .shortcut_text(RichText::new(key.to_owned())),
        name: text.to_owned(),
        key: key.to_owned(),
    }
}

/// The screen's one main action: filled with the accent, its text in the accent's own text
/// colour.
pub fn primary_button(ui: &egui::Ui, text: &str) -> egui::Button<'static> {
    let accent = ui.visuals().hyperlink_color;
    egui::Button::new(RichText::new(text.to_owned()).strong().color(on(accent))).fill(accent)
}

/// Black or white, whichever reads better on `background`.
pub fn on(background: Color32) -> Color32 {
    if contrast_ratio(Color32::WHITE, background) >= contrast_ratio(Color32::BLACK, background) {
        Color32::WHITE
    } else {
        Color32::BLACK
    }
}

/// [`primary_button`] with its keyboard shortcut beside the text, like [`key_button`].
pub fn primary_key_button(ui: &egui::Ui, text: &str, key: &str) -> KeyButton {
    let accent = ui.visuals().hyperlink_color;
    let on_accent = on(accent);
    KeyButton {
        button: egui::Button::new(RichText::new(text.to_owned()).strong().color(on_accent))
            .shortcut_text(RichText::new(key.to_owned()).color(on_accent))
            .fill(accent),
        name: text.to_owned(),
        key: key.to_owned(),
    }
}

/// A secondary action: no frame until pointed at, in small type, so the main one stands out.
pub fn quiet_button(text: &str) -> egui::Button<'static> {
    egui::Button::new(RichText::new(text.to_owned()).small()).frame_when_inactive(false)
}

/// The "go back" button of a screen, quiet, showing "‹ `text`" with Esc beside it (a screen
/// reader hears `text`): whether it was clicked or Esc was pressed.
pub fn back_button(ui: &mut egui::Ui, text: &str) -> bool {
    let clicked = ui
        .add(KeyButton::quiet(&format!("‹ {text}"), text, "Esc"))
        .clicked();
    clicked || super::keys::escape(ui)
}

/// Gives a button a fuller accessible name than its visible text, for a screen reader that
/// reads it out of context ("Quiz" is one of many; "Quiz: Fentanyl and social media" is not).
pub fn name_for_screen_readers(response: &egui::Response, name: &str) {
    let enabled = response.enabled();
    response
        .widget_info(|| egui::WidgetInfo::labeled(egui::accesskit::Role::Button, enabled, name));
}

/// A chart that stays where it is: no zooming, dragging or scrolling, so the wheel scrolls the
/// page past it and a click never moves the data out of view. Hovering still shows values.
pub fn fixed_plot(id: &str, height: f32) -> egui_plot::Plot<'static> {
    egui_plot::Plot::new(id.to_owned())
        .height(height)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
}

/// Names a chart (or any drawing) for screen readers: what it shows, in words.
pub fn name_chart(response: &egui::Response, name: &str) {
    response.widget_info(|| egui::WidgetInfo::labeled(egui::accesskit::Role::Image, true, name));
}

/// Lays out a row of widgets centred on the height of a button, so a label lines up with the
/// text field or button beside it.
pub fn row<R>(ui: &mut egui::Ui, add: impl FnOnce(&mut egui::Ui) -> R) -> R {
    let height = ui.text_style_height(&TextStyle::Button) + 2.0 * ui.spacing().button_padding.y;
    ui.allocate_ui_with_layout(
        egui::vec2(ui.available_width(), height),
        egui::Layout::left_to_right(egui::Align::Center),
        add,
    )
    .inner
}

/// Makes a label a heading of `level` (1 for a screen's title) for screen readers, who move
/// from heading to heading to find their way; egui's own headings are plain labels.
pub fn heading_for_screen_readers(
    ui: &egui::Ui,
    response: &egui::Response,
    text: &str,
    level: usize,
) {
    ui.ctx().accesskit_node_builder(response.id, |node| {
        node.set_role(egui::accesskit::Role::Heading);
        // A label's text is its value; a heading is named by its label.
        node.set_label(text);
        // AccessKit counts levels from zero.
        node.set_level(level.saturating_sub(1));
    });
}

/// Centres the screen's content in a column of readable width.
pub fn page<R>(ui: &mut egui::Ui, add: impl FnOnce(&mut egui::Ui) -> R) -> R {
    let width = ui.available_width().min(900.0);
    let margin = ((ui.available_width() - width) / 2.0).max(0.0);
    ui.horizontal_top(|ui| {
        ui.add_space(margin);
        ui.vertical(|ui| {
            ui.set_max_width(width);
            add(ui)
        })
        .inner
    })
    .inner
}

#[cfg(test)]
mod tests {
    use super::*;

    /// WCAG AA for body text.
    const TEXT: f64 = 4.5;
    /// WCAG AA for large text and for the parts of controls (focus ring, outlines).
    const LARGE_OR_PART: f64 = 3.0;

    #[test]
    fn contrast_ratios_are_wcags() {
        assert!((contrast_ratio(Color32::BLACK, Color32::WHITE) - 21.0).abs() < 1e-9);
        assert!((contrast_ratio(Color32::RED, Color32::RED) - 1.0).abs() < 1e-9);
        // A published pair: #777777 on white is 4.48:1.
        let gray = contrast_ratio(Color32::from_gray(0x77), Color32::WHITE);
        assert!((gray - 4.48).abs() < 0.01, "{gray}");
    }

    #[test]
    fn every_theme_meets_wcag_aa() {
        let mut failures = Vec::new();
        for theme in Theme::ALL {
            let p = palette(theme);
            let v = visuals(theme);
            let mut need = |what: &str, fg: Color32, bg: Color32, least: f64| {
                let ratio = contrast_ratio(fg, bg);
                if ratio < least {
                    failures.push(format!(
                        "{theme:?}: {what} is {ratio:.2}:1, needs {least}:1"
                    ));
                }
            };
            for (bg_name, bg) in [("background", p.background), ("surface", p.surface)] {
                need(&format!("text on {bg_name}"), p.text, bg, TEXT);
                need(&format!("weak text on {bg_name}"), p.weak, bg, TEXT);
                need(&format!("right on {bg_name}"), p.right, bg, TEXT);
                need(&format!("wrong on {bg_name}"), p.wrong, bg, TEXT);
                need(&format!("partial on {bg_name}"), p.partial, bg, TEXT);
                need(&format!("links on {bg_name}"), p.accent, bg, TEXT);
                need(
                    &format!("focus ring on {bg_name}"),
                    p.focus,
                    bg,
                    LARGE_OR_PART,
                );
            }
            need("text on the accent", p.on_accent, p.accent, TEXT);
            // What the main buttons draw: `on` picks their text colour.
            need(
                "main button text",
                on(v.hyperlink_color),
                v.hyperlink_color,
                TEXT,
            );
            need("text on a selection", p.text, p.selected, TEXT);
            need("right on a selection", p.right, p.selected, LARGE_OR_PART);
            need("wrong on a selection", p.wrong, p.selected, LARGE_OR_PART);
            // What egui draws: its text colour on its panels and on buttons at rest.
            let text = v.text_color();
            need("egui text on panels", text, v.panel_fill, TEXT);
            need("egui text on windows", text, v.window_fill, TEXT);
            let button =
                |w: &egui::style::WidgetVisuals| v.override_text_color.unwrap_or(w.fg_stroke.color);
            let (inactive, hovered) = (&v.widgets.inactive, &v.widgets.hovered);
            need("button text", button(inactive), inactive.weak_bg_fill, TEXT);
            need(
                "hovered button text",
                button(hovered),
                hovered.weak_bg_fill,
                TEXT,
            );
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
}
