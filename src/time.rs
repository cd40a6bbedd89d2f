//! Time: now, days, and the learner's local day. (Placeholder until the leaf module lands.)

/// A day, in milliseconds.
pub const DAY_MS: i64 = 86_400_000;

/// The start of the local day containing `ms`, where local time is UTC plus `utc_offset_ms`.
pub fn day_start_ms(ms: i64, utc_offset_ms: i64) -> i64 {
    ms - ms.saturating_add(utc_offset_ms).rem_euclid(DAY_MS)
}
