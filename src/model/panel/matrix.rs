//! Each candidate's matrix: questions × interviewers, grouped by category, with disagreement
//! flags and the mechanical aggregate of the counted scorecards.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::stats::{mean_f32, spread_u8};
use super::{person_key, same_person};
use crate::model::session::{QuestionState, Rating, Recommendation, Session};

/// Ratings of the same question or category that differ by this much or more are flagged.
pub const DISAGREEMENT_GAP: f32 = 2.0;

/// Category id of questions made up during an interview (see `QuestionSnapshot::ad_hoc`).
pub const AD_HOC_CATEGORY: &str = "ad-hoc";

/// Whether a scorecard counts in the aggregate and calibration.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Standing {
    /// Submitted, and its content still matches the seal.
    Counted,
    /// Still a draft: listed, not counted.
    NotSubmitted,
    /// Changed after it was submitted (its signature, or for an older unsigned scorecard its
    /// seal, no longer matches; or its signature is missing although its interviewer signs):
    /// listed with a warning, not counted.
    Tampered,
}

impl Standing {
    pub fn of(session: &Session) -> Standing {
        if session.submitted.is_none() {
            Standing::NotSubmitted
        } else if session.signature_check().counts() {
            Standing::Counted
        } else {
            Standing::Tampered
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Standing::Counted => "Submitted",
            Standing::NotSubmitted => "Not submitted",
            Standing::Tampered => "Changed after submission",
        }
    }
}

/// One scorecard's column in a candidate's matrix.
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    /// Index into the scorecards given to [`PanelComparison::build`](super::PanelComparison::build).
    pub scorecard: usize,
    /// The interviewer's name as written on the scorecard (single line, may be empty).
    pub interviewer: String,
    /// The name to show: never empty, and numbered when one interviewer has two scorecards.
    pub title: String,
    pub standing: Standing,
    pub submitted: bool,
    pub recommendation: Option<Recommendation>,
}

impl Column {
    pub fn counted(&self) -> bool {
        self.standing == Standing::Counted
    }
}

/// What one interviewer recorded for one question.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    pub rating: Option<Rating>,
    pub points_ticked: usize,
    pub points_total: usize,
    pub red_flags: usize,
    pub state: QuestionState,
    pub notes: String,
}

impl Cell {
    /// Share of rubric points ticked, or `None` for a question without points.
    pub fn coverage(&self) -> Option<f32> {
        (self.points_total > 0).then(|| self.points_ticked as f32 / self.points_total as f32)
    }

    /// True when the rating enters means (a skipped question's rating does not).
    pub(super) fn rating_counts(&self) -> Option<f32> {
        if self.state == QuestionState::Skipped {
            return None;
        }
        self.rating.map(|r| f32::from(r.value()))
    }
}

/// One question across the panel: a cell per column, `None` where that interviewer did not
/// have the question in their scorecard.
#[derive(Clone, Debug, PartialEq)]
pub struct QuestionRow {
    /// The bank id (ad-hoc questions keep their `adhoc.` id and never match across scorecards).
    pub id: String,
    pub prompt: String,
    pub ad_hoc: bool,
    pub cells: Vec<Option<Cell>>,
    /// Highest minus lowest rating given, when two or more ratings were given.
    pub spread: Option<u8>,
}

impl QuestionRow {
    /// Ratings differ by [`DISAGREEMENT_GAP`] or more.
    pub fn disagrees(&self) -> bool {
        self.spread
            .is_some_and(|s| f32::from(s) >= DISAGREEMENT_GAP)
    }

    /// How many interviewers had this question.
    pub fn asked_by(&self) -> usize {
        self.cells.iter().flatten().count()
    }
}

/// A category's questions and each interviewer's mean rating in it.
#[derive(Clone, Debug, PartialEq)]
pub struct CategoryBlock {
    pub id: String,
    pub title: String,
    /// Weight in the mechanical aggregate, from the plan (default 1).
    pub weight: f32,
    pub questions: Vec<QuestionRow>,
    /// Mean rating per column over the questions it rated here.
    pub means: Vec<Option<f32>>,
    /// Highest minus lowest column mean, when two or more columns have one.
    pub spread: Option<f32>,
}

