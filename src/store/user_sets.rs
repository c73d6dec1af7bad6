//! The user's own question sets: reading one for editing, writing it back atomically after the
//! same checks the bank applies when it loads, and the edits the app makes to them (add or
//! replace a question, delete and restore one, copy a read-only question or set into the
//! user's folder).
//!
//! Every edit re-reads the file, changes it and writes it whole, so an edit made in another
//! window or by hand since the editor opened is kept rather than overwritten.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::bank_files;
use crate::model::load::{parse_set, set_to_ron, validate_set};
use crate::model::names::{safe_file_stem, slug};
use crate::model::{
    Category, LoadProblem, Question, QuestionBank, QuestionSet, SetOrigin, SetSource,
};

/// Id of the set that new questions and copied questions go to when the user has none.
pub const MY_QUESTIONS_ID: &str = "my-questions";
/// Title of that set.
pub const MY_QUESTIONS_TITLE: &str = "My questions";

/// Why a user set could not be read or written. Each message names the file.
#[derive(Debug, thiserror::Error)]
pub enum UserSetError {
    /// The file could not be read or is not a valid question set.
    #[error("{0}")]
    Unreadable(LoadProblem),
    /// The changed set would not load; nothing was written.
    #[error("{path}: the set would not load after this change, so nothing was written: {}", first_problem(.problems))]
    Invalid {
        path: PathBuf,
        problems: Vec<LoadProblem>,
    },
    /// The question to change is no longer in the file.
    #[error(
        "{path}: question `{id}` is no longer in this file (it may have been deleted in another window); nothing was changed"
    )]
    Missing { path: PathBuf, id: String },
    #[error("{path}: could not write the file: {message}")]
    Write { path: PathBuf, message: String },
}

fn first_problem(problems: &[LoadProblem]) -> String {
    let mut text = problems.first().map(|p| p.to_string()).unwrap_or_default();
    if problems.len() > 1 {
        text.push_str(&format!(" (and {} more)", problems.len() - 1));
    }
    text
}

/// Reads and parses one set file.
pub fn load_set(path: &Path) -> Result<QuestionSet, UserSetError> {
    let source = bank_files::read_set_file(path, SetOrigin::User(path.to_path_buf()))
        .map_err(UserSetError::Unreadable)?;
    parse_set(&source).map_err(UserSetError::Unreadable)
}

fn source(name: &str, text: String) -> SetSource {
    SetSource {
        name: name.to_string(),
        origin: SetOrigin::User(PathBuf::from(name)),
        text,
    }
}

/// Serialises the set and runs the loader's checks on the result: the RON text when the bank
/// would load every question, else every problem it would report.
pub fn checked_ron(set: &QuestionSet, name: &str) -> Result<String, Vec<LoadProblem>> {
    let whole = |message: String| LoadProblem {
        file: name.to_string(),
        line: 0,
        column: 0,
        message,
        field: None,
    };
    let text = set_to_ron(set)
        .map_err(|err| vec![whole(format!("could not write the question set: {err}"))])?;
    let source = source(name, text);
    let reparsed = parse_set(&source).map_err(|p| vec![p])?;
    if reparsed != *set {
        return Err(vec![whole("the set did not read back unchanged".into())]);
    }
    let (_, problems) = validate_set(&source, set);
    if problems.is_empty() {
        Ok(source.text)
    } else {
        Err(problems)
    }
}

/// Writes the set to `path` atomically, after checking that the bank will load all of it.
pub fn save_set(path: &Path, set: &QuestionSet) -> Result<(), UserSetError> {
    let text = checked_ron(set, &path.display().to_string()).map_err(|problems| {
        UserSetError::Invalid {
            path: path.to_path_buf(),
            problems,
        }
    })?;
    super::write_atomic(path, text.as_bytes()).map_err(|err| UserSetError::Write {
        path: path.to_path_buf(),
        message: err.to_string(),
    })
}

