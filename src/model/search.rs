//! Finding questions: facet filters and ranked search over a word index.
//!
//! Every distinct word of the bank's prompts, tags and rubric points is kept once, with the
//! questions it appears in. A query word is matched against those words rather than against
//! whole prompts: a bank word matches when it is the query word, starts with it or contains it,
//! and (in prompts and tags, for query words of four or more letters) when nucleo's fuzzy matcher
//! finds the query's letters in order with about a letter missing, so "decrator" still finds
//! "decorator" while letters scattered across a sentence match nothing.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::{AtomicU64, Ordering};

use rustc_hash::FxHashMap;

use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use super::bank::{BankEntry, QuestionBank};
use super::question::Level;

/// Every distinct word of the bank, built once per bank so a keystroke only looks words up.
pub struct SearchIndex {
    /// Folded (lower case, accents removed) distinct words.
    words: Vec<Box<str>>,
    /// For each word, the questions whose prompt or tags contain it, ascending.
    in_prompt: Vec<Vec<u32>>,
    /// For each word, the questions whose rubric points contain it but whose prompt and tags do
    /// not, ascending.
    in_rubric_only: Vec<Vec<u32>>,
    questions: usize,
    /// Tells indexes apart, so a [`Searcher`]'s remembered matches never outlive their bank.
    id: u64,
}

static NEXT_INDEX_ID: AtomicU64 = AtomicU64::new(1);

/// Calls `each` with every word of `text`, folded, and the character position it starts at. A
/// word is a run of letters, digits and underscores (so `__init__` and `asyncio` stay whole);
/// folding maps each character to one character, so positions carry over to the original text.
fn for_each_word(text: &str, buffer: &mut String, mut each: impl FnMut(&str, usize)) {
    if text.is_ascii() {
        return for_each_ascii_word(text, buffer, each);
    }
    buffer.clear();
    let mut start = 0;
    for (position, c) in text.chars().enumerate() {
        if c.is_alphanumeric() || c == '_' {
            if buffer.is_empty() {
                start = position;
            }
            buffer.push(fold(c));
        } else if !buffer.is_empty() {
            each(buffer, start);
            buffer.clear();
        }
    }
    if !buffer.is_empty() {
        each(buffer, start);
        buffer.clear();
    }
}

/// [`for_each_word`] for ASCII text, where a byte is a character: words are handed out as
/// slices of the text unless they hold capitals. Nearly every bank is mostly ASCII, and this is
/// most of the cost of building an index.
fn for_each_ascii_word(text: &str, buffer: &mut String, mut each: impl FnMut(&str, usize)) {
    let bytes = text.as_bytes();
    let mut position = 0;
    while position < bytes.len() {
        let is_word = |b: &u8| b.is_ascii_alphanumeric() || *b == b'_';
        let Some(start) = bytes[position..].iter().position(is_word) else {
            break;
        };
        let start = position + start;
        let end = bytes[start..]
            .iter()
            .position(|b| !is_word(b))
            .map_or(bytes.len(), |n| start + n);
        let word = &text[start..end];
        if word.bytes().any(|b| b.is_ascii_uppercase()) {
            buffer.clear();
            buffer.push_str(word);
            buffer.make_ascii_lowercase();
            each(buffer, start);
        } else {
            each(word, start);
        }
        position = end;
    }
}

fn fold(c: char) -> char {
    // ASCII needs no table lookups, and nearly every character of a bank is ASCII.
    if c.is_ascii() {
        c.to_ascii_lowercase()
    } else {
        nucleo_matcher::chars::to_lower_case(nucleo_matcher::chars::normalize(c))
    }
}

/// The folded words of a query, in order, without repeats.
fn query_words(query: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut buffer = String::new();
    for_each_word(query, &mut buffer, |word, _| {
        if !words.iter().any(|w| w == word) {
            words.push(word.to_string());
        }
    });
    words
}

/// Distinct words with the questions holding them, for part of a bank while an index is built.
#[derive(Default)]
struct PartialIndex {
    /// Word → id (its position in `words`). The hash needs no flooding resistance: the words
    /// come from the user's own question files.
    ids: FxHashMap<Box<str>, u32>,
    words: Vec<Box<str>>,
    in_prompt: Vec<Vec<u32>>,
    in_rubric_only: Vec<Vec<u32>>,
}

