//! A decision record for people: Markdown (every user string escaped, as in the scorecard
//! report) and PDF (`pdf::decision`). Both render the same [`Report`], so they always say the
//! same thing.

use std::fmt::Write;

use chrono::{DateTime, FixedOffset};

use crate::model::decision::{Decision, DecisionRecord, ScorecardRecord};
use crate::model::decision_log::DecisionHistory;

use super::text::{CodeSpans, md_inline, md_lines};
use super::{format_datetime, single_line};

/// One section of the report.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Section {
    pub heading: String,
    /// Free text as people wrote it (may span lines).
    pub text: String,
    /// One line each.
    pub bullets: Vec<String>,
}

/// What a decision record export says, before it becomes Markdown or PDF.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Report {
    /// "Decision record: NAME".
    pub title: String,
    pub candidate: String,
    /// Label and value rows at the top.
    pub facts: Vec<(&'static str, String)>,
    pub sections: Vec<Section>,
}

/// One step of a decision's history.
#[derive(Clone, Debug, PartialEq)]
pub struct HistoryEntry {
    pub id: String,
    pub at: Option<DateTime<FixedOffset>>,
    pub decision: Option<Decision>,
    /// Why it was amended; empty for the original.
    pub reason: String,
    pub changes: Vec<String>,
}

/// The history entries of `history` (whose indices point into `records`), original first.
pub fn history_entries(history: &DecisionHistory, records: &[DecisionRecord]) -> Vec<HistoryEntry> {
    history
        .chain
        .iter()
        .enumerate()
        .filter_map(|(step, &index)| {
            let record = records.get(index)?;
            Some(HistoryEntry {
                id: record.id.clone(),
                at: record.decided_at,
                decision: record.decision,
                reason: record
                    .amends
                    .as_ref()
                    .map(|a| a.reason.clone())
                    .unwrap_or_default(),
                changes: step
                    .checked_sub(1)
                    .and_then(|i| history.changes.get(i))
                    .cloned()
                    .unwrap_or_default(),
            })
        })
        .collect()
}

fn or_dash(text: &str) -> String {
    let line = single_line(text);
    if line.is_empty() {
        "—".to_string()
    } else {
        line
    }
}

fn decision_text(decision: Option<Decision>) -> &'static str {
    decision.map_or("not chosen", Decision::label)
}

fn when(at: Option<DateTime<FixedOffset>>) -> String {
    at.map_or_else(|| "not recorded".to_string(), |at| format_datetime(&at))
}

fn scorecard_line(card: &ScorecardRecord) -> String {
    let mut line = format!(
        "{} — {}: {}",
        or_dash(&card.interview_title),
        or_dash(&card.interviewer),
        card.status
    );
    if let Some(at) = card.submitted_at {
        let _ = write!(line, " {}", format_datetime(&at));
    }
    line.push_str(if card.counted {
        "; counted"
    } else {
        "; not counted"
    });
    if !card.signed_by.is_empty() {
        let _ = write!(line, "; signed with key {}", card.signed_by);
    }
    if let Some(call) = card.recommendation {
        let _ = write!(line, "; call: {}", call.label());
    }
    match card.viewed_others_before_submitting {
        Some(at) => {
            let _ = write!(
                line,
                "; saw others' ratings before submitting ({})",
                format_datetime(&at)
            );
        }
        None if card.submitted_at.is_some() => {
            line.push_str("; not shown others' ratings by the app before submitting");
        }
        None => {}
    }
    line
}

/// A file name for `record`'s export: "Decision NAME DATE.EXT", safe on every system.
pub fn file_name(record: &DecisionRecord, extension: &str) -> String {
    let candidate = super::text::strip_invisible(&record.candidate)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let date = record
        .decided_at
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default();
    let parts: Vec<&str> = ["Decision", candidate.as_str(), date.as_str()]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect();
    format!(
        "{}.{extension}",
        crate::model::names::safe_file_stem(&parts.join(" "))
    )
}

/// The report of decision record `index` of a loop folder: its seal as the folder's pinned
/// keys judge it, whether a later amendment replaces it or it was set aside, and its history.
/// The command line and the Loop screen both export through this.
pub fn report_in_folder(folder: &crate::store::loop_folder::LoopFolder, index: usize) -> Report {
    let Some(decision) = folder.decisions.get(index) else {
        return Report::default();
    };
    let records: Vec<DecisionRecord> = folder.decisions.iter().map(|d| d.record.clone()).collect();
    let history = folder
        .decision_histories()
        .into_iter()
        .find(|h| h.chain.contains(&index) || h.set_aside.iter().any(|(i, _)| *i == index));
    let entries = history
        .as_ref()
        .filter(|h| h.chain.contains(&index))
        .map(|h| history_entries(h, &records))
        .unwrap_or_default();
    let mut seal = decision.trust.label();
    if let Some((_, why)) = history
        .as_ref()
        .and_then(|h| h.set_aside.iter().find(|(i, _)| *i == index))
    {
        seal = format!("{seal}; set aside: {why}");
    } else if history.as_ref().and_then(|h| h.current()) != Some(index) && !entries.is_empty() {
        seal.push_str("; a later amendment replaces this decision");
    }
    report(&decision.record, &seal, &entries)
}

