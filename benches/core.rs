//! The work behind the screens: loading a bank, searching it per keystroke, autosaving an
//! interview, exporting a scorecard, comparing a panel and importing hostile documents.
//!
//! Run with `cargo bench --bench core`.

mod common;
// The question-health tests' synthetic history (raters with leniency, questions with known
// discrimination, planted useless questions), shared rather than copied.
#[path = "../tests/support/health.rs"]
mod health_support;

use std::time::Duration;

use common::{Check, Report, Stats, Verdict, ms, time};
use interview_scorecard::export::{self, Format};
use interview_scorecard::import;
use interview_scorecard::model::panel::PanelComparison;
use interview_scorecard::model::search::{Filter, SearchIndex, Searcher};
use interview_scorecard::model::{QuestionBank, SetSource};
use interview_scorecard::store::{panel_files, ron_file, sessions};

const LOAD_BUDGET_MS: f64 = 100.0;
/// 100,000 questions (400 files): parse, validate and index, as for 10,000.
const LOAD_100K_BUDGET_MS: f64 = 500.0;
const SEARCH_BUDGET_MS: f64 = 2.0;
const AUTOSAVE_BUDGET_MS: f64 = 5.0;
/// An import of up to the 20 MB limit, of any shape, answers (a set or a refusal) within this.
const IMPORT_BUDGET_MS: f64 = 2_000.0;
/// Question health over 2,000 scorecards, recomputed from scratch: within what the issue allows
/// for an update after one scorecard is added, so no incremental index is needed at this size.
const HEALTH_BUDGET_MS: f64 = 100.0;
/// Question health over 10,000 signed scorecards in History with no index yet: every file read,
/// parsed and its signature checked, the index written, every figure computed (the issue's
/// "≤ 2 s cold").
const HEALTH_COLD_BUDGET_MS: f64 = 2_000.0;
/// The same 10,000 scorecards after one more was added: the index answers for the rest (the
/// issue's "≤ 100 ms after one scorecard is added").
const HEALTH_WARM_BUDGET_MS: f64 = 100.0;
/// Scorecards in the large history (5,000 candidates × 2 interviewers).
const HEALTH_LARGE_CANDIDATES: usize = 5_000;

fn main() {
    let mut report = Report::new("Bank load, search, autosave, export, panel");
    // `BENCH_ONLY=search,autosave` runs some sections only (for profiling one of them).
    let only = std::env::var("BENCH_ONLY").unwrap_or_default();
    let run = |section: &str| only.is_empty() || only.split(',').any(|s| s.trim() == section);
    if run("load") {
        load(&mut report);
    }
    if run("search") {
        search(&mut report);
    }
    let bank = common::synthetic_bank(2_000);
    if run("autosave") {
        autosave(&mut report, &bank);
    }
    if run("export") {
        exports(&mut report, &bank);
    }
    if run("panel") {
        panel(&mut report, &bank);
    }
    if run("import") {
        import(&mut report, &bank);
    }
    if run("health") {
        health(&mut report);
    }
    if run("health-index") {
        health_index(&mut report);
    }
    report.finish(if only.is_empty() {
        "core"
    } else {
        "core-partial"
    });
}

/// Wall time of one load, and the CPU time all threads spent on it.
struct LoadTime {
    wall: Duration,
    cpu: Duration,
}

/// Parse, validate and index (`QuestionBank::load_indexed`, each set indexed as soon as it is
/// read), as the app does at start and after an edit or import.
fn load_once(sources: &[SetSource], size: usize) -> LoadTime {
    let cpu = common::process_cpu();
    let (_, wall, (bank, problems, index)) = time(|| QuestionBank::load_indexed(sources));
    let cpu = common::process_cpu() - cpu;
    assert!(problems.is_empty(), "synthetic bank has problems");
    assert_eq!(bank.len(), size, "every synthetic question loads");
    assert_eq!(index.len(), bank.len(), "the index covers the bank");
    LoadTime { wall, cpu }
}

