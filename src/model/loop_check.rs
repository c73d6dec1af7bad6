//! Checking a loop plan before anyone relies on it: every problem with where it is and what
//! to do about it. Errors make the plan unusable (the panel would expect the wrong scorecards
//! or apply a rule nobody agreed); warnings are worth a look but do not stop anything.

use std::collections::{HashMap, HashSet};

use super::loop_plan::{Candidates, LoopPlan};
use super::panel::person_key;

/// How serious a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One problem in a loop plan.
#[derive(Clone, Debug, PartialEq)]
pub struct LoopProblem {
    pub severity: Severity,
    /// The field, e.g. `interviews[2].interviewer`.
    pub place: String,
    /// The top-level field the problem sits in (`interviews`, `weights`, …), so the store can
    /// find its line in the file.
    pub section: &'static str,
    /// Text that appears in the file at the problem, spaces left out (`id:"coding"`), when
    /// there is such text; its `occurrence`-th appearance (0-based) after `section` is meant.
    pub value: Option<String>,
    pub occurrence: usize,
    /// What is wrong and what to do, as a sentence.
    pub message: String,
}

impl std::fmt::Display for LoopProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {}: {}",
            self.severity.label(),
            self.place,
            self.message
        )
    }
}

struct Problems(Vec<LoopProblem>);

impl Problems {
    fn push(
        &mut self,
        severity: Severity,
        section: &'static str,
        place: String,
        at: Option<(String, usize)>,
        message: String,
    ) {
        let (value, occurrence) = at.map_or((None, 0), |(v, n)| (Some(v), n));
        self.0.push(LoopProblem {
            severity,
            place,
            section,
            value,
            occurrence,
            message,
        });
    }
}

/// The `n`-th `id: "ID"` (spaces aside) in the file.
fn id_at(id: &str, n: usize) -> Option<(String, usize)> {
    Some((format!("id:\"{id}\""), n))
}

/// The first `"KEY":` of a map (weights, a schedule).
fn key_at(key: &str) -> Option<(String, usize)> {
    Some((format!("\"{key}\":"), 0))
}

/// Counts how often each value was seen so far, for "the second `coding`" positions.
#[derive(Default)]
struct Seen(HashMap<String, usize>);

impl Seen {
    /// How many times `key` was seen before this one.
    fn note(&mut self, key: &str) -> usize {
        let n = self.0.entry(key.to_string()).or_insert(0);
        *n += 1;
        *n - 1
    }
}

/// The names `covers` and `weights` may use: declared competency ids and the categories of
/// the loop's questions.
struct Names<'a>(HashSet<&'a str>);

