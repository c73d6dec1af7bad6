//! Comparing scorecards across a hiring panel: one matrix of questions × interviewers per
//! candidate, disagreement flags, a mechanical aggregate, a ranking of candidates interviewed
//! with the same plan, and calibration of the interviewers against each other.
//!
//! Structured-interview research favours independent ratings combined mechanically over a
//! discussion anchored by the first voice. So the aggregate here is deliberately simple and
//! transparent (means, weights set before the interviews, a share of Yes calls), it only counts
//! submitted scorecards whose seal still matches, and it is shown beside the interviewers'
//! own recommendations, never in their place.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::session::{QuestionState, Rating, Recommendation, Session};

/// Ratings of the same question or category that differ by this much or more are flagged.
pub const DISAGREEMENT_GAP: f32 = 2.0;

/// An interviewer whose ratings run this far above (lenient) or below (harsh) the other
/// interviewers' ratings of the same answers is flagged.
pub const CALIBRATION_GAP: f64 = 0.5;

/// Fewer shared ratings than this and an interviewer is not flagged either way: a couple of
/// answers say little about a habit.
pub const MIN_SHARED_FOR_FLAG: usize = 3;

/// Category id of questions made up during an interview (see `QuestionSnapshot::ad_hoc`).
pub const AD_HOC_CATEGORY: &str = "ad-hoc";

/// How a name is compared: case, surrounding and repeated spaces ignored.
pub fn person_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// True when two names refer to the same person by [`person_key`]; empty names never match.
pub fn same_person(a: &str, b: &str) -> bool {
    let a = person_key(a);
    !a.is_empty() && a == person_key(b)
}

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
    /// Index into the scorecards given to [`PanelComparison::build`].
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
    fn rating_counts(&self) -> Option<f32> {
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

/// What the local interviewer may see of a candidate under independent scoring.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Access {
    /// Independent scoring is off.
    Open,
    /// The local interviewer's own scorecard for this candidate is submitted.
    Unlocked,
    /// The local interviewer's own scorecard is loaded but not submitted yet.
    OwnNotSubmitted,
    /// No scorecard by the local interviewer is loaded for this candidate.
    NoOwnScorecard,
    /// The app does not know the local interviewer's name.
    NameUnknown,
}

impl Access {
    /// Whether other interviewers' ratings, notes and calls may be shown.
    pub fn shows_others(self) -> bool {
        matches!(self, Access::Open | Access::Unlocked)
    }
}

/// Independent scoring: others' ratings stay hidden until `local`'s own scorecard for the
/// candidate is submitted.
pub fn access(candidate: &CandidateComparison, local: &str, independent: bool) -> Access {
    if !independent {
        return Access::Open;
    }
    if person_key(local).is_empty() {
        return Access::NameUnknown;
    }
    let mut own = candidate.columns_of(local).peekable();
    if own.peek().is_none() {
        return Access::NoOwnScorecard;
    }
    if own.any(|c| c.submitted) {
        Access::Unlocked
    } else {
        Access::OwnNotSubmitted
    }
}

/// A candidate's place among candidates interviewed with the same plan.
#[derive(Clone, Debug, PartialEq)]
pub struct RankedCandidate {
    /// Index into [`PanelComparison::candidates`].
    pub candidate: usize,
    /// 1 for the highest weighted score; ties share a rank (1, 2, 2, 4). `None` without a score.
    pub rank: Option<usize>,
    pub weighted_score: Option<f32>,
    pub yes_share: Option<f32>,
    /// Aligned with [`PlanGroup::categories`].
    pub category_means: Vec<Option<f32>>,
}

/// Candidates interviewed with the same plan (same title and questions), ranked.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanGroup {
    pub plan_title: String,
    /// (id, title) of the categories in the aggregate.
    pub categories: Vec<(String, String)>,
    pub ranking: Vec<RankedCandidate>,
}

/// Where an interviewer's ratings sit against the panel's.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Lean {
    /// Rates higher than the others on the same answers by [`CALIBRATION_GAP`] or more.
    Lenient,
    /// Rates lower than the others on the same answers by [`CALIBRATION_GAP`] or more.
    Harsh,
    InLine,
    /// Too few answers rated by others as well to tell.
    TooFewShared,
}

