//! The Stats screen: a profile's progress, for one deck or all of them. Score over time, the
//! hardest questions (each one a click away from practice), time spent, the study calendar and
//! streak, flashcards by state, the cards due soon, retention against FSRS's target, and the
//! FSRS parameters fitted to the profile's own reviews.
//!
//! The numbers are computed once when the screen opens or the deck changes
//! ([`crate::stats::StatsView`]); each frame only draws them.

use eframe::egui::{self, Color32, RichText, Sense, Vec2};
use egui_plot::{
    Bar, BarChart, HLine, HoverPosition, Line, LineStyle, MarkerShape, PlotPoint, Points, Text,
};

mod dates;
mod fsrs;

use super::header::{self, Header};
use super::style;
use crate::app::progress::{QUESTIONS_MORE, QUESTIONS_SHOWN, StatsState, TREND_WINDOW, days};
use crate::app::{App, Command, ProgressCommand, QuizCommand, Screen};
use crate::schedule;
use crate::stats::{self, Scope, StatsView, WeekColumn, format_duration_ms};
use crate::time::civil_from_days;
use dates::{axis_date, date, date_grid, month_name};
use fsrs::fsrs_ui;

/// The Stats screen.
pub(crate) fn stats_ui(ui: &mut egui::Ui, app: &App, commands: &mut Vec<Command>) {
    let palette = style::palette(app.prefs().theme);
    let name = app.profile().map(|p| p.name.clone()).unwrap_or_default();
    let Some(state) = app.stats_screen() else {
        if app.stats_loading() {
            style::page(ui, |ui| {
                let title = format!("Progress of {name}");
                if header::header(ui, Header::new(&title).back("Back to the library"), |_| {}) {
                    commands.push(Command::Go(Screen::Library));
                }
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label("Reading your history...");
                });
            });
        } else {
            commands.push(Command::Go(Screen::Library));
        }
        return;
    };
    style::page(ui, |ui| {
        let title = format!("Progress of {name}");
        if header::header(ui, Header::new(&title).back("Back to the library"), |_| {}) {
            commands.push(Command::Go(Screen::Library));
        }
        ui.horizontal_wrapped(|ui| {
            scope_ui(ui, state, commands);
            if ui
                .button("Export my results")
                .on_hover_text("Write every session and answer to a file for your teacher")
                .clicked()
            {
                commands.push(Command::Progress(ProgressCommand::ExportResults));
            }
        });
        ui.add_space(style::space::S);
        let view = &state.view;
        if view.summary.answers == 0 {
            ui.label(
                "Nothing here yet. Take a quiz or study some flashcards, and your progress \
                 shows here.",
            );
            return;
        }
        summary_ui(ui, view);

        section(ui, "Score over time");
        scores_ui(ui, state, palette.right);

        section(ui, "Questions, hardest first");
        questions_ui(ui, state, commands);

        section(ui, "Study days");
        calendar_ui(ui, &state.weeks, &view.days, palette.right);

        section(ui, "Flashcards");
        flashcards_ui(ui, view, &palette);
        fsrs_ui(ui, &state.fsrs, palette.right, commands);
    });
}

fn section(ui: &mut egui::Ui, title: &str) {
    ui.add_space(style::space::L);
    ui.label(RichText::new(title).heading());
    ui.add_space(style::space::XS);
}

/// The choice of deck: all, or one the profile has history of.
fn scope_ui(ui: &mut egui::Ui, state: &StatsState, commands: &mut Vec<Command>) {
    let shown = match &state.view.scope {
        Scope::All => "All decks".to_owned(),
        Scope::Deck(id) => state
            .decks
            .iter()
            .find(|(known, _)| known == id)
            .map_or_else(|| id.clone(), |(_, title)| title.clone()),
    };
    let label = ui.label("Deck:");
    egui::ComboBox::from_id_salt("stats-scope")
        .selected_text(shown)
        .show_ui(ui, |ui| {
            if ui
                .selectable_label(state.view.scope == Scope::All, "All decks")
                .clicked()
            {
                commands.push(Command::Progress(ProgressCommand::Scope(Scope::All)));
            }
            for (id, title) in &state.decks {
                let scope = Scope::Deck(id.clone());
                if ui
                    .selectable_label(state.view.scope == scope, title)
                    .clicked()
                {
                    commands.push(Command::Progress(ProgressCommand::Scope(scope)));
                }
            }
        })
        .response
        .labelled_by(label.id);
}