impl CategoryBlock {
    pub fn disagrees(&self) -> bool {
        // A hair of tolerance so 3.5 − 1.5 computed in floating point still counts as 2.
        self.spread.is_some_and(|s| s >= DISAGREEMENT_GAP - 1e-4)
    }

    pub fn is_ad_hoc(&self) -> bool {
        self.id == AD_HOC_CATEGORY
    }
}

/// One category's share of the mechanical aggregate.
#[derive(Clone, Debug, PartialEq)]
pub struct CategoryAggregate {
    pub id: String,
    pub title: String,
    pub weight: f32,
    /// Mean of the counted interviewers' category means.
    pub mean: Option<f32>,
}

/// The mechanical aggregate of one candidate's counted scorecards.
#[derive(Clone, Debug, PartialEq)]
pub struct Aggregate {
    pub categories: Vec<CategoryAggregate>,
    /// Σ weight × category mean / Σ weight over categories with a mean, 1–4.
    pub weighted_score: Option<f32>,
    /// Share of counted scorecards recommending Yes or Strong Yes, 0–1.
    pub yes_share: Option<f32>,
    pub counted: usize,
    pub not_submitted: usize,
    pub tampered: usize,
}

/// Everything the panel recorded about one candidate.
#[derive(Clone, Debug, PartialEq)]
pub struct CandidateComparison {
    /// [`person_key`] of the candidate's name; scorecards with the same key are grouped.
    pub key: String,
    pub name: String,
    pub role: String,
    /// Distinct plan titles of the scorecards, in column order.
    pub plan_titles: Vec<String>,
    /// Which plan(s) and questions, so candidates can be ranked only against comparable ones.
    pub plan_key: String,
    pub columns: Vec<Column>,
    pub categories: Vec<CategoryBlock>,
    pub aggregate: Aggregate,
    /// Someone said Yes (or Strong Yes) and someone said No (or Strong No).
    pub mixed_recommendations: bool,
}

impl CandidateComparison {
    /// Questions whose ratings differ by 2 or more.
    pub fn question_disagreements(&self) -> usize {
        self.categories
            .iter()
            .flat_map(|c| &c.questions)
            .filter(|q| q.disagrees())
            .count()
    }

    /// Categories whose interviewer means differ by 2 or more.
    pub fn category_disagreements(&self) -> usize {
        self.categories.iter().filter(|c| c.disagrees()).count()
    }

    pub fn has_disagreement(&self) -> bool {
        self.mixed_recommendations
            || self.question_disagreements() > 0
            || self.category_disagreements() > 0
    }

    pub fn question_count(&self) -> usize {
        self.categories.iter().map(|c| c.questions.len()).sum()
    }

    /// Columns written by `interviewer` ([`same_person`]).
    pub fn columns_of<'a>(&'a self, interviewer: &'a str) -> impl Iterator<Item = &'a Column> + 'a {
        self.columns
            .iter()
            .filter(move |c| same_person(&c.interviewer, interviewer))
    }

    /// Recommendations counted per choice, strongest yes first, e.g. for "2 Yes · 1 No".
    pub fn recommendation_counts(&self) -> Vec<(Recommendation, usize)> {
        let mut counts = Vec::new();
        for choice in Recommendation::ALL.iter().rev() {
            let n = self
                .columns
                .iter()
                .filter(|c| c.recommendation == Some(*choice))
                .count();
            if n > 0 {
                counts.push((*choice, n));
            }
        }
        counts
    }
}

fn single_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The candidate matrices, candidates ordered by name.
pub fn compare_candidates(scorecards: &[Session]) -> Vec<CandidateComparison> {
    let mut by_candidate: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (index, session) in scorecards.iter().enumerate() {
        by_candidate
            .entry(person_key(&session.candidate))
            .or_default()
            .push(index);
    }
    by_candidate
        .into_iter()
        .map(|(key, indices)| compare_one(key, scorecards, indices))
        .collect()
}

