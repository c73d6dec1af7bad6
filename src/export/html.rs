//! One self-contained, printable HTML page: inline CSS, no scripts, no external assets. Every
//! text a person wrote is escaped, and a Content-Security-Policy forbids scripts and remote
//! loads as a second line of defence.

use std::fmt::Write;

use crate::model::scoring::category_scores;
use crate::model::session::{QuestionOutcome, Session};

use super::text::{Span, spans};
use super::{
    Options, candidate_name, duration_text, format_datetime, interview_date, mean_text,
    overall_text, percent, question_time_text, rating_text, recommendation_text, single_line,
    status_text, unasked_line, was_asked,
};

const STYLE: &str = r#"
:root { --ink: #1d2330; --muted: #5b6474; --line: #d9dee7; --accent: #2f5fb3; --good: #2e7d4f; --bad: #b3392f; --bg: #f5f7fa; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--ink); font: 15px/1.5 "Noto Sans", "Segoe UI", system-ui, -apple-system, sans-serif; }
main { max-width: 880px; margin: 24px auto; background: #fff; padding: 32px 40px; border: 1px solid var(--line); border-radius: 8px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 28px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--line); }
h3 { font-size: 16px; margin: 16px 0 6px; }
.meta { display: grid; grid-template-columns: 9.5em 1fr; gap: 2px 16px; margin: 12px 0 0; }
.meta dt { color: var(--muted); }
.meta dd { margin: 0; }
.warning { color: var(--bad); font-weight: 600; }
.recommendation { font-size: 20px; font-weight: 700; color: var(--accent); margin: 4px 0; }
.recommendation.yes { color: var(--good); }
.recommendation.no { color: var(--bad); }
.text { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0; }
.empty { color: var(--muted); font-style: italic; }
table.categories { border-collapse: collapse; width: 100%; }
table.categories th, table.categories td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: middle; }
table.categories th { color: var(--muted); font-weight: 600; font-size: 13px; }
.bar { width: 140px; height: 10px; background: #e6eaf0; border-radius: 5px; overflow: hidden; display: inline-block; vertical-align: middle; margin-right: 8px; }
.bar span { display: block; height: 100%; background: var(--accent); }
.question { border: 1px solid var(--line); border-radius: 6px; padding: 12px 16px; margin: 12px 0; break-inside: avoid; page-break-inside: avoid; }
.question h3 { margin-top: 0; }
.question .tag { color: var(--muted); font-weight: 400; }
.prompt { font-weight: 600; margin: 4px 0 8px; }
.facts { display: grid; grid-template-columns: 9.5em 1fr; gap: 2px 14px; margin: 0; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; }
ul.points { list-style: none; padding: 0; margin: 0; }
ul.points li { padding-left: 1.5em; text-indent: -1.5em; }
ul.points li.ticked::before { content: "\2713\00a0\00a0"; color: var(--good); font-weight: 700; }
ul.points li.unticked::before { content: "\2013\00a0\00a0"; color: var(--muted); }
ul.points li.unticked { color: var(--muted); }
ul.flags li { color: var(--bad); }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.notes-label { color: var(--muted); margin-top: 6px; }
.notes { background: var(--bg); border-left: 3px solid var(--line); padding: 6px 10px; margin: 2px 0 0; }
code { font-family: "Noto Sans Mono", "DejaVu Sans Mono", Consolas, Menlo, monospace; font-size: 0.9em; background: #eef1f5; border-radius: 3px; padding: 0 3px; }
.notes code { background: #e3e7ee; }
.unasked { color: var(--muted); margin: 12px 0; }
footer { color: var(--muted); font-size: 12px; margin-top: 28px; }
@media print {
  @page { size: A4; margin: 16mm 14mm; }
  body { background: #fff; font-size: 11pt; }
  main { margin: 0; padding: 0; border: 0; max-width: none; }
  h2 { break-after: avoid; page-break-after: avoid; }
  .bar, .bar span { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"#;

/// The scorecard as a standalone HTML document, asked questions in full.
pub fn html(session: &Session) -> String {
    html_with(session, &Options::default())
}

/// The scorecard as a standalone HTML document.
pub fn html_with(session: &Session, options: &Options) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = write_html(session, options, &mut out);
    out
}

fn write_html(session: &Session, options: &Options, out: &mut String) -> std::fmt::Result {
    let name = candidate_name(session);
    writeln!(out, "<!DOCTYPE html>")?;
    writeln!(out, "<html lang=\"en\">")?;
    writeln!(out, "<head>")?;
    writeln!(out, "<meta charset=\"utf-8\">")?;
    writeln!(
        out,
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
    )?;
    writeln!(
        out,
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    )?;
    writeln!(out, "<title>Interview scorecard: {}</title>", esc(&name))?;
    writeln!(out, "<style>{STYLE}</style>")?;
    writeln!(out, "</head>")?;
    writeln!(out, "<body>")?;
    writeln!(out, "<main>")?;
    writeln!(
        out,
        "<h1>Interview scorecard: <bdi>{}</bdi></h1>",
        esc(&name)
    )?;

    writeln!(out, "<dl class=\"meta\">")?;
    for (label, value) in [
        ("Role", single_line(&session.role)),
        ("Interviewer", single_line(&session.interviewer)),
        ("Interview plan", single_line(&session.plan_title)),
        ("Level", session.target_level.label().to_string()),
    ] {
        if !value.is_empty() {
            writeln!(out, "<dt>{label}</dt><dd><bdi>{}</bdi></dd>", esc(&value))?;
        }
    }
    if let Some(date) = interview_date(session) {
        writeln!(
            out,
            "<dt>Date</dt><dd>{}</dd>",
            esc(&format_datetime(&date))
        )?;
    }
    writeln!(
        out,
        "<dt>Duration</dt><dd>{}</dd>",
        esc(&duration_text(session))
    )?;
    let status_class = if session.is_tampered() {
        " class=\"warning\""
    } else {
        ""
    };
    writeln!(
        out,
        "<dt>Status</dt><dd{status_class}>{}</dd>",
        esc(&status_text(session))
    )?;
    if session.anonymised {
        writeln!(
            out,
            "<dt>Anonymised</dt><dd>name and notes removed under the retention policy</dd>"
        )?;
    }
    writeln!(out, "</dl>")?;

    writeln!(out, "<h2>Recommendation</h2>")?;
    let call_class = match session.recommendation {
        Some(r) if r.is_yes() => " yes",
        Some(r) if r.is_no() => " no",
        _ => "",
    };
    writeln!(
        out,
        "<p class=\"recommendation{call_class}\">{}</p>",
        esc(recommendation_text(session))
    )?;
    let scores = category_scores(session);
    writeln!(out, "<p>{}</p>", esc(&overall_text(session, &scores)))?;
    for (title, text) in [
        ("Strengths", &session.strengths),
        ("Concerns", &session.concerns),
        ("Summary", &session.summary),
    ] {
        writeln!(out, "<h3>{title}</h3>")?;
        writeln!(out, "{}", text_block(text))?;
    }

    if !scores.is_empty() {
        writeln!(out, "<h2>Categories</h2>")?;
        writeln!(out, "<table class=\"categories\">")?;
        writeln!(
            out,
            "<thead><tr><th>Category</th><th>Mean rating</th><th>Rubric coverage</th><th>Rated</th></tr></thead>"
        )?;
        writeln!(out, "<tbody>")?;
        for score in &scores {
            // The bar's width is the figure printed beside it, rounded the same way.
            let width = percent(score.coverage);
            writeln!(
                out,
                "<tr><td><bdi>{}</bdi></td><td>{}</td><td><span class=\"bar\" role=\"img\" aria-label=\"{}\"><span style=\"width: {width}\"></span></span>{}</td><td>{} of {}</td></tr>",
                esc(&single_line(&score.title)),
                esc(&mean_text(score.mean_rating)),
                esc(&percent(score.coverage)),
                esc(&percent(score.coverage)),
                score.rated,
                score.questions
            )?;
        }
        writeln!(out, "</tbody>")?;
        writeln!(out, "</table>")?;
    }

    writeln!(out, "<h2>Questions</h2>")?;
    for (index, outcome) in session.questions.iter().enumerate() {
        if options.all_questions || was_asked(outcome) {
            write_question(out, index + 1, outcome)?;
        }
    }
    if !options.all_questions {
        if let Some(line) = unasked_line(session) {
            writeln!(out, "<p class=\"unasked\">{}</p>", esc(&line))?;
        }
    }

    if !session.amendments.is_empty() {
        writeln!(out, "<h2>Amendments after submission</h2>")?;
        writeln!(out, "<ul>")?;
        for amendment in &session.amendments {
            let reason = single_line(&amendment.reason);
            let reason = if reason.is_empty() {
                "no reason given".to_string()
            } else {
                reason
            };
            writeln!(
                out,
                "<li><strong>{}</strong>: <bdi>{}</bdi>",
                esc(&format_datetime(&amendment.at)),
                esc(&reason)
            )?;
            if !amendment.changes.is_empty() {
                writeln!(out, "<ul>")?;
                for change in &amendment.changes {
                    writeln!(out, "<li>{}</li>", esc(change))?;
                }
                writeln!(out, "</ul>")?;
            }
            writeln!(out, "</li>")?;
        }
        writeln!(out, "</ul>")?;
    }
    writeln!(out, "<footer>Exported from Interview Scorecard.</footer>")?;
    writeln!(out, "</main>")?;
    writeln!(out, "</body>")?;
    writeln!(out, "</html>")?;
    Ok(())
}

fn write_question(out: &mut String, number: usize, outcome: &QuestionOutcome) -> std::fmt::Result {
    let q = &outcome.question;
    writeln!(out, "<section class=\"question\">")?;
    writeln!(
        out,
        "<h3>Q{number}. <bdi>{}</bdi> <span class=\"tag\">· {}{}</span></h3>",
        esc(&single_line(&q.category_title)),
        q.level.label(),
        if q.ad_hoc { " · ad-hoc" } else { "" }
    )?;
    writeln!(
        out,
        "<p class=\"prompt text\" dir=\"auto\">{}</p>",
        rich(q.prompt.trim())
    )?;
    writeln!(out, "<dl class=\"facts\">")?;
    match outcome.rating {
        Some(rating) => writeln!(
            out,
            "<dt>Rating</dt><dd><strong>{}</strong> — {}</dd>",
            esc(&rating_text(outcome)),
            esc(rating.anchor())
        )?,
        None => writeln!(out, "<dt>Rating</dt><dd class=\"empty\">Not rated</dd>")?,
    }
    writeln!(
        out,
        "<dt>Rubric</dt><dd>{} of {} points<ul class=\"points\">",
        outcome.ticked.len(),
        q.listen_for.len()
    )?;
    for (i, point) in q.listen_for.iter().enumerate() {
        let (class, state) = if outcome.is_ticked(i) {
            ("ticked", "covered")
        } else {
            ("unticked", "not covered")
        };
        writeln!(
            out,
            "<li class=\"{class}\" dir=\"auto\"><span class=\"sr\">{state}: </span>{}</li>",
            rich(&single_line(point))
        )?;
    }
    writeln!(out, "</ul></dd>")?;
    if !q.red_flags.is_empty() {
        let observed: Vec<&String> = outcome.observed_red_flags();
        if observed.is_empty() {
            writeln!(out, "<dt>Red flags</dt><dd>none observed</dd>")?;
        } else {
            writeln!(
                out,
                "<dt>Red flags</dt><dd>{} of {} observed<ul class=\"flags\">",
                observed.len(),
                q.red_flags.len()
            )?;
            for flag in observed {
                writeln!(out, "<li dir=\"auto\">{}</li>", rich(&single_line(flag)))?;
            }
            writeln!(out, "</ul></dd>")?;
        }
    }
    let asked: Vec<&String> = outcome.asked_follow_ups();
    if !asked.is_empty() {
        writeln!(out, "<dt>Follow-ups asked</dt><dd><ul>")?;
        for follow_up in asked {
            writeln!(
                out,
                "<li dir=\"auto\">{}</li>",
                rich(&single_line(follow_up))
            )?;
        }
        writeln!(out, "</ul></dd>")?;
    }
    writeln!(
        out,
        "<dt>Time</dt><dd>{}</dd>",
        esc(&question_time_text(outcome))
    )?;
    writeln!(
        out,
        "<dt>State</dt><dd>{}{}</dd>",
        outcome.state.label(),
        if outcome.flagged {
            " (flagged to revisit)"
        } else {
            ""
        }
    )?;
    writeln!(out, "</dl>")?;
    writeln!(out, "<div class=\"notes-label\">Notes</div>")?;
    if outcome.notes.trim().is_empty() {
        writeln!(out, "<p class=\"notes empty\">No notes.</p>")?;
    } else {
        writeln!(
            out,
            "<p class=\"notes text\" dir=\"auto\">{}</p>",
            rich(outcome.notes.trim_end())
        )?;
    }
    writeln!(out, "</section>")?;
    Ok(())
}

fn text_block(text: &str) -> String {
    let text = text.trim();
    if text.is_empty() {
        "<p class=\"empty\">None written.</p>".to_string()
    } else {
        format!("<p class=\"text\" dir=\"auto\">{}</p>", rich(text))
    }
}

/// User text escaped, with `code` spans shown as code (monospace, without the backticks).
pub fn rich(text: &str) -> String {
    let normalised = text.replace("\r\n", "\n").replace('\r', "\n");
    normalised
        .split('\n')
        .map(|line| {
            spans(line)
                .into_iter()
                .map(|span| match span {
                    Span::Plain(plain) => esc(plain),
                    Span::Code(code) => format!("<code>{}</code>", esc(code)),
                })
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Escapes text for element content and quoted attribute values.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let normalised = text.replace("\r\n", "\n").replace('\r', "\n");
    for c in normalised.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters other than line breaks and tabs are invalid in HTML text.
            c if c.is_control() && !matches!(c, '\n' | '\t') => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_quotes_and_controls() {
        assert_eq!(
            esc("<script>alert('x')</script>"),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"
        );
        assert_eq!(esc("a & \"b\""), "a &amp; &quot;b&quot;");
        assert_eq!(esc("a\u{0}b\r\nc\rd"), "a\u{FFFD}b\nc\nd");
    }

    #[test]
    fn inline_code_becomes_code_elements() {
        assert_eq!(
            rich("use `a<b>` and `x`\nnot ` this"),
            "use <code>a&lt;b&gt;</code> and <code>x</code>\nnot ` this"
        );
    }
}
