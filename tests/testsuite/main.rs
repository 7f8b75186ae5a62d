//! The integration tests, in one test binary (one module per feature, as mdBook and ripgrep
//! do): CI compiles and links one binary instead of one per feature. Each module spawns the
//! `zhanqun` binary on the fixture clusters in `tests/fixtures/` (see `common`).

mod common;

mod audit;
mod bad_input;
mod brand;
mod calendar;
mod catalog;
mod catalog_calendar;
mod catalog_diff;
mod check;
mod ci_pipelines;
mod cli;
mod deploy;
mod determinism;
mod dist;
mod docs;
mod drafts;
mod editor;
mod feeds;
mod fuzz_corpus;
mod gongwen;
mod hant;
mod hostile;
mod incremental;
mod interaction;
mod layers;
mod manuals;
mod markup_and_access;
mod messages;
mod mistakes;
mod nginx;
mod obligations;
mod own_text;
mod placeholders;
mod scheduled;
mod search;
mod serve;
mod shard;
mod snapshots;
mod static_server;
mod theme;
mod topics;
mod verify;
mod vocabularies;
mod voice;
mod voice_load;
