//! `portal`: parses the command line and hands over to the library.

use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = portal::cli::Cli::parse();
    match portal::cli::run(cli) {
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
