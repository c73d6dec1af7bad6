//! Questions, their rubrics and the sets that bundle them.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// Experience tier a question is aimed at.
#[derive(Serialize, Deserialize, Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
pub enum Level {
    /// About 0–1 years of experience.
    Entry,
    /// About 2–3 years.
    Intermediate,
    /// About 4–5 years.
    Advanced,
    /// 10+ years: system design, scale, enterprise practice.
    Expert,
}

impl Level {
    pub const ALL: [Level; 4] = [
        Level::Entry,
        Level::Intermediate,
        Level::Advanced,
        Level::Expert,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Level::Entry => "Entry",
            Level::Intermediate => "Intermediate",
            Level::Advanced => "Advanced",
            Level::Expert => "Expert",
        }
    }

    /// The experience the tier corresponds to, for tooltips and docs.
    pub fn years(self) -> &'static str {
        match self {
            Level::Entry => "0–1 years",
            Level::Intermediate => "2–3 years",
            Level::Advanced => "4–5 years",
            Level::Expert => "10+ years",
        }
    }

    /// Position on the scale, 0 for Entry to 3 for Expert.
    pub fn rank(self) -> usize {
        self as usize
    }

    pub fn from_rank(rank: usize) -> Level {
        Level::ALL[rank.min(3)]
    }

    /// Reads the ways documents and spreadsheets name a level: tier names, common synonyms
    /// ("Beginner", "Senior") and experience ranges ("2-3 years", "10+ yrs").
    pub fn parse_loose(text: &str) -> Option<Level> {
        let lower = text.trim().to_lowercase();
        let words: String = lower
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || c == '+' {
                    c
                } else {
                    ' '
                }
            })
            .collect();
        let first = words.split_whitespace().next()?;
        let by_word = match first {
            "entry" | "beginner" | "junior" | "basic" | "easy" | "novice" | "graduate" => {
                Some(Level::Entry)
            }
            "intermediate" | "mid" | "middle" | "medium" => Some(Level::Intermediate),
            "advanced" | "senior" | "hard" => Some(Level::Advanced),
            "expert" | "staff" | "principal" | "lead" => Some(Level::Expert),
            _ => None,
        };
        if by_word.is_some() {
            return by_word;
        }
        // Experience ranges: the first number decides the tier.
        let digits: String = first.chars().take_while(|c| c.is_ascii_digit()).collect();
        let years: u32 = digits.parse().ok()?;
        Some(match years {
            0..=1 => Level::Entry,
            2..=3 => Level::Intermediate,
            4..=7 => Level::Advanced,
            _ => Level::Expert,
        })
    }
}

impl std::fmt::Display for Level {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

/// A category of questions inside a set, e.g. "Fundamentals".
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Category {
    pub id: String,
    pub title: String,
}

/// The fewest and most rubric points a question may have.
pub const LISTEN_FOR_RANGE: std::ops::RangeInclusive<usize> = 1..=8;
/// Suggested minutes must fall in this range.
pub const MINUTES_RANGE: std::ops::RangeInclusive<u32> = 1..=60;
/// Minutes assumed for a question that suggests none.
pub const DEFAULT_MINUTES: u32 = 5;

/// One interview question with its "what to listen for" rubric.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Stable id, unique across the whole bank, e.g. `py.data.shallow-vs-deep-copy`.
    pub id: String,
    /// Id of a category declared in the same set.
    pub category: String,
    pub level: Level,
    pub prompt: String,
    /// Observable points a strong answer contains.
    pub listen_for: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub red_flags: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub follow_ups: Vec<String>,
    /// Reference answer; empty when there is none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub answer: String,
    /// Example code; empty when there is none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub example: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<u32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
}

impl Question {
    /// Suggested minutes, or the default when the question suggests none.
    pub fn minutes_or_default(&self) -> u32 {
        self.minutes.unwrap_or(DEFAULT_MINUTES)
    }

    /// Hash of what the interviewer scores against (prompt, rubric, red flags), so a plan or
    /// scorecard can tell when the bank's version of a question has changed.
    pub fn rubric_hash(&self) -> String {
        let mut hasher = Sha256::new();
        hasher.update(self.prompt.trim().as_bytes());
        for point in self
            .listen_for
            .iter()
            .chain(std::iter::once(&String::new()))
        {
            hasher.update([0u8]);
            hasher.update(point.trim().as_bytes());
        }
        for flag in &self.red_flags {
            hasher.update([1u8]);
            hasher.update(flag.trim().as_bytes());
        }
        let digest = hasher.finalize();
        digest[..8].iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// A file of questions: the unit users add, import and share.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct QuestionSet {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default = "default_version")]
    pub version: u32,
    pub categories: Vec<Category>,
    pub questions: Vec<Question>,
}

fn default_version() -> u32 {
    1
}

impl QuestionSet {
    pub fn category_title(&self, id: &str) -> Option<&str> {
        self.categories
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.title.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loose_levels_map_to_tiers() {
        assert_eq!(Level::parse_loose("Beginner"), Some(Level::Entry));
        assert_eq!(
            Level::parse_loose("intermediate"),
            Some(Level::Intermediate)
        );
        assert_eq!(Level::parse_loose("Advanced"), Some(Level::Advanced));
        assert_eq!(Level::parse_loose("2-3 years"), Some(Level::Intermediate));
        assert_eq!(Level::parse_loose("0–1 years"), Some(Level::Entry));
        assert_eq!(Level::parse_loose("4-5 yrs"), Some(Level::Advanced));
        assert_eq!(Level::parse_loose("10+ years"), Some(Level::Expert));
        assert_eq!(Level::parse_loose("whatever"), None);
        assert_eq!(Level::parse_loose(""), None);
    }

    #[test]
    fn rubric_hash_changes_with_rubric_only() {
        let mut q = Question {
            id: "a".into(),
            category: "c".into(),
            level: Level::Entry,
            prompt: "Why?".into(),
            listen_for: vec!["one".into(), "two".into()],
            red_flags: vec![],
            follow_ups: vec![],
            answer: String::new(),
            example: String::new(),
            minutes: None,
            tags: vec![],
        };
        let before = q.rubric_hash();
        q.tags.push("new".into());
        assert_eq!(before, q.rubric_hash());
        q.listen_for[1] = "three".into();
        assert_ne!(before, q.rubric_hash());
    }
}
