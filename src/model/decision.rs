//! The debrief's decision record: the panel's call for one candidate of a loop, with the
//! mechanical call of the loop's pre-registered rule beside it, who was there and who
//! disagreed, which scorecards it rests on (and whether each author saw others' ratings before
//! submitting), and — when the call differs from the rule — the override and its reason.
//!
//! A record is sealed by signing its canonical bytes with the chair's Ed25519 key (the same
//! scheme as scorecards, under its own format tag). A sealed record is never edited: an
//! amendment is a new record that names the one it amends (its id and signature) and why, so
//! a change of mind is dated and visible, never silent. See `decision_log` for reading the
//! chain back.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::loop_plan::{CompetencyMap, DecisionRule, LoopPlan};
use super::loop_status::{CandidateStatus, Expected, Receipt};
use super::panel::{Standing, person_key};
use super::scoring::{counted_rating, was_asked};
use super::session::{Recommendation, Session};
use super::signature::{self, SignatureBlock, SignatureCheck, SigningKey};

/// Version of the decision record file format.
pub const DECISION_SCHEMA_VERSION: u32 = 1;

/// Version tag at the start of a decision record's signed bytes.
pub const DECISION_SIGNATURE_FORMAT: &str = "interview-scorecard/decision-signature/v1";

/// Tolerance for comparing means with thresholds, so 3.0 computed as 2.9999998 still counts.
const EPSILON: f32 = 1e-4;

/// The call.
#[derive(Serialize, Deserialize, Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Decision {
    Hire,
    NoHire,
    Hold,
}

impl Decision {
    pub const ALL: [Decision; 3] = [Decision::Hire, Decision::NoHire, Decision::Hold];

    pub fn label(self) -> &'static str {
        match self {
            Decision::Hire => "Hire",
            Decision::NoHire => "No hire",
            Decision::Hold => "Hold",
        }
    }
}

/// One competency's share of the mechanical call.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct CompetencyScore {
    pub id: String,
    pub title: String,
    pub weight: f32,
    /// Mean of the counted scorecards' means for this competency, 1–4.
    pub mean: Option<f32>,
    /// Counted scorecards with a rating for it.
    pub scorecards: usize,
}

/// The loop's pre-registered rule applied to the counted scorecards.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Mechanical {
    pub decision: Decision,
    /// Σ weight × mean / Σ weight over competencies with a mean and a weight above 0.
    pub weighted_score: Option<f32>,
    pub competencies: Vec<CompetencyScore>,
    /// Why the rule says what it says, one sentence each.
    pub reasons: Vec<String>,
    /// Scorecards counted.
    pub counted: usize,
    /// The rule applied.
    pub rule: DecisionRule,
}

/// Each competency's mean rating in one scorecard (`None` where it rated nothing mapped to
/// it), by the scorecard figures' own rule: skipped questions count for nothing.
pub fn competency_means(map: &CompetencyMap, session: &Session) -> Vec<Option<f32>> {
    let mut sums = vec![(0.0f32, 0usize); map.competencies.len()];
    for outcome in &session.questions {
        let Some(rating) = counted_rating(outcome).filter(|_| was_asked(outcome)) else {
            continue;
        };
        for index in map.of_question(&outcome.question) {
            sums[index].0 += f32::from(rating.value());
            sums[index].1 += 1;
        }
    }
    sums.into_iter()
        .map(|(sum, n)| (n > 0).then(|| sum / n as f32))
        .collect()
}

