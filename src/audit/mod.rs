//! Who changed what, on proof: the rights and reviews (三审三校) `zhanqun audit-changes` checks
//! in CI against the SSH keys listed in the settings, the CODEOWNERS file `zhanqun owners`
//! writes from the same lists, and the publication log `zhanqun log` gives auditors.

mod changes;
mod history;
mod log;
mod owners;
mod proof;
mod words;

pub use changes::{AuditReport, Reviewed, Violation, audit_changes};
pub use history::{Change, Commit, Signature, commits};
pub use log::{ColumnCount, LogError, PageChange, PageRecord, PublicationLog, publication_log};
pub use owners::{Forge, codeowners};
pub use proof::{Actor, Scope, named_reviews};