impl PartialIndex {
    fn intern(&mut self, word: &str) -> u32 {
        if let Some(id) = self.ids.get(word) {
            return *id;
        }
        self.add(word.into())
    }

    fn add(&mut self, word: Box<str>) -> u32 {
        let id = self.words.len() as u32;
        self.ids.insert(word.clone(), id);
        self.words.push(word);
        self.in_prompt.push(Vec::new());
        self.in_rubric_only.push(Vec::new());
        id
    }

    /// Indexes `entries`, which are the bank's questions from number `first` on.
    fn build(entries: &[BankEntry], first: usize) -> PartialIndex {
        let mut part = PartialIndex::default();
        let mut buffer = String::new();
        // The last question each word was listed for, in each table: a word repeated within
        // a question is listed once without sorting the question's words.
        let mut listed_in_prompt: Vec<u32> = Vec::new();
        let mut listed_in_rubric: Vec<u32> = Vec::new();
        for (i, entry) in entries.iter().enumerate() {
            let number = (first + i) as u32;
            let q = &entry.question;
            for text in std::iter::once(&q.prompt).chain(&q.tags) {
                for_each_word(text, &mut buffer, |w, _| {
                    let id = part.intern(w) as usize;
                    listed_in_prompt.resize(part.words.len(), u32::MAX);
                    if listed_in_prompt[id] != number {
                        listed_in_prompt[id] = number;
                        part.in_prompt[id].push(number);
                    }
                });
            }
            for text in &q.listen_for {
                for_each_word(text, &mut buffer, |w, _| {
                    let id = part.intern(w) as usize;
                    listed_in_prompt.resize(part.words.len(), u32::MAX);
                    listed_in_rubric.resize(part.words.len(), u32::MAX);
                    if listed_in_prompt[id] != number && listed_in_rubric[id] != number {
                        listed_in_rubric[id] = number;
                        part.in_rubric_only[id].push(number);
                    }
                });
            }
        }
        part
    }

    /// Adds a part covering later questions; every list stays ascending.
    fn append(&mut self, later: PartialIndex) {
        let lists = later.in_prompt.into_iter().zip(later.in_rubric_only);
        for (word, (prompt, rubric)) in later.words.into_iter().zip(lists) {
            let id = match self.ids.get(&word) {
                Some(id) => *id,
                None => self.add(word),
            } as usize;
            self.in_prompt[id].extend(prompt);
            self.in_rubric_only[id].extend(rubric);
        }
    }
}

/// Below this many questions an index is built on the calling thread: starting threads would
/// cost more than they save.
const QUESTIONS_PER_THREAD: usize = 2_000;

/// Threads worth starting to index `questions` with `cores` to spare: at least one, and none
/// for fewer than [`QUESTIONS_PER_THREAD`] questions each.
fn threads_for(questions: usize, cores: usize) -> usize {
    cores.min(questions / QUESTIONS_PER_THREAD).max(1)
}

impl SearchIndex {
    /// Indexes the bank, spreading its questions over the available cores.
    pub fn build(bank: &QuestionBank) -> SearchIndex {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        SearchIndex::build_on_threads(bank, threads_for(bank.len(), cores))
    }

    /// [`Self::build`] for a background thread while the window is drawing: one core is left
    /// to the UI thread, whose frames would otherwise slow down while both cores index.
    pub fn build_beside_the_ui(bank: &QuestionBank) -> SearchIndex {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        SearchIndex::build_on_threads(bank, threads_for(bank.len(), cores.saturating_sub(1)))
    }

    fn build_on_threads(bank: &QuestionBank, threads: usize) -> SearchIndex {
        let entries = bank.entries();
        let chunk = entries.len().div_ceil(threads).max(1);
        let parts: Vec<PartialIndex> = if threads == 1 {
            vec![PartialIndex::build(entries, 0)]
        } else {
            std::thread::scope(|scope| {
                let handles: Vec<_> = entries
                    .chunks(chunk)
                    .enumerate()
                    .map(|(n, part)| scope.spawn(move || PartialIndex::build(part, n * chunk)))
                    .collect();
                handles
                    .into_iter()
                    .zip(entries.chunks(chunk).enumerate())
                    // A panicking worker would be a bug; indexing its part here keeps going.
                    .map(|(handle, (n, part))| {
                        handle
                            .join()
                            .unwrap_or_else(|_| PartialIndex::build(part, n * chunk))
                    })
                    .collect()
            })
        };
        let mut parts = parts.into_iter();
        let mut whole = parts.next().unwrap_or_default();
        for part in parts {
            whole.append(part);
        }
        SearchIndex {
            words: whole.words,
            in_prompt: whole.in_prompt,
            in_rubric_only: whole.in_rubric_only,
            questions: bank.len(),
            id: NEXT_INDEX_ID.fetch_add(1, Ordering::Relaxed),
        }
    }

