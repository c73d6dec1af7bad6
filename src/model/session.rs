//! A scorecard in progress or submitted: what happened for each question, and the call.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::plan::{InterviewPlan, QuestionSnapshot};
use super::question::Level;

/// Version of the session/scorecard file format. Files with a newer version are refused.
pub const SESSION_SCHEMA_VERSION: u32 = 1;

/// The anchored 1–4 rating scale.
#[derive(Serialize, Deserialize, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub enum Rating {
    NoEvidence,
    Partial,
    Solid,
    Exceptional,
}

impl Rating {
    pub const ALL: [Rating; 4] = [
        Rating::NoEvidence,
        Rating::Partial,
        Rating::Solid,
        Rating::Exceptional,
    ];

    pub fn value(self) -> u8 {
        self as u8 + 1
    }

    pub fn from_value(value: u8) -> Option<Rating> {
        match value {
            1 => Some(Rating::NoEvidence),
            2 => Some(Rating::Partial),
            3 => Some(Rating::Solid),
            4 => Some(Rating::Exceptional),
            _ => None,
        }
    }

    /// Short name of the anchor.
    pub fn label(self) -> &'static str {
        match self {
            Rating::NoEvidence => "No evidence",
            Rating::Partial => "Partial",
            Rating::Solid => "Solid",
            Rating::Exceptional => "Exceptional",
        }
    }

    /// What the anchor means, shown while scoring so every interviewer uses the same scale.
    pub fn anchor(self) -> &'static str {
        match self {
            Rating::NoEvidence => "Could not answer, or the answer was wrong in substance.",
            Rating::Partial => "Some relevant points, with gaps or errors that needed prompting.",
            Rating::Solid => "Covered the key points correctly with little help.",
            Rating::Exceptional => {
                "Covered everything, went deeper, and showed judgement beyond the rubric."
            }
        }
    }
}

/// The overall call. `None` in a session means the interviewer has not chosen yet.
#[derive(Serialize, Deserialize, Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Recommendation {
    StrongNo,
    No,
    NoDecision,
    Yes,
    StrongYes,
}

impl Recommendation {
    pub const ALL: [Recommendation; 5] = [
        Recommendation::StrongNo,
        Recommendation::No,
        Recommendation::NoDecision,
        Recommendation::Yes,
        Recommendation::StrongYes,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Recommendation::StrongNo => "Strong No",
            Recommendation::No => "No",
            Recommendation::NoDecision => "No decision",
            Recommendation::Yes => "Yes",
            Recommendation::StrongYes => "Strong Yes",
        }
    }

    pub fn is_yes(self) -> bool {
        matches!(self, Recommendation::Yes | Recommendation::StrongYes)
    }

    pub fn is_no(self) -> bool {
        matches!(self, Recommendation::No | Recommendation::StrongNo)
    }
}

/// Where a question stands in the interview.
#[derive(Serialize, Deserialize, Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum QuestionState {
    #[default]
    NotAsked,
    InProgress,
    Covered,
    Skipped,
}

impl QuestionState {
    pub fn label(self) -> &'static str {
        match self {
            QuestionState::NotAsked => "Not asked",
            QuestionState::InProgress => "In progress",
            QuestionState::Covered => "Covered",
            QuestionState::Skipped => "Skipped",
        }
    }
}

/// A ticked item (rubric point, red flag or follow-up) and when, in seconds since the
/// interview started.
#[derive(Serialize, Deserialize, Clone, Copy, PartialEq, Debug)]
pub struct Tick {
    pub index: usize,
    pub at_secs: f64,
}

/// What happened for one question.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(default)]
pub struct QuestionOutcome {
    pub question: QuestionSnapshot,
    pub state: QuestionState,
    /// Rubric points the candidate covered.
    pub ticked: Vec<Tick>,
    /// Red flags observed.
    pub red_flags: Vec<Tick>,
    /// Follow-ups asked.
    pub follow_ups_asked: Vec<Tick>,
    pub rating: Option<Rating>,
    pub notes: String,
    /// Time spent on this question, pauses excluded.
    pub time_secs: f64,
    /// Marked by the interviewer to revisit.
    pub flagged: bool,
}

