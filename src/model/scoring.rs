//! Suggested ratings and per-category aggregates of one scorecard.

use super::session::{QuestionOutcome, Rating, Session};

/// Suggests a rating from the rubric points ticked and red flags observed. It is only a
/// suggestion: the interviewer always sets the rating.
///
/// No points → 1; under half → 2; half or more → 3; every point and no red flag → 4.
/// Each observed red flag lowers the suggestion by one, never below 1. `None` before anything
/// was recorded.
pub fn suggested_rating(outcome: &QuestionOutcome) -> Option<Rating> {
    let total = outcome.question.listen_for.len();
    if outcome.ticked.is_empty() && outcome.red_flags.is_empty() {
        return None;
    }
    let ticked = outcome.ticked.len();
    let base: u8 = if total == 0 || ticked == 0 {
        1
    } else if ticked == total && outcome.red_flags.is_empty() {
        4
    } else if ticked * 2 >= total {
        3
    } else {
        2
    };
    let lowered = base
        .saturating_sub(outcome.red_flags.len().min(3) as u8)
        .max(1);
    Rating::from_value(lowered)
}

/// Mean rating and rubric coverage of one category in one scorecard.
#[derive(Clone, Debug, PartialEq)]
pub struct CategoryScore {
    pub category: String,
    pub title: String,
    /// Mean of the rated questions, 1–4; `None` when none was rated.
    pub mean_rating: Option<f32>,
    /// Share of rubric points ticked over all questions asked in the category, 0–1.
    pub coverage: f32,
    pub rated: usize,
    pub questions: usize,
}

/// Per-category aggregates in plan order. Skipped questions count for neither.
pub fn category_scores(session: &Session) -> Vec<CategoryScore> {
    let mut scores: Vec<CategoryScore> = Vec::new();
    let mut points: Vec<(usize, usize)> = Vec::new();
    let mut sums: Vec<f32> = Vec::new();
    for outcome in &session.questions {
        if outcome.state == super::session::QuestionState::Skipped {
            continue;
        }
        let q = &outcome.question;
        let index = match scores.iter().position(|s| s.category == q.category) {
            Some(index) => index,
            None => {
                scores.push(CategoryScore {
                    category: q.category.clone(),
                    title: q.category_title.clone(),
                    mean_rating: None,
                    coverage: 0.0,
                    rated: 0,
                    questions: 0,
                });
                points.push((0, 0));
                sums.push(0.0);
                scores.len() - 1
            }
        };
        scores[index].questions += 1;
        points[index].0 += outcome.ticked.len();
        points[index].1 += q.listen_for.len();
        if let Some(rating) = outcome.rating {
            scores[index].rated += 1;
            sums[index] += f32::from(rating.value());
        }
    }
    for (index, score) in scores.iter_mut().enumerate() {
        let (ticked, total) = points[index];
        score.coverage = if total == 0 {
            0.0
        } else {
            ticked as f32 / total as f32
        };
        score.mean_rating = (score.rated > 0).then(|| sums[index] / score.rated as f32);
    }
    scores
}

/// Mean of all ratings given, 1–4.
pub fn overall_mean(session: &Session) -> Option<f32> {
    let ratings: Vec<f32> = session
        .questions
        .iter()
        .filter_map(|o| o.rating.map(|r| f32::from(r.value())))
        .collect();
    (!ratings.is_empty()).then(|| ratings.iter().sum::<f32>() / ratings.len() as f32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::plan::QuestionSnapshot;

    fn outcome(points: usize, flags: usize) -> QuestionOutcome {
        QuestionOutcome::new(QuestionSnapshot {
            listen_for: (0..points).map(|i| format!("p{i}")).collect(),
            red_flags: (0..flags).map(|i| format!("f{i}")).collect(),
            ..QuestionSnapshot::default()
        })
    }

    #[test]
    fn suggestion_follows_coverage_and_flags() {
        let mut o = outcome(4, 2);
        assert_eq!(suggested_rating(&o), None);
        o.toggle_point(0, 1.0);
        assert_eq!(suggested_rating(&o), Some(Rating::Partial));
        o.toggle_point(1, 2.0);
        assert_eq!(suggested_rating(&o), Some(Rating::Solid));
        o.toggle_point(2, 3.0);
        o.toggle_point(3, 4.0);
        assert_eq!(suggested_rating(&o), Some(Rating::Exceptional));
        o.toggle_red_flag(0, 5.0);
        // All points but a red flag: base 3, minus one.
        assert_eq!(suggested_rating(&o), Some(Rating::Partial));
        let mut only_flag = outcome(3, 1);
        only_flag.toggle_red_flag(0, 1.0);
        assert_eq!(suggested_rating(&only_flag), Some(Rating::NoEvidence));
    }

    #[test]
    fn category_means_and_coverage() {
        let mut session = Session::default();
        for (cat, rating, ticks) in [("a", 2, 1), ("a", 4, 3), ("b", 3, 0)] {
            let mut o = outcome(4, 0);
            o.question.category = cat.into();
            o.question.category_title = cat.to_uppercase();
            o.rating = Rating::from_value(rating);
            for i in 0..ticks {
                o.toggle_point(i, 0.0);
            }
            session.questions.push(o);
        }
        let scores = category_scores(&session);
        assert_eq!(scores.len(), 2);
        assert_eq!(scores[0].mean_rating, Some(3.0));
        assert!((scores[0].coverage - 0.5).abs() < 1e-6);
        assert_eq!(scores[1].mean_rating, Some(3.0));
        assert_eq!(scores[1].coverage, 0.0);
        assert_eq!(overall_mean(&session), Some(3.0));
    }
}
