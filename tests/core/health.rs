//! Question health over a generated history of a few thousand scorecards: the questions the
//! generator made useless rank at the top of "needs attention" with the right reasons, and the
//! statistics recover the generator's known properties. (`scorecard stats` printing them is
//! tested in the cli binary.)

use interview_scorecard::model::Rating;
use interview_scorecard::model::health::{
    self, HealthOptions, HealthReport, LOW_AGREEMENT_ALPHA, ReasonKind, VersionHealth,
    WEAK_DISCRIMINATION,
};

use crate::health_support::{CEILING, EDITED, FLAT, GOOD_QUESTIONS, HIDDEN, LEAKED, history, now};

const CANDIDATES: usize = 1_500;

fn report() -> HealthReport {
    let cards = history(CANDIDATES, 42);
    assert_eq!(cards.len(), CANDIDATES * 2);
    let options = HealthOptions {
        now: Some(now()),
        ..HealthOptions::default()
    };
    health::compute(&cards, &options)
}

fn newest<'a>(report: &'a HealthReport, id: &str) -> &'a VersionHealth {
    report
        .question(id)
        .and_then(|q| q.newest())
        .unwrap_or_else(|| panic!("{id} has figures"))
}

#[test]
fn useless_questions_top_the_needs_attention_list_with_the_right_reasons() {
    let report = report();
    assert_eq!(report.scorecards, CANDIDATES * 2);
    assert_eq!(report.candidates, CANDIDATES);
    let top: Vec<&str> = report
        .attention
        .iter()
        .take(4)
        .map(|a| a.id.as_str())
        .collect();
    let listing: Vec<String> = report
        .attention
        .iter()
        .take(8)
        .map(|a| {
            let kinds: Vec<_> = a.reasons.iter().map(|r| r.kind).collect();
            format!("{} {} {kinds:?}", a.id, a.score)
        })
        .collect();
    for useless in [FLAT, CEILING, HIDDEN, LEAKED] {
        assert!(
            top.contains(&useless),
            "{useless} is not in the top four:\n{}",
            listing.join("\n")
        );
    }
    let has = |id: &str, kind: ReasonKind| {
        report
            .attention
            .iter()
            .find(|a| a.id == id)
            .is_some_and(|a| a.reasons.iter().any(|r| r.kind == kind))
    };
    assert!(has(FLAT, ReasonKind::NoDiscrimination), "{listing:#?}");
    assert!(has(CEILING, ReasonKind::Ceiling), "{listing:#?}");
    assert!(has(HIDDEN, ReasonKind::PointNeverTicked), "{listing:#?}");
    assert!(has(LEAKED, ReasonKind::Overexposed), "{listing:#?}");
    // The hidden point is named, in plain words.
    let hidden = newest(&report, HIDDEN);
    assert!(
        hidden
            .reasons
            .iter()
            .any(|r| r.text.contains("point 4") && r.text.contains("not be observable")),
        "{:?}",
        hidden.reasons
    );
    // Well-behaved questions carry nothing that weighs as much as the planted faults.
    let planted_min = report
        .attention
        .iter()
        .take(4)
        .map(|a| a.score)
        .min()
        .unwrap_or(0);
    for row in report.attention.iter().skip(4) {
        assert!(
            row.score < planted_min,
            "{} scores {} ≥ {planted_min}:\n{}",
            row.id,
            row.score,
            listing.join("\n")
        );
        assert!(row.id.starts_with("gen.q"), "{}", row.id);
    }
}

