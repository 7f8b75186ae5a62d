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

/// Runs every cross-page rule, adding findings to `diags`. The rules do not depend on each
/// other: they run side by side (each was a serial pass over every page, ~70 ms at 100,000
/// pages in all), their findings added in the order of the rules.
pub fn check(cluster: &Cluster, pages: &[Page], diags: &mut Diagnostics) {
    use rayon::prelude::*;
    type Rule<'a> = &'a (dyn Fn(&mut Diagnostics) + Sync);
    let rules: [Rule<'_>; 7] = [
        &|d| unique::urls(pages, d),
        &|d| unique::index_numbers(pages, d),
        &|d| disclosure::fields(cluster, pages, d),
        &|d| interaction::fields(cluster, pages, d),
        &|d| interprets::links(cluster, pages, d),
        &|d| vocabulary::fields(cluster, pages, d),
        &|d| placeholder::furniture_warnings(cluster, d),
    ];
    let found: Vec<Diagnostics> = rules
        .par_iter()
        .map(|rule| {
            let mut d = Diagnostics::default();
            rule(&mut d);
            d
        })
        .collect();
    for d in found {
        diags.extend(d);
    }
}
