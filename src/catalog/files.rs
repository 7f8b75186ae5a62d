//! `catalog.json` and `catalog.csv`: the machine-readable catalogs auditors download and diff.

use super::CatalogEntry;
use crate::load::Cluster;
use serde::{Deserialize, Serialize};

/// Version of the `catalog.json` format; bumped on any incompatible change, described by
/// `schemas/catalog-v<N>.schema.json`.
pub const SCHEMA_VERSION: u32 = 1;

/// The whole `catalog.json` document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Catalog {
    /// Format version ([`SCHEMA_VERSION`]).
    pub schema_version: u32,
    /// Cluster name (zhanqun.yaml `name`).
    pub cluster: String,
    /// `cluster` for the unified catalog, otherwise the site id.
    pub scope: String,
    /// Number of documents.
    pub count: usize,
    /// The documents, sorted by 索引号.
    pub documents: Vec<CatalogEntry>,
}

impl Catalog {
    /// A catalog of `documents` (already sorted by 索引号) for `scope`.
    pub fn new(cluster: &str, scope: &str, documents: Vec<CatalogEntry>) -> Catalog {
        Catalog {
            schema_version: SCHEMA_VERSION,
            cluster: cluster.to_owned(),
            scope: scope.to_owned(),
            count: documents.len(),
            documents,
        }
    }
}

/// Pretty, stable JSON (fields in declaration order, documents in 索引号 order, trailing newline).
pub fn to_json(catalog: &Catalog) -> String {
    let mut s = serde_json::to_string_pretty(catalog).expect("a catalog always serializes");
    s.push('\n');
    s
}

/// The CSV header: Chinese labels, as the catalog tables show them.
const CSV_HEADER: [&str; 13] = [
    "索引号",
    "标题",
    "文号",
    "发布机构",
    "主题分类",
    "体裁分类",
    "成文日期",
    "发布日期",
    "有效性",
    "站点",
    "栏目",
    "链接",
    "源文件",
];

/// CSV that Excel opens with Chinese intact: UTF-8 with a byte-order mark, RFC 4180 quoting,
/// CRLF line ends.
pub fn to_csv(documents: &[CatalogEntry]) -> Vec<u8> {
    let mut out = "\u{feff}".as_bytes().to_vec();
    {
        let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(&mut out);
        w.write_record(CSV_HEADER).expect("write to memory");
        for d in documents {
            let o = |v: &Option<String>| v.clone().unwrap_or_default();
            w.write_record([
                d.index_no.clone(),
                d.title.clone(),
                o(&d.doc_number),
                d.publisher.clone(),
                o(&d.topic),
                o(&d.genre),
                o(&d.written),
                d.date.clone(),
                o(&d.valid),
                d.site_name.clone(),
                d.column_name.clone(),
                d.url.clone(),
                d.source.clone(),
            ])
            .expect("write to memory");
        }
        w.flush().expect("write to memory");
    }
    out
}

/// Where the machine-readable catalogs go: `/catalog.json` and `/catalog.csv` for the whole
/// cluster, `/catalog/<site-id>.json` and `.csv` for each site (the portal's own documents
/// included), so that every file has one fixed, predictable URL whatever the site paths are.
pub fn file_urls(cluster: &Cluster) -> Vec<String> {
    let mut urls = vec!["/catalog.json".to_owned(), "/catalog.csv".to_owned()];
    for s in &cluster.sites {
        urls.push(format!("/catalog/{}.json", s.id));
        urls.push(format!("/catalog/{}.csv", s.id));
    }
    urls
}

/// The catalog files of [`file_urls`], with their bytes (output-relative path, bytes).
pub fn files(cluster: &Cluster, entries: &[CatalogEntry]) -> Vec<(String, Vec<u8>)> {
    let name = &cluster.config.name;
    let mut out = vec![
        ("catalog.json".to_owned(), to_json(&Catalog::new(name, "cluster", entries.to_vec())).into_bytes()),
        ("catalog.csv".to_owned(), to_csv(entries)),
    ];
    for s in &cluster.sites {
        let own: Vec<CatalogEntry> = entries.iter().filter(|e| e.site == s.id).cloned().collect();
        out.push((format!("catalog/{}.csv", s.id), to_csv(&own)));
        out.push((format!("catalog/{}.json", s.id), to_json(&Catalog::new(name, &s.id, own)).into_bytes()));
    }
    out
}
