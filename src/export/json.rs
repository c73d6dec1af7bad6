//! JSON for other tools, in a structure of its own so the app's file format can change without
//! breaking them. Every field is documented in `docs/scorecard-json.md`; fields are only ever
//! added within one `schema` version.

use serde::Serialize;

use crate::model::scoring::{category_scores, overall_mean};
use crate::model::session::{
    QuestionOutcome, QuestionState, Rating, Recommendation, Session, SessionStatus, Tick,
};

use super::{ExportError, interview_date};

/// The value of [`ScorecardJson::schema`].
pub const SCHEMA: &str = "interview-scorecard/1";

/// A scorecard as exported to JSON.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct ScorecardJson {
    pub schema: &'static str,
    pub id: String,
    pub candidate: String,
    pub role: String,
    pub interviewer: String,
    pub plan_title: String,
    pub target_level: &'static str,
    pub target_minutes: u32,
    pub date: Option<String>,
    pub started_at: Option<String>,
    pub finished_at: Option<String>,
    pub duration_secs: u64,
    pub status: &'static str,
    pub submitted_at: Option<String>,
    pub content_hash: Option<String>,
    pub tampered: bool,
    pub anonymised: bool,
    pub recommendation: Option<RecommendationJson>,
    pub overall_mean_rating: Option<f64>,
    pub strengths: String,
    pub concerns: String,
    pub summary: String,
    pub categories: Vec<CategoryJson>,
    pub questions: Vec<QuestionJson>,
    pub amendments: Vec<AmendmentJson>,
}

#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct RecommendationJson {
    pub value: &'static str,
    pub label: &'static str,
}

#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct CategoryJson {
    pub id: String,
    pub title: String,
    pub mean_rating: Option<f64>,
    pub coverage: f64,
    pub rated: usize,
    pub questions: usize,
}

#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct RatingJson {
    pub value: u8,
    pub label: &'static str,
    pub anchor: &'static str,
}

#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct CheckItemJson {
    pub text: String,
    pub checked: bool,
    pub at_secs: Option<f64>,
}

#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct QuestionJson {
    pub number: usize,
    pub id: String,
    pub category: String,
    pub category_title: String,
    pub level: &'static str,
    pub prompt: String,
    pub ad_hoc: bool,
    pub state: &'static str,
    pub rating: Option<RatingJson>,
    pub points_ticked: usize,
    pub points_total: usize,
    pub rubric: Vec<CheckItemJson>,
    pub red_flags_observed: usize,
    pub red_flags: Vec<CheckItemJson>,
    pub follow_ups: Vec<CheckItemJson>,
    pub notes: String,
    pub time_secs: u64,
    pub planned_minutes: u32,
    pub flagged: bool,
    pub rubric_hash: String,
}

#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct AmendmentJson {
    pub at: String,
    pub reason: String,
    pub changes: Vec<String>,
    pub content_hash: String,
}

/// The scorecard as pretty-printed JSON.
pub fn json(session: &Session) -> Result<String, ExportError> {
    let mut text = serde_json::to_string_pretty(&scorecard_json(session))
        .map_err(|e| ExportError::Json(e.to_string()))?;
    text.push('\n');
    Ok(text)
}