impl QuestionOutcome {
    pub fn new(question: QuestionSnapshot) -> QuestionOutcome {
        QuestionOutcome {
            question,
            ..QuestionOutcome::default()
        }
    }

    /// Not rated yet and not skipped: what Finish and Submit warn about.
    pub fn awaits_rating(&self) -> bool {
        self.rating.is_none() && self.state != QuestionState::Skipped
    }

    pub fn is_ticked(&self, point: usize) -> bool {
        self.ticked.iter().any(|t| t.index == point)
    }

    pub fn is_flag_observed(&self, flag: usize) -> bool {
        self.red_flags.iter().any(|t| t.index == flag)
    }

    pub fn is_follow_up_asked(&self, follow_up: usize) -> bool {
        self.follow_ups_asked.iter().any(|t| t.index == follow_up)
    }

    /// Ticks or unticks rubric point `point`; out-of-range points are ignored.
    pub fn toggle_point(&mut self, point: usize, at_secs: f64) -> bool {
        toggle(
            &mut self.ticked,
            point,
            self.question.listen_for.len(),
            at_secs,
        )
    }

    pub fn toggle_red_flag(&mut self, flag: usize, at_secs: f64) -> bool {
        toggle(
            &mut self.red_flags,
            flag,
            self.question.red_flags.len(),
            at_secs,
        )
    }

    pub fn toggle_follow_up(&mut self, follow_up: usize, at_secs: f64) -> bool {
        toggle(
            &mut self.follow_ups_asked,
            follow_up,
            self.question.follow_ups.len(),
            at_secs,
        )
    }

    /// The red flags observed, in rubric order.
    pub fn observed_red_flags(&self) -> Vec<&String> {
        let flags = &self.question.red_flags;
        (0..flags.len())
            .filter(|&i| self.is_flag_observed(i))
            .map(|i| &flags[i])
            .collect()
    }

    /// The follow-ups asked, in plan order.
    pub fn asked_follow_ups(&self) -> Vec<&String> {
        let follow_ups = &self.question.follow_ups;
        (0..follow_ups.len())
            .filter(|&i| self.is_follow_up_asked(i))
            .map(|i| &follow_ups[i])
            .collect()
    }

    /// Share of rubric points ticked, 0–1 (0 for a question with no points).
    pub fn coverage(&self) -> f32 {
        let total = self.question.listen_for.len();
        if total == 0 {
            0.0
        } else {
            self.ticked.len() as f32 / total as f32
        }
    }
}

fn toggle(ticks: &mut Vec<Tick>, index: usize, len: usize, at_secs: f64) -> bool {
    if index >= len {
        return false;
    }
    if let Some(pos) = ticks.iter().position(|t| t.index == index) {
        ticks.remove(pos);
    } else {
        ticks.push(Tick { index, at_secs });
        ticks.sort_by_key(|t| t.index);
    }
    true
}

/// The seal recorded when a scorecard is submitted.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Submission {
    pub at: DateTime<FixedOffset>,
    /// [`Session::content_hash`] at submission.
    pub content_hash: String,
}

/// A change made after submission, kept so nothing changes silently.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Amendment {
    pub at: DateTime<FixedOffset>,
    pub reason: String,
    /// Human-readable list of what changed.
    pub changes: Vec<String>,
    /// Content hash after the amendment.
    pub content_hash: String,
}

/// Where a session stands overall.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum SessionStatus {
    InProgress,
    Finished,
    Submitted,
}

impl SessionStatus {
    pub fn label(self) -> &'static str {
        match self {
            SessionStatus::InProgress => "In progress",
            SessionStatus::Finished => "Finished",
            SessionStatus::Submitted => "Submitted",
        }
    }
}

