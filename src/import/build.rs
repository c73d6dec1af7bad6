//! Turning parsed drafts into a valid question set: deduplicating, naming categories, making
//! ids, and fixing what the bank would reject (no rubric, too many points, odd minutes).

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::preview::{QuestionPreview, RubricOrigin};
use super::text::{prompt_key, squash, squash_owned};
use super::{
    DEFAULT_CATEGORY_TITLE, ImportError, ImportResult, ImportWarning, NEEDS_RUBRIC_TAG,
    PLACEHOLDER_POINT, PROPOSED_RUBRIC_TAG,
};
use crate::model::names::slug;
use crate::model::question::{LISTEN_FOR_RANGE, MINUTES_RANGE};
use crate::model::{Category, Level, Question, QuestionSet};

/// Level given to questions whose source names none: the middle of the scale, so they show up
/// under the common filters until someone sets the real level.
pub const DEFAULT_LEVEL: Level = Level::Intermediate;

/// A question as a parser found it, before ids and validation.
#[derive(Clone, Debug, Default)]
pub struct Draft {
    /// 1-based source line of the prompt.
    pub line: usize,
    pub prompt: String,
    /// Category title as written; `None` before any category heading.
    pub category: Option<String>,
    pub level: Option<Level>,
    pub listen_for: Vec<String>,
    pub red_flags: Vec<String>,
    pub follow_ups: Vec<String>,
    pub answer: String,
    pub example: String,
    pub minutes: Option<u32>,
    pub tags: Vec<String>,
    /// An id given by the source (CSV `id` column).
    pub id: Option<String>,
    /// Why the reader is unsure about this question, for the preview.
    pub unsure: Vec<String>,
    /// Listed in a table of contents: a copy without detail is dropped silently.
    pub from_contents: bool,
}

impl Draft {
    /// How much the source says about the question besides the prompt; the fuller of two
    /// copies of a question is kept.
    fn detail(&self) -> usize {
        self.listen_for.len()
            + self.red_flags.len()
            + self.follow_ups.len()
            + usize::from(!self.answer.trim().is_empty())
            + usize::from(!self.example.trim().is_empty())
    }
}

/// `base`, or `base-2`, `base-3`… whichever `taken` does not claim first.
pub fn unique_id(base: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(base) {
        return base.to_string();
    }
    let mut n = 2usize;
    loop {
        let candidate = format!("{base}-{n}");
        if !taken(&candidate) {
            return candidate;
        }
        n += 1;
    }
}

/// Title from a file name: `python_interview-guide.md` → "Python interview guide".
pub fn title_from_name(source_name: &str) -> String {
    let stem = std::path::Path::new(source_name)
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    let words = squash(&stem.replace(['_', '-', '.'], " "));
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => "Imported questions".to_string(),
    }
}

/// Set id from a file name: `Python Guide.md` → `python-guide`.
pub fn set_id_from_name(source_name: &str) -> String {
    let stem = std::path::Path::new(source_name)
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    slug(&stem, 40)
}

/// Removes the indentation all non-blank lines share, so indented code reads naturally.
fn dedent(code: &str) -> String {
    let common = code
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    code.lines()
        .map(|l| l.get(common..).unwrap_or("").trim_end())
        .collect::<Vec<_>>()
        .join("\n")
}

fn clean_list(items: Vec<String>) -> Vec<String> {
    items
        .into_iter()
        .map(squash_owned)
        .filter(|i| !i.is_empty())
        .collect()
}

/// A 64-bit fingerprint of an id, for telling whether it is taken.
fn fingerprint(id: &str) -> u64 {
    // SipHash with fixed keys: well mixed and the same on every run.
    use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
    BuildHasherDefault::<DefaultHasher>::default().hash_one(id)
}

