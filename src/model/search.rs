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
use super::question::{Level, Question};

/// Every distinct word of the bank, built once per bank so a keystroke only looks words up.
pub struct SearchIndex {
    /// Folded (lower case, accents removed) distinct words.
    words: Vec<Box<str>>,
    /// For each word, the questions whose prompt or tags contain it.
    in_prompt: Vec<Postings>,
    /// For each word, the questions whose rubric points contain it but whose prompt and tags do
    /// not.
    in_rubric_only: Vec<Postings>,
    questions: usize,
    /// Each question's set, category and level, packed: counting facets reads these instead of
    /// the questions themselves, whose text is scattered over the heap.
    facets: Vec<QuestionFacets>,
    /// The bank's distinct categories; [`QuestionFacets::category`] is a position in it.
    categories: Vec<Box<str>>,
    /// Each question's characters: a one-character query word (the first keystroke of every
    /// search) matches most of a bank's words, and these answer it without the postings.
    characters: Vec<QuestionCharacters>,
    /// For each character of [`character_bit`], each question's score for that character as
    /// a one-character query word, one byte per question, small enough to stay in the
    /// processor's cache. Worked out from `characters` the first time the character is
    /// searched for (a fraction of a millisecond), not while the index is built.
    character_scores: CharacterScores,
    /// Tells indexes apart, so a [`Searcher`]'s remembered matches never outlive their bank.
    id: u64,
}

/// How many characters [`character_bit`] numbers.
const INDEXED_CHARACTERS: usize = 37;

/// The characters a one-character query word is answered for from [`QuestionCharacters`]:
/// ASCII letters (folded to lower case), digits and the underscore, one bit each. Any other
/// character goes through the word index like a longer query word.
fn character_bit(c: char) -> Option<u64> {
    let position = match c {
        'a'..='z' => c as u32 - 'a' as u32,
        '0'..='9' => 26 + (c as u32 - '0' as u32),
        '_' => 36,
        _ => return None,
    };
    Some(1 << position)
}

/// One column per indexed character: each question's score for that character alone.
struct CharacterScores([std::sync::OnceLock<Vec<u8>>; INDEXED_CHARACTERS]);

impl Default for CharacterScores {
    fn default() -> Self {
        CharacterScores(std::array::from_fn(|_| std::sync::OnceLock::new()))
    }
}

/// For one word, or the union over some words: the characters they are (one-character
/// words), start with, and hold anywhere. Each set includes the one before it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct CharacterSets {
    whole: u64,
    first: u64,
    anywhere: u64,
}

impl CharacterSets {
    fn of_word(word: &str) -> CharacterSets {
        let mut sets = CharacterSets::default();
        let mut chars = word.chars();
        if let Some(first) = chars.next().and_then(character_bit) {
            sets.first = first;
            if chars.next().is_none() {
                sets.whole = first;
            }
        }
        sets.anywhere = word
            .chars()
            .filter_map(character_bit)
            .fold(0, |all, bit| all | bit);
        sets
    }

    fn add(&mut self, other: CharacterSets) {
        self.whole |= other.whole;
        self.first |= other.first;
        self.anywhere |= other.anywhere;
    }

    /// How a one-character query word with `bit` matches the best of these words.
    fn best_match(&self, bit: u64) -> Option<WordMatch> {
        if self.whole & bit != 0 {
            Some(WordMatch::Whole)
        } else if self.first & bit != 0 {
            Some(WordMatch::Start)
        } else if self.anywhere & bit != 0 {
            Some(WordMatch::Inside)
        } else {
            None
        }
    }
}

/// The characters of one question's words: those of its prompt and tags, and those of its
/// rubric points.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct QuestionCharacters {
    prompt: CharacterSets,
    rubric: CharacterSets,
}

impl QuestionCharacters {
    /// The question's score for a one-character query word with `bit`, as the word index
    /// would give it: its best word, a prompt or tag match ranking above a rubric one.
    fn score(&self, bit: u64) -> u8 {
        let prompt = self.prompt.best_match(bit).map(|how| how.score(true));
        let rubric = self.rubric.best_match(bit).map(|how| how.score(false));
        prompt.max(rubric).unwrap_or(0)
    }
}

/// The questions holding one word: a list, or for a word in more than one question in 32 a
/// bitmap, which is then no larger and is merged 64 questions at a time.
enum Postings {
    List(Vec<u32>),
    Bitmap(Vec<u64>),
}

