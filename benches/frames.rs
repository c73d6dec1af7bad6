//! Frame CPU time of every view, headless at 1280×800: the whole app frame (`AppState::ui`)
//! plus tessellation, as eframe runs it before the GPU takes over.
//!
//! Run with `cargo bench --bench frames`.

mod common;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use common::{Check, Headless, Measured, Report, key, pointer_at, text, wheel};
use interview_scorecard::model::QuestionBank;
use interview_scorecard::store::AppDirs;
use interview_scorecard::ui::panel as panel_view;
use interview_scorecard::ui::session::ActiveSession;
use interview_scorecard::ui::shell::notices::Notices;
use interview_scorecard::ui::{AppState, Prefs, View};

const WARMUP: usize = 30;
const FRAMES: usize = 300;
const MEDIAN_BUDGET_MS: f64 = 1.0;
const P99_BUDGET_MS: f64 = 4.0;
/// The frame budgets hold for the bank of a large team (10,000 questions) and for 100,000.
const BANK_SIZES: [usize; 2] = [10_000, 100_000];

fn main() {
    let mut report = Report::new(
        "Frame time per view, 10,000 and 100,000 questions in the bank, 1280×800, release",
    );
    // `BENCH_ONLY=scorecard` measures one view only (for profiling it); `BENCH_BANK=100000`
    // one bank size.
    let only = std::env::var("BENCH_ONLY").unwrap_or_default();
    let run = |view: &str| only.is_empty() || only.split(',').any(|s| s.trim() == view);
    let bank_only: Option<usize> = std::env::var("BENCH_BANK")
        .ok()
        .and_then(|s| s.parse().ok());
    for size in BANK_SIZES {
        if bank_only.is_some_and(|only| only != size) {
            continue;
        }
        let temp = tempfile::tempdir().expect("temp dir for the app's data");
        let bank = common::synthetic_bank(size);
        report.prefix = if size == BANK_SIZES[0] {
            String::new()
        } else {
            format!("{},000 questions: ", size / 1000)
        };
        if run("bank") {
            bank_view(&mut report, temp.path(), &bank);
        }
        if run("interview") {
            interview_view(&mut report, temp.path(), &bank);
        }
        if run("scorecard") {
            scorecard_view(&mut report, temp.path(), &bank);
        }
        if run("panel") {
            // The 250-scorecard panel is for information and does not depend on the bank.
            panel_view(&mut report, temp.path(), &bank, size == BANK_SIZES[0]);
        }
        if run("loop") && size == BANK_SIZES[0] {
            // The loop folder's questions come from the bank; its size does not matter here.
            loop_view(&mut report, temp.path(), &bank);
        }
    }
    report.prefix.clear();
    report.finish(if only.is_empty() && bank_only.is_none() {
        "frames"
    } else {
        "frames-partial"
    });
}

fn state(root: &std::path::Path, bank: &QuestionBank, view: View) -> AppState {
    let dirs = AppDirs::at(root);
    dirs.ensure().expect("create data folders in the temp dir");
    let mut state = AppState::with_bank(
        dirs,
        bank.clone(),
        vec![],
        Prefs::default(),
        Notices::default(),
    );
    state.shared.prefs.view = view;
    state
}

/// Frame budgets apply to CPU time of the UI thread; wall time is printed beside it. A second
/// row covers the frames right after the view opened, where a layout that has not settled
/// shows up as a burst of slow frames.
fn frame_rows(report: &mut Report, name: &str, measured: &Measured) {
    let (cpu, wall) = (&measured.cpu, &measured.wall);
    let median_ok = common::ms(cpu.median) <= MEDIAN_BUDGET_MS;
    let p99_ok = common::ms(cpu.p99) <= P99_BUDGET_MS;
    report.row(
        name,
        format!(
            "CPU median {:.3} ms, p99 {:.3} ms (wall {:.3} / {:.3})",
            common::ms(cpu.median),
            common::ms(cpu.p99),
            common::ms(wall.median),
            common::ms(wall.p99)
        ),
        format!("median ≤ {MEDIAN_BUDGET_MS} ms, p99 ≤ {P99_BUDGET_MS} ms"),
        common::Verdict::of(median_ok && p99_ok),
    );
    if measured.settling.len() > 2 {
        let slow = measured
            .settling
            .iter()
            .filter(|d| common::ms(**d) > P99_BUDGET_MS)
            .count();
        let worst = measured.settling.iter().max().copied().unwrap_or_default();
        report.row(
            format!("{name}: settling after opening"),
            format!(
                "frames 3–{}: {slow} over {P99_BUDGET_MS} ms, worst {:.1} ms",
                measured.settling.len() + 2,
                common::ms(worst)
            ),
            format!("each ≤ {P99_BUDGET_MS} ms"),
            common::Verdict::of(slow == 0),
        );
    }
}

