//! Hiring loops without files: the plan and its coverage matrix, checking a plan, starting an
//! interview from it, expected vs received, the mechanical call, decision records and their
//! amendments, and the debrief agenda.

use crate::loop_support;

use chrono::Duration;
use interview_scorecard::model::debrief::{Reveal, agenda};
use interview_scorecard::model::decision::{Decision, DecisionError, DecisionRecord, mechanical};
use interview_scorecard::model::decision_log::histories;
use interview_scorecard::model::loop_check::{Severity, check};
use interview_scorecard::model::loop_coverage::Coverage;
use interview_scorecard::model::loop_plan::{LoopPlan, LoopRef, StartError};
use interview_scorecard::model::loop_status::{Receipt, expected_vs_received, owed_summary};
use interview_scorecard::model::session::{Recommendation, Session};
use interview_scorecard::model::signature::{self, SignatureCheck};
use loop_support::*;

#[test]
fn coverage_shows_a_gap_until_an_interview_asks_about_it() {
    let mut plan = three_interview_loop();
    // The collaboration interview forgets its tagged question: nobody covers collaboration.
    plan.interviews[2].questions = vec![question("bh.failure", "behaviour", &[])];
    let coverage = Coverage::of(&plan);
    let gaps: Vec<&str> = coverage.gaps().map(|r| r.id.as_str()).collect();
    assert_eq!(gaps, ["collab"]);
    assert_eq!(coverage.rows[2].unmet(), [2], "assigned but not covered");
    assert_eq!(coverage.unmapped, [(2, 0)], "the question maps to nothing");
    let findings = coverage.findings();
    assert_eq!(
        findings[0],
        "Gap: no interview asks about Collaboration; add a question for it to an interview."
    );
    assert_eq!(
        findings[1],
        "Collaboration must cover Collaboration but has no question for it."
    );

    plan.interviews[2].questions = vec![question("bh.conflict", "behaviour", &["communication"])];
    let fixed = Coverage::of(&plan);
    assert_eq!(fixed.gaps().count(), 0);
    assert!(fixed.findings().is_empty(), "{:?}", fixed.findings());
    assert_eq!(fixed.rows[0].cells[0].questions, [0, 1]);
    assert_eq!(fixed.rows[0].cells[0].minutes, 20);
    assert_eq!(fixed.rows[1].weight, 2.0, "pre-registered weight");
}

#[test]
fn coverage_marks_overlaps_and_a_question_planned_twice() {
    let mut plan = three_interview_loop();
    plan.interviews[1]
        .questions
        .push(question("py.gen", "python", &[]));
    let coverage = Coverage::of(&plan);
    let overlaps: Vec<&str> = coverage.overlaps().map(|r| r.id.as_str()).collect();
    assert_eq!(overlaps, ["coding"]);
    assert_eq!(coverage.repeated.len(), 1);
    assert_eq!(coverage.repeated[0].question_id, "py.gen");
    assert_eq!(coverage.repeated[0].interviews, [0, 1]);
    let findings = coverage.findings();
    assert!(findings.contains(
        &"Overlap: Coding is asked in 2 (Coding, System design); fine if intended, otherwise keep one."
            .to_string()
    ));
    assert!(findings.contains(
        &"The question py.gen is planned in Coding and System design; the candidate would hear it twice."
            .to_string()
    ));
}

#[test]
fn a_loop_of_bare_categories_still_has_a_matrix() {
    let mut plan = three_interview_loop();
    plan.competencies.clear();
    plan.weights.clear();
    for interview in &mut plan.interviews {
        interview.covers.clear();
    }
    let coverage = Coverage::of(&plan);
    let ids: Vec<&str> = coverage.rows.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["python", "system-design", "behaviour"]);
    assert_eq!(
        coverage.rows[1].title, "system design",
        "from the snapshot's title"
    );
}

