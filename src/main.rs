//! The `casebook` binary: parse the command line, run, report, exit.

use clap::Parser;

fn main() {
    let cli = casebook::cli::Cli::parse();
    std::process::exit(casebook::app::run(cli.command));
}
