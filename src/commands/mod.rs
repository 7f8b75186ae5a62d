//! The CLI actions other than `build`: a new cluster skeleton, a new page.

mod init;
mod new_page;

pub use init::{InitError, init};
pub use new_page::{LEDGER_FILE, NewPageError, new_page};