/// THE mechanical call: the loop's weights and rule over `scorecards`, of which only those
/// that count (submitted, signature valid) are used. The debrief shows it and the decision
/// record stores it; nothing else computes it.
///
/// Order of the rule: a weighted competency below the floor says No hire; else a weighted
/// competency without any rating says Hold (no evidence to apply the rule to); else the
/// weighted score says Hire (≥ `hire_at_least`), No hire (< `no_hire_below`) or Hold.
pub fn mechanical(plan: &LoopPlan, scorecards: &[&Session]) -> Mechanical {
    let map = plan.competency_map();
    let counted: Vec<&Session> = scorecards
        .iter()
        .copied()
        .filter(|s| Standing::of(s) == Standing::Counted)
        .collect();
    let mut totals = vec![(0.0f32, 0usize); map.competencies.len()];
    for session in &counted {
        for (index, mean) in competency_means(&map, session).into_iter().enumerate() {
            if let Some(mean) = mean {
                totals[index].0 += mean;
                totals[index].1 += 1;
            }
        }
    }
    let competencies: Vec<CompetencyScore> = map
        .competencies
        .iter()
        .zip(&totals)
        .map(|(c, &(sum, n))| CompetencyScore {
            id: c.id.clone(),
            title: c.display_title(),
            weight: plan.weight(&c.id),
            mean: (n > 0).then(|| sum / n as f32),
            scorecards: n,
        })
        .collect();
    let (mut weighted, mut weights) = (0.0f32, 0.0f32);
    for c in competencies.iter().filter(|c| c.weight > 0.0) {
        if let Some(mean) = c.mean {
            weighted += c.weight * mean;
            weights += c.weight;
        }
    }
    let weighted_score = (weights > 0.0).then(|| weighted / weights);
    let rule = plan.rule.clone();
    let (decision, reasons) = apply_rule(&rule, &competencies, weighted_score, counted.len());
    Mechanical {
        decision,
        weighted_score,
        competencies,
        reasons,
        counted: counted.len(),
        rule,
    }
}

fn apply_rule(
    rule: &DecisionRule,
    competencies: &[CompetencyScore],
    score: Option<f32>,
    counted: usize,
) -> (Decision, Vec<String>) {
    let weighted: Vec<&CompetencyScore> = competencies.iter().filter(|c| c.weight > 0.0).collect();
    if let Some(floor) = rule.floor {
        let below: Vec<String> = weighted
            .iter()
            .filter_map(|c| {
                let mean = c.mean?;
                (mean < floor - EPSILON).then(|| format!("{} {mean:.2}", c.title))
            })
            .collect();
        if !below.is_empty() {
            return (
                Decision::NoHire,
                vec![format!(
                    "Below the floor of {floor:.2}: {}.",
                    below.join(", ")
                )],
            );
        }
    }
    let unrated: Vec<&str> = weighted
        .iter()
        .filter(|c| c.mean.is_none())
        .map(|c| c.title.as_str())
        .collect();
    if counted == 0 {
        return (
            Decision::Hold,
            vec!["No scorecard counts yet, so the rule has nothing to apply to.".into()],
        );
    }
    if !unrated.is_empty() {
        return (
            Decision::Hold,
            vec![format!(
                "No rating yet for {}: the rule needs evidence for every weighted competency.",
                unrated.join(", ")
            )],
        );
    }
    let Some(score) = score else {
        return (
            Decision::Hold,
            vec!["No competency carries weight, so there is no weighted score.".into()],
        );
    };
    if score >= rule.hire_at_least - EPSILON {
        (
            Decision::Hire,
            vec![format!(
                "Weighted score {score:.2} is at or above {:.2}.",
                rule.hire_at_least
            )],
        )
    } else if score < rule.no_hire_below - EPSILON {
        (
            Decision::NoHire,
            vec![format!(
                "Weighted score {score:.2} is below {:.2}.",
                rule.no_hire_below
            )],
        )
    } else {
        (
            Decision::Hold,
            vec![format!(
                "Weighted score {score:.2} is between {:.2} and {:.2}.",
                rule.no_hire_below, rule.hire_at_least
            )],
        )
    }
}

/// Someone who disagreed with the decision, by name.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(default)]
pub struct Dissent {
    pub name: String,
    /// The call they would have made.
    pub preferred: Option<Decision>,
    pub note: String,
}

