//! Independent scoring: what the local interviewer may see of the others' scorecards.

use super::matrix::CandidateComparison;
use super::person_key;

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

#[cfg(test)]
mod tests {
    use super::super::PanelComparison;
    use super::super::fixtures::panel;
    use super::*;

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
}
