//! The ATS summary: a short note for the scorecard field of an applicant-tracking system
//! (Greenhouse, Lever, Ashby), copied with "Copy summary" or `scorecard export --format
//! summary`.
//!
//! It is plain text that also renders as light Markdown: a title line, then `- ` lists, no
//! emphasis, headings, tables, check boxes or backticks. Whatever a person wrote is cleaned
//! and escaped only where Markdown would otherwise make a link, an image or a tag, so it reads
//! cleanly in a plain-text box. Every piece is capped in length, so even a 50-question
//! interview stays under [`MAX_CHARS`].

use std::fmt::Write;

use crate::model::scoring::{category_scores, overall_mean};
use crate::model::session::{QuestionOutcome, Session};

use super::text::{CodeSpans, md_inline, shorten, without_code_marks};
use super::{
    candidate_name, format_duration, interview_date, mean_text, rated_count, recommendation_text,
    single_line, unasked_line, was_asked,
};

/// The longest summary, in characters, whatever the scorecard holds (a 50-question interview
/// with every field at its longest stays under it).
pub const MAX_CHARS: usize = 8_000;

/// Characters kept of each of strengths, concerns and summary.
const FREE_TEXT_CHARS: usize = 400;
/// Characters kept of a question's prompt.
const PROMPT_CHARS: usize = 60;
/// Characters kept of each ticked rubric point, and of all of them together.
const POINT_CHARS: usize = 44;
const POINTS_CHARS: usize = 130;
/// Above this many asked questions, each line keeps the rating and the count of points
/// covered but not their words, and a shorter prompt, so the note stays one screen or two.
const COMPACT_ABOVE: usize = 12;
const COMPACT_PROMPT_CHARS: usize = 48;
/// Characters kept of a name, role or category.
const NAME_CHARS: usize = 80;

/// The summary as text. Pure and quick: the UI can call it on a click.
pub fn summary(session: &Session) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = write_summary(session, &mut out);
    out
}

/// User text for one line of the summary: cleaned, code marks dropped, shortened, escaped.
fn text(value: &str, max: usize) -> String {
    let plain = without_code_marks(&single_line(value));
    md_inline(&shorten(&plain, max), CodeSpans::Plain)
}

fn write_summary(session: &Session, out: &mut String) -> std::fmt::Result {
    writeln!(
        out,
        "Interview scorecard: {}",
        text(&candidate_name(session), NAME_CHARS)
    )?;
    writeln!(out)?;
    if !session.role.trim().is_empty() {
        writeln!(out, "- Role: {}", text(&session.role, NAME_CHARS))?;
    }
    if !session.interviewer.trim().is_empty() {
        writeln!(
            out,
            "- Interviewer: {}",
            text(&session.interviewer, NAME_CHARS)
        )?;
    }
    if let Some(date) = interview_date(session) {
        let mut line = date.format("%Y-%m-%d").to_string();
        if session.elapsed_secs >= 1.0 {
            line.push_str(&format!(", {}", format_duration(session.elapsed_secs)));
        }
        writeln!(out, "- Date: {line}")?;
    }
    writeln!(out, "- Recommendation: {}", recommendation_text(session))?;
    let scores = category_scores(session);
    let rated = rated_count(&scores);
    let asked = session.questions.iter().filter(|o| was_asked(o)).count();
    writeln!(
        out,
        "- Overall: {} ({rated} rated, {asked} of {} questions asked)",
        mean_text(overall_mean(session)),
        session.questions.len()
    )?;
    let by_category: Vec<String> = scores
        .iter()
        .filter(|s| s.rated > 0)
        .map(|s| {
            format!(
                "{} {}",
                text(&s.title, NAME_CHARS / 2),
                mean_text(s.mean_rating)
            )
        })
        .collect();
    if !by_category.is_empty() {
        // At most a dozen categories, so a plan that mixes many stays one line.
        let shown = by_category.len().min(12);
        let mut line = by_category[..shown].join("; ");
        if by_category.len() > shown {
            line.push_str(&format!("; {} more", by_category.len() - shown));
        }
        writeln!(out, "- By category: {line}")?;
    }
    if session.is_tampered() {
        writeln!(
            out,
            "- Warning: this scorecard was changed after it was submitted"
        )?;
    }
    writeln!(out)?;

    for (title, value) in [
        ("Strengths", &session.strengths),
        ("Concerns", &session.concerns),
        ("Summary", &session.summary),
    ] {
        if !value.trim().is_empty() {
            writeln!(out, "{title}: {}", text(value, FREE_TEXT_CHARS))?;
            writeln!(out)?;
        }
    }

    let asked: Vec<(usize, &QuestionOutcome)> = session
        .questions
        .iter()
        .enumerate()
        .filter(|(_, o)| was_asked(o))
        .collect();
    if !asked.is_empty() {
        writeln!(out, "Questions asked:")?;
        writeln!(out)?;
        let compact = asked.len() > COMPACT_ABOVE;
        for (index, outcome) in asked {
            writeln!(out, "- {}", question_line(index + 1, outcome, compact))?;
        }
    }
    if let Some(line) = unasked_line(session) {
        writeln!(out)?;
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// "Q1 Shallow vs deep copy…: 3/4 Solid. Covered 2 of 4: outer container only; deepcopy…"
fn question_line(number: usize, outcome: &QuestionOutcome, compact: bool) -> String {
    let q = &outcome.question;
    let rating = match outcome.rating {
        Some(rating) => format!("{}/4 {}", rating.value(), rating.label()),
        None => "not rated".to_string(),
    };
    let prompt_chars = if compact {
        COMPACT_PROMPT_CHARS
    } else {
        PROMPT_CHARS
    };
    let mut line = format!("Q{number} {}: {rating}.", text(&q.prompt, prompt_chars));
    if !q.listen_for.is_empty() {
        let ticked: Vec<String> = q
            .listen_for
            .iter()
            .enumerate()
            .filter(|(i, _)| outcome.is_ticked(*i))
            .map(|(_, point)| shorten(&without_code_marks(&single_line(point)), POINT_CHARS))
            .collect();
        line.push_str(&format!(
            " Covered {} of {}",
            ticked.len(),
            q.listen_for.len()
        ));
        if !ticked.is_empty() && !compact {
            let points = shorten(&ticked.join("; "), POINTS_CHARS);
            line.push_str(&format!(": {}", md_inline(&points, CodeSpans::Plain)));
        }
        if !line.ends_with('…') {
            line.push('.');
        }
    }
    let flags = outcome.red_flags.len();
    if flags > 0 {
        line.push_str(&format!(
            " {flags} red flag{}.",
            if flags == 1 { "" } else { "s" }
        ));
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::plan::QuestionSnapshot;
    use crate::model::session::Rating;

    #[test]
    fn a_question_reads_as_one_short_line() {
        let mut outcome = QuestionOutcome::new(QuestionSnapshot {
            prompt: "What does `copy.deepcopy` do with cycles, and why would you [care]?".into(),
            listen_for: vec![
                "Uses a `memo` dict keyed by `id()`".into(),
                "Mentions `__deepcopy__`".into(),
            ],
            ..QuestionSnapshot::default()
        });
        outcome.toggle_point(0, 1.0);
        outcome.rating = Some(Rating::Solid);
        let line = question_line(3, &outcome, false);
        assert_eq!(
            line,
            "Q3 What does copy.deepcopy do with cycles, and why would you…: 3/4 Solid. \
             Covered 1 of 2: Uses a memo dict keyed by id().",
        );
        assert!(!line.contains('`'));
    }
}
