//! `catalog.json` and `catalog.csv`: the machine-readable catalogs auditors download and diff.

use super::CatalogEntry;
use crate::load::Cluster;
use serde::{Deserialize, Serialize};

/// Version of the `catalog.json` format; bumped on any incompatible change, described by
/// `schemas/catalog-v<N>.schema.json`.
pub const SCHEMA_VERSION: u32 = 2;

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

/// A [`Catalog`] that borrows its documents, serialized the same way: a build writes the
/// catalogs of 100,000 documents without copying them.
#[derive(Serialize)]
struct CatalogOf<'a, D: Serialize> {
    schema_version: u32,
    cluster: &'a str,
    scope: &'a str,
    count: usize,
    documents: D,
}

/// [`to_json`] of the catalog of `documents` for `scope`.
fn json_of<'a, D: Serialize>(cluster: &'a str, scope: &'a str, count: usize, documents: D) -> Vec<u8> {
    let catalog = CatalogOf { schema_version: SCHEMA_VERSION, cluster, scope, count, documents };
    let mut s = serde_json::to_vec_pretty(&catalog).expect("a catalog always serializes");
    s.push(b'\n');
    s
}

/// CSV that Excel opens with Chinese intact: UTF-8 with a byte-order mark, RFC 4180 quoting,
/// CRLF line ends.
pub fn to_csv<'a>(documents: impl IntoIterator<Item = &'a CatalogEntry>) -> Vec<u8> {
    let mut out = "\u{feff}".as_bytes().to_vec();
    {
        let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(&mut out);
        w.write_record(super::labels::CSV_HEADER).expect("write to memory");
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
                o(&d.absolute_url),
                d.source.clone(),
            ])
            .expect("write to memory");
        }
        w.flush().expect("write to memory");
    }
    out
}

/// The cluster-wide `catalog.json` and `catalog.csv` kept as one piece per document, so that a
/// changed document costs one piece and a concatenation, not a serialization of every document
/// (`zhanqun serve`). The pieces are indexed like the entries they were made from.
#[derive(Debug, Default)]
pub struct CatalogPieces {
    json: Vec<String>,
    csv: Vec<Vec<u8>>,
}

impl CatalogPieces {
    /// The pieces of every entry.
    pub fn new(entries: &[CatalogEntry]) -> CatalogPieces {
        use rayon::prelude::*;
        let (json, csv) = entries.par_iter().map(|e| (json_piece(e), csv_row(e))).unzip();
        CatalogPieces { json, csv }
    }

    /// Makes the pieces of entry `k` again.
    pub fn set(&mut self, k: usize, entry: &CatalogEntry) {
        if k < self.json.len() {
            self.json[k] = json_piece(entry);
            self.csv[k] = csv_row(entry);
        }
    }

    /// Exactly `catalog.json` and `catalog.csv` of [`files`] (`name` is the cluster's name).
    pub fn cluster_files(&self, name: &str) -> [(String, Vec<u8>); 2] {
        let mut json = serde_json::to_string_pretty(&Catalog::new(name, "cluster", Vec::new()))
            .expect("a catalog always serializes");
        if !self.json.is_empty() {
            json.truncate(json.len() - "[]\n}".len());
            let total: usize = self.json.iter().map(|p| p.len() + 2).sum();
            json.reserve(total + 16);
            json.push('[');
            for (i, piece) in self.json.iter().enumerate() {
                json.push_str(if i == 0 { "\n" } else { ",\n" });
                json.push_str(piece);
            }
            json.push_str("\n  ]\n}");
            // The last `"count": 0,` is the field (the cluster name before it is escaped).
            if let Some(at) = json.rfind("\"count\": 0,") {
                json.replace_range(at..at + "\"count\": 0,".len(), &format!("\"count\": {},", self.json.len()));
            }
        }
        json.push('\n');
        let mut csv = to_csv(&[]);
        csv.reserve(self.csv.iter().map(Vec::len).sum());
        for row in &self.csv {
            csv.extend_from_slice(row);
        }
        [("catalog.json".to_owned(), json.into_bytes()), ("catalog.csv".to_owned(), csv)]
    }
}

/// One document as it appears in the `documents` array of `catalog.json` (indented).
fn json_piece(e: &CatalogEntry) -> String {
    let pretty = serde_json::to_string_pretty(e).expect("an entry always serializes");
    let mut out = String::with_capacity(pretty.len() + 64);
    for (i, line) in pretty.lines().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str("    ");
        out.push_str(line);
    }
    out
}

/// One document's line of `catalog.csv`.
fn csv_row(e: &CatalogEntry) -> Vec<u8> {
    let whole = to_csv(std::slice::from_ref(e));
    let header = to_csv(&[]).len();
    whole[header..].to_vec()
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
    let mut out = Vec::new();
    let _ = write_files(cluster, entries, &mut |path, bytes| {
        out.push((path, bytes));
        Ok::<(), std::convert::Infallible>(())
    });
    out
}

/// The catalog files of [`file_urls`], each handed to `sink` as soon as it is made (so that
/// a build does not hold all of them at once).
pub fn write_files<E>(
    cluster: &Cluster,
    entries: &[CatalogEntry],
    sink: &mut dyn FnMut(String, Vec<u8>) -> Result<(), E>,
) -> Result<(), E> {
    write_files_but(cluster, entries, &mut |_| false, sink)
}