/// One interviewer's interview of one candidate: live state while running, the scorecard after.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(default)]
pub struct Session {
    pub schema_version: u32,
    /// Unique id, also the file name stem.
    pub id: String,
    pub candidate: String,
    pub role: String,
    pub interviewer: String,
    pub plan_title: String,
    pub target_level: Level,
    pub target_minutes: u32,
    pub category_weights: BTreeMap<String, f32>,
    pub started_at: Option<DateTime<FixedOffset>>,
    pub finished_at: Option<DateTime<FixedOffset>>,
    /// Index of the question on screen.
    pub current: usize,
    /// Interview clock, pauses excluded.
    pub elapsed_secs: f64,
    pub paused: bool,
    pub questions: Vec<QuestionOutcome>,
    pub recommendation: Option<Recommendation>,
    pub strengths: String,
    pub concerns: String,
    pub summary: String,
    pub submitted: Option<Submission>,
    pub amendments: Vec<Amendment>,
    /// Set when the candidate's name and free text were removed for retention.
    pub anonymised: bool,
    /// When the author first saw other interviewers' ratings of this candidate in the app
    /// before submitting; `None` if they did not. Recorded under the signature.
    #[serde(default)]
    pub viewed_other_ratings_at: Option<DateTime<FixedOffset>>,
    /// The hiring loop and interview this scorecard was started for, when it was started from
    /// a loop plan. Covered by the signature; not written when absent, so scorecards signed
    /// before loops existed keep verifying.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub loop_ref: Option<super::loop_plan::LoopRef>,
    /// The Ed25519 signature over the whole scorecard (see `model::signature`), added when a
    /// submitted scorecard is saved.
    #[serde(default)]
    pub signature: Option<super::signature::SignatureBlock>,
    /// The verdict of the panel's check (signature and pinned key), when the store has made
    /// one; otherwise the signature is checked on its own. Never saved.
    #[serde(skip)]
    pub checked_signature: Option<super::signature::SignatureCheck>,
}

impl Default for Session {
    fn default() -> Self {
        Session {
            schema_version: SESSION_SCHEMA_VERSION,
            id: String::new(),
            candidate: String::new(),
            role: String::new(),
            interviewer: String::new(),
            plan_title: String::new(),
            target_level: Level::Intermediate,
            target_minutes: 0,
            category_weights: BTreeMap::new(),
            started_at: None,
            finished_at: None,
            current: 0,
            elapsed_secs: 0.0,
            paused: false,
            questions: Vec::new(),
            recommendation: None,
            strengths: String::new(),
            concerns: String::new(),
            summary: String::new(),
            submitted: None,
            amendments: Vec::new(),
            anonymised: false,
            viewed_other_ratings_at: None,
            loop_ref: None,
            signature: None,
            checked_signature: None,
        }
    }
}

impl Session {
    /// How many questions are neither rated nor skipped.
    pub fn unrated_count(&self) -> usize {
        self.questions.iter().filter(|o| o.awaits_rating()).count()
    }

    /// Starts a session from a plan. The id combines the start time and the candidate so two
    /// interviews never share a file.
    pub fn start(
        plan: &InterviewPlan,
        candidate: &str,
        role: &str,
        interviewer: &str,
        now: DateTime<FixedOffset>,
    ) -> Session {
        let mut questions: Vec<QuestionOutcome> = plan
            .questions
            .iter()
            .cloned()
            .map(QuestionOutcome::new)
            .collect();
        if let Some(first) = questions.first_mut() {
            first.state = QuestionState::InProgress;
        }
        Session {
            id: format!(
                "{}-{}",
                now.format("%Y%m%d-%H%M%S"),
                crate::model::names::slug(candidate, 40)
            ),
            candidate: candidate.trim().to_string(),
            role: role.trim().to_string(),
            interviewer: interviewer.trim().to_string(),
            plan_title: plan.title.clone(),
            target_level: plan.target_level,
            target_minutes: plan.total_minutes().max(plan.target_minutes),
            category_weights: plan.category_weights.clone(),
            started_at: Some(now),
            questions,
            ..Session::default()
        }
    }