/// A fingerprint of a category title with case ignored, as [`same_title`] compares titles.
fn title_fingerprint(title: &str) -> u64 {
    // FxHash: cheap per character, and a clash only costs a comparison.
    use std::hash::Hasher;
    let mut hasher = rustc_hash::FxHasher::default();
    if title.is_ascii() {
        // The same values as below, without the general lower-casing.
        for byte in title.bytes() {
            hasher.write_u32(u32::from(byte.to_ascii_lowercase()));
        }
    } else {
        for c in title.chars().flat_map(char::to_lowercase) {
            hasher.write_u32(u32::from(c));
        }
    }
    hasher.finish()
}

/// Whether two category titles are the same once case is ignored ("Python" and "python").
fn same_title(a: &str, b: &str) -> bool {
    a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
}

/// Builds the set. `empty_hint` explains what a question looks like in this format, for the
/// error when none was found.
pub fn finish(
    drafts: Vec<Draft>,
    mut warnings: Vec<ImportWarning>,
    source_name: &str,
    title: Option<String>,
    empty_hint: &str,
) -> Result<ImportResult, ImportError> {
    let drafts: Vec<Draft> = drafts
        .into_iter()
        .map(|mut d| {
            d.prompt = squash_owned(std::mem::take(&mut d.prompt));
            d.listen_for = clean_list(std::mem::take(&mut d.listen_for));
            d.red_flags = clean_list(std::mem::take(&mut d.red_flags));
            d.follow_ups = clean_list(std::mem::take(&mut d.follow_ups));
            d.tags = clean_list(std::mem::take(&mut d.tags));
            if d.answer.trim().len() != d.answer.len() {
                d.answer = d.answer.trim().to_string();
            }
            if !d.example.is_empty() {
                d.example = dedent(d.example.trim_matches('\n').trim_end());
            }
            d.category = d
                .category
                .take()
                .map(squash_owned)
                .filter(|c| !c.is_empty());
            d
        })
        .filter(|d| d.prompt.chars().any(char::is_alphabetic))
        .collect();

    let drafts = deduplicate(drafts, &mut warnings);
    if drafts.is_empty() {
        return Err(ImportError::whole_file(
            source_name,
            format!("found no questions to import. {empty_hint}"),
        ));
    }

    let mut categories: Vec<Category> = Vec::new();
    // Categories by a fingerprint of their title in lower case, checked against the title
    // itself: no lower-cased copy of each title is kept.
    let mut category_of_title: HashMap<u64, usize> = HashMap::default();
    let mut questions = Vec::new();
    let mut question_lines = Vec::new();
    let mut needs_rubric = Vec::new();
    // Ids taken so far, by fingerprint: a set of numbers instead of a copy of every id, which
    // at hundreds of thousands of questions is most of the time spent. Two different ids with
    // the same 64-bit fingerprint (about one chance in 10^8 at 500,000 ids) would only make
    // the second one take a `-2` suffix it did not need; ids stay unique either way.
    let mut ids: HashSet<u64> = HashSet::default();
    let mut category_ids: HashSet<u64> = HashSet::default();
    let mut no_level = 0usize;
    let mut preview = Vec::new();
    let mut proposed_rubric = Vec::new();

    // Questions come in runs under one heading: the previous question's category is checked
    // first, so most questions need no lower-casing or lookup.
    let mut previous_category: Option<(String, usize)> = None;
    for draft in drafts {
        let title = draft
            .category
            .clone()
            .unwrap_or_else(|| DEFAULT_CATEGORY_TITLE.to_string());
        // Computed once here, used for the lookup and, for a new category, the insert.
        let title_print = match &previous_category {
            Some((previous_title, _)) if *previous_title == title => 0,
            _ => title_fingerprint(&title),
        };
        let known = match &previous_category {
            Some((previous_title, index)) if *previous_title == title => Some(*index),
            _ => match category_of_title.get(&title_print) {
                Some(&index) if same_title(&categories[index].title, &title) => Some(index),
                // Two titles with one fingerprint: found by looking at each.
                Some(_) => categories.iter().position(|c| same_title(&c.title, &title)),
                None => None,
            },
        };
        let category_index = match known {
            Some(index) => index,
            None => {
                let id = unique_id(&slug(&title, 32), |c| {
                    category_ids.contains(&fingerprint(c))
                });
                category_ids.insert(fingerprint(&id));
                categories.push(Category {
                    id,
                    title: title.clone(),
                });
                category_of_title
                    .entry(title_print)
                    .or_insert(categories.len() - 1);
                categories.len() - 1
            }
        };
        if previous_category
            .as_ref()
            .is_none_or(|(previous_title, _)| *previous_title != title)
        {
            previous_category = Some((title.clone(), category_index));
        }
        let category_id = categories[category_index].id.clone();
        let base = draft
            .id
            .as_deref()
            .map(str::trim)
            .filter(|id| !id.is_empty() && !id.contains(char::is_whitespace))
            .map(str::to_string)
            .unwrap_or_else(|| {
                let prompt_slug = slug(&draft.prompt, 48);
                let mut id = String::with_capacity(category_id.len() + 1 + prompt_slug.len());
                id.push_str(&category_id);
                id.push('.');
                id.push_str(&prompt_slug);
                id
            });
        let id = unique_id(&base, |c| ids.contains(&fingerprint(c)));
        ids.insert(fingerprint(&id));

        let level_given = draft.level.is_some();
        let level = draft.level.unwrap_or_else(|| {
            no_level += 1;
            DEFAULT_LEVEL
        });
        let mut rubric = RubricOrigin::Source;

        let mut listen_for = draft.listen_for;
        let mut answer = draft.answer;
        let max = *LISTEN_FOR_RANGE.end();
        if listen_for.len() > max {
            let extra = listen_for.split_off(max);
            warnings.push(ImportWarning {
                line: draft.line,
                message: format!(
                    "this question has {} rubric points; a question may have at most {max}, so the last {} were moved to the end of its reference answer. Merge or trim them in the editor",
                    max + extra.len(),
                    extra.len()
                ),
            });
            if !answer.is_empty() {
                answer.push_str("\n\n");
            }
            answer.push_str("More points to listen for:");
            for point in extra {
                answer.push_str("\n- ");
                answer.push_str(&point);
            }
        }

        let mut tags = draft.tags;
        let mut seen_tags = HashSet::default();
        tags.retain(|t| seen_tags.insert(t.to_lowercase()));
        if listen_for.is_empty() {
            listen_for = propose_points(&answer);
            if !listen_for.is_empty() {
                rubric = RubricOrigin::Proposed;
                if !tags.iter().any(|t| t == PROPOSED_RUBRIC_TAG) {
                    tags.push(PROPOSED_RUBRIC_TAG.to_string());
                }
                proposed_rubric.push(id.clone());
            }
        }
        if listen_for.is_empty() {
            rubric = RubricOrigin::Placeholder;
            listen_for.push(PLACEHOLDER_POINT.to_string());
            if !tags.iter().any(|t| t == NEEDS_RUBRIC_TAG) {
                tags.push(NEEDS_RUBRIC_TAG.to_string());
            }
            needs_rubric.push(id.clone());
        }

        let minutes = draft.minutes.map(|m| {
            let clamped = m.clamp(*MINUTES_RANGE.start(), *MINUTES_RANGE.end());
            if clamped != m {
                warnings.push(ImportWarning {
                    line: draft.line,
                    message: format!(
                        "{m} minutes is outside {}–{}; set to {clamped}",
                        MINUTES_RANGE.start(),
                        MINUTES_RANGE.end()
                    ),
                });
            }
            clamped
        });

        let mut unsure = draft.unsure;
        let prompt_end = draft
            .prompt
            .trim_end_matches(['*', '_', '"', '\'', ')', ']', '`']);
        if !prompt_end.ends_with(['?', '.', ':', '!']) {
            unsure.push("the question does not end in \"?\", \".\" or \":\"; check that it is a question and not a heading".to_string());
        }
        if draft.prompt.chars().count() > 300 {
            unsure.push(
                "the question is very long; part of its answer may have been read as the question"
                    .to_string(),
            );
        }
        if rubric == RubricOrigin::Placeholder && answer.is_empty() && draft.example.is_empty() {
            unsure.push("nothing was found under this question".to_string());
        }
        preview.push(QuestionPreview {
            line: draft.line,
            section: title.clone(),
            level_given,
            rubric,
            unsure,
        });
        question_lines.push(draft.line);
        questions.push(Question {
            id,
            category: category_id,
            level,
            prompt: draft.prompt,
            listen_for,
            red_flags: draft.red_flags,
            follow_ups: draft.follow_ups,
            answer,
            example: draft.example,
            minutes,
            tags,
        });
    }

    if no_level > 0 {
        let (count, verb) = if no_level == 1 {
            ("1 question gives".to_string(), "it was")
        } else {
            (format!("{no_level} questions give"), "they were")
        };
        warnings.push(ImportWarning {
            line: 0,
            message: format!(
                "{count} no level (no Beginner/Intermediate/Advanced heading or \"Level:\" line); {verb} set to {}",
                DEFAULT_LEVEL.label()
            ),
        });
    }
    warnings.sort_by_key(|w| w.line);

    let title = title
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| title_from_name(source_name));
    let file_name = std::path::Path::new(source_name)
        .file_name()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_else(|| source_name.to_string());
    Ok(ImportResult {
        set: QuestionSet {
            id: set_id_from_name(source_name),
            title,
            description: format!("Imported from {file_name}."),
            version: 1,
            categories,
            questions,
        },
        warnings,
        needs_rubric,
        question_lines,
        proposed_rubric,
        preview,
        shape: Default::default(),
    })
}

