//! The command line: clap's types, converted once into the program's own.

use std::net::IpAddr;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::model::EntityKind;
use crate::BuildOptions;

/// casebook: a static site generator for case explainers.
///
/// Keep one Markdown file per party, claim, event and source of a legal case;
/// casebook checks every reference and builds a cross-linked site with a timeline.
#[derive(Debug, Parser)]
#[command(name = "casebook", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands of SPEC §7.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output directory (exit 1 on content errors, 2 on usage or I/O errors)
    Build {
        /// Site root and drafts.
        #[command(flatten)]
        site: SiteArgs,
        /// Output directory and --force.
        #[command(flatten)]
        output: OutArgs,
        /// Absolute base URL for sitemap, feed and canonical links (overrides casebook.yaml)
        #[arg(long, value_name = "URL", value_parser = parse_base_url)]
        base_url: Option<String>,
    },
    /// Build, serve the output on a local port and rebuild on every change
    #[command(visible_alias = "serve")]
    Watch {
        /// Site root and drafts.
        #[command(flatten)]
        site: SiteArgs,
        /// Output directory and --force.
        #[command(flatten)]
        output: OutArgs,
        /// Port of the preview server
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Address to listen on (loopback unless you say otherwise)
        #[arg(long, default_value = "127.0.0.1")]
        bind: IpAddr,
        /// Open the site in the browser once it is served
        #[arg(long)]
        open: bool,
    },
    /// Check the site without writing anything: lists every mistake with file:line:col
    Check {
        /// Site root and drafts.
        #[command(flatten)]
        site: SiteArgs,
    },
    /// Create a new content file from a template
    New {
        /// What to create
        kind: NewKind,
        /// The id: the file name without .md (lowercase letters, digits, hyphens)
        id: String,
        /// The title [default: made from the id]
        #[arg(long)]
        title: Option<String>,
        /// The date of an event, or of a source (YYYY, YYYY-MM, YYYY-MM-DD, …) [default for events: today]
        #[arg(long)]
        date: Option<String>,
        /// What a party is: person, company, organization, court, government, other [default: person]
        #[arg(long = "kind", id = "party_kind", value_name = "KIND")]
        party_kind: Option<String>,
        /// Create a translation of the existing entity into this language
        /// (one of `translations` in casebook.yaml): <id>.<lang>.md
        #[arg(long, value_name = "LANG", conflicts_with = "date")]
        lang: Option<String>,
        /// Site root
        #[arg(long, value_name = "DIR", default_value = ".")]
        root: PathBuf,
    },
    /// Create a new site with the default theme in DIR
    Init {
        /// Where to create the site (must not exist or be empty)
        dir: PathBuf,
        /// Also write a workflow that publishes the site on this CI's pages
        #[arg(long, value_name = "CI")]
        ci: Option<Ci>,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell)
    Completions {
        /// The shell to complete for
        shell: clap_complete::Shell,
    },
}

/// The CI services `init --ci` writes a publishing workflow for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Ci {
    /// GitHub Actions, publishing to GitHub Pages (.github/workflows/pages.yml)
    Github,
}

/// The options every pipeline command shares.
#[derive(Debug, clap::Args)]
pub struct SiteArgs {
    /// Site root (the folder with casebook.yaml)
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Include drafts
    #[arg(long)]
    pub drafts: bool,
}

/// Where the site is written.
#[derive(Debug, clap::Args)]
pub struct OutArgs {
    /// Output directory [default: <root>/public]
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Replace the output directory even if no casebook build wrote it (its files are deleted)
    #[arg(long)]
    pub force: bool,
}

/// The entity types `new` can create.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum NewKind {
    /// A person, company, organization, court or agency
    Party,
    /// A legal claim or defence
    Claim,
    /// A dated happening on the timeline
    Event,
    /// An article, filing, order or statement
    Source,
    /// A free page (about, glossary, method)
    Page,
    /// A case in one court under one docket
    Proceeding,
}

impl NewKind {
    pub(crate) fn entity_kind(self) -> EntityKind {
        match self {
            NewKind::Party => EntityKind::Party,
            NewKind::Claim => EntityKind::Claim,
            NewKind::Event => EntityKind::Event,
            NewKind::Proceeding => EntityKind::Proceeding,
            NewKind::Source => EntityKind::Source,
            NewKind::Page => EntityKind::Page,
        }
    }
}

/// `--base-url` is checked as it is parsed, like every other option, so a
/// wrong one is a usage error (exit 2) before anything is read or built.
fn parse_base_url(url: &str) -> Result<String, String> {
    crate::load::config::normalize_base_url(url).map(|_| url.to_owned())
}

impl SiteArgs {
    /// The build options these arguments mean.
    pub fn build_options(&self, output: &OutArgs, base_url: Option<String>) -> BuildOptions {
        BuildOptions {
            out: output
                .out
                .clone()
                .unwrap_or_else(|| self.root.join(crate::site::DEFAULT_OUT_DIR)),
            root: self.root.clone(),
            base_url,
            drafts: self.drafts,
            force: output.force,
        }
    }
}
