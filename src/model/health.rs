//! Question health (item analysis): what the submitted scorecards say about each question.
//!
//! Every figure is computed per question *and per rubric version*: a scorecard holds a snapshot
//! of the question with the hash of its rubric ([`QuestionSnapshot::rubric_hash`]), and an
//! edited rubric starts a new version with fresh figures while the old version's history stays
//! readable. Only submitted scorecards whose signature (or, for older unsigned scorecards, seal)
//! still vouches for their content count; drafts and tampered scorecards are counted in
//! [`Exclusions`] and left out. Within a scorecard, the one rule of
//! [`scoring::counts_toward_figures`] applies: a skipped question counts for nothing.
//!
//! The methods, thresholds and what the figures do not claim are written down for people in
//! `docs/question-health.md`; every threshold below is a named constant so the docs, the
//! screen and the command line state the same numbers.
//!
//! Pure: no egui, no file IO. `store::health_sources` gathers the scorecards.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, Duration, FixedOffset};
use serde::Serialize;

use super::panel::{AlphaMetric, krippendorff_alpha};
use super::plan::QuestionSnapshot;
use super::session::{Recommendation, Session};

pub mod facts;
pub use facts::{AnswerFacts, HealthInput, ScorecardFacts, Standing};

/// Share of ratings on a single value at or above which the spread is flagged: a ceiling when
/// the value is the top of the scale, a floor at the bottom, "no spread" in between.
pub const SAME_RATING_SHARE: f64 = 0.8;
/// Ratings needed before the spread is judged.
pub const MIN_RATINGS_FOR_SPREAD: usize = 10;

/// Pairs of interviewers rating the same candidate on the same question needed before
/// agreement (Krippendorff's alpha) is reported; below it only the pair count is given.
pub const MIN_PAIRS_FOR_AGREEMENT: usize = 10;
/// Alpha below which agreement is flagged: Krippendorff's own lowest bound for drawing even
/// tentative conclusions from ratings.
pub const LOW_AGREEMENT_ALPHA: f64 = 0.667;

/// Candidates (with both a rating on the question and an overall outcome) needed before
/// discrimination is reported; below it the figure reads "not enough data".
pub const MIN_CANDIDATES_FOR_DISCRIMINATION: usize = 20;
/// Rank correlation below which a question is said not to separate candidates.
pub const WEAK_DISCRIMINATION: f64 = 0.2;

/// Times a question must have been asked before its rubric points' tick rates are judged.
pub const MIN_ASKED_FOR_TICK_RATES: usize = 10;
/// A point ticked in at most this share of interviews is "never ticked" (likely unobservable).
pub const NEVER_TICKED_RATE: f64 = 0.05;
/// A point ticked in at least this share of interviews is "always ticked" (likely trivial).
pub const ALWAYS_TICKED_RATE: f64 = 0.95;
/// Times a question must have been asked before a red flag that was never observed is noted.
pub const MIN_ASKED_FOR_RED_FLAGS: usize = 20;

/// Timed interviews needed before time spent is judged.
pub const MIN_TIMED_FOR_OVERTIME: usize = 5;
/// Median time at or above this multiple of the suggested minutes is an overrun…
pub const OVERTIME_RATIO: f64 = 1.5;
/// …provided it is also at least this many seconds over (a 2-minute question taking 3 is fine).
pub const OVERTIME_MIN_SECS: f64 = 120.0;

/// The recent window for exposure, in days.
pub const EXPOSURE_WINDOW_DAYS: i64 = 30;
/// Distinct candidates in the recent window at or above which a question is overexposed: each
/// candidate who heard it can pass it on.
pub const EXPOSURE_LIMIT: usize = 25;

/// Months of history in [`Usage::asks_per_month`] (for a spark chart).
pub const MONTHS_SHOWN: usize = 12;

/// A panel's final decision for a candidate, from a decision record.
///
/// Decision records do not exist yet. This is the hook for them: once `model::decision`
/// exists, the caller fills [`HealthOptions::decisions`] and discrimination uses the decision
/// instead of the interviewers' recommendations for those candidates.
#[derive(Serialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    Hire,
    NoHire,
}

/// What the computation needs besides the scorecards.
#[derive(Clone, Debug, Default)]
pub struct HealthOptions {
    /// "Now" for exposure and the monthly counts; `None` uses the newest scorecard's date (so a
    /// history read later gives the same figures).
    pub now: Option<DateTime<FixedOffset>>,
    /// Final decisions by candidate, keyed by [`person_key`] of the candidate's name. Empty
    /// until decision records exist (see [`Decision`]).
    pub decisions: BTreeMap<String, Decision>,
    /// The bank's current rubric hash by question id, to mark which version is current. Empty
    /// when the bank is not at hand.
    pub current_rubrics: BTreeMap<String, String>,
}

/// Scorecards and answers left out, and why.
#[derive(Serialize, Clone, Debug, Default, PartialEq)]
pub struct Exclusions {
    /// Drafts: never submitted.
    pub not_submitted: usize,
    /// Submitted, but the signature (or an older scorecard's seal) no longer matches the
    /// content, or the store's key check found a missing signature from an interviewer who
    /// signs.
    pub tampered: usize,
    /// Ids of the tampered scorecards, so the user can find them.
    pub tampered_ids: Vec<String>,
    /// Answers to ad-hoc questions (made up during one interview, not comparable).
    pub ad_hoc_answers: usize,
    /// Answers to skipped questions (they count for nothing).
    pub skipped_answers: usize,
}

/// Figures for every question, and the ones that need attention first.
#[derive(Serialize, Clone, Debug, Default, PartialEq)]
pub struct HealthReport {
    /// Submitted, untampered scorecards the figures rest on.
    pub scorecards: usize,
    /// Distinct candidates among them.
    pub candidates: usize,
    /// Candidates whose outcome is a decision record rather than recommendations.
    pub candidates_with_decision: usize,
    pub excluded: Exclusions,
    /// The "now" used for exposure.
    pub as_of: Option<DateTime<FixedOffset>>,
    /// Questions by id.
    pub questions: Vec<QuestionHealth>,
    /// Newest versions with at least one reason, most urgent first.
    pub attention: Vec<Attention>,
}

impl HealthReport {
    /// The question with this id, if it was asked in a counted scorecard.
    pub fn question(&self, id: &str) -> Option<&QuestionHealth> {
        self.questions.iter().find(|q| q.id == id)
    }
}

/// One question's versions, newest (most recently asked) first.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct QuestionHealth {
    pub id: String,
    pub versions: Vec<VersionHealth>,
}

impl QuestionHealth {
    /// The version asked most recently.
    pub fn newest(&self) -> Option<&VersionHealth> {
        self.versions.first()
    }
}