impl Postings {
    fn of(list: Vec<u32>, questions: usize) -> Postings {
        if list.len() <= questions / 32 {
            return Postings::List(list);
        }
        let mut bitmap = vec![0u64; questions.div_ceil(64)];
        for q in list {
            if let Some(block) = bitmap.get_mut(q as usize / 64) {
                *block |= 1 << (q % 64);
            }
        }
        Postings::Bitmap(bitmap)
    }

    /// Marks these questions in `marks`, a bitmap over the bank.
    fn mark(&self, marks: &mut [u64]) {
        match self {
            Postings::List(list) => {
                for &q in list {
                    if let Some(block) = marks.get_mut(q as usize / 64) {
                        *block |= 1 << (q % 64);
                    }
                }
            }
            Postings::Bitmap(bitmap) => {
                for (mark, block) in marks.iter_mut().zip(bitmap) {
                    *mark |= block;
                }
            }
        }
    }

    /// The questions, ascending.
    #[cfg(test)]
    fn questions(&self) -> Vec<u32> {
        match self {
            Postings::List(list) => list.clone(),
            Postings::Bitmap(bitmap) => (0..bitmap.len() as u32 * 64)
                .filter(|q| bitmap[*q as usize / 64] & (1 << (q % 64)) != 0)
                .collect(),
        }
    }
}

/// One question's facets, as positions.
#[derive(Clone, Copy, Debug)]
struct QuestionFacets {
    set: u32,
    category: u32,
    level: u8,
}

/// Each question's facets and the distinct category names they point into.
fn facet_table(bank: &QuestionBank) -> (Vec<QuestionFacets>, Vec<Box<str>>) {
    let mut ids: FxHashMap<&str, u32> = FxHashMap::default();
    let mut categories: Vec<Box<str>> = Vec::new();
    let facets = bank
        .entries()
        .iter()
        .map(|entry| {
            let q = &entry.question;
            let category = *ids.entry(q.category.as_str()).or_insert_with(|| {
                categories.push(q.category.as_str().into());
                (categories.len() - 1) as u32
            });
            QuestionFacets {
                set: entry.set as u32,
                category,
                level: q.level.rank() as u8,
            }
        })
        .collect();
    (facets, categories)
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
        let Some(start) = bytes[position..]
            .iter()
            .position(|b| ASCII_CLASS[usize::from(*b)] != NOT_WORD)
        else {
            break;
        };
        let start = position + start;
        // One pass to the word's end, noting capitals on the way.
        let mut end = start;
        let mut capitals = false;
        while let Some(&b) = bytes.get(end) {
            match ASCII_CLASS[usize::from(b)] {
                NOT_WORD => break,
                CAPITAL => capitals = true,
                _ => {}
            }
            end += 1;
        }
        let word = &text[start..end];
        if capitals {
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

const NOT_WORD: u8 = 0;
const WORD: u8 = 1;
const CAPITAL: u8 = 2;

/// What each byte of ASCII text is to [`for_each_ascii_word`]: one table lookup per byte
/// instead of range tests, as scanning words is most of building an index.
const ASCII_CLASS: [u8; 256] = {
    let mut class = [NOT_WORD; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        class[b] = if byte.is_ascii_uppercase() {
            CAPITAL
        } else if byte.is_ascii_alphanumeric() || byte == b'_' {
            WORD
        } else {
            NOT_WORD
        };
        b += 1;
    }
    class
};

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
    /// Each word's characters, by id.
    word_characters: Vec<CharacterSets>,
    /// Each question's characters, in question order from the part's first question.
    characters: Vec<QuestionCharacters>,
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
        self.word_characters.push(CharacterSets::of_word(&word));
        self.words.push(word);
        self.in_prompt.push(Vec::new());
        self.in_rubric_only.push(Vec::new());
        id
    }

    /// Indexes `entries`, which are the bank's questions from number `first` on.
    fn build(entries: &[BankEntry], first: usize) -> PartialIndex {
        PartialIndex::of_questions(entries.iter().map(|e| &e.question), first)
    }

    /// Indexes `questions`, which are the bank's questions from number `first` on.
    fn of_questions<'q>(
        questions: impl Iterator<Item = &'q Question>,
        first: usize,
    ) -> PartialIndex {
        let mut part = PartialIndex::default();
        let mut buffer = String::new();
        // The last question each word was listed for, in each table: a word repeated within
        // a question is listed once without sorting the question's words.
        let mut listed_in_prompt: Vec<u32> = Vec::new();
        let mut listed_in_rubric: Vec<u32> = Vec::new();
        for (i, q) in questions.enumerate() {
            let number = (first + i) as u32;
            let mut characters = QuestionCharacters::default();
            for text in std::iter::once(&q.prompt).chain(&q.tags) {
                for_each_word(text, &mut buffer, |w, _| {
                    let id = part.intern(w) as usize;
                    characters.prompt.add(part.word_characters[id]);
                    if id >= listed_in_prompt.len() {
                        listed_in_prompt.resize(part.words.len(), u32::MAX);
                    }
                    if listed_in_prompt[id] != number {
                        listed_in_prompt[id] = number;
                        part.in_prompt[id].push(number);
                    }
                });
            }
            for text in &q.listen_for {
                for_each_word(text, &mut buffer, |w, _| {
                    let id = part.intern(w) as usize;
                    characters.rubric.add(part.word_characters[id]);
                    if id >= listed_in_rubric.len() {
                        listed_in_prompt.resize(part.words.len(), u32::MAX);
                        listed_in_rubric.resize(part.words.len(), u32::MAX);
                    }
                    if listed_in_prompt[id] != number && listed_in_rubric[id] != number {
                        listed_in_rubric[id] = number;
                        part.in_rubric_only[id].push(number);
                    }
                });
            }
            part.characters.push(characters);
        }
        part
    }

    /// Adds a part covering later questions; every list stays ascending.
    fn append(&mut self, later: PartialIndex) {
        self.append_from(later, 0);
    }

    /// Adds a part whose question numbers start at 0 for the question numbered `offset` here.
    fn append_from(&mut self, later: PartialIndex, offset: u32) {
        let lists = later.in_prompt.into_iter().zip(later.in_rubric_only);
        for (word, (prompt, rubric)) in later.words.into_iter().zip(lists) {
            let id = match self.ids.get(&word) {
                Some(id) => *id,
                None => self.add(word),
            } as usize;
            self.in_prompt[id].extend(prompt.into_iter().map(|q| q + offset));
            self.in_rubric_only[id].extend(rubric.into_iter().map(|q| q + offset));
        }
        self.characters.extend(later.characters);
    }
}

