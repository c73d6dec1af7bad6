//! Calibration: how each interviewer's ratings sit against the others' on the same answers,
//! and how far the panel agrees overall.

use super::matrix::{CandidateComparison, Cell};
use super::person_key;
use super::stats::{AlphaMetric, krippendorff_alpha, mean_f64, population_sd};

/// An interviewer whose ratings run this far above (lenient) or below (harsh) the other
/// interviewers' ratings of the same answers is flagged.
pub const CALIBRATION_GAP: f64 = 0.5;

/// Fewer shared ratings than this and an interviewer is not flagged either way: a couple of
/// answers say little about a habit.
pub const MIN_SHARED_FOR_FLAG: usize = 3;

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

/// One rating in the calibration: which answer (candidate × question) and by whom.
struct Rated {
    unit: usize,
    rater: usize,
    value: f64,
}

pub(super) fn calibrate(candidates: &[CandidateComparison], included: &[usize]) -> Calibration {
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

#[cfg(test)]
mod tests {
    use super::super::PanelComparison;
    use super::super::fixtures::{close, panel};
    use super::*;

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
}
