//! A small panel for the panel tests: three interviewers × two candidates, one plan of six
//! questions in three weighted categories. Built in code (not committed files) so the seals
//! always match the current scorecard format.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, FixedOffset};
use interview_scorecard::model::{
    InterviewPlan, QuestionSnapshot, QuestionState, Rating, Recommendation, Session,
};
use interview_scorecard::store::sessions::{save_session, session_path};

pub const ANN: &str = "Ann Lee";
pub const BOB: &str = "Bob Stone";
pub const CLEO: &str = "Cleo Diaz";
pub const INTERVIEWERS: [&str; 3] = [ANN, BOB, CLEO];
pub const ADA: &str = "Ada Park";
pub const BEN: &str = "Ben Ortiz";

fn question(
    id: &str,
    category: &str,
    title: &str,
    prompt: &str,
    points: &[&str],
) -> QuestionSnapshot {
    QuestionSnapshot {
        id: id.into(),
        category: category.into(),
        category_title: title.into(),
        prompt: prompt.into(),
        listen_for: points.iter().map(|p| p.to_string()).collect(),
        minutes: 8,
        ..QuestionSnapshot::default()
    }
}

/// The plan: Python (weight 2), System design (weight 1.5), Behavioural (weight 1).
pub fn plan() -> InterviewPlan {
    InterviewPlan {
        title: "Backend engineer loop".into(),
        role: "Backend engineer".into(),
        target_minutes: 50,
        category_weights: [("python".to_string(), 2.0), ("design".to_string(), 1.5)]
            .into_iter()
            .collect(),
        questions: vec![
            question(
                "py.gil",
                "python",
                "Python",
                "What does the GIL protect, and when does it limit you?",
                &[
                    "Reference counting safety",
                    "CPU-bound threads do not run in parallel",
                    "I/O releases the GIL",
                    "multiprocessing or native code as ways out",
                ],
            ),
            question(
                "py.generators",
                "python",
                "Python",
                "When would you use a generator instead of a list?",
                &[
                    "Lazy evaluation",
                    "Memory for large or infinite streams",
                    "Single pass only",
                ],
            ),
            question(
                "sd.cache",
                "design",
                "System design",
                "Design a cache in front of a slow product-catalogue API.",
                &[
                    "Read/write ratio first",
                    "Invalidation strategy",
                    "TTL and staleness budget",
                    "Stampede protection",
                    "Metrics for hit rate",
                ],
            ),
            question(
                "sd.queue",
                "design",
                "System design",
                "How would you make a job queue survive a worker crash?",
                &[
                    "Acknowledgement after work",
                    "Idempotent jobs",
                    "Visibility timeout or lease",
                    "Dead-letter queue",
                ],
            ),
            question(
                "beh.conflict",
                "behaviour",
                "Behavioural",
                "Tell me about a disagreement with a colleague and how it ended.",
                &[
                    "Specific situation",
                    "Listened to the other view",
                    "Outcome and what they learned",
                ],
            ),
            question(
                "beh.ownership",
                "behaviour",
                "Behavioural",
                "Describe something you owned from start to finish.",
                &[
                    "Scope they set themselves",
                    "Handled setbacks",
                    "Measured the result",
                ],
            ),
        ],
        ..InterviewPlan::default()
    }
}

/// Ratings per question in plan order, and the call, for each candidate × interviewer.
pub fn ratings(candidate: &str, interviewer: &str) -> ([u8; 6], Recommendation) {
    use Recommendation::*;
    match (candidate, interviewer) {
        (ADA, ANN) => ([3, 4, 3, 3, 3, 4], Yes),
        (ADA, BOB) => ([3, 3, 1, 2, 3, 3], No),
        (ADA, CLEO) => ([4, 4, 3, 3, 4, 4], StrongYes),
        (BEN, ANN) => ([2, 2, 3, 2, 3, 3], No),
        (BEN, BOB) => ([2, 1, 2, 2, 2, 3], StrongNo),
        (BEN, CLEO) => ([3, 2, 3, 3, 2, 4], NoDecision),
        _ => ([2, 2, 2, 2, 2, 2], NoDecision),
    }
}

/// The notes an interviewer wrote for a question.
pub fn note(candidate: &str, interviewer: &str, question: &str) -> String {
    let first = candidate.split(' ').next().unwrap_or(candidate);
    match (candidate, interviewer, question) {
        (ADA, BOB, "sd.cache") => format!(
            "{first} went straight to Redis without asking about the read/write ratio or how stale a price may be. Could not explain a cache stampede even with a hint."
        ),
        (ADA, ANN, "sd.cache") => format!(
            "{first} asked about staleness first, proposed TTL plus explicit invalidation on price changes."
        ),
        (ADA, CLEO, "sd.cache") => {
            format!("{first} covered TTLs and invalidation; stampede only after a prompt.")
        }
        _ => {
            let (rating, _) = ratings(candidate, interviewer);
            let index = plan()
                .questions
                .iter()
                .position(|q| q.id == question)
                .unwrap_or(0);
            match rating[index] {
                4 => format!("{first} covered every point and went deeper than the rubric."),
                3 => format!("{first} gave a solid answer with little help."),
                2 => format!("{first} had the idea but needed prompting on the details."),
                _ => format!("{first} could not answer this one."),
            }
        }
    }
}

