//! The CLI actions other than `build`: a new cluster skeleton, a new page, yearly catalog
//! statistics, merging shard outputs, verifying a deployed copy, the theme's overrides.

mod catalog_stats;
mod init;
mod merge;
mod new_page;
mod theme;
mod verify;

pub use catalog_stats::catalog_stats;
pub use init::{InitError, init};
pub use merge::{MergeError, MergeReport, merge};
pub use new_page::{LEDGER_FILE, NewPageError, new_page};
pub(crate) use new_page::{index_no, read_ledger, write_ledger};
pub use theme::{EjectError, FileState, ThemeFile, ThemeListing, builtin_path, theme_eject, theme_list};
pub use verify::{SignatureStatus, VerifyError, VerifyReport, verify};
