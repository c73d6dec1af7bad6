//! The question bank: every loaded set merged, with lookup by id.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use super::load::{
    CheckedSet, IdLines, LoadProblem, QuestionField, SetOrigin, SetSource, check_set, parse_set,
    parse_set_in_parts,
};
use super::question::{Category, Question};
use super::search::{SearchIndex, SetIndex};

/// A set as the bank knows it: its metadata and where it came from.
#[derive(Clone, Debug)]
pub struct BankSet {
    pub id: String,
    pub title: String,
    pub description: String,
    pub version: u32,
    pub origin: SetOrigin,
    /// Display name of the file, for messages.
    pub source_name: String,
    pub categories: Vec<Category>,
}

/// A question in the bank, with the index of the set it belongs to.
#[derive(Clone, Debug)]
pub struct BankEntry {
    pub question: Question,
    pub set: usize,
}

/// All questions from all sets, ordered as loaded (bundled first, then user sets).
#[derive(Clone, Debug, Default)]
pub struct QuestionBank {
    sets: Vec<BankSet>,
    entries: Vec<BankEntry>,
    /// Question id → position in `entries`. The ids come from the user's own files, so the
    /// hash needs no flooding resistance, and a fast one matters at 100,000 questions.
    by_id: FxHashMap<String, usize>,
    /// Categories from all sets, first title wins when two sets share an id.
    categories: Vec<Category>,
    /// See [`Self::tag_counts`].
    tag_counts: std::sync::OnceLock<BTreeMap<String, usize>>,
}

impl QuestionBank {
    /// Parses and validates every source. Bad files and bad questions are reported and left
    /// out; everything else loads.
    pub fn load(sources: &[SetSource]) -> (QuestionBank, Vec<LoadProblem>) {
        let (bank, problems, _) = QuestionBank::load_sets(sources, false);
        (bank, problems)
    }

    /// [`Self::load`] with the bank's search index. Each set is indexed as soon as it is read,
    /// on the same thread, while its text is still in the cache: on a large bank that is
    /// about a quarter faster than indexing the loaded bank afterwards.
    pub fn load_indexed(sources: &[SetSource]) -> (QuestionBank, Vec<LoadProblem>, SearchIndex) {
        let (bank, problems, sets) = QuestionBank::load_sets(sources, true);
        // A question left out while merging (an id used by an earlier set) shifts the
        // numbers the sets were indexed with; then the bank is indexed as a whole.
        let index = sets
            .and_then(|sets| SearchIndex::from_sets(&bank, sets))
            .unwrap_or_else(|| SearchIndex::build(&bank));
        (bank, problems, index)
    }

