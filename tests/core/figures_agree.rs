//! One set of figures everywhere: for generated scorecards with any mix of rated, skipped,
//! unasked and ad-hoc questions, the figures the Scorecard view shows (`scoring::figures`) are
//! the ones in the Markdown, HTML, CSV, JSON, PDF and summary exports.

use std::process::Command;

use interview_scorecard::export::{self, Format};
use interview_scorecard::model::Level;
use interview_scorecard::model::plan::QuestionSnapshot;
use interview_scorecard::model::scoring::{self, Figures};
use interview_scorecard::model::session::{QuestionOutcome, QuestionState, Rating, Session};
use proptest::prelude::*;

const CATEGORIES: [(&str, &str); 3] = [
    ("python", "Python core"),
    ("sql", "SQL and databases"),
    ("design", "System design"),
];

#[derive(Clone, Debug)]
struct Spec {
    category: usize,
    state: u8,
    rating: Option<u8>,
    ticks: usize,
    ad_hoc: bool,
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        0..3usize,
        0..4u8,
        proptest::option::of(1..=4u8),
        0..4usize,
        any::<bool>(),
    )
        .prop_map(|(category, state, rating, ticks, ad_hoc)| Spec {
            category,
            state,
            rating,
            ticks,
            ad_hoc,
        })
}

fn session(specs: &[Spec]) -> Session {
    let mut session = Session {
        candidate: "Rae Kim".into(),
        role: "Backend engineer".into(),
        interviewer: "Sam Lee".into(),
        ..Session::default()
    };
    for (i, spec) in specs.iter().enumerate() {
        let (id, title) = CATEGORIES[spec.category];
        let points = if spec.ad_hoc { 0 } else { 3 };
        let mut outcome = QuestionOutcome::new(QuestionSnapshot {
            id: format!("q{i}"),
            category: if spec.ad_hoc {
                "ad-hoc".into()
            } else {
                id.into()
            },
            category_title: if spec.ad_hoc {
                "Ad-hoc questions".into()
            } else {
                title.into()
            },
            level: Level::Intermediate,
            prompt: format!("Question number {i}?"),
            listen_for: (0..points).map(|p| format!("point {p}")).collect(),
            minutes: 5,
            ad_hoc: spec.ad_hoc,
            ..QuestionSnapshot::default()
        });
        outcome.state = match spec.state {
            0 => QuestionState::NotAsked,
            1 => QuestionState::InProgress,
            2 => QuestionState::Covered,
            _ => QuestionState::Skipped,
        };
        outcome.rating = spec.rating.and_then(Rating::from_value);
        for p in 0..spec.ticks.min(points) {
            outcome.toggle_point(p, 1.0);
        }
        session.questions.push(outcome);
    }
    session
}

fn text(session: &Session, format: Format) -> String {
    String::from_utf8(export::export(session, format).expect("export")).expect("utf-8")
}

fn mean_text(mean: Option<f32>) -> String {
    match mean {
        Some(mean) => format!("{mean:.1}/4"),
        None => "not rated".into(),
    }
}

fn overall_line(figures: &Figures) -> String {
    format!(
        "Mean rating {} over {} rated question{}",
        mean_text(figures.overall_mean),
        figures.rated,
        if figures.rated == 1 { "" } else { "s" }
    )
}

/// One category as the JSON export states it: title, mean rating, how many rated.
type JsonCategory = (String, Option<f64>, usize);