/// The words of one set's questions, indexed right after the set is read, while its text is
/// still in the processor's cache: indexing a large bank afterwards reads every question again
/// from memory. See [`SearchIndex::from_sets`].
pub struct SetIndex(PartialIndex);

impl SetIndex {
    pub fn of(questions: &[Question]) -> SetIndex {
        SetIndex(PartialIndex::of_questions(questions.iter(), 0))
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
        SearchIndex::finish(bank, whole)
    }

    /// The index of a bank whose sets were indexed one by one as they were read
    /// ([`SetIndex::of`]), each set's questions being the bank's next ones, in order. `None`
    /// if they do not add up to the bank (the caller then indexes the bank itself).
    pub fn from_sets(bank: &QuestionBank, sets: Vec<SetIndex>) -> Option<SearchIndex> {
        let total: usize = sets.iter().map(|s| s.0.characters.len()).sum();
        if total != bank.len() {
            return None;
        }
        let mut whole = PartialIndex::default();
        let mut offset = 0u32;
        for set in sets {
            let count = set.0.characters.len() as u32;
            whole.append_from(set.0, offset);
            offset += count;
        }
        Some(SearchIndex::finish(bank, whole))
    }

    fn finish(bank: &QuestionBank, whole: PartialIndex) -> SearchIndex {
        let (facets, categories) = facet_table(bank);
        let questions = bank.len();
        let postings = |lists: Vec<Vec<u32>>| -> Vec<Postings> {
            lists
                .into_iter()
                .map(|list| Postings::of(list, questions))
                .collect()
        };
        SearchIndex {
            words: whole.words,
            in_prompt: postings(whole.in_prompt),
            in_rubric_only: postings(whole.in_rubric_only),
            questions: bank.len(),
            facets,
            categories,
            characters: whole.characters,
            character_scores: CharacterScores::default(),
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
    /// Index into [`QuestionBank::entries`], in 32 bits: a result list of 100,000 hits is
    /// written on every keystroke, and half the bytes are half the time.
    question: u32,
    pub score: u32,
}

impl Hit {
    pub fn new(index: usize, score: u32) -> Hit {
        Hit {
            question: u32::try_from(index).unwrap_or(u32::MAX),
            score,
        }
    }

    /// Index into [`QuestionBank::entries`].
    pub fn index(&self) -> usize {
        self.question as usize
    }
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

/// Filters one search's matches and counts each facet's values; see [`Searcher::search`].
///
/// Facets are compared and counted by position in flat tables: looking at each matching
/// question's text would cost more than the matching itself when most of a large bank
/// matches. Tags, the plan and the attention list are rarer filters and read the question.
struct Tally<'a> {
    bank: &'a QuestionBank,
    index: &'a SearchIndex,
    filter: &'a Filter,
    in_plan: &'a dyn Fn(&str) -> bool,
    reads_question: bool,
    /// No filter is set: every match is a result.
    filters_nothing: bool,
    set_allowed: Vec<bool>,
    category_allowed: Vec<bool>,
    level_allowed: [bool; Level::ALL.len()],
    category_counts: Vec<usize>,
    level_counts: [usize; Level::ALL.len()],
    set_counts: Vec<usize>,
    /// How many matches pass every filter.
    passing: usize,
    /// How many passing matches have each score.
    score_counts: Vec<usize>,
}

impl Tally<'_> {
    /// Counts a match towards the facets it would add to and, if it passes every filter,
    /// towards the hits of its score.
    #[inline(always)]
    fn count(&mut self, i: usize, score: u32) {
        let Some((set, category, level)) = self.facets_of(i) else {
            return;
        };
        if self.filters_nothing {
            // Every facet value counts and every match is a result.
            for (counts, at) in [
                (&mut self.category_counts[..], category),
                (&mut self.level_counts[..], level),
                (&mut self.set_counts[..], set),
            ] {
                if let Some(count) = counts.get_mut(at) {
                    *count += 1;
                }
            }
            self.count_result(score);
            return;
        }
        let pass_set = self.set_allowed.get(set).copied().unwrap_or(false);
        let pass_category = self
            .category_allowed
            .get(category)
            .copied()
            .unwrap_or(false);
        let pass_level = self.level_allowed.get(level).copied().unwrap_or(false);
        if pass_set && pass_level {
            if let Some(count) = self.category_counts.get_mut(category) {
                *count += 1;
            }
        }
        if pass_set && pass_category {
            if let Some(count) = self.level_counts.get_mut(level) {
                *count += 1;
            }
        }
        if pass_category && pass_level {
            if let Some(count) = self.set_counts.get_mut(set) {
                *count += 1;
            }
        }
        if pass_set && pass_category && pass_level {
            self.count_result(score);
        }
    }

    #[inline(always)]
    fn count_result(&mut self, score: u32) {
        self.passing += 1;
        let score = score as usize;
        if score >= self.score_counts.len() {
            self.score_counts.resize(score + 1, 0);
        }
        self.score_counts[score] += 1;
    }

    /// Whether a match passes every filter: one of the results.
    #[inline(always)]
    fn passes(&self, i: usize) -> bool {
        if self.filters_nothing {
            return i < self.index.facets.len();
        }
        self.facets_of(i).is_some_and(|(set, category, level)| {
            self.set_allowed.get(set).copied().unwrap_or(false)
                && self
                    .category_allowed
                    .get(category)
                    .copied()
                    .unwrap_or(false)
                && self.level_allowed.get(level).copied().unwrap_or(false)
        })
    }

    /// The question's set, category and level positions, if it passes the filters that read
    /// the question (tags, plan, attention); those are not facets and count nowhere.
    #[inline(always)]
    fn facets_of(&self, i: usize) -> Option<(usize, usize, usize)> {
        let facets = self.index.facets.get(i)?;
        if self.reads_question && !self.passes_question_filters(i) {
            return None;
        }
        Some((
            facets.set as usize,
            facets.category as usize,
            usize::from(facets.level),
        ))
    }

    /// The filters that read the question itself: tags, not in the plan, needs attention.
    fn passes_question_filters(&self, i: usize) -> bool {
        let Some(entry) = self.bank.entries().get(i) else {
            return false;
        };
        let q = &entry.question;
        let filter = self.filter;
        let pass_tags = filter.tags.is_empty() || q.tags.iter().any(|t| filter.tags.contains(t));
        let pass_plan = !filter.not_in_plan || !(self.in_plan)(&q.id);
        let pass_attention = filter
            .needs_attention
            .as_ref()
            .is_none_or(|ids| ids.contains(&q.id));
        pass_tags && pass_plan && pass_attention
    }
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
    /// The most one word can add to a question's score: a whole word in the prompt.
    const HIGHEST_SCORE: u8 = WordMatch::Whole.score(true);

    const fn score(self, in_prompt: bool) -> u8 {
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

/// The character bit of a one-character query word that [`QuestionCharacters`] answers.
fn single_character_bit(needle: &str) -> Option<u64> {
    let mut chars = needle.chars();
    let only = chars.next()?;
    chars
        .next()
        .is_none()
        .then(|| character_bit(only))
        .flatten()
}

/// The questions holding a word with the character `bit`, ascending, each with its best score.
fn questions_with_character(index: &SearchIndex, bit: u64) -> Vec<(u32, u8)> {
    let Some(column) = index.character_scores.0.get(bit.trailing_zeros() as usize) else {
        return Vec::new();
    };
    let column = column.get_or_init(|| index.characters.iter().map(|c| c.score(bit)).collect());
    column
        .iter()
        .enumerate()
        .filter(|(_, score)| **score > 0)
        .map(|(q, score)| (q as u32, *score))
        .collect()
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
    /// the candidates for any longer needle that starts with this one. `None` for a
    /// one-character needle answered from the questions' characters, which lists no words.
    words: Option<Vec<(u32, Option<WordMatch>)>>,
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
    /// Scratch: for each score, a bitmap of the questions one word's matches give it.
    levels: Vec<Vec<u64>>,
    /// Scratch: a non-ASCII word's characters for nucleo.
    chars: Vec<char>,
    /// Scratch: the questions every word of a query of several words matches, with their
    /// summed scores. Kept between searches: on a large bank it is megabytes, and fresh
    /// memory of that size costs a page fault per 4 KB.
    matched: Vec<(u32, u32)>,
}

/// The matches of [`Matches`], as (question, score).
enum MatchIter<'a> {
    Everything(std::ops::Range<usize>),
    OneWord(std::slice::Iter<'a, (u32, u8)>),
    Several(std::slice::Iter<'a, (u32, u32)>),
}

impl Iterator for MatchIter<'_> {
    type Item = (usize, u32);

    #[inline(always)]
    fn next(&mut self) -> Option<(usize, u32)> {
        match self {
            MatchIter::Everything(range) => range.next().map(|i| (i, 0)),
            MatchIter::OneWord(hits) => hits.next().map(|&(i, s)| (i as usize, u32::from(s))),
            MatchIter::Several(hits) => hits.next().map(|&(i, s)| (i as usize, s)),
        }
    }
}

/// Where a search's matches are.
enum Matches {
    /// A query without words: every question, in bank order, without a score.
    Everything,
    /// A query of one word: that word's matches at this position in `Searcher::remembered`.
    OneWord(usize),
    /// A query of several words: `Searcher::matched`.
    Several,
}

impl Default for Searcher {
    fn default() -> Self {
        Searcher {
            matcher: Matcher::new(Config::DEFAULT),
            index_id: 0,
            remembered: Vec::new(),
            searches: 0,
            levels: Vec::new(),
            chars: Vec::new(),
            matched: Vec::new(),
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
        let matches = self.find_matches(index, query);
        let questions = index.facets.len().min(bank.len());
        let mut tally = Tally {
            bank,
            index,
            filter,
            in_plan,
            reads_question: !filter.tags.is_empty()
                || filter.not_in_plan
                || filter.needs_attention.is_some(),
            filters_nothing: filter.is_empty(),
            set_allowed: (0..bank.sets().len())
                .map(|s| filter.sets.is_empty() || filter.sets.contains(&s))
                .collect(),
            category_allowed: index
                .categories
                .iter()
                .map(|c| filter.categories.is_empty() || filter.categories.contains(&**c))
                .collect(),
            level_allowed: Level::ALL
                .map(|level| filter.levels.is_empty() || filter.levels.contains(&level)),
            category_counts: vec![0; index.categories.len()],
            level_counts: [0; Level::ALL.len()],
            set_counts: vec![0; bank.sets().len()],
            passing: 0,
            score_counts: Vec::new(),
        };
        // Two passes over the matches: the first counts (facets, and hits per score), the
        // second writes each passing hit straight into its place in the results, highest
        // scores first and bank order among equals. On a large bank nearly every question
        // matches a short query, and writing 100,000 hits once costs less than writing them,
        // reading them back and sorting them.
        for (i, score) in self.each_match(&matches, questions) {
            tally.count(i, score);
        }
        outcome.hits = match matches {
            Matches::Everything => {
                let mut hits = Vec::with_capacity(tally.passing);
                for (i, score) in self.each_match(&matches, questions) {
                    if tally.passes(i) {
                        hits.push(Hit::new(i, score));
                    }
                }
                hits
            }
            Matches::OneWord(_) | Matches::Several => {
                // starts[s]: where the next hit of score s goes, the highest scores first.
                let mut starts = vec![0usize; tally.score_counts.len()];
                let mut next = 0;
                for (score, count) in tally.score_counts.iter().enumerate().rev() {
                    starts[score] = next;
                    next += count;
                }
                let mut sorted = vec![Hit::new(0, 0); tally.passing];
                for (i, score) in self.each_match(&matches, questions) {
                    // A passing hit's score was counted, so its slot exists and is within
                    // `sorted`.
                    if tally.passes(i)
                        && let Some(slot) = starts.get_mut(score as usize)
                        && let Some(place) = sorted.get_mut(*slot)
                    {
                        *place = Hit::new(i, score);
                        *slot += 1;
                    }
                }
                sorted
            }
        };
        let Tally {
            category_counts,
            level_counts,
            set_counts,
            ..
        } = tally;
        outcome.category_counts = index
            .categories
            .iter()
            .zip(category_counts)
            .filter(|(_, n)| *n > 0)
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
        outcome
    }

    /// Finds the questions every query word matches, with the sum of the words' scores.
    /// Positions in `self.remembered` stay valid until the next call.
    fn find_matches(&mut self, index: &SearchIndex, query: &str) -> Matches {
        let needles = query_words(query);
        if needles.is_empty() {
            return Matches::Everything;
        }
        if self.index_id != index.id {
            self.remembered.clear();
            self.index_id = index.id;
        }
        self.forget_old_words();
        self.searches += 1;
        let positions: Vec<usize> = needles
            .iter()
            .map(|needle| self.word(index, needle))
            .collect();
        if let [only] = positions[..] {
            return Matches::OneWord(only);
        }
        let mut matched = std::mem::take(&mut self.matched);
        self.all_words(&positions, &mut matched);
        self.matched = matched;
        Matches::Several
    }

    /// Every match's question and score, ascending by question.
    fn each_match(&self, matches: &Matches, questions: usize) -> MatchIter<'_> {
        match matches {
            Matches::Everything => MatchIter::Everything(0..questions),
            Matches::OneWord(position) => MatchIter::OneWord(
                self.remembered
                    .get(*position)
                    .map_or(&[][..], |word| &word.hits[..])
                    .iter(),
            ),
            Matches::Several => MatchIter::Several(self.matched.iter()),
        }
    }

    /// Position in `self.remembered` of one query word's matches, matching it now if it is new.
    /// Positions stay valid for the rest of the search (nothing is removed or reordered until it
    /// ends).
    fn word(&mut self, index: &SearchIndex, needle: &str) -> usize {
        if let Some(position) = self.remembered.iter().position(|w| w.needle == needle) {
            self.remembered[position].used = self.searches;
            return position;
        }
        let (words, hits) = match single_character_bit(needle) {
            Some(bit) => (None, questions_with_character(index, bit)),
            None => {
                let words = self.matching_words(index, needle);
                let hits = self.questions_of(index, &words);
                (Some(words), hits)
            }
        };
        self.remembered.push(WordMatches {
            needle: needle.to_string(),
            words,
            hits,
            used: self.searches,
        });
        self.remembered.len() - 1
    }

    /// Every bank word holding `needle`'s letters in order, with how it matches if it does.
    fn matching_words(
        &mut self,
        index: &SearchIndex,
        needle: &str,
    ) -> Vec<(u32, Option<WordMatch>)> {
        let prepared = Needle::new(needle);
        // Only bank words holding a prefix's letters in order can hold the whole needle's.
        let prefix = self
            .remembered
            .iter()
            .filter_map(|w| Some((&w.needle, w.words.as_ref()?)))
            .filter(|(shorter, _)| needle.starts_with(shorter.as_str()))
            .max_by_key(|(shorter, _)| shorter.len());
        let (matcher, chars) = (&mut self.matcher, &mut self.chars);
        let mut consider = |id: u32| {
            let word = index.words.get(id as usize)?;
            letters_in_order(word, needle).then(|| (id, prepared.matches(word, matcher, chars)))
        };
        match prefix {
            Some((_, words)) => words.iter().filter_map(|&(id, _)| consider(id)).collect(),
            None => (0..index.words.len() as u32).filter_map(consider).collect(),
        }
    }

    /// The questions holding any of the matched bank words, ascending, each with its best score.
    fn questions_of(
        &mut self,
        index: &SearchIndex,
        words: &[(u32, Option<WordMatch>)],
    ) -> Vec<(u32, u8)> {
        // One bitmap over the bank per score a word can give; a question's score is the
        // highest whose bitmap holds it.
        let blocks = index.questions.div_ceil(64);
        let levels = &mut self.levels;
        levels.resize_with(usize::from(WordMatch::HIGHEST_SCORE) + 1, Vec::new);
        for level in levels.iter_mut() {
            level.clear();
            level.resize(blocks, 0);
        }
        for &(id, how) in words {
            let Some(how) = how else { continue };
            let id = id as usize;
            if let (Some(questions), Some(level)) = (
                index.in_prompt.get(id),
                levels.get_mut(usize::from(how.score(true))),
            ) {
                questions.mark(level);
            }
            let rubric_score = how.score(false);
            if rubric_score > 0 {
                if let (Some(questions), Some(level)) = (
                    index.in_rubric_only.get(id),
                    levels.get_mut(usize::from(rubric_score)),
                ) {
                    questions.mark(level);
                }
            }
        }
        // Per block of 64 questions, each question's best score as four bit slices (bit k of
        // the score in slice k), so a hit's score is read with a few shifts.
        let any_level = |block: usize| levels.iter().fold(0, |any, level| any | level[block]);
        let count: u32 = (0..blocks).map(|block| any_level(block).count_ones()).sum();
        let mut hits = Vec::with_capacity(count as usize);
        for block in 0..blocks {
            let mut taken = 0u64;
            let mut slices = [0u64; 4];
            for (score, level) in levels.iter().enumerate().skip(1).rev() {
                let best_here = level[block] & !taken;
                taken |= best_here;
                for (k, slice) in slices.iter_mut().enumerate() {
                    if score & (1 << k) != 0 {
                        *slice |= best_here;
                    }
                }
            }
            let mut rest = taken;
            while rest != 0 {
                let bit = rest.trailing_zeros();
                rest &= rest - 1;
                let score = slices.iter().enumerate().fold(0u8, |score, (k, slice)| {
                    score | ((((slice >> bit) & 1) as u8) << k)
                });
                hits.push(((block * 64) as u32 + bit, score));
            }
        }
        hits
    }

    /// Questions every word matches, ascending, with the sum of the words' scores.
    fn all_words(&self, positions: &[usize], result: &mut Vec<(u32, u32)>) {
        result.clear();
        let Some((first, rest)) = positions.split_first() else {
            return;
        };
        result.extend(
            self.remembered[*first]
                .hits
                .iter()
                .map(|&(i, s)| (i, u32::from(s))),
        );
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
    }

    /// Called before a search's words are matched, never during a search: positions handed
    /// out stay valid until then.
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
            .map(|h| bank.entries()[h.index()].question.id.clone())
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
                hits.push(Hit::new(i, total));
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
            "a",
            "I",
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
            let category = ["a", "b", "c"][i % 3];
            questions.push_str(&format!(
                "Question(id: \"q{i}\", category: \"{category}\", level: {level}, prompt: \"{prompt}?\", listen_for: [\"{point}\"], tags: [\"{tag}\"]),\n"
            ));
        }
        let text = format!(
            "QuestionSet(id: \"v\", title: \"V\", categories: [Category(id: \"a\", title: \"A\"), Category(id: \"b\", title: \"B\"), Category(id: \"c\", title: \"C\")], questions: [{questions}])"
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
                    .entry(bank.entries()[hit.index()].question.level)
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
    fn every_single_character_and_every_filter_give_the_reference_results() {
        let bank = varied_bank(400, 11);
        let index = SearchIndex::build(&bank);
        let mut searcher = Searcher::default();
        let in_plan = |id: &str| id.ends_with('7');
        let filters = [
            Filter::default(),
            Filter {
                categories: ["b".to_string()].into(),
                ..Filter::default()
            },
            Filter {
                levels: [Level::Entry, Level::Expert].into(),
                categories: ["a".to_string(), "c".to_string()].into(),
                ..Filter::default()
            },
            Filter {
                sets: [0].into(),
                tags: ["cache".to_string(), "lock".to_string()].into(),
                ..Filter::default()
            },
            Filter {
                not_in_plan: true,
                needs_attention: Some((0..400).step_by(3).map(|i| format!("q{i}")).collect()),
                ..Filter::default()
            },
        ];
        let mut queries: Vec<String> = ('a'..='z')
            .chain('0'..='9')
            .chain(['_', 'é', 'ï', 'É'])
            .map(String::from)
            .collect();
        queries.extend(["", "c", "ca", "cache l", "t p", "deep x"].map(String::from));
        let mut filtered_something = 0;
        for filter in &filters {
            for query in &queries {
                let got = searcher.search(&bank, &index, query, filter, &in_plan);
                let mut want = reference(&bank, query);
                let keep = |hit: &Hit| {
                    let entry = &bank.entries()[hit.index()];
                    let q = &entry.question;
                    (filter.sets.is_empty() || filter.sets.contains(&entry.set))
                        && (filter.categories.is_empty() || filter.categories.contains(&q.category))
                        && (filter.levels.is_empty() || filter.levels.contains(&q.level))
                        && (filter.tags.is_empty()
                            || q.tags.iter().any(|t| filter.tags.contains(t)))
                        && (!filter.not_in_plan || !in_plan(&q.id))
                        && filter
                            .needs_attention
                            .as_ref()
                            .is_none_or(|ids| ids.contains(&q.id))
                };
                let before = want.len();
                want.retain(keep);
                if want.len() < before && !want.is_empty() {
                    filtered_something += 1;
                }
                assert_eq!(got.hits, want, "query {query:?} with {filter:?}");
            }
        }
        assert!(
            filtered_something > queries.len(),
            "the filters remove some hits: {filtered_something}"
        );
    }

    /// Every word's postings (in prompts and tags, in rubric points only).
    type WordPostings = BTreeMap<String, (Vec<u32>, Vec<u32>)>;

    /// Every word's postings, and each question's characters: what an index holds.
    fn contents(index: &SearchIndex) -> (WordPostings, Vec<QuestionCharacters>) {
        let postings = index
            .words
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let lists = (
                    index.in_prompt[i].questions(),
                    index.in_rubric_only[i].questions(),
                );
                (w.to_string(), lists)
            })
            .collect();
        (postings, index.characters.clone())
    }

    /// `sets` sets of `per_set` questions drawn from a small vocabulary; `clash` gives the
    /// last set a question id the first set has.
    fn sources(sets: usize, per_set: usize, clash: bool) -> Vec<SetSource> {
        let words = [
            "cache", "thread", "pool", "Déjà", "vu", "a", "lock", "retry", "x_y", "42",
        ];
        (0..sets)
            .map(|set| {
                let questions: String = (0..per_set)
                    .map(|n| {
                        let id = if clash && set + 1 == sets && n == 0 {
                            "s0.q0".to_string()
                        } else {
                            format!("s{set}.q{n}")
                        };
                        let word = |k: usize| words[(set * 7 + n * 3 + k) % words.len()];
                        format!(
                            "Question(id: \"{id}\", category: \"c\", level: Entry, prompt: \"{} {} {}?\", listen_for: [\"{} {}\"], tags: [\"{}\"]),",
                            word(0), word(1), word(2), word(3), word(4), word(5)
                        )
                    })
                    .collect();
                SetSource {
                    name: format!("s{set}.ron"),
                    origin: SetOrigin::Bundled,
                    text: format!(
                        "QuestionSet(id: \"s{set}\", title: \"S\", categories: [Category(id: \"c\", title: \"C\")], questions: [{questions}])"
                    ),
                }
            })
            .collect()
    }

    proptest::proptest! {
        /// The ASCII word scanner finds the words a plain split finds, lower-cased, at their
        /// positions.
        #[test]
        fn ascii_words_are_the_runs_of_letters_digits_and_underscores(text in "[ -~\t\n]{0,60}") {
            let mut want = Vec::new();
            let mut start = None;
            for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
                let in_word = c.is_ascii_alphanumeric() || c == '_';
                match (in_word, start) {
                    (true, None) => start = Some(i),
                    (false, Some(s)) => {
                        want.push((text[s..i].to_ascii_lowercase(), s));
                        start = None;
                    }
                    _ => {}
                }
            }
            let mut got = Vec::new();
            let mut buffer = String::new();
            for_each_ascii_word(&text, &mut buffer, |w, at| got.push((w.to_string(), at)));
            proptest::prop_assert_eq!(got, want);
        }
    }