    /// How many questions the index covers.
    pub fn len(&self) -> usize {
        self.questions
    }

    pub fn is_empty(&self) -> bool {
        self.questions == 0
    }

    /// How many distinct words the bank has.
    pub fn word_count(&self) -> usize {
        self.words.len()
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
    /// Only these question ids: the ones question health says need attention. `None`: no
    /// such restriction. The ids are held here, not looked up, so a new health computation
    /// changes the filter and with it the search.
    pub needs_attention: Option<BTreeSet<String>>,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        self.sets.is_empty()
            && self.categories.is_empty()
            && self.levels.is_empty()
            && self.tags.is_empty()
            && !self.not_in_plan
            && self.needs_attention.is_none()
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

/// How a query word matches one word of the bank, weakest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum WordMatch {
    /// The query's letters in order with about a letter missing ("decrator", "decorator").
    Fuzzy,
    /// Inside the word ("thon" in "python").
    Inside,
    /// At the start of the word ("deco" in "decorator").
    Start,
    /// The whole word.
    Whole,
}

impl WordMatch {
    /// What the match adds to a question's score. Matching the prompt or tags ranks above
    /// matching only a rubric point; fuzzy matches count only in prompts and tags, as letters in
    /// order turn up in many words of long rubric text.
    fn score(self, in_prompt: bool) -> u8 {
        let strength = match self {
            WordMatch::Fuzzy => 1,
            WordMatch::Inside => 2,
            WordMatch::Start => 3,
            WordMatch::Whole => 4,
        };
        match (in_prompt, self) {
            (true, _) => strength + 4,
            (false, WordMatch::Fuzzy) => 0,
            (false, _) => strength,
        }
    }
}

/// Shorter query words are not matched fuzzily: three letters in order are found in too many
/// words to mean anything.
const FUZZY_MIN_CHARS: usize = 4;

/// nucleo scores a whole word 25 or more per typed character, one missed letter about 22, and
/// letters spread through a longer word less (measured on the bundled bank).
const FUZZY_MIN_SCORE_PER_CHAR: u32 = 22;

/// Whether `needle`'s characters appear in `word` in order: the condition for any match, and one
/// that holds for every prefix of a needle that has it, which lets typing narrow the last
/// keystroke's candidates instead of looking at every word again.
fn letters_in_order(word: &str, needle: &str) -> bool {
    let mut wanted = needle.chars();
    let mut next = wanted.next();
    for c in word.chars() {
        match next {
            None => return true,
            Some(n) if n == c => next = wanted.next(),
            Some(_) => {}
        }
    }
    next.is_none()
}

/// A query word, prepared for matching against bank words.
struct Needle {
    text: String,
    chars: usize,
    atom: Atom,
}

impl Needle {
    fn new(text: &str) -> Needle {
        Needle {
            text: text.to_string(),
            chars: text.chars().count(),
            // Both sides are folded already.
            atom: Atom::new(
                text,
                CaseMatching::Respect,
                Normalization::Never,
                AtomKind::Fuzzy,
                false,
            ),
        }
    }

    /// How the needle matches a folded bank word whose letters it has in order.
    fn matches(
        &self,
        word: &str,
        matcher: &mut Matcher,
        chars: &mut Vec<char>,
    ) -> Option<WordMatch> {
        if word == self.text {
            return Some(WordMatch::Whole);
        }
        if word.starts_with(&self.text) {
            return Some(WordMatch::Start);
        }
        if word.contains(&self.text) {
            return Some(WordMatch::Inside);
        }
        if self.chars < FUZZY_MIN_CHARS {
            return None;
        }
        let score = self.atom.score(utf32(word, chars), matcher)?;
        (u32::from(score) >= FUZZY_MIN_SCORE_PER_CHAR * self.chars as u32)
            .then_some(WordMatch::Fuzzy)
    }

