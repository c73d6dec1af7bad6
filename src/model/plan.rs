//! Interview plans: an ordered list of question snapshots plus the rules set before
//! interviewing (target length, level, category weights).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::bank::QuestionBank;
use super::question::{Level, Question};

/// Version of the plan file format.
pub const PLAN_SCHEMA_VERSION: u32 = 1;

/// A question copied into a plan or scorecard, so it stays readable when the bank changes.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(default)]
pub struct QuestionSnapshot {
    /// The bank id; ad-hoc questions get an `adhoc.` id.
    pub id: String,
    pub category: String,
    pub category_title: String,
    pub level: Level,
    pub prompt: String,
    pub listen_for: Vec<String>,
    pub red_flags: Vec<String>,
    pub follow_ups: Vec<String>,
    pub answer: String,
    pub example: String,
    pub minutes: u32,
    /// [`Question::rubric_hash`] when the snapshot was taken.
    pub rubric_hash: String,
    /// Added during an interview rather than from the bank.
    pub ad_hoc: bool,
    /// The bank question's tags, copied when a hiring loop maps competencies to tags (see
    /// `LoopPlan::attach_tags`); empty otherwise. Not written while empty, so scorecards
    /// signed before snapshots had tags keep verifying.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
}

impl Default for QuestionSnapshot {
    fn default() -> Self {
        QuestionSnapshot {
            id: String::new(),
            category: String::new(),
            category_title: String::new(),
            level: Level::Intermediate,
            prompt: String::new(),
            listen_for: Vec::new(),
            red_flags: Vec::new(),
            follow_ups: Vec::new(),
            answer: String::new(),
            example: String::new(),
            minutes: super::question::DEFAULT_MINUTES,
            rubric_hash: String::new(),
            ad_hoc: false,
            tags: Vec::new(),
        }
    }
}

impl QuestionSnapshot {
    pub fn of(question: &Question, category_title: &str) -> QuestionSnapshot {
        QuestionSnapshot {
            id: question.id.clone(),
            category: question.category.clone(),
            category_title: category_title.to_string(),
            level: question.level,
            prompt: question.prompt.clone(),
            listen_for: question.listen_for.clone(),
            red_flags: question.red_flags.clone(),
            follow_ups: question.follow_ups.clone(),
            answer: question.answer.clone(),
            example: question.example.clone(),
            minutes: question.minutes_or_default(),
            rubric_hash: question.rubric_hash(),
            ad_hoc: false,
            tags: Vec::new(),
        }
    }

    /// Takes the snapshot of a bank question by id.
    pub fn from_bank(bank: &QuestionBank, id: &str) -> Option<QuestionSnapshot> {
        let question = bank.get(id)?;
        Some(QuestionSnapshot::of(
            question,
            bank.category_title(&question.category),
        ))
    }

    /// A question made up during an interview: a prompt and free rubric points.
    pub fn ad_hoc(number: usize, prompt: &str, points: &[String]) -> QuestionSnapshot {
        QuestionSnapshot {
            id: format!("adhoc.{number}"),
            category: "ad-hoc".into(),
            category_title: "Ad-hoc".into(),
            prompt: prompt.trim().to_string(),
            listen_for: points
                .iter()
                .map(|p| p.trim().to_string())
                .filter(|p| !p.is_empty())
                .collect(),
            ad_hoc: true,
            ..QuestionSnapshot::default()
        }
    }
}

/// How a plan question compares with the bank today.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Drift {
    /// The bank's rubric or prompt changed since the snapshot.
    Changed,
    /// The question is no longer in the bank.
    Missing,
}

/// An interview plan (also a reusable template).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(default)]
pub struct InterviewPlan {
    pub schema_version: u32,
    pub title: String,
    pub role: String,
    pub target_level: Level,
    pub target_minutes: u32,
    /// Weight per category id for the panel's mechanical aggregate; missing means 1.
    pub category_weights: BTreeMap<String, f32>,
    pub questions: Vec<QuestionSnapshot>,
}

impl Default for InterviewPlan {
    fn default() -> Self {
        InterviewPlan {
            schema_version: PLAN_SCHEMA_VERSION,
            title: String::new(),
            role: String::new(),
            target_level: Level::Intermediate,
            target_minutes: 45,
            category_weights: BTreeMap::new(),
            questions: Vec::new(),
        }
    }
}

/// One row of a plan's mix, by category or by level.
#[derive(Clone, Debug, PartialEq)]
pub struct MixRow {
    pub label: String,
    pub count: usize,
    pub minutes: u32,
}

impl InterviewPlan {
    pub fn total_minutes(&self) -> u32 {
        self.questions.iter().map(|q| q.minutes).sum()
    }

    /// Minutes over (positive) or under (negative) the target length.
    pub fn minutes_over_target(&self) -> i64 {
        i64::from(self.total_minutes()) - i64::from(self.target_minutes)
    }

    pub fn contains(&self, id: &str) -> bool {
        self.questions.iter().any(|q| q.id == id)
    }

    /// Adds the snapshot unless the plan already has that question; returns whether it did.
    pub fn add(&mut self, snapshot: QuestionSnapshot) -> bool {
        if self.contains(&snapshot.id) {
            return false;
        }
        self.questions.push(snapshot);
        true
    }

    pub fn remove(&mut self, index: usize) -> Option<QuestionSnapshot> {
        (index < self.questions.len()).then(|| self.questions.remove(index))
    }

