//! Names and notes in every script render as text, never as boxes, in both themes; and every
//! view has a light and a dark snapshot. egui_kittest fails a frame that needs a glyph no
//! installed font has, so these tests fail on tofu as well as on pixel changes.

use interview_scorecard::model::plan::{InterviewPlan, QuestionSnapshot};
use interview_scorecard::model::session::{Rating, Recommendation, Session};
use interview_scorecard::store::sessions;
use interview_scorecard::ui::View;
use interview_scorecard::ui::session::ActiveSession;

use crate::common;

/// Latin with diacritics, Cyrillic, Greek, Arabic, Hebrew, Devanagari, CJK and emoji; then Korean
/// and Thai, scripts of India, and Armenian, Georgian and Ethiopic.
const NAMES: [&str; 11] = [
    "Zoë Ødegård",
    "Дмитрий Иванов",
    "Γιώργος Παπαδόπουλος",
    "محمد العلي",
    "דוד כהן",
    "अर्जुन शर्मा",
    "李雷 / 山田太郎",
    "Sam ✓ 😀 👍",
    "김민준 / สมชาย",
    "கார்த்திக் / সুমিতা / ਹਰਪ੍ਰੀਤ / జయ",
    "Արամ / გიორგი / ሰላም",
];

fn multilingual_session() -> Session {
    let questions: Vec<QuestionSnapshot> = NAMES
        .iter()
        .enumerate()
        .map(|(i, name)| QuestionSnapshot {
            id: format!("scripts.q{i}"),
            category: "scripts".into(),
            category_title: "Names in every script".into(),
            prompt: format!("How would you greet {name}?"),
            listen_for: vec![
                format!("Says the name {name} correctly"),
                "Asks how it is pronounced".into(),
            ],
            red_flags: vec!["Shortens the name without asking".into()],
            minutes: 2,
            ..QuestionSnapshot::default()
        })
        .collect();
    let plan = InterviewPlan {
        title: "Every script".into(),
        questions,
        ..InterviewPlan::default()
    };
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-21T09:30:00+05:30").expect("date");
    let mut session = Session::start(
        &plan,
        "李雷 (Li Lei)",
        "Backend · Бэкенд · الخلفية",
        "محمد · דוד · अर्जुन",
        now,
    );
    for (i, outcome) in session.questions.iter_mut().enumerate() {
        outcome.toggle_point(0, 10.0 * i as f64);
        outcome.rating = Rating::from_value((i % 4) as u8 + 1);
        outcome.notes = format!(
            "Notes: {} — Ελληνικά, עברית, العربية, हिन्दी, 中文, 日本語 ✓",
            NAMES[i]
        );
    }
    session.recommendation = Some(Recommendation::Yes);
    session.strengths = NAMES.join(" · ");
    session.finish(now);
    session
}

#[test]
fn scorecard_with_names_in_every_script() {
    let mut results = egui_kittest::SnapshotResults::new();
    for (theme, suffix) in [(egui::Theme::Light, "light"), (egui::Theme::Dark, "dark")] {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut state = common::state_in(dir.path(), View::Scorecard);
        let session = multilingual_session();
        let path = sessions::session_path(&state.shared.dirs.sessions(), &session);
        state.active = Some(ActiveSession::open(session, path).expect("open"));
        let mut harness = common::harness(state, theme);
        harness.run();
        harness.snapshot(format!("scorecard_scripts_{suffix}"));
        results.extend_harness(&mut harness);
        // The same names on the live interview screen.
        harness
            .state_mut()
            .active
            .as_mut()
            .expect("active")
            .session
            .finished_at = None;
        harness.state_mut().shared.prefs.view = View::Interview;
        harness.run();
        harness.snapshot(format!("interview_scripts_{suffix}"));
        results.extend_harness(&mut harness);
    }
}

#[test]
fn empty_views_in_both_themes() {
    let mut results = egui_kittest::SnapshotResults::new();
    for (theme, suffix) in [(egui::Theme::Light, "light"), (egui::Theme::Dark, "dark")] {
        for (view, name) in [
            (View::Interview, "interview_empty"),
            (View::Scorecard, "scorecard_empty"),
            (View::Panel, "panel_empty"),
        ] {
            let dir = tempfile::tempdir().expect("temp dir");
            let mut harness = common::harness(common::state_in(dir.path(), view), theme);
            harness.run();
            harness.snapshot(format!("{name}_{suffix}"));
            results.extend_harness(&mut harness);
        }
    }
}

/// Only Latin, Greek and Cyrillic fonts are installed when the window opens; every other script's
/// font is installed while the first text in it is laid out. So each name is shown here for the
/// first time in a fresh window, and must be drawn in that very first frame: the harness panics
/// on a frame that would draw a box for a missing glyph.
#[test]
fn a_name_in_each_script_renders_on_its_first_frame() {
    use egui_kittest::kittest::Queryable;
    for name in NAMES {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut state = common::state_in(dir.path(), View::Interview);
        let mut session = multilingual_session();
        session.candidate = name.to_string();
        session.finished_at = None;
        let path = sessions::session_path(&state.shared.dirs.sessions(), &session);
        state.active = Some(ActiveSession::open(session, path).expect("open"));
        let mut harness = common::harness(state, egui::Theme::Light);
        harness.step();
        assert!(
            harness.query_by_label(name).is_some(),
            "{name} is on screen in the first frame"
        );
    }
}

/// The Bank of the bundled questions opens without reading the large script fonts.
#[test]
fn the_bank_opens_without_the_large_script_fonts() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = common::harness(common::state_in(dir.path(), View::Bank), egui::Theme::Light);
    harness.run();
    let installed: Vec<String> = harness.ctx.fonts(|f| {
        f.discovered_fonts()
            .iter()
            .map(|f| f.name.clone())
            .collect()
    });
    for large in ["DroidSansFallback-CJK", "NotoSansKR-Hangul"] {
        assert!(
            !installed.iter().any(|name| name == large),
            "{large} was installed: {installed:?}"
        );
    }
}
