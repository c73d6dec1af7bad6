//! Expected vs received as Markdown, for `scorecard compare` on a loop folder: every expected
//! scorecard per candidate and the one-line "who still owes" summary. User strings escaped as
//! in every Markdown export.

use std::fmt::Write;

use chrono::{DateTime, FixedOffset};

use crate::model::loop_plan::LoopPlan;
use crate::model::loop_status::{CandidateStatus, Receipt, owed_summary, owed_text};

use super::format_datetime;
use super::text::{CodeSpans, md_inline};

/// The loop's expected scorecards at `now`.
pub fn status_markdown(
    plan: &LoopPlan,
    statuses: &[CandidateStatus],
    now: DateTime<FixedOffset>,
) -> String {
    let mut out = String::new();
    let _ = write_status(plan, statuses, now, &mut out);
    out
}

fn write_status(
    plan: &LoopPlan,
    statuses: &[CandidateStatus],
    now: DateTime<FixedOffset>,
    out: &mut String,
) -> std::fmt::Result {
    let name = if plan.title.trim().is_empty() {
        &plan.id
    } else {
        &plan.title
    };
    let text = |s: &str| md_inline(s, CodeSpans::Plain);
    writeln!(out, "# Loop: {}", text(name))?;
    writeln!(out)?;
    writeln!(out, "As of {}.", format_datetime(&now))?;
    writeln!(out)?;
    writeln!(out, "{}", text(&owed_summary(plan, statuses, now)))?;
    for status in statuses {
        writeln!(out)?;
        let listed = if status.listed {
            ""
        } else {
            " (not on the loop's candidate list)"
        };
        writeln!(out, "## {}{listed}", text(&status.candidate))?;
        writeln!(out)?;
        for expected in &status.expected {
            let state = match &expected.receipt {
                Receipt::Submitted { at } => format!("submitted {}", format_datetime(at)),
                Receipt::Tampered { at } => format!(
                    "CHANGED AFTER SEALING (submitted {}); not counted",
                    format_datetime(at)
                ),
                Receipt::InProgress { .. } | Receipt::Missing => {
                    let what = if expected.receipt == Receipt::Missing {
                        "**MISSING**, "
                    } else {
                        ""
                    };
                    format!("{what}{}", text(&owed_text(expected, now)))
                }
            };
            let seen = if expected.viewed_others_at.is_some() {
                "; saw others' ratings before submitting"
            } else {
                ""
            };
            let copies = if expected.others.is_empty() {
                String::new()
            } else {
                format!("; {} other copy/copies not counted", expected.others.len())
            };
            writeln!(
                out,
                "- {} — {}: {state}{seen}{copies}",
                text(&expected.interview_title),
                text(&expected.interviewer)
            )?;
        }
        if !status.unknown_interview.is_empty() {
            writeln!(
                out,
                "- {} scorecard(s) name an interview this loop does not have",
                status.unknown_interview.len()
            )?;
        }
    }
    Ok(())
}
