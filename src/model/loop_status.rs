//! Expected vs received: for each candidate of a loop, every interview's scorecard is
//! submitted (sealed, when), in progress, tampered with, or missing, and how long it has been
//! overdue. Only scorecards that record the loop ([`super::loop_plan::LoopRef`]) are matched.

use std::collections::HashMap;

use chrono::{DateTime, Duration, FixedOffset};

use super::loop_plan::LoopPlan;
use super::panel::{Standing, person_key};
use super::session::Session;

/// What arrived for one expected scorecard.
#[derive(Clone, Debug, PartialEq)]
pub enum Receipt {
    /// Submitted, and its signature (or older seal) holds: it counts.
    Submitted { at: DateTime<FixedOffset> },
    /// Submitted, then changed after it was sealed: shown, never counted.
    Tampered { at: DateTime<FixedOffset> },
    /// Started (a draft in the folder), not submitted.
    InProgress {
        started_at: Option<DateTime<FixedOffset>>,
    },
    /// Nothing in the folder.
    Missing,
}

impl Receipt {
    /// A short status for a badge.
    pub fn label(&self) -> &'static str {
        match self {
            Receipt::Submitted { .. } => "Submitted",
            Receipt::Tampered { .. } => "Changed after sealing",
            Receipt::InProgress { .. } => "In progress",
            Receipt::Missing => "Missing",
        }
    }

    /// Still owed: nothing that counts has arrived.
    pub fn is_owed(&self) -> bool {
        !matches!(self, Receipt::Submitted { .. })
    }
}

/// One expected scorecard of one candidate.
#[derive(Clone, Debug, PartialEq)]
pub struct Expected {
    /// Index into the plan's interviews.
    pub interview: usize,
    pub interview_id: String,
    pub interview_title: String,
    /// Who is assigned to it in the plan.
    pub interviewer: String,
    /// The scorecard that stands for it (index into the sessions given), if any.
    pub scorecard: Option<usize>,
    pub receipt: Receipt,
    /// Other scorecards for the same candidate and interview (a second draft, an older copy):
    /// shown, never counted twice.
    pub others: Vec<usize>,
    /// When the interview ended: from the schedule, else the scorecard's finish, else its
    /// start plus the interview's length. `None` when nothing says.
    pub ended_at: Option<DateTime<FixedOffset>>,
    /// When the scorecard is due (end plus the loop's `scorecard_due_hours`).
    pub due_at: Option<DateTime<FixedOffset>>,
    /// How long past due, when owed and due.
    pub overdue: Option<Duration>,
    /// When the author saw others' ratings before submitting, as the scorecard records it.
    pub viewed_others_at: Option<DateTime<FixedOffset>>,
}

/// Every expected scorecard of one candidate.
#[derive(Clone, Debug, PartialEq)]
pub struct CandidateStatus {
    pub candidate: String,
    /// On the loop's candidate list (always true for a loop open to any candidate).
    pub listed: bool,
    pub expected: Vec<Expected>,
    /// Scorecards for this candidate that name the loop but an interview it does not have.
    pub unknown_interview: Vec<usize>,
}

impl CandidateStatus {
    /// Expected scorecards still owed.
    pub fn owed(&self) -> impl Iterator<Item = &Expected> {
        self.expected.iter().filter(|e| e.receipt.is_owed())
    }

    /// Every expected scorecard is submitted and counts.
    pub fn all_in(&self) -> bool {
        self.owed().next().is_none()
    }

    /// The scorecards that count (indices into the sessions given), one per interview.
    pub fn counted(&self) -> Vec<usize> {
        self.expected
            .iter()
            .filter(|e| matches!(e.receipt, Receipt::Submitted { .. }))
            .filter_map(|e| e.scorecard)
            .collect()
    }
}

