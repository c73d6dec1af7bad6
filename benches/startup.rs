//! Startup to first frame and peak memory, measured from outside: the release binary is
//! launched under Xvfb and timed until its window is mapped (eframe shows the window only once
//! the first frame is painted). Peak memory is also measured in a fresh process that loads
//! the bank and draws every view headless, which separates the app's own memory from the
//! graphics driver's.
//!
//! Beside the app, in the same run and under the same X server, the bench launches a floor: a
//! bare eframe window (this bench's own binary, so the same eframe build, features and release
//! profile) drawing one label. The window budgets are ratios to that floor, so they hold on any
//! machine: what they measure is what the app adds to its framework.
//!
//! Run with `cargo bench --bench startup`. Needs `Xvfb` and `xdotool` for the window figures.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{Report, Stats, Verdict, ms};

/// Window visible, as a multiple of the floor's (medians of the same run).
const STARTUP_RATIO_BUDGET: f64 = 1.25;
/// Peak memory above the floor's, in MB (medians of the same run).
const RSS_OVER_FLOOR_BUDGET_MB: f64 = 15.0;
/// Rounds of launches. Window times on a shared machine swing by a third between launches; nine
/// rounds give a median that moves less from run to run than five did.
const LAUNCHES: usize = 9;
/// Environment variable that turns this bench into the child that measures in-process memory.
const CHILD_ENV: &str = "SCORECARD_BENCH_RSS_CHILD";
/// Environment variable that turns this bench into the floor: a bare eframe window.
const FLOOR_ENV: &str = "SCORECARD_BENCH_FLOOR";
const FLOOR_TITLE: &str = "eframe floor";
const APP_TITLE: &str = "Interview Scorecard";

