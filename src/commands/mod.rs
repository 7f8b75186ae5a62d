//! The CLI actions other than `build`: a new cluster skeleton, a new page.

mod init;
mod new_page;

pub use init::{init, InitError};
pub use new_page::{new_page, NewPageError, LEDGER_FILE};
