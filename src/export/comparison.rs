//! A panel comparison as Markdown (for the debrief notes or the applicant-tracking system) and
//! as CSV (one row per interviewer per question, for pivot tables).
//!
//! Only what is in the [`PanelComparison`] is written: a view that hides ratings under
//! independent scoring builds the comparison from the scorecards the reader may see.

use std::fmt::Write;

use crate::model::panel::{CandidateComparison, Cell, Lean, PanelComparison, PlanGroup, Standing};
use crate::model::session::QuestionState;

use super::ExportError;
use super::csv::neutralise;

/// Column names of [`csv`], in order.
pub const CSV_HEADER: [&str; 21] = [
    "candidate",
    "role",
    "plan",
    "interviewer",
    "scorecard_status",
    "recommendation",
    "category",
    "category_weight",
    "question_id",
    "prompt",
    "state",
    "rating",
    "points_ticked",
    "points_total",
    "question_spread",
    "question_disagreement",
    "interviewer_category_mean",
    "candidate_weighted_score",
    "candidate_yes_share",
    "candidate_rank",
    "mixed_recommendations",
];

/// The comparison as Markdown.
pub fn markdown(comparison: &PanelComparison) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = write_markdown(comparison, &mut out);
    out
}

fn write_markdown(comparison: &PanelComparison, out: &mut String) -> std::fmt::Result {
    let scorecards: usize = comparison.candidates.iter().map(|c| c.columns.len()).sum();
    let counted: usize = comparison
        .candidates
        .iter()
        .map(|c| c.aggregate.counted)
        .sum();
    writeln!(out, "# Panel comparison")?;
    writeln!(out)?;
    writeln!(
        out,
        "{} candidate{}, {scorecards} scorecard{} ({counted} submitted and counted). The mechanical aggregate counts only submitted scorecards whose content still matches their seal; it sits beside the interviewers' own calls, not in their place.",
        comparison.candidates.len(),
        plural(comparison.candidates.len()),
        plural(scorecards),
    )?;
    for candidate in &comparison.candidates {
        writeln!(out)?;
        candidate_markdown(comparison, candidate, out)?;
    }
    if !comparison.groups.is_empty() {
        writeln!(out)?;
        writeln!(out, "## Ranking by plan")?;
        for group in &comparison.groups {
            writeln!(out)?;
            ranking_markdown(comparison, group, out)?;
        }
    }
    writeln!(out)?;
    calibration_markdown(comparison, out)
}