/// Matches `sessions` against the loop at `now`: candidates in the loop's order (listed ones
/// first, then anyone else with a scorecard of this loop, by name).
pub fn expected_vs_received(
    plan: &LoopPlan,
    sessions: &[Session],
    now: DateTime<FixedOffset>,
) -> Vec<CandidateStatus> {
    // One pass over the scorecards: (candidate key, interview id) → scorecard indices.
    let mut slots: HashMap<(String, String), Vec<usize>> = HashMap::new();
    let mut names: HashMap<String, String> = HashMap::new();
    for (index, session) in sessions.iter().enumerate() {
        let Some(loop_ref) = session.loop_ref.as_ref().filter(|r| r.loop_id == plan.id) else {
            continue;
        };
        let key = person_key(&session.candidate);
        if key.is_empty() {
            continue;
        }
        names
            .entry(key.clone())
            .or_insert_with(|| session.candidate.trim().to_string());
        slots
            .entry((key, loop_ref.interview_id.clone()))
            .or_default()
            .push(index);
    }
    let mut candidates: Vec<(String, String, bool)> = Vec::new();
    // Listed candidates by key, so each one's schedule is found without a scan of the list.
    let mut listed_keys: HashMap<String, &super::loop_plan::LoopCandidate> = HashMap::new();
    if let super::loop_plan::Candidates::Named(list) = &plan.candidates {
        for candidate in list {
            let key = person_key(&candidate.name);
            if !key.is_empty() && !listed_keys.contains_key(&key) {
                listed_keys.insert(key.clone(), candidate);
                candidates.push((key, candidate.name.trim().to_string(), true));
            }
        }
    }
    let any = matches!(plan.candidates, super::loop_plan::Candidates::Any);
    let mut others: Vec<(String, String, bool)> = names
        .into_iter()
        .filter(|(key, _)| !listed_keys.contains_key(key))
        .map(|(key, name)| (key, name, any))
        .collect();
    others.sort_by(|a, b| a.0.cmp(&b.0));
    candidates.extend(others);

    let interview_ids: HashMap<&str, ()> = plan
        .interviews
        .iter()
        .map(|i| (i.id.as_str(), ()))
        .collect();
    let mut unknown: HashMap<String, Vec<usize>> = HashMap::new();
    for ((key, interview), indices) in &slots {
        if !interview_ids.contains_key(interview.as_str()) {
            unknown.entry(key.clone()).or_default().extend(indices);
        }
    }
    candidates
        .into_iter()
        .map(|(key, name, listed)| {
            let schedule = listed_keys.get(&key).map(|c| &c.schedule);
            let expected = plan
                .interviews
                .iter()
                .enumerate()
                .map(|(index, interview)| {
                    let found = slots
                        .get(&(key.clone(), interview.id.clone()))
                        .map(Vec::as_slice)
                        .unwrap_or(&[]);
                    let scheduled = schedule.and_then(|s| s.get(&interview.id)).copied();
                    expect(plan, index, found, sessions, scheduled, now)
                })
                .collect();
            let mut unknown_interview = unknown.remove(&key).unwrap_or_default();
            unknown_interview.sort_unstable();
            CandidateStatus {
                candidate: name,
                listed,
                expected,
                unknown_interview,
            }
        })
        .collect()
}

fn expect(
    plan: &LoopPlan,
    index: usize,
    found: &[usize],
    sessions: &[Session],
    scheduled: Option<DateTime<FixedOffset>>,
    now: DateTime<FixedOffset>,
) -> Expected {
    let interview = &plan.interviews[index];
    // The one that stands for the interview: a counted scorecard (the latest submitted), else
    // a tampered one (so the change is seen), else the latest draft.
    let rank = |i: usize| {
        let session = &sessions[i];
        let standing = match Standing::of(session) {
            Standing::Counted => 2,
            Standing::Tampered => 1,
            Standing::NotSubmitted => 0,
        };
        let when = session
            .submitted
            .as_ref()
            .map(|s| s.at)
            .or(session.started_at);
        (standing, when, std::cmp::Reverse(i))
    };
    let chosen = found.iter().copied().max_by_key(|&i| rank(i));
    let others: Vec<usize> = found
        .iter()
        .copied()
        .filter(|&i| Some(i) != chosen)
        .collect();
    let session = chosen.map(|i| &sessions[i]);
    let receipt = match session {
        None => Receipt::Missing,
        Some(s) => match (Standing::of(s), &s.submitted) {
            (Standing::Counted, Some(sub)) => Receipt::Submitted { at: sub.at },
            (Standing::Tampered, Some(sub)) => Receipt::Tampered { at: sub.at },
            _ => Receipt::InProgress {
                started_at: s.started_at,
            },
        },
    };
    let length = Duration::minutes(i64::from(interview.minutes));
    let ended_at = scheduled
        .map(|start| start + length)
        .or(session.and_then(|s| s.finished_at))
        .or(session
            .and_then(|s| s.started_at)
            .map(|start| start + length));
    let due_at = ended_at.map(|end| end + Duration::hours(i64::from(plan.scorecard_due_hours)));
    let overdue = due_at
        .filter(|_| receipt.is_owed())
        .map(|due| now.signed_duration_since(due))
        .filter(|late| *late > Duration::zero());
    Expected {
        interview: index,
        interview_id: interview.id.clone(),
        interview_title: interview.display_title(),
        interviewer: interview.interviewer.trim().to_string(),
        scorecard: chosen,
        receipt,
        others,
        ended_at,
        due_at,
        overdue,
        viewed_others_at: session.and_then(|s| s.viewed_other_ratings_at),
    }
}