/// A scorecard the decision rests on (or was expected to).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(default)]
pub struct ScorecardRecord {
    pub interview_id: String,
    pub interview_title: String,
    pub interviewer: String,
    /// The scorecard's id; empty when none arrived.
    pub scorecard_id: String,
    /// "Submitted", "In progress", "Missing", "Changed after sealing".
    pub status: String,
    pub submitted_at: Option<DateTime<FixedOffset>>,
    /// It counted in the mechanical call.
    pub counted: bool,
    /// Fingerprint of the key that signed it, when signed.
    pub signed_by: String,
    pub recommendation: Option<Recommendation>,
    /// When its author saw others' ratings for this candidate before submitting, as the
    /// signed scorecard records it; `None` if the app did not show them first.
    pub viewed_others_before_submitting: Option<DateTime<FixedOffset>>,
}

/// The record an amendment points at.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(default)]
pub struct Amends {
    pub record_id: String,
    /// The amended record's signature (hex), so it is clear which version was amended.
    pub signature: String,
    pub reason: String,
}

fn scorecard_record(expected: &Expected, session: Option<&Session>) -> ScorecardRecord {
    let signed_by = match session.map(Session::signature_check) {
        Some(SignatureCheck::Valid { public_key }) => signature::fingerprint_hex(&public_key),
        _ => String::new(),
    };
    ScorecardRecord {
        interview_id: expected.interview_id.clone(),
        interview_title: expected.interview_title.clone(),
        interviewer: session
            .map(|s| s.interviewer.trim().to_string())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| expected.interviewer.clone()),
        scorecard_id: session.map(|s| s.id.clone()).unwrap_or_default(),
        status: expected.receipt.label().to_string(),
        submitted_at: session.and_then(|s| s.submitted.as_ref().map(|x| x.at)),
        counted: matches!(expected.receipt, Receipt::Submitted { .. }),
        signed_by,
        recommendation: session.and_then(|s| s.recommendation),
        viewed_others_before_submitting: expected.viewed_others_at,
    }
}

/// A decision record (or, with `amends`, an amendment of one).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(default)]
pub struct DecisionRecord {
    pub schema_version: u32,
    /// Unique id, also the file name stem.
    pub id: String,
    pub loop_id: String,
    pub loop_title: String,
    pub role: String,
    pub candidate: String,
    /// `None` until the chair chooses.
    pub decision: Option<Decision>,
    pub rationale: String,
    /// Who chaired the debrief and sealed the record.
    pub chair: String,
    pub attendees: Vec<String>,
    pub dissent: Vec<Dissent>,
    /// The rule's call when the record was drafted.
    pub mechanical: Option<Mechanical>,
    /// Required when the decision differs from the mechanical call.
    pub override_reason: String,
    /// Expected scorecards that had not arrived (or did not count) when the chair proceeded.
    pub proceeded_without: Vec<ScorecardRecord>,
    /// Every expected scorecard and where it stood.
    pub scorecards: Vec<ScorecardRecord>,
    pub decided_at: Option<DateTime<FixedOffset>>,
    pub amends: Option<Amends>,
    pub signature: Option<SignatureBlock>,
}

impl Default for DecisionRecord {
    fn default() -> Self {
        DecisionRecord {
            schema_version: DECISION_SCHEMA_VERSION,
            id: String::new(),
            loop_id: String::new(),
            loop_title: String::new(),
            role: String::new(),
            candidate: String::new(),
            decision: None,
            rationale: String::new(),
            chair: String::new(),
            attendees: Vec::new(),
            dissent: Vec::new(),
            mechanical: None,
            override_reason: String::new(),
            proceeded_without: Vec::new(),
            scorecards: Vec::new(),
            decided_at: None,
            amends: None,
            signature: None,
        }
    }
}

/// Why a decision record could not be sealed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecisionError {
    #[error("this record is already sealed; record a change as an amendment")]
    AlreadySealed,
    #[error("{}", .0.join("; "))]
    Incomplete(Vec<String>),
}