fn candidate_markdown(
    comparison: &PanelComparison,
    candidate: &CandidateComparison,
    out: &mut String,
) -> std::fmt::Result {
    let role = if candidate.role.is_empty() {
        String::new()
    } else {
        format!(" ({})", inline(&candidate.role))
    };
    writeln!(out, "## {}{role}", inline(&candidate.name))?;
    writeln!(out)?;
    let plans: Vec<&str> = candidate
        .plan_titles
        .iter()
        .map(String::as_str)
        .filter(|t| !t.is_empty())
        .collect();
    if !plans.is_empty() {
        writeln!(out, "- **Plan:** {}", inline(&plans.join(" + ")))?;
    }
    if let Some(rank) = rank_of(comparison, candidate) {
        writeln!(out, "- **Rank:** {rank}")?;
    }
    writeln!(out)?;
    writeln!(out, "### Recommendations")?;
    writeln!(out)?;
    writeln!(out, "| Interviewer | Recommendation | Scorecard |")?;
    writeln!(out, "|---|---|---|")?;
    for column in &candidate.columns {
        let standing = match column.standing {
            Standing::Tampered => "⚠ Changed after submission (not counted)".to_string(),
            Standing::NotSubmitted => "Not submitted (not counted)".to_string(),
            Standing::Counted => "Submitted".to_string(),
        };
        writeln!(
            out,
            "| {} | {} | {standing} |",
            cell(&column.title),
            column.recommendation.map_or("Not chosen", |r| r.label())
        )?;
    }
    writeln!(out)?;
    let aggregate = &candidate.aggregate;
    writeln!(
        out,
        "**Mechanical aggregate:** weighted score {} · Yes or Strong Yes {} ({} of {} scorecards counted)",
        score_text(aggregate.weighted_score),
        share_text(aggregate.yes_share),
        aggregate.counted,
        candidate.columns.len()
    )?;
    if !aggregate.categories.is_empty() {
        writeln!(out)?;
        writeln!(out, "| Category | Weight | Mean |")?;
        writeln!(out, "|---|---|---|")?;
        for category in &aggregate.categories {
            writeln!(
                out,
                "| {} | {} | {} |",
                cell(&category.title),
                weight_text(category.weight),
                score_text(category.mean)
            )?;
        }
    }
    writeln!(out)?;
    writeln!(out, "**Disagreements:** {}", disagreement_text(candidate))?;
    writeln!(out)?;
    writeln!(out, "### Ratings")?;
    writeln!(out)?;
    write!(out, "| Question |")?;
    for column in &candidate.columns {
        write!(out, " {} |", cell(&column.title))?;
    }
    writeln!(out, " Spread |")?;
    writeln!(out, "|---|{}---|", "---|".repeat(candidate.columns.len()))?;
    for block in &candidate.categories {
        write!(out, "| **{}** (mean) |", cell(&block.title))?;
        for mean in &block.means {
            write!(
                out,
                " {} |",
                mean.map_or("—".to_string(), |m| format!("{m:.1}"))
            )?;
        }
        let spread = block.spread.map_or("—".to_string(), |s| format!("{s:.1}"));
        writeln!(
            out,
            " {} |",
            if block.disagrees() {
                format!("⚠ {spread}")
            } else {
                spread
            }
        )?;
        for row in &block.questions {
            write!(out, "| {} |", cell(&format!("{}: {}", row.id, row.prompt)))?;
            for c in &row.cells {
                write!(out, " {} |", cell_text(c.as_ref()))?;
            }
            let spread = row.spread.map_or("—".to_string(), |s| s.to_string());
            writeln!(
                out,
                " {} |",
                if row.disagrees() {
                    format!("⚠ {spread}")
                } else {
                    spread
                }
            )?;
        }
    }
    Ok(())
}

fn ranking_markdown(
    comparison: &PanelComparison,
    group: &PlanGroup,
    out: &mut String,
) -> std::fmt::Result {
    writeln!(
        out,
        "### {} ({} candidate{})",
        inline(&group.plan_title),
        group.ranking.len(),
        plural(group.ranking.len())
    )?;
    writeln!(out)?;
    write!(out, "| Rank | Candidate | Weighted score | Yes share |")?;
    for (_, title) in &group.categories {
        write!(out, " {} |", cell(title))?;
    }
    writeln!(out, " Recommendations | Disagreement |")?;
    writeln!(
        out,
        "|---|---|---|---|{}---|---|",
        "---|".repeat(group.categories.len())
    )?;
    for entry in &group.ranking {
        let candidate = &comparison.candidates[entry.candidate];
        write!(
            out,
            "| {} | {} | {} | {} |",
            entry.rank.map_or("—".to_string(), |r| r.to_string()),
            cell(&candidate.name),
            score_text(entry.weighted_score),
            share_text(entry.yes_share)
        )?;
        for mean in &entry.category_means {
            write!(out, " {} |", score_text(*mean))?;
        }
        writeln!(
            out,
            " {} | {} |",
            recommendations_text(candidate),
            if candidate.has_disagreement() {
                "⚠ yes"
            } else {
                "no"
            }
        )?;
    }
    Ok(())
}

