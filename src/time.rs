//! Times as the protocol writes them: ISO 8601 for the model's `iso8601` timestamps (as
//! botocore writes and reads them) and the SigV4 date, from milliseconds since the epoch.

use crate::text::{push_digits, DECIMAL};

/// `(year, month, day, hour, minute, second, millisecond)` in UTC of `ms` since the epoch.
pub fn utc(ms: f64) -> (i64, u32, u32, i64, i64, i64, i64) {
    let ms = ms.floor() as i64;
    let (seconds, milli) = (ms.div_euclid(1000), ms.rem_euclid(1000));
    let (days, second_of_day) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
    let (year, month, day) = civil_from_days(days);
    (year, month, day, second_of_day / 3600, second_of_day / 60 % 60, second_of_day % 60, milli)
}

/// botocore's ISO 8601: `2026-01-02T03:04:05Z`, or with microseconds when the time has a
/// fraction (`2026-01-02T03:04:05.123000Z`).
pub fn iso8601(ms: f64) -> String {
    let (mut out, milli) = date_time(ms, "-", ":");
    if milli != 0 {
        out.push('.');
        push_digits(&mut out, milli as u64, 3, DECIMAL);
        out.push_str("000");
    }
    out.push('Z');
    out
}

/// The UTC date and time of `ms` (`{year:04}-{month:02}-{day:02}T{h:02}:{m:02}:{s:02}` with
/// `date` and `time` for the separators: `-` and `:` in ISO 8601's extended form, none in
/// its basic form, SigV4's), and the millisecond. A year has at least four digits, as
/// `{year:04}` writes it: `0099`, `12345`, `-001` (a JavaScript `Date` reaches -271821).
pub fn date_time(ms: f64, date: &str, time: &str) -> (String, i64) {
    let (year, month, day, h, m, s, milli) = utc(ms);
    let mut out = String::with_capacity(32);
    if year < 0 {
        out.push('-');
    }
    push_digits(&mut out, year.unsigned_abs(), if year < 0 { 3 } else { 4 }, DECIMAL);
    for (separator, n) in [(date, month.into()), (date, day.into()), ("T", h), (time, m), (time, s)] {
        out.push_str(separator);
        push_digits(&mut out, n as u64, 2, DECIMAL);
    }
    (out, milli)
}

/// Milliseconds since the epoch of an RFC 3339 date-time (`2026-01-02T03:04:05.123Z`,
/// `…+02:00`; any number of fraction digits, rounded to milliseconds as the SDK does).
pub fn parse_iso8601(text: &str) -> Option<f64> {
    let b = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| -> Option<i64> {
        let part = b.get(range)?;
        part.iter().all(u8::is_ascii_digit).then(|| part.iter().fold(0, |n, d| n * 10 + i64::from(d - b'0')))
    };
    let separators = b.get(4) == Some(&b'-') && b.get(7) == Some(&b'-') && matches!(b.get(10), Some(b'T' | b't'))
        && b.get(13) == Some(&b':') && b.get(16) == Some(&b':');
    if !separators {
        return None;
    }
    let (year, month, day) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    let (h, m, s) = (digits(11..13)?, digits(14..16)?, digits(17..19)?);
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || h > 23 || m > 59 || s > 60 {
        return None;
    }
    let mut at = 19;
    // The fraction in milliseconds, rounded on its fourth digit (integers: parsing an
    // `f64` would bring in the standard library's float tables).
    let mut milli = 0;
    if b.get(at) == Some(&b'.') {
        let start = at + 1;
        at = start + b[start..].iter().take_while(|d| d.is_ascii_digit()).count();
        if at == start {
            return None;
        }
        let digit = |i: usize| b.get(start + i).filter(|_| start + i < at).map_or(0, |d| i64::from(d - b'0'));
        milli = digit(0) * 100 + digit(1) * 10 + digit(2) + i64::from(digit(3) >= 5);
    }
    let offset_minutes = match b.get(at)? {
        b'Z' | b'z' if at + 1 == b.len() => 0,
        sign @ (b'+' | b'-') if at + 6 == b.len() && b[at + 3] == b':' => {
            let minutes = digits(at + 1..at + 3)? * 60 + digits(at + 4..at + 6)?;
            if *sign == b'-' { -minutes } else { minutes }
        }
        _ => return None,
    };
    let days = days_from_civil(year, month as u32, day as u32);
    let seconds = days * 86_400 + h * 3600 + m * 60 + s - offset_minutes * 60;
    Some((seconds * 1000 + milli) as f64)
}

/// The proleptic Gregorian date of a day count from 1970-01-01 (H. Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

/// The day count from 1970-01-01 of a proleptic Gregorian date (the inverse of the above).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = i64::from((month + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso8601_both_ways() {
        assert_eq!(iso8601(0.0), "1970-01-01T00:00:00Z");
        assert_eq!(iso8601(1_767_323_045_123.0), "2026-01-02T03:04:05.123000Z");
        assert_eq!(iso8601(-62_135_596_799_990.0), "0001-01-01T00:00:00.010000Z");
        assert_eq!(iso8601(-62_198_755_200_000.0), "-001-01-01T00:00:00Z");
        assert_eq!(iso8601(-8.64e15), "-271821-04-20T00:00:00Z");
        assert_eq!(iso8601(8.64e15 - 1.0), "275760-09-12T23:59:59.999000Z");
        // As `format!` wrote them.
        let mut ms = -8.64e15;
        while ms < 8.64e15 {
            let (year, month, day, h, m, s, milli) = utc(ms);
            let fraction = if milli == 0 { String::new() } else { format!(".{milli:03}000") };
            assert_eq!(iso8601(ms), format!("{year:04}-{month:02}-{day:02}T{h:02}:{m:02}:{s:02}{fraction}Z"));
            ms += 987_654_321_987.0;
        }
        assert_eq!(parse_iso8601("2026-01-02T03:04:05.123000Z"), Some(1_767_323_045_123.0));
        assert_eq!(parse_iso8601("2026-01-02T03:04:05Z"), Some(1_767_323_045_000.0));
        assert_eq!(parse_iso8601("2026-01-02T05:04:05.1+02:00"), Some(1_767_323_045_100.0));
        assert_eq!(parse_iso8601("1969-12-31T23:59:59.9996Z"), Some(0.0));
        for bad in ["", "2026-01-02", "2026-13-02T03:04:05Z", "2026-01-02T03:04:05", "2026-01-02T03:04:05.Z", "2026-01-02T03:04:05Zx"] {
            assert_eq!(parse_iso8601(bad), None, "{bad}");
        }
        for days in [-800_000, -1, 0, 59, 60, 365, 10_956, 2_932_896] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
    }
}
