//! Shared by the benches: synthetic question banks, sessions and scorecards, timing helpers,
//! a headless egui driver and the PASS/FAIL report.
//!
//! Every bench includes this module but uses a different part of it.
#![allow(dead_code)]

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use interview_scorecard::model::load::set_to_ron;
use interview_scorecard::model::session::Rating;
use interview_scorecard::model::{
    Category, InterviewPlan, Level, Question, QuestionBank, QuestionSet, QuestionSnapshot,
    Recommendation, Session, SetOrigin, SetSource,
};

// ---------------------------------------------------------------------------------------------
// Synthetic data

/// A small deterministic generator (xorshift64*), so every run measures the same data.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next() % (hi - lo + 1) as u64) as usize
    }

    pub fn pick<'a>(&mut self, items: &'a [&'a str]) -> &'a str {
        items[self.range(0, items.len() - 1)]
    }
}

#[rustfmt::skip]
const WORDS: &[&str] = &[
    "cache", "thread", "process", "queue", "lock", "mutex", "async", "await", "coroutine", "generator",
    "iterator", "decorator", "closure", "context", "manager", "exception", "traceback", "logging", "metrics",
    "latency", "throughput", "index", "query", "transaction", "isolation", "replica", "shard", "partition",
    "consistency", "availability", "schema", "migration", "rollback", "deployment", "container", "pipeline",
    "release", "feature", "flag", "review", "test", "fixture", "mock", "coverage", "profile", "memory", "leak",
    "garbage", "collector", "reference", "pointer", "buffer", "stream", "socket", "request", "response",
    "header", "payload", "token", "session", "cookie", "permission", "role", "secret", "encryption", "hash",
    "signature", "certificate", "retry", "timeout", "backoff", "idempotent", "event", "handler", "callback",
    "listener", "worker", "scheduler", "batch", "job", "task", "module", "package", "dependency", "version",
    "interface", "protocol", "class", "instance", "attribute", "property", "method", "function", "argument",
    "default", "keyword", "typing", "annotation", "dataclass", "dictionary", "list", "tuple", "set", "slice",
    "comprehension", "recursion", "algorithm", "complexity", "graph", "tree", "heap", "stack", "sorting",
    "search", "string", "unicode", "encoding", "file", "path", "network", "service", "endpoint", "gateway",
    "balancer", "monitor", "alert", "incident", "postmortem", "ownership", "mentoring", "estimate", "tradeoff",
    "requirement", "stakeholder", "design", "document",
];

#[rustfmt::skip]
const VERBS: &[&str] = &[
    "explain", "design", "debug", "compare", "implement", "test", "profile", "refactor", "secure", "scale",
    "monitor", "migrate", "document", "review", "optimise",
];

#[rustfmt::skip]
const TAGS: &[&str] = &[
    "python", "concurrency", "databases", "http", "testing", "security", "performance", "design", "ops", "data",
    "algorithms", "oop", "functional", "typing", "packaging", "async", "caching", "queues", "apis",
    "leadership", "communication", "ethics", "cloud", "linux", "git", "sql", "orm", "django", "flask",
    "fastapi", "pandas", "numpy", "ml", "observability", "incidents", "planning", "mentoring", "debugging",
    "memory", "networking",
];

fn sentence(rng: &mut Rng, lo: usize, hi: usize) -> String {
    let count = rng.range(lo, hi);
    let mut text = String::new();
    for i in 0..count {
        if i > 0 {
            text.push(' ');
        }
        text.push_str(rng.pick(WORDS));
    }
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => text,
    }
}

