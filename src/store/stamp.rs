//! The `YYYYMMDD-HHMMSS` (UTC) stamps in the names of backups and moved-aside files.

use crate::time::{civil_from_days, days_from_civil};

const MS_PER_SEC: i64 = 1000;
const SECS_PER_DAY: i64 = 86_400;

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

#[cfg(test)]
mod tests {
    use super::*;

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
