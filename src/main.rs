use std::process::ExitCode;

use clap::Parser;
use interview_scorecard::cli::{self, Cli};

fn main() -> ExitCode {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn")).init();
    let args = Cli::parse();
    match &args.command {
        Some(command) => {
            let code = cli::run(
                &args,
                command,
                &mut std::io::stdout(),
                &mut std::io::stderr(),
            );
            ExitCode::from(code.clamp(0, 255) as u8)
        }
        None => match interview_scorecard::ui::run_app(args.data_dir.clone(), args.bank.clone()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(err) => {
                eprintln!("error: could not open the window: {err}");
                ExitCode::from(1)
            }
        },
    }
}