/// Both steps spread their work over the cores, so the budget applies to wall time: what the
/// user waits. The CPU time of all threads is printed beside it.
fn load(report: &mut Report) {
    for (size, per_file, runs) in [
        (1_000, common::PER_FILE, 15),
        (10_000, common::PER_FILE, 7),
        (100_000, common::PER_FILE, 3),
        (10_000, 10_000, 5),
    ] {
        let sources = common::bank_sources(size, per_file);
        let bytes: usize = sources.iter().map(|s| s.text.len()).sum();
        let times: Vec<LoadTime> = (0..runs).map(|_| load_once(&sources, size)).collect();
        let stat = |f: &dyn Fn(&LoadTime) -> Duration| {
            Stats::of(&times.iter().map(f).collect::<Vec<_>>()).median
        };
        let wall = stat(&|t| t.wall);
        let files = if sources.len() == 1 {
            "one file".to_string()
        } else {
            format!("{} files", sources.len())
        };
        let name = format!(
            "Load {size} questions ({files}, {:.1} MB RON)",
            bytes as f64 / 1e6
        );
        let figure = format!(
            "wall {:.1} ms (parse, validate, index); CPU of all threads {:.1} ms",
            ms(wall),
            ms(stat(&|t| t.cpu))
        );
        // The budget applies to the bank as the benches generate it (files of 250 questions,
        // as a team's shared bank is kept). One 10,000-question file is shown for information:
        // its parse is split over the cores too, but the two cores of the machine the figures
        // were taken on give about 1.5 times one core's speed, which leaves it near 110 ms.
        let budget = match (size, per_file) {
            (10_000, common::PER_FILE) => Some(LOAD_BUDGET_MS),
            (100_000, common::PER_FILE) => Some(LOAD_100K_BUDGET_MS),
            _ => None,
        };
        if let Some(budget) = budget {
            report.row(
                name,
                figure,
                format!("median ≤ {budget} ms"),
                Verdict::of(ms(wall) <= budget),
            );
        } else {
            report.row(name, figure, "—", Verdict::Info);
        }
    }
}

/// Words typed a character at a time and then deleted a character at a time; each edit is
/// one keystroke, and the search runs after each, as in the Bank view.
const TYPED: &[&str] = &[
    "cache",
    "thread pool",
    "migration rollback",
    "idempotent retry",
    "decrator",
    "async queue",
];

fn keystrokes() -> Vec<String> {
    let mut queries = Vec::new();
    for word in TYPED {
        let chars: Vec<char> = word.chars().collect();
        for n in (1..=chars.len()).chain((0..chars.len()).rev()) {
            queries.push(chars[..n].iter().collect());
        }
    }
    queries
}

fn search(report: &mut Report) {
    let queries = keystrokes();
    for size in [10_000, 100_000] {
        let bank = &common::synthetic_bank(size);
        let index = SearchIndex::build(bank);
        let filter = Filter::default();
        let not_in_plan = |_: &str| false;
        let repeats = if size > 10_000 { 3 } else { 7 };
        // Each repetition types the whole sequence with a new searcher (as a freshly opened Bank
        // view would); a keystroke's figure is its median over the repetitions, so one
        // preempted run on a busy machine does not count as a slow keystroke.
        let mut runs: Vec<Vec<Duration>> = vec![Vec::new(); queries.len()];
        let mut hits_first = 0;
        for _ in 0..repeats {
            let mut searcher = Searcher::default();
            for (k, query) in queries.iter().enumerate() {
                let (cpu, _, outcome) =
                    time(|| searcher.search(bank, &index, query, &filter, &not_in_plan));
                if query.chars().count() == 1 {
                    hits_first = hits_first.max(outcome.hits.len());
                }
                runs[k].push(cpu);
            }
        }
        let keystrokes: Vec<Duration> = runs.iter().map(|r| Stats::of(r).median).collect();
        let (worst_at, worst) = keystrokes
            .iter()
            .enumerate()
            .max_by_key(|(_, d)| **d)
            .map(|(k, d)| (k, *d))
            .unwrap_or_default();
        let stats = Stats::of(&keystrokes);
        let name = format!(
            "Search per keystroke, {size} questions ({} keystrokes)",
            keystrokes.len()
        );
        let figure = format!(
            "median {:.3} ms, p99 {:.3} ms, worst {:.3} ms (\"{}\")",
            ms(stats.median),
            ms(stats.p99),
            ms(worst),
            queries[worst_at]
        );
        // The same budget at both sizes: a keystroke must feel instant however large the bank.
        report.row(
            name,
            figure,
            format!("worst ≤ {SEARCH_BUDGET_MS} ms"),
            Verdict::of(ms(stats.max) <= SEARCH_BUDGET_MS),
        );
        assert!(hits_first > 0, "single letters match something");
        if size == 10_000 {
            // The same keystrokes with a new searcher each time: every word matched against the
            // whole bank, as before the searcher remembered words. For comparison only.
            let scratch: Vec<Duration> = queries
                .iter()
                .map(|query| {
                    let runs: Vec<Duration> = (0..3)
                        .map(|_| {
                            let mut searcher = Searcher::default();
                            time(|| searcher.search(bank, &index, query, &filter, &not_in_plan)).0
                        })
                        .collect();
                    Stats::of(&runs).median
                })
                .collect();
            let scratch = Stats::of(&scratch);
            report.row(
                "  the same, matching every keystroke from scratch",
                format!(
                    "median {:.3} ms, p99 {:.3} ms, worst {:.3} ms",
                    ms(scratch.median),
                    ms(scratch.p99),
                    ms(scratch.max)
                ),
                "—",
                Verdict::Info,
            );
        }
    }
}