#[test]
fn checking_a_plan_names_each_problem_and_what_to_do() {
    assert!(
        check(&three_interview_loop())
            .iter()
            .all(|p| p.severity == Severity::Warning),
        "{:?}",
        check(&three_interview_loop())
    );
    let mut plan = three_interview_loop();
    plan.interviews[1].id = "coding".into();
    plan.interviews[2].interviewer = " ".into();
    plan.interviews[0].minutes = 15;
    plan.weights.insert("design".into(), -1.0);
    plan.rule.no_hire_below = 3.5;
    let problems = check(&plan);
    let text: Vec<String> = problems.iter().map(ToString::to_string).collect();
    let expect = [
        "error: interviews[1].id: the interview id \"coding\" is used twice; scorecards could not tell the interviews apart",
        "error: interviews[2].interviewer: \"Collaboration\" has no interviewer assigned; name who runs it, or nobody is expected to submit its scorecard",
        "error: weights[\"design\"]: the weight -1 is not a number of 0 or more; use 0 to leave the competency out, 1 for normal, 2 for double",
        "error: rule: `no_hire_below` (3.5) is above `hire_at_least` (3), so one score would mean both; lower `no_hire_below` or raise `hire_at_least`",
        "warning: interviews[0].questions: \"Coding\" plans 20 min of questions for a 15 min interview; drop a question or lengthen it",
    ];
    for line in expect {
        assert!(
            text.iter().any(|t| t == line),
            "missing {line}\nin {text:#?}"
        );
    }
    let duplicate = problems
        .iter()
        .find(|p| p.place == "interviews[1].id")
        .expect("duplicate");
    assert_eq!(
        (duplicate.value.as_deref(), duplicate.occurrence),
        (Some("id:\"coding\""), 1),
        "the second \"coding\" in the file"
    );
    assert_eq!(problems[0].severity, Severity::Error, "errors first");
}

#[test]
fn an_interview_starts_from_the_loop_and_its_scorecard_records_it_under_the_signature() {
    let plan = three_interview_loop();
    let session = plan
        .start_session("design", "ada lovelace", None, monday())
        .expect("starts");
    assert_eq!(session.interviewer, "Bob Ng");
    assert_eq!(session.role, "Backend engineer");
    assert_eq!(
        session.loop_ref,
        Some(LoopRef {
            loop_id: "backend-2026".into(),
            interview_id: "design".into()
        })
    );
    assert_eq!(session.category_weights.get("system-design"), Some(&2.0));
    let stand_in = plan
        .start_session("design", "Ada Lovelace", Some("Dee"), monday())
        .expect("a stand-in");
    assert_eq!(stand_in.interviewer, "Dee");
    assert_eq!(
        plan.start_session("design", "Alan Turing", None, monday()),
        Err(StartError::NotACandidate("Alan Turing".into()))
    );
    assert!(matches!(
        plan.start_session("lunch", "Ada Lovelace", None, monday()),
        Err(StartError::NoSuchInterview(_))
    ));

    let mut signed = scorecard(
        &plan,
        "design",
        "Ada Lovelace",
        3,
        Recommendation::Yes,
        true,
    );
    assert!(matches!(
        signed.signature_check(),
        SignatureCheck::Valid { .. }
    ));
    signed.loop_ref = Some(LoopRef {
        loop_id: "backend-2026".into(),
        interview_id: "coding".into(),
    });
    assert!(
        matches!(signature::check(&signed), SignatureCheck::Invalid { .. }),
        "moving a scorecard to another interview breaks its signature"
    );
}

#[test]
fn scorecards_signed_before_loops_existed_still_verify() {
    let text =
        std::fs::read_to_string("tests/fixtures/loop/signed-before-loops.ron").expect("fixture");
    let session: Session = ron::from_str(&text).expect("parses");
    assert_eq!(session.loop_ref, None);
    assert!(
        matches!(signature::check(&session), SignatureCheck::Valid { .. }),
        "{:?}",
        signature::check(&session)
    );
    let again = interview_scorecard::store::ron_file::to_ron(&session).expect("ron");
    assert_eq!(again, text, "saving it again writes the same bytes");
}

