//! Yearly disclosure statistics: how many documents each organisation proactively disclosed in
//! a year, by 主题分类 and 体裁分类 — the figures of the 主动公开政府信息情况 part of the annual
//! report (年报), for `zhanqun catalog stats` and the portal's statistics pages. The names here
//! (未分类, 全部机构, the chart's title) are values of the JSON and text of the website's
//! statistics page, not messages; the terminal table is in `stats_table`.

use super::CatalogEntry;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Label used when a document has no topic or genre.
pub(super) const UNCLASSIFIED: &str = "未分类";

/// Counts for one organisation (or the whole cluster).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OrgStats {
    /// Site id (`cluster` for the total).
    pub site: String,
    /// Organisation name.
    pub name: String,
    /// Documents published in the year.
    pub total: usize,
    /// By first-level 主题分类.
    pub by_topic: BTreeMap<String, usize>,
    /// By 体裁分类.
    pub by_genre: BTreeMap<String, usize>,
    /// By column (政策文件, 规划计划…).
    pub by_column: BTreeMap<String, usize>,
}

impl OrgStats {
    fn new(site: &str, name: &str) -> OrgStats {
        OrgStats {
            site: site.to_owned(),
            name: name.to_owned(),
            total: 0,
            by_topic: BTreeMap::new(),
            by_genre: BTreeMap::new(),
            by_column: BTreeMap::new(),
        }
    }

    fn add(&mut self, e: &CatalogEntry) {
        self.total += 1;
        *self
            .by_topic
            .entry(e.topic_class().filter(|t| !t.is_empty()).unwrap_or(UNCLASSIFIED).to_owned())
            .or_default() += 1;
        let genre = e.genre.as_deref().map(str::trim).filter(|g| !g.is_empty()).unwrap_or(UNCLASSIFIED);
        *self.by_genre.entry(genre.to_owned()).or_default() += 1;
        *self.by_column.entry(e.column_name.clone()).or_default() += 1;
    }
}

/// The statistics of one year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct YearStats {
    /// The year (`2026`).
    pub year: String,
    /// Every organisation in `sites` order, including those with no document that year
    /// (a zero is a finding for the annual report, not something to hide).
    pub organisations: Vec<OrgStats>,
    /// The cluster total.
    pub cluster: OrgStats,
}

impl YearStats {
    /// Counts the documents of `entries` published in `year`, for the organisations `sites`
    /// (id, name) in that order.
    pub fn compute(entries: &[CatalogEntry], year: &str, sites: &[(String, String)]) -> YearStats {
        let mut organisations: Vec<OrgStats> = sites.iter().map(|(id, name)| OrgStats::new(id, name)).collect();
        let mut cluster = OrgStats::new("cluster", "全部机构");
        for e in entries.iter().filter(|e| e.year() == year) {
            cluster.add(e);
            if let Some(o) = organisations.iter_mut().find(|o| o.site == e.site) {
                o.add(e);
            }
        }
        YearStats { year: year.to_owned(), organisations, cluster }
    }

    /// [`YearStats::compute`] for every site of `cluster`, in cluster order.
    pub fn of_cluster(cluster: &crate::load::Cluster, entries: &[CatalogEntry], year: &str) -> YearStats {
        let sites: Vec<(String, String)> = cluster.sites.iter().map(|s| (s.id.clone(), s.name.clone())).collect();
        YearStats::compute(entries, year, &sites)
    }

    /// An inline SVG bar chart of the documents per organisation (no script, no external
    /// resources), with a text alternative for screen readers.
    pub fn to_svg(&self) -> String {
        let rows: Vec<&OrgStats> = self.organisations.iter().collect();
        let max = rows.iter().map(|o| o.total).max().unwrap_or(0).max(1);
        let (label_w, bar_w, row_h) = (220usize, 420usize, 24usize);
        let height = rows.len() * row_h + 10;
        let mut svg = format!(
            "<svg class=\"bar-chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {height}\" role=\"img\" aria-labelledby=\"chart-title-{y}\"><title id=\"chart-title-{y}\">{y}年各机构主动公开文件数</title>",
            label_w + bar_w + 60,
            y = self.year
        );
        for (i, o) in rows.iter().enumerate() {
            let y = i * row_h + 5;
            let w = o.total * bar_w / max;
            let _ = write!(
                svg,
                "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"13\">{}</text><rect x=\"{label_w}\" y=\"{}\" width=\"{w}\" height=\"{}\" fill=\"#c8161d\"></rect><text x=\"{}\" y=\"{}\" font-size=\"13\">{}</text>",
                label_w - 8,
                y + 16,
                crate::text::escape_html(&o.name),
                y + 3,
                row_h - 8,
                label_w + w + 6,
                y + 16,
                o.total
            );
        }
        svg.push_str("</svg>");
        svg
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(site: &str, date: &str, topic: Option<&str>, genre: Option<&str>) -> CatalogEntry {
        CatalogEntry {
            index_no: format!("X/{}-00001", &date[..4]),
            title: "t".into(),
            doc_number: None,
            publisher: site.into(),
            site: site.into(),
            site_name: site.into(),
            column: "xxgk/zcwj".into(),
            column_name: "政策文件".into(),
            topic: topic.map(Into::into),
            genre: genre.map(Into::into),
            written: None,
            date: date.into(),
            valid: None,
            url: "/".into(),
            source: "s".into(),
            absolute_url: None,
        }
    }

    #[test]
    fn counts_by_year_organisation_topic_and_genre() {
        let entries = vec![
            entry("a", "2025-01-02", Some("综合政务\\政务公开"), Some("通知")),
            entry("a", "2025-03-02", Some("综合政务"), Some("通知")),
            entry("b", "2025-05-02", None, Some("意见")),
            entry("b", "2024-05-02", Some("其他"), Some("意见")),
        ];
        let sites = vec![("a".into(), "A局".into()), ("b".into(), "B镇".into()), ("c".into(), "C镇".into())];
        let s = YearStats::compute(&entries, "2025", &sites);
        assert_eq!(s.cluster.total, 3);
        assert_eq!(s.organisations.iter().map(|o| o.total).collect::<Vec<_>>(), vec![2, 1, 0]);
        assert_eq!(s.cluster.by_topic.get("综合政务"), Some(&2));
        assert_eq!(s.cluster.by_topic.get(UNCLASSIFIED), Some(&1));
        assert_eq!(s.cluster.by_genre.get("通知"), Some(&2));
        let svg = s.to_svg();
        assert_eq!(svg.matches("<rect").count(), 3);
        assert!(svg.contains("width=\"420\""), "the largest bar spans the full width: {svg}");
    }
}