fn compare_one(
    key: String,
    scorecards: &[Session],
    mut indices: Vec<usize>,
) -> CandidateComparison {
    indices.sort_by(|&a, &b| {
        let (a, b) = (&scorecards[a], &scorecards[b]);
        person_key(&a.interviewer)
            .cmp(&person_key(&b.interviewer))
            .then_with(|| a.id.cmp(&b.id))
    });
    let columns = columns(scorecards, &indices);

    // Rows by question id, categories in order of first appearance; ad-hoc questions never
    // match across scorecards (adhoc.1 in two scorecards are two different questions).
    let mut blocks: Vec<CategoryBlock> = Vec::new();
    let mut row_at: HashMap<String, (usize, usize)> = HashMap::new();
    for (col, &index) in indices.iter().enumerate() {
        for outcome in &scorecards[index].questions {
            let q = &outcome.question;
            let ad_hoc = q.ad_hoc || q.category == AD_HOC_CATEGORY;
            let row_key = if ad_hoc {
                format!("{col}\u{1f}{}", q.id)
            } else {
                q.id.clone()
            };
            let (b, r) = match row_at.get(&row_key) {
                Some(&at) => at,
                None => {
                    let (category, title) = if ad_hoc {
                        (AD_HOC_CATEGORY.to_string(), "Ad-hoc".to_string())
                    } else {
                        (q.category.clone(), q.category_title.clone())
                    };
                    let b = match blocks.iter().position(|b| b.id == category) {
                        Some(b) => b,
                        None => {
                            blocks.push(CategoryBlock {
                                id: category,
                                title: if title.trim().is_empty() {
                                    q.category.clone()
                                } else {
                                    single_line(&title)
                                },
                                weight: 1.0,
                                questions: Vec::new(),
                                means: Vec::new(),
                                spread: None,
                            });
                            blocks.len() - 1
                        }
                    };
                    blocks[b].questions.push(QuestionRow {
                        id: q.id.clone(),
                        prompt: q.prompt.trim().to_string(),
                        ad_hoc,
                        cells: vec![None; indices.len()],
                        spread: None,
                    });
                    let at = (b, blocks[b].questions.len() - 1);
                    row_at.insert(row_key, at);
                    at
                }
            };
            let cell = &mut blocks[b].questions[r].cells[col];
            // A question twice in one scorecard keeps the first record.
            if cell.is_none() {
                *cell = Some(Cell {
                    rating: outcome.rating,
                    points_ticked: outcome.ticked.len(),
                    points_total: q.listen_for.len(),
                    red_flags: outcome.red_flags.len(),
                    state: outcome.state,
                    notes: outcome.notes.clone(),
                });
            }
        }
    }
    // Ad-hoc questions go last: they were not part of the plan.
    if let Some(pos) = blocks.iter().position(|b| b.is_ad_hoc()) {
        let ad_hoc = blocks.remove(pos);
        blocks.push(ad_hoc);
    }

    for block in &mut blocks {
        block.weight = weight_for(&block.id, scorecards, &indices, &columns);
        for row in &mut block.questions {
            let ratings: Vec<u8> = row
                .cells
                .iter()
                .flatten()
                .filter_map(|c| c.rating.map(Rating::value))
                .collect();
            row.spread = spread_u8(&ratings);
        }
        block.means = (0..columns.len())
            .map(|col| {
                mean_f32(
                    block
                        .questions
                        .iter()
                        .filter_map(|row| row.cells[col].as_ref()?.rating_counts()),
                )
            })
            .collect();
        let present: Vec<f32> = block.means.iter().flatten().copied().collect();
        block.spread = (present.len() >= 2).then(|| {
            let max = present.iter().copied().fold(f32::MIN, f32::max);
            let min = present.iter().copied().fold(f32::MAX, f32::min);
            max - min
        });
    }

    let aggregate = aggregate(&blocks, &columns);
    let any_yes = columns
        .iter()
        .any(|c| c.recommendation.is_some_and(Recommendation::is_yes));
    let any_no = columns
        .iter()
        .any(|c| c.recommendation.is_some_and(Recommendation::is_no));
    let first = indices.first().map(|&i| &scorecards[i]);
    let mut plan_titles: Vec<String> = Vec::new();
    let mut plan_keys: BTreeSet<String> = BTreeSet::new();
    for &index in &indices {
        let session = &scorecards[index];
        let title = single_line(&session.plan_title);
        if !plan_titles.contains(&title) {
            plan_titles.push(title);
        }
        plan_keys.insert(plan_key(session));
    }
    CandidateComparison {
        name: first
            .map(|s| single_line(&s.candidate))
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| "Unnamed candidate".to_string()),
        key,
        role: indices
            .iter()
            .map(|&i| single_line(&scorecards[i].role))
            .find(|r| !r.is_empty())
            .unwrap_or_default(),
        plan_titles,
        plan_key: plan_keys.into_iter().collect::<Vec<_>>().join("\u{1e}"),
        columns,
        categories: blocks,
        aggregate,
        mixed_recommendations: any_yes && any_no,
    }
}

