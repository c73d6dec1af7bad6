//! The bundled bank meets its quality rules. It is read through the same loader the app uses,
//! so emptying a set or dropping a rubric fails here.

use std::collections::{BTreeMap, BTreeSet};

use interview_scorecard::model::{Level, QuestionBank};
use interview_scorecard::store::bank_files;

fn bundled() -> QuestionBank {
    let (bank, problems) = QuestionBank::load(&bank_files::bundled_sources());
    assert!(
        problems.is_empty(),
        "bundled bank has problems:\n{}",
        problems
            .iter()
            .map(|p| p.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    );
    bank
}

/// Questions per category id within one set.
fn per_category(bank: &QuestionBank, set_id: &str) -> BTreeMap<String, Vec<Level>> {
    let set_index = bank
        .sets()
        .iter()
        .position(|s| s.id == set_id)
        .unwrap_or_else(|| panic!("set {set_id} missing"));
    let mut map: BTreeMap<String, Vec<Level>> = BTreeMap::new();
    for category in &bank.sets()[set_index].categories {
        map.insert(category.id.clone(), Vec::new());
    }
    for entry in bank.entries().iter().filter(|e| e.set == set_index) {
        map.entry(entry.question.category.clone())
            .or_default()
            .push(entry.question.level);
    }
    map
}

#[test]
fn counts_per_file_and_category() {
    let bank = bundled();
    let python = per_category(&bank, "python");
    let expected: BTreeSet<&str> = [
        "fundamentals",
        "data-structures",
        "functions",
        "oop",
        "modules",
        "errors",
        "files-io",
        "advanced",
        "testing",
        "web",
        "data-science",
        "best-practices",
    ]
    .into();
    assert_eq!(
        python.keys().map(String::as_str).collect::<BTreeSet<_>>(),
        expected
    );
    for (category, levels) in &python {
        assert!(
            levels.len() >= 10,
            "python/{category} has {} questions, needs 10",
            levels.len()
        );
    }
    let total = |set: &str| {
        per_category(&bank, set)
            .values()
            .map(Vec::len)
            .sum::<usize>()
    };
    assert!(total("python") >= 140, "python: {}", total("python"));
    assert!(total("backend") >= 40, "backend: {}", total("backend"));
    assert!(total("coding") >= 12, "coding: {}", total("coding"));
    assert!(total("design") >= 15, "design: {}", total("design"));
    assert!(
        total("behavioral") >= 20,
        "behavioral: {}",
        total("behavioral")
    );
    assert!(bank.len() >= 220, "bank: {}", bank.len());
}

#[test]
fn every_category_spans_the_levels() {
    let bank = bundled();
    for set in ["python", "backend", "coding", "design", "behavioral"] {
        for (category, levels) in per_category(&bank, set) {
            let distinct: BTreeSet<Level> = levels.into_iter().collect();
            assert_eq!(
                distinct.len(),
                4,
                "{set}/{category} covers only {distinct:?}"
            );
        }
    }
}

#[test]
fn every_question_follows_the_rubric_rules() {
    let bank = bundled();
    let vague = [
        "good understanding",
        "understands",
        "communicates well",
        "good knowledge",
        "is knowledgeable",
        "solid grasp",
    ];
    let id_shape = |id: &str| {
        id.split('.').count() >= 3
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-')
            && !id.contains("..")
    };
    for entry in bank.entries() {
        let q = &entry.question;
        let set = &bank.sets()[entry.set].id;
        assert!(
            (3..=5).contains(&q.listen_for.len()),
            "{}: {} listen_for points",
            q.id,
            q.listen_for.len()
        );
        for point in &q.listen_for {
            let lower = point.to_lowercase();
            assert!(
                !vague
                    .iter()
                    .any(|v| lower.starts_with(v) || lower.contains(&format!(" {v}"))),
                "{}: vague point {point:?}",
                q.id
            );
            assert!(
                point.trim().len() >= 12,
                "{}: point too short to be observable: {point:?}",
                q.id
            );
        }
        assert!(
            (1..=3).contains(&q.follow_ups.len()),
            "{}: {} follow-ups",
            q.id,
            q.follow_ups.len()
        );
        assert!(q.minutes.is_some(), "{}: no suggested minutes", q.id);
        assert!(!q.answer.trim().is_empty(), "{}: no reference answer", q.id);
        assert!(
            q.prompt.ends_with('?') || q.prompt.ends_with('.'),
            "{}: prompt must end in ? or .",
            q.id
        );
        assert!(
            id_shape(&q.id),
            "{}: id is not of the form prefix.category.slug",
            q.id
        );
        if set == "coding" {
            assert!(
                !q.example.trim().is_empty(),
                "{}: coding exercise without a reference solution",
                q.id
            );
        }
        if set != "behavioral" {
            assert!(q.red_flags.len() <= 3, "{}: too many red flags", q.id);
        }
    }
}

#[test]
fn most_technical_questions_name_a_red_flag_and_many_have_code() {
    let bank = bundled();
    let technical: Vec<_> = bank
        .entries()
        .iter()
        .filter(|e| bank.sets()[e.set].id != "behavioral")
        .collect();
    let with_flags = technical
        .iter()
        .filter(|e| !e.question.red_flags.is_empty())
        .count();
    let with_code = technical
        .iter()
        .filter(|e| !e.question.example.trim().is_empty())
        .count();
    assert!(
        with_flags * 10 >= technical.len() * 8,
        "{with_flags} of {} have red flags",
        technical.len()
    );
    assert!(
        with_code * 2 >= technical.len(),
        "{with_code} of {} have example code",
        technical.len()
    );
}

#[test]
fn no_two_prompts_are_the_same() {
    let bank = bundled();
    let mut seen = BTreeMap::new();
    for entry in bank.entries() {
        let key: String = entry
            .question
            .prompt
            .to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect();
        if let Some(other) = seen.insert(key, entry.question.id.clone()) {
            panic!("{} repeats the prompt of {other}", entry.question.id);
        }
    }
}
