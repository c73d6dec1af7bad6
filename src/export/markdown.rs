//! Markdown for the notes field of an applicant-tracking system: it reads well as plain text
//! and renders as tidy Markdown where the field supports it.

use std::fmt::Write;

use crate::model::scoring::{category_scores, overall_mean};
use crate::model::session::{QuestionOutcome, Session};

use super::{
    candidate_name, duration_text, format_datetime, interview_date, mean_text, percent,
    question_time_text, rating_text, recommendation_text, single_line, status_text,
};

/// The scorecard as Markdown.
pub fn markdown(session: &Session) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = write_markdown(session, &mut out);
    out
}

fn write_markdown(session: &Session, out: &mut String) -> std::fmt::Result {
    writeln!(
        out,
        "# Interview scorecard: {}",
        inline(&candidate_name(session))
    )?;
    writeln!(out)?;
    for (label, value) in [
        ("Role", single_line(&session.role)),
        ("Interviewer", single_line(&session.interviewer)),
        ("Interview plan", single_line(&session.plan_title)),
        ("Level", session.target_level.label().to_string()),
    ] {
        if !value.is_empty() {
            writeln!(out, "- **{label}:** {}", inline(&value))?;
        }
    }
    if let Some(date) = interview_date(session) {
        writeln!(out, "- **Date:** {}", format_datetime(&date))?;
    }
    writeln!(out, "- **Duration:** {}", duration_text(session))?;
    writeln!(out, "- **Status:** {}", status_text(session))?;
    if session.anonymised {
        writeln!(
            out,
            "- **Anonymised:** name and notes removed under the retention policy"
        )?;
    }
    writeln!(out)?;

    writeln!(out, "## Recommendation: {}", recommendation_text(session))?;
    writeln!(out)?;
    let rated = session
        .questions
        .iter()
        .filter(|q| q.rating.is_some())
        .count();
    writeln!(
        out,
        "Mean rating {} ({rated} of {} questions rated).",
        mean_text(overall_mean(session)),
        session.questions.len()
    )?;
    for (title, text) in [
        ("Strengths", &session.strengths),
        ("Concerns", &session.concerns),
        ("Summary", &session.summary),
    ] {
        writeln!(out)?;
        writeln!(out, "### {title}")?;
        writeln!(out)?;
        writeln!(out, "{}", block(text))?;
    }
    writeln!(out)?;

    let scores = category_scores(session);
    if !scores.is_empty() {
        writeln!(out, "## Categories")?;
        writeln!(out)?;
        for score in &scores {
            writeln!(
                out,
                "- **{}:** mean {}, rubric coverage {} ({} of {} rated)",
                inline(&single_line(&score.title)),
                mean_text(score.mean_rating),
                percent(score.coverage),
                score.rated,
                score.questions
            )?;
        }
        writeln!(out)?;
    }

    writeln!(out, "## Questions")?;
    for (index, outcome) in session.questions.iter().enumerate() {
        writeln!(out)?;
        write_question(out, index + 1, outcome)?;
    }

    if !session.amendments.is_empty() {
        writeln!(out)?;
        writeln!(out, "## Amendments after submission")?;
        writeln!(out)?;
        for amendment in &session.amendments {
            let reason = single_line(&amendment.reason);
            let reason = if reason.is_empty() {
                "no reason given".to_string()
            } else {
                reason
            };
            writeln!(
                out,
                "- **{}:** {}",
                format_datetime(&amendment.at),
                inline(&reason)
            )?;
            for change in &amendment.changes {
                writeln!(out, "  - {}", inline(&single_line(change)))?;
            }
        }
    }
    Ok(())
}