impl DecisionRecord {
    /// A draft for `status`'s candidate: the loop, the mechanical call, every expected
    /// scorecard and, if some are owed, the record that the chair proceeds without them.
    pub fn draft(
        plan: &LoopPlan,
        status: &CandidateStatus,
        sessions: &[Session],
        chair: &str,
        now: DateTime<FixedOffset>,
    ) -> DecisionRecord {
        let chair = chair.trim().to_string();
        let mut record = DecisionRecord {
            id: format!(
                "{}-{}",
                now.format("%Y%m%d-%H%M%S"),
                super::names::slug(&status.candidate, 40)
            ),
            loop_id: plan.id.clone(),
            loop_title: plan.title.clone(),
            role: plan.role.clone(),
            candidate: status.candidate.clone(),
            attendees: if chair.is_empty() {
                Vec::new()
            } else {
                vec![chair.clone()]
            },
            chair,
            ..DecisionRecord::default()
        };
        record.refresh_evidence(plan, status, sessions);
        record
    }

    /// Takes the scorecards as they stand now (and the mechanical call over them), keeping
    /// everything the people wrote: for an amendment after a missing scorecard arrived.
    pub fn refresh_evidence(
        &mut self,
        plan: &LoopPlan,
        status: &CandidateStatus,
        sessions: &[Session],
    ) {
        let counted: Vec<&Session> = status
            .counted()
            .iter()
            .filter_map(|&i| sessions.get(i))
            .collect();
        self.scorecards = status
            .expected
            .iter()
            .map(|e| scorecard_record(e, e.scorecard.and_then(|i| sessions.get(i))))
            .collect();
        self.proceeded_without = self
            .scorecards
            .iter()
            .filter(|s| !s.counted)
            .cloned()
            .collect();
        self.mechanical = Some(mechanical(plan, &counted));
    }

    /// The decision differs from the mechanical call.
    pub fn is_override(&self) -> bool {
        match (&self.decision, &self.mechanical) {
            (Some(decision), Some(mechanical)) => *decision != mechanical.decision,
            _ => false,
        }
    }

    /// What is missing before the record can be sealed, one sentence each.
    pub fn problems(&self, previous: Option<&DecisionRecord>) -> Vec<String> {
        let mut out = Vec::new();
        if self.decision.is_none() {
            out.push("choose the decision: Hire, No hire or Hold".to_string());
        }
        if self.rationale.trim().is_empty() {
            out.push("write the rationale".to_string());
        }
        if self.chair.trim().is_empty() {
            out.push("name the chair".to_string());
        }
        if self.attendees.iter().all(|a| a.trim().is_empty()) {
            out.push("list who attended".to_string());
        }
        if self.is_override() && self.override_reason.trim().is_empty() {
            let rule = self.mechanical.as_ref().map_or("", |m| m.decision.label());
            out.push(format!(
                "the decision differs from the rule's call ({rule}): give the reason for the override"
            ));
        }
        for dissent in &self.dissent {
            let key = person_key(&dissent.name);
            if key.is_empty() {
                out.push("a dissent has no name; every dissent is recorded by name".into());
            } else if !self.attendees.iter().any(|a| person_key(a) == key) {
                out.push(format!(
                    "{} dissents but is not listed as attending; add them to the attendees",
                    dissent.name.trim()
                ));
            }
        }
        if let Some(amends) = &self.amends {
            if amends.reason.trim().is_empty() {
                out.push("say why the decision is amended".to_string());
            }
            if let Some(previous) = previous {
                if self.changes_from(previous).is_empty() {
                    out.push("the amendment changes nothing".to_string());
                }
            }
        }
        out
    }