impl Lean {
    pub fn label(self) -> &'static str {
        match self {
            Lean::Lenient => "Lenient",
            Lean::Harsh => "Harsh",
            Lean::InLine => "In line",
            Lean::TooFewShared => "Too few shared ratings",
        }
    }
}

/// One interviewer's calibration figures.
#[derive(Clone, Debug, PartialEq)]
pub struct RaterCalibration {
    pub interviewer: String,
    pub scorecards: usize,
    pub ratings: usize,
    pub mean: f64,
    /// Population standard deviation of their ratings.
    pub spread: f64,
    /// Their mean minus the panel's mean.
    pub vs_panel: f64,
    /// Mean of (their rating − the mean of the others' ratings) over answers others rated too.
    /// Fairer than `vs_panel`: it compares ratings of the same answers, so an interviewer who
    /// happened to meet stronger candidates is not called lenient.
    pub offset: Option<f64>,
    /// Answers (candidate × question) that others rated too.
    pub shared: usize,
    /// Share of their pairings with another rating of the same answer within one point.
    pub within_one: Option<f64>,
    pub lean: Lean,
}

/// Agreement across the panel, over the counted scorecards of the included candidates.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Calibration {
    pub raters: Vec<RaterCalibration>,
    pub ratings: usize,
    pub panel_mean: Option<f64>,
    pub panel_spread: Option<f64>,
    /// Answers (candidate × question) rated by two or more scorecards.
    pub shared_units: usize,
    /// Pairs of ratings of the same answer.
    pub pairs: usize,
    /// Share of those pairs within one point of each other.
    pub within_one: Option<f64>,
    /// Krippendorff's alpha with the interval metric.
    pub alpha_interval: Option<f64>,
    /// Krippendorff's alpha with the ordinal metric (the scale is ordered, not evenly spaced).
    pub alpha_ordinal: Option<f64>,
}

/// The whole comparison.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct PanelComparison {
    /// Every candidate, by name.
    pub candidates: Vec<CandidateComparison>,
    /// Rankings of the included candidates, by plan.
    pub groups: Vec<PlanGroup>,
    /// Calibration over the included candidates.
    pub calibration: Calibration,
    /// Candidates left out of rankings and calibration (hidden by independent scoring).
    pub excluded: usize,
}

impl PanelComparison {
    /// Compares every scorecard; every candidate is ranked and calibrated.
    pub fn build(scorecards: &[Session]) -> PanelComparison {
        PanelComparison::build_with(scorecards, |_| true)
    }

    /// Compares every scorecard; only candidates for which `include` is true enter rankings
    /// and calibration (so hidden ratings cannot be read off them).
    pub fn build_with(
        scorecards: &[Session],
        include: impl Fn(&CandidateComparison) -> bool,
    ) -> PanelComparison {
        let candidates = compare_candidates(scorecards);
        let included: Vec<usize> = (0..candidates.len())
            .filter(|&i| include(&candidates[i]))
            .collect();
        let groups = rank(&candidates, &included);
        let calibration = calibrate(&candidates, &included);
        PanelComparison {
            excluded: candidates.len() - included.len(),
            candidates,
            groups,
            calibration,
        }
    }

