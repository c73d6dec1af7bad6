//! A synthetic interview history with known properties, for the question-health tests and
//! bench: candidates with a true ability, interviewers with a leniency, questions with a known
//! discrimination — and four questions made useless on purpose:
//!
//! - [`FLAT`]: its rating is noise, unrelated to ability (no discrimination);
//! - [`CEILING`]: almost everyone gets the top rating;
//! - [`HIDDEN`]: its fourth rubric point can never be observed (never ticked);
//! - [`LEAKED`]: asked of every candidate in the last two months (overexposed).
//!
//! Each candidate is interviewed by two interviewers with the same plan, so agreement can be
//! measured. Seeded: the same arguments always give the same history.

#![allow(dead_code)]

use chrono::{DateTime, Duration, FixedOffset};
use interview_scorecard::model::session::Tick;
use interview_scorecard::model::{
    QuestionOutcome, QuestionSnapshot, QuestionState, Rating, Recommendation, Session,
};

pub const FLAT: &str = "gen.flat";
pub const CEILING: &str = "gen.ceiling";
pub const HIDDEN: &str = "gen.hidden";
pub const LEAKED: &str = "gen.leaked";
/// The ordinary, well-behaved questions are `gen.q00` … `gen.q{N-1}`.
pub const GOOD_QUESTIONS: usize = 26;
/// Questions in each plan, besides [`LEAKED`] when it is in use.
pub const PLAN_SIZE: usize = 6;
/// Days of history before [`now`].
pub const HISTORY_DAYS: i64 = 730;
/// [`LEAKED`] is in every plan within this many days of [`now`].
pub const LEAK_DAYS: i64 = 60;
/// The question whose rubric was edited halfway through the history (two versions).
pub const EDITED: &str = "gen.q00";

/// The end of the synthetic history.
pub fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-03-01T17:00:00+00:00").expect("valid date")
}

/// SplitMix64: small, seeded, the same on every platform.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Standard normal (Box–Muller).
    pub fn normal(&mut self) -> f64 {
        let u = self.unit().max(1e-12);
        let v = self.unit();
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
}

/// What the generator knows about a question.
#[derive(Clone, Debug)]
pub struct Truth {
    pub snapshot: QuestionSnapshot,
    /// How strongly the rating follows ability (0: not at all).
    pub discrimination: f64,
    pub difficulty: f64,
    /// Difficulty of each rubric point; `None`: never observable.
    pub point_difficulty: Vec<Option<f64>>,
}

fn snapshot(id: &str, hash: &str) -> QuestionSnapshot {
    QuestionSnapshot {
        id: id.into(),
        category: "python".into(),
        category_title: "Python".into(),
        prompt: format!("Synthetic question {id}: explain it."),
        listen_for: (1..=4).map(|i| format!("{id} point {i}")).collect(),
        red_flags: (1..=2).map(|i| format!("{id} red flag {i}")).collect(),
        minutes: 5,
        rubric_hash: hash.into(),
        ..QuestionSnapshot::default()
    }
}

/// The question bank of the synthetic history, useless questions included.
pub fn questions(rng: &mut Rng) -> Vec<Truth> {
    let mut list = Vec::new();
    for i in 0..GOOD_QUESTIONS {
        let id = format!("gen.q{i:02}");
        list.push(Truth {
            snapshot: snapshot(&id, &format!("{id}-v1")),
            discrimination: 1.0 + rng.unit() * 0.6,
            difficulty: rng.normal() * 0.4,
            point_difficulty: (0..4).map(|_| Some(rng.unit() * 1.6 - 0.8)).collect(),
        });
    }
    let good_points = || vec![Some(-0.5), Some(0.0), Some(0.3), Some(0.6)];
    list.push(Truth {
        snapshot: snapshot(FLAT, "flat-v1"),
        discrimination: 0.0,
        difficulty: 0.0,
        point_difficulty: good_points(),
    });
    list.push(Truth {
        snapshot: snapshot(CEILING, "ceiling-v1"),
        discrimination: 1.0,
        difficulty: -3.0,
        point_difficulty: good_points(),
    });
    list.push(Truth {
        snapshot: snapshot(HIDDEN, "hidden-v1"),
        discrimination: 1.2,
        difficulty: 0.0,
        point_difficulty: vec![Some(-0.5), Some(0.0), Some(0.3), None],
    });
    list.push(Truth {
        snapshot: snapshot(LEAKED, "leaked-v1"),
        discrimination: 1.2,
        difficulty: 0.0,
        point_difficulty: good_points(),
    });
    list
}

