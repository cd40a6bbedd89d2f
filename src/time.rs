//! Time as the program counts it: Unix milliseconds (UTC) in an `i64`, days since 1970-01-01,
//! and the calendar dates of those days.
//!
//! A leaf: it uses nothing else in the crate, so every layer (the scheduler, the store, the
//! statistics, the class table) can share one copy of the arithmetic. Only [`now_ms`] reads the
//! clock; everything else is pure, so callers pass "now" in and stay testable.

use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// One hour, in milliseconds.
pub const HOUR_MS: i64 = 3_600_000;

/// One day, in milliseconds.
pub const DAY_MS: i64 = 24 * HOUR_MS;

/// A stopped clock's time, or [`CLOCK_RUNS`]: see [`stop_clock_at`].
static STOPPED_AT_MS: AtomicI64 = AtomicI64::new(CLOCK_RUNS);

/// The value of [`STOPPED_AT_MS`] while the clock runs.
const CLOCK_RUNS: i64 = i64::MIN;

/// Stops this process's clock at `unix_ms`, so that snapshot tests show the same dates and
/// intervals on every day they run. The app itself never calls it.
pub fn stop_clock_at(unix_ms: i64) {
    STOPPED_AT_MS.store(unix_ms.max(CLOCK_RUNS + 1), Ordering::Relaxed);
}

/// Now, in Unix milliseconds (0 if the clock is before 1970), unless [`stop_clock_at`] stopped it.
pub fn now_ms() -> i64 {
    let stopped_ms = STOPPED_AT_MS.load(Ordering::Relaxed);
    if stopped_ms != CLOCK_RUNS {
        return stopped_ms;
    }
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// The day (since 1970-01-01, UTC) a Unix time in milliseconds falls on.
pub fn day_of(unix_ms: i64) -> i64 {
    unix_ms.div_euclid(DAY_MS)
}

/// The local day (since 1970-01-01) a Unix time falls on, where local time is UTC plus
/// `utc_offset_ms`.
pub fn local_day(unix_ms: i64, utc_offset_ms: i64) -> i64 {
    // Saturating: the offset comes from the store and the time may be a far-off due date.
    day_of(unix_ms.saturating_add(utc_offset_ms))
}

/// The start of the local day containing `unix_ms`, in Unix milliseconds, where local time is
/// UTC plus `utc_offset_ms`: the learner's "today" for the daily new-card limit.
pub fn day_start_ms(unix_ms: i64, utc_offset_ms: i64) -> i64 {
    unix_ms - unix_ms.saturating_add(utc_offset_ms).rem_euclid(DAY_MS)
}

/// The Monday (day number) of the week `day` falls in: weeks run Monday to Sunday.
pub fn monday_of(day: i64) -> i64 {
    // Day 0 (1970-01-01) was a Thursday, three days after a Monday.
    day - (day + 3).rem_euclid(7)
}

/// `2026-11-25T12:01:56Z`: ISO 8601 in UTC, for exports a spreadsheet can read.
pub fn utc_iso8601(unix_ms: i64) -> String {
    let secs = unix_ms.div_euclid(1000);
    let (year, month, day) = civil_from_days(secs.div_euclid(86_400));
    let rem = secs.rem_euclid(86_400);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Howard Hinnant's `civil_from_days`: days since 1970-01-01 to (year, month, day).
pub fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Howard Hinnant's `days_from_civil`: (year, month, day) to days since 1970-01-01.
pub fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let yoe = year.rem_euclid(400);
    let mp = if month > 2 { month - 3 } else { month + 9 };
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_start_at_midnight_utc_also_before_1970() {
        assert_eq!(day_of(0), 0);
        assert_eq!(day_of(DAY_MS - 1), 0);
        assert_eq!(day_of(DAY_MS), 1);
        assert_eq!(day_of(-1), -1);
    }

    #[test]
    fn local_days_shift_by_the_offset_and_saturate() {
        // 23:00 UTC is already tomorrow two hours east, still today five hours west.
        let late = 10 * DAY_MS + 23 * HOUR_MS;
        assert_eq!(local_day(late, 0), 10);
        assert_eq!(local_day(late, 2 * HOUR_MS), 11);
        assert_eq!(local_day(3 * HOUR_MS + 10 * DAY_MS, -5 * HOUR_MS), 9);
        assert_eq!(local_day(i64::MAX, HOUR_MS), i64::MAX / DAY_MS);
    }

    #[test]
    fn the_day_starts_at_local_midnight() {
        assert_eq!(day_start_ms(10 * DAY_MS + 3 * HOUR_MS, 0), 10 * DAY_MS);
        // 23:00 UTC is 01:00 the next day two hours east: that day began at 22:00 UTC.
        assert_eq!(
            day_start_ms(10 * DAY_MS + 23 * HOUR_MS, 2 * HOUR_MS),
            11 * DAY_MS - 2 * HOUR_MS
        );
        // 03:00 UTC is 22:00 the day before five hours west: that day began at 05:00 UTC.
        assert_eq!(
            day_start_ms(10 * DAY_MS + 3 * HOUR_MS, -5 * HOUR_MS),
            9 * DAY_MS + 5 * HOUR_MS
        );
    }

    #[test]
    fn weeks_start_on_monday() {
        // Day 20 002 is Sunday 2024-10-06, day 19 996 the Monday before it.
        assert_eq!(monday_of(20_002), 19_996);
        assert_eq!(monday_of(19_996), 19_996);
        assert_eq!(monday_of(20_003), 20_003);
        // 1970-01-01 was a Thursday.
        assert_eq!(monday_of(0), -3);
    }

    #[test]
    fn iso8601_of_known_instants() {
        assert_eq!(utc_iso8601(0), "1970-01-01T00:00:00Z");
        assert_eq!(utc_iso8601(1_709_251_198_999), "2024-02-29T23:59:58Z");
        assert_eq!(utc_iso8601(-1000), "1969-12-31T23:59:59Z");
    }

    #[test]
    fn civil_dates_round_trip() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        for days in [-800_000, -1, 0, 59, 60, 19_782, 2_932_896] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
    }
}