/// What the loader would say about `question` if it were saved in `set`, with `extra` declared
/// as well (a category the edit adds). Used to validate the editor as the user types.
pub fn check_question(
    set: &QuestionSet,
    question: &Question,
    extra: Option<&Category>,
) -> Vec<LoadProblem> {
    let mut categories = set.categories.clone();
    if let Some(category) = extra.filter(|c| !categories.iter().any(|k| k.id == c.id)) {
        categories.push(category.clone());
    }
    let single = QuestionSet {
        categories,
        questions: vec![question.clone()],
        ..set.clone()
    };
    let name = "the edited question";
    match set_to_ron(&single) {
        Ok(text) => validate_set(&source(name, text), &single).1,
        Err(err) => vec![LoadProblem {
            file: name.into(),
            line: 0,
            column: 0,
            message: format!("the question cannot be written: {err}"),
            field: None,
        }],
    }
}

/// An empty set for a file that does not exist yet, named after the file.
pub fn empty_set_for(path: &Path) -> QuestionSet {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    let id = slug(&stem, 40);
    let title = if id == MY_QUESTIONS_ID {
        MY_QUESTIONS_TITLE.to_string()
    } else {
        stem.replace(['-', '_'], " ")
    };
    QuestionSet {
        id,
        title,
        description: String::new(),
        version: 1,
        categories: Vec::new(),
        questions: Vec::new(),
    }
}

/// Where new and copied questions go when no user set is chosen: `my-questions.ron`.
pub fn my_questions_path(user_sets_dir: &Path) -> PathBuf {
    user_sets_dir.join(format!("{MY_QUESTIONS_ID}.ron"))
}

/// A change to one question of a user set.
#[derive(Clone, Debug, PartialEq)]
pub struct QuestionEdit {
    /// Id of the question being replaced; `None` adds a new question.
    pub replacing: Option<String>,
    /// A new question goes right after this one (e.g. a duplicate after its original); at the
    /// end when `None` or when it is not in the file.
    pub after: Option<String>,
    pub question: Question,
    /// Declared in the set unless a category with this id already is: a new category, or one
    /// taken from another set.
    pub category: Option<Category>,
}

/// Applies `edit` to the set file at `path` (created if missing) and writes it atomically.
/// Returns the id the question was saved under: a new question whose id is already used in the
/// file gets `-2`, `-3`… so nothing is overwritten.
pub fn put_question(path: &Path, edit: &QuestionEdit) -> Result<String, UserSetError> {
    let mut set = if path.exists() {
        load_set(path)?
    } else {
        empty_set_for(path)
    };
    if let Some(category) = &edit.category
        && !set.categories.iter().any(|c| c.id == category.id)
    {
        set.categories.push(category.clone());
    }
    let mut question = edit.question.clone();
    match &edit.replacing {
        Some(id) => {
            let Some(position) = set.questions.iter().position(|q| q.id == *id) else {
                return Err(UserSetError::Missing {
                    path: path.to_path_buf(),
                    id: id.clone(),
                });
            };
            if question.id != *id && set.questions.iter().any(|q| q.id == question.id) {
                question.id = unique_id(&question.id, |c| set.questions.iter().any(|q| q.id == c));
            }
            set.questions[position] = question.clone();
        }
        None => {
            question.id = unique_id(&question.id, |c| set.questions.iter().any(|q| q.id == c));
            let position = edit
                .after
                .as_ref()
                .and_then(|after| set.questions.iter().position(|q| q.id == *after))
                .map_or(set.questions.len(), |p| p + 1);
            set.questions.insert(position, question.clone());
        }
    }
    save_set(path, &set)?;
    Ok(question.id)
}

/// A question taken out of a user set, kept so the deletion can be undone.
#[derive(Clone, Debug, PartialEq)]
pub struct DeletedQuestion {
    pub path: PathBuf,
    /// Title of the set, for messages.
    pub set_title: String,
    pub question: Question,
    /// Where it stood in the file.
    pub index: usize,
    /// Its category as the set declared it, so it can be declared again if it went away.
    pub category: Option<Category>,
}

