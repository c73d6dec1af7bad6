//! A loop folder shared by a real sync engine: two Syncthing instances on loopback, each with
//! its own home and ports, share one folder. Scorecards written through our store on side A
//! appear in the loop model on side B; a scorecard written on both sides before they first
//! connect becomes a conflict copy that the model recognises and never counts twice. Everything the
//! test starts is stopped when it ends, pass or fail.
//!
//! Needs `syncthing` on the PATH (Debian package `syncthing`; `.ci/run` installs it).

use crate::loop_support;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

use interview_scorecard::model::loop_status::Receipt;
use interview_scorecard::model::session::{Recommendation, Session};
use interview_scorecard::store::loop_folder::{LoopFolder, load_loop_folder, save_loop_plan};
use interview_scorecard::store::panel_files::RejectReason;
use loop_support::*;

const FOLDER_ID: &str = "loop";
/// The whole test stays well inside a minute; each wait gets what is left of this.
const BUDGET: Duration = Duration::from_secs(55);

/// A running Syncthing; dropping it shuts it down (and kills it if it does not stop).
struct Syncthing {
    name: &'static str,
    child: Child,
    home: PathBuf,
    gui_port: u16,
    api_key: String,
    device_id: String,
}

impl Drop for Syncthing {
    fn drop(&mut self) {
        let _ = self.post("/rest/system/shutdown");
        let deadline = Instant::now() + Duration::from_secs(3);
        while Instant::now() < deadline {
            if matches!(self.child.try_wait(), Ok(Some(_))) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Syncthing {
    fn request(&self, method: &str, path: &str) -> std::io::Result<(u16, String)> {
        let mut stream = TcpStream::connect(("127.0.0.1", self.gui_port))?;
        stream.set_read_timeout(Some(Duration::from_secs(20)))?;
        // HTTP/1.0: the server closes the connection after the response, so reading to the
        // end reads exactly one response, never chunked.
        write!(
            stream,
            "{method} {path} HTTP/1.0\r\nHost: 127.0.0.1\r\nX-API-Key: {}\r\nContent-Length: 0\r\n\r\n",
            self.api_key
        )?;
        let mut response = String::new();
        stream.read_to_string(&mut response)?;
        let status = response
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let body = response
            .split_once("\r\n\r\n")
            .map_or("", |(_, body)| body)
            .to_string();
        Ok((status, body))
    }

    fn get(&self, path: &str) -> std::io::Result<(u16, String)> {
        self.request("GET", path)
    }

    fn post(&self, path: &str) -> std::io::Result<(u16, String)> {
        self.request("POST", path)
    }

    /// Posts and insists on success.
    fn post_ok(&self, path: &str) {
        match self.post(path) {
            Ok((200, _)) => {}
            other => panic!(
                "{}: POST {path} failed: {other:?}\n{}",
                self.name,
                self.log()
            ),
        }
    }

    fn connected_to(&self, other: &Syncthing) -> bool {
        let Ok((200, body)) = self.get("/rest/system/connections") else {
            return false;
        };
        serde_json::from_str::<serde_json::Value>(&body)
            .ok()
            .and_then(|v| v["connections"][&other.device_id]["connected"].as_bool())
            .unwrap_or(false)
    }

    fn log(&self) -> String {
        let text = std::fs::read_to_string(self.home.join("syncthing.log")).unwrap_or_default();
        let tail: Vec<&str> = text.lines().rev().take(30).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        format!(
            "--- {} log (last lines) ---\n{}",
            self.name,
            tail.join("\n")
        )
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The text between `open` and the next `close` after it.
fn between<'a>(text: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let start = text.find(open)? + open.len();
    let end = start + text[start..].find(close)?;
    Some(&text[start..end])
}

/// A generated home: its device id and API key.
struct Home {
    path: PathBuf,
    device_id: String,
    api_key: String,
    gui_port: u16,
    listen_port: u16,
}

fn generate(path: &Path) -> Home {
    let output = Command::new("syncthing")
        .arg("generate")
        .arg(format!("--home={}", path.display()))
        .arg("--no-default-folder")
        .output()
        .expect("syncthing generate runs");
    assert!(
        output.status.success(),
        "syncthing generate failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let config = std::fs::read_to_string(path.join("config.xml")).expect("config.xml");
    Home {
        path: path.to_path_buf(),
        device_id: between(&config, "<device id=\"", "\"")
            .expect("own device id")
            .to_string(),
        api_key: between(&config, "<apikey>", "</apikey>")
            .expect("API key")
            .to_string(),
        gui_port: free_port(),
        listen_port: free_port(),
    }
}

/// Rewrites `home`'s config: loopback GUI and listen addresses, no discovery, relays, NAT,
/// usage reporting, crash reporting or upgrades, the other device at its loopback address,
/// and the shared folder with a one-second watcher delay.
fn configure(home: &Home, other: &Home, folder: &Path) {
    let path = home.path.join("config.xml");
    let mut config = std::fs::read_to_string(&path).expect("config.xml");
    for (from, to) in [
        (
            "<address>127.0.0.1:8384</address>".to_string(),
            format!("<address>127.0.0.1:{}</address>", home.gui_port),
        ),
        (
            "<listenAddress>default</listenAddress>".into(),
            format!(
                "<listenAddress>tcp://127.0.0.1:{}</listenAddress>",
                home.listen_port
            ),
        ),
        (
            "<globalAnnounceEnabled>true".into(),
            "<globalAnnounceEnabled>false".into(),
        ),
        (
            "<localAnnounceEnabled>true".into(),
            "<localAnnounceEnabled>false".into(),
        ),
        ("<relaysEnabled>true".into(), "<relaysEnabled>false".into()),
        ("<natEnabled>true".into(), "<natEnabled>false".into()),
        ("<urAccepted>0".into(), "<urAccepted>-1".into()),
        ("<startBrowser>true".into(), "<startBrowser>false".into()),
        (
            "<autoUpgradeIntervalH>12".into(),
            "<autoUpgradeIntervalH>0".into(),
        ),
        (
            "<crashReportingEnabled>true".into(),
            "<crashReportingEnabled>false".into(),
        ),
        (
            "<reconnectionIntervalS>60".into(),
            "<reconnectionIntervalS>1".into(),
        ),
        // Syncthing refuses to scan when less than 1 % of the disk is free; a nearly full
        // build machine is not what this test is about, so the check is off (0 disables it).
        (
            r#"<minHomeDiskFree unit="%">1</minHomeDiskFree>"#.into(),
            r#"<minHomeDiskFree unit="%">0</minHomeDiskFree>"#.into(),
        ),
    ] {
        assert!(
            config.contains(&from),
            "config.xml has no {from}; Syncthing's format changed"
        );
        config = config.replacen(&from, &to, 1);
    }
    let shared = format!(
        r#"<folder id="{FOLDER_ID}" label="Loop" path="{}" type="sendreceive" rescanIntervalS="3600" fsWatcherEnabled="true" fsWatcherDelayS="1" ignorePerms="false" autoNormalize="true">
        <filesystemType>basic</filesystemType>
        <device id="{}"></device>
        <device id="{}"></device>
        <markerName>.stfolder</markerName>
        <maxConflicts>10</maxConflicts>
        <minDiskFree unit="%">0</minDiskFree>
    </folder>
    <device id="{}" name="other" compression="metadata" introducer="false" skipIntroductionRemovals="false" introducedBy="">
        <address>tcp://127.0.0.1:{}</address>
        <paused>false</paused>
    </device>
    <gui "#,
        xml_escape(&folder.display().to_string()),
        home.device_id,
        other.device_id,
        other.device_id,
        other.listen_port
    );
    config = config.replacen("<gui ", &shared, 1);
    std::fs::write(&path, config).expect("config written");
    std::fs::create_dir_all(folder.join(".stfolder")).expect("folder marker");
}

fn start(name: &'static str, home: Home) -> Syncthing {
    let log = std::fs::File::create(home.path.join("syncthing.log")).expect("log file");
    let err = log.try_clone().expect("log file");
    let child = Command::new("syncthing")
        .arg("serve")
        .arg(format!("--home={}", home.path.display()))
        .args(["--no-browser", "--no-restart", "--no-upgrade"])
        .env("STNORESTART", "1")
        .env("STNOUPGRADE", "1")
        .env("STNODEFAULTFOLDER", "1")
        .stdin(Stdio::null())
        .stdout(log)
        .stderr(err)
        .spawn()
        .expect("syncthing serve starts");
    Syncthing {
        name,
        child,
        home: home.path,
        gui_port: home.gui_port,
        api_key: home.api_key,
        device_id: home.device_id,
    }
}

/// Polls `check` until it gives a value or the test's budget runs out.
fn wait_for<T>(
    started: Instant,
    what: &str,
    logs: &[&Syncthing],
    mut check: impl FnMut() -> Option<T>,
) -> T {
    loop {
        if let Some(value) = check() {
            eprintln!("{what}: after {:?}", started.elapsed());
            return value;
        }
        if started.elapsed() > BUDGET {
            let logs: Vec<String> = logs.iter().map(|s| s.log()).collect();
            panic!(
                "timed out after {:?} waiting for {what}\n{}",
                started.elapsed(),
                logs.join("\n")
            );
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

fn submitted(plan: &interview_scorecard::model::loop_plan::LoopPlan, id: &str) -> Session {
    let mut session = scorecard(plan, id, "Ada Lovelace", 3, Recommendation::Yes, true);
    // Signed by the store with the interviewer's own key, as in the app.
    session.signature = None;
    session
}

#[test]
fn scorecards_travel_through_syncthing_and_a_conflict_is_counted_once() {
    let on_path = Command::new("syncthing").arg("--version").output();
    assert!(
        on_path.as_ref().is_ok_and(|o| o.status.success()),
        "`syncthing` is not on the PATH ({on_path:?}). This test runs a real Syncthing: install \
         it (Debian: `apt-get install syncthing`; `.ci/run` does this as root) and run it again."
    );
    let started = Instant::now();
    let root = tempfile::tempdir().expect("temp dir");
    let (folder_a, folder_b) = (root.path().join("shared-a"), root.path().join("shared-b"));
    let (data_a, data_b) = (root.path().join("data-a"), root.path().join("data-b"));
    let home_a = generate(&root.path().join("home-a"));
    let home_b = generate(&root.path().join("home-b"));
    configure(&home_a, &home_b, &folder_a);
    configure(&home_b, &home_a, &folder_b);
    // Before the two machines ever meet, both interviewers' apps write the same draft with
    // different content: when they connect, Syncthing keeps one and makes a conflict copy.
    let plan = three_interview_loop();
    save_loop_plan(&folder_a.join("backend.loop.ron"), &plan).expect("plan");
    let draft = scorecard(
        &plan,
        "behaviour",
        "Ada Lovelace",
        2,
        Recommendation::No,
        false,
    );
    let mut on_a = draft.clone();
    on_a.summary = "Written on A before the machines met.".into();
    let draft_file = write_through_store(&data_a, &folder_a, &on_a);
    let mut on_b = draft.clone();
    on_b.summary = "Written on B before the machines met.".into();
    write_through_store(&data_b, &folder_b, &on_b);

    // A first, so B's first dial finds A listening (after a failed first dial Syncthing waits
    // many seconds before the next).
    let a = start("A", home_a);
    wait_for(started, "A's API", &[&a], || {
        matches!(a.get("/rest/system/ping"), Ok((200, _))).then_some(())
    });
    let b = start("B", home_b);
    wait_for(started, "A and B to connect", &[&a, &b], || {
        (a.connected_to(&b) && b.connected_to(&a)).then_some(())
    });

    // While connected, side A submits two scorecards through our store.
    write_through_store(&data_a, &folder_a, &submitted(&plan, "coding"));
    write_through_store(&data_a, &folder_a, &submitted(&plan, "design"));
    a.post_ok(&format!("/rest/db/scan?folder={FOLDER_ID}"));

    let draft_name = draft_file.file_name().expect("name").to_owned();
    let seen: LoopFolder = wait_for(
        started,
        "the scorecards and the conflict copy on side B",
        &[&a, &b],
        || {
            let loaded = load_loop_folder(&folder_b, SystemTime::now());
            (loaded.loops.len() == 1
                && loaded.panel.scorecards.len() == 3
                && loaded.conflicts().count() == 1
                && loaded.arriving.is_empty())
            .then_some(loaded)
        },
    );
    let now = at("2026-03-04T13:45:00+01:00");
    let sessions = seen.sessions();
    let ada = &seen.status(0, &sessions, now).expect("status")[0];
    assert!(
        matches!(ada.expected[0].receipt, Receipt::Submitted { .. }),
        "{ada:#?}"
    );
    assert!(
        matches!(ada.expected[1].receipt, Receipt::Submitted { .. }),
        "{ada:#?}"
    );
    assert!(
        matches!(ada.expected[2].receipt, Receipt::InProgress { .. }),
        "{ada:#?}"
    );
    assert!(ada.expected[2].others.is_empty(), "never double-counted");
    let kept = &sessions[ada.expected[2].scorecard.expect("draft")].summary;
    assert!(
        kept == &on_a.summary || kept == &on_b.summary,
        "one side's version stands: {kept}"
    );
    let conflict = seen.conflicts().next().expect("one conflict");
    match &conflict.reason {
        RejectReason::ConflictCopy {
            original,
            identical,
            by,
        } => {
            assert_eq!(original.file_name(), Some(draft_name.as_os_str()));
            assert!(!identical, "the two sides wrote different summaries");
            assert_eq!(*by, "Syncthing");
        }
        other => panic!("not a conflict copy: {other:?}"),
    }
    // Nothing else was left out: only the conflict copy is set aside.
    assert_eq!(seen.panel.rejected.len(), 1, "{:#?}", seen.panel.rejected);
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "took {:?}",
        started.elapsed()
    );
    drop((a, b));
}
