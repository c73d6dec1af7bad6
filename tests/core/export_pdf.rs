//! The PDF export: real text in every script (read back with `pdftotext` when it is installed;
//! CI installs poppler-utils) and page breaks that keep each question on one page.

use std::path::Path;
use std::process::Command;

use interview_scorecard::export::{self, Format};
use interview_scorecard::model::plan::QuestionSnapshot;
use interview_scorecard::model::session::{QuestionOutcome, Session};
use interview_scorecard::store::sessions::load_session;

fn fixture() -> Session {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scorecards/hostile.ron");
    load_session(&path).expect("fixture loads")
}

fn have_pdftotext() -> bool {
    let found = Command::new("pdftotext").arg("-v").output().is_ok();
    if !found {
        eprintln!("pdftotext is not installed; skipping the text checks (install poppler-utils)");
    }
    found
}

/// Text of one page (1-based), or of the whole document when `page` is None.
fn pdf_text(pdf: &[u8], page: Option<usize>) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("scorecard.pdf");
    std::fs::write(&path, pdf).expect("write pdf");
    let mut command = Command::new("pdftotext");
    if let Some(page) = page {
        command.args(["-f", &page.to_string(), "-l", &page.to_string()]);
    }
    let output = command.arg(&path).arg("-").output().expect("run pdftotext");
    assert!(
        output.status.success(),
        "pdftotext failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("utf-8 text")
}

/// Page objects: `/Type /Page` (with or without the space), not `/Type /Pages`.
fn page_count(pdf: &[u8]) -> usize {
    let raw = String::from_utf8_lossy(pdf);
    ["/Type/Page", "/Type /Page"]
        .iter()
        .map(|key| {
            raw.match_indices(key)
                .filter(|(at, _)| !raw[at + key.len()..].starts_with('s'))
                .count()
        })
        .sum()
}

#[test]
fn pdf_is_a4_with_real_text_in_every_script() {
    let session = fixture();
    let pdf = export::export(&session, Format::Pdf).expect("pdf");
    assert!(pdf.starts_with(b"%PDF-"), "not a PDF");
    assert!(
        pdf.len() < 2_000_000,
        "fonts must be subset, got {} bytes",
        pdf.len()
    );
    let raw = String::from_utf8_lossy(&pdf);
    assert!(
        raw.contains("595.28") && raw.contains("841.89"),
        "page size is not A4"
    );
    if !have_pdftotext() {
        return;
    }
    let text = pdf_text(&pdf, None);
    for needle in [
        "Zoë Ødegård",
        "Дмитрий Соколов",
        "李雷",
        "Αλέξανδρος",
        "<script>alert(1)</script>",
        "=HYPERLINK(\"http://x\")",
        "Recommendation",
        "Shallow copy copies the outer container only",
        "worth it 👍",
        "Q2 rating: 2 → 3",
        "✓ Shallow copy",
    ] {
        assert!(
            text.contains(needle),
            "{needle:?} missing from the PDF text:\n{text}"
        );
    }
    // Right-to-left words may come out in visual order; their letters must be there.
    for word in ["محمد", "שלום"] {
        let reversed: String = word.chars().rev().collect();
        assert!(
            text.contains(word) || text.contains(&reversed),
            "{word} missing from the PDF text:\n{text}"
        );
    }
    for letter in "नमस्ते".chars().filter(|c| c.is_alphabetic()) {
        assert!(text.contains(letter), "Devanagari {letter} missing");
    }
    assert!(
        !text.contains('\u{FFFD}'),
        "replacement characters in the text"
    );
}

#[test]
fn no_question_is_cut_across_pages() {
    let mut session = fixture();
    // Enough questions to need several pages.
    let template = session.questions.clone();
    for round in 0..4 {
        for outcome in &template {
            let mut copy = outcome.clone();
            copy.notes = format!("{}\nEnd of notes {round}-{}.", copy.notes, copy.question.id);
            session.questions.push(copy);
        }
    }
    let pdf = export::export(&session, Format::Pdf).expect("pdf");
    if !have_pdftotext() {
        return;
    }
    let pages = page_count(&pdf);
    assert!(pages >= 3, "expected several pages, got {pages}");
    let texts: Vec<String> = (1..=pages).map(|p| pdf_text(&pdf, Some(p))).collect();
    for number in 5..=session.questions.len() {
        let heading = format!("Q{number}. ");
        let start = texts
            .iter()
            .position(|t| t.contains(&heading))
            .unwrap_or_else(|| panic!("{heading} not found"));
        let end_marker = format!(
            "End of notes {}-{}.",
            (number - 5) / template.len(),
            session.questions[number - 1].question.id
        );
        assert!(
            texts[start].contains(&end_marker),
            "Q{number} starts on page {} but its last line is elsewhere",
            start + 1
        );
    }
}