/// The report of `record`. `seal` says what its signature check found (e.g. the store's
/// trust label); `history` is its chain, original first (empty to leave it out).
pub fn report(record: &DecisionRecord, seal: &str, history: &[HistoryEntry]) -> Report {
    let candidate = or_dash(&record.candidate);
    let mut facts: Vec<(&'static str, String)> = vec![
        ("Decision", decision_text(record.decision).to_string()),
        (
            "Loop",
            format!(
                "{} ({})",
                or_dash(&record.loop_title),
                or_dash(&record.loop_id)
            ),
        ),
    ];
    if !record.role.trim().is_empty() {
        facts.push(("Role", single_line(&record.role)));
    }
    facts.push(("Decided", when(record.decided_at)));
    facts.push(("Chair", or_dash(&record.chair)));
    facts.push(("Seal", seal.to_string()));
    if let Some(amends) = &record.amends {
        facts.push((
            "Amends",
            format!(
                "{} — {}",
                or_dash(&amends.record_id),
                or_dash(&amends.reason)
            ),
        ));
    }
    let mut sections = vec![Section {
        heading: "Rationale".into(),
        text: record.rationale.clone(),
        ..Section::default()
    }];
    if let Some(mechanical) = &record.mechanical {
        let rule = &mechanical.rule;
        let mut bullets = vec![format!(
            "Rule set before the interviews: Hire at a weighted score of {:.2} or more, No hire below {:.2}{}.",
            rule.hire_at_least,
            rule.no_hire_below,
            rule.floor
                .map(|f| format!(", No hire when a weighted competency is below {f:.2}"))
                .unwrap_or_default()
        )];
        bullets.push(format!(
            "The rule's call: {} (weighted score {}, over {} counted scorecard{}).",
            mechanical.decision.label(),
            mechanical
                .weighted_score
                .map_or_else(|| "none".to_string(), |s| format!("{s:.2}")),
            mechanical.counted,
            if mechanical.counted == 1 { "" } else { "s" }
        ));
        bullets.extend(mechanical.reasons.iter().cloned());
        for c in &mechanical.competencies {
            bullets.push(format!(
                "{}: weight {}, mean {} from {} scorecard{}",
                or_dash(&c.title),
                c.weight,
                c.mean
                    .map_or_else(|| "—".to_string(), |m| format!("{m:.2}")),
                c.scorecards,
                if c.scorecards == 1 { "" } else { "s" }
            ));
        }
        sections.push(Section {
            heading: "Mechanical call".into(),
            bullets,
            ..Section::default()
        });
        if record.is_override() {
            sections.push(Section {
                heading: format!(
                    "Override: {} instead of the rule's {}",
                    decision_text(record.decision),
                    mechanical.decision.label()
                ),
                text: record.override_reason.clone(),
                ..Section::default()
            });
        }
    }
    sections.push(Section {
        heading: "Attendees".into(),
        bullets: record.attendees.iter().map(|a| or_dash(a)).collect(),
        ..Section::default()
    });
    sections.push(Section {
        heading: "Dissent".into(),
        text: if record.dissent.is_empty() {
            "None recorded.".into()
        } else {
            String::new()
        },
        bullets: record
            .dissent
            .iter()
            .map(|d| {
                let mut line = or_dash(&d.name);
                if let Some(preferred) = d.preferred {
                    let _ = write!(line, " (would have chosen {})", preferred.label());
                }
                if !d.note.trim().is_empty() {
                    let _ = write!(line, ": {}", single_line(&d.note));
                }
                line
            })
            .collect(),
    });
    sections.push(Section {
        heading: "Scorecards".into(),
        bullets: record.scorecards.iter().map(scorecard_line).collect(),
        ..Section::default()
    });
    if !record.proceeded_without.is_empty() {
        sections.push(Section {
            heading: "Decided without".into(),
            text: "The chair proceeded although these expected scorecards were not in (or did not count):".into(),
            bullets: record.proceeded_without.iter().map(scorecard_line).collect(),
        });
    }
    if history.len() > 1 {
        sections.push(Section {
            heading: "History".into(),
            bullets: history
                .iter()
                .map(|h| {
                    let mut line =
                        format!("{}: {} ({})", when(h.at), decision_text(h.decision), h.id);
                    if !h.reason.trim().is_empty() {
                        // The reason is a sentence people wrote; its own full stop would
                        // stand before the list's semicolon.
                        let reason = single_line(&h.reason);
                        let reason = reason.trim_end().trim_end_matches(['.', ';']);
                        let _ = write!(line, "; amended because: {reason}");
                    }
                    if !h.changes.is_empty() {
                        let _ = write!(line, "; changed: {}", h.changes.join(", "));
                    }
                    line
                })
                .collect(),
            ..Section::default()
        });
    }
    Report {
        title: format!("Decision record: {candidate}"),
        candidate,
        facts,
        sections,
    }
}

/// The report as Markdown: our structure, every user string escaped so it stays text.
pub fn markdown(report: &Report) -> String {
    let mut out = String::new();
    let _ = write_markdown(report, &mut out);
    out
}

fn write_markdown(report: &Report, out: &mut String) -> std::fmt::Result {
    writeln!(out, "# {}", md_inline(&report.title, CodeSpans::Plain))?;
    writeln!(out)?;
    for (label, value) in &report.facts {
        writeln!(out, "- **{label}:** {}", md_inline(value, CodeSpans::Plain))?;
    }
    for section in &report.sections {
        writeln!(out)?;
        writeln!(out, "## {}", md_inline(&section.heading, CodeSpans::Plain))?;
        writeln!(out)?;
        if !section.text.trim().is_empty() {
            for line in md_lines(section.text.trim(), CodeSpans::Keep) {
                writeln!(out, "{line}")?;
            }
            if !section.bullets.is_empty() {
                writeln!(out)?;
            }
        } else if section.bullets.is_empty() {
            writeln!(out, "—")?;
        }
        for bullet in &section.bullets {
            writeln!(out, "- {}", md_inline(bullet, CodeSpans::Plain))?;
        }
    }
    Ok(())
}
