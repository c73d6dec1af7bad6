//! Reading decision records back: per candidate of a loop, the original decision and its
//! amendments in order, what each amendment changed, and every record that does not fit the
//! chain (a second, separate decision; two amendments of the same record; an amendment of a
//! record that is not there) set aside with the reason, so nothing is dropped silently.

use std::collections::HashMap;

use super::decision::DecisionRecord;
use super::panel::person_key;

/// One candidate's decision in one loop, with its amendments.
#[derive(Clone, Debug, PartialEq)]
pub struct DecisionHistory {
    pub loop_id: String,
    pub candidate: String,
    /// The original record and its amendments in order (indices into the records given);
    /// the last one is the decision that stands. Empty when no record for the candidate
    /// counts.
    pub chain: Vec<usize>,
    /// What each amendment changed, one list per amendment (`chain[1..]`).
    pub changes: Vec<Vec<String>>,
    /// Records for the candidate outside the chain, with why.
    pub set_aside: Vec<(usize, String)>,
}

impl DecisionHistory {
    /// The record that stands.
    pub fn current(&self) -> Option<usize> {
        self.chain.last().copied()
    }
}

/// Groups `records` into histories, one per loop and candidate, in order of the candidates'
/// first record. `counts[i]` says whether record `i` is sealed with a valid signature; the
/// others are set aside.
pub fn histories(records: &[DecisionRecord], counts: &[bool]) -> Vec<DecisionHistory> {
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut group_of: HashMap<(String, String), usize> = HashMap::new();
    for (index, record) in records.iter().enumerate() {
        let key = (record.loop_id.clone(), person_key(&record.candidate));
        let group = *group_of.entry(key).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[group].push(index);
    }
    groups
        .into_iter()
        .map(|members| history(records, counts, &members))
        .collect()
}

fn history(records: &[DecisionRecord], counts: &[bool], members: &[usize]) -> DecisionHistory {
    let first = &records[members[0]];
    let mut set_aside: Vec<(usize, String)> = Vec::new();
    let mut valid: Vec<usize> = Vec::new();
    for &index in members {
        if counts.get(index).copied().unwrap_or(false) {
            valid.push(index);
        } else {
            set_aside.push((
                index,
                "not sealed, or changed after it was sealed; not counted".into(),
            ));
        }
    }
    // Earliest first, so the first decision is the original and the first amendment of a
    // record is the one that stands.
    valid.sort_by_key(|&i| (records[i].decided_at, i));
    let mut roots = valid
        .iter()
        .copied()
        .filter(|&i| records[i].amends.is_none());
    let root = roots.next();
    for other in roots {
        set_aside.push((
            other,
            format!(
                "a second, separate decision for the same candidate (the first is {}); amend the first instead, so the change is on record",
                root.map_or("", |r| records[r].id.as_str())
            ),
        ));
    }
    let mut children: HashMap<&str, Vec<usize>> = HashMap::new();
    for &index in &valid {
        if let Some(amends) = &records[index].amends {
            children
                .entry(amends.record_id.as_str())
                .or_default()
                .push(index);
        }
    }
    let mut chain = Vec::new();
    let mut changes = Vec::new();
    let mut at = root;
    while let Some(current) = at {
        chain.push(current);
        let parent = &records[current];
        let mut next = None;
        for child in children.remove(parent.id.as_str()).unwrap_or_default() {
            let amends = records[child].amends.as_ref();
            let matches = parent
                .signature
                .as_ref()
                .zip(amends)
                .is_some_and(|(sig, a)| sig.signature.eq_ignore_ascii_case(&a.signature));
            if !matches {
                set_aside.push((
                    child,
                    format!(
                        "amends a different version of {} than the one in the folder",
                        parent.id
                    ),
                ));
            } else if next.is_none() {
                next = Some(child);
            } else {
                set_aside.push((
                    child,
                    format!(
                        "a competing amendment of {}: another amendment of it came first",
                        parent.id
                    ),
                ));
            }
        }
        if let Some(child) = next {
            changes.push(records[child].changes_from(parent));
        }
        at = next;
    }
    for orphans in children.into_values() {
        for child in orphans {
            let target = records[child]
                .amends
                .as_ref()
                .map_or("", |a| a.record_id.as_str());
            set_aside.push((
                child,
                format!("amends {target}, which is not among the records that count"),
            ));
        }
    }
    set_aside.sort();
    DecisionHistory {
        loop_id: first.loop_id.clone(),
        candidate: first.candidate.trim().to_string(),
        chain,
        changes,
        set_aside,
    }
}
