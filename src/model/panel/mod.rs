//! Comparing scorecards across a hiring panel: one matrix of questions × interviewers per
//! candidate, disagreement flags, a mechanical aggregate, a ranking of candidates interviewed
//! with the same plan, and calibration of the interviewers against each other.
//!
//! Structured-interview research favours independent ratings combined mechanically over a
//! discussion anchored by the first voice. So the aggregate here is deliberately simple and
//! transparent (means, weights set before the interviews, a share of Yes calls), it only counts
//! submitted scorecards whose seal still matches, and it is shown beside the interviewers'
//! own recommendations, never in their place.
//!
//! One file per concern: `matrix` builds each candidate's questions × interviewers table and
//! its aggregate, `access` decides what independent scoring lets the local interviewer see,
//! `ranking` orders candidates interviewed with the same plan, `calibration` compares the
//! interviewers with each other, and `stats` holds the small numeric helpers they share.

mod access;
mod calibration;
mod matrix;
mod ranking;
mod stats;

pub use access::{Access, access};
pub use calibration::{CALIBRATION_GAP, Calibration, Lean, MIN_SHARED_FOR_FLAG, RaterCalibration};
pub use matrix::{
    AD_HOC_CATEGORY, Aggregate, CandidateComparison, CategoryAggregate, CategoryBlock, Cell,
    Column, DISAGREEMENT_GAP, QuestionRow, Standing, compare_candidates, plan_key,
};
pub use ranking::{PlanGroup, RankedCandidate};
pub use stats::{AlphaMetric, krippendorff_alpha};

use super::session::Session;

/// How a name is compared: case, surrounding and repeated spaces ignored.
pub fn person_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// True when two names refer to the same person by [`person_key`]; empty names never match.
pub fn same_person(a: &str, b: &str) -> bool {
    let a = person_key(a);
    !a.is_empty() && a == person_key(b)
}

/// The whole comparison.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct PanelComparison {
    /// Every candidate, by name.
    pub candidates: Vec<CandidateComparison>,
    /// Rankings of the included candidates, by plan.
    pub groups: Vec<PlanGroup>,
    /// Calibration over the included candidates.
    pub calibration: Calibration,
    /// Candidates left out of rankings and calibration (hidden by independent scoring).
    pub excluded: usize,
}

impl PanelComparison {
    /// Compares every scorecard; every candidate is ranked and calibrated.
    pub fn build(scorecards: &[Session]) -> PanelComparison {
        PanelComparison::build_with(scorecards, |_| true)
    }

    /// Compares every scorecard; only candidates for which `include` is true enter rankings
    /// and calibration (so hidden ratings cannot be read off them).
    pub fn build_with(
        scorecards: &[Session],
        include: impl Fn(&CandidateComparison) -> bool,
    ) -> PanelComparison {
        let candidates = compare_candidates(scorecards);
        let included: Vec<usize> = (0..candidates.len())
            .filter(|&i| include(&candidates[i]))
            .collect();
        let groups = ranking::rank(&candidates, &included);
        let calibration = calibration::calibrate(&candidates, &included);
        PanelComparison {
            excluded: candidates.len() - included.len(),
            candidates,
            groups,
            calibration,
        }
    }

    pub fn candidate(&self, key: &str) -> Option<&CandidateComparison> {
        self.candidates.iter().find(|c| c.key == key)
    }
}

/// Scorecards shared by the tests of every part of the panel.
#[cfg(test)]
mod fixtures {
    use crate::model::plan::QuestionSnapshot;
    use crate::model::session::{
        QuestionOutcome, QuestionState, Rating, Recommendation, Session, Submission,
    };

    pub(super) fn question(id: &str, category: &str) -> QuestionSnapshot {
        QuestionSnapshot {
            id: id.into(),
            category: category.into(),
            category_title: category.to_uppercase(),
            prompt: format!("Prompt {id}"),
            listen_for: vec!["a".into(), "b".into(), "c".into(), "d".into()],
            ..QuestionSnapshot::default()
        }
    }

    /// A scorecard for the "Backend" plan: py.1, py.2 (python, weight 2), des.1 (design).
    pub(super) fn scorecard(
        candidate: &str,
        interviewer: &str,
        ratings: [u8; 3],
        rec: Recommendation,
        submit: bool,
    ) -> Session {
        let mut session = Session {
            id: format!("{candidate}-{interviewer}"),
            candidate: candidate.into(),
            interviewer: interviewer.into(),
            plan_title: "Backend".into(),
            category_weights: [("python".to_string(), 2.0)].into_iter().collect(),
            recommendation: Some(rec),
            ..Session::default()
        };
        for (id, category, rating) in [
            ("py.1", "python", ratings[0]),
            ("py.2", "python", ratings[1]),
            ("des.1", "design", ratings[2]),
        ] {
            let mut outcome = QuestionOutcome::new(question(id, category));
            outcome.rating = Rating::from_value(rating);
            outcome.state = QuestionState::Covered;
            outcome.toggle_point(0, 1.0);
            outcome.notes = format!("{interviewer} on {id}");
            session.questions.push(outcome);
        }
        if submit {
            seal(&mut session);
        }
        session
    }

    pub(super) fn seal(session: &mut Session) {
        session.submitted = Some(Submission {
            at: chrono::DateTime::parse_from_rfc3339("2026-03-02T10:00:00+01:00").expect("date"),
            content_hash: session.content_hash(),
        });
    }

    /// Three interviewers × two candidates; ratings are (py.1, py.2, des.1).
    pub(super) fn panel() -> Vec<Session> {
        use Recommendation::*;
        vec![
            scorecard("Ada", "Ann", [3, 4, 2], Yes, true),
            scorecard("Ada", "Bob", [1, 3, 2], No, true),
            scorecard("Ada", "Cleo", [3, 3, 4], StrongYes, true),
            scorecard("Ben", "Ann", [2, 2, 3], No, true),
            scorecard("Ben", "Bob", [2, 1, 2], StrongNo, true),
            scorecard("Ben", "Cleo", [3, 2, 3], NoDecision, true),
        ]
    }

    pub(super) fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-4
    }
}

#[cfg(test)]
mod tests {
    use super::fixtures::{close, panel};
    use super::*;

    #[test]
    fn excluded_candidates_stay_out_of_rankings_and_calibration() {
        let comparison = PanelComparison::build_with(&panel(), |c| c.name == "Ben");
        assert_eq!(comparison.excluded, 1);
        assert_eq!(comparison.candidates.len(), 2);
        assert_eq!(comparison.groups[0].ranking.len(), 1);
        // Ben only: Ann 2 2 3, Bob 2 1 2, Cleo 3 2 3 → 20/9.
        assert_eq!(comparison.calibration.ratings, 9);
        assert!(close(
            comparison.calibration.panel_mean.expect("mean"),
            20.0 / 9.0
        ));
    }
}