    pub fn status(&self) -> SessionStatus {
        if self.submitted.is_some() {
            SessionStatus::Submitted
        } else if self.finished_at.is_some() {
            SessionStatus::Finished
        } else {
            SessionStatus::InProgress
        }
    }

    pub fn is_sealed(&self) -> bool {
        self.submitted.is_some()
    }

    pub fn current_outcome(&self) -> Option<&QuestionOutcome> {
        self.questions.get(self.current)
    }

    pub fn current_outcome_mut(&mut self) -> Option<&mut QuestionOutcome> {
        self.questions.get_mut(self.current)
    }

    /// Moves to question `index`, marking the one left as covered (if anything was recorded)
    /// and the new one as in progress.
    pub fn go_to(&mut self, index: usize) -> bool {
        if index >= self.questions.len() || index == self.current {
            return false;
        }
        if let Some(left) = self.questions.get_mut(self.current) {
            if left.state == QuestionState::InProgress {
                let touched = !left.ticked.is_empty()
                    || left.rating.is_some()
                    || !left.notes.trim().is_empty();
                left.state = if touched {
                    QuestionState::Covered
                } else {
                    QuestionState::NotAsked
                };
            }
        }
        self.current = index;
        let entered = &mut self.questions[index];
        if matches!(
            entered.state,
            QuestionState::NotAsked | QuestionState::Skipped
        ) {
            entered.state = QuestionState::InProgress;
        }
        true
    }

    pub fn next_question(&mut self) -> bool {
        self.go_to(self.current + 1)
    }

    pub fn previous_question(&mut self) -> bool {
        self.current > 0 && self.go_to(self.current - 1)
    }

    /// Marks the current question skipped and moves on when there is a next one.
    pub fn skip_current(&mut self) {
        if let Some(outcome) = self.questions.get_mut(self.current) {
            outcome.state = QuestionState::Skipped;
        }
        let next = self.current + 1;
        if next < self.questions.len() {
            self.current = next;
            if self.questions[next].state == QuestionState::NotAsked {
                self.questions[next].state = QuestionState::InProgress;
            }
        }
    }

    /// Moves a question that has not been asked yet; asked ones keep their place.
    pub fn move_remaining(&mut self, from: usize, to: usize) -> bool {
        let len = self.questions.len();
        if from >= len || to >= len || from == to || from <= self.current || to <= self.current {
            return false;
        }
        let item = self.questions.remove(from);
        self.questions.insert(to, item);
        true
    }

    /// Inserts an ad-hoc question right after the current one and returns its index.
    pub fn add_ad_hoc(&mut self, prompt: &str, points: &[String]) -> usize {
        let number = self.questions.iter().filter(|q| q.question.ad_hoc).count() + 1;
        let snapshot = QuestionSnapshot::ad_hoc(number, prompt, points);
        let at = (self.current + 1).min(self.questions.len());
        self.questions.insert(at, QuestionOutcome::new(snapshot));
        at
    }

    /// Advances the clocks by `secs` unless paused.
    pub fn tick_clock(&mut self, secs: f64) {
        if self.paused || self.finished_at.is_some() || !secs.is_finite() || secs <= 0.0 {
            return;
        }
        self.elapsed_secs += secs;
        if let Some(outcome) = self.questions.get_mut(self.current) {
            outcome.time_secs += secs;
        }
    }

    pub fn finish(&mut self, now: DateTime<FixedOffset>) {
        if let Some(outcome) = self.questions.get_mut(self.current) {
            if outcome.state == QuestionState::InProgress {
                outcome.state = QuestionState::Covered;
            }
        }
        if self.finished_at.is_none() {
            self.finished_at = Some(now);
        }
    }