#[test]
fn expected_vs_received_shows_what_is_in_what_is_owed_and_how_late() {
    let plan = three_interview_loop();
    let sessions = vec![
        scorecard(
            &plan,
            "coding",
            "Ada Lovelace",
            3,
            Recommendation::Yes,
            true,
        ),
        scorecard(
            &plan,
            "design",
            "Ada Lovelace",
            2,
            Recommendation::No,
            false,
        ),
        // Someone else's loop: ignored.
        {
            let mut other = scorecard(
                &plan,
                "coding",
                "Ada Lovelace",
                1,
                Recommendation::No,
                false,
            );
            other.loop_ref = Some(LoopRef {
                loop_id: "frontend".into(),
                interview_id: "coding".into(),
            });
            other
        },
    ];
    let now = at("2026-03-04T13:45:00+01:00");
    let statuses = expected_vs_received(&plan, &sessions, now);
    assert_eq!(statuses.len(), 2);
    let ada = &statuses[0];
    assert_eq!(ada.candidate, "Ada Lovelace");
    assert!(matches!(ada.expected[0].receipt, Receipt::Submitted { .. }));
    assert!(matches!(
        ada.expected[1].receipt,
        Receipt::InProgress { .. }
    ));
    assert_eq!(ada.expected[2].receipt, Receipt::Missing);
    assert_eq!(ada.expected[0].overdue, None);
    assert_eq!(ada.expected[2].overdue, Some(Duration::hours(26)));
    assert_eq!(ada.counted(), [0]);
    assert!(!ada.all_in());
    assert_eq!(
        owed_summary(&plan, &statuses, now),
        "Backend engineer loop: 5 scorecards still owed. \
         Bob Ng: Ada Lovelace – System design (in progress, overdue 1 d 3 h), Grace Hopper – System design (overdue 3 h); \
         Cy Twombly: Ada Lovelace – Collaboration (overdue 1 d 2 h), Grace Hopper – Collaboration (overdue 2 h); \
         Ann Lee: Grace Hopper – Coding (overdue 4 h)."
    );
    let early = at("2026-03-02T12:00:00+01:00");
    let statuses = expected_vs_received(&plan, &sessions, early);
    assert!(
        owed_summary(&plan, &statuses, early)
            .contains("Ada Lovelace – Collaboration (due in 23 h 45 min)")
    );
}

#[test]
fn a_tampered_scorecard_is_shown_and_never_counted() {
    let plan = three_interview_loop();
    let mut changed = scorecard(&plan, "coding", "Ada Lovelace", 2, Recommendation::No, true);
    changed.questions[0].rating = interview_scorecard::model::Rating::from_value(4);
    let honest_draft = scorecard(
        &plan,
        "coding",
        "Ada Lovelace",
        2,
        Recommendation::No,
        false,
    );
    let sessions = vec![honest_draft, changed];
    let statuses = expected_vs_received(&plan, &sessions, monday());
    let coding = &statuses[0].expected[0];
    assert!(matches!(coding.receipt, Receipt::Tampered { .. }));
    assert_eq!(coding.scorecard, Some(1));
    assert_eq!(coding.others, [0], "the draft is listed, not counted twice");
    assert!(statuses[0].counted().is_empty());
}

fn all_in(plan: &LoopPlan, ratings: [u8; 3]) -> Vec<Session> {
    ["coding", "design", "behaviour"]
        .iter()
        .zip(ratings)
        .map(|(id, r)| scorecard(plan, id, "Ada Lovelace", r, Recommendation::Yes, true))
        .collect()
}