fn summary_ui(ui: &mut egui::Ui, view: &StatsView) {
    let summary = &view.summary;
    let streak = &summary.streak;
    let plural = |n: u32| if n == 1 { "day" } else { "days" };
    egui::Grid::new("stats-summary")
        .num_columns(2)
        .spacing([24.0, 4.0])
        .show(ui, |ui| {
            let row = |ui: &mut egui::Ui, what: &str, value: String| {
                ui.label(what);
                ui.label(RichText::new(value).strong());
                ui.end_row();
            };
            row(
                ui,
                "Current streak",
                format!(
                    "{} {} (longest {} {})",
                    streak.current,
                    plural(streak.current),
                    streak.longest,
                    plural(streak.longest)
                ),
            );
            row(ui, "Answers given", summary.answers.to_string());
            row(ui, "Days studied", summary.days_studied.to_string());
            row(ui, "Time studied", format_duration_ms(summary.studied_ms));
            let time = &view.session_time;
            if time.sessions > 0 {
                row(
                    ui,
                    "Time per session",
                    format!(
                        "{} typical, {} longest ({} sessions)",
                        format_duration_ms(time.median_ms),
                        format_duration_ms(time.longest_ms),
                        time.sessions
                    ),
                );
            }
        });
}

fn scores_ui(ui: &mut egui::Ui, state: &StatsState, color: Color32) {
    let scores = &state.view.scores;
    let Some(best) = scores.best_point() else {
        ui.label("No quiz finished yet.");
        return;
    };
    let offset_ms = state.view.utc_offset_ms;
    let best_text = format!(
        "Best score: {:.0}% on {}",
        best.percent,
        date(days(best.finished_ms + offset_ms))
    );
    ui.label(format!(
        "{} quizzes finished. {best_text}. Last score: {:.0}%.",
        scores.points.len(),
        scores.points.last().map_or(0.0, |p| p.percent)
    ));
    let best_at = [days(best.finished_ms + offset_ms), best.percent];
    let dots = state.dots.clone();
    let trend = state.trend.clone();
    // The theme's highlight (its 'partly right' colour), readable as text on the chart too.
    let gold = ui.visuals().warn_fg_color;
    let response = style::fixed_plot("stats-scores", 220.0)
        .include_y(0.0)
        .include_y(108.0)
        .show_grid([false, true])
        .y_axis_label("Score (%)")
        .y_axis_formatter(|mark, _| {
            if mark.value > 100.0 {
                String::new()
            } else {
                format!("{:.0}", mark.value)
            }
        })
        .x_grid_spacer(date_grid)
        .x_axis_formatter(|mark, _range| axis_date(mark))
        .label_formatter(|hover| match hover {
            HoverPosition::NearDataPoint { position, .. } => {
                Some(format!("{}: {:.0}%", date(position.x), position.y))
            }
            HoverPosition::Elsewhere { .. } => None,
        })
        .show(ui, |plot| {
            plot.add(
                Points::new("Quiz scores", dots)
                    .color(color.gamma_multiply(0.45))
                    .radius(2.5),
            );
            plot.add(
                Line::new("Trend", trend)
                    .color(color)
                    .width(2.5)
                    .allow_band(false),
            );
            plot.add(
                Points::new("Best score", vec![best_at])
                    .shape(MarkerShape::Diamond)
                    .filled(true)
                    .color(gold)
                    .radius(7.0),
            );
            plot.add(
                Text::new(
                    "Best score label",
                    PlotPoint::new(best_at[0], best_at[1] + 6.0),
                    RichText::new(format!("Best {:.0}%", best.percent)).strong(),
                )
                .color(gold),
            );
        })
        .response;
    ui.label(
        RichText::new(format!(
            "Dots: each quiz. Line: the average of the last {TREND_WINDOW} quizzes. Diamond: \
             your best."
        ))
        .small()
        .weak(),
    );
    let label = format!(
        "Score over time chart: {} quizzes, {best_text}",
        scores.points.len()
    );
    style::name_chart(&response, &label);
}