fn main() {
    if let Ok(which) = std::env::var(CHILD_ENV) {
        rss_child(&which);
        return;
    }
    if std::env::var_os(FLOOR_ENV).is_some() {
        floor();
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
            Ok((kib, phases)) => {
                for (name, cpu, wall, added) in phases {
                    report.row(
                        format!("  {label}, headless: {name}"),
                        format!(
                            "wall {wall:.1} ms (CPU of this thread {cpu:.1}), +{:.1} MB",
                            added as f64 / 1024.0
                        ),
                        "—",
                        Verdict::Info,
                    );
                }
                report.row(
                    format!("Peak RSS in process, {label}: load + every view drawn headless"),
                    format!("{:.1} MB", kib as f64 / 1024.0),
                    "—",
                    Verdict::Info,
                )
            }
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

fn window_visible(display: &str, pid: u32, title: &str) -> bool {
    Command::new("xdotool")
        .args([
            "search",
            "--onlyvisible",
            "--pid",
            &pid.to_string(),
            "--name",
            title,
        ])
        .env("DISPLAY", display)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// What a launch starts: the app with a data folder, or the bare eframe floor.
#[derive(Clone, Copy)]
enum Program<'a> {
    App(&'a Path),
    Floor,
    /// Another build of the app (`BENCH_COMPARE_BINARY`), with the bundled bank.
    Other(&'a Path, &'a Path),
}

/// One launch: time until the window is visible, and peak RSS after it has run for a while.
/// Both programs get the same environment: the display, an empty runtime folder and an empty
/// XDG data folder (so no window geometry or preferences saved by earlier runs are read).
fn launch(
    program: Program<'_>,
    display: &str,
    runtime_dir: &Path,
    xdg_data: &Path,
) -> Result<(Duration, u64), String> {
    let (binary, title) = match program {
        Program::App(_) => (PathBuf::from(env!("CARGO_BIN_EXE_scorecard")), APP_TITLE),
        Program::Floor => (
            std::env::current_exe().map_err(|err| format!("cannot find this bench: {err}"))?,
            FLOOR_TITLE,
        ),
        Program::Other(binary, _) => (binary.to_path_buf(), APP_TITLE),
    };
    let mut command = Command::new(&binary);
    command
        .env("DISPLAY", display)
        .env("XDG_RUNTIME_DIR", runtime_dir)
        .env("XDG_DATA_HOME", xdg_data)
        .env_remove("WAYLAND_DISPLAY")
        .env_remove(CHILD_ENV)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    match program {
        Program::App(data_dir) | Program::Other(_, data_dir) => {
            command.env("SCORECARD_DATA_DIR", data_dir)
        }
        Program::Floor => command.env(FLOOR_ENV, "1"),
    };
    let start = Instant::now();
    let child = command
        .spawn()
        .map_err(|err| format!("could not start {}: {err}", binary.display()))?;
    let pid = child.id();
    let mut guard = Guard(child);
    let deadline = start + Duration::from_secs(20);
    let shown = loop {
        if window_visible(display, pid, title) {
            break start.elapsed();
        }
        if let Ok(Some(status)) = guard.0.try_wait() {
            let mut err = String::new();
            if let Some(mut stderr) = guard.0.stderr.take() {
                let _ = std::io::Read::read_to_string(&mut stderr, &mut err);
            }
            return Err(format!(
                "{} exited ({status}) before showing a window on {display}: {}",
                binary.display(),
                err.trim()
            ));
        }
        if Instant::now() > deadline {
            return Err("no window within 20 s".into());
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    // Let it settle (fonts uploaded, a few frames drawn, background work done) before reading
    // its peak memory.
    std::thread::sleep(Duration::from_millis(2500));
    let rss = common::peak_rss_kib(Some(pid)).ok_or("could not read the /proc status")?;
    Ok((shown, rss))
}

/// Launch figures of one program: medians over the launches.
struct Launches {
    shown: Stats,
    first: Duration,
    rss_mb: f64,
}

impl Launches {
    fn figure(&self) -> String {
        format!(
            "visible {:.0} ms (first launch {:.0}), peak RSS {:.1} MB",
            ms(self.shown.median),
            ms(self.first),
            self.rss_mb
        )
    }
}

/// Launches each program in turn, `LAUNCHES` rounds, so the floor and the app meet the same
/// moments of a busy machine.
fn launch_rounds(
    programs: &[Program<'_>],
    display: &str,
    runtime: &Path,
    xdg_data: &Path,
) -> Result<Vec<Launches>, String> {
    let mut shown = vec![Vec::new(); programs.len()];
    let mut rss = vec![Vec::new(); programs.len()];
    for _ in 0..LAUNCHES {
        for (i, program) in programs.iter().enumerate() {
            let (time, kib) = launch(*program, display, runtime, xdg_data)?;
            shown[i].push(time);
            rss[i].push(kib);
        }
    }
    Ok(shown
        .iter()
        .zip(&mut rss)
        .map(|(shown, rss)| {
            rss.sort_unstable();
            Launches {
                shown: Stats::of(shown),
                first: shown[0],
                rss_mb: rss[rss.len() / 2] as f64 / 1024.0,
            }
        })
        .collect())
}

fn window(report: &mut Report, bundled: &Path, big: &Path) {
    let time_budget = format!("visible ≤ {STARTUP_RATIO_BUDGET}× floor");
    let rss_budget = format!("RSS ≤ floor + {RSS_OVER_FLOOR_BUDGET_MB} MB");
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
            "Startup, bundled bank",
            why.clone(),
            time_budget,
            Verdict::Skipped,
        );
        report.row("Peak RSS, bundled bank", why, rss_budget, Verdict::Skipped);
        return;
    }
    let (_xvfb, display) = match start_xvfb() {
        Ok(x) => x,
        Err(err) => {
            report.row("Startup, bundled bank", err, time_budget, Verdict::Skipped);
            return;
        }
    };
    let runtime = tempfile::tempdir().expect("runtime dir");
    let xdg_data = tempfile::tempdir().expect("XDG data dir");
    // `BENCH_COMPARE_BINARY=path/to/scorecard` launches another build in the same rounds, for
    // a before/after comparison that the machine's load cannot skew.
    let other = std::env::var_os("BENCH_COMPARE_BINARY").map(PathBuf::from);
    let mut programs = vec![Program::Floor, Program::App(bundled), Program::App(big)];
    if let Some(other) = &other {
        programs.push(Program::Other(other, bundled));
    }
    let launches = match launch_rounds(&programs, &display, runtime.path(), xdg_data.path()) {
        Ok(launches) => launches,
        Err(err) => {
            report.row("Startup, bundled bank", err, time_budget, Verdict::Fail);
            return;
        }
    };
    let (floor, app, app_big) = match &launches[..] {
        [floor, app, app_big, ..] => (floor, app, app_big),
        _ => return,
    };
    report.row(
        format!("Floor: bare eframe window, {LAUNCHES} launches (medians)"),
        floor.figure(),
        "—",
        Verdict::Info,
    );
    report.row(
        format!("App, bundled bank, {LAUNCHES} launches (medians)"),
        app.figure(),
        "—",
        Verdict::Info,
    );
    let ratio = ms(app.shown.median) / ms(floor.shown.median).max(1.0);
    report.row(
        "Startup to first frame, bundled bank, vs the floor",
        format!(
            "{:.0} ms vs {:.0} ms: {ratio:.2}×",
            ms(app.shown.median),
            ms(floor.shown.median)
        ),
        time_budget,
        Verdict::of(ratio <= STARTUP_RATIO_BUDGET),
    );
    let over = app.rss_mb - floor.rss_mb;
    report.row(
        "Peak RSS, bundled bank, vs the floor",
        format!(
            "{:.1} MB vs {:.1} MB: {over:+.1} MB",
            app.rss_mb, floor.rss_mb
        ),
        rss_budget,
        Verdict::of(over <= RSS_OVER_FLOOR_BUDGET_MB),
    );
    report.row(
        "App, bundled + 10,000 questions, vs the floor",
        format!(
            "{} ({:.2}×, {:+.1} MB)",
            app_big.figure(),
            ms(app_big.shown.median) / ms(floor.shown.median).max(1.0),
            app_big.rss_mb - floor.rss_mb
        ),
        "—",
        Verdict::Info,
    );
    if let (Some(path), Some(before)) = (&other, launches.get(3)) {
        report.row(
            format!("Other build {}, bundled bank", path.display()),
            format!(
                "{} ({:.2}×, {:+.1} MB)",
                before.figure(),
                ms(before.shown.median) / ms(floor.shown.median).max(1.0),
                before.rss_mb - floor.rss_mb
            ),
            "—",
            Verdict::Info,
        );
    }
}

/// The floor: the least an eframe app can be, a window drawing one label, with everything
/// else as eframe's defaults (renderer, system font fallback, persistence) and the app's
/// window size.
fn floor() {
    struct Floor;
    impl eframe::App for Floor {
        fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
            egui::CentralPanel::default().show(ui, |ui| {
                ui.label("Hello");
            });
        }
    }
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(FLOOR_TITLE)
            .with_inner_size([1280.0, 800.0]),
        ..Default::default()
    };
    if let Err(err) = eframe::run_native(FLOOR_TITLE, options, Box::new(|_| Ok(Box::new(Floor)))) {
        eprintln!("the floor could not open its window: {err}");
        std::process::exit(1);
    }
}

// ---------------------------------------------------------------------------------------------
// In-process memory, in a fresh child process

/// One startup step the child measured: its name, CPU and wall ms, and KiB of memory it added.
type Phase = (String, f64, f64, u64);

/// Peak memory of the child, and the steps it printed.
fn rss_in_process(data_dir: &Path) -> Result<(u64, Vec<Phase>), String> {
    let exe = std::env::current_exe().map_err(|err| format!("cannot find this bench: {err}"))?;
    let output = Command::new(exe)
        .env(CHILD_ENV, data_dir)
        .output()
        .map_err(|err| format!("could not run the child: {err}"))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let phases = stdout
        .lines()
        .filter_map(|l| l.strip_prefix("PHASE "))
        .filter_map(|l| {
            let mut parts = l.split('\t');
            let name = parts.next()?.to_string();
            let cpu = parts.next()?.parse().ok()?;
            let wall = parts.next()?.parse().ok()?;
            let kib = parts.next()?.parse().ok()?;
            Some((name, cpu, wall, kib))
        })
        .collect();
    stdout
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM-KiB "))
        .and_then(|v| v.trim().parse().ok())
        .map(|peak| (peak, phases))
        .ok_or_else(|| {
            format!(
                "the child failed: {}",
                String::from_utf8_lossy(&output.stderr).trim()
            )
        })
}

/// Current resident memory of this process, from `/proc/self/status`.
fn rss_now_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|line| line.strip_prefix("VmRSS:"))
                .and_then(|rest| rest.split_whitespace().next())
                .and_then(|kib| kib.parse().ok())
        })
        .unwrap_or(0)
}