fn columns(scorecards: &[Session], indices: &[usize]) -> Vec<Column> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    indices
        .iter()
        .map(|&index| {
            let session = &scorecards[index];
            let interviewer = single_line(&session.interviewer);
            let base = if interviewer.is_empty() {
                "Unnamed interviewer".to_string()
            } else {
                interviewer.clone()
            };
            let n = seen.entry(person_key(&base)).or_insert(0);
            *n += 1;
            let title = if *n == 1 {
                base
            } else {
                format!("{base} ({n})")
            };
            Column {
                scorecard: index,
                interviewer,
                title,
                standing: Standing::of(session),
                submitted: session.submitted.is_some(),
                recommendation: session.recommendation,
            }
        })
        .collect()
}

/// The category's weight from the plan: the first counted scorecard that sets one, else any
/// scorecard that does, else 1. Negative or non-finite weights count as 1; 0 leaves the
/// category out of the weighted score.
fn weight_for(
    category: &str,
    scorecards: &[Session],
    indices: &[usize],
    columns: &[Column],
) -> f32 {
    let counted = indices
        .iter()
        .zip(columns)
        .filter(|(_, c)| c.counted())
        .map(|(&i, _)| i);
    let any = indices.iter().copied();
    counted
        .chain(any)
        .find_map(|i| scorecards[i].category_weights.get(category).copied())
        .filter(|w| w.is_finite() && *w >= 0.0)
        .unwrap_or(1.0)
}

fn aggregate(blocks: &[CategoryBlock], columns: &[Column]) -> Aggregate {
    let categories: Vec<CategoryAggregate> = blocks
        .iter()
        .filter(|b| !b.is_ad_hoc())
        .map(|b| CategoryAggregate {
            id: b.id.clone(),
            title: b.title.clone(),
            weight: b.weight,
            mean: mean_f32(
                columns
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| c.counted())
                    .filter_map(|(i, _)| b.means[i]),
            ),
        })
        .collect();
    let (mut weighted, mut weights) = (0.0f32, 0.0f32);
    for category in &categories {
        if let Some(mean) = category.mean {
            weighted += category.weight * mean;
            weights += category.weight;
        }
    }
    let counted: Vec<&Column> = columns.iter().filter(|c| c.counted()).collect();
    let yes = counted
        .iter()
        .filter(|c| c.recommendation.is_some_and(Recommendation::is_yes))
        .count();
    Aggregate {
        categories,
        weighted_score: (weights > 0.0).then(|| weighted / weights),
        yes_share: (!counted.is_empty()).then(|| yes as f32 / counted.len() as f32),
        counted: counted.len(),
        not_submitted: columns
            .iter()
            .filter(|c| c.standing == Standing::NotSubmitted)
            .count(),
        tampered: columns
            .iter()
            .filter(|c| c.standing == Standing::Tampered)
            .count(),
    }
}

/// The plan title and the plan's question ids (ad-hoc ones left out): two scorecards with the
/// same key were interviewed with the same plan.
pub fn plan_key(session: &Session) -> String {
    let mut ids: Vec<&str> = session
        .questions
        .iter()
        .filter(|o| !o.question.ad_hoc && o.question.category != AD_HOC_CATEGORY)
        .map(|o| o.question.id.as_str())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    format!(
        "{}\u{1f}{}",
        single_line(&session.plan_title),
        ids.join("\u{1f}")
    )
}

