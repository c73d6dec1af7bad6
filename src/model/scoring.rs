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

/// Why [`suggested_rating`] suggests what it does, in a few words for the interviewer, e.g.
/// "3 of 4 points, 1 red flag". `None` when there is no suggestion.
pub fn suggestion_reason(outcome: &QuestionOutcome) -> Option<String> {
    suggested_rating(outcome)?;
    let total = outcome.question.listen_for.len();
    let flags = outcome.red_flags.len();
    let mut reason = format!("{} of {total} point{}", outcome.ticked.len(), plural(total));
    if flags > 0 {
        reason.push_str(&format!(", {flags} red flag{}", plural(flags)));
    } else {
        reason.push_str(", no red flag");
    }
    Some(reason)
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Mean rating and rubric coverage of one category in one scorecard.
#[derive(Clone, Debug, PartialEq)]
pub struct CategoryScore {
    pub category: String,
    pub title: String,
    /// Mean of the rated questions, 1–4; `None` when none was rated.
    pub mean_rating: Option<f32>,
    /// Share of rubric points ticked over all questions asked in the category, 0–1; 0 when
    /// the category has no rubric points at all (see `rubric_points`).
    pub coverage: f32,
    /// Rubric points over the category's counted questions; 0 for ad-hoc questions without a
    /// rubric, where coverage means nothing and is shown as "no rubric".
    pub rubric_points: usize,
    pub rated: usize,
    pub questions: usize,
}

/// The one rule for every figure of a scorecard, on screen and in every export: a skipped
/// question counts for nothing (its rating, if one was given before skipping, stays on record
/// but is not counted); every other question counts, its rating if it has one and its rubric
/// coverage if it was asked.
pub fn counts_toward_figures(outcome: &QuestionOutcome) -> bool {
    outcome.state != super::session::QuestionState::Skipped
}

/// Whether a question was put to the candidate, for "N of M asked" and for which questions an
/// export shows in full: reached (in progress or covered) or anything recorded for it, and not
/// skipped (a skipped question counts for nothing, see [`counts_toward_figures`]).
pub fn was_asked(outcome: &QuestionOutcome) -> bool {
    use super::session::QuestionState;
    counts_toward_figures(outcome)
        && (matches!(
            outcome.state,
            QuestionState::Covered | QuestionState::InProgress
        ) || outcome.rating.is_some()
            || !outcome.ticked.is_empty()
            || !outcome.red_flags.is_empty()
            || !outcome.follow_ups_asked.is_empty()
            || !outcome.notes.trim().is_empty())
}

/// The rating a question contributes to the figures: its rating unless it was skipped.
pub fn counted_rating(outcome: &QuestionOutcome) -> Option<Rating> {
    outcome.rating.filter(|_| counts_toward_figures(outcome))
}

/// Every figure of one scorecard, computed once by the rule of [`counts_toward_figures`].
#[derive(Clone, Debug, PartialEq)]
pub struct Figures {
    /// Per category, in plan order.
    pub categories: Vec<CategoryScore>,
    /// Mean of the counted ratings, 1–4; `None` when none was counted.
    pub overall_mean: Option<f32>,
    /// Questions whose rating counts.
    pub rated: usize,
    /// Questions asked (see [`was_asked`]).
    pub asked: usize,
    pub skipped: usize,
    /// Skipped questions that carry a rating that is therefore not counted.
    pub skipped_with_rating: usize,
    pub total: usize,
}

/// All figures of a scorecard. Views and exports take their numbers from here.
pub fn figures(session: &Session) -> Figures {
    use super::session::QuestionState;
    let categories = category_scores(session);
    let ratings: Vec<f32> = session
        .questions
        .iter()
        .filter_map(|o| counted_rating(o).map(|r| f32::from(r.value())))
        .collect();
    let overall_mean =
        (!ratings.is_empty()).then(|| ratings.iter().sum::<f32>() / ratings.len() as f32);
    let count = |wanted: &dyn Fn(&QuestionOutcome) -> bool| {
        session.questions.iter().filter(|o| wanted(o)).count()
    };
    Figures {
        categories,
        overall_mean,
        rated: ratings.len(),
        asked: count(&|o| was_asked(o)),
        skipped: count(&|o| o.state == QuestionState::Skipped),
        skipped_with_rating: count(&|o| o.state == QuestionState::Skipped && o.rating.is_some()),
        total: session.questions.len(),
    }
}

/// Per-category aggregates in plan order, over the questions asked (see [`was_asked`]): a
/// category whose questions were all skipped or never reached does not appear.
pub fn category_scores(session: &Session) -> Vec<CategoryScore> {
    let mut scores: Vec<CategoryScore> = Vec::new();
    let mut points: Vec<(usize, usize)> = Vec::new();
    let mut sums: Vec<f32> = Vec::new();
    for outcome in &session.questions {
        // Only questions put to the candidate: one never reached has no evidence either way,
        // and counting its rubric would lower the coverage of those that were asked.
        if !was_asked(outcome) {
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
                    rubric_points: 0,
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
        score.rubric_points = total;
        score.coverage = if total == 0 {
            0.0
        } else {
            ticked as f32 / total as f32
        };
        score.mean_rating = (score.rated > 0).then(|| sums[index] / score.rated as f32);
    }
    scores
}

/// Mean of the counted ratings, 1–4 (see [`figures`]).
pub fn overall_mean(session: &Session) -> Option<f32> {
    figures(session).overall_mean
}

/// How many ratings count toward the figures (see [`figures`]).
pub fn rated_count(session: &Session) -> usize {
    session
        .questions
        .iter()
        .filter(|o| counted_rating(o).is_some())
        .count()
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