    /// Hash of everything the interviewer recorded (not the seal or amendments), so any later
    /// change to a submitted scorecard is detectable.
    ///
    /// The hash covers an explicit list of fields (see [`SealedContent`]) serialised as JSON, so
    /// adding a field to `Session` later never makes older seals look broken.
    pub fn content_hash(&self) -> String {
        let content = SealedContent {
            candidate: &self.candidate,
            role: &self.role,
            interviewer: &self.interviewer,
            plan_title: &self.plan_title,
            started_at: self.started_at.map(|t| t.to_rfc3339()),
            finished_at: self.finished_at.map(|t| t.to_rfc3339()),
            questions: self
                .questions
                .iter()
                .map(|o| SealedQuestion {
                    id: &o.question.id,
                    prompt: &o.question.prompt,
                    listen_for: &o.question.listen_for,
                    red_flags: &o.question.red_flags,
                    state: o.state.label(),
                    ticked: o.ticked.iter().map(|t| t.index).collect(),
                    red_flags_observed: o.red_flags.iter().map(|t| t.index).collect(),
                    follow_ups_asked: o.follow_ups_asked.iter().map(|t| t.index).collect(),
                    rating: o.rating.map(Rating::value),
                    notes: &o.notes,
                })
                .collect(),
            recommendation: self.recommendation.map(Recommendation::label),
            strengths: &self.strengths,
            concerns: &self.concerns,
            summary: &self.summary,
            anonymised: self.anonymised,
        };
        let text = serde_json::to_string(&content).unwrap_or_default();
        let digest = Sha256::digest(text.as_bytes());
        digest.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// The hash the content should have: the last amendment's, or the submission's.
    pub fn sealed_hash(&self) -> Option<&str> {
        self.amendments
            .last()
            .map(|a| a.content_hash.as_str())
            .or(self.submitted.as_ref().map(|s| s.content_hash.as_str()))
    }

    /// True when a submitted scorecard's content no longer matches its seal.
    pub fn is_tampered(&self) -> bool {
        self.sealed_hash()
            .is_some_and(|hash| hash != self.content_hash())
    }

    /// Seals the scorecard. Refuses without an explicit recommendation.
    pub fn submit(&mut self, now: DateTime<FixedOffset>) -> Result<(), SubmitError> {
        if self.is_sealed() {
            return Err(SubmitError::AlreadySubmitted);
        }
        if self.recommendation.is_none() {
            return Err(SubmitError::NoRecommendation);
        }
        self.finish(now);
        self.submitted = Some(Submission {
            at: now,
            content_hash: self.content_hash(),
        });
        Ok(())
    }

    /// Records the changes between `before` and the current content as a dated amendment.
    /// Returns false when nothing changed.
    pub fn record_amendment(
        &mut self,
        before: &Session,
        reason: &str,
        now: DateTime<FixedOffset>,
    ) -> bool {
        let changes = describe_changes(before, self);
        if changes.is_empty() {
            return false;
        }
        self.amendments.push(Amendment {
            at: now,
            reason: reason.trim().to_string(),
            changes,
            content_hash: self.content_hash(),
        });
        true
    }

    /// Notes that the author was shown other interviewers' ratings of this candidate. Only the
    /// first time counts, and only before submission (afterwards it changes nothing).
    pub fn note_viewed_other_ratings(&mut self, now: DateTime<FixedOffset>) -> bool {
        if self.submitted.is_some() || self.viewed_other_ratings_at.is_some() {
            return false;
        }
        self.viewed_other_ratings_at = Some(now);
        true
    }

    /// The signature verdict: the store's (with key pinning) if made, else the scorecard's own.
    pub fn signature_check(&self) -> super::signature::SignatureCheck {
        self.checked_signature
            .clone()
            .unwrap_or_else(|| super::signature::check(self))
    }

    /// Replaces the candidate's name and free text, keeping ratings for calibration.
    pub fn anonymise(&mut self) {
        self.candidate = format!("Anonymised {}", &self.content_hash()[..8]);
        self.strengths.clear();
        self.concerns.clear();
        self.summary.clear();
        for outcome in &mut self.questions {
            outcome.notes.clear();
        }
        for amendment in &mut self.amendments {
            amendment.reason.clear();
            amendment.changes.clear();
        }
        self.anonymised = true;
        // Re-seal so the panel does not report the retention change as tampering.
        let hash = self.content_hash();
        if let Some(last) = self.amendments.last_mut() {
            last.content_hash = hash;
        } else if let Some(submission) = &mut self.submitted {
            submission.content_hash = hash;
        }
    }
}

/// What a seal vouches for: what the interviewer recorded and decided.
#[derive(Serialize)]
struct SealedContent<'a> {
    candidate: &'a str,
    role: &'a str,
    interviewer: &'a str,
    plan_title: &'a str,
    started_at: Option<String>,
    finished_at: Option<String>,
    questions: Vec<SealedQuestion<'a>>,
    recommendation: Option<&'static str>,
    strengths: &'a str,
    concerns: &'a str,
    summary: &'a str,
    anonymised: bool,
}

