//! A hiring loop: the interviews a candidate gets, who runs each, which competencies each must
//! cover and with which questions, and the rule the panel agreed before anyone interviewed
//! (competency weights and the thresholds of the mechanical call).
//!
//! A loop plan is a RON file in the panel's shared folder (`NAME.loop.ron`), so it can live in
//! git beside the scorecards. Every scorecard started from it records the loop and interview it
//! belongs to ([`LoopRef`]), which is how the panel knows what it still expects.
//!
//! A competency is either declared (a named attribute such as "System design", mapped to bank
//! categories and/or question tags) or a bare category id named in an interview's `covers` or
//! in the weights. What an interview actually covers is read from its questions, never from
//! its `covers` list alone: see `loop_coverage`.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::bank::QuestionBank;
use super::panel::{AD_HOC_CATEGORY, person_key};
use super::plan::{InterviewPlan, QuestionSnapshot};
use super::question::Level;
use super::session::Session;

/// Version of the loop plan file format. Files with a newer version are refused.
pub const LOOP_SCHEMA_VERSION: u32 = 1;

/// The loop and interview a scorecard belongs to, recorded in the scorecard (and signed).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[serde(default)]
pub struct LoopRef {
    /// [`LoopPlan::id`].
    pub loop_id: String,
    /// [`LoopInterview::id`].
    pub interview_id: String,
}

/// Who the loop is for.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub enum Candidates {
    /// Any candidate: the panel expects scorecards for whoever has one in the folder.
    #[default]
    Any,
    /// These candidates, each with the interviews' start times when they are scheduled.
    Named(Vec<LoopCandidate>),
}

/// A candidate of the loop.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(default)]
#[serde(deny_unknown_fields)]
pub struct LoopCandidate {
    pub name: String,
    /// Start time per interview id; an interview ends its length in minutes later, and its
    /// scorecard is due [`LoopPlan::scorecard_due_hours`] after that.
    pub schedule: BTreeMap<String, DateTime<FixedOffset>>,
}

/// A named competency (a "focus attribute") and the questions that cover it.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(default)]
#[serde(deny_unknown_fields)]
pub struct Competency {
    /// Stable id, used in `covers` and `weights`.
    pub id: String,
    pub title: String,
    /// Bank category ids whose questions cover it.
    pub categories: Vec<String>,
    /// Question tags that cover it (snapshots carry their tags once
    /// [`LoopPlan::attach_tags`] has run).
    pub tags: Vec<String>,
}

impl Competency {
    /// The title people read: the title, or the id when there is none.
    pub fn display_title(&self) -> String {
        non_empty_or(&self.title, &self.id)
    }
}

/// `text` trimmed, or `fallback` when it is blank.
pub(crate) fn non_empty_or(text: &str, fallback: &str) -> String {
    if text.trim().is_empty() {
        fallback.trim().to_string()
    } else {
        text.trim().to_string()
    }
}

/// One interview of the loop.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(default)]
#[serde(deny_unknown_fields)]
pub struct LoopInterview {
    /// Stable id, recorded in every scorecard of this interview.
    pub id: String,
    pub title: String,
    /// The interviewer assigned to run it.
    pub interviewer: String,
    /// Competency ids (or bare category ids) this interview must cover.
    pub covers: Vec<String>,
    /// Length of the interview.
    pub minutes: u32,
    /// The questions, as snapshots (a plan built in the Bank view).
    pub questions: Vec<QuestionSnapshot>,
}

impl LoopInterview {
    /// The title people read: the title, or the id when there is none.
    pub fn display_title(&self) -> String {
        non_empty_or(&self.title, &self.id)
    }

    /// Total suggested minutes of the planned questions.
    pub fn planned_minutes(&self) -> u32 {
        self.questions.iter().map(|q| q.minutes).sum()
    }

    /// Takes the questions of a plan built in the Bank view.
    pub fn set_plan(&mut self, plan: &InterviewPlan) {
        self.questions = plan.questions.clone();
    }
}

/// The mechanical call's thresholds, set before the interviews. See `decision::mechanical`.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(default)]
#[serde(deny_unknown_fields)]
pub struct DecisionRule {
    /// A weighted score (1–4) at or above this says Hire, unless a competency is below
    /// `floor`.
    pub hire_at_least: f32,
    /// A weighted score below this says No hire; in between says Hold.
    pub no_hire_below: f32,
    /// A competency whose mean is below this says No hire whatever the weighted score.
    pub floor: Option<f32>,
}

impl Default for DecisionRule {
    fn default() -> Self {
        DecisionRule {
            hire_at_least: 3.0,
            no_hire_below: 2.5,
            floor: Some(2.0),
        }
    }
}