/// Every figure for one rubric version of one question.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct VersionHealth {
    pub id: String,
    pub rubric_hash: String,
    /// The prompt as the scorecards recorded it.
    pub prompt: String,
    pub category_title: String,
    /// The most recently asked version of this question.
    pub newest: bool,
    /// Whether this is the bank's current version; `None` when the bank was not given or no
    /// longer has the question.
    pub current: Option<bool>,
    pub usage: Usage,
    pub ratings: RatingSpread,
    pub agreement: Agreement,
    pub discrimination: Discrimination,
    /// Each rubric point's tick rate, in rubric order.
    pub points: Vec<ItemRate>,
    /// Each red flag's observation rate, in rubric order.
    pub red_flags: Vec<ItemRate>,
    pub time: TimeUse,
    pub exposure: Exposure,
    /// What needs attention, most urgent first; empty when nothing does.
    pub reasons: Vec<Reason>,
}

impl VersionHealth {
    /// Sum of the reasons' weights: the order of "needs attention".
    pub fn attention_score(&self) -> u32 {
        self.reasons.iter().map(|r| r.kind.weight()).sum()
    }
}

/// How often and by whom a question was asked.
#[derive(Serialize, Clone, Debug, Default, PartialEq)]
pub struct Usage {
    /// Counted answers (a question asked and not skipped).
    pub asked: usize,
    pub first_asked: Option<DateTime<FixedOffset>>,
    pub last_asked: Option<DateTime<FixedOffset>>,
    /// Distinct interviewers (by name, ignoring case and spacing).
    pub interviewers: usize,
    /// Distinct candidates.
    pub candidates: usize,
    /// Answers per calendar month, oldest first, the last [`MONTHS_SHOWN`] months up to "now".
    pub asks_per_month: Vec<MonthCount>,
}

/// Answers in one calendar month.
#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
pub struct MonthCount {
    /// `YYYY-MM`.
    pub month: String,
    pub asked: usize,
}

/// The rating distribution on the 1–4 scale.
#[derive(Serialize, Clone, Debug, Default, PartialEq)]
pub struct RatingSpread {
    /// Counted ratings at 1, 2, 3 and 4.
    pub counts: [usize; 4],
    pub rated: usize,
    pub mean: Option<f64>,
    /// The most frequent rating (1–4) and its share of all ratings.
    pub mode: Option<(u8, f64)>,
    /// Set when [`SAME_RATING_SHARE`] or more share one value (and at least
    /// [`MIN_RATINGS_FOR_SPREAD`] ratings exist).
    pub warning: Option<SpreadWarning>,
}

/// Almost everyone gets the same rating.
#[derive(Serialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpreadWarning {
    /// Almost everyone gets the top rating.
    Ceiling,
    /// Almost everyone gets the bottom rating.
    Floor,
    /// Almost everyone gets the same middle rating.
    NoSpread,
}

impl SpreadWarning {
    /// The warning in a word or two.
    pub fn label(self) -> &'static str {
        match self {
            SpreadWarning::Ceiling => "ceiling",
            SpreadWarning::Floor => "floor",
            SpreadWarning::NoSpread => "no spread",
        }
    }
}

/// Agreement between interviewers who rated the same candidate on this question.
#[derive(Serialize, Clone, Debug, Default, PartialEq)]
pub struct Agreement {
    /// Candidates rated on this question by two or more interviewers.
    pub candidates: usize,
    /// Pairs of ratings of one candidate by two interviewers.
    pub pairs: usize,
    /// Share of pairs with the same rating.
    pub exact: Option<f64>,
    /// Share of pairs at most one step apart.
    pub within_one: Option<f64>,
    /// Krippendorff's alpha (ordinal); `None` below [`MIN_PAIRS_FOR_AGREEMENT`] pairs or when
    /// every rating is the same (alpha is undefined then).
    pub alpha: Option<f64>,
}

/// How well the question's rating follows the candidate's overall outcome.
#[derive(Serialize, Clone, Debug, Default, PartialEq)]
pub struct Discrimination {
    /// Candidates with both a rating on this question and an outcome.
    pub candidates: usize,
    /// Of those, how many outcomes are decision records (the rest are recommendations).
    pub from_decisions: usize,
    /// Spearman's rank correlation between the candidate's rating on this question and the
    /// outcome; `None` below [`MIN_CANDIDATES_FOR_DISCRIMINATION`] candidates or when either
    /// side has no spread.
    pub rank_correlation: Option<f64>,
}

impl Discrimination {
    /// True when there are enough candidates to report a correlation.
    pub fn enough_data(&self) -> bool {
        self.candidates >= MIN_CANDIDATES_FOR_DISCRIMINATION
    }
}

/// How often one rubric point was ticked, or one red flag observed.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct ItemRate {
    /// 1-based position in the rubric, as people number points.
    pub number: usize,
    pub text: String,
    pub count: usize,
    /// Times the question was asked (the denominator).
    pub asked: usize,
}

impl ItemRate {
    /// `count / asked`, 0 when never asked.
    pub fn rate(&self) -> f64 {
        if self.asked == 0 {
            0.0
        } else {
            self.count as f64 / self.asked as f64
        }
    }
}

/// Time spent on the question against its suggested minutes.
#[derive(Serialize, Clone, Debug, Default, PartialEq)]
pub struct TimeUse {
    pub suggested_secs: f64,
    /// Answers with a recorded time (pauses excluded).
    pub timed: usize,
    pub median_secs: Option<f64>,
    /// Median minus suggested, in seconds (negative when under).
    pub median_over_secs: Option<f64>,
}

/// How widely the question was heard recently.
#[derive(Serialize, Clone, Debug, Default, PartialEq)]
pub struct Exposure {
    /// Distinct candidates asked within [`EXPOSURE_WINDOW_DAYS`] before "now".
    pub recent_candidates: usize,
    pub window_days: i64,
    pub limit: usize,
    pub overexposed: bool,
}

/// Why a question needs attention.
#[derive(Serialize, Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ReasonKind {
    /// Ratings go against the outcome: good candidates rate low.
    ReversedDiscrimination,
    /// Ratings do not follow the outcome.
    NoDiscrimination,
    Ceiling,
    Floor,
    NoSpread,
    /// Interviewers rating the same answer disagree.
    LowAgreement,
    /// A rubric point is (almost) never ticked: likely unobservable.
    PointNeverTicked,
    /// The question is heard by many candidates recently: it may have leaked.
    Overexposed,
    /// Answers run well over the suggested minutes.
    OverTime,
    /// A rubric point is (almost) always ticked: likely trivial.
    PointAlwaysTicked,
    /// A red flag was never observed.
    RedFlagNeverObserved,
}