    /// Loads the sources; with `index`, also each set's index, unless a question was left out
    /// while merging.
    fn load_sets(
        sources: &[SetSource],
        index: bool,
    ) -> (QuestionBank, Vec<LoadProblem>, Option<Vec<SetIndex>>) {
        let mut bank = QuestionBank::default();
        let mut set_indexes: Option<Vec<SetIndex>> = index.then(Vec::new);
        let mut problems = Vec::new();
        // The source of each set, so a duplicate id can name the file and line of the first;
        // each source's id lines are found once, and only if it has a duplicate.
        let mut set_sources: Vec<usize> = Vec::new();
        let mut id_lines: Vec<Option<IdLines>> = sources.iter().map(|_| None).collect();
        let mut position_of = |source: usize, id: &str| -> (usize, usize) {
            match id_lines.get_mut(source) {
                Some(lines) => lines
                    .get_or_insert_with(|| IdLines::new(&sources[source].text))
                    .position(id),
                None => (0, 0),
            }
        };
        for (source_index, (source, (checked, set_index))) in
            sources.iter().zip(check_all(sources, index)).enumerate()
        {
            if let (Some(all), Some(set_index)) = (set_indexes.as_mut(), set_index) {
                all.push(set_index);
            }
            let CheckedSet {
                header: set,
                questions,
                problems: mut set_problems,
            } = match checked {
                Ok(checked) => checked,
                Err(problem) => {
                    problems.push(problem);
                    continue;
                }
            };
            problems.append(&mut set_problems);
            let set_index = bank.sets.len();
            for category in &set.categories {
                if !bank.categories.iter().any(|c| c.id == category.id) {
                    bank.categories.push(category.clone());
                }
            }
            bank.sets.push(BankSet {
                id: set.id.clone(),
                title: set.title.clone(),
                description: set.description.clone(),
                version: set.version,
                origin: source.origin.clone(),
                source_name: source.name.clone(),
                categories: set.categories.clone(),
            });
            set_sources.push(source_index);
            bank.by_id.reserve(questions.len());
            for question in questions {
                if let Some(&first) = bank.by_id.get(&question.id) {
                    // Lines are found only now: most banks have no duplicates.
                    let other = set_sources[bank.entries[first].set];
                    // Within one file a second copy was already left out by `check_set`, so
                    // the first `id:` naming it in each file is the copy meant.
                    let (line, column) = position_of(source_index, &question.id);
                    let (other_line, other_column) = position_of(other, &question.id);
                    problems.push(LoadProblem {
                        file: source.name.clone(),
                        line,
                        column,
                        message: format!(
                            "question id `{}` is already used in {}:{other_line}:{other_column}; ids must be unique across the bank, so rename one of them",
                            question.id,
                            sources[other].name,
                        ),
                        field: Some(QuestionField::Id),
                    });
                    set_indexes = None;
                    continue;
                }
                bank.by_id.insert(question.id.clone(), bank.entries.len());
                bank.entries.push(BankEntry {
                    question,
                    set: set_index,
                });
            }
        }
        (bank, problems, set_indexes)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn entries(&self) -> &[BankEntry] {
        &self.entries
    }

    pub fn entry(&self, index: usize) -> Option<&BankEntry> {
        self.entries.get(index)
    }

    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    pub fn get(&self, id: &str) -> Option<&Question> {
        self.index_of(id).map(|i| &self.entries[i].question)
    }

    pub fn sets(&self) -> &[BankSet] {
        &self.sets
    }

    pub fn set_of(&self, index: usize) -> Option<&BankSet> {
        self.entries.get(index).and_then(|e| self.sets.get(e.set))
    }

    pub fn categories(&self) -> &[Category] {
        &self.categories
    }

    /// The category's title, or its id when no set declares it.
    pub fn category_title<'a>(&'a self, id: &'a str) -> &'a str {
        self.categories
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.title.as_str())
            .unwrap_or(id)
    }

    /// Every tag with the number of questions carrying it, sorted by tag. Counted on first
    /// use and kept: the bank does not change once loaded, and the Bank's filters show the
    /// tags every frame.
    pub fn tag_counts(&self) -> &BTreeMap<String, usize> {
        self.tag_counts.get_or_init(|| {
            let mut counts = BTreeMap::new();
            for entry in &self.entries {
                for tag in &entry.question.tags {
                    *counts.entry(tag.clone()).or_insert(0) += 1;
                }
            }
            counts
        })
    }
}

/// A source read and checked, or why it could not be read.
type Checked = Result<CheckedSet, LoadProblem>;

/// Below this much text in all, sets are read on the calling thread.
const PARALLEL_FROM_BYTES: usize = 4 * 1024 * 1024;

/// Parses and validates every source, spreading files over the available cores: parsing is most
/// of the cost of loading a large bank, and files are independent until ids are merged.
fn check_all(sources: &[SetSource], index: bool) -> Vec<(Checked, Option<SetIndex>)> {
    let check = |source: &SetSource| -> (Checked, Option<SetIndex>) {
        let checked = parse_set(source).map(|set| check_set(source, set));
        let set_index = match &checked {
            Ok(checked) if index => Some(SetIndex::of(&checked.questions)),
            _ => None,
        };
        (checked, set_index)
    };
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    if sources.len() < cores {
        // Too few files to keep every core busy: each file spreads its own questions instead
        // (one large imported file is the common case), and the bank is indexed afterwards on
        // every core too.
        return sources
            .iter()
            .map(|source| {
                let checked = parse_set_in_parts(source, cores).map(|set| check_set(source, set));
                (checked, None)
            })
            .collect();
    }
    // A small bank (the bundled sets are under 1 MB) reads in a millisecond or two: threads
    // would cost more than they save, and each keeps an allocation arena of its own.
    let total: usize = sources.iter().map(|s| s.text.len()).sum();
    let threads = if total < PARALLEL_FROM_BYTES {
        1
    } else {
        cores.min(sources.len())
    };
    if threads <= 1 {
        return sources.iter().map(check).collect();
    }
    let chunk = sources.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = sources
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(check).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .zip(sources.chunks(chunk))
            // A panicking worker would be a bug; checking its files here keeps loading going.
            .flat_map(|(handle, part)| {
                handle
                    .join()
                    .unwrap_or_else(|_| part.iter().map(check).collect())
            })
            .collect()
    })
}
