//! What question health reads from a scorecard, and nothing more: who, whom, when, the overall
//! call, and per answer the rubric version, the rating, the time and the ticks.
//!
//! The figures are computed from these facts rather than from whole scorecards so that the
//! store can keep them in an index on disk and re-read only the scorecard files that changed
//! (`store::health_index`): a history of 10,000 scorecards is then analysed again in well under
//! the time it takes to parse them.
//!
//! Each rubric version's question text is held once, in [`HealthInput::versions`], and answers
//! refer to it by position: the same question asked thousands of times is stored once.

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::super::panel::person_key;
use super::super::plan::QuestionSnapshot;
use super::super::scoring::{counted_rating, counts_toward_figures, was_asked};
use super::super::session::{Recommendation, Session};
use super::super::signature::SignatureCheck;

/// Whether a scorecard counts, by its own content and signature.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standing {
    /// A draft: never submitted.
    NotSubmitted,
    /// Submitted, signed, and the signature matches the content.
    Signed,
    /// Submitted before scorecards were signed; its older seal matches. It counts unless the
    /// folder has a pinned key for its interviewer (then a missing signature means tampering),
    /// which only the store can tell: see [`ScorecardFacts::standing`].
    UnsignedOlder,
    /// Submitted, but the signature (or seal) does not match the content.
    Tampered,
}

impl Standing {
    /// From a signature check (with or without the store's key pinning applied).
    pub fn of(check: &SignatureCheck) -> Standing {
        match check {
            SignatureCheck::NotSubmitted => Standing::NotSubmitted,
            SignatureCheck::Valid { .. } => Standing::Signed,
            SignatureCheck::UnsignedOlder => Standing::UnsignedOlder,
            SignatureCheck::Invalid { .. } => Standing::Tampered,
        }
    }

    /// True when the scorecard counts in the figures.
    pub fn counts(self) -> bool {
        matches!(self, Standing::Signed | Standing::UnsignedOlder)
    }
}

/// One scorecard as question health sees it.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct ScorecardFacts {
    pub id: String,
    pub standing: Standing,
    /// [`person_key`] of the candidate's name; a scorecard without a name stands alone (a key
    /// no name can produce).
    pub candidate: String,
    /// [`person_key`] of the interviewer's name.
    pub interviewer: String,
    /// When the interview took place ([`super::session_date`]).
    pub date: Option<DateTime<FixedOffset>>,
    pub recommendation: Option<Recommendation>,
    /// Answers that were asked (not skipped, not ad hoc), in scorecard order.
    pub answers: Vec<AnswerFacts>,
    /// Answers to ad-hoc questions, left out.
    pub ad_hoc_answers: u32,
    /// Answers to skipped questions, left out.
    pub skipped_answers: u32,
}

/// One counted answer.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
// Stored as a row `[version, rating, time_secs, ticked, red_flags]`: answers are most of the
// store's index, and field names repeated in every answer would double its size and the time
// it takes to read.
#[serde(from = "AnswerRow", into = "AnswerRow")]
pub struct AnswerFacts {
    /// Position of the question's rubric version in [`HealthInput::versions`].
    pub version: u32,
    /// The counted rating, 1–4.
    pub rating: Option<u8>,
    pub time_secs: f64,
    /// Rubric points ticked, each once and within the rubric (0-based).
    pub ticked: Vec<u16>,
    /// Red flags observed, each once and within the rubric (0-based).
    pub red_flags: Vec<u16>,
}

/// [`AnswerFacts`] as stored.
#[derive(Serialize, Deserialize)]
struct AnswerRow(u32, Option<u8>, f64, Vec<u16>, Vec<u16>);

impl From<AnswerRow> for AnswerFacts {
    fn from(AnswerRow(version, rating, time_secs, ticked, red_flags): AnswerRow) -> Self {
        AnswerFacts {
            version,
            rating,
            time_secs,
            ticked,
            red_flags,
        }
    }
}

impl From<AnswerFacts> for AnswerRow {
    fn from(a: AnswerFacts) -> Self {
        AnswerRow(a.version, a.rating, a.time_secs, a.ticked, a.red_flags)
    }
}