fn write_question(out: &mut String, number: usize, outcome: &QuestionOutcome) -> std::fmt::Result {
    let q = &outcome.question;
    writeln!(
        out,
        "### Q{number}. {} · {}{}",
        inline(&single_line(&q.category_title)),
        q.level.label(),
        if q.ad_hoc { " · ad-hoc" } else { "" }
    )?;
    writeln!(out)?;
    writeln!(out, "{}", block(&q.prompt))?;
    writeln!(out)?;
    match outcome.rating {
        Some(rating) => writeln!(
            out,
            "- **Rating:** {} — {}",
            rating_text(outcome),
            rating.anchor()
        )?,
        None => writeln!(out, "- **Rating:** not rated")?,
    }
    writeln!(
        out,
        "- **Rubric:** {} of {} points",
        outcome.ticked.len(),
        q.listen_for.len()
    )?;
    for (i, point) in q.listen_for.iter().enumerate() {
        let mark = if outcome.is_ticked(i) { "[x]" } else { "[ ]" };
        writeln!(out, "  - {mark} {}", inline(&single_line(point)))?;
    }
    if !q.red_flags.is_empty() {
        let observed: Vec<&String> = outcome.observed_red_flags();
        if observed.is_empty() {
            writeln!(out, "- **Red flags observed:** none")?;
        } else {
            writeln!(
                out,
                "- **Red flags observed:** {} of {}",
                observed.len(),
                q.red_flags.len()
            )?;
            for flag in observed {
                writeln!(out, "  - {}", inline(&single_line(flag)))?;
            }
        }
    }
    let asked: Vec<&String> = outcome.asked_follow_ups();
    if !asked.is_empty() {
        writeln!(out, "- **Follow-ups asked:**")?;
        for follow_up in asked {
            writeln!(out, "  - {}", inline(&single_line(follow_up)))?;
        }
    }
    writeln!(out, "- **Time:** {}", question_time_text(outcome))?;
    writeln!(
        out,
        "- **State:** {}{}",
        outcome.state.label(),
        if outcome.flagged {
            " (flagged to revisit)"
        } else {
            ""
        }
    )?;
    if outcome.notes.trim().is_empty() {
        writeln!(out, "- **Notes:** none")?;
    } else {
        writeln!(out, "- **Notes:**")?;
        writeln!(out)?;
        for line in outcome.notes.trim_end().lines() {
            let line = line.trim_end();
            if line.trim().is_empty() {
                writeln!(out, "  >")?;
            } else {
                writeln!(out, "  > {}", escape_line(line))?;
            }
        }
    }
    Ok(())
}

/// User text on one line inside our own structure.
fn inline(text: &str) -> String {
    escape_inline(text)
}

/// Multi-line user text as paragraphs; empty text says so.
fn block(text: &str) -> String {
    let text = text.trim();
    if text.is_empty() {
        return "_None written._".to_string();
    }
    text.lines()
        .map(|line| escape_line(line.trim_end()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Keeps user text from turning into structure or markup when the ATS renders Markdown, while
/// staying readable when it shows plain text: `<` is escaped so no HTML tag can form, and a
/// line that would become a heading, rule or list marker is escaped at its start. Other
/// characters stay as typed (escaping every `_` or `*` would litter notes about code).
fn escape_line(line: &str) -> String {
    let escaped = escape_inline(line);
    let trimmed = escaped.trim_start();
    let structural = trimmed.starts_with('#')
        || trimmed.starts_with("```")
        || trimmed.starts_with("~~~")
        || trimmed.starts_with('|')
        || (!trimmed.is_empty()
            && trimmed
                .chars()
                .all(|c| matches!(c, '-' | '=' | '*' | '_' | ' ')));
    if structural {
        let indent = escaped.len() - trimmed.len();
        format!("{}\\{}", &escaped[..indent], trimmed)
    } else {
        escaped
    }
}

fn escape_inline(text: &str) -> String {
    text.replace('<', "\\<")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_cannot_become_html_or_headings() {
        assert_eq!(
            escape_line("<script>alert(1)</script>"),
            "\\<script>alert(1)\\</script>"
        );
        assert_eq!(escape_line("# not a heading"), "\\# not a heading");
        assert_eq!(escape_line("  ---"), "  \\---");
        assert_eq!(
            escape_line("snake_case and *args stay"),
            "snake_case and *args stay"
        );
        assert_eq!(block("  \n "), "_None written._");
    }
}
