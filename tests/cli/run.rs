//! Running the `scorecard` binary on a data folder, as the command-line tests do.

use std::path::Path;
use std::process::{Command, Output};

/// Runs `scorecard ARGS` with `data` as its data folder and waits for it.
pub fn scorecard(args: &[&str], data: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_scorecard"))
        .args(args)
        .env("SCORECARD_DATA_DIR", data)
        .output()
        .expect("run scorecard")
}

/// Output bytes as text, for messages and assertions.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).to_string()
}
