//! The Progress screen's FSRS panel: the parameters in use, fitting new ones to the learner's
//! reviews, and the result to use or discard.

use eframe::egui::{self, Color32, RichText};

use crate::app::progress::{FsrsPanel, OptimizerRun};
use crate::app::{Command, ProgressCommand};
use crate::schedule::{MIN_TRAINING_ITEMS, Optimized};
use crate::ui::style;

use super::dates::date;
use crate::app::progress::days;

/// FSRS's parameters: the ones in use, and fitting new ones to the profile's reviews once FSRS
/// has enough to learn from.
pub(super) fn fsrs_ui(
    ui: &mut egui::Ui,
    fsrs: &FsrsPanel,
    good: Color32,
    commands: &mut Vec<Command>,
) {
    ui.add_space(style::space::S);
    ui.label(RichText::new("Your schedule").strong());
    match &fsrs.stored {
        Some(stored) => {
            ui.label(format!(
                "Flashcards are scheduled with parameters fitted on {} to {} of your reviews \
                 (prediction error {:.1}% before, {:.1}% after).",
                date(days(stored.optimized_ms)),
                stored.reviews,
                stored.rmse_before * 100.0,
                stored.rmse_after * 100.0
            ));
            if ui.button("Use FSRS's defaults again").clicked() {
                commands.push(Command::Progress(ProgressCommand::ResetFsrs));
            }
        }
        None => {
            ui.label("Flashcards are scheduled with FSRS's default parameters.");
        }
    }
    match &fsrs.run {
        OptimizerRun::Idle => {
            let needed = MIN_TRAINING_ITEMS as u64;
            if fsrs.long_term_reviews >= needed {
                ui.label(format!(
                    "You have {} reviews of cards you had last seen a day or more before: enough \
                     for FSRS to fit its parameters to how you remember (it needs at least \
                     {needed}), so cards come back just before you would forget them.",
                    fsrs.long_term_reviews
                ));
                if ui.button("Optimize my schedule").clicked() {
                    commands.push(Command::Progress(ProgressCommand::OptimizeFsrs));
                }
            } else {
                ui.label(
                    RichText::new(format!(
                        "FSRS can fit its parameters to you once it has at least {needed} reviews \
                         to learn from (a review counts when a card comes back a day or more \
                         after you last saw it); you have {} so far.",
                        fsrs.long_term_reviews
                    ))
                    .weak(),
                );
            }
        }
        OptimizerRun::Running(_) => {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(format!("Fitting FSRS to your {} reviews...", fsrs.reviews));
            });
        }
        OptimizerRun::Done(optimized) => {
            egui::Frame::group(ui.style())
                .inner_margin(style::space::M)
                .show(ui, |ui| optimized_ui(ui, optimized, good, commands));
        }
        OptimizerRun::Failed(why) => {
            ui.label(why);
            if ui.button("Try again").clicked() {
                commands.push(Command::Progress(ProgressCommand::OptimizeFsrs));
            }
        }
    }
}

/// The parameters just fitted, compared with the ones in use, and the choice.
pub(super) fn optimized_ui(
    ui: &mut egui::Ui,
    optimized: &Optimized,
    good: Color32,
    commands: &mut Vec<Command>,
) {
    let improved = optimized.improved();
    ui.label(
        RichText::new(if improved {
            "The fitted parameters predict your memory better."
        } else {
            "The fitted parameters do not predict your memory better than the current ones."
        })
        .strong()
        .color(if improved {
            good
        } else {
            ui.visuals().text_color()
        }),
    );
    egui::Grid::new("fsrs-change")
        .num_columns(3)
        .spacing([24.0, 4.0])
        .show(ui, |ui| {
            ui.label("");
            ui.label(RichText::new("Now").strong());
            ui.label(RichText::new("Fitted").strong());
            ui.end_row();
            ui.label("Prediction error (RMSE)");
            ui.label(format!("{:.1}%", optimized.before.rmse_bins * 100.0));
            ui.label(format!("{:.1}%", optimized.after.rmse_bins * 100.0));
            ui.end_row();
            ui.label("Log loss");
            ui.label(format!("{:.4}", optimized.before.log_loss));
            ui.label(format!("{:.4}", optimized.after.log_loss));
            ui.end_row();
        });
    ui.label(
        RichText::new(format!(
            "Fitted to {} reviews ({} FSRS could learn from). Lower is better.",
            optimized.reviews, optimized.training_items
        ))
        .small()
        .weak(),
    );
    egui::CollapsingHeader::new("The 21 parameters")
        .id_salt("fsrs-parameters")
        .show(ui, |ui| {
            let text = optimized
                .parameters
                .iter()
                .map(|p| format!("{p:.4}"))
                .collect::<Vec<_>>()
                .join(", ");
            ui.add(egui::Label::new(RichText::new(text).monospace()).wrap());
        });
    ui.horizontal(|ui| {
        let use_text = if improved {
            "Use the fitted parameters"
        } else {
            "Use them anyway"
        };
        if ui.button(use_text).clicked() {
            commands.push(Command::Progress(ProgressCommand::UseOptimizedFsrs));
        }
        if ui.button("Keep the current ones").clicked() {
            commands.push(Command::Progress(ProgressCommand::DiscardOptimizedFsrs));
        }
    });
}