/// The figures as the JSON export states them.
fn json_figures(json: &str) -> (Option<f64>, Vec<JsonCategory>) {
    let value: serde_json::Value = serde_json::from_str(json).expect("valid JSON");
    let overall = value["overall_mean_rating"].as_f64();
    let categories = value["categories"]
        .as_array()
        .map(|list| {
            list.iter()
                .map(|c| {
                    (
                        c["title"].as_str().unwrap_or_default().to_string(),
                        c["mean_rating"].as_f64(),
                        c["rated"].as_u64().unwrap_or_default() as usize,
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    (overall, categories)
}

/// Mean of the counted ratings, recomputed from the CSV's rows (one per question).
fn csv_mean(csv: &str) -> (Option<f64>, usize) {
    let mut reader = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let headers = reader.headers().expect("header").clone();
    let column = |name: &str| headers.iter().position(|h| h == name).expect(name);
    let (state, rating) = (column("state"), column("rating"));
    let mut ratings = Vec::new();
    for record in reader.records() {
        let record = record.expect("row");
        if record.get(state) == Some("Skipped") {
            continue;
        }
        if let Some(value) = record.get(rating).and_then(|r| r.parse::<f64>().ok()) {
            ratings.push(value);
        }
    }
    let mean = (!ratings.is_empty()).then(|| ratings.iter().sum::<f64>() / ratings.len() as f64);
    (mean, ratings.len())
}

fn close(a: Option<f64>, b: Option<f32>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (a - f64::from(b)).abs() < 1e-3,
        (None, None) => true,
        _ => false,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn every_export_states_the_views_figures(specs in proptest::collection::vec(spec(), 1..9)) {
        let session = session(&specs);
        let figures = scoring::figures(&session);

        // The rule itself: skipped questions count for nothing, everything else does.
        let counted: Vec<u8> = specs
            .iter()
            .filter(|s| s.state != 3)
            .filter_map(|s| s.rating)
            .collect();
        prop_assert_eq!(figures.rated, counted.len());
        prop_assert_eq!(scoring::overall_mean(&session), figures.overall_mean);

        let markdown = text(&session, Format::Markdown);
        let html = text(&session, Format::Html);
        let summary = export::summary::summary(&session);
        let overall = overall_line(&figures);
        prop_assert!(markdown.contains(&overall), "Markdown lacks {overall:?}:\n{markdown}");
        prop_assert!(html.contains(&overall), "HTML lacks {overall:?}");
        for score in &figures.categories {
            let mean = mean_text(score.mean_rating);
            let row = markdown
                .lines()
                .find(|line| line.starts_with(&format!("- **{}:**", score.title)))
                .unwrap_or_default();
            prop_assert!(row.contains(&mean), "Markdown row for {}: {row:?}, want {mean}", score.title);
            prop_assert!(html.contains(&mean), "HTML lacks {mean} for {}", score.title);
            // The summary is brief: it names the rated categories only.
            if score.rated > 0 {
                prop_assert!(
                    summary.contains(&format!("{} {mean}", score.title)),
                    "summary lacks {} {mean}: {summary}",
                    score.title
                );
            }
        }
        let summary_overall = format!(
            "Overall: {} ({} rated, {} of {} questions asked)",
            mean_text(figures.overall_mean),
            figures.rated,
            figures.asked,
            figures.total
        );
        prop_assert!(summary.contains(&summary_overall), "summary lacks {summary_overall:?}: {summary}");
        prop_assert!(
            markdown.contains(&format!("({} of {} asked)", figures.asked, figures.total)),
            "Markdown's asked count"
        );

        let (json_overall, json_categories) = json_figures(&text(&session, Format::Json));
        prop_assert!(close(json_overall, figures.overall_mean), "JSON overall {json_overall:?}");
        prop_assert_eq!(json_categories.len(), figures.categories.len());
        for ((title, mean, rated), score) in json_categories.iter().zip(&figures.categories) {
            prop_assert_eq!(title, &score.title);
            prop_assert!(close(*mean, score.mean_rating), "JSON {title}: {mean:?}");
            prop_assert_eq!(*rated, score.rated);
        }

        let (csv_mean, csv_rated) = csv_mean(&text(&session, Format::Csv));
        prop_assert!(close(csv_mean, figures.overall_mean), "CSV mean {csv_mean:?}");
        prop_assert_eq!(csv_rated, figures.rated);
    }
}

/// The PDF, read back as text, states the same overall line (pdftotext, when installed).
#[test]
fn the_pdf_states_the_views_figures() {
    if Command::new("pdftotext").arg("-v").output().is_err() {
        eprintln!("pdftotext is not installed; skipping (install poppler-utils)");
        return;
    }
    let specs = [
        (0, 2, Some(3), 2, false),
        (0, 3, Some(1), 0, false),
        (1, 2, Some(2), 1, false),
        (1, 0, None, 0, false),
        (2, 1, Some(4), 3, false),
        (2, 2, Some(2), 0, true),
    ]
    .map(|(category, state, rating, ticks, ad_hoc)| Spec {
        category,
        state,
        rating,
        ticks,
        ad_hoc,
    });
    let session = session(&specs);
    let figures = scoring::figures(&session);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("scorecard.pdf");
    std::fs::write(&path, export::export(&session, Format::Pdf).expect("pdf")).expect("write");
    let output = Command::new("pdftotext")
        .args(["-layout"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext");
    let pdf = String::from_utf8_lossy(&output.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let overall = overall_line(&figures);
    assert!(pdf.contains(&overall), "PDF lacks {overall:?}:\n{pdf}");
    for score in &figures.categories {
        assert!(pdf.contains(&score.title), "PDF lacks {}", score.title);
        assert!(
            pdf.contains(&mean_text(score.mean_rating)),
            "PDF lacks {}'s mean",
            score.title
        );
    }
    assert_eq!(
        figures.skipped_with_rating, 1,
        "the fixture has a skipped, rated question"
    );
}
