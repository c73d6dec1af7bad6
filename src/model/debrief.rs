//! The debrief of one candidate: an agenda of the loop's competencies ordered by where the
//! panel disagrees most, each with every interviewer's evidence side by side (rating, points
//! ticked, red flags, notes), and the calls revealed together only when every expected
//! scorecard is in — or the chair explicitly proceeds without one, which the decision record
//! then states.

use chrono::{DateTime, FixedOffset};

use super::decision::{Mechanical, competency_means, mechanical};
use super::loop_plan::LoopPlan;
use super::loop_status::CandidateStatus;
use super::panel::DISAGREEMENT_GAP;
use super::scoring::{counted_rating, was_asked};
use super::session::{QuestionState, Rating, Recommendation, Session};

/// What one question of one scorecard showed.
#[derive(Clone, Debug, PartialEq)]
pub struct QuestionEvidence {
    pub question_id: String,
    pub prompt: String,
    /// The rating that counts (none for a skipped question).
    pub rating: Option<Rating>,
    pub points_ticked: Vec<String>,
    pub points_total: usize,
    pub red_flags: Vec<String>,
    pub notes: String,
    pub skipped: bool,
}

/// One interviewer's evidence for one competency.
#[derive(Clone, Debug, PartialEq)]
pub struct Evidence {
    pub interview_id: String,
    pub interview_title: String,
    pub interviewer: String,
    /// Index into the sessions given.
    pub scorecard: usize,
    /// Their mean rating for the competency.
    pub mean: Option<f32>,
    pub questions: Vec<QuestionEvidence>,
    /// When they saw others' ratings before submitting, as their scorecard records it.
    pub viewed_others_at: Option<DateTime<FixedOffset>>,
}

/// One competency on the agenda.
#[derive(Clone, Debug, PartialEq)]
pub struct AgendaItem {
    pub competency_id: String,
    pub title: String,
    pub weight: f32,
    /// Highest minus lowest interviewer mean, when two or more rated it (as the Panel's
    /// category spread).
    pub spread: Option<f32>,
    /// Only the scorecards that count, one entry per interviewer who asked about it.
    pub evidence: Vec<Evidence>,
}

impl AgendaItem {
    /// The spread reaches the Panel's disagreement gap.
    pub fn disagrees(&self) -> bool {
        self.spread.is_some_and(|s| s >= DISAGREEMENT_GAP - 1e-4)
    }
}

/// Whether the calls may be shown.
#[derive(Clone, Debug, PartialEq)]
pub enum Reveal {
    /// Every expected scorecard is in.
    Ready,
    /// Waiting for these (interview title, interviewer).
    Waiting(Vec<(String, String)>),
    /// The chair chose to proceed without these.
    ProceedingWithout(Vec<(String, String)>),
}

impl Reveal {
    pub fn shows_calls(&self) -> bool {
        !matches!(self, Reveal::Waiting(_))
    }
}

/// One interviewer's overall call.
#[derive(Clone, Debug, PartialEq)]
pub struct Call {
    pub interview_title: String,
    pub interviewer: String,
    pub recommendation: Option<Recommendation>,
    pub viewed_others_at: Option<DateTime<FixedOffset>>,
}

/// The debrief of one candidate.
#[derive(Clone, Debug, PartialEq)]
pub struct Agenda {
    pub candidate: String,
    /// Most disagreement first; competencies nobody rated last.
    pub items: Vec<AgendaItem>,
    pub reveal: Reveal,
    /// Empty until the reveal: calls are shown together, never one by one.
    pub calls: Vec<Call>,
    /// The loop's rule over the scorecards that count.
    pub mechanical: Mechanical,
}

