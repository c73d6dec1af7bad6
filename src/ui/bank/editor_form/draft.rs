//! The question editor's draft: the fields as typed, turned into a question, and the loader's
//! checks run on it as the user types, sorted into the form's fields by the field they name.

use crate::model::QuestionField;

use crate::import::{NEEDS_RUBRIC_TAG, PLACEHOLDER_POINT};
use crate::model::names::slug;
use crate::model::question::{DEFAULT_MINUTES, MINUTES_RANGE};
use crate::model::{Category, Level, Question, QuestionBank, QuestionSet};
use crate::store::user_sets;

/// The fields as typed. Lists keep empty rows while editing; they are dropped on save.
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    pub prompt: String,
    /// Id of the chosen existing category (ignored while `new_category` is set).
    pub category: String,
    /// The user is creating a category named `new_category_title`.
    pub new_category: bool,
    pub new_category_title: String,
    pub level: Level,
    pub listen_for: Vec<String>,
    pub red_flags: Vec<String>,
    pub follow_ups: Vec<String>,
    pub answer: String,
    pub example: String,
    /// Empty for the default.
    pub minutes: String,
    /// Comma-separated.
    pub tags: String,
}

impl Draft {
    pub fn from_question(q: &Question) -> Draft {
        Draft {
            prompt: q.prompt.clone(),
            category: q.category.clone(),
            new_category: false,
            new_category_title: String::new(),
            level: q.level,
            listen_for: q.listen_for.clone(),
            red_flags: q.red_flags.clone(),
            follow_ups: q.follow_ups.clone(),
            answer: q.answer.clone(),
            example: q.example.clone(),
            minutes: q.minutes.map(|m| m.to_string()).unwrap_or_default(),
            tags: q.tags.join(", "),
        }
    }

    /// An empty question in `category`, with one empty rubric row to type into.
    pub fn blank(category: &str, level: Level) -> Draft {
        Draft {
            prompt: String::new(),
            category: category.to_string(),
            new_category: category.is_empty(),
            new_category_title: String::new(),
            level,
            listen_for: vec![String::new()],
            red_flags: Vec::new(),
            follow_ups: Vec::new(),
            answer: String::new(),
            example: String::new(),
            minutes: String::new(),
            tags: String::new(),
        }
    }

    /// The category the question will be saved in, declared as the set will declare it.
    /// A new category named like an existing one reuses it.
    pub fn resolve_category(
        &self,
        set: &QuestionSet,
        bank: &QuestionBank,
    ) -> Result<Category, String> {
        if self.new_category {
            let title = self.new_category_title.trim();
            if title.is_empty() {
                return Err("Name the new category, or pick an existing one.".into());
            }
            let same_title = |c: &&Category| c.title.trim().eq_ignore_ascii_case(title);
            if let Some(existing) = set
                .categories
                .iter()
                .find(same_title)
                .or_else(|| bank.categories().iter().find(same_title))
            {
                return Ok(existing.clone());
            }
            let id = user_sets::unique_id(&slug(title, 32), |c| {
                set.categories.iter().any(|k| k.id == c)
                    || bank.categories().iter().any(|k| k.id == c)
            });
            return Ok(Category {
                id,
                title: title.to_string(),
            });
        }
        set.categories
            .iter()
            .chain(bank.categories())
            .find(|c| c.id == self.category)
            .cloned()
            .ok_or_else(|| "Choose a category.".to_string())
    }

    /// The question as it will be saved: text trimmed, empty list rows dropped, tags split, and
    /// the needs-rubric tag gone once the placeholder point is. The minutes error, if any, is
    /// returned beside it (the question then suggests none).
    pub fn build(&self, id: &str, category: &str) -> (Question, Option<String>) {
        let list = |items: &[String]| -> Vec<String> {
            items
                .iter()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect()
        };
        let listen_for = list(&self.listen_for);
        let placeholder = listen_for.iter().any(|p| p == PLACEHOLDER_POINT);
        let mut tags: Vec<String> = Vec::new();
        for tag in self
            .tags
            .split(',')
            .map(str::trim)
            .filter(|t| !t.is_empty())
        {
            if !tags.iter().any(|t| t == tag) && (placeholder || tag != NEEDS_RUBRIC_TAG) {
                tags.push(tag.to_string());
            }
        }
        let (minutes, minutes_error) = match self.minutes.trim() {
            "" => (None, None),
            text => match text.parse::<u32>() {
                Ok(minutes) => (Some(minutes), None),
                Err(_) => (
                    None,
                    Some(format!(
                        "Type a whole number of minutes from {} to {}, or leave it empty for the default ({DEFAULT_MINUTES}).",
                        MINUTES_RANGE.start(),
                        MINUTES_RANGE.end()
                    )),
                ),
            },
        };
        let question = Question {
            id: id.to_string(),
            category: category.to_string(),
            level: self.level,
            prompt: self.prompt.trim().to_string(),
            listen_for,
            red_flags: list(&self.red_flags),
            follow_ups: list(&self.follow_ups),
            answer: self.answer.trim().to_string(),
            example: self
                .example
                .trim_end()
                .trim_start_matches(['\n', '\r'])
                .to_string(),
            minutes,
            tags,
        };
        (question, minutes_error)
    }
}

/// What is wrong with the draft, by field, in the loader's words. Only `notes` do not block
/// saving.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Checks {
    pub prompt: Vec<String>,
    pub category: Vec<String>,
    pub rubric: Vec<String>,
    pub minutes: Vec<String>,
    pub other: Vec<String>,
    pub notes: Vec<String>,
}

impl Checks {
    /// Problems that stop the question from being saved.
    pub fn count(&self) -> usize {
        self.prompt.len()
            + self.category.len()
            + self.rubric.len()
            + self.minutes.len()
            + self.other.len()
    }