    /// Moves a question from one position to another; out-of-range moves do nothing.
    pub fn move_question(&mut self, from: usize, to: usize) -> bool {
        if from >= self.questions.len() || to >= self.questions.len() || from == to {
            return false;
        }
        let question = self.questions.remove(from);
        self.questions.insert(to, question);
        true
    }

    /// The weight of a category in the mechanical aggregate (default 1).
    pub fn weight(&self, category: &str) -> f32 {
        self.category_weights.get(category).copied().unwrap_or(1.0)
    }

    /// Category ids in the order they first appear in the plan.
    pub fn categories(&self) -> Vec<(String, String)> {
        let mut seen: Vec<(String, String)> = Vec::new();
        for q in &self.questions {
            if !seen.iter().any(|(id, _)| *id == q.category) {
                seen.push((q.category.clone(), q.category_title.clone()));
            }
        }
        seen
    }

    pub fn mix_by_category(&self) -> Vec<MixRow> {
        self.categories()
            .into_iter()
            .map(|(id, title)| {
                let in_category = self.questions.iter().filter(|q| q.category == id);
                MixRow {
                    label: title,
                    count: in_category.clone().count(),
                    minutes: in_category.map(|q| q.minutes).sum(),
                }
            })
            .collect()
    }

    pub fn mix_by_level(&self) -> Vec<MixRow> {
        Level::ALL
            .iter()
            .filter_map(|level| {
                let at_level: Vec<_> = self
                    .questions
                    .iter()
                    .filter(|q| q.level == *level)
                    .collect();
                (!at_level.is_empty()).then(|| MixRow {
                    label: level.label().to_string(),
                    count: at_level.len(),
                    minutes: at_level.iter().map(|q| q.minutes).sum(),
                })
            })
            .collect()
    }

    /// Which snapshots differ from the bank today, by position.
    pub fn drift(&self, bank: &QuestionBank) -> Vec<(usize, Drift)> {
        self.questions
            .iter()
            .enumerate()
            .filter(|(_, q)| !q.ad_hoc)
            .filter_map(|(index, snapshot)| match bank.get(&snapshot.id) {
                None => Some((index, Drift::Missing)),
                Some(question) if question.rubric_hash() != snapshot.rubric_hash => {
                    Some((index, Drift::Changed))
                }
                Some(_) => None,
            })
            .collect()
    }

    /// Replaces the snapshot at `index` with the bank's current version; false if it is gone.
    pub fn refresh_from_bank(&mut self, index: usize, bank: &QuestionBank) -> bool {
        let Some(id) = self.questions.get(index).map(|q| q.id.clone()) else {
            return false;
        };
        match QuestionSnapshot::from_bank(bank, &id) {
            Some(fresh) => {
                self.questions[index] = fresh;
                true
            }
            None => false,
        }
    }
}

/// What the quick builder is asked for.
#[derive(Clone, Debug, PartialEq)]
pub struct QuickBuildSpec {
    pub level: Level,
    pub minutes: u32,
    /// Category ids to draw from; empty means every category.
    pub categories: Vec<String>,
    pub seed: u64,
}

/// Proposes a balanced plan: round-robin over the chosen categories, preferring questions at
/// the target level and one either side, adding while the time allows. The same spec and bank
/// always give the same plan.
pub fn quick_build(bank: &QuestionBank, spec: &QuickBuildSpec) -> Vec<QuestionSnapshot> {
    let categories: Vec<String> = if spec.categories.is_empty() {
        bank.categories().iter().map(|c| c.id.clone()).collect()
    } else {
        spec.categories.clone()
    };
    let target = spec.level.rank() as i64;
    // Candidates per category, best level fit first, ties broken by a seeded hash so different
    // seeds give different but reproducible plans.
    let mut pools: Vec<Vec<usize>> = categories
        .iter()
        .map(|category| {
            let mut pool: Vec<usize> = bank
                .entries()
                .iter()
                .enumerate()
                .filter(|(_, e)| e.question.category == *category)
                .filter(|(_, e)| (e.question.level.rank() as i64 - target).abs() <= 1)
                .map(|(i, _)| i)
                .collect();
            pool.sort_by_key(|&i| {
                let q = &bank.entries()[i].question;
                (
                    (q.level.rank() as i64 - target).abs(),
                    seeded_hash(spec.seed, &q.id),
                )
            });
            pool.reverse(); // pop() takes from the end
            pool
        })
        .collect();
    let mut chosen = Vec::new();
    let mut used = 0u32;
    loop {
        let mut added_any = false;
        for pool in pools.iter_mut() {
            // Take the best question of this category that still fits.
            while let Some(index) = pool.pop() {
                let question = &bank.entries()[index].question;
                let minutes = question.minutes_or_default();
                if used + minutes <= spec.minutes {
                    used += minutes;
                    chosen.push(QuestionSnapshot::of(
                        question,
                        bank.category_title(&question.category),
                    ));
                    added_any = true;
                    break;
                }
            }
        }
        if !added_any {
            break;
        }
    }
    chosen
}

/// FNV-1a over the seed and id: stable across runs and platforms, unlike `DefaultHasher`.
fn seeded_hash(seed: u64, id: &str) -> u64 {
    let mut hash = 0xcbf2_9ce4_8422_2325u64 ^ seed;
    for byte in id.as_bytes() {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}
