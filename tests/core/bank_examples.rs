//! Every Python example marked runnable still runs.
//!
//! The question format has no "runnable" field, so this list is the marker: each id names a
//! question whose `example` is self-contained Python that needs only the standard library
//! (Python 3.11 or newer). Examples that sketch framework code (Django, FastAPI, Redis, pandas),
//! shell commands or configuration files are illustrations and are not listed. A listed example
//! is run with `python3 -I` in an empty temporary folder; the test is skipped, with the reason
//! printed, when no suitable `python3` is installed.

use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use interview_scorecard::model::QuestionBank;
use interview_scorecard::store::bank_files;

const RUNNABLE: &[&str] = &[
    "be.django.middleware",
    "be.sql.dbapi-parameters",
    "code.algo.reverse-string",
    "code.algo.factorial-recursive-iterative",
    "code.algo.two-sum",
    "code.algo.valid-parentheses",
    "code.algo.binary-search-first",
    "code.algo.group-anagrams",
    "code.algo.merge-intervals",
    "code.algo.longest-unique-substring",
    "code.algo.top-k-frequent",
    "code.algo.lru-cache",
    "code.prac.parse-config",
    "code.prac.count-words",
    "code.prac.flatten-nested",
    "code.prac.log-summary",
    "code.prac.retry-decorator",
    "code.prac.merge-sorted-logs",
    "code.prac.ttl-kv-store",
    "py.fund.what-is-python",
    "py.fund.init-method",
    "py.fund.lists-vs-tuples",
    "py.fund.builtin-types",
    "py.fund.comments-vs-docstrings",
    "py.fund.input-and-conversion",
    "py.fund.pep8-basics",
    "py.fund.slicing-and-range",
    "py.fund.scope-global-nonlocal",
    "py.fund.fstrings-and-string-methods",
    "py.fund.bytecode-and-pyc",
    "py.fund.names-objects-identity",
    "py.fund.style-at-scale",
    "py.data.list-methods",
    "py.data.sets-and-dedup",
    "py.data.keyerror-handling",
    "py.data.sort-vs-sorted",
    "py.data.comprehensions",
    "py.data.shallow-vs-deep-copy",
    "py.data.collections-module",
    "py.data.array-vs-list",
    "py.data.itertools",
    "py.data.dict-ordering-and-hashing",
    "py.data.heapq-and-bisect",
    "py.data.namespaces",
    "py.data.memory-footprint-at-scale",
    "py.func.lambdas-and-conditional-expressions",
    "py.func.split-and-join",
    "py.func.pass-continue-break",
    "py.func.everyday-builtins",
    "py.func.decorator-basics",
    "py.func.self-and-bound-methods",
    "py.func.args-and-kwargs",
    "py.func.mutable-default-arguments",
    "py.func.first-class-functions",
    "py.func.operator-itemgetter-attrgetter",
    "py.func.lru-cache-memoization",
    "py.func.decorators-with-arguments",
    "py.func.recursion-limit",
    "py.func.context-managers-for-cleanup",
    "py.func.retry-decorator-design",
    "py.oop.defining-classes",
    "py.oop.inheritance-kinds",
    "py.oop.encapsulation-and-private-names",
    "py.oop.duck-typing-and-isinstance",
    "py.oop.overloading-vs-overriding",
    "py.oop.dataclasses",
    "py.oop.enums",
    "py.oop.singleton",
    "py.oop.super-and-mro",
    "py.oop.abc-vs-protocol",
    "py.oop.design-patterns",
    "py.oop.metaclasses",
    "py.oop.composition-vs-inheritance",
    "py.mod.name-main",
    "py.mod.import-system",
    "py.err.try-except-else-finally",
    "py.err.custom-exceptions",
    "py.err.finally-guarantees",
    "py.err.exception-chaining",
    "py.err.exception-groups",
    "py.err.library-exception-design",
    "py.io.with-open",
    "py.io.pathlib",
    "py.io.csv",
    "py.io.json",
    "py.io.binary-vs-text-seek",
    "py.io.check-then-open-race",
    "py.io.pickle-risks",
    "py.io.atomic-writes",
    "py.io.large-files",
    "py.adv.str-vs-repr",
    "py.adv.static-class-property",
    "py.adv.iterables-vs-iterators",
    "py.adv.closure-late-binding",
    "py.adv.dunder-methods",
    "py.adv.concurrent-futures",
    "py.adv.memory-management",
    "py.adv.descriptors-and-slots",
    "py.adv.asyncio-event-loop",
    "py.adv.weakref",
    "py.adv.queue-vs-asyncio-queue",
    "py.adv.calling-c",
    "py.test.tdd-first-test",
    "py.test.pytest-vs-unittest",
    "py.test.coverage-limits",
    "py.best.review-anti-patterns",
    "py.best.copy-bug-in-practice",
    "py.best.logging-not-print",
    "py.best.timezone-aware-datetimes",
    "py.best.dependency-injection",
    "py.best.pypy-cython-mypyc",
];

