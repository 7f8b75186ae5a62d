//! Stage 4, check: rules across pages that no single file can see — unique URLs and 索引号,
//! disclosure metadata in the forms the norms require, interpretations naming real documents.

mod disclosure;
mod interaction;
mod interprets;
mod unique;

pub use disclosure::{doc_number_fix, index_no_parts};
pub use interprets::Interprets;

use crate::diagnostic::Diagnostics;
use crate::load::Cluster;
use crate::parse::Page;

/// Runs every cross-page rule, adding findings to `diags`.
pub fn check(cluster: &Cluster, pages: &[Page], diags: &mut Diagnostics) {
    unique::urls(pages, diags);
    unique::index_numbers(pages, diags);
    disclosure::fields(cluster, pages, diags);
    interaction::fields(cluster, pages, diags);
    interprets::links(cluster, pages, diags);
}