#[cfg(test)]
mod tests {
    use super::super::PanelComparison;
    use super::super::fixtures::{close, panel, question, scorecard};
    use super::*;
    use crate::model::session::QuestionOutcome;

    #[test]
    fn groups_by_candidate_and_matches_questions_by_id() {
        let comparison = PanelComparison::build(&panel());
        assert_eq!(comparison.candidates.len(), 2);
        let ada = &comparison.candidates[0];
        assert_eq!(ada.name, "Ada");
        assert_eq!(
            ada.columns
                .iter()
                .map(|c| c.title.as_str())
                .collect::<Vec<_>>(),
            ["Ann", "Bob", "Cleo"]
        );
        assert_eq!(ada.categories.len(), 2);
        assert_eq!(ada.categories[0].id, "python");
        assert_eq!(ada.categories[0].questions.len(), 2);
        let py1 = &ada.categories[0].questions[0];
        let ratings: Vec<u8> = py1
            .cells
            .iter()
            .map(|c| c.as_ref().and_then(|c| c.rating).map_or(0, Rating::value))
            .collect();
        assert_eq!(ratings, [3, 1, 3]);
        assert_eq!(
            py1.cells[1]
                .as_ref()
                .map(|c| (c.points_ticked, c.points_total)),
            Some((1, 4))
        );
        assert_eq!(
            py1.cells[2].as_ref().map(|c| c.notes.as_str()),
            Some("Cleo on py.1")
        );
    }

    #[test]
    fn aggregate_weights_category_means_and_counts_yes() {
        let comparison = PanelComparison::build(&panel());
        let ada = &comparison.candidates[0].aggregate;
        // Python means per interviewer: Ann (3+4)/2 = 3.5, Bob (1+3)/2 = 2.0, Cleo (3+3)/2 = 3.0
        // → category mean (3.5 + 2 + 3)/3 = 8.5/3 = 2.8333.
        // Design: Ann 2, Bob 2, Cleo 4 → 8/3 = 2.6667.
        // Weighted, python ×2: (2 × 8.5/3 + 1 × 8/3) / 3 = (25/3)/3 = 25/9 = 2.7778.
        assert!(close(
            f64::from(ada.categories[0].mean.expect("python")),
            8.5 / 3.0
        ));
        assert_eq!(ada.categories[0].weight, 2.0);
        assert!(close(
            f64::from(ada.categories[1].mean.expect("design")),
            8.0 / 3.0
        ));
        assert_eq!(ada.categories[1].weight, 1.0);
        assert!(close(
            f64::from(ada.weighted_score.expect("score")),
            25.0 / 9.0
        ));
        // Yes from Ann, Strong Yes from Cleo, No from Bob: 2/3.
        assert!(close(f64::from(ada.yes_share.expect("share")), 2.0 / 3.0));
        assert_eq!(ada.counted, 3);

        let ben = &comparison.candidates[1].aggregate;
        // Python: Ann 2.0, Bob 1.5, Cleo 2.5 → 2.0; design 3, 2, 3 → 8/3.
        // Weighted: (2 × 2 + 8/3)/3 = (20/3)/3 = 20/9 = 2.2222. Nobody said Yes: 0.
        assert!(close(
            f64::from(ben.weighted_score.expect("score")),
            20.0 / 9.0
        ));
        assert_eq!(ben.yes_share, Some(0.0));
    }