    pub fn candidate(&self, key: &str) -> Option<&CandidateComparison> {
        self.candidates.iter().find(|c| c.key == key)
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

fn rank(candidates: &[CandidateComparison], included: &[usize]) -> Vec<PlanGroup> {
    let mut by_plan: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for &i in included {
        by_plan
            .entry(candidates[i].plan_key.as_str())
            .or_default()
            .push(i);
    }
    let mut groups: Vec<PlanGroup> = by_plan
        .into_values()
        .map(|members| {
            let mut categories: Vec<(String, String)> = Vec::new();
            for &i in &members {
                for c in &candidates[i].aggregate.categories {
                    if !categories.iter().any(|(id, _)| *id == c.id) {
                        categories.push((c.id.clone(), c.title.clone()));
                    }
                }
            }
            let mut ranking: Vec<RankedCandidate> = members
                .iter()
                .map(|&i| {
                    let aggregate = &candidates[i].aggregate;
                    RankedCandidate {
                        candidate: i,
                        rank: None,
                        weighted_score: aggregate.weighted_score,
                        yes_share: aggregate.yes_share,
                        category_means: categories
                            .iter()
                            .map(|(id, _)| {
                                aggregate
                                    .categories
                                    .iter()
                                    .find(|c| c.id == *id)
                                    .and_then(|c| c.mean)
                            })
                            .collect(),
                    }
                })
                .collect();
            // Highest score first; candidates without one last, by name.
            ranking.sort_by(|a, b| {
                let score = |r: &RankedCandidate| r.weighted_score.unwrap_or(f32::NEG_INFINITY);
                score(b).total_cmp(&score(a)).then_with(|| {
                    candidates[a.candidate]
                        .key
                        .cmp(&candidates[b.candidate].key)
                })
            });
            let mut previous: Option<(f32, usize)> = None;
            for (position, entry) in ranking.iter_mut().enumerate() {
                if let Some(score) = entry.weighted_score {
                    let rank = match previous {
                        Some((last, rank)) if (last - score).abs() < 1e-6 => rank,
                        _ => position + 1,
                    };
                    entry.rank = Some(rank);
                    previous = Some((score, rank));
                }
            }
            let first = members.first().map(|&i| &candidates[i]);
            PlanGroup {
                plan_title: first
                    .map(|c| {
                        let titles: Vec<&str> = c
                            .plan_titles
                            .iter()
                            .map(|t| t.as_str())
                            .filter(|t| !t.is_empty())
                            .collect();
                        if titles.is_empty() {
                            "Untitled plan".to_string()
                        } else {
                            titles.join(" + ")
                        }
                    })
                    .unwrap_or_default(),
                categories,
                ranking,
            }
        })
        .collect();
    // Largest groups first: that is where the comparison is.
    groups.sort_by(|a, b| {
        b.ranking
            .len()
            .cmp(&a.ranking.len())
            .then_with(|| a.plan_title.cmp(&b.plan_title))
    });
    groups
}

/// One rating in the calibration: which answer (candidate × question) and by whom.
struct Rated {
    unit: usize,
    rater: usize,
    value: f64,
}

fn calibrate(candidates: &[CandidateComparison], included: &[usize]) -> Calibration {
    let mut rater_names: Vec<String> = Vec::new();
    let mut rater_keys: Vec<String> = Vec::new();
    let mut rater_scorecards: Vec<usize> = Vec::new();
    let mut ratings: Vec<Rated> = Vec::new();
    let mut units = 0usize;
    for &ci in included {
        let candidate = &candidates[ci];
        let mut column_rater = Vec::new();
        for column in &candidate.columns {
            let key = person_key(&column.interviewer);
            let rater = match rater_keys.iter().position(|k| *k == key) {
                Some(r) => r,
                None => {
                    rater_keys.push(key);
                    rater_names.push(if column.interviewer.is_empty() {
                        "Unnamed interviewer".to_string()
                    } else {
                        column.interviewer.clone()
                    });
                    rater_scorecards.push(0);
                    rater_keys.len() - 1
                }
            };
            if column.counted() {
                rater_scorecards[rater] += 1;
            }
            column_rater.push(rater);
        }
        for row in candidate
            .categories
            .iter()
            .filter(|b| !b.is_ad_hoc())
            .flat_map(|b| &b.questions)
        {
            for (col, cell) in row.cells.iter().enumerate() {
                let counted = candidate.columns[col].counted();
                if let (true, Some(value)) = (counted, cell.as_ref().and_then(Cell::rating_counts))
                {
                    ratings.push(Rated {
                        unit: units,
                        rater: column_rater[col],
                        value: f64::from(value),
                    });
                }
            }
            units += 1;
        }
    }

    let mut per_unit: Vec<Vec<usize>> = vec![Vec::new(); units];
    for (i, r) in ratings.iter().enumerate() {
        per_unit[r.unit].push(i);
    }
    let values: Vec<f64> = ratings.iter().map(|r| r.value).collect();
    let panel_mean = mean_f64(&values);
    let panel_spread = panel_mean.map(|m| population_sd(&values, m));

    let mut pairs = 0usize;
    let mut close = 0usize;
    for members in &per_unit {
        for (a, &i) in members.iter().enumerate() {
            for &j in &members[a + 1..] {
                pairs += 1;
                if (ratings[i].value - ratings[j].value).abs() <= 1.0 {
                    close += 1;
                }
            }
        }
    }

    let mut raters: Vec<RaterCalibration> = (0..rater_names.len())
        .filter_map(|rater| {
            let own: Vec<&Rated> = ratings.iter().filter(|r| r.rater == rater).collect();
            let own_values: Vec<f64> = own.iter().map(|r| r.value).collect();
            let mean = mean_f64(&own_values)?;
            let mut offsets = Vec::new();
            let (mut own_pairs, mut own_close) = (0usize, 0usize);
            for r in &own {
                let others: Vec<f64> = per_unit[r.unit]
                    .iter()
                    .map(|&i| &ratings[i])
                    .filter(|o| o.rater != rater)
                    .map(|o| o.value)
                    .collect();
                if let Some(others_mean) = mean_f64(&others) {
                    offsets.push(r.value - others_mean);
                    own_pairs += others.len();
                    own_close += others
                        .iter()
                        .filter(|o| (r.value - **o).abs() <= 1.0)
                        .count();
                }
            }
            let offset = mean_f64(&offsets);
            let lean = match offset {
                Some(_) if offsets.len() < MIN_SHARED_FOR_FLAG => Lean::TooFewShared,
                None => Lean::TooFewShared,
                Some(o) if o >= CALIBRATION_GAP - 1e-9 => Lean::Lenient,
                Some(o) if o <= -CALIBRATION_GAP + 1e-9 => Lean::Harsh,
                Some(_) => Lean::InLine,
            };
            Some(RaterCalibration {
                interviewer: rater_names[rater].clone(),
                scorecards: rater_scorecards[rater],
                ratings: own.len(),
                mean,
                spread: population_sd(&own_values, mean),
                vs_panel: mean - panel_mean.unwrap_or(mean),
                offset,
                shared: offsets.len(),
                within_one: (own_pairs > 0).then(|| own_close as f64 / own_pairs as f64),
                lean,
            })
        })
        .collect();
    raters.sort_by_key(|r| person_key(&r.interviewer));

    let unit_values: Vec<Vec<f64>> = per_unit
        .iter()
        .map(|members| members.iter().map(|&i| ratings[i].value).collect())
        .collect();
    Calibration {
        raters,
        ratings: ratings.len(),
        panel_mean,
        panel_spread,
        shared_units: per_unit.iter().filter(|m| m.len() >= 2).count(),
        pairs,
        within_one: (pairs > 0).then(|| close as f64 / pairs as f64),
        alpha_interval: krippendorff_alpha(&unit_values, AlphaMetric::Interval),
        alpha_ordinal: krippendorff_alpha(&unit_values, AlphaMetric::Ordinal),
    }
}

/// The difference function of Krippendorff's alpha.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum AlphaMetric {
    /// Squared difference of the values.
    Interval,
    /// Squared count of values between the two, from the pooled distribution: only the order
    /// of the scale matters, not its spacing.
    Ordinal,
}

/// Krippendorff's alpha for `units`, each the values given to one unit (here: one answer) by
/// whoever rated it; units with fewer than two values are not pairable and are ignored.
///
/// α = 1 − D_o / D_e through the coincidence matrix: o_ck = Σ_u (pairs (c,k) in u) / (m_u − 1),
/// n_c = Σ_k o_ck, n = Σ n_c, then α = 1 − (n − 1) Σ o_ck δ²_ck / Σ n_c n_k δ²_ck.
/// `None` when fewer than two pairable values exist or every value is the same (expected
/// disagreement 0: alpha is undefined).
pub fn krippendorff_alpha(units: &[Vec<f64>], metric: AlphaMetric) -> Option<f64> {
    let pairable: Vec<&Vec<f64>> = units.iter().filter(|u| u.len() >= 2).collect();
    let mut scale: Vec<f64> = pairable
        .iter()
        .flat_map(|u| u.iter().copied())
        .filter(|v| v.is_finite())
        .collect();
    scale.sort_by(f64::total_cmp);
    scale.dedup();
    let index = |v: f64| scale.iter().position(|s| *s == v);
    let k = scale.len();
    let mut o = vec![vec![0.0f64; k]; k];
    for unit in &pairable {
        let values: Vec<usize> = unit.iter().filter_map(|v| index(*v)).collect();
        let m = values.len();
        if m < 2 {
            continue;
        }
        let weight = 1.0 / (m as f64 - 1.0);
        for (a, &c) in values.iter().enumerate() {
            for (b, &d) in values.iter().enumerate() {
                if a != b {
                    o[c][d] += weight;
                }
            }
        }
    }
    let marginals: Vec<f64> = o.iter().map(|row| row.iter().sum()).collect();
    let n: f64 = marginals.iter().sum();
    if n < 2.0 {
        return None;
    }
    let delta2 = |c: usize, d: usize| -> f64 {
        match metric {
            AlphaMetric::Interval => (scale[c] - scale[d]).powi(2),
            AlphaMetric::Ordinal => {
                let (lo, hi) = (c.min(d), c.max(d));
                let between: f64 = marginals[lo..=hi].iter().sum();
                (between - (marginals[c] + marginals[d]) / 2.0).powi(2)
            }
        }
    };
    let (mut observed, mut expected) = (0.0f64, 0.0f64);
    for c in 0..k {
        for d in 0..k {
            if c != d {
                let delta = delta2(c, d);
                observed += o[c][d] * delta;
                expected += marginals[c] * marginals[d] * delta;
            }
        }
    }
    if expected <= f64::EPSILON {
        return None;
    }
    Some(1.0 - (n - 1.0) * observed / expected)
}

fn spread_u8(values: &[u8]) -> Option<u8> {
    let max = values.iter().max()?;
    let min = values.iter().min()?;
    (values.len() >= 2).then(|| max - min)
}

fn mean_f32(values: impl Iterator<Item = f32>) -> Option<f32> {
    let (sum, n) = values.fold((0.0f32, 0usize), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / n as f32)
}

fn mean_f64(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

fn population_sd(values: &[f64], mean: f64) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    (values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / values.len() as f64).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::plan::QuestionSnapshot;
    use crate::model::session::{QuestionOutcome, Submission};

    fn question(id: &str, category: &str) -> QuestionSnapshot {
        QuestionSnapshot {
            id: id.into(),
            category: category.into(),
            category_title: category.to_uppercase(),
            prompt: format!("Prompt {id}"),
            listen_for: vec!["a".into(), "b".into(), "c".into(), "d".into()],
            ..QuestionSnapshot::default()
        }
    }

    /// A scorecard for the "Backend" plan: py.1, py.2 (python, weight 2), des.1 (design).
    fn scorecard(
        candidate: &str,
        interviewer: &str,
        ratings: [u8; 3],
        rec: Recommendation,
        submit: bool,
    ) -> Session {
        let mut session = Session {
            id: format!("{candidate}-{interviewer}"),
            candidate: candidate.into(),
            interviewer: interviewer.into(),
            plan_title: "Backend".into(),
            category_weights: [("python".to_string(), 2.0)].into_iter().collect(),
            recommendation: Some(rec),
            ..Session::default()
        };
        for (id, category, rating) in [
            ("py.1", "python", ratings[0]),
            ("py.2", "python", ratings[1]),
            ("des.1", "design", ratings[2]),
        ] {
            let mut outcome = QuestionOutcome::new(question(id, category));
            outcome.rating = Rating::from_value(rating);
            outcome.state = QuestionState::Covered;
            outcome.toggle_point(0, 1.0);
            outcome.notes = format!("{interviewer} on {id}");
            session.questions.push(outcome);
        }
        if submit {
            seal(&mut session);
        }
        session
    }

    fn seal(session: &mut Session) {
        session.submitted = Some(Submission {
            at: chrono::DateTime::parse_from_rfc3339("2026-03-02T10:00:00+01:00").expect("date"),
            content_hash: session.content_hash(),
        });
    }

    /// Three interviewers × two candidates; ratings are (py.1, py.2, des.1).
    fn panel() -> Vec<Session> {
        use Recommendation::*;
        vec![
            scorecard("Ada", "Ann", [3, 4, 2], Yes, true),
            scorecard("Ada", "Bob", [1, 3, 2], No, true),
            scorecard("Ada", "Cleo", [3, 3, 4], StrongYes, true),
            scorecard("Ben", "Ann", [2, 2, 3], No, true),
            scorecard("Ben", "Bob", [2, 1, 2], StrongNo, true),
            scorecard("Ben", "Cleo", [3, 2, 3], NoDecision, true),
        ]
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-4
    }

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
    fn ranks_candidates_of_the_same_plan_only() {
        let mut scorecards = panel();
        let mut other = scorecard("Cy", "Ann", [4, 4, 4], Recommendation::StrongYes, true);
        other.plan_title = "Frontend".into();
        seal(&mut other);
        scorecards.push(other);
        let comparison = PanelComparison::build(&scorecards);
        assert_eq!(comparison.groups.len(), 2);
        let backend = &comparison.groups[0];
        assert_eq!(backend.plan_title, "Backend");
        let order: Vec<(&str, Option<usize>)> = backend
            .ranking
            .iter()
            .map(|r| (comparison.candidates[r.candidate].name.as_str(), r.rank))
            .collect();
        // 25/9 for Ada beats 20/9 for Ben.
        assert_eq!(order, [("Ada", Some(1)), ("Ben", Some(2))]);
        assert_eq!(
            backend
                .categories
                .iter()
                .map(|c| c.0.as_str())
                .collect::<Vec<_>>(),
            ["python", "design"]
        );
        assert_eq!(comparison.groups[1].plan_title, "Frontend");
    }

    #[test]
    fn ties_share_a_rank() {
        let scorecards = vec![
            scorecard("A", "Ann", [3, 3, 3], Recommendation::Yes, true),
            scorecard("B", "Ann", [3, 3, 3], Recommendation::Yes, true),
            scorecard("C", "Ann", [1, 1, 1], Recommendation::No, true),
        ];
        let comparison = PanelComparison::build(&scorecards);
        let ranks: Vec<Option<usize>> = comparison.groups[0]
            .ranking
            .iter()
            .map(|r| r.rank)
            .collect();
        assert_eq!(ranks, [Some(1), Some(1), Some(3)]);
    }

    #[test]
    fn calibration_against_hand_worked_figures() {
        let calibration = PanelComparison::build(&panel()).calibration;
        // Ratings per interviewer over (Ada py.1, py.2, des.1, Ben py.1, py.2, des.1):
        //   Ann 3 4 2 2 2 3 → 16/6 = 2.6667;  Bob 1 3 2 2 1 2 → 11/6 = 1.8333;
        //   Cleo 3 3 4 3 2 3 → 18/6 = 3.0;    panel 45/18 = 2.5.
        assert_eq!(calibration.ratings, 18);
        assert!(close(calibration.panel_mean.expect("mean"), 2.5));
        let [ann, bob, cleo] = &calibration.raters[..] else {
            panic!("three raters")
        };
        assert!(close(ann.mean, 16.0 / 6.0));
        assert!(close(bob.vs_panel, 11.0 / 6.0 - 2.5));
        // Ann's spread: deviations from 8/3 are 1/3, 4/3, −2/3, −2/3, −2/3, 1/3; squares sum
        // (1 + 16 + 4 + 4 + 4 + 1)/9 = 30/9; /6 = 5/9 → sd √(5/9) = 0.7454.
        assert!(close(ann.spread, (5.0f64 / 9.0).sqrt()));
        // Offsets against the mean of the other two on the same answer:
        //   Ann: 3−2, 4−3, 2−3, 2−2.5, 2−1.5, 3−2.5 = 1, 1, −1, −0.5, 0.5, 0.5 → 1.5/6 = 0.25
        //   Bob: 1−3, 3−3.5, 2−3, 2−2.5, 1−2, 2−3 = −2, −0.5, −1, −0.5, −1, −1 → −6/6 = −1
        //   Cleo: 3−2, 3−3.5, 4−2, 3−2, 2−1.5, 3−2.5 = 1, −0.5, 2, 1, 0.5, 0.5 → 4.5/6 = 0.75
        assert!(close(ann.offset.expect("ann"), 0.25));
        assert!(close(bob.offset.expect("bob"), -1.0));
        assert!(close(cleo.offset.expect("cleo"), 0.75));
        assert_eq!(
            (ann.lean, bob.lean, cleo.lean),
            (Lean::InLine, Lean::Harsh, Lean::Lenient)
        );
        // Pairs within one point, per answer (3 pairs each): Ada py.1 (3,1)✗ (3,3)✓ (1,3)✗ → 1;
        // py.2 → 3; des.1 (2,2)✓ (2,4)✗ (2,4)✗ → 1; Ben's three answers → 3 each. 14/18.
        assert_eq!(calibration.pairs, 18);
        assert!(close(
            calibration.within_one.expect("within one"),
            14.0 / 18.0
        ));
        // Ann pairs with Bob: ✗✓✓✓✓✓ 5/6, with Cleo: ✓✓✗✓✓✓ 5/6 → 10/12.
        assert!(close(ann.within_one.expect("ann"), 10.0 / 12.0));
        // Bob with Cleo: ✗✓✗✓✓✓ 4/6 → Bob (5 + 4)/12 = 0.75.
        assert!(close(bob.within_one.expect("bob"), 0.75));
        // Interval alpha: each answer has 3 values, so each unordered pair weighs 2 × 1/(3−1) = 1.
        //   Σ o δ² = Σ over pairs of squared differences = 8 + 2 + 8 + 2 + 2 + 2 = 24.
        //   Values: n1 = 2, n2 = 7, n3 = 7, n4 = 2, n = 18.
        //   Σ_{c<k} n_c n_k (c−k)² = 14 + 56 + 36 + 49 + 56 + 14 = 225 → ordered 450.
        //   α = 1 − (n − 1) × 24 / 450 = 1 − 408/450 = 42/450 = 0.09333.
        assert!(close(
            calibration.alpha_interval.expect("alpha"),
            42.0 / 450.0
        ));
        // Ordinal δ²(c,k) = (Σ_{g=c..k} n_g − (n_c + n_k)/2)²: (1,2) 4.5² = 20.25, (2,3) 7² = 49,
        //   (3,4) 20.25, (1,3) 11.5² = 132.25, (2,4) 132.25, (1,4) 16² = 256.
        //   Observed: Ada py.1 2 × 132.25, py.2 2 × 20.25, des.1 2 × 132.25, Ben py.1 2 × 49,
        //   py.2 2 × 20.25, des.1 2 × 49 → 806.
        //   Expected: 2 × (14 × 20.25 + 49 × 49 + 14 × 20.25 + 14 × 132.25 × 2 + 4 × 256) = 15390.
        //   α = 1 − 17 × 806 / 15390 = 1688/15390 = 0.10968.
        assert!(close(
            calibration.alpha_ordinal.expect("alpha"),
            1688.0 / 15390.0
        ));
    }

    #[test]
    fn alpha_on_a_small_hand_worked_example() {
        // Three answers rated twice: (1,2), (3,3), (2,4). Each ordered pair weighs 1/(2−1) = 1.
        // Observed Σ o δ² = 1 + 1 + 0 + 0 + 4 + 4 = 10. Values n1 = 1, n2 = 2, n3 = 2, n4 = 1.
        // Σ_{c<k} n_c n_k (c−k)² = 2 + 8 + 9 + 4 + 8 + 2 = 33 → 66 ordered; n − 1 = 5.
        // α = 1 − 5 × 10 / 66 = 1 − 50/66 = 8/33 = 0.2424.
        let units = vec![vec![1.0, 2.0], vec![3.0, 3.0], vec![2.0, 4.0], vec![4.0]];
        assert!(close(
            krippendorff_alpha(&units, AlphaMetric::Interval).expect("alpha"),
            8.0 / 33.0
        ));
        // Perfect agreement is 1; identical values everywhere leave alpha undefined.
        assert_eq!(
            krippendorff_alpha(&[vec![1.0, 1.0], vec![3.0, 3.0]], AlphaMetric::Interval),
            Some(1.0)
        );
        assert_eq!(
            krippendorff_alpha(&[vec![2.0, 2.0], vec![2.0, 2.0]], AlphaMetric::Ordinal),
            None
        );
        assert_eq!(krippendorff_alpha(&[vec![2.0]], AlphaMetric::Ordinal), None);
    }

    #[test]
    fn alpha_matches_krippendorffs_published_example() {
        // Krippendorff (2011), "Computing Krippendorff's alpha-reliability": 4 observers, 12 units,
        // values 1–5 with gaps; published α: interval 0.849, ordinal 0.815.
        let n = f64::NAN;
        let observers = [
            [1.0, 2.0, 3.0, 3.0, 2.0, 1.0, 4.0, 1.0, 2.0, n, n, n],
            [1.0, 2.0, 3.0, 3.0, 2.0, 2.0, 4.0, 1.0, 2.0, 5.0, n, 3.0],
            [n, 3.0, 3.0, 3.0, 2.0, 3.0, 4.0, 2.0, 2.0, 5.0, 1.0, n],
            [1.0, 2.0, 3.0, 3.0, 2.0, 4.0, 4.0, 1.0, 2.0, 5.0, 1.0, n],
        ];
        let units: Vec<Vec<f64>> = (0..12)
            .map(|u| {
                observers
                    .iter()
                    .map(|o| o[u])
                    .filter(|v| !v.is_nan())
                    .collect()
            })
            .collect();
        let interval = krippendorff_alpha(&units, AlphaMetric::Interval).expect("interval");
        let ordinal = krippendorff_alpha(&units, AlphaMetric::Ordinal).expect("ordinal");
        assert!((interval - 0.849).abs() < 0.0005, "{interval}");
        assert!((ordinal - 0.815).abs() < 0.0005, "{ordinal}");
    }

    #[test]
    fn independent_scoring_unlocks_only_after_own_submission() {
        let mut scorecards = panel();
        scorecards[0].submitted = None; // Ann's Ada scorecard back to a draft
        let comparison = PanelComparison::build(&scorecards);
        let (ada, ben) = (&comparison.candidates[0], &comparison.candidates[1]);
        assert_eq!(access(ada, "ann", true), Access::OwnNotSubmitted);
        assert_eq!(access(ben, " Ann ", true), Access::Unlocked);
        assert_eq!(access(ada, "Zed", true), Access::NoOwnScorecard);
        assert_eq!(access(ada, "  ", true), Access::NameUnknown);
        assert_eq!(access(ada, "", false), Access::Open);
        assert!(!Access::OwnNotSubmitted.shows_others());
    }

    #[test]
    fn excluded_candidates_stay_out_of_rankings_and_calibration() {
        let comparison = PanelComparison::build_with(&panel(), |c| c.name == "Ben");
        assert_eq!(comparison.excluded, 1);
        assert_eq!(comparison.candidates.len(), 2);
        assert_eq!(comparison.groups[0].ranking.len(), 1);
        // Ben only: Ann 2 2 3, Bob 2 1 2, Cleo 3 2 3 → 20/9.
        assert_eq!(comparison.calibration.ratings, 9);
        assert!(close(
            comparison.calibration.panel_mean.expect("mean"),
            20.0 / 9.0
        ));
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
