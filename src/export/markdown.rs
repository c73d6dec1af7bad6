//! The full report as Markdown, for people and wikis (the short note for an applicant-tracking
//! system is [`super::summary`]). It reads well as plain text and renders as tidy Markdown.
//! Every text a person wrote is escaped so it stays text: no link, image, tag or heading can
//! come from a note, a name or a question.

use std::fmt::Write;

use crate::model::scoring::category_scores;
use crate::model::session::{QuestionOutcome, Session};

use super::text::{CodeSpans, md_inline, md_lines};
use super::{
    Options, candidate_name, duration_text, format_datetime, interview_date, mean_text,
    overall_text, percent, question_time_text, rating_text, recommendation_text, single_line,
    status_text, unasked_line, was_asked,
};

/// The scorecard as Markdown, asked questions in full.
pub fn markdown(session: &Session) -> String {
    markdown_with(session, &Options::default())
}

/// The scorecard as Markdown.
pub fn markdown_with(session: &Session, options: &Options) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = write_markdown(session, options, &mut out);
    out
}

fn write_markdown(session: &Session, options: &Options, out: &mut String) -> std::fmt::Result {
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
    let scores = category_scores(session);
    writeln!(out, "{}", overall_text(session, &scores))?;
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
        if options.all_questions || was_asked(outcome) {
            writeln!(out)?;
            write_question(out, index + 1, outcome)?;
        }
    }
    if !options.all_questions {
        if let Some(line) = unasked_line(session) {
            writeln!(out)?;
            writeln!(out, "{line}")?;
        }
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
        for line in md_lines(outcome.notes.trim_end(), CodeSpans::Keep) {
            if line.trim().is_empty() {
                writeln!(out, "  >")?;
            } else {
                writeln!(out, "  > {line}")?;
            }
        }
    }
    Ok(())
}

/// User text on one line inside our own structure.
fn inline(text: &str) -> String {
    md_inline(text, CodeSpans::Keep)
}

/// Multi-line user text as paragraphs; empty text says so.
fn block(text: &str) -> String {
    let text = text.trim();
    if text.is_empty() {
        return "_None written._".to_string();
    }
    md_lines(text, CodeSpans::Keep).join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_cannot_become_html_headings_or_links() {
        assert_eq!(
            block("<script>alert(1)</script>\n# not a heading\n  ---"),
            "\\<script>alert(1)\\</script>\n\\# not a heading\n  \\---"
        );
        assert_eq!(
            inline("[click](javascript:alert(1)) ![i](http://x/p.png)"),
            "\\[click\\](javascript:alert(1)) !\\[i\\](http\\://x/p.png)"
        );
        assert_eq!(
            block("snake_case and *args stay"),
            "snake_case and *args stay"
        );
        assert_eq!(block("  \n "), "_None written._");
    }
}