impl ReasonKind {
    /// How much the reason counts in the "needs attention" order. A question that does not
    /// separate candidates wastes the interview's time whatever else holds, so it weighs most;
    /// a red flag never seen may simply mean candidates avoid that mistake, so it weighs least.
    pub fn weight(self) -> u32 {
        match self {
            ReasonKind::ReversedDiscrimination => 40,
            ReasonKind::NoDiscrimination => 30,
            ReasonKind::Ceiling | ReasonKind::Floor => 25,
            ReasonKind::NoSpread => 20,
            ReasonKind::LowAgreement => 20,
            ReasonKind::PointNeverTicked => 15,
            ReasonKind::Overexposed => 15,
            ReasonKind::OverTime => 10,
            ReasonKind::PointAlwaysTicked => 5,
            ReasonKind::RedFlagNeverObserved => 2,
        }
    }
}

/// One reason, in plain words with its figures.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Reason {
    pub kind: ReasonKind,
    pub text: String,
}

/// A row of the "needs attention" list: the newest version of a question.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Attention {
    pub id: String,
    pub rubric_hash: String,
    pub prompt: String,
    pub asked: usize,
    /// Sum of the reasons' weights ([`ReasonKind::weight`]).
    pub score: u32,
    pub reasons: Vec<Reason>,
}

/// The date an interview took place: its start, else its end, else its submission.
pub fn session_date(session: &Session) -> Option<DateTime<FixedOffset>> {
    session
        .started_at
        .or(session.finished_at)
        .or(session.submitted.as_ref().map(|s| s.at))
}

/// Whether a scorecard counts in question health: submitted, and its signature (or older
/// seal) vouches for its content, by the store's verdict when it made one (key pinning).
pub fn counts(session: &Session) -> bool {
    session.is_sealed() && session.signature_check().counts()
}

/// The recommendation on a 1–5 scale (No decision in the middle).
fn recommendation_value(recommendation: Recommendation) -> f64 {
    match recommendation {
        Recommendation::StrongNo => 1.0,
        Recommendation::No => 2.0,
        Recommendation::NoDecision => 3.0,
        Recommendation::Yes => 4.0,
        Recommendation::StrongYes => 5.0,
    }
}

/// One counted answer.
struct Ask {
    candidate: usize,
    interviewer: usize,
    date: Option<DateTime<FixedOffset>>,
    rating: Option<u8>,
    time_secs: f64,
}

/// Everything gathered for one (question, rubric version) before the figures are made.
struct VersionAcc<'a> {
    snapshot: &'a QuestionSnapshot,
    asks: Vec<Ask>,
    point_ticks: Vec<usize>,
    flag_ticks: Vec<usize>,
}

/// Computes question health from `sessions` (any mix of drafts, submitted and tampered
/// scorecards, from History and panel folders; the caller removes copies of the same
/// scorecard).
pub fn compute(sessions: &[Session], options: &HealthOptions) -> HealthReport {
    let mut input = HealthInput::default();
    for session in sessions {
        input.add(session);
    }
    compute_input(&input, options)
}

/// Computes question health from scorecards' facts ([`HealthInput`]): the same figures as
/// [`compute`], from what the store's index keeps. Linear in the answers, plus a sort per
/// version for medians and ranks.
pub fn compute_input(input: &HealthInput, options: &HealthOptions) -> HealthReport {
    let mut report = HealthReport::default();
    let mut candidates: HashMap<&str, usize> = HashMap::new();
    let mut candidate_names: Vec<&str> = Vec::new();
    let mut recommendations: Vec<Vec<f64>> = Vec::new();
    let mut interviewers: HashMap<&str, usize> = HashMap::new();
    let mut versions: Vec<Option<VersionAcc>> = Vec::new();
    versions.resize_with(input.versions.len(), || None);
    let mut newest_date: Option<DateTime<FixedOffset>> = None;

    for card in &input.scorecards {
        match card.standing {
            Standing::NotSubmitted => {
                report.excluded.not_submitted += 1;
                continue;
            }
            Standing::Tampered => {
                report.excluded.tampered += 1;
                report.excluded.tampered_ids.push(card.id.clone());
                continue;
            }
            Standing::Signed | Standing::UnsignedOlder => {}
        }
        report.scorecards += 1;
        let next = candidates.len();
        let candidate = *candidates.entry(&card.candidate).or_insert_with(|| {
            candidate_names.push(&card.candidate);
            recommendations.push(Vec::new());
            next
        });
        if let Some(recommendation) = card.recommendation {
            recommendations[candidate].push(recommendation_value(recommendation));
        }
        let next = interviewers.len();
        let interviewer = *interviewers.entry(&card.interviewer).or_insert(next);
        newest_date = newest_date.max(card.date);
        report.excluded.ad_hoc_answers += card.ad_hoc_answers as usize;
        report.excluded.skipped_answers += card.skipped_answers as usize;
        for answer in &card.answers {
            let index = answer.version as usize;
            let (Some(slot), Some(q)) = (versions.get_mut(index), input.versions.get(index)) else {
                // Facts referring to a version the table lacks: an inconsistent index, which
                // the store rebuilds; nothing to count here.
                continue;
            };
            let acc = slot.get_or_insert_with(|| VersionAcc {
                snapshot: q,
                asks: Vec::new(),
                point_ticks: vec![0; q.listen_for.len()],
                flag_ticks: vec![0; q.red_flags.len()],
            });
            acc.asks.push(Ask {
                candidate,
                interviewer,
                date: card.date,
                rating: answer.rating,
                time_secs: answer.time_secs,
            });
            count_ticks(&mut acc.point_ticks, &answer.ticked);
            count_ticks(&mut acc.flag_ticks, &answer.red_flags);
        }
    }
    report.candidates = candidates.len();
    let now = options.now.or(newest_date);
    report.as_of = now;

    // The outcome per candidate: the decision where one exists, else the mean recommendation.
    let outcomes: Vec<Option<(f64, bool)>> = candidate_names
        .iter()
        .zip(&recommendations)
        .map(|(name, recs)| match options.decisions.get(*name) {
            Some(Decision::Hire) => Some((1.0, true)),
            Some(Decision::NoHire) => Some((0.0, true)),
            None => mean(recs).map(|m| (m, false)),
        })
        .collect();
    report.candidates_with_decision = candidate_names
        .iter()
        .filter(|n| options.decisions.contains_key(**n))
        .count();

    let mut by_question: BTreeMap<String, Vec<VersionHealth>> = BTreeMap::new();
    for acc in versions.into_iter().flatten() {
        let health = version_health(acc, &outcomes, now, options);
        by_question
            .entry(health.id.clone())
            .or_default()
            .push(health);
    }
    for (id, mut list) in by_question {
        list.sort_by(|a, b| {
            b.usage
                .last_asked
                .cmp(&a.usage.last_asked)
                .then_with(|| b.usage.asked.cmp(&a.usage.asked))
                .then_with(|| a.rubric_hash.cmp(&b.rubric_hash))
        });
        for (index, version) in list.iter_mut().enumerate() {
            version.newest = index == 0;
        }
        report.questions.push(QuestionHealth { id, versions: list });
    }
    report.attention = attention(&report.questions);
    report
}