/// A question shaped like the bundled ones (about 2.3 KB of RON each): 3–6 rubric points of a
/// sentence each, red flags, follow-ups, a reference answer of a paragraph, often example code.
fn question(rng: &mut Rng, set: usize, number: usize, categories: &[Category]) -> Question {
    let prompt = format!(
        "How would you {} the {} {} when the {} {} under load?",
        rng.pick(VERBS),
        rng.pick(WORDS),
        rng.pick(WORDS),
        sentence(rng, 2, 5).to_lowercase(),
        rng.pick(WORDS)
    );
    let points = rng.range(3, 6);
    let flags = rng.range(1, 2);
    let follow_ups = rng.range(1, 3);
    let tags = rng.range(2, 3);
    let level = Level::ALL[rng.range(0, 3)];
    let example = if rng.range(0, 1) == 0 {
        String::new()
    } else {
        (0..rng.range(4, 8))
            .map(|line| {
                format!(
                    "{}{} = {}({})  # {}",
                    "    ".repeat(line % 3),
                    rng.pick(WORDS),
                    rng.pick(WORDS),
                    rng.pick(WORDS),
                    sentence(rng, 2, 5)
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    Question {
        id: format!("synth{set}.q{number:06}"),
        category: categories[rng.range(0, categories.len() - 1)].id.clone(),
        level,
        prompt,
        listen_for: (0..points).map(|_| sentence(rng, 10, 18)).collect(),
        red_flags: (0..flags).map(|_| sentence(rng, 8, 14)).collect(),
        follow_ups: (0..follow_ups)
            .map(|_| format!("{}?", sentence(rng, 8, 14)))
            .collect(),
        answer: (0..rng.range(3, 5))
            .map(|_| format!("{}.", sentence(rng, 12, 20)))
            .collect::<Vec<_>>()
            .join(" "),
        example,
        minutes: if rng.range(0, 1) == 0 {
            None
        } else {
            Some(rng.range(2, 20) as u32)
        },
        tags: (0..tags)
            .map(|_| rng.pick(TAGS).to_string())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect(),
    }
}

/// The RON text of a bank of `total` questions split into files of at most `per_file`, in the
/// shape the bundled sets use (written with the app's own `set_to_ron`).
pub fn bank_sources(total: usize, per_file: usize) -> Vec<SetSource> {
    let mut rng = Rng::new(total as u64 ^ ((per_file as u64) << 32));
    let files = total.div_ceil(per_file);
    (0..files)
        .map(|set| {
            let categories: Vec<Category> = (0..8)
                .map(|c| Category {
                    id: format!("c{c}"),
                    title: format!("{} and {}", sentence(&mut rng, 1, 1), rng.pick(WORDS)),
                })
                .collect();
            let count = per_file.min(total - set * per_file);
            let questions = (0..count)
                .map(|n| question(&mut rng, set, set * per_file + n, &categories))
                .collect();
            let question_set = QuestionSet {
                id: format!("synth{set}"),
                title: format!("Synthetic set {set}"),
                description: "Generated for the benchmarks.".into(),
                version: 1,
                categories,
                questions,
            };
            let text = match set_to_ron(&question_set) {
                Ok(text) => text,
                Err(err) => panic!("serialising a synthetic set failed: {err}"),
            };
            SetSource {
                name: format!("synth{set}.ron"),
                origin: SetOrigin::Bundled,
                text,
            }
        })
        .collect()
}

/// Questions per synthetic file: about the size of the largest bundled set, so a 10,000-question
/// bank is forty files, as a team's shared bank would be.
pub const PER_FILE: usize = 250;

/// Loads a bank and insists it loaded cleanly (a problem would mean the generator is wrong).
pub fn load_bank(sources: &[SetSource]) -> QuestionBank {
    let (bank, problems) = QuestionBank::load(sources);
    assert!(
        problems.is_empty(),
        "synthetic bank has problems: {:?}",
        &problems[..problems.len().min(3)]
    );
    bank
}

pub fn synthetic_bank(total: usize) -> QuestionBank {
    load_bank(&bank_sources(total, PER_FILE))
}

fn now() -> chrono::DateTime<chrono::FixedOffset> {
    chrono::Local::now().fixed_offset()
}

/// A plan of `count` bank questions, spread over the bank.
pub fn plan(bank: &QuestionBank, count: usize, seed: u64) -> InterviewPlan {
    let mut rng = Rng::new(seed);
    let mut plan = InterviewPlan {
        title: "Backend developer".into(),
        role: "Backend developer".into(),
        ..InterviewPlan::default()
    };
    while plan.questions.len() < count.min(bank.len()) {
        let entry = &bank.entries()[rng.range(0, bank.len() - 1)];
        plan.add(QuestionSnapshot::of(
            &entry.question,
            bank.category_title(&entry.question.category),
        ));
    }
    plan
}

/// A finished interview: every question asked, points ticked, rated, with a few sentences of
/// notes each (about 400 characters, a busy interviewer's notes).
pub fn session(plan: &InterviewPlan, candidate: &str, interviewer: &str, seed: u64) -> Session {
    let mut rng = Rng::new(seed);
    let mut session = Session::start(plan, candidate, &plan.role, interviewer, now());
    let mut at = 0.0;
    for outcome in &mut session.questions {
        at += rng.range(60, 400) as f64;
        for point in 0..outcome.question.listen_for.len() {
            if rng.range(0, 2) > 0 {
                outcome.toggle_point(point, at);
            }
        }
        if !outcome.question.red_flags.is_empty() && rng.range(0, 4) == 0 {
            outcome.toggle_red_flag(0, at);
        }
        outcome.rating = Rating::from_value(rng.range(1, 4) as u8);
        outcome.notes = (0..4)
            .map(|_| format!("{}.", sentence(&mut rng, 10, 16)))
            .collect::<Vec<_>>()
            .join(" ");
        outcome.time_secs = rng.range(60, 600) as f64;
        outcome.state = interview_scorecard::model::QuestionState::Covered;
    }
    session.elapsed_secs = at;
    session.strengths = format!("{}.", sentence(&mut rng, 20, 30));
    session.concerns = format!("{}.", sentence(&mut rng, 20, 30));
    session.summary = format!("{}.", sentence(&mut rng, 30, 50));
    session.recommendation = Some(
        [
            Recommendation::StrongYes,
            Recommendation::Yes,
            Recommendation::No,
        ][rng.range(0, 2)],
    );
    session.finish(now());
    session
}

/// Submitted scorecards for a panel: `candidates` × `interviewers`, all from one plan of
/// `questions` questions, so every cell of each candidate's matrix is filled.
pub fn scorecards(
    bank: &QuestionBank,
    candidates: usize,
    interviewers: usize,
    questions: usize,
) -> Vec<Session> {
    let plan = plan(bank, questions, 7);
    let mut cards = Vec::with_capacity(candidates * interviewers);
    for c in 0..candidates {
        for i in 0..interviewers {
            let mut card = session(
                &plan,
                &format!("Candidate {c:03}"),
                &format!("Interviewer {i}"),
                (c * 31 + i) as u64,
            );
            card.id = format!("{}-{c}-{i}", card.id);
            if let Err(err) = card.submit(now()) {
                panic!("a synthetic scorecard could not be submitted: {err}");
            }
            cards.push(card);
        }
    }
    cards
}

// ---------------------------------------------------------------------------------------------
// Timing

/// CPU time of the calling thread: what the UI thread itself spends, unaffected by other
/// processes competing for the two cores.
#[cfg(target_os = "linux")]
pub fn thread_cpu() -> Duration {
    const CLOCK_THREAD_CPUTIME_ID: i32 = 3;
    cpu_clock(CLOCK_THREAD_CPUTIME_ID)
}

/// CPU time of every thread of the process: the whole work of something spread over cores.
#[cfg(target_os = "linux")]
pub fn process_cpu() -> Duration {
    const CLOCK_PROCESS_CPUTIME_ID: i32 = 2;
    cpu_clock(CLOCK_PROCESS_CPUTIME_ID)
}

#[cfg(target_os = "linux")]
fn cpu_clock(clock: i32) -> Duration {
    #[repr(C)]
    struct Timespec {
        tv_sec: i64,
        tv_nsec: i64,
    }
    unsafe extern "C" {
        fn clock_gettime(clock: i32, tp: *mut Timespec) -> i32;
    }
    let mut ts = Timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes one timespec to the pointer we pass, which is valid.
    let rc = unsafe { clock_gettime(clock, &mut ts) };
    if rc != 0 {
        return Duration::ZERO;
    }
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

#[cfg(not(target_os = "linux"))]
pub fn process_cpu() -> Duration {
    thread_cpu()
}

#[cfg(not(target_os = "linux"))]
pub fn thread_cpu() -> Duration {
    // Elsewhere fall back to wall time; the figures are then noisier on a busy machine.
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    START.get_or_init(Instant::now).elapsed()
}

/// Times `f` on the calling thread: (CPU time, wall time, result).
pub fn time<T>(f: impl FnOnce() -> T) -> (Duration, Duration, T) {
    let cpu = thread_cpu();
    let wall = Instant::now();
    let out = f();
    (thread_cpu() - cpu, wall.elapsed(), out)
}

/// Median, p99 and max of a sample.
#[derive(Clone, Copy, Debug)]
pub struct Stats {
    pub median: Duration,
    pub p99: Duration,
    pub max: Duration,
    pub n: usize,
}

impl Stats {
    pub fn of(samples: &[Duration]) -> Stats {
        assert!(!samples.is_empty(), "no samples");
        let mut sorted = samples.to_vec();
        sorted.sort();
        let at = |q: f64| sorted[(((sorted.len() - 1) as f64) * q).round() as usize];
        Stats {
            median: at(0.5),
            p99: at(0.99),
            max: sorted[sorted.len() - 1],
            n: sorted.len(),
        }
    }
}

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

// ---------------------------------------------------------------------------------------------
// Report

/// One printed figure, its budget and the verdict.
pub struct Row {
    pub name: String,
    pub figure: String,
    pub budget: String,
    pub verdict: Verdict,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Verdict {
    Pass,
    Fail,
    /// Reported for information; the issue sets no budget for it.
    Info,
    Skipped,
}

impl Verdict {
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Pass => "PASS",
            Verdict::Fail => "FAIL",
            Verdict::Info => "info",
            Verdict::Skipped => "SKIPPED",
        }
    }

    pub fn of(ok: bool) -> Verdict {
        if ok { Verdict::Pass } else { Verdict::Fail }
    }
}

/// Collects the rows of one bench, prints each as it is measured and a table at the end.
pub struct Report {
    title: String,
    rows: Vec<Row>,
    /// Put before each row's name, for a bench that measures the same rows on several banks.
    pub prefix: String,
}

impl Report {
    pub fn new(title: &str) -> Report {
        println!("\n== {title} ==");
        Report {
            title: title.to_string(),
            rows: Vec::new(),
            prefix: String::new(),
        }
    }

    pub fn row(
        &mut self,
        name: impl Into<String>,
        figure: impl Into<String>,
        budget: impl Into<String>,
        verdict: Verdict,
    ) {
        let row = Row {
            name: format!("{}{}", self.prefix, name.into()),
            figure: figure.into(),
            budget: budget.into(),
            verdict,
        };
        println!(
            "{:<58} {:>30}   budget {:<22} {}",
            row.name,
            row.figure,
            row.budget,
            row.verdict.label()
        );
        self.rows.push(row);
    }

    /// A time with a budget on one figure (`checked`), printed with the other figures.
    pub fn timing(&mut self, name: &str, stats: &Stats, checked: Check, budget_ms: Option<f64>) {
        let figure = format!(
            "median {:.3} ms, p99 {:.3} ms",
            ms(stats.median),
            ms(stats.p99)
        );
        let value = match checked {
            Check::Median => stats.median,
            Check::P99 => stats.p99,
            Check::Max => stats.max,
        };
        match budget_ms {
            Some(budget) => self.row(
                name,
                figure,
                format!("{} ≤ {budget} ms", checked.label()),
                Verdict::of(ms(value) <= budget),
            ),
            None => self.row(name, figure, "—", Verdict::Info),
        }
    }

    /// The rows as a Markdown table, written to `target/benchmarks/<file>.md` for the docs.
    pub fn finish(self, file: &str) {
        let failed = self
            .rows
            .iter()
            .filter(|r| r.verdict == Verdict::Fail)
            .count();
        let passed = self
            .rows
            .iter()
            .filter(|r| r.verdict == Verdict::Pass)
            .count();
        println!("-- {}: {passed} PASS, {failed} FAIL --", self.title);
        let mut md = format!(
            "### {}\n\n| measurement | result | budget | verdict |\n| --- | --- | --- | --- |\n",
            self.title
        );
        for row in &self.rows {
            let _ = writeln!(
                md,
                "| {} | {} | {} | {} |",
                row.name,
                row.figure,
                row.budget,
                row.verdict.label()
            );
        }
        // Beside the build, wherever CARGO_TARGET_DIR puts it.
        let target = std::env::var_os("CARGO_TARGET_DIR")
            .map(std::path::PathBuf::from)
            .unwrap_or_else(|| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
        let dir = target.join("benchmarks");
        if std::fs::create_dir_all(&dir).is_ok() {
            let _ = std::fs::write(dir.join(format!("{file}.md")), md);
        }
    }
}

#[derive(Clone, Copy, Debug)]
pub enum Check {
    Median,
    P99,
    Max,
}

impl Check {
    fn label(self) -> &'static str {
        match self {
            Check::Median => "median",
            Check::P99 => "p99",
            Check::Max => "worst",
        }
    }
}

/// Peak resident memory of this process so far, from `/proc/self/status`.
pub fn peak_rss_kib(pid: Option<u32>) -> Option<u64> {
    let path = match pid {
        Some(pid) => format!("/proc/{pid}/status"),
        None => "/proc/self/status".to_string(),
    };
    let status = std::fs::read_to_string(path).ok()?;
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|kib| kib.parse().ok())
}

// ---------------------------------------------------------------------------------------------
// Headless frames

use interview_scorecard::ui::AppState;
use interview_scorecard::ui::style::theme::{self, ThemeChoice};

/// Window size the frame benches draw at.
pub const SCREEN: egui::Vec2 = egui::vec2(1280.0, 800.0);

/// An egui context set up as the app sets up its window (theme, bundled fonts, style), driven
/// one frame at a time at 60 frames per second of simulated time.
pub struct Headless {
    pub ctx: egui::Context,
    time: f64,
}

impl Headless {
    pub fn new() -> Headless {
        let ctx = egui::Context::default();
        theme::apply(&ctx, ThemeChoice::System, 1.0);
        interview_scorecard::ui::style::fonts::install(&ctx);
        theme::style(&ctx);
        Headless { ctx, time: 0.0 }
    }

    /// Runs one whole frame of the app (top bar, notices, the current view, commands) and
    /// tessellates it, as eframe does before handing meshes to the GPU. Returns (CPU, wall).
    pub fn frame(
        &mut self,
        state: &mut AppState,
        events: Vec<egui::Event>,
    ) -> (Duration, Duration) {
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, SCREEN)),
            time: Some(self.time),
            events,
            ..Default::default()
        };
        self.time += 1.0 / 60.0;
        let (cpu, wall, primitives) = time(|| {
            let mut output = self.ctx.run_ui(input, |ui| state.ui(ui));
            let shapes = std::mem::take(&mut output.shapes);
            let primitives = self.ctx.tessellate(shapes, output.pixels_per_point);
            output.textures_delta.clear();
            primitives
        });
        std::hint::black_box(primitives);
        (cpu, wall)
    }

    /// Runs `warmup` frames, then `frames` measured ones; `events(i)` gives the input of frame
    /// `i` (warm-up frames included). The first two frames build the font atlas, as at app
    /// start; the warm-up frames after them show how long a freshly opened view takes to settle.
    pub fn measure(
        &mut self,
        state: &mut AppState,
        warmup: usize,
        frames: usize,
        mut events: impl FnMut(usize) -> Vec<egui::Event>,
    ) -> Measured {
        let trace = std::env::var_os("BENCH_TRACE").is_some();
        let mut settling = Vec::new();
        for i in 0..warmup {
            let (c, _) = self.frame(state, events(i));
            if trace {
                println!("  warm-up frame {i}: CPU {:.2} ms", ms(c));
            }
            if i >= 2 {
                settling.push(c);
            }
        }
        let mut cpu = Vec::with_capacity(frames);
        let mut wall = Vec::with_capacity(frames);
        for i in warmup..warmup + frames {
            let (c, w) = self.frame(state, events(i));
            if trace && c > Duration::from_millis(4) {
                println!("  slow frame {i}: CPU {:.2} ms", ms(c));
            }
            cpu.push(c);
            wall.push(w);
        }
        Measured {
            cpu: Stats::of(&cpu),
            wall: Stats::of(&wall),
            settling,
        }
    }
}

