//! Formatting shared by the views and the exports, so both say the same thing.

/// `45 s`, `6 min 10 s`, `1 h 5 min`.
pub fn duration_text(secs: f64) -> String {
    let total = if secs.is_finite() && secs > 0.0 {
        secs.round() as u64
    } else {
        0
    };
    let (h, m, s) = (total / 3600, (total % 3600) / 60, total % 60);
    match (h, m, s) {
        (0, 0, s) => format!("{s} s"),
        (0, m, 0) => format!("{m} min"),
        (0, m, s) => format!("{m} min {s} s"),
        (h, 0, _) => format!("{h} h"),
        (h, m, _) => format!("{h} h {m} min"),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn durations_read_naturally() {
        assert_eq!(super::duration_text(45.0), "45 s");
        assert_eq!(super::duration_text(370.0), "6 min 10 s");
        assert_eq!(super::duration_text(360.0), "6 min");
        assert_eq!(super::duration_text(3900.0), "1 h 5 min");
        assert_eq!(super::duration_text(f64::NAN), "0 s");
    }
}