fn questions_ui(ui: &mut egui::Ui, state: &StatsState, commands: &mut Vec<Command>) {
    let questions = &state.view.questions;
    if questions.is_empty() {
        ui.label("No quiz answers yet.");
        return;
    }
    let shown = questions.len().min(state.questions_shown);
    let with_deck = state.view.scope == Scope::All && state.decks.len() > 1;
    egui::Grid::new("stats-questions")
        .num_columns(5)
        .striped(true)
        .spacing([16.0, 6.0])
        .show(ui, |ui| {
            for header in ["Question", "Right", "Answers", "Average time", ""] {
                ui.label(RichText::new(header).strong());
            }
            ui.end_row();
            for question in &questions[..shown] {
                let text = question
                    .prompt
                    .clone()
                    .unwrap_or_else(|| question.question_id.clone());
                ui.vertical(|ui| {
                    ui.set_max_width(460.0);
                    ui.add(egui::Label::new(&text).wrap());
                    if with_deck {
                        let deck = question.deck_title.as_deref().unwrap_or(&question.deck_id);
                        ui.label(RichText::new(deck).small().weak());
                    }
                });
                ui.label(format!("{:.0}%", question.accuracy * 100.0));
                ui.label(question.answers.to_string());
                ui.label(format_duration_ms(question.mean_elapsed_ms));
                let known = state.in_library(&question.deck_id);
                let button = ui.add_enabled(known, egui::Button::new("Practise"));
                style::name_for_screen_readers(&button, &format!("Practise: {text}"));
                let button = button.on_disabled_hover_text("This deck is not in the library");
                if button.clicked() {
                    commands.push(Command::Quiz(QuizCommand::Practise(
                        question.deck_id.clone(),
                        question.question_id.clone(),
                    )));
                }
                ui.end_row();
            }
        });
    style::row(ui, |ui| {
        if shown < questions.len() {
            ui.label(format!("{shown} of {} questions.", questions.len()));
            let more = QUESTIONS_MORE.min(questions.len() - shown);
            if ui.button(format!("Show {more} more")).clicked() {
                commands.push(Command::Progress(ProgressCommand::QuestionsShown(
                    shown + more,
                )));
            }
        }
        if shown > QUESTIONS_SHOWN && ui.button("Show fewer").clicked() {
            commands.push(Command::Progress(ProgressCommand::QuestionsShown(
                QUESTIONS_SHOWN,
            )));
        }
    });
}

