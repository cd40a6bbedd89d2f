//! The frame: the window around the app. Each frame it tells the app the time, draws the
//! notices and the screen, applies what the screen asked, and carries out the window effects
//! the app returns.

use std::sync::Arc;

use eframe::egui;

use crate::app::{
    App, Command, FrameInput, LaunchOptions, Prefs, Screen, SettingsCommand, Theme, WindowEffect,
};

use super::{
    class, content_note, editor, flashcards, header, keys, library, present, profiles, quiz,
    results, settings, stats, style,
};

const PREFS_KEY: &str = "quizdesk-prefs";

/// Each screen's widget state: text being typed, what is open, what is scrolled to.
#[derive(Default)]
pub(crate) struct Views {
    pub profiles: profiles::ProfilesView,
    pub library: library::LibraryView,
    pub settings: settings::SettingsView,
    pub quiz: quiz::QuizView,
    pub editor: editor::EditorView,
    pub present: present::PresentView,
    pub present_setup: present::PresentSetupView,
    pub class: class::ClassView,
}

/// The quizdesk window: the [`App`] with the screens' widget state. Derefs to the app (read
/// only), so a test reads the app through the harness's state; what may change it goes in as
/// a command, as from a screen.
pub struct Shell {
    app: App,
    views: Views,
    applied_style: Option<(Theme, u32)>,
    title: String,
    /// Whether the app has the window's waker yet (given at the first frame).
    woken_by_window: bool,
    /// The screen drawn last frame: a different one now is an arrival (see [`header::arrived`]).
    drawn_screen: Option<Screen>,
}

impl std::ops::Deref for Shell {
    type Target = App;

    fn deref(&self) -> &App {
        &self.app
    }
}

/// The window's icon: `assets/icon.svg`, drawn for quizdesk, rendered at 256 pixels.
const ICON_PNG: &[u8] = include_bytes!("../../assets/icon-256.png");

/// The window's icon. It is built in, so it always decodes (a test checks); were it ever not
/// to, the window would simply have the system's default icon.
fn window_icon() -> egui::IconData {
    eframe::icon_data::from_png_bytes(ICON_PNG).unwrap_or_default()
}

/// Runs the app in a native window until it is closed.
pub fn run(options: LaunchOptions) -> eframe::Result {
    let native = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("quizdesk")
            .with_app_id("quizdesk")
            .with_icon(Arc::new(window_icon()))
            .with_inner_size([1024.0, 720.0])
            .with_min_inner_size([640.0, 480.0]),
        persistence_path: Some(options.data_dir.join("ui-state.ron")),
        ..Default::default()
    };
    eframe::run_native(
        "quizdesk",
        native,
        Box::new(move |cc| Ok(Box::new(Shell::new(cc, options)))),
    )
}

/// A bare eframe window that draws one label and closes after `quit_after_frames` frames: the
/// floor that the benchmark of quizdesk's start-up compares against.
#[doc(hidden)]
pub fn run_bare_window(quit_after_frames: u64) -> eframe::Result {
    let mut frames = 0;
    eframe::run_ui_native(
        "bare eframe window",
        eframe::NativeOptions {
            viewport: egui::ViewportBuilder::default().with_inner_size([1024.0, 720.0]),
            ..Default::default()
        },
        move |ui, _frame| {
            announce_first_frame(frames);
            egui::CentralPanel::default().show(ui, |ui| ui.label("Hello"));
            frames += 1;
            if frames >= quit_after_frames {
                ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
            } else {
                ui.ctx().request_repaint();
            }
        },
    )
}

impl Shell {
    /// Creates the window's app, with the preferences kept by eframe.
    pub fn new(cc: &eframe::CreationContext<'_>, options: LaunchOptions) -> Self {
        let prefs: Prefs = cc
            .storage
            .and_then(|s| eframe::get_value(s, PREFS_KEY))
            .unwrap_or_default();
        Self::starting(prefs, options)
    }