/// "3 d 4 h", "5 h 10 min", "12 min": how long, for people.
pub fn span_text(span: Duration) -> String {
    let minutes = span.num_minutes().max(0);
    let (days, hours, mins) = (minutes / 1440, (minutes % 1440) / 60, minutes % 60);
    match (days, hours) {
        (0, 0) => format!("{mins} min"),
        (0, h) if mins == 0 => format!("{h} h"),
        (0, h) => format!("{h} h {mins} min"),
        (d, 0) => format!("{d} d"),
        (d, h) => format!("{d} d {h} h"),
    }
}

/// Where an owed scorecard stands, in a few words: "overdue 1 d 2 h", "in progress, due in
/// 3 h", "due in 5 h", "not scheduled".
pub fn owed_text(expected: &Expected, now: DateTime<FixedOffset>) -> String {
    let state = match &expected.receipt {
        Receipt::InProgress { .. } => Some("in progress"),
        Receipt::Tampered { .. } => Some("changed after sealing, not counted"),
        _ => None,
    };
    let timing = match (expected.overdue, expected.due_at) {
        (Some(late), _) => format!("overdue {}", span_text(late)),
        (None, Some(due)) => format!("due in {}", span_text(due.signed_duration_since(now))),
        (None, None) => "not scheduled".to_string(),
    };
    match state {
        Some(state) => format!("{state}, {timing}"),
        None => timing,
    }
}

/// One line for a chat or an email: who still owes which scorecard, most overdue first,
/// grouped by interviewer. Says so when nothing is owed.
pub fn owed_summary(
    plan: &LoopPlan,
    statuses: &[CandidateStatus],
    now: DateTime<FixedOffset>,
) -> String {
    let loop_name = if plan.title.trim().is_empty() {
        plan.id.trim()
    } else {
        plan.title.trim()
    };
    // Interviewer → (most overdue, entries); first-seen order breaks ties.
    let mut by_person: Vec<(String, Duration, Vec<String>)> = Vec::new();
    let mut at: HashMap<String, usize> = HashMap::new();
    for status in statuses {
        for expected in status.owed() {
            let who = if expected.interviewer.is_empty() {
                "Unassigned".to_string()
            } else {
                expected.interviewer.clone()
            };
            let slot = *at.entry(person_key(&who)).or_insert_with(|| {
                by_person.push((who.clone(), Duration::zero(), Vec::new()));
                by_person.len() - 1
            });
            let entry = &mut by_person[slot];
            entry.1 = entry.1.max(expected.overdue.unwrap_or_else(Duration::zero));
            entry.2.push(format!(
                "{} – {} ({})",
                status.candidate,
                expected.interview_title,
                owed_text(expected, now)
            ));
        }
    }
    if by_person.is_empty() {
        return format!("{loop_name}: every expected scorecard is in.");
    }
    by_person.sort_by_key(|p| std::cmp::Reverse(p.1));
    let owed: usize = by_person.iter().map(|p| p.2.len()).sum();
    let parts: Vec<String> = by_person
        .into_iter()
        .map(|(who, _, entries)| format!("{who}: {}", entries.join(", ")))
        .collect();
    format!(
        "{loop_name}: {owed} scorecard{} still owed. {}.",
        if owed == 1 { "" } else { "s" },
        parts.join("; ")
    )
}