/// The study calendar: one square a day, a column a week, a stronger colour for more answers.
fn calendar_ui(
    ui: &mut egui::Ui,
    weeks: &[WeekColumn],
    days: &[stats::DayActivity],
    color: Color32,
) {
    const CELL: f32 = 14.0;
    const GAP: f32 = 3.0;
    let most = weeks
        .iter()
        .flat_map(|w| w.answers.iter().flatten())
        .copied()
        .max()
        .unwrap_or(0)
        .max(1);
    let studied = weeks
        .iter()
        .flat_map(|w| w.answers.iter().flatten())
        .filter(|&&n| n > 0)
        .count();
    let label_width = 34.0;
    let size = Vec2::new(
        label_width + weeks.len() as f32 * (CELL + GAP),
        7.0 * (CELL + GAP) + 18.0,
    );
    let (rect, response) = ui.allocate_exact_size(size, Sense::hover());
    let painter = ui.painter_at(rect);
    let visuals = ui.visuals();
    let empty = visuals.widgets.inactive.bg_fill;
    let text_color = visuals.weak_text_color();
    let font = egui::FontId::proportional(11.0);
    let top = rect.top() + 16.0;
    for (row, name) in [(0, "Mon"), (2, "Wed"), (4, "Fri")] {
        painter.text(
            egui::pos2(rect.left(), top + row as f32 * (CELL + GAP)),
            egui::Align2::LEFT_TOP,
            name,
            font.clone(),
            text_color,
        );
    }
    let mut hovered: Option<(i64, u32)> = None;
    let mut last_month = 0;
    for (column, week) in weeks.iter().enumerate() {
        let left = rect.left() + label_width + column as f32 * (CELL + GAP);
        let (_, month, _) = civil_from_days(week.monday);
        if month != last_month {
            painter.text(
                egui::pos2(left, rect.top()),
                egui::Align2::LEFT_TOP,
                month_name(month),
                font.clone(),
                text_color,
            );
            last_month = month;
        }
        for (row, answers) in week.answers.iter().enumerate() {
            let Some(answers) = *answers else { continue };
            let cell = egui::Rect::from_min_size(
                egui::pos2(left, top + row as f32 * (CELL + GAP)),
                Vec2::splat(CELL),
            );
            let fill = if answers == 0 {
                empty
            } else {
                // At least a quarter of the way, so a light day is still visible.
                let strength = 0.25 + 0.75 * answers as f32 / most as f32;
                lerp_color(empty, color, strength)
            };
            painter.rect_filled(cell, 2.0, fill);
            if response
                .hover_pos()
                .is_some_and(|p| cell.expand(GAP / 2.0).contains(p))
            {
                hovered = Some((week.monday + row as i64, answers));
            }
        }
    }
    if let Some((day, answers)) = hovered {
        let time = days
            .iter()
            .find(|d| d.day == day)
            .map_or(0, |d| d.elapsed_ms);
        response.clone().on_hover_text(format!(
            "{}: {answers} answers, {}",
            date(day as f64),
            format_duration_ms(time)
        ));
    }
    let label = format!(
        "Study calendar: {studied} days studied in the last {} weeks",
        weeks.len()
    );
    style::name_chart(&response, &label);
    ui.label(
        RichText::new(format!(
            "{studied} days studied in the last {} weeks; the stronger the colour, the more answers. \
             Point at a day for its numbers.",
            weeks.len()
        ))
        .small()
        .weak(),
    );
}

/// The colour `t` (0 to 1) of the way from `a` to `b`.
fn lerp_color(a: Color32, b: Color32, t: f32) -> Color32 {
    let mix = |x: u8, y: u8| (f32::from(x) + (f32::from(y) - f32::from(x)) * t).round() as u8;
    Color32::from_rgb(mix(a.r(), b.r()), mix(a.g(), b.g()), mix(a.b(), b.b()))
}

fn flashcards_ui(ui: &mut egui::Ui, view: &StatsView, palette: &style::Palette) {
    let cards = &view.cards;
    card_states_ui(
        ui,
        &[
            ("New", cards.new, ui.visuals().hyperlink_color),
            ("Learning", cards.learning, palette.partial),
            ("Review", cards.review, palette.right),
        ],
    );
    if cards.learning + cards.review == 0 {
        ui.label("No flashcards studied yet.");
        return;
    }
    match &view.retention {
        Some(retention) => ui.label(format!(
            "Measured retention: {:.0}% ({} of {} reviews of cards last seen a day or more \
             before). FSRS aims for {:.0}%.",
            retention.rate() * 100.0,
            retention.recalled,
            retention.checks,
            schedule::DESIRED_RETENTION * 100.0
        )),
        None => ui.label(format!(
            "Measured retention shows once cards come back a day or more after you last saw \
             them. FSRS aims for {:.0}%.",
            schedule::DESIRED_RETENTION * 100.0
        )),
    };
    retention_chart_ui(ui, view);
    let due: u32 = view.forecast.iter().sum();
    ui.label(format!(
        "Due in the next {} days: {due} (today: {})",
        view.forecast.len(),
        view.forecast.first().copied().unwrap_or(0)
    ));
    let series = ui.visuals().hyperlink_color;
    let bars: Vec<Bar> = view
        .forecast
        .iter()
        .enumerate()
        .map(|(day, &count)| {
            let when = match day {
                0 => "today".to_owned(),
                1 => "tomorrow".to_owned(),
                n => format!("in {n} days"),
            };
            Bar::new(day as f64, f64::from(count))
                .name(format!("{count} due {when}"))
                .width(0.7)
                .fill(series)
        })
        .collect();
    let response = style::fixed_plot("stats-forecast", 160.0)
        .include_y(0.0)
        .y_axis_label("Cards due")
        .x_axis_formatter(|mark, _| match mark.value.round() as i64 {
            0 => "today".to_owned(),
            n if n > 0 => format!("+{n} d"),
            _ => String::new(),
        })
        .show(ui, |plot| {
            plot.bar_chart(BarChart::new("Cards due", bars).color(series));
        })
        .response;
    let label = format!(
        "Cards due in the next {} days chart: {due} cards",
        view.forecast.len()
    );
    style::name_chart(&response, &label);
}