/// Keeps one copy of each question (by [`prompt_key`]): the one with the most detail, the later
/// one on a tie, because guides list questions in a table of contents before the detailed
/// section. A copy without any detail is dropped silently (that is what a contents line
/// looks like); otherwise the user is told which copy was kept.
fn deduplicate(drafts: Vec<Draft>, warnings: &mut Vec<ImportWarning>) -> Vec<Draft> {
    // Each key is computed once and each kept draft moved, not copied: a guide that repeats
    // one question hundreds of thousands of times stays linear and cheap.
    let keys: Vec<String> = drafts.iter().map(|d| prompt_key(&d.prompt)).collect();
    let details: Vec<usize> = drafts.iter().map(Draft::detail).collect();
    let mut best: HashMap<&str, usize> =
        HashMap::with_capacity_and_hasher(drafts.len(), Default::default());
    for (index, key) in keys.iter().enumerate() {
        match best.get(key.as_str()) {
            Some(&kept) if details[kept] > details[index] => {}
            _ => {
                best.insert(key.as_str(), index);
            }
        }
    }
    let lines: Vec<usize> = drafts.iter().map(|d| d.line).collect();
    let mut out = Vec::with_capacity(best.len());
    let mut repeated = 0usize;
    for (index, draft) in drafts.into_iter().enumerate() {
        let kept = best.get(keys[index].as_str()).copied().unwrap_or(index);
        if kept == index {
            out.push(draft);
            continue;
        }
        if draft.from_contents && details[index] == 0 && details[kept] > 0 {
            continue;
        }
        repeated += 1;
        if repeated > MAX_REPEAT_WARNINGS {
            continue;
        }
        let kept_line = lines[kept];
        let message = if details[index] == 0 {
            format!(
                "this question is listed twice (here and on line {kept_line}); it was imported once, from line {kept_line}"
            )
        } else {
            format!(
                "the same question is also on line {kept_line}; that copy was imported and this one skipped"
            )
        };
        warnings.push(ImportWarning {
            line: draft.line,
            message,
        });
    }
    if repeated > MAX_REPEAT_WARNINGS {
        warnings.push(ImportWarning {
            line: 0,
            message: format!(
                "{} more questions are repeats of earlier ones and were imported once",
                repeated - MAX_REPEAT_WARNINGS
            ),
        });
    }
    out
}