/// A hiring loop plan.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(default)]
#[serde(deny_unknown_fields)]
pub struct LoopPlan {
    pub schema_version: u32,
    /// Stable id, recorded in every scorecard of the loop.
    pub id: String,
    pub title: String,
    pub role: String,
    pub level: Level,
    pub candidates: Candidates,
    pub competencies: Vec<Competency>,
    pub interviews: Vec<LoopInterview>,
    /// Pre-registered weight per competency id for the mechanical aggregate; missing means 1,
    /// 0 leaves the competency out of the weighted score.
    pub weights: BTreeMap<String, f32>,
    pub rule: DecisionRule,
    /// Hours after an interview ends by which its scorecard is due; 0 means as soon as it ends.
    pub scorecard_due_hours: u32,
}

impl Default for LoopPlan {
    fn default() -> Self {
        LoopPlan {
            schema_version: LOOP_SCHEMA_VERSION,
            id: String::new(),
            title: String::new(),
            role: String::new(),
            level: Level::Intermediate,
            candidates: Candidates::Any,
            competencies: Vec::new(),
            interviews: Vec::new(),
            weights: BTreeMap::new(),
            rule: DecisionRule::default(),
            scorecard_due_hours: 24,
        }
    }
}

/// The loop's competencies, declared and implicit, with lookups from a question to the
/// competencies it covers. Built once per use so mapping a question is a hash lookup.
#[derive(Clone, Debug, PartialEq)]
pub struct CompetencyMap {
    pub competencies: Vec<Competency>,
    /// Competencies that exist only because a question's category is mapped to nothing
    /// declared (and the loop declares nothing at all): indices into `competencies`.
    pub from_questions: Vec<usize>,
    by_category: HashMap<String, Vec<usize>>,
    by_tag: HashMap<String, Vec<usize>>,
}

impl CompetencyMap {
    /// Indices of the competencies `question` covers, in competency order, each once.
    pub fn of_question(&self, question: &QuestionSnapshot) -> Vec<usize> {
        if question.ad_hoc || question.category == AD_HOC_CATEGORY {
            return Vec::new();
        }
        let mut found: Vec<usize> = Vec::new();
        let tags = question.tags.iter().filter_map(|t| self.by_tag.get(t));
        for indices in self
            .by_category
            .get(&question.category)
            .into_iter()
            .chain(tags)
        {
            found.extend(indices);
        }
        found.sort_unstable();
        found.dedup();
        found
    }

    /// The index of competency `id`.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.competencies.iter().position(|c| c.id == id)
    }
}

impl LoopPlan {
    /// The interview with id `id`.
    pub fn interview(&self, id: &str) -> Option<&LoopInterview> {
        self.interviews.iter().find(|i| i.id == id)
    }

    /// True when `candidate` may be interviewed in this loop (any, or on the list).
    pub fn admits(&self, candidate: &str) -> bool {
        match &self.candidates {
            Candidates::Any => true,
            Candidates::Named(list) => {
                let key = person_key(candidate);
                list.iter().any(|c| person_key(&c.name) == key)
            }
        }
    }

    /// The named candidate entry for `candidate`, if the loop lists candidates.
    pub fn candidate(&self, candidate: &str) -> Option<&LoopCandidate> {
        let Candidates::Named(list) = &self.candidates else {
            return None;
        };
        let key = person_key(candidate);
        list.iter().find(|c| person_key(&c.name) == key)
    }

    /// The pre-registered weight of a competency (1 when not set; invalid values count as 1,
    /// as validation reports them).
    pub fn weight(&self, competency: &str) -> f32 {
        self.weights
            .get(competency)
            .copied()
            .filter(|w| w.is_finite() && *w >= 0.0)
            .unwrap_or(1.0)
    }