impl<'a> Names<'a> {
    fn of(plan: &'a LoopPlan) -> Names<'a> {
        let declared = plan.competencies.iter().map(|c| c.id.as_str());
        let categories = plan
            .interviews
            .iter()
            .flat_map(|i| &i.questions)
            .map(|q| q.category.as_str());
        Names(declared.chain(categories).collect())
    }

    fn knows(&self, name: &str) -> bool {
        self.0.contains(name)
    }
}

/// Every problem of `plan`, errors first.
pub fn check(plan: &LoopPlan) -> Vec<LoopProblem> {
    let mut problems = Problems(Vec::new());
    use Severity::{Error, Warning};
    if plan.id.trim().is_empty() {
        problems.push(
            Error,
            "id",
            "id".into(),
            None,
            "the loop has no id; give it a short stable one such as \"backend-2026\" (scorecards record it)".into(),
        );
    }
    if plan.title.trim().is_empty() {
        problems.push(
            Warning,
            "title",
            "title".into(),
            None,
            "the loop has no title; people will see its id instead".into(),
        );
    }
    let names = Names::of(plan);
    check_competencies(plan, &names, &mut problems);
    check_interviews(plan, &names, &mut problems);
    check_candidates(plan, &mut problems);
    check_rule(plan, &mut problems);
    let mut out = problems.0;
    out.sort_by_key(|p| p.severity);
    out
}

fn check_competencies(plan: &LoopPlan, names: &Names, problems: &mut Problems) {
    let mut ids = Seen::default();
    for (index, competency) in plan.competencies.iter().enumerate() {
        let place = format!("competencies[{index}]");
        let id = competency.id.trim();
        let occurrence = if id.is_empty() {
            problems.push(
                Severity::Error,
                "competencies",
                place.clone(),
                None,
                "a competency has no id; give it one so interviews and weights can name it".into(),
            );
            0
        } else {
            let n = ids.note(id);
            if n > 0 {
                problems.push(
                    Severity::Error,
                    "competencies",
                    place.clone(),
                    id_at(id, n),
                    format!(
                        "the competency id \"{id}\" is used twice; give each competency its own id"
                    ),
                );
            }
            n
        };
        if competency.categories.is_empty() && competency.tags.is_empty() {
            problems.push(
                Severity::Error,
                "competencies",
                place,
                if id.is_empty() { None } else { id_at(id, occurrence) },
                format!(
                    "the competency \"{}\" maps to no category and no tag, so no question can cover it; add `categories` or `tags`",
                    if id.is_empty() { "(no id)" } else { id }
                ),
            );
        }
    }
    let map = plan.competency_map();
    for (key, weight) in &plan.weights {
        if !weight.is_finite() || *weight < 0.0 {
            problems.push(
                Severity::Error,
                "weights",
                format!("weights[\"{key}\"]"),
                key_at(key),
                format!("the weight {weight} is not a number of 0 or more; use 0 to leave the competency out, 1 for normal, 2 for double"),
            );
        }
        if !names.knows(key) {
            problems.push(
                Severity::Warning,
                "weights",
                format!("weights[\"{key}\"]"),
                key_at(key),
                format!("\"{key}\" is neither a declared competency nor the category of any question in the loop; check the spelling"),
            );
        }
    }
    if map.competencies.is_empty() {
        problems.push(
            Severity::Warning,
            "competencies",
            "competencies".into(),
            None,
            "the loop names no competency and has no questions, so there is nothing to cover; add competencies or plan the interviews".into(),
        );
    }
}

fn check_interviews(plan: &LoopPlan, names: &Names, problems: &mut Problems) {
    if plan.interviews.is_empty() {
        problems.push(
            Severity::Error,
            "interviews",
            "interviews".into(),
            None,
            "the loop has no interviews; add at least one with an id, a title and an interviewer"
                .into(),
        );
    }
    let mut ids = Seen::default();
    for (index, interview) in plan.interviews.iter().enumerate() {
        let id = interview.id.trim();
        let place = format!("interviews[{index}]");
        let at = if id.is_empty() {
            problems.push(
                Severity::Error,
                "interviews",
                format!("{place}.id"),
                None,
                "an interview has no id; give it a short stable one such as \"coding\" (scorecards record it)".into(),
            );
            None
        } else {
            let n = ids.note(id);
            if n > 0 {
                problems.push(
                    Severity::Error,
                    "interviews",
                    format!("{place}.id"),
                    id_at(id, n),
                    format!("the interview id \"{id}\" is used twice; scorecards could not tell the interviews apart"),
                );
            }
            id_at(id, n)
        };
        let name = interview.display_title();
        if interview.interviewer.trim().is_empty() {
            problems.push(
                Severity::Error,
                "interviews",
                format!("{place}.interviewer"),
                at.clone(),
                format!("\"{name}\" has no interviewer assigned; name who runs it, or nobody is expected to submit its scorecard"),
            );
        }
        if interview.minutes == 0 {
            problems.push(
                Severity::Error,
                "interviews",
                format!("{place}.minutes"),
                at.clone(),
                format!(
                    "\"{name}\" has no length; set `minutes` (its scorecard is due after it ends)"
                ),
            );
        } else if interview.planned_minutes() > interview.minutes {
            problems.push(
                Severity::Warning,
                "interviews",
                format!("{place}.questions"),
                at.clone(),
                format!(
                    "\"{name}\" plans {} min of questions for a {} min interview; drop a question or lengthen it",
                    interview.planned_minutes(),
                    interview.minutes
                ),
            );
        }
        if interview.questions.is_empty() {
            problems.push(
                Severity::Warning,
                "interviews",
                format!("{place}.questions"),
                at.clone(),
                format!("\"{name}\" has no questions yet; build its plan in the Bank view"),
            );
        }
        for cover in &interview.covers {
            if !names.knows(cover) {
                problems.push(
                    Severity::Warning,
                    "interviews",
                    format!("{place}.covers"),
                    at.clone(),
                    format!("\"{name}\" must cover \"{cover}\", which is neither a declared competency nor the category of any question in the loop; check the spelling"),
                );
            }
        }
    }
}

fn check_candidates(plan: &LoopPlan, problems: &mut Problems) {
    let Candidates::Named(list) = &plan.candidates else {
        return;
    };
    if list.is_empty() {
        problems.push(
            Severity::Warning,
            "candidates",
            "candidates".into(),
            None,
            "the candidate list is empty; add names, or write `candidates: Any`".into(),
        );
    }
    let mut names = Seen::default();
    for (index, candidate) in list.iter().enumerate() {
        let place = format!("candidates[{index}]");
        let key = person_key(&candidate.name);
        if key.is_empty() {
            problems.push(
                Severity::Error,
                "candidates",
                place.clone(),
                None,
                "a candidate has no name; fill it in or remove the entry".into(),
            );
            continue;
        }
        let n = names.note(&key);
        if n > 0 {
            problems.push(
                Severity::Error,
                "candidates",
                place.clone(),
                Some((format!("name:\"{}\"", candidate.name.trim()), n)),
                format!("{} is listed twice; keep one entry", candidate.name.trim()),
            );
        }
        for interview in candidate.schedule.keys() {
            if plan.interview(interview).is_none() {
                problems.push(
                    Severity::Error,
                    "candidates",
                    format!("{place}.schedule"),
                    key_at(interview),
                    format!("{}'s schedule names the interview \"{interview}\", which the loop does not have; use one of the interview ids", candidate.name.trim()),
                );
            }
        }
    }
}

fn check_rule(plan: &LoopPlan, problems: &mut Problems) {
    let rule = &plan.rule;
    let in_scale = |v: f32| v.is_finite() && (1.0..=4.0).contains(&v);
    for (field, value) in [
        ("hire_at_least", Some(rule.hire_at_least)),
        ("no_hire_below", Some(rule.no_hire_below)),
        ("floor", rule.floor),
    ] {
        if let Some(value) = value.filter(|v| !in_scale(*v)) {
            problems.push(
                Severity::Error,
                "rule",
                format!("rule.{field}"),
                None,
                format!("{value} is outside the rating scale; use a value from 1 to 4"),
            );
        }
    }
    if rule.no_hire_below > rule.hire_at_least {
        problems.push(
            Severity::Error,
            "rule",
            "rule".into(),
            None,
            format!(
                "`no_hire_below` ({}) is above `hire_at_least` ({}), so one score would mean both; lower `no_hire_below` or raise `hire_at_least`",
                rule.no_hire_below, rule.hire_at_least
            ),
        );
    }
    if plan
        .competency_map()
        .competencies
        .iter()
        .all(|c| plan.weight(&c.id) == 0.0)
        && !plan.weights.is_empty()
    {
        problems.push(
            Severity::Error,
            "weights",
            "weights".into(),
            None,
            "every competency has weight 0, so the mechanical call can never be made; give at least one a weight above 0".into(),
        );
    }
}