/// Loads the bank as the app does, draws each view for a few frames, prints the peak RSS.
/// Before that, prints the time and memory of each startup step (`PHASE name ms KiB`), the
/// first of them a bare context drawing one label, as the floor's first frame does.
fn rss_child(data_dir: &str) {
    use interview_scorecard::store::AppDirs;
    use interview_scorecard::ui::session::ActiveSession;
    use interview_scorecard::ui::{AppState, Prefs, View};

    let mut rss = rss_now_kib();
    let mut phase = |name: &str, cpu: Duration, wall: Duration| {
        let now = rss_now_kib();
        println!(
            "PHASE {name}\t{:.1}\t{:.1}\t{}",
            ms(cpu),
            ms(wall),
            now.saturating_sub(rss)
        );
        rss = now;
    };
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, common::SCREEN);
    let bare_frame = |ctx: &egui::Context, ui: &mut dyn FnMut(&mut egui::Ui)| {
        let input = egui::RawInput {
            screen_rect: Some(screen),
            ..Default::default()
        };
        let mut output = ctx.run_ui(input, |u| ui(u));
        let shapes = std::mem::take(&mut output.shapes);
        std::hint::black_box(ctx.tessellate(shapes, output.pixels_per_point));
        output.textures_delta.clear();
    };
    let floor = egui::Context::default();
    let (cpu, wall, ()) = common::time(|| {
        bare_frame(&floor, &mut |ui| {
            egui::CentralPanel::default().show(ui, |ui| {
                ui.label("Hello");
            });
        })
    });
    phase("floor: a bare context's first frame (one label)", cpu, wall);

    let dirs = AppDirs::at(Path::new(data_dir));
    let (cpu, wall, mut state) =
        common::time(|| AppState::load(dirs.clone(), &[], Prefs::default()));
    phase("load the bank and the app's state", cpu, wall);
    let (cpu, wall, mut headless) = common::time(common::Headless::new);
    phase("set up the context (fonts, style)", cpu, wall);
    let (cpu, wall) = headless.frame(&mut state, vec![]);
    phase(
        "first frame of the Bank (fonts parsed, atlas, layout, tessellation)",
        cpu,
        wall,
    );
    let (cpu, wall) = headless.frame(&mut state, vec![]);
    phase("second frame of the Bank", cpu, wall);

    let plan = common::plan(&state.shared.bank, 50, 5);
    let session = common::session(&plan, "Ada Lovelace", "Grace", 6);
    let path = dirs.sessions().join("rss-child.ron");
    state.active = Some(ActiveSession::open(session, path).expect("open a session"));
    for view in [View::Bank, View::Interview, View::Scorecard, View::Panel] {
        state.shared.prefs.view = view;
        for _ in 0..20 {
            headless.frame(&mut state, vec![]);
        }
    }
    let peak = common::peak_rss_kib(None).unwrap_or(0);
    println!("VmHWM-KiB {peak}");
}