/// Removes the question `id` from the set file and writes it atomically.
pub fn delete_question(path: &Path, id: &str) -> Result<DeletedQuestion, UserSetError> {
    let mut set = load_set(path)?;
    let Some(index) = set.questions.iter().position(|q| q.id == id) else {
        return Err(UserSetError::Missing {
            path: path.to_path_buf(),
            id: id.to_string(),
        });
    };
    let question = set.questions.remove(index);
    let category = set
        .categories
        .iter()
        .find(|c| c.id == question.category)
        .cloned();
    save_set(path, &set)?;
    Ok(DeletedQuestion {
        path: path.to_path_buf(),
        set_title: set.title.clone(),
        question,
        index,
        category,
    })
}

/// Puts a deleted question back where it was. If its id has been taken since (in the file or
/// elsewhere in `bank`), it comes back under a new one. Returns the id it was restored under.
pub fn restore_question(
    deleted: &DeletedQuestion,
    bank: &QuestionBank,
) -> Result<String, UserSetError> {
    let mut set = if deleted.path.exists() {
        load_set(&deleted.path)?
    } else {
        empty_set_for(&deleted.path)
    };
    if let Some(category) = &deleted.category
        && !set.categories.iter().any(|c| c.id == category.id)
    {
        set.categories.push(category.clone());
    }
    let mut question = deleted.question.clone();
    question.id = unique_id(&question.id, |c| {
        set.questions.iter().any(|q| q.id == c) || bank.get(c).is_some()
    });
    let index = deleted.index.min(set.questions.len());
    set.questions.insert(index, question.clone());
    save_set(&deleted.path, &set)?;
    Ok(question.id)
}

/// `base`, or `base-2`, `base-3`… whichever `taken` does not claim first.
pub fn unique_id(base: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(base) {
        return base.to_string();
    }
    (2usize..)
        .map(|n| format!("{base}-{n}"))
        .find(|candidate| !taken(candidate))
        .unwrap_or_else(|| base.to_string())
}

/// A stable id for a new question, made like imported ones from its category and a slug of its
/// prompt, and unique in the bank and in `set`.
pub fn new_question_id(
    bank: &QuestionBank,
    set: &QuestionSet,
    category: &str,
    prompt: &str,
) -> String {
    let base = format!("{}.{}", slug(category, 32), slug(prompt, 48));
    unique_id(&base, |c| {
        bank.get(c).is_some() || set.questions.iter().any(|q| q.id == c)
    })
}

/// Copies the bank question at `index` (usually from a read-only set) into the user's
/// `my-questions.ron`, with a new id and its category declared there. Returns the file and the
/// copy's id.
pub fn copy_question(
    bank: &QuestionBank,
    index: usize,
    user_sets_dir: &Path,
) -> Result<(PathBuf, String), UserSetError> {
    let path = my_questions_path(user_sets_dir);
    let Some(entry) = bank.entry(index) else {
        return Err(UserSetError::Missing {
            path,
            id: format!("#{index}"),
        });
    };
    let set = if path.exists() {
        load_set(&path)?
    } else {
        empty_set_for(&path)
    };
    let original = &entry.question;
    let category = Category {
        id: original.category.clone(),
        title: bank
            .set_of(index)
            .and_then(|s| s.categories.iter().find(|c| c.id == original.category))
            .map(|c| c.title.clone())
            .unwrap_or_else(|| bank.category_title(&original.category).to_string()),
    };
    let question = Question {
        id: new_question_id(bank, &set, &original.category, &original.prompt),
        ..original.clone()
    };
    let edit = QuestionEdit {
        replacing: None,
        after: None,
        question,
        category: Some(category),
    };
    let id = put_question(&path, &edit)?;
    Ok((path, id))
}