/// The longest one example may run before it counts as hung.
const TIME_LIMIT: Duration = Duration::from_secs(60);

fn bundled() -> QuestionBank {
    let (bank, problems) = QuestionBank::load(&bank_files::bundled_sources());
    assert!(
        problems.is_empty(),
        "bundled bank has problems: {problems:?}"
    );
    bank
}

/// The version of `python3` when it runs and is at least 3.11, otherwise the reason to skip.
fn python3() -> Result<String, String> {
    let output = Command::new("python3")
        .args([
            "-c",
            "import sys; print(sys.version.split()[0]); sys.exit(sys.version_info < (3, 11))",
        ])
        .stdin(Stdio::null())
        .output()
        .map_err(|err| format!("python3 is not installed or cannot start ({err})"))?;
    let version = String::from_utf8_lossy(&output.stdout).trim().to_string();
    if output.status.success() {
        Ok(version)
    } else {
        Err(format!(
            "python3 is {version}; the examples need 3.11 or newer"
        ))
    }
}

/// Runs one example in `dir`; `Err` holds what went wrong.
fn run_example(dir: &Path, code: &str) -> Result<(), String> {
    let script = dir.join("example.py");
    std::fs::write(script, code).map_err(|err| format!("could not write the script: {err}"))?;
    let stderr_path = dir.join("stderr.txt");
    let stderr = std::fs::File::create(&stderr_path).map_err(|err| err.to_string())?;
    let mut child = Command::new("python3")
        .args(["-I", "example.py"])
        .current_dir(dir)
        .env("PYTHONBREAKPOINT", "0")
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(stderr)
        .spawn()
        .map_err(|err| format!("could not start python3: {err}"))?;
    let started = Instant::now();
    let status = loop {
        match child.try_wait().map_err(|err| err.to_string())? {
            Some(status) => break status,
            None if started.elapsed() > TIME_LIMIT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("still running after {} s", TIME_LIMIT.as_secs()));
            }
            None => std::thread::sleep(Duration::from_millis(10)),
        }
    };
    if status.success() {
        return Ok(());
    }
    let text = std::fs::read_to_string(&stderr_path).unwrap_or_default();
    let tail: Vec<&str> = text.lines().rev().take(6).collect();
    Err(format!(
        "{status}:\n{}",
        tail.into_iter().rev().collect::<Vec<_>>().join("\n")
    ))
}

#[test]
fn every_listed_example_exists_once() {
    let bank = bundled();
    let mut seen = std::collections::BTreeSet::new();
    for id in RUNNABLE {
        assert!(seen.insert(*id), "{id} is listed twice");
        let question = bank
            .get(id)
            .unwrap_or_else(|| panic!("{id} is listed as runnable but is not in the bank"));
        assert!(
            !question.example.trim().is_empty(),
            "{id} is listed as runnable but has no example"
        );
    }
}

#[test]
fn runnable_examples_run_with_python3() {
    let version = match python3() {
        Ok(version) => version,
        Err(reason) => {
            eprintln!("skipping the runnable-example check: {reason}");
            return;
        }
    };
    let bank = bundled();
    // A few at a time: most of each run is interpreter start-up or an example's short sleep.
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get()) * 2;
    let next = AtomicUsize::new(0);
    let failures = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                while let Some(id) = RUNNABLE.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let Some(question) = bank.get(id) else {
                        continue; // reported by every_listed_example_exists_once
                    };
                    let dir = tempfile::tempdir().expect("temporary folder");
                    if let Err(problem) = run_example(dir.path(), &question.example) {
                        failures.lock().unwrap().push(format!("{id}: {problem}"));
                    }
                }
            });
        }
    });
    let mut failures = failures.into_inner().unwrap();
    failures.sort();
    println!("ran {} examples with Python {version}", RUNNABLE.len());
    assert!(
        failures.is_empty(),
        "{} of {} runnable examples failed with Python {version}:\n\n{}",
        failures.len(),
        RUNNABLE.len(),
        failures.join("\n\n")
    );
}