/// Repeated questions reported one by one; the rest are counted in one warning.
const MAX_REPEAT_WARNINGS: usize = 200;

/// First words of sentences that tell the interviewer what to do rather than state a fact.
const INSTRUCTIONS: &[&str] = &[
    "ask", "let", "listen", "look", "probe", "push", "expect", "follow", "see", "note",
];

/// Verbs that open an instruction inside an answer ("Use a set"); the point becomes "Says to
/// use a set".
const IMPERATIVES: &[&str] = &[
    "use", "wrap", "catch", "measure", "compare", "add", "avoid", "keep", "write", "run", "call",
    "create", "define", "pass", "return", "prefer", "choose", "check", "make", "put", "store",
    "split", "move", "install", "import", "set", "scale", "cache", "profile", "test", "log",
    "handle", "apply", "remove", "replace", "build", "start", "open", "close", "read", "convert",
    "iterate", "loop", "declare", "assign", "override", "inherit", "raise", "validate", "index",
    "batch", "retry", "monitor", "limit", "lock", "release", "deploy", "mark", "give", "turn",
    "try",
];

/// Words that open a sentence without changing what it says ("Then …").
const CONNECTIVES: &[&str] = &["then", "first", "finally", "also", "next", "so", "instead"];

/// Proper names that keep their capital at the start of a point.
const NAMES: &[&str] = &[
    "python",
    "django",
    "flask",
    "fastapi",
    "celery",
    "redis",
    "docker",
    "linux",
    "git",
    "java",
    "javascript",
    "go",
    "rust",
    "kubernetes",
    "postgres",
    "postgresql",
    "mysql",
    "sqlite",
    "pandas",
    "pytest",
    "unicode",
    "windows",
    "english",
    "pep",
    "jinja",
    "gunicorn",
    "uvicorn",
    "asyncio",
    "pydantic",
    "sqlalchemy",
    "nginx",
    "apache",
    "amazon",
    "google",
];

