//! The harness of the integration tests, shared by `cli.rs`, `session.rs` and
//! `watch.rs`: a site copied from a fixture into a folder of the test's own
//! (`site`), the real binary run on it (`run`) or left running (`watch`), and
//! the links of its output (`links`).
//!
//! Like mdBook's `BookTest`, a test names a fixture under `tests/sites/`, runs
//! one command and checks exact output, so it reads in a few lines:
//!
//! ```ignore
//! Site::fixture("unknown-id")
//!     .build()
//!     .assert_errors(&["content/events/suit.md:6:5: unknown id \"amazn\" (did you mean \"amazon\"?)"])
//!     .assert_sentinel_untouched();
//! ```
//!
//! Hermetic: every test works in its own `tempfile::TempDir` and looks at
//! nothing outside it (not the system temp folder, not the home folder, not
//! the network), so leftovers of other programs cannot fail it.

#![allow(dead_code)] // each test binary uses its own part of the harness

pub mod browser;
pub mod links;
pub mod run;
pub mod site;
pub mod watch;