    /// Seals the record: checks it is complete, dates it and signs it with `key`.
    pub fn seal(
        &mut self,
        previous: Option<&DecisionRecord>,
        key: &SigningKey,
        now: DateTime<FixedOffset>,
    ) -> Result<(), DecisionError> {
        if self.signature.is_some() {
            return Err(DecisionError::AlreadySealed);
        }
        let problems = self.problems(previous);
        if !problems.is_empty() {
            return Err(DecisionError::Incomplete(problems));
        }
        self.decided_at = Some(now);
        let block = signature::sign_with(key, DECISION_SIGNATURE_FORMAT, |public_key| {
            self.signed_bytes(public_key)
        });
        self.signature = Some(block);
        Ok(())
    }

    /// The bytes the signature covers: everything but the signature block.
    pub fn signed_bytes(&self, public_key_hex: &str) -> Vec<u8> {
        signature::document_bytes(
            DECISION_SIGNATURE_FORMAT,
            self,
            &["signature"],
            public_key_hex,
        )
    }

    /// Checks the seal: not sealed yet, valid (with the signer's key), or changed since.
    pub fn check(&self) -> SignatureCheck {
        let Some(block) = &self.signature else {
            return SignatureCheck::NotSubmitted;
        };
        match signature::verify_with(block, DECISION_SIGNATURE_FORMAT, |key| {
            self.signed_bytes(key)
        }) {
            Ok(()) => SignatureCheck::Valid {
                public_key: block.public_key.to_ascii_lowercase(),
            },
            Err(reason) => SignatureCheck::Invalid { reason },
        }
    }

    /// A draft amendment of this (sealed) record: the same content, a new id, unsealed.
    pub fn amend(&self, reason: &str, now: DateTime<FixedOffset>) -> DecisionRecord {
        DecisionRecord {
            id: format!(
                "{}-{}-amendment",
                now.format("%Y%m%d-%H%M%S"),
                super::names::slug(&self.candidate, 40)
            ),
            decided_at: None,
            amends: Some(Amends {
                record_id: self.id.clone(),
                signature: self
                    .signature
                    .as_ref()
                    .map(|s| s.signature.clone())
                    .unwrap_or_default(),
                reason: reason.trim().to_string(),
            }),
            signature: None,
            ..self.clone()
        }
    }

    /// What changed from `previous`, in words people read.
    pub fn changes_from(&self, previous: &DecisionRecord) -> Vec<String> {
        let mut out = Vec::new();
        let label = |d: Option<Decision>| d.map_or("none", Decision::label);
        if self.decision != previous.decision {
            out.push(format!(
                "Decision: {} → {}",
                label(previous.decision),
                label(self.decision)
            ));
        }
        for (what, old, new) in [
            ("Rationale", &previous.rationale, &self.rationale),
            (
                "Override reason",
                &previous.override_reason,
                &self.override_reason,
            ),
            ("Chair", &previous.chair, &self.chair),
        ] {
            match (old.trim().is_empty(), new.trim().is_empty()) {
                _ if old.trim() == new.trim() => {}
                (true, false) => out.push(format!("{what} added")),
                (false, true) => out.push(format!("{what} removed")),
                _ => out.push(format!("{what} changed")),
            }
        }
        if self.attendees != previous.attendees {
            out.push("Attendees changed".into());
        }
        if self.dissent != previous.dissent {
            out.push("Dissent changed".into());
        }
        if self.mechanical != previous.mechanical || self.scorecards != previous.scorecards {
            out.push("Scorecards or the mechanical call changed".into());
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_say_whether_a_text_was_added_removed_or_changed() {
        let before = DecisionRecord {
            rationale: "Strong design answers.".into(),
            override_reason: "Reference check pending.".into(),
            ..DecisionRecord::default()
        };
        let after = DecisionRecord {
            rationale: "Strong design answers, confirmed by references.".into(),
            chair: "Ann Lee".into(),
            ..DecisionRecord::default()
        };
        assert_eq!(
            after.changes_from(&before),
            [
                "Rationale changed",
                "Override reason removed",
                "Chair added"
            ]
        );
        assert!(before.changes_from(&before).is_empty());
    }
}
