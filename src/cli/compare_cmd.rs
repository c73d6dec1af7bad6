//! `scorecard compare`.

use std::io::Write;
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct CompareArgs {
    /// Input file(s).
    pub paths: Vec<PathBuf>,
}

pub fn run(_args: &CompareArgs, _out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<i32> {
    writeln!(err, "scorecard compare is not available in this build")?;
    Ok(2)
}