#[derive(Serialize)]
struct SealedQuestion<'a> {
    id: &'a str,
    prompt: &'a str,
    listen_for: &'a [String],
    red_flags: &'a [String],
    state: &'static str,
    ticked: Vec<usize>,
    red_flags_observed: Vec<usize>,
    follow_ups_asked: Vec<usize>,
    rating: Option<u8>,
    notes: &'a str,
}

/// Why a scorecard could not be submitted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SubmitError {
    #[error("choose an overall recommendation before submitting")]
    NoRecommendation,
    #[error("this scorecard is already submitted; record changes as an amendment")]
    AlreadySubmitted,
}

fn describe_changes(before: &Session, after: &Session) -> Vec<String> {
    let mut changes = Vec::new();
    if before.recommendation != after.recommendation {
        changes.push(format!(
            "Recommendation: {} → {}",
            before.recommendation.map_or("none", |r| r.label()),
            after.recommendation.map_or("none", |r| r.label())
        ));
    }
    for (label, old, new) in [
        ("Strengths", &before.strengths, &after.strengths),
        ("Concerns", &before.concerns, &after.concerns),
        ("Summary", &before.summary, &after.summary),
    ] {
        if old != new {
            changes.push(format!("{label} edited"));
        }
    }
    for (index, (old, new)) in before.questions.iter().zip(&after.questions).enumerate() {
        let n = index + 1;
        if old.rating != new.rating {
            changes.push(format!(
                "Q{n} rating: {} → {}",
                old.rating
                    .map_or("none".to_string(), |r| r.value().to_string()),
                new.rating
                    .map_or("none".to_string(), |r| r.value().to_string())
            ));
        }
        if old
            .ticked
            .iter()
            .map(|t| t.index)
            .ne(new.ticked.iter().map(|t| t.index))
        {
            changes.push(format!("Q{n} rubric points changed"));
        }
        if old
            .red_flags
            .iter()
            .map(|t| t.index)
            .ne(new.red_flags.iter().map(|t| t.index))
        {
            changes.push(format!("Q{n} red flags changed"));
        }
        if old.notes != new.notes {
            changes.push(format!("Q{n} notes edited"));
        }
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unrated_counts_questions_neither_rated_nor_skipped() {
        let mut session = Session::default();
        for (state, rated) in [
            (QuestionState::Covered, true),
            (QuestionState::Covered, false),
            (QuestionState::NotAsked, false),
            (QuestionState::Skipped, false),
        ] {
            let mut outcome = QuestionOutcome::new(QuestionSnapshot::default());
            outcome.state = state;
            outcome.rating = rated.then_some(Rating::Solid);
            session.questions.push(outcome);
        }
        assert_eq!(session.unrated_count(), 2);
        assert!(!session.questions[3].awaits_rating());
    }
}