fn autosave(report: &mut Report, bank: &QuestionBank) {
    let plan = common::plan(bank, 50, 11);
    let session = common::session(&plan, "Ada Lovelace", "Grace", 12);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("sessions").join("autosave.ron");
    let mut serialise = Vec::new();
    let mut writes = Vec::new();
    for _ in 0..60 {
        let (_, wall, text) = time(|| ron_file::to_ron(&session).expect("serialise the session"));
        std::hint::black_box(text);
        serialise.push(wall);
        let (_, wall, result) = time(|| sessions::save_session(&path, &session));
        result.expect("autosave write");
        writes.push(wall);
    }
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    let stats = Stats::of(&writes);
    report.timing(
        &format!(
            "Autosave, 50-question session ({:.0} KB): serialise + atomic write + fsync",
            size as f64 / 1e3
        ),
        &stats,
        Check::Median,
        Some(AUTOSAVE_BUDGET_MS),
    );
    report.timing(
        "  of which serialising to RON",
        &Stats::of(&serialise),
        Check::Median,
        None,
    );
    // What the disk itself costs for the same bytes: temp file, fsync, rename, fsync of the
    // folder, without the app's code. The budget cannot be met below this floor.
    let bytes = std::fs::read(&path).expect("read the autosaved file");
    let mut floor = Vec::new();
    for n in 0..30 {
        let temp = dir.path().join(format!("floor-{n}.tmp"));
        let (_, wall, result) = time(|| -> std::io::Result<()> {
            let mut file = std::fs::File::create(&temp)?;
            std::io::Write::write_all(&mut file, &bytes)?;
            file.sync_all()?;
            std::fs::rename(&temp, dir.path().join("floor.ron"))?;
            std::fs::File::open(dir.path())?.sync_all()
        });
        result.expect("raw write");
        floor.push(wall);
    }
    report.timing(
        "  the disk alone: same bytes, write + fsync + rename + fsync folder",
        &Stats::of(&floor),
        Check::Median,
        None,
    );
    let back = sessions::load_session(&path).expect("the autosaved file reads back");
    assert_eq!(back, session, "autosave round-trips");
}

fn exports(report: &mut Report, bank: &QuestionBank) {
    let plan = common::plan(bank, 50, 21);
    let mut session = common::session(&plan, "Ada Lovelace", "Grace", 22);
    session
        .submit(chrono::Local::now().fixed_offset())
        .expect("submit");
    for format in Format::ALL {
        let runs = if format == Format::Pdf { 5 } else { 20 };
        let mut times = Vec::new();
        let mut size = 0;
        for _ in 0..runs {
            let (_, wall, bytes) = time(|| export::export(&session, format));
            let bytes = bytes.unwrap_or_else(|err| panic!("export to {format} failed: {err}"));
            size = bytes.len();
            times.push(wall);
        }
        let stats = Stats::of(&times);
        report.row(
            format!(
                "Export {format}, 50 questions ({:.0} KB)",
                size as f64 / 1e3
            ),
            format!(
                "median {:.2} ms, max {:.2} ms",
                ms(stats.median),
                ms(stats.max)
            ),
            "— (runs off the UI thread)",
            Verdict::Info,
        );
    }
}

fn panel(report: &mut Report, bank: &QuestionBank) {
    for (candidates, interviewers) in [(4, 5), (50, 5)] {
        let cards = common::scorecards(bank, candidates, interviewers, 30);
        let count = cards.len();
        let dir = tempfile::tempdir().expect("temp dir");
        for card in &cards {
            sessions::save_session(&dir.path().join(format!("{}.ron", card.id)), card)
                .expect("write scorecard");
        }
        let mut reads = Vec::new();
        let mut builds = Vec::new();
        for _ in 0..5 {
            let (_, wall, load) = time(|| panel_files::load_paths(&[dir.path().to_path_buf()]));
            assert_eq!(
                load.scorecards.len(),
                count,
                "every scorecard loads: {:?}",
                load.rejected.first().map(ToString::to_string)
            );
            reads.push(wall);
            let sessions = load.sessions();
            let (_, wall, comparison) = time(|| PanelComparison::build(&sessions));
            assert_eq!(
                comparison.candidates.len(),
                candidates,
                "one comparison per candidate"
            );
            builds.push(wall);
        }
        report.row(
            format!("Panel, {count} scorecards × 30 questions: read + verify files"),
            format!("median {:.1} ms", ms(Stats::of(&reads).median)),
            "—",
            Verdict::Info,
        );
        report.row(
            format!("Panel, {count} scorecards × 30 questions: compare"),
            format!("median {:.1} ms", ms(Stats::of(&builds).median)),
            "—",
            Verdict::Info,
        );
    }
}