/// When an interviewer met a candidate: distinct times give distinct scorecard ids.
pub fn interview_time(candidate: &str, interviewer: &str) -> DateTime<FixedOffset> {
    let day = if candidate == ADA { 2 } else { 3 };
    let hour = 9 + INTERVIEWERS
        .iter()
        .position(|i| *i == interviewer)
        .unwrap_or(0) as u32
        * 2;
    DateTime::parse_from_rfc3339(&format!("2026-03-0{day}T{hour:02}:00:00+01:00"))
        .expect("valid date")
}

/// One interviewer's scorecard for one candidate, submitted or still a draft.
pub fn scorecard(candidate: &str, interviewer: &str, submitted: bool) -> Session {
    let started = interview_time(candidate, interviewer);
    let mut session = Session::start(&plan(), candidate, "Backend engineer", interviewer, started);
    let (rating, call) = ratings(candidate, interviewer);
    for (index, outcome) in session.questions.iter_mut().enumerate() {
        let value = rating[index];
        outcome.rating = Rating::from_value(value);
        outcome.state = QuestionState::Covered;
        let points = outcome.question.listen_for.len();
        let ticked = (points * usize::from(value)).div_ceil(4).min(points);
        for point in 0..ticked {
            outcome.toggle_point(point, 60.0 * index as f64 + point as f64 * 10.0);
        }
        outcome.notes = note(candidate, interviewer, &outcome.question.id);
        outcome.time_secs = 420.0;
    }
    session.elapsed_secs = 2700.0;
    session.recommendation = Some(call);
    session.strengths = "Clear communicator.".into();
    let finished = started + Duration::minutes(50);
    session.finish(finished);
    if submitted {
        session
            .submit(finished + Duration::minutes(10))
            .expect("submit");
    }
    session
}

/// The full panel; `draft` names one (candidate, interviewer) scorecard left unsubmitted.
pub fn panel(draft: Option<(&str, &str)>) -> Vec<Session> {
    let mut sessions = Vec::new();
    for candidate in [ADA, BEN] {
        for interviewer in INTERVIEWERS {
            let submitted = draft != Some((candidate, interviewer));
            sessions.push(scorecard(candidate, interviewer, submitted));
        }
    }
    sessions
}

/// Writes scorecards as the app saves them (one file each); returns the paths.
pub fn write_panel(dir: &Path, sessions: &[Session]) -> Vec<PathBuf> {
    std::fs::create_dir_all(dir).expect("create panel folder");
    sessions
        .iter()
        .map(|session| {
            let path = session_path(dir, session);
            save_session(&path, session).expect("write scorecard");
            path
        })
        .collect()
}

/// The committed files that must be refused, each for its own reason.
pub fn reject_fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/panel")
}

/// A large panel: `candidates` × `interviewers` submitted scorecards of `questions` questions
/// in five categories, with ratings spread deterministically.
pub fn large_panel(candidates: usize, interviewers: usize, questions: usize) -> Vec<Session> {
    let plan = InterviewPlan {
        title: "Large loop".into(),
        questions: (0..questions)
            .map(|q| {
                question(
                    &format!("q.{q:02}"),
                    &format!("cat{}", q % 5),
                    &format!("Category {}", q % 5 + 1),
                    &format!("Question number {q} of the large loop"),
                    &["first point", "second point", "third point", "fourth point"],
                )
            })
            .collect(),
        ..InterviewPlan::default()
    };
    let mut sessions = Vec::new();
    for c in 0..candidates {
        for i in 0..interviewers {
            let started = DateTime::parse_from_rfc3339("2026-03-02T09:00:00+01:00").expect("date")
                + Duration::minutes((c * interviewers + i) as i64);
            let mut session = Session::start(
                &plan,
                &format!("Candidate {c:02}"),
                "Engineer",
                &format!("Interviewer {i}"),
                started,
            );
            for (q, outcome) in session.questions.iter_mut().enumerate() {
                outcome.rating = Rating::from_value(((c * 7 + i * 3 + q * 5) % 4 + 1) as u8);
                outcome.state = QuestionState::Covered;
                outcome.notes = format!("Notes of interviewer {i} on question {q}.");
            }
            session.recommendation = Some(Recommendation::ALL[(c + i) % 5]);
            session.finish(started + Duration::minutes(60));
            session
                .submit(started + Duration::minutes(61))
                .expect("submit");
            sessions.push(session);
        }
    }
    sessions
}