/// Copies a whole set from the bank (usually a bundled one) into the user's folder as an
/// editable set: a new set id and title, and every question id prefixed with `my.` so the copy
/// and the original both load. Returns the new file and the copied set.
pub fn copy_set(
    bank: &QuestionBank,
    set_index: usize,
    user_sets_dir: &Path,
) -> Result<(PathBuf, QuestionSet), UserSetError> {
    let Some(original) = bank.sets().get(set_index) else {
        return Err(UserSetError::Missing {
            path: user_sets_dir.to_path_buf(),
            id: format!("set #{set_index}"),
        });
    };
    let set_taken = |c: &str| {
        bank.sets().iter().any(|s| s.id == c)
            || user_sets_dir
                .join(format!("{}.ron", safe_file_stem(c)))
                .exists()
    };
    let id = unique_id(&format!("{}-copy", original.id), set_taken);
    let mut ids: HashSet<String> = HashSet::new();
    let questions: Vec<Question> = bank
        .entries()
        .iter()
        .filter(|e| e.set == set_index)
        .map(|e| {
            let new_id = unique_id(&format!("my.{}", e.question.id), |c| {
                bank.get(c).is_some() || ids.contains(c)
            });
            ids.insert(new_id.clone());
            Question {
                id: new_id,
                ..e.question.clone()
            }
        })
        .collect();
    let set = QuestionSet {
        id: id.clone(),
        title: format!("{} (my copy)", original.title),
        description: if original.description.is_empty() {
            format!("An editable copy of “{}”.", original.title)
        } else {
            original.description.clone()
        },
        version: 1,
        categories: original.categories.clone(),
        questions,
    };
    let path = user_sets_dir.join(format!("{}.ron", safe_file_stem(&id)));
    save_set(&path, &set)?;
    Ok((path, set))
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// The bank as it will be once `replaced` is overwritten: every set except that file, so
/// re-importing a guide over its earlier import does not report every question as a duplicate
/// of itself.
pub fn bank_without(user_sets_dir: &Path, extra: &[PathBuf], replaced: &Path) -> QuestionBank {
    let keep = |source: &SetSource| match &source.origin {
        SetOrigin::User(path) | SetOrigin::Extra(path) => !same_file(path, replaced),
        SetOrigin::Bundled => true,
    };
    let mut sources = bank_files::bundled_sources();
    let (found, _) = bank_files::read_set_dir(user_sets_dir, SetOrigin::User);
    sources.extend(found.into_iter().filter(|s| keep(s)));
    let (found, _) = bank_files::read_paths(extra);
    sources.extend(found.into_iter().filter(|s| keep(s)));
    QuestionBank::load(&sources).0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Level;

    fn question(id: &str, prompt: &str) -> Question {
        Question {
            id: id.into(),
            category: "general".into(),
            level: Level::Entry,
            prompt: prompt.into(),
            listen_for: vec!["a point".into()],
            red_flags: vec![],
            follow_ups: vec![],
            answer: String::new(),
            example: String::new(),
            minutes: None,
            tags: vec![],
        }
    }

    fn general() -> Category {
        Category {
            id: "general".into(),
            title: "General".into(),
        }
    }

    fn add(path: &Path, id: &str, prompt: &str) -> String {
        put_question(
            path,
            &QuestionEdit {
                replacing: None,
                after: None,
                question: question(id, prompt),
                category: Some(general()),
            },
        )
        .expect("question added")
    }

    #[test]
    fn put_creates_replaces_and_keeps_ids_unique() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = my_questions_path(dir.path());
        assert_eq!(add(&path, "general.a", "First?"), "general.a");
        assert_eq!(
            add(&path, "general.a", "Second?"),
            "general.a-2",
            "a clashing new id is renamed"
        );
        let set = load_set(&path).expect("set loads");
        assert_eq!(set.id, MY_QUESTIONS_ID);
        assert_eq!(set.title, MY_QUESTIONS_TITLE);
        assert_eq!(set.categories, vec![general()]);
        let mut changed = question("general.a", "First, reworded?");
        changed.minutes = Some(7);
        let edit = QuestionEdit {
            replacing: Some("general.a".into()),
            after: None,
            question: changed.clone(),
            category: None,
        };
        put_question(&path, &edit).expect("replaced");
        let set = load_set(&path).expect("set loads");
        assert_eq!(set.questions.len(), 2);
        assert_eq!(set.questions[0], changed);
        let gone = QuestionEdit {
            replacing: Some("general.nope".into()),
            ..edit
        };
        assert!(matches!(
            put_question(&path, &gone),
            Err(UserSetError::Missing { .. })
        ));
    }

    #[test]
    fn duplicates_go_after_their_original() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("team.ron");
        add(&path, "general.a", "A?");
        add(&path, "general.b", "B?");
        let edit = QuestionEdit {
            replacing: None,
            after: Some("general.a".into()),
            question: question("general.a", "A?"),
            category: None,
        };
        assert_eq!(
            put_question(&path, &edit).expect("duplicated"),
            "general.a-2"
        );
        let ids: Vec<String> = load_set(&path)
            .expect("loads")
            .questions
            .into_iter()
            .map(|q| q.id)
            .collect();
        assert_eq!(ids, ["general.a", "general.a-2", "general.b"]);
    }

    #[test]
    fn an_invalid_question_is_never_written() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("team.ron");
        add(&path, "general.a", "A?");
        let before = std::fs::read_to_string(&path).expect("read");
        let mut bad = question("general.b", "B?");
        bad.listen_for.clear();
        let edit = QuestionEdit {
            replacing: None,
            after: None,
            question: bad,
            category: None,
        };
        let err = put_question(&path, &edit).expect_err("refused");
        assert!(err.to_string().contains("listen_for"), "{err}");
        assert_eq!(
            std::fs::read_to_string(&path).expect("read"),
            before,
            "file untouched"
        );
    }

    #[test]
    fn delete_then_restore_puts_it_back_in_place() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("team.ron");
        for (id, prompt) in [
            ("general.a", "A?"),
            ("general.b", "B?"),
            ("general.c", "C?"),
        ] {
            add(&path, id, prompt);
        }
        let original = load_set(&path).expect("loads");
        let deleted = delete_question(&path, "general.b").expect("deleted");
        assert_eq!(deleted.index, 1);
        assert_eq!(load_set(&path).expect("loads").questions.len(), 2);
        let id = restore_question(&deleted, &QuestionBank::default()).expect("restored");
        assert_eq!(id, "general.b");
        assert_eq!(load_set(&path).expect("loads"), original);
    }

    #[test]
    fn check_question_reports_the_loader_rules() {
        let set = empty_set_for(Path::new("x/team.ron"));
        let mut q = question("general.a", "  ");
        q.listen_for = vec![String::new()];
        q.minutes = Some(99);
        let messages: Vec<String> = check_question(&set, &q, None)
            .into_iter()
            .map(|p| p.message)
            .collect();
        assert_eq!(messages.len(), 4, "{messages:?}");
        assert!(messages[0].contains("`prompt`"));
        assert!(messages[1].contains("`listen_for`"));
        assert!(messages[2].contains("unknown category"));
        assert!(messages[3].contains("99 minutes"));
        let fixed = question("general.a", "Why?");
        assert!(check_question(&set, &fixed, Some(&general())).is_empty());
    }

    #[test]
    fn copies_of_bundled_questions_and_sets_load_beside_the_originals() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (bank, problems) = bank_files::load_bank(Some(dir.path()), &[]);
        assert!(problems.is_empty(), "{problems:?}");
        let (path, id) = copy_question(&bank, 0, dir.path()).expect("copied");
        assert_ne!(id, bank.entries()[0].question.id);
        let (set_path, set) = copy_set(&bank, 1, dir.path()).expect("set copied");
        assert_eq!(
            set.questions.len(),
            bank.entries().iter().filter(|e| e.set == 1).count()
        );
        assert!(set_path.exists() && path.exists());
        let (again, problems) = bank_files::load_bank(Some(dir.path()), &[]);
        assert!(
            problems.is_empty(),
            "copies load without clashes: {problems:?}"
        );
        assert_eq!(again.len(), bank.len() + 1 + set.questions.len());
        let copy = again.get(&id).expect("copy in the bank");
        assert_eq!(copy.prompt, bank.entries()[0].question.prompt);
        assert!(
            again
                .set_of(again.index_of(&id).expect("index"))
                .expect("set")
                .origin
                .is_editable()
        );
    }
}