/// Draws the Bank until its first results show. Above a few thousand questions the index is
/// built and the search run on a worker after the first frame (100,000 questions: most of a
/// second), and the frames measured are those of the Bank a user sees once it has opened.
fn open_bank(headless: &mut Headless, app: &mut AppState) {
    let start = Instant::now();
    loop {
        headless.frame(app, vec![]);
        if !app.bank_view.is_searching() && !app.bank_view.results().hits.is_empty() {
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "the Bank showed no results within 60 s"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn bank_view(report: &mut Report, root: &std::path::Path, bank: &QuestionBank) {
    // Idle: nothing happens; what a repaint costs.
    let mut app = state(root, bank, View::Bank);
    let mut headless = Headless::new();
    open_bank(&mut headless, &mut app);
    let stats = headless.measure(&mut app, WARMUP, FRAMES, |_| vec![]);
    frame_rows(report, "Bank, idle", &stats);

    // Scrolling the results with the mouse wheel, a notch every frame.
    let mut app = state(root, bank, View::Bank);
    app.bank_view.selected = Some(0);
    let mut headless = Headless::new();
    open_bank(&mut headless, &mut app);
    let stats = headless.measure(&mut app, WARMUP, FRAMES, |_| {
        vec![pointer_at(400.0, 450.0), wheel(-60.0)]
    });
    let offset = headless
        .ctx
        .memory(|m| m.data.get_temp::<f32>(egui::Id::unique("results_offset")))
        .unwrap_or(0.0);
    assert!(
        offset > 1000.0,
        "the results list did not scroll (offset {offset})"
    );
    frame_rows(
        report,
        &format!("Bank, scrolling (offset {offset:.0} pt)"),
        &stats,
    );

    // Typing a search: one character typed or deleted every frame, so the query changes every
    // frame and the search runs every frame.
    let mut app = state(root, bank, View::Bank);
    app.bank_view.focus_search = true;
    let mut headless = Headless::new();
    open_bank(&mut headless, &mut app);
    let edits = search_edits();
    let stats = headless.measure(&mut app, 2, FRAMES, |i| {
        if i < 2 {
            return vec![];
        }
        edits[(i - 2) % edits.len()].clone()
    });
    // The typing must have reached the search box, or this measured an idle screen.
    headless.frame(&mut app, vec![text("z")]);
    assert!(
        app.bank_view.query.ends_with('z'),
        "the search box did not receive the typing"
    );
    frame_rows(report, "Bank, typing a search", &stats);
}

/// Type each word a character per frame, then delete it a character per frame.
fn search_edits() -> Vec<Vec<egui::Event>> {
    let mut edits = Vec::new();
    for word in [
        "cache",
        "thread pool",
        "migration rollback",
        "latency",
        "decorator",
        "async queue",
    ] {
        for c in word.chars() {
            edits.push(vec![text(&c.to_string())]);
        }
        for _ in word.chars() {
            edits.push(key(egui::Key::Backspace));
        }
    }
    edits
}

fn open_session(
    app: &mut AppState,
    root: &std::path::Path,
    session: interview_scorecard::model::Session,
) {
    let path: PathBuf = root.join("sessions").join(format!("{}.ron", session.id));
    app.active = Some(ActiveSession::open(session, path).expect("open the benchmark session"));
}

fn interview_view(report: &mut Report, root: &std::path::Path, bank: &QuestionBank) {
    let plan = common::plan(bank, 50, 1);
    let session = interview_scorecard::model::Session::start(
        &plan,
        "Ada Lovelace",
        "Backend developer",
        "Grace",
        chrono::Local::now().fixed_offset(),
    );
    let mut app = state(root, bank, View::Interview);
    open_session(&mut app, root, session);
    let mut headless = Headless::new();
    let notes = "Talked through the cache invalidation strategy, mentioned TTLs and write-through; \
                 unsure about stampedes until prompted. ";
    let chars: Vec<char> = notes.chars().collect();
    let stats = headless.measure(&mut app, WARMUP, FRAMES, |i| {
        if i < 3 {
            return vec![];
        }
        vec![text(&chars[i % chars.len()].to_string())]
    });
    let typed = app
        .active
        .as_ref()
        .and_then(|a| a.session.current_outcome())
        .map_or(0, |o| o.notes.chars().count());
    assert!(
        typed >= FRAMES,
        "the notes field did not receive the typing ({typed} characters)"
    );
    frame_rows(report, "Interview, typing notes (50 questions)", &stats);
}

fn scorecard_view(report: &mut Report, root: &std::path::Path, bank: &QuestionBank) {
    let plan = common::plan(bank, 50, 2);
    let session = common::session(&plan, "Ada Lovelace", "Grace", 3);

    let mut app = state(root, bank, View::Scorecard);
    open_session(&mut app, root, session.clone());
    let mut headless = Headless::new();
    let stats = headless.measure(&mut app, WARMUP, FRAMES, |_| vec![]);
    frame_rows(report, "Scorecard, idle (50 questions)", &stats);

    let mut app = state(root, bank, View::Scorecard);
    let mut session = session;
    session.id.push_str("-scroll");
    open_session(&mut app, root, session);
    let mut headless = Headless::new();
    let stats = headless.measure(&mut app, WARMUP, FRAMES, |_| {
        vec![pointer_at(300.0, 450.0), wheel(-60.0)]
    });
    frame_rows(report, "Scorecard, scrolling (50 questions)", &stats);
}

fn panel_view(
    report: &mut Report,
    root: &std::path::Path,
    bank: &QuestionBank,
    with_large_panel: bool,
) {
    // 4 candidates × 5 interviewers = 20 scorecards of 30 questions; 50 × 5 = 250.
    for (candidates, budgeted) in [(4, true), (50, false)] {
        if !budgeted && !with_large_panel {
            continue;
        }
        let cards = common::scorecards(bank, candidates, 5, 30);
        let folder = root.join(format!("panel-{candidates}"));
        for card in &cards {
            let path = folder.join(format!("{}.ron", card.id));
            interview_scorecard::store::sessions::save_session(&path, card)
                .expect("write a panel scorecard");
        }
        for section in panel_view::Section::ALL {
            let mut app = state(root, bank, View::Panel);
            // The local interviewer has submitted for every candidate, so nothing is hidden.
            app.shared.prefs.interviewer = "Interviewer 0".into();
            app.panel_view.native_dialogs = false;
            app.panel_view.watch_interval = Duration::from_secs(3600);
            let mut headless = Headless::new();
            app.panel_view
                .add_sources(vec![folder.clone()], &headless.ctx);
            let start = Instant::now();
            while app.panel_view.is_loading() || app.panel_view.sessions.is_empty() {
                assert!(
                    start.elapsed() < Duration::from_secs(60),
                    "the panel did not load"
                );
                headless.frame(&mut app, vec![]);
                std::thread::sleep(Duration::from_millis(5));
            }
            assert_eq!(
                app.panel_view.sessions.len(),
                cards.len(),
                "every scorecard loads: {:?}",
                app.panel_view.rejected.first().map(ToString::to_string)
            );
            app.panel_view.section = section;
            let stats = headless.measure(&mut app, WARMUP, FRAMES, |_| vec![]);
            let name = format!(
                "Panel, {} ({} scorecards × 30 questions)",
                section.label(),
                cards.len()
            );
            if budgeted {
                frame_rows(report, &name, &stats);
            } else {
                report.timing(&format!("{name}: CPU"), &stats.cpu, Check::Median, None);
            }
        }
    }
}

fn loop_view(report: &mut Report, root: &std::path::Path, bank: &QuestionBank) {
    use interview_scorecard::ui::hiring_loop::Section;
    // A large loop: 400 candidates × 5 interviews = 2,000 signed scorecards, 200 decisions.
    let folder = root.join("loop");
    std::fs::create_dir_all(&folder).expect("loop folder");
    let now = chrono::Local::now().fixed_offset();
    common::write_loop_folder(&folder, bank, 400, 5, 200, now);
    for section in Section::ALL {
        let mut app = state(root, bank, View::Loop);
        app.shared.prefs.interviewer = "Interviewer 0".into();
        app.loop_view.refresh_every = Duration::from_secs(3600);
        app.loop_view.now = Some(now);
        let mut headless = Headless::new();
        app.loop_view.open(folder.clone(), &headless.ctx);
        let start = Instant::now();
        while app.loop_view.is_loading() || app.loop_view.folder.is_none() {
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "the loop folder did not load"
            );
            headless.frame(&mut app, vec![]);
            std::thread::sleep(Duration::from_millis(5));
        }
        app.loop_view.section = section;
        let stats = headless.measure(&mut app, WARMUP, FRAMES, |_| vec![]);
        frame_rows(
            report,
            &format!(
                "Loop, {} (2,000 scorecards, 200 decisions)",
                section.label()
            ),
            &stats,
        );
    }
}