    pub fn is_ok(&self) -> bool {
        self.count() == 0
    }
}

/// Runs the bank's own checks ([`user_sets::check_question`], i.e. `validate_set`) on the draft
/// and sorts each problem under the field it concerns.
pub fn check(draft: &Draft, id: &str, set: &QuestionSet, bank: &QuestionBank) -> Checks {
    let mut checks = Checks::default();
    let category = match draft.resolve_category(set, bank) {
        Ok(category) => Some(category),
        Err(message) => {
            checks.category.push(message);
            None
        }
    };
    // Without a category the other fields are still checked, against a stand-in category.
    let declared = category.clone().unwrap_or_else(|| Category {
        id: "category-to-be-chosen".into(),
        title: "Category to be chosen".into(),
    });
    let (question, minutes_error) = draft.build(id, &declared.id);
    checks.minutes.extend(minutes_error);
    for problem in user_sets::check_question(set, &question, Some(&declared)) {
        let message = friendly(&problem.message, id);
        // The loader names the field a problem is about, so rewording a message never moves
        // it to another part of the form.
        let bucket = match problem.field {
            Some(QuestionField::Prompt) => &mut checks.prompt,
            Some(QuestionField::Rubric) => &mut checks.rubric,
            Some(QuestionField::Minutes) => &mut checks.minutes,
            Some(QuestionField::Category) => &mut checks.category,
            _ => &mut checks.other,
        };
        bucket.push(message);
    }
    let blank_rows = draft
        .listen_for
        .iter()
        .filter(|p| p.trim().is_empty())
        .count();
    if blank_rows > 0 && !question.listen_for.is_empty() {
        checks.notes.push(format!(
            "{blank_rows} empty rubric row{} will be left out.",
            if blank_rows == 1 { "" } else { "s" }
        ));
    }
    if question.listen_for.iter().any(|p| p == PLACEHOLDER_POINT) {
        checks
            .notes
            .push("Replace the placeholder point with what a strong answer contains.".into());
    } else if draft.tags.split(',').any(|t| t.trim() == NEEDS_RUBRIC_TAG) {
        checks.notes.push(format!("The “{NEEDS_RUBRIC_TAG}” tag is removed on save now that the placeholder point is gone."));
    }
    checks
}

/// The loader's message about one question, reworded for the form that shows it beside the
/// field: "question `x.y` has …" becomes "This question has …".
fn friendly(message: &str, id: &str) -> String {
    let prefix = format!("question `{id}` ");
    match message.strip_prefix(&prefix) {
        Some(rest) => format!("This question {rest}."),
        None => {
            let mut chars = message.chars();
            match chars.next() {
                Some(first) => format!("{}{}.", first.to_uppercase(), chars.as_str()),
                None => String::new(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bank() -> QuestionBank {
        QuestionBank::load(&crate::store::bank_files::bundled_sources()).0
    }

    #[test]
    fn build_trims_drops_empty_rows_and_retires_the_needs_rubric_tag() {
        let mut draft = Draft::blank("team", Level::Entry);
        draft.prompt = "  Why?  ".into();
        draft.listen_for = vec!["  one ".into(), "   ".into(), "two".into()];
        draft.tags = "sql, needs-rubric, sql ,".into();
        draft.minutes = " 12 ".into();
        let (q, error) = draft.build("team.why", "team");
        assert_eq!(error, None);
        assert_eq!(q.prompt, "Why?");
        assert_eq!(q.listen_for, ["one", "two"]);
        assert_eq!(
            q.tags,
            ["sql"],
            "deduplicated, and needs-rubric gone with the placeholder"
        );
        assert_eq!(q.minutes, Some(12));
        draft.listen_for.push(PLACEHOLDER_POINT.into());
        assert!(
            draft
                .build("team.why", "team")
                .0
                .tags
                .contains(&NEEDS_RUBRIC_TAG.to_string())
        );
        draft.minutes = "ten".into();
        assert!(draft.build("team.why", "team").1.is_some());
    }

    #[test]
    fn checks_sort_the_loaders_problems_by_field() {
        let bank = bank();
        let set = user_sets::empty_set_for(std::path::Path::new("my-questions.ron"));
        let mut draft = Draft::blank("fundamentals", Level::Entry);
        let checks = check(&draft, "x.y", &set, &bank);
        assert_eq!(checks.prompt.len(), 1, "{checks:?}");
        assert!(checks.prompt[0].starts_with("This question has an empty `prompt`"));
        assert_eq!(checks.rubric.len(), 1);
        assert!(
            checks.category.is_empty(),
            "a bank category is fine in a new set"
        );
        draft.prompt = "Why?".into();
        draft.listen_for = (0..9).map(|i| format!("point {i}")).collect();
        draft.minutes = "61".into();
        let checks = check(&draft, "x.y", &set, &bank);
        assert!(checks.prompt.is_empty());
        assert!(
            checks.rubric[0].contains("9 `listen_for` points"),
            "{checks:?}"
        );
        assert!(checks.minutes[0].contains("61 minutes"), "{checks:?}");
        draft.listen_for.truncate(2);
        draft.minutes.clear();
        draft.new_category = true;
        let checks = check(&draft, "x.y", &set, &bank);
        assert_eq!(checks.count(), 1);
        assert!(checks.category[0].contains("Name the new category"));
        draft.new_category_title = "fundamentals".into();
        assert_eq!(
            draft.resolve_category(&set, &bank).map(|c| c.id),
            Ok("fundamentals".to_string()),
            "same title reuses the category"
        );
        assert!(check(&draft, "x.y", &set, &bank).is_ok());
    }
}
