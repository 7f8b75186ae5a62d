//! zhanqun (站群): a static-site generator for intensive government website clusters.
//!
//! The modules are the stages of the build, in the order data flows through them:
//! [`load`] → [`scan`] → [`parse`] → [`check`] → [`assemble`] → [`render`] → [`rewrite`] →
//! [`emit`], driven by [`pipeline`]; [`search`] builds the cluster's search index from the
//! rewritten pages. [`serve`] is the editor's preview that re-runs the pipeline
//! incrementally on file events. [`commands`] holds the other CLI actions (`init`, `new`).

pub mod assemble;
pub mod audit;
pub mod cache;
pub mod catalog;
pub mod check;
pub mod commands;
pub mod diagnostic;
pub mod emit;
pub mod fuzzing;
pub mod hant;
pub mod inspect;
pub mod load;
pub mod messages;
mod parallel;
pub mod parse;
pub mod pipeline;
pub mod progress;
pub mod render;
pub mod rewrite;
pub mod scan;
pub mod search;
pub mod serve;

pub use diagnostic::{Diagnostic, Severity};
pub use pipeline::{BuildError, BuildOptions, BuildReport, ScheduledPage, build};