/// Everything the figures are computed from: the rubric versions asked, and each scorecard's
/// facts. Built with [`HealthInput::add`] from scorecards, or by the store from its index.
#[derive(Clone, Debug, Default)]
pub struct HealthInput {
    /// Each (question id, rubric hash) asked, with the question as first seen (only the parts
    /// the figures show: id, category title, prompt, rubric, minutes, hash).
    pub versions: Vec<QuestionSnapshot>,
    pub scorecards: Vec<ScorecardFacts>,
    /// Question id → (rubric hash, position in `versions`): keyed by id alone so a lookup
    /// borrows the answer's strings instead of allocating a key per answer.
    lookup: HashMap<String, Vec<(String, u32)>>,
}

impl HealthInput {
    /// An input over an existing table of versions (from the store's index).
    pub fn with_versions(versions: Vec<QuestionSnapshot>) -> HealthInput {
        let mut lookup: HashMap<String, Vec<(String, u32)>> = HashMap::new();
        for (i, v) in versions.iter().enumerate() {
            lookup
                .entry(v.id.clone())
                .or_default()
                .push((v.rubric_hash.clone(), i as u32));
        }
        HealthInput {
            versions,
            scorecards: Vec::new(),
            lookup,
        }
    }

    /// Extracts a scorecard's facts (its standing by [`Session::signature_check`], so a verdict
    /// the store recorded in it applies) and adds them.
    pub fn add(&mut self, session: &Session) {
        let facts = self.extract(session, Standing::of(&session.signature_check()));
        self.scorecards.push(facts);
    }

    /// A scorecard's facts with the given standing, interning its rubric versions here but not
    /// adding the scorecard (the store decides which copy of a scorecard counts).
    pub fn extract(&mut self, session: &Session, standing: Standing) -> ScorecardFacts {
        let key = person_key(&session.candidate);
        let candidate = if key.is_empty() {
            format!("\u{0}{}", session.id)
        } else {
            key
        };
        let mut facts = ScorecardFacts {
            id: session.id.clone(),
            standing,
            candidate,
            interviewer: person_key(&session.interviewer),
            date: super::session_date(session),
            recommendation: session.recommendation,
            answers: Vec::with_capacity(session.questions.len()),
            ad_hoc_answers: 0,
            skipped_answers: 0,
        };
        for outcome in &session.questions {
            let q = &outcome.question;
            if q.ad_hoc || q.id.trim().is_empty() {
                facts.ad_hoc_answers += 1;
                continue;
            }
            if !counts_toward_figures(outcome) {
                facts.skipped_answers += 1;
                continue;
            }
            if !was_asked(outcome) {
                continue;
            }
            let version = self.intern(q);
            facts.answers.push(AnswerFacts {
                version,
                rating: counted_rating(outcome).map(|r| r.value()),
                // Milliseconds are finer than any figure shows, and keep the index short.
                time_secs: (outcome.time_secs * 1000.0).round() / 1000.0,
                ticked: distinct(outcome.ticked.iter().map(|t| t.index), q.listen_for.len()),
                red_flags: distinct(outcome.red_flags.iter().map(|t| t.index), q.red_flags.len()),
            });
        }
        facts
    }

    /// The position of `q`'s (id, rubric hash) in [`HealthInput::versions`], adding it when new.
    pub fn intern(&mut self, q: &QuestionSnapshot) -> u32 {
        let known = self.lookup.get(q.id.as_str()).and_then(|hashes| {
            hashes
                .iter()
                .find(|(hash, _)| *hash == q.rubric_hash)
                .map(|(_, index)| *index)
        });
        if let Some(index) = known {
            return index;
        }
        let index = self.versions.len() as u32;
        self.versions.push(QuestionSnapshot {
            id: q.id.clone(),
            category_title: q.category_title.clone(),
            prompt: q.prompt.clone(),
            listen_for: q.listen_for.clone(),
            red_flags: q.red_flags.clone(),
            minutes: q.minutes,
            rubric_hash: q.rubric_hash.clone(),
            ..QuestionSnapshot::default()
        });
        self.lookup
            .entry(q.id.clone())
            .or_default()
            .push((q.rubric_hash.clone(), index));
        index
    }
}

/// Indices within `0..len`, each once, in first-seen order: a hand-edited file may list an
/// index twice or out of range.
fn distinct(indices: impl Iterator<Item = usize>, len: usize) -> Vec<u16> {
    let len = len.min(usize::from(u16::MAX) + 1);
    let mut seen = vec![false; len];
    let mut out = Vec::new();
    for index in indices {
        if index < len && !seen[index] {
            seen[index] = true;
            out.push(index as u16);
        }
    }
    out
}
