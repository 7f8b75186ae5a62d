//! `zhanqun catalog stats --year YYYY`: the yearly 主动公开 figures per organisation, read from
//! the content (no rendering), as a terminal table or JSON.

use crate::build::{BuildError, analyse};
use crate::catalog::{YearStats, entries};
use std::path::Path;

/// The statistics of `year` (this year in the cluster's time zone by default) for the cluster at
/// `root`, as a table or (with `json`) as JSON.
pub fn catalog_stats(root: &Path, year: Option<i32>, json: bool) -> Result<String, BuildError> {
    use chrono::Datelike;
    let analysis = analyse(root)?;
    let cluster = &analysis.cluster;
    let year = year.unwrap_or_else(|| cluster.config.clock.today().year());
    let stats = YearStats::of_cluster(cluster, &entries(cluster, &analysis.pages), &year.to_string());
    Ok(if json {
        let mut s = serde_json::to_string_pretty(&stats).expect("statistics always serialize");
        s.push('\n');
        s
    } else {
        stats.to_table()
    })
}
