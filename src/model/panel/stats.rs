//! Numeric helpers of the panel: Krippendorff's alpha, means and spreads.

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

pub(super) fn spread_u8(values: &[u8]) -> Option<u8> {
    let max = values.iter().max()?;
    let min = values.iter().min()?;
    (values.len() >= 2).then(|| max - min)
}

pub(super) fn mean_f32(values: impl Iterator<Item = f32>) -> Option<f32> {
    let (sum, n) = values.fold((0.0f32, 0usize), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / n as f32)
}

pub(super) fn mean_f64(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

pub(super) fn population_sd(values: &[f64], mean: f64) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    (values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / values.len() as f64).sqrt()
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::close;
    use super::*;

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
}