fn calibration_markdown(comparison: &PanelComparison, out: &mut String) -> std::fmt::Result {
    let c = &comparison.calibration;
    writeln!(out, "## Calibration")?;
    writeln!(out)?;
    if c.ratings == 0 {
        writeln!(out, "No submitted ratings to calibrate yet.")?;
        return Ok(());
    }
    writeln!(
        out,
        "- **Ratings:** {} from {} interviewer{}; panel mean {} (spread {})",
        c.ratings,
        c.raters.len(),
        plural(c.raters.len()),
        c.panel_mean.map_or("—".to_string(), |m| format!("{m:.2}")),
        c.panel_spread
            .map_or("—".to_string(), |s| format!("{s:.2}"))
    )?;
    writeln!(
        out,
        "- **Within one point:** {} of {} pairs of ratings of the same answer",
        c.within_one
            .map_or("—".to_string(), |w| format!("{:.0}%", w * 100.0)),
        c.pairs
    )?;
    writeln!(
        out,
        "- **Krippendorff's alpha:** ordinal {}, interval {} (1 is perfect agreement, 0 no better than chance; 0.667 is a common minimum)",
        alpha_text(c.alpha_ordinal),
        alpha_text(c.alpha_interval)
    )?;
    if comparison.excluded > 0 {
        writeln!(
            out,
            "- {} candidate{} left out (hidden by independent scoring)",
            comparison.excluded,
            plural(comparison.excluded)
        )?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "| Interviewer | Scorecards | Ratings | Mean | Spread | vs panel mean | vs others on the same answers | Within one | Flag |"
    )?;
    writeln!(out, "|---|---|---|---|---|---|---|---|---|")?;
    for rater in &c.raters {
        let flag = match rater.lean {
            Lean::Lenient => "▲ Lenient",
            Lean::Harsh => "▼ Harsh",
            Lean::InLine => "In line",
            Lean::TooFewShared => "Too few shared ratings",
        };
        writeln!(
            out,
            "| {} | {} | {} | {:.2} | {:.2} | {:+.2} | {} | {} | {flag} |",
            cell(&rater.interviewer),
            rater.scorecards,
            rater.ratings,
            rater.mean,
            rater.spread,
            rater.vs_panel,
            rater.offset.map_or("—".to_string(), |o| format!("{o:+.2}")),
            rater
                .within_one
                .map_or("—".to_string(), |w| format!("{:.0}%", w * 100.0)),
        )?;
    }
    Ok(())
}

/// The comparison as CSV: one row per interviewer per question (UTF-8 with a byte-order mark,
/// CRLF line ends, formula-like cells neutralised as in the scorecard CSV).
pub fn csv(comparison: &PanelComparison) -> Result<String, ExportError> {
    let mut writer = super::csv::writer();
    let err = |e: ::csv::Error| ExportError::Csv(e.to_string());
    writer.write_record(CSV_HEADER).map_err(err)?;
    for candidate in &comparison.candidates {
        let rank = rank_of(comparison, candidate)
            .map(|r| r.to_string())
            .unwrap_or_default();
        let plan = candidate.plan_titles.join(" + ");
        let score = candidate
            .aggregate
            .weighted_score
            .map(|s| format!("{s:.3}"))
            .unwrap_or_default();
        let yes = candidate
            .aggregate
            .yes_share
            .map(|s| format!("{s:.3}"))
            .unwrap_or_default();
        for block in &candidate.categories {
            for row in &block.questions {
                for (col, column) in candidate.columns.iter().enumerate() {
                    let Some(c) = &row.cells[col] else { continue };
                    let record: Vec<String> = vec![
                        candidate.name.clone(),
                        candidate.role.clone(),
                        plan.clone(),
                        column.title.clone(),
                        column.standing.label().to_string(),
                        column.recommendation.map_or("", |r| r.label()).to_string(),
                        block.title.clone(),
                        if block.is_ad_hoc() {
                            String::new()
                        } else {
                            weight_text(block.weight)
                        },
                        row.id.clone(),
                        row.prompt.clone(),
                        c.state.label().to_string(),
                        c.rating.map(|r| r.value().to_string()).unwrap_or_default(),
                        c.points_ticked.to_string(),
                        c.points_total.to_string(),
                        row.spread.map(|s| s.to_string()).unwrap_or_default(),
                        if row.disagrees() { "yes" } else { "no" }.to_string(),
                        block.means[col]
                            .map(|m| format!("{m:.3}"))
                            .unwrap_or_default(),
                        score.clone(),
                        yes.clone(),
                        rank.clone(),
                        if candidate.mixed_recommendations {
                            "yes"
                        } else {
                            "no"
                        }
                        .to_string(),
                    ];
                    writer
                        .write_record(record.iter().map(|v| neutralise(v)))
                        .map_err(err)?;
                }
            }
        }
    }
    super::csv::finish(writer)
}

