//! `zhanqun catalog stats` as a terminal table, in the chosen language.

use super::stats::{UNCLASSIFIED, YearStats};
use super::width::{display_width, pad, pad_left};
use crate::t;
use std::fmt::Write as _;

impl YearStats {
    /// A terminal table: one row per organisation, columns total and per column (栏目), then the
    /// cluster's breakdown by topic and genre.
    pub fn to_table(&self) -> String {
        let columns: Vec<&String> = self.cluster.by_column.keys().collect();
        let mut out = t!("catalog-stats-title", year = self.year.as_str());
        out.push_str("\n\n");
        let all = t!("catalog-stats-all");
        let width = self
            .organisations
            .iter()
            .map(|o| display_width(&o.name))
            .chain([display_width(&all)])
            .max()
            .unwrap_or(8)
            .max(8);
        let total = t!("catalog-stats-total");
        let _ = write!(out, "{}  {}", pad(&t!("catalog-stats-organisation"), width), pad_left(&total, 6));
        for c in &columns {
            let _ = write!(out, "  {}", pad(c, display_width(c).max(6)));
        }
        out.push('\n');
        let rows = self.organisations.iter().map(|o| (o.name.as_str(), o)).chain([(all.as_str(), &self.cluster)]);
        for (name, o) in rows {
            let _ = write!(out, "{}  {:>6}", pad(name, width), o.total);
            for c in &columns {
                let n = o.by_column.get(*c).copied().unwrap_or(0);
                let _ = write!(out, "  {:>w$}", n, w = display_width(c).max(6));
            }
            out.push('\n');
        }
        let unclassified = t!("catalog-stats-unclassified");
        for (label, map) in [
            (t!("catalog-stats-by-topic"), &self.cluster.by_topic),
            (t!("catalog-stats-by-genre"), &self.cluster.by_genre),
        ] {
            let _ = writeln!(out, "\n{label}");
            for (k, n) in map {
                let k = if k == UNCLASSIFIED { unclassified.as_str() } else { k.as_str() };
                let _ = writeln!(out, "  {}  {n:>6}", pad(k, 24));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::CatalogEntry;

    #[test]
    fn the_table_has_a_row_per_organisation_and_the_total() {
        let e = CatalogEntry {
            index_no: "X/2025-00001".into(),
            title: "t".into(),
            doc_number: None,
            publisher: "a".into(),
            site: "a".into(),
            site_name: "a".into(),
            column: "xxgk/zcwj".into(),
            column_name: "政策文件".into(),
            topic: None,
            genre: Some("通知".into()),
            written: None,
            date: "2025-01-02".into(),
            valid: None,
            url: "/".into(),
            source: "s".into(),
            absolute_url: None,
        };
        let sites = vec![("a".into(), "A局".into()), ("c".into(), "C镇".into())];
        let table = YearStats::compute(&[e], "2025", &sites).to_table();
        assert!(table.starts_with("2025年主动公开政府信息情况"), "{table}");
        let total_row = table.lines().find(|l| l.starts_with("全部机构")).expect("a total row");
        assert!(total_row.split_whitespace().nth(1) == Some("1"), "{table}");
        assert!(table.lines().any(|l| l.starts_with("C镇") && l.contains(" 0")), "{table}");
        assert!(table.contains("未分类"), "{table}");
    }
}