/// Rubric points proposed from an answer: one per sentence or bullet, phrased as what the
/// candidate says, at most four, never with words that are not in the answer besides
/// "Says that", "Says to" or "Mentions". Empty when the answer has nothing to offer.
pub fn propose_points(answer: &str) -> Vec<String> {
    let mut units: Vec<(String, bool)> = Vec::new();
    let mut paragraph = String::new();
    let flush = |paragraph: &mut String, units: &mut Vec<(String, bool)>| {
        for sentence in sentences(paragraph) {
            units.push((sentence, false));
        }
        paragraph.clear();
    };
    for line in answer.lines() {
        let t = line.trim();
        let item = t
            .strip_prefix("- ")
            .or_else(|| t.strip_prefix("• "))
            .map(str::to_string)
            .or_else(|| {
                super::text::bullet(t)
                    .filter(|b| b.number.is_some())
                    .map(|b| b.text)
            });
        match item {
            Some(text) => {
                flush(&mut paragraph, &mut units);
                units.push((text, true));
            }
            None if t.is_empty() => flush(&mut paragraph, &mut units),
            None => {
                if !paragraph.is_empty() {
                    paragraph.push(' ');
                }
                paragraph.push_str(t);
            }
        }
    }
    flush(&mut paragraph, &mut units);
    let mut points = Vec::new();
    for (unit, is_bullet) in units {
        let unit = squash(&unit);
        let words = unit.split_whitespace().count();
        let lower = unit.to_lowercase();
        let first = first_word(&unit);
        if words < if is_bullet { 1 } else { 3 }
            || words > 60
            || unit.ends_with(['?', ':', '…'])
            || unit.ends_with("...")
            || INSTRUCTIONS.contains(&first.as_str())
            || lower.contains("the candidate")
            || lower.contains("interviewer")
        {
            continue;
        }
        let mut body = unit.trim_end_matches(['.', ';', '!']).trim();
        let mut first = first;
        // "Then scale out…": the connective goes, the instruction stays.
        if CONNECTIVES.contains(&first.as_str())
            && let Some((_, rest)) = body.split_once(' ')
            && IMPERATIVES.contains(&first_word(rest).as_str())
        {
            body = rest.trim_start_matches(',').trim();
            first = first_word(body);
        }
        let second = body.split_whitespace().nth(1).unwrap_or("").to_lowercase();
        let first_raw = body.split_whitespace().next().unwrap_or("");
        // "Looks in sys.modules…": a verb in the third person with the subject left out.
        let third_person = unit.ends_with('.')
            && words >= 3
            && first.len() > 3
            && first.ends_with('s')
            && !first.ends_with("ss")
            && !first_raw.ends_with(':')
            && first_raw.chars().next().is_some_and(char::is_uppercase)
            && ![
                "are", "is", "can", "have", "do", "were", "was", "will", "may", "should", "must",
            ]
            .contains(&second.as_str());
        let point = if IMPERATIVES.contains(&first.as_str()) {
            format!("Says to {}", lower_first(body))
        } else if is_bullet && third_person {
            format!("Says it {}", lower_first(body))
        } else if is_bullet {
            format!("Mentions {}", lower_first(body))
        } else {
            format!("Says that {}", lower_first(body))
        };
        points.push(point);
        if points.len() == 4 {
            break;
        }
    }
    points
}

