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

/// Colours for right, wrong and partly right answers in the current theme.
pub struct Palette {
    /// A right answer.
    pub right: Color32,
    /// A wrong answer.
    pub wrong: Color32,
    /// A partly right answer.
    pub partial: Color32,
    /// Quiet text, such as hints and counts.
    pub weak: Color32,
}

/// The palette for `theme`.
pub fn palette(theme: Theme) -> Palette {
    match theme {
        Theme::Light => Palette {
            right: Color32::from_rgb(0x1b, 0x6e, 0x2d),
            wrong: Color32::from_rgb(0xa8, 0x1c, 0x1c),
            partial: Color32::from_rgb(0x8a, 0x5a, 0x00),
            weak: Color32::from_gray(0x55),
        },
        Theme::Dark => Palette {
            right: Color32::from_rgb(0x7c, 0xd9, 0x8c),
            wrong: Color32::from_rgb(0xff, 0x8a, 0x80),
            partial: Color32::from_rgb(0xff, 0xd0, 0x6b),
            weak: Color32::from_gray(0xb0),
        },
        Theme::HighContrast => Palette {
            right: Color32::from_rgb(0x66, 0xff, 0x66),
            wrong: Color32::from_rgb(0xff, 0x66, 0x66),
            partial: Color32::YELLOW,
            weak: Color32::WHITE,
        },
    }
}

/// Applies the theme and the text scale to the context.
pub fn apply(ctx: &egui::Context, theme: Theme, text_scale_percent: u32) {
    let visuals = match theme {
        Theme::Light => Visuals::light(),
        Theme::Dark => Visuals::dark(),
        Theme::HighContrast => high_contrast(),
    };
    ctx.set_visuals(visuals);
    ctx.all_styles_mut(|style| {
        // Calm, readable defaults: larger than egui's, with room between widgets.
        style.text_styles = [
            (
                TextStyle::Heading,
                FontId::new(28.0, FontFamily::Proportional),
            ),
            (TextStyle::Body, FontId::new(18.0, FontFamily::Proportional)),
            (
                TextStyle::Button,
                FontId::new(18.0, FontFamily::Proportional),
            ),
            (
                TextStyle::Small,
                FontId::new(14.0, FontFamily::Proportional),
            ),
            (
                TextStyle::Monospace,
                FontId::new(16.0, FontFamily::Monospace),
            ),
        ]
        .into();
        style.spacing.item_spacing = egui::vec2(10.0, 10.0);
        style.spacing.button_padding = egui::vec2(12.0, 6.0);
    });
    let scale = text_scale_percent.clamp(
        *TEXT_SCALE_RANGE_PERCENT.start(),
        *TEXT_SCALE_RANGE_PERCENT.end(),
    );
    ctx.set_zoom_factor(scale as f32 / 100.0);
}

fn high_contrast() -> Visuals {
    let mut visuals = Visuals::dark();
    visuals.override_text_color = Some(Color32::WHITE);
    visuals.panel_fill = Color32::BLACK;
    visuals.window_fill = Color32::BLACK;
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
    visuals.widgets.hovered.bg_stroke = Stroke::new(3.0, Color32::YELLOW);
    visuals.selection.bg_fill = Color32::from_rgb(0x00, 0x3c, 0x8f);
    visuals.selection.stroke = Stroke::new(2.0, Color32::YELLOW);
    visuals.widgets.noninteractive.fg_stroke = Stroke::new(1.0, Color32::WHITE);
    visuals
}

/// A button that shows its keyboard shortcut, such as "Submit" with "Enter" beside it.
pub fn key_button(text: &str, key: &str) -> egui::Button<'static> {
    egui::Button::new(RichText::new(text.to_owned())).shortcut_text(RichText::new(key.to_owned()))
}

/// The "go back" button of a screen, labelled `text` with Esc beside it: whether it was clicked
/// or Esc was pressed.
pub fn back_button(ui: &mut egui::Ui, text: &str) -> bool {
    let clicked = ui.add(key_button(text, "Esc")).clicked();
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

/// A page title.
pub fn title(ui: &mut egui::Ui, text: &str) {
    ui.add(egui::Label::new(RichText::new(text).heading().strong()).wrap());
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
