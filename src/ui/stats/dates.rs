//! Dates on the Progress screen's time axes: where the grid marks fall and what they say.

use crate::time::{DAY_MS, civil_from_days, days_from_civil, monday_of, utc_iso8601};

/// The date (UTC) of a day number or fractional day, as YYYY-MM-DD.
pub(super) fn date(days: f64) -> String {
    let ms = (days * DAY_MS as f64).round() as i64;
    utc_iso8601(ms).chars().take(10).collect()
}

/// Grid marks for a time axis in days: a step of a day, two, a week, a fortnight, a month, a
/// quarter, half a year or a year, whichever gives at most about eight labels.
#[allow(clippy::needless_pass_by_value)] // egui_plot's grid spacers take their input by value.
pub(super) fn date_grid(input: egui_plot::GridInput) -> Vec<egui_plot::GridMark> {
    let (min, max) = input.bounds;
    let span = (max - min).max(1.0);
    let step = [1.0, 2.0, 7.0, 14.0, 30.0, 61.0, 91.0, 182.0, 365.0]
        .into_iter()
        .find(|step| span / step <= 8.0)
        .unwrap_or((span / 8.0).ceil());
    let mark = |value: f64| egui_plot::GridMark {
        value,
        step_size: step,
    };
    if step >= 30.0 {
        // Months: the first of every month, every other, every quarter, half or whole year.
        let months = match step as i64 {
            30 => 1,
            61 => 2,
            91 => 3,
            182 => 6,
            _ => 12,
        };
        let (mut year, mut month, _) = civil_from_days(min.floor() as i64);
        let mut marks = Vec::new();
        // At most 200 years of months, whatever the bounds.
        for _ in 0..2400 {
            let first = days_from_civil(year, month, 1) as f64;
            if first > max {
                break;
            }
            if first >= min && (month - 1) % months == 0 {
                marks.push(mark(first));
            }
            (year, month) = if month == 12 {
                (year + 1, 1)
            } else {
                (year, month + 1)
            };
        }
        return marks;
    }
    // Weekly steps fall on Mondays; the others on whole days.
    let first = if step == 7.0 || step == 14.0 {
        let monday = monday_of(min.ceil() as i64) as f64;
        if monday < min { monday + 7.0 } else { monday }
    } else {
        (min / step).ceil() * step
    };
    (0..)
        .map(|i| first + f64::from(i) * step)
        .take_while(|&value| value <= max)
        .take(64)
        .map(mark)
        .collect()
}

/// An axis label for a time mark: "4 Sep" within a month's steps, else the month ("Sep"), with
/// the year on January ("Jan 2027").
pub(super) fn axis_date(mark: egui_plot::GridMark) -> String {
    if mark.step_size < 30.0 {
        return short_date(mark.value);
    }
    let (year, month, _) = civil_from_days(mark.value.floor() as i64);
    if month == 1 {
        format!("{} {year}", month_name(month))
    } else {
        month_name(month).to_owned()
    }
}

/// A short date for an axis: "4 Sep".
pub(super) fn short_date(days: f64) -> String {
    let (_, month, day) = civil_from_days(days.floor() as i64);
    format!("{day} {}", month_name(month))
}

/// A month's short English name, from its number (1 to 12).
pub(super) fn month_name(month: i64) -> &'static str {
    const NAMES: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    usize::try_from(month - 1)
        .ok()
        .and_then(|i| NAMES.get(i))
        .copied()
        .unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(min: f64, max: f64) -> Vec<egui_plot::GridMark> {
        date_grid(egui_plot::GridInput {
            bounds: (min, max),
            base_step_size: 0.01,
        })
    }

    #[test]
    fn a_few_weeks_get_mondays_and_months_get_their_first_days() {
        // 19 996 is Monday 2024-09-30.
        let weeks = grid(19_990.0, 20_030.0);
        let values: Vec<f64> = weeks.iter().map(|m| m.value).collect();
        assert_eq!(values, [19_996.0, 20_003.0, 20_010.0, 20_017.0, 20_024.0]);
        assert_eq!(axis_date(weeks[0]), "30 Sep");

        // Five months: the first of each month.
        let months = grid(19_950.0, 20_100.0);
        let labels: Vec<String> = months.iter().map(|m| axis_date(*m)).collect();
        assert_eq!(labels, ["Sep", "Oct", "Nov", "Dec", "Jan 2025"]);
        assert!(months.iter().all(|m| date(m.value).ends_with("-01")));

        // Three years: every half year at most eight labels.
        assert!(grid(19_000.0, 20_100.0).len() <= 8);
    }
}