fn first_word(text: &str) -> String {
    text.split_whitespace()
        .next()
        .unwrap_or("")
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Lowercases the first letter unless the first word is a name, an acronym or code.
fn lower_first(text: &str) -> String {
    let word = text.split_whitespace().next().unwrap_or("");
    let letters: String = word.chars().filter(|c| c.is_alphanumeric()).collect();
    let keep = word.starts_with(['`', '"', '\'', '_'])
        || letters.chars().skip(1).any(char::is_uppercase)
        || letters.chars().any(|c| c.is_ascii_digit())
        || letters == "I"
        || NAMES.contains(&letters.to_lowercase().as_str());
    let mut chars = text.chars();
    match chars.next() {
        Some(c) if !keep => c.to_lowercase().chain(chars).collect(),
        _ => text.to_string(),
    }
}

/// Splits a paragraph into sentences at ". ", "? " and "! " before a capital, a digit, a quote
/// or code, leaving abbreviations such as "e.g." alone.
fn sentences(paragraph: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = paragraph.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '?' | '!') {
            continue;
        }
        let Some(&(_, space)) = chars.get(k + 1) else {
            continue;
        };
        let Some(&(_, next)) = chars.get(k + 2) else {
            continue;
        };
        // A sentence may also start with an identifier in lower case ("select_related …").
        let next_word = paragraph[chars[k + 2].0..]
            .split_whitespace()
            .next()
            .unwrap_or("");
        let starts = next.is_uppercase()
            || next.is_ascii_digit()
            || matches!(next, '`' | '"' | '\'')
            || (next.is_lowercase() && next_word.contains('_'));
        if !space.is_whitespace() || !starts {
            continue;
        }
        let before = &paragraph[start..i];
        let last = before.rsplit(' ').next().unwrap_or("").to_lowercase();
        if c == '.'
            && (["e.g", "i.e", "etc", "vs", "mr", "dr", "approx"].contains(&last.as_str())
                || last.chars().count() == 1)
        {
            continue;
        }
        out.push(paragraph[start..=i].trim().to_string());
        start = i + c.len_utf8();
    }
    let rest = paragraph[start..].trim();
    if !rest.is_empty() {
        out.push(rest.to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_the_same_but_for_case_share_a_fingerprint() {
        assert!(same_title("Python", "pYTHON"));
        assert_eq!(title_fingerprint("Python"), title_fingerprint("pYTHON"));
        // The Kelvin sign lower-cases to an ASCII "k": both ways of hashing agree.
        assert!(same_title("\u{212A}otlin", "Kotlin"));
        assert_eq!(
            title_fingerprint("\u{212A}otlin"),
            title_fingerprint("Kotlin")
        );
        assert!(!same_title("Go", "Rust"));
    }

    #[test]
    fn points_are_proposed_from_sentences_and_bullets() {
        assert_eq!(
            propose_points(
                "PEP 8 is the style guide. It covers naming, e.g. snake_case.\n\nThe options are:\n- Lists\n- Sets of items\n- `dict` views"
            ),
            [
                "Says that PEP 8 is the style guide",
                "Says that it covers naming, e.g. snake_case",
                "Mentions lists",
                "Mentions sets of items",
            ]
        );
        assert_eq!(
            propose_points("Use asyncio with a client. Let the candidate lead; ask what changed."),
            ["Says to use asyncio with a client"]
        );
        assert!(propose_points("").is_empty());
    }

    fn draft(line: usize, prompt: &str, points: &[&str]) -> Draft {
        Draft {
            line,
            prompt: prompt.into(),
            listen_for: points.iter().map(|p| p.to_string()).collect(),
            ..Draft::default()
        }
    }

    #[test]
    fn contents_copies_are_dropped_silently_and_detailed_kept() {
        let mut listed = draft(3, "1. What is X?", &[]);
        listed.from_contents = true;
        let drafts = vec![listed, draft(10, "What is X?", &["a", "b"])];
        let result = finish(drafts, vec![], "g.md", None, "").expect("imports");
        assert_eq!(result.set.questions.len(), 1);
        assert_eq!(result.question_lines, vec![10]);
        assert!(
            result.warnings.iter().all(|w| w.line == 0),
            "{:?}",
            result.warnings
        );
    }

    #[test]
    fn ids_are_stable_and_unique() {
        let long_a = "Describe how the garbage collector in this runtime handles reference cycles";
        let long_b = "Describe how the garbage collector in this runtime handles weak references";
        let mut with_category = draft(4, "What is a template?", &["d"]);
        with_category.category = Some("C++".into());
        let drafts = vec![
            draft(1, "What is X?", &["a"]),
            draft(2, long_a, &["b"]),
            draft(3, long_b, &["c"]),
            with_category,
        ];
        let result = finish(drafts, vec![], "g.md", None, "").expect("imports");
        let ids: Vec<&str> = result.set.questions.iter().map(|q| q.id.as_str()).collect();
        // Prompts that differ only after the slug's 48 characters still get distinct ids.
        assert_eq!(
            ids,
            [
                "general.what-is-x",
                "general.describe-how-the-garbage-collector-in-this-runti",
                "general.describe-how-the-garbage-collector-in-this-runti-2",
                "c.what-is-a-template",
            ]
        );
    }

    #[test]
    fn too_many_points_move_to_the_answer() {
        let points: Vec<String> = (1..=10).map(|i| format!("p{i}")).collect();
        let refs: Vec<&str> = points.iter().map(String::as_str).collect();
        let result =
            finish(vec![draft(4, "Why?", &refs)], vec![], "g.md", None, "").expect("imports");
        let q = &result.set.questions[0];
        assert_eq!(q.listen_for.len(), 8);
        assert!(q.answer.ends_with("- p9\n- p10"), "{}", q.answer);
        assert!(
            result
                .warnings
                .iter()
                .any(|w| w.line == 4 && w.message.contains("at most 8"))
        );
    }

    #[test]
    fn missing_rubric_gets_placeholder_and_tag() {
        let result =
            finish(vec![draft(2, "Why?", &[])], vec![], "My_guide.md", None, "").expect("imports");
        let q = &result.set.questions[0];
        assert_eq!(q.listen_for, vec![PLACEHOLDER_POINT.to_string()]);
        assert_eq!(q.tags, vec![NEEDS_RUBRIC_TAG.to_string()]);
        assert_eq!(result.needs_rubric, vec![q.id.clone()]);
        assert_eq!(result.rubric_points(), 0);
        assert_eq!(result.set.title, "My guide");
        assert_eq!(result.set.id, "my-guide");
    }
}
