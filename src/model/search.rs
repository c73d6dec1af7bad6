//! Finding questions: facet filters and ranked fuzzy search (nucleo-matcher).

use std::collections::{BTreeMap, BTreeSet};

use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32String};

use super::bank::QuestionBank;
use super::question::Level;

/// Prepared text of every question, built once per bank so a keystroke only matches.
pub struct SearchIndex {
    /// Prompt and tags: fuzzy matched, so typos and abbreviations still find the question.
    short: Vec<Utf32String>,
    /// Prompt, rubric points and tags: matched by substring, because fuzzy matching over long
    /// text finds scattered letters everywhere.
    full: Vec<Utf32String>,
}

impl SearchIndex {
    pub fn build(bank: &QuestionBank) -> SearchIndex {
        let mut short = Vec::with_capacity(bank.len());
        let mut full = Vec::with_capacity(bank.len());
        for entry in bank.entries() {
            let q = &entry.question;
            let tags = q.tags.join(" ");
            short.push(Utf32String::from(format!("{} {}", q.prompt, tags)));
            full.push(Utf32String::from(format!("{} {} {}", q.prompt, q.listen_for.join(" "), tags)));
        }
        SearchIndex { short, full }
    }

    pub fn len(&self) -> usize {
        self.short.len()
    }

    pub fn is_empty(&self) -> bool {
        self.short.is_empty()
    }
}

/// Facet selections. An empty set means "no restriction".
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filter {
    /// Indexes into [`QuestionBank::sets`].
    pub sets: BTreeSet<usize>,
    pub categories: BTreeSet<String>,
    pub levels: BTreeSet<Level>,
    pub tags: BTreeSet<String>,
    pub not_in_plan: bool,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        self.sets.is_empty() && self.categories.is_empty() && self.levels.is_empty() && self.tags.is_empty() && !self.not_in_plan
    }
}

/// One matching question.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    /// Index into [`QuestionBank::entries`].
    pub index: usize,
    pub score: u32,
}

/// Results plus the live counts shown beside each facet value. Each facet's counts apply every
/// other facet and the query, so a count says what choosing that value would give.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SearchOutcome {
    pub hits: Vec<Hit>,
    pub category_counts: BTreeMap<String, usize>,
    pub level_counts: BTreeMap<Level, usize>,
    pub set_counts: BTreeMap<usize, usize>,
}

/// Reusable matcher state; keep one per view to avoid reallocating per keystroke.
pub struct Searcher {
    matcher: Matcher,
}

impl Default for Searcher {
    fn default() -> Self {
        Searcher {
            matcher: Matcher::new(Config::DEFAULT),
        }
    }
}

impl Searcher {
    /// Filters and ranks. An empty query keeps bank order.
    pub fn search(
        &mut self,
        bank: &QuestionBank,
        index: &SearchIndex,
        query: &str,
        filter: &Filter,
        in_plan: &dyn Fn(&str) -> bool,
    ) -> SearchOutcome {
        let query = query.trim();
        let fuzzy = Pattern::new(query, CaseMatching::Ignore, Normalization::Smart, AtomKind::Fuzzy);
        let substring = Pattern::new(query, CaseMatching::Ignore, Normalization::Smart, AtomKind::Substring);
        // A fuzzy match must be tight (about 18 points per typed character, where an exact run
        // scores 16 plus bonuses): scattered letters across a long prompt are noise.
        let min_fuzzy = (query.chars().filter(|c| !c.is_whitespace()).count() as u32) * 18;
        let mut outcome = SearchOutcome::default();
        for (i, entry) in bank.entries().iter().enumerate() {
            let q = &entry.question;
            let pass_set = filter.sets.is_empty() || filter.sets.contains(&entry.set);
            let pass_category = filter.categories.is_empty() || filter.categories.contains(&q.category);
            let pass_level = filter.levels.is_empty() || filter.levels.contains(&q.level);
            let pass_tags = filter.tags.is_empty() || q.tags.iter().any(|t| filter.tags.contains(t));
            let pass_plan = !filter.not_in_plan || !in_plan(&q.id);
            if !(pass_tags && pass_plan) {
                continue;
            }
            // Cheap facet checks first; the matcher runs only for questions some count needs.
            let others_for_category = pass_set && pass_level;
            let others_for_level = pass_set && pass_category;
            let others_for_set = pass_category && pass_level;
            if !(others_for_category || others_for_level || others_for_set) {
                continue;
            }
            let score = if query.is_empty() {
                Some(0)
            } else {
                let short_score = fuzzy
                    .score(index.short[i].slice(..), &mut self.matcher)
                    .filter(|s| *s >= min_fuzzy);
                let full_score = substring.score(index.full[i].slice(..), &mut self.matcher);
                match (short_score, full_score) {
                    // Matching the prompt itself ranks above matching only a rubric point.
                    (Some(a), Some(b)) => Some(a.max(b) + 32),
                    (a, b) => a.or(b),
                }
            };
            let Some(score) = score else { continue };
            if others_for_category {
                *outcome.category_counts.entry(q.category.clone()).or_insert(0) += 1;
            }
            if others_for_level {
                *outcome.level_counts.entry(q.level).or_insert(0) += 1;
            }
            if others_for_set {
                *outcome.set_counts.entry(entry.set).or_insert(0) += 1;
            }
            if pass_set && pass_category && pass_level {
                outcome.hits.push(Hit { index: i, score });
            }
        }
        if !query.is_empty() {
            // Stable sort keeps bank order among equal scores.
            outcome.hits.sort_by(|a, b| b.score.cmp(&a.score));
        }
        outcome
    }

