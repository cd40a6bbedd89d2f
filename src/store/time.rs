//! Wall-clock time and the `YYYYMMDD-HHMMSS` (UTC) stamps in file names.

use std::time::{SystemTime, UNIX_EPOCH};

const MS_PER_SEC: i64 = 1000;
const SECS_PER_DAY: i64 = 86_400;

/// Now, in Unix milliseconds (0 if the clock is before 1970).
pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// `unix_ms` as `YYYYMMDD-HHMMSS` in UTC.
pub(super) fn utc_stamp(unix_ms: i64) -> String {
    let secs = unix_ms.div_euclid(MS_PER_SEC);
    let (days, secs_of_day) = (secs.div_euclid(SECS_PER_DAY), secs.rem_euclid(SECS_PER_DAY));
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}{month:02}{day:02}-{:02}{:02}{:02}",
        secs_of_day / 3600,
        secs_of_day / 60 % 60,
        secs_of_day % 60
    )
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

/// The Unix milliseconds of a `YYYYMMDD-HHMMSS` (UTC) stamp; `None` if it is not one.
pub(super) fn parse_stamp(stamp: &str) -> Option<i64> {
    let bytes = stamp.as_bytes();
    if bytes.len() != 15 || bytes[8] != b'-' {
        return None;
    }
    let digits = |range: std::ops::Range<usize>| -> Option<i64> {
        let part = stamp.get(range)?;
        if !part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        part.parse().ok()
    };
    let (year, month, day) = (digits(0..4)?, digits(4..6)?, digits(6..8)?);
    let (hour, minute, second) = (digits(9..11)?, digits(11..13)?, digits(13..15)?);
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || hour > 23 || minute > 59 {
        return None;
    }
    if second > 60 {
        return None;
    }
    let days = days_from_civil(year, month, day);
    Some(((days * SECS_PER_DAY) + hour * 3600 + minute * 60 + second) * MS_PER_SEC)
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
    fn iso8601_of_known_instants() {
        assert_eq!(utc_iso8601(0), "1970-01-01T00:00:00Z");
        assert_eq!(utc_iso8601(1_709_251_198_999), "2024-02-29T23:59:58Z");
        assert_eq!(utc_iso8601(-1000), "1969-12-31T23:59:59Z");
    }

    #[test]
    fn stamp_of_known_instants() {
        assert_eq!(utc_stamp(0), "19700101-000000");
        // 2024-02-29 23:59:58 UTC, a leap day.
        assert_eq!(utc_stamp(1_709_251_198_000), "20240229-235958");
        assert_eq!(utc_stamp(1_709_251_198_999), "20240229-235958");
        assert_eq!(utc_stamp(-1000), "19691231-235959");
    }

    #[test]
    fn stamp_parses_back() {
        for ms in [0, 1_709_251_198_000, 951_782_400_000, 4_102_444_800_000] {
            assert_eq!(parse_stamp(&utc_stamp(ms)), Some(ms));
        }
    }

    #[test]
    fn malformed_stamps_are_rejected() {
        for bad in [
            "",
            "20240229235958",
            "20241329-000000",
            "20240229-246000",
            "2024022a-000000",
            "+0240229-000000",
            "20240229-00000０",
        ] {
            assert_eq!(parse_stamp(bad), None, "{bad}");
        }
    }
}