#[test]
fn the_mechanical_call_follows_the_pre_registered_rule() {
    let plan = three_interview_loop();
    let call = |ratings: [u8; 3]| {
        let sessions = all_in(&plan, ratings);
        let refs: Vec<&Session> = sessions.iter().collect();
        mechanical(&plan, &refs)
    };
    // (3 + 2·2 + 4) / 4 = 2.75: between the thresholds.
    let hold = call([3, 2, 4]);
    assert_eq!(hold.decision, Decision::Hold);
    assert_eq!(hold.weighted_score, Some(2.75));
    assert_eq!(
        hold.reasons,
        ["Weighted score 2.75 is between 2.50 and 3.00."]
    );
    assert_eq!(call([3, 3, 3]).decision, Decision::Hire);
    let floor = call([4, 1, 4]);
    assert_eq!(floor.decision, Decision::NoHire);
    assert_eq!(
        floor.reasons,
        ["Below the floor of 2.00: System design 1.00."]
    );
    // One scorecard missing: no evidence for a weighted competency, so the rule holds.
    let sessions = all_in(&plan, [4, 4, 4]);
    let two: Vec<&Session> = sessions[..2].iter().collect();
    let partial = mechanical(&plan, &two);
    assert_eq!(partial.decision, Decision::Hold);
    assert_eq!(
        partial.reasons,
        ["No rating yet for Collaboration: the rule needs evidence for every weighted competency."]
    );
    // A tampered scorecard is left out.
    let mut tampered = sessions.clone();
    tampered[2].summary = "edited".into();
    let refs: Vec<&Session> = tampered.iter().collect();
    assert_eq!(mechanical(&plan, &refs).counted, 2);
}

#[test]
fn a_decision_that_overrides_the_rule_needs_a_reason_and_is_sealed() {
    let plan = three_interview_loop();
    let sessions = all_in(&plan, [3, 2, 4]);
    let now = at("2026-03-05T16:00:00+01:00");
    let statuses = expected_vs_received(&plan, &sessions, now);
    let mut record = DecisionRecord::draft(&plan, &statuses[0], &sessions, "Hana Chair", now);
    assert!(record.proceeded_without.is_empty());
    assert_eq!(record.scorecards.len(), 3);
    assert!(
        record
            .scorecards
            .iter()
            .all(|s| s.counted && !s.signed_by.is_empty())
    );
    record.decision = Some(Decision::Hire);
    record.rationale = "Strong coding and collaboration.".into();
    record
        .attendees
        .extend(["Ann Lee".to_string(), "Bob Ng".to_string()]);
    record
        .dissent
        .push(interview_scorecard::model::decision::Dissent {
            name: "Bob Ng".into(),
            preferred: Some(Decision::Hold),
            note: "Design depth unproven.".into(),
        });
    let key = key_of("Hana Chair");
    match record.seal(None, &key, now) {
        Err(DecisionError::Incomplete(problems)) => assert_eq!(
            problems,
            ["the decision differs from the rule's call (Hold): give the reason for the override"]
        ),
        other => panic!("sealed without a reason: {other:?}"),
    }
    record.override_reason = "Design was probed at a level above the role.".into();
    record.seal(None, &key, now).expect("seals");
    assert!(record.is_override());
    assert!(matches!(record.check(), SignatureCheck::Valid { .. }));
    let text = interview_scorecard::store::ron_file::to_ron(&record).expect("ron");
    let back: DecisionRecord = ron::from_str(&text).expect("parses");
    assert!(
        matches!(back.check(), SignatureCheck::Valid { .. }),
        "survives a round trip"
    );
    let mut edited = back.clone();
    edited.dissent.clear();
    assert!(matches!(edited.check(), SignatureCheck::Invalid { .. }));
    assert_eq!(
        record.seal(None, &key, now),
        Err(DecisionError::AlreadySealed)
    );
}