/// Measured retention week by week against FSRS's target, as a chart.
fn retention_chart_ui(ui: &mut egui::Ui, view: &StatsView) {
    if view.retention_weeks.len() < 2 {
        return;
    }
    let target = f64::from(schedule::DESIRED_RETENTION) * 100.0;
    // The measured series in the accent, the target in the highlight colour.
    let (series, highlight) = (ui.visuals().hyperlink_color, ui.visuals().warn_fg_color);
    let points: Vec<[f64; 2]> = view
        .retention_weeks
        .iter()
        .map(|(monday, r)| [*monday as f64, r.rate() * 100.0])
        .collect();
    let response = style::fixed_plot("stats-retention", 140.0)
        .include_y(0.0)
        .include_y(100.0)
        .show_grid([false, true])
        .y_axis_label("Recalled (%)")
        .x_grid_spacer(date_grid)
        .x_axis_formatter(|mark, _range| axis_date(mark))
        .label_formatter(|hover| match hover {
            HoverPosition::NearDataPoint { position, .. } => {
                Some(format!("week of {}: {:.0}%", date(position.x), position.y))
            }
            HoverPosition::Elsewhere { .. } => None,
        })
        .show(ui, |plot| {
            plot.add(
                HLine::new(format!("FSRS target {target:.0}%"), target)
                    .color(highlight)
                    .style(LineStyle::dashed_loose()),
            );
            plot.add(
                Line::new("Measured retention", points.clone())
                    .color(series)
                    .width(2.0)
                    .allow_band(false),
            );
            plot.add(Points::new("Weeks", points).color(series).radius(3.0));
        })
        .response;
    ui.label(
        RichText::new(format!(
            "Blue: the share of cards you recalled each week. Dashed: the {target:.0}% FSRS \
             aims for."
        ))
        .small()
        .weak(),
    );
    let label = format!(
        "Retention by week chart: {} weeks against the {target:.0}% target",
        view.retention_weeks.len()
    );
    style::name_chart(&response, &label);
}

/// Cards by state as one bar split in proportion, with a key below.
fn card_states_ui(ui: &mut egui::Ui, states: &[(&str, usize, Color32)]) {
    let total: usize = states.iter().map(|(_, n, _)| n).sum();
    let width = ui.available_width().min(600.0);
    let (rect, response) = ui.allocate_exact_size(Vec2::new(width, 22.0), Sense::hover());
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 4.0, ui.visuals().widgets.inactive.bg_fill);
    let mut left = rect.left();
    for (_, count, color) in states {
        if total == 0 || *count == 0 {
            continue;
        }
        let w = width * *count as f32 / total as f32;
        let segment = egui::Rect::from_min_size(egui::pos2(left, rect.top()), Vec2::new(w, 22.0));
        painter.rect_filled(segment, 0.0, *color);
        left += w;
    }
    let text = states
        .iter()
        .map(|(name, count, _)| format!("{count} {}", name.to_lowercase()))
        .collect::<Vec<_>>()
        .join(", ");
    let label = format!("Cards by state: {text}");
    style::name_chart(&response, &label);
    ui.horizontal_wrapped(|ui| {
        for (name, count, color) in states {
            let (swatch, _) = ui.allocate_exact_size(Vec2::splat(12.0), Sense::hover());
            ui.painter().rect_filled(swatch, 2.0, *color);
            ui.label(format!("{name}: {count}"));
            ui.add_space(style::space::M);
        }
    });
}