/// The agenda for `status`'s candidate. `proceed_without_missing` is the chair's explicit
/// choice to reveal although some expected scorecards are not in.
pub fn agenda(
    plan: &LoopPlan,
    status: &CandidateStatus,
    sessions: &[Session],
    proceed_without_missing: bool,
) -> Agenda {
    let map = plan.competency_map();
    let counted: Vec<(usize, &super::loop_status::Expected)> = status
        .expected
        .iter()
        .filter(|e| !e.receipt.is_owed())
        .filter_map(|e| e.scorecard.map(|i| (i, e)))
        .filter(|(i, _)| *i < sessions.len())
        .collect();
    // The competencies each question covers, worked out once per counted scorecard.
    let covers: std::collections::HashMap<usize, Vec<Vec<usize>>> = counted
        .iter()
        .map(|(i, _)| {
            let per_question = sessions[*i]
                .questions
                .iter()
                .map(|o| map.of_question(&o.question))
                .collect();
            (*i, per_question)
        })
        .collect();
    let means: Vec<Vec<Option<f32>>> = counted
        .iter()
        .map(|(i, _)| competency_means(&map, &sessions[*i]))
        .collect();
    let mut items: Vec<AgendaItem> = map
        .competencies
        .iter()
        .enumerate()
        .map(|(row, competency)| {
            let evidence: Vec<Evidence> = counted
                .iter()
                .zip(&means)
                .filter_map(|((index, expected), means)| {
                    let session = &sessions[*index];
                    let questions: Vec<QuestionEvidence> = session
                        .questions
                        .iter()
                        .zip(covers.get(index).into_iter().flatten())
                        .filter(|(_, covers)| covers.contains(&row))
                        .map(|(o, _)| o)
                        .filter(|o| was_asked(o) || o.state == QuestionState::Skipped)
                        .map(question_evidence)
                        .collect();
                    (!questions.is_empty()).then(|| Evidence {
                        interview_id: expected.interview_id.clone(),
                        interview_title: expected.interview_title.clone(),
                        interviewer: session.interviewer.trim().to_string(),
                        scorecard: *index,
                        mean: means[row],
                        questions,
                        viewed_others_at: session.viewed_other_ratings_at,
                    })
                })
                .collect();
            let present: Vec<f32> = evidence.iter().filter_map(|e| e.mean).collect();
            let spread = (present.len() >= 2).then(|| {
                let max = present.iter().copied().fold(f32::MIN, f32::max);
                let min = present.iter().copied().fold(f32::MAX, f32::min);
                max - min
            });
            AgendaItem {
                competency_id: competency.id.clone(),
                title: competency.display_title(),
                weight: plan.weight(&competency.id),
                spread,
                evidence,
            }
        })
        .collect();
    // Biggest spread first; then competencies rated by one interviewer (nothing to compare),
    // then those nobody rated. The sort is stable, so ties keep the loop's order.
    items.sort_by(|a, b| {
        let key = |item: &AgendaItem| match item.spread {
            Some(spread) => (0, -spread),
            None if !item.evidence.is_empty() => (1, 0.0),
            None => (2, 0.0),
        };
        let (ka, kb) = (key(a), key(b));
        ka.0.cmp(&kb.0).then(ka.1.total_cmp(&kb.1))
    });
    let owed: Vec<(String, String)> = status
        .owed()
        .map(|e| (e.interview_title.clone(), e.interviewer.clone()))
        .collect();
    let reveal = if owed.is_empty() {
        Reveal::Ready
    } else if proceed_without_missing {
        Reveal::ProceedingWithout(owed)
    } else {
        Reveal::Waiting(owed)
    };
    let calls = if reveal.shows_calls() {
        counted
            .iter()
            .map(|(index, expected)| Call {
                interview_title: expected.interview_title.clone(),
                interviewer: sessions[*index].interviewer.trim().to_string(),
                recommendation: sessions[*index].recommendation,
                viewed_others_at: sessions[*index].viewed_other_ratings_at,
            })
            .collect()
    } else {
        Vec::new()
    };
    let scorecards: Vec<&Session> = counted.iter().map(|(i, _)| &sessions[*i]).collect();
    Agenda {
        candidate: status.candidate.clone(),
        items,
        reveal,
        calls,
        mechanical: mechanical(plan, &scorecards),
    }
}

fn question_evidence(outcome: &super::session::QuestionOutcome) -> QuestionEvidence {
    let q = &outcome.question;
    QuestionEvidence {
        question_id: q.id.clone(),
        prompt: q.prompt.trim().to_string(),
        rating: counted_rating(outcome),
        points_ticked: outcome
            .ticked
            .iter()
            .filter_map(|t| q.listen_for.get(t.index).cloned())
            .collect(),
        points_total: q.listen_for.len(),
        red_flags: outcome.observed_red_flags().into_iter().cloned().collect(),
        notes: outcome.notes.clone(),
        skipped: outcome.state == QuestionState::Skipped,
    }
}
