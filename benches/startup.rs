//! Startup to first frame and peak memory, measured from outside: the release binary is
//! launched under Xvfb and timed until its window is mapped (eframe shows the window only once
//! the first frame is painted). Peak memory is also measured in a fresh process that loads
//! the bank and draws every view headless, which separates the app's own memory from the
//! graphics driver's.
//!
//! Run with `cargo bench --bench startup`. Needs `Xvfb` and `xdotool` for the window figures.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{Report, Stats, Verdict, ms};

const STARTUP_BUDGET_MS: f64 = 500.0;
const RSS_BUDGET_MB: f64 = 150.0;
const LAUNCHES: usize = 5;
/// Environment variable that turns this bench into the child that measures in-process memory.
const CHILD_ENV: &str = "SCORECARD_BENCH_RSS_CHILD";

fn main() {
    if let Ok(which) = std::env::var(CHILD_ENV) {
        rss_child(&which);
        return;
    }
    let mut report = Report::new("Startup and peak memory");
    let bundled = tempfile::tempdir().expect("temp data dir");
    let big = tempfile::tempdir().expect("temp data dir");
    write_user_bank(big.path(), 10_000);

    window(&mut report, bundled.path(), big.path());
    for (label, dir) in [
        ("bundled bank", bundled.path()),
        ("bundled + 10,000 questions", big.path()),
    ] {
        match rss_in_process(dir) {
            Ok(kib) => report.row(
                format!("Peak RSS in process, {label}: load + every view drawn headless"),
                format!("{:.1} MB", kib as f64 / 1024.0),
                "—",
                Verdict::Info,
            ),
            Err(err) => report.row(
                format!("Peak RSS in process, {label}"),
                err,
                "—",
                Verdict::Skipped,
            ),
        }
    }
    report.finish("startup");
}

/// Writes `count` synthetic questions into the user's question-set folder of a data dir.
fn write_user_bank(data_dir: &Path, count: usize) {
    let folder = data_dir.join("question_sets");
    std::fs::create_dir_all(&folder).expect("create question_sets");
    for source in common::bank_sources(count, common::PER_FILE) {
        std::fs::write(folder.join(&source.name), &source.text).expect("write a synthetic set");
    }
}

// ---------------------------------------------------------------------------------------------
// The real binary under Xvfb

