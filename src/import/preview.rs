//! What the import understood, for the preview: per question its section, whether its level
//! and rubric came from the source, its source line and anything the reader was unsure about;
//! and small edits the user makes before writing (a wrong level, a heading taken as a
//! question, proposed rubric points to accept or drop).

use super::{ImportResult, NEEDS_RUBRIC_TAG, PLACEHOLDER_POINT, PROPOSED_RUBRIC_TAG};
use crate::model::Level;

/// Where a question's rubric came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RubricOrigin {
    /// Written in the source ("What to listen for", a rubric column, bullets under a question).
    Source,
    /// Proposed from the answer's sentences or bullets: the user accepts, edits or drops them.
    Proposed,
    /// No rubric and nothing to propose: the single [`PLACEHOLDER_POINT`].
    Placeholder,
}

/// What the reader understood about one question, parallel to `set.questions`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuestionPreview {
    /// 1-based source line of the question.
    pub line: usize,
    /// Section (category title) as the guide names it.
    pub section: String,
    /// Whether the level came from the guide (a heading, label or card); otherwise it is the
    /// default and worth a look.
    pub level_given: bool,
    pub rubric: RubricOrigin,
    /// Reasons to check this question; empty when the reader is sure.
    pub unsure: Vec<String>,
}

/// A section as the preview lists it: title, first source line, questions and levels in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SectionSummary {
    pub title: String,
    pub first_line: usize,
    pub questions: usize,
    /// Levels of its questions, in scale order, with counts.
    pub levels: Vec<(Level, usize)>,
}

impl ImportResult {
    /// The sections in the order the guide has them, with counts and levels.
    pub fn sections(&self) -> Vec<SectionSummary> {
        // One pass over the questions, each counted in its category's slot: a guide with
        // hundreds of thousands of sections stays linear.
        let slot: std::collections::HashMap<&str, usize> = self
            .set
            .categories
            .iter()
            .enumerate()
            .rev()
            .map(|(index, c)| (c.id.as_str(), index))
            .collect();
        let mut tallies = vec![(0usize, 0usize, [0usize; 4]); self.set.categories.len()];
        for (index, q) in self.set.questions.iter().enumerate() {
            let Some(&at) = slot.get(q.category.as_str()) else {
                continue;
            };
            let (first_line, questions, counts) = &mut tallies[at];
            if *questions == 0 {
                *first_line = self.question_lines.get(index).copied().unwrap_or(0);
            }
            *questions += 1;
            counts[q.level.rank()] += 1;
        }
        self.set
            .categories
            .iter()
            .map(|category| {
                // A category declared twice shows the same figures under each declaration.
                let (first_line, questions, counts) = tallies[slot[category.id.as_str()]];
                SectionSummary {
                    title: category.title.clone(),
                    first_line,
                    questions,
                    levels: Level::ALL
                        .iter()
                        .zip(counts)
                        .filter(|(_, n)| *n > 0)
                        .map(|(l, n)| (*l, n))
                        .collect(),
                }
            })
            .collect()
    }

    /// Indexes of questions the reader was unsure about.
    pub fn unsure(&self) -> Vec<usize> {
        self.preview
            .iter()
            .enumerate()
            .filter(|(_, p)| !p.unsure.is_empty())
            .map(|(i, _)| i)
            .collect()
    }

    /// Sets the level of question `index` (a fix made in the preview).
    pub fn set_level(&mut self, index: usize, level: Level) {
        if let Some(q) = self.set.questions.get_mut(index) {
            q.level = level;
        }
        if let Some(p) = self.preview.get_mut(index) {
            p.level_given = true;
        }
    }

    /// Drops question `index` (a heading or a stray line taken as a question), keeping the
    /// parallel lists in step and removing a category left empty.
    pub fn remove_question(&mut self, index: usize) {
        if index >= self.set.questions.len() {
            return;
        }
        let removed = self.set.questions.remove(index);
        if index < self.question_lines.len() {
            self.question_lines.remove(index);
        }
        if index < self.preview.len() {
            self.preview.remove(index);
        }
        self.needs_rubric.retain(|id| *id != removed.id);
        self.proposed_rubric.retain(|id| *id != removed.id);
        if !self
            .set
            .questions
            .iter()
            .any(|q| q.category == removed.category)
        {
            self.set.categories.retain(|c| c.id != removed.category);
        }
    }

    /// Accepts the proposed rubric of question `index`: the points stay and stop being marked
    /// proposed.
    pub fn accept_proposed(&mut self, index: usize) {
        let Some(q) = self.set.questions.get_mut(index) else {
            return;
        };
        q.tags.retain(|t| t != PROPOSED_RUBRIC_TAG);
        let id = q.id.clone();
        self.proposed_rubric.retain(|p| *p != id);
        if let Some(p) = self.preview.get_mut(index) {
            p.rubric = RubricOrigin::Source;
        }
    }

    /// Drops the proposed rubric of question `index`: it gets the placeholder point and the
    /// needs-rubric tag, as a question without any rubric does.
    pub fn drop_proposed(&mut self, index: usize) {
        let Some(q) = self.set.questions.get_mut(index) else {
            return;
        };
        q.tags.retain(|t| t != PROPOSED_RUBRIC_TAG);
        if !q.tags.iter().any(|t| t == NEEDS_RUBRIC_TAG) {
            q.tags.push(NEEDS_RUBRIC_TAG.to_string());
        }
        q.listen_for = vec![PLACEHOLDER_POINT.to_string()];
        let id = q.id.clone();
        self.proposed_rubric.retain(|p| *p != id);
        if !self.needs_rubric.contains(&id) {
            self.needs_rubric.push(id);
        }
        if let Some(p) = self.preview.get_mut(index) {
            p.rubric = RubricOrigin::Placeholder;
        }
    }
}