/// [`write_files`], but for the groups of files `kept` says the output holds already (as the
/// build cache finds them), which are not made.
pub fn write_files_but<E>(
    cluster: &Cluster,
    entries: &[CatalogEntry],
    kept: &mut dyn FnMut(&FileGroup<'_>) -> bool,
    sink: &mut dyn FnMut(String, Vec<u8>) -> Result<(), E>,
) -> Result<(), E> {
    let cluster_group = FileGroup {
        scope: "cluster",
        paths: ["catalog.json".to_owned(), "catalog.csv".to_owned()],
        entries: entries.iter().collect(),
    };
    let all: Vec<usize> = (0..cluster.sites.len()).collect();
    for group in std::iter::once(cluster_group).chain(site_groups(cluster, entries, &all)) {
        if !kept(&group) {
            let [first, second] = group.files(&cluster.config.name);
            let [p0, p1] = group.paths;
            sink(p0, first)?;
            sink(p1, second)?;
        }
    }
    Ok(())
}

/// The catalog files of the sites `sites` (indices) only, with their bytes.
pub fn site_files(cluster: &Cluster, entries: &[CatalogEntry], sites: &[usize]) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for group in site_groups(cluster, entries, sites) {
        let files = group.files(&cluster.config.name);
        out.extend(group.paths.into_iter().zip(files));
    }
    out
}

/// The groups of files of the sites `sites` (indices).
fn site_groups<'a>(
    cluster: &'a Cluster,
    entries: &'a [CatalogEntry],
    sites: &'a [usize],
) -> impl Iterator<Item = FileGroup<'a>> {
    sites.iter().filter_map(|&i| cluster.sites.get(i)).map(move |s| FileGroup {
        scope: &s.id,
        paths: [format!("catalog/{}.csv", s.id), format!("catalog/{}.json", s.id)],
        entries: entries.iter().filter(|e| e.site == s.id).collect(),
    })
}

/// The format of a [`FileGroup::key`]: part of it.
const GROUP_KEY_FORMAT: &str = "zhanqun-catalog-files-1";

/// The two files of one catalog: the cluster's (`catalog.json`, `catalog.csv`) or a site's.
pub struct FileGroup<'a> {
    /// `cluster`, or the site's id.
    pub scope: &'a str,
    /// The files' paths in the output, in the order they are written.
    pub paths: [String; 2],
    /// The documents they list, in order.
    pub entries: Vec<&'a CatalogEntry>,
}

impl FileGroup<'_> {
    /// The files' bytes, in the order of [`FileGroup::paths`] (`name` is the cluster's name).
    fn files(&self, name: &str) -> [Vec<u8>; 2] {
        let json = json_of(name, self.scope, self.entries.len(), &self.entries);
        let csv = to_csv(self.entries.iter().copied());
        if self.paths[0].ends_with(".json") { [json, csv] } else { [csv, json] }
    }

    /// SHA-256 (hex) of everything the files are made from — zhanqun's version, the cluster's
    /// name `name`, the scope, the paths and every field of every document in order — so that
    /// an unchanged key means unchanged files (the build cache then links the previous ones).
    pub fn key(&self, name: &str) -> String {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        let count = self.entries.len().to_string();
        for part in
            [GROUP_KEY_FORMAT, env!("CARGO_PKG_VERSION"), name, self.scope, &self.paths[0], &self.paths[1], &count]
        {
            h.update(part.as_bytes());
            h.update([0]);
        }
        let mut buf = Vec::new();
        for e in &self.entries {
            // Each field length-prefixed: the concatenation is unambiguous.
            buf = postcard::to_extend(e, std::mem::take(&mut buf)).expect("an entry always serializes");
            h.update(&buf);
            buf.clear();
        }
        hex::encode(h.finalize())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(no: &str, title: &str) -> CatalogEntry {
        CatalogEntry {
            index_no: no.into(),
            title: title.into(),
            doc_number: Some("测府发〔2026〕5号".into()),
            publisher: "测试县人民政府".into(),
            site: "portal".into(),
            site_name: "测试县人民政府".into(),
            column: "xxgk/zcwj".into(),
            column_name: "政策文件".into(),
            topic: Some("综合政务\\其他".into()),
            genre: None,
            written: None,
            date: "2026-09-01".into(),
            valid: Some("有效".into()),
            url: format!("/xxgk/zcwj/{no}/"),
            source: "content/portal/xxgk/zcwj/a.md".into(),
            absolute_url: None,
        }
    }

    #[test]
    fn pieces_join_to_the_serialized_catalog() {
        let name = "测试县\"群\"";
        for entries in
            [vec![], vec![entry("A/2026-00001", "一，\"引号\"\n换行")], vec![entry("A/1", "x"), entry("B/2", "y")]]
        {
            let mut pieces = CatalogPieces::new(&entries);
            let [(_, json), (_, csv)] = pieces.cluster_files(name);
            assert_eq!(String::from_utf8(json).unwrap(), to_json(&Catalog::new(name, "cluster", entries.clone())));
            assert_eq!(csv, to_csv(&entries));
            let borrowed: Vec<&CatalogEntry> = entries.iter().collect();
            assert_eq!(
                String::from_utf8(json_of(name, "portal", borrowed.len(), &borrowed)).unwrap(),
                to_json(&Catalog::new(name, "portal", entries.clone())),
                "the borrowed catalog serializes as the owned one"
            );
            if let Some(first) = entries.first() {
                let mut changed = entries.clone();
                changed[0] = CatalogEntry { title: "新标题".into(), ..first.clone() };
                pieces.set(0, &changed[0]);
                let [(_, json), (_, csv)] = pieces.cluster_files(name);
                assert_eq!(String::from_utf8(json).unwrap(), to_json(&Catalog::new(name, "cluster", changed.clone())));
                assert_eq!(csv, to_csv(&changed));
            }
        }
    }
}