fn count_ticks(counts: &mut [usize], indices: &[u16]) {
    // The facts hold each index once; one out of range (an index hand-edited to disagree with
    // its version table) is ignored.
    for &index in indices {
        if let Some(count) = counts.get_mut(usize::from(index)) {
            *count += 1;
        }
    }
}

/// The newest version of every question with a reason, most urgent first (ties: more often
/// asked first, then by id).
pub fn attention(questions: &[QuestionHealth]) -> Vec<Attention> {
    let mut rows: Vec<Attention> = questions
        .iter()
        .filter_map(QuestionHealth::newest)
        .filter(|v| !v.reasons.is_empty())
        .map(|v| Attention {
            id: v.id.clone(),
            rubric_hash: v.rubric_hash.clone(),
            prompt: v.prompt.clone(),
            asked: v.usage.asked,
            score: v.attention_score(),
            reasons: v.reasons.clone(),
        })
        .collect();
    rows.sort_by(|a, b| {
        b.score
            .cmp(&a.score)
            .then_with(|| b.asked.cmp(&a.asked))
            .then_with(|| a.id.cmp(&b.id))
    });
    rows
}

fn version_health(
    acc: VersionAcc<'_>,
    outcomes: &[Option<(f64, bool)>],
    now: Option<DateTime<FixedOffset>>,
    options: &HealthOptions,
) -> VersionHealth {
    let q = acc.snapshot;
    let asked = acc.asks.len();
    let usage = usage(&acc.asks, now);
    let ratings = rating_spread(&acc.asks);
    let agreement = agreement(&acc.asks);
    let discrimination = discrimination(&acc.asks, outcomes);
    let item = |texts: &[String], counts: &[usize]| -> Vec<ItemRate> {
        texts
            .iter()
            .zip(counts)
            .enumerate()
            .map(|(i, (text, &count))| ItemRate {
                number: i + 1,
                text: text.clone(),
                count,
                asked,
            })
            .collect()
    };
    let points = item(&q.listen_for, &acc.point_ticks);
    let red_flags = item(&q.red_flags, &acc.flag_ticks);
    let time = time_use(&acc.asks, q.minutes);
    let exposure = exposure(&acc.asks, now);
    let mut health = VersionHealth {
        id: q.id.clone(),
        rubric_hash: q.rubric_hash.clone(),
        prompt: q.prompt.clone(),
        category_title: q.category_title.clone(),
        newest: false,
        current: options
            .current_rubrics
            .get(&q.id)
            .map(|hash| *hash == q.rubric_hash),
        usage,
        ratings,
        agreement,
        discrimination,
        points,
        red_flags,
        time,
        exposure,
        reasons: Vec::new(),
    };
    health.reasons = reasons(&health);
    health
}

fn usage(asks: &[Ask], now: Option<DateTime<FixedOffset>>) -> Usage {
    let dates = asks.iter().filter_map(|a| a.date);
    let interviewers: HashSet<usize> = asks.iter().map(|a| a.interviewer).collect();
    let candidates: HashSet<usize> = asks.iter().map(|a| a.candidate).collect();
    let mut asks_per_month = Vec::new();
    if let Some(now) = now {
        // Months as numbers (year × 12 + month): formatting a date per answer would cost more
        // than everything else here.
        let last = month_number(now);
        let mut counts = [0usize; MONTHS_SHOWN];
        for date in asks.iter().filter_map(|a| a.date) {
            let back = last - month_number(date);
            if (0..MONTHS_SHOWN as i64).contains(&back) {
                counts[MONTHS_SHOWN - 1 - back as usize] += 1;
            }
        }
        asks_per_month = counts
            .iter()
            .enumerate()
            .map(|(i, &asked)| MonthCount {
                month: month_before(now, MONTHS_SHOWN - 1 - i),
                asked,
            })
            .collect();
    }
    Usage {
        asked: asks.len(),
        first_asked: dates.clone().min(),
        last_asked: dates.max(),
        interviewers: interviewers.len(),
        candidates: candidates.len(),
        asks_per_month,
    }
}

/// A date's calendar month as one number (year × 12 + month, 0-based), in its own offset as
/// `YYYY-MM` formatting would show it.
fn month_number(date: DateTime<FixedOffset>) -> i64 {
    use chrono::Datelike;
    date.year() as i64 * 12 + i64::from(date.month0())
}

/// `YYYY-MM` of the month `back` months before `now`'s.
fn month_before(now: DateTime<FixedOffset>, back: usize) -> String {
    use chrono::Datelike;
    let total = now.year() as i64 * 12 + i64::from(now.month0()) - back as i64;
    format!(
        "{:04}-{:02}",
        total.div_euclid(12),
        total.rem_euclid(12) + 1
    )
}

fn rating_spread(asks: &[Ask]) -> RatingSpread {
    let mut counts = [0usize; 4];
    for rating in asks.iter().filter_map(|a| a.rating) {
        if (1..=4).contains(&rating) {
            counts[usize::from(rating - 1)] += 1;
        }
    }
    let rated: usize = counts.iter().sum();
    let mean = (rated > 0).then(|| {
        counts
            .iter()
            .enumerate()
            .map(|(i, c)| (i + 1) as f64 * *c as f64)
            .sum::<f64>()
            / rated as f64
    });
    let mode = (rated > 0).then(|| {
        let (index, count) = counts
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(&a.0)))
            .map_or((0, 0), |(i, c)| (i, *c));
        (index as u8 + 1, count as f64 / rated as f64)
    });
    let warning = match mode {
        Some((value, share)) if rated >= MIN_RATINGS_FOR_SPREAD && share >= SAME_RATING_SHARE => {
            Some(match value {
                4 => SpreadWarning::Ceiling,
                1 => SpreadWarning::Floor,
                _ => SpreadWarning::NoSpread,
            })
        }
        _ => None,
    };
    RatingSpread {
        counts,
        rated,
        mean,
        mode,
        warning,
    }
}