    /// Every competency of the loop: the declared ones, then bare category ids named in
    /// `covers` or `weights`; when the loop names no competency at all, the categories of its
    /// questions, so a loop defined by questions alone still has a matrix.
    pub fn competency_map(&self) -> CompetencyMap {
        let mut competencies = self.competencies.clone();
        let mut known: HashMap<String, usize> = competencies
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.clone(), i))
            .collect();
        let titles = self.category_titles();
        let mut add_bare = |id: &str, competencies: &mut Vec<Competency>| {
            if id.trim().is_empty() || known.contains_key(id) {
                return;
            }
            known.insert(id.to_string(), competencies.len());
            competencies.push(Competency {
                id: id.to_string(),
                title: titles.get(id).cloned().unwrap_or_else(|| id.to_string()),
                categories: vec![id.to_string()],
                tags: Vec::new(),
            });
        };
        for interview in &self.interviews {
            for id in &interview.covers {
                add_bare(id, &mut competencies);
            }
        }
        for id in self.weights.keys() {
            add_bare(id, &mut competencies);
        }
        let mut from_questions = Vec::new();
        if competencies.is_empty() {
            for question in self.interviews.iter().flat_map(|i| &i.questions) {
                if question.ad_hoc || question.category == AD_HOC_CATEGORY {
                    continue;
                }
                let before = competencies.len();
                add_bare(&question.category, &mut competencies);
                if competencies.len() > before {
                    from_questions.push(before);
                }
            }
        }
        let mut by_category: HashMap<String, Vec<usize>> = HashMap::new();
        let mut by_tag: HashMap<String, Vec<usize>> = HashMap::new();
        for (index, competency) in competencies.iter().enumerate() {
            for category in &competency.categories {
                by_category.entry(category.clone()).or_default().push(index);
            }
            for tag in &competency.tags {
                by_tag.entry(tag.clone()).or_default().push(index);
            }
        }
        CompetencyMap {
            competencies,
            from_questions,
            by_category,
            by_tag,
        }
    }

    /// Category titles as the questions' snapshots name them.
    fn category_titles(&self) -> HashMap<String, String> {
        let mut titles = HashMap::new();
        for question in self.interviews.iter().flat_map(|i| &i.questions) {
            if !question.category_title.trim().is_empty() {
                titles
                    .entry(question.category.clone())
                    .or_insert_with(|| question.category_title.clone());
            }
        }
        titles
    }

    /// Copies each question's tags from the bank into the loop's snapshots, so competencies
    /// mapped to tags see the questions that carry them. Questions no longer in the bank keep
    /// the tags they have. Returns how many snapshots changed.
    pub fn attach_tags(&mut self, bank: &QuestionBank) -> usize {
        let mut changed = 0;
        for question in self.interviews.iter_mut().flat_map(|i| &mut i.questions) {
            if let Some(found) = bank.get(&question.id) {
                if question.tags != found.tags {
                    question.tags = found.tags.clone();
                    changed += 1;
                }
            }
        }
        changed
    }

    /// Category weights for a scorecard of this loop, so the Panel's own aggregate follows
    /// the loop's weights too: each category takes the weight of the first competency that
    /// maps it.
    pub fn category_weights(&self) -> BTreeMap<String, f32> {
        let map = self.competency_map();
        let mut weights = BTreeMap::new();
        for competency in &map.competencies {
            for category in &competency.categories {
                weights
                    .entry(category.clone())
                    .or_insert_with(|| self.weight(&competency.id));
            }
        }
        weights
    }

    /// The interview as a plan, for starting a session the usual way.
    pub fn interview_plan(&self, interview: &LoopInterview) -> InterviewPlan {
        InterviewPlan {
            title: interview.title.clone(),
            role: self.role.clone(),
            target_level: self.level,
            target_minutes: interview.minutes,
            category_weights: self.category_weights(),
            questions: interview.questions.clone(),
            ..InterviewPlan::default()
        }
    }

    /// Starts `interview_id` for `candidate`: the scorecard records the loop and interview and
    /// takes the loop's role and weights. `interviewer` defaults to the assigned one (pass
    /// another name when someone stands in).
    pub fn start_session(
        &self,
        interview_id: &str,
        candidate: &str,
        interviewer: Option<&str>,
        now: DateTime<FixedOffset>,
    ) -> Result<Session, StartError> {
        let interview = self
            .interview(interview_id)
            .ok_or_else(|| StartError::NoSuchInterview(interview_id.to_string()))?;
        if candidate.trim().is_empty() {
            return Err(StartError::NoCandidate);
        }
        if !self.admits(candidate) {
            return Err(StartError::NotACandidate(candidate.trim().to_string()));
        }
        if interview.questions.is_empty() {
            return Err(StartError::NoQuestions(interview.title.clone()));
        }
        let interviewer = interviewer
            .filter(|name| !name.trim().is_empty())
            .unwrap_or(&interview.interviewer);
        let plan = self.interview_plan(interview);
        let mut session = Session::start(&plan, candidate, &self.role, interviewer, now);
        session.loop_ref = Some(LoopRef {
            loop_id: self.id.clone(),
            interview_id: interview.id.clone(),
        });
        Ok(session)
    }
}

/// Why an interview of a loop could not be started.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StartError {
    #[error("the loop has no interview `{0}`; pick one of its interviews")]
    NoSuchInterview(String),
    #[error("enter the candidate's name")]
    NoCandidate,
    #[error("{0} is not on this loop's candidate list; add them to the loop plan first")]
    NotACandidate(String),
    #[error("the interview \"{0}\" has no questions yet; build its plan in the Bank view")]
    NoQuestions(String),
}