    /// Creates the window's app with the given preferences (tests start from defaults), once
    /// the work the app starts on workers is done (see [`App::wait_for_start_up`]), so a test
    /// sees the complete library from its first frame.
    pub fn with_prefs(prefs: Prefs, options: LaunchOptions) -> Self {
        let mut shell = Self::starting(prefs, options);
        shell.app.wait_for_start_up();
        shell
    }

    /// Creates the window's app at once: its store's check and its decks come while the first
    /// frames are drawn, as in the real window.
    pub fn starting(prefs: Prefs, options: LaunchOptions) -> Self {
        Self {
            app: App::new(prefs, options),
            views: Views::default(),
            applied_style: None,
            title: String::new(),
            woken_by_window: false,
            drawn_screen: None,
        }
    }

    /// Queues a command for the next frame, as a screen would.
    pub fn push(&mut self, command: Command) {
        self.app.push(command);
    }

    /// Replaces how links are opened (tests record them instead of starting a browser).
    pub fn set_link_opener(&mut self, opener: crate::app::LinkOpener) {
        self.app.set_link_opener(opener);
    }

    /// Replaces how printouts are opened (tests record them instead of starting a viewer).
    pub fn set_file_opener(&mut self, opener: crate::app::FileOpener) {
        self.app.set_file_opener(opener);
    }

    /// Draws one frame and applies what the screens asked for.
    pub fn frame_ui(&mut self, ui: &mut egui::Ui) {
        announce_first_frame(self.app.frames_drawn());
        let ctx = ui.ctx().clone();
        if !self.woken_by_window {
            let waker_ctx = ctx.clone();
            self.app
                .set_waker(Arc::new(move || waker_ctx.request_repaint()));
            self.woken_by_window = true;
        }
        let input = ctx.input(|i| FrameInput {
            now_s: i.time,
            close_requested: i.viewport().close_requested(),
        });
        let effects = self.app.begin_frame(input);
        carry_out(&ctx, effects);

        // A room reads a projector best in high contrast.
        let theme = if self.app.screen() == Screen::Present {
            Theme::HighContrast
        } else {
            self.app.prefs().theme
        };
        let wanted_style = (theme, self.app.prefs().text_scale_percent);
        if self.applied_style.is_none() {
            // Once, before the first picture is drawn: the file, PNG, JPEG, WebP and SVG
            // loaders (no network loader), and the bundled decks' pictures.
            egui_extras::install_image_loaders(&ctx);
            for (uri, bytes) in crate::app::pictures::bundled_pictures() {
                ctx.include_bytes(uri, bytes);
            }
        }
        if self.applied_style != Some(wanted_style) {
            style::apply(&ctx, wanted_style.0, wanted_style.1);
            self.applied_style = Some(wanted_style);
        }
        let title = self.app.title();
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }

        keys::begin_frame(&ctx);
        let mut commands = self.app.take_commands();
        if let Some(size) = first_window_size(&ctx, self.app.prefs()) {
            ctx.send_viewport_cmd(egui::ViewportCommand::InnerSize(size));
            commands.push(Command::Settings(SettingsCommand::WindowSized));
        }
        // A screen reader names the window by its title, as the window manager does.
        ctx.accesskit_node_builder(egui::accesskit_root_id(), |node| {
            node.set_label(self.title.clone());
        });
        if self.drawn_screen != Some(self.app.screen()) {
            header::mark_arrival(&ctx);
            self.drawn_screen = Some(self.app.screen());
        }
        notices_ui(ui, &self.app, &mut commands);
        self.screen_ui(ui, &mut commands);
        // An arrival no screen took is not carried into a later frame.
        let _ = header::arrived(ui);
        if !commands.is_empty() {
            // What the commands changed is drawn at once, not at the next mouse move.
            ctx.request_repaint();
        }
        for command in commands {
            let effects = self.app.apply(command);
            carry_out(&ctx, effects);
        }
        let effects = self.app.end_frame();
        carry_out(&ctx, effects);
    }

    fn screen_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        let (app, views) = (&self.app, &mut self.views);
        match app.screen() {
            // The presentation fills the screen, with no scrolling.
            Screen::Present => {
                egui::CentralPanel::default().show(ui, |ui| {
                    present::present_ui(ui, app, &mut views.present, commands);
                });
            }
            // The editor lays out its own panels and scroll areas.
            Screen::Editor => {
                egui::CentralPanel::default().show(ui, |ui| {
                    editor::editor_ui(ui, app, &mut views.editor, commands);
                });
            }
            screen => {
                egui::CentralPanel::default().show(ui, |ui| {
                    egui::ScrollArea::vertical()
                        .auto_shrink([false, false])
                        .show(ui, |ui| match screen {
                            Screen::Profiles => {
                                profiles::profiles_ui(ui, app, &mut views.profiles, commands);
                            }
                            Screen::Library => {
                                library::library_ui(ui, app, &mut views.library, commands);
                            }
                            Screen::ContentNote => content_note::content_note_ui(ui, app, commands),
                            Screen::QuizSetup => quiz::setup_ui(ui, app, commands),
                            Screen::Quiz => quiz::quiz_ui(ui, app, &mut views.quiz, commands),
                            Screen::Results => results::results_ui(ui, app, commands),
                            Screen::Study => flashcards::flashcards_ui(ui, app, commands),
                            Screen::Settings => {
                                settings::settings_ui(ui, app, &mut views.settings, commands);
                            }
                            Screen::Stats => stats::stats_ui(ui, app, commands),
                            Screen::Class => class::class_ui(ui, app, &mut views.class, commands),
                            Screen::PresentSetup => present::present_setup_ui(
                                ui,
                                app,
                                &mut views.present_setup,
                                commands,
                            ),
                            Screen::Editor | Screen::Present => {}
                        });
                });
            }
        }
    }
}

/// The environment variable that asks for [`announce_first_frame`]'s line.
pub const ANNOUNCE_FIRST_FRAME: &str = "QUIZDESK_ANNOUNCE_FIRST_FRAME";

/// For the start-up benchmark: when [`ANNOUNCE_FIRST_FRAME`] is set, says `first frame` on
/// standard output as the second frame begins (`frames_drawn` is 1), that is once the first is
/// on screen, so the benchmark times exec to a visible window and not the closing after it.
fn announce_first_frame(frames_drawn: u64) {
    if frames_drawn == 1 && std::env::var_os(ANNOUNCE_FIRST_FRAME).is_some() {
        use std::io::Write as _;
        let mut out = std::io::stdout().lock();
        // Nobody may be reading; the window goes on all the same.
        let _ = writeln!(out, "first frame").and_then(|()| out.flush());
    }
}

/// The window's size at the very first start: most of the screen, within the sizes the
/// layouts are made for (1024x640 to 1440x960). `None` once it was sized (eframe keeps the
/// size the user gives it from then on) or while the screen's size is not known.
fn first_window_size(ctx: &egui::Context, prefs: &Prefs) -> Option<egui::Vec2> {
    if prefs.window_sized {
        return None;
    }
    let monitor = ctx.input(|i| i.viewport().monitor_size)?;
    Some(window_size_for(monitor))
}

/// Four fifths of a screen of `monitor` points, kept between 1024x640 and 1440x960 (and never
/// larger than the screen).
fn window_size_for(monitor: egui::Vec2) -> egui::Vec2 {
    (monitor * 0.8)
        .clamp(egui::vec2(1024.0, 640.0), egui::vec2(1440.0, 960.0))
        .min(monitor)
}