fn agreement(asks: &[Ask]) -> Agreement {
    // One rating per interviewer per candidate (the first): a unit is one candidate's answer
    // as heard by several interviewers.
    let mut units: BTreeMap<usize, Vec<(usize, u8)>> = BTreeMap::new();
    for ask in asks {
        let Some(rating) = ask.rating else { continue };
        let unit = units.entry(ask.candidate).or_default();
        if !unit.iter().any(|(who, _)| *who == ask.interviewer) {
            unit.push((ask.interviewer, rating));
        }
    }
    let shared: Vec<Vec<f64>> = units
        .values()
        .filter(|u| u.len() >= 2)
        .map(|u| u.iter().map(|(_, r)| f64::from(*r)).collect())
        .collect();
    let (mut pairs, mut exact, mut close) = (0usize, 0usize, 0usize);
    for unit in &shared {
        for a in 0..unit.len() {
            for b in a + 1..unit.len() {
                pairs += 1;
                let gap = (unit[a] - unit[b]).abs();
                exact += usize::from(gap < 0.5);
                close += usize::from(gap < 1.5);
            }
        }
    }
    let share = |n: usize| (pairs > 0).then(|| n as f64 / pairs as f64);
    Agreement {
        candidates: shared.len(),
        pairs,
        exact: share(exact),
        within_one: share(close),
        alpha: (pairs >= MIN_PAIRS_FOR_AGREEMENT)
            .then(|| krippendorff_alpha(&shared, AlphaMetric::Ordinal))
            .flatten(),
    }
}

fn discrimination(asks: &[Ask], outcomes: &[Option<(f64, bool)>]) -> Discrimination {
    let mut per_candidate: BTreeMap<usize, (f64, usize)> = BTreeMap::new();
    for ask in asks {
        if let Some(rating) = ask.rating {
            let entry = per_candidate.entry(ask.candidate).or_default();
            entry.0 += f64::from(rating);
            entry.1 += 1;
        }
    }
    let mut ratings = Vec::new();
    let mut results = Vec::new();
    let mut from_decisions = 0;
    for (candidate, (sum, n)) in per_candidate {
        if let Some(Some((outcome, decided))) = outcomes.get(candidate) {
            ratings.push(sum / n as f64);
            results.push(*outcome);
            from_decisions += usize::from(*decided);
        }
    }
    let candidates = ratings.len();
    Discrimination {
        candidates,
        from_decisions,
        rank_correlation: (candidates >= MIN_CANDIDATES_FOR_DISCRIMINATION)
            .then(|| spearman(&ratings, &results))
            .flatten(),
    }
}

fn time_use(asks: &[Ask], minutes: u32) -> TimeUse {
    let mut times: Vec<f64> = asks
        .iter()
        .map(|a| a.time_secs)
        .filter(|t| t.is_finite() && *t > 0.0)
        .collect();
    times.sort_by(f64::total_cmp);
    let suggested_secs = f64::from(minutes) * 60.0;
    let median_secs = median_sorted(&times);
    TimeUse {
        suggested_secs,
        timed: times.len(),
        median_secs,
        median_over_secs: median_secs.map(|m| m - suggested_secs),
    }
}

fn exposure(asks: &[Ask], now: Option<DateTime<FixedOffset>>) -> Exposure {
    let recent_candidates = match now {
        Some(now) => {
            let since = now - Duration::days(EXPOSURE_WINDOW_DAYS);
            asks.iter()
                .filter(|a| a.date.is_some_and(|d| d > since && d <= now))
                .map(|a| a.candidate)
                .collect::<HashSet<_>>()
                .len()
        }
        None => 0,
    };
    Exposure {
        recent_candidates,
        window_days: EXPOSURE_WINDOW_DAYS,
        limit: EXPOSURE_LIMIT,
        overexposed: recent_candidates >= EXPOSURE_LIMIT,
    }
}

/// The reasons a version needs attention, most urgent first.
fn reasons(v: &VersionHealth) -> Vec<Reason> {
    let mut reasons = Vec::new();
    let mut add = |kind: ReasonKind, text: String| reasons.push(Reason { kind, text });
    let d = &v.discrimination;
    if let Some(rho) = d.rank_correlation {
        if rho <= -WEAK_DISCRIMINATION {
            add(
                ReasonKind::ReversedDiscrimination,
                format!(
                    "candidates who did well overall rate lower on it (rank correlation {rho:+.2} over {} candidates)",
                    d.candidates
                ),
            );
        } else if rho < WEAK_DISCRIMINATION {
            add(
                ReasonKind::NoDiscrimination,
                format!(
                    "its rating does not follow the candidate's overall outcome (rank correlation {rho:+.2} over {} candidates; below {WEAK_DISCRIMINATION} separates too little)",
                    d.candidates
                ),
            );
        }
    }
    if let (Some(warning), Some((value, share))) = (v.ratings.warning, v.ratings.mode) {
        let pct = percent(share);
        let rated = v.ratings.rated;
        let (kind, text) = match warning {
            SpreadWarning::Ceiling => (
                ReasonKind::Ceiling,
                format!(
                    "{pct} of {rated} ratings are 4, the top of the scale: too easy to separate candidates"
                ),
            ),
            SpreadWarning::Floor => (
                ReasonKind::Floor,
                format!(
                    "{pct} of {rated} ratings are 1, the bottom of the scale: too hard or unclear"
                ),
            ),
            SpreadWarning::NoSpread => (
                ReasonKind::NoSpread,
                format!(
                    "{pct} of {rated} ratings are {value}: almost everyone gets the same rating"
                ),
            ),
        };
        add(kind, text);
    }
    if let Some(alpha) = v.agreement.alpha {
        if alpha < LOW_AGREEMENT_ALPHA {
            add(
                ReasonKind::LowAgreement,
                format!(
                    "interviewers rating the same candidate disagree (Krippendorff's alpha {alpha:.2} over {} pairs; {LOW_AGREEMENT_ALPHA} is the lowest usable): the rubric may be unclear",
                    v.agreement.pairs
                ),
            );
        }
    }
    if v.usage.asked >= MIN_ASKED_FOR_TICK_RATES {
        for point in &v.points {
            if point.rate() <= NEVER_TICKED_RATE {
                add(
                    ReasonKind::PointNeverTicked,
                    format!(
                        "point {} \"{}\" ticked in {} of {} interviews: it may not be observable in an answer",
                        point.number,
                        short(&point.text),
                        point.count,
                        point.asked
                    ),
                );
            }
        }
    }
    if v.exposure.overexposed {
        add(
            ReasonKind::Overexposed,
            format!(
                "asked to {} candidates in the last {} days (limit {}): it may have leaked",
                v.exposure.recent_candidates, v.exposure.window_days, v.exposure.limit
            ),
        );
    }
    if let (Some(median), true) = (
        v.time.median_secs,
        v.time.timed >= MIN_TIMED_FOR_OVERTIME && v.time.suggested_secs > 0.0,
    ) {
        let over = median - v.time.suggested_secs;
        if median >= v.time.suggested_secs * OVERTIME_RATIO && over >= OVERTIME_MIN_SECS {
            add(
                ReasonKind::OverTime,
                format!(
                    "takes {} in the median of {} timed interviews, {} over its {} suggested",
                    minutes_text(median),
                    v.time.timed,
                    minutes_text(over),
                    minutes_text(v.time.suggested_secs)
                ),
            );
        }
    }
    if v.usage.asked >= MIN_ASKED_FOR_TICK_RATES {
        for point in &v.points {
            if point.rate() >= ALWAYS_TICKED_RATE {
                add(
                    ReasonKind::PointAlwaysTicked,
                    format!(
                        "point {} \"{}\" ticked in {} of {} interviews: it may be too easy to tell anyone apart",
                        point.number,
                        short(&point.text),
                        point.count,
                        point.asked
                    ),
                );
            }
        }
    }
    if v.usage.asked >= MIN_ASKED_FOR_RED_FLAGS {
        for flag in v.red_flags.iter().filter(|f| f.count == 0) {
            add(
                ReasonKind::RedFlagNeverObserved,
                format!(
                    "red flag {} \"{}\" never observed in {} interviews",
                    flag.number,
                    short(&flag.text),
                    flag.asked
                ),
            );
        }
    }
    reasons.sort_by_key(|r| std::cmp::Reverse(r.kind.weight()));
    reasons
}