/// The export structure, for callers that want to embed it in their own JSON.
pub fn scorecard_json(session: &Session) -> ScorecardJson {
    ScorecardJson {
        schema: SCHEMA,
        id: session.id.clone(),
        candidate: session.candidate.clone(),
        role: session.role.clone(),
        interviewer: session.interviewer.clone(),
        plan_title: session.plan_title.clone(),
        target_level: session.target_level.label(),
        target_minutes: session.target_minutes,
        date: interview_date(session).map(|d| d.format("%Y-%m-%d").to_string()),
        started_at: session.started_at.map(|d| d.to_rfc3339()),
        finished_at: session.finished_at.map(|d| d.to_rfc3339()),
        duration_secs: whole_secs(session.elapsed_secs),
        status: match session.status() {
            SessionStatus::InProgress => "in_progress",
            SessionStatus::Finished => "finished",
            SessionStatus::Submitted => "submitted",
        },
        submitted_at: session.submitted.as_ref().map(|s| s.at.to_rfc3339()),
        content_hash: session.sealed_hash().map(str::to_string),
        tampered: session.is_tampered(),
        anonymised: session.anonymised,
        recommendation: session.recommendation.map(|r| RecommendationJson {
            value: recommendation_value(r),
            label: r.label(),
        }),
        overall_mean_rating: overall_mean(session).map(|m| round(f64::from(m), 3)),
        strengths: session.strengths.clone(),
        concerns: session.concerns.clone(),
        summary: session.summary.clone(),
        categories: category_scores(session)
            .into_iter()
            .map(|c| CategoryJson {
                id: c.category,
                title: c.title,
                mean_rating: c.mean_rating.map(|m| round(f64::from(m), 3)),
                coverage: round(f64::from(c.coverage), 4),
                rated: c.rated,
                questions: c.questions,
            })
            .collect(),
        questions: session
            .questions
            .iter()
            .enumerate()
            .map(|(i, o)| question_json(i + 1, o))
            .collect(),
        amendments: session
            .amendments
            .iter()
            .map(|a| AmendmentJson {
                at: a.at.to_rfc3339(),
                reason: a.reason.clone(),
                changes: a.changes.clone(),
                content_hash: a.content_hash.clone(),
            })
            .collect(),
    }
}

fn question_json(number: usize, outcome: &QuestionOutcome) -> QuestionJson {
    let q = &outcome.question;
    QuestionJson {
        number,
        id: q.id.clone(),
        category: q.category.clone(),
        category_title: q.category_title.clone(),
        level: q.level.label(),
        prompt: q.prompt.clone(),
        ad_hoc: q.ad_hoc,
        state: match outcome.state {
            QuestionState::NotAsked => "not_asked",
            QuestionState::InProgress => "in_progress",
            QuestionState::Covered => "covered",
            QuestionState::Skipped => "skipped",
        },
        rating: outcome.rating.map(rating_json),
        points_ticked: outcome.ticked.len(),
        points_total: q.listen_for.len(),
        rubric: check_items(&q.listen_for, &outcome.ticked),
        red_flags_observed: outcome.red_flags.len(),
        red_flags: check_items(&q.red_flags, &outcome.red_flags),
        follow_ups: check_items(&q.follow_ups, &outcome.follow_ups_asked),
        notes: outcome.notes.clone(),
        time_secs: whole_secs(outcome.time_secs),
        planned_minutes: q.minutes,
        flagged: outcome.flagged,
        rubric_hash: q.rubric_hash.clone(),
    }
}

fn check_items(items: &[String], ticks: &[Tick]) -> Vec<CheckItemJson> {
    items
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let tick = ticks.iter().find(|t| t.index == i);
            CheckItemJson {
                text: text.clone(),
                checked: tick.is_some(),
                at_secs: tick.map(|t| round(t.at_secs, 1)),
            }
        })
        .collect()
}

fn rating_json(rating: Rating) -> RatingJson {
    RatingJson {
        value: rating.value(),
        label: rating.label(),
        anchor: rating.anchor(),
    }
}

fn recommendation_value(r: Recommendation) -> &'static str {
    match r {
        Recommendation::StrongNo => "strong_no",
        Recommendation::No => "no",
        Recommendation::NoDecision => "no_decision",
        Recommendation::Yes => "yes",
        Recommendation::StrongYes => "strong_yes",
    }
}

fn whole_secs(secs: f64) -> u64 {
    if secs.is_finite() && secs > 0.0 {
        secs.round() as u64
    } else {
        0
    }
}

/// Rounds so the file does not show float noise (`2.6666667`) and stays stable across runs.
fn round(value: f64, decimals: i32) -> f64 {
    if !value.is_finite() {
        return 0.0;
    }
    let factor = 10f64.powi(decimals);
    (value * factor).round() / factor
}