/// Frame times of one scenario.
pub struct Measured {
    /// CPU time of the UI thread over the measured frames.
    pub cpu: Stats,
    pub wall: Stats,
    /// CPU time of the warm-up frames after the first two, in order.
    pub settling: Vec<Duration>,
}

pub fn pointer_at(x: f32, y: f32) -> egui::Event {
    egui::Event::PointerMoved(egui::pos2(x, y))
}

pub fn wheel(dy: f32) -> egui::Event {
    egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, dy),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Unknown,
        modifiers: egui::Modifiers::NONE,
    }
}

pub fn key(key: egui::Key) -> Vec<egui::Event> {
    let event = |pressed| egui::Event::Key {
        key,
        physical_key: None,
        pressed,
        repeat: false,
        modifiers: egui::Modifiers::NONE,
    };
    vec![event(true), event(false)]
}

pub fn text(s: &str) -> egui::Event {
    egui::Event::Text(s.to_string())
}

/// Writes a hiring loop's folder: a loop plan of `interviews` interviews of 6 questions,
/// `candidates × interviews` signed scorecards and `decisions` sealed decision records.
pub fn write_loop_folder(
    folder: &std::path::Path,
    bank: &QuestionBank,
    candidates: usize,
    interviews: usize,
    decisions: usize,
    now: chrono::DateTime<chrono::FixedOffset>,
) -> interview_scorecard::model::loop_plan::LoopPlan {
    use interview_scorecard::model::decision::{Decision, DecisionRecord};
    use interview_scorecard::model::loop_plan::{LoopInterview, LoopPlan, LoopRef};
    use interview_scorecard::model::loop_status::expected_vs_received;
    use interview_scorecard::model::signature::{self, SigningKey};
    use interview_scorecard::store::loop_folder::{self, append_decision};
    use interview_scorecard::store::ron_file;
    let mut loop_plan = LoopPlan {
        id: "bench-loop".into(),
        title: "Bench loop".into(),
        role: "Backend developer".into(),
        ..LoopPlan::default()
    };
    for i in 0..interviews {
        let questions = plan(bank, 6, 100 + i as u64).questions;
        loop_plan.interviews.push(LoopInterview {
            id: format!("interview-{i}"),
            title: format!("Interview {i}"),
            interviewer: format!("Interviewer {i}"),
            minutes: 60,
            questions,
            ..LoopInterview::default()
        });
    }
    loop_folder::save_loop_plan(&folder.join("bench.loop.ron"), &loop_plan).expect("loop plan");
    let keys: Vec<SigningKey> = (0..=interviews)
        .map(|i| SigningKey::from_bytes(&[i as u8 + 1; 32]))
        .collect();
    let mut cards: Vec<Session> = Vec::with_capacity(candidates * interviews);
    for c in 0..candidates {
        for (i, interview) in loop_plan.interviews.iter().enumerate() {
            let mut card = session(
                &loop_plan.interview_plan(interview),
                &format!("Candidate {c:03}"),
                &interview.interviewer,
                (c * 31 + i) as u64,
            );
            card.id = format!("{}-{c}-{i}", card.id);
            card.loop_ref = Some(LoopRef {
                loop_id: loop_plan.id.clone(),
                interview_id: interview.id.clone(),
            });
            card.submit(now).expect("submits");
            signature::sign(&mut card, &keys[i]);
            ron_file::save(&folder.join(format!("{}.ron", card.id)), &card).expect("scorecard");
            cards.push(card);
        }
    }
    let statuses = expected_vs_received(&loop_plan, &cards, now);
    for status in statuses.iter().take(decisions) {
        let mut record = DecisionRecord::draft(&loop_plan, status, &cards, "Chair", now);
        let mechanical = record.mechanical.as_ref().map(|m| m.decision);
        record.decision = mechanical.or(Some(Decision::Hold));
        record.rationale = "As the rule says.".into();
        record.seal(None, &keys[interviews], now).expect("sealed");
        append_decision(folder, &record).expect("decision");
    }

    loop_plan
}
