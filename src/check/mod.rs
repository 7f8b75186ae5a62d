//! Stage 4, check: rules across pages that no single file can see — unique URLs and 索引号,
//! disclosure metadata in the forms and vocabularies the norms require, interpretations naming
//! real documents, example values left in the settings every footer shows.

pub mod data;
mod disclosure;
mod interaction;
mod interprets;
pub mod placeholder;
mod unique;
mod vocabulary;

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
    vocabulary::fields(cluster, pages, diags);
    placeholder::furniture_warnings(cluster, diags);
}