    /// Character positions of `query` in `text`, for highlighting a visible row.
    pub fn highlight(&mut self, query: &str, text: &str) -> Vec<usize> {
        let query = query.trim();
        if query.is_empty() {
            return Vec::new();
        }
        let pattern = Pattern::new(query, CaseMatching::Ignore, Normalization::Smart, AtomKind::Fuzzy);
        let haystack = Utf32String::from(text);
        let mut indices = Vec::new();
        pattern.indices(haystack.slice(..), &mut self.matcher, &mut indices);
        indices.sort_unstable();
        indices.dedup();
        indices.into_iter().map(|i| i as usize).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load::{SetOrigin, SetSource};

    fn bank() -> QuestionBank {
        let text = r#"QuestionSet(id: "t", title: "T", categories: [Category(id: "a", title: "A"), Category(id: "b", title: "B")],
        questions: [
            Question(id: "t.deco", category: "a", level: Entry, prompt: "What does a decorator do?", listen_for: ["Wraps a function"], tags: ["functions"]),
            Question(id: "t.gil", category: "b", level: Advanced, prompt: "Explain the GIL.", listen_for: ["Mentions threads and a decorator-free lock"]),
            Question(id: "t.copy", category: "a", level: Intermediate, prompt: "Shallow versus deep copy?", listen_for: ["Names copy.deepcopy"], tags: ["copying"]),
        ])"#;
        let (bank, problems) = QuestionBank::load(&[SetSource {
            name: "t.ron".into(),
            origin: SetOrigin::Bundled,
            text: text.into(),
        }]);
        assert!(problems.is_empty(), "{problems:?}");
        bank
    }

    fn ids(bank: &QuestionBank, outcome: &SearchOutcome) -> Vec<String> {
        outcome.hits.iter().map(|h| bank.entries()[h.index].question.id.clone()).collect()
    }

    #[test]
    fn query_ranks_prompt_matches_first_and_searches_rubric() {
        let bank = bank();
        let index = SearchIndex::build(&bank);
        let mut searcher = Searcher::default();
        let none = |_: &str| false;
        let outcome = searcher.search(&bank, &index, "decorator", &Filter::default(), &none);
        assert_eq!(ids(&bank, &outcome), ["t.deco", "t.gil"]);
        let typo = searcher.search(&bank, &index, "decrator", &Filter::default(), &none);
        assert_eq!(ids(&bank, &typo), ["t.deco"], "fuzzy match on the prompt tolerates a typo");
        let all = searcher.search(&bank, &index, "", &Filter::default(), &none);
        assert_eq!(all.hits.len(), 3);
    }

    #[test]
    fn facets_filter_and_counts_ignore_their_own_facet() {
        let bank = bank();
        let index = SearchIndex::build(&bank);
        let mut searcher = Searcher::default();
        let filter = Filter {
            categories: ["a".to_string()].into(),
            ..Filter::default()
        };
        let outcome = searcher.search(&bank, &index, "", &filter, &|_| false);
        assert_eq!(ids(&bank, &outcome), ["t.deco", "t.copy"]);
        assert_eq!(outcome.category_counts.get("b"), Some(&1), "count for b ignores the category filter");
        assert_eq!(outcome.level_counts.get(&Level::Advanced), None, "level counts apply the category filter");
        let not_in_plan = Filter {
            not_in_plan: true,
            ..Filter::default()
        };
        let outcome = searcher.search(&bank, &index, "", &not_in_plan, &|id| id == "t.deco");
        assert_eq!(ids(&bank, &outcome), ["t.gil", "t.copy"]);
    }

    #[test]
    fn highlight_marks_matched_characters() {
        let mut searcher = Searcher::default();
        assert_eq!(searcher.highlight("gil", "The GIL"), vec![4, 5, 6]);
        assert!(searcher.highlight("", "x").is_empty());
    }
}
