//! Interview start times as people type and read them: `2026-12-04 14:00` in the reader's own
//! time zone, or with an offset (`2026-12-04 14:00 +01:00`) when the panel spans time zones.
//! The loop plan stores each start with its offset ([`super::loop_plan::LoopCandidate`]), so a
//! time typed in Paris means the same moment on a machine in New York.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime};

/// The form to type a start time in, for messages and hints.
pub const START_TIME_FORM: &str = "2026-12-04 14:00";

/// Why a typed start time was not taken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StartTimeError {
    #[error(
        "\u{201c}{0}\u{201d} is not a date and time; type it as {START_TIME_FORM} (your local time) or {START_TIME_FORM} +01:00"
    )]
    Unreadable(String),
    #[error(
        "{0} does not exist in your time zone (the clocks change then); pick another time or add the offset, e.g. {START_TIME_FORM} +01:00"
    )]
    NotALocalTime(String),
}

/// Reads a start time. Accepted: `YYYY-MM-DD HH:MM`, with `T` instead of the space, seconds
/// (`HH:MM:SS`), `/` between the date's parts, and an offset after the time (`+01:00`, `+0100`,
/// `+01`, `Z`, `UTC`), with or without a space before it. Without an offset the time is local:
/// `local_offset` gives the offset in force at that wall-clock time (`None` when the clocks
/// skip it); see [`parse_local_start_time`] for the machine's own zone.
pub fn parse_start_time(
    text: &str,
    local_offset: impl Fn(NaiveDateTime) -> Option<FixedOffset>,
) -> Result<DateTime<FixedOffset>, StartTimeError> {
    let unreadable = || StartTimeError::Unreadable(text.trim().to_string());
    let trimmed = text.trim();
    let (date, rest) = trimmed.split_once([' ', 'T', 't']).ok_or_else(unreadable)?;
    let date = NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(date, "%Y/%m/%d"))
        .map_err(|_| unreadable())?;
    let rest = rest.trim();
    // The time is digits and colons; whatever follows is the offset.
    let time_end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == ':'))
        .unwrap_or(rest.len());
    let (time, offset) = rest.split_at(time_end);
    let time = NaiveTime::parse_from_str(time, "%H:%M:%S")
        .or_else(|_| NaiveTime::parse_from_str(time, "%H:%M"))
        .map_err(|_| unreadable())?;
    let at = date.and_time(time);
    let offset = offset.trim();
    if offset.is_empty() {
        let offset = local_offset(at).ok_or_else(|| {
            StartTimeError::NotALocalTime(at.format("%Y-%m-%d %H:%M").to_string())
        })?;
        return at
            .and_local_timezone(offset)
            .single()
            .ok_or_else(unreadable);
    }
    let offset = parse_offset(offset).ok_or_else(unreadable)?;
    at.and_local_timezone(offset)
        .single()
        .ok_or_else(unreadable)
}

/// [`parse_start_time`] in this machine's time zone.
pub fn parse_local_start_time(text: &str) -> Result<DateTime<FixedOffset>, StartTimeError> {
    parse_start_time(text, local_offset_at)
}

/// The offset this machine's time zone has at wall-clock time `at`; the earlier one when the
/// clocks go back and `at` happens twice, `None` when they go forward over it.
pub fn local_offset_at(at: NaiveDateTime) -> Option<FixedOffset> {
    use chrono::{Local, TimeZone};
    Local
        .from_local_datetime(&at)
        .earliest()
        .map(|t| *t.offset())
}

/// `+01:00`, `+0100`, `+01`, `-05:30`, `Z`, `UTC`.
fn parse_offset(text: &str) -> Option<FixedOffset> {
    if text.eq_ignore_ascii_case("z") || text.eq_ignore_ascii_case("utc") {
        return FixedOffset::east_opt(0);
    }
    let (sign, digits) = match text.as_bytes().first()? {
        b'+' => (1, &text[1..]),
        b'-' => (-1, &text[1..]),
        _ => return None,
    };
    let digits: String = digits.chars().filter(|c| *c != ':').collect();
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (hours, minutes) = match digits.len() {
        1 | 2 => (digits.parse::<i32>().ok()?, 0),
        4 => (
            digits[..2].parse::<i32>().ok()?,
            digits[2..].parse::<i32>().ok()?,
        ),
        _ => return None,
    };
    if hours > 23 || minutes > 59 {
        return None;
    }
    FixedOffset::east_opt(sign * (hours * 3600 + minutes * 60))
}