/// Does what the app asked of the window.
fn carry_out(ctx: &egui::Context, effects: Vec<WindowEffect>) {
    for effect in effects {
        match effect {
            WindowEffect::Fullscreen(on) => {
                ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(on));
            }
            WindowEffect::Close => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            WindowEffect::CancelClose => ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose),
            WindowEffect::RepaintAfter { seconds } if seconds > 0.0 => {
                ctx.request_repaint_after(std::time::Duration::from_secs_f64(seconds));
            }
            WindowEffect::RepaintAfter { .. } => ctx.request_repaint(),
            WindowEffect::Announce(lines) => {
                use std::io::Write as _;
                // Flushed at once: a script waits for these lines while the window runs.
                let mut out = std::io::stdout().lock();
                if let Err(e) = writeln!(out, "{lines}").and_then(|()| out.flush()) {
                    eprintln!("warning: the room's join address could not be printed: {e}");
                }
            }
        }
    }
}

/// The notices bar at the top of the window.
fn notices_ui(ui: &mut egui::Ui, app: &App, commands: &mut Vec<Command>) {
    // The newest notice, said as it comes (AT-SPI speaks a live node whose name changes, not
    // one that appears); an error at once.
    let newest = app.notices().last();
    let live = match newest.map(|n| n.level) {
        Some(crate::app::NoticeLevel::Error) => egui::accesskit::Live::Assertive,
        _ => egui::accesskit::Live::Polite,
    };
    header::announcer(ui, "notices", newest.map_or("", |n| n.text.as_str()), live);
    if app.notices().is_empty() {
        return;
    }
    let palette = style::palette(app.prefs().theme);
    egui::Panel::top("notices").show(ui, |ui| {
        for (i, notice) in app.notices().iter().enumerate() {
            ui.horizontal(|ui| {
                let (mark, color) = match notice.level {
                    crate::app::NoticeLevel::Info => ("Note:", palette.right),
                    crate::app::NoticeLevel::Warning => ("Warning:", palette.partial),
                    crate::app::NoticeLevel::Error => ("Error:", palette.wrong),
                };
                ui.colored_label(color, mark);
                if ui
                    .button("Dismiss")
                    .on_hover_text("Hide this message")
                    .clicked()
                {
                    commands.push(Command::DismissNotice(i));
                }
                let text = ui.add(egui::Label::new(&notice.text).wrap());
                // Said as it appears, without the reader having to look for it; an error at
                // once.
                let live = match notice.level {
                    crate::app::NoticeLevel::Error => egui::accesskit::Live::Assertive,
                    _ => egui::accesskit::Live::Polite,
                };
                ui.ctx()
                    .accesskit_node_builder(text.id, |node| node.set_live(live));
            });
        }
    });
}

impl eframe::App for Shell {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame_ui(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, PREFS_KEY, self.app.prefs());
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.app.on_exit();
    }
}

#[cfg(test)]
#[allow(clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn the_first_window_takes_most_of_the_screen_within_the_layouts_sizes() {
        assert_eq!(
            window_size_for(egui::vec2(1280.0, 800.0)),
            egui::vec2(1024.0, 640.0)
        );
        assert_eq!(
            window_size_for(egui::vec2(1920.0, 1080.0)),
            egui::vec2(1440.0, 864.0)
        );
        assert_eq!(
            window_size_for(egui::vec2(3840.0, 2160.0)),
            egui::vec2(1440.0, 960.0)
        );
        // A small screen: the whole of it, not more.
        assert_eq!(
            window_size_for(egui::vec2(1000.0, 600.0)),
            egui::vec2(1000.0, 600.0)
        );
    }

    #[test]
    fn the_built_in_icon_decodes_to_a_square() {
        let icon = eframe::icon_data::from_png_bytes(ICON_PNG).expect("the built-in icon decodes");
        assert_eq!((icon.width, icon.height), (256, 256));
        assert_eq!(icon.rgba.len(), 256 * 256 * 4);
        // Not blank: the tile's accent blue is there.
        assert!(icon.rgba.chunks(4).any(|p| p[..3] == [0x0b, 0x5c, 0xad]));
    }
}
