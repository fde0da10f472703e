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
        /// Output directory [default: <root>/public]
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Absolute base URL for sitemap, feed and canonical links (overrides casebook.yaml)
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
    },
    /// Build, serve the output on a local port and rebuild on every change
    Watch {
        /// Site root and drafts.
        #[command(flatten)]
        site: SiteArgs,
        /// Output directory [default: <root>/public]
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Port of the preview server
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Address to listen on (loopback unless you say otherwise)
        #[arg(long, default_value = "127.0.0.1")]
        bind: IpAddr,
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
    },
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
}

impl NewKind {
    pub(crate) fn entity_kind(self) -> EntityKind {
        match self {
            NewKind::Party => EntityKind::Party,
            NewKind::Claim => EntityKind::Claim,
            NewKind::Event => EntityKind::Event,
            NewKind::Source => EntityKind::Source,
            NewKind::Page => EntityKind::Page,
        }
    }
}

impl SiteArgs {
    /// The build options these arguments mean.
    pub fn build_options(&self, out: Option<PathBuf>, base_url: Option<String>) -> BuildOptions {
        BuildOptions {
            out: out.unwrap_or_else(|| self.root.join(crate::site::DEFAULT_OUT_DIR)),
            root: self.root.clone(),
            base_url,
            drafts: self.drafts,
        }
    }
}
