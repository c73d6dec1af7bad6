//! Command-line tests: the `scorecard` binary run as a user would run it, on temporary data
//! folders (each test passes its folder explicitly, so tests sharing this process never race).

// Helpers shared with the other test binaries live in `tests/support/`; each binary that needs
// one includes the same file.
#[path = "../support/health.rs"]
mod health_support;
#[path = "../support/loops.rs"]
mod loop_support;
#[path = "../support/panel.rs"]
mod panel_support;

mod cli;
mod durability;
mod export_cli;
mod hostile_inputs;
mod import_cli;
mod loop_cli;
mod panel_cli;
mod run;
mod stats;
