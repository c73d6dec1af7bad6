//! The coverage matrix of a loop: competency × interview, read from each interview's
//! questions. A competency no interview covers is a gap; one covered by two or more interviews
//! is an overlap (asked twice); an interview assigned a competency its questions do not cover
//! is an unmet assignment. The same bank question planned in two interviews is listed too.

use std::collections::HashMap;

use super::loop_plan::{CompetencyMap, LoopPlan};

/// What one interview covers of one competency.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct CoverageCell {
    /// The interview's `covers` names this competency.
    pub assigned: bool,
    /// Indices into the interview's questions that cover it.
    pub questions: Vec<usize>,
    /// Their suggested minutes.
    pub minutes: u32,
}

impl CoverageCell {
    pub fn covered(&self) -> bool {
        !self.questions.is_empty()
    }
}

/// One competency's row of the matrix.
#[derive(Clone, Debug, PartialEq)]
pub struct CompetencyRow {
    pub id: String,
    pub title: String,
    /// Its pre-registered weight.
    pub weight: f32,
    /// One cell per interview, in the loop's order.
    pub cells: Vec<CoverageCell>,
}

impl CompetencyRow {
    /// How many interviews ask about it.
    pub fn covered_by(&self) -> usize {
        self.cells.iter().filter(|c| c.covered()).count()
    }

    /// No interview asks about it.
    pub fn is_gap(&self) -> bool {
        self.covered_by() == 0
    }

    /// Two or more interviews ask about it.
    pub fn is_overlap(&self) -> bool {
        self.covered_by() >= 2
    }

    /// Interviews (indices) that must cover it but have no question for it.
    pub fn unmet(&self) -> Vec<usize> {
        self.cells
            .iter()
            .enumerate()
            .filter(|(_, c)| c.assigned && !c.covered())
            .map(|(i, _)| i)
            .collect()
    }
}

/// A bank question planned in more than one interview.
#[derive(Clone, Debug, PartialEq)]
pub struct RepeatedQuestion {
    pub question_id: String,
    pub prompt: String,
    /// Interview indices, in the loop's order.
    pub interviews: Vec<usize>,
}

/// A column of the matrix: one interview.
#[derive(Clone, Debug, PartialEq)]
pub struct CoverageColumn {
    pub interview_id: String,
    /// The title people read (the id when it has none).
    pub title: String,
    pub interviewer: String,
}

/// The coverage matrix.
#[derive(Clone, Debug, PartialEq)]
pub struct Coverage {
    /// Column headings, one per interview in the loop's order.
    pub interviews: Vec<CoverageColumn>,
    pub rows: Vec<CompetencyRow>,
    pub repeated: Vec<RepeatedQuestion>,
    /// Questions that cover no competency of the loop: (interview index, question index).
    pub unmapped: Vec<(usize, usize)>,
}

impl Coverage {
    /// Builds the matrix in one pass over the questions.
    pub fn of(plan: &LoopPlan) -> Coverage {
        let map: CompetencyMap = plan.competency_map();
        let columns = plan.interviews.len();
        let mut rows: Vec<CompetencyRow> = map
            .competencies
            .iter()
            .map(|c| CompetencyRow {
                id: c.id.clone(),
                title: c.display_title(),
                weight: plan.weight(&c.id),
                cells: vec![CoverageCell::default(); columns],
            })
            .collect();
        let mut unmapped = Vec::new();
        let mut by_question: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut first_prompt: HashMap<&str, &str> = HashMap::new();
        for (column, interview) in plan.interviews.iter().enumerate() {
            for id in &interview.covers {
                if let Some(row) = map.index_of(id) {
                    rows[row].cells[column].assigned = true;
                }
            }
            for (index, question) in interview.questions.iter().enumerate() {
                let covers = map.of_question(question);
                if covers.is_empty() {
                    unmapped.push((column, index));
                }
                for row in covers {
                    let cell = &mut rows[row].cells[column];
                    cell.questions.push(index);
                    cell.minutes += question.minutes;
                }
                if !question.ad_hoc && !question.id.is_empty() {
                    let columns = by_question.entry(question.id.as_str()).or_default();
                    if columns.last() != Some(&column) {
                        columns.push(column);
                    }
                    first_prompt
                        .entry(question.id.as_str())
                        .or_insert(question.prompt.as_str());
                }
            }
        }
        let mut repeated: Vec<RepeatedQuestion> = by_question
            .into_iter()
            .filter(|(_, columns)| columns.len() > 1)
            .map(|(id, interviews)| RepeatedQuestion {
                question_id: id.to_string(),
                prompt: first_prompt
                    .get(id)
                    .copied()
                    .unwrap_or("")
                    .trim()
                    .to_string(),
                interviews,
            })
            .collect();
        repeated.sort_by(|a, b| {
            a.interviews
                .cmp(&b.interviews)
                .then(a.question_id.cmp(&b.question_id))
        });
        Coverage {
            interviews: plan
                .interviews
                .iter()
                .map(|i| CoverageColumn {
                    interview_id: i.id.clone(),
                    title: i.display_title(),
                    interviewer: i.interviewer.trim().to_string(),
                })
                .collect(),
            rows,
            repeated,
            unmapped,
        }
    }

    /// Competencies nobody covers.
    pub fn gaps(&self) -> impl Iterator<Item = &CompetencyRow> {
        self.rows.iter().filter(|r| r.is_gap())
    }

    /// Competencies covered by two or more interviews.
    pub fn overlaps(&self) -> impl Iterator<Item = &CompetencyRow> {
        self.rows.iter().filter(|r| r.is_overlap())
    }

    /// A title for interview column `index`.
    pub fn interview_title(&self, index: usize) -> &str {
        self.interviews.get(index).map_or("", |c| c.title.as_str())
    }

    /// One sentence per finding, gaps first: what is wrong and what to do. Empty when the
    /// loop covers every competency once.
    pub fn findings(&self) -> Vec<String> {
        let mut out = Vec::new();
        for row in self.gaps() {
            out.push(format!(
                "Gap: no interview asks about {}; add a question for it to an interview.",
                row.title
            ));
        }
        for row in &self.rows {
            for column in row.unmet() {
                out.push(format!(
                    "{} must cover {} but has no question for it.",
                    self.interview_title(column),
                    row.title
                ));
            }
        }
        for row in self.overlaps() {
            let names: Vec<&str> = row
                .cells
                .iter()
                .enumerate()
                .filter(|(_, c)| c.covered())
                .map(|(i, _)| self.interview_title(i))
                .collect();
            out.push(format!(
                "Overlap: {} is asked in {} ({}); fine if intended, otherwise keep one.",
                row.title,
                names.len(),
                names.join(", ")
            ));
        }
        for repeat in &self.repeated {
            let names: Vec<&str> = repeat
                .interviews
                .iter()
                .map(|&i| self.interview_title(i))
                .collect();
            out.push(format!(
                "The question {} is planned in {}; the candidate would hear it twice.",
                repeat.question_id,
                names.join(" and ")
            ));
        }
        out
    }
}
