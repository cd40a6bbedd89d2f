//! The top of every screen: Back, where you are, and the screen's one main action; and where
//! the keyboard's focus goes when a screen appears, so a screen reader starts reading there.

use eframe::egui::{self, RichText};

use super::style::{self, space, text_size};

/// What a screen's header shows.
#[derive(Clone, Copy, Debug)]
pub struct Header<'a> {
    /// The screen's title: a level-one heading.
    pub title: &'a str,
    /// A line under the title saying where you are (the deck, the profile), if any.
    pub context: Option<&'a str>,
    /// The name of the Back button (Esc presses it too), if the screen has one.
    pub back: Option<&'a str>,
    /// Whether the title takes the keyboard's focus when the screen appears. A screen whose
    /// first control should take it (a question, a name field) sets this to `false`.
    pub focus_title: bool,
}

impl<'a> Header<'a> {
    /// A header with a title and nothing else.
    pub fn new(title: &'a str) -> Self {
        Self {
            title,
            context: None,
            back: None,
            focus_title: true,
        }
    }

    /// With a Back button named `name`.
    pub fn back(mut self, name: &'a str) -> Self {
        self.back = Some(name);
        self
    }

    /// With a line saying where you are.
    pub fn context(mut self, context: &'a str) -> Self {
        self.context = Some(context);
        self
    }

    /// Leaves the focus to the screen (see [`Header::focus_title`]).
    pub fn focus_elsewhere(mut self) -> Self {
        self.focus_title = false;
        self
    }
}

/// Draws the header: a row with Back on the left and the screen's actions (added by `actions`,
/// the main one first, right to left) on the right, then the title and its context. Returns
/// whether Back was pressed (or Esc).
pub fn header(ui: &mut egui::Ui, header: Header<'_>, actions: impl FnOnce(&mut egui::Ui)) -> bool {
    let mut back = false;
    ui.add_space(space::M);
    ui.horizontal(|ui| {
        if let Some(name) = header.back {
            back = style::back_button(ui, name);
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), actions);
    });
    ui.add_space(space::S);
    title(ui, header.title, header.focus_title);
    if let Some(context) = header.context {
        ui.add(
            egui::Label::new(RichText::new(context).color(ui.visuals().weak_text_color())).wrap(),
        );
    }
    ui.add_space(space::S);
    ui.separator();
    ui.add_space(space::S);
    back
}

/// A screen's title: a level-one heading, which takes the keyboard's focus when the screen
/// appears if `take_focus`.
pub fn title(ui: &mut egui::Ui, text: &str, take_focus: bool) {
    let title = ui.add(
        egui::Label::new(RichText::new(text).size(text_size::TITLE).strong())
            .wrap()
            .sense(egui::Sense::FOCUSABLE),
    );
    style::heading_for_screen_readers(ui, &title, text, 1);
    if take_focus && arrived(ui) {
        title.request_focus();
    }
}

fn arrival_id() -> egui::Id {
    egui::Id::unique("quizdesk-screen-arrived")
}

/// Marks that a new screen is being shown: the first [`arrived`] of the frame says so.
pub fn mark_arrival(ctx: &egui::Context) {
    ctx.data_mut(|d| d.insert_temp(arrival_id(), true));
}

/// Whether this screen has just appeared and nothing has taken the focus for it yet; asking
/// takes the arrival, so exactly one widget takes the focus.
pub fn arrived(ui: &egui::Ui) -> bool {
    ui.ctx()
        .data_mut(|d| d.remove_temp::<bool>(arrival_id()))
        .unwrap_or(false)
}

/// Lays out `add` in a group a screen reader announces with `role` and a name (a radio group:
/// "How many questions, 1 of 2"), so related controls are heard together. The name is a text,
/// or the widget that says it (a question's heading, for its options).
pub fn group<R>(
    ui: &mut egui::Ui,
    name: GroupName<'_>,
    role: egui::accesskit::Role,
    add: impl FnOnce(&mut egui::Ui) -> R,
) -> R {
    let builder = egui::UiBuilder::new().accessibility_role(role);
    let builder = match name {
        GroupName::Text(text) => builder.accessibility_label(text),
        GroupName::LabelledBy(_) => builder,
    };
    ui.scope_builder(builder, |ui| {
        if let GroupName::LabelledBy(id) = name {
            ui.ctx().accesskit_node_builder(ui.unique_id(), |node| {
                node.push_labelled_by(id.accesskit_id());
            });
        }
        add(ui)
    })
    .inner
}

/// How a [`group`] is named.
#[derive(Clone, Copy, Debug)]
pub enum GroupName<'a> {
    /// By this text.
    Text(&'a str),
    /// By the widget with this id (its text).
    LabelledBy(egui::Id),
}

/// Whether `place` (a question's number, a card and whether it is turned) differs from the one
/// `slot` saw last frame: a new place on the same screen, where the focus moves as on arrival.
/// An arrival counts too, and is taken.
pub fn moved(ui: &egui::Ui, slot: &str, place: impl std::hash::Hash + std::fmt::Debug) -> bool {
    let id = egui::Id::unique(("quizdesk-place", slot));
    let hash = egui::Id::unique(place);
    let before = ui.ctx().data_mut(|d| {
        let before = d.get_temp::<egui::Id>(id);
        d.insert_temp(id, hash);
        before
    });
    let arrived = arrived(ui);
    arrived || before != Some(hash)
}

/// A node that is always there, in the same place in the tree, and says `text` when it changes:
/// AT-SPI screen readers announce a live region when its name changes, not when it appears,
/// so the feedback after an answer (or a notice) is announced through one of these. `text` is
/// empty while there is nothing to say.
pub fn announcer(ui: &mut egui::Ui, slot: &str, text: &str, live: egui::accesskit::Live) {
    let id = egui::Id::unique(("quizdesk-announcer", slot));
    let rect = egui::Rect::from_min_size(ui.cursor().min, egui::Vec2::ZERO);
    let response = ui.interact(rect, id, egui::Sense::hover());
    ui.ctx().accesskit_node_builder(response.id, |node| {
        node.set_role(egui::accesskit::Role::Status);
        node.set_label(text);
        node.set_live(live);
    });
}