/// The candidate's rank among candidates interviewed with the same plan.
pub fn rank_of(comparison: &PanelComparison, candidate: &CandidateComparison) -> Option<usize> {
    let index = comparison
        .candidates
        .iter()
        .position(|c| c.key == candidate.key)?;
    comparison
        .groups
        .iter()
        .flat_map(|g| &g.ranking)
        .find(|r| r.candidate == index)
        .and_then(|r| r.rank)
}

/// "Recommendations are mixed (Yes and No); 2 questions and 1 category differ by 2 or more."
pub fn disagreement_text(candidate: &CandidateComparison) -> String {
    let mut parts = Vec::new();
    if candidate.mixed_recommendations {
        parts.push("recommendations are mixed (Yes and No)".to_string());
    }
    let (q, c) = (
        candidate.question_disagreements(),
        candidate.category_disagreements(),
    );
    if q > 0 || c > 0 {
        let mut what = Vec::new();
        if q > 0 {
            what.push(format!("{q} question{}", plural(q)));
        }
        if c > 0 {
            what.push(format!("{c} categor{}", if c == 1 { "y" } else { "ies" }));
        }
        parts.push(format!(
            "ratings on {} differ by 2 or more",
            what.join(" and ")
        ));
    }
    if parts.is_empty() {
        "none: ratings are within one point of each other and no Yes meets a No".to_string()
    } else {
        parts.join("; ")
    }
}