#[test]
fn statistics_recover_the_generators_known_properties() {
    let report = report();
    for i in 1..GOOD_QUESTIONS {
        let v = newest(&report, &format!("gen.q{i:02}"));
        let rho = v
            .discrimination
            .rank_correlation
            .expect("enough candidates");
        assert!(rho > 0.5, "{}: rank correlation {rho}", v.id);
        let alpha = v.agreement.alpha.expect("two interviewers per candidate");
        assert!(alpha > LOW_AGREEMENT_ALPHA, "{}: alpha {alpha}", v.id);
        assert!(v.ratings.warning.is_none(), "{}: {:?}", v.id, v.ratings);
        assert!(!v.exposure.overexposed, "{}", v.id);
        assert!(v.points.iter().all(|p| p.rate() > 0.1 && p.rate() < 0.95));
        assert!(v.red_flags.iter().all(|f| f.count > 0));
        let median = v.time.median_secs.expect("timed");
        assert!((250.0..=320.0).contains(&median), "{}: {median}", v.id);
    }
    let flat = newest(&report, FLAT);
    let rho = flat
        .discrimination
        .rank_correlation
        .expect("enough candidates");
    assert!(rho.abs() < WEAK_DISCRIMINATION, "flat: {rho}");
    let alpha = flat.agreement.alpha.expect("pairs");
    assert!(
        alpha.abs() < 0.2,
        "noise does not agree with itself: {alpha}"
    );
    let ceiling = newest(&report, CEILING);
    let (value, share) = ceiling.ratings.mode.expect("rated");
    assert_eq!(value, Rating::Exceptional.value());
    assert!(share >= health::SAME_RATING_SHARE, "{share}");
    let hidden = newest(&report, HIDDEN);
    assert_eq!(hidden.points[3].count, 0);
    assert!(hidden.usage.asked > 100);
    let leaked = newest(&report, LEAKED);
    assert!(leaked.exposure.recent_candidates >= health::EXPOSURE_LIMIT);
    assert_eq!(leaked.usage.asks_per_month.len(), health::MONTHS_SHOWN);
    // The edited question: two versions, the newer first, each with its own figures.
    let edited = report.question(EDITED).expect("edited question");
    assert_eq!(edited.versions.len(), 2);
    assert_eq!(edited.versions[0].rubric_hash, format!("{EDITED}-v2"));
    assert!(edited.versions[0].usage.first_asked >= edited.versions[1].usage.last_asked);
    // Every interviewer saw a share; the two-interviewer panels made pairs.
    assert!(leaked.usage.interviewers >= 10);
    assert!(leaked.agreement.pairs >= 100);
}

#[test]
fn tampered_and_draft_scorecards_are_left_out_and_counted() {
    let mut cards = history(60, 7);
    cards[0].submitted = None;
    cards[1].questions[0].rating = Some(Rating::NoEvidence);
    cards[1].questions[0].notes = "changed later".into();
    let report = health::compute(&cards, &HealthOptions::default());
    assert_eq!(report.excluded.not_submitted, 1);
    assert_eq!(report.excluded.tampered, 1);
    assert_eq!(report.excluded.tampered_ids, vec![cards[1].id.clone()]);
    assert_eq!(report.scorecards, cards.len() - 2);
}

#[test]
fn figures_through_the_index_equal_figures_from_the_scorecards() {
    use interview_scorecard::store::{health_sources, ron_file};
    use std::time::{Duration, SystemTime};
    let cards = history(150, 9);
    let folder = tempfile::tempdir().expect("temp dir");
    let data = tempfile::tempdir().expect("temp dir");
    for card in &cards {
        let text = ron_file::to_ron(card).expect("ron");
        std::fs::write(folder.path().join(format!("{}.ron", card.id)), text).expect("write");
    }
    let index = data.path().join("index.json");
    let options = HealthOptions {
        now: Some(now()),
        ..HealthOptions::default()
    };
    let direct = health::compute(&cards, &options);
    // Judged a minute later, so every file has settled and the second pass reads none.
    let later = SystemTime::now() + Duration::from_secs(60);
    for pass in 0..2 {
        let mut sources = health_sources::gather_indexed_at(
            Some(&index),
            None,
            &[folder.path().to_path_buf()],
            later,
        );
        assert_eq!(sources.finish().not_saved, None);
        assert_eq!(sources.index.read, if pass == 0 { cards.len() } else { 0 });
        assert_eq!(
            health::compute_input(&sources.input, &options),
            direct,
            "pass {pass}"
        );
    }
}