/// The compact line for the Bank preview, e.g.
/// "asked 14× · ratings mostly 3 · point 4 never ticked · +3 min over".
pub fn preview_line(v: &VersionHealth) -> String {
    let mut parts = vec![format!("asked {}×", v.usage.asked)];
    if let Some((value, share)) = v.ratings.mode {
        if v.ratings.rated >= MIN_RATINGS_FOR_SPREAD {
            if share >= 0.5 {
                parts.push(format!("ratings mostly {value}"));
            } else if let Some(mean) = v.ratings.mean {
                parts.push(format!("ratings spread, mean {mean:.1}"));
            }
        }
    }
    if v.discrimination
        .rank_correlation
        .is_some_and(|rho| rho < WEAK_DISCRIMINATION)
    {
        parts.push("does not separate candidates".into());
    }
    if v.usage.asked >= MIN_ASKED_FOR_TICK_RATES {
        for point in v.points.iter().filter(|p| p.rate() <= NEVER_TICKED_RATE) {
            parts.push(format!("point {} never ticked", point.number));
        }
    }
    if let Some(over) = v.time.median_over_secs {
        if v.time.timed >= MIN_TIMED_FOR_OVERTIME && over.abs() >= 60.0 {
            let minutes = (over / 60.0).round() as i64;
            parts.push(if minutes > 0 {
                format!("+{minutes} min over")
            } else {
                format!("{} min under", -minutes)
            });
        }
    }
    if v.exposure.overexposed {
        parts.push(format!(
            "{} candidates in {} days",
            v.exposure.recent_candidates, v.exposure.window_days
        ));
    }
    parts.join(" · ")
}

/// The Spearman rank correlation of two equally long series (ties get their average rank);
/// `None` when shorter than 2 or either side has no spread.
pub fn spearman(x: &[f64], y: &[f64]) -> Option<f64> {
    if x.len() != y.len() || x.len() < 2 {
        return None;
    }
    pearson(&ranks(x), &ranks(y))
}

fn ranks(values: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let mut ranks = vec![0.0; values.len()];
    let mut start = 0;
    while start < order.len() {
        let mut end = start;
        while end + 1 < order.len() && values[order[end + 1]] == values[order[start]] {
            end += 1;
        }
        let rank = (start + end) as f64 / 2.0 + 1.0;
        for &index in &order[start..=end] {
            ranks[index] = rank;
        }
        start = end + 1;
    }
    ranks
}

fn pearson(x: &[f64], y: &[f64]) -> Option<f64> {
    let n = x.len() as f64;
    let (mx, my) = (x.iter().sum::<f64>() / n, y.iter().sum::<f64>() / n);
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        sxy += (a - mx) * (b - my);
        sxx += (a - mx).powi(2);
        syy += (b - my).powi(2);
    }
    if sxx <= f64::EPSILON || syy <= f64::EPSILON {
        return None;
    }
    Some((sxy / (sxx * syy).sqrt()).clamp(-1.0, 1.0))
}

fn mean(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

fn median_sorted(sorted: &[f64]) -> Option<f64> {
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2]),
        _ => Some((sorted[n / 2 - 1] + sorted[n / 2]) / 2.0),
    }
}

