//! Label lines that introduce a part of a question: "What to listen for:", "Red flags:",
//! "Answer: it depends", "Level: 2-3 years".

use super::bullets::bullet;
use super::clean::{squash_owned, strip_emphasis};

/// What a label line introduces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LabelKind {
    Rubric,
    RedFlags,
    FollowUps,
    Answer,
    Example,
    Level,
    Minutes,
    Tags,
}

impl LabelKind {
    pub fn is_list(self) -> bool {
        matches!(
            self,
            LabelKind::Rubric | LabelKind::RedFlags | LabelKind::FollowUps
        )
    }
}

const LABELS: &[(&str, LabelKind)] = &[
    ("what to listen for", LabelKind::Rubric),
    ("what to look for", LabelKind::Rubric),
    ("things to listen for", LabelKind::Rubric),
    ("things to look for", LabelKind::Rubric),
    ("listen for", LabelKind::Rubric),
    ("look for", LabelKind::Rubric),
    ("rubric", LabelKind::Rubric),
    ("evaluation criteria", LabelKind::Rubric),
    ("scoring criteria", LabelKind::Rubric),
    ("key points", LabelKind::Rubric),
    ("green flags", LabelKind::Rubric),
    ("what good looks like", LabelKind::Rubric),
    ("red flags", LabelKind::RedFlags),
    ("red flag", LabelKind::RedFlags),
    ("warning signs", LabelKind::RedFlags),
    ("watch out for", LabelKind::RedFlags),
    ("weak answers", LabelKind::RedFlags),
    ("common mistakes", LabelKind::RedFlags),
    ("follow ups", LabelKind::FollowUps),
    ("follow up", LabelKind::FollowUps),
    ("followups", LabelKind::FollowUps),
    ("followup", LabelKind::FollowUps),
    ("follow up questions", LabelKind::FollowUps),
    ("follow up question", LabelKind::FollowUps),
    ("probing questions", LabelKind::FollowUps),
    ("answer", LabelKind::Answer),
    ("a", LabelKind::Answer),
    ("sample answer", LabelKind::Answer),
    ("model answer", LabelKind::Answer),
    ("reference answer", LabelKind::Answer),
    ("example answer", LabelKind::Answer),
    ("expected answer", LabelKind::Answer),
    ("suggested answer", LabelKind::Answer),
    ("ideal answer", LabelKind::Answer),
    ("short answer", LabelKind::Answer),
    ("explanation", LabelKind::Answer),
    ("example code", LabelKind::Example),
    ("code example", LabelKind::Example),
    ("sample code", LabelKind::Example),
    ("example", LabelKind::Example),
    ("code", LabelKind::Example),
    ("solution", LabelKind::Example),
    ("level", LabelKind::Level),
    ("difficulty", LabelKind::Level),
    ("experience", LabelKind::Level),
    ("experience level", LabelKind::Level),
    ("seniority", LabelKind::Level),
    ("time", LabelKind::Minutes),
    ("minutes", LabelKind::Minutes),
    ("duration", LabelKind::Minutes),
    ("suggested time", LabelKind::Minutes),
    ("tags", LabelKind::Tags),
    ("keywords", LabelKind::Tags),
];

/// A label line such as "**What to listen for:**" or "Answer: it depends". Without a colon
/// only the whole line may be a label, so "Look for the bug" stays a sentence. The one-letter
/// "A" needs its colon.
pub fn label(line: &str) -> Option<(LabelKind, String)> {
    // Most lines are not labels, and a label's name holds only letters, spaces, `-` and `_`
    // once `#` and emphasis markers are gone: a line with anything else before its first
    // colon (a "?", a digit, a full stop) is answered without building the key.
    let head_raw = line.split_once(':').map_or(line, |(head, _)| head);
    if !head_raw
        .chars()
        .all(|c| c.is_alphabetic() || c.is_whitespace() || matches!(c, '-' | '_' | '*' | '#'))
    {
        return None;
    }
    // A plain bullet ("- a point") is never a label; this answers the most common line of a
    // guide without building anything (emphasis stripping would leave it as it is).
    let trimmed = line.trim();
    if let Some(rest) = trimmed.strip_prefix(['-', '+', '•'])
        && (rest.is_empty() || rest.starts_with([' ', '\t']))
    {
        return None;
    }
    // Without a colon or emphasis markers the whole line is the name: compared as it is,
    // without the copies emphasis stripping makes.
    if !trimmed.contains([':', '*', '_']) {
        let text = trimmed.trim_start_matches('#').trim();
        if bullet(text).is_some() || text.eq_ignore_ascii_case("a") {
            return None;
        }
        let key = label_key(text);
        if key.is_empty() || key.len() > 40 {
            return None;
        }
        return LABELS
            .iter()
            .find(|(name, _)| *name == key)
            .map(|(_, kind)| (*kind, String::new()));
    }
    let text = strip_emphasis(trimmed.trim_start_matches('#').trim());
    if bullet(&text).is_some() {
        return None;
    }
    let (head, rest) = match text.split_once(':') {
        Some((head, rest)) => (
            strip_emphasis(head),
            strip_emphasis(rest).trim().to_string(),
        ),
        None => {
            let whole = strip_emphasis(&text);
            if whole.eq_ignore_ascii_case("a") {
                return None;
            }
            (whole, String::new())
        }
    };
    let key = label_key(&head);
    if key.is_empty() || key.len() > 40 {
        return None;
    }
    LABELS
        .iter()
        .find(|(name, _)| *name == key)
        .map(|(_, kind)| (*kind, rest))
}

pub(super) fn label_key(head: &str) -> String {
    let mut lowered = String::with_capacity(head.len());
    for c in head.chars() {
        match c {
            '-' | '_' => lowered.push(' '),
            c if c.is_ascii() => lowered.push(c.to_ascii_lowercase()),
            c => lowered.extend(c.to_lowercase()),
        }
    }
    squash_owned(lowered)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_in_any_case_with_or_without_colon() {
        assert_eq!(
            label("What to listen for:"),
            Some((LabelKind::Rubric, String::new()))
        );
        assert_eq!(
            label("**WHAT TO LOOK FOR**"),
            Some((LabelKind::Rubric, String::new()))
        );
        assert_eq!(
            label("**Listen for:**"),
            Some((LabelKind::Rubric, String::new()))
        );
        assert_eq!(
            label("### Evaluation criteria"),
            Some((LabelKind::Rubric, String::new()))
        );
        assert_eq!(
            label("Red flags: guesses"),
            Some((LabelKind::RedFlags, "guesses".into()))
        );
        assert_eq!(
            label("Follow-ups"),
            Some((LabelKind::FollowUps, String::new()))
        );
        assert_eq!(
            label("A: it depends"),
            Some((LabelKind::Answer, "it depends".into()))
        );
        assert_eq!(
            label("Level: 2-3 years"),
            Some((LabelKind::Level, "2-3 years".into()))
        );
        assert_eq!(label("Look for the bug in this code"), None);
        assert_eq!(label("A"), None);
        assert_eq!(label("Time complexity: O(n)"), None);
    }
}
