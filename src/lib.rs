//! zhanqun (站群): a static-site generator for intensive government website clusters.
//!
//! The modules are the stages of the build, in the order data flows through them:
//! [`load`] → [`scan`] → [`parse`] → [`check`] → [`catalog`] → [`assemble`] → [`render`] →
//! [`rewrite`] → [`emit`] → [`hant`] (the 繁體 view) → [`search`] (the index), driven by
//! one [`build::Build`]. Below them sit shared leaves ([`diagnostic`], [`messages`], [`text`],
//! [`labels`], [`progress`]); above them what runs stages: [`inspect`] (`zhanqun check`),
//! [`cache`], [`build`], [`serve`] (the editor's preview) and [`commands`] (`init`, `new`), then
//! [`audit`] (Git history) and [`editor`] (the web editor and `assign`).
//! A module uses only those before it in this order (`tests/testsuite/layers.rs` holds the order).

pub mod assemble;
pub mod audit;
pub mod build;
pub mod cache;
pub mod catalog;
pub mod check;
pub mod commands;
pub mod diagnostic;
pub mod editor;
pub mod emit;
pub mod fuzzing;
pub mod hant;
pub mod inspect;
pub mod labels;
pub mod load;
pub mod messages;
mod parallel;
pub mod parse;
pub mod progress;
pub mod render;
pub mod rewrite;
pub mod scan;
pub mod search;
pub mod serve;
pub mod text;

pub use assemble::ScheduledPage;
pub use build::{BuildError, BuildOptions, BuildReport, Mode, build};
pub use diagnostic::{Diagnostic, Severity};
