//! Core tests: the model, store, import and export libraries without the GUI or the binary.

// Helpers shared with the other test binaries live in `tests/support/`; each binary that needs
// one includes the same file.
#[path = "../support/health.rs"]
mod health_support;
#[path = "../support/loops.rs"]
mod loop_support;

mod bank_examples;
mod bank_quality;
mod export;
mod export_pdf;
mod figures_agree;
mod health;
mod import;
mod import_hostile;
mod import_props;
mod import_shapes;
mod loader;
mod loop_core;

mod loop_sync;