/// A start time as people read it and [`parse_start_time`] reads back: `2026-12-04 14:00`
/// when it is in the reader's time zone (`local_offset` of that time), else with its offset,
/// `2026-12-04 14:00 +01:00`; seconds only when there are some.
pub fn start_time_text(
    at: DateTime<FixedOffset>,
    local_offset: impl Fn(NaiveDateTime) -> Option<FixedOffset>,
) -> String {
    let time = if at.format("%S").to_string() == "00" {
        at.format("%Y-%m-%d %H:%M").to_string()
    } else {
        at.format("%Y-%m-%d %H:%M:%S").to_string()
    };
    if local_offset(at.naive_local()) == Some(*at.offset()) {
        time
    } else {
        format!("{time} {}", at.format("%:z"))
    }
}

/// [`start_time_text`] for this machine's time zone.
pub fn local_start_time_text(at: DateTime<FixedOffset>) -> String {
    start_time_text(at, local_offset_at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paris(_: NaiveDateTime) -> Option<FixedOffset> {
        FixedOffset::east_opt(3600)
    }

    fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).expect("date")
    }

    #[test]
    fn the_usual_forms_are_read_in_local_time_or_with_their_offset() {
        let two_pm = at("2026-12-04T14:00:00+01:00");
        for text in [
            "2026-12-04 14:00",
            "  2026-12-04   14:00 ",
            "2026-12-04T14:00",
            "2026-12-04 14:00:00",
            "2026/12/04 14:00",
            "2026-12-04 14:00 +01:00",
            "2026-12-04 14:00+0100",
            "2026-12-04T14:00:00+01:00",
            "2026-12-04 13:00 Z",
            "2026-12-04 13:00 UTC",
            "2026-12-04 08:00 -05",
            "2026-12-04 9:00 -04",
        ] {
            assert_eq!(parse_start_time(text, paris), Ok(two_pm), "{text}");
        }
        assert_eq!(
            parse_start_time("2026-12-04 14:00 +05:30", paris)
                .map(|t| t.offset().local_minus_utc()),
            Ok(5 * 3600 + 30 * 60),
            "the offset typed is kept"
        );
    }

    #[test]
    fn anything_else_says_which_form_to_use() {
        for text in [
            "",
            "tomorrow",
            "2026-12-04",
            "14:00",
            "04.12.2026 14:00",
            "2026-13-04 14:00",
            "2026-12-04 25:00",
            "2026-12-04 14:00 +25:00",
            "2026-12-04 14:00 CET",
            "2026-12-04 14h",
        ] {
            let error = parse_start_time(text, paris).expect_err(text);
            assert!(
                error.to_string().contains("type it as 2026-12-04 14:00"),
                "{text}: {error}"
            );
        }
        let skipped = parse_start_time("2026-03-29 02:30", |_| None).expect_err("skipped");
        assert!(
            skipped
                .to_string()
                .contains("does not exist in your time zone")
        );
    }

    #[test]
    fn a_time_reads_back_as_it_is_written() {
        let two_pm = at("2026-12-04T14:00:00+01:00");
        assert_eq!(start_time_text(two_pm, paris), "2026-12-04 14:00");
        let elsewhere = |_: NaiveDateTime| FixedOffset::east_opt(0);
        assert_eq!(
            start_time_text(two_pm, elsewhere),
            "2026-12-04 14:00 +01:00"
        );
        let with_seconds = at("2026-12-04T14:00:30+01:00");
        for offset in [paris as fn(NaiveDateTime) -> Option<FixedOffset>, elsewhere] {
            let text = start_time_text(with_seconds, offset);
            assert_eq!(parse_start_time(&text, offset), Ok(with_seconds), "{text}");
        }
    }
}
