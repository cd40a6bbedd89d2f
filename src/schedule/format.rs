//! Short interval labels for the grade buttons, such as "Good · 3 days".

use crate::time::{DAY_MS, HOUR_MS};

const MINUTE_MS: i64 = 60_000;
/// A month for display: 30 days.
const MONTH_MS: i64 = 30 * DAY_MS;
/// A year for display: 365 days.
const YEAR_MS: i64 = 365 * DAY_MS;

/// A short label for a span of time, for the grade buttons: "1 min", "10 min", "3 h", "1 day",
/// "4 days", "2 mo", "1.2 y".
///
/// The value is rounded to the nearest minute, hour, day (under 30 days) or month of 30 days
/// (under 12 months); from there it is in years of 365 days with one decimal, without a
/// trailing ".0" ("1 y", "1.5 y"). When rounding reaches the next unit, the next unit is used
/// ("1 h", not "60 min"). Anything above zero but under a minute shows as "1 min"; zero or less
/// shows as "now".
pub fn format_interval_ms(ms: i64) -> String {
    if ms <= 0 {
        return "now".to_owned();
    }
    let minutes = round_div(ms, MINUTE_MS);
    if minutes < 60 {
        return format!("{} min", minutes.max(1));
    }
    let hours = round_div(ms, HOUR_MS);
    if hours < 24 {
        return format!("{hours} h");
    }
    let days = round_div(ms, DAY_MS);
    if days < 30 {
        let unit = if days == 1 { "day" } else { "days" };
        return format!("{days} {unit}");
    }
    let months = round_div(ms, MONTH_MS);
    if months < 12 {
        return format!("{months} mo");
    }
    let tenths = round_div_wide(i128::from(ms) * 10, i128::from(YEAR_MS));
    match tenths % 10 {
        0 => format!("{} y", tenths / 10),
        tenth => format!("{}.{tenth} y", tenths / 10),
    }
}

/// `n / d` rounded half up, for positive `n` and `d`.
fn round_div(n: i64, d: i64) -> i128 {
    round_div_wide(i128::from(n), i128::from(d))
}

/// `n / d` rounded half up, for positive `n` and `d`; wide so nothing overflows.
fn round_div_wide(n: i128, d: i128) -> i128 {
    (n + d / 2) / d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_each_unit() {
        let cases = [
            (-5, "now"),
            (0, "now"),
            (1, "1 min"),
            (MINUTE_MS, "1 min"),
            (10 * MINUTE_MS, "10 min"),
            (59 * MINUTE_MS, "59 min"),
            (59 * MINUTE_MS + 40_000, "1 h"),
            (3 * HOUR_MS, "3 h"),
            (23 * HOUR_MS, "23 h"),
            (DAY_MS, "1 day"),
            (4 * DAY_MS, "4 days"),
            (29 * DAY_MS, "29 days"),
            (30 * DAY_MS, "1 mo"),
            (61 * DAY_MS, "2 mo"),
            (11 * MONTH_MS, "11 mo"),
            (360 * DAY_MS, "1 y"),
            (YEAR_MS, "1 y"),
            (438 * DAY_MS, "1.2 y"),
            (3 * YEAR_MS + YEAR_MS / 2, "3.5 y"),
            (36_500 * DAY_MS, "100 y"),
        ];
        for (ms, label) in cases {
            assert_eq!(format_interval_ms(ms), label, "{ms} ms");
        }
    }

    #[test]
    fn extreme_values_do_not_overflow() {
        assert_eq!(format_interval_ms(i64::MIN), "now");
        assert!(format_interval_ms(i64::MAX).ends_with(" y"));
    }
}
