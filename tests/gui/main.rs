//! GUI tests: the views driven through egui_kittest by their accessible names, with snapshots
//! under `tests/snapshots/`. One binary for every GUI test, so eframe and wgpu are linked once.

// Helpers shared with the other test binaries live in `tests/support/`; each binary that needs
// one includes the same file.
#[path = "../support/health.rs"]
mod health_support;
#[path = "../support/loops.rs"]
mod loop_support;
#[path = "../support/panel.rs"]
mod panel_support;

mod common;
mod editing_support;

mod bank_reload;
mod bank_view;
mod editor;
mod health_view;
mod history;
mod import_dialog;
mod interview_view;
mod loop_amend;
mod loop_schedule;
mod loop_view;
mod panel_view;
mod scorecard_view;
mod scorecard_view_save_path;
mod scripts_and_themes;