    #[test]
    fn drafts_and_tampered_scorecards_are_listed_but_not_counted() {
        let mut scorecards = panel();
        // A draft from Dan rating everything 4, Yes: listed, not counted.
        scorecards.push(scorecard(
            "Ada",
            "Dan",
            [4, 4, 4],
            Recommendation::Yes,
            false,
        ));
        // Bob's scorecard edited after submission: rating changed outside the app.
        if let Some(rating) = scorecards[1].questions[0].rating.as_mut() {
            *rating = Rating::Exceptional;
        }
        assert!(scorecards[1].is_tampered());
        let comparison = PanelComparison::build(&scorecards);
        let ada = &comparison.candidates[0];
        assert_eq!(ada.columns.len(), 4);
        assert_eq!(ada.columns[1].standing, Standing::Tampered);
        assert_eq!(ada.columns[3].standing, Standing::NotSubmitted);
        let aggregate = &ada.aggregate;
        assert_eq!(
            (
                aggregate.counted,
                aggregate.not_submitted,
                aggregate.tampered
            ),
            (2, 1, 1)
        );
        // Only Ann and Cleo count. Python: (3.5 + 3)/2 = 3.25; design (2 + 4)/2 = 3.
        // Weighted: (2 × 3.25 + 3)/3 = 9.5/3 = 3.1667. Yes share: both said yes → 1.
        assert!(close(
            f64::from(aggregate.weighted_score.expect("score")),
            9.5 / 3.0
        ));
        assert_eq!(aggregate.yes_share, Some(1.0));
        // The draft's ratings still show in the matrix.
        assert_eq!(
            ada.categories[0].questions[0].cells[3]
                .as_ref()
                .and_then(|c| c.rating),
            Some(Rating::Exceptional)
        );
    }

    #[test]
    fn disagreements_on_questions_categories_and_recommendations() {
        let comparison = PanelComparison::build(&panel());
        let ada = &comparison.candidates[0];
        let python = &ada.categories[0];
        // py.1: 3, 1, 3 → spread 2 → flagged; py.2: 4, 3, 3 → spread 1.
        assert_eq!(python.questions[0].spread, Some(2));
        assert!(python.questions[0].disagrees());
        assert!(!python.questions[1].disagrees());
        // Python means 3.5, 2.0, 3.0 → spread 1.5, not flagged; design 2, 2, 4 → 2, flagged.
        assert!(close(f64::from(python.spread.expect("spread")), 1.5));
        assert!(!python.disagrees());
        assert!(ada.categories[1].disagrees());
        assert_eq!(ada.question_disagreements(), 2); // py.1 and des.1 (2, 2, 4)
        assert_eq!(ada.category_disagreements(), 1);
        // Yes, No and Strong Yes: mixed.
        assert!(ada.mixed_recommendations);
        // Ben: No, Strong No, No decision — no Yes at all, so not mixed.
        let ben = &comparison.candidates[1];
        assert!(!ben.mixed_recommendations);
        assert_eq!(ben.question_disagreements(), 0);
    }

    #[test]
    fn questions_only_some_asked_still_show_and_ad_hoc_never_merge() {
        let mut scorecards = panel();
        scorecards[0]
            .questions
            .push(QuestionOutcome::new(question("sql.1", "sql")));
        scorecards[0].questions[3].rating = Some(Rating::Solid);
        scorecards[0].add_ad_hoc("Tell me about X", &[]);
        scorecards[1].add_ad_hoc("Tell me about Y", &[]);
        let ada = &PanelComparison::build(&scorecards).candidates[0];
        let sql = ada
            .categories
            .iter()
            .find(|c| c.id == "sql")
            .expect("sql category");
        assert_eq!(sql.questions[0].asked_by(), 1);
        assert!(sql.questions[0].cells[1].is_none());
        let ad_hoc = ada.categories.last().expect("ad-hoc last");
        assert!(ad_hoc.is_ad_hoc());
        // Both are adhoc.1, but different questions: two rows.
        assert_eq!(ad_hoc.questions.len(), 2);
        assert!(
            ada.aggregate
                .categories
                .iter()
                .all(|c| c.id != AD_HOC_CATEGORY)
        );
    }

    #[test]
    fn two_scorecards_by_one_interviewer_get_numbered_titles() {
        let mut second = scorecard("Ada", "ann", [2, 2, 2], Recommendation::No, true);
        second.id = "second".into();
        let scorecards = vec![
            scorecard("Ada", "Ann", [3, 3, 3], Recommendation::Yes, true),
            second,
        ];
        let ada = &PanelComparison::build(&scorecards).candidates[0];
        let titles: Vec<&str> = ada.columns.iter().map(|c| c.title.as_str()).collect();
        assert_eq!(titles, ["Ann", "ann (2)"]);
    }
}