#[test]
fn amendments_are_dated_chained_and_never_silent() {
    let plan = three_interview_loop();
    let sessions = all_in(&plan, [3, 3, 3]);
    let day = at("2026-03-05T16:00:00+01:00");
    let statuses = expected_vs_received(&plan, &sessions, day);
    let key = key_of("Hana Chair");
    let mut first = DecisionRecord::draft(&plan, &statuses[0], &sessions, "Hana Chair", day);
    first.decision = Some(Decision::Hire);
    first.rationale = "Meets the bar.".into();
    first.seal(None, &key, day).expect("seals");

    let later = day + Duration::days(2);
    let mut amendment = first.amend("The reference check raised a concern.", later);
    assert_eq!(
        amendment.seal(Some(&first), &key, later),
        Err(DecisionError::Incomplete(vec![
            "the amendment changes nothing".into()
        ]))
    );
    amendment.decision = Some(Decision::Hold);
    amendment.override_reason = "Reference check pending.".into();
    amendment.seal(Some(&first), &key, later).expect("seals");

    let mut rival = DecisionRecord::draft(&plan, &statuses[0], &sessions, "Ann Lee", later);
    rival.id.push_str("-rival");
    rival.decision = Some(Decision::NoHire);
    rival.rationale = "x".into();
    rival.override_reason = "y".into();
    rival.seal(None, &key_of("Ann Lee"), later).expect("seals");

    let records = vec![amendment.clone(), rival, first.clone()];
    let logs = histories(&records, &[true, true, true]);
    assert_eq!(logs.len(), 1);
    let log = &logs[0];
    assert_eq!(log.chain, [2, 0], "original first, then the amendment");
    assert_eq!(log.current(), Some(0));
    assert_eq!(
        log.changes[0],
        ["Decision: Hire → Hold", "Override reason added"]
    );
    assert_eq!(log.set_aside.len(), 1);
    assert!(
        log.set_aside[0]
            .1
            .starts_with("a second, separate decision")
    );

    // If the original does not count (changed after sealing), its amendment has nothing to
    // amend: both are set aside, with reasons.
    let logs = histories(&records, &[true, false, false]);
    assert!(logs[0].chain.is_empty());
    assert_eq!(logs[0].set_aside.len(), 3);
}

#[test]
fn the_debrief_puts_the_biggest_disagreement_first_and_reveals_calls_together() {
    let mut plan = three_interview_loop();
    // System design also probes coding, so two interviewers rate coding.
    plan.interviews[1]
        .questions
        .push(question("py.algo", "python", &[]));
    let sessions = vec![
        scorecard(
            &plan,
            "coding",
            "Ada Lovelace",
            4,
            Recommendation::StrongYes,
            true,
        ),
        scorecard(&plan, "design", "Ada Lovelace", 2, Recommendation::No, true),
    ];
    let statuses = expected_vs_received(&plan, &sessions, monday());
    let waiting = agenda(&plan, &statuses[0], &sessions, false);
    assert_eq!(waiting.items[0].competency_id, "coding");
    assert_eq!(waiting.items[0].spread, Some(2.0));
    assert!(waiting.items[0].disagrees());
    assert_eq!(waiting.items[0].evidence.len(), 2);
    assert_eq!(
        waiting.items[0].evidence[1].questions[0].points_ticked,
        ["first point"]
    );
    assert_eq!(
        waiting.items.last().map(|i| i.competency_id.as_str()),
        Some("collab")
    );
    assert_eq!(
        waiting.reveal,
        Reveal::Waiting(vec![("Collaboration".into(), "Cy Twombly".into())])
    );
    assert!(waiting.calls.is_empty(), "no call before the reveal");
    let proceeding = agenda(&plan, &statuses[0], &sessions, true);
    assert!(matches!(proceeding.reveal, Reveal::ProceedingWithout(_)));
    let calls: Vec<_> = proceeding.calls.iter().map(|c| c.recommendation).collect();
    assert_eq!(
        calls,
        [Some(Recommendation::StrongYes), Some(Recommendation::No)]
    );

    let now = monday() + Duration::days(3);
    let record = DecisionRecord::draft(&plan, &statuses[0], &sessions, "Hana", now);
    assert_eq!(record.proceeded_without.len(), 1);
    assert_eq!(record.proceeded_without[0].status, "Missing");
    assert_eq!(record.proceeded_without[0].interviewer, "Cy Twombly");
}

/// The same loop read from files, as sync engines leave them.
mod store_tests;