fn logistic(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// A history of `candidates` × 2 submitted scorecards over [`HISTORY_DAYS`] days.
pub fn history(candidates: usize, seed: u64) -> Vec<Session> {
    let mut rng = Rng::new(seed);
    let bank = questions(&mut rng);
    let leaked = bank.len() - 1;
    let interviewers: Vec<(String, f64)> = (0..12)
        .map(|i| (format!("Interviewer {i:02}"), rng.normal() * 0.15))
        .collect();
    let mut cards = Vec::with_capacity(candidates * 2);
    for c in 0..candidates {
        let ability = rng.normal();
        // Oldest first, evenly spread, the last one on `now`'s day.
        let days_ago = HISTORY_DAYS - (HISTORY_DAYS * (c as i64 + 1)) / candidates as i64;
        let date = now() - Duration::days(days_ago) - Duration::hours(2);
        let mut plan: Vec<usize> = Vec::with_capacity(PLAN_SIZE + 1);
        while plan.len() < PLAN_SIZE {
            let pick = rng.below(leaked);
            if !plan.contains(&pick) {
                plan.push(pick);
            }
        }
        if days_ago < LEAK_DAYS || rng.unit() < 0.02 {
            plan.push(leaked);
        }
        let first = rng.below(interviewers.len());
        let second = (first + 1 + rng.below(interviewers.len() - 1)) % interviewers.len();
        for (slot, who) in [first, second].into_iter().enumerate() {
            let (name, leniency) = &interviewers[who];
            let mut session = Session {
                id: format!("gen-{c:05}-{slot}"),
                candidate: format!("Candidate {c:05}"),
                role: "Backend engineer".into(),
                interviewer: name.clone(),
                plan_title: "Synthetic loop".into(),
                started_at: Some(date + Duration::minutes(70 * slot as i64)),
                ..Session::default()
            };
            for &index in &plan {
                let truth = &bank[index];
                let mut q = truth.snapshot.clone();
                // The edited question: a new rubric version for the second half of the history.
                if q.id == EDITED && c >= candidates / 2 {
                    q.rubric_hash = format!("{EDITED}-v2");
                    q.listen_for[0] = format!("{EDITED} point 1, reworded");
                }
                let mut outcome = QuestionOutcome::new(q);
                outcome.state = QuestionState::Covered;
                let rating = if truth.discrimination == 0.0 {
                    1 + rng.below(4) as u8
                } else {
                    let latent = truth.discrimination * ability - truth.difficulty
                        + leniency
                        + rng.normal() * 0.3;
                    1 + u8::from(latent > -0.9) + u8::from(latent > 0.0) + u8::from(latent > 0.9)
                };
                outcome.rating = Rating::from_value(rating);
                for (point, difficulty) in truth.point_difficulty.iter().enumerate() {
                    if let Some(difficulty) = difficulty {
                        if rng.unit() < logistic(1.6 * (ability - difficulty)) {
                            outcome.ticked.push(Tick {
                                index: point,
                                at_secs: 30.0 * point as f64,
                            });
                        }
                    }
                }
                if rating <= 2 && rng.unit() < 0.3 {
                    outcome.red_flags.push(Tick {
                        index: rng.below(2),
                        at_secs: 10.0,
                    });
                }
                outcome.time_secs = 300.0 * (0.7 + rng.unit() * 0.5);
                session.questions.push(outcome);
            }
            let call = ability + leniency + rng.normal() * 0.35;
            session.recommendation = Some(if call < -1.0 {
                Recommendation::StrongNo
            } else if call < 0.0 {
                Recommendation::No
            } else if call < 1.0 {
                Recommendation::Yes
            } else {
                Recommendation::StrongYes
            });
            let at = date + Duration::minutes(70 * slot as i64 + 60);
            if let Err(err) = session.submit(at) {
                panic!("a synthetic scorecard could not be submitted: {err}");
            }
            cards.push(session);
        }
    }
    cards
}

/// Signs every scorecard with its interviewer's key (one seeded key per interviewer), as the
/// app does when it saves a submitted scorecard, so reading them costs what it costs for real:
/// checking an Ed25519 signature over each whole scorecard.
pub fn sign_all(cards: &mut [Session]) {
    use interview_scorecard::model::signature::{self, SigningKey};
    use std::collections::HashMap;
    let mut keys: HashMap<String, SigningKey> = HashMap::new();
    for card in cards {
        let key = keys.entry(card.interviewer.clone()).or_insert_with(|| {
            let mut rng = Rng::new(card.interviewer.bytes().map(u64::from).sum());
            let mut seed = [0u8; 32];
            for chunk in seed.chunks_mut(8) {
                chunk.copy_from_slice(&rng.next_u64().to_le_bytes());
            }
            SigningKey::from_bytes(&seed)
        });
        signature::sign(card, key);
    }
}
