//! The `casebook` binary: parse the command line, run, report, exit.

use clap::Parser;

/// mimalloc instead of the system allocator: rendering allocates and frees
/// many small strings (Tera's values and output), see BENCHMARKS.md.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cli = casebook::cli::Cli::parse();
    std::process::exit(casebook::app::run(cli.command));
}