fn have(tool: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Kills a process we started when dropped, so nothing outlives the bench.
struct Guard(Child);

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts a private X server. Xvfb picks a free display itself (`-displayfd`) and writes its
/// number to our pipe, so two programs starting an Xvfb at once never share one. `-noreset`
/// keeps it from resetting whenever its last client leaves, which would refuse the next app
/// that connects during the reset.
fn start_xvfb() -> Result<(Guard, String), String> {
    let mut child = Command::new("Xvfb")
        .args([
            "-displayfd",
            "1",
            "-noreset",
            "-screen",
            "0",
            "1280x800x24",
            "-nolisten",
            "tcp",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|err| format!("could not start Xvfb: {err}"))?;
    // Read the number byte by byte, leaving the pipe open (and owned by the child handle):
    // Xvfb must not find its output closed while it runs.
    let mut line = String::new();
    if let Some(stdout) = child.stdout.as_mut() {
        let mut byte = [0u8; 1];
        while std::io::Read::read(stdout, &mut byte).is_ok_and(|n| n == 1) && byte[0] != b'\n' {
            line.push(byte[0] as char);
        }
    }
    let guard = Guard(child);
    let number: u32 = line
        .trim()
        .parse()
        .map_err(|_| format!("Xvfb did not report its display (got {line:?})"))?;
    let name = format!(":{number}");
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        let ready = Command::new("xdotool")
            .arg("getmouselocation")
            .env("DISPLAY", &name)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if ready {
            return Ok((guard, name));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Err("Xvfb did not come up within 10 s".into())
}

fn window_visible(display: &str, pid: u32) -> bool {
    Command::new("xdotool")
        .args([
            "search",
            "--onlyvisible",
            "--pid",
            &pid.to_string(),
            "--name",
            "Interview Scorecard",
        ])
        .env("DISPLAY", display)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// One launch: time until the window is visible, and peak RSS after it has run for a second.
fn launch(
    binary: &Path,
    display: &str,
    data_dir: &Path,
    runtime_dir: &Path,
) -> Result<(Duration, u64), String> {
    let start = Instant::now();
    let child = Command::new(binary)
        .env("DISPLAY", display)
        .env("SCORECARD_DATA_DIR", data_dir)
        .env("XDG_RUNTIME_DIR", runtime_dir)
        .env_remove("WAYLAND_DISPLAY")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|err| format!("could not start {}: {err}", binary.display()))?;
    let pid = child.id();
    let mut guard = Guard(child);
    let deadline = start + Duration::from_secs(20);
    let shown = loop {
        if window_visible(display, pid) {
            break start.elapsed();
        }
        if let Ok(Some(status)) = guard.0.try_wait() {
            let mut err = String::new();
            if let Some(mut stderr) = guard.0.stderr.take() {
                let _ = std::io::Read::read_to_string(&mut stderr, &mut err);
            }
            return Err(format!(
                "the app exited ({status}) before showing a window on {display}: {}",
                err.trim()
            ));
        }
        if Instant::now() > deadline {
            return Err("no window within 20 s".into());
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    // Let it settle (fonts uploaded, a few frames drawn) before reading its peak memory.
    std::thread::sleep(Duration::from_millis(1500));
    let rss = common::peak_rss_kib(Some(pid)).ok_or("could not read the app's /proc status")?;
    Ok((shown, rss))
}

fn window(report: &mut Report, bundled: &Path, big: &Path) {
    let missing: Vec<&str> = ["Xvfb", "xdotool"]
        .into_iter()
        .filter(|t| !have(t))
        .collect();
    if !missing.is_empty() {
        let why = format!(
            "skipped: {} not installed (apt-get install xvfb xdotool)",
            missing.join(" and ")
        );
        report.row(
            "Startup to first frame (release binary, Xvfb)",
            why.clone(),
            format!("≤ {STARTUP_BUDGET_MS} ms"),
            Verdict::Skipped,
        );
        report.row(
            "Peak RSS of the app, bundled bank",
            why,
            format!("≤ {RSS_BUDGET_MB} MB"),
            Verdict::Skipped,
        );
        return;
    }
    let binary = PathBuf::from(env!("CARGO_BIN_EXE_scorecard"));
    let (_xvfb, display) = match start_xvfb() {
        Ok(x) => x,
        Err(err) => {
            report.row(
                "Startup to first frame (release binary, Xvfb)",
                err,
                format!("≤ {STARTUP_BUDGET_MS} ms"),
                Verdict::Skipped,
            );
            return;
        }
    };
    let runtime = tempfile::tempdir().expect("runtime dir");
    for (label, data_dir, budgeted) in [
        ("bundled bank", bundled, true),
        ("bundled + 10,000 questions", big, false),
    ] {
        let mut shown = Vec::new();
        let mut rss = Vec::new();
        let mut error = None;
        for _ in 0..LAUNCHES {
            match launch(&binary, &display, data_dir, runtime.path()) {
                Ok((time, kib)) => {
                    shown.push(time);
                    rss.push(kib);
                }
                Err(err) => {
                    error = Some(err);
                    break;
                }
            }
        }
        if let Some(err) = error {
            report.row(
                format!("Startup to first frame, {label}"),
                err,
                format!("≤ {STARTUP_BUDGET_MS} ms"),
                Verdict::Fail,
            );
            continue;
        }
        let stats = Stats::of(&shown);
        let figure = format!(
            "median {:.0} ms, first launch {:.0} ms, {LAUNCHES} launches",
            ms(stats.median),
            ms(shown[0])
        );
        let peak_mb = rss.iter().copied().max().unwrap_or(0) as f64 / 1024.0;
        if budgeted {
            report.row(
                format!("Startup to first frame, {label}"),
                figure,
                format!("median ≤ {STARTUP_BUDGET_MS} ms"),
                Verdict::of(ms(stats.median) <= STARTUP_BUDGET_MS),
            );
            report.row(
                format!("Peak RSS of the app, {label}"),
                format!("{peak_mb:.1} MB"),
                format!("≤ {RSS_BUDGET_MB} MB"),
                Verdict::of(peak_mb <= RSS_BUDGET_MB),
            );
        } else {
            report.row(
                format!("Startup to first frame, {label}"),
                figure,
                "—",
                Verdict::Info,
            );
            report.row(
                format!("Peak RSS of the app, {label}"),
                format!("{peak_mb:.1} MB"),
                "—",
                Verdict::Info,
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// In-process memory, in a fresh child process

fn rss_in_process(data_dir: &Path) -> Result<u64, String> {
    let exe = std::env::current_exe().map_err(|err| format!("cannot find this bench: {err}"))?;
    let output = Command::new(exe)
        .env(CHILD_ENV, data_dir)
        .output()
        .map_err(|err| format!("could not run the child: {err}"))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    stdout
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM-KiB "))
        .and_then(|v| v.trim().parse().ok())
        .ok_or_else(|| {
            format!(
                "the child failed: {}",
                String::from_utf8_lossy(&output.stderr).trim()
            )
        })
}

/// Loads the bank as the app does, draws each view for a few frames, prints the peak RSS.
fn rss_child(data_dir: &str) {
    use interview_scorecard::store::AppDirs;
    use interview_scorecard::ui::session::ActiveSession;
    use interview_scorecard::ui::{AppState, Prefs, View};

    let dirs = AppDirs::at(Path::new(data_dir));
    let mut state = AppState::load(dirs.clone(), &[], Prefs::default());
    let plan = common::plan(&state.shared.bank, 50, 5);
    let session = common::session(&plan, "Ada Lovelace", "Grace", 6);
    let path = dirs.sessions().join("rss-child.ron");
    state.active = Some(ActiveSession::open(session, path).expect("open a session"));
    let mut headless = common::Headless::new();
    for view in [View::Bank, View::Interview, View::Scorecard, View::Panel] {
        state.shared.prefs.view = view;
        for _ in 0..20 {
            headless.frame(&mut state, vec![]);
        }
    }
    let peak = common::peak_rss_kib(None).unwrap_or(0);
    println!("VmHWM-KiB {peak}");
}
