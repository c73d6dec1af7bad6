//! Whatever the input, the importers answer with a set or an error, never a panic, and any set
//! they produce is one the bank accepts.

use std::collections::HashSet;
use std::path::PathBuf;

use interview_scorecard::import::{self, Format, ImportResult, files};
use interview_scorecard::model::{QuestionBank, SetOrigin, SetSource};
use proptest::prelude::*;

fn check_result(result: &ImportResult) -> Result<(), TestCaseError> {
    let categories: HashSet<&str> = result
        .set
        .categories
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    prop_assert!(!result.set.questions.is_empty());
    prop_assert_eq!(result.question_lines.len(), result.set.questions.len());
    for question in &result.set.questions {
        prop_assert!(
            !question.prompt.trim().is_empty(),
            "empty prompt in {:?}",
            question
        );
        prop_assert!(
            categories.contains(question.category.as_str()),
            "unknown category in {:?}",
            question
        );
        prop_assert!(
            (1..=8).contains(&question.listen_for.len()),
            "{:?}",
            question
        );
    }
    for id in &result.needs_rubric {
        prop_assert!(result.set.questions.iter().any(|q| &q.id == id));
    }
    // The set must survive being written and loaded as a user set.
    let text = files::to_checked_ron(&result.set, "prop.ron")
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    let source = SetSource {
        name: "prop.ron".into(),
        origin: SetOrigin::Extra(PathBuf::from("prop.ron")),
        text,
    };
    let (bank, problems) = QuestionBank::load(&[source]);
    prop_assert!(problems.is_empty(), "{:?}", problems);
    prop_assert_eq!(bank.len(), result.set.questions.len());
    Ok(())
}

/// Lines that look like the pieces of real guides, so the generated documents exercise the
/// parser's states rather than only its "no questions" path.
fn guide_line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("# Title".to_string()),
        Just("## Python — Beginner".to_string()),
        Just("### 2-3 years".to_string()),
        Just("Databases".to_string()),
        Just("Table of contents".to_string()),
        Just("## Conclusion".to_string()),
        Just("What to listen for:".to_string()),
        Just("**Red flags:**".to_string()),
        Just("Follow-ups".to_string()),
        Just("Answer: because".to_string()),
        Just("Example code:".to_string()),
        Just("Level: Advanced".to_string()),
        Just("Level: whenever".to_string()),
        Just("Time: 90 min".to_string()),
        Just("```".to_string()),
        Just("~~~python".to_string()),
        Just("---".to_string()),
        Just("=====".to_string()),
        Just("Subscribe to our newsletter!".to_string()),
        Just("> Q: quoted?".to_string()),
        Just("    indented code".to_string()),
        "[0-9]{1,3}[.)] [A-Za-z `*?]{0,30}\\??",
        "[-*+•] [A-Za-z ?,()\\[\\]]{0,30}",
        "[ \t]{0,6}[a-zA-Z“”’\u{a0}]{1,20}[?.:]?",
        "(Q[0-9]?[:.] )?[A-Z][a-z ]{0,25}\\?( \\((Beginner|Senior|5 min)\\))?",
        ".{0,40}",
    ]
}

fn guide() -> impl Strategy<Value = String> {
    (
        proptest::collection::vec(guide_line(), 0..40),
        prop_oneof![Just("\n"), Just("\r\n"), Just("\r")],
        any::<bool>(),
    )
        .prop_map(|(lines, ending, bom)| {
            let text = lines.join(ending);
            if bom { format!("\u{feff}{text}") } else { text }
        })
}

fn csv_cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("Beginner".to_string()),
        Just("2-3 years".to_string()),
        Just("a|b|c".to_string()),
        Just("\"- one\n- two\"".to_string()),
        Just("\"quoted, with comma\"".to_string()),
        Just("\"unterminated".to_string()),
        Just("999".to_string()),
        "[A-Za-z ?|;\t]{0,20}",
        ".{0,20}",
    ]
}

fn csv_file() -> impl Strategy<Value = String> {
    let header = prop_oneof![
        Just(
            "prompt,category,level,listen_for,red_flags,follow_ups,answer,minutes,tags".to_string()
        ),
        Just("Question;Topic;Difficulty;Rubric".to_string()),
        Just("PROMPT\tLISTEN FOR".to_string()),
        Just("category,level".to_string()),
        Just("prompt,prompt,id".to_string()),
        ".{0,30}",
    ];
    let row = proptest::collection::vec(csv_cell(), 0..10).prop_map(|cells| cells.join(","));
    (header, proptest::collection::vec(row, 0..15))
        .prop_map(|(header, rows)| format!("{header}\n{}", rows.join("\n")))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn markdown_never_panics_on_any_string(text in any::<String>()) {
        if let Ok(result) = import::markdown::parse(&text, "any.md") {
            check_result(&result)?;
        }
    }

    #[test]
    fn markdown_never_panics_on_guide_like_text(text in guide()) {
        if let Ok(result) = import::markdown::parse(&text, "guide.md") {
            check_result(&result)?;
        }
    }

    #[test]
    fn both_importers_never_panic_on_any_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        for format in [Format::Markdown, Format::Csv] {
            if let Ok(result) = import::import_bytes(&bytes, "any.bin", format) {
                check_result(&result)?;
            }
        }
    }

    #[test]
    fn csv_never_panics_on_any_string(text in any::<String>()) {
        if let Ok(result) = import::csv::parse(text.as_bytes(), "any.csv") {
            check_result(&result)?;
        }
    }

    #[test]
    fn csv_never_panics_on_spreadsheet_like_text(text in csv_file()) {
        if let Ok(result) = import::csv::parse(text.as_bytes(), "sheet.csv") {
            check_result(&result)?;
        }
    }

    #[test]
    fn utf16_text_imports_like_utf8(
        text in guide().prop_map(|t| t.chars().filter(|c| !c.is_control() || matches!(c, '\n' | '\r' | '\t')).collect::<String>())
    ) {
        let mut bytes = vec![0xff, 0xfe];
        for unit in text.encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let direct = import::import_bytes(text.as_bytes(), "g.md", Format::Markdown);
        let converted = import::import_bytes(&bytes, "g.md", Format::Markdown);
        match (direct, converted) {
            (Ok(a), Ok(b)) => prop_assert_eq!(a.set, b.set),
            (Err(_), Err(_)) => {}
            (a, b) => prop_assert!(false, "UTF-8 gave {:?} but UTF-16 gave {:?}", a.map(|r| r.set.questions.len()), b.map(|r| r.set.questions.len())),
        }
    }
}
