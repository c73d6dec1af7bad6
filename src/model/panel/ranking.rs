//! Ranking candidates against others interviewed with the same plan.

use std::collections::BTreeMap;

use super::matrix::CandidateComparison;

/// A candidate's place among candidates interviewed with the same plan.
#[derive(Clone, Debug, PartialEq)]
pub struct RankedCandidate {
    /// Index into [`PanelComparison::candidates`](super::PanelComparison::candidates).
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

pub(super) fn rank(candidates: &[CandidateComparison], included: &[usize]) -> Vec<PlanGroup> {
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

#[cfg(test)]
mod tests {
    use super::super::PanelComparison;
    use super::super::fixtures::{panel, scorecard, seal};
    use crate::model::session::Recommendation;

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
}