    /// Character positions in `word` that the needle matches, if it does.
    fn positions(&self, word: &str, matcher: &mut Matcher, chars: &mut Vec<char>) -> Vec<usize> {
        if let Some(byte) = word.find(&self.text) {
            let first = word[..byte].chars().count();
            return (first..first + self.chars).collect();
        }
        if !letters_in_order(word, &self.text)
            || self.matches(word, matcher, chars) != Some(WordMatch::Fuzzy)
        {
            return Vec::new();
        }
        let mut indices = Vec::new();
        self.atom.indices(utf32(word, chars), matcher, &mut indices);
        indices.into_iter().map(|i| i as usize).collect()
    }
}

/// The word as nucleo takes it, a character per position (not a grapheme per position, as
/// `Utf32Str::new` makes it), so match positions are character positions.
fn utf32<'a>(word: &'a str, chars: &'a mut Vec<char>) -> Utf32Str<'a> {
    if word.is_ascii() {
        Utf32Str::Ascii(word.as_bytes())
    } else {
        chars.clear();
        chars.extend(word.chars());
        Utf32Str::Unicode(chars)
    }
}

/// What one query word matches: the bank words and the questions.
struct WordMatches {
    needle: String,
    /// Every bank word holding the needle's letters in order, with how it matches if it does:
    /// the candidates for any longer needle that starts with this one.
    words: Vec<(u32, Option<WordMatch>)>,
    /// Questions matched, ascending, with the best score of any of their words.
    hits: Vec<(u32, u8)>,
    /// The search that last used it, for forgetting the least recently used.
    used: u64,
}

/// How many words' matches a searcher remembers: enough for typing a few words and
/// backspacing through them without matching the whole bank again.
const REMEMBERED_WORDS: usize = 24;

/// Reusable matcher state; keep one per view so a keystroke reuses the work of the last.
///
/// A query's score is the sum of its words' scores, so the searcher remembers each word's
/// matches. Typing one more character only rematches the last word, and only among the bank
/// words its shorter form could match.
pub struct Searcher {
    matcher: Matcher,
    index_id: u64,
    remembered: Vec<WordMatches>,
    /// Counts searches, to tell which words were used recently.
    searches: u64,
    /// Scratch: best score per question while one word's matches are gathered.
    best: Vec<u8>,
    /// Scratch: a non-ASCII word's characters for nucleo.
    chars: Vec<char>,
}

impl Default for Searcher {
    fn default() -> Self {
        Searcher {
            matcher: Matcher::new(Config::DEFAULT),
            index_id: 0,
            remembered: Vec::new(),
            searches: 0,
            best: Vec::new(),
            chars: Vec::new(),
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
        let mut outcome = SearchOutcome::default();
        // The entries to consider with their scores; every entry for a query without words.
        let candidates = self.candidates(index, query);
        // Counted in flat tables first: a map lookup per matching question and facet would
        // cost more than the matching itself when most of a large bank matches.
        let mut category_counts: FxHashMap<&str, usize> = FxHashMap::default();
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
            let pass_attention = filter
                .needs_attention
                .as_ref()
                .is_none_or(|ids| ids.contains(&q.id));
            if !(pass_tags && pass_plan && pass_attention) {
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
        if candidates.is_some() {
            // Stable sort keeps bank order among equal scores.
            outcome.hits.sort_by_key(|hit| std::cmp::Reverse(hit.score));
        }
        outcome
    }

    /// Questions every query word matches, ascending, with the sum of the words' scores; `None`
    /// when the query has no words, which leaves the bank unfiltered.
    fn candidates(&mut self, index: &SearchIndex, query: &str) -> Option<Vec<(u32, u32)>> {
        let needles = query_words(query);
        if needles.is_empty() {
            return None;
        }
        if self.index_id != index.id {
            self.remembered.clear();
            self.index_id = index.id;
        }
        self.searches += 1;
        let positions: Vec<usize> = needles
            .iter()
            .map(|needle| self.word(index, needle))
            .collect();
        let matched = self.all_words(&positions);
        self.forget_old_words();
        Some(matched)
    }

    /// Position in `self.remembered` of one query word's matches, matching it now if it is new.
    /// Positions stay valid for the rest of the search (nothing is removed or reordered until it
    /// ends).
    fn word(&mut self, index: &SearchIndex, needle: &str) -> usize {
        if let Some(position) = self.remembered.iter().position(|w| w.needle == needle) {
            self.remembered[position].used = self.searches;
            return position;
        }
        let prepared = Needle::new(needle);
        // Only bank words holding a prefix's letters in order can hold the whole needle's.
        let prefix = self
            .remembered
            .iter()
            .filter(|w| needle.starts_with(&w.needle))
            .max_by_key(|w| w.needle.len());
        let (matcher, chars) = (&mut self.matcher, &mut self.chars);
        let mut consider = |id: u32| {
            let word = index.words.get(id as usize)?;
            letters_in_order(word, needle).then(|| (id, prepared.matches(word, matcher, chars)))
        };
        let words: Vec<(u32, Option<WordMatch>)> = match prefix {
            Some(prefix) => prefix
                .words
                .iter()
                .filter_map(|&(id, _)| consider(id))
                .collect(),
            None => (0..index.words.len() as u32).filter_map(consider).collect(),
        };
        let hits = self.questions_of(index, &words);
        self.remembered.push(WordMatches {
            needle: needle.to_string(),
            words,
            hits,
            used: self.searches,
        });
        self.remembered.len() - 1
    }

    /// The questions holding any of the matched bank words, ascending, each with its best score.
    fn questions_of(
        &mut self,
        index: &SearchIndex,
        words: &[(u32, Option<WordMatch>)],
    ) -> Vec<(u32, u8)> {
        self.best.clear();
        self.best.resize(index.questions, 0);
        let best = &mut self.best;
        let mut raise = |questions: &[u32], score: u8| {
            for &q in questions {
                if let Some(slot) = best.get_mut(q as usize) {
                    *slot = (*slot).max(score);
                }
            }
        };
        for &(id, how) in words {
            let Some(how) = how else { continue };
            let id = id as usize;
            if let Some(questions) = index.in_prompt.get(id) {
                raise(questions, how.score(true));
            }
            let rubric_score = how.score(false);
            if rubric_score > 0 {
                if let Some(questions) = index.in_rubric_only.get(id) {
                    raise(questions, rubric_score);
                }
            }
        }
        self.best
            .iter()
            .enumerate()
            .filter(|(_, score)| **score > 0)
            .map(|(q, score)| (q as u32, *score))
            .collect()
    }

    /// Questions every word matches, ascending, with the sum of the words' scores.
    fn all_words(&self, positions: &[usize]) -> Vec<(u32, u32)> {
        let Some((first, rest)) = positions.split_first() else {
            return Vec::new();
        };
        let mut result: Vec<(u32, u32)> = self.remembered[*first]
            .hits
            .iter()
            .map(|&(i, s)| (i, u32::from(s)))
            .collect();
        for position in rest {
            let other = &self.remembered[*position].hits;
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
        if self.remembered.len() > REMEMBERED_WORDS {
            self.remembered.sort_by_key(|w| std::cmp::Reverse(w.used));
            self.remembered.truncate(REMEMBERED_WORDS);
        }
    }

    /// Character positions in `text` that the query's words match, for highlighting a visible
    /// row, ascending.
    pub fn highlight(&mut self, query: &str, text: &str) -> Vec<usize> {
        let needles: Vec<Needle> = query_words(query).iter().map(|w| Needle::new(w)).collect();
        if needles.is_empty() {
            return Vec::new();
        }
        let mut marked = Vec::new();
        let mut buffer = String::new();
        let (matcher, chars) = (&mut self.matcher, &mut self.chars);
        for_each_word(text, &mut buffer, |word, start| {
            for needle in &needles {
                marked.extend(
                    needle
                        .positions(word, matcher, chars)
                        .into_iter()
                        .map(|p| start + p),
                );
            }
        });
        marked.sort_unstable();
        marked.dedup();
        marked
    }
}

/// A three-question bank shared by the search tests here and the search worker's.
#[cfg(test)]
pub(crate) mod test_support {
    use super::super::bank::QuestionBank;
    use crate::model::load::{SetOrigin, SetSource};

    pub fn three_question_bank() -> QuestionBank {
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load::{SetOrigin, SetSource};

    fn bank() -> QuestionBank {
        test_support::three_question_bank()
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
        let punctuation = searcher.search(&bank, &index, " ?! ", &Filter::default(), &none);
        assert_eq!(
            ids(&bank, &punctuation),
            ["t.deco", "t.gil", "t.copy"],
            "a query without words filters nothing"
        );
        let inside = searcher.search(&bank, &index, "pcop", &Filter::default(), &none);
        assert_eq!(
            ids(&bank, &inside),
            ["t.copy"],
            "a word inside another word (deepcopy) matches"
        );
        let scattered = searcher.search(&bank, &index, "whatdoes", &Filter::default(), &none);
        assert!(
            scattered.hits.is_empty(),
            "letters spread over several prompt words are no match"
        );
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
        let attention = Filter {
            needs_attention: Some(["t.copy".to_string(), "gone".to_string()].into()),
            ..Filter::default()
        };
        assert!(!attention.is_empty());
        let outcome = searcher.search(&bank, &index, "", &attention, &|_| false);
        assert_eq!(ids(&bank, &outcome), ["t.copy"]);
    }

    /// Scores every question from scratch by reading its text word by word, without the index
    /// or anything remembered: the behaviour the indexed, incremental search must keep.
    fn reference(bank: &QuestionBank, query: &str) -> Vec<Hit> {
        let needles: Vec<Needle> = query_words(query).iter().map(|w| Needle::new(w)).collect();
        let mut matcher = Matcher::new(Config::DEFAULT);
        let mut chars = Vec::new();
        let mut buffer = String::new();
        let mut hits: Vec<Hit> = Vec::new();
        for (i, entry) in bank.entries().iter().enumerate() {
            let q = &entry.question;
            let mut total = 0u32;
            let mut all = true;
            for needle in &needles {
                let mut best = 0u8;
                let prompt = std::iter::once(&q.prompt).chain(&q.tags).map(|t| (t, true));
                let rubric = q.listen_for.iter().map(|t| (t, false));
                for (text, in_prompt) in prompt.chain(rubric) {
                    for_each_word(text, &mut buffer, |word, _| {
                        if letters_in_order(word, &needle.text) {
                            if let Some(how) = needle.matches(word, &mut matcher, &mut chars) {
                                best = best.max(how.score(in_prompt));
                            }
                        }
                    });
                }
                all &= best > 0;
                total += u32::from(best);
            }
            if all {
                hits.push(Hit {
                    index: i,
                    score: total,
                });
            }
        }
        if !needles.is_empty() {
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
            let want = reference(&bank, query);
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
    fn an_index_built_on_several_threads_equals_one_built_on_one() {
        let bank = varied_bank(1_000, 5);
        let one = SearchIndex::build_on_threads(&bank, 1);
        let postings = |index: &SearchIndex| -> BTreeMap<String, (Vec<u32>, Vec<u32>)> {
            index
                .words
                .iter()
                .enumerate()
                .map(|(i, w)| {
                    let lists = (index.in_prompt[i].clone(), index.in_rubric_only[i].clone());
                    (w.to_string(), lists)
                })
                .collect()
        };
        let expected = postings(&one);
        assert!(expected.len() > 10, "the bank has many words");
        for threads in [2, 3, 7] {
            let several = SearchIndex::build_on_threads(&bank, threads);
            assert_eq!(several.len(), bank.len());
            assert_eq!(postings(&several), expected, "{threads} threads");
        }
    }

    #[test]
    fn indexing_threads_follow_the_bank_size_and_the_cores_left() {
        assert_eq!(
            threads_for(1_000, 8),
            1,
            "a small bank is indexed on the calling thread"
        );
        assert_eq!(threads_for(10_000, 2), 2);
        assert_eq!(
            threads_for(10_000, 1),
            1,
            "beside the UI on two cores: one thread"
        );
        assert_eq!(threads_for(10_000, 0), 1, "never none");
        assert_eq!(threads_for(100_000, 8), 8);
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
            assert_eq!(got.hits, reference(&second, query), "query {query:?}");
        }
    }

    #[test]
    fn highlight_marks_matched_characters() {
        let mut searcher = Searcher::default();
        assert_eq!(searcher.highlight("gil", "The GIL"), vec![4, 5, 6]);
        assert!(searcher.highlight("", "x").is_empty());
        assert_eq!(
            searcher.highlight("deja", "Déjà vu"),
            vec![0, 1, 2, 3],
            "accents fold"
        );
        assert_eq!(
            searcher.highlight("decrator", "A decorator"),
            vec![2, 3, 4, 6, 7, 8, 9, 10],
            "a fuzzy match marks the letters it found"
        );
        assert!(
            searcher.highlight("thread", "The reader adds").is_empty(),
            "letters spread over several words are no match"
        );
    }
}