#[test]
fn a_question_longer_than_a_page_is_split_and_nothing_is_lost() {
    let mut outcome = QuestionOutcome::new(QuestionSnapshot {
        prompt: "Walk me through a production incident.".into(),
        listen_for: vec!["Timeline".into()],
        ..QuestionSnapshot::default()
    });
    outcome.notes = (1..=150)
        .map(|i| format!("Line {i} of the notes, 李雷 said so."))
        .collect::<Vec<_>>()
        .join("\n");
    outcome
        .notes
        .push_str(&format!("\n{}", "unbroken".repeat(80)));
    let session = Session {
        candidate: "Long Notes".into(),
        questions: vec![outcome],
        ..Session::default()
    };
    let pdf = export::export(&session, Format::Pdf).expect("pdf");
    if !have_pdftotext() {
        return;
    }
    let text = pdf_text(&pdf, None);
    assert!(page_count(&pdf) >= 2);
    assert!(text.contains("Line 1 of the notes"));
    assert!(text.contains("Line 150 of the notes, 李雷 said so."));
    let joined: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(
        joined.matches("unbroken").count() >= 80,
        "the long word was cut off"
    );
}

#[test]
fn korean_thai_and_the_scripts_of_india_reach_the_pdf_as_text() {
    let mut session = fixture();
    session.candidate = "김민준".into();
    session.questions[0].notes = "สมชาย answered; கார்த்திக் and সুমিতা agreed. Արամ, გიორგი.".into();
    let pdf = export::export(&session, Format::Pdf).expect("pdf");
    assert!(
        pdf.len() < 2_000_000,
        "fonts must be subset: {} bytes",
        pdf.len()
    );
    if !have_pdftotext() {
        return;
    }
    let text = pdf_text(&pdf, None);
    for needle in ["김민준", "สมชาย", "Արամ", "გიორგი"] {
        assert!(text.contains(needle), "{needle:?} missing from:\n{text}");
    }
    // Shaped scripts may be extracted with their marks reordered; the letters must be there.
    for letter in "கார்த்திக் সুমিতা".chars().filter(|c| c.is_alphabetic())
    {
        assert!(text.contains(letter), "{letter} missing from:\n{text}");
    }
    assert!(
        !text.contains('\u{FFFD}'),
        "replacement characters in the text"
    );
}

fn five_of_nine() -> Session {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/five-of-nine.ron");
    load_session(&path).expect("five-of-nine fixture loads")
}

#[test]
fn a_five_of_nine_interview_fits_two_pages_with_the_call_and_figures_on_the_first() {
    let session = five_of_nine();
    let pdf = export::export(&session, Format::Pdf).expect("pdf");
    let pages = page_count(&pdf);
    assert!((1..=2).contains(&pages), "{pages} pages");
    if !have_pdftotext() {
        return;
    }
    let first = pdf_text(&pdf, Some(1));
    for needle in [
        "Priya Raman",
        "Recommendation",
        "Yes",
        "Mean rating 3.0/4",
        "Python fundamentals",
        "3.5/4",
        "Strengths",
        "Q1. Python fundamentals",
    ] {
        assert!(first.contains(needle), "{needle:?} not on page 1:\n{first}");
    }
    let text = pdf_text(&pdf, None);
    // Inline code is set as code: the backticks are gone, the code is there.
    assert!(!text.contains('`'), "backticks printed:\n{text}");
    assert!(text.contains("select_related"));
    assert!(text.contains("Not asked: Q7, Q8, Q9. Skipped: Q5."));
    assert!(
        !text.contains("Token bucket"),
        "a question never asked is shown in full"
    );
    let all = export::export_with(
        &session,
        Format::Pdf,
        &interview_scorecard::export::Options {
            all_questions: true,
        },
    )
    .expect("pdf");
    assert!(pdf_text(&all, None).contains("Token bucket"));
}
