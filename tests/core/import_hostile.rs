//! Inputs shaped to make a parser slow: deep nesting, one huge line, many rows, many
//! categories, many duplicates. Import time must grow linearly with size, whatever the
//! nesting depth. The 20 MB figures against the 2 s budget are in `cargo bench --bench core`
//! (section `import`); here sizes are small enough for a debug build, and the test checks
//! how time grows when the input gets eight times larger: linear work takes about eight times
//! as long, quadratic work sixty-four.

use std::time::{Duration, Instant};

use interview_scorecard::import::{self, Format};
use proptest::prelude::*;

/// A hostile document of about `size` bytes.
fn hostile(kind: &str, size: usize) -> (Vec<u8>, Format) {
    let text = match kind {
        "brackets" => {
            let half = size / 2;
            format!("What is {}{}?\n", "[".repeat(half), "]".repeat(half))
        }
        "open-brackets" => format!("What is {}?\n", "[a](".repeat(size / 4)),
        "parens" => format!("What is X? {}\n", "(".repeat(size)),
        "blockquotes" => format!("{}What is X?\n", "> ".repeat(size / 2)),
        "emphasis" => format!("What is {}X?\n", "**".repeat(size / 2)),
        "nested-lists" => {
            let mut out = String::from("What is X?\n");
            let mut depth = 0;
            while out.len() < size {
                out.push_str(&" ".repeat(depth % 4000));
                out.push_str("- point\n");
                depth += 2;
            }
            out
        }
        "fences" => "What is X?\n```\n".repeat(size / 15),
        "headings" => "## A\n### B\n#### C\nWhat is X?\n".repeat(size / 29),
        "inline-questions" => {
            let mut out = String::from("Intro sentence. ");
            let mut n = 1;
            while out.len() < size {
                out.push_str(&format!("{n}. What is item {n}? It is a thing. Read More "));
                n += 1;
            }
            out
        }
        "csv" => {
            let mut out = String::from("prompt,category,level,listen_for\n");
            let mut n = 0;
            while out.len() < size {
                out.push_str(&format!("What is thing {n}?,Cat {},Beginner,a|b\n", n % 50));
                n += 1;
            }
            return (out.into_bytes(), Format::Csv);
        }
        "categories" => {
            let mut out = String::new();
            let mut n = 0;
            while out.len() < size {
                out.push_str(&format!(
                    "## Category {n}\n\nWhat is question {n}?\n- point\n\n"
                ));
                n += 1;
            }
            out
        }
        "duplicates" => "What is X?\n- a point\n".repeat(size / 21),
        other => panic!("unknown shape {other}"),
    };
    (text.into_bytes(), Format::Markdown)
}

/// The fastest of three imports (the others may have shared the cores with a compiler).
fn import_time(bytes: &[u8], format: Format) -> Duration {
    (0..3)
        .map(|_| {
            let start = Instant::now();
            let result = import::import_bytes(bytes, "hostile.md", format);
            let elapsed = start.elapsed();
            // An input may be refused; either way it must answer quickly.
            drop(result);
            elapsed
        })
        .min()
        .unwrap_or_default()
}

const KINDS: &[&str] = &[
    "brackets",
    "open-brackets",
    "parens",
    "blockquotes",
    "emphasis",
    "nested-lists",
    "fences",
    "headings",
    "inline-questions",
    "csv",
    "categories",
    "duplicates",
];

#[test]
fn import_time_grows_linearly_with_size() {
    let small = 12_500;
    let mut failures = Vec::new();
    for kind in KINDS {
        let (a, format) = hostile(kind, small);
        let (b, _) = hostile(kind, small * 8);
        let t_small = import_time(&a, format);
        let t_large = import_time(&b, format);
        // Below a few milliseconds the ratio is noise.
        let floor = Duration::from_millis(5);
        let ratio = t_large.as_secs_f64() / t_small.max(floor).as_secs_f64();
        if ratio > 24.0 {
            failures.push(format!(
                "{kind}: {:.1} ms for {} KB, {:.1} ms for {} KB (×{ratio:.1})",
                t_small.as_secs_f64() * 1e3,
                a.len() / 1000,
                t_large.as_secs_f64() * 1e3,
                b.len() / 1000
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "superlinear import:\n{}",
        failures.join("\n")
    );
}

/// Nesting of any mix of brackets, quotes, emphasis, list indentation and fences, at any
/// depth, costs time in proportion to its size: the nested document is never much slower
/// than a flat one of the same size.
fn nesting() -> impl Strategy<Value = (String, usize)> {
    (
        proptest::collection::vec(
            prop_oneof![
                Just("["),
                Just("]"),
                Just("("),
                Just(")"),
                Just("> "),
                Just("**"),
                Just("`"),
                Just("  "),
                Just("- "),
                Just("1. "),
                Just("# "),
            ],
            1..8,
        ),
        500usize..5_000,
    )
        .prop_map(|(unit, depth)| (unit.concat(), depth))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    #[test]
    fn nesting_depth_does_not_make_parsing_superlinear((unit, depth) in nesting()) {
        let nested = format!("What is X?\n{}\n", unit.repeat(depth));
        // The same bytes spread over short lines: no nesting at all.
        let flat: String = unit
            .repeat(depth)
            .as_bytes()
            .chunks(40)
            .map(|c| String::from_utf8_lossy(c).replace('\n', " "))
            .collect::<Vec<_>>()
            .join("\nplain text\n");
        let flat = format!("What is X?\n{flat}\n");
        let t_nested = import_time(nested.as_bytes(), Format::Markdown);
        let t_flat = import_time(flat.as_bytes(), Format::Markdown);
        let floor = Duration::from_millis(20);
        prop_assert!(
            t_nested <= t_flat.max(floor) * 8,
            "{} bytes nested {:?} took {:?}, flat {:?}",
            nested.len(),
            unit,
            t_nested,
            t_flat
        );
    }
}

#[test]
fn a_line_too_long_for_a_guide_is_refused_with_file_and_line() {
    let text = format!(
        "# Guide\n\nWhat is X?{}\n",
        "[".repeat(import::markdown::MAX_LINE_BYTES)
    );
    let start = Instant::now();
    let error =
        import::import_bytes(text.as_bytes(), "flat.md", Format::Markdown).expect_err("refused");
    assert!(start.elapsed() < Duration::from_secs(1));
    assert_eq!(error.line, 3);
    assert!(
        error
            .to_string()
            .starts_with("flat.md:3: this line is 256 KB long"),
        "{error}"
    );
    assert!(error.message.contains("break the line"), "{error}");
}
