//! The disclosure catalog (政府信息公开目录): every disclosed document of the cluster as one
//! record keyed by its 索引号, built from parsed pages (no rendering), written as JSON and CSV for
//! auditors, rendered as catalog and facet pages, and compared between two points in time.

mod diff;
mod diff_csv;
mod diff_table;
mod entry;
mod files;
pub(crate) mod git;
mod git_says;
mod labels;
mod source;
mod stats;
mod stats_table;
mod width;

pub use diff::{
    BackdateReason, BackdatedDocument, CatalogDiff, ChangeKind, ChangedDocument, DIFF_SCHEMA_VERSION, DiffReport,
    DuplicateIndexNo, FieldChange, InputKind, RenumberedDocument, ScheduledDocument, Side, SideInfo, Summary, diff,
};
pub use diff_csv::diff_to_csv;
pub use diff_table::render_table;
pub use entry::{CatalogEntry, entries};
pub use files::{
    Catalog, CatalogPieces, FileGroup, SCHEMA_VERSION, file_urls, files, site_files, to_csv, to_json, write_files,
    write_files_but,
};
pub use git::{GitError, RevisionCatalog, read_revisions};
pub use source::{DiffInputError, DiffInputs, DiffOutcome, DiffWarning, compare, read_catalog, read_path};
pub use stats::{OrgStats, YearStats};
