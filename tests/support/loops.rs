//! A three-interview hiring loop and signed scorecards for it, shared by the loop tests.
#![allow(dead_code)]

use chrono::{DateTime, Duration, FixedOffset};
use interview_scorecard::model::loop_plan::{
    Candidates, Competency, LoopCandidate, LoopInterview, LoopPlan,
};
use interview_scorecard::model::plan::QuestionSnapshot;
use interview_scorecard::model::session::{Rating, Recommendation, Session};
use interview_scorecard::model::signature::{self, SigningKey};

pub fn at(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).expect("test date")
}

/// Monday 9:00 in Paris: the first interview starts then.
pub fn monday() -> DateTime<FixedOffset> {
    at("2026-03-02T09:00:00+01:00")
}

pub fn question(id: &str, category: &str, tags: &[&str]) -> QuestionSnapshot {
    QuestionSnapshot {
        id: id.into(),
        category: category.into(),
        category_title: category.replace('-', " "),
        prompt: format!("Prompt of {id}"),
        listen_for: vec!["first point".into(), "second point".into()],
        red_flags: vec!["a red flag".into()],
        minutes: 10,
        tags: tags.iter().map(|t| t.to_string()).collect(),
        ..QuestionSnapshot::default()
    }
}

pub fn interview(
    id: &str,
    title: &str,
    who: &str,
    covers: &[&str],
    questions: Vec<QuestionSnapshot>,
) -> LoopInterview {
    LoopInterview {
        id: id.into(),
        title: title.into(),
        interviewer: who.into(),
        covers: covers.iter().map(|c| c.to_string()).collect(),
        minutes: 45,
        questions,
    }
}

/// Coding (Ann), System design (Bob), Collaboration (Cy) for Ada and Grace, each interview
/// covering its own competency once.
pub fn three_interview_loop() -> LoopPlan {
    let mut plan = LoopPlan {
        id: "backend-2026".into(),
        title: "Backend engineer loop".into(),
        role: "Backend engineer".into(),
        competencies: vec![
            Competency {
                id: "coding".into(),
                title: "Coding".into(),
                categories: vec!["python".into()],
                tags: vec![],
            },
            Competency {
                id: "design".into(),
                title: "System design".into(),
                categories: vec!["system-design".into()],
                tags: vec![],
            },
            Competency {
                id: "collab".into(),
                title: "Collaboration".into(),
                categories: vec![],
                tags: vec!["communication".into()],
            },
        ],
        interviews: vec![
            interview(
                "coding",
                "Coding",
                "Ann Lee",
                &["coding"],
                vec![
                    question("py.gen", "python", &[]),
                    question("py.ctx", "python", &[]),
                ],
            ),
            interview(
                "design",
                "System design",
                "Bob Ng",
                &["design"],
                vec![question("sd.cache", "system-design", &[])],
            ),
            interview(
                "behaviour",
                "Collaboration",
                "Cy Twombly",
                &["collab"],
                vec![question("bh.conflict", "behaviour", &["communication"])],
            ),
        ],
        ..LoopPlan::default()
    };
    plan.weights.insert("design".into(), 2.0);
    let schedule = |offset_hours: i64| {
        ["coding", "design", "behaviour"]
            .iter()
            .enumerate()
            .map(|(i, id)| {
                (
                    id.to_string(),
                    monday() + Duration::hours(offset_hours + i as i64),
                )
            })
            .collect()
    };
    plan.candidates = Candidates::Named(vec![
        LoopCandidate {
            name: "Ada Lovelace".into(),
            schedule: schedule(0),
        },
        LoopCandidate {
            name: "Grace Hopper".into(),
            schedule: schedule(24),
        },
    ]);
    plan
}

pub fn key_of(name: &str) -> SigningKey {
    let seed = name
        .bytes()
        .fold(7u8, |a, b| a.wrapping_mul(31).wrapping_add(b));
    SigningKey::from_bytes(&[seed; 32])
}

/// `interviewer`'s scorecard of `interview` for `candidate`, every question rated `rating`,
/// submitted and signed (`submit: false` leaves a draft).
pub fn scorecard(
    plan: &LoopPlan,
    interview: &str,
    candidate: &str,
    rating: u8,
    recommendation: Recommendation,
    submit: bool,
) -> Session {
    let assigned = plan
        .interview(interview)
        .expect("interview")
        .interviewer
        .clone();
    let start = plan
        .candidate(candidate)
        .and_then(|c| c.schedule.get(interview).copied())
        .unwrap_or_else(monday);
    let mut session = plan
        .start_session(interview, candidate, None, start)
        .expect("starts");
    for (i, outcome) in session.questions.iter_mut().enumerate() {
        outcome.rating = Rating::from_value(rating);
        outcome.toggle_point(0, 30.0 * i as f64);
        outcome.notes = format!("{assigned} on {}", outcome.question.id);
        outcome.state = interview_scorecard::model::QuestionState::Covered;
    }
    session.recommendation = Some(recommendation);
    if submit {
        session
            .submit(start + Duration::minutes(50))
            .expect("submits");
        signature::sign(&mut session, &key_of(&assigned));
    }
    session
}

/// Saves a scorecard in `data`'s sessions folder (signing it when submitted, as the app does)
/// and publishes it into the shared `folder`, as an interviewer's app does.
pub fn write_through_store(
    data: &std::path::Path,
    folder: &std::path::Path,
    session: &Session,
) -> std::path::PathBuf {
    use interview_scorecard::store::{loop_folder, sessions};
    let own = sessions::session_path(&data.join("sessions"), session);
    sessions::save_session(&own, session).expect("saved");
    loop_folder::publish_scorecard(folder, &own).expect("published")
}
