//! Finding questions: facet filters and ranked fuzzy search (nucleo-matcher).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};

use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization, Pattern};
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
    /// Tells indexes apart, so a [`Searcher`]'s remembered matches never outlive their bank.
    id: u64,
}

static NEXT_INDEX_ID: AtomicU64 = AtomicU64::new(1);

impl SearchIndex {
    pub fn build(bank: &QuestionBank) -> SearchIndex {
        let mut short = Vec::with_capacity(bank.len());
        let mut full = Vec::with_capacity(bank.len());
        for entry in bank.entries() {
            let q = &entry.question;
            let tags = q.tags.join(" ");
            short.push(Utf32String::from(format!("{} {}", q.prompt, tags)));
            full.push(Utf32String::from(format!(
                "{} {} {}",
                q.prompt,
                q.listen_for.join(" "),
                tags
            )));
        }
        SearchIndex {
            short,
            full,
            id: NEXT_INDEX_ID.fetch_add(1, Ordering::Relaxed),
        }
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
        self.sets.is_empty()
            && self.categories.is_empty()
            && self.levels.is_empty()
            && self.tags.is_empty()
            && !self.not_in_plan
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

/// FNV-1a: category ids are a few bytes and come from our own files, so a fast hash without
/// flooding resistance is enough for counting them on every keystroke.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.0 = (self.0 ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// Which prepared text a query word is matched against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    /// Fuzzy, over [`SearchIndex::short`].
    Short,
    /// Substring, over [`SearchIndex::full`].
    Full,
}

/// Every question one query word matches in one field: (entry, score), ascending by entry.
struct WordMatches {
    field: Field,
    needle: String,
    hits: Vec<(u32, u16)>,
    /// The search that last used it, for forgetting the least recently used.
    used: u64,
}

/// How many words' matches a searcher remembers: enough for typing a few words and
/// backspacing through them without matching the whole bank again.
const REMEMBERED_WORDS: usize = 24;

/// Reusable matcher state; keep one per view so a keystroke reuses the work of the last.
///
/// A query's score is the sum of its words' scores, so the searcher remembers each word's
/// matches. Typing one more character only rematches the last word, and only among the
/// questions its shorter form matched (a longer word can match only where its prefix did).
pub struct Searcher {
    matcher: Matcher,
    index_id: u64,
    words: Vec<WordMatches>,
    /// Counts searches, to tell which words were used recently.
    searches: u64,
}

impl Default for Searcher {
    fn default() -> Self {
        Searcher {
            matcher: Matcher::new(Config::DEFAULT),
            index_id: 0,
            words: Vec::new(),
            searches: 0,
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
        let mut outcome = SearchOutcome::default();
        // The entries to consider with their (fuzzy, substring) scores; every entry for an
        // empty query.
        let candidates = if query.is_empty() {
            None
        } else {
            Some(self.candidates(index, query))
        };
        // Counted in flat tables first: a map lookup per matching question and facet would
        // cost more than the matching itself when most of a large bank matches.
        let mut category_counts: HashMap<&str, usize, BuildHasherDefault<Fnv>> = HashMap::default();
        let mut level_counts = [0usize; Level::ALL.len()];
        let mut set_counts = vec![0usize; bank.sets().len()];
        let mut consider = |i: usize, score: u32| {
            let Some(entry) = bank.entries().get(i) else {
                return;
            };
            let q = &entry.question;
            let pass_set = filter.sets.is_empty() || filter.sets.contains(&entry.set);
            let pass_category =
                filter.categories.is_empty() || filter.categories.contains(&q.category);
            let pass_level = filter.levels.is_empty() || filter.levels.contains(&q.level);
            let pass_tags =
                filter.tags.is_empty() || q.tags.iter().any(|t| filter.tags.contains(t));
            let pass_plan = !filter.not_in_plan || !in_plan(&q.id);
            if !(pass_tags && pass_plan) {
                return;
            }
            if pass_set && pass_level {
                *category_counts.entry(q.category.as_str()).or_insert(0) += 1;
            }
            if pass_set && pass_category {
                level_counts[q.level.rank()] += 1;
            }
            if pass_category && pass_level {
                if let Some(count) = set_counts.get_mut(entry.set) {
                    *count += 1;
                }
            }
            if pass_set && pass_category && pass_level {
                outcome.hits.push(Hit { index: i, score });
            }
        };
        match &candidates {
            None => (0..bank.len()).for_each(|i| consider(i, 0)),
            Some(candidates) => candidates
                .iter()
                .for_each(|&(i, score)| consider(i as usize, score)),
        }
        outcome.category_counts = category_counts
            .into_iter()
            .map(|(c, n)| (c.to_string(), n))
            .collect();
        outcome.level_counts = Level::ALL
            .into_iter()
            .zip(level_counts)
            .filter(|(_, n)| *n > 0)
            .collect();
        outcome.set_counts = set_counts
            .into_iter()
            .enumerate()
            .filter(|(_, n)| *n > 0)
            .collect();
        if !query.is_empty() {
            // Stable sort keeps bank order among equal scores.
            outcome.hits.sort_by_key(|hit| std::cmp::Reverse(hit.score));
        }
        outcome
    }

    /// Entries the query matches, ascending, with their combined score: a tight fuzzy match on
    /// the prompt and tags, or every word somewhere in the prompt, rubric or tags.
    fn candidates(&mut self, index: &SearchIndex, query: &str) -> Vec<(u32, u32)> {
        if self.index_id != index.id {
            self.words.clear();
            self.index_id = index.id;
        }
        self.searches += 1;
        let fuzzy = Pattern::new(
            query,
            CaseMatching::Ignore,
            Normalization::Smart,
            AtomKind::Fuzzy,
        );
        let substring = Pattern::new(
            query,
            CaseMatching::Ignore,
            Normalization::Smart,
            AtomKind::Substring,
        );
        // A fuzzy match must be tight: an exact word scores 25 or more per typed character, a
        // one-letter typo about 22, letters scattered across a prompt 14–18 (measured on the
        // bundled bank: "thread" matched 126 questions at 14, 15 at 22, of which 6 exact).
        let min_fuzzy = (query.chars().filter(|c| !c.is_whitespace()).count() as u32) * 22;
        let short_words: Vec<usize> = fuzzy
            .atoms
            .iter()
            .map(|a| self.word(index, Field::Short, a))
            .collect();
        let full_words: Vec<usize> = substring
            .atoms
            .iter()
            .map(|a| self.word(index, Field::Full, a))
            .collect();
        let (short, full) = (
            self.all_words(index, &short_words),
            self.all_words(index, &full_words),
        );
        // Merge the two ascending lists.
        let mut merged = Vec::with_capacity(short.len().max(full.len()));
        let (mut a, mut b) = (short.iter().peekable(), full.iter().peekable());
        loop {
            let (i, short_score, full_score) = match (a.peek(), b.peek()) {
                (None, None) => break,
                (Some(&&(i, s)), None) => {
                    a.next();
                    (i, Some(s), None)
                }
                (None, Some(&&(i, f))) => {
                    b.next();
                    (i, None, Some(f))
                }
                (Some(&&(i, s)), Some(&&(j, f))) => match i.cmp(&j) {
                    std::cmp::Ordering::Less => {
                        a.next();
                        (i, Some(s), None)
                    }
                    std::cmp::Ordering::Greater => {
                        b.next();
                        (j, None, Some(f))
                    }
                    std::cmp::Ordering::Equal => {
                        a.next();
                        b.next();
                        (i, Some(s), Some(f))
                    }
                },
            };
            let short_score = short_score.filter(|s| *s >= min_fuzzy);
            let score = match (short_score, full_score) {
                // Matching the prompt itself ranks above matching only a rubric point.
                (Some(s), Some(f)) => Some(s.max(f) + 32),
                (s, f) => s.or(f),
            };
            if let Some(score) = score {
                merged.push((i, score));
            }
        }
        self.forget_old_words();
        merged
    }

    /// Position in `self.words` of one word's matches, matching it now if it is new. Positions
    /// stay valid for the rest of the search (nothing is removed or reordered until it ends).
    fn word(&mut self, index: &SearchIndex, field: Field, atom: &Atom) -> usize {
        let needle: String = atom.needle_text().chars().collect();
        if let Some(position) = self
            .words
            .iter()
            .position(|w| w.field == field && w.needle == needle)
        {
            self.words[position].used = self.searches;
            return position;
        }
        let haystacks = match field {
            Field::Short => &index.short,
            Field::Full => &index.full,
        };
        // Case folding and normalisation work per character for ASCII, so a word can only
        // match where its prefix matched; other text is matched against everything.
        let prefix = needle
            .is_ascii()
            .then(|| {
                self.words
                    .iter()
                    .filter(|w| {
                        w.field == field && w.needle.is_ascii() && needle.starts_with(&w.needle)
                    })
                    .max_by_key(|w| w.needle.len())
            })
            .flatten();
        let matcher = &mut self.matcher;
        let mut score = |i: u32| {
            haystacks
                .get(i as usize)
                .and_then(|h| atom.score(h.slice(..), matcher))
                .map(|s| (i, s))
        };
        let hits: Vec<(u32, u16)> = match prefix {
            Some(prefix) => prefix.hits.iter().filter_map(|&(i, _)| score(i)).collect(),
            None => (0..haystacks.len() as u32).filter_map(score).collect(),
        };
        self.words.push(WordMatches {
            field,
            needle,
            hits,
            used: self.searches,
        });
        self.words.len() - 1
    }

    /// Entries every word matches, ascending, with the sum of the words' scores. A query with
    /// no words (only escapes) matches everything with score 0, as a nucleo pattern does.
    fn all_words(&self, index: &SearchIndex, positions: &[usize]) -> Vec<(u32, u32)> {
        let Some((first, rest)) = positions.split_first() else {
            return (0..index.len() as u32).map(|i| (i, 0)).collect();
        };
        let mut result: Vec<(u32, u32)> = self.words[*first]
            .hits
            .iter()
            .map(|&(i, s)| (i, u32::from(s)))
            .collect();
        for position in rest {
            let other = &self.words[*position].hits;
            let mut j = 0;
            result.retain_mut(|(i, score)| {
                while j < other.len() && other[j].0 < *i {
                    j += 1;
                }
                match other.get(j) {
                    Some(&(k, s)) if k == *i => {
                        *score += u32::from(s);
                        true
                    }
                    _ => false,
                }
            });
        }
        result
    }

    /// Called after a search, never during one: positions handed out stay valid until then.
    fn forget_old_words(&mut self) {
        if self.words.len() > REMEMBERED_WORDS {
            self.words.sort_by_key(|w| std::cmp::Reverse(w.used));
            self.words.truncate(REMEMBERED_WORDS);
        }
    }

    /// Character positions of `query` in `text`, for highlighting a visible row.
    pub fn highlight(&mut self, query: &str, text: &str) -> Vec<usize> {
        let query = query.trim();
        if query.is_empty() {
            return Vec::new();
        }
        let pattern = Pattern::new(
            query,
            CaseMatching::Ignore,
            Normalization::Smart,
            AtomKind::Fuzzy,
        );
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
        outcome
            .hits
            .iter()
            .map(|h| bank.entries()[h.index].question.id.clone())
            .collect()
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
        assert_eq!(
            ids(&bank, &typo),
            ["t.deco"],
            "fuzzy match on the prompt tolerates a typo"
        );
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
        assert_eq!(
            outcome.category_counts.get("b"),
            Some(&1),
            "count for b ignores the category filter"
        );
        assert_eq!(
            outcome.level_counts.get(&Level::Advanced),
            None,
            "level counts apply the category filter"
        );
        let not_in_plan = Filter {
            not_in_plan: true,
            ..Filter::default()
        };
        let outcome = searcher.search(&bank, &index, "", &not_in_plan, &|id| id == "t.deco");
        assert_eq!(ids(&bank, &outcome), ["t.gil", "t.copy"]);
    }

    /// Scores every entry from scratch, word by word, as the searcher did before it
    /// remembered anything: the behaviour the incremental search must keep.
    fn reference(bank: &QuestionBank, index: &SearchIndex, query: &str) -> Vec<Hit> {
        let query = query.trim();
        let mut matcher = Matcher::new(Config::DEFAULT);
        let fuzzy = Pattern::new(
            query,
            CaseMatching::Ignore,
            Normalization::Smart,
            AtomKind::Fuzzy,
        );
        let substring = Pattern::new(
            query,
            CaseMatching::Ignore,
            Normalization::Smart,
            AtomKind::Substring,
        );
        let min_fuzzy = (query.chars().filter(|c| !c.is_whitespace()).count() as u32) * 22;
        let mut hits: Vec<Hit> = (0..bank.len())
            .filter_map(|i| {
                if query.is_empty() {
                    return Some(Hit { index: i, score: 0 });
                }
                let a = fuzzy
                    .score(index.short[i].slice(..), &mut matcher)
                    .filter(|s| *s >= min_fuzzy);
                let b = substring.score(index.full[i].slice(..), &mut matcher);
                let score = match (a, b) {
                    (Some(a), Some(b)) => Some(a.max(b) + 32),
                    (a, b) => a.or(b),
                }?;
                Some(Hit { index: i, score })
            })
            .collect();
        if !query.is_empty() {
            hits.sort_by_key(|hit| std::cmp::Reverse(hit.score));
        }
        hits
    }

    fn varied_bank(size: usize, seed: u64) -> QuestionBank {
        let words = [
            "cache",
            "thread",
            "pool",
            "queue",
            "decorator",
            "async",
            "Déjà",
            "vu",
            "naïve",
            "GIL",
            "lock",
            "index",
            "migration",
            "rollback",
            "copy",
            "deep",
            "shallow",
            "retry",
            "idempotent",
            "schema",
        ];
        let mut state = seed | 1;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        let mut questions = String::new();
        for i in 0..size {
            let mut phrase = |count: usize| {
                (0..count)
                    .map(|_| words[next(words.len())])
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            let prompt = phrase(6);
            let point = phrase(8);
            let tag = phrase(1);
            let level = ["Entry", "Intermediate", "Advanced", "Expert"][i % 4];
            questions.push_str(&format!(
                "Question(id: \"q{i}\", category: \"a\", level: {level}, prompt: \"{prompt}?\", listen_for: [\"{point}\"], tags: [\"{tag}\"]),\n"
            ));
        }
        let text = format!(
            "QuestionSet(id: \"v\", title: \"V\", categories: [Category(id: \"a\", title: \"A\")], questions: [{questions}])"
        );
        let (bank, problems) = QuestionBank::load(&[SetSource {
            name: "v.ron".into(),
            origin: SetOrigin::Bundled,
            text,
        }]);
        assert!(problems.is_empty(), "{problems:?}");
        bank
    }

    #[test]
    fn typing_and_deleting_gives_the_same_results_as_searching_from_scratch() {
        let bank = varied_bank(300, 7);
        let index = SearchIndex::build(&bank);
        let mut searcher = Searcher::default();
        let mut queries = Vec::new();
        // Typed a character at a time, then deleted, then retyped differently; a pasted query;
        // upper case and accents; a word that stops matching and matches again.
        for text in [
            "thread pool",
            "decorator cache",
            "Deja vu",
            "déjà",
            "naive GIL",
            "xyz cache",
            "idempotent retry",
        ] {
            let chars: Vec<char> = text.chars().collect();
            for n in 1..=chars.len() {
                queries.push(chars[..n].iter().collect::<String>());
            }
            for n in (0..chars.len()).rev() {
                queries.push(chars[..n].iter().collect::<String>());
            }
        }
        queries.extend([
            "copy deep shallow".to_string(),
            "  cache  ".to_string(),
            "CACHE".to_string(),
            "cache".to_string(),
        ]);
        let mut matched_something = 0;
        for query in &queries {
            let got = searcher.search(&bank, &index, query, &Filter::default(), &|_| false);
            let want = reference(&bank, &index, query);
            if got.hits != want {
                let differences: Vec<_> = got
                    .hits
                    .iter()
                    .zip(&want)
                    .filter(|(a, b)| a != b)
                    .take(3)
                    .collect();
                panic!(
                    "query {query:?}: {} hits instead of {}; first differences {differences:?}",
                    got.hits.len(),
                    want.len()
                );
            }
            // Without filters every facet count tallies the hits.
            let mut levels = BTreeMap::new();
            for hit in &want {
                *levels
                    .entry(bank.entries()[hit.index].question.level)
                    .or_insert(0) += 1;
            }
            assert_eq!(got.level_counts, levels, "level counts for {query:?}");
            assert_eq!(
                got.category_counts.values().sum::<usize>(),
                want.len(),
                "category counts for {query:?}"
            );
            assert_eq!(
                got.set_counts.get(&0).copied().unwrap_or(0),
                want.len(),
                "set counts for {query:?}"
            );
            if !want.is_empty() && want.len() < bank.len() {
                matched_something += 1;
            }
        }
        assert!(
            matched_something > queries.len() / 2,
            "the queries discriminate: {matched_something}"
        );
    }

    #[test]
    fn remembered_matches_are_dropped_when_the_bank_changes() {
        let first = varied_bank(120, 3);
        let second = varied_bank(80, 11);
        let mut searcher = Searcher::default();
        let index = SearchIndex::build(&first);
        searcher.search(&first, &index, "cache", &Filter::default(), &|_| false);
        let index = SearchIndex::build(&second);
        for query in ["cache", "cache p", "cache"] {
            let got = searcher.search(&second, &index, query, &Filter::default(), &|_| false);
            assert_eq!(
                got.hits,
                reference(&second, &index, query),
                "query {query:?}"
            );
        }
    }

    #[test]
    fn highlight_marks_matched_characters() {
        let mut searcher = Searcher::default();
        assert_eq!(searcher.highlight("gil", "The GIL"), vec![4, 5, 6]);
        assert!(searcher.highlight("", "x").is_empty());
    }
}
