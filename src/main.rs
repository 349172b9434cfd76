//! `portal`: parses the command line and hands over to the library.

use clap::{CommandFactory, FromArgMatches};

fn main() -> std::process::ExitCode {
    let matches = portal::cli::Cli::command().get_matches();
    let cli = portal::cli::Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    // A command that changes state is recorded in the operators' admin actions once it succeeds.
    let action = portal::cli::admin_actions::CliAction::of(&matches);
    let config = cli.config.clone();
    let result = portal::cli::run(cli);
    portal::cli::admin_actions::after_command(&config, action, result.is_ok());
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            if let Some(usage) = e.downcast_ref::<portal::cli::domains::UsageError>() {
                eprintln!("error: {usage}");
                return std::process::ExitCode::from(2);
            }
            if let Some(failure) = e.downcast_ref::<portal::cli::domains::ReportedFailure>() {
                eprintln!("{failure}");
                return std::process::ExitCode::FAILURE;
            }
            eprintln!("error: {e}");
            for cause in e.chain().skip(1) {
                eprintln!("  caused by: {cause}");
            }
            std::process::ExitCode::FAILURE
        }
    }
}