/// A hostile document of about `size` bytes for the import section.
fn hostile(kind: &str, size: usize) -> (String, import::Format) {
    let markdown = |text: String| (text, import::Format::Markdown);
    match kind {
        "CSV rows" => {
            let mut out = String::from("prompt,category,level,listen_for\n");
            let mut n = 0;
            while out.len() < size {
                out.push_str(&format!("What is thing {n}?,Cat {},Beginner,a|b\n", n % 50));
                n += 1;
            }
            (out, import::Format::Csv)
        }
        "nested brackets" => {
            let half = size / 2 - 16;
            markdown(format!(
                "What is {}{}?\n",
                "[".repeat(half),
                "]".repeat(half)
            ))
        }
        "unclosed links" => markdown(format!("What is {}?\n", "[a](".repeat(size / 4 - 4))),
        "nested quotes" => markdown(format!("{}What is X?\n", "> ".repeat(size / 2 - 8))),
        "nested lists" => {
            let mut out = String::from("What is X?\n");
            let mut depth = 0;
            while out.len() < size {
                out.push_str(&" ".repeat(depth % 4000));
                out.push_str("- point\n");
                depth += 2;
            }
            markdown(out)
        }
        "inline questions in one line" => {
            let mut out = String::from("Intro sentence. ");
            let mut n = 1;
            while out.len() < size {
                out.push_str(&format!("{n}. What is item {n}? It is a thing. Read More "));
                n += 1;
            }
            markdown(out)
        }
        "many categories" => {
            let mut out = String::new();
            let mut n = 0;
            while out.len() < size {
                out.push_str(&format!(
                    "## Category {n}\n\nWhat is question {n}?\n- point\n\n"
                ));
                n += 1;
            }
            markdown(out)
        }
        "many duplicates" => markdown("What is X?\n- a point\n".repeat(size / 21)),
        other => panic!("unknown shape {other}"),
    }
}

/// 20 MB of each hostile shape, read as `scorecard import` and the import dialog read it:
/// decode, parse, build the set, compare with the bank. Each must answer within the budget.
fn import(report: &mut Report, bank: &QuestionBank) {
    const SIZE: usize = 20_000_000;
    for kind in [
        "CSV rows",
        "nested brackets",
        "unclosed links",
        "nested quotes",
        "nested lists",
        "inline questions in one line",
        "many categories",
        "many duplicates",
    ] {
        let (text, format) = hostile(kind, SIZE);
        assert!(
            text.len() <= import::MAX_IMPORT_BYTES,
            "{kind} fits the limit"
        );
        let mut times = Vec::new();
        let mut outcome = String::new();
        for _ in 0..3 {
            let (_, wall, result) = time(|| {
                import::import_bytes(text.as_bytes(), "hostile.md", format).map(|mut result| {
                    import::check_against_bank(&mut result, bank);
                    result
                })
            });
            outcome = match &result {
                Ok(result) => format!("{} questions", result.set.questions.len()),
                Err(error) => format!(
                    "refused: {}",
                    error.message.chars().take(40).collect::<String>()
                ),
            };
            times.push(wall);
        }
        let stats = Stats::of(&times);
        report.row(
            format!("Import {:.0} MB of {kind}", text.len() as f64 / 1e6),
            format!(
                "median {:.0} ms, max {:.0} ms ({outcome})",
                ms(stats.median),
                ms(stats.max)
            ),
            format!("max ≤ {IMPORT_BUDGET_MS} ms"),
            Verdict::of(ms(stats.max) <= IMPORT_BUDGET_MS),
        );
    }
}