    #[test]
    fn indexing_each_set_as_it_is_read_gives_the_index_of_the_whole_bank() {
        // Enough text for the sets to be read on threads, and with a question left out for a
        // clashing id (the index is then built from the bank).
        for (sets, per_set, clash) in [(3, 5, false), (40, 1000, false), (40, 1000, true)] {
            let sources = sources(sets, per_set, clash);
            let (bank, problems, index) = QuestionBank::load_indexed(&sources);
            assert_eq!(problems.len(), usize::from(clash), "{problems:?}");
            assert_eq!(index.len(), bank.len());
            let whole = SearchIndex::build(&bank);
            assert_eq!(
                contents(&index),
                contents(&whole),
                "{sets} sets, clash {clash}"
            );
            let mut searcher = Searcher::default();
            for query in ["c", "cache", "deja vu", "x_y 42", "a"] {
                let got = searcher.search(&bank, &index, query, &Filter::default(), &|_| false);
                let want = reference(&bank, query);
                assert_eq!(got.hits, want, "{query:?}");
            }
        }
    }

    #[test]
    fn an_index_built_on_several_threads_equals_one_built_on_one() {
        let bank = varied_bank(1_000, 5);
        let one = SearchIndex::build_on_threads(&bank, 1);
        let expected = contents(&one);
        assert!(expected.0.len() > 10, "the bank has many words");
        for threads in [2, 3, 7] {
            let several = SearchIndex::build_on_threads(&bank, threads);
            assert_eq!(several.len(), bank.len());
            assert_eq!(contents(&several), expected, "{threads} threads");
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