/// "2 Strong Yes · 1 No".
pub fn recommendations_text(candidate: &CandidateComparison) -> String {
    let counts = candidate.recommendation_counts();
    if counts.is_empty() {
        return "none yet".to_string();
    }
    counts
        .iter()
        .map(|(r, n)| format!("{n} {}", r.label()))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// A cell as text: "3 · 2/4 pts", "not asked", "skipped".
pub fn cell_text(c: Option<&Cell>) -> String {
    let Some(c) = c else {
        return "not asked".to_string();
    };
    let rating = match (c.rating, c.state) {
        (Some(r), _) => r.value().to_string(),
        (None, QuestionState::Skipped) => return "skipped".to_string(),
        (None, QuestionState::NotAsked) => return "not reached".to_string(),
        (None, _) => "not rated".to_string(),
    };
    if c.points_total > 0 {
        format!("{rating} · {}/{} pts", c.points_ticked, c.points_total)
    } else {
        rating
    }
}

pub fn score_text(score: Option<f32>) -> String {
    score.map_or("—".to_string(), |s| format!("{s:.2}"))
}

pub fn share_text(share: Option<f32>) -> String {
    share.map_or("—".to_string(), |s| {
        format!("{:.0}%", (s * 100.0).clamp(0.0, 100.0))
    })
}

fn alpha_text(alpha: Option<f64>) -> String {
    alpha.map_or(
        "— (too few shared ratings, or no variation)".to_string(),
        |a| format!("{a:.2}"),
    )
}

fn weight_text(weight: f32) -> String {
    if weight.fract() == 0.0 {
        format!("{weight:.0}")
    } else {
        format!("{weight}")
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Text for running Markdown: one line, and characters that would start markup escaped.
fn inline(text: &str) -> String {
    // No control bytes or bidi overrides from names, titles or notes.
    let line = super::single_line(&super::text::clean(text)).replace('\t', " ");
    let mut out = String::with_capacity(line.len());
    for ch in line.chars() {
        if matches!(
            ch,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

/// Text for a Markdown table cell.
fn cell(text: &str) -> String {
    inline(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::plan::QuestionSnapshot;
    use crate::model::session::{QuestionOutcome, Rating, Recommendation, Session, Submission};

    fn scorecard(
        candidate: &str,
        interviewer: &str,
        ratings: [u8; 2],
        rec: Recommendation,
    ) -> Session {
        let mut session = Session {
            id: format!("{candidate}-{interviewer}"),
            candidate: candidate.into(),
            interviewer: interviewer.into(),
            plan_title: "Backend".into(),
            recommendation: Some(rec),
            ..Session::default()
        };
        for (id, rating) in [("py.1", ratings[0]), ("py.2", ratings[1])] {
            let mut outcome = QuestionOutcome::new(QuestionSnapshot {
                id: id.into(),
                category: "python".into(),
                category_title: "Python".into(),
                prompt: format!("What is {id}?"),
                listen_for: vec!["a".into(), "b".into()],
                ..QuestionSnapshot::default()
            });
            outcome.rating = Rating::from_value(rating);
            outcome.state = QuestionState::Covered;
            outcome.toggle_point(0, 1.0);
            session.questions.push(outcome);
        }
        session.submitted = Some(Submission {
            at: chrono::DateTime::parse_from_rfc3339("2026-03-02T10:00:00+01:00").expect("date"),
            content_hash: session.content_hash(),
        });
        session
    }

    fn comparison() -> PanelComparison {
        PanelComparison::build(&[
            scorecard("Ada", "Ann", [3, 4], Recommendation::Yes),
            scorecard("Ada", "=Bob", [1, 4], Recommendation::No),
            scorecard("Ben", "Ann", [2, 2], Recommendation::No),
        ])
    }

    #[test]
    fn markdown_shows_calls_aggregate_matrix_and_flags() {
        let text = markdown(&comparison());
        assert!(
            text.starts_with(
                "# Panel comparison\n\n2 candidates, 3 scorecards (3 submitted and counted)."
            ),
            "{text}"
        );
        assert!(text.contains("| Ann | Yes | Submitted |"), "{text}");
        // Ada: Ann python mean 3.5, Bob 2.5 → 3.0 weighted (one category); 1 of 2 said Yes.
        assert!(text.contains("**Mechanical aggregate:** weighted score 3.00 · Yes or Strong Yes 50% (2 of 2 scorecards counted)"), "{text}");
        // Columns go by name, and "=Bob" sorts before "Ann".
        assert!(
            text.contains("| Question | =Bob | Ann | Spread |"),
            "{text}"
        );
        assert!(
            text.contains("| py.1: What is py.1? | 1 · 1/2 pts | 3 · 1/2 pts | ⚠ 2 |"),
            "{text}"
        );
        assert!(text.contains("**Disagreements:** recommendations are mixed (Yes and No); ratings on 1 question differ by 2 or more"), "{text}");
        // Ada 3.0 ranks above Ben 2.0.
        assert!(
            text.contains("| 1 | Ada | 3.00 | 50% | 3.00 | 1 Yes · 1 No | ⚠ yes |"),
            "{text}"
        );
        assert!(
            text.contains("| 2 | Ben | 2.00 | 0% | 2.00 | 1 No | no |"),
            "{text}"
        );
        assert!(text.contains("## Calibration"), "{text}");
    }

    #[test]
    fn csv_has_one_row_per_interviewer_per_question_and_neutralises_formulas() {
        let text = csv(&comparison()).expect("csv");
        let body = text.strip_prefix('\u{feff}').expect("bom");
        let mut reader = ::csv::Reader::from_reader(body.as_bytes());
        let headers: Vec<String> = reader
            .headers()
            .expect("headers")
            .iter()
            .map(String::from)
            .collect();
        assert_eq!(headers, CSV_HEADER);
        let rows: Vec<::csv::StringRecord> =
            reader.records().collect::<Result<_, _>>().expect("rows");
        assert_eq!(rows.len(), 6, "2 + 2 for Ada, 2 for Ben");
        let bob_py1 = rows
            .iter()
            .find(|r| &r[3] == "'=Bob" && &r[8] == "py.1")
            .expect("Bob's py.1 row");
        assert_eq!(&bob_py1[11], "1");
        assert_eq!(&bob_py1[14], "2");
        assert_eq!(&bob_py1[15], "yes");
        assert_eq!(&bob_py1[16], "2.500");
        assert_eq!(&bob_py1[19], "1");
    }

    #[test]
    fn markdown_escapes_names() {
        let comparison =
            PanelComparison::build(&[scorecard("A|B *x*", "Ann", [3, 3], Recommendation::Yes)]);
        let text = markdown(&comparison);
        assert!(text.contains("## A\\|B \\*x\\*"), "{text}");
        let comparison = PanelComparison::build(&[scorecard(
            "Eve\u{0}\u{202E}[x](javascript:1)",
            "Ann",
            [3, 3],
            Recommendation::Yes,
        )]);
        let text = markdown(&comparison);
        assert!(text.contains("## Eve\\[x\\](javascript:1)"), "{text}");
        assert!(!text.contains(['\u{0}', '\u{202E}']), "{text}");
    }
}