/// A share as a whole percentage, e.g. "84%".
pub fn percent(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

/// Seconds as minutes for people: "7.5 min".
pub fn minutes_text(secs: f64) -> String {
    let minutes = secs / 60.0;
    if (minutes - minutes.round()).abs() < 0.05 {
        format!("{:.0} min", minutes.round())
    } else {
        format!("{minutes:.1} min")
    }
}

/// At most 60 characters of a rubric text, on one line.
fn short(text: &str) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() <= 60 {
        line
    } else {
        let cut: String = line.chars().take(59).collect();
        format!("{cut}…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::session::{QuestionOutcome, QuestionState, Rating, Tick};

    fn at(day: u32) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(&format!("2026-03-{day:02}T10:00:00+00:00")).expect("date")
    }

    fn snapshot(id: &str, hash: &str) -> QuestionSnapshot {
        QuestionSnapshot {
            id: id.into(),
            prompt: format!("Prompt of {id}"),
            listen_for: vec!["a".into(), "b".into(), "c".into()],
            red_flags: vec!["bad".into()],
            minutes: 5,
            rubric_hash: hash.into(),
            ..QuestionSnapshot::default()
        }
    }

    /// A submitted scorecard: `answers` are (question, rating, points ticked, seconds).
    fn card(
        candidate: &str,
        interviewer: &str,
        recommendation: Recommendation,
        day: u32,
        answers: &[(QuestionSnapshot, Option<u8>, &[usize], f64)],
    ) -> Session {
        let mut session = Session {
            id: format!("{candidate}-{interviewer}-{day}"),
            candidate: candidate.into(),
            interviewer: interviewer.into(),
            started_at: Some(at(day)),
            recommendation: Some(recommendation),
            ..Session::default()
        };
        for (q, rating, ticks, secs) in answers {
            let mut o = QuestionOutcome::new(q.clone());
            o.state = QuestionState::Covered;
            o.rating = rating.and_then(Rating::from_value);
            o.ticked = ticks
                .iter()
                .map(|&index| Tick {
                    index,
                    at_secs: 1.0,
                })
                .collect();
            o.time_secs = *secs;
            session.questions.push(o);
        }
        session.submit(at(day)).expect("submit");
        session
    }

    #[test]
    fn drafts_tampered_skipped_and_ad_hoc_are_left_out() {
        let q = snapshot("q", "h1");
        let good = card(
            "Ada",
            "Ann",
            Recommendation::Yes,
            1,
            &[(q.clone(), Some(3), &[0], 300.0)],
        );
        let mut draft = good.clone();
        draft.id = "draft".into();
        draft.submitted = None;
        let mut tampered = good.clone();
        tampered.id = "tampered".into();
        tampered.questions[0].rating = Some(Rating::Exceptional);
        let mut skipped = good.clone();
        skipped.id = "skipped".into();
        skipped.questions[0].state = QuestionState::Skipped;
        skipped
            .questions
            .push(QuestionOutcome::new(QuestionSnapshot::ad_hoc(1, "x", &[])));
        let h = skipped.content_hash();
        if let Some(s) = &mut skipped.submitted {
            s.content_hash = h;
        }
        let report = compute(&[good, draft, tampered, skipped], &HealthOptions::default());
        assert_eq!(report.scorecards, 2);
        assert_eq!(report.excluded.not_submitted, 1);
        assert_eq!(report.excluded.tampered, 1);
        assert_eq!(report.excluded.tampered_ids, vec!["tampered".to_string()]);
        assert_eq!(report.excluded.skipped_answers, 1);
        assert_eq!(report.excluded.ad_hoc_answers, 1);
        let v = report.question("q").and_then(|q| q.newest()).expect("q");
        assert_eq!(v.usage.asked, 1, "the skipped answer counts for nothing");
        assert_eq!(v.ratings.counts, [0, 0, 1, 0]);
    }

    #[test]
    fn versions_are_split_by_rubric_hash_newest_first() {
        let old = snapshot("q", "old");
        let new = snapshot("q", "new");
        let cards = vec![
            card(
                "A",
                "Ann",
                Recommendation::Yes,
                1,
                &[(old.clone(), Some(2), &[], 60.0)],
            ),
            card(
                "B",
                "Ann",
                Recommendation::No,
                2,
                &[(old, Some(2), &[], 60.0)],
            ),
            card(
                "C",
                "Bob",
                Recommendation::Yes,
                9,
                &[(new, Some(4), &[0], 60.0)],
            ),
        ];
        let mut options = HealthOptions::default();
        options.current_rubrics.insert("q".into(), "new".into());
        let report = compute(&cards, &options);
        let q = report.question("q").expect("q");
        assert_eq!(q.versions.len(), 2);
        assert_eq!(q.versions[0].rubric_hash, "new");
        assert!(q.versions[0].newest && !q.versions[1].newest);
        assert_eq!(q.versions[0].current, Some(true));
        assert_eq!(q.versions[1].current, Some(false));
        assert_eq!(q.versions[1].usage.asked, 2);
        assert_eq!(q.versions[1].usage.interviewers, 1);
        assert_eq!(q.versions[1].usage.last_asked, Some(at(2)));
        assert_eq!(q.versions[0].ratings.counts, [0, 0, 0, 1]);
    }

    #[test]
    fn spearman_handles_ties_and_no_spread() {
        let r = spearman(&[1.0, 2.0, 3.0, 4.0], &[10.0, 20.0, 30.0, 40.0]).expect("r");
        assert!((r - 1.0).abs() < 1e-9);
        let r = spearman(&[1.0, 1.0, 2.0, 2.0], &[2.0, 1.0, 4.0, 3.0]).expect("r");
        assert!(r > 0.8 && r < 1.0, "{r}");
        assert_eq!(spearman(&[3.0, 3.0, 3.0], &[1.0, 2.0, 3.0]), None);
        assert_eq!(spearman(&[1.0], &[1.0]), None);
    }

    #[test]
    fn ceiling_floor_and_minimums() {
        let q = snapshot("q", "h");
        let few: Vec<Session> = (0..MIN_RATINGS_FOR_SPREAD - 1)
            .map(|i| {
                card(
                    &format!("c{i}"),
                    "Ann",
                    Recommendation::Yes,
                    1,
                    &[(q.clone(), Some(4), &[0, 1], 60.0)],
                )
            })
            .collect();
        let report = compute(&few, &HealthOptions::default());
        let v = report.question("q").and_then(|q| q.newest()).expect("q");
        assert_eq!(
            v.ratings.warning, None,
            "below the minimum nothing is claimed"
        );
        assert_eq!(v.discrimination.rank_correlation, None);
        assert!(!v.discrimination.enough_data());

        let mut many = few.clone();
        many.extend((0..3).map(|i| {
            card(
                &format!("d{i}"),
                "Ann",
                Recommendation::No,
                1,
                &[(q.clone(), Some(1), &[0], 60.0)],
            )
        }));
        let report = compute(&many, &HealthOptions::default());
        let v = report.question("q").and_then(|q| q.newest()).expect("q");
        // 9 of 12 at 4 is 75%: under the threshold.
        assert_eq!(v.ratings.warning, None);
        many.extend((0..10).map(|i| {
            card(
                &format!("e{i}"),
                "Ann",
                Recommendation::Yes,
                1,
                &[(q.clone(), Some(4), &[0], 60.0)],
            )
        }));
        let report = compute(&many, &HealthOptions::default());
        let v = report.question("q").and_then(|q| q.newest()).expect("q");
        assert_eq!(v.ratings.warning, Some(SpreadWarning::Ceiling));
        assert!(v.reasons.iter().any(|r| r.kind == ReasonKind::Ceiling));
        // Point 3 ("c") never ticked in 22 interviews.
        assert!(
            v.reasons
                .iter()
                .any(|r| r.kind == ReasonKind::PointNeverTicked && r.text.contains("point 3"))
        );
        // Point 1 always ticked.
        assert!(
            v.reasons
                .iter()
                .any(|r| r.kind == ReasonKind::PointAlwaysTicked && r.text.contains("point 1"))
        );
        assert!(
            v.reasons
                .iter()
                .any(|r| r.kind == ReasonKind::RedFlagNeverObserved)
        );
        assert!(
            preview_line(v).contains("point 3 never ticked"),
            "{}",
            preview_line(v)
        );
    }

    #[test]
    fn agreement_counts_pairs_and_reports_alpha_only_with_enough() {
        let q = snapshot("q", "h");
        let mut cards = Vec::new();
        for c in 0..4 {
            for (who, rating) in [("Ann", 1 + (c % 4) as u8), ("Bob", 1 + (c % 4) as u8)] {
                cards.push(card(
                    &format!("c{c}"),
                    who,
                    Recommendation::Yes,
                    1,
                    &[(q.clone(), Some(rating), &[], 60.0)],
                ));
            }
        }
        let report = compute(&cards, &HealthOptions::default());
        let a = &report
            .question("q")
            .and_then(|q| q.newest())
            .expect("q")
            .agreement;
        assert_eq!((a.candidates, a.pairs), (4, 4));
        assert_eq!(a.exact, Some(1.0));
        assert_eq!(a.alpha, None, "4 pairs is below the minimum");
        for c in 4..12 {
            for (who, rating) in [("Ann", 1 + (c % 4) as u8), ("Bob", 1 + ((c + 2) % 4) as u8)] {
                cards.push(card(
                    &format!("c{c}"),
                    who,
                    Recommendation::Yes,
                    1,
                    &[(q.clone(), Some(rating), &[], 60.0)],
                ));
            }
        }
        let report = compute(&cards, &HealthOptions::default());
        let v = report.question("q").and_then(|q| q.newest()).expect("q");
        assert_eq!(v.agreement.pairs, 12);
        let alpha = v.agreement.alpha.expect("alpha with 12 pairs");
        assert!(alpha < LOW_AGREEMENT_ALPHA, "{alpha}");
        assert!(v.reasons.iter().any(|r| r.kind == ReasonKind::LowAgreement));
    }

    #[test]
    fn decisions_replace_recommendations_for_discrimination() {
        let q = snapshot("q", "h");
        // Ratings follow the recommendation exactly, but the decisions say the opposite.
        let cards: Vec<Session> = (0..24)
            .map(|i| {
                let good = i % 2 == 0;
                let (rec, rating) = if good {
                    (Recommendation::Yes, 4)
                } else {
                    (Recommendation::No, 1)
                };
                card(
                    &format!("c{i}"),
                    "Ann",
                    rec,
                    1,
                    &[(q.clone(), Some(rating), &[0], 60.0)],
                )
            })
            .collect();
        let report = compute(&cards, &HealthOptions::default());
        let d = &report
            .question("q")
            .and_then(|q| q.newest())
            .expect("q")
            .discrimination;
        assert_eq!(d.candidates, 24);
        assert!(d.rank_correlation.expect("rho") > 0.99);
        let mut options = HealthOptions::default();
        for i in 0..24 {
            let decision = if i % 2 == 0 {
                Decision::NoHire
            } else {
                Decision::Hire
            };
            options.decisions.insert(format!("c{i}"), decision);
        }
        let report = compute(&cards, &options);
        assert_eq!(report.candidates_with_decision, 24);
        let v = report.question("q").and_then(|q| q.newest()).expect("q");
        assert_eq!(v.discrimination.from_decisions, 24);
        assert!(v.discrimination.rank_correlation.expect("rho") < -0.99);
        assert_eq!(v.reasons[0].kind, ReasonKind::ReversedDiscrimination);
    }

    #[test]
    fn exposure_and_overtime() {
        let q = snapshot("q", "h");
        let cards: Vec<Session> = (0..EXPOSURE_LIMIT)
            .map(|i| {
                card(
                    &format!("c{i}"),
                    "Ann",
                    Recommendation::Yes,
                    1 + (i % 28) as u32,
                    &[(q.clone(), Some(3), &[0, 1], 11.0 * 60.0)],
                )
            })
            .collect();
        let report = compute(&cards, &HealthOptions::default());
        let v = report.question("q").and_then(|q| q.newest()).expect("q");
        assert!(v.exposure.overexposed);
        assert_eq!(v.exposure.recent_candidates, EXPOSURE_LIMIT);
        assert!(v.reasons.iter().any(|r| r.kind == ReasonKind::Overexposed));
        assert!(
            v.reasons.iter().any(|r| r.kind == ReasonKind::OverTime),
            "{:?}",
            v.reasons
        );
        assert_eq!(v.time.median_over_secs, Some(6.0 * 60.0));
        assert!(
            preview_line(v).contains("+6 min over"),
            "{}",
            preview_line(v)
        );
        // A month later nothing is recent.
        let options = HealthOptions {
            now: Some(at(28) + Duration::days(40)),
            ..HealthOptions::default()
        };
        let report = compute(&cards, &options);
        let v = report.question("q").and_then(|q| q.newest()).expect("q");
        assert!(!v.exposure.overexposed);
        assert_eq!(v.usage.asks_per_month.len(), MONTHS_SHOWN);
        assert_eq!(
            v.usage
                .asks_per_month
                .iter()
                .map(|m| m.asked)
                .sum::<usize>(),
            EXPOSURE_LIMIT
        );
    }

    #[test]
    fn worked_example_in_the_docs_high_raw_agreement_low_alpha() {
        // docs/question-health.md: 30 pairs (3,3), 6 pairs (2,3), 4 pairs (3,4).
        let q = snapshot("q", "h");
        let mut cards = Vec::new();
        let pairs = [(3u8, 3u8, 30usize), (2, 3, 6), (3, 4, 4)];
        let mut c = 0;
        for (a, b, n) in pairs {
            for _ in 0..n {
                for (who, rating) in [("Ann", a), ("Bob", b)] {
                    cards.push(card(
                        &format!("c{c}"),
                        who,
                        Recommendation::Yes,
                        1,
                        &[(q.clone(), Some(rating), &[0], 60.0)],
                    ));
                }
                c += 1;
            }
        }
        let report = compute(&cards, &HealthOptions::default());
        let v = report.question("q").and_then(|q| q.newest()).expect("q");
        assert_eq!(v.agreement.pairs, 40);
        assert_eq!(v.agreement.exact, Some(0.75));
        assert_eq!(v.agreement.within_one, Some(1.0));
        let alpha = v.agreement.alpha.expect("alpha");
        assert!((alpha - 0.01).abs() < 0.005, "{alpha}");
        assert!(
            v.reasons.iter().any(|r| r.kind == ReasonKind::LowAgreement
                && r.text.contains("alpha 0.01 over 40 pairs"))
        );
    }

    #[test]
    fn months_wrap_across_years() {
        let jan = DateTime::parse_from_rfc3339("2026-01-15T10:00:00+00:00").expect("date");
        assert_eq!(month_before(jan, 0), "2026-01");
        assert_eq!(month_before(jan, 1), "2025-12");
        assert_eq!(month_before(jan, 13), "2024-12");
    }
}