/// Question health: computing every figure over 2,000 scorecards (1,000 candidates × 2
/// interviewers, 6–7 questions each), and reading and verifying them from a folder first.
fn health(report: &mut Report) {
    use interview_scorecard::model::health::{self, HealthOptions};
    use interview_scorecard::store::health_sources;
    let cards = health_support::history(1_000, 42);
    let count = cards.len();
    let options = HealthOptions {
        now: Some(health_support::now()),
        ..HealthOptions::default()
    };
    let mut samples = Vec::new();
    for _ in 0..20 {
        let (_, wall, computed) = time(|| health::compute(&cards, &options));
        assert_eq!(computed.scorecards, count, "every scorecard counts");
        assert!(
            !computed.attention.is_empty(),
            "the planted questions need attention"
        );
        samples.push(wall);
    }
    report.timing(
        &format!("Question health, {count} scorecards: compute"),
        &Stats::of(&samples),
        Check::Median,
        Some(HEALTH_BUDGET_MS),
    );
    let dir = tempfile::tempdir().expect("temp dir");
    for card in &cards {
        let text = ron_file::to_ron(card).expect("scorecard as RON");
        std::fs::write(dir.path().join(format!("{}.ron", card.id)), text).expect("write");
    }
    let mut reads = Vec::new();
    for _ in 0..3 {
        let (_, wall, sources) = time(|| health_sources::gather(None, &[dir.path().to_path_buf()]));
        assert_eq!(sources.input.scorecards.len(), count, "every file loads");
        reads.push(wall);
    }
    report.row(
        format!("Question health, {count} scorecards: read + verify files"),
        format!("median {:.1} ms", ms(Stats::of(&reads).median)),
        "—",
        Verdict::Info,
    );
}

/// Question health over 10,000 signed scorecards in a History folder, read through the index
/// in the data folder: cold (no index: every file read and verified, the index written) and
/// after one scorecard is added (one file read, the rest from the index, the index rewritten).
/// Both include computing every figure. The files sit in the page cache, as they do for a
/// History used daily.
fn health_index(report: &mut Report) {
    use interview_scorecard::model::health::{self, HealthOptions};
    use interview_scorecard::store::{AppDirs, health_sources};
    use std::time::SystemTime;
    let extra = 12;
    let mut cards = health_support::history(HEALTH_LARGE_CANDIDATES + extra / 2, 42);
    health_support::sign_all(&mut cards);
    let added = cards.split_off(HEALTH_LARGE_CANDIDATES * 2);
    let count = cards.len();
    let data = tempfile::tempdir().expect("temp dir");
    let dirs = AppDirs::at(data.path());
    dirs.ensure().expect("data folders");
    let write = |card: &interview_scorecard::model::Session| {
        // Plain writes: 10,000 fsyncs would measure the disk, not the app.
        let path = sessions::session_path(&dirs.sessions(), card);
        let text = ron_file::to_ron(card).expect("scorecard as RON");
        std::fs::write(path, text).expect("write scorecard");
    };
    for card in &cards {
        write(card);
    }
    let options = HealthOptions {
        now: Some(health_support::now()),
        ..HealthOptions::default()
    };
    // The files were all written a moment ago; judged as of a little later, as a History
    // written over the years would be (a file changed within seconds of a read is always
    // read again, see `store::health_index`).
    let later = || SystemTime::now() + Duration::from_secs(10);
    let analyse = || {
        let mut sources = health_sources::gather_indexed_at(
            Some(&dirs.health_index()),
            Some(&dirs.sessions()),
            &[],
            later(),
        );
        let report = health::compute_input(&sources.input, &options);
        // Measured to the end: the index is written while the figures are computed.
        assert_eq!(sources.finish().not_saved, None, "the index is written");
        (sources, report)
    };
    let mut cold = Vec::new();
    for _ in 0..3 {
        let _ = std::fs::remove_file(dirs.health_index());
        let (_, wall, (sources, computed)) = time(analyse);
        assert_eq!(sources.index.read, count, "no index: every file read");
        assert_eq!(computed.scorecards, count, "every signed scorecard counts");
        cold.push(wall);
    }
    report.timing(
        &format!("Question health, {count} signed scorecards: cold (no index)"),
        &Stats::of(&cold),
        Check::Max,
        Some(HEALTH_COLD_BUDGET_MS),
    );
    let index_bytes = std::fs::metadata(dirs.health_index()).map_or(0, |m| m.len());
    let mut warm = Vec::new();
    for (n, card) in added.iter().enumerate() {
        write(card);
        let (_, wall, (sources, computed)) = time(analyse);
        assert_eq!(sources.index.read, 1, "only the new scorecard is read");
        assert_eq!(computed.scorecards, count + n + 1);
        warm.push(wall);
    }
    report.timing(
        &format!("Question health, {count} signed scorecards: one added (index)"),
        &Stats::of(&warm),
        Check::Median,
        Some(HEALTH_WARM_BUDGET_MS),
    );
    report.row(
        format!("Question health, {count} scorecards: index size"),
        format!("{:.1} MB", index_bytes as f64 / 1e6),
        "—",
        Verdict::Info,
    );
}
